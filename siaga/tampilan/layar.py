"""The big screen's Streamlit glue (``?mode=layar``): its style sheet, the slide deck built once per
data version and view, the readiness map as a static picture, the short slide tables. What the
slides say is :mod:`siaga.model.paparan`, the same deck as the PDF/PNG/PPTX report."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from siaga.akses import Lingkup, gerbang
from siaga.laporan import visual
from siaga.model import paparan
from siaga.model.komponen import Tabel
from siaga.model.konteks import Konteks, Rentang
from siaga.tampilan import ui
from siaga.tampilan.navigasi import TGL

CSS_LAYAR = "<style>" + (ui.STATIC / "layar.css").read_text(encoding="utf-8") + "</style>"
BARIS_LAYAR = 7


def gaya_layar() -> None:
    """The big screen's style sheet: hides Streamlit's chrome, enlarges the type."""
    st.html(CSS_LAYAR)  # static style sheet from siaga/static, never a data value


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
def _peta(versi: str, tanggal: dt.date, kecamatan: str | None, lk: Lingkup, _p: paparan.Paparan) -> bytes:
    peta = next(s.peta for s in _p.slides if s.peta is not None)
    return visual.peta_png(peta, visual.Ukuran(1100, 560, 1.5), huruf=17)


def peta_layar(p: paparan.Paparan, kecamatan: str | None) -> bytes:
    """The readiness map as a static picture (no tiles, nothing to load), cached per view."""
    return _peta(ui.versi(), p.tanggal, kecamatan, gerbang.lingkup(), p)


def tabel_layar(t: Tabel) -> pd.DataFrame:
    """A slide's table in its short form (what fits a screen), as text cells."""
    return t.untuk_slide(BARIS_LAYAR).frame()
