"""AppTest: what every page with a map says under it about the boundaries (issue 12, item 7). On the
Kota Bekasi demo (real kelurahan boundaries) the credit of their source and licence, never the
"approximate boundaries" caveat; a region whose config marks its boundaries approximate still gets
the caveat, and one that says neither gets no note."""

from __future__ import annotations

import pytest

from siaga.inti import fmt
from siaga.model import grafik
from tests.apptest import buka, teks_markdown
from tests.conftest import ROOT

# as the caption's Markdown source (data text is escaped: fmt.md)
KREDIT = fmt.md("Sumber batas wilayah: cahyadsn/wilayah_boundaries (© 2024 Cahya DSN, lisensi MIT).")
HALAMAN = [None, "pages/kesiapan.py", "pages/insiden.py"]       # Ringkasan, Kesiapan, Insiden: the pages with a map


@pytest.mark.parametrize("halaman", HALAMAN)
def test_demo_maps_carry_the_credit_and_no_caveat(app_env, halaman):
    app_env(ROOT / "data", ROOT / "geo")
    at = buka(halaman, timeout=120, tgl="2024-11-23")
    assert not at.exception
    assert len(at.get("deck_gl_json_chart")) >= 1
    teks = teks_markdown(at)
    assert KREDIT in teks, halaman
    assert grafik.BATAS_PERKIRAAN not in teks and "perkiraan, bukan batas resmi" not in teks


@pytest.mark.parametrize("peta, diharap, tidak", [
    ('[peta]\nbatas_perkiraan = true\n', grafik.BATAS_PERKIRAAN, "Sumber batas wilayah"),
    ('[peta]\nsumber_batas = "BIG, RBI 1:25.000 (2023)"\n', fmt.md("Sumber batas wilayah: BIG, RBI 1:25.000 (2023)."),
     grafik.BATAS_PERKIRAAN),
])
def test_the_note_follows_the_region_config(app_env, contoh_dir, peta, diharap, tidak):
    toml = contoh_dir / "data" / "wilayah.toml"
    teks = toml.read_text(encoding="utf-8").replace("[peta]\nbatas_perkiraan = false\n", peta)
    assert teks != toml.read_text(encoding="utf-8")
    toml.write_text(teks, encoding="utf-8")
    app_env(contoh_dir / "data", contoh_dir / "geo")
    for halaman in HALAMAN:
        at = buka(halaman, timeout=90)
        assert not at.exception
        isi = teks_markdown(at)
        assert diharap in isi and tidak not in isi, halaman
