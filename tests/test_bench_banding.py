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
    isi = [p.kembar(tabel, dt.date(2024, 11, 27), None) for p in banding.PASANGAN]
    assert all(len(df) for df in isi)
    assert banding.pd_insiden_daftar(tabel, dt.date(2024, 11, 27))["terbuka"].any()


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
