"""Kesiapan in a real browser (Debian chromium, 1920×1080) on the Kota Bekasi demo: no error, no
request leaving the machine, the map canvas and both plotly charts drawn, deep links reproduce
the filtered view. Screenshots go to tests/artefak/kesiapan-*.png."""

from __future__ import annotations

from PIL import Image

PLOTLY = '[data-testid="stPlotlyChart"]'
MAIN_CAPTION = '[data-testid="stMain"] [data-testid="stCaptionContainer"]'


def test_kesiapan_renders_without_errors_offline(server, tab, artefak):
    tab.open(server + "/kesiapan", ready=PLOTLY)
    tab.tunggu_grafik(2)
    tab.settle()
    page = tab.page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text() == "Kesiapan · Kota Bekasi"
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert [t.strip() for t in labels] == ["Skor kesiapan", "Terhadap jadwal KPU", "TPS logistik lengkap",
                                           "TPS bermasalah", "Insiden terbuka"]
    assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1
    assert page.locator(PLOTLY).count() == 2                                   # heatmap and readiness over time
    heat = page.locator(PLOTLY).first
    assert heat.locator(".ytick text").count() == 12                          # one row per kecamatan
    assert "Logistik" in heat.locator(".xtick text").all_text_contents()
    ticks = page.locator(PLOTLY).nth(1).locator(".xtick text").all_text_contents()
    assert "21 Nov" in ticks and all("Nov" in t or "Okt" in t or "Sep" in t for t in ticks)   # Indonesian months
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    shot = tab.screenshot(artefak, "kesiapan-1920x1080")
    assert Image.open(shot).size[0] == 1920
    assert tab.errors == []
    assert tab.external == []          # no CDN, no tiles, nothing from the internet


def test_map_and_heatmap_use_the_level_colours(server, tab, artefak):
    # H-1: three kecamatan one day behind the KPU plan are 'perlu perhatian' (orange), the rest 'siap'
    tab.open(server + "/kesiapan?tgl=2024-11-26", ready=PLOTLY)
    tab.tunggu_grafik(2)
    tab.settle()
    canvas = tab.page.locator('[data-testid="stDeckGlJsonChart"]').first
    path = artefak / "kesiapan-peta.png"
    canvas.screenshot(path=str(path))
    img = Image.open(path).convert("RGB")
    colours = {img.getpixel((x, y)) for x in range(0, img.width, 8) for y in range(0, img.height, 8)}
    for nama, warna in (("perlu perhatian", (0xFD, 0xAE, 0x61)), ("siap", (0x45, 0x75, 0xB4))):
        assert any(sum(abs(a - b) for a, b in zip(c, warna)) < 60 for c in colours), f"no '{nama}' polygon drawn"
    heat = tab.page.locator(PLOTLY).first
    fills = heat.locator(".hm image, .heatmaplayer image").count()
    assert fills >= 1                                                          # the heatmap drew its cells
    assert tab.errors == []


def test_deep_link_reproduces_the_kelurahan_view(server, tab, artefak):
    tab.open(server + "/kesiapan?kec=32.75.07&kel=32.75.07.1003&tgl=2024-11-25", ready=PLOTLY)
    tab.tunggu_grafik(2)
    tab.settle()
    page = tab.page
    assert page.locator("h1").first.inner_text() == "Kesiapan · Kelurahan Bantargebang, Bantargebang"
    assert "Data per 25 November 2024" in page.locator(MAIN_CAPTION).first.inner_text()
    pilihan = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
    assert pilihan.count() == 2                                               # kecamatan and kelurahan filters
    nilai = pilihan.evaluate_all("els => els.map(e => (e.querySelector('input') || {}).value || e.innerText)")
    assert all("Bantargebang" in v for v in nilai), nilai
    assert page.locator('[data-testid="stDataFrame"]').count() == 2          # kelurahan and TPS tables
    assert page.get_by_text("Daftar TPS").count() == 1
    assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1
    tab.screenshot(artefak, "kesiapan-bantargebang-kelurahan")
    assert tab.errors == []
    assert tab.external == []


def test_date_before_any_data_is_a_sentence(server, tab, artefak):
    tab.open(server + "/kesiapan?tgl=2024-08-01", ready='[data-testid="stAlert"]')
    page = tab.page
    assert page.locator('[data-testid="stException"]').count() == 0
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "Belum ada data kesiapan pada 1 Agustus 2024" in alerts
    assert page.locator(PLOTLY).count() == 0
    tab.screenshot(artefak, "kesiapan-sebelum-data")
    assert tab.errors == []
