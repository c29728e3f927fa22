"""Region matching on the real Kota Bekasi list: Kemendagri codes, BPS codes through the
crosswalk (a different numbering, never reformatted), names and the alias table."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from siaga.inti.kontrak import INPUTS
from siaga.masuk.baca import baca_tabel
from siaga.masuk.cocok import CARA_BPS, CARA_EJAAN, CARA_KODE, CARA_NAMA, Pencocok
from siaga.masuk.periksa import validasi
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def pc() -> Pencocok:
    inp = INPUTS["wilayah"]
    df, _ = validasi(inp, baca_tabel((ROOT / "data" / "wilayah.csv").read_bytes(), "wilayah.csv", inp).df)
    return Pencocok(df)


@pytest.mark.parametrize("nilai,kode,cara", [
    ("32.75.08", "32.75.08", CARA_KODE),
    ("3275010", "32.75.08", CARA_BPS),           # BPS 3275010 is Pondokgede, not Kemendagri 32.75.01
    ("ID3275040", "32.75.01", CARA_BPS),         # HDX p-code
    ("Pondok Gede", "32.75.08", CARA_NAMA),     # spaces never matter: no alias needed
    ("KEC. PONDOKGEDE", "32.75.08", CARA_NAMA),
    ("Kecamatan Medan Satria", "32.75.06", CARA_NAMA),
    ("rawa lumbu", "32.75.05", CARA_NAMA),
    ("Bantar Gebang", "32.75.07", CARA_NAMA),
    ("MustikaJaya", "32.75.11", CARA_NAMA),
    ("Pondok Melati", "32.75.12", CARA_NAMA),
    ("BekasiTimur", "32.75.01", CARA_NAMA),      # GADM writes names without spaces
])
def test_kecamatan(pc, nilai, kode, cara):
    c = pc.satu(nilai, ("kecamatan",))
    assert (c.kode, c.cara) == (kode, cara)


def test_alias_table_extended_by_the_desk():
    w = pd.DataFrame({"tingkat": ["kecamatan"], "kode": ["32.75.08"], "nama": ["Pondokgede"], "kode_induk": ["32.75"],
                      "nama_lain": ["Pdk. Gede|Pondok Gde"], "kode_bps": ["3275010"]})
    p = Pencocok(w)
    assert (p.satu("PDK GEDE").kode, p.satu("PDK GEDE").cara) == ("32.75.08", CARA_EJAAN)
    assert p.satu("pondok gde").cara == CARA_EJAAN
    assert p.satu("Pondok-Gede").cara == CARA_NAMA


def test_bps_codes_are_never_reformatted(pc):
    # 3275010 (BPS) and 32.75.01 (Kemendagri) look alike but are different places
    assert pc.satu("3275010", ("kecamatan",)).kode == "32.75.08"
    assert pc.satu("327501", ("kecamatan",)).kode is None


@pytest.mark.parametrize("nilai,alasan", [
    ("Bekasi Tengah", "tidak cocok dengan kecamatan"),
    ("3275999", "tidak ada di tabel padanan"),
    ("32.75.99", "tidak ada di wilayah.csv"),
    ("???", "bukan kode maupun nama"),
])
def test_unmatched_say_why(pc, nilai, alasan):
    c = pc.satu(nilai, ("kecamatan",))
    assert c.kode is None and alasan in c.alasan


@pytest.mark.parametrize("nilai", ["", "NA", "n/a", "-", None])
def test_missing_values_are_blank_not_unmatched(pc, nilai):
    c = pc.satu(nilai)
    assert c.kode is None and c.alasan is None


def test_level_decides_between_a_kecamatan_and_its_namesake_kelurahan(pc):
    assert pc.satu("Jatiasih", ("kecamatan",)).kode == "32.75.09"
    assert pc.satu("Jatiasih", ("kelurahan",)).kode == "32.75.09.1002"
    both = pc.satu("Jatiasih", ("kecamatan", "kelurahan"))
    assert both.kode is None and "lebih dari satu" in both.alasan


def test_repeated_kelurahan_names_use_the_kecamatan():
    w = pd.DataFrame({"tingkat": ["kecamatan", "kecamatan", "kelurahan", "kelurahan"],
                      "kode": ["99.01.01", "99.01.02", "99.01.01.1001", "99.01.02.1001"],
                      "nama": ["Alpha", "Beta", "Sukamaju", "Sukamaju"], "kode_induk": ["99.01", "99.01", "99.01.01",
                                                                                       "99.01.02"],
                      "nama_lain": [None] * 4, "kode_bps": [None] * 4})
    p = Pencocok(w)
    assert "99.01.01.1001" in p.satu("Sukamaju", ("kelurahan",)).alasan
    assert p.satu("Sukamaju", ("kelurahan",), induk="99.01.02").kode == "99.01.02.1001"
    res = p.banyak(pd.Series(["Sukamaju", "Sukamaju"]), ("kelurahan",), pd.Series(["99.01.01", "99.01.02"]))
    assert res["kode"].tolist() == ["99.01.01.1001", "99.01.02.1001"]


ALIAS = [("Pondok Gede", "32.75.08"), ("Medan Satria", "32.75.06"), ("Rawa Lumbu", "32.75.05"),
         ("Bantar Gebang", "32.75.07"), ("Mustika Jaya", "32.75.11"), ("Pondok Melati", "32.75.12"),
         ("Bekasi Utara", "32.75.03"), ("Jatisampurna", "32.75.10")]


@given(st.sampled_from(ALIAS), st.sampled_from(["", "Kec. ", "KEC ", "Kecamatan "]),
       st.sampled_from([str.upper, str.lower, str.title, lambda s: s.replace(" ", ""), lambda s: s.replace(" ", "  ")]))
def test_every_spelling_of_a_kecamatan_finds_its_code(pc, nama_kode, awalan, ubah):
    nama, kode = nama_kode
    assert pc.satu(awalan + ubah(nama) + " ", ("kecamatan",)).kode == kode
