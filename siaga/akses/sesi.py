"""Log-in sessions bound to the browser (pure, no Streamlit).

Every browser that loads the app gets a random client cookie (:data:`COOKIE_KLIEN`, 256 bits, HttpOnly,
set by :class:`siaga.tampilan.jaringan.CookieKlien`). A log-in is bound to an HMAC of that cookie
(:func:`ikatan`, key ``rahasia_sesi`` in the access folder), never to the Streamlit session id:

- every run compares the current connection's cookie with the session's binding
  (:mod:`siaga.akses.gerbang`); another browser presenting the session id does not match;
- the login table ``sesi.json`` (access folder, 0600, replaced atomically under the folder's lock,
  shared by every app process) maps the binding to the logged-in user, so a reload or a shared
  link in the same browser resumes the session without a password (:func:`lanjut`) until log-out
  (:func:`hapus`), idle expiry or a change of the user (:func:`siaga.akses.pengguna.periksa_sesi`).

The table holds HMACs only: the raw cookie is never stored, so a copy of the table does not let
anyone present a valid cookie. A client without the cookie (a script, AppTest) is bound to
:data:`TANPA_COOKIE` and never resumes anything from the table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from pathlib import Path

from siaga.akses import Akses
from siaga.akses.pengguna import Aturan, PenggunaError, Sesi, baca_json, kunci, periksa_sesi
from siaga.inti.fileio import tulis_atomik

COOKIE_KLIEN = "siaga_klien"           # the client cookie's name
PANJANG_COOKIE = 32                    # bytes of randomness (256 bits), URL-safe base64 in the cookie
TANPA_COOKIE = ""                      # the binding of a client that sent no valid cookie
BERKAS_SESI, RAHASIA_SESI = "sesi.json", "rahasia_sesi"
SEGAR_DETIK = 60                       # the table's last-activity time is rewritten at most this often
                                       # (or every tenth of the session time, when that is shorter)


def cookie_baru() -> str:
    return secrets.token_urlsafe(PANJANG_COOKIE)


def cookie_sah(nilai: str | None) -> bool:
    """Whether a cookie value has the shape :func:`cookie_baru` makes (anything else is ignored)."""
    return (isinstance(nilai, str) and len(nilai) == 43
            and all(c.isascii() and (c.isalnum() or c in "-_") for c in nilai))


def _rahasia(dir_: Path) -> bytes:
    p = dir_ / RAHASIA_SESI
    if p.is_file() and len(k := p.read_bytes()) >= 32:
        return k
    with kunci(dir_):
        if p.is_file() and len(k := p.read_bytes()) >= 32:
            return k
        k = secrets.token_bytes(32)
        tulis_atomik(p, k, mode=0o600)
        return k


def ikatan(dir_: Path, cookie: str | None) -> str:
    """The binding of a client cookie: its HMAC under the folder's session key, or
    :data:`TANPA_COOKIE` without a valid cookie."""
    if not cookie_sah(cookie):
        return TANPA_COOKIE
    return hmac.new(_rahasia(dir_), cookie.encode("ascii"), hashlib.sha256).hexdigest()


def _baca(dir_: Path) -> dict[str, dict]:
    try:
        isi = baca_json(dir_ / BERKAS_SESI, {})
    except PenggunaError:            # a damaged table: nobody resumes, the next write replaces it
        return {}
    return isi if isinstance(isi, dict) else {}


def _tulis(dir_: Path, isi: dict[str, dict]) -> None:
    tulis_atomik(dir_ / BERKAS_SESI, json.dumps(isi, ensure_ascii=False, indent=1) + "\n", mode=0o600)


def _baris(sesi: Sesi) -> dict:
    a = sesi.akses
    return {"pengguna": a.pengguna, "peran": a.peran, "kecamatan": a.kecamatan, "kelurahan": a.kelurahan,
            "mulai": sesi.mulai.isoformat(timespec="seconds"), "terakhir": sesi.terakhir.isoformat(timespec="seconds"),
            "cara": sesi.cara}


def _sesi(b: dict, ikat: str) -> Sesi | None:
    try:
        return Sesi(Akses(b["pengguna"], b["peran"], b.get("kecamatan"), b.get("kelurahan")),
                    dt.datetime.fromisoformat(b["mulai"]), dt.datetime.fromisoformat(b["terakhir"]),
                    b.get("cara", "sandi"), ikatan=ikat)
    except (KeyError, TypeError, ValueError):
        return None


def _bersihkan(isi: dict[str, dict], sekarang: dt.datetime, aturan: Aturan) -> dict[str, dict]:
    """The table without entries idle past the session time (or unreadable)."""
    out = {}
    for k, b in isi.items():
        s = _sesi(b, k) if isinstance(b, dict) else None
        if s is not None and not s.kedaluwarsa(sekarang, aturan):
            out[k] = b
    return out


def simpan(dir_: Path, sesi: Sesi, sekarang: dt.datetime, aturan: Aturan) -> None:
    """Record a session started (or refreshed) in this browser; nothing without a cookie."""
    if sesi.ikatan == TANPA_COOKIE:
        return
    with kunci(dir_):
        isi = _bersihkan(_baca(dir_), sekarang, aturan)
        isi[sesi.ikatan] = _baris(sesi)
        _tulis(dir_, isi)


def hapus(dir_: Path, ikat: str) -> None:
    """Forget this browser's log-in (log-out, expiry): a reload asks for the password again."""
    if ikat == TANPA_COOKIE or ikat not in _baca(dir_):
        return
    with kunci(dir_):
        isi = _baca(dir_)
        if isi.pop(ikat, None) is not None:
            _tulis(dir_, isi)


def cari(dir_: Path, ikat: str) -> Sesi | None:
    """The session recorded for this binding, as stored (not checked)."""
    if ikat == TANPA_COOKIE:
        return None
    b = _baca(dir_).get(ikat)
    return _sesi(b, ikat) if isinstance(b, dict) else None


def lanjut(dir_: Path, ikat: str, sekarang: dt.datetime, aturan: Aturan) -> Sesi | None:
    """The session this browser may resume: recorded for its binding, not idle past the session
    time, its user unchanged (:func:`~siaga.akses.pengguna.periksa_sesi`), its last activity
    refreshed in the table at most every :data:`SEGAR_DETIK` seconds (so idle expiry may come that
    much early). An entry that is no longer valid is deleted."""
    lama = cari(dir_, ikat)
    if lama is None:
        return None
    baru = periksa_sesi(dir_, lama, sekarang, aturan)
    if baru is None:
        hapus(dir_, ikat)
        return None
    if (sekarang - lama.terakhir).total_seconds() >= min(SEGAR_DETIK, aturan.sesi_menit * 6):
        simpan(dir_, baru, sekarang, aturan)
    return baru
