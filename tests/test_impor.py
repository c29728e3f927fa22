"""The import pipeline: canonical files, append and replace, dry run, restore, staged check,
personal data, and boundaries on the real Kota Bekasi list (BIG shapefile in UTM 48S)."""

from __future__ import annotations

import json
import shutil
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from siaga.data.store import Store
from siaga.inti.config import Paths
from siaga.inti.fileio import sisa_sementara
from siaga.inti.kontrak import INPUTS
from siaga.inti.masalah import MASKED, MasalahError
from siaga.masuk import impor, riwayat
from siaga.masuk.baca import baca_tabel
from siaga.masuk.periksa import validasi
from tests.conftest import FIXTURE, ROOT


def _typed(name: str, data: bytes) -> pd.DataFrame:
    inp = INPUTS[name]
    df, m = validasi(inp, baca_tabel(data, inp.berkas, inp).df)
    assert df is not None and not [x for x in m if x.tingkat == "galat"], [x.pesan() for x in m]
    return df.drop(columns="_baris").reset_index(drop=True)


# ------------------------------------------------------------------ canonical file

desimal = st.floats(min_value=0, max_value=1e7, allow_nan=False).map(lambda x: float(np.float64(x)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(desimal, desimal, st.floats(0, 100), st.integers(-10**6, 10**6)), min_size=1, max_size=8))
def test_canonical_file_reads_back_exactly(rows):
    """Whatever the value (12.345, 1e-05, 1234567.5), the stored text reads back as the same number."""
    inp = INPUTS["logistik_item"]
    df = pd.DataFrame({"kode_item": [f"K{i}" for i in range(len(rows))], "nama_item": "x", "satuan": "buah",
                       "per_tps": [r[0] for r in rows], "per_pemilih": [r[1] for r in rows],
                       "cadangan_persen": [r[2] for r in rows], "urutan": pd.array([r[3] for r in rows], dtype="Int64"),
                       "_baris": range(2, len(rows) + 2)})
    assert impor.cek_kanonik(inp, impor.kanonik(inp, df), df) == []


def test_canonical_demo_file_is_byte_identical():
    data = (ROOT / "data" / "logistik.csv").read_bytes()
    inp = INPUTS["logistik"]
    df, _ = validasi(inp, baca_tabel(data, inp.berkas, inp).df)
    assert impor.kanonik(inp, df) == data


# ------------------------------------------------------------------ append, replace, dry run

LAPORAN = (b"waktu;tahap;kode_lokasi;kode_item;jumlah_diterima;jumlah_rusak\n"
           b"26/11/2024 16.00;TPS;99.01.01.1002.001;KOTAK;2;0\n")


def test_log_report_is_appended_and_list_is_replaced(contoh_paths):
    before = _typed("logistik", (contoh_paths.data / "logistik.csv").read_bytes())
    lap = impor.impor(contoh_paths, "logistik", LAPORAN, "laporan kec alpha.csv", oleh="Budi")
    assert lap.ok and lap.versi and lap.mode == "tambah" and lap.baris_baru == 1
    after = _typed("logistik", (contoh_paths.data / "logistik.csv").read_bytes())
    assert len(after) == len(before) + 1
    pd.testing.assert_frame_equal(after.iloc[:-1], before)
    # the same report again: nothing new, nothing written, no version
    again = impor.impor(contoh_paths, "logistik", LAPORAN, "laporan kec alpha.csv", oleh="Budi")
    assert again.ok and not again.berubah and again.versi is None
    # replacing the whole log with the report leaves only its row
    ganti = impor.impor(contoh_paths, "logistik", LAPORAN, "laporan.csv", oleh="Budi", mode="ganti")
    assert ganti.ok and len(_typed("logistik", (contoh_paths.data / "logistik.csv").read_bytes())) == 1
    assert "logistik.csv diganti seluruhnya: 1 baris" in ganti.ringkasan()


def test_append_is_refused_for_lists(contoh_paths):
    data = (contoh_paths.data / "tps.csv").read_bytes()
    lap = impor.periksa(contoh_paths, "tps", data, "tps.csv", mode="tambah")
    assert not lap.ok and "bukan log peristiwa" in lap.teks()


def test_dry_run_writes_nothing(contoh_paths):
    files = {p: p.read_bytes() for p in contoh_paths.data.iterdir()}
    lap = impor.impor(contoh_paths, "logistik", LAPORAN, "lap.csv", oleh="x", uji=True)
    assert lap.ok and lap.berubah and lap.versi is None
    assert "Pemeriksaan saja (--dry-run)" in lap.ringkasan(uji=True)
    assert {p: p.read_bytes() for p in contoh_paths.data.iterdir() if p.is_file()} == files
    assert not (contoh_paths.data / riwayat.RIWAYAT).exists()


def test_import_needs_the_region_config_and_the_referenced_files(tmp_path):
    paths = Paths(tmp_path / "data", tmp_path / "geo")
    paths.data.mkdir()
    lap = impor.periksa(paths, "wilayah", (FIXTURE / "data" / "wilayah.csv").read_bytes(), "wilayah.csv")
    assert not lap.ok and "konfigurasi daerah diperlukan" in lap.teks()
    shutil.copy(FIXTURE / "data" / "wilayah.toml", paths.data)
    lap = impor.periksa(paths, "tps", (FIXTURE / "data" / "tps.csv").read_bytes(), "tps.csv")
    assert not lap.ok and "wilayah.csv belum ada di folder data" in lap.teks() and "lebih dulu" in lap.teks()


def test_staged_file_failing_its_check_replaces_nothing(contoh_paths, monkeypatch):
    from siaga.inti.masalah import Masalah

    old = (contoh_paths.data / "logistik.csv").read_bytes()
    seen = []

    def cek(b, tmp):
        seen.append((tmp.name, tmp.read_bytes() == b.isi))
        return [Masalah(b.nama, None, None, None, "uji: berkas sementara ditolak")]

    monkeypatch.setattr(impor, "_cek_tahap", lambda jenis, lap: cek)
    lap = impor.impor(contoh_paths, "logistik", LAPORAN, "lap.csv", oleh="x")
    assert not lap.ok and "uji: berkas sementara ditolak" in lap.teks()
    assert seen and seen[0][0].startswith(".logistik.csv.") and seen[0][1]     # checked on disk, beside the target
    assert (contoh_paths.data / "logistik.csv").read_bytes() == old
    assert sisa_sementara(contoh_paths.data) == []
    assert [(v.aksi, v.status) for v in riwayat.daftar(contoh_paths)] == [("awal", "selesai"), ("impor", "batal")]


def test_concurrent_import_waits_then_gives_up(contoh_paths):
    with riwayat.kunci(contoh_paths), pytest.raises(MasalahError) as exc, riwayat.kunci(contoh_paths, tunggu=0.3):
        pass
    assert "impor lain sedang berjalan" in exc.value.masalah[0].alasan


# ------------------------------------------------------------------ history and restore

def test_every_import_is_a_version_that_can_be_restored(contoh_paths):
    p = contoh_paths.data / "logistik.csv"
    asli = p.read_bytes()
    lap = impor.impor(contoh_paths, "logistik", LAPORAN, "lap.csv", oleh="Budi")
    versi = riwayat.daftar(contoh_paths)
    assert [(v.nomor, v.aksi, v.oleh, v.status) for v in versi] == [
        (1, "awal", "(tidak tercatat)", "selesai"), (2, "impor", "Budi", "selesai")]
    assert versi[1].sumber == "lap.csv" and versi[1].berkas[0]["baris"] == 14
    assert versi[1].berkas[0]["sha256"] == riwayat.sha256(p.read_bytes())
    assert lap.versi == 2 and riwayat.dipakai(contoh_paths, versi[1])
    back = impor.pulihkan(contoh_paths, 1, oleh="Sari")
    assert back.ok and back.versi == 3
    assert p.read_bytes() == asli
    v3 = riwayat.daftar(contoh_paths)[-1]
    assert (v3.aksi, v3.dari_versi, v3.oleh) == ("pulihkan", 1, "Sari")
    assert Store(contoh_paths).muat()
    # restoring what is already in place changes nothing
    same = impor.pulihkan(contoh_paths, 3, oleh="Sari")
    assert same.ok and not same.berubah and len(riwayat.daftar(contoh_paths)) == 3


def test_restore_that_would_break_references_is_refused(contoh_paths):
    w = (contoh_paths.data / "wilayah.csv").read_text()
    extra = w + "kelurahan,99.01.02.1002,Empat,99.01.02,,\n"
    assert impor.impor(contoh_paths, "wilayah", extra.encode(), "wilayah baru.csv", oleh="x").versi == 2
    tps = (contoh_paths.data / "tps.csv").read_text() + \
        "99.01.02.1002.001,99.01.02.1002,1,250,reguler,,,,tidak\n"
    assert impor.impor(contoh_paths, "tps", tps.encode(), "tps.csv", oleh="x").ok
    lap = impor.pulihkan(contoh_paths, 1, oleh="x")          # the old list, without kelurahan Empat
    assert not lap.ok and "tps.csv, baris 6, kolom kode_kelurahan" in lap.teks()
    assert "Empat" in (contoh_paths.data / "wilayah.csv").read_text()


def test_unknown_version(contoh_paths):
    with pytest.raises(MasalahError) as exc:
        impor.pulihkan(contoh_paths, 42, oleh="x")
    assert "versi 42 tidak ada di riwayat" in exc.value.masalah[0].alasan


# ------------------------------------------------------------------ personal data

def test_personal_file_preview_and_report_are_masked(contoh_paths):
    data = (FIXTURE / "data" / "netralitas_pribadi.csv").read_text().replace("N3,", "N4,").encode()
    lap = impor.impor(contoh_paths, "netralitas_pribadi", data, "pribadi.csv", oleh="x")
    assert lap.ok and lap.versi
    shown = lap.teks() + lap.pratinjau.to_csv()
    assert "SENTINEL" not in shown and "1980" not in shown and "Guru" not in shown
    assert (lap.pratinjau["nama_terlapor"] == MASKED).all()
    assert lap.pratinjau["id_kasus"].tolist() == ["N1", "N2", "N4"]


# ------------------------------------------------------------------ boundaries (Kota Bekasi, BIG, UTM 48S)

@pytest.fixture
def demo_paths(tmp_path) -> Paths:
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(ROOT / "geo", tmp_path / "geo")
    return Paths(tmp_path / "data", tmp_path / "geo")


def _big_desa(tmp_path, demo_paths):
    kel = gpd.read_file(demo_paths.geo / "kelurahan.geojson")
    ref = pd.read_csv(ROOT / "siaga" / "demo" / "referensi" / "kota-bekasi-wilayah.csv", dtype=str)
    kec = dict(zip(ref["kode"], ref["nama"]))
    big = gpd.GeoDataFrame({"NAMOBJ": kel["nama"].str.upper(), "WADMKD": kel["nama"],
                            "WADMKC": kel["kode"].str[:8].map(kec).str.upper(), "WADMKK": "Kota Bekasi",
                            "KDEPUM": kel["kode"]}, geometry=kel.geometry, crs=4326).to_crs(32748)
    folder = tmp_path / "shp"
    folder.mkdir()
    big.to_file(folder / "ADMINISTRASIDESA_AR_25K.shp", engine="pyogrio")
    z = tmp_path / "desa.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f"BIG/{f.name}")
    return kel, folder, z


def test_big_village_shapefile_in_utm_48s(tmp_path, demo_paths):
    kel, folder, z = _big_desa(tmp_path, demo_paths)
    lap = impor.impor(demo_paths, "batas", z.read_bytes(), z.name, oleh="x", turunkan=True)
    assert lap.ok, lap.teks()
    assert "UTM zone 48S (EPSG:32748)" in lap.teks() and "kelurahan" in lap.teks()
    assert [b.nama for b in lap.berkas] == ["kelurahan.geojson", "kecamatan.geojson"]
    out = {f["properties"]["kode"]: shape(f["geometry"]) for f in
           json.loads((demo_paths.geo / "kelurahan.geojson").read_text())["features"]}
    assert set(out) == set(kel["kode"])
    for kode, g in zip(kel["kode"], kel.geometry):
        assert shapely.hausdorff_distance(g, out[kode]) < 0.001          # simplified once, ~100 m at most
    kec = json.loads((demo_paths.geo / "kecamatan.geojson").read_text())["features"]
    assert len(kec) == 12
    store = Store(demo_paths)
    assert store.muat(), store.ditolak
    assert set(store.snapshot.batas) == {"kecamatan", "kelurahan"}
    # the same layer as a folder of shapefile parts (command line)
    lap2 = impor.periksa(demo_paths, "batas", None, folder.name, path=folder)
    assert lap2.ok and lap2.berkas[0].nama == "kelurahan.geojson"


def test_boundary_restore_is_one_version_for_both_files(tmp_path, demo_paths):
    _, _, z = _big_desa(tmp_path, demo_paths)
    kec_asli = (demo_paths.geo / "kecamatan.geojson").read_bytes()
    kel_asli = (demo_paths.geo / "kelurahan.geojson").read_bytes()
    lap = impor.impor(demo_paths, "batas", z.read_bytes(), z.name, oleh="x", turunkan=True)
    awal = [v for v in riwayat.daftar(demo_paths) if v.aksi == "awal"]
    assert len(awal) == 1 and {b["nama"] for b in awal[0].berkas} == {"kecamatan.geojson", "kelurahan.geojson"}
    back = impor.pulihkan(demo_paths, awal[0].nomor, oleh="x")
    assert back.ok and back.versi == lap.versi + 1
    assert (demo_paths.geo / "kecamatan.geojson").read_bytes() == kec_asli
    assert (demo_paths.geo / "kelurahan.geojson").read_bytes() == kel_asli
