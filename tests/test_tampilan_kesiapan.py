"""Kesiapan page: the view builders on small hand-made frames, and the page's queries
(kesiapan_unit, kesiapan_tps, kesiapan_harian) on the Kota Contoh fixture with figures derived
by hand from tests/fixtures/kota_contoh (see its README), plus the daily series checked against
the per-date macro kesiapan_wilayah on the demo and on an edited copy of the fixture."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import shapely

from siaga.inti.config import Kesiapan
from siaga.masuk.geo import Batas
from siaga.model import grafik, jadwal, level
from siaga.model import kesiapan as tampil
from siaga.tampilan import kolom

K = Kesiapan(bobot={"logistik": 0.4, "checklist": 0.4, "insiden": 0.1, "netralitas": 0.1}, ambang_siap=80,
             ambang_perhatian=60, penalti_insiden={"rendah": 2, "sedang": 10, "tinggi": 25}, penalti_netralitas=20)
W = dict(w_logistik=0.4, w_checklist=0.4, w_insiden=0.1, w_netralitas=0.1)
TGL = dt.date(2024, 11, 25)
BATAS = dt.date(2024, 11, 26)
# A plan rising by 10 points a day to 100 on H-1 (26 Nov).
RENCANA = jadwal.Rencana(tuple(dt.date(2024, 11, 18) + dt.timedelta(days=i) for i in range(10)),
                         (20.0, 30.0, 40.0, 50.0, 55.0, 55.0, 80.0, 90.0, 100.0, 100.0))


def unit_row(kode, nama, skor, level, tingkat="kelurahan", lingkup=False, **kw):
    row = dict(lingkup=lingkup, tingkat=tingkat, kode=kode, nama=nama, kode_kecamatan="99.01.01", peringkat=None,
               jumlah_tps=2, dpt=400, tps_logistik_lengkap=1, tps_bermasalah=0, skor_logistik=skor,
               skor_checklist=skor, skor_insiden=100.0, skor_netralitas=100.0, insiden_terbuka=0, insiden_serius=0,
               insiden_terlambat=0, netralitas_terbuka=0, skor=skor, level=level, **W)
    row.update(kw)
    return row


def tps_row(**kw):
    row = dict(kode_tps="99.01.01.1001.002", nama="TPS 002", nomor_tps=2, kode_kelurahan="99.01.01.1001",
               nama_kelurahan="Satu", kode_kecamatan="99.01.01", dpt=300, jenis="reguler", keterangan=None,
               lat=-6.96, lon=110.06, rawan_banjir=True, skor_logistik=90.0, logistik_lengkap=False, item_lengkap=1,
               jumlah_item=2, item_kurang="Surat suara", skor_checklist=500 / 9, status_laporan="bermasalah",
               waktu_laporan=pd.Timestamp("2024-11-25 09:00"), status_sejak=pd.Timestamp("2024-11-25 09:00"),
               catatan="lokasi tergenang", kpps_dibentuk=True, kpps_dilantik=True, kpps_bimtek=True,
               lokasi_siap=False, akses_disabilitas=False, penerangan=False, pengamanan=True, c_pemberitahuan=150,
               linmas=1, skor_insiden=100.0, skor_netralitas=100.0, insiden_terbuka=0, insiden_serius=0,
               netralitas_terbuka=0, skor=0.4 * 90 + 0.4 * 500 / 9 + 20, level="perlu_perhatian", **W)
    row.update(kw)
    return row


# ------------------------------------------------------------------ small helpers and sentences

def test_levels_of_components_use_the_config_thresholds():
    # decided on the value as shown (a whole number, half up): 79,5 shows as 80
    assert [level.dari_skor(x, K.ambang_siap, K.ambang_perhatian) for x in (80, 79.5, 79.49, 60, 59.49, None)] == \
        ["siap", "siap", "perlu_perhatian", "perlu_perhatian", "rawan", None]


def test_method_line_comes_from_the_config():
    teks = tampil.cara_hitung(K)
    assert teks.startswith("Skor kesiapan 0–100 = 40% logistik + 40% checklist TPS + 10% insiden + 10% netralitas")
    assert "2/10/25 poin (rendah/sedang/tinggi)" in teks and "kasus netralitas terbuka di kecamatan 20 poin" in teks
    assert "Level dinilai terhadap rencana KPU" in teks
    assert "Siap: skor ≥ 80% rencana · Perlu perhatian: ≥ 60% · Rawan: di bawahnya." in teks
    tanpa = tampil.cara_hitung(Kesiapan(bobot={"logistik": 0.4, "checklist": 0.4, "insiden": 0.2, "netralitas": 0.0},
                                        ambang_siap=85, ambang_perhatian=70, penalti_insiden=K.penalti_insiden,
                                        penalti_netralitas=0))
    assert "+ 20% insiden." in tanpa and "kasus netralitas ASN tidak mengurangi skor" in tanpa
    # with the day's plan, the thresholds in points too
    assert tampil.ambang(K, 76.667).endswith("(rencana hari ini 77: siap ≥ 61, perlu perhatian ≥ 46).")


def test_names_stay_literal_in_sentences():
    assert "Tiga\\<b\\>" in tampil.kalimat_tanpa_tps("kelurahan", ["Tiga<b>"])


def test_missing_checklist_items_in_plain_words():
    assert tampil.belum_terpenuhi(tps_row()) == \
        "lokasi belum siap; akses disabilitas; penerangan; C-Pemberitahuan 150/300; linmas 1/2"
    lengkap = tps_row(lokasi_siap=True, akses_disabilitas=True, penerangan=True, c_pemberitahuan=300, linmas=2)
    assert tampil.belum_terpenuhi(lengkap) == "lengkap"
    assert tampil.belum_terpenuhi(dict(lengkap, kpps_bimtek=False, penerangan=False)) == "KPPS belum bimtek; penerangan"
    assert tampil.belum_terpenuhi(tps_row(status_laporan=None)) == "belum ada laporan"
    assert tampil.belum_terpenuhi(dict(lengkap, dpt=0, c_pemberitahuan=0)) == "lengkap"  # no voters, nothing to deliver


def test_scope_row_and_key_figures():
    unit = pd.DataFrame([
        unit_row("99.01.01", "Alpha", 66.6, "perlu_perhatian", tingkat="kecamatan", lingkup=True, jumlah_tps=3,
                 tps_logistik_lengkap=1, tps_bermasalah=1, insiden_terbuka=2, insiden_serius=1, insiden_terlambat=1,
                 netralitas_terbuka=0),
        unit_row("99.01.01.1001", "Satu", 81.2, "siap"),
    ])
    assert tampil.baris_lingkup(unit, None)["nama"] == "Alpha"
    assert tampil.baris_lingkup(unit, "99.01.01.1001")["nama"] == "Satu"
    assert tampil.baris_lingkup(unit, "99.01.01.9999") is None
    angka = tampil.angka_kunci(tampil.baris_lingkup(unit, None), TGL, RENCANA, K.ambang_siap)
    assert [(a.label, a.nilai) for a in angka] == [
        ("Skor kesiapan", "67"), ("Terhadap jadwal KPU", "Tertinggal 1 hari"), ("TPS logistik lengkap", "1"),
        ("TPS bermasalah", "1"), ("Insiden terbuka", "2")]
    assert angka[0].keterangan == "Perlu perhatian"
    # 66,6 shows as 67 < round(0,8 · 90) = 72 on 25 Nov; 67 >= round(0,8 · 80) = 64 on 24 Nov: one day behind
    assert angka[1].keterangan == "rencana KPU untuk 25 Nov 2024: skor 90"
    assert angka[4].keterangan == "1 serius · 1 lewat batas waktu · 0 kasus netralitas ASN"
    ahead = tampil.angka_kunci(dict(tampil.baris_lingkup(unit, None), skor=100.0), TGL, RENCANA, K.ambang_siap)
    assert ahead[1].nilai == "2 hari di depan jadwal"             # the plan of 27 Nov already met
    on = tampil.angka_kunci(dict(tampil.baris_lingkup(unit, None), skor=72.0), TGL, RENCANA, K.ambang_siap)
    assert on[1].nilai == "Sesuai jadwal"
    kosong = tampil.angka_kunci(tampil.baris_lingkup(unit, None), dt.date(2024, 12, 1), RENCANA, K.ambang_siap)
    assert kosong[1].nilai == "–"                                         # no plan for that day


def test_plan_sentence_behind_on_schedule_and_ahead():
    r = {"skor": 69.3, "level": "perlu_perhatian"}
    teks = tampil.kalimat_jalur(r, TGL, RENCANA, K, "Kota Contoh")
    # 69 < round(0,8 · 90) = 72 today; 69 >= 64 (0,8 · 80) on 24 Nov: one day behind
    assert teks == ("Skor kesiapan Kota Contoh pada 25 November 2024: 69; rencana KPU untuk tanggal ini: 90. "
                    "Posisi: tertinggal 1 hari (perlu perhatian: siap bila skor ≥ 80% rencana, perlu perhatian bila "
                    "≥ 60%).")
    assert tampil.tertinggal(r, TGL, RENCANA, K.ambang_siap)
    # 40 meets 0,8 · 50 on 21 Nov, not 0,8 · 55 on 22 Nov: four days behind
    for skor, arah in ((40.0, "tertinggal 4 hari"), (71.5, "sesuai jadwal"), (95.0, "sesuai jadwal"),
                       (100.0, "2 hari di depan jadwal")):
        assert jadwal.posisi(skor, TGL, RENCANA, K.ambang_siap).teks == arah, skor
    assert not tampil.tertinggal({"skor": 72.0}, TGL, RENCANA, K.ambang_siap)
    assert tampil.kalimat_jalur(r, dt.date(2024, 11, 1), RENCANA, K, "Kota Contoh") == ""   # no plan that day
    assert tampil.kalimat_jalur({"skor": None}, TGL, RENCANA, K, "Kota Contoh") == ""


# ------------------------------------------------------------------ heatmap

def test_heatmap_rows_sorted_cells_coloured_by_level_and_annotated():
    unit = pd.DataFrame([
        unit_row("99.01.01", "Alpha", 66.6, "perlu_perhatian", tingkat="kecamatan", lingkup=True),
        unit_row("99.01.01.1001", "Satu", 81.2, "siap", skor_logistik=92.5, skor_checklist=66.7, skor_insiden=75.0),
        unit_row("99.01.01.1002", "Dua <b>x</b>", 40.0, "rawan", skor_logistik=50.0, skor_checklist=0.0),
        unit_row("99.01.01.1003", "Empat", None, None, jumlah_tps=0, skor_logistik=None, skor_checklist=None,
                 skor_insiden=None, skor_netralitas=None),
    ])
    fig = tampil.grafik_matriks(unit, K, pilih="99.01.01.1001")
    hm, teks = fig.data
    assert list(hm.y) == ["Dua &lt;b&gt;x&lt;/b&gt;", "▶ Satu"]          # least ready first; no-TPS unit left out
    # kelurahan: no neutrality column (the cases belong to the kecamatan)
    assert list(hm.x) == ["Logistik", "Checklist TPS", "Insiden", "Skor"]
    # level index: 0 rawan (< 60), 1 perlu perhatian (60..< 80), 2 siap (>= 80)
    assert [list(r) for r in hm.z] == [[0, 0, 2, 0], [2, 1, 1, 2]]
    assert list(teks.text) == ["50", "0", "100", "40", "93", "67", "75", "81"]
    assert list(teks.textfont.color)[:2] == ["#ffffff", "#ffffff"] and teks.textfont.color[6] == "#1a1a1a"
    assert hm.customdata[1][0] == "▶ Satu · Logistik: 92,5 (siap)"
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.separators == ",."


# ------------------------------------------------------------------ tables

def test_unit_table_with_causes_links_and_units_without_tps():
    unit = pd.DataFrame([
        unit_row("99.01.01", "Alpha", 66.6, "perlu_perhatian", tingkat="kecamatan", lingkup=True),
        unit_row("99.01.01.1002", "Dua", 40.0, "rawan", peringkat=1, skor_logistik=50.0, skor_checklist=0.0,
                 tps_logistik_lengkap=0, jumlah_tps=1, insiden_terbuka=2, insiden_serius=1),
        unit_row("99.01.01.1003", "Empat", None, None, jumlah_tps=0, tps_logistik_lengkap=0, skor_logistik=None,
                 skor_checklist=None, skor_insiden=None, skor_netralitas=None),
    ])
    t = tampil.tabel_unit(unit, pilih="99.01.01.1002", tanggal=TGL, rencana=RENCANA, ambang_siap=K.ambang_siap)
    assert list(t.columns) == ["#", "Kelurahan", "Skor", "Level", "Jadwal", "Logistik", "Checklist", "Insiden",
                               "Netralitas",
                               "Lengkap di TPS", "TPS bermasalah", "Insiden terbuka", "Penyebab utama",
                               "Tindak lanjut oleh", "Rincian"]
    assert t["Kelurahan"].tolist() == ["▶ Dua", "Empat"]
    assert t["Skor"].tolist()[0] == 40 and pd.isna(t["Skor"].tolist()[1])
    assert t["Level"].tolist() == ["Rawan", "Tanpa data"]
    assert t["Jadwal"].tolist() == ["tertinggal 4 hari", "–"]         # 40 < 44 (0,8 · 55) since 22 Nov
    assert t["Lengkap di TPS"].tolist() == ["0 / 1", "0 / 0"]
    assert t["Insiden terbuka"].tolist() == ["2 (1 serius)", "0"]
    assert t["Netralitas"].tolist() == ["–", "–"]                     # cases belong to the kecamatan
    assert t["Penyebab utama"].tolist() == ["kesiapan TPS 0% (−40 poin); logistik 50% (−20 poin)", "belum ada TPS"]
    assert t["Tindak lanjut oleh"].tolist() == ["Lurah/kades Dua dan PPS", "Lurah/kades Empat dan PPS"]
    assert t["Rincian"].tolist()[0] == "kesiapan?kec=99.01.01&kel=99.01.01.1002&tgl=2024-11-25"
    assert set(kolom.unit_kesiapan(t)) == set(t.columns)
    ekspor = tampil.ekspor_unit(unit, "Kecamatan Alpha")
    assert ekspor["skor"].tolist()[0] == 66.6 and ekspor["nama"].tolist()[0] == "Alpha"   # raw numbers
    assert ekspor["tindak_lanjut_oleh"].tolist()[0] == "Camat Alpha dan PPK"


def test_tps_table_says_what_is_wrong_and_since_when():
    tps = pd.DataFrame([tps_row(), tps_row(kode_tps="99.01.01.1001.001", nama="TPS 001", dpt=100, rawan_banjir=False,
                                           logistik_lengkap=True, item_lengkap=2, item_kurang=None, catatan=None,
                                           status_laporan="siap", waktu_laporan=pd.Timestamp("2024-11-24 10:00"),
                                           status_sejak=pd.Timestamp("2024-11-24 10:00"), skor=100.0, level="siap"),
                       tps_row(kode_tps="99.01.01.1002.001", nama="TPS 001", nama_kelurahan="Dua", status_laporan=None,
                               waktu_laporan=None, status_sejak=None, catatan="<script>alert('x')</script>",
                               lat=None, lon=None, skor=40.0, level="rawan")])
    t = tampil.tabel_tps(tps, "WITA")
    assert list(t.columns) == ["TPS", "Kelurahan", "DPT", "Skor", "Level", "Logistik", "Kurang di TPS", "Checklist",
                               "Belum terpenuhi", "Laporan terakhir", "Status sejak", "Rawan banjir", "Insiden",
                               "Catatan laporan"]
    r = t.iloc[0]
    assert (r["DPT"], r["Skor"], r["Logistik"], r["Kurang di TPS"], r["Checklist"]) == \
        ("300", 78, "90 · 1/2 item", "Surat suara", "56")
    assert t["Level"].tolist() == [["Perlu perhatian"], ["Siap"], ["Rawan"]]      # one coloured label per TPS
    kolom_level = kolom.TPS_KESIAPAN["Level"]
    assert kolom_level["type_config"]["options"] == [{"value": level.label(lv), "color": level.warna(lv)}
                                               for lv in ("rawan", "perlu_perhatian", "siap")]
    assert r["Laporan terakhir"] == "Bermasalah · 25 Nov 09.00 WITA" and r["Status sejak"] == "25 Nov 09.00 WITA"
    assert (r["Rawan banjir"], r["Catatan laporan"]) == ("Ya", "lokasi tergenang")
    assert t.iloc[1]["Logistik"] == "90 · lengkap" and t.iloc[1]["Kurang di TPS"] == "–"
    assert t.iloc[2]["Laporan terakhir"] == "belum ada laporan" and t.iloc[2]["Status sejak"] == "–"
    nothing = tampil.tabel_tps(tps.assign(item_lengkap=0, item_kurang="Kotak suara; Surat suara"), "WITA")
    assert nothing["Kurang di TPS"].tolist()[0] == "semua item"
    assert t.iloc[2]["Catatan laporan"] == "<script>alert('x')</script>"          # free text stays literal text
    assert "Kelurahan" not in tampil.tabel_tps(tps, "WITA", kelurahan=False).columns
    assert tampil.tabel_tps(tps.assign(skor=72.5), "WITA")["Skor"].tolist() == [73] * 3   # half up, like fmt.skor
    ekspor = tampil.ekspor_tps(tps)
    assert ekspor["skor_checklist"].iloc[0] == pytest.approx(500 / 9)            # raw numbers in the download
    assert ekspor["status_laporan"].tolist()[:2] == ["Bermasalah", "Siap"] and pd.isna(ekspor["status_laporan"][2])
    assert ekspor["belum_terpenuhi"].iloc[2] == "belum ada laporan"
    assert tampil.judul_tps(153, 20, "Kecamatan Bantargebang").startswith(
        "20 TPS dengan skor terendah dari 153 TPS di Kecamatan Bantargebang")


# ------------------------------------------------------------------ map

def _kotak(x, y):
    return shapely.box(x, y, x + 0.05, y + 0.05)


def test_kelurahan_map_sends_only_the_kecamatan_and_the_selected_tps():
    import geopandas as gpd

    gdf = gpd.GeoDataFrame({"kode": ["99.01.01.1001", "99.01.01.1002", "99.01.02.1001"]},
                           geometry=[_kotak(110.0, -7.0), _kotak(110.05, -7.0), _kotak(110.1, -7.0)], crs="EPSG:4326")
    batas = Batas("kelurahan", gdf, (110.0, -7.0, 110.15, -6.95))
    unit = pd.DataFrame([unit_row("99.01.01", "Alpha", 66.6, "perlu_perhatian", tingkat="kecamatan", lingkup=True),
                         unit_row("99.01.01.1001", "Satu", 81.2, "siap"),
                         unit_row("99.01.01.1002", "Dua", 40.0, "rawan")])
    tps = pd.DataFrame([tps_row(lat=-6.961234567, lon=110.061234567), tps_row(nama="TPS 003", lat=None, lon=None)])
    deck, tanpa = tampil.peta_kelurahan(batas, unit, tps, "WITA", pilih="99.01.01.1001")
    assert tanpa == 1
    spec = json.loads(deck.to_json())
    assert "mapProvider" not in spec and spec["mapStyle"].startswith("data:application/json,")
    lay = {layer["id"]: layer for layer in spec["layers"]}
    feats = lay["kesiapan-kelurahan"]["data"]["features"]
    assert [f["properties"]["kode"] for f in feats] == ["99.01.01.1001", "99.01.01.1002"]   # not Beta's kelurahan
    satu, dua = (f["properties"] for f in feats)
    assert satu["tebal"] == 3 and dua["tebal"] == 1                                   # the selection outlined
    assert satu["warna"] == level.rgb("siap", 120) and dua["warna"] == level.rgb("rawan", 60)
    assert satu["keterangan"] == "Skor 81 · Siap · 2 TPS"
    pts = lay["kesiapan-tps"]["data"]
    assert len(pts) == 1 and pts[0]["posisi"] == [110.06123, -6.96123]
    assert pts[0]["warna"] == level.rgb("perlu_perhatian")[:3]
    assert pts[0]["nama"] == "TPS 002 · Kel. Satu"
    assert pts[0]["keterangan"] == "Skor 78 · Perlu perhatian · Bermasalah · 25 Nov 2024 09.00 WITA"
    assert deck._tooltip == {"text": "{nama}\n{keterangan}"}                         # text, never HTML
    assert isinstance(deck, grafik.Peta) and deck.to_json() is deck.to_json()   # serialised once
    assert json.loads(deck.to_json()) == json.loads(super(grafik.Peta, deck).to_json())  # same content as pydeck's
    assert len(deck.to_json().encode()) < 0.7 * len(super(grafik.Peta, deck).to_json().encode())   # no indentation
    no_points, _ = tampil.peta_kelurahan(batas, unit, None, "WITA")
    assert [layer.id for layer in no_points.layers] == ["kesiapan-kelurahan", "label-kelurahan"]


# ------------------------------------------------------------------ readiness over time

def test_daily_chart_against_the_path():
    hari = pd.date_range("2024-11-23", "2024-11-26", freq="D")
    harian = pd.DataFrame({"tanggal": hari, "skor": [40.0, 45.1, 69.3089, None],
                           "skor_logistik": [30.0, 40.0, 67.0, None], "skor_checklist": [10.0, 20.0, 62.2, None],
                           "skor_insiden": [90.0] * 3 + [None], "skor_netralitas": [92.0] * 3 + [None],
                           "jalur": [70.0, 80.0, 90.0, 100.0]})
    fig = tampil.grafik_harian(harian, TGL, BATAS, K)
    tr = {t.name: t for t in fig.data}
    assert list(tr) == ["Perlu perhatian ≥ 60% rencana", "Siap ≥ 80% rencana", "Rencana KPU", "Logistik",
                        "Checklist TPS", "Skor kesiapan"]
    assert len(tr["Skor kesiapan"].x) == 3 and len(tr["Rencana KPU"].x) == 4     # the plan goes on to H-1
    assert tr["Skor kesiapan"].customdata[-1] == "25 Nov 2024 · Skor kesiapan: 69,3"
    assert tr["Rencana KPU"].line.dash == "dash"
    assert list(tr["Siap ≥ 80% rencana"].y) == pytest.approx([56, 64, 72, 80])    # the level lines follow the plan
    assert list(tr["Perlu perhatian ≥ 60% rencana"].y) == pytest.approx([42, 48, 54, 60])
    assert list(fig.layout.xaxis.ticktext) == ["23 Nov", "24 Nov", "25 Nov", "26 Nov"]
    notes = [a.text for a in fig.layout.annotations]
    assert "Batas H-1 · 26 Nov" in notes and "Data per 25 Nov" in notes
    ekspor = tampil.ekspor_harian(harian)
    assert ekspor.columns.tolist()[-1] == "rencana_kpu" and ekspor["tanggal"].iloc[0] == dt.date(2024, 11, 23)


# ------------------------------------------------------------------ the queries on Kota Contoh (25 Nov 2024)

def test_kesiapan_unit_region_and_kecamatan(contoh_store):
    reg = contoh_store.query("kesiapan_unit", tanggal=TGL, kecamatan=None)
    assert reg["tingkat"].tolist() == ["kabkota", "kecamatan", "kecamatan"]
    assert reg["nama"].tolist()[1:] == ["Alpha", "Beta"] and reg["peringkat"].tolist()[1:] == [1, 2]
    r = reg.iloc[0]
    # README: region (66,61·600 + 73,36·400)/1.000 = 69,31; counts are sums over Alpha and Beta
    assert r.skor == pytest.approx((66.6111 * 600 + 73.3556 * 400) / 1000, abs=1e-3)
    assert r.level == "siap"                        # 69 >= round(0,8 · 76,67) = 61: on the plan of 25 Nov
    assert (r.jumlah_tps, r.dpt, r.tps_logistik_lengkap, r.tps_bermasalah) == (4, 1000, 1, 1)
    assert (r.insiden_terbuka, r.insiden_serius, r.insiden_terlambat, r.netralitas_terbuka) == (2, 1, 1, 1)
    # logistics (78,33·600 + 50·400)/1.000 = 67
    assert r.skor_logistik == pytest.approx((235 / 3 * 600 + 50 * 400) / 1000)
    alpha = contoh_store.query("kesiapan_unit", tanggal=TGL, kecamatan="99.01.01")
    assert alpha["nama"].tolist() == ["Alpha", "Dua", "Satu"] and alpha["lingkup"].tolist() == [True, False, False]
    dua, satu = alpha.iloc[1], alpha.iloc[2]
    # Dua: TPS 1002.001 only at the PPK (50), no report (0); I2 (sedang) closed 25 Nov 08:00; no open case
    #   0,4·50 + 0,4·0 + 0,1·100 + 0,1·100 = 40 -> rawan (< round(0,6 · 76,67) = 46)
    assert (dua.skor, dua.level, dua.peringkat) == (pytest.approx(40.0), "rawan", 1)
    # Satu: logistics (100·100 + 90·300)/400 = 92,5; checklist (100·100 + 55,56·300)/400 = 66,67;
    #   I1 open, tinggi, in Satu -> 75; score 37 + 26,67 + 7,5 + 10 = 81,17 -> siap (>= 61)
    assert satu.skor_logistik == pytest.approx(92.5) and satu.skor_checklist == pytest.approx(200 / 3)
    assert satu.skor_insiden == 75 and satu.skor == pytest.approx(81.1667, abs=1e-3) and satu.level == "siap"
    assert (satu.jumlah_tps, satu.tps_logistik_lengkap, satu.tps_bermasalah, satu.insiden_serius) == (2, 1, 1, 1)


def test_kesiapan_tps_per_polling_station(contoh_store):
    df = contoh_store.query("kesiapan_tps", tanggal=TGL, kecamatan="99.01.01", kelurahan=None)
    assert df["kode_tps"].tolist() == ["99.01.01.1002.001", "99.01.01.1001.002", "99.01.01.1001.001"]  # by score
    dua, dua_satu, satu_satu = (df.iloc[i] for i in range(3))
    assert dua.skor == pytest.approx(40.0) and dua.item_kurang == "Kotak suara; Surat suara"
    assert pd.isna(dua.status_laporan) and pd.isna(dua.lat) and dua.keterangan == "Rumah sakit"
    # TPS 002 Satu: SS 300 received, 30 wet -> 270/300; KOTAK complete -> 1 of 2 items; 5/9 checklist
    assert (dua_satu.item_lengkap, dua_satu.jumlah_item, dua_satu.item_kurang) == (1, 2, "Surat suara")
    assert not dua_satu.logistik_lengkap and dua_satu.skor_logistik == pytest.approx(90.0)
    assert dua_satu.status_laporan == "bermasalah" and dua_satu.catatan == "lokasi tergenang"
    assert dua_satu.waktu_laporan == pd.Timestamp("2024-11-25 09:00") and dua_satu.rawan_banjir
    assert dua_satu.skor == pytest.approx(0.4 * 90 + 0.4 * 500 / 9 + 10 + 10)
    # TPS 001 Satu: belum on 20 Nov, siap on 24 Nov -> the siap status dates from 24 Nov 10:00
    assert satu_satu.status_laporan == "siap" and satu_satu.status_sejak == pd.Timestamp("2024-11-24 10:00")
    assert satu_satu.logistik_lengkap and pd.isna(satu_satu.item_kurang) and satu_satu.skor == pytest.approx(100.0)
    assert (satu_satu.lat, satu_satu.lon) == (-6.95, 110.05)
    kel = contoh_store.query("kesiapan_tps", tanggal=TGL, kecamatan="99.01.01", kelurahan="99.01.01.1001")
    assert kel["nama"].tolist() == ["TPS 002", "TPS 001"]
    early = contoh_store.query("kesiapan_tps", tanggal=dt.date(2024, 11, 21), kecamatan="99.01.01",
                               kelurahan="99.01.01.1001").set_index("nama")
    assert early.loc["TPS 001", "status_laporan"] == "belum"                    # the 24 Nov report not yet in
    assert early.loc["TPS 001", "status_sejak"] == pd.Timestamp("2024-11-20 10:00")


def test_kesiapan_harian_on_the_fixture(contoh_store):
    df = contoh_store.query("kesiapan_harian", tanggal=TGL, kecamatan=None, kelurahan=None)
    hari = pd.to_datetime(df["tanggal"]).dt.date.tolist()
    assert hari[0] == dt.date(2024, 11, 10) and hari[-1] == BATAS and len(df) == 17   # first event: N1 on 10 Nov
    s = df.set_index(pd.to_datetime(df["tanggal"]).dt.date)
    # 10 Nov: nothing received or reported; N1 open in Alpha -> Alpha neutrality 80, region (80·600 + 100·400)/1.000
    #   = 88; score 0,1·100 + 0,1·88 = 18,8
    assert s.loc[dt.date(2024, 11, 10), "skor"] == pytest.approx(18.8)
    # 20 Nov: everything at the gudang (25 per TPS); TPS 001's first report is all "tidak" (0);
    #   N1 closed 15 Nov, N2 opened 20 Nov in Beta -> (100·600 + 80·400)/1.000 = 92; 10 + 0 + 10 + 9,2 = 29,2
    assert s.loc[dt.date(2024, 11, 20), ["skor_logistik", "skor_checklist", "skor_netralitas"]].tolist() == \
        pytest.approx([25.0, 0.0, 92.0])
    assert s.loc[dt.date(2024, 11, 20), "skor"] == pytest.approx(29.2)
    assert s.loc[TGL, "skor"] == pytest.approx((66.6111 * 600 + 73.3556 * 400) / 1000, abs=1e-3)   # README 69,31
    # the KPU plan: 20 (no open incident or case) + logistics and checklist due; on 25 Nov (H-2)
    #   0,4·75 + 0,4·66,67 + 20 = 76,67 (tests/test_queries.py: test_plan_on_the_fixture)
    assert s.loc[TGL, "jalur"] == pytest.approx(0.4 * 75 + 0.4 * 600 / 9 + 20) and s.loc[BATAS, "jalur"] == 100
    assert s.loc[dt.date(2024, 11, 10), "jalur"] == pytest.approx(0.4 * 100 / 9 + 20)    # H-17: KPPS formed
    assert pd.isna(s.loc[BATAS, "skor"])                                         # after the as-of date: path only
    dua = contoh_store.query("kesiapan_harian", tanggal=TGL, kecamatan="99.01.01", kelurahan="99.01.01.1002")
    dua = dua.set_index(pd.to_datetime(dua["tanggal"]).dt.date)
    assert dua.loc[TGL, "skor"] == pytest.approx(40.0)
    # Dua on 24 Nov: I2 (sedang, 10 points) open in Dua -> incidents 90; logistics 50 (PPK 22 Nov): 20 + 9 + 10 = 39
    assert dua.loc[dt.date(2024, 11, 24), "skor"] == pytest.approx(39.0)
    before = contoh_store.query("kesiapan_harian", tanggal=dt.date(2024, 11, 1), kecamatan=None, kelurahan=None)
    assert before.empty


def _sama_dengan_macro(store, tanggal, kecamatan=None, kelurahan=None, hari=None):
    """kesiapan_harian equals the per-date macro kesiapan_wilayah on every (or the given) day."""
    df = store.query("kesiapan_harian", tanggal=tanggal, kecamatan=kecamatan, kelurahan=kelurahan)
    df = df[df["skor"].notna()]
    cur = store.snapshot.cursor()
    cek = 0
    for d in pd.to_datetime(df["tanggal"]).dt.date:
        if hari is not None and d not in hari:
            continue
        w = cur.execute("SELECT * FROM kesiapan_wilayah($t)", {"t": d}).df()
        if kelurahan:
            r = w[(w.tingkat == "kelurahan") & (w.kode == kelurahan)]
        elif kecamatan:
            r = w[(w.tingkat == "kecamatan") & (w.kode == kecamatan)]
        else:
            r = w[w.tingkat == "kecamatan"]
        got = df[pd.to_datetime(df["tanggal"]).dt.date == d].iloc[0]
        for col in ("skor", "skor_logistik", "skor_checklist", "skor_insiden", "skor_netralitas"):
            want = r[col].iloc[0] if len(r) == 1 else (r[col] * r.dpt).sum() / r.dpt.sum()   # one unit: its own row
            assert got[col] == pytest.approx(want, abs=1e-9), (d, col)
        cek += 1
    return cek


def _semua_kecamatan_sama(store, tanggal) -> int:
    """kesiapan_harian_kecamatan (every kecamatan and the whole scope in one query) equals
    kesiapan_harian run for each of them; returns how many series were compared."""
    semua = store.query("kesiapan_harian_kecamatan", tanggal=tanggal, kecamatan=None)
    kode = [None, *sorted(store.query("daftar_wilayah").query("tingkat == 'kecamatan'")["kode"])]
    for kec in kode:
        cut = semua[semua["kode_kecamatan"].isna() if kec is None else semua["kode_kecamatan"] == kec]
        satu = store.query("kesiapan_harian", tanggal=tanggal, kecamatan=kec, kelurahan=None)
        assert not satu.empty
        pd.testing.assert_frame_equal(cut.drop(columns="kode_kecamatan").reset_index(drop=True), satu,
                                      check_exact=False, rtol=1e-12)
    return len(kode)


def test_daily_series_equals_the_per_date_macro_on_an_edited_fixture(contoh_dir):
    """Edge cases the demo lacks: an item no TPS needs, a TPS with no voters (needs no ballots),
    damage found after receipt, an incident whose location is corrected to another kelurahan,
    and a second case closed and reopened."""
    from siaga.data.store import Store
    from siaga.inti.config import Paths

    d = contoh_dir / "data"
    with open(d / "logistik_item.csv", "a") as f:
        f.write("NOL,Barang tanpa kebutuhan,buah,0,0,0,3\n")
    tps = (d / "tps.csv").read_text().replace("99.01.01.1002,1,200,khusus", "99.01.01.1002,1,0,khusus")
    (d / "tps.csv").write_text(tps)
    with open(d / "logistik.csv", "a") as f:
        f.write("2024-11-25 15:00,tps,99.01.01.1001.001,KOTAK,,0,1,retak\n")
        f.write("2024-11-22 12:00,gudang,99.01,NOL,,0,0,\n")
    with open(d / "insiden.csv", "a") as f:
        f.write("I1,2024-11-24 12:00,2024-11-23 08:00,99.01.01,99.01.01.1002,,,,konflik,tinggi,ditangani,polri_tni,"
                "Keributan di depan balai warga,Patroli gabungan,Polres Contoh,2024-11-24\n")
    # the case is reopened by a correction row (koreksi = ya), which the plausibility rules require
    baris = (d / "netralitas.csv").read_text().splitlines()
    baris = [baris[0] + ",koreksi", *(b + "," for b in baris[1:])]
    baris.append("N2,2024-11-24 09:00,2024-11-19,2024-11-20,99.01.02,Kecamatan Beta,foto_bersama_paslon,etik,"
                 "laporan_masyarakat,selesai,Teguran,,")
    baris.append("N2,2024-11-25 09:00,2024-11-19,2024-11-20,99.01.02,Kecamatan Beta,foto_bersama_paslon,etik,"
                 "laporan_masyarakat,klarifikasi,,2024-11-28,ya")
    (d / "netralitas.csv").write_text("\n".join(baris) + "\n")
    s = Store(Paths(d, contoh_dir / "geo"))
    assert s.muat(), s.ditolak
    akhir = dt.date(2024, 11, 26)
    assert _sama_dengan_macro(s, akhir) == 17
    assert _sama_dengan_macro(s, akhir, "99.01.01") == 17
    for kel in ("99.01.01.1001", "99.01.01.1002"):
        assert _sama_dengan_macro(s, akhir, "99.01.01", kel) == 17
    assert _semua_kecamatan_sama(s, akhir) == 3                  # the region and its two kecamatan


HARI_DEMO = {dt.date(2024, 10, 1), dt.date(2024, 10, 28), dt.date(2024, 11, 14), dt.date(2024, 11, 18),
             dt.date(2024, 11, 21), dt.date(2024, 11, 24), dt.date(2024, 11, 25), dt.date(2024, 11, 26),
             dt.date(2024, 11, 27)}


@pytest.mark.parametrize("kecamatan,kelurahan", [(None, None), ("32.75.07", None), ("32.75.03", "32.75.03.1002")])
def test_daily_series_equals_the_per_date_macro_on_the_demo(demo_store, kecamatan, kelurahan):
    hari = HARI_DEMO | {demo_store.query("rentang_data").iloc[0].tanggal_awal.date()}     # and the first day of data
    assert _sama_dengan_macro(demo_store, dt.date(2024, 11, 27), kecamatan, kelurahan, hari) == len(hari)


def test_every_kecamatan_series_in_one_query_equals_each_series_on_the_demo(demo_store):
    r = demo_store.query("rentang_data").iloc[0]
    assert _semua_kecamatan_sama(demo_store, r.waktu_pasca.date()) == 13     # Kota Bekasi and its 12 kecamatan
    assert _semua_kecamatan_sama(demo_store, dt.date(2024, 11, 14)) == 13


def _seri_dipotong_sama(store, kecamatan, kelurahan, hari_uji):
    """seri_harian (the series as of the last day a view may ask for, cut) equals kesiapan_harian
    queried as of each date; only that last day's series is queried for a date before it."""
    from siaga.model import konteks

    k = konteks.untuk(store.query, store.wilayah, store.versi, TGL, kecamatan)
    akhir = k.rentang.batas_atas
    diminta = []

    def q(nama, **p):
        if nama in ("kesiapan_harian", "kesiapan_harian_kecamatan"):
            diminta.append(p["tanggal"])
        return store.query(nama, **p)

    for d in hari_uji:
        dipotong = tampil.seri_harian(q, k.dengan(tanggal=d, kelurahan=kelurahan), kecamatan, kelurahan)
        langsung = store.query("kesiapan_harian", tanggal=d, kecamatan=kecamatan, kelurahan=kelurahan)
        pd.testing.assert_frame_equal(dipotong, langsung, check_exact=False, rtol=1e-12)
    assert set(diminta) == {akhir} | {d for d in hari_uji if d > akhir}
    return akhir


@pytest.mark.parametrize("kecamatan,kelurahan", [(None, None), ("99.01.01", None), ("99.01.01", "99.01.01.1002")])
def test_daily_series_cut_from_the_last_day_equals_the_query_on_the_fixture(contoh_store, kecamatan, kelurahan):
    awal = contoh_store.query("rentang_data").iloc[0].tanggal_awal.date()
    hari = [awal - dt.timedelta(days=1), awal, dt.date(2024, 11, 20), TGL, BATAS, BATAS + dt.timedelta(days=2)]
    akhir = _seri_dipotong_sama(contoh_store, kecamatan, kelurahan, hari)
    assert awal < TGL < akhir          # cut, not just queried


@pytest.mark.parametrize("kecamatan", [None, "32.75.07"])
def test_daily_series_cut_from_the_last_day_equals_the_query_on_the_demo(demo_store, kecamatan):
    awal = demo_store.query("rentang_data").iloc[0].tanggal_awal.date()
    r = demo_store.query("rentang_data").iloc[0]
    akhir_log = r.tanggal_akhir.date()
    hari = [awal - dt.timedelta(days=1), awal, dt.date(2024, 11, 14), dt.date(2024, 11, 25), dt.date(2024, 11, 26),
            dt.date(2024, 11, 27), akhir_log, akhir_log + dt.timedelta(days=1), r.waktu_pasca.date()]
    pasca = r.waktu_pasca.date()          # the voting-day and rekapitulasi logs run on after the others
    assert _seri_dipotong_sama(demo_store, kecamatan, None, hari) == pasca > akhir_log + dt.timedelta(days=1)
