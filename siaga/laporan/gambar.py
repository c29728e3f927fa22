"""The WhatsApp pictures: one PNG per slide, 1600×900 (16:9, what WhatsApp shows without cropping),
and a tall poster of the key slide, 1080×2160 (9:18, a phone screen). The app offers each on its
own; the command line zips them.

Drawn with Pillow in the DejaVu font shipped with matplotlib, text large enough to read on a
phone: title 46 px, key figures 54 px, tables 21 px. The visual (map or chart) comes from
:mod:`siaga.laporan.visual`; the table is drawn here (:func:`gambar_tabel`), and the same
panel (visual beside table) is the picture of each PPTX slide (:func:`panel_png`).
"""

from __future__ import annotations

import functools
import io
import math
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from PIL import Image, ImageDraw, ImageFont

from siaga.laporan import visual
from siaga.model.komponen import Angka, Tabel
from siaga.model.paparan import Kabar, Paparan, Slide, diam, sebagian

LEBAR, TINGGI = 1600, 900
TEPI_PNG = 48
SELA = 28
WARNA_UTAMA = "#1f3a5f"             # title band and countdown badge
TEKS, WARNA_ABU, GARIS, LATAR_KARTU = "#1a1a1a", "#555555", "#d5d9e0", "#f2f4f8"
KEPALA_TABEL = "#e6eaf0"
# Panel of the slide: the visual on the left, the table on the right.
PANEL = (TEPI_PNG, 346, LEBAR - TEPI_PNG, 800)
BAGIAN_TABEL = (0.30, 0.45)         # the table takes its natural width within these shares of the panel
SKALA_PNG = 1.25                        # image pixels per CSS pixel of a chart or map on a slide
UKURAN_TABEL, PAD = 21, 10
TABEL_TERKECIL_PNG = 16                # px: a table is set smaller, down to this, rather than cut a word
# The poster: the key slide as one tall picture a phone shows whole (9:18, 1:2), type 1,6 times the slide's.
POSTER = (1080, 2160)
SLIDE_POSTER = "situasi"
NAMA_POSTER = "poster"
JUDUL_POSTER = "Laporan Desk Pilkada"    # the poster of the summary says what it is
SKALA_POSTER = 1.6
TEPI_POSTER, SELA_POSTER = 48, 28
KARTU_POSTER = 330                      # px: the height of a row of two cards
CATATAN_POSTER = 110                    # px: three lines of the note
UKURAN_TABEL_POSTER = 30
Kotak = tuple[float, float, float, float]     # x0, y0, x1, y1


@functools.lru_cache(maxsize=64)
def huruf(ukuran: int, tebal: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(visual.FONT_TEBAL if tebal else visual.FONT), ukuran)


def warna_teks(latar: str) -> str:
    """Dark or white text, whichever reads on ``latar`` (relative luminance)."""
    r, g, b = (int(latar.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return TEKS if 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] > 0.3 else "#ffffff"


def bungkus(teks: str, font: ImageFont.FreeTypeFont, lebar: float, maks: int | None = None) -> list[str]:
    """Words into lines no wider than ``lebar``, broken at spaces only (a word is never cut); at most
    ``maks`` lines, the last one ending in … after the last whole word that fits."""
    baris: list[str] = []
    for paragraf in teks.split("\n"):
        kini = ""
        for kata in paragraf.split():
            coba = f"{kini} {kata}".strip()
            if kini and font.getlength(coba) > lebar:
                baris.append(kini)
                kini = kata
            else:
                kini = coba
        baris.append(kini)
    if maks is not None and len(baris) > maks:
        baris = baris[:maks]
        baris[-1] = potong(baris[-1], lambda b: font.getlength(b) <= lebar)
    return baris


def potong(baris: str, muat: Callable[[str], bool]) -> str:
    """``baris`` shortened by whole words until it fits with " …" after it (``muat`` says whether a
    line fits)."""
    while baris and not muat(baris + " …"):
        baris = baris.rsplit(" ", 1)[0] if " " in baris else ""
    return (baris.rstrip() + " …").strip()


def teks(d: ImageDraw.ImageDraw, x: float, y: float, isi: str, font: ImageFont.FreeTypeFont, warna: str = TEKS,
          lebar: float | None = None, maks: int | None = None, spasi: float = 1.25, rata: str = "kiri") -> int:
    """Wrapped text from (x, y); returns the y below it."""
    tinggi = round(font.size * spasi)
    for b in bungkus(isi, font, lebar, maks) if lebar else [isi]:
        bx = x + (lebar - font.getlength(b) if rata == "kanan" else 0) if lebar else x
        d.text((bx, y), b, font=font, fill=warna)
        y += tinggi
    return round(y)


def _muat(teks: str, lebar: float, ukuran: int, tebal: bool = True, terkecil: int = 28) -> ImageFont.FreeTypeFont:
    """The largest font up to ``ukuran`` in which ``teks`` fits ``lebar`` on one line."""
    while ukuran > terkecil and huruf(ukuran, tebal).getlength(teks) > lebar:
        ukuran -= 2
    return huruf(ukuran, tebal)


# ------------------------------------------------------------------ parts of a slide

def gambar_angka(d: ImageDraw.ImageDraw, kotak: Kotak, angka: Sequence[Angka], skala: float = 1.0) -> None:
    """Key figures as cards side by side: label, the figure in large type, a note (sizes times
    ``skala``: 1 on a 1600×900 slide, larger on the poster)."""
    if not angka:
        return
    x0, y0, x1, y1 = kotak
    sela, tepi = round(SELA * skala), round(20 * skala)
    w = (x1 - x0 - sela * (len(angka) - 1)) / len(angka)
    dalam = w - 2 * tepi
    label = min((_muat(a.label, dalam, round(22 * skala), terkecil=round(17 * skala)) for a in angka),
                key=lambda f: f.size)                                                      # one size for all
    baris_label = 2 if any(label.getlength(a.label) > dalam for a in angka) else 1     # wrapped, never cut
    for i, a in enumerate(angka):
        x = x0 + i * (w + sela)
        d.rounded_rectangle((x, y0, x + w, y1), radius=round(14 * skala), fill=LATAR_KARTU)
        y = teks(d, x + tepi, y0 + round(14 * skala), a.label, label, WARNA_ABU, dalam, maks=baris_label)
        nilai = _muat(a.nilai, dalam, round(54 * skala), terkecil=round(28 * skala))
        y = teks(d, x + tepi, y + 2, a.nilai, nilai, TEKS, dalam, maks=2, spasi=1.15)   # wraps rather than overflows
        catatan = _muat_baris(a.keterangan, dalam, y1 - y - 10 * skala, round(17 * skala), round(13 * skala))
        teks(d, x + tepi, y + 4, a.keterangan, catatan, WARNA_ABU, dalam,
             maks=max(1, round(y1 - y - 10 * skala) // round(catatan.size * 1.2)), spasi=1.2)


def _muat_baris(isi: str, lebar: float, tinggi: float, ukuran: int, terkecil: int,
                spasi: float = 1.2) -> ImageFont.FreeTypeFont:
    """The largest regular font down to ``terkecil`` in which ``isi``, wrapped at ``lebar``, fits
    ``tinggi`` (at the smallest, the text is shortened after its last whole word that fits)."""
    while ukuran > terkecil and len(bungkus(isi, huruf(ukuran), lebar)) * round(ukuran * spasi) > tinggi:
        ukuran -= 1
    return huruf(ukuran)


def lebar_alami(tabel: Tabel, ukuran: int = UKURAN_TABEL, pad: int = PAD) -> list[float]:
    """Each column's width with no wrapping (header and cells), with a pixel to spare."""
    font, tebal = huruf(ukuran), huruf(ukuran, True)
    return [max([tebal.getlength(k)] + [font.getlength(b[i]) for b in tabel.baris]) + 2 * pad + 2
            for i, k in enumerate(tabel.kolom)]


def lebar_kata(tabel: Tabel, ukuran: int = UKURAN_TABEL, pad: int = PAD) -> list[float]:
    """Each column's narrowest width: its longest word (header bold, cells regular), padded; a column
    this wide wraps its text at spaces and never has to cut a word."""
    font, tebal = huruf(ukuran), huruf(ukuran, True)
    return [max([tebal.getlength(w) for w in k.split()] + [font.getlength(w) for b in tabel.baris for w in b[i].split()]
                + [0.0]) + 2 * pad + 2 for i, k in enumerate(tabel.kolom)]


def bagi_lebar(alami: Sequence[float], lebar: float, minimal: Sequence[float] | None = None) -> list[float]:
    """Column widths filling ``lebar``: the natural ones stretched when they fit; else the short
    columns keep theirs and the long ones share the rest in proportion (their text wraps), none
    narrower than its ``minimal`` width (its longest word: see :func:`lebar_kata`). When the short
    columns leave too little, every column shares. The widths add up to more than ``lebar`` only when
    the minimal widths alone do (the caller then sets the table in a smaller size)."""
    n = len(alami)
    minimal = list(minimal) if minimal is not None else [0.0] * n
    if sum(alami) <= lebar:
        return [w * lebar / sum(alami) for w in alami]

    def bagi(tetap: list[float | None]) -> list[float]:
        # water-filling: free columns share what is left in proportion to their natural width;
        # one that would fall below its minimum keeps the minimum and the others share again
        tetap = list(tetap)
        while True:
            bebas = [i for i, w in enumerate(tetap) if w is None]
            if not bebas:
                return tetap
            sisa = lebar - sum(w for w in tetap if w is not None)
            total = sum(alami[i] for i in bebas)
            kurang = [i for i in bebas if alami[i] * sisa / total < minimal[i]]
            if not kurang:
                return [w if w is not None else alami[i] * sisa / total for i, w in enumerate(tetap)]
            for i in kurang:
                tetap[i] = minimal[i]

    pendek = [w <= 0.75 * lebar / n for w in alami]
    out = bagi([w if p else None for w, p in zip(alami, pendek)])
    if sum(out) > lebar * 1.0001 and any(pendek):
        out = bagi([None] * n)
    return out


def gambar_tabel(d: ImageDraw.ImageDraw, kotak: Kotak, tabel: Tabel, judul: str = "",
                 ukuran: int = UKURAN_TABEL) -> int:
    """A table in ``kotak``: bold header, cells wrapped at spaces to three lines (each column at least
    as wide as its longest word, the table set smaller if it must), level colours behind the cells
    that have one; rows that do not fit are left out and counted in a note. Returns the y below it."""
    x0, y0, x1, y1 = kotak
    if judul:
        y0 = teks(d, x0, y0, judul, huruf(ukuran + 1, True), TEKS, x1 - x0, maks=2) + 6
    pad = PAD
    while ukuran > TABEL_TERKECIL_PNG and sum(lebar_kata(tabel, ukuran, pad)) > x1 - x0:
        ukuran -= 1                     # every word must fit its column: a smaller size before a cut word
    font, tebal = huruf(ukuran), huruf(ukuran, True)
    garis = round(ukuran * 1.25)
    lebar = bagi_lebar(lebar_alami(tabel, ukuran, pad), x1 - x0, lebar_kata(tabel, ukuran, pad))
    tampil = len(tabel.baris)
    bawah = y1 - (garis + 8)            # room for the note

    def baris(sel: Sequence[str], y: int, f: ImageFont.FreeTypeFont, latar: Sequence[str | None]) -> int | None:
        isi = [bungkus(t, f, w - 2 * pad, maks=3) for t, w in zip(sel, lebar)]
        tinggi = max(len(b) for b in isi) * garis + 2 * pad - 4
        if y + tinggi > bawah:
            return None
        x = x0
        for b, w, bg in zip(isi, lebar, latar):
            if bg:
                d.rectangle((x + 1, y + 1, x + w - 1, y + tinggi - 1), fill=bg)
            for j, t in enumerate(b):
                d.text((x + pad, y + pad - 2 + j * garis), t, font=f, fill=warna_teks(bg) if bg else TEKS)
            x += w
        d.line((x0, y + tinggi, x1, y + tinggi), fill=GARIS, width=1)
        return y + tinggi

    y = baris(tabel.kolom, y0, tebal, [KEPALA_TABEL] * len(tabel.kolom)) or y0
    for i, sel in enumerate(tabel.baris):
        y_baru = baris(sel, y, font, tabel.warna[i] if tabel.warna else [None] * len(sel))
        if y_baru is None:
            tampil = i
            break
        y = y_baru
    catatan = tabel.catatan(tampil)
    if catatan:
        y = teks(d, x0, y + 6, catatan, huruf(ukuran - 3), WARNA_ABU, x1 - x0, maks=1)
    return y


def tinggi_tabel(tabel: Tabel, lebar: int, judul: str = "", ukuran: int = UKURAN_TABEL) -> int:
    """The height of a box in which :func:`gambar_tabel` draws the whole table ``lebar`` pixels wide
    (with the room it keeps for a note)."""
    tinggi = POSTER[1]
    y = gambar_tabel(ImageDraw.Draw(Image.new("L", (lebar, tinggi))), (0, 0, lebar, tinggi), tabel, judul, ukuran)
    return y + round(ukuran * 1.25) + 8


def _tempel(img: Image.Image, png: bytes, kotak: Kotak) -> None:
    """An image scaled to fit ``kotak`` (never enlarged beyond it), centred."""
    x0, y0, x1, y1 = kotak
    gb = Image.open(io.BytesIO(png)).convert("RGB")
    skala = min((x1 - x0) / gb.width, (y1 - y0) / gb.height, 1.0)
    if skala < 1.0:
        gb = gb.resize((round(gb.width * skala), round(gb.height * skala)), Image.LANCZOS)
    img.paste(gb, (x0 + (x1 - x0 - gb.width) // 2, y0 + (y1 - y0 - gb.height) // 2))


def bagi_panel(slide: Slide, kotak: Kotak, lebar_tabel: Callable[[Tabel], float] | None = None,
               sela: float = SELA) -> tuple[Kotak | None, Kotak | None]:
    """The boxes of the visual and of the table within the panel (None when absent): the table
    as wide as it needs (``lebar_tabel``, within :data:`BAGIAN_TABEL` of the panel), the visual the
    rest. Units are the caller's (pixels here, millimetres in the PDF)."""
    x0, y0, x1, y1 = kotak
    ada_visual = slide.grafik is not None or slide.peta is not None
    if ada_visual and slide.tabel is not None:
        lo, hi = BAGIAN_TABEL
        alami = (lebar_tabel or (lambda t: sum(lebar_alami(t))))(slide.tabel.untuk_slide(maks=None))
        xm = x1 - min(max(alami, lo * (x1 - x0)), hi * (x1 - x0))
        return (x0, y0, xm - sela, y1), (xm, y0, x1, y1)
    return (kotak if ada_visual else None), (kotak if slide.tabel is not None else None)


def ukuran_visual(slide: Slide, kotak: Kotak = PANEL, skala: float = SKALA_PNG) -> visual.Ukuran | None:
    """The size a slide's visual is drawn at so that it fills its box in the panel."""
    kv, _ = bagi_panel(slide, kotak)
    if kv is None:
        return None
    return visual.Ukuran(round((kv[2] - kv[0]) / skala), round((kv[3] - kv[1]) / skala), skala)


def gambar_panel(img: Image.Image, slide: Slide, kotak: Kotak, gambar_visual: bytes | None) -> None:
    d = ImageDraw.Draw(img)
    kv, kt = bagi_panel(slide, kotak)
    if kv is not None and gambar_visual:
        _tempel(img, gambar_visual, tuple(round(v) for v in kv))
    if kt is not None:
        gambar_tabel(d, tuple(round(v) for v in kt), slide.tabel.untuk_slide(maks=None), slide.judul_tabel)
    if kv is None and kt is None and slide.kalimat:
        x0, y0, x1, y1 = kotak
        d.rounded_rectangle(kotak, radius=14, fill=LATAR_KARTU)
        y = y0 + 28
        for kal in slide.kalimat:
            y = teks(d, x0 + 40, y, kal, huruf(30), TEKS, x1 - x0 - 80, maks=3, spasi=1.25) + 22
    elif kv is None and kt is None:
        x0, y0, x1, y1 = kotak
        d.rounded_rectangle(kotak, radius=14, fill=LATAR_KARTU)
        teks(d, x0 + 40, (y0 + y1) // 2 - 20, slide.kosong or "Tidak ada yang perlu ditampilkan.", huruf(26), WARNA_ABU,
              x1 - x0 - 80, maks=3)


def panel_png(slide: Slide, lebar: int, tinggi: int, gambar_visual: bytes | None) -> bytes:
    """The panel alone (visual beside table) as PNG: the picture of a PPTX slide."""
    img = Image.new("RGB", (lebar, tinggi), "white")
    gambar_panel(img, slide, (0, 0, lebar, tinggi), gambar_visual)
    return simpan(img)


def simpan(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


# ------------------------------------------------------------------ the slide

def slide_png(lap: Paparan, slide: Slide, nomor: int, gambar_visual: bytes | None) -> bytes:
    img = Image.new("RGB", (LEBAR, TINGGI), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, LEBAR, 10), fill=WARNA_UTAMA)
    # countdown badge, top right
    hm = huruf(40, True)
    bw = hm.getlength(lap.hitung_mundur) + 48
    d.rounded_rectangle((LEBAR - TEPI_PNG - bw, 34, LEBAR - TEPI_PNG, 104), radius=14, fill=WARNA_UTAMA)
    d.text((LEBAR - TEPI_PNG - bw + 24, 44), lap.hitung_mundur, font=hm, fill="#ffffff")
    kanan = LEBAR - TEPI_PNG - bw - SELA
    teks(d, TEPI_PNG, 30, slide.judul, _muat(slide.judul, kanan - TEPI_PNG, 46), TEKS)
    teks(d, TEPI_PNG, 92, f"{lap.lingkup} · {lap.data_per}", huruf(24), WARNA_ABU, kanan - TEPI_PNG, maks=1)
    gambar_angka(d, (TEPI_PNG, 136, LEBAR - TEPI_PNG, 326), slide.angka)
    gambar_panel(img, slide, PANEL, gambar_visual)
    if slide.catatan:
        teks(d, TEPI_PNG, PANEL[3] + 8, slide.catatan, huruf(19), WARNA_ABU, LEBAR - 2 * TEPI_PNG, maks=2, spasi=1.2)
    d.line((TEPI_PNG, 858, LEBAR - TEPI_PNG, 858), fill=GARIS, width=1)
    f = huruf(18)
    d.text((TEPI_PNG, 866), f"{lap.sumber} · {lap.wilayah}", font=f, fill=WARNA_ABU)
    hal = f"{nomor}/{len(lap.slides)}"
    d.text((LEBAR - TEPI_PNG - f.getlength(hal), 866), hal, font=f, fill=WARNA_ABU)
    return simpan(img)


def gambar_semua(slides: Sequence[Slide], ukuran: Callable[[Slide], visual.Ukuran | None],
                 kabar: Kabar = diam) -> dict[str, bytes]:
    """PNG of each slide's visual (map or chart) at the size ``ukuran`` gives it: maps first,
    then every chart in one chromium session."""
    out: dict[str, bytes] = {}
    grafik = []
    for s in slides:
        u = ukuran(s)
        if u is None:
            continue
        if s.peta is not None:
            kabar(0.0, "Menggambar peta")
            out[s.kode] = visual.peta_png(s.peta, u)
        elif s.grafik is not None:
            grafik.append((s.kode, s.grafik, u))
    gambar = visual.grafik_png([(g, u) for _, g, u in grafik], sebagian(kabar, 0.1, 1.0))
    out.update({kode: png for (kode, _, _), png in zip(grafik, gambar)})
    return out


def nama_slide(nomor: int, slide: Slide) -> str:
    return f"{nomor:02d}-{slide.kode}.png"


# ------------------------------------------------------------------ the poster

def slide_kunci(lap: Paparan) -> Slide:
    """The slide the poster shows: :data:`SLIDE_POSTER` (the summary), else the first."""
    return next((s for s in lap.slides if s.kode == SLIDE_POSTER), lap.slides[0])


def tata_poster(slide: Slide) -> dict[str, Kotak]:
    """Where each part of the poster goes (pixels of the :data:`POSTER` canvas): the heading, a row
    of two cards per two key figures, the visual, the table, the note and the footer, top to bottom,
    each inside the margins. Parts the slide does not have get no box."""
    lebar, tinggi = POSTER
    x0, x1 = TEPI_POSTER, lebar - TEPI_POSTER
    kotak: dict[str, Kotak] = {"kepala": (x0, 24, x1, 196)}
    y = 216
    for i in range(math.ceil(len(slide.angka) / 2)):
        kotak[f"angka{i}"] = (x0, y, x1, y + KARTU_POSTER)
        y += KARTU_POSTER + SELA_POSTER
    kaki = tinggi - 84
    kotak["kaki"] = (x0, kaki, x1, tinggi - 24)
    catatan = CATATAN_POSTER
    if slide.catatan and slide.kalimat and slide.grafik is None and slide.peta is None and slide.tabel is None:
        # the summary's sentences leave room: the note (the indicators' definitions) as tall as it needs
        perlu = len(bungkus(slide.catatan, huruf(26), x1 - x0)) * round(26 * 1.2) + SELA_POSTER // 2 + 4
        catatan = max(catatan, min(perlu, 480))
    bawah = kaki - (catatan + SELA_POSTER if slide.catatan else SELA_POSTER)
    if slide.catatan:
        kotak["catatan"] = (x0, bawah + SELA_POSTER, x1, kaki - SELA_POSTER // 2)
    ada_visual = slide.grafik is not None or slide.peta is not None
    if ada_visual and slide.tabel is not None:        # the table as tall as it needs, the visual at least 45 %
        perlu = tinggi_tabel(slide.tabel.untuk_slide(maks=None), x1 - x0, slide.judul_tabel, UKURAN_TABEL_POSTER)
        tengah = max(bawah - SELA_POSTER - perlu, y + round((bawah - y) * 0.45))
        kotak["visual"] = (x0, y, x1, tengah)
        kotak["tabel"] = (x0, tengah + SELA_POSTER, x1, bawah)
    elif ada_visual:
        kotak["visual"] = (x0, y, x1, bawah)
    elif slide.tabel is not None:
        kotak["tabel"] = (x0, y, x1, bawah)
    elif slide.kalimat:                               # the situation summary: its sentences
        kotak["kalimat"] = (x0, y, x1, bawah)
    else:
        kotak["kosong"] = (x0, y, x1, min(bawah, y + 300))
    return kotak


def ukuran_poster(slide: Slide) -> visual.Ukuran | None:
    """The size the poster's visual is drawn at (text :data:`SKALA_POSTER` times its CSS size)."""
    kv = tata_poster(slide).get("visual")
    if kv is None:
        return None
    return visual.Ukuran(round((kv[2] - kv[0]) / SKALA_POSTER), round((kv[3] - kv[1]) / SKALA_POSTER), SKALA_POSTER)


def poster_png(lap: Paparan, slide: Slide, gambar_visual: bytes | None) -> bytes:
    """The key slide as one tall picture (:data:`POSTER`, 9:18) that a phone shows whole: type about
    1,6 times the slide's, the visual across the width, the table below it."""
    img = Image.new("RGB", POSTER, "white")
    d = ImageDraw.Draw(img)
    kotak = tata_poster(slide)
    d.rectangle((0, 0, POSTER[0], 10), fill=WARNA_UTAMA)
    x0, y0, x1, _ = kotak["kepala"]
    hm = huruf(56, True)
    bw = hm.getlength(lap.hitung_mundur) + 56
    d.rounded_rectangle((x1 - bw, y0 + 10, x1, y0 + 100), radius=18, fill=WARNA_UTAMA)
    d.text((x1 - bw + 28, y0 + 20), lap.hitung_mundur, font=hm, fill="#ffffff")
    kanan = x1 - bw - SELA_POSTER
    judul = JUDUL_POSTER if slide.kode == SLIDE_POSTER else slide.judul
    y = teks(d, x0, y0 + 4, judul, _muat(judul, kanan - x0, 60, terkecil=40), TEKS, kanan - x0, maks=2)
    teks(d, x0, max(y + 4, y0 + 112), f"{lap.lingkup} · {lap.data_per}", huruf(30), WARNA_ABU, x1 - x0, maks=2)
    for i in range(math.ceil(len(slide.angka) / 2)):
        gambar_angka(d, kotak[f"angka{i}"], slide.angka[2 * i:2 * i + 2], skala=SKALA_POSTER)
    if "visual" in kotak and gambar_visual:
        _tempel(img, gambar_visual, kotak["visual"])
    if "tabel" in kotak:
        gambar_tabel(d, kotak["tabel"], slide.tabel.untuk_slide(maks=None), slide.judul_tabel,
                     ukuran=UKURAN_TABEL_POSTER)
    if "kalimat" in kotak:
        kx0, ky0, kx1, _ = kotak["kalimat"]
        d.rounded_rectangle(kotak["kalimat"], radius=18, fill=LATAR_KARTU)
        y = ky0 + 40
        for kal in slide.kalimat:
            y = teks(d, kx0 + 40, y, kal, huruf(40), TEKS, kx1 - kx0 - 80, maks=5, spasi=1.25) + 30
    if "kosong" in kotak:
        kx0, ky0, kx1, _ = kotak["kosong"]
        d.rounded_rectangle(kotak["kosong"], radius=18, fill=LATAR_KARTU)
        teks(d, kx0 + 40, ky0 + 40, slide.kosong or "Tidak ada yang perlu ditampilkan.", huruf(34), WARNA_ABU,
             kx1 - kx0 - 80, maks=4)
    if "catatan" in kotak:
        cx0, cy0, cx1, cy1 = kotak["catatan"]
        f = _muat_baris(slide.catatan, cx1 - cx0, cy1 - cy0, 26, 20)
        teks(d, cx0, cy0, slide.catatan, f, WARNA_ABU, cx1 - cx0, maks=max(1, (cy1 - cy0) // round(f.size * 1.2)),
             spasi=1.2)
    fx0, fy0, fx1, _ = kotak["kaki"]
    d.line((fx0, fy0, fx1, fy0), fill=GARIS, width=2)
    f = huruf(26)
    teks(d, fx0, fy0 + 12, f"{lap.sumber} · {lap.wilayah}", f, WARNA_ABU, fx1 - fx0, maks=1)
    return simpan(img)


# ------------------------------------------------------------------ every picture

@dataclass(frozen=True)
class Gambar:
    """One WhatsApp picture of the report: its file name, what it shows (for a download button) and
    the PNG."""
    nama: str
    judul: str
    png: bytes = field(repr=False)


def semua_gambar(lap: Paparan, kabar: Kabar = diam) -> list[Gambar]:
    """Every picture of the report, each to be sent on its own: one per slide (1600×900), then the
    poster of the key slide (1080×2160). Visuals are drawn in one pass (one chromium session)."""
    kunci = slide_kunci(lap)
    poster = replace(kunci, kode=NAMA_POSTER)          # its visual is drawn at the poster's size
    vis = gambar_semua([*lap.slides, poster], lambda s: ukuran_poster(s) if s is poster else ukuran_visual(s),
                       sebagian(kabar, 0.0, 0.7))
    out = []
    for i, s in enumerate(lap.slides, 1):
        kabar(0.7 + 0.3 * (i - 1) / (len(lap.slides) + 1), f"Menyusun gambar PNG {i} dari {len(lap.slides) + 1}")
        out.append(Gambar(nama_slide(i, s), f"{i} · {s.judul}", slide_png(lap, s, i, vis.get(s.kode))))
    kabar(0.97, "Menyusun poster")
    out.append(Gambar(f"{NAMA_POSTER}.png", f"Poster {kunci.judul.lower()} (tegak)", poster_png(lap, kunci,
                                                                                             vis.get(NAMA_POSTER))))
    return out


def tulis_zip(berkas: Sequence[tuple[str, bytes]], waktu: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of the files with a fixed timestamp (same input, same bytes); PNG is stored as is."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for nama, data in berkas:
            z.writestr(zipfile.ZipInfo(nama, date_time=waktu), data)
    return buf.getvalue()


def tulis(lap: Paparan, kabar: Kabar = diam) -> bytes:
    """The zip of the pictures (``01-situasi.png`` … ``07-netralitas.png``, ``poster.png``), for
    the command line; timestamped with the as-of moment."""
    berkas = [(g.nama, g.png) for g in semua_gambar(lap, kabar)]
    return tulis_zip(berkas, lap.saat.timetuple()[:6])
