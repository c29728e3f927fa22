"""AppTest of Ringkasan on the demo in the three phases (issue 13): voting day (27 November),
the rekapitulasi (3 December) and the PSU (1 December)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests import apptest
from tests.apptest import metrics
from tests.conftest import ROOT


@pytest.fixture
def demo_app(app_env):
    app_env(ROOT / "data", ROOT / "geo")
    return lambda **query: apptest.buka(None, timeout=180, **query)


def _teks(at) -> str:
    return "\n".join(x.value for x in (*at.markdown, *at.caption, *at.subheader))


def _peta(at) -> list[dict]:
    return [json.loads(c.proto.json) for c in at.get("deck_gl_json_chart")]


@pytest.mark.lambat
def test_voting_day_live_view(demo_app):
    at = demo_app(tgl="2024-11-27")
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Hitung mundur"] == "Hari H"
    assert m["TPS dibuka"] == "3.671 dari 3.671"
    assert m["Partisipasi pemilih"].endswith("%") and m["Partisipasi pemilih"] != "–"
    assert m["Penghitungan selesai"] == "0 dari 3.671 TPS"
    assert "Hari pemungutan suara Rabu, 27 November 2024" in _teks(at)
    assert "Kota Bekasi, hari pemungutan suara Rabu, 27 November 2024: TPS dibuka" in _teks(at)   # names as written
    assert "· Hari H: pemungutan suara Rabu, 27 November 2024 ·" in at.caption[0].value          # not "menuju"
    assert "Rekapitulasi suara per kecamatan" not in _teks(at)
    assert len(apptest.plotly_specs(at)) >= 1                     # turnout by hour
    # the voting-day map: kecamatan by how their TPS opened, incidents of the last 6 hours (the default)
    jendela = at.radio(key="peta_hari_jendela")
    assert jendela.value == "6jam" and jendela.options == ["1 jam terakhir", "6 jam terakhir"]
    assert "13 insiden dilaporkan dalam 6 jam terakhir (27 Nov 2024 07.51 – 27 Nov 2024 13.51 WIB)" in _teks(at)
    peta = _peta(at)[0]
    assert peta["layers"][0]["id"] == "hari-kecamatan"
    assert {f["properties"]["keterangan"].split("\n")[0].split(": ")[1]
            for f in peta["layers"][0]["data"]["features"]} == {"dibuka ≤ 07.00 di bawah 70% TPS",
                                                                 "dibuka ≤ 07.00 di 70–89% TPS"}
    at = jendela.set_value("1jam").run(timeout=180)
    assert not at.exception
    assert "3 insiden dilaporkan dalam 1 jam terakhir (27 Nov 2024 12.51 – 27 Nov 2024 13.51 WIB)" in _teks(at)
    titik = [la for la in _peta(at)[0]["layers"] if la["id"].startswith("hari-insiden")]
    assert sum(len(la["data"]) for la in titik) == 3


@pytest.mark.lambat
def test_incidents_open_on_the_last_six_hours_on_voting_day(app_env):
    app_env(ROOT / "data", ROOT / "geo")
    at = apptest.buka("pages/insiden.py", timeout=180, tgl="2024-11-27")
    assert not at.exception and at.radio(key="f_jendela").value == "6jam"
    at = apptest.buka("pages/insiden.py", timeout=180, tgl="2024-11-20")
    assert at.radio(key="f_jendela").value == "semua"


@pytest.mark.lambat
def test_rekapitulasi_after_voting_day(demo_app):
    at = demo_app(tgl="2024-12-03")
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Hitung mundur"] == "H+6"
    assert "· H+6: pemungutan suara Rabu, 27 November 2024 ·" in at.caption[0].value
    assert m["Rekapitulasi PPK"] == "12 dari 12 kecamatan selesai"
    assert m["Rekapitulasi KPU kab/kota"] == "0 dari 12 kecamatan selesai"
    assert "TPS dibuka" not in m
    assert "Rekapitulasi KPU kab/kota — berjalan (29 November 2024 – 6 Desember 2024)" in _teks(at)
    # the demo's calendar runs on to the pelantikan: every stage of the strip has dates and a state
    assert ("Penetapan calon terpilih — belum dimulai (6 Januari 2025 – 9 Januari 2025) · Sengketa hasil di MK — "
            "belum dimulai (9 Desember 2024 – 13 Maret 2025) · Pelantikan — belum dimulai (20 Februari 2025)"
            in _teks(at))
    assert "belum ada di tahapan.csv" not in _teks(at)


@pytest.mark.lambat
def test_revote_countdown_and_its_tps_only(demo_app):
    at = demo_app(tgl="2024-11-29")
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["PSU Minggu, 1 Desember 2024"] == "2 hari lagi"
    tabel = [d for d in at.dataframe if "Skor kesiapan" in d.value.columns]
    assert len(tabel) == 1 and sorted(tabel[0].value["TPS"]) == ["TPS 004, Kel. Bantargebang",
                                                                 "TPS 005, Kel. Bantargebang"]
    # readiness from the PSU's own rows (demo: bulky items on 29 November, ballots and forms on 30th)
    t = tabel[0].value.set_index("TPS")
    assert list(t["Logistik lengkap"]) == ["3 dari 10 jenis", "3 dari 10 jenis"]
    assert t["Kurang"].str.startswith("Surat suara Gubernur dan Wakil Gubernur; Surat suara Wali Kota").all()
    assert t["Laporan TPS terakhir"].str.startswith("Belum siap (29 November 2024 pukul ").all()
    at = demo_app(tgl="2024-12-01")
    m = metrics(at)
    assert m["PSU Minggu, 1 Desember 2024"] == "Hari ini" and m["TPS dibuka"] == "2 dari 2"
    t = next(d for d in at.dataframe if "Skor kesiapan" in d.value.columns).value
    assert list(t["Logistik lengkap"]) == ["10 dari 10 jenis", "10 dari 10 jenis"]
    assert list(t["Laporan TPS terakhir"]) == ["Siap (1 Desember 2024 pukul 05.22 WIB)",
                                               "Siap (1 Desember 2024 pukul 05.00 WIB)"]


def jumlah_slide(store, tgl: str, fase: int) -> int:
    """The deck's length at ``tgl``: the phase's slides, the seven, and the meetings' slide once a meeting
    has been recorded."""
    from siaga.model import paparan, ringkasan
    q, k = paparan.dari_store(store, dt.date.fromisoformat(tgl))
    return fase + len(paparan.SLIDES) + len(paparan.slide_rapat(ringkasan.susun(q, k).rapat))


def _layar(tgl: str, slide: int):
    return apptest.buka(None, timeout=180, mode="layar", tgl=tgl, slide=str(slide), jeda="1")


@pytest.mark.lambat
@pytest.mark.parametrize(("tgl", "judul", "angka"), [
    ("2024-11-27", ["Hari pemungutan suara Rabu, 27 November 2024", "Partisipasi pemilih per jam"],
     {"TPS dibuka": "3.671 dari 3.671", "Penghitungan selesai": "0 dari 3.671 TPS"}),
    ("2024-12-01", ["Rekapitulasi suara per kecamatan", "PSU Minggu, 1 Desember 2024"],
     {"PSU Minggu, 1 Desember 2024": "Hari ini", "TPS dibuka": "2 dari 2"}),
    ("2024-12-03", ["Rekapitulasi suara per kecamatan"], {"Rekapitulasi PPK": "12 dari 12 kecamatan selesai"}),
])
def test_big_screen_opens_on_the_phase_slides(app_env, demo_store, tgl, judul, angka):
    app_env(ROOT / "data", ROOT / "geo")
    jumlah = jumlah_slide(demo_store, tgl, len(judul))
    m = {}
    for nomor, harap in enumerate(judul, 1):
        at = _layar(tgl, nomor)
        assert not at.exception and not at.error
        assert at.title[0].value == harap
        assert f"Slide {nomor} dari {jumlah} · dijeda" in at.caption[-1].value
        if tgl == "2024-11-27":
            # the voting-day map (a still picture drawn by the server) beside the kecamatan, then turnout by hour
            peta, grafik = bool(at.get("image")), bool(at.get("plotly_chart"))
            assert (peta, grafik) == ((True, False) if nomor == 1 else (False, True)), nomor
            if nomor == 1:
                assert any("13 insiden dilaporkan dalam 6 jam terakhir" in c.value for c in at.caption)
        m |= metrics(at)
    assert {k: m[k] for k in angka} == angka


@pytest.mark.lambat
@pytest.mark.parametrize(("tgl", "saat"), [("2024-11-27", "Hari H"), ("2024-12-01", "H+4 (sesudah hari H)"),
                                           ("2024-12-03", "H+6 (sesudah hari H)")])
def test_logistik_from_voting_day_on_projects_nothing(app_env, tgl, saat):
    app_env(ROOT / "data", ROOT / "geo")
    at = apptest.buka("pages/logistik.py", timeout=180, tgl=tgl)
    assert not at.exception and not at.error
    m = metrics(at)
    assert "Menuju batas logistik (H-1)" not in m
    assert (m["Distribusi ke TPS"] == "Selesai") == (m["TPS dengan logistik lengkap"] == "100%")
    kalimat = [x.value for x in (*at.warning, *at.success)]
    assert len(kalimat) == 1 and kalimat[0].startswith(f"{saat}: distribusi logistik Kota Bekasi selesai di ")
    assert not any(s.value.startswith("Perkiraan tanggal lengkap") for s in at.subheader)
    assert len(apptest.plotly_specs(at)) == 1
