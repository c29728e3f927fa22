"""Tugas page glue: the "Buat tugas" form filled in from a row's link, the status/note form, and
the write itself (:func:`siaga.masuk.tambah.tambah`: the import's validation, lock and atomic
append), audited. The page (``pages/tugas.py``) is layout only."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from siaga.akses import audit, gerbang
from siaga.inti.kontrak import ASAL_TUGAS, STATUS_TUGAS
from siaga.masuk.hasil import HasilImpor
from siaga.masuk.tambah import tambah
from siaga.model import tugas
from siaga.model.konteks import Konteks
from siaga.tampilan import ui

_KABAR = "_tugas_kabar"
PRATINJAU_KOLOM = ("baris", "kolom", "nilai", "alasan")


def isian_url() -> dict[str, str]:
    """The fields a row's "Buat tugas" link fills in (asal, kode_asal, judul, tempat: a kelurahan)."""
    qp = st.query_params
    return {n: qp.get(n, "") for n in ("asal", "kode_asal", "judul", "tempat", "id")}


def _simpan(k: Konteks, baris: dict, aksi: str) -> HasilImpor:
    ak = gerbang.akses()
    hasil = tambah(ui.store().paths, "tugas", [baris], ak.pengguna, "tugas")
    gerbang.catat(aksi, baris["id_tugas"], audit.BERHASIL if hasil.ok and hasil.versi else audit.GAGAL)
    if hasil.ok and hasil.versi:
        ui.store().muat()           # the desk's pages show the change at their next interaction
        st.session_state[_KABAR] = ("ok", f"Tugas {baris['id_tugas']} disimpan.")
    else:
        st.session_state[_KABAR] = ("galat", hasil.masalah)
    return hasil


def _galat(isi) -> None:
    st.error("Tugas tidak disimpan:", icon=":material/error:")
    st.dataframe(ui.tabel_masalah(isi)[["kolom", "nilai", "alasan"]], hide_index=True, width="stretch")


def kabar() -> None:
    """The outcome of the last save of this session (once)."""
    ui.kabar(_KABAR, _galat)


def _buat(k: Konteks, kel_url: str) -> None:
    """Submit callback of "Buat tugas": the form's values from the session state."""
    ss = st.session_state
    pemilik = ss["tb_unit"]
    kel = pemilik if len(pemilik) == 13 else (kel_url or None)
    kode_asal = (ss["tb_kode_asal"] or "").strip() or None
    baris = tugas.baris_baru(k, gerbang.akses().pengguna, ss["tb_judul"] or "", pemilik,
                             dt.datetime.combine(ss["tb_tgl"], ss["tb_pukul"]), asal=ss["tb_asal"],
                             kode_asal=kode_asal, kelurahan=kel,
                             kecamatan=pemilik[:8] if pemilik[:1].isdigit() else (kel[:8] if kel else None),
                             pengguna=(ss["tb_pengguna"] or "").strip() or None, catatan=ss["tb_catatan"])
    _simpan(k, baris, audit.TUGAS_BUAT)


def form_buat(k: Konteks) -> None:
    """The "Buat tugas" form; the link of a row (shortage, incident, case, TPS) fills it in."""
    isi = isian_url()
    unit = tugas.pilihan_unit(k)
    asal_kode = [a for a, _ in ASAL_TUGAS]
    with st.form("buat_tugas", clear_on_submit=True):
        st.text_input("Apa yang harus dikerjakan", value=isi["judul"], max_chars=200, key="tb_judul",
                      help="Tanpa nama orang: sebut jabatan atau unit.")
        kiri, kanan = st.columns(2)
        kiri.selectbox("Asal", asal_kode, index=asal_kode.index(isi["asal"]) if isi["asal"] in asal_kode
                       else asal_kode.index("lainnya"), format_func=tugas.LABEL_ASAL.get, key="tb_asal")
        kanan.text_input("Rujukan asal", value=isi["kode_asal"], max_chars=40, key="tb_kode_asal",
                         help="Nomor insiden/kasus, tahap/kode tempat/kode item, kode TPS, nomor rapat")
        awal = isi["tempat"] if isi["tempat"] in unit else (k.kecamatan if k.kecamatan in unit
                                                              else next(iter(unit), None))
        kiri.selectbox("Unit pemilik tugas", list(unit), index=list(unit).index(awal) if awal else 0,
                       format_func=unit.get, key="tb_unit")
        kanan.text_input("Nama pengguna penanggung jawab (boleh kosong)", max_chars=40, key="tb_pengguna")
        bawaan = tugas.jam(k) + dt.timedelta(hours=tugas.BATAS_BAWAAN_JAM)
        kiri.date_input("Batas waktu: tanggal", value=bawaan.date(), format="DD/MM/YYYY", key="tb_tgl")
        kanan.time_input("Batas waktu: pukul", value=bawaan.time().replace(second=0, microsecond=0), key="tb_pukul")
        st.text_area("Catatan", max_chars=500, height=80, key="tb_catatan")
        st.form_submit_button("Buat tugas", type="primary", on_click=_buat, args=(k, isi["tempat"]))


def _ubah(k: Konteks, r: dict) -> None:
    ss = st.session_state
    baris = tugas.baris_ubah(k, r, gerbang.akses().pengguna, status=ss["tu_status"], catatan=ss["tu_catatan"],
                             unit=ss["tu_unit"], batas_waktu=dt.datetime.combine(ss["tu_tgl"], ss["tu_pukul"]))
    _simpan(k, baris, audit.TUGAS_UBAH)


def form_ubah(k: Konteks, r: dict) -> None:
    """Change the status of task ``r``, hand it over or add a note."""
    status = [s for s, _ in STATUS_TUGAS]
    unit = tugas.pilihan_unit(k)
    if r["unit"] not in unit:
        unit = {r["unit"]: tugas.nama_unit(k)(r["unit"]), **unit}
    with st.form(f"ubah_{r['id_tugas']}", clear_on_submit=True):
        kiri, kanan = st.columns(2)
        kiri.selectbox("Status", status, index=status.index(r["status"]), format_func=tugas.LABEL_STATUS_TUGAS.get,
                       key="tu_status")
        kanan.selectbox("Unit pemilik", list(unit), index=list(unit).index(r["unit"]), format_func=unit.get,
                        key="tu_unit")
        batas = pd.Timestamp(r["batas_waktu"]).to_pydatetime()
        kiri.date_input("Batas waktu: tanggal", value=batas.date(), format="DD/MM/YYYY", key="tu_tgl")
        kanan.time_input("Batas waktu: pukul", value=batas.time(), key="tu_pukul")
        st.text_area("Catatan", max_chars=500, height=80, key="tu_catatan")
        st.form_submit_button("Simpan perubahan", type="primary", on_click=_ubah, args=(k, r))
