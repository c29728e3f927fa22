"""AppTest of the Tugas page on a writable copy of Kota Contoh: a task created from a shortage
row's link lands in tugas.csv, shows on the owner's "Tugas saya", on the shortage row, and once
overdue in Ringkasan's action list; a status change keeps the history; camat scope."""

from __future__ import annotations

import pandas as pd
import pytest

from siaga.inti.kontrak import INPUTS
from tests import apptest

KURANG = "tps/99.01.01.1001.002/SS"


@pytest.fixture
def buka(app_env, contoh_dir, monkeypatch):
    monkeypatch.setenv("SIAGA_JAM", "2024-11-26 10:00")

    def make(page="pages/tugas.py", peran="staf", kecamatan=None, nama="desk1", **q):
        app_env(contoh_dir / "data", contoh_dir / "geo", peran=peran, kecamatan=kecamatan, nama=nama)
        return apptest.buka(page, timeout=90, **q)

    make.data = contoh_dir / "data"
    return make


def _frames(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def test_task_from_a_shortage_row_lands_everywhere(buka, monkeypatch):
    at = buka(asal="logistik", kode_asal=KURANG, judul="Kurang surat suara", tempat="99.01.01.1001")
    assert not at.exception
    assert at.tabs[0].label == "Buat tugas"
    assert at.text_input[0].value == "Kurang surat suara" and at.text_input[1].value == KURANG
    at.text_input[2].set_value("camat1")
    at.button[0].click().run()
    assert not at.exception, at.exception
    df = pd.read_csv(buka.data / INPUTS["tugas"].berkas)
    kolom = ["judul", "asal", "kode_asal", "unit", "kode_kecamatan", "pengguna", "status", "oleh"]
    assert df[kolom].values.tolist() == [
        ["Kurang surat suara", "logistik", KURANG, "99.01.01.1001", "99.01.01", "camat1", "terbuka", "desk1"]]
    assert str(df["batas_waktu"][0]).startswith("2024-11-27 10:00")
    assert any("disimpan" in s.value for s in at.success)
    id_tugas = df["id_tugas"][0]

    # the owner's "Tugas saya" (named user), the shortage row on the Logistik page
    at = buka(peran="camat", kecamatan="99.01.01", nama="camat1")
    saya = at.tabs[0]
    assert saya.label == "Tugas saya" and saya.dataframe[0].value["Nomor"].tolist() == [id_tugas]
    at = buka(page="pages/logistik.py")
    rows = [f for f in _frames(at) if "Tugas" in f.columns]
    assert rows and id_tugas + " (terbuka)" in rows[0]["Tugas"].tolist()

    # overdue: on Ringkasan's action list with owner and since
    monkeypatch.setenv("SIAGA_JAM", "2024-11-28 08:00")
    at = buka(page="pages/ringkasan.py")
    teks = " ".join(str(v) for f in _frames(at) if "Apa" in f.columns for v in f.values.ravel())
    assert f"Tugas {id_tugas}: Kurang surat suara, lewat batas waktu 1 hari" in teks
    assert "Kelurahan Satu" in teks and "batas waktu 27 Nov 2024 10.00 WITA" in teks


def test_status_change_and_camat_scope(buka):
    at = buka(asal="logistik", kode_asal=KURANG, judul="Kurang surat suara", tempat="99.01.01.1001")
    at.button[0].click().run()
    at = buka()
    assert at.selectbox(key="tugas_id").value.startswith("TGS-")
    form = next(s for s in at.selectbox if s.label == "Status")
    form.set_value("dikerjakan")
    at.text_area[-1].set_value("Sudah diminta ke KPU")
    at.button[[b.label for b in at.button].index("Simpan perubahan")].click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    riwayat = next(f for f in _frames(at) if "Oleh" in f.columns)
    assert riwayat["Status"].tolist() == ["Terbuka", "Dikerjakan"]
    assert riwayat["Catatan"].tolist() == ["", "Sudah diminta ke KPU"]
    # a camat of the other kecamatan sees none of it, even asking for the task by URL
    at = buka(peran="camat", kecamatan="99.01.02", nama="camat2", kec="99.01.01")
    assert not at.exception
    assert all(f.empty or "Nomor" not in f.columns for f in _frames(at))
