"""The corpus of awkward input files (tests/korpus): each one is imported into a fresh copy of
Kota Contoh and must give exactly the outcome written in tests/korpus/korpus.toml, either
accepted with the right typed values (read back from the stored file, and the store loads the
result), or refused with the right message and nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from siaga.data.store import Store
from siaga.inti.kontrak import INPUTS
from siaga.masuk import geo, impor, riwayat
from siaga.masuk.baca import baca_tabel
from siaga.masuk.periksa import validasi
from tests.conftest import ROOT

KORPUS = ROOT / "tests" / "korpus"
KASUS = tomllib.loads((KORPUS / "korpus.toml").read_text(encoding="utf-8"))["kasus"]


def _sidik(paths) -> dict[str, str]:
    return {f"{p.parent.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
            for d in (paths.data, paths.geo) for p in sorted(d.iterdir()) if p.is_file()}


def _tabel(paths, jenis: str) -> pd.DataFrame:
    inp = INPUTS[jenis]
    df, masalah = validasi(inp, baca_tabel((paths.data / inp.berkas).read_bytes(), inp.berkas, inp).df)
    assert df is not None and not [m for m in masalah if m.tingkat == "galat"]
    return df


def _sama(nyata, harap) -> bool:
    if isinstance(harap, dt.datetime):
        return pd.Timestamp(nyata) == pd.Timestamp(harap)
    if isinstance(harap, dt.date):
        return pd.Timestamp(nyata).date() == harap
    if isinstance(harap, float):
        return abs(float(nyata) - harap) < 1e-9
    if isinstance(harap, bool):
        return bool(nyata) is harap
    return nyata == harap


def test_corpus_is_complete():
    files = sorted(p.name for p in KORPUS.iterdir() if p.name[:2].isdigit())
    assert sorted(k["berkas"] for k in KASUS) == files
    assert len(files) >= 30
    assert {k["hasil"] for k in KASUS} == {"diterima", "ditolak"}


@pytest.mark.parametrize("kasus", KASUS, ids=[k["berkas"] for k in KASUS])
def test_corpus_case(kasus, contoh_paths):
    paths = contoh_paths
    sebelum = _sidik(paths)
    src = KORPUS / kasus["berkas"]
    lap = impor.impor(paths, kasus["jenis"], src.read_bytes(), src.name, oleh="uji")
    pratinjau = "" if lap.pratinjau is None else lap.pratinjau.to_csv()
    laporan = lap.teks() + "\n" + pratinjau

    assert lap.ok is (kasus["hasil"] == "diterima"), laporan
    for teks in kasus.get("pesan", []):
        assert teks in laporan, (teks, laporan)
    for rahasia in kasus.get("rahasia", []):
        assert rahasia not in laporan, rahasia

    berubah = kasus["hasil"] == "diterima" and kasus.get("berubah", True)
    if not berubah:
        # refused, or nothing new: every file exactly as before and no version recorded
        assert _sidik(paths) == sebelum
        assert lap.versi is None
        assert not [v for v in riwayat.daftar(paths) if v.aksi == riwayat.AKSI_IMPOR]
    else:
        assert lap.versi is not None and _sidik(paths) != sebelum
        assert [v.status for v in riwayat.daftar(paths) if v.nomor == lap.versi] == [riwayat.SELESAI]
        store = Store(paths)
        assert store.muat(), [m.pesan() for m in store.ditolak]

    for cek in kasus.get("nilai", []):
        df = _tabel(paths, kasus["jenis"])
        hit = df
        for kolom, v in cek["cari"].items():
            hit = hit[[_sama(x, v) for x in hit[kolom]]]
        assert len(hit) == 1, (cek["cari"], df)
        row = hit.iloc[0]
        for kolom, v in cek["harap"].items():
            assert _sama(row[kolom], v), (kolom, row[kolom], v)

    if "batas" in kasus:
        b = kasus["batas"]
        fc = json.loads((paths.geo / geo.BERKAS_BATAS[b["tingkat"]]).read_text(encoding="utf-8"))
        assert sorted(f["properties"]["kode"] for f in fc["features"]) == sorted(b["kode"])
        for f in fc["features"]:
            g = shape(f["geometry"])
            assert g.is_valid and g.geom_type in ("Polygon", "MultiPolygon") and not g.has_z
            assert all(shapely.is_ccw(p.exterior) for p in shapely.get_parts(g))     # RFC 7946
            minx, miny, maxx, maxy = g.bounds
            assert 109.9 < minx < maxx < 110.35 and -7.2 < miny < maxy < -6.8


def test_boundaries_keep_their_shape(contoh_paths):
    """A UTM 49S shapefile comes back where the original WGS84 polygons were (within ~1 m)."""
    original = {f["properties"]["kode"]: shape(f["geometry"]) for f in json.loads(
        (contoh_paths.geo / "kecamatan.geojson").read_text())["features"]}
    src = KORPUS / "37_batas_kecamatan_big_utm49s.zip"
    lap = impor.impor(contoh_paths, "batas", src.read_bytes(), src.name, oleh="uji")
    assert lap.ok and lap.versi
    baru = {f["properties"]["kode"]: shape(f["geometry"]) for f in json.loads(
        (contoh_paths.geo / "kecamatan.geojson").read_text())["features"]}
    for kode, g in original.items():
        assert shapely.hausdorff_distance(g, baru[kode]) < 2e-5, kode
