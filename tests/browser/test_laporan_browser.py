"""The report's WhatsApp pictures in a real browser (issue 12, item 5): made on click in the
sidebar, then each offered as its own PNG download, the poster first; what the browser saves is
that one picture (no zip), named after the scope and date."""

from __future__ import annotations

from PIL import Image

SLIDE = [("1 · Situasi hari ini", "01-situasi"), ("3 · Kesiapan per kecamatan", "03-kesiapan"),
         ("7 · Netralitas ASN", "07-netralitas")]


def unduh(page, tombol) -> tuple[str, Image.Image]:
    with page.expect_download(timeout=60_000) as info:
        tombol.click()
    d = info.value
    return d.suggested_filename, Image.open(d.path())


def test_each_whatsapp_picture_downloads_on_its_own(contoh_server, tab, artefak):
    tab.open(contoh_server + "/?tgl=2024-11-25")
    page = tab.page
    samping = page.locator('[data-testid="stSidebar"]')
    samping.get_by_text("Unduh laporan").click()
    samping.get_by_test_id("stRadioGroup").get_by_text("Gambar PNG untuk WhatsApp", exact=True).click()
    samping.get_by_role("button", name="Buat laporan").click()
    poster = samping.get_by_role("button", name="Poster situasi hari ini (tegak)")
    poster.wait_for(timeout=240_000)
    tab.settle()
    tombol = samping.locator('[data-testid="stDownloadButton"]')
    assert tombol.count() == 8 and "Poster situasi hari ini (tegak)" in tombol.first.inner_text()
    samping.locator('[data-testid="stExpander"]').screenshot(path=str(artefak / "laporan-gambar-satu-per-satu.png"))
    nama, img = unduh(page, poster)
    assert nama == "laporan-99.01-2024-11-25-poster.png"
    assert img.format == "PNG" and img.size == (1080, 2160)
    for label, berkas in SLIDE:
        nama, img = unduh(page, samping.get_by_role("button", name=label))
        assert nama == f"laporan-99.01-2024-11-25-{berkas}.png"
        assert img.format == "PNG" and img.size == (1600, 900)
    assert tab.errors == [] and tab.external == []
