"""Benchmark: time to produce the daily report in each format on the demo data (whole city and
one kecamatan), and the pictures of it for the documentation.

    python bench/laporan.py [--tanggal 2024-11-26] [--kecamatan 32.75.07] [--tulis] [--gambar [FOLDER]]

Prints a table. --tulis rewrites the "Laporan (snapshot)" section of docs/performance.md;
--gambar writes docs/img/laporan/ (the PDF's first page, every slide PNG and the poster, whole city), or
the folder given (the voting-day pictures: --tanggal 2024-11-27 --gambar docs/img/laporan/hari-h).
Not part of the test suite: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import sys
import time
import zipfile
from pathlib import Path

import pypdfium2
from PIL import Image

# `python bench/laporan.py` puts bench/ on sys.path, not the repository root that holds siaga
sys.path.insert(0, str(ROOT := Path(__file__).resolve().parent.parent))

from siaga import laporan
from siaga.data.store import Store
from siaga.inti.config import Paths
from siaga.model import paparan

GAMBAR = ROOT / "docs" / "img" / "laporan"
AWAL, AKHIR = "<!-- bench:laporan -->", "<!-- /bench:laporan -->"


def ukur(store: Store, tanggal: dt.date, kecamatan: str | None) -> dict[str, tuple[float, int, bytes]]:
    """Seconds, bytes and the file of the model alone and of each format (each from scratch:
    queries, drawing, a fresh chromium)."""
    t = time.perf_counter()
    paparan.susun(*paparan.dari_store(store, tanggal, kecamatan))
    out = {"isi": (time.perf_counter() - t, 0, b"")}
    for f in laporan.FORMAT:
        t = time.perf_counter()
        data = laporan.buat(store, tanggal, kecamatan, f)
        out[f] = (time.perf_counter() - t, len(data), data)
    return out


def kecil(png: bytes) -> bytes:
    """A PNG with an adaptive 256-colour palette (docs only: a quarter of the bytes)."""
    img = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                                               dither=Image.Dither.NONE)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def tulis_gambar(hasil: dict[str, tuple[float, int, bytes]], folder: Path = GAMBAR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    halaman = pypdfium2.PdfDocument(hasil["pdf"][2])[0].render(scale=150 / 72).to_pil()
    buf = io.BytesIO()
    halaman.save(buf, format="PNG")
    ditulis = [folder / "pdf-halaman-1.png"]
    ditulis[0].write_bytes(kecil(buf.getvalue()))
    z = zipfile.ZipFile(io.BytesIO(hasil["png"][2]))
    for lama in folder.glob("slide-*.png"):           # slides of an older deck
        lama.unlink()
    for nama in z.namelist():
        p = folder / (nama if nama == "poster.png" else f"slide-{nama}")
        p.write_bytes(kecil(z.read(nama)))
        ditulis.append(p)
    return ditulis


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tanggal", type=dt.date.fromisoformat, help="bawaan: hari data terakhir")
    ap.add_argument("--kecamatan", default="32.75.07")
    ap.add_argument("--tulis", action="store_true", help="update docs/performance.md")
    ap.add_argument("--gambar", nargs="?", const=GAMBAR, type=lambda x: ROOT / x, metavar="FOLDER",
                    help="write the pictures to docs/img/laporan/ (or FOLDER, relative to the repository)")
    args = ap.parse_args()
    store = Store(Paths(ROOT / "data", ROOT / "geo"))
    assert store.muat(), store.ditolak
    tanggal = args.tanggal or store.query("rentang_data").iloc[0].tanggal_akhir.date()
    nama = paparan.dari_store(store, tanggal)[1].nama_kecamatan[args.kecamatan]
    lingkup = {f"seluruh {store.wilayah.nama}": None, f"Kecamatan {nama} ({args.kecamatan})": args.kecamatan}
    hasil = {label: ukur(store, tanggal, kec) for label, kec in lingkup.items()}
    kolom = ["isi (kueri saja)", *[laporan.FORMAT[f].label for f in laporan.FORMAT]]
    baris = [f"| lingkup | {' | '.join(kolom)} |", "|---|" + "---|" * len(kolom)]
    for label, r in hasil.items():
        sel = [f"{r['isi'][0]:.1f} s"] + [f"{r[f][0]:.1f} s · {r[f][1] / 1024:,.0f} KB" for f in laporan.FORMAT]
        baris.append(f"| {label} | {' | '.join(sel)} |")
    beban = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    teks = [f"Measured {dt.date.today().isoformat()} on {platform.machine()}, Python {platform.python_version()}, "
            f"{os.cpu_count()} cores, load average {beban} (1, 5, 15 min) at the end; demo data as of "
            f"{tanggal.isoformat()}; each format made from scratch (queries, maps, a fresh chromium for the "
            "charts), one run each. PNG: every slide and the poster.", "", *baris]
    print("\n".join(teks))
    if args.tulis:
        doc = ROOT / "docs" / "performance.md"
        text = doc.read_text(encoding="utf-8")
        kepala, sisa = text.split(AWAL)
        _, ekor = sisa.split(AKHIR)
        doc.write_text(kepala + AWAL + "\n" + "\n".join(teks) + "\n" + AKHIR + ekor, encoding="utf-8")
        print(f"ditulis: {doc.relative_to(ROOT)}")
    if args.gambar:
        for p in tulis_gambar(hasil[next(iter(lingkup))], args.gambar):
            print(f"ditulis: {p.relative_to(ROOT)} ({p.stat().st_size / 1024:,.0f} KB)")


if __name__ == "__main__":
    main()
