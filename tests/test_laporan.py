"""The daily report (issue 4, snapshot): the slide model on the Kota Contoh fixture (figures from
its README), the PDF, PNG and PPTX renderings (Debian's chromium draws the charts: nothing is
skipped without it), the CLI, and that no personal data reaches any of them."""

from __future__ import annotations

import datetime as dt
import io
import itertools
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
JUDUL = ["Situasi hari ini", "Perlu tindakan hari ini", "Kesiapan per kecamatan",
         "Perubahan sejak kemarin (24 November 2024)", "Logistik", "Insiden 24 jam terakhir", "Netralitas ASN"]
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
    situasi = lap.slide("situasi")
    assert [(a.label, a.nilai) for a in situasi.angka] == [
        ("Hitung mundur", "H-2"), ("Kesiapan partisipasi", "65,0%"), ("Tanpa konflik", "1 insiden terbuka"),
        ("Pelayanan publik tanpa gangguan", "0 gangguan")]
    assert situasi.kalimat[0].startswith("Kota Contoh, H-2: skor kesiapan 69")
    k = lap.slide("kesiapan")
    assert [(a.label, a.nilai) for a in k.angka] == [("Skor kesiapan", "69"), ("Rawan", "0 kecamatan"),
                                                     ("Perlu perhatian", "0 kecamatan"), ("Siap", "2 kecamatan")]
    assert [b[1:5] for b in k.tabel.baris] == [("Alpha", "67", "Siap", "sesuai jadwal"),
                                               ("Beta", "73", "Siap", "sesuai jadwal")]
    assert k.tabel.warna[0][k.tabel.kolom.index("Level")] == level.warna("siap")
    assert sorted(k.peta.wilayah["kode"]) == ["99.01.01", "99.01.02"]
    assert set(k.peta.wilayah["warna"]) == {level.warna("siap")}
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
    assert len(halaman) == 8                            # seven slides, the readiness table on a page of its own
    for i, t in enumerate(halaman, 1):
        assert f"Halaman {i} dari 8" in t
        assert "Data per 25 November 2024 pukul 23.59 WITA" in t and "Siaga Pilkada" in t
    assert "Kota Contoh" in halaman[0] and "H-2" in halaman[0] and "65,0%" in halaman[0]
    assert "Peta kesiapan per kecamatan" in halaman[2]
    assert all(kata(halaman[3], w) for w in ("Alpha", "Beta")) and "Penyebab utama" in halaman[3]
    assert [t.split("\n")[0].removeprefix("H-2") for t in halaman[4:]] == JUDUL[3:]


def test_pdf_pages_are_drawn_and_the_map_has_the_level_colours(berkas):
    doc = pypdfium2.PdfDocument(berkas["pdf"])
    gambar = [doc[i].render(scale=1.5).to_pil() for i in range(len(doc))]
    assert all(tidak_kosong(g) for g in gambar)
    assert ada_warna(gambar[2], level.warna("siap"), minimal=5000)                 # both kecamatan
    assert not ada_warna(gambar[2], level.warna("rawan"), minimal=5000)


def test_pdf_of_one_kecamatan_has_no_other_kecamatan(berkas):
    teks = "\n".join(teks_pdf(berkas["pdf_beta"]))
    assert "Kecamatan Beta" in teks and kata(teks, "Tiga")
    assert not [w for w in LAIN_DARI_BETA if kata(teks, w)]


# ------------------------------------------------------------------ PNG and PPTX

def test_png_zip_one_image_per_slide_and_the_poster(berkas):
    z = zipfile.ZipFile(io.BytesIO(berkas["png"]))
    assert z.namelist() == ["01-situasi.png", "02-perhatian.png", "03-kesiapan.png", "04-perubahan.png",
                            "05-logistik.png", "06-insiden.png", "07-netralitas.png", "poster.png"]
    for nama in z.namelist():
        img = Image.open(io.BytesIO(z.read(nama)))
        assert img.size == ((1080, 2160) if nama == "poster.png" else (1600, 900)), nama
        assert tidak_kosong(img), nama
    assert ada_warna(Image.open(io.BytesIO(z.read("03-kesiapan.png"))), level.warna("siap"))


def test_each_picture_on_its_own_is_what_the_zip_holds(contoh_store, berkas):
    """The app offers every picture as its own PNG (laporan.buat_gambar); they are the zip's files."""
    satu = laporan.buat_gambar(contoh_store, TGL, None)
    z = zipfile.ZipFile(io.BytesIO(berkas["png"]))
    assert [g.nama for g in satu] == z.namelist()
    assert [g.judul for g in satu] == [f"{i} · {j}" for i, j in enumerate(JUDUL, 1)] + [
        "Poster situasi hari ini (tegak)"]
    for g in satu:
        assert g.png[:8] == b"\x89PNG\r\n\x1a\n"
        assert Image.open(io.BytesIO(g.png)).size == Image.open(io.BytesIO(z.read(g.nama))).size
    assert laporan.nama_gambar("99.01", TGL, "poster.png") == "laporan-99.01-2024-11-25-poster.png"


def _pinggir_putih(img: Image.Image, tepi: int) -> bool:
    """Nothing drawn within ``tepi`` pixels of the left, right and bottom edges (below the title band)."""
    a = np.asarray(img.convert("L"))[12:]
    return bool((a[:, :tepi] == 255).all() and (a[:, -tepi:] == 255).all() and (a[-tepi:, :] == 255).all())


def test_poster_is_a_tall_picture_of_the_key_slide_and_nothing_is_cut(contoh_store, berkas):
    from siaga.laporan import gambar

    poster = Image.open(io.BytesIO(zipfile.ZipFile(io.BytesIO(berkas["png"])).read("poster.png"))).convert("RGB")
    assert poster.size == gambar.POSTER == (1080, 2160)                  # 9:18, a phone screen
    assert _pinggir_putih(poster, 24)                                     # no part runs off the picture
    lap = dek(contoh_store, TGL)
    kunci = gambar.slide_kunci(lap)
    assert kunci.kode == "situasi" and len(kunci.kalimat) == 3       # the summary that opens the briefing
    kotak = gambar.tata_poster(kunci)
    assert list(kotak) == ["kepala", "angka0", "angka1", "kaki", "catatan", "kalimat"]
    urut = sorted(kotak.values(), key=lambda k: k[1])
    for (_, _, _, bawah), (_, atas, _, _) in itertools.pairwise(urut):
        assert bawah <= atas                                              # stacked, never overlapping
    assert all(24 <= x0 < x1 <= 1080 - 24 and 0 <= y0 < y1 <= 2160 - 24 for x0, y0, x1, y1 in kotak.values())
    x0, y0, x1, y1 = kotak["kalimat"]                                     # every sentence shown whole
    baris = [gambar.bungkus(k, gambar.huruf(40), x1 - x0 - 80) for k in kunci.kalimat]
    assert all(len(b) <= 5 for b in baris) and 40 + sum(len(b) * 50 + 30 for b in baris) <= y1 - y0
    x0, y0, x1, y1 = kotak["catatan"]                                     # and the definitions under them
    assert len(gambar.bungkus(kunci.catatan, gambar.huruf(26), x1 - x0)) * 31 <= y1 - y0
    a = np.asarray(poster.convert("L"))
    fx0, fy0, fx1, fy1 = kotak["kaki"]
    assert (a[fy0 + 10:fy1, fx0:fx1] < 128).sum() > 200                   # the footer (source) is drawn
    for i in (0, 1):                                                      # the four cards, two by two
        cx0, cy0, cx1, cy1 = kotak[f"angka{i}"]
        assert ada_warna(poster.crop((cx0, cy0, cx1, cy1)), gambar.LATAR_KARTU, minimal=20_000)
        tengah = (cx0 + cx1) // 2                                        # nothing runs into the gap between cards
        assert (a[cy0:cy1, tengah - 4:tengah + 4] == 255).all(), i


# ------------------------------------------------------------------ no word split, no name cut

PANJANG = "Kelurahan Jatibening Baru Pondokmelatiraya"        # long names, a word longer than a narrow column


def token(teks: str) -> set[str]:
    return set(teks.split())


def kata_terbelah(halaman: str, sel: list[str]) -> list[str]:
    """Words of ``sel`` split across lines on a page: missing whole, while a leading part and the
    rest of it both stand as words of their own."""
    t = token(halaman)
    return sorted({w for teks in sel for w in teks.split() if w not in t
                   and any(w.startswith(a) and w[len(a):] in t for a in t if 0 < len(a) < len(w))})


def sel_tabel(tabel: Tabel) -> list[str]:
    return [*tabel.kolom, *(c for b in tabel.baris for c in b)]


def halaman_slide(lap: paparan.Paparan) -> dict[str, int]:
    """The PDF page of each slide (the readiness map's page is followed by its full table)."""
    out, h = {}, 0
    for s in lap.slides:
        out[s.kode] = h
        h += 2 if s.peta is not None and s.tabel is not None else 1
    return out


def halaman_tabel(lap: paparan.Paparan) -> list[tuple[int, Tabel]]:
    """(page, table) of every table in the PDF (see siaga.laporan.pdf.tulis)."""
    out = []
    for s, h in zip(lap.slides, halaman_slide(lap).values()):
        if s.tabel is not None:
            out.append((h, s.tabel.untuk_slide(maks=None)))
            if s.peta is not None:
                out.append((h + 1, s.tabel))                              # every unit, a page of its own
    return out


KOLOM_NAMA = {"kesiapan": "Kecamatan", "insiden": "Tempat", "perhatian": "Di mana"}


def _dengan_nama_panjang(lap: paparan.Paparan) -> paparan.Paparan:
    """The deck with long place names in the tables that name places."""
    from dataclasses import replace

    slides = []
    for s in lap.slides:
        if s.kode in KOLOM_NAMA and s.tabel is not None:
            j = s.tabel.kolom.index(KOLOM_NAMA[s.kode])
            baris = tuple((*b[:j], PANJANG, *b[j + 1:]) for b in s.tabel.baris)
            s = replace(s, tabel=replace(s.tabel, baris=baris))
        slides.append(s)
    return replace(lap, slides=tuple(slides))


def berurutan(teks: str) -> str:
    return " ".join(teks.split())


@pytest.mark.parametrize("toko", ["contoh", "demo"])
def test_pdf_never_splits_a_word_or_cuts_a_name(toko, contoh_store, demo_store):
    """Every word of every table cell and header survives whole in the PDF's text (the issue found
    "Bantargeban|g" and "Netralita|s"); long names wrap at spaces; card labels are never cut."""
    from siaga.laporan import pdf

    store, tgl = (contoh_store, TGL) if toko == "contoh" else (demo_store, dt.date(2024, 11, 23))
    lap = dek(store, tgl)
    if toko == "contoh":
        lap = _dengan_nama_panjang(lap)
    halaman = teks_pdf(pdf.tulis(lap))
    assert len(halaman) == 8
    for h, tabel in halaman_tabel(lap):
        tampil = re.search(r"(\d+) teratas dari", halaman[h])             # a short table: the rows that fit
        sel = [*tabel.kolom, *(c for b in tabel.baris[:int(tampil[1]) if tampil else None] for c in b)]
        assert kata_terbelah(halaman[h], sel) == [], (h + 1, tabel.kolom)
        assert token(halaman[h]) >= set(" ".join([*tabel.kolom, *tabel.baris[0]]).split()), (h + 1, tabel.kolom)
    if toko == "contoh":
        h = halaman_slide(lap)["kesiapan"]                              # the map page, then the full table
        assert berurutan(PANJANG) in berurutan(halaman[h + 1]) and "…" not in "".join(halaman[h:h + 2])  # not cut
    for s, h in zip(lap.slides, halaman_slide(lap).values()):
        assert all(berurutan(a.label) in berurutan(halaman[h]) for a in s.angka), s.kode


def test_table_widths_keep_every_word_whole():
    from siaga.laporan import gambar

    alami = [40.0, 300.0, 60.0, 500.0]
    minimal = [40.0, 120.0, 60.0, 90.0]
    w = gambar.bagi_lebar(alami, 400.0, minimal)
    assert abs(sum(w) - 400.0) < 1e-6 and all(a >= m - 1e-9 for a, m in zip(w, minimal))
    assert w[0] == 40.0 and w[2] == 60.0                                  # short columns keep their width
    assert gambar.bagi_lebar([100.0, 100.0], 400.0, [10.0, 10.0]) == [200.0, 200.0]
    t = Tabel(("Kecamatan", "Netralitas"), (("Bantargebang", "85"),))
    assert gambar.lebar_kata(t) == [w + 2 * gambar.PAD + 2 for w in
                                    (gambar.huruf(gambar.UKURAN_TABEL).getlength("Bantargebang"),
                                     gambar.huruf(gambar.UKURAN_TABEL, True).getlength("Netralitas"))]
    f = gambar.huruf(20)
    assert gambar.bungkus("Kelurahan Jatibening Baru", f, f.getlength("Kelurahan Jati"), maks=1) == ["Kelurahan …"]


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
    assert len(zipfile.ZipFile(keluar).namelist()) == 8                  # seven slides and the poster


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


# ------------------------------------------------------------------ voting day (issue 13)

HARI_H = dt.date(2024, 11, 27)


@pytest.fixture(scope="module")
def berkas_hari_h(demo_store) -> tuple[paparan.Paparan, dict[str, bytes]]:
    """The demo's report on voting day (as of 13.51) in every format, as ``python -m siaga laporan
    --tanggal 2024-11-27`` makes it."""
    return dek(demo_store, HARI_H), {f: laporan.buat(demo_store, HARI_H, None, f) for f in laporan.FORMAT}


def _warna_kelas(lap: paparan.Paparan) -> set[str]:
    return set(lap.slide("hari_h").peta.wilayah["warna"])


def test_voting_day_report_pdf_has_the_map_page_then_every_kecamatan(berkas_hari_h):
    from siaga.model import pemungutan

    lap, b = berkas_hari_h
    s = lap.slide("hari_h")
    assert [x.kode for x in lap.slides][:2] == ["hari_h", "partisipasi"]
    kelas = {k: w for k, _, w in pemungutan.KELAS_BUKA}
    assert _warna_kelas(lap) == {kelas["kurang"], kelas["sedang"]}      # the demo at 13.51: 67–77% on time
    halaman = teks_pdf(b["pdf"])
    assert halaman[0].startswith("H") and pemungutan.JUDUL_PETA_STATIS in halaman[0]
    assert "TPS dibuka, partisipasi dan penghitungan per kecamatan" in halaman[0]
    assert "insiden dilaporkan dalam 6 jam terakhir" in berurutan(halaman[0])
    assert all(kata(halaman[1], n) for n in s.peta.wilayah["nama"])      # every kecamatan in full on the next page
    assert "Partisipasi pemilih per jam" in halaman[2]
    doc = pypdfium2.PdfDocument(b["pdf"])
    gambar = doc[0].render(scale=1.5).to_pil()
    for w in _warna_kelas(lap):
        assert ada_warna(gambar, w, minimal=3000), w                    # the kecamatan, filled
    assert ada_warna(gambar, "#CC3311", minimal=20)                     # a serious incident's point and its key
    assert not ada_warna(doc[3].render(scale=1.5).to_pil(), kelas["sedang"], minimal=3000)   # not on other pages


def test_voting_day_report_pictures_and_pptx_have_the_map(berkas_hari_h):
    lap, b = berkas_hari_h
    z = zipfile.ZipFile(io.BytesIO(b["png"]))
    assert z.namelist()[:2] == ["01-hari_h.png", "02-partisipasi.png"]
    png = Image.open(io.BytesIO(z.read("01-hari_h.png")))
    assert all(ada_warna(png, w, minimal=2000) for w in _warna_kelas(lap))
    assert not any(ada_warna(Image.open(io.BytesIO(z.read("02-partisipasi.png"))), w) for w in _warna_kelas(lap))
    prs = Presentation(io.BytesIO(b["pptx"]))
    pertama = prs.slides[0]
    assert pertama.shapes.title.text == "Hari pemungutan suara Rabu, 27 November 2024"
    [gb] = [sh for sh in pertama.shapes if sh.shape_type == 13]
    assert all(ada_warna(Image.open(io.BytesIO(gb.image.blob)), w, minimal=2000) for w in _warna_kelas(lap))


def test_voting_day_map_legend_in_indonesian_and_the_credit_under_it(berkas_hari_h):
    lap, _ = berkas_hari_h
    peta = lap.slide("hari_h").peta
    assert peta.catatan == "Sumber batas wilayah: cahyadsn/wilayah_boundaries (© 2024 Cahya DSN, lisensi MIT)."
    fig = visual.gambar_peta(peta, visual.Ukuran(900, 560, 1.0))
    legenda = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legenda == [lb for lb, _ in peta.legenda] + ["Insiden tinggi", "Insiden sedang", "Insiden rendah"]
    assert legenda[0] == "Ada TPS belum dibuka > 07.30"
    assert any(t.get_text().startswith("Sumber batas wilayah: cahyadsn") for t in fig.texts)
    renderer = fig.canvas.get_renderer()
    kotak = fig.legends[0].get_window_extent(renderer)
    assert 0 <= kotak.x0 and kotak.x1 <= 900 and 0 <= kotak.y0 and kotak.y1 <= 560     # the whole legend shows
    label = [t.get_text() for t in fig.axes[0].texts if t.get_visible()]
    assert any(t.endswith("% tepat") for t in label)
    assert len(fig.axes[0].collections) >= 2                            # the kecamatan, then the incident points
