"""Big-screen briefing (``?mode=layar``): which slide to show, when to move on, and whether the
data are stale. Pure functions; the page ``pages/layar.py`` draws the slides of the report model
(``siaga.model.paparan``), so the big screen and the snapshots always show the same picture.

URL parameters (all optional): ``interval`` seconds per slide (5–600, default 20), ``slide``
the 1-based slide to start on (or to stay on, with ``jeda=1``), ``jeda=1`` paused, ``basi``
hours after which data whose newest event is older are flagged stale (default 6), plus the usual
``kec`` and ``tgl`` filters.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from siaga.inti import fmt
from siaga.model.konteks import Rentang

INTERVAL_BAWAAN, INTERVAL_MIN, INTERVAL_MAKS = 20, 5, 600
BASI_BAWAAN = 6.0


def _angka(teks: str | None, bawaan: float, kecil: float, besar: float) -> float:
    try:
        x = float(str(teks).replace(",", "."))
    except (TypeError, ValueError):
        return bawaan
    return min(max(x, kecil), besar) if x == x else bawaan


@dataclass(frozen=True)
class Pengaturan:
    interval: int            # seconds per slide
    mulai: int               # 0-based slide to start on
    jeda: bool               # paused: the slide stays
    basi_jam: float          # data whose newest event is older than this (hours) are stale

    @classmethod
    def dari_url(cls, q: Mapping[str, str]) -> Pengaturan:
        """Read the settings from the URL; anything invalid falls back to the default."""
        return cls(interval=int(_angka(q.get("interval"), INTERVAL_BAWAAN, INTERVAL_MIN, INTERVAL_MAKS)),
                   mulai=int(_angka(q.get("slide"), 1, 1, 99)) - 1,
                   jeda=q.get("jeda") in ("1", "ya", "true"),
                   basi_jam=_angka(q.get("basi"), BASI_BAWAAN, 0.25, 24 * 30))


def langkah(saat_ini: int, jumlah: int, arah: int) -> int:
    """The slide ``arah`` steps away, wrapping around."""
    return (saat_ini + arah) % jumlah if jumlah else 0


def waktunya_ganti(mulai_tampil: float, sekarang: float, interval: int) -> bool:
    """Move on when the slide has been up for (almost) its interval; a fragment rerun every
    ``interval`` seconds may come a little early."""
    return sekarang - mulai_tampil >= interval * 0.9


@dataclass(frozen=True)
class Pesan:
    """A sentence about time shown above a screen: ``peringatan`` (stale or impossible data) or
    ``info`` (a replay, a past as-of date)."""
    teks: str
    tingkat: str                 # "peringatan" | "info"


def _lama(umur: dt.timedelta) -> str:
    jam_ = int(umur.total_seconds() // 3600)
    return f"{fmt.angka(jam_ // 24)} hari" if jam_ >= 48 else f"{fmt.angka(jam_)} jam"


def pesan_waktu(rentang: Rentang | None, tanggal: dt.date, sekarang: dt.datetime, *, batas_jam: float, tz: str,
                zona: str, simulasi: bool) -> list[Pesan]:
    """Time honesty: compare the newest event *in the data* (not a file time) with the clock and
    with the as-of date ``tanggal``. Event times are the region's local time.

    - a demo (``wilayah.simulasi``) says plainly that it replays its election year;
    - otherwise, viewing the latest day of data, data whose newest event is ``batas_jam`` hours or
      more before the clock are stale; events later than the clock (a reporter's wrong clock or
      year) are always called out;
    - an as-of date before today, or after the last day of data, is said in words.
    """
    if rentang is None:
        return [Pesan("Belum ada data operasional (logistik, checklist, insiden, netralitas, layanan).",
                      "peringatan")]
    zona_info = ZoneInfo(tz)
    terakhir = rentang.waktu_terakhir.replace(tzinfo=zona_info)
    kini = sekarang.astimezone(zona_info)
    hari_ini = kini.date()
    pesan: list[Pesan] = []
    if simulasi:
        pesan.append(Pesan(f"Tayangan ulang: data simulasi Pilkada {rentang.akhir.year} "
                           f"({fmt.tanggal(rentang.awal)} – {fmt.tanggal(rentang.akhir)}), bukan keadaan hari ini "
                           f"({fmt.tanggal(hari_ini)}). Keadaan yang tampil: per {fmt.tanggal(tanggal)}.", "info"))
        return pesan
    umur = kini - terakhir
    if tanggal < rentang.akhir:                  # a chosen past day: its data are as old as the day
        pass
    elif umur >= dt.timedelta(hours=batas_jam):
        pesan.append(Pesan(f"Data belum diperbarui selama {_lama(umur)}: laporan terbaru dalam data "
                           f"{fmt.waktu(terakhir, zona)}. Pastikan laporan camat dan lurah masuk.", "peringatan"))
    if umur < -dt.timedelta(hours=1):
        pesan.append(Pesan(f"Ada laporan bertanggal setelah saat ini ({fmt.waktu(terakhir, zona)}): periksa jam "
                           "dan tahun pada perangkat atau berkas pelapor.", "peringatan"))
    if tanggal < hari_ini:
        pesan.append(Pesan(f"Menampilkan keadaan per {fmt.tanggal(tanggal)}, bukan hari ini "
                           f"({fmt.tanggal(hari_ini)}).", "info"))
    elif tanggal > rentang.akhir:
        pesan.append(Pesan(f"Belum ada laporan setelah {fmt.waktu(terakhir, zona)}: angka per "
                           f"{fmt.tanggal(tanggal)} adalah keadaan saat itu.", "info"))
    return pesan


def jam(sekarang: dt.datetime, tz: str, zona: str) -> str:
    """``14.05 WIB``: an aware moment in the region's time zone."""
    return fmt.jam(sekarang.astimezone(ZoneInfo(tz)), zona)


# ------------------------------------------------------------------ fitting the screen

LAYAR_BAWAAN = (1920, 1080)      # until the browser has said its size (and in AppTest)
HURUF_MIN = 0.018                # no text smaller than 1,8 % of the screen height
HURUF = 0.021                    # chart and map text: 2,1 % of the height (label shrinking stops at HURUF_MIN)
TINGGI_PESAN = {"peringatan": 0.065, "info": 0.035}   # what a time-honesty box or line takes from the body
TINGGI_VISUAL = 0.46             # a chart or the map: this share of the height (the rest: header, cards, footer)
REM = 0.021                      # 1 rem of the big screen: 2,1 % of the height (layar.css: html font-size 2.1vh)
TEPI = 0.025                     # left and right padding of the page, share of the width (layar.css)
LEBAR_VISUAL = 0.42              # share of the content width the visual takes beside a table
LEBAR_VISUAL_LUAS = 0.58         # … beside a narrow table (three columns or fewer)
BARIS_TABEL = 0.055              # height of one table row (one line of text), share of the screen height


def ruang_pesan(tingkat: Iterable[str]) -> float:
    """Share of the height the time-honesty messages above a slide take (a warning box, an info line)."""
    return sum(TINGGI_PESAN.get(t, TINGGI_PESAN["peringatan"]) for t in tingkat)


@dataclass(frozen=True)
class Layar:
    """The browser's viewport in CSS pixels, and the pixel sizes derived from it. Text in the page
    scales by CSS (``vh`` units in layar.css); charts and the map image are drawn at a pixel size,
    so they are sized here from the same rules."""
    lebar: int = LAYAR_BAWAAN[0]
    tinggi: int = LAYAR_BAWAAN[1]
    dilaporkan: bool = False         # the browser said so (else the default size)

    @classmethod
    def dari(cls, nilai: Mapping | None) -> Layar:
        """From what the browser reported (``{"lebar": …, "tinggi": …}``); anything missing or odd
        falls back to the default size."""
        try:
            lebar, tinggi = int(nilai["lebar"]), int(nilai["tinggi"])   # type: ignore[index]
        except (TypeError, KeyError, ValueError):
            return cls()
        if not (320 <= lebar <= 16_000 and 240 <= tinggi <= 16_000):
            return cls()
        return cls(lebar, tinggi, True)

    @property
    def kode(self) -> str:
        """``1920x1080`` for a reported size, ``bawaan`` until then (tests wait on it)."""
        return f"{self.lebar}x{self.tinggi}" if self.dilaporkan else "bawaan"

    @property
    def huruf(self) -> int:
        """Text size of charts and map labels, px."""
        return max(round(self.tinggi * HURUF), self.huruf_min)

    @property
    def huruf_min(self) -> int:
        """The smallest text a chart or map label may shrink to, px (≥ 1,8 % of the height)."""
        return math.ceil(self.tinggi * HURUF_MIN)

    @property
    def isi(self) -> int:
        """Width of the page's content, px."""
        return round(self.lebar * (1 - 2 * TEPI))

    def visual(self, ada_tabel: bool, bagian: float = LEBAR_VISUAL, kurang: float = 0.0) -> tuple[int, int]:
        """(width, height) in px of a slide's chart or map: ``bagian`` of the width beside the table
        (less the gap between the columns, 1 rem), or the whole width; ``kurang`` of the height is
        taken by a warning above."""
        lebar = (self.isi - self.tinggi * REM) * bagian - 2 if ada_tabel else self.isi - 2     # 2 px: rounding
        return round(lebar), round(self.tinggi * (TINGGI_VISUAL - kurang))

    @staticmethod
    def bagian_visual(kolom_tabel: int) -> float:
        """The visual's share of the width beside a table of ``kolom_tabel`` columns."""
        return LEBAR_VISUAL_LUAS if kolom_tabel <= 3 else LEBAR_VISUAL

    def baris(self, ruang: float = TINGGI_VISUAL) -> int:
        """How many table rows fit the body (``ruang``: share of the height), header and note aside."""
        return max(int(ruang / BARIS_TABEL) - 2, 3)
