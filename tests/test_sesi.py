"""The login table and the cookie binding of siaga.akses.sesi (issue 15, item 6), without a browser:
a session is recorded under the HMAC of the client cookie only, resumes in the same browser until
log-out, idle expiry or a change of the user, and never for another cookie or for no cookie."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import stat

from siaga.akses import Akses, sesi
from siaga.akses.pengguna import Aturan, Sesi
from tests.conftest import tulis_pengguna

T0 = dt.datetime(2024, 11, 26, 9, 0)
ATURAN = Aturan(sesi_menit=30)


def _siapkan(tmp_path, hash_uji):
    tulis_pengguna(tmp_path, hash_uji, ("ani", "staf", None), ("budi", "camat", "32.75.01"))
    return tmp_path


def _mulai(d, cookie, nama="ani", peran="staf", kec=None, waktu=T0):
    s = Sesi(Akses(nama, peran, kec), waktu, waktu, "sandi", ikatan=sesi.ikatan(d, cookie))
    sesi.simpan(d, s, waktu, ATURAN)
    return s


def test_cookie_shape_and_hmac(tmp_path):
    c = sesi.cookie_baru()
    assert sesi.cookie_sah(c) and len(c) == 43 and c != sesi.cookie_baru()       # 256 random bits
    for salah in (None, "", "x" * 42, "x" * 44, c[:-1] + "=", c[:-1] + "é"):
        assert not sesi.cookie_sah(salah) and sesi.ikatan(tmp_path, salah) == sesi.TANPA_COOKIE
    h = sesi.ikatan(tmp_path, c)
    assert len(h) == 64 and c not in h and h == sesi.ikatan(tmp_path, c) != sesi.ikatan(tmp_path, sesi.cookie_baru())
    assert stat.S_IMODE((tmp_path / sesi.RAHASIA_SESI).stat().st_mode) == 0o600


def test_resume_same_cookie_only_and_table_holds_no_cookie(tmp_path, hash_uji):
    d = _siapkan(tmp_path, hash_uji)
    c = sesi.cookie_baru()
    _mulai(d, c)
    s = sesi.lanjut(d, sesi.ikatan(d, c), T0 + dt.timedelta(minutes=5), ATURAN)
    assert s is not None and s.akses == Akses("ani", "staf") and s.terakhir == T0 + dt.timedelta(minutes=5)
    assert sesi.lanjut(d, sesi.ikatan(d, sesi.cookie_baru()), T0, ATURAN) is None          # another browser
    assert sesi.lanjut(d, sesi.TANPA_COOKIE, T0, ATURAN) is None                          # no cookie
    teks = (d / sesi.BERKAS_SESI).read_text(encoding="utf-8")
    assert c not in teks and list(json.loads(teks)) == [sesi.ikatan(d, c)]
    assert stat.S_IMODE((d / sesi.BERKAS_SESI).stat().st_mode) == 0o600


def test_no_cookie_is_never_recorded(tmp_path, hash_uji):
    d = _siapkan(tmp_path, hash_uji)
    _mulai(d, None)
    assert not (d / sesi.BERKAS_SESI).exists()


def test_logout_deletes_only_this_browser(tmp_path, hash_uji):
    d = _siapkan(tmp_path, hash_uji)
    a, b = sesi.cookie_baru(), sesi.cookie_baru()
    _mulai(d, a)
    _mulai(d, b, "budi", "camat", "32.75.01")
    sesi.hapus(d, sesi.ikatan(d, a))
    assert sesi.lanjut(d, sesi.ikatan(d, a), T0, ATURAN) is None
    assert sesi.lanjut(d, sesi.ikatan(d, b), T0, ATURAN).akses.pengguna == "budi"


def test_idle_expiry_and_activity(tmp_path, hash_uji):
    d = _siapkan(tmp_path, hash_uji)
    c = sesi.cookie_baru()
    ik = sesi.ikatan(d, c)
    _mulai(d, c)
    assert sesi.lanjut(d, ik, T0 + dt.timedelta(minutes=29), ATURAN) is not None     # activity: refreshed
    assert sesi.cari(d, ik).terakhir == T0 + dt.timedelta(minutes=29)
    assert sesi.lanjut(d, ik, T0 + dt.timedelta(minutes=58), ATURAN) is not None
    assert sesi.lanjut(d, ik, T0 + dt.timedelta(minutes=58, seconds=30), ATURAN) is not None
    assert sesi.cari(d, ik).terakhir == T0 + dt.timedelta(minutes=58)         # rewritten at most every minute
    assert sesi.lanjut(d, ik, T0 + dt.timedelta(minutes=89), ATURAN) is None          # idle 31 minutes
    assert sesi.cari(d, ik) is None                                                   # and deleted


def test_user_removed_or_changed_ends_the_resume(tmp_path, hash_uji):
    d = _siapkan(tmp_path, hash_uji)
    a, b = sesi.cookie_baru(), sesi.cookie_baru()
    _mulai(d, a)
    _mulai(d, b, "budi", "camat", "32.75.01")
    tulis_pengguna(d, hash_uji, ("ani", "admin", None))                # ani's role changed, budi removed
    assert sesi.lanjut(d, sesi.ikatan(d, a), T0, ATURAN) is None
    assert sesi.lanjut(d, sesi.ikatan(d, b), T0, ATURAN) is None
    assert json.loads((d / sesi.BERKAS_SESI).read_text(encoding="utf-8")) == {}


def test_damaged_table_resumes_nothing_and_is_replaced(tmp_path, hash_uji):
    d = _siapkan(tmp_path, hash_uji)
    (d / sesi.BERKAS_SESI).write_text("{rusak", encoding="utf-8")
    c = sesi.cookie_baru()
    assert sesi.lanjut(d, sesi.ikatan(d, c), T0, ATURAN) is None
    _mulai(d, c)
    assert sesi.lanjut(d, sesi.ikatan(d, c), T0, ATURAN) is not None


def _tulis_banyak(d, cookies):
    for c in cookies:
        _mulai(d, c)


def test_several_processes_share_the_table(tmp_path, hash_uji):
    """Two app processes record log-ins at the same time: every one is kept (lock + atomic replace)."""
    d = _siapkan(tmp_path, hash_uji)
    sesi.ikatan(d, sesi.cookie_baru())                       # the key exists before the processes start
    kue = [[sesi.cookie_baru() for _ in range(15)] for _ in range(2)]
    ctx = multiprocessing.get_context("fork")
    ps = [ctx.Process(target=_tulis_banyak, args=(d, k)) for k in kue]
    for p in ps:
        p.start()
    for p in ps:
        p.join(timeout=120)
        assert p.exitcode == 0
    for c in kue[0] + kue[1]:
        assert sesi.lanjut(d, sesi.ikatan(d, c), T0, ATURAN) is not None
