"""A server killed (SIGKILL) under ten deep-linked sessions and started again: every session
reconnects to its own page, with no exception, no KeyError and no "page not found". A page whose
browser module failed to load asks in Indonesian for a reload, and the reload mends it."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import MUAT_ULANG, Tab, streamlit_server
from tests.conftest import FIXTURE

# (link, the title its page must show): ten sessions, each opened by a deep link.
TAUTAN = [
    ("/ringkasan?kec=99.01.01", "Ringkasan · Kecamatan Alpha"),
    ("/ringkasan?tgl=2024-11-24", "Ringkasan · Kota Contoh"),
    ("/kesiapan?kec=99.01.02", "Kesiapan · Kecamatan Beta"),
    ("/kesiapan?kec=99.01.01&kel=99.01.01.1002", "Kesiapan · Kelurahan Dua, Alpha"),
    ("/logistik?tgl=2024-11-25", "Logistik · Kota Contoh"),
    ("/insiden?jendela=7hari", "Insiden & Permasalahan · Kota Contoh"),
    ("/insiden?kec=99.01.02&tgl=2024-11-25", "Insiden & Permasalahan · Kecamatan Beta"),
    ("/netralitas?kec=99.01.02", "Netralitas ASN · Kecamatan Beta"),
    ("/data", "Data"),
    ("/?mode=layar&slide=3&jeda=1", "Kesiapan per kecamatan"),
]
SIAP = '[data-testid="stMainBlockContainer"] h1'
SIAP_ATAU_GALAT = f'{SIAP}, [data-testid="stException"]'
TERSAMBUNG = ("() => { const a = document.querySelector('[data-testid=\"stApp\"]'); "
              "return a && a.dataset.testConnectionState === 'CONNECTED' "
              "&& a.dataset.testScriptState === 'notRunning' }")
TERPUTUS = ("() => { const a = document.querySelector('[data-testid=\"stApp\"]'); "
            "return a && a.dataset.testConnectionState !== 'CONNECTED' }")


def _periksa(t: Tab, judul: str) -> None:
    """The session shows its own page, whole: the right title, no exception, no KeyError, no
    "Page not found" dialog."""
    page = t.page
    assert page.locator('[data-testid="stException"]').count() == 0, judul
    assert page.locator('[data-testid="stDialog"]').count() == 0, judul
    teks = page.locator("body").inner_text()
    assert "KeyError" not in teks and "Traceback" not in teks, judul
    assert page.locator(SIAP).first.inner_text() == judul


def test_ten_deep_linked_sessions_reconnect_after_a_killed_server(browser, artefak):
    srv = streamlit_server(FIXTURE / "data", FIXTURE / "geo", pengguna=None)   # the public demo: no log-in
    srv.mulai()
    tabs = [Tab(browser, 1366, 768) for _ in TAUTAN]
    try:
        for t, (tautan, _) in zip(tabs, TAUTAN, strict=True):     # the first request of a fresh process
            t.page.goto(srv.url + tautan)
        for t, (_, judul) in zip(tabs, TAUTAN, strict=True):
            t.page.wait_for_selector(SIAP_ATAU_GALAT, timeout=90_000)
            t.settle()
            _periksa(t, judul)
        srv.bunuh()
        for t in tabs:
            t.page.wait_for_function(TERPUTUS, timeout=60_000)
        srv.mulai()                                               # same port: the browsers reconnect by themselves
        for t, (_, judul) in zip(tabs, TAUTAN, strict=True):
            t.page.wait_for_function(TERSAMBUNG, timeout=120_000)
            t.page.wait_for_selector(SIAP_ATAU_GALAT, timeout=90_000)
            t.settle()
            _periksa(t, judul)
        tabs[2].screenshot(artefak, "mulai-ulang-kesiapan", penuh=False)
        for t in tabs:
            assert t.external == []
            assert not [e for e in t.errors if "KeyError" in e]
    finally:
        for t in tabs:
            t.close()
        srv.berhenti()


@pytest.fixture
def demo_publik(artefak):
    with streamlit_server(FIXTURE / "data", FIXTURE / "geo", pengguna=None) as url:
        yield url


def test_a_module_that_failed_to_load_asks_for_a_reload(browser, demo_publik, artefak):
    """The table module cannot be fetched (as while the server was down): the page says so in
    Indonesian with a reload button; reloading with the server reachable shows the tables."""
    t = Tab(browser, 1366, 768)
    try:
        gagal = re.compile(r"/static/js/DataFrame\.[^/]+\.js$")
        t.page.route(gagal, lambda route: route.abort("connectionrefused"))
        t.page.goto(demo_publik + "/kesiapan?kec=99.01.01")
        spanduk = t.page.locator(MUAT_ULANG)
        spanduk.wait_for(timeout=90_000)
        assert "Muat ulang halaman" in spanduk.inner_text()
        assert "sebagian tampilan gagal dimuat" in spanduk.inner_text()
        t.screenshot(artefak, "muat-ulang-spanduk", penuh=False)
        t.page.unroute(gagal)
        spanduk.get_by_role("button", name="Muat ulang halaman").click()
        t.page.wait_for_selector('[data-testid="stDataFrame"] canvas', timeout=90_000)
        t.settle()                                                # and the banner is gone
        assert t.page.locator(SIAP).first.inner_text() == "Kesiapan · Kecamatan Alpha"
    finally:
        t.close()
