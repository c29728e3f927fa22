"""AppTest of the "Unduh laporan" control in the sidebar (siaga.tampilan.ui.tombol_laporan): on every page,
nothing is generated until the button is clicked, then a download button offers the file."""

from __future__ import annotations

import io

import pytest
import streamlit as st
from pypdf import PdfReader
from streamlit.runtime.pages_manager import PagesManager

from siaga.akses import audit
from tests.apptest import buka
from tests.conftest import FIXTURE


def unduhan(at) -> list:
    return [e for e in at.get("download_button") if e.proto.id.endswith("laporan_unduh")]


def gambar(at) -> list:
    """The download buttons of the WhatsApp pictures, one per picture."""
    return [e for e in at.get("download_button") if "laporan_unduh_" in e.proto.id]


@pytest.fixture
def server_berjalan(monkeypatch):
    """A server that has already served a page: its old pages/-directory mode is off (see
    siaga.tampilan.ui.lewat_navigasi). AppTest switches that mode back on before every run, and the
    rerun that turns it off again would swallow a button click made in the sidebar."""
    asli = PagesManager.__init__

    def init(self, *args, **kwargs):
        asli(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def test_click_makes_the_report_of_the_filter_then_offers_the_download(app_env, server_berjalan):
    app_env(FIXTURE / "data", FIXTURE / "geo")
    at = buka(None, timeout=300, kec="99.01.02", tgl="2024-11-25")
    assert not at.exception
    assert at.radio(key="laporan_format").value == "pdf"
    assert not unduhan(at)                                     # nothing is made before the click
    at.button(key="laporan_buat").click().run()
    assert not at.exception and not at.error
    [tombol] = unduhan(at)
    assert tombol.proto.label == "Unduh PDF (A4)"
    from siaga.laporan import FORMAT

    k = at.session_state["_konteks"]
    kunci, data = at.session_state["_laporan"]
    assert kunci[:4] == (k.versi, k.tanggal, "99.01.02", "pdf") and kunci.lingkup.peran == "admin"
    teks = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Kecamatan Beta" in teks and "Data per 25 November 2024" in teks and FORMAT["pdf"].ext == "pdf"
    at.radio(key="laporan_format").set_value("pptx").run()     # another format: made again only on click
    assert not unduhan(at)


def test_whatsapp_pictures_are_offered_one_by_one(app_env, server_berjalan):
    """The PNG format gives a download button per picture (the poster first, then one per slide),
    each a PNG file of its own: no zip, which a phone cannot forward to a group as pictures."""
    from PIL import Image

    app_env(FIXTURE / "data", FIXTURE / "geo")
    at = buka(None, timeout=300, tgl="2024-11-25")
    at.radio(key="laporan_format").set_value("png").run()
    assert not gambar(at)
    at.button(key="laporan_buat").click().run()
    assert not at.exception and not at.error
    assert not unduhan(at)                                     # no zip in the app
    tombol = gambar(at)
    assert [t.proto.label for t in tombol] == [
        "Poster situasi hari ini (tegak)", "1 · Situasi hari ini", "2 · Perlu tindakan hari ini",
        "3 · Kesiapan per kecamatan", "4 · Perubahan sejak kemarin (24 November 2024)", "5 · Logistik",
        "6 · Insiden 24 jam terakhir", "7 · Netralitas ASN"]
    assert tombol[0].proto.type == "primary" and {t.proto.type for t in tombol[1:]} == {"secondary"}
    kunci, isi = at.session_state["_laporan"]
    assert kunci.format == "png"
    ukuran = {g.nama: Image.open(io.BytesIO(g.png)).size for g in isi}
    assert ukuran == {**{f"{i:02d}-{kode}.png": (1600, 900) for i, kode in enumerate(
        ["situasi", "perhatian", "kesiapan", "perubahan", "logistik", "insiden", "netralitas"], 1)},
                      "poster.png": (1080, 2160)}
    assert all(g.png.startswith(b"\x89PNG") for g in isi)


def test_the_control_is_on_every_page(app_env):
    app_env(FIXTURE / "data", FIXTURE / "geo")
    at = buka(None, timeout=120)
    for page in ("pages/kesiapan.py", "pages/logistik.py", "pages/insiden.py", "pages/netralitas.py", "pages/data.py"):
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.button(key="laporan_buat").label == "Buat laporan", page


def test_a_report_download_is_audited_when_pressed(app_env, server_berjalan, monkeypatch):
    """Issue 15: report downloads were not audited. The bytes are served only on the press, after
    its audit line (the report's file name, the user); nothing is logged before."""
    app_env(FIXTURE / "data", FIXTURE / "geo")
    disajikan = {}
    asli = st.download_button

    def rekam(label, data, file_name=None, *a, **kw):       # what the button would serve, unserved
        disajikan[file_name] = data
        return asli(label, data, file_name, *a, **kw)

    monkeypatch.setattr(st, "download_button", rekam)
    at = buka(None, timeout=300, kec="99.01.01", tgl="2024-11-25")
    at.radio(key="laporan_format").set_value("pptx").run()
    at.button(key="laporan_buat").click().run()
    assert not at.exception and not at.error
    [(berkas, serah)] = [(n, d) for n, d in disajikan.items() if n.startswith("laporan-")]
    assert callable(serah) and berkas == "laporan-99.01.01-2024-11-25.pptx"
    assert [e for e in audit.baca(app_env.akses) if e["aksi"] == audit.UNDUH_LAPORAN] == []
    assert serah() == at.session_state["_laporan"][1] and serah()[:2] == b"PK"
    dicatat = [e for e in audit.baca(app_env.akses) if e["aksi"] == audit.UNDUH_LAPORAN]
    assert [(e["objek"], e["pengguna"], e["peran"]) for e in dicatat] == [(berkas, "uji", "admin")] * 2
    assert audit.periksa_rantai(app_env.akses).utuh
