"""Where the inputs live and what the region config says.

Input folders default to the repository's ``data/`` and ``geo/``; the environment
variables ``SIAGA_DATA`` and ``SIAGA_GEO`` point them elsewhere so a desk keeps its
real data outside the code.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from siaga.inti.masalah import Masalah, MasalahError

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIG_FILE = "wilayah.toml"

# Indonesian time zones, named as the UI shows them.
ZONA_WAKTU = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

KODE_KABKOTA = re.compile(r"^\d{2}\.\d{2}$")
KODE_DESK = re.compile(r"^(?:00|\d{2}|\d{2}\.\d{2})$")   # national (00), province (32) or kab/kota (32.75)
KOMPONEN = ("logistik", "checklist", "insiden", "netralitas")
# The KPU plan as days before voting day (H-n): by when every item is planned to be at each stage
# of the chain, and by when each TPS checklist item is due. A region sets its own in wilayah.toml
# ([jadwal.logistik], [jadwal.checklist]); these defaults follow the 2024 practice (most logistics at
# the PPK by H-4, at the TPS by H-1; C-Pemberitahuan delivered by H-3; KPPS formed with the ad hoc
# bodies by early November).
JADWAL_LOGISTIK = {"gudang": 10, "ppk": 4, "pps": 2, "tps": 1}
JADWAL_CHECKLIST = {"kpps_dibentuk": 22, "kpps_dilantik": 14, "kpps_bimtek": 5, "linmas": 4, "c_pemberitahuan": 3,
                    "pengamanan": 2, "lokasi_siap": 1, "akses_disabilitas": 1, "penerangan": 1}
# Public aggregate views merge groups with fewer cases than this ([privasi] sel_minimum; siaga.akses.sel).
SEL_MINIMUM = 3


@dataclass(frozen=True)
class Paths:
    data: Path
    geo: Path
    terbit: Path | None = None      # published snapshots (SIAGA_TERBIT); None: siaga.data.terbit.folder decides

    @classmethod
    def dari_env(cls) -> Paths:
        return cls.dari(os.environ.get("SIAGA_DATA"), os.environ.get("SIAGA_GEO"), os.environ.get("SIAGA_TERBIT"))

    @classmethod
    def dari(cls, data: str | None, geo: str | None, terbit: str | None = None) -> Paths:
        """The folders named (the repository's data/ and geo/ when not)."""
        return cls(Path(data or ROOT / "data").expanduser().resolve(), Path(geo or ROOT / "geo").expanduser().resolve(),
                   Path(terbit).expanduser().resolve() if terbit else None)


@dataclass(frozen=True)
class Kesiapan:
    """Readiness weights (normalised to sum to 1), level thresholds (percent of the score the plan
    asks for on the date) and penalties. Neutrality cases count only when ``bobot["netralitas"]`` is
    set (default 0: they are an indicator of their own)."""

    bobot: dict[str, float]
    ambang_siap: float
    ambang_perhatian: float
    penalti_insiden: dict[str, float]
    penalti_netralitas: float


@dataclass(frozen=True)
class Kewajaran:
    """Plausibility limits of the data contract that differ per region (``[kewajaran]`` in
    wilayah.toml; every key optional). See :data:`siaga.inti.kontrak.KEWAJARAN`."""

    awal: dt.date                  # the election window: event times before it are refused
    akhir: dt.date                 # ... and after it
    toleransi_jam: float = 2.0     # an event may be this far after the moment of checking (clock skew)
    faktor_kebutuhan: float = 2.0  # received more than this many times the need: refused (a typo)
    per_pemilih_maks: float = 2.0  # logistik_item.per_pemilih above this: refused (1.025 read as 1025)
    per_tps_maks: float = 100.0    # logistik_item.per_tps above this: refused

    @classmethod
    def bawaan(cls, hari: dt.date) -> Kewajaran:
        """The window of a Pilkada: a year before voting day (stages start early in the year) to
        half a year after it (recapitulation, disputes, inauguration)."""
        return cls(hari - dt.timedelta(days=365), hari + dt.timedelta(days=183))


@dataclass(frozen=True)
class Jadwal:
    """The KPU plan: days before voting day by which logistics reach each stage and checklist items are due."""

    logistik: dict[str, int]
    checklist: dict[str, int]


@dataclass(frozen=True)
class Partisipasi:
    """Turnout target and a reference (the previous comparable election in the region), in percent."""

    target: float | None = None
    acuan: float | None = None
    label_acuan: str = ""
    # Cumulative turnout (% of DPT) at 07.00, 08.00 … 13.00 in the reference election: the voting-day
    # comparison curve (empty: no curve).
    kurva_acuan: tuple[float, ...] = ()


@dataclass(frozen=True)
class Wilayah:
    kode: str
    nama: str
    provinsi: str
    zona_waktu: str
    hari_pemungutan: dt.date
    batas_logistik: dt.date
    simulasi: bool
    batas_perkiraan: bool
    kesiapan: Kesiapan
    sumber_data: str = ""
    sumber_batas: str = ""             # credit of the boundaries, said under every map ([peta] sumber_batas)
    jadwal: Jadwal = field(default_factory=lambda: Jadwal(dict(JADWAL_LOGISTIK), dict(JADWAL_CHECKLIST)))
    partisipasi: Partisipasi = field(default_factory=Partisipasi)
    extra: dict = field(default_factory=dict, compare=False, repr=False)
    kewajaran: Kewajaran | None = None      # None only for hand-made test objects: see :attr:`wajar`
    # Public aggregate views never show a group with fewer cases than this ([privasi] sel_minimum;
    # siaga.akses.sel): smaller groups are merged into one "lainnya" row.
    sel_minimum: int = 3            # = SEL_MINIMUM

    @property
    def wajar(self) -> Kewajaran:
        """The plausibility limits (the defaults around voting day when not configured)."""
        return self.kewajaran or Kewajaran.bawaan(self.hari_pemungutan)

    @property
    def tz(self) -> str:
        return ZONA_WAKTU[self.zona_waktu]

    @property
    def tingkat(self) -> str:
        """The desk's level: ``kabkota`` (one region), ``provinsi`` or ``nasional`` (several regions)."""
        return "nasional" if self.kode == "00" else "provinsi" if len(self.kode) == 2 else "kabkota"

    @property
    def multi(self) -> bool:
        """True for a province or national desk, whose data hold several kab/kota."""
        return self.tingkat != "kabkota"

    def mencakup(self, kode: str) -> bool:
        """Whether a Kemendagri code lies inside the desk's region."""
        return self.kode == "00" or kode == self.kode or kode.startswith(self.kode + ".")


def _get(d: dict, path: str, typ: type | tuple[type, ...], masalah: list[Masalah], default=None):
    cur = d
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            if default is not None:
                return default
            masalah.append(Masalah(CONFIG_FILE, None, path, None, "wajib diisi tetapi tidak ada"))
            return None
        cur = cur[part]
    if not isinstance(cur, typ) or (typ in (int, float, (int, float)) and isinstance(cur, bool)):
        masalah.append(Masalah(CONFIG_FILE, None, path, repr(cur), "jenis nilai tidak sesuai"))
        return None
    return cur


def muat_wilayah(data_dir: Path) -> Wilayah:
    """Read and validate ``wilayah.toml``; raise :class:`MasalahError` in Indonesian."""
    path = data_dir / CONFIG_FILE
    if not path.is_file():
        raise MasalahError([Masalah(CONFIG_FILE, None, None, None, f"berkas tidak ditemukan di {data_dir}")])
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MasalahError([Masalah(CONFIG_FILE, None, None, None, f"format TOML tidak valid: {exc}")]) from None

    m: list[Masalah] = []
    num = (int, float)
    kode = _get(raw, "wilayah.kode", str, m)
    if kode is not None and not KODE_DESK.match(kode):
        m.append(Masalah(CONFIG_FILE, None, "wilayah.kode", kode,
                         "kode Kemendagri harus berbentuk NN.NN untuk kab/kota (mis. 32.75), NN untuk provinsi "
                         "(mis. 32) atau 00 untuk nasional"))
    nama = _get(raw, "wilayah.nama", str, m)
    provinsi = _get(raw, "wilayah.provinsi", str, m, default="")
    zona = _get(raw, "wilayah.zona_waktu", str, m)
    if zona is not None and zona not in ZONA_WAKTU:
        m.append(Masalah(CONFIG_FILE, None, "wilayah.zona_waktu", zona, "harus WIB, WITA atau WIT"))
    hari = _get(raw, "wilayah.hari_pemungutan", dt.date, m)
    batas = _get(raw, "wilayah.batas_logistik", dt.date, m, default=(hari - dt.timedelta(days=1)) if hari else None)
    simulasi = _get(raw, "wilayah.simulasi", bool, m, default=False)
    perkiraan = _get(raw, "peta.batas_perkiraan", bool, m, default=False)
    sumber = _get(raw, "wilayah.sumber_data", str, m, default="")
    sumber_batas = _get(raw, "peta.sumber_batas", str, m, default="")

    bobot = {}
    for k in KOMPONEN:
        v = _get(raw, f"kesiapan.bobot.{k}", num, m, default=0 if k == "netralitas" else None)
        if v is not None and v < 0:
            m.append(Masalah(CONFIG_FILE, None, f"kesiapan.bobot.{k}", str(v), "bobot tidak boleh negatif"))
        bobot[k] = float(v or 0)
    total = sum(bobot.values())
    if total <= 0:
        m.append(Masalah(CONFIG_FILE, None, "kesiapan.bobot", None, "jumlah bobot harus lebih dari 0"))
    siap = _get(raw, "kesiapan.level.siap", num, m)
    perhatian = _get(raw, "kesiapan.level.perhatian", num, m)
    if siap is not None and perhatian is not None and not (0 <= perhatian <= siap <= 100):
        m.append(Masalah(CONFIG_FILE, None, "kesiapan.level", f"{perhatian}/{siap}",
                         "harus 0 ≤ perhatian ≤ siap ≤ 100"))
    pen = {}
    for k in ("rendah", "sedang", "tinggi"):
        v = _get(raw, f"kesiapan.penalti.insiden_{k}", num, m)
        pen[k] = float(v or 0)
    pen_net = _get(raw, "kesiapan.penalti.netralitas", num, m, default=0)
    wajar = _kewajaran(raw, hari, m) if hari is not None else None
    sel_minimum = _get(raw, "privasi.sel_minimum", int, m, default=SEL_MINIMUM)
    if sel_minimum is not None and not 1 <= sel_minimum <= 100:
        m.append(Masalah(CONFIG_FILE, None, "privasi.sel_minimum", str(sel_minimum),
                         "jumlah kasus minimum per kelompok harus 1 sampai 100 (1: tanpa penggabungan)"))
    jadwal = {}
    for bagian, bawaan in (("logistik", JADWAL_LOGISTIK), ("checklist", JADWAL_CHECKLIST)):
        jadwal[bagian] = {}
        for k, hari_bawaan in bawaan.items():
            v = _get(raw, f"jadwal.{bagian}.{k}", int, m, default=hari_bawaan)
            if v is not None and not 0 <= v <= 120:
                m.append(Masalah(CONFIG_FILE, None, f"jadwal.{bagian}.{k}", str(v),
                                 "jumlah hari sebelum pemungutan suara harus 0 sampai 120"))
            jadwal[bagian][k] = int(v if v is not None else hari_bawaan)
    urut = [jadwal["logistik"][t] for t in ("gudang", "ppk", "pps", "tps")]
    if urut != sorted(urut, reverse=True):
        m.append(Masalah(CONFIG_FILE, None, "jadwal.logistik", "/".join(str(x) for x in urut),
                         "tahap yang lebih dekat ke TPS tidak boleh dijadwalkan lebih awal (gudang ≥ ppk ≥ pps ≥ tps)"))
    partisipasi = {}
    for k in ("target", "acuan"):
        v = raw.get("partisipasi", {}).get(k) if isinstance(raw.get("partisipasi"), dict) else None
        if v is not None and (not isinstance(v, int | float) or isinstance(v, bool) or not 0 <= v <= 100):
            m.append(Masalah(CONFIG_FILE, None, f"partisipasi.{k}", repr(v), "harus persen 0 sampai 100"))
            v = None
        partisipasi[k] = float(v) if v is not None else None
    label_acuan = _get(raw, "partisipasi.label_acuan", str, m, default="")
    kurva = _get(raw, "partisipasi.kurva_acuan", list, m, default=[]) or []
    if kurva and (len(kurva) != 7 or not all(isinstance(x, int | float) and not isinstance(x, bool) and 0 <= x <= 100
                                              for x in kurva) or list(kurva) != sorted(kurva)):
        m.append(Masalah(CONFIG_FILE, None, "partisipasi.kurva_acuan", repr(kurva),
                         "harus 7 persen naik (pukul 07.00 sampai 13.00), masing-masing 0 sampai 100"))
        kurva = []
    if m:
        raise MasalahError(m)
    return Wilayah(
        kode=kode, nama=nama, provinsi=provinsi, zona_waktu=zona, hari_pemungutan=hari,
        batas_logistik=batas, simulasi=simulasi, batas_perkiraan=perkiraan, sumber_data=sumber,
        sumber_batas=(sumber_batas or "").strip(),
        kesiapan=Kesiapan(
            bobot={k: v / total for k, v in bobot.items()},
            ambang_siap=float(siap), ambang_perhatian=float(perhatian),
            penalti_insiden=pen, penalti_netralitas=float(pen_net),
        ),
        jadwal=Jadwal(jadwal["logistik"], jadwal["checklist"]),
        partisipasi=Partisipasi(partisipasi["target"], partisipasi["acuan"], label_acuan,
                                tuple(float(x) for x in kurva)),
        extra=raw, kewajaran=wajar, sel_minimum=int(sel_minimum or SEL_MINIMUM),
    )


def _kewajaran(raw: dict, hari: dt.date, m: list[Masalah]) -> Kewajaran:
    """The ``[kewajaran]`` section: the election window and the limits, defaults where not given."""
    b = Kewajaran.bawaan(hari)
    awal = _get(raw, "kewajaran.awal", dt.date, m, default=b.awal)
    akhir = _get(raw, "kewajaran.akhir", dt.date, m, default=b.akhir)
    if awal is not None and akhir is not None and not awal <= hari <= akhir:
        m.append(Masalah(CONFIG_FILE, None, "kewajaran", f"{awal}/{akhir}",
                         "jendela pemilihan harus memuat hari pemungutan: awal ≤ hari_pemungutan ≤ akhir"))
    angka = {}
    for k in ("toleransi_jam", "faktor_kebutuhan", "per_pemilih_maks", "per_tps_maks"):
        v = _get(raw, f"kewajaran.{k}", (int, float), m, default=getattr(b, k))
        if v is not None and v <= 0:
            m.append(Masalah(CONFIG_FILE, None, f"kewajaran.{k}", str(v), "harus lebih dari 0"))
        angka[k] = float(v or getattr(b, k))
    if angka["faktor_kebutuhan"] < 1:
        m.append(Masalah(CONFIG_FILE, None, "kewajaran.faktor_kebutuhan", str(angka["faktor_kebutuhan"]),
                         "paling kecil 1 (jumlah sama dengan kebutuhan selalu wajar)"))
    return Kewajaran(awal or b.awal, akhir or b.akhir, **angka)
