"""Operating-system failures said in one Indonesian line, with what to do: a read-only folder, a
full disk, a missing permission, a missing file. Used by the command line (``python -m siaga``),
imports and the app, so a clerk never reads an English traceback."""

from __future__ import annotations

import errno
from pathlib import Path


def _jalur(exc: OSError) -> str:
    nama = exc.filename if exc.filename is not None else exc.filename2
    return str(nama) if nama is not None else "berkas data"


def pesan_os(exc: OSError, tindakan: str = "menulis") -> str:
    """What went wrong (``tindakan``: what was being done, e.g. ``menulis riwayat impor``), on
    which file or folder, and what to do. Never names file contents."""
    jalur = _jalur(exc)
    folder = str(Path(jalur).parent) if jalur != "berkas data" else "folder data"
    kode = exc.errno
    if isinstance(exc, BrokenPipeError) or kode == errno.EPIPE:
        return ("Keluaran terputus: penerima (mis. head) menutup pipa sebelum semua baris tertulis; tidak ada yang "
                "diubah. Jalankan tanpa pipa untuk melihat semuanya.")
    if kode == errno.EROFS:
        return (f"Gagal {tindakan}: folder {folder} hanya-baca (read-only). Pasang ulang folder itu dengan izin tulis, "
                "atau salin data ke folder yang dapat ditulis lalu setel SIAGA_DATA ke sana. Tidak ada yang diubah.")
    if kode in (errno.EACCES, errno.EPERM):
        return (f"Gagal {tindakan}: tidak ada izin untuk {jalur}. Jalankan sebagai pengguna pemilik folder data atau "
                "minta admin server memberi izin (chown/chmod). Tidak ada yang diubah.")
    if kode in (errno.ENOSPC, errno.EDQUOT):
        return (f"Gagal {tindakan}: disk penuh ({folder}). Kosongkan ruang disk (mis. cadangan atau laporan lama), "
                "lalu ulangi; data sebelumnya tetap dipakai.")
    if kode == errno.ENOENT:
        return f"Gagal {tindakan}: {jalur} tidak ditemukan. Periksa jalur folder (SIAGA_DATA, SIAGA_GEO, --out)."
    if kode in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        return (f"Gagal {tindakan}: {jalur} bukan folder atau berkas yang diharapkan. Periksa isi folder data "
                "(mis. .riwayat atau .akses harus berupa folder).")
    return (f"Gagal {tindakan}: galat sistem berkas pada {jalur} ({exc.strerror or type(exc).__name__}). Periksa disk "
            "dan izin folder, lalu ulangi.")
