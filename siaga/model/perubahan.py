"""What changed since the previous day, or since the last coordination meeting (a day the user
picks): the readiness score, kecamatan whose level changed, incidents reported and closed, ASN
neutrality cases opened, moved and closed. Shown on Ringkasan, on the big screen and in the
report (:mod:`siaga.model.paparan`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from siaga.inti import fmt
from siaga.model import level
from siaga.model.komponen import Angka, Q, Tabel
from siaga.model.konteks import Konteks

KOLOM = ("Kecamatan", "Sebelumnya", "Sekarang", "Skor")


@dataclass(frozen=True)
class Perubahan:
    sejak: dt.date
    judul: str                                   # "Perubahan sejak kemarin (26 November 2024)"
    angka: tuple[Angka, ...]                     # score, levels, incidents, cases
    level: Tabel | None                          # kecamatan whose level changed (None: none did)
    kalimat: str                                 # one sentence summing it up

    @property
    def kosong(self) -> str:
        return "" if self.level is not None else "Tidak ada kecamatan yang berganti level."


def _kecamatan(unit: pd.DataFrame) -> pd.DataFrame:
    kec = unit[unit["tingkat"] == "kecamatan"]
    anak = kec[~kec["lingkup"].astype(bool)]
    return (anak if len(anak) else kec).set_index("kode")


def _skor_lingkup(unit: pd.DataFrame, kecamatan: str | None):
    r = unit[unit["kode"] == kecamatan] if kecamatan else unit[unit["lingkup"].astype(bool)]
    return r["skor"].iloc[0] if len(r) else None


def _beda(x) -> str:
    """``+3`` / ``−2`` / ``0`` (points, whole numbers as shown)."""
    if x is None:
        return fmt.KOSONG
    return f"+{fmt.angka(x)}" if x > 0 else f"−{fmt.angka(-x)}" if x < 0 else "0"


def susun(q: Q, k: Konteks) -> Perubahan:
    """The changes between the end of :attr:`Konteks.tanggal_banding` and the as-of moment."""
    sejak = k.tanggal_banding
    kemarin = sejak == k.tanggal - dt.timedelta(days=1)
    judul = f"Perubahan sejak {'kemarin' if kemarin else 'rapat'} ({fmt.tanggal(sejak)})"
    dulu_u = q("kesiapan_unit", tanggal=sejak, kecamatan=None)
    kini_u = q("kesiapan_unit", tanggal=k.tanggal, kecamatan=None)
    dulu, kini = _kecamatan(dulu_u), _kecamatan(kini_u)
    if k.kecamatan:                                 # a kecamatan's view: its own level only
        kini = kini[kini.index == k.kecamatan]
    s0, s1 = fmt.bulat(_skor_lingkup(dulu_u, k.kecamatan)), fmt.bulat(_skor_lingkup(kini_u, k.kecamatan))
    ganti = []
    for kode, r in kini.iterrows():
        lama = dulu["level"].get(kode) if kode in dulu.index else None
        if r["level"] != lama and not (fmt.hilang(lama) and fmt.hilang(r["level"])):
            ganti.append({"Kecamatan": r["nama"], "Sebelumnya": level.label(lama), "Sekarang": level.label(r["level"]),
                          "Skor": f"{fmt.skor(dulu['skor'].get(kode))} → {fmt.skor(r['skor'])}",
                          "_naik": level.URUTAN_LEVEL.index(r["level"]) if r["level"] in level.URUTAN_LEVEL else -1})
    ganti.sort(key=lambda g: g["_naik"])            # worsened (rawan) first
    arah = {"naik": 0, "turun": 0}
    for g in ganti:
        baru = [lv for lv in level.URUTAN_LEVEL if level.label(lv) == g["Sekarang"]]
        lama = [lv for lv in level.URUTAN_LEVEL if level.label(lv) == g["Sebelumnya"]]
        if baru and lama:
            arah["naik" if level.URUTAN_LEVEL.index(baru[0]) > level.URUTAN_LEVEL.index(lama[0]) else "turun"] += 1
    jendela = {"dari": k.saat_banding, "sampai": k.saat, "kecamatan": k.kecamatan}
    ins = q("insiden_berubah", **jendela).iloc[0]
    net = q("netralitas_berubah", **jendela).iloc[0]
    beda = None if s0 is None or s1 is None else s1 - s0
    angka = (
        Angka("Perubahan skor kesiapan", _beda(beda), f"{fmt.skor(s0)} → {fmt.skor(s1)}",
              "Perubahan skor kesiapan (poin, bilangan bulat seperti yang ditampilkan)"),
        Angka("Kecamatan berganti level", f"{fmt.angka(len(ganti))} kecamatan",
              f"{fmt.angka(arah['naik'])} membaik · {fmt.angka(arah['turun'])} memburuk",
              "Kecamatan yang levelnya sekarang berbeda dari level pada tanggal pembanding"),
        Angka("Insiden baru dan selesai", f"{fmt.angka(ins['baru'])} baru · {fmt.angka(ins['selesai'])} selesai",
              f"{fmt.angka(ins['baru_serius'])} baru yang serius · {fmt.angka(ins['baru_konflik'])} baru kelompok "
              "konflik", "Insiden yang pertama dilaporkan, dan yang dinyatakan selesai, sejak tanggal pembanding"),
        Angka("Kasus netralitas ASN berubah", f"{fmt.angka(net['baru'])} baru · {fmt.angka(net['ditutup'])} ditutup",
              f"{fmt.angka(net['bergerak'])} kasus berpindah tahap",
              "Kasus yang tercatat, berpindah tahap, dan ditutup sejak tanggal pembanding"),
    )
    tabel = (Tabel.dari(pd.DataFrame(ganti), KOLOM, maks=None, satuan="kecamatan",
                        warna={"Sekarang": [level.warna(next((lv for lv in level.URUTAN_LEVEL
                                                               if level.label(lv) == g["Sekarang"]), None))
                                            for g in ganti]})
             if ganti else None)
    kalimat = (f"Sejak {fmt.tanggal(sejak)}: skor kesiapan {_beda(beda)} poin, {fmt.angka(len(ganti))} kecamatan "
               f"berganti level, {fmt.angka(ins['baru'])} insiden baru dan {fmt.angka(ins['selesai'])} selesai, "
               f"{fmt.angka(net['bergerak'])} kasus netralitas berpindah tahap.")
    return Perubahan(sejak, judul, angka, tabel, kalimat)
