"""Siaga Pilkada: situation room of the Desk Pilkada. Entry point: the access gate, navigation
(the pages the role may open, siaga/tampilan/navigasi.py), shared filters, then the page.

``streamlit run dashboard.py`` finds the ASGI app ``app`` below and serves this script through it:
Streamlit's own app behind the host check of siaga/tampilan/jaringan.py (a browser that uses a
host name not in ``server.allowedHosts`` gets a readable page instead of a blank one). Streamlit
runs the script itself as ``__main__``."""

from pathlib import Path

import streamlit as st

from siaga.tampilan import jaringan

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":          # a run of the script (Streamlit runs it as __main__)
    # imported here, not above: the server imports this file to find ``app`` before it answers its
    # health check, and these (pandas, geopandas, duckdb, plotly…) are for the script's runs only
    from siaga.akses import gerbang
    from siaga.tampilan import layar, navigasi, tombol_laporan, ui

    st.set_page_config(page_title="Siaga Pilkada", page_icon=str(HERE / "siaga" / "static" / "ikon.png"), layout="wide",
                       initial_sidebar_state="auto")      # collapsed on a phone (Lapor)
    ui.penjaga_modul()
    ui.gaya_desk()

    ak = gerbang.jaga()
    if ak is None:                      # the log-in form; the link (page and filters) is kept for after
        st.navigation(list(navigasi.layar()) if layar.mode_layar() else navigasi.semua(), position="hidden")
        gerbang.form_masuk()
        st.stop()
    if layar.mode_layar():              # big-screen briefing: one page, no sidebar, filters from the URL only
        daftar = navigasi.layar()
        halaman = st.navigation(list(daftar), position="hidden")
        ui.mulai(daftar[halaman].filter, layar=True)
        gerbang.awasi_sesi()            # idle expiry and user removal end the big screen too
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
else:                               # imported by the server: the ASGI app that serves the script
    app = st.App(__file__, middleware=jaringan.middleware())
