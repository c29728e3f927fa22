"""AppTest of the Lapor page and the lurah role on a writable copy of Kota Contoh: a lurah sees only
their kelurahan in the pickers (URL tampering included), each report type lands in its event log
through the import (history: sumber lapor, the reporter's user id), the desk sees it at its next
interaction, and invalid reports get the import's Indonesian messages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from siaga.akses import LURAH, AksesDitolak, Lingkup, param_lingkup, pengguna
from siaga.data.store import Store
from siaga.inti.config import Paths
from siaga.masuk import riwayat
from tests import apptest

KEL = "99.01.01.1001"          # Satu, Kecamatan Alpha: TPS 001 and 002


@pytest.fixture
def buka(app_env, contoh_dir, monkeypatch):
    monkeypatch.setenv("SIAGA_JAM", "2024-11-26 10:00")

    def make(page="pages/lapor.py", peran=LURAH, kecamatan=KEL, nama="lurah1", **q):
        app_env(contoh_dir / "data", contoh_dir / "geo", peran=peran, kecamatan=kecamatan, nama=nama)
        return apptest.buka(page, timeout=90, **q)

    make.paths = Paths(contoh_dir / "data", contoh_dir / "geo")
    return make


def _klik(at, label):
    return at.button[[b.label for b in at.button].index(label)].click().run()


def test_lurah_reports_an_incident_for_their_kelurahan_only(buka):
    at = buka(kec="99.01.02", kel="99.01.02.1001")            # tampering: another kecamatan and kelurahan
    assert not at.exception
    assert at.selectbox(key="lp_kel").options == ["Satu"]
    assert at.selectbox(key="lp_tps").options == ["– bukan di TPS –", "TPS 001 · Satu", "TPS 002 · Satu"]
    at.selectbox(key="lp_tps").set_value("99.01.01.1001.002")
    at.selectbox(key="lp_kategori").set_value("konflik")
    at.radio(key="lp_keparahan").set_value("tinggi")
    at.text_area(key="lp_ringkasan").set_value("Keributan kecil di dekat TPS 002")
    at = _klik(at, "Kirim laporan insiden")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("terkirim" in s.value for s in at.success)
    df = pd.read_csv(buka.paths.data / "insiden.csv")
    baru = df[df["id_insiden"].str.startswith("LPR-")]
    assert baru[["waktu", "kode_kecamatan", "kode_kelurahan", "kode_tps", "kategori", "keparahan", "status",
                 "sumber", "batas_waktu"]].values.tolist() == [
        ["2024-11-26 10:00", "99.01.01", KEL, "99.01.01.1001.002", "konflik", "tinggi", "dilaporkan", "camat_lurah",
         "2024-11-27"]]
    v = riwayat.daftar(buka.paths)[-1]
    assert (v.jenis, v.sumber, v.oleh) == ("insiden", "lapor", "lurah1")

    # the desk sees it on the Insiden page
    at = buka(page="pages/insiden.py", peran="staf", kecamatan=None, nama="desk1")
    assert baru["id_insiden"].iloc[0] in at.dataframe[-1].value["No."].tolist()


def test_tps_and_service_reports_and_a_refused_report(buka):
    at = buka()
    at.radio(key="lp_jenis").set_value("checklist").run()
    assert at.selectbox(key="lp_tps_c").options == ["TPS 001 · Satu", "TPS 002 · Satu"]
    at.selectbox(key="lp_tps_c").set_value("99.01.01.1001.001")
    for c in ("kpps_dibentuk", "kpps_dilantik", "kpps_bimtek", "lokasi_siap", "akses_disabilitas", "penerangan",
              "pengamanan"):                    # no step back from the earlier report (that needs koreksi)
        at.checkbox(key=f"lp_cek_{c}").check()
    at.number_input(key="lp_c_pemb").set_value(90)
    at.number_input(key="lp_linmas").set_value(2)
    at.radio(key="lp_status_tps").set_value("siap")
    at = _klik(at, "Kirim laporan TPS")
    assert not at.error, [m.value for m in at.markdown]
    c = pd.read_csv(buka.paths.data / "checklist.csv")
    r = c[c["waktu"] == "2024-11-26 10:00"].iloc[0]
    assert (r["kode_tps"], r["status"], r["kpps_dibentuk"], r["penerangan"], r["c_pemberitahuan"]) == (
        "99.01.01.1001.001", "siap", "ya", "ya", 90)

    # more C-Pemberitahuan than voters: refused with the import's message, nothing written
    at.radio(key="lp_jenis").set_value("checklist").run()
    at.selectbox(key="lp_tps_c").set_value("99.01.01.1001.002")
    at.number_input(key="lp_c_pemb").set_value(5000)
    at = _klik(at, "Kirim laporan TPS")
    assert at.error and "c_pemberitahuan" in " ".join(m.value for m in at.markdown)
    assert len(pd.read_csv(buka.paths.data / "checklist.csv")) == len(c)

    # a public-service unit's status
    at.radio(key="lp_jenis").set_value("layanan").run()
    assert at.info and "Belum ada unit layanan publik" in at.info[0].value     # the fixture has no layanan.csv


def test_lurah_scope_in_the_data_path(contoh_paths, hash_uji):
    lk = Lingkup(LURAH, "99.01.01", KEL)
    assert param_lingkup("lapor_tps", {"kecamatan", "kelurahan"}, {"kecamatan": None, "kelurahan": "99.01.02.1001"},
                         lk) == {"kecamatan": "99.01.01", "kelurahan": KEL}
    with pytest.raises(AksesDitolak):
        param_lingkup("kesiapan_unit", {"tanggal", "kecamatan"}, {"tanggal": dt.date(2024, 11, 26)}, lk)
    s = Store(contoh_paths)
    assert s.muat()
    kode = s.query("daftar_wilayah", lingkup=lk)["kode"].tolist()
    assert kode == ["99.01.01", KEL]
    with pytest.raises(AksesDitolak):
        s.query("perhatian_utama", lingkup=lk, tanggal=dt.date(2024, 11, 26), saat=dt.datetime(2024, 11, 26),
                sekarang=dt.datetime(2024, 11, 26), kecamatan=None, jumlah=5)
    with pytest.raises(ValueError):
        Lingkup(LURAH, "99.01.02", KEL)


def test_pengguna_tambah_lurah(tmp_path):
    p = pengguna.tambah(tmp_path, "lurah1", LURAH, "sandi-yang-panjang", kelurahan=KEL,
                        kecamatan_ada={KEL, "99.01.01"})
    assert (p.kecamatan, p.kelurahan) == ("99.01.01", KEL) and p.akses.lingkup == Lingkup(LURAH, "99.01.01", KEL)
    with pytest.raises(pengguna.PenggunaError, match=r"memerlukan --kelurahan"):
        pengguna.tambah(tmp_path, "lurah2", LURAH, "sandi-yang-panjang")
    with pytest.raises(pengguna.PenggunaError, match=r"tidak ada di wilayah\.csv"):
        pengguna.tambah(tmp_path, "lurah3", LURAH, "sandi-yang-panjang", kelurahan="99.01.09.1001",
                        kecamatan_ada={KEL})
    with pytest.raises(pengguna.PenggunaError, match="hanya untuk peran lurah"):
        pengguna.tambah(tmp_path, "staf1", "staf", "sandi-yang-panjang", kelurahan=KEL)
