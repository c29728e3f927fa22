"""Rapat: coordination meetings (``rapat.csv``) and the follow-up of their decisions.

A meeting is entered on the Rapat page while it runs: its time, title, participating units, agenda
items and decisions, each decision with an owner unit and a due time. :func:`baris_rapat` turns
that into the rows of ``rapat.csv`` and, for every decision, the first row of a task in
``tugas.csv`` (asal ``rapat``, kode_asal ``<meeting id>/<item number>``); the page appends both
logs as one version (:func:`siaga.masuk.tambah.tambah_bersama`).

:func:`tindak_lanjut` is the section "Keputusan rapat terakhir dan tindak lanjutnya" that the
Ringkasan page, the Rapat page, the big screen and the daily report show: every decision still
open (any meeting), and those done since the latest meeting was held.

Decisions and agenda items are written without personal names (the contract says so); the task
notes are free text and are shown only to roles with row-level access (``RINCIAN``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from siaga.akses import RINCIAN
from siaga.inti import fmt
from siaga.model import tugas
from siaga.model.komponen import Angka, Q, Tabel
from siaga.model.konteks import Konteks

JUDUL_TINDAK_LANJUT = "Keputusan rapat terakhir dan tindak lanjutnya"
KOLOM_KEPUTUSAN = ("No", "Keputusan", "Pelaksana", "Batas waktu", "Tugas", "Status", "Catatan terakhir")
KOLOM_TINDAK_LANJUT = ("Keputusan", "Rapat", "Pelaksana", "Batas waktu", "Status")
KOSONG_RAPAT = "Belum ada rapat koordinasi yang dicatat."
PEMISAH_PESERTA = "|"


@dataclass(frozen=True)
class Keputusan:
    """One decision as entered: what, by which unit, by when."""
    isi: str
    unit: str | None
    batas_waktu: dt.datetime | None


def id_baru(saat: dt.datetime) -> str:
    """``RPT-2411261430-3fa2b7``: time and a random part, so two desks entering at once never collide."""
    return f"RPT-{saat:%y%m%d%H%M}-{secrets.token_hex(3)}"


def kode_keputusan(id_rapat: str, nomor: int) -> str:
    """A decision's reference in its task (``kode_asal``): ``RPT-…/3``."""
    return f"{id_rapat}/{nomor}"


def baris_rapat(k: Konteks, oleh: str, waktu: dt.datetime, judul: str, peserta: Sequence[str],
                agenda: Sequence[str], keputusan: Sequence[Keputusan]) -> tuple[list[dict], list[dict]]:
    """The rows of ``rapat.csv`` (agenda items, then decisions, numbered from 1) and of ``tugas.csv``
    (one new task per decision) for one meeting. Blank agenda items and decisions are left out;
    the rest is validated by the import (missing unit or due time, unknown unit...)."""
    id_rapat = id_baru(waktu)
    judul = judul.strip()
    umum = {"id_rapat": id_rapat, "waktu": waktu, "judul": judul,
            "peserta": PEMISAH_PESERTA.join(p for p in peserta if p) or None}
    rapat, tg = [], []
    nomor = 0
    for isi in agenda:
        if isi and isi.strip():
            nomor += 1
            rapat.append({**umum, "nomor": nomor, "jenis": "agenda", "isi": isi.strip()})
    for kp in keputusan:
        if not (kp.isi and kp.isi.strip()):
            continue
        nomor += 1
        t = tugas.baris_baru(k, oleh, kp.isi, kp.unit or "", kp.batas_waktu, asal="rapat",
                             kode_asal=kode_keputusan(id_rapat, nomor),
                             kelurahan=kp.unit if kp.unit and len(kp.unit) == 13 else None,
                             catatan=f"Dari {judul} ({fmt.tanggal(waktu.date())})")
        t["unit"] = kp.unit or None
        tg.append(t)
        rapat.append({**umum, "nomor": nomor, "jenis": "keputusan", "isi": kp.isi.strip(), "unit": kp.unit or None,
                      "batas_waktu": kp.batas_waktu, "id_tugas": t["id_tugas"]})
    return rapat, tg


def _status(r: dict, sekarang: dt.datetime) -> str:
    """``Terbuka · lewat 2 jam`` / ``Selesai`` / ``Tugas tidak ditemukan``."""
    if fmt.hilang(r["status"]):
        return "Tugas tidak ditemukan"
    label = tugas.LABEL_STATUS_TUGAS.get(r["status"], r["status"])
    if not r["terbuka"]:
        return label
    return f"{label} · {tugas.keterlambatan(r, sekarang)}"


def tabel_keputusan(df: pd.DataFrame, k: Konteks, sekarang: dt.datetime) -> pd.DataFrame:
    """Display rows of ``rapat_keputusan`` rows (the task's latest note only for row-level access)."""
    unit, zona = tugas.nama_unit(k), k.wilayah.zona_waktu
    rows = df.to_dict("records")
    rinci = k.akses.boleh(RINCIAN)
    return pd.DataFrame({
        "No": [str(int(r["nomor"])) for r in rows],
        "Keputusan": [r["isi"] for r in rows],
        "Pelaksana": [unit(r["unit"]) for r in rows],
        "Batas waktu": [fmt.waktu_pendek(pd.Timestamp(r["batas_waktu"]).to_pydatetime(), zona)
                        if not fmt.hilang(r["batas_waktu"]) else fmt.KOSONG for r in rows],
        "Tugas": [r["id_tugas"] if isinstance(r["id_tugas"], str) else fmt.KOSONG for r in rows],
        "Status": [_status(r, sekarang) for r in rows],
        "Catatan terakhir": [r["catatan"] if rinci and isinstance(r["catatan"], str) else "" for r in rows],
    }, columns=list(KOLOM_KEPUTUSAN))


@dataclass(frozen=True)
class TindakLanjutRapat:
    """"Keputusan rapat terakhir dan tindak lanjutnya": open decisions and those done since the
    latest meeting."""
    judul: str
    angka: tuple[Angka, ...]
    tabel: Tabel                    # open decisions (most overdue first), then those done since the meeting
    kalimat: str                    # which meeting was the latest
    kosong: str                     # said when there is no meeting or nothing to list

    @property
    def ada_rapat(self) -> bool:
        return bool(self.kalimat)


def tindak_lanjut(daftar: pd.DataFrame, kep: pd.DataFrame, k: Konteks, sekarang: dt.datetime) -> TindakLanjutRapat:
    """The section from ``rapat_daftar`` and ``rapat_keputusan`` rows of one view."""
    if daftar.empty:
        return TindakLanjutRapat(JUDUL_TINDAK_LANJUT, (), Tabel.dari(pd.DataFrame(columns=KOLOM_TINDAK_LANJUT),
                                                                      KOLOM_TINDAK_LANJUT), "", KOSONG_RAPAT)
    akhir = daftar.iloc[0]
    sejak = pd.Timestamp(akhir["waktu"]).to_pydatetime()
    zona = k.wilayah.zona_waktu
    buka = kep[kep["terbuka"].astype(bool)].sort_values(["terlambat", "batas_waktu"], ascending=[False, True],
                                                        kind="stable")
    telat = buka[buka["terlambat"].astype(bool)]
    selesai = kep[kep["selesai_pada"].notna()]
    selesai = selesai[pd.to_datetime(selesai["selesai_pada"]) >= pd.Timestamp(sejak)]
    selesai = selesai.sort_values("selesai_pada", ascending=False, kind="stable")
    tampil = pd.concat([buka, selesai], ignore_index=True) if len(selesai) else buka.reset_index(drop=True)
    unit = tugas.nama_unit(k)
    rows = tampil.to_dict("records")
    frame = pd.DataFrame({
        "Keputusan": [r["isi"] for r in rows],
        "Rapat": [fmt.tanggal(pd.Timestamp(r["waktu_rapat"]).date(), pendek=True) for r in rows],
        "Pelaksana": [unit(r["unit"]) for r in rows],
        "Batas waktu": [fmt.waktu_pendek(pd.Timestamp(r["batas_waktu"]).to_pydatetime(), zona)
                        if not fmt.hilang(r["batas_waktu"]) else fmt.KOSONG for r in rows],
        "Status": [_status(r, sekarang) for r in rows],
    }, columns=list(KOLOM_TINDAK_LANJUT))
    warna = ["#f8d7da" if r["terbuka"] and r["terlambat"] else ("#d1e7dd" if not r["terbuka"] else None)
             for r in rows]
    return TindakLanjutRapat(
        judul=JUDUL_TINDAK_LANJUT,
        angka=(
            Angka("Keputusan terbuka", f"{fmt.angka(len(buka))} keputusan",
                  f"dari {fmt.angka(len(kep))} keputusan yang dicatat",
                  "Keputusan rapat yang tugas tindak lanjutnya belum selesai (terbuka atau dikerjakan)"),
            Angka("Lewat batas waktu", f"{fmt.angka(len(telat))} keputusan",
                  f"pada {fmt.waktu_pendek(sekarang, zona)}",
                  "Keputusan terbuka yang batas waktunya sudah lewat"),
            Angka("Selesai sejak rapat terakhir", f"{fmt.angka(len(selesai))} keputusan",
                  f"sejak {fmt.waktu_pendek(sejak, zona)}",
                  "Keputusan yang tugasnya ditandai selesai sesudah rapat terakhir dimulai"),
        ),
        tabel=Tabel.dari(frame, KOLOM_TINDAK_LANJUT, ringkas=("Keputusan", "Pelaksana", "Batas waktu", "Status"),
                         warna={"Status": warna}, maks=None, satuan="keputusan"),
        kalimat=f"Rapat terakhir: {akhir['judul']}, {fmt.waktu(sejak, zona)}.",
        kosong="" if rows else "Tidak ada keputusan yang masih terbuka atau selesai sejak rapat terakhir.",
    )


def susun_tindak_lanjut(q: Q, k: Konteks) -> TindakLanjutRapat:
    """The section for the view ``k`` (its scope, as of its date)."""
    saat, sekarang = tugas.batas(k)
    daftar = q("rapat_daftar", saat=saat, kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    kep = q("rapat_keputusan", saat=saat, sekarang=sekarang, kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    return tindak_lanjut(daftar, kep, k, sekarang)


@dataclass(frozen=True)
class HalamanRapat:
    """Everything the Rapat screen shows for one view."""
    daftar: pd.DataFrame            # rapat_daftar rows, the latest meeting first
    keputusan: pd.DataFrame         # rapat_keputusan rows
    sekarang: dt.datetime
    tindak_lanjut: TindakLanjutRapat

    @property
    def kosong(self) -> bool:
        return self.daftar.empty

    def judul_rapat(self, r: dict, k: Konteks) -> str:
        """``Rapat koordinasi harian · 25 Nov 2024 10.00 WIB · 3 keputusan``."""
        return (f"{r['judul']} · {fmt.waktu_pendek(pd.Timestamp(r['waktu']).to_pydatetime(), k.wilayah.zona_waktu)}"
                f" · {fmt.angka(r['jumlah_keputusan'])} keputusan")

    def peserta(self, r: dict, k: Konteks) -> str:
        unit = tugas.nama_unit(k)
        return ", ".join(unit(p) for p in str(r["peserta"]).split(PEMISAH_PESERTA) if p)

    def keputusan_rapat(self, id_rapat: str, k: Konteks) -> pd.DataFrame:
        """The decisions of one meeting with the state of each task, as display rows."""
        df = self.keputusan[self.keputusan["id_rapat"] == id_rapat].sort_values("nomor")
        out = tabel_keputusan(df, k, self.sekarang)
        return out if k.akses.boleh(RINCIAN) else out.drop(columns=["Catatan terakhir"])


def susun(q: Q, k: Konteks) -> HalamanRapat:
    saat, sekarang = tugas.batas(k)
    daftar = q("rapat_daftar", saat=saat, kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    kep = q("rapat_keputusan", saat=saat, sekarang=sekarang, kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    return HalamanRapat(daftar=daftar, keputusan=kep, sekarang=sekarang,
                        tindak_lanjut=tindak_lanjut(daftar, kep, k, sekarang))
