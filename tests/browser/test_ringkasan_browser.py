"""Ringkasan in a real browser (Debian chromium, 1920×1080): no error, offline, deep links."""

from __future__ import annotations

import urllib.request

from PIL import Image

from tests.browser.conftest import Tab, streamlit_server


def test_health_endpoint(server):
    with urllib.request.urlopen(server + "/_stcore/health", timeout=5) as r:
        assert r.read().decode().strip() == "ok"


def test_ringkasan_renders_without_errors_offline(server, tab, artefak):
    tab.open(server + "/")
    page = tab.page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text() == "Ringkasan · Kota Bekasi"
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    # the demo's latest day is voting day: turnout from the TPS attendance reports
    assert any(t.strip() == "Partisipasi pemilih" for t in labels)
    assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1
    # attention items, ranking; on voting day also the TPS table per kecamatan and the kecamatan to call now;
    # the demo's meetings: the decisions and their follow-up
    assert page.locator('[data-testid="stDataFrame"]').count() == 5
    assert page.get_by_text("Keputusan rapat terakhir dan tindak lanjutnya", exact=True).count() == 1
    shot = tab.screenshot(artefak, "ringkasan-1920x1080")
    assert Image.open(shot).size[0] == 1920
    assert tab.errors == []
    assert tab.external == []          # no CDN, no tiles, nothing from the internet


def test_map_is_drawn(server, tab, artefak):
    tab.open(server + "/")
    # on voting day (the demo's latest day) the voting-day map comes first, the readiness map last
    assert tab.page.locator('[data-testid="stDeckGlJsonChart"]').count() == 2
    canvas = tab.page.locator('[data-testid="stDeckGlJsonChart"]').last
    path = artefak / "ringkasan-peta.png"
    canvas.screenshot(path=str(path))
    img = Image.open(path).convert("RGB")
    colours = {img.getpixel((x, y)) for x in range(0, img.width, 10) for y in range(0, img.height, 10)}
    level_blue = (0x45, 0x75, 0xB4)
    assert any(sum(abs(a - b) for a, b in zip(c, level_blue)) < 60 for c in colours), "no 'siap' polygon drawn"


def test_deep_link_reproduces_a_filtered_view(server, tab, artefak):
    tab.open(server + "/?kec=32.75.07&tgl=2024-11-24")
    page = tab.page
    assert page.locator("h1").first.inner_text() == "Ringkasan · Kecamatan Bantargebang"
    assert "Data per 24 November 2024" in page.locator(
        '[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[0] == "H-3"
    tab.screenshot(artefak, "ringkasan-bantargebang-h-3")
    assert tab.errors == []


def test_sidebar_filter_updates_the_url(server, tab):
    tab.open(server + "/")
    page = tab.page
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Jatiasih").click()
    page.wait_for_url("**kec=32.75.09**", timeout=30_000)
    tab.settle()
    assert page.locator("h1").first.inner_text() == "Ringkasan · Kecamatan Jatiasih"


def test_cold_server_deep_link_runs_the_entry_point(browser, artefak):
    """The very first request to a fresh process is a deep link to a page URL."""
    with streamlit_server() as url:
        t = Tab(browser)
        try:
            t.open(url + "/ringkasan?kec=32.75.11")
            assert t.page.locator("h1").first.inner_text() == "Ringkasan · Kecamatan Mustikajaya"
            assert t.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').count() == 1
            assert t.page.locator('[data-testid="stException"]').count() == 0
            assert t.errors == []
        finally:
            t.close()
