"""Insiden page glue: the photos of field reports, for staf and above within their scope (see
:mod:`siaga.akses.lampiran`). Each incident's photos opened are audited (once a session); nothing
here is cached, exported or published."""

from __future__ import annotations

import streamlit as st

from siaga.akses import audit, gerbang, lampiran
from siaga.model.konteks import Konteks
from siaga.tampilan import ui

_DILIHAT = "_foto_dilihat"


def foto_insiden(k: Konteks) -> None:
    """The "Foto laporan lapangan" section: pick an incident with photos, see them. Shows nothing
    to a role that may not see photos, or when there is none in the view's scope."""
    ak = gerbang.akses()
    foto = [f for f in lampiran.untuk(ui.store().paths, ak)
            if k.kecamatan is None or f.kode_kecamatan == k.kecamatan]
    if not foto:
        return
    st.subheader("Foto laporan lapangan")
    st.caption("Hanya untuk staf desk ke atas; lokasi dan data kamera sudah dihapus. Tidak masuk laporan, layar besar, "
               "unduhan maupun demo publik.")
    ids = sorted({f.id_insiden for f in foto}, reverse=True)
    pilih = st.selectbox("Insiden", ids, key="foto_insiden")
    for f in (f for f in foto if f.id_insiden == pilih):
        isi = lampiran.baca(ui.store().paths, ak, f)
        if isi is None:
            ui.kosong("Foto ini sudah dihapus (retensi) atau tidak dapat dibaca.")
            continue
        st.image(isi, width="stretch")
    dilihat = st.session_state.setdefault(_DILIHAT, set())
    if pilih not in dilihat:                   # once per incident and session, not on every rerun
        dilihat.add(pilih)
        gerbang.catat(audit.LIHAT_FOTO, pilih, audit.BERHASIL)
