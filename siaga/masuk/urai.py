"""Parsers for values as Indonesian spreadsheets write them.

Every parser takes a pandas Series of stripped strings (blank = ``""``) and returns
``(values, bad)``: the parsed Series (missing where blank or bad) and a boolean mask of
non-blank values that could not be read. Canonical values take a vectorised fast path;
only the rest goes through the slower per-value rules.

Rules (see DOMAIN.md): thousands dot and decimal comma (``1.234.567``, ``12,5``); a
single dot followed by exactly three digits is a thousands separator (``12.345`` is
twelve thousand); a lone dash is zero (Excel's accounting format); dates are day first;
Indonesian month names and abbreviations; Excel serial dates (rounded to the second).

:func:`norm_nama` normalises a kecamatan/kelurahan name for matching (case, spaces,
punctuation, ``Kec.``/``Kel.``/``Desa`` prefixes); matching itself is in
:mod:`siaga.masuk.cocok`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import numpy as np
import pandas as pd

_INT = re.compile(r"-?\d+")
_INT_THOUSANDS = re.compile(r"-?\d{1,3}(?:\.\d{3})+")
_DEC_ID = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?")
_DEC_EN = re.compile(r"-?\d{1,3}(?:,\d{3})+\.\d+")
_DEC_DOT = re.compile(r"-?\d*\.\d+")

BULAN = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agust": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_DMY = re.compile(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})")
_YMD = re.compile(r"(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})")
_DMONY = re.compile(r"(\d{1,2})[\s\-/.]*([A-Za-z]+)\.?[\s\-/.,]*(\d{2}|\d{4})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?")
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")
_WEEKDAY = re.compile(r"^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|mon|tue|wed|thu|fri|sat|sun)\w*,?\s+",
                      re.IGNORECASE)

YA = {"ya", "y", "yes", "true", "benar", "1", "sudah", "ada", "v", "✓", "√"}
TIDAK = {"tidak", "t", "tdk", "no", "n", "false", "salah", "0", "belum", "tidak ada", "-", "✗"}


def _blank(s: pd.Series) -> pd.Series:
    return s.eq("")


def _per_value(s: pd.Series, rest: pd.Series, fn, dtype) -> tuple[pd.Series, pd.Series]:
    """Apply ``fn`` (value -> parsed or None) to the entries where ``rest`` is True."""
    out = pd.Series([None] * len(s), index=s.index, dtype=object)
    if rest.any():
        out[rest] = [fn(v) for v in s[rest]]
    bad = rest & out.isna()
    return out, bad


# ---------------------------------------------------------------- numbers

_NOL = {"-", "\u2013", "\u2014"}    # Excel's accounting format shows zero as a dash


def angka_id(text: str) -> float | None:
    """One Indonesian-formatted number, or None."""
    t = text.replace("\u00a0", "").replace(" ", "").replace("'", "")
    if t in _NOL:
        return 0.0
    t = t.removeprefix("+")
    if _INT.fullmatch(t):
        return float(t)
    if _INT_THOUSANDS.fullmatch(t):
        return float(t.replace(".", ""))
    if _DEC_ID.fullmatch(t):
        return float(t.replace(".", "").replace(",", "."))
    if _DEC_EN.fullmatch(t):
        return float(t.replace(",", ""))
    if _DEC_DOT.fullmatch(t):
        return float(t)
    return None


def bulat(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = _blank(s)
    fast = s.str.fullmatch(r"-?\d{1,15}")
    vals = pd.Series(pd.NA, index=s.index, dtype="Int64")
    vals[fast] = s[fast].astype("int64")
    rest = ~fast & ~blank

    def one(v):
        x = angka_id(v)
        return int(x) if x is not None and float(x).is_integer() else None

    slow, bad = _per_value(s, rest, one, "Int64")
    if rest.any():
        vals[rest & ~bad] = slow[rest & ~bad].astype("int64")
    return vals, bad


def desimal(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = _blank(s)
    fast = s.str.fullmatch(r"-?\d{1,15}")
    vals = pd.Series(np.nan, index=s.index, dtype="float64")
    vals[fast] = s[fast].astype("float64")
    rest = ~fast & ~blank
    slow, bad = _per_value(s, rest, _angka_persen, "float64")
    if rest.any():
        vals[rest & ~bad] = slow[rest & ~bad].astype("float64")
    return vals, bad


def _angka_persen(text: str) -> float | None:
    """A number, optionally followed by a percent sign (``2,5%`` -> 2.5)."""
    return angka_id(text.removesuffix("%"))


def koordinat(s: pd.Series, lo: float, hi: float) -> tuple[pd.Series, pd.Series]:
    """Decimal degrees; dot or comma as the decimal separator, no thousands."""
    blank = _blank(s)
    t = s.str.replace(",", ".", regex=False)
    ok = t.str.fullmatch(r"-?\d{1,3}(?:\.\d+)?")
    vals = pd.Series(np.nan, index=s.index, dtype="float64")
    vals[ok] = t[ok].astype("float64")
    bad = (~ok & ~blank) | (ok & ((vals < lo) | (vals > hi)))
    vals[bad] = np.nan
    return vals, bad


# ---------------------------------------------------------------- dates

def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if n < 100 else n


def tanggal_id(text: str) -> dt.date | None:
    ts = waktu_id(text, allow_time=False)
    return ts.date() if ts else None


def waktu_id(text: str, allow_time: bool = True) -> dt.datetime | None:
    """One date or date-time as Indonesian users write it, day first; or None."""
    t = _WEEKDAY.sub("", text.strip())
    if _SERIAL.fullmatch(t):
        n = float(t.replace(",", "."))
        if 20000 <= n <= 80000 and (allow_time or n.is_integer()):
            # Excel stores times as fractions of a day (14.30 is 0.6041666…): round to the second
            return _EXCEL_EPOCH + dt.timedelta(seconds=round(n * 86400))
        return None
    date_part, time_part = t, ""
    m = re.match(r"^(.*?\d{2,4})(?:[ T,]+(?:pukul|jam|pk\.?)?\s*"
                 r"(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)"
                 r"(?:\s*(?:WIB|WITA|WIT))?)?$", t, re.IGNORECASE)
    if m:
        date_part, time_part = m.group(1), m.group(2) or ""
    if time_part and not allow_time:
        return None
    d = None
    if mm := _YMD.fullmatch(date_part):
        y, mo, da = int(mm[1]), int(mm[2]), int(mm[3])
        d = (y, mo, da)
    elif mm := _DMY.fullmatch(date_part):
        d = (_year(mm[3]), int(mm[2]), int(mm[1]))
    elif mm := _DMONY.fullmatch(date_part):
        mo = BULAN.get(mm[2].lower())
        if mo is None:
            return None
        d = (_year(mm[3]), mo, int(mm[1]))
    if d is None:
        return None
    h = mi = se = 0
    if time_part:
        tm = _TIME.fullmatch(time_part)
        if not tm:
            return None
        h, mi, se = int(tm[1]), int(tm[2]), int(tm[3] or 0)
        if tm[4]:               # 12-hour clock: 12.30 AM is 00.30, 2.30 PM is 14.30
            if not 1 <= h <= 12:
                return None
            h = h % 12 + (12 if tm[4].lower() == "p" else 0)
    try:
        return dt.datetime(d[0], d[1], d[2], h, mi, se)
    except ValueError:
        return None


def tanggal(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = _blank(s)
    fast = s.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    parsed = pd.to_datetime(s.where(fast), format="%Y-%m-%d", errors="coerce")
    fast = fast & parsed.notna()
    rest = ~fast & ~blank
    slow, bad = _per_value(s, rest, tanggal_id, object)
    if rest.any():
        parsed[rest & ~bad] = pd.to_datetime(slow[rest & ~bad])
    return parsed.dt.normalize().astype("datetime64[us]"), bad


def waktu(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = _blank(s)
    fast = s.str.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
    parsed = pd.to_datetime(s.where(fast), format="ISO8601", errors="coerce")
    fast = fast & parsed.notna()
    rest = ~fast & ~blank
    slow, bad = _per_value(s, rest, waktu_id, object)
    if rest.any():
        parsed[rest & ~bad] = pd.to_datetime(slow[rest & ~bad])
    return parsed.astype("datetime64[us]"), bad


# ---------------------------------------------------------------- others

def ya_tidak(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    low = s.str.lower()
    yes, no = low.isin(YA), low.isin(TIDAK)
    vals = pd.Series(pd.NA, index=s.index, dtype="boolean")
    vals[yes] = True
    vals[no] = False
    bad = ~yes & ~no & ~_blank(s)
    return vals, bad


def norm_pilihan(text: str) -> str:
    """Normalise a choice value: case, spaces, dashes and slashes (``Rekomendasi Bawaslu``)."""
    return re.sub(r"[\s\-/]+", "_", text.strip().lower()).strip("_")


def pilihan(s: pd.Series, choices: tuple[tuple[str, str], ...]) -> tuple[pd.Series, pd.Series]:
    lookup = {}
    for code, label in choices:
        lookup[norm_pilihan(code)] = code
        lookup[norm_pilihan(label)] = code
    vals = s.map(lookup)                         # canonical values: a plain dictionary lookup
    rest = vals.isna() & ~_blank(s)
    if rest.any():
        vals[rest] = s[rest].map(norm_pilihan).map(lookup)
    bad = vals.isna() & ~_blank(s)
    return vals.astype(object).where(vals.notna(), None), bad


def kode(s: pd.Series, pattern: str) -> tuple[pd.Series, pd.Series]:
    ok = s.str.fullmatch(pattern)
    bad = ~ok & ~_blank(s)
    return s.where(ok, None), bad


# ---------------------------------------------------------------- region names

# "Kec." / "Kecamatan" / "Distrik" (Papua) / "Kel." / "Kelurahan" / "Desa" / "Ds." in front of a
# name; a bare prefix word must be followed by a space or a dot, so "Kelapa Dua" or "Desari" stay whole.
_PREFIX_NAMA = re.compile(r"^(?:kecamatan|kelurahan|distrik|desa|kec|kel|ds|kel\s*/\s*desa)(?:\.\s*|\s+)")


def norm_nama(text: str) -> str:
    """A region name reduced for matching: ``"KEC. Pondok Gede"`` and ``"Pondokgede"`` -> ``"pondokgede"``.

    Accents and case are dropped, every prefix ``Kec.``/``Kel.``/``Kecamatan``/``Kelurahan``/
    ``Distrik``/``Desa`` is removed, then everything but letters and digits (spaces, dots, dashes,
    quotes)."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower().strip()
    while True:
        u = _PREFIX_NAMA.sub("", t, count=1).strip()
        if u == t:
            break
        t = u
    return re.sub(r"[^a-z0-9]", "", t)


# Names shown in sentences and titles (regions, categories, items): letters, digits, spaces and
# . , ' ’ ( ) - / & only, so a name can never carry Markdown or HTML into the page.
_NAMA = r"(?:[^\W_]|[ .,'’()/&-])+"


def nama(s: pd.Series, list_sep: str | None = None) -> tuple[pd.Series, pd.Series]:
    """A plain name (or a ``list_sep``-separated list of names); anything else is reported."""
    blank = _blank(s)
    pattern = _NAMA if list_sep is None else f"{_NAMA}(?:{re.escape(list_sep)}{_NAMA})*"
    ok = s.str.fullmatch(pattern)
    bad = ~ok & ~blank
    return s.where(ok, None), bad
