import datetime as dt
import math

import pytest

from siaga.inti import fmt


@pytest.mark.parametrize("x,digits,expected", [
    (1828732, 0, "1.828.732"), (0, 0, "0"), (12.5, 1, "12,5"), (1234.56, 2, "1.234,56"), (None, 0, "–"),
    (math.nan, 0, "–"), (-1500, 0, "-1.500"),
])
def test_angka(x, digits, expected):
    assert fmt.angka(x, digits) == expected


def test_persen_and_skor():
    assert fmt.persen(94.0656) == "94,1%"
    assert fmt.persen(100, 0) == "100%"
    assert fmt.skor(86.5) == "87" and fmt.skor(None) == "–"


def test_dates_in_indonesian():
    d = dt.date(2024, 11, 27)
    assert fmt.tanggal(d) == "27 November 2024"
    assert fmt.tanggal(d, pendek=True) == "27 Nov 2024"
    assert fmt.hari_tanggal(d) == "Rabu, 27 November 2024"
    assert fmt.tanggal(dt.date(2024, 8, 17)) == "17 Agustus 2024"
    assert fmt.waktu(dt.datetime(2024, 11, 27, 13, 59), "WITA") == "27 November 2024 pukul 13.59 WITA"
    assert fmt.waktu_pendek(dt.datetime(2024, 11, 27, 7, 5), "WIB") == "27 Nov 2024 07.05 WIB"
    assert fmt.bulan_pendek(dt.date(2024, 12, 1)) == "1 Des"


@pytest.mark.parametrize("today,expected", [
    (dt.date(2024, 11, 24), "H-3"), (dt.date(2024, 11, 27), "Hari H"), (dt.date(2024, 11, 29), "H+2"),
    (dt.date(2024, 9, 2), "H-86"),
])
def test_hitung_mundur(today, expected):
    assert fmt.hitung_mundur(today, dt.date(2024, 11, 27)) == expected


def test_md_keeps_data_text_literal_in_markdown():
    assert fmt.md("Kel [x](http://contoh.invalid) *a* $1$") == \
        "Kel \\[x\\]\\(http://contoh.invalid\\) \\*a\\* \\$1\\$"
    assert fmt.md("Bekasi Timur") == "Bekasi Timur"
    assert fmt.md("<b>") == "\\<b\\>"


def test_kept_formatting_equals_babel_and_keeps_signs_and_digits_apart():
    from decimal import Decimal

    from babel.numbers import format_decimal

    for x, digits in [(0.0, 1), (-0.04, 1), (0.0, 1), (12, 0), (12, 1), (12.0, 2), (1828732, 0), (-3.25, 1),
                      (-0.04, 1), (12, 0)]:
        pola = "#,##0" + ("." + "0" * digits if digits else "")
        nilai = Decimal(str(float(x))).quantize(Decimal(1).scaleb(-digits), rounding="ROUND_HALF_UP")
        assert fmt.angka(x, digits) == format_decimal(nilai, format=pola, locale="id")
    assert fmt.angka(12, 1) == "12,0" and fmt.angka(12) == "12" and fmt.angka(1828732) == "1.828.732"
