"""Big-screen briefing (``?mode=layar``): which slide to show, when to move on, and whether the
data are stale. Pure functions; the page ``pages/layar.py`` draws the slides of the report model
(``siaga.model.paparan``), so the big screen and the snapshots always show the same picture.

URL parameters (all optional): ``interval`` seconds per slide (5–600, default 20), ``slide``
the 1-based slide to start on (or to stay on, with ``jeda=1``), ``jeda=1`` paused, ``basi``
hours after which data without a new report are flagged stale (default 6), plus the usual
``kec`` and ``tgl`` filters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from siaga.inti import fmt
from siaga.inti.config import Paths
from siaga.inti.kontrak import DIMUAT, INPUTS
from siaga.masuk.baca import lokasi_berkas

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
    basi_jam: float          # data older than this (hours without a new input file) are stale

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


def pembaruan_terakhir(paths: Paths) -> dt.datetime | None:
    """When an operational input file (a log of the data contract) last changed, aware."""
    berkas = [lokasi_berkas(INPUTS[n], paths) for n in DIMUAT if INPUTS[n].log]
    waktu = [p.stat().st_mtime for p in berkas if p.exists()]
    return dt.datetime.fromtimestamp(max(waktu)).astimezone() if waktu else None


def peringatan_basi(terakhir: dt.datetime | None, sekarang: dt.datetime, batas_jam: float, tz: str,
                    zona: str) -> str | None:
    """A sentence when no input file has changed for ``batas_jam`` hours, else None."""
    if terakhir is None:
        return "Belum ada berkas data."
    umur = sekarang - terakhir
    if umur < dt.timedelta(hours=batas_jam):
        return None
    jam = umur.total_seconds() / 3600
    lama = f"{fmt.angka(jam // 24)} hari" if jam >= 48 else f"{fmt.angka(jam)} jam"
    return (f"Data belum diperbarui selama {lama} (berkas terakhir berubah {fmt.waktu(terakhir, zona)}). "
            "Pastikan laporan camat dan lurah masuk.")


def jam(sekarang: dt.datetime, tz: str, zona: str) -> str:
    """``14.05 WIB``: an aware moment in the region's time zone."""
    return fmt.jam(sekarang.astimezone(ZoneInfo(tz)), zona)
