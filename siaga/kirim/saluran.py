"""The channels: e-mail through SMTP (``smtplib``, STARTTLS or SSL, optional log-in) and a generic
webhook (HTTP POST of a JSON body through ``urllib``, for the region's WhatsApp or Telegram
gateway). A failure is raised as :class:`SaluranGagal` with an Indonesian reason that names
neither the address nor the credentials."""

from __future__ import annotations

import json
import smtplib
import socket
import ssl
import urllib.error
import urllib.request
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from siaga.kirim.setelan import Penerima, Setelan

TIPE_JSON = "application/json; charset=utf-8"


class SaluranGagal(Exception):
    """A message could not be delivered; the text is Indonesian and safe to print."""


def _alasan(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "log-in SMTP ditolak (periksa SIAGA_SMTP_PENGGUNA dan SIAGA_SMTP_SANDI atau secrets.toml)"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "alamat penerima ditolak server SMTP"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"server SMTP menjawab kode {exc.smtp_code}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return ("server SMTP tidak mendukung STARTTLS atau log-in yang diminta; periksa [kirim.smtp] keamanan dan "
                "akun SMTP")
    if isinstance(exc, smtplib.SMTPException):
        return f"galat SMTP ({type(exc).__name__})"
    if isinstance(exc, urllib.error.HTTPError):
        return f"gateway menjawab HTTP {exc.code}"
    if isinstance(exc, ssl.SSLError):
        return ("jabat tangan TLS gagal (sertifikat server tidak dipercaya: setel [kirim.smtp] ca, atau port "
                "keliru)")
    if isinstance(exc, TimeoutError | socket.timeout):
        return "tidak ada jawaban dalam batas waktu"
    if isinstance(exc, ConnectionRefusedError):
        return "koneksi ditolak (server tidak berjalan atau port keliru)"
    if isinstance(exc, urllib.error.URLError):
        return _alasan(exc.reason) if isinstance(exc.reason, BaseException) else "alamat tidak dapat dihubungi"
    if isinstance(exc, socket.gaierror):
        return "nama server tidak dikenal"
    if isinstance(exc, OSError):
        return f"galat jaringan ({exc.strerror or type(exc).__name__})"
    return f"galat {type(exc).__name__}"


def email(s: Setelan, p: Penerima, judul: str, teks: str, lampiran: tuple[str, str, bytes] | None = None) -> None:
    """Send one plain-text e-mail (with an optional attachment: name, MIME type, bytes) to ``p``."""
    smtp = s.smtp
    if smtp is None:
        raise SaluranGagal("bagian [kirim.smtp] belum disetel")
    msg = EmailMessage()
    msg["From"] = smtp.pengirim
    msg["To"] = p.alamat
    msg["Subject"] = judul
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=smtp.pengirim.rsplit("@", 1)[-1])
    msg.set_content(teks)
    if lampiran is not None:
        nama, mime, isi = lampiran
        utama, sub = mime.split("/", 1)
        msg.add_attachment(isi, maintype=utama, subtype=sub, filename=nama)
    try:
        konteks = ssl.create_default_context(cafile=smtp.ca)
        if smtp.keamanan == "ssl":
            sesi = smtplib.SMTP_SSL(smtp.server, smtp.port, timeout=smtp.batas_waktu, context=konteks)
        else:
            sesi = smtplib.SMTP(smtp.server, smtp.port, timeout=smtp.batas_waktu)
        with sesi:
            if smtp.keamanan == "starttls":
                sesi.starttls(context=konteks)
            if smtp.pengguna:
                sesi.login(smtp.pengguna, smtp.sandi or "")
            sesi.send_message(msg)
    except (smtplib.SMTPException, OSError) as exc:
        raise SaluranGagal(f"server SMTP {smtp.server}:{smtp.port}: {_alasan(exc)}") from None


def webhook(s: Setelan, p: Penerima, isi: dict) -> None:
    """POST ``isi`` as JSON to the webhook ``p``; any answer other than 2xx is a failure."""
    data = json.dumps(isi, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(p.alamat, data=data, method="POST",
                                 headers={"Content-Type": TIPE_JSON, "User-Agent": "siaga-pilkada"})
    if s.token_webhook:
        req.add_header("Authorization", f"Bearer {s.token_webhook}")
    try:
        with urllib.request.urlopen(req, timeout=s.webhook_batas_waktu) as jawab:
            jawab.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise SaluranGagal(f"webhook: {_alasan(exc)}") from None
