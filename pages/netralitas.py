"""Placeholder while the page is being built."""

import streamlit as st

from siaga import ui

k = ui.konteks()
ui.judul("netralitas", k)
st.write("Halaman ini sedang dibangun.")
