import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from siaga.masuk import urai


def S(*values):
    return pd.Series(list(values), dtype=object).astype(str)


@pytest.mark.parametrize("text,expected", [
    ("1234567", 1234567), ("1.234.567", 1234567), ("12.345", 12345), ("600", 600), ("-3", -3),
    ("1.0", 1), ("1,0", 1), (" 42 ", 42),
])
def test_bulat_accepts_indonesian_forms(text, expected):
    vals, bad = urai.bulat(S(text.strip()))
    assert not bad.any()
    assert vals.iloc[0] == expected


@pytest.mark.parametrize("text", ["12,5", "abc", "1.23", "6OO", "1.2.3"])
def test_bulat_rejects(text):
    vals, bad = urai.bulat(S(text))
    assert bad.iloc[0]
    assert pd.isna(vals.iloc[0])


@pytest.mark.parametrize("text,expected", [
    ("12,5", 12.5), ("1.234,5", 1234.5), ("12.345", 12345.0), ("2.5", 2.5), ("0,25", 0.25),
    ("1,234.5", 1234.5), ("7", 7.0),
])
def test_desimal(text, expected):
    vals, bad = urai.desimal(S(text))
    assert not bad.any()
    assert vals.iloc[0] == pytest.approx(expected)


def test_blank_is_neither_value_nor_error():
    for fn in (urai.bulat, urai.desimal, urai.tanggal, urai.waktu, urai.ya_tidak):
        vals, bad = fn(S(""))
        assert not bad.iloc[0]
        assert pd.isna(vals.iloc[0])


@pytest.mark.parametrize("text", ["27/11/2024", "27-11-2024", "2024-11-27", "27 Nov 2024", "27 November 2024",
                                  "27 Nop 2024", "Rabu, 27 November 2024", "27/11/24", "45623"])
def test_tanggal_forms(text):
    vals, bad = urai.tanggal(S(text))
    assert not bad.iloc[0], text
    assert vals.iloc[0].date() == dt.date(2024, 11, 27)


@pytest.mark.parametrize("text", ["31/02/2024", "27 Foo 2024", "kemarin", "2024-13-01"])
def test_tanggal_rejects(text):
    _, bad = urai.tanggal(S(text))
    assert bad.iloc[0]


@pytest.mark.parametrize("text,expected", [
    ("2024-11-27 14:30", dt.datetime(2024, 11, 27, 14, 30)),
    ("27/11/2024 14.30", dt.datetime(2024, 11, 27, 14, 30)),
    ("27 Nov 2024 pukul 14.30 WIB", dt.datetime(2024, 11, 27, 14, 30)),
    ("2024-11-27T14:30:15", dt.datetime(2024, 11, 27, 14, 30, 15)),
    ("27/11/2024", dt.datetime(2024, 11, 27)),
    ("45623,5", dt.datetime(2024, 11, 27, 12, 0)),
])
def test_waktu_forms(text, expected):
    vals, bad = urai.waktu(S(text))
    assert not bad.iloc[0], text
    assert vals.iloc[0].to_pydatetime() == expected


def test_ya_tidak_and_pilihan():
    vals, bad = urai.ya_tidak(S("Ya", "tidak", "SUDAH", "belum", "mungkin"))
    assert vals.tolist()[:4] == [True, False, True, False]
    assert bad.tolist() == [False, False, False, False, True]
    choices = (("rekomendasi_bawaslu", "Rekomendasi Bawaslu"), ("laporan", "Laporan/temuan"))
    vals, bad = urai.pilihan(S("Rekomendasi Bawaslu", "LAPORAN / TEMUAN", "laporan", "lain"), choices)
    assert vals.tolist()[:3] == ["rekomendasi_bawaslu", "laporan", "laporan"]
    assert bad.tolist() == [False, False, False, True]


# ------------------------------------------------------------------ properties

def _id_thousands(n: int) -> str:
    s = f"{abs(n):,}".replace(",", ".")
    return ("-" if n < 0 else "") + s


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_bulat_roundtrips_indonesian_thousands(n):
    for text in (str(n), _id_thousands(n)):
        vals, bad = urai.bulat(S(text))
        assert not bad.iloc[0]
        assert vals.iloc[0] == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_desimal_comma_roundtrip(whole, frac):
    text = f"{_id_thousands(whole)},{frac:02d}"
    vals, bad = urai.desimal(S(text))
    assert not bad.iloc[0]
    assert vals.iloc[0] == pytest.approx(whole + frac / 100)


BULAN_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
            "November", "Desember"]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31)))
def test_dates_in_every_indonesian_form(d):
    forms = [d.isoformat(), d.strftime("%d/%m/%Y"), d.strftime("%d-%m-%Y"), f"{d.day} {BULAN_ID[d.month - 1]} {d.year}",
             f"{d.day} {BULAN_ID[d.month - 1][:3]} {d.year}", str((d - dt.date(1899, 12, 30)).days)]
    vals, bad = urai.tanggal(S(*forms))
    assert not bad.any(), forms
    assert all(v.date() == d for v in vals)


@given(st.text(max_size=12))
def test_parsers_never_crash_on_garbage(text):
    s = S(text.strip())
    for fn in (urai.bulat, urai.desimal, urai.tanggal, urai.waktu, urai.ya_tidak):
        vals, bad = fn(s)
        has_value = not pd.isna(vals.iloc[0])
        if s.iloc[0] == "":
            assert not bad.iloc[0] and not has_value
        else:  # a non-blank cell is either read or reported, never silently dropped
            assert bool(bad.iloc[0]) != has_value


# ------------------------------------------------------------------ issue 5: more Excel habits

@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_single_dot_with_three_digits_is_thousands(head, tail):
    text = f"{head}.{tail:03d}"                      # 12.345 is twelve thousand three hundred and forty-five
    for fn in (urai.bulat, urai.desimal):
        vals, bad = fn(S(text))
        assert not bad.iloc[0]
        assert vals.iloc[0] == head * 1000 + tail


@pytest.mark.parametrize("text,expected", [("-", 0), ("–", 0), ("2,5%", 2.5), ("12,5 %", 12.5), ("1.025,5", 1025.5)])
def test_accounting_dash_and_percent(text, expected):
    vals, bad = urai.desimal(S(text))
    assert not bad.iloc[0] and vals.iloc[0] == pytest.approx(expected)


SINGKAT = {1: "Jan", 2: "Peb", 3: "Mar", 4: "Apr", 5: "Mei", 6: "Jun", 7: "Jul", 8: "Agt", 9: "Sep", 10: "Okt",
           11: "Nop", 12: "Des"}
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2060, 12, 31)).map(
    lambda t: t.replace(second=0, microsecond=0)))
def test_date_times_as_desks_write_them(t):
    hm = f"{t:%H}.{t:%M}"
    forms = [f"{t:%d/%m/%Y} {hm}", f"{t:%d-%m-%Y} {t:%H:%M}", f"{t.day} {SINGKAT[t.month]} {t.year} pukul {hm} WIB",
             f"{HARI[t.weekday()]}, {t.day} {BULAN_ID[t.month - 1]} {t.year} {hm}",
             f"{t.day:02d}-{SINGKAT[t.month]}-{t:%y} {t:%H:%M}",
             f"{t:%d/%m/%Y} {(t.hour % 12) or 12}:{t:%M} {'PM' if t.hour >= 12 else 'AM'}"]
    vals, bad = urai.waktu(S(*forms))
    assert not bad.any(), forms
    assert all(v.to_pydatetime() == t for v in vals), (forms, vals.tolist())


@given(st.datetimes(min_value=dt.datetime(1960, 1, 1), max_value=dt.datetime(2118, 12, 31)).map(
    lambda t: t.replace(microsecond=0)))
def test_excel_serial_date_times_round_to_the_second(t):
    delta = t - dt.datetime(1899, 12, 30)
    serial = delta.days + delta.seconds / 86400           # what Excel stores; not exact in binary
    text = f"{serial:.10f}".replace(".", ",")
    vals, bad = urai.waktu(S(text))
    assert not bad.iloc[0]
    assert vals.iloc[0].to_pydatetime() == t


def test_twelve_hour_clock_edges():
    vals, bad = urai.waktu(S("27/11/2024 12:05 AM", "27/11/2024 12:05 PM", "27/11/2024 13:05 PM"))
    assert vals.iloc[0].to_pydatetime() == dt.datetime(2024, 11, 27, 0, 5)
    assert vals.iloc[1].to_pydatetime() == dt.datetime(2024, 11, 27, 12, 5)
    assert bad.tolist() == [False, False, True]


# ------------------------------------------------------------------ region names

NAMA = ["Pondokgede", "Bantar Gebang", "Jatibening Baru", "Kaliabang Tengah", "Bojong Rawalumbu", "Medansatria"]
AWALAN = ["", "Kec. ", "KEC. ", "Kecamatan ", "kel. ", "Kelurahan ", "Desa ", "Ds. ", "KEC ", "kec.", "Kel/Desa ",
          "Distrik "]


@st.composite
def ejaan(draw, nama):
    """The same name as another source writes it: case, spaces inside or around, a prefix, a dash."""
    out = []
    for ch in nama.replace(" ", ""):
        ch = ch.upper() if draw(st.booleans()) else ch.lower()
        out.append(ch + (draw(st.sampled_from(["", "", " ", "-"])) if ch.isalpha() else ""))
    return draw(st.sampled_from(AWALAN)) + "".join(out).strip(" -") + draw(st.sampled_from(["", " ", "  "]))


@given(st.data())
def test_norm_nama_ignores_case_spaces_prefixes(data):
    nama = data.draw(st.sampled_from(NAMA))
    assert urai.norm_nama(data.draw(ejaan(nama))) == urai.norm_nama(nama)


@given(st.text(max_size=30))
def test_norm_nama_is_idempotent_and_plain(text):
    n = urai.norm_nama(text)
    assert urai.norm_nama(n) == n
    assert n == "" or (n.isalnum() and n.isascii() and n == n.lower())


def test_norm_nama_keeps_names_apart():
    import pandas as pd

    from siaga.demo.kota import REF

    ref = pd.read_csv(REF / "kota-bekasi-wilayah.csv", dtype=str)
    for tingkat, grp in ref.groupby("tingkat"):
        norm = grp["nama"].map(urai.norm_nama)
        assert norm.is_unique, tingkat
    assert urai.norm_nama("Kelapa Dua") == "kelapadua"       # "Kel" only as a prefix word
    assert urai.norm_nama("Desari") == "desari"


@pytest.mark.parametrize("text", [
    "Bekasi Timur", "Jatimulya", "Pejuang (Baru)", "Rawa Lumbu", "Kp. Dua/Tiga", "Harapan Jaya & Co", "Mustika Jaya-2",
    "Sei Mangkei", "Ma'rif", "Gedong Tataan",
])
def test_nama_accepts_plain_names(text):
    vals, bad = urai.nama(S(text))
    assert not bad.any() and vals.iloc[0] == text


@pytest.mark.parametrize("text", [
    "Empat [x](http://contoh.invalid)", "<script>", "*tebal*", "$x$", "a|b", "a_b", "`kode`", "x#1",
])
def test_nama_refuses_markup(text):
    vals, bad = urai.nama(S(text))
    assert bad.iloc[0] and pd.isna(vals.iloc[0])


def test_nama_list_uses_its_separator():
    vals, bad = urai.nama(S("Bekasi Tim.|Bks Timur", "Satu||Dua", ""), list_sep="|")
    assert bad.tolist() == [False, True, False]
    assert vals.iloc[0] == "Bekasi Tim.|Bks Timur"
