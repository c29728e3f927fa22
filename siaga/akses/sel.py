"""Minimum cell size of public aggregate views (pure, no Streamlit).

The public demo (role ``publik``) shows aggregates only, but a breakdown of a few cases per agency
(OPD) can still point at one civil servant ("the one case of the Dinas X"). Every query result
the public role gets passes :func:`gabung_kecil` in the query layer
(:meth:`siaga.data.store.Store.query`): in the breakdowns listed in :data:`GABUNG`, the groups with
fewer cases than the region's minimum (``[privasi] sel_minimum`` in wilayah.toml, default 3) are
merged into one row :func:`label_lainnya`, whose counts are the sums of the merged groups, so the
totals still agree with the other figures of the page. Other roles get the rows unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from siaga.akses import PUBLIK, Lingkup
from siaga.inti.config import SEL_MINIMUM


@dataclass(frozen=True)
class Rincian:
    """A breakdown query: its group column, the column that counts the cases of a group, and the
    other count columns (summed into the merged row)."""
    kelompok: str
    jumlah: str
    lain: tuple[str, ...] = ()


# Breakdowns of cases by a group small enough to identify someone: neutrality cases per agency and
# per kecamatan (a kecamatan without a case identifies nobody and keeps its row of zeros).
GABUNG: dict[str, Rincian] = {
    "netralitas_opd": Rincian("opd", "jumlah", ("terbuka", "terlambat", "ditutup")),
    "netralitas_kecamatan": Rincian("nama", "jumlah", ("terbuka", "terlambat", "lapor_terlambat", "selesai",
                                                       "tidak_terbukti")),
}


def label_lainnya(minimum: int) -> str:
    return f"Lainnya (gabungan kelompok < {minimum} kasus)"


def gabung_kecil(nama: str, df: pd.DataFrame, lingkup: Lingkup | None, minimum: int = SEL_MINIMUM) -> pd.DataFrame:
    """``df`` (the result of query ``nama``) as ``lingkup`` may see it: for the public role, the
    groups of a :data:`GABUNG` breakdown with at least one but fewer than ``minimum`` cases merged into one row at
    the end; anything else unchanged."""
    r = GABUNG.get(nama)
    if r is None or lingkup is None or lingkup.peran != PUBLIK or minimum <= 1 or df.empty:
        return df
    kecil = (df[r.jumlah] > 0) & (df[r.jumlah] < minimum)
    if not kecil.any():
        return df
    besar = df[~kecil]
    hitung = [r.jumlah, *r.lain]
    baris = {c: [df.loc[kecil, c].sum()] for c in hitung}
    baris[r.kelompok] = [label_lainnya(minimum)]
    baris.update({c: [""] for c in df.columns if c not in baris})       # e.g. the code of a kecamatan: none
    lain = pd.DataFrame(baris).astype({c: df[c].dtype for c in hitung})
    return pd.concat([besar, lain[list(df.columns)]], ignore_index=True)
