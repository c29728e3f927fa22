"""Validation messages name file, row, column, value and reason, in Indonesian."""

from __future__ import annotations

import pandas as pd
import pytest

from siaga.inti.config import muat_wilayah
from siaga.inti.kontrak import INPUTS
from siaga.inti.masalah import MASKED, MasalahError
from siaga.masuk.baca import baca_csv
from siaga.masuk.periksa import muat_semua, validasi


def _rewrite(paths, name, old, new):
    p = paths.data / name
    text = p.read_text()
    assert old in text, old
    p.write_text(text.replace(old, new))


def _problems(paths):
    hasil = muat_semua(paths, muat_wilayah(paths.data))
    return hasil, [m.pesan() for m in hasil.masalah]


def test_fixture_is_clean(contoh_paths):
    hasil, msgs = _problems(contoh_paths)
    assert hasil.ok and msgs == []


# (file, text replaced, replacement, parts of the message): also run through the large-file
# loader in tests/test_muat_besar.py, which must say the same.
BAD_VALUES = [
    ("tps.csv", ",400,reguler", ",abc,reguler", ["tps.csv, baris 5, kolom dpt", "abc", "bukan bilangan bulat"]),
    ("tps.csv", ",400,reguler", ",601,reguler", ["kolom dpt", "di luar rentang 0–600"]),
    ("tps.csv", "99.01.02.1001.001,99.01.02.1001", "99.01.02.1001.001,99.01.02.1009",
     ["kolom kode_kelurahan", "tidak ditemukan di wilayah.csv"]),
    ("tps.csv", ",reguler,,-6.95,110.05", ",biasa,,-6.95,110.05",
     ["kolom jenis", "harus salah satu dari: reguler, khusus"]),
    ("tps.csv", ",-6.95,110.05,", ",-66.95,110.05,", ["kolom lat", "lintang"]),
    ("logistik.csv", "2024-11-22 10:00,ppk,99.01.01,KOTAK", "2024-11-22 10:00,ppk,99.01.01.1001,KOTAK",
     ["kolom kode_lokasi", "tahap ppk memerlukan kode kecamatan"]),
    ("logistik.csv", "300,300,30,30 lembar basah", "300,300,330,rusak semua", ["jumlah rusak melebihi"]),
    ("checklist.csv", "2024-11-25 11:00,99.01.02.1001.001", "25/13/2024 11:00,99.01.02.1001.001",
     ["checklist.csv, baris 5, kolom waktu", "bukan waktu"]),
    ("checklist.csv", "ya,ya,ya,ya,tidak,ya,400,2", "ya,ya,ya,ya,tidak,ya,401,2",
     ["C-Pemberitahuan", "lebih banyak dari DPT"]),
    ("insiden.csv", "I3,2024-11-25 09:00", "I1,2024-11-23 12:00", ["baris ganda", "sama dengan baris 3"]),
    ("insiden.csv", "konflik,tinggi,dilaporkan", "konflik,parah,dilaporkan",
     ["kolom keparahan", "rendah, sedang, tinggi"]),
    ("netralitas.csv", "N2,2024-11-20 09:00,2024-11-19,2024-11-20", "N2,2024-11-20 09:00,2024-11-29,2024-11-20",
     ["kolom tanggal_kejadian", "sesudah tanggal laporan"]),
    ("wilayah.csv", "kecamatan,99.01.02,Beta,99.01", "kecamatan,99.01.02,Beta,99.02", ["kode_induk", "99.01"]),
]


@pytest.mark.parametrize("name,old,new,expect", BAD_VALUES)
def test_bad_values_are_named(contoh_paths, name, old, new, expect):
    _rewrite(contoh_paths, name, old, new)
    hasil, msgs = _problems(contoh_paths)
    assert not hasil.ok
    joined = "\n".join(msgs)
    for part in expect:
        assert part in joined, (part, joined)


def test_missing_required_column(contoh_paths):
    _rewrite(contoh_paths, "tps.csv", "kode_tps,kode_kelurahan,nomor_tps,dpt,",
             "kode_tps,kode_kelurahan,nomor_tps,jumlah,")
    _hasil, msgs = _problems(contoh_paths)
    assert any("kolom dpt" in m and "kolom wajib tidak ada" in m for m in msgs), msgs
    assert any("kolom jumlah" in m and "tidak dikenal" in m for m in msgs), msgs


def test_semicolon_bom_and_indonesian_numbers(contoh_paths):
    p = contoh_paths.data / "tps.csv"
    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    df.loc[3, "dpt"] = "400"
    df["lat"] = df["lat"].str.replace(".", ",", regex=False)
    df["lon"] = df["lon"].str.replace(".", ",", regex=False)
    p.write_bytes(("\ufeff" + df.to_csv(sep=";", index=False)).encode("utf-8"))
    hasil, msgs = _problems(contoh_paths)
    assert hasil.ok, msgs
    assert hasil.tabel["tps"]["lat"].iloc[0] == pytest.approx(-6.95)


def test_blank_rows_are_ignored(contoh_paths):
    p = contoh_paths.data / "kategori_insiden.csv"
    p.write_text(p.read_text() + ",,\n,,\n")
    hasil, _ = _problems(contoh_paths)
    assert hasil.ok and len(hasil.tabel["kategori_insiden"]) == 3


def test_personal_values_are_masked(contoh_paths):
    raw = baca_csv(contoh_paths.data / "netralitas_pribadi.csv")
    raw.loc[0, "nip_terlapor"] = "SENTINEL-NIP-SALAH"
    _df, masalah = validasi(INPUTS["netralitas_pribadi"], raw)
    assert masalah and all("SENTINEL" not in m.pesan() for m in masalah)
    assert any(m.nilai == MASKED and m.kolom == "nip_terlapor" for m in masalah)


def test_many_errors_are_summarised(contoh_paths):
    p = contoh_paths.data / "checklist.csv"
    lines = p.read_text().splitlines()
    bad = [ln.replace("2024-11-20 10:00", f"salah-{i}") for i, ln in enumerate([lines[1]] * 60)]
    p.write_text("\n".join([lines[0], *bad]) + "\n")
    _hasil, msgs = _problems(contoh_paths)
    assert sum("kolom waktu" in m and "bukan waktu" in m for m in msgs) == 21   # 20 examples + a summary
    assert any("dan 40 baris lain" in m for m in msgs)


def test_config_errors_are_indonesian(contoh_paths):
    p = contoh_paths.data / "wilayah.toml"
    p.write_text(p.read_text().replace('zona_waktu = "WITA"', 'zona_waktu = "GMT"')
                 .replace('kode = "99.01"', 'kode = "9901"'))
    with pytest.raises(MasalahError) as exc:
        muat_wilayah(contoh_paths.data)
    msgs = [m.pesan() for m in exc.value.masalah]
    assert any("wilayah.zona_waktu" in m and "WIB, WITA atau WIT" in m for m in msgs)
    assert any("wilayah.kode" in m and "NN.NN" in m for m in msgs)
