"""The alert and delivery settings: the ``[kirim]`` section of ``wilayah.toml``.

.. code-block:: toml

    [kirim]
    basi_jam = 6              # data whose newest event is this many hours before the moment: stale
    insiden_jam = 24          # serious/conflict incidents first reported within this many hours
    aturan = ["lewat_batas", "ganti_level", "insiden", "data_basi", "tps_belum_buka"]

    [kirim.smtp]
    server = "smtp.kotabekasi.go.id"
    port = 587
    keamanan = "starttls"     # starttls | ssl | tanpa
    pengirim = "siaga-pilkada@kotabekasi.go.id"
    batas_waktu = 20          # seconds
    ca = "/etc/ssl/certs/ca-pemda.pem"   # optional: the CA of a server with a private certificate

    [kirim.webhook]
    batas_waktu = 10          # seconds
    lampiran_maks_kb = 4096   # a report larger than this goes as a note, not as base64

    [kirim.daftar.pimpinan]   # a recipient list, named on the command line (--ke pimpinan)
    penerima = [
      { saluran = "email", alamat = "pimpinan@kotabekasi.go.id" },
      { saluran = "webhook", alamat = "http://127.0.0.1:8088/kirim" },
    ]
    aturan = ["ganti_level", "insiden"]   # optional: the rules this list gets (default: all)

The SMTP user and password never sit in wilayah.toml: ``[kirim.smtp] pengguna`` / ``sandi`` in
``.streamlit/secrets.toml``, or the environment variables ``SIAGA_SMTP_PENGGUNA`` /
``SIAGA_SMTP_SANDI`` (which win). A webhook token, if the gateway wants one, comes from
``SIAGA_WEBHOOK_TOKEN`` (sent as ``Authorization: Bearer …``) or ``[kirim.webhook] token`` in the
secrets file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from siaga.inti.config import CONFIG_FILE, ROOT, Wilayah
from siaga.inti.masalah import Masalah, MasalahError

ATURAN = ("lewat_batas", "ganti_level", "insiden", "data_basi", "tps_belum_buka")
LABEL_ATURAN = {
    "lewat_batas": "Lewat batas waktu",
    "ganti_level": "Kecamatan berganti level",
    "insiden": "Insiden serius atau konflik",
    "data_basi": "Data tidak diperbarui",
    "tps_belum_buka": "TPS belum dibuka pukul 07.30",
}
SALURAN = ("email", "webhook")
KEAMANAN = ("starttls", "ssl", "tanpa")
BASI_JAM = 6.0            # the pages' stale-data rule (siaga.model.layar.BASI_BAWAAN)
INSIDEN_JAM = 24.0


@dataclass(frozen=True)
class Penerima:
    """One recipient: a channel and its address (e-mail address or webhook URL)."""
    saluran: str
    alamat: str
    daftar: str                 # the list it was configured in
    nomor: int                  # 1-based place in that list

    @property
    def kunci(self) -> str:
        """Dedup identity of the recipient (the same address in two lists is one recipient)."""
        return f"{self.saluran}:{self.alamat}"

    @property
    def label(self) -> str:
        """How messages and the audit name the recipient: never the address (it may be a person's,
        and a webhook URL may hold a token)."""
        return f"penerima {self.nomor} daftar {self.daftar} ({'e-mail' if self.saluran == 'email' else 'webhook'})"


@dataclass(frozen=True)
class Daftar:
    nama: str
    penerima: tuple[Penerima, ...]
    aturan: tuple[str, ...]


@dataclass(frozen=True)
class Smtp:
    server: str
    port: int
    keamanan: str
    pengirim: str
    batas_waktu: float
    pengguna: str | None
    sandi: str | None
    ca: str | None = None       # CA certificate file of the server's certificate (a private office CA)


@dataclass(frozen=True)
class Setelan:
    basi_jam: float
    insiden_jam: float
    aturan: tuple[str, ...]
    smtp: Smtp | None
    webhook_batas_waktu: float
    lampiran_maks_kb: int
    token_webhook: str | None
    daftar: dict[str, Daftar]

    def penerima(self, nama_daftar: str | None = None) -> list[tuple[Penerima, tuple[str, ...]]]:
        """(recipient, rules it gets) of one list, or of every list; a recipient in several lists once,
        with the union of their rules."""
        out: dict[str, tuple[Penerima, set[str]]] = {}
        for d in self.daftar.values():
            if nama_daftar is not None and d.nama != nama_daftar:
                continue
            for p in d.penerima:
                out.setdefault(p.kunci, (p, set()))[1].update(d.aturan)
        return [(p, tuple(a for a in ATURAN if a in r)) for p, r in out.values()]


def _rahasia() -> dict:
    """``[kirim]`` of ``.streamlit/secrets.toml`` (working folder first, then the repository's)."""
    for folder in (Path.cwd(), ROOT):
        path = folder / ".streamlit" / "secrets.toml"
        if path.is_file():
            try:
                raw = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                raise MasalahError([Masalah("secrets.toml", None, None, None, "format TOML tidak valid; bagian "
                                            "[kirim.smtp] tidak dapat dibaca")]) from None
            kirim = raw.get("kirim")
            return kirim if isinstance(kirim, dict) else {}
    return {}


def _angka(raw: dict, kunci: str, bawaan: float, m: list[Masalah], bulat: bool = False) -> float:
    v = raw.get(kunci, bawaan)
    if isinstance(v, bool) or not isinstance(v, int | float) or v <= 0 or (bulat and not isinstance(v, int)):
        m.append(Masalah(CONFIG_FILE, None, f"kirim.{kunci}", repr(v),
                         "harus bilangan bulat lebih dari 0" if bulat else "harus angka lebih dari 0"))
        return bawaan
    return v


def _aturan(v, kolom: str, m: list[Masalah]) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) and x in ATURAN for x in v):
        m.append(Masalah(CONFIG_FILE, None, kolom, repr(v), "harus daftar berisi: " + ", ".join(ATURAN)))
        return ATURAN
    return tuple(a for a in ATURAN if a in v)


def _bagian(raw: dict, nama: str, m: list[Masalah]) -> dict:
    v = raw.get(nama, {})
    if not isinstance(v, dict):
        m.append(Masalah(CONFIG_FILE, None, f"kirim.{nama}", repr(v), "harus berupa bagian [kirim." + nama + "]"))
        return {}
    return v


def muat(wilayah: Wilayah) -> Setelan:
    """Read and check ``[kirim]``; raise :class:`MasalahError` in Indonesian (file, key, value, reason)."""
    raw = wilayah.extra.get("kirim", {})
    m: list[Masalah] = []
    if not isinstance(raw, dict) or not raw.get("daftar"):
        raise MasalahError([Masalah(CONFIG_FILE, None, "kirim.daftar", None,
                                    "belum ada daftar penerima; tambahkan mis. [kirim.daftar.pimpinan] dengan "
                                    "penerima = [{ saluran = \"email\", alamat = \"…\" }] (lihat README, Peringatan)")])
    rahasia = _rahasia()
    basi = _angka(raw, "basi_jam", BASI_JAM, m)
    ins = _angka(raw, "insiden_jam", INSIDEN_JAM, m)
    aturan = _aturan(raw.get("aturan", list(ATURAN)), "kirim.aturan", m)
    smtp_raw = _bagian(raw, "smtp", m)
    smtp = None
    if smtp_raw:
        rs = rahasia.get("smtp", {}) if isinstance(rahasia.get("smtp"), dict) else {}
        server = smtp_raw.get("server")
        if not isinstance(server, str) or not server.strip():
            m.append(Masalah(CONFIG_FILE, None, "kirim.smtp.server", repr(server), "wajib diisi (nama server SMTP)"))
        port = smtp_raw.get("port", 587)
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            m.append(Masalah(CONFIG_FILE, None, "kirim.smtp.port", repr(port), "harus nomor port 1 sampai 65535"))
        keamanan = smtp_raw.get("keamanan", "starttls")
        if keamanan not in KEAMANAN:
            m.append(Masalah(CONFIG_FILE, None, "kirim.smtp.keamanan", repr(keamanan),
                             "harus starttls, ssl atau tanpa"))
        pengirim = smtp_raw.get("pengirim")
        if not isinstance(pengirim, str) or "@" not in pengirim:
            m.append(Masalah(CONFIG_FILE, None, "kirim.smtp.pengirim", repr(pengirim),
                             "wajib diisi: alamat e-mail pengirim"))
        ca = smtp_raw.get("ca")
        if ca is not None and (not isinstance(ca, str) or not Path(ca).expanduser().is_file()):
            m.append(Masalah(CONFIG_FILE, None, "kirim.smtp.ca", repr(ca),
                             "berkas sertifikat CA tidak ditemukan (jalur lengkap berkas .pem)"))
            ca = None
        smtp = Smtp(str(server or ""), port if isinstance(port, int) else 587, str(keamanan), str(pengirim or ""),
                    float(_angka(smtp_raw, "batas_waktu", 20, m)),
                    os.environ.get("SIAGA_SMTP_PENGGUNA") or rs.get("pengguna") or None,
                    os.environ.get("SIAGA_SMTP_SANDI") or rs.get("sandi") or None,
                    str(Path(ca).expanduser()) if ca else None)
    wh = _bagian(raw, "webhook", m)
    rw = rahasia.get("webhook", {}) if isinstance(rahasia.get("webhook"), dict) else {}
    daftar: dict[str, Daftar] = {}
    semua = raw.get("daftar")
    if not isinstance(semua, dict):
        m.append(Masalah(CONFIG_FILE, None, "kirim.daftar", repr(semua), "harus berupa bagian [kirim.daftar.NAMA]"))
        semua = {}
    for nama, d in semua.items():
        kolom = f"kirim.daftar.{nama}"
        if not isinstance(d, dict) or not isinstance(d.get("penerima"), list) or not d["penerima"]:
            m.append(Masalah(CONFIG_FILE, None, f"{kolom}.penerima", None,
                             "wajib berisi minimal satu { saluran = \"email\"|\"webhook\", alamat = \"…\" }"))
            continue
        orang = []
        for i, p in enumerate(d["penerima"], 1):
            sal = p.get("saluran") if isinstance(p, dict) else None
            alamat = p.get("alamat") if isinstance(p, dict) else None
            if sal not in SALURAN:
                m.append(Masalah(CONFIG_FILE, None, f"{kolom}.penerima[{i}].saluran", repr(sal),
                                 "harus email atau webhook"))
                continue
            if not isinstance(alamat, str) or not alamat.strip():
                m.append(Masalah(CONFIG_FILE, None, f"{kolom}.penerima[{i}].alamat", None, "wajib diisi"))
                continue
            if sal == "email" and ("@" not in alamat or any(c in alamat for c in "\r\n,;")):
                m.append(Masalah(CONFIG_FILE, None, f"{kolom}.penerima[{i}].alamat", None,
                                 "bukan satu alamat e-mail yang sah"))
                continue
            if sal == "webhook" and not alamat.startswith(("http://", "https://")):
                m.append(Masalah(CONFIG_FILE, None, f"{kolom}.penerima[{i}].alamat", None,
                                 "alamat webhook harus diawali http:// atau https://"))
                continue
            if sal == "email" and smtp_raw == {}:
                m.append(Masalah(CONFIG_FILE, None, f"{kolom}.penerima[{i}]", None,
                                 "penerima e-mail memerlukan bagian [kirim.smtp]"))
                continue
            orang.append(Penerima(sal, alamat.strip(), str(nama), i))
        daftar[str(nama)] = Daftar(str(nama), tuple(orang), _aturan(d.get("aturan", list(aturan)),
                                                                   f"{kolom}.aturan", m))
    if m:
        raise MasalahError(m)
    return Setelan(basi_jam=float(basi), insiden_jam=float(ins), aturan=aturan, smtp=smtp,
                   webhook_batas_waktu=float(_angka(wh, "batas_waktu", 10, m)),
                   lampiran_maks_kb=int(_angka(wh, "lampiran_maks_kb", 4096, m, bulat=True)),
                   token_webhook=os.environ.get("SIAGA_WEBHOOK_TOKEN") or rw.get("token") or None,
                   daftar=daftar)
