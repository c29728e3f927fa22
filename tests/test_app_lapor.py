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


def test_logistics_receipts_at_a_tps_and_a_pps_of_the_scope(buka):
    at = buka()
    assert at.radio(key="lp_jenis").options == ["Insiden", "Kesiapan TPS", "Terima logistik",
                                                "Status layanan publik"]     # before Hari H, no voting-day data
    at.radio(key="lp_jenis").set_value("logistik").run()
    assert at.radio(key="lp_tahap").value == "tps"
    assert at.selectbox(key="lp_lok").options == ["TPS 001 · Satu", "TPS 002 · Satu"]
    assert at.selectbox(key="lp_item").options == ["Kotak suara (buah)", "Surat suara (lembar)"]
    # the 30 wet ballots of TPS 002 replaced: usable stock back at the need
    at.selectbox(key="lp_lok").set_value("99.01.01.1001.002")
    at.selectbox(key="lp_item").set_value("SS")
    at.number_input(key="lp_terima").set_value(30)
    at.text_input(key="lp_catatan_l").set_value("Pengganti surat suara basah")
    at = _klik(at, "Kirim tanda terima logistik")
    assert not at.exception and not at.error, [m.value for m in at.markdown]
    assert any("terkirim" in s.value for s in at.success)
    df = pd.read_csv(buka.paths.data / "logistik.csv")
    assert df.iloc[-1].tolist()[:4] + df.iloc[-1].tolist()[5:] == [
        "2024-11-26 10:00", "tps", "99.01.01.1001.002", "SS", 30, 0, "Pengganti surat suara basah"]
    v = riwayat.daftar(buka.paths)[-1]
    assert (v.jenis, v.sumber, v.oleh) == ("logistik", "lapor", "lurah1")

    # a typo (5.000 for 50) is refused by the plausibility rule, nothing written
    at.radio(key="lp_jenis").set_value("logistik").run()
    at.selectbox(key="lp_lok").set_value("99.01.01.1001.002")
    at.selectbox(key="lp_item").set_value("SS")
    at.number_input(key="lp_terima").set_value(5000)
    at.time_input(key="lp_jam_l").set_value(dt.time(9, 45))
    at = _klik(at, "Kirim tanda terima logistik")
    assert at.error and "jumlah_diterima" in " ".join(m.value for m in at.markdown)
    assert len(pd.read_csv(buka.paths.data / "logistik.csv")) == len(df)

    # the PPS of the lurah's own kelurahan only
    at.radio(key="lp_jenis").set_value("logistik").run()
    at.radio(key="lp_tahap").set_value("pps").run()
    assert at.selectbox(key="lp_lok").options == ["PPS Satu"]
    at.selectbox(key="lp_item").set_value("KOTAK")
    at.number_input(key="lp_terima").set_value(2)
    at.number_input(key="lp_rusak").set_value(1)
    at = _klik(at, "Kirim tanda terima logistik")
    assert not at.error, [m.value for m in at.markdown]
    r = pd.read_csv(buka.paths.data / "logistik.csv").iloc[-1]
    assert (r["tahap"], r["kode_lokasi"], r["kode_item"], r["jumlah_diterima"], r["jumlah_rusak"]) == (
        "pps", KEL, "KOTAK", 2, 1)
    s = Store(buka.paths)
    assert s.muat(), s.ditolak


def test_voting_day_events_and_turnout_from_hari_h(buka, monkeypatch):
    monkeypatch.setenv("SIAGA_JAM", "2024-11-27 09:30")
    at = buka()
    assert at.radio(key="lp_jenis").options == ["Insiden", "Kesiapan TPS", "Terima logistik", "Hari H di TPS",
                                                "Status layanan publik"]
    at.radio(key="lp_jenis").set_value("pemungutan").run()
    assert at.selectbox(key="lp_tps_p").options == ["TPS 001 · Satu", "TPS 002 · Satu"]
    assert at.radio(key="lp_sumber_p").value == "lurah"
    assert not at.number_input                                   # counts only on an attendance report
    at.radio(key="lp_kejadian").set_value("dibuka").run()
    at.selectbox(key="lp_tps_p").set_value("99.01.01.1001.001")
    at.time_input(key="lp_jam_p").set_value(dt.time(7, 0))
    at = _klik(at, "Kirim laporan hari H")
    assert not at.exception and not at.error, [m.value for m in at.markdown]

    at.radio(key="lp_jenis").set_value("pemungutan").run()
    at.radio(key="lp_kejadian").set_value("kehadiran").run()
    assert [n.label for n in at.number_input] == ["Pemilih DPT yang sudah hadir",
                                                 "Pemilih DPTb (pindahan) yang sudah hadir",
                                                 "Pemilih DPK (KTP-el setempat) yang sudah hadir"]
    at.selectbox(key="lp_tps_p").set_value("99.01.01.1001.001")
    at.number_input(key="lp_hadir_dpt").set_value(61)
    at.number_input(key="lp_hadir_dptb").set_value(2)
    at = _klik(at, "Kirim laporan hari H")
    assert not at.error, [m.value for m in at.markdown]
    df = pd.read_csv(buka.paths.data / "pemungutan.csv", dtype=str)
    assert df.fillna("").values.tolist() == [
        ["2024-11-27 07:00", "99.01.01.1001.001", "dibuka", "", "", "", "lurah", ""],
        ["2024-11-27 09:30", "99.01.01.1001.001", "kehadiran", "61", "2", "0", "lurah", ""]]
    assert riwayat.daftar(buka.paths)[-1].jenis == "pemungutan"

    # more DPT voters than the TPS has: the import's message, nothing written
    at.radio(key="lp_jenis").set_value("pemungutan").run()
    at.radio(key="lp_kejadian").set_value("kehadiran").run()
    at.selectbox(key="lp_tps_p").set_value("99.01.01.1001.001")
    at.number_input(key="lp_hadir_dpt").set_value(150)
    at.time_input(key="lp_jam_p").set_value(dt.time(9, 20))
    at = _klik(at, "Kirim laporan hari H")
    assert at.error and "melebihi jumlah DPT TPS" in " ".join(m.value for m in at.markdown)
    assert len(pd.read_csv(buka.paths.data / "pemungutan.csv")) == 2

    # the desk's voting-day figures count the TPS opened on time and its voters
    s = Store(buka.paths)
    assert s.muat(), s.ditolak
    kec = s.query("pemungutan_kecamatan", sampai=dt.datetime(2024, 11, 27, 10), hari=dt.date(2024, 11, 27),
                  ulang=None, kecamatan="99.01.01").iloc[0]
    assert (kec["dibuka_tepat"], kec["hadir_dpt"], kec["hadir"]) == (1, 61, 63)


def test_voting_day_reports_offered_once_the_region_has_voting_day_data(buka, contoh_dir, monkeypatch):
    monkeypatch.setenv("SIAGA_JAM", "2024-12-02 10:00")          # after Hari H by the clock
    at = buka()
    assert "Hari H di TPS" not in at.radio(key="lp_jenis").options
    (contoh_dir / "data" / "pemungutan.csv").write_text(
        "waktu,kode_tps,kejadian,hadir_dpt,hadir_dptb,hadir_dpk,sumber,catatan\n"
        "2024-11-27 07:00,99.01.02.1001.001,dibuka,,,,pps,\n", encoding="utf-8")
    at = buka()
    assert "Hari H di TPS" in at.radio(key="lp_jenis").options


def test_desk_pastes_a_whatsapp_message_reviews_and_sends(buka):
    at = buka(peran="staf", kecamatan=None, nama="desk1")
    at.text_area(key="lp_wa").set_value("insiden / kec. beta / tiga / tps 1 / Pelanggaran APK / "
                                        "Baliho menutup jalan masuk TPS")
    at = _klik(at, "Urai pesan")
    assert not at.exception and any("Pesan terurai" in s.value for s in at.success)
    assert (at.selectbox(key="lp_kel").value, at.selectbox(key="lp_tps").value, at.selectbox(key="lp_kategori").value,
            at.text_area(key="lp_ringkasan").value) == (
        "99.01.02.1001", "99.01.02.1001.001", "apk", "Baliho menutup jalan masuk TPS")
    assert len(pd.read_csv(buka.paths.data / "insiden.csv")) == 6          # nothing saved before review
    at = _klik(at, "Kirim laporan insiden")
    assert not at.error, [m.value for m in at.markdown]
    r = pd.read_csv(buka.paths.data / "insiden.csv").iloc[-1]
    assert (r["kode_tps"], r["kategori"], r["ringkasan"]) == ("99.01.02.1001.001", "apk",
                                                             "Baliho menutup jalan masuk TPS")

    # an unknown place is named; the lurah does not get the paste box
    at.text_area(key="lp_wa").set_value("INSIDEN / Gamma / Satu / - / konflik / Ribut")
    at = _klik(at, "Urai pesan")
    assert "kecamatan “Gamma” tidak dikenal di wilayah Anda" in [m.value.lstrip("- ") for m in at.markdown]
    assert not any(t.key == "lp_wa" for t in buka().text_area)
