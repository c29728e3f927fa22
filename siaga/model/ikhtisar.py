"""Ikhtisar (province and national desks): which level a code opens, the breadcrumb, the three
indicators, the units one level down on a map and in a ranking, the logistics chain per unit,
and the polling stations of a kecamatan. :func:`susun` builds the screen for one unit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from siaga.inti import fmt
from siaga.model import grafik, level, ringkasan
from siaga.model import kesiapan as t_kesiapan
from siaga.model.komponen import Angka, Q
from siaga.model.konteks import Konteks

NASIONAL = "00"
LABEL_TINGKAT = {"provinsi": "Provinsi", "kabkota": "Kab/kota", "kecamatan": "Kecamatan", "tps": "TPS"}
TAHAP_RANTAI = (("persen_gudang", "Gudang KPU"), ("persen_ppk", "PPK"), ("persen_pps", "PPS"), ("persen_tps", "TPS"))
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
        "Skor": [fmt.bulat(s) or 0 for s in df["skor"]],
        "Level": [level.label(r["level"]) for r in rows],
        "TPS": [fmt.angka(r["jumlah_tps"]) for r in rows],
        "DPT": [fmt.angka(r["dpt"]) for r in rows],
        "Kec. rawan": [fmt.angka(r["kecamatan_rawan"]) for r in rows],
        "Logistik di TPS": [fmt.persen(r["persen_tps"], 0) for r in rows],
        "Insiden terbuka": [fmt.angka(r["insiden_terbuka"]) for r in rows],
        "Insiden serius": [fmt.angka(r["insiden_serius"]) for r in rows],
        "Netralitas": [fmt.angka(r["netralitas_terbuka"]) for r in rows],
    })




def grafik_rantai(df: pd.DataFrame, jumlah: int = 15) -> go.Figure:
    """Completeness at each stage of the chain for the least ready units (horizontal bars)."""
    sub = df.sort_values(["persen_tps", "kode"]).head(jumlah).iloc[::-1]
    data = [{"type": "bar", "y": nama_unit(sub), "x": sub[kolom].fillna(0), "name": label, "orientation": "h",
             "marker": {"color": warna}, "customdata": [fmt.persen(v) for v in sub[kolom]],
             "hovertemplate": "%{y} · " + label + ": %{customdata}<extra></extra>"}
            for (kolom, label), warna in zip(TAHAP_RANTAI, grafik.PALET)]
    return grafik.figur(data, {"barmode": "group", "legend": {"orientation": "h", "y": 1.06},
                               "xaxis": {"range": [0, 100], "title": "Kelengkapan (%)"}},
                        tinggi=max(360, 30 * len(sub) + 120))


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


# ------------------------------------------------------------------ the screen

@dataclass(frozen=True)
class HalamanIkhtisar:
    """Everything the Ikhtisar screen shows for one unit (``induk``) and date, built once."""
    induk: str                                  # the unit shown
    anak: str                                   # the level below it: provinsi, kabkota, kecamatan or tps
    jejak: tuple[tuple[str, str], ...]          # breadcrumb from the desk's root: (code, name)
    angka: tuple[Angka, ...]
    indikator: tuple[Angka, Angka, Angka]
    tps: pd.DataFrame | None = None             # the TPS of a kecamatan
    unit: pd.DataFrame | None = None            # the units one level down (query rows)
    peringkat: pd.DataFrame | None = None       # their ranking as displayed
    tingkat_peta: str = "kabkota"
    peta: object | None = None                  # pydeck map of :attr:`tingkat_peta` (None: no boundaries)
    grafik_rantai: go.Figure | None = None

    @property
    def judul(self) -> str:
        return self.jejak[-1][1]


def susun(q: Q, k: Konteks, kode: str | None, nama: dict[str, str]) -> HalamanIkhtisar:
    """The screen of the unit ``kode`` (from the URL; anything outside the desk's region or unknown
    falls back to the desk's root), ``nama`` naming every province, kab/kota and kecamatan."""
    akar = k.wilayah.kode
    induk = induk_sah(kode, akar, nama)
    anak = tingkat_anak(induk)
    ind = q("ikhtisar_indikator", tanggal=k.tanggal, induk=induk).iloc[0]
    label, jumlah = jumlah_anak(ind, anak)
    dasar = {
        "induk": induk, "anak": anak, "jejak": tuple(jejak(induk, akar, k.wilayah.nama, nama)),
        "angka": (Angka("Skor kesiapan", fmt.skor(ind["skor_kesiapan"]),
                        bantuan="Rata-rata skor kecamatan, ditimbang DPT"),
                  Angka(label, fmt.angka(jumlah)),
                  Angka("Kecamatan rawan", fmt.angka(ind["kecamatan_rawan"]),
                        bantuan=f"dari {fmt.angka(ind['jumlah_kecamatan'])} kecamatan"),
                  Angka("TPS", fmt.angka(ind["jumlah_tps"]), bantuan=f"{fmt.angka(ind['dpt'])} pemilih DPT"),
                  Angka("TPS logistik lengkap", fmt.angka(ind["tps_logistik_lengkap"]))),
        "indikator": ringkasan.indikator(ind, None, k),
    }
    if anak == "tps":
        tps = q("ikhtisar_tps", tanggal=k.tanggal, kecamatan=induk)
        return HalamanIkhtisar(**dasar, tps=tabel_tps(tps, k.wilayah.zona_waktu) if len(tps) else None)
    unit = q("ikhtisar_unit", tanggal=k.tanggal, induk=induk, tingkat=anak)
    if unit.empty:
        return HalamanIkhtisar(**dasar, unit=unit)
    lv = tingkat_peta(induk)
    batas = k.batas.get(lv)
    unit_peta = unit if lv == anak else q("ikhtisar_unit", tanggal=k.tanggal, induk=induk, tingkat=lv)
    return HalamanIkhtisar(
        **dasar, unit=unit, peringkat=peringkat(unit), tingkat_peta=lv,
        peta=peta(batas, unit_peta) if batas is not None and len(unit_peta) else None,
        grafik_rantai=grafik_rantai(unit))
