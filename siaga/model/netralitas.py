"""Netralitas ASN page: key figures, the case flow, cases by type/class, OPD and kecamatan,
and the open cases with their age and deadline.

No personal data reaches these builders: the queries read the case log only, and the
identities (``netralitas_pribadi.csv``) are never loaded into the store. Numbers and dates are
formatted here (server side). Labels and the order of statuses, violation types, classes and
sources come from ``siaga.inti.kontrak``. Free text from the data (OPD names) is escaped before it
enters a plotly figure, whose labels would otherwise interpret tags such as ``<a>`` or ``<b>``;
tables show it through st.dataframe, as plain text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from siaga.akses import RINCIAN
from siaga.inti import fmt
from siaga.inti.kontrak import (
    JENIS_PELANGGARAN,
    KELAS_PELANGGARAN,
    PENANGGUNG_JAWAB_NETRALITAS,
    STATUS_NETRALITAS,
    STATUS_TUTUP,
    SUMBER_NETRALITAS,
)
from siaga.model import grafik
from siaga.model.komponen import Angka, Q, Tabel
from siaga.model.konteks import Konteks

LABEL_STATUS_KASUS = dict(STATUS_NETRALITAS)
URUTAN_STATUS = [kode for kode, _ in STATUS_NETRALITAS]          # workflow order
LABEL_JENIS_PELANGGARAN = dict(JENIS_PELANGGARAN)
LABEL_KELAS_PELANGGARAN = dict(KELAS_PELANGGARAN)
LABEL_SUMBER_KASUS = dict(SUMBER_NETRALITAS)

# Deadlines under the Pilkada law as gathered in the domain notes (not verified for 2024).
BATAS_LAPOR_HARI = 7            # a report within 7 days of the event
BAWASLU_HARI, BAWASLU_TAMBAHAN = 3, 2   # Bawaslu follows up within 3 days (+2 for more information)
KETENTUAN = (f"Ketentuan batas waktu yang dipakai: laporan paling lambat {BATAS_LAPOR_HARI} hari setelah peristiwa; "
             f"tindak lanjut Bawaslu paling lambat {BAWASLU_HARI} hari setelah laporan diterima (+{BAWASLU_TAMBAHAN} "
             "hari bila perlu keterangan tambahan) — belum terverifikasi untuk Pilkada 2024. Batas waktu tahap "
             "berikutnya setiap kasus diambil dari data.")
PRIVASI = ("Identitas ASN terlapor dan pelapor disimpan di berkas terpisah berakses terbatas dan tidak ditampilkan "
           "di halaman ini; yang tampil hanya nomor kasus, tanggal, kecamatan, OPD, jenis, kelas, sumber, status "
           "dan sanksi.")

# Colour-blind safe (Paul Tol "vibrant", grafik.PALET): the same meaning on every chart here.
WARNA_TEPAT = grafik.PALET[0]       # open, within its deadline
WARNA_LEWAT = grafik.PALET[3]       # open, past its deadline
WARNA_SELESAI = grafik.PALET[2]     # closed: selesai
WARNA_TIDAK = grafik.PALET[6]       # closed: tidak terbukti
WARNA_KELAS = {"etik": grafik.PALET[0], "disiplin": grafik.PALET[1]}
TOP_OPD = 10


def _teks(value) -> str:
    """Free text from the data, made literal for plotly's pseudo-HTML labels."""
    return html.escape(str(value), quote=False)


def _label_bar(values) -> list[str]:
    return [fmt.angka(v) if v else "" for v in values]


def lingkup_kalimat(nama_lingkup: str, tanggal) -> str:
    """``di Kecamatan Beta sampai 25 November 2024``."""
    return f"di {nama_lingkup} sampai {fmt.tanggal(tanggal)}"


# ------------------------------------------------------------------ key figures

def angka_kunci(r) -> list[Angka]:
    """The six key figures of ``netralitas_ringkas`` (one row), formatted, with their definitions."""
    return [
        Angka("Kasus tercatat", fmt.angka(r["jumlah_kasus"]),
              bantuan="Semua kasus yang dilaporkan atau ditemukan sampai tanggal data, termasuk yang sudah ditutup"),
        Angka("Masih berjalan", fmt.angka(r["terbuka"]),
              bantuan="Kasus yang belum selesai dan belum dinyatakan tidak terbukti"),
        Angka("Lewat batas waktu", fmt.angka(r["terlambat"]),
              bantuan="Kasus berjalan yang tahap berikutnya sudah melewati batas waktunya"),
        Angka("Terlambat dilaporkan", fmt.angka(r["lapor_terlambat"]),
              bantuan=f"Dilaporkan lebih dari {BATAS_LAPOR_HARI} hari setelah peristiwa"),
        Angka("Selesai dengan sanksi", fmt.angka(r["selesai_sanksi"]),
              bantuan="Kasus selesai dengan sanksi yang tercatat"),
        Angka("Tidak terbukti", fmt.angka(r["tidak_terbukti"]), bantuan="Kasus yang ditutup karena tidak terbukti"),
    ]


def keterangan_angka(r) -> str:
    """One line under the key figures: new reports and closed cases without a recorded sanction."""
    tanpa = int(r["selesai"]) - int(r["selesai_sanksi"])
    teks = f"{fmt.angka(r['baru_7hari'])} kasus baru dilaporkan dalam 7 hari terakhir"
    if tanpa:
        teks += f" · {fmt.angka(tanpa)} kasus selesai tanpa sanksi tercatat"
    return teks + "."


# ------------------------------------------------------------------ flow

def alur(df: pd.DataFrame) -> pd.DataFrame:
    """Every status in workflow order (zero when no case is there), with on-time / overdue counts."""
    d = df.set_index("status").reindex(URUTAN_STATUS, fill_value=0)
    return pd.DataFrame({
        "status": URUTAN_STATUS,
        "tahap": [LABEL_STATUS_KASUS[s] for s in URUTAN_STATUS],
        "jumlah": d["jumlah"].astype(int).to_numpy(),
        "terlambat": d["terlambat"].astype(int).to_numpy(),
    })


def _batang(kategori: list[str], nilai, nama: str, warna: str, teks_warna: str = "#ffffff") -> dict:
    """One horizontal bar trace (a plain dict: the figure is validated once, not per update)."""
    nilai = [int(v) for v in nilai]
    return dict(type="bar", orientation="h", y=kategori, x=nilai, name=nama, marker=dict(color=warna),
                text=_label_bar(nilai), textposition="inside", insidetextanchor="middle",
                textfont=dict(color=teks_warna), customdata=[fmt.angka(v) for v in nilai],
                hovertemplate="%{y}: %{customdata} kasus<extra>" + nama + "</extra>")


def _grafik_batang(kategori: list[str], jejak: list[dict], total, tinggi: int, garis: float | None = None) -> go.Figure:
    """Stacked horizontal bars, first category on top, each total written past its bar's end.
    Counts are written on the bars, so the x axis has no tick labels (no fractional ticks)."""
    total = [int(v) for v in total]
    layout = dict(
        barmode="stack", bargap=0.35, legend=dict(traceorder="normal"),
        annotations=[dict(x=n, y=y, text=fmt.angka(n), showarrow=False, xanchor="left", xshift=6,
                          font=dict(size=13, color="#333333")) for y, n in zip(kategori, total)],
        xaxis=dict(showticklabels=False, showgrid=False, title=None, range=[0, max([*total, 1]) * 1.12]),
        yaxis=dict(type="category", categoryorder="array", categoryarray=kategori, autorange="reversed",
                   automargin=True, title=None, ticksuffix="  "),
    )
    if garis is not None:
        layout["shapes"] = [dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=garis, y1=garis,
                                 line=dict(color="#888888", width=1, dash="dash"))]
    return grafik.figur(jejak, layout, tinggi=tinggi)


def grafik_alur(df: pd.DataFrame) -> go.Figure:
    """Horizontal bars along the flow, top to bottom: open stages (on time / overdue), then the
    two ends selesai and tidak terbukti below a dashed line."""
    a = alur(df)
    kategori = list(a["tahap"])
    buka = ~a["status"].isin(STATUS_TUTUP)
    jejak = [
        _batang(kategori, (a["jumlah"] - a["terlambat"]).where(buka, 0), "Berjalan, dalam batas waktu", WARNA_TEPAT),
        _batang(kategori, a["terlambat"].where(buka, 0), "Berjalan, lewat batas waktu", WARNA_LEWAT),
        _batang(kategori, a["jumlah"].where(a["status"] == "selesai", 0), "Selesai", WARNA_SELESAI),
        _batang(kategori, a["jumlah"].where(a["status"] == "tidak_terbukti", 0), "Tidak terbukti", WARNA_TIDAK,
                "#1a1a1a"),
    ]
    return _grafik_batang(kategori, jejak, a["jumlah"], tinggi=380, garis=len(a) - len(STATUS_TUTUP) - 0.5)


# ------------------------------------------------------------------ type and class

def jenis_kelas(df: pd.DataFrame) -> pd.DataFrame:
    """Cases per violation type (contract order, every type) and class, wide."""
    wide = (df.pivot_table(index="jenis_pelanggaran", columns="kelas", values="jumlah", aggfunc="sum", fill_value=0)
            .reindex(index=list(LABEL_JENIS_PELANGGARAN), columns=list(LABEL_KELAS_PELANGGARAN), fill_value=0))
    out = pd.DataFrame({"jenis": [LABEL_JENIS_PELANGGARAN[j] for j in wide.index]})
    for kelas in LABEL_KELAS_PELANGGARAN:
        out[kelas] = wide[kelas].astype(int).to_numpy()
    return out


def grafik_jenis(df: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars: cases per violation type, split by etik / disiplin."""
    w = jenis_kelas(df)
    kategori = list(w["jenis"])
    jejak = [_batang(kategori, w[kelas], label, WARNA_KELAS[kelas]) for kelas, label in LABEL_KELAS_PELANGGARAN.items()]
    return _grafik_batang(kategori, jejak, w[list(LABEL_KELAS_PELANGGARAN)].sum(axis=1), tinggi=380)


# ------------------------------------------------------------------ OPD and kecamatan

def grafik_opd(df: pd.DataFrame, n: int = TOP_OPD) -> go.Figure:
    """The ``n`` OPD with the most cases: open on time, open overdue, closed."""
    top = df.head(n)
    kategori = [_teks(o) for o in top["opd"]]
    jejak = [
        _batang(kategori, top["terbuka"] - top["terlambat"], "Berjalan, dalam batas waktu", WARNA_TEPAT),
        _batang(kategori, top["terlambat"], "Berjalan, lewat batas waktu", WARNA_LEWAT),
        _batang(kategori, top["ditutup"], "Ditutup", WARNA_TIDAK, "#1a1a1a"),
    ]
    return _grafik_batang(kategori, jejak, top["jumlah"], tinggi=110 + 36 * len(top))


def keterangan_opd(df: pd.DataFrame, n: int = TOP_OPD) -> str:
    if len(df) <= n:
        return f"{fmt.angka(len(df))} OPD yang ASN-nya dilaporkan."
    return f"{fmt.angka(n)} OPD dengan kasus terbanyak dari {fmt.angka(len(df))} OPD yang ASN-nya dilaporkan."


def keterangan_kecamatan(pilih: str | None) -> str:
    return "Semua kecamatan sebagai pembanding" + ("; kecamatan terpilih ditandai ▶." if pilih else ".")


_KOLOM_KEC = {"jumlah": "Kasus", "terbuka": "Berjalan", "terlambat": "Lewat batas waktu",
              "lapor_terlambat": "Terlambat dilaporkan", "selesai": "Selesai", "tidak_terbukti": "Tidak terbukti"}


def tabel_kecamatan(df: pd.DataFrame, pilih: str | None = None) -> pd.DataFrame:
    """Every kecamatan with its counts; the selected one is marked with ▶."""
    kolom = {"Kecamatan": [("▶ " if k == pilih else "") + n for k, n in zip(df["kode"], df["nama"])]}
    kolom.update({label: df[col].astype(int).to_numpy() for col, label in _KOLOM_KEC.items()})
    return pd.DataFrame(kolom)


def ekspor_kecamatan(df: pd.DataFrame) -> pd.DataFrame:
    """The per-kecamatan table for download: raw numbers, Indonesian column names."""
    kolom = {"Kode kecamatan": df["kode"].astype(str).to_numpy(), "Kecamatan": df["nama"].astype(str).to_numpy()}
    kolom.update({label: df[col].astype(int).to_numpy() for col, label in _KOLOM_KEC.items()})
    return pd.DataFrame(kolom)




# ------------------------------------------------------------------ open cases: age and deadline

def tenggat(hari_terlambat, sisa_hari) -> str:
    """``Lewat 3 hari``, ``Hari ini``, ``2 hari lagi`` or ``Tidak dicatat``."""
    if pd.isna(sisa_hari):
        return "Tidak dicatat"
    if hari_terlambat and hari_terlambat > 0:
        return f"Lewat {fmt.angka(hari_terlambat)} hari"
    if sisa_hari == 0:
        return "Hari ini"
    return f"{fmt.angka(sisa_hari)} hari lagi"


def _jarak_lapor(hari, terlambat) -> str:
    """``1 hari``; ``9 hari ⚠`` when reported later than the rule allows."""
    return f"{fmt.angka(hari)} hari" + (" ⚠" if terlambat else "")


KOLOM_TAMPIL = ["Nomor kasus", "Tahap", "Umur (hari)", "Batas waktu", "Tenggat", "Kecamatan", "OPD",
                "Jenis pelanggaran", "Kelas", "Kejadian", "Dilaporkan", "Jarak lapor", "Sumber", "Sanksi"]


def tabel_terbuka(df: pd.DataFrame) -> pd.DataFrame:
    """Open cases as displayed (query order: most overdue first). Case facts only, no identity."""
    rows = df.to_dict("records")
    return pd.DataFrame({
        "Nomor kasus": [r["id_kasus"] for r in rows],
        "Tahap": [LABEL_STATUS_KASUS.get(r["status"], r["status"]) for r in rows],
        "Umur (hari)": [int(r["umur_hari"]) for r in rows],
        "Batas waktu": [fmt.tanggal(r["batas_waktu"], pendek=True) for r in rows],
        "Tenggat": [tenggat(r["hari_terlambat"], r["sisa_hari"]) for r in rows],
        "Kecamatan": [r["nama_kecamatan"] for r in rows],
        "OPD": [r["opd"] for r in rows],
        "Jenis pelanggaran": [LABEL_JENIS_PELANGGARAN.get(r["jenis_pelanggaran"], r["jenis_pelanggaran"])
                              for r in rows],
        "Kelas": [LABEL_KELAS_PELANGGARAN.get(r["kelas"], r["kelas"]) for r in rows],
        "Kejadian": [fmt.tanggal(r["tanggal_kejadian"], pendek=True) for r in rows],
        "Dilaporkan": [fmt.tanggal(r["tanggal_laporan"], pendek=True) for r in rows],
        "Jarak lapor": [_jarak_lapor(r["hari_lapor"], r["lapor_terlambat"]) for r in rows],
        "Sumber": [LABEL_SUMBER_KASUS.get(r["sumber"], r["sumber"]) for r in rows],
        "Sanksi": [r["sanksi"] if isinstance(r["sanksi"], str) and r["sanksi"] else "–" for r in rows],
    }, columns=KOLOM_TAMPIL)


def warnai_tenggat(tabel: pd.DataFrame):
    """A Styler marking overdue deadlines (red) and late reports (orange); the text says it too."""
    def css_tenggat(v: str) -> str:
        return "background-color: #f9d3cc; color: #7a1a0a; font-weight: 600" if v.startswith("Lewat") else ""

    def css_lapor(v: str) -> str:
        return "background-color: #fde3cf; color: #6b3200" if v.endswith("⚠") else ""

    return tabel.style.map(css_tenggat, subset=["Tenggat"]).map(css_lapor, subset=["Jarak lapor"])




def _ya(v) -> str:
    return "ya" if bool(v) else "tidak"


def _tgl(s: pd.Series) -> list:
    return [None if pd.isna(v) else pd.Timestamp(v).date() for v in s]


def ekspor_terbuka(df: pd.DataFrame) -> pd.DataFrame:
    """The open cases for download: raw dates and numbers, Indonesian column names, no identity."""
    return pd.DataFrame({
        "Nomor kasus": df["id_kasus"].astype(str).to_numpy(),
        "Kode status": df["status"].astype(str).to_numpy(),
        "Tahap": [LABEL_STATUS_KASUS.get(s, s) for s in df["status"]],
        "Tindak lanjut oleh": [PENANGGUNG_JAWAB_NETRALITAS.get(s, "") for s in df["status"]],
        "Di tahap ini sejak": [pd.Timestamp(v).to_pydatetime() for v in df["sejak"]],
        "Tanggal kejadian": _tgl(df["tanggal_kejadian"]),
        "Tanggal laporan": _tgl(df["tanggal_laporan"]),
        "Hari kejadian sampai laporan": df["hari_lapor"].astype(int).to_numpy(),
        f"Dilaporkan lebih dari {BATAS_LAPOR_HARI} hari": [_ya(v) for v in df["lapor_terlambat"]],
        "Umur (hari)": df["umur_hari"].astype(int).to_numpy(),
        "Batas waktu": _tgl(df["batas_waktu"]),
        "Hari lewat batas waktu": df["hari_terlambat"].astype(int).to_numpy(),
        "Lewat batas waktu": [_ya(v) for v in df["terlambat"]],
        "Kode kecamatan": df["kode_kecamatan"].astype(str).to_numpy(),
        "Kecamatan": df["nama_kecamatan"].astype(str).to_numpy(),
        "OPD": df["opd"].astype(str).to_numpy(),
        "Jenis pelanggaran": [LABEL_JENIS_PELANGGARAN.get(j, j) for j in df["jenis_pelanggaran"]],
        "Kelas": [LABEL_KELAS_PELANGGARAN.get(c, c) for c in df["kelas"]],
        "Sumber": [LABEL_SUMBER_KASUS.get(s, s) for s in df["sumber"]],
        "Sanksi": [v if isinstance(v, str) else "" for v in df["sanksi"]],
    })


# ------------------------------------------------------------------ the screen

@dataclass(frozen=True)
class HalamanNetralitas:
    """Everything the Netralitas ASN screen shows for one view, built once. Case facts only:
    identities are read on demand by :mod:`siaga.akses.identitas`, never here."""
    angka: tuple[Angka, ...]
    keterangan: str
    kosong: str                                 # said when no case is recorded
    ada_kasus: bool
    grafik_alur: go.Figure | None = None
    grafik_jenis: go.Figure | None = None
    keterangan_opd: str = ""
    grafik_opd: go.Figure | None = None
    kecamatan: pd.DataFrame | None = None       # every kecamatan, for comparison
    ekspor_kecamatan: pd.DataFrame | None = None
    jumlah_terbuka: int = 0
    kosong_terbuka: str = ""
    terbuka: pd.DataFrame | None = None         # open cases (row-level access only)
    ekspor_terbuka: pd.DataFrame | None = None
    kasus_terbuka: tuple[str, ...] = ()         # their ids (the identity controls)
    tabel_terbuka: Tabel | None = None          # the open cases for a slide

    @property
    def angka_slide(self) -> tuple[Angka, ...]:
        """The four figures a slide has room for."""
        return tuple(self.angka[i] for i in (0, 1, 2, 4))


def sel_kecil(r, minimum: int, nama: str) -> HalamanNetralitas:
    """The public view of one kecamatan with fewer than ``minimum`` cases (``[privasi]
    sel_minimum``): every figure is at most the number of cases, so each card says "< minimum"
    (true whatever the count), and nothing is broken down, so no case can be pointed at."""
    batas = f"< {fmt.angka(minimum)}"
    angka = tuple(Angka(a.label, batas, bantuan=a.bantuan) for a in angka_kunci(r))
    teks = (f"Demo publik: {nama} mencatat kurang dari {fmt.angka(minimum)} kasus netralitas ASN; angka dan "
            "rinciannya tidak ditampilkan agar tidak menunjuk seseorang. Pilih seluruh wilayah untuk melihat "
            "jumlahnya.")
    return HalamanNetralitas(angka=angka, keterangan="", kosong=teks, ada_kasus=False)


def susun(q: Q, k: Konteks) -> HalamanNetralitas:
    """Run the screen's queries through ``q`` and build every figure, table and sentence."""
    lingkup = {"tanggal": k.tanggal, "kecamatan": k.kecamatan}
    di = lingkup_kalimat(k.nama_lingkup, k.tanggal)
    r = q("netralitas_ringkas", **lingkup, batas_lapor=BATAS_LAPOR_HARI).iloc[0]
    dasar = {"angka": tuple(angka_kunci(r)), "keterangan": keterangan_angka(r),
             "kosong": f"Belum ada kasus netralitas ASN yang tercatat {di}.", "ada_kasus": bool(r["jumlah_kasus"])}
    if not r["jumlah_kasus"]:
        return HalamanNetralitas(**dasar)
    minimum = k.wilayah.sel_minimum
    if k.akses.publik and k.kecamatan and int(r["jumlah_kasus"]) < minimum:
        return sel_kecil(r, minimum, k.nama_lingkup)
    opd = q("netralitas_opd", **lingkup)
    kec = q("netralitas_kecamatan", tanggal=k.tanggal, batas_lapor=BATAS_LAPOR_HARI)
    terbuka = q("netralitas_terbuka", **lingkup, batas_lapor=BATAS_LAPOR_HARI)
    rincian = k.akses.boleh(RINCIAN)
    tampil = tabel_terbuka(terbuka)
    return HalamanNetralitas(
        **dasar,
        grafik_alur=grafik_alur(q("netralitas_alur", **lingkup)),
        grafik_jenis=grafik_jenis(q("netralitas_jenis", **lingkup)),
        keterangan_opd=keterangan_opd(opd), grafik_opd=grafik_opd(opd),
        kecamatan=tabel_kecamatan(kec, k.kecamatan), ekspor_kecamatan=ekspor_kecamatan(kec),
        jumlah_terbuka=len(terbuka), kosong_terbuka=f"Tidak ada kasus netralitas ASN yang masih berjalan {di}.",
        terbuka=tampil if rincian and len(terbuka) else None,
        ekspor_terbuka=ekspor_terbuka(terbuka) if rincian and len(terbuka) else None,
        kasus_terbuka=tuple(terbuka["id_kasus"].astype(str)) if rincian else (),
        tabel_terbuka=Tabel.dari(tampil, ["Nomor kasus", "Tahap", "Tenggat", "Kecamatan", "Jenis pelanggaran"],
                                 satuan="kasus", ringkas=("Nomor kasus", "Tahap", "Tenggat")) if len(tampil) else None,
    )
