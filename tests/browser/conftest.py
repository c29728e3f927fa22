"""Real-browser fixtures: Streamlit servers in subprocesses and Debian's chromium via Playwright.

A server has one configured user, ``uji`` (role ``admin`` unless told otherwise), in a temporary
access folder; :meth:`Tab.open` logs in through the real log-in form whenever it appears. With
``pengguna=None`` nobody is configured: the public demo.

Every wait is on a condition (the server printed its address, the page is idle, charts and maps
have drawn, the next animation frame came), never a fixed sleep. Nothing here skips: without
chromium the tests fail and say how to install it (`apt-get install chromium`; `.ci/run` does it)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, ROOT, SANDI_UJI, tulis_pengguna

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
# Messages Chromium prints about its software GL path; they are not page errors. Failed
# resources are checked from the responses instead (see Tab), so their console echo is skipped.
NOISE = ("GL Driver Message", "luma.gl", "GPU stall", "WebGL", "Failed to load resource")
# Opened at a page URL (/ringkasan), Streamlit's frontend first probes for a base path at
# /ringkasan/_stcore/... and falls back to /: those 404s are expected.
BASE_PATH_PROBE = ("/_stcore/health", "/_stcore/host-config")
FORM_MASUK = '[data-testid="stForm"] input[type="password"]'
MUAT_ULANG = "#siaga-muat-ulang"          # the reload banner of siaga/static/muat_ulang.js
# The page is idle and everything it shows has drawn: the script has finished (the app's own state,
# not the running indicator, which shows only after a delay), every visible plotly chart has its SVG,
# every visible map and table its canvas, every picture has loaded, no placeholder is left.
SELESAI_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED') {
        return false;
    }
    const tampak = sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility());
    return tampak('[data-testid="stSkeleton"]').length === 0
        && tampak('[data-testid="stPlotlyChart"]').every(c => c.querySelector('.main-svg'))
        && tampak('[data-testid="stDeckGlJsonChart"]').every(c => c.querySelector('canvas'))
        && tampak('[data-testid="stDataFrame"]').every(c => c.querySelector('canvas, table'))
        && tampak('[data-testid="stImage"] img').every(i => i.complete && i.naturalWidth > 0);
}"""
DUA_BINGKAI_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def chromium_path() -> str:
    path = os.environ.get("SIAGA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Chromium tidak ditemukan: pasang dengan `apt-get install chromium` (lihat .ci/run)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Streamlit server over ``data``/``geo`` with one user ``uji`` of role ``pengguna`` (None: no
    user, the public demo), listening on ``alamat``, and extra environment variables. It can be
    killed (SIGKILL) and started again on the same port; :attr:`akses` is its access folder (audit
    log); :attr:`url` is always its loopback address."""

    def __init__(self, data: Path = ROOT / "data", geo: Path = ROOT / "geo", pengguna: str | None = "admin",
                 kecamatan: str | None = None, alamat: str = "127.0.0.1", **lingkungan: str):
        from argon2 import PasswordHasher

        self.port = _free_port()
        self.alamat = alamat                  # the address it listens on (0.0.0.0: every interface, a LAN desk)
        self.url = f"http://127.0.0.1:{self.port}"
        self.akses = Path(tempfile.mkdtemp(prefix="siaga-akses-"))
        self.terbit = Path(tempfile.mkdtemp(prefix="siaga-terbit-"))     # its published snapshots
        if pengguna:
            tulis_pengguna(self.akses, PasswordHasher().hash(SANDI_UJI), ("uji", pengguna, kecamatan))
        # as in production: a watching loader process publishes, the app only opens the snapshots
        self.env = {**os.environ, "SIAGA_DATA": str(data), "SIAGA_GEO": str(geo), "SIAGA_AKSES": str(self.akses),
                    "SIAGA_TERBIT": str(self.terbit), "SIAGA_PEMUAT": "proses", **lingkungan}
        self.proc: subprocess.Popen | None = None
        self.log = ROOT / "tests" / "artefak" / f"streamlit-{self.port}.log"
        self.log.parent.mkdir(exist_ok=True)

    def mulai(self, batas_detik: float = 90) -> Server:
        """Start the process and return once it answers its health check."""
        siap = threading.Event()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(self.port),
             "--server.address", self.alamat, "--server.headless", "true"],
            cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)

        def salin(proc=self.proc) -> None:          # the server's output to its log, and the "ready" line
            with open(self.log, "a", encoding="utf-8") as log:
                for baris in proc.stdout:
                    log.write(baris)
                    log.flush()
                    if "URL:" in baris:
                        siap.set()
            siap.set()                                # the process ended: stop waiting

        threading.Thread(target=salin, daemon=True).start()
        if not siap.wait(batas_detik) or self.proc.poll() is not None:
            raise RuntimeError(f"Streamlit did not start; see {self.log}")
        with urllib.request.urlopen(self.url + "/_stcore/health", timeout=30) as r:
            assert r.read().decode().strip() == "ok"
        return self

    def bunuh(self) -> None:
        """SIGKILL, as a power cut or the OOM killer would: no clean shutdown."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def berhenti(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.akses, ignore_errors=True)
        tunggu_pemuat_selesai(self.terbit)
        shutil.rmtree(self.terbit, ignore_errors=True)

    def __enter__(self) -> str:
        return self.mulai().url

    def __exit__(self, *exc) -> None:
        self.berhenti()


class ServerLayani:
    """``python -m siaga layani --proses N`` over ``data``/``geo`` (the public demo, no users):
    nginx on a free port in front of N app processes, the loader, all on loopback. :meth:`pids`
    gives the app processes by port; :meth:`berhenti` sends SIGTERM and waits for a clean stop."""

    def __init__(self, data: Path = ROOT / "data", geo: Path = ROOT / "geo", proses: int = 2, proses_layar: int = 0,
                 **lingkungan: str):
        self.port = _free_port()
        self.port_app: list[int] = []
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = Path(tempfile.mkdtemp(prefix="siaga-layani-"))
        self.terbit = Path(tempfile.mkdtemp(prefix="siaga-terbit-"))
        self.akses = Path(tempfile.mkdtemp(prefix="siaga-akses-"))
        self.env = {**os.environ, "SIAGA_DATA": str(data), "SIAGA_GEO": str(geo), "SIAGA_AKSES": str(self.akses),
                    "SIAGA_TERBIT": str(self.terbit), **lingkungan}
        self.env.pop("SIAGA_PEMUAT", None)
        self.proses, self.proses_layar = proses, proses_layar
        self.proc: subprocess.Popen | None = None
        self.keluaran: list[str] = []

    def mulai(self, batas_detik: float = 180) -> ServerLayani:
        # consecutive ports are what layani takes; ask for the first free one of a free run
        self.port_app = _port_berurutan(self.proses + self.proses_layar)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "siaga", "layani", "--proses", str(self.proses), "--proses-layar",
             str(self.proses_layar), "--port", str(self.port), "--port-app", str(self.port_app[0]),
             "--folder-jalan", str(self.folder)],
            cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        siap = threading.Event()

        def baca(proc=self.proc) -> None:
            for baris in proc.stdout:
                self.keluaran.append(baris.rstrip())
                if "dilayani di" in baris:
                    siap.set()
            siap.set()

        threading.Thread(target=baca, daemon=True).start()
        if not siap.wait(batas_detik) or self.proc.poll() is not None:
            raise RuntimeError("layani did not start: " + "\n".join(self.keluaran))
        return self

    def pid_aplikasi(self) -> dict[int, int]:
        """port -> pid of each app process now running."""
        out = {}
        for p in Path("/proc").iterdir():
            if not p.name.isdigit():
                continue
            try:
                cmd = (p / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"--server.port" in cmd and b"streamlit" in b" ".join(cmd):
                port = int(cmd[cmd.index(b"--server.port") + 1])
                if port in self.port_app:
                    out[port] = int(p.name)
        return out

    def berhenti(self) -> int | None:
        rc = None
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                rc = self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        for f in (self.folder, self.terbit, self.akses):
            shutil.rmtree(f, ignore_errors=True)
        return rc


def _port_berurutan(n: int) -> list[int]:
    """``n`` consecutive free ports on loopback."""
    for _ in range(200):
        awal = _free_port()
        socks = []
        try:
            for p in range(awal, awal + n):
                s = socket.socket()
                s.bind(("127.0.0.1", p))
                socks.append(s)
            return list(range(awal, awal + n))
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no consecutive free ports")


def tunggu_pemuat_selesai(folder: Path, batas_detik: float = 60) -> None:
    """Wait until the watching loader of a publish folder has ended (it follows its app process)."""
    from siaga.data import terbit

    t = threading.Thread(target=terbit.tunggu_pemuat_berhenti, args=(folder,), daemon=True)
    t.start()
    t.join(batas_detik)
    if t.is_alive():
        raise RuntimeError(f"the loader of {folder} is still running")


def streamlit_server(data: Path = ROOT / "data", geo: Path = ROOT / "geo", pengguna: str | None = "admin",
                     kecamatan: str | None = None, **lingkungan: str) -> Server:
    """``with streamlit_server(...) as url:`` a running server (see :class:`Server`)."""
    return Server(data, geo, pengguna, kecamatan, **lingkungan)


@pytest.fixture(scope="session")
def server(artefak):
    """The demo (Kota Bekasi) with an admin user."""
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def contoh_server(artefak):
    """The Kota Contoh fixture (read-only) with an admin user: exact figures and the payload."""
    with streamlit_server(FIXTURE / "data", FIXTURE / "geo") as url:
        yield url


@pytest.fixture(scope="session")
def browser(artefak):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Tab:
    """A page (1920×1080 unless told) that records console errors and requests leaving localhost."""

    def __init__(self, browser, lebar: int = 1920, tinggi: int = 1080):
        self.page = browser.new_page(viewport={"width": lebar, "height": tinggi})
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text)
                     if m.type == "error" and not any(n in m.text for n in NOISE) else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.errors.append(f"HTTP {r.status} {r.url}")
                     if r.status >= 400 and not r.url.endswith(BASE_PATH_PROBE) else None)
        self.page.on("request", lambda r: self.external.append(r.url)
                     if r.url.startswith(("http://", "https://")) and "127.0.0.1" not in r.url else None)

    def open(self, url: str, ready: str = '[data-testid="stMetric"]', sandi: str = SANDI_UJI, grafik: int = 0):
        """Open ``url``; when the log-in form shows instead, log in as ``uji``; wait for ``ready``,
        for at least ``grafik`` plotly charts, and until everything shown has drawn."""
        self.page.goto(url)
        self.page.wait_for_selector(f"{ready}, {FORM_MASUK}", timeout=90_000)
        if self.page.locator(FORM_MASUK).count():
            self.masuk("uji", sandi)
        self.page.wait_for_selector(ready, timeout=90_000)
        if grafik:
            self.tunggu_grafik(grafik)
        self.settle()
        return self

    def masuk(self, nama: str, sandi: str) -> None:
        self.page.get_by_label("Nama pengguna").fill(nama)
        self.page.get_by_label("Kata sandi").fill(sandi)
        self.page.get_by_role("button", name="Masuk", exact=True).click()

    def tunggu_grafik(self, n: int) -> None:
        """At least ``n`` plotly charts have drawn their SVG."""
        self.page.wait_for_function(
            f"() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= {n}",
            timeout=60_000)

    def settle(self, muat_ulang: bool = False):
        """Wait until the app is idle and everything it shows has drawn (two animation frames
        later, so a screenshot sees it); the reload banner must not be up unless expected."""
        self.page.wait_for_function(SELESAI_JS, timeout=60_000)
        self.page.evaluate(DUA_BINGKAI_JS)
        if not muat_ulang:
            assert self.page.locator(MUAT_ULANG).count() == 0, "the reload banner showed on a healthy page"

    def screenshot(self, artefak: Path, name: str, penuh: bool = True) -> Path:
        path = artefak / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=penuh)
        return path

    def close(self):
        self.page.close()


@pytest.fixture
def tab(browser):
    t = Tab(browser)
    yield t
    t.close()
