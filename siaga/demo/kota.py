"""Seeded generator of the Kota Bekasi demo (``python -m siaga demo``).

Real: kecamatan/kelurahan codes and names, DPT and TPS per kecamatan, the stage schedule and the
kelurahan boundaries (``siaga/demo/referensi/``; the boundaries come in through the project's own
boundary import, the kecamatan dissolved from them, with their licence and credit). Simulated: the
TPS split and the TPS places (inside their kelurahan), logistics receipts, TPS checklists,
incidents and neutrality cases from early September to voting day. The same seed always
writes the same files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point, shape

from siaga.demo import tindak
from siaga.inti.config import CONFIG_FILE, Paths
from siaga.inti.fileio import tulis_atomik
from siaga.inti.masalah import MasalahError
from siaga.masuk import impor_batas

REF = Path(__file__).resolve().parent / "referensi"
BATAS_KELURAHAN = REF / "batas" / "kota-bekasi-kelurahan.geojson"
LISENSI_BATAS = "LICENSE-wilayah_boundaries.txt"
SEED = 20241127
KODE_KOTA = "32.75"
MULAI = dt.datetime(2024, 9, 2, 8, 0)
HARI_H = dt.date(2024, 11, 27)
AKHIR = dt.datetime(2024, 11, 27, 14, 0)     # last event: voting day, after the TPS close
BUKA_TPS = dt.datetime(2024, 11, 27, 7, 0)   # polling opens at 07.00 and closes at 13.00 (PKPU)
TUTUP_TPS = dt.datetime(2024, 11, 27, 13, 0)
KAMPANYE = (dt.date(2024, 9, 25), dt.date(2024, 11, 23))
MASA_TENANG = (dt.date(2024, 11, 24), dt.date(2024, 11, 26))
# Lagging kecamatan and how many days late their operations run.
LAMBAT = {"32.75.07": 2.5, "32.75.11": 2.0, "32.75.03": 1.5}
RAWAN_BANJIR = {"32.75.09": 0.25, "32.75.03": 0.18, "32.75.06": 0.15, "32.75.01": 0.12,
                "32.75.05": 0.10, "32.75.08": 0.10, "32.75.02": 0.08}

KESIAPAN_TOML = """\
[kesiapan.bobot]               # relative weights, normalised to sum to 1
logistik = 40
checklist = 40
insiden = 20
netralitas = 0                 # ASN neutrality cases: their own indicator, not part of TPS readiness

[kesiapan.level]               # percent of the score the KPU plan asks for on the date ([jadwal]):
siap = 85                      # >= 85 % of the plan: siap
perhatian = 70                 # >= 70 %: perlu perhatian; below: rawan

"""
PENALTI_TOML = """\
[kesiapan.penalti]             # points off the 0..100 component per open item
insiden_rendah = 1
insiden_sedang = 5
insiden_tinggi = 15
netralitas = 15                # used only if [kesiapan.bobot] netralitas > 0
"""
JADWAL_TOML = """\

# The KPU plan, in days before voting day (H-n): by when the logistics are at each stage of the
# chain, and by when each TPS checklist item is due. Readiness levels are judged against it.
[jadwal.logistik]
gudang = 10                    # every item at the KPU kota warehouse by H-10
ppk = 4                        # at the PPK (kecamatan) by H-4
pps = 2                        # at the PPS (kelurahan) by H-2
tps = 1                        # at every TPS by H-1

[jadwal.checklist]
kpps_dibentuk = 22
kpps_dilantik = 14
kpps_bimtek = 5
linmas = 4
c_pemberitahuan = 3            # C-Pemberitahuan delivered to voters by H-3
pengamanan = 2
lokasi_siap = 1
akses_disabilitas = 1
penerangan = 1
"""
PARTISIPASI_TOML = """\

# Turnout target and reference (the Kesiapan partisipasi / Partisipasi pemilih card).
# EXAMPLE VALUES for the demo: replace them with the region's own target and its previous result.
[partisipasi]
target = 75
acuan = 70
label_acuan = "contoh acuan Pilkada sebelumnya"
# Cumulative turnout (% of DPT) at 07.00, 08.00 … 13.00 in the reference election (voting-day comparison).
kurva_acuan = [0, 7, 20, 36, 51, 62, 70]
"""

CONFIG = """\
# Siaga Pilkada — region configuration (Kota Bekasi demo).
# Data operasional pada demo ini adalah SIMULASI; kode, nama wilayah, DPT dan TPS per kecamatan nyata.

[wilayah]
kode = "32.75"                 # Kemendagri code of the kab/kota
nama = "Kota Bekasi"
provinsi = "Jawa Barat"
zona_waktu = "WIB"             # WIB | WITA | WIT
hari_pemungutan = 2024-11-27   # voting day (hari H)
batas_logistik = 2024-11-26    # logistics complete at every TPS (H-1)
simulasi = true                # show the "simulated data" notice
sumber_data = "Demo Siaga Pilkada: wilayah dan DPT/TPS nyata (KPU Kota Bekasi, 20 September 2024); \
operasi disimulasikan."

[peta]
batas_perkiraan = false        # real kelurahan boundaries; the kecamatan are dissolved from them
sumber_batas = "cahyadsn/wilayah_boundaries (© 2024 Cahya DSN, lisensi MIT)"

""" + KESIAPAN_TOML + PENALTI_TOML + JADWAL_TOML + PARTISIPASI_TOML

ITEMS = [
    # kode, nama, satuan, per_tps, per_pemilih, cadangan %, gudang window (start, end)
    ("SS_GUB", "Surat suara Gubernur dan Wakil Gubernur", "lembar", 0, 1, 2.5, ((10, 28), (11, 10))),
    ("SS_WK", "Surat suara Wali Kota dan Wakil Wali Kota", "lembar", 0, 1, 2.5, ((10, 30), (11, 12))),
    ("KOTAK", "Kotak suara", "buah", 2, 0, 0, ((9, 30), (10, 18))),
    ("BILIK", "Bilik suara", "buah", 4, 0, 0, ((9, 30), (10, 18))),
    ("TINTA", "Tinta", "botol", 2, 0, 0, ((10, 7), (10, 31))),
    ("SEGEL", "Segel", "lembar", 30, 0, 0, ((10, 7), (10, 31))),
    ("ALAT", "Alat coblos dan alas coblos", "set", 4, 0, 0, ((10, 7), (10, 31))),
    ("FORM_C", "Formulir model C dan lampirannya", "set", 2, 0, 0, ((10, 21), (11, 8))),
    ("SAMPUL", "Sampul kertas", "set", 2, 0, 0, ((10, 7), (10, 31))),
    ("BRAILLE", "Template braille", "buah", 2, 0, 0, ((10, 21), (11, 8))),
]

KATEGORI = [
    ("politik_uang", "Politik uang", "pelanggaran"),
    ("sara_hoaks", "SARA dan hoaks di media sosial", "konflik"),
    ("intimidasi", "Intimidasi", "konflik"),
    ("gangguan_keamanan", "Konflik atau gangguan keamanan", "konflik"),
    ("pelanggaran_apk", "Pelanggaran alat peraga kampanye (APK)", "pelanggaran"),
    ("data_pemilih", "Masalah data pemilih", "pemilih"),
    ("logistik", "Kekurangan atau kerusakan logistik", "logistik"),
    ("bencana_banjir", "Bencana atau banjir", "lainnya"),
    ("netralitas_penyelenggara", "Netralitas penyelenggara", "pelanggaran"),
    ("pelayanan_publik", "Gangguan pelayanan publik", "pelayanan_publik"),
]

OPD = ["Dinas Pendidikan", "Dinas Kesehatan", "Dinas Perhubungan", "Satpol PP", "Dinas Sosial",
       "Dinas Lingkungan Hidup", "Bapenda", "RSUD", "Dinas Kependudukan dan Pencatatan Sipil", "Kecamatan", "Kelurahan"]


# ---------------------------------------------------------------- helpers

def _d(month: int, day: int, hour: float = 8.0) -> dt.datetime:
    return dt.datetime(2024, month, day) + dt.timedelta(hours=hour)


def _ts(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def _csv(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    w.writeheader()
    for r in rows:
        w.writerow({k: _cell(r.get(k)) for k in columns})
    return buf.getvalue()


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, dt.datetime):
        return _ts(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return f"{v:.5f}".rstrip("0").rstrip(".")
    return str(v)


def _clamp_time(t: dt.datetime) -> dt.datetime | None:
    return t if t <= AKHIR else None


@dataclass
class Demo:
    rng: np.random.Generator
    kec: pd.DataFrame
    kel: pd.DataFrame
    titik: np.random.Generator       # TPS places: a stream of their own, so operations never depend on them

    def lag(self, kode_kec: str) -> float:
        return LAMBAT.get(kode_kec, 0.0)

    def jitter(self, base: dt.datetime, hours: float) -> dt.datetime:
        return base + dt.timedelta(hours=float(self.rng.uniform(0, hours)))


# ---------------------------------------------------------------- geometry

def impor_batas_demo(wilayah_csv: str, config: str) -> tuple[dict[str, bytes], dict[str, shapely.Geometry]]:
    """The real kelurahan boundaries (``referensi/batas``) through the project's own boundary import,
    as a desk would bring them in (``python -m siaga impor kota-bekasi-kelurahan.geojson --jenis batas
    --turunkan-kecamatan``), checked against the demo's ``wilayah.csv`` in a scratch folder: the
    canonical ``kelurahan.geojson`` and ``kecamatan.geojson`` (dissolved from the kelurahan) as bytes,
    and the kelurahan polygons as drawn, by Kemendagri code (TPS and incidents are placed inside them)."""
    with tempfile.TemporaryDirectory(prefix="siaga-demo-") as tmp:
        paths = Paths(Path(tmp) / "data", Path(tmp) / "geo")
        paths.data.mkdir()
        paths.geo.mkdir()
        (paths.data / "wilayah.csv").write_text(wilayah_csv, encoding="utf-8")
        (paths.data / CONFIG_FILE).write_text(config, encoding="utf-8")
        lap = impor_batas.periksa(paths, None, BATAS_KELURAHAN.name, path=BATAS_KELURAHAN, tingkat="kelurahan",
                                  turunkan=True)
    if lap.masalah:                      # the reference file is complete: any problem is a broken copy
        raise MasalahError(lap.masalah)
    berkas = {b.nama: b.isi for b in lap.berkas}
    kel = json.loads(berkas["kelurahan.geojson"])["features"]
    return berkas, {f["properties"]["kode"]: shape(f["geometry"]) for f in kel}


def _point_in(rng: np.random.Generator, poly: shapely.Geometry) -> tuple[float, float]:
    """A point inside ``poly`` as (lat, lon), 5 decimals. It takes one number from ``rng`` whatever
    the shape (the tries run on a generator of their own), so the rest of the demo does not depend
    on the boundaries' geometry."""
    sendiri = np.random.default_rng(int(rng.integers(2 ** 63)))
    minx, miny, maxx, maxy = poly.bounds
    for _ in range(500):
        x, y = round(float(sendiri.uniform(minx, maxx)), 5), round(float(sendiri.uniform(miny, maxy)), 5)
        if poly.contains(Point(x, y)):
            return y, x
    c = poly.representative_point()
    return round(c.y, 5), round(c.x, 5)


# ---------------------------------------------------------------- TPS

def _split(rng, total: int, n: int, alpha: float = 6.0) -> list[int]:
    """Split ``total`` into ``n`` positive integers (largest remainder)."""
    w = rng.dirichlet([alpha] * n) * total
    base = np.maximum(np.floor(w).astype(int), 1)
    rest = total - base.sum()
    order = np.argsort(-(w - np.floor(w)))
    i = 0
    while rest != 0:
        j = order[i % n]
        if rest > 0:
            base[j] += 1
            rest -= 1
        elif base[j] > 1:
            base[j] -= 1
            rest += 1
        i += 1
    return base.tolist()


def _dpt_split(rng, total: int, n: int, fixed: dict[int, int]) -> list[int]:
    """DPT per TPS summing exactly to ``total``, each within 150..600."""
    mean = total / n
    vals = np.clip(np.round(rng.normal(mean, 45, n)), 200, 600).astype(int)
    for i, v in fixed.items():
        vals[i] = v
    free = [i for i in range(n) if i not in fixed]
    diff = total - int(vals.sum())
    k = 0
    while diff != 0:
        i = free[int(rng.integers(len(free)))] if k > 10 * n else free[k % len(free)]
        step = 1 if diff > 0 else -1
        if 150 <= vals[i] + step <= 600:
            vals[i] += step
            diff -= step
        k += 1
    return vals.tolist()


# The stages after the rekapitulasi for the demo's status strip (Ringkasan, big screen, report): dates
# only, no random draw, so no other output changes. Sengketa at the MK is one stage as dates and a state.
TAHAPAN_AKHIR = (
    ("Penetapan pasangan calon terpilih", dt.date(2025, 1, 6), dt.date(2025, 1, 9),
     "KPU kota, bila tidak ada permohonan perselisihan hasil (tanggal simulasi)"),
    ("Perselisihan hasil pemilihan di Mahkamah Konstitusi", dt.date(2024, 12, 9), dt.date(2025, 3, 13),
     "permohonan, pemeriksaan dan putusan; tanggal dan keadaan saja (tanggal simulasi)"),
    ("Pelantikan wali kota dan wakil wali kota terpilih", dt.date(2025, 2, 20), dt.date(2025, 2, 20),
     "pelantikan serentak (tanggal simulasi)"),
)


def buat_tahapan_akhir() -> list[dict]:
    """``tahapan.csv`` rows after the rekapitulasi: penetapan, sengketa at the MK, pelantikan."""
    return [{"tahapan": t, "mulai": a.isoformat(), "selesai": b.isoformat(), "catatan": c}
            for t, a, b, c in TAHAPAN_AKHIR]


def buat_tps(d: Demo, kel_geom: dict) -> pd.DataFrame:
    rows = []
    khusus_left = {"32.75.01": ("Lembaga pemasyarakatan", 2), "32.75.04": ("Rumah sakit", 1),
                   "32.75.08": ("Rumah sakit", 1)}
    for _, k in d.kec.iterrows():
        kels = d.kel[d.kel["kode_induk"] == k["kode"]].reset_index(drop=True)
        per_kel = _split(d.rng, int(k["tps_pilkada2024"]), len(kels))
        fixed, ket = {}, {}
        if k["kode"] in khusus_left:
            label, count = khusus_left[k["kode"]]
            for j in range(count):
                idx = per_kel[0] - 1 - j   # last TPS numbers of the first kelurahan
                fixed[idx] = int(d.rng.integers(180, 420))
                ket[idx] = f"TPS khusus: {label} (simulasi)"
        dpts = _dpt_split(d.rng, int(k["dpt_pilkada2024"]), int(k["tps_pilkada2024"]), fixed)
        p_banjir = RAWAN_BANJIR.get(k["kode"], 0.04)
        i = 0
        for kl, n in zip(kels.itertuples(), per_kel):
            for nomor in range(1, n + 1):
                lat, lon = _point_in(d.titik, kel_geom[kl.kode])
                rows.append({
                    "kode_tps": f"{kl.kode}.{nomor:03d}", "kode_kelurahan": kl.kode, "nomor_tps": nomor,
                    "dpt": dpts[i], "jenis": "khusus" if i in ket else "reguler", "keterangan": ket.get(i),
                    "lat": lat, "lon": lon, "rawan_banjir": bool(d.rng.random() < p_banjir),
                    "kec": k["kode"],
                })
                i += 1
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- logistics

def _need(item, dpt: int) -> int:
    _, _, _, per_tps, per_pemilih, cad, _ = item
    return math.ceil(per_tps + per_pemilih * dpt * (1 + cad / 100.0))


def buat_logistik(d: Demo, tps: pd.DataFrame) -> list[dict]:
    rng = d.rng
    rows: list[dict] = []
    tps = tps.copy()

    def add(t, tahap, kode, item, need, got, bad=0, note=None):
        t = _clamp_time(t)
        if t is None or (got <= 0 and bad <= 0):
            return
        if tahap == "tps" and t >= TUTUP_TPS - dt.timedelta(hours=1):
            return              # too late: what had not arrived an hour before the TPS close never did
        rows.append({"waktu": t, "tahap": tahap, "kode_lokasi": kode, "kode_item": item[0],
                     "jumlah_kebutuhan": need, "jumlah_diterima": int(got), "jumlah_rusak": int(bad),
                     "catatan": note})

    kec_codes = list(d.kec["kode"])
    # PPK delivery day per kecamatan (KPU delivers to a few PPK per day from 14 November).
    ppk_day = {k: 14 + (i // 3) + d.lag(k) * 1.5 for i, k in enumerate(rng.permutation(kec_codes))}
    for item in ITEMS:
        needs_tps = {r.kode_tps: _need(item, r.dpt) for r in tps.itertuples()}
        total = sum(needs_tps.values())
        (m0, d0), (m1, d1) = item[6]
        start, end = _d(m0, d0), _d(m1, d1)
        # gudang: supplier batches; ballots get sorted/folded and damaged sheets replaced
        batches = _split(rng, total, int(rng.integers(3, 6)), alpha=3.0)
        span = (end - start).total_seconds() / 3600
        times = sorted(start + dt.timedelta(hours=float(h)) for h in rng.uniform(0, span, len(batches)))
        for t, q in zip(times, batches):
            add(t.replace(minute=0), "gudang", KODE_KOTA, item, total, q)
        if item[4] > 0:  # ballots: damage found during sortir-lipat, replaced later
            rusak = int(total * rng.uniform(0.002, 0.005))
            add(_d(11, 13, 15), "gudang", KODE_KOTA, item, total, 0, rusak,
                "hasil sortir dan lipat: surat suara rusak dipisahkan")
            add(_d(11, int(rng.integers(15, 18)), 10), "gudang", KODE_KOTA, item, total, rusak, 0,
                "pengganti surat suara rusak dari percetakan")
        # PPK, PPS, TPS
        for k in kec_codes:
            tk = tps[tps["kec"] == k]
            need_k = int(sum(needs_tps[c] for c in tk["kode_tps"]))
            day = ppk_day[k] + (1.5 if item[4] > 0 else 0)
            t_ppk = _d(11, 1) + dt.timedelta(days=day - 1, hours=float(rng.uniform(0, 8)))
            add(t_ppk, "ppk", k, item, need_k, need_k)
            lag = d.lag(k)
            for kel_code, tkel in tk.groupby("kode_kelurahan", sort=True):
                need_l = int(sum(needs_tps[c] for c in tkel["kode_tps"]))
                t_pps = t_ppk + dt.timedelta(days=float(rng.uniform(2.5, 4.0) + lag * 0.5))
                t_pps = min(t_pps, _d(11, 26 if lag else 25, rng.uniform(8, 20)))   # lagging PPS slip to H-1
                short = 0
                if lag and rng.random() < 0.35:
                    short = int(need_l * rng.uniform(0.01, 0.04))
                add(t_pps, "pps", kel_code, item, need_l, need_l - short, 0,
                    "kurang, menunggu kiriman susulan dari PPK" if short else None)
                if short:
                    add(t_pps + dt.timedelta(days=float(rng.uniform(0.5, 1.5))), "pps", kel_code, item, need_l,
                        short, 0, "kiriman susulan")
                for r in tkel.itertuples():
                    need = needs_tps[r.kode_tps]
                    if item[0] in ("KOTAK", "BILIK", "ALAT"):
                        base = _d(11, 25, 9)
                    else:
                        base = _d(11, 26, 8)
                    t = base + dt.timedelta(hours=float(rng.uniform(0, 10) + lag * rng.uniform(2, 6)))
                    missing = 0
                    if lag and rng.random() < 0.02 * lag:
                        missing = max(1, int(need * rng.uniform(0.1, 0.6)))
                    bad = 0
                    if rng.random() < 0.004:
                        bad = int(rng.integers(1, max(2, min(6, need))))
                    note = None
                    if missing:
                        note = "jumlah kurang dari kebutuhan, sudah dilaporkan ke PPS"
                    elif bad:
                        note = f"{bad} {item[2]} rusak saat diterima KPPS"
                    add(t, "tps", r.kode_tps, item, need, need - missing, bad, note)
                    # replacements and late deliveries: usually within hours, less often where the chain lags
                    if bad and rng.random() < (0.6 if lag else 0.95):
                        add(t + dt.timedelta(hours=float(rng.uniform(2, 12))), "tps", r.kode_tps, item, need, bad, 0,
                            "pengganti barang rusak")
                    if missing and rng.random() < 0.8:
                        add(t + dt.timedelta(hours=float(rng.uniform(6, 30))), "tps", r.kode_tps, item, need, missing,
                            0, "kiriman susulan dari PPS")
    rows.sort(key=lambda r: (r["waktu"], r["tahap"], r["kode_lokasi"], r["kode_item"]))
    # keys are (waktu, tahap, kode_lokasi, kode_item): nudge exact collisions by a minute
    seen = set()
    for r in rows:
        key = (r["waktu"], r["tahap"], r["kode_lokasi"], r["kode_item"])
        while key in seen:
            r["waktu"] += dt.timedelta(minutes=1)
            key = (r["waktu"], r["tahap"], r["kode_lokasi"], r["kode_item"])
        seen.add(key)
    return rows


# ---------------------------------------------------------------- checklist

BANJIR_HARI = [(11, 8), (11, 18), (11, 25), (11, 26)]


def buat_checklist(d: Demo, tps: pd.DataFrame) -> list[dict]:
    rng = d.rng
    rows = []
    for r in tps.itertuples():
        lag = d.lag(r.kec)
        m = {
            "kpps_dibentuk": _d(10, 20) + dt.timedelta(days=float(rng.uniform(0, 12) + lag)),
            "kpps_dilantik": _d(11, 4) + dt.timedelta(days=float(rng.uniform(0, 4) + lag * 1.5)),
            "kpps_bimtek": _d(11, 8) + dt.timedelta(days=float(rng.uniform(0, 12) + lag * 2)),
            "linmas1": _d(11, 10) + dt.timedelta(days=float(rng.uniform(0, 10) + lag)),
            "linmas2": _d(11, 12) + dt.timedelta(days=float(rng.uniform(0, 11) + lag * 1.5)),
            "pengamanan": _d(11, 18) + dt.timedelta(days=float(rng.uniform(0, 7) + lag)),
            "lokasi_siap": _d(11, 25, 8) + dt.timedelta(hours=float(rng.uniform(0, 30) + lag * 10)),
        }
        m["penerangan"] = m["lokasi_siap"] + dt.timedelta(hours=float(rng.uniform(0, 12)))
        no_light = rng.random() < 0.01
        no_access = rng.random() < (0.04 if lag else 0.02)
        flooded = bool(r.rawan_banjir) and rng.random() < 0.25
        c_final = rng.uniform(0.80, 0.95) if lag else rng.uniform(0.93, 1.0)
        # C-Pemberitahuan delivered by H-3 (24 Nov) where the chain is on time, up to H-1 where it lags
        c_start, c_end = _d(11, 17) + dt.timedelta(days=lag), _d(11, 24, 18) + dt.timedelta(days=min(lag, 2.0))
        first = _d(10, 28) + dt.timedelta(days=float(rng.uniform(0, 6)))
        step = (4.0, 7.0) if lag else (3.0, 5.0)
        times, t = [], first
        while t < _d(11, 25):
            times.append(t)
            t += dt.timedelta(days=float(rng.uniform(*step)))
        # the last report on voting day morning, before the TPS opens at 07.00
        # the H-3 check on the evening of 24 November (C-Pemberitahuan due), then daily to voting day
        times += [_d(11, 24, rng.uniform(18.5, 22)), _d(11, 25, rng.uniform(15, 21)), _d(11, 26, rng.uniform(15, 22)),
                  _d(11, 27, rng.uniform(5, 6.9))]
        times = sorted(times)
        for t in times:
            frac = min(max((t - c_start) / (c_end - c_start), 0.0), 1.0)
            c = int(r.dpt * c_final * frac)
            linmas = int(t >= m["linmas1"]) + int(t >= m["linmas2"])
            state = {k: t >= m[k] for k in ("kpps_dibentuk", "kpps_dilantik", "kpps_bimtek", "pengamanan")}
            lokasi = t >= m["lokasi_siap"]
            banjir_now = flooded and any(abs((t.date() - dt.date(2024, mo, da)).days) <= 0 for mo, da in BANJIR_HARI)
            if banjir_now:
                lokasi = False
            row = {"waktu": t.replace(second=0, microsecond=0), "kode_tps": r.kode_tps, **state,
                   "lokasi_siap": lokasi, "akses_disabilitas": lokasi and not no_access,
                   "penerangan": lokasi and t >= m["penerangan"] and not no_light,
                   "c_pemberitahuan": c, "linmas": linmas}
            complete = all(row[k] for k in ("kpps_dibentuk", "kpps_dilantik", "kpps_bimtek", "lokasi_siap",
                                            "pengamanan", "penerangan")) and linmas >= 2 and c >= 0.9 * r.dpt
            if banjir_now:
                row["status"], row["catatan"] = "bermasalah", "lokasi tergenang air, disiapkan lokasi alternatif"
            elif lokasi and (no_light or no_access) and t.date() >= dt.date(2024, 11, 26):
                row["status"] = "bermasalah"
                row["catatan"] = "penerangan belum memadai" if no_light else "akses kursi roda belum tersedia"
            else:
                row["status"] = "siap" if complete else "belum"
            rows.append(row)
    rows.sort(key=lambda x: (x["waktu"], x["kode_tps"]))
    seen = set()
    for x in rows:
        while (x["kode_tps"], x["waktu"]) in seen:
            x["waktu"] += dt.timedelta(minutes=1)
        seen.add((x["kode_tps"], x["waktu"]))
    return rows


# ---------------------------------------------------------------- incidents

def _rate(cat: str, day: dt.date) -> float:
    md = (day.month, day.day)
    kampanye = KAMPANYE[0] <= day <= KAMPANYE[1]
    r = {
        "pelanggaran_apk": (0.8 if kampanye else 0.05) + {(11, 24): 12, (11, 25): 5, (11, 26): 2}.get(md, 0),
        "politik_uang": (0.1 if kampanye else 0.02) + {(11, 24): 2, (11, 25): 3, (11, 26): 4, (11, 27): 2}.get(md, 0),
        "sara_hoaks": (0.2 if kampanye else 0.05) + {(10, 20): 4, (10, 21): 2, (11, 3): 3, (11, 4): 2,
                                                     (11, 17): 2}.get(md, 0),
        "intimidasi": 0.3 if dt.date(2024, 11, 20) <= day <= dt.date(2024, 11, 26) else 0.04,
        "gangguan_keamanan": 0.05 + (1.5 if kampanye and day >= dt.date(2024, 11, 9) and day.weekday() >= 5 else 0),
        "data_pemilih": (0.3 if day <= dt.date(2024, 9, 23) else 0.05)
        + (1.0 if dt.date(2024, 11, 20) <= day <= dt.date(2024, 11, 26) else 0) + (6 if md == (11, 27) else 0),
        "logistik": (2.0 if dt.date(2024, 11, 12) <= day <= dt.date(2024, 11, 16) else 0)
        + (1.5 if dt.date(2024, 11, 20) <= day <= dt.date(2024, 11, 25) else 0)
        + {(11, 26): 4, (11, 27): 4}.get(md, 0),
        "bencana_banjir": {(11, 8): 3, (11, 18): 4, (11, 25): 6, (11, 26): 2}.get(md, 0),
        "netralitas_penyelenggara": 0.05,
        "pelayanan_publik": (0.15 if kampanye else 0.05) + {(11, 25): 1, (11, 26): 2, (11, 27): 3}.get(md, 0),
    }[cat]
    return r


KEPARAHAN_P = {
    "politik_uang": (0.0, 0.5, 0.5), "sara_hoaks": (0.3, 0.6, 0.1), "intimidasi": (0.0, 0.4, 0.6),
    "gangguan_keamanan": (0.1, 0.5, 0.4), "pelanggaran_apk": (0.8, 0.2, 0.0), "data_pemilih": (0.5, 0.45, 0.05),
    "logistik": (0.3, 0.5, 0.2), "bencana_banjir": (0.1, 0.5, 0.4), "netralitas_penyelenggara": (0.2, 0.6, 0.2),
    "pelayanan_publik": (0.5, 0.45, 0.05),
}
PIC = {
    "politik_uang": "Bawaslu Kota Bekasi (Sentra Gakkumdu)", "sara_hoaks": "Diskominfostandi Kota Bekasi",
    "intimidasi": "Polres Metro Bekasi Kota", "gangguan_keamanan": "Polres Metro Bekasi Kota",
    "pelanggaran_apk": "Satpol PP Kota Bekasi", "data_pemilih": "KPU Kota Bekasi", "logistik": "KPU Kota Bekasi",
    "bencana_banjir": "BPBD Kota Bekasi", "netralitas_penyelenggara": "Bawaslu Kota Bekasi",
    "pelayanan_publik": "Camat {kec}",
}
SUMBER_PER_KATEGORI = {
    "politik_uang": ["laporan_masyarakat", "bawaslu"], "sara_hoaks": ["media_sosial", "opd"],
    "intimidasi": ["laporan_masyarakat", "polri_tni"], "gangguan_keamanan": ["polri_tni", "linmas"],
    "pelanggaran_apk": ["bawaslu", "camat_lurah", "opd"], "data_pemilih": ["kpu", "laporan_masyarakat", "camat_lurah"],
    "logistik": ["kpu", "camat_lurah"], "bencana_banjir": ["camat_lurah", "opd", "linmas"],
    "netralitas_penyelenggara": ["bawaslu", "laporan_masyarakat"],
    "pelayanan_publik": ["camat_lurah", "laporan_masyarakat", "media_massa"],
}
# Incident summaries per category, each with the phases of the calendar it can happen in: before
# the campaign (pra), the campaign (kampanye, 25 Sep - 23 Nov), the quiet period (tenang, 24-26 Nov)
# and voting day (h). A summary never contradicts the date it carries.
SEMUA_FASE = frozenset({"pra", "kampanye", "tenang", "h"})
RINGKASAN = {
    "politik_uang": [("Dugaan pembagian uang kepada warga di Kelurahan {kel}.", SEMUA_FASE),
                     ("Laporan pembagian paket sembako disertai ajakan memilih di Kelurahan {kel}.", SEMUA_FASE)],
    "sara_hoaks": [("Unggahan bernada SARA beredar di grup percakapan warga {kel}.", SEMUA_FASE),
                   ("Hoaks tentang perubahan lokasi TPS beredar di media sosial ({kel}).",
                    frozenset({"kampanye", "tenang", "h"}))],
    "intimidasi": [("Warga melaporkan tekanan untuk hadir di acara kampanye ({kel}).", frozenset({"kampanye"})),
                   ("Warga melaporkan tekanan untuk memilih calon tertentu ({kel}).", SEMUA_FASE),
                   ("Petugas KPPS melaporkan ancaman verbal di sekitar TPS ({kel}).", frozenset({"tenang", "h"}))],
    "gangguan_keamanan": [("Gesekan antarpendukung saat pawai kampanye di Kelurahan {kel}.", frozenset({"kampanye"})),
                          ("Keributan kecil di lokasi kampanye terbuka, Kelurahan {kel}.", frozenset({"kampanye"})),
                          ("Keributan antarwarga dipicu unggahan politik di Kelurahan {kel}.", SEMUA_FASE)],
    "pelanggaran_apk": [("APK dipasang sebelum masa kampanye di Kelurahan {kel}.", frozenset({"pra"})),
                        ("APK terpasang di fasilitas umum di Kelurahan {kel}.", frozenset({"kampanye"})),
                        ("APK masih terpasang saat masa tenang di ruas jalan Kelurahan {kel}.", frozenset({"tenang"})),
                        ("APK masih terpasang di sekitar TPS pada hari pemungutan suara ({kel}).", frozenset({"h"}))],
    "data_pemilih": [("Warga pindahan belum terdaftar di DPT TPS terdekat ({kel}).", SEMUA_FASE),
                     ("C-Pemberitahuan belum diterima sebagian warga di Kelurahan {kel}.",
                      frozenset({"kampanye", "tenang", "h"}))],
    "logistik": [("Surat suara kurang dari kebutuhan di salah satu TPS Kelurahan {kel}.", SEMUA_FASE),
                 ("Kotak suara rusak terkena air saat penyimpanan di Kelurahan {kel}.", SEMUA_FASE)],
    "bencana_banjir": [("Genangan air di sekitar lokasi TPS Kelurahan {kel} setelah hujan deras.", SEMUA_FASE),
                       ("Banjir di permukiman Kelurahan {kel}, akses ke TPS terganggu.", SEMUA_FASE)],
    "netralitas_penyelenggara": [("Dugaan anggota badan ad hoc mengunggah konten dukungan ({kel}).", SEMUA_FASE)],
    "pelayanan_publik": [("Pelayanan kantor kelurahan {kel} tertunda karena kegiatan kampanye di halaman kantor.",
                          frozenset({"kampanye"})),
                         ("Pelayanan kantor kelurahan {kel} tertunda, petugas dikerahkan menyiapkan TPS.",
                          frozenset({"tenang", "h"})),
                         ("Pemadaman listrik di sekitar lokasi TPS Kelurahan {kel}.", SEMUA_FASE),
                         ("Kemacetan panjang akibat pawai kampanye melintasi Kelurahan {kel}.",
                          frozenset({"kampanye"})),
                         ("Kemacetan panjang di jalan utama Kelurahan {kel}.", SEMUA_FASE)],
}


def fase(day: dt.date) -> str:
    """The phase of the calendar a day falls in (see :data:`RINGKASAN`)."""
    if day >= HARI_H:
        return "h"
    if MASA_TENANG[0] <= day <= MASA_TENANG[1]:
        return "tenang"
    return "kampanye" if KAMPANYE[0] <= day <= KAMPANYE[1] else "pra"


def ringkasan_insiden(rng: np.random.Generator, cat: str, day: dt.date) -> str:
    """A summary of an incident of category ``cat`` on ``day`` that fits the phase of the calendar."""
    pilihan = [teks for teks, fase_ in RINGKASAN[cat] if fase(day) in fase_]
    return str(rng.choice(pilihan))


TINDAK = {
    "diverifikasi": "Informasi dikonfirmasi ke camat/lurah setempat.",
    "ditangani": "Tim terpadu turun ke lokasi dan berkoordinasi dengan unsur Forkopimda kecamatan.",
    "selesai": "Penanganan selesai; hasil dilaporkan ke Desk Pilkada.",
}
DUE_DAYS = {"tinggi": 1, "sedang": 3, "rendah": 7}


def buat_insiden(d: Demo, tps: pd.DataFrame, kel_geom: dict) -> list[dict]:
    rng = d.rng
    kec_w = d.kec.set_index("kode")["dpt_pilkada2024"].astype(float)
    rows = []
    n = 0
    day = MULAI.date()
    while day <= HARI_H:
        for cat, _, _ in KATEGORI:
            for _ in range(int(rng.poisson(_rate(cat, day)))):
                w = kec_w.copy()
                if cat in ("logistik",):
                    for k, lag in LAMBAT.items():
                        w[k] *= 1 + 2 * lag
                if cat == "bencana_banjir":
                    w = w * pd.Series({k: RAWAN_BANJIR.get(k, 0.02) for k in w.index})
                kec = str(rng.choice(w.index, p=(w / w.sum()).to_numpy()))
                kels = d.kel[d.kel["kode_induk"] == kec]
                kel = kels.iloc[int(rng.integers(len(kels)))]
                start = dt.datetime.combine(day, dt.time(6)) + dt.timedelta(hours=float(rng.uniform(0, 15)))
                if day == HARI_H:
                    start = dt.datetime.combine(day, dt.time(6)) + dt.timedelta(hours=float(rng.uniform(0, 7.5)))
                if start > AKHIR:
                    continue
                n += 1
                kep = ["rendah", "sedang", "tinggi"][int(rng.choice(3, p=KEPARAHAN_P[cat]))]
                tps_code = None
                if cat in ("logistik", "data_pemilih", "bencana_banjir", "intimidasi") \
                        and day >= dt.date(2024, 11, 20) and rng.random() < 0.6:
                    cand = tps[tps["kode_kelurahan"] == kel["kode"]]
                    tps_code = str(cand.iloc[int(rng.integers(len(cand)))]["kode_tps"])
                lat = lon = None
                if rng.random() < 0.75:
                    lat, lon = _point_in(rng, kel_geom[kel["kode"]])
                kec_name = d.kec.set_index("kode").at[kec, "nama"]
                base = {
                    "id_insiden": f"INS-{n:04d}",
                    "waktu_kejadian": start - dt.timedelta(hours=float(rng.uniform(0, 6))),
                    "kode_kecamatan": kec, "kode_kelurahan": kel["kode"], "kode_tps": tps_code, "lat": lat, "lon": lon,
                    "kategori": cat, "keparahan": kep, "sumber": str(rng.choice(SUMBER_PER_KATEGORI[cat])),
                    "ringkasan": ringkasan_insiden(rng, cat, day).format(kel=kel["nama"]),
                    "pic": PIC[cat].format(kec=kec_name),
                    "batas_waktu": (start + dt.timedelta(days=DUE_DAYS[kep])).date(),
                }
                t = start
                stall = rng.random() < 0.10
                speed = {"tinggi": 0.5, "sedang": 1.0, "rendah": 2.0}[kep]
                for status, hours in (("dilaporkan", 0), ("diverifikasi", rng.uniform(1, 12)),
                                      ("ditangani", rng.uniform(2, 24)),
                                      ("selesai", rng.uniform(12, 96) * speed + (24 * 9 if stall else 0))):
                    t = t + dt.timedelta(hours=float(hours))
                    if t > AKHIR:
                        break
                    rows.append({**base, "waktu": t, "status": status,
                                 "tindak_lanjut": TINDAK.get(status)})
        day += dt.timedelta(days=1)
    rows.sort(key=lambda r: (r["waktu"], r["id_insiden"]))
    return rows


# ---------------------------------------------------------------- neutrality

JENIS_KASUS = [("foto_bersama_paslon", "etik", 0.25), ("hadir_kampanye", "etik", 0.15),
               ("media_sosial", "disiplin", 0.35), ("memasang_apk", "disiplin", 0.07),
               ("deklarasi_dukungan", "disiplin", 0.1), ("fasilitas_negara", "disiplin", 0.05),
               ("lainnya", "etik", 0.03)]
SANKSI = {"etik": "Sanksi moral: pernyataan secara terbuka",
          "disiplin": "Hukuman disiplin sedang: pemotongan tunjangan kinerja 25% selama 6 bulan"}
DUE_NEXT = {"laporan": 3, "klarifikasi": 5, "rekomendasi_bawaslu": 7, "proses_bkn": 14, "keputusan_ppk": 14}


def buat_netralitas(d: Demo, seed: int = SEED) -> tuple[list[dict], list[dict]]:
    """ASN neutrality cases and their (fictional) identities, on a random stream of their own, so
    the cases do not change when another part of the demo does."""
    rng = np.random.default_rng([seed, 5])
    rows, pribadi = [], []
    kec_codes = list(d.kec["kode"])
    names = d.kec.set_index("kode")["nama"]
    n_cases = 48
    # more cases during the campaign, a cluster in the last weeks
    days = np.sort(np.concatenate([rng.uniform(3, 22, 6), rng.uniform(23, 70, 26), rng.uniform(70, 84, 16)]))
    for n, off in enumerate(days[:n_cases], start=1):
        kejadian = (MULAI + dt.timedelta(days=float(off))).date()
        lapor = kejadian + dt.timedelta(days=int(rng.choice([0, 1, 1, 2, 3, 5, 6, 9])))
        if dt.datetime.combine(lapor, dt.time(9)) > AKHIR:
            lapor = AKHIR.date()
        j = int(rng.choice(len(JENIS_KASUS), p=[x[2] for x in JENIS_KASUS]))
        jenis, kelas, _ = JENIS_KASUS[j]
        kec = str(rng.choice(kec_codes))
        opd = str(rng.choice(OPD))
        if opd in ("Kecamatan", "Kelurahan"):
            opd = f"Kecamatan {names[kec]}" if opd == "Kecamatan" else f"Kelurahan di Kecamatan {names[kec]}"
        sumber = str(rng.choice(["temuan_bawaslu", "laporan_masyarakat", "aplikasi_bkn", "laporan_internal"],
                                p=[0.45, 0.35, 0.1, 0.1]))
        cid = f"NET-{n:03d}"
        base = {"id_kasus": cid, "tanggal_kejadian": kejadian, "tanggal_laporan": lapor, "kode_kecamatan": kec,
                "opd": opd, "jenis_pelanggaran": jenis, "kelas": kelas, "sumber": sumber}
        t = dt.datetime.combine(lapor, dt.time(9)) + dt.timedelta(hours=float(rng.uniform(0, 7)))
        not_proven = rng.random() < 0.25
        flow = [("laporan", 0), ("klarifikasi", rng.uniform(1, 3))]
        if not_proven:
            flow.append(("tidak_terbukti", rng.uniform(2, 5)))
        else:
            flow += [("rekomendasi_bawaslu", rng.uniform(2, 5)), ("proses_bkn", rng.uniform(2, 6)),
                     ("keputusan_ppk", rng.uniform(5, 15)), ("selesai", rng.uniform(3, 12))]
        # some cases stall at one step, past its deadline (a witness unavailable, a file at BKN)
        macet = int(rng.integers(1, len(flow))) if rng.random() < 0.2 else None
        for i, (status, days_after) in enumerate(flow):
            t = t + dt.timedelta(days=float(days_after) * (rng.uniform(3, 6) if i == macet else 1))
            if t > AKHIR:
                break
            due = DUE_NEXT.get(status)
            rows.append({**base, "waktu": t, "status": status,
                         "sanksi": SANKSI[kelas] if status in ("keputusan_ppk", "selesai") else None,
                         "batas_waktu": (t.date() + dt.timedelta(days=due)) if due else None})
        anonim = sumber == "temuan_bawaslu" or rng.random() < 0.3
        pribadi.append({
            "id_kasus": cid, "nama_terlapor": f"ASN FIKTIF {n:03d}",
            "nip_terlapor": f"19{int(rng.integers(70, 99))}{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 29)):02d}"
                            f"20{int(rng.integers(10, 22))}{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 3))}"
                            f"{int(rng.integers(1, 999)):03d}",
            "jabatan_terlapor": str(rng.choice(["Guru", "Staf pelaksana", "Kepala seksi", "Tenaga kesehatan"])),
            "nama_pelapor": None if anonim else f"PELAPOR FIKTIF {n:03d}",
            "kontak_pelapor": None if anonim else f"0812-0000-{n:04d}",
        })
    rows.sort(key=lambda r: (r["waktu"], r["id_kasus"]))
    return rows, pribadi


# ---------------------------------------------------------------- public services

LAYANAN_MULAI = dt.date(2024, 11, 1)          # the desk asks units to report twice a day from November
SUMBER_LAYANAN = {"kantor_kelurahan": "Kelurahan", "kantor_kecamatan": "Kecamatan", "dukcapil": "Disdukcapil",
                  "puskesmas": "Dinas Kesehatan", "rumah_sakit": "RSUD", "listrik": "PLN UP3 Bekasi",
                  "air": "PDAM Tirta Patriot", "lalu_lintas": "Dinas Perhubungan"}
SEBAB_BANJIR = {"kantor_kelurahan": ("terganggu", "halaman kantor tergenang, pelayanan dipindah ke aula RW"),
                "puskesmas": ("terganggu", "akses jalan tergenang, pelayanan terbatas"),
                "lalu_lintas": ("terganggu", "genangan di jalan utama, arus dialihkan"),
                "listrik": ("berhenti", "pemadaman sementara di area tergenang demi keamanan")}
SEBAB_INSIDEN = {"kantor": ("kantor_kelurahan", "terganggu", "pelayanan tertunda"),
                 "listrik": ("listrik", "terganggu", "pemadaman listrik"),
                 "macet": ("lalu_lintas", "terganggu", "kemacetan panjang")}
SEBAB_ACAK = {"dukcapil": "sistem antrean daring sempat tidak dapat diakses",
              "air": "tekanan air rendah, perbaikan pipa", "puskesmas": "listrik padam, genset dinyalakan",
              "kantor_kecamatan": "jaringan internet terputus, layanan daring tertunda",
              "rumah_sakit": "lonjakan pasien IGD"}


def unit_layanan(d: Demo) -> list[dict]:
    """The public-service units the desk follows: every kecamatan and kelurahan office, one puskesmas,
    the power, water and traffic of each kecamatan, the city's Dukcapil and RSUD."""
    kec_nama = d.kec.set_index("kode")["nama"]
    pusat = "32.75.04"                                           # Bekasi Selatan: the city hall's kecamatan
    units = [{"id_unit": f"DUKCAPIL-{KODE_KOTA}", "nama_unit": "Disdukcapil Kota Bekasi", "jenis": "dukcapil",
              "kode_kecamatan": pusat, "kode_kelurahan": None},
             {"id_unit": f"RSUD-{KODE_KOTA}", "nama_unit": "RSUD Kota Bekasi", "jenis": "rumah_sakit",
              "kode_kecamatan": pusat, "kode_kelurahan": None}]
    for kode, nama in kec_nama.items():
        units += [
            {"id_unit": f"KEC-{kode}", "nama_unit": f"Kantor Kecamatan {nama}", "jenis": "kantor_kecamatan",
             "kode_kecamatan": kode, "kode_kelurahan": None},
            {"id_unit": f"PKM-{kode}", "nama_unit": f"Puskesmas {nama}", "jenis": "puskesmas",
             "kode_kecamatan": kode, "kode_kelurahan": None},
            {"id_unit": f"PLN-{kode}", "nama_unit": f"Pasokan listrik {nama}", "jenis": "listrik",
             "kode_kecamatan": kode, "kode_kelurahan": None},
            {"id_unit": f"AIR-{kode}", "nama_unit": f"Air bersih {nama}", "jenis": "air",
             "kode_kecamatan": kode, "kode_kelurahan": None},
            {"id_unit": f"LL-{kode}", "nama_unit": f"Lalu lintas jalan utama {nama}", "jenis": "lalu_lintas",
             "kode_kecamatan": kode, "kode_kelurahan": None},
        ]
    for r in d.kel.itertuples():
        units.append({"id_unit": f"KEL-{r.kode}", "nama_unit": f"Kantor Kelurahan {r.nama}",
                      "jenis": "kantor_kelurahan", "kode_kecamatan": r.kode_induk, "kode_kelurahan": r.kode})
    return units


def _gangguan(d: Demo, insiden: list[dict], rng: np.random.Generator) -> list[tuple]:
    """Disruption spans (id_unit, from, to, status, note): floods in flood-prone kecamatan on the
    flood days, the public-service incidents while they are open, and a few small outages."""
    units = unit_layanan(d)
    by_jenis_kec = {(u["jenis"], u["kode_kecamatan"]): u["id_unit"] for u in units if u["kode_kelurahan"] is None}
    spans = []
    for mo, da in BANJIR_HARI:
        if dt.date(2024, mo, da) < LAYANAN_MULAI:
            continue
        for kec, p in RAWAN_BANJIR.items():
            if rng.random() >= 2.5 * p:
                continue
            mulai = _d(mo, da, float(rng.uniform(4, 10)))
            selesai = mulai + dt.timedelta(hours=float(rng.uniform(8, 30)))
            for jenis, (status, ket) in SEBAB_BANJIR.items():
                if jenis == "kantor_kelurahan":
                    kels = d.kel[d.kel["kode_induk"] == kec]
                    kel = kels.iloc[int(rng.integers(len(kels)))]["kode"]
                    spans.append((f"KEL-{kel}", mulai, selesai, status, ket))
                elif rng.random() < 0.7:
                    spans.append((by_jenis_kec[(jenis, kec)], mulai, selesai, status, ket))
    # public-service incidents: the unit the summary names, from the report until it is closed
    per_id: dict[str, list[dict]] = {}
    for r in insiden:
        if r["kategori"] == "pelayanan_publik":
            per_id.setdefault(r["id_insiden"], []).append(r)
    for baris in per_id.values():
        awal, akhir = baris[0], baris[-1]
        selesai = akhir["waktu"] if akhir["status"] == "selesai" else AKHIR
        teks = awal["ringkasan"].lower()
        sebab = "kantor" if "kantor" in teks else "listrik" if "listrik" in teks else "macet"
        jenis, status, ket = SEBAB_INSIDEN[sebab]
        uid = f"KEL-{awal['kode_kelurahan']}" if jenis == "kantor_kelurahan" else by_jenis_kec[(jenis,
                                                                                               awal["kode_kecamatan"])]
        spans.append((uid, awal["waktu"], selesai, status, f"{ket} (insiden {awal['id_insiden']})"))
    for u in units:
        if u["jenis"] in SEBAB_ACAK and rng.random() < 0.5:
            mulai = dt.datetime.combine(LAYANAN_MULAI, dt.time(8)) + dt.timedelta(hours=float(rng.uniform(0, 26 * 24)))
            spans.append((u["id_unit"], mulai, mulai + dt.timedelta(hours=float(rng.uniform(3, 20))), "terganggu",
                          SEBAB_ACAK[u["jenis"]]))
    return spans


def buat_layanan(d: Demo, insiden: list[dict], seed: int) -> list[dict]:
    """``layanan.csv``: every unit reports twice a day (about 07.00 and 15.00) from 1 November, and on
    voting day at 06.00 and 12.00; a report is sometimes missed (more often at the kelurahan), and a
    unit reports its state at that moment. A generator of its own, so the other files do not
    depend on it."""
    rng = np.random.default_rng([seed, 7])
    units = unit_layanan(d)
    spans = _gangguan(d, insiden, rng)
    per_unit: dict[str, list[tuple]] = {}
    for uid, mulai, selesai, status, ket in spans:
        per_unit.setdefault(uid, []).append((mulai, selesai, status, ket))
    rows = []
    day = LAYANAN_MULAI
    while day <= HARI_H:
        jam = (6.0, 12.0) if day == HARI_H else (7.0, 15.0)
        for u in units:
            lewat = 0.08 if u["jenis"] == "kantor_kelurahan" else 0.03
            for j in jam:
                if rng.random() < lewat:
                    continue
                t = dt.datetime.combine(day, dt.time(0)) + dt.timedelta(hours=j + float(rng.uniform(0, 1.5)))
                t = t.replace(second=0, microsecond=0)
                if t > AKHIR:
                    continue
                keadaan = [(st, ket) for mulai, selesai, st, ket in per_unit.get(u["id_unit"], [])
                           if mulai <= t < selesai]
                status, ket = (("berhenti", keadaan[0][1]) if any(st == "berhenti" for st, _ in keadaan)
                               else keadaan[0] if keadaan else ("normal", None))
                rows.append({"id_unit": u["id_unit"], "waktu": t, "nama_unit": u["nama_unit"], "jenis": u["jenis"],
                             "kode_kecamatan": u["kode_kecamatan"], "kode_kelurahan": u["kode_kelurahan"],
                             "status": status, "keterangan": ket, "sumber": SUMBER_LAYANAN[u["jenis"]]})
        day += dt.timedelta(days=1)
    rows.sort(key=lambda r: (r["waktu"], r["id_unit"]))
    return rows


# ---------------------------------------------------------------- voting day, the count and rekapitulasi

PSU = {"id_ulang": "PSU-2024-01", "jenis": "psu", "tanggal": dt.date(2024, 12, 1),
       "kelurahan": "32.75.07.1003",                # its 4th and 5th TPS
       "dasar": "Keputusan KPU Kota Bekasi tentang PSU atas rekomendasi Panwaslu Kecamatan Bantargebang "
                "(simulasi)",
       "catatan": "Pemilih yang tidak terdaftar ikut memilih (simulasi)"}
JAM_KEHADIRAN = (8.0, 10.0, 12.0, 13.0)     # attendance reports: cumulative share of the day's voters by then
BAGIAN_KEHADIRAN = (0.12, 0.50, 0.86, 1.0)
SUMBER_HARI_H = ("pps", "pps", "pps", "lurah", "linmas", "panwas")


def _hari_tps(rng: np.random.Generator, kode: str, dpt: int, kec: str, hari: dt.date, rows: list[dict]) -> None:
    """One TPS's voting day: opened (most 07.00-07.15, a few late), attendance at 09, 11, 13,
    closed at 13.00, counting from about 13.15 into the evening, result posted, boxes to the PPS."""
    t0 = dt.datetime.combine(hari, dt.time(0))
    u = rng.random()
    late = 0.12 if kec in LAMBAT else 0.06
    buka = 7.0 + (0.0 if u >= 0.3 else rng.uniform(0, 0.25) if u >= late else rng.uniform(0.25, 0.75)
                  if u >= late / 4 else rng.uniform(0.75, 2.0))
    sumber = SUMBER_HARI_H

    def add(jam: float, kejadian: str, **kw):
        rows.append({"waktu": (t0 + dt.timedelta(hours=jam)).replace(second=0, microsecond=0), "kode_tps": kode,
                     "kejadian": kejadian, "sumber": str(rng.choice(sumber)), **kw})

    add(buka, "dibuka", catatan="KPPS terlambat hadir" if buka > 7.5 else None)
    rate = float(np.clip(rng.normal(0.60, 0.08), 0.3, 0.9))
    dpt_hadir = round(dpt * rate)
    dptb = int(rng.binomial(max(dpt // 100, 1), 0.5))
    dpk = int(rng.binomial(max(dpt // 200, 1), 0.5))
    lewat = rng.random() < 0.04                     # a TPS that skips the 10.00 report
    for jam, bagian in zip(JAM_KEHADIRAN, BAGIAN_KEHADIRAN):
        if lewat and jam == 10.0:
            continue
        f = min(1.0, bagian * float(rng.uniform(0.92, 1.05))) if bagian < 1 else 1.0
        add(jam - float(rng.uniform(0, 0.25)), "kehadiran", hadir_dpt=int(dpt_hadir * f), hadir_dptb=int(dptb * f),
            hadir_dpk=int(dpk * f))
    add(13.0 + float(rng.uniform(0, 0.1)), "ditutup")
    mulai = 13.3 + float(rng.uniform(0, 0.5))
    add(mulai, "penghitungan_dimulai")
    selesai = mulai + float(rng.uniform(4.0, 9.0)) + (float(rng.uniform(1, 4)) if rng.random() < 0.05 else 0.0)
    add(selesai, "penghitungan_selesai")
    add(selesai + float(rng.uniform(0.1, 0.5)), "hasil_diumumkan")
    add(selesai + float(rng.uniform(0.5, 10.0)), "kotak_diserahkan")


def tps_psu(tps: pd.DataFrame) -> tuple[str, ...]:
    """The two TPS of the demo's re-vote: the 4th and 5th of its kelurahan."""
    return tuple(sorted(tps.loc[tps["kode_kelurahan"] == PSU["kelurahan"], "kode_tps"])[3:5])


def buat_pemungutan(d: Demo, tps: pd.DataFrame, seed: int) -> tuple[list[dict], list[dict]]:
    """``pemungutan.csv`` (voting day at every TPS, and the re-vote at its TPS) and ``pemungutan_ulang.csv``.
    A generator of its own, so the other files do not depend on it."""
    rng = np.random.default_rng([seed, 8])
    rows: list[dict] = []
    for r in tps.itertuples():
        _hari_tps(rng, r.kode_tps, int(r.dpt), r.kec, HARI_H, rows)
    ulang = []
    for r in tps[tps["kode_tps"].isin(tps_psu(tps))].itertuples():
        _hari_tps(rng, r.kode_tps, int(r.dpt), r.kec, PSU["tanggal"], rows)
        ulang.append({"id_ulang": PSU["id_ulang"], "jenis": PSU["jenis"], "tanggal": PSU["tanggal"],
                      "kode_tps": r.kode_tps, "dasar": PSU["dasar"], "catatan": PSU["catatan"]})
    rows.sort(key=lambda x: (x["waktu"], x["kode_tps"], x["kejadian"]))
    return rows, ulang


def buat_persiapan_psu(tps: pd.DataFrame, seed: int) -> tuple[list[dict], list[dict]]:
    """The re-vote's own preparation at its two TPS, in the existing logs (``logistik.csv``,
    ``checklist.csv``) with dates between voting day and the re-vote: a fresh set of every item
    delivered to the TPS on 29-30 November (the ballots of one TPS short at first, the rest on the
    eve), and checklist reports from 28 November to the re-vote's morning (KPPS briefed again,
    new C-Pemberitahuan, site, security). A generator of its own, so the other files do not depend on it."""
    rng = np.random.default_rng([seed, 10])
    logistik: list[dict] = []
    checklist: list[dict] = []
    psu = tps[tps["kode_tps"].isin(tps_psu(tps))].sort_values("kode_tps")
    for n, r in enumerate(psu.itertuples()):
        for item in ITEMS:
            need = _need(item, int(r.dpt))
            besar = item[0] in ("KOTAK", "BILIK", "ALAT")
            t = _d(11, 29 if besar else 30, float(rng.uniform(9, 16)))
            short = max(1, int(need * 0.3)) if n == 1 and item[4] > 0 else 0      # ballots of the 2nd TPS
            logistik.append({"waktu": t.replace(second=0, microsecond=0), "tahap": "tps", "kode_lokasi": r.kode_tps,
                             "kode_item": item[0], "jumlah_kebutuhan": need, "jumlah_diterima": need - short,
                             "jumlah_rusak": 0, "catatan": "untuk PSU" + (", kurang dari kebutuhan" if short else "")})
            if short:
                t2 = _d(11, 30, float(rng.uniform(19, 22)))
                logistik.append({"waktu": t2.replace(second=0, microsecond=0), "tahap": "tps",
                                 "kode_lokasi": r.kode_tps, "kode_item": item[0], "jumlah_kebutuhan": need,
                                 "jumlah_diterima": short, "jumlah_rusak": 0, "catatan": "kiriman susulan untuk PSU"})
        c_final = float(rng.uniform(0.93, 0.99))
        jadwal = [(_d(11, 28, float(rng.uniform(15, 18))), 0.0, False, False, 1),
                  (_d(11, 29, float(rng.uniform(15, 20))), 0.4, True, False, 1),
                  (_d(11, 30, float(rng.uniform(15, 17))), 0.9, True, n == 0, 2),
                  (_d(12, 1, float(rng.uniform(5, 6.5))), 1.0, True, True, 2)]
        for t, frac, bimtek, lokasi, linmas in jadwal:
            c = int(r.dpt * c_final * frac)
            row = {"waktu": t.replace(second=0, microsecond=0), "kode_tps": r.kode_tps, "kpps_dibentuk": True,
                   "kpps_dilantik": True, "kpps_bimtek": bimtek, "lokasi_siap": lokasi, "akses_disabilitas": lokasi,
                   "penerangan": lokasi, "c_pemberitahuan": c, "linmas": linmas, "pengamanan": linmas >= 2}
            siap = bimtek and lokasi and linmas >= 2 and c >= 0.9 * r.dpt
            row["status"] = "siap" if siap else "belum"
            row["catatan"] = "persiapan PSU" + ("" if siap else ": belum lengkap")
            checklist.append(row)
    logistik.sort(key=lambda x: (x["waktu"], x["kode_lokasi"], x["kode_item"]))
    checklist.sort(key=lambda x: (x["waktu"], x["kode_tps"]))
    return logistik, checklist


def buat_rekapitulasi(d: Demo, tps: pd.DataFrame, seed: int) -> list[dict]:
    """``rekapitulasi.csv``: boxes reach the PPK over 28-29 November, the PPK plenaries run 29 November
    to 3 December (the lagging kecamatan last; the re-vote's kecamatan closes after it), then every
    kecamatan at the KPU kota on 4-6 December. Objections as counts."""
    rng = np.random.default_rng([seed, 9])
    rows: list[dict] = []
    n_tps = tps.groupby("kec")["kode_tps"].count()

    def add(t: dt.datetime, tingkat: str, kec: str, kejadian: str, **kw):
        rows.append({"waktu": t.replace(second=0, microsecond=0), "tingkat": tingkat, "kode_kecamatan": kec,
                     "kejadian": kejadian, **kw})

    psu_kec = tps.loc[tps["kode_tps"].isin(tps_psu(tps)), "kec"].iloc[0]
    for i, kec in enumerate(d.kec["kode"]):
        lag = d.lag(kec) / 2.5
        sisa, t = int(n_tps[kec]), _d(11, 28, 8.0)
        while sisa:
            n = min(sisa, int(rng.integers(60, 160)))
            add(t, "ppk", kec, "kotak_diterima", jumlah_tps=n)
            sisa -= n
            t += dt.timedelta(hours=float(rng.uniform(1.0, 3.0)))
        mulai = _d(11, 29, 9.0 + float(rng.uniform(0, 1))) + dt.timedelta(days=float(lag))
        add(mulai, "ppk", kec, "dimulai")
        hari = 1 + int(rng.integers(0, 3)) + round(2 * lag)
        n_keberatan = int(rng.integers(0, 4))
        if n_keberatan:
            add(mulai + dt.timedelta(hours=float(rng.uniform(3, 20))), "ppk", kec, "keberatan",
                keberatan_diajukan=n_keberatan)
        selesai = mulai + dt.timedelta(days=hari, hours=float(rng.uniform(0, 8)))
        if kec == psu_kec:
            selesai = max(selesai, _d(12, 2, 14.0))
        selesai = min(selesai, _d(12, 3, 20.0))
        if n_keberatan:
            add(selesai - dt.timedelta(hours=1), "ppk", kec, "keberatan", keberatan_selesai=n_keberatan)
        add(selesai, "ppk", kec, "selesai")
        add(selesai + dt.timedelta(hours=float(rng.uniform(2, 16))), "kabkota", kec, "kotak_diterima",
            jumlah_tps=int(n_tps[kec]))
        k_mulai = _d(12, 4, 9.0) + dt.timedelta(days=i // 4, hours=3.0 * (i % 4))
        add(k_mulai, "kabkota", kec, "dimulai")
        k_selesai = k_mulai + dt.timedelta(hours=float(rng.uniform(2, 4)))
        if rng.random() < 0.3:
            add(k_mulai + dt.timedelta(hours=1), "kabkota", kec, "keberatan", keberatan_diajukan=1,
                keberatan_selesai=1)
        add(k_selesai, "kabkota", kec, "selesai")
    rows.sort(key=lambda x: (x["waktu"], x["kode_kecamatan"], x["tingkat"], x["kejadian"]))
    return rows


# ---------------------------------------------------------------- main

SUMBER_BATAS_MD = """\
# Sumber batas wilayah · Boundary source

`kelurahan.geojson` dan `kecamatan.geojson` di folder ini ditulis oleh `python -m siaga demo`: batas
kelurahan nyata Kota Bekasi (56 kelurahan, kode Kemendagri) diimpor lewat impor batas Siaga Pilkada
(`python -m siaga impor kota-bekasi-kelurahan.geojson --jenis batas --turunkan-kecamatan`); batas 12
kecamatan diturunkan dari kelurahannya.

- **Sumber:** repositori publik `cahyadsn/wilayah_boundaries`, berkas
  `db/kel/32/wilayah_boundaries_kel_32.75.sql`, commit `3c5a7960f4d227a38489094d84252bdbb3f978a5`
  (data komunitas, bukan rilis resmi BIG/Kemendagri).
- **Lisensi:** MIT, © 2024 Cahya DSN: `LICENSE-wilayah_boundaries.txt` di folder ini. Sertakan
  berkas lisensi itu bersama data ini dan sebut sumbernya di mana pun peta ditampilkan
  (`wilayah.toml`: `[peta] sumber_batas`, tertulis di bawah setiap peta).
- **Perubahan:** urutan koordinat `[lat, lng]` menjadi GeoJSON `[lon, lat]` (WGS84), cincin tidak sah
  diperbaiki; saat impor: disederhanakan sekali untuk tampilan (±45 m), kecamatan digabung dari
  kelurahannya. Tanpa penggantian nama atau kode.

Real kelurahan boundaries of Kota Bekasi from `cahyadsn/wilayah_boundaries` (MIT, © 2024 Cahya DSN),
imported through the project's boundary import; kecamatan dissolved from the kelurahan.
"""


def buat(data_dir: Path, geo_dir: Path, seed: int = SEED) -> dict[str, int]:
    """Write the demo files (atomically); returns the row count per file."""
    # one stream per part, so that a change in one part (or in the boundaries) never reshuffles the others
    aliran = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(5)]
    ref = pd.read_csv(REF / "kota-bekasi-wilayah.csv", dtype={"kode": str, "kode_induk": str, "kode_bps": str})
    kec = ref[ref["tingkat"] == "kecamatan"].reset_index(drop=True)
    kel = ref[ref["tingkat"] == "kelurahan"].reset_index(drop=True)
    d = Demo(aliran[0], kec, kel, aliran[1])
    wilayah = [{"tingkat": r.tingkat, "kode": r.kode, "nama": r.nama, "kode_induk": r.kode_induk,
                "nama_lain": r.nama_lain if isinstance(r.nama_lain, str) else None,
                "kode_bps": r.kode_bps if isinstance(r.kode_bps, str) else None} for r in ref.itertuples()]
    wilayah_csv = _csv(wilayah, ["tingkat", "kode", "nama", "kode_induk", "nama_lain", "kode_bps"])
    batas, kel_geom = impor_batas_demo(wilayah_csv, CONFIG)
    tps = buat_tps(d, kel_geom)
    logistik = buat_logistik(replace(d, rng=aliran[2]), tps)
    checklist = buat_checklist(replace(d, rng=aliran[3]), tps)
    insiden = buat_insiden(replace(d, rng=aliran[4]), tps, kel_geom)
    netralitas, pribadi = buat_netralitas(d, seed)     # neutrality and public services: streams of their own
    layanan = buat_layanan(d, insiden, seed)
    pemungutan, ulang = buat_pemungutan(d, tps, seed)   # voting day, count, rekapitulasi: streams of their own
    rekapitulasi = buat_rekapitulasi(d, tps, seed)
    logistik_psu, checklist_psu = buat_persiapan_psu(tps, seed)    # the re-vote's own logs
    tugas = tindak.buat_tugas(insiden, logistik, AKHIR)
    rapat, tugas_rapat = tindak.buat_rapat(tugas, AKHIR)      # meetings: after the tasks, no random stream
    tugas = sorted(tugas + tugas_rapat, key=lambda x: (x["waktu"], x["id_tugas"]))

    tahapan = pd.concat([pd.read_csv(REF / "tahapan-pilkada-2024.csv", dtype=str, keep_default_na=False),
                         pd.DataFrame(buat_tahapan_akhir())], ignore_index=True)
    files = {
        "wilayah.csv": wilayah_csv,
        "tps.csv": _csv(tps.to_dict("records"), ["kode_tps", "kode_kelurahan", "nomor_tps", "dpt", "jenis",
                                                 "keterangan", "lat", "lon", "rawan_banjir"]),
        "logistik_item.csv": _csv([{"kode_item": i[0], "nama_item": i[1], "satuan": i[2], "per_tps": i[3],
                                    "per_pemilih": i[4], "cadangan_persen": i[5], "urutan": n}
                                   for n, i in enumerate(ITEMS, start=1)],
                                  ["kode_item", "nama_item", "satuan", "per_tps", "per_pemilih", "cadangan_persen",
                                   "urutan"]),
        "logistik.csv": _csv(logistik + logistik_psu, ["waktu", "tahap", "kode_lokasi", "kode_item",
                                                       "jumlah_kebutuhan", "jumlah_diterima", "jumlah_rusak",
                                                       "catatan"]),
        "checklist.csv": _csv(checklist + checklist_psu, ["waktu", "kode_tps", "kpps_dibentuk", "kpps_dilantik",
                                                          "kpps_bimtek", "lokasi_siap", "akses_disabilitas",
                                                          "penerangan", "c_pemberitahuan", "linmas", "pengamanan",
                                                          "status", "catatan"]),
        "kategori_insiden.csv": _csv([{"kode_kategori": a, "nama": b, "kelompok": c} for a, b, c in KATEGORI],
                                     ["kode_kategori", "nama", "kelompok"]),
        "insiden.csv": _csv(insiden, ["id_insiden", "waktu", "waktu_kejadian", "kode_kecamatan", "kode_kelurahan",
                                      "kode_tps", "lat", "lon", "kategori", "keparahan", "status", "sumber",
                                      "ringkasan", "tindak_lanjut", "pic", "batas_waktu"]),
        "netralitas.csv": _csv(netralitas, ["id_kasus", "waktu", "tanggal_kejadian", "tanggal_laporan",
                                            "kode_kecamatan", "opd", "jenis_pelanggaran", "kelas", "sumber", "status",
                                            "sanksi", "batas_waktu"]),
        "netralitas_pribadi.csv": _csv(pribadi, ["id_kasus", "nama_terlapor", "nip_terlapor", "jabatan_terlapor",
                                                 "nama_pelapor", "kontak_pelapor"]),
        "layanan.csv": _csv(layanan, ["id_unit", "waktu", "nama_unit", "jenis", "kode_kecamatan", "kode_kelurahan",
                                      "status", "keterangan", "sumber"]),
        "pemungutan.csv": _csv(pemungutan, ["waktu", "kode_tps", "kejadian", "hadir_dpt", "hadir_dptb", "hadir_dpk",
                                            "sumber", "catatan"]),
        "rekapitulasi.csv": _csv(rekapitulasi, ["waktu", "tingkat", "kode_kecamatan", "kejadian", "jumlah_tps",
                                                "keberatan_diajukan", "keberatan_selesai", "catatan"]),
        "pemungutan_ulang.csv": _csv(ulang, ["id_ulang", "jenis", "tanggal", "kode_tps", "dasar", "catatan"]),
        "tahapan.csv": _csv(tahapan.to_dict("records"), ["tahapan", "mulai", "selesai", "catatan"]),
        "tugas.csv": _csv(tugas, tindak.KOLOM_DEMO_TUGAS),
        "rapat.csv": _csv(rapat, tindak.KOLOM_DEMO_RAPAT),
    }
    counts = {}
    for name, text in files.items():
        tulis_atomik(data_dir / name, text)
        counts[name] = text.count("\n") - 1
    tulis_atomik(data_dir / "wilayah.toml", CONFIG)
    for name, isi in sorted(batas.items()):
        tulis_atomik(geo_dir / name, isi)
        counts[name] = len(json.loads(isi)["features"])
    # the licence and the credit travel with the boundaries
    tulis_atomik(geo_dir / LISENSI_BATAS, (REF / "batas" / LISENSI_BATAS).read_bytes())
    tulis_atomik(geo_dir / "SUMBER.md", SUMBER_BATAS_MD)
    return counts
