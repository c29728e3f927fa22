"""Lapor: a field report from a phone (camat, lurah, desk staff). The places offered are those of
the reporter's scope (the pickers run the scoped queries ``lapor_tps`` / ``lapor_unit``); each
report becomes one row of an existing event log (``insiden.csv``, ``checklist.csv``,
``logistik.csv``, ``pemungutan.csv``, ``layanan.csv``) that :func:`siaga.masuk.tambah.tambah`
appends through the import (same validation and plausibility rules), with ``sumber = lapor`` and
the reporter's user id in the version history.

A logistics receipt is one hand-over at a TPS (KPPS) or a kelurahan (PPS) of the scope. Voting-day
TPS events and turnout counts are offered once the region has voting-day data or the as-of moment
(or the desk's clock) falls on Hari H; public-service units are those already in ``layanan.csv``."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import pandas as pd

from siaga.akses import CAMAT, LURAH
from siaga.inti.kontrak import KEJADIAN_PEMUNGUTAN, KEPARAHAN, STATUS_LAYANAN, SUMBER_PEMUNGUTAN, TAHAP_LOGISTIK
from siaga.model import fase, tugas
from siaga.model.komponen import Q
from siaga.model.konteks import Konteks

JENIS_LAPOR = {"insiden": "Insiden", "checklist": "Kesiapan TPS", "logistik": "Terima logistik",
               "pemungutan": "Hari H di TPS", "layanan": "Status layanan publik"}
SUMBER_LAPOR = "lapor"
STATUS_TPS = {"siap": "Siap", "belum": "Belum siap", "bermasalah": "Bermasalah"}
LABEL_KEPARAHAN_LAPOR = dict(KEPARAHAN)
LABEL_STATUS_LAYANAN = dict(STATUS_LAYANAN)
CEK_TPS = {"kpps_dibentuk": "KPPS dibentuk", "kpps_dilantik": "KPPS dilantik", "kpps_bimtek": "KPPS sudah bimtek",
           "lokasi_siap": "Lokasi TPS siap", "akses_disabilitas": "Akses disabilitas", "penerangan": "Penerangan",
           "pengamanan": "Pengamanan"}
HARI_BATAS_INSIDEN = {"tinggi": 1, "sedang": 2, "rendah": 3}
# Where a field reporter receives logistics: the last two links of the chain (gudang and PPK are the desk's).
TAHAP_LAPOR = {t: dict(TAHAP_LOGISTIK)[t] for t in ("tps", "pps")}
LABEL_KEJADIAN = dict(KEJADIAN_PEMUNGUTAN)
LABEL_SUMBER_PEMUNGUTAN = dict(SUMBER_PEMUNGUTAN)
KEHADIRAN = "kehadiran"        # the only voting-day event that carries counts


@dataclass(frozen=True)
class HalamanLapor:
    """What the Lapor page offers the reporter: the places and units of their scope."""
    tps: pd.DataFrame               # lapor_tps rows
    unit: pd.DataFrame              # lapor_unit rows
    kategori: dict[str, str]        # incident category code -> name
    kelurahan: dict[str, str]       # kelurahan code -> name, in scope
    item: dict[str, str]            # logistics item code -> "name (unit)"
    hari_h: bool                    # voting-day reports are offered
    wilayah: pd.DataFrame           # lapor_wilayah rows: names and spellings of the scope (the paste box)
    tempel: bool                    # the WhatsApp paste box is offered (desk roles, not camat/lurah)

    def label_tps(self, kode: str) -> str:
        r = self.tps[self.tps["kode_tps"] == kode].iloc[0]
        return f"TPS {int(r['nomor_tps']):03d} · {r['nama_kelurahan']}"

    @property
    def jenis(self) -> dict[str, str]:
        """The report types offered: voting-day reports only once :attr:`hari_h`."""
        return {j: n for j, n in JENIS_LAPOR.items() if j != "pemungutan" or self.hari_h}

    def tempat_logistik(self, tahap: str) -> dict[str, str]:
        """The receiving places of a stage in scope: TPS (KPPS) or kelurahan (PPS), code -> label."""
        if tahap == "pps":
            return {kode: f"PPS {nama}" for kode, nama in self.kelurahan.items()}
        return {kode: self.label_tps(kode) for kode in self.tps["kode_tps"]}


def hari_h_dibuka(k: Konteks, sekarang: dt.datetime) -> bool:
    """Voting-day reports are offered once the region has voting-day data, or when the as-of moment
    or the desk's clock ``sekarang`` falls on Hari H."""
    hari = k.wilayah.hari_pemungutan
    return (k.rentang.waktu_pasca is not None
            or fase.HARI_H in (fase.fase(k.saat, hari), fase.fase(sekarang, hari)))


def susun(q: Q, k: Konteks) -> HalamanLapor:
    tps = q("lapor_tps", kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    unit = q("lapor_unit", kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    kat = q("kategori_daftar")
    item = q("lapor_item")
    wil = q("lapor_wilayah", kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    kel = dict(zip(tps["kode_kelurahan"], tps["nama_kelurahan"], strict=False))
    return HalamanLapor(tps, unit, dict(zip(kat["kode_kategori"], kat["nama"], strict=True)), kel,
                        {r["kode_item"]: f"{r['nama_item']} ({r['satuan']})" for r in item.to_dict("records")},
                        hari_h_dibuka(k, tugas.jam(k)), wil, k.akses.peran not in (CAMAT, LURAH))


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


def baris_logistik(tahap: str, kode_lokasi: str, kode_item: str, diterima: int, rusak: int,
                   waktu: dt.datetime, catatan: str | None) -> dict:
    """A logistics receipt signed at a TPS (``tahap`` tps) or a kelurahan's PPS (``pps``)."""
    return {"waktu": waktu, "tahap": tahap, "kode_lokasi": kode_lokasi, "kode_item": kode_item,
            "jumlah_diterima": diterima, "jumlah_rusak": rusak, "catatan": (catatan or "").strip() or None}


def baris_pemungutan(kode_tps: str, kejadian: str, waktu: dt.datetime, hadir: tuple[int, int, int] | None,
                     sumber: str, catatan: str | None) -> dict:
    """A voting-day event at a TPS; ``hadir`` (DPT, DPTb, DPK attended so far) only on a
    :data:`KEHADIRAN` report (counts only, never a candidate's result)."""
    dpt, dptb, dpk = hadir if kejadian == KEHADIRAN and hadir is not None else (None, None, None)
    return {"waktu": waktu, "kode_tps": kode_tps, "kejadian": kejadian, "hadir_dpt": dpt, "hadir_dptb": dptb,
            "hadir_dpk": dpk, "sumber": sumber, "catatan": (catatan or "").strip() or None}


def sumber_bawaan(peran: str) -> str:
    """Who a voting-day report comes from by default: a lurah reports as ``lurah``, the desk and a
    camat pass on what the PPS reported."""
    return "lurah" if peran == LURAH else "pps"
