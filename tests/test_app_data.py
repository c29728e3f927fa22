"""AppTest of the Data page on a writable copy of Kota Contoh: upload, preview, accept or cancel,
refusals in Indonesian, the upload limit, masked personal data, history and restore."""

from __future__ import annotations

import pytest

from siaga.inti.config import Paths
from siaga.inti.masalah import MASKED
from siaga.masuk import riwayat
from tests import apptest
from tests.apptest import metrics

INSIDEN = (b"LAPORAN INSIDEN KECAMATAN ALFA;;;;;;;;;;;;;;;\n"
           b"id_insiden;waktu;waktu_kejadian;kecamatan;kelurahan;kode_tps;lat;lon;kategori;keparahan;status;sumber;"
           b"ringkasan;tindak_lanjut;pic;batas_waktu\n"
           b"K9;26/11/2024 09.30;26 Nop 2024 09.00;Kec. ALFA;Dua;;-6,95;110,05;konflik;Tinggi;dilaporkan;polri tni;"
           b"Keributan di posko;;Polres;27/11/2024\n")


@pytest.fixture
def app(app_env, contoh_dir):
    app_env(contoh_dir / "data", contoh_dir / "geo")

    def make():
        return apptest.buka("pages/data.py", timeout=90)

    make.paths = Paths(contoh_dir / "data", contoh_dir / "geo")
    return make


def _upload(at, jenis, name, data, oleh="Budi"):
    at.selectbox(key="data_jenis").set_value(jenis)
    at.text_input(key="data_oleh").set_value(oleh)
    at.run()
    at.file_uploader[0].upload(name, data, "text/csv")
    return at.run()


def _frames(at) -> str:
    return "\n".join(d.value.to_csv() for d in at.dataframe)


def _serius(at) -> str:
    at.switch_page("pages/ringkasan.py")
    at.run()
    return metrics(at)["Tanpa konflik"]


def test_page_renders(app):
    at = app()
    assert not at.exception
    assert at.title[0].value == "Data"
    assert [s.value for s in at.subheader] == ["Impor berkas", "Riwayat impor", "Berkas yang dipakai sekarang"]
    assert "Belum ada impor" in at.info[0].value


def test_upload_preview_accept_and_the_dashboard_follows(app):
    at = app()
    before = _serius(app())
    at = _upload(at, "insiden", "insiden kec alfa.csv", INSIDEN)
    assert not at.exception and not at.error
    assert "Siap disimpan" in at.success[0].value and "1 baris baru ditambahkan ke insiden" in at.success[0].value
    shown = _frames(at)
    assert "Baris 1 di atas judul kolom dilewati" in shown
    assert "Kec. ALFA,99.01.01,Alpha" in shown and "Dua,99.01.01.1002,Dua" in shown      # region matches
    assert "K9,26 Nov 2024 09.30" in shown                                                  # the preview
    assert at.button(key="data_terima").disabled is False
    at.button(key="data_terima").click().run()
    assert not at.exception and not at.error
    assert "DITERIMA" in at.success[0].value and "versi 2" in at.success[0].value
    assert at.file_uploader[0].value is None                                               # upload cleared
    hist = at.dataframe[0].value
    assert hist["Oleh"].tolist()[0] == "Budi" and hist["Sumber"].tolist()[0] == "insiden kec alfa.csv"
    after = _serius(at)
    assert int(after.split()[0]) == int(before.split()[0]) + 1


def test_refused_file_changes_nothing(app):
    at = app()
    old = (app.paths.data / "insiden.csv").read_bytes()
    at = _upload(at, "insiden", "salah.csv", INSIDEN.replace(b"Kec. ALFA", b"Kec. Gamma"))
    assert "DITOLAK" in at.error[0].value
    problems = next(d.value for d in at.dataframe if "alasan" in d.value.columns)
    row = problems.iloc[0]
    assert (row["baris"], row["kolom"], row["nilai"]) == ("3", "kode_kecamatan", "Kec. Gamma")   # as shown
    assert "tidak cocok dengan kecamatan" in row["alasan"]
    assert at.button(key="data_terima").disabled is True
    assert (app.paths.data / "insiden.csv").read_bytes() == old
    assert riwayat.daftar(app.paths) == []


def test_name_is_needed_to_save_and_cancel_clears(app):
    at = _upload(app(), "insiden", "a.csv", INSIDEN, oleh="")
    assert at.button(key="data_terima").disabled is True
    assert any("Isi nama petugas" in i.value for i in at.info)
    at.button(key="data_batal").click().run()
    assert "Impor dibatalkan" in at.success[0].value and at.file_uploader[0].value is None


def test_file_above_the_upload_limit_is_explained(app):
    at = app()
    big = b"kode_kategori;nama;kelompok\n" + b"x" * (25 * 1024 * 1024)
    at = _upload(at, "kategori_insiden", "besar.csv", big)
    assert "lebih besar dari batas unggah 25 MB" in at.error[0].value
    assert "python -m siaga impor" in at.error[0].value
    assert [b.key for b in at.button if b.key == "data_terima"] == []     # nothing was checked, nothing to accept
    assert not (app.paths.data / ".riwayat").exists()


def test_personal_file_preview_is_masked(app):
    data = (app.paths.data / "netralitas_pribadi.csv").read_bytes().replace(b"Guru", b"Guru SD")
    at = _upload(app(), "netralitas_pribadi", "pribadi.csv", data)
    shown = _frames(at) + " ".join(s.value for s in at.success)
    assert "SENTINEL" not in shown and "Guru" not in shown and "1980" not in shown
    assert MASKED in shown


def test_restore_from_the_page(app):
    at = _upload(app(), "insiden", "insiden.csv", INSIDEN)
    at.button(key="data_terima").click().run()
    assert [v.aksi for v in riwayat.daftar(app.paths)] == ["awal", "impor"]
    at.selectbox(key="data_versi").set_value(1)
    at.run()
    assert at.button(key="data_pulihkan").disabled is True              # not confirmed yet
    at.checkbox(key="data_yakin").check().run()
    at.button(key="data_pulihkan").click().run()
    assert not at.exception
    assert "Versi 1 dipulihkan; dicatat sebagai versi 3." in at.success[0].value
    assert b"K9" not in (app.paths.data / "insiden.csv").read_bytes()
