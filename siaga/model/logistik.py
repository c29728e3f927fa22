"""Logistik page: completeness along the distribution chain, shortages, and the projection of
when every TPS will be complete at the current pace.

Pure view builders: query results in, display tables / plotly figures / sentences out. Every
number and date shown is formatted here (server side). Free text from the data (receipt notes)
only ever ends up in table cells, which Streamlit shows as text.

Projection method (see :func:`proyeksi`; the pace itself is computed in SQL, in
``queries/logistik_laju.sql``): the PPS hand the logistics to the KPPS on H-1, so before the
H-1 deadline progress is the mean completeness of the stages up to the PPS (gudang, PPK, PPS),
projected against H-2; from H-1 on (or once every TPS of the unit is complete) it is the
completeness at the TPS stage, projected against H-1. The pace is the gain over the last 3 days
(at the TPS: or since the day before the first TPS receipt, when that is more recent). Assuming
that pace continues, the projected completion date is the first day whose end reaches 100%:
as-of date + ceil(remaining / pace). A unit is *berisiko* (at risk) when that date is after its
deadline, when nothing moved in the window while it is incomplete, or when the deadline has
passed and it is still incomplete. A unit complete up to the PPS before H-1 is on schedule.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import plotly.graph_objects as go

from siaga.akses import RINCIAN
from siaga.inti import fmt
from siaga.inti.kontrak import TAHAP_LOGISTIK
from siaga.model import grafik, tugas
from siaga.model.komponen import Angka, Q
from siaga.model.konteks import Konteks

LABEL_TAHAP = dict(TAHAP_LOGISTIK)                    # gudang -> "Gudang KPU", ... (chain order)
URUTAN_TAHAP = [k for k, _ in TAHAP_LOGISTIK]
TAHAP_PENDEK = {"gudang": "Gudang KPU", "ppk": "PPK", "pps": "PPS", "tps": "TPS"}
EPS = 1e-9

MAKS_HARI = 365                                 # beyond this a projection is not a date any more

# Completeness colours: a neutral sequential scale (ColorBrewer Purples, colour-blind safe),
# deliberately not the readiness-level colours, used by the heatmap and the tables alike.
KELAS_PERSEN = [  # (lower bound, label, background, text colour)
    (0.0, "< 25%", "#f2f0f7", "#1a1a1a"),
    (25.0, "25–< 50%", "#cbc9e2", "#1a1a1a"),
    (50.0, "50–< 75%", "#9e9ac8", "#1a1a1a"),
    (75.0, "75–< 100%", "#756bb1", "#ffffff"),
    (100.0, "100%", "#54278f", "#ffffff"),
]
# Projection status: label, colour (Paul Tol vibrant, as grafik.PALET) and marker symbol, so
# colour is never the only cue.
STATUS_PROYEKSI = {
    "berisiko": ("Berisiko", "#CC3311", "diamond"),
    "sesuai": ("Sesuai jadwal", "#0077BB", "circle"),
    "lengkap": ("Lengkap", "#009988", "star"),
}


# ------------------------------------------------------------------ small formatters

def _hilang(x) -> bool:
    """None, NaN, NaT or pandas NA."""
    return x is None or (not isinstance(x, str) and bool(pd.isna(x)))


def persen_lengkap(x) -> str:
    """Completeness as ``64,2%`` / ``100%``; never rounds an incomplete value up to 100%
    (or a started one down to 0%)."""
    if _hilang(x):
        return fmt.KOSONG
    x = float(x)
    r = float(Decimal(str(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    if x < 100 and r >= 100:
        r = 99.9
    elif x > 0 and r <= 0:
        r = 0.1
    return fmt.persen(r, 0 if r == int(r) else 1)


def kelas(x) -> int:
    """Index (0..4) of the completeness class of ``x`` (0..100): 100% is a class of its own."""
    x = float(x)
    if x >= 100 - EPS:
        return len(KELAS_PERSEN) - 1
    i = 0
    while i + 1 < len(KELAS_PERSEN) - 1 and x >= KELAS_PERSEN[i + 1][0] - EPS:
        i += 1
    return i


def kelas_persen(x) -> tuple[str, str, str]:
    """(label, background, text colour) of the completeness class of ``x`` (0..100)."""
    if _hilang(x):
        return ("tanpa data", "#ffffff", "#1a1a1a")
    return KELAS_PERSEN[kelas(x)][1:]


def sisa_hari(tanggal: dt.date, batas: dt.date) -> tuple[str, str]:
    """Metric value and caption for the time left to the logistics deadline (H-1)."""
    n = (batas - tanggal).days
    if n > 0:
        nilai = f"{fmt.angka(n)} hari"
    elif n == 0:
        nilai = "Hari ini"
    else:
        nilai = f"Lewat {fmt.angka(-n)} hari"
    return nilai, f"Logistik lengkap di setiap TPS paling lambat {fmt.hari_tanggal(batas)}."


def angka_kunci(r, nama_lingkup: str, kecamatan: bool) -> list[Angka]:
    """The header figures from one ``logistik_ringkas`` row."""
    n, lengkap = int(r["jumlah_tps"]), int(r["tps_lengkap"])
    share = 100.0 * lengkap / n if n else 0.0
    tempat = f"di PPK, PPS dan TPS {nama_lingkup}" if kecamatan else "di gudang KPU, PPK, PPS dan TPS"
    return [
        Angka("TPS dengan logistik lengkap", persen_lengkap(share) if n else fmt.KOSONG,
              f"{fmt.angka(lengkap)} dari {fmt.angka(n)} TPS sudah menerima semua item dalam keadaan baik."),
        Angka("Unit belum ada di TPS", fmt.angka(r["kurang_tps"]),
              f"dari {fmt.angka(r['kebutuhan_tps'])} unit kebutuhan semua item di TPS (belum diterima atau rusak)."),
        Angka("Unit rusak", fmt.angka(r["rusak"]), f"diterima dalam keadaan rusak {tempat}."),
    ]


def sesudah_h(r, nama_lingkup: str, tanggal: dt.date, hari_pemungutan: dt.date,
              batas: dt.date) -> tuple[Angka, str]:
    """On voting day and after it no projection applies: what the distribution to the TPS achieved
    (a ``logistik_ringkas`` row), as a figure and a sentence."""
    n, lengkap = int(r["jumlah_tps"]), int(r["tps_lengkap"])
    belum = n - lengkap
    saat = "Hari H" if tanggal == hari_pemungutan else f"{fmt.hitung_mundur(tanggal, hari_pemungutan)} (sesudah hari H)"
    if not n:
        return Angka("Distribusi ke TPS", fmt.KOSONG, f"Belum ada TPS di {nama_lingkup}."), \
            f"{saat}: belum ada TPS di {nama_lingkup}."
    angka = Angka("Distribusi ke TPS", "Selesai" if not belum else f"Belum di {fmt.angka(belum)} TPS",
                  f"selesai di {fmt.angka(lengkap)} dari {fmt.angka(n)} TPS; batas H-1 ({fmt.hari_tanggal(batas)}) "
                  "sudah lewat.",
                  "TPS yang sudah menerima semua item dalam keadaan baik. Sejak hari pemungutan suara tidak ada "
                  "lagi perkiraan tanggal lengkap.")
    if not belum:
        teks = f"{saat}: distribusi logistik {nama_lingkup} selesai di semua {fmt.angka(n)} TPS."
    else:
        teks = (f"{saat}: distribusi logistik {nama_lingkup} selesai di {fmt.angka(lengkap)} TPS, belum di "
                f"{fmt.angka(belum)} dari {fmt.angka(n)} TPS. Kekurangan di TPS ditangani lewat laporan insiden "
                "hari H; perkiraan tanggal lengkap tidak ditampilkan lagi.")
    return angka, teks


def kalimat_belum_ada(tanggal: dt.date, pertama) -> str:
    """Empty state before the first receipt."""
    teks = f"Belum ada tanda terima logistik sampai {fmt.tanggal(tanggal)}."
    if not _hilang(pertama):
        teks += f" Tanda terima pertama tercatat {fmt.tanggal(pd.Timestamp(pertama).date())}."
    return teks


# ------------------------------------------------------------------ pipeline: item x stage

def _label_tahap(tahap: str, tempat: int, nama_kecamatan: str | None) -> str:
    if tahap == "gudang":
        return "Gudang KPU"
    if tahap == "ppk":
        return f"PPK {nama_kecamatan}" if nama_kecamatan else f"PPK ({fmt.angka(tempat)} kecamatan)"
    if tahap == "pps":
        return f"PPS ({fmt.angka(tempat)} kelurahan)"
    return f"TPS ({fmt.angka(tempat)} TPS)"


def grafik_tahap(df: pd.DataFrame, nama_kecamatan: str | None = None) -> go.Figure:
    """Heatmap of completeness per item (rows, in ``urutan`` order) and stage (columns, in chain
    order), annotated with the formatted percentage; the hover tells the units behind it."""
    df = df.sort_values(["urutan_item", "kode_item", "urutan_tahap"])
    items = list(dict.fromkeys(df["nama_item"]))
    tahap = [t for t in URUTAN_TAHAP if t in set(df["tahap"])]
    tempat = df.groupby("tahap")["tempat"].max()
    kolom = [_label_tahap(t, int(tempat[t]), nama_kecamatan) for t in tahap]
    sel = df.set_index(["nama_item", "tahap"])
    z, teks, hover = [], [], []
    for item in items:
        zr, tr, hr = [], [], []
        for t, label in zip(tahap, kolom):
            r = sel.loc[(item, t)]
            zr.append(float(r["persen"]))
            tr.append(persen_lengkap(r["persen"]))
            rusak = f" · {fmt.angka(r['rusak'])} rusak" if r["rusak"] else ""
            hr.append(f"{item} · {label}<br>{fmt.angka(r['tersedia'])} dari {fmt.angka(r['kebutuhan'])} "
                      f"{r['satuan']} layak pakai ({persen_lengkap(r['persen'])}){rusak}<br>"
                      f"lengkap di {fmt.angka(r['tempat_lengkap'])} dari {fmt.angka(r['tempat'])} tempat")
        z.append(zr)
        teks.append(tr)
        hover.append(hr)
    # One flat colour band per completeness class (the same classes as the tables): z is the
    # class index, the text is the exact percentage.
    n = len(KELAS_PERSEN)
    skala = []
    for i, k in enumerate(KELAS_PERSEN):
        skala += [[i / n, k[2]], [(i + 1) / n, k[2]]]
    data = [{"type": "heatmap", "z": [[kelas(v) for v in baris] for baris in z], "x": kolom, "y": items,
             "zmin": -0.5, "zmax": n - 0.5, "colorscale": skala, "text": teks, "texttemplate": "%{text}",
             "textfont": {"size": 15}, "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>",
             "xgap": 3, "ygap": 3,
             "colorbar": {"title": {"text": "Kelengkapan", "font": grafik.TEKS_SUMBU}, "tickvals": list(range(n)),
                          "ticktext": [k[1] for k in KELAS_PERSEN], "tickfont": grafik.TEKS_SUMBU, "thickness": 14,
                          "len": min(1.0, 0.25 * n / max(len(items), 1) + 0.5)}}]
    return grafik.figur(data, {
        "margin": {"l": 8, "r": 8, "t": 40, "b": 8},
        "xaxis": {"side": "top", "showgrid": False, "fixedrange": True, "tickfont": grafik.TEKS_SUMBU},
        "yaxis": {"autorange": "reversed", "showgrid": False, "fixedrange": True, "tickfont": grafik.TEKS_SUMBU}},
        tinggi=90 + 44 * len(items), legenda=False)


def tabel_tahap(df: pd.DataFrame) -> pd.DataFrame:
    """The figures behind the heatmap, server-formatted."""
    rows = df.sort_values(["urutan_item", "kode_item", "urutan_tahap"]).to_dict("records")
    return pd.DataFrame({
        "Item": [r["nama_item"] for r in rows],
        "Tahap": [TAHAP_PENDEK[r["tahap"]] for r in rows],
        "Kelengkapan": [persen_lengkap(r["persen"]) for r in rows],
        "Layak pakai": [f"{fmt.angka(r['tersedia'])} dari {fmt.angka(r['kebutuhan'])} {r['satuan']}" for r in rows],
        "Kurang": [fmt.angka(r["kurang"]) for r in rows],
        "Rusak": [fmt.angka(r["rusak"]) for r in rows],
        "Tempat lengkap": [f"{fmt.angka(r['tempat_lengkap'])} dari {fmt.angka(r['tempat'])}" for r in rows],
    }, columns=["Item", "Tahap", "Kelengkapan", "Layak pakai", "Kurang", "Rusak", "Tempat lengkap"])


def ekspor_tahap(df: pd.DataFrame) -> pd.DataFrame:
    """Raw figures per item and stage for download."""
    out = df.sort_values(["urutan_item", "kode_item", "urutan_tahap"])
    return pd.DataFrame({
        "Kode item": out["kode_item"], "Item": out["nama_item"], "Satuan": out["satuan"],
        "Tahap": out["tahap"].map(LABEL_TAHAP), "Jumlah tempat": out["tempat"], "Tempat lengkap": out["tempat_lengkap"],
        "Kebutuhan": out["kebutuhan"], "Diterima": out["diterima"], "Rusak": out["rusak"],
        "Layak pakai": out["tersedia"], "Kurang": out["kurang"], "Kelengkapan (%)": out["persen"].round(2),
        "Penerimaan terakhir": out["terakhir"],
    })


# ------------------------------------------------------------------ per kecamatan / kelurahan

def _anak(df: pd.DataFrame) -> pd.DataFrame:
    return df[~df["lingkup"].astype(bool)]


def _data_wilayah(df: pd.DataFrame, zona: str) -> pd.DataFrame:
    anak = _anak(df)
    kec = not anak.empty and anak["tingkat"].iloc[0] == "kecamatan"
    unit = "Kecamatan" if kec else "Kelurahan"
    out = pd.DataFrame({
        unit: anak["nama"].tolist(),
        "PPK": anak["persen_ppk"].astype(float).tolist(),
        "PPS": anak["persen_pps"].astype(float).tolist(),
        "TPS": anak["persen_tps"].astype(float).tolist(),
        "TPS lengkap": anak["tps_lengkap"].astype(int).tolist(),
        "Jumlah TPS": anak["jumlah_tps"].astype(int).tolist(),
        "Kurang di TPS": anak["kurang_tps"].astype(int).tolist(),
        "Rusak": anak["rusak"].astype(int).tolist(),
        "Penerimaan terakhir": [fmt.waktu_pendek(_ts(t), zona) for t in anak["terakhir"]],
    })
    return out if kec else out.drop(columns=["PPK"])


def _css_kelas(v) -> str:
    _, bg, fg = kelas_persen(v)
    return f"background-color: {bg}; color: {fg}"


def tabel_wilayah(df: pd.DataFrame, zona: str):
    """Completeness per stage for each unit (kecamatan, or kelurahan of the selected kecamatan):
    numbers stay numbers (so columns sort), shown through a Styler formatter, and the stage
    columns are coloured with the completeness classes."""
    return gaya_wilayah(_data_wilayah(df, zona))


def gaya_wilayah(out: pd.DataFrame):
    """The Styler over a display frame from :func:`_data_wilayah` (cheap: built per rerun)."""
    tahap = [c for c in ("PPK", "PPS", "TPS") if c in out.columns]
    angka = {c: fmt.angka for c in ("TPS lengkap", "Jumlah TPS", "Kurang di TPS", "Rusak")}
    return out.style.format({**{c: persen_lengkap for c in tahap}, **angka}).map(_css_kelas, subset=tahap)




def ekspor_wilayah(df: pd.DataFrame) -> pd.DataFrame:
    anak = _anak(df)
    return pd.DataFrame({
        "Tingkat": anak["tingkat"], "Kode": anak["kode"], "Nama": anak["nama"],
        "Kelengkapan gudang KPU (%)": anak["persen_gudang"].round(2),
        "Kelengkapan PPK (%)": anak["persen_ppk"].round(2),
        "Kelengkapan PPS (%)": anak["persen_pps"].round(2), "Kelengkapan TPS (%)": anak["persen_tps"].round(2),
        "TPS lengkap": anak["tps_lengkap"], "Jumlah TPS": anak["jumlah_tps"], "Kurang di TPS": anak["kurang_tps"],
        "Rusak": anak["rusak"], "Penerimaan terakhir": anak["terakhir"],
    })


def cara_kekurangan(wilayah: str, batas: dt.date, kecamatan: bool) -> str:
    """How shortages are counted (the caption under the shortage table)."""
    return (f"Dihitung kekurangan: item yang baru diterima sebagian; item yang belum diterima padahal tempat lain "
            f"dengan induk yang sama (TPS satu PPS, PPS satu PPK, PPK se-{wilayah}) sudah menerimanya; dan "
            f"mulai {fmt.tanggal(batas)} (batas H-1), setiap item yang belum lengkap di TPS. Barang rusak tetap "
            "tercatat walau sudah diganti." + (f" Kekurangan di gudang KPU tampil bila memilih seluruh {wilayah}."
                                               if kecamatan else ""))


def cara_proyeksi(batas: dt.date) -> str:
    """How the completion date is projected (the caption under the projection)."""
    return ("Cara menghitung: bila sudah ada TPS yang menerima, kemajuan adalah kelengkapan di TPS dan lajunya "
            "pertambahan kemajuan per hari selama 3 hari terakhir (atau sejak hari pertama TPS menerima, bila lebih "
            "baru), dibandingkan dengan batas H-1. Sebelum itu, kemajuan adalah rata-rata kelengkapan gudang KPU, "
            "PPK dan PPS dengan laju selama 3 hari terakhir, dibandingkan dengan batas H-2 (PPS menyerahkan logistik "
            "ke KPPS pada H-1). Perkiraan tanggal lengkap = tanggal data + sisa ÷ laju (dibulatkan ke atas, dalam "
            "hari). Berisiko: perkiraan sesudah batasnya, tidak ada kemajuan padahal belum lengkap, atau batas sudah "
            f"lewat dan belum lengkap. Batas H-1: {fmt.tanggal(batas)}.")


def legenda_kelas() -> str:
    return "Warna kelengkapan: " + " · ".join(k[1] for k in KELAS_PERSEN) + " (makin gelap makin lengkap)."


# ------------------------------------------------------------------ shortages and damage

def _ts(x):
    return None if _hilang(x) else pd.Timestamp(x).to_pydatetime()


def keadaan(kurang: int, rusak: int, diterima: int) -> str:
    if kurang > 0 and rusak > 0:
        return "Kurang, ada yang rusak"
    if kurang > 0:
        return "Belum diterima" if diterima == 0 else "Kurang"
    return "Rusak, sudah diganti"


def tabel_kekurangan(df: pd.DataFrame, zona: str) -> pd.DataFrame:
    """Shortages first (missing units), then damaged items already made good; numbers stay
    integers so the columns sort, the note stays plain text."""
    df = df.assign(_urut=(df["kurang"] == 0).astype(int)).sort_values("_urut", kind="stable")
    rows = df.to_dict("records")
    return pd.DataFrame({
        "Tahap": [TAHAP_PENDEK[r["tahap"]] for r in rows],
        "Kecamatan": [r["nama_kecamatan"] if isinstance(r["nama_kecamatan"], str) else fmt.KOSONG for r in rows],
        "Kelurahan": [r["nama_kelurahan"] if isinstance(r["nama_kelurahan"], str) else fmt.KOSONG for r in rows],
        "TPS": [f"TPS {int(r['nomor_tps']):03d}" if not _hilang(r["nomor_tps"]) else fmt.KOSONG for r in rows],
        "Item": [r["nama_item"] for r in rows],
        "Keadaan": [keadaan(r["kurang"], r["rusak"], r["diterima"]) for r in rows],
        "Kebutuhan": [int(r["kebutuhan"]) for r in rows],
        "Diterima": [int(r["diterima"]) for r in rows],
        "Rusak": [int(r["rusak"]) for r in rows],
        "Kurang": [int(r["kurang"]) for r in rows],
        "Satuan": [r["satuan"] for r in rows],
        "Penerimaan terakhir": [fmt.waktu_pendek(_ts(r["terakhir"]), zona) if not _hilang(r["terakhir"])
                                else "belum pernah diterima" for r in rows],
        "Catatan": [r["catatan"] if isinstance(r["catatan"], str) else "" for r in rows],
        "Kode tempat": [r["kode_lokasi"] for r in rows],
    }, columns=["Tahap", "Kecamatan", "Kelurahan", "TPS", "Item", "Keadaan", "Kebutuhan", "Diterima", "Rusak",
                "Kurang", "Satuan", "Penerimaan terakhir", "Catatan", "Kode tempat"])




def _kekurangan_bertaut(q: Q, k: Konteks, kurang: pd.DataFrame) -> pd.DataFrame:
    """The shortage table with each row's task, its open logistics incidents and a "Buat tugas" link
    (row-level data: only for roles that see rows)."""
    t = tabel_kekurangan(kurang, k.wilayah.zona_waktu)
    if not k.akses.boleh(RINCIAN):
        return t
    ins = q("insiden_daftar", tanggal=k.tanggal, kecamatan=k.kecamatan, kelurahan=None, mulai=None)
    return tugas.tautkan_kekurangan(t, kurang, tugas.tugas_asal(q, k, "logistik"), ins)


def ringkas_kekurangan(df: pd.DataFrame) -> str:
    kurang, rusak = df[df["kurang"] > 0], df[df["rusak"] > 0]
    tempat = df.loc[df["kurang"] > 0, "kode_lokasi"].nunique()
    return (f"{fmt.angka(len(kurang))} kekurangan ({fmt.angka(kurang['kurang'].sum())} unit) di "
            f"{fmt.angka(tempat)} tempat; {fmt.angka(len(rusak))} item diterima rusak "
            f"({fmt.angka(rusak['rusak'].sum())} unit).")


def ekspor_kekurangan(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Tahap": df["tahap"].map(LABEL_TAHAP), "Kode tempat": df["kode_lokasi"], "Kecamatan": df["nama_kecamatan"],
        "Kelurahan": df["nama_kelurahan"], "Nomor TPS": df["nomor_tps"], "Kode item": df["kode_item"],
        "Item": df["nama_item"], "Satuan": df["satuan"], "Kebutuhan": df["kebutuhan"], "Diterima": df["diterima"],
        "Rusak": df["rusak"], "Layak pakai": df["tersedia"], "Kurang": df["kurang"],
        "Penerimaan terakhir": df["terakhir"], "Catatan": df["catatan"],
    })


# ------------------------------------------------------------------ projection

@dataclass(frozen=True)
class Proyeksi:
    status: str                   # lengkap | sesuai | berisiko
    sebab: str                    # lengkap | tepat | terlambat | tanpa_kemajuan | terlalu_lama | lewat_batas
                                  # | siap_ke_tps (complete up to the PPS, waiting for the H-1 hand-over)
    tanggal: dt.date | None       # projected completion date (None: complete, no progress, too far)
    hari: int | None              # days from the as-of date to that date


def proyeksi(kemajuan: float, laju: float | None, tanggal: dt.date, batas: dt.date) -> Proyeksi:
    """When will a unit be complete (progress 100) if the current pace continues?

    ``kemajuan`` is the progress (0..100) at the end of ``tanggal``, ``laju`` the pace in points
    per day over the recent window (from ``queries/logistik_laju.sql``), ``batas`` the H-1
    deadline. The projected date is the first day whose end reaches 100:
    ``tanggal + ceil((100 - kemajuan) / laju)`` days.

    - complete (progress 100, or NaN: a unit without TPS needs nothing) → ``lengkap``, whatever the date;
    - the deadline has passed while incomplete → ``berisiko`` (``lewat_batas``), with the
      projected date when there is a pace;
    - no pace (0, negative or unknown) while incomplete → ``berisiko`` (``tanpa_kemajuan``);
    - more than a year away → ``berisiko`` (``terlalu_lama``), no date;
    - projected after the deadline → ``berisiko`` (``terlambat``); otherwise ``sesuai`` (``tepat``).
    """
    if math.isnan(kemajuan) or kemajuan >= 100 - EPS:     # NaN: no TPS, nothing is needed
        return Proyeksi("lengkap", "lengkap", None, None)
    ada_laju = laju is not None and not math.isnan(laju) and laju > EPS
    hari = math.ceil((100 - kemajuan) / laju - EPS) if ada_laju else None
    if hari is not None and hari > MAKS_HARI:
        return Proyeksi("berisiko", "lewat_batas" if tanggal > batas else "terlalu_lama", None, None)
    kapan = tanggal + dt.timedelta(days=hari) if hari is not None else None
    if tanggal > batas:
        return Proyeksi("berisiko", "lewat_batas", kapan, hari)
    if kapan is None:
        return Proyeksi("berisiko", "tanpa_kemajuan", None, None)
    if kapan > batas:
        return Proyeksi("berisiko", "terlambat", kapan, hari)
    return Proyeksi("sesuai", "tepat", kapan, hari)


def tenggat(metode: str, batas: dt.date) -> dt.date:
    """The deadline a unit's progress is projected against: H-1 at the TPS; before any TPS has
    received anything, the stages up to the PPS must be complete by H-2, since the PPS hand
    everything to the KPPS on H-1."""
    return batas if metode == "tps" else batas - dt.timedelta(days=1)


def _proyeksi_baris(metode: str, kemajuan: float, laju: float | None, tanggal: dt.date,
                    batas: dt.date) -> Proyeksi:
    if metode == "hulu" and kemajuan >= 100 - EPS and tanggal < batas:
        return Proyeksi("sesuai", "siap_ke_tps", None, None)
    if metode == "hulu" and kemajuan >= 100 - EPS:      # H-1 has come and no TPS has received anything
        return Proyeksi("berisiko", "lewat_batas", None, None)
    return proyeksi(kemajuan, laju, tanggal, tenggat(metode, batas))


def proyeksikan(df: pd.DataFrame, tanggal: dt.date, batas: dt.date) -> pd.DataFrame:
    """``logistik_laju`` rows with the projection added (status, sebab, tanggal_proyeksi, hari)."""
    p = [_proyeksi_baris(m, float(k), None if _hilang(v) else float(v), tanggal, batas)
         for m, k, v in zip(df["metode"], df["kemajuan"], df["laju"])]
    return df.assign(status=[x.status for x in p], sebab=[x.sebab for x in p],
                     tanggal_proyeksi=[x.tanggal for x in p], hari=[x.hari for x in p])


NAMA_TENGGAT = {"tps": "batas H-1", "hulu": "batas PPS H-2"}


def _keterangan(r, batas: dt.date) -> str:
    sebab, kapan, nama_batas = r["sebab"], r["tanggal_proyeksi"], NAMA_TENGGAT[r["metode"]]
    if sebab == "lengkap":
        t = _ts(r["terakhir"])
        return f"lengkap sejak {fmt.tanggal(t.date(), pendek=True)}" if t else "lengkap"
    if sebab == "siap_ke_tps":
        return f"lengkap sampai PPS, menunggu distribusi ke TPS ({fmt.tanggal(batas, pendek=True)})"
    if sebab == "tanpa_kemajuan":
        return f"tidak ada kemajuan dalam {fmt.angka(r['jendela_hari'])} hari terakhir"
    if sebab == "terlalu_lama":
        return "dengan laju ini lebih dari setahun"
    if sebab == "lewat_batas":
        return ("batas H-1 tiba dan belum ada TPS yang menerima" if r["metode"] == "hulu" and r["kemajuan"] >= 100 - EPS
                else f"{nama_batas} sudah lewat dan belum lengkap")
    lewat = (kapan - tenggat(r["metode"], batas)).days
    if lewat > 0:
        return f"{fmt.angka(lewat)} hari sesudah {nama_batas}"
    return f"tepat pada {nama_batas}" if lewat == 0 else f"{fmt.angka(-lewat)} hari sebelum {nama_batas}"


def _nama(r, nama_lingkup: str) -> str:
    return r["nama"] if isinstance(r["nama"], str) else nama_lingkup


def _laju_teks(r) -> str:
    v = float(r["laju"]) if not _hilang(r["laju"]) else 0.0
    tanda = "+" if v > EPS else ("−" if v < -EPS else "")
    return f"{tanda}{fmt.angka(abs(v), 1)} poin/hari"


UKUR = {"tps": "di TPS", "hulu": "sampai PPS"}


def _urut_proyeksi(df: pd.DataFrame) -> pd.DataFrame:
    urut = {"berisiko": 0, "sesuai": 1, "lengkap": 2}
    far = dt.date.max
    key = [(urut[s], -(t or far).toordinal(), k) for s, t, k in
           zip(df["status"], df["tanggal_proyeksi"], df["kemajuan"])]
    return df.assign(_k=key).sort_values("_k", kind="stable").drop(columns="_k")


def tabel_proyeksi(dfp: pd.DataFrame, batas: dt.date) -> pd.DataFrame:
    """One row per unit (not the scope row), at-risk first, latest projected date first."""
    anak = _urut_proyeksi(_anak(dfp))
    unit = "Kecamatan" if not anak.empty and anak["tingkat"].iloc[0] == "kecamatan" else "Kelurahan"
    rows = anak.to_dict("records")
    return pd.DataFrame({
        unit: [r["nama"] for r in rows],
        "Status": [STATUS_PROYEKSI[r["status"]][0] for r in rows],
        "Perkiraan lengkap": [fmt.tanggal(r["tanggal_proyeksi"]) if r["tanggal_proyeksi"] else fmt.KOSONG
                              for r in rows],
        "Keterangan": [_keterangan(r, batas) for r in rows],
        "Kemajuan": [persen_lengkap(r["kemajuan"]) for r in rows],
        "Diukur": [UKUR[r["metode"]] for r in rows],
        "Laju": [_laju_teks(r) for r in rows],
        "Jendela": [f"{fmt.angka(r['jendela_hari'])} hari" for r in rows],
        "TPS lengkap": [f"{fmt.angka(r['tps_lengkap'])} dari {fmt.angka(r['jumlah_tps'])}" for r in rows],
    })




def warnai_status(df: pd.DataFrame):
    """Bold status text in its colour (never a readiness-level colour)."""
    warna = {v[0]: v[1] for v in STATUS_PROYEKSI.values()}
    return df.style.map(lambda s: f"color: {warna.get(s, '#1a1a1a')}; font-weight: 600", subset=["Status"])


def ekspor_proyeksi(dfp: pd.DataFrame, nama_lingkup: str, batas: dt.date) -> pd.DataFrame:
    """Raw projection figures: the scope's row first, then the units as in the table."""
    rows = pd.concat([dfp[dfp["lingkup"].astype(bool)], _urut_proyeksi(_anak(dfp))])
    return pd.DataFrame({
        "Tingkat": rows["tingkat"], "Kode": rows["kode"],
        "Nama": [_nama(r, nama_lingkup) for r in rows.to_dict("records")],
        "Status": rows["status"].map(lambda s: STATUS_PROYEKSI[s][0]), "Perkiraan lengkap": rows["tanggal_proyeksi"],
        "Batas": [tenggat(m, batas) for m in rows["metode"]],
        "Hari sesudah batas": [(t - tenggat(m, batas)).days if t else None
                               for m, t in zip(rows["metode"], rows["tanggal_proyeksi"])],
        "Diukur": rows["metode"].map(UKUR), "Kemajuan (%)": rows["kemajuan"].round(2),
        "Kemajuan awal jendela (%)": rows["kemajuan_awal"].round(2), "Jendela (hari)": rows["jendela_hari"],
        "Laju (poin per hari)": rows["laju"].round(3), "TPS lengkap": rows["tps_lengkap"],
        "Jumlah TPS": rows["jumlah_tps"],
    })


def ada_risiko(dfp: pd.DataFrame) -> bool:
    return bool((dfp["status"] == "berisiko").any())


def kalimat_proyeksi(dfp: pd.DataFrame, nama_lingkup: str, batas: dt.date) -> str:
    """One sentence for the scope, plus the at-risk units under it."""
    lingkup = dfp[dfp["lingkup"].astype(bool)]
    if lingkup.empty:
        return ""
    r = lingkup.iloc[0].to_dict()
    if not r["jumlah_tps"]:
        return f"Belum ada TPS di {nama_lingkup}."
    if r["status"] == "lengkap":
        teks = f"Logistik {nama_lingkup} sudah lengkap di semua TPS."
    elif r["sebab"] == "siap_ke_tps":
        teks = (f"Logistik {nama_lingkup} sudah lengkap sampai PPS dan menunggu distribusi ke TPS pada "
                f"{fmt.tanggal(batas)} (H-1).")
    elif r["tanggal_proyeksi"]:
        sampai = "di semua TPS" if r["metode"] == "tps" else "sampai PPS"
        teks = (f"Dengan laju saat ini, logistik {nama_lingkup} diperkirakan lengkap {sampai} pada "
                f"{fmt.tanggal(r['tanggal_proyeksi'])} ({_keterangan(r, batas)}).")
    else:
        teks = f"Logistik {nama_lingkup} belum lengkap: {_keterangan(r, batas)}."
    anak = _anak(dfp)
    risiko = anak[anak["status"] == "berisiko"]
    if len(anak):
        unit = "kecamatan" if anak["tingkat"].iloc[0] == "kecamatan" else "kelurahan"
        if risiko.empty:
            teks += f" Tidak ada {unit} yang berisiko."
        else:
            teks += (f" {fmt.angka(len(risiko))} dari {fmt.angka(len(anak))} {unit} berisiko: "
                     + ", ".join(_urut_proyeksi(risiko)["nama"]) + ".")
    return teks


def grafik_proyeksi(dfp: pd.DataFrame, tanggal: dt.date, batas: dt.date, tambah_maks: int = 14) -> go.Figure:
    """A dot per unit at its projected completion date on a date axis, a line from the as-of
    date to it, and vertical lines at the as-of date and the H-1 deadline. Dates beyond
    ``batas + tambah_maks`` days (and units without progress) sit at the right edge, labelled."""
    anak = _urut_proyeksi(_anak(dfp)).iloc[::-1]          # plotly draws the first category at the bottom
    tepi = batas + dt.timedelta(days=tambah_maks)
    x, label, hover = [], [], []
    for r in anak.to_dict("records"):
        t, nama = r["tanggal_proyeksi"], r["nama"]
        if r["status"] == "lengkap":
            akhir = _ts(r["terakhir"])
            pos = min(akhir.date(), tanggal) if akhir else tanggal
            lab = "lengkap"
        elif r["sebab"] == "siap_ke_tps":
            pos, lab = batas, "siap ke TPS"
        elif t is None:
            pos, lab = tepi, ("tanpa kemajuan" if r["sebab"] in ("tanpa_kemajuan", "lewat_batas") else "> 1 tahun")
        elif t > tepi:
            pos, lab = tepi, f"→ {fmt.tanggal(t, pendek=True)}"
        else:
            pos, lab = t, fmt.bulan_pendek(t)
        x.append(pos)
        label.append(lab)
        hover.append(f"{nama}<br>{STATUS_PROYEKSI[r['status']][0]}: {_keterangan(r, batas)}<br>"
                     f"kemajuan {persen_lengkap(r['kemajuan'])} {UKUR[r['metode']]}, {_laju_teks(r)}")
    anak = anak.assign(_x=x, _label=label, _hover=hover)
    garis_x, garis_y = [], []
    for r in anak.to_dict("records"):
        if r["status"] != "lengkap":
            garis_x += [pd.Timestamp(tanggal), pd.Timestamp(r["_x"]), None]
            garis_y += [r["nama"], r["nama"], None]
    data = [{"type": "scatter", "x": garis_x, "y": garis_y, "mode": "lines", "line": {"color": "#c4c9d4", "width": 2},
             "hoverinfo": "skip", "showlegend": False}]
    for status, (nama_status, warna, simbol) in STATUS_PROYEKSI.items():
        bag = anak[anak["status"] == status]
        if bag.empty:
            continue
        data.append({
            "type": "scatter", "x": [pd.Timestamp(v) for v in bag["_x"]], "y": bag["nama"].tolist(),
            "mode": "markers+text", "name": nama_status,
            "marker": {"color": warna, "symbol": simbol, "size": 14, "line": {"color": "#ffffff", "width": 1}},
            "text": bag["_label"].tolist(), "textposition": "middle right",
            "textfont": {"color": "#1a1a1a", "size": 13}, "customdata": bag["_hover"].tolist(),
            "hovertemplate": "%{customdata}<extra></extra>", "cliponaxis": False})
    kiri = min([tanggal, batas, *[v for v in anak["_x"]]]) - dt.timedelta(days=1)
    kanan = max([batas, *[v for v in anak["_x"]]]) + dt.timedelta(days=2)
    if tanggal == batas:
        garis = [(batas, f"Batas H-1 = data per {fmt.bulan_pendek(batas)}", "dash", "left")]
    else:   # the earlier line's label to its left, the later one's to its right: they never overlap
        sisi_data = "right" if tanggal < batas else "left"
        garis = [(batas, f"Batas H-1 · {fmt.bulan_pendek(batas)}", "dash", "left" if tanggal < batas else "right"),
                 (tanggal, f"Data per {fmt.bulan_pendek(tanggal)}", "dot", sisi_data)]
    shapes, notes = [], []
    for hari, teks, gaya, sisi in garis:
        warna = "#CC3311" if gaya == "dash" else "#555555"
        shapes.append({"type": "line", "x0": pd.Timestamp(hari), "x1": pd.Timestamp(hari), "y0": 0, "y1": 1,
                       "yref": "paper", "line": {"color": warna, "width": 2, "dash": gaya}})
        notes.append({"x": pd.Timestamp(hari), "y": 1, "yref": "paper", "yanchor": "bottom", "text": teks,
                      "showarrow": False, "font": {"size": 13, "color": warna}, "xanchor": sisi})
    return grafik.figur(data, {
        "margin": {"l": 8, "r": 90, "t": 64, "b": 8}, "shapes": shapes, "annotations": notes,
        "legend": {"x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom"},
        "xaxis": {"type": "date", "range": [pd.Timestamp(kiri), pd.Timestamp(kanan)], "fixedrange": True,
                  "tickfont": grafik.TEKS_SUMBU,
                  **grafik.tik_tanggal(pd.date_range(kiri, kanan, freq="D").date, maks=12)},
        "yaxis": {"type": "category", "fixedrange": True, "showgrid": False, "tickfont": grafik.TEKS_SUMBU}},
        tinggi=120 + 34 * max(len(anak), 1))


# ------------------------------------------------------------------ the screen

@dataclass(frozen=True)
class HalamanLogistik:
    """Everything the Logistik screen shows for one view, built once."""
    belum_ada: str | None                       # empty-state sentence before the first receipt
    angka: tuple[Angka, ...] = ()               # header figures
    kalimat: str = ""                           # the scope's projection sentence
    risiko: bool = False                        # any unit (or the scope) at risk
    grafik_tahap: go.Figure | None = None
    tabel_tahap: pd.DataFrame | None = None
    ekspor_tahap: pd.DataFrame | None = None
    wilayah: pd.DataFrame | None = None         # display frame per kecamatan/kelurahan (numbers kept)
    ekspor_wilayah: pd.DataFrame | None = None
    kekurangan: pd.DataFrame | None = None
    ringkas_kekurangan: str = ""
    ekspor_kekurangan: pd.DataFrame | None = None
    grafik_proyeksi: go.Figure | None = None
    tabel_proyeksi: pd.DataFrame | None = None
    ekspor_proyeksi: pd.DataFrame | None = None
    tanpa_proyeksi: bool = False                # voting day or after: no pre-voting projection

    @property
    def berisiko(self) -> pd.DataFrame:
        """The rows of :attr:`tabel_proyeksi` at risk of not being complete by their deadline."""
        t = self.tabel_proyeksi
        if t is None or t.empty:
            return pd.DataFrame()
        return t[t["Status"] == STATUS_PROYEKSI["berisiko"][0]]


def susun(q: Q, k: Konteks) -> HalamanLogistik:
    """Run the screen's queries through ``q`` and build every table, figure and sentence."""
    tanggal, kecamatan, batas, zona = k.tanggal, k.kecamatan, k.wilayah.batas_logistik, k.wilayah.zona_waktu
    ringkas = q("logistik_ringkas", tanggal=tanggal, kecamatan=kecamatan).iloc[0]
    if ringkas["tanda_terima"] == 0:
        return HalamanLogistik(belum_ada=kalimat_belum_ada(tanggal, ringkas["pertama"]))
    laju = proyeksikan(q("logistik_laju", tanggal=tanggal, kecamatan=kecamatan, batas=batas), tanggal, batas)
    tahap = q("logistik_tahap", tanggal=tanggal, kecamatan=kecamatan)
    wil = q("logistik_wilayah", tanggal=tanggal, kecamatan=kecamatan)
    kurang = q("logistik_kekurangan", tanggal=tanggal, kecamatan=kecamatan)
    sisa, ket_sisa = sisa_hari(tanggal, batas)
    hari = k.wilayah.hari_pemungutan
    if tanggal >= hari:            # voting has begun: say what the distribution achieved, project nothing
        akhir, kalimat = sesudah_h(ringkas, k.nama_lingkup, tanggal, hari, batas)
        risiko = int(ringkas["tps_lengkap"]) < int(ringkas["jumlah_tps"])
    else:
        akhir, kalimat = Angka("Menuju batas logistik (H-1)", sisa, ket_sisa), kalimat_proyeksi(laju, k.nama_lingkup,
                                                                                                 batas)
        risiko = ada_risiko(laju)
    unit_ada = len(_anak(laju)) > 0 and tanggal < hari
    return HalamanLogistik(
        belum_ada=None,
        angka=(*angka_kunci(ringkas, k.nama_lingkup, kecamatan is not None), akhir),
        kalimat=kalimat, risiko=risiko, tanpa_proyeksi=tanggal >= hari,
        grafik_tahap=grafik_tahap(tahap, k.nama_kec), tabel_tahap=tabel_tahap(tahap),
        ekspor_tahap=ekspor_tahap(tahap),
        wilayah=_data_wilayah(wil, zona) if len(_anak(wil)) else None, ekspor_wilayah=ekspor_wilayah(wil),
        kekurangan=_kekurangan_bertaut(q, k, kurang) if len(kurang) else None,
        ringkas_kekurangan=ringkas_kekurangan(kurang) if len(kurang) else "",
        ekspor_kekurangan=ekspor_kekurangan(kurang),
        grafik_proyeksi=grafik_proyeksi(laju, tanggal, batas) if unit_ada else None,
        tabel_proyeksi=tabel_proyeksi(laju, batas) if unit_ada else None,
        ekspor_proyeksi=ekspor_proyeksi(laju, k.nama_lingkup, batas) if tanggal < hari else None,
    )
