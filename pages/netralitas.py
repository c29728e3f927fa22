"""Netralitas ASN: key figures, the case flow, type and class, OPD and kecamatan, open cases
with their age and deadline. Case facts only: identities stay in a separate restricted file."""

import streamlit as st

from siaga import akses
from siaga.model import grafik, netralitas
from siaga.tampilan import identitas as rahasia
from siaga.tampilan import kolom, ui

k = ui.konteks()
ui.judul("Netralitas ASN", k)
h = ui.model(netralitas.susun, k)

ui.kartu(h.angka, kotak=False)
st.caption(h.keterangan)
st.caption(netralitas.KETENTUAN)

if not h.ada_kasus:
    ui.kosong(h.kosong)
else:
    kiri, kanan = st.columns(2, gap="large")
    with kiri:
        st.subheader("Alur penanganan kasus")
        st.caption("Status terakhir setiap kasus: laporan/temuan → klarifikasi → rekomendasi Bawaslu → BKN → "
                   "keputusan PPK → selesai, atau tidak terbukti.")
        st.plotly_chart(h.grafik_alur, config=grafik.PLOTLY_CONFIG, width="stretch", key="grafik_alur")
    with kanan:
        st.subheader("Jenis dan kelas pelanggaran")
        st.caption("Kelas menurut SKB 2/2022: etik (sanksi moral) atau disiplin (hukuman disiplin).")
        st.plotly_chart(h.grafik_jenis, config=grafik.PLOTLY_CONFIG, width="stretch", key="grafik_jenis")

    kiri, kanan = st.columns([2, 3], gap="large")
    with kiri:
        st.subheader("Menurut OPD")
        st.caption(h.keterangan_opd)
        st.plotly_chart(h.grafik_opd, config=grafik.PLOTLY_CONFIG, width="stretch", key="grafik_opd")
    with kanan:
        st.subheader("Menurut kecamatan")
        st.caption(netralitas.keterangan_kecamatan(k.kecamatan))
        st.dataframe(h.kecamatan, hide_index=True, width="stretch", height=ui.tinggi_tabel(len(h.kecamatan), 563),
                     column_config=kolom.KECAMATAN_NETRALITAS)
        # The table compares every kecamatan (a camat: only theirs), so its file is named after what it holds.
        ui.tombol_unduh(h.ekspor_kecamatan, "netralitas-kecamatan",
                        k if k.akses.kecamatan else k.dengan(kecamatan=None), key="net_kec")

    st.subheader("Kasus berjalan: umur dan batas waktu")
    st.caption(netralitas.PRIVASI)
    if not h.jumlah_terbuka:
        ui.kosong(h.kosong_terbuka)
    elif h.terbuka is None:
        ui.hanya_rincian(f"{h.jumlah_terbuka} kasus masih berjalan "
                         f"{netralitas.lingkup_kalimat(k.nama_lingkup, k.tanggal)}.")
    else:
        st.caption("Diurutkan dari yang paling lama melewati batas waktu; umur dihitung sejak laporan/temuan.")
        st.dataframe(netralitas.warnai_tenggat(h.terbuka), hide_index=True, width="stretch",
                     height=ui.tinggi_tabel(len(h.terbuka), 563), column_config=kolom.TERBUKA_NETRALITAS)
        ui.tombol_unduh(h.ekspor_terbuka, "netralitas-kasus-berjalan", k, key="net_terbuka")

    if k.akses.boleh(akses.LIHAT_TERLAPOR) and h.kasus_terbuka:
        kasus = list(h.kasus_terbuka)
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
