"""Insiden & Permasalahan page: key figures, the incident map, the daily timeline, the status
workflow, overdue follow-ups with their PIC, and the incident table.

Pure view builders: query results in, display tables / plotly figures / pydeck decks /
sentences out. Every number and date shown is formatted here (server side). Free text from the
data (summaries, follow-up actions, PIC) only ends up in table cells and in pydeck ``text``
tooltips, which the browser shows as text; names that reach plotly (categories) are escaped,
because plotly reads a few HTML tags in its labels.

Two kinds of figures: the *window* figures count incidents first reported in the chosen time
window (24 jam / 7 hari / sejak awal, ending at the as-of moment); the *state* figures (open,
open and serious, overdue) describe the as-of date whatever the window, so an old incident that
is still open and overdue never drops out of sight.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from siaga.akses import RINCIAN
from siaga.inti import fmt
from siaga.inti.kontrak import KELOMPOK_KATEGORI, LABEL_KEPARAHAN, STATUS_INSIDEN, SUMBER_INSIDEN
from siaga.masuk.geo import Batas, geojson
from siaga.model import grafik, tugas
from siaga.model.komponen import Angka, Q, Tabel
from siaga.model.konteks import Konteks

LABEL_STATUS_INSIDEN = dict(STATUS_INSIDEN)                 # workflow order
LABEL_SUMBER_INSIDEN = dict(SUMBER_INSIDEN)
LABEL_KELOMPOK = dict(KELOMPOK_KATEGORI)
HARI_TEMPO = 2                                # "due soon": due within this many days
JUDUL_JENDELA = {"1jam": "1 jam terakhir", "6jam": "6 jam terakhir", "24jam": "24 jam terakhir",
                 "7hari": "7 hari terakhir", "semua": "sejak awal"}
FRASA_JENDELA = {"1jam": "dalam 1 jam terakhir", "6jam": "dalam 6 jam terakhir", "24jam": "dalam 24 jam terakhir",
                 "7hari": "dalam 7 hari terakhir", "semua": "sejak awal"}

# Map: points by severity (grafik.WARNA_KEPARAHAN, drawn from least to most severe, so serious
# ones sit on top), modest pixel radii; areas shaded on a grey sequential scale (colour-blind
# safe, ColorBrewer Greys) so the severity colours of the points stay the only colours.
URUTAN_KEPARAHAN = ["rendah", "sedang", "tinggi"]
JARI_JARI = {"rendah": 4.5, "sedang": 5.5, "tinggi": 7}
WARNA_NOL = "#ffffff"
SKALA_ABU = ["#e0e0e0", "#bdbdbd", "#969696", "#737373"]
ALFA_WILAYAH = 215
PANJANG_TOOLTIP = 90
TINGGI_LEGENDA = 60
LEGENDA_X0, LEGENDA_LANGKAH = 43, 11        # legend: where the items start, spacing (x axis 0..100)
# Timeline: at most this many categories get their own colour, the rest are "Kategori lain".
MAKS_KATEGORI = 6
WARNA_LAIN = grafik.PALET[6]
WARNA_TENANG = "#b4b4b4"
LEBAR_BATANG = 0.8 * 86_400_000              # a day's bar, in ms (plotly cannot infer it from one bar)
# Status bars: open steps and the closed step.
WARNA_STATUS = {"dilaporkan": "#0077BB", "diverifikasi": "#0077BB", "ditangani": "#0077BB", "selesai": "#009988"}


def _rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def _teks(x) -> str | None:
    """A text cell, or None when missing (NaN/None/empty)."""
    if fmt.hilang(x) or (isinstance(x, str) and not x.strip()):
        return None
    return str(x)


def _pendekkan(teks: str, n: int = PANJANG_TOOLTIP) -> str:
    teks = " ".join(teks.split())
    return teks if len(teks) <= n else teks[: n - 1].rstrip() + "…"


def _baris(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts (much faster than ``DataFrame.to_dict("records")`` on every rerun)."""
    kolom = list(df.columns)
    return [dict(zip(kolom, nilai)) for nilai in zip(*(df[k].tolist() for k in kolom))]


# Formatting with babel costs ~0.1 ms a value; the same moments recur on every rerun.
@functools.lru_cache(maxsize=16384)
def _waktu(t, zona: str) -> str:
    return fmt.waktu_pendek(t, zona)


@functools.lru_cache(maxsize=16384)
def _waktu_singkat(t, zona: str) -> str:
    """``24 Nov 12.18 WIB`` (no year: for tables of recent items)."""
    return f"{fmt.bulan_pendek(t)} {fmt.jam(t, zona)}"


@functools.lru_cache(maxsize=4096)
def _tanggal(d, pendek: bool = True) -> str:
    return fmt.tanggal(d, pendek=pendek)


@functools.lru_cache(maxsize=4096)
def _angka(x) -> str:
    return fmt.angka(x)


# ------------------------------------------------------------------ sentences and key figures

def kalimat_jendela(jendela: str, mulai: dt.datetime | None, saat: dt.datetime, awal: dt.date, zona: str) -> str:
    """What the window covers: ``Jendela waktu: 24 jam terakhir, 25 Nov 2024 10.00 – 26 Nov 2024 10.00 WITA.``"""
    akhir = fmt.waktu_pendek(saat, zona)
    if mulai is None:
        return f"Jendela waktu: sejak awal data ({fmt.tanggal(awal, pendek=True)}) sampai {akhir}."
    dari = fmt.waktu_pendek(mulai, zona).removesuffix(" " + zona)
    return f"Jendela waktu: {JUDUL_JENDELA[jendela]}, {dari} – {akhir}."


def metrik(r, jendela: str) -> tuple[Angka, ...]:
    """The five key figures (value and definition)."""
    j = JUDUL_JENDELA[jendela]
    return (
        Angka(f"Dilaporkan ({j})", fmt.angka(r["dilaporkan"]),
              bantuan="Insiden yang pertama kali dilaporkan dalam jendela waktu"),
        Angka("Masih terbuka", fmt.angka(r["terbuka"]),
              bantuan="Insiden yang belum selesai ditangani per tanggal data, kapan pun dilaporkan"),
        Angka("Terbuka, keparahan tinggi", fmt.angka(r["terbuka_tinggi"]),
              bantuan="Insiden berkeparahan tinggi yang belum selesai ditangani"),
        Angka("Tindak lanjut terlambat", fmt.angka(r["terlambat"]),
              bantuan="Insiden terbuka yang sudah melewati batas waktu tindak lanjutnya"),
        Angka(f"Selesai ({j})", fmt.angka(r["selesai"]),
              bantuan="Insiden yang dinyatakan selesai dalam jendela waktu, kapan pun dilaporkan"),
    )


def kalimat_keadaan(r, data_per: str) -> str:
    """The caption under the key figures: what the state figures mean, what is due soon."""
    tempo = int(r["jatuh_tempo"])
    lagi = (f"{fmt.angka(tempo)} tindak lanjut lagi jatuh tempo dalam {HARI_TEMPO} hari."
            if tempo else f"Tidak ada tindak lanjut lain yang jatuh tempo dalam {HARI_TEMPO} hari.")
    return (f"Terbuka, keparahan tinggi dan terlambat: keadaan per {data_per}, kapan pun insiden "
            f"dilaporkan. {lagi}")


def kosong_jendela(lingkup: str, jendela: str, tanggal: dt.date) -> str:
    """``Tidak ada insiden di Kecamatan Alpha dalam 24 jam terakhir.``"""
    if jendela == "semua":
        return f"Tidak ada insiden di {lingkup} sampai {fmt.tanggal(tanggal)}."
    return f"Tidak ada insiden di {lingkup} {FRASA_JENDELA[jendela]}."


def kosong_belum_ada(lingkup: str, tanggal: dt.date, awal: dt.date) -> str:
    """No incident at all up to the date (before any data, or none reported yet)."""
    teks = f"Belum ada insiden tercatat di {lingkup} sampai {fmt.tanggal(tanggal)}"
    return teks + (f"; data pertama tercatat {fmt.tanggal(awal)}." if tanggal < awal else ".")


def kosong_tindak_lanjut(lingkup: str) -> str:
    return (f"Tidak ada tindak lanjut insiden di {lingkup} yang terlambat atau jatuh tempo dalam "
            f"{HARI_TEMPO} hari.")


def rentang_harian(mulai: dt.datetime | None, awal_data: dt.date, saat: dt.datetime) -> tuple[dt.date, dt.date]:
    """Days the timeline spans: the window's days, or the whole data period for *sejak awal*.
    A window starting at the last second of a day (23.59.59, as of a past date) starts the next day."""
    if mulai is None:
        return min(awal_data, saat.date()), saat.date()
    return (mulai + dt.timedelta(seconds=1)).date(), saat.date()


# ------------------------------------------------------------------ map

def kelas_jumlah(maks: int) -> list[tuple[int, int, str]]:
    """Equal-interval classes (lower, upper, colour) for counts 1..maks, at most four; the
    most incidents always get the darkest grey. Zero has its own colour (:data:`WARNA_NOL`)."""
    maks = int(maks)
    if maks <= 0:
        return []
    n = min(len(SKALA_ABU), maks)
    tepi = [math.floor(maks * i / n + 0.5) for i in range(n + 1)]
    warna = SKALA_ABU[len(SKALA_ABU) - n:]
    return [(tepi[i] + 1, tepi[i + 1], warna[i]) for i in range(n)]


def _label_kelas(lo: int, hi: int) -> str:
    return fmt.angka(lo) if lo == hi else f"{fmt.angka(lo)}–{fmt.angka(hi)}"


def warna_jumlah(n: int, kelas: list[tuple[int, int, str]]) -> str:
    for lo, hi, w in kelas:
        if lo <= n <= hi:
            return w
    return WARNA_NOL


def _tempat(r: dict) -> str:
    """``Kel. Satu, Kec. Alpha`` (``, TPS 1`` when at a TPS)."""
    kel = _teks(r.get("nama_kelurahan"))
    teks = f"Kel. {kel}, Kec. {r['nama_kecamatan']}" if kel else f"Kec. {r['nama_kecamatan']}"
    if not fmt.hilang(r.get("nomor_tps")):
        teks += f", TPS {_angka(r['nomor_tps'])}"
    return teks


def titik(daftar: pd.DataFrame, zona: str) -> dict[str, list[dict]]:
    """Map points of the incidents that have a position, per severity: lon, lat and the tooltip."""
    kolom = ["id_insiden", "waktu_lapor", "nama_kecamatan", "nama_kelurahan", "nomor_tps", "lat", "lon", "lokasi_tps",
             "nama_kategori", "keparahan", "status", "ringkasan", "terlambat", "hari_terlambat"]
    ada = daftar.loc[daftar["lat"].notna() & daftar["lon"].notna(), kolom].sort_values("waktu_lapor", kind="stable")
    out: dict[str, list[dict]] = {k: [] for k in URUTAN_KEPARAHAN}
    for r in _baris(ada):
        tempat = _tempat(r) + (" (titik TPS)" if r["lokasi_tps"] else "")
        status = LABEL_STATUS_INSIDEN.get(r["status"], r["status"])
        if r["terlambat"]:
            status += f", tindak lanjut lewat batas waktu {_angka(r['hari_terlambat'])} hari"
        baris = [
            f"{r['id_insiden']} · {r['nama_kategori']}",
            f"Keparahan {LABEL_KEPARAHAN.get(r['keparahan'], r['keparahan']).lower()} · {status}",
            f"Dilaporkan {_waktu(r['waktu_lapor'], zona)}",
            tempat,
            _pendekkan(str(r["ringkasan"])),
        ]
        out.setdefault(r["keparahan"], []).append(
            {"lon": round(float(r["lon"]), 5), "lat": round(float(r["lat"]), 5),
             "keterangan": "\n".join(b for b in baris if b)})
    return out


TEKS_BEBAS = ("ringkasan", "tindak_lanjut", "pic")


def tanpa_teks_bebas(daftar: pd.DataFrame) -> pd.DataFrame:
    """The incidents without their free text (summary, follow-up, PIC), for roles that see
    aggregates only: the map then shows where, when, what category and how serious."""
    return daftar.assign(**{c: "" for c in TEKS_BEBAS if c in daftar.columns})


def kalimat_peta(daftar: pd.DataFrame, tingkat: str = "kecamatan") -> str:
    """How many incidents are (not) on the map as points, how many are placed at their TPS, and
    (when kelurahan are shaded) how many have no kelurahan and so count in no area's colour."""
    n = len(daftar)
    if n == 0:
        return ""
    ada = int((daftar["lat"].notna() & daftar["lon"].notna()).sum())
    tps = int(daftar["lokasi_tps"].fillna(False).astype(bool).sum())
    if ada == 0:
        teks = f"Tidak satu pun dari {fmt.angka(n)} insiden punya koordinat, sehingga tidak ada titik di peta."
    else:
        teks = f"{fmt.angka(ada)} dari {fmt.angka(n)} insiden tampil sebagai titik"
        if tps:
            teks += f" ({fmt.angka(tps)} di titik TPS-nya karena tanpa koordinat sendiri)"
        teks += "."
        if ada < n:
            teks += (f" {fmt.angka(n - ada)} insiden tanpa koordinat tidak tampil sebagai titik, tetapi terhitung "
                     f"pada warna {tingkat}.")
    if tingkat == "kelurahan":
        tanpa = int(daftar["kode_kelurahan"].isna().sum())
        if tanpa:
            teks += f" {fmt.angka(tanpa)} insiden tanpa kelurahan tidak terhitung pada warna kelurahan."
    return teks


_GEOMETRI: dict[int, tuple[Batas, dict[str, dict]]] = {}


def _geometri(batas: Batas) -> dict[str, dict]:
    """GeoJSON geometry per code, converted once per loaded boundary set (not on every rerun)."""
    hit = _GEOMETRI.get(id(batas))
    if hit is None or hit[0] is not batas:
        fitur = geojson(batas, pd.DataFrame({"kode": batas.gdf["kode"]}))["features"]
        hit = (batas, {f["properties"]["kode"]: f["geometry"] for f in fitur})
        _GEOMETRI.clear()                     # only the current data version's boundaries are kept
        _GEOMETRI[id(batas)] = hit
    return hit[1]


def peta(batas: Batas | None, wilayah: pd.DataFrame, daftar: pd.DataFrame, jendela: str, zona: str,
         pilih: str | None = None) -> pdk.Deck | None:
    """Areas shaded by incidents reported in the window (labels: name and count) with the
    incident points on top. ``wilayah`` is the ``insiden_wilayah`` result (kecamatan of the
    region, or kelurahan of one kecamatan); ``pilih`` outlines one area and dims the others.
    None when there is nothing to draw (no boundaries and no points)."""
    frasa = FRASA_JENDELA[jendela]
    kelas = kelas_jumlah(int(wilayah["jumlah"].max()) if len(wilayah) else 0)
    layers = []
    bounds = None
    label_layer = None
    if batas is not None and len(wilayah):
        rows = _baris(wilayah)
        props = pd.DataFrame({
            "kode": wilayah["kode"],
            "keterangan": [
                f"{'Kec.' if r['tingkat'] == 'kecamatan' else 'Kel.'} {r['nama']}\n"
                f"{fmt.angka(r['jumlah'])} insiden dilaporkan {frasa}"
                + (f" ({fmt.angka(r['tinggi'])} keparahan tinggi)" if r["tinggi"] else "")
                + f"\n{fmt.angka(r['terbuka'])} insiden masih terbuka" for r in rows],
            "warna": [_rgb(warna_jumlah(int(r["jumlah"]), kelas), ALFA_WILAYAH if pilih in (None, r["kode"]) else 110)
                      for r in rows],
            "garis": [[20, 20, 20, 255] if r["kode"] == pilih else [120, 120, 120, 255] for r in rows],
            "tebal": [3 if r["kode"] == pilih else 1 for r in rows],
        })
        geometri = _geometri(batas)
        data = {"type": "FeatureCollection",
                "features": [{"type": "Feature", "geometry": geometri[p["kode"]], "properties": p}
                             for p in _baris(props) if p["kode"] in geometri]}
        if data["features"]:
            sub = batas.gdf[batas.gdf["kode"].isin(set(wilayah["kode"]))]
            bounds = tuple(float(x) for x in sub.total_bounds)
            layers.append(pdk.Layer(
                "GeoJsonLayer", data, id="insiden-wilayah", pickable=True, stroked=True, filled=True,
                get_fill_color="properties.warna", get_line_color="properties.garis",
                get_line_width="properties.tebal", line_width_units="'pixels'"))
            labels = [{"posisi": [r["lon"], r["lat"]], "teks": f"{r['nama']}\n{fmt.angka(r['jumlah'])}"}
                      for r in rows if not fmt.hilang(r["lat"])]
            label_layer = grafik.lapisan_label(labels, "label-wilayah", character_set="'auto'")
    pts = titik(daftar, zona)
    for keparahan, data in pts.items():         # least severe first: serious points drawn on top
        if data:
            layers.append(pdk.Layer(
                "ScatterplotLayer", data, id=f"insiden-{keparahan}", pickable=True, stroked=True, filled=True,
                get_position=["lon", "lat"], get_fill_color=_rgb(grafik.WARNA_KEPARAHAN.get(keparahan, "#777777")),
                get_radius=JARI_JARI.get(keparahan, 5), radius_units="'pixels'",
                get_line_color=[255, 255, 255, 255], line_width_min_pixels=1))
    semua = [p for data in pts.values() for p in data]
    if semua and bounds is None:             # no boundaries: fit the points
        lon = [p["lon"] for p in semua]
        lat = [p["lat"] for p in semua]
        pad = 0.005
        bounds = (min(lon) - pad, min(lat) - pad, max(lon) + pad, max(lat) + pad)
    if label_layer is not None:
        layers.append(label_layer)             # names and counts stay readable above the points
    if not layers:
        return None
    return grafik.deck(layers, bounds, tooltip={"text": "{keterangan}"})


def legenda_peta(wilayah: pd.DataFrame, tingkat: str) -> go.Figure:
    """A fixed two-row legend for the map, drawn as markers with labels (no hover, no clicks):
    the severity colours of the points, and the grey classes of the areas."""
    kelas = kelas_jumlah(int(wilayah["jumlah"].max()) if len(wilayah) else 0)
    baris = [
        ("Keparahan insiden (titik):", "circle",
         [(LABEL_KEPARAHAN[k], grafik.WARNA_KEPARAHAN[k]) for k in reversed(URUTAN_KEPARAHAN)]),
        (f"Insiden per {tingkat} (warna wilayah):", "square",
         [("0", WARNA_NOL)] + [(_label_kelas(lo, hi), w) for lo, hi, w in kelas]),
    ]
    data, notes = [], []
    for i, (judul, simbol, isi) in enumerate(baris):
        y = 1 - i
        notes.append({"x": 0, "y": y, "xref": "x", "yref": "y", "text": judul, "showarrow": False,
                      "xanchor": "left", "font": {"size": 13, "color": "#31333f"}})
        data.append({"type": "scatter", "mode": "markers+text", "hoverinfo": "skip",
                     "x": [LEGENDA_X0 + j * LEGENDA_LANGKAH for j in range(len(isi))], "y": [y] * len(isi),
                     "text": [nama for nama, _ in isi], "textposition": "middle right",
                     "textfont": {"size": 13, "color": "#31333f"},
                     "marker": {"symbol": simbol, "size": 13 if simbol == "square" else 11,
                                "color": [w for _, w in isi],
                                "line": {"color": "#787878" if simbol == "square" else "#ffffff", "width": 1}}})
    return grafik.figur(data, {"margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "hovermode": False, "dragmode": False,
                         "annotations": notes,
                         "xaxis": {"visible": False, "range": [0, 100], "fixedrange": True},
                         "yaxis": {"visible": False, "range": [-0.6, 1.6], "fixedrange": True}},
                  tinggi=TINGGI_LEGENDA, legenda=False)


# ------------------------------------------------------------------ timeline

def _masa_tenang(tahapan: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The quiet period from the official schedule (the stage whose name says *tenang*)."""
    if tahapan is None or tahapan.empty:
        return None
    rows = tahapan[tahapan["tahapan"].str.contains("tenang", case=False, na=False)]
    if rows.empty:
        return None
    return pd.Timestamp(rows["mulai"].min()).date(), pd.Timestamp(rows["selesai"].max()).date()


def grafik_harian(harian: pd.DataFrame, awal: dt.date, akhir: dt.date, tahapan: pd.DataFrame | None,
                  hari_h: dt.date) -> go.Figure:
    """Stacked bars of incidents first reported per day, by category, from ``awal`` to ``akhir``;
    the quiet period shaded and voting day marked when they fall in that range. The
    ``MAKS_KATEGORI`` categories with most incidents get a colour, the others share grey."""
    jumlah = harian.groupby("nama_kategori")["jumlah"].sum().sort_values(ascending=False, kind="stable")
    utama = list(jumlah.index[:MAKS_KATEGORI])
    lain = [c for c in jumlah.index if c not in utama]
    seri = [(c, {c}, grafik.PALET[i]) for i, c in enumerate(utama)]
    if lain:
        seri.append((f"Kategori lain ({fmt.angka(len(lain))})", set(lain), WARNA_LAIN))
    rows = _baris(harian)
    data = []
    for nama, anggota, warna in seri:
        per_hari: dict = {}
        for r in rows:
            if r["nama_kategori"] in anggota:
                n, rinci = per_hari.get(r["hari"], (0, []))
                rinci.append(f"{html.escape(str(r['nama_kategori']))}: {_angka(r['jumlah'])} insiden")
                per_hari[r["hari"]] = (n + int(r["jumlah"]), rinci)
        hari = sorted(per_hari)
        data.append({
            "type": "bar", "name": html.escape(nama), "marker": {"color": warna}, "width": LEBAR_BATANG,
            "x": [pd.Timestamp(h).strftime("%Y-%m-%d") for h in hari], "y": [per_hari[h][0] for h in hari],
            "customdata": [[_tanggal(pd.Timestamp(h).date(), False), "<br>".join(per_hari[h][1])] for h in hari],
            "hovertemplate": "%{customdata[0]}<br>%{customdata[1]}<extra></extra>"})
    x0, x1 = pd.Timestamp(awal) - pd.Timedelta(hours=12), pd.Timestamp(akhir) + pd.Timedelta(hours=12)
    total: dict = {}
    for r in rows:
        total[r["hari"]] = total.get(r["hari"], 0) + int(r["jumlah"])
    maks = max(total.values(), default=0)
    yaxis = {"title": {"text": "Insiden dilaporkan"}, "rangemode": "tozero", "range": [0, max(maks, 1) * 1.15],
             "tickformat": ",~r"}
    if maks <= 8:
        yaxis.update(tick0=0, dtick=1)
    shapes = []
    tenang = _masa_tenang(tahapan)
    if tenang and tenang[1] >= awal and tenang[0] <= akhir:
        a = max(pd.Timestamp(tenang[0]) - pd.Timedelta(hours=12), x0)
        b = min(pd.Timestamp(tenang[1]) + pd.Timedelta(hours=12), x1)
        shapes.append({"type": "rect", "x0": a.isoformat(), "x1": b.isoformat(), "y0": 0, "y1": 1, "yref": "paper",
                       "layer": "below", "line": {"width": 0}, "fillcolor": WARNA_TENANG, "opacity": 0.35})
        # the marks are explained in the legend (annotations collide with bars and the plot edge)
        data.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": "Masa tenang",
                     "hoverinfo": "skip", "marker": {"symbol": "square", "size": 14, "color": WARNA_TENANG,
                                                     "opacity": 0.35}})
    if awal <= hari_h <= akhir:
        h = pd.Timestamp(hari_h).isoformat()
        shapes.append({"type": "line", "x0": h, "x1": h, "y0": 0, "y1": 1, "yref": "paper", "layer": "below",
                       "line": {"color": "#333333", "width": 1.5, "dash": "dash"}})
        data.append({"type": "scatter", "x": [None], "y": [None], "mode": "lines", "name": "Hari H (pemungutan suara)",
                     "hoverinfo": "skip", "line": {"color": "#333333", "width": 1.5, "dash": "dash"}})
    return grafik.figur(data, {"barmode": "stack", "legend": {"traceorder": "normal"},
                               "xaxis": {"type": "date", "range": [x0.isoformat(), x1.isoformat()],
                                         **grafik.tik_tanggal(pd.date_range(awal, akhir, freq="D").date, maks=10)},
                               "yaxis": yaxis, "shapes": shapes}, tinggi=400)


def grafik_kategori(harian: pd.DataFrame, maks: int = MAKS_KATEGORI) -> go.Figure:
    """Horizontal bars of the incidents of the window per category (from ``insiden_harian``),
    most first; beyond ``maks`` categories the rest share one *Kategori lain* bar."""
    jumlah = harian.groupby("nama_kategori")["jumlah"].sum().sort_values(ascending=False, kind="stable")
    nama = [html.escape(str(c)) for c in jumlah.index[:maks]]
    nilai = [int(v) for v in jumlah.iloc[:maks]]
    warna = [grafik.PALET[0]] * len(nilai)
    if len(jumlah) > maks:
        nama.append(f"Kategori lain ({fmt.angka(len(jumlah) - maks)})")
        nilai.append(int(jumlah.iloc[maks:].sum()))
        warna.append(WARNA_LAIN)
    teks = [_angka(v) for v in nilai]
    data = [{"type": "bar", "orientation": "h", "y": nama, "x": nilai, "text": teks, "textposition": "outside",
             "cliponaxis": False, "marker": {"color": warna}, "customdata": teks,
             "hovertemplate": "%{y}: %{customdata} insiden<extra></extra>"}]
    return grafik.figur(data, {"margin": {"l": 8, "r": 24, "t": 8, "b": 8}, "bargap": 0.35,
                         "yaxis": {"autorange": "reversed", "automargin": True, "gridcolor": "rgba(0,0,0,0)",
                                   "ticksuffix": "  "},
                         "xaxis": {"rangemode": "tozero", "range": [0, max([*nilai, 1]) * 1.2],
                                   "showticklabels": False}},
                  tinggi=90 + 40 * max(len(nilai), 1), legenda=False)


# ------------------------------------------------------------------ status and follow-ups

def grafik_status(status: pd.DataFrame) -> go.Figure:
    """Incidents of the window by their current status, in workflow order (horizontal bars)."""
    rows = _baris(status)
    teks = [fmt.angka(r["jumlah"]) + (f" ({fmt.angka(r['terlambat'])} terlambat)" if r["terlambat"] else "")
            for r in rows]
    maks = max((int(r["jumlah"]) for r in rows), default=0)
    data = [{"type": "bar", "orientation": "h", "y": [LABEL_STATUS_INSIDEN.get(r["status"], r["status"]) for r in rows],
             "x": [int(r["jumlah"]) for r in rows], "text": teks, "textposition": "outside", "cliponaxis": False,
             "marker": {"color": [WARNA_STATUS.get(r["status"], grafik.PALET[0]) for r in rows]},
             "customdata": teks, "hovertemplate": "%{y}: %{customdata}<extra></extra>"}]
    return grafik.figur(data, {"margin": {"l": 8, "r": 24, "t": 8, "b": 8},
                         "yaxis": {"autorange": "reversed", "gridcolor": "rgba(0,0,0,0)"},
                         "xaxis": {"rangemode": "tozero", "range": [0, max(maks, 1) * 1.45], "showticklabels": False}},
                  tinggi=250, legenda=False)


def _lama(mulai: pd.Timestamp, saat: dt.datetime) -> str:
    """``3 hari lalu`` / ``5 jam lalu`` / ``kurang dari 1 jam lalu``."""
    detik = (pd.Timestamp(saat) - pd.Timestamp(mulai)).total_seconds()
    if detik >= 86400:
        return f"{fmt.angka(detik // 86400)} hari lalu"
    if detik >= 3600:
        return f"{fmt.angka(detik // 3600)} jam lalu"
    return "kurang dari 1 jam lalu"


def keterlambatan(hari) -> str:
    """``lewat 2 hari`` / ``jatuh tempo hari ini`` / ``sisa 1 hari`` / ``–``."""
    if fmt.hilang(hari):
        return fmt.KOSONG
    hari = int(hari)
    if hari > 0:
        return f"lewat {fmt.angka(hari)} hari"
    if hari == 0:
        return "jatuh tempo hari ini"
    return f"sisa {fmt.angka(-hari)} hari"


def tabel_tindak_lanjut(df: pd.DataFrame, saat: dt.datetime, zona: str) -> pd.DataFrame:
    """Overdue (and soon due) follow-ups, most overdue first, as display strings: how late,
    what, where, who follows up and what was done last."""
    rows = _baris(df)
    return pd.DataFrame({
        "Batas waktu": [f"{_tanggal(r['batas_waktu'])} · {keterlambatan(r['hari_terlambat'])}" for r in rows],
        "No.": [r["id_insiden"] for r in rows],
        "Kategori": [r["nama_kategori"] for r in rows],
        "Keparahan": [LABEL_KEPARAHAN.get(r["keparahan"], r["keparahan"]) for r in rows],
        "Tempat": [_tempat(r) for r in rows],
        "PIC": [_teks(r["pic"]) or fmt.KOSONG for r in rows],
        "Status": [LABEL_STATUS_INSIDEN.get(r["status"], r["status"]) for r in rows],
        "Dilaporkan": [f"{_lama(r['waktu_lapor'], saat)} ({_waktu_singkat(r['waktu_lapor'], zona)})" for r in rows],
        "Tindak lanjut terakhir": [_teks(r["tindak_lanjut"]) or "belum ada" for r in rows],
    }, columns=["Batas waktu", "No.", "Kategori", "Keparahan", "Tempat", "PIC", "Status", "Dilaporkan",
                "Tindak lanjut terakhir"])




def unduh_tindak_lanjut(df: pd.DataFrame) -> pd.DataFrame:
    """Export of the follow-up table: raw values, Indonesian column names."""
    return pd.DataFrame({
        "Nomor insiden": df["id_insiden"],
        "Hari lewat batas waktu": df["hari_terlambat"],
        "Waktu lapor": df["waktu_lapor"],
        "Pembaruan terakhir": df["waktu"],
        "Kode kecamatan": df["kode_kecamatan"],
        "Kecamatan": df["nama_kecamatan"],
        "Kode kelurahan": df["kode_kelurahan"],
        "Kelurahan": df["nama_kelurahan"],
        "Nomor TPS": df["nomor_tps"],
        "Kategori": df["nama_kategori"],
        "Keparahan": df["keparahan"].map(LABEL_KEPARAHAN),
        "Status": df["status"].map(LABEL_STATUS_INSIDEN),
        "PIC": df["pic"],
        "Batas waktu": df["batas_waktu"],
        "Tindak lanjut terakhir": df["tindak_lanjut"],
    })


# ------------------------------------------------------------------ incident table

def tabel_insiden(df: pd.DataFrame, zona: str) -> pd.DataFrame:
    """Every incident of the window, newest first, as display strings (free text stays text)."""
    rows = _baris(df)

    def batas(r):
        teks = _tanggal(r["batas_waktu"])
        if r["terlambat"]:
            teks += f" · lewat {_angka(r['hari_terlambat'])} hari"
        return teks

    return pd.DataFrame({
        "Dilaporkan": [_waktu(r["waktu_lapor"], zona) for r in rows],
        "No.": [r["id_insiden"] for r in rows],
        "Kecamatan": [r["nama_kecamatan"] for r in rows],
        "Kelurahan": [_teks(r["nama_kelurahan"]) or fmt.KOSONG for r in rows],
        "TPS": [fmt.KOSONG if fmt.hilang(r["nomor_tps"]) else f"TPS {_angka(r['nomor_tps'])}" for r in rows],
        "Kategori": [r["nama_kategori"] for r in rows],
        "Keparahan": [LABEL_KEPARAHAN.get(r["keparahan"], r["keparahan"]) for r in rows],
        "Status": [LABEL_STATUS_INSIDEN.get(r["status"], r["status"]) for r in rows],
        "Sumber": [LABEL_SUMBER_INSIDEN.get(r["sumber"], r["sumber"]) for r in rows],
        "Ringkasan": [r["ringkasan"] for r in rows],
        "Tindak lanjut": [_teks(r["tindak_lanjut"]) or fmt.KOSONG for r in rows],
        "PIC": [_teks(r["pic"]) or fmt.KOSONG for r in rows],
        "Batas waktu": [batas(r) for r in rows],
    }, columns=["Dilaporkan", "No.", "Kecamatan", "Kelurahan", "TPS", "Kategori", "Keparahan", "Status", "Sumber",
                "Ringkasan", "Tindak lanjut", "PIC", "Batas waktu"])




def unduh_insiden(df: pd.DataFrame) -> pd.DataFrame:
    """Export of the incident table: raw values (times, codes, coordinates), Indonesian names."""
    ya = {True: "ya", False: "tidak"}
    return pd.DataFrame({
        "Nomor insiden": df["id_insiden"],
        "Waktu lapor": df["waktu_lapor"],
        "Waktu kejadian": df["waktu_kejadian"],
        "Pembaruan terakhir": df["waktu"],
        "Waktu selesai": df["waktu_selesai"],
        "Kode kecamatan": df["kode_kecamatan"],
        "Kecamatan": df["nama_kecamatan"],
        "Kode kelurahan": df["kode_kelurahan"],
        "Kelurahan": df["nama_kelurahan"],
        "Kode TPS": df["kode_tps"],
        "Lintang": df["lat"],
        "Bujur": df["lon"],
        "Koordinat dari TPS": df["lokasi_tps"].map(ya),
        "Kategori": df["nama_kategori"],
        "Kelompok": df["kelompok"].map(LABEL_KELOMPOK),
        "Keparahan": df["keparahan"].map(LABEL_KEPARAHAN),
        "Status": df["status"].map(LABEL_STATUS_INSIDEN),
        "Sumber": df["sumber"].map(LABEL_SUMBER_INSIDEN),
        "Ringkasan": df["ringkasan"],
        "Tindak lanjut": df["tindak_lanjut"],
        "PIC": df["pic"],
        "Batas waktu": df["batas_waktu"],
        "Terlambat": df["terlambat"].map(ya),
    })


# ------------------------------------------------------------------ the screen

@dataclass(frozen=True)
class HalamanInsiden:
    """Everything the Insiden screen shows for one view (time window included), built once.
    Without row-level access (:data:`siaga.akses.RINCIAN`) the map carries no free text and the
    tables are left out: their counts stay."""
    kalimat_jendela: str
    angka: tuple[Angka, ...]
    kalimat_keadaan: str
    belum_ada: str | None                       # nothing at all reported up to the date
    kosong_jendela: str | None                  # nothing reported in the window
    tingkat: str                                # what the map shades: kecamatan or kelurahan
    peta: pdk.Deck | None = None
    legenda_peta: go.Figure | None = None
    kalimat_peta: str = ""
    grafik_harian: go.Figure | None = None
    grafik_kategori: go.Figure | None = None
    grafik_status: go.Figure | None = None
    jumlah_tindak: int = 0                      # open follow-ups overdue or due soon
    kosong_tindak: str = ""
    tindak: pd.DataFrame | None = None          # their table (row-level access only)
    ekspor_tindak: pd.DataFrame | None = None
    terlambat: Tabel | None = None              # the overdue ones (slide)
    jumlah_daftar: int = 0                      # incidents reported in the window
    daftar: pd.DataFrame | None = None          # their table (row-level access only)
    ekspor_daftar: pd.DataFrame | None = None


def _insiden_bertaut(q: Q, k: Konteks, daftar: pd.DataFrame) -> pd.DataFrame:
    """The incident table with each incident's task, the shortages at a logistics incident's place
    and a "Buat tugas" link."""
    kurang = None
    if daftar["kelompok"].eq("logistik").any():
        kurang = q("logistik_kekurangan", tanggal=k.tanggal, kecamatan=k.kecamatan)
    return tugas.tautkan_insiden(tabel_insiden(daftar, k.wilayah.zona_waktu), daftar,
                                 tugas.tugas_asal(q, k, "insiden"), kurang)


def susun(q: Q, k: Konteks) -> HalamanInsiden:
    """Run the screen's queries through ``q`` and build every figure, table and sentence."""
    zona = k.wilayah.zona_waktu
    lingkup = {"tanggal": k.tanggal, "kecamatan": k.kecamatan, "kelurahan": k.kelurahan}
    jendela = {**lingkup, "mulai": k.mulai_jendela}
    rincian = k.akses.boleh(RINCIAN)
    ringkas = q("insiden_ringkas", **jendela, hari_tempo=HARI_TEMPO).iloc[0]
    tingkat = "kelurahan" if k.kecamatan else "kecamatan"
    dasar = {"kalimat_jendela": kalimat_jendela(k.jendela, k.mulai_jendela, k.saat, k.tanggal_awal, zona),
             "angka": metrik(ringkas, k.jendela), "kalimat_keadaan": kalimat_keadaan(ringkas, k.data_per),
             "tingkat": tingkat}
    if ringkas["seluruhnya"] == 0:
        return HalamanInsiden(**dasar, belum_ada=kosong_belum_ada(k.nama_lingkup, k.tanggal, k.tanggal_awal),
                              kosong_jendela=None)
    daftar = q("insiden_daftar", **jendela)
    tindak = q("insiden_tindak_lanjut", **lingkup, hari_tempo=HARI_TEMPO)
    lewat = tindak[tindak["terlambat"].astype(bool)]
    tabel_lewat = tabel_tindak_lanjut(lewat, k.saat, zona)
    isi: dict = {
        "jumlah_tindak": len(tindak), "kosong_tindak": kosong_tindak_lanjut(k.nama_lingkup),
        "tindak": tabel_tindak_lanjut(tindak, k.saat, zona) if rincian and len(tindak) else None,
        "ekspor_tindak": unduh_tindak_lanjut(tindak) if rincian and len(tindak) else None,
        "terlambat": Tabel.dari(tabel_lewat, ["Batas waktu", "No.", "Kategori", "Tempat", "PIC"], satuan="insiden",
                                ringkas=("Batas waktu", "Kategori", "Tempat")) if len(tabel_lewat) else None,
        "jumlah_daftar": len(daftar),
    }
    if daftar.empty:
        return HalamanInsiden(**dasar, belum_ada=None, kosong_jendela=kosong_jendela(k.nama_lingkup, k.jendela,
                                                                                       k.tanggal), **isi)
    wilayah = q("insiden_wilayah", tanggal=k.tanggal, kecamatan=k.kecamatan, mulai=k.mulai_jendela)
    harian = q("insiden_harian", **jendela)
    awal, akhir = rentang_harian(k.mulai_jendela, k.tanggal_awal, k.saat)
    return HalamanInsiden(
        **dasar, belum_ada=None, kosong_jendela=None, **isi,
        peta=peta(k.batas.get(tingkat), wilayah, daftar if rincian else tanpa_teks_bebas(daftar), k.jendela, zona,
                  k.kelurahan),
        legenda_peta=legenda_peta(wilayah, tingkat),
        kalimat_peta=kalimat_peta(daftar, tingkat),
        grafik_harian=grafik_harian(harian, awal, akhir, q("tahapan", tanggal=k.tanggal), k.wilayah.hari_pemungutan),
        grafik_kategori=grafik_kategori(harian) if len(harian) else None,
        grafik_status=grafik_status(q("insiden_status", **jendela)),
        daftar=_insiden_bertaut(q, k, daftar) if rincian else None,
        ekspor_daftar=unduh_insiden(daftar) if rincian else None,
    )
