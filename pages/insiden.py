"""Insiden & Permasalahan: key figures, incident map, daily timeline by category, status and
overdue follow-ups with their PIC, and the incident table (downloadable)."""

import streamlit as st

from siaga.inti import fmt
from siaga.model import grafik, insiden
from siaga.tampilan import kolom, ui
from siaga.tampilan.lampiran import foto_insiden

k = ui.konteks()
ui.judul("Insiden & Permasalahan", k)
h = ui.model(insiden.susun, k)
judul_jendela = insiden.JUDUL_JENDELA[k.jendela]
frasa_jendela = insiden.FRASA_JENDELA[k.jendela]

st.caption(h.kalimat_jendela)
ui.kartu(h.angka, kotak=False)
st.caption(h.kalimat_keadaan)

if h.belum_ada:
    ui.kosong(h.belum_ada)
    st.stop()

if h.kosong_jendela:
    ui.kosong(h.kosong_jendela)
else:
    kiri, kanan = st.columns([5, 6], gap="medium")
    with kiri:
        st.subheader(f"Peta insiden · {judul_jendela}")
        if h.peta is None:
            st.info("Batas wilayah belum tersedia dan tidak ada insiden berkoordinat; peta tidak dapat ditampilkan.")
        else:
            st.pydeck_chart(h.peta, height=grafik.MAP_HEIGHT)
            st.plotly_chart(h.legenda_peta, key="legenda_peta",
                            config=grafik.PLOTLY_CONFIG | {"displayModeBar": False, "staticPlot": True})
        st.caption(" ".join(filter(None, [h.kalimat_peta, fmt.md(grafik.catatan_batas(k.wilayah.batas_perkiraan,
                                                                                  k.wilayah.sumber_batas))])))
    with kanan:
        st.subheader("Insiden per hari menurut kategori")
        st.plotly_chart(h.grafik_harian, config=grafik.PLOTLY_CONFIG, key="grafik_harian")
        st.caption("Menurut hari laporan pertama; arahkan kursor ke batang untuk rincian kategori.")
        st.markdown(f"**Status insiden yang dilaporkan {frasa_jendela}**")
        st.plotly_chart(h.grafik_status, config=grafik.PLOTLY_CONFIG, key="grafik_status")
        st.caption("Status saat ini menurut alur dilaporkan → diverifikasi → ditangani → selesai.")

st.subheader(f"Tindak lanjut terlambat atau jatuh tempo dalam {insiden.HARI_TEMPO} hari")
st.caption("Semua insiden yang masih terbuka, kapan pun dilaporkan; yang paling terlambat di atas.")
if not h.jumlah_tindak:
    ui.kosong(h.kosong_tindak)
elif h.tindak is None:
    ui.hanya_rincian(f"{h.jumlah_tindak} insiden terbuka terlambat atau segera jatuh tempo.")
else:
    st.dataframe(h.tindak, hide_index=True, width="stretch", column_config=kolom.TINDAK_LANJUT_INSIDEN)
    ui.tombol_unduh(h.ekspor_tindak, "tindak-lanjut-insiden", k, "tindak_lanjut")

if h.jumlah_daftar and h.daftar is None:
    ui.hanya_rincian(f"{h.jumlah_daftar} insiden dilaporkan {frasa_jendela}.")
elif h.jumlah_daftar:
    st.subheader(f"Daftar insiden · {judul_jendela}")
    st.dataframe(h.daftar, hide_index=True, width="stretch", column_config=kolom.INSIDEN_BERTAUT)
    ui.tombol_unduh(h.ekspor_daftar, f"insiden-{k.jendela}", k, "insiden")

foto_insiden(k)          # staf and above, their scope only; never exported
