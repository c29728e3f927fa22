"""Alerts and report delivery (siaga/kirim) against a real local SMTP server (aiosmtpd) and a real
local HTTP receiver (stdlib http.server in a thread): no mocks. The demo is replayed through 20–27
November at successive as-of moments; each event reaches each recipient once, batched into one
message per run, with no personal data; a dead SMTP server is reported in Indonesian while the
webhook still gets its message, and the failed recipient gets it on the next run."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import email
import email.policy
import io
import json
import re
import shutil
import socket
import ssl
import subprocess
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from PIL import Image

from siaga.__main__ import main
from siaga.akses import audit
from siaga.data.store import Store
from siaga.inti.config import Paths
from siaga.inti.masalah import MasalahError
from siaga.kirim import antar
from siaga.kirim.catatan import BERKAS_TERKIRIM, FOLDER_KIRIM
from siaga.kirim.setelan import ATURAN, muat
from tests.conftest import FIXTURE, ROOT

PJ, CAMAT, DESK = "pj@contoh.go.id", "camat@contoh.go.id", "desk@contoh.go.id"
# The replay: three moments a day through the campaign's end and the quiet days, voting day at
# 06.00, 07.45 (after the 07.30 rule) and later.
SAAT = [dt.datetime(2024, 11, d, j, m) for d in range(20, 27) for j, m in ((6, 0), (12, 0), (18, 0))] + [
    dt.datetime(2024, 11, 27, j, m) for j, m in ((6, 0), (7, 45), (12, 0), (18, 0))]


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Kotak:
    """aiosmtpd handler: every message received, as (recipients, parsed message)."""

    def __init__(self):
        self.pesan: list[tuple[list[str], email.message.EmailMessage]] = []
        self.sesi: list[tuple[bool, bool]] = []          # (over TLS, logged in) per message

    async def handle_DATA(self, server, session, envelope):
        self.pesan.append((list(envelope.rcpt_tos),
                           email.message_from_bytes(envelope.content, policy=email.policy.default)))
        self.sesi.append((session.ssl is not None, bool(session.authenticated)))
        return "250 OK"


class Smtp:
    def __init__(self, **opsi):
        self.port = _port_bebas()
        self.kotak = _Kotak()
        self.c: Controller | None = None
        self.opsi = opsi

    def mulai(self) -> None:
        self.c = Controller(self.kotak, hostname="127.0.0.1", port=self.port, **self.opsi)
        self.c.start()

    def henti(self) -> None:
        if self.c is not None:
            self.c.stop()
            self.c = None

    def ke(self, alamat: str) -> list[email.message.EmailMessage]:
        return [m for r, m in self.kotak.pesan if alamat in r]


class TerimaHttp(BaseHTTPRequestHandler):
    def do_POST(self):
        isi = self.rfile.read(int(self.headers["Content-Length"]))
        if self.server.status == 200:            # a gateway that failed did not take the message
            self.server.masuk.append((self.path, self.headers.get("Content-Type"), json.loads(isi)))
        self.send_response(self.server.status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_):
        pass


@pytest.fixture
def http():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), TerimaHttp)
    srv.masuk = []
    srv.status = 200
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    t.join()


@pytest.fixture
def smtp():
    s = Smtp()
    s.mulai()
    yield s
    s.henti()


def _setelan(smtp_port: int, http_port: int) -> str:
    return f"""

[kirim]
insiden_jam = 24

[kirim.smtp]
server = "127.0.0.1"
port = {smtp_port}
keamanan = "tanpa"
pengirim = "siaga@contoh.go.id"
batas_waktu = 5

[kirim.webhook]
batas_waktu = 5

[kirim.daftar.pimpinan]
penerima = [
  {{ saluran = "email", alamat = "{PJ}" }},
  {{ saluran = "webhook", alamat = "http://127.0.0.1:{http_port}/wa" }},
]

[kirim.daftar.kecamatan]
penerima = [
  {{ saluran = "email", alamat = "{PJ}" }},
  {{ saluran = "email", alamat = "{CAMAT}" }},
]
aturan = ["ganti_level", "tps_belum_buka"]

[kirim.daftar.desk]
penerima = [{{ saluran = "email", alamat = "{DESK}" }}]
"""


@pytest.fixture
def demo_kirim(tmp_path, smtp, http) -> Path:
    """A copy of the demo data with a [kirim] section pointing at the local servers."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".*"))
    with (data / "wilayah.toml").open("a", encoding="utf-8") as f:
        f.write(_setelan(smtp.port, http.server_address[1]))
    return data


def _store(data: Path, tmp_path: Path) -> Store:
    s = Store(Paths(data, ROOT / "geo", tmp_path / "terbit"), pemuat="sendiri")
    assert s.muat(), s.ditolak
    return s


def _teks(m: email.message.EmailMessage) -> str:
    return m.get_body(("plain",)).get_content()


def _pribadi(data: Path) -> set[str]:
    """Free text and identities that must never leave in a message: incident PIC, summaries and
    follow-up notes, task titles, notes, users and authors, and every identity cell."""
    out: set[str] = set()
    for berkas, kolom in (("insiden.csv", ("pic", "ringkasan", "tindak_lanjut")),
                          ("tugas.csv", ("judul", "catatan", "pengguna", "oleh")),
                          ("netralitas_pribadi.csv", ("nama_terlapor", "nip_terlapor", "nama_pelapor",
                                                      "kontak_pelapor")),
                          ("layanan.csv", ("keterangan",))):
        with (data / berkas).open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out |= {r[c].strip() for c in kolom if len(r.get(c) or "") >= 8}
    return out


def test_replay_sends_each_event_once_per_recipient_batched_without_personal_data(demo_kirim, tmp_path, smtp, http):
    store = _store(demo_kirim, tmp_path)
    per_jalan = []                       # per run: (moment, e-mails before, webhook posts before)
    for saat in SAAT:
        sebelum = (len(smtp.kotak.pesan), len(http.masuk))
        hasil = antar.peringatan(store, saat.date(), saat.time(), oleh="uji")
        assert hasil.gagal == []
        per_jalan.append((saat, sebelum, (len(smtp.kotak.pesan), len(http.masuk)), hasil))
        # batched: at most one message per recipient per run
        baru = smtp.kotak.pesan[sebelum[0]:]
        assert max(Counter(a for r, _ in baru for a in r).values(), default=0) <= 1
        assert len(http.masuk) - sebelum[1] <= 1

    # the webhook gets the same events as the e-mail of the same list (pimpinan: every rule)
    kunci_wa = [e["kunci"] for _, _, isi in http.masuk for e in isi["peristiwa"]]
    assert len(kunci_wa) == len(set(kunci_wa)), "an event was sent twice to the webhook"
    fired = Counter(k.split(":")[0] for k in kunci_wa)
    # every rule that has something to say on the demo fired (stale data: the demo's checklist
    # reports come every hour, see test_data_basi_fires_once_per_stale_episode)
    assert {"lewat_batas", "ganti_level", "insiden", "tps_belum_buka"} <= set(fired), fired
    assert all(p == "/wa" and t.startswith("application/json") for p, t, _ in http.masuk)
    assert all(isi["jenis"] == "peringatan" and isi["kode_wilayah"] == "32.75" for _, _, isi in http.masuk)

    # the pimpinan e-mail (in two lists: one recipient, every rule) says exactly what the webhook said
    pj = smtp.ke(PJ)
    assert len(pj) == len(http.masuk) > 5
    for m, (_, _, isi) in zip(pj, http.masuk, strict=True):
        peluru = [b[2:] for b in _teks(m).splitlines() if b.startswith("• ")]
        assert peluru == [e["teks"] for e in isi["peristiwa"]]
        assert m["Subject"].startswith("[Siaga Pilkada] Kota Bekasi: ")
        assert m["To"] == PJ
    # the camat list gets the level changes and the voting-day TPS only
    camat = smtp.ke(CAMAT)
    assert camat, "no level change or TPS alert reached the kecamatan list"
    for m in camat:
        judul = [b for b in _teks(m).splitlines() if re.match(r"^[A-Z].* \(\d+\)$", b)]
        assert judul and all(j.startswith(("Kecamatan berganti level", "TPS belum dibuka")) for j in judul), judul
    # the desk list has every rule: same events as the pimpinan
    assert [_teks(m).split("\n", 3)[3] for m in smtp.ke(DESK)] == [_teks(m).split("\n", 3)[3] for m in pj]

    # concrete facts of the demo: INS-0108 (high severity, reported 20 Nov 07.39) reaches the
    # pimpinan in the 12.00 run of 20 November and never again; the 07.30 rule fires at 07.45 on
    # voting day only
    def jalan_dengan(awalan: str) -> list[dt.datetime]:
        return [saat for saat, (_, w0), (_, w1), _ in per_jalan
                for _, _, isi in http.masuk[w0:w1] for e in isi["peristiwa"] if e["kunci"].startswith(awalan)]
    assert jalan_dengan("insiden:INS-0108") == [dt.datetime(2024, 11, 20, 12, 0)]
    assert set(jalan_dengan("tps_belum_buka:")) == {dt.datetime(2024, 11, 27, 7, 45)}
    assert all(k.startswith("tps_belum_buka:2024-11-27:32.75.") for k in kunci_wa if k.startswith("tps_belum"))

    # no personal data in any message, e-mail or webhook
    semua = [_teks(m) + m["Subject"] for _, m in smtp.kotak.pesan] + [json.dumps(isi, ensure_ascii=False)
                                                                      for _, _, isi in http.masuk]
    rahasia = _pribadi(demo_kirim)
    assert len(rahasia) > 50
    bocor = {r for r in rahasia for t in semua if r in t}
    assert bocor == set()
    for t in semua:
        assert not re.search(r"\b\d{16,18}\b", t)                 # NIP, NIK
        assert not re.search(r"(\+62|\b08)\d{8,}", t)             # phone numbers

    # the second run at the same moment sends nothing new
    n = (len(smtp.kotak.pesan), len(http.masuk))
    ulang = antar.peringatan(store, SAAT[-1].date(), SAAT[-1].time(), oleh="uji")
    assert ulang.peristiwa > 0 and ulang.terkirim == [] and (len(smtp.kotak.pesan), len(http.masuk)) == n

    # audited: one line per message sent, naming no address
    baris = [b for b in audit.baca(demo_kirim / ".akses") if b["aksi"] == audit.KIRIM_PERINGATAN]
    assert len(baris) == len(smtp.kotak.pesan) + len(http.masuk)
    assert all(b["hasil"] == audit.BERHASIL and "@" not in b["objek"] and "http" not in b["objek"] for b in baris)
    # the record holds no address or URL
    catatan = (demo_kirim / FOLDER_KIRIM / BERKAS_TERKIRIM).read_text()
    assert "@" not in catatan and "127.0.0.1" not in catatan


def test_dead_smtp_is_reported_in_indonesian_the_webhook_still_gets_it_and_the_next_run_retries(
        demo_kirim, smtp, http, monkeypatch, capsys):
    monkeypatch.setenv("SIAGA_DATA", str(demo_kirim))
    smtp.henti()                                            # nothing listens on the port any more
    rc = main(["kirim", "peringatan", "--tanggal", "2024-11-21", "--jam", "06.00"])
    out, err = capsys.readouterr()
    assert rc == 1
    galat = err.strip().splitlines()
    assert len(galat) == 2                                  # pj and desk (camat: nothing for it then)
    assert galat[0] == (f"Gagal mengirim peringatan ke penerima 1 daftar pimpinan (e-mail): server SMTP "
                        f"127.0.0.1:{smtp.port}: koneksi ditolak (server tidak berjalan atau port keliru). Akan "
                        "dicoba lagi pada jalan berikutnya.")
    assert "@" not in err and "Traceback" not in err
    assert len(http.masuk) == 1                             # the webhook got its message all the same
    assert "1 pesan terkirim" in out and "2 gagal" in out
    terkirim = {e["kunci"] for e in http.masuk[0][2]["peristiwa"]}

    smtp.mulai()                                            # the server is back: the e-mails go now
    rc = main(["kirim", "peringatan", "--tanggal", "2024-11-21", "--jam", "06.00"])
    out, err = capsys.readouterr()
    assert rc == 0 and err == ""
    assert len(http.masuk) == 1                             # nothing twice to the webhook
    assert len(smtp.ke(PJ)) == 1 and len(smtp.ke(DESK)) == 1 and smtp.ke(CAMAT) == []
    peluru = {b[2:] for b in _teks(smtp.ke(PJ)[0]).splitlines() if b.startswith("• ")}
    assert peluru == {e["teks"] for e in http.masuk[0][2]["peristiwa"]} and len(terkirim) == len(peluru)
    hasil = [b["hasil"] for b in audit.baca(demo_kirim / ".akses") if b["aksi"] == audit.KIRIM_PERINGATAN]
    assert hasil == [audit.GAGAL, audit.BERHASIL, audit.GAGAL, audit.BERHASIL, audit.BERHASIL]


def test_two_runs_at_once_send_once(demo_kirim, tmp_path, smtp, http):
    store = _store(demo_kirim, tmp_path)
    saat = dt.datetime(2024, 11, 26, 6, 0)
    hasil = []
    jalan = [threading.Thread(target=lambda: hasil.append(antar.peringatan(store, saat.date(), saat.time())))
             for _ in range(2)]
    for t in jalan:
        t.start()
    for t in jalan:
        t.join()
    assert len(hasil) == 2
    assert sorted(len(h.terkirim) for h in hasil) == [0, 4]       # pj, camat, desk, webhook: once
    assert Counter(a for r, _ in smtp.kotak.pesan for a in r) == {PJ: 1, CAMAT: 1, DESK: 1}
    assert len(http.masuk) == 1


def test_trial_run_prints_and_sends_nothing(demo_kirim, smtp, http, monkeypatch, capsys):
    monkeypatch.setenv("SIAGA_DATA", str(demo_kirim))
    assert main(["kirim", "peringatan", "--tanggal", "2024-11-27", "--jam", "07.45", "--coba"]) == 0
    out = capsys.readouterr().out
    assert "Ke penerima 1 daftar pimpinan (e-mail): [Siaga Pilkada] Kota Bekasi:" in out
    assert "TPS belum dibuka pukul 07.30 (" in out and "tidak ada yang dikirim" in out
    assert smtp.kotak.pesan == [] and http.masuk == [] and not (demo_kirim / FOLDER_KIRIM / BERKAS_TERKIRIM).exists()


def test_data_basi_fires_once_per_stale_episode(contoh_dir, tmp_path, smtp, http):
    """The stale-data rule of the big screen: the fixture's newest event is 6 hours or more before
    the moment -> one alert; later runs of the same episode say nothing new."""
    data = contoh_dir / "data"
    with (data / "wilayah.toml").open("a", encoding="utf-8") as f:
        f.write(_setelan(smtp.port, http.server_address[1]))
    store = Store(Paths(data, contoh_dir / "geo", tmp_path / "terbit"), pemuat="sendiri")
    assert store.muat(), store.ditolak
    akhir = store.query("rentang_data")["waktu_terakhir"].iloc[0].to_pydatetime()
    for jam, n in ((5, 0), (6, 1), (9, 1)):
        saat = akhir + dt.timedelta(hours=jam)
        antar.peringatan(store, saat.date(), saat.time())
        basi = [e for _, _, isi in http.masuk for e in isi["peristiwa"] if e["aturan"] == "data_basi"]
        assert len(basi) == n, (jam, basi)
    assert basi[0]["teks"].startswith("Data belum diperbarui selama 6 jam: laporan terbaru dalam data ")


def test_config_problems_are_said_in_indonesian(contoh_dir):
    data = contoh_dir / "data"
    with (data / "wilayah.toml").open("a", encoding="utf-8") as f:
        f.write('\n[kirim.smtp]\nserver = "x"\nport = 99999\npengirim = "siaga@x"\n'
                '[kirim.daftar.a]\npenerima = [{ saluran = "sms", alamat = "0812" }]\n')
    from siaga.inti.config import muat_wilayah

    with pytest.raises(MasalahError) as e:
        muat(muat_wilayah(data))
    pesan = [m.pesan() for m in e.value.masalah]
    assert any("kirim.smtp.port" in p and "1 sampai 65535" in p for p in pesan), pesan
    assert any("kirim.daftar.a.penerima[1].saluran" in p and "email atau webhook" in p for p in pesan), pesan
    assert set(ATURAN) == {"lewat_batas", "ganti_level", "insiden", "data_basi", "tps_belum_buka"}


@pytest.mark.lambat
def test_kirim_laporan_delivers_the_pdf_by_email_and_webhook_once(demo_kirim, smtp, http, monkeypatch, capsys):
    monkeypatch.setenv("SIAGA_DATA", str(demo_kirim))
    assert main(["kirim", "laporan", "--ke", "pimpinan", "--tanggal", "2024-11-26"]) == 0
    assert "Laporan terkirim ke 2 penerima daftar pimpinan." in capsys.readouterr().out
    (m,) = smtp.ke(PJ)
    (lampiran,) = list(m.iter_attachments())
    assert lampiran.get_filename() == "laporan-32.75-2024-11-26.pdf"
    pdf = lampiran.get_content()
    assert pdf.startswith(b"%PDF")
    (_, _, isi), = http.masuk
    assert isi["jenis"] == "laporan" and isi["berkas"]["nama"] == "laporan-32.75-2024-11-26.pdf"
    assert base64.b64decode(isi["berkas"]["base64"]) == pdf
    # cron runs it again (or a retry): nothing twice
    assert main(["kirim", "laporan", "--ke", "pimpinan", "--tanggal", "2024-11-26"]) == 0
    assert "sudah terkirim" in capsys.readouterr().out
    assert len(smtp.kotak.pesan) == 1 and len(http.masuk) == 1
    # the key slide as a PNG (the portrait poster for WhatsApp): a new delivery of its own
    assert main(["kirim", "laporan", "--ke", "pimpinan", "--tanggal", "2024-11-26", "--format", "png"]) == 0
    (_, m2) = smtp.kotak.pesan[-1]
    (png,) = list(m2.iter_attachments())
    assert png.get_content_type() == "image/png" and png.get_filename() == "laporan-32.75-2024-11-26-poster.png"
    assert Image.open(io.BytesIO(png.get_content())).size == (1080, 2160)
    assert base64.b64decode(http.masuk[-1][2]["berkas"]["base64"]) == png.get_content()
    assert len(smtp.kotak.pesan) == 2 and len(http.masuk) == 2
    capsys.readouterr()
    # an unknown list is refused in Indonesian
    assert main(["kirim", "laporan", "--ke", "semua"]) == 2
    assert "Daftar penerima 'semua' tidak ada" in capsys.readouterr().err


def test_fixture_has_no_kirim_section():
    """The fixture and the demo ship without recipients: nothing is sent until a desk configures it."""
    assert "[kirim" not in (FIXTURE / "data" / "wilayah.toml").read_text()
    assert "[kirim" not in (ROOT / "data" / "wilayah.toml").read_text()


def _sertifikat(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the office's private CA, in one file)."""
    crt, key = folder / "smtp.pem", folder / "smtp.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(crt)],
                   check=True, capture_output=True)
    return crt, key


def test_starttls_with_login_from_the_environment(contoh_dir, tmp_path, http, monkeypatch, capsys):
    """STARTTLS to a server with a private CA ([kirim.smtp] ca), log-in with SIAGA_SMTP_PENGGUNA /
    SIAGA_SMTP_SANDI; a wrong password is one Indonesian line that names neither the user nor the password."""
    crt, key = _sertifikat(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(crt, key)

    def periksa(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.login == b"akun-smtp" and auth_data.password == b"sandi-smtp-rahasia",
                          handled=False)

    smtp = Smtp(tls_context=tls, require_starttls=True, authenticator=periksa, auth_require_tls=True)
    smtp.mulai()
    try:
        data = contoh_dir / "data"
        with (data / "wilayah.toml").open("a", encoding="utf-8") as f:
            f.write(_setelan(smtp.port, http.server_address[1]).replace('keamanan = "tanpa"',
                                                                        f'keamanan = "starttls"\nca = "{crt}"'))
        monkeypatch.setenv("SIAGA_DATA", str(data))
        monkeypatch.setenv("SIAGA_GEO", str(contoh_dir / "geo"))
        monkeypatch.setenv("SIAGA_SMTP_PENGGUNA", "akun-smtp")
        monkeypatch.setenv("SIAGA_SMTP_SANDI", "sandi-salah-sekali")
        assert main(["kirim", "peringatan"]) == 1
        galat = capsys.readouterr().err.strip().splitlines()
        assert galat and all("server SMTP 127.0.0.1" in g and "log-in SMTP ditolak" in g for g in galat)
        assert not any("sandi-salah" in g or "@" in g or "akun-smtp" in g for g in galat)
        assert smtp.kotak.pesan == [] and len(http.masuk) == 1
        monkeypatch.setenv("SIAGA_SMTP_SANDI", "sandi-smtp-rahasia")
        assert main(["kirim", "peringatan"]) == 0, capsys.readouterr().err
        sampai = {a for r, _ in smtp.kotak.pesan for a in r}
        assert {PJ, DESK} <= sampai and len(sampai) == len(galat) == len(smtp.kotak.pesan)
        assert smtp.kotak.sesi and all(s == (True, True) for s in smtp.kotak.sesi)       # encrypted, logged in
        assert len(http.masuk) == 1
    finally:
        smtp.henti()


def test_failing_gateway_is_reported_and_retried_the_email_still_goes(contoh_dir, smtp, http, monkeypatch, capsys):
    data = contoh_dir / "data"
    with (data / "wilayah.toml").open("a", encoding="utf-8") as f:
        f.write(_setelan(smtp.port, http.server_address[1]))
    monkeypatch.setenv("SIAGA_DATA", str(data))
    monkeypatch.setenv("SIAGA_GEO", str(contoh_dir / "geo"))
    http.status = 503
    assert main(["kirim", "peringatan"]) == 1
    out, err = capsys.readouterr()
    assert "1 gagal" in out
    assert err.strip() == ("Gagal mengirim peringatan ke penerima 2 daftar pimpinan (webhook): webhook: gateway "
                           "menjawab HTTP 503. Akan dicoba lagi pada jalan berikutnya.")
    assert smtp.ke(PJ) and http.masuk == []
    http.status = 200
    n = len(smtp.kotak.pesan)
    assert main(["kirim", "peringatan"]) == 0
    assert len(http.masuk) == 1 and len(smtp.kotak.pesan) == n           # only the gateway gets it now
    peluru = [b[2:] for b in _teks(smtp.ke(PJ)[0]).splitlines() if b.startswith("• ")]
    assert [e["teks"] for e in http.masuk[0][2]["peristiwa"]] == peluru
