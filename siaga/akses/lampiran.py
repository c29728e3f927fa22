"""Photos attached to a field incident report (Lapor): stripped, resized, kept apart, shown to few.

A photo is decoded with Pillow and encoded again as a new JPEG: only the pixels survive, so EXIF
(camera, owner, time) and GPS location never reach the disk; it is turned upright by its EXIF
orientation first and shrunk to at most :data:`SISI_MAKS` pixels on its long side. It is stored
as ``SIAGA_DATA/lampiran/<random id>.jpg`` (folder 0700, file 0600), outside the shared store: the
store, the published snapshots, the reports, the big screen, downloads and the public demo never
read this folder. ``lampiran/indeks.json`` links each photo id to its incident id and the
incident's kecamatan and kelurahan (for the scope check), nothing else: no file name from the
phone, no user. Only :data:`PERAN_FOTO` roles see photos, within their scope
(:func:`boleh_lihat`); the retention command deletes them with the case data
(:func:`hapus_insiden`)."""

from __future__ import annotations

import fcntl
import io
import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from siaga.akses import ADMIN, PIMPINAN, STAF, VERIFIKATOR, Akses
from siaga.inti.config import Paths
from siaga.inti.fileio import tulis_atomik

FOLDER_FOTO = "lampiran"
INDEKS = "indeks.json"
_KUNCI = ".kunci"
SISI_MAKS = 1600                    # px, the long side of a stored photo
MUTU_JPEG = 85
BATAS_BYTE = 20 * 1024 * 1024       # an upload larger than this is refused before decoding
BATAS_PIKSEL = 60_000_000           # a decoded image larger than this is refused (decompression bomb)
JENIS_UNGGAH = ("jpg", "jpeg", "png", "webp")
PERAN_FOTO = frozenset({STAF, PIMPINAN, VERIFIKATOR, ADMIN})     # staf and above


class FotoDitolak(ValueError):
    """The upload is not a photo that can be kept; the message is Indonesian, for the reporter."""


@dataclass(frozen=True)
class Foto:
    """One stored photo: its random id, the incident it belongs to and that incident's place."""
    id: str
    id_insiden: str
    kode_kecamatan: str
    kode_kelurahan: str | None = None


def folder(paths: Paths) -> Path:
    return Path(paths.data) / FOLDER_FOTO


def olah(isi: bytes) -> bytes:
    """The photo re-encoded: upright, RGB, long side at most :data:`SISI_MAKS`, JPEG without any
    metadata. Raises :class:`FotoDitolak` when it is not a readable photo or too large."""
    if len(isi) > BATAS_BYTE:
        raise FotoDitolak(f"foto lebih dari {BATAS_BYTE // (1024 * 1024)} MB; kirim foto yang lebih kecil")
    try:
        with Image.open(io.BytesIO(isi)) as img:
            if img.width * img.height > BATAS_PIKSEL:
                raise FotoDitolak("ukuran gambar terlalu besar; kirim foto biasa dari kamera ponsel")
            img.load()
            tegak = ImageOps.exif_transpose(img)
            rgb = tegak.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError) as exc:
        if isinstance(exc, FotoDitolak):
            raise
        raise FotoDitolak("berkas bukan foto yang dapat dibaca (JPG, PNG atau WEBP)") from None
    rgb.thumbnail((SISI_MAKS, SISI_MAKS), Image.Resampling.LANCZOS)
    bersih = Image.new("RGB", rgb.size)                # a fresh image: no info dict, no EXIF carried over
    bersih.paste(rgb)
    out = io.BytesIO()
    bersih.save(out, "JPEG", quality=MUTU_JPEG, optimize=True)
    return out.getvalue()


class _Kunci:
    """The photo index lock (one writer at a time across sessions and processes)."""

    def __init__(self, paths: Paths):
        self.path = folder(paths) / _KUNCI

    def __enter__(self) -> _Kunci:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def daftar(paths: Paths) -> list[Foto]:
    """Every photo in the index (an unreadable index reads as empty: photos are never shown wrongly)."""
    p = folder(paths) / INDEKS
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return []
    return [Foto(**f) for f in raw.get("foto", []) if isinstance(f, dict)]


def _tulis_indeks(paths: Paths, semua: Iterable[Foto]) -> None:
    tulis_atomik(folder(paths) / INDEKS, json.dumps({"foto": [asdict(f) for f in semua]}, indent=1) + "\n")


def simpan(paths: Paths, isi: bytes, id_insiden: str, kode_kecamatan: str, kode_kelurahan: str | None) -> Foto:
    """Store an already re-encoded photo (:func:`olah`) for an incident; returns its record."""
    foto = Foto(secrets.token_hex(16), id_insiden, kode_kecamatan, kode_kelurahan)
    with _Kunci(paths):
        tulis_atomik(folder(paths) / f"{foto.id}.jpg", isi)
        _tulis_indeks(paths, [*daftar(paths), foto])
    return foto


def boleh_lihat(ak: Akses, foto: Foto) -> bool:
    """Staf and above, within their scope."""
    if ak.peran not in PERAN_FOTO:
        return False
    if ak.kelurahan is not None and foto.kode_kelurahan != ak.kelurahan:
        return False
    return ak.kecamatan is None or foto.kode_kecamatan == ak.kecamatan


def untuk(paths: Paths, ak: Akses, id_insiden: Iterable[str] | None = None) -> list[Foto]:
    """The photos ``ak`` may see (of the given incidents only, when given)."""
    ids = None if id_insiden is None else set(id_insiden)
    return [f for f in daftar(paths) if boleh_lihat(ak, f) and (ids is None or f.id_insiden in ids)]


def baca(paths: Paths, ak: Akses, foto: Foto) -> bytes | None:
    """The JPEG bytes of a photo ``ak`` may see (None otherwise, or when the file is gone)."""
    if not boleh_lihat(ak, foto) or not all(c in "0123456789abcdef" for c in foto.id):
        return None
    try:
        return (folder(paths) / f"{foto.id}.jpg").read_bytes()
    except OSError:
        return None


def hapus_insiden(paths: Paths, id_insiden: Iterable[str]) -> list[Foto]:
    """Delete the photos of these incidents (files and index entries); returns those deleted."""
    ids = set(id_insiden)
    if not (folder(paths) / INDEKS).exists():
        return []
    with _Kunci(paths):
        semua = daftar(paths)
        hapus = [f for f in semua if f.id_insiden in ids]
        for f in hapus:
            (folder(paths) / f"{f.id}.jpg").unlink(missing_ok=True)
        if hapus:
            _tulis_indeks(paths, [f for f in semua if f.id_insiden not in ids])
    return hapus
