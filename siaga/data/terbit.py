"""Load once, publish, serve many: the loader validates the inputs once and publishes an immutable,
versioned snapshot that every app process opens read-only.

The publish folder (``SIAGA_TERBIT``, else ``SIAGA_DATA/.terbit``) holds::

    terkini.json     the "current" pointer: the version served (replaced atomically)
    ditolak.json     the last refused attempt: its input version and the problems (Indonesian)
    jurnal.jsonl     one line per build: when, version, accepted or refused, seconds, peak memory
    kunci-muat       locked during one build: one build at a time per folder (single flight)
    kunci-awas       locked by the watching loader (``python -m siaga muat --awasi``) while it runs
    pemuat.log       what the watching loader and its builds printed
    v-<versi>/       one snapshot: ``data.duckdb`` (typed tables, models, boundaries, the latest
                     day's summary), ``wilayah.toml`` (the config it was built with), ``manifest.json``

A version is a hash of the inputs' names, sizes and modification times and of the recipe (the
model SQL, the contract, the snapshot layout), so new code never opens a snapshot built by older
code, and the same inputs are never built twice. A build writes a staging folder, checks it,
renames it into place and only then replaces ``terkini.json``; a refused or interrupted build
leaves the current snapshot serving. Who builds:

- the watching loader, started by ``python -m siaga layani``, by systemd, or by the first app
  process that finds none running (:func:`pastikan_pemuat`); it polls the inputs and runs one
  build in a child process per change, so the memory of a build goes back to the system;
- ``python -m siaga muat`` once, from the command line;
- the calling process itself (:func:`terbitkan`): the CLI commands and the tests.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from siaga.data import besar, queries
from siaga.inti import fileio
from siaga.inti.config import CONFIG_FILE, ROOT, Paths, Wilayah, muat_wilayah
from siaga.inti.kontrak import DIMUAT, INPUTS
from siaga.inti.masalah import GALAT, Masalah, MasalahError
from siaga.masuk import geo
from siaga.masuk.baca import lokasi_berkas
from siaga.masuk.periksa import muat_semua

log = logging.getLogger("siaga.data.terbit")

# days of readiness rows a kab/kota snapshot publishes (the store keeps as many per process)
KESIAPAN_TERBIT = 32
SKEMA = 1                     # layout of a snapshot; raise it when that changes
DUCKDB_CONFIG = {"threads": 2, "memory_limit": "1GB"}
BERKAS_DB = "data.duckdb"
TERKINI, DITOLAK, JURNAL, MANIFEST = "terkini.json", "ditolak.json", "jurnal.jsonl", "manifest.json"
SIMPAN_VERSI = 3              # snapshots kept: the current one and the two before it (processes still on them)
# Outcomes of terbitkan
BARU, SAMA, TOLAK, SIBUK, GAGAL = "baru", "sama", "ditolak", "sibuk", "gagal"


def folder(paths: Paths) -> Path:
    """The publish folder of ``paths``: ``paths.terbit`` (``SIAGA_TERBIT``), else ``.terbit`` in the
    data folder; a private folder under the system's temporary folder when the data folder is
    read-only and holds none (a demo on read-only media still starts)."""
    if paths.terbit is not None:
        return paths.terbit
    f = paths.data / ".terbit"
    if f.is_dir() or os.access(paths.data, os.W_OK):
        return f
    kunci = hashlib.sha1(str(paths.data).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"siaga-terbit-{os.getuid()}-{kunci}"


def memori_duckdb() -> str:
    """DuckDB's memory limit for large data (``SIAGA_MEMORI_DUCKDB``): it spills beyond it."""
    return os.environ.get("SIAGA_MEMORI_DUCKDB", "400MB")


# ------------------------------------------------------------------ versions

def sidik_masukan(paths: Paths) -> tuple:
    """Name, modification time and size of every input the snapshot is built from, and which
    reader loads the operational files (:func:`siaga.data.besar.mode_besar`)."""
    files = [paths.data / CONFIG_FILE] + [lokasi_berkas(INPUTS[n], paths) for n in DIMUAT]
    files += [paths.geo / b for b in geo.BERKAS_BATAS.values()]
    out = []
    for f in files:
        try:
            st = f.stat()
            out.append((str(f), st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            out.append((str(f), None, None))
    out.append(("besar", besar.mode_besar(paths)))
    return tuple(out)


_resep: str | None = None


def resep() -> str:
    """What a snapshot's content depends on besides the inputs: the layout, the model SQL and the
    contract. App processes open only snapshots of their own recipe."""
    global _resep
    if _resep is None:
        h = hashlib.sha1(f"{SKEMA}|{INPUTS!r}".encode())
        for p in sorted([*queries.MODEL_DIR.glob("*.sql"), *queries.PERINTAH_DIR.glob("*.sql")]):
            h.update(p.name.encode() + b"\0" + p.read_bytes())
        _resep = h.hexdigest()[:12]
    return _resep


def versi_dari(sidik: tuple) -> str:
    return hashlib.sha1(f"{sidik!r}|{resep()}".encode()).hexdigest()[:12]


def versi_masukan(paths: Paths) -> str:
    """The version a snapshot of the inputs as they are now would have."""
    return versi_dari(sidik_masukan(paths))


@dataclass
class Manifest:
    """What a snapshot holds and how it was made (``v-<versi>/manifest.json``)."""
    versi: str
    resep: str
    dibuat: str                      # ISO time of publication (server clock)
    detik: float                     # build time
    besar: bool                      # large operational files loaded by DuckDB
    ringkas: list[str] = field(default_factory=list)         # as-of dates published in ringkas_simpan
    detik_ringkas: float = 0.0       # of the build time: summarising those dates (ringkas_semua)
    kesiapan: list[str] = field(default_factory=list)        # as-of dates of the readiness rows published
    kesiapan_jejak: dict[str, str] = field(default_factory=dict)  # their input digests (jejak_kesiapan)
    kesiapan_dihitung: int = 0                               # of them computed, not copied from the last snapshot
    peringatan: list[dict] = field(default_factory=list)     # warnings of the accepted inputs
    sidik: list = field(default_factory=list)

    def masalah(self) -> list[Masalah]:
        return [Masalah(**m) for m in self.peringatan]


def baca_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def baca_manifest(vfolder: Path) -> Manifest | None:
    d = baca_json(vfolder / MANIFEST)
    try:
        return Manifest(**d) if d else None
    except TypeError:
        return None


def terkini(tujuan: Path) -> dict | None:
    """The current pointer: ``{"versi", "folder", "resep"}``, or None before the first publication."""
    return baca_json(tujuan / TERKINI)


def ditolak(tujuan: Path) -> tuple[str | None, list[Masalah]]:
    """The input version of the last refused attempt and its problems (None, [] when none)."""
    d = baca_json(tujuan / DITOLAK)
    if not d:
        return None, []
    try:
        return d.get("versi"), [Masalah(**m) for m in d.get("masalah", [])]
    except TypeError:
        return None, []


# ------------------------------------------------------------------ locks

@contextlib.contextmanager
def _kunci(path: Path, tunggu: bool) -> Iterator[bool]:
    """An exclusive lock on ``path`` (flock: released by the kernel when the process dies).
    Yields False without waiting when ``tunggu`` is false and another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if tunggu else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def pemuat_berjalan(tujuan: Path) -> bool:
    """True while a watching loader holds ``kunci-awas``."""
    p = tujuan / "kunci-awas"
    if not p.exists():
        return False
    with _kunci(p, tunggu=False) as dapat:
        return not dapat


def tunggu_pemuat_berhenti(tujuan: Path) -> None:
    """Block until no watching loader holds ``tujuan`` (at once when none does)."""
    if (tujuan / "kunci-awas").exists():
        with _kunci(tujuan / "kunci-awas", tunggu=True):
            pass


# ------------------------------------------------------------------ building

def _rss_puncak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _catat_jurnal(tujuan: Path, **isi) -> None:
    baris = json.dumps({"waktu": dt.datetime.now().isoformat(timespec="seconds"), "pid": os.getpid(), **isi})
    try:
        with (tujuan / JURNAL).open("a", encoding="utf-8") as f:
            f.write(baris + "\n")
    except OSError:
        pass            # the journal is for people; a full disk must not stop serving


def jurnal(tujuan: Path) -> list[dict]:
    """The builds recorded in the publish folder, oldest first."""
    try:
        teks = (tujuan / JURNAL).read_text(encoding="utf-8")
    except OSError:
        return []
    out = []
    for baris in teks.splitlines():
        with contextlib.suppress(ValueError):
            out.append(json.loads(baris))
    return out


def terbitkan(paths: Paths, tunggu: bool = True, paksa: bool = False) -> str:
    """Build and publish a snapshot of the inputs unless the current one (or the last refusal) is
    of the same version. One build at a time per publish folder: with ``tunggu`` false, returns
    :data:`SIBUK` at once when another build runs. Returns :data:`BARU`, :data:`SAMA`,
    :data:`TOLAK`, :data:`GAGAL` (memory, disk: recorded like a refusal) or :data:`SIBUK`."""
    tujuan = folder(paths)
    with _kunci(tujuan / "kunci-muat", tunggu) as dapat:
        if not dapat:
            return SIBUK
        sidik = sidik_masukan(paths)
        versi = versi_dari(sidik)
        sekarang = terkini(tujuan) or {}
        if not paksa and sekarang.get("versi") == versi and (tujuan / sekarang.get("folder", "-")).is_dir():
            (tujuan / DITOLAK).unlink(missing_ok=True)        # the inputs are back to what is served
            return SAMA
        if not paksa and ditolak(tujuan)[0] == versi:
            return GAGAL if (baca_json(tujuan / DITOLAK) or {}).get("hasil") == "gagal" else TOLAK
        mulai = time.perf_counter()
        try:
            manifest = _bangun(paths, tujuan, versi, sidik)
        except MasalahError as exc:
            _tolak(tujuan, versi, exc.masalah, "ditolak", mulai)
            log.warning("input refused: %d problems", len(exc.masalah))
            return TOLAK
        except (duckdb.Error, OSError) as exc:        # not the inputs' fault: memory, disk, permissions
            _tolak(tujuan, versi, [Masalah("data", None, None, None, sebab_gagal(exc, tujuan))], "gagal", mulai)
            log.error("build failed: %s", type(exc).__name__)
            return GAGAL
        fileio.tulis_atomik(tujuan / TERKINI, json.dumps(
            {"versi": versi, "folder": f"v-{versi}", "resep": manifest.resep, "dibuat": manifest.dibuat}), mode=0o644)
        (tujuan / DITOLAK).unlink(missing_ok=True)
        _catat_jurnal(tujuan, versi=versi, hasil="diterima", detik=manifest.detik, rss_mb=round(_rss_puncak_mb()))
        _bersihkan(tujuan, versi)
        log.info("snapshot %s published in %.1f s", versi, manifest.detik)
        return BARU


def _tolak(tujuan: Path, versi: str, masalah: list[Masalah], hasil: str, mulai: float) -> None:
    """Record a refused or failed build: ditolak.json (the current snapshot keeps serving; the same
    version is not built again until the inputs change or ``--paksa``) and a journal line."""
    with contextlib.suppress(OSError):
        fileio.tulis_atomik(tujuan / DITOLAK, json.dumps(
            {"versi": versi, "hasil": hasil, "waktu": dt.datetime.now().isoformat(timespec="seconds"),
             "masalah": [asdict(m) for m in masalah]}, ensure_ascii=False), mode=0o600)
    _catat_jurnal(tujuan, versi=versi, hasil=hasil, galat=sum(m.tingkat == GALAT for m in masalah),
                  detik=round(time.perf_counter() - mulai, 2), rss_mb=round(_rss_puncak_mb()))


def sebab_gagal(exc: BaseException, tujuan: Path) -> str:
    """Why a build failed, in Indonesian, with what to do."""
    tetap = "data terakhir yang sah tetap ditampilkan"
    if isinstance(exc, duckdb.OutOfMemoryException):
        return (f"memori tidak cukup untuk memuat data (batas DuckDB {memori_duckdb()}); naikkan SIAGA_MEMORI_DUCKDB "
                f"atau memori server, lalu jalankan python -m siaga muat --paksa; {tetap}")
    if isinstance(exc, OSError):
        alasan = {28: "disk penuh", 13: "izin ditolak", 30: "sistem berkas hanya-baca",
                  21: "berupa folder, bukan berkas", 2: "tidak ada"}.get(exc.errno, "galat berkas")
        berkas = Path(exc.filename) if isinstance(exc.filename, str) else None
        if berkas is not None and not berkas.is_relative_to(tujuan):      # an input, not the snapshot folder
            return f"berkas {berkas} tidak dapat dibaca ({alasan}); {tetap}"
        return f"snapshot tidak dapat ditulis di {tujuan} ({alasan}); {tetap}"
    return f"pemuatan gagal di DuckDB ({type(exc).__name__}); {tetap}"


def _bersihkan(tujuan: Path, versi: str) -> None:
    """Keep the newest :data:`SIMPAN_VERSI` snapshots (a process may still read one it opened; on
    Linux an open file outlives its name) and remove staging folders of interrupted builds."""
    for sisa in tujuan.glob(".v-*"):
        with contextlib.suppress(OSError):
            if time.time() - sisa.stat().st_mtime > 3600:     # not a build running now in another process
                shutil.rmtree(sisa, ignore_errors=True)
    semua = sorted((p for p in tujuan.glob("v-*") if p.is_dir() and p.name != f"v-{versi}"),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for lama in semua[SIMPAN_VERSI - 1:]:
        shutil.rmtree(lama, ignore_errors=True)


def koneksi_tulis(path: Path, besar_: bool) -> duckdb.DuckDBPyConnection:
    """A new DuckDB database file for a build. Large data: DuckDB keeps under
    ``SIAGA_MEMORI_DUCKDB`` by spilling to a temporary folder, so the loader stays under 1 GB."""
    config = dict(DUCKDB_CONFIG)
    if besar_:
        config["memory_limit"] = memori_duckdb()
    # a folder DuckDB creates itself, and so removes when the connection closes
    config["temp_directory"] = os.path.join(tempfile.gettempdir(), f"siaga-duckdb-{uuid.uuid4().hex[:12]}")
    return duckdb.connect(str(path), config=config)


def hari_data(con: duckdb.DuckDBPyConnection) -> tuple[dt.date, dt.date] | None:
    """The first and the last day of the data (``rentang_data``: the last day of any log, the
    voting-day and rekapitulasi logs included, as :class:`siaga.model.konteks.Rentang` bounds a
    view's date); None without events."""
    awal, akhir, _, pasca = con.execute(queries.daftar()["rentang_data"].sql).fetchall()[0]
    if awal is None:
        return None
    return awal, max(akhir, pasca.date()) if pasca is not None else akhir


def tanggal_kesiapan(con: duckdb.DuckDBPyConnection, wil: Wilayah) -> list[dt.date]:
    """The as-of dates whose readiness rows a kab/kota snapshot publishes: the last
    :data:`KESIAPAN_TERBIT` days a desk can pick (up to the later of the last day of any log and
    voting day, as the date filter allows), and the day before the first of them (the Ringkasan
    page compares a date with the day before). None before the first day of data."""
    hari = hari_data(con)
    if hari is None:
        return []
    awal, ujung = hari[0], max(hari[1], wil.hari_pemungutan)
    pertama = max(awal, ujung - dt.timedelta(days=KESIAPAN_TERBIT))
    return [pertama + dt.timedelta(days=i) for i in range((ujung - pertama).days + 1)]


def jejak_kesiapan(tabel: dict[str, pd.DataFrame], config: bytes, hari: list[dt.date]) -> dict[str, str]:
    """Per as-of date (ISO), a digest of everything that date's readiness rows can read: the
    recipe, the config, every table without times whole, and of each log the rows up to the
    end of that day. Two snapshots with the same digest for a date have the same rows for it."""
    statis = hashlib.sha1(resep().encode() + b"\0" + config)
    log_hari: list[tuple[str, np.ndarray, np.ndarray]] = []
    for name in sorted(tabel):
        df = tabel[name]
        h = pd.util.hash_pandas_object(df, index=False).to_numpy()
        hari_baris = pd.to_datetime(df["waktu"]).dt.normalize().to_numpy() if "waktu" in df.columns else None
        if hari_baris is None:
            statis.update(f"{name}|{len(df)}|{int(h.sum(dtype=np.uint64))}".encode())
            continue
        tanpa = np.isnat(hari_baris)         # rows without a time count for every date
        statis.update(f"{name}~{int(tanpa.sum())}|{int(h[tanpa].sum(dtype=np.uint64))}".encode())
        log_hari.append((name, h[~tanpa], hari_baris[~tanpa]))
    dasar = statis.hexdigest()
    out = {}
    for t in hari:
        batas = np.datetime64(t)
        d = hashlib.sha1(dasar.encode())
        for name, h, hb in log_hari:
            sampai = hb <= batas
            d.update(f"{name}|{int(sampai.sum())}|{int(h[sampai].sum(dtype=np.uint64))}".encode())
        out[t.isoformat()] = d.hexdigest()
    return out


def terbitkan_kesiapan(con: duckdb.DuckDBPyConnection, wil: Wilayah, tabel: dict[str, pd.DataFrame] | None,
                       config: bytes, lama: Path | None) -> tuple[list[str], dict[str, str], int]:
    """Write ``kesiapan_terbit``: the readiness rows of :func:`tanggal_kesiapan` for a kab/kota,
    computed once here instead of once per app process and date. A date whose digest
    (:func:`jejak_kesiapan`) equals the one in the previous snapshot ``lama`` is copied from it: a
    field report of today recomputes today (and the later days of the window), not the month.
    ``tabel`` None (large data) or a province/nation: the table stays empty (their processes
    compute a date's rows per scope). Returns the dates (ISO), their digests and how many dates
    were computed."""
    con.execute(queries.perintah("kesiapan_terbit_buat").sql).fetchall()
    if tabel is None or wil.multi:
        return [], {}, 0
    hari = tanggal_kesiapan(con, wil)
    jejak = jejak_kesiapan(tabel, config, hari)
    m = baca_manifest(lama) if lama is not None else None
    sebelum = m.kesiapan_jejak if m is not None and m.resep == resep() else {}
    salin = [t for t in hari if sebelum.get(t.isoformat()) == jejak[t.isoformat()]]
    if salin:
        con.execute("ATTACH $f AS lama (READ_ONLY)", {"f": str(lama / BERKAS_DB)}).fetchall()
        try:
            for t in salin:
                con.execute(queries.perintah("kesiapan_terbit_salin").sql, {"tanggal": t}).fetchall()
        finally:
            con.execute("DETACH lama").fetchall()
    hitung = [t for t in hari if t not in salin]
    for t in hitung:
        con.execute(queries.perintah("kesiapan_terbit_tambah").sql, {"tanggal": t}).fetchall()
    return [t.isoformat() for t in hari], jejak, len(hitung)


def _bangun(paths: Paths, tujuan: Path, versi: str, sidik: tuple) -> Manifest:
    """Validate the inputs and write ``v-<versi>``; raise :class:`MasalahError` when refused."""
    mulai = time.perf_counter()
    akhir = tujuan / f"v-{versi}"
    staging = tujuan / f".v-{versi}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    staging.mkdir(parents=True)
    con = None
    try:
        # the config the snapshot is built with travels with it: parsed from the staged copy
        try:
            shutil.copyfile(paths.data / CONFIG_FILE, staging / CONFIG_FILE)
        except FileNotFoundError:
            raise MasalahError([Masalah(CONFIG_FILE, None, None, None,
                                        f"berkas tidak ditemukan di {paths.data}")]) from None
        wil = muat_wilayah(staging)
        data_besar = besar.mode_besar(paths)
        hasil = muat_semua(paths, wil, [n for n in DIMUAT if not (data_besar and n in besar.OPERASIONAL)])
        if hasil.ok:
            con = koneksi_tulis(staging / BERKAS_DB, data_besar)
            if data_besar:
                # Large operational files go straight into DuckDB and are checked there, against the
                # dimension tables read above.
                for name, df in hasil.tabel.items():
                    con.from_arrow(tabel_arrow(name, df)).create(name)
                pemuat = besar.Pemuat(con, besar.folder_cache(paths))
                if all([pemuat.muat(n, lokasi_berkas(INPUTS[n], paths)) for n in besar.OPERASIONAL]):
                    pemuat.silang(wil, masukan=paths)
                    if pemuat.ok():
                        pemuat.rapikan()
                hasil.masalah.extend(pemuat.masalah)
        batas, pusat = {}, []
        if "wilayah" in hasil.tabel:
            # a missing boundary level is derived from the other (issue 15)
            batas, m = geo.muat_batas_wilayah(paths.geo, hasil.tabel["wilayah"], wil.multi)
            hasil.masalah.extend(m)
            pusat = [b.pusat() for b in batas.values()]
        if not hasil.ok:
            raise MasalahError(hasil.masalah)
        buat_koneksi({} if data_besar else hasil.tabel, wil,
                     pd.concat(pusat, ignore_index=True) if pusat else None, con)
        simpan_batas(con, batas)
        mulai_ringkas = time.perf_counter()
        ringkas = ringkas_semua(con) if wil.multi else []
        detik_ringkas = round(time.perf_counter() - mulai_ringkas, 2)
        sekarang = terkini(tujuan)
        kesiapan, jejak, dihitung = terbitkan_kesiapan(
            con, wil, None if data_besar else hasil.tabel, (staging / CONFIG_FILE).read_bytes(),
            tujuan / sekarang["folder"] if sekarang and (tujuan / sekarang["folder"] / MANIFEST).is_file() else None)
        con.execute("CHECKPOINT").fetchall()
        con.close()
        con = None
        manifest = Manifest(versi=versi, resep=resep(), dibuat=dt.datetime.now().isoformat(timespec="seconds"),
                            detik=round(time.perf_counter() - mulai, 2), besar=data_besar, ringkas=ringkas,
                            detik_ringkas=detik_ringkas,
                            kesiapan=kesiapan, kesiapan_jejak=jejak, kesiapan_dihitung=dihitung,
                            peringatan=[asdict(m) for m in hasil.masalah if m.tingkat != GALAT],
                            sidik=[list(s) for s in sidik])
        fileio.tulis_atomik(staging / MANIFEST, json.dumps(asdict(manifest), ensure_ascii=False), mode=0o644)
        fileio.sync_dir(staging)
        if akhir.is_dir():            # the same inputs were published before (e.g. restored): keep that one
            shutil.rmtree(staging, ignore_errors=True)
            os.utime(akhir)
        else:
            os.rename(staging, akhir)
            fileio.sync_dir(tujuan)
        return manifest
    except BaseException:
        if con is not None:
            con.close()
        shutil.rmtree(staging, ignore_errors=True)
        raise


def ringkas_semua(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The per-kecamatan summary (``ringkas_simpan``) of every date a view may be asked for, from
    the first day with events to the last (voting-day and rekapitulasi logs included, as
    :class:`siaga.model.konteks.Rentang` bounds the date), computed by ``ringkas_tanggal`` from the
    state tables over time (``queries/model/52``–``56``): an overview of any of these dates is a
    look-up in an app process. Returns the dates (ISO)."""
    hari = hari_data(con)
    if hari is None:
        return []
    out = []
    t, akhir = hari
    while t <= akhir:
        con.execute(queries.perintah("ringkas_terbit").sql, {"tanggal": t}).fetchall()
        out.append(t.isoformat())
        t += dt.timedelta(days=1)
    return out


# ------------------------------------------------------------------ tables

_ARROW = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "DATE": pa.date32(),
          "TIMESTAMP": pa.timestamp("us"), "BOOLEAN": pa.bool_()}


def tabel_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """A checked input frame as an Arrow table with the contract's DuckDB types."""
    inp = INPUTS[name]
    arrays, fields = [], []
    for col in inp.kolom:
        typ = _ARROW[col.duck]
        s = df[col.nama]
        if col.duck == "DATE":
            arr = pa.array(s.dt.date.where(s.notna(), None), type=typ)
        elif col.duck in ("BIGINT", "BOOLEAN"):
            arr = pa.array(s.astype(object).where(s.notna(), None).tolist(), type=typ)
        else:
            arr = pa.array(s.where(s.notna(), None), type=typ, from_pandas=True)
        arrays.append(arr)
        fields.append(pa.field(col.nama, typ))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _param_table(w: Wilayah) -> pa.Table:
    k = w.kesiapan
    row = {
        "kode_kabkota": w.kode, "hari_pemungutan": w.hari_pemungutan, "batas_logistik": w.batas_logistik,
        "w_logistik": k.bobot["logistik"], "w_checklist": k.bobot["checklist"],
        "w_insiden": k.bobot["insiden"], "w_netralitas": k.bobot["netralitas"],
        "ambang_siap": k.ambang_siap, "ambang_perhatian": k.ambang_perhatian,
        "penalti_rendah": k.penalti_insiden["rendah"], "penalti_sedang": k.penalti_insiden["sedang"],
        "penalti_tinggi": k.penalti_insiden["tinggi"], "penalti_netralitas": k.penalti_netralitas,
        # the KPU plan, in days before voting day (queries/model/07_rencana.sql)
        **{f"jadwal_{tahap}": hari for tahap, hari in w.jadwal.logistik.items()},
        **{f"jadwal_{butir}": hari for butir, hari in w.jadwal.checklist.items()},
    }
    return pa.Table.from_pylist([row])


def buat_koneksi(tabel: dict[str, pd.DataFrame], wil: Wilayah, pusat: pd.DataFrame | None = None,
                 con: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """Every input as a typed table, the parameters of the config and the models (``queries/model``)
    in ``con`` (a new in-memory DuckDB when None). ``con`` may already hold tables loaded by
    :mod:`siaga.data.besar`."""
    con = con or duckdb.connect(":memory:", config=DUCKDB_CONFIG)
    for name, df in tabel.items():
        con.from_arrow(tabel_arrow(name, df)).create(name)
    con.from_arrow(_param_table(wil)).create("param")
    if pusat is None:
        pusat = pd.DataFrame({"kode": pd.Series(dtype=str), "lat": pd.Series(dtype=float),
                              "lon": pd.Series(dtype=float)})
    con.from_df(pusat).create("pusat_wilayah")
    for model in queries.model_sql():
        con.execute(model.sql)
    con.execute(queries.perintah("kebutuhan_urut").sql)
    return con


def simpan_batas(con: duckdb.DuckDBPyConnection, batas: dict[str, geo.Batas]) -> None:
    """Boundaries, already simplified, as WKB per level in table ``batas_wilayah``."""
    rows = [pd.DataFrame({"tingkat": t, "kode": b.gdf["kode"].to_numpy(),
                          "wkb": shapely.to_wkb(b.gdf.geometry.values)}) for t, b in batas.items()]
    df = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        {"tingkat": pd.Series(dtype=str), "kode": pd.Series(dtype=str), "wkb": pd.Series(dtype=object)})
    con.from_df(df).create("batas_wilayah")


def baca_batas(cur: duckdb.DuckDBPyConnection) -> dict[str, geo.Batas]:
    """The boundaries of a snapshot (:func:`simpan_batas`) as :class:`siaga.masuk.geo.Batas` per level."""
    df = cur.execute(queries.perintah("batas_baca").sql).df()
    out = {}
    for tingkat, bagian in df.groupby("tingkat", sort=False):
        gdf = gpd.GeoDataFrame({"kode": bagian["kode"].to_numpy()},
                               geometry=shapely.from_wkb([bytes(b) for b in bagian["wkb"]]), crs="EPSG:4326")
        out[tingkat] = geo.Batas(tingkat, gdf, tuple(float(x) for x in gdf.total_bounds))
    return out


# ------------------------------------------------------------------ the watching loader

def _hidup(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def awasi(paths: Paths, induk: int | None = None, selang: float = 1.0, tenang: float = 1.0) -> int:
    """Watch the inputs and publish once per change, each build in a child process (``python -m
    siaga muat``), until ``induk`` (a process id) ends. Returns at once when another watching
    loader serves the folder. A change is built when the inputs have stayed the same for
    ``tenang`` seconds, so a series of imports makes one build."""
    tujuan = folder(paths)
    with _kunci(tujuan / "kunci-awas", tunggu=False) as dapat:
        if not dapat:
            log.info("another loader watches %s", tujuan)
            return 0
        gagal: str | None = None             # version whose build process crashed: not retried
        while induk is None or _hidup(induk):
            sidik = sidik_masukan(paths)
            versi = versi_dari(sidik)
            sekarang = (terkini(tujuan) or {}).get("versi")
            if versi not in (sekarang, ditolak(tujuan)[0], gagal):
                time.sleep(tenang)
                if sidik_masukan(paths) != sidik:
                    continue                  # still changing: wait until the inputs are quiet
                rc = subprocess.run([sys.executable, "-m", "siaga", "muat"], cwd=ROOT, check=False,
                                    stdin=subprocess.DEVNULL).returncode
                if rc not in (0, 1):              # killed (e.g. out of memory) or crashed
                    gagal = versi
                    pesan = (f"pemuatan data berhenti tanpa selesai (kode keluar {rc}); data terakhir yang sah tetap "
                             f"ditampilkan. Periksa memori server dan {JURNAL}, lalu python -m siaga muat --paksa")
                    _tolak(tujuan, versi, [Masalah("data", None, None, None, pesan)], "gagal", time.perf_counter())
                continue
            time.sleep(selang)
    return 0


_dimulai: dict[Path, float] = {}


def pastikan_pemuat(paths: Paths, induk: int | None = None) -> bool:
    """Start a watching loader for ``paths`` in the background unless one runs (at most one start
    every 10 seconds per folder). Returns True when one was started. The loader ends with
    ``induk`` (this process by default)."""
    tujuan = folder(paths)
    try:
        if pemuat_berjalan(tujuan) or time.monotonic() - _dimulai.get(tujuan, -1e9) < 10:
            return False
        tujuan.mkdir(parents=True, exist_ok=True)
        catatan = (tujuan / "pemuat.log").open("ab")
    except OSError:
        return False                 # a read-only publish folder: another machine publishes
    _dimulai[tujuan] = time.monotonic()
    env = dict(os.environ, SIAGA_DATA=str(paths.data), SIAGA_GEO=str(paths.geo), SIAGA_TERBIT=str(tujuan))
    with catatan:
        subprocess.Popen([sys.executable, "-m", "siaga", "muat", "--awasi", "--induk", str(induk or os.getpid())],
                         cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=catatan, stderr=subprocess.STDOUT,
                         start_new_session=True)
    return True
