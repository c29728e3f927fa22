"""The store: load once, reload on change, keep serving the last good data when a reload fails."""

from __future__ import annotations

import datetime as dt
import os
import threading

from siaga.data.store import THREADS_KECIL, Store
from tests.conftest import baris_kecamatan

TGL = dt.date(2024, 11, 25)


def _bump(path):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_limits_are_set(contoh_paths):
    s = Store(contoh_paths)
    assert s.muat()
    cur = s.snapshot.cursor()
    threads, mem = cur.execute("SELECT current_setting('threads'), current_setting('memory_limit')").fetchone()
    assert threads == THREADS_KECIL
    assert mem.endswith(("MiB", "GiB"))


def test_ids_stay_text_and_types_are_explicit(contoh_paths):
    s = Store(contoh_paths)
    s.muat()
    cur = s.snapshot.cursor()
    types = dict(cur.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'tps'").fetchall())
    assert types["kode_tps"] == "VARCHAR" and types["dpt"] == "BIGINT" and types["rawan_banjir"] == "BOOLEAN"
    types = dict(cur.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'insiden'").fetchall())
    assert types["waktu"] == "TIMESTAMP" and types["batas_waktu"] == "DATE" and types["id_insiden"] == "VARCHAR"


def test_restricted_file_is_never_loaded(contoh_paths):
    s = Store(contoh_paths)
    s.muat()
    cur = s.snapshot.cursor()
    tables = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "netralitas_pribadi" not in tables
    for (t,) in cur.execute("SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                            ).fetchall():
        dump = cur.execute(f'SELECT * FROM "{t}"').df().to_csv()   # t comes from the catalog
        assert "SENTINEL" not in dump, t


def test_reload_on_change(contoh_paths):
    s = Store(contoh_paths, check_interval=0)
    s.muat()
    v1 = s.versi
    before = s.query("indikator_utama", tanggal=TGL, kecamatan=None).iloc[0]
    path = contoh_paths.data / "tps.csv"
    path.write_text(path.read_text().replace("99.01.02.1001.001,99.01.02.1001,1,400",
                                             "99.01.02.1001.001,99.01.02.1001,1,500"))
    _bump(path)
    s.segarkan()
    assert s.versi != v1 and not s.ditolak
    after = s.query("indikator_utama", tanggal=TGL, kecamatan=None).iloc[0]
    assert (before.dpt, after.dpt) == (1000, 1100)


def test_no_reload_without_change(contoh_paths):
    s = Store(contoh_paths, check_interval=0)
    s.muat()
    snap = s.snapshot
    s.segarkan()
    assert s.snapshot is snap


def test_bad_reload_keeps_last_good_data(contoh_paths):
    s = Store(contoh_paths, check_interval=0)
    s.muat()
    v1 = s.versi
    path = contoh_paths.data / "tps.csv"
    original = path.read_text()
    path.write_text(original.replace(",400,reguler", ",4OO,reguler"))
    _bump(path)
    s.segarkan()
    assert s.versi == v1                                    # still the old data
    assert s.query("indikator_utama", tanggal=TGL, kecamatan=None).iloc[0].dpt == 1000
    msg = [m.pesan() for m in s.ditolak]
    assert any("tps.csv" in m and "baris 5" in m and "kolom dpt" in m and "4OO" in m for m in msg), msg
    # fixing the file brings the new data in and clears the problem list
    path.write_text(original.replace(",400,reguler", ",450,reguler"))
    _bump(path)
    s.segarkan()
    assert not s.ditolak and s.versi != v1
    assert s.query("indikator_utama", tanggal=TGL, kecamatan=None).iloc[0].dpt == 1050


def test_first_load_failure_reports(contoh_paths):
    (contoh_paths.data / "insiden.csv").unlink()
    s = Store(contoh_paths)
    assert not s.muat()
    assert not s.siap
    assert any(m.berkas == "insiden.csv" and "tidak ditemukan" in m.alasan for m in s.ditolak)


def test_cursor_per_query_is_thread_safe(contoh_store):
    errors, results = [], []

    def work():
        try:
            for _ in range(10):
                results.append(len(baris_kecamatan(contoh_store.query("kesiapan_unit", tanggal=TGL, kecamatan=None))))
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and results == [2] * 40


def test_markup_in_a_region_name_is_refused_and_old_names_stay(contoh_paths):
    s = Store(contoh_paths, check_interval=0)
    s.muat()
    v1 = s.versi
    path = contoh_paths.data / "wilayah.csv"
    path.write_text(path.read_text() + "kelurahan,99.01.02.1002,Empat [x](http://contoh.invalid),99.01.02,,\n")
    _bump(path)
    s.segarkan()
    assert s.versi == v1
    msg = [m.pesan() for m in s.ditolak]
    assert any("wilayah.csv" in m and "kolom nama" in m and "hanya boleh berisi huruf" in m for m in msg), msg
