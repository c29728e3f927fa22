"""Validation problems, phrased for a desk clerk (Bahasa Indonesia)."""

from __future__ import annotations

from dataclasses import dataclass

GALAT = "galat"          # the file is refused
PERINGATAN = "peringatan"  # accepted, but someone should look

MASKED = "«disamarkan»"
_MAX_VALUE = 60


@dataclass(frozen=True)
class Masalah:
    berkas: str
    baris: int | None       # line number in the file as a spreadsheet shows it (header = 1)
    kolom: str | None
    nilai: str | None       # already masked for personal columns
    alasan: str
    tingkat: str = GALAT
    lembar: str | None = None  # the sheet of a workbook with several sheets read

    def pesan(self) -> str:
        where = [self.berkas]
        if self.lembar:
            where.append(f"lembar “{self.lembar}”")
        if self.baris is not None:
            where.append(f"baris {self.baris}")
        if self.kolom:
            where.append(f"kolom {self.kolom}")
        text = ", ".join(where)
        if self.nilai is not None:
            text += f": nilai “{_clip(self.nilai)}”"
        return f"{text} — {self.alasan}"

    def as_row(self) -> dict:
        """The problem as table cells, every one text (an empty cell is ``""``, never ``None``)."""
        berkas = f"{self.berkas}, lembar “{self.lembar}”" if self.lembar else self.berkas
        return {"tingkat": self.tingkat, "berkas": berkas, "baris": "" if self.baris is None else str(self.baris),
                "kolom": self.kolom or "", "nilai": "" if self.nilai is None else _clip(self.nilai),
                "alasan": self.alasan}


def _clip(value: str) -> str:
    value = value.replace("\n", " ").replace("\r", " ")
    return value if len(value) <= _MAX_VALUE else value[: _MAX_VALUE - 1] + "…"


class MasalahError(Exception):
    """Raised when inputs are refused; carries every problem found."""

    def __init__(self, masalah: list[Masalah]):
        self.masalah = masalah
        galat = [x for x in masalah if x.tingkat == GALAT]
        first = galat[0].pesan() if galat else "tidak ada rincian"
        more = f" (dan {len(galat) - 1} masalah lain)" if len(galat) > 1 else ""
        super().__init__(f"Data ditolak: {first}{more}")
