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


# ------------------------------------------------------------------ fitting the screen

@pytest.mark.parametrize("lebar,tinggi", [(1366, 768), (1920, 1080), (3840, 2160), (1280, 1024)])
def test_sizes_scale_with_the_screen_height(lebar, tinggi):
    u = tl.Layar.dari({"lebar": lebar, "tinggi": tinggi})
    assert u.dilaporkan and u.kode == f"{lebar}x{tinggi}"
    assert u.huruf >= u.huruf_min >= tl.HURUF_MIN * tinggi          # chart and map text ≥ 1,8 % of the height
    assert u.huruf == round(tl.HURUF * tinggi)
    w, h = u.visual(ada_tabel=True)
    assert h == round(tinggi * tl.TINGGI_VISUAL) and w < u.visual(ada_tabel=False)[0] == u.isi < lebar
    assert u.baris() >= 3


@pytest.mark.parametrize("nilai", [None, {}, {"lebar": "x", "tinggi": 5}, {"lebar": 10, "tinggi": 10},
                                   {"lebar": 1920}, "1920x1080"])
def test_an_unknown_size_is_the_default(nilai):
    u = tl.Layar.dari(nilai)
    assert (u.lebar, u.tinggi, u.dilaporkan, u.kode) == (*tl.LAYAR_BAWAAN, False, "bawaan")


def test_the_empty_state_only_when_the_slide_has_nothing():
    from siaga.model.komponen import Angka, Tabel
    from siaga.model.paparan import Slide

    tabel = Tabel(("Apa",), (("Logistik tertinggal",),))
    kartu = (Angka("Tindak lanjut terlambat", "5"),)
    assert Slide("perhatian", "x", kartu, tabel=tabel, kosong="Tidak ada…").pesan_kosong == ""
    assert Slide("situasi", "x", kartu, kalimat=("Satu.",), kosong="Belum ada data.").pesan_kosong == ""
    assert Slide("perhatian", "x", (Angka("Tindak lanjut terlambat", "0"),), kosong="Tidak ada…").pesan_kosong \
        == "Tidak ada…"


@pytest.mark.parametrize("lebar,tinggi", [(1366, 768), (1920, 1080), (3840, 2160)])
def test_map_labels_never_overlap_and_stay_large(demo_store, lebar, tinggi):
    """The demo's readiness map drawn for the big screen's box: no two labels overlap, none is
    smaller than the screen's minimum, none sticks out of the picture."""
    from siaga.laporan import visual
    from siaga.model import paparan

    p = paparan.susun(*paparan.dari_store(demo_store, dt.date(2024, 11, 26)))
    peta = p.slide("kesiapan").peta
    u = tl.Layar(lebar, tinggi, True)
    w, h = u.visual(ada_tabel=True)
    fig = visual.gambar_peta(peta, visual.Ukuran(w, h, 1), huruf=u.huruf, huruf_min=u.huruf_min)
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    label = [t for t in ax.texts if t.get_visible() and t.get_text()]
    assert len(label) >= len(peta.wilayah) * 0.75                       # most units keep their label
    kotak = [t.get_window_extent(renderer) for t in label]
    assert not [(a.get_text(), b.get_text()) for i, a in enumerate(label) for j, b in enumerate(label)
                if i < j and kotak[i].overlaps(kotak[j])]
    for t, k in zip(label, kotak):
        assert t.get_fontsize() * fig.dpi / 72 >= u.huruf_min - 0.01, t.get_text()      # pt → px at skala 1
        assert 0 <= k.x0 and k.x1 <= w and 0 <= k.y0 and k.y1 <= h, t.get_text()
    assert all(t.get_fontsize() * fig.dpi / 72 >= u.huruf_min - 0.01 for t in fig.legends[0].get_texts())
