"""Import history: every accepted import is a numbered version that can be restored.

Everything lives in the data folder, so it travels with the desk's data::

    SIAGA_DATA/.riwayat/riwayat.json          the manifest: who, when, source, row counts, sha256
    SIAGA_DATA/.riwayat/0007/data/logistik.csv the files of version 7, as written
    SIAGA_DATA/.riwayat/kunci                  lock file: one import at a time

Committing a version (:meth:`Kunci.catat`) under the lock:

1. if a target file changed outside Siaga since its last version (or was never imported),
   its current content is kept first as an ``awal`` version, so it can be restored;
2. the new files are copied into the version folder and the manifest records the version as
   ``menunggu`` (pending);
3. each file is staged beside its target (:func:`siaga.inti.fileio.tulis_sementara`), read back
   and checked; only then are the targets replaced with ``os.replace`` (atomic) one by one;
4. the manifest marks the version ``selesai``.

A process killed at any point leaves each target either old or new, never half-written,
and the store never reads the temporary files. The next holder of the lock finishes the
bookkeeping: a pending version whose files are all in place is ``selesai``; one with none in
place is ``batal``; one interrupted between two files is rolled back to the previous
versions and ``batal``. Leftover temporary files and orphan version folders are removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from siaga.inti.config import Paths
from siaga.inti.fileio import ganti, sisa_sementara, tulis_atomik, tulis_sementara
from siaga.inti.galat import pesan_os
from siaga.inti.masalah import GALAT, Masalah, MasalahError
from siaga.masuk.hasil import Berkas, sha256

RIWAYAT = ".riwayat"
MANIFEST = "riwayat.json"
KUNCI = "kunci"
MENUNGGU, SELESAI, BATAL = "menunggu", "selesai", "batal"
AKSI_IMPOR, AKSI_PULIHKAN, AKSI_AWAL = "impor", "pulihkan", "awal"
TUNGGU_KUNCI = 30.0     # seconds to wait for another import to finish


@dataclass
class Versi:
    nomor: int
    waktu: str                  # ISO 8601, local time of the machine
    oleh: str
    aksi: str                   # impor | pulihkan | awal
    jenis: str
    sumber: str                 # source file name as uploaded or given on the command line
    sumber_sha256: str
    berkas: list[dict] = field(default_factory=list)    # folder, nama, sha256, ukuran, baris
    status: str = MENUNGGU
    dari_versi: int | None = None
    keterangan: str = ""

    @property
    def waktu_dt(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.waktu)

    @property
    def baris(self) -> int:
        return sum(int(b.get("baris") or 0) for b in self.berkas)


def jenis_berkas(berkas: list[Berkas]) -> str:
    """``logistik`` for logistik.csv, ``batas`` for boundary files."""
    from siaga.inti.kontrak import INPUTS

    names = {i.berkas: n for n, i in INPUTS.items()}
    return ", ".join(sorted({"batas" if b.folder == "geo" else names.get(b.nama, b.nama) for b in berkas}))


def folder(paths: Paths) -> Path:
    return paths.data / RIWAYAT


def target(paths: Paths, folder_: str, nama: str) -> Path:
    return (paths.geo if folder_ == "geo" else paths.data) / nama


def _salinan(paths: Paths, nomor: int, folder_: str, nama: str) -> Path:
    return folder(paths) / f"{nomor:04d}" / folder_ / nama


def _sha_file(p: Path) -> str | None:
    try:
        return sha256(p.read_bytes())
    except FileNotFoundError:
        return None


def galat_os(exc: OSError, tindakan: str) -> MasalahError:
    """A file-system failure of the history (read-only folder, full disk, no permission) in Indonesian."""
    return MasalahError([Masalah("riwayat", None, None, None, pesan_os(exc, tindakan))])


def daftar(paths: Paths) -> list[Versi]:
    """Every recorded version, oldest first (read only; no lock needed)."""
    p = folder(paths) / MANIFEST
    if not p.is_file():
        return []
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise MasalahError([Masalah(f"{RIWAYAT}/{MANIFEST}", None, None, None,
                                    "catatan riwayat rusak; pulihkan dari cadangan folder data")]) from None
    return [Versi(**v) for v in raw.get("versi", [])]


def dipakai(paths: Paths, v: Versi) -> bool:
    """Whether every file of this version is the one in place now."""
    return v.status == SELESAI and all(_sha_file(target(paths, b["folder"], b["nama"])) == b["sha256"]
                                       for b in v.berkas)


def _tulis_manifest(paths: Paths, semua: list[Versi]) -> None:
    body = {"format": 1, "versi": [asdict(v) for v in semua]}
    tulis_atomik(folder(paths) / MANIFEST, json.dumps(body, ensure_ascii=False, indent=1) + "\n")


def _hitung(nama: str, isi: bytes) -> int:
    if nama.endswith(".geojson"):
        try:
            return len(json.loads(isi).get("features", []))
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
            return 0
    return max(sum(1 for ln in isi.splitlines() if ln.strip()) - 1, 0)


class Kunci:
    """The import lock, held for one import or restore (``with kunci(paths) as k``)."""

    def __init__(self, paths: Paths, tunggu: float = TUNGGU_KUNCI):
        self.paths = paths
        self.tunggu = tunggu
        self._fd: int | None = None

    def __enter__(self) -> Kunci:
        try:
            folder(self.paths).mkdir(parents=True, exist_ok=True)
            self._fd = os.open(folder(self.paths) / KUNCI, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise galat_os(exc, "membuat kunci riwayat impor") from None
        deadline = time.monotonic() + self.tunggu
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(self._fd)
                    self._fd = None
                    raise MasalahError([Masalah("riwayat", None, None, None,
                                                "impor lain sedang berjalan; coba lagi sebentar lagi")]) from None
                time.sleep(0.2)
        try:
            self.pulihkan_terputus()
        except OSError as exc:
            self.__exit__(None, None, None)
            raise galat_os(exc, "merampungkan impor yang terputus") from None
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    # ------------------------------------------------------------ recovery
    def pulihkan_terputus(self) -> list[Versi]:
        """Finish the bookkeeping of an import that was interrupted; returns the versions fixed."""
        semua = daftar(self.paths)
        fixed = []
        for v in semua:
            if v.status != MENUNGGU:
                continue
            in_place = [b for b in v.berkas if _sha_file(target(self.paths, b["folder"], b["nama"])) == b["sha256"]]
            if len(in_place) == len(v.berkas):
                v.status, v.keterangan = SELESAI, "selesai; catatan dirampungkan setelah proses terhenti"
            else:
                for b in in_place:
                    self._kembalikan(semua, v.nomor, b["folder"], b["nama"])
                v.status = BATAL
                v.keterangan = ("terhenti sebelum selesai; data sebelumnya tetap dipakai" if not in_place else
                                "terhenti di tengah; berkas yang sudah diganti dikembalikan ke versi sebelumnya")
            fixed.append(v)
        if fixed:
            _tulis_manifest(self.paths, semua)
        for d in {self.paths.data, self.paths.geo}:
            for p in sisa_sementara(d):
                p.unlink(missing_ok=True)
        known = {f"{v.nomor:04d}" for v in semua}
        for d in folder(self.paths).iterdir():
            if d.is_dir() and d.name.isdigit() and d.name not in known:
                shutil.rmtree(d, ignore_errors=True)
            elif d.is_file() and d.name.endswith(".tmp"):
                d.unlink(missing_ok=True)
        return fixed

    def _kembalikan(self, semua: list[Versi], sebelum: int, folder_: str, nama: str) -> None:
        """Put back the content of ``folder_/nama`` from the last completed version before ``sebelum``."""
        prev = [v for v in semua if v.nomor < sebelum and v.status == SELESAI
                and any(b["folder"] == folder_ and b["nama"] == nama for b in v.berkas)]
        t = target(self.paths, folder_, nama)
        if prev:
            tulis_atomik(t, _salinan(self.paths, prev[-1].nomor, folder_, nama).read_bytes())
        else:
            t.unlink(missing_ok=True)

    # ------------------------------------------------------------ reading versions
    def cari(self, nomor: int) -> Versi:
        for v in daftar(self.paths):
            if v.nomor == nomor:
                if v.status != SELESAI:
                    raise MasalahError([Masalah("riwayat", None, None, str(nomor),
                                                f"versi {nomor} berstatus {v.status}; hanya versi selesai yang dapat "
                                                "dipulihkan")])
                return v
        raise MasalahError([Masalah("riwayat", None, None, str(nomor), f"versi {nomor} tidak ada di riwayat")])

    def isi(self, v: Versi) -> list[Berkas]:
        out = []
        for b in v.berkas:
            p = _salinan(self.paths, v.nomor, b["folder"], b["nama"])
            data = p.read_bytes() if p.is_file() else b""
            if sha256(data) != b["sha256"]:
                raise MasalahError([Masalah(f"{RIWAYAT}/{v.nomor:04d}", None, b["nama"], None,
                                            "salinan versi ini hilang atau berubah (sha256 tidak cocok)")])
            out.append(Berkas(b["folder"], b["nama"], data, int(b.get("baris") or 0)))
        return out

    # ------------------------------------------------------------ retention
    def ubah_salinan(self, folder_: str, nama: str, ubah: Callable[[bytes], bytes | None],
                     keterangan: str) -> list[int]:
        """Rewrite every kept copy of ``folder_/nama`` with ``ubah(isi)`` (None: remove the copy) and
        update the manifest (sha256, size, rows, a note). Used to delete personal data that has
        passed its retention period from the history too. Returns the versions changed."""
        assert self._fd is not None, "ubah_salinan() needs the lock"
        semua = daftar(self.paths)
        diubah = []
        for v in semua:
            for b in v.berkas:
                p = _salinan(self.paths, v.nomor, b["folder"], b["nama"])
                if b["folder"] != folder_ or b["nama"] != nama or not p.is_file():
                    continue
                lama = p.read_bytes()
                baru = ubah(lama)
                if baru == lama:
                    continue
                if baru is None:
                    p.unlink()
                    b.update(sha256="", ukuran=0, baris=0)
                else:
                    tulis_atomik(p, baru)
                    b.update(sha256=sha256(baru), ukuran=len(baru), baris=_hitung(nama, baru))
                v.keterangan = "; ".join(x for x in (v.keterangan, keterangan) if x)
                diubah.append(v.nomor)
        if diubah:
            _tulis_manifest(self.paths, semua)
        return diubah

    # ------------------------------------------------------------ committing
    def _nomor_baru(self, semua: list[Versi]) -> int:
        dirs = [int(d.name) for d in folder(self.paths).iterdir() if d.is_dir() and d.name.isdigit()]
        return max([v.nomor for v in semua] + dirs + [0]) + 1

    def _rekam(self, semua: list[Versi], v: Versi, isi: list[Berkas]) -> None:
        for b in isi:
            tulis_atomik(_salinan(self.paths, v.nomor, b.folder, b.nama), b.isi)
        semua.append(v)
        _tulis_manifest(self.paths, semua)

    def _awal(self, semua: list[Versi], berkas: list[Berkas]) -> None:
        """Keep files changed outside Siaga (or never imported) as an ``awal`` version before replacing them."""
        ada = []
        for b in berkas:
            t = target(self.paths, b.folder, b.nama)
            if not t.is_file():
                continue
            last = [v for v in semua if v.status == SELESAI
                    and any(x["folder"] == b.folder and x["nama"] == b.nama for x in v.berkas)]
            sha_now = _sha_file(t)
            if last and next(x["sha256"] for x in last[-1].berkas
                             if x["folder"] == b.folder and x["nama"] == b.nama) == sha_now:
                continue
            data = t.read_bytes()
            ada.append(Berkas(b.folder, b.nama, data, _hitung(b.nama, data)))
        if ada:
            v = Versi(self._nomor_baru(semua), dt.datetime.now().isoformat(timespec="seconds"), "(tidak tercatat)",
                      AKSI_AWAL, jenis_berkas(ada), "(berkas yang sudah ada di folder)", "",
                      [self._meta(b) for b in ada], SELESAI,
                      keterangan="keadaan sebelum impor: berkas diletakkan atau diubah di luar Siaga")
            self._rekam(semua, v, ada)

    @staticmethod
    def _meta(b: Berkas) -> dict:
        return {"folder": b.folder, "nama": b.nama, "sha256": b.sha256, "ukuran": len(b.isi), "baris": b.baris}

    def catat(self, berkas: list[Berkas], *, oleh: str, aksi: str, jenis: str, sumber: str, sumber_sha256: str,
              cek: Callable[[Berkas, Path], list[Masalah]], dari_versi: int | None = None,
              kabar: Callable[[str], None] | None = None) -> Versi:
        """Commit ``berkas`` as a new version (see the module docstring); raises MasalahError when the
        staged files do not pass ``cek`` (nothing is replaced then)."""
        assert self._fd is not None, "catat() needs the lock"
        kabar = kabar or (lambda _: None)
        semua = daftar(self.paths)
        kabar("mencatat riwayat")
        try:
            self._awal(semua, berkas)
            v = Versi(self._nomor_baru(semua), dt.datetime.now().isoformat(timespec="seconds"), oleh, aksi, jenis,
                      sumber, sumber_sha256, [self._meta(b) for b in berkas], MENUNGGU, dari_versi)
            self._rekam(semua, v, berkas)
        except OSError as exc:       # nothing replaced; a half-written copy is removed by the next lock holder
            raise galat_os(exc, "menyimpan salinan versi di .riwayat") from None
        staged: list[tuple[Path, Path, Berkas]] = []
        replaced: list[Berkas] = []
        try:
            kabar("menulis berkas sementara")
            for b in berkas:
                t = target(self.paths, b.folder, b.nama)
                staged.append((tulis_sementara(t, b.isi), t, b))
            kabar("memeriksa berkas sementara")
            problems: list[Masalah] = []
            for tmp, _, b in staged:
                if sha256(tmp.read_bytes()) != b.sha256:
                    problems.append(Masalah(b.nama, None, None, None,
                                            "berkas sementara tidak sama dengan yang diperiksa"))
                problems += [m for m in cek(b, tmp) if m.tingkat == GALAT]
            if problems:
                raise MasalahError(problems)
            kabar("mengganti berkas")
            for tmp, t, b in staged:
                ganti(tmp, t)
                replaced.append(b)
        except BaseException as exc:
            # put everything back; each step on its own, so a full disk cannot stop the others
            for tmp, _, _ in staged:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            for b in replaced:
                with contextlib.suppress(OSError):
                    self._kembalikan(semua, v.nomor, b.folder, b.nama)
            v.status, v.keterangan = BATAL, "gagal diperiksa sebelum disimpan; data sebelumnya tetap dipakai"
            with contextlib.suppress(OSError):      # else the next lock holder marks it batal
                _tulis_manifest(self.paths, semua)
            if isinstance(exc, OSError):
                raise galat_os(exc, "menulis berkas impor") from None
            raise
        kabar("menandai versi selesai")
        v.status = SELESAI
        with contextlib.suppress(OSError):          # the files are in place: the next lock holder marks it selesai
            _tulis_manifest(self.paths, semua)
        return v


def kunci(paths: Paths, tunggu: float = TUNGGU_KUNCI) -> Kunci:
    return Kunci(paths, tunggu)
