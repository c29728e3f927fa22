"""The one gate to personal data: identities of neutrality cases, read on demand.

``netralitas_pribadi.csv`` is never loaded into the shared store and never cached. The two
functions that read it check the role first, write the audit line (failing closed when it cannot
be written), and return only the columns and cases asked for:

- :func:`terlapor`: name, NIP and position of reported civil servants (role ``verifikator``);
- :func:`pelapor`: a case's reporter (name, contact) only through *identity escrow*: a
  verifikator asks with a written reason (:func:`minta`), an admin approves or rejects
  (:func:`putuskan`), and the approval opens that one case to that one verifikator for
  :data:`BERLAKU_JAM` hours. Every step is in the audit log; reasons stay in the access folder
  and are never written to the log.

Frames returned here carry ``attrs["pribadi"] = True``; downloads refuse such frames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pandas as pd

from siaga.akses import LIHAT_TERLAPOR, MINTA_PELAPOR, PUTUSKAN_PELAPOR, Akses, AksesDitolak, audit
from siaga.akses.pengguna import baca_json, kunci, tulis_json
from siaga.inti.config import Paths
from siaga.inti.kontrak import INPUTS
from siaga.inti.masalah import MasalahError
from siaga.masuk.baca import baca_tabel, lokasi_berkas
from siaga.masuk.periksa import validasi

INPUT = INPUTS["netralitas_pribadi"]
KOLOM_TERLAPOR = ["id_kasus", "nama_terlapor", "nip_terlapor", "jabatan_terlapor"]
KOLOM_PELAPOR = ["id_kasus", "nama_pelapor", "kontak_pelapor"]
BERKAS_PERMINTAAN = "permintaan.json"
BERLAKU_JAM = 24
ALASAN_MIN = 20
MENUNGGU, DISETUJUI, DITOLAK, KEDALUWARSA = "menunggu", "disetujui", "ditolak", "kedaluwarsa"


class IdentitasError(ValueError):
    """A refused request or decision (Indonesian message, no personal values)."""


def tandai(df: pd.DataFrame) -> pd.DataFrame:
    df.attrs["pribadi"] = True
    return df


def pribadi(df: pd.DataFrame) -> bool:
    """Whether a frame holds personal data (from this module, or a personal column by name)."""
    return bool(df.attrs.get("pribadi")) or bool(INPUT.pribadi & {str(c) for c in df.columns})


def baca_isi(isi: bytes) -> pd.DataFrame | None:
    """The typed rows of a copy of the identities file (its columns only); None when unreadable."""
    try:
        df, _ = validasi(INPUT, baca_tabel(isi, INPUT.berkas, INPUT).df)
    except MasalahError:
        return None
    return None if df is None else df[[k.nama for k in INPUT.kolom]].reset_index(drop=True)


def baca(paths: Paths) -> pd.DataFrame:
    """The typed identities file (empty when absent or unreadable). Internal: callers go through
    :func:`terlapor` and :func:`pelapor`."""
    p = lokasi_berkas(INPUT, paths)
    df = baca_isi(p.read_bytes()) if p.is_file() else None
    return tandai(pd.DataFrame(columns=[k.nama for k in INPUT.kolom]) if df is None else df)


def _catat(dir_: Path, akses: Akses, aksi: str, objek: str, hasil: str = audit.BERHASIL) -> None:
    audit.catat(dir_, pengguna=akses.pengguna, peran=akses.peran, aksi=aksi, objek=objek, hasil=hasil)


def terlapor(paths: Paths, dir_: Path, akses: Akses, kasus: Iterable[str]) -> pd.DataFrame:
    """Name, NIP and position of the reported civil servants of ``kasus`` (verifikator only)."""
    kasus = sorted({str(k) for k in kasus})
    if not akses.boleh(LIHAT_TERLAPOR):
        _catat(dir_, akses, audit.AKSES_DITOLAK, f"{audit.LIHAT_TERLAPOR}: {', '.join(kasus)}", audit.DITOLAK)
        raise AksesDitolak("identitas terlapor hanya untuk verifikator")
    for k in kasus:             # one line per identity shown: none is lost to a clipped line
        _catat(dir_, akses, audit.LIHAT_TERLAPOR, k)
    df = baca(paths)
    return tandai(df.loc[df["id_kasus"].isin(kasus), KOLOM_TERLAPOR].reset_index(drop=True))


# ------------------------------------------------------------------ identity escrow

@dataclass(frozen=True)
class Permintaan:
    nomor: int
    id_kasus: str
    pemohon: str
    alasan: str
    diminta: str                       # ISO time
    status: str = MENUNGGU             # menunggu | disetujui | ditolak
    pemutus: str | None = None
    diputus: str | None = None
    berlaku_sampai: str | None = None  # ISO time, for an approval
    catatan: str = ""

    def keadaan(self, sekarang: dt.datetime) -> str:
        """The status now: an approval past its time is ``kedaluwarsa``."""
        if self.status == DISETUJUI and self.berlaku_sampai \
                and dt.datetime.fromisoformat(self.berlaku_sampai) <= sekarang:
            return KEDALUWARSA
        return self.status


def daftar_permintaan(dir_: Path) -> list[Permintaan]:
    return [Permintaan(**p) for p in baca_json(dir_ / BERKAS_PERMINTAAN, {"permintaan": []}).get("permintaan", [])]


def _simpan(dir_: Path, semua: list[Permintaan]) -> None:
    tulis_json(dir_ / BERKAS_PERMINTAAN, {"format": 1, "permintaan": [asdict(p) for p in semua]})


def minta(dir_: Path, akses: Akses, id_kasus: str, alasan: str, sekarang: dt.datetime) -> Permintaan:
    """A verifikator asks for a case's reporter identity, with a written reason."""
    if not akses.boleh(MINTA_PELAPOR):
        _catat(dir_, akses, audit.AKSES_DITOLAK, f"{audit.MINTA_PELAPOR}: {id_kasus}", audit.DITOLAK)
        raise AksesDitolak("permintaan identitas pelapor hanya untuk verifikator")
    alasan = " ".join(alasan.split())
    if len(alasan) < ALASAN_MIN:
        raise IdentitasError(f"tuliskan alasan permintaan, paling sedikit {ALASAN_MIN} karakter")
    with kunci(dir_):
        semua = daftar_permintaan(dir_)
        if any(p.id_kasus == id_kasus and p.pemohon == akses.pengguna and p.keadaan(sekarang) in (MENUNGGU, DISETUJUI)
               for p in semua):
            raise IdentitasError(f"permintaan untuk kasus {id_kasus} sudah ada dan masih berlaku")
        p = Permintaan(max([x.nomor for x in semua] + [0]) + 1, id_kasus, akses.pengguna, alasan,
                       sekarang.isoformat(timespec="seconds"))
        _simpan(dir_, [*semua, p])
    _catat(dir_, akses, audit.MINTA_PELAPOR, f"permintaan {p.nomor}, kasus {id_kasus}")
    return p


def putuskan(dir_: Path, akses: Akses, nomor: int, setuju: bool, sekarang: dt.datetime, catatan: str = "",
             jam: int = BERLAKU_JAM) -> Permintaan:
    """An admin approves (for ``jam`` hours) or rejects a pending request."""
    aksi = audit.SETUJUI_PELAPOR if setuju else audit.TOLAK_PELAPOR
    if not akses.boleh(PUTUSKAN_PELAPOR):
        _catat(dir_, akses, audit.AKSES_DITOLAK, f"{aksi}: permintaan {nomor}", audit.DITOLAK)
        raise AksesDitolak("keputusan atas permintaan identitas hanya untuk admin")
    with kunci(dir_):
        semua = daftar_permintaan(dir_)
        p = next((x for x in semua if x.nomor == nomor), None)
        if p is None or p.status != MENUNGGU:
            raise IdentitasError(f"permintaan {nomor} tidak ada atau sudah diputuskan")
        if p.pemohon == akses.pengguna:
            raise IdentitasError("permintaan sendiri tidak dapat diputuskan sendiri")
        baru = replace(p, status=DISETUJUI if setuju else DITOLAK, pemutus=akses.pengguna,
                       diputus=sekarang.isoformat(timespec="seconds"), catatan=" ".join(catatan.split())[:200],
                       berlaku_sampai=(sekarang + dt.timedelta(hours=jam)).isoformat(timespec="seconds")
                       if setuju else None)
        _simpan(dir_, [baru if x.nomor == nomor else x for x in semua])
    _catat(dir_, akses, aksi, f"permintaan {nomor}, kasus {p.id_kasus}, pemohon {p.pemohon}")
    return baru


def izin(dir_: Path, akses: Akses, id_kasus: str, sekarang: dt.datetime) -> Permintaan | None:
    """This user's approved, unexpired request for this case, if any."""
    return next((p for p in daftar_permintaan(dir_) if p.id_kasus == id_kasus and p.pemohon == akses.pengguna
                 and p.keadaan(sekarang) == DISETUJUI), None) if akses.boleh(MINTA_PELAPOR) else None


def pelapor(paths: Paths, dir_: Path, akses: Akses, id_kasus: str, sekarang: dt.datetime) -> pd.DataFrame:
    """The reporter of one case, for the verifikator whose request for it was approved."""
    p = izin(dir_, akses, id_kasus, sekarang)
    if p is None:
        _catat(dir_, akses, audit.AKSES_DITOLAK, f"{audit.LIHAT_PELAPOR}: kasus {id_kasus}", audit.DITOLAK)
        raise AksesDitolak("identitas pelapor hanya terbuka dengan permintaan yang disetujui dan masih berlaku")
    _catat(dir_, akses, audit.LIHAT_PELAPOR, f"permintaan {p.nomor}, kasus {id_kasus}")
    df = baca(paths)
    return tandai(df.loc[df["id_kasus"] == id_kasus, KOLOM_PELAPOR].reset_index(drop=True))
