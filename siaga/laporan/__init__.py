"""The daily report (snapshot): PDF, WhatsApp-sized PNG slides, PPTX deck.

- :mod:`siaga.model.paparan`  the slide deck (what each slide says), built from the screen models
- :mod:`siaga.laporan.visual` static images of maps (matplotlib) and charts (kaleido + Debian's chromium)
- :mod:`siaga.laporan.gambar` the WhatsApp pictures: one 1600×900 PNG per slide and a 1080×2160
  poster of the key slide (each on its own in the app, zipped on the command line)
- :mod:`siaga.laporan.pdf`    A4 landscape PDF
- :mod:`siaga.laporan.pptx`   16:9 PPTX deck

:func:`buat` makes one format's bytes; the app (``siaga.tampilan.tombol_laporan``) and the CLI
(``python -m siaga laporan``) both call it with a progress callback. :func:`buat_gambar` makes the
WhatsApp pictures one by one, for the app to offer each on its own.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

from siaga.akses import Lingkup
from siaga.data.store import Store
from siaga.model import paparan
from siaga.model.paparan import Kabar, KecamatanTidakDikenal, LaporanError, diam, sebagian

__all__ = ["FORMAT", "Format", "Kabar", "KecamatanTidakDikenal", "LaporanError", "buat", "buat_gambar", "nama_berkas",
           "nama_gambar"]


@dataclass(frozen=True)
class Format:
    kode: str
    label: str        # shown in the app
    ext: str
    mime: str
    modul: str        # the renderer: a module with ``tulis(paparan, kabar) -> bytes``
    langkah: str      # the progress label of the last step


FORMAT = {
    "pdf": Format("pdf", "PDF (A4)", "pdf", "application/pdf", "siaga.laporan.pdf", "Menyusun PDF"),
    "png": Format("png", "Gambar PNG untuk WhatsApp", "zip", "application/zip", "siaga.laporan.gambar",
                  "Menyusun gambar PNG"),
    "pptx": Format("pptx", "PPTX (presentasi)", "pptx",
                   "application/vnd.openxmlformats-officedocument.presentationml.presentation", "siaga.laporan.pptx",
                   "Menyusun PPTX"),
}
ISI_SELESAI = 0.2          # share of the progress bar for the queries; the rest is drawing


def buat(store: Store, tanggal: dt.date, kecamatan: str | None, format: str, kabar: Kabar = diam,
         lk: Lingkup | None = None) -> bytes:
    """The report of the region (or one kecamatan) as of ``tanggal`` in ``format`` (pdf, png, pptx),
    its queries run in the scope ``lk`` (see :func:`siaga.model.paparan.dari_store`)."""
    f = FORMAT[format]
    q, k = paparan.dari_store(store, tanggal, kecamatan, lk)
    isi = paparan.susun(q, k, sebagian(kabar, 0.0, ISI_SELESAI))
    data = importlib.import_module(f.modul).tulis(isi, sebagian(kabar, ISI_SELESAI, 1.0))
    kabar(1.0, "Laporan selesai")
    return data


def buat_gambar(store: Store, tanggal: dt.date, kecamatan: str | None, kabar: Kabar = diam,
                lk: Lingkup | None = None) -> list:
    """The WhatsApp pictures of the report, each on its own (:class:`siaga.laporan.gambar.Gambar`:
    one per slide, then the poster of the key slide): what the ``png`` format zips."""
    from siaga.laporan import gambar

    q, k = paparan.dari_store(store, tanggal, kecamatan, lk)
    isi = paparan.susun(q, k, sebagian(kabar, 0.0, ISI_SELESAI))
    out = gambar.semua_gambar(isi, sebagian(kabar, ISI_SELESAI, 1.0))
    kabar(1.0, "Laporan selesai")
    return out


def nama_berkas(kode: str, tanggal: dt.date, format: str) -> str:
    """``laporan-32.75-2024-11-20.pdf`` (the scope's Kemendagri code, the date)."""
    return f"laporan-{kode}-{tanggal.isoformat()}.{FORMAT[format].ext}"


def nama_gambar(kode: str, tanggal: dt.date, nama: str) -> str:
    """``laporan-32.75-2024-11-20-01-situasi.png``: one picture downloaded on its own."""
    return f"laporan-{kode}-{tanggal.isoformat()}-{nama}"
