"""Failures of the machine said in Indonesian (issue 15, item 2): an import into a read-only data
folder, a full disk, a missing permission, a missing chromium and a closed pipe end in one
Indonesian line on stderr and exit code 1, never a traceback, with nothing half-written; read-only
commands (riwayat, periksa, --dry-run) take no write lock and work on a read-only folder.

The read-only folder and the full disk are real: a read-only bind mount or a small tmpfs inside a
private mount namespace (``unshare``), so nothing leaks into the machine's mount table. A missing
permission is a folder the process may not write (``chattr +i`` for root, ``chmod`` otherwise)."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from siaga.inti.config import Paths
from siaga.masuk import impor, riwayat
from tests.conftest import ROOT

KORPUS = ROOT / "tests" / "korpus"
LOG_BARU = KORPUS / "01_logistik_titikkoma_bom.csv"


def _env(data: Path, geo: Path, akses: Path, **lain: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIAGA_")}
    return {**env, "SIAGA_DATA": str(data), "SIAGA_GEO": str(geo), "SIAGA_AKSES": str(akses),
            "SIAGA_CACHE": str(akses.parent / "cache"), **lain}


def _siaga(*args: str, env: dict, bungkus: tuple[str, ...] = (), **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*bungkus, sys.executable, "-m", "siaga", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, **kw)


def _hanya_baca(folder: Path) -> tuple[str, ...]:
    """Run the command with ``folder`` mounted read-only in a private mount namespace."""
    return ("unshare", "-rm", "sh", "-c", 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"',
            str(folder))


def _sidik(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _satu_baris_indonesia(r: subprocess.CompletedProcess, *bagian: str) -> None:
    """Exit code 1, no traceback, and one line on stderr says it all (progress lines "… " aside)."""
    semua = (r.stdout or "") + r.stderr
    assert r.returncode == 1, semua
    assert "Traceback" not in semua and "Error" not in r.stderr, semua
    baris = [b for b in r.stderr.strip().splitlines() if not b.startswith("… ")]
    assert len(baris) == 1, r.stderr
    for b in bagian:
        assert b in baris[0], (b, baris[0])


@pytest.fixture
def desk(contoh_dir, tmp_path_factory):
    akses = tmp_path_factory.mktemp("akses")
    return contoh_dir, _env(contoh_dir / "data", contoh_dir / "geo", akses), akses


def test_import_into_a_read_only_folder(desk):
    root, env, _ = desk
    sebelum = _sidik(root / "data")
    r = _siaga("impor", str(LOG_BARU), "--jenis", "logistik", env=env, bungkus=_hanya_baca(root / "data"))
    _satu_baris_indonesia(r, "hanya-baca", "Tidak ada yang diubah", "SIAGA_DATA")
    assert _sidik(root / "data") == sebelum and not (root / "data" / ".riwayat").exists()


def test_read_only_commands_work_on_a_read_only_folder(desk):
    root, env, _ = desk
    paths = Paths(root / "data", root / "geo")
    assert impor.impor(paths, "logistik", LOG_BARU.read_bytes(), LOG_BARU.name, oleh="uji").versi
    sebelum = _sidik(root / "data")
    ro = _hanya_baca(root / "data")
    r = _siaga("riwayat", env=env, bungkus=ro)
    assert r.returncode == 0 and "01_logistik_titikkoma_bom.csv *" in r.stdout and r.stderr == "", r.stderr
    r = _siaga("periksa", env=env, bungkus=ro)
    assert r.returncode == 0 and "Data diterima" in r.stdout, r.stderr
    r = _siaga("impor", str(KORPUS / "36_insiden_ampm.csv"), "--jenis", "insiden", "--dry-run", env=env, bungkus=ro)
    assert r.returncode == 0 and "DAPAT DITERIMA" in r.stdout, r.stdout + r.stderr
    assert _sidik(root / "data") == sebelum


def test_listing_the_history_takes_no_lock(desk):
    """Another import holds the lock: the list comes at once, without waiting or a warning."""
    root, env, _ = desk
    paths = Paths(root / "data", root / "geo")
    assert impor.impor(paths, "logistik", LOG_BARU.read_bytes(), LOG_BARU.name, oleh="uji").versi
    fd = os.open(riwayat.folder(paths) / riwayat.KUNCI, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        r = _siaga("riwayat", env=env)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    assert r.returncode == 0 and "Impor lain" not in r.stderr and "01_logistik" in r.stdout


@contextlib.contextmanager
def _tanpa_izin(folder: Path):
    """``folder`` may be read but nothing in it created or replaced (root ignores modes: immutable)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_import_without_permission(desk):
    root, env, _ = desk
    sebelum = _sidik(root / "data")
    with _tanpa_izin(root / "data"):
        r = _siaga("impor", str(LOG_BARU), "--jenis", "logistik", env=env)
    _satu_baris_indonesia(r, "tidak ada izin", "chown/chmod", "Tidak ada yang diubah")
    assert _sidik(root / "data") == sebelum


def test_user_change_without_permission_on_the_access_folder(desk):
    _, env, akses = desk
    with _tanpa_izin(akses):
        r = _siaga("pengguna", "tambah", "budi", "--peran", "staf", "--sandi-stdin", env=env,
                   input="kuda-lari-pagi-hari-9\n")
    _satu_baris_indonesia(r, "tidak ada izin")


def test_import_on_a_full_disk_leaves_the_data_as_it_was(desk, tmp_path):
    """The data folder is a 600 KB tmpfs left with ~40 KB free; a 300 KB category list cannot be
    written: the import ends in one line, the files in use are untouched, no temporary file is left."""
    root, env, _ = desk
    besar = tmp_path / "kategori_panjang.csv"
    besar.write_text("kode_kategori,nama,kelompok\nkonflik,Konflik,konflik\nlayanan,Layanan,pelayanan_publik\n"
                     "apk,Pelanggaran APK,pelanggaran\n"
                     + "".join(f"k{i:05d},Kategori uji nomor {i} dengan nama yang cukup panjang,lainnya\n"
                               for i in range(5000)), encoding="utf-8")
    keluar = tmp_path / "hasil"
    keluar.mkdir()
    sebelum = _sidik(root / "data")
    skrip = ('mount -t tmpfs -o size=600k tmpfs "$D" && cp -a "$SRC"/. "$D"/ && '
             'dd if=/dev/zero of="$D/.isi" bs=1k count=$(( $(df -k --output=avail "$D" | tail -1) - 40 )) status=none; '
             '"$@"; rc=$?; rm -f "$D/.isi"; cp -a "$D"/. "$OUT"/; exit $rc')
    d = tmp_path / "penuh"
    d.mkdir()
    r = _siaga("impor", str(besar), "--jenis", "kategori_insiden",
               env={**env, "SIAGA_DATA": str(d), "D": str(d), "SRC": str(root / "data"), "OUT": str(keluar)},
               bungkus=("unshare", "-rm", "sh", "-c", skrip, "sh"))
    _satu_baris_indonesia(r, "disk penuh", "data sebelumnya tetap dipakai")
    sesudah = _sidik(keluar)
    assert {k: v for k, v in sesudah.items() if not k.startswith(".riwayat")} == sebelum
    assert not [k for k in sesudah if k.endswith(".tmp")]
    versi = riwayat.daftar(Paths(keluar, root / "geo"))
    assert all(v.status != riwayat.SELESAI or v.aksi == riwayat.AKSI_AWAL for v in versi)


def test_a_closed_pipe(desk):
    """``python -m siaga riwayat | head`` when head has gone: one line, exit 1, no traceback."""
    root, env, _ = desk
    paths = Paths(root / "data", root / "geo")
    assert impor.impor(paths, "logistik", LOG_BARU.read_bytes(), LOG_BARU.name, oleh="uji").versi
    baca, tulis = os.pipe()
    os.close(baca)                       # the reader is gone before anything is written
    try:
        r = subprocess.run([sys.executable, "-m", "siaga", "riwayat"], cwd=ROOT, env=env, stdout=tulis,
                           stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(tulis)
    _satu_baris_indonesia(r, "Keluaran terputus", "Jalankan tanpa pipa")


def test_report_without_chromium(desk, tmp_path):
    _, env, _ = desk
    r = _siaga("laporan", "--out", str(tmp_path / "l.pdf"), env={**env, "SIAGA_CHROMIUM": "/tidak/ada/chromium"})
    _satu_baris_indonesia(r, "chromium", "apt-get install chromium")
    assert not (tmp_path / "l.pdf").exists()


def test_an_unexpected_error_is_one_line_too(desk):
    """A broken config (a directory where wilayah.toml should be) must not print a traceback."""
    root, env, _ = desk
    (root / "data" / "wilayah.toml").unlink()
    (root / "data" / "wilayah.toml").mkdir()
    r = _siaga("periksa", env=env)
    assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr
    assert len(r.stderr.strip().splitlines()) >= 1 and "wilayah.toml" in r.stdout + r.stderr


def test_the_data_page_says_so_when_the_history_lock_cannot_be_made(app_env, contoh_dir):
    """A data folder whose .riwayat is not a folder: the Data page shows the reason in Indonesian."""
    from tests import apptest

    app_env(contoh_dir / "data", contoh_dir / "geo")
    (contoh_dir / "data" / ".riwayat").write_text("bukan folder")
    sebelum = _sidik(contoh_dir / "data")
    at = apptest.buka("pages/data.py", timeout=90)
    at.selectbox(key="data_jenis").set_value("logistik")
    at.text_input(key="data_oleh").set_value("Budi")
    at.run()
    at.file_uploader[0].upload(LOG_BARU.name, LOG_BARU.read_bytes(), "text/csv")
    at.run()
    at.button(key="data_terima").click().run()
    assert not at.exception
    teks = "\n".join(e.value for e in at.error) + "\n".join(d.value.to_csv() for d in at.dataframe)
    assert "Gagal membuat kunci riwayat impor" in teks and ".riwayat" in teks
    assert _sidik(contoh_dir / "data") == sebelum
    shutil.rmtree(contoh_dir / "cache", ignore_errors=True)
