"""Minimum cell size of public aggregate views (issue 15, item 8): the public role never gets a
breakdown of neutrality cases per agency (OPD) with a group of fewer than ``[privasi]
sel_minimum`` cases (default 3); other roles get the groups unchanged."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from siaga.akses import Lingkup, sel
from siaga.inti.config import SEL_MINIMUM, muat_wilayah
from siaga.inti.masalah import MasalahError

D28 = dt.date(2024, 11, 28)


def _opd(*baris):
    return pd.DataFrame(baris, columns=["opd", "jumlah", "terbuka", "terlambat", "ditutup"])


def test_kelompok_kecil_digabung_untuk_publik():
    df = _opd(("Dinas A", 5, 2, 1, 3), ("Dinas B", 2, 1, 0, 1), ("Dinas C", 1, 1, 1, 0), ("Dinas D", 3, 0, 0, 3))
    out = sel.gabung_kecil("netralitas_opd", df, Lingkup("publik"), 3)
    assert list(out["opd"]) == ["Dinas A", "Dinas D", sel.label_lainnya(3)]
    assert out.iloc[-1][["jumlah", "terbuka", "terlambat", "ditutup"]].tolist() == [3, 2, 1, 1]
    assert out[["jumlah", "terbuka", "terlambat", "ditutup"]].sum().tolist() == \
        df[["jumlah", "terbuka", "terlambat", "ditutup"]].sum().tolist()           # totals unchanged
    assert (out["jumlah"].iloc[:-1] >= 3).all()
    assert out.dtypes.equals(df.dtypes)


@pytest.mark.parametrize("lingkup", [Lingkup("staf"), Lingkup("pimpinan"), Lingkup("camat", "32.75.01"), None])
def test_peran_lain_dan_kueri_lain_tidak_berubah(lingkup):
    df = _opd(("Dinas A", 5, 2, 1, 3), ("Dinas C", 1, 1, 1, 0))
    assert sel.gabung_kecil("netralitas_opd", df, lingkup, 3).equals(df)
    assert sel.gabung_kecil("netralitas_jenis", df, Lingkup("publik"), 3).equals(df)


def test_minimum_satu_tanpa_penggabungan():
    df = _opd(("Dinas C", 1, 1, 1, 0))
    assert sel.gabung_kecil("netralitas_opd", df, Lingkup("publik"), 1).equals(df)


def test_store_publik_tidak_melihat_opd_dengan_satu_kasus(contoh_store):
    """The fixture has three agencies with one case each: staff see them, the public one merged row."""
    staf = contoh_store.query("netralitas_opd", lingkup=Lingkup("staf"), tanggal=D28, kecamatan=None)
    assert len(staf) >= 2 and (staf["jumlah"] < 3).any()
    publik = contoh_store.query("netralitas_opd", lingkup=Lingkup("publik"), tanggal=D28, kecamatan=None)
    assert not set(publik["opd"]) & set(staf.loc[staf["jumlah"] < 3, "opd"])
    assert list(publik["opd"]) == [*staf.loc[staf["jumlah"] >= 3, "opd"], sel.label_lainnya(3)]
    assert publik["jumlah"].sum() == staf["jumlah"].sum()


def _wilayah(contoh_dir, tambahan: str):
    p = contoh_dir / "data" / "wilayah.toml"
    p.write_text(p.read_text(encoding="utf-8") + tambahan, encoding="utf-8")
    return muat_wilayah(contoh_dir / "data")


def test_config_sel_minimum(contoh_dir):
    assert muat_wilayah(contoh_dir / "data").sel_minimum == SEL_MINIMUM == 3
    assert _wilayah(contoh_dir, "\n[privasi]\nsel_minimum = 5\n").sel_minimum == 5


def test_config_sel_minimum_salah(contoh_dir):
    with pytest.raises(MasalahError) as e:
        _wilayah(contoh_dir, "\n[privasi]\nsel_minimum = 0\n")
    assert "privasi.sel_minimum" in str(e.value) and "1 sampai 100" in str(e.value)


def test_kecamatan_kecil_digabung_nol_tetap():
    """Per kecamatan: 1 or 2 cases merged, a kecamatan without a case keeps its row of zeros; the
    merged row has no code."""
    kolom = ["kode", "nama", "jumlah", "terbuka", "terlambat", "lapor_terlambat", "selesai", "tidak_terbukti"]
    df = pd.DataFrame([("01", "Alfa", 4, 1, 0, 1, 2, 1), ("02", "Beta", 1, 1, 1, 0, 0, 0),
                       ("03", "Gama", 0, 0, 0, 0, 0, 0), ("04", "Delta", 2, 0, 0, 0, 1, 1)], columns=kolom)
    out = sel.gabung_kecil("netralitas_kecamatan", df, Lingkup("publik"), 3)
    assert list(out["nama"]) == ["Alfa", "Gama", sel.label_lainnya(3)]
    assert list(out["kode"]) == ["01", "03", ""]
    assert out.iloc[-1][kolom[2:]].tolist() == [3, 1, 1, 0, 1, 1]
    assert out[kolom[2:]].sum().tolist() == df[kolom[2:]].sum().tolist()
    assert sel.gabung_kecil("netralitas_kecamatan", df, Lingkup("staf"), 3).equals(df)


def test_satu_kecamatan_dengan_sedikit_kasus_tidak_dirinci_untuk_publik(contoh_store):
    """The public demo viewing one kecamatan with 1 or 2 cases: every card says "< 3" and nothing is
    broken down; staff see the numbers and the breakdowns."""
    from siaga.akses import TAMU, Akses
    from siaga.model import netralitas
    from tests.conftest import konteks_uji

    per_kec = contoh_store.query("netralitas_kecamatan", lingkup=Lingkup("staf"), tanggal=D28, kecamatan=None,
                                 batas_lapor=netralitas.BATAS_LAPOR_HARI)
    kecil = per_kec[(per_kec["jumlah"] > 0) & (per_kec["jumlah"] < 3)]
    assert len(kecil), per_kec
    kode, jumlah = str(kecil["kode"].iloc[0]), int(kecil["jumlah"].iloc[0])

    def q(peran):
        return lambda name, **p: contoh_store.query(name, lingkup=Lingkup(peran), **p)

    publik = netralitas.susun(q("publik"), konteks_uji(D28, kecamatan=kode, akses=TAMU))
    assert [a.nilai for a in publik.angka] == ["< 3"] * 6
    assert not publik.ada_kasus and "kurang dari 3 kasus" in publik.kosong
    assert publik.grafik_alur is None and publik.grafik_opd is None and publik.kecamatan is None
    staf = netralitas.susun(q("staf"), konteks_uji(D28, kecamatan=kode, akses=Akses("staf1", "staf")))
    assert staf.angka[0].nilai == str(jumlah) and staf.ada_kasus and staf.grafik_alur is not None
