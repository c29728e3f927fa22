"""Field reports in a real browser: a lurah on a 360×800 phone screen reports for their kelurahan
only (URL tampering ignored), the report lands in the event log and the file stays valid.
Screenshot in tests/artefak/. (Concurrent appends: tests/test_tugas.py, separate processes.)"""

from __future__ import annotations

import shutil

import pandas as pd
from PIL import Image

from siaga.data.store import Store
from siaga.inti.config import Paths
from tests.browser.conftest import Tab, streamlit_server
from tests.conftest import FIXTURE

KEL = "99.01.01.1001"
FORM = 'button:has-text("Kirim laporan insiden")'


def _salinan(tmp_path):
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "geo", tmp_path / "geo")
    return tmp_path / "data", tmp_path / "geo"


def _isi(tab: Tab, teks: str) -> None:
    tab.page.get_by_label("Apa yang terjadi (singkat, tanpa nama orang)").fill(teks)


def test_lurah_reports_from_a_phone(browser, artefak, tmp_path):
    data, geo = _salinan(tmp_path)
    with streamlit_server(data, geo, "lurah", KEL, SIAGA_JAM="2024-11-26 10:00") as url:
        hp = Tab(browser, 360, 800)
        try:
            hp.open(url + "/lapor?kec=99.01.02&kel=99.01.02.1001", ready=FORM)     # tampering is ignored
            page = hp.page
            assert page.locator("h1").first.inner_text() == "Lapor"
            utama = page.locator('[data-testid="stMain"]')
            assert "Kelurahan Satu, Alpha" in utama.locator('[data-testid="stCaptionContainer"]').first.inner_text()

            tombol = page.get_by_role("button", name="Kirim laporan insiden")
            kotak = tombol.bounding_box()
            assert kotak["height"] >= 38 and kotak["width"] >= 280          # a large target, the width of the screen
            _isi(hp, "Spanduk roboh menutup jalan ke TPS")
            tombol.click()
            page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=90_000)
            hp.settle()
            shot = hp.screenshot(artefak, "lapor-360x800", penuh=False)
            assert Image.open(shot).size == (360, 800)
            assert hp.errors == [] and hp.external == []
        finally:
            hp.close()
        df = pd.read_csv(data / "insiden.csv")
        r = df[df["ringkasan"] == "Spanduk roboh menutup jalan ke TPS"]
        assert r[["kode_kecamatan", "kode_kelurahan"]].values.tolist() == [["99.01.01", KEL]]

    s = Store(Paths(data, geo))
    assert s.muat(), s.ditolak                                  # the file is valid
