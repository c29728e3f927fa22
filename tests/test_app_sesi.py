"""The log-in bound to the browser's client cookie, on the running app (AppTest; issue 15, item 6).

AppTest connects without cookies, so the cookie each run's connection presents is given by
replacing :func:`siaga.akses.gerbang.cookie_sambungan` (the one place that reads ``st.context.cookies``).
tests/browser/test_sesi_browser.py shows the same with a real browser and a real server."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from siaga.akses import audit, gerbang, pengguna, sesi
from tests.conftest import SANDI_UJI
from tests.test_app_akses import isi_form, jalankan, judul, log
from tests.test_app_akses import masuk as masuk  # the fixture, re-exported

MASUK = "Masuk · Siaga Pilkada"


@pytest.fixture
def peramban(monkeypatch):
    """``peramban.pakai(cookie)``: the cookie the next runs' connection presents (None: no cookie)."""
    class Peramban:
        cookie: str | None = None

        def pakai(self, cookie: str | None) -> None:
            self.cookie = cookie

    p = Peramban()
    monkeypatch.setattr(gerbang, "cookie_sambungan", lambda: p.cookie)
    return p


def test_reload_and_shared_link_in_the_same_browser_stay_logged_in(masuk, peramban):
    a = sesi.cookie_baru()
    peramban.pakai(a)
    at = isi_form(masuk("ringkasan"), "uji", SANDI_UJI)
    assert judul(at).startswith("Ringkasan")
    ulang = jalankan("insiden", tgl="2024-11-25")                 # a reload / a shared link: a new session
    assert judul(ulang).startswith("Insiden") and ulang.session_state[gerbang.AKSES].pengguna == "uji"
    assert [(e["aksi"], e["objek"]) for e in log(masuk.akses)][-2:] == [(audit.MASUK, "sandi"), (audit.MASUK, "lanjut")]
    peramban.pakai(sesi.cookie_baru())                            # another browser opening the same link
    assert judul(jalankan("insiden", tgl="2024-11-25")) == MASUK
    peramban.pakai(None)                                          # a client without the cookie
    assert judul(jalankan("insiden", tgl="2024-11-25")) == MASUK


def test_session_id_replayed_from_another_browser_gets_the_log_in_form(masuk, peramban):
    a = sesi.cookie_baru()
    peramban.pakai(a)
    at = isi_form(masuk("ringkasan"), "uji", SANDI_UJI)
    assert judul(at).startswith("Ringkasan")
    peramban.pakai(sesi.cookie_baru())                  # the same session, reached from another browser
    at.run()
    assert judul(at) == MASUK and gerbang.PESAN_DITOLAK in at.info[0].value
    assert gerbang.SESI not in at.session_state and at.session_state[gerbang.AKSES].publik
    terakhir = log(masuk.akses)[-1]
    assert (terakhir["aksi"], terakhir["hasil"], terakhir["pengguna"]) == (audit.SESI_DITOLAK, audit.DITOLAK, "uji")
    peramban.pakai(None)                                # without any cookie: nothing either
    assert judul(at.run()) == MASUK
    peramban.pakai(a)                                   # the browser the log-in belongs to carries on
    assert judul(at.run()).startswith("Ringkasan")


def test_logout_then_reload_asks_again(masuk, peramban):
    a = sesi.cookie_baru()
    peramban.pakai(a)
    at = isi_form(masuk("ringkasan"), "uji", SANDI_UJI)
    at.sidebar.button(key="keluar").click().run()
    assert judul(at) == MASUK
    assert judul(jalankan("ringkasan")) == MASUK
    assert sesi.cari(masuk.akses, sesi.ikatan(masuk.akses, a)) is None


def test_idle_expiry_ends_the_resume(masuk, peramban):
    a = sesi.cookie_baru()
    peramban.pakai(a)
    at = isi_form(masuk("ringkasan"), "uji", SANDI_UJI)
    lama = dataclasses.replace(at.session_state[gerbang.SESI], terakhir=dt.datetime.now() - dt.timedelta(minutes=31))
    sesi.simpan(masuk.akses, lama, lama.terakhir, pengguna.Aturan.dari_env())       # the browser idle 31 minutes
    ulang = jalankan("ringkasan")
    assert judul(ulang) == MASUK
    at.session_state[gerbang.SESI] = lama
    at.run()
    assert judul(at) == MASUK and "Sesi berakhir" in at.info[0].value
    assert log(masuk.akses)[-2]["aksi"] == audit.SESI_BERAKHIR


def test_without_a_cookie_the_session_lives_in_the_connection_only(masuk, peramban):
    at = isi_form(masuk("ringkasan"), "uji", SANDI_UJI)            # AppTest's own client: no cookie
    assert judul(at).startswith("Ringkasan") and judul(at.run()).startswith("Ringkasan")
    assert at.session_state[gerbang.SESI].ikatan == sesi.TANPA_COOKIE
    assert judul(jalankan("ringkasan")) == MASUK
    assert not (masuk.akses / sesi.BERKAS_SESI).exists()
