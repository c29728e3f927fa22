"""Insiden & Permasalahan: key figures, incident map, daily timeline by category, status and
overdue follow-ups with their PIC, and the incident table (downloadable)."""

import streamlit as st

from siaga import akses
from siaga.model import grafik
from siaga.model import insiden as tampil
from siaga.tampilan import ui

k = ui.konteks()
ui.judul("Insiden & Permasalahan", k)
zona = k.wilayah.zona_waktu
lingkup = {"tanggal": k.tanggal, "kecamatan": k.kecamatan, "kelurahan": k.kelurahan}
jendela = {**lingkup, "mulai": k.mulai_jendela}
judul_jendela = tampil.JUDUL_JENDELA[k.jendela]
rincian = k.akses.boleh(akses.RINCIAN)       # row-level tables and free text (not for pimpinan / public demo)

st.caption(tampil.kalimat_jendela(k.jendela, k.mulai_jendela, k.saat, k.tanggal_awal, zona))
ringkas = ui.q("insiden_ringkas", **jendela, hari_tempo=tampil.HARI_TEMPO).iloc[0]
for kolom, (label, nilai, bantuan) in zip(st.columns(5), tampil.metrik(ringkas, k.jendela)):
    kolom.metric(label, nilai, help=bantuan)
st.caption(tampil.kalimat_keadaan(ringkas, k.data_per))

if ringkas["seluruhnya"] == 0:
    ui.kosong(tampil.kosong_belum_ada(k.nama_lingkup, k.tanggal, k.tanggal_awal))
    st.stop()

daftar = ui.q("insiden_daftar", **jendela)
if daftar.empty:
    ui.kosong(tampil.kosong_jendela(k.nama_lingkup, k.jendela, k.tanggal))
else:
    kiri, kanan = st.columns([5, 6], gap="medium")
    with kiri:
        tingkat = "kelurahan" if k.kecamatan else "kecamatan"
        st.subheader(f"Peta insiden · {judul_jendela}")
        wilayah = ui.q("insiden_wilayah", tanggal=k.tanggal, kecamatan=k.kecamatan, mulai=k.mulai_jendela)
        peta = ui.sekali(tampil.peta, kunci=(tingkat,), _batas=ui.batas().get(tingkat), wilayah=wilayah,
                         daftar=daftar if rincian else tampil.tanpa_teks_bebas(daftar), jendela=k.jendela, zona=zona,
                         pilih=k.kelurahan)
        if peta is None:
            st.info("Batas wilayah belum tersedia dan tidak ada insiden berkoordinat; peta tidak dapat ditampilkan.")
        else:
            st.pydeck_chart(peta, height=grafik.MAP_HEIGHT)
            st.plotly_chart(ui.sekali(tampil.legenda_peta, wilayah, tingkat), key="legenda_peta",
                            config=grafik.PLOTLY_CONFIG | {"displayModeBar": False, "staticPlot": True})
        st.caption(tampil.kalimat_peta(daftar, tingkat) + (" " + grafik.BATAS_PERKIRAAN
                                                  if k.wilayah.batas_perkiraan else ""))
    with kanan:
        st.subheader("Insiden per hari menurut kategori")
        awal, akhir = tampil.rentang_harian(k.mulai_jendela, k.tanggal_awal, k.saat)
        st.plotly_chart(ui.sekali(tampil.grafik_harian, ui.q("insiden_harian", **jendela), awal, akhir,
                                  ui.q("tahapan", tanggal=k.tanggal), k.wilayah.hari_pemungutan),
                        config=grafik.PLOTLY_CONFIG, key="grafik_harian")
        st.caption("Menurut hari laporan pertama; arahkan kursor ke batang untuk rincian kategori.")
        st.markdown(f"**Status insiden yang dilaporkan {tampil.FRASA_JENDELA[k.jendela]}**")
        st.plotly_chart(ui.grafik(tampil.grafik_status, "insiden_status", **jendela), config=grafik.PLOTLY_CONFIG,
                        key="grafik_status")
        st.caption("Status saat ini menurut alur dilaporkan → diverifikasi → ditangani → selesai.")

st.subheader(f"Tindak lanjut terlambat atau jatuh tempo dalam {tampil.HARI_TEMPO} hari")
st.caption("Semua insiden yang masih terbuka, kapan pun dilaporkan; yang paling terlambat di atas.")
tindak = ui.q("insiden_tindak_lanjut", **lingkup, hari_tempo=tampil.HARI_TEMPO)
if tindak.empty:
    ui.kosong(tampil.kosong_tindak_lanjut(k.nama_lingkup))
elif not rincian:
    ui.hanya_rincian(f"{len(tindak)} insiden terbuka terlambat atau segera jatuh tempo.")
else:
    st.dataframe(tampil.tabel_tindak_lanjut(tindak, k.saat, zona), hide_index=True, width="stretch",
                 column_config=tampil.KOLOM_TINDAK_LANJUT)
    ui.tombol_unduh(tampil.unduh_tindak_lanjut(tindak), "tindak-lanjut-insiden", k, "tindak_lanjut")

if not daftar.empty and not rincian:
    ui.hanya_rincian(f"{len(daftar)} insiden dilaporkan {tampil.FRASA_JENDELA[k.jendela]}.")
elif not daftar.empty:
    st.subheader(f"Daftar insiden · {judul_jendela}")
    st.dataframe(tampil.tabel_insiden(daftar, zona), hide_index=True, width="stretch",
                 column_config=tampil.KOLOM_INSIDEN)
    ui.tombol_unduh(tampil.unduh_insiden(daftar), f"insiden-{k.jendela}", k, "insiden")
