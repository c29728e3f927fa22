"""AppTest of the Ikhtisar page of a national desk, on a small synthetic national dataset
(``python -m siaga demo --skala nasional --faktor 0.01``): navigation, drill-down nation →
province → kab/kota, figures that agree with the queries, maps at the level that fits."""

from __future__ import annotations

import pytest

from siaga.data.store import Store
from siaga.demo.nasional import buat
from siaga.inti import fmt
from siaga.inti.config import Paths
from tests import apptest
from tests.apptest import deck_spec, metrics, plotly_specs

TGL = "2024-11-25"


@pytest.fixture(scope="module")
def nasional(tmp_path_factory):
    root = tmp_path_factory.mktemp("nasional")
    buat(root / "data", root / "geo", faktor=0.01)
    return root


@pytest.fixture
def buka(app_env, nasional):
    app_env(nasional / "data", nasional / "geo")
    return lambda **q: apptest.buka(None, **q)


@pytest.fixture(scope="module")
def store(nasional):
    s = Store(Paths(nasional / "data", nasional / "geo"))
    assert s.muat(), s.ditolak
    return s


def test_national_desk_opens_on_the_overview(buka, store):
    at = buka(tgl=TGL)
    assert not at.exception and not at.error, at.exception
    assert at.title[0].value == "Ikhtisar · Indonesia"
    ind = store.query("ikhtisar_indikator", tanggal=TGL, induk="00").iloc[0]
    m = metrics(at)
    assert m["Kab/kota"] == "37"                  # every province holding a Pilkada has at least one
    assert m["TPS"] == f"{int(ind['jumlah_tps']):,}".replace(",", ".")
    assert m["Skor kesiapan"] == fmt.skor(ind["skor_kesiapan"])
    # the city pages are not offered: they assume one kab/kota
    assert "Kecamatan" not in [s.label for s in at.sidebar.selectbox]
    # the national map draws every kab/kota; the table lists the provinces
    kab = store.query("ikhtisar_unit", tanggal=TGL, induk="00", tingkat="kabkota")
    fitur = deck_spec(at)["layers"][0]["data"]["features"]
    assert sorted(f["properties"]["kode"] for f in fitur) == sorted(kab["kode"]) and len(kab) >= 37
    unit = store.query("ikhtisar_unit", tanggal=TGL, induk="00", tingkat="provinsi")
    df = at.dataframe[0].value
    assert list(df["Kode"]) == list(unit["kode"]) and "Provinsi" in df.columns
    assert plotly_specs(at)[0]["data"][0]["name"] == "Gudang KPU"


def test_drill_down_province_then_kabkota(buka, store):
    at = buka(tgl=TGL)
    prov = store.query("ikhtisar_unit", tanggal=TGL, induk="00", tingkat="provinsi")
    kode = prov["kode"].iloc[0]
    at.selectbox(key="buka_00").select(kode).run()
    assert at.query_params["wil"] == [kode] or at.query_params["wil"] == kode
    nama = prov["nama"].iloc[0]
    assert at.title[0].value == f"Ikhtisar · {nama}"
    kab = store.query("ikhtisar_unit", tanggal=TGL, induk=kode, tingkat="kabkota")
    assert list(at.dataframe[0].value["Kode"]) == list(kab["kode"])
    fitur = deck_spec(at)["layers"][0]["data"]["features"]
    assert {f["properties"]["kode"] for f in fitur} == set(kab["kode"])
    # into a kab/kota: its kecamatan on a kecamatan map
    kode_kab = kab["kode"].iloc[0]
    at.selectbox(key=f"buka_{kode}").select(kode_kab).run()
    kec = store.query("ikhtisar_unit", tanggal=TGL, induk=kode_kab, tingkat="kecamatan")
    assert list(at.dataframe[0].value["Kode"]) == list(kec["kode"])
    fitur = deck_spec(at)["layers"][0]["data"]["features"]
    assert {f["properties"]["kode"] for f in fitur} == set(kec["kode"])
    # into a kecamatan: its polling stations, least ready first
    kode_kec = kec["kode"].iloc[0]
    at.selectbox(key=f"buka_{kode_kab}").select(kode_kec).run()
    tps = store.query("ikhtisar_tps", tanggal=TGL, kecamatan=kode_kec)
    assert at.title[0].value.startswith("Ikhtisar · ") and "TPS menurut kesiapan" in [h.value for h in at.subheader]
    tabel = at.dataframe[0].value
    assert list(tabel["Kode"]) == list(tps["kode_tps"]) and len(tabel) == len(tps) > 0
    assert [b.label for b in at.button if b.key and b.key.startswith("naik_")][:3] == [
        "‹ Indonesia", f"‹ {nama}", f"‹ {kab['nama'].iloc[0]}"]
    # and back up with the breadcrumb
    at.button(key="naik_00").click().run()
    assert at.title[0].value == "Ikhtisar · Indonesia" and "wil" not in at.query_params


@pytest.mark.parametrize("wil", ["99", "32.01.01.2001", "'; DROP TABLE wilayah; --", "3"])
def test_unknown_or_too_deep_code_falls_back_to_the_nation(buka, wil):
    at = buka(tgl=TGL, wil=wil)
    assert not at.exception
    assert at.title[0].value == "Ikhtisar · Indonesia"


def test_camat_cannot_open_the_overview(app_env, nasional):
    app_env(nasional / "data", nasional / "geo", peran="camat", kecamatan="32.01.01")
    at = apptest.buka(None, tgl=TGL)
    assert not at.exception and not at.dataframe and not at.get("deck_gl_json_chart")
    assert "tidak tersedia untuk akun camat" in at.info[0].value


def test_kabkota_only_features_say_so_on_a_national_desk(buka, app_env, nasional, monkeypatch, capsys):
    from siaga.__main__ import main
    from siaga.model import konteks as lingkup

    at = buka(tgl=TGL)
    assert not [b for b in at.sidebar.button if "laporan" in (b.label or "").lower()]
    assert not at.sidebar.get("download_button")
    layar = apptest.buka(None, mode="layar", tgl=TGL)
    assert not layar.exception and layar.info[0].value == lingkup.HANYA_KABKOTA
    monkeypatch.setenv("SIAGA_DATA", str(nasional / "data"))
    monkeypatch.setenv("SIAGA_GEO", str(nasional / "geo"))
    assert main(["laporan", "--format", "pdf", "--out", str(nasional / "x.pdf")]) == 2
    assert lingkup.HANYA_KABKOTA in capsys.readouterr().err and not (nasional / "x.pdf").exists()
