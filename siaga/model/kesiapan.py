"""Kesiapan page: what is not ready where, since when, and who follows up.

Pure view builders: query results in (``kesiapan_unit``, ``kesiapan_tps``, ``kesiapan_harian``),
display tables, a heatmap, a line chart, a pydeck map and sentences out. Every number and
date shown is formatted here (server side). Names and notes from the data only ever reach the
screen as table cells (plain text), map tooltips (``{"text": ...}``, never HTML) or escaped
plotly labels.

Drill-down: the whole region lists its kecamatan; a kecamatan lists its kelurahan (and its
TPS); a kelurahan lists its TPS. The heatmap always shows the kecamatan of the region, or the
kelurahan of the selected kecamatan.

The KPU plan (``wilayah.toml`` ``[jadwal]``, :mod:`siaga.model.jadwal`): the score a unit on plan has
each day. Levels are judged against it, and every unit says whether it is on schedule, so many
days behind, or ahead.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from siaga.inti import fmt
from siaga.inti.config import Kesiapan
from siaga.masuk.geo import Batas, geojson
from siaga.model import grafik, jadwal, level
from siaga.model.komponen import Angka, Q
from siaga.model.konteks import Konteks

# (query column, label) of the heatmap's columns, in reading order; the score last.
KOLOM_MATRIKS = [("skor_logistik", "Logistik"), ("skor_checklist", "Checklist TPS"), ("skor_insiden", "Insiden"),
            ("skor_netralitas", "Netralitas"), ("skor", "Skor")]
STATUS_LAPORAN = {"siap": "Siap", "belum": "Belum siap", "bermasalah": "Bermasalah"}
BANTUAN_JADWAL = ("Dibandingkan dengan rencana KPU (wilayah.toml [jadwal]): tahap logistik dan butir checklist yang "
                  "seharusnya sudah tercapai pada tanggal ini")
# Columns of the unit table (the second one is named after the unit: Kecamatan or Kelurahan) and of
# the TPS table, in reading order; how Streamlit draws them is in siaga.tampilan.kolom.
KOLOM_UNIT = ("#", "Wilayah", "Skor", "Level", "Jadwal", "Logistik", "Checklist", "Insiden", "Netralitas",
              "Lengkap di TPS", "TPS bermasalah", "Insiden terbuka", "Penyebab utama", "Tindak lanjut oleh", "Rincian")
KOLOM_TPS = ("TPS", "Kelurahan", "DPT", "Skor", "Level", "Logistik", "Kurang di TPS", "Checklist", "Belum terpenuhi",
             "Laporan terakhir", "Status sejak", "Rawan banjir", "Insiden", "Catatan laporan")
WARNA_JALUR = "#555555"
# Columns of kesiapan_harian that are blank after the as-of date (the plan, ``jalur``, goes on).
KOLOM_HARIAN = ("skor", "skor_logistik", "skor_checklist", "skor_insiden", "skor_netralitas")
# Text readable on each level colour (as siaga.tampilan.gaya does for the level column).
WARNA_TEKS = {"siap": "#ffffff", "perlu_perhatian": "#1a1a1a", "rawan": "#ffffff"}
WARNA_BATAS = "#CC3311"
DESIMAL = 5                     # coordinates sent to the map (~1 m)
TPS_TERBAWAH = 20               # TPS listed for a whole kecamatan (all of them are in the download)


def _hilang(x) -> bool:
    """None, NaN, NaT or pandas NA."""
    return x is None or (not isinstance(x, str) and bool(pd.isna(x)))


def _esc(x) -> str:
    """Text from the data made literal for plotly's pseudo-HTML labels."""
    return html.escape(str(x), quote=False)


def _ts(x) -> pd.Timestamp | None:
    return None if _hilang(x) else pd.Timestamp(x)


# ------------------------------------------------------------------ header

def cara_hitung(k: Kesiapan) -> str:
    """One line on how the index is computed, from the config (weights, thresholds, penalties)."""
    b = k.bobot
    p = k.penalti_insiden
    netralitas = (f" + {fmt.persen(100 * b['netralitas'], 0)} netralitas ASN" if b["netralitas"] else "")
    kasus = (f" dan setiap kasus netralitas terbuka di kecamatan {fmt.angka(k.penalti_netralitas)} poin"
             if b["netralitas"]
             else "; kasus netralitas ASN tidak mengurangi skor (dipantau sebagai indikator sendiri)")
    return (f"Skor kesiapan 0–100 = {fmt.persen(100 * b['logistik'], 0)} logistik + "
            f"{fmt.persen(100 * b['checklist'], 0)} checklist TPS + {fmt.persen(100 * b['insiden'], 0)} insiden"
            f"{netralitas}. Logistik: seberapa jauh setiap item sudah bergerak ke TPS (item paling tertinggal yang "
            "dihitung); checklist: 9 butir laporan kesiapan TPS; setiap insiden terbuka mengurangi "
            f"{fmt.angka(p['rendah'])}/{fmt.angka(p['sedang'])}/{fmt.angka(p['tinggi'])} poin (rendah/sedang/tinggi)"
            f"{kasus}. Level dinilai terhadap rencana KPU: skor yang seharusnya dicapai pada tanggal itu "
            f"(tahap logistik dan butir checklist yang sudah jatuh tempo). {ambang(k)} Rumus lengkap: "
            "docs/readiness.md.")


def ambang(k: Kesiapan, rencana: float | None = None) -> str:
    """The level thresholds in words; with the day's plan, also in points."""
    teks = (f"{level.label('siap')}: skor ≥ {fmt.angka(k.ambang_siap)}% rencana · {level.label('perlu_perhatian')}: "
            f"≥ {fmt.angka(k.ambang_perhatian)}% · {level.label('rawan')}: di bawahnya")
    if rencana is None:
        return teks + "."
    siap, perhatian = level.ambang_poin(k.ambang_siap, k.ambang_perhatian, rencana)
    return (teks + f" (rencana hari ini {fmt.skor(rencana)}: siap ≥ {fmt.angka(siap)}, perlu perhatian ≥ "
            f"{fmt.angka(perhatian)}).")


def baris_lingkup(unit: pd.DataFrame, kelurahan: str | None) -> dict | None:
    """The scope's own row: the region or kecamatan row, or the selected kelurahan among the units."""
    if kelurahan:
        r = unit[(unit["tingkat"] == "kelurahan") & (unit["kode"] == kelurahan)]
    else:
        r = unit[unit["lingkup"].astype(bool)]
    return r.iloc[0].to_dict() if len(r) else None


def angka_kunci(r: dict, tanggal: dt.date, rencana: jadwal.Rencana, ambang_siap: float) -> list[Angka]:
    """Header figures of the scope: score and level, where it stands against the KPU plan,
    logistics at the TPS, TPS reported bermasalah, open incidents."""
    n = int(r["jumlah_tps"])
    pos = jadwal.posisi(r["skor"], tanggal, rencana, ambang_siap)
    rencana_hari_ini = rencana.pada(tanggal)
    if pos is None or rencana_hari_ini is None:
        posisi = Angka("Terhadap jadwal KPU", fmt.KOSONG, "belum ada data", BANTUAN_JADWAL)
    else:
        posisi = Angka("Terhadap jadwal KPU", pos.teks.capitalize(),
                       f"rencana KPU untuk {fmt.tanggal(tanggal, pendek=True)}: skor {fmt.skor(rencana_hari_ini)}",
                       BANTUAN_JADWAL)
    serius = int(r["insiden_serius"])
    return [
        Angka("Skor kesiapan", fmt.skor(r["skor"]), level.label(r["level"]),
              "Skor 0–100; levelnya dinilai terhadap skor yang direncanakan KPU untuk tanggal ini"),
        posisi,
        Angka("TPS logistik lengkap", fmt.angka(r["tps_logistik_lengkap"]),
              f"dari {fmt.angka(n)} TPS · skor logistik {fmt.skor(r['skor_logistik'])}"),
        Angka("TPS bermasalah", fmt.angka(r["tps_bermasalah"]),
              f"laporan terakhir berstatus bermasalah · checklist {fmt.skor(r['skor_checklist'])}"),
        Angka("Insiden terbuka", fmt.angka(r["insiden_terbuka"]),
              (f"{fmt.angka(serius)} serius · " if serius else "") +
              f"{fmt.angka(r['insiden_terlambat'])} lewat batas waktu · "
              f"{fmt.angka(r['netralitas_terbuka'])} kasus netralitas ASN"),
    ]


# ------------------------------------------------------------------ heatmap indicator x unit

def _anak(unit: pd.DataFrame) -> pd.DataFrame:
    return unit[~unit["lingkup"].astype(bool)]


def rencana_komponen(r: dict, kolom: str) -> float:
    """What the KPU plan asks of a component (or of the score) on the date: the plan's logistics
    stage and checklist share, the whole score's plan, 100 for incidents and neutrality."""
    rencana = {"skor_logistik": r.get("rencana_logistik", 100.0), "skor_checklist": r.get("rencana_checklist", 100.0),
               "skor": r.get("skor_rencana", 100.0)}
    return float(rencana.get(kolom, 100.0))


def grafik_matriks(unit: pd.DataFrame, k: Kesiapan, pilih: str | None = None) -> go.Figure:
    """Heatmap: one row per unit with TPS (least ready at the top), one column per component
    and the score; each cell coloured by the level its value falls in (same thresholds and
    colours as the score) and annotated with the value."""
    anak = _anak(unit)
    anak = anak[anak["jumlah_tps"] > 0].sort_values(["skor", "kode"])
    # neutrality only where it counts: in the score, and for kecamatan (the cases belong to them)
    netralitas = bool(len(anak)) and float(anak["w_netralitas"].iloc[0]) > 0 and (anak["tingkat"] == "kecamatan").all()
    komponen = [(c, lb) for c, lb in KOLOM_MATRIKS if c != "skor_netralitas" or netralitas]
    kolom = [label for _, label in komponen]
    y = [("▶ " if r["kode"] == pilih else "") + _esc(r["nama"]) for r in anak.to_dict("records")]
    z, teks, hover = [], [], []
    indeks = {lv: i for i, lv in enumerate(level.URUTAN_LEVEL)}
    for r, nama in zip(anak.to_dict("records"), y):
        baris_z, baris_t, baris_h = [], [], []
        for col, label in komponen:
            lv = level.dari_skor(r[col], k.ambang_siap, k.ambang_perhatian, rencana_komponen(r, col))
            baris_z.append(indeks.get(lv))
            baris_t.append(fmt.skor(r[col]))
            baris_h.append(f"{nama} · {label}: {fmt.angka(r[col], 1)} ({level.label(lv).lower()})")
        z.append(baris_z)
        teks.append(baris_t)
        hover.append(baris_h)
    n = len(level.URUTAN_LEVEL)
    skala = []
    for i, lv in enumerate(level.URUTAN_LEVEL):
        skala += [[i / n, level.warna(lv)], [(i + 1) / n, level.warna(lv)]]
    # values as a text layer, so each cell's text colour can stay readable on its level colour
    tx, ty, tt, tc = [], [], [], []
    for nama, baris_z, baris_t in zip(y, z, teks):
        for label, zi, t in zip(kolom, baris_z, baris_t):
            lv = None if zi is None else level.URUTAN_LEVEL[zi]
            tx.append(label)
            ty.append(nama)
            tt.append(t)
            tc.append(WARNA_TEKS.get(lv, "#1a1a1a"))
    data = [{"type": "heatmap", "z": z, "x": kolom, "y": y, "customdata": hover,
             "hovertemplate": "%{customdata}<extra></extra>", "colorscale": skala, "zmin": -0.5, "zmax": n - 0.5,
             "showscale": False, "xgap": 3, "ygap": 3},
            {"type": "scatter", "x": tx, "y": ty, "text": tt, "mode": "text", "textfont": {"size": 15, "color": tc},
             "hoverinfo": "skip", "showlegend": False}]
    return grafik.figur(data, {
        "margin": {"l": 8, "r": 8, "t": 40, "b": 8}, "plot_bgcolor": "#ffffff",
        "xaxis": {"side": "top", "fixedrange": True, "showgrid": False, "tickfont": grafik.TEKS_SUMBU,
                  "type": "category", "categoryorder": "array", "categoryarray": kolom},
        "yaxis": {"autorange": "reversed", "fixedrange": True, "showgrid": False, "tickfont": grafik.TEKS_SUMBU,
                  "type": "category", "categoryorder": "array", "categoryarray": y}},
        tinggi=90 + 36 * max(len(y), 1), legenda=False)


# ------------------------------------------------------------------ drill-down tables

def _insiden(terbuka, serius) -> str:
    teks = fmt.angka(terbuka)
    return teks + (f" ({fmt.angka(serius)} serius)" if serius else "")


def penyebab(r: dict) -> str:
    if int(r.get("jumlah_tps", 1)) == 0 or _hilang(r["skor"]):
        return "belum ada TPS"
    return level.penyebab(r)


def tabel_unit(unit: pd.DataFrame, pilih: str | None = None, tanggal: dt.date | None = None,
               rencana: jadwal.Rencana | None = None, ambang_siap: float = 85.0) -> pd.DataFrame:
    """The units of the scope (kecamatan or kelurahan), least ready first, with where each stands
    against the KPU plan, the causes and a link that opens the unit's own view (its filters in the
    URL) in a new tab. Neutrality: the open cases of a kecamatan (its own indicator), or the
    component when the config counts it in the score."""
    anak = _anak(unit)
    nama_kolom = "Kelurahan" if len(anak) and anak["tingkat"].iloc[0] == "kelurahan" else "Kecamatan"
    tgl = f"&tgl={tanggal.isoformat()}" if tanggal else ""
    rows = []
    for r in anak.to_dict("records"):
        n = int(r["jumlah_tps"])
        if r["tingkat"] == "kelurahan":
            tautan = f"kesiapan?kec={r['kode_kecamatan']}&kel={r['kode']}{tgl}"
        else:
            tautan = f"kesiapan?kec={r['kode']}{tgl}"
        rows.append({
            "#": None if _hilang(r["peringkat"]) else int(r["peringkat"]),
            nama_kolom: ("▶ " if r["kode"] == pilih else "") + r["nama"],
            "Skor": fmt.bulat(r["skor"]),
            "Level": level.label(r["level"]),
            "Jadwal": _posisi(r, tanggal, rencana, ambang_siap),
            "Logistik": fmt.skor(r["skor_logistik"]),
            "Checklist": fmt.skor(r["skor_checklist"]),
            "Insiden": fmt.skor(r["skor_insiden"]),
            "Netralitas": _netralitas(r),
            "Lengkap di TPS": f"{fmt.angka(r['tps_logistik_lengkap'])} / {fmt.angka(n)}",
            "TPS bermasalah": fmt.angka(r["tps_bermasalah"]),
            "Insiden terbuka": _insiden(r["insiden_terbuka"], r["insiden_serius"]),
            "Penyebab utama": penyebab(r),
            "Tindak lanjut oleh": tindak_lanjut(r["tingkat"], r["nama"]),
            "Rincian": tautan,
        })
    kolom = ["#", nama_kolom, *[c for c in KOLOM_UNIT if c not in ("#", "Wilayah")]]
    return pd.DataFrame(rows, columns=kolom)


def _posisi(r: dict, tanggal: dt.date | None, rencana: jadwal.Rencana | None, ambang_siap: float) -> str:
    pos = jadwal.posisi(r.get("skor"), tanggal, rencana, ambang_siap) if tanggal and rencana else None
    return fmt.KOSONG if pos is None else pos.teks


def _netralitas(r: dict) -> str:
    """The neutrality column: the component when it counts in the score, else the kecamatan's open cases
    (cases belong to a kecamatan: nothing for a kelurahan)."""
    if r["tingkat"] != "kecamatan":
        return fmt.KOSONG
    if float(r.get("w_netralitas") or 0) > 0:
        return fmt.skor(r["skor_netralitas"])
    return fmt.angka(r["netralitas_terbuka"]) if r["tingkat"] == "kecamatan" else fmt.KOSONG


def tindak_lanjut(tingkat: str, nama: str) -> str:
    """Who follows up in a unit: the camat and the PPK of a kecamatan, the lurah (or kepala desa)
    and the PPS of a kelurahan/desa."""
    if tingkat == "kecamatan":
        return f"Camat {nama} dan PPK"
    return f"Lurah/kades {nama} dan PPS"






def kalimat_tanpa_tps(unit: str, nama: list[str]) -> str:
    """Units listed without a score because no TPS is registered in them (a Markdown caption)."""
    return (f"Belum ada TPS terdaftar di {unit} " + ", ".join(fmt.md(n) for n in nama)
            + ": skornya belum dapat dihitung.")


def kosong_sebelum_data(tanggal: dt.date, awal: dt.date) -> str:
    return (f"Belum ada data kesiapan pada {fmt.tanggal(tanggal)}. Peta, matriks dan grafik harian tersedia mulai "
            f"{fmt.tanggal(awal)}.")


def kosong_tanpa_tps(nama_lingkup: str) -> str:
    return (f"Belum ada TPS terdaftar di {fmt.md(nama_lingkup)}, sehingga kesiapannya belum dapat dihitung. Periksa "
            "tps.csv atau pilih wilayah lain.")


def catatan_peta(k: Kesiapan, kecamatan: bool, kelurahan: bool, tanpa_koordinat: int, batas: str = "",
                 rencana: float | None = None) -> str:
    """The caption under the map (Markdown): what colours and points mean, what is left off, and
    what :func:`siaga.model.grafik.catatan_batas` says about the boundaries (``batas``)."""
    teks = ["Warna: level kesiapan. " + ambang(k, rencana)]
    if kecamatan:
        teks.append("Titik: TPS kelurahan terpilih." if kelurahan else "Pilih kelurahan untuk melihat TPS-nya.")
    if tanpa_koordinat:
        teks.append(f"{fmt.angka(tanpa_koordinat)} TPS tanpa koordinat tidak tampil di peta.")
    if batas:
        teks.append(fmt.md(batas))
    return " ".join(teks)


def ekspor_unit(unit: pd.DataFrame, nama_lingkup: str) -> pd.DataFrame:
    """Raw values of the scope's row and its units, Indonesian column names."""
    out = pd.DataFrame({
        "tingkat": unit["tingkat"], "kode": unit["kode"],
        "nama": [nama_lingkup if lk and t == "kabkota" else n for lk, t, n in
                 zip(unit["lingkup"], unit["tingkat"], unit["nama"])],
        "peringkat": unit["peringkat"], "jumlah_tps": unit["jumlah_tps"], "dpt": unit["dpt"],
        "tps_logistik_lengkap": unit["tps_logistik_lengkap"], "tps_bermasalah": unit["tps_bermasalah"],
        "skor_logistik": unit["skor_logistik"], "skor_checklist": unit["skor_checklist"],
        "skor_insiden": unit["skor_insiden"], "skor_netralitas": unit["skor_netralitas"],
        "insiden_terbuka": unit["insiden_terbuka"], "insiden_serius": unit["insiden_serius"],
        "insiden_terlambat": unit["insiden_terlambat"], "netralitas_terbuka": unit["netralitas_terbuka"],
        "skor": unit["skor"], "level": [level.label(v) for v in unit["level"]],
        "penyebab_utama": [penyebab(r) for r in unit.to_dict("records")],
        "tindak_lanjut_oleh": [None if t == "kabkota" else tindak_lanjut(t, n)
                               for t, n in zip(unit["tingkat"], unit["nama"])],
    })
    return out.reset_index(drop=True)


def belum_terpenuhi(r: dict) -> str:
    """The checklist items a TPS's latest report still misses, in plain words."""
    if _hilang(r["status_laporan"]):
        return "belum ada laporan"
    kurang = []
    for col, teks in (("kpps_dibentuk", "KPPS belum dibentuk"), ("kpps_dilantik", "KPPS belum dilantik"),
                      ("kpps_bimtek", "KPPS belum bimtek"), ("lokasi_siap", "lokasi belum siap"),
                      ("akses_disabilitas", "akses disabilitas"), ("penerangan", "penerangan"),
                      ("pengamanan", "pengamanan")):
        if not bool(r[col]):
            kurang.append(teks)
    dpt, c = int(r["dpt"]), int(r["c_pemberitahuan"])
    if dpt > 0 and c < dpt:
        kurang.append(f"C-Pemberitahuan {fmt.angka(c)}/{fmt.angka(dpt)}")
    if int(r["linmas"]) < 2:
        kurang.append(f"linmas {fmt.angka(r['linmas'])}/2")
    return "; ".join(kurang) if kurang else "lengkap"


def logistik_di_tps(r: dict) -> str:
    """``lengkap`` when every item is complete at the TPS, else ``8/10 item`` (items complete)."""
    if bool(r["logistik_lengkap"]):
        return "lengkap"
    return f"{fmt.angka(r['item_lengkap'])}/{fmt.angka(r['jumlah_item'])} item"


def kurang_di_tps(r: dict) -> str:
    """The items not yet complete at the TPS (``semua item`` when none is)."""
    if not isinstance(r["item_kurang"], str):
        return fmt.KOSONG
    return "semua item" if int(r["item_lengkap"]) == 0 else r["item_kurang"]


def judul_tps(jumlah: int, tampil: int, nama_lingkup: str) -> str:
    """What the TPS table lists (a Markdown caption)."""
    nama_lingkup = fmt.md(nama_lingkup)
    if tampil < jumlah:
        return (f"{fmt.angka(tampil)} TPS dengan skor terendah dari {fmt.angka(jumlah)} TPS di {nama_lingkup}; "
                "pilih kelurahan untuk melihat semua TPS-nya, atau unduh daftar lengkapnya. Tindak lanjut: KPPS "
                "setiap TPS bersama PPS dan lurah/kades kelurahannya.")
    return (f"Semua {fmt.angka(jumlah)} TPS di {nama_lingkup}, paling belum siap di atas. Tindak lanjut: KPPS "
            "setiap TPS bersama PPS dan lurah/kades kelurahan ini.")


def laporan_terakhir(r: dict, zona: str) -> str:
    if _hilang(r["status_laporan"]):
        return "belum ada laporan"
    return (f"{STATUS_LAPORAN.get(r['status_laporan'], r['status_laporan'])} · "
            f"{fmt.waktu_pendek(_ts(r['waktu_laporan']), zona)}")


def _waktu_singkat(t, zona: str) -> str:
    """``25 Nov 18.52 WIB``: the year is the election year, left out to keep table cells short."""
    t = _ts(t)
    return fmt.KOSONG if t is None else f"{fmt.bulan_pendek(t.date())} {fmt.jam(t, zona)}"


def tabel_tps(tps: pd.DataFrame, zona: str, kelurahan: bool = True) -> pd.DataFrame:
    """One row per TPS, least ready first: what is wrong (logistics short, checklist items
    missing, latest report and since when, flood-prone, open incidents)."""
    rows = []
    for r in tps.to_dict("records"):
        ada_laporan = not _hilang(r["status_laporan"])
        rows.append({
            "TPS": r["nama"],
            "Kelurahan": r["nama_kelurahan"],
            "DPT": fmt.angka(r["dpt"]),
            "Skor": fmt.bulat(r["skor"]),
            "Level": [level.label(r["level"])],
            "Logistik": f"{fmt.skor(r['skor_logistik'])} · {logistik_di_tps(r)}",
            "Kurang di TPS": kurang_di_tps(r),
            "Checklist": fmt.skor(r["skor_checklist"]),
            "Belum terpenuhi": belum_terpenuhi(r),
            "Laporan terakhir": (f"{STATUS_LAPORAN.get(r['status_laporan'], r['status_laporan'])} · "
                                 f"{_waktu_singkat(r['waktu_laporan'], zona)}" if ada_laporan else "belum ada laporan"),
            "Status sejak": _waktu_singkat(r["status_sejak"], zona),
            "Rawan banjir": "Ya" if bool(r["rawan_banjir"]) else "Tidak",
            "Insiden": _insiden(r["insiden_terbuka"], r["insiden_serius"]),
            "Catatan laporan": r["catatan"] if isinstance(r["catatan"], str) else "",
        })
    kolom = [c for c in KOLOM_TPS if kelurahan or c != "Kelurahan"]
    return pd.DataFrame(rows, columns=list(KOLOM_TPS))[kolom]




def ekspor_tps(tps: pd.DataFrame) -> pd.DataFrame:
    """Raw values per TPS, Indonesian column names."""
    baris = tps.to_dict("records")
    out = pd.DataFrame({
        "kode_tps": tps["kode_tps"], "tps": tps["nama"], "kelurahan": tps["nama_kelurahan"], "dpt": tps["dpt"],
        "jenis": tps["jenis"], "keterangan": tps["keterangan"], "lintang": tps["lat"], "bujur": tps["lon"],
        "rawan_banjir": tps["rawan_banjir"], "skor": tps["skor"], "level": [level.label(v) for v in tps["level"]],
        "skor_logistik": tps["skor_logistik"], "logistik_lengkap_di_tps": tps["logistik_lengkap"],
        "item_lengkap_di_tps": tps["item_lengkap"], "jumlah_item": tps["jumlah_item"],
        "item_kurang_di_tps": tps["item_kurang"], "skor_checklist": tps["skor_checklist"],
        "belum_terpenuhi": [belum_terpenuhi(r) for r in baris],
        "status_laporan": [STATUS_LAPORAN.get(s, s) if isinstance(s, str) else None for s in tps["status_laporan"]],
        "waktu_laporan": tps["waktu_laporan"], "status_sejak": tps["status_sejak"], "catatan": tps["catatan"],
        "c_pemberitahuan": tps["c_pemberitahuan"], "linmas": tps["linmas"],
        "insiden_terbuka": tps["insiden_terbuka"], "insiden_serius": tps["insiden_serius"],
        "skor_insiden": tps["skor_insiden"], "skor_netralitas": tps["skor_netralitas"],
        "penyebab_utama": [level.penyebab(r) for r in baris],
    })
    return out.reset_index(drop=True)


# ------------------------------------------------------------------ map

def peta_kelurahan(batas: Batas, unit: pd.DataFrame, tps: pd.DataFrame | None, zona: str,
                   pilih: str | None = None) -> tuple[pdk.Deck | None, int]:
    """The kelurahan of one kecamatan coloured by level (the selected one outlined, the others
    lighter) and, given ``tps`` (the selected kelurahan's), its TPS with coordinates as points
    coloured by level. Only the kecamatan's features are sent. Returns the deck (None without
    boundaries or points) and the number of TPS left off the map for lack of coordinates."""
    anak = _anak(unit)
    anak = anak[anak["tingkat"] == "kelurahan"]
    props = pd.DataFrame({
        "kode": anak["kode"],
        "nama": ["Kel. " + n for n in anak["nama"]],
        "keterangan": [f"Skor {fmt.skor(r['skor'])} · {level.label(r['level'])} · {fmt.angka(r['jumlah_tps'])} TPS"
                       for r in anak.to_dict("records")],
        "warna": [level.rgb(lv, 210 if pilih is None else 120 if kd == pilih else 60)
                  for lv, kd in zip(anak["level"], anak["kode"])],
        "garis": [[20, 20, 20, 255] if kd == pilih else [255, 255, 255, 255] for kd in anak["kode"]],
        "tebal": [3 if kd == pilih else 1 for kd in anak["kode"]],
    })
    sub = batas.gdf[batas.gdf["kode"].isin(props["kode"])]
    if tps is None:
        tps = pd.DataFrame(columns=["lat", "lon"])
    titik = tps[tps["lat"].notna() & tps["lon"].notna()]
    tanpa = len(tps) - len(titik)
    if sub.empty and titik.empty:
        return None, tanpa
    layers = []
    if not sub.empty:
        data = geojson(Batas(batas.tingkat, sub, batas.bounds), props)
        layers.append(pdk.Layer("GeoJsonLayer", data, id="kesiapan-kelurahan", pickable=True, stroked=True, filled=True,
                                get_fill_color="properties.warna", get_line_color="properties.garis",
                                get_line_width="properties.tebal", line_width_units="'pixels'"))
    if not titik.empty:
        pts = [{"posisi": [round(float(lon), DESIMAL), round(float(lat), DESIMAL)],
                "nama": f"{r['nama']} · Kel. {r['nama_kelurahan']}",
                "keterangan": f"Skor {fmt.skor(r['skor'])} · {level.label(r['level'])} · "
                              f"{laporan_terakhir(r, zona)}",
                "warna": level.rgb(r["level"])[:3]}
               for lat, lon, r in zip(titik["lat"], titik["lon"], titik.to_dict("records"))]
        layers.append(pdk.Layer("ScatterplotLayer", pts, id="kesiapan-tps", pickable=True, stroked=True, filled=True,
                                get_position="posisi", get_fill_color="warna", get_line_color=[30, 30, 30, 255],
                                get_radius=40, radius_min_pixels=4, radius_max_pixels=9, line_width_min_pixels=1))
    if not sub.empty:
        pusat = Batas(batas.tingkat, sub, batas.bounds).titik_label().merge(props[["kode", "nama"]], on="kode")
        skor = anak.set_index("kode")["skor"]
        labels = [{"posisi": [lon, lat], "teks": f"{n[5:]}\n{fmt.skor(skor[kd])}"}
                  for lon, lat, n, kd in zip(pusat["lon"], pusat["lat"], pusat["nama"], pusat["kode"])]
        layers.append(grafik.lapisan_label(labels, "label-kelurahan"))
    fokus = sub[sub["kode"] == pilih] if pilih else sub
    if not fokus.empty:
        b = tuple(float(v) for v in fokus.total_bounds)
    elif not titik.empty:       # the selected kelurahan has no boundary: fit its TPS
        b = (float(titik["lon"].min()), float(titik["lat"].min()), float(titik["lon"].max()), float(titik["lat"].max()))
    else:
        b = tuple(float(v) for v in sub.total_bounds)
    if pilih:       # the selected kelurahan with a margin, so its TPS spread out and the neighbours show
        dx, dy = (b[2] - b[0]) * 0.25, (b[3] - b[1]) * 0.25
        b = (b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy)
    return grafik.deck(layers, b, tooltip={"text": "{nama}\n{keterangan}"}), tanpa


# ------------------------------------------------------------------ readiness over time

def seri_harian(q: Q, k: Konteks, kecamatan: str | None, kelurahan: str | None) -> pd.DataFrame:
    """The scope's daily readiness series as of ``k.tanggal`` (``kesiapan_harian``), cut from the
    series as of the last day a view may ask for (:attr:`Rentang.batas_atas`): a day's values only
    use what was reported up to the end of that day, so the series of an earlier as-of date is the
    later one's first days, with the values after the date blank and the days running to the H-1
    deadline or the date, whichever is later. One series per scope is computed (and cached) instead
    of one per scope and date."""
    akhir = k.rentang.batas_atas
    if k.tanggal >= akhir:
        return _harian(q, k, k.tanggal, kecamatan, kelurahan)
    semua = _harian(q, k, akhir, kecamatan, kelurahan)
    hari = pd.to_datetime(semua["tanggal"]).dt.date
    if semua.empty or hari.iloc[0] > k.tanggal:         # before the first day of data: no series
        return semua.iloc[0:0].reset_index(drop=True)
    out = semua[hari <= max(k.tanggal, k.wilayah.batas_logistik)].copy()
    out.loc[hari[out.index] > k.tanggal, list(KOLOM_HARIAN)] = None
    return out.reset_index(drop=True)


def _harian(q: Q, k: Konteks, tanggal: dt.date, kecamatan: str | None, kelurahan: str | None) -> pd.DataFrame:
    """``kesiapan_harian`` of the scope as of ``tanggal``. The region's and a kecamatan's series
    are cut from the series of every kecamatan (``kesiapan_harian_kecamatan``: one query, kept
    per date), so moving from one kecamatan to another runs no query; a kelurahan's (or a
    lurah's) is queried on its own."""
    if kelurahan is not None or k.akses.kelurahan is not None:
        return q("kesiapan_harian", tanggal=tanggal, kecamatan=kecamatan, kelurahan=kelurahan)
    semua = q("kesiapan_harian_kecamatan", tanggal=tanggal, kecamatan=None)
    pilih = semua["kode_kecamatan"].isna() if kecamatan is None else semua["kode_kecamatan"] == kecamatan
    return semua[pilih].drop(columns="kode_kecamatan").reset_index(drop=True)


def nilai_pada(harian: pd.DataFrame, tanggal: dt.date, kolom: str) -> float | None:
    """A column of the daily series on a date (None when the date is not in it)."""
    if harian.empty:
        return None
    r = harian[pd.to_datetime(harian["tanggal"]).dt.date == tanggal]
    if r.empty or _hilang(r[kolom].iloc[0]):
        return None
    return float(r[kolom].iloc[0])


def kalimat_jalur(r: dict | None, tanggal: dt.date, rencana: jadwal.Rencana, k: Kesiapan, nama_lingkup: str) -> str:
    """Where the scope stands against the KPU plan on the date, in one sentence."""
    if not r or _hilang(r.get("skor")):
        return ""
    pos = jadwal.posisi(r["skor"], tanggal, rencana, k.ambang_siap)
    rencana_hari_ini = rencana.pada(tanggal)
    if pos is None or rencana_hari_ini is None:
        return ""
    return (f"Skor kesiapan {fmt.md(nama_lingkup)} pada {fmt.tanggal(tanggal)}: {fmt.skor(r['skor'])}; rencana KPU "
            f"untuk tanggal ini: {fmt.skor(rencana_hari_ini)}. Posisi: {pos.teks} "
            f"({level.label(r['level']).lower()}: {cara_level(k)}).")


def cara_level(k: Kesiapan) -> str:
    """``siap bila skor ≥ 85% rencana, perlu perhatian ≥ 70%``."""
    return (f"siap bila skor ≥ {fmt.angka(k.ambang_siap)}% rencana, perlu perhatian bila ≥ "
            f"{fmt.angka(k.ambang_perhatian)}%")


def tertinggal(r: dict | None, tanggal: dt.date, rencana: jadwal.Rencana, ambang_siap: float) -> bool:
    """Behind the KPU plan on the date."""
    pos = jadwal.posisi(r.get("skor") if r else None, tanggal, rencana, ambang_siap)
    return pos is not None and pos.arah == jadwal.TERTINGGAL


def grafik_harian(harian: pd.DataFrame, tanggal: dt.date, batas: dt.date, k: Kesiapan) -> go.Figure:
    """The scope's daily score (and its logistics and checklist components) up to the as-of
    date against the KPU plan of every day, with the level thresholds (a share of the plan)."""
    hari = [pd.Timestamp(t) for t in harian["tanggal"]]
    label_hari = [fmt.tanggal(t.date(), pendek=True) for t in hari]
    ada = harian["skor"].notna().to_numpy()
    harian = harian.assign(batas_siap=harian["jalur"] * k.ambang_siap / 100,
                           batas_perhatian=harian["jalur"] * k.ambang_perhatian / 100)
    seri = [("batas_perhatian", f"{level.label('perlu_perhatian')} ≥ {fmt.angka(k.ambang_perhatian)}% rencana",
             {"color": level.warna("perlu_perhatian"), "width": 1.5, "dash": "dot"}, None),
            ("batas_siap", f"{level.label('siap')} ≥ {fmt.angka(k.ambang_siap)}% rencana",
             {"color": level.warna("siap"), "width": 1.5, "dash": "dot"}, None),
            ("jalur", "Rencana KPU", {"color": WARNA_JALUR, "width": 2, "dash": "dash"}, None),
            ("skor_logistik", "Logistik", {"color": grafik.PALET[1], "width": 1.5}, ada),
            ("skor_checklist", "Checklist TPS", {"color": grafik.PALET[2], "width": 1.5}, ada),
            ("skor", "Skor kesiapan", {"color": grafik.PALET[0], "width": 4}, ada)]
    data = []
    for col, nama, garis, mask in seri:
        xs = [h for h, m in zip(hari, ada if mask is not None else [True] * len(hari)) if m]
        ys = harian[col].to_numpy()[mask] if mask is not None else harian[col].to_numpy()
        lab = [lb for lb, m in zip(label_hari, ada if mask is not None else [True] * len(hari)) if m]
        data.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines", "name": nama, "line": garis,
                     "customdata": [f"{lb} · {nama}: {fmt.angka(v, 1)}" for lb, v in zip(lab, ys)],
                     "hovertemplate": "%{customdata}<extra></extra>"})
    # the earlier line's label to its left, the later one's to its right: they never overlap
    if tanggal == batas:
        garis = [(batas, f"Batas H-1 = data per {fmt.bulan_pendek(batas)}", WARNA_BATAS, "dash", "right")]
    else:
        garis = [(batas, f"Batas H-1 · {fmt.bulan_pendek(batas)}", WARNA_BATAS, "dash",
                  "left" if tanggal < batas else "right"),
                 (tanggal, f"Data per {fmt.bulan_pendek(tanggal)}", "#1a1a1a", "dot",
                  "right" if tanggal < batas else "left")]
    shapes, notes = [], []
    for hari_garis, teks, warna, gaya, sisi in garis:
        x = pd.Timestamp(hari_garis)
        shapes.append({"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                       "line": {"color": warna, "width": 2 if gaya == "dash" else 1, "dash": gaya}})
        notes.append({"x": x, "y": 1, "yref": "paper", "yanchor": "bottom", "showarrow": False, "text": teks,
                      "font": {"size": 13, "color": warna}, "xanchor": sisi})
    return grafik.figur(data, {
        "hovermode": "closest", "margin": {"l": 8, "r": 140, "t": 72, "b": 8},
        "legend": {"y": 1.1, "yanchor": "bottom"}, "shapes": shapes, "annotations": notes,
        "yaxis": {"range": [0, 104], "tickvals": [0, 20, 40, 60, 80, 100], "fixedrange": True,
                  "tickfont": grafik.TEKS_SUMBU, "title": {"text": "Skor 0–100", "font": grafik.TEKS_SUMBU}},
        "xaxis": {"type": "date", "fixedrange": True, "tickfont": grafik.TEKS_SUMBU,
                  "range": [hari[0] - pd.Timedelta(days=1), hari[-1] + pd.Timedelta(days=1)],
                  **grafik.tik_tanggal([h.date() for h in hari], maks=12)}},
        tinggi=420)


def ekspor_harian(harian: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "tanggal": pd.to_datetime(harian["tanggal"]).dt.date, "skor": harian["skor"],
        "skor_logistik": harian["skor_logistik"], "skor_checklist": harian["skor_checklist"],
        "skor_insiden": harian["skor_insiden"], "skor_netralitas": harian["skor_netralitas"],
        "rencana_kpu": harian["jalur"],
    })


# ------------------------------------------------------------------ the screen

@dataclass(frozen=True)
class HalamanKesiapan:
    """Everything the Kesiapan screen shows for one view, built once."""
    lingkup: dict | None                        # the scope's own row (None: no such unit)
    angka: list[Angka]
    peta: pdk.Deck | None
    tanpa_koordinat: int
    matriks: go.Figure | None
    anak: pd.DataFrame                          # kesiapan_unit rows of the units, least ready first
    unit: pd.DataFrame                          # display table of the units (may be empty)
    ekspor_unit: pd.DataFrame
    tanpa_tps: list[str]                        # names of units without TPS
    tps: pd.DataFrame | None                    # display table of the TPS (a kelurahan's, or a kecamatan's worst)
    jumlah_tps: int                             # TPS in the scope (all of them in the export)
    ekspor_tps: pd.DataFrame | None
    harian: go.Figure | None
    kalimat_jalur: str
    tertinggal: bool                            # behind the KPU plan on the date
    ekspor_harian: pd.DataFrame
    rencana_hari_ini: float | None = None       # the score the KPU plan asks for on the date


def susun(q: Q, k: Konteks) -> HalamanKesiapan:
    """Run the screen's queries through ``q`` and build every table, figure, map and sentence."""
    tanggal, kecamatan, kelurahan = k.tanggal, k.kecamatan, k.kelurahan
    ambang = k.wilayah.kesiapan
    unit = q("kesiapan_unit", tanggal=tanggal, kecamatan=kecamatan)
    harian = seri_harian(q, k, kecamatan, kelurahan)
    rencana = jadwal.untuk(q, k)
    lingkup = baris_lingkup(unit, kelurahan)
    tps = q("kesiapan_tps", tanggal=tanggal, kecamatan=kecamatan, kelurahan=kelurahan) if kecamatan else None
    peta, tanpa = None, 0
    if kecamatan is None:
        if "kecamatan" in k.batas:
            peta = grafik.peta_kesiapan(k.batas["kecamatan"], _anak(unit))
    elif "kelurahan" in k.batas:
        peta, tanpa = peta_kelurahan(k.batas["kelurahan"], unit, tps if kelurahan else None, k.wilayah.zona_waktu,
                                     kelurahan)
    anak = _anak(unit)
    ada_tps = anak[anak["jumlah_tps"] > 0]
    return HalamanKesiapan(
        lingkup=lingkup,
        angka=angka_kunci(lingkup, tanggal, rencana, ambang.ambang_siap) if lingkup and lingkup["jumlah_tps"] > 0
        else [],
        peta=peta, tanpa_koordinat=tanpa,
        matriks=grafik_matriks(unit, ambang, kelurahan) if len(ada_tps) else None,
        anak=anak, unit=tabel_unit(unit, kelurahan, tanggal, rencana, ambang.ambang_siap),
        ekspor_unit=ekspor_unit(unit, k.nama_lingkup),
        rencana_hari_ini=rencana.pada(tanggal),
        tanpa_tps=sorted(anak.loc[anak["jumlah_tps"] == 0, "nama"]),
        tps=(tabel_tps(tps if kelurahan else tps.head(TPS_TERBAWAH), k.wilayah.zona_waktu, kelurahan=kelurahan is None)
             if tps is not None and len(tps) else None),
        jumlah_tps=0 if tps is None else len(tps),
        ekspor_tps=ekspor_tps(tps) if tps is not None else None,
        harian=grafik_harian(harian, tanggal, k.wilayah.batas_logistik, ambang) if len(harian) else None,
        kalimat_jalur=kalimat_jalur(lingkup, tanggal, rencana, ambang, k.nama_lingkup),
        tertinggal=tertinggal(lingkup, tanggal, rencana, ambang.ambang_siap),
        ekspor_harian=ekspor_harian(harian),
    )
