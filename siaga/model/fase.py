"""The phase of the election an as-of moment falls in, from the voting date and the count.

*persiapan* runs until voting day; *hari H* from 00.00 of voting day until counting has finished at
every TPS (at the latest 12 hours after voting day ends, when counting must be over); *pasca*
after that: rekapitulasi, penetapan, sengketa, pelantikan. A re-vote (PSU, PSL, PSS) is the
*hari H* of its own TPS on its own date. Pure functions: no query, no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from siaga.inti import fmt

PERSIAPAN, HARI_H, PASCA = "persiapan", "hari_h", "pasca"
LABEL_FASE = {PERSIAPAN: "Persiapan", HARI_H: "Hari pemungutan suara", PASCA: "Sesudah pemungutan suara"}
BATAS_HITUNG = dt.timedelta(hours=36)      # counting may run until 12.00 the day after voting day
JENDELA_HARI_H = "6jam"                    # the incident window a voting-day view opens with


def fase(saat: dt.datetime, hari_pemungutan: dt.date, hitung_selesai_pada: dt.datetime | None = None) -> str:
    """``persiapan``, ``hari_h`` or ``pasca`` at the moment ``saat``. ``hitung_selesai_pada`` is when
    the last TPS finished counting (None while some TPS still count, or without voting-day data)."""
    mulai = dt.datetime.combine(hari_pemungutan, dt.time(0))
    if saat < mulai:
        return PERSIAPAN
    if hitung_selesai_pada is not None and hitung_selesai_pada >= mulai and saat >= hitung_selesai_pada:
        return PASCA
    return HARI_H if saat < mulai + BATAS_HITUNG else PASCA


def jendela_bawaan(f: str, bawaan: str) -> str:
    """The incident window a view opens with: the last 6 hours on voting day, else ``bawaan``."""
    return JENDELA_HARI_H if f == HARI_H else bawaan


@dataclass(frozen=True)
class Ulang:
    """A re-vote (``pemungutan_ulang_daftar`` row): its id, type, date, decision, TPS and voters."""
    id_ulang: str
    jenis: str
    tanggal: dt.date
    dasar: str
    jumlah_tps: int
    dpt: int
    tps: str
    kecamatan: str

    @classmethod
    def dari_query(cls, df: pd.DataFrame) -> tuple[Ulang, ...]:
        return tuple(cls(r["id_ulang"], r["jenis"], pd.Timestamp(r["tanggal"]).date(), r["dasar"],
                         int(r["jumlah_tps"]), 0 if fmt.hilang(r["dpt"]) else int(r["dpt"]), r["tps"], r["kecamatan"])
                     for r in df.to_dict("records"))


HARI_SIAP_ULANG = 3     # a re-vote is followed on screen from this many days before its date


def ulang_aktif(ulang: tuple[Ulang, ...], tanggal: dt.date) -> Ulang | None:
    """The re-vote the date belongs to: the next one within :data:`HARI_SIAP_ULANG` days, or one held that
    day or the day before (its count may run on)."""
    dekat = [u for u in ulang if -1 <= (u.tanggal - tanggal).days <= HARI_SIAP_ULANG]
    return min(dekat, key=lambda u: (abs((u.tanggal - tanggal).days), u.id_ulang)) if dekat else None
