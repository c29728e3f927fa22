"""Netralitas ASN in a real browser (Debian chromium, 1920×1080): no error, nothing fetched from
the internet, charts drawn, deep link reproduces the view, no identity anywhere in the page."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from PIL import Image

from siaga.inti.kontrak import INPUTS, STATUS_NETRALITAS
from tests.browser.conftest import streamlit_server
from tests.conftest import FIXTURE, ROOT
from tests.test_tampilan_netralitas import tambah_kasus

METRIC_LABELS = ["Kasus tercatat", "Masih berjalan", "Lewat batas waktu", "Terlambat dilaporkan",
                 "Selesai dengan sanksi", "Tidak terbukti"]


def identitas(data: Path) -> list[str]:
    """Every value of the personal columns of a restricted identity file."""
    kolom = [k.nama for k in INPUTS["netralitas_pribadi"].kolom if k.pribadi]
    with open(data / "netralitas_pribadi.csv", encoding="utf-8") as f:
        return [row[c] for row in csv.DictReader(f) for c in kolom if row[c]]


def charts_drawn(page) -> int:
    """Plotly charts with at least one bar drawn in their SVG."""
    charts = page.locator('[data-testid="stPlotlyChart"]')
    return sum(1 for i in range(charts.count()) if charts.nth(i).locator("g.point path").count() > 0)


def test_netralitas_renders_offline(server, tab, artefak):
    tab.open(server + "/netralitas")
    page = tab.page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text() == "Netralitas ASN · Kota Bekasi"
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert [label.strip() for label in labels] == METRIC_LABELS
    assert charts_drawn(page) == 3
    # the flow reads top to bottom in workflow order, the two ends last
    ticks = page.locator('[data-testid="stPlotlyChart"]').first.locator(".ytick text")
    on_screen = sorted((ticks.nth(i).bounding_box()["y"], ticks.nth(i).text_content().strip())
                       for i in range(ticks.count()))
    assert [label for _, label in on_screen] == [label for _, label in STATUS_NETRALITAS]
    assert page.locator('[data-testid="stDataFrame"]').count() == 2
    assert page.get_by_text("belum terverifikasi untuk Pilkada 2024").count() == 1
    assert page.get_by_text("disimpan di berkas terpisah berakses terbatas").count() == 1
    shot = tab.screenshot(artefak, "netralitas-1920x1080")
    assert Image.open(shot).size == (1920, 1080)
    html = page.content()
    for value in identitas(ROOT / "data"):
        assert value not in html, value
    assert tab.errors == []
    assert tab.external == []          # no CDN, no tiles, nothing from the internet


def test_whole_page_for_review(server, tab, artefak):
    """The whole page (every section) in one picture at 1920 px wide."""
    tab.page.set_viewport_size({"width": 1920, "height": 2500})
    tab.open(server + "/netralitas")
    assert charts_drawn(tab.page) == 3
    tab.screenshot(artefak, "netralitas-halaman-penuh")
    assert tab.errors == [] and tab.external == []


def test_deep_link_reproduces_the_view_without_identities(contoh_server, tab, artefak):
    tab.page.set_viewport_size({"width": 1920, "height": 1600})
    tab.open(contoh_server + "/netralitas?kec=99.01.02&tgl=2024-11-25")
    page = tab.page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text() == "Netralitas ASN · Kecamatan Beta"
    stamp = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert stamp.startswith("Data per 25 November 2024 pukul 23.59 WITA")
    # Beta on 25 Nov: N2 only, open (klarifikasi, due 27 Nov)
    assert page.locator('[data-testid="stMetricValue"]').all_inner_texts() == ["1", "1", "0", "0", "0", "0"]
    assert charts_drawn(page) == 3
    assert "kec=99.01.02" in page.url and "tgl=2024-11-25" in page.url
    tab.screenshot(artefak, "netralitas-beta-2024-11-25")
    html = page.content()
    assert "Klarifikasi Bawaslu" in html and "Kecamatan Beta" in html       # the page's own facts are there
    sentinels = identitas(FIXTURE / "data")
    assert "SENTINEL-PELAPOR-N2" in sentinels and "198502022012022002" in sentinels
    for value in sentinels:
        assert value not in html, value
    assert tab.errors == []
    assert tab.external == []


@pytest.fixture(scope="module")
def tambah_server(artefak, tmp_path_factory):
    """Kota Contoh plus overdue, late and sanctioned cases (see tests/test_tampilan_netralitas.py)."""
    root = tmp_path_factory.mktemp("netralitas")
    shutil.copytree(FIXTURE / "data", root / "data")
    shutil.copytree(FIXTURE / "geo", root / "geo")
    tambah_kasus(root / "data")
    with streamlit_server(root / "data", root / "geo") as url:
        yield url


def test_overdue_cases_stand_out_and_free_text_stays_text(tambah_server, tab, artefak):
    tab.page.set_viewport_size({"width": 1920, "height": 1700})
    tab.open(tambah_server + "/netralitas?tgl=2024-11-25")
    page = tab.page
    # 5 cases, 3 open, 2 overdue (N4 by 3 days, N6 by 1), 1 reported late (N4), 1 selesai with sanction
    assert page.locator('[data-testid="stMetricValue"]').all_inner_texts() == ["5", "3", "2", "1", "1", "1"]
    assert charts_drawn(page) == 3
    # the OPD whose text carries <b> tags is drawn literally: no bold element is created from data
    opd_chart = page.locator('[data-testid="stPlotlyChart"]').nth(2)
    assert opd_chart.locator(".ytick text", has_text="<b>Dinas</b> X").count() == 1
    assert opd_chart.locator(".ytick text b, .ytick text tspan[style*='bold']").count() == 0
    tab.screenshot(artefak, "netralitas-lewat-batas-waktu")
    assert tab.errors == [] and tab.external == []
