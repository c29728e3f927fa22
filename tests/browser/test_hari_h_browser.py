"""Ringkasan on voting day in a real browser (Debian chromium, 1920×1080): the voting-day map colours
the kecamatan by how their TPS opened, and its incident layer follows the 1 h / 6 h toggle."""

from __future__ import annotations

import re

from PIL import Image
from playwright.sync_api import expect

from siaga.model import pemungutan


def _dekat(c: tuple[int, int, int], warna: str, batas: int = 60) -> bool:
    h = warna.lstrip("#")
    return sum(abs(a - int(h[i:i + 2], 16)) for a, i in zip(c, (0, 2, 4))) < batas


def test_voting_day_map_and_its_incident_toggle(server, tab, artefak):
    tab.open(server + "/?tgl=2024-11-27")
    page = tab.page
    assert page.locator('[data-testid="stException"]').count() == 0
    peta = page.locator('[data-testid="stDeckGlJsonChart"]').first
    peta.scroll_into_view_if_needed()
    path = artefak / "hari-h-peta-6jam.png"
    peta.screenshot(path=str(path))
    img = Image.open(path).convert("RGB")
    warna = {img.getpixel((x, y)) for x in range(0, img.width, 6) for y in range(0, img.height, 6)}
    kelas = {k: w for k, _, w in pemungutan.KELAS_BUKA}
    # the demo at 13.51: every TPS open, 67–77% of them by 07.00 in each kecamatan
    assert any(_dekat(c, kelas["kurang"]) for c in warna), "no kecamatan below 70% drawn"
    assert any(_dekat(c, kelas["sedang"]) for c in warna), "no kecamatan at 70–89% drawn"
    assert not any(_dekat(c, kelas["belum_0730"], 30) for c in warna)
    catatan = page.get_by_text("insiden dilaporkan dalam 6 jam terakhir")
    assert catatan.inner_text().startswith("13 insiden dilaporkan dalam 6 jam terakhir")
    page.get_by_text("1 jam terakhir", exact=True).click()
    page.get_by_text("insiden dilaporkan dalam 1 jam terakhir").wait_for()
    tab.settle()
    assert page.get_by_text("insiden dilaporkan dalam 1 jam terakhir").inner_text().startswith(
        "3 insiden dilaporkan dalam 1 jam terakhir")
    assert page.get_by_text("insiden dilaporkan dalam 6 jam terakhir").count() == 0
    page.locator('[data-testid="stDeckGlJsonChart"]').first.screenshot(path=str(artefak / "hari-h-peta-1jam.png"))
    tab.screenshot(artefak, "hari-h-ringkasan-1920x1080")
    assert tab.errors == []
    assert tab.external == []


def _angka(teks: str) -> int:
    return int(teks.split(" ")[0].replace(".", ""))


def _metrik(page) -> dict[str, str]:
    label = [t.strip() for t in page.locator('[data-testid="stMetricLabel"]').all_inner_texts()]
    nilai = [t.strip() for t in page.locator('[data-testid="stMetricValue"]').all_inner_texts()]
    return dict(zip(label, nilai, strict=True))


def _tabel(tab, nomor: int, kolom: int) -> list[list[str]]:
    """The rows of the page's ``nomor``-th table (its accessible cells), ``kolom`` cells a row."""
    t = tab.page.locator('[data-testid="stDataFrame"]').nth(nomor)
    t.scroll_into_view_if_needed()
    tab.settle()
    n = int(t.locator("[aria-rowcount]").first.get_attribute("aria-rowcount")) - 1      # without the header
    expect(t.locator("td")).to_have_count(n * kolom)     # every row rendered (the grid fills its cells late)
    sel = t.locator("td").all_inner_texts()
    return [sel[i:i + kolom] for i in range(0, len(sel), kolom)]


def test_voting_day_what_a_person_sees(server, tab, artefak):
    tab.open(server + "/?tgl=2024-11-27", grafik=2)
    page = tab.page
    m = _metrik(page)
    assert m["Hitung mundur"] == "Hari H"
    dibuka, dari = m["TPS dibuka"].split(" dari ")
    rows = _tabel(tab, 0, len(pemungutan.KOLOM_HARI))
    assert len(rows) == 12                                             # every kecamatan of Kota Bekasi
    # the cards and the table say the same: TPS, opened by 07.00, counting, kecamatan to call
    assert sum(_angka(r[1]) for r in rows) == _angka(dari) == _angka(dibuka)
    situasi = page.get_by_text("tepat pukul 07.00 ·").first.inner_text()     # the situation's first sentence
    tepat = re.search(r"TPS dibuka ([\d.]+) dari ([\d.]+) \(([\d.]+) tepat pukul 07\.00", situasi)
    assert tepat is not None and tepat.group(1) == dibuka and tepat.group(2) == dari
    assert sum(_angka(r[2]) for r in rows) == _angka(tepat.group(3))
    assert sum(_angka(r[7]) for r in rows) == _angka(m["Penghitungan selesai"])
    assert sum(r[8] != "–" for r in rows) == _angka(m["Kecamatan perlu ditelepon"])
    # turnout by hour: today's line with a marker per reported hour, and the reference curve
    jam = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="Partisipasi hari ini")
    assert jam.count() == 1 and jam.locator(".scatterlayer .point").count() >= 6
    assert m["Partisipasi pemilih"].endswith("%")
    assert page.locator('[data-testid="stException"]').count() == 0
    tab.screenshot(artefak, "tiga-fase-hari-h")
    assert tab.errors == [] and tab.external == []


def test_after_voting_day_rekapitulasi_progress(server, tab, artefak):
    tab.open(server + "/?tgl=2024-12-03")
    page = tab.page
    m = _metrik(page)
    assert m["Hitung mundur"] == "H+6" and "TPS dibuka" not in m
    rows = _tabel(tab, 0, len(pemungutan.KOLOM_REKAP))
    assert len(rows) == 12
    ppk = pemungutan.KOLOM_REKAP.index("Pleno PPK")
    kpu = pemungutan.KOLOM_REKAP.index("Pleno KPU kota")
    assert sum(r[ppk].startswith("selesai") for r in rows) == _angka(m["Rekapitulasi PPK"]) == 12
    assert sum(r[kpu].startswith("selesai") for r in rows) == _angka(m["Rekapitulasi KPU kab/kota"])
    assert m["Rekapitulasi PPK"].endswith(f"dari {len(rows)} kecamatan selesai")
    teks = page.locator('[data-testid="stMain"]').inner_text()
    assert "Sesudah rekapitulasi:" in teks and "Pelantikan" in teks
    assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 1        # no voting-day map after H
    tab.screenshot(artefak, "tiga-fase-pasca")
    assert tab.errors == [] and tab.external == []


def test_revote_day_countdown_and_its_two_tps_only(server, tab, artefak):
    tab.open(server + "/?tgl=2024-12-01")
    page = tab.page
    m = _metrik(page)
    assert m["PSU Minggu, 1 Desember 2024"] == "Hari ini"
    tabel = page.locator('[data-testid="stDataFrame"]').filter(has_text="TPS 004, Kel. Bantargebang")
    expect(tabel).to_have_count(1)
    # the grid fills its cells after it is drawn: wait for the two TPS cells, then read them
    expect(tabel.locator("td").filter(has_text=re.compile(r"^TPS \d+, Kel\. "))).to_have_count(2)
    tps = [t for t in tabel.locator("td").all_inner_texts() if t.startswith("TPS ")]
    assert sorted(tps) == ["TPS 004, Kel. Bantargebang", "TPS 005, Kel. Bantargebang"]
    # its own voting-day figures count its two TPS, not the region's
    assert m["TPS dibuka"].endswith("dari 2")
    assert m["Penghitungan selesai"].endswith("dari 2 TPS")
    tab.screenshot(artefak, "tiga-fase-psu")
    assert tab.errors == [] and tab.external == []


def test_logistik_on_voting_day_projects_nothing(server, tab, artefak):
    tab.open(server + "/logistik?tgl=2024-11-27", ready='[data-testid="stPlotlyChart"]')
    page = tab.page
    m = _metrik(page)
    assert "Menuju batas logistik (H-1)" not in m and "Distribusi ke TPS" in m
    teks = page.locator('[data-testid="stMain"]').inner_text()
    assert "Hari H: distribusi logistik Kota Bekasi selesai di" in teks
    assert "diperkirakan lengkap" not in teks and "Perkiraan tanggal lengkap" not in teks
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
    tab.screenshot(artefak, "logistik-hari-h")
    assert tab.errors == [] and tab.external == []


TERPOTONG = """() => [...document.querySelectorAll(
    '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] *')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def test_key_figures_are_never_cut_at_1366(server, browser, artefak):
    """A key figure is read aloud: at 1366×768 the four voting-day cards side by side show their
    whole value ("3.671 dari 3.671"), wrapped if need be, never cut with "…"."""
    from tests.browser.conftest import Tab

    tab = Tab(browser, 1366, 768)
    try:
        tab.open(server + "/?tgl=2024-11-27")
        m = _metrik(tab.page)
        assert m["TPS dibuka"] == "3.671 dari 3.671" and m["Penghitungan selesai"] == "0 dari 3.671 TPS"
        assert tab.page.evaluate(TERPOTONG) == []
        tab.screenshot(artefak, "hari-h-1366")
        assert tab.errors == [] and tab.external == []
    finally:
        tab.close()
