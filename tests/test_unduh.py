"""Exports: formula injection neutralised, numbers stay numbers, Indonesian CSV."""

import io

import openpyxl
import pandas as pd
import pytest

from siaga.laporan import unduhan

PAYLOADS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "=HYPERLINK(\"http://x\",\"klik\")"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_dangerous_cells_get_an_apostrophe(payload):
    assert unduhan.aman_sel(payload) == "'" + payload


def test_safe_cells_and_numbers_untouched():
    assert unduhan.aman_sel("Bekasi") == "Bekasi"
    assert unduhan.aman_sel(-5) == -5
    df = unduhan.aman(pd.DataFrame({"n": [-1, 2], "t": ["-1", "ok"]}))
    assert df["n"].tolist() == [-1, 2] and df["t"].tolist() == ["'-1", "ok"]


def test_csv_is_for_indonesian_excel():
    df = pd.DataFrame({"Kecamatan": ["Alpha", "=cmd|' /C calc'!A0"], "Skor": [66.6, 73.5], "DPT": [1200, 400]})
    raw = unduhan.csv_bytes(df)
    assert raw.startswith(b"\xef\xbb\xbf")                      # BOM: Excel reads UTF-8
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "Kecamatan;Skor;DPT"
    assert "Alpha;66,6;1200" in text
    assert "'=cmd" in text


def test_xlsx_never_holds_formulas():
    df = pd.DataFrame({"Ringkasan": PAYLOADS, "Jumlah": range(len(PAYLOADS))})
    wb = openpyxl.load_workbook(io.BytesIO(unduhan.xlsx_bytes(df, "Insiden")))
    ws = wb["Insiden"]
    values = [ws.cell(row=i + 2, column=1).value for i in range(len(PAYLOADS))]
    assert all(isinstance(v, str) and v.startswith("'") for v in values)
    assert all(ws.cell(row=i + 2, column=1).data_type == "s" for i in range(len(PAYLOADS)))
    assert [ws.cell(row=i + 2, column=2).value for i in range(len(PAYLOADS))] == list(range(len(PAYLOADS)))


def test_file_names():
    assert unduhan.nama_berkas("insiden", "Kota Bekasi", "2024-11-27", ext="csv") == \
        "siaga_insiden_kota-bekasi_2024-11-27.csv"
