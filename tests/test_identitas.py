"""The gate to personal data (siaga.akses.identitas): identities for verifikators only, the reporter
through identity escrow, every step in the audit log without a personal value; and retention
(`python -m siaga hapus-pribadi`), which also cleans the import history."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from siaga.__main__ import main
from siaga.akses import ADMIN, CAMAT, PIMPINAN, STAF, VERIFIKATOR, Akses, AksesDitolak, audit, identitas
from siaga.akses.identitas import IdentitasError
from siaga.masuk import impor, riwayat
from tests.conftest import FIXTURE

T0 = dt.datetime(2024, 11, 25, 9, 0)
VERA, ADI = Akses("vera", VERIFIKATOR), Akses("adi", ADMIN)
ALASAN = "Klarifikasi Bawaslu memerlukan keterangan pelapor kasus ini"


def sentinels() -> list[str]:
    """Every personal value of the fixture (names, NIP, contacts)."""
    rows = (FIXTURE / "data" / "netralitas_pribadi.csv").read_text().splitlines()[1:]
    return sorted({v for r in rows for v in r.split(",")[1:] if v and v not in ("Guru", "Perawat", "Staf kecamatan")})


def test_the_fixture_has_sentinels():
    s = sentinels()
    assert "SENTINEL-NAMA-TERLAPOR-N2" in s and "SENTINEL-PELAPOR-N2" in s and "198502022012022002" in s


@pytest.fixture
def d(tmp_path):
    return tmp_path / ".akses"


def log_text(d) -> str:
    return (d / audit.BERKAS_AUDIT).read_text()


def test_reported_identities_for_a_verifikator_only(contoh_paths, d):
    df = identitas.terlapor(contoh_paths, d, VERA, ["N2", "N3"])
    assert df["nama_terlapor"].tolist() == ["SENTINEL-NAMA-TERLAPOR-N2", "SENTINEL-NAMA-TERLAPOR-N3"]
    assert list(df.columns) == identitas.KOLOM_TERLAPOR and identitas.pribadi(df)
    for ak in (Akses("s", STAF), ADI, Akses("p", PIMPINAN), Akses("c", CAMAT, "99.01.02")):
        with pytest.raises(AksesDitolak):
            identitas.terlapor(contoh_paths, d, ak, ["N2"])
    ev = [json.loads(x) for x in log_text(d).splitlines()]
    # one line per identity viewed (issue 15: a long list clipped in one line lost case numbers)
    assert [(e["aksi"], e["objek"], e["pengguna"]) for e in ev[:2]] == [(audit.LIHAT_TERLAPOR, "N2", "vera"),
                                                                        (audit.LIHAT_TERLAPOR, "N3", "vera")]
    assert [e["hasil"] for e in ev[2:]] == [audit.DITOLAK] * 4
    for v in sentinels():
        assert v not in log_text(d)


def test_many_identities_viewed_are_each_logged(contoh_paths, d):
    """At realistic volumes (hundreds of cases in one view) no case number is lost."""
    kasus = [f"N{i:04d}" for i in range(300)]
    identitas.terlapor(contoh_paths, d, VERA, kasus)
    assert [json.loads(x)["objek"] for x in log_text(d).splitlines()] == sorted(kasus)
    assert audit.periksa_rantai(d).utuh


def test_the_view_fails_closed_when_the_audit_log_cannot_be_written(contoh_paths, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / audit.BERKAS_AUDIT).mkdir()                       # the log path is a folder: writing fails
    with pytest.raises(OSError):
        identitas.terlapor(contoh_paths, ro, VERA, ["N2"])


def test_identity_escrow(contoh_paths, d):
    # no reporter without an approved request
    with pytest.raises(AksesDitolak):
        identitas.pelapor(contoh_paths, d, VERA, "N2", T0)
    with pytest.raises(IdentitasError, match="alasan"):
        identitas.minta(d, VERA, "N2", "perlu", T0)
    with pytest.raises(AksesDitolak):
        identitas.minta(d, Akses("s", STAF), "N2", ALASAN, T0)
    p = identitas.minta(d, VERA, "N2", ALASAN, T0)
    with pytest.raises(IdentitasError, match="sudah ada"):
        identitas.minta(d, VERA, "N2", ALASAN, T0)
    with pytest.raises(AksesDitolak):                              # pending is not approved
        identitas.pelapor(contoh_paths, d, VERA, "N2", T0)
    with pytest.raises(AksesDitolak):                              # only an admin decides
        identitas.putuskan(d, VERA, p.nomor, True, T0)
    ok = identitas.putuskan(d, ADI, p.nomor, True, T0 + dt.timedelta(minutes=5), "disetujui untuk klarifikasi")
    assert ok.status == identitas.DISETUJUI
    with pytest.raises(IdentitasError, match="sudah diputuskan"):
        identitas.putuskan(d, ADI, p.nomor, False, T0)
    # the approval opens that case to that verifikator only, for 24 hours
    df = identitas.pelapor(contoh_paths, d, VERA, "N2", T0 + dt.timedelta(hours=1))
    assert df.to_dict("records") == [{"id_kasus": "N2", "nama_pelapor": "SENTINEL-PELAPOR-N2",
                                      "kontak_pelapor": "0812-SENTINEL"}]
    with pytest.raises(AksesDitolak):
        identitas.pelapor(contoh_paths, d, VERA, "N3", T0 + dt.timedelta(hours=1))
    with pytest.raises(AksesDitolak):
        identitas.pelapor(contoh_paths, d, Akses("vina", VERIFIKATOR), "N2", T0 + dt.timedelta(hours=1))
    with pytest.raises(AksesDitolak):
        identitas.pelapor(contoh_paths, d, ADI, "N2", T0 + dt.timedelta(hours=1))
    later = T0 + dt.timedelta(hours=25)
    assert identitas.daftar_permintaan(d)[0].keadaan(later) == identitas.KEDALUWARSA
    with pytest.raises(AksesDitolak):
        identitas.pelapor(contoh_paths, d, VERA, "N2", later)
    # a rejection opens nothing; a new request after expiry is allowed
    p2 = identitas.minta(d, VERA, "N2", ALASAN, later)
    identitas.putuskan(d, ADI, p2.nomor, False, later)
    with pytest.raises(AksesDitolak):
        identitas.pelapor(contoh_paths, d, VERA, "N2", later)
    aksi = [json.loads(x)["aksi"] for x in log_text(d).splitlines() if json.loads(x)["hasil"] == audit.BERHASIL]
    assert aksi == [audit.MINTA_PELAPOR, audit.SETUJUI_PELAPOR, audit.LIHAT_PELAPOR, audit.MINTA_PELAPOR,
                    audit.TOLAK_PELAPOR]
    text = log_text(d)
    assert ALASAN not in text                                      # reasons stay in permintaan.json
    for v in sentinels():
        assert v not in text


def test_admin_cannot_decide_their_own_request(d):
    # a verifikator who is also listed as the decider (same user name) cannot approve themselves
    identitas.minta(d, VERA, "N2", ALASAN, T0)
    with pytest.raises(IdentitasError, match="sendiri"):
        identitas.putuskan(d, Akses("vera", ADMIN), 1, True, T0)


# ------------------------------------------------------------------ retention

def test_hapus_pribadi_removes_closed_cases_everywhere(contoh_paths, monkeypatch, capsys):
    monkeypatch.setenv("SIAGA_DATA", str(contoh_paths.data))
    monkeypatch.setenv("SIAGA_GEO", str(contoh_paths.geo))
    monkeypatch.delenv("SIAGA_AKSES", raising=False)
    berkas = contoh_paths.data / "netralitas_pribadi.csv"
    # a first version of the file in the history, holding N1 (closed on 15 Nov as tidak_terbukti)
    lap = impor.impor(contoh_paths, "netralitas_pribadi", berkas.read_bytes(), "awal.csv", oleh="uji")
    assert lap.ok
    assert main(["hapus-pribadi", "--sebelum", "2024-11-10"]) == 0
    assert "Tidak ada identitas" in capsys.readouterr().out
    assert main(["hapus-pribadi", "--sebelum", "2024-12-01", "--dry-run"]) == 0
    assert "N1" in capsys.readouterr().out and "SENTINEL-NAMA-TERLAPOR-N1" in berkas.read_text()
    assert main(["hapus-pribadi", "--sebelum", "2024-12-01"]) == 0
    assert "Identitas 1 kasus dihapus (N1)" in capsys.readouterr().out
    assert "SENTINEL-NAMA-TERLAPOR-N1" not in berkas.read_text()
    assert "SENTINEL-NAMA-TERLAPOR-N2" in berkas.read_text()                 # N2 is still open
    for p in (contoh_paths.data / riwayat.RIWAYAT).rglob("netralitas_pribadi.csv"):
        assert "SENTINEL-NAMA-TERLAPOR-N1" not in p.read_text(), p
    # every version stays restorable (checked like an import) and restoring brings nothing back
    for v in riwayat.daftar(contoh_paths):
        if v.status == riwayat.SELESAI:
            assert impor.pulihkan(contoh_paths, v.nomor, oleh="uji").ok
            assert "SENTINEL-NAMA-TERLAPOR-N1" not in berkas.read_text()
    log = (contoh_paths.data / ".akses" / audit.BERKAS_AUDIT).read_text()
    assert json.loads(log.splitlines()[-1])["aksi"] == audit.HAPUS_PRIBADI
    assert "SENTINEL" not in log
    assert main(["hapus-pribadi", "--sebelum", "kemarin"]) == 2
