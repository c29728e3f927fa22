"""Tugas: follow-up tasks with an owner. Tugas saya, every open task by owner and lateness, a
task's history, and the "Buat tugas" form (filled in by a row's link on the other pages)."""

import streamlit as st

from siaga import akses
from siaga.model import tugas
from siaga.tampilan import tugas as tampil
from siaga.tampilan import ui

k = ui.konteks()
ui.judul("Tugas tindak lanjut", k)
h = tugas.susun(ui.q, k)
boleh = k.akses.boleh(akses.KELOLA_TUGAS)
tampil.kabar()
ui.kartu(h.angka)

isi = tampil.isian_url()
tab = ["Tugas saya", "Semua tugas", "Buat tugas"] if boleh else ["Semua tugas"]
if isi["asal"] and boleh:
    tab = ["Buat tugas", "Tugas saya", "Semua tugas"]
bagian = dict(zip(tab, st.tabs(tab), strict=True))

if "Tugas saya" in bagian:
    with bagian["Tugas saya"]:
        saya = h.saya(k.akses, k)
        if saya.empty:
            ui.kosong("Tidak ada tugas terbuka untuk Anda atau unit Anda.")
        else:
            st.dataframe(saya, hide_index=True, width="stretch")

with bagian["Semua tugas"]:
    if h.kosong:
        ui.kosong(f"Belum ada tugas tindak lanjut di {k.nama_lingkup}.")
    else:
        st.subheader("Tugas terbuka per pemilik")
        st.dataframe(h.pemilik, hide_index=True, width="stretch")
        st.subheader("Semua tugas terbuka")
        st.caption("Yang paling lama lewat batas waktu di atas.")
        st.dataframe(h.semua.frame(), hide_index=True, width="stretch", height=ui.tinggi_tabel(len(h.semua.baris)))
        with st.expander(f"Tugas yang sudah ditutup ({len(h.selesai.baris)})"):
            st.dataframe(h.selesai.frame(), hide_index=True, width="stretch")

if "Buat tugas" in bagian:
    with bagian["Buat tugas"]:
        tampil.form_buat(k)

if not h.kosong:
    st.subheader("Rincian tugas")
    ids = h.daftar["id_tugas"].tolist()
    pilih = st.selectbox("Nomor tugas", ids, index=ids.index(isi["id"]) if isi["id"] in ids else 0, key="tugas_id")
    r = h.baris(pilih)
    st.markdown(f"**{pilih}** · {tugas.LABEL_STATUS_TUGAS[r['status']]} · {tugas.keterlambatan(r, h.sekarang)}")
    st.dataframe(tugas.riwayat(ui.q, k, pilih), hide_index=True, width="stretch")
    if boleh:
        tampil.form_ubah(k, r)
