"""Roles, actions and the query scope (siaga.akses) and the scope in the query layer (Store.query)."""

from __future__ import annotations

import datetime as dt

import pytest

from siaga import akses
from siaga.akses import ADMIN, CAMAT, LURAH, PIMPINAN, PUBLIK, STAF, VERIFIKATOR, Akses, AksesDitolak, Lingkup
from siaga.data import queries
from tests.conftest import baris_kecamatan
from tests.test_queries import default_params

TGL = dt.date(2024, 11, 25)
ALPHA, BETA = "99.01.01", "99.01.02"

# The role × action matrix as documented in docs/privacy.md.
MATRIKS = {
    akses.SELURUH_WILAYAH: {PUBLIK, PIMPINAN, STAF, VERIFIKATOR, ADMIN},
    akses.RINCIAN: {STAF, CAMAT, LURAH, VERIFIKATOR, ADMIN},
    akses.KELOLA_TUGAS: {STAF, CAMAT, LURAH, VERIFIKATOR, ADMIN},
    akses.LAPOR_LAPANGAN: {STAF, CAMAT, LURAH, VERIFIKATOR, ADMIN},
    akses.UNDUH: {PIMPINAN, STAF, CAMAT, VERIFIKATOR, ADMIN},
    akses.UNDUH_LAPORAN: {PUBLIK, PIMPINAN, STAF, CAMAT, VERIFIKATOR, ADMIN},
    akses.LIHAT_TERLAPOR: {VERIFIKATOR},
    akses.MINTA_PELAPOR: {VERIFIKATOR},
    akses.PUTUSKAN_PELAPOR: {ADMIN},
    akses.IMPOR: {ADMIN},
    akses.PULIHKAN: {ADMIN},
    akses.LIHAT_RIWAYAT: {ADMIN},
    akses.LIHAT_AUDIT: {ADMIN},
}


def _akses(peran: str) -> Akses:
    if peran == LURAH:
        return Akses("u", peran, kelurahan=ALPHA + ".1001")
    return Akses("u", peran, ALPHA if peran == CAMAT else None)


@pytest.mark.parametrize("aksi", sorted(MATRIKS))
@pytest.mark.parametrize("peran", [PUBLIK, *akses.PERAN])
def test_role_action_matrix(peran, aksi):
    assert _akses(peran).boleh(aksi) == (peran in MATRIKS[aksi])


def test_every_action_is_in_the_matrix():
    assert set(akses.AKSI) == set(MATRIKS)


def test_nobody_but_a_verifikator_sees_identities_and_nobody_sees_reporters_directly():
    for peran in [PUBLIK, *akses.PERAN]:
        a = _akses(peran)
        assert a.boleh(akses.LIHAT_TERLAPOR) == (peran == VERIFIKATOR)
    assert "lihat_pelapor" not in akses.AKSI          # only through identity escrow (siaga.akses.identitas)


def test_camat_needs_a_kecamatan_and_only_a_camat_has_one():
    with pytest.raises(ValueError):
        Akses("c", CAMAT)
    with pytest.raises(ValueError):
        Akses("s", STAF, ALPHA)
    with pytest.raises(ValueError):
        Akses("x", "raja")
    assert Akses("c", CAMAT, BETA).kecamatan_dilihat(ALPHA) == BETA
    assert Akses("s", STAF).kecamatan_dilihat(ALPHA) == ALPHA
    with pytest.raises(AksesDitolak):
        Akses("p", PIMPINAN).wajib(akses.IMPOR)


def test_scope_forces_the_kecamatan_and_refuses_unscoped_queries():
    reg = queries.daftar()
    camat = Lingkup(CAMAT, BETA)
    p = akses.param_lingkup("insiden_daftar", reg["insiden_daftar"].params, {"kecamatan": ALPHA, "x": 1}, camat)
    assert p == {"kecamatan": BETA, "x": 1}
    assert akses.param_lingkup("tahapan", reg["tahapan"].params, {"tanggal": TGL}, camat) == {"tanggal": TGL}
    with pytest.raises(AksesDitolak):
        akses.param_lingkup("tanpa_kecamatan", ["tanggal"], {"tanggal": TGL}, camat)
    assert akses.param_lingkup("insiden_daftar", ["kecamatan"], {"kecamatan": ALPHA}, Lingkup(STAF)) == {
        "kecamatan": ALPHA}


def test_every_query_a_camat_can_run_is_scoped():
    """Every query takes $kecamatan, or is a declared reference query with no row per kecamatan,
    or a declared overview query across kab/kota, which a camat may not run."""
    for name, q in queries.daftar().items():
        assert "kecamatan" in q.params or name in akses.REFERENSI | akses.IKHTISAR, name
    camat = Lingkup(CAMAT, BETA)
    for name in akses.IKHTISAR:
        assert "kecamatan" not in queries.daftar()[name].params
        with pytest.raises(akses.AksesDitolak):
            akses.param_lingkup(name, list(queries.daftar()[name].params), {"tanggal": TGL, "induk": "99"}, camat)


@pytest.mark.parametrize("name", sorted(queries.daftar()))
def test_camat_scope_in_the_query_layer(contoh_store, name):
    """Through Store.query(lingkup=…) a camat of Beta gets no row of Alpha, whatever is asked for."""
    q = queries.daftar()[name]
    values = {**default_params(q, ALPHA), **({"jumlah": 50} if "jumlah" in q.params else {})}
    if name in akses.IKHTISAR:
        with pytest.raises(akses.AksesDitolak):
            contoh_store.query(name, lingkup=Lingkup(CAMAT, BETA), **values)
        return
    df = contoh_store.query(name, lingkup=Lingkup(CAMAT, BETA), **values)
    for col in df.columns:
        vals = df[col].dropna().astype(str)
        assert not vals.str.startswith(ALPHA).any(), (name, col)
        assert not vals.isin(["Alpha", "Satu", "Dua"]).any(), (name, col)


def test_unscoped_query_still_sees_the_region(contoh_store):
    df = baris_kecamatan(contoh_store.query("kesiapan_unit", tanggal=TGL, kecamatan=None))
    assert set(df["kode"]) == {ALPHA, BETA}
    staf = baris_kecamatan(contoh_store.query("kesiapan_unit", lingkup=Lingkup(STAF), tanggal=TGL, kecamatan=None))
    assert set(staf["kode"]) == {ALPHA, BETA}
    beta = baris_kecamatan(contoh_store.query("kesiapan_unit", lingkup=Lingkup(CAMAT, BETA), tanggal=TGL,
                                              kecamatan=None))
    assert set(beta["kode"]) == {BETA}


def test_optional_scope_parameter_defaults_to_null(contoh_store):
    assert queries.daftar()["netralitas_kecamatan"].opsional == {"kecamatan"}
    assert len(contoh_store.query("netralitas_kecamatan", tanggal=TGL, batas_lapor=7)) == 2
    assert contoh_store.query("netralitas_kecamatan", tanggal=TGL, kecamatan=BETA, batas_lapor=7)["kode"].tolist() == [
        BETA]
