"""Ikhtisar page (province and national desks): which level a code opens, the breadcrumb, the
unit ranking and the logistics chain per unit. Pure functions over query results."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from siaga.inti import fmt
from siaga.model import grafik, level
from siaga.model import kesiapan as t_kesiapan

NASIONAL = "00"
LABEL_TINGKAT = {"provinsi": "Provinsi", "kabkota": "Kab/kota", "kecamatan": "Kecamatan", "tps": "TPS"}
TAHAP = (("persen_gudang", "Gudang KPU"), ("persen_ppk", "PPK"), ("persen_pps", "PPS"), ("persen_tps", "TPS"))
LABEL_MAKS = 20        # name labels on the map only when there are this many units or fewer
PANJANG = {2: "provinsi", 5: "kabkota", 8: "kecamatan"}    # code length -> level


def tingkat_anak(induk: str) -> str:
    """The level one step below ``induk``: 00 → provinsi, NN → kabkota, NN.NN → kecamatan, NN.NN.NN → tps."""
    if induk == NASIONAL:
        return "provinsi"
    return {2: "kabkota", 5: "kecamatan"}.get(len(induk), "tps")


def jumlah_anak(ind, anak: str) -> tuple[str, int | None]:
    """The count metric of the level below: kab/kota for the nation and a province, else kecamatan
    (TPS are counted in their own metric)."""
    if anak in ("provinsi", "kabkota"):
        return "Kab/kota", ind["jumlah_kabkota"]
    return "Kecamatan", ind["jumlah_kecamatan"]


def tingkat_peta(induk: str) -> str:
    """The level the map draws under ``induk``: kab/kota for the nation and a province (a national
    map of 500 kab/kota says more than 37 provinces), kecamatan within a kab/kota."""
    return "kecamatan" if len(induk) == 5 else "kabkota"


def induk_sah(kode: str | None, akar: str, nama: dict[str, str]) -> str:
    """The unit to show: ``kode`` when it lies within the desk's region (``akar``), is a province,
    kab/kota or kecamatan and is known; otherwise the desk's root."""
    if not kode or kode == akar:
        return akar
    dalam = akar == NASIONAL or kode.startswith(akar + ".")
    return kode if dalam and len(kode) in PANJANG and kode in nama else akar


def jejak(induk: str, akar: str, nama_akar: str, nama: dict[str, str]) -> list[tuple[str, str]]:
    """Breadcrumb from the desk's root down to ``induk``: [(code, label), ...]."""
    out = [(akar, nama_akar)]
    for n in PANJANG:
        kode = induk[:n]
        if induk != akar and len(induk) >= n and (akar == NASIONAL or len(kode) > len(akar)):
            out.append((kode, nama.get(kode, kode)))
    return out


def nama_unit(df: pd.DataFrame) -> pd.Series:
    return df["nama"].where(df["nama"].notna(), df["kode"])


def peringkat(df: pd.DataFrame) -> pd.DataFrame:
    """Units ranked least ready first, numbers formatted on the server."""
    rows = df.to_dict("records")
    tingkat = LABEL_TINGKAT.get(rows[0]["tingkat"], "Wilayah") if rows else "Wilayah"
    return pd.DataFrame({
        "#": df["peringkat"].astype(int),
        tingkat: nama_unit(df),
        "Kode": df["kode"],
        "Skor": df["skor"].fillna(0).round().astype(int),
        "Level": [level.label(r["level"]) for r in rows],
        "TPS": [fmt.angka(r["jumlah_tps"]) for r in rows],
        "DPT": [fmt.angka(r["dpt"]) for r in rows],
        "Kec. rawan": [fmt.angka(r["kecamatan_rawan"]) for r in rows],
        "Logistik di TPS": [fmt.persen(r["persen_tps"], 0) for r in rows],
        "Insiden terbuka": [fmt.angka(r["insiden_terbuka"]) for r in rows],
        "Insiden serius": [fmt.angka(r["insiden_serius"]) for r in rows],
        "Netralitas": [fmt.angka(r["netralitas_terbuka"]) for r in rows],
    })


KOLOM_PERINGKAT = {
    "#": st.column_config.NumberColumn(width=44, help="1 = paling belum siap"),
    "Skor": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d", width=90,
                                            help="Skor kesiapan 0–100, rata-rata kecamatan ditimbang DPT"),
    "Kec. rawan": st.column_config.TextColumn(help="Kecamatan dengan level rawan"),
    "Logistik di TPS": st.column_config.TextColumn(help="Kelengkapan logistik yang sudah sampai di TPS"),
    "Netralitas": st.column_config.TextColumn(help="Kasus netralitas ASN yang masih berjalan"),
}


def grafik_rantai(df: pd.DataFrame, jumlah: int = 15) -> go.Figure:
    """Completeness at each stage of the chain for the least ready units (horizontal bars)."""
    sub = df.sort_values(["persen_tps", "kode"]).head(jumlah).iloc[::-1]
    fig = go.Figure()
    for (kolom, label), warna in zip(TAHAP, grafik.PALET):
        fig.add_bar(y=nama_unit(sub), x=sub[kolom].fillna(0), name=label, orientation="h", marker_color=warna,
                    customdata=[fmt.persen(v) for v in sub[kolom]],
                    hovertemplate="%{y} · " + label + ": %{customdata}<extra></extra>")
    grafik.gaya(fig, tinggi=max(360, 30 * len(sub) + 120))
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=1.06),
                      xaxis=dict(range=[0, 100], title="Kelengkapan (%)"))
    return fig


def peta(batas, df: pd.DataFrame) -> object:
    """Choropleth of the units by readiness level; names on the map only for a few units."""
    props = pd.DataFrame({
        "kode": df["kode"], "nama": nama_unit(df),
        "keterangan": [f"Skor {fmt.skor(s)} · {level.label(lv)}" for s, lv in zip(df["skor"], df["level"])],
        "warna": [level.rgb(lv, 225) for lv in df["level"]],
    })
    return grafik.peta_unit(batas, props, label=len(df) <= LABEL_MAKS)


def tabel_tps(df: pd.DataFrame, zona: str) -> pd.DataFrame:
    """The TPS of one kecamatan, least ready first (no free text, no names of people)."""
    rows = df.to_dict("records")
    return pd.DataFrame({
        "TPS": [f"TPS {int(r['nomor_tps']):03d}" for r in rows],
        "Kelurahan/desa": df["nama_kelurahan"],
        "Kode": df["kode_tps"],
        "DPT": [fmt.angka(r["dpt"]) for r in rows],
        "Logistik": [fmt.persen(r["skor_logistik"], 0) for r in rows],
        "Lengkap di TPS": ["ya" if r["logistik_lengkap"] else "belum" for r in rows],
        "Checklist": [fmt.persen(r["skor_checklist"], 0) for r in rows],
        "Laporan terakhir": [t_kesiapan.laporan_terakhir(r, zona) for r in rows],
        "Insiden terbuka": [fmt.angka(r["insiden_terbuka"]) for r in rows],
    })

