"""Logistik in a real browser (Debian chromium, 1920×1080): no error, offline, charts drawn,
deep links reproduce the view, tables sort on numbers. Screenshots in tests/artefak/."""

from __future__ import annotations

from PIL import Image

PAGE = "/logistik"
SIAP = '[data-testid="stPlotlyChart"]'


def test_logistik_renders_without_errors_offline(server, tab, artefak):
    # before voting day (H-2), when the projection applies; the demo opens on voting day
    tab.open(server + PAGE + "?tgl=2024-11-25", ready=SIAP)
    tab.tunggu_grafik(2)
    tab.settle()
    page = tab.page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text() == "Logistik · Kota Bekasi"
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert any("TPS dengan logistik lengkap" in t for t in labels)
    assert any("Menuju batas logistik (H-1)" in t for t in labels)
    # Two plotly charts (item x stage heatmap, projection), each with drawn marks.
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() == 2
    assert charts.nth(0).locator(".heatmaplayer image, .heatmaplayer .hm").count() >= 1
    assert charts.nth(1).locator(".scatterlayer .point").count() >= 12       # one dot per kecamatan
    heat_text = charts.nth(0).inner_text()
    assert "Surat suara Gubernur dan Wakil Gubernur" in heat_text and "Gudang KPU" in heat_text
    assert page.locator('[data-testid="stDataFrame"]').count() >= 3
    charts.nth(1).scroll_into_view_if_needed()
    tab.settle()
    charts.nth(1).screenshot(path=str(artefak / "logistik-proyeksi.png"))
    page.locator('[data-testid="stMain"]').evaluate("el => el.scrollTo(0, 0)")
    shot = tab.screenshot(artefak, "logistik-h-2-1920x1080")
    assert Image.open(shot).size[0] == 1920
    assert tab.errors == []
    assert tab.external == []          # no CDN, no tiles, nothing from the internet


def test_deep_link_reproduces_a_filtered_view(server, tab, artefak):
    tab.open(server + PAGE + "?kec=32.75.07&tgl=2024-11-25", ready=SIAP)
    tab.tunggu_grafik(2)
    tab.settle()
    page = tab.page
    assert page.locator("h1").first.inner_text() == "Logistik · Kecamatan Bantargebang"
    assert "kec=32.75.07" in page.url and "tgl=2024-11-25" in page.url        # the link stays shareable
    main = page.locator('[data-testid="stMain"]')
    assert "Data per 25 November 2024" in main.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    assert "Per kelurahan di Kecamatan Bantargebang" in main.inner_text()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[3] == "1 hari"                                   # 26 Nov − 25 Nov
    assert "PPK Bantargebang" in page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    tab.screenshot(artefak, "logistik-bantargebang-25-nov")
    assert tab.errors == [] and tab.external == []


def test_before_the_first_receipt_is_an_empty_state(server, tab, artefak):
    tab.open(server + PAGE + "?tgl=2024-09-15", ready='[data-testid="stAlert"]')
    main = tab.page.locator('[data-testid="stMain"]').inner_text()
    assert "Belum ada tanda terima logistik sampai 15 September 2024." in main
    assert tab.page.locator('[data-testid="stPlotlyChart"]').count() == 0
    assert tab.page.locator('[data-testid="stException"]').count() == 0
    tab.screenshot(artefak, "logistik-sebelum-tanda-terima")
    assert tab.errors == []
