"""Table exports (CSV for an Indonesian Excel, XLSX) that are safe to open in a spreadsheet.

Spreadsheet formula injection is neutralised: a text cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading apostrophe, so Excel and LibreOffice show it as
text instead of evaluating it (OWASP "CSV injection"). Numeric columns stay numbers.
"""

from __future__ import annotations

import io
import re

import pandas as pd

BAHAYA = ("=", "+", "-", "@", "\t", "\r")


def aman_sel(value):
    """One cell, made inert for a spreadsheet."""
    if isinstance(value, str) and value.startswith(BAHAYA):
        return "'" + value
    return value


def aman(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised (numbers, dates and booleans untouched)."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            out[col] = s.map(aman_sel).astype(object)
    out.columns = [aman_sel(str(c)) for c in out.columns]
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV as an Indonesian Excel opens it: ``;`` separated, decimal comma, UTF-8 with BOM."""
    return aman(df).to_csv(index=False, sep=";", decimal=",", date_format="%Y-%m-%d %H:%M").encode("utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "Data") -> bytes:
    """XLSX with real numbers and dates; strings are never turned into formulas or links."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False,
                                                   "remove_timezone": True}}) as xw:
        data = aman(df)
        data.to_excel(xw, sheet_name=sheet[:31], index=False)
        ws = xw.sheets[sheet[:31]]
        for i, col in enumerate(data.columns):
            width = max([len(str(col))] + [len(str(v)) for v in data[col].head(200)]) + 2
            ws.set_column(i, i, min(width, 60))
        ws.freeze_panes(1, 0)
    return buf.getvalue()


def nama_berkas(*bagian: str, ext: str) -> str:
    """``siaga_insiden_kota-bekasi_2024-11-27.csv``: lower case, ASCII, no spaces."""
    parts = [re.sub(r"[^a-z0-9]+", "-", b.lower()).strip("-") for b in ("siaga", *bagian) if b]
    return "_".join(p for p in parts if p) + "." + ext
