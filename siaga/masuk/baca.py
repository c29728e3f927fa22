"""Read an input file as a clerk made it (CSV in any encoding, separator and line ending; XLSX,
XLS and ODS workbooks; report layouts with title rows, merged headers, totals and signatures) into
text columns, keeping each row's number as Excel shows it. Checking the values is
:mod:`siaga.masuk.periksa`'s job.

- The file type is sniffed from its bytes, never from its name: a PDF renamed ``.csv`` is named as
  a PDF (:func:`kenali`).
- Workbooks are read with python-calamine (xlsx, xls, ods). Every filled sheet is read: the sheets
  that hold the table are joined (each row keeps its sheet and row number); a visible filled sheet
  that is not the table refuses the file, naming the sheet. A formula whose value was never
  stored (a workbook written by a program, not saved by Excel) is named as such.
- A row is numbered as a spreadsheet shows it: one record is one row, whatever the line endings
  (``\n``, ``\r\n``, a bare ``\r``) and whatever line breaks sit inside quoted cells.

Nothing here touches DuckDB or Streamlit."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

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
NUL = "\u2400"                 # a NUL byte in a text file, kept visible as ␀ in the cell it broke
BUKU = {"xlsx": "XLSX", "xls": "XLS", "ods": "ODS"}          # workbook formats read by python-calamine
SARAN_EKSPOR = ("buka berkas aslinya di Excel atau LibreOffice lalu simpan tabelnya sebagai CSV, XLSX, XLS atau "
                "ODS")
# Bytes a file starts with, and what the file is (named in the refusal).
TANDA = (
    (b"%PDF", "berkas PDF"), (b"\x89PNG", "gambar PNG"), (b"\xff\xd8\xff", "gambar JPEG"), (b"GIF8", "gambar GIF"),
    (b"Rar!", "arsip RAR"), (b"7z\xbc\xaf", "arsip 7z"), (b"\x1f\x8b", "arsip gzip"), (b"{\\rtf", "dokumen RTF"),
    (b"SQLite format 3", "basis data SQLite (mis. GeoPackage)"), (b"\x00\x00\x27\x0a", "shapefile (.shp)"),
)


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


def _teks_awal(data: bytes) -> str:
    """The first characters of a file as text, lower case, for sniffing."""
    head = data[:2048]
    for enc in ("utf-8-sig", "utf-16", "latin-1"):
        try:
            return head.decode(enc).lstrip().lower()
        except UnicodeDecodeError:
            continue
    return ""


def _isi_zip(data: bytes) -> str:
    """What a zip container holds: ``xlsx``, ``ods``, or the name of another kind of file."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = set(z.namelist())
        mime = z.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return "xlsx"                   # a damaged zip: the workbook reader says so
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return "xlsx"
    if mime == "application/vnd.oasis.opendocument.spreadsheet":
        return "ods"
    if mime.startswith("application/vnd.oasis.opendocument.text"):
        return "dokumen teks ODT"
    if "word/document.xml" in names:
        return "dokumen Word (DOCX)"
    if any(n.startswith("ppt/") for n in names):
        return "presentasi PowerPoint (PPTX)"
    if any(n.lower().endswith(".shp") for n in names):
        return "shapefile dalam zip (batas wilayah: impor sebagai jenis batas)"
    return "arsip ZIP"


def kenali(data: bytes, berkas: str) -> str:
    """The kind of a file from its bytes: ``xlsx``, ``xls``, ``ods`` or ``teks`` (CSV or other
    text); anything else is refused, saying what the file is."""
    if data.startswith(XLSX_MAGIC):
        jenis = _isi_zip(data)
    elif data.startswith(OLE_MAGIC):
        jenis = "xls"
    else:
        jenis = next((nama for tanda, nama in TANDA if data.startswith(tanda)), "teks")
    if jenis == "teks":
        awal = _teks_awal(data)
        if awal.startswith(("<!doctype html", "<html")):
            jenis = "halaman web (HTML, mis. Excel 'Simpan sebagai halaman web')"
        elif awal.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in awal:
            jenis = "XML Spreadsheet 2003"
        elif awal.startswith("<?xml"):
            jenis = "berkas XML"
        elif awal.startswith("{") and '"featurecollection"' in awal.replace(" ", ""):
            jenis = "GeoJSON (batas wilayah: impor sebagai jenis batas)"
    if jenis in ("xlsx", "xls", "ods", "teks"):
        return jenis
    raise _tolak(berkas, f"berkas ini adalah {jenis}, bukan tabel CSV, XLSX, XLS atau ODS; {SARAN_EKSPOR}")


def _dekode(data: bytes, berkas: str) -> tuple[str, str]:
    """Text and the name of its encoding; refuses binary files (images, PDF, archives). A NUL byte
    in a text file (a damaged cell, not UTF-16) becomes ``␀`` in its cell, so the row is named."""
    text, enc = _dekode_saja(data, berkas)
    sample = text[:20_000]
    if sample and len(_KONTROL.findall(sample.replace("\x00", ""))) > len(sample) // 100:
        raise _tolak(berkas, f"berkas ini berisi data biner, bukan teks (CSV) maupun buku kerja; {SARAN_EKSPOR}")
    return text.replace("\x00", NUL), enc


def _dekode_saja(data: bytes, berkas: str) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (BOM or not), UTF-16 (Excel "Unicode Text"), Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "UTF-8"
        except UnicodeDecodeError:
            return data[3:].decode("utf-8", errors="replace"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    head = data[:4000]
    if len(head) >= 4 and head.count(0) >= len(head) // 4:
        odd = head[1::2].count(0) > head[0::2].count(0)
        try:
            return data.decode("utf-16-le" if odd else "utf-16-be"), "UTF-16"
        except UnicodeDecodeError:
            raise _tolak(berkas, f"berkas ini berisi data biner, bukan teks (CSV) maupun buku kerja; "
                                 f"{SARAN_EKSPOR}") from None
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
        header = _cari_judul([_pangkas(r) for r in rows[:MAX_BARIS_JUDUL]], inp)[2] if inp else 0
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
        r = _pangkas([c.strip() for c in rows[i]])
        if not any(r):
            continue
        one = _skor([norm_judul(c) for c in r], inp)
        if one > best[2]:
            best = (i, 1, one)
        if one == len(inp.kolom):                 # every contract column named: nothing can beat it
            break
        if i + 1 < len(rows):
            nxt = _pangkas([c.strip() for c in rows[i + 1]])
            width = max(len(r), len(nxt))
            two = _skor(_nama_dua_baris(r + [""] * (width - len(r)), nxt + [""] * (width - len(nxt)), inp), inp)
            # a two-row header must name more columns than either row alone (a title row above a
            # header "names" every column through the header row, but is not part of it)
            below = _skor([norm_judul(c) for c in nxt], inp)
            if two > best[2] and two > below:
                best = (i, 2, two)
    return best


def _sel_teks(v, jenis: str | None) -> str:
    """A workbook cell as the text a clerk would have typed, unambiguous for :mod:`siaga.masuk.urai`."""
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


@dataclass
class Lembar:
    """One sheet of a workbook: its name, whether it is shown in Excel, its cells (row 0 is the
    sheet's row 1) and the cells holding a formula whose value was never stored."""
    nama: str
    tampak: bool
    grid: list[list]
    rumus_kosong: frozenset[tuple[int, int]] = frozenset()

    @property
    def terisi(self) -> bool:
        return any(_sel_teks(c, None) for r in self.grid for c in r)

    @property
    def bertabel(self) -> bool:
        """Whether some row has three or more filled cells (data could sit there, unlike a sheet
        of instructions written down one column)."""
        return any(sum(1 for c in r if _sel_teks(c, None)) >= 3 for r in self.grid)


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
_SEL = re.compile(r"([A-Z]+)(\d+)")


def _rumus_kosong_xlsx(data: bytes) -> dict[str, frozenset[tuple[int, int]]]:
    """Per sheet name, the cells (row, column; 0-based) holding a formula without a stored value.

    Excel stores the value it computed next to every formula; a workbook written by a program
    (a report generator, a script) often stores only the formula, and no reader but a spreadsheet
    program can compute it. Such cells are named instead of being read as empty."""
    out: dict[str, frozenset[tuple[int, int]]] = {}
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        wb = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return out
    target = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    for sh in wb.findall("m:sheets/m:sheet", _NS):
        t = target.get(sh.get(f"{{{_NS['r']}}}id"), "")
        part = t.lstrip("/") if t.startswith("/") else "xl/" + t
        try:
            xml = z.read(part)
        except KeyError:
            continue
        if b"<f" not in xml and b":f" not in xml:
            continue
        sel = set()
        for _, el in ElementTree.iterparse(io.BytesIO(xml)):
            if el.tag != f"{{{_NS['m']}}}c":
                continue
            f, v = el.find("m:f", _NS), el.find("m:v", _NS)
            if f is not None and (v is None or not (v.text or "").strip()):
                m = _SEL.fullmatch(el.get("r", ""))
                if m:
                    kol = 0
                    for ch in m.group(1):
                        kol = kol * 26 + ord(ch) - 64
                    sel.add((int(m.group(2)) - 1, kol - 1))
            el.clear()
        if sel:
            out[sh.get("name", "")] = frozenset(sel)
    return out


def _lembar_buku(data: bytes, berkas: str, jenis: str) -> list[Lembar]:
    """Every worksheet of an xlsx, xls or ods workbook (python-calamine)."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        out = []
        for meta in wb.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            grid = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            out.append(Lembar(meta.name, meta.visible == SheetVisibleEnum.Visible, grid))
        wb.close()
    except PasswordError:
        raise _tolak(berkas, f"buku kerja {BUKU[jenis]} ini dikunci kata sandi; buka di Excel, hapus kata sandinya, "
                             "lalu simpan ulang") from None
    except (CalamineError, ValueError, OSError, TypeError, zipfile.BadZipFile):
        if jenis == "xls":
            raise _tolak(berkas, "berkas Excel lama (.xls) rusak, dikunci kata sandi, atau bukan buku kerja; buka di "
                                 "Excel lalu simpan sebagai .xlsx atau CSV") from None
        raise _tolak(berkas, f"berkas {BUKU[jenis]} rusak atau bukan buku kerja; buka di Excel atau LibreOffice "
                             "lalu simpan ulang") from None
    if jenis == "xlsx":
        rumus = _rumus_kosong_xlsx(data)
        out = [Lembar(x.nama, x.tampak, x.grid, rumus.get(x.nama, frozenset())) for x in out]
    return out


def _baca_buku(data: bytes, berkas: str, inp: Input | None, jenis: str) -> Bacaan:
    """Every filled sheet of a workbook: the sheets holding the table are read and joined; a
    visible filled sheet that is not the table refuses the file, naming it."""
    semua = _lembar_buku(data, berkas, jenis)
    terisi = [x for x in semua if x.terisi]
    if not terisi:
        raise _tolak(berkas, f"buku kerja {BUKU[jenis]} tidak berisi data")
    if inp is None:
        return _baca_grid(terisi[0].grid, None, berkas, inp, BUKU[jenis], [], rumus=terisi[0].rumus_kosong)
    skor = {x.nama: _cari_judul([[_sel_teks(c, None) for c in r] for r in x.grid[:MAX_BARIS_JUDUL + 1]], inp)[2]
            for x in terisi}
    tabel = [x for x in terisi if skor[x.nama] > 0]
    lain = [x for x in terisi if skor[x.nama] == 0 and x.tampak and x.bertabel]
    catatan = [f"Lembar “{x.nama}” berisi teks saja (bukan tabel {inp.berkas}) dan dilewati." if x.tampak else
               f"Lembar tersembunyi “{x.nama}” bukan tabel {inp.berkas} dan dilewati."
               for x in terisi if skor[x.nama] == 0 and x not in lain]
    if not tabel:
        contoh = ", ".join(k.nama for k in inp.kolom if k.wajib)
        raise _tolak(berkas, f"baris judul kolom tidak ditemukan di {MAX_BARIS_JUDUL} baris teratas lembar mana pun "
                             f"({_nama_lembar(terisi)}); judul kolom harus memuat nama kolom seperti: {contoh}")
    if lain:
        raise _tolak(berkas, f"buku kerja berisi {len(terisi)} lembar berdata; lembar {_nama_lembar(lain)} bukan tabel "
                             f"{inp.berkas} (judul kolomnya tidak dikenali) dan tidak dibaca. Pindahkan lembar itu ke "
                             f"berkas lain atau hapus, lalu impor lagi (tabelnya ada di lembar {_nama_lembar(tabel)})")
    banyak = len(tabel) > 1
    bagian = [_baca_grid(x.grid, None, berkas, inp, BUKU[jenis], [], lembar=x.nama if banyak else None,
                         rumus=x.rumus_kosong) for x in tabel]
    if not banyak:
        b = bagian[0]
        b.catatan = catatan + b.catatan
        return b
    dfs = []
    for x, b in zip(tabel, bagian):
        catatan += [f"Lembar “{x.nama}”: {c}" for c in b.catatan]
        dfs.append(b.df.assign(_lembar=x.nama))
    df = pd.concat(dfs, ignore_index=True)
    teks = [c for c in df.columns if c not in ("_baris", "_lembar")]
    df[teks] = df[teks].fillna("")
    catatan.insert(0, "Buku kerja berisi " + str(len(tabel)) + " lembar tabel; semuanya dibaca: "
                   + ", ".join(f"“{x.nama}” ({len(b.df)} baris)" for x, b in zip(tabel, bagian)) + ".")
    return Bacaan(df, catatan, [m for b in bagian for m in b.masalah], BUKU[jenis])


def _nama_lembar(lembar: list[Lembar]) -> str:
    return ", ".join(f"“{x.nama}”" for x in lembar)


def _pangkas(r: list) -> list:
    """A row without its empty cells at the end (a sheet saved with thousands of empty columns)."""
    n = len(r)
    while n and not str(r[n - 1] if r[n - 1] is not None else "").strip():
        n -= 1
    return r[:n] if n < len(r) else r


def baca_tabel(data: bytes, berkas: str, inp: Input | None = None) -> Bacaan:
    """Read a CSV (comma, semicolon, tab; UTF-8 with or without BOM, UTF-16, Windows-1252) or an
    XLSX, XLS or ODS workbook into text columns named after the contract.

    Title rows above the header, a merged two-row header, blank rows, ``JUMLAH``/``TOTAL``
    rows, repeated header rows and a one-cell footer (place, date, signature) are skipped and
    noted. ``_baris`` is the row number as Excel shows it (``_lembar`` the sheet, when a workbook
    holds the table on several sheets). Raises :class:`MasalahError` when the file cannot be read
    as a table at all, saying what it is."""
    if not data.strip():
        raise _tolak(berkas, "berkas kosong")
    jenis = kenali(data, berkas)
    if jenis in BUKU:
        return _baca_buku(data, berkas, inp, jenis)
    catatan: list[str] = []
    text, enc = _dekode(data, berkas)
    m = re.match(r"\s*sep=(.)\r?\n", text[:20])
    if m:                       # Excel's "sep=;" hint line is not shown as a row
        sep, text = m.group(1), text[m.end():]
    else:
        sep = _pilih_pemisah(text, inp)
    frame = _frame_csv(text, sep)
    grid: list[list] = []
    if frame is None:
        try:
            grid = _baris_csv(text, sep)
        except csv.Error:
            raise _tolak(berkas, "susunan kolom tidak dapat dibaca (tanda kutip tidak tertutup?)") from None
    if enc != "UTF-8":
        catatan.append(f"Pengodean teks {enc} dikenali dan diubah ke UTF-8.")
    return _baca_grid(grid, frame, berkas, inp, f"CSV {enc}, pemisah {_SEP[sep]}", catatan)


def _baca_grid(grid: list[list], frame: pd.DataFrame | None, berkas: str, inp: Input | None, fmt_name: str,
               catatan: list[str], lembar: str | None = None,
               rumus: frozenset[tuple[int, int]] = frozenset()) -> Bacaan:
    """The table in the cells of one sheet or CSV (``frame``: parsed by pandas, the fast path;
    else ``grid``, lists of cells)."""
    buku = fmt_name in BUKU.values()
    if frame is not None:
        grid = frame.iloc[:MAX_BARIS_JUDUL + 1].to_numpy().tolist()
        if not frame.ne("").to_numpy().any():
            raise _tolak(berkas, "berkas kosong")
    elif not any(any(str(c).strip() for c in r if c is not None) for r in grid):
        raise _tolak(berkas, "berkas kosong")
    teks = [_pangkas([_sel_teks(c, None) for c in r]) for r in grid[:MAX_BARIS_JUDUL + 1]]
    h, tinggi, score = _cari_judul(teks, inp)
    if inp is not None and score == 0:
        contoh = ", ".join(k.nama for k in inp.kolom if k.wajib)
        raise _tolak(berkas, f"baris judul kolom tidak ditemukan di {MAX_BARIS_JUDUL} baris teratas; "
                             f"judul kolom harus memuat nama kolom seperti: {contoh}")
    width = max(1, max(len(r) for r in teks[h:h + tinggi]))
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
                                       "hanya yang pertama dipakai", lembar=lembar))
            col = f"{col}__{_huruf(i)}"
        cols.append(col)
    jenis = {k.nama: k.jenis for k in inp.kolom} if inp else {}
    pribadi = inp.pribadi if inp is not None else set()
    conv = [jenis.get(c) for c in cols]

    start = h + tinggi + 1                        # Excel row number of the first body row
    if frame is not None:
        raw = frame.iloc[h + tinggi:].reset_index(drop=True)
        rest = raw.iloc[:, width:]                # empty columns past the header go (one array pass:
        isi = (rest.to_numpy(dtype=object) != "").any(axis=0) if rest.shape[1] else []   # 16.384 of them)
        lebih = [c for c, ada in zip(rest.columns, isi) if ada]
        raw = raw[list(raw.columns[:width]) + lebih]
        raw.columns = range(len(raw.columns))
    else:
        body = [_pangkas(list(r)) for r in grid[h + tinggi:]]
        n = max([width] + [len(r) for r in body])
        raw = pd.DataFrame([r + [None] * (n - len(r)) for r in body], columns=range(n), dtype=object)
    ncol = len(raw.columns)
    for i in range(ncol):                         # every cell as stripped text
        t = conv[i] if i < len(conv) else None
        col = raw[i]
        if buku:
            if t == "kode":                       # Excel keeps 15 digits of a number: a NIP typed as a number is lost
                rusak = col.map(lambda c: isinstance(c, float) and abs(c) >= 1e15)
                for j in raw.index[rusak.astype(bool)]:
                    nilai = MASKED if cols[i] in pribadi else _sel_teks(col[j], None)
                    masalah.append(Masalah(berkas, start + int(j), cols[i], nilai,
                                           "kode panjang tersimpan sebagai angka di Excel sehingga digit setelah ke-15 "
                                           "hilang; format sel sebagai Teks lalu isi ulang", lembar=lembar))
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
    masalah += _sel_rusak(raw, keep, nomor, cols, berkas, pribadi, lembar, rumus, start)
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


def _sel_rusak(raw: pd.DataFrame, keep: pd.Series, nomor: pd.Series, cols: list[str], berkas: str, pribadi: set[str],
               lembar: str | None, rumus: frozenset[tuple[int, int]], start: int) -> list[Masalah]:
    """Cells of the kept rows that cannot be read as typed: a NUL byte (a damaged text file) or a
    formula whose value was never stored in the workbook."""
    out: list[Masalah] = []
    for i in raw.columns:
        kolom = cols[i] if i < len(cols) else None
        nul = keep & raw[i].str.contains(NUL, regex=False)
        for j in raw.index[nul][:20]:
            nilai = MASKED if kolom in pribadi else raw.at[j, i]
            out.append(Masalah(berkas, int(nomor[j]), kolom, nilai,
                               "sel berisi byte NUL (␀): baris ini rusak saat disimpan atau disalin; ketik ulang sel "
                               "itu atau ekspor ulang berkasnya", lembar=lembar))
    for baris0, kol in sorted(rumus):
        j = baris0 + 1 - start
        if 0 <= j < len(raw) and keep.iloc[j] and kol < len(cols):
            out.append(Masalah(berkas, baris0 + 1, cols[kol], None,
                               f"sel {_huruf(kol)}{baris0 + 1} berisi rumus tanpa nilai tersimpan (buku kerja dibuat "
                               "oleh program, bukan disimpan oleh Excel), jadi nilainya tidak diketahui; buka di Excel "
                               "atau LibreOffice lalu simpan ulang, atau salin-tempel sebagai nilai", lembar=lembar))
    return out


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


