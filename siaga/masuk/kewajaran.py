"""Plausibility checks of the data contract (:data:`siaga.inti.kontrak.KEWAJARAN`): values that are
well-formed but implausible, on typed frames (pandas). :mod:`siaga.data.besar` holds the same checks
in SQL for large files, with the same messages (file, row, column, value, reason).

- :func:`waktu`: event times inside the election window and not in the future; scheduled dates
  inside the window.
- :func:`jumlah_logistik`: quantities received against the need computed from the item formula.
- :func:`faktor_item`: per-voter and per-TPS factors of logistik_item.csv within their range.
- :func:`status`: the state machines of incidents, neutrality cases and TPS readiness, and the
  order of the TPS preparation tasks; a correction row (``koreksi = ya``) may go back.
- :func:`teks_pribadi`: personal data typed into free-text columns of shared files.

Nothing here touches DuckDB or Streamlit."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Protocol
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from siaga.inti.config import Kewajaran, Wilayah
from siaga.inti.kontrak import (
    BERKAS_PRIBADI,
    JADWAL,
    KOREKSI,
    MESIN_STATUS,
    PERISTIWA,
    POLA_PRIBADI,
    TUGAS_TPS,
    Input,
    MesinStatus,
)
from siaga.inti.masalah import GALAT, MASKED, PERINGATAN

FORMAT_WAKTU = {"waktu": "%Y-%m-%d %H:%M", "tanggal": "%Y-%m-%d"}
# the reasons, shared word for word with the SQL twin (siaga.data.besar)
DI_LUAR_JENDELA = ("di luar jendela pemilihan {awal}–{akhir} (wilayah.toml [kewajaran]); periksa tahunnya "
                   "(salah ketik atau templat lama)")
MASA_DEPAN = "sesudah saat pemeriksaan (lebih dari {jam} jam ke depan); periksa tanggal dan jamnya"
MELEBIHI_FAKTOR = ("jumlah layak pakai (diterima − rusak) kumulatif di tempat ini melebihi {faktor} × kebutuhan "
                   "menurut rumus; periksa salah ketik (mis. angka nol berlebih atau titik ribuan)")
MELEBIHI_KEBUTUHAN = "jumlah layak pakai (diterima − rusak) kumulatif di tempat ini melebihi kebutuhan menurut rumus"
KEBUTUHAN_BEDA = "kebutuhan tertulis berbeda lebih dari {faktor} kali dari kebutuhan menurut rumus"
PER_PEMILIH = ("lebih dari {maks} per pemilih (wilayah.toml [kewajaran] per_pemilih_maks); 1.025 dibaca seribu dua "
               "puluh lima: tulis 1,025")
PER_TPS = "lebih dari {maks} per TPS (wilayah.toml [kewajaran] per_tps_maks)"
PRIBADI = ("berisi data pribadi ({jenis}); berkas bersama dibaca banyak peran, jadi tidak boleh memuat NIP, NIK, "
           "nomor telepon atau e-mail. Tulis unit atau jabatan saja; identitas terlapor dan pelapor dicatat di "
           f"{BERKAS_PRIBADI} (akses terbatas)")
TUGAS_URUTAN = ("{tugas} = ya padahal {sebelum} = tidak: tugas persiapan TPS tidak dapat selesai sebelum tahap "
                "sebelumnya")
TUGAS_MUNDUR = ("{tugas} kembali tidak setelah dilaporkan ya; bila ini koreksi, isi kolom koreksi dengan ya "
                "(nilai: laporan sebelumnya → baris ini)")


def alasan_mundur(m: MesinStatus) -> str:
    if m.mundur == GALAT:
        return (f"{m.ket_id} mundur atau dibuka lagi (nilai: sebelumnya → baris ini); bila ini koreksi, isi kolom "
                "koreksi dengan ya")
    return f"{m.ket_id} kembali ke tahap sebelumnya (nilai: sebelumnya → baris ini)"


def alasan_lompat(m: MesinStatus) -> str:
    return f"{m.ket_id} melompati tahap (nilai: sebelumnya → baris ini)"


def peringkat(m: MesinStatus, status: str) -> int | None:
    """A status's place in the order (closing states outside the order: None)."""
    if status in m.urutan:
        return m.urutan.index(status)
    if m.input == "checklist" and status == "bermasalah":      # a TPS with a problem is not ready yet
        return 0
    return None


class Pencatat(Protocol):
    def tambah_baris(self, df: pd.DataFrame, mask: pd.Series, kolom: str | None, alasan: str,
                     tingkat: str = GALAT) -> None: ...

    def tambah_nilai(self, df: pd.DataFrame, mask: pd.Series, kolom: str | None, nilai: pd.Series, alasan: str,
                     tingkat: str = GALAT) -> None: ...


def sekarang_wilayah(wil: Wilayah) -> dt.datetime:
    """The moment of checking in the region's local time (the times in the files are local)."""
    return dt.datetime.now(ZoneInfo(wil.tz)).replace(tzinfo=None)


def angka_batas(x: float) -> str:
    """A limit as messages write it (2 and 2.5, as Python and DuckDB both print them)."""
    return f"{x:g}"


def waktu(inp: Input, df: pd.DataFrame, w: Kewajaran, sekarang: dt.datetime, v: Pencatat) -> None:
    awal, akhir = pd.Timestamp(w.awal), pd.Timestamp(w.akhir) + pd.Timedelta(days=1)
    batas = pd.Timestamp(sekarang) + pd.Timedelta(hours=w.toleransi_jam)
    for k in inp.kolom:
        if k.waktu not in (PERISTIWA, JADWAL) or k.nama not in df:
            continue
        s = pd.to_datetime(df[k.nama])
        teks = s.dt.strftime(FORMAT_WAKTU[k.jenis])
        luar = s.notna() & ((s < awal) | (s >= akhir))
        v.tambah_nilai(df, luar, k.nama, teks, DI_LUAR_JENDELA.format(awal=w.awal.isoformat(),
                                                                      akhir=w.akhir.isoformat()))
        if k.waktu == PERISTIWA:
            # a date without a time happened some time that day: only a later day is in the future
            depan = s.notna() & ~luar & (s > (batas.normalize() if k.jenis == "tanggal" else batas))
            v.tambah_nilai(df, depan, k.nama, teks, MASA_DEPAN.format(jam=angka_batas(w.toleransi_jam)))


def kebutuhan_unit(tabel: dict[str, pd.DataFrame]) -> pd.DataFrame | None:
    """The need per (tahap, kode_lokasi, kode_item) from the item formula, as the store computes it
    (queries/model/02_kebutuhan.sql): ceil(per_tps + per_pemilih × DPT × (1 + cadangan%)) per TPS,
    summed up the chain."""
    if "tps" not in tabel or "logistik_item" not in tabel:
        return None
    t, i = tabel["tps"], tabel["logistik_item"]
    if t.empty or i.empty:
        return None
    x = t[["kode_tps", "kode_kelurahan", "dpt"]].merge(i[["kode_item", "per_tps", "per_pemilih", "cadangan_persen"]],
                                                       how="cross")
    x = x.dropna(subset=["kode_tps", "kode_kelurahan", "dpt", "kode_item", "per_tps", "per_pemilih", "cadangan_persen"])
    x["kebutuhan"] = np.ceil(x["per_tps"].astype(float) + x["per_pemilih"].astype(float) * x["dpt"].astype(float)
                             * (1 + x["cadangan_persen"].astype(float) / 100.0)).astype("int64")
    x["kec"] = x["kode_kelurahan"].str.slice(0, 8)
    x["kab"] = x["kode_kelurahan"].str.slice(0, 5)
    bagian = [("tps", "kode_tps"), ("pps", "kode_kelurahan"), ("ppk", "kec"), ("gudang", "kab")]
    return pd.concat([x.groupby([c, "kode_item"], as_index=False)["kebutuhan"].sum()
                      .rename(columns={c: "kode_lokasi"}).assign(tahap=t_) for t_, c in bagian], ignore_index=True)


def segmen_ulang(df: pd.DataFrame, kolom_tps: str, tabel: dict[str, pd.DataFrame], hari: dt.date,
                 hanya_tps: bool = False) -> pd.Series:
    """The re-vote each row of a log belongs to (``pemungutan_ulang.csv``), "" for the regular election:
    a row at a re-vote's TPS dated after voting day and on or before the re-vote's date (the earliest
    such re-vote), as the store splits them (queries/model/00_ulang_*.sql). A re-vote's logistics and
    checklist run on their own: their sums and states start afresh."""
    out = pd.Series("", index=df.index, dtype=object)
    ulang = tabel.get("pemungutan_ulang")
    if ulang is None or ulang.empty or df.empty:
        return out
    u = ulang[["id_ulang", "kode_tps", "tanggal"]].dropna().sort_values(["tanggal", "id_ulang"])
    mulai = pd.Timestamp(hari) + pd.Timedelta(days=1)
    waktu_ = pd.to_datetime(df["waktu"])
    calon = waktu_.ge(mulai) & df[kolom_tps].isin(set(u["kode_tps"]))
    if hanya_tps:
        calon &= df["tahap"].eq("tps")
    for r in u.iloc[::-1].itertuples():       # the earliest re-vote last: it wins
        kena = calon & df[kolom_tps].eq(r.kode_tps) & waktu_.lt(pd.Timestamp(r.tanggal) + pd.Timedelta(days=1))
        out = out.mask(kena.fillna(False), r.id_ulang)
    return out


def jumlah_logistik(df: pd.DataFrame, tabel: dict[str, pd.DataFrame], w: Kewajaran, v: Pencatat,
                   ulang: pd.Series | None = None) -> None:
    keb = kebutuhan_unit(tabel)
    if keb is None or df.empty:
        return
    key = ["tahap", "kode_lokasi", "kode_item"]
    x = df[[*key, "waktu", "jumlah_diterima", "jumlah_rusak", "jumlah_kebutuhan", "_baris"]].copy()
    x["_ulang"] = "" if ulang is None else ulang
    x["_urut"] = range(len(x))
    x = x.sort_values(["waktu", "_urut"], kind="stable")
    # usable units: replacements of damaged units are not a surplus
    x["_bersih"] = x["jumlah_diterima"].astype("Float64") - x["jumlah_rusak"].astype("Float64").fillna(0)
    x["kumulatif"] = x.groupby([*key, "_ulang"], dropna=False)["_bersih"].cumsum()
    x = x.merge(keb, on=key, how="left").set_index(x.index)
    x = x.reindex(df.index)
    ada = x["kebutuhan"].notna() & x["kebutuhan"].gt(0) & x["kumulatif"].notna()
    nilai = (x["kumulatif"].astype("Int64").astype(str) + " (kebutuhan " + x["kebutuhan"].astype("Int64").astype(str)
             + ")")
    lewat = ada & (x["kumulatif"] > w.faktor_kebutuhan * x["kebutuhan"])
    v.tambah_nilai(df, lewat, "jumlah_diterima", nilai, MELEBIHI_FAKTOR.format(faktor=angka_batas(w.faktor_kebutuhan)))
    lebih = ada & ~lewat & (x["kumulatif"] > x["kebutuhan"])
    v.tambah_nilai(df, lebih, "jumlah_diterima", nilai, MELEBIHI_KEBUTUHAN, PERINGATAN)
    tulis = x["jumlah_kebutuhan"]
    beda = (ada & tulis.notna() & tulis.gt(0)
            & ((tulis > w.faktor_kebutuhan * x["kebutuhan"]) | (tulis * w.faktor_kebutuhan < x["kebutuhan"])))
    nilai_tulis = tulis.astype("Int64").astype(str) + " (kebutuhan " + x["kebutuhan"].astype("Int64").astype(str) + ")"
    v.tambah_nilai(df, beda.fillna(False), "jumlah_kebutuhan", nilai_tulis,
                   KEBUTUHAN_BEDA.format(faktor=angka_batas(w.faktor_kebutuhan)), PERINGATAN)


def faktor_item(df: pd.DataFrame, w: Kewajaran, v: Pencatat) -> None:
    for kolom, maks, alasan in (("per_pemilih", w.per_pemilih_maks, PER_PEMILIH), ("per_tps", w.per_tps_maks, PER_TPS)):
        nilai = df[kolom].map(lambda x: "" if pd.isna(x) else angka_batas(float(x)))
        v.tambah_nilai(df, (df[kolom] > maks).fillna(False), kolom, nilai, alasan.format(maks=angka_batas(maks)))


def _urut(df: pd.DataFrame, kunci: str) -> pd.DataFrame:
    """The log's rows per item in time order (file order among equal times)."""
    x = df.assign(_urut=range(len(df)))
    return x.sort_values([kunci, "waktu", "_urut"], kind="stable")


def status(inp: Input, df: pd.DataFrame, v: Pencatat, ulang: pd.Series | None = None) -> None:
    """State machines per key (a re-vote's rows, ``ulang``, run on their own)."""
    seg = pd.Series("", index=df.index, dtype=object) if ulang is None else ulang
    koreksi = df[KOREKSI].fillna(False).astype(bool) if KOREKSI in df else pd.Series(False, index=df.index)
    for m in MESIN_STATUS:
        if m.input != inp.nama or df.empty:
            continue
        x = _urut(df, m.kunci)
        sebelum = x.groupby([x[m.kunci], seg.reindex(x.index)], sort=False)[m.kolom].shift(1)
        kini = x[m.kolom]
        rank = {st: peringkat(m, st) for st in {*m.urutan, *m.tutup, "bermasalah"}}
        r0, r1 = sebelum.map(rank), kini.map(rank)
        ada = sebelum.notna() & kini.notna() & sebelum.ne(kini)
        ditutup = sebelum.isin(m.tutup)
        mundur = ada & (ditutup | (r0.notna() & r1.notna() & (r1.astype(float) < r0.astype(float))))
        lompat = ada & ~ditutup & r0.notna() & r1.notna() & (r1.astype(float) - r0.astype(float) > 1)
        nilai = (sebelum.fillna("") + " → " + kini.fillna("")).reindex(df.index)
        kor = koreksi.reindex(x.index)
        v.tambah_nilai(df, (mundur & ~kor).reindex(df.index), m.kolom, nilai, alasan_mundur(m), m.mundur)
        if m.lompat is not None:
            v.tambah_nilai(df, lompat.reindex(df.index), m.kolom, nilai, alasan_lompat(m), m.lompat)
    if inp.nama == "checklist" and not df.empty:
        _tugas(df, koreksi, v, seg)


def _tugas(df: pd.DataFrame, koreksi: pd.Series, v: Pencatat, seg: pd.Series) -> None:
    for sebelumnya, tugas in itertools.pairwise(TUGAS_TPS):
        salah = df[tugas].eq(True) & df[sebelumnya].eq(False)
        v.tambah_nilai(df, salah.fillna(False), tugas, pd.Series("ya", index=df.index),
                       TUGAS_URUTAN.format(tugas=tugas, sebelum=sebelumnya))
    x = _urut(df, "kode_tps")
    for tugas in TUGAS_TPS:
        dulu = x.groupby([x["kode_tps"], seg.reindex(x.index)], sort=False)[tugas].shift(1)
        batal = (dulu.eq(True) & x[tugas].eq(False) & ~koreksi.reindex(x.index)).reindex(df.index).fillna(False)
        v.tambah_nilai(df, batal, tugas, pd.Series("ya → tidak", index=df.index), TUGAS_MUNDUR.format(tugas=tugas))


_POLA = [(jenis, re.compile(p)) for jenis, p in POLA_PRIBADI]


def jenis_pribadi(teks: str) -> str | None:
    """The kind of personal data in a text (NIP, NIK, phone number, e-mail), if any."""
    return next((jenis for jenis, p in _POLA if p.search(teks)), None)


def teks_pribadi(inp: Input, df: pd.DataFrame, raw: pd.DataFrame, v: Pencatat) -> None:
    """Free-text columns of a shared file holding personal data (the value is never shown)."""
    if inp.terbatas:
        return
    for k in inp.kolom:
        if k.jenis not in ("teks", "nama") or k.nama not in raw:
            continue
        s = raw[k.nama].astype(str)
        for jenis, p in _POLA:
            hit = s.str.contains(p, regex=True) & s.ne("")
            if hit.any():
                v.tambah_nilai(raw, hit, k.nama, pd.Series(MASKED, index=raw.index), PRIBADI.format(jenis=jenis))
                s = s.where(~hit, "")        # one message per cell


def periksa(inp: Input, df: pd.DataFrame, tabel: dict[str, pd.DataFrame], wil: Wilayah, v: Pencatat,
            sekarang: dt.datetime | None = None) -> None:
    """Every plausibility rule of one typed input (the checks across files call this)."""
    w = wil.wajar
    waktu(inp, df, w, sekarang or sekarang_wilayah(wil), v)
    ulang = None
    if inp.nama == "logistik":
        ulang = segmen_ulang(df, "kode_lokasi", tabel, wil.hari_pemungutan, hanya_tps=True)
        jumlah_logistik(df, tabel, w, v, ulang)
    elif inp.nama == "checklist":
        ulang = segmen_ulang(df, "kode_tps", tabel, wil.hari_pemungutan)
    elif inp.nama == "logistik_item":
        faktor_item(df, w, v)
    status(inp, df, v, ulang)
