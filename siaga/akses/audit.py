"""The audit log: one JSON line per event, appended and fsynced, never rewritten.

``SIAGA_DATA/.akses/audit.jsonl`` (or ``$SIAGA_AKSES/audit.jsonl``). Each line holds the time,
the user, the role, the action, the object (a case number, a file or download name, a request
number, a user name) and the result. Callers never pass personal values (names, NIP, contacts)
or passwords; :func:`catat` also strips control characters and clips the object so one event
is always one line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

BERKAS_AUDIT = "audit.jsonl"
BERHASIL, GAGAL, DITOLAK = "berhasil", "gagal", "ditolak"
MAKS_OBJEK = 200
_KONTROL = re.compile(r"[\x00-\x1f\x7f]+")

# Actions recorded (the audit page labels them in Indonesian).
MASUK, MASUK_GAGAL, TERKUNCI, KELUAR, SESI_BERAKHIR = "masuk", "masuk_gagal", "terkunci", "keluar", "sesi_berakhir"
LIHAT_TERLAPOR, LIHAT_PELAPOR = "lihat_terlapor", "lihat_pelapor"
MINTA_PELAPOR, SETUJUI_PELAPOR, TOLAK_PELAPOR = "minta_pelapor", "setujui_pelapor", "tolak_pelapor"
UNDUH, IMPOR, PULIHKAN, HAPUS_PRIBADI = "unduh", "impor", "pulihkan", "hapus_pribadi"
PENGGUNA_TAMBAH, PENGGUNA_HAPUS, PENGGUNA_RESET = "pengguna_tambah", "pengguna_hapus", "pengguna_reset"
AKSES_DITOLAK, LIHAT_AUDIT = "akses_ditolak", "lihat_audit"
TUGAS_BUAT, TUGAS_UBAH, LAPOR = "tugas_buat", "tugas_ubah", "lapor"
LABEL = {
    MASUK: "Masuk", MASUK_GAGAL: "Gagal masuk", TERKUNCI: "Akun terkunci", KELUAR: "Keluar",
    SESI_BERAKHIR: "Sesi berakhir", LIHAT_TERLAPOR: "Melihat identitas terlapor",
    LIHAT_PELAPOR: "Melihat identitas pelapor", MINTA_PELAPOR: "Meminta identitas pelapor",
    SETUJUI_PELAPOR: "Menyetujui permintaan identitas", TOLAK_PELAPOR: "Menolak permintaan identitas",
    UNDUH: "Mengunduh", IMPOR: "Mengimpor", PULIHKAN: "Memulihkan versi", HAPUS_PRIBADI: "Menghapus data pribadi",
    PENGGUNA_TAMBAH: "Menambah pengguna", PENGGUNA_HAPUS: "Menghapus pengguna",
    PENGGUNA_RESET: "Mengganti kata sandi", AKSES_DITOLAK: "Akses ditolak", LIHAT_AUDIT: "Membuka log audit",
    TUGAS_BUAT: "Membuat tugas", TUGAS_UBAH: "Mengubah tugas", LAPOR: "Mengirim laporan lapangan",
}


def _bersih(teks: object) -> str:
    return _KONTROL.sub(" ", str(teks if teks is not None else ""))[:MAKS_OBJEK]


def baris(*, pengguna: str, peran: str, aksi: str, objek: str = "", hasil: str = BERHASIL,
          waktu: dt.datetime | None = None) -> str:
    """One event as its JSON line (without the newline)."""
    return json.dumps({
        "waktu": (waktu or dt.datetime.now()).isoformat(timespec="seconds"),
        "pengguna": _bersih(pengguna), "peran": _bersih(peran), "aksi": _bersih(aksi),
        "objek": _bersih(objek), "hasil": _bersih(hasil),
    }, ensure_ascii=False)


def catat(folder: Path, *, pengguna: str, peran: str, aksi: str, objek: str = "", hasil: str = BERHASIL,
          waktu: dt.datetime | None = None) -> None:
    """Append one event (``O_APPEND``, fsync). Raises ``OSError`` when it cannot be written, so a
    caller about to show personal data fails closed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = (baris(pengguna=pengguna, peran=peran, aksi=aksi, objek=objek, hasil=hasil, waktu=waktu) + "\n").encode()
    fd = os.open(folder / BERKAS_AUDIT, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def baca(folder: Path, terakhir: int | None = None) -> list[dict]:
    """The events, oldest first (the last ``terakhir`` only when given); unreadable lines skipped."""
    p = Path(folder) / BERKAS_AUDIT
    if not p.is_file():
        return []
    out = []
    for ln in p.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            ev = json.loads(ln)
        except json.JSONDecodeError:
            continue
        if isinstance(ev, dict):
            out.append(ev)
    return out[-terakhir:] if terakhir else out
