"""The real boundaries of the Kota Bekasi demo in a real browser (issue 12, item 7): every page map
draws them with the credit of their source right under it, and no "approximate boundaries" caveat
anywhere; the big screen's map carries the credit inside its picture (siaga.laporan.visual)."""

from __future__ import annotations

import pytest

from siaga.model import grafik

KREDIT = "Sumber batas wilayah: cahyadsn/wilayah_boundaries (© 2024 Cahya DSN, lisensi MIT)."
PETA = '[data-testid="stDeckGlJsonChart"]'


@pytest.mark.parametrize("halaman, nama", [("/", "ringkasan"), ("/kesiapan", "kesiapan"), ("/insiden", "insiden")])
def test_credit_under_every_page_map(server, tab, artefak, halaman, nama):
    tab.open(server + halaman + "?tgl=2024-11-23")
    page = tab.page
    peta = page.locator(PETA).first
    kredit = page.get_by_text(KREDIT, exact=False).first
    assert kredit.is_visible()
    kotak_peta, kotak_kredit = peta.bounding_box(), kredit.bounding_box()
    assert 0 <= kotak_kredit["y"] - (kotak_peta["y"] + kotak_peta["height"]) < 120      # right under the map
    assert grafik.BATAS_PERKIRAAN not in page.locator("body").inner_text()
    blok = page.locator('[data-testid="stVerticalBlock"]').filter(has=page.locator(PETA)).filter(has=kredit)
    blok.last.screenshot(path=str(artefak / f"batas-{nama}.png"))              # the map and what is said under it
    assert tab.errors == [] and tab.external == []


def test_big_screen_map_of_real_boundaries(server, tab, artefak):
    tab.open(server + "/?mode=layar&slide=3&jeda=1&tgl=2024-11-23")
    page = tab.page
    gambar = page.locator('[data-testid="stImage"] img').first
    assert gambar.is_visible()
    gambar.screenshot(path=str(artefak / "batas-layar.png"))
    assert grafik.BATAS_PERKIRAAN not in page.locator("body").inner_text()
    assert tab.errors == [] and tab.external == []
