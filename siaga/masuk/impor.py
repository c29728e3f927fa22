"""Import one input file: read it however Excel wrote it, match places to Kemendagri codes,
validate it against the other current files, show a preview, and commit it as a version.

- :func:`periksa` is the dry run: a :class:`~siaga.masuk.hasil.HasilImpor` with problems, notes,
  region matches, a masked preview and the canonical file it would write. Nothing is written.
- :func:`impor` takes the import lock, runs :func:`periksa` again on the current files and,
  when accepted, commits through :mod:`siaga.masuk.riwayat` (staged, checked, atomic replace).
- :func:`pulihkan` restores a version the same way (validated like an import).

The canonical file is UTF-8, comma-separated, in contract column order, with ISO dates and
unambiguous numbers, so the store reads exactly the values that were previewed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from siaga.inti import fmt
from siaga.inti.config import Paths, Wilayah, muat_wilayah
from siaga.inti.kontrak import INPUTS, TINGKAT_TAHAP, Input
from siaga.inti.masalah import GALAT, MASKED, PERINGATAN, Masalah, MasalahError
from siaga.masuk import impor_batas, kewajaran, riwayat, urai
from siaga.masuk.baca import baca_tabel, lokasi_berkas
from siaga.masuk.cocok import TINGKAT, Pencocok
from siaga.masuk.hasil import Berkas, HasilImpor, sha256
from siaga.masuk.periksa import Pemeriksa, cek_silang, muat_sekarang, pola_kolom, validasi

JENIS_BATAS = "batas"
JENIS = (*INPUTS, JENIS_BATAS)
MODE_TAMBAH, MODE_GANTI = "tambah", "ganti"
OFFSET = 10_000_000     # row numbers of rows already in a log, while they are checked with new rows
MAKS_PRATINJAU = 20
# Files an input is checked against (references and the semantic checks of siaga.masuk.baca).
PRASYARAT: dict[str, set[str]] = {n: {r.input for r in i.rujukan} for n, i in INPUTS.items()}
PRASYARAT["logistik"] |= {"wilayah", "tps"}
PRASYARAT["checklist"] |= {"tps"}


def terkait(jenis: str) -> set[str]:
    """Inputs whose cross-file checks involve ``jenis`` (both directions)."""
    return PRASYARAT[jenis] | {n for n, pre in PRASYARAT.items() if jenis in pre}


def jenis_label(jenis: str) -> str:
    if jenis == JENIS_BATAS:
        return "Batas wilayah (GeoJSON atau shapefile)"
    inp = INPUTS[jenis]
    return f"{inp.ket_id.split(':')[0].rstrip('.')} ({inp.berkas})"


# ------------------------------------------------------------------ region matching

def _kolom_wilayah(inp: Input) -> list[str]:
    cols = [r.kolom for r in inp.rujukan if r.input == "wilayah"]
    if inp.nama == "logistik":
        cols.append("kode_lokasi")
    return cols


def cocokkan_wilayah(inp: Input, raw: pd.DataFrame, pc: Pencocok) -> tuple[pd.DataFrame, pd.DataFrame, list[Masalah],
                                                                           set[tuple[int, str]]]:
    """Replace BPS codes and names in region columns by Kemendagri codes.

    Returns the frame, the table of matches (column, value, code, name, how, rows), the
    problems for values that match nothing or more than one region, and the (row, column)
    cells concerned (so validation does not report them a second time)."""
    raw = raw.copy()
    v = Pemeriksa(inp)
    rows, cells = [], set()
    for col in _kolom_wilayah(inp):
        if col not in raw.columns:
            continue
        s = raw[col].astype(str).str.strip()
        cand = s.ne("") & ~s.str.fullmatch(pola_kolom(inp.col(col)))
        if not cand.any():
            continue
        if col == "kode_lokasi":
            tahap, _ = urai.pilihan(raw["tahap"].astype(str).str.strip(), inp.col("tahap").pilihan)
            levels = tahap.map(TINGKAT_TAHAP)
        else:
            levels = pd.Series(next(t for t in TINGKAT if t in inp.col(col).pola), index=raw.index)
        induk = None
        if col == "kode_kelurahan" and "kode_kecamatan" in raw.columns:
            induk = raw["kode_kecamatan"].astype(str).str.strip()
        for lv in levels[cand].dropna().unique():
            if lv not in TINGKAT:
                continue
            sel = cand & levels.eq(lv)
            res = pc.banyak(s[sel], (lv,), induk[sel] if induk is not None else None)
            ok = res["kode"].notna()
            raw.loc[res.index[ok], col] = res.loc[ok, "kode"]
            got = pd.DataFrame({"nilai": s[sel][ok], "kode": res.loc[ok, "kode"], "cara": res.loc[ok, "cara"]})
            for (nilai, kode, cara), n in got.value_counts(sort=False).items():
                rows.append((col, nilai, kode, pc.nama.get(kode, ""), cara, int(n)))
            bad = res[~ok]
            for alasan, grp in bad.groupby("alasan", sort=False):
                mask = pd.Series(False, index=raw.index)
                mask[grp.index] = True
                v.tambah_baris(raw.assign(**{col: s}), mask, col, alasan)
                cells |= {(int(b), col) for b in raw.loc[grp.index, "_baris"]}
    v.ringkas()
    padanan = pd.DataFrame(rows, columns=["kolom", "nilai", "kode", "nama", "cara", "jumlah"])
    return raw, padanan, v.masalah, cells


# ------------------------------------------------------------------ canonical file

def _desimal(x: float) -> str:
    text = np.format_float_positional(x, trim="-")
    # "12.345" would read back as twelve thousand: write such values with a decimal comma
    return text.replace(".", ",") if urai._INT_THOUSANDS.fullmatch(text) else text


def _kolom_teks(jenis: str, s: pd.Series) -> pd.Series:
    if jenis == "bulat":
        return s.astype("Int64").astype("string").fillna("")
    if jenis == "desimal":
        return s.map(lambda x: "" if pd.isna(x) else _desimal(float(x)))
    if jenis in ("lintang", "bujur"):
        return s.map(lambda x: "" if pd.isna(x) else np.format_float_positional(float(x), trim="-"))
    if jenis == "tanggal":
        return s.dt.strftime("%Y-%m-%d").fillna("")
    if jenis == "waktu":
        detik = s.dt.second.fillna(0).ne(0)
        out = s.dt.strftime("%Y-%m-%d %H:%M").where(~detik, s.dt.strftime("%Y-%m-%d %H:%M:%S"))
        return out.fillna("")
    if jenis == "ya_tidak":
        return s.astype(object).map(lambda x: "" if pd.isna(x) else ("ya" if x else "tidak"))
    return s.astype(object).map(lambda x: "" if x is None or (isinstance(x, float) and np.isnan(x)) else str(x))


def kanonik(inp: Input, df: pd.DataFrame) -> bytes:
    """The typed frame as the canonical CSV the store reads."""
    cols = {k.nama: _kolom_teks(k.jenis, df[k.nama]).tolist() for k in inp.kolom}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([k.nama for k in inp.kolom])
    w.writerows(zip(*cols.values()))
    return buf.getvalue().encode("utf-8")


def cek_kanonik(inp: Input, isi: bytes, df: pd.DataFrame) -> list[Masalah]:
    """Read a staged canonical file back and check it holds exactly the values of ``df``."""
    try:
        b = baca_tabel(isi, inp.berkas, inp)
    except MasalahError as exc:
        return exc.masalah
    d2, m = validasi(inp, b.df)
    galat = [x for x in b.masalah + m if x.tingkat == GALAT]
    if galat or d2 is None:
        return galat or [Masalah(inp.berkas, None, None, None, "berkas hasil tidak dapat dibaca ulang")]
    if len(d2) != len(df):
        return [Masalah(inp.berkas, None, None, None, "jumlah baris berkas hasil berbeda dari yang diperiksa")]
    for k in inp.kolom:
        a, c = df[k.nama].reset_index(drop=True), d2[k.nama].reset_index(drop=True)
        same = (a.isna() & c.isna()) | (a.astype(object) == c.astype(object)).fillna(False).astype(bool)
        if not bool(same.all()):
            return [Masalah(inp.berkas, None, k.nama, None, "nilai berkas hasil berbeda dari yang diperiksa; "
                                                               "berkas tidak disimpan")]
    return []


# ------------------------------------------------------------------ preview

def _angka(x) -> str:
    if pd.isna(x):
        return ""
    return fmt.angka(x) if float(x).is_integer() else fmt.angka(x, 2).rstrip("0").rstrip(",")


def pratinjau(inp: Input, df: pd.DataFrame, n: int = MAKS_PRATINJAU) -> pd.DataFrame:
    """The first rows as they will be stored, formatted in Indonesian; personal columns masked, and
    personal data typed into a shared free-text column too (the import refuses it)."""
    head = df.head(n)
    out = pd.DataFrame({"baris": head["_baris"].astype(int).to_numpy()})
    for k in inp.kolom:
        s = head[k.nama]
        if k.pribadi:
            col = s.map(lambda x: "" if pd.isna(x) or x == "" else MASKED)
        elif k.jenis in ("teks", "nama"):
            col = s.map(lambda x: "" if x is None or pd.isna(x)
                        else MASKED if kewajaran.jenis_pribadi(str(x)) else str(x))
        elif k.jenis in ("bulat", "desimal"):
            col = s.map(_angka)
        elif k.jenis in ("lintang", "bujur"):
            col = s.map(lambda x: "" if pd.isna(x) else f"{x:.5f}".rstrip("0").replace(".", ","))
        elif k.jenis == "tanggal":
            col = s.map(lambda x: "" if pd.isna(x) else fmt.tanggal(x))
        elif k.jenis == "waktu":
            col = s.map(lambda x: "" if pd.isna(x) else f"{fmt.tanggal(x, pendek=True)} {x:%H.%M}")
        elif k.jenis == "ya_tidak":
            col = s.map(lambda x: "" if pd.isna(x) else ("ya" if x else "tidak"))
        else:
            col = s.map(lambda x: "" if x is None or pd.isna(x) else str(x))
        out[k.nama] = col.to_numpy()
    return out


# ------------------------------------------------------------------ the dry run

def _wilayah_toml(paths: Paths, lap: HasilImpor) -> Wilayah | None:
    try:
        return muat_wilayah(paths.data)
    except MasalahError as exc:
        lap.masalah += exc.masalah
        lap.masalah.append(Masalah("wilayah.toml", None, None, None,
                                   "konfigurasi daerah diperlukan sebelum impor; salin dan sesuaikan wilayah.toml "
                                   "(lihat README: Pakai untuk daerah Anda)"))
        return None


def _cek_batas(paths: Paths, tabel: dict[str, pd.DataFrame]) -> list[Masalah]:
    from siaga.masuk import geo

    out = []
    if "wilayah" not in tabel:
        return out
    w = tabel["wilayah"]
    for t in TINGKAT:
        if (paths.geo / geo.BERKAS_BATAS[t]).is_file():
            out += geo.muat_batas(paths.geo, t, set(w.loc[w["tingkat"] == t, "kode"].dropna()))[1]
    return out


def mode_bawaan(jenis: str) -> str:
    """Event logs take new reports by default (append); lists are replaced whole."""
    return MODE_TAMBAH if jenis in INPUTS and INPUTS[jenis].log else MODE_GANTI


def _baris_tuple(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    return list(df[cols].astype(object).where(df[cols].notna(), None).itertuples(index=False, name=None))


def _gabung(inp: Input, lama: pd.DataFrame, baru: pd.DataFrame, sumber: str) -> tuple[pd.DataFrame, int, list[Masalah]]:
    """New rows of a report appended to the current log: rows already there (identical) are
    skipped; a row whose key exists with different values is refused."""
    cols = [k.nama for k in inp.kolom]
    ada = set(_baris_tuple(lama, cols))
    kunci = {}
    for t, b in zip(_baris_tuple(lama, list(inp.kunci)), lama["_baris"]):
        kunci.setdefault(t, int(b) - OFFSET)
    sama = pd.Series([t in ada for t in _baris_tuple(baru, cols)], index=baru.index, dtype=bool)
    v = Pemeriksa(inp)
    konflik = pd.Series([t in kunci for t in _baris_tuple(baru, list(inp.kunci))], index=baru.index, dtype=bool) & ~sama
    for idx in baru.index[konflik]:
        t = tuple(None if pd.isna(x) else x for x in baru.loc[idx, list(inp.kunci)])
        v.tambah(int(baru.at[idx, "_baris"]), "+".join(inp.kunci), None,
              f"kunci ({', '.join(inp.kunci)}) sudah ada di {inp.berkas} baris {kunci[t]} dengan isi berbeda; untuk "
              "mengubah isi lama, impor seluruh berkas dengan mode ganti")
    v.ringkas()
    return baru[~sama], int(sama.sum()), v.masalah


def periksa(paths: Paths, jenis: str, data: bytes, sumber: str, mode: str | None = None, **opsi) -> HasilImpor:
    """Everything an import does except writing; see the module docstring.

    ``mode`` is ``tambah`` (append the rows to the event log; the default for logs) or
    ``ganti`` (replace the whole file; the default for lists)."""
    if jenis == JENIS_BATAS:
        return impor_batas.periksa(paths, data, sumber, **opsi)
    if jenis not in INPUTS:
        raise ValueError(jenis)
    inp = INPUTS[jenis]
    mode = mode or mode_bawaan(jenis)
    lap = HasilImpor(jenis, sumber, sha256(data), mode=mode)
    if mode == MODE_TAMBAH and not inp.log:
        lap.masalah.append(Masalah(sumber, None, None, None, f"{inp.berkas} bukan log peristiwa: berkasnya hanya dapat "
                                                            "diganti seluruhnya (mode ganti)"))
        return lap
    wil = _wilayah_toml(paths, lap)
    if wil is None:
        return lap
    try:
        bacaan = baca_tabel(data, sumber, inp)
    except MasalahError as exc:
        lap.masalah += exc.masalah
        return lap
    lap.format, lap.catatan = bacaan.format, list(bacaan.catatan)
    raw = bacaan.df
    lap.baris_dibaca = len(raw)
    others, tak = muat_sekarang(paths, terkait(jenis) - {jenis})
    for n in sorted(PRASYARAT[jenis]):
        if n in tak:
            lap.masalah.append(Masalah(INPUTS[n].berkas, None, None, None,
                                       f"{INPUTS[n].berkas} {tak[n]} di folder data; {inp.berkas} dirujuk ke sana, "
                                       f"jadi impor {INPUTS[n].berkas} lebih dulu"))
    lama = None
    if mode == MODE_TAMBAH:
        sekarang, tak_ini = muat_sekarang(paths, {jenis})
        if tak_ini.get(jenis, "belum ada") != "belum ada":
            lap.masalah.append(Masalah(inp.berkas, None, None, None,
                                       f"{inp.berkas} {tak_ini[jenis]}; baris baru tidak dapat ditambahkan. Perbaiki "
                                       "dengan mengimpor seluruh berkas (mode ganti) atau pulihkan versi sebelumnya"))
        elif jenis in sekarang:
            lama = sekarang[jenis].assign(_baris=sekarang[jenis]["_baris"] + OFFSET)
    cells: set[tuple[int, str]] = set()
    if jenis != "wilayah" and "wilayah" in others and _kolom_wilayah(inp):
        raw, lap.padanan, m, cells = cocokkan_wilayah(inp, raw, Pencocok(others["wilayah"]))
        lap.masalah += m
    df, m = validasi(inp, raw)
    lap.masalah += bacaan.masalah + [x for x in m if (x.baris, x.kolom) not in cells]
    full = df
    if df is not None and lama is not None and not lap.galat:
        df, n_sama, m = _gabung(inp, lama, df, sumber)
        lap.masalah += m
        if n_sama:
            lap.catatan.append(f"{fmt.angka(n_sama)} baris sudah ada di {inp.berkas} (sama persis) dan dilewati.")
        full = pd.concat([lama, df], ignore_index=True)
    if df is not None and not lap.galat:
        base = {**others, jenis: lama} if lama is not None else others
        before = set(cek_silang(base, wil))
        after = cek_silang({**others, jenis: full}, wil)
        if lama is not None:
            lap.masalah += [x for x in after if x not in before and (x.berkas == inp.berkas or x.tingkat == GALAT)]
        else:
            lap.masalah += [x for x in after if x.berkas == inp.berkas or (x.tingkat == GALAT and x not in before)]
        if jenis == "wilayah":
            old = set(_cek_batas(paths, muat_sekarang(paths, {"wilayah"})[0]))
            lap.masalah += [x for x in _cek_batas(paths, {"wilayah": df}) if x not in old]
    if df is not None:
        lap.pratinjau = pratinjau(inp, df)
        lap.baris_baru = len(df)
        if not lap.galat:
            if df.empty and lama is None:
                lap.masalah.append(Masalah(sumber, None, None, None, "tidak ada baris data di bawah judul kolom",
                                           PERINGATAN))
            isi = kanonik(inp, full)
            target = lokasi_berkas(inp, paths)
            if (mode == MODE_TAMBAH and df.empty) or (target.is_file() and target.read_bytes() == isi):
                lap.catatan.append(f"Isi {inp.berkas} tidak berubah; tidak ada yang perlu disimpan.")
            else:
                lap.berkas = [Berkas("data", inp.berkas, isi, len(full))]
                lap.masalah += cek_kanonik(inp, isi, full)
                lap.tabel = full
    lap.masalah = [_asal(x, inp.berkas, sumber) for x in lap.masalah]
    return lap


def _asal(m: Masalah, berkas: str, sumber: str) -> Masalah:
    """Problems of the imported rows name the source file; rows already in the log keep the log's name."""
    if m.berkas != berkas:
        return m
    if m.baris is not None and m.baris >= OFFSET:
        return replace(m, baris=m.baris - OFFSET)
    return replace(m, berkas=sumber)


# ------------------------------------------------------------------ committing

def _cek_tahap(jenis: str, lap: HasilImpor):
    """The check run on a staged file before it replaces the target."""
    if jenis == JENIS_BATAS:
        return impor_batas.cek_tahap
    inp, df = INPUTS[jenis], lap.tabel

    def cek(b: Berkas, tmp: Path) -> list[Masalah]:
        return cek_kanonik(inp, tmp.read_bytes(), df)

    return cek


def impor(paths: Paths, jenis: str, data: bytes | None, sumber: str, oleh: str, uji: bool = False,
          sumber_tampil: str | None = None, kabar: Callable[[str], None] | None = None,
          tunggu: float = riwayat.TUNGGU_KUNCI, **opsi) -> HasilImpor:
    """Check and, unless ``uji`` (dry run), commit one file as a new version.

    ``oleh`` is who imports (the OS user on the command line, the name entered in the app;
    later the logged-in user). ``tunggu``: seconds to wait for another import holding the lock.
    The returned report has ``versi`` set when committed."""
    nama = sumber_tampil or sumber
    kabar = kabar or (lambda _: None)
    if uji:
        kabar("membaca dan memeriksa")
        return periksa(paths, jenis, data, nama, **opsi)
    with riwayat.kunci(paths, tunggu) as k:
        kabar("membaca dan memeriksa")
        lap = periksa(paths, jenis, data, nama, **opsi)
        if not lap.ok or not lap.berubah:
            return lap
        try:
            v = k.catat(lap.berkas, oleh=oleh or "(tanpa nama)", aksi=riwayat.AKSI_IMPOR, jenis=jenis,
                        sumber=nama, sumber_sha256=lap.sumber_sha256, cek=_cek_tahap(jenis, lap), kabar=kabar)
        except MasalahError as exc:
            lap.masalah += exc.masalah
            return lap
        lap.versi = v.nomor
    return lap


def impor_bersama(paths: Paths, data: dict[str, bytes], sumber: str, oleh: str,
                  tunggu: float = riwayat.TUNGGU_KUNCI) -> dict[str, HasilImpor]:
    """Append rows to several event logs as one version: every file is checked under one lock and
    all are written together, or none (a meeting and the tasks of its decisions). Messages name the
    rows of the first input ``sumber``, those of the others ``<input> dari <sumber>``. The reports,
    by input; each has ``versi`` set when committed. ``tunggu``: seconds to wait for the lock."""
    with riwayat.kunci(paths, tunggu) as k:
        lap = {j: periksa(paths, j, isi, sumber if i == 0 else f"{j} dari {sumber}", mode=MODE_TAMBAH)
               for i, (j, isi) in enumerate(data.items())}
        if not all(x.ok for x in lap.values()) or not any(x.berubah for x in lap.values()):
            return lap
        berkas = [b for x in lap.values() for b in x.berkas]
        cek = {INPUTS[j].berkas: _cek_tahap(j, x) for j, x in lap.items() if x.berubah}
        try:
            v = k.catat(berkas, oleh=oleh or "(tanpa nama)", aksi=riwayat.AKSI_IMPOR, jenis=next(iter(data)),
                        sumber=sumber, sumber_sha256=sha256(b"".join(data.values())),
                        cek=lambda b, tmp: cek[b.nama](b, tmp))
        except MasalahError as exc:
            pertama = next(iter(lap.values()))
            pertama.masalah += exc.masalah
            return lap
        for x in lap.values():
            x.versi = v.nomor
    return lap


def _jenis_berkas(b: Berkas) -> str:
    if b.folder == "geo":
        return JENIS_BATAS
    return next(n for n, i in INPUTS.items() if i.berkas == b.nama)


def pulihkan(paths: Paths, nomor: int, oleh: str) -> HasilImpor:
    """Restore version ``nomor``: validated like an import, then committed as a new version."""
    with riwayat.kunci(paths) as k:
        v = k.cari(nomor)
        isi = k.isi(v)
        lap = HasilImpor(v.jenis, f"versi {nomor}", v.sumber_sha256)
        cek = {}
        for b in isi:
            jenis = _jenis_berkas(b)
            if jenis == JENIS_BATAS:
                sub = impor_batas.periksa_kanonik(paths, b)
                cek[b.nama] = impor_batas.cek_tahap
            else:
                sub = periksa(paths, jenis, b.isi, f"versi {nomor}: {b.nama}", mode=MODE_GANTI)
                cek[b.nama] = _cek_tahap(jenis, sub)
            lap.masalah += sub.masalah
            lap.catatan += sub.catatan
            lap.pratinjau = sub.pratinjau if lap.pratinjau is None else lap.pratinjau
        lap.berkas = isi
        if not lap.ok:
            return lap
        if all(riwayat.target(paths, b.folder, b.nama).is_file()
               and riwayat.target(paths, b.folder, b.nama).read_bytes() == b.isi for b in isi):
            lap.berkas = []
            lap.catatan.append(f"Berkas versi {nomor} sudah dipakai sekarang; tidak ada yang diubah.")
            return lap
        try:
            baru = k.catat(isi, oleh=oleh or "(tanpa nama)", aksi=riwayat.AKSI_PULIHKAN, jenis=v.jenis,
                           sumber=f"versi {nomor}: {v.sumber}", sumber_sha256=v.sumber_sha256,
                           cek=lambda b, tmp: cek[b.nama](b, tmp), dari_versi=nomor)
        except MasalahError as exc:
            lap.masalah += exc.masalah
            return lap
        lap.versi = baru.nomor
    return lap
