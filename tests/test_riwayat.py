"""Recovery after an interrupted import: whatever moment the process died at, the next holder of
the lock leaves every file either the previous or the new version, and the history says which."""

from __future__ import annotations

import json

import pytest

from siaga.inti.fileio import tulis_sementara
from siaga.inti.masalah import MasalahError
from siaga.masuk import impor, riwayat
from siaga.masuk.hasil import Berkas, sha256

LAPORAN = (b"waktu;tahap;kode_lokasi;kode_item;jumlah_diterima;jumlah_rusak\n"
           b"26/11/2024 16.00;TPS;99.01.01.1002.001;KOTAK;2;0\n")


def _pending(paths, files: list[Berkas]) -> riwayat.Versi:
    """The state an import leaves when killed after recording the version, before finishing."""
    k = riwayat.Kunci(paths)
    k.__enter__()
    try:
        semua = riwayat.daftar(paths)
        k._awal(semua, files)
        v = riwayat.Versi(k._nomor_baru(semua), "2024-11-26T10:00:00", "x", "impor", "batas", "s.zip", "",
                          [k._meta(b) for b in files], riwayat.MENUNGGU)
        k._rekam(semua, v, files)
    finally:
        k.__exit__()
    return v


def _geo_files(paths):
    kec, kel = (paths.geo / "kecamatan.geojson"), (paths.geo / "kelurahan.geojson")
    new_kel = json.loads(kel.read_text())
    new_kel["name"] = "baru"
    new_kec = json.loads(kec.read_text())
    new_kec["name"] = "baru"
    return (Berkas("geo", "kelurahan.geojson", json.dumps(new_kel).encode(), 3),
            Berkas("geo", "kecamatan.geojson", json.dumps(new_kec).encode(), 2))


def test_killed_before_any_replace_is_cancelled(contoh_paths):
    kel, kec = _geo_files(contoh_paths)
    old = {p.name: p.read_bytes() for p in contoh_paths.geo.iterdir()}
    v = _pending(contoh_paths, [kel, kec])
    tulis_sementara(contoh_paths.geo / "kelurahan.geojson", kel.isi)          # a staged file left behind
    (riwayat.folder(contoh_paths) / "0099").mkdir()                           # an orphan version folder
    with riwayat.kunci(contoh_paths) as k:
        pass
    got = {x.nomor: x for x in riwayat.daftar(contoh_paths)}[v.nomor]
    assert got.status == riwayat.BATAL and "data sebelumnya tetap dipakai" in got.keterangan
    assert {p.name: p.read_bytes() for p in contoh_paths.geo.iterdir()} == old      # and no temp file left
    assert not (riwayat.folder(contoh_paths) / "0099").exists()
    assert k._fd is None


def test_killed_between_two_files_is_rolled_back(contoh_paths):
    kel, kec = _geo_files(contoh_paths)
    old = {p.name: p.read_bytes() for p in contoh_paths.geo.iterdir()}
    v = _pending(contoh_paths, [kel, kec])
    (contoh_paths.geo / "kelurahan.geojson").write_bytes(kel.isi)            # the first replace happened
    with riwayat.kunci(contoh_paths):
        pass
    got = {x.nomor: x for x in riwayat.daftar(contoh_paths)}[v.nomor]
    assert got.status == riwayat.BATAL and "dikembalikan" in got.keterangan
    assert {p.name: p.read_bytes() for p in contoh_paths.geo.iterdir()} == old


def test_killed_after_the_last_replace_is_complete(contoh_paths):
    kel, kec = _geo_files(contoh_paths)
    v = _pending(contoh_paths, [kel, kec])
    for b in (kel, kec):
        (contoh_paths.geo / b.nama).write_bytes(b.isi)
    with riwayat.kunci(contoh_paths):
        pass
    got = {x.nomor: x for x in riwayat.daftar(contoh_paths)}[v.nomor]
    assert got.status == riwayat.SELESAI and riwayat.dipakai(contoh_paths, got)


def test_a_file_changed_by_hand_is_kept_before_the_next_import(contoh_paths):
    impor.impor(contoh_paths, "logistik", LAPORAN, "a.csv", oleh="x")
    p = contoh_paths.data / "logistik.csv"
    hand = p.read_text().replace("30 lembar basah", "30 lembar basah (dicek ulang)")
    p.write_text(hand)
    lap = impor.impor(contoh_paths, "logistik", LAPORAN.replace(b"16.00", b"17.00"), "b.csv", oleh="y")
    assert lap.ok
    versi = riwayat.daftar(contoh_paths)
    assert [v.aksi for v in versi] == ["awal", "impor", "awal", "impor"]
    assert sha256(hand.encode()) == versi[2].berkas[0]["sha256"]


def test_a_damaged_manifest_is_reported(contoh_paths):
    impor.impor(contoh_paths, "logistik", LAPORAN, "a.csv", oleh="x")
    (riwayat.folder(contoh_paths) / riwayat.MANIFEST).write_text("{rusak")
    with pytest.raises(MasalahError) as exc:
        riwayat.daftar(contoh_paths)
    assert "catatan riwayat rusak" in exc.value.masalah[0].alasan


def test_a_version_whose_copy_changed_is_not_restored(contoh_paths):
    impor.impor(contoh_paths, "logistik", LAPORAN, "a.csv", oleh="x")
    copy = riwayat.folder(contoh_paths) / "0001" / "data" / "logistik.csv"
    copy.write_text("dirusak")
    with pytest.raises(MasalahError) as exc:
        impor.pulihkan(contoh_paths, 1, oleh="x")
    assert "sha256 tidak cocok" in exc.value.masalah[0].alasan
