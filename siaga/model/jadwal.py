"""Where a unit stands against the KPU plan: on schedule, so many days behind, or ahead.

The plan (``wilayah.toml`` ``[jadwal]``, queries ``rencana_jadwal`` and the ``rencana_harian``
macro) gives the score a unit on plan has each day. A unit whose score (as shown) reaches the
*siap* share of today's plan is on schedule; if it reaches the full plan of a later day, it is
that many days ahead. Otherwise it is behind by the days since the last day whose plan it still
met: the same rule that makes it *perlu perhatian* or *rawan*, so the words and the level agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from siaga.inti import fmt
from siaga.model.komponen import Q

SESUAI, TERTINGGAL, DEPAN = "sesuai", "tertinggal", "depan"


@dataclass(frozen=True)
class Rencana:
    """The planned score per day, oldest first."""
    hari: tuple[dt.date, ...]
    skor: tuple[float, ...]

    @classmethod
    def dari_query(cls, q: Q, awal: dt.date, akhir: dt.date) -> Rencana:
        df = q("rencana_jadwal", awal=awal, akhir=akhir)
        return cls(tuple(pd.Timestamp(t).date() for t in df["tanggal"]), tuple(float(x) for x in df["rencana"]))

    def pada(self, tanggal: dt.date) -> float | None:
        try:
            return self.skor[self.hari.index(tanggal)]
        except ValueError:
            return None


@dataclass(frozen=True)
class Posisi:
    arah: str          # sesuai | tertinggal | depan
    hari: int = 0

    @property
    def teks(self) -> str:
        """``sesuai jadwal``, ``tertinggal 2 hari``, ``1 hari di depan jadwal``."""
        if self.arah == TERTINGGAL:
            return f"tertinggal {fmt.angka(self.hari)} hari"
        if self.arah == DEPAN:
            return f"{fmt.angka(self.hari)} hari di depan jadwal"
        return "sesuai jadwal"


def untuk(q: Q, k) -> Rencana:
    """The plan from the first day of data (or the as-of date, when earlier) to the later of the as-of
    date and voting day, for the view ``k`` (:class:`siaga.model.konteks.Konteks`)."""
    awal = min(k.rentang.awal, k.tanggal) - dt.timedelta(days=1)
    akhir = max(k.tanggal, k.wilayah.hari_pemungutan) + dt.timedelta(days=1)
    return Rencana.dari_query(q, awal, akhir)


def posisi(skor, tanggal: dt.date, rencana: Rencana, ambang_siap: float) -> Posisi | None:
    """Where a score stands on ``tanggal`` against the plan (None without a score or a plan that day)."""
    s = fmt.bulat(skor)
    hari_ini = rencana.pada(tanggal)
    if s is None or hari_ini is None:
        return None
    if s >= fmt.bulat(ambang_siap * hari_ini / 100):
        maju = [d for d, r in zip(rencana.hari, rencana.skor, strict=True)
                if d > tanggal and r > hari_ini and s >= fmt.bulat(r)]
        return Posisi(DEPAN, (max(maju) - tanggal).days) if maju else Posisi(SESUAI)
    terpenuhi = [d for d, r in zip(rencana.hari, rencana.skor, strict=True)
                 if d <= tanggal and s >= fmt.bulat(ambang_siap * r / 100)]
    awal = terpenuhi[-1] if terpenuhi else rencana.hari[0] - dt.timedelta(days=1)
    return Posisi(TERTINGGAL, (tanggal - awal).days)
