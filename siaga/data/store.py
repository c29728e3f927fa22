"""The store: the current published snapshot (:mod:`siaga.data.terbit`), opened read-only and
served through named queries with a cursor per query.

An app process never validates inputs itself. It opens the snapshot the "current" pointer names,
checks the pointer at most once a second (a rerun boundary) and swaps in a new snapshot when one
appears; a session keeps the snapshot its run started with until the run ends. A refused
publication never replaces good data: the previous snapshot keeps serving and the problems are
kept for the UI to show.

Who builds snapshots (``pemuat``, environment variable ``SIAGA_PEMUAT``):

- ``proses`` (the app's default): a watching loader process, started when none runs;
- ``sendiri`` (command-line tools and tests): the calling process builds, one build at a time
  per publish folder, and a session that finds a build running keeps the current snapshot;
- ``luar``: never build here; another machine or service publishes into a shared folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from siaga.akses import Lingkup, param_lingkup, sel
from siaga.data import queries, terbit
from siaga.data.terbit import DUCKDB_CONFIG
from siaga.inti.config import Paths, Wilayah, muat_wilayah
from siaga.inti.masalah import Masalah, MasalahError
from siaga.masuk import geo

log = logging.getLogger("siaga.data.store")

# One thread per query for city data: an app's concurrency is its sessions and processes, and a small
# query split over two threads costs more CPU than it saves time (bench/cpu_interaksi.py). Large data: two.
THREADS_KECIL = 1
RINGKAS_MAKS = 8          # as-of dates whose per-kecamatan summary is kept (7.300 rows each nationally)
# (as-of date, scope) entries of readiness rows (kesiapan_wilayah) kept. A city keeps the whole
# region's rows only (every kecamatan, kelurahan and TPS, about 3.700 rows, 0,2 MB, a date: 32 dates
# 5,5 MB), one build per date serving every kecamatan's views. A month of dates: a desk moves back and
# forth over the last weeks, and the Ringkasan page reads the day before too (the changes since then),
# so 8 dates were refilled on most date changes.
KESIAPAN_MAKS = 32
# Large (national or provincial) data: a kecamatan view keeps only its kecamatan's rows, built from
# its own places (about a hundred TPS: tens of KB); the whole region's rows of a date cover every TPS
# of the data (hundreds of thousands of rows), so at most this many dates of them are kept, within
# the KESIAPAN_MAKS entries, to stay within a process's memory target
KESIAPAN_MAKS_BESAR = 2
# (as-of date, scope) entries of logistics completeness rows kept (logistik_wilayah of one kecamatan,
# or of the whole region without its kelurahan): a kecamatan's entry is its own units only (tens of
# rows), so more entries than dates are kept for the same memory
LOGISTIK_MAKS = 32
PEMUAT = ("proses", "sendiri", "luar")
# Tables of the snapshot file are found through the search path; what a process adds (the summaries
# of other dates) lives in its own in-memory catalog, searched first.
_JALUR = "SET search_path = 'memory.main,data.main'"
_TUNGGU_PERTAMA = 900.0   # seconds an app waits for the first snapshot of a folder


class QueryError(Exception):
    pass


@dataclass
class Snapshot:
    """One published, consistent version of the data, opened read-only."""
    con: duckdb.DuckDBPyConnection
    wilayah: Wilayah
    batas: dict[str, geo.Batas]
    versi: str
    dimuat: dt.datetime
    peringatan: list[Masalah] = field(default_factory=list)
    ringkas: list[dt.date] = field(default_factory=list)     # dates this process added (ringkas_proses), oldest first
    ringkas_terbit: frozenset[dt.date] = frozenset()          # dates the loader published (every date, multi data)
    kunci_ringkas: threading.Lock = field(default_factory=threading.Lock)
    # (date, kecamatan or None for the whole region) held in kesiapan_simpan, oldest first
    kesiapan: list[tuple[dt.date, str | None]] = field(default_factory=list)
    # (date, kecamatan or None for the whole region) held in logistik_simpan, oldest first
    logistik: list[tuple[dt.date, str | None]] = field(default_factory=list)
    besar: bool = False                                       # large data (the manifest says so)
    # dates whose readiness rows the loader published (kesiapan_terbit): copied, not computed
    kesiapan_terbit: frozenset[dt.date] = frozenset()

    @classmethod
    def buka(cls, vfolder: Path) -> Snapshot:
        """Open the snapshot in ``vfolder`` (``v-<versi>``) read-only."""
        manifest = terbit.baca_manifest(vfolder)
        if manifest is None:
            raise FileNotFoundError(vfolder / terbit.MANIFEST)
        config = dict(DUCKDB_CONFIG, memory_limit=terbit.memori_duckdb(),
                      threads=DUCKDB_CONFIG["threads"] if manifest.besar else THREADS_KECIL)
        con = duckdb.connect(":memory:", config=config)
        try:
            con.execute("ATTACH $f AS data (READ_ONLY)", {"f": str(vfolder / terbit.BERKAS_DB)}).fetchall()
            con.execute(queries.perintah("ringkas_salin").sql).fetchall()
            con.execute(queries.perintah("ringkas_gabung").sql).fetchall()
            con.execute(_JALUR).fetchall()
            con.execute(queries.perintah("kesiapan_buat").sql).fetchall()
            con.execute(queries.perintah("logistik_buat").sql).fetchall()
            snap = cls(con, muat_wilayah(vfolder), {}, manifest.versi, dt.datetime.fromisoformat(manifest.dibuat),
                       manifest.masalah(), ringkas_terbit=frozenset(dt.date.fromisoformat(t) for t in manifest.ringkas),
                       besar=manifest.besar,
                       kesiapan_terbit=frozenset(dt.date.fromisoformat(t) for t in manifest.kesiapan))
            cur = snap.cursor()
            try:
                snap.batas = terbit.baca_batas(cur)
            finally:
                cur.close()
        except BaseException:
            con.close()
            raise
        return snap

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor (its own connection to the same database) for one query."""
        cur = self.con.cursor()
        cur.execute(_JALUR).fetchall()
        return cur

    def siapkan(self, tanggal) -> None:
        """Make sure ``ringkas_simpan`` holds the per-kecamatan summary of ``tanggal``. The loader
        publishes every date of multi-region data (a look-up); another date is computed once per
        data version and date in this process (the heavy part of a province or national view), at
        most :data:`RINGKAS_MAKS` such dates kept."""
        if pd.Timestamp(tanggal).date() in self.ringkas_terbit:
            return
        self._simpan("ringkas", self.ringkas, RINGKAS_MAKS, tanggal)

    def siapkan_kesiapan(self, tanggal, kecamatan: str | None = None) -> None:
        """Make sure ``kesiapan_simpan`` holds the readiness rows of ``tanggal`` that a view of
        ``kecamatan`` (None: the whole region) reads: computed once per data version, date and
        scope, where the readiness, indicator, attention and TPS queries of a view each recomputed
        them. Large data keeps a kecamatan's own rows (computed from its own places only) unless
        the whole region's rows of the date are held; a city always keeps the whole region's rows
        (one build per date serves every kecamatan). A date is held either for the whole region or
        per kecamatan, never both (the queries read ``awalan IS NULL OR awalan = kecamatan``): the
        whole region's rows replace the date's kecamatan rows in one transaction. At most
        :data:`KESIAPAN_MAKS` entries, of which :data:`KESIAPAN_MAKS_BESAR` whole-region dates of
        large data. A kab/kota snapshot publishes the whole region's rows of the last days
        (``terbit.KESIAPAN_TERBIT``): those are copied from it, not computed."""
        t = pd.Timestamp(tanggal).date()
        kunci = (t, kecamatan if self.besar else None)
        ada = self.kesiapan
        if (t, None) in ada or kunci in ada:
            return
        with self.kunci_ringkas:
            if (t, None) in ada or kunci in ada:
                return
            tutup = [k for k in ada if k[0] == t] if kunci[1] is None else []   # covered by the whole region
            sisa = [k for k in ada if k not in tutup]
            buang = []
            while sisa and (len(sisa) >= KESIAPAN_MAKS or (
                    kunci[1] is None and self.besar and sum(k[1] is None for k in sisa) >= KESIAPAN_MAKS_BESAR)):
                k = sisa[0] if len(sisa) >= KESIAPAN_MAKS else next(k for k in sisa if k[1] is None)
                sisa.remove(k)
                buang.append(k)
            cur = self.cursor()
            try:
                cur.begin()          # readers see the date's rows before or after, never both scopes
                for k in buang:
                    cur.execute(queries.perintah("kesiapan_hapus").sql, _param_kunci(k)).fetchall()
                if tutup:
                    cur.execute(queries.perintah("kesiapan_hapus_kecamatan").sql, {"tanggal": t}).fetchall()
                if kunci[1] is None and t in self.kesiapan_terbit:   # published by the loader: a copy
                    cur.execute(queries.perintah("kesiapan_salin").sql, {"tanggal": t}).fetchall()
                else:
                    cur.execute(queries.perintah("kesiapan_tambah").sql, _param_kunci(kunci)).fetchall()
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
            finally:
                cur.close()
            ada[:] = [*sisa, kunci]

    def siapkan_logistik(self, tanggal, kecamatan: str | None) -> None:
        """The same for ``logistik_simpan``, the logistics completeness rows of ``tanggal`` read by
        the logistics page's queries, per scope: a kecamatan's own units (computed from its own
        places only), or for the whole region (``None``) the kab/kota and its kecamatan. At most
        :data:`LOGISTIK_MAKS` (date, scope) entries kept."""
        self._simpan("logistik", self.logistik, LOGISTIK_MAKS, tanggal, kecamatan)

    def _simpan(self, nama: str, ada: list, maks: int, tanggal, *lingkup: str | None) -> None:
        """Fill the ``<nama>_simpan`` rows of ``tanggal`` (and a scope, for tables keyed on one:
        the commands then take ``awalan``); ``ada`` lists the keys held, oldest first."""
        t = pd.Timestamp(tanggal).date()
        kunci = (t, *lingkup) if lingkup else t
        if kunci in ada:
            return
        with self.kunci_ringkas:
            if kunci in ada:
                return
            cur = self.cursor()
            try:
                while len(ada) >= maks:
                    cur.execute(queries.perintah(f"{nama}_hapus").sql, _param_kunci(ada.pop(0))).fetchall()
                cur.execute(queries.perintah(f"{nama}_tambah").sql, _param_kunci(kunci)).fetchall()
            finally:
                cur.close()
            ada.append(kunci)


class Store:
    """Thread-safe holder of the current :class:`Snapshot` of one publish folder."""

    def __init__(self, paths: Paths, check_interval: float = 1.0, pemuat: str | None = None):
        self.paths = paths
        self.folder = terbit.folder(paths)
        self.check_interval = check_interval
        self.pemuat = pemuat or os.environ.get("SIAGA_PEMUAT") or "sendiri"
        if self.pemuat not in PEMUAT:
            raise ValueError(f"SIAGA_PEMUAT harus salah satu dari {', '.join(PEMUAT)}, bukan {self.pemuat!r}")
        self._lock = threading.Lock()
        self._snap: Snapshot | None = None
        self._lama: Snapshot | None = None      # the previous snapshot: runs that started on it finish on it
        self._tanda: tuple = ()                 # what the pointer and refusal files looked like last time
        self._checked = 0.0
        self._versi_masukan: str | None = None
        self.ditolak: list[Masalah] = []    # problems of the last refused publication (empty once accepted)

    # ------------------------------------------------------------ loading
    def muat(self, baru: bool = True) -> bool:
        """Serve the inputs as they are now: in ``sendiri`` mode build them first (waiting for a
        build another process runs); otherwise wait until they are published or refused. With
        ``baru`` false (an app starting) any snapshot of this code's recipe will do: it serves at
        once and the watching loader publishes the newer inputs meanwhile. Returns True when the
        inputs as they are now are served, False when they were refused (the previous snapshot,
        if any, keeps serving) or nothing could be opened in time."""
        versi = terbit.versi_masukan(self.paths)
        if self.pemuat == "sendiri":
            self._versi_masukan = versi
            terbit.terbitkan(self.paths)
            self._baca_status(paksa=True)
            return self._snap is not None and self._snap.versi == versi and not self.ditolak
        batas = time.monotonic() + float(os.environ.get("SIAGA_TUNGGU_MUAT", _TUNGGU_PERTAMA))
        self._baca_status(paksa=True)
        lihat = time.monotonic()
        while time.monotonic() < batas:
            if self.pemuat == "proses":
                terbit.pastikan_pemuat(self.paths)
            if baru and time.monotonic() - lihat >= 1.0:
                # the inputs as they are *now*: during a burst of field reports the loader skips to
                # the newest inputs, so the version of the moment we started may never be published
                lihat, versi = time.monotonic(), terbit.versi_masukan(self.paths)
            if baru:
                tolak = terbit.ditolak(self.folder)[0]
                if (self._snap is not None and self._snap.versi == versi) or tolak == versi:
                    break
            elif self._snap is not None or self.ditolak:
                break
            time.sleep(0.2)              # the watching loader is building
            self._baca_status()
        return self._snap is not None and (not baru or self._snap.versi == versi) and not self.ditolak

    def segarkan(self) -> None:
        """Swap in a newly published snapshot (checked at most once per interval). Never builds on
        the caller's time except in ``sendiri`` mode, and there one build at a time: a caller that
        finds a build running keeps the current snapshot."""
        now = time.monotonic()
        if now - self._checked < self.check_interval:
            return
        self._checked = now
        if self.pemuat == "sendiri":
            versi = terbit.versi_masukan(self.paths)
            if versi != self._versi_masukan:
                if terbit.terbitkan(self.paths, tunggu=False) != terbit.SIBUK:
                    self._versi_masukan = versi
        elif self.pemuat == "proses":
            terbit.pastikan_pemuat(self.paths)
        self._baca_status()

    def _baca_status(self, paksa: bool = False) -> None:
        """Read the pointer and the refusal file when they changed; open a new current snapshot."""
        tanda = tuple(_tanda(self.folder / n) for n in (terbit.TERKINI, terbit.DITOLAK))
        if tanda == self._tanda and not paksa:
            return
        with self._lock:
            penunjuk = terbit.terkini(self.folder) or {}
            versi = penunjuk.get("versi")
            if versi and penunjuk.get("resep") == terbit.resep() and (self._snap is None or self._snap.versi != versi):
                try:
                    snap = Snapshot.buka(self.folder / penunjuk["folder"])
                except (OSError, duckdb.Error, MasalahError):
                    log.warning("snapshot %s could not be opened; will retry", versi)
                    return            # e.g. removed right after a newer one appeared: next check
                self._lama, self._snap = self._snap, snap
                log.info("serving snapshot %s", versi)
            tolak_versi, masalah = terbit.ditolak(self.folder)
            self.ditolak = masalah if tolak_versi and (self._snap is None or tolak_versi != self._snap.versi) else []
            self._tanda = tanda

    # ------------------------------------------------------------ serving
    @property
    def snapshot(self) -> Snapshot:
        snap = self._snap
        if snap is None:
            raise MasalahError(self.ditolak or [Masalah("data", None, None, None, "data belum dimuat")])
        return snap

    def snapshot_versi(self, versi: str | None) -> Snapshot:
        """The snapshot of ``versi`` while this process still holds it (a run pinned to it), else the
        current one."""
        for snap in (self._snap, self._lama):
            if snap is not None and snap.versi == versi:
                return snap
        return self.snapshot

    @property
    def siap(self) -> bool:
        return self._snap is not None

    @property
    def versi(self) -> str:
        return self.snapshot.versi

    @property
    def wilayah(self) -> Wilayah:
        return self.snapshot.wilayah

    def query(self, name: str, /, lingkup: Lingkup | None = None, versi: str | None = None,
              **params) -> pd.DataFrame:
        """Run the named query from ``queries/`` with ``$named`` binds; returns a DataFrame.

        ``lingkup`` is the caller's scope (:mod:`siaga.akses`): a camat's kecamatan replaces the
        ``kecamatan`` parameter, and a query that cannot be scoped is refused to a camat.
        ``versi`` pins the snapshot (see :meth:`snapshot_versi`)."""
        q = queries.daftar().get(name)
        if q is None:
            raise QueryError(f"query tidak dikenal: {name}")
        params = {**dict.fromkeys(q.opsional - set(params)), **params}
        if lingkup is not None:
            params = param_lingkup(name, q.params, params, lingkup)
        missing, extra = set(q.params) - set(params), set(params) - set(q.params)
        if missing or extra:
            raise QueryError(f"parameter {name} tidak sesuai: kurang {sorted(missing)}, lebih {sorted(extra)}")
        snap = self.snapshot_versi(versi) if versi else self.snapshot
        if "ringkas_simpan" in q.baca:       # reads the per-date summary (its header says so): compute it once first
            snap.siapkan(params["tanggal"])
        if "kesiapan_simpan" in q.baca:      # per date and scope (the kecamatan, None: whole region)
            snap.siapkan_kesiapan(params["tanggal"], params["kecamatan"])
        if "logistik_simpan" in q.baca:      # per date and scope (the kecamatan, None: whole region)
            snap.siapkan_logistik(params["tanggal"], params["kecamatan"])
        cur = snap.cursor()
        try:
            df = cur.execute(q.sql, {k: params[k] for k in q.binds()}).df()
        finally:
            cur.close()
        return sel.gabung_kecil(name, df, lingkup, snap.wilayah.sel_minimum)


def _param_kunci(kunci) -> dict:
    """The bind parameters of a kept entry's key: a date, or (date, scope)."""
    if isinstance(kunci, tuple):
        return {"tanggal": kunci[0], "awalan": kunci[1]}
    return {"tanggal": kunci}


def _tanda(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size
