"""What a screen shows, without Streamlit: the region, the as-of date, the kecamatan/kelurahan
filter, the incident time window, the viewer's access and the boundaries in their scope.

The app builds one :class:`Konteks` per rerun from the filters (:mod:`siaga.tampilan.ui`), the
report and the big screen build one for their date and kecamatan (:func:`untuk`); every screen
model (:mod:`siaga.model`) takes it with the query function, so a page, a slide and a report of
the same view say "data per", name the scope and cut time windows the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from siaga.akses import TAMU, Akses
from siaga.inti import fmt
from siaga.inti.config import Wilayah
from siaga.masuk.geo import Batas
from siaga.model.fase import JENDELA_HARI_H

# Said where a kab/kota-only feature is asked for on a province or national desk.
HANYA_KABKOTA = ("Laporan harian dan layar besar disusun per kab/kota; desk provinsi/nasional memakai halaman "
                 "Ikhtisar (angka dan unduhan per wilayah).")

# Incident time windows: URL value -> label.
JENDELA = {"1jam": "1 jam terakhir", "6jam": "6 jam terakhir", "24jam": "24 jam terakhir", "7hari": "7 hari terakhir",
           "semua": "Sejak awal"}
JENDELA_BAWAAN = "semua"
JAM_JENDELA = {"1jam": 1, "6jam": 6, "24jam": 24, "7hari": 24 * 7}


def jendela_bawaan(tanggal: dt.date, hari_pemungutan: dt.date) -> str:
    """The incident window a view opens with: the last 6 hours on voting day (hari H), else since the beginning."""
    return JENDELA_HARI_H if tanggal == hari_pemungutan else JENDELA_BAWAAN


@dataclass(frozen=True)
class Rentang:
    """Days covered by the operational logs and the time of the latest event (``rentang_data``), and
    the latest voting-day or rekapitulasi event (``waktu_pasca``), which may run on after them."""
    awal: dt.date
    akhir: dt.date
    waktu_terakhir: dt.datetime
    waktu_pasca: dt.datetime | None = None

    @classmethod
    def dari_baris(cls, r) -> Rentang:
        """From the one row of ``queries/rentang_data.sql``."""
        pasca = r.get("waktu_pasca") if hasattr(r, "get") else None
        return cls(pd.Timestamp(r["tanggal_awal"]).date(), pd.Timestamp(r["tanggal_akhir"]).date(),
                   pd.Timestamp(r["waktu_terakhir"]).to_pydatetime(),
                   None if fmt.hilang(pasca) else pd.Timestamp(pasca).to_pydatetime())

    @classmethod
    def dari_query(cls, q: Callable[..., pd.DataFrame]) -> Rentang:
        return cls.dari_baris(q("rentang_data").iloc[0])

    @property
    def batas_atas(self) -> dt.date:
        """The last day a view may be asked for: the last day of any log, the later ones included."""
        return max(self.akhir, self.waktu_pasca.date()) if self.waktu_pasca else self.akhir

    def saat(self, tanggal: dt.date) -> dt.datetime:
        """The as-of moment: the latest event on (or after) the latest day, else the end of the day;
        after the operational logs end, days covered by the voting-day and rekapitulasi logs run to
        their end (or to the latest of those events)."""
        if self.waktu_pasca is not None and tanggal > self.akhir and self.waktu_pasca > self.waktu_terakhir:
            return saat(tanggal, self.waktu_pasca.date(), self.waktu_pasca)
        return saat(tanggal, self.akhir, self.waktu_terakhir)


def saat(tanggal: dt.date, akhir: dt.date, waktu_terakhir: dt.datetime) -> dt.datetime:
    """The as-of moment of ``tanggal``: the latest event when the date is the latest day of data
    (or later), else the end of that day."""
    if tanggal >= akhir:
        return waktu_terakhir
    return dt.datetime.combine(tanggal, dt.time(23, 59, 59))


def nama_lingkup(wilayah: str, kecamatan: str | None = None, kelurahan: str | None = None) -> str:
    """``Kota Bekasi``, ``Kecamatan Bekasi Timur`` or ``Kelurahan Margahayu, Bekasi Timur`` (names, not codes)."""
    if kelurahan:
        return f"Kelurahan {kelurahan}, {kecamatan}"
    if kecamatan:
        return f"Kecamatan {kecamatan}"
    return wilayah


@dataclass(frozen=True)
class Konteks:
    wilayah: Wilayah
    versi: str                                  # data version (covers the config and the boundaries)
    tanggal: dt.date                            # as-of date
    kecamatan: str | None
    kelurahan: str | None
    jendela: str                                # incident window (JENDELA)
    nama_kecamatan: Mapping[str, str]           # code -> name, in the viewer's scope
    nama_kelurahan: Mapping[str, str]
    rentang: Rentang
    akses: Akses = TAMU
    batas: Mapping[str, Batas] = field(default_factory=dict)   # boundaries in the viewer's scope
    banding: dt.date | None = None              # compare with this day (the last meeting); None: the day before

    @property
    def kunci(self) -> str:
        """Cache key of this view's data: the data version and the access scope."""
        return f"{self.versi}|{self.akses.peran}|{self.akses.kecamatan or ''}"

    @property
    def kunci_tampilan(self) -> tuple:
        """Cache key of a screen model: the data and scope (:attr:`kunci`) and every filter."""
        return (self.kunci, self.tanggal, self.kecamatan, self.kelurahan, self.jendela, self.tanggal_banding)

    @property
    def tanggal_awal(self) -> dt.date:
        return self.rentang.awal

    @property
    def tanggal_akhir(self) -> dt.date:
        return self.rentang.akhir

    @property
    def nama_kec(self) -> str | None:
        """Name of the selected kecamatan (None for the whole region)."""
        return self.nama_kecamatan.get(self.kecamatan or "")

    @property
    def nama_lingkup(self) -> str:
        """``Kota Bekasi``, ``Kecamatan Bekasi Timur`` or ``Kelurahan Margahayu, Bekasi Timur``."""
        return nama_lingkup(self.wilayah.nama, self.nama_kec, self.nama_kelurahan.get(self.kelurahan or ""))

    @property
    def saat(self) -> dt.datetime:
        """The as-of moment: the latest event on the latest day, else the end of the chosen day."""
        return self.rentang.saat(self.tanggal)

    @property
    def data_per(self) -> str:
        """``27 November 2024 pukul 13.59 WIB``."""
        return fmt.waktu(self.saat, self.wilayah.zona_waktu)

    @property
    def hitung_mundur(self) -> str:
        return fmt.hitung_mundur(self.tanggal, self.wilayah.hari_pemungutan)

    @property
    def menuju(self) -> str:
        """`` menuju`` before voting day ("H-1 menuju pemungutan suara …"), a colon from it on
        ("Hari H: pemungutan suara …", "H+6: pemungutan suara …")."""
        return " menuju" if self.tanggal < self.wilayah.hari_pemungutan else ":"

    @property
    def mulai_jendela(self) -> dt.datetime | None:
        """Start of the time window ending at :attr:`saat` (None = since the beginning)."""
        jam = JAM_JENDELA.get(self.jendela)
        return None if jam is None else self.saat - dt.timedelta(hours=jam)

    @property
    def tanggal_banding(self) -> dt.date:
        """The day the changes are counted from: the chosen one (before the as-of date), else the day before."""
        if self.banding is not None and self.banding < self.tanggal:
            return self.banding
        return self.tanggal - dt.timedelta(days=1)

    @property
    def saat_banding(self) -> dt.datetime:
        """The end of :attr:`tanggal_banding`: the moment the changes are counted from."""
        return self.rentang.saat(self.tanggal_banding)

    @property
    def sebelum_data(self) -> bool:
        return self.tanggal < self.tanggal_awal

    @property
    def unit(self) -> str:
        """The units one level down: kecamatan of the region, or kelurahan of the kecamatan."""
        return "kelurahan" if self.kecamatan else "kecamatan"

    def slug(self) -> list[str]:
        """Parts for download file names: region or scope, date."""
        scope = self.nama_kelurahan.get(self.kelurahan or "") or self.nama_kec or self.wilayah.nama
        return [scope, self.tanggal.isoformat()]

    def dengan(self, **ubah) -> Konteks:
        """The same view with some filters changed (e.g. ``jendela="24jam"`` for a slide)."""
        return replace(self, **ubah)


def untuk(q: Callable[..., pd.DataFrame], wilayah: Wilayah, versi: str, tanggal: dt.date,
          kecamatan: str | None = None, akses: Akses = TAMU, batas: Mapping[str, Batas] | None = None,
          jendela: str = JENDELA_BAWAAN) -> Konteks:
    """A view of the region (or of one kecamatan) as of ``tanggal``, for the report and the big
    screen; names and the data period come from the queries, in the scope ``q`` runs in."""
    daftar = q("daftar_wilayah")
    kec = daftar[daftar["tingkat"] == "kecamatan"]
    kel = daftar[daftar["tingkat"] == "kelurahan"]
    return Konteks(wilayah=wilayah, versi=versi, tanggal=tanggal, kecamatan=kecamatan, kelurahan=None,
                   jendela=jendela, nama_kecamatan=dict(zip(kec["kode"], kec["nama"], strict=True)),
                   nama_kelurahan=dict(zip(kel["kode"], kel["nama"], strict=True)), rentang=Rentang.dari_query(q),
                   akses=akses, batas=dict(batas or {}))
