"""The architecture, checked on the source (docs/architecture.md says the same in words):

- sub-packages in layers, each importing only from its own layer or the ones below it;
- no import cycle between modules, and no module importing another's private names;
- Streamlit only in the glue (siaga/tampilan, siaga/akses/gerbang.py, pages/, dashboard.py);
- one Streamlit-free model per screen, with the same shape everywhere;
- one naming rule: Indonesian for what the project names, one meaning per public name."""

from __future__ import annotations

import ast
import importlib
import re
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import ROOT

SIAGA = ROOT / "siaga"
# Lowest first: a module may import from its own sub-package and the ones before it.
LAPISAN = ("inti", "masuk", "akses", "data", "model", "laporan", "kirim", "tampilan", "layan")
DEMO_BOLEH = {"inti", "masuk", "demo"}      # the demo brings its boundaries in through the import
GLUE = ("siaga/tampilan/", "siaga/akses/gerbang.py")
LAYAR = ("ringkasan", "kesiapan", "logistik", "insiden", "netralitas", "ikhtisar")
# English verbs the project does not use for its own functions (it says buat, muat, baca, tulis, urai…).
KATA_INGGRIS = re.compile(r"^(make|load|get|set|build|create|generate|write|read|parse|open|fetch|render|compute|"
                          r"check|update|delete|remove|save)(_|$)")


def _modul() -> dict[str, Path]:
    out = {}
    for p in SIAGA.rglob("*.py"):
        parts = p.relative_to(ROOT).with_suffix("").parts
        nama = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[nama] = p
    return out


MODUL = _modul()


def _impor(nama: str) -> list[tuple[str, str, int]]:
    """(module imported, name imported or "", line) for every siaga import in ``nama``, anywhere in it."""
    out = []
    for node in ast.walk(ast.parse(MODUL[nama].read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("siaga"):
            for a in node.names:
                full = f"{node.module}.{a.name}"
                out.append((full if full in MODUL else node.module, "" if full in MODUL else a.name, node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names if a.name.startswith("siaga")]
    return out


def _lapisan(nama: str) -> str | None:
    parts = nama.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in (*LAPISAN, "demo") else None


def test_every_module_sits_in_a_sub_package():
    lepas = [n for n in MODUL if n.count(".") == 1 and n not in ("siaga.__main__",) and _lapisan(n) is None]
    assert lepas == [], f"modules outside the sub-packages: {lepas}"


def test_layers_import_downwards_only():
    salah = []
    for nama in MODUL:
        asal = _lapisan(nama)
        if asal is None:
            continue
        boleh = DEMO_BOLEH if asal == "demo" else set(LAPISAN[:LAPISAN.index(asal) + 1])
        for target, _, baris in _impor(nama):
            tujuan = _lapisan(target)
            if tujuan is not None and tujuan not in boleh:
                salah.append(f"{nama}:{baris} imports {target}")
    assert salah == []


def test_no_import_cycles():
    graf = {n: {t for t, _, _ in _impor(n) if t in MODUL and t != n} for n in MODUL}
    siklus = []
    warna: dict[str, int] = {}

    def kunjungi(n: str, jalur: list[str]) -> None:
        warna[n] = 1
        for t in graf[n]:
            if warna.get(t) == 1:
                siklus.append(" -> ".join([*jalur[jalur.index(t):], t]))
            elif t not in warna:
                kunjungi(t, [*jalur, t])
        warna[n] = 2

    for n in sorted(graf):
        if n not in warna:
            kunjungi(n, [n])
    assert siklus == []


def test_no_module_imports_another_modules_private_names():
    salah = [f"{n}:{b} imports {nm} from {t}" for n in MODUL for t, nm, b in _impor(n) if nm.startswith("_")]
    assert salah == []


def test_streamlit_lives_in_the_glue_only():
    salah = [str(p.relative_to(ROOT)) for p in MODUL.values()
             if re.search(r"^\s*(import streamlit|from streamlit)", p.read_text(), re.M)
             and not str(p.relative_to(ROOT)).startswith(GLUE)]
    assert salah == []


@pytest.mark.parametrize("layar", LAYAR)
def test_one_model_per_screen(layar):
    """Each screen: a ``susun(q, k, ...)`` building a frozen ``Halaman…`` dataclass, Streamlit-free."""
    m = importlib.import_module(f"siaga.model.{layar}")
    kelas = [getattr(m, n) for n in dir(m) if n.startswith("Halaman") and isinstance(getattr(m, n), type)]
    assert len(kelas) == 1 and kelas[0].__dataclass_params__.frozen
    param = list(m.susun.__code__.co_varnames[:2])
    assert param == ["q", "k"]
    page = (ROOT / "pages" / f"{layar}.py").read_text()
    assert f"{layar}.susun" in page or "model_ikhtisar" in page          # the page renders that model


def _nama_publik() -> tuple[dict, dict, dict]:
    kelas, konstanta, fungsi = defaultdict(list), defaultdict(list), defaultdict(list)
    for nama, p in MODUL.items():
        for node in ast.parse(p.read_text()).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                kelas[node.name].append(nama)
            elif isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                fungsi[node.name].append(nama)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    if isinstance(t, ast.Name) and t.id.isupper() and not t.id.startswith("_"):
                        konstanta[t.id].append(nama)
    return kelas, konstanta, fungsi


def test_one_meaning_per_public_class_and_constant():
    """A public class or constant is defined in one module only; others import it from there."""
    kelas, konstanta, _ = _nama_publik()
    assert {k: v for k, v in kelas.items() if len(v) > 1} == {}
    assert {k: v for k, v in konstanta.items() if len(v) > 1} == {}


def test_functions_are_named_in_indonesian():
    _, _, fungsi = _nama_publik()
    salah = sorted(n for n in fungsi if KATA_INGGRIS.match(n))
    assert salah == []
