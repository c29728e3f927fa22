"""The pandas twins of bench/banding.py compute the same results as the DuckDB page queries, so
the comparison in docs/performance.md stays a comparison of equal work."""

from __future__ import annotations

import datetime as dt

import pytest

from bench import banding
from tests.conftest import FIXTURE, ROOT


@pytest.mark.parametrize("nama", ["contoh", "demo"])
def test_kembar_pandas_sama_dengan_duckdb(nama, request):
    store = request.getfixturevalue(f"{nama}_store")
    tabel = banding.baca_csv(FIXTURE if nama == "contoh" else ROOT)
    views = banding.kasus(tabel, [dt.date(2024, 10, 15), dt.date(2024, 11, 21), dt.date(2024, 11, 25),
                                  dt.date(2024, 11, 27)])
    n = banding.periksa_sama(store, tabel, views)
    assert n == len(views) * len(banding.PASANGAN)
    # the views are not all empty: the check compared rows
    kec = views[-1][1]
    isi = [p.kembar(tabel, dt.date(2024, 11, 27), kec) for p in banding.PASANGAN]
    assert all(len(df) for df in isi)
    assert banding.pd_insiden_daftar(tabel, dt.date(2024, 11, 27))["terbuka"].any()
    # readiness: scored units with a rank and a level; TPS with their scores and reports
    unit = banding.pd_kesiapan_unit(tabel, dt.date(2024, 11, 25))
    assert unit["lingkup"].iloc[0] and unit["tingkat"].iloc[0] == "kabkota"
    assert unit["peringkat"].notna().sum() >= 1 and unit.loc[unit["jumlah_tps"] > 0, "level"].notna().all()
    tps = banding.pd_ikhtisar_tps(tabel, dt.date(2024, 11, 25), kec)
    assert tps["skor_logistik"].gt(0).any() and tps["status_laporan"].notna().any()


@pytest.mark.lambat
@pytest.mark.parametrize("besar_mb", ["1000", "0"], ids=["kecil", "besar"])
def test_kembar_pandas_data_nasional(tmp_path, monkeypatch, besar_mb):
    """National data (the generator's, small): kab/kota rows, a region's own gudang, the pairs of a
    kab/kota desk's whole region left out; the twins still equal DuckDB on every kecamatan, also
    loaded as large data (as the full national set is), where both sides keep a kecamatan's own
    readiness rows."""
    from siaga.data.store import Store
    from siaga.demo.nasional import buat
    from siaga.inti.config import Paths

    monkeypatch.setenv("SIAGA_BESAR_MB", besar_mb)
    buat(tmp_path / "data", tmp_path / "geo", faktor=0.002)
    pasangan = banding.pilih_pasangan(tmp_path)
    assert {p.nama for p in pasangan} == {p.nama for p in banding.PASANGAN if not p.kota_saja}
    assert any(p.query == "kesiapan_unit" for p in pasangan) and any(p.query == "ikhtisar_tps" for p in pasangan)
    store = Store(Paths(tmp_path / "data", tmp_path / "geo", tmp_path / "terbit"), pemuat="sendiri")
    assert store.muat(), store.ditolak
    tabel = banding.baca_csv(tmp_path)
    views = banding.kasus(tabel, [dt.date(2024, 11, 10), dt.date(2024, 11, 25)], maks=6)
    assert tabel["_besar"] == store.snapshot.besar == (besar_mb == "0")
    assert banding.periksa_sama(store, tabel, views, pasangan) == len(views) * len(pasangan)
    kunci = set(tabel["_kesiapan"])
    assert {k[1] for k in kunci} == ({v[1] for v in views} if tabel["_besar"] else {None})
    assert {k[1] for k in store.snapshot.kesiapan} == {k[1] for k in kunci}
    assert banding.pilih_pasangan(FIXTURE) == banding.PASANGAN


def test_perbedaan_ditolak(contoh_store):
    """A twin that computes something else fails the check, naming the pair and the view."""
    tabel = banding.baca_csv(FIXTURE)
    tgl = dt.date(2024, 11, 27)
    p = banding.PASANGAN[1]
    salah = p.kembar(tabel, tgl, "99.01.01")
    salah["kurang_tps"] += 1
    with pytest.raises(AssertionError, match=r"ringkasan logistik · satu kecamatan .*2024-11-27"):
        banding.bandingkan(p, contoh_store.query(p.query, **p.params(tgl, "99.01.01")), salah, f"{tgl}, 99.01.01")
    p = banding.PASANGAN[3]
    kurang = p.kembar(tabel, tgl, None).iloc[1:]
    with pytest.raises(AssertionError, match="daftar insiden"):
        banding.bandingkan(p, contoh_store.query(p.query, **p.params(tgl, None)), kurang, str(tgl))
    p = next(x for x in banding.PASANGAN if x.query == "kesiapan_unit" and x.kota_saja)
    geser = p.kembar(tabel, tgl, None)
    geser.loc[geser["peringkat"].notna(), "peringkat"] += 1      # one rank off
    with pytest.raises(AssertionError, match=r"(?s)kesiapan · seluruh wilayah .*peringkat"):
        banding.bandingkan(p, contoh_store.query(p.query, **p.params(tgl, None)), geser, str(tgl))
    p = next(x for x in banding.PASANGAN if x.query == "ikhtisar_tps")
    lain = p.kembar(tabel, tgl, "99.01.01")
    lain["skor_checklist"] = lain["skor_checklist"] * 0.99
    with pytest.raises(AssertionError, match="daftar TPS · satu kecamatan"):
        banding.bandingkan(p, contoh_store.query(p.query, **p.params(tgl, "99.01.01")), lain, f"{tgl}, 99.01.01")
