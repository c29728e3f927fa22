"""The per-kecamatan summary of every date, published by the loader for multi-region data
(``ringkas_tanggal``, from the state tables over time), equals the model that replays the logs
(``ringkas_kecamatan``) on every date: integers and levels exactly, doubles to 1e-12."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from siaga.data import queries


def _sama(a: pd.DataFrame, b: pd.DataFrame, label: str) -> None:
    a = a.sort_values("kode_kecamatan", ignore_index=True)
    b = b.sort_values("kode_kecamatan", ignore_index=True)
    assert list(a.columns) == list(b.columns), label
    assert len(a) == len(b) > 0, label
    for c in a.columns:
        x, y = a[c], b[c]
        if x.dtype.kind == "f" or y.dtype.kind == "f":
            assert np.allclose(x.astype(float), y.astype(float), rtol=1e-12, atol=0, equal_nan=True), (label, c)
        else:
            assert (x.astype(object).to_numpy() == y.astype(object).to_numpy()).all(), (label, c)


def _hari(cur, tambah: int = 1) -> list[dt.date]:
    """The days a view may be asked for (the voting-day and rekapitulasi logs included), ``tambah``
    more on either side."""
    awal, akhir, _, pasca = cur.execute(queries.daftar()["rentang_data"].sql).fetchall()[0]
    akhir = max(akhir, pasca.date()) if pasca is not None else akhir
    n = (akhir - awal).days + 2 * tambah
    return [awal - dt.timedelta(days=tambah) + dt.timedelta(days=i) for i in range(n + 1)]


@pytest.mark.parametrize("nama", ["contoh_store", "demo_store"])
def test_state_over_time_gives_the_model_rows_on_every_date(nama, request):
    """Before the first event, every day with events and after the last (deadlines still pass)."""
    store = request.getfixturevalue(nama)
    cur = store.snapshot.cursor()
    try:
        hari = _hari(cur)
        for t in hari:
            cepat = cur.execute("SELECT * FROM ringkas_tanggal($t)", {"t": t}).df()
            model = cur.execute("SELECT * FROM ringkas_kecamatan($t)", {"t": t}).df()
            _sama(cepat, model, f"{nama} {t}")
    finally:
        cur.close()
    assert len(hari) > 10


@pytest.mark.lambat
def test_loader_publishes_every_date_of_national_data(tmp_path):
    """The generator's national data, small: the snapshot holds the summary of every day from the
    first to the last event, equal to the model; an app process looks them up (nothing computed
    or copied into memory) and still computes a date outside that range on demand."""
    from siaga.data import terbit
    from siaga.data.store import Store
    from siaga.demo.nasional import buat
    from siaga.inti.config import Paths

    buat(tmp_path / "data", tmp_path / "geo", faktor=0.002)
    s = Store(Paths(tmp_path / "data", tmp_path / "geo", tmp_path / "terbit"), pemuat="sendiri")
    assert s.muat(), s.ditolak
    snap = s.snapshot
    cur = snap.cursor()
    try:
        hari = _hari(cur, tambah=0)
        manifest = terbit.baca_manifest(terbit.folder(s.paths) / terbit.terkini(terbit.folder(s.paths))["folder"])
        assert manifest.ringkas == [t.isoformat() for t in hari]
        assert snap.ringkas_terbit == frozenset(hari)
        for t in hari:
            terbit_ = cur.execute("SELECT * EXCLUDE (tanggal) FROM data.main.ringkas_simpan WHERE tanggal = $t",
                                  {"t": t}).df()
            _sama(terbit_, cur.execute("SELECT * FROM ringkas_kecamatan($t)", {"t": t}).df(), str(t))
        lama = hari[len(hari) // 2]
        unit = s.query("ikhtisar_unit", tanggal=lama, induk="00", tingkat="provinsi")
        assert snap.ringkas == [] and cur.execute("SELECT count(*) FROM ringkas_proses").fetchall()[0][0] == 0
        assert unit["jumlah_tps"].sum() == cur.execute("SELECT count(*) FROM tps").fetchall()[0][0]
        luar = hari[-1] + dt.timedelta(days=3)             # after the data: deadlines pass, computed here
        s.query("ikhtisar_unit", tanggal=luar, induk="00", tingkat="provinsi")
        assert snap.ringkas == [luar]
        _sama(cur.execute("SELECT * EXCLUDE (tanggal) FROM ringkas_simpan WHERE tanggal = $t", {"t": luar}).df(),
              cur.execute("SELECT * FROM ringkas_tanggal($t)", {"t": luar}).df(), str(luar))
    finally:
        cur.close()
