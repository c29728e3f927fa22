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
from collections.abc import Mapping
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
