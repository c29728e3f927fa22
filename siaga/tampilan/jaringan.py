"""Meeting-room access over the office network: which host names the server answers to, and a
readable page for a browser that uses another one.

Streamlit checks the ``Host`` of its WebSocket against ``server.allowedHosts`` (DNS rebinding) but
still serves its HTML page to any host, so a PC that opens the app through an address not in the
list used to get a blank page that waited forever. ``dashboard.py`` serves itself through Streamlit's
ASGI app (``st.App``, the supported way to add middleware) with :class:`PenjagaHost`, which
answers every HTTP request from a host not allowed with one Indonesian page (status 403) that says
so and how to fix it. The list is the same ``server.allowedHosts`` option Streamlit enforces
(``.streamlit/config.toml``, ``--server.allowedHosts`` or ``STREAMLIT_SERVER_ALLOWED_HOSTS``), so the
page and the WebSocket always agree. The page is self-contained: no script, style sheet or font
is fetched.

:class:`CookieKlien` gives every browser its client cookie (the binding of a log-in,
:mod:`siaga.akses.sesi`) and guards the download files Streamlit serves under ``/media/``: refused
to a client without the cookie, and a file served as an attachment only to the browser whose session
pressed its button, within :data:`UMUR_IZIN` seconds (:data:`IZIN_UNDUH`)."""

from __future__ import annotations

import hashlib
import html
import re
import threading
import time
from collections.abc import Callable, Sequence
from urllib.parse import unquote, urlsplit

import streamlit as st
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from siaga.akses import audit, pengguna, sesi
from siaga.inti.config import Paths

OPSI_HOST = "server.allowedHosts"
STATUS_DITOLAK = 403


def nama_host(host: str | None) -> str | None:
    """The host name of a ``Host`` header (lower case, without port or final dot), or None when the
    header is missing or not a plain host[:port]."""
    if not host:
        return None
    try:
        bagian = urlsplit(f"//{host}")
        _ = bagian.port                       # a port that is not a number makes the header invalid
    except ValueError:
        return None
    if not bagian.hostname or bagian.username or bagian.password or bagian.path or bagian.query or bagian.fragment:
        return None
    return bagian.hostname.lower().rstrip(".")


def host_diizinkan(host: str | None, diizinkan: Sequence[str]) -> bool:
    """Whether a request's ``Host`` header is allowed, as Streamlit documents ``server.allowedHosts``:
    an empty list allows any host; ports are ignored; ``*`` allows any valid host and ``*.example.org``
    any subdomain of example.org."""
    if not diizinkan:
        return True
    nama = nama_host(host)
    if nama is None:
        return False
    for pola in diizinkan:
        pola = str(pola).strip().lower().rstrip(".")
        if pola == "*" or nama == pola or (pola.startswith("*.") and nama.endswith(pola[1:])):
            return True
    return False


def halaman_ditolak(host: str | None) -> str:
    """The page a browser gets when it opens the app through a host name that is not allowed
    (Indonesian, no external resource; the host as typed is escaped, never interpreted)."""
    alamat = html.escape(nama_host(host) or (host or "(tanpa nama host)"))
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Alamat tidak diizinkan · Siaga Pilkada</title>
<style>
body {{ font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a; background: #f1f4f8;
       margin: 0; padding: 6vh 5vw; font-size: clamp(16px, 2.2vh, 40px); line-height: 1.5; }}
main {{ max-width: 52em; background: #fff; border-top: .4em solid #1f4e79; padding: 1.5em 2em; }}
h1 {{ font-size: 1.6em; margin: 0 0 .6em; color: #1f4e79; }}
code {{ background: #eef1f5; padding: .1em .3em; }}
</style>
</head>
<body>
<main>
<h1>Alamat ini tidak diizinkan untuk Siaga Pilkada</h1>
<p>Dasbor Desk Pilkada dibuka lewat alamat <strong><code>{alamat}</code></strong>, yang tidak terdaftar di
pengaturan server. Demi keamanan, server hanya melayani alamat yang didaftarkan admin.</p>
<p><strong>Yang dapat dilakukan:</strong></p>
<ul>
<li>Buka dasbor lewat alamat yang diberikan admin Desk Pilkada (misalnya alamat IP PC server di jaringan
kantor).</li>
<li>Admin: tambahkan <code>{alamat}</code> ke daftar <code>allowedHosts</code> di bagian <code>[server]</code>
berkas <code>.streamlit/config.toml</code> (atau ke variabel lingkungan
<code>STREAMLIT_SERVER_ALLOWED_HOSTS</code>), lalu mulai ulang server. Lihat README, bagian
<em>Akses dari PC lain di jaringan kantor</em>.</li>
</ul>
</main>
</body>
</html>
"""


class PenjagaHost:
    """ASGI middleware: an HTTP request whose ``Host`` is not in ``server.allowedHosts`` (or in what
    ``daftar`` returns) gets :func:`halaman_ditolak` (403, never cached) instead of the app;
    WebSocket requests go on to Streamlit, which refuses them itself."""

    def __init__(self, app: ASGIApp, daftar: Callable[[], Sequence[str]] | None = None) -> None:
        self.app = app
        self.daftar = daftar or (lambda: st.get_option(OPSI_HOST) or [])     # read per request: the live config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = Headers(scope=scope).get("host")
            if not host_diizinkan(host, self.daftar()):
                jawab = HTMLResponse(halaman_ditolak(host), status_code=STATUS_DITOLAK,
                                     headers={"Cache-Control": "no-store"})
                await jawab(scope, receive, send)
                return
        await self.app(scope, receive, send)


JALUR_METRIK = "/_stcore/metrics"


class TutupMetrik:
    """ASGI middleware: Streamlit's metrics endpoint (``/_stcore/metrics``: cache sizes and session
    counts of the server) is not for users; it answers 404 as if it did not exist."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").rstrip("/").endswith(JALUR_METRIK):
            await HTMLResponse("Tidak ditemukan.", status_code=404, headers={"Cache-Control": "no-store"})(
                scope, receive, send)
            return
        await self.app(scope, receive, send)


UMUR_COOKIE = 30 * 24 * 3600        # seconds a client cookie lives in the browser (the log-in itself ends sooner)
JALUR_MEDIA = "/media/"


def cookie_klien(scope: Scope) -> str | None:
    """The request's client cookie, when it has one of the right shape."""
    nilai = None
    for bagian in Headers(scope=scope).get("cookie", "").split(";"):
        nama, _, isi = bagian.strip().partition("=")
        if nama == sesi.COOKIE_KLIEN:
            nilai = isi
    return nilai if sesi.cookie_sah(nilai) else None


def https(scope: Scope) -> bool:
    """Whether the browser reached us over https (directly, or through nginx's X-Forwarded-Proto)."""
    maju = Headers(scope=scope).get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return scope.get("scheme") == "https" or maju == "https"


def kepala_cookie(nilai: str, aman: bool) -> str:
    """The ``Set-Cookie`` value of a new client cookie: HttpOnly (no script reads it), SameSite=Lax
    (sent when a shared link is opened from another site, e.g. WhatsApp or e-mail, but not on a
    request another site makes from its own page), Secure over https."""
    return (f"{sesi.COOKIE_KLIEN}={nilai}; Path=/; Max-Age={UMUR_COOKIE}; HttpOnly; SameSite=Lax"
            + ("; Secure" if aman else ""))


def pemegang(cookie: str | None) -> str:
    """Who holds a download permit: the SHA-256 of the client cookie (kept in this process's
    memory only), "" without a cookie (a client that never gets a permitted file)."""
    return hashlib.sha256(cookie.encode("ascii")).hexdigest() if sesi.cookie_sah(cookie) else ""


UMUR_IZIN = 120.0                   # seconds a pressed download button's file may be fetched


class IzinUnduh:
    """Download permits of this process: pressing a download button (its data callable, in the
    process that serves the session; nginx keeps a browser on one process) lets the browser that
    pressed it fetch that file name for :data:`UMUR_IZIN` seconds. Not single-use: Chromium's
    download manager fetches a file a second time after the click's own request."""

    def __init__(self, umur: float = UMUR_IZIN, jam: Callable[[], float] = time.monotonic) -> None:
        self.umur, self.jam = umur, jam
        self._izin: dict[tuple[str, str], float] = {}
        self._kunci = threading.Lock()

    def beri(self, pemegang_: str, berkas: str) -> None:
        if not pemegang_:
            return
        with self._kunci:
            self._izin[(pemegang_, berkas)] = self.jam() + self.umur

    def boleh(self, pemegang_: str, berkas: str) -> bool:
        """Whether this holder has a valid permit for this file (expired permits are dropped)."""
        sekarang = self.jam()
        with self._kunci:
            for k in [k for k, t in self._izin.items() if t < sekarang]:
                del self._izin[k]
            return bool(pemegang_) and (pemegang_, berkas) in self._izin


IZIN_UNDUH = IzinUnduh()
_NAMA_BERKAS = re.compile(r'filename="([^"]*)"|filename\*=utf-8\'\'([^;]*)', re.IGNORECASE)


def berkas_lampiran(kepala: Headers) -> str | None:
    """The file name of an attachment response (``Content-Disposition: attachment``), else None."""
    cd = kepala.get("content-disposition", "")
    if not cd.lower().startswith("attachment"):
        return None
    m = _NAMA_BERKAS.search(cd)
    return (m.group(1) if m.group(1) is not None else unquote(m.group(2))) if m else ""


class CookieKlien:
    """ASGI middleware: every HTTP response to a request without a valid client cookie sets a new
    random one (so the page's WebSocket carries it). Under ``/media/``: a request without the
    cookie is refused; a file served as an attachment (a download) reaches only a browser holding a
    permit for it (:data:`IZIN_UNDUH`), with ``Cache-Control: no-store``; every refusal is
    403 and audited ``unduh_ditolak``. Pictures shown on the page (not attachments) pass."""

    def __init__(self, app: ASGIApp, folder: Callable[[], object] | None = None,
                 izin: IzinUnduh | None = None) -> None:
        self.app = app
        self.folder = folder or (lambda: pengguna.folder(Paths.dari_env()))
        self.izin = izin or IZIN_UNDUH

    def _catat_tolak(self, objek: str, siapa: str) -> None:
        try:
            audit.catat(self.folder(), pengguna=siapa, peran="-", aksi=audit.UNDUH_DITOLAK, objek=objek[:80],
                        hasil=audit.DITOLAK)
        except OSError:            # an audit folder that cannot be written does not open the file
            pass

    async def _tolak(self, scope: Scope, receive: Receive, send: Send) -> None:
        await HTMLResponse("Unduhan hanya untuk peramban yang menekan tombol unduhnya, dalam dua menit.",
                           status_code=STATUS_DITOLAK, headers={"Cache-Control": "no-store"})(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookie = cookie_klien(scope)
        media = JALUR_MEDIA in scope.get("path", "")
        if cookie is None and media:
            self._catat_tolak(scope.get("path", "").rsplit("/", 1)[-1], "(tanpa cookie)")
            await self._tolak(scope, receive, send)
            return
        if media:
            await self._media(scope, receive, send, pemegang(cookie))
            return
        if cookie is not None:
            await self.app(scope, receive, send)
            return
        baru = kepala_cookie(sesi.cookie_baru(), https(scope))

        async def kirim(pesan: Message) -> None:
            if pesan["type"] == "http.response.start":
                MutableHeaders(scope=pesan).append("set-cookie", baru)
            await send(pesan)

        await self.app(scope, receive, kirim)

    async def _media(self, scope: Scope, receive: Receive, send: Send, siapa: str) -> None:
        ditolak = False

        async def kirim(pesan: Message) -> None:
            nonlocal ditolak
            if pesan["type"] == "http.response.start":
                kepala = MutableHeaders(scope=pesan)
                berkas = berkas_lampiran(kepala)
                if berkas is not None and not self.izin.boleh(siapa, berkas):
                    ditolak = True
                    self._catat_tolak(berkas, "(peramban tanpa izin)")
                    await self._tolak(scope, receive, send)
                    return
                if berkas is not None:
                    kepala["cache-control"] = "no-store"
            if not ditolak:
                await send(pesan)

        await self.app(scope, receive, kirim)


def middleware() -> list[Middleware]:
    """The middleware of the dashboard's ASGI app (``dashboard.py``: ``st.App(..., middleware=…)``)."""
    return [Middleware(PenjagaHost), Middleware(TutupMetrik), Middleware(CookieKlien)]
