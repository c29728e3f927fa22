"""Rapat page glue: the form that records a meeting while it runs (time, title, participating units,
agenda items, decisions with owner unit and due time) and the write itself: the meeting's rows and
one task per decision appended as one version (:func:`siaga.masuk.tambah.tambah_bersama`: the
import's validation, Indonesian messages, lock and history), audited. The page
(``pages/rapat.py``) is layout only."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from siaga.akses import audit, gerbang
from siaga.masuk.tambah import tambah_bersama
from siaga.model import rapat, tugas
from siaga.model.konteks import Konteks
from siaga.tampilan import ui

_KABAR = "_rapat_kabar"
_JUMLAH = "rp_jumlah"               # decision rows the form offers
JUMLAH_AWAL, JUMLAH_MAKS = 3, 30
JUDUL_BAWAAN = "Rapat koordinasi Desk Pilkada"


def _galat(isi) -> None:
    st.error("Rapat tidak disimpan:", icon=":material/error:")
    if isinstance(isi, str):
        st.markdown(isi)
    else:
        st.dataframe(ui.tabel_masalah(isi)[["berkas", "baris", "kolom", "nilai", "alasan"]], hide_index=True,
                     width="stretch")


def kabar() -> None:
    """The outcome of the last save of this session (once)."""
    ui.kabar(_KABAR, _galat)


def _tambah_baris() -> None:
    st.session_state[_JUMLAH] = min(st.session_state.get(_JUMLAH, JUMLAH_AWAL) + 1, JUMLAH_MAKS)


def _simpan(k: Konteks) -> None:
    """Submit callback: the form's values from the session state, appended as one version."""
    ss = st.session_state
    ak = gerbang.akses()
    agenda = [a for a in (ss.get("rp_agenda") or "").splitlines() if a.strip()]
    keputusan = [rapat.Keputusan(ss.get(f"rp_isi_{i}") or "", ss.get(f"rp_unit_{i}"),
                                 dt.datetime.combine(ss[f"rp_tgl_{i}"], ss[f"rp_pukul_{i}"])
                                 if ss.get(f"rp_tgl_{i}") and ss.get(f"rp_pukul_{i}") else None)
                 for i in range(ss.get(_JUMLAH, JUMLAH_AWAL))]
    keputusan = [kp for kp in keputusan if kp.isi.strip()]
    if not agenda and not keputusan:
        ss[_KABAR] = ("galat", "Isi minimal satu butir agenda atau satu keputusan.")
        return
    waktu = dt.datetime.combine(ss["rp_tgl"], ss["rp_pukul"])
    rows, tg = rapat.baris_rapat(k, ak.pengguna, waktu, ss.get("rp_judul") or "", ss.get("rp_peserta") or [],
                                 agenda, keputusan)
    hasil = tambah_bersama(ui.store().paths, {j: b for j, b in (("rapat", rows), ("tugas", tg)) if b},
                           ak.pengguna, "rapat")
    ok = all(h.ok for h in hasil.values()) and all(h.versi for h in hasil.values())
    id_rapat = rows[0]["id_rapat"]
    gerbang.catat(audit.RAPAT_BUAT, id_rapat, audit.BERHASIL if ok else audit.GAGAL)
    if ok:
        ui.store().muat()           # the desk's pages show the meeting and its tasks at their next interaction
        dibuat = ", ".join(t["id_tugas"] for t in tg)
        ss[_KABAR] = ("ok", f"Rapat {id_rapat} disimpan"
                      + (f"; {len(tg)} tugas dibuat: {dibuat}." if tg else "."))
        ss[_JUMLAH] = JUMLAH_AWAL
    else:
        # the decisions' own messages first; the tasks' only when the meeting rows passed (they repeat them)
        masalah = [m for m in hasil["rapat"].masalah] if hasil["rapat"].galat else []
        ss[_KABAR] = ("galat", masalah or [m for h in hasil.values() for m in h.masalah])


def form_catat(k: Konteks) -> None:
    """Record a meeting: its time and participants, agenda items (one per line), and decisions,
    each with its owner unit and due time; every decision becomes a task."""
    unit = tugas.pilihan_unit(k)
    kini = tugas.jam(k)
    bawaan = kini + dt.timedelta(hours=tugas.BATAS_BAWAAN_JAM)
    n = st.session_state.setdefault(_JUMLAH, JUMLAH_AWAL)
    with st.form("catat_rapat", clear_on_submit=True):
        st.text_input("Nama rapat", value=JUDUL_BAWAAN, max_chars=120, key="rp_judul")
        kiri, kanan = st.columns(2)
        kiri.date_input("Tanggal rapat", value=kini.date(), format="DD/MM/YYYY", key="rp_tgl")
        kanan.time_input("Pukul", value=kini.time().replace(second=0, microsecond=0), key="rp_pukul")
        st.multiselect("Unit peserta", list(unit), format_func=unit.get, key="rp_peserta",
                       placeholder="Pilih unit yang hadir")
        st.text_area("Agenda (satu butir per baris)", max_chars=2000, height=100, key="rp_agenda",
                     help="Tanpa nama orang: sebut jabatan atau unit.")
        st.markdown("**Keputusan** — setiap keputusan menjadi satu tugas dengan unit pelaksana dan batas waktunya.")
        for i in range(n):
            a, b, c, d = st.columns([4, 3, 2, 2])
            a.text_input(f"Keputusan {i + 1}", max_chars=200, key=f"rp_isi_{i}",
                         help="Tanpa nama orang. Kosongkan bila tidak dipakai.")
            b.selectbox(f"Pelaksana {i + 1}", list(unit), index=None, format_func=unit.get, key=f"rp_unit_{i}",
                        placeholder="Pilih unit")
            c.date_input(f"Batas tanggal {i + 1}", value=bawaan.date(), format="DD/MM/YYYY", key=f"rp_tgl_{i}")
            d.time_input(f"Batas pukul {i + 1}", value=bawaan.time().replace(second=0, microsecond=0),
                         key=f"rp_pukul_{i}")
        st.form_submit_button("Simpan rapat dan buat tugas", type="primary", on_click=_simpan, args=(k,))
    st.button("Tambah baris keputusan", on_click=_tambah_baris, disabled=n >= JUMLAH_MAKS,
              help="Isian yang belum disimpan tetap ada.")
