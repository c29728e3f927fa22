"""AppTest of the Netralitas ASN page on the Kota Contoh fixture (figures derived by hand in
tests/test_tampilan_netralitas.py from tests/fixtures/kota_contoh/data/netralitas.csv), its
empty states, and the privacy guarantee: nothing from the restricted identity file reaches the
page's element tree or its downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from siaga.data.store import Store
from siaga.inti.kontrak import INPUTS
from siaga.laporan import unduhan
from siaga.model import netralitas as tampil
from tests import apptest
from tests.apptest import metrics, plotly_specs
from tests.conftest import FIXTURE
from tests.test_tampilan_netralitas import HTML_OPD, tambah_kasus

PAGE = "pages/netralitas.py"


def buka(**query) -> AppTest:
    """The page as a link with ``query`` opens it: the entry point reads the URL on the first
    run (the filters are kept per session), then the page is shown."""
    return apptest.buka(None, **query).switch_page(PAGE).run()


@pytest.fixture
def contoh_app(app_env):
    app_env(FIXTURE / "data", FIXTURE / "geo")
    return buka


def grafik(at) -> dict[str, dict]:
    """Plotly specs keyed by their section (in page order: flow, type and class, OPD)."""
    return dict(zip(["alur", "jenis", "opd"], plotly_specs(at)))


def infos(at) -> list[str]:
    return [i.value for i in at.info]


# ------------------------------------------------------------------ figures

def test_no_filter_shows_the_latest_day(contoh_app):
    # 26 Nov (latest data): N1 tidak_terbukti, N2 klarifikasi (due 27), N3 laporan (due 29).
    at = contoh_app()
    assert not at.exception and not at.error
    assert at.title[0].value == "Netralitas ASN · Kota Contoh"
    assert metrics(at) == {"Kasus tercatat": "3", "Masih berjalan": "2", "Lewat batas waktu": "0",
                           "Terlambat dilaporkan": "0", "Selesai dengan sanksi": "0", "Tidak terbukti": "1"}
    kec, terbuka = at.dataframe[0].value, at.dataframe[1].value
    assert kec["Kecamatan"].tolist() == ["Alpha", "Beta"]                 # nothing selected, nothing marked
    assert kec["Kasus"].tolist() == [2, 1] and kec["Berjalan"].tolist() == [1, 1]
    assert terbuka["Nomor kasus"].tolist() == ["N2", "N3"]                 # due 27 Nov before 29 Nov
    assert terbuka["Umur (hari)"].tolist() == [6, 0] and terbuka["Tenggat"].tolist() == ["1 hari lagi", "3 hari lagi"]
    assert tampil.KETENTUAN in [c.value for c in at.caption]
    assert tampil.PRIVASI in [c.value for c in at.caption]
    # both tables download as CSV and XLSX
    assert [b.proto.label for b in at.get("download_button")] == ["Unduh CSV", "Unduh XLSX"] * 2


def test_deep_link_reproduces_the_beta_view(contoh_app):
    at = contoh_app(kec="99.01.02", tgl="2024-11-25")
    assert not at.exception
    assert at.title[0].value == "Netralitas ASN · Kecamatan Beta"
    assert at.selectbox(key="f_kec").value == "99.01.02"
    assert at.date_input(key="f_tgl").value == dt.date(2024, 11, 25)
    assert at.caption[0].value.startswith("Data per 25 November 2024 pukul 23.59 WITA · H-2")
    assert metrics(at) == {"Kasus tercatat": "1", "Masih berjalan": "1", "Lewat batas waktu": "0",
                           "Terlambat dilaporkan": "0", "Selesai dengan sanksi": "0", "Tidak terbukti": "0"}
    assert "1 kasus baru dilaporkan dalam 7 hari terakhir." in [c.value for c in at.caption]
    kec = at.dataframe[0].value
    assert kec["Kecamatan"].tolist() == ["Alpha", "▶ Beta"]               # comparison, selection marked
    row = at.dataframe[1].value.iloc[0].to_dict()
    assert row["Nomor kasus"] == "N2" and row["Tahap"] == "Klarifikasi Bawaslu" and row["Umur (hari)"] == 5
    assert (row["Batas waktu"], row["Tenggat"], row["Dilaporkan"]) == ("27 Nov 2024", "2 hari lagi", "20 Nov 2024")
    assert (row["OPD"], row["Kelas"], row["Sumber"]) == ("Kecamatan Beta", "Etik", "Laporan masyarakat")
    specs = grafik(at)
    alur = {tr["name"]: tr["x"] for tr in specs["alur"]["data"]}
    assert alur["Berjalan, dalam batas waktu"] == [0, 1, 0, 0, 0, 0, 0]     # N2 at klarifikasi
    assert sum(alur["Tidak terbukti"]) == 0                                # N1 is in Alpha
    jenis = {tr["name"]: tr["x"] for tr in specs["jenis"]["data"]}
    assert jenis == {"Etik": [1, 0, 0, 0, 0, 0, 0], "Disiplin": [0] * 7}
    assert specs["opd"]["data"][0]["y"] == ["Kecamatan Beta"]


def test_kecamatan_widget_filters_the_page(contoh_app):
    at = contoh_app()
    at.selectbox(key="f_kec").set_value("99.01.01").run()
    assert at.query_params["kec"] == "99.01.01"
    assert at.title[0].value == "Netralitas ASN · Kecamatan Alpha"
    # 26 Nov in Alpha: N1 (tidak_terbukti) and N3 (laporan, open)
    m = metrics(at)
    assert (m["Kasus tercatat"], m["Masih berjalan"], m["Tidak terbukti"]) == ("2", "1", "1")
    assert at.dataframe[1].value["Nomor kasus"].tolist() == ["N3"]


def test_alpha_has_no_open_case_on_25_nov(contoh_app):
    at = contoh_app(kec="99.01.01", tgl="2024-11-25")
    assert not at.exception
    assert metrics(at)["Masih berjalan"] == "0" and metrics(at)["Tidak terbukti"] == "1"
    assert infos(at) == [("Tidak ada kasus netralitas ASN yang masih berjalan di Kecamatan Alpha sampai "
                          "25 November 2024.")]
    assert len(at.dataframe) == 1                                   # only the kecamatan comparison
    assert len(at.get("plotly_chart")) == 3


def test_a_kecamatan_with_no_case_yet(contoh_app):
    at = contoh_app(kec="99.01.02", tgl="2024-11-15")          # N2 (Beta) is reported on 20 Nov
    assert not at.exception
    assert metrics(at)["Kasus tercatat"] == "0"
    assert infos(at) == ["Belum ada kasus netralitas ASN yang tercatat di Kecamatan Beta sampai 15 November 2024."]
    assert len(at.get("plotly_chart")) == 0 and len(at.dataframe) == 0


def test_a_date_before_any_data(contoh_app):
    at = contoh_app(tgl="2024-11-01")
    assert not at.exception
    assert infos(at) == ["Belum ada data pada 1 November 2024: data pertama tercatat 10 November 2024.",
                         "Belum ada kasus netralitas ASN yang tercatat di Kota Contoh sampai 1 November 2024."]
    assert set(metrics(at).values()) == {"0"}
    assert len(at.get("plotly_chart")) == 0 and len(at.dataframe) == 0


def test_overdue_late_and_sanctioned_cases(app_env, contoh_dir):
    tambah_kasus(contoh_dir / "data")                 # derivation in tests/test_tampilan_netralitas.py
    app_env(contoh_dir / "data", contoh_dir / "geo")
    at = buka(tgl="2024-11-25")
    assert not at.exception
    assert metrics(at) == {"Kasus tercatat": "5", "Masih berjalan": "3", "Lewat batas waktu": "2",
                           "Terlambat dilaporkan": "1", "Selesai dengan sanksi": "1", "Tidak terbukti": "1"}
    terbuka = at.dataframe[1].value
    assert terbuka["Nomor kasus"].tolist() == ["N4", "N6", "N2"]
    assert terbuka["Tenggat"].tolist() == ["Lewat 3 hari", "Lewat 1 hari", "2 hari lagi"]
    assert terbuka["Jarak lapor"].tolist() == ["14 hari ⚠", "0 hari", "1 hari"]
    assert terbuka["OPD"].tolist()[1] == HTML_OPD                        # literal text in the table
    alur = {tr["name"]: tr["x"] for tr in grafik(at)["alur"]["data"]}
    assert alur["Berjalan, lewat batas waktu"] == [1, 1, 0, 0, 0, 0, 0]  # N6 laporan, N4 klarifikasi
    assert alur["Selesai"] == [0, 0, 0, 0, 0, 1, 0]
    opd = json.dumps(grafik(at)["opd"])
    assert "<b>" not in opd and "&lt;b&gt;Dinas&lt;/b&gt; X" in opd        # plotly shows the tags literally


# ------------------------------------------------------------------ privacy

def identitas() -> list[str]:
    """Every value of the restricted file's personal columns (the sentinels)."""
    pribadi = [k.nama for k in INPUTS["netralitas_pribadi"].kolom if k.pribadi]
    with open(FIXTURE / "data" / "netralitas_pribadi.csv", encoding="utf-8") as f:
        values = [row[c] for row in csv.DictReader(f) for c in pribadi if row[c]]
    assert {"SENTINEL-NAMA-TERLAPOR-N1", "SENTINEL-PELAPOR-N2", "0812-SENTINEL", "198001012010011001"} <= set(values)
    return values


def tree_bytes(at) -> bytes:
    """Every element and block of the rendered app, serialised: text, tables (Arrow), chart specs."""
    return b"\n".join(node.proto.SerializeToString() for node in at._tree if getattr(node, "proto", None) is not None)


def xlsx_text(data: bytes) -> str:
    """Every cell and sheet name of the workbook as text (not the theme: it names font scripts)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join([*wb.sheetnames, *(str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
                                          for c in row if c.value is not None)])


@pytest.mark.parametrize("query, kasus, opd", [({}, "N2", "Kecamatan Beta"),
                                              ({"kec": "99.01.02", "tgl": "2024-11-25"}, "N2", "Kecamatan Beta"),
                                              ({"kec": "99.01.01"}, "N3", "Dinas Kesehatan")])
def test_no_identity_in_the_element_tree(contoh_app, query, kasus, opd):
    at = contoh_app(**query)
    blob = tree_bytes(at)
    # the serialisation does contain the page's tables and charts (so the check below can fail)
    assert kasus.encode() in blob and opd.encode() in blob and b"Klarifikasi Bawaslu" in blob
    assert tampil.PRIVASI.encode() in blob
    for value in identitas():
        assert value.encode() not in blob, value


@pytest.mark.parametrize("kecamatan", [None, "99.01.02"])
def test_no_identity_in_the_downloads(contoh_store, kecamatan):
    """The same builders and exports as the page (ui.tombol_unduh -> unduhan.csv_bytes/xlsx_bytes)."""
    tgl = dt.date(2024, 11, 26)
    frames = {
        "kasus": tampil.ekspor_terbuka(contoh_store.query("netralitas_terbuka", tanggal=tgl, kecamatan=kecamatan,
                                                          batas_lapor=tampil.BATAS_LAPOR_HARI)),
        "kecamatan": tampil.ekspor_kecamatan(contoh_store.query("netralitas_kecamatan", tanggal=tgl,
                                                                batas_lapor=tampil.BATAS_LAPOR_HARI)),
    }
    for name, df in frames.items():
        csv_text = unduhan.csv_bytes(df).decode("utf-8-sig")
        xlsx = xlsx_text(unduhan.xlsx_bytes(df, name))
        assert "Beta" in csv_text and "Beta" in xlsx                    # the payloads hold the data
        for value in identitas():
            assert value not in csv_text and value not in xlsx, (name, value)
    assert "N2" in unduhan.csv_bytes(frames["kasus"]).decode("utf-8-sig")


def test_the_store_never_holds_identities(contoh_paths):
    s = Store(contoh_paths)
    assert s.muat()
    tables = {r[0] for r in s.snapshot.cursor().execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    assert "netralitas_pribadi" not in tables and "netralitas" in tables
