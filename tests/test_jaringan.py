"""Meeting-room access (issue 12, item 6), without a browser: which Host headers are allowed (the
documented rules of Streamlit's server.allowedHosts), the refusal page, and the middleware that
answers with it (tests/browser/test_jaringan_browser.py opens the app through the LAN)."""

from __future__ import annotations

import ast

import pytest

from siaga.tampilan import jaringan
from tests.conftest import ROOT, jalankan_async


@pytest.mark.parametrize("host, diizinkan, boleh", [
    ("localhost:8501", ["localhost", "127.0.0.1"], True),            # the port is ignored
    ("LOCALHOST.", ["localhost"], True),                             # case and a final dot do not matter
    ("192.168.1.10:8501", ["localhost", "127.0.0.1"], False),        # the meeting-room PC before the desk adds it
    ("192.168.1.10:8501", ["localhost", "192.168.1.10"], True),
    ("desk.pemda.go.id", ["*.pemda.go.id"], True),
    ("pemda.go.id.evil.example", ["*.pemda.go.id"], False),
    ("evil-pemda.go.id", ["*.pemda.go.id"], False),
    ("apa.saja", ["*"], True),
    ("apa.saja", [], True),                                          # an empty list allows every host (Streamlit)
    (None, ["localhost"], False),
    ("", ["localhost"], False),
    ("localhost:port", ["localhost"], False),                        # not a host[:port]
    ("user@localhost", ["localhost"], False),
    ("localhost/x", ["localhost"], False),
])
def test_host_rules(host, diizinkan, boleh):
    assert jaringan.host_diizinkan(host, diizinkan) is boleh


def test_refusal_page_is_indonesian_self_contained_and_escapes_the_host():
    html = jaringan.halaman_ditolak('<script>alert(1)</script>')
    assert '<html lang="id">' in html and "Alamat ini tidak diizinkan untuk Siaga Pilkada" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "http" not in html.replace('http-equiv', '')                 # no link, nothing to fetch
    assert "allowedHosts" in html and ".streamlit/config.toml" in html and "STREAMLIT_SERVER_ALLOWED_HOSTS" in html
    assert "<code>192.168.1.10</code>" in jaringan.halaman_ditolak("192.168.1.10:8501")


def panggil(penjaga, scope: dict, buat=None) -> tuple[list[dict], bool]:
    """Run a middleware once (the host check with the allowed list ``penjaga``, or ``buat(app)``):
    (messages sent, whether the wrapped app was reached)."""
    terkirim, sampai = [], []

    async def app(scope, receive, send):
        sampai.append(scope["type"])

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(pesan):
        terkirim.append(pesan)

    mw = buat(app) if buat else jaringan.PenjagaHost(app, lambda: penjaga)
    jalankan_async(mw(scope, receive, send))
    return terkirim, bool(sampai)


def http(host: str) -> dict:
    return {"type": "http", "method": "GET", "path": "/", "raw_path": b"/", "query_string": b"", "scheme": "http",
            "http_version": "1.1", "headers": [(b"host", host.encode())], "server": ("127.0.0.1", 8501)}


def test_middleware_answers_a_host_not_allowed_and_lets_the_others_through():
    terkirim, sampai = panggil(["localhost", "192.168.1.10"], http("192.168.1.10:8501"))
    assert sampai and terkirim == []
    terkirim, sampai = panggil(["localhost"], http("192.168.1.10:8501"))
    assert not sampai
    mulai, isi = terkirim[0], terkirim[1]
    assert mulai["status"] == 403
    kepala = {k.decode(): v.decode() for k, v in mulai["headers"]}
    assert kepala["cache-control"] == "no-store" and kepala["content-type"].startswith("text/html")
    assert "tidak diizinkan" in isi["body"].decode("utf-8")
    ws = dict(http("192.168.1.10:8501"), type="websocket")                  # Streamlit refuses its own WebSocket
    assert panggil(["localhost"], ws) == ([], True)


def test_dashboard_is_served_through_the_host_check():
    """``streamlit run dashboard.py`` finds ``app = st.App(...)`` (Streamlit's own discovery) with the
    middleware, and the script itself runs as ``__main__``."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    r = discover_asgi_app(ROOT / "dashboard.py")
    assert r.is_asgi_app and r.import_string == "dashboard:app"
    pohon = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    app = next(n for n in ast.walk(pohon) if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "app")
    assert ast.unparse(app.value) == "st.App(__file__, middleware=jaringan.middleware())"
    assert [m.cls for m in jaringan.middleware()] == [jaringan.PenjagaHost, jaringan.TutupMetrik, jaringan.CookieKlien]


def test_the_metrics_endpoint_is_closed_to_users():
    for jalur, tutup in (("/_stcore/metrics", True), ("/siaga/_stcore/metrics/", True), ("/_stcore/health", False),
                         ("/ringkasan", False)):
        terkirim, sampai = panggil(None, dict(http("localhost"), path=jalur, raw_path=jalur.encode()),
                                   jaringan.TutupMetrik)
        assert sampai is not tutup, jalur                                 # everything else reaches Streamlit
        assert [m["status"] for m in terkirim if m["type"] == "http.response.start"] == ([404] if tutup else [])


# ------------------------------------------------------------------ the client cookie (issue 15, item 6)

def _kepala(pesan: dict) -> list[tuple[str, str]]:
    return [(k.decode(), v.decode()) for k, v in pesan["headers"]]


def _cookie_mw(folder):
    return lambda app: jaringan.CookieKlien(app, lambda: folder)


def _dengan(scope: dict, *kepala: tuple[str, str]) -> dict:
    return dict(scope, headers=[*scope["headers"], *((k.encode(), v.encode()) for k, v in kepala)])


def panggil_app(scope: dict, buat, lampiran: str | None = None) -> tuple[list[dict], bool]:
    """Like :func:`panggil`, with an app that answers 200 (so a Set-Cookie can be added to it); with
    ``lampiran``, as Streamlit serves a download of that file name."""
    terkirim, sampai = [], []
    kepala = [(b"content-type", b"text/html")]
    if lampiran is not None:
        kepala.append((b"content-disposition", f'attachment; filename="{lampiran}"'.encode()))

    async def app(scope, receive, send):
        sampai.append(scope["type"])
        await send({"type": "http.response.start", "status": 200, "headers": kepala})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(pesan):
        terkirim.append(pesan)

    jalankan_async(buat(app)(scope, receive, send))
    return terkirim, bool(sampai)


def test_a_browser_without_the_cookie_gets_a_random_httponly_one(tmp_path):
    from siaga.akses import sesi

    nilai = []
    for _ in range(2):
        terkirim, sampai = panggil_app(http("localhost"), _cookie_mw(tmp_path))
        kue = [v for k, v in _kepala(terkirim[0]) if k == "set-cookie"]
        assert sampai and len(kue) == 1
        nama, _, sisa = kue[0].partition("=")
        isi, *flag = [b.strip() for b in sisa.split(";")]
        assert nama == sesi.COOKIE_KLIEN and sesi.cookie_sah(isi)
        assert set(flag) == {"Path=/", f"Max-Age={jaringan.UMUR_COOKIE}", "HttpOnly", "SameSite=Lax"}    # no Secure
        nilai.append(isi)
    assert nilai[0] != nilai[1]


def test_https_gets_a_secure_cookie_and_a_browser_with_one_keeps_it(tmp_path):
    from siaga.akses import sesi

    for scope in (dict(http("localhost"), scheme="https"), _dengan(http("localhost"), ("x-forwarded-proto", "https"))):
        terkirim, _ = panggil_app(scope, _cookie_mw(tmp_path))
        assert next(v for k, v in _kepala(terkirim[0]) if k == "set-cookie").endswith("; Secure")
    punya = _dengan(http("localhost"), ("cookie", f"a=b; {sesi.COOKIE_KLIEN}={sesi.cookie_baru()}"))
    terkirim, sampai = panggil_app(punya, _cookie_mw(tmp_path))
    assert sampai and not [v for k, v in _kepala(terkirim[0]) if k == "set-cookie"]
    rusak = _dengan(http("localhost"), ("cookie", f"{sesi.COOKIE_KLIEN}=pendek"))       # a forged shape is replaced
    terkirim, _ = panggil_app(rusak, _cookie_mw(tmp_path))
    assert [v for k, v in _kepala(terkirim[0]) if k == "set-cookie"]


def test_media_without_the_cookie_is_refused_and_audited(tmp_path):
    from siaga.akses import audit

    jalur = "/media/0a1b2c3d.csv"
    media = dict(http("localhost"), path=jalur, raw_path=jalur.encode())
    terkirim, sampai = panggil_app(media, _cookie_mw(tmp_path), lampiran="insiden.csv")
    assert not sampai and terkirim[0]["status"] == 403
    assert dict(_kepala(terkirim[0]))["cache-control"] == "no-store"
    assert "Unduhan hanya untuk peramban" in terkirim[1]["body"].decode("utf-8")
    baris = [(b["aksi"], b["hasil"], b["objek"]) for b in audit.baca(tmp_path)]
    assert baris == [(audit.UNDUH_DITOLAK, audit.DITOLAK, "0a1b2c3d.csv")]


def test_a_download_reaches_only_the_browser_that_pressed_its_button_for_two_minutes(tmp_path):
    from siaga.akses import audit, sesi

    jam = [1000.0]
    izin = jaringan.IzinUnduh(jam=lambda: jam[0])
    mw = lambda app: jaringan.CookieKlien(app, lambda: tmp_path, izin)       # noqa: E731
    a, b = sesi.cookie_baru(), sesi.cookie_baru()
    jalur = "/media/0a1b2c3d.csv"

    def ambil(cookie, lampiran="insiden.csv"):
        scope = _dengan(dict(http("localhost"), path=jalur, raw_path=jalur.encode()),
                        ("cookie", f"{sesi.COOKIE_KLIEN}={cookie}"))
        terkirim, _ = panggil_app(scope, mw, lampiran)
        return terkirim[0]["status"], dict(_kepala(terkirim[0])), b"".join(m.get("body", b"") for m in terkirim[1:])

    assert ambil(a)[0] == 403                                         # no button pressed: no file
    izin.beri(jaringan.pemegang(a), "insiden.csv")                    # a's session pressed the button
    assert ambil(b)[0] == 403                                         # another browser: refused
    assert ambil(a, "lain.csv")[0] == 403                             # another file: refused
    status, kepala, isi = ambil(a)
    assert status == 200 and isi == b"ok" and kepala["cache-control"] == "no-store"
    jam[0] += jaringan.UMUR_IZIN - 1
    assert ambil(a)[0] == 200                      # Chromium's download manager fetches it again
    jam[0] += 2
    assert ambil(a)[0] == 403                                         # expired after two minutes
    assert ambil(a, None)[0] == 200                                   # a picture on the page (not an attachment)
    ditolak = [x for x in audit.baca(tmp_path) if x["aksi"] == audit.UNDUH_DITOLAK]
    assert len(ditolak) == 4 and {x["objek"] for x in ditolak} == {"insiden.csv", "lain.csv"}


def test_permits_need_a_cookie_and_the_file_name_is_read_from_either_form():
    izin = jaringan.IzinUnduh()
    izin.beri("", "x.csv")
    assert not izin.boleh("", "x.csv")
    from starlette.datastructures import Headers

    assert jaringan.berkas_lampiran(Headers({"content-disposition": 'attachment; filename="a b.csv"'})) == "a b.csv"
    assert jaringan.berkas_lampiran(Headers({"content-disposition": "attachment; filename*=utf-8''caf%C3%A9.pdf"})) \
        == "café.pdf"
    assert jaringan.berkas_lampiran(Headers({"content-type": "image/png"})) is None
