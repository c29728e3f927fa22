"""Read an input file as a clerk made it (CSV in any encoding and separator, XLSX, report layouts
with title rows, merged headers, totals and signatures) into text columns, keeping each row's
number as Excel shows it. Checking the values is :mod:`siaga.masuk.periksa`'s job.

Nothing here touches DuckDB or Streamlit."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from siaga.inti.config import Paths
from siaga.inti.kontrak import Input
from siaga.inti.masalah import MASKED, Masalah, MasalahError


def lokasi_berkas(inp: Input, paths: Paths) -> Path:
    return (paths.geo if inp.folder == "geo" else paths.data) / inp.berkas


def norm_judul(h: str) -> str:
    """``"Kode TPS"`` -> ``kode_tps``; ``"Jumlah (DPT)"`` -> ``jumlah_dpt``."""
    t = str(h).strip().lower().lstrip("\ufeff")
    return re.sub(r"[^0-9a-z]+", "_", t).strip("_")


# Other header spellings seen in desk spreadsheets, per contract column. An alias applies only
# when the file does not also carry the contract name itself.
ALIAS_KOLOM = {
    "kode_kecamatan": ("kecamatan", "kec", "nama_kecamatan", "kode_kec"),
    "kode_kelurahan": ("kelurahan", "desa", "kelurahan_desa", "desa_kelurahan", "kel", "nama_kelurahan",
                       "kode_kel", "kode_desa"),
    "kode_lokasi": ("lokasi", "kode_tempat", "tempat"),
    "kode_item": ("item", "jenis_logistik", "kode_barang"),
    "kode_tps": ("tps_kode",),
    "nomor_tps": ("no_tps", "nomor"),
    "dpt": ("jumlah_dpt", "jml_dpt", "jumlah_pemilih"),
    "waktu": ("tanggal_waktu", "tanggal_dan_jam", "tgl_jam", "waktu_laporan"),
    "jumlah_kebutuhan": ("kebutuhan",),
    "jumlah_diterima": ("diterima", "jumlah_terima", "jml_diterima"),
    "jumlah_rusak": ("rusak", "jml_rusak"),
    "catatan": ("keterangan", "ket"),
    "c_pemberitahuan": ("c_pemberitahuan_tersampaikan", "jumlah_c_pemberitahuan"),
}
MAX_BARIS_JUDUL = 30            # the header is looked for in this many rows at the top
_TOTAL = re.compile(r"^(?:sub\s*-?\s*)?(?:jumlah|total|grand\s*total)(?:[\s:].*)?$", re.IGNORECASE | re.DOTALL)
_SEP = {",": "koma", ";": "titik koma", "\t": "tab", "|": "garis tegak"}
XLSX_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


@dataclass
class Bacaan:
    """A table as read from a file: text cells under contract column names, the clerk's row
    numbers (``_baris``, as Excel shows them), and notes on what was skipped or converted."""
    df: pd.DataFrame
    catatan: list[str] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)
    format: str = "CSV"


def _tolak(berkas: str, alasan: str) -> MasalahError:
    return MasalahError([Masalah(berkas, None, None, None, alasan)])


_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _dekode(data: bytes, berkas: str) -> tuple[str, str]:
    """Text and the name of its encoding; refuses binary files (images, PDF, archives)."""
    text, enc = _dekode_saja(data, berkas)
    sample = text[:20_000]
    if sample and len(_KONTROL.findall(sample)) > len(sample) // 100:
        raise _tolak(berkas, "berkas bukan teks (CSV) maupun XLSX")
    return text, enc


def _dekode_saja(data: bytes, berkas: str) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (BOM or not), UTF-16 (Excel "Unicode Text"), Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    head = data[:4000]
    if len(head) >= 4 and head.count(0) >= len(head) // 4:
        odd = head[1::2].count(0) > head[0::2].count(0)
        try:
            return data.decode("utf-16-le" if odd else "utf-16-be"), "UTF-16"
        except UnicodeDecodeError:
            raise _tolak(berkas, "berkas bukan teks (CSV) maupun XLSX") from None
    if b"\x00" in head:
        raise _tolak(berkas, "berkas bukan teks (CSV) maupun XLSX")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "Windows-1252"


def _baris_csv(text: str, sep: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


def _frame_csv(text: str, sep: str) -> pd.DataFrame | None:
    """The whole CSV as text cells by pandas' C parser; None when rows are ragged (title rows)."""
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                         na_filter=False, skip_blank_lines=False, engine="c", quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    df.columns = range(len(df.columns))
    return df.fillna("")


def _pilih_pemisah(text: str, inp: Input | None) -> str:
    """The separator under which the top of the file parses into a recognisable, regular table."""
    sample = "\n".join(text[:200_000].splitlines()[:60])
    best, best_score = ",", None
    for sep in _SEP:
        try:
            rows = _baris_csv(sample, sep)
        except csv.Error:
            continue
        counts = [len(r) for r in rows if any(c.strip() for c in r)]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        regular = counts.count(modal) / len(counts) if modal > 1 else 0.0
        header = _cari_judul([[c for c in r] for r in rows[:MAX_BARIS_JUDUL]], inp)[2] if inp else 0
        score = (header, round(regular, 2), modal)
        if best_score is None or score > best_score:
            best, best_score = sep, score
    return best


def _peta_kolom(names: list[str], inp: Input) -> list[str | None]:
    """Contract column per normalised header name (None when unknown): exact, alias, then the
    longest contract name the header ends with (``kesiapan_kpps_dibentuk`` -> ``kpps_dibentuk``)."""
    known = [k.nama for k in inp.kolom]
    exact = set(names) & set(known)
    out: list[str | None] = []
    for n in names:
        if n in exact:
            out.append(n)
            continue
        hit = None
        for target, aliases in ALIAS_KOLOM.items():
            if target in known and target not in exact and n in aliases:
                hit = target
                break
        if hit is None:
            ends = [k for k in known if k not in exact and n.endswith("_" + k)]
            hit = max(ends, key=len) if ends else None
        out.append(hit)
    return out


def _skor(names: list[str], inp: Input) -> int:
    return len({c for c in _peta_kolom(names, inp) if c})


def _nama_dua_baris(top: list[str], bottom: list[str], inp: Input) -> list[str]:
    """Column names of a two-row (merged) header: the top row's merged cells are filled to the
    right; per column the combined name, the lower cell or the upper cell, whichever is known."""
    filled, last = [], ""
    for t, b in zip(top, bottom):
        if t:
            last = t
        filled.append(t or (last if b else ""))
    names = []
    for t, b in zip(filled, bottom):
        cands = [norm_judul(f"{t} {b}") if t and b else "", norm_judul(b), norm_judul(t)]
        cands = [c for c in cands if c]
        pick = next((c for c in cands if _peta_kolom([c], inp)[0]), cands[0] if cands else "")
        names.append(pick)
    return names


def _cari_judul(rows: list[list[str]], inp: Input | None) -> tuple[int, int, int]:
    """(row index, height 1 or 2, score) of the header among the top rows."""
    first = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), 0)
    if inp is None:
        return first, 1, 0
    best = (first, 1, 0)
    for i in range(min(len(rows), MAX_BARIS_JUDUL)):
        r = [c.strip() for c in rows[i]]
        if not any(r):
            continue
        one = _skor([norm_judul(c) for c in r], inp)
        if one > best[2]:
            best = (i, 1, one)
        if one == len(inp.kolom):                 # every contract column named: nothing can beat it
            break
        if i + 1 < len(rows):
            nxt = [c.strip() for c in rows[i + 1]]
            width = max(len(r), len(nxt))
            two = _skor(_nama_dua_baris(r + [""] * (width - len(r)), nxt + [""] * (width - len(nxt)), inp), inp)
            # a two-row header must name more columns than either row alone (a title row above a
            # header "names" every column through the header row, but is not part of it)
            below = _skor([norm_judul(c) for c in nxt], inp)
            if two > best[2] and two > below:
                best = (i, 2, two)
    return best


def _sel_teks(v, jenis: str | None) -> str:
    """An XLSX cell as the text a clerk would have typed, unambiguous for :mod:`siaga.masuk.urai`."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, dt.datetime):
        v = (v + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        return (v.strftime("%Y-%m-%d") if jenis == "tanggal" or v.time() == dt.time()
                else v.strftime("%Y-%m-%d %H:%M:%S"))
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dt.time):
        return v.strftime("%H:%M:%S")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        text = np.format_float_positional(v, trim="-")
        # a decimal comma is never a thousands separator, so 12.345 (twelve point three) stays twelve
        return text.replace(".", ",") if jenis in ("bulat", "desimal", "lintang", "bujur") else text
    return str(v).strip()


def _grid_xlsx(data: bytes, berkas: str, inp: Input | None) -> tuple[list[list], str, list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # zip or XML errors of many kinds
        raise _tolak(berkas, "berkas XLSX rusak atau bukan buku kerja Excel; simpan ulang dari Excel") from None
    try:
        best, best_score, filled = None, -1, []
        for ws in wb.worksheets:
            ws.reset_dimensions()
            top = [[_sel_teks(v, None) for v in r] for r in ws.iter_rows(max_row=MAX_BARIS_JUDUL, values_only=True)]
            if not any(any(c for c in r) for r in top):
                continue
            filled.append(ws.title)
            score = _cari_judul(top, inp)[2] if inp else 0
            if score > best_score:
                best, best_score = ws, score
        if best is None:
            raise _tolak(berkas, "buku kerja XLSX tidak berisi data")
        grid = [list(r) for r in best.iter_rows(values_only=True)]
    finally:
        wb.close()
    notes = ([f"Lembar “{best.title}” dipakai (buku kerja berisi {len(filled)} lembar berdata)."]
             if len(filled) > 1 else [])
    return grid, best.title, notes


def baca_tabel(data: bytes, berkas: str, inp: Input | None = None) -> Bacaan:
    """Read a CSV (comma, semicolon, tab; UTF-8 with or without BOM, UTF-16, Windows-1252) or
    XLSX into text columns named after the contract.

    Title rows above the header, a merged two-row header, blank rows, ``JUMLAH``/``TOTAL``
    rows, repeated header rows and a one-cell footer (place, date, signature) are skipped and
    noted. ``_baris`` is the row number as Excel shows it. Raises :class:`MasalahError` when
    the file cannot be read as a table at all."""
    if not data.strip():
        raise _tolak(berkas, "berkas kosong")
    catatan: list[str] = []
    fmt_name = "XLSX"
    frame = None                    # CSV parsed by pandas (fast path); else ``grid`` (lists of cells)
    if data.startswith(XLSX_MAGIC):
        grid, _, catatan = _grid_xlsx(data, berkas, inp)
    elif data.startswith(OLE_MAGIC):
        raise _tolak(berkas, "berkas Excel lama (.xls) atau buku kerja yang dikunci kata sandi tidak dapat dibaca; "
                             "buka di Excel lalu simpan sebagai .xlsx atau CSV")
    else:
        text, enc = _dekode(data, berkas)
        m = re.match(r"\s*sep=(.)\r?\n", text[:20])
        if m:                       # Excel's "sep=;" hint line is not shown as a row
            sep, text = m.group(1), text[m.end():]
        else:
            sep = _pilih_pemisah(text, inp)
        frame = _frame_csv(text, sep)
        if frame is None:
            try:
                grid = _baris_csv(text, sep)
            except csv.Error:
                raise _tolak(berkas, "susunan kolom tidak dapat dibaca (tanda kutip tidak tertutup?)") from None
        fmt_name = f"CSV {enc}, pemisah {_SEP[sep]}"
        if enc != "UTF-8":
            catatan.append(f"Pengodean teks {enc} dikenali dan diubah ke UTF-8.")
    if frame is not None:
        grid = frame.iloc[:MAX_BARIS_JUDUL + 1].to_numpy().tolist()
        if not frame.ne("").to_numpy().any():
            raise _tolak(berkas, "berkas kosong")
    elif not any(any(str(c).strip() for c in r if c is not None) for r in grid):
        raise _tolak(berkas, "berkas kosong")
    teks = [[_sel_teks(c, None) for c in r] for r in grid[:MAX_BARIS_JUDUL + 1]]
    h, tinggi, score = _cari_judul(teks, inp)
    if inp is not None and score == 0:
        contoh = ", ".join(k.nama for k in inp.kolom if k.wajib)
        raise _tolak(berkas, f"baris judul kolom tidak ditemukan di {MAX_BARIS_JUDUL} baris teratas; "
                             f"judul kolom harus memuat nama kolom seperti: {contoh}")
    width = max(len(r) for r in grid[h:h + tinggi])
    head = [(teks[h + j] + [""] * width)[:width] for j in range(tinggi)]
    raw_names = [norm_judul(c) for c in head[0]] if tinggi == 1 else _nama_dua_baris(head[0], head[1], inp)
    names = _peta_kolom(raw_names, inp) if inp else [n or None for n in raw_names]
    if h > 0:
        judul = [" ".join(c for c in teks[i] if c) for i in range(h) if any(teks[i])]
        if judul:
            contoh = "" if inp is not None and inp.terbatas else f": “{_clip(judul[0])}”"
            rentang = "Baris 1" if h == 1 else f"Baris 1–{h}"
            catatan.append(f"{rentang} di atas judul kolom dilewati{contoh}.")
    if tinggi == 2:
        catatan.append(f"Judul kolom dua baris (baris {h + 1}–{h + 2}) digabung.")
    masalah: list[Masalah] = []
    cols: list[str] = []
    for i, (raw, name) in enumerate(zip(raw_names, names)):
        col = name or raw or f"kolom_{_huruf(i)}"
        if col in cols:
            if name:
                masalah.append(Masalah(berkas, h + 1, col, None,
                                       f"kolom {col} muncul lebih dari sekali di baris judul; "
                                       "hanya yang pertama dipakai"))
            col = f"{col}__{_huruf(i)}"
        cols.append(col)
    jenis = {k.nama: k.jenis for k in inp.kolom} if inp else {}
    conv = [jenis.get(c) for c in cols]

    start = h + tinggi + 1                        # Excel row number of the first body row
    if frame is not None:
        raw = frame.iloc[h + tinggi:].reset_index(drop=True)
        ncol = max(width, len(raw.columns))
    else:
        body = grid[h + tinggi:]
        ncol = max([width] + [len(r) for r in body])
        raw = pd.DataFrame([list(r) + [None] * (ncol - len(r)) for r in body], columns=range(ncol), dtype=object)
    for i in range(ncol):                         # every cell as stripped text
        t = conv[i] if i < len(conv) else None
        col = raw[i] if i in raw.columns else pd.Series("", index=raw.index)
        if fmt_name == "XLSX":
            if t == "kode":                       # Excel keeps 15 digits of a number: a NIP typed as a number is lost
                rusak = col.map(lambda c: isinstance(c, float) and abs(c) >= 1e15)
                for j in raw.index[rusak.astype(bool)]:
                    nilai = MASKED if inp is not None and cols[i] in inp.pribadi else _sel_teks(col[j], None)
                    masalah.append(Masalah(berkas, start + int(j), cols[i], nilai,
                                           "kode panjang tersimpan sebagai angka di Excel sehingga digit setelah ke-15 "
                                           "hilang; format sel sebagai Teks lalu isi ulang"))
            raw[i] = col.map(lambda c, t=t: _sel_teks(c, t))
        else:
            raw[i] = col.fillna("").astype(str).str.strip()
    if ncol > width:                              # values beyond the last header cell
        extra = raw[list(range(width, ncol))].agg(" ".join, axis=1).str.strip()
        raw = raw[list(range(width))]
        if extra.ne("").any():
            raw[width] = extra
            cols = [*cols, "kolom_tanpa_judul"]
    nomor = pd.Series(range(start, start + len(raw)), index=raw.index)
    filled = raw.ne("")
    n_filled = filled.sum(axis=1)
    first = pd.Series("", index=raw.index)
    todo = n_filled.gt(0)
    for c in raw.columns:                         # first non-blank cell of each row
        take = todo & filled[c]
        first[take] = raw.loc[take, c]
        todo &= ~take
        if not todo.any():
            break
    blank = n_filled.eq(0)
    total = ~blank & first.str.match(_TOTAL.pattern, flags=re.IGNORECASE | re.DOTALL)
    head0 = head[-1][0].strip().lower() if head[-1] else ""
    header_norm = [norm_judul(c) for c in head[-1]]
    again = ~blank & ~total & raw[0].str.lower().eq(head0) if len(raw.columns) else blank & False
    for idx in raw.index[again]:
        again[idx] = [norm_judul(c) for c in raw.loc[idx, list(range(width))]] == header_norm
    skip = blank | total | again
    # a footer: one-cell rows (place and date, signature, "Sumber: ...") after a blank or total row at the end
    footer = pd.Series(False, index=raw.index)
    k = len(raw) - 1
    while k >= 0 and not skip.iloc[k] and n_filled.iloc[k] == 1:
        k -= 1
    if 0 <= k < len(raw) - 1 and skip.iloc[k] and (~skip.iloc[:k]).any():
        footer.iloc[k + 1:] = True
    keep = ~(skip | footer)
    df = raw[keep].copy()
    df.columns = cols[:len(df.columns)]
    # columns without a header and without any value are layout, not data
    for c in list(df.columns):
        if c.startswith("kolom_") and not df[c].ne("").any():
            df = df.drop(columns=c)
    df = df.reset_index(drop=True)
    df["_baris"] = nomor[keep].to_numpy(dtype="int64")
    skipped_total = nomor[total].tolist()
    skipped_head = nomor[again].tolist()
    blank = int(blank.sum())
    footer = nomor[footer].tolist()
    if blank:
        catatan.append(f"{blank} baris kosong dilewati.")
    if skipped_total:
        catatan.append(f"Baris jumlah/total dilewati: baris {_daftar(skipped_total)}.")
    if skipped_head:
        catatan.append(f"Baris judul kolom yang berulang dilewati: baris {_daftar(skipped_head)}.")
    if footer:
        catatan.append(f"Catatan di bawah tabel dilewati (tempat, tanggal, tanda tangan): baris {_daftar(footer)}.")
    return Bacaan(df, catatan, masalah, fmt_name)


def _huruf(i: int) -> str:
    """Spreadsheet column letter: 0 -> A, 26 -> AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _daftar(nums: list[int], n: int = 10) -> str:
    text = ", ".join(str(x) for x in nums[:n])
    return text + (f" dan {len(nums) - n} lainnya" if len(nums) > n else "")


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def baca_csv(path: Path, inp: Input | None = None) -> pd.DataFrame:
    """Read an input file into text columns (see :func:`baca_tabel`), with ``_baris``."""
    return baca_tabel(Path(path).read_bytes(), Path(path).name, inp).df


