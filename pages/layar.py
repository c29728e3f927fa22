"""Big-screen briefing (?mode=layar): the report's slides, one at a time, rotating by themselves.

The slides are the same deck as the PDF/PNG/PPTX snapshots (siaga.model.paparan); they never
carry personal data. New data show up at the next rotation without a visible reload."""

import datetime as dt
import time

import streamlit as st

from siaga.inti import fmt
from siaga.laporan import visual
from siaga.model import grafik
from siaga.model import layar as aturan
from siaga.model.konteks import HANYA_KABKOTA
from siaga.tampilan import layar, ui

k = ui.konteks()
if k.wilayah.multi:
    st.info(HANYA_KABKOTA)
    st.stop()
layar.gaya_layar()
atur = aturan.Pengaturan.dari_url(st.query_params)
ss = st.session_state
ss.setdefault("layar_slide", atur.mulai)
ss.setdefault("layar_jeda", atur.jeda)
ss.setdefault("layar_sejak", time.monotonic())


def geser(arah: int, jumlah: int) -> None:
    ss["layar_slide"] = aturan.langkah(ss["layar_slide"], jumlah, arah)
    ss["layar_sejak"] = time.monotonic()


@st.fragment(run_every=None if ss["layar_jeda"] else atur.interval)
def tayang() -> None:
    ui.segarkan()                                         # a new report shows at the next rotation
    p = layar.paparan_layar(k, layar.tanggal_layar(k))
    n = len(p.slides)
    if not ss["layar_jeda"] and aturan.waktunya_ganti(ss["layar_sejak"], time.monotonic(), atur.interval):
        geser(1, n)
    s = p.slides[ss["layar_slide"] % n]
    sekarang = dt.datetime.now().astimezone()
    kiri, kanan = st.columns([4, 1], vertical_alignment="center")
    kiri.title(s.judul)
    kiri.caption(f"{p.lingkup} · {p.data_per} · {p.hitung_mundur} menuju pemungutan suara "
                 f"{p.hari_pemungutan} · {p.sumber}")
    kanan.metric("Pukul", aturan.jam(sekarang, k.wilayah.tz, k.wilayah.zona_waktu), p.hitung_mundur,
                 delta_color="off", delta_arrow="off")
    ui.pesan_waktu(aturan.pesan_waktu(k.rentang, k.tanggal, sekarang, batas_jam=atur.basi_jam, tz=k.wilayah.tz,
                                      zona=k.wilayah.zona_waktu, simulasi=k.wilayah.simulasi), samping=False)
    ui.kartu(s.angka, definisi=False)
    if s.kalimat:
        with st.container(border=True, key="layar_situasi"):
            for kalimat in s.kalimat:
                st.markdown(fmt.md(kalimat))
    visual_, tabel = st.columns([3, 2] if s.tabel is not None else [1, 0.001])
    with visual_:
        if s.peta is not None:
            st.image(layar.peta_layar(p, k.kecamatan), width="stretch")
        elif s.grafik is not None:
            st.plotly_chart(visual.siapkan(s.grafik, visual.Ukuran(1100, 430, 1)), config=grafik.PLOTLY_CONFIG,
                            width="stretch", key=f"layar_grafik_{s.kode}")
        elif s.kosong and not s.kalimat:
            ui.kosong(s.kosong)
        if s.catatan:
            st.caption(s.catatan)
    if s.tabel is not None:
        with tabel:
            if s.judul_tabel:
                st.subheader(s.judul_tabel)
            st.dataframe(layar.tabel_layar(s.tabel), hide_index=True, width="stretch")
            st.caption(s.tabel.catatan(min(len(s.tabel.baris), layar.BARIS_LAYAR)))
    st.caption(f"Slide {ss['layar_slide'] % n + 1} dari {n} · "
               + ("dijeda" if ss["layar_jeda"] else f"berganti setiap {atur.interval} detik")
               + " · tombol ← → untuk berpindah, J untuk jeda/lanjut")


tayang()
a, b, c, _ = st.columns([1, 1, 1, 6])
n_slide = layar.jumlah_slide()
a.button("Sebelumnya", icon=":material/chevron_left:", shortcut="Left", key="layar_mundur",
         on_click=geser, args=(-1, n_slide))
b.button("Lanjutkan" if ss["layar_jeda"] else "Jeda", icon=":material/play_pause:", shortcut="J", key="layar_jeda_btn",
         on_click=lambda: ss.update(layar_jeda=not ss["layar_jeda"], layar_sejak=time.monotonic()))
c.button("Berikutnya", icon=":material/chevron_right:", shortcut="Right", key="layar_maju",
         on_click=geser, args=(1, n_slide))
