"""Ikhtisar (province and national desks): the three indicators for the unit shown, its units one
level down on a map and in a ranking, the logistics chain per unit; open a unit to go down to
province, kab/kota, kecamatan and its polling stations."""

import streamlit as st

from siaga.inti import fmt
from siaga.model import grafik, ikhtisar
from siaga.tampilan import kolom, ui

k = ui.konteks()
if k.akses.kecamatan:
    st.info("Ikhtisar provinsi/nasional tidak tersedia untuk akun camat: data kecamatan Anda ada di dasbor "
            "kab/kota Anda.")
    st.stop()
akar = k.wilayah.kode
nama = {**ui.nama_wilayah(), **k.nama_kecamatan}
h = ui.model_ikhtisar(k, st.query_params.get("wil"), nama)

st.title(f"Ikhtisar · {fmt.md(h.judul)}")
st.caption(f"Data per {k.data_per} · {k.hitung_mundur}{k.menuju} pemungutan suara "
           f"{fmt.hari_tanggal(k.wilayah.hari_pemungutan)}")
if len(h.jejak) > 1:
    for kol, (kode, label) in zip(st.columns(len(h.jejak) + 3), h.jejak[:-1], strict=False):
        kol.button(f"‹ {label}", key=f"naik_{kode}", on_click=ui.buka_wilayah, args=(None if kode == akar else kode,))

ui.kartu(h.angka, kotak=False)
ui.kartu(h.indikator)

if h.anak == "tps":
    st.subheader("TPS menurut kesiapan")
    if h.tps is None:
        ui.kosong("Belum ada TPS di kecamatan ini.")
    else:
        st.dataframe(h.tps, hide_index=True, width="stretch")
        ui.tombol_unduh(h.tps, "tps", k, key="unduh_tps")
    st.stop()

st.subheader(f"{ikhtisar.LABEL_TINGKAT[h.anak]} menurut kesiapan")
if h.peringkat is None:
    ui.kosong("Belum ada data untuk wilayah ini pada tanggal ini.")
    st.stop()
kiri, kanan = st.columns([5, 6])
with kiri:
    lv = ikhtisar.LABEL_TINGKAT[h.tingkat_peta].lower()
    if h.peta is None:
        ui.kosong(f"Batas wilayah {lv} belum tersedia, peta tidak ditampilkan.")
    else:
        st.pydeck_chart(h.peta, height=grafik.MAP_HEIGHT, key="peta_ikhtisar")
        st.caption(" ".join(filter(None, [f"Peta per {lv}.", fmt.md(grafik.catatan_batas(k.wilayah.batas_perkiraan,
                                                                                     k.wilayah.sumber_batas))])))
with kanan:
    st.dataframe(ui.warnai_level(h.peringkat), hide_index=True, width="stretch", height=grafik.MAP_HEIGHT,
                 column_config=kolom.PERINGKAT_IKHTISAR)
ui.pilih_wilayah(f"Buka {ikhtisar.LABEL_TINGKAT[h.anak].lower()}", list(h.unit["kode"]),
                 dict(zip(h.unit["kode"], ikhtisar.nama_unit(h.unit), strict=True)), key=f"buka_{h.induk}")

st.subheader("Rantai logistik: yang paling tertinggal")
st.plotly_chart(h.grafik_rantai, config=grafik.PLOTLY_CONFIG, key="grafik_rantai")
ui.tombol_unduh(h.peringkat, "ikhtisar", k, key="unduh_ikhtisar")
