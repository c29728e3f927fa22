"""Publishing snapshots (siaga.data.terbit): built once per version, one build at a time per
folder, never by the sessions that happen to rerun, and the current snapshot keeps serving
while a new one is built or when one is refused."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading

import pandas as pd
import pytest

from siaga.data import terbit
from siaga.data.store import Store

TGL = dt.date(2024, 11, 25)


def _ubah_tps(paths, dpt: str) -> None:
    p = paths.data / "tps.csv"
    teks = p.read_text(encoding="utf-8")
    baru = teks.replace("99.01.02.1001.001,99.01.02.1001,1,400", f"99.01.02.1001.001,99.01.02.1001,1,{dpt}")
    assert baru != teks
    p.write_text(baru, encoding="utf-8")
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _dibangun(store: Store) -> list[dict]:
    return [j for j in terbit.jurnal(store.folder) if j["hasil"] in ("diterima", "ditolak")]


def test_a_snapshot_is_published_once_and_opened_read_only(contoh_paths):
    s = Store(contoh_paths)
    assert s.muat()
    penunjuk = json.loads((s.folder / terbit.TERKINI).read_text())
    v = s.folder / penunjuk["folder"]
    assert penunjuk["versi"] == s.versi and penunjuk["resep"] == terbit.resep()
    assert sorted(p.name for p in v.iterdir()) == [terbit.BERKAS_DB, terbit.MANIFEST, "wilayah.toml"]
    assert terbit.baca_manifest(v).versi == s.versi
    with pytest.raises(Exception, match="read-only"):
        s.snapshot.cursor().execute("DELETE FROM tps").fetchall()
    lagi = Store(contoh_paths)                     # a second process: same inputs, nothing built
    assert lagi.muat() and lagi.versi == s.versi and len(_dibangun(s)) == 1
    assert set(lagi.snapshot.batas) == {"kecamatan", "kelurahan"}
    assert lagi.query("indikator_utama", tanggal=TGL, kecamatan=None).iloc[0]["dpt"] == 1000


def test_one_build_while_ten_sessions_rerun(contoh_paths, monkeypatch):
    """An import while ten sessions rerun: exactly one build, started by the change; every session
    keeps being served the current snapshot while it runs, then moves to the new one."""
    s = Store(contoh_paths, check_interval=0)
    assert s.muat()
    lama = s.versi
    sebelum = len(_dibangun(s))
    membangun, lanjut = threading.Event(), threading.Event()
    asli = terbit._bangun

    def lambat(*args, **kwargs):
        membangun.set()
        assert lanjut.wait(60)
        return asli(*args, **kwargs)

    monkeypatch.setattr(terbit, "_bangun", lambat)
    _ubah_tps(contoh_paths, "500")
    selama_membangun: list[tuple[str, int]] = []
    galat: list[BaseException] = []

    def sesi():
        try:
            while not lanjut.is_set():
                s.segarkan()                 # the one that found the change builds; the others go on
                if membangun.is_set():
                    v = s.versi
                    dpt = int(s.query("indikator_utama", tanggal=TGL, kecamatan=None, versi=v).iloc[0]["dpt"])
                    if not lanjut.is_set():  # read while the build was still held
                        selama_membangun.append((v, dpt))
        except BaseException as exc:   # pragma: no cover - reported below
            galat.append(exc)

    threads = [threading.Thread(target=sesi) for _ in range(10)]
    for t in threads:
        t.start()
    assert membangun.wait(60)
    while len(selama_membangun) < 50 and not galat:      # the others keep being served meanwhile
        pass
    lanjut.set()
    for t in threads:
        t.join(60)
    assert not galat, galat
    assert set(selama_membangun) == {(lama, 1000)}
    s.segarkan()
    assert s.versi != lama and s.query("indikator_utama", tanggal=TGL, kecamatan=None).iloc[0]["dpt"] == 1100
    assert len(_dibangun(s)) == sebelum + 1


def test_a_refused_version_is_built_once_and_the_current_keeps_serving(contoh_paths):
    s = Store(contoh_paths, check_interval=0)
    assert s.muat()
    lama = s.versi
    _ubah_tps(contoh_paths, "4OO")
    assert not s.muat()
    assert s.versi == lama and any("4OO" in m.pesan() for m in s.ditolak)
    n = len(_dibangun(s))
    for _ in range(3):                        # the same refused inputs are not checked again
        s.segarkan()
        assert terbit.terbitkan(contoh_paths) == terbit.TOLAK
    assert len(_dibangun(s)) == n
    kedua = Store(contoh_paths)               # another process sees the refusal and the last good data
    assert not kedua.muat() and kedua.versi == lama and kedua.ditolak


def test_new_code_never_opens_a_snapshot_of_another_recipe(contoh_paths, monkeypatch):
    s = Store(contoh_paths)
    assert s.muat()
    monkeypatch.setattr(terbit, "_resep", "resep-lain")
    baru = Store(contoh_paths, pemuat="luar")
    monkeypatch.setenv("SIAGA_TUNGGU_MUAT", "0.5")
    assert not baru.muat(baru=False) and not baru.siap       # waits for its own recipe; opens nothing older
    sendiri = Store(contoh_paths)
    assert sendiri.muat() and sendiri.versi != s.versi        # built again with the new recipe


def test_old_snapshots_are_removed_but_the_last_few_kept(contoh_paths):
    s = Store(contoh_paths, check_interval=0)
    assert s.muat()
    for dpt in ("401", "402", "403", "404"):
        p = contoh_paths.data / "tps.csv"
        p.write_text(p.read_text(encoding="utf-8").replace(",1,40", f",1,{dpt[:2]}", 1), encoding="utf-8")
        st = p.stat()
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        assert s.muat()
    versi = sorted(p.name for p in s.folder.glob("v-*"))
    assert len(versi) == terbit.SIMPAN_VERSI and f"v-{s.versi}" in versi
    assert not list(s.folder.glob(".v-*"))                   # no staging folder left


def test_waiting_for_the_inputs_follows_them_when_the_loader_skips_a_version(contoh_paths, monkeypatch):
    """A field report waits for the snapshot of the inputs as they are; during a burst the loader
    skips to the newest inputs, so the wait follows the inputs instead of hanging on a version
    that will never be published."""
    import threading

    assert terbit.terbitkan(contoh_paths) in (terbit.BARU, terbit.SAMA)
    s = Store(contoh_paths, pemuat="luar", check_interval=0)
    assert s.muat(baru=False)
    p = contoh_paths.data / "tps.csv"

    def ubah(lama: str, dpt: str) -> None:
        teks = p.read_text(encoding="utf-8")
        assert f",1,{lama}" in teks
        p.write_text(teks.replace(f",1,{lama}", f",1,{dpt}", 1), encoding="utf-8")
        st = p.stat()
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))

    ubah("40", "41")                                      # the version the report wrote
    dibaca = threading.Event()
    asli = terbit.versi_masukan

    def versi_masukan(paths):
        dibaca.set()
        return asli(paths)

    monkeypatch.setattr(terbit, "versi_masukan", versi_masukan)
    monkeypatch.setenv("SIAGA_TUNGGU_MUAT", "60")
    hasil: list[bool] = []
    t = threading.Thread(target=lambda: hasil.append(s.muat()))
    t.start()
    assert dibaca.wait(30)                            # the waiter has taken the version it started with
    ubah("41", "42")                                      # the next report lands before the loader runs
    assert terbit.terbitkan(contoh_paths) == terbit.BARU        # the loader publishes the newest only
    t.join(60)
    assert hasil == [True] and s.versi == asli(contoh_paths)


def _kesiapan_terbit(cur, t: dt.date):
    return cur.execute("SELECT * EXCLUDE (tanggal) FROM data.main.kesiapan_terbit WHERE tanggal = $t ORDER BY ALL",
                       {"t": t}).df()


def _kesiapan_dihitung(cur, t: dt.date):
    return cur.execute("SELECT * FROM kesiapan_wilayah($t) ORDER BY ALL", {"t": t}).df()


def test_a_kabkota_snapshot_publishes_the_readiness_rows_of_the_last_days_and_a_report_recomputes_only_its_days(
        contoh_paths):
    """The loader computes the readiness rows of the days a desk moves over once for every app
    process; a later snapshot copies the days whose inputs are unchanged and computes the others,
    and every published day equals kesiapan_wilayah computed on that snapshot."""
    s = Store(contoh_paths, pemuat="sendiri")
    assert s.muat()
    m = terbit.baca_manifest(s.folder / terbit.terkini(s.folder)["folder"])
    hari = [dt.date.fromisoformat(t) for t in m.kesiapan]
    # the fixture's logs run from 10 to 27 Nov (voting day, the last day its date filter offers):
    # fewer days than the window, so all of them
    awal = s.query("rentang_data").iloc[0]["tanggal_awal"].date()
    assert awal == dt.date(2024, 11, 10) and terbit.KESIAPAN_TERBIT > (dt.date(2024, 11, 27) - awal).days
    assert hari[0] == awal and hari[-1] == dt.date(2024, 11, 27)
    assert hari == [hari[0] + dt.timedelta(days=i) for i in range(len(hari))]
    assert m.kesiapan_dihitung == len(hari) and set(m.kesiapan_jejak) == set(m.kesiapan)
    cur = s.snapshot.cursor()
    for t in hari:
        pd.testing.assert_frame_equal(_kesiapan_terbit(cur, t), _kesiapan_dihitung(cur, t))
    sebelum = _kesiapan_terbit(cur, TGL)

    # a new incident on 25 Nov: 25, 26 and 27 Nov are computed again, the other days copied
    p = contoh_paths.data / "insiden.csv"
    p.write_text(p.read_text(encoding="utf-8") + "I9,2024-11-25 11:00,2024-11-25 10:00,99.01.02,99.01.02.1001,,,,"
                 "konflik,tinggi,dilaporkan,polri_tni,Adu mulut di depan TPS,,Polres Contoh,2024-11-26\n",
                 encoding="utf-8")
    assert s.muat()
    m2 = terbit.baca_manifest(s.folder / terbit.terkini(s.folder)["folder"])
    assert m2.kesiapan == m.kesiapan and m2.kesiapan_dihitung == 3
    assert [t for t in m.kesiapan if m.kesiapan_jejak[t] != m2.kesiapan_jejak[t]] == \
        ["2024-11-25", "2024-11-26", "2024-11-27"]
    cur = s.snapshot.cursor()
    for t in hari:
        pd.testing.assert_frame_equal(_kesiapan_terbit(cur, t), _kesiapan_dihitung(cur, t))
    sesudah = _kesiapan_terbit(cur, TGL)
    assert sesudah["insiden_terbuka"].sum() > sebelum["insiden_terbuka"].sum()

    # the store serves a published day by copying it, and an older day by computing it: both
    # equal the computation
    for t in (TGL, hari[0] - dt.timedelta(days=3)):
        s.snapshot.siapkan_kesiapan(t)
        kept = cur.execute("SELECT * EXCLUDE (tanggal, awalan) FROM kesiapan_simpan WHERE tanggal = $t ORDER BY ALL",
                           {"t": t}).df()
        pd.testing.assert_frame_equal(kept, _kesiapan_dihitung(cur, t))
    assert TGL in s.snapshot.kesiapan_terbit and hari[0] - dt.timedelta(days=3) not in s.snapshot.kesiapan_terbit
