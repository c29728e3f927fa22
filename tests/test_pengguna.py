"""Users file, argon2 log-in, lock-out kept on disk, session expiry, the audit log, and the
`python -m siaga pengguna` command line."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat

import pytest

from siaga.__main__ import main
from siaga.akses import CAMAT, STAF, Akses, audit, pengguna
from siaga.akses.pengguna import Aturan, PenggunaError

T0 = dt.datetime(2024, 11, 25, 8, 0)
SANDI = "kopi-hujan-lantai-7"
SANDI_BARU = "layang-senja-tembok-42"
ATURAN = Aturan(sesi_menit=30, gagal_maks=5, kunci_menit=15)


@pytest.fixture
def d(tmp_path):
    return tmp_path / ".akses"


def test_add_list_remove_and_the_file_holds_no_password(d):
    p = pengguna.tambah(d, " Budi ", STAF, SANDI)
    assert p.nama == "budi" and p.hash.startswith("$argon2id$")
    pengguna.tambah(d, "camat.beta", CAMAT, SANDI, kecamatan="99.01.02", kecamatan_ada={"99.01.01", "99.01.02"})
    assert [x.nama for x in pengguna.daftar(d)] == ["budi", "camat.beta"]
    raw = (d / pengguna.BERKAS).read_text()
    assert SANDI not in raw and "$argon2id$" in raw
    assert stat.S_IMODE((d / pengguna.BERKAS).stat().st_mode) == 0o600
    pengguna.hapus(d, "budi")
    assert [x.nama for x in pengguna.daftar(d)] == ["camat.beta"]


@pytest.mark.parametrize("kw, pesan", [
    ({"nama": "a", "peran": STAF}, "nama pengguna"),
    ({"nama": "Budi Santoso", "peran": STAF}, "nama pengguna"),
    ({"nama": "budi", "peran": "raja"}, "peran harus"),
    ({"nama": "budi", "peran": CAMAT}, "memerlukan --kecamatan"),
    ({"nama": "budi", "peran": CAMAT, "kecamatan": "99.01.09"}, "tidak ada di wilayah.csv"),
    ({"nama": "budi", "peran": STAF, "kecamatan": "99.01.01"}, "hanya untuk peran camat"),
    ({"nama": "budi", "peran": STAF, "sandi": "pendek"}, "terlalu pendek"),
    ({"nama": "budi", "peran": STAF, "sandi": "1234567890"}, "terlalu mudah ditebak: berisi"),
    ({"nama": "budi", "peran": STAF, "sandi": "password123"}, "terlalu mudah ditebak"),
    ({"nama": "budi", "peran": STAF, "sandi": "qwertyuiop"}, "terlalu mudah ditebak"),
    ({"nama": "budi", "peran": STAF, "sandi": "rahasia-desk-pilkada"}, "terlalu mudah ditebak"),
    ({"nama": "budi", "peran": STAF, "sandi": "budi12345678"}, "terlalu mudah ditebak"),
    ({"nama": "budi.santoso", "peran": STAF, "sandi": "budi.santoso"}, "sama dengan nama"),
    ({"nama": "budi", "peran": STAF, "sandi": None}, "memerlukan --email"),
])
def test_refused_users(d, kw, pesan):
    kw = {"sandi": SANDI, **kw}
    with pytest.raises(PenggunaError, match=pesan):
        pengguna.tambah(d, kw.pop("nama"), kw.pop("peran"), kw.pop("sandi"), kecamatan_ada={"99.01.01"}, **kw)


def test_duplicate_user_and_email(d):
    pengguna.tambah(d, "budi", STAF, SANDI, email="Budi@Contoh.go.id")
    with pytest.raises(PenggunaError, match="sudah ada"):
        pengguna.tambah(d, "budi", STAF, SANDI)
    with pytest.raises(PenggunaError, match="e-mail"):
        pengguna.tambah(d, "ani", STAF, None, email="budi@contoh.go.id")
    assert pengguna.cari_email(d, "BUDI@contoh.go.id").nama == "budi"
    assert pengguna.cari_email(d, "lain@contoh.go.id") is None and pengguna.cari_email(d, "") is None


def test_login_success_and_wrong_password_look_alike_for_unknown_users(d):
    pengguna.tambah(d, "budi", STAF, SANDI)
    ok = pengguna.masuk(d, "BUDI ", SANDI, T0, ATURAN)
    assert ok.ok and ok.akses == Akses("budi", STAF)
    assert pengguna.masuk(d, "budi", "salah-sekali-1", T0, ATURAN).hasil == pengguna.SALAH
    assert pengguna.masuk(d, "tidak.ada", SANDI, T0, ATURAN).hasil == pengguna.SALAH
    assert pengguna.masuk(d, "tidak.ada", "siaga-pengguna-tidak-ada", T0, ATURAN).hasil == pengguna.SALAH


def test_sso_only_user_cannot_log_in_with_a_password(d):
    pengguna.tambah(d, "ani", STAF, None, email="ani@contoh.go.id")
    assert pengguna.masuk(d, "ani", "siaga-pengguna-tidak-ada", T0, ATURAN).hasil == pengguna.SALAH


def test_lockout_after_five_failures_survives_a_restart_and_expires(d):
    pengguna.tambah(d, "budi", STAF, SANDI)
    hasil = [pengguna.masuk(d, "budi", f"salah-{i}-xxxxx", T0 + dt.timedelta(seconds=i), ATURAN).hasil
             for i in range(5)]
    assert hasil == [pengguna.SALAH] * 4 + [pengguna.BARU_TERKUNCI]
    # even the right password is refused while locked; the state is on disk (a new process sees it)
    t = T0 + dt.timedelta(minutes=10)
    r = pengguna.masuk(d, "budi", SANDI, t, ATURAN)
    assert r.hasil == pengguna.TERKUNCI and r.sampai == T0 + dt.timedelta(seconds=4, minutes=15)
    gagal = json.loads((d / pengguna.GAGAL).read_text())
    assert [g["jumlah"] for g in gagal.values() if "nama" in g] == [5] and "budi" not in json.dumps(gagal)
    assert pengguna.terkunci_sampai(d, "budi", t) == r.sampai
    # after 15 minutes the right password works and the counter is cleared
    assert pengguna.masuk(d, "budi", SANDI, T0 + dt.timedelta(minutes=16), ATURAN).ok
    assert not [g for g in json.loads((d / pengguna.GAGAL).read_text()).values() if "nama" in g]


def test_unknown_names_are_locked_too_and_reset_unlocks(d):
    for i in range(5):
        pengguna.masuk(d, "penyusup", f"coba-{i}-xxxxx", T0, ATURAN)
    assert pengguna.masuk(d, "penyusup", "apa-saja-xxx", T0, ATURAN).hasil == pengguna.TERKUNCI
    pengguna.tambah(d, "budi", STAF, SANDI)
    for i in range(5):
        pengguna.masuk(d, "budi", f"salah-{i}-xxxxx", T0, ATURAN)
    pengguna.reset(d, "budi", SANDI_BARU)
    assert pengguna.masuk(d, "budi", SANDI_BARU, T0, ATURAN).ok
    assert not pengguna.masuk(d, "budi", SANDI, T0, ATURAN).ok


@pytest.mark.parametrize("sandi, alasan", [
    ("98765432109", "deret berurutan"), ("aaaaaaaaaaaa", "pengulangan"), ("asdfghjkl;", "papan ketik"),
    ("1234567890", "kata sandi umum"), ("siaga-pilkada-2024", "hanya terdiri dari kata umum"),
    ("Rahasia2024!", "kata umum"), ("bekasi-siaga-merdeka", "hanya terdiri dari kata umum")])
def test_weak_passwords_are_refused_with_the_reason(sandi, alasan):
    with pytest.raises(PenggunaError, match=alasan):
        pengguna.cek_sandi("budi", sandi)
    pengguna.cek_sandi("budi", SANDI)
    with pytest.raises(PenggunaError, match="mudah ditebak"):
        pengguna.cek_sandi("budi", "kotacontoh-2024", kata_lain=("Kota Contoh", "kotacontoh"))


def test_a_lockout_holds_for_that_client_only(d):
    """Five wrong guesses from one address cannot lock the admin out from another one."""
    pengguna.tambah(d, "admin.desk", "admin", SANDI)
    for i in range(5):
        pengguna.masuk(d, "admin.desk", f"tebakan-{i}-xx", T0, ATURAN, klien="10.0.0.66")
    assert pengguna.masuk(d, "admin.desk", SANDI, T0, ATURAN, klien="10.0.0.66").hasil == pengguna.TERKUNCI
    assert pengguna.masuk(d, "admin.desk", SANDI, T0, ATURAN, klien="10.0.0.5").ok
    assert pengguna.terkunci_sampai(d, "admin.desk", T0) == T0 + dt.timedelta(minutes=15)


def test_a_client_guessing_many_names_is_locked_for_every_name(d):
    pengguna.tambah(d, "budi", STAF, SANDI)
    aturan = Aturan(30, 5, 15, klien_maks=8)
    for i in range(8):
        pengguna.masuk(d, f"nama{i}", "apa-saja-xxx", T0, aturan, klien="10.0.0.66")
    assert pengguna.masuk(d, "budi", SANDI, T0, aturan, klien="10.0.0.66").hasil == pengguna.TERKUNCI
    assert pengguna.masuk(d, "budi", SANDI, T0, aturan, klien="10.0.0.5").ok


def test_a_name_typed_wrongly_is_never_stored(d):
    pengguna.tambah(d, "budi", STAF, SANDI)
    for nama in ("kopi-hujan-lantai-7x", "orang.asing", SANDI):
        pengguna.masuk(d, nama, "apa-saja-xxx", T0, ATURAN, klien="10.0.0.9")
    isi = "\n".join(p.read_text(errors="replace") for p in d.iterdir() if p.name != pengguna.RAHASIA)
    assert "orang.asing" not in isi and "kopi-hujan" not in isi and "10.0.0.9" not in isi
    assert stat.S_IMODE((d / pengguna.RAHASIA).stat().st_mode) == 0o600


def test_session_expires_when_idle_or_when_the_user_changes(d):
    pengguna.tambah(d, "budi", STAF, SANDI)
    sesi = pengguna.Sesi(Akses("budi", STAF), T0, T0)
    s2 = pengguna.periksa_sesi(d, sesi, T0 + dt.timedelta(minutes=29), ATURAN)
    assert s2 is not None and s2.terakhir == T0 + dt.timedelta(minutes=29)
    assert pengguna.periksa_sesi(d, s2, T0 + dt.timedelta(minutes=58), ATURAN) is not None   # activity renews it
    assert pengguna.periksa_sesi(d, sesi, T0 + dt.timedelta(minutes=31), ATURAN) is None
    pengguna.hapus(d, "budi")
    pengguna.tambah(d, "budi", CAMAT, SANDI, kecamatan="99.01.01")             # role changed
    assert pengguna.periksa_sesi(d, sesi, T0 + dt.timedelta(minutes=1), ATURAN) is None


def test_rules_from_the_environment(monkeypatch):
    monkeypatch.setenv("SIAGA_SESI_MENIT", "10")
    monkeypatch.setenv("SIAGA_GAGAL_MAKS", "3")
    monkeypatch.setenv("SIAGA_KUNCI_MENIT", "bukan angka")
    assert Aturan.dari_env() == Aturan(10, 3, 15, 20)


def test_audit_log_is_one_json_line_per_event_appended(tmp_path):
    audit.catat(tmp_path, pengguna="budi", peran=STAF, aksi=audit.MASUK, objek="sandi")
    audit.catat(tmp_path, pengguna="ani\nbaris palsu", peran=STAF, aksi=audit.UNDUH, objek="a\r\nb" + "x" * 500)
    lines = (tmp_path / audit.BERKAS_AUDIT).read_text().splitlines()
    assert len(lines) == 2
    ev = [json.loads(x) for x in lines]
    assert set(ev[0]) == {"waktu", "pengguna", "peran", "aksi", "objek", "hasil", "rantai"}
    assert ev[1]["pengguna"] == "ani baris palsu" and len(ev[1]["objek"]) == audit.MAKS_OBJEK
    assert audit.baca(tmp_path, 1) == [ev[1]]
    assert stat.S_IMODE((tmp_path / audit.BERKAS_AUDIT).stat().st_mode) == 0o600


# ------------------------------------------------------------------ command line

@pytest.fixture
def cli(contoh_dir, monkeypatch):
    monkeypatch.setenv("SIAGA_DATA", str(contoh_dir / "data"))
    monkeypatch.setenv("SIAGA_GEO", str(contoh_dir / "geo"))
    monkeypatch.delenv("SIAGA_AKSES", raising=False)

    def run(*argv, stdin=""):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main(list(argv))

    run.akses = contoh_dir / "data" / ".akses"
    return run


def test_cli_tambah_hapus_reset_daftar(cli, capsys):
    assert cli("pengguna", "daftar") == 0
    assert "demo publik" in capsys.readouterr().out
    assert cli("pengguna", "tambah", "budi", "--peran", "staf", "--sandi-stdin", stdin=SANDI + "\n") == 0
    assert cli("pengguna", "tambah", "camat.alpha", "--peran", "camat", "--kecamatan", "99.01.01", "--sandi-stdin",
               stdin=SANDI + "\n") == 0
    assert cli("pengguna", "tambah", "ani", "--peran", "verifikator", "--email", "ani@contoh.go.id",
               "--tanpa-sandi") == 0
    capsys.readouterr()
    assert cli("pengguna", "tambah", "camat.x", "--peran", "camat", "--kecamatan", "99.01.77", "--sandi-stdin",
               stdin=SANDI + "\n") == 1
    assert "tidak ada di wilayah.csv" in capsys.readouterr().err
    assert cli("pengguna", "daftar") == 0
    out = capsys.readouterr().out
    assert "camat.alpha" in out and "99.01.01" in out and "akun organisasi" in out
    assert SANDI not in out and "argon2" not in out
    assert cli("pengguna", "reset", "budi", "--sandi-stdin", stdin=SANDI_BARU + "\n") == 0
    assert pengguna.masuk(cli.akses, "budi", SANDI_BARU, T0, ATURAN).ok
    assert cli("pengguna", "hapus", "budi") == 0
    assert cli("pengguna", "hapus", "budi") == 1
    log = (cli.akses / audit.BERKAS_AUDIT).read_text()
    assert [json.loads(x)["aksi"] for x in log.splitlines()] == [
        audit.PENGGUNA_TAMBAH, audit.PENGGUNA_TAMBAH, audit.PENGGUNA_TAMBAH, audit.PENGGUNA_RESET,
        audit.PENGGUNA_HAPUS]
    assert SANDI not in log and "sandi-baru" not in log


def test_cli_prompt_asks_twice(cli, monkeypatch, capsys):
    jawaban = iter([SANDI, SANDI + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(jawaban))
    assert cli("pengguna", "tambah", "budi", "--peran", "staf") == 2
    assert "tidak sama" in capsys.readouterr().err
    assert pengguna.daftar(cli.akses) == []
