"""Maps and charts, built from query results. No base-map tiles: maps render offline."""

from __future__ import annotations

import datetime as dt
import json
import math
import urllib.parse
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from siaga.inti import fmt
from siaga.masuk.geo import Batas, geojson
from siaga.model import level

MAP_HEIGHT = 520
TEKS_SUMBU = dict(size=14, color="#1a1a1a")     # axis labels of every chart
# Said under every map drawn from boundaries marked approximate (wilayah.toml: [peta] batas_perkiraan).
BATAS_PERKIRAAN = "Batas wilayah pada peta adalah perkiraan, bukan batas resmi."
# Categorical colours (Paul Tol "vibrant", colour-blind safe), used in order for categories.
PALET = ["#0077BB", "#EE7733", "#009988", "#CC3311", "#33BBEE", "#EE3377", "#BBBBBB", "#000000"]
# Severity has its own fixed colours on every page (never the readiness-level colours).
WARNA_KEPARAHAN = {"rendah": "#33BBEE", "sedang": "#EE7733", "tinggi": "#CC3311"}
# Plotly: no logo, no link out, a PNG button that works offline (rendered in the browser).
PLOTLY_CONFIG = {"displaylogo": False, "showLink": False, "locale": "id",
                 "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
                 "toImageButtonOptions": {"format": "png", "scale": 2}}
# A MapLibre style with no sources (a plain background) as a data URL, so nothing is fetched
# from the network; Streamlit would otherwise fall back to Carto tiles when no style is given.
GAYA_TANPA_UBIN = "data:application/json," + urllib.parse.quote(json.dumps(
    {"version": 8, "name": "siaga-offline", "sources": {},
     "layers": [{"id": "latar", "type": "background", "paint": {"background-color": "#eef1f5"}}]},
    separators=(",", ":")))


def catatan_batas(perkiraan: bool, sumber: str) -> str:
    """What is said under every map about its boundaries: that they are approximate
    (``[peta] batas_perkiraan``) and where they come from (``[peta] sumber_batas``, the credit their
    licence asks for). Plain text (escape it for Markdown); empty when the config says neither."""
    teks = [BATAS_PERKIRAAN] if perkiraan else []
    if sumber:
        teks.append(f"Sumber batas wilayah: {sumber.rstrip('.')}.")
    return " ".join(teks)


@dataclass(frozen=True)
class PetaStatis:
    """A map as a still picture (the big screen, the PDF/PNG/PPTX report): units coloured by a class
    (a readiness level, how a kecamatan's TPS opened), each labelled with its name and one value,
    optional points on top (incidents), a legend and the note on the boundaries under it. Drawn by
    :func:`siaga.laporan.visual.gambar_peta`, the one static map renderer; no tiles."""
    wilayah: gpd.GeoDataFrame          # kode, nama, nilai (label's second line), warna, lon, lat, geometry (WGS84)
    tingkat: str                       # kecamatan | kelurahan
    legenda: tuple[tuple[str, str], ...]   # the units' classes: (label, colour), in the order shown
    perkiraan: bool                    # boundaries are approximate (say so under the map)
    sumber: str = ""                   # credit of the boundaries (wilayah.toml [peta] sumber_batas), under the map
    judul: str = ""                    # the title of the map's own page in the PDF
    titik: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["lon", "lat", "warna", "jari"]))
    legenda_titik: tuple[tuple[str, str], ...] = ()    # the points' classes: (label, colour)

    @property
    def catatan(self) -> str:
        """What is said under the map about its boundaries (approximate, their source)."""
        return catatan_batas(self.perkiraan, self.sumber)

    def geojson(self) -> dict:
        return self.wilayah.to_geo_dict(drop_id=True, show_bbox=False)


def view_state(bounds: tuple[float, float, float, float], width_px: int = 640,
               height_px: int = MAP_HEIGHT) -> pdk.ViewState:
    """Centre and zoom that fit ``bounds`` (minx, miny, maxx, maxy) in the map box."""
    minx, miny, maxx, maxy = bounds
    lon_span = max(maxx - minx, 1e-6)
    lat_span = max(maxy - miny, 1e-6)
    zoom_x = math.log2(width_px * 360 / (512 * lon_span))    # deck.gl: world = 512 * 2**zoom px
    lat_rad = math.radians((miny + maxy) / 2)
    zoom_y = math.log2(height_px * 360 * math.cos(lat_rad) / (512 * lat_span))
    return pdk.ViewState(longitude=(minx + maxx) / 2, latitude=(miny + maxy) / 2,
                         zoom=round(min(zoom_x, zoom_y) - 0.1, 2), pitch=0, bearing=0)


def peta_kesiapan(batas: Batas, kec: pd.DataFrame, pilih: str | None = None) -> pdk.Deck:
    """Kecamatan choropleth coloured by readiness level, labelled with names and scores.

    ``kec`` needs columns kode, nama, skor, level. The selected kecamatan (``pilih``) is
    outlined; the others are drawn lighter.
    """
    props = pd.DataFrame({
        "kode": kec["kode"],
        "nama": kec["nama"],
        "keterangan": [f"Skor {fmt.skor(s)} · {level.label(lv)}" for s, lv in zip(kec["skor"], kec["level"])],
        "warna": [level.rgb(lv, 230 if pilih in (None, k) else 90) for lv, k in zip(kec["level"], kec["kode"])],
        "garis": [[20, 20, 20, 255] if k == pilih else [255, 255, 255, 255] for k in kec["kode"]],
        "tebal": [3 if k == pilih else 1 for k in kec["kode"]],
    })
    data = geojson(batas, props)
    centres = batas.titik_label().merge(props[["kode", "nama", "keterangan"]], on="kode")
    labels = [{"posisi": [lon, lat], "teks": f"{n}\n{fmt.skor(s)}"}
              for lon, lat, n, s in zip(centres["lon"], centres["lat"], centres["nama"],
                                        centres["kode"].map(kec.set_index("kode")["skor"]))]
    layers = [
        pdk.Layer("GeoJsonLayer", data, id="kesiapan-kecamatan", pickable=True, stroked=True, filled=True,
                  get_fill_color="properties.warna", get_line_color="properties.garis",
                  get_line_width="properties.tebal", line_width_units="'pixels'"),
        lapisan_label(labels, "label-kecamatan"),
    ]
    return deck(layers, batas.bounds, tooltip={"text": "{nama}\n{keterangan}"})


def lapisan_label(labels: list[dict], id: str, **extra) -> pdk.Layer:
    """The house label layer: ``labels`` are ``{"posisi": [lon, lat], "teks": ...}``, dark bold
    text with a white halo, centred on the point."""
    return pdk.Layer("TextLayer", labels, id=id, get_position="posisi", get_text="teks", get_size=13,
                     get_color=[20, 20, 20, 255], get_text_anchor="'middle'", get_alignment_baseline="'center'",
                     font_family="'sans-serif'", font_weight=600, outline_width=3,
                     outline_color=[255, 255, 255, 255], font_settings={"sdf": True}, **extra)


def peta_unit(batas: Batas, props: pd.DataFrame, label: bool = True) -> pdk.Deck:
    """Choropleth of any level from ``props`` (kode, nama, keterangan, warna); only the units
    in ``props`` are drawn, names as labels when ``label``."""
    data = geojson(batas, props)
    layers = [pdk.Layer("GeoJsonLayer", data, id="peta-unit", pickable=True, stroked=True, filled=True,
                        get_fill_color="properties.warna", get_line_color=[255, 255, 255, 255],
                        get_line_width=1, line_width_units="'pixels'")]
    if label:
        dilabel = Batas(batas.tingkat, batas.gdf[batas.gdf["kode"].isin(set(props["kode"]))], batas.bounds)
        centres = dilabel.titik_label().merge(props[["kode", "nama"]], on="kode")
        teks = [{"posisi": [lon, lat], "teks": n}
                for lon, lat, n in zip(centres["lon"], centres["lat"], centres["nama"])]
        layers.append(lapisan_label(teks, "label-unit"))
    pilih = batas.gdf[batas.gdf["kode"].isin(set(props["kode"]))]
    bounds = tuple(float(x) for x in pilih.total_bounds) if len(pilih) else batas.bounds
    return deck(layers, bounds, tooltip={"text": "{nama}\n{keterangan}"})


class Peta(pdk.Deck):
    """A deck whose JSON is compact and made once. Maps are built once per data version and
    filter and never modified afterwards, while Streamlit asks for the JSON on every rerun;
    pydeck indents it, which doubles the bytes sent to the browser."""

    def to_json(self) -> str:
        # kept outside the instance: pydeck serialises every attribute of the deck
        teks = _JSON_PETA.get(self)
        if teks is None:
            teks = json.dumps(json.loads(super().to_json()), separators=(",", ":"), ensure_ascii=False)
            _JSON_PETA[self] = teks
        return teks


_JSON_PETA: weakref.WeakKeyDictionary[Peta, str] = weakref.WeakKeyDictionary()


def deck(layers: list[pdk.Layer], bounds: tuple[float, float, float, float], tooltip: dict | bool = False) -> Peta:
    """A deck with no base-map tiles (works offline) fitted to ``bounds``, sent as compact JSON."""
    return Peta(layers=layers, initial_view_state=view_state(bounds), map_provider=None,
                map_style=GAYA_TANPA_UBIN, tooltip=tooltip)


# ------------------------------------------------------------------ plotly house style

# The house style of every chart as one layout dict: Indonesian number separators (1.234,5), the
# colour-blind palette, a quiet layout, light grid lines and no zero line on both axes.
GAYA = {
    "separators": ",.", "colorway": PALET, "height": 360, "margin": {"l": 8, "r": 8, "t": 36, "b": 8},
    "font": {"family": "Source Sans Pro, sans-serif", "size": 14}, "plot_bgcolor": "#ffffff",
    "paper_bgcolor": "#ffffff", "showlegend": True,
    "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
    "hoverlabel": {"font": {"size": 14}}, "title": {"font": {"size": 16}},
    "xaxis": {"gridcolor": "#e6e9ef", "zeroline": False}, "yaxis": {"gridcolor": "#e6e9ef", "zeroline": False},
}


def gabung(dasar: dict, tambahan: dict) -> dict:
    """``dasar`` updated with ``tambahan``, recursing into nested dicts (a new dict; neither is changed)."""
    out = dict(dasar)
    for k, v in tambahan.items():
        out[k] = gabung(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def figur(data: Sequence[dict], layout: dict | None = None, tinggi: int = 360, legenda: bool = True) -> go.Figure:
    """A chart in the house style (:data:`GAYA`), built from one dict: ``data`` the traces as dicts
    (``{"type": "bar", ...}``), ``layout`` merged over the house style (nested dicts merged key by key,
    so ``{"legend": {"y": 1.1}}`` keeps the rest of the legend style). The one way the models build a
    plotly figure: plotly's incremental API (add_trace, update_*) costs tens of ms a figure."""
    return go.Figure({"data": list(data),
                      "layout": gabung(GAYA, {**(layout or {}), "height": tinggi, "showlegend": legenda})})


def tik_tanggal(tanggal: Sequence[dt.date], maks: int = 12) -> dict:
    """Date ticks with Indonesian month names (``27 Nov``), formatted here, not by the browser: at most
    ``maks`` ticks over the days of ``tanggal``, to merge into a date axis (empty when no days)."""
    days = sorted({pd.Timestamp(t).date() for t in tanggal})
    if not days:
        return {}
    ticks = days[::max(1, -(-len(days) // maks))]
    return {"tickvals": [pd.Timestamp(d) for d in ticks], "ticktext": [fmt.bulan_pendek(d) for d in ticks]}
