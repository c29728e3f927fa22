"""The same data and date give the same figures, every run and every way they are computed.

On data with several kab/kota, ``kesiapan_harian`` once joined every kelurahan to the gudang KPU
of *every* kab/kota and picked one of them arbitrarily (a window's last value among peers): the
national synthetic data moved by up to 8,6 points between two runs of the same query. Here one
kab/kota has received nothing at all, so any other gudang taken for it shows at once."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from siaga.data.store import Store
from siaga.demo.nasional import buat
from siaga.inti.config import Paths

TGL = dt.date(2024, 11, 25)
KOSONG = "12.01"          # the kab/kota whose logistics never arrived


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("tetap")
    buat(root / "data", root / "geo", faktor=0.01)
    p = root / "data" / "logistik.csv"
    teks = p.read_text(encoding="utf-8")
    baris = list(csv.reader(io.StringIO(teks)))
    i = baris[0].index("kode_lokasi")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([baris[0], *(b for b in baris[1:] if not b[i].startswith(KOSONG))])
    assert len(out.getvalue()) < len(teks)
    p.write_text(out.getvalue(), encoding="utf-8")
    s = Store(Paths(root / "data", root / "geo", root / "terbit"))
    assert s.muat(), s.ditolak
    return s


def _hari(store: Store, kecamatan: str) -> pd.DataFrame:
    return store.query("kesiapan_harian", tanggal=TGL, kecamatan=kecamatan, kelurahan=None)


def test_daily_readiness_uses_the_kab_kota_s_own_gudang(store):
    kec = store.query("daftar_wilayah").query("tingkat == 'kecamatan'")["kode"]
    kosong = [k for k in kec if k.startswith(KOSONG + ".")]
    assert kosong
    for k in [*kosong, *[k for k in kec if not k.startswith(KOSONG + ".")][:5]]:
        unit = store.query("kesiapan_unit", tanggal=TGL, kecamatan=k)
        unit = unit[(unit["tingkat"] == "kecamatan") & (unit["kode"] == k)].iloc[0]
        hari = _hari(store, k).set_index("tanggal").loc[pd.Timestamp(TGL)]
        for kolom in ("skor_logistik", "skor_checklist", "skor_insiden", "skor_netralitas", "skor"):
            assert hari[kolom] == pytest.approx(unit[kolom], abs=1e-9), (k, kolom)
        if k.startswith(KOSONG + "."):
            assert hari["skor_logistik"] == 0.0          # nothing anywhere in its chain, not another gudang's 25


def test_the_same_query_gives_the_same_figures_every_run(store):
    kec = sorted(store.query("daftar_wilayah").query("tingkat == 'kecamatan'")["kode"])[:3]
    for k in [None, *kec]:
        pertama = _hari(store, k)
        for _ in range(3):
            pd.testing.assert_frame_equal(_hari(store, k), pertama, check_exact=True)
    for nama in ("kesiapan_unit", "indikator_utama"):
        pertama = store.query(nama, tanggal=TGL, kecamatan=None)
        for _ in range(3):
            pd.testing.assert_frame_equal(store.query(nama, tanggal=TGL, kecamatan=None), pertama, check_exact=True)
