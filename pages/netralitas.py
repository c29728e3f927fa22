"""Netralitas ASN: key figures, the case flow, type and class, OPD and kecamatan, open cases
with their age and deadline. Case facts only: identities stay in a separate restricted file."""

from dataclasses import replace

import streamlit as st

from siaga import charts, ui
from siaga.tampilan import netralitas as tampil

k = ui.konteks()
ui.judul("Netralitas ASN", k)
lingkup = {"tanggal": k.tanggal, "kecamatan": k.kecamatan}
di_lingkup = tampil.lingkup_kalimat(k.nama_lingkup, k.tanggal)

r = ui.q("netralitas_ringkas", **lingkup, batas_lapor=tampil.BATAS_LAPOR_HARI).iloc[0]
for kolom, a in zip(st.columns(6), tampil.angka_kunci(r)):
    kolom.metric(a.label, a.nilai, help=a.bantuan)
st.caption(tampil.keterangan_angka(r))
st.caption(tampil.KETENTUAN)

if r["jumlah_kasus"] == 0:
    ui.kosong(f"Belum ada kasus netralitas ASN yang tercatat {di_lingkup}.")
else:
    kiri, kanan = st.columns(2, gap="large")
    with kiri:
        st.subheader("Alur penanganan kasus")
        st.caption("Status terakhir setiap kasus: laporan/temuan → klarifikasi → rekomendasi Bawaslu → BKN → "
                   "keputusan PPK → selesai, atau tidak terbukti.")
        st.plotly_chart(ui.grafik(tampil.grafik_alur, "netralitas_alur", **lingkup), config=charts.PLOTLY_CONFIG,
                        width="stretch", key="grafik_alur")
    with kanan:
        st.subheader("Jenis dan kelas pelanggaran")
        st.caption("Kelas menurut SKB 2/2022: etik (sanksi moral) atau disiplin (hukuman disiplin).")
        st.plotly_chart(ui.grafik(tampil.grafik_jenis, "netralitas_jenis", **lingkup), config=charts.PLOTLY_CONFIG,
                        width="stretch", key="grafik_jenis")

    kiri, kanan = st.columns([2, 3], gap="large")
    with kiri:
        st.subheader("Menurut OPD")
        opd = ui.q("netralitas_opd", **lingkup)
        st.caption(tampil.keterangan_opd(opd))
        st.plotly_chart(ui.grafik(tampil.grafik_opd, "netralitas_opd", **lingkup), config=charts.PLOTLY_CONFIG,
                        width="stretch", key="grafik_opd")
    with kanan:
        st.subheader("Menurut kecamatan")
        st.caption(tampil.keterangan_kecamatan(k.kecamatan))
        kec = ui.q("netralitas_kecamatan", tanggal=k.tanggal, batas_lapor=tampil.BATAS_LAPOR_HARI)
        st.dataframe(tampil.tabel_kecamatan(kec, k.kecamatan), hide_index=True, width="stretch",
                     height=tampil.tinggi_tabel(len(kec)), column_config=tampil.KOLOM_KECAMATAN)
        # The table compares every kecamatan, so its file is named after the whole region.
        ui.tombol_unduh(tampil.ekspor_kecamatan(kec), "netralitas-kecamatan", replace(k, kecamatan=None), key="net_kec")

    st.subheader("Kasus berjalan: umur dan batas waktu")
    st.caption(tampil.PRIVASI)
    terbuka = ui.q("netralitas_terbuka", **lingkup, batas_lapor=tampil.BATAS_LAPOR_HARI)
    if terbuka.empty:
        ui.kosong(f"Tidak ada kasus netralitas ASN yang masih berjalan {di_lingkup}.")
    else:
        st.caption("Diurutkan dari yang paling lama melewati batas waktu; umur dihitung sejak laporan/temuan.")
        st.dataframe(tampil.warnai_tenggat(tampil.tabel_terbuka(terbuka)), hide_index=True, width="stretch",
                     height=tampil.tinggi_tabel(len(terbuka)), column_config=tampil.KOLOM_TERBUKA)
        ui.tombol_unduh(tampil.ekspor_terbuka(terbuka), "netralitas-kasus-berjalan", k, key="net_terbuka")
