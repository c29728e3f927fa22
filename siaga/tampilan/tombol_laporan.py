"""The "Unduh laporan" control in the sidebar of every kab/kota page: choose a format, make the
daily report of the current kecamatan filter and as-of date (only on click), then download it. The
WhatsApp pictures come one by one (each slide and the poster its own PNG download), since a phone
forwards pictures to a group, not a zip."""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable
from typing import NamedTuple

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from siaga import akses, laporan
from siaga.akses import Lingkup, audit, gerbang
from siaga.inti import fmt
from siaga.laporan.gambar import NAMA_POSTER
from siaga.model.konteks import Konteks, nama_lingkup
from siaga.tampilan import jaringan, ui

GAMBAR = "png"                                  # the format whose pictures are offered one by one
NAMA_POSTER_PNG = f"{NAMA_POSTER}.png"


class KunciLaporan(NamedTuple):
    versi: str
    tanggal: dt.date
    kecamatan: str | None
    format: str
    lingkup: Lingkup


def kunci_laporan(k: Konteks, format: str) -> KunciLaporan:
    """Everything a generated report depends on, and so its cache key: the data version, the
    as-of date, the kecamatan filter (a kelurahan filter does not narrow the report) and the
    format, and the access scope the report's queries run in. Anything that changes what a report
    may contain joins the key here."""
    return KunciLaporan(k.versi, k.tanggal, k.kecamatan, format, gerbang.lingkup())


@st.cache_data(max_entries=24, show_spinner=False)
def _berkas_laporan(kunci: KunciLaporan, _kabar: laporan.Kabar) -> bytes | list:
    if kunci.format == GAMBAR:
        return laporan.buat_gambar(ui.store(), kunci.tanggal, kunci.kecamatan, _kabar, kunci.lingkup)
    return laporan.buat(ui.store(), kunci.tanggal, kunci.kecamatan, kunci.format, _kabar, kunci.lingkup)


def buat_laporan(kunci: KunciLaporan, bar) -> bytes | list:
    """The report (cached per key): its bytes, or for the pictures the list of
    :class:`siaga.laporan.gambar.Gambar`, with the generator's progress on ``bar``.

    The cached function runs in a worker thread and reports through a queue, so no Streamlit
    element is touched inside it (cache_data would replay such calls on a hit)."""
    kabar: queue.SimpleQueue = queue.SimpleQueue()
    hasil: dict = {}

    def kerja() -> None:
        try:
            hasil["data"] = _berkas_laporan(kunci, lambda f, teks: kabar.put((f, teks)))
        except BaseException as exc:   # handed to the script thread below
            hasil["galat"] = exc

    t = threading.Thread(target=kerja, name="siaga-laporan", daemon=True)
    add_script_run_ctx(t, get_script_run_ctx())
    t.start()
    while t.is_alive() or not kabar.empty():
        try:
            f, teks = kabar.get(timeout=0.1)
        except queue.Empty:
            continue
        bar.progress(min(max(f, 0.0), 1.0), text=teks)
    if "galat" in hasil:
        raise hasil["galat"]
    return hasil["data"]


def tombol_laporan(k: Konteks) -> None:
    """The control itself, in the sidebar (nothing for a role without report downloads)."""
    if not gerbang.boleh(akses.UNDUH_LAPORAN):
        return
    with st.sidebar.expander("Unduh laporan", icon=":material/summarize:"):
        format = st.radio("Format", list(laporan.FORMAT), format_func=lambda f: laporan.FORMAT[f].label,
                          key="laporan_format")
        nama = nama_lingkup(k.wilayah.nama, k.nama_kec)
        st.caption(f"{fmt.md(nama)} · data per {fmt.tanggal(k.tanggal)}. PDF A4; gambar PNG untuk WhatsApp, "
                   "diunduh satu per satu: poster tegak 1080×2160 dan satu gambar 1600×900 per slide; PPTX 16:9.")
        kunci = kunci_laporan(k, format)
        if st.button("Buat laporan", key="laporan_buat", icon=":material/description:"):
            bar = st.progress(0.0, text="Menyiapkan laporan…")
            try:
                st.session_state["_laporan"] = (kunci, buat_laporan(kunci, bar))
            except laporan.LaporanError as exc:
                st.error(str(exc))
            finally:
                bar.empty()
        siap = st.session_state.get("_laporan")
        if siap is not None and siap[0] == kunci:
            kode = k.kecamatan or k.wilayah.kode
            ak = gerbang.akses()
            if format == GAMBAR:
                unduh_gambar(siap[1], kode, k.tanggal, ak)
            else:
                f = laporan.FORMAT[format]
                berkas = laporan.nama_berkas(kode, k.tanggal, format)
                st.download_button(f"Unduh {f.label}", data=dicatat(siap[1], berkas, ak), mime=f.mime,
                                   key="laporan_unduh", file_name=berkas, icon=":material/download:",
                                   on_click="ignore", type="primary")


def dicatat(isi: bytes, berkas: str, ak: akses.Akses) -> Callable[[], bytes]:
    """The report's bytes served only when the button is pressed (outside the script run), after
    its audit line (``unduh_laporan``, the file name): every report download is logged; and the
    download permit of this browser (siaga/tampilan/jaringan.py)."""
    siapa = jaringan.pemegang(gerbang.cookie_sambungan())

    def serah() -> bytes:
        gerbang.catat(audit.UNDUH_LAPORAN, berkas, ak=ak)
        jaringan.IZIN_UNDUH.beri(siapa, berkas)
        return isi
    return serah


def unduh_gambar(gambar: list, kode: str, tanggal: dt.date, ak: akses.Akses) -> None:
    """A download button per picture, the poster first: each is its own PNG file, ready to forward
    (each download audited like the others)."""
    st.caption("Unduh gambar satu per satu, lalu kirim ke grup WhatsApp sebagai foto.")
    for g in sorted(gambar, key=lambda g: g.nama != NAMA_POSTER_PNG):
        poster = g.nama == NAMA_POSTER_PNG
        berkas = laporan.nama_gambar(kode, tanggal, g.nama)
        st.download_button(g.judul, data=dicatat(g.png, berkas, ak), mime="image/png",
                           key=f"laporan_unduh_{g.nama.removesuffix('.png')}", file_name=berkas, on_click="ignore",
                           icon=":material/smartphone:" if poster else ":material/image:",
                           type="primary" if poster else "secondary", width="stretch")
