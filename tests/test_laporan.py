"""The daily report (issue 4, snapshot): the slide model on the Kota Contoh fixture (figures from
its README), the PDF, PNG and PPTX renderings (Debian's chromium draws the charts: nothing is
skipped without it), the CLI, and that no personal data reaches any of them."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import zipfile

import numpy as np
import pypdfium2
import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from siaga import laporan
from siaga.laporan import visual
from siaga.model import level, paparan
from siaga.model.komponen import Tabel
from tests.conftest import FIXTURE, ROOT

TGL = dt.date(2024, 11, 25)
JUDUL = ["Ringkasan", "Kesiapan per kecamatan", "Logistik", "Insiden 24 jam terakhir", "Netralitas ASN",
         "Kecamatan perlu perhatian"]
# Values of netralitas_pribadi.csv (identities) that must never reach a report.
PRIBADI = ["SENTINEL", "198001012010011001", "198502022012022002", "0812", "Staf kecamatan", "Perawat"]
LAIN_DARI_BETA = ["Alpha", "Satu", "Dua"]          # kecamatan Alpha and its kelurahan


@pytest.fixture(scope="module")
def berkas(contoh_store) -> dict[str, bytes]:
    """Each format once for the whole region, and the PDF of kecamatan Beta."""
    out = {f: laporan.buat(contoh_store, TGL, None, f) for f in laporan.FORMAT}
    out["pdf_beta"] = laporan.buat(contoh_store, TGL, "99.01.02", "pdf")
    return out


def teks_pdf(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def teks_pptx(data: bytes) -> list[str]:
    return ["\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
            for s in Presentation(io.BytesIO(data)).slides]


def kata(teks: str, w: str) -> bool:
    return re.search(rf"\b{re.escape(w)}\b", teks) is not None


def tidak_kosong(img: Image.Image) -> bool:
    a = np.asarray(img.convert("L"), dtype=float)
    return a.std() > 10 and (a < 200).mean() > 0.02


def dek(store, tanggal: dt.date, kecamatan: str | None = None) -> paparan.Paparan:
    """The slide deck of the region (or one kecamatan) straight from the store, as the CLI makes it."""
    return paparan.susun(*paparan.dari_store(store, tanggal, kecamatan))


def ada_warna(img: Image.Image, hex_: str, toleransi: int = 8, minimal: int = 500) -> bool:
    a = np.asarray(img.convert("RGB"), dtype=int)
    target = np.array([int(hex_[i:i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(a - target).max(axis=2) <= toleransi).sum()) >= minimal


# ------------------------------------------------------------------ the slide model

def test_model_figures_match_the_fixture(contoh_store):
    lap = dek(contoh_store, TGL)
    assert [s.judul for s in lap.slides] == JUDUL
    assert (lap.wilayah, lap.lingkup, lap.kode) == ("Kota Contoh", "Kota Contoh", "99.01")
    assert lap.data_per == "Data per 25 November 2024 pukul 23.59 WITA"
    assert lap.hitung_mundur == "H-2" and lap.hari_pemungutan == "Rabu, 27 November 2024"
    assert lap.sumber == "Siaga Pilkada"                                # simulasi = false in the fixture
    ringkasan = lap.slide("ringkasan")
    assert [(a.label, a.nilai) for a in ringkasan.angka] == [
        ("Hitung mundur", "H-2"), ("Partisipasi pemilih tinggi", "65,0%"), ("Tanpa konflik", "1 insiden serius"),
        ("Pelayanan publik tanpa gangguan", "0 gangguan")]
    assert ringkasan.tabel.baris[0] == ("Masa tenang", "hari ke-2, sampai 26 November 2024")
    assert ringkasan.grafik is not None and "69 dari 100" in ringkasan.catatan
    k = lap.slide("kesiapan")
    assert [(a.label, a.nilai) for a in k.angka] == [("Skor kesiapan", "69"), ("Rawan", "0 kecamatan"),
                                                     ("Perlu perhatian", "2 kecamatan"), ("Siap", "0 kecamatan")]
    assert [b[1:4] for b in k.tabel.baris] == [("Alpha", "67", "Perlu perhatian"), ("Beta", "73", "Perlu perhatian")]
    assert k.tabel.warna[0][k.tabel.kolom.index("Level")] == level.warna("perlu_perhatian")
    assert sorted(k.peta.wilayah["kode"]) == ["99.01.01", "99.01.02"]
    assert set(k.peta.wilayah["warna"]) == {level.warna("perlu_perhatian")}
    assert k.peta.geojson()["type"] == "FeatureCollection"             # the live screen's map data
    insiden = lap.slide("insiden")
    assert [(a.label, a.nilai) for a in insiden.angka][:2] == [("Dilaporkan (24 jam terakhir)", "1"),
                                                               ("Masih terbuka", "2")]
    assert [b[1] for b in insiden.tabel.baris] == ["I1"]                # overdue since 24 Nov
    perhatian = lap.slide("perhatian")
    assert perhatian.tabel.baris[0][0].startswith("Konflik atau gangguan keamanan (tinggi)")


def test_model_scoped_to_a_kecamatan_leaves_the_others_out(contoh_store):
    lap = dek(contoh_store, TGL, "99.01.02")
    assert (lap.lingkup, lap.kode) == ("Kecamatan Beta", "99.01.02")
    assert list(lap.slide("kesiapan").peta.wilayah["kode"]) == ["99.01.02.1001"]     # its kelurahan
    semua = []
    for s in lap.slides:
        semua += [s.judul, s.catatan, s.kosong, s.judul_tabel] + [x for a in s.angka for x in vars(a).values()]
        if s.tabel:
            semua += [c for b in s.tabel.baris for c in b]
    teks = "\n".join(semua)
    assert "Beta" in teks and "Tiga" in teks
    assert not [w for w in LAIN_DARI_BETA if kata(teks, w)]


def test_unknown_kecamatan_is_refused_in_indonesian(contoh_store):
    with pytest.raises(laporan.KecamatanTidakDikenal, match="tidak ada di daftar wilayah Kota Contoh"):
        dek(contoh_store, TGL, "99.01.99")


def test_slide_table_short_form():
    t = Tabel(("#", "Nama", "Skor"), tuple((str(i), f"N{i}", "1") for i in range(14)), ringkas=("Nama",),
                  satuan="kecamatan")
    s = t.untuk_slide(maks=10)
    assert s.kolom == ("Nama",) and len(s.baris) == 10 and s.catatan() == "10 teratas dari 14 kecamatan."
    assert t.catatan() == "" and t.catatan(3) == "3 teratas dari 14 kecamatan."


def test_missing_chromium_says_how_to_install_it(monkeypatch):
    monkeypatch.setenv("SIAGA_CHROMIUM", "/tidak/ada/chromium")
    with pytest.raises(laporan.LaporanError, match=re.escape(visual.PESAN_CHROMIUM)):
        visual.chromium()
    assert visual.PESAN_CHROMIUM == "Laporan gambar membutuhkan chromium (apt-get install chromium)"


def test_debian_chromium_is_used():
    assert visual.chromium() == (os.environ.get("SIAGA_CHROMIUM") or "/usr/bin/chromium")


# ------------------------------------------------------------------ PDF

def test_pdf_pages_and_texts(berkas):
    halaman = teks_pdf(berkas["pdf"])
    assert len(halaman) == 7
    for i, t in enumerate(halaman, 1):
        assert f"Halaman {i} dari 7" in t
        assert "Data per 25 November 2024 pukul 23.59 WITA" in t and "Siaga Pilkada" in t
    assert "Kota Contoh" in halaman[0] and "H-2" in halaman[0] and "65,0%" in halaman[0]
    assert "Peta kesiapan per kecamatan" in halaman[1]
    assert all(kata(halaman[2], w) for w in ("Alpha", "Beta")) and "Penyebab utama" in halaman[2]
    assert [t.split("\n")[0].removeprefix("H-2") for t in halaman[3:]] == JUDUL[2:]


def test_pdf_pages_are_drawn_and_the_map_has_the_level_colours(berkas):
    doc = pypdfium2.PdfDocument(berkas["pdf"])
    gambar = [doc[i].render(scale=1.5).to_pil() for i in range(len(doc))]
    assert all(tidak_kosong(g) for g in gambar)
    assert ada_warna(gambar[1], level.warna("perlu_perhatian"), minimal=5000)      # both kecamatan
    assert not ada_warna(gambar[1], level.warna("rawan"), minimal=5000)


def test_pdf_of_one_kecamatan_has_no_other_kecamatan(berkas):
    teks = "\n".join(teks_pdf(berkas["pdf_beta"]))
    assert "Kecamatan Beta" in teks and kata(teks, "Tiga")
    assert not [w for w in LAIN_DARI_BETA if kata(teks, w)]


# ------------------------------------------------------------------ PNG and PPTX

def test_png_zip_one_image_per_slide(berkas):
    z = zipfile.ZipFile(io.BytesIO(berkas["png"]))
    assert z.namelist() == ["01-ringkasan.png", "02-kesiapan.png", "03-logistik.png", "04-insiden.png",
                            "05-netralitas.png", "06-perhatian.png"]
    for nama in z.namelist():
        img = Image.open(io.BytesIO(z.read(nama)))
        assert img.size == (1600, 900), nama
        assert tidak_kosong(img), nama
    assert ada_warna(Image.open(io.BytesIO(z.read("02-kesiapan.png"))), level.warna("perlu_perhatian"))


def test_pptx_slides_and_titles(berkas):
    prs = Presentation(io.BytesIO(berkas["pptx"]))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)          # 16:9
    teks = teks_pptx(berkas["pptx"])
    assert [s.shapes.title.text for s in prs.slides] == JUDUL
    assert all("Data per 25 November 2024" in t for t in teks)
    assert all(any(sh.shape_type == 13 for sh in s.shapes) for s in prs.slides)   # the panel picture


def test_no_personal_data_in_any_report(berkas):
    teks = "\n".join(teks_pdf(berkas["pdf"]) + teks_pdf(berkas["pdf_beta"]) + teks_pptx(berkas["pptx"]))
    assert "N2" in teks                                                  # the case itself is reported
    assert not [p for p in PRIBADI if p in teks]
    for data in berkas.values():
        assert b"SENTINEL" not in data


# ------------------------------------------------------------------ CLI

def siaga(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, SIAGA_DATA=str(FIXTURE / "data"), SIAGA_GEO=str(FIXTURE / "geo"),
               PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "siaga", "laporan", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_cli_default_name_is_the_latest_day(tmp_path):
    r = siaga("--format", "png", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    keluar = tmp_path / "laporan-99.01-2024-11-26.zip"
    assert keluar.is_file() and str(keluar.name) in r.stdout
    assert "Menggambar grafik" in r.stderr and "100% Laporan selesai" in r.stderr
    assert len(zipfile.ZipFile(keluar).namelist()) == 6


def test_cli_kecamatan_and_out(tmp_path):
    keluar = tmp_path / "sub" / "beta.pdf"
    r = siaga("--tanggal", "2024-11-25", "--kecamatan", "99.01.02", "--format", "pdf", "--out", str(keluar))
    assert r.returncode == 0, r.stderr
    teks = "\n".join(teks_pdf(keluar.read_bytes()))
    assert "Kecamatan Beta" in teks and not kata(teks, "Alpha")
    assert oct(keluar.stat().st_mode & 0o777) == "0o644"


@pytest.mark.parametrize("args, pesan", [
    (["--kecamatan", "99.01.99"], "Kecamatan dengan kode '99.01.99' tidak ada di daftar wilayah Kota Contoh"),
    (["--tanggal", "kemarin"], "tanggal 'kemarin' tidak sah"),
    (["--format", "docx"], "invalid choice"),
])
def test_cli_refuses_bad_arguments_with_exit_code_2(tmp_path, args, pesan):
    r = siaga(*args, cwd=tmp_path)
    assert r.returncode == 2 and pesan in r.stderr
    assert not list(tmp_path.iterdir())
