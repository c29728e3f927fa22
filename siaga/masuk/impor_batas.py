"""Boundary import: a GeoJSON or shapefile (zip, folder or .shp) in any common property style
becomes the canonical ``geo/kecamatan.geojson`` or ``geo/kelurahan.geojson`` (property ``kode``
= Kemendagri code, ``nama`` = official name, WGS84, simplified once for display).

Property styles are recognised by their values, not their names: Kemendagri codes (``kode``,
BIG's ``KDCPUM``/``KDEPUM``), BPS codes through the crosswalk (``ADM3_PCODE`` = ``ID3275010``,
``KDCBPS``), or names through the alias matcher (BIG's ``WADMKC``/``WADMKD``/``NAMOBJ``, GADM's
``NAME_3`` without spaces and ``"NA"`` for missing, HDX's ``ADM3_EN``, hand-drawn files with
only a name). The level (kecamatan or kelurahan) is the one with the most distinct matches.
Geometry: z dropped, GeometryCollections reduced to their polygons, invalid rings repaired,
rings oriented (RFC 7946), projected CRS (e.g. UTM 48S) transformed to WGS84.
"""

from __future__ import annotations

import json
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from siaga.inti import fmt
from siaga.inti.config import Paths, Wilayah, muat_wilayah
from siaga.inti.masalah import PERINGATAN, Masalah, MasalahError
from siaga.masuk import geo
from siaga.masuk.cocok import CARA_BPS, CARA_KODE, TINGKAT, Pencocok
from siaga.masuk.hasil import Berkas, HasilImpor, sha256
from siaga.masuk.periksa import muat_sekarang
from siaga.masuk.urai import norm_nama

AKHIRAN = (".geojson", ".json", ".shp", ".gpkg")
INDONESIA = (94.0, -11.5, 142.0, 6.5)        # lon/lat bounding box
CELAH = 0.001        # a gap between kelurahan smaller than this share of their kecamatan is closed when dissolving


def _tolak(sumber: str, alasan: str) -> MasalahError:
    return MasalahError([Masalah(sumber, None, None, None, alasan)])


# ------------------------------------------------------------------ reading

def _pilih(cands: list[str], sumber: str) -> str:
    cands = [c for c in cands if "__MACOSX" not in c and not Path(c).name.startswith("._")]
    if not cands:
        raise _tolak(sumber, "tidak ada berkas .shp, .geojson atau .gpkg di dalamnya; shapefile diunggah sebagai .zip "
                             "berisi .shp, .shx, .dbf dan .prj")
    if len(cands) > 1:
        raise _tolak(sumber, "berisi lebih dari satu lapisan batas (" + ", ".join(Path(c).name for c in cands)
                     + "); impor satu per satu")
    return cands[0]


def baca(src: Path, sumber: str) -> gpd.GeoDataFrame:
    """Read a GeoJSON, a shapefile (``.shp``, a folder or a ``.zip``) or a GeoPackage."""
    src = Path(src)
    if src.is_dir():
        target = _pilih([str(p) for p in sorted(src.rglob("*")) if p.suffix.lower() in AKHIRAN], sumber)
    elif zipfile.is_zipfile(src):
        with zipfile.ZipFile(src) as z:
            inner = _pilih([n for n in z.namelist() if n.lower().endswith(AKHIRAN)], sumber)
        target = f"/vsizip/{src}/{inner}"
    else:
        target = str(src)
    try:
        gdf = gpd.read_file(target, engine="pyogrio")
    except Exception:  # pyogrio/GDAL raise many kinds
        hint = (" (shapefile perlu .shx dan .dbf: unggah .zip yang berisi semuanya)"
                if str(target).lower().endswith(".shp") else "")
        raise _tolak(sumber, "berkas batas wilayah tidak dapat dibaca sebagai GeoJSON atau shapefile" + hint) from None
    if gdf.empty:
        raise _tolak(sumber, "berkas batas wilayah tidak berisi fitur")
    return gdf


# ------------------------------------------------------------------ geometry

def _poligon(g) -> tuple[shapely.Geometry | None, str]:
    """The polygonal part of a geometry (repaired), and what was done: '', 'diperbaiki', 'koleksi', or why None."""
    if g is None or g.is_empty:
        return None, "geometri kosong"
    what = ""
    if g.geom_type == "GeometryCollection":
        what = "koleksi"
    if not g.is_valid:
        g = shapely.make_valid(g)
        what = what or "diperbaiki"
    parts = list(shapely.get_parts(g))
    polys = []
    while parts:
        p = parts.pop()
        if p.geom_type in ("Polygon", "MultiPolygon"):
            polys.append(p)
        elif p.geom_type == "GeometryCollection":
            parts += list(shapely.get_parts(p))
    if not polys:
        return None, f"bukan poligon ({g.geom_type})"
    return shapely.union_all(polys), what


def _tampilan(g: shapely.Geometry) -> shapely.Geometry:
    """Simplified once for display, snapped to ~1 m, valid, counter-clockwise exterior rings."""
    s = shapely.set_precision(shapely.simplify(g, geo.SIMPLIFY_DEG, preserve_topology=True), 10 ** -geo.DECIMALS)
    if s.is_empty:
        s = shapely.set_precision(g, 10 ** -geo.DECIMALS)
    if not s.is_valid:
        s = shapely.make_valid(s)
    s, _ = _poligon(s)
    return shapely.orient_polygons(s, exterior_cw=False)


def _bulat(obj):
    if isinstance(obj, float):
        return round(obj, geo.DECIMALS)
    if isinstance(obj, (list, tuple)):
        return [_bulat(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _bulat(v) for k, v in obj.items()}
    return obj


def geojson_kanonik(tingkat: str, fitur: list[tuple[str, str, shapely.Geometry]]) -> bytes:
    fc = {"type": "FeatureCollection", "name": tingkat, "features": [
        {"type": "Feature", "properties": {"kode": k, "nama": n}, "geometry": _bulat(mapping(g))}
        for k, n, g in sorted(fitur)]}
    return (json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _ke_wgs84(gdf: gpd.GeoDataFrame, sumber: str, catatan: list[str]) -> gpd.GeoDataFrame:
    if gdf.crs is None:
        minx, miny, maxx, maxy = gdf.total_bounds
        if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
            catatan.append("Sistem koordinat tidak disebut; dianggap WGS84 (derajat lintang/bujur).")
            return gdf.set_crs("EPSG:4326")
        raise _tolak(sumber, "koordinat dalam meter tetapi sistem koordinatnya tidak disebut (berkas .prj tidak ada); "
                             "sertakan .prj di dalam .zip atau simpan ulang dalam WGS84")
    if gdf.crs.to_epsg() in (4326, 4979):         # WGS84, with or without heights
        return gdf.set_crs("EPSG:4326", allow_override=True)
    if not gdf.crs.equals("EPSG:4326"):
        epsg = gdf.crs.to_epsg()
        catatan.append(f"Koordinat diubah dari {gdf.crs.name}" + (f" (EPSG:{epsg})" if epsg else "") + " ke WGS84.")
        return gdf.to_crs("EPSG:4326")
    return gdf


# ------------------------------------------------------------------ matching

def _teks(s: pd.Series) -> pd.Series:
    def one(x):
        if x is None or (isinstance(x, float) and np.isnan(x)):
            return None
        if isinstance(x, float) and x.is_integer():
            return str(int(x))
        return str(x).strip()
    return s.map(one).astype(object)


@dataclass(frozen=True)
class KolomBatas:
    """A property column and the level its values name (kecamatan or kelurahan), with how many
    distinct places it names there and whether by code (Kemendagri or BPS) or by name."""
    nama: str
    tingkat: str
    n: int
    kode: bool


def _peran_kolom(cols: dict[str, pd.Series], pc: Pencocok) -> list[KolomBatas]:
    """Each property column that names places, at the one level it names most of (a kecamatan
    column of a kelurahan file names kecamatan, whatever a kelurahan happens to be called)."""
    out = []
    for c, s in cols.items():
        if s.isna().all():
            continue
        best = None
        for lv in TINGKAT:
            r = pc.banyak(s, (lv,))
            n = int(r["kode"].nunique())
            kode = bool(r["cara"].isin([CARA_KODE, CARA_BPS]).any())
            if n and (best is None or n > best.n):
                best = KolomBatas(c, lv, n, kode)
        if best is not None:
            out.append(best)
    return out


def cocokkan(props: pd.DataFrame, pc: Pencocok, tingkat: str | None = None) -> tuple[str, pd.DataFrame]:
    """The level of the file and, per feature: ``kode``, ``cara``, ``kolom``, ``nilai``, ``alasan``,
    ``induk_berkas`` (the kecamatan the feature's own kecamatan column names, if any).

    A feature matches by its own code or name column of that level only (the code first): never
    through another column, so a kelurahan whose name is misspelled is not merged into a
    kelurahan named like its kecamatan. Kelurahan names that repeat across kecamatan are told
    apart by the feature's kecamatan column."""
    cols = {c: _teks(props[c]) for c in props.columns}
    peran = _peran_kolom(cols, pc)
    per_tingkat = {lv: sum(k.n for k in peran if k.tingkat == lv) for lv in TINGKAT}
    # a kelurahan file names its kecamatan too; a kecamatan file has no kelurahan column
    lv = tingkat or ("kelurahan" if per_tingkat["kelurahan"] else "kecamatan")
    sendiri = sorted((k for k in peran if k.tingkat == lv), key=lambda k: (not k.kode, -k.n))
    kode_kol = next((k.nama for k in sendiri if k.kode), None)
    nama_kol = next((k.nama for k in sendiri if not k.kode), None)
    kec_kol = next((k.nama for k in sorted(peran, key=lambda k: (not k.kode, -k.n)) if k.tingkat == "kecamatan"),
                   None) if lv == "kelurahan" else None
    induk = pc.banyak(cols[kec_kol], ("kecamatan",))["kode"] if kec_kol else None
    out = pd.DataFrame({"kode": None, "cara": None, "kolom": None, "nilai": None, "alasan": None,
                        "induk_berkas": None}, index=props.index, dtype=object)
    if induk is not None:
        out["induk_berkas"] = induk
    for c in (kode_kol, nama_kol):
        if c is None:
            continue
        s = cols[c]
        r = pc.banyak(s, (lv,), induk)
        todo = out["kode"].isna()
        take = todo & r["kode"].notna()
        out.loc[take, ["kode", "cara"]] = r.loc[take, ["kode", "cara"]].to_numpy()
        out.loc[take, "kolom"] = c
        out.loc[take, "nilai"] = s[take]
        why = todo & ~take & out["alasan"].isna() & (r["alasan"].notna() | s.isna())
        out.loc[why, "alasan"] = r.loc[why, "alasan"].where(r.loc[why, "alasan"].notna(), f"kolom {c} kosong")
        out.loc[why, "kolom"] = c
        out.loc[why, "nilai"] = s[why]
    if kode_kol is None and nama_kol is None:
        out["alasan"] = f"tidak ada properti kode atau nama {lv}"
    return lv, out


def _tingkat_atas(props: pd.DataFrame, wil: Wilayah) -> tuple[str, str] | None:
    """(level, what names it) when the features name the desk's kab/kota or its province itself,
    by code or name, rather than its kecamatan or kelurahan."""
    nama_kab = {norm_nama(wil.nama), norm_nama(re.sub(r"^(kota|kabupaten|kab\.?)\s+", "", wil.nama, flags=re.I))}
    nama_prov = {norm_nama(wil.provinsi)} - {""}
    kolom = {c: _teks(props[c]).dropna() for c in props.columns}
    for c, s in kolom.items():
        if s.eq(wil.kode).any() or s.map(norm_nama).isin(nama_kab).any():
            return "kab/kota", f"{c} = {s.iloc[0]}"
    for c, s in kolom.items():
        if s.map(norm_nama).isin(nama_prov).any() or (s.eq(wil.kode[:2]).any() and "KD" in str(c).upper()):
            return "provinsi", f"{c} = {s.iloc[0]}"
    return None


def _di_luar(props: pd.DataFrame, kode_kab: str, bps_kab: set[str]) -> pd.Series:
    """Features whose codes place them in another kab/kota (province-wide files)."""
    out = pd.Series(False, index=props.index)
    for c in props.columns:
        s = _teks(props[c]).fillna("")
        kem = s.str.fullmatch(r"\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?") & ~s.str.startswith(kode_kab)
        b = s.str.replace(r"^ID", "", regex=True)
        bps = b.str.fullmatch(r"\d{7}|\d{10}") & ~b.str[:4].isin(bps_kab) if bps_kab else False
        out |= kem | bps
    return out


# ------------------------------------------------------------------ the dry run

def periksa(paths: Paths, data: bytes | None, sumber: str, path: Path | None = None, tingkat: str | None = None,
            turunkan: bool = False) -> HasilImpor:
    """Read, match and convert a boundary file; nothing is written (see :func:`siaga.masuk.impor.impor`)."""
    lap = HasilImpor("batas", sumber, sha256(data) if data is not None else "")
    try:
        wil = muat_wilayah(paths.data)
    except MasalahError as exc:
        lap.masalah += exc.masalah
        return lap
    tabel, tak = muat_sekarang(paths, {"wilayah"})
    if "wilayah" not in tabel:
        lap.masalah.append(Masalah("wilayah.csv", None, None, None,
                                   f"wilayah.csv {tak['wilayah']} di folder data; impor wilayah.csv lebih dulu"))
        return lap
    pc = Pencocok(tabel["wilayah"])
    try:
        with tempfile.TemporaryDirectory(prefix="siaga-batas-") as tmp:
            src = path
            if src is None:
                src = Path(tmp) / (Path(sumber).name or "batas.geojson")
                src.write_bytes(data or b"")
            if data is None and src.is_file():
                lap.sumber_sha256 = sha256(src.read_bytes())
            lap.format = "GeoJSON" if src.suffix.lower() in (".geojson", ".json") else "shapefile"
            gdf = baca(src, sumber)
        gdf = _ke_wgs84(gdf, sumber, lap.catatan)
    except MasalahError as exc:
        lap.masalah += exc.masalah
        return lap
    lap.baris_dibaca = len(gdf)
    props = pd.DataFrame(gdf.drop(columns=gdf.geometry.name)).reset_index(drop=True)
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    lv, hasil = cocokkan(props, pc, tingkat)
    lap.catatan.append(f"Tingkat wilayah: {lv} ({'dipilih' if tingkat else 'dikenali dari isi berkas'}).")
    nz = int(shapely.has_z(np.array([g for g in geoms if g is not None], dtype=object)).sum()) if len(geoms) else 0
    if nz:
        lap.catatan.append(f"{fmt.angka(nz)} fitur punya koordinat z (ketinggian); diabaikan.")
    kode_sah = {k for k, t in pc.tingkat.items() if t == lv}
    bps_kab = {b[:4] for b in pc.bps}
    luar = _di_luar(props, wil.kode, bps_kab) & hasil["kode"].isna()
    if luar.any():
        lap.catatan.append(f"{fmt.angka(int(luar.sum()))} fitur berada di luar {wil.nama} "
                           "(menurut kodenya) dan dilewati.")
    per_kode: dict[str, list] = {}
    counts = {"koleksi": 0, "diperbaiki": 0}
    bukan_poligon = 0
    tak: list[dict] = []
    for i, (g, row) in enumerate(zip(geoms, hasil.itertuples(index=False))):
        if luar.iloc[i]:
            continue
        if row.kode is None:
            alasan = row.alasan or "tidak ada properti kode atau nama"
            tak.append({"fitur": i + 1, "kolom": row.kolom or "", "nilai": "" if row.nilai is None else str(row.nilai),
                        "alasan": alasan})
            lap.masalah.append(Masalah(sumber, None, row.kolom, row.nilai, f"fitur ke-{i + 1} dilewati: {alasan}",
                                       PERINGATAN))
            continue
        induk = pc.induk.get(row.kode)
        if lv == "kelurahan" and row.induk_berkas is not None and induk != row.induk_berkas:
            lap.masalah.append(Masalah(sumber, None, row.kolom, row.nilai,
                                       f"fitur ke-{i + 1}: kelurahan {pc.label(row.kode)} berada di kecamatan "
                                       f"{pc.label(induk)}, tetapi berkas menyebut kecamatan "
                                       f"{pc.label(row.induk_berkas)}; periksa nama atau kode kelurahan dan "
                                       "kecamatannya"))
            continue
        g2 = shapely.force_2d(g) if g is not None else None
        poly, what = _poligon(g2)
        if poly is None:
            bukan_poligon += 1
            lap.masalah.append(Masalah(sumber, None, row.kolom, row.nilai, f"fitur ke-{i + 1} dilewati: {what}",
                                       PERINGATAN))
            continue
        if what:
            counts[what] += 1
        per_kode.setdefault(row.kode, []).append(poly)
    lap.tak_cocok = pd.DataFrame(tak, columns=["fitur", "kolom", "nilai", "alasan"])
    if tak:
        lap.catatan.append(f"{fmt.angka(len(tak))} fitur tidak cocok dengan {lv} mana pun dan dilewati (semuanya "
                           "tercantum di daftar masalah).")
    if counts["koleksi"]:
        lap.catatan.append(f"{fmt.angka(counts['koleksi'])} GeometryCollection diambil bagian poligonnya.")
    if counts["diperbaiki"]:
        lap.catatan.append(f"{fmt.angka(counts['diperbaiki'])} geometri tidak sah diperbaiki.")
    matched = hasil[hasil["kode"].notna()]
    lap.padanan = (matched.groupby(["kolom", "nilai", "kode", "cara"], dropna=False).size().reset_index(name="jumlah")
                   .assign(nama=lambda d: d["kode"].map(pc.nama))[["kolom", "nilai", "kode", "nama", "cara", "jumlah"]]
                   .sort_values("kode", kind="stable").reset_index(drop=True))
    if not per_kode and bukan_poligon:
        lap.masalah.append(Masalah(sumber, None, None, None, "fitur yang cocok tidak berisi poligon: batas wilayah "
                                                             "harus berupa area (Polygon atau MultiPolygon)"))
        return lap
    if not per_kode:
        atas = _tingkat_atas(props, wil) if hasil["kode"].isna().all() else None
        if atas is not None:       # the whole file is at another level: one message says so
            lewat = ("Tingkat wilayah:", f"{fmt.angka(len(tak))} fitur")
            lap.catatan = [c for c in lap.catatan if not c.startswith(lewat)]
            lap.masalah = [m for m in lap.masalah if "dilewati" not in m.alasan]
            lap.masalah.append(Masalah(sumber, None, None, atas[1],
                                       f"berkas ini berisi batas tingkat {atas[0]} ({fmt.angka(len(props))} fitur), "
                                       "bukan kecamatan atau kelurahan/desa; impor batas kecamatan (mis. BIG "
                                       "ADMINISTRASIKECAMATAN_AR) atau kelurahan/desa (ADMINISTRASIDESA_AR)"))
            return lap
        lap.masalah.append(Masalah(sumber, None, None, None,
                                   f"tidak ada fitur yang cocok dengan kecamatan atau kelurahan di wilayah.csv "
                                   f"(properti yang diperiksa: {', '.join(map(str, props.columns)) or 'tidak ada'})"))
        return lap
    gabung = {k: len(v) for k, v in per_kode.items() if len(v) > 1}
    if gabung:
        lap.catatan.append(f"{fmt.angka(len(gabung))} {lv} terdiri dari beberapa fitur yang digabung: "
                           + ", ".join(pc.label(k) for k in sorted(gabung)[:10]) + ".")
    utuh = {k: shapely.union_all(v) for k, v in per_kode.items()}
    minx, miny, maxx, maxy = shapely.total_bounds(list(utuh.values()))
    if not (INDONESIA[0] <= minx and maxx <= INDONESIA[2] and INDONESIA[1] <= miny and maxy <= INDONESIA[3]):
        swapped = INDONESIA[1] <= minx and maxx <= INDONESIA[3] and INDONESIA[0] <= miny and maxy <= INDONESIA[2]
        lap.masalah.append(Masalah(sumber, None, None, f"{minx:.3f}, {miny:.3f} – {maxx:.3f}, {maxy:.3f}",
                                   "koordinat di luar Indonesia: " + ("lintang dan bujur tertukar" if swapped else
                                                                      "sistem koordinat salah atau tidak disebut")))
        return lap
    for k in sorted(kode_sah - set(utuh)):
        lap.masalah.append(Masalah(sumber, None, "kode", k, f"{lv} {pc.nama.get(k, '')} tidak punya batas di berkas "
                                                            "ini; peta tidak menampilkannya", PERINGATAN))
    tampil = {k: _tampilan(g) for k, g in utuh.items()}
    lap.berkas = [Berkas("geo", geo.BERKAS_BATAS[lv],
                         geojson_kanonik(lv, [(k, pc.nama[k], g) for k, g in tampil.items()]), len(tampil))]
    luas = gpd.GeoSeries(list(utuh.values()), crs="EPSG:4326").to_crs("EPSG:6933").area / 1e6
    lap.pratinjau = (pd.DataFrame({"kode": list(utuh), "nama": [pc.nama[k] for k in utuh],
                                   "fitur": [len(per_kode[k]) for k in utuh],
                                   "luas_km2": [fmt.angka(a, 2) for a in luas]})
                     .sort_values("kode").reset_index(drop=True))
    if lv == "kelurahan" and not turunkan:
        if (paths.geo / geo.BERKAS_BATAS["kecamatan"]).is_file():
            lap.catatan.append("Batas kecamatan yang ada tidak diubah; untuk membentuknya dari batas kelurahan ini, "
                               "impor dengan --turunkan-kecamatan (halaman Data: centang Turunkan juga batas "
                               "kecamatan).")
        else:
            lap.catatan.append("Belum ada batas kecamatan: dasbor menurunkannya dari batas kelurahan ini saat dimuat. "
                               "Untuk menyimpannya sebagai berkas, impor dengan --turunkan-kecamatan.")
    if turunkan and lv == "kelurahan":
        _turunkan(lap, pc, tampil, utuh)
    return lap


def tutup_celah(g: shapely.Geometry, semua: shapely.Geometry) -> tuple[shapely.Geometry, int]:
    """A dissolved unit without the slivers its parts leave between them, and how many were closed.
    A hole is closed when it is smaller than :data:`CELAH` of the unit and mostly covered by no unit
    at all (a gap in the source); a hole filled by another unit (an enclave) stays."""
    bagian, tutup = [], 0
    for p in shapely.get_parts(g):
        lubang = []
        for cincin in p.interiors:
            h = shapely.Polygon(cincin)
            if h.area < CELAH * g.area and h.intersection(semua).area < 0.5 * h.area:
                tutup += 1
            else:
                lubang.append(cincin)
        bagian.append(shapely.Polygon(p.exterior, lubang))
    return (shapely.union_all(bagian) if tutup else g), tutup


def _turunkan(lap: HasilImpor, pc: Pencocok, tampil: dict, utuh: dict) -> None:
    """Also write kecamatan boundaries, dissolved from the kelurahan (kelurahan first, then kecamatan),
    without the slivers between neighbouring kelurahan."""
    per_kec: dict[str, list] = {}
    for k, g in utuh.items():
        per_kec.setdefault(pc.induk[k], []).append(g)
    for kec, gs in sorted(per_kec.items()):
        semua = [k for k, t in pc.tingkat.items() if t == "kelurahan" and pc.induk.get(k) == kec]
        if len(gs) < len(semua):
            lap.masalah.append(Masalah(lap.sumber, None, "kode", kec,
                                       f"batas kecamatan {pc.nama.get(kec, '')} diturunkan dari {len(gs)} dari "
                                       f"{len(semua)} kelurahannya", PERINGATAN))
    semua = shapely.union_all(list(utuh.values()))
    fitur, celah = [], 0
    for kec, gs in per_kec.items():
        g, n = tutup_celah(shapely.union_all(gs), semua)
        fitur.append((kec, pc.nama[kec], _tampilan(g)))
        celah += n
    lap.berkas.append(Berkas("geo", geo.BERKAS_BATAS["kecamatan"], geojson_kanonik("kecamatan", fitur), len(fitur)))
    lap.catatan.append(f"Batas {fmt.angka(len(fitur))} kecamatan diturunkan dari batas kelurahan"
                       + (f"; {fmt.angka(celah)} celah kecil di antara kelurahan ditutup." if celah else "."))


# ------------------------------------------------------------------ staged check and restore

def cek_tahap(b: Berkas, tmp: Path) -> list[Masalah]:
    """A staged boundary file must read back as a valid canonical GeoJSON with the expected features."""
    try:
        g = gpd.read_file(tmp, engine="pyogrio")
    except Exception:  # pyogrio raises several types
        return [Masalah(b.nama, None, None, None, "berkas sementara tidak dapat dibaca ulang")]
    bad = []
    if "kode" not in g.columns or len(g) != b.baris:
        bad.append(Masalah(b.nama, None, "kode", None, "berkas sementara tidak berisi fitur yang diperiksa"))
    elif not bool(g.geometry.is_valid.all()) or not g.geom_type.isin(["Polygon", "MultiPolygon"]).all():
        bad.append(Masalah(b.nama, None, None, None, "geometri berkas sementara tidak sah"))
    return bad


def periksa_kanonik(paths: Paths, b: Berkas) -> HasilImpor:
    """Check a canonical boundary file of a stored version against the current wilayah.csv (restore)."""
    lap = HasilImpor("batas", b.nama, b.sha256)
    tabel, tak = muat_sekarang(paths, {"wilayah"})
    if "wilayah" not in tabel:
        lap.masalah.append(Masalah("wilayah.csv", None, None, None, f"wilayah.csv {tak['wilayah']} di folder data"))
        return lap
    w = tabel["wilayah"]
    tingkat = next(t for t, n in geo.BERKAS_BATAS.items() if n == b.nama)
    with tempfile.TemporaryDirectory(prefix="siaga-batas-") as tmp:
        p = Path(tmp) / b.nama
        p.write_bytes(b.isi)
        _, m = geo.muat_batas(Path(tmp), tingkat, set(w.loc[w["tingkat"] == tingkat, "kode"].dropna()))
    lap.masalah += m
    lap.berkas = [b]
    return lap

