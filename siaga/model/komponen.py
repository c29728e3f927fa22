"""The pieces every screen model is made of, whatever draws it (a Streamlit page, a big-screen
slide, a PDF/PNG/PPTX report): a key figure (:class:`Angka`) and a table of display strings
(:class:`Tabel`). Every value in them is already formatted (:mod:`siaga.inti.fmt`), so two
surfaces that show the same model show the same strings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from siaga.inti import fmt

Q = Callable[..., pd.DataFrame]
"""The query function a model is built with: ``q(name, **params)`` runs a named query of
``queries/`` in the viewer's scope (``Store.query`` with the scope bound, or the app's cache)."""

MAKS_BARIS = 10             # rows a slide table lists (the rest is counted in its note)


@dataclass(frozen=True)
class Angka:
    """A key figure: its label, its formatted value, one line under it and a definition (hover)."""
    label: str
    nilai: str
    keterangan: str = ""
    bantuan: str = ""


@dataclass(frozen=True)
class Tabel:
    """Display strings, most important row first; ``warna`` holds a background colour per cell
    (or None), rows like ``baris``. ``jumlah`` counts the rows of the source when only the first
    ones are kept (so a renderer can say "10 teratas dari 23 kasus")."""
    kolom: tuple[str, ...]
    baris: tuple[tuple[str, ...], ...]
    warna: tuple[tuple[str | None, ...], ...] = ()
    ringkas: tuple[str, ...] = ()        # the columns to show where room is short (slides); () = all
    jumlah: int = 0
    satuan: str = "baris"                # what a row is: kecamatan, insiden, kasus…

    @classmethod
    def dari(cls, df: pd.DataFrame, kolom: Sequence[str], ringkas: Sequence[str] = (),
             warna: dict[str, list] | None = None, maks: int | None = MAKS_BARIS, satuan: str = "baris",
             jumlah: int = 0) -> Tabel:
        """Display strings of ``df[kolom]``, the first ``maks`` rows (``warna``: column -> background
        colour per row; ``jumlah``: the source's rows when ``df`` is already cut)."""
        n = max(len(df), jumlah)
        if maks is not None:
            df = df.head(maks)
        baris = tuple(tuple(fmt.KOSONG if fmt.hilang(v) else str(v) for v in r)
                      for r in df[list(kolom)].itertuples(index=False, name=None))
        warna = warna or {}
        sel = tuple(tuple(warna[c][i] if c in warna else None for c in kolom) for i in range(len(baris)))
        return cls(tuple(kolom), baris, sel, tuple(ringkas), n, satuan)

    @property
    def seluruhnya(self) -> int:
        return max(self.jumlah, len(self.baris))

    def catatan(self, tampil: int | None = None) -> str:
        """What is left out when ``tampil`` rows (all kept rows by default) are shown."""
        n = len(self.baris) if tampil is None else tampil
        return f"{fmt.angka(n)} teratas dari {fmt.angka(self.seluruhnya)} {self.satuan}." if n < self.seluruhnya else ""

    def pilih(self, kolom: Sequence[str]) -> Tabel:
        idx = [self.kolom.index(c) for c in kolom]
        warna = tuple(tuple(w[i] for i in idx) for w in self.warna)
        return replace(self, kolom=tuple(kolom), baris=tuple(tuple(b[i] for i in idx) for b in self.baris),
                       warna=warna)

    def untuk_slide(self, maks: int | None = MAKS_BARIS) -> Tabel:
        """The short form: the ``ringkas`` columns and at most ``maks`` rows (None: every row)."""
        t = self.pilih(self.ringkas) if self.ringkas else self
        if maks is None or len(t.baris) <= maks:
            return t
        return replace(t, baris=t.baris[:maks], warna=t.warna[:maks], jumlah=t.seluruhnya)

    def frame(self) -> pd.DataFrame:
        """The strings as a DataFrame (what a Streamlit table shows)."""
        return pd.DataFrame(list(self.baris), columns=list(self.kolom))
