"""A field report pasted from WhatsApp, read into the Lapor incident form for the desk to review.

The agreed template (README, "Laporan dari lapangan")::

    INSIDEN / Kecamatan / Kelurahan / TPS / kategori / ringkasan

one line with ``/`` between the parts, or one part a line (``Kec: Alpha`` labels allowed). Case,
extra spaces, WhatsApp's ``*bold*`` marks and the ``Kec.``/``Kel.``/``Desa`` prefixes do not
matter; the TPS part may be ``TPS 5``, ``005``, ``5``, a TPS code, or ``-`` for "not at a TPS";
the category is its code or (part of) its name. Names are resolved to Kemendagri codes within the
reader's scope only (official names, then the ``nama_lain`` spellings of ``wilayah.csv``); anything
unknown or missing is named in an Indonesian sentence and left for the reviewer. Nothing is saved
here: the result fills the form, the reviewer sends it. Pure functions: no query, no Streamlit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from siaga.masuk.cocok import NILAI_KOSONG, Pencocok
from siaga.masuk.urai import norm_nama

JENIS_PESAN = {"insiden": "insiden"}           # the template's first word -> report type
BAGIAN = ("jenis", "kecamatan", "kelurahan", "TPS", "kategori", "ringkasan")
PANJANG_RINGKASAN = 300                         # the form's limit
CONTOH_PESAN = "INSIDEN / Alpha / Satu / TPS 002 / konflik / Keributan kecil di depan TPS"
_LABEL = re.compile(r"^\s*(jenis|kec(amatan)?|kel(urahan)?|desa|tps|kategori|ringkasan|uraian)\s*[:=]\s*",
                    re.IGNORECASE)
_TANDA_WA = re.compile(r"[*_~`]+")             # WhatsApp bold, italic, strike, monospace marks
_TPS = re.compile(r"(?:tps)?\s*(?:no\.?|nomor)?\s*0*(\d{1,3})", re.IGNORECASE)
_BUKAN_TPS = {"bukan tps", "bukan di tps", "tidak ada", "tanpa tps", "luar tps"}


@dataclass
class Urai:
    """What a pasted message gave: form values found (None: not found) and what the reviewer should
    check, in Indonesian."""
    kelurahan: str | None = None
    tps: str | None = None
    kategori: str | None = None
    ringkasan: str = ""
    masalah: list[str] = field(default_factory=list)

    @property
    def lengkap(self) -> bool:
        return not self.masalah


def bagian(teks: str) -> list[str]:
    """The parts of a message: split on ``/`` when the message is written on one line (or its first
    line holds the slashes), else one part a line; labels and WhatsApp marks removed."""
    baris = [b.strip() for b in _TANDA_WA.sub("", teks or "").splitlines() if b.strip()]
    if not baris:
        return []
    if len(baris) == 1 or baris[0].count("/") >= 2:
        parts = " ".join(baris).split("/")
        parts = [*parts[:5], "/".join(parts[5:])] if len(parts) > 6 else parts     # a "/" in the summary
    else:
        parts = [*baris[:5], " ".join(baris[5:])] if len(baris) > 6 else baris
    return [re.sub(r"\s+", " ", _LABEL.sub("", p)).strip() for p in parts]


def _kosong(v: str | None) -> bool:
    return v is None or v.strip().lower() in NILAI_KOSONG


def _kategori(v: str, kategori: dict[str, str]) -> str | None:
    n = norm_nama(v)
    if not n:
        return None
    for kode, nama in kategori.items():
        if n in (norm_nama(kode), norm_nama(nama)):
            return kode
    kandidat = [k for k, nama in kategori.items() if len(n) >= 3 and n in norm_nama(nama)]
    return kandidat[0] if len(kandidat) == 1 else None


def _tps(v: str, kel: str | None, tps: pd.DataFrame) -> tuple[str | None, str | None]:
    """The TPS code and, when not found, why."""
    if v in set(tps["kode_tps"]):
        return v, None
    m = _TPS.fullmatch(v.strip())
    if not m:
        return None, f"TPS “{v}” tidak terbaca; tulis nomornya, mis. TPS 005, atau - bila bukan di TPS"
    if kel is None:
        return None, f"TPS {int(m.group(1)):03d} tidak dapat dicari tanpa kelurahan"
    cocok = tps[(tps["kode_kelurahan"] == kel) & (tps["nomor_tps"].astype(int) == int(m.group(1)))]
    if cocok.empty:
        nama = tps.loc[tps["kode_kelurahan"] == kel, "nama_kelurahan"]
        tempat = f"Kelurahan {nama.iloc[0]}" if len(nama) else "kelurahan itu"
        return None, f"TPS {int(m.group(1)):03d} tidak ada di {tempat}"
    return str(cocok["kode_tps"].iloc[0]), None


def urai(teks: str, wilayah: pd.DataFrame, tps: pd.DataFrame, kategori: dict[str, str]) -> Urai:
    """Read a pasted message against the reader's scope: ``wilayah`` (``lapor_wilayah`` rows),
    ``tps`` (``lapor_tps`` rows) and the incident categories (code -> name)."""
    hasil = Urai()
    p = bagian(teks)
    if not p:
        hasil.masalah.append(f"pesan kosong; tempel pesan dengan pola: {CONTOH_PESAN}")
        return hasil
    p += [""] * (len(BAGIAN) - len(p))
    jenis, kec, kel, no_tps, kat, ringkas = p[:6]
    if JENIS_PESAN.get(jenis.strip().lower()) is None:
        hasil.masalah.append(f"jenis laporan “{jenis}” tidak dikenal; awali pesan dengan INSIDEN, mis. {CONTOH_PESAN}")

    cocok = Pencocok(wilayah)
    kode_kec = None
    if not _kosong(kec):
        c = cocok.satu(kec, ("kecamatan",))
        kode_kec = c.kode
        if kode_kec is None:
            hasil.masalah.append(f"kecamatan “{kec}” tidak dikenal di wilayah Anda")
    if _kosong(kel):
        hasil.masalah.append("bagian kelurahan tidak ada; pilih kelurahannya di formulir")
    else:
        c = cocok.satu(kel, ("kelurahan",), induk=kode_kec)
        if c.kode is not None and kode_kec is not None and cocok.induk.get(c.kode) != kode_kec:
            hasil.masalah.append(f"kelurahan “{kel}” tidak ada di Kecamatan {cocok.nama[kode_kec]}")
        elif c.kode is None:
            di = f"Kecamatan {cocok.nama[kode_kec]}" if kode_kec else "wilayah Anda"
            hasil.masalah.append(f"kelurahan “{kel}” tidak dikenal di {di}")
        else:
            hasil.kelurahan = c.kode

    if not _kosong(no_tps) and no_tps.strip().lower() not in _BUKAN_TPS:
        kode, alasan = _tps(no_tps, hasil.kelurahan, tps)
        if kode is not None:
            hasil.tps = kode
            hasil.kelurahan = str(tps.loc[tps["kode_tps"] == kode, "kode_kelurahan"].iloc[0])
        elif alasan:
            hasil.masalah.append(alasan)

    if _kosong(kat):
        hasil.masalah.append("bagian kategori tidak ada; pilih kategorinya di formulir")
    else:
        hasil.kategori = _kategori(kat, kategori)
        if hasil.kategori is None:
            hasil.masalah.append(f"kategori “{kat}” tidak dikenal; pilih salah satu: "
                                 + ", ".join(f"{k} ({n})" for k, n in kategori.items()))

    ringkas = ringkas.strip()
    if not ringkas:
        hasil.masalah.append("bagian ringkasan tidak ada; tulis apa yang terjadi")
    elif len(ringkas) > PANJANG_RINGKASAN:
        hasil.masalah.append(f"ringkasan lebih dari {PANJANG_RINGKASAN} karakter dan dipotong; periksa ujungnya")
        ringkas = ringkas[:PANJANG_RINGKASAN]
    hasil.ringkasan = ringkas
    return hasil
