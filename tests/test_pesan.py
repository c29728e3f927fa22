"""The WhatsApp paste box: real-looking messages (extra spaces, lowercase, labels, bold marks, one
part a line, missing parts) read into the Lapor incident form, names resolved to Kemendagri codes
within the reader's scope, anything unknown named in Indonesian."""

from __future__ import annotations

import pytest

from siaga.akses import LURAH, Lingkup
from siaga.model import pesan


@pytest.fixture(scope="module")
def lingkup_data(contoh_store):
    def ambil(lingkup=None):
        q = lambda n, **p: contoh_store.query(n, lingkup=lingkup, **p)      # noqa: E731
        kat = q("kategori_daftar")
        return (q("lapor_wilayah", kecamatan=None, kelurahan=None), q("lapor_tps", kecamatan=None, kelurahan=None),
                dict(zip(kat["kode_kategori"], kat["nama"], strict=True)))
    return ambil


@pytest.mark.parametrize("teks, kel, tps, kat, ringkasan", [
    ("INSIDEN / Alpha / Satu / TPS 002 / konflik / Keributan kecil di depan TPS",
     "99.01.01.1001", "99.01.01.1001.002", "konflik", "Keributan kecil di depan TPS"),
    ("  insiden/kec. alpha /  kel satu/tps 2/ KONFLIK /  keributan   kecil  ",
     "99.01.01.1001", "99.01.01.1001.002", "konflik", "keributan kecil"),
    ("*INSIDEN* / Alfa / Dua / 001 / pelanggaran apk / Baliho paslon di pagar sekolah / dekat gerbang",
     "99.01.01.1002", "99.01.01.1002.001", "apk", "Baliho paslon di pagar sekolah / dekat gerbang"),
    ("Insiden\nKec: Beta\nKel: Tiga\nTPS: -\nKategori: layanan\nRingkasan: Listrik padam\nsejak pukul 06.00",
     "99.01.02.1001", None, "layanan", "Listrik padam sejak pukul 06.00"),
    ("INSIDEN / Beta / Tiga / bukan di TPS / gangguan pelayanan / Antrean panjang di kantor kelurahan",
     "99.01.02.1001", None, "layanan", "Antrean panjang di kantor kelurahan"),
])
def test_messages_are_read_into_the_form(lingkup_data, teks, kel, tps, kat, ringkasan):
    u = pesan.urai(teks, *lingkup_data())
    assert (u.kelurahan, u.tps, u.kategori, u.ringkasan, u.masalah) == (kel, tps, kat, ringkasan, [])


def test_missing_and_unknown_parts_are_named_in_indonesian(lingkup_data):
    u = pesan.urai("insiden / Gamma / Empat / tps 9 / banjir / Air masuk ke TPS", *lingkup_data())
    assert (u.kelurahan, u.tps, u.kategori, u.ringkasan) == (None, None, None, "Air masuk ke TPS")
    assert u.masalah[:2] == ["kecamatan “Gamma” tidak dikenal di wilayah Anda",
                             "kelurahan “Empat” tidak dikenal di wilayah Anda"]
    assert u.masalah[2] == "TPS 009 tidak dapat dicari tanpa kelurahan"
    assert u.masalah[3].startswith("kategori “banjir” tidak dikenal; pilih salah satu: "
                                   "layanan (Gangguan pelayanan publik), ")

    u = pesan.urai("INSIDEN / Alpha / Satu / TPS 7 / konflik", *lingkup_data())
    assert u.kelurahan == "99.01.01.1001" and u.tps is None
    assert u.masalah == ["TPS 007 tidak ada di Kelurahan Satu", "bagian ringkasan tidak ada; tulis apa yang terjadi"]

    u = pesan.urai("INSIDEN / Beta / Satu / - / konflik / Ribut", *lingkup_data())      # Satu is in Alpha
    assert u.masalah == ["kelurahan “Satu” tidak ada di Kecamatan Beta"] and u.kelurahan is None

    u = pesan.urai("LAPOR / Alpha / Satu / - / konflik / Ribut", *lingkup_data())
    assert u.masalah[0].startswith("jenis laporan “LAPOR” tidak dikenal; awali pesan dengan INSIDEN")
    assert pesan.urai("   ", *lingkup_data()).masalah[0].startswith("pesan kosong")


def test_names_outside_the_scope_are_unknown(lingkup_data):
    lurah = Lingkup(LURAH, "99.01.01", "99.01.01.1001")
    wil, tps, kat = lingkup_data(lurah)
    assert sorted(wil["kode"]) == ["99.01.01", "99.01.01.1001"]
    u = pesan.urai("INSIDEN / Beta / Tiga / TPS 1 / konflik / Ribut", wil, tps, kat)
    assert u.kelurahan is None and u.tps is None
    assert u.masalah[:2] == ["kecamatan “Beta” tidak dikenal di wilayah Anda",
                             "kelurahan “Tiga” tidak dikenal di wilayah Anda"]


def test_a_long_summary_is_cut_to_the_form_limit(lingkup_data):
    u = pesan.urai("INSIDEN / Alpha / Satu / - / konflik / " + "a" * 400, *lingkup_data())
    assert len(u.ringkasan) == pesan.PANJANG_RINGKASAN
    assert u.masalah == ["ringkasan lebih dari 300 karakter dan dipotong; periksa ujungnya"]
