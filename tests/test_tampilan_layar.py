"""The big-screen briefing's pure rules: URL settings, stepping, rotation timing, stale data."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from siaga.inti.config import Paths
from siaga.model import layar as tl

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


def test_stale_warning():
    now = dt.datetime(2024, 11, 27, 12, 0, tzinfo=JAKARTA)
    assert tl.peringatan_basi(now - dt.timedelta(hours=2), now, 6, "Asia/Jakarta", "WIB") is None
    teks = tl.peringatan_basi(now - dt.timedelta(hours=7), now, 6, "Asia/Jakarta", "WIB")
    assert teks.startswith("Data belum diperbarui selama 7 jam (berkas terakhir berubah 27 November 2024 pukul "
                           "05.00 WIB)")
    assert "3 hari" in tl.peringatan_basi(now - dt.timedelta(days=3, hours=2), now, 6, "Asia/Jakarta", "WIB")
    assert tl.peringatan_basi(None, now, 6, "Asia/Jakarta", "WIB") == "Belum ada berkas data."


def test_last_update_looks_at_the_operational_logs(contoh_paths: Paths):
    lama = dt.datetime(2024, 11, 20, 8, 0).timestamp()
    for p in contoh_paths.data.iterdir():
        os.utime(p, (lama, lama))
    baru = dt.datetime(2024, 11, 26, 9, 30).timestamp()
    os.utime(contoh_paths.data / "insiden.csv", (baru, baru))
    assert tl.pembaruan_terakhir(contoh_paths).timestamp() == baru
    os.utime(contoh_paths.data / "wilayah.csv", (baru + 3600, baru + 3600))     # not an operational log
    assert tl.pembaruan_terakhir(contoh_paths).timestamp() == baru
