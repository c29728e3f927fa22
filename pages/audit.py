"""Audit (admin only): reporter-identity requests to decide, the users, and the audit log."""

import streamlit as st

from siaga import akses
from siaga.akses import gerbang
from siaga.tampilan import identitas as tampil
from siaga.tampilan import ui

ui.lewat_pintu()
st.title("Audit")
if not gerbang.boleh(akses.LIHAT_AUDIT):
    st.error("Halaman ini hanya untuk admin.", icon=":material/block:")
    st.stop()
st.caption("Permintaan identitas pelapor, pengguna, dan log audit (siapa melakukan apa, kapan). Log audit hanya "
           "ditambah, tidak pernah diubah, berantai hash (baris yang diubah atau dihapus terdeteksi), dan tidak memuat "
           "data pribadi atau kata sandi.")
tampil.kabar()

st.subheader("Permintaan identitas pelapor")
semua = tampil.permintaan()
tunggu = tampil.menunggu(semua)
if not tunggu:
    ui.kosong("Tidak ada permintaan yang menunggu keputusan.")
else:
    st.dataframe(tampil.tabel_permintaan(tunggu), hide_index=True, width="stretch")
    kiri, kanan = st.columns([1, 3])
    kiri.selectbox("Nomor permintaan", [p.nomor for p in tunggu], key="audit_nomor")
    kanan.text_input("Catatan keputusan", key="audit_catatan", max_chars=200)
    a, b, _ = st.columns([1, 1, 4])
    a.button("Setujui", type="primary", key="audit_setujui", on_click=tampil.putuskan,
             args=("audit_nomor", "audit_catatan", True))
    b.button("Tolak", key="audit_tolak", on_click=tampil.putuskan, args=("audit_nomor", "audit_catatan", False))
with st.expander("Semua permintaan"):
    st.dataframe(tampil.tabel_permintaan(semua), hide_index=True, width="stretch")

st.subheader("Pengguna")
st.caption("Dikelola dengan `python -m siaga pengguna tambah|hapus|reset|daftar` di mesin server.")
st.dataframe(tampil.tabel_pengguna(), hide_index=True, width="stretch")

st.subheader("Log audit")
tampil.catat_buka_audit()
tampil.rantai_audit()
st.dataframe(tampil.tabel_audit(), hide_index=True, width="stretch")
