"""The big-screen briefing's pure rules: URL settings, stepping, rotation timing, stale data."""

from __future__ import annotations

import datetime as dt

import pytest

from siaga.model import layar as tl
from siaga.model.konteks import Rentang

JAKARTA = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize("q,expected", [
    ({}, (20, 0, False, 6.0)),
    ({"interval": "30", "slide": "3", "jeda": "1", "basi": "2"}, (30, 2, True, 2.0)),
    ({"interval": "1", "slide": "0"}, (5, 0, False, 6.0)),                  # clamped
    ({"interval": "99999", "basi": "0,5"}, (600, 0, False, 0.5)),
    ({"interval": "abc", "slide": "x'; DROP TABLE", "jeda": "mungkin", "basi": "nan"}, (20, 0, False, 6.0)),
])
def test_settings_from_the_url(q, expected):
    a = tl.Pengaturan.dari_url(q)
    assert (a.interval, a.mulai, a.jeda, a.basi_jam) == expected


def test_stepping_wraps_around():
    assert [tl.langkah(i, 6, 1) for i in range(6)] == [1, 2, 3, 4, 5, 0]
    assert tl.langkah(0, 6, -1) == 5
    assert tl.langkah(3, 0, 1) == 0


def test_rotation_waits_for_the_interval():
    assert not tl.waktunya_ganti(100.0, 110.0, 20)
    assert tl.waktunya_ganti(100.0, 118.0, 20)          # a fragment rerun may come a little early
    assert tl.waktunya_ganti(100.0, 125.0, 20)


def test_clock_in_the_region_time_zone():
    t = dt.datetime(2024, 11, 27, 6, 5, tzinfo=dt.UTC)
    assert tl.jam(t, "Asia/Jakarta", "WIB") == "13.05 WIB"
    assert tl.jam(t, "Asia/Jayapura", "WIT") == "15.05 WIT"


RENTANG = Rentang(dt.date(2024, 9, 1), dt.date(2024, 11, 27), dt.datetime(2024, 11, 27, 5, 0))


def _pesan(sekarang, tanggal=dt.date(2024, 11, 27), simulasi=False, rentang=RENTANG):
    return tl.pesan_waktu(rentang, tanggal, sekarang, batas_jam=6, tz="Asia/Jakarta", zona="WIB", simulasi=simulasi)


def test_stale_warning_compares_the_newest_event_with_the_clock():
    now = dt.datetime(2024, 11, 27, 10, 0, tzinfo=JAKARTA)
    assert _pesan(now) == []                                            # 5 hours: fresh
    [p] = _pesan(now + dt.timedelta(hours=2))
    assert p.tingkat == "peringatan"
    assert p.teks == ("Data belum diperbarui selama 7 jam: laporan terbaru dalam data 27 November 2024 pukul "
                      "05.00 WIB. Pastikan laporan camat dan lurah masuk.")
    # the clock is two years on, file times are irrelevant: the data say 2024
    dua_tahun = dt.datetime(2026, 12, 3, 11, 0, tzinfo=dt.UTC)
    basi, lampau = _pesan(dua_tahun)
    assert basi.tingkat == "peringatan" and "selama 736 hari" in basi.teks
    assert lampau.tingkat == "info"
    assert lampau.teks == "Menampilkan keadaan per 27 November 2024, bukan hari ini (3 Desember 2026)."
    # the clock in another zone: the age is the same moment
    assert _pesan(now.astimezone(dt.UTC)) == []
    # a chosen past day is as old as the day: said, not flagged stale
    [p] = _pesan(dua_tahun, tanggal=dt.date(2024, 11, 20))
    assert p.tingkat == "info" and p.teks.startswith("Menampilkan keadaan per 20 November 2024")


def test_events_after_the_clock_are_called_out():
    [p] = _pesan(dt.datetime(2024, 11, 27, 2, 0, tzinfo=JAKARTA))
    assert p.tingkat == "peringatan" and "setelah saat ini" in p.teks and "05.00 WIB" in p.teks


def test_a_demo_says_it_replays_its_year_and_never_calls_itself_stale():
    [p] = _pesan(dt.datetime(2026, 12, 3, 18, 0, tzinfo=JAKARTA), tanggal=dt.date(2024, 11, 26), simulasi=True)
    assert p.tingkat == "info"
    assert p.teks == ("Tayangan ulang: data simulasi Pilkada 2024 (1 September 2024 – 27 November 2024), bukan "
                      "keadaan hari ini (3 Desember 2026). Keadaan yang tampil: per 26 November 2024.")


def test_no_data_at_all_is_a_warning():
    [p] = _pesan(dt.datetime(2024, 11, 27, 10, 0, tzinfo=JAKARTA), rentang=None)
    assert p.tingkat == "peringatan" and p.teks.startswith("Belum ada data operasional")
