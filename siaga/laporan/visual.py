"""Static images of the report's visuals, offline.

- Maps (:class:`siaga.model.grafik.PetaStatis`: the readiness levels, the voting day's TPS opening):
  geopandas + matplotlib (Agg, object API: safe off the main thread), polygons in their class
  colours, labelled, points on top (incidents), with a legend and the note on the boundaries
  (approximate, their source and licence). No tiles.
- Plotly figures: kaleido driving Debian's chromium (``/usr/bin/chromium``, or ``SIAGA_CHROMIUM``),
  never a downloaded browser; plotly.js comes from the plotly package and MathJax is off, so the
  page loads nothing from the network.
- Fonts: DejaVu Sans as shipped inside matplotlib (free licence), so text looks the same
  everywhere and every Indonesian glyph (≥ – · → ▶) is there.
"""

from __future__ import annotations

import asyncio
import io
import math
import os
import shutil
import textwrap
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import plotly.graph_objects as go
import shapely
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from siaga.model.grafik import PetaStatis
from siaga.model.paparan import Kabar, LaporanError, diam

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_TEBAL = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_GRAFIK = "DejaVu Sans, Liberation Sans, sans-serif"     # system fonts chromium finds (fonts-dejavu-core)
PESAN_CHROMIUM = "Laporan gambar membutuhkan chromium (apt-get install chromium)"
BATAS_WAKTU_GRAFIK = 90        # seconds kaleido may take for one figure
TEKS = "#1a1a1a"
WARNA_ABU = "#555555"


@dataclass(frozen=True)
class Ukuran:
    """A visual's box: its layout size in CSS pixels and the scale to the image's pixels
    (text set at 14 px in the figure is 14 × skala pixels in the image)."""
    lebar: int
    tinggi: int
    skala: float = 2.0

    @property
    def piksel(self) -> tuple[int, int]:
        return round(self.lebar * self.skala), round(self.tinggi * self.skala)


# ------------------------------------------------------------------ plotly through chromium

def chromium() -> str:
    """Debian's chromium (``SIAGA_CHROMIUM`` overrides); a clear Indonesian error when missing."""
    jalur = os.environ.get("SIAGA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not (Path(jalur).is_file() and os.access(jalur, os.X_OK)):
        raise LaporanError(PESAN_CHROMIUM)
    return jalur


def siapkan(fig: go.Figure, u: Ukuran, huruf: float | None = None) -> go.Figure:
    """A copy laid out for a still image of ``u``: fixed size, the report's font; with ``huruf``
    (px) every text of the figure (ticks, axis titles, legend, bar labels, notes) at that size."""
    out = go.Figure(fig)
    out.update_layout(width=u.lebar, height=u.tinggi, font_family=FONT_GRAFIK, hovermode=False)
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    out.update_traces(textangle=0, selector={"type": "bar"})      # counts stay level, never turned
    if huruf is not None:
        ukuran_huruf(out, huruf)
    return out


def ukuran_huruf(fig: go.Figure, huruf: float) -> go.Figure:
    """Every text of ``fig`` at ``huruf`` px (titles a little larger); bar labels never shrunk
    to fit, the margins grow instead."""
    fig.update_layout(font_size=huruf, font_color=TEKS, legend_font_size=huruf, title_font_size=round(huruf * 1.15),
                      margin=dict(l=round(huruf / 2), r=round(huruf * 2), t=round(huruf * 2.2), b=round(huruf / 2)))
    for sumbu in (fig.update_xaxes, fig.update_yaxes):
        sumbu(tickfont_size=huruf, tickfont_color=TEKS, title_font_size=huruf, automargin=True)
    fig.update_traces(textfont_size=huruf, constraintext="none", cliponaxis=False, selector={"type": "bar"})
    fig.update_traces(textfont_size=huruf, selector={"type": "scatter"})
    fig.update_traces(textfont_size=huruf, colorbar_tickfont_size=huruf, colorbar_title_font_size=huruf,
                      selector={"type": "heatmap"})
    for a in fig.layout.annotations:
        a.font.size = huruf
    return fig


def grafik_png(permintaan: Sequence[tuple[go.Figure, Ukuran]], kabar: Kabar = diam) -> list[bytes]:
    """PNG bytes of each (figure, size), drawn in one chromium session."""
    if not permintaan:
        return []
    jalur = chromium()
    import kaleido

    async def semua() -> list[bytes]:
        async with kaleido.Kaleido(n=1, path=jalur, mathjax=False, timeout=BATAS_WAKTU_GRAFIK) as k:
            out = []
            for i, (fig, u) in enumerate(permintaan):
                kabar(i / len(permintaan), f"Menggambar grafik {i + 1} dari {len(permintaan)}")
                out.append(await k.calc_fig(siapkan(fig, u), opts={"format": "png", "width": u.lebar,
                                                                    "height": u.tinggi, "scale": u.skala}))
            return out

    try:
        # a thread of its own: the caller may already run an event loop (Streamlit, notebooks)
        with ThreadPoolExecutor(1) as ex:
            return ex.submit(asyncio.run, semua()).result()
    except LaporanError:
        raise
    except Exception as exc:        # kaleido and choreographer raise many types
        raise LaporanError(f"Grafik laporan tidak dapat digambar dengan chromium ({jalur}): {exc}") from exc


# ------------------------------------------------------------------ maps through matplotlib

def _pt(px: float, dpi: float) -> float:
    return px * 72 / dpi


def peta_png(peta: PetaStatis, u: Ukuran, huruf: float = 14, huruf_min: float | None = None) -> bytes:
    """A map as PNG (see :func:`gambar_peta`)."""
    fig = gambar_peta(peta, u, huruf, huruf_min)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi, facecolor="white")
    return buf.getvalue()


def gambar_peta(peta: PetaStatis, u: Ukuran, huruf: float = 14, huruf_min: float | None = None) -> Figure:
    """A static map: polygons in their class colours, name and value on each, the points on top, the
    legend (classes, then points; beside the map when the box is wide, else below) and the note on
    the boundaries (approximate, their credit) along the bottom.
    ``huruf`` is the label size in CSS px; a crowded label shrinks to ``huruf_min`` (default ¾ of
    ``huruf``) at most, then keeps only its name; labels never overlap."""
    dpi = 100 * u.skala
    lebar, tinggi = u.piksel
    fig = Figure(figsize=(lebar / dpi, tinggi / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    gdf = peta.wilayah
    minx, miny, maxx, maxy = gdf.total_bounds
    kosinus = math.cos(math.radians((miny + maxy) / 2))
    catatan_px = huruf * 0.9 if huruf_min is None else max(huruf * 0.9, huruf_min)
    # the note (approximate boundaries, their credit) wraps at spaces to the picture's width
    baris_catatan = textwrap.wrap(peta.catatan, max(20, int(u.lebar / (catatan_px * 0.62)))) if peta.catatan else []
    catatan = catatan_px * (1.25 * len(baris_catatan) + 0.5) / u.tinggi if baris_catatan else 0.0
    rasio = (maxx - minx) * kosinus / max(maxy - miny, 1e-9)          # map width / height
    kanan = u.lebar / u.tinggi > rasio * 1.5                          # room for the legend beside the map
    ukuran = _pt(huruf * u.skala, dpi)
    legenda = [Patch(facecolor=w, edgecolor="#888888", label=lb) for lb, w in peta.legenda]
    legenda += [Line2D([], [], linestyle="none", marker="o", markersize=ukuran * 0.8, markerfacecolor=w,
                       markeredgecolor="white", label=lb) for lb, w in peta.legenda_titik]
    renderer = fig.canvas.get_renderer()
    if kanan:
        lebar_peta = min(0.62, rasio * (1 - catatan) * u.tinggi / u.lebar * 1.05)
        leg = fig.legend(handles=legenda, loc="center left", bbox_to_anchor=(lebar_peta + 0.04, 0.5), ncol=1,
                         frameon=False, fontsize=ukuran, handlelength=1.4, labelspacing=0.9)
        lebih = leg.get_window_extent(renderer).x1 / lebar - 0.99
        asli = lebar_peta
        if lebih > 0:                                          # long labels: the map gives way to the legend
            lebar_peta -= lebih
            leg.set_bbox_to_anchor((lebar_peta + 0.04, 0.5), transform=fig.transFigure)
        if lebar_peta < 0.8 * asli:                            # the map would shrink: the legend goes below
            leg.remove()
            kanan = False
        else:
            ax = fig.add_axes((0.01, catatan, lebar_peta, 0.99 - catatan))
    if not kanan:
        # as many columns as fit the width (every label whole), the fewer rows the better
        ncol_awal = len(legenda) if u.lebar >= 260 * len(legenda) else min(2, len(legenda))
        for ncol in dict.fromkeys((ncol_awal, 1)):
            leg = fig.legend(handles=legenda, loc="lower center", bbox_to_anchor=(0.5, catatan), ncol=ncol,
                             frameon=False, fontsize=ukuran, handlelength=1.4, columnspacing=1.6)
            if ncol == 1 or leg.get_window_extent(renderer).width <= 0.98 * lebar:
                break
            leg.remove()
        bawah = huruf * (1.9 * math.ceil(len(legenda) / ncol) + 0.6) / u.tinggi + catatan
        ax = fig.add_axes((0.01, bawah, 0.98, 0.99 - bawah))
    ax.set_axis_off()
    gdf.plot(ax=ax, color=list(gdf["warna"]), edgecolor="white", linewidth=1.5 * u.skala)
    if len(peta.titik):       # radius in CSS px as on the live map; area in pt² for matplotlib
        ax.scatter(peta.titik["lon"], peta.titik["lat"], c=list(peta.titik["warna"]),
                   s=[(2 * _pt(j * u.skala, dpi)) ** 2 for j in peta.titik["jari"]], edgecolors="white",
                   linewidths=_pt(u.skala, dpi), zorder=2)     # under the labels
    ax.set_aspect(1 / kosinus)
    pad_x, pad_y = (maxx - minx) * 0.06, (maxy - miny) * 0.02     # room for labels at the edge
    ax.set_xlim(minx - pad_x, maxx + pad_x)
    ax.set_ylim(miny - pad_y, maxy + pad_y)
    kecil = _pt((huruf * 0.75 if huruf_min is None else min(huruf_min, huruf)) * u.skala, dpi)
    _label(ax, gdf, ukuran, u.skala, kecil)
    if baris_catatan:
        fig.text(0.01 if kanan else 0.5, 0.004, "\n".join(baris_catatan), linespacing=1.25,
                 ha="left" if kanan else "center", va="bottom",
                 color=WARNA_ABU, style="italic", fontsize=_pt(catatan_px * u.skala, dpi))
    return fig


def _kandidat(geom, n: int = 9) -> list[tuple[float, float]]:
    """Points on a grid inside a polygon, where a label may go instead of its label point."""
    minx, miny, maxx, maxy = geom.bounds
    titik = [(minx + (maxx - minx) * (i + 0.5) / n, miny + (maxy - miny) * (j + 0.5) / n)
             for i in range(n) for j in range(n)]
    return [p for p in titik if geom.contains(shapely.Point(p))]


def _di_luar(kotak, bingkai) -> bool:
    return kotak.x0 < bingkai.x0 or kotak.x1 > bingkai.x1 or kotak.y0 < bingkai.y0 or kotak.y1 > bingkai.y1


def _pindah(i: int, teks: list, renderer, geom) -> bool:
    """Move label ``i`` to the nearest point in its polygon where it overlaps no other label and
    stays inside the picture."""
    t = teks[i]
    lain = [x.get_window_extent(renderer) for j, x in enumerate(teks) if j != i]
    bingkai = t.axes.bbox
    asal = t.get_position()
    for p in sorted(_kandidat(geom), key=lambda p: (p[0] - asal[0]) ** 2 + (p[1] - asal[1]) ** 2):
        t.set_position(p)
        kotak = t.get_window_extent(renderer)
        if not _di_luar(kotak, bingkai) and not any(kotak.overlaps(b) for b in lain):
            return True
    t.set_position(asal)
    return False


def _label(ax, gdf, ukuran: float, skala: float, kecil: float) -> None:
    """Name and score at each unit's label point. A label that would overlap another (the one of
    the smaller unit) or stick out of the map is moved within its unit, else wrapped (one word a
    line), else made smaller (not below ``kecil`` pt), then keeps only its name (a bare score cannot
    be matched to a place when the slide's table shows only the first rows); a label that still
    collides is left out."""
    halo = [patheffects.withStroke(linewidth=3 * skala, foreground="white")]
    teks = [ax.text(lon, lat, f"{nama}\n{skor}", ha="center", va="center", fontsize=ukuran, fontweight="bold",
                    color=TEKS, path_effects=halo, linespacing=1.1)
            for lon, lat, nama, skor in zip(gdf["lon"], gdf["lat"], gdf["nama"], gdf["nilai"])]
    luas = list(shapely.area(gdf.geometry.values))    # in degrees², only compared
    renderer = ax.figure.canvas.get_renderer()
    for _ in range(10):
        kotak = [t.get_window_extent(renderer) for t in teks]
        tabrak = sorted({j if luas[j] < luas[i] else i for i in range(len(teks)) for j in range(i + 1, len(teks))
                         if kotak[i].overlaps(kotak[j])} | {i for i, k in enumerate(kotak) if _di_luar(k, ax.bbox)})
        if not tabrak:
            return
        for i in tabrak:
            t, nama, skor = teks[i], gdf["nama"].iloc[i], gdf["nilai"].iloc[i]
            if _pindah(i, teks, renderer, gdf.geometry.iloc[i]):
                continue
            if " " in nama and t.get_text() == f"{nama}\n{skor}":
                t.set_text(f"{nama.replace(' ', chr(10))}\n{skor}")
            elif t.get_fontsize() * 0.9 >= kecil:
                t.set_fontsize(t.get_fontsize() * 0.9)
            elif t.get_text() != nama.replace(" ", "\n"):
                t.set_text(nama.replace(" ", "\n"))     # the name says where; the colour and the table say how
    for t in teks:
        if _di_luar(t.get_window_extent(renderer), ax.bbox):
            t.set_visible(False)
    while tabrak := _tabrakan(teks, renderer):
        i, j = tabrak[0]
        (teks[j] if luas[j] < luas[i] else teks[i]).set_visible(False)


def _tabrakan(teks: list, renderer) -> list[tuple[int, int]]:
    """Pairs of visible labels whose boxes overlap."""
    kotak = [t.get_window_extent(renderer) if t.get_visible() else None for t in teks]
    return [(i, j) for i in range(len(teks)) for j in range(i + 1, len(teks))
            if kotak[i] is not None and kotak[j] is not None and kotak[i].overlaps(kotak[j])]
