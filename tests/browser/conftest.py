"""Real-browser fixtures: a Streamlit server in a subprocess and Debian's chromium via Playwright.

The server has one configured user, ``uji`` (role ``admin`` unless told otherwise), in a temporary
access folder; :meth:`Tab.open` logs in through the real log-in form whenever it appears. With
``pengguna=None`` nobody is configured: the public demo.

Nothing here skips: without chromium the tests fail and say how to install it
(`apt-get install chromium`; `.ci/run` does it)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, SANDI_UJI, tulis_pengguna

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
# Messages Chromium prints about its software GL path; they are not page errors. Failed
# resources are checked from the responses instead (see Tab), so their console echo is skipped.
NOISE = ("GL Driver Message", "luma.gl", "GPU stall", "WebGL", "Failed to load resource")
# Opened at a page URL (/ringkasan), Streamlit's frontend first probes for a base path at
# /ringkasan/_stcore/... and falls back to /: those 404s are expected.
BASE_PATH_PROBE = ("/_stcore/health", "/_stcore/host-config")
FORM_MASUK = '[data-testid="stForm"] input[type="password"]'


def chromium_path() -> str:
    path = os.environ.get("SIAGA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Chromium tidak ditemukan: pasang dengan `apt-get install chromium` (lihat .ci/run)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(data: Path = ROOT / "data", geo: Path = ROOT / "geo", pengguna: str | None = "admin",
                     kecamatan: str | None = None, **lingkungan: str):
    """A server over ``data``/``geo`` with one user ``uji`` of role ``pengguna`` (None: no user, the
    public demo) and extra environment variables; its URL. ``streamlit_server.akses`` is the access
    folder (audit log) of the last server started."""
    from argon2 import PasswordHasher

    port = _free_port()
    akses = Path(tempfile.mkdtemp(prefix="siaga-akses-"))
    if pengguna:
        tulis_pengguna(akses, PasswordHasher().hash(SANDI_UJI), ("uji", pengguna, kecamatan))
    env = dict(os.environ, SIAGA_DATA=str(data), SIAGA_GEO=str(geo), SIAGA_AKSES=str(akses), **lingkungan)
    streamlit_server.akses = akses
    log = open(ROOT / "tests" / "artefak" / f"streamlit-{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Streamlit did not start; see {log.name}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(akses, ignore_errors=True)


@pytest.fixture(scope="session")
def server(artefak):
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser(artefak):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Tab:
    """A page at 1920×1080 that records console errors and requests leaving localhost."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1920, "height": 1080})
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text)
                     if m.type == "error" and not any(n in m.text for n in NOISE) else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.errors.append(f"HTTP {r.status} {r.url}")
                     if r.status >= 400 and not r.url.endswith(BASE_PATH_PROBE) else None)
        self.page.on("request", lambda r: self.external.append(r.url)
                     if r.url.startswith(("http://", "https://")) and "127.0.0.1" not in r.url else None)

    def open(self, url: str, ready: str = '[data-testid="stMetric"]', sandi: str = SANDI_UJI):
        """Open ``url``; when the log-in form shows instead, log in as ``uji`` and wait for ``ready``."""
        self.page.goto(url)
        self.page.wait_for_selector(f"{ready}, {FORM_MASUK}", timeout=90_000)
        if self.page.locator(FORM_MASUK).count():
            self.masuk("uji", sandi)
        self.page.wait_for_selector(ready, timeout=90_000)
        self.settle()
        return self

    def masuk(self, nama: str, sandi: str) -> None:
        self.page.get_by_label("Nama pengguna").fill(nama)
        self.page.get_by_label("Kata sandi").fill(sandi)
        self.page.get_by_role("button", name="Masuk", exact=True).click()

    def settle(self):
        """Wait until the app is idle (no running indicator) and maps had time to draw."""
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
        self.page.wait_for_timeout(1500)

    def screenshot(self, artefak: Path, name: str) -> Path:
        path = artefak / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.page.close()


@pytest.fixture
def tab(browser):
    t = Tab(browser)
    yield t
    t.close()
