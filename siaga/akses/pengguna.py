"""Users, passwords, lock-out and sessions, offline on one machine (pure, no Streamlit).

Everything lives in the access folder, ``SIAGA_DATA/.akses`` (or ``$SIAGA_AKSES``), which is
never served and never copied into the import history::

    pengguna.json   users: name, role, kecamatan (camat), e-mail (single sign-on), argon2 hash
    gagal.json      failed log-ins and lock-outs per (name, client) and per client, keyed by an
                    HMAC: a name typed wrongly (perhaps a password) is never stored
    rahasia         the HMAC key of gagal.json (random, 0600)
    audit.jsonl     the audit log (siaga.akses.audit)
    permintaan.json reporter-identity requests (siaga.akses.identitas)
    kunci           lock file: one writer at a time

Files are written atomically (siaga.inti.fileio) with mode 0600. Passwords are hashed with argon2id
(argon2-cffi) and must pass a strength estimate (zxcvbn, with Indonesian common words): common
and trivially patterned passwords are refused. A wrong password and an unknown user take the same
time and give the same message. After ``gagal_maks`` consecutive failures a name is locked for
``kunci_menit`` *from that client only*, so nobody can lock an admin out from everywhere; a client
failing ``klien_maks`` times across names is locked for every name. A session ends after
``sesi_menit`` without activity. All come from the environment (``SIAGA_SESI_MENIT``,
``SIAGA_GAGAL_MAKS``, ``SIAGA_KUNCI_MENIT``, ``SIAGA_KLIEN_MAKS``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from siaga.akses import CAMAT, LURAH, PERAN, Akses
from siaga.inti.config import Paths
from siaga.inti.fileio import tulis_atomik

FOLDER = ".akses"
BERKAS, GAGAL, KUNCI, RAHASIA = "pengguna.json", "gagal.json", "kunci", "rahasia"
NAMA = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
KODE_KECAMATAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
KODE_KELURAHAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
SANDI_MIN = 10
SKOR_MIN = 3          # zxcvbn: 0 very guessable … 4 very unguessable; 3 is "safely unguessable"
# Words Indonesian desk passwords are made of, which the estimator's English lists do not know.
KATA_UMUM = (
    "sandi", "katasandi", "kata", "rahasia", "rahasiaku", "password", "admin", "administrator", "masuk", "login",
    "siaga", "pilkada", "pemilu", "pemilihan", "desk", "kpu", "bawaslu", "pemda", "pemkot", "pemkab", "kesbangpol",
    "sekda", "camat", "lurah", "staf", "indonesia", "merdeka", "bismillah", "alhamdulillah", "sayang", "sayangku",
    "cinta", "garuda", "pancasila", "jakarta", "bekasi", "bandung", "surabaya", "selamat", "qwerty", "asdfgh",
)

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
    gagal_maks: int = 5           # consecutive failures of one name from one client before a lock-out
    kunci_menit: int = 15         # length of a lock-out
    klien_maks: int = 20          # failures of one client across names before that client is locked

    @classmethod
    def dari_env(cls) -> Aturan:
        def angka(nama: str, bawaan: int) -> int:
            try:
                return max(1, int(os.environ.get(nama, bawaan)))
            except ValueError:
                return bawaan
        return cls(angka("SIAGA_SESI_MENIT", cls.sesi_menit), angka("SIAGA_GAGAL_MAKS", cls.gagal_maks),
                   angka("SIAGA_KUNCI_MENIT", cls.kunci_menit), angka("SIAGA_KLIEN_MAKS", cls.klien_maks))


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


_POLA_LEMAH = {
    "sequence": "berisi deret berurutan (mis. 1234567890 atau abcdef)",
    "repeat": "berisi pengulangan (mis. aaaa atau 121212)",
    "spatial": "berisi pola papan ketik (mis. qwerty atau asdf)",
    "date": "berisi tanggal atau tahun",
    "dictionary": "berisi kata sandi umum, kata umum atau nama pengguna",
}


def kekuatan(nama: str, sandi: str, kata_lain: tuple[str, ...] = ()) -> tuple[int, str]:
    """The zxcvbn score (0–4) of a password and, for a weak one, why (Indonesian).

    zxcvbn's dictionaries are English; a password made only of common Indonesian desk words, the
    user or region name, digits and punctuation (``siaga-pilkada-2024``) scores 0 here whatever
    the estimate says."""
    from zxcvbn import zxcvbn

    masukan = [m.lower() for m in [nama, *re.split(r"[._-]", nama), *KATA_UMUM, *kata_lain] if m]
    r = zxcvbn(sandi[:100], user_inputs=masukan)
    pola = [m.get("pattern") for m in r.get("sequence", []) if m.get("pattern") in _POLA_LEMAH]
    if int(r["score"]) < SKOR_MIN:
        return int(r["score"]), (_POLA_LEMAH[pola[0]] if pola else "terlalu pendek atau terlalu sederhana")
    inti = sandi.lower()
    for kata in sorted({re.sub(r"[^a-z]", "", m) for m in masukan}, key=len, reverse=True):
        if len(kata) >= 3:
            inti = inti.replace(kata, "")
    if len(re.sub(r"[^a-z]", "", inti)) < 4:
        return 0, "hanya terdiri dari kata umum, nama pengguna atau nama daerah, angka dan tanda baca"
    return int(r["score"]), ""


def cek_sandi(nama: str, sandi: str, kata_lain: tuple[str, ...] = ()) -> None:
    """Length, not the user name, and a strength estimate: common and trivially patterned
    passwords (``1234567890``, ``password123``, ``rahasia-desk-pilkada``) are refused."""
    if len(sandi) < SANDI_MIN:
        raise PenggunaError(f"kata sandi terlalu pendek: paling sedikit {SANDI_MIN} karakter")
    if sandi.strip().lower() == nama:
        raise PenggunaError("kata sandi tidak boleh sama dengan nama pengguna")
    skor, alasan = kekuatan(nama, sandi, kata_lain)
    if skor < SKOR_MIN:
        raise PenggunaError(f"kata sandi terlalu mudah ditebak: {alasan}. Pakai kalimat sandi dari tiga atau empat "
                            "kata yang tidak umum ditambah angka, mis. kopi-hujan-lantai-7")


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
           email: str | None = None, kecamatan_ada: set[str] | None = None,
           kata_lain: tuple[str, ...] = (), kelurahan: str | None = None) -> Pengguna:
    """Add a user; ``sandi`` None makes a single-sign-on-only user (``email`` required then).
    ``kata_lain``: words of the desk (region name) a password must not be built from.
    ``kecamatan_ada`` holds the kecamatan and kelurahan codes of wilayah.csv (None: not checked)."""
    nama = nama.strip().lower()
    _cek(nama, peran, kecamatan, kecamatan_ada, kelurahan)
    if peran == LURAH:
        kecamatan = kelurahan[:8]
    if sandi is None and not email:
        raise PenggunaError("pengguna tanpa kata sandi memerlukan --email (masuk lewat akun organisasi)")
    if sandi is not None:
        cek_sandi(nama, sandi, kata_lain)
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
        _tanpa_nama(dir_, nama)


def reset(dir_: Path, nama: str, sandi: str, kata_lain: tuple[str, ...] = ()) -> None:
    """A new password; also lifts every lock-out of that name."""
    nama = nama.strip().lower()
    cek_sandi(nama, sandi, kata_lain)
    with kunci(dir_):
        semua = daftar(dir_)
        if not any(p.nama == nama for p in semua):
            raise PenggunaError(f"pengguna {nama} tidak ada")
        _simpan(dir_, [replace(p, hash=_hasher.hash(sandi), diubah=_sekarang()) if p.nama == nama else p
                       for p in semua])
        _tanpa_nama(dir_, nama)


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


def _rahasia(dir_: Path) -> bytes:
    """The HMAC key of the failure records (created once, 0600). Call under :func:`kunci`."""
    p = dir_ / RAHASIA
    if p.is_file() and len(k := p.read_bytes()) >= 32:
        return k
    k = secrets.token_bytes(32)
    tulis_atomik(p, k, mode=0o600)
    return k


def _sidik(kunci_rahasia: bytes, *bagian: str) -> str:
    return hmac.new(kunci_rahasia, "\x00".join(bagian).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _tanpa_nama(dir_: Path, nama: str) -> None:
    """Drop every failure record of ``nama`` (all clients): its lock-outs are lifted. Under :func:`kunci`."""
    sidik = _sidik(_rahasia(dir_), "nama", nama)
    gagal = _baca_gagal(dir_)
    sisa = {k: v for k, v in gagal.items() if v.get("nama") != sidik}
    if sisa != gagal:
        _tulis_gagal(dir_, sisa)


def terkunci(dir_: Path, sekarang: dt.datetime) -> dict[str, dt.datetime]:
    """The users locked out now (from some client), with the end of their lock-out."""
    gagal = _baca_gagal(dir_)
    if not gagal or not (dir_ / RAHASIA).is_file():
        return {}
    k = (dir_ / RAHASIA).read_bytes()
    out: dict[str, dt.datetime] = {}
    for p in daftar(dir_):
        sidik = _sidik(k, "nama", p.nama)
        sampai = [dt.datetime.fromisoformat(g["sampai"]) for g in gagal.values()
                  if g.get("nama") == sidik and g.get("sampai")]
        sampai = [t for t in sampai if t > sekarang]
        if sampai:
            out[p.nama] = max(sampai)
    return out


def terkunci_sampai(dir_: Path, nama: str, sekarang: dt.datetime) -> dt.datetime | None:
    return terkunci(dir_, sekarang).get(nama.strip().lower())


def _kunci_aktif(g: dict, sekarang: dt.datetime) -> dt.datetime | None:
    sampai = dt.datetime.fromisoformat(g["sampai"]) if g.get("sampai") else None
    return sampai if sampai is not None and sampai > sekarang else None


def _gagal_lagi(g: dict, maks: int, sekarang: dt.datetime, aturan: Aturan, **kunci_) -> dict:
    """A record with one more failure (counted afresh after an earlier lock-out ended)."""
    jumlah = (0 if g.get("sampai") else int(g.get("jumlah", 0))) + 1
    out = {**kunci_, "jumlah": jumlah, "terakhir": sekarang.isoformat(timespec="seconds")}
    if jumlah >= maks:
        out["sampai"] = (sekarang + dt.timedelta(minutes=aturan.kunci_menit)).isoformat(timespec="seconds")
    return out


def masuk(dir_: Path, nama: str, sandi: str, sekarang: dt.datetime, aturan: Aturan, klien: str = "") -> HasilMasuk:
    """Check a user name and password from ``klien`` (the client's address).

    Failures count per (name, client), so a lock-out holds for that client only: an attacker
    cannot lock an admin out from everywhere. A client failing :attr:`Aturan.klien_maks` times
    across names is locked for every name (spraying). Names are never stored: records are keyed
    by an HMAC, so a password typed into the name field leaves nothing on disk."""
    nama = nama.strip().lower()[:40]
    with kunci(dir_):
        k = _rahasia(dir_)
        sn, sk = _sidik(k, "nama", nama), _sidik(k, "klien", klien)
        kp, kk = _sidik(k, "pasangan", nama, klien), "klien:" + sk
        gagal = _baca_gagal(dir_)
        g, gk = gagal.get(kp, {}), gagal.get(kk, {})
        for catatan in (g, gk):
            if sampai := _kunci_aktif(catatan, sekarang):
                return HasilMasuk(TERKUNCI, sampai=sampai)
        semua = daftar(dir_)
        p = next((x for x in semua if x.nama == nama), None)
        try:
            ok = _hasher.verify(p.hash if p and p.hash else _HASH_PALSU, sandi) and p is not None and bool(p.hash)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if ok:
            if kp in gagal or kk in gagal:
                _tulis_gagal(dir_, {x: v for x, v in gagal.items() if x not in (kp, kk)})
            if _hasher.check_needs_rehash(p.hash):
                _simpan(dir_, [replace(x, hash=_hasher.hash(sandi)) if x.nama == nama else x for x in semua])
            return HasilMasuk(BERHASIL, p.akses)
        g = _gagal_lagi(g, aturan.gagal_maks, sekarang, aturan, nama=sn, klien=sk)
        gk = _gagal_lagi(gk, aturan.klien_maks, sekarang, aturan, klien=sk)
        gagal[kp], gagal[kk] = g, gk
        _tulis_gagal(dir_, gagal)
        sampai = [dt.datetime.fromisoformat(x["sampai"]) for x in (g, gk) if "sampai" in x]
        return HasilMasuk(BARU_TERKUNCI if sampai else SALAH, sampai=max(sampai) if sampai else None)


# ------------------------------------------------------------------ sessions

@dataclass(frozen=True)
class Sesi:
    """A logged-in session, in the server-side session state and (for a browser with the client
    cookie) the login table of :mod:`siaga.akses.sesi`. ``ikatan`` binds it to the browser: the
    HMAC of the client cookie, ``""`` for a client without one."""
    akses: Akses
    mulai: dt.datetime
    terakhir: dt.datetime
    cara: str = "sandi"                  # sandi | oidc
    ikatan: str = field(default="", repr=False)

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
