"""Kesiapan: what is not ready where, since when, and who follows up. Map and indicator × unit
matrix; drill-down kecamatan → kelurahan → TPS; readiness over time against the path needed to
be complete by H-1."""

import streamlit as st

from siaga import akses
from siaga.inti import fmt
from siaga.model import grafik, kesiapan
from siaga.tampilan import kolom, ui

k = ui.konteks()
ui.judul("Kesiapan", k)
st.caption(kesiapan.cara_hitung(k.wilayah.kesiapan))
if k.sebelum_data:
    ui.kosong(kesiapan.kosong_sebelum_data(k.tanggal, k.tanggal_awal))
    st.stop()

h = ui.model(kesiapan.susun, k)
if h.lingkup is None or h.lingkup["jumlah_tps"] == 0:
    ui.kosong(kesiapan.kosong_tanpa_tps(k.nama_lingkup))
    st.stop()

ui.kartu(h.angka)
if h.kalimat_jalur:
    (st.warning if h.tertinggal else st.success)(h.kalimat_jalur, icon=":material/timeline:")

# ------------------------------------------------------------------ map and matrix
unit = k.unit
st.subheader(f"Peta dan matriks kesiapan per {unit}")
kiri, kanan = st.columns([5, 6], gap="large")
with kiri:
    if h.peta is None:
        ui.kosong("Batas wilayah belum tersedia, peta tidak dapat ditampilkan.")
    else:
        st.pydeck_chart(h.peta, height=grafik.MAP_HEIGHT, key="peta_kesiapan")
        st.caption(kesiapan.catatan_peta(k.wilayah.kesiapan, bool(k.kecamatan), bool(k.kelurahan), h.tanpa_koordinat,
                                         grafik.catatan_batas(k.wilayah.batas_perkiraan, k.wilayah.sumber_batas),
                                         h.rencana_hari_ini))
with kanan:
    if h.matriks is None:
        ui.kosong(f"Belum ada {unit} dengan TPS di wilayah ini.")
    else:
        st.plotly_chart(h.matriks, config=grafik.PLOTLY_CONFIG, width="stretch", key="matriks_kesiapan")
        st.caption("Baris: paling belum siap di atas. Warna sel: level yang dicapai nilai itu, dengan ambang yang "
                   "sama dengan skor (merah rawan, oranye perlu perhatian, biru siap); angka: nilai 0–100.")

# ------------------------------------------------------------------ drill-down
st.subheader(f"Rincian per {unit}")
if h.unit.empty:
    ui.kosong(f"Tidak ada {unit} di wilayah ini.")
else:
    st.dataframe(ui.warnai_level(h.unit), hide_index=True, width="stretch", height=ui.tinggi_tabel(len(h.unit)),
                 column_config=kolom.unit_kesiapan(h.unit))
    if h.tanpa_tps:
        st.caption(kesiapan.kalimat_tanpa_tps(unit, h.tanpa_tps))
    st.caption("Rinci › membuka wilayah itu di tab baru; atau pilih kecamatan dan kelurahan di bilah samping untuk "
               "merinci sampai ke TPS.")
    ui.tombol_unduh(h.ekspor_unit, f"kesiapan-per-{unit}", k, "unit")

if k.kecamatan:
    st.subheader("Daftar TPS")
    if h.tps is None:
        ui.kosong(kesiapan.kosong_tanpa_tps(k.nama_lingkup))
    elif not k.akses.boleh(akses.RINCIAN):
        ui.hanya_rincian(kesiapan.judul_tps(h.jumlah_tps, len(h.tps), k.nama_lingkup))
    else:
        st.caption(kesiapan.judul_tps(h.jumlah_tps, len(h.tps), k.nama_lingkup) + " Apa yang kurang, laporan "
                   "terakhir dan sejak kapan statusnya begitu.")
        st.dataframe(h.tps, hide_index=True, width="stretch", height=ui.tinggi_tabel(len(h.tps)),
                     column_config=kolom.TPS_KESIAPAN)
        ui.tombol_unduh(h.ekspor_tps, "kesiapan-tps", k, "tps")

# ------------------------------------------------------------------ over time
st.subheader("Kesiapan dari hari ke hari")
if h.harian is None:
    ui.kosong(f"Belum ada data harian sampai {fmt.tanggal(k.tanggal)}.")
else:
    st.plotly_chart(h.harian, config=grafik.PLOTLY_CONFIG, width="stretch", key="grafik_harian")
    st.caption("Skor kesiapan pada akhir setiap hari, dihitung ulang dari log yang tercatat sampai hari itu, dengan "
               "komponen logistik dan checklist TPS. Garis putus-putus abu-abu: skor yang direncanakan KPU untuk "
               "setiap hari (tahap logistik dan butir checklist yang sudah jatuh tempo).")
    ui.tombol_unduh(h.ekspor_harian, "kesiapan-harian", k, "harian")
