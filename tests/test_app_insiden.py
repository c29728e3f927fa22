"""AppTest of the Insiden & Permasalahan page on the Kota Contoh fixture. Expected figures are
derived by hand in the docstring of tests/test_tampilan_insiden.py; the latest event (and the
default as-of moment) is 26 Nov 10:00 WITA."""

from __future__ import annotations

import json

import pytest

from tests import apptest
from tests.apptest import deck_spec, metrics, plotly_specs, teks_markdown

PAGE = "pages/insiden.py"
PAYLOAD = "<script>alert('x')</script> APK di pagar TPS"
LABELS = ["Dilaporkan ({})", "Masih terbuka", "Terbuka, keparahan tinggi", "Tindak lanjut terlambat", "Selesai ({})"]


@pytest.fixture
def buka(app_env):
    """``buka(data=..., geo=..., **query)``: the page on a data folder (Kota Contoh unless given)."""
    return apptest.pembuka(app_env, PAGE)


def angka(at, jendela="sejak awal"):
    """The five key figures in page order, checking their labels."""
    m = metrics(at)
    return tuple(m[label.format(jendela)] for label in LABELS)


def test_loads_with_no_filter(buka):
    at = buka()
    assert not at.exception and not at.error
    assert at.title[0].value == "Insiden & Permasalahan · Kota Contoh"
    assert at.caption[0].value.startswith("Data per 26 November 2024 pukul 10.00 WITA")
    # sejak awal up to 26 Nov: I1–I4 reported; open I1, I3, I4; tinggi I1, I4; overdue I1; closed I2
    assert angka(at) == ("4", "3", "2", "1", "1")
    assert "1 tindak lanjut lagi jatuh tempo dalam 2 hari." in teks_markdown(at)          # I4, due today
    tindak, semua = (d.value for d in at.dataframe)
    assert tindak["No."].tolist() == ["I1", "I4"]
    assert tindak["Batas waktu"].tolist() == ["24 Nov 2024 · lewat 2 hari", "26 Nov 2024 · jatuh tempo hari ini"]
    assert tindak["PIC"].tolist() == ["Polres Contoh", "PLN Contoh"]
    assert semua["No."].tolist() == ["I4", "I3", "I2", "I1"]
    assert at.radio(key="f_jendela").value == "semua"
    assert len(at.get("download_button")) == 4                               # CSV + XLSX for both tables


def test_free_text_stays_literal(buka):
    at = buka(tgl="2024-11-25")
    semua = at.dataframe[-1].value
    assert semua.loc[semua["No."] == "I3", "Ringkasan"].tolist() == [PAYLOAD]
    assert "<script>" not in teks_markdown(at)                               # never through Markdown
    spec = deck_spec(at)
    assert spec["layers"][1]["id"] == "insiden-rendah"
    assert spec["layers"][1]["data"][0]["keterangan"].endswith("\n" + PAYLOAD)
    proto = at.get("deck_gl_json_chart")[0].proto
    assert json.loads(proto.tooltip) == {"text": "{keterangan}"}              # a text tooltip, never html


def test_map_and_charts_spec(buka):
    at = buka(tgl="2024-11-25")
    spec = deck_spec(at)
    assert spec["mapStyle"].startswith("data:application/json,") and "mapProvider" not in spec
    assert [layer["id"] for layer in spec["layers"]] == ["insiden-wilayah", "insiden-rendah", "insiden-tinggi",
                                                         "label-wilayah"]
    assert [f["properties"]["kode"] for f in spec["layers"][0]["data"]["features"]] == ["99.01.01", "99.01.02"]
    assert [lb["teks"] for lb in spec["layers"][3]["data"]] == ["Alpha\n2", "Beta\n1"]
    assert ("2 dari 3 insiden tampil sebagai titik (1 di titik TPS-nya karena tanpa koordinat sendiri). "
            "1 insiden tanpa koordinat tidak tampil sebagai titik") in teks_markdown(at)
    legenda, harian, status = plotly_specs(at)
    assert [tr["text"] for tr in legenda["data"]] == [["Tinggi", "Sedang", "Rendah"], ["0", "1", "2"]]
    bars = [tr for tr in harian["data"] if tr["type"] == "bar"]
    assert {tr["name"]: tr["x"] for tr in bars} == {"Konflik atau gangguan keamanan": ["2024-11-23"],
                                                    "Gangguan pelayanan publik": ["2024-11-24"],
                                                    "Pelanggaran APK": ["2024-11-25"]}
    assert harian["layout"]["xaxis"]["ticktext"][0] == "10 Nov"              # from the first day of data
    assert [s["type"] for s in harian["layout"]["shapes"]] == ["rect"]      # masa tenang 24–26 Nov
    assert status["data"][0]["text"] == ["1", "0", "1 (1 terlambat)", "1"]


def test_kecamatan_filter(buka):
    at = buka(kec="99.01.02", tgl="2024-11-25")
    assert at.title[0].value == "Insiden & Permasalahan · Kecamatan Beta"
    assert angka(at) == ("1", "1", "0", "0", "0")                            # I3 only
    spec = deck_spec(at)
    # a kecamatan is drawn by its kelurahan
    assert [f["properties"]["kode"] for f in spec["layers"][0]["data"]["features"]] == ["99.01.02.1001"]
    assert [lb["teks"] for lb in spec["layers"][-1]["data"]] == ["Tiga\n1"]
    assert at.dataframe[-1].value["No."].tolist() == ["I3"]
    assert any("Tidak ada tindak lanjut insiden di Kecamatan Beta" in i.value for i in at.info)


def test_kelurahan_filter(buka):
    at = buka(kec="99.01.01", kel="99.01.01.1001", tgl="2024-11-25")
    assert at.title[0].value == "Insiden & Permasalahan · Kelurahan Satu, Alpha"
    assert angka(at) == ("1", "1", "1", "1", "0")                            # I1
    spec = deck_spec(at)
    feats = {f["properties"]["kode"]: f["properties"]["tebal"] for f in spec["layers"][0]["data"]["features"]}
    assert feats == {"99.01.01.1001": 3, "99.01.01.1002": 1}                 # Satu outlined among Alpha's
    tindak, semua = (d.value for d in at.dataframe)
    assert tindak.iloc[0]["Batas waktu"] == "24 Nov 2024 · lewat 1 hari"
    assert tindak.iloc[0]["Tindak lanjut terakhir"] == "Patroli gabungan"
    assert semua["No."].tolist() == ["I1"]


@pytest.mark.parametrize("jendela, label, expected, ids", [
    # as of 26 Nov 10:00: 24 jam from 25 Nov 10:00 holds I4 only, I2 closed earlier (25 Nov 08:00)
    ("24jam", "24 jam terakhir", ("1", "3", "2", "1", "0"), ["I4"]),
    ("7hari", "7 hari terakhir", ("4", "3", "2", "1", "1"), ["I4", "I3", "I2", "I1"]),
    ("semua", "sejak awal", ("4", "3", "2", "1", "1"), ["I4", "I3", "I2", "I1"]),
])
def test_each_window(buka, jendela, label, expected, ids):
    at = buka(jendela=jendela)
    assert not at.exception
    assert angka(at, label) == expected
    assert at.dataframe[-1].value["No."].tolist() == ids
    assert at.subheader[-1].value == f"Daftar insiden · {label}"


def test_window_radio_writes_the_url(buka):
    at = buka(tgl="2024-11-25")
    at.radio(key="f_jendela").set_value("24jam").run()
    assert at.query_params["jendela"] == "24jam"
    assert angka(at, "24 jam terakhir") == ("1", "2", "1", "1", "1")
    assert any(c.value == "Jendela waktu: 24 jam terakhir, 24 Nov 2024 23.59 – 25 Nov 2024 23.59 WITA."
               for c in at.caption)


def test_deep_link_with_an_empty_window(buka):
    # Alpha, 24 jam up to 25 Nov: nothing reported (I1 23 Nov, I2 24 Nov 09:00), I2 closed 25 Nov
    # 08:00, I1 open, tinggi and 1 day overdue.
    at = buka(kec="99.01.01", tgl="2024-11-25", jendela="24jam")
    assert not at.exception
    assert at.title[0].value == "Insiden & Permasalahan · Kecamatan Alpha"
    assert at.query_params["kec"] == "99.01.01" and at.query_params["jendela"] == "24jam"
    assert angka(at, "24 jam terakhir") == ("0", "1", "1", "1", "1")
    assert [i.value for i in at.info] == ["Tidak ada insiden di Kecamatan Alpha dalam 24 jam terakhir."]
    assert not at.get("deck_gl_json_chart") and not at.get("plotly_chart")
    assert len(at.dataframe) == 1 and at.dataframe[0].value["No."].tolist() == ["I1"]


def test_empty_kelurahan_window_and_follow_ups(buka):
    at = buka(kec="99.01.01", kel="99.01.01.1002", tgl="2024-11-25", jendela="24jam")
    assert [i.value for i in at.info] == [
        "Tidak ada insiden di Kelurahan Dua, Alpha dalam 24 jam terakhir.",
        "Tidak ada tindak lanjut insiden di Kelurahan Dua, Alpha yang terlambat atau jatuh tempo dalam 2 hari."]
    assert angka(at, "24 jam terakhir") == ("0", "0", "0", "0", "1")        # I2 closed on 25 Nov
    assert not at.dataframe


def test_date_before_any_data(buka):
    at = buka(tgl="2024-10-01")
    assert not at.exception
    assert angka(at) == ("0", "0", "0", "0", "0")
    assert "Belum ada insiden tercatat di Kota Contoh sampai 1 Oktober 2024; data pertama tercatat " \
           "10 November 2024." in [i.value for i in at.info]
    assert not at.dataframe and not at.get("deck_gl_json_chart") and not at.get("plotly_chart")


def test_no_incident_yet(buka):
    at = buka(kec="99.01.02", tgl="2024-11-24")                              # Beta's first incident: 25 Nov
    assert [i.value for i in at.info] == ["Belum ada insiden tercatat di Kecamatan Beta sampai 24 November 2024."]
    assert not at.dataframe
