"""Boundaries: read once per data version, keyed on Kemendagri codes, simplified once for display."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.ops import polylabel

from siaga.inti.masalah import GALAT, PERINGATAN, Masalah
from siaga.masuk.cocok import TINGKAT

TINGKAT_MULTI = ("provinsi", "kabkota", "kecamatan")  # of a province or national desk (no kelurahan)
BERKAS_BATAS = {t: f"{t}.geojson" for t in ("provinsi", "kabkota", *TINGKAT)}
SIMPLIFY_DEG = 0.0004    # ~45 m: invisible at city zoom, shrinks the payload
# Coarser levels are simplified harder, once per data version: a national map of 500 kab/kota
# stays a few hundred KB.
SIMPLIFY_TINGKAT = {"provinsi": 0.02, "kabkota": 0.005}


def tingkat_batas(multi: bool) -> tuple[str, ...]:
    return TINGKAT_MULTI if multi else TINGKAT
DECIMALS = 5             # ~1 m


@dataclass(frozen=True)
class Batas:
    tingkat: str
    gdf: gpd.GeoDataFrame        # columns: kode, geometry (simplified, WGS84)
    bounds: tuple[float, float, float, float]

    def pusat(self) -> pd.DataFrame:
        """A point inside each polygon, per code (cheap: computed for every unit at load)."""
        pts = self.gdf.geometry.representative_point()
        return pd.DataFrame({"kode": self.gdf["kode"].to_numpy(), "lat": pts.y.round(DECIMALS).to_numpy(),
                             "lon": pts.x.round(DECIMALS).to_numpy()})

    def titik_label(self) -> pd.DataFrame:
        """Where a map puts each unit's name, per code: the point of its largest part farthest from
        the edges (pole of inaccessibility). On real, long or bent boundaries it sits in the body of
        the unit, so neighbouring labels stay apart; computed only for the units a map labels."""
        pts = [_titik_label(g) for g in self.gdf.geometry]
        return pd.DataFrame({"kode": self.gdf["kode"].to_numpy(), "lat": [round(p.y, DECIMALS) for p in pts],
                             "lon": [round(p.x, DECIMALS) for p in pts]})


def _titik_label(g: shapely.Geometry) -> shapely.Point:
    bagian = max(shapely.get_parts(g), key=lambda b: b.area, default=None) if g is not None else None
    if bagian is None or bagian.is_empty or bagian.geom_type != "Polygon":
        return g.representative_point()
    minx, miny, maxx, maxy = bagian.bounds
    return polylabel(bagian, tolerance=max(maxx - minx, maxy - miny) / 200)


def muat_batas(geo_dir: Path, tingkat: str, kode_sah: set[str],
               path: Path | None = None, wajib: bool = True) -> tuple[Batas | None, list[Masalah]]:
    """Read ``geo_dir/<tingkat>.geojson`` (or ``path``, e.g. a staged file) keyed on ``kode``.
    A missing file refuses the load when ``wajib``; otherwise the map just lacks that level."""
    berkas = BERKAS_BATAS[tingkat]
    path = path or geo_dir / berkas
    if not path.is_file():
        if not wajib:
            return None, [Masalah(berkas, None, None, None, f"berkas batas wilayah tidak ditemukan di {geo_dir}; "
                                  "peta tingkat ini tidak ditampilkan", PERINGATAN)]
        return None, [Masalah(berkas, None, None, None, f"berkas batas wilayah tidak ditemukan di {geo_dir}")]
    try:
        gdf = gpd.read_file(path)
    except Exception:  # pyogrio raises several types for unreadable files
        return None, [Masalah(berkas, None, None, None, "berkas batas wilayah tidak dapat dibaca sebagai GeoJSON")]
    if "kode" not in gdf.columns:
        return None, [Masalah(berkas, None, "kode", None, "properti 'kode' (kode Kemendagri) tidak ada")]
    m: list[Masalah] = []
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    gdf["kode"] = gdf["kode"].astype(str).str.strip()
    for i, k in zip(gdf.index, gdf["kode"]):
        if k not in kode_sah:
            m.append(Masalah(berkas, int(i) + 1, "kode", k, f"kode {tingkat} tidak ada di wilayah.csv", PERINGATAN))
    for k in sorted(kode_sah - set(gdf["kode"])):
        m.append(Masalah(berkas, None, "kode", k, f"{tingkat} ini tidak punya batas wilayah; peta tidak menampilkannya",
                         PERINGATAN))
    gdf = gdf[gdf["kode"].isin(kode_sah) & gdf.geometry.notna()]
    if gdf.empty:
        return None, [*m, Masalah(berkas, None, None, None, "tidak ada batas wilayah yang cocok dengan wilayah.csv",
                                  GALAT)]
    geom = shapely.make_valid(gdf.geometry.values)
    geom = shapely.force_2d(geom)
    gdf = gpd.GeoDataFrame({"kode": gdf["kode"].to_numpy()}, geometry=geom, crs="EPSG:4326")
    gdf = gdf.dissolve("kode", as_index=False)
    tol = SIMPLIFY_TINGKAT.get(tingkat, SIMPLIFY_DEG)
    gdf["geometry"] = shapely.set_precision(gdf.geometry.simplify(tol, preserve_topology=True).values,
                                            10 ** -DECIMALS)
    b = tuple(float(x) for x in gdf.total_bounds)
    return Batas(tingkat, gdf[["kode", "geometry"]], b), m


def turunkan(kelurahan: Batas, induk: dict[str, str]) -> Batas:
    """Kecamatan boundaries dissolved from their kelurahan (``induk``: kelurahan code -> kecamatan)."""
    g = kelurahan.gdf.assign(kode=kelurahan.gdf["kode"].map(induk)).dropna(subset=["kode"])
    g = g.dissolve("kode", as_index=False)
    g["geometry"] = shapely.make_valid(g.geometry.values)
    return Batas("kecamatan", g[["kode", "geometry"]], tuple(float(x) for x in g.total_bounds))


def muat_batas_wilayah(geo_dir: Path, wilayah: pd.DataFrame, multi: bool) -> tuple[dict[str, Batas], list[Masalah]]:
    """Every boundary level of the desk (:func:`tingkat_batas`), keyed on Kemendagri codes.

    Either level of a kab/kota desk is enough: a missing kecamatan level is dissolved from the
    kelurahan; without kelurahan boundaries the maps stay at kecamatan level; without any, the
    pages work without maps. Each case is a warning that says what to import."""
    out: dict[str, Batas] = {}
    m: list[Masalah] = []
    hilang = []
    for tingkat in tingkat_batas(multi):
        if not (geo_dir / BERKAS_BATAS[tingkat]).is_file():
            hilang.append(tingkat)
            continue
        b, mm = muat_batas(geo_dir, tingkat, set(wilayah.loc[wilayah["tingkat"] == tingkat, "kode"].dropna()))
        m += mm
        if b is not None:
            out[tingkat] = b
    if multi:
        m += [Masalah(BERKAS_BATAS[t], None, None, None, f"berkas batas wilayah tidak ditemukan di {geo_dir}; peta "
                      "tingkat ini tidak ditampilkan", PERINGATAN) for t in hilang]
        return out, m
    impor = "python -m siaga impor BERKAS --jenis batas"
    if "kecamatan" in hilang and "kelurahan" in out:
        kel = wilayah[wilayah["tingkat"] == "kelurahan"]
        out["kecamatan"] = turunkan(out["kelurahan"], dict(zip(kel["kode"], kel["kode_induk"], strict=True)))
        m.append(Masalah(BERKAS_BATAS["kecamatan"], None, None, None,
                         f"batas kecamatan tidak ada di {geo_dir}; diturunkan dari batas kelurahan saat dimuat. Untuk "
                         f"menyimpannya, impor batas kelurahan dengan --turunkan-kecamatan ({impor} "
                         "--turunkan-kecamatan) atau impor batas kecamatan", PERINGATAN))
    elif "kelurahan" in hilang and "kecamatan" in out:
        m.append(Masalah(BERKAS_BATAS["kelurahan"], None, None, None,
                         f"batas kelurahan/desa tidak ada di {geo_dir}; peta tetap di tingkat kecamatan. Impor batas "
                         f"kelurahan/desa ({impor}) untuk peta per kelurahan", PERINGATAN))
    elif not out:
        m.append(Masalah("batas wilayah", None, None, None,
                         f"belum ada batas wilayah di {geo_dir}; halaman tampil tanpa peta. Impor batas kecamatan atau "
                         f"kelurahan/desa ({impor}; batas kelurahan dengan --turunkan-kecamatan)", PERINGATAN))
    return out, m


def geojson(batas: Batas, props: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection of the boundaries joined (on ``kode``) with ``props``."""
    merged = batas.gdf.merge(props, on="kode", how="inner")
    return merged.to_geo_dict(drop_id=True, show_bbox=False)
