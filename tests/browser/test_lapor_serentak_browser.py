"""Twenty field reports at the same moment against a real ``streamlit run`` server: twenty pages of
one browser (twenty Streamlit sessions of one lurah), each with its incident form filled in, press
"Kirim" at one agreed instant (a timer in every page aimed at the same wall-clock millisecond). All
twenty rows land in ``insiden.csv`` once each, every append is a version of its own in the history
and an audit entry, and the files still pass the import check. Every wait is on a condition."""

from __future__ import annotations

import shutil
import time

import pandas as pd

from siaga.akses import audit
from siaga.data.store import Store
from siaga.inti.config import Paths
from siaga.masuk import riwayat
from tests.browser.conftest import Server, Tab
from tests.conftest import FIXTURE

KEL = "99.01.01.1001"
N = 20
FORM = 'button:has-text("Kirim laporan insiden")'
# Press the form's submit button at the wall-clock instant ``t`` (ms since the epoch): every page of
# the browser shares the clock, so the twenty presses leave together.
TEKAN_PADA_JS = """t => { setTimeout(() => {
    [...document.querySelectorAll('button')].find(b => b.innerText.includes('Kirim laporan insiden')).click();
}, Math.max(0, t - Date.now())); return true; }"""


BATAS_DETIK = 300          # the whole burst, on a loaded 2-core machine


def _keadaan(t: Tab) -> str:
    if t.page.locator('[data-testid="stAlertContentSuccess"]').count():
        return "berhasil"
    if t.page.locator('[data-testid="stAlertContentError"]').count():
        return "galat: " + t.page.locator('[data-testid="stMain"]').inner_text()[:300]
    if t.page.locator('[data-testid="stException"]').count():
        return "exception"
    return "menunggu"


def _jumlah_baru(paths: Paths) -> int:
    return int(pd.read_csv(paths.data / "insiden.csv")["ringkasan"].fillna("").str.startswith("Laporan serentak").sum())


def test_twenty_reports_at_the_same_moment_all_land(browser, artefak, tmp_path):
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "geo", tmp_path / "geo")
    paths = Paths(tmp_path / "data", tmp_path / "geo")
    awal = pd.read_csv(paths.data / "insiden.csv")
    awal_teks = pd.read_csv(paths.data / "insiden.csv", dtype=str, keep_default_na=False)
    srv = Server(paths.data, paths.geo, "lurah", KEL, SIAGA_JAM="2024-11-26 10:00").mulai()
    tabs: list[Tab] = []
    try:
        for i in range(N):
            t = Tab(browser, 360, 800)
            tabs.append(t)
            t.open(srv.url + "/lapor", ready=FORM)
            t.page.get_by_label("Apa yang terjadi (singkat, tanpa nama orang)").fill(f"Laporan serentak nomor {i:02d}")
        serentak = int(time.time() * 1000) + 1500
        for t in tabs:
            t.page.evaluate(TEKAN_PADA_JS, serentak)
        akhir = time.monotonic() + BATAS_DETIK
        while True:                                   # every page has its answer, or the limit is reached
            keadaan = [_keadaan(t) for t in tabs]
            if all(x != "menunggu" for x in keadaan):
                break
            assert time.monotonic() < akhir, (keadaan, _jumlah_baru(paths))
            time.sleep(0.2)                           # poll interval of the condition above
        assert keadaan == ["berhasil"] * N, keadaan
        for t in tabs:
            assert t.errors == [] and t.external == []
        tabs[-1].settle()
        tabs[-1].screenshot(artefak, "lapor-serentak-360x800", penuh=False)
        log_audit = [r for r in audit.baca(srv.akses) if r["aksi"] == audit.LAPOR]
    finally:
        for t in tabs:
            t.close()
        srv.berhenti()

    df = pd.read_csv(paths.data / "insiden.csv")
    baru = df[df["ringkasan"].fillna("").str.startswith("Laporan serentak nomor")]
    assert sorted(baru["ringkasan"]) == [f"Laporan serentak nomor {i:02d}" for i in range(N)]   # all 20, once each
    assert baru["id_insiden"].is_unique and len(df) == len(awal) + N and not df.duplicated().any()
    lama = pd.read_csv(paths.data / "insiden.csv", dtype=str, keep_default_na=False).iloc[:len(awal)]
    assert lama[list(awal.columns)].equals(awal_teks)             # nothing earlier lost or changed
    versi = riwayat.daftar(paths)                   # the first import also records the file it found as a baseline
    assert [(v.jenis, v.sumber, v.oleh) for v in versi[-N:]] == [("insiden", "lapor", "uji")] * N
    assert all(v.sumber != "lapor" for v in versi[:-N])
    assert len(log_audit) == N and {r["hasil"] for r in log_audit} == {audit.BERHASIL}
    s = Store(paths)
    assert s.muat(), s.ditolak                                    # the file passes the import check
