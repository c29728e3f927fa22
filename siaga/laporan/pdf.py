"""The report as an A4 landscape PDF (fpdf2), text as real text (searchable, copyable).

Pages: one per slide, in the deck's order; a slide with a map (the readiness map; on voting day the
map of how the TPS opened) is followed by its table of every unit on a page of its own. Every page
ends with "Data per …", the source and "Halaman n dari N".
The font is DejaVu Sans as shipped with matplotlib, embedded (subset) in the file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from fpdf import FPDF
from fpdf.fonts import FontFace

from siaga.laporan import gambar, visual
from siaga.model.komponen import Angka, Tabel
from siaga.model.paparan import Kabar, Paparan, Slide, diam, sebagian

LEBAR, TINGGI, TEPI = 297.0, 210.0, 12.0
HURUF_PDF = "DejaVu"
PX_PER_MM = 96 / 25.4            # CSS pixels per millimetre
SKALA_PDF = 2.5                      # image pixels per CSS pixel (about 240 dpi in print)
PANEL_Y, PANEL_Y1 = 70.0, 186.0
UKURAN_TABEL = 8.5               # pt, tables beside a visual
UKURAN_TABEL_PENUH = 9.5         # pt, a table with a page of its own
TABEL_TERKECIL_PDF = 6.5         # pt: a table is set smaller, down to this, rather than split a word
PAD_SEL = (1.2, 1.5, 1.2, 1.5)   # mm: top, right, bottom, left


def _rgb(warna: str) -> tuple[int, int, int]:
    h = warna.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


class _Pdf(FPDF):
    def __init__(self, lap: Paparan):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.lap = lap
        self.add_font(HURUF_PDF, "", str(visual.FONT))
        self.add_font(HURUF_PDF, "B", str(visual.FONT_TEBAL))
        self.set_margins(TEPI, TEPI, TEPI)
        self.set_auto_page_break(False)           # fixed layout; only a full-page table flows on
        self.set_title(f"Laporan Desk Pilkada {lap.lingkup} · {lap.data_per}")
        self.set_author(lap.sumber)
        self.set_creator("Siaga Pilkada")
        self.set_lang("id")
        self.set_creation_date(lap.saat)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(HURUF_PDF, "", 8)
        self.set_text_color(*_rgb(gambar.WARNA_ABU))
        self.cell(0, 5, f"{self.lap.data_per} · {self.lap.sumber} · {self.lap.lingkup}")
        self.set_x(TEPI)
        self.cell(0, 5, f"Halaman {self.page_no()} dari {{nb}}", align="R")

    # ------------------------------------------------------------ pieces
    def teks(self, x: float, y: float, w: float, isi: str, ukuran: float, tebal: bool = False,
             warna: str = gambar.TEKS, tinggi: float | None = None, rata: str = "L", maks: int | None = None,
             terkecil: float | None = None) -> float:
        """Wrapped text in a column from (x, y), broken at spaces only; returns the y below it. With
        ``maks`` lines at most: set smaller (down to ``terkecil`` pt) until it fits, and only then
        shortened by whole words, ending in …"""
        asal = ukuran
        while maks is not None and terkecil is not None and ukuran > terkecil \
                and len(self.baris(w, isi, ukuran, tebal)) > maks:
            ukuran = max(terkecil, ukuran - 0.5)
        if tinggi:
            tinggi *= ukuran / asal
        baris = self.baris(w, isi, ukuran, tebal)
        self.set_text_color(*_rgb(warna))
        if maks is not None and len(baris) > maks:
            baris = baris[:maks]
            baris[-1] = gambar.potong(baris[-1], lambda b: self.get_string_width(b) <= w)
        h = tinggi or ukuran * 0.45
        for b in baris:
            self.set_xy(x, y)
            self.cell(w, h, b, align=rata)
            y += h
        return y

    def baris(self, w: float, isi: str, ukuran: float, tebal: bool = False) -> list[str]:
        """The lines ``isi`` takes in a column ``w`` mm wide (the font is left set to that size)."""
        self.set_font(HURUF_PDF, "B" if tebal else "", ukuran)
        return self.multi_cell(w, 0, isi, dry_run=True, output="LINES")

    def kepala(self, judul: str) -> None:
        """Title, scope and "data per", the countdown badge at the right."""
        lap = self.lap
        self.set_fill_color(*_rgb(gambar.WARNA_UTAMA))
        self.rect(0, 0, LEBAR, 3, style="F")
        self.set_font(HURUF_PDF, "B", 20)
        bw = self.get_string_width(lap.hitung_mundur) + 10
        self.rect(LEBAR - TEPI - bw, 9, bw, 13, style="F", round_corners=True, corner_radius=2)
        self.set_text_color(255, 255, 255)
        self.set_xy(LEBAR - TEPI - bw, 9)
        self.cell(bw, 13, lap.hitung_mundur, align="C")
        w = LEBAR - 2 * TEPI - bw - 6
        self.teks(TEPI, 9, w, judul, 20, tebal=True, maks=1, tinggi=9, terkecil=12)
        self.teks(TEPI, 19.5, w, lap.data_per if lap.lingkup in judul else f"{lap.lingkup} · {lap.data_per}", 11,
                  warna=gambar.WARNA_ABU, maks=1, terkecil=8)

    def angka(self, y0: float, y1: float, angka: Sequence[Angka]) -> None:
        if not angka:
            return
        sela = 5
        w = (LEBAR - 2 * TEPI - sela * (len(angka) - 1)) / len(angka)
        self.set_fill_color(*_rgb(gambar.LATAR_KARTU))
        for i, a in enumerate(angka):
            x = TEPI + i * (w + sela)
            self.rect(x, y0, w, y1 - y0, style="F", round_corners=True, corner_radius=2)
            y = self.teks(x + 4, y0 + 3, w - 8, a.label, 9, tebal=True, warna=gambar.WARNA_ABU, maks=2, terkecil=7.5)
            ukuran = 20
            self.set_font(HURUF_PDF, "B", ukuran)
            while ukuran > 12 and self.get_string_width(a.nilai) > w - 11:
                ukuran -= 1
                self.set_font(HURUF_PDF, "B", ukuran)
            y = self.teks(x + 4, y + 1, w - 8, a.nilai, ukuran, tebal=True, tinggi=ukuran * 0.42)
            self.teks(x + 4, y + 1, w - 8, a.keterangan, 7.5, warna=gambar.WARNA_ABU, tinggi=3.3,
                      maks=max(1, int((y1 - y - 2) // 3.3)))

    def lebar_tabel(self, t: Tabel, ukuran: float = UKURAN_TABEL) -> list[float]:
        """Natural column widths (mm) of a table: header and cells on one line, with padding."""
        lebar = []
        for i, k in enumerate(t.kolom):
            self.set_font(HURUF_PDF, "B", ukuran)
            w = self.get_string_width(k)
            self.set_font(HURUF_PDF, "", ukuran)
            lebar.append(max([w] + [self.get_string_width(b[i]) for b in t.baris]) + 4)
        return lebar

    def lebar_kata(self, t: Tabel, ukuran: float = UKURAN_TABEL) -> list[float]:
        """The narrowest width (mm) of each column: its longest word with the cell padding, so that
        its text wraps at spaces and no word is ever split across lines."""
        lebar = []
        for i, k in enumerate(t.kolom):
            self.set_font(HURUF_PDF, "B", ukuran)
            w = max([self.get_string_width(x) for x in k.split()], default=0.0)
            self.set_font(HURUF_PDF, "", ukuran)
            w = max([w] + [self.get_string_width(x) for b in t.baris for x in b[i].split()])
            lebar.append(w + PAD_SEL[1] + PAD_SEL[3] + 0.6)
        return lebar

    def tinggi_baris(self, sel: Sequence[str], lebar: Sequence[float], ukuran: float, tebal: bool = False) -> float:
        """The height of a table row, its cells wrapped as the table wraps them (same width and padding)."""
        self.set_font(HURUF_PDF, "B" if tebal else "", ukuran)
        n = max(len(self.multi_cell(w, 0, isi, dry_run=True, output="LINES", padding=PAD_SEL)) for isi, w in
                zip(sel, lebar))
        return n * ukuran * 0.45 + PAD_SEL[0] + PAD_SEL[2]

    def muat(self, t: Tabel, lebar: Sequence[float], ukuran: float, tinggi: float) -> Tabel:
        """The rows that fit ``tinggi`` (mm) below the header (the others are counted in the note)."""
        sisa = tinggi - self.tinggi_baris(t.kolom, lebar, ukuran, tebal=True) - 6
        for i, sel in enumerate(t.baris):
            sisa -= self.tinggi_baris(sel, lebar, ukuran)
            if sisa < 0:
                return replace(t, baris=t.baris[:i], warna=t.warna[:i], jumlah=t.seluruhnya)
        return t

    def tabel(self, kotak: gambar.Kotak, t: Tabel, judul: str, ukuran: float = UKURAN_TABEL,
              mengalir: bool = False) -> float:
        """The table (title above, note below) in the box; rows that do not fit are left out and
        counted, unless it may flow on to the next pages (``mengalir``). Every column is at least as
        wide as its longest word (the table is set smaller if it must), so text wraps at spaces and
        no word or name is split. Returns the y below it."""
        x0, y0, x1, y1 = kotak
        y = self.teks(x0, y0, x1 - x0, judul, ukuran + 1.5, tebal=True, maks=2, terkecil=ukuran) + 1.5 if judul else y0
        while ukuran > TABEL_TERKECIL_PDF and sum(self.lebar_kata(t, ukuran)) > x1 - x0:
            ukuran -= 0.5               # every word must fit its column: a smaller size before a split word
        lebar = gambar.bagi_lebar(self.lebar_tabel(t, ukuran), x1 - x0, self.lebar_kata(t, ukuran))
        if not mengalir:
            t = self.muat(t, lebar, ukuran, y1 - y)
        self.set_xy(x0, y)
        self.set_left_margin(x0)
        self.set_auto_page_break(mengalir, margin=16)
        self.set_font(HURUF_PDF, "", ukuran)
        self.set_text_color(*_rgb(gambar.TEKS))
        self.set_draw_color(*_rgb(gambar.GARIS))
        self.set_fill_color(255, 255, 255)
        kepala = FontFace(emphasis="BOLD", fill_color=_rgb(gambar.KEPALA_TABEL), color=_rgb(gambar.TEKS))
        with self.table(width=x1 - x0, col_widths=lebar, align="LEFT", text_align="LEFT",
                        borders_layout="HORIZONTAL_LINES", headings_style=kepala, line_height=ukuran * 0.45,
                        padding=PAD_SEL) as tb:
            baris = tb.row()
            for k in t.kolom:
                baris.cell(k)
            for i, sel in enumerate(t.baris):
                baris = tb.row()
                for j, isi in enumerate(sel):
                    bg = t.warna[i][j] if t.warna else None
                    baris.cell(isi, style=FontFace(fill_color=_rgb(bg), color=_rgb(gambar.warna_teks(bg)))
                               if bg else None)
        self.set_auto_page_break(False)
        self.set_left_margin(TEPI)
        y = self.get_y()
        if t.catatan():
            y = self.teks(x0, y + 1, x1 - x0, t.catatan(), 7.5, warna=gambar.WARNA_ABU)
        return y

    def gambar(self, png: bytes, kotak: gambar.Kotak) -> None:
        x0, y0, x1, y1 = kotak
        self.image(io.BytesIO(png), x=x0, y=y0, w=x1 - x0, h=y1 - y0, keep_aspect_ratio=True)

    def kosong(self, kotak: gambar.Kotak, teks: str) -> None:
        x0, y0, x1, y1 = kotak
        self.set_fill_color(*_rgb(gambar.LATAR_KARTU))
        self.rect(x0, y0, x1 - x0, min(y1 - y0, 30), style="F", round_corners=True, corner_radius=2)
        self.teks(x0 + 8, y0 + 10, x1 - x0 - 16, teks, 12, warna=gambar.WARNA_ABU, maks=3, tinggi=6)

    def kalimat(self, kotak: gambar.Kotak, kalimat: Sequence[str]) -> None:
        """The slide's body as paragraphs (the situation summary)."""
        x0, y0, x1, y1 = kotak
        self.set_fill_color(*_rgb(gambar.LATAR_KARTU))
        self.rect(x0, y0, x1 - x0, y1 - y0, style="F", round_corners=True, corner_radius=2)
        y = y0 + 8
        for kal in kalimat:
            y = self.teks(x0 + 8, y, x1 - x0 - 16, kal, 14, warna=gambar.TEKS, maks=4, tinggi=7) + 5

    def catatan(self, teks: str, y: float = PANEL_Y1 + 2) -> None:
        if teks:
            self.teks(TEPI, y, LEBAR - 2 * TEPI, teks, 8.5, warna=gambar.WARNA_ABU, maks=3, tinggi=4)


# ------------------------------------------------------------------ pages

def _kotak_panel(pdf: _Pdf, slide: Slide, y0: float = PANEL_Y) -> tuple[gambar.Kotak | None, gambar.Kotak | None]:
    return gambar.bagi_panel(slide, (TEPI, y0, LEBAR - TEPI, PANEL_Y1), lambda t: sum(pdf.lebar_tabel(t)), sela=8)


def _halaman_slide(pdf: _Pdf, slide: Slide, png: bytes | None, judul: str | None = None) -> None:
    """A slide as a page: title, key figures, the visual beside the table, the note."""
    pdf.add_page()
    pdf.kepala(judul or slide.judul)
    pdf.angka(30, 62, slide.angka)
    kv, kt = _kotak_panel(pdf, slide)
    if kv is not None and png:
        pdf.gambar(png, kv)
    if kt is not None:
        pdf.tabel(kt, slide.tabel.untuk_slide(maks=None), slide.judul_tabel)
    if kv is None and kt is None and slide.kalimat:
        pdf.kalimat((TEPI, PANEL_Y, LEBAR - TEPI, PANEL_Y1), slide.kalimat)
    elif kv is None and kt is None:
        pdf.kosong((TEPI, PANEL_Y, LEBAR - TEPI, PANEL_Y1), slide.kosong)
    pdf.catatan(slide.catatan)


def _halaman_tabel(pdf: _Pdf, slide: Slide) -> None:
    """A table with a page of its own (every unit), continued on the next page if it must."""
    pdf.add_page()
    pdf.kepala(slide.judul_tabel)
    y = pdf.tabel((TEPI, 30, LEBAR - TEPI, TINGGI - 16), slide.tabel, "", UKURAN_TABEL_PENUH, mengalir=True)
    pdf.catatan(slide.catatan, y + 2)


def ukuran_visual(pdf: _Pdf, slide: Slide) -> visual.Ukuran | None:
    kv, _ = _kotak_panel(pdf, slide)
    if kv is None:
        return None
    return visual.Ukuran(round((kv[2] - kv[0]) * PX_PER_MM), round((kv[3] - kv[1]) * PX_PER_MM), SKALA_PDF)


def tulis(lap: Paparan, kabar: Kabar = diam) -> bytes:
    pdf = _Pdf(lap)
    vis = gambar.gambar_semua(lap.slides, lambda s: ukuran_visual(pdf, s), sebagian(kabar, 0.0, 0.8))
    kabar(0.85, "Menyusun PDF")
    for s in lap.slides:
        if s.peta is not None:       # the map with the short ranking, then every unit in full
            _halaman_slide(pdf, s, vis.get(s.kode), s.peta.judul or None)
            if s.tabel is not None:
                _halaman_tabel(pdf, s)
        else:
            _halaman_slide(pdf, s, vis.get(s.kode),
                           f"Laporan Desk Pilkada · {lap.lingkup}" if s.kode == "situasi" else None)
    return bytes(pdf.output())
