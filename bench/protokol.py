"""A browser-like client of Streamlit's websocket protocol (``/_stcore/stream``), for the load
benchmark (``bench/beban.py``) and the tests that put the server under load.

It speaks what the real frontend speaks (recorded from Debian's chromium): protobuf ``BackMsg``
with ``rerun_script`` (query string, page hash, widget states, fragment id) and ``ForwardMsg``
back (``new_session``, ``navigation``, ``delta``, ``page_info_changed``, ``auto_rerun``,
``script_finished``). A session keeps the widgets it was last shown (their id, label, options,
value) so it can change one the way a user would, and follows ``auto_rerun`` like the browser's
timer (the big screen's rotation). Cookies from the first page request are sent with the
websocket, so a load balancer's sticky cookie routes the session. No browser, loopback only.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import http.cookies
import time
import urllib.request
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

SELESAI = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
GAGAL_KOMPILASI = ForwardMsg.FINISHED_WITH_COMPILE_ERROR


@dataclasses.dataclass
class Widget:
    jenis: str              # selectbox | date_input | radio
    id: str
    label: str
    pilihan: list[str]
    nilai: str | list[str] | None


@dataclasses.dataclass
class Hasil:
    """One interaction: from sending the request to the end of the run it caused."""
    jenis: str
    mulai: float            # time.monotonic() when sent
    detik: float | None     # None: no answer in time, or the connection broke
    galat: str | None = None


class Sesi:
    """One session. ``await s.buka(path, query)``, then :meth:`pilih`, :meth:`halaman`,
    :meth:`rerun`; :attr:`judul` is the latest top heading shown; :attr:`galat` lists exceptions
    the app showed."""

    def __init__(self, dasar: str, batas_detik: float = 120.0):
        self.dasar = dasar.rstrip("/")
        self.batas_detik = batas_detik
        self.ws = None
        self.cookie = ""
        self.halaman_hash: dict[str, str] = {}    # url path -> page_script_hash
        self.halaman_kini = ""
        self.query = ""
        self.widget: dict[str, Widget] = {}      # label -> widget, as last shown
        self._widget_baru: dict[str, Widget] = {}
        self._nilai: dict[str, str | list[str]] = {}    # widget id -> value this client gave it (a browser keeps it)
        self.judul: str | None = None
        self.teks: list[str] = []                 # Markdown texts (captions included) of the latest full run
        self._teks_baru: list[str] = []
        self.judul_berubah: list[tuple[float, str]] = []   # (time, heading) each time the top heading changed
        self.galat: list[str] = []
        self.auto: tuple[float, str] | None = None        # (interval, fragment id) of an auto-rerun fragment
        self._selesai: asyncio.Queue = asyncio.Queue()
        self._pembaca: asyncio.Task | None = None
        self.putus = False
        self.sebab_putus: str | None = None

    # ------------------------------------------------------------ connection
    def _ambil_cookie(self, path: str, query: str) -> None:
        """GET the page as a browser does first: a load balancer may set its sticky cookie."""
        url = self.dasar + path + (f"?{query}" if query else "")
        with urllib.request.urlopen(url, timeout=self.batas_detik) as r:
            jar = http.cookies.SimpleCookie()
            for h in r.headers.get_all("Set-Cookie") or []:
                jar.load(h)
            r.read()
        self.cookie = "; ".join(f"{k}={m.value}" for k, m in jar.items())

    async def buka(self, path: str = "/", query: str = "") -> Hasil:
        await asyncio.to_thread(self._ambil_cookie, path, query)
        u = urlsplit(self.dasar)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await connect(f"ws://{u.netloc}/_stcore/stream", subprotocols=["streamlit"],
                                additional_headers=headers, max_size=None, open_timeout=self.batas_detik,
                                ping_interval=None)
        self._pembaca = asyncio.create_task(self._baca())
        self.query = query
        return await self._kirim("buka", query_string=query, page_name=path.strip("/"))

    async def tutup(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._pembaca is not None:
            self._pembaca.cancel()
            try:
                await self._pembaca
            except (asyncio.CancelledError, Exception):
                pass

    async def _baca(self) -> None:
        try:
            async for data in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._terima(msg)
        except Exception as exc:   # the server went away: every waiting request fails
            self.sebab_putus = f"{type(exc).__name__}: {exc}"
        self.putus = True
        await self._selesai.put(None)

    def _terima(self, msg: ForwardMsg) -> None:
        jenis = msg.WhichOneof("type")
        if jenis == "new_session":
            self._widget_baru = {}
            self._teks_baru = []
            if msg.new_session.page_script_hash:
                self.halaman_kini = msg.new_session.page_script_hash
            for p in msg.new_session.app_pages:
                self.halaman_hash[p.url_pathname] = p.page_script_hash
        elif jenis == "navigation":
            for p in msg.navigation.app_pages:
                self.halaman_hash[p.url_pathname] = p.page_script_hash
            if msg.navigation.page_script_hash:
                self.halaman_kini = msg.navigation.page_script_hash
        elif jenis == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif jenis == "auto_rerun":
            self.auto = (msg.auto_rerun.interval, msg.auto_rerun.fragment_id)
        elif jenis == "stop_auto_rerun":
            self.auto = None
        elif jenis == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._elemen(msg.delta.new_element)
        elif jenis == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                self.teks = self._teks_baru
            if msg.script_finished in SELESAI:
                self.widget.update(self._widget_baru)
            if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self._selesai.put_nowait(msg.script_finished)

    def _elemen(self, el) -> None:
        jenis = el.WhichOneof("type")
        if jenis in ("selectbox", "radio"):
            w = getattr(el, jenis)
            bawaan = w.options[w.default] if w.options and w.HasField("default") else None
            if w.set_value:                   # the server set it: the browser keeps this value from now on
                self._nilai[w.id] = w.raw_value
            nilai = self._nilai.get(w.id, bawaan)
            self._widget_baru[w.label] = Widget(jenis, w.id, w.label, list(w.options), nilai)
        elif jenis == "date_input":
            w = el.date_input
            if w.set_value:
                self._nilai[w.id] = list(w.value)
            nilai = self._nilai.get(w.id, list(w.default))
            self._widget_baru[w.label] = Widget(jenis, w.id, w.label, [w.min, w.max], nilai)
        elif jenis == "heading" and el.heading.tag == "h1":
            teks = el.heading.body
            if teks != self.judul:
                self.judul = teks
                self.judul_berubah.append((time.monotonic(), teks))
        elif jenis == "markdown":
            self._teks_baru.append(el.markdown.body)
        elif jenis == "exception":
            self.galat.append(f"{el.exception.type}: {el.exception.message}"[:300])

    # ------------------------------------------------------------ requests
    def _widget_states(self, back: BackMsg, ganti: dict[str, str | list[str]] | None = None) -> None:
        ganti = ganti or {}
        for w in self.widget.values():
            nilai = ganti.get(w.label, w.nilai)
            if nilai is None:
                continue
            if w.label in ganti:
                self._nilai[w.id] = nilai
            s = back.rerun_script.widget_states.widgets.add()
            s.id = w.id
            if w.jenis == "date_input":
                s.string_array_value.data.extend(nilai)
            else:
                s.string_value = nilai

    async def _kirim(self, jenis: str, ganti: dict | None = None, **state) -> Hasil:
        back = BackMsg()
        rs = back.rerun_script
        rs.query_string = state.pop("query_string", self.query)
        for k, v in state.items():
            setattr(rs, k, v)
        self._widget_states(back, ganti)
        rs.context_info.timezone = "Asia/Jakarta"
        rs.context_info.locale = "id-ID"
        while not self._selesai.empty():
            self._selesai.get_nowait()
        mulai = time.monotonic()
        if self.putus:
            return Hasil(jenis, mulai, None, "terputus")
        try:
            await self.ws.send(back.SerializeToString())
            status = await asyncio.wait_for(self._selesai.get(), self.batas_detik)
        except TimeoutError:
            return Hasil(jenis, mulai, None, "batas waktu")
        except Exception as exc:
            return Hasil(jenis, mulai, None, f"terputus: {type(exc).__name__}")
        if status is None:
            return Hasil(jenis, mulai, None, "terputus")
        detik = time.monotonic() - mulai
        if status == GAGAL_KOMPILASI:
            return Hasil(jenis, mulai, detik, "gagal kompilasi")
        return Hasil(jenis, mulai, detik)

    async def rerun(self) -> Hasil:
        return await self._kirim("rerun", page_script_hash=self.halaman_kini)

    async def halaman(self, path: str) -> Hasil:
        """Open another page of the navigation (``/kesiapan``), as a click in the sidebar does."""
        h = self.halaman_hash.get(path.strip("/"))
        if h is None:
            return Hasil("halaman", time.monotonic(), None, f"halaman {path} tidak ada di navigasi")
        return await self._kirim("halaman", page_script_hash=h)

    async def pilih(self, label: str, nilai: str | dt.date) -> Hasil:
        """Set the widget labelled ``label`` (a select box or radio option as shown, or a date)."""
        w = self.widget.get(label)
        if w is None:
            return Hasil("pilih", time.monotonic(), None, f"tidak ada widget {label!r}")
        v = [nilai.isoformat()] if isinstance(nilai, dt.date) else nilai
        hasil = await self._kirim(f"pilih {label}", ganti={label: v}, page_script_hash=self.halaman_kini)
        return hasil

    async def fragmen(self) -> Hasil:
        """One tick of the browser's auto-rerun timer (the big screen's rotation)."""
        if self.auto is None:
            return Hasil("fragmen", time.monotonic(), None, "tidak ada fragmen berkala")
        return await self._kirim("fragmen", page_script_hash=self.halaman_kini, fragment_id=self.auto[1],
                                 is_auto_rerun=True)
