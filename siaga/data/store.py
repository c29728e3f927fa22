"""The DuckDB store: load and validate the inputs once, reload when a file changes,
serve named queries through one connection with a cursor per query.

A failed reload never replaces good data: the previous connection keeps serving and the
problems are kept for the UI to show.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import pyarrow as pa

from siaga.akses import Lingkup, param_lingkup
from siaga.data import besar, queries
from siaga.inti.config import CONFIG_FILE, Paths, Wilayah, muat_wilayah
from siaga.inti.kontrak import DIMUAT, INPUTS
from siaga.inti.masalah import GALAT, Masalah, MasalahError
from siaga.masuk import geo
from siaga.masuk.baca import lokasi_berkas
from siaga.masuk.periksa import HasilMuat, muat_semua

log = logging.getLogger("siaga.data.store")

DUCKDB_CONFIG = {"threads": 2, "memory_limit": "1GB"}
# The compressed in-memory catalog of large data (see connect): attach, make it the default, compress.
_PASANG, _GUNAKAN, _PADATKAN = "ATTACH ':memory:' AS siaga (COMPRESS)", "USE siaga", "CHECKPOINT siaga"
RINGKAS_MAKS = 8          # as-of dates whose per-kecamatan summary is kept (7.300 rows each nationally)
_ARROW = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "DATE": pa.date32(),
          "TIMESTAMP": pa.timestamp("us"), "BOOLEAN": pa.bool_()}


class QueryError(Exception):
    pass


@dataclass
class Snapshot:
    """One loaded, consistent version of the data."""
    con: duckdb.DuckDBPyConnection
    wilayah: Wilayah
    batas: dict[str, geo.Batas]
    versi: str
    dimuat: dt.datetime
    peringatan: list[Masalah] = field(default_factory=list)
    ringkas: list[dt.date] = field(default_factory=list)     # dates held in ringkas_simpan, oldest first
    kunci_ringkas: threading.Lock = field(default_factory=threading.Lock)
    kompres: bool = False     # tables live in the compressed in-memory catalog (large data)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor (its own connection to the same database) for one query."""
        cur = self.con.cursor()
        if self.kompres:
            cur.execute(_GUNAKAN).fetchall()
        return cur

    def siapkan(self, tanggal) -> None:
        """Make sure ``ringkas_simpan`` holds the per-kecamatan summary of ``tanggal``: computed
        once per data version and date (the heavy part of a province or national view), at
        most :data:`RINGKAS_MAKS` dates kept."""
        t = pd.Timestamp(tanggal).date()
        if t in self.ringkas:
            return
        with self.kunci_ringkas:
            if t in self.ringkas:
                return
            cur = self.cursor()
            try:
                while len(self.ringkas) >= RINGKAS_MAKS:
                    cur.execute(queries.perintah("ringkas_hapus").sql, {"tanggal": self.ringkas.pop(0)}).fetchall()
                cur.execute(queries.perintah("ringkas_tambah").sql, {"tanggal": t}).fetchall()
            finally:
                cur.close()
            self.ringkas.append(t)


def _fingerprint(paths: Paths) -> tuple:
    files = [paths.data / CONFIG_FILE] + [lokasi_berkas(INPUTS[n], paths) for n in DIMUAT]
    files += [paths.geo / b for b in geo.BERKAS_BATAS.values()]
    out = []
    for f in files:
        try:
            st = f.stat()
            out.append((str(f), st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            out.append((str(f), None, None))
    return tuple(out)


def _arrow_table(name: str, df: pd.DataFrame) -> pa.Table:
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


def koneksi(kompres: bool = False) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory DuckDB. With ``kompres`` (large data) the tables go to an in-memory
    catalog that DuckDB compresses at each checkpoint: national logistics and incidents take
    about 100 MB instead of 770 MB, at the same query speed."""
    config = dict(DUCKDB_CONFIG)
    if kompres:
        # Large data: DuckDB keeps under this limit by spilling operators (and tables not yet
        # compressed) to a temporary folder, so the app's peak stays below 800 MB.
        config["memory_limit"] = os.environ.get("SIAGA_MEMORI_DUCKDB", "400MB")
        # a folder DuckDB creates itself, and so removes when the connection closes
        config["temp_directory"] = os.path.join(tempfile.gettempdir(), f"siaga-duckdb-{uuid.uuid4().hex[:12]}")
    con = duckdb.connect(":memory:", config=config)
    if kompres:
        con.execute(_PASANG).fetchall()
        con.execute(_GUNAKAN).fetchall()
    return con


def buat_koneksi(tabel: dict[str, pd.DataFrame], wil: Wilayah, pusat: pd.DataFrame | None = None,
                     con: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with every input as a typed table and the models created. ``con`` may
    already hold tables loaded by :mod:`siaga.data.besar`."""
    con = con or koneksi()
    for name, df in tabel.items():
        con.from_arrow(_arrow_table(name, df)).create(name)
    con.from_arrow(_param_table(wil)).create("param")
    if pusat is None:
        pusat = pd.DataFrame({"kode": pd.Series(dtype=str), "lat": pd.Series(dtype=float),
                              "lon": pd.Series(dtype=float)})
    con.from_df(pusat).create("pusat_wilayah")
    for model in queries.model_sql():
        con.execute(model.sql)
    return con


class Store:
    """Thread-safe holder of the current :class:`Snapshot`."""

    def __init__(self, paths: Paths, check_interval: float = 1.0):
        self.paths = paths
        self.check_interval = check_interval
        self._lock = threading.Lock()
        self._snap: Snapshot | None = None
        self._fp: tuple | None = None
        self._checked = 0.0
        self.ditolak: list[Masalah] = []    # problems of the last refused load (empty when the last load succeeded)

    # ------------------------------------------------------------ loading
    def muat(self) -> bool:
        """(Re)load every input. Returns True when new data is served."""
        fp = _fingerprint(self.paths)
        started = time.perf_counter()
        try:
            snap = self._build(fp)
        except MasalahError as exc:
            with self._lock:
                self._fp = fp
                self.ditolak = exc.masalah
            log.warning("input refused: %d problems (first: %s)", len(exc.masalah), exc.masalah[0].alasan)
            return False
        with self._lock:
            self._snap, self._fp, self.ditolak = snap, fp, []
        log.info("data version %s loaded in %.2f s", snap.versi, time.perf_counter() - started)
        return True

    def _build(self, fp: tuple) -> Snapshot:
        wil = muat_wilayah(self.paths.data)
        data_besar = besar.mode_besar(self.paths)
        hasil: HasilMuat = muat_semua(self.paths, wil,
                                      [n for n in DIMUAT if not (data_besar and n in besar.OPERASIONAL)])
        con = None
        if data_besar and hasil.ok:
            # Large operational files go straight into DuckDB and are checked there, against the
            # dimension tables read above.
            con = koneksi(kompres=True)
            for name, df in hasil.tabel.items():
                con.from_arrow(_arrow_table(name, df)).create(name)
            pemuat = besar.Pemuat(con, besar.folder_cache(self.paths))
            if all([pemuat.muat(n, lokasi_berkas(INPUTS[n], self.paths)) for n in besar.OPERASIONAL]):
                pemuat.silang(wil)
                if pemuat.ok():
                    pemuat.urutkan()
            hasil.masalah.extend(pemuat.masalah)
        batas, pusat = {}, []
        if "wilayah" in hasil.tabel:
            batas, m = geo.muat_batas_wilayah(self.paths.geo, hasil.tabel["wilayah"], wil.multi)
            hasil.masalah.extend(m)
            pusat = [b.pusat() for b in batas.values()]
        if not hasil.ok:
            if con is not None:
                con.close()
            raise MasalahError(hasil.masalah)
        con = buat_koneksi({} if con is not None else hasil.tabel, wil,
                               pd.concat(pusat, ignore_index=True) if pusat else None, con)
        versi = hashlib.sha1(repr(fp).encode()).hexdigest()[:12]
        snap = Snapshot(con, wil, batas, versi, dt.datetime.now(), [m for m in hasil.masalah if m.tingkat != GALAT],
                        kompres=data_besar)
        if data_besar:
            con.execute(_PADATKAN).fetchall()
        return snap

    def siapkan_terakhir(self) -> None:
        """Summarise the latest day of a province or national desk now (the app does this while
        it shows "Memuat data…"), so the first page view does not wait for it."""
        if self.wilayah.multi:
            akhir = self.query("rentang_data")["tanggal_akhir"].iloc[0]
            if pd.notna(akhir):
                self.snapshot.siapkan(akhir)

    def segarkan(self) -> None:
        """Reload when an input file changed since the last attempt (checked at most once per interval)."""
        now = time.monotonic()
        if now - self._checked < self.check_interval:
            return
        self._checked = now
        if _fingerprint(self.paths) != self._fp:
            self.muat()

    # ------------------------------------------------------------ serving
    @property
    def snapshot(self) -> Snapshot:
        snap = self._snap
        if snap is None:
            raise MasalahError(self.ditolak or [Masalah("data", None, None, None, "data belum dimuat")])
        return snap

    @property
    def siap(self) -> bool:
        return self._snap is not None

    @property
    def versi(self) -> str:
        return self.snapshot.versi

    @property
    def wilayah(self) -> Wilayah:
        return self.snapshot.wilayah

    def query(self, name: str, /, lingkup: Lingkup | None = None, **params) -> pd.DataFrame:
        """Run the named query from ``queries/`` with ``$named`` binds; returns a DataFrame.

        ``lingkup`` is the caller's scope (:mod:`siaga.akses`): a camat's kecamatan replaces the
        ``kecamatan`` parameter, and a query that cannot be scoped is refused to a camat."""
        q = queries.daftar().get(name)
        if q is None:
            raise QueryError(f"query tidak dikenal: {name}")
        params = {**dict.fromkeys(q.opsional - set(params)), **params}
        if lingkup is not None:
            params = param_lingkup(name, q.params, params, lingkup)
        missing, extra = set(q.params) - set(params), set(params) - set(q.params)
        if missing or extra:
            raise QueryError(f"parameter {name} tidak sesuai: kurang {sorted(missing)}, lebih {sorted(extra)}")
        snap = self.snapshot
        if "ringkas_simpan" in q.sql:        # reads the per-date summary: compute it once first
            snap.siapkan(params["tanggal"])
        cur = snap.cursor()
        try:
            return cur.execute(q.sql, {k: params[k] for k in q.binds()}).df()
        finally:
            cur.close()


def buka_store(paths: Paths | None = None) -> Store:
    store = Store(paths or Paths.dari_env())
    store.muat()
    return store
