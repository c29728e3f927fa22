"""Netralitas ASN: key figures, the case flow, type and class, OPD and kecamatan, open cases
with their age and deadline. Case facts only: identities stay in a separate restricted file."""

from dataclasses import replace

import streamlit as st

from siaga import akses
from siaga.model import grafik
from siaga.model import netralitas as tampil
from siaga.tampilan import identitas as rahasia
from siaga.tampilan import ui

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
        st.plotly_chart(ui.grafik(tampil.grafik_alur, "netralitas_alur", **lingkup), config=grafik.PLOTLY_CONFIG,
                        width="stretch", key="grafik_alur")
    with kanan:
        st.subheader("Jenis dan kelas pelanggaran")
        st.caption("Kelas menurut SKB 2/2022: etik (sanksi moral) atau disiplin (hukuman disiplin).")
        st.plotly_chart(ui.grafik(tampil.grafik_jenis, "netralitas_jenis", **lingkup), config=grafik.PLOTLY_CONFIG,
                        width="stretch", key="grafik_jenis")

    kiri, kanan = st.columns([2, 3], gap="large")
    with kiri:
        st.subheader("Menurut OPD")
        opd = ui.q("netralitas_opd", **lingkup)
        st.caption(tampil.keterangan_opd(opd))
        st.plotly_chart(ui.grafik(tampil.grafik_opd, "netralitas_opd", **lingkup), config=grafik.PLOTLY_CONFIG,
                        width="stretch", key="grafik_opd")
    with kanan:
        st.subheader("Menurut kecamatan")
        st.caption(tampil.keterangan_kecamatan(k.kecamatan))
        kec = ui.q("netralitas_kecamatan", tanggal=k.tanggal, batas_lapor=tampil.BATAS_LAPOR_HARI)
        st.dataframe(tampil.tabel_kecamatan(kec, k.kecamatan), hide_index=True, width="stretch",
                     height=tampil.tinggi_tabel(len(kec)), column_config=tampil.KOLOM_KECAMATAN)
        # The table compares every kecamatan (a camat: only theirs), so its file is named after what it holds.
        ui.tombol_unduh(tampil.ekspor_kecamatan(kec), "netralitas-kecamatan",
                        k if k.akses.kecamatan else replace(k, kecamatan=None), key="net_kec")

    st.subheader("Kasus berjalan: umur dan batas waktu")
    st.caption(tampil.PRIVASI)
    terbuka = ui.q("netralitas_terbuka", **lingkup, batas_lapor=tampil.BATAS_LAPOR_HARI)
    if terbuka.empty:
        ui.kosong(f"Tidak ada kasus netralitas ASN yang masih berjalan {di_lingkup}.")
    elif not k.akses.boleh(akses.RINCIAN):
        ui.hanya_rincian(f"{len(terbuka)} kasus masih berjalan {di_lingkup}.")
    else:
        st.caption("Diurutkan dari yang paling lama melewati batas waktu; umur dihitung sejak laporan/temuan.")
        st.dataframe(tampil.warnai_tenggat(tampil.tabel_terbuka(terbuka)), hide_index=True, width="stretch",
                     height=tampil.tinggi_tabel(len(terbuka)), column_config=tampil.KOLOM_TERBUKA)
        ui.tombol_unduh(tampil.ekspor_terbuka(terbuka), "netralitas-kasus-berjalan", k, key="net_terbuka")

    if k.akses.boleh(akses.LIHAT_TERLAPOR) and not terbuka.empty:
        kasus = terbuka["id_kasus"].astype(str).tolist()
        st.subheader("Identitas terlapor (terbatas)")
        st.caption(rahasia.CATATAN_TERLAPOR)
        st.button(f"Tampilkan identitas terlapor {len(kasus)} kasus berjalan", key="net_terlapor",
                  icon=":material/visibility:", on_click=rahasia.tampilkan, args=("terlapor",))
        if rahasia.diminta("terlapor") and (tabel := rahasia.terlapor(kasus)) is not None:
            st.dataframe(tabel, hide_index=True, width="stretch")
        st.subheader("Identitas pelapor (dengan izin)")
        st.caption(rahasia.CATATAN_PELAPOR)
        rahasia.kabar()
        with st.form("net_minta", clear_on_submit=False, border=True):
            st.selectbox("Kasus", kasus, key="net_minta_kasus")
            st.text_area("Alasan permintaan", key="net_minta_alasan", max_chars=500,
                         help="Misalnya: klarifikasi Bawaslu memerlukan keterangan pelapor untuk kasus ini.")
            st.form_submit_button("Ajukan permintaan", on_click=rahasia.minta,
                                  args=("net_minta_kasus", "net_minta_alasan"))
        saya = rahasia.milik_saya()
        if saya:
            st.dataframe(rahasia.tabel_permintaan(saya), hide_index=True, width="stretch")
        for id_kasus in rahasia.boleh_dibuka(saya):
            st.button(f"Tampilkan identitas pelapor kasus {id_kasus}", key=f"net_pelapor_{id_kasus}",
                      icon=":material/visibility:", on_click=rahasia.tampilkan, args=(f"pelapor:{id_kasus}",))
            if rahasia.diminta(f"pelapor:{id_kasus}") and (tabel := rahasia.pelapor(id_kasus)) is not None:
                st.dataframe(tabel, hide_index=True, width="stretch")
