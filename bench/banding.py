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
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BERKAS = ("wilayah", "tps", "logistik", "logistik_item", "insiden", "kategori_insiden")
SATU_HARI = pd.Timedelta(days=1)


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


def pd_logistik_ringkas(t: dict[str, pd.DataFrame], tanggal: dt.date, kecamatan: str | None = None) -> pd.DataFrame:
    """Twin of queries/logistik_ringkas.sql (the unit's row of logistik_wilayah over logistik_unit)."""
    hari = pd.Timestamp(tanggal)
    log = t["logistik"]
    sampai = log[log["waktu"] < hari + SATU_HARI]
    u = _kebutuhan(t, _tps_wilayah(t))
    if kecamatan is not None:
        u = u[(u["tahap"] != "gudang") & (u["kode_kecamatan"] == kecamatan)]
    terima = sampai.groupby(["tahap", "kode_lokasi", "kode_item"], as_index=False).agg(
        diterima=("jumlah_diterima", "sum"), rusak=("jumlah_rusak", "sum"), terakhir=("waktu", "max"))
    u = u.merge(terima, on=["tahap", "kode_lokasi", "kode_item"], how="left")
    tersedia = np.minimum((u["diterima"] - u["rusak"]).fillna(0).clip(lower=0), u["kebutuhan"])
    u["kurang"] = u["kebutuhan"] - tersedia
    di_tps = u[u["tahap"] == "tps"]
    per_tps = di_tps.groupby("kode_lokasi")["kurang"].max()
    return pd.DataFrame({
        "jumlah_tps": [len(per_tps)],
        "tps_lengkap": [int((per_tps == 0).sum())],
        "kebutuhan_tps": [int(di_tps["kebutuhan"].sum())],
        "kurang_tps": [int(di_tps["kurang"].sum())],
        "rusak": [int(u["rusak"].sum())],
        "terakhir": [u["terakhir"].max()],
        "tanda_terima": [len(sampai)],
        "pertama": [log["waktu"].min()],
    })


# ------------------------------------------------------------------ the pairs

@dataclass(frozen=True)
class Pasangan:
    nama: str          # label in the tables
    query: str         # named query of queries/
    kembar: Callable   # pandas twin: (tables, tanggal, kecamatan) -> DataFrame
    params: Callable   # (tanggal, kecamatan) -> the query's parameters
    kunci: tuple[str, ...]   # columns that identify a row (sort before comparing)


PASANGAN = (
    Pasangan("daftar insiden · satu kecamatan", "insiden_daftar", pd_insiden_daftar,
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": kec, "kelurahan": None, "mulai": None},
             ("id_insiden",)),
    Pasangan("ringkasan logistik · satu kecamatan", "logistik_ringkas", pd_logistik_ringkas,
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": kec}, ()),
    Pasangan("ringkasan logistik · seluruh wilayah", "logistik_ringkas",
             lambda t, tgl, kec: pd_logistik_ringkas(t, tgl, None),
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": None}, ()),
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


def kasus(tabel: dict[str, pd.DataFrame], tanggal: list[dt.date] | None = None) -> list[tuple[dt.date, str]]:
    """The (date, kecamatan) views checked: a few dates across the campaign, and every kecamatan
    on the last of them."""
    w = tabel["wilayah"]
    kec = sorted(w.loc[w["tingkat"] == "kecamatan", "kode"])
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
