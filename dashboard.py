"""Siaga Pilkada: situation room of the Desk Pilkada. Entry point: navigation, shared filters."""

from pathlib import Path

import streamlit as st

from siaga import ui

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Siaga Pilkada", page_icon=str(HERE / "siaga" / "static" / "ikon.png"), layout="wide",
                   initial_sidebar_state="expanded")

halaman = st.navigation([
    st.Page(HERE / "pages" / "ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=True),
])
st.logo(str(HERE / "siaga" / "static" / "logo.svg"), size="large")
ui.mulai()
halaman.run()
