"""``python -m siaga layani``: nginx from Debian in front of several app processes and the loader.

A browser goes through nginx to the demo, the big screen is pinned to its own process, and one app
process killed (SIGKILL) under load loses nobody: its browser sessions reconnect through nginx to
another process and show the same page with the filters of their URL, the protocol sessions carry
on, and the supervisor starts the killed process again. Stopping ``layani`` stops every process."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path

from bench.protokol import Sesi
from tests.browser.conftest import ServerLayani, Tab
from tests.conftest import FIXTURE

SIAP = '[data-testid="stMainBlockContainer"] h1'
SIAP_ATAU_GALAT = f'{SIAP}, [data-testid="stException"]'
TERSAMBUNG = ("() => { const a = document.querySelector('[data-testid=\"stApp\"]'); "
              "return a && a.dataset.testConnectionState === 'CONNECTED' "
              "&& a.dataset.testScriptState === 'notRunning' }")
# Set window.siagaPutus once the connection state leaves CONNECTED (the session lost its process).
AMATI_PUTUS = """() => {
    window.siagaPutus = false;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
        if (app.dataset.testConnectionState !== 'CONNECTED') { window.siagaPutus = true; }
    }).observe(app, {attributes: true, attributeFilter: ['data-test-connection-state']});
}"""
# (deep link, the title its page must show)
TAUTAN = [
    ("/ringkasan?kec=99.01.01", "Ringkasan · Kecamatan Alpha"),
    ("/kesiapan?kec=99.01.02", "Kesiapan · Kecamatan Beta"),
    ("/kesiapan?kec=99.01.01&kel=99.01.01.1002", "Kesiapan · Kelurahan Dua, Alpha"),
    ("/insiden?kec=99.01.02&tgl=2024-11-25", "Insiden & Permasalahan · Kecamatan Beta"),
    ("/netralitas?kec=99.01.02", "Netralitas ASN · Kecamatan Beta"),
    ("/logistik?tgl=2024-11-25", "Logistik · Kota Contoh"),
]


def _periksa(t: Tab, judul: str) -> None:
    page = t.page
    assert page.locator('[data-testid="stException"]').count() == 0, judul
    teks = page.locator("body").inner_text()
    assert "Traceback" not in teks and "KeyError" not in teks, judul
    assert page.locator(SIAP).first.inner_text() == judul


def _buka(tabs: list[Tab], url: str) -> None:
    for t, (tautan, _) in zip(tabs, TAUTAN, strict=True):
        t.page.goto(url + tautan)
    for t, (_, judul) in zip(tabs, TAUTAN, strict=True):
        t.page.wait_for_selector(SIAP_ATAU_GALAT, timeout=120_000)
        t.settle()
        _periksa(t, judul)


def _sambungan(port: int) -> int:
    """Established TCP connections whose local port is ``port`` (sessions nginx holds open to it)."""
    n = 0
    for f in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(f).exists():
            continue
        for baris in Path(f).read_text().splitlines()[1:]:
            kol = baris.split()
            if kol[3] == "01" and int(kol[1].rsplit(":", 1)[1], 16) == port:
                n += 1
    return n


class _Beban:
    """Protocol sessions rerunning their page through nginx in a thread until :meth:`berhenti`; a
    session that loses its process opens its link again, as the browser's reconnect does."""

    def __init__(self, url: str, n: int = 4):
        self.url, self.n = url, n
        self.hasil: list = []
        self.buka_lagi = 0
        self.galat: list[str] = []
        self._stop = threading.Event()
        self._t = threading.Thread(target=lambda: asyncio.run(self._jalan()), daemon=True)

    async def _satu(self, tautan: str, judul: str) -> None:
        path, _, query = tautan.partition("?")
        s = Sesi(self.url)
        h = await s.buka(path, query)
        assert h.galat is None, h
        while not self._stop.is_set():
            h = await s.rerun()
            if h.galat and s.putus:
                await s.tutup()
                s = Sesi(self.url)
                h = await s.buka(path, query)
                self.buka_lagi += 1
            self.hasil.append((time.monotonic(), h))
            if h.galat is None and s.judul != judul:
                self.galat.append(f"{tautan}: {s.judul}")
            await asyncio.sleep(0.2)
        self.galat.extend(s.galat)
        await s.tutup()

    async def _jalan(self) -> None:
        await asyncio.gather(*(self._satu(*TAUTAN[i % len(TAUTAN)]) for i in range(self.n)))

    def mulai(self) -> _Beban:
        self._t.start()
        return self

    def berhenti(self) -> None:
        self._stop.set()
        self._t.join(120)
        assert not self._t.is_alive()


def _tunggu(syarat, batas: float, pesan: str) -> None:
    akhir = time.monotonic() + batas
    while not syarat():
        assert time.monotonic() < akhir, pesan
        time.sleep(0.1)


def test_layani_serves_a_browser_through_nginx_and_pins_the_big_screen(browser, artefak):
    srv = ServerLayani(FIXTURE / "data", FIXTURE / "geo", proses=2, proses_layar=1).mulai()
    tab = Tab(browser, 1366, 768)
    try:
        assert len(srv.pid_aplikasi()) == 3
        tab.page.goto(srv.url + "/ringkasan?kec=99.01.01")
        tab.page.wait_for_selector(SIAP_ATAU_GALAT, timeout=120_000)
        tab.settle()
        _periksa(tab, "Ringkasan · Kecamatan Alpha")
        tab.screenshot(artefak, "layani-ringkasan", penuh=False)
        assert tab.external == [] and tab.errors == []
        # The big screen goes to the process kept for it: its websocket is the only one there.
        port_layar = srv.port_app[-1]
        assert _sambungan(port_layar) == 0
        layar = Tab(browser, 1920, 1080)
        layar.page.goto(srv.url + "/?mode=layar&jeda=1")
        layar.page.wait_for_selector(SIAP_ATAU_GALAT, timeout=120_000)
        layar.settle()
        assert layar.page.locator('[data-testid="stException"]').count() == 0
        _tunggu(lambda: _sambungan(port_layar) >= 1, 30, "the big screen did not reach its own process")
        layar.close()
    finally:
        tab.close()
        pids = list(srv.pid_aplikasi().values())
        rc = srv.berhenti()
    assert rc == 0
    assert "Semua proses dihentikan." in srv.keluaran
    for pid in pids:                              # stopping layani stopped every app process
        assert not Path(f"/proc/{pid}").exists()


def test_killing_an_app_process_under_load_moves_its_sessions_to_another(browser, artefak):
    srv = ServerLayani(FIXTURE / "data", FIXTURE / "geo", proses=2).mulai()
    tabs = [Tab(browser, 1366, 768) for _ in TAUTAN]
    beban = None
    try:
        _buka(tabs, srv.url)
        # the process holding the most browser sessions is the one killed
        sebelum = srv.pid_aplikasi()
        port = max(sebelum, key=_sambungan)
        _tunggu(lambda: _sambungan(port) >= 1, 30, "no session on either app process")
        for t in tabs:
            t.page.evaluate(AMATI_PUTUS)
        beban = _Beban(srv.url).mulai()
        _tunggu(lambda: len(beban.hasil) >= 8, 120, "the protocol sessions did not run")
        dibunuh = time.monotonic()
        os.kill(sebelum[port], 9)
        # every tab that lost its process reconnects through nginx and shows its own page again
        _tunggu(lambda: any(t.page.evaluate("() => window.siagaPutus") for t in tabs), 60,
                "no browser session was on the killed process")
        for t, (_, judul) in zip(tabs, TAUTAN, strict=True):
            t.page.wait_for_function(TERSAMBUNG, timeout=120_000)
            t.page.wait_for_selector(SIAP_ATAU_GALAT, timeout=120_000)
            t.settle()
            _periksa(t, judul)
        putus = sum(bool(t.page.evaluate("() => window.siagaPutus")) for t in tabs)
        tabs[3].screenshot(artefak, "layani-setelah-proses-dibunuh", penuh=False)
        # the protocol sessions carry on after the kill, and the supervisor starts the process again
        _tunggu(lambda: sum(1 for w, h in beban.hasil if w > dibunuh + 1 and h.galat is None) >= 8, 120,
                "the protocol sessions did not carry on after the kill")
        _tunggu(lambda: srv.pid_aplikasi().get(port) not in (None, sebelum[port]), 60,
                "the killed process was not started again")
        beban.berhenti()
        assert putus >= 1
        assert beban.galat == []
        gagal = [h for w, h in beban.hasil if h.galat and w < dibunuh]
        assert gagal == []                         # before the kill nothing failed
        for t in tabs:
            assert t.external == []
            assert not [e for e in t.errors if "KeyError" in e or "Traceback" in e]
    finally:
        if beban is not None:
            beban.berhenti()
        for t in tabs:
            t.close()
        rc = srv.berhenti()
    assert rc == 0
