"""The scope of a view or a report, without Streamlit: the period the logs cover, the as-of
moment of a date and the scope's display name. Shared by the app's filters (:mod:`siaga.tampilan.ui`)
and the report (:mod:`siaga.laporan`), so both say "data per" and name a scope the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

# Said where a kab/kota-only feature is asked for on a province or national desk.
HANYA_KABKOTA = ("Laporan harian dan layar besar disusun per kab/kota; desk provinsi/nasional memakai halaman "
                 "Ikhtisar (angka dan unduhan per wilayah).")


@dataclass(frozen=True)
class Rentang:
    """Days covered by the operational logs and the time of the latest event (``rentang_data``)."""
    awal: dt.date
    akhir: dt.date
    waktu_terakhir: dt.datetime

    @classmethod
    def dari_baris(cls, r) -> Rentang:
        """From the one row of ``queries/rentang_data.sql``."""
        return cls(pd.Timestamp(r["tanggal_awal"]).date(), pd.Timestamp(r["tanggal_akhir"]).date(),
                   pd.Timestamp(r["waktu_terakhir"]).to_pydatetime())

    def saat(self, tanggal: dt.date) -> dt.datetime:
        """The as-of moment: the latest event on (or after) the latest day, else the end of the day."""
        return saat(tanggal, self.akhir, self.waktu_terakhir)


def saat(tanggal: dt.date, akhir: dt.date, waktu_terakhir: dt.datetime) -> dt.datetime:
    """The as-of moment of ``tanggal``: the latest event when the date is the latest day of data
    (or later), else the end of that day."""
    if tanggal >= akhir:
        return waktu_terakhir
    return dt.datetime.combine(tanggal, dt.time(23, 59, 59))


def nama_lingkup(wilayah: str, kecamatan: str | None = None, kelurahan: str | None = None) -> str:
    """``Kota Bekasi``, ``Kecamatan Bekasi Timur`` or ``Kelurahan Margahayu, Bekasi Timur`` (names, not codes)."""
    if kelurahan:
        return f"Kelurahan {kelurahan}, {kecamatan}"
    if kecamatan:
        return f"Kecamatan {kecamatan}"
    return wilayah
