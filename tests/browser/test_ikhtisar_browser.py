"""Ikhtisar of a national desk in a real browser (Debian chromium, 1920×1080), on a small
synthetic national dataset: no error, offline, the kab/kota map drawn, drill-down by link."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from siaga.demo.nasional import buat
from tests.browser.conftest import streamlit_server


@pytest.fixture(scope="module")
def nasional_server(tmp_path_factory, artefak):
    root = tmp_path_factory.mktemp("nasional-browser")
    buat(root / "data", root / "geo", faktor=0.02)
    with streamlit_server(root / "data", root / "geo", SIAGA_CACHE=str(root / "cache")) as url:
        yield url


def test_national_overview_renders_offline_with_its_map(nasional_server, tab, artefak):
    tab.open(nasional_server + "/", ready='[data-testid="stDeckGlJsonChart"] canvas')
    page = tab.page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text() == "Ikhtisar · Indonesia"
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Ikhtisar" in nav and "Ringkasan" not in nav and "Logistik" not in nav
    assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 1
    assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1
    shot = tab.screenshot(artefak, "ikhtisar-nasional-1920x1080")
    assert Image.open(shot).size[0] == 1920
    canvas = page.locator('[data-testid="stDeckGlJsonChart"]').first
    canvas.screenshot(path=str(artefak / "ikhtisar-nasional-peta.png"))
    img = Image.open(artefak / "ikhtisar-nasional-peta.png").convert("RGB")
    latar = (0xEE, 0xF1, 0xF5)
    warna = {img.getpixel((x, y)) for x in range(0, img.width, 8) for y in range(0, img.height, 8)}
    assert len([c for c in warna if sum(abs(a - b) for a, b in zip(c, latar)) > 60]) > 3, "no unit drawn"
    assert tab.errors == [] and tab.external == []


def test_deep_link_to_a_kecamatan_lists_its_tps(nasional_server, tab, artefak):
    tab.open(nasional_server + "/?tgl=2024-11-25&wil=32.01.01", ready='[data-testid="stDataFrame"]')
    page = tab.page
    assert page.locator("h1").first.inner_text() == "Ikhtisar · Contoh 32.01.01"
    assert page.get_by_text("TPS menurut kesiapan").count() == 1
    assert page.get_by_role("button", name="‹ Jawa Barat").count() == 1
    tab.screenshot(artefak, "ikhtisar-kecamatan-tps")
    page.get_by_role("button", name="‹ Jawa Barat").click()
    page.wait_for_url(re.compile(r"wil=32(&|$)"), timeout=30_000)     # not wil=32.01.01, the page it left
    tab.settle()
    assert page.locator("h1").first.inner_text() == "Ikhtisar · Jawa Barat"
    assert tab.errors == []
