"""kill -9 during ``python -m siaga impor`` of the demo's largest file (logistik.csv, ~37k rows),
at every stage the command reports and at moments spread over its run: the data folder always
validates and serves either the previous version, intact, or the complete new one; never a mix,
and no temporary file is ever read as an input. The next command finishes the bookkeeping."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from siaga.data.store import Store
from siaga.inti.config import Paths
from siaga.inti.fileio import sisa_sementara
from siaga.inti.kontrak import DIMUAT, INPUTS
from siaga.masuk import riwayat
from tests.conftest import ROOT

TAHAP = ["membaca dan memeriksa", "mencatat riwayat", "menulis berkas sementara", "memeriksa berkas sementara",
         "mengganti berkas", "menandai versi selesai"]
SEBELUM_GANTI = TAHAP[:4]


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def laporan_besar(tmp_path_factory) -> Path:
    """The demo log as an Indonesian Excel export: semicolons, day-first times, thousands dots."""
    src = (ROOT / "data" / "logistik.csv").read_text(encoding="utf-8").splitlines()
    out = ["waktu;tahap;kode_lokasi;kode_item;jumlah_kebutuhan;jumlah_diterima;jumlah_rusak;catatan"]
    for line in src[1:]:
        w, tahap, lok, item, keb, dit, rus, cat = line.split(",", 7)
        d, t = w.split(" ")
        y, m, dd = d.split("-")
        def fmt(x):
            return f"{int(x):,}".replace(",", ".") if x else ""
        out.append(";".join([f"{dd}/{m}/{y} {t.replace(':', '.')}", tahap.upper(), lok, item, fmt(keb), fmt(dit),
                             fmt(rus), cat or "diimpor ulang"]))
    p = tmp_path_factory.mktemp("kill") / "logistik_ekspor_excel.csv"
    p.write_bytes(("\n".join(out) + "\n").encode("utf-8-sig"))
    return p


def _folder(tmp: Path) -> Paths:
    shutil.copytree(ROOT / "data", tmp / "data", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(ROOT / "geo", tmp / "geo")
    return Paths(tmp / "data", tmp / "geo")


def _mulai(paths: Paths, berkas: Path) -> subprocess.Popen:
    env = dict(os.environ, SIAGA_DATA=str(paths.data), SIAGA_GEO=str(paths.geo))
    return subprocess.Popen([sys.executable, "-m", "siaga", "impor", str(berkas), "--jenis", "logistik", "--mode",
                             "ganti", "--oleh", "uji-kill"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def rujukan(tmp_path_factory, laporan_besar):
    """One uninterrupted run: the new file it writes and how long it takes."""
    paths = _folder(tmp_path_factory.mktemp("rujukan"))
    started = time.monotonic()
    proc = _mulai(paths, laporan_besar)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, out + err
    return {"baru": _sha(paths.data / "logistik.csv"), "durasi": time.monotonic() - started,
            "lama": _sha(ROOT / "data" / "logistik.csv")}


def _periksa_setelah_kill(paths: Paths, rujukan: dict) -> str:
    """The folder right after the kill, before anything repairs it."""
    target = paths.data / "logistik.csv"
    sha = _sha(target)
    assert sha in (rujukan["lama"], rujukan["baru"]), "logistik.csv is neither the old nor the new version"
    # nothing but the contract's files can be read as inputs: leftovers are hidden temporaries
    inputs = {INPUTS[n].berkas for n in DIMUAT} | {"wilayah.toml", "netralitas_pribadi.csv"}
    for p in paths.data.iterdir():
        assert p.name in inputs or p.name.startswith("."), p.name
    store = Store(paths)
    assert store.muat(), [m.pesan() for m in store.ditolak]
    # a re-vote's own preparation rows are kept apart from the regular ones (logistik_ulang)
    n = store.snapshot.cursor().execute(
        "SELECT (SELECT count(*) FROM logistik) + (SELECT count(*) FROM logistik_ulang)").fetchone()[0]
    # the old and the new file hold the same events (the export only changes their notation)
    assert n == len((ROOT / "data" / "logistik.csv").read_text(encoding="utf-8").splitlines()) - 1
    return "lama" if sha == rujukan["lama"] else "baru"


def _pulihkan_catatan(paths: Paths, keadaan: str) -> None:
    """The next command that takes the history lock (an import, a restore) finishes the bookkeeping
    and removes the leftovers; ``riwayat`` itself only reads, without a lock."""
    with riwayat.kunci(paths):
        pass
    env = dict(os.environ, SIAGA_DATA=str(paths.data), SIAGA_GEO=str(paths.geo))
    out = subprocess.run([sys.executable, "-m", "siaga", "riwayat"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert sisa_sementara(paths.data) == []
    versi = [v for v in riwayat.daftar(paths) if v.aksi == "impor"]
    assert all(v.status != riwayat.MENUNGGU for v in versi)
    if keadaan == "baru":
        assert versi and versi[-1].status == riwayat.SELESAI and riwayat.dipakai(paths, versi[-1])
    else:
        assert all(v.status == riwayat.BATAL for v in versi)
        awal = [v for v in riwayat.daftar(paths) if v.aksi == "awal"]
        assert not awal or riwayat.dipakai(paths, awal[-1])


@pytest.mark.parametrize("tahap", TAHAP[:5])
def test_kill_at_each_reported_stage(tmp_path, laporan_besar, rujukan, tahap):
    paths = _folder(tmp_path)
    proc = _mulai(paths, laporan_besar)
    seen = []
    for line in proc.stderr:
        seen.append(line.strip())
        if tahap in line:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, seen
    keadaan = _periksa_setelah_kill(paths, rujukan)
    if tahap in SEBELUM_GANTI:
        assert keadaan == "lama"          # killed before the atomic replace: the previous data, intact
    _pulihkan_catatan(paths, keadaan)


@pytest.mark.parametrize("bagian", [0.2, 0.5, 0.8])
def test_kill_at_moments_across_the_run(tmp_path, laporan_besar, rujukan, bagian):
    paths = _folder(tmp_path)
    proc = _mulai(paths, laporan_besar)
    time.sleep(rujukan["durasi"] * bagian)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    keadaan = _periksa_setelah_kill(paths, rujukan)
    _pulihkan_catatan(paths, keadaan)
