"""The demo: reproducible from its seed, real facts where real, realistic simulated operations."""

from __future__ import annotations

import datetime as dt
import filecmp
import io

import numpy as np
import pandas as pd
import pytest

from siaga.demo.kota import LAMBAT, REF, buat
from tests.conftest import ROOT, baris_kecamatan


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    buat(out / "data", out / "geo")
    return out


def test_demo_command_regenerates_the_committed_files(regenerated):
    for folder in ("data", "geo"):
        names = sorted(p.name for p in (ROOT / folder).iterdir() if p.is_file() and not p.name.startswith("."))
        assert names == sorted(p.name for p in (regenerated / folder).iterdir())
        for name in names:
            assert filecmp.cmp(ROOT / folder / name, regenerated / folder / name, shallow=False), name


def test_real_facts_are_kept():
    ref = pd.read_csv(REF / "kota-bekasi-wilayah.csv", dtype=str)
    tps = pd.read_csv(ROOT / "data" / "tps.csv", dtype={"kode_kelurahan": str})
    wil = pd.read_csv(ROOT / "data" / "wilayah.csv", dtype=str)
    assert list(wil["kode"]) == list(ref["kode"]) and list(wil["nama"]) == list(ref["nama"])
    tps["kec"] = tps["kode_kelurahan"].str[:8]
    per_kec = tps.groupby("kec").agg(dpt=("dpt", "sum"), n=("kode_tps", "count"))
    kec = ref[ref["tingkat"] == "kecamatan"].set_index("kode")
    assert (per_kec["dpt"] == kec["dpt_pilkada2024"].astype(int)).all()
    assert (per_kec["n"] == kec["tps_pilkada2024"].astype(int)).all()
    assert per_kec["dpt"].sum() == 1_828_732 and per_kec["n"].sum() == 3_671
    assert tps["dpt"].max() <= 600


def test_operations_span_september_to_voting_day(demo_store):
    r = demo_store.query("rentang_data").iloc[0]
    assert r.tanggal_awal.date() <= dt.date(2024, 9, 7)
    assert r.tanggal_akhir.date() == dt.date(2024, 11, 27)


def test_lagging_kecamatan_are_last_on_logistics_at_h_minus_1(demo_store):
    kec = baris_kecamatan(demo_store.query("kesiapan_unit", tanggal=dt.date(2024, 11, 26), kecamatan=None))
    worst = set(kec.nsmallest(len(LAMBAT), "skor_logistik")["kode"])
    assert worst == set(LAMBAT)


def test_only_the_lagging_kecamatan_miss_the_h_minus_1_deadline(demo_store):
    w = demo_store.query("logistik_wilayah", tanggal=dt.date(2024, 11, 26), kecamatan=None)
    kec = w[w["tingkat"] == "kecamatan"].set_index("kode")
    siap = kec["tps_lengkap"] / kec["jumlah_tps"]
    assert (siap.drop(list(LAMBAT)) >= 0.97).all()
    assert (siap[list(LAMBAT)] < 0.8).all()


def test_some_neutrality_case_is_overdue(demo_store):
    r = demo_store.query("netralitas_ringkas", tanggal=dt.date(2024, 11, 27), kecamatan=None, batas_lapor=7).iloc[0]
    assert r.terlambat >= 1 and r.lapor_terlambat >= 1


def test_incident_bursts_in_the_quiet_period():
    ins = pd.read_csv(ROOT / "data" / "insiden.csv", parse_dates=["waktu"])
    first = ins.sort_values("waktu").drop_duplicates("id_insiden")
    per_day = first.groupby(first["waktu"].dt.date).size()
    campaign = per_day[(per_day.index >= dt.date(2024, 10, 1)) & (per_day.index <= dt.date(2024, 11, 15))].mean()
    assert per_day.get(dt.date(2024, 11, 24), 0) > 3 * campaign
    apk = first[first["kategori"] == "pelanggaran_apk"]
    assert (apk["waktu"].dt.date == dt.date(2024, 11, 24)).sum() >= 5


def test_neutrality_cases_at_every_stage(demo_store):
    import siaga.inti.kontrak as c

    cur = demo_store.snapshot.con.cursor()
    statuses = {s for (s,) in cur.execute("SELECT DISTINCT status FROM netralitas_asof($t)",
                                          {"t": dt.date(2024, 11, 27)}).fetchall()}
    assert statuses == {code for code, _ in c.STATUS_NETRALITAS}


def test_personal_file_is_fictional():
    p = pd.read_csv(ROOT / "data" / "netralitas_pribadi.csv", dtype=str, keep_default_na=False)
    assert p["nama_terlapor"].str.startswith("ASN FIKTIF").all()
    assert (p["nama_pelapor"].eq("") | p["nama_pelapor"].str.startswith("PELAPOR FIKTIF")).all()


# ------------------------------------------------------------------ real boundaries (issue 12, item 7)

def test_real_kelurahan_boundaries_come_in_through_the_boundary_import():
    import geopandas as gpd
    import shapely

    from siaga.demo.kota import BATAS_KELURAHAN, LISENSI_BATAS

    wil = pd.read_csv(ROOT / "data" / "wilayah.csv", dtype=str)
    kel = gpd.read_file(ROOT / "geo" / "kelurahan.geojson")
    kec = gpd.read_file(ROOT / "geo" / "kecamatan.geojson")
    assert len(kel) == 56 and sorted(kel["kode"]) == sorted(wil.loc[wil["tingkat"] == "kelurahan", "kode"])
    assert len(kec) == 12 and sorted(kec["kode"]) == sorted(wil.loc[wil["tingkat"] == "kecamatan", "kode"])
    nama = dict(zip(wil["kode"], wil["nama"]))
    assert all(nama[k] == n for k, n in zip(kel["kode"], kel["nama"]))        # official names from wilayah.csv
    luas_kel = kel.to_crs("EPSG:6933").area / 1e6                      # equal-area projection, km²
    luas_kec = kec.to_crs("EPSG:6933").area / 1e6
    assert 205 < luas_kel.sum() < 220                                   # Kota Bekasi is about 210 km²
    per_kec = luas_kel.groupby(kel["kode"].str[:8]).sum()
    for kode, luas in zip(kec["kode"], luas_kec):                        # each kecamatan dissolved from its kelurahan
        assert luas == pytest.approx(per_kec[kode], rel=0.01), kode
    ref = gpd.read_file(BATAS_KELURAHAN).set_index("kode")
    for kode, g in zip(kel["kode"], kel.geometry):   # the real shapes, simplified once (~45 m: a narrow one loses ~3%)
        assert shapely.hausdorff_distance(ref.geometry[kode], g) < 0.001, kode
        assert shapely.area(shapely.intersection(ref.geometry[kode], g)) > 0.95 * ref.geometry[kode].area, kode
    # the licence and the credit travel with the data
    assert (ROOT / "geo" / LISENSI_BATAS).read_bytes() == (REF / "batas" / LISENSI_BATAS).read_bytes()
    assert "MIT License" in (ROOT / "geo" / LISENSI_BATAS).read_text()
    sumber = (ROOT / "geo" / "SUMBER.md").read_text()
    assert "cahyadsn/wilayah_boundaries" in sumber and "LICENSE-wilayah_boundaries.txt" in sumber


def test_no_approximate_boundaries_caveat_for_kota_bekasi():
    from siaga.inti.config import muat_wilayah
    from siaga.model import grafik

    w = muat_wilayah(ROOT / "data")
    assert w.batas_perkiraan is False
    assert w.sumber_batas == "cahyadsn/wilayah_boundaries (© 2024 Cahya DSN, lisensi MIT)"
    catatan = grafik.catatan_batas(w.batas_perkiraan, w.sumber_batas)
    assert catatan == "Sumber batas wilayah: cahyadsn/wilayah_boundaries (© 2024 Cahya DSN, lisensi MIT)."
    assert "perkiraan" not in catatan
    assert grafik.catatan_batas(True, "") == grafik.BATAS_PERKIRAAN     # synthetic boundaries still say so


def test_tps_and_incidents_are_placed_inside_their_real_kelurahan():
    import geopandas as gpd
    import shapely

    kel = gpd.read_file(ROOT / "geo" / "kelurahan.geojson").set_index("kode").geometry
    tps = pd.read_csv(ROOT / "data" / "tps.csv", dtype={"kode_kelurahan": str})
    ins = pd.read_csv(ROOT / "data" / "insiden.csv", dtype={"kode_kelurahan": str}).dropna(subset=["lat", "lon"])
    for df in (tps, ins):
        titik = shapely.points(df["lon"].to_numpy(), df["lat"].to_numpy())
        di_dalam = shapely.contains(kel.reindex(df["kode_kelurahan"]).to_numpy(), titik)
        assert di_dalam.all(), df.loc[~di_dalam, "kode_kelurahan"].tolist()[:5]
    assert len(tps) == 3_671 and len(ins) > 100


def test_the_boundary_import_closes_slivers_but_keeps_enclaves():
    import shapely

    from siaga.masuk.impor_batas import tutup_celah

    kiri, kanan = shapely.box(0, 0, 1, 1), shapely.box(1.0002, 0, 2, 1)         # a 0,0002-wide gap between them
    celah = shapely.box(1, 0.4, 1.0002, 0.6)
    satu = shapely.union_all([kiri, kanan, shapely.box(0.99, 0, 1.01, 0.4), shapely.box(0.99, 0.6, 1.01, 1)])
    assert len(list(shapely.get_parts(satu)[0].interiors)) == 1                    # the gap left a hole
    g, n = tutup_celah(satu, satu)
    assert n == 1 and not list(shapely.get_parts(g)[0].interiors) and g.area == pytest.approx(satu.area + celah.area)
    enklave = shapely.box(0.4, 0.4, 0.6, 0.6)                                    # another unit inside: kept
    dengan_enklave = kiri.difference(enklave)
    g, n = tutup_celah(dengan_enklave, shapely.union_all([dengan_enklave, enklave]))
    assert n == 0 and g.equals(dengan_enklave)


def test_the_report_map_carries_the_credit(demo_store):
    from dataclasses import replace

    from PIL import Image

    from siaga.laporan import visual
    from siaga.model import paparan

    lap = paparan.susun(*paparan.dari_store(demo_store, dt.date(2024, 11, 23)))
    peta = lap.slide("kesiapan").peta
    assert peta.catatan == "Sumber batas wilayah: cahyadsn/wilayah_boundaries (© 2024 Cahya DSN, lisensi MIT)."
    u = visual.Ukuran(900, 560, 1.0)

    def bawah(p) -> np.ndarray:                                          # the strip along the bottom
        img = Image.open(io.BytesIO(visual.peta_png(p, u))).convert("L")
        return np.asarray(img)[-18:, :]

    assert (bawah(peta) < 160).sum() > 300                              # the credit is written there
    assert (bawah(replace(peta, sumber="")) < 160).sum() == 0           # nothing without one


def test_map_labels_sit_apart_on_the_real_kecamatan(demo_store):
    """Page maps put each name at the point of its kecamatan farthest from the edges: inside it, and
    (labels being wider than tall) far enough from every other label not to collide, which the
    first point inside a long kecamatan is not (Jatiasih and Pondokmelati)."""
    import itertools

    import shapely

    batas = demo_store.snapshot.batas["kecamatan"]
    geom = batas.gdf.set_index("kode").geometry

    def jarak_terdekat(titik: pd.DataFrame) -> float:
        t = titik.set_index("kode")
        return min(float(np.hypot(t.lon[a] - t.lon[b], 3 * (t.lat[a] - t.lat[b])))
                   for a, b in itertools.combinations(t.index, 2))

    label = batas.titik_label()
    assert all(geom[k].contains(shapely.Point(x, y)) for k, x, y in zip(label["kode"], label["lon"], label["lat"]))
    assert jarak_terdekat(label) > 0.03 > jarak_terdekat(batas.pusat())


def test_demo_command_refuses_broken_reference_boundaries_in_indonesian(tmp_path, monkeypatch, capsys):
    """Were the copied boundary file broken, ``python -m siaga demo`` says so in one Indonesian line
    per problem (file, reason), exits 1 and writes nothing."""
    import json

    from siaga import __main__ as cli
    from siaga.demo import kota

    rusak = tmp_path / "kota-bekasi-kelurahan.geojson"
    cincin = [[107, -6.3], [107.01, -6.3], [107.01, -6.29], [107, -6.3]]
    rusak.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kode": "99.99.99.9999", "nama": "Entah"},
         "geometry": {"type": "Polygon", "coordinates": [cincin]}}]}))
    monkeypatch.setattr(kota, "BATAS_KELURAHAN", rusak)
    keluar = tmp_path / "keluar"
    assert cli.main(["demo", "--data", str(keluar / "data"), "--geo", str(keluar / "geo")]) == 1
    err = capsys.readouterr().err
    assert "[galat] kota-bekasi-kelurahan.geojson" in err and "tidak ada fitur yang cocok" in err
    assert "Traceback" not in err and not keluar.exists()
