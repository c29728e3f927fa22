"""Access control in a real browser (Debian chromium): the log-in form, log-out, the public demo,
a camat locked to their kecamatan whatever the URL says, and script payloads planted in every
free-text column rendered as text on every page (no dialog opens, no element is injected)."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from tests.browser.conftest import FORM_MASUK, Tab, streamlit_server
from tests.conftest import FIXTURE, SANDI_UJI

SELESAI = '[data-testid="stDownloadButton"], [data-testid="stMetric"]'
XSS = {
    "insiden.csv": {"I4": {"ringkasan": "<img src=x onerror=alert('ringkasan')> Listrik padam",
                           "tindak_lanjut": "\"><svg onload=alert('tindak')>", "pic": "<b onclick=alert(1)>PLN</b>"}},
    "netralitas.csv": {"N2": {"opd": "<img src=x onerror=alert('opd')>", "sanksi": "<script>alert('sanksi')</script>"}},
    "checklist.csv": {"99.01.02.1001.001": {"catatan": "<iframe src=javascript:alert('catatan')></iframe>"}},
}
HALAMAN = ["/", "/kesiapan?kec=99.01.02&kel=99.01.02.1001", "/logistik", "/insiden?tgl=2024-11-26", "/netralitas",
           "/data", "/audit"]


def _tanam(path, kunci: str, isi: dict[str, dict[str, str]]) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for r in rows:
        r.update(isi.get(r[kunci], {}))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def xss_server(artefak, tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    shutil.copytree(FIXTURE / "data", root / "data")
    shutil.copytree(FIXTURE / "geo", root / "geo")
    for berkas, isi in XSS.items():
        _tanam(root / "data" / berkas, {"insiden.csv": "id_insiden", "netralitas.csv": "id_kasus",
                                         "checklist.csv": "kode_tps"}[berkas], isi)
    with streamlit_server(root / "data", root / "geo") as url:
        yield url


def test_payloads_stay_text_on_every_page(xss_server, browser, artefak):
    t = Tab(browser)
    dialogs: list[str] = []
    t.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in HALAMAN:
            t.open(xss_server + path, ready='[data-testid="stMainBlockContainer"] h1')
            page = t.page
            assert page.locator('[data-testid="stException"]').count() == 0, path
            main = page.locator('[data-testid="stMain"]')
            # the one script allowed is the app's own static reload guard (siaga/static/muat_ulang.js)
            for css in ("img[src='x']", "svg[onload]", "iframe[src^='javascript']", "b[onclick]",
                        "script:not(#siaga-penjaga-modul)"):
                assert main.locator(css).count() == 0, (path, css)
        t.open(xss_server + "/insiden?tgl=2024-11-26", ready=SELESAI)
        tabel = t.page.locator('[data-testid="stDataFrame"]').last
        tabel.scroll_into_view_if_needed()
        t.settle()
        assert tabel.get_by_text("<img src=x onerror=alert('ringkasan')> Listrik padam", exact=True).count() == 1
        t.screenshot(artefak, "akses-xss-insiden")
        assert dialogs == []
        assert t.errors == [] and t.external == []
    finally:
        t.close()


def test_login_failure_success_and_logout(browser, artefak):
    srv = streamlit_server(FIXTURE / "data", FIXTURE / "geo", pengguna="staf")
    with srv as url:
        t = Tab(browser)
        try:
            t.page.goto(url + "/netralitas?kec=99.01.02&tgl=2024-11-25")
            t.page.wait_for_selector(FORM_MASUK, timeout=90_000)
            assert t.page.locator("h1").first.inner_text() == "Masuk · Siaga Pilkada"
            t.screenshot(artefak, "akses-masuk")
            t.masuk("uji", "bukan-sandinya")
            t.page.get_by_text("Nama pengguna atau kata sandi salah.").wait_for(timeout=30_000)
            t.masuk("uji", SANDI_UJI)
            t.page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
            t.settle()
            assert t.page.locator("h1").first.inner_text() == "Netralitas ASN · Kecamatan Beta"   # the link kept
            assert "kec=99.01.02" in t.page.url
            sidebar = t.page.locator('[data-testid="stSidebar"]')
            assert "Masuk sebagai uji (Staf desk)" in sidebar.inner_text()
            assert sidebar.get_by_text("Data", exact=True).count() == 0                 # admin pages hidden
            sidebar.get_by_role("button", name="Keluar").click()
            t.page.wait_for_selector(FORM_MASUK, timeout=30_000)
            assert t.page.get_by_text("Anda sudah keluar.").count() == 1
            assert t.errors == [] and t.external == []
        finally:
            t.close()
        log = (srv.akses / "audit.jsonl").read_text()
        assert '"masuk_gagal"' in log and '"masuk"' in log and '"keluar"' in log
        assert "bukan-sandinya" not in log and SANDI_UJI not in log


def test_public_demo(browser, artefak):
    with streamlit_server(FIXTURE / "data", FIXTURE / "geo", pengguna=None) as url:
        t = Tab(browser)
        try:
            t.open(url + "/insiden?tgl=2024-11-26", ready='[data-testid="stMetric"]')
            text = t.page.locator("body").inner_text()
            assert "Demo publik" in text and "Daftar insiden" not in text and "SENTINEL" not in text
            assert t.page.locator('[data-testid="stDownloadButton"]').count() == 0
            t.open(url + "/data", ready='[data-testid="stAlert"]:has-text("hanya untuk admin")')
            assert t.page.locator('[data-testid="stAlert"]:has-text("hanya untuk admin")').is_visible()
            assert t.page.locator('[data-testid="stFileUploader"]').count() == 0
            t.screenshot(artefak, "akses-demo-publik-data")
            assert t.errors == [] and t.external == []
        finally:
            t.close()


def test_camat_is_locked_to_their_kecamatan(browser, artefak):
    with streamlit_server(FIXTURE / "data", FIXTURE / "geo", pengguna="camat", kecamatan="99.01.02") as url:
        t = Tab(browser)
        try:
            t.open(url + "/insiden?kec=99.01.01&tgl=2024-11-26", ready=SELESAI)
            assert t.page.locator("h1").first.inner_text() == "Insiden & Permasalahan · Kecamatan Beta"
            assert "kec=99.01.02" in t.page.url
            text = t.page.locator("body").inner_text()
            assert "Alpha" not in text and "Keributan" not in text
            t.screenshot(artefak, "akses-camat-beta")
            assert t.errors == [] and t.external == []
        finally:
            t.close()


def test_unattended_screen_returns_to_the_login_form(browser):
    """With a one-minute idle limit, a page left alone goes back to the log-in form by itself."""
    srv = streamlit_server(FIXTURE / "data", FIXTURE / "geo", pengguna="staf", SIAGA_SESI_MENIT="1")
    with srv as url:
        t = Tab(browser)
        try:
            t.open(url + "/ringkasan")
            assert t.page.locator("h1").first.inner_text() == "Ringkasan · Kota Contoh"
            t.page.wait_for_selector(FORM_MASUK, timeout=150_000)
            assert "Sesi berakhir" in t.page.locator('[data-testid="stAlert"]').first.inner_text()
            assert t.page.locator('[data-testid="stMetric"]').count() == 0
        finally:
            t.close()
        log = (srv.akses / "audit.jsonl").read_text()
        assert '"sesi_berakhir"' in log
