"""Shared fixtures: the fictional Kota Contoh dataset (copied, so tests may change it) and a
Streamlit cache reset between app tests."""

from __future__ import annotations

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


@pytest.fixture
def contoh_dir(tmp_path: Path) -> Path:
    """A writable copy of the Kota Contoh inputs: ``<tmp>/data`` and ``<tmp>/geo``."""
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "geo", tmp_path / "geo")
    return tmp_path


@pytest.fixture
def contoh_paths(contoh_dir: Path):
    from siaga.config import Paths

    return Paths(contoh_dir / "data", contoh_dir / "geo")


@pytest.fixture(scope="session")
def contoh_store():
    """A loaded store over the (read-only) fixture; shared by query tests."""
    from siaga.config import Paths
    from siaga.store import Store

    s = Store(Paths(FIXTURE / "data", FIXTURE / "geo"))
    assert s.load(), s.ditolak
    return s


@pytest.fixture(scope="session")
def demo_store():
    from siaga.config import Paths
    from siaga.store import Store

    s = Store(Paths(ROOT / "data", ROOT / "geo"))
    assert s.load(), s.ditolak
    return s


@pytest.fixture
def app_env(monkeypatch):
    """Point the app at a data folder and start from empty Streamlit caches."""
    import streamlit as st

    def use(data: Path, geo: Path) -> None:
        monkeypatch.setenv("SIAGA_DATA", str(data))
        monkeypatch.setenv("SIAGA_GEO", str(geo))
        st.cache_data.clear()
        st.cache_resource.clear()

    yield use
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def artefak() -> Path:
    ARTEFAK.mkdir(exist_ok=True)
    return ARTEFAK


def pytest_configure(config):
    os.environ.setdefault("MPLBACKEND", "Agg")
