"""The audit log is hash-chained (issue 15, item 7): an edited, removed or inserted line is
detected, at its place, and shown on the Audit page; concurrent writers keep the chain whole."""

from __future__ import annotations

import json
import subprocess
import sys

from siaga.akses import audit
from tests.conftest import FIXTURE, ROOT


def _tulis(folder, n: int, awal: int = 0) -> None:
    for i in range(awal, awal + n):
        audit.catat(folder, pengguna="budi", peran="staf", aksi=audit.UNDUH, objek=f"berkas-{i}.csv")


def _baris(folder) -> list[str]:
    return (folder / audit.BERKAS_AUDIT).read_text().splitlines()


def _simpan(folder, baris: list[str]) -> None:
    (folder / audit.BERKAS_AUDIT).write_text("\n".join(baris) + "\n")


def test_a_whole_log_checks_out(tmp_path):
    _tulis(tmp_path, 5)
    h = audit.periksa_rantai(tmp_path)
    assert h.utuh and h.diperiksa == 5 and h.lama == 0


def test_an_edited_line_is_found(tmp_path):
    _tulis(tmp_path, 5)
    b = _baris(tmp_path)
    b[2] = b[2].replace("berkas-2.csv", "berkas-lain.csv")
    _simpan(tmp_path, b)
    h = audit.periksa_rantai(tmp_path)
    assert not h.utuh and h.masalah == ["baris 3 tidak cocok dengan rantainya: baris ini diubah, atau baris sebelumnya "
                                        "dihapus atau disisipkan"]


def test_a_removed_line_is_found_in_the_middle_and_at_the_end(tmp_path):
    _tulis(tmp_path, 5)
    b = _baris(tmp_path)
    _simpan(tmp_path, b[:1] + b[2:])
    assert [m[:8] for m in audit.periksa_rantai(tmp_path).masalah] == ["baris 2 ", "log memu"]
    assert audit.periksa_rantai(tmp_path).masalah[1].endswith("mencatat 5: 1 baris hilang")
    _simpan(tmp_path, b[:-1])
    h = audit.periksa_rantai(tmp_path)
    assert h.masalah == ["log berakhir di baris berantai ke-4, padahal jangkar mencatat 5: 1 baris terakhir dihapus"]


def test_an_inserted_or_forged_line_is_found(tmp_path):
    _tulis(tmp_path, 3)
    b = _baris(tmp_path)
    palsu = json.dumps({"waktu": "2024-11-26T09:00:00", "pengguna": "admin", "peran": "admin", "aksi": "masuk",
                        "objek": "", "hasil": "berhasil"})
    _simpan(tmp_path, [b[0], palsu, *b[1:]])
    assert audit.periksa_rantai(tmp_path).masalah == ["baris 2 tanpa rantai di tengah log: disisipkan atau diubah"]
    salin = json.loads(b[1])
    salin["objek"] = "berkas-lain.csv"         # a copy of a chained line with its old link
    _simpan(tmp_path, [b[0], json.dumps(salin), *b[1:]])
    assert not audit.periksa_rantai(tmp_path).utuh


def test_lines_from_before_the_chain_are_counted_not_refused(tmp_path):
    lama = [json.dumps({"waktu": "2024-11-20T09:00:00", "pengguna": "budi", "peran": "staf", "aksi": "masuk",
                        "objek": "sandi", "hasil": "berhasil"})] * 2
    _simpan(tmp_path, lama)
    _tulis(tmp_path, 3)
    h = audit.periksa_rantai(tmp_path)
    assert h.utuh and (h.lama, h.diperiksa) == (2, 3)


def test_concurrent_writers_keep_the_chain(tmp_path):
    """The app and the command line append at the same time: every line is chained in order."""
    kode = ("import sys; from pathlib import Path; from siaga.akses import audit\n"
            "for i in range(40): audit.catat(Path(sys.argv[1]), pengguna=sys.argv[2], peran='cli', aksi='unduh', "
            "objek=str(i))")
    proses = [subprocess.Popen([sys.executable, "-c", kode, str(tmp_path), f"p{n}"], cwd=ROOT) for n in range(4)]
    assert [p.wait(timeout=120) for p in proses] == [0] * 4
    h = audit.periksa_rantai(tmp_path)
    assert h.utuh and h.diperiksa == 160


def test_the_audit_page_shows_a_broken_chain(app_env):
    from tests import apptest

    app_env(FIXTURE / "data", FIXTURE / "geo")
    at = apptest.buka("pages/audit.py", timeout=90)
    assert any(s.value.startswith("Log audit utuh") for s in at.success)
    _tulis(app_env.akses, 3)
    b = _baris(app_env.akses)
    _simpan(app_env.akses, [b[0], *b[2:]])                     # someone removed a line
    at.run()
    assert any(e.value.startswith("Log audit TIDAK utuh") for e in at.error)
    janggal = [d.value for d in at.dataframe if "Kejanggalan" in d.value.columns]
    assert len(janggal) == 1 and "dihapus atau disisipkan" in janggal[0].to_csv()
