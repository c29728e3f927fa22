"""Ringkasan: countdown, current stage, the three indicators, readiness map and ranking."""

import streamlit as st

from siaga.inti import fmt
from siaga.model import grafik, level
from siaga.model import ringkasan as tampil
from siaga.tampilan import gaya, ui

k = ui.konteks()
ui.judul("Ringkasan", k)

ind = ui.q("indikator_utama", tanggal=k.tanggal, kecamatan=k.kecamatan).iloc[0]
berjalan = tampil.tahapan_berjalan(ui.q("tahapan", tanggal=k.tanggal))

c1, c2, c3 = st.columns([1, 1, 2])
c1.metric("Hitung mundur", fmt.hitung_mundur(k.tanggal, k.wilayah.hari_pemungutan),
          help=f"Pemungutan suara {fmt.hari_tanggal(k.wilayah.hari_pemungutan)}")
c2.metric("Skor kesiapan", fmt.skor(ind["skor_kesiapan"]),
          help="Rata-rata skor kesiapan kecamatan (0–100), ditimbang jumlah pemilih DPT")
with c3:
    st.markdown("**Tahapan berjalan**")
    if not berjalan:
        st.text("Tidak ada tahapan yang sedang berjalan pada tanggal ini.")
    for tahapan, keadaan in berjalan:
        st.text(f"{tahapan} — {keadaan}")

st.subheader("Tiga indikator keberhasilan Pilkada")
for kolom, i in zip(st.columns(3), tampil.indikator(ind)):
    with kolom.container(border=True):
        st.metric(i.label, i.nilai, help=i.bantuan)
        st.caption(i.keterangan)

st.subheader("Lima hal yang paling perlu perhatian")
perlu = tampil.perhatian(ui.q("perhatian_utama", tanggal=k.tanggal, kecamatan=k.kecamatan, jumlah=5),
                         k.wilayah.zona_waktu)
if perlu.empty:
    ui.kosong("Tidak ada tindak lanjut yang terlambat, logistik yang tertinggal, atau kasus yang berlarut "
              "pada tanggal ini.")
else:
    st.dataframe(perlu, hide_index=True, width="stretch", column_config=tampil.KOLOM_PERHATIAN)

st.subheader("Kesiapan kecamatan")
kec = ui.q("kesiapan_kecamatan", tanggal=k.tanggal, kecamatan=None)
kiri, kanan = st.columns([5, 6])
with kiri:
    batas = ui.batas().get("kecamatan")
    if batas is None:
        st.info("Batas wilayah kecamatan belum tersedia, peta tidak dapat ditampilkan.")
    else:
        st.pydeck_chart(ui.sekali(grafik.peta_kesiapan, kunci=("kecamatan",), _batas=batas, kec=kec, pilih=k.kecamatan),
                        height=grafik.MAP_HEIGHT)
        if k.wilayah.batas_perkiraan:
            st.caption(grafik.BATAS_PERKIRAAN)
    st.caption(" · ".join(f"{level.label(lv)}: skor ≥ {fmt.angka(v)}" for lv, v in
                          (("siap", k.wilayah.kesiapan.ambang_siap),
                           ("perlu_perhatian", k.wilayah.kesiapan.ambang_perhatian))) + " · Rawan: di bawahnya")
with kanan:
    st.dataframe(gaya.warnai_level(ui.sekali(tampil.peringkat, kec, k.kecamatan)), hide_index=True, width="stretch",
                 height=grafik.MAP_HEIGHT, column_config=tampil.KOLOM_PERINGKAT)
