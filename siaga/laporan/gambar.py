"""One PNG per slide, 1600×900 (16:9, what WhatsApp shows without cropping), zipped.

Drawn with Pillow in the DejaVu font shipped with matplotlib, text large enough to read on a
phone: title 46 px, key figures 54 px, tables 21 px. The visual (map or chart) comes from
:mod:`siaga.laporan.visual`; the table is drawn here (:func:`gambar_tabel`), and the same
panel (visual beside table) is the picture of each PPTX slide (:func:`panel_png`).
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Callable, Sequence

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
    """Words into lines no wider than ``lebar``; at most ``maks`` lines (the last one cut with …)."""
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
        while baris[-1] and font.getlength(baris[-1] + " …") > lebar:
            baris[-1] = baris[-1][:-1]
        baris[-1] = baris[-1].rstrip() + " …"
    return baris


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

def gambar_angka(d: ImageDraw.ImageDraw, kotak: Kotak, angka: Sequence[Angka]) -> None:
    """Key figures as cards side by side: label, the figure in large type, a note."""
    if not angka:
        return
    x0, y0, x1, y1 = kotak
    w = (x1 - x0 - SELA * (len(angka) - 1)) / len(angka)
    dalam = w - 40
    label = min((_muat(a.label, dalam, 22, terkecil=17) for a in angka), key=lambda f: f.size)   # one size for all
    for i, a in enumerate(angka):
        x = x0 + i * (w + SELA)
        d.rounded_rectangle((x, y0, x + w, y1), radius=14, fill=LATAR_KARTU)
        y = teks(d, x + 20, y0 + 14, a.label, label, WARNA_ABU, dalam, maks=1)
        y = teks(d, x + 20, y + 2, a.nilai, _muat(a.nilai, dalam, 54), TEKS, spasi=1.15)
        teks(d, x + 20, y + 4, a.keterangan, huruf(17), WARNA_ABU, dalam, maks=max(1, (y1 - y - 10) // 21), spasi=1.2)


def lebar_alami(tabel: Tabel, ukuran: int = UKURAN_TABEL, pad: int = PAD) -> list[float]:
    """Each column's width with no wrapping (header and cells), with a pixel to spare."""
    font, tebal = huruf(ukuran), huruf(ukuran, True)
    return [max([tebal.getlength(k)] + [font.getlength(b[i]) for b in tabel.baris]) + 2 * pad + 2
            for i, k in enumerate(tabel.kolom)]


def bagi_lebar(alami: Sequence[float], lebar: float) -> list[float]:
    """Column widths filling ``lebar``: the natural ones stretched when they fit; else the short
    columns keep theirs and the long ones share the rest in proportion (their text wraps)."""
    if sum(alami) <= lebar:
        return [w * lebar / sum(alami) for w in alami]
    pendek = [w <= 0.75 * lebar / len(alami) for w in alami]
    sisa = lebar - sum(w for w, p in zip(alami, pendek) if p)
    panjang = sum(w for w, p in zip(alami, pendek) if not p)
    return [w if p else w * sisa / panjang for w, p in zip(alami, pendek)]


def gambar_tabel(d: ImageDraw.ImageDraw, kotak: Kotak, tabel: Tabel, judul: str = "",
                 ukuran: int = UKURAN_TABEL) -> None:
    """A table in ``kotak``: bold header, cells wrapped to three lines, level colours behind the
    cells that have one; rows that do not fit are left out and counted in a note."""
    x0, y0, x1, y1 = kotak
    if judul:
        y0 = teks(d, x0, y0, judul, huruf(ukuran + 1, True), TEKS, x1 - x0, maks=2) + 6
    font, tebal, pad = huruf(ukuran), huruf(ukuran, True), PAD
    garis = round(ukuran * 1.25)
    lebar = bagi_lebar(lebar_alami(tabel, ukuran, pad), x1 - x0)
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
        teks(d, x0, y + 6, catatan, huruf(ukuran - 3), WARNA_ABU, x1 - x0, maks=1)


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


def slides_png(lap: Paparan, kabar: Kabar = diam) -> list[tuple[str, bytes]]:
    """(file name, PNG) of every slide, in order."""
    vis = gambar_semua(lap.slides, ukuran_visual, sebagian(kabar, 0.0, 0.7))
    out = []
    for i, s in enumerate(lap.slides, 1):
        kabar(0.7 + 0.3 * (i - 1) / len(lap.slides), f"Menyusun gambar PNG {i} dari {len(lap.slides)}")
        out.append((nama_slide(i, s), slide_png(lap, s, i, vis.get(s.kode))))
    return out


def tulis_zip(berkas: Sequence[tuple[str, bytes]], waktu: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of the files with a fixed timestamp (same input, same bytes); PNG is stored as is."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for nama, data in berkas:
            z.writestr(zipfile.ZipInfo(nama, date_time=waktu), data)
    return buf.getvalue()


def tulis(lap: Paparan, kabar: Kabar = diam) -> bytes:
    """The zip of the slide PNGs (``01-ringkasan.png`` …), timestamped with the as-of moment."""
    berkas = slides_png(lap, kabar)
    return tulis_zip(berkas, lap.saat.timetuple()[:6])
