"""Insiden & Permasalahan: the insiden_* queries on the Kota Contoh fixture, and the view builders.

Expected figures, by hand from tests/fixtures/kota_contoh/data/insiden.csv (times WITA):

- I1 konflik, tinggi, Alpha / Satu, lat -6.951 lon 110.051; reported 23 Nov 10:00, ditangani 23 Nov
  12:00 ("Patroli gabungan"), PIC Polres Contoh, due 24 Nov -> open; overdue from 25 Nov
  (1 day on 25 Nov, 2 days on 26 Nov).
- I2 layanan, sedang, Alpha / Dua, no coordinates; reported 24 Nov 09:00, selesai 25 Nov 08:00,
  due 27 Nov -> open on 24 Nov, closed from 25 Nov (closed at 25 Nov 08:00).
- I3 apk, rendah, Beta / Tiga at TPS 99.01.02.1001.001 (TPS 1; the TPS is at -6.95, 110.15), no
  coordinates of its own; reported 25 Nov 09:00 with a <script> payload in its summary; due 1 Dec.
- I4 layanan, tinggi, Beta, no kelurahan, no coordinates; reported 26 Nov 10:00, due 26 Nov
  (due on the day, not overdue on 26 Nov). 26 Nov 10:00 is the latest event of all logs.

Windows (ui.Konteks): as of 25 Nov the as-of moment is 25 Nov 23:59:59 (a past day), so 24 jam
starts 24 Nov 23:59:59 and 7 hari 18 Nov 23:59:59. As of 26 Nov (the last day) it is the latest
event, 26 Nov 10:00, so 24 jam starts 25 Nov 10:00 and 7 hari 19 Nov 10:00.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from siaga.data.store import Store
from siaga.inti.config import Paths
from siaga.laporan import unduhan
from siaga.model import grafik
from siaga.model import insiden as t
from siaga.tampilan import kolom

T25, T26 = dt.date(2024, 11, 25), dt.date(2024, 11, 26)
MULAI = {  # window starts of the fixture (see the module docstring)
    (T25, "24jam"): dt.datetime(2024, 11, 24, 23, 59, 59), (T25, "7hari"): dt.datetime(2024, 11, 18, 23, 59, 59),
    (T26, "24jam"): dt.datetime(2024, 11, 25, 10, 0), (T26, "7hari"): dt.datetime(2024, 11, 19, 10, 0),
    (T25, "semua"): None, (T26, "semua"): None,
}
PAYLOAD = "<script>alert('x')</script> APK di pagar TPS"
ALPHA, BETA, SATU, DUA, TIGA = "99.01.01", "99.01.02", "99.01.01.1001", "99.01.01.1002", "99.01.02.1001"


def ringkas(store, tanggal, jendela, kecamatan=None, kelurahan=None):
    r = store.query("insiden_ringkas", tanggal=tanggal, kecamatan=kecamatan, kelurahan=kelurahan,
                    mulai=MULAI.get((tanggal, jendela)), hari_tempo=t.HARI_TEMPO).iloc[0]
    return tuple(int(r[c]) for c in ("dilaporkan", "terbuka", "terbuka_tinggi", "terlambat", "selesai",
                                     "jatuh_tempo", "seluruhnya"))


def daftar(store, tanggal, jendela, kecamatan=None, kelurahan=None):
    return store.query("insiden_daftar", tanggal=tanggal, kecamatan=kecamatan, kelurahan=kelurahan,
                       mulai=MULAI[tanggal, jendela])


# ------------------------------------------------------------------ queries: expected figures

@pytest.mark.parametrize("tanggal, jendela, kecamatan, kelurahan, expected", [
    # (reported in window, open, open tinggi, overdue, closed in window, due soon, all up to the date)
    # 25 Nov: open I1 (tinggi, overdue) and I3; I2 closed 25 Nov 08:00 (inside every window).
    (T25, "24jam", None, None, (1, 2, 1, 1, 1, 0, 3)),        # only I3 reported after 24 Nov 23:59:59
    (T25, "7hari", None, None, (3, 2, 1, 1, 1, 0, 3)),
    (T25, "semua", None, None, (3, 2, 1, 1, 1, 0, 3)),
    (T25, "24jam", ALPHA, None, (0, 1, 1, 1, 1, 0, 2)),       # nothing new in Alpha, but I2 closed
    (T25, "semua", ALPHA, None, (2, 1, 1, 1, 1, 0, 2)),
    (T25, "24jam", BETA, None, (1, 1, 0, 0, 0, 0, 1)),        # I3
    (T25, "7hari", ALPHA, SATU, (1, 1, 1, 1, 0, 0, 1)),       # I1
    (T25, "24jam", ALPHA, DUA, (0, 0, 0, 0, 1, 0, 1)),        # I2 reported 24 Nov 09:00, closed 25 Nov
    # 26 Nov: I4 (tinggi) reported 10:00, due today -> due soon; 24 jam from 25 Nov 10:00 leaves
    # out I3 (09:00) and the closing of I2 (08:00).
    (T26, "24jam", None, None, (1, 3, 2, 1, 0, 1, 4)),
    (T26, "7hari", None, None, (4, 3, 2, 1, 1, 1, 4)),
    (T26, "semua", None, None, (4, 3, 2, 1, 1, 1, 4)),
    (T26, "24jam", BETA, None, (1, 2, 1, 0, 0, 1, 2)),
    (T26, "24jam", BETA, TIGA, (0, 1, 0, 0, 0, 0, 1)),        # I4 has no kelurahan
])
def test_ringkas_expected(contoh_store, tanggal, jendela, kecamatan, kelurahan, expected):
    assert ringkas(contoh_store, tanggal, jendela, kecamatan, kelurahan) == expected


def test_ringkas_before_any_incident(contoh_store):
    assert ringkas(contoh_store, dt.date(2024, 11, 12), "semua") == (0, 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize("tanggal, jendela, kecamatan, kelurahan, ids", [
    (T25, "24jam", None, None, ["I3"]),
    (T25, "7hari", None, None, ["I3", "I2", "I1"]),           # newest first
    (T25, "semua", ALPHA, None, ["I2", "I1"]),
    (T25, "24jam", ALPHA, None, []),
    (T26, "24jam", None, None, ["I4"]),
    (T26, "semua", BETA, None, ["I4", "I3"]),
    (T26, "semua", BETA, TIGA, ["I3"]),
])
def test_daftar_follows_scope_and_window(contoh_store, tanggal, jendela, kecamatan, kelurahan, ids):
    assert daftar(contoh_store, tanggal, jendela, kecamatan, kelurahan)["id_insiden"].tolist() == ids


def test_daftar_details(contoh_store):
    df = daftar(contoh_store, T25, "semua").set_index("id_insiden")
    i1, i2, i3 = df.loc["I1"], df.loc["I2"], df.loc["I3"]
    assert (i1.lat, i1.lon, bool(i1.lokasi_tps)) == (-6.951, 110.051, False)        # its own coordinates
    assert (i3.lat, i3.lon, bool(i3.lokasi_tps), i3.nomor_tps) == (-6.95, 110.15, True, 1)   # its TPS
    assert pd.isna(i2.lat) and not i2.lokasi_tps
    assert i3.ringkasan == PAYLOAD
    assert (i1.status, i1.tindak_lanjut, i1.pic, bool(i1.terlambat), i1.hari_terlambat) == (
        "ditangani", "Patroli gabungan", "Polres Contoh", True, 1)
    assert i1.waktu_lapor == pd.Timestamp("2024-11-23 10:00") and i1.waktu == pd.Timestamp("2024-11-23 12:00")
    assert i2.waktu_selesai == pd.Timestamp("2024-11-25 08:00") and pd.isna(i1.waktu_selesai)
    assert (i1.nama_kecamatan, i1.nama_kelurahan, i1.nama_kategori, i1.kelompok) == (
        "Alpha", "Satu", "Konflik atau gangguan keamanan", "konflik")
    assert i3.hari_terlambat == -6                                                    # due 1 Dec


def test_wilayah_counts(contoh_store):
    kec = contoh_store.query("insiden_wilayah", tanggal=T25, kecamatan=None, mulai=None).set_index("kode")
    assert kec["tingkat"].tolist() == ["kecamatan", "kecamatan"]
    assert kec.loc[ALPHA, ["jumlah", "tinggi", "terbuka"]].tolist() == [2, 1, 1]      # I1, I2; I1 open
    assert kec.loc[BETA, ["jumlah", "tinggi", "terbuka"]].tolist() == [1, 0, 1]       # I3
    assert kec.loc[ALPHA, "nama"] == "Alpha" and kec["lat"].notna().all()           # label points
    win = contoh_store.query("insiden_wilayah", tanggal=T25, kecamatan=None, mulai=MULAI[T25, "24jam"])
    assert win.set_index("kode")["jumlah"].to_dict() == {ALPHA: 0, BETA: 1}          # zero rows stay
    kel = contoh_store.query("insiden_wilayah", tanggal=T26, kecamatan=BETA, mulai=None)
    assert kel[["tingkat", "kode", "jumlah", "terbuka"]].values.tolist() == [["kelurahan", TIGA, 1, 1]]  # not I4
    alpha = contoh_store.query("insiden_wilayah", tanggal=T25, kecamatan=ALPHA, mulai=None).set_index("kode")
    assert alpha["jumlah"].to_dict() == {SATU: 1, DUA: 1} and alpha["terbuka"].to_dict() == {SATU: 1, DUA: 0}


def test_harian_and_status(contoh_store):
    h = contoh_store.query("insiden_harian", tanggal=T26, kecamatan=None, kelurahan=None, mulai=None)
    assert [(d.date().isoformat(), k, n) for d, k, n in zip(h["hari"], h["kategori"], h["jumlah"])] == [
        ("2024-11-23", "konflik", 1), ("2024-11-24", "layanan", 1), ("2024-11-25", "apk", 1),
        ("2024-11-26", "layanan", 1)]
    h24 = contoh_store.query("insiden_harian", tanggal=T26, kecamatan=None, kelurahan=None, mulai=MULAI[T26, "24jam"])
    assert h24[["kategori", "jumlah"]].values.tolist() == [["layanan", 1]]
    s = contoh_store.query("insiden_status", tanggal=T25, kecamatan=None, kelurahan=None, mulai=None)
    # I3 dilaporkan, I1 ditangani (overdue), I2 selesai; every status listed in workflow order
    assert s[["status", "jumlah", "terlambat"]].values.tolist() == [
        ["dilaporkan", 1, 0], ["diverifikasi", 0, 0], ["ditangani", 1, 1], ["selesai", 1, 0]]
    kosong = contoh_store.query("insiden_status", tanggal=T25, kecamatan=ALPHA, kelurahan=None,
                                mulai=MULAI[T25, "24jam"])
    assert kosong["jumlah"].tolist() == [0, 0, 0, 0]


def test_tindak_lanjut_ignores_the_window_and_sorts_by_lateness(contoh_store):
    q = contoh_store.query
    t26 = q("insiden_tindak_lanjut", tanggal=T26, kecamatan=None, kelurahan=None, hari_tempo=2)
    assert t26[["id_insiden", "hari_terlambat", "terlambat"]].values.tolist() == [["I1", 2, True], ["I4", 0, False]]
    assert t26["pic"].tolist() == ["Polres Contoh", "PLN Contoh"]
    t25 = q("insiden_tindak_lanjut", tanggal=T25, kecamatan=ALPHA, kelurahan=None, hari_tempo=2)
    assert t25["id_insiden"].tolist() == ["I1"]                           # I2 is closed
    # I3 (due 1 Dec) is due in 6 days on 25 Nov: listed only with a horizon of 6 days or more
    assert q("insiden_tindak_lanjut", tanggal=T25, kecamatan=BETA, kelurahan=None, hari_tempo=5).empty
    assert q("insiden_tindak_lanjut", tanggal=T25, kecamatan=BETA, kelurahan=None,
             hari_tempo=6)["id_insiden"].tolist() == ["I3"]


def test_closing_time_after_reopening(contoh_dir):
    """I2 reopened on 26 Nov 08:00 and closed again at 09:00: closed at 25 Nov 08:00 as of 25 Nov,
    at 26 Nov 09:00 as of 26 Nov; while reopened it is open."""
    p = contoh_dir / "data" / "insiden.csv"
    base = ("99.01.01,99.01.01.1002,,,,layanan,sedang,{s},camat_lurah,Pelayanan kelurahan tertunda,x,Camat Alpha,"
            "2024-11-27")
    # reopening a closed incident is a correction row (koreksi = ya): the plausibility rules refuse it otherwise
    baris = p.read_text(encoding="utf-8").splitlines()
    baris = [baris[0] + ",koreksi", *(b + "," for b in baris[1:])]
    baris.append(f"I2,2024-11-26 08:00,2024-11-24 07:00,{base.format(s='ditangani')},ya")
    baris.append(f"I2,2024-11-26 09:00,2024-11-24 07:00,{base.format(s='selesai')},")
    p.write_text("\n".join(baris) + "\n", encoding="utf-8")
    s = Store(Paths(contoh_dir / "data", contoh_dir / "geo"))
    assert s.muat(), s.ditolak
    cur = s.snapshot.cursor()
    got = {tg: cur.execute("SELECT waktu_selesai, terbuka FROM insiden_lengkap($t) WHERE id_insiden = 'I2'",
                           {"t": tg}).fetchone() for tg in (T25, T26)}
    assert got[T25] == (dt.datetime(2024, 11, 25, 8), False)
    assert got[T26] == (dt.datetime(2024, 11, 26, 9), False)
    # 26 Nov, 24 jam from 25 Nov 10:00: the (second) closing at 09:00 on 26 Nov counts now
    r = s.query("insiden_ringkas", tanggal=T26, kecamatan=None, kelurahan=None, mulai=MULAI[T26, "24jam"],
                hari_tempo=2).iloc[0]
    assert r["selesai"] == 1


# ------------------------------------------------------------------ sentences and figures

def test_sentences():
    assert t.kalimat_jendela("24jam", dt.datetime(2024, 11, 25, 10), dt.datetime(2024, 11, 26, 10),
                             dt.date(2024, 11, 10), "WITA") == \
        "Jendela waktu: 24 jam terakhir, 25 Nov 2024 10.00 – 26 Nov 2024 10.00 WITA."
    assert t.kalimat_jendela("semua", None, dt.datetime(2024, 11, 26, 10), dt.date(2024, 11, 10), "WITA") == \
        "Jendela waktu: sejak awal data (10 Nov 2024) sampai 26 Nov 2024 10.00 WITA."
    assert t.kosong_jendela("Kecamatan Alpha", "24jam", T25) == \
        "Tidak ada insiden di Kecamatan Alpha dalam 24 jam terakhir."
    assert t.kosong_jendela("Kota Contoh", "semua", T25) == "Tidak ada insiden di Kota Contoh sampai 25 November 2024."
    assert t.kosong_belum_ada("Kota Contoh", dt.date(2024, 10, 1), dt.date(2024, 11, 10)) == (
        "Belum ada insiden tercatat di Kota Contoh sampai 1 Oktober 2024; data pertama tercatat 10 November 2024.")
    assert t.kosong_belum_ada("Kota Contoh", dt.date(2024, 11, 12), dt.date(2024, 11, 10)) == (
        "Belum ada insiden tercatat di Kota Contoh sampai 12 November 2024.")
    assert [t.keterlambatan(x) for x in (2, 1234, 0, -1, None)] == [
        "lewat 2 hari", "lewat 1.234 hari", "jatuh tempo hari ini", "sisa 1 hari", "–"]
    saat = dt.datetime(2024, 11, 26, 10)
    assert [t._lama(pd.Timestamp(x), saat) for x in ("2024-11-23 10:00", "2024-11-26 04:30", "2024-11-26 09:30")] == [
        "3 hari lalu", "5 jam lalu", "kurang dari 1 jam lalu"]
    assert t.rentang_harian(dt.datetime(2024, 11, 25, 10), dt.date(2024, 11, 10), saat) == (T25, T26)
    assert t.rentang_harian(None, dt.date(2024, 11, 10), saat) == (dt.date(2024, 11, 10), T26)
    # as of a past day the window starts at 23.59.59: its first day is the next one
    assert t.rentang_harian(MULAI[T25, "24jam"], dt.date(2024, 11, 10), dt.datetime(2024, 11, 25, 23, 59, 59)) == (
        T25, T25)
    assert t.rentang_harian(MULAI[T25, "7hari"], dt.date(2024, 11, 10), dt.datetime(2024, 11, 25, 23, 59, 59)) == (
        dt.date(2024, 11, 19), T25)


def test_metrics_are_formatted_and_labelled_with_the_window():
    r = {"dilaporkan": 1234, "terbuka": 2, "terbuka_tinggi": 1, "terlambat": 0, "selesai": 5, "jatuh_tempo": 3}
    m = t.metrik(r, "7hari")
    assert [(a.label, a.nilai) for a in m] == [("Dilaporkan (7 hari terakhir)", "1.234"), ("Masih terbuka", "2"),
                                         ("Terbuka, keparahan tinggi", "1"), ("Tindak lanjut terlambat", "0"),
                                         ("Selesai (7 hari terakhir)", "5")]
    assert "3 tindak lanjut lagi jatuh tempo dalam 2 hari" in t.kalimat_keadaan(r, "26 November 2024 pukul 10.00 WITA")


def test_count_classes():
    assert t.kelas_jumlah(0) == []
    assert t.kelas_jumlah(1) == [(1, 1, t.SKALA_ABU[-1])]                # the most incidents: darkest
    assert [(a, b) for a, b, _ in t.kelas_jumlah(3)] == [(1, 1), (2, 2), (3, 3)]
    assert [(a, b) for a, b, _ in t.kelas_jumlah(30)] == [(1, 8), (9, 15), (16, 23), (24, 30)]
    k = t.kelas_jumlah(30)
    assert [w for *_, w in k] == t.SKALA_ABU
    assert t.warna_jumlah(0, k) == t.WARNA_NOL and t.warna_jumlah(30, k) == t.SKALA_ABU[-1]
    # every count 1..maks falls in exactly one class, classes ascend without gaps
    for maks in range(1, 60):
        k = t.kelas_jumlah(maks)
        assert k[0][0] == 1 and k[-1][1] == maks
        assert all(k[i][1] + 1 == k[i + 1][0] for i in range(len(k) - 1))


def test_map_points_tooltips_and_shading(contoh_store):
    d = daftar(contoh_store, T25, "semua")
    w = contoh_store.query("insiden_wilayah", tanggal=T25, kecamatan=None, mulai=None)
    deck = t.peta(contoh_store.snapshot.batas["kecamatan"], w, d, "semua", "WITA")
    spec = json.loads(deck.to_json())
    assert spec["mapStyle"].startswith("data:application/json,") and "mapProvider" not in spec   # no tiles
    assert spec["views"] and deck._tooltip == {"text": "{keterangan}"}                         # text, not html
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids == ["insiden-wilayah", "insiden-rendah", "insiden-tinggi", "label-wilayah"]
    feats = {f["properties"]["kode"]: f["properties"] for f in spec["layers"][0]["data"]["features"]}
    # Alpha 2 incidents (class 2 of 2: darkest), Beta 1 (class 1)
    assert feats[ALPHA]["warna"][:3] == [0x73, 0x73, 0x73] and feats[BETA]["warna"][:3] == [0x96, 0x96, 0x96]
    assert feats[ALPHA]["keterangan"] == ("Kec. Alpha\n2 insiden dilaporkan sejak awal (1 keparahan tinggi)\n"
                                          "1 insiden masih terbuka")
    rendah, tinggi = spec["layers"][1], spec["layers"][2]
    assert rendah["getFillColor"][:3] == [0x33, 0xBB, 0xEE] and tinggi["getFillColor"][:3] == [0xCC, 0x33, 0x11]
    assert rendah["radiusUnits"] == "pixels" and rendah["getPosition"] == "@@=[lon, lat]"
    i3 = rendah["data"][0]
    assert (i3["lon"], i3["lat"]) == (110.15, -6.95)
    assert i3["keterangan"].split("\n") == [
        "I3 · Pelanggaran APK", "Keparahan rendah · Dilaporkan", "Dilaporkan 25 Nov 2024 09.00 WITA",
        "Kel. Tiga, Kec. Beta, TPS 1 (titik TPS)", PAYLOAD]
    assert tinggi["data"][0]["keterangan"].split("\n")[1] == (
        "Keparahan tinggi · Ditangani, tindak lanjut lewat batas waktu 1 hari")
    assert [lb["teks"] for lb in spec["layers"][3]["data"]] == ["Alpha\n2", "Beta\n1"]
    assert t.kalimat_peta(d) == ("2 dari 3 insiden tampil sebagai titik (1 di titik TPS-nya karena tanpa koordinat "
                                 "sendiri). 1 insiden tanpa koordinat tidak tampil sebagai titik, tetapi terhitung "
                                 "pada warna kecamatan.")
    # Beta as of 26 Nov, shaded by kelurahan: I3 at its TPS; I4 has neither coordinates nor kelurahan
    beta = daftar(contoh_store, T26, "semua", BETA)
    assert t.kalimat_peta(beta, "kelurahan") == (
        "1 dari 2 insiden tampil sebagai titik (1 di titik TPS-nya karena tanpa koordinat sendiri). 1 insiden tanpa "
        "koordinat tidak tampil sebagai titik, tetapi terhitung pada warna kelurahan. 1 insiden tanpa kelurahan "
        "tidak terhitung pada warna kelurahan.")


def test_map_of_a_kecamatan_outlines_the_chosen_kelurahan(contoh_store):
    d = daftar(contoh_store, T25, "semua", ALPHA, SATU)
    w = contoh_store.query("insiden_wilayah", tanggal=T25, kecamatan=ALPHA, mulai=None)
    spec = json.loads(t.peta(contoh_store.snapshot.batas["kelurahan"], w, d, "semua", "WITA", pilih=SATU).to_json())
    feats = {f["properties"]["kode"]: f["properties"] for f in spec["layers"][0]["data"]["features"]}
    assert set(feats) == {SATU, DUA}
    assert feats[SATU]["tebal"] == 3 and feats[DUA]["tebal"] == 1
    assert feats[SATU]["warna"][3] > feats[DUA]["warna"][3]                  # the others dimmed
    assert feats[SATU]["keterangan"].startswith("Kel. Satu\n")
    assert [layer["id"] for layer in spec["layers"]] == ["insiden-wilayah", "insiden-tinggi", "label-wilayah"]


def test_map_without_boundaries_or_points(contoh_store):
    d = daftar(contoh_store, T26, "24jam")                                   # I4 only: no coordinates
    w = contoh_store.query("insiden_wilayah", tanggal=T26, kecamatan=None, mulai=MULAI[T26, "24jam"])
    assert t.peta(None, w, d, "24jam", "WITA") is None
    assert t.kalimat_peta(d) == "Tidak satu pun dari 1 insiden punya koordinat, sehingga tidak ada titik di peta."
    only_points = t.peta(None, w, daftar(contoh_store, T25, "semua"), "semua", "WITA")
    assert [layer.id for layer in only_points.layers] == ["insiden-rendah", "insiden-tinggi"]


def test_map_legend_is_fixed_and_indonesian():
    w = pd.DataFrame({"jumlah": [0, 3, 30]})
    fig = t.legenda_peta(w, "kecamatan")
    titik, wilayah = fig.data
    assert list(titik.text) == ["Tinggi", "Sedang", "Rendah"]
    assert list(titik.marker.color) == [grafik.WARNA_KEPARAHAN[k] for k in ("tinggi", "sedang", "rendah")]
    assert list(wilayah.text) == ["0", "1–8", "9–15", "16–23", "24–30"]
    assert list(wilayah.marker.color) == [t.WARNA_NOL, *t.SKALA_ABU]
    assert [a.text for a in fig.layout.annotations] == ["Keparahan insiden (titik):",
                                                        "Insiden per kecamatan (warna wilayah):"]


def test_timeline_stacks_categories_and_marks_the_calendar(contoh_store):
    h = contoh_store.query("insiden_harian", tanggal=T26, kecamatan=None, kelurahan=None, mulai=None)
    tahap = contoh_store.query("tahapan", tanggal=T26)
    fig = t.grafik_harian(h, dt.date(2024, 11, 10), T26, tahap, dt.date(2024, 11, 27))
    bars = [tr for tr in fig.data if tr.type == "bar"]
    # layanan has 2 incidents (I2, I4), konflik 1, apk 1: most first, ties in name order
    assert [b.name for b in bars] == ["Gangguan pelayanan publik", "Konflik atau gangguan keamanan",
                                      "Pelanggaran APK"]
    assert list(bars[0].x) == ["2024-11-24", "2024-11-26"] and list(bars[0].y) == [1, 1]
    assert fig.layout.barmode == "stack" and fig.layout.separators == ",."
    assert fig.layout.yaxis.dtick == 1                                        # whole incidents only
    # 17 days (10–26 Nov) with at most 10 ticks: every second day, Indonesian month names
    assert list(fig.layout.xaxis.ticktext)[:3] == ["10 Nov", "12 Nov", "14 Nov"]
    # quiet period 24–26 Nov shaded; voting day 27 Nov is outside 10–26 Nov: not marked
    assert [s.type for s in fig.layout.shapes] == ["rect"]
    assert fig.layout.shapes[0].x0.startswith("2024-11-23T12") and fig.layout.shapes[0].x1.startswith("2024-11-26T12")
    assert [tr.name for tr in fig.data if tr.type == "scatter"] == ["Masa tenang"]
    later = t.grafik_harian(h, dt.date(2024, 11, 20), dt.date(2024, 11, 27), tahap, dt.date(2024, 11, 27))
    assert [s.type for s in later.layout.shapes] == ["rect", "line"]
    assert [tr.name for tr in later.data if tr.type == "scatter"] == ["Masa tenang", "Hari H (pemungutan suara)"]


def test_timeline_lumps_small_categories_and_escapes_names():
    hari = pd.Timestamp("2024-11-20")
    h = pd.DataFrame({"hari": [hari] * 8, "kategori": [f"k{i}" for i in range(8)],
                      "nama_kategori": ["<b>Tebal</b>"] + [f"Kategori {i}" for i in range(1, 8)],
                      "jumlah": [9, 8, 7, 6, 5, 4, 2, 1]})
    fig = t.grafik_harian(h, hari.date(), hari.date(), None, dt.date(2024, 11, 27))
    names = [tr.name for tr in fig.data]
    assert names[0] == "&lt;b&gt;Tebal&lt;/b&gt;"                            # shown literally by plotly
    assert names[-1] == "Kategori lain (2)" and len(names) == t.MAKS_KATEGORI + 1
    assert fig.data[-1].y == (3,) and fig.data[-1].marker.color == t.WARNA_LAIN
    assert "Kategori 6: 2 insiden<br>Kategori 7: 1 insiden" in fig.data[-1].customdata[0][1]
    assert fig.data[0].customdata[0][0] == "20 November 2024"


def test_status_bars():
    s = pd.DataFrame({"urutan": [1, 2, 3, 4], "status": ["dilaporkan", "diverifikasi", "ditangani", "selesai"],
                      "jumlah": [1, 0, 1200, 1], "terlambat": [0, 0, 1, 0]})
    bar = t.grafik_status(s).data[0]
    assert list(bar.y) == ["Dilaporkan", "Diverifikasi", "Ditangani", "Selesai"]
    assert list(bar.text) == ["1", "0", "1.200 (1 terlambat)", "1"]
    assert bar.orientation == "h"


def test_follow_up_table(contoh_store):
    df = contoh_store.query("insiden_tindak_lanjut", tanggal=T26, kecamatan=None, kelurahan=None, hari_tempo=2)
    tab = t.tabel_tindak_lanjut(df, dt.datetime(2024, 11, 26, 10), "WITA")
    assert tab.to_dict("records") == [
        {"Batas waktu": "24 Nov 2024 · lewat 2 hari", "No.": "I1", "Kategori": "Konflik atau gangguan keamanan",
         "Keparahan": "Tinggi", "Tempat": "Kel. Satu, Kec. Alpha", "PIC": "Polres Contoh", "Status": "Ditangani",
         "Dilaporkan": "3 hari lalu (23 Nov 10.00 WITA)", "Tindak lanjut terakhir": "Patroli gabungan"},
        {"Batas waktu": "26 Nov 2024 · jatuh tempo hari ini", "No.": "I4", "Kategori": "Gangguan pelayanan publik",
         "Keparahan": "Tinggi", "Tempat": "Kec. Beta", "PIC": "PLN Contoh", "Status": "Dilaporkan",
         "Dilaporkan": "kurang dari 1 jam lalu (26 Nov 10.00 WITA)", "Tindak lanjut terakhir": "belum ada"},
    ]
    assert list(tab.columns) == list(kolom.TINDAK_LANJUT_INSIDEN)
    ex = t.unduh_tindak_lanjut(df)
    assert ex["Hari lewat batas waktu"].tolist() == [2, 0]                  # raw numbers
    assert ex["Keparahan"].tolist() == ["Tinggi", "Tinggi"] and ex["Nomor insiden"].tolist() == ["I1", "I4"]


def test_incident_table_keeps_free_text_as_text(contoh_store):
    df = daftar(contoh_store, T25, "semua")
    tab = t.tabel_insiden(df, "WITA")
    assert list(tab.columns) == list(kolom.INSIDEN)
    assert tab["No."].tolist() == ["I3", "I2", "I1"]
    i3, i2, i1 = tab.to_dict("records")
    assert i3 == {"Dilaporkan": "25 Nov 2024 09.00 WITA", "No.": "I3", "Kecamatan": "Beta", "Kelurahan": "Tiga",
                  "TPS": "TPS 1", "Kategori": "Pelanggaran APK", "Keparahan": "Rendah", "Status": "Dilaporkan",
                  "Sumber": "Bawaslu/Panwascam", "Ringkasan": PAYLOAD, "Tindak lanjut": "–",
                  "PIC": "Satpol PP Contoh", "Batas waktu": "1 Des 2024"}
    assert i1["Batas waktu"] == "24 Nov 2024 · lewat 1 hari" and i1["Tindak lanjut"] == "Patroli gabungan"
    assert i2["Status"] == "Selesai" and i2["TPS"] == "–" and i2["Sumber"] == "Camat/lurah"


def test_incident_export_is_raw_and_formula_safe(contoh_dir):
    p = contoh_dir / "data" / "insiden.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("Listrik padam di kantor kecamatan",
                                                       '"=HYPERLINK(""http://x"",""klik"")"'), encoding="utf-8")
    s = Store(Paths(contoh_dir / "data", contoh_dir / "geo"))
    assert s.muat(), s.ditolak
    df = s.query("insiden_daftar", tanggal=T26, kecamatan=None, kelurahan=None, mulai=None)
    ex = t.unduh_insiden(df)
    assert ex["Nomor insiden"].tolist() == ["I4", "I3", "I2", "I1"]
    assert ex["Waktu lapor"].iloc[0] == pd.Timestamp("2024-11-26 10:00")      # a real time, not a string
    assert ex["Lintang"].iloc[1] == -6.95 and ex["Koordinat dari TPS"].tolist() == ["tidak", "ya", "tidak", "tidak"]
    assert ex["Terlambat"].tolist() == ["tidak", "tidak", "tidak", "ya"]
    assert ex["Keparahan"].tolist() == ["Tinggi", "Rendah", "Sedang", "Tinggi"]
    assert ex["Ringkasan"].iloc[1] == PAYLOAD
    text = unduhan.csv_bytes(ex).decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and ";=HYPERLINK(" not in text
