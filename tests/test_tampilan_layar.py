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



# ------------------------------------------------------------------ fitting the screen

@pytest.mark.parametrize("lebar,tinggi", [(1366, 768), (1920, 1080), (3840, 2160), (1280, 1024)])
def test_sizes_scale_with_the_screen_height(lebar, tinggi):
    u = tl.Layar.dari({"lebar": lebar, "tinggi": tinggi})
    assert u.dilaporkan and u.kode == f"{lebar}x{tinggi}"
    assert u.huruf >= u.huruf_min >= tl.HURUF_MIN * tinggi          # chart and map text ≥ 1,8 % of the height
    assert u.huruf == round(tl.HURUF * tinggi)
    w, h = u.visual(ada_tabel=True)
    assert h == round(tinggi * tl.TINGGI_VISUAL) and w < u.visual(ada_tabel=False)[0] == u.isi - 2 < lebar
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
    from siaga.model import paparan

    p = paparan.susun(*paparan.dari_store(demo_store, dt.date(2024, 11, 26)))
    _label_terpisah(p.slide("kesiapan").peta, lebar, tinggi)


@pytest.mark.parametrize("lebar,tinggi", [(1366, 768), (1920, 1080)])
def test_voting_day_map_labels_and_legend_fit_the_big_screen(demo_store, lebar, tinggi):
    """The voting-day map (issue 13) through the same renderer: labels apart and large, the whole legend
    (its classes and the incident points) inside the picture."""
    from siaga.model import paparan

    p = paparan.susun(*paparan.dari_store(demo_store, dt.date(2024, 11, 27)))
    fig = _label_terpisah(p.slide("hari_h").peta, lebar, tinggi)
    w, h = (fig.bbox.width, fig.bbox.height)
    kotak = fig.legends[0].get_window_extent(fig.canvas.get_renderer())
    assert 0 <= kotak.x0 and kotak.x1 <= w and 0 <= kotak.y0 and kotak.y1 <= h
    assert len(fig.legends[0].get_texts()) == 8


def _label_terpisah(peta, lebar: int, tinggi: int):
    from siaga.laporan import visual

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
    return fig
