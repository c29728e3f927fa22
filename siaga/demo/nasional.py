"""Seeded generator of a synthetic NATIONAL-scale dataset (``python -m siaga demo --skala nasional``).

Pilkada serentak 2024 at full scale (``faktor=1``): 37 provinces (every province but DI Yogyakarta,
which elects no governor) with their real Kemendagri codes and names, and below them 508 fictional
kab/kota ("Kabupaten Contoh 32.01", "Kota Contoh 32.71"), about 7.300 kecamatan, 84.000
kelurahan/desa and 430.000 TPS; about 5 million logistics receipts, 860.000 checklist reports,
1 million incident updates and 100.000 neutrality-case updates. Geometry is a set of nested
rectangles laid roughly where each province is. Nothing but the province codes and names is real.

``faktor`` scales every row count (tests use 0.002); the same seed and ``faktor`` always write the
same bytes. Generation is vectorised (numpy) and the CSV text is assembled with pyarrow compute, in
chunks, straight into a temporary file that then replaces the target (``os.replace``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from siaga.demo import kota
from siaga.inti.fileio import ganti, tulis_atomik
from siaga.inti.kontrak import (
    KELAS_PELANGGARAN,
    KEPARAHAN,
    STATUS_INSIDEN,
    STATUS_NETRALITAS,
    SUMBER_INSIDEN,
    SUMBER_NETRALITAS,
    TAHAP_LOGISTIK,
)

SUMBER_SALINAN = Path(__file__).resolve().parent.parent.parent / "data"   # the committed demo files
SALINAN = ("logistik_item.csv", "kategori_insiden.csv", "tahapan.csv")
# Files written, in the order buat() reports them (plus wilayah.toml).
BERKAS_DATA = ("wilayah.csv", "tps.csv", "logistik_item.csv", "logistik.csv", "checklist.csv", "kategori_insiden.csv",
               "insiden.csv", "netralitas.csv", "netralitas_pribadi.csv", "tahapan.csv")
BERKAS_GEO = ("provinsi.geojson", "kabkota.geojson", "kecamatan.geojson")

# Full-scale sizes (faktor 1).
UKURAN = {"kabkota": 508, "kecamatan": 7_300, "kelurahan": 84_000, "tps": 430_000,
          "insiden": 400_000, "netralitas": 40_000}

# (code, name, kabupaten, kota, (lon0, lon1, lat0, lat1)): real codes, names and kab/kota counts of
# 2024 (Jawa Timur one short, so the total is the 508 of the Pilkada); rectangles roughly where the
# province lies, not overlapping.
PROVINSI = (
    ("11", "Aceh", 18, 5, (95.0, 98.3, 2.0, 6.0)),
    ("12", "Sumatera Utara", 25, 8, (98.3, 101.5, 0.8, 4.3)),
    ("13", "Sumatera Barat", 12, 7, (98.6, 101.5, -3.0, 0.8)),
    ("14", "Riau", 10, 2, (101.5, 104.0, -1.0, 2.5)),
    ("15", "Jambi", 9, 2, (101.5, 104.5, -2.8, -1.0)),
    ("16", "Sumatera Selatan", 13, 4, (103.0, 106.0, -5.0, -2.8)),
    ("17", "Bengkulu", 9, 1, (101.0, 103.0, -5.5, -3.0)),
    ("18", "Lampung", 13, 2, (103.5, 106.0, -6.2, -5.0)),
    ("19", "Kepulauan Bangka Belitung", 6, 1, (106.0, 108.5, -3.5, -1.0)),
    ("21", "Kepulauan Riau", 5, 2, (104.0, 108.5, -1.0, 4.5)),
    ("31", "DKI Jakarta", 1, 5, (106.6, 107.1, -6.4, -5.6)),
    ("32", "Jawa Barat", 18, 9, (106.6, 108.8, -7.8, -6.4)),
    ("33", "Jawa Tengah", 29, 6, (108.8, 111.6, -8.2, -6.4)),
    ("35", "Jawa Timur", 28, 9, (111.6, 114.6, -8.8, -6.8)),
    ("36", "Banten", 4, 4, (105.0, 106.6, -7.2, -6.2)),
    ("51", "Bali", 8, 1, (114.6, 115.8, -8.9, -8.0)),
    ("52", "Nusa Tenggara Barat", 8, 2, (115.8, 119.2, -9.2, -8.0)),
    ("53", "Nusa Tenggara Timur", 21, 1, (119.2, 125.2, -11.0, -8.0)),
    ("61", "Kalimantan Barat", 12, 2, (108.8, 111.6, -3.0, 2.0)),
    ("62", "Kalimantan Tengah", 13, 1, (111.6, 115.0, -3.5, 0.5)),
    ("63", "Kalimantan Selatan", 11, 2, (115.0, 116.5, -4.2, -1.3)),
    ("64", "Kalimantan Timur", 7, 3, (115.0, 119.0, -1.3, 2.5)),
    ("65", "Kalimantan Utara", 4, 1, (115.5, 118.0, 2.5, 4.4)),
    ("71", "Sulawesi Utara", 11, 4, (123.0, 125.2, 0.3, 4.5)),
    ("72", "Sulawesi Tengah", 12, 1, (119.6, 124.2, -2.0, 0.3)),
    ("73", "Sulawesi Selatan", 21, 3, (119.6, 121.0, -6.5, -2.0)),
    ("74", "Sulawesi Tenggara", 15, 2, (121.0, 124.0, -6.0, -2.8)),
    ("75", "Gorontalo", 5, 1, (121.0, 123.0, 0.3, 1.2)),
    ("76", "Sulawesi Barat", 6, 0, (118.7, 119.6, -3.6, -1.3)),
    ("81", "Maluku", 9, 2, (125.2, 134.5, -8.0, -2.5)),
    ("82", "Maluku Utara", 8, 2, (125.2, 129.0, -2.5, 2.6)),
    ("91", "Papua", 8, 1, (135.0, 141.0, -3.0, -0.5)),
    ("92", "Papua Barat", 7, 0, (132.5, 135.0, -2.5, 0.0)),
    ("93", "Papua Selatan", 4, 0, (137.0, 141.0, -9.2, -5.0)),
    ("94", "Papua Tengah", 8, 0, (134.5, 138.0, -5.0, -3.0)),
    ("95", "Papua Pegunungan", 8, 0, (138.0, 141.0, -5.0, -3.0)),
    ("96", "Papua Barat Daya", 5, 1, (129.0, 132.5, -2.5, 0.5)),
)

CONFIG_NASIONAL = """\
# Siaga Pilkada — region configuration (synthetic national-scale dataset).
# SEMUA data di folder ini SINTETIS: hanya kode dan nama provinsi yang nyata.

[wilayah]
kode = "00"                    # the whole country
nama = "Indonesia"
provinsi = "Indonesia"
zona_waktu = "WIB"             # WIB | WITA | WIT
hari_pemungutan = 2024-11-27   # voting day (hari H)
batas_logistik = 2024-11-26    # logistics complete at every TPS (H-1)
simulasi = true                # show the "simulated data" notice
sumber_data = "Data sintetis skala nasional (python -m siaga demo --skala nasional); bukan data nyata."

[peta]
batas_perkiraan = true         # synthetic boundaries: nested rectangles

""" + kota.KESIAPAN_TOML + """
# Penalties per open item are set by each desk. These suit the density of the synthetic national
# data, about 55 incidents and 5 neutrality cases per kecamatan; the city demo uses 1/5/15 and 15.
[kesiapan.penalti]
insiden_rendah = 0.5
insiden_sedang = 2
insiden_tinggi = 5
netralitas = 4
"""

# Times are whole minutes since T0 (local time); dates are whole days since T0.
T0 = dt.datetime(2024, 9, 1)
HARI = 1440
JAM = 60
HARI_TABEL = (-60, 150)        # range of day offsets in the date table
MENIT_TABEL = 100 * HARI       # size of the minute table


def _m(month: int, day: int, hour: float = 0.0) -> float:
    return (dt.datetime(2024, month, day) - T0).total_seconds() / 60 + hour * JAM


MULAI_JAM = _m(9, 2, 8)
AKHIR_JAM = _m(11, 27, 14)          # last event: voting day, after the TPS close
HARI_H_KE = int(_m(11, 27)) // HARI
CHUNK = 400_000                 # rows per block of CSV text

PERALATAN = ("KOTAK", "BILIK", "ALAT")       # delivered to the TPS a day earlier
CATATAN_LOGISTIK = (
    "hasil sortir dan lipat: surat suara rusak dipisahkan",
    "pengganti surat suara rusak dari percetakan",
    "kurang, menunggu kiriman susulan dari PPK",
    "kiriman susulan",
    "jumlah kurang dari kebutuhan, sudah dilaporkan ke PPS",
    "pengganti barang rusak",
    "kiriman susulan dari PPS",
)
KHUSUS = ("TPS khusus: Lembaga pemasyarakatan (simulasi)", "TPS khusus: Rumah sakit (simulasi)",
          "TPS khusus: Rumah tahanan (simulasi)", "TPS khusus: Panti sosial (simulasi)")

# Incident texts: {wil} is "Kelurahan X", "Desa X" or "Kecamatan X"; no person's or candidate's name.
RINGKASAN_NASIONAL = {
    "politik_uang": ["Dugaan pembagian uang kepada warga di {wil}.",
                     "Laporan pembagian paket sembako disertai ajakan memilih di {wil}."],
    "sara_hoaks": ["Unggahan bernada SARA beredar di grup percakapan warga {wil}.",
                   "Hoaks tentang perubahan lokasi TPS beredar di media sosial ({wil})."],
    "intimidasi": ["Warga melaporkan tekanan untuk hadir di acara kampanye ({wil}).",
                   "Petugas KPPS melaporkan ancaman verbal di sekitar TPS ({wil})."],
    "gangguan_keamanan": ["Gesekan antarpendukung saat pawai kampanye di {wil}.",
                          "Keributan kecil di lokasi kampanye terbuka di {wil}."],
    "pelanggaran_apk": ["APK terpasang di fasilitas umum di {wil}.",
                        "APK masih terpasang saat masa tenang di ruas jalan {wil}."],
    "data_pemilih": ["Warga pindahan belum terdaftar di DPT TPS terdekat ({wil}).",
                     "C-Pemberitahuan belum diterima sebagian warga di {wil}."],
    "logistik": ["Surat suara kurang dari kebutuhan di salah satu TPS ({wil}).",
                 "Kotak suara rusak terkena air saat penyimpanan di {wil}."],
    "bencana_banjir": ["Genangan air di sekitar lokasi TPS {wil} setelah hujan deras.",
                       "Banjir di permukiman {wil}; akses ke TPS terganggu."],
    "netralitas_penyelenggara": ["Dugaan anggota badan ad hoc mengunggah konten dukungan ({wil})."],
    "pelayanan_publik": ["Pelayanan kantor desa atau kelurahan tertunda karena kegiatan kampanye ({wil}).",
                         "Pemadaman listrik di sekitar lokasi TPS ({wil}).",
                         "Kemacetan panjang akibat pawai kampanye melintasi {wil}."],
}
# Responsible unit (a role, never a person): {kab} kab/kota name, {kec} kecamatan name.
PIC_NASIONAL = {
    "politik_uang": "Bawaslu {kab} (Sentra Gakkumdu)", "sara_hoaks": "Kesbangpol {kab}",
    "intimidasi": "Polres {kab}", "gangguan_keamanan": "Polres {kab}", "pelanggaran_apk": "Satpol PP {kab}",
    "data_pemilih": "KPU {kab}", "logistik": "KPU {kab}", "bencana_banjir": "BPBD {kab}",
    "netralitas_penyelenggara": "Bawaslu {kab}", "pelayanan_publik": "Camat {kec}",
}
# Status paths of an incident (rows): most are closed; a few stall open.
JALUR_INSIDEN = (          # about 1% of incidents are never closed
    (("dilaporkan", "selesai"), 0.42),
    (("dilaporkan", "diverifikasi", "selesai"), 0.33),
    (("dilaporkan", "diverifikasi", "ditangani", "selesai"), 0.24),
    (("dilaporkan",), 0.003),
    (("dilaporkan", "diverifikasi"), 0.003),
    (("dilaporkan", "diverifikasi", "ditangani"), 0.004),
)
OPD_DAERAH = ("Dinas Pendidikan", "Dinas Kesehatan", "Dinas Perhubungan", "Satpol PP", "Dinas Sosial",
              "Dinas Lingkungan Hidup", "Bapenda", "RSUD", "Dinas Kependudukan dan Pencatatan Sipil",
              "Dinas Pekerjaan Umum", "Badan Kepegawaian Daerah")
OPD_PROVINSI = ("Dinas Pendidikan", "Dinas Kesehatan", "Badan Kepegawaian Daerah", "Dinas Perhubungan",
                "Satpol PP", "Biro Pemerintahan")
JABATAN = ("Guru", "Staf pelaksana", "Kepala seksi", "Tenaga kesehatan", "Kepala sekolah", "Penyuluh")


# ---------------------------------------------------------------- helpers

def _bagi(total: int, w: np.ndarray, lo: int = 1, hi: int | None = None) -> np.ndarray:
    """Integers >= ``lo`` (<= ``hi``) in proportion to ``w`` that sum exactly to ``total``."""
    w = np.asarray(w, dtype=float)
    n = len(w)
    total = max(int(total), lo * n)
    share = w / w.sum() * total
    out = np.maximum(np.floor(share).astype(np.int64), lo)
    if hi is not None:
        out = np.minimum(out, hi)
    while (diff := total - int(out.sum())) != 0:
        if diff > 0:
            ok = out < hi if hi is not None else np.ones(n, bool)
            key = np.where(ok, share - out, -np.inf)
        else:
            ok = out > lo
            key = np.where(ok, out - share, -np.inf)
        cand = np.argsort(-key, kind="stable")[: min(abs(diff), int(ok.sum()))]
        if len(cand) == 0:
            raise ValueError("pembagian tidak mungkin: batas terlalu sempit")
        out[cand] += 1 if diff > 0 else -1
    return out


def _petak(x0: float, x1: float, y0: float, y1: float, w: np.ndarray) -> np.ndarray:
    """Split a rectangle into len(w) rectangles (columns, then rows) of area roughly ∝ w.

    Boundaries are rounded to 4 decimals and the outer ones are the input's, so the pieces tile
    the rectangle exactly. Returns an (n, 4) array of lon0, lon1, lat0, lat1."""
    n = len(w)
    w = np.asarray(w, dtype=float)
    w = 0.7 * w / w.sum() + 0.3 / n
    ncol = int(np.clip(round(math.sqrt(n * (x1 - x0) / (y1 - y0))), 1, n))
    groups = np.array_split(np.arange(n), ncol)
    colw = np.array([w[g].sum() for g in groups])
    xs = np.round(x0 + (x1 - x0) * np.concatenate([[0.0], np.cumsum(colw)]) / colw.sum(), 4)
    xs[0], xs[-1] = x0, x1
    out = np.empty((n, 4))
    for j, g in enumerate(groups):
        ys = np.round(y0 + (y1 - y0) * np.concatenate([[0.0], np.cumsum(w[g])]) / w[g].sum(), 4)
        ys[0], ys[-1] = y0, y1
        out[g, 0], out[g, 1] = xs[j], xs[j + 1]
        out[g, 2], out[g, 3] = ys[:-1], ys[1:]
    if not ((out[:, 1] > out[:, 0]).all() and (out[:, 3] > out[:, 2]).all()):
        raise ValueError("petak terlalu kecil")
    return out


def _dalam(rng: np.random.Generator, rect: np.ndarray, inset: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points strictly inside each rectangle (an inset margin on every side)."""
    w, h = rect[:, 1] - rect[:, 0], rect[:, 3] - rect[:, 2]
    lon = rect[:, 0] + w * (inset + (1 - 2 * inset) * rng.random(len(rect)))
    lat = rect[:, 2] + h * (inset + (1 - 2 * inset) * rng.random(len(rect)))
    return lat, lon


def _dekat(rng, lat, lon, rect, sebar=0.12, inset=0.03) -> tuple[np.ndarray, np.ndarray]:
    """Points scattered around (lat, lon), kept inside each rectangle's inset."""
    w, h = rect[:, 1] - rect[:, 0], rect[:, 3] - rect[:, 2]
    x = np.clip(lon + rng.normal(0, sebar, len(lon)) * w, rect[:, 0] + inset * w, rect[:, 1] - inset * w)
    y = np.clip(lat + rng.normal(0, sebar, len(lat)) * h, rect[:, 2] + inset * h, rect[:, 3] - inset * h)
    return y, x


def _kutip(s: str) -> str:
    """One CSV field as Python's csv module writes it (quoted only when needed)."""
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def _teks(values) -> pa.Array:
    """A string array of CSV fields (None stays null = blank field)."""
    return pa.array([None if v is None else _kutip(v) for v in values], pa.string())


def _ambil(tabel: pa.Array, idx: np.ndarray) -> pa.Array:
    """``tabel[idx]``; a negative index is a blank field."""
    idx = np.asarray(idx)
    mask = idx < 0
    return pc.take(tabel, pa.array(np.where(mask, 0, idx), mask=mask if mask.any() else None))


def _angka(x: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(x), pa.string())


def _koordinat(x: np.ndarray) -> pa.Array:
    """Degrees rounded to 5 decimals; NaN is blank."""
    return pc.cast(pa.array(np.round(x, 5), from_pandas=True), pa.string())


@dataclass
class _Waktu:
    menit: pa.Array            # "YYYY-MM-DD HH:MM" per minute since T0
    hari: pa.Array             # "YYYY-MM-DD" per day since T0 + HARI_TABEL[0]

    @classmethod
    def buat(cls) -> _Waktu:
        t0 = np.datetime64(T0, "m")
        m = np.datetime_as_string(t0 + np.arange(MENIT_TABEL), unit="m")
        d = np.datetime_as_string(np.datetime64(T0.date(), "D") + np.arange(*HARI_TABEL), unit="D")
        return cls(pa.array(np.char.replace(m, "T", " ")), pa.array(d))

    def waktu(self, menit: np.ndarray) -> pa.Array:
        return _ambil(self.menit, np.asarray(menit, dtype=np.int64))

    def tanggal(self, hari: np.ndarray) -> pa.Array:
        hari = np.asarray(hari, dtype=np.int64)
        return _ambil(self.hari, np.where(hari < -10**6, -1, hari - HARI_TABEL[0]))


def _baris(cols: list[pa.Array]) -> memoryview:
    """CSV lines (with their newline) for a block of columns, as one contiguous buffer."""
    line = pc.binary_join_element_wise(*cols, ",", null_handling="replace", null_replacement="")
    line = pc.binary_join_element_wise(line, "", "\n")
    offs = np.frombuffer(line.buffers()[1], dtype=np.int32)[line.offset:line.offset + len(line) + 1]
    return memoryview(line.buffers()[2])[int(offs[0]):int(offs[-1])]


def _tulis_csv(path: Path, header: list[str], blok: Iterator[list[pa.Array]]) -> int:
    """Write header and blocks to a temporary file beside ``path``, fsync, then :func:`fileio.ganti`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    n = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write((",".join(header) + "\n").encode("utf-8"))
            for cols in blok:
                fh.write(_baris(cols))
                n += len(cols[0])
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    ganti(Path(tmp), path)
    return n


def _potongan(n: int, order: np.ndarray | None = None) -> Iterator[np.ndarray]:
    for a in range(0, n, CHUNK):
        yield order[a:a + CHUNK] if order is not None else np.arange(a, min(n, a + CHUNK))


def _grup_awal(sizes: np.ndarray) -> np.ndarray:
    """First index of each group given the group sizes."""
    return np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)


def _posisi(sizes: np.ndarray) -> np.ndarray:
    """0, 1, .. within each group, for rows laid group after group."""
    return np.arange(int(sizes.sum())) - np.repeat(_grup_awal(sizes), sizes)


# ---------------------------------------------------------------- regions

@dataclass
class Negeri:
    """The synthetic country: arrays per level, every level in code order."""
    kab_prov: np.ndarray
    kab_kode: list[str]
    kab_nama: list[str]
    kab_lag: np.ndarray           # days late (0: on time)
    kab_rect: np.ndarray
    kec_kab: np.ndarray
    kec_kode: list[str]
    kec_rect: np.ndarray
    kel_kec: np.ndarray
    kel_kode: list[str]
    kel_desa: np.ndarray
    kel_lat: np.ndarray
    kel_lon: np.ndarray
    tps_kel: np.ndarray
    tps_nomor: np.ndarray
    tps_kode: list[str]
    dpt: np.ndarray
    tps_khusus: np.ndarray        # index into KHUSUS, -1 regular
    tps_lat: np.ndarray
    tps_lon: np.ndarray
    banjir: np.ndarray

    @property
    def tps_kec(self) -> np.ndarray:
        return self.kel_kec[self.tps_kel]

    @property
    def tps_kab(self) -> np.ndarray:
        return self.kec_kab[self.tps_kec]


def _nama(kode: str) -> str:
    """Name of a fictional kecamatan or kelurahan/desa."""
    return f"Contoh {kode}"


def buat_negeri(rng: np.random.Generator, faktor: float) -> Negeri:
    real = np.array([k + c for _, _, k, c, _ in PROVINSI])
    n_kab = UKURAN["kabkota"] if faktor == 1 else max(len(PROVINSI), round(UKURAN["kabkota"] * faktor))
    per_prov = _bagi(n_kab, real, lo=1)
    kab_prov, kab_kode, kab_nama, kab_kota = [], [], [], []
    for p, ((kode, _, k, c, _), n) in enumerate(zip(PROVINSI, per_prov)):
        n_kota = min(round(n * c / (k + c)), 28)
        n_kab_p = int(n) - n_kota
        for j in range(n_kab_p):
            kab_kode.append(f"{kode}.{j + 1:02d}")
            kab_nama.append(f"Kabupaten Contoh {kode}.{j + 1:02d}")
            kab_kota.append(False)
        for j in range(n_kota):
            kab_kode.append(f"{kode}.{71 + j:02d}")
            kab_nama.append(f"Kota Contoh {kode}.{71 + j:02d}")
            kab_kota.append(True)
        kab_prov += [p] * int(n)
    kab_prov = np.array(kab_prov)
    kab_kota = np.array(kab_kota)
    nk = len(kab_kode)

    # a minority of kab/kota run late (logistics, KPPS, checklist)
    kab_lag = np.zeros(nk)
    lambat = rng.choice(nk, size=max(1, round(0.06 * nk)), replace=False)
    kab_lag[lambat] = rng.choice([1.0, 1.5, 2.0, 2.5, 3.0], size=len(lambat))

    # kecamatan per kab/kota; kelurahan/desa per kecamatan; TPS per kelurahan
    n_kec = max(nk, round(UKURAN["kecamatan"] * faktor))
    kec_per_kab = _bagi(n_kec, rng.gamma(4.0, 1.0, nk) * np.where(kab_kota, 0.45, 1.0), lo=1, hi=99)
    kec_kab = np.repeat(np.arange(nk), kec_per_kab)
    kec_no = _posisi(kec_per_kab) + 1
    kec_kode = [f"{kab_kode[k]}.{n:02d}" for k, n in zip(kec_kab, kec_no)]
    nc = len(kec_kode)

    n_kel = max(nc, round(UKURAN["kelurahan"] * faktor))
    kota_kec = kab_kota[kec_kab]
    kel_per_kec = _bagi(n_kel, rng.gamma(3.0, 1.0, nc) * np.where(kota_kec, 0.8, 1.0), lo=1, hi=600)
    # kota: all kelurahan; kabupaten: mostly desa, a few kelurahan (the kecamatan's town)
    n_lurah = np.where(kota_kec, kel_per_kec, rng.binomial(kel_per_kec, 0.08))
    kel_kec = np.repeat(np.arange(nc), kel_per_kec)
    pos = _posisi(kel_per_kec)
    lurah_kec = np.repeat(n_lurah, kel_per_kec)
    kel_desa = pos >= lurah_kec
    kel_no = np.where(kel_desa, 2001 + pos - lurah_kec, 1001 + pos)
    kel_kode = [f"{kec_kode[k]}.{n}" for k, n in zip(kel_kec, kel_no)]
    nl = len(kel_kode)

    n_tps = max(nl, round(UKURAN["tps"] * faktor))
    tps_per_kel = _bagi(n_tps, rng.gamma(2.0, 1.0, nl) * np.where(kel_desa, 1.0, 1.8), lo=1, hi=999)
    tps_kel = np.repeat(np.arange(nl), tps_per_kel)
    tps_nomor = _posisi(tps_per_kel) + 1
    tps_kode = [f"{kel_kode[k]}.{n:03d}" for k, n in zip(tps_kel, tps_nomor)]
    nt = len(tps_kode)

    # DPT: mostly 350-580, some small TPS down to 150; special TPS (prison, hospital) last in a kelurahan
    kecil = rng.random(nt) < 0.12
    dpt = np.where(kecil, rng.integers(150, 350, nt), np.clip(np.rint(rng.normal(480, 70, nt)), 150, 600))
    dpt = dpt.astype(np.int64)
    last = _grup_awal(tps_per_kel) + tps_per_kel - 1
    punya = (tps_per_kel >= 2) & (rng.random(nl) < 0.004)
    tps_khusus = np.full(nt, -1, dtype=np.int64)
    tps_khusus[last[punya]] = rng.integers(0, len(KHUSUS), int(punya.sum()))
    khusus = tps_khusus >= 0
    dpt[khusus] = rng.integers(180, 421, int(khusus.sum()))

    # geometry: provinces -> kab/kota -> kecamatan; kelurahan and TPS are points
    kab_rect = np.empty((nk, 4))
    for p, (_, _, _, _, box) in enumerate(PROVINSI):
        idx = np.flatnonzero(kab_prov == p)
        # area ~ number of kecamatan, kota smaller; cells shuffled so kota are not all in one corner
        w = kec_per_kab[idx] * np.where(kab_kota[idx], 0.35, 1.0)
        perm = rng.permutation(len(idx))
        kab_rect[idx[perm]] = _petak(*box, w[perm])
    kec_rect = np.empty((nc, 4))
    start = _grup_awal(kec_per_kab)
    for k in range(nk):
        idx = np.arange(start[k], start[k] + kec_per_kab[k])
        perm = rng.permutation(len(idx))
        kec_rect[idx[perm]] = _petak(*kab_rect[k], kel_per_kec[idx][perm] + 2.0)
    kel_lat, kel_lon = _dalam(rng, kec_rect[kel_kec], inset=0.10)
    tps_lat, tps_lon = _dekat(rng, kel_lat[tps_kel], kel_lon[tps_kel], kec_rect[kel_kec[tps_kel]])

    p_banjir = rng.choice([0.01, 0.03, 0.06, 0.12, 0.2], size=nk, p=[0.35, 0.3, 0.2, 0.1, 0.05])
    banjir = rng.random(nt) < p_banjir[kec_kab[kel_kec[tps_kel]]]
    return Negeri(kab_prov, kab_kode, kab_nama, kab_lag, kab_rect, kec_kab, kec_kode, kec_rect,
                  kel_kec, kel_kode, kel_desa, kel_lat, kel_lon, tps_kel, tps_nomor, tps_kode, dpt,
                  tps_khusus, np.round(tps_lat, 5), np.round(tps_lon, 5), banjir)


def tulis_wilayah(n: Negeri, path: Path) -> int:
    kode = [p[0] for p in PROVINSI] + n.kab_kode + n.kec_kode + n.kel_kode
    nama = [p[1] for p in PROVINSI] + n.kab_nama + [_nama(k) for k in n.kec_kode + n.kel_kode]
    induk = (["00"] * len(PROVINSI) + [PROVINSI[p][0] for p in n.kab_prov]
             + [n.kab_kode[k] for k in n.kec_kab] + [n.kec_kode[k] for k in n.kel_kec])
    tingkat = np.repeat(np.arange(4), [len(PROVINSI), len(n.kab_kode), len(n.kec_kode), len(n.kel_kode)])
    blank = pa.nulls(len(kode), pa.string())
    cols = [_ambil(pa.array(["provinsi", "kabkota", "kecamatan", "kelurahan"]), tingkat), pa.array(kode),
            _teks(nama), pa.array(induk), blank, blank]
    return _tulis_csv(path, ["tingkat", "kode", "nama", "kode_induk", "nama_lain", "kode_bps"], iter([cols]))


def tulis_tps(n: Negeri, path: Path) -> int:
    kode = pa.array(n.tps_kode)
    kel = pc.take(pa.array(n.kel_kode), pa.array(n.tps_kel))
    ket = _teks(KHUSUS)
    jenis = pa.array(["reguler", "khusus"])
    yt = pa.array(["tidak", "ya"])

    def blok():
        for s in _potongan(len(n.tps_kode)):
            yield [kode.take(pa.array(s)), kel.take(pa.array(s)), _angka(n.tps_nomor[s]), _angka(n.dpt[s]),
                   _ambil(jenis, (n.tps_khusus[s] >= 0).astype(np.int64)), _ambil(ket, n.tps_khusus[s]),
                   _koordinat(n.tps_lat[s]), _koordinat(n.tps_lon[s]), _ambil(yt, n.banjir[s].astype(np.int64))]

    return _tulis_csv(path, ["kode_tps", "kode_kelurahan", "nomor_tps", "dpt", "jenis", "keterangan", "lat",
                             "lon", "rawan_banjir"], blok())


def tulis_geo(n: Negeri, geo: Path) -> dict[str, int]:
    def fc(name, kode, nama, rect):
        feats = []
        for k, nm, (x0, x1, y0, y1) in zip(kode, nama, rect.tolist()):
            ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
            feats.append({"type": "Feature", "properties": {"kode": k, "nama": nm},
                          "geometry": {"type": "Polygon", "coordinates": [[[round(x, 4), round(y, 4)]
                                                                           for x, y in ring]]}})
        return {"type": "FeatureCollection", "name": name, "features": feats}

    prov_rect = np.array([p[4] for p in PROVINSI], dtype=float)
    out = {}
    for name, f in (("provinsi.geojson", fc("provinsi (sintetis)", [p[0] for p in PROVINSI],
                                           [p[1] for p in PROVINSI], prov_rect)),
                    ("kabkota.geojson", fc("kabkota (sintetis)", n.kab_kode, n.kab_nama, n.kab_rect)),
                    ("kecamatan.geojson", fc("kecamatan (sintetis)", n.kec_kode,
                                             [_nama(k) for k in n.kec_kode], n.kec_rect))):
        tulis_atomik(geo / name, json.dumps(f, ensure_ascii=False, separators=(",", ":")) + "\n")
        out[name] = len(f["features"])
    return out


# ---------------------------------------------------------------- logistics

@dataclass
class Item:
    kode: list[str]
    satuan: list[str]
    per_tps: np.ndarray
    per_pemilih: np.ndarray
    cadangan: np.ndarray
    mulai: np.ndarray             # gudang window, minutes
    akhir: np.ndarray

    @classmethod
    def baca(cls, path: Path) -> Item:
        df = pd.read_csv(path, dtype={"kode_item": str}, keep_default_na=False).sort_values("urutan", kind="stable")
        jendela = {i[0]: i[6] for i in kota.ITEMS}
        lawas = ((10, 7), (10, 31))
        mulai = [_m(*jendela.get(k, lawas)[0], 8) for k in df["kode_item"]]
        akhir = [_m(*jendela.get(k, lawas)[1], 8) for k in df["kode_item"]]
        return cls(list(df["kode_item"]), list(df["satuan"]), df["per_tps"].to_numpy(float),
                   df["per_pemilih"].to_numpy(float), df["cadangan_persen"].to_numpy(float),
                   np.array(mulai), np.array(akhir))

    def kebutuhan(self, dpt: np.ndarray) -> np.ndarray:
        """Need per TPS and item, as queries/model/02_kebutuhan.sql computes it (same float operations)."""
        d = dpt.astype(np.float64)[:, None]
        return np.ceil(self.per_tps + self.per_pemilih * d * (1 + self.cadangan / 100.0)).astype(np.int64)


class _Log:
    """Logistics rows gathered as column arrays (tahap: index into contract.TAHAP_LOGISTIK)."""

    def __init__(self):
        self.parts: list[tuple] = []

    def add(self, t, tahap, loc, item, need, got, bad, note):
        n = len(t)

        def f(x, dtype):
            return np.broadcast_to(np.asarray(x, dtype=dtype), (n,))

        self.parts.append((f(t, np.float64), f(tahap, np.int8), f(loc, np.int64), f(item, np.int16),
                           f(need, np.int64), f(got, np.int64), f(bad, np.int64), f(note, np.int16)))

    def arrays(self) -> list[np.ndarray]:
        cols = [np.concatenate([p[i] for p in self.parts]) for i in range(8)]
        self.parts = []
        return cols


def buat_logistik(rng: np.random.Generator, n: Negeri, it: Item) -> list[np.ndarray]:
    ni, nk, nc, nl, nt = len(it.kode), len(n.kab_kode), len(n.kec_kode), len(n.kel_kode), len(n.tps_kode)
    need_tps = it.kebutuhan(n.dpt)
    need_kel = np.stack([np.bincount(n.tps_kel, need_tps[:, i], nl) for i in range(ni)], 1).round().astype(np.int64)
    need_kec = np.stack([np.bincount(n.kel_kec, need_kel[:, i], nc) for i in range(ni)], 1).round().astype(np.int64)
    need_kab = np.stack([np.bincount(n.kec_kab, need_kec[:, i], nk) for i in range(ni)], 1).round().astype(np.int64)
    off = {"gudang": 0, "ppk": nk, "pps": nk + nc, "tps": nk + nc + nl}
    ballot = it.per_pemilih > 0
    log = _Log()
    lag_kab = n.kab_lag

    # gudang: 3-5 supplier batches per kab/kota and item, each in its own slice of the item's window
    pk, pi = np.repeat(np.arange(nk), ni), np.tile(np.arange(ni), nk)
    k = rng.integers(3, 6, nk * ni)
    g = np.repeat(np.arange(nk * ni), k)
    pos = _posisi(k)
    cw = np.cumsum(rng.uniform(0.5, 1.5, len(g)))
    before = np.repeat(np.concatenate([[0.0], cw[np.cumsum(k)[:-1] - 1]]), k)
    cum = cw - before
    tot = np.repeat(cum[np.cumsum(k) - 1], k)
    target = np.rint(cum / tot * need_kab[pk, pi][g]).astype(np.int64)
    qty = target - np.where(pos > 0, np.concatenate([[0], target[:-1]]), 0)
    h0 = np.floor((it.mulai[pi] + lag_kab[pk] * 0.5 * HARI) / JAM)[g]
    span = np.floor((it.akhir[pi] - it.mulai[pi]) / JAM)[g]
    kk = k[g]
    b0, b1 = np.floor(pos * span / kk), np.floor((pos + 1) * span / kk)
    jam = h0 + b0 + np.floor(rng.random(len(g)) * (b1 - b0))
    log.add(jam * JAM, 0, pk[g] + off["gudang"], pi[g], need_kab[pk, pi][g], qty, 0, -1)
    # ballots: damaged sheets found at sorting and folding, replaced by the printer days later
    last = jam[np.cumsum(k) - 1]
    sel = np.flatnonzero(ballot[pi])
    rusak = np.floor(need_kab[pk[sel], pi[sel]] * rng.uniform(0.002, 0.005, len(sel))).astype(np.int64)
    sel, rusak = sel[rusak > 0], rusak[rusak > 0]
    hari_rusak = np.floor(last[sel] / 24) + rng.integers(1, 4, len(sel))
    t_rusak = hari_rusak * HARI + 15 * JAM
    t_ganti = (hari_rusak + rng.integers(2, 6, len(sel))) * HARI + 10 * JAM
    need_sel = need_kab[pk[sel], pi[sel]]
    log.add(t_rusak, 0, pk[sel], pi[sel], need_sel, 0, rusak, 0)
    log.add(t_ganti, 0, pk[sel], pi[sel], need_sel, rusak, 0, 1)

    # PPK: KPU delivers to the kecamatan of a kab/kota over about five days from 14 November
    lag_kec = lag_kab[n.kec_kab]
    key = rng.random(nc)
    order = np.lexsort((key, n.kec_kab))
    kec_per_kab = np.bincount(n.kec_kab, minlength=nk)
    rank = np.empty(nc, dtype=np.int64)
    rank[order] = _posisi(kec_per_kab)
    per_day = np.ceil(kec_per_kab / 5)[n.kec_kab]
    day = np.floor(rank / per_day)
    t_ppk = (_m(11, 14, 8) + (day + lag_kec * 1.5)[:, None] * HARI + np.where(ballot, 1.5 * HARI, 0)[None, :]
             + rng.uniform(0, 8 * JAM, (nc, ni)))
    ci, ii = np.divmod(np.arange(nc * ni), ni)
    log.add(t_ppk.ravel(), 1, ci + off["ppk"], ii, need_kec.ravel(), need_kec.ravel(), 0, -1)

    # PPS: a few days after the PPK; lagging kab/kota slip to H-1, some short and topped up later
    lag_kel = lag_kab[n.kec_kab[n.kel_kec]]
    t_pps = t_ppk[n.kel_kec] + ((rng.uniform(2.5, 4.0, (nl, ni)) + lag_kel[:, None] * 0.5) * HARI)
    cap = np.where(lag_kel > 0, _m(11, 26), _m(11, 25))[:, None] + rng.uniform(8 * JAM, 20 * JAM, (nl, ni))
    t_pps = np.minimum(t_pps, cap)
    short = np.where((lag_kel[:, None] > 0) & (rng.random((nl, ni)) < 0.35),
                     np.floor(need_kel * rng.uniform(0.01, 0.04, (nl, ni))), 0).astype(np.int64)
    li, ii = np.divmod(np.arange(nl * ni), ni)
    s = short.ravel()
    log.add(t_pps.ravel(), 2, li + off["pps"], ii, need_kel.ravel(), need_kel.ravel() - s, 0,
            np.where(s > 0, 2, -1))
    m = np.flatnonzero(s > 0)
    log.add(t_pps.ravel()[m] + rng.uniform(0.5, 1.5, len(m)) * HARI, 2, li[m] + off["pps"], ii[m],
            need_kel.ravel()[m], s[m], 0, 3)

    # TPS: one delivery of the equipment on H-2 and one of the rest on H-1 (items minutes apart), never
    # before the PPS got them; lagging kab/kota deliver later, up to voting morning before the TPS open,
    # and some of their TPS are short of one item (mostly ballots) at H-1
    lag_tps = lag_kab[n.tps_kab]
    early = np.isin(np.array(it.kode), PERALATAN)
    kirim = np.stack([_m(11, 25, 9) + rng.random(nt) * 10 * JAM, _m(11, 26, 8) + rng.random(nt) * 10 * JAM], 1)
    kirim += lag_tps[:, None] * rng.uniform(1.5 * JAM, 4 * JAM, (nt, 2))
    ti, ii = np.divmod(np.arange(nt * ni), ni)
    t = kirim[ti, np.where(early[ii], 0, 1)] + rng.random(nt * ni) * 20
    del kirim
    t = np.maximum(t, t_pps[n.tps_kel[ti], ii] + rng.uniform(1 * JAM, 3 * JAM, nt * ni))
    t = np.minimum(t, _m(11, 27, 6.5))
    need = need_tps.ravel()
    missing = np.zeros(nt * ni, dtype=np.int64)
    kurang = np.flatnonzero((lag_tps > 0) & (rng.random(nt) < 0.08 * lag_tps))
    p_item = np.where(ballot, 3.0, 1.0)
    miss = kurang * ni + rng.choice(ni, size=len(kurang), p=p_item / p_item.sum())
    missing[miss] = np.maximum(1, np.floor(need[miss] * rng.uniform(0.1, 0.6, len(miss)))).astype(np.int64)
    bad = np.zeros(nt * ni, dtype=np.int64)
    rb = np.flatnonzero(rng.random(nt * ni) < 0.004)
    hi = np.maximum(2, np.minimum(6, need[rb]))
    bad[rb] = 1 + np.floor(rng.random(len(rb)) * (hi - 1)).astype(np.int64)
    bad[rb] = np.minimum(bad[rb], need[rb] - missing[rb])        # never more damaged than received
    # notes: 4 = short, 7 + item * 6 + bad = "<bad> <unit> rusak saat diterima KPPS"
    note = np.where(missing > 0, 4, np.where(bad > 0, 7 + ii * 6 + bad, -1))
    log.add(t, 3, ti + off["tps"], ii, need, need - missing, bad, note)
    del note
    # replacements of damaged units and top-ups of short TPS: most come, none after 10:00 on voting day
    batas = _m(11, 27, 10)
    ganti = rb[rng.random(len(rb)) < np.where(lag_tps[ti[rb]] > 0, 0.6, 0.95)]
    t_ganti = t[ganti] + rng.uniform(2 * JAM, 12 * JAM, len(ganti))
    ganti, t_ganti = ganti[t_ganti <= batas], t_ganti[t_ganti <= batas]
    log.add(t_ganti, 3, ti[ganti] + off["tps"], ii[ganti], need[ganti], bad[ganti], 0, 5)
    susul = miss[rng.random(len(miss)) < 0.8]
    t_susul = t[susul] + rng.uniform(6 * JAM, 30 * JAM, len(susul))
    susul, t_susul = susul[t_susul <= batas], t_susul[t_susul <= batas]
    log.add(t_susul, 3, ti[susul] + off["tps"], ii[susul], need[susul], missing[susul], 0, 6)
    del t, ti, ii, need, missing, bad

    cols = log.arrays()
    t = np.floor(cols[0]).astype(np.int64)
    keep = (t <= AKHIR_JAM) & ((cols[5] > 0) | (cols[6] > 0))
    return [t[keep]] + [c[keep] for c in cols[1:]]


def tulis_logistik(cols: list[np.ndarray], n: Negeri, it: Item, w: _Waktu, path: Path) -> int:
    t, tahap, loc, item, need, got, bad, note = cols
    rank = np.argsort(np.argsort(np.array(it.kode)))          # kode_item sorts as text
    order = np.lexsort((rank[item], loc, tahap, t))
    codes = pa.array(n.kab_kode + n.kec_kode + n.kel_kode + n.tps_kode)
    items = pa.array(it.kode)
    tahap_t = pa.array([c for c, _ in TAHAP_LOGISTIK])
    notes = _teks(list(CATATAN_LOGISTIK) + [f"{b} {sat} rusak saat diterima KPPS" for sat in it.satuan
                                            for b in range(6)])

    def blok():
        for s in _potongan(len(t), order):
            yield [w.waktu(t[s]), _ambil(tahap_t, tahap[s]), _ambil(codes, loc[s]), _ambil(items, item[s]),
                   _angka(need[s]), _angka(got[s]), _angka(bad[s]), _ambil(notes, note[s])]

    return _tulis_csv(path, ["waktu", "tahap", "kode_lokasi", "kode_item", "jumlah_kebutuhan", "jumlah_diterima",
                             "jumlah_rusak", "catatan"], blok())


# ---------------------------------------------------------------- checklist

def tulis_checklist(rng: np.random.Generator, n: Negeri, w: _Waktu, path: Path) -> int:
    nt = len(n.tps_kode)
    lag = n.kab_lag[n.tps_kab]
    D = HARI
    ms = {
        "kpps_dibentuk": _m(10, 20, 8) + (rng.uniform(0, 12, nt) + lag) * D,
        "kpps_dilantik": _m(11, 4, 8) + (rng.uniform(0, 4, nt) + lag * 1.5) * D,
        "kpps_bimtek": _m(11, 8, 8) + (rng.uniform(0, 12, nt) + lag * 2) * D,
        "linmas1": _m(11, 10, 8) + (rng.uniform(0, 10, nt) + lag) * D,
        "linmas2": _m(11, 12, 8) + (rng.uniform(0, 11, nt) + lag * 1.5) * D,
        "pengamanan": _m(11, 18, 8) + (rng.uniform(0, 7, nt) + lag) * D,
        "lokasi_siap": _m(11, 24, 8) + (rng.uniform(0, 30, nt) + lag * 10) * JAM,
    }
    ms["penerangan"] = ms["lokasi_siap"] + rng.uniform(0, 12, nt) * JAM
    no_light = rng.random(nt) < 0.03
    no_access = rng.random(nt) < np.where(lag > 0, 0.10, 0.06)
    flooded = n.banjir & (rng.random(nt) < 0.25)
    c_final = np.where(lag > 0, rng.uniform(0.80, 0.95, nt), rng.uniform(0.93, 1.0, nt))
    c_start, c_end = _m(11, 15, 8) + lag * D, _m(11, 24, 18) + lag * D

    # about two reports per TPS: an early one (most), one at H-2/H-1 (all), one on voting morning (some)
    k = rng.choice(3, size=nt, p=[0.15, 0.70, 0.15])
    awal = np.floor(_m(10, 28, 8) + rng.random(nt) * (_m(11, 20, 8) - _m(10, 28, 8)))
    akhir = np.floor(_m(11, 25, 15) + rng.random(nt) * 31 * JAM)
    hari_h = np.floor(_m(11, 27, 6) + rng.random(nt) * 2 * JAM)
    slots = np.stack([np.where(k >= 1, awal, -1), akhir, np.where(k == 2, hari_h, -1)], 1)
    ti, si = np.nonzero(slots >= 0)
    t = slots[ti, si]
    state = {c: t >= ms[c][ti] for c in ("kpps_dibentuk", "kpps_dilantik", "kpps_bimtek", "pengamanan")}
    linmas = (t >= ms["linmas1"][ti]).astype(np.int64) + (t >= ms["linmas2"][ti])
    frac = np.clip((t - c_start[ti]) / (c_end[ti] - c_start[ti]), 0, 1)
    c = np.floor(n.dpt[ti] * c_final[ti] * frac).astype(np.int64)
    hari = np.floor(t / D)
    banjir_hari = np.isin(hari, [int(_m(mo, d) // D) for mo, d in kota.BANJIR_HARI])
    banjir_now = flooded[ti] & banjir_hari
    lokasi = (t >= ms["lokasi_siap"][ti]) & ~banjir_now
    akses = lokasi & ~no_access[ti]
    terang = lokasi & (t >= ms["penerangan"][ti]) & ~no_light[ti]
    lengkap = (state["kpps_dibentuk"] & state["kpps_dilantik"] & state["kpps_bimtek"] & lokasi
               & state["pengamanan"] & terang & (linmas >= 2) & (c >= 0.9 * n.dpt[ti]))
    masalah = lokasi & (no_light[ti] | no_access[ti]) & (t >= _m(11, 26))
    status = np.where(banjir_now | masalah, 2, np.where(lengkap, 0, 1))
    catatan = np.where(banjir_now, 0, np.where(masalah, np.where(no_light[ti], 1, 2), -1))
    order = np.lexsort((ti, t))
    yt = pa.array(["tidak", "ya"])
    st = pa.array(["siap", "belum", "bermasalah"])
    notes = _teks(["lokasi tergenang air, disiapkan lokasi alternatif", "penerangan belum memadai",
                   "akses kursi roda belum tersedia"])
    kode = pa.array(n.tps_kode)

    def b(x, s):
        return _ambil(yt, x[s].astype(np.int64))

    def blok():
        for s in _potongan(len(t), order):
            yield [w.waktu(t[s]), _ambil(kode, ti[s]), b(state["kpps_dibentuk"], s), b(state["kpps_dilantik"], s),
                   b(state["kpps_bimtek"], s), b(lokasi, s), b(akses, s), b(terang, s), _angka(c[s]),
                   _angka(linmas[s]), b(state["pengamanan"], s), _ambil(st, status[s]), _ambil(notes, catatan[s])]

    return _tulis_csv(path, ["waktu", "kode_tps", "kpps_dibentuk", "kpps_dilantik", "kpps_bimtek", "lokasi_siap",
                             "akses_disabilitas", "penerangan", "c_pemberitahuan", "linmas", "pengamanan", "status",
                             "catatan"], blok())


# ---------------------------------------------------------------- incidents

def tulis_insiden(rng: np.random.Generator, n: Negeri, w: _Waktu, faktor: float, path: Path) -> int:
    cats = [c for c, _, _ in kota.KATEGORI]
    nc = len(n.kec_kode)
    days = np.arange(int(MULAI_JAM // HARI), HARI_H_KE + 1)
    rate = np.array([[kota._rate(c, (T0 + dt.timedelta(days=int(d))).date()) for c in cats] for d in days])
    N = max(1, round(UKURAN["insiden"] * faktor))
    count = rng.multinomial(N, (rate / rate.sum()).ravel())
    cell = np.repeat(np.arange(count.size), count)
    day, cat = days[cell // len(cats)], cell % len(cats)
    start = day * HARI + 6 * JAM + rng.random(N) * np.where(day == HARI_H_KE, 7.5, 15) * JAM
    start = np.maximum(start, MULAI_JAM)
    o = np.argsort(start, kind="stable")                 # incident numbers follow the first report
    day, cat, start = day[o], cat[o], np.floor(start[o])

    # where: kecamatan weighted by DPT (logistics towards lagging kab/kota, floods towards flood-prone TPS)
    tps_kec = n.tps_kec
    dpt_kec = np.bincount(tps_kec, n.dpt, nc)
    banjir_kec = np.bincount(tps_kec, n.banjir, nc) / np.maximum(np.bincount(tps_kec, minlength=nc), 1)
    kec = np.empty(N, dtype=np.int64)
    for ci, c in enumerate(cats):
        idx = np.flatnonzero(cat == ci)
        wk = dpt_kec.copy()
        if c == "logistik":
            wk *= 1 + 2 * n.kab_lag[n.kec_kab]
        elif c == "bencana_banjir":
            wk *= 0.02 + banjir_kec
        kec[idx] = rng.choice(nc, size=len(idx), p=wk / wk.sum())
    kel_per_kec = np.bincount(n.kel_kec, minlength=nc)
    tps_per_kel = np.bincount(n.tps_kel, minlength=len(n.kel_kode))
    has_kel = rng.random(N) < 0.88
    kel = np.where(has_kel, _grup_awal(kel_per_kec)[kec] + np.floor(rng.random(N) * kel_per_kec[kec]), -1)
    kel = kel.astype(np.int64)
    tps_cat = np.isin(np.array(cats)[cat], ["logistik", "data_pemilih", "bencana_banjir", "intimidasi"])
    has_tps = has_kel & tps_cat & (day >= int(_m(11, 20) // HARI)) & (rng.random(N) < 0.6)
    kk = np.maximum(kel, 0)
    tps = np.where(has_tps, _grup_awal(tps_per_kel)[kk] + np.floor(rng.random(N) * tps_per_kel[kk]), -1)
    tps = tps.astype(np.int64)
    rect = n.kec_rect[kec]
    lat_kel, lon_kel = _dekat(rng, n.kel_lat[kk], n.kel_lon[kk], rect, sebar=0.08)
    lat_kec, lon_kec = _dalam(rng, rect)
    lat = np.where(has_tps, n.tps_lat[np.maximum(tps, 0)], np.where(has_kel, lat_kel, lat_kec))
    lon = np.where(has_tps, n.tps_lon[np.maximum(tps, 0)], np.where(has_kel, lon_kel, lon_kec))
    no_xy = rng.random(N) >= 0.8
    lat[no_xy], lon[no_xy] = np.nan, np.nan

    kep_p = np.array([kota.KEPARAHAN_P[c] for c in cats])
    kep = (rng.random(N)[:, None] > np.cumsum(kep_p[cat], 1)[:, :2]).sum(1)
    sumber_all = [s for s, _ in SUMBER_INSIDEN]
    n_src = np.array([len(kota.SUMBER_PER_KATEGORI[c]) for c in cats])
    src_tab = np.array([[sumber_all.index(s) for s in kota.SUMBER_PER_KATEGORI[c]]
                        + [0] * (3 - len(kota.SUMBER_PER_KATEGORI[c])) for c in cats])
    src = src_tab[cat, np.floor(rng.random(N) * n_src[cat]).astype(np.int64)]
    tpl_n = np.array([len(RINGKASAN_NASIONAL[c]) for c in cats])
    tpl = np.floor(rng.random(N) * tpl_n[cat]).astype(np.int64)
    kec_kode, kel_kode, kab_nama = n.kec_kode, n.kel_kode, n.kab_nama
    ringkasan, pic = [], []
    for c, kc, kl, tp in zip(cat.tolist(), kec.tolist(), kel.tolist(), tpl.tolist()):
        if kl >= 0:
            wil = ("Desa " if n.kel_desa[kl] else "Kelurahan ") + _nama(kel_kode[kl])
        else:
            wil = "Kecamatan " + _nama(kec_kode[kc])
        name = cats[c]
        ringkasan.append(RINGKASAN_NASIONAL[name][tp].format(wil=wil))
        pic.append(PIC_NASIONAL[name].format(kab=kab_nama[n.kec_kab[kc]], kec=_nama(kec_kode[kc])))
    ringkasan, pic = _teks(ringkasan), _teks(pic)
    kep_kode = [k for k, _ in KEPARAHAN]
    due = np.array([kota.DUE_DAYS[k] for k in kep_kode])[kep]
    batas = np.floor((start + due * HARI) / HARI)
    kejadian = np.maximum(np.floor(start - rng.random(N) * 6 * JAM), 0)

    # status updates along a path
    status_code = [s for s, _ in STATUS_INSIDEN]
    paths = np.full((len(JALUR_INSIDEN), 4), -1)
    for j, (p, _) in enumerate(JALUR_INSIDEN):
        paths[j, :len(p)] = [status_code.index(s) for s in p]
    jalur = rng.choice(len(JALUR_INSIDEN), size=N, p=[p for _, p in JALUR_INSIDEN])
    st = paths[jalur]
    speed = np.array([2.0, 1.0, 0.5])[kep]
    stall = rng.random(N) < 0.10
    gap = {1: rng.uniform(1, 12, N), 2: rng.uniform(2, 24, N),
           3: rng.uniform(12, 96, N) * speed + np.where(stall, 24 * 9, 0)}
    quick = rng.uniform(2, 24, N) * speed
    tt = np.empty((N, 4))
    tt[:, 0] = start
    for j in range(1, 4):
        g = np.where(st[:, j] < 0, 0, np.choose(np.maximum(st[:, j], 1) - 1, [gap[1], gap[2], gap[3]]))
        g = np.where((j == 1) & (st[:, 1] == 3), quick, g)
        tt[:, j] = tt[:, j - 1] + np.floor(g * JAM)
    ok = (st >= 0) & (tt <= AKHIR_JAM)
    ri, rj = np.nonzero(ok)
    rt = tt[ri, rj].astype(np.int64)
    rs = st[ri, rj]
    order = np.lexsort((ri, rt))
    ids = pa.array([f"INS-{i:07d}" for i in range(1, N + 1)])
    codes_kec, codes_kel, codes_tps = pa.array(kec_kode), pa.array(kel_kode), pa.array(n.tps_kode)
    cat_t = pa.array(cats)
    kep_t = pa.array(kep_kode)
    st_t = pa.array(status_code)
    src_t = pa.array(sumber_all)
    tindak = _teks([kota.TINDAK.get(s) for s in status_code])
    lat_s, lon_s = _koordinat(lat), _koordinat(lon)

    def blok():
        for s in _potongan(len(rt), order):
            i = ri[s]
            ia = pa.array(i)
            yield [ids.take(ia), w.waktu(rt[s]), w.waktu(kejadian[i]), _ambil(codes_kec, kec[i]),
                   _ambil(codes_kel, kel[i]), _ambil(codes_tps, tps[i]), lat_s.take(ia), lon_s.take(ia),
                   _ambil(cat_t, cat[i]), _ambil(kep_t, kep[i]), _ambil(st_t, rs[s]), _ambil(src_t, src[i]),
                   ringkasan.take(ia), _ambil(tindak, rs[s]), pic.take(ia), w.tanggal(batas[i])]

    return _tulis_csv(path, ["id_insiden", "waktu", "waktu_kejadian", "kode_kecamatan", "kode_kelurahan", "kode_tps",
                             "lat", "lon", "kategori", "keparahan", "status", "sumber", "ringkasan", "tindak_lanjut",
                             "pic", "batas_waktu"], blok())


# ---------------------------------------------------------------- neutrality

def tulis_netralitas(rng: np.random.Generator, n: Negeri, w: _Waktu, faktor: float, data: Path) -> dict[str, int]:
    N = max(1, round(UKURAN["netralitas"] * faktor))
    nc = len(n.kec_kode)
    # more cases during the campaign, a cluster in the last weeks
    band = rng.choice(3, size=N, p=[0.08, 0.47, 0.45])
    lo, hi = np.array([3, 23, 70])[band], np.array([22, 70, 84])[band]
    kejadian = np.floor((MULAI_JAM + (lo + rng.random(N) * (hi - lo)) * HARI) / HARI)
    lapor = np.minimum(kejadian + rng.choice([0, 1, 1, 2, 3, 5, 6, 9], size=N), HARI_H_KE)
    t0 = np.minimum(np.floor(lapor * HARI + 9 * JAM + rng.random(N) * 7 * JAM), AKHIR_JAM)
    o = np.argsort(t0, kind="stable")
    kejadian, lapor, t0 = kejadian[o], lapor[o], t0[o]

    jenis = rng.choice(len(kota.JENIS_KASUS), size=N, p=[x[2] for x in kota.JENIS_KASUS])
    kelas_t = [k for k, _ in KELAS_PELANGGARAN]
    kelas = np.array([kelas_t.index(x[1]) for x in kota.JENIS_KASUS])[jenis]
    dpt_kec = np.bincount(n.tps_kec, n.dpt, nc)
    kec = rng.choice(nc, size=N, p=dpt_kec / dpt_kec.sum())
    sumber_t = [s for s, _ in SUMBER_NETRALITAS]
    src = rng.choice(len(sumber_t), size=N, p=[0.45, 0.35, 0.1, 0.1])     # order of SUMBER_NETRALITAS

    # flow: laporan -> klarifikasi -> tidak_terbukti, or on to rekomendasi, BKN, PPK decision, done;
    # a national backlog runs slower than a city desk, and a fifth of the cases stall at one step
    status_t = [s for s, _ in STATUS_NETRALITAS]
    tidak = rng.random(N) < 0.25
    steps = np.where(tidak[:, None], [[0, 1, 6, -1, -1, -1]], [[0, 1, 2, 3, 4, 5]])
    gaps = np.stack([np.zeros(N), rng.uniform(3, 10, N), rng.uniform(5, 14, N),
                     rng.uniform(7, 21, N), rng.uniform(14, 35, N), rng.uniform(7, 21, N)], 1)
    macet = np.where(rng.random(N) < 0.2, rng.integers(1, 6, N), -1)
    gaps *= np.where(np.arange(6)[None, :] == macet[:, None], rng.uniform(3, 6, (N, 1)), 1)
    tt = t0[:, None] + np.floor(np.cumsum(gaps, 1) * HARI)
    ok = (steps >= 0) & (tt <= AKHIR_JAM)
    ri, rj = np.nonzero(ok)
    rt = tt[ri, rj].astype(np.int64)
    rs = steps[ri, rj]
    due_t = np.array([kota.DUE_NEXT.get(s, -1) for s in status_t])
    batas = np.where(due_t[rs] >= 0, np.floor(rt / HARI) + due_t[rs], -10**7)
    sanksi_i = np.where(np.isin(rs, [status_t.index("keputusan_ppk"), status_t.index("selesai")]), kelas[ri], -1)
    order = np.lexsort((ri, rt))

    names_prov = [p[1] for p in PROVINSI]
    opd = []
    pilih = rng.random(N)
    which = rng.integers(0, 1_000_000, N)
    for kc, u, x in zip(kec.tolist(), pilih.tolist(), which.tolist()):
        kab = n.kec_kab[kc]
        if u < 0.2:
            opd.append(f"{OPD_PROVINSI[x % len(OPD_PROVINSI)]} Provinsi {names_prov[n.kab_prov[kab]]}")
        elif u < 0.3:
            opd.append(f"Kecamatan {_nama(n.kec_kode[kc])}")
        elif u < 0.35:
            opd.append(f"Desa atau kelurahan di Kecamatan {_nama(n.kec_kode[kc])}")
        else:
            opd.append(f"{OPD_DAERAH[x % len(OPD_DAERAH)]} {n.kab_nama[kab]}")
    opd_t = _teks(opd)
    ids = pa.array([f"NET-{i:06d}" for i in range(1, N + 1)])
    kec_t = pa.array(n.kec_kode)
    jenis_t = pa.array([x[0] for x in kota.JENIS_KASUS])
    sanksi_t = _teks([kota.SANKSI[k] for k in kelas_t])

    def blok():
        for s in _potongan(len(rt), order):
            i = ri[s]
            ia = pa.array(i)
            yield [ids.take(ia), w.waktu(rt[s]), w.tanggal(kejadian[i]), w.tanggal(lapor[i]), _ambil(kec_t, kec[i]),
                   opd_t.take(ia), _ambil(jenis_t, jenis[i]), _ambil(pa.array(kelas_t), kelas[i]),
                   _ambil(pa.array(sumber_t), src[i]), _ambil(pa.array(status_t), rs[s]),
                   _ambil(sanksi_t, sanksi_i[s]), w.tanggal(batas[s])]

    counts = {"netralitas.csv": _tulis_csv(
        data / "netralitas.csv", ["id_kasus", "waktu", "tanggal_kejadian", "tanggal_laporan", "kode_kecamatan", "opd",
                                  "jenis_pelanggaran", "kelas", "sumber", "status", "sanksi", "batas_waktu"], blok())}

    # identities (restricted file): obviously fictional; reporter only when not anonymous
    anonim = (src == sumber_t.index("temuan_bawaslu")) | (rng.random(N) < 0.3)
    nip = (19_000_000 + rng.integers(70, 99, N) * 10_000 + rng.integers(1, 13, N) * 100 + rng.integers(1, 29, N))
    nip = nip.astype(np.int64) * 10**10 + ((2000 + rng.integers(10, 22, N)) * 100 + rng.integers(1, 13, N)) * 10**4 \
        + rng.integers(1, 3, N) * 1000 + rng.integers(1, 1000, N)
    num = np.arange(1, N + 1)
    nomor = [f"{i:06d}" for i in num]
    pelapor = [None if a else f"PELAPOR FIKTIF {s}" for a, s in zip(anonim.tolist(), nomor)]
    kontak = [None if a else f"0812-0000-{s}" for a, s in zip(anonim.tolist(), nomor)]
    cols = [ids, pa.array([f"ASN FIKTIF {s}" for s in nomor]), _angka(nip),
            _ambil(_teks(JABATAN), rng.integers(0, len(JABATAN), N)), pa.array(pelapor, pa.string()),
            pa.array(kontak, pa.string())]
    counts["netralitas_pribadi.csv"] = _tulis_csv(
        data / "netralitas_pribadi.csv", ["id_kasus", "nama_terlapor", "nip_terlapor", "jabatan_terlapor",
                                          "nama_pelapor", "kontak_pelapor"], iter([cols]))
    return counts


# ---------------------------------------------------------------- main

def buat(data_dir: Path, geo_dir: Path, seed: int = kota.SEED, faktor: float = 1.0,
             kabar: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write the national dataset (every file atomically); returns the row count per file."""
    if not 0 < faktor <= 1:
        raise ValueError(f"faktor harus lebih dari 0 dan paling besar 1, bukan {faktor}")
    say = kabar or (lambda _: None)
    data_dir, geo_dir = Path(data_dir), Path(geo_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    geo_dir.mkdir(parents=True, exist_ok=True)
    # one independent stream per part, so each part is reproducible on its own
    rng_negeri, rng_log, rng_cek, rng_ins, rng_net = (np.random.default_rng(s)
                                                      for s in np.random.SeedSequence(seed).spawn(5))
    counts: dict[str, int] = {}
    say("wilayah dan TPS")
    n = buat_negeri(rng_negeri, faktor)
    w = _Waktu.buat()
    counts["wilayah.csv"] = tulis_wilayah(n, data_dir / "wilayah.csv")
    counts["tps.csv"] = tulis_tps(n, data_dir / "tps.csv")
    for name in SALINAN:
        src, dst = SUMBER_SALINAN / name, data_dir / name
        isi = src.read_bytes()
        if src.resolve() != dst.resolve():
            tulis_atomik(dst, isi)
        counts[name] = isi.count(b"\n") - 1
    it = Item.baca(data_dir / "logistik_item.csv")
    say("logistik")
    cols = buat_logistik(rng_log, n, it)
    counts["logistik.csv"] = tulis_logistik(cols, n, it, w, data_dir / "logistik.csv")
    del cols
    say("checklist TPS")
    counts["checklist.csv"] = tulis_checklist(rng_cek, n, w, data_dir / "checklist.csv")
    say("insiden")
    counts["insiden.csv"] = tulis_insiden(rng_ins, n, w, faktor, data_dir / "insiden.csv")
    say("netralitas")
    counts.update(tulis_netralitas(rng_net, n, w, faktor, data_dir))
    tulis_atomik(data_dir / "wilayah.toml", CONFIG_NASIONAL)
    say("batas wilayah")
    counts.update(tulis_geo(n, geo_dir))
    return {k: counts[k] for k in (*BERKAS_DATA, *BERKAS_GEO)}


def ukuran(data_dir: Path, geo_dir: Path) -> int:
    """Bytes of the files :func:`buat` writes."""
    names = [Path(data_dir) / n for n in (*BERKAS_DATA, "wilayah.toml")] + [Path(geo_dir) / n for n in BERKAS_GEO]
    return sum(p.stat().st_size for p in names if p.is_file())

