"""The alert rules, evaluated at an as-of moment. Each rule reuses what the pages show:

- ``lewat_batas``: the action list (``perhatian_utama``, as on Ringkasan and the big screen): incident
  follow-ups past their due date, kecamatan whose logistics are behind the KPU plan, neutrality
  cases past their due date and follow-up tasks (``tugas.csv``) past their due time;
- ``ganti_level``: a kecamatan whose readiness level (``kesiapan_unit``, the levels of
  :mod:`siaga.model.level`) differs from the day before, as :mod:`siaga.model.perubahan` counts it;
- ``insiden``: an incident of high severity or of the conflict group first reported in the last
  ``insiden_jam`` hours;
- ``data_basi``: the newest event in the data is ``basi_jam`` hours or more before the moment (the
  stale-data rule of the big screen, :mod:`siaga.model.layar`);
- ``tps_belum_buka``: on voting day from 07.30, TPS not reported open (``pemungutan_kecamatan``).

Each :class:`Peristiwa` has a key that names the event itself (the item, the day and level, the
stale episode), so it is sent once per recipient however often the rules run. Its sentence is built
from place names and codes, counts, categories and times only: never the PIC, an incident's summary,
a task's title or notes, or anyone's name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from siaga.inti import fmt
from siaga.inti.kontrak import LABEL_KEPARAHAN
from siaga.kirim.setelan import Setelan
from siaga.model import level, tugas
from siaga.model.komponen import Q
from siaga.model.konteks import Konteks
from siaga.model.netralitas import LABEL_STATUS_KASUS
from siaga.model.ringkasan import SEMUA_BARIS

JAM_BUKA = dt.time(7, 30)


@dataclass(frozen=True)
class Peristiwa:
    """One event that fired: its dedup key, its rule, where (kecamatan code, None for the region) and
    one aggregate sentence in Indonesian."""
    kunci: str
    aturan: str
    kode_kecamatan: str | None
    teks: str


def _kec(r: dict) -> str | None:
    v = r.get("kode_kecamatan")
    return None if fmt.hilang(v) else str(v)


def _nama(v, awalan: str) -> str:
    return "" if fmt.hilang(v) else f"{awalan} {v}"


def lewat_batas(q: Q, k: Konteks, saat: dt.datetime) -> list[Peristiwa]:
    """Items of the action list past their due time (not the bermasalah TPS nor the merely ageing cases)."""
    df = q("perhatian_utama", tanggal=saat.date(), saat=saat, sekarang=saat, kecamatan=None, jumlah=SEMUA_BARIS)
    zona = k.wilayah.zona_waktu
    unit = tugas.nama_unit(k)
    out = []
    for r in df.to_dict("records"):
        jenis, kode = r["jenis"], str(r["kode"])
        kec = _nama(r["nama_kecamatan"], "Kec.")
        mana = ", ".join(x for x in (_nama(r["nama_kelurahan"], "Kel."), kec) if x) or k.wilayah.nama
        hari = "" if fmt.hilang(r["angka"]) or not int(r["angka"]) else f" {fmt.angka(r['angka'])} hari"
        if jenis == "insiden":
            parah = LABEL_KEPARAHAN.get(r["keparahan"], r["keparahan"] or "").lower()
            teks = f"Insiden {kode} ({r['kategori']}, {parah}) di {mana}: tindak lanjut lewat batas waktu{hari}."
        elif jenis == "logistik":
            teks = (f"Logistik {kec} di belakang rencana KPU: belum lengkap di {fmt.angka(r['angka'])} dari "
                    f"{fmt.angka(r['dari'])} TPS.")
        elif jenis == "tugas":
            pemilik = unit(r["pic"]) if isinstance(r["pic"], str) else "–"
            teks = (f"Tugas {kode} di {mana} lewat batas waktu{hari} (batas {fmt.waktu_pendek(r['sejak'], zona)}), "
                    f"pemilik: {pemilik}.")
        elif jenis == "netralitas" and r["terlambat"] is True:
            tahap = LABEL_STATUS_KASUS.get(r["kategori"], r["kategori"])
            teks = f"Kasus netralitas ASN {kode} ({kec}) di tahap {tahap}: lewat batas waktu{hari}."
        else:
            continue
        out.append(Peristiwa(f"lewat_batas:{jenis}:{kode}", "lewat_batas", _kec(r), teks))
    return out


def _level_kecamatan(q: Q, tanggal: dt.date) -> pd.DataFrame:
    u = q("kesiapan_unit", tanggal=tanggal, kecamatan=None)
    return u[(u["tingkat"] == "kecamatan") & ~u["lingkup"].astype(bool)].set_index("kode")


def ganti_level(q: Q, k: Konteks, saat: dt.datetime) -> list[Peristiwa]:
    """Kecamatan whose level on the moment's date differs from the level at the end of the day before."""
    hari = saat.date()
    dulu, kini = _level_kecamatan(q, hari - dt.timedelta(days=1)), _level_kecamatan(q, hari)
    out = []
    for kode, r in kini.iterrows():
        lama = dulu["level"].get(kode)
        baru = r["level"]
        if fmt.hilang(baru) or fmt.hilang(lama) or baru == lama:
            continue
        arah = ("memburuk" if level.URUTAN_LEVEL.index(baru) < level.URUTAN_LEVEL.index(lama) else "membaik")
        teks = (f"Kec. {r['nama']} berganti level ({arah}): {level.label(lama)} → {level.label(baru)}, skor "
                f"{fmt.skor(dulu['skor'].get(kode))} → {fmt.skor(r['skor'])} ({fmt.tanggal(hari)}).")
        out.append(Peristiwa(f"ganti_level:{kode}:{hari.isoformat()}:{baru}", "ganti_level", str(kode), teks))
    return out


def insiden(q: Q, k: Konteks, saat: dt.datetime, jam: float) -> list[Peristiwa]:
    """Serious (high severity) or conflict-group incidents first reported in the last ``jam`` hours."""
    df = q("kirim_insiden", dari=saat - dt.timedelta(hours=jam), sampai=saat, kecamatan=None)
    zona = k.wilayah.zona_waktu
    out = []
    for r in df.to_dict("records"):
        mana = ", ".join(x for x in (_nama(r["nama_kelurahan"], "Kel."), _nama(r["nama_kecamatan"], "Kec.")) if x)
        sifat = [LABEL_KEPARAHAN.get(r["keparahan"], r["keparahan"]).lower()]
        if r["kelompok"] == "konflik":
            sifat.append("kelompok konflik")
        teks = (f"Insiden {r['id_insiden']} dilaporkan {fmt.waktu_pendek(r['lapor'], zona)}: {r['nama_kategori']} "
                f"({', '.join(sifat)}) di {mana or k.wilayah.nama}.")
        out.append(Peristiwa(f"insiden:{r['id_insiden']}", "insiden", _kec(r), teks))
    return out


def data_basi(q: Q, k: Konteks, saat: dt.datetime, jam: float) -> list[Peristiwa]:
    """The data are stale at the moment: their newest event is ``jam`` hours or more before it. One
    event per stale episode (keyed on that newest event)."""
    terakhir = q("kirim_terbaru", sampai=saat)["waktu_terakhir"].iloc[0]
    zona = k.wilayah.zona_waktu
    if fmt.hilang(terakhir):
        return [Peristiwa("data_basi:kosong", "data_basi", None,
                          "Belum ada data operasional (logistik, checklist, insiden, netralitas, layanan).")]
    terakhir = pd.Timestamp(terakhir).to_pydatetime()
    umur = saat - terakhir
    if umur < dt.timedelta(hours=jam):
        return []
    lama = int(umur.total_seconds() // 3600)
    lama_teks = f"{fmt.angka(lama // 24)} hari" if lama >= 48 else f"{fmt.angka(lama)} jam"
    return [Peristiwa(f"data_basi:{terakhir.isoformat(timespec='minutes')}", "data_basi", None,
                      f"Data belum diperbarui selama {lama_teks}: laporan terbaru dalam data "
                      f"{fmt.waktu(terakhir, zona)}. Pastikan laporan camat dan lurah masuk.")]


def tps_belum_buka(q: Q, k: Konteks, saat: dt.datetime) -> list[Peristiwa]:
    """On voting day from 07.30: per kecamatan, the TPS not yet reported open."""
    hari = k.wilayah.hari_pemungutan
    if saat.date() != hari or saat.time() < JAM_BUKA:
        return []
    df = q("pemungutan_kecamatan", sampai=saat, hari=hari, ulang=None, kecamatan=None)
    out = []
    for r in df.to_dict("records"):
        n = int(r["belum_dibuka_0730"])
        if n:
            out.append(Peristiwa(f"tps_belum_buka:{hari.isoformat()}:{r['kode']}", "tps_belum_buka", str(r["kode"]),
                                 f"Kec. {r['nama']}: {fmt.angka(n)} dari {fmt.angka(r['jumlah_tps'])} TPS belum "
                                 f"dilaporkan dibuka lewat pukul 07.30 ({fmt.jam(saat, k.wilayah.zona_waktu)})."))
    return out


def evaluasi(q: Q, k: Konteks, saat: dt.datetime, s: Setelan) -> list[Peristiwa]:
    """Every event the configured rules fire at ``saat`` (naive local time of the region)."""
    out: list[Peristiwa] = []
    for a in s.aturan:
        if a == "lewat_batas":
            out += lewat_batas(q, k, saat)
        elif a == "ganti_level":
            out += ganti_level(q, k, saat)
        elif a == "insiden":
            out += insiden(q, k, saat, s.insiden_jam)
        elif a == "data_basi":
            out += data_basi(q, k, saat, s.basi_jam)
        elif a == "tps_belum_buka":
            out += tps_belum_buka(q, k, saat)
    return out
