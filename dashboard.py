"""Siaga Pilkada: situation room of the Desk Pilkada. Entry point: the access gate, navigation
(the pages the role may open, siaga/tampilan/navigasi.py), shared filters, then the page."""

from pathlib import Path

import streamlit as st

from siaga.akses import gerbang
from siaga.tampilan import layar, navigasi, tombol_laporan, ui

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Siaga Pilkada", page_icon=str(HERE / "siaga" / "static" / "ikon.png"), layout="wide",
                   initial_sidebar_state="auto")      # collapsed on a phone (Lapor)
ui.penjaga_modul()

ak = gerbang.jaga()
if ak is None:                      # the log-in form; the link (page and filters) is kept for after
    st.navigation(list(navigasi.layar()) if layar.mode_layar() else navigasi.semua(), position="hidden")
    gerbang.form_masuk()
    st.stop()
if layar.mode_layar():              # big-screen briefing: one page, no sidebar, filters from the URL only
    daftar = navigasi.layar()
    halaman = st.navigation(list(daftar), position="hidden")
    ui.mulai(daftar[halaman].filter, layar=True)
else:
    daftar = navigasi.daftar(ak, ui.multi())
    halaman = st.navigation(list(daftar))
    st.logo(str(HERE / "siaga" / "static" / "logo.svg"), size="large")
    gerbang.bilah_pengguna(ak)
    filters = daftar[halaman].filter
    k = ui.mulai(filters, perlu_data=bool(filters))
    if k is not None and not k.wilayah.multi:      # the report is made per kab/kota
        tombol_laporan.tombol_laporan(k)
ui.jalankan(halaman)
