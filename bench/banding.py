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
and the demo, so the twins stay correct). As-of dates run up to voting day: after it the store
takes the re-votes' own checklist reports and receipts out of the voting-day tables, which the
twins do not (``--tgl`` and ``--tgl-lama`` later than voting day are refused).

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
    cl = pd.read_csv(d / "checklist.csv", dtype=str, keep_default_na=False, na_values=[""],
                     usecols=["waktu", "kode_tps", *BUTIR_YA, "c_pemberitahuan", "linmas", "status"])
    cl["waktu"] = pd.to_datetime(cl["waktu"], format="ISO8601")
    for k in BUTIR_YA:
        cl[k] = _ya(cl[k], f"checklist.csv {k}")
    for k in ("c_pemberitahuan", "linmas"):
        cl[k] = pd.to_numeric(cl[k])
    t["checklist"] = cl
    net = pd.read_csv(d / "netralitas.csv", dtype=str, keep_default_na=False, na_values=[""],
                      usecols=["id_kasus", "waktu", "kode_kecamatan", "status"])
    net["waktu"] = pd.to_datetime(net["waktu"], format="ISO8601")
    t["netralitas"] = net
    t["_param"] = _param(d)
    # large data (the store's rule, siaga.data.besar.mode_besar: an operational file above SIAGA_BESAR_MB,
    # default 16 MB): readiness rows are kept per kecamatan, as the store keeps them
    batas = float(os.environ.get("SIAGA_BESAR_MB", "16")) * 2**20
    t["_besar"] = any((d / f"{n}.csv").is_file() and (d / f"{n}.csv").stat().st_size > batas
                      for n in ("tps", "logistik", "checklist", "insiden", "netralitas"))
    # static per data version, as the snapshot's tps_wilayah and kebutuhan_unit tables
    t["tps_wilayah"] = _tps_wilayah(t)
    t["kebutuhan_unit"] = _kebutuhan(t, t["tps_wilayah"])
    return t


BUTIR_YA = ("kpps_dibentuk", "kpps_dilantik", "kpps_bimtek", "lokasi_siap", "akses_disabilitas", "penerangan",
            "pengamanan")       # the yes/no checklist items, in the order the score adds them


def _ya(s: pd.Series, asal: str) -> pd.Series:
    """ya/tidak as written by the demo and the generators (empty: NA). Anything else stops the
    benchmark: the twins do not validate, so they refuse what they were not written for."""
    nilai = s.map({"ya": True, "tidak": False})
    aneh = s.notna() & nilai.isna()
    if aneh.any():
        raise ValueError(f"{asal}: nilai ya/tidak tidak dikenal {s[aneh].iloc[0]!r}")
    return nilai


def _param(d: Path) -> dict:
    """The readiness parameters of the config (the snapshot's ``param`` table), read with the
    project's config reader: the weights normalised, the KPU plan's defaults filled in."""
    from siaga.inti.config import muat_wilayah

    w = muat_wilayah(d)
    k = w.kesiapan
    return {"kode_kabkota": w.kode, "hari_pemungutan": w.hari_pemungutan,
            "w_logistik": k.bobot["logistik"], "w_checklist": k.bobot["checklist"],
            "w_insiden": k.bobot["insiden"], "w_netralitas": k.bobot["netralitas"],
            "ambang_siap": k.ambang_siap, "ambang_perhatian": k.ambang_perhatian,
            "penalti": {"rendah": k.penalti_insiden["rendah"], "sedang": k.penalti_insiden["sedang"],
                        "tinggi": k.penalti_insiden["tinggi"]},
            "penalti_netralitas": k.penalti_netralitas,
            "jadwal_logistik": dict(w.jadwal.logistik), "jadwal_checklist": dict(w.jadwal.checklist)}


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


LOGISTIK_MAKS = 32    # (as-of date, scope) entries of per-unit logistics rows kept (as the store's logistik_simpan)


def _di_awalan(kode: pd.Series, awalan: str | None) -> pd.Series:
    """The places of a scope and those above it (logistik_unit's ``awalan`` test)."""
    if awalan is None:
        return pd.Series(True, index=kode.index)
    atas = {awalan[:2], awalan[:5], awalan[:8], awalan[:13]}
    return ((kode >= awalan) & (kode < awalan + "/")) | kode.isin(atas)


def _logistik_unit(t: dict, tanggal: dt.date, kecamatan: str | None = None) -> pd.DataFrame:
    """The per-unit logistics rows of one date for the whole region (``kabkota``) and every kecamatan,
    or for one kecamatan from its own places only, computed once per date and scope and kept like
    the store keeps ``logistik_simpan``: the pandas side gets the same cache as the DuckDB side."""
    simpan = t.setdefault("_logistik", {})
    if (tanggal, kecamatan) in simpan:
        return simpan[(tanggal, kecamatan)]
    hari = pd.Timestamp(tanggal)
    log = t["logistik"]
    sampai = log[log["waktu"] < hari + SATU_HARI]
    tanda_terima = len(sampai)              # the whole region's receipts (logistik_ringkas.tanda_terima)
    sampai = sampai[_di_awalan(sampai["kode_lokasi"], kecamatan)]
    terima = sampai.groupby(["tahap", "kode_lokasi", "kode_item"], as_index=False).agg(
        diterima=("jumlah_diterima", "sum"), rusak=("jumlah_rusak", "sum"), terakhir=("waktu", "max"))
    keb = t["kebutuhan_unit"]
    u = keb[_di_awalan(keb["kode_lokasi"], kecamatan)].merge(terima, on=["tahap", "kode_lokasi", "kode_item"],
                                                             how="left")
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
    out.attrs["tanda_terima"] = tanda_terima
    while len(simpan) >= LOGISTIK_MAKS:
        simpan.pop(next(iter(simpan)))
    simpan[(tanggal, kecamatan)] = out
    return out


def pd_logistik_ringkas(t: dict, tanggal: dt.date, kecamatan: str | None = None) -> pd.DataFrame:
    """Twin of queries/logistik_ringkas.sql (the unit's row of logistik_wilayah over logistik_unit)."""
    w = _logistik_unit(t, tanggal, kecamatan)
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


# ------------------------------------------------------------------ readiness: the model macros' twins

def _di(kode: pd.Series, awalan: str) -> pd.Series:
    """``kode >= awalan AND kode < awalan || '/'``: the unit itself and the codes under it."""
    return (kode == awalan) | kode.str.startswith(awalan + ".", na=False)


def _di_bawah(kode: pd.Series, awalan: str) -> pd.Series:
    """``kode > awalan || '.' AND kode < awalan || '/'``: the codes under the unit."""
    return kode.str.startswith(awalan + ".", na=False) & (kode != awalan + ".")


def _logistik_lokasi(t: dict, tanggal: dt.date, awalan: str | None = None) -> pd.DataFrame:
    """Twin of logistik_unit(tanggal, awalan): completeness per place, stage and item."""
    hari = pd.Timestamp(tanggal)
    log = t["logistik"]
    log = log[log["waktu"] < hari + SATU_HARI]
    ku = t["kebutuhan_unit"]
    if awalan is not None:
        atas = {awalan[:2], awalan[:5], awalan[:8], awalan[:13]}
        log = log[_di(log["kode_lokasi"], awalan) | log["kode_lokasi"].isin(atas)]
        ku = ku[_di(ku["kode_lokasi"], awalan) | ku["kode_lokasi"].isin(atas)]
    terima = log.groupby(["tahap", "kode_lokasi", "kode_item"], as_index=False).agg(
        diterima=("jumlah_diterima", "sum"), rusak=("jumlah_rusak", "sum"))
    u = ku.merge(terima, on=["tahap", "kode_lokasi", "kode_item"], how="left")
    tersedia = np.minimum((u["diterima"] - u["rusak"]).fillna(0).clip(lower=0), u["kebutuhan"])
    u["lengkap"] = np.where(u["kebutuhan"] == 0, 1.0, tersedia / u["kebutuhan"].where(u["kebutuhan"] != 0))
    return u[["tahap", "kode_lokasi", "kode_item", "lengkap"]]


def _logistik_tps(t: dict, tanggal: dt.date, awalan: str | None = None) -> pd.DataFrame:
    """Twin of logistik_tps: per TPS the least-advanced item (best stage × its completeness)."""
    u = _logistik_lokasi(t, tanggal, awalan)
    x = u[u["tahap"] == "tps"].rename(columns={"kode_lokasi": "kode_tps", "lengkap": "di_tps"}).drop(columns="tahap")
    x = x.merge(t["tps_wilayah"][["kode_tps", "kode_kelurahan", "kode_kecamatan"]], on="kode_tps")
    x["kode_gudang"] = x["kode_kecamatan"].str[:5]
    for tahap, kolom in (("pps", "kode_kelurahan"), ("ppk", "kode_kecamatan"), ("gudang", "kode_gudang")):
        s = u.loc[u["tahap"] == tahap, ["kode_lokasi", "kode_item", "lengkap"]]
        x = x.merge(s.rename(columns={"kode_lokasi": kolom, "lengkap": tahap}), on=[kolom, "kode_item"])
    x["posisi"] = np.maximum.reduce([1.00 * x["di_tps"], 0.75 * x["pps"], 0.50 * x["ppk"], 0.25 * x["gudang"]])
    x["lengkap_di_tps"] = x["di_tps"] >= 1
    g = x.groupby("kode_tps").agg(skor_logistik=("posisi", "min"), item_lengkap_di_tps=("lengkap_di_tps", "sum"),
                                  jumlah_item=("posisi", "size"))
    g["skor_logistik"] = 100 * g["skor_logistik"]
    return g.reset_index()


def _checklist_tps(t: dict, tanggal: dt.date, awalan: str | None = None) -> pd.DataFrame:
    """Twin of checklist_tps: the latest report per TPS and its score (0 without a report)."""
    cl = t["checklist"]
    cl = cl[cl["waktu"] < pd.Timestamp(tanggal) + SATU_HARI]
    tw = t["tps_wilayah"][["kode_tps", "dpt"]]
    if awalan is not None:
        cl = cl[_di_bawah(cl["kode_tps"], awalan)]
        tw = tw[_di_bawah(tw["kode_tps"], awalan)]
    akhir = cl.sort_values(["kode_tps", "waktu"]).drop_duplicates("kode_tps", keep="last")
    c = tw.merge(akhir, on="kode_tps", how="left").rename(columns={"waktu": "waktu_laporan"})
    jumlah = 0
    for k in BUTIR_YA:
        c[k] = c[k].fillna(False).astype(bool)
        jumlah = jumlah + c[k].astype("int64")
    for k in ("c_pemberitahuan", "linmas"):
        c[k] = c[k].fillna(0).astype("int64")
    dpt = c["dpt"].where(c["dpt"] != 0)
    pemberitahuan = np.where(c["dpt"] == 0, 1.0, np.minimum(c["c_pemberitahuan"] / dpt, 1.0))
    c["skor_checklist"] = 100 * (jumlah + pemberitahuan + np.minimum(c["linmas"], 2) / 2.0) / 9.0
    return c


def _insiden_asof(t: dict, tanggal: dt.date, awalan: str | None = None) -> pd.DataFrame:
    """Twin of insiden_asof (the columns readiness uses): the latest row of every incident."""
    hari = pd.Timestamp(tanggal)
    ins = t["insiden"]
    if awalan is not None:       # every row of an incident ever placed in the unit (it may have moved)
        ins = ins[ins["id_insiden"].isin(ins.loc[_di(ins["kode_kecamatan"], awalan), "id_insiden"])]
    ins = ins[ins["waktu"] < hari + SATU_HARI]
    a = ins.sort_values(["id_insiden", "waktu"]).drop_duplicates("id_insiden", keep="last")
    a = a[a["kategori"].isin(t["kategori_insiden"]["kode_kategori"])]
    if awalan is not None:
        a = a[_di(a["kode_kecamatan"], awalan)]
    a = a[["id_insiden", "kode_kecamatan", "kode_kelurahan", "kode_tps", "keparahan", "status", "batas_waktu"]].copy()
    a["terbuka"] = a["status"] != "selesai"
    a["terlambat"] = a["terbuka"] & (a["batas_waktu"] < hari)
    pen = t["_param"]["penalti"]
    a["penalti"] = np.select([~a["terbuka"], a["keparahan"] == "tinggi", a["keparahan"] == "sedang"],
                             [0.0, pen["tinggi"], pen["sedang"]], pen["rendah"])
    return a


def _netralitas_terbuka(t: dict, tanggal: dt.date, awalan: str | None = None) -> pd.Series:
    """Open neutrality cases per kecamatan (netralitas_asof, terbuka)."""
    net = t["netralitas"]
    if awalan is not None:
        net = net[net["id_kasus"].isin(net.loc[_di(net["kode_kecamatan"], awalan), "id_kasus"])]
    net = net[net["waktu"] < pd.Timestamp(tanggal) + SATU_HARI]
    a = net.sort_values(["id_kasus", "waktu"]).drop_duplicates("id_kasus", keep="last")
    if awalan is not None:
        a = a[_di(a["kode_kecamatan"], awalan)]
    a = a[~a["status"].isin(["selesai", "tidak_terbukti"])]
    return a.groupby("kode_kecamatan").size().rename("netralitas_terbuka")


def _komponen_tps(t: dict, tanggal: dt.date, awalan: str | None = None) -> pd.DataFrame:
    """Twin of komponen_tps(tanggal, awalan): readiness components per TPS before weighting."""
    tw = t["tps_wilayah"]
    if awalan is not None:
        tw = tw[_di_bawah(tw["kode_tps"], awalan)]
    ins = _insiden_asof(t, tanggal, awalan)
    ins = ins[ins["terbuka"] & ins["kode_tps"].notna()]
    per_tps = ins.assign(serius=ins["keparahan"] == "tinggi").groupby("kode_tps").agg(
        insiden_terbuka=("id_insiden", "size"), insiden_serius=("serius", "sum"),
        insiden_terlambat=("terlambat", "sum"), penalti_insiden=("penalti", "sum"))
    c = _checklist_tps(t, tanggal, awalan)[["kode_tps", "skor_checklist", "status", "waktu_laporan",
                                            "c_pemberitahuan"]].rename(columns={"status": "status_laporan"})
    k = (tw[["kode_tps", "kode_kelurahan", "nama_kelurahan", "kode_kecamatan", "nama_kecamatan", "nomor_tps", "dpt"]]
         .merge(_logistik_tps(t, tanggal, awalan), on="kode_tps", how="left")
         .merge(c, on="kode_tps")
         .merge(per_tps, left_on="kode_tps", right_index=True, how="left")
         .merge(_netralitas_terbuka(t, tanggal, awalan), left_on="kode_kecamatan", right_index=True, how="left"))
    k["skor_logistik"] = k["skor_logistik"].fillna(0.0)
    k["logistik_lengkap"] = (k["item_lengkap_di_tps"] == k["jumlah_item"]) & k["jumlah_item"].notna()
    for kol in ("insiden_terbuka", "insiden_serius", "insiden_terlambat", "netralitas_terbuka"):
        k[kol] = k[kol].fillna(0).astype("int64")
    k["penalti_insiden"] = k["penalti_insiden"].fillna(0.0)
    return k


def pd_ikhtisar_tps(t: dict, tanggal: dt.date, kecamatan: str) -> pd.DataFrame:
    """Twin of queries/ikhtisar_tps.sql: the TPS of one kecamatan, least ready first (only the
    kecamatan's places are read, as the query's ``awalan`` does)."""
    k = _komponen_tps(t, tanggal, kecamatan)
    k = k[k["kode_kecamatan"] == kecamatan]
    k = k.assign(_urut=(k["skor_logistik"] + k["skor_checklist"]) / 2).sort_values(["_urut", "kode_tps"])
    return k[["kode_tps", "nomor_tps", "kode_kelurahan", "nama_kelurahan", "dpt", "skor_logistik",
              "logistik_lengkap", "skor_checklist", "status_laporan", "waktu_laporan", "insiden_terbuka",
              "insiden_serius"]].reset_index(drop=True)


def _bulat(x):
    """DuckDB's round() of a DOUBLE to a whole number: half away from zero (scores are ≥ 0)."""
    return np.floor(np.asarray(x, dtype="float64") + 0.5)


def _level(skor, rencana: float, p: dict):
    """Twin of level_kesiapan (NULL score: rawan, as the CASE falls through)."""
    s = _bulat(skor)
    return np.where(s >= _bulat(p["ambang_siap"] * rencana / 100), "siap",
                    np.where(s >= _bulat(p["ambang_perhatian"] * rencana / 100), "perlu_perhatian", "rawan"))


def _rencana(p: dict, tanggal: dt.date) -> dict:
    """Twin of rencana_kesiapan(tanggal): the KPU plan on one day."""
    sebelum = (p["hari_pemungutan"] - tanggal).days
    jl = p["jadwal_logistik"]
    logistik = next((nilai for tahap, nilai in (("tps", 100.0), ("pps", 75.0), ("ppk", 50.0), ("gudang", 25.0))
                     if sebelum <= jl[tahap]), 0.0)
    jc = p["jadwal_checklist"]
    checklist = 100.0 * sum(int(sebelum <= jc[b]) for b in (
        "kpps_dibentuk", "kpps_dilantik", "kpps_bimtek", "lokasi_siap", "akses_disabilitas", "penerangan",
        "pengamanan", "c_pemberitahuan", "linmas")) / 9
    return {"rencana_logistik": logistik, "rencana_checklist": checklist,
            "rencana": p["w_logistik"] * logistik + p["w_checklist"] * checklist
            + 100 * (p["w_insiden"] + p["w_netralitas"])}


KESIAPAN_MAKS = 32       # (date, scope) entries of readiness rows kept (as the store's kesiapan_simpan)
KESIAPAN_MAKS_BESAR = 2  # of which whole-region dates of large data (the store's KESIAPAN_MAKS_BESAR)


def _kesiapan_wilayah(t: dict, tanggal: dt.date, awalan: str | None = None) -> pd.DataFrame:
    """Twin of kesiapan_wilayah(tanggal, awalan): every kecamatan, kelurahan and TPS (of the
    kecamatan ``awalan`` only, from its own places), computed once per date and scope and kept as
    the store keeps ``kesiapan_simpan`` (Snapshot.siapkan_kesiapan): a city keeps the whole region's
    rows, large data a kecamatan's own unless the whole region's rows of the date are held."""
    simpan = t.setdefault("_kesiapan", {})
    kunci = (tanggal, awalan if t["_besar"] else None)
    for k in ((tanggal, None), kunci):
        if k in simpan:
            return simpan[k]
    p = t["_param"]
    k = _komponen_tps(t, tanggal, kunci[1])
    k["_bermasalah"] = k["status_laporan"] == "bermasalah"
    k["_ld"], k["_cd"] = k["skor_logistik"] * k["dpt"], k["skor_checklist"] * k["dpt"]

    def satuan(kunci: str) -> pd.DataFrame:
        g = k.groupby(kunci).agg(
            nama_kelurahan=("nama_kelurahan", "first"), kode_kecamatan=("kode_kecamatan", "first"),
            nama_kecamatan=("nama_kecamatan", "first"), jumlah_tps=("kode_tps", "size"), dpt=("dpt", "sum"),
            c_pemberitahuan=("c_pemberitahuan", "sum"), tps_logistik_lengkap=("logistik_lengkap", "sum"),
            tps_bermasalah=("_bermasalah", "sum"), ld=("_ld", "sum"), cd=("_cd", "sum"),
            l_rata=("skor_logistik", "mean"), c_rata=("skor_checklist", "mean"),
            netralitas_terbuka=("netralitas_terbuka", "max"))
        dpt = g["dpt"].where(g["dpt"] != 0)
        g["skor_logistik"] = (g["ld"] / dpt).fillna(g["l_rata"])
        g["skor_checklist"] = (g["cd"] / dpt).fillna(g["c_rata"])
        return g.rename_axis("kode").reset_index()
    kec = satuan("kode_kecamatan").assign(tingkat="kecamatan", kode_induk=p["kode_kabkota"])
    kec["nama"] = kec["nama_kecamatan"]
    kel = satuan("kode_kelurahan").assign(tingkat="kelurahan")
    kel["nama"], kel["kode_induk"] = kel["nama_kelurahan"], kel["kode_kecamatan"]
    tps = k.assign(tingkat="tps", kode=k["kode_tps"], nama="TPS " + k["nomor_tps"].astype(str).str.zfill(3),
                   kode_induk=k["kode_kelurahan"], jumlah_tps=1,
                   tps_logistik_lengkap=k["logistik_lengkap"].astype("int64"),
                   tps_bermasalah=k["_bermasalah"].astype("float64").where(k["status_laporan"].notna()))
    kolom = ["tingkat", "kode", "nama", "kode_induk", "kode_kecamatan", "nama_kecamatan", "jumlah_tps", "dpt",
             "c_pemberitahuan", "tps_logistik_lengkap", "tps_bermasalah", "skor_logistik", "skor_checklist",
             "netralitas_terbuka"]
    u = pd.concat([kec[kolom], kel[kolom], tps[kolom]], ignore_index=True)
    ins = _insiden_asof(t, tanggal, kunci[1])
    ins = ins[ins["terbuka"]].assign(serius=lambda d: d["keparahan"] == "tinggi")
    pen = pd.concat([ins.dropna(subset=[kunci]).groupby(kunci).agg(
        insiden_terbuka=("id_insiden", "size"), insiden_serius=("serius", "sum"),
        insiden_terlambat=("terlambat", "sum"), penalti=("penalti", "sum"))
        .rename_axis("kode").reset_index().assign(tingkat=tingkat)
        for tingkat, kunci in (("kecamatan", "kode_kecamatan"), ("kelurahan", "kode_kelurahan"), ("tps", "kode_tps"))],
        ignore_index=True)
    u = u.merge(pen, on=["tingkat", "kode"], how="left")
    u["skor_insiden"] = 100 - np.minimum(100, u["penalti"].fillna(0))
    u["skor_netralitas"] = np.where(u["tingkat"] == "kecamatan",
                                    100 - np.minimum(100, u["netralitas_terbuka"] * p["penalti_netralitas"]), 100.0)
    for kol in ("insiden_terbuka", "insiden_serius", "insiden_terlambat"):
        u[kol] = u[kol].fillna(0).astype("int64")
    for kol in ("w_logistik", "w_checklist", "w_insiden", "w_netralitas"):
        u[kol] = p[kol]
    u["skor"] = (p["w_logistik"] * u["skor_logistik"] + p["w_checklist"] * u["skor_checklist"]
                 + p["w_insiden"] * u["skor_insiden"] + p["w_netralitas"] * u["skor_netralitas"])
    r = _rencana(p, tanggal)
    u["skor_rencana"] = r["rencana"]
    u["level"] = _level(u["skor"], r["rencana"], p)
    u = u.drop(columns="penalti")
    if kunci[1] is None:         # the whole region's rows replace the date's kecamatan rows
        for k in [k for k in simpan if k[0] == tanggal]:
            del simpan[k]
    while simpan and (len(simpan) >= KESIAPAN_MAKS or (kunci[1] is None and t["_besar"] and sum(
            k[1] is None for k in simpan) >= KESIAPAN_MAKS_BESAR)):
        simpan.pop(next(iter(simpan)) if len(simpan) >= KESIAPAN_MAKS else next(k for k in simpan if k[1] is None))
    simpan[kunci] = u
    return u


def pd_kesiapan_unit(t: dict, tanggal: dt.date, kecamatan: str | None = None) -> pd.DataFrame:
    """Twin of queries/kesiapan_unit.sql: the scope's row (the region or one kecamatan) and the
    units one level down, least ready first, over the kept readiness rows of the date."""
    p = t["_param"]
    s = _kesiapan_wilayah(t, tanggal, kecamatan)
    if kecamatan is None:
        w = s[s["tingkat"] == "kecamatan"]
    else:
        w = s[((s["tingkat"] == "kecamatan") & (s["kode"] == kecamatan))
              | ((s["tingkat"] == "kelurahan") & (s["kode_kecamatan"] == kecamatan))]
    d = t["wilayah"]
    if kecamatan is None:
        anak = d[d["tingkat"] == "kecamatan"].assign(kode_kecamatan=lambda x: x["kode"])
    else:
        anak = d[(d["tingkat"] == "kelurahan") & (d["kode_induk"] == kecamatan)].assign(
            kode_kecamatan=lambda x: x["kode_induk"])
    angka = ["jumlah_tps", "dpt", "tps_logistik_lengkap", "tps_bermasalah", "insiden_terbuka", "insiden_serius",
             "insiden_terlambat", "netralitas_terbuka"]
    skor = ["skor_logistik", "skor_checklist", "skor_insiden", "skor_netralitas"]
    unit = anak[["tingkat", "kode", "nama", "kode_kecamatan"]].merge(
        w[["tingkat", "kode", *angka, *skor, "skor", "level"]], on=["tingkat", "kode"], how="left", indicator=True)
    ada = unit["_merge"] == "both"
    urut = unit[ada].sort_values(["skor", "kode"])
    unit["peringkat"] = pd.Series(np.arange(1, len(urut) + 1), index=urut.index).reindex(unit.index)
    unit[angka] = unit[angka].fillna(0).astype("int64")
    unit = unit.drop(columns="_merge").assign(lingkup=False)
    bagian = []
    if kecamatan is None:
        dpt = w["dpt"].sum()
        baris = {"lingkup": True, "tingkat": "kabkota", "kode": p["kode_kabkota"], "nama": None,
                 "kode_kecamatan": None, "peringkat": np.nan, "level": None}
        baris |= {k: int(w[k].sum()) for k in angka}
        for k in [*skor, "skor"]:
            baris[k] = (w[k] * w["dpt"]).sum() / dpt if dpt != 0 else np.nan
        if baris["jumlah_tps"] > 0:
            bagian.append(pd.DataFrame([baris]))
    else:
        kec = w[w["tingkat"] == "kecamatan"]
        bagian.append(kec[["tingkat", "kode", "nama", "kode_kecamatan", *angka, *skor, "skor", "level"]]
                      .assign(lingkup=True, peringkat=np.nan))
    out = pd.concat([*bagian, unit], ignore_index=True)
    for kol in ("w_logistik", "w_checklist", "w_insiden", "w_netralitas"):
        out[kol] = p[kol]
    r = _rencana(p, tanggal)
    out["skor_rencana"], out["rencana_logistik"], out["rencana_checklist"] = (
        r["rencana"], r["rencana_logistik"], r["rencana_checklist"])
    kota = out["lingkup"] & (out["tingkat"] == "kabkota") & out["skor"].notna()
    out.loc[kota, "level"] = _level(out.loc[kota, "skor"], r["rencana"], p)
    out = out.sort_values(["lingkup", "peringkat", "kode"], ascending=[False, True, True], na_position="last")
    return out[["lingkup", "tingkat", "kode", "nama", "kode_kecamatan", "peringkat", "jumlah_tps", "dpt",
                "tps_logistik_lengkap", "tps_bermasalah", "skor_logistik", "skor_checklist", "skor_insiden",
                "skor_netralitas", "insiden_terbuka", "insiden_serius", "insiden_terlambat", "netralitas_terbuka",
                "w_logistik", "w_checklist", "w_insiden", "w_netralitas", "skor", "skor_rencana",
                "rencana_logistik", "rencana_checklist", "level"]].reset_index(drop=True)


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
    # a kab/kota desk's whole-region list: on national data every incident of the nation (342.570 as of
    # 25 November), whose final sort does not fit in the app's 400 MB, and no page of the national desk
    Pasangan("daftar insiden · seluruh wilayah", "insiden_daftar",
             lambda t, tgl, kec: pd_insiden_daftar(t, tgl, None),
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": None, "kelurahan": None, "mulai": None},
             ("id_insiden",), kota_saja=True),
    Pasangan("kesiapan · satu kecamatan", "kesiapan_unit", pd_kesiapan_unit,
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": kec}, ("lingkup", "kode")),
    Pasangan("kesiapan · seluruh wilayah", "kesiapan_unit",
             lambda t, tgl, kec: pd_kesiapan_unit(t, tgl, None),
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": None}, ("lingkup", "kode"), kota_saja=True),
    Pasangan("daftar TPS · satu kecamatan", "ikhtisar_tps", pd_ikhtisar_tps,
             lambda tgl, kec: {"tanggal": tgl, "kecamatan": kec}, ("kode_tps",)),
)


def pilih_pasangan(data: Path) -> tuple[Pasangan, ...]:
    """The pairs for the data in ``data``: without the kab/kota desk's whole-region views when
    the data hold several regions (national or provincial data have kab/kota rows)."""
    w = pd.read_csv(data / "data" / "wilayah.csv", dtype=str, usecols=["tingkat"])
    if (w["tingkat"] == "kabkota").any():
        return tuple(p for p in PASANGAN if not p.kota_saja)
    return PASANGAN


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


def periksa_sama(store, tabel: dict[str, pd.DataFrame], views: list[tuple[dt.date, str]],
                 pasangan: tuple[Pasangan, ...] | None = None) -> int:
    """Run every pair (default: :data:`PASANGAN`) on every view and compare; returns the number
    of comparisons."""
    n = 0
    for tgl, kec in views:
        for p in pasangan or PASANGAN:
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
    global PASANGAN
    PASANGAN = pilih_pasangan(args.data)
    if args.anak:
        print(json.dumps(anak(args.anak, args.data, args.terbit, dt.date.fromisoformat(args.tgl),
                              dt.date.fromisoformat(args.tgl_lama), args.kecamatan, args.ulang)))
        return
    if args.runs < 3:
        raise SystemExit("--runs minimal 3")
    from siaga.inti.config import muat_wilayah
    hari_h = muat_wilayah(args.data / "data").hari_pemungutan
    if max(dt.date.fromisoformat(args.tgl), dt.date.fromisoformat(args.tgl_lama)) > hari_h:
        raise SystemExit(f"--tgl dan --tgl-lama paling lambat hari pemungutan ({hari_h.isoformat()})")
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
