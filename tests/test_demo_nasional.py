"""The synthetic national dataset (``python -m siaga demo --skala nasional``), generated small
(faktor 0.002): code hierarchy, references between files, every value in the contract's form,
counts that scale, same seed same bytes, nested geometry, and no person's name outside the
restricted file."""

from __future__ import annotations

import filecmp
import json
import math
import re
import tomllib

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, shape

from siaga.__main__ import main
from siaga.demo.nasional import buat, buat_negeri, tulis_geo
from siaga.inti.kontrak import INPUTS, POLA
from siaga.masuk import periksa, urai
from tests.conftest import ROOT

F = 0.002
# Kemendagri province codes: all 38 but DI Yogyakarta (34), which elects no governor.
PROVINSI = {"11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "35", "36", "51", "52",
            "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93",
            "94", "95", "96"}
DIBUAT = ("wilayah.csv", "tps.csv", "logistik.csv", "checklist.csv", "insiden.csv", "netralitas.csv",
          "netralitas_pribadi.csv")
DISALIN = ("logistik_item.csv", "kategori_insiden.csv", "tahapan.csv")
GEO = ("provinsi.geojson", "kabkota.geojson", "kecamatan.geojson")


@pytest.fixture(scope="module")
def nas(tmp_path_factory):
    out = tmp_path_factory.mktemp("nasional")
    counts = buat(out / "data", out / "geo", faktor=F)
    return out, counts


@pytest.fixture(scope="module")
def tabel(nas):
    out, _ = nas
    return {name: pd.read_csv(out / "data" / inp.berkas, dtype=str, keep_default_na=False)
            for name, inp in INPUTS.items() if (out / "data" / inp.berkas).exists()}   # optional ones may be absent


def _pola(nama_pola: str) -> str:
    return "|".join(f"(?:{POLA[p]})" for p in nama_pola.split("|"))


def _wilayah(tabel, tingkat):
    w = tabel["wilayah"]
    return w[w["tingkat"] == tingkat]


# ---------------------------------------------------------------- formats

def test_every_input_file_is_written_with_the_contract_columns(nas):
    out, counts = nas
    for inp in INPUTS.values():
        p = out / "data" / inp.berkas
        if not inp.wajib and not p.exists():            # optional inputs (layanan, voting day, tasks…) load as empty
            continue
        with open(p, encoding="utf-8") as fh:
            kepala = fh.readline().rstrip("\n").split(",")
        # every required column, in the contract's order; optional columns (e.g. koreksi) may be left out
        assert kepala == [k.nama for k in inp.kolom if k.wajib or k.nama in kepala], inp.berkas
    assert set(counts) == set(DIBUAT) | set(DISALIN) | set(GEO)
    for name in DIBUAT:
        text = (out / "data" / name).read_bytes()
        assert text.endswith(b"\n") and b"\r" not in text
        assert counts[name] == text.count(b"\n") - 1 > 0, name
    for name in DISALIN:
        assert (out / "data" / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
    assert not list((out / "data").glob(".*.tmp")) and not list((out / "geo").glob(".*.tmp"))


def _cek_kolom(inp, col, s: pd.Series) -> list[str]:
    """Problems of one column against the contract, in the canonical form the demo files use."""
    bad = []
    blank = s.eq("")
    if col.wajib and blank.any():
        bad.append("kosong")
    v = s[~blank]
    j = col.jenis
    if j == "pilihan":
        allowed = {c for c, _ in col.pilihan}
        if not v.isin(allowed).all():
            bad.append(f"pilihan {sorted(set(v) - allowed)[:3]}")
    elif j == "kode":
        m = ~v.str.fullmatch(_pola(col.pola))
        if m.any():
            bad.append(f"pola {list(v[m][:3])}")
    elif j in ("bulat", "desimal"):
        m = ~v.str.fullmatch(r"-?\d+" if j == "bulat" else r"-?\d+(?:\.\d+)?")
        if m.any():
            bad.append(f"angka {list(v[m][:3])}")
        num = v.astype(float)
        if col.minimum is not None and (num < col.minimum).any():
            bad.append("di bawah minimum")
        if col.maksimum is not None and (num > col.maksimum).any():
            bad.append("di atas maksimum")
    elif j in ("lintang", "bujur"):
        m = ~v.str.fullmatch(r"-?\d{1,3}(?:\.\d{1,5})?")
        lo, hi = (-11, 6) if j == "lintang" else (95, 141)
        if m.any() or not v.astype(float).between(lo, hi).all():
            bad.append(f"koordinat {list(v[m][:3])}")
    elif j == "tanggal":
        if not v.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all() or pd.to_datetime(v, format="%Y-%m-%d",
                                                                              errors="coerce").isna().any():
            bad.append("tanggal")
    elif j == "waktu":
        if not v.str.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}").all() or pd.to_datetime(
                v, format="%Y-%m-%d %H:%M", errors="coerce").isna().any():
            bad.append("waktu")
    elif j == "ya_tidak":
        if not v.isin({"ya", "tidak"}).all():
            bad.append("ya/tidak")
    elif j == "nama":
        _, m = urai.nama(v, list_sep="|" if col.pola == "daftar" else None)
        if m.any():
            bad.append(f"nama {list(v[m][:3])}")
    else:  # teks
        if v.str.contains(r"[\r\n]").any() or v.ne(v.str.strip()).any():
            bad.append("teks")
    return bad


def test_every_value_matches_the_contract(tabel):
    problems = {}
    for name, inp in INPUTS.items():
        if name not in tabel:       # an optional input the generator does not write
            continue
        df = tabel[name]
        if name == "wilayah":       # rows of levels the contract does not know yet: see the test below
            df = df[df["tingkat"].isin({c for c, _ in inp.col("tingkat").pilihan})]
        for col in inp.kolom:
            if col.nama not in df.columns:          # an optional column left out
                assert not col.wajib, (inp.berkas, col.nama)
                continue
            if bad := _cek_kolom(inp, col, df[col.nama]):
                problems[f"{inp.berkas}:{col.nama}"] = bad
        assert not df.duplicated(list(inp.kunci)).any(), f"{inp.berkas}: kunci ganda"
    assert not problems, problems


def test_files_pass_the_importer_validation(tabel):
    for name, inp in INPUTS.items():
        if name not in tabel:       # an optional input the generator does not write
            continue
        raw = tabel[name]
        if name == "wilayah":
            raw = raw[raw["tingkat"].isin({c for c, _ in inp.col("tingkat").pilihan})]
        _, masalah = periksa.validasi(inp, raw)
        assert not masalah, (inp.berkas, [m.pesan() for m in masalah[:5]])


def test_province_and_kabkota_rows(tabel):
    prov, kab = _wilayah(tabel, "provinsi"), _wilayah(tabel, "kabkota")
    assert set(prov["kode"]) == PROVINSI and len(prov) == 37
    assert (prov["kode_induk"] == "00").all()
    names = dict(zip(prov["kode"], prov["nama"]))
    assert names["31"] == "DKI Jakarta" and names["32"] == "Jawa Barat" and names["96"] == "Papua Barat Daya"
    assert kab["kode"].str.fullmatch(POLA["kabkota"]).all()
    assert (kab["kode_induk"] == kab["kode"].str[:2]).all()
    kota = kab["kode"].str[3:].astype(int) >= 71
    assert (kab["nama"] == np.where(kota, "Kota Contoh ", "Kabupaten Contoh ") + kab["kode"]).all()
    assert (tabel["wilayah"][["nama_lain", "kode_bps"]] == "").all().all()
    order = {"provinsi": 0, "kabkota": 1, "kecamatan": 2, "kelurahan": 3}
    w = tabel["wilayah"]
    key = list(zip(w["tingkat"].map(order), w["kode"]))
    assert key == sorted(key)


def test_config_describes_the_national_dataset(nas):
    out, _ = nas
    cfg = tomllib.loads((out / "data" / "wilayah.toml").read_text(encoding="utf-8"))
    repo = tomllib.loads((ROOT / "data" / "wilayah.toml").read_text(encoding="utf-8"))
    w = cfg["wilayah"]
    assert (w["kode"], w["nama"], w["provinsi"], w["zona_waktu"]) == ("00", "Indonesia", "Indonesia", "WIB")
    assert w["hari_pemungutan"] == repo["wilayah"]["hari_pemungutan"]
    assert w["batas_logistik"] == repo["wilayah"]["batas_logistik"]
    assert w["simulasi"] is True and "bukan data nyata" in w["sumber_data"]
    assert cfg["peta"] == {"batas_perkiraan": True}
    # same weights and thresholds as the city; penalties per open item suit the national density
    assert {k: cfg["kesiapan"][k] for k in ("bobot", "level")} == {k: repo["kesiapan"][k] for k in ("bobot", "level")}
    pen, pen_kota = cfg["kesiapan"]["penalti"], repo["kesiapan"]["penalti"]
    assert set(pen) == set(pen_kota) and all(0 < pen[k] < pen_kota[k] for k in pen)
    assert set(w) == set(repo["wilayah"])


# ---------------------------------------------------------------- hierarchy and references

def test_codes_are_hierarchical(tabel):
    kab, kec, kel = (_wilayah(tabel, t) for t in ("kabkota", "kecamatan", "kelurahan"))
    assert kec["kode_induk"].isin(set(kab["kode"])).all()
    assert (kec["kode"].str[:-3] == kec["kode_induk"]).all()
    assert kel["kode_induk"].isin(set(kec["kode"])).all()
    assert (kel["kode"].str[:-5] == kel["kode_induk"]).all()
    # kelurahan 1001.., desa 2001.., each numbered without gaps within the kecamatan
    nomor = kel["kode"].str[-4:].astype(int)
    assert nomor.between(1001, 1999).sum() + nomor.between(2001, 2999).sum() == len(kel)
    for (_, _jenis), g in pd.DataFrame({"k": kel["kode_induk"], "j": nomor // 1000, "n": nomor % 1000}).groupby(
            ["k", "j"]):
        assert list(g["n"]) == list(range(1, len(g) + 1))
    tps = tabel["tps"]
    assert (tps["kode_tps"] == tps["kode_kelurahan"] + "." + tps["nomor_tps"].str.zfill(3)).all()
    assert tps.groupby("kode_kelurahan")["nomor_tps"].apply(
        lambda s: list(s.astype(int)) == list(range(1, len(s) + 1))).all()
    # no empty region at any level
    assert set(kab["kode_induk"]) == PROVINSI
    assert set(kec["kode_induk"]) == set(kab["kode"])
    assert set(kel["kode_induk"]) == set(kec["kode"])
    assert set(tps["kode_kelurahan"]) == set(kel["kode"])


def test_references_between_files(tabel):
    levels = {t: set(_wilayah(tabel, t)["kode"]) for t in ("kabkota", "kecamatan", "kelurahan")}
    levels["tps"] = set(tabel["tps"]["kode_tps"])
    induk = dict(zip(tabel["wilayah"]["kode"], tabel["wilayah"]["kode_induk"]))
    log = tabel["logistik"]
    assert log["kode_item"].isin(set(tabel["logistik_item"]["kode_item"])).all()
    for tahap, tingkat in {"gudang": "kabkota", "ppk": "kecamatan", "pps": "kelurahan", "tps": "tps"}.items():
        places = set(log.loc[log["tahap"] == tahap, "kode_lokasi"])
        assert places == levels[tingkat], tahap            # every place of the level, and nothing else
    assert set(tabel["checklist"]["kode_tps"]) == levels["tps"]
    ins = tabel["insiden"]
    assert ins["kode_kecamatan"].isin(levels["kecamatan"]).all()
    kel = ins["kode_kelurahan"]
    assert kel[kel != ""].isin(levels["kelurahan"]).all()
    assert (kel[kel != ""].map(induk) == ins.loc[kel != "", "kode_kecamatan"]).all()
    tps = ins["kode_tps"] != ""
    assert ins.loc[tps, "kode_tps"].isin(levels["tps"]).all()
    assert (ins.loc[tps, "kode_tps"].str[:-4] == kel[tps]).all()
    assert ins["kategori"].isin(set(tabel["kategori_insiden"]["kode_kategori"])).all()
    assert (ins["waktu_kejadian"] <= ins["waktu"]).all()
    net = tabel["netralitas"]
    assert net["kode_kecamatan"].isin(levels["kecamatan"]).all()
    assert (net["tanggal_kejadian"] <= net["tanggal_laporan"]).all()
    pribadi = tabel["netralitas_pribadi"]
    assert sorted(pribadi["id_kasus"]) == sorted(set(net["id_kasus"]))
    first = net.groupby("id_kasus")["status"].first()
    assert (first == "laporan").all()


def test_logistics_need_follows_the_item_formula(tabel):
    item = tabel["logistik_item"].set_index("kode_item")
    tps = tabel["tps"]
    dpt = tps["dpt"].astype(float).to_numpy()
    rows = []
    for kode, r in item.iterrows():
        need = np.ceil(float(r.per_tps) + float(r.per_pemilih) * dpt * (1 + float(r.cadangan_persen) / 100.0))
        rows.append(pd.DataFrame({"tps": tps["kode_tps"], "kode_item": kode, "need": need.astype(int)}))
    per_tps = pd.concat(rows)
    expected = []
    for tahap, cut in (("tps", None), ("pps", -4), ("ppk", -9), ("gudang", -12)):
        g = per_tps.assign(kode_lokasi=per_tps["tps"].str[:cut] if cut else per_tps["tps"])
        expected.append(g.groupby(["kode_lokasi", "kode_item"])["need"].sum().rename(tahap))
    log = tabel["logistik"].astype({"jumlah_kebutuhan": int, "jumlah_diterima": int, "jumlah_rusak": int})
    stated = log.groupby(["tahap", "kode_lokasi", "kode_item"])["jumlah_kebutuhan"].agg(["min", "max"])
    assert (stated["min"] == stated["max"]).all()
    for e in expected:
        got = stated.loc[e.name, "min"]
        pd.testing.assert_series_equal(got.sort_index(), e.sort_index(), check_names=False)
    # receipts: never more damaged than received so far, no empty rows
    log = log.sort_values("waktu", kind="stable")
    cum = log.groupby(["tahap", "kode_lokasi", "kode_item"])[["jumlah_diterima", "jumlah_rusak"]].cumsum()
    assert (cum["jumlah_rusak"] <= cum["jumlah_diterima"]).all()
    assert ((log["jumlah_diterima"] > 0) | (log["jumlah_rusak"] > 0)).all()
    assert log["waktu"].max() <= "2024-11-27 14:00" and log["waktu"].min() >= "2024-09-01"


def test_most_tps_complete_at_h_minus_1_a_few_kabkota_lag(tabel):
    log = tabel["logistik"].astype({"jumlah_kebutuhan": int, "jumlah_diterima": int, "jumlah_rusak": int})
    log = log[(log["tahap"] == "tps") & (log["waktu"] < "2024-11-27")]
    net = (log["jumlah_diterima"] - log["jumlah_rusak"]).groupby([log["kode_lokasi"], log["kode_item"]]).sum()
    need = log.groupby(["kode_lokasi", "kode_item"])["jumlah_kebutuhan"].first()
    n_item = len(tabel["logistik_item"])
    ok = (net >= need).groupby(level=0).agg(["all", "size"])
    complete = ok["all"] & (ok["size"] == n_item)
    complete = complete.reindex(tabel["tps"]["kode_tps"], fill_value=False)
    assert 0.85 <= complete.mean() < 1.0                  # most, not all
    per_kab = complete.groupby(complete.index.str[:5]).mean()
    assert per_kab.median() >= 0.95
    assert per_kab.min() < 0.8                            # a lagging kab/kota, not a stray damaged unit
    assert (per_kab < 0.9).sum() <= 0.25 * len(per_kab)


# ---------------------------------------------------------------- scale and determinism

@pytest.fixture(scope="module")
def nas_dobel(tmp_path_factory):
    out = tmp_path_factory.mktemp("nasional2")
    return buat(out / "data", out / "geo", faktor=2 * F)


def test_counts_scale_with_faktor(nas, nas_dobel, tabel):
    _, c1 = nas
    c2 = nas_dobel
    for f, c in ((F, c1), (2 * F, c2)):
        assert c["tps.csv"] == round(430_000 * f)
        assert 1.8 <= c["checklist.csv"] / c["tps.csv"] <= 2.2
        assert 1.0 <= c["logistik.csv"] / (10 * c["tps.csv"]) <= 1.5
    assert c1["provinsi.geojson"] == c2["provinsi.geojson"] == 37
    for name, lo, hi in (("tps.csv", 2, 2), ("logistik.csv", 1.6, 2.1), ("checklist.csv", 1.8, 2.2),
                         ("insiden.csv", 1.7, 2.3), ("netralitas.csv", 1.5, 2.5)):
        assert lo <= c2[name] / c1[name] <= hi, name
    ins, net = tabel["insiden"], tabel["netralitas"]
    assert ins["id_insiden"].nunique() == round(400_000 * F)
    assert 2.2 <= len(ins) / ins["id_insiden"].nunique() <= 2.9
    assert net["id_kasus"].nunique() == round(40_000 * F)
    assert 2.0 <= len(net) / net["id_kasus"].nunique() <= 3.3
    assert len(_wilayah(tabel, "kelurahan")) == round(84_000 * F)
    dpt = tabel["tps"]["dpt"].astype(int)
    assert dpt.between(150, 600).all() and dpt.between(350, 580).mean() > 0.6


def test_full_scale_hierarchy():
    n = buat_negeri(np.random.default_rng(1), 1.0)
    assert (len(n.kab_kode), len(n.kec_kode), len(n.kel_kode), len(n.tps_kode)) == (508, 7_300, 84_000, 430_000)
    per_prov = pd.Series(n.kab_kode).str[:2].value_counts()
    assert per_prov["35"] == 37 and per_prov["33"] == 35 and per_prov["32"] == 27 and per_prov["31"] == 6
    assert per_prov.min() >= 4 and set(per_prov.index) == PROVINSI
    kel_per_kec = np.bincount(n.kel_kec)
    assert kel_per_kec.min() >= 1 and np.bincount(n.tps_kel).max() <= 999
    assert n.kel_desa.mean() > 0.8                       # most are desa
    assert 150 <= n.dpt.min() and n.dpt.max() <= 600


def test_same_seed_same_bytes(nas, tmp_path):
    out, _ = nas
    buat(tmp_path / "data", tmp_path / "geo", faktor=F)
    for folder, names in (("data", DIBUAT + DISALIN + ("wilayah.toml",)), ("geo", GEO)):
        for name in names:
            assert filecmp.cmp(out / folder / name, tmp_path / folder / name, shallow=False), name
    buat(tmp_path / "lain" / "data", tmp_path / "lain" / "geo", faktor=F, seed=7)
    for name in ("tps.csv", "logistik.csv", "insiden.csv"):
        assert not filecmp.cmp(out / "data" / name, tmp_path / "lain" / "data" / name, shallow=False), name


def test_command_line(nas, tmp_path, capsys):
    out, _ = nas
    assert main(["demo", "--skala", "nasional", "--out", str(tmp_path), "--faktor", "0.002"]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"tps\.csv\s+860 baris", printed) and "Selesai dalam" in printed
    for name in DIBUAT:
        assert filecmp.cmp(out / "data" / name, tmp_path / "data" / name, shallow=False), name
    assert main(["demo", "--skala", "nasional"]) == 2                       # no --out
    assert main(["demo", "--faktor", "0.5", "--data", str(tmp_path / "x")]) == 2   # faktor is national only
    assert not (tmp_path / "x").exists()
    with pytest.raises(SystemExit):
        main(["demo", "--skala", "nasional", "--out", str(tmp_path), "--faktor", "0"])
    # never over real data
    real = tmp_path / "nyata"
    (real / "data").mkdir(parents=True)
    (real / "data" / "wilayah.toml").write_text("[wilayah]\nsimulasi = false\n", encoding="utf-8")
    assert main(["demo", "--skala", "nasional", "--out", str(real), "--faktor", "0.002"]) == 2
    assert not (real / "data" / "tps.csv").exists()


# ---------------------------------------------------------------- geometry

def _fitur(path):
    fc = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["kode"]: f for f in fc["features"]}


def test_geometry_is_wgs84_rounded_and_matches_the_regions(nas, tabel):
    out, _ = nas
    for name, tingkat in zip(GEO, ("provinsi", "kabkota", "kecamatan")):
        feats = _fitur(out / "geo" / name)
        rows = _wilayah(tabel, tingkat)
        assert set(feats) == set(rows["kode"]), name
        assert {k: f["properties"]["nama"] for k, f in feats.items()} == dict(zip(rows["kode"], rows["nama"]))
        for f in feats.values():
            ring = f["geometry"]["coordinates"][0]
            assert f["geometry"]["type"] == "Polygon" and len(ring) in (5, 6) and ring[0] == ring[-1]
            for x, y in ring:
                assert 95 <= x <= 141 and -11 <= y <= 6
                assert round(x, 4) == x and round(y, 4) == y
    prov = [shape(f["geometry"]) for f in _fitur(out / "geo" / "provinsi.geojson").values()]
    for i, a in enumerate(prov):
        for b in prov[i + 1:]:
            assert a.intersection(b).area < 1e-12           # provinces do not overlap


def test_regions_tile_their_parent_exactly(tmp_path):
    n = buat_negeri(np.random.default_rng(3), 0.03)        # several kecamatan per kab/kota
    tulis_geo(n, tmp_path)
    prov = {k: shape(f["geometry"]) for k, f in _fitur(tmp_path / "provinsi.geojson").items()}
    kab = {k: shape(f["geometry"]) for k, f in _fitur(tmp_path / "kabkota.geojson").items()}
    kec = {k: shape(f["geometry"]) for k, f in _fitur(tmp_path / "kecamatan.geojson").items()}
    assert max(pd.Series(list(kec)).str[:5].value_counts()) >= 4
    for parents, children, cut in ((prov, kab, 2), (kab, kec, 5)):
        by_parent: dict[str, list] = {}
        for code, g in children.items():
            by_parent.setdefault(code[:cut], []).append(g)
        assert set(by_parent) == set(parents)
        for code, parts in by_parent.items():
            p = parents[code]
            assert all(p.covers(g) for g in parts), code
            assert math.isclose(sum(g.area for g in parts), p.area, rel_tol=1e-9), code
            for i, a in enumerate(parts):
                for b in parts[i + 1:]:
                    assert a.intersection(b).area < 1e-12, code


def test_points_fall_inside_their_kecamatan(nas, tabel):
    out, _ = nas
    kec = {k: shape(f["geometry"]) for k, f in _fitur(out / "geo" / "kecamatan.geojson").items()}
    tps = tabel["tps"]
    assert (tps["lat"] != "").all() and (tps["lon"] != "").all()
    for code, lat, lon in zip(tps["kode_tps"], tps["lat"].astype(float), tps["lon"].astype(float)):
        assert kec[code[:8]].contains(Point(lon, lat)), code
    ins = tabel["insiden"]
    xy = ins[ins["lat"] != ""]
    assert 0.6 <= len(xy) / len(ins) < 1
    for code, lat, lon in zip(xy["kode_kecamatan"], xy["lat"].astype(float), xy["lon"].astype(float)):
        assert kec[code].contains(Point(lon, lat)), code
    at_tps = xy[xy["kode_tps"] != ""]
    where = tps.set_index("kode_tps")
    assert (at_tps["lat"].to_numpy() == where.loc[at_tps["kode_tps"], "lat"].to_numpy()).all()


# ---------------------------------------------------------------- privacy

NAMA_ORANG = re.compile(
    r"\b(?:Bapak|Ibu|Pak|Bu|Sdr|Sdri|Saudara|Saudari|Hj?|Drs?|Ir|Prof)\.?\s+[A-Z][a-z]+"
    r"|\b(?:Budi|Siti|Agus|Dewi|Ahmad|Muhammad|Sri|Joko|Andi|Rina|Wati|Slamet|Hadi|Yusuf|Putri|Eko|Bambang"
    r"|Hendra|Rudi|Dian|Yanti|Wahyu|Indah|Fitri|Rizki|Asep|Dedi|Iwan|Nur|Ayu|Adi|Ani)\b"
    r"|FIKTIF|PELAPOR|\d{18}|\b08\d{2}-\d{4}")


def test_no_person_in_the_shared_files(tabel):
    pribadi = tabel["netralitas_pribadi"]
    known = set(pribadi["nama_terlapor"]) | set(pribadi["nama_pelapor"]) | set(pribadi["kontak_pelapor"])
    known |= set(pribadi["nip_terlapor"])
    known.discard("")
    checked = 0
    for name, inp in INPUTS.items():
        if inp.terbatas:
            continue
        if name not in tabel:
            continue
        for col in inp.kolom:
            if col.jenis not in ("teks", "nama") or col.nama not in tabel[name].columns:
                continue
            values = pd.Series(tabel[name][col.nama].unique())
            hits = values[values.str.contains(NAMA_ORANG)]
            assert hits.empty, (inp.berkas, col.nama, list(hits[:3]))
            assert not set(values) & known, (inp.berkas, col.nama)
            checked += len(values)
    assert checked > 1000
    # region names are fictional below the province; a person in charge is a role, never a name
    w = tabel["wilayah"]
    lower = w[w["tingkat"] != "provinsi"]
    assert lower["nama"].str.fullmatch(r"(?:Kabupaten |Kota )?Contoh \d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?").all()
    assert (lower["nama"].str.extract(r"([\d.]+)$")[0] == lower["kode"]).all()
    pic = tabel["insiden"]["pic"]
    assert pic.str.match(r"(?:Camat|Kesbangpol|Bawaslu|Polres|Satpol PP|KPU|BPBD) ").all()


def test_private_file_is_obviously_fictional(tabel):
    p = tabel["netralitas_pribadi"]
    num = p["id_kasus"].str[4:]
    assert (p["nama_terlapor"] == "ASN FIKTIF " + num).all()
    assert p["nip_terlapor"].str.fullmatch(POLA["nip"]).all()
    assert p["nip_terlapor"].str[4:6].astype(int).between(1, 12).all()
    anonim = p["nama_pelapor"] == ""
    assert 0.2 < anonim.mean() < 0.9
    assert (p.loc[~anonim, "nama_pelapor"] == "PELAPOR FIKTIF " + num[~anonim]).all()
    assert (p["kontak_pelapor"] == "").eq(anonim).all()
    assert p.loc[~anonim, "kontak_pelapor"].str.fullmatch(r"0812-0000-\d{6}").all()
