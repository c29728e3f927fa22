"""Readiness levels, their colours and the plain-language reason behind a score.

The scores themselves are computed in SQL (``queries/model/10_kesiapan_wilayah.sql``);
this module names and explains them. See ``docs/readiness.md`` for the formula.

One level rule: a level is decided on the score *as shown*, the whole number of
:func:`siaga.inti.fmt.skor` (half up): 84,6 is shown as 85 and is *siap* when the threshold is 85.
:func:`dari_skor` here and the ``level_kesiapan`` macro in SQL apply the same rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from siaga.inti import fmt

# One colour per level on every page and export (ColorBrewer RdYlBu, colour-blind safe),
# always paired with the level's name so colour is never the only cue.
LEVEL = {
    "siap": ("Siap", "#4575b4"),
    "perlu_perhatian": ("Perlu perhatian", "#fdae61"),
    "rawan": ("Rawan", "#d73027"),
}
URUTAN_LEVEL = ("rawan", "perlu_perhatian", "siap")
NO_DATA = ("Tanpa data", "#bdbdbd")


def dari_skor(x, ambang_siap: float, ambang_perhatian: float, rencana: float = 100.0) -> str | None:
    """The level of a value (a score or a component) judged against what the KPU plan asks for on the
    date (``rencana``; 100 once everything is due): siap at ``ambang_siap`` percent of it or more,
    perlu perhatian at ``ambang_perhatian`` percent or more, rawan below; decided on whole numbers
    as shown (:func:`siaga.inti.fmt.bulat`), like the ``level_kesiapan`` macro. None when missing."""
    n = fmt.bulat(x)
    if n is None:
        return None
    if n >= fmt.bulat(ambang_siap * rencana / 100):
        return "siap"
    return "perlu_perhatian" if n >= fmt.bulat(ambang_perhatian * rencana / 100) else "rawan"


def ambang_poin(ambang_siap: float, ambang_perhatian: float, rencana: float = 100.0) -> tuple[int, int]:
    """The scores (as shown) at which a unit is *siap* and *perlu perhatian* on a day whose plan asks
    for ``rencana``: the level thresholds of :func:`dari_skor`, in points."""
    return fmt.bulat(ambang_siap * rencana / 100), fmt.bulat(ambang_perhatian * rencana / 100)


def label(level: str | None) -> str:
    return LEVEL.get(level or "", NO_DATA)[0]


def warna(level: str | None) -> str:
    return LEVEL.get(level or "", NO_DATA)[1]


def rgb(level: str | None, alpha: int = 255) -> list[int]:
    h = warna(level).lstrip("#")
    return [int(h[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


@dataclass(frozen=True)
class Kekurangan:
    komponen: str
    poin: float       # points lost from the total score
    teks: str


def kekurangan(row: Mapping) -> list[Kekurangan]:
    """Components ordered by the points they cost the total score (largest first)."""
    items = [
        Kekurangan("logistik", row["w_logistik"] * (100 - row["skor_logistik"]),
                   f"logistik {fmt.persen(row['skor_logistik'], 0)}"),
        Kekurangan("checklist", row["w_checklist"] * (100 - row["skor_checklist"]),
                   f"kesiapan TPS {fmt.persen(row['skor_checklist'], 0)}"),
        Kekurangan("insiden", row["w_insiden"] * (100 - row["skor_insiden"]),
                   _insiden(int(row["insiden_terbuka"]), int(row["insiden_serius"]))),
        Kekurangan("netralitas", row["w_netralitas"] * (100 - row["skor_netralitas"]),
                   f"{fmt.angka(row['netralitas_terbuka'])} kasus netralitas ASN terbuka"),
    ]
    return sorted((k for k in items if k.poin >= 0.5), key=lambda k: -k.poin)


def _insiden(terbuka: int, serius: int) -> str:
    text = f"{fmt.angka(terbuka)} insiden terbuka"
    return text + (f", {fmt.angka(serius)} serius" if serius else "")


def penyebab(row: Mapping, n: int = 2) -> str:
    """Why a unit is not fully ready, in a few words: the costliest components first."""
    ks = kekurangan(row)[:n]
    if not ks:
        return "tidak ada kekurangan berarti"
    return "; ".join(f"{k.teks} (−{fmt.angka(k.poin, 0)} poin)" for k in ks)
