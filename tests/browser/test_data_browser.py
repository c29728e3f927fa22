"""The Data page in a real browser: upload a semicolon CSV as a clerk would, read the preview,
accept it, and see the dashboard count the new incident. Offline, no console errors."""

from __future__ import annotations

import shutil

from siaga.masuk.impor import jenis_label
from tests.browser.conftest import Tab, streamlit_server
from tests.conftest import FIXTURE

LAPORAN = ("LAPORAN INSIDEN KECAMATAN ALFA;;;;;;;;;;;;;;;\n"
           "id_insiden;waktu;waktu_kejadian;kecamatan;kelurahan;kode_tps;lat;lon;kategori;keparahan;status;sumber;"
           "ringkasan;tindak_lanjut;pic;batas_waktu\n"
           "K9;26/11/2024 09.30;26 Nop 2024 09.00;Kec. ALFA;Dua;;-6,95;110,05;konflik;Tinggi;dilaporkan;polri tni;"
           "Keributan di posko;;Polres;27/11/2024\n")


def _serius(page) -> int:
    card = page.locator('[data-testid="stMetric"]', has_text="Tanpa konflik")
    return int(card.locator('[data-testid="stMetricValue"]').inner_text().split()[0])


def test_upload_preview_accept_dashboard(browser, artefak, tmp_path):
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "geo", tmp_path / "geo")
    csv = tmp_path / "insiden kec alfa.csv"
    csv.write_text(LAPORAN, encoding="utf-8-sig")
    with streamlit_server(tmp_path / "data", tmp_path / "geo") as url:
        t = Tab(browser)
        try:
            t.open(url + "/")
            page = t.page
            before = _serius(page)
            page.locator('[data-testid="stSidebarNav"] a', has_text="Data").click()
            page.wait_for_selector("h1:has-text('Data')", timeout=60_000)
            t.settle()
            page.locator('[data-testid="stSelectbox"]', has_text="Jenis data").click()
            page.get_by_role("option", name=jenis_label("insiden")).click()
            t.settle()
            page.get_by_role("textbox", name="Nama petugas").fill("Budi Santoso")
            page.get_by_role("textbox", name="Nama petugas").press("Enter")
            t.settle()
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(csv))
            page.wait_for_selector("text=Siap disimpan", timeout=60_000)
            t.settle()
            main = page.locator('[data-testid="stMain"]')
            assert "1 baris baru ditambahkan ke insiden.csv" in main.inner_text()
            assert page.locator('[data-testid="stDataFrame"]').count() >= 3        # notes, matches, preview
            t.screenshot(artefak, "data-pratinjau")
            page.get_by_role("button", name="Terima dan simpan").click()
            page.wait_for_selector("text=DITERIMA", timeout=60_000)
            t.settle()
            assert "Dasbor memakai data baru" in main.inner_text()
            t.screenshot(artefak, "data-diterima")
            page.locator('[data-testid="stSidebarNav"] a', has_text="Ringkasan").click()
            page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
            t.settle()
            assert _serius(page) == before + 1
            assert page.locator('[data-testid="stException"]').count() == 0
            assert t.errors == []
            assert t.external == []
        finally:
            t.close()
