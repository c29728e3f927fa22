"""Rapat: coordination meetings. The decisions of the meetings and their follow-up (open, done
since the last meeting), every past meeting with its agenda and the state of each decision's
task, and the form the desk fills in during a meeting (each decision becomes a task)."""

import streamlit as st

from siaga import akses
from siaga.inti import fmt
from siaga.model import rapat
from siaga.tampilan import rapat as tampil
from siaga.tampilan import ui

k = ui.konteks()
ui.judul("Rapat koordinasi", k)
h = rapat.susun(ui.q, k)
boleh = k.akses.boleh(akses.KELOLA_TUGAS)
tampil.kabar()

tab = ["Tindak lanjut", "Daftar rapat", "Catat rapat"] if boleh else ["Tindak lanjut", "Daftar rapat"]
bagian = dict(zip(tab, st.tabs(tab), strict=True))

with bagian["Tindak lanjut"]:
    t = h.tindak_lanjut
    st.subheader(t.judul)
    if not t.ada_rapat:
        ui.kosong(t.kosong)
    else:
        st.caption(t.kalimat)
        ui.kartu(t.angka)
        if t.kosong:
            ui.kosong(t.kosong)
        else:
            st.dataframe(t.tabel.frame(), hide_index=True, width="stretch", height=ui.tinggi_tabel(len(t.tabel.baris)))

with bagian["Daftar rapat"]:
    if h.kosong:
        ui.kosong(f"Belum ada rapat koordinasi yang dicatat untuk {k.nama_lingkup}.")
    for r in h.daftar.to_dict("records"):
        with st.expander(h.judul_rapat(r, k), expanded=r["id_rapat"] == h.daftar["id_rapat"].iloc[0]):
            st.markdown(f"**Nomor rapat:** {fmt.md(r['id_rapat'])}  \n**Peserta:** {fmt.md(h.peserta(r, k))}")
            if k.akses.boleh(akses.RINCIAN) and len(r["agenda"]):
                st.markdown("**Agenda**  \n" + "  \n".join(f"{i}. {fmt.md(a)}" for i, a in enumerate(r["agenda"], 1)))
            kep = h.keputusan_rapat(r["id_rapat"], k)
            if kep.empty:
                st.caption("Tidak ada keputusan dalam lingkup ini.")
            else:
                st.dataframe(kep, hide_index=True, width="stretch")

if "Catat rapat" in bagian:
    with bagian["Catat rapat"]:
        tampil.form_catat(k)
