"""Big-screen briefing (?mode=layar): the report's slides, one at a time, rotating by themselves.

The slides are the same deck as the PDF/PNG/PPTX snapshots (siaga.model.paparan); they never
carry personal data. New data show up at the next rotation without a visible reload."""

import datetime as dt
import time

import streamlit as st

from siaga.inti import fmt
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
ukuran = layar.ukuran_layar()          # the browser's viewport: charts and the map are drawn for it


def geser(arah: int, jumlah: int) -> None:
    ss["layar_slide"] = aturan.langkah(ss["layar_slide"], jumlah, arah)
    ss["layar_sejak"] = time.monotonic()


@st.fragment(run_every=None if ss["layar_jeda"] else atur.interval)
def tayang() -> None:
    ui.segarkan()                                         # a new report shows at the next rotation
    p = layar.paparan_layar(k, layar.tanggal_layar(k))
    n = len(p.slides)
    ss["layar_jumlah"] = n                                # the deck grows on voting day and after
    if not ss["layar_jeda"] and aturan.waktunya_ganti(ss["layar_sejak"], time.monotonic(), atur.interval):
        geser(1, n)
    s = p.slides[ss["layar_slide"] % n]
    sekarang = dt.datetime.now().astimezone()
    kiri, kanan = st.columns([4, 1], vertical_alignment="center")
    kiri.title(s.judul)
    menuju = "menuju " if p.hitung_mundur.startswith("H-") else ""
    kiri.caption(f"{p.lingkup} · {p.data_per} · {p.hitung_mundur} {menuju}pemungutan suara "
                 f"{p.hari_pemungutan} · {p.sumber}")
    kanan.metric("Pukul", aturan.jam(sekarang, k.wilayah.tz, k.wilayah.zona_waktu), p.hitung_mundur,
                 delta_color="off", delta_arrow="off")
    waktu = aturan.pesan_waktu(k.rentang, k.tanggal, sekarang, batas_jam=atur.basi_jam, tz=k.wilayah.tz,
                               zona=k.wilayah.zona_waktu, simulasi=k.wilayah.simulasi)
    ui.pesan_waktu(waktu, samping=False)
    ui.kartu(s.angka, definisi=False)
    # the body, drawn for this screen (the key names the size the server drew for: tests wait on it)
    with st.container(key=f"layar_isi_{ukuran.kode}"):
        isi(s, p, aturan.ruang_pesan(w.tingkat for w in waktu))
    st.caption(f"Slide {ss['layar_slide'] % n + 1} dari {n} · "
               + ("dijeda" if ss["layar_jeda"] else f"berganti setiap {atur.interval} detik")
               + " · tombol ← → untuk berpindah, J untuk jeda/lanjut")


def isi(s, p, kurang: float) -> None:
    """A slide's body: its sentences, or its chart or map beside its table, or its empty state
    (``kurang``: share of the height a warning above took from it)."""
    if s.kalimat:
        with st.container(border=True, key="layar_situasi"):
            for kalimat in s.kalimat:
                st.markdown(fmt.md(kalimat))
    ada_tabel = s.tabel is not None
    ada_visual = s.peta is not None or s.grafik is not None
    bagian = aturan.Layar.bagian_visual(len(s.tabel.untuk_slide().kolom)) if ada_tabel else 1.0
    if ada_visual and ada_tabel:
        visual_, tabel = st.columns([bagian, 1 - bagian])
    else:
        visual_ = tabel = st.container()
    if s.peta is not None:
        png, lebar = layar.peta_layar(p, s.kode, k.kecamatan, ukuran, ada_tabel, bagian, kurang)
        with visual_.container(key=f"layar_peta_huruf_{ukuran.huruf_min}"):   # the smallest label size drawn
            st.image(png, width=lebar)
    elif s.grafik is not None:
        fig, tinggi = layar.grafik_layar(s.grafik, ukuran, ada_tabel, bagian, kurang)
        visual_.plotly_chart(fig, config=grafik.PLOTLY_CONFIG, width="stretch", height=tinggi,
                             key=f"layar_grafik_{s.kode}")
    if ada_tabel:
        with tabel:
            if s.judul_tabel:
                st.subheader(s.judul_tabel)
            baris = ukuran.baris((aturan.TINGGI_VISUAL if ada_visual else aturan.TINGGI_VISUAL + 0.04) - kurang)
            st.table(layar.tabel_layar(s.tabel, baris))
            if catatan := s.tabel.catatan(min(len(s.tabel.baris), baris)):
                st.caption(catatan)
    if pesan := s.pesan_kosong:                              # only when the slide has nothing else
        ui.kosong(pesan)
    if s.catatan and not (s.kalimat or ada_visual or ada_tabel):     # the note is all there is: say it large
        with st.container(border=True, key="layar_ringkas"):
            st.markdown(fmt.md(s.catatan))
    elif s.catatan and not s.kalimat:
        st.caption(s.catatan)


tayang()
n_slide = ss.get("layar_jumlah", layar.jumlah_slide())
tombol = st.container(horizontal=True, key="layar_tombol")
tombol.button("Sebelumnya", icon=":material/chevron_left:", shortcut="Left", key="layar_mundur",
              on_click=geser, args=(-1, n_slide))
tombol.button("Lanjutkan" if ss["layar_jeda"] else "Jeda", icon=":material/play_pause:", shortcut="J",
              key="layar_jeda_btn",
              on_click=lambda: ss.update(layar_jeda=not ss["layar_jeda"], layar_sejak=time.monotonic()))
tombol.button("Berikutnya", icon=":material/chevron_right:", shortcut="Right", key="layar_maju",
              on_click=geser, args=(1, n_slide))
