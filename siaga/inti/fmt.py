"""Server-side formatting in Indonesian (babel ``id``): never left to the browser's locale.

The one place where figures are rounded: :func:`bulat` rounds half up (72,5 -> 73), and every
score shown anywhere (pages, big screen, reports, map labels) goes through :func:`skor`. The
readiness level is decided on that same rounded value (:func:`siaga.model.level.dari_skor`, and
the ``level_kesiapan`` macro in SQL), so a score and its level never disagree."""

from __future__ import annotations

import datetime as dt
import functools
import math
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

LOCALE = "id"
KOSONG = "–"


def hilang(x) -> bool:
    """None, NaN, NaT or pandas NA: a value that is not there."""
    return (x is None or (isinstance(x, float) and math.isnan(x))
            or (hasattr(x, "__class__") and str(x) in ("NaT", "<NA>")))


def angka(x, digits: int = 0) -> str:
    """``1828732`` -> ``1.828.732``; ``12.5`` with digits=1 -> ``12,5``."""
    if hilang(x):
        return KOSONG
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    value = Decimal(str(float(x))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return _format_decimal(str(value), pattern)       # keyed on the text: -0,0 and 0,0 stay apart


@functools.lru_cache(maxsize=65536)
def _format_decimal(value: str, pattern: str) -> str:
    """babel's formatting of a rounded value, kept: a page formats the same scores and counts many
    times (hover labels of every day of a series), and babel parses the pattern on every call."""
    return format_decimal(Decimal(value), format=pattern, locale=LOCALE)


def persen(x, digits: int = 1) -> str:
    """``94.06`` (already a percentage) -> ``94,1%``."""
    return KOSONG if hilang(x) else f"{angka(x, digits)}%"


def bulat(x) -> int | None:
    """A whole number, rounded half up (``72.5`` -> 73, ``84.6`` -> 85); None when missing.
    Rounds the decimal the float prints as, like :func:`angka`, so both always agree."""
    if hilang(x):
        return None
    return int(Decimal(str(float(x))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def skor(x) -> str:
    """A readiness score as shown everywhere: ``73`` (``–`` when missing)."""
    return KOSONG if hilang(x) else angka(bulat(x))


def tanggal(d: dt.date | None, pendek: bool = False) -> str:
    """``27 November 2024`` (``27 Nov 2024`` when short)."""
    if hilang(d):
        return KOSONG
    return format_date(d, "d MMM y" if pendek else "d MMMM y", locale=LOCALE)


def hari_tanggal(d: dt.date) -> str:
    """``Rabu, 27 November 2024``."""
    return format_date(d, "EEEE, d MMMM y", locale=LOCALE)


def jam(t: dt.datetime | dt.time, zona: str) -> str:
    """``13.59 WIB``."""
    return f"{format_time(t, 'HH.mm', locale=LOCALE)} {zona}"


def waktu(t: dt.datetime | None, zona: str) -> str:
    """``27 November 2024 pukul 13.59 WIB``."""
    if hilang(t):
        return KOSONG
    return f"{tanggal(t)} pukul {jam(t, zona)}"


def waktu_pendek(t: dt.datetime | None, zona: str) -> str:
    """``27 Nov 2024 13.59 WIB``."""
    if hilang(t):
        return KOSONG
    return f"{tanggal(t, pendek=True)} {jam(t, zona)}"


def waktu_tanpa_zona(t: dt.datetime) -> str:
    """``27 Nov 2024 13.59``: times of the server's own clock (audit log, requests, versions)."""
    return f"{tanggal(t, pendek=True)} {t:%H.%M}"


def hitung_mundur(hari_ini: dt.date, hari_h: dt.date) -> str:
    """``H-3`` before voting day, ``Hari H`` on it, ``H+2`` after."""
    n = (hari_h - hari_ini).days
    if n == 0:
        return "Hari H"
    return f"H-{n}" if n > 0 else f"H+{-n}"


def bulan_pendek(d: dt.date) -> str:
    """``27 Nov`` for axis labels."""
    return format_date(d, "d MMM", locale=LOCALE)


# Characters that Streamlit's Markdown (titles, captions, alerts) would turn into links,
# images, HTML, emphasis or formulas.
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]()<>!#|~$"})


def md(x) -> str:
    """Text from the data (a name, a file name), literal inside a Markdown sentence."""
    return str(x).translate(_MARKDOWN)
