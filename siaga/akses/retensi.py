"""Retention: delete the identities of neutrality cases closed before a date.

``python -m siaga hapus-pribadi --sebelum TANGGAL``: the rows of ``netralitas_pribadi.csv``
whose case was closed (``selesai`` or ``tidak_terbukti``, by its last status in
``netralitas.csv``) before ``TANGGAL`` are removed from the file in use (imported as a new
version, checked like any import) and from every copy kept in the import history, so a restore
cannot bring them back. The case facts in ``netralitas.csv`` (no identities) stay.

The same command deletes the photos of field reports (``SIAGA_DATA/lampiran/``, see
:mod:`siaga.akses.lampiran`) of incidents closed (``selesai``) before ``TANGGAL``: the photo
files and their index entries; the incident rows stay.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from siaga.akses import identitas, lampiran
from siaga.akses.identitas import INPUT
from siaga.inti.config import Paths
from siaga.inti.kontrak import STATUS_TUTUP
from siaga.masuk import impor, periksa, riwayat


@dataclass
class HasilHapus:
    kasus: list[str] = field(default_factory=list)       # case numbers whose identities were (or would be) deleted
    versi: int | None = None                             # the new version of the file in use
    versi_disaring: list[int] = field(default_factory=list)   # history versions rewritten
    masalah: list = field(default_factory=list)
    insiden: list[str] = field(default_factory=list)     # incidents whose photos were (or would be) deleted
    foto: int = 0                                        # photos deleted (or that would be)


def kasus_tutup(netralitas: pd.DataFrame, sebelum: dt.date) -> set[str]:
    """Cases whose last status is closed, with that status recorded before ``sebelum``."""
    if netralitas.empty:
        return set()
    akhir = netralitas.sort_values("waktu").groupby("id_kasus").tail(1)
    tutup = akhir["status"].isin(STATUS_TUTUP) & (akhir["waktu"].dt.date < sebelum)
    return set(akhir.loc[tutup, "id_kasus"].astype(str))


def insiden_tutup(insiden: pd.DataFrame, sebelum: dt.date) -> set[str]:
    """Incidents whose last status is ``selesai``, recorded before ``sebelum``."""
    if insiden.empty:
        return set()
    akhir = insiden.sort_values("waktu").groupby("id_insiden").tail(1)
    tutup = akhir["status"].eq("selesai") & (akhir["waktu"].dt.date < sebelum)
    return set(akhir.loc[tutup, "id_insiden"].astype(str))


def tanpa_kasus(isi: bytes, kasus: set[str]) -> bytes | None:
    """A copy of the identities file without the rows of ``kasus`` (canonical CSV); None when it
    cannot be read (the copy is then removed rather than kept with identities)."""
    df = identitas.baca_isi(isi)
    if df is None:
        return None
    if not df["id_kasus"].isin(kasus).any():
        return isi
    return impor.kanonik(INPUT, df[~df["id_kasus"].isin(kasus)])


def hapus_pribadi(paths: Paths, sebelum: dt.date, oleh: str, uji: bool = False) -> HasilHapus:
    hasil = HasilHapus()
    tabel, _ = periksa.muat_sekarang(paths, {"netralitas", "netralitas_pribadi", "insiden"})
    if "insiden" in tabel:
        tutup_insiden = insiden_tutup(tabel["insiden"], sebelum)
        foto = [f for f in lampiran.daftar(paths) if f.id_insiden in tutup_insiden]
        hasil.insiden, hasil.foto = sorted({f.id_insiden for f in foto}), len(foto)
        if not uji and foto:
            hasil.foto = len(lampiran.hapus_insiden(paths, hasil.insiden))
    if "netralitas_pribadi" not in tabel:
        return hasil
    tutup = kasus_tutup(tabel.get("netralitas", pd.DataFrame(columns=["id_kasus", "waktu", "status"])), sebelum)
    pribadi = tabel["netralitas_pribadi"]
    hasil.kasus = sorted(set(pribadi["id_kasus"].astype(str)) & tutup)
    if uji or not hasil.kasus:
        return hasil
    kasus = set(hasil.kasus)
    isi = impor.kanonik(INPUT, pribadi[~pribadi["id_kasus"].isin(kasus)])
    lap = impor.impor(paths, "netralitas_pribadi", isi, "hapus-pribadi", oleh=oleh, mode=impor.MODE_GANTI)
    if not lap.ok:
        hasil.masalah = lap.masalah
        return hasil
    hasil.versi = lap.versi
    with riwayat.kunci(paths) as k:
        hasil.versi_disaring = k.ubah_salinan(
            "data", INPUT.berkas, lambda b: tanpa_kasus(b, kasus),
            f"identitas kasus yang ditutup sebelum {sebelum.isoformat()} dihapus (retensi)")
    return hasil
