"""The audit log: one JSON line per event, appended and fsynced, never rewritten, hash-chained.

``SIAGA_DATA/.akses/audit.jsonl`` (or ``$SIAGA_AKSES/audit.jsonl``). Each line holds the time,
the user, the role, the action, the object (a case number, a file or download name, a request
number, a user name) and the result. Callers never pass personal values (names, NIP, contacts)
or passwords; :func:`catat` also strips control characters and clips the object so one event
is always one line.

**Chain.** Each line carries ``rantai``: the SHA-256 of the previous line's ``rantai`` and of this
line's own fields. ``audit.jangkar`` keeps the number of chained lines and the last ``rantai``
(written after every line, under the same lock). :func:`periksa_rantai` recomputes the chain: an
edited line, a removed line (in the middle or at the end) or an inserted one breaks it, and the
Audit page says where. It detects tampering; it cannot prevent someone with the machine's root
account from rewriting the whole file and the anchor (keep copies off the machine, see
docs/privacy.md).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from siaga.inti.fileio import tulis_atomik

BERKAS_AUDIT = "audit.jsonl"
BERKAS_JANGKAR = "audit.jangkar"
AWAL_RANTAI = "0" * 64           # the "previous link" of the first chained line
BERHASIL, GAGAL, DITOLAK = "berhasil", "gagal", "ditolak"
MAKS_OBJEK = 200
_KONTROL = re.compile(r"[\x00-\x1f\x7f]+")

# Actions recorded (the audit page labels them in Indonesian).
MASUK, MASUK_GAGAL, TERKUNCI, KELUAR, SESI_BERAKHIR = "masuk", "masuk_gagal", "terkunci", "keluar", "sesi_berakhir"
LIHAT_TERLAPOR, LIHAT_PELAPOR = "lihat_terlapor", "lihat_pelapor"
MINTA_PELAPOR, SETUJUI_PELAPOR, TOLAK_PELAPOR = "minta_pelapor", "setujui_pelapor", "tolak_pelapor"
UNDUH, IMPOR, PULIHKAN, HAPUS_PRIBADI = "unduh", "impor", "pulihkan", "hapus_pribadi"
UNDUH_LAPORAN, UNDUH_DITOLAK, SESI_DITOLAK = "unduh_laporan", "unduh_ditolak", "sesi_ditolak"
PENGGUNA_TAMBAH, PENGGUNA_HAPUS, PENGGUNA_RESET = "pengguna_tambah", "pengguna_hapus", "pengguna_reset"
AKSES_DITOLAK, LIHAT_AUDIT = "akses_ditolak", "lihat_audit"
TUGAS_BUAT, TUGAS_UBAH, LAPOR, RAPAT_BUAT = "tugas_buat", "tugas_ubah", "lapor", "rapat_buat"
LIHAT_FOTO = "lihat_foto"
KIRIM_PERINGATAN, KIRIM_LAPORAN = "kirim_peringatan", "kirim_laporan"
LABEL = {
    MASUK: "Masuk", MASUK_GAGAL: "Gagal masuk", TERKUNCI: "Akun terkunci", KELUAR: "Keluar",
    SESI_BERAKHIR: "Sesi berakhir", LIHAT_TERLAPOR: "Melihat identitas terlapor",
    LIHAT_PELAPOR: "Melihat identitas pelapor", MINTA_PELAPOR: "Meminta identitas pelapor",
    SETUJUI_PELAPOR: "Menyetujui permintaan identitas", TOLAK_PELAPOR: "Menolak permintaan identitas",
    UNDUH: "Mengunduh", IMPOR: "Mengimpor", PULIHKAN: "Memulihkan versi", HAPUS_PRIBADI: "Menghapus data pribadi",
    PENGGUNA_TAMBAH: "Menambah pengguna", PENGGUNA_HAPUS: "Menghapus pengguna",
    PENGGUNA_RESET: "Mengganti kata sandi", AKSES_DITOLAK: "Akses ditolak", LIHAT_AUDIT: "Membuka log audit",
    UNDUH_LAPORAN: "Mengunduh laporan", UNDUH_DITOLAK: "Unduhan ditolak",
    SESI_DITOLAK: "Sesi dari peramban lain ditolak",
    TUGAS_BUAT: "Membuat tugas", TUGAS_UBAH: "Mengubah tugas", LAPOR: "Mengirim laporan lapangan",
    RAPAT_BUAT: "Mencatat rapat dan keputusannya",
    LIHAT_FOTO: "Melihat foto laporan lapangan",
    KIRIM_PERINGATAN: "Mengirim peringatan", KIRIM_LAPORAN: "Mengirim laporan harian",
}


def _bersih(teks: object) -> str:
    return _KONTROL.sub(" ", str(teks if teks is not None else ""))[:MAKS_OBJEK]


def _isi(*, pengguna: str, peran: str, aksi: str, objek: str, hasil: str, waktu: dt.datetime | None) -> dict:
    return {
        "waktu": (waktu or dt.datetime.now()).isoformat(timespec="seconds"),
        "pengguna": _bersih(pengguna), "peran": _bersih(peran), "aksi": _bersih(aksi),
        "objek": _bersih(objek), "hasil": _bersih(hasil),
    }


def _mata(sebelum: str, isi: dict) -> str:
    """The chain link of a line: SHA-256 over the previous link and the line's own fields."""
    teks = json.dumps({k: isi[k] for k in sorted(isi) if k != "rantai"}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256((sebelum + "\n" + teks).encode("utf-8")).hexdigest()


def baris(*, pengguna: str, peran: str, aksi: str, objek: str = "", hasil: str = BERHASIL,
          waktu: dt.datetime | None = None, sebelum: str = AWAL_RANTAI) -> str:
    """One event as its JSON line (without the newline), chained to the link ``sebelum``."""
    isi = _isi(pengguna=pengguna, peran=peran, aksi=aksi, objek=objek, hasil=hasil, waktu=waktu)
    isi["rantai"] = _mata(sebelum, isi)
    return json.dumps(isi, ensure_ascii=False)


def _jangkar(folder: Path) -> tuple[int, str]:
    """(chained lines written, last link) from the anchor; (0, start) when there is none."""
    p = folder / BERKAS_JANGKAR
    try:
        j = json.loads(p.read_text(encoding="utf-8"))
        return int(j["jumlah"]), str(j["rantai"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return 0, AWAL_RANTAI


def catat(folder: Path, *, pengguna: str, peran: str, aksi: str, objek: str = "", hasil: str = BERHASIL,
          waktu: dt.datetime | None = None) -> None:
    """Append one chained event (``O_APPEND``, exclusive lock, fsync) and move the anchor. Raises
    ``OSError`` when it cannot be written, so a caller about to show personal data fails closed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(folder / BERKAS_AUDIT, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)            # one writer at a time: the app, the command line
        jumlah, sebelum = _jangkar(folder)
        teks = baris(pengguna=pengguna, peran=peran, aksi=aksi, objek=objek, hasil=hasil, waktu=waktu, sebelum=sebelum)
        os.write(fd, (teks + "\n").encode())
        os.fsync(fd)
        tulis_atomik(folder / BERKAS_JANGKAR, json.dumps({"jumlah": jumlah + 1, "rantai": json.loads(teks)["rantai"]}))
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
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


@dataclass
class HasilRantai:
    """What :func:`periksa_rantai` found: lines checked, lines from before the chain, problems."""
    diperiksa: int = 0
    lama: int = 0
    masalah: list[str] = field(default_factory=list)

    @property
    def utuh(self) -> bool:
        return not self.masalah


def periksa_rantai(folder: Path) -> HasilRantai:
    """Recompute the chain of the audit log and compare its end with the anchor. Lines written
    before the chain existed (no ``rantai``) are counted as such, at the start only."""
    folder = Path(folder)
    p = folder / BERKAS_AUDIT
    h = HasilRantai()
    jumlah, ujung = _jangkar(folder)
    if not p.is_file():
        if jumlah:
            h.masalah.append(f"log audit tidak ada, padahal jangkar mencatat {jumlah} baris: berkasnya dihapus")
        return h
    sebelum = AWAL_RANTAI
    berantai = 0
    for no, ln in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        try:
            isi = json.loads(ln)
            if not isinstance(isi, dict):
                raise ValueError
        except ValueError:
            h.masalah.append(f"baris {no} rusak (bukan JSON)")
            continue
        if "rantai" not in isi:
            if berantai:
                h.masalah.append(f"baris {no} tanpa rantai di tengah log: disisipkan atau diubah")
            else:
                h.lama += 1
            continue
        h.diperiksa += 1
        berantai += 1
        if isi["rantai"] != _mata(sebelum, isi):
            h.masalah.append(f"baris {no} tidak cocok dengan rantainya: baris ini diubah, atau baris sebelumnya "
                             "dihapus atau disisipkan")
        sebelum = isi["rantai"]
    if (berantai, sebelum) != (jumlah, ujung) and not (jumlah == 0 and berantai == 0):
        if berantai < jumlah and h.masalah:
            h.masalah.append(f"log memuat {berantai} baris berantai, padahal jangkar mencatat {jumlah}: "
                             f"{jumlah - berantai} baris hilang")
        elif berantai < jumlah:
            h.masalah.append(f"log berakhir di baris berantai ke-{berantai}, padahal jangkar mencatat {jumlah}: "
                             f"{jumlah - berantai} baris terakhir dihapus")
        else:
            h.masalah.append("ujung log tidak sama dengan jangkarnya (audit.jangkar): log atau jangkarnya diubah")
    return h
