"""An honest comparison with pandas: the same page queries computed from the same input files on
both sides, with the results checked equal before any time is reported (issue 16 item 5).

    python bench/banding.py [--data FOLDER] [--runs 3] [--ulang 9] [--tulis]

``--data`` is a folder holding ``data/`` and ``geo/`` (default: the repository's city demo; the
national set comes from ``python -m siaga demo --skala nasional --out FOLDER``).

The pairs (``PASANGAN``): each DuckDB page query from ``queries/`` and a pandas twin written from
its SQL that reads the CSV files as they are (ISO dates and plain numbers, which is what the demo
and the generators write; it does not validate anything, the DuckDB side does). Before any timing
the benchmark runs every pair on several as-of dates and scopes and compares the results with
``pandas.testing.assert_frame_equal`` after sorting and normalising dtypes; it stops with exit
code 1 when one differs (``tests/test_bench_banding.py`` runs the same check on the test fixture
and the demo, so the twins stay correct).

What is measured, each in its own child process (peak RSS is the process's own), ``--runs``
times, min and median reported:

- cold start to the first usable result: DuckDB validates the CSVs and publishes its snapshot,
  opens it and runs the first page query; pandas reads the CSVs and computes the same result;
- restart: DuckDB opens the already published snapshot and runs the first query (what an app
  process does after a restart); pandas has no snapshot, its restart is its cold start;
- warm page queries: ``--ulang`` repetitions of each pair on the latest day of the data;
- replay of an older date: the first query of a date not used before in the process;
- wall and CPU time of each step, peak memory of each process.

With --tulis the section between the ``bench:banding`` markers of docs/performance.md is
rewritten. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BERKAS = ("wilayah", "tps", "logistik", "logistik_item", "insiden", "kategori_insiden")
SATU_HARI = pd.Timedelta(days=1)
# a side wins a step when its median is at least this much lower on both wall and CPU time: below
# it the shared machine's noise decides (runs of one side vary by ±30 % at load 5-15)
AMBANG = 1.25


# ------------------------------------------------------------------ pandas side: reading

def baca_csv(data: Path) -> dict[str, pd.DataFrame]:
    """Read the inputs the twins need, typed as the snapshot types them (no validation)."""
    d = data / "data"
    t: dict[str, pd.DataFrame] = {}
    t["wilayah"] = pd.read_csv(d / "wilayah.csv", dtype=str, keep_default_na=False, na_values=[""],
                               usecols=["tingkat", "kode", "nama", "kode_induk"])
    tps = pd.read_csv(d / "tps.csv", dtype={"kode_tps": str, "kode_kelurahan": str, "jenis": str, "keterangan": str,
                                            "rawan_banjir": str}, keep_default_na=False, na_values=[""])
    t["tps"] = tps
    log = pd.read_csv(d / "logistik.csv", dtype={"tahap": str, "kode_lokasi": str, "kode_item": str, "catatan": str},
                      keep_default_na=False, na_values=[""], usecols=["waktu", "tahap", "kode_lokasi", "kode_item",
                                                                      "jumlah_diterima", "jumlah_rusak"])
    log["waktu"] = pd.to_datetime(log["waktu"], format="ISO8601")
    t["logistik"] = log
    t["logistik_item"] = pd.read_csv(d / "logistik_item.csv", dtype={"kode_item": str, "nama_item": str},
                                     keep_default_na=False, na_values=[""])
    ins = pd.read_csv(d / "insiden.csv", dtype=str, keep_default_na=False, na_values=[""])
    for k in ("waktu", "waktu_kejadian"):
        ins[k] = pd.to_datetime(ins[k], format="ISO8601")
    ins["batas_waktu"] = pd.to_datetime(ins["batas_waktu"], format="ISO8601")
    for k in ("lat", "lon"):
        ins[k] = pd.to_numeric(ins[k])
    t["insiden"] = ins
    t["kategori_insiden"] = pd.read_csv(d / "kategori_insiden.csv", dtype=str, keep_default_na=False, na_values=[""])
    # static per data version, as the snapshot's tps_wilayah and kebutuhan_unit tables
    t["tps_wilayah"] = _tps_wilayah(t)
    t["kebutuhan_unit"] = _kebutuhan(t, t["tps_wilayah"])
    return t


def _tps_wilayah(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """tps_wilayah: TPS with their kelurahan and kecamatan (inner joins on the codes)."""
    w = t["wilayah"]
    kel = w[["kode", "nama", "kode_induk"]].rename(columns={"kode": "kode_kelurahan", "nama": "nama_kelurahan",
                                                           "kode_induk": "kode_kecamatan"})
    kec = w[["kode", "nama"]].rename(columns={"kode": "kode_kecamatan", "nama": "nama_kecamatan"})
    return t["tps"].merge(kel, on="kode_kelurahan").merge(kec, on="kode_kecamatan")


# ------------------------------------------------------------------ pandas twins of the page queries

def pd_insiden_daftar(t: dict[str, pd.DataFrame], tanggal: dt.date, kecamatan: str | None = None,
                      kelurahan: str | None = None, mulai: dt.datetime | None = None) -> pd.DataFrame:
    """Twin of queries/insiden_daftar.sql (insiden_lengkap over insiden_asof)."""
    hari = pd.Timestamp(tanggal)
    ins = t["insiden"]
    ins = ins[ins["waktu"] < hari + SATU_HARI]
    g = ins.groupby("id_insiden", sort=False)["waktu"]
    lapor = g.min().rename("waktu_lapor")
    a = ins.sort_values(["id_insiden", "waktu"]).drop_duplicates("id_insiden", keep="last")
    a = a.merge(lapor, left_on="id_insiden", right_index=True)
    kat = t["kategori_insiden"].rename(columns={"kode_kategori": "kategori", "nama": "nama_kategori"})
    a = a.merge(kat, on="kategori")
    a["terbuka"] = a["status"] != "selesai"
    a["terlambat"] = a["terbuka"] & (a["batas_waktu"] < hari)
    # when it was closed: the first selesai after its last open row
    buka = ins.loc[ins["status"] != "selesai"].groupby("id_insiden")["waktu"].max().rename("terakhir_buka")
    sel = ins.loc[ins["status"] == "selesai", ["id_insiden", "waktu"]].merge(buka, on="id_insiden", how="left")
    sel = sel[sel["terakhir_buka"].isna() | (sel["waktu"] > sel["terakhir_buka"])]
    selesai = sel.groupby("id_insiden")["waktu"].min().rename("waktu_selesai")
    a = a.merge(selesai, left_on="id_insiden", right_index=True, how="left")
    a.loc[a["terbuka"], "waktu_selesai"] = pd.NaT
    w = t["wilayah"]
    a = a.merge(w[["kode", "nama"]].rename(columns={"kode": "kode_kecamatan", "nama": "nama_kecamatan"}),
                on="kode_kecamatan")
    a = a.merge(w[["kode", "nama"]].rename(columns={"kode": "kode_kelurahan", "nama": "nama_kelurahan"}),
                on="kode_kelurahan", how="left")
    tps = t["tps"][["kode_tps", "nomor_tps", "lat", "lon"]].rename(columns={"lat": "lat_tps", "lon": "lon_tps"})
    a = a.merge(tps, on="kode_tps", how="left")
    punya = a["lat"].notna() & a["lon"].notna()
    a["lokasi_tps"] = ~punya & a["lat_tps"].notna() & a["lon_tps"].notna()
    a["lat"] = a["lat"].where(punya, a["lat_tps"])
    a["lon"] = a["lon"].where(punya, a["lon_tps"])
    a["hari_terlambat"] = (hari - a["batas_waktu"]).dt.days
    if kecamatan is not None:
        a = a[a["kode_kecamatan"] == kecamatan]
    if kelurahan is not None:
        a = a[a["kode_kelurahan"] == kelurahan]
    if mulai is not None:
        a = a[a["waktu_lapor"] >= pd.Timestamp(mulai)]
    a = a.sort_values(["waktu_lapor", "id_insiden"], ascending=[False, True])
    kolom = ["id_insiden", "waktu_lapor", "waktu_kejadian", "waktu", "waktu_selesai", "kode_kecamatan",
             "nama_kecamatan", "kode_kelurahan", "nama_kelurahan", "kode_tps", "nomor_tps", "lat", "lon",
             "lokasi_tps", "kategori", "nama_kategori", "kelompok", "keparahan", "status", "sumber", "ringkasan",
             "tindak_lanjut", "pic", "batas_waktu", "terbuka", "terlambat", "hari_terlambat"]
    return a[kolom].reset_index(drop=True)


def _kebutuhan(t: dict[str, pd.DataFrame], tw: pd.DataFrame) -> pd.DataFrame:
    """kebutuhan_unit: the need per place, stage and item (the item formula, summed up the chain)."""
    i = t["logistik_item"]
    p = tw[["kode_tps", "kode_kelurahan", "kode_kecamatan", "dpt"]].merge(i, how="cross")
    p["kebutuhan"] = np.ceil(p["per_tps"] + p["per_pemilih"] * p["dpt"] * (1 + p["cadangan_persen"] / 100.0)
                             ).astype("int64")
    bagian = [p.assign(tahap="tps", kode_lokasi=p["kode_tps"])[["tahap", "kode_lokasi", "kode_kecamatan",
                                                               "kode_item", "kebutuhan"]]]
    for tahap, kunci in (("pps", "kode_kelurahan"), ("ppk", "kode_kecamatan")):
        s = p.groupby([kunci, "kode_kecamatan", "kode_item"], as_index=False)["kebutuhan"].sum()
        bagian.append(s.assign(tahap=tahap, kode_lokasi=s[kunci])[["tahap", "kode_lokasi", "kode_kecamatan",
                                                                   "kode_item", "kebutuhan"]])
    s = p.assign(kode_lokasi=p["kode_kecamatan"].str[:5]).groupby(["kode_lokasi", "kode_item"], as_index=False)[
        "kebutuhan"].sum()
    bagian.append(s.assign(tahap="gudang", kode_kecamatan=None)[["tahap", "kode_lokasi", "kode_kecamatan",
                                                                "kode_item", "kebutuhan"]])
    return pd.concat(bagian, ignore_index=True)


LOGISTIK_MAKS = 8     # as-of dates whose per-unit logistics rows are kept (as the store's logistik_simpan)


def _logistik_unit(t: dict, tanggal: dt.date) -> pd.DataFrame:
    """The per-unit logistics rows of one date for the whole region (``kabkota``) and every kecamatan,
    computed once per date and kept like the store keeps ``logistik_simpan``: the pandas side gets
    the same per-date cache as the DuckDB side."""
    simpan = t.setdefault("_logistik", {})
    if tanggal in simpan:
        return simpan[tanggal]
    hari = pd.Timestamp(tanggal)
    log = t["logistik"]
    sampai = log[log["waktu"] < hari + SATU_HARI]
    terima = sampai.groupby(["tahap", "kode_lokasi", "kode_item"], as_index=False).agg(
        diterima=("jumlah_diterima", "sum"), rusak=("jumlah_rusak", "sum"), terakhir=("waktu", "max"))
    u = t["kebutuhan_unit"].merge(terima, on=["tahap", "kode_lokasi", "kode_item"], how="left")
    tersedia = np.minimum((u["diterima"] - u["rusak"]).fillna(0).clip(lower=0), u["kebutuhan"])
    u["kurang"] = u["kebutuhan"] - tersedia
    u["rusak"] = u["rusak"].fillna(0)
    di_tps = u["tahap"] == "tps"
    u["kebutuhan_tps"] = u["kebutuhan"].where(di_tps, 0)
    u["kurang_tps"] = u["kurang"].where(di_tps, 0)
    per_tps = u[di_tps].groupby(["kode_kecamatan", "kode_lokasi"], as_index=False)["kurang"].max()
    per_tps["lengkap"] = per_tps["kurang"] == 0

    def ringkas(bagian: pd.DataFrame, tps: pd.DataFrame, kunci) -> pd.DataFrame:
        a = bagian.groupby(kunci).agg(kebutuhan_tps=("kebutuhan_tps", "sum"), kurang_tps=("kurang_tps", "sum"),
                                      rusak=("rusak", "sum"), terakhir=("terakhir", "max"))
        b = tps.groupby(kunci).agg(jumlah_tps=("lengkap", "size"), tps_lengkap=("lengkap", "sum"))
        return a.join(b, how="left")
    kec = ringkas(u[u["tahap"] != "gudang"], per_tps, "kode_kecamatan")
    semua = ringkas(u.assign(k="*"), per_tps.assign(k="*"), "k").rename(index={"*": None})
    out = pd.concat([semua, kec])
    out[["jumlah_tps", "tps_lengkap"]] = out[["jumlah_tps", "tps_lengkap"]].fillna(0)
    out.attrs["tanda_terima"] = len(sampai)
    while len(simpan) >= LOGISTIK_MAKS:
        simpan.pop(next(iter(simpan)))
    simpan[tanggal] = out
    return out


def pd_logistik_ringkas(t: dict, tanggal: dt.date, kecamatan: str | None = None) -> pd.DataFrame:
    """Twin of queries/logistik_ringkas.sql (the unit's row of logistik_wilayah over logistik_unit)."""
    w = _logistik_unit(t, tanggal)
    kolom = ["jumlah_tps", "tps_lengkap", "kebutuhan_tps", "kurang_tps", "rusak", "terakhir"]
    if kecamatan is None:
        baris = w.iloc[[0]][kolom]
    elif kecamatan in w.index:
        baris = w.loc[[kecamatan], kolom]
    else:                                   # a kecamatan without TPS: zeros, no receipt
        baris = pd.DataFrame({k: [0] for k in kolom[:-1]} | {"terakhir": [pd.NaT]})
    baris = baris.reset_index(drop=True).astype({k: "int64" for k in kolom[:-1]})
    baris["tanda_terima"] = w.attrs["tanda_terima"]
    baris["pertama"] = t["logistik"]["waktu"].min()
    return baris


# ------------------------------------------------------------------ the pairs

@dataclass(frozen=True)
class Pasangan:
    nama: str          # label in the tables
    query: str         # named query of queries/
    kembar: Callable   # pandas twin: (tables, tanggal, kecamatan) -> DataFrame
    params: Callable   # (tanggal, kecamatan) -> the query's parameters
    kunci: tuple[str, ...]   # columns that identify a row (sort before comparing)
    kota_saja: bool = False  # a kab/kota desk's view only (national data: one row per kab/kota, not compared)


PASANGAN = (
    Pasangan("daftar insiden · satu kecamatan", "insiden_daftar", pd_insiden_daftar,
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": kec, "kelurahan": None, "mulai": None},
             ("id_insiden",)),
    Pasangan("ringkasan logistik · satu kecamatan", "logistik_ringkas", pd_logistik_ringkas,
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": kec}, ()),
    Pasangan("ringkasan logistik · seluruh wilayah", "logistik_ringkas",
             lambda t, tgl, kec: pd_logistik_ringkas(t, tgl, None),
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": None}, (), kota_saja=True),
    Pasangan("daftar insiden · seluruh wilayah", "insiden_daftar",
             lambda t, tgl, kec: pd_insiden_daftar(t, tgl, None),
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": None, "kelurahan": None, "mulai": None},
             ("id_insiden",)),
)


def normal(df: pd.DataFrame, kunci: tuple[str, ...]) -> pd.DataFrame:
    """One representation for both sides: datetimes in ns, integers as int64 (float64 when they
    hold NULLs), booleans as bool, text as object with None; rows sorted on ``kunci``."""
    out = {}
    for k in df.columns:
        s = df[k]
        if pd.api.types.is_datetime64_any_dtype(s):
            s = s.astype("datetime64[ns]")
        elif pd.api.types.is_bool_dtype(s):
            s = s.astype(bool)
        elif pd.api.types.is_numeric_dtype(s):
            s = s.astype("float64") if s.isna().any() or pd.api.types.is_float_dtype(s) else s.astype("int64")
        else:
            s = s.astype(object).where(s.notna(), None)
        out[k] = s.reset_index(drop=True)
    df = pd.DataFrame(out)
    if kunci and len(df):
        df = df.sort_values(list(kunci), kind="stable").reset_index(drop=True)
    return df


def bandingkan(p: Pasangan, hasil_duckdb: pd.DataFrame, hasil_pandas: pd.DataFrame, konteks: str) -> None:
    """Raise AssertionError naming the pair and its parameters when the two results differ."""
    a, b = normal(hasil_duckdb, p.kunci), normal(hasil_pandas, p.kunci)
    # the integer/float choice depends on NULLs on one side only: compare numbers as float
    for k in a.columns.intersection(b.columns):
        if pd.api.types.is_numeric_dtype(a[k]) and pd.api.types.is_numeric_dtype(b[k]) \
                and not pd.api.types.is_bool_dtype(a[k]) and a[k].dtype != b[k].dtype:
            a[k], b[k] = a[k].astype("float64"), b[k].astype("float64")
    try:
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9, atol=1e-9)
    except AssertionError as e:
        raise AssertionError(f"{p.nama} ({p.query}, {konteks}): DuckDB dan pandas berbeda\n{e}") from None


def kasus(tabel: dict[str, pd.DataFrame], tanggal: list[dt.date] | None = None,
          maks: int = 40) -> list[tuple[dt.date, str]]:
    """The (date, kecamatan) views checked: a few dates across the campaign, and every kecamatan
    on the last of them (at most ``maks``, evenly spread, for national data)."""
    w = tabel["wilayah"]
    kec = sorted(w.loc[w["tingkat"] == "kecamatan", "kode"])
    if len(kec) > maks:
        kec = [kec[round(i * (len(kec) - 1) / (maks - 1))] for i in range(maks)]
    if tanggal is None:
        tanggal = [dt.date(2024, 10, 15), dt.date(2024, 11, 10), dt.date(2024, 11, 25), dt.date(2024, 11, 27)]
    out = [(tgl, kec[i % len(kec)]) for i, tgl in enumerate(tanggal)]
    out += [(tanggal[-1], k) for k in kec]
    return out


def periksa_sama(store, tabel: dict[str, pd.DataFrame], views: list[tuple[dt.date, str]]) -> int:
    """Run every pair on every view and compare; returns the number of comparisons."""
    n = 0
    for tgl, kec in views:
        for p in PASANGAN:
            bandingkan(p, store.query(p.query, **p.params(tgl, kec)), p.kembar(tabel, tgl, kec), f"{tgl}, {kec}")
            n += 1
    return n


# ------------------------------------------------------------------ child processes

def _rss_mb() -> float:
    """Peak RSS of this process. Not ``getrusage``'s ru_maxrss: Linux keeps it across fork and exec,
    so a child would report its parent's peak when that is higher; VmHWM starts anew at exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_kini_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _ukur(fn) -> tuple[float, float, object]:
    """Wall and CPU (every thread of the process) seconds of ``fn()``, and its result."""
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w, time.process_time() - c, out


def anak(sisi: str, data: Path, terbit: Path, tgl: dt.date, tgl_lama: dt.date, kec: str, ulang: int) -> dict:
    """One measured process. ``sisi``: ``duckdb`` (validate and publish the snapshot, open it,
    first query), ``duckdb-mulai`` (open the published snapshot, first query) or ``pandas``."""
    if sisi != "pandas":
        from siaga.data.store import Store
        from siaga.inti.config import Paths
    rss_awal = _rss_kini_mb()
    if sisi == "pandas":
        def mulai():
            tabel = baca_csv(data)
            PASANGAN[0].kembar(tabel, tgl, kec)
            return tabel
        w, c, tabel = _ukur(mulai)

        def jalankan(p: Pasangan, t: dt.date):
            return p.kembar(tabel, t, kec)
    else:
        store = Store(Paths(data / "data", data / "geo", terbit), pemuat="sendiri" if sisi == "duckdb" else "luar")

        def mulai():
            if not store.muat(baru=sisi == "duckdb"):
                raise SystemExit(f"data ditolak: {store.ditolak}")
            p = PASANGAN[0]
            store.query(p.query, **p.params(tgl, kec))
        w, c, _ = _ukur(mulai)

        def jalankan(p: Pasangan, t: dt.date):
            return store.query(p.query, **p.params(t, kec))
    hasil = {"mulai": {"wall": w, "cpu": c}, "hangat": {}, "lama": {}}
    for p in PASANGAN:                      # first use of the date (the cold start ran pair 0 only)
        jalankan(p, tgl)
    for p in PASANGAN:
        wall, cpu = [], []
        for _ in range(ulang):
            w, c, _ = _ukur(lambda p=p: jalankan(p, tgl))
            wall.append(w)
            cpu.append(c)
        hasil["hangat"][p.nama] = {"wall": statistics.median(wall), "cpu": statistics.median(cpu)}
    for p in PASANGAN:                      # an older date, first time in this process
        w, c, _ = _ukur(lambda p=p: jalankan(p, tgl_lama))
        hasil["lama"][p.nama] = {"wall": w, "cpu": c}
    hasil["rss_mb"] = _rss_mb()
    hasil["rss_awal_mb"] = rss_awal
    return hasil


# ------------------------------------------------------------------ parent

def _beban() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def _jalankan_anak(sisi: str, args, terbit: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--anak", sisi, "--data", str(args.data),
           "--terbit", str(terbit), "--tgl", args.tgl, "--tgl-lama", args.tgl_lama, "--kecamatan", args.kecamatan,
           "--ulang", str(args.ulang)]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        raise SystemExit(f"proses {sisi} gagal:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def periksa(args) -> int:
    """The equality check of every pair, in this process, before anything is timed."""
    from siaga.data.store import Store
    from siaga.inti.config import Paths

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Paths(args.data / "data", args.data / "geo", Path(tmp)), pemuat="sendiri")
        if not store.muat():
            raise SystemExit(f"data ditolak: {store.ditolak}")
        tabel = baca_csv(args.data)
        tanggal = sorted({dt.date(2024, 10, 15), dt.date.fromisoformat(args.tgl_lama),
                          dt.date(2024, 11, 27), dt.date.fromisoformat(args.tgl)})
        return periksa_sama(store, tabel, kasus(tabel, tanggal, args.kasus))


def _mm(xs: list[float], skala: float = 1000) -> str:
    return f"{min(xs) * skala:,.0f} / {statistics.median(xs) * skala:,.0f}"


def susun(hasil: dict, args, n_sama: int, beban: list[tuple[str, str]]) -> list[str]:
    """The markdown of the section (tables and what they say)."""
    d, dm, pd_ = hasil["duckdb"], hasil["duckdb-mulai"], hasil["pandas"]
    runs = len(d)
    med = statistics.median
    lines = [
        f"Measured {dt.date.today().isoformat()} on {platform.machine()} ({os.cpu_count()} cores, shared), Python "
        f"{platform.python_version()}, pandas {pd.__version__}, duckdb {__import__('duckdb').__version__}; data "
        f"`{args.label}`, as-of date {args.tgl}, older date {args.tgl_lama}, kecamatan {args.kecamatan}; "
        f"{runs} runs of each side, each in its own process, the sides alternating; cells are **min / median** "
        f"over the runs. `python bench/banding.py --tulis`.",
        "",
        f"Equal results first: every pair was run on {n_sama} (view, pair) combinations (several as-of dates, "
        "every kecamatan, the whole region) and compared with `assert_frame_equal` after sorting and normalising "
        "dtypes; the benchmark stops when one differs (`tests/test_bench_banding.py` repeats it on the test "
        "fixture and the demo). Load average (1, 5, 15 min): "
        + "; ".join(f"{k} {v}" for k, v in beban) + ".",
        "",
        "| step | DuckDB wall (ms) | DuckDB CPU (ms) | pandas wall (ms) | pandas CPU (ms) |",
        "|---|---|---|---|---|",
        f"| cold start to the first result (DuckDB: validate + publish + open + query; pandas: read CSV + compute) "
        f"| {_mm([r['mulai']['wall'] for r in d])} | {_mm([r['mulai']['cpu'] for r in d])} "
        f"| {_mm([r['mulai']['wall'] for r in pd_])} | {_mm([r['mulai']['cpu'] for r in pd_])} |",
        f"| restart from the published snapshot + first query (pandas: no snapshot, its cold start again) "
        f"| {_mm([r['mulai']['wall'] for r in dm])} | {_mm([r['mulai']['cpu'] for r in dm])} "
        f"| {_mm([r['mulai']['wall'] for r in pd_])} | {_mm([r['mulai']['cpu'] for r in pd_])} |",
    ]
    for bagian, judul in (("hangat", f"warm, median of {args.ulang} repetitions"),
                          ("lama", f"first use of the older date {args.tgl_lama}")):
        for p in PASANGAN:
            a = [r[bagian][p.nama] for r in dm]
            b = [r[bagian][p.nama] for r in pd_]
            lines.append(f"| {p.nama} (`{p.query}`), {judul} | {_mm([x['wall'] for x in a])} "
                         f"| {_mm([x['cpu'] for x in a])} | {_mm([x['wall'] for x in b])} "
                         f"| {_mm([x['cpu'] for x in b])} |")
    lines.append(f"| peak memory of the process (MB; DuckDB: the restarted app process, cold start "
                 f"{_mm([r['rss_mb'] for r in d], 1)}) | {_mm([r['rss_mb'] for r in dm], 1)} | – "
                 f"| {_mm([r['rss_mb'] for r in pd_], 1)} | – |")
    lines += ["", "What the table says (medians of wall and CPU time; a ratio only where both sides computed the "
              "same result, which the check above established):", ""]

    def kalimat(judul: str, bagian: str, nama: str | None = None) -> str:
        def m(rs, k):
            return med([(r[bagian][nama] if nama else r[bagian])[k] for r in rs])
        kiri = d if bagian == "mulai" and judul == "cold start" else dm
        aw, ac, bw, bc = m(kiri, "wall"), m(kiri, "cpu"), m(pd_, "wall"), m(pd_, "cpu")
        def faktor(a: float, b: float) -> str:
            return f"DuckDB {b / a:.1f}× faster" if b >= a else f"pandas {a / b:.1f}× faster"
        angka = (f"wall {aw * 1000:,.0f} ms against {bw * 1000:,.0f} ms ({faktor(aw, bw)}), "
                 f"CPU {ac * 1000:,.0f} ms against {bc * 1000:,.0f} ms ({faktor(ac, bc)})")
        if bw / aw >= AMBANG and bc / ac >= AMBANG:
            return f"- {judul}: DuckDB **wins**, {angka}."
        if aw / bw >= AMBANG and ac / bc >= AMBANG:
            return f"- {judul}: DuckDB **does not win**, pandas is faster: {angka}."
        return f"- {judul}: **no clear difference** (within {AMBANG:.2f}× on wall or CPU): {angka}."
    lines.append(kalimat("cold start", "mulai"))
    lines.append(kalimat("restart (the snapshot against pandas reading the CSVs again)", "mulai"))
    for bagian, judul in (("hangat", "warm"), ("lama", "older date")):
        for p in PASANGAN:
            lines.append(kalimat(f"{p.nama}, {judul}", bagian, p.nama))
    rd, rp = med([r["rss_mb"] for r in dm]), med([r["rss_mb"] for r in pd_])
    ad, ap_ = med([r["rss_awal_mb"] for r in dm]), med([r["rss_awal_mb"] for r in pd_])
    lines.append(f"- peak memory: DuckDB app process {rd:,.0f} MB (of which {ad:,.0f} MB after its imports, "
                 f"before any data), pandas {rp:,.0f} MB ({ap_:,.0f} MB after imports): "
                 + ("DuckDB **wins**." if rp / rd >= AMBANG else "DuckDB **does not win**." if rd / rp >= AMBANG
                    else "**no clear difference**."))
    return lines


def tulis(lines: list[str], penanda: str) -> None:
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8")
    start, end = f"<!-- bench:{penanda} -->", f"<!-- /bench:{penanda} -->"
    head, rest = text.split(start)
    _, tail = rest.split(end)
    doc.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT, help="folder with data/ and geo/ (default: the city demo)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each side (≥ 3)")
    ap.add_argument("--ulang", type=int, default=9, help="repetitions of each warm query in a run")
    ap.add_argument("--tgl", default="2024-11-25", help="as-of date of the views (YYYY-MM-DD)")
    ap.add_argument("--tgl-lama", default="2024-11-10", help="the older date replayed (YYYY-MM-DD)")
    ap.add_argument("--kecamatan", help="kecamatan of the one-kecamatan views (default: the first)")
    ap.add_argument("--kasus", type=int, default=40, help="kecamatan checked for equality at most (spread)")
    ap.add_argument("--tulis", action="store_true",
                    help="update docs/performance.md (the demo's section, or the national one for --data)")
    ap.add_argument("--anak", choices=("duckdb", "duckdb-mulai", "pandas"), help=argparse.SUPPRESS)
    ap.add_argument("--terbit", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.data = args.data.resolve()
    if args.kecamatan is None:
        w = pd.read_csv(args.data / "data" / "wilayah.csv", dtype=str)
        args.kecamatan = sorted(w.loc[w["tingkat"] == "kecamatan", "kode"])[0]
    w = pd.read_csv(args.data / "data" / "wilayah.csv", dtype=str)
    if (w["tingkat"] == "kabkota").any():       # several regions: drop the kab/kota desk's whole-region views
        global PASANGAN
        PASANGAN = tuple(p for p in PASANGAN if not p.kota_saja)
    if args.anak:
        print(json.dumps(anak(args.anak, args.data, args.terbit, dt.date.fromisoformat(args.tgl),
                              dt.date.fromisoformat(args.tgl_lama), args.kecamatan, args.ulang)))
        return
    if args.runs < 3:
        raise SystemExit("--runs minimal 3")
    args.label = "demo kota (data/)" if args.data == ROOT else f"{args.data.name} (national generator)"
    beban = [("before", _beban())]
    try:
        n_sama = periksa(args)
    except AssertionError as e:
        print(f"HASIL BERBEDA, tidak ada waktu yang dilaporkan:\n{e}", file=sys.stderr)
        raise SystemExit(1) from None
    print(f"{n_sama} perbandingan sama", flush=True)
    hasil: dict[str, list] = {"duckdb": [], "duckdb-mulai": [], "pandas": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            terbit = Path(tmp) / f"terbit-{i}"        # a fresh publish folder: the cold start validates
            for sisi in ("duckdb", "duckdb-mulai", "pandas"):
                os.environ["SIAGA_CACHE"] = str(Path(tmp) / f"cache-{i}")
                hasil[sisi].append(_jalankan_anak(sisi, args, terbit))
                print(f"run {i + 1} {sisi}: {hasil[sisi][-1]['mulai']['wall']:.2f} s, load {_beban()}", flush=True)
    beban.append(("after", _beban()))
    lines = susun(hasil, args, n_sama, beban)
    print("\n".join(lines))
    if args.tulis:
        tulis(lines, "banding" if args.data == ROOT else "banding-nasional")


if __name__ == "__main__":
    main()
