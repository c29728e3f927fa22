"""AppTest of the Rapat page on a writable copy of Kota Contoh: a meeting entered with two
decisions lands in rapat.csv, its two tasks appear on the Tugas page (asal rapat), the meeting is
listed with the state of each decision's task and the follow-up section (Rapat and Ringkasan)
counts them; a bad decision gets the import's Indonesian messages and nothing is written;
pimpinan reads the decisions without the form and without the task notes."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from siaga.akses import audit
from siaga.inti.kontrak import INPUTS
from tests import apptest


@pytest.fixture
def buka(app_env, contoh_dir, monkeypatch):
    monkeypatch.setenv("SIAGA_JAM", "2024-11-26 10:00")

    def make(page="pages/rapat.py", peran="staf", kecamatan=None, nama="desk1", **q):
        app_env(contoh_dir / "data", contoh_dir / "geo", peran=peran, kecamatan=kecamatan, nama=nama)
        return apptest.buka(page, timeout=90, **q)

    make.data = contoh_dir / "data"
    return make


def _isi_rapat(at, keputusan):
    at.text_input(key="rp_judul").set_value("Rapat koordinasi H-1")
    at.multiselect(key="rp_peserta").set_value(["desk", "99.01.01"])
    at.text_area(key="rp_agenda").set_value("Laporan logistik\nKesiapan TPS")
    for i, (isi, unit) in enumerate(keputusan):
        at.text_input(key=f"rp_isi_{i}").set_value(isi)
        if unit:
            at.selectbox(key=f"rp_unit_{i}").set_value(unit)
    at.button[[b.label for b in at.button].index("Simpan rapat dan buat tugas")].click().run()
    assert not at.exception, at.exception
    return at


def test_a_meeting_with_two_decisions_makes_two_tasks(buka):
    at = buka()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Tindak lanjut", "Daftar rapat", "Catat rapat"]
    assert any("Belum ada rapat koordinasi" in i.value for i in at.info)
    at = _isi_rapat(at, [("Kirim kotak suara cadangan ke Kelurahan Satu", "99.01.01.1001"),
                         ("Siagakan Linmas di TPS rawan", "satpol_pp")])
    assert not at.error, [e.value for e in at.error]
    r = pd.read_csv(buka.data / INPUTS["rapat"].berkas)
    assert r[["nomor", "jenis", "isi"]].values.tolist() == [
        [1, "agenda", "Laporan logistik"], [2, "agenda", "Kesiapan TPS"],
        [3, "keputusan", "Kirim kotak suara cadangan ke Kelurahan Satu"],
        [4, "keputusan", "Siagakan Linmas di TPS rawan"]]
    t = pd.read_csv(buka.data / INPUTS["tugas"].berkas)
    id_rapat = r["id_rapat"][0]
    assert t[["asal", "kode_asal", "unit", "oleh"]].values.tolist() == [
        ["rapat", f"{id_rapat}/3", "99.01.01.1001", "desk1"], ["rapat", f"{id_rapat}/4", "satpol_pp", "desk1"]]
    assert str(t["batas_waktu"][0]).startswith("2024-11-27 10:00")           # the default: a day from now
    pesan = " ".join(s.value for s in at.success)
    assert f"Rapat {id_rapat} disimpan; 2 tugas dibuat" in pesan

    # the meeting, its decisions and their tasks on the Rapat page
    at = buka()
    kep = next(d.value for d in at.dataframe if "Tugas" in d.value.columns)
    assert kep["Tugas"].tolist() == t["id_tugas"].tolist()
    assert kep["Status"].tolist() == ["Terbuka · sisa 1 hari 0 jam"] * 2
    assert apptest.metrics(at)["Keputusan terbuka"] == "2 keputusan"
    # both tasks on the Tugas page, from the meeting
    at = buka(page="pages/tugas.py")
    semua = next(d.value for d in at.dataframe if "Nomor" in d.value.columns and "Asal" in d.value.columns)
    assert sorted(semua["Nomor"]) == sorted(t["id_tugas"])
    assert sorted(semua["Asal"]) == sorted(f"Keputusan rapat {id_rapat}/{n}" for n in (3, 4))
    # Ringkasan: the follow-up section with both decisions
    at = buka(page="pages/ringkasan.py")
    assert not at.exception
    assert "Keputusan rapat terakhir dan tindak lanjutnya" in [x.value for x in at.subheader]
    tl = next(d.value for d in at.dataframe if "Pelaksana" in d.value.columns)
    assert tl["Keputusan"].tolist() == ["Kirim kotak suara cadangan ke Kelurahan Satu", "Siagakan Linmas di TPS rawan"]
    assert tl["Pelaksana"].tolist() == ["Kelurahan Satu", "Satpol PP"]
    # the audit log has the meeting
    assert [(e["aksi"], e["objek"], e["hasil"]) for e in audit.baca(Path(os.environ["SIAGA_AKSES"]))
            if e["aksi"] == audit.RAPAT_BUAT] == [(audit.RAPAT_BUAT, id_rapat, audit.BERHASIL)]


def test_a_bad_decision_is_refused_with_the_import_messages(buka):
    at = _isi_rapat(buka(), [("Kirim kotak suara cadangan", None)])
    assert any("Rapat tidak disimpan" in e.value for e in at.error)
    masalah = next(d.value for d in at.dataframe if "alasan" in d.value.columns)
    assert masalah[["berkas", "baris", "kolom", "alasan"]].values.tolist() == [   # line 4: after two agenda items
        ["rapat", "4", "unit", "keputusan rapat memerlukan unit pelaksana"]]
    assert not (buka.data / INPUTS["rapat"].berkas).exists() and not (buka.data / INPUTS["tugas"].berkas).exists()


def test_pimpinan_reads_decisions_without_the_form_or_notes(buka):
    at = _isi_rapat(buka(), [("Siagakan Linmas di TPS rawan", "satpol_pp")])
    assert not at.error
    at = buka(peran="pimpinan", nama="pj")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Tindak lanjut", "Daftar rapat"]
    kep = next(d.value for d in at.dataframe if "Tugas" in d.value.columns)
    assert "Catatan terakhir" not in kep.columns and kep["Keputusan"].tolist() == ["Siagakan Linmas di TPS rawan"]
    assert "Laporan logistik" not in apptest.teks_markdown(at)                 # agenda: row-level text
