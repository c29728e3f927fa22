"""Lapor: a field report from a phone (360 px wide and up): incident, TPS readiness, logistics
receipt, voting-day TPS event and turnout (from Hari H), public-service unit status, for the places
of the reporter's scope only."""

import streamlit as st

from siaga.akses import lampiran
from siaga.model import lapor, pesan, tugas
from siaga.tampilan import lapor as tampil
from siaga.tampilan import ui

k = ui.konteks()
st.title("Lapor")
st.caption(f"{k.nama_lingkup} · laporan tercatat atas nama **{k.akses.pengguna}** dan langsung tampil di desk.")
h = lapor.susun(ui.q, k)
tampil.kabar()
jenis = st.radio("Jenis laporan", list(h.jenis), format_func=h.jenis.get, key="lp_jenis")
sekarang = tugas.jam(k)

if jenis == "insiden":
    if h.tempel:
        with st.expander("Tempel pesan WhatsApp", expanded=False, icon=":material/content_paste:"):
            st.caption(f"Pola: `INSIDEN / Kecamatan / Kelurahan / TPS / kategori / ringkasan`, mis. "
                       f"`{pesan.CONTOH_PESAN}`. Isian di bawah terisi untuk diperiksa; belum tersimpan.")
            st.text_area("Pesan", height=110, key="lp_wa")
            st.button("Urai pesan", width="stretch", on_click=tampil.urai_pesan, args=(h,))
        tampil.kabar_pesan()
    with st.form("lapor_insiden", clear_on_submit=True, enter_to_submit=False):
        st.selectbox("Kelurahan", list(h.kelurahan), format_func=h.kelurahan.get, key="lp_kel")
        st.selectbox("TPS (boleh kosong)", ["", *h.tps["kode_tps"]], key="lp_tps",
                     format_func=lambda c: "– bukan di TPS –" if not c else h.label_tps(c))
        st.selectbox("Kategori", list(h.kategori), format_func=h.kategori.get, key="lp_kategori")
        st.radio("Keparahan", list(lapor.LABEL_KEPARAHAN_LAPOR), format_func=lapor.LABEL_KEPARAHAN_LAPOR.get,
                 horizontal=True, key="lp_keparahan")
        st.date_input("Tanggal kejadian", value=sekarang.date(), format="DD/MM/YYYY", key="lp_tgl")
        st.time_input("Pukul kejadian", value=sekarang.time().replace(second=0, microsecond=0), key="lp_jam")
        st.text_area("Apa yang terjadi (singkat, tanpa nama orang)", max_chars=300, height=90, key="lp_ringkasan")
        st.file_uploader("Foto (boleh kosong; lokasi dan data kamera dihapus)", type=list(lampiran.JENIS_UNGGAH),
                         key="lp_foto")
        st.form_submit_button("Kirim laporan insiden", type="primary", width="stretch",
                              on_click=tampil.kirim_insiden, args=(k, h))
elif jenis == "checklist":
    if h.tps.empty:
        ui.kosong("Tidak ada TPS di wilayah Anda.")
    else:
        with st.form("lapor_tps", clear_on_submit=True, enter_to_submit=False):
            st.selectbox("TPS", list(h.tps["kode_tps"]), format_func=h.label_tps, key="lp_tps_c")
            for kode, label in lapor.CEK_TPS.items():
                st.checkbox(label, key=f"lp_cek_{kode}")
            st.number_input("C-Pemberitahuan tersampaikan (pemilih)", min_value=0, step=1, key="lp_c_pemb")
            st.number_input("Anggota Linmas", min_value=0, max_value=10, step=1, key="lp_linmas")
            st.radio("Status TPS", list(lapor.STATUS_TPS), format_func=lapor.STATUS_TPS.get, horizontal=True,
                     key="lp_status_tps")
            st.text_input("Catatan (tanpa nama orang)", max_chars=200, key="lp_catatan_c")
            st.form_submit_button("Kirim laporan TPS", type="primary", width="stretch",
                                  on_click=tampil.kirim_checklist, args=(k,))
elif jenis == "logistik":
    tahap = st.radio("Diterima di", list(lapor.TAHAP_LAPOR), format_func=lapor.TAHAP_LAPOR.get, horizontal=True,
                     key="lp_tahap")
    tempat = h.tempat_logistik(tahap)
    if not h.item or not tempat:
        ui.kosong("Belum ada daftar item logistik (logistik_item.csv) atau tempat penerima di wilayah Anda.")
    else:
        with st.form("lapor_logistik", clear_on_submit=True, enter_to_submit=False):
            st.selectbox("Tempat penerima", list(tempat), format_func=tempat.get, key="lp_lok")
            st.selectbox("Item logistik", list(h.item), format_func=h.item.get, key="lp_item")
            st.number_input("Jumlah diterima", min_value=0, step=1, key="lp_terima")
            st.number_input("Jumlah rusak", min_value=0, step=1, key="lp_rusak")
            st.date_input("Tanggal serah terima", value=sekarang.date(), format="DD/MM/YYYY", key="lp_tgl_l")
            st.time_input("Pukul serah terima", value=sekarang.time().replace(second=0, microsecond=0),
                          key="lp_jam_l")
            st.text_input("Catatan (tanpa nama orang)", max_chars=200, key="lp_catatan_l")
            st.form_submit_button("Kirim tanda terima logistik", type="primary", width="stretch",
                                  on_click=tampil.kirim_logistik, args=(h,))
elif jenis == "pemungutan":
    if h.tps.empty:
        ui.kosong("Tidak ada TPS di wilayah Anda.")
    else:
        kejadian = st.radio("Kejadian di TPS", list(lapor.LABEL_KEJADIAN), format_func=lapor.LABEL_KEJADIAN.get,
                            key="lp_kejadian")
        with st.form("lapor_pemungutan", clear_on_submit=True, enter_to_submit=False):
            st.selectbox("TPS", list(h.tps["kode_tps"]), format_func=h.label_tps, key="lp_tps_p")
            if kejadian == lapor.KEHADIRAN:
                st.number_input("Pemilih DPT yang sudah hadir", min_value=0, step=1, key="lp_hadir_dpt")
                st.number_input("Pemilih DPTb (pindahan) yang sudah hadir", min_value=0, step=1, key="lp_hadir_dptb")
                st.number_input("Pemilih DPK (KTP-el setempat) yang sudah hadir", min_value=0, step=1,
                                key="lp_hadir_dpk")
            st.date_input("Tanggal", value=sekarang.date(), format="DD/MM/YYYY", key="lp_tgl_p")
            st.time_input("Pukul", value=sekarang.time().replace(second=0, microsecond=0), key="lp_jam_p")
            sumber = list(lapor.LABEL_SUMBER_PEMUNGUTAN)
            st.radio("Sumber laporan", sumber, index=sumber.index(lapor.sumber_bawaan(k.akses.peran)),
                     format_func=lapor.LABEL_SUMBER_PEMUNGUTAN.get, horizontal=True, key="lp_sumber_p")
            st.text_input("Catatan (tanpa nama orang)", max_chars=200, key="lp_catatan_p")
            st.form_submit_button("Kirim laporan hari H", type="primary", width="stretch",
                                  on_click=tampil.kirim_pemungutan, args=(h,))
elif h.unit.empty:
    ui.kosong("Belum ada unit layanan publik di wilayah Anda (layanan.csv).")
else:
    nama = dict(zip(h.unit["id_unit"], h.unit["nama_unit"], strict=True))
    with st.form("lapor_layanan", clear_on_submit=True, enter_to_submit=False):
        st.selectbox("Unit layanan", list(nama), format_func=nama.get, key="lp_unit")
        st.radio("Status", list(lapor.LABEL_STATUS_LAYANAN), format_func=lapor.LABEL_STATUS_LAYANAN.get,
                 key="lp_status_unit")
        st.text_input("Keterangan", max_chars=200, key="lp_ket_unit")
        st.form_submit_button("Kirim status layanan", type="primary", width="stretch",
                              on_click=tampil.kirim_layanan, args=(k, h))
