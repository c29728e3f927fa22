"""AppTest of the Kesiapan page on the Kota Contoh fixture. Expected figures are derived by hand
from tests/fixtures/kota_contoh (README and files); the derivations are in the comments."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests import apptest
from tests.apptest import deck_spec, metrics, plotly_specs
from tests.conftest import FIXTURE

PAGE = "pages/kesiapan.py"


def buka(**query) -> AppTest:
    """The entry point reads the URL on the first run (the filters are kept per session), then the
    page is shown."""
    return apptest.buka(None, timeout=90, **query).switch_page(PAGE).run()


@pytest.fixture
def contoh(app_env):
    app_env(FIXTURE / "data", FIXTURE / "geo")
    return buka


def heatmap(at) -> dict:
    return next(s for s in plotly_specs(at) if s["data"][0]["type"] == "heatmap")


def harian(at) -> dict:
    return next(s for s in plotly_specs(at) if s["data"][0]["type"] == "scatter")


def trace(spec: dict, name: str) -> dict:
    return next(t for t in spec["data"] if t.get("name") == name)


def angka(arr) -> list[float]:
    """Values of a plotly array, plain or typed (plotly sends numpy arrays as base64 ``bdata``)."""
    if isinstance(arr, dict):
        return np.frombuffer(base64.b64decode(arr["bdata"]), dtype=arr["dtype"]).tolist()
    return list(arr)


def test_no_filter_is_the_whole_region_on_the_latest_day(contoh):
    at = contoh()
    assert not at.exception and not at.error
    assert at.title[0].value == "Kesiapan · Kota Contoh"
    assert at.caption[0].value.startswith("Data per 26 November 2024 pukul 10.00 WITA")
    assert at.caption[1].value.startswith("Skor kesiapan 0–100 = 40% logistik + 40% checklist TPS")
    m = metrics(at)
    assert list(m) == ["Skor kesiapan", "Terhadap jadwal KPU", "TPS logistik lengkap", "TPS bermasalah",
                       "Insiden terbuka"]
    # 26 Nov: KOTAK reached TPS Tiga (SS not): still only TPS 001 Satu complete; I4 (Beta, tinggi) reported
    assert m["TPS logistik lengkap"] == "1" and m["Insiden terbuka"] == "3"
    assert "dari 4 TPS · skor logistik 67" in [c.value for c in at.caption]    # 26 Nov: SS still short at Tiga
    assert [t.value for t in at.subheader] == ["Peta dan matriks kesiapan per kecamatan", "Rincian per kecamatan",
                                               "Kesiapan dari hari ke hari"]
    layer = deck_spec(at)["layers"][0]
    assert layer["id"] == "kesiapan-kecamatan"
    assert {f["properties"]["nama"] for f in layer["data"]["features"]} == {"Alpha", "Beta"}
    assert len(at.get("download_button")) == 4                  # CSV + XLSX for the table and the series


def test_deep_link_date_shows_the_readme_figures(contoh):
    at = contoh(tgl="2024-11-25")
    assert at.date_input(key="f_tgl").value.isoformat() == "2024-11-25"
    m = metrics(at)
    # README: region (66,61·600 + 73,36·400)/1.000 = 69,31. The KPU plan of 25 Nov (H-2): logistics at the
    # PPS (75), six checklist items due (66,67): 0,4·75 + 0,4·66,67 + 20 = 76,67; siap from round(0,8·76,67) = 61.
    assert m == {"Skor kesiapan": "69", "Terhadap jadwal KPU": "Sesuai jadwal", "TPS logistik lengkap": "1",
                 "TPS bermasalah": "1", "Insiden terbuka": "2"}
    captions = [c.value for c in at.caption]
    assert "Siap" in captions and "rencana KPU untuk 25 Nov 2024: skor 77" in captions
    assert not at.warning                                           # on schedule: no warning
    table = at.dataframe[0].value
    assert table["Kecamatan"].tolist() == ["Alpha", "Beta"]                        # least ready first
    assert table["Skor"].tolist() == [67, 73]
    assert table["Level"].tolist() == ["Siap", "Siap"]
    assert table["Jadwal"].tolist() == ["sesuai jadwal", "sesuai jadwal"]
    assert table["Netralitas"].tolist() == ["100", "80"]                    # N2 open in Beta (20 points)
    assert table["Lengkap di TPS"].tolist() == ["1 / 3", "0 / 1"]
    assert table["Insiden terbuka"].tolist() == ["1 (1 serius)", "1"]
    assert table["Penyebab utama"].tolist()[0] == "kesiapan TPS 44% (−22 poin); logistik 78% (−9 poin)"
    assert table["Rincian"].tolist() == ["kesiapan?kec=99.01.01&tgl=2024-11-25", "kesiapan?kec=99.01.02&tgl=2024-11-25"]


def test_heatmap_cells_follow_the_thresholds(contoh):
    at = contoh(tgl="2024-11-25")
    hm = heatmap(at)
    cells, text = hm["data"]
    assert cells["y"] == ["Alpha", "Beta"]
    assert cells["x"] == ["Logistik", "Checklist TPS", "Insiden", "Netralitas", "Skor"]
    # Alpha 78,33 / 44,44 / 75 / 100 / 66,61; Beta 50 / 88,89 / 98 / 80 / 73,36, each judged against what the
    # plan of 25 Nov asks of it (siap at 80%, perlu perhatian at 60%): logistics 75 (60 / 45), checklist 66,67
    # (53 / 40), incidents and neutrality 100 (80 / 60), the score 76,67 (61 / 46).
    # level index 0 rawan, 1 perlu perhatian, 2 siap
    assert cells["z"] == [[2, 1, 1, 2, 2], [1, 2, 2, 2, 2]]
    assert text["text"] == ["78", "44", "75", "100", "67", "50", "89", "98", "80", "73"]


def test_time_series_against_the_path(contoh):
    at = contoh(tgl="2024-11-25")
    spec = harian(at)
    skor, jalur = trace(spec, "Skor kesiapan"), trace(spec, "Rencana KPU")
    assert skor["x"][0].startswith("2024-11-10") and skor["x"][-1].startswith("2024-11-25") and len(skor["x"]) == 16
    y = angka(skor["y"])
    assert y[0] == pytest.approx(18.8) and y[-1] == pytest.approx(69.3089, abs=1e-3)
    # 20 Nov: gudang complete (25 everywhere), no checklist credit, N2 open in Beta (92): 10 + 10 + 9,2 = 29,2
    assert y[10] == pytest.approx(29.2)
    assert jalur["x"][-1].startswith("2024-11-26") and angka(jalur["y"])[-1] == 100
    # the plan on 10 Nov (H-17): only "KPPS dibentuk" due, no open incident or case planned: 0,4·100/9 + 20
    assert angka(jalur["y"])[0] == pytest.approx(0.4 * 100 / 9 + 20)
    siap = trace(spec, "Siap ≥ 80% rencana")
    assert angka(siap["y"])[-1] == pytest.approx(80)
    assert spec["layout"]["xaxis"]["ticktext"][:3] == ["10 Nov", "12 Nov", "14 Nov"]     # 17 days, every 2nd
    assert skor["customdata"][-1] == "25 Nov 2024 · Skor kesiapan: 69,3"


def test_kecamatan_lists_its_kelurahan_and_tps(contoh):
    at = contoh(kec="99.01.01", tgl="2024-11-25")
    assert at.title[0].value == "Kesiapan · Kecamatan Alpha"
    # Alpha 66,61 -> 67 >= 61 (80% of the plan, 76,67): on schedule
    assert metrics(at)["Skor kesiapan"] == "67" and metrics(at)["Terhadap jadwal KPU"] == "Sesuai jadwal"
    kel, tps = at.dataframe[0].value, at.dataframe[1].value
    # Dua: 0,4·50 + 0 + 10 + 10 = 40 (rawan: < 46); Satu: 0,4·92,5 + 0,4·66,67 + 7,5 + 10 = 81,17 (siap)
    assert kel["Kelurahan"].tolist() == ["Dua", "Satu"] and kel["Skor"].tolist() == [40, 81]
    assert kel["Level"].tolist() == ["Rawan", "Siap"]
    # Dua's 40 last met 80% of the plan on 22 Nov (0,4·25 + 0,4·400/9 + 20 = 47,78 -> 38)
    assert kel["Jadwal"].tolist() == ["tertinggal 3 hari", "sesuai jadwal"]
    assert kel["Netralitas"].tolist() == ["–", "–"]                   # cases belong to the kecamatan
    assert kel["Tindak lanjut oleh"].tolist() == ["Lurah/kades Dua dan PPS", "Lurah/kades Satu dan PPS"]
    assert tps["TPS"].tolist() == ["TPS 001", "TPS 002", "TPS 001"]
    assert tps["Kelurahan"].tolist() == ["Dua", "Satu", "Satu"]
    assert tps["Skor"].tolist() == [40, 78, 100]      # TPS 002: 36 + 22,22 + 10 + 10 = 78,2
    assert tps["Laporan terakhir"].tolist()[0] == "belum ada laporan"
    assert tps["Kurang di TPS"].tolist() == ["semua item", "Surat suara", "–"]   # Dua's TPS: nothing at the TPS yet
    spec = deck_spec(at)
    assert [layer["id"] for layer in spec["layers"]] == ["kesiapan-kelurahan", "label-kelurahan"]   # no TPS points yet
    assert ({f["properties"]["kode"] for f in spec["layers"][0]["data"]["features"]}
            == {"99.01.01.1001", "99.01.01.1002"})
    assert heatmap(at)["data"][0]["y"] == ["Dua", "Satu"]
    assert any("Pilih kelurahan untuk melihat TPS-nya." in c.value for c in at.caption)


def test_kelurahan_deep_link_shows_its_tps(contoh):
    at = contoh(kec="99.01.01", kel="99.01.01.1001", tgl="2024-11-25")
    assert not at.exception
    assert at.title[0].value == "Kesiapan · Kelurahan Satu, Alpha"
    assert at.selectbox(key="f_kel").value == "99.01.01.1001"
    # Satu 81,17: above the plan of 25 Nov (76,67), not yet the plan of 26 Nov (100)
    assert metrics(at) == {"Skor kesiapan": "81", "Terhadap jadwal KPU": "Sesuai jadwal",
                           "TPS logistik lengkap": "1", "TPS bermasalah": "1", "Insiden terbuka": "1"}
    tps = at.dataframe[1].value
    assert "Kelurahan" not in tps.columns
    row = tps.iloc[0].to_dict()
    assert list(row.pop("Level")) == ["Siap"]                  # a label in the level's colour; 78 >= 61 on 25 Nov
    assert row == {"TPS": "TPS 002", "DPT": "300", "Skor": 78, "Logistik": "90 · 1/2 item",
                   "Kurang di TPS": "Surat suara", "Checklist": "56",
                   "Belum terpenuhi": "lokasi belum siap; akses disabilitas; penerangan; C-Pemberitahuan 150/300; "
                                      "linmas 1/2",
                   "Laporan terakhir": "Bermasalah · 25 Nov 09.00 WITA", "Status sejak": "25 Nov 09.00 WITA",
                   "Rawan banjir": "Ya", "Insiden": "0", "Catatan laporan": "lokasi tergenang"}
    # TPS 001: belum on 20 Nov, siap since 24 Nov
    assert tps.iloc[1]["Laporan terakhir"] == "Siap · 24 Nov 10.00 WITA" and tps.iloc[1]["Belum terpenuhi"] == "lengkap"
    spec = deck_spec(at)
    lay = {layer["id"]: layer for layer in spec["layers"]}
    props = {f["properties"]["kode"]: f["properties"] for f in lay["kesiapan-kelurahan"]["data"]["features"]}
    assert props["99.01.01.1001"]["tebal"] == 3 and props["99.01.01.1002"]["tebal"] == 1
    pts = {p["nama"]: p for p in lay["kesiapan-tps"]["data"]}
    assert set(pts) == {"TPS 002 · Kel. Satu", "TPS 001 · Kel. Satu"}
    assert pts["TPS 002 · Kel. Satu"]["posisi"] == [110.06, -6.96]
    assert pts["TPS 002 · Kel. Satu"]["warna"] == [0x45, 0x75, 0xB4]
    assert pts["TPS 001 · Kel. Satu"]["warna"] == [0x45, 0x75, 0xB4]
    assert heatmap(at)["data"][0]["y"] == ["Dua", "▶ Satu"]
    assert len(at.get("download_button")) == 6


def test_kelurahan_without_coordinates_is_counted(contoh):
    at = contoh(kec="99.01.01", kel="99.01.01.1002", tgl="2024-11-25")
    assert metrics(at)["Skor kesiapan"] == "40"
    assert [layer["id"] for layer in deck_spec(at)["layers"]] == ["kesiapan-kelurahan", "label-kelurahan"]
    assert any("1 TPS tanpa koordinat tidak tampil di peta." in c.value for c in at.caption)


def test_a_date_before_any_data_is_an_empty_state(contoh):
    at = contoh(tgl="2024-10-01")         # the schedule starts 25 Sep; the first event is N1 on 10 Nov
    assert not at.exception
    assert any(i.value == "Belum ada data kesiapan pada 1 Oktober 2024. Peta, matriks dan grafik harian tersedia "
                          "mulai 10 November 2024." for i in at.info)
    assert not at.get("plotly_chart") and not at.get("deck_gl_json_chart") and not at.metric


def test_kelurahan_without_tps_and_names_stay_literal(app_env, contoh_dir):
    data = contoh_dir / "data"
    with open(data / "wilayah.csv", "a") as f:
        f.write("kelurahan,99.01.02.1002,Empat (Baru),99.01.02,,\n")
    (data / "checklist.csv").write_text((data / "checklist.csv").read_text().replace(
        "99.01.02.1001.001,ya,ya,ya,ya,tidak,ya,400,2,ya,belum,",
        "99.01.02.1001.001,ya,ya,ya,ya,tidak,ya,400,2,ya,belum,<script>alert('x')</script>"))
    app_env(data, contoh_dir / "geo")
    at = buka(kec="99.01.02", tgl="2024-11-25")
    assert not at.exception
    kel = at.dataframe[0].value
    assert kel["Kelurahan"].tolist() == ["Tiga", "Empat (Baru)"]
    assert kel["Level"].tolist() == ["Siap", "Tanpa data"]
    assert kel["Penyebab utama"].tolist()[1] == "belum ada TPS"
    assert any(c.value == "Belum ada TPS terdaftar di kelurahan Empat \\(Baru\\): skornya "
                          "belum dapat dihitung." for c in at.caption)
    assert at.dataframe[1].value["Catatan laporan"].tolist() == ["<script>alert('x')</script>"]
    empat = buka(kec="99.01.02", kel="99.01.02.1002", tgl="2024-11-25")
    assert not empat.exception
    assert any(i.value.startswith("Belum ada TPS terdaftar di Kelurahan Empat \\(Baru\\), Beta")
               for i in empat.info)
    assert not empat.get("plotly_chart")


def test_widgets_drill_down_and_write_the_url(contoh):
    at = contoh(tgl="2024-11-25")
    at.selectbox(key="f_kec").set_value("99.01.02").run()
    assert at.query_params["kec"] == "99.01.02"
    assert at.title[0].value == "Kesiapan · Kecamatan Beta"
    at.selectbox(key="f_kel").set_value("99.01.02.1001").run()
    assert at.query_params["kel"] == "99.01.02.1001"
    assert at.title[0].value == "Kesiapan · Kelurahan Tiga, Beta"
    # Tiga = Beta's only kelurahan: 0,4·50 + 0,4·88,89 + 0,1·98 + 0,1·100 = 75,36: Beta's case N2 belongs to
    # the kecamatan (73,36 there), a kelurahan does not inherit it
    assert metrics(at)["Skor kesiapan"] == "75"
    assert at.dataframe[1].value["TPS"].tolist() == ["TPS 001"]
