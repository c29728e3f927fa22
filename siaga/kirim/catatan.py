"""What was sent to whom: ``SIAGA_DATA/.kirim/terkirim.json`` (recipient key -> event key -> the
moment it was sent), replaced atomically after each run, read and written under an exclusive lock
(``SIAGA_DATA/.kirim/kunci``) held for the whole run, so two runs at once (a cron job and a
hand-started one) never send the same event twice. Only delivered messages are recorded: a
failed recipient gets the same events again on the next run."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from pathlib import Path

from siaga.inti.fileio import tulis_atomik
from siaga.inti.masalah import Masalah, MasalahError

FOLDER_KIRIM = ".kirim"
BERKAS_TERKIRIM = "terkirim.json"
BERKAS_KUNCI = "kunci"


class Catatan:
    """The record of deliveries, as a context manager that holds the lock:
    ``with Catatan(folder_data) as c: … c.sudah(p, kunci) … c.tandai(p, kunci, saat)``."""

    def __init__(self, data: Path):
        self.folder = Path(data) / FOLDER_KIRIM
        self.isi: dict[str, dict[str, str]] = {}
        self._fd: int | None = None

    def __enter__(self) -> Catatan:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._fd = os.open(self.folder / BERKAS_KUNCI, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)          # a second run waits here, then sees what the first sent
        path = self.folder / BERKAS_TERKIRIM
        if path.is_file():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                self.isi = {str(k): dict(v) for k, v in raw.get("penerima", {}).items()}
            except (ValueError, AttributeError, TypeError):
                self.__exit__(None, None, None)
                raise MasalahError([Masalah(f"{FOLDER_KIRIM}/{BERKAS_TERKIRIM}", None, None, None,
                                            "catatan pengiriman rusak (bukan JSON yang diharapkan); pindahkan berkas "
                                            "itu lalu jalankan ulang (semua peristiwa yang masih berlaku akan dikirim "
                                            "lagi sekali)")]) from None
        return self

    def __exit__(self, *_exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def sudah(self, penerima: str, kunci: str) -> bool:
        return kunci in self.isi.get(penerima, {})

    def tandai(self, penerima: str, kunci: list[str], saat: dt.datetime) -> None:
        """Record the events delivered to ``penerima`` and write the file (atomic replace)."""
        catat = self.isi.setdefault(penerima, {})
        for x in kunci:
            catat[x] = saat.isoformat(timespec="seconds")
        tulis_atomik(self.folder / BERKAS_TERKIRIM, json.dumps({"versi": 1, "penerima": self.isi}, ensure_ascii=False,
                                                      indent=1, sort_keys=True), mode=0o600)
