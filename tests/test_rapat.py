"""Coordination meetings (rapat.csv): a meeting and the tasks of its decisions are appended as one
version through the import (validation, lock, history), read back with the state of each
decision's task, and summed up as "Keputusan rapat terakhir dan tindak lanjutnya" (open
decisions, those done since the last meeting). Figures computed by hand from the scenario below."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pandas as pd
import pytest
from pptx import Presentation

from siaga import laporan
from siaga.akses import CAMAT, LURAH, PIMPINAN, STAF, Akses, Lingkup
from siaga.data.store import Store
from siaga.inti.kontrak import INPUTS
from siaga.masuk import riwayat
from siaga.masuk.baca import lokasi_berkas
from siaga.masuk.tambah import tambah, tambah_bersama
from siaga.model import paparan, rapat, tugas
from siaga.model.konteks import Rentang
from tests.conftest import konteks_uji

TGL = dt.date(2024, 11, 26)
KEL = {"99.01.01.1001": "Satu", "99.01.01.1002": "Dua", "99.01.02.1001": "Tiga"}


def _k(tanggal=TGL, akses=None, kecamatan=None, kelurahan=None):
    rentang = Rentang(dt.date(2024, 11, 20), TGL, dt.datetime(2024, 11, 26, 9, 0))
    k = konteks_uji(tanggal, kecamatan=kecamatan, kelurahan=kelurahan, rentang=rentang,
                    akses=akses or Akses("desk1", STAF))
    return replace(k, nama_kelurahan=KEL)


def _q(paths, lingkup=None):
    s = Store(paths)
    assert s.muat(), s.ditolak
    return lambda name, **p: s.query(name, lingkup=lingkup, **p)


def _rapat(paths, waktu, judul, peserta, agenda, keputusan):
    rows, tg = rapat.baris_rapat(_k(), "desk1", waktu, judul, peserta, agenda,
                                 [rapat.Keputusan(i, u, b) for i, u, b in keputusan])
    hasil = tambah_bersama(paths, {"rapat": rows, "tugas": tg}, "desk1", "rapat")
    return rows, tg, hasil


def _ubah(paths, q, id_tugas, status, catatan=None):
    r = tugas.susun(q, _k()).baris(id_tugas)
    h = tambah(paths, "tugas", [tugas.baris_ubah(_k(), r, "desk1", status=status, catatan=catatan)], "desk1", "tugas")
    assert h.ok and h.versi, [m.alasan for m in h.masalah]


@pytest.fixture
def skenario(contoh_paths, monkeypatch):
    """Meeting A (24 Nov 09.00: three decisions) and meeting B (25 Nov 10.00: one decision); A's
    posko done before B, A's ballots done after B, B's DPT check being worked on and overdue."""
    monkeypatch.setenv("SIAGA_JAM", "2024-11-24 09:30")
    a_rows, a_tg, h = _rapat(contoh_paths, dt.datetime(2024, 11, 24, 9, 0), "Rapat koordinasi H-3",
                             ["desk", "99.01.01", "kesbangpol"], ["Laporan logistik", " ", "Kesiapan TPS"],
                             [("Ganti surat suara rusak di TPS 002", "99.01.01.1001", dt.datetime(2024, 11, 25, 12)),
                              ("", None, None),
                              ("Siapkan posko terpadu", "kesbangpol", dt.datetime(2024, 11, 25, 17)),
                              ("Patroli masa tenang", "99.01.02", dt.datetime(2024, 11, 27, 6))])
    assert h["rapat"].ok and h["tugas"].ok, [m.alasan for x in h.values() for m in x.masalah]
    monkeypatch.setenv("SIAGA_JAM", "2024-11-25 08:00")
    _ubah(contoh_paths, _q(contoh_paths), a_tg[1]["id_tugas"], "selesai", "Posko beroperasi")
    monkeypatch.setenv("SIAGA_JAM", "2024-11-25 10:30")
    b_rows, b_tg, h = _rapat(contoh_paths, dt.datetime(2024, 11, 25, 10, 0), "Rapat koordinasi H-2",
                             ["desk", "99.01.02"], ["Evaluasi"],
                             [("Periksa data pemilih ganda", "dukcapil", dt.datetime(2024, 11, 26, 8))])
    assert h["rapat"].versi
    monkeypatch.setenv("SIAGA_JAM", "2024-11-25 15:00")
    _ubah(contoh_paths, _q(contoh_paths), a_tg[0]["id_tugas"], "selesai", "Sudah diganti")
    monkeypatch.setenv("SIAGA_JAM", "2024-11-26 09:00")
    _ubah(contoh_paths, _q(contoh_paths), b_tg[0]["id_tugas"], "dikerjakan", "Sedang dicek bersama KPU")
    monkeypatch.setenv("SIAGA_JAM", "2024-11-26 10:00")
    return {"a": a_rows, "b": b_rows, "a_tg": a_tg, "b_tg": b_tg}


def test_a_meeting_and_its_tasks_land_as_one_version(contoh_paths, monkeypatch):
    monkeypatch.setenv("SIAGA_JAM", "2024-11-26 10:00")
    rows, _, hasil = _rapat(contoh_paths, dt.datetime(2024, 11, 26, 9, 0), "Rapat harian", ["desk", "99.01.01"],
                             ["Logistik"], [("Kirim kotak suara cadangan", "99.01.01", dt.datetime(2024, 11, 26, 18)),
                                            ("Siagakan Linmas", "satpol_pp", dt.datetime(2024, 11, 26, 20))])
    assert hasil["rapat"].versi == hasil["tugas"].versi is not None
    versi = riwayat.daftar(contoh_paths)[-1]
    assert sorted(b["nama"] for b in versi.berkas) == ["rapat.csv", "tugas.csv"]
    r = pd.read_csv(lokasi_berkas(INPUTS["rapat"], contoh_paths))
    assert r[["nomor", "jenis", "isi", "unit"]].fillna("").values.tolist() == [
        [1, "agenda", "Logistik", ""], [2, "keputusan", "Kirim kotak suara cadangan", "99.01.01"],
        [3, "keputusan", "Siagakan Linmas", "satpol_pp"]]
    assert r["peserta"].unique().tolist() == ["desk|99.01.01"] and r["id_rapat"].nunique() == 1
    t = pd.read_csv(lokasi_berkas(INPUTS["tugas"], contoh_paths))
    id_rapat = rows[0]["id_rapat"]
    assert t[["judul", "asal", "kode_asal", "unit", "kode_kecamatan", "status", "oleh"]].fillna("").values.tolist() == [
        ["Kirim kotak suara cadangan", "rapat", f"{id_rapat}/2", "99.01.01", "99.01.01", "terbuka", "desk1"],
        ["Siagakan Linmas", "rapat", f"{id_rapat}/3", "satpol_pp", "", "terbuka", "desk1"]]
    assert r["id_tugas"].dropna().tolist() == t["id_tugas"].tolist()


def test_a_bad_decision_gets_the_import_messages_and_nothing_is_written(contoh_paths, monkeypatch):
    monkeypatch.setenv("SIAGA_JAM", "2024-11-26 10:00")
    _, _, hasil = _rapat(contoh_paths, dt.datetime(2024, 11, 26, 9, 0), "Rapat harian", ["desk"], [],
                         [("Kirim kotak suara cadangan", None, dt.datetime(2024, 11, 26, 18)),
                          ("Siagakan Linmas", "gudang_rahasia", None)])
    assert hasil["rapat"].versi is None and hasil["tugas"].versi is None
    masalah = {(m.berkas, m.baris, m.kolom, m.alasan.split(":")[0]) for m in hasil["rapat"].masalah}
    assert masalah == {("rapat", 2, "unit", "keputusan rapat memerlukan unit pelaksana"),
                       ("rapat", 3, "unit", "unit tidak dikenal"),
                       ("rapat", 3, "batas_waktu", "keputusan rapat memerlukan batas waktu")}
    assert ("tugas dari rapat", 2, "unit", "wajib diisi tetapi kosong") in {
        (m.berkas, m.baris, m.kolom, m.alasan) for m in hasil["tugas"].masalah}
    assert not lokasi_berkas(INPUTS["rapat"], contoh_paths).exists()
    assert not lokasi_berkas(INPUTS["tugas"], contoh_paths).exists()


def test_queries_on_the_scenario(contoh_paths, skenario):
    q = _q(contoh_paths)
    akhir = dt.datetime(9999, 12, 31, 23, 59, 59)
    kini = dt.datetime(2024, 11, 26, 10, 0)
    d = q("rapat_daftar", saat=akhir, kecamatan=None, kelurahan=None)
    assert d["judul"].tolist() == ["Rapat koordinasi H-2", "Rapat koordinasi H-3"]
    assert [list(a) for a in d["agenda"]] == [["Evaluasi"], ["Laporan logistik", "Kesiapan TPS"]]
    assert d["jumlah_keputusan"].tolist() == [1, 3] and d["peserta"].tolist() == ["desk|99.01.02",
                                                                                "desk|99.01.01|kesbangpol"]
    kep = q("rapat_keputusan", saat=akhir, sekarang=kini, kecamatan=None, kelurahan=None)
    assert kep["isi"].tolist() == ["Periksa data pemilih ganda", "Ganti surat suara rusak di TPS 002",
                                   "Siapkan posko terpadu", "Patroli masa tenang"]
    assert kep["nomor"].tolist() == [2, 3, 4, 5]           # agenda 1-2 (the blank one left out), then decisions
    assert kep["status"].tolist() == ["dikerjakan", "selesai", "selesai", "terbuka"]
    assert kep["terbuka"].tolist() == [True, False, False, True]
    assert kep["terlambat"].tolist() == [True, False, False, False]
    assert kep["selesai_pada"].tolist()[1:3] == [pd.Timestamp("2024-11-25 15:00"), pd.Timestamp("2024-11-25 08:00")]
    assert kep["catatan"][0] == "Sedang dicek bersama KPU"
    # the state at the end of 24 November: one meeting, its three decisions open
    kep = q("rapat_keputusan", saat=dt.datetime(2024, 11, 24, 23, 59, 59), sekarang=dt.datetime(2024, 11, 24, 23, 59),
            kecamatan=None, kelurahan=None)
    assert kep["status"].tolist() == ["terbuka"] * 3 and not kep["terlambat"].any()


@pytest.mark.parametrize("lingkup,keputusan,daftar", [
    (Lingkup(CAMAT, "99.01.01"), ["Ganti surat suara rusak di TPS 002"], ["Rapat koordinasi H-3"]),
    (Lingkup(CAMAT, "99.01.02"), ["Patroli masa tenang"], ["Rapat koordinasi H-2", "Rapat koordinasi H-3"]),
    (Lingkup(LURAH, "99.01.01", "99.01.01.1001"), ["Ganti surat suara rusak di TPS 002"], ["Rapat koordinasi H-3"]),
    (Lingkup(LURAH, "99.01.01", "99.01.01.1002"), [], []),
])
def test_a_camat_or_lurah_sees_the_decisions_of_their_units(contoh_paths, skenario, lingkup, keputusan, daftar):
    q = _q(contoh_paths, lingkup)
    akhir, kini = dt.datetime(9999, 12, 31, 23, 59, 59), dt.datetime(2024, 11, 26, 10, 0)
    kep = q("rapat_keputusan", saat=akhir, sekarang=kini, kecamatan=None, kelurahan=None)
    assert kep["isi"].tolist() == keputusan
    assert q("rapat_daftar", saat=akhir, kecamatan=None, kelurahan=None)["judul"].tolist() == daftar


def test_follow_up_section_open_and_done_since_the_last_meeting(contoh_paths, skenario):
    t = rapat.susun_tindak_lanjut(_q(contoh_paths), _k())
    assert t.judul == "Keputusan rapat terakhir dan tindak lanjutnya"
    assert t.kalimat == "Rapat terakhir: Rapat koordinasi H-2, 25 November 2024 pukul 10.00 WITA."
    assert [(a.label, a.nilai, a.keterangan) for a in t.angka] == [
        ("Keputusan terbuka", "2 keputusan", "dari 4 keputusan yang dicatat"),
        ("Lewat batas waktu", "1 keputusan", "pada 26 Nov 2024 10.00 WITA"),
        ("Selesai sejak rapat terakhir", "1 keputusan", "sejak 25 Nov 2024 10.00 WITA")]
    assert t.tabel.frame().values.tolist() == [
        ["Periksa data pemilih ganda", "25 Nov 2024", "Disdukcapil", "26 Nov 2024 08.00 WITA",
         "Dikerjakan · lewat 2 jam"],
        ["Patroli masa tenang", "24 Nov 2024", "Kecamatan Beta", "27 Nov 2024 06.00 WITA", "Terbuka · sisa 20 jam"],
        ["Ganti surat suara rusak di TPS 002", "24 Nov 2024", "Kelurahan Satu", "25 Nov 2024 12.00 WITA", "Selesai"]]
    assert [w[-1] for w in t.tabel.warna] == ["#f8d7da", None, "#d1e7dd"]
    assert t.kosong == "" and t.ada_rapat
    # before any meeting: the empty section
    t = rapat.susun_tindak_lanjut(_q(contoh_paths), _k(tanggal=dt.date(2024, 11, 23)))
    assert not t.ada_rapat and t.kosong == rapat.KOSONG_RAPAT and t.angka == () and not t.tabel.baris


def test_meeting_page_model_and_what_pimpinan_sees(contoh_paths, skenario):
    h = rapat.susun(_q(contoh_paths), _k())
    r = h.daftar.iloc[1].to_dict()
    k = _k()
    assert h.judul_rapat(r, k) == "Rapat koordinasi H-3 · 24 Nov 2024 09.00 WITA · 3 keputusan"
    assert h.peserta(r, k) == "Sekretariat Desk Pilkada, Kecamatan Alpha, Badan Kesbangpol"
    kep = h.keputusan_rapat(r["id_rapat"], k)
    assert kep[["No", "Keputusan", "Status", "Catatan terakhir"]].values.tolist() == [
        ["3", "Ganti surat suara rusak di TPS 002", "Selesai", "Sudah diganti"],
        ["4", "Siapkan posko terpadu", "Selesai", "Posko beroperasi"],
        ["5", "Patroli masa tenang", "Terbuka · sisa 20 jam", "Dari Rapat koordinasi H-3 (24 November 2024)"]]
    assert kep["Tugas"].tolist() == [t["id_tugas"] for t in skenario["a_tg"]]
    # pimpinan: the decisions and their state, never the free-text notes
    kp = _k(akses=Akses("pj", PIMPINAN))
    kep = rapat.susun(_q(contoh_paths, Lingkup(PIMPINAN)), kp).keputusan_rapat(r["id_rapat"], kp)
    assert "Catatan terakhir" not in kep.columns and kep["Status"].tolist()[0] == "Selesai"


def test_the_deck_and_the_report_get_the_decisions_slide(contoh_paths, skenario):
    s = Store(contoh_paths)
    assert s.muat(), s.ditolak
    lap = paparan.susun(*paparan.dari_store(s, TGL))
    sl = lap.slides[-1]
    assert sl.kode == "rapat" and lap.slide("rapat") is sl
    assert sl.judul == "Keputusan rapat terakhir dan tindak lanjutnya"
    assert [a.nilai for a in sl.angka] == ["2 keputusan", "1 keputusan", "1 keputusan"]
    assert sl.tabel.kolom == ("Keputusan", "Pelaksana", "Batas waktu", "Status")
    assert [b[0] for b in sl.tabel.baris] == ["Periksa data pemilih ganda", "Patroli masa tenang",
                                             "Ganti surat suara rusak di TPS 002"]
    assert sl.catatan.startswith("Rapat terakhir: Rapat koordinasi H-2") and not sl.pesan_kosong
    # a camat's deck: the decisions of their kecamatan only
    beta = paparan.susun(*paparan.dari_store(s, TGL, lk=Lingkup(CAMAT, "99.01.02"))).slide("rapat")
    assert [b[0] for b in beta.tabel.baris] == ["Patroli masa tenang"]
    # the report (PPTX): the slide's title and its rows
    data = laporan.buat(s, TGL, None, "pptx")
    teks = ["\n".join(sh.text_frame.text for sh in x.shapes if sh.has_text_frame)
            for x in Presentation(io.BytesIO(data)).slides]
    assert "Keputusan rapat terakhir dan tindak lanjutnya" in teks[-1]
    # before the first meeting: no slide (the deck as it was)
    assert "rapat" not in [x.kode for x in paparan.susun(*paparan.dari_store(s, dt.date(2024, 11, 23))).slides]


def test_follow_up_of_a_meeting_whose_decisions_are_all_done_before_it():
    """A pure model test: one meeting, its only decision done before the next meeting started, so
    nothing is open and nothing was done since: the cards say so and the sentence replaces the table."""
    daftar = pd.DataFrame({"id_rapat": ["R2", "R1"], "waktu": pd.to_datetime(["2024-11-26 09:00", "2024-11-25 09:00"]),
                           "judul": ["Rapat H-1", "Rapat H-2"], "peserta": ["desk", "desk"], "agenda": [[], []],
                           "jumlah_keputusan": [0, 1]})
    kep = pd.DataFrame({"id_rapat": ["R1"], "waktu_rapat": pd.to_datetime(["2024-11-25 09:00"]),
                        "judul_rapat": ["Rapat H-2"], "nomor": [1], "isi": ["Siapkan posko"], "unit": ["kesbangpol"],
                        "batas_waktu": pd.to_datetime(["2024-11-25 17:00"]), "id_tugas": ["T1"],
                        "status": ["selesai"], "waktu_status": pd.to_datetime(["2024-11-25 16:00"]),
                        "catatan": ["Beroperasi"], "terbuka": [False], "terlambat": [False],
                        "selesai_pada": pd.to_datetime(["2024-11-25 16:00"])})
    t = rapat.tindak_lanjut(daftar, kep, _k(), dt.datetime(2024, 11, 26, 10, 0))
    assert [a.nilai for a in t.angka] == ["0 keputusan", "0 keputusan", "0 keputusan"]
    assert t.kalimat == "Rapat terakhir: Rapat H-1, 26 November 2024 pukul 09.00 WITA."
    assert t.kosong == "Tidak ada keputusan yang masih terbuka atau selesai sejak rapat terakhir."
    assert not t.tabel.baris
    sl = paparan.slide_rapat(t)[0]
    assert sl.tabel is None and sl.pesan_kosong == t.kosong
    assert paparan.slide_rapat(None) == ()
