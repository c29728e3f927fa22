"""Large operational files load through DuckDB (siaga.data.besar) with the same contract as the
pandas reader: same typed tables on good data, refusal naming file, row, column and reason on
bad data, and the last good data kept."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from siaga.data.besar import OPERASIONAL, mode_besar
from siaga.data.store import Store
from siaga.inti.config import Paths
from tests.conftest import FIXTURE, ROOT
from tests.test_ingest import BAD_VALUES, _rewrite


def _tabel(store: Store, name: str) -> pd.DataFrame:
    cur = store.snapshot.cursor()
    df = cur.execute(f"SELECT * FROM {name}").df()
    return df.sort_values(list(df.columns)).reset_index(drop=True)


@pytest.mark.parametrize("root", [FIXTURE, ROOT], ids=["kota_contoh", "demo"])
def test_same_tables_as_pandas_reader(monkeypatch, root, tmp_path):
    paths = Paths(root / "data", root / "geo", tmp_path / "terbit")
    monkeypatch.setenv("SIAGA_BESAR_MB", "1000")
    kecil = Store(paths)
    assert kecil.muat() and not mode_besar(paths)
    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    besar = Store(paths)
    assert mode_besar(paths) and besar.muat(), besar.ditolak
    for name in (*OPERASIONAL, "kesiapan_tps"):
        if name == "kesiapan_tps":
            a = kecil.query(name, tanggal="2024-11-25", kecamatan=None, kelurahan=None)
            b = besar.query(name, tanggal="2024-11-25", kecamatan=None, kelurahan=None)
        else:
            a, b = _tabel(kecil, name), _tabel(besar, name)
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=name)


BAD = [
    *BAD_VALUES,                # the same cases as the pandas reader, and a few of its own
    ("tps.csv", "99.01.01.1001.002,99.01.01.1001,2", "99.01.01.1001.002,99.01.01.1001,7",
     ["kolom nomor_tps", "tiga digit"]),
    ("checklist.csv", "ya,ya,ya,ya,tidak,ya,400,2", "ya,mungkin,ya,ya,tidak,ya,400,2", ["harus ya atau tidak"]),
    ("insiden.csv", "I1,2024-11-23 10:00,2024-11-23 08:00,99.01.01,99.01.01.1001",
     "I1,2024-11-23 10:00,2024-11-23 08:00,99.01.02,99.01.01.1001", ["kelurahan tidak berada di kecamatan"]),
    ("netralitas.csv", "N1,2024-11-10 09:00", "N1,2024-11-10 09:00,extra", ["jumlah kolom di baris ini"]),
    ("logistik.csv", "waktu,tahap,kode_lokasi", "waktu;tahap;kode_lokasi", ["harus berbentuk kanonik", "pemisah koma"]),
]


@pytest.mark.parametrize("name,old,new,expect", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)])
def test_bad_values_are_named_and_last_good_data_kept(contoh_paths, monkeypatch, name, old, new, expect):
    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    store = Store(contoh_paths, check_interval=0)
    assert store.muat(), store.ditolak
    versi = store.versi
    _rewrite(contoh_paths, name, old, new)
    assert not store.muat()
    joined = "\n".join(m.pesan() for m in store.ditolak)
    for part in expect:
        assert part in joined, (part, joined)
    assert store.versi == versi and store.query("rentang_data").shape[0] == 1


def test_only_big_files_switch_the_reader(contoh_paths, monkeypatch):
    monkeypatch.setenv("SIAGA_BESAR_MB", "0.001")      # 1 KB: the fixture's logistik.csv is larger
    assert mode_besar(contoh_paths)
    monkeypatch.setenv("SIAGA_BESAR_MB", "16")
    assert not mode_besar(contoh_paths)


def test_nothing_read_from_a_file_reaches_the_sql_text(contoh_paths, monkeypatch):
    """The loader builds SQL from the contract only: a header that is not a contract column is
    refused before any SQL is built, and injection strings in cells are loaded as plain values."""
    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    jahat = "'); DROP TABLE tps; --"
    _rewrite(contoh_paths, "insiden.csv", "Keributan di depan balai warga", f'"{jahat}"')
    store = Store(contoh_paths)
    assert store.muat(), store.ditolak
    teks = _tabel(store, "insiden")["ringkasan"]
    assert jahat in set(teks) and len(store.query("kesiapan_tps", tanggal="2024-11-26", kecamatan=None,
                                                  kelurahan=None)) == 4
    _rewrite(contoh_paths, "tps.csv", "kode_tps,kode_kelurahan", 'kode_tps,"kode_kelurahan"" FROM tps; --"')
    assert not store.muat()
    pesan = "\n".join(m.pesan() for m in store.ditolak)
    assert "bukan nama kolom kontrak" in pesan and store.versi


def test_checked_files_are_kept_as_parquet_and_reread_only_when_changed(contoh_paths, monkeypatch, tmp_path):
    from siaga.data import besar, terbit

    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    monkeypatch.setenv("SIAGA_CACHE", str(tmp_path / "cache"))
    dibaca = []
    asli = besar._judul
    monkeypatch.setattr(besar, "_judul", lambda path, inp: dibaca.append(inp.nama) or asli(path, inp))
    pertama = Store(contoh_paths)
    assert pertama.muat()
    assert sorted(dibaca) == sorted(OPERASIONAL)
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.parquet")) == sorted(OPERASIONAL)
    dibaca.clear()
    dibangun = len(terbit.jurnal(pertama.folder))
    kedua = Store(contoh_paths)               # a restart: the published snapshot serves, nothing is built
    assert kedua.muat() and dibaca == [] and len(terbit.jurnal(pertama.folder)) == dibangun
    lain = Store(Paths(contoh_paths.data, contoh_paths.geo, tmp_path / "terbit-lain"))
    assert lain.muat() and dibaca == []       # a new publish folder: every checked file comes from the cache
    for name in OPERASIONAL:
        pd.testing.assert_frame_equal(_tabel(pertama, name), _tabel(lain, name), obj=name)
    _rewrite(contoh_paths, "insiden.csv", "Keributan di depan balai warga", "Keributan di depan pasar")
    assert kedua.muat() and dibaca == ["insiden"]      # only the changed file is parsed again
    assert "Keributan di depan pasar" in set(_tabel(kedua, "insiden")["ringkasan"])
    assert len(list((tmp_path / "cache").glob("insiden-*.parquet"))) == 1
    # a damaged cache file is not trusted: the CSV is read again
    for p in (tmp_path / "cache").glob("tps-*.parquet"):
        p.write_bytes(b"rusak")
    dibaca.clear()
    ketiga = Store(Paths(contoh_paths.data, contoh_paths.geo, tmp_path / "terbit-ketiga"))
    assert ketiga.muat() and dibaca == ["tps"]
    # a refused file is never cached (the last good version's entry stays)
    sebelum = sorted((tmp_path / "cache").glob("tps-*"))
    _rewrite(contoh_paths, "tps.csv", ",400,reguler", ",abc,reguler")
    assert not ketiga.muat()
    assert sorted((tmp_path / "cache").glob("tps-*")) == sebelum and len(sebelum) == 2


@pytest.mark.parametrize("akhir", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("sel", ['"dua\rbaris"', '"dua\r\nbaris"', '"dua\nbaris"'], ids=["CR", "CRLF", "LF"])
def test_row_numbers_whatever_the_line_endings(contoh_paths, monkeypatch, akhir, sel):
    """A line break inside a quoted cell (even a bare CR) and any line ending of the file: both
    readers name the row a spreadsheet shows, with its value, and never fail on the record."""
    p = contoh_paths.data / "logistik.csv"
    awal = "2024-11-20 09:00,gudang,99.01,KOTAK,8,8,0,"
    t = p.read_text().replace(awal, awal + sel, 1)
    t = t.replace("2024-11-23 10:00,ppk,99.01.02,KOTAK,2,2,0", "2024-11-23 10:00,ppk,99.01.02,KOTAK,2,abc,0")
    p.write_bytes(t.replace("\n", "\0").replace("\0", akhir).replace("dua" + akhir + "baris", sel.strip('"'))
                  .encode())
    for mb in ("1000", "0"):
        monkeypatch.setenv("SIAGA_BESAR_MB", mb)
        s = Store(contoh_paths)
        assert not s.muat()
        assert [m.pesan() for m in s.ditolak] == ["logistik.csv, baris 6, kolom jumlah_diterima: nilai “abc” — "
                                                  "bukan bilangan bulat (contoh: 1.234 atau 1234)"]


class _Pencatat:
    """Keeps every large-file loader a build creates, to read what it did (sorted which tables,
    ran the checks across files or took them from the cache)."""

    def __init__(self, monkeypatch):
        from siaga.data import besar

        self.dibuat = []
        asli = besar.Pemuat
        dibuat = self.dibuat

        class Pemuat(asli):
            def __init__(self, *a, **k):
                super().__init__(*a, **k)
                dibuat.append(self)

        monkeypatch.setattr(besar, "Pemuat", Pemuat)

    @property
    def terakhir(self):
        return self.dibuat[-1]


def _muat_baru(paths: Paths, folder) -> Store:
    """A build into a new publish folder (what a changed input or new code costs), from the cache."""
    store = Store(Paths(paths.data, paths.geo, folder))
    store.muat()
    return store


def _pesan(store: Store) -> list[str]:
    return [m.pesan() for m in (store.ditolak or store.snapshot.peringatan)]


def test_tables_are_cached_in_place_order_so_a_load_from_the_cache_sorts_nothing(contoh_paths, monkeypatch,
                                                                                tmp_path):
    import duckdb

    from siaga.data.besar import URUTAN
    from siaga.inti.kontrak import INPUTS

    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    monkeypatch.setenv("SIAGA_CACHE", str(tmp_path / "cache"))
    catat = _Pencatat(monkeypatch)
    pertama = _muat_baru(contoh_paths, tmp_path / "t1")
    assert pertama.siap and not pertama.ditolak
    assert catat.terakhir.diurutkan == list(OPERASIONAL)
    con = duckdb.connect()
    for name, kolom in URUTAN.items():
        (pq,) = (tmp_path / "cache").glob(f"{name}-*.parquet")
        df = con.execute("SELECT * FROM read_parquet($p)", {"p": str(pq)}).df()
        # the entry is in place order (equal places in file order) and knows each row's record number
        assert list(df[kolom]) == sorted(df[kolom])
        assert name != "logistik" or list(df["_baris"]) != sorted(df["_baris"])      # not the file's order
        assert df.sort_values([kolom, "_baris"])["_baris"].tolist() == df["_baris"].tolist()
        csv = pd.read_csv(contoh_paths.data / INPUTS[name].berkas, dtype=str)
        assert df.sort_values("_baris")[kolom].tolist() == csv[kolom].tolist()
    kedua = _muat_baru(contoh_paths, tmp_path / "t2")
    assert kedua.siap and not kedua.ditolak
    assert catat.terakhir.diurutkan == [] and not catat.terakhir.silang_diperiksa
    for name in OPERASIONAL:           # the same rows in the same stored order, the contract's columns only
        a, b = (s.snapshot.cursor().execute(f"SELECT * FROM {name}").df() for s in (pertama, kedua))
        assert list(a.columns) == [k.nama for k in INPUTS[name].kolom]
        pd.testing.assert_frame_equal(a, b, obj=name)
    for q, p in [("kesiapan_tps", dict(tanggal="2024-11-25", kecamatan=None, kelurahan=None)),
                 ("logistik_wilayah", dict(tanggal="2024-11-26", kecamatan=None)),
                 ("logistik_tahap", dict(tanggal="2024-11-26", kecamatan="99.01.01"))]:
        pd.testing.assert_frame_equal(pertama.query(q, **p), kedua.query(q, **p), obj=q)
    # a change to one file sorts that table only
    _rewrite(contoh_paths, "insiden.csv", "Keributan di depan balai warga", "Keributan di depan pasar")
    assert _muat_baru(contoh_paths, tmp_path / "t3").siap
    assert catat.terakhir.diurutkan == ["insiden"] and catat.terakhir.silang_diperiksa


# Rows at the end of the file whose places sort first, with problems across files: their messages
# must name the rows of the file, whatever order the table is stored in (row 16 follows row 14 in
# the running total of its place and item).
_TAMBAHAN = ("2024-11-21 09:00,gudang,99.01,KOTAK,8,0,0,\n"
             "2024-11-26 10:00,tps,99.01.02.1001.001,KOTAK,2,1,0,\n")


def test_cross_file_messages_are_cached_on_the_inputs_fingerprints(contoh_paths, monkeypatch, tmp_path):
    import json
    import os

    with (contoh_paths.data / "logistik.csv").open("a") as f:
        f.write(_TAMBAHAN)
    monkeypatch.setenv("SIAGA_BESAR_MB", "1000")
    kecil = _pesan(_muat_baru(contoh_paths, tmp_path / "kecil"))
    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    monkeypatch.setenv("SIAGA_CACHE", str(tmp_path / "cache"))
    catat = _Pencatat(monkeypatch)
    segar = _pesan(_muat_baru(contoh_paths, tmp_path / "t1"))
    assert catat.terakhir.silang_diperiksa
    assert ("logistik.csv, baris 15, kolom jumlah_diterima: nilai “0” — baris tanpa jumlah diterima maupun "
            "rusak") in segar
    assert ("logistik.csv, baris 16, kolom jumlah_diterima: nilai “3 (kebutuhan 2)” — jumlah layak pakai (diterima − "
            "rusak) kumulatif di tempat ini melebihi kebutuhan menurut rumus") in segar
    assert sorted(segar) == sorted(kecil)          # the pandas reader says the same
    dari_cache = _pesan(_muat_baru(contoh_paths, tmp_path / "t2"))
    assert not catat.terakhir.silang_diperiksa and catat.terakhir.diurutkan == []
    assert dari_cache == segar
    # the messages come from the cache entry: an entry edited by hand is what the next load reports
    (entri,) = (tmp_path / "cache").glob("silang-*.json")
    isi = json.loads(entri.read_text())
    baris15 = next(m for m in isi["masalah"] if m["baris"] == 15)
    baris15["alasan"] = "dari cache"
    entri.write_text(json.dumps(isi))
    assert "logistik.csv, baris 15, kolom jumlah_diterima: nilai “0” — dari cache" in \
        _pesan(_muat_baru(contoh_paths, tmp_path / "t3"))
    # any input the checks read changes (here only its modification time): they run again
    for berkas, i in (("tps.csv", 4), ("logistik_item.csv", 5), ("wilayah.toml", 6)):
        st = (contoh_paths.data / berkas).stat()
        os.utime(contoh_paths.data / berkas, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        assert _pesan(_muat_baru(contoh_paths, tmp_path / f"t{i}")) == segar, berkas
        assert catat.terakhir.silang_diperiksa, berkas
        assert len(list((tmp_path / "cache").glob("silang-*.json"))) == 1


def test_checks_that_depend_on_the_moment_are_counted_on_every_load(contoh_paths, monkeypatch, tmp_path):
    import datetime as dt

    from siaga.masuk import kewajaran

    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    catat = _Pencatat(monkeypatch)
    saat = {"kini": dt.datetime(2024, 11, 24, 12, 0)}
    monkeypatch.setattr(kewajaran, "sekarang_wilayah", lambda wil: saat["kini"])

    def muat(folder, cache):
        monkeypatch.setenv("SIAGA_CACHE", str(tmp_path / cache))
        return _pesan(_muat_baru(contoh_paths, tmp_path / folder))

    awal = muat("t1", "cache")
    assert catat.terakhir.silang_diperiksa and sum("sesudah saat pemeriksaan" in p for p in awal) > 1
    assert muat("t2", "cache") == awal and not catat.terakhir.silang_diperiksa
    saat["kini"] = dt.datetime(2024, 11, 24, 12, 30)       # no event time passed: still the same messages
    assert muat("t3", "cache") == awal and not catat.terakhir.silang_diperiksa
    saat["kini"] = dt.datetime(2024, 11, 25, 12, 0)        # events of 24-25 November are no longer ahead
    kemudian = muat("t4", "cache")
    assert catat.terakhir.silang_diperiksa and kemudian != awal
    assert kemudian == muat("t5", "cache-kosong") and catat.terakhir.silang_diperiksa    # as a fresh check


def test_large_data_keeps_few_dates_of_readiness_rows(contoh_paths, monkeypatch):
    """The whole region's readiness rows of a date cover every TPS of the data: with national data a
    process keeps only KESIAPAN_MAKS_BESAR dates of them (its memory target), a city keeps
    KESIAPAN_MAKS (a kecamatan's own rows: tests/test_queries.py)."""
    from siaga.data import store as modul

    monkeypatch.setenv("SIAGA_BESAR_MB", "0")
    store = Store(contoh_paths)
    assert store.muat(), store.ditolak
    snap = store.snapshot
    assert snap.besar
    tanggal = [dt.date(2024, 11, d) for d in range(20, 26)]
    for t in tanggal:
        store.query("kesiapan_unit", tanggal=t.isoformat(), kecamatan=None)
    assert snap.kesiapan == [(t, None) for t in tanggal[-modul.KESIAPAN_MAKS_BESAR:]]
    n = snap.cursor().execute("SELECT count(DISTINCT tanggal) FROM kesiapan_simpan").fetchone()[0]
    assert n == modul.KESIAPAN_MAKS_BESAR < modul.KESIAPAN_MAKS
