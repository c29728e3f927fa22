"""Shared fixtures: the fictional Kota Contoh dataset (copied, so tests may change it) and a
Streamlit cache reset between app tests."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests must not fail because a shared 2-core machine was busy: no per-example deadline.
settings.register_profile("siaga", deadline=None, print_blob=True)
settings.load_profile("siaga")

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "kota_contoh"
ARTEFAK = ROOT / "tests" / "artefak"


@pytest.fixture(autouse=True)
def _cache_sementara(monkeypatch, tmp_path_factory):
    """Parquet caches of large files and published snapshots go to temporary folders, never into
    the repository; the app builds its snapshots in its own process (``SIAGA_PEMUAT=sendiri``), as
    the command-line tools do, so an AppTest needs no loader process."""
    monkeypatch.setenv("SIAGA_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("SIAGA_TERBIT", str(tmp_path_factory.mktemp("terbit")))
    monkeypatch.setenv("SIAGA_PEMUAT", "sendiri")


@pytest.fixture
def contoh_dir(tmp_path: Path) -> Path:
    """A writable copy of the Kota Contoh inputs: ``<tmp>/data`` and ``<tmp>/geo``."""
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "geo", tmp_path / "geo")
    return tmp_path


@pytest.fixture
def contoh_paths(contoh_dir: Path):
    from siaga.inti.config import Paths

    return Paths(contoh_dir / "data", contoh_dir / "geo")


@pytest.fixture(scope="session")
def contoh_store(tmp_path_factory):
    """A loaded store over the (read-only) fixture; shared by query tests."""
    from siaga.data.store import Store
    from siaga.inti.config import Paths

    s = Store(Paths(FIXTURE / "data", FIXTURE / "geo", tmp_path_factory.mktemp("terbit-contoh")), pemuat="sendiri")
    assert s.muat(), s.ditolak
    return s


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    from siaga.data.store import Store
    from siaga.inti.config import Paths

    s = Store(Paths(ROOT / "data", ROOT / "geo", tmp_path_factory.mktemp("terbit-demo")), pemuat="sendiri")
    assert s.muat(), s.ditolak
    return s


SANDI_UJI = "sandi-uji-panjang"


@pytest.fixture(scope="session")
def hash_uji() -> str:
    """The argon2 hash of :data:`SANDI_UJI` (hashing costs tens of milliseconds: once per run)."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(SANDI_UJI)


def tulis_pengguna(folder: Path, hash_: str, *users: tuple[str, str, str | None]) -> None:
    """A users file with ``(nama, peran, kecamatan)`` users, all with the password :data:`SANDI_UJI`
    (for a lurah the third element is the kelurahan code)."""
    from siaga.akses import pengguna

    folder.mkdir(parents=True, exist_ok=True)
    pengguna.tulis_json(folder / pengguna.BERKAS, {"format": 1, "pengguna": [
        {"nama": n, "peran": r, "kecamatan": k[:8] if k else None, "kelurahan": k if r == "lurah" else None,
         "email": None, "hash": hash_, "dibuat": "2024-11-01T08:00:00", "diubah": "2024-11-01T08:00:00"}
        for n, r, k in users]})


@pytest.fixture
def app_env(monkeypatch, tmp_path_factory, hash_uji):
    """Point the app at a data folder, start from empty Streamlit caches, and log every AppTest
    session in as a configured user: ``admin`` unless ``peran`` (and ``kecamatan`` for a camat)
    says otherwise; ``peran=None`` leaves the session logged out (the log-in form, or the public
    demo when ``pengguna=False``: no users configured). The access folder is a fresh temporary one
    (``use.akses``), so the fixture's data folder stays untouched."""
    import streamlit as st

    from siaga.akses import Akses, gerbang

    akses_dir = tmp_path_factory.mktemp("akses")
    monkeypatch.setenv("SIAGA_AKSES", str(akses_dir))
    jaga_asli = gerbang.jaga

    def use(data: Path, geo: Path, peran: str | None = "admin", kecamatan: str | None = None,
            pengguna: bool = True, nama: str = "uji") -> None:
        monkeypatch.setenv("SIAGA_DATA", str(data))
        monkeypatch.setenv("SIAGA_GEO", str(geo))
        monkeypatch.setenv("SIAGA_TERBIT", str(tmp_path_factory.mktemp("terbit")))
        st.cache_data.clear()
        st.cache_resource.clear()
        if pengguna:
            tulis_pengguna(akses_dir, hash_uji, (nama, peran or "admin", kecamatan if peran else None),
                           *([("uji", "admin", None)] if nama != "uji" else []))

        def jaga_uji():
            if peran is not None and gerbang.SESI not in st.session_state:
                lurah = peran == "lurah"
                gerbang._mulai_sesi(Akses(nama, peran, kecamatan[:8] if lurah else kecamatan,
                                          kecamatan if lurah else None), "sandi")
            return jaga_asli()

        monkeypatch.setattr(gerbang, "jaga", jaga_uji)

    use.akses = akses_dir
    yield use
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def artefak() -> Path:
    ARTEFAK.mkdir(exist_ok=True)
    return ARTEFAK


# The slow part of the suite: a real browser, reports drawn by chromium, processes killed mid-import,
# national-scale data. `scripts/uji -m "not lambat"` runs the rest in a few minutes.
LAMBAT = ("tests/browser/", "tests/test_laporan.py", "tests/test_impor_kill.py", "tests/test_app_ikhtisar.py",
          "tests/test_muat_ulang.py",
          "tests/test_demo_nasional.py")


def pytest_configure(config):
    os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(item.path).relative_to(ROOT).as_posix().startswith(LAMBAT):
            item.add_marker(pytest.mark.lambat)


def konteks_uji(tanggal, kecamatan: str | None = None, kelurahan: str | None = None, jendela: str = "semua",
                akses=None, data: Path = FIXTURE / "data", nama_kecamatan: dict | None = None,
                batas: dict | None = None, rentang=None):
    """A screen view (:class:`siaga.model.konteks.Konteks`) over the Kota Contoh configuration, for model
    tests that pass their own query function; the data period is the as-of day unless given."""
    import datetime as dt

    from siaga.akses import TAMU
    from siaga.inti.config import muat_wilayah
    from siaga.model.konteks import Konteks, Rentang

    rentang = rentang or Rentang(tanggal, tanggal, dt.datetime.combine(tanggal, dt.time(23, 59, 59)))
    return Konteks(wilayah=muat_wilayah(data), versi="uji", tanggal=tanggal, kecamatan=kecamatan, kelurahan=kelurahan,
                   jendela=jendela, nama_kecamatan=nama_kecamatan or {"99.01.01": "Alpha", "99.01.02": "Beta"},
                   nama_kelurahan={}, rentang=rentang, akses=akses or TAMU, batas=batas or {})


def baris_kecamatan(unit):
    """The kecamatan rows of a ``kesiapan_unit`` result (the region's kecamatan, or the scope's own
    kecamatan when the query is scoped to one), in the query's order."""
    return unit[unit["tingkat"] == "kecamatan"].reset_index(drop=True)


def jalankan_async(coro):
    """Run a coroutine to completion on a thread of its own: in one pytest process the browser tests'
    Playwright (sync API) keeps an event loop running on the main thread, where asyncio.run refuses."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
