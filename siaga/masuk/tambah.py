"""Append rows written by the app itself (a follow-up task, a field report, a meeting decision) to
an event log: the rows become a small CSV in contract order and go through the very same import
as an uploaded file (:func:`siaga.masuk.impor.impor`, mode ``tambah``): the same validation and
Indonesian messages, the same lock around read-validate-replace, the same atomic replace and
version history. Two sessions appending at once both land: the second waits for the lock and
validates against the file the first one wrote. A burst (twenty phones pressing "Kirim" on voting
day) queues on the lock for up to :data:`TUNGGU_TAMBAH` seconds rather than the import's 30: each
append holds the lock for about a second, and a report that waits still lands. Should the wait run
out anyway, the result says so in Indonesian (nothing written), never a traceback."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence

from siaga.inti.config import Paths
from siaga.inti.kontrak import INPUTS
from siaga.inti.masalah import MasalahError
from siaga.masuk import impor
from siaga.masuk.hasil import HasilImpor

TUNGGU_TAMBAH = 300.0      # seconds an app-written append waits for the import lock


def _teks(x) -> str:
    if x is None:
        return ""
    if isinstance(x, dt.datetime):
        return x.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, bool):
        return "ya" if x else "tidak"
    return str(x)


def csv_baris(jenis: str, baris: Sequence[Mapping[str, object]]) -> bytes:
    """The rows as a CSV of the input ``jenis`` (contract column order; missing columns blank)."""
    inp = INPUTS[jenis]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([k.nama for k in inp.kolom])
    for b in baris:
        tak = set(b) - {k.nama for k in inp.kolom}
        if tak:
            raise ValueError(f"kolom tidak dikenal untuk {inp.berkas}: {sorted(tak)}")
        w.writerow([_teks(b.get(k.nama)) for k in inp.kolom])
    return buf.getvalue().encode("utf-8")


def tambah(paths: Paths, jenis: str, baris: Sequence[Mapping[str, object]], oleh: str, sumber: str) -> HasilImpor:
    """Validate and append ``baris`` to the log ``jenis`` as user ``oleh``; ``sumber`` names the
    origin in messages and in the history (``lapor``, ``tugas``, ``rapat``). The result has
    ``versi`` set when the rows were written, else its problems say why (nothing written)."""
    if not INPUTS[jenis].log:
        raise ValueError(f"{jenis} bukan log peristiwa")
    try:
        return impor.impor(paths, jenis, csv_baris(jenis, baris), f"{sumber}.csv", oleh, mode=impor.MODE_TAMBAH,
                           sumber_tampil=sumber, tunggu=TUNGGU_TAMBAH)
    except MasalahError as exc:             # the lock or the disk: nothing was written
        return HasilImpor(jenis, f"{sumber}.csv", masalah=list(exc.masalah), mode=impor.MODE_TAMBAH)


def tambah_bersama(paths: Paths, baris: Mapping[str, Sequence[Mapping[str, object]]], oleh: str,
                   sumber: str) -> dict[str, HasilImpor]:
    """Validate and append rows to several logs (``{"rapat": [...], "tugas": [...]}``) as one
    version: all land or none. The reports by log, each with ``versi`` set when written."""
    for jenis in baris:
        if not INPUTS[jenis].log:
            raise ValueError(f"{jenis} bukan log peristiwa")
    try:
        return impor.impor_bersama(paths, {j: csv_baris(j, b) for j, b in baris.items()}, sumber, oleh,
                                   tunggu=TUNGGU_TAMBAH)
    except MasalahError as exc:             # the lock or the disk: nothing was written
        return {j: HasilImpor(j, f"{sumber}.csv", masalah=list(exc.masalah), mode=impor.MODE_TAMBAH) for j in baris}
