"""Who may see and do what: roles, actions and the query scope (pure, no Streamlit).

Every request runs with an :class:`Akses` (user, role, kecamatan). Its :class:`Lingkup`
(role and kecamatan: everything that shapes a query result) is a parameter of the query layer
(:meth:`siaga.data.store.Store.query`) and part of every cache key, so a camat's kecamatan is
applied in the SQL parameters, not only in a widget, and two scopes never share a cached
result. Personal data are not in the store at all: :mod:`siaga.akses.identitas` reads them on demand,
behind :meth:`Akses.boleh`.

Roles (see docs/privacy.md for the whole role × data table):

- ``publik``: nobody is configured (the public demo): aggregates only, read-only, no downloads.
- ``pimpinan``: aggregates of the whole region; no row-level tables of incidents or cases.
- ``staf``: all operational data; neutrality cases without identities.
- ``camat``: like staf, but only their own kecamatan, at every level and in every download.
- ``lurah``: only their own kelurahan: field reports (Lapor) and follow-up tasks; a query that
  cannot be scoped to one kelurahan (no ``$kelurahan`` parameter) is refused.
- ``verifikator``: like staf, plus the identities of reported civil servants; the reporter's
  identity only through an approved, time-limited request (identity escrow).
- ``admin``: like staf, plus imports, restores, identity-request decisions and the audit log.

Code for other features (e.g. an aggregate report snapshot) calls :meth:`Akses.boleh` with one
of the actions below and :attr:`Akses.lingkup` for its queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PUBLIK, PIMPINAN, STAF, CAMAT, VERIFIKATOR, ADMIN = "publik", "pimpinan", "staf", "camat", "verifikator", "admin"
LURAH = "lurah"
PERAN = (PIMPINAN, STAF, CAMAT, LURAH, VERIFIKATOR, ADMIN)     # roles a user can be given
LABEL_PERAN = {PUBLIK: "Tamu (demo publik)", PIMPINAN: "Pimpinan", STAF: "Staf desk", CAMAT: "Camat",
               LURAH: "Lurah", VERIFIKATOR: "Verifikator", ADMIN: "Admin"}

# Actions
SELURUH_WILAYAH = "seluruh_wilayah"      # figures of the whole region (every kecamatan)
RINCIAN = "rincian"                      # row-level tables: incidents, cases, TPS, with their free text
UNDUH = "unduh"                          # CSV/XLSX of a table shown on screen
UNDUH_LAPORAN = "unduh_laporan"          # an aggregate report snapshot (PDF/PNG/PPTX), never personal data
LIHAT_TERLAPOR = "lihat_terlapor"        # name, NIP and position of reported civil servants
MINTA_PELAPOR = "minta_pelapor"          # ask for a case's reporter identity (escrow)
PUTUSKAN_PELAPOR = "putuskan_pelapor"    # approve or reject such a request
IMPOR = "impor"                          # import a file on the Data page
PULIHKAN = "pulihkan"                    # restore a version
LIHAT_RIWAYAT = "lihat_riwayat"          # the import history (names of clerks)
LIHAT_AUDIT = "lihat_audit"              # the audit log and the users
KELOLA_TUGAS = "kelola_tugas"            # create follow-up tasks, change their status, add notes
LAPOR_LAPANGAN = "lapor_lapangan"        # submit a field report (the Lapor page)

_OPERASIONAL = frozenset({SELURUH_WILAYAH, RINCIAN, UNDUH, UNDUH_LAPORAN, KELOLA_TUGAS, LAPOR_LAPANGAN})
HAK: dict[str, frozenset[str]] = {
    PUBLIK: frozenset({SELURUH_WILAYAH, UNDUH_LAPORAN}),     # the demo's aggregate report
    PIMPINAN: frozenset({SELURUH_WILAYAH, UNDUH, UNDUH_LAPORAN}),
    STAF: _OPERASIONAL,
    CAMAT: _OPERASIONAL - {SELURUH_WILAYAH},
    LURAH: frozenset({RINCIAN, KELOLA_TUGAS, LAPOR_LAPANGAN}),
    VERIFIKATOR: _OPERASIONAL | {LIHAT_TERLAPOR, MINTA_PELAPOR},
    ADMIN: _OPERASIONAL | {IMPOR, PULIHKAN, LIHAT_RIWAYAT, LIHAT_AUDIT, PUTUSKAN_PELAPOR},
}
AKSI = sorted(set().union(*HAK.values()))

# Queries that hold no row per kecamatan (the data's date range, the stage schedule): a camat may
# run them unscoped. Any other query a camat runs must take a ``$kecamatan`` parameter.
REFERENSI = frozenset({"rentang_data", "tahapan", "rencana_jadwal", "kategori_daftar",
                       "lapor_item", "kirim_terbaru"})   # no place-level data
# Province and national overview queries: figures across kab/kota, refused to a camat (their
# kecamatan is on the kab/kota pages).
IKHTISAR = frozenset({"ikhtisar_unit", "ikhtisar_indikator"})


class AksesDitolak(Exception):
    """An action or a query outside the role or scope (message in Indonesian, no data values)."""


@dataclass(frozen=True)
class Lingkup:
    """What a query may see: the role and, for a camat, the kecamatan; for a lurah, the kelurahan
    (and its kecamatan). Part of every cache key."""
    peran: str
    kecamatan: str | None = None
    kelurahan: str | None = None

    def __post_init__(self) -> None:
        if self.peran not in HAK:
            raise ValueError(f"peran tidak dikenal: {self.peran}")
        if (self.peran in (CAMAT, LURAH)) != (self.kecamatan is not None):
            raise ValueError("kecamatan wajib untuk camat dan lurah, dan hanya untuk mereka")
        if (self.peran == LURAH) != (self.kelurahan is not None):
            raise ValueError("kelurahan wajib untuk lurah dan hanya untuk lurah")
        if self.kelurahan is not None and not self.kelurahan.startswith(f"{self.kecamatan}."):
            raise ValueError("kelurahan lurah harus berada di kecamatannya")


@dataclass(frozen=True)
class Akses:
    """The user of one session. ``kecamatan`` is set for a camat and a lurah, ``kelurahan`` for a
    lurah only (a lurah given only the kelurahan gets its kecamatan from the code)."""
    pengguna: str
    peran: str
    kecamatan: str | None = None
    kelurahan: str | None = None

    def __post_init__(self) -> None:
        if self.kelurahan is not None and self.kecamatan is None:
            object.__setattr__(self, "kecamatan", self.kelurahan[:8])
        Lingkup(self.peran, self.kecamatan, self.kelurahan)          # validates role and scope

    @property
    def lingkup(self) -> Lingkup:
        return Lingkup(self.peran, self.kecamatan, self.kelurahan)

    @property
    def publik(self) -> bool:
        return self.peran == PUBLIK

    @property
    def label(self) -> str:
        return LABEL_PERAN[self.peran]

    def boleh(self, aksi: str) -> bool:
        return aksi in HAK[self.peran]

    def wajib(self, aksi: str) -> None:
        if not self.boleh(aksi):
            raise AksesDitolak(f"peran {self.label} tidak berhak atas tindakan ini")

    def kecamatan_dilihat(self, diminta: str | None) -> str | None:
        """The kecamatan a view shows: a camat's own, whatever was asked for."""
        return self.kecamatan if self.kecamatan is not None else diminta


TAMU = Akses("(publik)", PUBLIK)


def param_lingkup(nama: str, params_query: Iterable[str], params: dict, lingkup: Lingkup) -> dict:
    """The parameters a query runs with under ``lingkup``: a camat's kecamatan replaces whatever
    was asked for; a query without a ``$kecamatan`` parameter is refused to a camat unless it is
    a reference query (:data:`REFERENSI`). A lurah's kelurahan (and kecamatan) likewise; a query
    without a ``$kelurahan`` parameter is refused to a lurah."""
    if lingkup.kecamatan is None:
        return dict(params)
    if lingkup.kelurahan is not None:
        if "kelurahan" in params_query:
            out = {**params, "kelurahan": lingkup.kelurahan}
            return {**out, "kecamatan": lingkup.kecamatan} if "kecamatan" in params_query else out
        if nama in REFERENSI:
            return dict(params)
        raise AksesDitolak(f"kueri {nama} tidak dapat dibatasi ke satu kelurahan")
    if "kecamatan" in params_query:
        return {**params, "kecamatan": lingkup.kecamatan}
    if nama in REFERENSI:
        return dict(params)
    raise AksesDitolak(f"kueri {nama} tidak dapat dibatasi ke satu kecamatan")
