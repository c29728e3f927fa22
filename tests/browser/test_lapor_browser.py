"""Field reports in a real browser: a lurah on a 360×800 phone screen reports for their kelurahan
only (URL tampering ignored), an incident and a logistics receipt land in their event logs and the
files stay valid.
Screenshots in tests/artefak/. (Concurrent appends: tests/test_tugas.py, separate processes, and
tests/browser/test_lapor_serentak_browser.py, twenty sessions of a real server.)"""

from __future__ import annotations

import io
import shutil

import pandas as pd
from PIL import Image

from siaga.akses import lampiran
from siaga.data.store import Store
from siaga.inti.config import Paths
from tests.browser.conftest import Tab, streamlit_server
from tests.conftest import FIXTURE
from tests.test_lampiran import foto_gps

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
            foto = tmp_path / "IMG_20241126_0955.jpg"
            foto.write_bytes(foto_gps())                         # a phone photo with GPS and owner in EXIF
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(foto))
            page.wait_for_function("""() => document.querySelector('[data-testid="stFileChip"]')
                && !document.querySelector('[data-testid="stFileChipIconSpinner"]')""", timeout=60_000)   # uploaded
            tombol.click()
            page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=90_000)
            hp.settle()
            shot = hp.screenshot(artefak, "lapor-360x800", penuh=False)
            assert Image.open(shot).size == (360, 800)

            # a logistics receipt: one ballot box found torn at TPS 001
            page.get_by_text("Terima logistik", exact=True).click()
            kirim = page.get_by_role("button", name="Kirim tanda terima logistik")
            kirim.wait_for(timeout=90_000)
            hp.settle()
            assert kirim.bounding_box()["width"] >= 280
            page.get_by_label("Jumlah rusak").fill("1")
            page.get_by_label("Catatan (tanpa nama orang)").fill("Satu kotak suara sobek")
            kirim.click()
            page.get_by_text("Laporan terima logistik terkirim").wait_for(timeout=90_000)
            hp.settle()
            hp.screenshot(artefak, "lapor-logistik-360x800", penuh=False)
            assert hp.errors == [] and hp.external == []
        finally:
            hp.close()
        df = pd.read_csv(data / "insiden.csv")
        r = df[df["ringkasan"] == "Spanduk roboh menutup jalan ke TPS"]
        assert r[["kode_kecamatan", "kode_kelurahan"]].values.tolist() == [["99.01.01", KEL]]
        lg = pd.read_csv(data / "logistik.csv").iloc[-1]
        assert (lg["waktu"], lg["tahap"], lg["kode_lokasi"], lg["kode_item"], lg["jumlah_diterima"],
                lg["jumlah_rusak"], lg["catatan"]) == ("2024-11-26 10:00", "tps", "99.01.01.1001.001", "KOTAK", 0, 1,
                                                       "Satu kotak suara sobek")

    # the photo: stripped, resized, private, linked to that incident by id only
    (f,) = lampiran.daftar(Paths(data, geo))
    assert f.id_insiden == r["id_insiden"].iloc[0]
    isi = (data / "lampiran" / f"{f.id}.jpg").read_bytes()
    assert b"Exif" not in isi and b"Budi Santoso" not in isi
    assert b"IMG_2024" not in (data / "lampiran" / "indeks.json").read_bytes()       # not even the file name
    with Image.open(io.BytesIO(isi)) as img:
        assert img.size == (1600, 1200) and len(img.getexif()) == 0
    s = Store(Paths(data, geo))
    assert s.muat(), s.ditolak                                  # the file is valid
