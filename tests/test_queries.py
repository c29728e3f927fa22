"""Every SQL file: header matches binds and output; expected figures on the Kota Contoh
fixture (computed by hand in tests/fixtures/kota_contoh/README.md); dbt-style invariants on
the demo data at several dates."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from siaga.data import queries
from siaga.data.store import QueryError
from siaga.model import level
from tests.conftest import baris_kecamatan

TGL = dt.date(2024, 11, 25)
REGISTRY = queries.daftar()
MODELS = {m.name: m for m in queries.model_sql()}
MACRO_NAME = {name: m.sql.split("MACRO", 1)[1].split("(")[0].strip() for name, m in MODELS.items()
              if "MACRO" in m.sql and "AS TABLE" in m.sql}
TABLE_NAME = {name: m.sql.split("TABLE", 1)[1].split()[0] for name, m in MODELS.items()
              if m.sql.lstrip("-").find("CREATE OR REPLACE TABLE") >= 0 and "MACRO" not in m.sql}
# Statements that move the re-votes' own rows out of an input table into the table of the file
# without "_pisah" (00_ulang_logistik_pisah -> 00_ulang_logistik: logistik -> logistik_ulang).
DELETE_NAME = {name: m.sql.split("DELETE FROM", 1)[1].split()[0] for name, m in MODELS.items()
               if "DELETE FROM" in m.sql}


def default_params(q, kecamatan=None):
    values = {"tanggal": TGL, "kecamatan": kecamatan, "jumlah": 5}
    values["batas_lapor"] = 7             # netralitas_*: days allowed between event and report
    values.update(kelurahan=None, mulai=None, hari_tempo=2)   # insiden_*: scope, window start, due-soon days
    values["batas"] = TGL + dt.timedelta(days=1)              # logistik_laju: the H-1 deadline
    values["induk"] = "99.01"                                 # ikhtisar_*: the overview's parent unit
    values["tingkat"] = "kecamatan"                           # ikhtisar_unit: the level listed
    values["awalan"] = kecamatan                              # model macros: the places of one unit
    values.update(awal=TGL - dt.timedelta(days=10), akhir=TGL + dt.timedelta(days=3))   # rencana_*: the plan's days
    saat = dt.datetime.combine(TGL, dt.time(23, 59, 59))
    values.update(dari=saat - dt.timedelta(days=1), sampai=saat)             # *_berubah, layanan_*: a window
    values["mulai"] = values["mulai"] if "sampai" not in q.params else saat - dt.timedelta(hours=24)
    values.update(hari=TGL, ulang=None)                       # pemungutan_*: the voting day, no re-vote
    values.update(saat=saat, sekarang=saat, id_tugas="TGS-1")                # tugas_*: rows up to, lateness at
    return {p: values[p] for p in q.params}


# ------------------------------------------------------------------ headers and shapes

@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_header_declares_exactly_the_binds(name):
    q = REGISTRY[name]
    assert q.doc, f"{name}: header comment must describe the query"
    assert q.columns, f"{name}: header must list output columns"
    assert q.binds() == set(q.params), f"{name}: header params {set(q.params)} != binds {q.binds()}"
    # the kept per-date tables it reads are declared (``-- reads:``), so the store fills them first:
    # exactly those named in its SQL outside comments, and a misspelt declaration is caught too
    lesen = {t for t in ("ringkas_simpan", "kesiapan_simpan", "logistik_simpan")
             if re.search(rf"\b{t}\b", re.sub(r"--[^\n]*", "", q.sql))}
    assert q.baca == lesen, f"{name}: header reads {set(q.baca)} != tables read {lesen}"


def test_reads_header_is_parsed():
    q = queries.urai("x", "-- What it does.\n-- reads: kesiapan_simpan, logistik_simpan\n-- params:\n"
                          "--   tanggal: DATE, as-of date\n-- columns:\n--   a: INTEGER, a\nSELECT 1")
    assert q.baca == {"kesiapan_simpan", "logistik_simpan"}
    assert q.doc == "What it does." and set(q.params) == {"tanggal"}


@pytest.mark.parametrize("name", sorted(REGISTRY))
@pytest.mark.parametrize("kecamatan", [None, "99.01.01", "99.01.02"])
def test_query_columns_match_header(contoh_store, name, kecamatan):
    q = REGISTRY[name]
    df = contoh_store.query(name, **default_params(q, kecamatan))
    assert list(df.columns) == list(q.columns), name


@pytest.mark.parametrize("name", sorted(MACRO_NAME))
def test_model_macro_columns_match_header(contoh_store, name):
    m = MODELS[name]
    cur = contoh_store.snapshot.cursor()
    # identifiers from our own file, values bound; optional parameters go by name
    args = ", ".join(f"{p} := ${p}" if p in m.opsional else f"${p}" for p in m.params)
    rel = cur.execute(f"SELECT * FROM {MACRO_NAME[name]}({args})", default_params(m, "99.01.01"))
    cols = [d[0] for d in rel.description]
    assert cols == list(m.columns), name
    assert "tanggal" in m.params or {"awal", "akhir"} <= set(m.params)     # one day, or a range of days


@pytest.mark.parametrize("name", sorted(TABLE_NAME))
def test_model_table_columns_match_header(contoh_store, name):
    m = MODELS[name]
    cols = [r[0] for r in contoh_store.snapshot.cursor().execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = $t AND table_catalog = 'data' "
        "ORDER BY ordinal_position",
        {"t": TABLE_NAME[name]}).fetchall()]
    assert cols == list(m.columns), name


def test_every_model_file_is_checked():
    scalar = {n for n, m in MODELS.items() if "MACRO" in m.sql and "AS TABLE" not in m.sql}
    assert set(MODELS) == set(MACRO_NAME) | set(TABLE_NAME) | scalar | set(DELETE_NAME)


@pytest.mark.parametrize("name", sorted(DELETE_NAME))
def test_every_split_keeps_what_it_takes_out(name):
    """A DELETE model runs after the file that copies the same rows into ``<table>_ulang``."""
    asal = name.removesuffix("_pisah")
    assert asal != name and asal < name
    assert TABLE_NAME[asal] == f"{DELETE_NAME[name]}_ulang"
    sql = MODELS[name].sql
    assert "EXISTS" in sql and sql.split("EXISTS", 1)[1].strip() in MODELS[asal].sql     # the same re-vote test


def test_unknown_query_and_wrong_params_are_refused(contoh_store):
    with pytest.raises(QueryError):
        contoh_store.query("tidak_ada")
    with pytest.raises(QueryError):
        baris_kecamatan(contoh_store.query("kesiapan_unit", tanggal=TGL))
    with pytest.raises(QueryError):
        baris_kecamatan(contoh_store.query("kesiapan_unit", tanggal=TGL, kecamatan=None, lain=1))


def test_injection_through_a_parameter_is_just_a_value(contoh_store):
    df = baris_kecamatan(contoh_store.query("kesiapan_unit", tanggal=TGL, kecamatan="99.01.01' OR '1'='1"))
    assert df.empty
    assert len(baris_kecamatan(contoh_store.query("kesiapan_unit", tanggal=TGL, kecamatan=None))) == 2


# ------------------------------------------------------------------ expected figures (Kota Contoh)

def test_kesiapan_kecamatan_expected(contoh_store):
    df = baris_kecamatan(contoh_store.query("kesiapan_unit", tanggal=TGL, kecamatan=None)).set_index("kode")
    a, b = df.loc["99.01.01"], df.loc["99.01.02"]
    assert a.skor_logistik == pytest.approx((100 * 100 + 90 * 300 + 50 * 200) / 600)
    assert a.skor_checklist == pytest.approx((100 * 100 + 500 / 9 * 300) / 600)
    assert a.skor_insiden == 75 and a.skor_netralitas == 100
    assert a.insiden_terbuka == 1 and a.insiden_serius == 1 and a.netralitas_terbuka == 0
    assert a.skor == pytest.approx(0.4 * a.skor_logistik + 0.4 * a.skor_checklist + 7.5 + 10)
    assert a.skor == pytest.approx(66.611, abs=1e-3)
    assert b.skor_logistik == 50 and b.skor_checklist == pytest.approx(800 / 9)
    assert b.skor_insiden == 98 and b.skor_netralitas == 80
    assert b.skor == pytest.approx(73.356, abs=1e-3)
    # Levels are judged against the KPU plan of 25 Nov (H-2, default [jadwal]): logistics planned at the
    # PPS (75), six of nine checklist items due (66,67): 0,4*75 + 0,4*66,67 + 20 = 76,67; siap from
    # round(0,8*76,67) = 61, perlu perhatian from round(0,6*76,67) = 46. Alpha (67) and Beta (73) are on plan.
    assert a.rencana_logistik == 75 and a.rencana_checklist == pytest.approx(600 / 9)
    assert a.skor_rencana == pytest.approx(76.667, abs=1e-3)
    assert list(df["level"]) == ["siap", "siap"]
    assert df.loc["99.01.01", "peringkat"] == 1           # least ready first
    assert a.tps_logistik_lengkap == 1 and a.tps_bermasalah == 1 and a.jumlah_tps == 3 and a.dpt == 600


def test_replay_earlier_and_later_dates(contoh_store):
    early = baris_kecamatan(contoh_store.query("kesiapan_unit", tanggal=dt.date(2024, 11, 21), kecamatan=None))
    assert early["skor_logistik"].tolist() == [25.0, 25.0]    # everything still at the gudang
    late = baris_kecamatan(contoh_store.query("kesiapan_unit", tanggal=dt.date(2024, 11, 26),
                                              kecamatan="99.01.02")).iloc[0]
    assert late.skor_logistik == 50         # KOTAK reached the TPS on 26 Nov; SS, the weakest item, did not
    assert late.insiden_terbuka == 2 and late.insiden_serius == 1  # I4 (tinggi) reported on 26 Nov
    before = contoh_store.query("indikator_utama", tanggal=dt.date(2024, 9, 1), kecamatan=None).iloc[0]
    assert before.insiden_terbuka == 0 and before.c_pemberitahuan == 0 and before.netralitas_terbuka == 0


def test_indikator_utama_expected(contoh_store):
    r = contoh_store.query("indikator_utama", tanggal=TGL, kecamatan=None).iloc[0]
    assert (r.dpt, r.jumlah_tps, r.c_pemberitahuan) == (1000, 4, 650)
    assert r.persen_c_pemberitahuan == pytest.approx(65.0)
    assert (r.insiden_terbuka, r.insiden_serius_terbuka, r.insiden_konflik_terbuka, r.pelayanan_terbuka) == (2, 1, 1, 0)
    assert (r.insiden_hari_ini, r.insiden_terlambat, r.netralitas_terbuka) == (1, 1, 1)
    kota = contoh_store.query("kesiapan_unit", tanggal=TGL, kecamatan=None).iloc[0]    # readiness: one query
    assert kota.lingkup and kota.skor == pytest.approx((66.6111 * 600 + 73.3556 * 400) / 1000, abs=1e-3)
    beta = contoh_store.query("indikator_utama", tanggal=TGL, kecamatan="99.01.02").iloc[0]
    assert (beta.dpt, beta.insiden_terbuka, beta.netralitas_terbuka) == (400, 1, 1)


def test_rentang_and_tahapan(contoh_store):
    r = contoh_store.query("rentang_data").iloc[0]
    assert r.tanggal_awal.date() == dt.date(2024, 11, 10) and r.tanggal_akhir.date() == dt.date(2024, 11, 26)
    t = contoh_store.query("tahapan", tanggal=dt.date(2024, 11, 26)).set_index("tahapan")
    assert t.loc["Masa tenang", "keadaan"] == "berjalan" and t.loc["Masa tenang", "sisa_hari"] == 0
    assert t.loc["Masa tenang", "hari_ke"] == 3
    assert t.loc["Masa kampanye", "keadaan"] == "selesai" and t.loc["Pemungutan suara", "keadaan"] == "akan_datang"


def test_daftar_wilayah(contoh_store):
    df = contoh_store.query("daftar_wilayah")
    assert df[df.tingkat == "kecamatan"]["nama"].tolist() == ["Alpha", "Beta"]
    assert len(df) == 5
    beta = contoh_store.query("daftar_wilayah", kecamatan="99.01.02")       # a camat's scope
    assert beta["kode"].tolist() == ["99.01.02", "99.01.02.1001"]


def test_level_boundaries(contoh_store):
    cur = contoh_store.snapshot.cursor()
    # decided on the score as shown (a whole number, half up): 79,5 shows as 80 and is siap
    got = cur.execute("SELECT level_kesiapan(80, 100, 80, 60), level_kesiapan(79.5, 100, 80, 60), "
                      "level_kesiapan(79.49, 100, 80, 60), level_kesiapan(59.5, 100, 80, 60), "
                      "level_kesiapan(59.49, 100, 80, 60)").fetchone()
    assert got == ("siap", "siap", "perlu_perhatian", "perlu_perhatian", "rawan")
    # against a plan of 50 on the day: siap from 40 (80% of it), perlu perhatian from 30
    got = cur.execute("SELECT level_kesiapan(39.5, 50, 80, 60), level_kesiapan(39.49, 50, 80, 60), "
                      "level_kesiapan(29.5, 50, 80, 60), level_kesiapan(29.49, 50, 80, 60)").fetchone()
    assert got == ("siap", "perlu_perhatian", "perlu_perhatian", "rawan")
    assert [level.dari_skor(x, 80, 60, 50) for x in (39.5, 39.49, 29.5, 29.49)] == list(got)


def test_plan_on_the_fixture(contoh_store):
    """The default [jadwal] (days before voting day): gudang 10, PPK 4, PPS 2, TPS 1; checklist items
    due at 22, 14, 5, 4, 3, 2, 1, 1, 1 days before."""
    r = contoh_store.query("rencana_jadwal", awal=dt.date(2024, 11, 15), akhir=dt.date(2024, 11, 28))
    r = r.set_index(r["tanggal"].dt.date)
    assert r.loc[dt.date(2024, 11, 16), "rencana_logistik"] == 0           # H-11
    assert r.loc[dt.date(2024, 11, 17), "rencana_logistik"] == 25          # H-10: at the gudang
    assert r.loc[dt.date(2024, 11, 23), "rencana_logistik"] == 50          # H-4: at the PPK
    assert r.loc[dt.date(2024, 11, 26), "rencana_logistik"] == 100         # H-1: at the TPS
    assert r.loc[dt.date(2024, 11, 15), "rencana_checklist"] == pytest.approx(200 / 9)   # formed, sworn in
    assert r.loc[dt.date(2024, 11, 26), "rencana_checklist"] == 100
    # weights 40/40/10/10: no open incident or case is planned
    assert r.loc[dt.date(2024, 11, 23), "rencana"] == pytest.approx(0.4 * 50 + 0.4 * 400 / 9 + 20)
    assert r.loc[dt.date(2024, 11, 28), "rencana"] == 100


# ------------------------------------------------------------------ invariants on the demo data

DEMO_DATES = [dt.date(2024, 9, 10), dt.date(2024, 10, 20), dt.date(2024, 11, 20), dt.date(2024, 11, 26),
              dt.date(2024, 11, 27)]


@pytest.mark.parametrize("tanggal", DEMO_DATES)
def test_readiness_invariants(demo_store, tanggal):
    cur = demo_store.snapshot.cursor()
    w = cur.execute("SELECT * FROM kesiapan_wilayah($t)", {"t": tanggal}).df()
    assert not w.duplicated(["tingkat", "kode"]).any()                      # keys unique
    for col in ("skor", "skor_logistik", "skor_checklist", "skor_insiden", "skor_netralitas"):
        assert w[col].between(0, 100).all(), col                          # within 0..100
    kec, kel, tps = (w[w.tingkat == t] for t in ("kecamatan", "kelurahan", "tps"))
    assert len(kec) == 12 and len(kel) == 56 and len(tps) == 3671
    assert kec.dpt.sum() == kel.dpt.sum() == tps.dpt.sum() == 1_828_732     # totals add up
    assert kec.jumlah_tps.sum() == 3671
    assert (kel.groupby("kode_induk").dpt.sum().sort_index() == kec.set_index("kode").dpt.sort_index()).all()
    assert (w.c_pemberitahuan <= w.dpt).all()
    p = demo_store.wilayah.kesiapan
    expect = [level.dari_skor(s, p.ambang_siap, p.ambang_perhatian, r) for s, r in zip(w.skor, w.skor_rencana,
                                                                                        strict=True)]
    assert w.level.tolist() == expect
    assert w.skor_rencana.nunique() == 1                                    # one plan per day
    ind = demo_store.query("indikator_utama", tanggal=tanggal, kecamatan=None).iloc[0]
    assert 0 <= ind.persen_c_pemberitahuan <= 100
    assert ind.insiden_serius_terbuka <= ind.insiden_terbuka


@pytest.mark.parametrize("tanggal", DEMO_DATES)
def test_logistics_invariants(demo_store, tanggal):
    cur = demo_store.snapshot.cursor()
    u = cur.execute("SELECT * FROM logistik_unit($t)", {"t": tanggal}).df()
    assert not u.duplicated(["tahap", "kode_lokasi", "kode_item"]).any()
    assert u.lengkap.between(0, 1).all()
    assert ((u.tersedia + u.kurang) == u.kebutuhan).all()
    need = u.groupby(["tahap", "kode_item"]).kebutuhan.sum().unstack(0)
    assert (need["gudang"] == need["ppk"]).all() and (need["ppk"] == need["pps"]).all()
    assert (need["pps"] == need["tps"]).all()                               # needs add up the chain


# ------------------------------------------------------------------ province / national overview

@pytest.mark.parametrize("tanggal", [dt.date(2024, 11, 20), dt.date(2024, 11, 27)])
def test_ikhtisar_agrees_with_the_city_queries(demo_store, tanggal):
    """The overview is built from the per-kecamatan summary; for one kab/kota it must say what
    the kab/kota pages say."""
    ind = demo_store.query("ikhtisar_indikator", tanggal=tanggal, induk="32.75").iloc[0]
    kota = demo_store.query("indikator_utama", tanggal=tanggal, kecamatan=None).iloc[0]
    for kolom in ("dpt", "jumlah_tps", "c_pemberitahuan", "insiden_terbuka", "insiden_serius_terbuka",
                  "insiden_konflik_terbuka", "pelayanan_terbuka", "insiden_hari_ini", "insiden_terlambat",
                  "netralitas_terbuka"):
        assert ind[kolom] == kota[kolom], kolom
    unit_kota = demo_store.query("kesiapan_unit", tanggal=tanggal, kecamatan=None)
    assert ind["skor_kesiapan"] == pytest.approx(unit_kota["skor"].iloc[0])
    anak = baris_kecamatan(unit_kota)
    assert ind["kecamatan_rawan"] == (anak["level"] == "rawan").sum()
    assert ind["kecamatan_perhatian"] == (anak["level"] == "perlu_perhatian").sum()
    unit = demo_store.query("ikhtisar_unit", tanggal=tanggal, induk="32.75", tingkat="kecamatan")
    kec = baris_kecamatan(demo_store.query("kesiapan_unit", tanggal=tanggal, kecamatan=None))
    merged = unit.merge(kec, on="kode", suffixes=("", "_kec"))
    assert len(merged) == len(kec) == 12
    assert (merged["skor"] - merged["skor_kec"]).abs().max() < 1e-9
    assert (merged["level"] == merged["level_kec"]).all()
    assert list(unit["peringkat"]) == sorted(unit["peringkat"])
    log = demo_store.query("logistik_wilayah", tanggal=tanggal, kecamatan=None).query("tingkat == 'kecamatan'")
    m2 = unit.merge(log, on="kode", suffixes=("", "_log"))
    for tahap in ("ppk", "pps", "tps"):
        assert (m2[f"persen_{tahap}"] - m2[f"persen_{tahap}_log"]).abs().max() < 1e-9, tahap
    assert (m2["persen_gudang"] - log["persen_gudang"].iloc[0]).abs().max() < 1e-9


def test_ikhtisar_levels_add_up(demo_store):
    """Nation = province = kab/kota for the one-region demo; every level sums the same TPS and DPT."""
    rows = {induk: demo_store.query("ikhtisar_unit", tanggal=TGL, induk=induk, tingkat=tingkat)
            for induk, tingkat in (("00", "provinsi"), ("32", "kabkota"), ("32.75", "kecamatan"))}
    assert list(demo_store.query("ikhtisar_unit", tanggal=TGL, induk="00", tingkat="kabkota")["kode"]) == ["32.75"]
    assert list(rows["00"]["kode"]) == ["32"] and list(rows["32"]["kode"]) == ["32.75"]
    for df in rows.values():
        assert df["jumlah_tps"].sum() == 3671 and df["dpt"].sum() == rows["32.75"]["dpt"].sum()
    assert rows["00"]["skor"].iloc[0] == pytest.approx(
        (rows["32.75"]["skor"] * rows["32.75"]["dpt"]).sum() / rows["32.75"]["dpt"].sum())
    assert rows["00"]["kecamatan_rawan"].iloc[0] == (rows["32.75"]["level"] == "rawan").sum()
    outside = demo_store.query("ikhtisar_unit", tanggal=TGL, induk="33", tingkat="kabkota")
    assert outside.empty


def test_ringkasan_summary_is_kept_per_date_and_bounded(contoh_paths):
    from siaga.data.store import RINGKAS_MAKS, Store

    s = Store(contoh_paths)
    assert s.muat()
    days = [dt.date(2024, 11, 1) + dt.timedelta(days=i) for i in range(RINGKAS_MAKS + 3)]
    for d in days:
        s.query("ikhtisar_indikator", tanggal=d, induk="99.01")
    snap = s.snapshot
    assert snap.ringkas == days[-RINGKAS_MAKS:]
    held = snap.con.cursor().execute("SELECT DISTINCT tanggal FROM ringkas_simpan ORDER BY 1").fetchall()
    assert [r[0] for r in held] == days[-RINGKAS_MAKS:]
    again = s.query("ikhtisar_indikator", tanggal=days[-1], induk="99.01")
    fresh = snap.con.cursor().execute("SELECT count(*) FROM ringkas_simpan WHERE tanggal = $t",
                                      {"t": days[-1]}).fetchall()[0][0]
    assert fresh == again["jumlah_kecamatan"].iloc[0] == 2


def test_readiness_rows_kept_per_date_equal_the_model_and_are_bounded(demo_store):
    """The page queries read one date's readiness rows from a table filled once per date: on city
    data the whole region's rows (a kecamatan's views read them too, no build of their own), exactly
    the model's, and at most KESIAPAN_MAKS dates are held."""
    from siaga.data import store as modul

    maks = modul.KESIAPAN_MAKS
    s = modul.Store(demo_store.paths, pemuat="luar")       # the published snapshot, opened afresh
    assert s.muat(baru=False)
    snap = s.snapshot
    assert not snap.besar
    days = [TGL - dt.timedelta(days=i) for i in range(maks + 2)]
    for d in days:
        s.query("kesiapan_unit", tanggal=d, kecamatan=None)
    assert snap.kesiapan == [(d, None) for d in days[-maks:]]
    cur = snap.cursor()
    held = cur.execute("SELECT DISTINCT tanggal, awalan FROM kesiapan_simpan ORDER BY 1").fetchall()
    assert held == [(d, None) for d in sorted(days[-maks:])]
    d = days[-1]
    urut = "ORDER BY tingkat, kode"
    simpan = cur.execute(f"SELECT * EXCLUDE (tanggal, awalan) FROM kesiapan_simpan WHERE tanggal = $t {urut}",
                         {"t": d}).df()
    model = cur.execute(f"SELECT * FROM kesiapan_wilayah($t) {urut}", {"t": d}).df()
    assert len(simpan) > 12
    pd.testing.assert_frame_equal(simpan, model, check_exact=False, rtol=1e-12)
    # a kecamatan's queries of a date already held add nothing (a city keeps the whole region's rows)
    for q in ("indikator_utama", "kesiapan_unit"):
        s.query(q, tanggal=d, kecamatan="32.75.07")
    s.query("kesiapan_tps", tanggal=d, kecamatan="32.75.07", kelurahan=None)
    assert cur.execute("SELECT count(*) FROM kesiapan_simpan").fetchall()[0][0] == maks * len(model)
    assert snap.kesiapan == [(d, None) for d in days[-maks:]]
    cur.close()


def test_scoped_readiness_model_equals_the_whole_for_every_kecamatan(contoh_store):
    """kesiapan_wilayah(t, awalan := kecamatan) reads only the kecamatan's places, incidents and
    cases: its rows equal the unscoped model's rows of that kecamatan, for every kecamatan and
    several dates (incidents open and closed, neutrality cases, checklist reports on them)."""
    cur = contoh_store.snapshot.cursor()
    kecamatan = [r[0] for r in cur.execute("SELECT kode FROM wilayah WHERE tingkat = 'kecamatan' ORDER BY 1")
                 .fetchall()]
    assert len(kecamatan) >= 2
    urut = "ORDER BY tingkat, kode"
    for d in (dt.date(2024, 11, 10), dt.date(2024, 11, 23), TGL, dt.date(2024, 11, 27)):
        semua = cur.execute(f"SELECT * FROM kesiapan_wilayah($t) {urut}", {"t": d}).df()
        gabung = []
        for k in kecamatan:
            sendiri = cur.execute(f"SELECT * FROM kesiapan_wilayah($t, awalan := $k) {urut}", {"t": d, "k": k}).df()
            assert set(sendiri["kode_kecamatan"]) <= {k}
            potong = semua[semua["kode_kecamatan"] == k].reset_index(drop=True)
            pd.testing.assert_frame_equal(sendiri, potong, check_dtype=False, check_exact=False, rtol=1e-12,
                                          obj=f"{k} {d}")
            gabung.append(sendiri)
        # the kecamatan together are the whole: no unit lost, none counted twice
        pd.testing.assert_frame_equal(pd.concat(gabung).sort_values(["tingkat", "kode"]).reset_index(drop=True),
                                      semua, check_dtype=False, check_exact=False, rtol=1e-12)
        assert semua["insiden_terbuka"].sum() > 0 or d < dt.date(2024, 11, 20)
    cur.close()


def test_large_data_keeps_a_kecamatans_own_readiness_rows(contoh_paths, monkeypatch, tmp_path):
    """Large data: a kecamatan's views keep only its own readiness rows (built from its own places),
    the page queries give the same results as a city's store that keeps the whole region's rows, and
    the whole region's rows of a date then replace that date's kecamatan rows."""
    from siaga.data.store import Store
    from siaga.inti.config import Paths

    paths = Paths(contoh_paths.data, contoh_paths.geo, tmp_path / "terbit-kecil")
    monkeypatch.setenv("SIAGA_BESAR_MB", "1000")
    kecil = Store(paths)
    assert kecil.muat() and not kecil.snapshot.besar
    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    besar = Store(Paths(contoh_paths.data, contoh_paths.geo, tmp_path / "terbit-besar"))
    assert besar.muat(), besar.ditolak
    snap = besar.snapshot
    assert snap.besar
    cur = snap.cursor()
    kecamatan = [r[0] for r in cur.execute("SELECT kode FROM wilayah WHERE tingkat = 'kecamatan' ORDER BY 1")
                 .fetchall()]
    saat = dt.datetime.combine(TGL, dt.time(23, 59, 59))

    def hasil(store, k):
        return {
            "kesiapan_unit": store.query("kesiapan_unit", tanggal=TGL, kecamatan=k),
            "indikator_utama": store.query("indikator_utama", tanggal=TGL, kecamatan=k),
            "perhatian_utama": store.query("perhatian_utama", tanggal=TGL, saat=saat, sekarang=saat, kecamatan=k,
                                           jumlah=10_000),
            "kesiapan_tps": store.query("kesiapan_tps", tanggal=TGL, kecamatan=k, kelurahan=None),
        }

    for k in kecamatan:
        for nama, df in hasil(besar, k).items():
            pd.testing.assert_frame_equal(df, hasil(kecil, k)[nama], obj=f"{nama} {k}")
        held = cur.execute("SELECT * FROM kesiapan_simpan WHERE awalan = $k", {"k": k}).df()
        assert len(held) > 0 and set(held["kode_kecamatan"]) == {k}
    assert snap.kesiapan == [(TGL, k) for k in kecamatan]
    assert cur.execute("SELECT count(*) FROM kesiapan_simpan WHERE awalan IS NULL").fetchall()[0][0] == 0
    # the whole region's view: its rows replace the date's kecamatan rows (never both: nothing read twice)
    for nama, df in hasil(besar, None).items():
        pd.testing.assert_frame_equal(df, hasil(kecil, None)[nama], obj=f"{nama} seluruh wilayah")
    assert snap.kesiapan == [(TGL, None)]
    assert cur.execute("SELECT count(*) FILTER (WHERE awalan IS NOT NULL), count(*) FROM kesiapan_simpan"
                       ).fetchall()[0] == (0, len(cur.execute("SELECT * FROM kesiapan_wilayah($t)", {"t": TGL})
                                                      .fetchall()))
    # and a kecamatan's views of that date read them, building nothing of their own
    for nama, df in hasil(besar, kecamatan[0]).items():
        pd.testing.assert_frame_equal(df, hasil(kecil, kecamatan[0])[nama], obj=f"{nama} lagi")
    assert snap.kesiapan == [(TGL, None)]
    cur.close()


def test_logistics_rows_kept_per_date_and_scope_are_the_models_and_bounded(demo_store):
    """The logistics page's queries read rows kept per (date, scope): a kecamatan's entry holds its
    own units only (not the whole region's), the whole region's the kab/kota and its kecamatan;
    each equals the unscoped model's rows, a second query of a held key adds nothing, and at most
    LOGISTIK_MAKS entries are held."""
    from siaga.data import store as modul

    s = modul.Store(demo_store.paths, pemuat="luar")       # the published snapshot, opened afresh
    assert s.muat(baru=False)
    snap = s.snapshot
    cur = snap.cursor()
    urut = "ORDER BY tingkat, kode"
    model = cur.execute(f"SELECT * FROM logistik_wilayah($t) {urut}", {"t": TGL}).df()

    def held(awalan):
        return cur.execute(f"SELECT * EXCLUDE (tanggal, awalan) FROM logistik_simpan WHERE tanggal = $t "
                           f"AND awalan IS NOT DISTINCT FROM $a {urut}", {"t": TGL, "a": awalan}).df()

    kecamatan = sorted(model.loc[model["tingkat"] == "kecamatan", "kode"])
    assert len(kecamatan) == 12
    for k in kecamatan:
        s.query("logistik_ringkas", tanggal=TGL, kecamatan=k)
        rows = held(k)
        expected = model[model["kode_kecamatan"] == k].reset_index(drop=True)
        assert set(rows["tingkat"]) == {"kecamatan", "kelurahan"} and len(rows) == len(expected) > 1
        pd.testing.assert_frame_equal(rows, expected, check_exact=False, rtol=1e-12)
    assert snap.logistik == [(TGL, k) for k in kecamatan]
    s.query("logistik_wilayah", tanggal=TGL, kecamatan=None)
    whole = held(None)
    expected = model[model["tingkat"] != "kelurahan"].reset_index(drop=True)
    assert len(whole) == 13
    pd.testing.assert_frame_equal(whole, expected, check_exact=False, rtol=1e-12)
    n = cur.execute("SELECT count(*) FROM logistik_simpan").fetchall()[0][0]
    for q in ("logistik_wilayah", "logistik_laju", "logistik_ringkas"):     # held keys: nothing added
        s.query(q, **default_params(REGISTRY[q], "32.75.07"))
        s.query(q, **default_params(REGISTRY[q], None))
    assert cur.execute("SELECT count(*) FROM logistik_simpan").fetchall()[0][0] == n
    assert len(snap.logistik) == 13
    # bounded: the oldest entries go first
    days = [TGL - dt.timedelta(days=i) for i in range(1, modul.LOGISTIK_MAKS)]
    for d in days:
        s.query("logistik_ringkas", tanggal=d, kecamatan="32.75.01")
    kunci = [(TGL, k) for k in kecamatan] + [(TGL, None)] + [(d, "32.75.01") for d in days]
    assert snap.logistik == kunci[-modul.LOGISTIK_MAKS:]
    disimpan = cur.execute("SELECT DISTINCT tanggal, awalan FROM logistik_simpan").fetchall()
    assert sorted(disimpan, key=str) == sorted(snap.logistik, key=str)
    cur.close()


@pytest.mark.parametrize("tanggal", [dt.date(2024, 11, 10), TGL, dt.date(2024, 11, 27)])
def test_logistics_page_queries_of_a_kecamatan_equal_the_whole_regions_model(demo_store, tanggal):
    """What a kecamatan's logistics view shows, computed from its own places, equals the rows of
    the model computed for the whole region (and the pace's window start too)."""
    cur = demo_store.snapshot.cursor()
    for k in ("32.75.01", "32.75.07"):
        params = {"tanggal": tanggal, "kecamatan": k}
        wil = demo_store.query("logistik_wilayah", **params)
        semua = cur.execute("SELECT * FROM logistik_wilayah($t) WHERE kode_kecamatan = $k "
                            "AND (tingkat = 'kecamatan' OR jumlah_tps > 0)", {"t": tanggal, "k": k}).df()
        gabung = wil.merge(semua, on=["tingkat", "kode"], suffixes=("", "_semua"), validate="1:1")
        assert len(gabung) == len(wil) == len(semua)
        for c in ("jumlah_tps", "tps_lengkap", "persen_gudang", "persen_ppk", "persen_pps", "persen_tps",
                  "kurang_tps", "rusak"):
            assert (gabung[c] - gabung[f"{c}_semua"]).abs().max() < 1e-9, c
        laju = demo_store.query("logistik_laju", **params, batas=dt.date(2024, 11, 26))
        awal = cur.execute("SELECT * FROM logistik_wilayah(CAST($t AS DATE) - 3) WHERE kode_kecamatan = $k",
                           {"t": tanggal, "k": k}).df().set_index(["tingkat", "kode"])
        hulu = (awal["persen_gudang"] + awal["persen_ppk"] + awal["persen_pps"]) / 3
        for r in laju.itertuples():
            if r.metode == "hulu":
                assert r.kemajuan_awal == pytest.approx(hulu[(r.tingkat, r.kode)], abs=1e-9)
            elif r.jendela_hari == 3:
                assert r.kemajuan_awal == pytest.approx(awal.loc[(r.tingkat, r.kode), "persen_tps"], abs=1e-9)
    cur.close()


@pytest.mark.parametrize("tanggal", [dt.date(2024, 11, 14), TGL])
@pytest.mark.parametrize("kecamatan", ["32.75.01", "32.75.07"])
def test_kecamatan_views_read_only_their_kecamatan_and_agree_with_the_whole(demo_store, kecamatan, tanggal):
    """kesiapan_tps, perhatian_utama and indikator_utama narrow the as-of models they read to the
    chosen kecamatan (``awalan``): their rows equal the whole region's cut to that kecamatan."""
    def nilai(df):     # dtypes aside: a text column without a value in the kecamatan's rows comes back as object
        return df.astype(object).where(df.notna(), None)

    def potong(df):
        return nilai(df[df["kode_kecamatan"] == kecamatan].reset_index(drop=True))

    tps = demo_store.query("kesiapan_tps", tanggal=tanggal, kecamatan=kecamatan, kelurahan=None)
    semua = demo_store.query("kesiapan_tps", tanggal=tanggal, kecamatan=None, kelurahan=None)
    assert len(tps) > 0
    pd.testing.assert_frame_equal(nilai(tps), potong(semua))
    saat = dt.datetime.combine(tanggal, dt.time(23, 59, 59))
    p = dict(tanggal=tanggal, saat=saat, sekarang=saat, jumlah=10_000)
    perhatian = demo_store.query("perhatian_utama", kecamatan=kecamatan, **p)
    semua = demo_store.query("perhatian_utama", kecamatan=None, **p)
    assert len(perhatian) > 0
    pd.testing.assert_frame_equal(nilai(perhatian), potong(semua))
    ind = demo_store.query("indikator_utama", tanggal=tanggal, kecamatan=kecamatan).iloc[0]
    cur = demo_store.snapshot.cursor()
    ins = cur.execute("SELECT * FROM insiden_asof($t) WHERE kode_kecamatan = $k", {"t": tanggal, "k": kecamatan}).df()
    net = cur.execute("SELECT * FROM netralitas_asof($t) WHERE kode_kecamatan = $k",
                      {"t": tanggal, "k": kecamatan}).df()
    cur.close()
    assert ind["insiden_terbuka"] == ins["terbuka"].sum() > 0
    assert ind["insiden_terlambat"] == ins["terlambat"].sum()
    assert ind["insiden_serius_terbuka"] == (ins["terbuka"] & ins["keparahan"].eq("tinggi")).sum()
    assert ind["insiden_hari_ini"] == (ins["waktu_lapor"].dt.date == tanggal).sum()
    assert ind["netralitas_terbuka"] == net["terbuka"].sum()


@pytest.mark.parametrize("kecamatan", ["32.75.01", "32.75.07"])
def test_ikhtisar_tps_reads_only_its_kecamatan_and_agrees_with_the_whole(demo_store, kecamatan):
    """The code prefix narrows what the models read; every figure must equal the unfiltered model."""
    tps = demo_store.query("ikhtisar_tps", tanggal=TGL, kecamatan=kecamatan)
    cur = demo_store.snapshot.cursor()
    semua = cur.execute("SELECT * FROM komponen_tps($t) WHERE kode_kecamatan = $k", {"t": TGL, "k": kecamatan}).df()
    assert len(tps) == len(semua) > 0 and set(tps["kode_tps"]) == set(semua["kode_tps"])
    m = tps.merge(semua, on="kode_tps", suffixes=("", "_semua"))
    for kolom in ("skor_logistik", "skor_checklist", "insiden_terbuka", "dpt"):
        assert (m[kolom] - m[f"{kolom}_semua"]).abs().max() < 1e-9, kolom
    assert (m["logistik_lengkap"] == m["logistik_lengkap_semua"]).all()
    rata = (tps["skor_logistik"] + tps["skor_checklist"]) / 2
    assert rata.is_monotonic_increasing


@pytest.mark.lambat
def test_logistics_of_a_national_kecamatan_reads_its_own_units(tmp_path):
    """National data (the generator's, small): a kecamatan's logistics view keeps only that
    kecamatan's rows (the per-date rows of every unit of the nation ran out of DuckDB's 400 MB on the
    full set), its counts equal the unscoped model's, and its gudang stage is its own kab/kota's."""
    from siaga.data.store import Store
    from siaga.demo.nasional import buat
    from siaga.inti.config import Paths

    buat(tmp_path / "data", tmp_path / "geo", faktor=0.002)
    s = Store(Paths(tmp_path / "data", tmp_path / "geo", tmp_path / "terbit"), pemuat="sendiri")
    assert s.muat(), s.ditolak
    cur = s.snapshot.cursor()
    kec = [r[0] for r in cur.execute("SELECT kode FROM wilayah WHERE tingkat = 'kecamatan' ORDER BY kode").fetchall()]
    pilih = [kec[0], kec[-1]]
    assert pilih[0][:5] != pilih[1][:5]                    # two kab/kota, two gudang
    semua = cur.execute("SELECT * FROM logistik_wilayah($t)", {"t": TGL}).df()
    for k in pilih:
        wil = s.query("logistik_wilayah", tanggal=TGL, kecamatan=k)
        s.query("logistik_ringkas", tanggal=TGL, kecamatan=k)
        s.query("logistik_laju", tanggal=TGL, kecamatan=k, batas=dt.date(2024, 11, 26))
        held = cur.execute("SELECT * FROM logistik_simpan WHERE awalan = $k", {"k": k}).df()
        assert set(held["kode_kecamatan"]) == {k} and len(held) == (semua["kode_kecamatan"] == k).sum()
        gabung = wil.merge(semua, on=["tingkat", "kode"], suffixes=("", "_semua"), validate="1:1")
        assert len(gabung) == len(wil) > 1
        for c in ("jumlah_tps", "tps_lengkap", "persen_pps", "persen_tps", "kurang_tps", "rusak"):
            assert (gabung[c] - gabung[f"{c}_semua"]).abs().max() < 1e-9, c
        gudang = cur.execute(
            "SELECT 100 * avg(CASE WHEN kebutuhan = 0 THEN 1.0 ELSE tersedia / kebutuhan END) "
            "FROM logistik_unit($t) WHERE tahap = 'gudang' AND kode_lokasi = $g",
            {"t": TGL, "g": k[:5]}).fetchall()[0][0]
        assert wil["persen_gudang"].to_numpy() == pytest.approx([gudang] * len(wil), abs=1e-9)
    assert cur.execute("SELECT count(DISTINCT awalan), count(*) FILTER (WHERE awalan IS NULL) FROM logistik_simpan"
                       ).fetchall()[0] == (2, 0)
    assert s.snapshot.logistik == [(TGL, pilih[0]), (TGL, pilih[1])]
    cur.close()


@pytest.mark.lambat
def test_readiness_of_a_national_kecamatan_reads_its_own_units(tmp_path, monkeypatch):
    """National data (the generator's, small, loaded as large data): a kecamatan's readiness views
    keep only that kecamatan's rows (the per-date rows of every TPS of the nation held with the
    whole-nation incident list ran out of DuckDB's 400 MB on the full set), and the rows and the
    page queries equal the unscoped model's."""
    from siaga.data.store import Store
    from siaga.demo.nasional import buat
    from siaga.inti.config import Paths

    buat(tmp_path / "data", tmp_path / "geo", faktor=0.002)
    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    s = Store(Paths(tmp_path / "data", tmp_path / "geo", tmp_path / "terbit"), pemuat="sendiri")
    assert s.muat(), s.ditolak
    assert s.snapshot.besar
    cur = s.snapshot.cursor()
    kec = [r[0] for r in cur.execute("SELECT kode FROM wilayah WHERE tingkat = 'kecamatan' ORDER BY kode").fetchall()]
    pilih = [kec[0], kec[len(kec) // 2], kec[-1]]
    urut = "ORDER BY tingkat, kode"
    semua = cur.execute(f"SELECT * FROM kesiapan_wilayah($t) {urut}", {"t": TGL}).df()
    for k in pilih:
        unit = s.query("kesiapan_unit", tanggal=TGL, kecamatan=k)
        tps = s.query("kesiapan_tps", tanggal=TGL, kecamatan=k, kelurahan=None)
        ind = s.query("indikator_utama", tanggal=TGL, kecamatan=k).iloc[0]
        held = cur.execute(f"SELECT * EXCLUDE (tanggal, awalan) FROM kesiapan_simpan WHERE awalan = $k {urut}",
                           {"k": k}).df()
        potong = semua[semua["kode_kecamatan"] == k].reset_index(drop=True)
        assert len(held) > 1
        pd.testing.assert_frame_equal(held, potong, check_dtype=False, check_exact=False, rtol=1e-12, obj=k)
        mine = potong.set_index(["tingkat", "kode"])
        assert set(tps["kode_tps"]) == set(potong.loc[potong["tingkat"] == "tps", "kode"])
        assert (tps.set_index("kode_tps")["skor"] - mine.loc["tps"]["skor"]).abs().max() < 1e-9
        diri = unit[unit["lingkup"]].iloc[0]
        assert diri["kode"] == k and diri["skor"] == pytest.approx(mine.loc[("kecamatan", k), "skor"], abs=1e-9)
        assert ind["jumlah_tps"] == mine.loc[("kecamatan", k), "jumlah_tps"] == len(tps)
    assert cur.execute("SELECT count(DISTINCT awalan), count(*) FILTER (WHERE awalan IS NULL) FROM kesiapan_simpan"
                       ).fetchall()[0] == (3, 0)
    assert s.snapshot.kesiapan == [(TGL, k) for k in pilih]
    cur.close()
