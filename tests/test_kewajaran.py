"""Plausibility rules of the data contract (siaga.masuk.kewajaran and its SQL twin in siaga.data.besar):
dates far from the election, quantities far above the need, per-voter factors read a thousand
times too large, statuses going back, TPS tasks undone, personal data in free text. Each case is
loaded by both readers, which must give the same messages."""

from __future__ import annotations

import datetime as dt

import pytest

from siaga.data.store import Store
from siaga.inti.config import Kewajaran, muat_wilayah
from siaga.inti.masalah import GALAT, MASKED, PERINGATAN
from siaga.masuk import kewajaran
from tests.test_ingest import _rewrite

SEKARANG = dt.datetime(2024, 11, 26, 12, 0)        # the moment of checking in these cases (local time)
N3 = "N3,2024-11-26 09:00,2024-11-25,2024-11-26"

# (file, text replaced, replacement, parts of the message, level)
KASUS = [
    ("checklist.csv", "2024-11-25 11:00,99.01.02.1001.001", "2204-11-25 11:00,99.01.02.1001.001",
     ["checklist.csv, baris 5, kolom waktu: nilai “2204-11-25 11:00”",
      "di luar jendela pemilihan 2023-11-28–2025-05-29"], GALAT),
    ("insiden.csv", "I4,2024-11-26 10:00,2024-11-26 09:00", "I4,2025-11-26 10:00,2025-11-26 09:00",
     ["insiden.csv, baris 7, kolom waktu: nilai “2025-11-26 10:00”", "periksa tahunnya"], GALAT),
    ("logistik.csv", "2024-11-25 08:00,tps,99.01.01.1001.001,SS", "2019-11-25 08:00,tps,99.01.01.1001.001,SS",
     ["logistik.csv, baris 11, kolom waktu: nilai “2019-11-25 08:00”", "templat lama"], GALAT),
    ("netralitas.csv", N3, "N3,2024-11-26 09:00,2024-11-25,2024-11-28",
     ["netralitas.csv, baris 7, kolom tanggal_laporan: nilai “2024-11-28”", "sesudah saat pemeriksaan"], GALAT),
    ("insiden.csv", "I4,2024-11-26 10:00", "I4,2024-11-26 15:00",
     ["insiden.csv, baris 7, kolom waktu: nilai “2024-11-26 15:00”", "lebih dari 2 jam ke depan"], GALAT),
    ("logistik.csv", "tps,99.01.01.1001.001,SS,100,100,0", "tps,99.01.01.1001.001,SS,100,1000,0",
     ["logistik.csv, baris 11, kolom jumlah_diterima: nilai “1000 (kebutuhan 100)”",
      "melebihi 2 × kebutuhan menurut rumus"], GALAT),
    ("logistik.csv", "tps,99.01.01.1001.001,SS,100,100,0", "tps,99.01.01.1001.001,SS,100,130,0",
     ["kolom jumlah_diterima: nilai “130 (kebutuhan 100)”", "melebihi kebutuhan menurut rumus"], PERINGATAN),
    ("logistik.csv", "tps,99.01.01.1001.001,SS,100,100,0", "tps,99.01.01.1001.001,SS,1000,100,0",
     ["kolom jumlah_kebutuhan: nilai “1000 (kebutuhan 100)”", "kebutuhan tertulis berbeda"], PERINGATAN),
    ("insiden.csv", "I1,2024-11-23 12:00", "I1,2024-11-23 09:00",
     ["insiden.csv, baris 2, kolom status: nilai “ditangani → dilaporkan”", "status insiden mundur atau dibuka lagi",
      "isi kolom koreksi dengan ya"], GALAT),
    ("netralitas.csv", "N1,2024-11-15 09:00", "N1,2024-11-11 09:00",
     ["netralitas.csv, baris 3, kolom status: nilai “tidak_terbukti → klarifikasi”", "status kasus netralitas mundur"],
     GALAT),
    ("netralitas.csv", "etik,laporan_masyarakat,klarifikasi", "etik,laporan_masyarakat,keputusan_ppk",
     ["netralitas.csv, baris 6, kolom status: nilai “laporan → keputusan_ppk”", "melompati tahap"], PERINGATAN),
    ("checklist.csv", "2024-11-25 11:00,99.01.02.1001.001,ya,ya,ya", "2024-11-25 11:00,99.01.02.1001.001,tidak,ya,ya",
     ["checklist.csv, baris 5, kolom kpps_dilantik: nilai “ya”", "kpps_dilantik = ya padahal kpps_dibentuk = tidak"],
     GALAT),
    ("checklist.csv", "2024-11-20 10:00,99.01.01.1001.001", "2024-11-26 10:00,99.01.01.1001.001",
     ["checklist.csv, baris 2, kolom kpps_dibentuk: nilai “ya → tidak”", "kembali tidak setelah dilaporkan ya",
      "checklist.csv, baris 2, kolom status: nilai “siap → belum”",
      "status kesiapan TPS (bermasalah setara belum) kembali"], GALAT),
    ("netralitas.csv", "Dinas Pendidikan,media_sosial,disiplin,temuan_bawaslu,laporan",
     "Budi S. 198001012010011001 Dinas Pendidikan,media_sosial,disiplin,temuan_bawaslu,laporan",
     ["netralitas.csv, baris 2, kolom opd: nilai “«disamarkan»”", "berisi data pribadi (NIP)",
      "netralitas_pribadi.csv"], GALAT),
    ("insiden.csv", "Satpol PP Contoh", "Pak Budi 0812-3456-7890",
     ["insiden.csv, baris 6, kolom pic: nilai “«disamarkan»”", "berisi data pribadi (nomor telepon)"], GALAT),
    ("logistik.csv", "30 lembar basah", "hubungi budi.s@contoh.go.id",
     ["logistik.csv, baris 13, kolom catatan: nilai “«disamarkan»”", "berisi data pribadi (e-mail)"], GALAT),
    ("checklist.csv", "lokasi tergenang", "ketua KPPS NIK 3275010101800001",
     ["kolom catatan: nilai “«disamarkan»”", "berisi data pribadi (NIK)"], GALAT),
]


def _muat(paths, monkeypatch, besar: bool) -> tuple[bool, list]:
    monkeypatch.setenv("SIAGA_BESAR_MB", "0" if besar else "1000")
    s = Store(paths)
    ok = s.muat()
    return ok, (s.snapshot.peringatan if ok else s.ditolak)


@pytest.fixture(autouse=True)
def _sekarang(monkeypatch):
    monkeypatch.setattr(kewajaran, "sekarang_wilayah", lambda wil: SEKARANG)


@pytest.mark.parametrize("name,old,new,expect,tingkat", KASUS, ids=[f"{k[0]}-{i}" for i, k in enumerate(KASUS)])
def test_both_readers_name_the_implausible_value(contoh_paths, monkeypatch, name, old, new, expect, tingkat):
    _rewrite(contoh_paths, name, old, new)
    hasil = {}
    for besar in (False, True):
        ok, masalah = _muat(contoh_paths, monkeypatch, besar)
        assert ok is (tingkat == PERINGATAN), (besar, [m.pesan() for m in masalah])
        pesan = sorted(m.pesan() for m in masalah if m.berkas == name)
        joined = "\n".join(pesan)
        for part in expect:
            assert part in joined, (besar, part, joined)
        assert {m.tingkat for m in masalah if expect[0] in m.pesan()} == {tingkat}
        hasil[besar] = pesan
    assert hasil[False] == hasil[True]
    for m in hasil[False]:
        assert "Budi" not in m and "198001" not in m and "0812" not in m and "budi.s@" not in m


def test_a_correction_row_may_go_back(contoh_paths, monkeypatch):
    p = contoh_paths.data / "insiden.csv"
    baris = p.read_text().splitlines()
    baris[0] += ",koreksi"
    baris = [baris[0]] + [b + "," for b in baris[1:]]
    baris.append("I2,2024-11-25 10:00,2024-11-24 07:00,99.01.01,99.01.01.1002,,,,layanan,sedang,ditangani,camat_lurah,"
                 "Pelayanan kelurahan tertunda,Dibuka lagi: ternyata belum pulih,Camat Alpha,2024-11-27,ya")
    p.write_text("\n".join(baris) + "\n")
    for besar in (False, True):
        ok, masalah = _muat(contoh_paths, monkeypatch, besar)
        assert ok and not [m for m in masalah if m.berkas == "insiden.csv"], [m.pesan() for m in masalah]
    p.write_text(p.read_text().replace(",2024-11-27,ya\n", ",2024-11-27,tidak\n"))
    for besar in (False, True):
        ok, masalah = _muat(contoh_paths, monkeypatch, besar)
        assert not ok and any("nilai “selesai → ditangani”" in m.pesan() for m in masalah)


def test_per_voter_factor_read_a_thousand_times_too_large(contoh_paths, monkeypatch):
    _rewrite(contoh_paths, "logistik_item.csv", "SS,Surat suara,lembar,0,1,0,2", 'SS,Surat suara,lembar,0,"1.025",0,2')
    ok, masalah = _muat(contoh_paths, monkeypatch, False)
    joined = "\n".join(m.pesan() for m in masalah)
    assert not ok
    assert "logistik_item.csv, baris 3, kolom per_pemilih: nilai “1025”" in joined and "tulis 1,025" in joined


def test_the_window_and_limits_come_from_the_region_config(contoh_paths, monkeypatch):
    cfg = contoh_paths.data / "wilayah.toml"
    cfg.write_text(cfg.read_text() + "\n[kewajaran]\nawal = 2024-11-21\nfaktor_kebutuhan = 20\n")
    w = muat_wilayah(contoh_paths.data).wajar
    assert (w.awal, w.faktor_kebutuhan, w.per_pemilih_maks) == (dt.date(2024, 11, 21), 20.0, 2.0)
    ok, masalah = _muat(contoh_paths, monkeypatch, False)
    joined = "\n".join(m.pesan() for m in masalah)
    assert not ok and "netralitas.csv, baris 2, kolom waktu: nilai “2024-11-10 09:00”" in joined
    assert "di luar jendela pemilihan 2024-11-21–2025-05-29" in joined
    cfg.write_text(cfg.read_text().replace("awal = 2024-11-21", "awal = 2024-12-01"))
    with pytest.raises(Exception, match="jendela pemilihan harus memuat hari pemungutan"):
        muat_wilayah(contoh_paths.data)


def test_defaults_around_voting_day():
    w = Kewajaran.bawaan(dt.date(2024, 11, 27))
    assert (w.awal, w.akhir) == (dt.date(2023, 11, 28), dt.date(2025, 5, 29))


@pytest.mark.parametrize("teks,jenis", [
    ("Dinas Sosial", None), ("Kode TPS 32.75.01.1001.001", None), ("DPT 1.234.567 orang", None),
    ("Polres Contoh, telp (021) 88", None), ("Rp 250.000", None), ("27/11/2024 14.30", None),
    ("Budi 198001012010011001", "NIP"), ("NIP 19800101 201001 1 001", "NIP"), ("NIK 3275010101800001", "NIK"),
    ("hubungi 0812-3456-7890", "nomor telepon"), ("+62 812 3456 7890", "nomor telepon"),
    ("kantor 021-8888-1234", "nomor telepon"), ("pic@contoh.go.id", "e-mail"),
])
def test_personal_data_patterns(teks, jenis):
    assert kewajaran.jenis_pribadi(teks) == jenis


def test_the_restricted_file_may_hold_personal_data(contoh_paths, monkeypatch):
    ok, masalah = _muat(contoh_paths, monkeypatch, False)
    assert ok and not [m for m in masalah if MASKED in m.pesan()]
