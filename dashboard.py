"""Siaga Pilkada: situation room of the Desk Pilkada. Entry point: the access gate, navigation
(the pages the role may open), shared filters."""

from pathlib import Path

import streamlit as st

from siaga import akses
from siaga.akses import gerbang
from siaga.tampilan import ui

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"

st.set_page_config(page_title="Siaga Pilkada", page_icon=str(HERE / "siaga" / "static" / "ikon.png"), layout="wide",
                   initial_sidebar_state="expanded")

# Each page with the filters it uses (ui.KEC kecamatan, ui.KEL kelurahan, ui.TGL as-of date, ui.JDL time window);
# a page without filters (Data, Audit) also runs when no data could be loaded, to fix it from there.
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
    st.Page(PAGES / "audit.py", title="Audit", icon=":material/policy:"):
        set(),
}
# A province or national desk (wilayah.toml kode 00 or NN) opens on the overview of its regions;
# the kab/kota pages above assume one region.
IKHTISAR = st.Page(PAGES / "ikhtisar.py", title="Ikhtisar", icon=":material/travel_explore:", default=True)
HALAMAN_MULTI = {IKHTISAR: {ui.TGL}, **{p: f for p, f in HALAMAN.items() if not f}}
# Pages shown to some roles only: Data to admin (and, read-only, in the public demo), Audit to admin.
PERLU = {"data": lambda a: a.boleh(akses.IMPOR) or a.publik, "audit": lambda a: a.boleh(akses.LIHAT_AUDIT)}

ak = gerbang.jaga()
if ak is None:                      # the log-in form; the link (page and filters) is kept for after
    st.navigation(list(HALAMAN), position="hidden")
    gerbang.form_masuk()
    st.stop()
if ui.mode_layar():      # big-screen briefing: one page, no sidebar, filters from the URL only
    halaman = st.navigation([st.Page(PAGES / "layar.py", title="Layar", default=True)], position="hidden")
    ui.mulai(frozenset({ui.KEC, ui.TGL}), layar=True)
else:
    daftar = HALAMAN_MULTI if ui.multi() else HALAMAN
    halaman = st.navigation([p for p in daftar if PERLU.get(p.url_path, lambda a: True)(ak)])
    st.logo(str(HERE / "siaga" / "static" / "logo.svg"), size="large")
    gerbang.bilah_pengguna(ak)
    filters = frozenset(daftar.get(halaman, {ui.KEC, ui.TGL}))
    ui.mulai(filters, perlu_data=bool(filters))
halaman.run()
