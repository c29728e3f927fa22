"""A second region built from scratch, the way README "Pakai untuk daerah Anda" tells a desk:
copy and edit wilayah.toml, then import each file with ``python -m siaga impor`` (files as the
desk receives them: XLSX with a title row, semicolon CSV, names instead of codes, a village
shapefile in UTM), without touching any code. The dashboard's store then loads it and the
figures are the ones in the files."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile

import geopandas as gpd
import pytest
from openpyxl import Workbook
from shapely.geometry import box

from siaga.__main__ import main
from siaga.data.store import Store
from siaga.inti.config import Paths
from tests.conftest import ROOT

TOML = """\
[wilayah]
kode = "98.76"
nama = "Kabupaten Fiktif Raya"
provinsi = "Provinsi Uji"
zona_waktu = "WIT"
hari_pemungutan = 2024-11-27
simulasi = false

[peta]
batas_perkiraan = false

[kesiapan.bobot]
logistik = 35
checklist = 35
insiden = 15
netralitas = 15

[kesiapan.level]
siap = 85
perhatian = 70

[kesiapan.penalti]
insiden_rendah = 1
insiden_sedang = 5
insiden_tinggi = 15
netralitas = 15
"""


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def berkas_desk(tmp_path):
    """The files a desk of the fictional Kabupaten Fiktif Raya prepares (lon 140.5°E: UTM zone 54S)."""
    d = tmp_path / "kiriman"
    d.mkdir()
    (d / "wilayah.xlsx").write_bytes(_xlsx([
        ["DAFTAR DISTRIK DAN KAMPUNG KABUPATEN FIKTIF RAYA"], [],
        ["Tingkat", "Kode", "Nama", "Kode Induk", "Nama Lain", "Kode BPS"],
        ["kecamatan", "98.76.01", "Sentani Fiktif", "98.76", "Sentani F.", "9876010"],
        ["kecamatan", "98.76.02", "Danau Uji", "98.76", None, "9876020"],
        ["kelurahan", "98.76.01.2001", "Kampung Satu", "98.76.01", None, "9876010001"],
        ["kelurahan", "98.76.01.2002", "Kampung Dua", "98.76.01", None, "9876010002"],
        ["kelurahan", "98.76.02.2001", "Kampung Tiga", "98.76.02", None, "9876020001"],
    ]))
    (d / "tps.csv").write_text(
        "kode_tps;kode_kelurahan;nomor_tps;dpt;jenis;keterangan;lat;lon;rawan_banjir\n"
        "98.76.01.2001.001;98.76.01.2001;1;250;reguler;;-2,51;140,51;tidak\n"
        "98.76.01.2002.001;98.76.01.2002;1;1.0;reguler;;;;tidak\n".replace("1.0;", "310;") +
        "98.76.02.2001.001;Kampung Tiga;1;440;reguler;;;;ya\n".replace("Kampung Tiga", "98.76.02.2001"),
        encoding="utf-8")
    (d / "logistik_item.csv").write_text("kode_item,nama_item,satuan,per_tps,per_pemilih,cadangan_persen,urutan\n"
                                         "KOTAK,Kotak suara,buah,2,0,0,1\nSS,Surat suara,lembar,0,1,\"2,5\",2\n")
    (d / "kategori_insiden.csv").write_text("kode_kategori;nama;kelompok\nkonflik;Konflik;konflik\n"
                                            "layanan;Gangguan layanan;Pelayanan publik\n")
    (d / "tahapan.csv").write_text("tahapan;mulai;selesai;catatan\nMasa tenang;24 Nop 2024;26 Nop 2024;\n"
                                   "Pemungutan suara;27 November 2024;27/11/2024;hari H\n")
    (d / "logistik_distrik_sentani.csv").write_text(
        "LAPORAN LOGISTIK DISTRIK SENTANI FIKTIF;;;;;;;\n"
        "waktu;tahap;kode_lokasi;kode_item;jumlah_kebutuhan;jumlah_diterima;jumlah_rusak;catatan\n"
        "20/11/2024 09.00;gudang;98.76;KOTAK;6;6;0;\n"
        "22/11/2024 10.00;PPK;Sentani Fiktif;KOTAK;4;4;0;\n"
        "25/11/2024 08.00;tps;98.76.01.2001.001;KOTAK;2;2;0;\n"
        "JUMLAH;;;;12;12;0;\n", encoding="utf-8")
    (d / "checklist.xlsx").write_bytes(_xlsx([
        ["waktu", "kode_tps", "kpps_dibentuk", "kpps_dilantik", "kpps_bimtek", "lokasi_siap", "akses_disabilitas",
         "penerangan", "c_pemberitahuan", "linmas", "pengamanan", "status", "catatan"],
        [dt.datetime(2024, 11, 25, 9, 0), "98.76.01.2001.001", True, True, True, True, True, True, 250, 2, True,
         "siap", None]]))
    (d / "insiden_harian.csv").write_text(
        "id_insiden,waktu,waktu_kejadian,kecamatan,kelurahan,kode_tps,lat,lon,kategori,keparahan,status,sumber,"
        "ringkasan,tindak_lanjut,pic,batas_waktu\n"
        "F1,26/11/2024 10.00,26/11/2024 09.00,Distrik Danau Uji,Kampung Tiga,,,,layanan,tinggi,dilaporkan,opd,"
        "Jalan ke TPS tergenang,,Dinas PU,27/11/2024\n", encoding="utf-8")
    (d / "netralitas.csv").write_text(
        "id_kasus,waktu,tanggal_kejadian,tanggal_laporan,kode_kecamatan,opd,jenis_pelanggaran,kelas,sumber,status,"
        "sanksi,batas_waktu\nNF1,2024-11-20 09:00,2024-11-19,2024-11-20,9876010,Dinas Pendidikan,media_sosial,"
        "disiplin,temuan_bawaslu,laporan,,2024-11-23\n")
    (d / "netralitas_pribadi.csv").write_text("id_kasus,nama_terlapor,nip_terlapor,jabatan_terlapor,nama_pelapor,"
                                              "kontak_pelapor\nNF1,SENTINEL-FIKTIF,198001012010011001,Guru,,\n")
    kampung = gpd.GeoDataFrame(
        {"NAMOBJ": ["KAMPUNG SATU", "KAMPUNG DUA", "KAMPUNG TIGA"], "WADMKC": ["Sentani Fiktif"] * 2 + ["Danau Uji"]},
        geometry=[box(140.50, -2.55, 140.55, -2.50), box(140.55, -2.55, 140.60, -2.50), box(140.50, -2.60, 140.60,
                                                                                             -2.55)],
        crs="EPSG:4326").to_crs(32754)
    shp = tmp_path / "shp"
    shp.mkdir()
    kampung.to_file(shp / "kampung.shp", engine="pyogrio")
    with zipfile.ZipFile(d / "batas_kampung_big.zip", "w") as z:
        for f in shp.iterdir():
            z.write(f, f.name)
    return d


URUTAN = [("wilayah.xlsx", "wilayah"), ("tps.csv", "tps"), ("logistik_item.csv", "logistik_item"),
          ("kategori_insiden.csv", "kategori_insiden"), ("tahapan.csv", "tahapan"),
          ("logistik_distrik_sentani.csv", "logistik"), ("checklist.xlsx", "checklist"),
          ("insiden_harian.csv", "insiden"), ("netralitas.csv", "netralitas"),
          ("netralitas_pribadi.csv", "netralitas_pribadi")]


def test_a_new_region_from_scratch_without_code_changes(tmp_path, berkas_desk, monkeypatch, capsys):
    data, geo = tmp_path / "desk" / "data", tmp_path / "desk" / "geo"
    data.mkdir(parents=True)
    monkeypatch.setenv("SIAGA_DATA", str(data))
    monkeypatch.setenv("SIAGA_GEO", str(geo))
    # before the config exists, an import says what to do first
    assert main(["impor", str(berkas_desk / "wilayah.xlsx"), "--jenis", "wilayah"]) == 1
    assert "salin dan sesuaikan wilayah.toml" in capsys.readouterr().out
    (data / "wilayah.toml").write_text(TOML, encoding="utf-8")
    # a log before the lists it refers to is refused, naming the file to import first
    assert main(["impor", str(berkas_desk / "insiden_harian.csv"), "--jenis", "insiden"]) == 1
    assert "impor wilayah.csv lebih dulu" in capsys.readouterr().out
    for name, jenis in URUTAN:
        rc = main(["impor", str(berkas_desk / name), "--jenis", jenis, "--oleh", "Desk Fiktif"])
        out = capsys.readouterr().out
        assert rc == 0, out
        assert "DITERIMA" in out and "SENTINEL" not in out
    rc = main(["impor", str(berkas_desk / "batas_kampung_big.zip"), "--jenis", "batas", "--turunkan-kecamatan"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "UTM zone 54S" in out and "3 fitur ke kelurahan.geojson, 2 fitur ke kecamatan.geojson" in out

    assert main(["periksa"]) == 0
    assert "Data diterima" in capsys.readouterr().out
    assert main(["riwayat"]) == 0
    listing = capsys.readouterr().out
    assert listing.count("Desk Fiktif") == len(URUTAN)

    store = Store(Paths(data, geo))
    assert store.muat(), [m.pesan() for m in store.ditolak]
    assert store.wilayah.nama == "Kabupaten Fiktif Raya" and store.wilayah.zona_waktu == "WIT"
    ind = store.query("indikator_utama", tanggal=dt.date(2024, 11, 26), kecamatan=None).iloc[0]
    assert (ind["dpt"], ind["jumlah_tps"], ind["c_pemberitahuan"]) == (1000, 3, 250)
    assert (ind["insiden_serius_terbuka"], ind["pelayanan_terbuka"], ind["netralitas_terbuka"]) == (1, 1, 1)
    ins = store.snapshot.cursor().execute("SELECT kode_kecamatan, kode_kelurahan FROM insiden").fetchall()
    assert ins == [("98.76.02", "98.76.02.2001")]       # names in the desk's file, codes in the store
    assert set(store.snapshot.batas) == {"kecamatan", "kelurahan"}


def test_command_exit_codes(contoh_dir):
    env = {"SIAGA_DATA": str(contoh_dir / "data"), "SIAGA_GEO": str(contoh_dir / "geo"), "PATH": "/usr/bin:/bin"}
    korpus = ROOT / "tests" / "korpus"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "siaga", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120, check=False)

    ok = run("impor", str(korpus / "01_logistik_titikkoma_bom.csv"), "--jenis", "logistik", "--dry-run")
    assert ok.returncode == 0 and "DAPAT DITERIMA" in ok.stdout
    assert not (contoh_dir / "data" / ".riwayat").exists()
    bad = run("impor", str(korpus / "15_logistik_angka_salah.csv"), "--jenis", "logistik")
    assert bad.returncode == 1 and "DITOLAK" in bad.stdout and "bukan bilangan bulat" in bad.stdout
    assert run("impor", "tidak-ada.csv", "--jenis", "logistik").returncode == 2
    assert run("impor", str(korpus / "01_logistik_titikkoma_bom.csv"), "--jenis", "entah").returncode == 2
    done = run("impor", str(korpus / "01_logistik_titikkoma_bom.csv"), "--jenis", "logistik", "--oleh", "Rina")
    assert done.returncode == 0 and "disimpan sebagai versi 2" in done.stdout
    listing = run("riwayat")
    assert listing.returncode == 0 and "Rina" in listing.stdout and "01_logistik_titikkoma_bom.csv *" in listing.stdout
    back = run("pulihkan", "1")
    assert back.returncode == 0 and "dicatat sebagai versi 3" in back.stdout
    assert run("pulihkan", "9").returncode == 1


def test_readme_section_names_every_input_and_valid_commands():
    import re

    from siaga.masuk.impor import JENIS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    part = readme[readme.index("## Pakai untuk daerah Anda"):readme.index("## Dokumentasi")]
    used = re.findall(r"python -m siaga impor \S+ --jenis (\w+)", part)
    assert set(used) == set(JENIS)                      # every input of the contract, and boundaries
    for cmd in ("python -m siaga riwayat", "python -m siaga pulihkan", "--dry-run", "wilayah.toml", "Data"):
        assert cmd in part
    english = readme[readme.index("## English"):]
    assert "Pakai untuk daerah Anda" in english and "python -m siaga impor FILE --jenis JENIS [--dry-run]" in english
