"""Lapor: a field report from a phone (camat, lurah, desk staff). The places offered are those of
the reporter's scope (the pickers run the scoped queries ``lapor_tps`` / ``lapor_unit``); each
report becomes one row of an existing event log (``insiden.csv``, ``checklist.csv``,
``layanan.csv``) that :func:`siaga.masuk.tambah.tambah` appends through the import, with
``sumber = lapor`` and the reporter's user id in the version history.

Voting-day TPS events and turnout counts are offered once the Hari H data contract exists
(issue 13); public-service units are those already in ``layanan.csv``."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import pandas as pd

from siaga.inti.kontrak import KEPARAHAN, STATUS_LAYANAN
from siaga.model import tugas
from siaga.model.komponen import Q
from siaga.model.konteks import Konteks

JENIS_LAPOR = {"insiden": "Insiden", "checklist": "Kesiapan TPS", "layanan": "Status layanan publik"}
SUMBER_LAPOR = "lapor"
STATUS_TPS = {"siap": "Siap", "belum": "Belum siap", "bermasalah": "Bermasalah"}
LABEL_KEPARAHAN_LAPOR = dict(KEPARAHAN)
LABEL_STATUS_LAYANAN = dict(STATUS_LAYANAN)
CEK_TPS = {"kpps_dibentuk": "KPPS dibentuk", "kpps_dilantik": "KPPS dilantik", "kpps_bimtek": "KPPS sudah bimtek",
           "lokasi_siap": "Lokasi TPS siap", "akses_disabilitas": "Akses disabilitas", "penerangan": "Penerangan",
           "pengamanan": "Pengamanan"}
HARI_BATAS_INSIDEN = {"tinggi": 1, "sedang": 2, "rendah": 3}


@dataclass(frozen=True)
class HalamanLapor:
    """What the Lapor page offers the reporter: the places and units of their scope."""
    tps: pd.DataFrame               # lapor_tps rows
    unit: pd.DataFrame              # lapor_unit rows
    kategori: dict[str, str]        # incident category code -> name
    kelurahan: dict[str, str]       # kelurahan code -> name, in scope

    def label_tps(self, kode: str) -> str:
        r = self.tps[self.tps["kode_tps"] == kode].iloc[0]
        return f"TPS {int(r['nomor_tps']):03d} · {r['nama_kelurahan']}"


def susun(q: Q, k: Konteks) -> HalamanLapor:
    tps = q("lapor_tps", kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    unit = q("lapor_unit", kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    kat = q("kategori_daftar")
    kel = dict(zip(tps["kode_kelurahan"], tps["nama_kelurahan"], strict=False))
    return HalamanLapor(tps, unit, dict(zip(kat["kode_kategori"], kat["nama"], strict=True)), kel)


def id_insiden(saat: dt.datetime) -> str:
    """``LPR-2411270815-a3f1c9``: a field report's incident id (time and a random part)."""
    return f"LPR-{saat:%y%m%d%H%M}-{secrets.token_hex(3)}"


def baris_insiden(k: Konteks, kode_tps: str | None, kode_kelurahan: str, kategori: str, keparahan: str,
                  waktu_kejadian: dt.datetime, ringkasan: str) -> dict:
    """A new incident (status dilaporkan, source camat/lurah) at a TPS or a kelurahan, its
    follow-up due by severity."""
    saat = tugas.jam(k)
    return {"id_insiden": id_insiden(saat), "waktu": saat, "waktu_kejadian": waktu_kejadian,
            "kode_kecamatan": kode_kelurahan[:8], "kode_kelurahan": kode_kelurahan, "kode_tps": kode_tps or None,
            "kategori": kategori, "keparahan": keparahan, "status": "dilaporkan", "sumber": "camat_lurah",
            "ringkasan": ringkasan.strip(),
            "batas_waktu": (saat + dt.timedelta(days=HARI_BATAS_INSIDEN.get(keparahan, 3))).date()}


def baris_checklist(k: Konteks, kode_tps: str, cek: dict[str, bool], c_pemberitahuan: int, linmas: int,
                    status: str, catatan: str | None) -> dict:
    """A TPS readiness report."""
    return {"waktu": tugas.jam(k), "kode_tps": kode_tps, **{c: bool(cek.get(c)) for c in CEK_TPS},
            "c_pemberitahuan": c_pemberitahuan, "linmas": linmas, "status": status,
            "catatan": (catatan or "").strip() or None}


def baris_layanan(k: Konteks, unit: dict, status: str, keterangan: str | None) -> dict:
    """A public-service unit's status report (``unit``: a ``lapor_unit`` row)."""
    return {"id_unit": unit["id_unit"], "waktu": tugas.jam(k), "nama_unit": unit["nama_unit"], "jenis": unit["jenis"],
            "kode_kecamatan": unit["kode_kecamatan"],
            "kode_kelurahan": unit["kode_kelurahan"] if isinstance(unit["kode_kelurahan"], str) else None,
            "status": status, "keterangan": (keterangan or "").strip() or None, "sumber": SUMBER_LAPOR}
