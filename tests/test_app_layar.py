"""AppTest of the big-screen briefing (?mode=layar) on the Kota Contoh fixture: no sidebar, the
report's slides in order, stepping and pausing, filters from the URL, no personal data."""

from __future__ import annotations

import pytest

from siaga.model.ringkasan import KOSONG_PERHATIAN
from tests import apptest
from tests.conftest import FIXTURE
from tests.test_app_netralitas import identitas, tree_bytes

JUDUL = ["Situasi hari ini", "Perlu tindakan hari ini", "Kesiapan per kecamatan",
         "Perubahan sejak kemarin (25 November 2024)", "Logistik", "Insiden 24 jam terakhir", "Netralitas ASN"]


@pytest.fixture
def layar(app_env):
    def buka(**query):
        app_env(FIXTURE / "data", FIXTURE / "geo")
        return apptest.buka(None, timeout=120, mode="layar", **query)
    return buka


def test_opens_on_the_first_slide_without_sidebar(layar):
    at = layar()
    assert not at.exception and not at.error
    assert len(at.sidebar) == 0
    assert at.title[0].value == "Situasi hari ini"
    m = apptest.metrics(at)
    assert m["Kesiapan partisipasi"] == "65,0%" and m["Hitung mundur"] == "H-1"
    assert m["Pukul"].endswith(" WITA")
    situasi = [x.value for x in at.markdown
               if x.value.startswith(("Kota Contoh, H-1", "Hari ini", "Semua", "1 kecamatan", "2 kecamatan"))]
    assert len(situasi) == 3 and situasi[0].startswith("Kota Contoh, H-1: skor kesiapan")
    assert any(c.value.startswith("Slide 1 dari 7 · berganti setiap 20 detik") for c in at.caption)


def test_steps_and_pauses(layar):
    at = layar()
    at.button(key="layar_maju").click().run()
    assert at.title[0].value == "Perlu tindakan hari ini"
    at.button(key="layar_maju").click().run()
    assert at.title[0].value == "Kesiapan per kecamatan"
    assert at.get("image")                                   # the static readiness map
    for _ in range(3):
        at.button(key="layar_mundur").click().run()
    assert "Slide 7 dari 7" in at.caption[-1].value                      # wraps around
    assert at.title[0].value == JUDUL[-1]
    at.button(key="layar_jeda_btn").click().run()
    assert "dijeda" in at.caption[-1].value
    assert at.button(key="layar_jeda_btn").label == "Lanjutkan"


@pytest.mark.parametrize("slide", range(1, 8))
def test_every_slide_from_the_url_and_no_identity(layar, slide):
    at = layar(slide=str(slide), jeda="1")
    assert not at.exception
    assert at.title[0].value == JUDUL[slide - 1]
    assert f"Slide {slide} dari 7 · dijeda" in at.caption[-1].value
    data = tree_bytes(at)
    for v in identitas():
        assert v.encode() not in data, v
    pesan = [x.value for x in at.info]
    if at.table or at.get("plotly_chart") or at.get("image"):       # never an empty state beside content
        assert pesan == [], pesan
    if slide == 2:                                                  # the action list agrees with its counts
        hitung = [int(v.split()[0].replace(".", "")) for lb, v in apptest.metrics(at).items() if lb != "Pukul"]
        assert (KOSONG_PERHATIAN in pesan) is (not any(hitung)), (hitung, pesan)
        assert bool(at.table) is any(hitung)


def test_kecamatan_from_the_url(layar):
    at = layar(kec="99.01.02", slide="3", jeda="1")
    assert not at.exception
    assert "Kecamatan Beta" in at.caption[0].value
    assert "Alpha" not in tree_bytes(at).decode("utf-8", "ignore")


def test_every_page_links_to_the_big_screen(app_env):
    app_env(FIXTURE / "data", FIXTURE / "geo")
    at = apptest.buka("pages/kesiapan.py", kec="99.01.01", tgl="2024-11-25")
    assert "[Tampilkan di layar besar](./?mode=layar&kec=99.01.01&tgl=2024-11-25)" in at.caption[0].value


def test_time_honesty_from_the_events_in_the_data(layar):
    # The fixture's newest event (26 Nov 2024 10.00 WITA) is far behind the clock: the latest day
    # is flagged stale on the wall screen, whatever the files' modification times say.
    at = layar(slide="1", jeda="1")
    [basi] = at.warning
    assert basi.value.startswith("Data belum diperbarui selama ") and "26 November 2024 pukul 10.00 WITA" in basi.value
    # a chosen past day is said in words, not flagged stale
    at = layar(slide="1", jeda="1", tgl="2024-11-25")
    assert not at.warning
    assert any(c.value.startswith(":material/history: Menampilkan keadaan per 25 November 2024, bukan hari ini")
               for c in at.caption)
