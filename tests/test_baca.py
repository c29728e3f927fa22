"""The reader (siaga.masuk.baca.baca_tabel): every encoding and separator Excel writes, report
layouts around the table, XLSX cells typed by Excel, and row numbers as Excel shows them."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from siaga.inti.kontrak import INPUTS
from siaga.inti.masalah import MASKED, MasalahError
from siaga.masuk.baca import baca_tabel
from siaga.masuk.periksa import validasi

KAT = INPUTS["kategori_insiden"]
ROWS = [["kode_kategori", "nama", "kelompok"], ["konflik", "Konflik; keamanan", "konflik"],
        ["layanan", "Gangguan “pelayanan”, publik", "pelayanan_publik"]]


def _csv(rows, sep):
    buf = io.StringIO()
    import csv

    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""),
                                          ("utf-16-le", b""), ("cp1252", b"")])
def test_every_encoding_and_separator(sep, encoding, bom):
    data = bom + _csv(ROWS, sep).encode(encoding)
    b = baca_tabel(data, "kategori.csv", KAT)
    assert b.df[["kode_kategori", "nama", "kelompok"]].values.tolist() == [r for r in ROWS[1:]]
    assert b.df["_baris"].tolist() == [2, 3]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="cp1252", exclude_categories=("Cc", "Cs")), max_size=15),
                min_size=1, max_size=5), st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_any_text_survives_any_encoding(names, sep, encoding):
    if encoding == "cp1252":            # bytes that are also valid UTF-8 are read as UTF-8: inherently ambiguous
        raw = "".join(names).encode("cp1252")
        try:
            assume(raw.decode("utf-8") == "".join(names))
        except UnicodeDecodeError:
            pass
    rows = [["kode_kategori", "nama", "kelompok"]] + [[f"k{i}", n, "lainnya"] for i, n in enumerate(names)]
    b = baca_tabel(_csv(rows, sep).encode(encoding), "k.csv", KAT)
    kept = [n.strip() for n in names]
    got = b.df.set_index("_baris")["nama"]
    for i, n in enumerate(kept):
        if n or any(x for x in rows[i + 1] if x != rows[i + 1][1]):
            assert got.get(i + 2, "") == n


def test_title_rows_blank_rows_total_and_footer_keep_excel_row_numbers():
    text = ("REKAP;;\nKota Contoh;;\n;;\nkode_kategori;nama;kelompok\nkonflik;Konflik;konflik\n;;\n\n"
            "layanan;Layanan;pelayanan_publik\nTotal: ;2;\n;;\nContoh, 26 November 2024;;\nKepala Kesbangpol;;\n")
    b = baca_tabel(text.encode(), "k.csv", KAT)
    assert b.df["_baris"].tolist() == [5, 8]
    joined = " ".join(b.catatan)
    assert "Baris 1–3 di atas judul kolom" in joined and "baris 9" in joined and "baris 11, 12" in joined


def test_one_cell_rows_in_the_middle_are_not_a_footer():
    text = ("kode_kategori;nama;kelompok\nkonflik;Konflik;konflik\n;;\ncatatan tengah;;\n"
            "layanan;Layanan;pelayanan_publik\n")
    b = baca_tabel(text.encode(), "k.csv", KAT)
    assert b.df["_baris"].tolist() == [2, 4, 5]          # row 4 stays, and validation will report it


def test_total_detection_is_not_fooled_by_ids():
    ins = INPUTS["insiden"]
    text = "id_insiden,waktu\nTOTAL-1,2024-11-27 10:00\nJUMLAH,\n"
    b = baca_tabel(text.encode(), "i.csv", ins)
    assert b.df["id_insiden"].tolist() == ["TOTAL-1"]


def test_header_aliases_and_merged_two_row_header():
    text = ("No;Kecamatan;Kelurahan;Jumlah;;\n;;;Diterima;Rusak;Kebutuhan\n1;Alpha;Satu;1.000;2;1.000\n")
    b = baca_tabel(text.encode(), "l.csv", INPUTS["logistik"])
    assert {"jumlah_diterima", "jumlah_rusak", "jumlah_kebutuhan"} <= set(b.df.columns)
    assert b.df["_baris"].tolist() == [3]
    ins = baca_tabel(b"Kecamatan;Kelurahan\nAlpha;Satu\n", "i.csv", INPUTS["insiden"])
    assert {"kode_kecamatan", "kode_kelurahan"} <= set(ins.df.columns)


def test_duplicate_contract_column_is_reported():
    b = baca_tabel(b"kode_kategori;nama;nama;kelompok\na1;A;B;lainnya\n", "k.csv", KAT)
    assert any("muncul lebih dari sekali" in m.alasan for m in b.masalah)


def test_multiline_quoted_cell_is_one_excel_row():
    text = 'kode_kategori,nama,kelompok\nkonflik,"Konflik\ndan keamanan",konflik\nlayanan,Layanan,pelayanan_publik\n'
    b = baca_tabel(text.encode(), "k.csv", KAT)
    assert b.df["_baris"].tolist() == [2, 3]
    assert b.df["nama"].iloc[0] == "Konflik\ndan keamanan"


@pytest.mark.parametrize("data,alasan", [(b"", "kosong"), (b"\n \n", "kosong"),
                                         (b"\x00\x01\x02\x03" * 20, "bukan teks"),
                                         (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".xls"),
                                         (b"PK\x03\x04xx", "XLSX rusak")])
def test_unreadable_files_are_refused_in_indonesian(data, alasan):
    with pytest.raises(MasalahError) as exc:
        baca_tabel(data, "x.csv", KAT)
    assert alasan in exc.value.masalah[0].alasan


def _xlsx(rows, sheets=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for title, extra in (sheets or {}).items():
        w2 = wb.create_sheet(title)
        for r in extra:
            w2.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_cells_typed_by_excel():
    inp = INPUTS["logistik_item"]
    data = _xlsx([["kode_item", "nama_item", "satuan", "per_tps", "per_pemilih", "cadangan_persen", "urutan"],
                  ["SS", "Surat suara", "lembar", 0, 12.345, 2.5, 1.0],
                  ["KOTAK", "Kotak", "buah", 2, 0, 0, 2]])
    df, m = validasi(inp, baca_tabel(data, "item.xlsx", inp).df)
    assert not m
    ss = df.set_index("kode_item").loc["SS"]
    assert ss["per_pemilih"] == pytest.approx(12.345)       # a float cell is never read as twelve thousand
    assert ss["cadangan_persen"] == 2.5 and ss["urutan"] == 1


def test_xlsx_dates_and_times_round_to_the_second():
    inp = INPUTS["tahapan"]
    data = _xlsx([["tahapan", "mulai", "selesai", "catatan"],
                  ["Masa tenang", dt.datetime(2024, 11, 24), dt.date(2024, 11, 26), None]])
    df, m = validasi(inp, baca_tabel(data, "t.xlsx", inp).df)
    assert not m and df["selesai"].iloc[0] == pd.Timestamp("2024-11-26")
    log = INPUTS["logistik"]
    data = _xlsx([["waktu", "tahap", "kode_lokasi", "kode_item", "jumlah_kebutuhan", "jumlah_diterima", "jumlah_rusak"],
                  [dt.datetime(2024, 11, 26, 14, 29, 59, 999_700), "ppk", "99.01.01", "SS", 1, 1, 0]])
    b = baca_tabel(data, "l.xlsx", log)
    assert b.df["waktu"].iloc[0] == "2024-11-26 14:30:00"


def test_xlsx_long_number_in_a_code_column_is_refused_and_masked():
    inp = INPUTS["netralitas_pribadi"]
    data = _xlsx([["id_kasus", "nama_terlapor", "nip_terlapor"], ["N1", "SENTINEL-X", 197801082019102056.0]])
    b = baca_tabel(data, "p.xlsx", inp)
    assert [(m.baris, m.kolom, m.nilai) for m in b.masalah] == [(2, "nip_terlapor", MASKED)]
    assert "SENTINEL" not in " ".join(m.pesan() for m in b.masalah)


def test_xlsx_picks_the_sheet_with_the_table():
    inp = KAT
    data = _xlsx([["Petunjuk pengisian"], ["Isi lembar Data"]],
                 sheets={"Data": [["Kode kategori", "Nama", "Kelompok"], ["konflik", "Konflik", "konflik"]]})
    b = baca_tabel(data, "k.xlsx", inp)
    assert b.df["kode_kategori"].tolist() == ["konflik"]
    assert "Lembar “Sheet” berisi teks saja (bukan tabel kategori_insiden.csv) dan dilewati." in b.catatan
