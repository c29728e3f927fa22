"""The demo: reproducible from its seed, real facts where real, realistic simulated operations."""

from __future__ import annotations

import datetime as dt
import filecmp

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

    cur = demo_store.snapshot.cursor()
    statuses = {s for (s,) in cur.execute("SELECT DISTINCT status FROM netralitas_asof($t)",
                                          {"t": dt.date(2024, 11, 27)}).fetchall()}
    assert statuses == {code for code, _ in c.STATUS_NETRALITAS}


def test_personal_file_is_fictional():
    p = pd.read_csv(ROOT / "data" / "netralitas_pribadi.csv", dtype=str, keep_default_na=False)
    assert p["nama_terlapor"].str.startswith("ASN FIKTIF").all()
    assert (p["nama_pelapor"].eq("") | p["nama_pelapor"].str.startswith("PELAPOR FIKTIF")).all()
