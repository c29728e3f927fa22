"""Matching what a file says about a place to a Kemendagri code.

In this order: a Kemendagri code as is; a BPS code through the crosswalk (column ``kode_bps``
of ``wilayah.csv``; BPS numbering differs from Kemendagri's, so codes are never reformatted);
a name, normalised by :func:`siaga.masuk.urai.norm_nama`, against the official names and then the
alias table (column ``nama_lain`` of ``wilayah.csv``, which the desk extends). Anything that
does not match exactly one region comes back with the reason, for the clerk to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from siaga.inti.kontrak import POLA
from siaga.masuk.urai import norm_nama

TINGKAT = ("kecamatan", "kelurahan")
CARA_KODE = "kode Kemendagri"
CARA_BPS = "kode BPS (padanan)"
CARA_NAMA = "nama resmi"
CARA_EJAAN = "ejaan lain (nama_lain)"
_BPS = re.compile(r"(?:ID)?\s*(\d{7}|\d{10})", re.IGNORECASE)    # HDX p-codes carry an "ID" prefix
NILAI_KOSONG = {"", "na", "n/a", "nan", "none", "null", "-"}            # GADM writes missing values as "NA"


@dataclass(frozen=True)
class Cocok:
    kode: str | None            # Kemendagri code, None when unmatched
    cara: str | None = None     # how it matched (CARA_*)
    alasan: str | None = None   # why it did not match (Indonesian)


class Pencocok:
    """Lookup tables built from a typed ``wilayah`` frame (see :mod:`siaga.inti.kontrak`)."""

    def __init__(self, wilayah: pd.DataFrame):
        w = wilayah.dropna(subset=["kode"])
        self.nama = dict(zip(w["kode"], w["nama"]))
        self.tingkat = dict(zip(w["kode"], w["tingkat"]))
        self.induk = dict(zip(w["kode"], w["kode_induk"]))
        self.bps: dict[str, str] = {}
        self._nama: dict[str, dict[str, set[str]]] = {t: {} for t in TINGKAT}
        self._ejaan: dict[str, dict[str, set[str]]] = {t: {} for t in TINGKAT}
        lain = w["nama_lain"] if "nama_lain" in w else pd.Series(None, index=w.index)
        bps = w["kode_bps"] if "kode_bps" in w else pd.Series(None, index=w.index)
        for kode, tingkat, nama, alias, b in zip(w["kode"], w["tingkat"], w["nama"], lain, bps):
            if tingkat not in TINGKAT:
                continue
            self._nama[tingkat].setdefault(norm_nama(nama), set()).add(kode)
            if isinstance(alias, str):
                for a in alias.split("|"):
                    if norm_nama(a):
                        self._ejaan[tingkat].setdefault(norm_nama(a), set()).add(kode)
            if isinstance(b, str) and b:
                self.bps[b] = kode

    @classmethod
    def kosong(cls) -> Pencocok:
        return cls(pd.DataFrame({"tingkat": [], "kode": [], "nama": [], "kode_induk": []}))

    def label(self, kode: str) -> str:
        """``32.75.08 Pondokgede``."""
        return f"{kode} {self.nama.get(kode, '')}".strip()

    def satu(self, nilai: str | None, tingkat: tuple[str, ...] = TINGKAT, induk: str | None = None) -> Cocok:
        """Match one value at the allowed levels; ``induk`` (a kecamatan code) narrows kelurahan names."""
        v = "" if nilai is None else str(nilai).strip()
        if v.lower() in NILAI_KOSONG:
            return Cocok(None)
        nama_tingkat = " atau ".join(tingkat)
        if any(re.fullmatch(POLA[t], v) for t in tingkat):
            if self.tingkat.get(v) in tingkat:
                return Cocok(v, CARA_KODE)
            return Cocok(None, alasan=f"kode {nama_tingkat} ini tidak ada di wilayah.csv")
        if m := _BPS.fullmatch(v):
            kode = self.bps.get(m.group(1))
            if kode and self.tingkat.get(kode) in tingkat:
                return Cocok(kode, CARA_BPS)
            return Cocok(None, alasan="kode BPS ini tidak ada di tabel padanan (kolom kode_bps di wilayah.csv); "
                                      "kode BPS berbeda dari kode Kemendagri dan tidak dapat diubah begitu saja")
        n = norm_nama(v)
        if not n:
            return Cocok(None, alasan=f"bukan kode maupun nama {nama_tingkat}")
        for tabel, cara in ((self._nama, CARA_NAMA), (self._ejaan, CARA_EJAAN)):
            kandidat = set().union(*(tabel[t].get(n, set()) for t in tingkat))
            if induk and len(kandidat) > 1:
                kandidat = {k for k in kandidat if self.induk.get(k) == induk} or kandidat
            if len(kandidat) == 1:
                return Cocok(kandidat.pop(), cara)
            if len(kandidat) > 1:
                daftar = "; ".join(self.label(k) for k in sorted(kandidat))
                return Cocok(None, alasan=f"nama ini dipakai lebih dari satu {nama_tingkat} ({daftar}); tulis kodenya")
        return Cocok(None, alasan=f"tidak cocok dengan {nama_tingkat} mana pun di wilayah.csv; periksa ejaannya, "
                                  "atau tambahkan ejaan ini ke kolom nama_lain di wilayah.csv")

    def banyak(self, nilai: pd.Series, tingkat: tuple[str, ...] = TINGKAT,
               induk: pd.Series | None = None) -> pd.DataFrame:
        """Match a column (once per distinct value); columns ``kode``, ``cara``, ``alasan``."""
        ind = induk if induk is not None else pd.Series(None, index=nilai.index, dtype=object)
        keys = pd.DataFrame({"v": nilai.astype(object).where(nilai.notna(), None),
                             "i": ind.astype(object).where(ind.notna(), None)})
        uniq = keys.drop_duplicates()
        found = {(v, i): self.satu(v, tingkat, i if isinstance(i, str) else None)
                 for v, i in zip(uniq["v"], uniq["i"])}
        res = [found[(v, i)] for v, i in zip(keys["v"], keys["i"])]
        return pd.DataFrame({"kode": [r.kode for r in res], "cara": [r.cara for r in res],
                             "alasan": [r.alasan for r in res]}, index=nilai.index)
