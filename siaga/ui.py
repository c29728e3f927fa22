"""Streamlit glue shared by every page: the cached store, cached queries, the filters
(kept in the URL so a link reproduces the view) and the page header."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from siaga import fmt
from siaga.config import Paths, Wilayah
from siaga.errors import Masalah
from siaga.store import Store

K_KEC, K_TGL = "f_kec", "f_tgl"          # session-state keys of the filter widgets
P_KEC, P_TGL = "kec", "tgl"              # URL query parameters
SEMUA = ""                               # the "whole region" choice of the kecamatan filter


@dataclass(frozen=True)
class Konteks:
    wilayah: Wilayah
    versi: str
    tanggal: dt.date
    kecamatan: str | None
    nama_kecamatan: dict[str, str]
    tanggal_awal: dt.date
    tanggal_akhir: dt.date
    waktu_terakhir: dt.datetime

    @property
    def nama_lingkup(self) -> str:
        """``Kota Bekasi`` or ``Kecamatan Bekasi Timur``."""
        if self.kecamatan:
            return f"Kecamatan {self.nama_kecamatan[self.kecamatan]}"
        return self.wilayah.nama

    @property
    def data_per(self) -> str:
        """``27 November 2024 pukul 13.59 WIB`` for the latest day, else the end of the chosen day."""
        z = self.wilayah.zona_waktu
        if self.tanggal >= self.tanggal_akhir:
            return fmt.waktu(self.waktu_terakhir, z)
        return f"{fmt.tanggal(self.tanggal)} pukul 23.59 {z}"


@st.cache_resource(show_spinner="Memuat data…")
def _store(paths: Paths) -> Store:
    s = Store(paths)
    s.load()
    return s


def store() -> Store:
    """The process-wide store of the folders named by SIAGA_DATA / SIAGA_GEO."""
    return _store(Paths.from_env())


@st.cache_data(max_entries=1024, show_spinner=False)
def _cached(name: str, params: tuple, versi: str) -> pd.DataFrame:
    return store().query(name, **dict(params))


def q(name: str, **params) -> pd.DataFrame:
    """Run a named query, cached per data version and parameters."""
    s = store()
    return _cached(name, tuple(sorted(params.items())), s.versi)


def tabel_masalah(masalah: list[Masalah]) -> pd.DataFrame:
    return pd.DataFrame([m.as_row() for m in masalah],
                        columns=["tingkat", "berkas", "baris", "kolom", "nilai", "alasan"])


def _parse_tgl(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def mulai() -> Konteks:
    """Run once per rerun from ``dashboard.py``: data status, filters, URL sync."""
    s = store()
    s.refresh()
    if not s.siap:
        st.error("Data tidak dapat dimuat. Perbaiki berkas berikut, lalu muat ulang halaman.")
        st.dataframe(tabel_masalah(s.ditolak), hide_index=True, width="stretch")
        st.stop()
    if s.ditolak:
        st.warning(f"Pembaruan data ditolak ({len(s.ditolak)} masalah); yang tampil adalah data terakhir yang sah. "
                   "Rinciannya ada di bawah.")
        with st.expander("Rincian masalah data"):
            st.dataframe(tabel_masalah(s.ditolak), hide_index=True, width="stretch")

    wil = s.wilayah
    rentang = q("rentang_data").iloc[0]
    awal, akhir = rentang["tanggal_awal"], rentang["tanggal_akhir"]
    awal = awal.date() if hasattr(awal, "date") else awal
    akhir = akhir.date() if hasattr(akhir, "date") else akhir
    batas_atas = max(akhir, wil.hari_pemungutan)
    daftar = q("daftar_wilayah")
    kec = daftar[daftar["tingkat"] == "kecamatan"]
    nama_kec = dict(zip(kec["kode"], kec["nama"]))

    qp = st.query_params
    # URL wins on the first run of a session (a shared link); afterwards the widgets do.
    if K_KEC not in st.session_state or st.session_state[K_KEC] not in (SEMUA, *nama_kec):
        code = qp.get(P_KEC)
        st.session_state[K_KEC] = code if code in nama_kec else SEMUA
    if K_TGL not in st.session_state or not (awal <= st.session_state[K_TGL] <= batas_atas):
        t = _parse_tgl(qp.get(P_TGL))
        st.session_state[K_TGL] = t if t and awal <= t <= batas_atas else akhir

    with st.sidebar:
        st.selectbox("Kecamatan", [SEMUA, *nama_kec], key=K_KEC,
                     format_func=lambda c: f"Seluruh {wil.nama}" if c == SEMUA else nama_kec[c])
        st.date_input("Data per tanggal", key=K_TGL, min_value=awal, max_value=batas_atas, format="DD/MM/YYYY",
                      help=f"Data tersedia {fmt.tanggal(awal)} – {fmt.tanggal(akhir)}. "
                           "Pilih tanggal lampau untuk melihat keadaan saat itu.")
        if wil.simulasi:
            st.caption("⚠️ Data operasional pada demo ini **simulasi**; kode wilayah, DPT dan TPS per kecamatan nyata.")

    ktx = Konteks(wilayah=wil, versi=s.versi, tanggal=st.session_state[K_TGL], kecamatan=st.session_state[K_KEC] or None,
                  nama_kecamatan=nama_kec, tanggal_awal=awal, tanggal_akhir=akhir,
                  waktu_terakhir=rentang["waktu_terakhir"].to_pydatetime())
    _sync_url(ktx)
    st.session_state["_konteks"] = ktx
    return ktx


def _sync_url(k: Konteks) -> None:
    """Keep the filters in the URL so the address bar can be shared as is."""
    want = {P_KEC: k.kecamatan, P_TGL: None if k.tanggal == k.tanggal_akhir else k.tanggal.isoformat()}
    for key, value in want.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def konteks() -> Konteks:
    """The filters of this run, set by ``mulai()`` in the entry point before the page runs."""
    if PagesManager.uses_pages_directory:
        # A Streamlit process that sees a pages/ folder starts in the old multipage mode until
        # st.navigation has run once; a deep link (/ringkasan?kec=…) as the very first request
        # would then run this page without the entry point. Switch the mode off and rerun, so
        # the entry point (filters, navigation) runs first.
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["_konteks"]


def judul(teks: str, k: Konteks) -> None:
    """Page title, scope and the "data per" stamp."""
    st.title(f"{teks} · {k.nama_lingkup}")
    st.caption(f"Data per {k.data_per} · {fmt.hitung_mundur(k.tanggal, k.wilayah.hari_pemungutan)} menuju "
               f"pemungutan suara {fmt.hari_tanggal(k.wilayah.hari_pemungutan)}")
