"""The plotly house style: every chart is built from one dict by ``grafik.figur``, which merges the
chart's own layout over the house style (Indonesian separators, the palette, the fonts)."""

from __future__ import annotations

import copy
import datetime as dt

import pandas as pd

from siaga.model import grafik


def test_a_figure_carries_the_house_style_and_its_own_layout_merged_into_it():
    gaya = copy.deepcopy(grafik.GAYA)
    fig = grafik.figur([{"type": "bar", "x": [1200, 3400], "y": ["a", "b"], "orientation": "h"}],
                       {"legend": {"y": 1.1, "yanchor": "top"}, "xaxis": {"type": "linear", "showgrid": False},
                        "margin": {"r": 90}},
                       tinggi=420, legenda=False)
    lay = fig.layout
    assert lay.separators == ",."                       # 1.234,5
    assert list(lay.colorway) == grafik.PALET
    assert lay.font.family == "Source Sans Pro, sans-serif" and lay.font.size == 14
    assert lay.title.font.size == 16 and lay.hoverlabel.font.size == 14
    assert lay.height == 420 and lay.showlegend is False
    # nested dicts merge key by key: the chart's keys win, the house style's others stay
    assert (lay.legend.y, lay.legend.yanchor) == (1.1, "top")
    assert (lay.legend.orientation, lay.legend.xanchor, lay.legend.x) == ("h", "left", 0)
    assert (lay.xaxis.type, lay.xaxis.showgrid) == ("linear", False)
    assert (lay.xaxis.gridcolor, lay.xaxis.zeroline) == ("#e6e9ef", False)
    assert (lay.yaxis.gridcolor, lay.yaxis.zeroline) == ("#e6e9ef", False)
    assert (lay.margin.l, lay.margin.r, lay.margin.t, lay.margin.b) == (8, 90, 36, 8)
    assert [t.type for t in fig.data] == ["bar"] and list(fig.data[0].x) == [1200, 3400]
    assert grafik.GAYA == gaya                          # the house style itself is never changed


def test_defaults_height_and_legend():
    fig = grafik.figur([])
    assert fig.layout.height == 360 and fig.layout.showlegend is True and fig.data == ()


def test_gabung_recurses_into_dicts_and_changes_neither_input():
    dasar = {"a": {"b": 1, "c": {"d": 2, "e": 3}}, "f": [1, 2], "g": {"h": 1}}
    tambahan = {"a": {"c": {"e": 4}, "x": 5}, "f": [3], "g": 7, "i": {"j": 1}}
    salinan = copy.deepcopy((dasar, tambahan))
    assert grafik.gabung(dasar, tambahan) == {"a": {"b": 1, "c": {"d": 2, "e": 4}, "x": 5}, "f": [3], "g": 7,
                                              "i": {"j": 1}}
    assert (dasar, tambahan) == salinan


def test_date_ticks_are_indonesian_and_thinned():
    hari = [dt.date(2024, 10, 29) + dt.timedelta(days=i) for i in range(30)]
    tik = grafik.tik_tanggal(hari, maks=12)
    assert len(tik["tickvals"]) == 10                   # every third day of 30
    assert tik["tickvals"][0] == pd.Timestamp(2024, 10, 29) and tik["tickvals"][1] == pd.Timestamp(2024, 11, 1)
    assert tik["ticktext"][:2] == ["29 Okt", "1 Nov"]
    assert grafik.tik_tanggal([]) == {}
    fig = grafik.figur([], {"xaxis": {"type": "date", **tik}})
    assert list(fig.layout.xaxis.ticktext) == tik["ticktext"] and fig.layout.xaxis.gridcolor == "#e6e9ef"
