"""AppTest of the Logistik page on the Kota Contoh fixture. Expected figures are derived by
hand in tests/test_tampilan_logistik.py (module docstring); the deadline H-1 is 26 Nov."""

from __future__ import annotations

import pytest

from tests import apptest
from tests.apptest import metrics, plotly_specs, teks_markdown

PAGE = "pages/logistik.py"


@pytest.fixture
def buka(app_env):
    """``buka(data=..., geo=..., **query)``: the page on a data folder (Kota Contoh unless given)."""
    return apptest.pembuka(app_env, PAGE)


def test_loads_with_no_filter(buka):
    at = buka()
    assert not at.exception and not at.error
    assert at.title[0].value == "Logistik · Kota Contoh"
    # Latest day 26 Nov = the H-1 deadline: A1 is the only complete TPS; missing at the TPS:
    # A2 SS 30 + A3 202 + B1 SS 400 = 632; damaged 30 (A2).
    assert metrics(at) == {"TPS dengan logistik lengkap": "25%", "Unit belum ada di TPS": "632", "Unit rusak": "30",
                           "Menuju batas logistik (H-1)": "Hari ini"}
    # Region at the TPS since 25 Nov, window from 24 Nov (2 days): TPS completeness (6/8 + 370/1000)/2
    # = 56 → 28/day → 44 left → 2 days → 28 Nov. Alpha 64,17 → 32,08/day → 2 days → 28 Nov;
    # Beta (first TPS receipt 26 Nov) 50 → 50/day → 1 day → 27 Nov. Both after H-1.
    # the fixture's newest event is two years before the clock: the latest day is flagged stale
    basi, proyeksi = at.warning
    assert basi.value.startswith("Data belum diperbarui selama ")
    assert "laporan terbaru dalam data 26 November 2024 pukul 10.00 WITA" in basi.value
    assert proyeksi.value == (
        "Dengan laju saat ini, logistik Kota Contoh diperkirakan lengkap di semua TPS pada 28 November 2024 "
        "(2 hari sesudah batas H-1). 2 dari 2 kecamatan berisiko: Alpha, Beta.")
    wil, kurang, proy = (d.value for d in at.dataframe[-3:])
    assert wil["Kecamatan"].tolist() == ["Alpha", "Beta"]
    assert kurang["Kode tempat"].tolist() == ["99.01.01.1001.002", "99.01.01.1002.001", "99.01.01.1002.001",
                                              "99.01.02.1001.001"]
    assert proy["Perkiraan lengkap"].tolist() == ["28 November 2024", "27 November 2024"]
    assert proy["Status"].tolist() == ["Berisiko", "Berisiko"]
    assert len(plotly_specs(at)) == 2


def test_voting_day_projects_nothing(buka):
    at = buka(tgl="2024-11-27")
    assert not at.exception and not at.error
    # the distribution ended on 26 Nov (H-1) with A1 the only complete TPS of four
    m = metrics(at)
    assert m["Distribusi ke TPS"] == "Belum di 3 TPS" and m["TPS dengan logistik lengkap"] == "25%"
    assert "Menuju batas logistik (H-1)" not in m
    assert at.warning[-1].value == (
        "Hari H: distribusi logistik Kota Contoh selesai di 1 TPS, belum di 3 dari 4 TPS. Kekurangan di TPS "
        "ditangani lewat laporan insiden hari H; perkiraan tanggal lengkap tidak ditampilkan lagi.")
    assert "diperkirakan lengkap" not in teks_markdown(at)
    assert not any(s.value.startswith("Perkiraan tanggal lengkap") for s in at.subheader)
    assert len(plotly_specs(at)) == 1                            # the item x stage heatmap only
    # the tables that still apply: per kecamatan and the shortages
    assert [d.value.columns[0] for d in at.dataframe[-2:]] == ["Kecamatan", "Tahap"]


def test_kecamatan_from_the_widget_and_no_shortage(buka):
    at = buka(tgl="2024-11-25")
    at.selectbox(key="f_kec").set_value("99.01.02").run()
    assert at.query_params["kec"] == "99.01.02"
    assert at.title[0].value == "Logistik · Kecamatan Beta"
    # Beta on 25 Nov: nothing at its TPS yet (needs 2 KOTAK + 400 SS), nothing damaged.
    assert metrics(at) == {"TPS dengan logistik lengkap": "0%", "Unit belum ada di TPS": "402", "Unit rusak": "0",
                           "Menuju batas logistik (H-1)": "1 hari"}
    assert "Tidak ada kekurangan atau barang rusak di Kecamatan Beta sampai 25 November 2024." in [
        i.value for i in at.info]
    # Beta, nothing at a TPS yet: upstream progress 66,67 (33,33 on 22 Nov) → 11,11/day → 3 days → 28 Nov,
    # three days after the PPS deadline H-2 (25 Nov).
    assert at.warning[0].value.startswith("Dengan laju saat ini, logistik Kecamatan Beta diperkirakan lengkap "
                                          "sampai PPS pada 28 November 2024 (3 hari sesudah batas PPS H-2).")
    heat = plotly_specs(at)[0]["data"][0]
    assert heat["x"] == ["Gudang KPU", "PPK Beta", "PPS (1 kelurahan)", "TPS (1 TPS)"]
    assert heat["text"] == [["100%", "100%", "0%", "0%"], ["100%", "100%", "0%", "0%"]]


def test_deep_link_reproduces_the_figures(buka):
    at = buka(kec="99.01.01", tgl="2024-11-25")
    assert not at.exception
    assert at.title[0].value == "Logistik · Kecamatan Alpha"
    assert at.caption[0].value.startswith("Data per 25 November 2024 pukul 23.59 WITA · H-2 menuju")
    assert metrics(at) == {"TPS dengan logistik lengkap": "33,3%", "Unit belum ada di TPS": "232", "Unit rusak": "30",
                           "Menuju batas logistik (H-1)": "1 hari"}
    assert at.subheader[1].value == "Per kelurahan di Kecamatan Alpha"
    tahap, wil, kurang, proy = (d.value for d in at.dataframe)
    assert tahap["Kelengkapan"].tolist() == ["100%", "100%", "66,7%", "66,7%", "100%", "100%", "66,7%", "61,7%"]
    assert wil["Kelurahan"].tolist() == ["Satu", "Dua"]
    assert wil["TPS"].tolist() == pytest.approx([96.25, 0])
    assert kurang[["Tahap", "Kelurahan", "TPS", "Item", "Kurang"]].values.tolist() == [
        ["TPS", "Satu", "TPS 002", "Surat suara", 30], ["PPS", "Dua", "–", "Kotak suara", 2],
        ["PPS", "Dua", "–", "Surat suara", 200]]
    assert kurang["Catatan"].tolist() == ["30 lembar basah", "", ""]
    # Before H-1: Satu is complete up to its PPS (waiting for the hand-over), Dua has not moved.
    assert proy[["Kelurahan", "Status", "Perkiraan lengkap"]].values.tolist() == [
        ["Dua", "Berisiko", "–"], ["Satu", "Sesuai jadwal", "–"]]
    heat, proyeksi = plotly_specs(at)
    assert heat["data"][0]["y"] == ["Kotak suara", "Surat suara"]
    dots = {t["name"]: t for t in proyeksi["data"] if t.get("mode") == "markers+text"}
    assert dots["Sesuai jadwal"]["y"] == ["Satu"] and dots["Sesuai jadwal"]["text"] == ["siap ke TPS"]
    assert dots["Berisiko"]["y"] == ["Dua"] and dots["Berisiko"]["text"] == ["tanpa kemajuan"]
    assert [s["x0"][:10] for s in proyeksi["layout"]["shapes"]] == ["2024-11-26", "2024-11-25"]
    assert len(at.get("download_button")) == 8                 # CSV + XLSX for each of the four tables


PERTAMA = " Tanda terima pertama tercatat 20 November 2024."


@pytest.mark.parametrize("tgl,kalimat", [
    # before any data at all (the fixture's logs start 10 Nov)
    ("2024-11-01", "Belum ada tanda terima logistik sampai 1 November 2024." + PERTAMA),
    # other logs have data, logistics not yet
    ("2024-11-15", "Belum ada tanda terima logistik sampai 15 November 2024." + PERTAMA),
])
def test_date_before_the_first_receipt_is_an_empty_state(buka, tgl, kalimat):
    at = buka(tgl=tgl)
    assert not at.exception
    assert kalimat in [i.value for i in at.info]
    assert not at.get("plotly_chart") and not at.dataframe and not at.metric


def test_receipt_notes_stay_literal(buka, contoh_dir):
    p = contoh_dir / "data" / "logistik.csv"
    payload = "<img src=x onerror=alert(1)> **tebal** =1+1"
    p.write_text(p.read_text().replace("30 lembar basah", f'"{payload}"'))
    at = buka(data=contoh_dir / "data", geo=contoh_dir / "geo", tgl="2024-11-25")
    assert not at.exception
    kurang = at.dataframe[2].value
    assert kurang["Catatan"].tolist()[0] == payload
    assert "onerror" not in teks_markdown(at) and "tebal" not in teks_markdown(at)


def test_kecamatan_without_tps_is_an_empty_state(buka, contoh_dir):
    # A new kecamatan Gamma with one kelurahan and no TPS yet: nothing is needed there.
    p = contoh_dir / "data" / "wilayah.csv"
    p.write_text(p.read_text() + "kecamatan,99.01.03,Gamma,99.01,,\nkelurahan,99.01.03.1001,Empat,99.01.03,,\n")
    at = buka(data=contoh_dir / "data", geo=contoh_dir / "geo", kec="99.01.03", tgl="2024-11-25")
    assert not at.exception
    assert at.title[0].value == "Logistik · Kecamatan Gamma"
    assert metrics(at)["TPS dengan logistik lengkap"] == "–"
    assert at.success[0].value == "Belum ada TPS di Kecamatan Gamma."
    infos = [i.value for i in at.info]
    assert infos.count("Tidak ada kelurahan dengan TPS di Kecamatan Gamma.") == 2     # per-unit table, projection
    assert "Tidak ada kekurangan atau barang rusak di Kecamatan Gamma sampai 25 November 2024." in infos
    # the whole region: Gamma (no TPS) is not a row of the per-kecamatan table
    at = buka(data=contoh_dir / "data", geo=contoh_dir / "geo", tgl="2024-11-25")
    assert at.dataframe[1].value["Kecamatan"].tolist() == ["Alpha", "Beta"]
