"""The log-in bound to the browser's client cookie, with a real server and Debian chromium (issue
15, item 6): a reload and a shared link in the same browser stay logged in; log-out then reload
asks again; a second browser presenting the first one's Streamlit session id gets the log-in form;
a download URL reaches only the browser whose session pressed the button (a client without cookies
and another browser are refused); idle expiry ends the log-in for reloads too.

The Streamlit frontend keeps its session id in memory and sends it on a reconnect as the third
entry of the WebSocket subprotocol list (``["streamlit", <xsrf token>, <session id>]``). The test
reads it from the server's ``new_session`` message to the first browser and makes the second
browser's frontend send it on its first connection: what a stolen session id lets an attacker do."""

from __future__ import annotations

import json
import types
import urllib.error
import urllib.request

import pytest

from siaga.akses import audit, sesi
from tests.browser.conftest import FORM_MASUK, Tab, streamlit_server
from tests.conftest import FIXTURE

METRIK = '[data-testid="stMetric"]'
# Presents the session id SID on the page's first connection, as a reconnect would.
PAKAI_SID = """(() => {
    const Asli = window.WebSocket;
    window.WebSocket = function (url, protokol) {
        const p = [...(protokol || [])];
        p[2] = "SID";
        return new Asli(url, p.slice(0, 3));
    };
    window.WebSocket.prototype = Asli.prototype;
    Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();"""


@pytest.fixture(scope="module")
def sesi_server(artefak):
    srv = streamlit_server(FIXTURE / "data", FIXTURE / "geo", pengguna="staf")
    with srv:
        yield srv


def peramban(browser) -> tuple[object, callable]:
    """A browser of its own (cookies shared by its tabs) and a function opening a tab in it."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000})
    return ctx, lambda: Tab(types.SimpleNamespace(new_page=lambda viewport: ctx.new_page()))


def _audit(srv) -> list[dict]:
    return [json.loads(x) for x in (srv.akses / audit.BERKAS_AUDIT).read_text(encoding="utf-8").splitlines()]


def test_reload_and_shared_link_stay_logged_in_until_logout(sesi_server, browser):
    ctx, tab = peramban(browser)
    try:
        t = tab().open(sesi_server.url + "/ringkasan")                     # logs in through the form
        kue = {c["name"]: c for c in ctx.cookies()}
        klien = kue[sesi.COOKIE_KLIEN]
        assert klien["httpOnly"] and klien["sameSite"] == "Lax" and sesi.cookie_sah(klien["value"])
        assert t.page.evaluate("document.cookie").find(sesi.COOKIE_KLIEN) == -1                # no script reads it
        t.page.reload()
        t.page.wait_for_selector(f"{METRIK}, {FORM_MASUK}", timeout=90_000)
        assert t.page.locator(FORM_MASUK).count() == 0 and t.page.locator(METRIK).count()
        lain = tab()                                                 # a shared link, opened in the same browser
        lain.page.goto(sesi_server.url + "/insiden?tgl=2024-11-26")
        lain.page.wait_for_selector(f"{METRIK}, {FORM_MASUK}", timeout=90_000)
        assert lain.page.locator(FORM_MASUK).count() == 0
        assert lain.page.locator("h1").first.inner_text().startswith("Insiden")
        lain.settle()
        lain.page.get_by_role("button", name="Keluar").click()
        lain.page.wait_for_selector(FORM_MASUK, timeout=60_000)
        t.page.reload()                                              # log-out then reload: asked again
        t.page.wait_for_selector(f"{METRIK}, {FORM_MASUK}", timeout=90_000)
        assert t.page.locator(FORM_MASUK).count() == 1 and t.page.locator(METRIK).count() == 0
        assert t.errors == [] and lain.errors == []
    finally:
        ctx.close()


def _id_sesi(bingkai: list) -> str | None:
    """The session id the server handed the browser (``new_session.initialize.session_id`` of a
    ForwardMsg received on its WebSocket)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    for isi in bingkai:
        if not isinstance(isi, bytes):
            continue
        m = ForwardMsg()
        try:
            m.ParseFromString(isi)
        except Exception:               # not a whole ForwardMsg: not the one we look for
            continue
        if m.WhichOneof("type") == "new_session" and m.new_session.initialize.session_id:
            return m.new_session.initialize.session_id
    return None


def test_session_id_replayed_from_another_browser_gets_the_log_in_form(sesi_server, browser, artefak):
    ctx_a, tab_a = peramban(browser)
    ctx_b, tab_b = peramban(browser)
    try:
        a = tab_a()
        bingkai: list = []
        a.page.on("websocket", lambda ws: ws.on("framereceived", lambda isi: bingkai.append(isi)))
        a.open(sesi_server.url + "/ringkasan")                       # logs in through the form
        sid = _id_sesi(bingkai)
        assert sid and len(sid) >= 32
        ctx_b.add_init_script(PAKAI_SID.replace("SID", sid))
        b = tab_b()                                                  # another browser, its own cookie
        b.page.goto(sesi_server.url + "/ringkasan")
        b.page.wait_for_selector(FORM_MASUK, timeout=90_000)
        assert b.page.locator(METRIK).count() == 0
        assert "peramban lain" in b.page.locator('[data-testid="stAlert"]').first.inner_text()
        b.screenshot(artefak, "sesi-diputar-ulang")
        baris = [x for x in _audit(sesi_server) if x["aksi"] == audit.SESI_DITOLAK]
        assert baris and baris[-1]["pengguna"] == "uji" and baris[-1]["objek"] == "peramban lain"
        a.page.reload()                                               # the owner's browser is still logged in
        a.page.wait_for_selector(f"{METRIK}, {FORM_MASUK}", timeout=90_000)
        assert a.page.locator(FORM_MASUK).count() == 0
    finally:
        ctx_a.close()
        ctx_b.close()


def test_a_download_reaches_only_the_browser_that_pressed_the_button(sesi_server, browser):
    ctx, tab = peramban(browser)
    lain, _ = peramban(browser)
    try:
        t = tab().open(sesi_server.url + "/insiden?tgl=2024-11-26", ready='[data-testid="stDownloadButton"]')
        with t.page.expect_download(timeout=60_000) as unduh:
            t.page.get_by_role("button", name="Unduh CSV").first.click()
        url, berkas = unduh.value.url, unduh.value.suggested_filename
        assert "/media/" in url and berkas.endswith(".csv")
        assert unduh.value.failure() is None and unduh.value.path().read_bytes().startswith(b"\xef\xbb\xbf")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(url, timeout=30)                   # a client without cookies: refused
        assert e.value.code == 403
        assert lain.request.get(sesi_server.url + "/").ok             # another browser that opened the app...
        assert sesi.COOKIE_KLIEN in {c["name"] for c in lain.cookies()}
        assert lain.request.get(url).status == 403                   # ... gets nothing either
        baris = _audit(sesi_server)
        assert [x["objek"] for x in baris if x["aksi"] == audit.UNDUH][-1] == berkas      # logged when pressed
        assert [x["aksi"] for x in baris[-2:]] == [audit.UNDUH_DITOLAK] * 2
        assert ctx.request.get(url).ok                                # the browser that pressed it: served
    finally:
        ctx.close()
        lain.close()


def test_idle_expiry_ends_the_log_in_for_reloads_too(browser):
    with streamlit_server(FIXTURE / "data", FIXTURE / "geo", pengguna="staf", SIAGA_SESI_MENIT="1") as url:
        ctx, tab = peramban(browser)
        try:
            t = tab().open(url + "/ringkasan")
            t.page.wait_for_selector(FORM_MASUK, timeout=150_000)      # idle past the limit: back to the form
            t.page.reload()
            t.page.wait_for_selector(f"{METRIK}, {FORM_MASUK}", timeout=90_000)
            assert t.page.locator(FORM_MASUK).count() == 1 and t.page.locator(METRIK).count() == 0
        finally:
            ctx.close()
