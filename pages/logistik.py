"""Logistik: completeness along the chain gudang KPU → PPK → PPS → TPS, shortages and damaged
items, and the projected completion date per kecamatan against the H-1 deadline."""

import streamlit as st

from siaga import akses
from siaga.inti import fmt
from siaga.model import grafik
from siaga.model import logistik as tampil
from siaga.tampilan import ui

k = ui.konteks()
ui.judul("Logistik", k)
batas = k.wilayah.batas_logistik
nama_kec = k.nama_kecamatan.get(k.kecamatan or "")
unit = "Kelurahan" if k.kecamatan else "Kecamatan"
v = tampil.halaman(k.kunci, k.tanggal, k.kecamatan, batas, k.wilayah.zona_waktu, k.nama_lingkup, nama_kec, _q=ui.q)

if v.belum_ada:
    ui.kosong(v.belum_ada)
    st.stop()

# ------------------------------------------------------------------ key figures
for col, (label, nilai, ket) in zip(st.columns(4), v.angka):
    with col.container(border=True):
        st.metric(label, nilai)
        st.caption(ket)
(st.warning if v.risiko else st.success)(v.kalimat, icon=":material/local_shipping:")

# ------------------------------------------------------------------ pipeline: item x stage
st.subheader("Kelengkapan per item dan tahap")
st.plotly_chart(v.grafik_tahap, config=grafik.PLOTLY_CONFIG, width="stretch", key="grafik_tahap")
st.caption("Persentase unit layak pakai (diterima dikurangi rusak, paling banyak sebesar kebutuhan setiap tempat) "
           "dari kebutuhan, di setiap mata rantai: gudang KPU → PPK (kecamatan) → PPS (kelurahan) → KPPS (TPS)."
           + (f" Gudang KPU melayani seluruh {k.wilayah.nama}; PPS dan TPS dijumlahkan untuk Kecamatan {nama_kec}."
              if k.kecamatan else ""))
with st.expander("Angka per item dan tahap"):
    st.dataframe(v.tabel_tahap, hide_index=True, width="stretch")
    ui.tombol_unduh(v.ekspor_tahap, "logistik-per-tahap", k, "tahap")

# ------------------------------------------------------------------ per kecamatan / kelurahan
st.subheader(f"Per kelurahan di Kecamatan {nama_kec}" if k.kecamatan else "Per kecamatan")
if v.wilayah is None:
    ui.kosong(f"Tidak ada kelurahan dengan TPS di Kecamatan {nama_kec}.")
else:
    st.dataframe(tampil.gaya_wilayah(v.wilayah), hide_index=True, width="stretch",
                 height=tampil.tinggi_tabel(len(v.wilayah)), column_config=tampil.kolom_wilayah(unit))
    st.caption("Kelengkapan setiap tahap adalah rata-rata kelengkapan semua item (setiap item berbobot sama). "
               + tampil.legenda_kelas() + " Klik judul kolom untuk mengurutkan.")
    ui.tombol_unduh(v.ekspor_wilayah, f"logistik-per-{unit.lower()}", k, "wilayah")

# ------------------------------------------------------------------ shortages and damage
st.subheader("Kekurangan dan barang rusak")
if v.kekurangan is None:
    ui.kosong(f"Tidak ada kekurangan atau barang rusak di {k.nama_lingkup} sampai {fmt.tanggal(k.tanggal)}.")
elif not k.akses.boleh(akses.RINCIAN):
    ui.hanya_rincian(v.ringkas_kekurangan)
else:
    st.caption(v.ringkas_kekurangan)
    st.dataframe(v.kekurangan, hide_index=True, width="stretch", height=tampil.tinggi_tabel(len(v.kekurangan), 460),
                 column_config=tampil.KOLOM_KEKURANGAN)
    ui.tombol_unduh(v.ekspor_kekurangan, "logistik-kekurangan", k, "kekurangan")
st.caption(f"Dihitung kekurangan: item yang baru diterima sebagian; item yang belum diterima padahal tempat lain "
           f"dengan induk yang sama (TPS satu PPS, PPS satu PPK, PPK se-{k.wilayah.nama}) sudah menerimanya; dan "
           f"mulai {fmt.tanggal(batas)} (batas H-1), setiap item yang belum lengkap di TPS. Barang rusak tetap "
           "tercatat walau sudah diganti." + (f" Kekurangan di gudang KPU tampil bila memilih seluruh {k.wilayah.nama}."
                               if k.kecamatan else ""))

# ------------------------------------------------------------------ projection
st.subheader(f"Perkiraan tanggal lengkap per {unit.lower()}")
if v.grafik_proyeksi is None:
    ui.kosong(f"Tidak ada {unit.lower()} dengan TPS di {k.nama_lingkup}.")
else:
    st.plotly_chart(v.grafik_proyeksi, config=grafik.PLOTLY_CONFIG, width="stretch", key="grafik_proyeksi")
    st.dataframe(tampil.warnai_status(v.tabel_proyeksi), hide_index=True, width="stretch",
                 height=tampil.tinggi_tabel(len(v.tabel_proyeksi)), column_config=tampil.KOLOM_PROYEKSI)
    ui.tombol_unduh(v.ekspor_proyeksi, "logistik-proyeksi", k, "proyeksi")
st.caption("Cara menghitung: bila sudah ada TPS yang menerima, kemajuan adalah kelengkapan di TPS dan lajunya "
           "pertambahan kemajuan per hari selama 3 hari terakhir (atau sejak hari pertama TPS menerima, bila lebih "
           "baru), dibandingkan dengan batas H-1. Sebelum itu, kemajuan adalah rata-rata kelengkapan gudang KPU, PPK "
           "dan PPS dengan laju selama 3 hari terakhir, dibandingkan dengan batas H-2 (PPS menyerahkan logistik ke "
           "KPPS pada H-1). Perkiraan tanggal lengkap = tanggal data + sisa ÷ laju (dibulatkan ke atas, dalam hari). "
           f"Berisiko: perkiraan sesudah batasnya, tidak ada kemajuan padahal belum lengkap, atau batas sudah lewat "
           f"dan belum lengkap. Batas H-1: {fmt.tanggal(batas)}.")
