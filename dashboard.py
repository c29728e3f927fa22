"""Siaga Pilkada: situation room of the Desk Pilkada. Entry point: navigation, shared filters."""

from pathlib import Path

import streamlit as st

from siaga import ui

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"

st.set_page_config(page_title="Siaga Pilkada", page_icon=str(HERE / "siaga" / "static" / "ikon.png"), layout="wide",
                   initial_sidebar_state="expanded")

# Each page with the filters it uses (ui.KEC kecamatan, ui.KEL kelurahan, ui.TGL as-of date, ui.JDL time window);
# a page without filters (Data) also runs when no data could be loaded, to fix it from there.
HALAMAN = {
    st.Page(PAGES / "ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=True):
        {ui.KEC, ui.TGL},
    st.Page(PAGES / "kesiapan.py", title="Kesiapan", icon=":material/fact_check:"):
        {ui.KEC, ui.KEL, ui.TGL},
    st.Page(PAGES / "logistik.py", title="Logistik", icon=":material/local_shipping:"):
        {ui.KEC, ui.TGL},
    st.Page(PAGES / "insiden.py", title="Insiden & Permasalahan", icon=":material/report:"):
        {ui.KEC, ui.KEL, ui.TGL, ui.JDL},
    st.Page(PAGES / "netralitas.py", title="Netralitas ASN", icon=":material/balance:"):
        {ui.KEC, ui.TGL},
    st.Page(PAGES / "data.py", title="Data", icon=":material/upload_file:"):
        set(),
}

if ui.mode_layar():      # big-screen briefing: one page, no sidebar, filters from the URL only
    halaman = st.navigation([st.Page(PAGES / "layar.py", title="Layar", default=True)], position="hidden")
    ui.mulai(frozenset({ui.KEC, ui.TGL}), layar=True)
else:
    halaman = st.navigation(list(HALAMAN))
    st.logo(str(HERE / "siaga" / "static" / "logo.svg"), size="large")
    filters = frozenset(HALAMAN.get(halaman, {ui.KEC, ui.TGL}))
    ui.mulai(filters, perlu_data=bool(filters))
halaman.run()
