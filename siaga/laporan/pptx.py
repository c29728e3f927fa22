"""The report as a 16:9 PPTX deck (python-pptx): one slide per report slide, the title, the
scope and the key figures as editable text boxes, the panel (visual beside table) as a picture,
the note and the source below."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from siaga.laporan import gambar
from siaga.model.komponen import Angka
from siaga.model.paparan import Kabar, Paparan, Slide, diam, sebagian

LEBAR, TINGGI = Emu(12_192_000), Emu(6_858_000)      # 13,333 × 7,5 in: 16:9, as PowerPoint makes it
TEPI_PPTX = Inches(0.45)
PX_PER_INCI = 120                     # pixels of the panel picture per inch of the slide
PANEL_Y, PANEL_TINGGI = Inches(2.75), Inches(3.95)
HURUF_PPTX = "DejaVu Sans"


def _warna(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_.lstrip("#"))


def _kotak_teks(slide, x, y, w, h, baris: list[tuple[str, float, bool, str]], rata=PP_ALIGN.LEFT) -> None:
    """A text box of paragraphs (text, size pt, bold, colour)."""
    tf = slide.shapes.add_textbox(x, y, w, h).text_frame
    tf.word_wrap = True
    for i, (teks, ukuran, tebal, warna) in enumerate(baris):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = rata
        r = p.add_run()
        r.text = teks
        r.font.size, r.font.bold, r.font.name = Pt(ukuran), tebal, HURUF_PPTX
        r.font.color.rgb = _warna(warna)


def _angka(slide, angka: tuple[Angka, ...]) -> None:
    if not angka:
        return
    sela = Inches(0.2)
    w = (LEBAR - 2 * TEPI_PPTX - sela * (len(angka) - 1)) // len(angka)
    for i, a in enumerate(angka):
        x = TEPI_PPTX + i * (w + sela)
        kartu = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, Inches(1.2), w, Inches(1.4))
        kartu.fill.solid()
        kartu.fill.fore_color.rgb = _warna(gambar.LATAR_KARTU)
        kartu.line.fill.background()
        kartu.adjustments[0] = 0.08
        _kotak_teks(slide, x + Inches(0.08), Inches(1.22), w - Inches(0.16), Inches(1.35),
                    [(a.label, 12, True, gambar.WARNA_ABU),
                     (a.nilai, 28 if len(a.nilai) <= 12 else 22, True, gambar.TEKS),
                     (a.keterangan, 9, False, gambar.WARNA_ABU)])


def ukuran_panel() -> tuple[int, int]:
    return (round((LEBAR - 2 * TEPI_PPTX) / Emu(Inches(1)) * PX_PER_INCI),
            round(PANEL_TINGGI / Emu(Inches(1)) * PX_PER_INCI))


def ukuran_visual(slide: Slide):
    lebar, tinggi = ukuran_panel()
    return gambar.ukuran_visual(slide, (0, 0, lebar, tinggi))


def _slide(prs: Presentation, lap: Paparan, s: Slide, nomor: int, visual_png: bytes | None) -> None:
    sl = prs.slides.add_slide(prs.slide_layouts[5])       # "title only": the title is the slide's real title
    judul = sl.shapes.title
    judul.left, judul.top, judul.width, judul.height = (TEPI_PPTX, Inches(0.2),
                                                        LEBAR - 2 * TEPI_PPTX - Inches(1.6), Inches(0.6))
    judul.text_frame.text = s.judul
    p = judul.text_frame.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    p.runs[0].font.size, p.runs[0].font.bold, p.runs[0].font.name = Pt(30), True, HURUF_PPTX
    p.runs[0].font.color.rgb = _warna(gambar.TEKS)
    pita = sl.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, LEBAR, Inches(0.08))
    pita.fill.solid()
    pita.fill.fore_color.rgb = _warna(gambar.WARNA_UTAMA)
    pita.line.fill.background()
    _kotak_teks(sl, TEPI_PPTX, Inches(0.78), LEBAR - 2 * TEPI_PPTX - Inches(1.6), Inches(0.4),
                [(f"{lap.lingkup} · {lap.data_per}", 14, False, gambar.WARNA_ABU)])
    lencana = sl.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE,
                                  LEBAR - TEPI_PPTX - Inches(1.4), Inches(0.3), Inches(1.4), Inches(0.7))
    lencana.fill.solid()
    lencana.fill.fore_color.rgb = _warna(gambar.WARNA_UTAMA)
    lencana.line.fill.background()
    _kotak_teks(sl, LEBAR - TEPI_PPTX - Inches(1.4), Inches(0.36), Inches(1.4), Inches(0.6),
                [(lap.hitung_mundur, 26, True, "#ffffff")], rata=PP_ALIGN.CENTER)
    _angka(sl, s.angka)
    lebar, tinggi = ukuran_panel()
    sl.shapes.add_picture(io.BytesIO(gambar.panel_png(s, lebar, tinggi, visual_png)), TEPI_PPTX, PANEL_Y,
                          width=LEBAR - 2 * TEPI_PPTX)
    if s.catatan:
        _kotak_teks(sl, TEPI_PPTX, PANEL_Y + PANEL_TINGGI + Inches(0.05), LEBAR - 2 * TEPI_PPTX, Inches(0.45),
                    [(s.catatan, 10, False, gambar.WARNA_ABU)])
    _kotak_teks(sl, TEPI_PPTX, TINGGI - Inches(0.4), LEBAR - 2 * TEPI_PPTX, Inches(0.3),
                [(f"{lap.sumber} · {lap.wilayah} · {nomor}/{len(lap.slides)}", 9, False, gambar.WARNA_ABU)])


def tulis(lap: Paparan, kabar: Kabar = diam) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = LEBAR, TINGGI
    prs.core_properties.title = f"Laporan Desk Pilkada {lap.lingkup} · {lap.data_per}"
    prs.core_properties.author = lap.sumber
    prs.core_properties.language = "id-ID"
    vis = gambar.gambar_semua(lap.slides, ukuran_visual, sebagian(kabar, 0.0, 0.8))
    for i, s in enumerate(lap.slides, 1):
        kabar(0.8 + 0.2 * (i - 1) / len(lap.slides), f"Menyusun PPTX {i} dari {len(lap.slides)}")
        _slide(prs, lap, s, i, vis.get(s.kode))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
