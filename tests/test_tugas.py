"""Follow-up tasks (tugas.csv): written through the import (validation, lock, atomic append), read
back as their latest state, late ones in the action list with their owner, and linked both ways
with the row they were made from."""

from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pytest

from siaga.akses import CAMAT, STAF, Akses, Lingkup
from siaga.data.store import Store
from siaga.inti.kontrak import INPUTS
from siaga.masuk.baca import lokasi_berkas
from siaga.masuk.tambah import csv_baris, tambah
from siaga.model import ringkasan, tugas
from siaga.model.konteks import Rentang
from tests.conftest import konteks_uji

TGL = dt.date(2024, 11, 26)
JAM = "2024-11-26 10:00"
KURANG = "tps/99.01.01.1001.002/SS"      # the shortage of the fixture: 30 damaged ballots at TPS 002
N_SERENTAK = 8                            # processes appending at once


@pytest.fixture
def k(monkeypatch):
    monkeypatch.setenv("SIAGA_JAM", JAM)
    rentang = Rentang(dt.date(2024, 11, 20), TGL, dt.datetime(2024, 11, 26, 9, 0))
    return konteks_uji(TGL, rentang=rentang, akses=Akses("desk1", STAF))


def _buat(paths, k, **kw):
    kw = {"judul": "Ganti 30 surat suara rusak", "unit": "99.01.01", "asal": "logistik", "kode_asal": KURANG,
          "kelurahan": "99.01.01.1001", "batas_waktu": dt.datetime(2024, 11, 26, 12, 0), **kw}
    baris = tugas.baris_baru(k, "desk1", **kw)
    return baris, tambah(paths, "tugas", [baris], "desk1", "tugas")


def _q(paths, lingkup=None):
    s = Store(paths)
    assert s.muat(), s.ditolak
    return lambda name, **p: s.query(name, lingkup=lingkup, **p)


def test_task_is_appended_through_the_import_and_read_back(contoh_paths, k):
    baris, hasil = _buat(contoh_paths, k)
    assert hasil.ok and hasil.versi, [m.alasan for m in hasil.masalah]
    assert baris["waktu"] == dt.datetime(2024, 11, 26, 10, 0) and baris["kode_kecamatan"] == "99.01.01"
    teks = lokasi_berkas(INPUTS["tugas"], contoh_paths).read_text()
    assert teks.splitlines()[0].startswith("id_tugas,waktu,judul") and baris["id_tugas"] in teks

    h = tugas.susun(_q(contoh_paths), k)
    assert h.daftar["id_tugas"].tolist() == [baris["id_tugas"]]
    assert h.semua.frame()["Pemilik"].tolist() == ["Kecamatan Alpha"]
    assert h.semua.frame()["Keterlambatan"].tolist() == ["sisa 2 jam"]
    assert h.pemilik.to_dict("records") == [{"Pemilik": "Kecamatan Alpha", "Terbuka": 1, "Lewat batas waktu": 0,
                                             "Terlambat paling lama": "–",
                                             "Batas waktu terdekat": "26 Nov 2024 12.00 WITA"}]


def test_bad_task_gets_the_import_messages_and_nothing_is_written(contoh_paths, k):
    _, hasil = _buat(contoh_paths, k, batas_waktu=None)
    assert not hasil.ok and hasil.versi is None
    assert [(m.berkas, m.baris, m.kolom, m.alasan) for m in hasil.masalah] == [
        ("tugas", 2, "batas_waktu", "wajib diisi tetapi kosong")]
    _, hasil = _buat(contoh_paths, k, unit="gudang_rahasia")
    assert not hasil.ok and hasil.versi is None
    assert [(m.kolom, m.nilai) for m in hasil.masalah] == [("unit", "gudang_rahasia")]
    assert hasil.masalah[0].alasan.startswith("unit tidak dikenal: tulis kode kecamatan/kelurahan dari wilayah.csv")
    _, hasil = _buat(contoh_paths, k, kecamatan="99.01.02")
    assert [(m.kolom, m.alasan) for m in hasil.masalah] == [
        ("kode_kelurahan", "kelurahan tidak berada di kecamatan yang disebut")]
    assert not lokasi_berkas(INPUTS["tugas"], contoh_paths).exists()


def test_status_changes_and_notes_keep_the_history(contoh_paths, k, monkeypatch):
    baris, _ = _buat(contoh_paths, k)
    q = _q(contoh_paths)
    r = tugas.susun(q, k).baris(baris["id_tugas"])
    ubah = tugas.baris_ubah(k, r, "camat1", status="dikerjakan", catatan="Surat suara pengganti diminta ke KPU")
    assert ubah["waktu"] == dt.datetime(2024, 11, 26, 10, 0, 1)        # after the first row, same clock
    assert tambah(contoh_paths, "tugas", [ubah], "camat1", "tugas").ok
    monkeypatch.setenv("SIAGA_JAM", "2024-11-26 11:30")
    q = _q(contoh_paths)
    r = tugas.susun(q, k).baris(baris["id_tugas"])
    assert r["status"] == "dikerjakan" and r["dibuat_oleh"] == "desk1" and r["jumlah_catatan"] == 1
    assert tambah(contoh_paths, "tugas", [tugas.baris_ubah(k, r, "camat1", status="selesai", catatan="Diganti")],
                  "camat1", "tugas").ok
    h = tugas.susun(_q(contoh_paths), k)
    assert h.semua.baris == () and h.selesai.frame()["Status"].tolist() == ["Selesai"]
    riw = tugas.riwayat(_q(contoh_paths), k, baris["id_tugas"])
    assert riw["Status"].tolist() == ["Terbuka", "Dikerjakan", "Selesai"]
    assert riw["Oleh"].tolist() == ["desk1", "camat1", "camat1"]
    assert riw["Catatan"].tolist() == ["", "Surat suara pengganti diminta ke KPU", "Diganti"]


def test_overdue_task_joins_the_action_list_with_owner_and_since(contoh_paths, k, monkeypatch):
    baris, _ = _buat(contoh_paths, k)
    q = _q(contoh_paths)
    saat, sekarang = tugas.batas(k)
    df = q("perhatian_utama", tanggal=TGL, saat=saat, sekarang=sekarang, kecamatan=None, jumlah=100)
    assert "tugas" not in set(df["jenis"])                       # due 12.00, the clock says 10.00
    monkeypatch.setenv("SIAGA_JAM", "2024-11-27 13:00")
    saat, sekarang = tugas.batas(k)
    df = q("perhatian_utama", tanggal=TGL, saat=saat, sekarang=sekarang, kecamatan=None, jumlah=100)
    t = df[df["jenis"] == "tugas"]
    assert t["kode"].tolist() == [baris["id_tugas"]] and t["angka"].tolist() == [1]
    kal = ringkasan.perhatian(t, "WITA", tugas.nama_unit(k)).iloc[0].to_dict()
    assert kal == {"Apa": f"Tugas {baris['id_tugas']}: Ganti 30 surat suara rusak, lewat batas waktu 1 hari",
                   "Di mana": "Kel. Satu, Kec. Alpha", "Sejak": "batas waktu 26 Nov 2024 12.00 WITA",
                   "Tindak lanjut oleh": "Kecamatan Alpha"}
    angka = {a.label: a.nilai for a in ringkasan.angka_perhatian(df)}
    assert angka["Tugas lewat batas waktu"] == "1 tugas"
    # a camat of the other kecamatan does not see it; the view of a past day does not either
    lain = q("perhatian_utama", tanggal=TGL, saat=saat, sekarang=sekarang, kecamatan="99.01.02", jumlah=100)
    assert "tugas" not in set(lain["jenis"])
    kemarin = k.dengan(tanggal=dt.date(2024, 11, 25))
    saat, sekarang = tugas.batas(kemarin)
    assert saat == sekarang == dt.datetime(2024, 11, 25, 23, 59, 59)
    df = q("perhatian_utama", tanggal=kemarin.tanggal, saat=saat, sekarang=sekarang, kecamatan=None, jumlah=100)
    assert "tugas" not in set(df["jenis"])


def test_shortage_row_and_task_link_both_ways(contoh_paths, k):
    baris, _ = _buat(contoh_paths, k)
    q = _q(contoh_paths)
    assert tugas.tugas_asal(q, k, "logistik") == {KURANG: f"{baris['id_tugas']} (terbuka)"}
    assert tugas.tugas_asal(q, k, "insiden") == {}
    link = tugas.tautan_buat("logistik", KURANG, "Kurang surat suara", "99.01.01", "99.01.01.1001")
    assert link.startswith("/tugas?asal=logistik&kode_asal=tps%2F99.01.01.1001.002%2FSS&")
    assert tugas.tautan_tugas(baris["id_tugas"]) == f"/tugas?id={baris['id_tugas']}"


def test_camat_scope_is_enforced_in_the_query(contoh_paths, k):
    _buat(contoh_paths, k)
    _buat(contoh_paths, k, unit="kesbangpol", kelurahan=None, kode_asal=None, asal="lainnya",
          judul="Siapkan posko terpadu")
    saat, sekarang = tugas.batas(k)
    beta = _q(contoh_paths, Lingkup(CAMAT, "99.01.02"))
    alpha = _q(contoh_paths, Lingkup(CAMAT, "99.01.01"))
    semua = _q(contoh_paths)
    assert beta("tugas_daftar", saat=saat, sekarang=sekarang, kecamatan=None).empty
    assert alpha("tugas_daftar", saat=saat, sekarang=sekarang, kecamatan=None)["unit"].tolist() == ["99.01.01"]
    assert sorted(semua("tugas_daftar", saat=saat, sekarang=sekarang)["unit"]) == ["99.01.01", "kesbangpol"]


def test_my_tasks_are_those_given_to_me_or_to_my_unit(contoh_paths, k):
    _buat(contoh_paths, k)
    _buat(contoh_paths, k, unit="kesbangpol", kelurahan=None, pengguna="desk1", judul="Rapat Forkopimda")
    df = tugas.susun(_q(contoh_paths), k).daftar
    assert tugas.milik(df, Akses("desk1", STAF))["unit"].tolist() == ["kesbangpol"]
    assert tugas.milik(df, Akses("camat1", CAMAT, "99.01.01"))["unit"].tolist() == ["99.01.01"]
    assert tugas.milik(df, Akses("camat2", CAMAT, "99.01.02")).empty


def test_concurrent_appends_all_land(contoh_paths, k):
    """Ten sessions appending at once: the import lock serialises them, every row lands once."""
    hasil = []

    def satu(i):
        b = tugas.baris_baru(k, f"desk{i}", judul=f"Tugas {i}", unit="desk", batas_waktu=dt.datetime(2024, 11, 27))
        hasil.append((b["id_tugas"], tambah(contoh_paths, "tugas", [b], f"desk{i}", "tugas")))

    th = [threading.Thread(target=satu, args=(i,)) for i in range(10)]
    for t in th:
        t.start()
    for t in th:
        t.join()
    assert all(h.ok and h.versi for _, h in hasil), [m.alasan for _, h in hasil for m in h.masalah]
    df = pd.read_csv(lokasi_berkas(INPUTS["tugas"], contoh_paths))
    assert sorted(df["id_tugas"]) == sorted(i for i, _ in hasil) and len(df) == 10


def test_csv_rows_refuse_unknown_columns():
    with pytest.raises(ValueError):
        csv_baris("tugas", [{"id_tugas": "X", "nama_pelapor": "Budi"}])


def test_overdue_task_on_the_big_screen_action_slide_and_in_the_report(contoh_paths, k, monkeypatch):
    from siaga.model import paparan

    baris, _ = _buat(contoh_paths, k)
    monkeypatch.setenv("SIAGA_JAM", "2024-11-27 13:00")
    deck = paparan.susun(_q(contoh_paths), k)
    slide = next(s for s in deck.slides if s.kode == "perhatian")
    assert slide.judul == "Perlu tindakan hari ini"
    apa = [b[0] for b in slide.tabel.baris]
    kalimat = f"Tugas {baris['id_tugas']}: Ganti 30 surat suara rusak, lewat batas waktu 1 hari"
    assert kalimat in apa
    row = slide.tabel.baris[apa.index(kalimat)]
    assert row[slide.tabel.kolom.index("Tindak lanjut oleh")] == "Kecamatan Alpha"
    assert any(a.label == "Tugas lewat batas waktu" and a.nilai == "1 tugas" for a in slide.angka)


def _lapor_proses(args):
    """One field report from its own process (as two server processes or sessions would)."""
    import os

    from siaga.inti.config import Paths
    from siaga.model import lapor
    from tests.conftest import konteks_uji

    data, geo, i = args
    os.environ["SIAGA_JAM"] = JAM
    k = konteks_uji(TGL, akses=Akses(f"lurah{i}", STAF))
    b = lapor.baris_insiden(k, None, "99.01.01.1001", "konflik", "rendah", dt.datetime(2024, 11, 26, 9, 0),
                            f"Laporan serentak nomor {i}")
    h = tambah(Paths(data, geo), "insiden", [b], f"lurah{i}", lapor.SUMBER_LAPOR)
    return b["id_insiden"], bool(h.ok and h.versi), [m.alasan for m in h.masalah]


def test_concurrent_field_reports_from_separate_processes_all_land(contoh_paths):
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(N_SERENTAK) as pool:
        hasil = pool.map(_lapor_proses, [(contoh_paths.data, contoh_paths.geo, i) for i in range(N_SERENTAK)])
    assert all(ok for _, ok, _ in hasil), hasil
    df = pd.read_csv(contoh_paths.data / "insiden.csv")
    baru = df[df["ringkasan"].str.startswith("Laporan serentak")]
    assert sorted(baru["id_insiden"]) == sorted(i for i, _, _ in hasil) and len(baru) == N_SERENTAK
    assert baru["id_insiden"].is_unique
    s = Store(contoh_paths)
    assert s.muat(), s.ditolak                            # the file is valid and loads


def test_an_append_that_cannot_get_the_lock_says_so_and_writes_nothing(contoh_paths, k, monkeypatch):
    """Another import holds the lock past the wait: an Indonesian problem, not an exception."""
    from siaga.masuk import riwayat
    from siaga.masuk import tambah as m_tambah

    monkeypatch.setattr(m_tambah, "TUNGGU_TAMBAH", 0.5)
    sebelum = (contoh_paths.data / "insiden.csv").read_bytes()
    with riwayat.kunci(contoh_paths):
        h = _buat(contoh_paths, k)[1]
    assert not h.ok and h.versi is None
    assert [m.pesan() for m in h.galat] == ["riwayat — impor lain sedang berjalan; coba lagi sebentar lagi"]
    assert not lokasi_berkas(INPUTS["tugas"], contoh_paths).exists()
    assert (contoh_paths.data / "insiden.csv").read_bytes() == sebelum



def test_a_meeting_that_cannot_get_the_lock_says_so_and_writes_nothing(contoh_paths, monkeypatch):
    """The meeting and its tasks wait as long as any app-written append, then say so in Indonesian
    for each log; nothing is written."""
    from siaga.masuk import riwayat
    from siaga.masuk import tambah as m_tambah

    monkeypatch.setattr(m_tambah, "TUNGGU_TAMBAH", 0.5)
    with riwayat.kunci(contoh_paths):
        hasil = m_tambah.tambah_bersama(contoh_paths, {"rapat": [{}], "tugas": [{}]}, "staf1", "rapat")
    assert set(hasil) == {"rapat", "tugas"}
    for h in hasil.values():
        assert not h.ok and h.versi is None
        assert [m.pesan() for m in h.galat] == ["riwayat — impor lain sedang berjalan; coba lagi sebentar lagi"]
    assert not lokasi_berkas(INPUTS["rapat"], contoh_paths).exists()
    assert not lokasi_berkas(INPUTS["tugas"], contoh_paths).exists()
