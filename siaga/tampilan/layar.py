"""The big screen's Streamlit glue (``?mode=layar``): its style sheet, the slide deck built once per
data version and view, the slides' maps as static pictures, the short slide tables. What the
slides say is :mod:`siaga.model.paparan`, the same deck as the PDF/PNG/PPTX report."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from siaga.akses import Lingkup, gerbang
from siaga.laporan import visual
from siaga.model import paparan
from siaga.model.komponen import Tabel
from siaga.model.konteks import Konteks, Rentang
from siaga.model.layar import Layar
from siaga.tampilan import ui
from siaga.tampilan.navigasi import TGL

CSS_LAYAR = "<style>" + (ui.STATIC / "layar.css").read_text(encoding="utf-8") + "</style>"
BARIS_LAYAR = 7
UKURAN_JS = (ui.STATIC / "layar_ukuran.js").read_text(encoding="utf-8")
KUNCI_UKURAN = "layar_ukuran"
# the viewport reporter: a static script from siaga/static, never a data value
_pelapor_ukuran = st.components.v2.component("siaga_ukuran_layar", js=UKURAN_JS)


def gaya_layar() -> None:
    """The big screen's style sheet: hides Streamlit's chrome, enlarges the type."""
    st.html(CSS_LAYAR)  # static style sheet from siaga/static, never a data value


def _diterima() -> None:
    """The new size is read from the component's state on the rerun it causes."""


def ukuran_layar() -> Layar:
    """The browser's viewport as the page's static script reported it (the default size until it
    has). Only the drawing of charts and the map depends on it, never the deck."""
    sebelumnya = st.session_state.get(KUNCI_UKURAN)
    kini = Layar.dari(sebelumnya.get("ukuran") if sebelumnya else None)
    dikenal = {"lebar": kini.lebar, "tinggi": kini.tinggi} if sebelumnya and sebelumnya.get("ukuran") else None
    hasil = _pelapor_ukuran(key=KUNCI_UKURAN, data=dikenal, on_ukuran_change=_diterima, height=0)
    return Layar.dari(getattr(hasil, "ukuran", None)) if getattr(hasil, "ukuran", None) else kini


def mode_layar() -> bool:
    """The big-screen briefing was asked for in the URL."""
    return st.query_params.get("mode") == "layar"


def tanggal_layar(k: Konteks) -> dt.date:
    """The date the big screen shows: the one in the URL, else the latest day of data (which
    moves on by itself when new reports arrive)."""
    if ui.PARAM[TGL] in st.query_params:
        return k.tanggal
    return Rentang.dari_query(ui.q).akhir


@st.cache_resource(max_entries=8, show_spinner="Menyiapkan layar…")
def _paparan(versi: str, tanggal: dt.date, kecamatan: str | None, lk: Lingkup, _k: Konteks) -> paparan.Paparan:
    return paparan.susun(ui.q, _k)


def paparan_layar(k: Konteks, tanggal: dt.date) -> paparan.Paparan:
    """The slides of the big screen: the report's deck, built once per data version and view
    (aggregates only: the deck never holds personal data)."""
    k = k.dengan(versi=ui.versi(), tanggal=tanggal, rentang=Rentang.dari_query(ui.q), batas=ui.batas())
    return _paparan(k.versi, tanggal, k.kecamatan, gerbang.lingkup(), k)


def jumlah_slide() -> int:
    return len(paparan.SLIDES)


@st.cache_data(max_entries=32, show_spinner=False)
def _peta(versi: str, tanggal: dt.date, kecamatan: str | None, lk: Lingkup, kode: str, lebar: int, tinggi: int,
          huruf: int, huruf_min: int, _p: paparan.Paparan) -> bytes:
    peta = _p.slide(kode).peta
    return visual.peta_png(peta, visual.Ukuran(lebar, tinggi, 1), huruf=huruf, huruf_min=huruf_min)


def peta_layar(p: paparan.Paparan, kode: str, kecamatan: str | None, layar: Layar, ada_tabel: bool,
               bagian: float, kurang: float = 0.0) -> tuple[bytes, int]:
    """The map of the slide ``kode`` (the readiness map, the voting day's) as a static picture drawn
    for the box it fills on this screen (no tiles, nothing to load), cached per view, slide and size;
    and its width in px."""
    lebar, tinggi = layar.visual(ada_tabel, bagian, kurang)
    png = _peta(ui.versi(), p.tanggal, kecamatan, gerbang.lingkup(), kode, lebar, tinggi, layar.huruf,
                layar.huruf_min, p)
    return png, lebar


def grafik_layar(fig, layar: Layar, ada_tabel: bool, bagian: float, kurang: float = 0.0):
    """A slide's chart drawn for its box on this screen (``bagian``: its share of the width beside
    a table), every text at the screen's chart size. A heatmap loses its colour bar (every cell
    carries its value) and its column labels break at every space, to stay level."""
    lebar, tinggi = layar.visual(ada_tabel, bagian, kurang)
    out = visual.siapkan(fig, visual.Ukuran(lebar, tinggi, 1), huruf=layar.huruf)
    for t in out.data:
        if t.type == "heatmap" and t.x is not None:
            out.update_traces(showscale=False, selector={"type": "heatmap"})
            label = [str(x) for x in t.x]
            out.update_xaxes(tickangle=0, tickmode="array", tickvals=label,
                             ticktext=[x.replace(" ", "<br>") for x in label])
    return out, tinggi


def tabel_layar(t: Tabel, baris: int = BARIS_LAYAR):
    """A slide's table in its short form (what fits a screen: at most ``baris`` rows), as text
    cells without the index, the level column in its colours."""
    df = t.untuk_slide(baris).frame()
    gaya = ui.warnai_level(df) if "Level" in df.columns else df.style
    return gaya.hide(axis="index")
