"""Check the input files against the data contract: type every column, apply patterns, choices,
ranges and keys, the checks across files, and say what is wrong in Indonesian (file, row, column,
value, reason; personal values masked). :func:`muat_semua` reads and checks every input of a data
folder; :func:`muat_sekarang` the files in use that validate on their own (for an import).

Nothing here touches DuckDB or Streamlit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from siaga.inti.config import Paths, Wilayah
from siaga.inti.kontrak import (
    ALASAN_HASIL_CALON,
    DIMUAT,
    INPUTS,
    POLA,
    POLA_HASIL_CALON,
    TINGKAT_TAHAP,
    Input,
    Kolom,
)
from siaga.inti.masalah import GALAT, MASKED, PERINGATAN, Masalah, MasalahError
from siaga.masuk import kewajaran, urai
from siaga.masuk.baca import baca_tabel, lokasi_berkas
from siaga.masuk.cocok import Pencocok

MAX_PER_KOLOM = 20   # example rows per (file, column, reason) before summarising
RENTANG_KOORDINAT = {"lintang": (-11.5, 6.5), "bujur": (94.0, 142.0)}    # Indonesia, with a margin

ALASAN = {
    "bulat": "bukan bilangan bulat (contoh: 1.234 atau 1234)",
    "desimal": "bukan angka (contoh: 12,5)",
    "lintang": "bukan lintang yang sah untuk Indonesia (−11 sampai 6 derajat, contoh: -6,2421)",
    "bujur": "bukan bujur yang sah untuk Indonesia (94 sampai 142 derajat, contoh: 107,0191)",
    "tanggal": "bukan tanggal (contoh: 27/11/2024 atau 27 November 2024; hari ditulis lebih dulu)",
    "waktu": "bukan waktu (contoh: 27/11/2024 14.30; hari ditulis lebih dulu)",
    "ya_tidak": "harus ya atau tidak",
    "nama": "nama hanya boleh berisi huruf, angka, spasi dan tanda . , ' ( ) - / &",
}


@dataclass
class HasilMuat:
    tabel: dict[str, pd.DataFrame] = field(default_factory=dict)
    masalah: list[Masalah] = field(default_factory=list)

    @property
    def galat(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == GALAT]

    @property
    def ok(self) -> bool:
        return not self.galat


class Pemeriksa:
    def __init__(self, inp: Input):
        self.inp = inp
        self.masalah: list[Masalah] = []
        self._counts: dict[tuple, int] = {}

    def tambah(self, baris, kolom, nilai, alasan, tingkat=GALAT, lembar: str | None = None):
        key = (kolom, alasan, tingkat)
        n = self._counts.get(key, 0)
        self._counts[key] = n + 1
        if n < MAX_PER_KOLOM:
            if nilai is not None and kolom and kolom in self.inp.pribadi:
                nilai = MASKED
            self.masalah.append(Masalah(self.inp.berkas, baris, kolom, nilai, alasan, tingkat, lembar))

    def tambah_baris(self, df: pd.DataFrame, mask: pd.Series, kolom: str | None, alasan: str, tingkat=GALAT):
        values = df[kolom] if kolom in df.columns else pd.Series(None, index=df.index, dtype=object)
        self.tambah_nilai(df, mask, kolom, values, alasan, tingkat)

    def tambah_nilai(self, df: pd.DataFrame, mask: pd.Series, kolom: str | None, nilai: pd.Series, alasan: str,
                     tingkat=GALAT):
        """The rows of ``df`` where ``mask`` holds, each shown with its ``nilai``."""
        mask = mask.reindex(df.index).fillna(False).astype(bool)
        n = int(mask.sum())
        if not n:
            return
        sub = df.loc[mask].head(MAX_PER_KOLOM)
        values = nilai.reindex(sub.index)
        lembar = sub["_lembar"] if "_lembar" in sub.columns else pd.Series(None, index=sub.index, dtype=object)
        for baris, x, lb in zip(sub["_baris"], values, lembar):
            self.tambah(int(baris), kolom, None if pd.isna(x) else str(x), alasan, tingkat,
                        lb if isinstance(lb, str) else None)
        if n > len(sub):
            key = (kolom, alasan, tingkat)
            self._counts[key] = self._counts.get(key, 0) + n - len(sub)

    def ringkas(self):
        for (kolom, alasan, tingkat), n in self._counts.items():
            if n > MAX_PER_KOLOM:
                self.masalah.append(Masalah(self.inp.berkas, None, kolom, None,
                                            f"{alasan} — dan {n - MAX_PER_KOLOM} baris lain dengan masalah yang sama",
                                            tingkat))


def pola_kolom(col: Kolom) -> str:
    return "|".join(f"(?:{POLA[p]})" for p in col.pola.split("|"))


def validasi(inp: Input, raw: pd.DataFrame) -> tuple[pd.DataFrame | None, list[Masalah]]:
    """Type and check one input's raw text frame."""
    v = Pemeriksa(inp)
    raw = raw.copy()
    if "_baris" not in raw.columns:
        raw["_baris"] = range(2, len(raw) + 2)
    # drop rows that are entirely blank (``;;;`` lines from Excel)
    data_cols = [c for c in raw.columns if c not in ("_baris", "_lembar")]
    for c in data_cols:
        raw[c] = raw[c].astype(str).str.strip()
    if data_cols:
        raw = raw[raw[data_cols].ne("").any(axis=1)]

    known = {k.nama for k in inp.kolom}
    for c in data_cols:
        if c not in known and re.search(POLA_HASIL_CALON, c):      # neutral: never a candidate's result
            v.tambah(None, c.split("__")[0], None, ALASAN_HASIL_CALON)
        elif c not in known and not c.startswith("unnamed"):
            v.tambah(None, c.split("__")[0], None, "kolom tidak dikenal, diabaikan", PERINGATAN)
    missing = [k.nama for k in inp.kolom if k.wajib and k.nama not in raw.columns]
    for m in missing:
        v.tambah(None, m, None, "kolom wajib tidak ada di baris judul")
    if missing:
        return None, v.masalah

    out = pd.DataFrame(index=raw.index)
    out["_baris"] = raw["_baris"]
    if "_lembar" in raw.columns:
        out["_lembar"] = raw["_lembar"]
    kewajaran.teks_pribadi(inp, out, raw, v)
    for col in inp.kolom:
        s = raw[col.nama] if col.nama in raw.columns else pd.Series("", index=raw.index, dtype=str)
        blank = s.eq("")
        if col.wajib:
            v.tambah_baris(raw, blank, col.nama, "wajib diisi tetapi kosong")
        j = col.jenis
        if j == "bulat":
            vals, bad = urai.bulat(s)
        elif j == "desimal":
            vals, bad = urai.desimal(s)
        elif j == "lintang" or j == "bujur":
            vals, bad = urai.koordinat(s, *RENTANG_KOORDINAT[j])
        elif j == "tanggal":
            vals, bad = urai.tanggal(s)
        elif j == "waktu":
            vals, bad = urai.waktu(s)
        elif j == "ya_tidak":
            vals, bad = urai.ya_tidak(s)
        elif j == "pilihan":
            vals, bad = urai.pilihan(s, col.pilihan)
            if bad.any():
                allowed = ", ".join(c for c, _ in col.pilihan)
                v.tambah_baris(raw, bad, col.nama, f"harus salah satu dari: {allowed}")
                bad = bad & False
        elif j == "kode":
            vals, bad = urai.kode(s, pola_kolom(col))
            if bad.any():
                sci = bad & s.str.fullmatch(r"-?\d+(?:[.,]\d+)?[eE][+-]?\d+")
                v.tambah_baris(raw, sci, col.nama,
                               "kode tertulis sebagai angka ilmiah: Excel mengubah kode panjang menjadi angka dan "
                               "digit terakhirnya hilang; format kolom sebagai Teks lalu isi ulang")
                v.tambah_baris(raw, bad & ~sci, col.nama, "format kode tidak sesuai" + contoh_nilai(col))
                bad = bad & False
        elif j == "nama":
            vals, bad = urai.nama(s, list_sep="|" if col.pola == "daftar" else None)
        else:  # teks
            vals, bad = s.where(~blank, None), blank & False
        if bad.any():
            v.tambah_baris(raw, bad, col.nama, ALASAN[j])
        if col.minimum is not None or col.maksimum is not None:
            num = pd.to_numeric(vals, errors="coerce")
            lo = num < col.minimum if col.minimum is not None else num.isna() & False
            hi = num > col.maksimum if col.maksimum is not None else num.isna() & False
            v.tambah_baris(raw, (lo | hi).fillna(False).astype(bool), col.nama,
                       teks_rentang(col))
        out[col.nama] = vals

    # key uniqueness
    key = list(inp.kunci)
    dup = out.duplicated(key, keep=False) & out[key].notna().all(axis=1)
    if dup.any():
        first = out[dup].groupby(key, dropna=False)["_baris"].transform("min")
        later = dup & out["_baris"].ne(first.reindex(out.index))
        for idx in out.index[later][:MAX_PER_KOLOM]:
            v.tambah(int(out.at[idx, "_baris"]), "+".join(key), None,
                     f"baris ganda: kunci ({', '.join(key)}) sama dengan baris {int(first.at[idx])}",
                     lembar=out.at[idx, "_lembar"] if "_lembar" in out.columns else None)
    v.ringkas()
    return out, v.masalah


def contoh_nilai(col: Kolom) -> str:
    ex = {"nasional": "00", "provinsi": "32", "kabkota": "32.75", "kecamatan": "32.75.01", "kelurahan": "32.75.01.1001",
          "tps": "32.75.01.1001.001", "kode_item": "SS_GUB", "kode_kategori": "politik_uang", "bps": "3275010",
          "bps_desa": "3275010001", "nip": "18 digit angka", "id": "INS-0001", "unit_desk": "kesbangpol"}
    return " (contoh: " + " atau ".join(ex[p] for p in col.pola.split("|")) + ")"


def teks_rentang(col: Kolom) -> str:
    if col.minimum is not None and col.maksimum is not None:
        return f"di luar rentang {col.minimum:g}–{col.maksimum:g}"
    if col.minimum is not None:
        return f"tidak boleh kurang dari {col.minimum:g}"
    return f"tidak boleh lebih dari {col.maksimum:g}"


def _ref_check(v: Pemeriksa, df: pd.DataFrame, kolom: str, allowed: Iterable[str], target: str):
    s = df[kolom]
    bad = s.notna() & ~s.isin(set(allowed))
    v.tambah_baris(df, bad, kolom, f"kode tidak ditemukan di {target}")


def cek_silang(tabel: dict[str, pd.DataFrame], wil: Wilayah, sekarang: dt.datetime | None = None) -> list[Masalah]:
    """Checks across files: references, code hierarchy, stage levels, quantities, and the
    plausibility rules of the contract (:mod:`siaga.masuk.kewajaran`; ``sekarang``: the moment of
    checking in local time, now by default)."""
    out: list[Masalah] = []
    sekarang = sekarang or kewajaran.sekarang_wilayah(wil)
    for name, df in tabel.items():
        inp = INPUTS[name]
        v = Pemeriksa(inp)
        for r in inp.rujukan:
            if r.input in tabel and r.kolom in df:
                _ref_check(v, df, r.kolom, tabel[r.input][r.kolom_tujuan].dropna(), INPUTS[r.input].berkas)
        _semantic(name, df, tabel, wil, v)
        kewajaran.periksa(inp, df, tabel, wil, v, sekarang)
        v.ringkas()
        out.extend(v.masalah)
    return out


def _semantic(name: str, df: pd.DataFrame, tabel: dict[str, pd.DataFrame], wil: Wilayah, v: Pemeriksa):
    if name == "wilayah":
        kec = df["tingkat"].eq("kecamatan")
        kel = df["tingkat"].eq("kelurahan")
        prov, kab = df["tingkat"].eq("provinsi"), df["tingkat"].eq("kabkota")
        if wil.multi:
            v.tambah_baris(df, kec & ~df["kode_induk"].isin(set(df.loc[kab, "kode"])), "kode_induk",
                       "kab/kota induk tidak ada di wilayah.csv")
            v.tambah_baris(df, kab & ~df["kode_induk"].isin(set(df.loc[prov, "kode"])), "kode_induk",
                       "provinsi induk tidak ada di wilayah.csv")
            v.tambah_baris(df, df["kode"].notna() & ~df["kode"].map(wil.mencakup, na_action="ignore").fillna(True),
                       "kode", f"wilayah di luar {wil.nama} ({wil.kode}, wilayah.toml)")
        else:
            v.tambah_baris(df, kec & df["kode_induk"].ne(wil.kode), "kode_induk",
                       f"kecamatan harus berinduk ke kab/kota {wil.kode} (wilayah.toml)")
            v.tambah_baris(df, kab & df["kode"].ne(wil.kode), "kode",
                       f"data satu kab/kota hanya boleh memuat kab/kota {wil.kode} (wilayah.toml)")
        v.tambah_baris(df, prov & df["kode_induk"].ne("00"), "kode_induk", "induk provinsi harus 00")
        v.tambah_baris(df, prov & ~df["kode"].str.fullmatch(POLA["provinsi"]).fillna(False), "kode",
                   "kode provinsi harus berbentuk NN")
        v.tambah_baris(df, kab & ~df["kode"].str.fullmatch(POLA["kabkota"]).fillna(False), "kode",
                   "kode kab/kota harus berbentuk NN.NN")
        v.tambah_baris(df, kec & ~df["kode"].str.fullmatch(POLA["kecamatan"]).fillna(False), "kode",
                   "kode kecamatan harus berbentuk NN.NN.NN")
        v.tambah_baris(df, kel & ~df["kode"].str.fullmatch(POLA["kelurahan"]).fillna(False), "kode",
                   "kode kelurahan harus berbentuk NN.NN.NN.NNNN")
        kec_codes = set(df.loc[kec, "kode"])
        v.tambah_baris(df, kel & ~df["kode_induk"].isin(kec_codes), "kode_induk",
                   "kecamatan induk tidak ada di wilayah.csv")
        prefix = df["kode"].str.replace(r"\.[^.]*$", "", regex=True)
        v.tambah_baris(df, df["kode"].notna() & ~prov & prefix.ne(df["kode_induk"]), "kode",
                   "kode tidak diawali kode induknya")
    elif name == "tps":
        prefix = df["kode_tps"].str.replace(r"\.[^.]*$", "", regex=True)
        v.tambah_baris(df, df["kode_tps"].notna() & prefix.ne(df["kode_kelurahan"]), "kode_tps",
                   "kode TPS tidak diawali kode kelurahannya")
        num = pd.to_numeric(df["kode_tps"].str.extract(r"\.([^.]*)$", expand=False), errors="coerce")
        v.tambah_baris(df, df["nomor_tps"].notna() & num.ne(df["nomor_tps"]).fillna(False), "nomor_tps",
                   "nomor TPS tidak sama dengan tiga digit terakhir kode TPS")
    elif name == "logistik":
        levels = {
            "kabkota": (set(tabel["wilayah"].query("tingkat == 'kabkota'")["kode"])
                        if wil.multi and "wilayah" in tabel else {wil.kode}),
            "kecamatan": set(tabel["wilayah"].query("tingkat == 'kecamatan'")["kode"]) if "wilayah" in tabel else set(),
            "kelurahan": set(tabel["wilayah"].query("tingkat == 'kelurahan'")["kode"]) if "wilayah" in tabel else set(),
            "tps": set(tabel["tps"]["kode_tps"]) if "tps" in tabel else set(),
        }
        for tahap, tingkat in TINGKAT_TAHAP.items():
            m = df["tahap"].eq(tahap) & df["kode_lokasi"].notna() & ~df["kode_lokasi"].isin(levels[tingkat])
            v.tambah_baris(df, m, "kode_lokasi", f"tahap {tahap} memerlukan kode {tingkat} yang terdaftar")
        key = ["tahap", "kode_lokasi", "kode_item"]
        cum = df.sort_values("waktu").groupby(key, dropna=False)[["jumlah_diterima", "jumlah_rusak"]].cumsum()
        v.tambah_baris(df, (cum["jumlah_rusak"] > cum["jumlah_diterima"]).reindex(df.index).fillna(False),
                   "jumlah_rusak", "jumlah rusak melebihi jumlah yang sudah diterima di tempat ini")
        v.tambah_baris(df, df["jumlah_diterima"].eq(0) & df["jumlah_rusak"].eq(0), "jumlah_diterima",
                   "baris tanpa jumlah diterima maupun rusak", PERINGATAN)
    elif name == "checklist" and "tps" in tabel:
        dpt = df["kode_tps"].map(tabel["tps"].set_index("kode_tps")["dpt"])
        v.tambah_baris(df, (df["c_pemberitahuan"] > dpt).fillna(False), "c_pemberitahuan",
                   "C-Pemberitahuan tersampaikan lebih banyak dari DPT TPS")
    elif name == "insiden" and "wilayah" in tabel:
        induk = tabel["wilayah"].set_index("kode")["kode_induk"]
        kel_kec = df["kode_kelurahan"].map(induk)
        v.tambah_baris(df, df["kode_kelurahan"].notna() & kel_kec.notna() & kel_kec.ne(df["kode_kecamatan"]),
                   "kode_kelurahan", "kelurahan tidak berada di kecamatan yang disebut")
        tps_kel = df["kode_tps"].str.replace(r"\.[^.]*$", "", regex=True)
        v.tambah_baris(df, df["kode_tps"].notna() & df["kode_kelurahan"].notna() & tps_kel.ne(df["kode_kelurahan"]),
                   "kode_tps", "TPS tidak berada di kelurahan yang disebut")
        v.tambah_baris(df, (df["waktu_kejadian"] > df["waktu"]).fillna(False), "waktu_kejadian",
                   "waktu kejadian sesudah waktu pembaruan", PERINGATAN)
    elif name == "netralitas":
        v.tambah_baris(df, (df["tanggal_kejadian"] > df["tanggal_laporan"]).fillna(False), "tanggal_kejadian",
                   "tanggal kejadian sesudah tanggal laporan")
    elif name == "pemungutan":
        _semantic_pemungutan(df, tabel, v)
    elif name == "rekapitulasi":
        v.tambah_baris(df, (df["keberatan_selesai"] > df["keberatan_diajukan"].fillna(0)
                            + df.groupby(["tingkat", "kode_kecamatan"])["keberatan_diajukan"].transform("sum")
                            - df["keberatan_diajukan"].fillna(0)).fillna(False),
                       "keberatan_selesai", "keberatan diselesaikan lebih banyak dari yang diajukan di kecamatan ini")
    elif name in ("tugas", "rapat"):
        _semantic_tugas(name, df, tabel, wil, v)
    elif name == "tahapan":
        v.tambah_baris(df, (df["mulai"] > df["selesai"]).fillna(False), "selesai", "tanggal selesai sebelum mulai")


CADANGAN_SURAT_SUARA = 2.5     # % of DPT: the spare ballots DPTb and DPK voters use (PKPU)


def _semantic_pemungutan(df: pd.DataFrame, tabel: dict[str, pd.DataFrame], v: Pemeriksa):
    """Voting-day plausibility: attendance within the ballots of the TPS, no TPS closing before it opened."""
    if df.empty:
        return
    if "tps" in tabel:
        dpt = df["kode_tps"].map(tabel["tps"].set_index("kode_tps")["dpt"])
        v.tambah_baris(df, (df["hadir_dpt"] > dpt).fillna(False), "hadir_dpt",
                       "pemilih DPT yang hadir melebihi jumlah DPT TPS")
        hadir = df[["hadir_dpt", "hadir_dptb", "hadir_dpk"]].fillna(0).sum(axis=1)
        surat = dpt - (-dpt * int(CADANGAN_SURAT_SUARA * 10) // 1000)      # DPT + the spare, rounded up
        v.tambah_baris(df, (hadir > surat).fillna(False), "hadir_dptb",
                       "jumlah hadir (DPT + DPTb + DPK) melebihi surat suara TPS (DPT ditambah cadangan 2,5%)")
    mulai = df["waktu"].where(df["kejadian"].eq("dibuka")).groupby(df["kode_tps"]).transform("min")
    v.tambah_baris(df, df["kejadian"].eq("ditutup") & mulai.notna() & (df["waktu"] < mulai), "waktu",
                   "TPS ditutup sebelum waktu dibuka")


def _semantic_tugas(name: str, df: pd.DataFrame, tabel: dict[str, pd.DataFrame], wil: Wilayah, v: Pemeriksa):
    """Tasks and meetings: the owner unit exists (a kecamatan or kelurahan of wilayah.csv, or a desk
    unit of wilayah.toml), the kelurahan lies in the kecamatan, a decision has its unit and due time."""
    from siaga.inti.unit import unit_desk

    tempat = set(tabel["wilayah"]["kode"]) if "wilayah" in tabel else None
    dikenal = set(unit_desk(wil))
    unit = df["unit"]
    ok = unit.isna() | unit.isin(dikenal) | (unit.isin(tempat) if tempat is not None else unit.str.contains(r"\."))
    v.tambah_baris(df, ~ok, "unit", "unit tidak dikenal: tulis kode kecamatan/kelurahan dari wilayah.csv atau unit "
                   "desk dari wilayah.toml [unit] (" + ", ".join(sorted(dikenal)) + ")")
    if name == "tugas":
        kec = df["kode_kelurahan"].str.slice(0, 8)
        v.tambah_baris(df, df["kode_kelurahan"].notna() & df["kode_kecamatan"].notna() & kec.ne(df["kode_kecamatan"]),
                       "kode_kelurahan", "kelurahan tidak berada di kecamatan yang disebut")
    else:
        kep = df["jenis"].eq("keputusan")
        v.tambah_baris(df, kep & df["unit"].isna(), "unit", "keputusan rapat memerlukan unit pelaksana")
        v.tambah_baris(df, kep & df["batas_waktu"].isna(), "batas_waktu", "keputusan rapat memerlukan batas waktu")


def muat_semua(paths: Paths, wil: Wilayah, names: Iterable[str] = DIMUAT) -> HasilMuat:
    """Read and validate every shared input; the result is usable only when ``ok``."""
    hasil = HasilMuat()
    for name in names:
        inp = INPUTS[name]
        path = lokasi_berkas(inp, paths)
        if not path.is_file():
            if inp.wajib:
                hasil.masalah.append(Masalah(inp.berkas, None, None, None, f"berkas tidak ditemukan di {path.parent}"))
            else:                                   # an optional file: an empty table of the contract's types
                hasil.tabel[name], _ = validasi(inp, pd.DataFrame(columns=[k.nama for k in inp.kolom]))
            continue
        try:
            bacaan = baca_tabel(path.read_bytes(), inp.berkas, inp)
        except MasalahError as exc:
            hasil.masalah.extend(exc.masalah)
            continue
        df, masalah = validasi(inp, bacaan.df)
        hasil.masalah.extend(bacaan.masalah + masalah)
        if df is not None:
            hasil.tabel[name] = df
    if all(n in hasil.tabel for n in names):
        hasil.masalah.extend(cek_silang(hasil.tabel, wil))
    return hasil


# ------------------------------------------------------------------ loading the current files

def muat_sekarang(paths: Paths, names: set[str]) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """The current files among ``names`` that validate on their own; and why the others are unusable."""
    tabel, alasan = {}, {}
    for n in sorted(names):
        inp = INPUTS[n]
        p = lokasi_berkas(inp, paths)
        if not p.is_file():
            alasan[n] = "belum ada"
            continue
        try:
            b = baca_tabel(p.read_bytes(), inp.berkas, inp)
        except MasalahError:
            alasan[n] = "tidak dapat dibaca"
            continue
        df, m = validasi(inp, b.df)
        if df is None or any(x.tingkat == GALAT for x in b.masalah + m):
            alasan[n] = "sekarang ditolak pemeriksa"
            continue
        tabel[n] = df
    return tabel, alasan


def pencocok(paths: Paths) -> Pencocok:
    tabel, _ = muat_sekarang(paths, {"wilayah"})
    return Pencocok(tabel["wilayah"]) if "wilayah" in tabel else Pencocok.kosong()
