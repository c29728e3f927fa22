"""Data: upload a file, see how it was read and what is wrong, accept or cancel; history and restore."""

import streamlit as st

from siaga import akses
from siaga.akses import gerbang
from siaga.inti import fmt
from siaga.inti.config import Paths
from siaga.masuk import impor
from siaga.tampilan import data as tampil
from siaga.tampilan import ui

ui.lewat_pintu()
paths = Paths.dari_env()
st.title("Data")
if not gerbang.boleh(akses.IMPOR):
    st.info(tampil.TANPA_IMPOR, icon=":material/lock:")
    st.dataframe(tampil.status_berkas(paths), hide_index=True, width="stretch")
    st.stop()
st.caption("Unggah laporan camat/lurah (CSV atau XLSX dari Excel) atau batas wilayah (GeoJSON, shapefile .zip). "
           "Berkas diperiksa lebih dulu; data baru dipakai dasbor hanya setelah Anda menerimanya, dan setiap impor "
           "disimpan sebagai versi yang dapat dipulihkan.")
if pesan := st.session_state.pop("data_pesan", None):
    st.success(pesan, icon=":material/check_circle:")
if galat_audit := st.session_state.pop("data_audit_galat", None):
    st.error(galat_audit, icon=":material/error:")
if gagal := st.session_state.pop("data_gagal", None):
    st.error(tampil.aman(gagal.ringkasan()), icon=":material/error:")
    st.dataframe(ui.tabel_masalah(gagal.masalah), hide_index=True, width="stretch")

st.subheader("Impor berkas")
a, b = st.columns(2)
jenis = a.selectbox("Jenis data", impor.JENIS, format_func=tampil.label, key="data_jenis")
oleh = b.text_input("Nama petugas", key="data_oleh", max_chars=80,
                    help="Dicatat di riwayat impor bersama waktu dan nama berkas.")
opsi = {}
if jenis in tampil.LOG:
    opsi["mode"] = st.radio("Cara impor", list(tampil.MODE), format_func=tampil.MODE.get, key="data_mode",
                            horizontal=True, help="Laporan harian camat/lurah biasanya ditambahkan ke log.")
if jenis == impor.JENIS_BATAS:
    c, d = st.columns(2)
    opsi["tingkat"] = c.selectbox("Tingkat wilayah", list(tampil.LABEL_TINGKAT_BATAS),
                                  format_func=tampil.LABEL_TINGKAT_BATAS.get, key="data_tingkat") or None
    opsi["turunkan"] = d.checkbox("Turunkan juga batas kecamatan dari batas kelurahan", key="data_turunkan")
berkas = st.file_uploader("Berkas", type=tampil.tipe(jenis),
                          key=f"data_unggah_{st.session_state.get('data_unggah_n', 0)}",
                          help=f"Paling besar {tampil.batas_mb()} MB. CSV boleh berpemisah koma, titik koma atau tab.")

if berkas is not None:
    data = berkas.getvalue()
    if salah := tampil.terlalu_besar(len(data)):
        st.error(salah, icon=":material/block:")
    else:
        lap = tampil.periksa(paths, jenis, data, berkas.name, opsi)
        if lap.ok:
            st.success(tampil.aman(lap.ringkasan()), icon=":material/task_alt:")
        else:
            st.error(tampil.aman(lap.ringkasan()), icon=":material/error:")
        if lap.format:
            st.caption(f"Dibaca sebagai {lap.format}; {fmt.angka(lap.baris_dibaca)} baris/fitur data.")
        if lap.catatan:
            st.dataframe(tampil.tabel_catatan(lap), hide_index=True, width="stretch")
        if lap.masalah:
            st.markdown(f"**Masalah** ({len(lap.galat)} galat, {len(lap.peringatan)} peringatan)")
            st.dataframe(ui.tabel_masalah(lap.masalah), hide_index=True, width="stretch")
        padanan = tampil.tabel_padanan(lap)
        if not padanan.empty:
            st.markdown("**Padanan wilayah** (nama atau kode BPS yang diubah ke kode Kemendagri)")
            st.dataframe(padanan, hide_index=True, width="stretch")
        if lap.pratinjau is not None and not lap.pratinjau.empty:
            st.markdown("**Pratinjau** (baris pertama seperti akan disimpan)")
            st.dataframe(lap.pratinjau, hide_index=True, width="stretch")
        if lap.ok and not oleh.strip():
            st.info("Isi nama petugas untuk menyimpan.", icon=":material/badge:")
        kiri, kanan, _ = st.columns([1, 1, 4])
        kiri.button("Terima dan simpan", type="primary", disabled=not (lap.ok and oleh.strip()), key="data_terima",
                    on_click=tampil.terima, args=(paths, jenis, data, berkas.name, oleh.strip(), opsi))
        kanan.button("Batal", key="data_batal", on_click=tampil.batal)

st.subheader("Riwayat impor")
riw = tampil.tabel_riwayat(paths)
if riw.empty:
    ui.kosong("Belum ada impor yang tercatat di folder data ini.")
else:
    st.dataframe(riw, hide_index=True, width="stretch")
    pilihan = tampil.versi_pulih(paths)
    p, q = st.columns([3, 2])
    versi = p.selectbox("Versi yang dipulihkan", pilihan, format_func=tampil.label_versi(paths), key="data_versi")
    yakin = q.checkbox("Ya, ganti data sekarang dengan versi ini", key="data_yakin")
    st.button("Pulihkan versi ini", disabled=not (yakin and oleh.strip() and versi), key="data_pulihkan",
              help="Perlu nama petugas dan konfirmasi. Pemulihan juga dicatat sebagai versi baru.",
              on_click=tampil.pulihkan_versi, args=(paths, versi, oleh.strip()))

st.subheader("Berkas yang dipakai sekarang")
st.dataframe(tampil.status_berkas(paths), hide_index=True, width="stretch")
