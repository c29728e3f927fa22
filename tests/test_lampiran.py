"""Photos of field reports (siaga.akses.lampiran): re-encoded without EXIF or GPS, resized, stored
0600 under SIAGA_DATA/lampiran/ with a random name, linked to the incident by id only, shown only to
staf and above within their scope on the Insiden page, never elsewhere, and deleted by the retention
command with the closed incident's data."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import stat
import subprocess
import sys

import pytest
from PIL import ExifTags, Image

from siaga.akses import ADMIN, CAMAT, LURAH, PIMPINAN, STAF, TAMU, Akses, lampiran, retensi
from tests import apptest
from tests.conftest import ROOT


def foto_gps(lebar=4000, tinggi=3000, orientasi=1, fmt="JPEG") -> bytes:
    img = Image.new("RGB", (lebar, tinggi), (200, 30, 30))
    img.paste((20, 20, 220), (0, 0, lebar // 4, tinggi // 4))       # a mark in the top-left corner
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "KameraPonsel"
    exif[ExifTags.Base.Artist] = "Budi Santoso"
    exif[ExifTags.Base.Orientation] = orientasi
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 14.0, 30.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 59.0, 12.25)
    out = io.BytesIO()
    img.save(out, fmt, exif=exif)
    return out.getvalue()


def test_a_photo_with_gps_exif_comes_out_without_any_metadata_and_resized():
    asli = foto_gps()
    with Image.open(io.BytesIO(asli)) as img:                   # the input really carries GPS and a name
        assert img.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == (6.0, 14.0, 30.5)
        assert img.getexif()[ExifTags.Base.Artist] == "Budi Santoso"
    hasil = lampiran.olah(asli)
    with Image.open(io.BytesIO(hasil)) as img:
        assert img.format == "JPEG" and img.size == (1600, 1200)
        assert len(img.getexif()) == 0 and not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in img.info and "xmp" not in img.info
    for jejak in (b"Exif", b"KameraPonsel", b"Budi Santoso", b"GPS"):
        assert jejak not in hasil


def test_a_sideways_photo_is_turned_upright_and_a_png_is_accepted():
    hasil = lampiran.olah(foto_gps(800, 600, orientasi=6))      # 6: rotate 90° clockwise to view
    with Image.open(io.BytesIO(hasil)) as img:
        assert img.size == (600, 800)
        assert img.getpixel((590, 10))[2] > 150                  # the blue mark is now top-right
    with Image.open(io.BytesIO(lampiran.olah(foto_gps(300, 200, fmt="PNG")))) as img:
        assert img.format == "JPEG" and img.size == (300, 200)


@pytest.mark.parametrize("isi", [b"bukan gambar", b"%PDF-1.4 ...", b""])
def test_not_a_photo_is_refused_in_indonesian(isi):
    with pytest.raises(lampiran.FotoDitolak, match="bukan foto yang dapat dibaca"):
        lampiran.olah(isi)


def test_stored_privately_with_a_random_name_and_linked_by_id_only(contoh_paths):
    f = lampiran.simpan(contoh_paths, lampiran.olah(foto_gps(400, 300)), "I1", "99.01.01", "99.01.01.1001")
    berkas = contoh_paths.data / "lampiran" / f"{f.id}.jpg"
    assert re.fullmatch(r"[0-9a-f]{32}", f.id)
    assert stat.S_IMODE(berkas.stat().st_mode) == 0o600
    assert stat.S_IMODE(berkas.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((berkas.parent / "indeks.json").stat().st_mode) == 0o600
    assert json.loads((berkas.parent / "indeks.json").read_text()) == {"foto": [
        {"id": f.id, "id_insiden": "I1", "kode_kecamatan": "99.01.01", "kode_kelurahan": "99.01.01.1001"}]}
    lihat = {
        "staf": Akses("s", STAF), "pimpinan": Akses("p", PIMPINAN), "admin": Akses("a", ADMIN),
        "camat": Akses("c", CAMAT, "99.01.01"), "lurah": Akses("l", LURAH, kelurahan="99.01.01.1001"),
        "tamu": TAMU,
    }
    assert {n: bool(lampiran.untuk(contoh_paths, a)) for n, a in lihat.items()} == {
        "staf": True, "pimpinan": True, "admin": True, "camat": False, "lurah": False, "tamu": False}
    assert lampiran.baca(contoh_paths, lihat["staf"], f).startswith(b"\xff\xd8")
    assert lampiran.baca(contoh_paths, lihat["tamu"], f) is None
    # the store and its published snapshot do not know the folder exists
    from siaga.data.store import Store
    s = Store(contoh_paths)
    assert s.muat(), s.ditolak


def test_only_the_lapor_and_insiden_glue_and_retention_touch_photos():
    """Reports, the big screen, downloads, snapshots and the public demo never read lampiran/."""
    pemakai = sorted(str(p.relative_to(ROOT)) for p in [*(ROOT / "siaga").rglob("*.py"), *(ROOT / "pages").glob("*.py")]
                     if re.search(r"\blampiran\b", p.read_text(encoding="utf-8"))
                     and re.search(r"^from siaga\.(akses|tampilan)(\.lampiran)? import .*\blampiran\b|"
                                   r"^from siaga\.tampilan\.lampiran import", p.read_text(encoding="utf-8"), re.M))
    assert pemakai == ["pages/insiden.py", "pages/lapor.py", "siaga/akses/retensi.py", "siaga/tampilan/lampiran.py",
                       "siaga/tampilan/lapor.py"]


def test_retention_deletes_the_photos_of_closed_incidents_only(contoh_paths):
    foto = lampiran.olah(foto_gps(400, 300))
    tutup = lampiran.simpan(contoh_paths, foto, "I2", "99.01.01", "99.01.01.1002")      # selesai 25 Nov
    buka = lampiran.simpan(contoh_paths, foto, "I1", "99.01.01", "99.01.01.1001")       # still ditangani
    folder = contoh_paths.data / "lampiran"

    uji = retensi.hapus_pribadi(contoh_paths, dt.date(2024, 12, 1), oleh="admin", uji=True)
    assert (uji.insiden, uji.foto) == (["I2"], 1) and (folder / f"{tutup.id}.jpg").exists()
    h = retensi.hapus_pribadi(contoh_paths, dt.date(2024, 11, 25), oleh="admin")    # closed on the 25th: not before
    assert h.foto == 0 and (folder / f"{tutup.id}.jpg").exists()
    h = retensi.hapus_pribadi(contoh_paths, dt.date(2024, 12, 1), oleh="admin")
    assert (h.insiden, h.foto) == (["I2"], 1)
    assert not (folder / f"{tutup.id}.jpg").exists() and (folder / f"{buka.id}.jpg").exists()
    assert [f.id_insiden for f in lampiran.daftar(contoh_paths)] == ["I1"]


def test_retention_command_line_names_the_deleted_photos(contoh_paths, tmp_path):
    lampiran.simpan(contoh_paths, lampiran.olah(foto_gps(400, 300)), "I2", "99.01.01", "99.01.01.1002")
    env = {"SIAGA_DATA": str(contoh_paths.data), "SIAGA_GEO": str(contoh_paths.geo), "SIAGA_AKSES": str(tmp_path / "a"),
           "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-m", "siaga", "hapus-pribadi", "--sebelum", "2024-12-01"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Dihapus: 1 foto lampiran dari 1 insiden yang selesai sebelum 2024-12-01 (I2)." in r.stdout
    assert lampiran.daftar(contoh_paths) == []


@pytest.fixture
def insiden_foto(app_env, contoh_dir):
    from siaga.inti.config import Paths

    paths = Paths(contoh_dir / "data", contoh_dir / "geo")
    lampiran.simpan(paths, lampiran.olah(foto_gps(400, 300)), "I3", "99.01.02", "99.01.02.1001")

    def buka(**kw):
        app_env(paths.data, paths.geo, **kw)
        return apptest.buka("pages/insiden.py", timeout=90, jendela="semua")
    return buka


def test_insiden_page_shows_photos_to_staf_only(insiden_foto):
    at = insiden_foto(peran="staf")
    assert not at.exception
    assert "Foto laporan lapangan" in [s.value for s in at.subheader]
    assert at.selectbox(key="foto_insiden").options == ["I3"]
    assert len(at.get("image")) == 1
    for kw in ({"peran": "camat", "kecamatan": "99.01.02"}, {"peran": None, "pengguna": False}):
        at = insiden_foto(**kw)
        assert not at.exception
        assert "Foto laporan lapangan" not in [s.value for s in at.subheader] and not at.get("image"), kw
