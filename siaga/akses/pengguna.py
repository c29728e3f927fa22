"""Users, passwords, lock-out and sessions, offline on one machine (pure, no Streamlit).

Everything lives in the access folder, ``SIAGA_DATA/.akses`` (or ``$SIAGA_AKSES``), which is
never served and never copied into the import history::

    pengguna.json   users: name, role, kecamatan (camat), e-mail (single sign-on), argon2 hash
    gagal.json      failed log-ins per user name and lock-outs (kept across restarts)
    audit.jsonl     the audit log (siaga.akses.audit)
    permintaan.json reporter-identity requests (siaga.akses.identitas)
    kunci           lock file: one writer at a time

Files are written atomically (siaga.inti.fileio) with mode 0600. Passwords are hashed with argon2id
(argon2-cffi); a wrong password and an unknown user take the same time and give the same
message. After ``gagal_maks`` consecutive failures a user name is locked for ``kunci_menit``.
A session ends after ``sesi_menit`` without activity. All three come from the environment
(``SIAGA_SESI_MENIT``, ``SIAGA_GAGAL_MAKS``, ``SIAGA_KUNCI_MENIT``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from siaga.akses import CAMAT, LURAH, PERAN, Akses
from siaga.inti.config import Paths
from siaga.inti.fileio import tulis_atomik

FOLDER = ".akses"
BERKAS, GAGAL, KUNCI = "pengguna.json", "gagal.json", "kunci"
NAMA = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
KODE_KECAMATAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
KODE_KELURAHAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
SANDI_MIN = 10

_hasher = PasswordHasher()
_HASH_PALSU = _hasher.hash("siaga-pengguna-tidak-ada")      # verified against for unknown users (same timing)


class PenggunaError(ValueError):
    """A refused change to the users file; the message is Indonesian and holds no password."""


def folder(paths: Paths) -> Path:
    """The access folder: ``$SIAGA_AKSES``, else ``<data>/.akses``."""
    env = os.environ.get("SIAGA_AKSES")
    return Path(env).expanduser().resolve() if env else paths.data / FOLDER


@dataclass(frozen=True)
class Aturan:
    sesi_menit: int = 30          # idle time after which a session ends
    gagal_maks: int = 5           # consecutive failures before a lock-out
    kunci_menit: int = 15         # length of a lock-out

    @classmethod
    def dari_env(cls) -> Aturan:
        def angka(nama: str, bawaan: int) -> int:
            try:
                return max(1, int(os.environ.get(nama, bawaan)))
            except ValueError:
                return bawaan
        return cls(angka("SIAGA_SESI_MENIT", cls.sesi_menit), angka("SIAGA_GAGAL_MAKS", cls.gagal_maks),
                   angka("SIAGA_KUNCI_MENIT", cls.kunci_menit))


@dataclass
class Pengguna:
    nama: str
    peran: str
    kecamatan: str | None = None
    email: str | None = None
    hash: str | None = field(default=None, repr=False)      # None: single sign-on only
    dibuat: str = ""
    diubah: str = ""
    kelurahan: str | None = None            # a lurah's kelurahan (its kecamatan is in ``kecamatan``)

    @property
    def akses(self) -> Akses:
        return Akses(self.nama, self.peran, self.kecamatan, self.kelurahan)


def _sekarang() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


@contextlib.contextmanager
def kunci(dir_: Path) -> Iterator[None]:
    """Exclusive lock on the access folder for a read-modify-write."""
    dir_.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(dir_ / KUNCI, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def baca_json(p: Path, bawaan):
    if not p.is_file():
        return bawaan
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise PenggunaError(f"berkas {p.name} rusak; pulihkan dari cadangan") from None


def tulis_json(p: Path, isi) -> None:
    tulis_atomik(p, json.dumps(isi, ensure_ascii=False, indent=1) + "\n")


def daftar(dir_: Path) -> list[Pengguna]:
    raw = baca_json(dir_ / BERKAS, {"pengguna": []})
    return [Pengguna(**p) for p in raw.get("pengguna", [])]


def ada_pengguna(dir_: Path) -> bool:
    """Whether any user is configured (otherwise the app is the read-only public demo)."""
    return bool(daftar(dir_))


def cari(dir_: Path, nama: str) -> Pengguna | None:
    nama = nama.strip().lower()
    return next((p for p in daftar(dir_) if p.nama == nama), None)


def cari_email(dir_: Path, email: str) -> Pengguna | None:
    """The user a single sign-on e-mail maps to (case-insensitive), if any."""
    email = (email or "").strip().lower()
    return next((p for p in daftar(dir_) if (p.email or "").lower() == email), None) if email else None


def _simpan(dir_: Path, semua: list[Pengguna]) -> None:
    tulis_json(dir_ / BERKAS, {"format": 1, "pengguna": [asdict(p) for p in semua]})


def cek_sandi(nama: str, sandi: str) -> None:
    if len(sandi) < SANDI_MIN:
        raise PenggunaError(f"kata sandi terlalu pendek: paling sedikit {SANDI_MIN} karakter")
    if sandi.strip().lower() == nama:
        raise PenggunaError("kata sandi tidak boleh sama dengan nama pengguna")


def _cek(nama: str, peran: str, kecamatan: str | None, kecamatan_ada: set[str] | None,
         kelurahan: str | None = None) -> None:
    if not NAMA.match(nama):
        raise PenggunaError("nama pengguna: 2–40 huruf kecil, angka, titik, garis bawah atau tanda hubung")
    if peran not in PERAN:
        raise PenggunaError(f"peran harus salah satu dari: {', '.join(PERAN)}")
    if peran == CAMAT:
        if not kecamatan or not KODE_KECAMATAN.match(kecamatan):
            raise PenggunaError("peran camat memerlukan --kecamatan berupa kode Kemendagri, mis. 32.75.01")
        if kecamatan_ada is not None and kecamatan not in kecamatan_ada:
            raise PenggunaError(f"kecamatan {kecamatan} tidak ada di wilayah.csv")
    elif peran == LURAH:
        if not kelurahan or not KODE_KELURAHAN.match(kelurahan):
            raise PenggunaError("peran lurah memerlukan --kelurahan berupa kode Kemendagri, mis. 32.75.01.1001")
        if kecamatan_ada is not None and kelurahan not in kecamatan_ada:
            raise PenggunaError(f"kelurahan {kelurahan} tidak ada di wilayah.csv")
        if kecamatan and kecamatan != kelurahan[:8]:
            raise PenggunaError(f"kelurahan {kelurahan} tidak berada di kecamatan {kecamatan}")
    elif kecamatan:
        raise PenggunaError("--kecamatan hanya untuk peran camat")
    if kelurahan and peran != LURAH:
        raise PenggunaError("--kelurahan hanya untuk peran lurah")


def tambah(dir_: Path, nama: str, peran: str, sandi: str | None, *, kecamatan: str | None = None,
           email: str | None = None, kecamatan_ada: set[str] | None = None, kelurahan: str | None = None) -> Pengguna:
    """Add a user; ``sandi`` None makes a single-sign-on-only user (``email`` required then).
    ``kecamatan_ada`` holds the kecamatan and kelurahan codes of wilayah.csv (None: not checked)."""
    nama = nama.strip().lower()
    _cek(nama, peran, kecamatan, kecamatan_ada, kelurahan)
    if peran == LURAH:
        kecamatan = kelurahan[:8]
    if sandi is None and not email:
        raise PenggunaError("pengguna tanpa kata sandi memerlukan --email (masuk lewat akun organisasi)")
    if sandi is not None:
        cek_sandi(nama, sandi)
    with kunci(dir_):
        semua = daftar(dir_)
        if any(p.nama == nama for p in semua):
            raise PenggunaError(f"pengguna {nama} sudah ada")
        if email and any((p.email or "").lower() == email.lower() for p in semua):
            raise PenggunaError("e-mail itu sudah dipakai pengguna lain")
        nu = _sekarang()
        baru = Pengguna(nama, peran, kecamatan, email.lower() if email else None,
                        _hasher.hash(sandi) if sandi is not None else None, nu, nu, kelurahan)
        _simpan(dir_, [*semua, baru])
    return baru


def hapus(dir_: Path, nama: str) -> None:
    nama = nama.strip().lower()
    with kunci(dir_):
        semua = daftar(dir_)
        if not any(p.nama == nama for p in semua):
            raise PenggunaError(f"pengguna {nama} tidak ada")
        _simpan(dir_, [p for p in semua if p.nama != nama])
        _tulis_gagal(dir_, {k: v for k, v in _baca_gagal(dir_).items() if k != nama})


def reset(dir_: Path, nama: str, sandi: str) -> None:
    """A new password; also lifts a lock-out."""
    nama = nama.strip().lower()
    cek_sandi(nama, sandi)
    with kunci(dir_):
        semua = daftar(dir_)
        if not any(p.nama == nama for p in semua):
            raise PenggunaError(f"pengguna {nama} tidak ada")
        _simpan(dir_, [replace(p, hash=_hasher.hash(sandi), diubah=_sekarang()) if p.nama == nama else p
                       for p in semua])
        _tulis_gagal(dir_, {k: v for k, v in _baca_gagal(dir_).items() if k != nama})


# ------------------------------------------------------------------ log-in and lock-out

BERHASIL, SALAH, TERKUNCI, BARU_TERKUNCI = "berhasil", "salah", "terkunci", "baru_terkunci"


@dataclass(frozen=True)
class HasilMasuk:
    hasil: str                          # berhasil | salah | terkunci | baru_terkunci
    akses: Akses | None = None
    sampai: dt.datetime | None = None   # end of the lock-out

    @property
    def ok(self) -> bool:
        return self.hasil == BERHASIL


def _baca_gagal(dir_: Path) -> dict[str, dict]:
    return baca_json(dir_ / GAGAL, {})


def _tulis_gagal(dir_: Path, isi: dict[str, dict]) -> None:
    tulis_json(dir_ / GAGAL, isi)


def terkunci(dir_: Path, sekarang: dt.datetime) -> dict[str, dt.datetime]:
    """The user names locked out now, with the end of their lock-out (one read of the file)."""
    sampai = {n: dt.datetime.fromisoformat(g["sampai"]) for n, g in _baca_gagal(dir_).items() if g.get("sampai")}
    return {n: t for n, t in sampai.items() if t > sekarang}


def terkunci_sampai(dir_: Path, nama: str, sekarang: dt.datetime) -> dt.datetime | None:
    return terkunci(dir_, sekarang).get(nama.strip().lower())


def masuk(dir_: Path, nama: str, sandi: str, sekarang: dt.datetime, aturan: Aturan) -> HasilMasuk:
    """Check a user name and password, counting failures per user name (known or not)."""
    nama = nama.strip().lower()[:40]
    with kunci(dir_):
        gagal = _baca_gagal(dir_)
        g = gagal.get(nama, {})
        if g.get("sampai"):
            sampai = dt.datetime.fromisoformat(g["sampai"])
            if sampai > sekarang:
                return HasilMasuk(TERKUNCI, sampai=sampai)
            g = {}                                         # the lock-out is over: count afresh
        semua = daftar(dir_)
        p = next((x for x in semua if x.nama == nama), None)
        try:
            ok = _hasher.verify(p.hash if p and p.hash else _HASH_PALSU, sandi) and p is not None and bool(p.hash)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if ok:
            if nama in gagal:
                _tulis_gagal(dir_, {k: v for k, v in gagal.items() if k != nama})
            if _hasher.check_needs_rehash(p.hash):
                _simpan(dir_, [replace(x, hash=_hasher.hash(sandi)) if x.nama == nama else x for x in semua])
            return HasilMasuk(BERHASIL, p.akses)
        jumlah = int(g.get("jumlah", 0)) + 1
        g = {"jumlah": jumlah, "terakhir": sekarang.isoformat(timespec="seconds")}
        hasil = SALAH
        if jumlah >= aturan.gagal_maks:
            g["sampai"] = (sekarang + dt.timedelta(minutes=aturan.kunci_menit)).isoformat(timespec="seconds")
            hasil = BARU_TERKUNCI
        gagal[nama] = g
        _tulis_gagal(dir_, gagal)
        return HasilMasuk(hasil, sampai=dt.datetime.fromisoformat(g["sampai"]) if "sampai" in g else None)


# ------------------------------------------------------------------ sessions

@dataclass(frozen=True)
class Sesi:
    """A logged-in session (kept in the server-side session state, never in the browser)."""
    akses: Akses
    mulai: dt.datetime
    terakhir: dt.datetime
    cara: str = "sandi"                  # sandi | oidc

    def kedaluwarsa(self, sekarang: dt.datetime, aturan: Aturan) -> bool:
        return sekarang - self.terakhir > dt.timedelta(minutes=aturan.sesi_menit)

    def diperbarui(self, sekarang: dt.datetime) -> Sesi:
        return replace(self, terakhir=sekarang)


def periksa_sesi(dir_: Path, sesi: Sesi, sekarang: dt.datetime, aturan: Aturan) -> Sesi | None:
    """The session, refreshed, when it is still valid: not idle too long, and its user still
    exists with the same role and kecamatan (a removed or changed user is logged out)."""
    if sesi.kedaluwarsa(sekarang, aturan):
        return None
    p = cari(dir_, sesi.akses.pengguna)
    if p is None or p.akses != sesi.akses:
        return None
    return sesi.diperbarui(sekarang)
