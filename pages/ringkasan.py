"""Ringkasan: the situation in three sentences, countdown, readiness score against the KPU plan,
running stages, the three indicators, what needs attention, what changed since yesterday (or the last
meeting), the meetings' decisions and their follow-up, and every kecamatan on a map and in a ranking."""

import streamlit as st

from siaga.inti import fmt
from siaga.model import fase as m_fase
from siaga.model import grafik, pemungutan, ringkasan
from siaga.model.konteks import JENDELA
from siaga.tampilan import kolom, ui

k = ui.konteks()
ui.judul("Ringkasan", k)
h = ui.model(ringkasan.susun, k)

with st.container(border=True):
    for kalimat in h.situasi:
        st.markdown(fmt.md(kalimat))

f = h.fase
if f is not None and f.hari is not None:
    st.subheader(f.hari.judul)
    ui.kartu(f.hari.angka)
    kiri, kanan = st.columns([2, 3])
    if f.hari.jam is not None:
        kiri.plotly_chart(f.hari.jam, width="stretch", config=grafik.PLOTLY_CONFIG, key="grafik_jam")
    kanan.dataframe(f.hari.tabel.frame(), hide_index=True, width="stretch")
    if (ph := f.hari.peta) is not None:
        jendela = st.radio("Insiden di peta", pemungutan.JENDELA_PETA, horizontal=True, key="peta_hari_jendela",
                           index=pemungutan.JENDELA_PETA.index(k.jendela if k.jendela in pemungutan.JENDELA_PETA
                                                               else m_fase.JENDELA_HARI_H),
                           format_func=JENDELA.get)
        st.pydeck_chart(ph.peta[jendela], height=grafik.MAP_HEIGHT)
        st.plotly_chart(ph.legenda, width="stretch", key="legenda_peta_hari",
                        config=grafik.PLOTLY_CONFIG | {"displayModeBar": False, "staticPlot": True})
        st.caption(ph.catatan[jendela])
        if catatan := grafik.catatan_batas(k.wilayah.batas_perkiraan, k.wilayah.sumber_batas):
            st.caption(fmt.md(catatan))
if f is not None and f.rekap is not None:
    st.subheader("Rekapitulasi suara per kecamatan")
    ui.kartu(f.rekap.angka)
    st.markdown("**Sesudah rekapitulasi:** " + " · ".join(f"{t} — {s}" for t, s in f.rekap.status))
    st.dataframe(f.rekap.tabel.frame(), hide_index=True, width="stretch")
if f is not None and f.ulang is not None:
    u = f.ulang
    st.subheader(u.hitung_mundur.label)
    st.metric(u.hitung_mundur.label, u.hitung_mundur.nilai, help=u.hitung_mundur.bantuan)
    st.caption(u.hitung_mundur.keterangan)
    st.dataframe(u.tabel.frame(), hide_index=True, width="stretch")
    if u.hari is not None:
        ui.kartu(u.hari.angka)
        if u.hari.jam is not None:
            st.plotly_chart(u.hari.jam, width="stretch", config=grafik.PLOTLY_CONFIG, key="grafik_jam_ulang")

c1, c2, c3, c4 = st.columns([1, 1, 1, 2])
c1.metric(h.hitung_mundur.label, h.hitung_mundur.nilai, help=h.hitung_mundur.bantuan)
c2.metric(h.skor.label, h.skor.nilai, help=h.skor.bantuan)
c2.caption(h.skor.keterangan)
c3.metric(h.netralitas.label, h.netralitas.nilai, help=h.netralitas.bantuan)
c3.caption(h.netralitas.keterangan)
with c4:
    st.markdown("**Tahapan berjalan**")
    if not h.tahapan:
        st.text("Tidak ada tahapan yang sedang berjalan pada tanggal ini.")
    for tahapan, keadaan in h.tahapan:
        st.text(f"{tahapan} — {keadaan}")

st.subheader("Tiga indikator keberhasilan Pilkada")
ui.kartu(h.indikator)

st.subheader("Lima hal yang paling perlu perhatian")
if h.perhatian_kosong:
    ui.kosong(h.perhatian_kosong)
else:
    st.dataframe(h.perhatian.frame().head(ringkasan.PERHATIAN_HALAMAN), hide_index=True, width="stretch",
                 column_config=kolom.PERHATIAN)

p = h.perubahan
st.subheader(p.judul)
ui.kartu(p.angka)
if p.level is None:
    st.caption(p.kosong)
else:
    st.dataframe(ui.warnai_level(p.level.frame(), "Sekarang"), hide_index=True, width="stretch",
                 column_config=kolom.PERUBAHAN_LEVEL)
st.caption("Ubah tanggal pembanding (misalnya tanggal rapat koordinasi terakhir) di **Perubahan sejak** pada "
           "panel kiri.")

t = h.rapat
if t is not None and t.ada_rapat:
    st.subheader(t.judul)
    st.caption(t.kalimat)
    ui.kartu(t.angka)
    if t.kosong:
        ui.kosong(t.kosong)
    else:
        st.dataframe(t.tabel.frame(), hide_index=True, width="stretch", height=ui.tinggi_tabel(len(t.tabel.baris)))

st.subheader("Kesiapan kecamatan")
kiri, kanan = st.columns([5, 6])
with kiri:
    if h.peta is None:
        st.info("Batas wilayah kecamatan belum tersedia, peta tidak dapat ditampilkan.")
    else:
        st.pydeck_chart(h.peta, height=grafik.MAP_HEIGHT)
        if catatan := grafik.catatan_batas(k.wilayah.batas_perkiraan, k.wilayah.sumber_batas):
            st.caption(fmt.md(catatan))
    st.caption(h.legenda)
with kanan:
    st.dataframe(ui.warnai_level(h.peringkat), hide_index=True, width="stretch", height=grafik.MAP_HEIGHT,
                 column_config=kolom.PERINGKAT_RINGKASAN)
