"""Restricted views: identities of reported civil servants (verifikator), the reporter-identity
escrow (verifikator asks, admin decides), the users and the audit log (admin).

Personal values come only from :mod:`siaga.akses.identitas` (role check and audit line there), are
shown for the one run in which they were asked for, and are never cached or downloadable.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from siaga.akses import LABEL_PERAN, AksesDitolak, audit, gerbang, identitas, pengguna
from siaga.inti import fmt
from siaga.inti.config import Paths

LABEL_STATUS_PERMINTAAN = {identitas.MENUNGGU: "Menunggu keputusan", identitas.DISETUJUI: "Disetujui",
          identitas.DITOLAK: "Ditolak", identitas.KEDALUWARSA: "Kedaluwarsa"}
PESAN, GALAT, TAMPIL = "identitas_pesan", "identitas_galat", "identitas_tampil"
CATATAN_TERLAPOR = ("Identitas ASN terlapor adalah data pribadi (UU 27/2022): tampil hanya saat diminta, hanya "
                    "untuk verifikator, dan setiap kali dicatat di log audit. Jangan disalin ke luar sistem.")
CATATAN_PELAPOR = (f"Identitas pelapor tidak pernah tampil tanpa izin: ajukan permintaan dengan alasan tertulis; "
                   f"setelah admin menyetujui, identitas pelapor kasus itu terbuka untuk Anda selama "
                   f"{identitas.BERLAKU_JAM} jam. Setiap langkah dicatat di log audit.")


def _waktu(iso: str | None) -> str:
    if not iso:
        return ""
    return fmt.waktu_tanpa_zona(dt.datetime.fromisoformat(iso))


def tabel_terlapor(df: pd.DataFrame) -> pd.DataFrame:
    return identitas.tandai(pd.DataFrame({
        "Nomor kasus": df["id_kasus"].astype(str).to_numpy(), "Nama terlapor": df["nama_terlapor"].to_numpy(),
        "NIP": df["nip_terlapor"].fillna("").to_numpy(), "Jabatan": df["jabatan_terlapor"].fillna("").to_numpy()}))


def tabel_pelapor(df: pd.DataFrame) -> pd.DataFrame:
    return identitas.tandai(pd.DataFrame({
        "Nomor kasus": df["id_kasus"].astype(str).to_numpy(),
        "Nama pelapor": df["nama_pelapor"].fillna("").replace("", "(anonim)").to_numpy(),
        "Kontak pelapor": df["kontak_pelapor"].fillna("").to_numpy()}))


def tabel_permintaan(semua: list[identitas.Permintaan], sekarang: dt.datetime | None = None) -> pd.DataFrame:
    """Requests, newest first (shown to the requester and to admins only)."""
    sekarang = sekarang or dt.datetime.now()
    rows = [{"Nomor": p.nomor, "Kasus": p.id_kasus, "Pemohon": p.pemohon, "Diminta": _waktu(p.diminta),
             "Alasan": p.alasan, "Status": LABEL_STATUS_PERMINTAAN[p.keadaan(sekarang)],
             "Diputus oleh": p.pemutus or "", "Berlaku sampai": _waktu(p.berlaku_sampai), "Catatan": p.catatan}
            for p in reversed(semua)]
    return pd.DataFrame(rows, columns=["Nomor", "Kasus", "Pemohon", "Diminta", "Alasan", "Status", "Diputus oleh",
                                       "Berlaku sampai", "Catatan"])


def terlapor(kasus: list[str]) -> pd.DataFrame | None:
    """The identities of ``kasus`` for this run (None, with a message, when refused)."""
    try:
        return tabel_terlapor(identitas.terlapor(Paths.dari_env(), gerbang.folder(), gerbang.akses(), kasus))
    except (AksesDitolak, OSError) as exc:
        st.error(f"Identitas tidak dapat ditampilkan: {exc}.")
        return None


def pelapor(id_kasus: str) -> pd.DataFrame | None:
    try:
        return tabel_pelapor(identitas.pelapor(Paths.dari_env(), gerbang.folder(), gerbang.akses(), id_kasus,
                                               dt.datetime.now()))
    except (AksesDitolak, OSError) as exc:
        st.error(f"Identitas tidak dapat ditampilkan: {exc}.")
        return None


def milik_saya() -> list[identitas.Permintaan]:
    return [p for p in identitas.daftar_permintaan(gerbang.folder()) if p.pemohon == gerbang.akses().pengguna]


def boleh_dibuka(saya: list[identitas.Permintaan]) -> list[str]:
    """Cases whose reporter this user may see now (approved, unexpired), from :func:`milik_saya`."""
    sekarang = dt.datetime.now()
    return sorted({p.id_kasus for p in saya if p.keadaan(sekarang) == identitas.DISETUJUI})


def permintaan() -> list[identitas.Permintaan]:
    """Every reporter-identity request (admin)."""
    return identitas.daftar_permintaan(gerbang.folder())


def menunggu(semua: list[identitas.Permintaan]) -> list[identitas.Permintaan]:
    return [p for p in semua if p.status == identitas.MENUNGGU]


# Callbacks (run before the page, so the message survives the rerun)

def tampilkan(apa: str) -> None:
    """A "show" button: the identities ``apa`` are shown in the next run only."""
    st.session_state[TAMPIL] = apa


def diminta(apa: str) -> bool:
    """Whether this run shows ``apa`` (asked for by the last click; forgotten afterwards)."""
    if st.session_state.get(TAMPIL) != apa:
        return False
    del st.session_state[TAMPIL]
    return True


def minta(kunci_kasus: str, kunci_alasan: str) -> None:
    kasus, alasan = st.session_state.get(kunci_kasus), st.session_state.get(kunci_alasan, "")
    try:
        p = identitas.minta(gerbang.folder(), gerbang.akses(), str(kasus), alasan, dt.datetime.now())
    except (identitas.IdentitasError, AksesDitolak) as exc:
        st.session_state[GALAT] = f"Permintaan tidak dikirim: {exc}."
        return
    st.session_state[kunci_alasan] = ""
    st.session_state[PESAN] = f"Permintaan {p.nomor} untuk kasus {p.id_kasus} dikirim; menunggu keputusan admin."


def putuskan(kunci_nomor: str, kunci_catatan: str, setuju: bool) -> None:
    nomor = st.session_state.get(kunci_nomor)
    try:
        p = identitas.putuskan(gerbang.folder(), gerbang.akses(), int(nomor), setuju, dt.datetime.now(),
                               st.session_state.get(kunci_catatan, ""))
    except (identitas.IdentitasError, AksesDitolak, TypeError, ValueError) as exc:
        st.session_state[GALAT] = f"Keputusan tidak disimpan: {exc}."
        return
    st.session_state[kunci_catatan] = ""
    st.session_state[PESAN] = (f"Permintaan {p.nomor} disetujui sampai {_waktu(p.berlaku_sampai)}." if setuju
                               else f"Permintaan {p.nomor} ditolak.")


def kabar() -> None:
    """The message left by a callback."""
    if pesan := st.session_state.pop(PESAN, None):
        st.success(pesan, icon=":material/check_circle:")
    if galat := st.session_state.pop(GALAT, None):
        st.error(galat, icon=":material/error:")


# ------------------------------------------------------------------ admin: users and audit log

def tabel_pengguna() -> pd.DataFrame:
    """Users without any secret: name, role, kecamatan, how they log in, lock-out."""
    d = gerbang.folder()
    terkunci = pengguna.terkunci(d, dt.datetime.now())
    rows = []
    for p in pengguna.daftar(d):
        kunci = terkunci.get(p.nama)
        rows.append({"Nama pengguna": p.nama, "Peran": LABEL_PERAN[p.peran], "Kecamatan": p.kecamatan or "",
                     "Masuk dengan": " + ".join(x for x in ("kata sandi" if p.hash else "",
                                                             "akun organisasi" if p.email else "") if x),
                     "Terkunci sampai": f"{kunci:%H.%M}" if kunci else "", "Dibuat": _waktu(p.dibuat)})
    return pd.DataFrame(rows, columns=["Nama pengguna", "Peran", "Kecamatan", "Masuk dengan", "Terkunci sampai",
                                       "Dibuat"])


def catat_buka_audit() -> None:
    """One audit line per session for opening the audit log (not one per rerun)."""
    if not st.session_state.get("_audit_dibuka"):
        gerbang.catat(audit.LIHAT_AUDIT)
        st.session_state["_audit_dibuka"] = True


def rantai_audit() -> None:
    """Whether the audit log is whole: its hash chain recomputed, and its end against the anchor."""
    h = audit.periksa_rantai(gerbang.folder())
    lama = f" ({fmt.angka(h.lama)} baris lama dari sebelum rantai dipakai)" if h.lama else ""
    if h.utuh:
        st.success(f"Log audit utuh: {fmt.angka(h.diperiksa)} baris berantai diperiksa, tidak ada yang diubah atau "
                   f"dihapus{lama}.", icon=":material/verified:")
        return
    st.error(f"Log audit TIDAK utuh: {fmt.angka(len(h.masalah))} kejanggalan pada rantainya. Baris log mungkin "
             "diubah atau dihapus di luar aplikasi; simpan salinan berkas .akses sekarang dan ikuti prosedur insiden "
             "(docs/privacy.md §9).", icon=":material/gpp_bad:")
    st.dataframe(pd.DataFrame({"Kejanggalan": h.masalah}), hide_index=True, width="stretch")


def tabel_audit(terakhir: int = 1000) -> pd.DataFrame:
    """The last events, newest first."""
    rows = [{"Waktu": _waktu(e.get("waktu")), "Pengguna": e.get("pengguna", ""), "Peran": e.get("peran", ""),
             "Tindakan": audit.LABEL.get(e.get("aksi", ""), e.get("aksi", "")), "Objek": e.get("objek", ""),
             "Hasil": e.get("hasil", "")} for e in reversed(audit.baca(gerbang.folder(), terakhir))]
    return pd.DataFrame(rows, columns=["Waktu", "Pengguna", "Peran", "Tindakan", "Objek", "Hasil"])
