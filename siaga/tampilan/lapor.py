"""Lapor page glue: the submit callbacks (one row appended through the import, audited) and the
outcome shown once. The page (``pages/lapor.py``) is layout only."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from siaga.akses import audit, gerbang, lampiran
from siaga.inti.masalah import Masalah
from siaga.masuk.tambah import tambah
from siaga.model import lapor, pesan
from siaga.model.konteks import Konteks
from siaga.tampilan import ui

_KABAR = "_lapor_kabar"
_KABAR_PESAN = "_lapor_kabar_pesan"


def _simpan(jenis: str, baris: dict, objek: str) -> bool:
    ak = gerbang.akses()
    hasil = tambah(ui.store().paths, jenis, [baris], ak.pengguna, lapor.SUMBER_LAPOR)
    ok = hasil.ok and hasil.versi is not None
    gerbang.catat(audit.LAPOR, f"{jenis} {objek}", audit.BERHASIL if ok else audit.GAGAL)
    if ok:
        # No wait for the new snapshot here: the watching loader publishes it and every desk page
        # swaps it in at its next run. Waiting (Store.muat) for the snapshot of this very version
        # hangs a phone during a burst, when the loader skips to the newest inputs.
        st.session_state[_KABAR] = ("ok", f"Laporan {lapor.JENIS_LAPOR[jenis].lower()} terkirim ({objek}).")
    else:
        st.session_state[_KABAR] = ("galat", hasil.masalah)
    return ok


def _galat(isi) -> None:
    st.error("Laporan belum terkirim. Perbaiki isian berikut lalu kirim lagi:", icon=":material/error:")
    for m in isi:
        st.markdown(f"- **{m.kolom or 'laporan'}**: {m.alasan}" + (f" (nilai: `{m.nilai}`)" if m.nilai else ""))


def kabar() -> None:
    """The outcome of the last report of this session (once)."""
    ui.kabar(_KABAR, _galat)


def kirim_insiden(k: Konteks, h: lapor.HalamanLapor) -> None:
    ss = st.session_state
    tps = ss.get("lp_tps") or None
    kel = h.tps.loc[h.tps["kode_tps"] == tps, "kode_kelurahan"].iloc[0] if tps else ss["lp_kel"]
    foto = None
    if ss.get("lp_foto") is not None:          # re-encoded before anything is written: a bad photo writes nothing
        try:
            foto = lampiran.olah(ss["lp_foto"].getvalue())
        except lampiran.FotoDitolak as exc:
            st.session_state[_KABAR] = ("galat", [Masalah("lapor", None, "foto", None, str(exc))])
            return
    baris = lapor.baris_insiden(k, tps, kel, ss["lp_kategori"], ss["lp_keparahan"],
                                dt.datetime.combine(ss["lp_tgl"], ss["lp_jam"]), ss["lp_ringkasan"] or "")
    if _simpan("insiden", baris, baris["id_insiden"]) and foto is not None:
        try:
            lampiran.simpan(ui.store().paths, foto, baris["id_insiden"], baris["kode_kecamatan"],
                            baris["kode_kelurahan"])
        except OSError:
            gerbang.catat(audit.LAPOR, f"foto {baris['id_insiden']}", audit.GAGAL)
            gagal = "laporan terkirim, tetapi foto gagal disimpan; kirim fotonya ke desk"
            st.session_state[_KABAR] = ("galat", [Masalah("lapor", None, "foto", None, gagal)])
            return
        gerbang.catat(audit.LAPOR, f"foto {baris['id_insiden']}", audit.BERHASIL)


def kirim_checklist(k: Konteks) -> None:
    ss = st.session_state
    cek = {c: bool(ss.get(f"lp_cek_{c}")) for c in lapor.CEK_TPS}
    baris = lapor.baris_checklist(k, ss["lp_tps_c"], cek, int(ss["lp_c_pemb"] or 0), int(ss["lp_linmas"] or 0),
                                  ss["lp_status_tps"], ss["lp_catatan_c"])
    _simpan("checklist", baris, ss["lp_tps_c"])


def kirim_layanan(k: Konteks, h: lapor.HalamanLapor) -> None:
    ss = st.session_state
    unit = h.unit[h.unit["id_unit"] == ss["lp_unit"]].iloc[0].to_dict()
    _simpan("layanan", lapor.baris_layanan(k, unit, ss["lp_status_unit"], ss["lp_ket_unit"]), unit["id_unit"])


def _di_luar(kode: str, boleh) -> bool:
    """A place outside the reporter's pickers (a stale or tampered session) is refused, not written."""
    if kode in boleh:
        return False
    st.session_state[_KABAR] = ("galat", [Masalah("lapor", None, "tempat", kode, "di luar wilayah Anda")])
    return True


def kirim_logistik(h: lapor.HalamanLapor) -> None:
    ss = st.session_state
    if _di_luar(ss["lp_lok"], h.tempat_logistik(ss["lp_tahap"])):
        return
    baris = lapor.baris_logistik(ss["lp_tahap"], ss["lp_lok"], ss["lp_item"], int(ss["lp_terima"] or 0),
                                 int(ss["lp_rusak"] or 0), dt.datetime.combine(ss["lp_tgl_l"], ss["lp_jam_l"]),
                                 ss["lp_catatan_l"])
    _simpan("logistik", baris, f"{baris['kode_lokasi']} {baris['kode_item']}")


def kirim_pemungutan(h: lapor.HalamanLapor) -> None:
    ss = st.session_state
    if _di_luar(ss["lp_tps_p"], set(h.tps["kode_tps"])):
        return
    hadir = tuple(int(ss.get(f"lp_hadir_{c}") or 0) for c in ("dpt", "dptb", "dpk"))
    waktu = dt.datetime.combine(ss["lp_tgl_p"], ss["lp_jam_p"])
    baris = lapor.baris_pemungutan(ss["lp_tps_p"], ss["lp_kejadian"], waktu, hadir, ss["lp_sumber_p"],
                                   ss["lp_catatan_p"])
    _simpan("pemungutan", baris, f"{baris['kode_tps']} {baris['kejadian']}")


def urai_pesan(h: lapor.HalamanLapor) -> None:
    """Read the pasted WhatsApp message into the incident form (nothing saved)."""
    ss = st.session_state
    u = pesan.urai(ss.get("lp_wa") or "", h.wilayah, h.tps, h.kategori)
    if u.kelurahan in h.kelurahan:
        ss["lp_kel"] = u.kelurahan
    ss["lp_tps"] = u.tps if u.tps in set(h.tps["kode_tps"]) else ""
    if u.kategori in h.kategori:
        ss["lp_kategori"] = u.kategori
    ss["lp_ringkasan"] = u.ringkasan
    ss[_KABAR_PESAN] = u.masalah


def kabar_pesan() -> None:
    masalah = st.session_state.pop(_KABAR_PESAN, None)
    if masalah is None:
        return
    if not masalah:
        st.success("Pesan terurai. Periksa isian di bawah, lengkapi keparahan dan waktu, lalu kirim.",
                   icon=":material/check_circle:")
        return
    st.warning("Pesan terurai sebagian. Periksa dan lengkapi isian di bawah sebelum mengirim:",
               icon=":material/warning:")
    for m in masalah:
        st.markdown(f"- {m}")
