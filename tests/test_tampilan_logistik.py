"""Logistik: the queries' figures on the Kota Contoh fixture (derived by hand below), the
projection function (edge cases), and the view builders (formatting, order, charts, exports).

Hand derivation from tests/fixtures/kota_contoh/data (needs: logistik_item.csv, tps.csv):
  items: KOTAK 2 per TPS (urutan 1), SS 1 per voter, no spare (urutan 2).
  TPS (DPT): A1 = 99.01.01.1001.001 (100), A2 = …1001.002 (300), A3 = 99.01.01.1002.001 (200),
             B1 = 99.01.02.1001.001 (400).
  needs: TPS KOTAK 2 each, SS = DPT; PPS Satu KOTAK 4 / SS 400, Dua 2 / 200, Tiga 2 / 400;
         PPK Alpha 6 / 600, Beta 2 / 400; gudang 8 / 1000.
  receipts (logistik.csv, 13 rows): gudang complete 20 Nov; PPK Alpha complete 22 Nov 10:00;
  PPK Beta complete 23 Nov 10:00; PPS Satu complete 24 Nov 10:00; A1 complete 25 Nov 08:00;
  A2 25 Nov 09:00 KOTAK 2, SS 300 of which 30 damaged ("30 lembar basah") → 270 usable;
  B1 26 Nov 09:00 KOTAK 2 only. Deadline (H-1, default hari H − 1): 26 Nov.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from siaga.data.store import Store
from siaga.inti.config import Paths
from siaga.laporan import unduhan
from siaga.model import logistik as tl
from tests.conftest import konteks_uji

D = dt.date
H1 = D(2024, 11, 26)
T25, T26 = D(2024, 11, 25), D(2024, 11, 26)


def q(store, name, tanggal=T25, kecamatan=None):
    batas = {"batas": H1} if name == "logistik_laju" else {}
    return store.query(name, tanggal=tanggal, kecamatan=kecamatan, **batas)


# ------------------------------------------------------------------ queries: expected figures

def test_ringkas_region_25_nov(contoh_store):
    r = q(contoh_store, "logistik_ringkas").iloc[0]
    # 4 TPS; only A1 has both items complete; TPS needs 8 KOTAK + 1000 SS = 1008 units;
    # missing: A2 SS 30 (damaged) + A3 2 + 200 + B1 2 + 400 = 634; damaged 30 (A2);
    # 12 receipts up to 25 Nov (the 13th is B1 on 26 Nov); first receipt 20 Nov 09:00.
    assert (r.jumlah_tps, r.tps_lengkap, r.kebutuhan_tps, r.kurang_tps, r.rusak) == (4, 1, 1008, 634, 30)
    assert r.tanda_terima == 12
    assert r.pertama == pd.Timestamp("2024-11-20 09:00") and r.terakhir == pd.Timestamp("2024-11-25 09:00")


def test_ringkas_per_kecamatan(contoh_store):
    a = q(contoh_store, "logistik_ringkas", kecamatan="99.01.01").iloc[0]
    # Alpha: A1, A2, A3; needs 6 + 600 = 606; missing 30 (A2) + 202 (A3) = 232; damaged 30.
    assert (a.jumlah_tps, a.tps_lengkap, a.kebutuhan_tps, a.kurang_tps, a.rusak) == (3, 1, 606, 232, 30)
    b = q(contoh_store, "logistik_ringkas", T26, "99.01.02").iloc[0]
    # Beta on 26 Nov: B1 got its 2 KOTAK, still lacks 400 SS; nothing damaged.
    assert (b.jumlah_tps, b.tps_lengkap, b.kebutuhan_tps, b.kurang_tps, b.rusak) == (1, 0, 402, 400, 0)


def test_ringkas_before_the_first_receipt(contoh_store):
    r = q(contoh_store, "logistik_ringkas", D(2024, 11, 19)).iloc[0]
    assert r.tanda_terima == 0 and r.kurang_tps == 1008 and pd.isna(r.terakhir)
    assert r.pertama == pd.Timestamp("2024-11-20 09:00")


def test_tahap_region_25_nov(contoh_store):
    df = q(contoh_store, "logistik_tahap")
    assert df["kode_item"].tolist() == ["KOTAK"] * 4 + ["SS"] * 4            # urutan order
    assert df["tahap"].tolist() == ["gudang", "ppk", "pps", "tps"] * 2        # chain order
    # KOTAK: gudang 8/8, PPK 8/8, PPS only Satu 4 of 8, TPS A1 + A2 4 of 8.
    # SS: gudang 1000/1000, PPK 1000/1000, PPS 400/1000, TPS 100 + 270 = 370 of 1000.
    assert df["persen"].tolist() == pytest.approx([100, 100, 50, 50, 100, 100, 40, 37])
    tps_ss = df.iloc[7]
    assert (tps_ss.diterima, tps_ss.rusak, tps_ss.tersedia, tps_ss.kurang) == (400, 30, 370, 630)
    assert (tps_ss.tempat, tps_ss.tempat_lengkap) == (4, 1)
    assert df.iloc[3].tempat_lengkap == 2                                    # KOTAK complete at A1 and A2


def test_tahap_kecamatan_uses_the_regions_gudang(contoh_store):
    df = q(contoh_store, "logistik_tahap", T26, "99.01.02").set_index(["kode_item", "tahap"])
    assert df.loc[("SS", "gudang"), "kebutuhan"] == 1000                     # the region's gudang
    assert df.loc[("SS", "ppk"), "kebutuhan"] == 400 and df.loc[("SS", "ppk"), "persen"] == 100
    assert df.loc[("KOTAK", "pps"), "persen"] == 0                           # nothing went through PPS Tiga
    assert df.loc[("KOTAK", "tps"), "persen"] == 100 and df.loc[("SS", "tps"), "persen"] == 0


def test_wilayah_per_kecamatan_and_per_kelurahan(contoh_store):
    df = q(contoh_store, "logistik_wilayah").set_index("kode")
    assert df["lingkup"].tolist() == [True, False, False]
    # Stage completeness = mean over items of usable/needed. Region PPS: (4/8 + 400/1000)/2 = 45;
    # TPS: (4/8 + 370/1000)/2 = 43,5. Alpha PPS: (4/6 + 400/600)/2 = 66,67; TPS: (4/6 + 370/600)/2 = 64,17.
    assert df.loc["99.01", "persen_pps"] == pytest.approx(45) and df.loc["99.01", "persen_tps"] == pytest.approx(43.5)
    a, b = df.loc["99.01.01"], df.loc["99.01.02"]
    assert (a.persen_ppk, a.persen_pps, a.persen_tps) == pytest.approx((100, 200 / 3, (4 / 6 + 370 / 600) * 50))
    assert (a.tps_lengkap, a.jumlah_tps, a.kurang_tps, a.rusak) == (1, 3, 232, 30)
    assert (b.persen_ppk, b.persen_pps, b.persen_tps, b.kurang_tps) == (100, 0, 0, 402)
    kel = q(contoh_store, "logistik_wilayah", kecamatan="99.01.01").set_index("kode")
    assert kel["tingkat"].tolist() == ["kecamatan", "kelurahan", "kelurahan"]
    # Satu: PPS complete; TPS (4/4 + 370/400)/2 = 96,25. Dua: nothing yet.
    assert kel.loc["99.01.01.1001", "persen_tps"] == pytest.approx(96.25)
    assert kel.loc["99.01.01.1002", ["persen_pps", "persen_tps", "kurang_tps"]].tolist() == [0, 0, 202]


def test_laju_region_25_nov(contoh_store):
    df = q(contoh_store, "logistik_laju").set_index("kode")
    # Before H-1 (26 Nov) progress is measured up to the PPS, even where a TPS has received (A1, A2).
    # Region: gudang 100, PPK 100, PPS (KOTAK 4/8 + SS 400/1000)/2 = 45 → 81,67; on 22 Nov PPK
    # (KOTAK 6/8 + SS 600/1000)/2 = 67,5 (only Alpha), PPS 0 → 55,83 → pace 25,83/3 = 8,61 per day.
    r, a, b = df.loc["99.01"], df.loc["99.01.01"], df.loc["99.01.02"]
    assert (r.metode, r.jendela_hari) == ("hulu", 3)
    assert (r.kemajuan, r.kemajuan_awal) == pytest.approx((245 / 3, 335 / 6))
    assert r.laju == pytest.approx((245 / 3 - 335 / 6) / 3)
    # Alpha: PPS (Satu complete, Dua nothing) (4/6 + 400/600)/2 = 66,67 → 88,89; on 22 Nov 66,67.
    assert (a.metode, a.kemajuan, a.kemajuan_awal) == ("hulu", pytest.approx(800 / 9), pytest.approx(200 / 3))
    # Beta: no TPS receipt → upstream progress (gudang 100 + PPK 100 + PPS 0)/3 = 66,67, on 22 Nov
    # (PPK Beta only on 23 Nov) (100 + 0 + 0)/3 = 33,33 → pace 100/9 per day over 3 days.
    assert (b.metode, b.jendela_hari) == ("hulu", 3)
    assert (b.kemajuan, b.kemajuan_awal) == pytest.approx((200 / 3, 100 / 3))
    assert b.laju == pytest.approx(100 / 9)


def test_laju_kelurahan_without_progress(contoh_store):
    df = q(contoh_store, "logistik_laju", kecamatan="99.01.01").set_index("kode")
    assert df.index.tolist() == ["99.01.01", "99.01.01.1001", "99.01.01.1002"]
    # Dua: upstream progress 66,67 on 25 Nov and already on 22 Nov (PPK Alpha received 22 Nov 10:00).
    dua = df.loc["99.01.01.1002"]
    assert (dua.metode, dua.laju) == ("hulu", 0)
    assert (dua.kemajuan, dua.kemajuan_awal) == pytest.approx((200 / 3, 200 / 3))
    # Satu: complete up to its PPS on 24 Nov (100), 66,67 on 22 Nov; its TPS stage (A1, A2) is not
    # what is measured before H-1.
    satu = df.loc["99.01.01.1001"]
    assert (satu.metode, satu.kemajuan, satu.laju) == ("hulu", 100, pytest.approx(100 / 9))


def test_laju_26_nov_window_since_the_first_tps_receipt(contoh_store):
    df = q(contoh_store, "logistik_laju", T26).set_index("kode")
    # Alpha: first TPS receipt 25 Nov → window from 24 Nov = 2 days; Beta: first on 26 Nov → 1 day,
    # TPS completeness (KOTAK 100 + SS 0)/2 = 50.
    assert df.loc["99.01.01", "jendela_hari"] == 2
    assert df.loc["99.01.01", "laju"] == pytest.approx((4 / 6 + 370 / 600) * 50 / 2)
    assert (df.loc["99.01.02", "metode"], df.loc["99.01.02", "laju"]) == ("tps", 50)


def test_kekurangan_25_nov(contoh_store):
    df = q(contoh_store, "logistik_kekurangan")
    # A2: SS short by the 30 damaged sheets. PPS Dua: its sibling PPS Satu (same PPK Alpha) has
    # both items, so Dua is behind on KOTAK (2) and SS (200). Not listed: PPS Tiga, A3, B1 (their
    # parents have not handed anything on yet, and the deadline is tomorrow).
    assert list(zip(df.tahap, df.kode_lokasi, df.kode_item, df.kurang)) == [
        ("tps", "99.01.01.1001.002", "SS", 30), ("pps", "99.01.01.1002", "KOTAK", 2),
        ("pps", "99.01.01.1002", "SS", 200)]
    a2 = df.iloc[0]
    assert (a2.kebutuhan, a2.diterima, a2.rusak, a2.tersedia, a2.catatan) == (300, 300, 30, 270, "30 lembar basah")
    assert (a2.nama_kecamatan, a2.nama_kelurahan, a2.nomor_tps) == ("Alpha", "Satu", 2)
    assert a2.terakhir == pd.Timestamp("2024-11-25 09:00")
    assert pd.isna(df.iloc[1].terakhir)
    assert q(contoh_store, "logistik_kekurangan", kecamatan="99.01.02").empty


def test_kekurangan_from_the_deadline_day_every_tps(contoh_store):
    df = q(contoh_store, "logistik_kekurangan", T26)
    # From H-1 on, every incomplete TPS item counts, and only the TPS stage (PPS Dua drops out).
    assert list(zip(df.kode_lokasi, df.kode_item, df.kurang)) == [
        ("99.01.01.1001.002", "SS", 30), ("99.01.01.1002.001", "KOTAK", 2), ("99.01.01.1002.001", "SS", 200),
        ("99.01.02.1001.001", "SS", 400)]


@pytest.fixture
def toko(contoh_dir):
    """A store over a writable copy of the fixture, after ``ubah`` edits its files."""
    def buat(ubah) -> Store:
        ubah(contoh_dir / "data")
        s = Store(Paths(contoh_dir / "data", contoh_dir / "geo"))
        assert s.muat(), s.ditolak
        return s
    return buat


def test_items_come_from_the_data_in_their_order(toko):
    def ubah(d):
        (d / "logistik_item.csv").write_text(
            "kode_item,nama_item,satuan,per_tps,per_pemilih,cadangan_persen,urutan\n"
            "KOTAK,Kotak suara,buah,2,0,0,3\nSS,Surat suara,lembar,0,1,0,1\nTINTA,Tinta,botol,1,0,0,2\n")
    s = toko(ubah)
    df = q(s, "logistik_tahap")
    fig = tl.grafik_tahap(df)
    assert list(fig.data[0].y) == ["Surat suara", "Tinta", "Kotak suara"]     # urutan 1, 2, 3
    tinta = df[df.kode_item == "TINTA"].set_index("tahap")
    assert tinta["kebutuhan"].tolist() == [4, 4, 4, 4] and tinta["persen"].tolist() == [0, 0, 0, 0]


def test_damage_found_later_lowers_the_pace(toko):
    def ubah(d):
        p = d / "logistik.csv"
        p.write_text(p.read_text() + "2024-11-26 11:00,tps,99.01.01.1001.001,SS,100,0,100,basah semua\n")
    s = toko(ubah)
    # A1's 100 SS are found damaged on 26 Nov: Alpha's TPS SS falls from 370 to 270 of 600.
    a = q(s, "logistik_laju", T26, "99.01.01").set_index("kode").loc["99.01.01"]
    assert a.kemajuan == pytest.approx((4 / 6 + 270 / 600) * 50)
    assert q(s, "logistik_ringkas", T26, "99.01.01").iloc[0].tps_lengkap == 0


# ------------------------------------------------------------------ projection function

@pytest.mark.parametrize("kemajuan,laju,tanggal,expect", [
    # on track: 50 left at 25/day → exactly 2 days (no spurious third day from rounding)
    (50.0, 25.0, D(2024, 11, 24), ("sesuai", "tepat", D(2024, 11, 26), 2)),
    (50.0, 25.0 + 1e-13, D(2024, 11, 24), ("sesuai", "tepat", D(2024, 11, 26), 2)),
    # a little slower → a third day → after the deadline
    (50.0, 24.9, D(2024, 11, 24), ("berisiko", "terlambat", D(2024, 11, 27), 3)),
    # zero, negative, unknown pace while incomplete
    (80.0, 0.0, D(2024, 11, 24), ("berisiko", "tanpa_kemajuan", None, None)),
    (80.0, -3.0, D(2024, 11, 24), ("berisiko", "tanpa_kemajuan", None, None)),
    (80.0, float("nan"), D(2024, 11, 24), ("berisiko", "tanpa_kemajuan", None, None)),
    (80.0, None, D(2024, 11, 24), ("berisiko", "tanpa_kemajuan", None, None)),
    # already complete: whatever the pace and even after the deadline
    (100.0, 0.0, D(2024, 11, 24), ("lengkap", "lengkap", None, None)),
    (100.0, 0.0, D(2024, 11, 30), ("lengkap", "lengkap", None, None)),
    # deadline passed while incomplete: at risk, with the projected date when there is a pace
    (90.0, 5.0, D(2024, 11, 27), ("berisiko", "lewat_batas", D(2024, 11, 29), 2)),
    (90.0, 0.0, D(2024, 11, 27), ("berisiko", "lewat_batas", None, None)),
    # on the deadline day itself, anything left takes at least until the next day
    (99.9, 50.0, H1, ("berisiko", "terlambat", D(2024, 11, 27), 1)),
    # a pace so slow that the date is meaningless
    (10.0, 0.1, D(2024, 11, 1), ("berisiko", "terlalu_lama", None, None)),
])
def test_proyeksi(kemajuan, laju, tanggal, expect):
    p = tl.proyeksi(kemajuan, laju, tanggal, H1)
    assert (p.status, p.sebab, p.tanggal, p.hari) == expect


def test_proyeksikan_on_the_fixture(contoh_store):
    df = tl.proyeksikan(q(contoh_store, "logistik_laju"), T25, H1).set_index("kode")
    # Against the PPS deadline H-2 (25 Nov): region 18,33 left at 8,61/day → 3 days → 28 Nov;
    # Alpha 11,11 left at 7,41/day → 2 days → 27 Nov; Beta 33,33 left at 11,11/day → 3 days → 28 Nov.
    assert df["tanggal_proyeksi"].tolist() == [D(2024, 11, 28), D(2024, 11, 27), D(2024, 11, 28)]
    assert df["status"].tolist() == ["berisiko", "berisiko", "berisiko"]
    # On H-1 the TPS stage counts: Alpha (4/6 + 370/600)/2 = 64,17 gained over 2 days → 2 more days → 28 Nov.
    h1 = tl.proyeksikan(q(contoh_store, "logistik_laju", T26), T26, H1).set_index("kode")
    assert h1.loc["99.01.01", ["metode", "tanggal_proyeksi", "sebab"]].tolist() == ["tps", D(2024, 11, 28), "terlambat"]


# ------------------------------------------------------------------ formatting helpers

@pytest.mark.parametrize("x,teks", [(100, "100%"), (99.96, "99,9%"), (64.1667, "64,2%"), (50, "50%"),
                                    (0.01, "0,1%"), (0, "0%"), (float("nan"), "–"), (None, "–")])
def test_persen_lengkap_never_rounds_to_complete(x, teks):
    assert tl.persen_lengkap(x) == teks


@pytest.mark.parametrize("x,kelas", [(0, 0), (24.99, 0), (25, 1), (74.9, 2), (75, 3), (99.999, 3), (100, 4)])
def test_completeness_classes(x, kelas):
    assert tl.kelas(x) == kelas
    assert tl.kelas_persen(x)[0] == tl.KELAS_PERSEN[kelas][1]


def test_classes_are_a_neutral_sequential_scale_not_the_level_colours():
    from siaga.model import level
    warna = [k[2] for k in tl.KELAS_PERSEN]
    assert not {w.lower() for w in warna} & {level.warna(lv).lower() for lv in level.LEVEL}
    lum = [sum(int(w[i:i + 2], 16) for i in (1, 3, 5)) for w in warna]
    assert lum == sorted(lum, reverse=True)                                  # darker = more complete


@pytest.mark.parametrize("tanggal,nilai", [(D(2024, 11, 20), "6 hari"), (T25, "1 hari"), (H1, "Hari ini"),
                                           (D(2024, 11, 27), "Lewat 1 hari")])
def test_sisa_hari(tanggal, nilai):
    v, ket = tl.sisa_hari(tanggal, H1)
    assert v == nilai and ket == "Logistik lengkap di setiap TPS paling lambat Selasa, 26 November 2024."


def test_angka_kunci(contoh_store):
    r = q(contoh_store, "logistik_ringkas", kecamatan="99.01.01").iloc[0]
    got = tl.angka_kunci(r, "Kecamatan Alpha", kecamatan=True)
    assert [(a.label, a.nilai) for a in got] == [("TPS dengan logistik lengkap", "33,3%"),
                                                 ("Unit belum ada di TPS", "232"), ("Unit rusak", "30")]
    assert got[0].keterangan == "1 dari 3 TPS sudah menerima semua item dalam keadaan baik."
    assert got[2].keterangan == "diterima dalam keadaan rusak di PPK, PPS dan TPS Kecamatan Alpha."


def test_kalimat_belum_ada():
    assert tl.kalimat_belum_ada(D(2024, 11, 1), pd.Timestamp("2024-11-20 09:00")) == (
        "Belum ada tanda terima logistik sampai 1 November 2024. Tanda terima pertama tercatat 20 November 2024.")
    assert tl.kalimat_belum_ada(D(2024, 11, 1), pd.NaT) == "Belum ada tanda terima logistik sampai 1 November 2024."


# ------------------------------------------------------------------ view builders

def test_grafik_tahap_spec(contoh_store):
    fig = tl.grafik_tahap(q(contoh_store, "logistik_tahap", kecamatan="99.01.01"), "Alpha")
    h = fig.data[0]
    assert list(h.x) == ["Gudang KPU", "PPK Alpha", "PPS (2 kelurahan)", "TPS (3 TPS)"]
    assert list(h.y) == ["Kotak suara", "Surat suara"]
    # Alpha: PPS KOTAK 4/6, SS 400/600; TPS KOTAK 4/6, SS 370/600 = 61,67%.
    assert [list(t) for t in h.text] == [["100%", "100%", "66,7%", "66,7%"], ["100%", "100%", "66,7%", "61,7%"]]
    assert [list(z) for z in h.z] == [[4, 4, 2, 2], [4, 4, 2, 2]]           # class indices
    assert "370 dari 600 lembar layak pakai (61,7%) · 30 rusak" in h.customdata[1][3]
    assert fig.layout.separators == ",."


def test_tabel_tahap_and_export(contoh_store):
    df = q(contoh_store, "logistik_tahap")
    t = tl.tabel_tahap(df)
    assert t.iloc[7].tolist() == ["Surat suara", "TPS", "37%", "370 dari 1.000 lembar", "630", "30", "1 dari 4"]
    e = tl.ekspor_tahap(df)
    assert e["Kebutuhan"].tolist()[4:] == [1000] * 4 and e["Tahap"].iloc[3] == "KPPS/TPS"


def test_tabel_wilayah_keeps_numbers_and_colours_by_class(contoh_store):
    sty = tl.tabel_wilayah(q(contoh_store, "logistik_wilayah"), "WITA")
    data = sty.data
    assert data.columns.tolist() == ["Kecamatan", "PPK", "PPS", "TPS", "TPS lengkap", "Jumlah TPS", "Kurang di TPS",
                                     "Rusak", "Penerimaan terakhir"]
    assert data["Kecamatan"].tolist() == ["Alpha", "Beta"]                    # the scope row is not a unit
    assert data["Kurang di TPS"].tolist() == [232, 402]                       # numbers: the columns sort
    assert data["Penerimaan terakhir"].tolist() == ["25 Nov 2024 09.00 WITA", "23 Nov 2024 10.00 WITA"]
    html = sty.to_html()
    assert "64,2%" in html and "66,7%" in html
    assert "background-color: #54278f" in html and "background-color: #f2f0f7" in html   # 100% and 0%
    kel = tl.tabel_wilayah(q(contoh_store, "logistik_wilayah", kecamatan="99.01.01"), "WITA").data
    assert "PPK" not in kel.columns and kel["Kelurahan"].tolist() == ["Satu", "Dua"]


def test_tabel_kekurangan(contoh_store):
    df = q(contoh_store, "logistik_kekurangan")
    t = tl.tabel_kekurangan(df, "WITA")
    assert t.iloc[0][["Tahap", "Kecamatan", "Kelurahan", "TPS", "Item", "Keadaan"]].tolist() == [
        "TPS", "Alpha", "Satu", "TPS 002", "Surat suara", "Kurang, ada yang rusak"]
    assert t.iloc[0][["Kebutuhan", "Diterima", "Rusak", "Kurang"]].tolist() == [300, 300, 30, 30]
    assert t.iloc[0]["Penerimaan terakhir"] == "25 Nov 2024 09.00 WITA" and t.iloc[0]["Catatan"] == "30 lembar basah"
    assert t.iloc[1][["Tahap", "TPS", "Keadaan", "Penerimaan terakhir"]].tolist() == [
        "PPS", "–", "Belum diterima", "belum pernah diterima"]
    assert tl.ringkas_kekurangan(df) == "3 kekurangan (232 unit) di 2 tempat; 1 item diterima rusak (30 unit)."


def test_kekurangan_lists_shortages_before_replaced_damage_and_keeps_notes_literal():
    base = dict(tahap="tps", kode_kecamatan="99.01.01", nama_kecamatan="Alpha", kode_kelurahan="99.01.01.1001",
                nama_kelurahan="Satu", nomor_tps=1, kode_item="SS", nama_item="Surat suara", satuan="lembar",
                kebutuhan=10, terakhir=pd.Timestamp("2024-11-25 08:00"))
    df = pd.DataFrame([
        dict(base, kode_lokasi="a", diterima=12, rusak=2, tersedia=10, kurang=0, catatan="=HYPERLINK(\"x\")"),
        dict(base, kode_lokasi="b", diterima=5, rusak=0, tersedia=5, kurang=5, catatan="<script>alert(1)</script>"),
    ])
    t = tl.tabel_kekurangan(df, "WIB")
    assert t["Kode tempat"].tolist() == ["b", "a"]
    assert t["Keadaan"].tolist() == ["Kurang", "Rusak, sudah diganti"]
    assert t["Catatan"].tolist() == ["<script>alert(1)</script>", "=HYPERLINK(\"x\")"]
    csv = unduhan.csv_bytes(tl.ekspor_kekurangan(df)).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and ";=HYPERLINK" not in csv                 # spreadsheet-safe download


def test_tabel_and_kalimat_proyeksi(contoh_store):
    dfp = tl.proyeksikan(q(contoh_store, "logistik_laju", kecamatan="99.01.01"), T25, H1)
    t = tl.tabel_proyeksi(dfp, H1)
    assert t["Kelurahan"].tolist() == ["Dua", "Satu"]                         # at risk first
    assert t.iloc[0].tolist() == ["Dua", "Berisiko", "–", "tidak ada kemajuan dalam 3 hari terakhir", "66,7%",
                                  "sampai PPS", "0,0 poin/hari", "3 hari", "0 dari 1"]
    assert t.iloc[1].tolist() == ["Satu", "Sesuai jadwal", "–",
                                  "lengkap sampai PPS, menunggu distribusi ke TPS (26 Nov 2024)", "100%",
                                  "sampai PPS", "+11,1 poin/hari", "3 hari", "1 dari 2"]
    assert tl.kalimat_proyeksi(dfp, "Kecamatan Alpha", H1) == (
        "Dengan laju saat ini, logistik Kecamatan Alpha diperkirakan lengkap sampai PPS pada 27 November 2024 "
        "(2 hari sesudah batas PPS H-2). 1 dari 2 kelurahan berisiko: Dua.")
    assert tl.ada_risiko(dfp)
    e = tl.ekspor_proyeksi(dfp, "Kecamatan Alpha", H1)
    assert e["Nama"].tolist() == ["Alpha", "Dua", "Satu"]                     # the scope first, then at risk
    assert e["Laju (poin per hari)"].tolist() == pytest.approx([7.407, 0, 11.111], abs=1e-3)
    assert e.set_index("Kode").loc["99.01.01", ["Batas", "Hari sesudah batas"]].tolist() == [D(2024, 11, 25), 2]
    h1 = tl.ekspor_proyeksi(tl.proyeksikan(q(contoh_store, "logistik_laju", T26, "99.01.01"), T26, H1),
                            "Kecamatan Alpha", H1).set_index("Kode")
    assert h1.loc["99.01.01", ["Diukur", "Batas", "Hari sesudah batas"]].tolist() == ["di TPS", H1, 2]


def _laju(rows):
    cols = dict(lingkup=False, tingkat="kecamatan", jumlah_tps=10, tps_lengkap=0, metode="tps", kemajuan_awal=0.0,
                jendela_hari=3, mulai_tps=pd.Timestamp("2024-11-23"), terakhir=pd.Timestamp("2024-11-24 10:00"))
    return pd.DataFrame([{**cols, **r} for r in rows])


def test_grafik_proyeksi_spec():
    dfp = tl.proyeksikan(_laju([
        dict(lingkup=True, tingkat="kabkota", kode="99.01", nama=None, kemajuan=70.0, laju=10.0),
        dict(kode="1", nama="Cepat", kemajuan=80.0, laju=10.0),          # 2 days → 26 Nov: on track
        dict(kode="2", nama="Lambat", kemajuan=20.0, laju=4.0),          # 20 days → 14 Dec: beyond the edge
        dict(kode="3", nama="Diam", kemajuan=60.0, laju=0.0),            # no progress
        dict(kode="4", nama="Tuntas", kemajuan=100.0, laju=5.0, tps_lengkap=10),
    ]), D(2024, 11, 24), H1)
    fig = tl.grafik_proyeksi(dfp, D(2024, 11, 24), H1)
    spec = json.loads(fig.to_json())
    pts = {t["name"]: t for t in spec["data"] if t.get("mode") == "markers+text"}
    assert set(pts) == {"Berisiko", "Sesuai jadwal", "Lengkap"}
    ber = pts["Berisiko"]
    assert ber["y"] == ["Lambat", "Diam"]                                  # drawn bottom-up: "Diam" on top
    edge = "2024-12-10"                                                   # batas + 14 days
    assert all(x.startswith(edge) for x in ber["x"])
    assert ber["text"] == ["→ 14 Des 2024", "tanpa kemajuan"]
    assert pts["Sesuai jadwal"]["x"][0].startswith("2024-11-26") and pts["Sesuai jadwal"]["text"] == ["26 Nov"]
    assert pts["Lengkap"]["x"][0].startswith("2024-11-24") and pts["Lengkap"]["marker"]["symbol"] == "star"
    assert ber["marker"]["symbol"] == "diamond" and ber["marker"]["color"] == "#CC3311"
    # the scope row is not a dot; y categories hold the four units, worst at the top
    assert fig.layout.yaxis.type == "category"
    shapes = [s["x0"][:10] for s in spec["layout"]["shapes"]]
    assert shapes == ["2024-11-26", "2024-11-24"]                          # H-1 line, as-of line
    notes = [a["text"] for a in spec["layout"]["annotations"]]
    assert notes == ["Batas H-1 · 26 Nov", "Data per 24 Nov"]
    ticks = spec["layout"]["xaxis"]["ticktext"]
    assert ticks[:5] == ["23 Nov", "25 Nov", "27 Nov", "29 Nov", "1 Des"]    # Indonesian month names
    assert fig.layout.height == 120 + 34 * 4


def test_grafik_proyeksi_on_the_deadline_day_has_one_line():
    dfp = tl.proyeksikan(_laju([dict(kode="1", nama="A", kemajuan=90.0, laju=5.0)]), H1, H1)
    spec = json.loads(tl.grafik_proyeksi(dfp, H1, H1).to_json())
    assert [a["text"] for a in spec["layout"]["annotations"]] == ["Batas H-1 = data per 26 Nov"]
    assert len(spec["layout"]["shapes"]) == 1
    after = tl.proyeksikan(_laju([dict(kode="1", nama="A", kemajuan=90.0, laju=5.0)]), D(2024, 11, 28), H1)
    spec = json.loads(tl.grafik_proyeksi(after, D(2024, 11, 28), H1).to_json())
    # after the deadline the H-1 label sits left of its line, the as-of label right of its own
    assert [(a["text"], a["xanchor"]) for a in spec["layout"]["annotations"]] == [
        ("Batas H-1 · 26 Nov", "right"), ("Data per 28 Nov", "left")]


def test_screen_before_the_first_receipt_needs_one_query():
    calls = []

    def fake_q(name, **params):
        calls.append(name)
        return pd.DataFrame([dict(jumlah_tps=0, tps_lengkap=0, kebutuhan_tps=0, kurang_tps=0, rusak=0,
                                  terakhir=pd.NaT, tanda_terima=0, pertama=pd.NaT)])

    h = tl.susun(fake_q, konteks_uji(D(2024, 11, 1)))
    assert calls == ["logistik_ringkas"]                              # nothing else is asked for
    assert h.belum_ada == "Belum ada tanda terima logistik sampai 1 November 2024." and h.angka == ()


@pytest.mark.parametrize("kemajuan,laju,tanggal,status,sebab", [
    # complete up to the PPS before H-1: on schedule, waiting for the hand-over to the KPPS
    (100.0, 0.0, D(2024, 11, 24), "sesuai", "siap_ke_tps"),
    # H-1 has come and no TPS has received anything
    (100.0, 0.0, H1, "berisiko", "lewat_batas"),
    # upstream projected by H-2 (25 Nov): on schedule; later: at risk
    (80.0, 10.0, D(2024, 11, 23), "sesuai", "tepat"),
    (80.0, 5.0, D(2024, 11, 23), "berisiko", "terlambat"),
])
def test_projection_before_the_tps_stage_uses_the_pps_deadline(kemajuan, laju, tanggal, status, sebab):
    dfp = tl.proyeksikan(_laju([dict(kode="1", nama="A", metode="hulu", kemajuan=kemajuan, laju=laju,
                                     mulai_tps=None)]), tanggal, H1)
    r = dfp.iloc[0]
    assert (r.status, r.sebab) == (status, sebab)


def test_waiting_for_the_hand_over_in_words():
    dfp = tl.proyeksikan(_laju([dict(kode="1", nama="A", lingkup=True, metode="hulu", kemajuan=100.0, laju=0.0,
                                     mulai_tps=None)]), D(2024, 11, 24), H1)
    assert tl.kalimat_proyeksi(dfp, "Kecamatan A", H1) == (
        "Logistik Kecamatan A sudah lengkap sampai PPS dan menunggu distribusi ke TPS pada 26 November 2024 (H-1).")


@pytest.mark.parametrize(("tanggal", "lengkap", "nilai", "kalimat"), [
    (dt.date(2024, 11, 27), 4, "Selesai", "Hari H: distribusi logistik Kota Contoh selesai di semua 4 TPS."),
    (dt.date(2024, 12, 3), 3, "Belum di 1 TPS",
     "H+6 (sesudah hari H): distribusi logistik Kota Contoh selesai di 3 TPS, belum di 1 dari 4 TPS. Kekurangan "
     "di TPS ditangani lewat laporan insiden hari H; perkiraan tanggal lengkap tidak ditampilkan lagi."),
])
def test_voting_day_and_after_say_what_the_distribution_achieved(tanggal, lengkap, nilai, kalimat):
    angka, teks = tl.sesudah_h({"jumlah_tps": 4, "tps_lengkap": lengkap}, "Kota Contoh", tanggal,
                                     dt.date(2024, 11, 27), dt.date(2024, 11, 26))
    assert (angka.label, angka.nilai, teks) == ("Distribusi ke TPS", nilai, kalimat)
    assert angka.keterangan == (f"selesai di {lengkap} dari 4 TPS; batas H-1 (Selasa, 26 November 2024) sudah "
                                "lewat.")
