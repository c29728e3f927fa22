"""Ikhtisar (province and national desks): the three indicators for the unit shown, its units one
level down on a map and in a ranking, the logistics chain per unit; open a unit to go down to
province, kab/kota, kecamatan and its polling stations."""

import streamlit as st

from siaga.inti import fmt
from siaga.model import grafik, ringkasan
from siaga.model import ikhtisar as tampil
from siaga.tampilan import gaya, ui

k = ui.konteks()
if k.akses.kecamatan:
    st.info("Ikhtisar provinsi/nasional tidak tersedia untuk akun camat: data kecamatan Anda ada di dasbor "
            "kab/kota Anda.")
    st.stop()
akar = k.wilayah.kode
nama = {**ui.nama_wilayah(), **k.nama_kecamatan}
induk = tampil.induk_sah(st.query_params.get("wil"), akar, nama)
jejak = tampil.jejak(induk, akar, k.wilayah.nama, nama)
anak = tampil.tingkat_anak(induk)

st.title(f"Ikhtisar · {fmt.md(jejak[-1][1])}")
st.caption(f"Data per {k.data_per} · {fmt.hitung_mundur(k.tanggal, k.wilayah.hari_pemungutan)} menuju "
           f"pemungutan suara {fmt.hari_tanggal(k.wilayah.hari_pemungutan)}")
if len(jejak) > 1:
    for kolom, (kode, label) in zip(st.columns(len(jejak) + 3), jejak[:-1]):
        kolom.button(f"‹ {label}", key=f"naik_{kode}", on_click=ui.buka_wilayah, args=(None if kode == akar else kode,))

ind = ui.q("ikhtisar_indikator", tanggal=k.tanggal, induk=induk).iloc[0]
c = st.columns(5)
c[0].metric("Skor kesiapan", fmt.skor(ind["skor_kesiapan"]), help="Rata-rata skor kecamatan, ditimbang DPT")
label, jumlah = tampil.jumlah_anak(ind, anak)
c[1].metric(label, fmt.angka(jumlah))
c[2].metric("Kecamatan rawan", fmt.angka(ind["kecamatan_rawan"]), help=f"dari {fmt.angka(ind['jumlah_kecamatan'])} kecamatan")
c[3].metric("TPS", fmt.angka(ind["jumlah_tps"]), help=f"{fmt.angka(ind['dpt'])} pemilih DPT")
c[4].metric("TPS logistik lengkap", fmt.angka(ind["tps_logistik_lengkap"]))
for kol, i in zip(st.columns(3), ringkasan.indikator(ind)):
    with kol.container(border=True):
        st.metric(i.label, i.nilai, help=i.bantuan)
        st.caption(i.keterangan)

if anak == "tps":
    st.subheader("TPS menurut kesiapan")
    tps = ui.q("ikhtisar_tps", tanggal=k.tanggal, kecamatan=induk)
    if tps.empty:
        ui.kosong("Belum ada TPS di kecamatan ini.")
    else:
        tabel_tps = tampil.tabel_tps(tps, k.wilayah.zona_waktu)
        st.dataframe(tabel_tps, hide_index=True, width="stretch")
        ui.tombol_unduh(tabel_tps, "tps", k, key="unduh_tps")
    st.stop()

unit = ui.q("ikhtisar_unit", tanggal=k.tanggal, induk=induk, tingkat=anak)
st.subheader(f"{tampil.LABEL_TINGKAT[anak]} menurut kesiapan")
if unit.empty:
    ui.kosong("Belum ada data untuk wilayah ini pada tanggal ini.")
    st.stop()
kiri, kanan = st.columns([5, 6])
with kiri:
    lv = tampil.tingkat_peta(induk)
    peta = ui.peta(tampil.peta, lv, "ikhtisar_unit", tanggal=k.tanggal, induk=induk, tingkat=lv)
    if peta is None:
        ui.kosong(f"Batas wilayah {tampil.LABEL_TINGKAT[lv].lower()} belum tersedia, peta tidak ditampilkan.")
    else:
        st.pydeck_chart(peta, height=grafik.MAP_HEIGHT, key="peta_ikhtisar")
        st.caption(f"Peta per {tampil.LABEL_TINGKAT[lv].lower()}." + (f" {grafik.BATAS_PERKIRAAN}"
                                                                        if k.wilayah.batas_perkiraan else ""))
with kanan:
    peringkat = ui.sekali(tampil.peringkat, unit)
    st.dataframe(gaya.warnai_level(peringkat), hide_index=True, width="stretch",
                 height=grafik.MAP_HEIGHT, column_config=tampil.KOLOM_PERINGKAT)
ui.pilih_wilayah(f"Buka {tampil.LABEL_TINGKAT[anak].lower()}", list(unit["kode"]),
                 dict(zip(unit["kode"], tampil.nama_unit(unit))), key=f"buka_{induk}")

st.subheader("Rantai logistik: yang paling tertinggal")
st.plotly_chart(ui.grafik(tampil.grafik_rantai, "ikhtisar_unit", tanggal=k.tanggal, induk=induk, tingkat=anak),
                config=grafik.PLOTLY_CONFIG, key="grafik_rantai")
ui.tombol_unduh(peringkat, "ikhtisar", k, key="unduh_ikhtisar")
