"""Voting day and after (issue 13): the phase from the calendar, the voting-day, rekapitulasi and
re-vote queries on a copy of Kota Contoh with hand-made logs (figures computed by hand below),
and the screen model on the demo at 27 November, 1 December (the PSU) and 3 December."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd
import pytest

from siaga.data.store import Store
from siaga.inti.kontrak import INPUTS, POLA_HASIL_CALON
from siaga.model import fase, paparan, pemungutan, ringkasan
from tests.conftest import ROOT

H = dt.date(2024, 11, 27)
A1, A2, A3, B1 = "99.01.01.1001.001", "99.01.01.1001.002", "99.01.01.1002.001", "99.01.02.1001.001"
# DPT: A1 100, A2 300, A3 200 (kecamatan Alpha, 600); B1 400 (Beta).
PEMUNGUTAN = f"""waktu,kode_tps,kejadian,hadir_dpt,hadir_dptb,hadir_dpk,sumber,catatan
2024-11-27 06:55,{A1},dibuka,,,,pps,
2024-11-27 07:20,{A2},dibuka,,,,lurah,KPPS terlambat
2024-11-27 07:00,{B1},dibuka,,,,pps,
2024-11-27 09:00,{A1},kehadiran,30,1,0,pps,
2024-11-27 09:30,{B1},kehadiran,100,0,0,linmas,
2024-11-27 09:45,{A2},kehadiran,90,0,0,pps,
2024-11-27 11:00,{A1},kehadiran,60,2,1,pps,
2024-11-27 13:00,{A1},ditutup,,,,pps,
2024-11-27 13:10,{A1},penghitungan_dimulai,,,,panwas,
2024-11-27 16:00,{A1},penghitungan_selesai,,,,pps,
2024-11-27 16:30,{A1},kotak_diserahkan,,,,pps,
2024-12-01 07:00,{A2},dibuka,,,,pps,
2024-12-01 10:00,{A2},kehadiran,50,0,0,pps,
"""
REKAP = """waktu,tingkat,kode_kecamatan,kejadian,jumlah_tps,keberatan_diajukan,keberatan_selesai,catatan
2024-11-28 09:00,ppk,99.01.01,kotak_diterima,2,,,
2024-11-28 15:00,ppk,99.01.01,kotak_diterima,5,,,
2024-11-29 09:00,ppk,99.01.01,dimulai,,,,
2024-11-29 12:00,ppk,99.01.01,keberatan,,2,1,
2024-11-30 10:00,ppk,99.01.01,selesai,,,,
2024-12-04 09:00,kabkota,99.01.01,kotak_diterima,3,,,
"""
ULANG = f"""id_ulang,jenis,tanggal,kode_tps,dasar,catatan
PSU-1,psu,2024-12-01,{A2},Keputusan KPU Kota Contoh (contoh),
"""


@pytest.fixture
def hari_store(contoh_paths):
    for nama, teks in (("pemungutan.csv", PEMUNGUTAN), ("rekapitulasi.csv", REKAP),
                       ("pemungutan_ulang.csv", ULANG)):
        (contoh_paths.data / nama).write_text(teks, encoding="utf-8")
    s = Store(contoh_paths)
    assert s.muat(), [m.pesan() for m in s.ditolak]
    return s


def _kec(store, sampai, hari=H, ulang=None, kecamatan=None) -> dict[str, dict]:
    df = store.query("pemungutan_kecamatan", sampai=sampai, hari=hari, ulang=ulang, kecamatan=kecamatan)
    return {r["kode"]: r for r in df.to_dict("records")}


# ------------------------------------------------------------------ the phase

@pytest.mark.parametrize(("saat", "selesai", "harap"), [
    (dt.datetime(2024, 11, 26, 23, 59), None, fase.PERSIAPAN),
    (dt.datetime(2024, 11, 27, 0, 0), None, fase.HARI_H),
    (dt.datetime(2024, 11, 27, 22, 0), None, fase.HARI_H),                 # some TPS still counting
    (dt.datetime(2024, 11, 27, 22, 0), dt.datetime(2024, 11, 27, 21, 30), fase.PASCA),   # every TPS done
    (dt.datetime(2024, 11, 27, 21, 0), dt.datetime(2024, 11, 27, 21, 30), fase.HARI_H),
    (dt.datetime(2024, 11, 28, 11, 59), None, fase.HARI_H),                # counting may run to 12.00 on H+1
    (dt.datetime(2024, 11, 28, 12, 0), None, fase.PASCA),
    (dt.datetime(2024, 12, 3, 12, 0), None, fase.PASCA),
])
def test_phase_from_the_calendar(saat, selesai, harap):
    assert fase.fase(saat, H, selesai) == harap


def test_voting_day_opens_on_the_last_six_hours():
    assert fase.jendela_bawaan(fase.HARI_H, "semua") == "6jam"
    assert fase.jendela_bawaan(fase.PASCA, "semua") == "semua"


def test_the_revote_a_date_belongs_to():
    u = fase.Ulang("PSU-1", "psu", dt.date(2024, 12, 1), "x", 1, 300, A2, "Alpha")
    assert fase.ulang_aktif((u,), dt.date(2024, 11, 27)) is None              # 4 days before: not yet
    assert fase.ulang_aktif((u,), dt.date(2024, 11, 28)) == u                 # from H-3
    assert fase.ulang_aktif((u,), dt.date(2024, 12, 2)) == u                  # its count may run on
    assert fase.ulang_aktif((u,), dt.date(2024, 12, 3)) is None


# ------------------------------------------------------------------ queries, by hand

def test_voting_day_by_kecamatan_at_noon(hari_store):
    k = _kec(hari_store, dt.datetime(2024, 11, 27, 12, 0))
    a, b = k["99.01.01"], k["99.01.02"]
    # Alpha: A1 open 06.55 (on time), A2 07.20 (late), A3 never; last attendance A1 11.00 (63), A2 09.45 (90)
    assert (a["jumlah_tps"], a["dpt"], a["dibuka"], a["dibuka_tepat"], a["dibuka_terlambat"]) == (3, 600, 2, 1, 1)
    assert (a["belum_dibuka"], a["belum_dibuka_0730"], a["ditutup"], a["hitung_mulai"]) == (1, 1, 0, 0)
    assert (a["hadir_dpt"], a["hadir_dptb"], a["hadir_dpk"], a["hadir"]) == (150, 2, 1, 153)
    assert a["tanpa_laporan_2jam"] == 1                      # A2: last report 09.45, before 10.00
    assert (b["dibuka_tepat"], b["hadir"], b["tanpa_laporan_2jam"]) == (1, 100, 1)   # 07.00 is on time
    assert pd.isna(a["hitung_selesai_pada"])


def test_voting_day_before_half_past_seven_nobody_is_late_yet(hari_store):
    k = _kec(hari_store, dt.datetime(2024, 11, 27, 7, 29))
    assert k["99.01.01"]["belum_dibuka_0730"] == 0 and k["99.01.01"]["dibuka"] == 2


def test_voting_day_in_the_evening(hari_store):
    a = _kec(hari_store, dt.datetime(2024, 11, 27, 17, 0))["99.01.01"]
    assert (a["ditutup"], a["hitung_mulai"], a["hitung_selesai"], a["kotak_ke_pps"]) == (1, 1, 1, 1)
    assert a["tanpa_laporan_2jam"] == 1                      # A1 is closed; A2 still silent since 09.45


def test_turnout_by_hour(hari_store):
    df = hari_store.query("pemungutan_jam", sampai=dt.datetime(2024, 11, 27, 12, 0), hari=H, ulang=None,
                          kecamatan=None)
    # 09: A1 31; 10: + A2 90 + B1 100 = 221; 11: A1 now 63 -> 253; 13.00 is after the moment
    assert list(df["jam"]) == [7, 8, 9, 10, 11, 12]
    assert list(df["hadir"]) == [0, 0, 31, 221, 253, 253]
    assert set(df["dpt"]) == {1000} and df["persen"].iloc[-1] == pytest.approx(25.3)


def test_the_revote_counts_its_own_tps_on_its_own_day(hari_store):
    saat = dt.datetime(2024, 12, 1, 12, 0)
    k = _kec(hari_store, saat, hari=dt.date(2024, 12, 1), ulang="PSU-1")
    assert list(k) == ["99.01.01"]
    a = k["99.01.01"]
    assert (a["jumlah_tps"], a["dpt"], a["dibuka"], a["dibuka_tepat"], a["hadir"]) == (1, 300, 1, 1, 50)
    jam = hari_store.query("pemungutan_jam", sampai=saat, hari=dt.date(2024, 12, 1), ulang="PSU-1", kecamatan=None)
    assert list(jam["hadir"]) == [0, 0, 0, 50, 50, 50] and set(jam["dpt"]) == {300}
    daftar = hari_store.query("pemungutan_ulang_daftar", kecamatan=None).iloc[0]
    assert (daftar["id_ulang"], daftar["jumlah_tps"], daftar["dpt"], daftar["tps"], daftar["kecamatan"]) == (
        "PSU-1", 1, 300, A2, "Alpha")
    assert hari_store.query("pemungutan_ulang_daftar", kecamatan="99.01.02").empty


def test_rekapitulasi_by_kecamatan(hari_store):
    df = hari_store.query("rekapitulasi_kecamatan", sampai=dt.datetime(2024, 12, 3, 23, 59), hari=H, kecamatan=None)
    a, b = (r for r in df.to_dict("records"))
    assert (a["jumlah_tps"], a["kotak_ke_pps"], a["kotak_ke_ppk"], a["kotak_ke_kpu"]) == (3, 1, 3, 0)   # 2 + 5, capped
    assert a["ppk_mulai"] == pd.Timestamp("2024-11-29 09:00") and a["ppk_selesai"] == pd.Timestamp("2024-11-30 10:00")
    assert (a["ppk_keberatan"], a["ppk_keberatan_selesai"]) == (2, 1)
    assert pd.isna(a["kpu_mulai"]) and (b["jumlah_tps"], b["kotak_ke_ppk"]) == (1, 0) and pd.isna(b["ppk_mulai"])


def test_the_as_of_date_runs_on_over_the_later_logs(hari_store):
    r = hari_store.query("rentang_data").iloc[0]
    assert r["tanggal_akhir"].date() == dt.date(2024, 11, 26)
    assert r["waktu_pasca"] == pd.Timestamp("2024-12-04 09:00")


def test_model_on_the_fixture_at_noon_and_after(hari_store):
    q, k = paparan.dari_store(hari_store, H)
    k = k.dengan(rentang=k.rentang.__class__(k.rentang.awal, H, dt.datetime(2024, 11, 27, 12, 0)))
    h = pemungutan.susun(q, k)
    assert h.fase == fase.HARI_H and h.rekap is None
    angka = {a.label: a.nilai for a in h.hari.angka}
    assert angka == {"TPS dibuka": "3 dari 4", "Partisipasi pemilih": "25,3%", "Penghitungan selesai": "0 dari 4 TPS",
                     "Kecamatan perlu ditelepon": "2 kecamatan"}
    assert h.hari.perlu[0].startswith("Kec. Alpha: 1 TPS belum dibuka lewat pukul 07.30; 1 TPS tanpa laporan")
    # the table puts the kecamatan to call first (a short table on the big screen shows those)
    i = list(h.hari.tabel.kolom).index("Perlu ditelepon")
    telepon = [b[i] != "–" for b in h.hari.tabel.baris]
    assert telepon == sorted(telepon, reverse=True) and telepon[0]
    ind = ringkasan.susun(q, k).indikator[0]
    assert (ind.label, ind.nilai) == ("Partisipasi pemilih", "25,3%")
    # the sentence under the voting-day slide names as many kecamatan as the key figure counts,
    # directly or as "and n more"
    catatan = next(s for s in paparan.slide_fase(h) if s.kode == "hari_h").catatan
    assert catatan.startswith("Perlu ditelepon sekarang: " + " ".join(h.hari.perlu[:2]))
    banyak = dataclasses.replace(h.hari, perlu=h.hari.perlu * 3)
    assert banyak.kalimat_perlu(2).endswith(" Dan 4 kecamatan lainnya.")
    kosong = dataclasses.replace(h.hari, perlu=())
    assert kosong.kalimat_perlu(2) == "Tidak ada kecamatan yang perlu ditelepon sekarang."
    q, k = paparan.dari_store(hari_store, dt.date(2024, 12, 3))
    h = pemungutan.susun(q, k)
    assert h.fase == fase.PASCA and h.hari is None
    assert {a.label: a.nilai for a in h.rekap.angka}["Rekapitulasi PPK"] == "1 dari 2 kecamatan selesai"


# ------------------------------------------------------------------ the re-vote's own preparation

# A2's preparation for PSU-1 (1 December), dated after voting day. Before H, A2 had both boxes, 270 of
# its 300 ballots usable and a KPPS already trained (checklist "bermasalah"). Counted with those, the
# boxes would be over the need (a warning) and the untrained KPPS a step back (an error): the
# re-vote's rows run on their own.
LOGISTIK_ULANG = f"""2024-11-29 10:00,tps,{A2},KOTAK,2,2,0,untuk PSU
2024-11-30 10:00,tps,{A2},SS,300,250,0,untuk PSU
"""
CHECKLIST_ULANG = f"""2024-11-29 15:00,{A2},ya,ya,tidak,tidak,tidak,tidak,0,0,tidak,belum,persiapan PSU
2024-11-30 15:00,{A2},ya,ya,ya,ya,ya,ya,270,2,ya,siap,persiapan PSU
"""


def _tambah_ulang(paths) -> None:
    for nama, teks in (("logistik.csv", LOGISTIK_ULANG), ("checklist.csv", CHECKLIST_ULANG)):
        with (paths.data / nama).open("a", encoding="utf-8") as f:
            f.write(teks)


@pytest.fixture
def ulang_store(contoh_paths, hari_store):
    _tambah_ulang(contoh_paths)
    s = Store(contoh_paths)
    assert s.muat(), [m.pesan() for m in s.ditolak]
    return s


@pytest.mark.parametrize(("tanggal", "harap"), [
    # items complete of 2, the least complete item's share, what is short; report status, checklist score
    (dt.date(2024, 11, 28), (0, 0.0, "Kotak suara; Surat suara", None, 0.0)),
    (dt.date(2024, 11, 29), (1, 0.0, "Surat suara", "belum", 200 / 9)),          # formed and sworn in: 2 of 9
    (dt.date(2024, 11, 30), (1, 100 * 250 / 300, "Surat suara", "siap", 100 * 8.9 / 9)),   # 270 of 300 notices
])
def test_revote_readiness_from_its_own_rows(ulang_store, tanggal, harap):
    [r] = ulang_store.query("pemungutan_ulang_kesiapan", ulang="PSU-1", tanggal=tanggal,
                            kecamatan=None).to_dict("records")
    assert r["kode_tps"] == A2 and r["jumlah_item"] == 2
    assert r["item_lengkap"] == harap[0] and r["skor_logistik"] == pytest.approx(harap[1])
    assert r["item_kurang"] == harap[2]
    assert (None if pd.isna(r["status_laporan"]) else r["status_laporan"]) == harap[3]
    assert r["skor_checklist"] == pytest.approx(harap[4])


def test_revote_rows_leave_the_regular_views_unchanged(hari_store, ulang_store):
    """The regular readiness of A2 and the data period ignore the re-vote's rows (no receipt is
    counted twice, the as-of moment stays on the last regular event)."""
    assert ulang_store.query("rentang_data").equals(hari_store.query("rentang_data"))
    for tanggal in (H, dt.date(2024, 11, 30), dt.date(2024, 12, 1)):
        for nama, params in (("kesiapan_tps", {"kecamatan": None, "kelurahan": None}),
                             ("logistik_wilayah", {"kecamatan": None}), ("kesiapan_unit", {"kecamatan": None})):
            baru = ulang_store.query(nama, tanggal=tanggal, **params)
            lama = hari_store.query(nama, tanggal=tanggal, **params)
            pd.testing.assert_frame_equal(baru, lama, obj=f"{nama} {tanggal}")
    a2 = ulang_store.query("kesiapan_tps", tanggal=dt.date(2024, 11, 30), kecamatan=None, kelurahan=None)
    a2 = a2.set_index("kode_tps").loc[A2]
    assert a2["status_laporan"] == "bermasalah" and a2["item_lengkap"] == 1      # 270 of 300 ballots, as before H


def test_revote_preparation_counts_as_fresh_data_for_the_alerts(hari_store, ulang_store):
    sampai = dt.datetime(2024, 11, 30, 23, 59)
    assert hari_store.query("kirim_terbaru", sampai=sampai)["waktu_terakhir"].iloc[0] == pd.Timestamp(
        "2024-11-27 16:30")                                                  # A1's boxes to the PPS
    assert ulang_store.query("kirim_terbaru", sampai=sampai)["waktu_terakhir"].iloc[0] == pd.Timestamp(
        "2024-11-30 15:00")                                                  # A2's checklist for the PSU


def test_revote_rows_without_the_revote_are_checked_as_regular_rows(contoh_paths):
    """The same rows with no pemungutan_ulang.csv continue the regular logs: the KPPS "untrained" again
    is refused, the boxes counted twice are over the need."""
    _tambah_ulang(contoh_paths)
    s = Store(contoh_paths)
    assert not s.muat()
    alasan = {(m.berkas, m.kolom, m.tingkat): m.alasan for m in s.ditolak}
    assert "kembali tidak" in alasan[("checklist.csv", "kpps_bimtek", "galat")]
    assert "melebihi kebutuhan" in alasan[("logistik.csv", "jumlah_diterima", "peringatan")]


def test_revote_model_shows_its_own_readiness(ulang_store):
    q, k = paparan.dari_store(ulang_store, dt.date(2024, 11, 30))
    u = pemungutan.susun(q, k).ulang
    assert u is not None and u.tabel.kolom == ("TPS", "DPT", "Skor kesiapan", "Logistik lengkap", "Kurang",
                                               "Laporan TPS terakhir")
    [b] = u.tabel.baris
    assert b[3:] == ("1 dari 2 jenis", "Surat suara", "Siap (30 November 2024 pukul 15.00 WITA)")
    assert u.hitung_mundur.nilai == "1 hari lagi"


# ------------------------------------------------------------------ the demo

def _demo(nama: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / nama, dtype=str, keep_default_na=False)


def test_demo_voting_day_is_plausible():
    p = _demo("pemungutan.csv")
    p["waktu"] = pd.to_datetime(p["waktu"])
    hari = p[p["waktu"].dt.date == H]
    buka = hari[hari["kejadian"] == "dibuka"]
    assert buka["kode_tps"].nunique() == len(_demo("tps.csv")) == 3671
    jam = buka["waktu"].dt.hour * 60 + buka["waktu"].dt.minute
    assert (jam <= 7 * 60 + 15).mean() > 0.85 and (jam > 7 * 60 + 30).any()      # most 07.00-07.15, a few late
    assert (hari.loc[hari["kejadian"] == "penghitungan_dimulai", "waktu"].dt.hour >= 13).all()
    assert set(p["kejadian"]) == {k for k, _ in INPUTS["pemungutan"].col("kejadian").pilihan} - {"berjalan"}


def test_demo_rekap_runs_to_6_december_and_one_psu_in_december():
    r = _demo("rekapitulasi.csv")
    assert pd.to_datetime(r["waktu"]).max().date() == dt.date(2024, 12, 6)
    assert set(r.loc[r["kejadian"] == "selesai", "kode_kecamatan"]) == set(
        _demo("wilayah.csv").query("tingkat == 'kecamatan'")["kode"])
    u = _demo("pemungutan_ulang.csv")
    assert len(u) == 2 and u["id_ulang"].nunique() == 1 and set(u["jenis"]) == {"psu"}
    assert pd.to_datetime(u["tanggal"]).dt.month.eq(12).all()


def test_no_file_has_a_candidate_result_column():
    for f in sorted((ROOT / "data").glob("*.csv")):
        kolom = f.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert not [c for c in kolom if re.search(POLA_HASIL_CALON, c)], f.name
    for inp in INPUTS.values():
        assert not [k.nama for k in inp.kolom if re.search(POLA_HASIL_CALON, k.nama)], inp.nama


@pytest.mark.parametrize(("tanggal", "harap"), [
    (dt.date(2024, 11, 27), ("hari_h", "partisipasi")),
    (dt.date(2024, 12, 1), ("rekapitulasi", "ulang")),
    (dt.date(2024, 12, 3), ("rekapitulasi",)),
    (dt.date(2024, 11, 26), ()),
])
def test_demo_deck_follows_the_phase(demo_store, tanggal, harap):
    q, k = paparan.dari_store(demo_store, tanggal)
    f = ringkasan.susun(q, k).fase
    kode = tuple(s.kode for s in paparan.slide_fase(f))
    assert kode == harap
    if f is not None and f.ulang is not None:
        assert {b[0] for b in f.ulang.tabel.baris} == {"TPS 004, Kel. Bantargebang", "TPS 005, Kel. Bantargebang"}
        assert f.ulang.hari is not None and f.ulang.hari.dpt == f.ulang.ulang.dpt


# ------------------------------------------------------------------ the voting-day map

_TINDAK = "dilaporkan,polri_tni"
INSIDEN_HARI = "".join(f"{baris},,Polres Contoh,2024-11-28\n" for baris in (
    f"I901,2024-11-27 11:30,2024-11-27 11:20,99.01.01,99.01.01.1001,,-6.951,110.051,konflik,tinggi,{_TINDAK},"
    "Adu mulut di TPS",
    f"I902,2024-11-27 08:00,2024-11-27 07:50,99.01.02,,,,,konflik,sedang,{_TINDAK},Antrean ricuh",
    f"I903,2024-11-27 05:00,2024-11-27 05:00,99.01.02,,,-6.96,110.06,konflik,rendah,{_TINDAK},Spanduk",
))


def _deck_layers(deck) -> dict[str, dict]:
    import json
    return {lay["id"]: lay for lay in json.loads(deck.to_json())["layers"]}


@pytest.fixture
def hari_insiden_store(contoh_paths):
    for nama, teks in (("pemungutan.csv", PEMUNGUTAN), ("rekapitulasi.csv", REKAP),
                       ("pemungutan_ulang.csv", ULANG)):
        (contoh_paths.data / nama).write_text(teks, encoding="utf-8")
    with (contoh_paths.data / "insiden.csv").open("a", encoding="utf-8") as f:
        f.write(INSIDEN_HARI)
    s = Store(contoh_paths)
    assert s.muat(), [m.pesan() for m in s.ditolak]
    return s


def _siang(s: Store, akses=None):
    q, k = paparan.dari_store(s, H)
    k = k.dengan(rentang=k.rentang.__class__(k.rentang.awal, H, dt.datetime(2024, 11, 27, 12, 0)))
    return q, k if akses is None else k.dengan(akses=akses)


def test_voting_day_map_colours_kecamatan_by_how_their_tps_opened(hari_insiden_store):
    s = hari_insiden_store
    q, k = _siang(s)
    p = pemungutan.susun(q, k).hari.peta
    assert p is not None
    # Alpha: A1 at 06.55, A2 at 07.20, A3 not open at noon; Beta: B1 at 07.00 sharp
    kelas = p.kelas.set_index("kode")
    assert kelas.loc["99.01.01", "kelas"] == "belum_0730" and kelas.loc["99.01.02", "kelas"] == "tepat"
    assert round(kelas.loc["99.01.01", "tepat"], 1) == 33.3 and kelas.loc["99.01.02", "tepat"] == 100.0
    # rolling windows up to 12.00: I901 (11.30) in both, I902 (08.00) only in 6 hours, I903 (05.00) in neither
    assert p.insiden == {"1jam": 1, "6jam": 2}
    assert p.catatan["1jam"] == ("1 insiden dilaporkan dalam 1 jam terakhir (27 Nov 2024 11.00 – 27 Nov 2024 "
                                 "12.00 WITA), semuanya tampil sebagai titik.")
    assert p.catatan["6jam"].endswith("; 1 tampil sebagai titik, 1 tanpa koordinat.")
    satu, enam = _deck_layers(p.peta["1jam"]), _deck_layers(p.peta["6jam"])
    assert [i for i in satu if i.startswith("hari-insiden")] == ["hari-insiden-tinggi"]
    assert [i for i in enam if i.startswith("hari-insiden")] == ["hari-insiden-tinggi"]     # I902 has no position
    fitur = {f["properties"]["kode"]: f["properties"] for f in satu["hari-kecamatan"]["data"]["features"]}
    warna = {k: w for k, _, w in pemungutan.KELAS_BUKA}
    assert fitur["99.01.01"]["warna"][:3] == [int(warna["belum_0730"][i:i + 2], 16) for i in (1, 3, 5)]
    assert fitur["99.01.01"]["keterangan"].startswith(
        "Kec. Alpha: ada TPS belum dibuka lewat pukul 07.30\n1 dari 3 TPS dibuka ≤ 07.00 · 1 terlambat · 1 belum")
    assert {t["teks"] for t in satu["label-hari"]["data"]} == {"Alpha\n33% tepat", "Beta\n100% tepat"}
    # offline: no tiles, no map provider
    assert p.peta["1jam"].map_provider is None and p.peta["1jam"].map_style.startswith("data:")
    # the legend names every class in Indonesian
    teks = [t for tr in p.legenda.data for t in tr.text]
    assert teks[:5] == ["Ada TPS belum dibuka lewat pukul 07.30", "Ada TPS belum dilaporkan dibuka",
                        "Dibuka ≤ 07.00 di bawah 70% TPS", "Dibuka ≤ 07.00 di 70–89% TPS",
                        "Dibuka ≤ 07.00 di 90% TPS atau lebih"]


def test_voting_day_still_map_colours_and_points_by_hand(hari_insiden_store):
    """The big screen's and the report's picture of the voting-day map, made by the same model: Alpha
    (A1 at 06.55, A2 at 07.20, A3 not open at noon) in the class of a TPS still closed after 07.30, Beta
    (B1 at 07.00 sharp) 100% on time; the points are the incidents of the last 6 hours that have a
    position (I901 at 11.30, tinggi; I902 at 08.00 has none; I903 at 05.00 is older)."""
    from siaga.model import grafik
    q, k = _siang(hari_insiden_store)
    p = pemungutan.susun(q, k).hari.peta.statis
    assert p is not None and p.tingkat == "kecamatan"
    w = p.wilayah.set_index("kode")
    assert w.loc["99.01.01", "warna"] == "#762A83" and w.loc["99.01.01", "nilai"] == "33% tepat"
    assert w.loc["99.01.02", "warna"] == "#1B7837" and w.loc["99.01.02", "nilai"] == "100% tepat"
    assert list(w.loc[["99.01.01", "99.01.02"], "nama"]) == ["Alpha", "Beta"]
    assert w.geometry.notna().all() and w["lon"].notna().all()
    assert p.titik[["lon", "lat", "warna", "jari"]].values.tolist() == [[110.051, -6.951, "#CC3311", 7]]
    assert p.titik["warna"].iloc[0] == grafik.WARNA_KEPARAHAN["tinggi"]
    # the legend in Indonesian: every class, then the points by severity
    assert p.legenda == (("Ada TPS belum dibuka > 07.30", "#762A83"), ("Ada TPS belum dilaporkan", "#BBBBBB"),
                         ("Tepat 07.00: < 70% TPS", "#C2A5CF"), ("Tepat 07.00: 70–89% TPS", "#ACD39E"),
                         ("Tepat 07.00: ≥ 90% TPS", "#1B7837"))
    assert p.legenda_titik == (("Insiden tinggi", "#CC3311"), ("Insiden sedang", "#EE7733"),
                               ("Insiden rendah", "#33BBEE"))
    assert p.judul == "Hari H: TPS dibuka per kecamatan dan insiden 6 jam terakhir"
    assert p.catatan == ""                                   # the fixture's boundaries: official, no credit asked


def test_the_voting_day_slide_has_the_map_and_not_before(hari_insiden_store):
    q, k = _siang(hari_insiden_store)
    lap = paparan.susun(q, k)
    assert [s.kode for s in lap.slides][:2] == ["hari_h", "partisipasi"]
    s = lap.slide("hari_h")
    assert s.peta.wilayah.equals(ringkasan.susun(q, k).fase.hari.peta.statis.wilayah)     # the page's model
    assert s.grafik is None and s.tabel.kolom == pemungutan.KOLOM_HARI
    assert s.catatan.endswith("2 insiden dilaporkan dalam 6 jam terakhir (27 Nov 2024 06.00 – 27 Nov 2024 12.00 "
                              "WITA); 1 tampil sebagai titik, 1 tanpa koordinat.")
    assert s.catatan.startswith("Perlu ditelepon sekarang: Kec. Alpha: 1 TPS belum dibuka lewat pukul 07.30")
    t = lap.slide("partisipasi")
    assert t.peta is None and t.grafik is not None and [a.label for a in t.angka] == ["Partisipasi pemilih",
                                                                                     "Penghitungan selesai"]
    # the day before: no voting-day slide, the readiness map is the only map
    q, k = paparan.dari_store(hari_insiden_store, dt.date(2024, 11, 26))
    lap = paparan.susun(q, k)
    assert "hari_h" not in [s.kode for s in lap.slides]
    assert [s.kode for s in lap.slides if s.peta is not None] == ["kesiapan"]


@pytest.mark.parametrize(("tepat", "terlambat", "belum", "belum_0730", "harap"), [
    (9, 1, 0, 0, "tepat"), (8, 2, 0, 0, "sedang"), (7, 3, 0, 0, "sedang"), (6, 4, 0, 0, "kurang"),
    (9, 0, 1, 0, "belum"), (9, 0, 1, 1, "belum_0730"),
    (698, 302, 0, 0, "sedang"), (694, 306, 0, 0, "kurang"), (895, 105, 0, 0, "tepat"),    # as shown: 70%, 69%, 90%
])
def test_voting_day_map_classes(tepat, terlambat, belum, belum_0730, harap):
    r = {"jumlah_tps": tepat + terlambat + belum, "dibuka_tepat": tepat, "dibuka_terlambat": terlambat,
         "belum_dibuka": belum, "belum_dibuka_0730": belum_0730}
    assert pemungutan.kelas_buka(r) == harap


def test_voting_day_map_without_row_access_has_no_free_text(hari_insiden_store):
    from siaga.akses import STAF, TAMU, Akses
    q, k = _siang(hari_insiden_store)
    assert k.akses == TAMU
    for deck in pemungutan.susun(q, k).hari.peta.peta.values():
        teks = deck.to_json()
        assert "I901 · " in teks and "Adu mulut di TPS" not in teks
    q, k = _siang(hari_insiden_store, Akses("staf", STAF))
    assert "Adu mulut di TPS" in pemungutan.susun(q, k).hari.peta.peta["1jam"].to_json()


def test_demo_logistics_slide_on_voting_day_projects_nothing(demo_store):
    q, k = paparan.dari_store(demo_store, H)
    s = paparan.susun(q, k).slide("logistik")
    assert s.catatan.startswith("Hari H: distribusi logistik Kota Bekasi selesai di ")
    assert "diperkirakan" not in s.catatan and s.tabel is None
    assert [a.label for a in s.angka][-1] == "Distribusi ke TPS"
