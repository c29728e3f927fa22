"""Access control on the running app (AppTest on the Kota Contoh fixture): the role × surface
matrix (every page's element tree, every download, cached query results) against the planted
SENTINEL values of netralitas_pribadi.csv; a camat never sees another kecamatan, whatever the URL
asks; the log-in form, lock-out, expiry and log-out; the public demo; identity escrow end to end."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re

import openpyxl
import pandas as pd
import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from siaga.akses import ADMIN, CAMAT, PIMPINAN, PUBLIK, STAF, VERIFIKATOR, Lingkup, audit, gerbang
from tests.conftest import FIXTURE, ROOT, SANDI_UJI, baris_kecamatan
from tests.test_identitas import sentinels

APP = str(ROOT / "dashboard.py")
ALPHA, BETA = "99.01.01", "99.01.02"
HALAMAN = ["ringkasan", "kesiapan", "logistik", "insiden", "netralitas", "data", "audit"]
PERAN = [PUBLIK, PIMPINAN, STAF, CAMAT, VERIFIKATOR, ADMIN]
# Pages in the navigation of each role.
NAVIGASI = {PUBLIK: HALAMAN[:6], PIMPINAN: HALAMAN[:5], STAF: HALAMAN[:5], CAMAT: HALAMAN[:5],
            VERIFIKATOR: HALAMAN[:5], ADMIN: HALAMAN}
# What only Alpha rows hold: its name and code (kelurahan and TPS codes start with it), its kelurahan
# Satu and Dua, and the free text of its incidents, checklists and cases.
ALPHA_TEKS = re.compile(r"Alpha|99\.01\.01|\bSatu\b|\bDua\b|Dinas Kesehatan|Dinas Pendidikan|Polres Contoh|"
                        r"Keributan|Pelayanan kelurahan tertunda|lokasi tergenang|lembar basah")


def alpha(teks: str) -> list[str]:
    return ALPHA_TEKS.findall(teks)


class Unduhan:
    """Records every download button of a run (file name and the bytes it would serve)."""

    def __init__(self, monkeypatch):
        self.berkas: dict[str, bytes] = {}
        asli = DeltaGenerator.download_button

        def rekam(dg, label, data, file_name=None, *a, **kw):
            self.berkas[file_name] = data() if callable(data) else data
            return asli(dg, label, data, file_name, *a, **kw)

        monkeypatch.setattr(DeltaGenerator, "download_button", rekam)

    def teks(self) -> str:
        out = []
        for nama, data in self.berkas.items():
            if nama.endswith(".xlsx"):
                wb = openpyxl.load_workbook(io.BytesIO(data))
                out.append("\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                                     if c.value is not None))
            else:
                out.append(data.decode("utf-8-sig"))
        return "\n".join(out)


@pytest.fixture
def buka(app_env, monkeypatch):
    """``buka(peran, page, kec=…, **query)``: an AppTest of ``page`` for a user with that role (a
    camat of Beta unless ``kecamatan`` says otherwise; ``publik``: no user configured)."""
    unduhan = Unduhan(monkeypatch)

    def make(peran: str, page: str | None = None, kecamatan: str = BETA, nama: str = "uji", **query) -> AppTest:
        if peran == PUBLIK:
            app_env(FIXTURE / "data", FIXTURE / "geo", peran=None, pengguna=False)
        else:
            app_env(FIXTURE / "data", FIXTURE / "geo", peran=peran, kecamatan=kecamatan if peran == CAMAT else None,
                    nama=nama)
        unduhan.berkas.clear()
        return jalankan(page, **query)

    make.unduhan = unduhan
    make.akses = app_env.akses
    return make


def jalankan(page: str | None, **query) -> AppTest:
    """The dashboard opened as a link would: query parameters, then ``pages/<page>.py``, one run."""
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    if page:
        at.switch_page(f"pages/{page}.py")
    return at.run()


def pohon(at: AppTest) -> str:
    """Every element of the run, serialised (text, tables as Arrow, chart and map specs)."""
    return b"\n".join(n.proto.SerializeToString() for n in at._tree if getattr(n, "proto", None) is not None).decode(
        "utf-8", "replace")


def judul(at: AppTest) -> str:
    return at.title[0].value if at.title else ""


def subjudul(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


# ------------------------------------------------------------------ the matrix

@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("page", HALAMAN)
def test_role_surface_matrix(buka, peran, page):
    at = buka(peran, page, tgl="2024-11-26")
    assert not at.exception, at.exception
    tree = pohon(at)
    files = buka.unduhan.teks()
    # 1. no personal value anywhere: element tree, downloads
    for v in sentinels():
        assert v not in tree, (peran, page, v)
        assert v not in files, (peran, page, v)
    # 2. the page opens only for the roles whose navigation has it (else the default page runs)
    boleh = page in NAVIGASI[peran]
    if page == "data":
        assert (judul(at) == "Data") == boleh
        assert ("Impor berkas" in subjudul(at)) == (peran == ADMIN)
        assert ("Riwayat impor" in subjudul(at)) == (peran == ADMIN)
    elif page == "audit":
        assert (judul(at) == "Audit") == boleh
        assert ("Log audit" in subjudul(at)) == (peran == ADMIN)
    else:
        assert judul(at).startswith(page.capitalize()[:5]) or (page == "insiden" and judul(at).startswith("Insiden"))
    # 3. row-level tables (and their free text) only for roles with RINCIAN
    rincian = peran in (STAF, CAMAT, VERIFIKATOR, ADMIN)
    if not rincian:
        for teks in ("Keributan", "Patroli gabungan", "Listrik padam", "lembar basah", "lokasi tergenang"):
            assert teks not in tree, (peran, page, teks)
    if page == "insiden":
        assert any(s.startswith("Daftar insiden") for s in subjudul(at)) == rincian
        assert ("Listrik padam di kantor kecamatan" in tree) == rincian            # Beta's incident I4
    if page == "netralitas":
        assert ("Nomor kasus" in tree) == rincian                                  # the open cases table
        assert ("Identitas terlapor (terbatas)" in subjudul(at)) == (peran == VERIFIKATOR)
    if page in ("logistik", "insiden", "netralitas"):                               # the sentence in their place
        assert any(c.value.startswith("🔒") for c in at.caption) == (not rincian), (peran, page)
    # 4. downloads: none in the public demo; aggregates only for pimpinan
    names = list(buka.unduhan.berkas)
    if peran == PUBLIK:
        assert names == []
    if peran == PIMPINAN:
        assert not any(n.startswith(("siaga_insiden", "siaga_tindak-lanjut", "siaga_kesiapan-tps",
                                     "siaga_netralitas-kasus", "siaga_logistik-kekurangan")) for n in names), names
    # 5. a camat of Beta sees nothing of Alpha
    if peran == CAMAT:
        assert not alpha(tree) and not alpha(files), (page, alpha(tree), alpha(files))


@pytest.mark.parametrize("peran", [PUBLIK, PIMPINAN, STAF])
def test_pimpinan_and_the_public_get_no_free_text_in_the_attention_list(buka, peran):
    """Issue 15: pimpinan received the free-text PIC column (who follows up an overdue incident,
    possibly a person's name) in the "perlu perhatian" sentences; roles with row-level access keep it."""
    at = buka(peran, "ringkasan", tgl="2024-11-25")
    assert not at.exception
    tree = pohon(at)
    assert "Keributan" not in tree or peran == STAF
    assert ("Polres Contoh" in tree) == (peran == STAF)          # the PIC of the overdue incident I1


@pytest.mark.parametrize("page", ["ringkasan", "kesiapan", "logistik", "insiden", "netralitas"])
@pytest.mark.parametrize("query", [{"kec": ALPHA}, {"kec": ALPHA, "kel": "99.01.01.1001"},
                                   {"kec": "99.01.01' OR 1=1 --", "kel": "x' OR '1'='1"},
                                   {"kec": BETA, "kel": "99.01.02.1001"}])
def test_camat_never_sees_another_kecamatan(buka, page, query):
    """At every drill-down level and in every download, whatever the URL asks for."""
    at = buka(CAMAT, page, tgl="2024-11-26", **query)
    assert not at.exception
    assert "Kecamatan Beta" in judul(at) or "Kelurahan Tiga, Beta" in judul(at), judul(at)
    assert at.query_params["kec"] == [BETA] or at.query_params["kec"] == BETA
    sel = at.selectbox(key="f_kec")
    assert sel.options == ["Beta"] and sel.disabled
    tree, files = pohon(at), buka.unduhan.teks()
    assert buka.unduhan.berkas or page == "ringkasan"
    assert not alpha(tree) and not alpha(files), (page, query, alpha(tree), alpha(files))


def test_camat_drill_down_to_the_tps(buka):
    at = buka(CAMAT, "kesiapan", tgl="2024-11-26", kel="99.01.02.1001")
    assert judul(at) == "Kesiapan · Kelurahan Tiga, Beta"
    assert "Daftar TPS" in subjudul(at)
    tps = at.dataframe[-1].value
    assert len(tps) == 1 and "Alpha" not in tps.to_csv()
    assert any(n.startswith("siaga_kesiapan-tps") for n in buka.unduhan.berkas)


def test_staf_sees_the_whole_region(buka):
    at = buka(STAF, "insiden", tgl="2024-11-26")
    tree = pohon(at)
    assert "Keributan di depan balai warga" in tree and "Listrik padam" in tree
    assert any(n.startswith("siaga_insiden") for n in buka.unduhan.berkas)


def test_cached_query_results_are_keyed_on_the_scope(app_env):
    """The same query and parameters cached for a staf are never served to a camat (and back)."""
    from siaga.tampilan import ui

    app_env(FIXTURE / "data", FIXTURE / "geo")
    versi = ui.store().versi
    params = (("kecamatan", None), ("tanggal", dt.date(2024, 11, 25)))
    staf = baris_kecamatan(ui._cached("kesiapan_unit", params, versi, Lingkup(STAF)))
    camat = baris_kecamatan(ui._cached("kesiapan_unit", params, versi, Lingkup(CAMAT, BETA)))
    staf2 = baris_kecamatan(ui._cached("kesiapan_unit", params, versi, Lingkup(STAF)))
    assert set(staf["kode"]) == {ALPHA, BETA} and set(camat["kode"]) == {BETA}
    assert staf2.equals(staf)
    minta_alpha = baris_kecamatan(ui._cached("kesiapan_unit",
                                             (("kecamatan", ALPHA), ("tanggal", dt.date(2024, 11, 25))),
                                             versi, Lingkup(CAMAT, BETA)))
    assert set(minta_alpha["kode"]) == {BETA}
    batas = ui._batas(versi, Lingkup(CAMAT, BETA))
    assert set(batas["kecamatan"].gdf["kode"]) == {BETA}
    assert set(batas["kelurahan"].gdf["kode"]) == {"99.01.02.1001"}


def test_daily_series_cut_for_an_earlier_date_stays_in_the_scope(app_env):
    """The Ringkasan and Kesiapan pages cut the readiness series of an earlier date from the cached
    series of the last day (kesiapan.seri_harian): that cached series is keyed on the scope, so a
    camat asking for the whole region gets their kecamatan's series, cut, never the region's."""
    from siaga.model import kesiapan, konteks
    from siaga.tampilan import ui

    app_env(FIXTURE / "data", FIXTURE / "geo")
    versi = ui.store().versi

    def q_untuk(lingkup):
        return lambda nama, **p: ui._cached(nama, tuple(sorted(p.items())), versi, lingkup)

    q_staf, q_camat = q_untuk(Lingkup(STAF)), q_untuk(Lingkup(CAMAT, BETA))
    k = konteks.untuk(q_staf, ui.store().wilayah, versi, dt.date(2024, 11, 22))
    assert k.tanggal < k.rentang.batas_atas
    wilayah = kesiapan.seri_harian(q_staf, k, None, None)          # caches the region's series of the last day
    camat = kesiapan.seri_harian(q_camat, k, None, None)           # the camat asks for the whole region
    beta = ui.store().query("kesiapan_harian", tanggal=k.tanggal, kecamatan=BETA, kelurahan=None)
    pd.testing.assert_frame_equal(camat, beta, check_exact=False, rtol=1e-12)
    assert not wilayah["skor"].equals(camat["skor"])
    pd.testing.assert_frame_equal(kesiapan.seri_harian(q_staf, k, None, None), wilayah)


def test_public_demo_has_no_login_no_rows_and_no_imports(buka):
    at = buka(PUBLIK, "data")
    assert judul(at) == "Data" and "hanya untuk admin" in at.info[0].value
    assert not at.file_uploader and not [b for b in at.button if b.key != "laporan_buat"]   # the aggregate report only
    at = buka(PUBLIK, "insiden", tgl="2024-11-26")
    assert "Daftar insiden" not in subjudul(at) and not buka.unduhan.berkas
    assert any("Demo publik" in c.value for c in at.sidebar.caption)
    assert not (buka.akses / audit.BERKAS_AUDIT).exists()          # nothing to audit, nobody logged in


# ------------------------------------------------------------------ log-in, lock-out, expiry, log-out

@pytest.fixture
def masuk(app_env):
    """The app with users configured and nobody logged in (the log-in form)."""
    def make(page: str | None = None, **query) -> AppTest:
        app_env(FIXTURE / "data", FIXTURE / "geo", peran=None)
        return jalankan(page, **query)
    make.akses = app_env.akses
    return make


def isi_form(at: AppTest, nama: str, sandi: str) -> AppTest:
    at.text_input(key="masuk_nama").input(nama)
    at.text_input(key="masuk_sandi").input(sandi)
    return at.button[-1].click().run()


def log(folder) -> list[dict]:
    return [json.loads(x) for x in (folder / audit.BERKAS_AUDIT).read_text().splitlines()]


def test_login_keeps_the_deep_link_and_logs_in_and_out(masuk):
    at = masuk("insiden", kec=BETA, tgl="2024-11-25")
    assert judul(at) == "Masuk · Siaga Pilkada" and not at.metric
    assert "Keributan" not in pohon(at)
    at = isi_form(at, "uji", "salah-sekali")
    assert at.error[0].value == "Nama pengguna atau kata sandi salah."
    at = isi_form(at, "UJI", SANDI_UJI)
    assert not at.exception
    assert judul(at) == "Insiden & Permasalahan · Kecamatan Beta"          # the link survived the log-in
    assert "masuk_sandi" not in at.session_state or at.session_state["masuk_sandi"] == ""   # not kept
    at.button(key="keluar").click().run()
    assert judul(at) == "Masuk · Siaga Pilkada" and "sudah keluar" in at.info[0].value
    ev = log(masuk.akses)
    assert [e["aksi"] for e in ev] == [audit.MASUK_GAGAL, audit.MASUK, audit.KELUAR]
    assert all(SANDI_UJI not in json.dumps(e) and "salah-sekali" not in json.dumps(e) for e in ev)


def test_lockout_after_five_failures(masuk):
    at = masuk()
    for i in range(5):
        at = isi_form(at, "uji", f"salah-{i}-xxxx")
    assert at.error[0].value.startswith("Terlalu banyak percobaan masuk yang gagal")
    at = isi_form(at, "uji", SANDI_UJI)                        # even the right password, while locked
    assert judul(at) == "Masuk · Siaga Pilkada" and "Terlalu banyak" in at.error[0].value
    at = isi_form(at, "orang.asing", "apa-saja")                # unknown names: not written as typed
    aksi = [e["aksi"] for e in log(masuk.akses)]
    assert aksi.count(audit.TERKUNCI) == 1 and aksi.count(audit.MASUK_GAGAL) == 6
    assert "orang.asing" not in (masuk.akses / audit.BERKAS_AUDIT).read_text()


def test_idle_session_expires(masuk):
    at = isi_form(masuk(), "uji", SANDI_UJI)
    assert judul(at).startswith("Ringkasan")
    sesi = at.session_state[gerbang.SESI]
    at.session_state[gerbang.SESI] = dataclasses.replace(sesi, terakhir=sesi.terakhir - dt.timedelta(minutes=31))
    at.run()
    assert judul(at) == "Masuk · Siaga Pilkada" and "Sesi berakhir" in at.info[0].value
    assert [e["aksi"] for e in log(masuk.akses)][-2:] == [audit.SESI_BERAKHIR, audit.KELUAR]


# ------------------------------------------------------------------ identity escrow through the pages

def test_escrow_through_the_pages(buka):
    at = buka(VERIFIKATOR, "netralitas", tgl="2024-11-26")
    assert "SENTINEL" not in pohon(at)
    at.button(key="net_terlapor").click().run()                     # one explicit view, audited
    assert "SENTINEL-NAMA-TERLAPOR-N2" in pohon(at) and "SENTINEL-PELAPOR-N2" not in pohon(at)
    at.run()
    assert "SENTINEL" not in pohon(at)                              # not kept on the page
    assert not any(n for n in buka.unduhan.berkas if "SENTINEL" in buka.unduhan.teks())
    at.selectbox(key="net_minta_kasus").set_value("N2")
    at.text_area(key="net_minta_alasan").input("Klarifikasi Bawaslu memerlukan keterangan pelapor")
    at.button[[b.label for b in at.button].index("Ajukan permintaan")].click().run()
    assert "Permintaan 1 untuk kasus N2 dikirim" in at.success[0].value
    assert not [b for b in at.button if b.key == "net_pelapor_N2"]

    adm = buka(ADMIN, "audit", nama="adi")
    assert adm.dataframe[0].value["Kasus"].tolist() == ["N2"]
    adm.button(key="audit_setujui").click().run()
    assert "Permintaan 1 disetujui" in adm.success[0].value
    log_audit = adm.dataframe[-1].value
    assert "Meminta identitas pelapor" in log_audit["Tindakan"].tolist()
    assert "SENTINEL" not in pohon(adm)

    at = buka(VERIFIKATOR, "netralitas", tgl="2024-11-26")
    at.button(key="net_pelapor_N2").click().run()
    assert "SENTINEL-PELAPOR-N2" in pohon(at) and "0812-SENTINEL" in pohon(at)
    ev = log(buka.akses)
    aksi = [e["aksi"] for e in ev if e["aksi"] not in (audit.MASUK, audit.UNDUH)]
    n = aksi.count(audit.LIHAT_TERLAPOR)                  # one line per identity viewed (issue 15)
    assert n >= 1 and aksi == [audit.LIHAT_TERLAPOR] * n + [
        audit.MINTA_PELAPOR, audit.LIHAT_AUDIT, audit.SETUJUI_PELAPOR, audit.LIHAT_PELAPOR]
    assert all("," not in e["objek"] for e in ev if e["aksi"] == audit.LIHAT_TERLAPOR)
    text = (buka.akses / audit.BERKAS_AUDIT).read_text()
    for v in sentinels():
        assert v not in text


def test_downloads_are_audited(buka):
    buka(STAF, "netralitas", tgl="2024-11-26")
    unduh = [e for e in log(buka.akses) if e["aksi"] == audit.UNDUH]
    assert {e["objek"] for e in unduh} == set(buka.unduhan.berkas) and unduh[0]["pengguna"] == "uji"


# ------------------------------------------------------------------ single sign-on (OIDC), without an IdP

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "rahasia-uji-panjang-sekali",
        "client_id": "siaga", "client_secret": "x", "server_metadata_url": "https://idp.invalid/.well-known/x"}


def test_oidc_provider_detection():
    assert gerbang.penyedia_oidc({}) is None
    assert gerbang.penyedia_oidc({"auth": {"redirect_uri": "x"}}) is None              # incomplete
    assert gerbang.penyedia_oidc({"auth": AUTH}) == ""
    nama = {"redirect_uri": "x", "cookie_secret": "y", "kantor": {"client_id": "c", "server_metadata_url": "u"}}
    assert gerbang.penyedia_oidc({"auth": nama}) == "kantor"


@pytest.mark.parametrize("email, masuk_sebagai", [("Ani@Contoh.go.id", "ani"), ("orang@lain.invalid", None)])
def test_oidc_email_maps_to_a_user(app_env, email, masuk_sebagai):
    from siaga.akses import pengguna

    app_env(FIXTURE / "data", FIXTURE / "geo", peran=None)
    pengguna.tambah(app_env.akses, "ani", VERIFIKATOR, None, email="ani@contoh.go.id")
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    assert judul(at) == "Masuk · Siaga Pilkada"
    assert [b.label for b in at.button if b.key == "sso_masuk"] == ["Masuk dengan akun organisasi"]
    at.user = {"is_logged_in": True, "email": email}
    at.run()
    ev = log(app_env.akses)
    if masuk_sebagai:
        assert judul(at).startswith("Ringkasan")
        assert at.session_state[gerbang.AKSES].pengguna == "ani" and at.session_state[gerbang.SESI].cara == "oidc"
        assert (ev[-1]["aksi"], ev[-1]["objek"], ev[-1]["pengguna"]) == (audit.MASUK, "oidc", "ani")
    else:
        assert judul(at) == "Masuk · Siaga Pilkada" and "belum terdaftar" in at.error[0].value
        assert [b.key for b in at.button if b.key == "sso_keluar"] == ["sso_keluar"]
        assert ev[-1]["aksi"] == audit.MASUK_GAGAL and email not in json.dumps(ev)
