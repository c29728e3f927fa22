"""Write the corpus of awkward input files (``python tests/korpus/buat_korpus.py``).

Every file imitates something a desk receives: Indonesian Excel exports (semicolon, BOM,
UTF-16 "Unicode Text", Windows-1252), title rows, merged headers, JUMLAH rows, signatures,
XLSX with real dates and numbers, long IDs destroyed by Excel, boundary files from BIG, BPS/HDX,
GADM, shapefiles in UTM. All of them target the fictional Kota Contoh (tests/fixtures/kota_contoh,
code 99.01). The expected outcome of each is in ``korpus.toml`` next to this script.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import shapely
from openpyxl import Workbook
from shapely.geometry import Point, Polygon, box, mapping

HERE = Path(__file__).resolve().parent
FIXTURE = HERE.parent / "fixtures" / "kota_contoh"

LOG_HEAD = "waktu;tahap;kode_lokasi;kode_item;jumlah_kebutuhan;jumlah_diterima;jumlah_rusak;catatan"
INS_HEAD = ("id_insiden,waktu,waktu_kejadian,kode_kecamatan,kode_kelurahan,kode_tps,lat,lon,kategori,keparahan,"
            "status,sumber,ringkasan,tindak_lanjut,pic,batas_waktu")
CHK_HEAD = ("waktu;kode_tps;kpps_dibentuk;kpps_dilantik;kpps_bimtek;lokasi_siap;akses_disabilitas;penerangan;"
            "c_pemberitahuan;linmas;pengamanan;status;catatan")


def teks(name: str, body: str, encoding: str = "utf-8", bom: bool = False, crlf: bool = True) -> None:
    if crlf:
        body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    data = body.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (HERE / name).write_bytes(data)


def xlsx(name: str, wb: Workbook) -> None:
    wb.properties.creator = "Siaga Pilkada (korpus uji)"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 11, 26, 8, 0)
    buf = io.BytesIO()
    wb.save(buf)
    (HERE / name).write_bytes(buf.getvalue())


def contoh_geo(tingkat: str) -> gpd.GeoDataFrame:
    return gpd.read_file(FIXTURE / "geo" / f"{tingkat}.geojson")


def zip_shp(name: str, gdf: gpd.GeoDataFrame, inner: str, skip: tuple[str, ...] = ()) -> None:
    tmp = HERE / "_tmp_shp"
    tmp.mkdir(exist_ok=True)
    gdf.to_file(tmp / f"{inner}.shp", engine="pyogrio")
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(tmp.iterdir()):
            if p.suffix.lstrip(".") not in skip:
                z.writestr(zipfile.ZipInfo(p.name, date_time=(2024, 11, 26, 8, 0, 0)), p.read_bytes())
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()


def geojson(name: str, features: list[dict]) -> None:
    (HERE / name).write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                             encoding="utf-8")


def feature(props: dict, geom) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geom if isinstance(geom, dict) else mapping(geom)}


def main() -> None:
    # 01 semicolon + BOM + Indonesian numbers and times (Excel "CSV (dipisahkan titik koma)")
    teks("01_logistik_titikkoma_bom.csv", f"""{LOG_HEAD}
27/11/2024 07.00;Gudang KPU;99.01;SS;1.000;1.000;0;tambahan cadangan
26/11/2024 08.30;KPPS/TPS;99.01.01.1002.001;KOTAK;2;2;-;
""", bom=True)

    # 02 Excel "Unicode Text": UTF-16 LE with BOM, tab separated; places written as names
    teks("02_insiden_utf16_tab.txt", "\t".join(INS_HEAD.split(",")) + "\n" + "\t".join([
        "K02", "26/11/2024 11.15", "26/11/2024 10.40", "Kec. ALFA", "KEL. SATU", "", "", "", "konflik", "sedang",
        "dilaporkan", "linmas", "Adu mulut di depan TPS 2", "", "Linmas Satu", "27/11/2024"]) + "\n",
        encoding="utf-16")

    # 03 Windows-1252 (older Excel "CSV"): characters outside ASCII
    teks("03_insiden_cp1252.csv", INS_HEAD + "\n" + ",".join([
        "K03", "2024-11-26 12:00", "2024-11-26 11:30", "99.01.02", "99.01.02.1001", "", "", "", "layanan", "rendah",
        "dilaporkan", "opd", "Pemadaman listrik – gardu dekat café", "", "PLN", ""]) + "\n", encoding="cp1252")

    # 04 report layout: title rows, blank ;;; rows, JUMLAH row, place/date/signature under the table
    teks("04_checklist_judul_jumlah.csv", f"""LAPORAN KESIAPAN TPS;;;;;;;;;;;;
KECAMATAN BETA - KOTA CONTOH;;;;;;;;;;;;
;;;;;;;;;;;;
{CHK_HEAD}
26/11/2024 09.00;99.01.02.1001.001;ya;ya;ya;ya;ya;ya;400;2;ya;siap;lengkap
;;;;;;;;;;;;
26/11/2024 09.30;99.01.01.1002.001;Sudah;Sudah;Sudah;Belum;Belum;Ya;150;1;Tidak;belum;
JUMLAH;;;;;;;;550;3;;;
;;;;;;;;;;;;
Beta, 26 November 2024;;;;;;;;;;;;
Camat Beta;;;;;;;;;;;;
""")

    # 05 XLSX: title, merged two-row header, real dates and numbers
    wb = Workbook()
    ws = wb.active
    ws.title = "Penerimaan"
    ws["A1"] = "REKAP PENERIMAAN LOGISTIK PPK"
    ws.merge_cells("A1:H1")
    top = ["Waktu", "Tahap", "Lokasi", "Item", "Jumlah", None, None, "Catatan"]
    bottom = [None, None, None, None, "Kebutuhan", "Diterima", "Rusak", None]
    for i, (t, b) in enumerate(zip(top, bottom), start=1):
        ws.cell(3, i, t)
        ws.cell(4, i, b)
    ws.merge_cells("E3:G3")
    for c in "ABCDH":
        ws.merge_cells(f"{c}3:{c}4")
    rows = [(dt.datetime(2024, 11, 26, 14, 30), "PPS", "99.01.01.1002", "KOTAK", 2, 2, 0, "diantar kurir"),
            (dt.datetime(2024, 11, 26, 15, 0), "pps", "99.01.01.1002", "SS", 200, 200, 1, None)]
    for r, row in enumerate(rows, start=5):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
        ws.cell(r, 1).number_format = "dd/mm/yyyy hh:mm"
    ws.cell(7, 1, "JUMLAH")
    ws.cell(7, 5, "=SUM(E5:E6)")
    xlsx("05_logistik_judul_dua_baris.xlsx", wb)

    # 06 XLSX list replaced whole: numbers as numbers, booleans, coordinates as floats
    wb = Workbook()
    ws = wb.active
    ws.append(["Kode TPS", "Kode Kelurahan", "Nomor TPS", "DPT", "Jenis", "Keterangan", "Lat", "Lon", "Rawan Banjir"])
    for row in [("99.01.01.1001.001", "99.01.01.1001", 1, 100, "Reguler", "Balai warga RW 03", -6.9512, 110.05, False),
                ("99.01.01.1001.002", "99.01.01.1001", 2, 300, "reguler", None, -6.96, 110.06, True),
                ("99.01.01.1002.001", "99.01.01.1002", 1, 200, "Khusus", "Rumah sakit", None, None, False),
                ("99.01.02.1001.001", "99.01.02.1001", 1, 400, "reguler", None, -6.95, 110.15, False)]:
        ws.append(list(row))
    xlsx("06_tps_xlsx_angka.xlsx", wb)

    # 07 Indonesian dates: month names, abbreviations, weekday, 2-digit years
    teks("07_netralitas_tanggal_indonesia.csv",
         "id_kasus;waktu;tanggal_kejadian;tanggal_laporan;kode_kecamatan;opd;jenis_pelanggaran;kelas;sumber;status;"
         "sanksi;batas_waktu\n"
         "N4;Selasa, 26 Nop 2024 pukul 10.15 WITA;24-Nov-24;25 November 2024;Beta;Dinas Sosial;Media sosial;Etik;"
         "Temuan Bawaslu;Laporan;;28 Nop 2024\n"
         "N5;26/11/2024 11.00;3 Agt 2024;5 Okt 2024;Alpha;Satpol PP;hadir kampanye;disiplin;laporan masyarakat;"
         "klarifikasi;;1 Des 2024\n")

    # 08 Excel serial dates (a date column formatted as General)
    teks("08_logistik_serial_excel.csv", f"""{LOG_HEAD}
45622,5;tps;99.01.01.1002.001;SS;200;200;0;
""")

    # 09 personal file: NIP turned into scientific notation by Excel
    teks("09_pribadi_nip_ilmiah.csv", """\
id_kasus;nama_terlapor;nip_terlapor;jabatan_terlapor;nama_pelapor;kontak_pelapor
N1;SENTINEL-NAMA-KORPUS-09;1,98001E+17;Guru;;
""")

    # 10 personal file in XLSX with the NIP stored as a number (digits after the 15th lost)
    wb = Workbook()
    ws = wb.active
    ws.append(["id_kasus", "nama_terlapor", "nip_terlapor", "jabatan_terlapor", "nama_pelapor", "kontak_pelapor"])
    ws.append(["N1", "SENTINEL-NAMA-KORPUS-10", 198001012010011001.0, "Guru", None, None])
    xlsx("10_pribadi_xlsx_nip_angka.xlsx", wb)

    # 11 personal file, correct (NIP as text)
    teks("11_pribadi_baik.csv", """id_kasus,nama_terlapor,nip_terlapor,jabatan_terlapor,nama_pelapor,kontak_pelapor
N1,SENTINEL-NAMA-KORPUS-11,198001012010011001,Guru,,
N2,SENTINEL-NAMA-KORPUS-11B,198502022012022002,Staf,SENTINEL-PELAPOR-11,0812-SENTINEL
""")

    # 12 a kecamatan name that is not in wilayah.csv
    teks("12_insiden_nama_tak_dikenal.csv", INS_HEAD + "\n"
         "K12,2024-11-26 13:00,2024-11-26 12:00,Kecamatan Gamma,,,,,apk,rendah,dilaporkan,bawaslu,APK di jembatan,,,\n")

    # 13 a BPS code instead of the Kemendagri code (crosswalk: wilayah.csv kode_bps)
    teks("13_insiden_kode_bps.csv", INS_HEAD + "\n"
         "K13,2024-11-26 13:00,2024-11-26 12:00,9901020,,,,,apk,rendah,dilaporkan,bawaslu,APK di taman,,,\n")

    # 14 a BPS code missing from the crosswalk
    teks("14_insiden_bps_tak_ada.csv", INS_HEAD + "\n"
         "K14,2024-11-26 13:00,2024-11-26 12:00,9901990,,,,,apk,rendah,dilaporkan,bawaslu,APK di pasar,,,\n")

    # 15 a decimal where a whole number is required
    teks("15_logistik_angka_salah.csv", f"""{LOG_HEAD}
27/11/2024 06.00;tps;99.01.02.1001.001;SS;400;12,5;0;
""")

    # 16 month-first date (US) in a day-first column
    teks("16_logistik_bulan_dulu.csv", f"""{LOG_HEAD}
11/27/2024 06.00;tps;99.01.02.1001.001;SS;400;400;0;
""")

    # 17 a required column missing
    teks("17_tps_kolom_hilang.csv", """kode_tps,kode_kelurahan,nomor_tps,jenis,keterangan,lat,lon,rawan_banjir
99.01.01.1001.001,99.01.01.1001,1,reguler,,-6.95,110.05,tidak
""")

    # 18 empty file (a few blank lines)
    teks("18_kosong.csv", "\n\n")

    # 19 data without any recognisable header row
    teks("19_tanpa_judul.csv", "99.01.01.1001.001;ya;ya;ya\n99.01.01.1001.002;ya;tidak;ya\n")

    # 20 old binary Excel (.xls, OLE2 container)
    (HERE / "20_excel_lama.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)

    # 21 a damaged XLSX (zip signature, nothing readable)
    (HERE / "21_xlsx_rusak.xlsx").write_bytes(b"PK\x03\x04" + b"\x00rusak" * 50)

    # 22 a report row whose key is already in the log with different values
    teks("22_insiden_kunci_bentrok.csv", INS_HEAD + "\n"
         "I1,2024-11-23 10:00,2024-11-23 08:00,99.01.01,99.01.01.1001,,-6.951,110.051,konflik,tinggi,selesai,"
         "polri_tni,Keributan di depan balai warga,,Polres Contoh,2024-11-24\n")

    # 23 a report already imported (identical rows): accepted, nothing changes
    teks("23_insiden_sudah_ada.csv", (FIXTURE / "data" / "insiden.csv").read_text(encoding="utf-8"))

    # 24 a new region list that drops a kelurahan still used by tps.csv
    teks("24_wilayah_hapus_kelurahan.csv", """tingkat,kode,nama,kode_induk,nama_lain,kode_bps
kecamatan,99.01.01,Alpha,99.01,Alfa,9901010
kecamatan,99.01.02,Beta,99.01,,9901020
kelurahan,99.01.01.1001,Satu,99.01.01,,
kelurahan,99.01.02.1001,Tiga,99.01.02,,
""")

    # 25 the desk extends the alias table and the BPS crosswalk (kelurahan: 10 digits)
    teks("25_wilayah_alias_baru.csv", """tingkat;kode;nama;kode_induk;nama_lain;kode_bps
Kecamatan;99.01.01;Alpha;99.01;Alfa|Alpa;9901010
Kecamatan;99.01.02;Beta;99.01;Betha;9901020
Kelurahan;99.01.01.1001;Satu;99.01.01;Kelurahan Kesatu;9901010001
Kelurahan;99.01.01.1002;Dua;99.01.01;;9901010002
Kelurahan;99.01.02.1001;Tiga;99.01.02;;9901020001
""")

    # 26 Excel's "sep=;" hint line (not shown as a row by Excel)
    teks("26_kategori_sep_hint.csv", """sep=;
kode_kategori;nama;kelompok
konflik;Konflik atau gangguan keamanan;Konflik dan keamanan
layanan;Gangguan pelayanan publik;pelayanan publik
apk;Pelanggaran APK;Pelanggaran
banjir;Bencana atau banjir;lainnya
""")

    # 27 the stage schedule with every date style at once
    teks("27_tahapan_tanggal_campur.csv", """tahapan;mulai;selesai;catatan
Masa kampanye;25 September 2024;23/11/2024;
Masa tenang;24 Nov 2024;26-11-2024;APK diturunkan
Distribusi logistik sampai TPS;45622;2024-11-26;batas H-1
Pemungutan suara;Rabu, 27 Nop 2024;27/11/24;hari H
""")

    # 28 decimals: a decimal comma, a percent sign, a dash for zero
    teks("28_logistik_item_desimal.csv", """kode_item;nama_item;satuan;per_tps;per_pemilih;cadangan_persen;urutan
KOTAK;Kotak suara;buah;2;-;0;1
SS;Surat suara;lembar;-;1,025;2,5%;2
""")

    # 29 a yes/no column with an answer that is neither
    teks("29_checklist_ya_tidak_salah.csv", f"""{CHK_HEAD}
26/11/2024 10.00;99.01.02.1001.001;mungkin;ya;ya;ya;ya;ya;400;2;ya;siap;
""")

    # 30 a kelurahan that is not in the kecamatan named on the same row
    teks("30_insiden_kelurahan_salah_kecamatan.csv", INS_HEAD + "\n"
         "K30,2024-11-26 13:00,2024-11-26 12:00,Beta,Dua,,,,apk,rendah,dilaporkan,bawaslu,APK di gang,,,\n")

    # 31 blank rows in the middle: the error names the row as Excel shows it (6)
    teks("31_logistik_baris_kosong_tengah.csv", f"""{LOG_HEAD}
27/11/2024 06.00;tps;99.01.02.1001.001;SS;400;400;0;
;;;;;;;

;;;;;;;
27/11/2024 06.10;tps;99.01.02.1001.009;SS;400;400;0;
""")

    # 32 a header repeated where the printout broke pages
    teks("32_checklist_judul_berulang.csv", f"""{CHK_HEAD}
26/11/2024 09.00;99.01.02.1001.001;ya;ya;ya;ya;ya;ya;400;2;ya;siap;
{CHK_HEAD}
26/11/2024 09.10;99.01.01.1001.002;ya;ya;ya;ya;ya;ya;300;2;ya;siap;genangan surut
""")

    # 33 free text carrying markup and a spreadsheet formula: stored as text
    teks("33_insiden_teks_berbahaya.csv", INS_HEAD + "\n"
         'K33,2024-11-26 14:00,2024-11-26 13:00,99.01.02,,,,,apk,rendah,dilaporkan,media_sosial,'
         '"<img src=x onerror=alert(1)> =HYPERLINK(""http://contoh"",""klik"")",,,\n')

    # 34 extra columns (row number, initials): ignored with a warning
    teks("34_logistik_kolom_ekstra.csv", f"""No;{LOG_HEAD};Paraf
1;27/11/2024 06.30;tps;99.01.02.1001.001;SS;400;400;0;;AB
""")

    # 35 a value above the allowed range
    teks("35_tps_dpt_601.csv", """kode_tps,kode_kelurahan,nomor_tps,dpt,jenis,keterangan,lat,lon,rawan_banjir
99.01.01.1001.001,99.01.01.1001,1,601,reguler,,-6.95,110.05,tidak
99.01.01.1001.002,99.01.01.1001,2,300,reguler,,-6.96,110.06,ya
99.01.01.1002.001,99.01.01.1002,1,200,khusus,Rumah sakit,,,tidak
99.01.02.1001.001,99.01.02.1001,1,400,reguler,,-6.95,110.15,tidak
""")

    # 36 12-hour clock with AM/PM
    teks("36_insiden_ampm.csv", INS_HEAD + "\n"
         "K36,25/11/2024 2:30 PM,25/11/2024 1:45 PM,99.01.01,,,,,layanan,rendah,dilaporkan,opd,Antrean panjang,,,\n")

    # ---------------------------------------------------------------- boundaries
    kec = contoh_geo("kecamatan")
    kel = contoh_geo("kelurahan")

    # 37 BIG-style kecamatan shapefile in UTM zone 49S (the zone of lon 110), zipped
    big = gpd.GeoDataFrame({"NAMOBJ": ["ALPHA", "BETA"], "KDCPUM": ["99.01.01", "99.01.02"],
                            "WADMKK": ["Kota Contoh"] * 2}, geometry=kec.geometry, crs="EPSG:4326").to_crs(32749)
    zip_shp("37_batas_kecamatan_big_utm49s.zip", big, "ADMINISTRASIKECAMATAN_AR_50K")

    # 38 GADM style: NAME_3 without spaces, "NA" strings, an extra feature outside the list
    gadm = [feature({"GID_3": f"IDN.99.1.{i}_1", "NAME_2": "KotaContoh", "NAME_3": n, "VARNAME_3": "NA",
                     "TYPE_3": "Kecamatan"}, g) for i, (n, g) in enumerate(zip(["ALPHA", "Beta"], kec.geometry), 1)]
    gadm.append(feature({"GID_3": "IDN.99.1.3_1", "NAME_2": "KotaContoh", "NAME_3": "Gamma", "VARNAME_3": "NA",
                         "TYPE_3": "Kecamatan"}, box(110.2, -7.1, 110.3, -6.9)))
    geojson("38_batas_gadm.geojson", gadm)

    # 39 HDX/BPS style: ADM3_PCODE "ID" + BPS code, z coordinates, MultiPolygon
    hdx = [feature({"ADM3_EN": n, "ADM3_PCODE": p},
                   shapely.MultiPolygon([shapely.force_3d(g, 12.5)]))
           for n, p, g in zip(["Alpha", "Beta"], ["ID9901010", "ID9901020"], kec.geometry)]
    geojson("39_batas_hdx_bps.geojson", hdx)

    # 40 BIG desa layer: names with prefixes, a GeometryCollection, a clockwise ring, a self-crossing ring
    g1, g2, _ = kel.geometry
    bowtie = Polygon([(110.1, -7.1), (110.2, -6.9), (110.2, -7.1), (110.1, -6.9), (110.1, -7.1)])
    coll = shapely.GeometryCollection([g1, Point(110.05, -7.0)])
    cw = shapely.orient_polygons(g2, exterior_cw=True)
    feats = [feature({"WADMKD": "KEL. SATU", "WADMKC": "ALPHA"}, coll),
             feature({"WADMKD": "Kelurahan Dua", "WADMKC": "ALPHA"}, cw),
             feature({"WADMKD": "TIGA", "WADMKC": "BETA"}, bowtie)]
    geojson("40_batas_desa_big_geometri_rusak.geojson", feats)

    # 41 latitude and longitude swapped
    geojson("41_batas_latlon_tertukar.geojson",
            [feature({"kode": k}, shapely.transform(g, lambda c: c[:, ::-1]))
             for k, g in zip(["99.01.01", "99.01.02"], kec.geometry)])

    # 42 projected shapefile without its .prj
    zip_shp("42_batas_tanpa_prj.zip", big, "kecamatan_utm", skip=("prj",))

    # 43 points instead of polygons
    geojson("43_batas_titik.geojson", [feature({"kode": k}, g.representative_point())
                                       for k, g in zip(["99.01.01", "99.01.02"], kec.geometry)])

    # 44 a province-wide layer: other kab/kota are skipped, this one kept
    prov = [feature({"KDCPUM": k, "WADMKC": n}, g) for k, n, g in zip(["99.01.01", "99.01.02"], ["Alpha", "Beta"],
                                                                      kec.geometry)]
    prov += [feature({"KDCPUM": f"99.02.0{i}", "WADMKC": f"Lain {i}"}, box(111 + i / 10, -7.1, 111.05 + i / 10, -7.0))
             for i in range(1, 6)]
    geojson("44_batas_provinsi.geojson", prov)

    # 45 not GeoJSON at all
    (HERE / "45_batas_rusak.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")


# ---------------------------------------------------------------- issue 15: implausible input, workbooks, boundaries

def ods(name: str, sheets: dict[str, list[list[str]]]) -> None:
    """A minimal OpenDocument spreadsheet (LibreOffice Calc), every cell a string."""
    from xml.sax.saxutils import escape

    tabel = "".join(
        f'<table:table table:name="{escape(n)}">'
        + "".join("<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>'
            for c in r) + "</table:table-row>" for r in rows)
        + "</table:table>" for n, rows in sheets.items())
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f"<office:body><office:spreadsheet>{tabel}</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        waktu = (2024, 11, 26, 8, 0, 0)
        z.writestr(zipfile.ZipInfo("mimetype", date_time=waktu), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("content.xml", date_time=waktu), content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", date_time=waktu), manifest,
                   compress_type=zipfile.ZIP_DEFLATED)
    (HERE / name).write_bytes(buf.getvalue())


def xls(name: str, rows: list[list[str]]) -> None:
    """An Excel 97-2003 workbook (.xls). Written with xlwt when it is installed (``pip install
    xlwt``, only for this file); otherwise the committed file is kept."""
    try:
        import xlwt
    except ImportError:
        return
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Kategori")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    (HERE / name).write_bytes(buf.getvalue())


def buku(name: str, sheets: dict[str, list[list]]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for judul, rows in sheets.items():
        ws = wb.create_sheet(judul)
        for row in rows:
            ws.append(row)
    xlsx(name, wb)


LOG_KOLOM = LOG_HEAD.split(";")
KAT_BARIS = [["kode_kategori", "nama", "kelompok"], ["konflik", "Konflik atau gangguan keamanan", "konflik"],
             ["layanan", "Gangguan pelayanan publik", "pelayanan_publik"], ["apk", "Pelanggaran APK", "pelanggaran"],
             ["hoaks", "Hoaks di media sosial", "lainnya"]]


def kasus_isu15() -> None:
    # 46–48 event times far from the election: a year typed 2204, 2025 instead of 2024, a 2019 template
    teks("46_checklist_tahun_2204.csv", f"""{CHK_HEAD}
26/11/2204 09.00;99.01.02.1001.001;ya;ya;ya;ya;ya;ya;400;2;ya;siap;
""")
    teks("47_insiden_tahun_2025.csv", INS_HEAD + "\n"
         "K47,26/11/2025 13.00,26/11/2025 12.00,99.01.01,,,,,apk,rendah,dilaporkan,bawaslu,APK di jembatan,,,\n")
    teks("48_logistik_templat_2019.csv", f"""{LOG_HEAD}
17/04/2019 08.00;tps;99.01.02.1001.001;SS;400;400;0;
17/04/2019 08.00;tps;99.01.02.1001.001;KOTAK;2;2;0;
""")
    # 49 a per-voter factor typed with a dot: 1.025 is one thousand and twenty-five
    teks("49_logistik_item_per_pemilih_1025.csv", """\
kode_item;nama_item;satuan;per_tps;per_pemilih;cadangan_persen;urutan
KOTAK;Kotak suara;buah;2;0;0;1
SS;Surat suara;lembar;0;1.025;2,5%;2
""")
    # 50 a TPS of 200 voters "receiving" 5.220 ballots; 51 a little over the need (accepted, with a warning)
    teks("50_logistik_tps_5220.csv", f"""{LOG_HEAD}
26/11/2024 08.00;tps;99.01.01.1002.001;SS;200;5.220;0;
""")
    teks("51_logistik_lebih_kebutuhan.csv", f"""{LOG_HEAD}
26/11/2024 08.00;tps;99.01.01.1002.001;SS;200;230;0;cadangan dari PPS
""")
    # 52 an incident closed (selesai) reported again as dilaporkan; 53 the same change marked as a correction
    ulang = ("I2,26/11/2024 09.00,24/11/2024 07.00,99.01.01,99.01.01.1002,,,,layanan,sedang,{status},camat_lurah,"
             "Pelayanan kelurahan tertunda,{tl},Camat Alpha,27/11/2024")
    teks("52_insiden_selesai_kembali.csv", INS_HEAD + "\n" + ulang.format(status="dilaporkan", tl="") + "\n")
    teks("53_insiden_koreksi.csv", INS_HEAD + ",koreksi\n"
         + ulang.format(status="ditangani", tl="Dibuka lagi: layanan belum pulih") + ",ya\n")
    # 54 a neutrality case jumping from the report to the PPK decision; 55 a closed case reopened
    net = ("id_kasus;waktu;tanggal_kejadian;tanggal_laporan;kode_kecamatan;opd;jenis_pelanggaran;kelas;sumber;status;"
           "sanksi;batas_waktu")
    teks("54_netralitas_lompat_tahap.csv", net + "\n"
         "N3;27/11/2024 09.00;25/11/2024;26/11/2024;Alpha;Dinas Kesehatan;hadir kampanye;etik;aplikasi bkn;"
         "keputusan ppk;;\n")
    teks("55_netralitas_dibuka_lagi.csv", net + "\n"
         "N1;20/11/2024 09.00;08/11/2024;10/11/2024;99.01.01;Dinas Pendidikan;media_sosial;disiplin;temuan_bawaslu;"
         "klarifikasi;;\n")
    # 56 a KPPS sworn in before it was formed; 57 a TPS whose KPPS was sworn in and trained, later "not"
    teks("56_checklist_kpps_dilantik_sebelum_dibentuk.csv", f"""{CHK_HEAD}
26/11/2024 10.00;99.01.02.1001.001;tidak;ya;ya;ya;ya;ya;400;2;ya;belum;
""")
    teks("57_checklist_tugas_mundur.csv", f"""{CHK_HEAD}
26/11/2024 10.00;99.01.01.1001.001;ya;tidak;tidak;ya;ya;ya;100;2;ya;belum;
""")
    # 58–61 personal data typed into free-text columns of shared files
    teks("58_netralitas_opd_nip.csv", net + "\n"
         "N6;26/11/2024 10.00;25/11/2024;26/11/2024;99.01.02;SENTINEL Budi 198001012010011001 Dinas Sosial;"
         "media_sosial;etik;laporan_masyarakat;laporan;;\n")
    teks("59_insiden_pic_telepon.csv", INS_HEAD + "\n"
         "K59,26/11/2024 13.00,26/11/2024 12.00,99.01.02,,,,,apk,rendah,dilaporkan,bawaslu,APK di jembatan,,"
         "SENTINEL Pak Budi 0812-3456-7890,\n")
    teks("60_logistik_catatan_email.csv", f"""{LOG_HEAD}
26/11/2024 08.00;tps;99.01.01.1002.001;SS;200;200;0;konfirmasi ke sentinel.budi@contoh.go.id
""")
    teks("61_checklist_catatan_nik.csv", f"""{CHK_HEAD}
26/11/2024 10.00;99.01.02.1001.001;ya;ya;ya;ya;ya;ya;400;2;ya;siap;ketua KPPS NIK 3275010101800001
""")
    # 62 one workbook, one sheet per kecamatan: both read; 63 a second sheet holding another table: refused,
    # named; 64 an error on the second sheet: its sheet and row named
    alpha = [LOG_KOLOM, [dt.datetime(2024, 11, 26, 7, 0), "tps", "99.01.01.1002.001", "SS", 200, 200, 0, None]]
    beta = [LOG_KOLOM, [dt.datetime(2024, 11, 26, 7, 30), "tps", "99.01.02.1001.001", "SS", 400, 400, 0, "lengkap"]]
    buku("62_logistik_dua_lembar.xlsx", {"Kec Alpha": alpha, "Kec Beta": beta})
    buku("63_logistik_lembar_lain.xlsx", {"Penerimaan": alpha,
                                          "Rekap": [["Kecamatan", "Jumlah TPS", "Persen lengkap"], ["Alpha", 3, 67],
                                                    ["Beta", 1, 100]]})
    beta_salah = [*beta, [dt.datetime(2024, 11, 26, 7, 45), "tps", "99.01.02.1001.001", "KOTAK", 2, "dua ratus", 0]]
    buku("64_logistik_dua_lembar_galat.xlsx", {"Kec Alpha": alpha, "Kec Beta": beta_salah})
    # 65 a workbook written by a program: formulas whose values were never stored
    wb = Workbook()
    ws = wb.active
    ws.append(["kode_tps", "kode_kelurahan", "nomor_tps", "dpt", "jenis", "keterangan", "lat", "lon", "rawan_banjir"])
    ws.append(["99.01.01.1001.001", "99.01.01.1001", 1, "=90+10", "reguler", None, -6.95, 110.05, "tidak"])
    ws.append(["99.01.01.1001.002", "99.01.01.1001", 2, 300, "reguler", None, -6.96, 110.06, "ya"])
    ws.append(["99.01.01.1002.001", "99.01.01.1002", 1, 200, "khusus", "Rumah sakit", None, None, "tidak"])
    ws.append(["99.01.02.1001.001", "99.01.02.1001", 1, "=SUM(350,50)", "reguler", None, -6.95, 110.15, "tidak"])
    xlsx("65_tps_rumus_tanpa_nilai.xlsx", wb)
    # 66 LibreOffice Calc (.ods) and 67 Excel 97-2003 (.xls): read like XLSX
    ods("66_kategori.ods", {"Kategori": KAT_BARIS})
    xls("67_kategori_excel97.xls", KAT_BARIS)
    # 68–71 files that are not tables, whatever their name says
    (HERE / "68_pdf_bernama_csv.csv").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", date_time=(2024, 11, 26, 8, 0, 0)), "<Types/>")
        z.writestr(zipfile.ZipInfo("word/document.xml", date_time=(2024, 11, 26, 8, 0, 0)), "<w:document/>")
    (HERE / "69_word_bernama_xlsx.xlsx").write_bytes(buf.getvalue())
    (HERE / "70_gambar_bernama_csv.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    teks("71_halaman_web_bernama_xls.xls", "<html><head><meta charset=utf-8></head><body><table>"
         "<tr><td>kode_kategori</td><td>nama</td><td>kelompok</td></tr></table></body></html>\n")
    # 72 a NUL byte inside one cell (a damaged save): the row is named
    teks("72_insiden_nul.csv", INS_HEAD + "\n"
         "K72,26/11/2024 13.00,26/11/2024 12.00,99.01.01,,,,,apk,rendah,dilaporkan,bawaslu,APK di jembatan,,,\n"
         "K73,26/11/2024 13.10,26/11/2024 12.10,99.01.01,,,,,apk,rendah,dilaporkan,bawaslu,APK di\x00pasar,,,\n")
    # 73 a bare carriage return inside a quoted cell: the error on the row below keeps its number
    teks("73_insiden_cr_dalam_sel.csv", INS_HEAD + "\n"
         'K74,26/11/2024 13.00,26/11/2024 12.00,99.01.01,,,,,apk,rendah,dilaporkan,bawaslu,"APK di\rjembatan",,,\n'
         "K75,26/11/2024 13.10,26/11/2024 12.10,99.01.01,,,,,apk,rendah,dilaporkan,bawaslu,APK di taman,,,\n"
         "K76,26/11/2024 13.20,26/11/2024 12.20,Kecamatan Gamma,,,,,apk,rendah,dilaporkan,bawaslu,APK di pasar,,,\n")
    # 74 a sheet saved with 16.384 empty columns; 75 old Mac Excel "CSV (Macintosh)": CR line endings
    kosong = ";" * 16384
    teks("74_logistik_16384_kolom_kosong.csv", f"{LOG_HEAD}{kosong}\n"
         f"26/11/2024 08.00;tps;99.01.01.1002.001;SS;200;200;0;lengkap{kosong}\n")
    (HERE / "75_logistik_akhir_baris_cr.csv").write_bytes(
        f"{LOG_HEAD}\r26/11/2024 08.15;tps;99.01.01.1002.001;KOTAK;2;2;0;kurir\r".encode())

    # ---------------------------------------------------------------- boundaries that must not be guessed
    kel = contoh_geo("kelurahan")
    g1, g2, g3 = kel.geometry
    # 76 a misspelt kelurahan whose kecamatan column holds a kelurahan's name: skipped, never merged there
    geojson("76_batas_desa_salah_ketik.geojson", [
        feature({"WADMKD": "KEL. SATU", "WADMKC": "ALPHA"}, g1),
        feature({"WADMKD": "Duaa", "WADMKC": "Satu"}, g2),
        feature({"WADMKD": "TIGA", "WADMKC": "BETA"}, g3)])
    # 77 the file's kecamatan disagrees with the kelurahan's parent
    geojson("77_batas_desa_kecamatan_tidak_cocok.geojson", [
        feature({"WADMKD": "Satu", "WADMKC": "Alpha"}, g1), feature({"WADMKD": "Dua", "WADMKC": "Alpha"}, g2),
        feature({"WADMKD": "Tiga", "WADMKC": "Alpha"}, g3)])
    # 78 a kab/kota boundary and 79 a province boundary, instead of kecamatan or kelurahan
    kota = shapely.union_all(list(kel.geometry))
    geojson("78_batas_kabkota.geojson", [feature({"WADMKK": "Kota Contoh", "WADMPR": "Provinsi Contoh",
                                                 "KDPKAB": "99.01"}, kota)])
    geojson("79_batas_provinsi_saja.geojson", [feature({"WADMPR": "Provinsi Contoh", "KDPPUM": "99"},
                                                      kota.buffer(0.05))])
    # 80 thirty features that match nothing: every one listed
    kec = contoh_geo("kecamatan")
    banyak = [feature({"NAMOBJ": n}, g) for n, g in zip(["Alpha", "Beta"], kec.geometry)]
    banyak += [feature({"NAMOBJ": f"Dusun Fiktif {i}"}, box(110.0 + i / 100, -7.0, 110.005 + i / 100, -6.995))
               for i in range(1, 31)]
    geojson("80_batas_banyak_tak_cocok.geojson", banyak)
    # 81 kelurahan boundaries only, while kecamatan boundaries exist: the note names --turunkan-kecamatan
    geojson("81_batas_desa_tanpa_turunkan.geojson", [feature({"NAMOBJ": n}, g)
                                                     for n, g in zip(["Satu", "Dua", "Tiga"], kel.geometry)])


if __name__ == "__main__":
    main()
    kasus_isu15()
    print(f"Ditulis: {len(list(HERE.glob('[0-9][0-9]_*')))} berkas di {HERE}")
