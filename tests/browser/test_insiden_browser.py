"""Insiden & Permasalahan in a real browser (Debian chromium, 1920×1080): no error, offline,
map and charts drawn, deep links, and the fixture's HTML payload shown as text."""

from __future__ import annotations

import math

from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import Tab

PAYLOAD = "<script>alert('x')</script> APK di pagar TPS"      # incident I3's summary in the fixture


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def _ada_warna(img: Image.Image, warna: tuple[int, int, int], toleransi: int = 40, langkah: int = 2) -> bool:
    px = img.load()
    return any(sum(abs(a - b) for a, b in zip(px[x, y], warna)) < toleransi
               for x in range(0, img.width, langkah) for y in range(0, img.height, langkah))


SELESAI = '[data-testid="stDownloadButton"]'          # the last element the page draws


def test_insiden_renders_without_errors_offline(server, tab, artefak):
    tab.open(server + "/insiden", ready=SELESAI, grafik=1)
    page = tab.page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text() == "Insiden & Permasalahan · Kota Bekasi"
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    # the demo's latest day is voting day: the incident window opens on the last 6 hours
    assert [t.strip() for t in labels[:5]] == ["Dilaporkan (6 jam terakhir)", "Masih terbuka",
                                               "Terbuka, keparahan tinggi", "Tindak lanjut terlambat",
                                               "Selesai (6 jam terakhir)"]
    assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1
    # map legend, daily timeline, status bars: three plotly charts, each drawn as SVG
    assert page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 3
    assert page.locator('[data-testid="stPlotlyChart"] .barlayer .point').count() >= 3
    assert page.locator('[data-testid="stDataFrame"]').count() == 2
    shot = tab.screenshot(artefak, "insiden-1920x1080")
    assert Image.open(shot).size[0] == 1920
    assert tab.errors == []
    assert tab.external == []          # no CDN, no tiles, nothing from the internet


def test_map_draws_points_and_shading(server, tab, artefak):
    tab.open(server + "/insiden", ready=SELESAI, grafik=1)
    peta = tab.page.locator('[data-testid="stDeckGlJsonChart"]').first
    path = artefak / "insiden-peta.png"
    peta.screenshot(path=str(path))
    img = Image.open(path).convert("RGB")
    from siaga.model import grafik
    from siaga.model import insiden as tampil
    for k in ("rendah", "sedang", "tinggi"):     # the demo has incidents of every severity with coordinates
        assert _ada_warna(img, _rgb(grafik.WARNA_KEPARAHAN[k])), f"no {k} point drawn"
    # the darkest grey class (the kecamatan with most incidents), blended at the layer's opacity
    a = tampil.ALFA_WILAYAH / 255
    latar = _rgb("#eef1f5")
    gelap = tuple(round(a * c + (1 - a) * b) for c, b in zip(_rgb(tampil.SKALA_ABU[-1]), latar))
    assert _ada_warna(img, gelap, toleransi=24), "no shaded kecamatan drawn"


def test_deep_link_reproduces_a_filtered_view(server, tab, artefak):
    tab.open(server + "/insiden?kec=32.75.07&tgl=2024-11-25&jendela=7hari", ready=SELESAI, grafik=1)
    page = tab.page
    assert page.locator("h1").first.inner_text() == "Insiden & Permasalahan · Kecamatan Bantargebang"
    main = page.locator('[data-testid="stMain"]')
    assert "Data per 25 November 2024" in main.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert labels[0].strip() == "Dilaporkan (7 hari terakhir)"
    radio = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]')
    assert radio.get_by_role("radio", name="7 hari terakhir").is_checked()
    tab.screenshot(artefak, "insiden-bantargebang-7hari")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert tab.errors == []
    assert tab.external == []


def test_window_radio_updates_the_url(server, tab):
    tab.open(server + "/insiden", ready=SELESAI, grafik=1)
    page = tab.page
    page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').get_by_text("24 jam terakhir").click()
    page.wait_for_url("**jendela=24jam**", timeout=30_000)
    tab.settle()
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert labels[0].strip() == "Dilaporkan (24 jam terakhir)"
    assert tab.errors == []


def _piksel(spec_view: dict, lon: float, lat: float, w: float, h: float) -> tuple[float, float]:
    """Screen position of (lon, lat) in a deck of w×h pixels (Web Mercator, deck.gl's 512-px world)."""
    skala = 512 * 2 ** spec_view["zoom"] / (2 * math.pi)

    def merc(lo, la):
        return (skala * (math.radians(lo) + math.pi),
                skala * (math.pi - math.log(math.tan(math.pi / 4 + math.radians(la) / 2))))

    x0, y0 = merc(spec_view["longitude"], spec_view["latitude"])
    x, y = merc(lon, lat)
    return w / 2 + (x - x0), h / 2 + (y - y0)


def test_fixture_payload_stays_text(contoh_server, browser, artefak):
    """Incident I3's summary carries a <script> payload: it shows as text in the table and in
    the map tooltip, and no script runs (no dialog opens)."""
    t = Tab(browser)
    dialogs: list[str] = []
    t.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        t.open(contoh_server + "/insiden?tgl=2024-11-25", ready=SELESAI, grafik=1)
        page = t.page
        assert page.locator("h1").first.inner_text() == "Insiden & Permasalahan · Kota Contoh"
        values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert values[:5] == ["3", "2", "1", "1", "1"]           # see tests/test_app_insiden.py
        tabel = page.locator('[data-testid="stDataFrame"]').last
        tabel.scroll_into_view_if_needed()
        t.settle()
        # the grid fills its accessible cells after it has drawn: wait for the cell, do not count at once
        expect(tabel.get_by_text(PAYLOAD, exact=True)).to_have_count(1, timeout=30_000)
        # hover I3 (placed at its TPS, 110.15 E 6.95 S) and read the tooltip
        peta = page.locator('[data-testid="stDeckGlJsonChart"]').first
        peta.scroll_into_view_if_needed()
        box = peta.bounding_box()
        from siaga.model import grafik
        view = grafik.view_state((110.0, -7.1, 110.2, -6.9))        # the fixture's kecamatan bounds
        x, y = _piksel({"zoom": view.zoom, "longitude": view.longitude, "latitude": view.latitude},
                       110.15, -6.95, box["width"], box["height"])
        page.mouse.move(box["x"] + x, box["y"] + y)
        tooltip = page.locator(".deck-tooltip")
        tooltip.wait_for(state="visible", timeout=10_000)
        teks = tooltip.inner_text()
        assert teks.startswith("I3 · Pelanggaran APK")
        assert PAYLOAD in teks
        assert tooltip.locator("script").count() == 0
        t.screenshot(artefak, "insiden-contoh-tooltip")
        assert dialogs == []
        assert page.locator("script:has-text(\"alert('x')\")").count() == 0
        assert t.errors == []
        assert t.external == []
    finally:
        t.close()


def test_fixture_deep_link_empty_window(contoh_server, browser, artefak):
    """Alpha had no incident reported in the 24 hours up to 25 Nov, but I1 is still overdue."""
    t = Tab(browser)
    try:
        t.open(contoh_server + "/insiden?kec=99.01.01&tgl=2024-11-25&jendela=24jam", ready=SELESAI)
        page = t.page
        assert page.locator("h1").first.inner_text() == "Insiden & Permasalahan · Kecamatan Alpha"
        main = page.locator('[data-testid="stMain"]')
        assert main.get_by_text("Tidak ada insiden di Kecamatan Alpha dalam 24 jam terakhir.").count() == 1
        values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert values[:5] == ["0", "1", "1", "1", "1"]
        assert page.locator('[data-testid="stDataFrame"]').count() == 1          # the overdue follow-ups
        assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 0
        t.screenshot(artefak, "insiden-contoh-alpha-24jam")
        assert page.locator('[data-testid="stException"]').count() == 0
        assert t.errors == []
    finally:
        t.close()
