"""The report of one import (or restore): what was read, converted, matched, refused and written.

Everything in it is safe to show: values of personal columns are masked before they get here
(:mod:`siaga.masuk.baca`), and the preview of a restricted file shows only masked values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from siaga.inti import fmt
from siaga.inti.masalah import GALAT, PERINGATAN, Masalah

MAKS_TEKS = 40          # problems printed by the command line before summarising


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Berkas:
    """One file an import writes: ``folder`` is ``data`` or ``geo``; ``baris`` rows or features."""
    folder: str
    nama: str
    isi: bytes = field(repr=False)
    baris: int

    @property
    def sha256(self) -> str:
        return sha256(self.isi)


@dataclass
class HasilImpor:
    jenis: str
    sumber: str                                  # the file name as the clerk knows it
    sumber_sha256: str = ""
    format: str = ""
    masalah: list[Masalah] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    padanan: pd.DataFrame | None = None          # how places were matched to Kemendagri codes
    pratinjau: pd.DataFrame | None = None        # first rows as they will be stored (masked)
    berkas: list[Berkas] = field(default_factory=list)
    baris_dibaca: int = 0
    versi: int | None = None                     # set once committed
    mode: str = "ganti"                          # tambah (append to a log) or ganti (replace the file)
    baris_baru: int | None = None                # rows added (append) or imported (replace)
    tabel: pd.DataFrame | None = field(default=None, repr=False)  # typed rows (internal: may hold personal data)
    tak_cocok: pd.DataFrame | None = None        # boundary features that matched no region (every one)

    @property
    def galat(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == GALAT]

    @property
    def peringatan(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == PERINGATAN]

    @property
    def ok(self) -> bool:
        """Accepted (possibly with nothing to write: see :attr:`berubah`)."""
        return not self.galat

    @property
    def berubah(self) -> bool:
        return bool(self.berkas)

    def _jumlah(self) -> str:
        out = []
        for b in self.berkas:
            if b.folder == "geo":
                out.append(f"{fmt.angka(b.baris)} fitur ke {b.nama}")
            elif self.mode == "tambah" and self.baris_baru is not None:
                out.append(f"{fmt.angka(self.baris_baru)} baris baru ditambahkan ke {b.nama} "
                           f"(sekarang {fmt.angka(b.baris)} baris)")
            else:
                out.append(f"{b.nama} diganti seluruhnya: {fmt.angka(b.baris)} baris")
        return ", ".join(out)

    def ringkasan(self, uji: bool = False) -> str:
        """One sentence for the clerk."""
        tujuan = ", ".join(b.nama for b in self.berkas) or "-"
        jumlah = self._jumlah()
        if self.ok and not self.berubah:
            return "TIDAK ADA PERUBAHAN: isi berkas sudah ada di data sekarang; tidak ada yang diubah."
        if not self.ok:
            n = len(self.galat)
            return (f"DITOLAK: {fmt.angka(n)} galat (lihat daftar masalah). Tidak ada yang diubah; "
                    "data terakhir yang sah tetap dipakai.")
        if self.versi is not None:
            return f"DITERIMA: {jumlah}; disimpan sebagai versi {self.versi}."
        if uji:
            return f"DAPAT DITERIMA: {jumlah}. Pemeriksaan saja (--dry-run): {tujuan} tidak diubah."
        return f"Siap disimpan: {jumlah}."

    def teks(self, uji: bool = False) -> str:
        """The whole report as plain text (command line)."""
        out = [f"Berkas: {self.sumber}" + (f" ({self.format})" if self.format else "")
               + (f" → jenis {self.jenis}" if self.jenis else "")]
        if self.baris_dibaca:
            out.append(f"Dibaca: {fmt.angka(self.baris_dibaca)} {'fitur' if self.jenis == 'batas' else 'baris data'}.")
        if self.catatan:
            out.append("Catatan:")
            out += [f"  - {c}" for c in self.catatan]
        if self.padanan is not None and not self.padanan.empty:
            out.append("Padanan wilayah:")
            for r in self.padanan.itertuples(index=False):
                out.append(f"  - {r[0]}: “{r[1]}” → {r[2]} {r[3]} ({r[4]}; {fmt.angka(r[5])})")
        if self.masalah:
            out.append(f"Masalah: {fmt.angka(len(self.galat))} galat, {fmt.angka(len(self.peringatan))} peringatan.")
            for m in self.masalah[:MAKS_TEKS]:
                out.append(f"  [{m.tingkat}] {m.pesan()}")
            if len(self.masalah) > MAKS_TEKS:
                out.append(f"  … dan {fmt.angka(len(self.masalah) - MAKS_TEKS)} masalah lain.")
        out.append(self.ringkasan(uji))
        return "\n".join(out)
