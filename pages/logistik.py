"""Logistik: completeness along the chain gudang KPU → PPK → PPS → TPS, shortages and damaged
items, and the projected completion date per kecamatan against the H-1 deadline."""

import streamlit as st

from siaga import akses
from siaga.inti import fmt
from siaga.model import grafik, logistik
from siaga.tampilan import kolom, ui

k = ui.konteks()
ui.judul("Logistik", k)
batas = k.wilayah.batas_logistik
unit = k.unit.capitalize()
v = ui.model(logistik.susun, k)

if v.belum_ada:
    ui.kosong(v.belum_ada)
    st.stop()

# ------------------------------------------------------------------ key figures
ui.kartu(v.angka)
(st.warning if v.risiko else st.success)(v.kalimat, icon=":material/local_shipping:")

# ------------------------------------------------------------------ pipeline: item x stage
st.subheader("Kelengkapan per item dan tahap")
st.plotly_chart(v.grafik_tahap, config=grafik.PLOTLY_CONFIG, width="stretch", key="grafik_tahap")
st.caption("Persentase unit layak pakai (diterima dikurangi rusak, paling banyak sebesar kebutuhan setiap tempat) "
           "dari kebutuhan, di setiap mata rantai: gudang KPU → PPK (kecamatan) → PPS (kelurahan) → KPPS (TPS)."
           + (f" Gudang KPU melayani seluruh {k.wilayah.nama}; PPS dan TPS dijumlahkan untuk Kecamatan {k.nama_kec}."
              if k.kecamatan else ""))
with st.expander("Angka per item dan tahap"):
    st.dataframe(v.tabel_tahap, hide_index=True, width="stretch")
    ui.tombol_unduh(v.ekspor_tahap, "logistik-per-tahap", k, "tahap")

# ------------------------------------------------------------------ per kecamatan / kelurahan
st.subheader(f"Per kelurahan di Kecamatan {k.nama_kec}" if k.kecamatan else "Per kecamatan")
if v.wilayah is None:
    ui.kosong(f"Tidak ada kelurahan dengan TPS di Kecamatan {k.nama_kec}.")
else:
    st.dataframe(logistik.gaya_wilayah(v.wilayah), hide_index=True, width="stretch",
                 height=ui.tinggi_tabel(len(v.wilayah)), column_config=kolom.wilayah_logistik(unit))
    st.caption("Kelengkapan setiap tahap adalah rata-rata kelengkapan semua item (setiap item berbobot sama). "
               + logistik.legenda_kelas() + " Klik judul kolom untuk mengurutkan.")
    ui.tombol_unduh(v.ekspor_wilayah, f"logistik-per-{unit.lower()}", k, "wilayah")

# ------------------------------------------------------------------ shortages and damage
st.subheader("Kekurangan dan barang rusak")
if v.kekurangan is None:
    ui.kosong(f"Tidak ada kekurangan atau barang rusak di {k.nama_lingkup} sampai {fmt.tanggal(k.tanggal)}.")
elif not k.akses.boleh(akses.RINCIAN):
    ui.hanya_rincian(v.ringkas_kekurangan)
else:
    st.caption(v.ringkas_kekurangan)
    st.dataframe(v.kekurangan, hide_index=True, width="stretch", height=ui.tinggi_tabel(len(v.kekurangan), 460),
                 column_config=kolom.KEKURANGAN_BERTAUT)
    ui.tombol_unduh(v.ekspor_kekurangan, "logistik-kekurangan", k, "kekurangan")
st.caption(logistik.cara_kekurangan(k.wilayah.nama, batas, bool(k.kecamatan)))

# ------------------------------------------------------------------ projection (before voting day only)
if v.tanpa_proyeksi:
    st.stop()
st.subheader(f"Perkiraan tanggal lengkap per {unit.lower()}")
if v.grafik_proyeksi is None:
    ui.kosong(f"Tidak ada {unit.lower()} dengan TPS di {k.nama_lingkup}.")
else:
    st.plotly_chart(v.grafik_proyeksi, config=grafik.PLOTLY_CONFIG, width="stretch", key="grafik_proyeksi")
    st.dataframe(logistik.warnai_status(v.tabel_proyeksi), hide_index=True, width="stretch",
                 height=ui.tinggi_tabel(len(v.tabel_proyeksi)), column_config=kolom.PROYEKSI_LOGISTIK)
    ui.tombol_unduh(v.ekspor_proyeksi, "logistik-proyeksi", k, "proyeksi")
st.caption(logistik.cara_proyeksi(batas))
