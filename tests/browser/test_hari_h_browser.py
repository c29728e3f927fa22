"""Ringkasan on voting day in a real browser (Debian chromium, 1920×1080): the voting-day map colours
the kecamatan by how their TPS opened, and its incident layer follows the 1 h / 6 h toggle."""

from __future__ import annotations

from PIL import Image

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
