"""The gate of every request (Streamlit glue): who is logged in, the log-in form, log-out,
idle expiry, single sign-on, and the current :class:`~siaga.akses.Akses`.

``dashboard.py`` calls :func:`jaga` before anything else. A log-in is bound to the browser's
client cookie (:mod:`siaga.akses.sesi`; the cookie is set by siaga/tampilan/jaringan.py), never to
the Streamlit session id: every run compares the connection's cookie with the session's binding, and
a mismatch (another browser presenting the session id, or a client without the cookie) logs the
session out of that connection (audited ``sesi_ditolak``) and shows the log-in form. The login
table lets a reload, a new tab or a shared link in the same browser resume the session without
a password until log-out, idle expiry or a change of the user. A client without the cookie
(AppTest, scripts) gets a session bound to "no cookie" that lives in the session state only.

- No user configured (``python -m siaga pengguna daftar`` is empty): the read-only public demo,
  role ``publik``, without a log-in.
- Users configured: a log-in form (user name and password, argon2) unless the session is
  logged in; with an ``[auth]`` section in ``.streamlit/secrets.toml`` also a button for single
  sign-on (OpenID Connect through ``st.login``), whose e-mail is mapped to a user of the users
  file (``pengguna tambah NAMA --email …``); an unknown e-mail gets no access.

Other features ask :func:`boleh` and :func:`lingkup` (e.g. ``boleh(akses.UNDUH_LAPORAN)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from siaga.akses import TAMU, Akses, Lingkup, audit, pengguna, sesi
from siaga.inti import fmt
from siaga.inti.config import Paths

SESI = "_siaga_sesi"
AKSES = "_siaga_akses"
PESAN = "_siaga_pesan_masuk"
GALAT_MASUK = "_siaga_galat_masuk"
SSO_TAK_DIKENAL = "_siaga_sso_tak_dikenal"


def folder() -> Path:
    return pengguna.folder(Paths.dari_env())


def akses() -> Akses:
    """The access of this session (the public demo until :func:`jaga` has run)."""
    return st.session_state.get(AKSES, TAMU)


def boleh(aksi: str) -> bool:
    return akses().boleh(aksi)


def lingkup() -> Lingkup:
    return akses().lingkup


def catat(aksi: str, objek: str = "", hasil: str = audit.BERHASIL, ak: Akses | None = None) -> None:
    """An audit line for this session's user (``ak`` when called outside a script run)."""
    ak = ak or akses()
    audit.catat(folder(), pengguna=ak.pengguna, peran=ak.peran, aksi=aksi, objek=objek, hasil=hasil)


# ------------------------------------------------------------------ single sign-on (OIDC)

def penyedia_oidc(secrets: Mapping) -> str | None:
    """``""`` for the single ``[auth]`` provider, the provider name for ``[auth.<name>]``, None when
    single sign-on is not configured."""
    auth = secrets.get("auth") if hasattr(secrets, "get") else None
    if not isinstance(auth, Mapping) or not auth.get("redirect_uri") or not auth.get("cookie_secret"):
        return None
    if auth.get("client_id") and auth.get("server_metadata_url"):
        return ""
    nama = [k for k, v in auth.items() if isinstance(v, Mapping) and v.get("client_id")]
    return nama[0] if nama else None


def _oidc() -> str | None:
    try:
        return penyedia_oidc(st.secrets)
    except Exception:        # no secrets.toml, or an unreadable one: no single sign-on
        return None


def _sso_masuk() -> Akses | None:
    """The user an OIDC log-in maps to; None when nobody is logged in with the provider or the
    e-mail is unknown (the form then says so once, with a log-out button)."""
    if not getattr(st.user, "is_logged_in", False):
        return None
    p = pengguna.cari_email(folder(), str(st.user.get("email") or ""))
    if p is None:
        if not st.session_state.get(SSO_TAK_DIKENAL):
            audit.catat(folder(), pengguna="(akun organisasi tidak terdaftar)", peran="-", aksi=audit.MASUK_GAGAL,
                        objek="oidc", hasil=audit.DITOLAK)
        st.session_state[SSO_TAK_DIKENAL] = True
        return None
    return p.akses


# ------------------------------------------------------------------ the gate

def cookie_sambungan() -> str | None:
    """The client cookie of the current connection (None without one, or outside a browser)."""
    try:
        return st.context.cookies.get(sesi.COOKIE_KLIEN)
    except Exception:        # outside a browser session (bare mode): no cookie
        return None


def ikatan_klien() -> str:
    """The binding of the current connection: the HMAC of its client cookie, "" without one."""
    return sesi.ikatan(folder(), cookie_sambungan())


def _mulai_sesi(ak: Akses, cara: str) -> None:
    now = dt.datetime.now()
    s = pengguna.Sesi(ak, now, now, cara, ikatan=ikatan_klien())
    st.session_state[SESI] = s
    st.session_state[AKSES] = ak
    sesi.simpan(folder(), s, now, pengguna.Aturan.dari_env())
    catat(audit.MASUK, cara, ak=ak)


def _kosongkan(pesan: str) -> None:
    """Nothing of the session is kept in this connection; the log-in form then says ``pesan``."""
    for k in list(st.session_state):
        del st.session_state[k]
    st.session_state[PESAN] = pesan


def keluar(pesan: str = "Anda sudah keluar.") -> None:
    """Log out (button callback): the audit line, the browser's entry in the login table (a
    reload asks for the password again), then nothing of the session is kept."""
    s = st.session_state.get(SESI)
    if s is not None:
        catat(audit.KELUAR, ak=s.akses)
        sesi.hapus(folder(), s.ikatan)
    _kosongkan(pesan)
    if s is not None and s.cara == "oidc":
        st.logout()


PESAN_BERAKHIR = "Sesi berakhir (keluar, lama tidak aktif, atau akun diubah); silakan masuk lagi."
PESAN_DITOLAK = "Sesi ini terikat ke peramban lain. Silakan masuk dengan akun Anda."


def sesi_berlaku() -> Akses | None:
    """The logged-in access of this connection: the session state's if it is bound to this
    browser, else the login table's entry for this browser's cookie; after checking idle time and
    that the user still exists unchanged."""
    s = st.session_state.get(SESI)
    ikat = ikatan_klien()
    now, aturan = dt.datetime.now(), pengguna.Aturan.dari_env()
    if s is not None and s.ikatan != ikat:
        # another browser (or a client without the cookie) presents this session's id: it gets
        # nothing of it; the browser the session belongs to resumes from the login table
        catat(audit.SESI_DITOLAK, "peramban lain" if ikat else "tanpa cookie", audit.DITOLAK, ak=s.akses)
        _kosongkan(PESAN_DITOLAK)
        s = None
    if s is None:
        baru = sesi.lanjut(folder(), ikat, now, aturan) if ikat else None
        if baru is None:
            return None
        st.session_state[SESI] = baru
        st.session_state[AKSES] = baru.akses
        catat(audit.MASUK, "lanjut", ak=baru.akses)       # a reload, a new tab or a link in the same browser
        return baru.akses
    baru = sesi.lanjut(folder(), ikat, now, aturan) if ikat else pengguna.periksa_sesi(folder(), s, now, aturan)
    if baru is None:
        catat(audit.SESI_BERAKHIR, ak=s.akses)
        keluar(PESAN_BERAKHIR)
        return None
    st.session_state[SESI] = baru
    st.session_state[AKSES] = baru.akses
    return baru.akses


def jaga() -> Akses | None:
    """The access of this run, or None when nobody is logged in (the caller then draws
    :func:`form_masuk` and stops). Always sets the session's access (:func:`akses`)."""
    if not pengguna.ada_pengguna(folder()):
        st.session_state[AKSES] = TAMU
        return TAMU
    ak = sesi_berlaku()
    if ak is None and _oidc() is not None:
        ak = _sso_masuk()
        if ak is not None:
            _mulai_sesi(ak, "oidc")
    if ak is not None:
        return ak
    st.session_state[AKSES] = TAMU
    return None


def _klien() -> str:
    """The client's address, for lock-outs per name and client (never stored: keyed by an HMAC)."""
    try:
        ip = st.context.ip_address
    except Exception:        # outside a browser session: one client
        return ""
    return ip if isinstance(ip, str) else ""      # None on localhost; anything else is not an address


def _coba_masuk(nama: str, sandi: str) -> str | None:
    """Check the form; on success start the session; else the message to show."""
    d = folder()
    hasil = pengguna.masuk(d, nama, sandi, dt.datetime.now(), pengguna.Aturan.dari_env(), klien=_klien())
    if hasil.ok:
        _mulai_sesi(hasil.akses, "sandi")
        return None
    dikenal = pengguna.cari(d, nama)
    objek = dikenal.nama if dikenal else "(nama tidak dikenal)"      # never what was typed: it may be a password
    if hasil.hasil == pengguna.SALAH:
        audit.catat(d, pengguna=objek, peran="-", aksi=audit.MASUK_GAGAL, objek="sandi", hasil=audit.GAGAL)
        return "Nama pengguna atau kata sandi salah."
    if hasil.hasil == pengguna.BARU_TERKUNCI:
        audit.catat(d, pengguna=objek, peran="-", aksi=audit.TERKUNCI, objek="sandi", hasil=audit.DITOLAK)
    else:
        audit.catat(d, pengguna=objek, peran="-", aksi=audit.MASUK_GAGAL, objek="terkunci", hasil=audit.DITOLAK)
    return (f"Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah pukul {hasil.sampai:%H.%M} "
            "atau minta admin mengganti kata sandi Anda.")


def _kirim() -> None:
    """The form's callback: it runs before the script, so the next run already has the session."""
    salah = _coba_masuk(st.session_state.get("masuk_nama", ""), st.session_state.get("masuk_sandi", ""))
    if salah:
        st.session_state[GALAT_MASUK] = salah


def form_masuk() -> None:
    """The log-in page (drawn after the hidden navigation, so the link's page and filters are kept)."""
    st.title("Masuk · Siaga Pilkada")
    st.caption("Ruang situasi Desk Pilkada. Data operasional dan data pribadi hanya untuk pengguna terdaftar; "
               f"sesi berakhir setelah {fmt.angka(pengguna.Aturan.dari_env().sesi_menit)} menit tanpa aktivitas. "
               "Setelah masuk, Anda tetap masuk saat memuat ulang halaman atau membuka tautan di peramban yang sama, "
               "sampai menekan **Keluar**.")
    if pesan := st.session_state.pop(PESAN, None):
        st.info(pesan, icon=":material/info:")
    if salah := st.session_state.pop(GALAT_MASUK, None):
        st.error(salah, icon=":material/lock:")
    penyedia = _oidc()
    if penyedia is not None:
        if st.session_state.get(SSO_TAK_DIKENAL):
            st.error("Akun organisasi Anda belum terdaftar sebagai pengguna Siaga Pilkada. Minta admin menambahkannya "
                     "dengan `python -m siaga pengguna tambah NAMA --email … --tanpa-sandi`.")
            st.button("Keluar dari akun organisasi", key="sso_keluar", on_click=st.logout)
        else:
            st.button("Masuk dengan akun organisasi", icon=":material/login:", key="sso_masuk",
                      on_click=st.login, args=(penyedia,) if penyedia else ())
    with st.form("masuk", clear_on_submit=True, enter_to_submit=True):
        st.text_input("Nama pengguna", key="masuk_nama", max_chars=40, autocomplete="username")
        st.text_input("Kata sandi", type="password", key="masuk_sandi", max_chars=200, autocomplete="current-password")
        st.form_submit_button("Masuk", type="primary", on_click=_kirim)


@st.fragment(run_every=60)
def awasi_sesi() -> None:
    """Every minute: a session idle past its time, or whose user was removed or changed, ends at
    once, so an unattended screen (the big screen too, whose slides rotate in a fragment of their
    own without a full run) does not keep showing the data. The full rerun runs :func:`jaga`,
    which logs out and draws the log-in form."""
    s = st.session_state.get(SESI)
    if s is None:
        return
    if s.kedaluwarsa(dt.datetime.now(), pengguna.Aturan.dari_env()):
        st.rerun(scope="app")
    p = pengguna.cari(folder(), s.akses.pengguna)
    if p is None or p.akses != s.akses:
        st.rerun(scope="app")
    if s.ikatan and sesi.cari(folder(), s.ikatan) is None:       # logged out in another tab of this browser
        st.rerun(scope="app")


def bilah_pengguna(ak: Akses) -> None:
    """Who is logged in, with the log-out button (sidebar)."""
    with st.sidebar:
        if ak.publik:
            st.caption("Demo publik: hanya angka agregat, tanpa data pribadi; impor dinonaktifkan.")
            return
        kec = f" · Kel. {ak.kelurahan}" if ak.kelurahan else f" · Kec. {ak.kecamatan}" if ak.kecamatan else ""
        st.caption(f"Masuk sebagai **{fmt.md(ak.pengguna)}** ({ak.label}{kec})")
        st.button("Keluar", key="keluar", icon=":material/logout:", on_click=keluar)
        awasi_sesi()
