"""Atomic file replacement: write a temporary file beside the target, fsync, ``os.replace``.

:func:`tulis_sementara` and :func:`ganti` split this in two so a caller can check the staged
file before it replaces the target. Temporary files are named ``.<target>.<random>.tmp`` and
are never read as inputs; :func:`sisa_sementara` finds the ones an interrupted process left.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def tulis_sementara(path: Path, data: bytes | str, mode: int | None = None) -> Path:
    """Write ``data`` to a fsynced temporary file in the target's folder; returns its path.
    The file is private (0600) unless ``mode`` says otherwise."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        _hapus(Path(tmp))
        raise
    return Path(tmp)


def ganti(tmp: Path, path: Path) -> None:
    """Atomically replace ``path`` by the staged ``tmp`` and make the rename durable."""
    try:
        os.replace(tmp, path)
    except BaseException:
        _hapus(Path(tmp))
        raise
    sync_dir(Path(path).parent)


def tulis_atomik(path: Path, data: bytes | str, mode: int | None = None) -> None:
    ganti(tulis_sementara(path, data, mode), Path(path))


def sync_dir(folder: Path) -> None:
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def sisa_sementara(folder: Path) -> list[Path]:
    """Temporary files left in ``folder`` by an interrupted write."""
    if not Path(folder).is_dir():
        return []
    return sorted(p for p in Path(folder).glob(".*.tmp") if p.is_file())


def _hapus(p: Path) -> None:
    try:
        os.unlink(p)
    except FileNotFoundError:
        pass
