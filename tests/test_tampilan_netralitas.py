"""Netralitas ASN: the netralitas_* queries on the Kota Contoh fixture (expected figures derived
by hand from tests/fixtures/kota_contoh/data/netralitas.csv) and the page's view builders.

The fixture log (three cases, no identities):
  N1 Alpha, Dinas Pendidikan, media_sosial/disiplin, temuan_bawaslu; event 8 Nov, report 10 Nov:
     laporan 10 Nov (due 13) -> klarifikasi 12 Nov (due 17) -> tidak_terbukti 15 Nov.
  N2 Beta, Kecamatan Beta, foto_bersama_paslon/etik, laporan_masyarakat; event 19 Nov, report 20 Nov:
     laporan 20 Nov (due 23) -> klarifikasi 22 Nov (due 27): still open on 25 and 26 Nov.
  N3 Alpha, Dinas Kesehatan, hadir_kampanye/etik, aplikasi_bkn; event 25 Nov, report 26 Nov:
     laporan 26 Nov (due 29).
Nothing in the fixture is overdue, reported late or closed with a sanction, so ``tambah_kasus``
adds three cases to a writable copy to exercise those paths (derivation next to it).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from siaga.data.store import Store
from siaga.inti import kontrak
from siaga.inti.config import Paths
from siaga.model import grafik
from siaga.model import netralitas as t
from siaga.tampilan import kolom

D25 = dt.date(2024, 11, 25)
D26 = dt.date(2024, 11, 26)
ALPHA, BETA = "99.01.01", "99.01.02"
HTML_OPD = '=HYPERLINK("http://contoh.invalid","<b>Dinas</b> X")'


def q(store, name, tanggal=D25, kecamatan=None):
    params = {"tanggal": tanggal, "kecamatan": kecamatan, "batas_lapor": t.BATAS_LAPOR_HARI}
    from siaga.data import queries
    return store.query(name, **{p: params[p] for p in queries.daftar()[name].params})


# ------------------------------------------------------------------ extra cases (writable copy)

def tambah_kasus(data_dir: Path) -> None:
    """Append three cases to ``netralitas.csv`` in a copy of Kota Contoh.

    As of 25 Nov 2024 (with N1, N2 from the fixture; N3 is reported on 26 Nov):
      N4 Alpha, Dinas Perhubungan, memasang_apk/disiplin: event 1 Nov, reported 15 Nov (14 days:
         late); klarifikasi since 17 Nov, due 22 Nov -> open, 3 days overdue, age 10 days.
      N5 Beta, Dinas Pendidikan, hadir_kampanye/etik: selesai on 24 Nov with a sanction.
      N6 Beta, OPD text carrying a spreadsheet formula and plotly tags, lainnya/etik: event and
         report 21 Nov; laporan, due 24 Nov -> open, 1 day overdue, age 4 days.
    Region: 5 cases, 3 open (N2, N4, N6), 2 overdue (N4, N6), 1 reported late (N4), 1 selesai
    with sanction (N5), 1 not proven (N1), 2 reported 19–25 Nov (N2 on 20, N6 on 21).
    """
    rows = [
        ["N4", "2024-11-15 10:00", "2024-11-01", "2024-11-15", ALPHA, "Dinas Perhubungan", "memasang_apk",
         "disiplin", "laporan_masyarakat", "laporan", "", "2024-11-18"],
        ["N4", "2024-11-17 10:00", "2024-11-01", "2024-11-15", ALPHA, "Dinas Perhubungan", "memasang_apk",
         "disiplin", "laporan_masyarakat", "klarifikasi", "", "2024-11-22"],
        ["N5", "2024-11-13 10:00", "2024-11-12", "2024-11-13", BETA, "Dinas Pendidikan", "hadir_kampanye", "etik",
         "temuan_bawaslu", "laporan", "", "2024-11-16"],
        ["N5", "2024-11-15 10:00", "2024-11-12", "2024-11-13", BETA, "Dinas Pendidikan", "hadir_kampanye", "etik",
         "temuan_bawaslu", "rekomendasi_bawaslu", "", "2024-11-22"],
        ["N5", "2024-11-20 10:00", "2024-11-12", "2024-11-13", BETA, "Dinas Pendidikan", "hadir_kampanye", "etik",
         "temuan_bawaslu", "keputusan_ppk", "Sanksi moral: pernyataan secara terbuka", "2024-12-04"],
        ["N5", "2024-11-24 10:00", "2024-11-12", "2024-11-13", BETA, "Dinas Pendidikan", "hadir_kampanye", "etik",
         "temuan_bawaslu", "selesai", "Sanksi moral: pernyataan secara terbuka", ""],
        ["N6", "2024-11-21 10:00", "2024-11-21", "2024-11-21", BETA, HTML_OPD, "lainnya", "etik", "aplikasi_bkn",
         "laporan", "", "2024-11-24"],
    ]
    with open(data_dir / "netralitas.csv", "a", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


@pytest.fixture
def tambah_store(contoh_dir):
    tambah_kasus(contoh_dir / "data")
    s = Store(Paths(contoh_dir / "data", contoh_dir / "geo"))
    assert s.muat(), s.ditolak
    return s


# ------------------------------------------------------------------ queries on the fixture

def test_ringkas_region_25_nov(contoh_store):
    # N1 (tidak_terbukti) and N2 (klarifikasi, due 27 Nov); N3 not reported yet. Reports 2 and 1
    # day after the event: none late. N2 reported 20 Nov, within 19–25 Nov.
    r = q(contoh_store, "netralitas_ringkas").iloc[0].to_dict()
    assert r == {"jumlah_kasus": 2, "terbuka": 1, "terlambat": 0, "lapor_terlambat": 0, "selesai": 0,
                 "selesai_sanksi": 0, "tidak_terbukti": 1, "baru_7hari": 1}


def test_ringkas_per_kecamatan_and_date(contoh_store):
    assert q(contoh_store, "netralitas_ringkas", kecamatan=BETA).iloc[0][["jumlah_kasus", "terbuka"]].tolist() == [1, 1]
    alpha = q(contoh_store, "netralitas_ringkas", kecamatan=ALPHA).iloc[0]
    assert (alpha.jumlah_kasus, alpha.terbuka, alpha.tidak_terbukti) == (1, 0, 1)
    # 26 Nov: N3 reported -> 3 cases, open N2 and N3; reports 20–26 Nov: N2, N3.
    r = q(contoh_store, "netralitas_ringkas", tanggal=D26).iloc[0]
    assert (r.jumlah_kasus, r.terbuka, r.terlambat, r.baru_7hari) == (3, 2, 0, 2)
    # 12 Nov: only N1, just moved to klarifikasi (due 17 Nov).
    r = q(contoh_store, "netralitas_ringkas", tanggal=dt.date(2024, 11, 12), kecamatan=ALPHA).iloc[0]
    assert (r.jumlah_kasus, r.terbuka, r.terlambat, r.tidak_terbukti) == (1, 1, 0, 0)
    # before any case
    r = q(contoh_store, "netralitas_ringkas", tanggal=dt.date(2024, 11, 1)).iloc[0]
    assert r.tolist() == [0] * 8


def test_alur_jenis_opd_25_nov(contoh_store):
    alur = q(contoh_store, "netralitas_alur")
    assert dict(zip(alur.status, alur.jumlah)) == {"klarifikasi": 1, "tidak_terbukti": 1}
    beta = q(contoh_store, "netralitas_alur", kecamatan=BETA)
    assert beta[["status", "jumlah"]].values.tolist() == [["klarifikasi", 1]]
    jenis = q(contoh_store, "netralitas_jenis")
    assert jenis.values.tolist() == [["foto_bersama_paslon", "etik", 1, 1], ["media_sosial", "disiplin", 1, 0]]
    opd = q(contoh_store, "netralitas_opd")
    # one case each: the open one (Kecamatan Beta) first
    assert opd.values.tolist() == [["Kecamatan Beta", 1, 1, 0, 0], ["Dinas Pendidikan", 1, 0, 0, 1]]


def test_kecamatan_lists_every_kecamatan(contoh_store):
    kec = q(contoh_store, "netralitas_kecamatan")
    assert kec.values.tolist() == [[ALPHA, "Alpha", 1, 0, 0, 0, 0, 1], [BETA, "Beta", 1, 1, 0, 0, 0, 0]]
    early = q(contoh_store, "netralitas_kecamatan", tanggal=dt.date(2024, 11, 1))
    assert early["nama"].tolist() == ["Alpha", "Beta"] and early["jumlah"].tolist() == [0, 0]


def test_terbuka_25_and_26_nov(contoh_store):
    n2 = q(contoh_store, "netralitas_terbuka").iloc[0]
    assert len(q(contoh_store, "netralitas_terbuka")) == 1
    assert (n2.id_kasus, n2.status, n2.umur_hari, n2.hari_lapor, n2.hari_terlambat, n2.sisa_hari) == \
        ("N2", "klarifikasi", 5, 1, 0, 2)                      # 25-20, 20-19, due 27 Nov
    assert n2.batas_waktu.date() == dt.date(2024, 11, 27) and not n2.terlambat and not n2.lapor_terlambat
    assert n2.nama_kecamatan == "Beta" and n2.opd == "Kecamatan Beta"
    assert q(contoh_store, "netralitas_terbuka", kecamatan=ALPHA).empty       # N1 closed on 15 Nov
    # 26 Nov: N2 (due 27) before N3 (due 29); N3 is 0 days old
    d26 = q(contoh_store, "netralitas_terbuka", tanggal=D26)
    assert d26[["id_kasus", "umur_hari", "sisa_hari"]].values.tolist() == [["N2", 6, 1], ["N3", 0, 3]]


def test_no_query_returns_an_identity_column(contoh_store):
    pribadi = {k.nama for k in kontrak.INPUTS["netralitas_pribadi"].kolom if k.pribadi}
    for name in ("netralitas_ringkas", "netralitas_alur", "netralitas_jenis", "netralitas_opd",
                 "netralitas_kecamatan", "netralitas_terbuka"):
        assert not pribadi & set(q(contoh_store, name).columns), name
    assert pribadi == {"nama_terlapor", "nip_terlapor", "jabatan_terlapor", "nama_pelapor", "kontak_pelapor"}


def test_overdue_late_and_sanctioned_cases(tambah_store):
    r = q(tambah_store, "netralitas_ringkas").iloc[0].to_dict()
    assert r == {"jumlah_kasus": 5, "terbuka": 3, "terlambat": 2, "lapor_terlambat": 1, "selesai": 1,
                 "selesai_sanksi": 1, "tidak_terbukti": 1, "baru_7hari": 2}
    alur = q(tambah_store, "netralitas_alur").set_index("status")
    assert alur.loc["laporan"].tolist() == [1, 1] and alur.loc["klarifikasi"].tolist() == [2, 1]
    assert alur.loc["selesai", "jumlah"] == 1 and "rekomendasi_bawaslu" not in alur.index
    terbuka = q(tambah_store, "netralitas_terbuka")
    assert terbuka[["id_kasus", "hari_terlambat", "umur_hari", "hari_lapor"]].values.tolist() == \
        [["N4", 3, 10, 14], ["N6", 1, 4, 0], ["N2", 0, 5, 1]]               # most overdue first
    assert terbuka["lapor_terlambat"].tolist() == [True, False, False]
    kec = q(tambah_store, "netralitas_kecamatan")
    assert kec.drop(columns=["kode", "nama"]).values.tolist() == [[2, 1, 1, 1, 0, 1], [3, 2, 1, 0, 1, 0]]
    opd = q(tambah_store, "netralitas_opd")
    assert opd["opd"].tolist() == ["Dinas Pendidikan", HTML_OPD, "Dinas Perhubungan", "Kecamatan Beta"]
    assert opd.iloc[0][["jumlah", "terbuka", "ditutup"]].tolist() == [2, 0, 2]


# ------------------------------------------------------------------ view builders

def spec(fig) -> dict:
    return json.loads(fig.to_json())


def test_key_figures_are_formatted():
    r = {"jumlah_kasus": 1234, "terbuka": 56, "terlambat": 7, "lapor_terlambat": 1000, "selesai": 20,
         "selesai_sanksi": 18, "tidak_terbukti": 0, "baru_7hari": 3}
    angka = t.angka_kunci(r)
    assert [a.label for a in angka] == ["Kasus tercatat", "Masih berjalan", "Lewat batas waktu",
                                        "Terlambat dilaporkan", "Selesai dengan sanksi", "Tidak terbukti"]
    assert [a.nilai for a in angka] == ["1.234", "56", "7", "1.000", "18", "0"]
    assert "7 hari" in angka[3].bantuan
    assert t.keterangan_angka(r) == ("3 kasus baru dilaporkan dalam 7 hari terakhir · "
                                     "2 kasus selesai tanpa sanksi tercatat.")
    assert t.keterangan_angka({**r, "selesai": 18}) == "3 kasus baru dilaporkan dalam 7 hari terakhir."


def test_rules_are_stated_as_unverified():
    assert "laporan paling lambat 7 hari setelah peristiwa" in t.KETENTUAN
    assert "3 hari setelah laporan diterima (+2 hari" in t.KETENTUAN
    assert "belum terverifikasi untuk Pilkada 2024" in t.KETENTUAN
    assert "berkas terpisah berakses terbatas" in t.PRIVASI


def test_flow_in_workflow_order_with_both_ends(contoh_store):
    a = t.alur(q(contoh_store, "netralitas_alur"))
    assert a["status"].tolist() == [s for s, _ in kontrak.STATUS_NETRALITAS]
    assert a["jumlah"].tolist() == [0, 1, 0, 0, 0, 0, 1]
    s = spec(t.grafik_alur(q(contoh_store, "netralitas_alur")))
    labels = [label for _, label in kontrak.STATUS_NETRALITAS]
    assert s["layout"]["yaxis"]["categoryarray"] == labels and s["layout"]["yaxis"]["autorange"] == "reversed"
    traces = {tr["name"]: tr for tr in s["data"]}
    assert list(traces) == ["Berjalan, dalam batas waktu", "Berjalan, lewat batas waktu", "Selesai", "Tidak terbukti"]
    assert traces["Berjalan, dalam batas waktu"]["x"] == [0, 1, 0, 0, 0, 0, 0]
    assert traces["Tidak terbukti"]["x"] == [0, 0, 0, 0, 0, 0, 1]
    assert traces["Selesai"]["marker"]["color"] == t.WARNA_SELESAI and t.WARNA_SELESAI in grafik.PALET
    assert [an["text"] for an in s["layout"]["annotations"]] == ["0", "1", "0", "0", "0", "0", "1"]
    assert s["layout"]["separators"] == ",." and s["layout"]["legend"]["traceorder"] == "normal"
    # the dashed line sits between keputusan PPK (index 4) and selesai (index 5)
    assert s["layout"]["shapes"][0]["y0"] == 4.5


def test_flow_splits_overdue_and_formats_thousands():
    df = pd.DataFrame({"status": ["proses_bkn", "selesai"], "jumlah": [1500, 2], "terlambat": [250, 0]})
    traces = {tr["name"]: tr for tr in spec(t.grafik_alur(df))["data"]}
    assert traces["Berjalan, dalam batas waktu"]["x"][3] == 1250
    assert traces["Berjalan, lewat batas waktu"]["x"][3] == 250
    assert traces["Berjalan, dalam batas waktu"]["text"][3] == "1.250"
    assert traces["Berjalan, lewat batas waktu"]["text"][0] == ""          # no label on an empty segment
    assert traces["Selesai"]["customdata"][5] == "2"


def test_type_and_class_chart(tambah_store):
    w = t.jenis_kelas(q(tambah_store, "netralitas_jenis"))
    assert w["jenis"].tolist() == [label for _, label in kontrak.JENIS_PELANGGARAN]
    # foto (etik 1), hadir (etik 1), media_sosial (disiplin 1), memasang_apk (disiplin 1), lainnya (etik 1)
    assert w["etik"].tolist() == [1, 1, 0, 0, 0, 0, 1] and w["disiplin"].tolist() == [0, 0, 1, 1, 0, 0, 0]
    s = spec(t.grafik_jenis(q(tambah_store, "netralitas_jenis")))
    assert [tr["name"] for tr in s["data"]] == ["Etik", "Disiplin"]
    assert [tr["marker"]["color"] for tr in s["data"]] == [grafik.PALET[0], grafik.PALET[1]]
    assert s["layout"]["barmode"] == "stack"


def test_opd_chart_top_n_and_escaped_labels(tambah_store):
    opd = q(tambah_store, "netralitas_opd")
    s = spec(t.grafik_opd(opd, n=3))
    y = s["data"][0]["y"]
    assert len(y) == 3 and y[0] == "Dinas Pendidikan"
    assert y[1] == '=HYPERLINK("http://contoh.invalid","&lt;b&gt;Dinas&lt;/b&gt; X")'   # shown literally
    assert "<b>" not in json.dumps(s["data"]) and "<b>" not in json.dumps(s["layout"])
    assert t.keterangan_opd(opd, n=3) == "3 OPD dengan kasus terbanyak dari 4 OPD yang ASN-nya dilaporkan."
    assert t.keterangan_opd(opd) == "4 OPD yang ASN-nya dilaporkan."
    closed = next(tr for tr in s["data"] if tr["name"] == "Ditutup")
    assert closed["x"] == [2, 0, 0]


def test_kecamatan_table_and_export(tambah_store):
    kec = q(tambah_store, "netralitas_kecamatan")
    tab = t.tabel_kecamatan(kec, BETA)
    assert tab["Kecamatan"].tolist() == ["Alpha", "▶ Beta"]
    assert tab.columns.tolist() == ["Kecamatan", "Kasus", "Berjalan", "Lewat batas waktu", "Terlambat dilaporkan",
                                    "Selesai", "Tidak terbukti"]
    assert set(tab.columns) == set(kolom.KECAMATAN_NETRALITAS)
    ex = t.ekspor_kecamatan(kec)
    assert ex.iloc[0].tolist() == [ALPHA, "Alpha", 2, 1, 1, 1, 0, 1]
    assert t.keterangan_kecamatan(BETA) == "Semua kecamatan sebagai pembanding; kecamatan terpilih ditandai ▶."
    assert t.keterangan_kecamatan(None) == "Semua kecamatan sebagai pembanding."


@pytest.mark.parametrize("terlambat, sisa, teks", [(3, -3, "Lewat 3 hari"), (0, 0, "Hari ini"),
                                                   (0, 2, "2 hari lagi"), (0, float("nan"), "Tidak dicatat"),
                                                   (1200, -1200, "Lewat 1.200 hari")])
def test_deadline_wording(terlambat, sisa, teks):
    assert t.tenggat(terlambat, sisa) == teks


def test_open_cases_table(tambah_store):
    df = q(tambah_store, "netralitas_terbuka")
    tab = t.tabel_terbuka(df)
    assert tab.columns.tolist() == t.KOLOM_TAMPIL and set(t.KOLOM_TAMPIL) == set(kolom.TERBUKA_NETRALITAS)
    n4 = tab.iloc[0].to_dict()
    assert n4 == {"Nomor kasus": "N4", "Tahap": "Klarifikasi Bawaslu", "Umur (hari)": 10,
                  "Batas waktu": "22 Nov 2024", "Tenggat": "Lewat 3 hari", "Kecamatan": "Alpha",
                  "OPD": "Dinas Perhubungan", "Jenis pelanggaran": "Memasang spanduk/APK", "Kelas": "Disiplin",
                  "Kejadian": "1 Nov 2024", "Dilaporkan": "15 Nov 2024", "Jarak lapor": "14 hari ⚠",
                  "Sumber": "Laporan masyarakat", "Sanksi": "–"}
    assert tab["Tenggat"].tolist() == ["Lewat 3 hari", "Lewat 1 hari", "2 hari lagi"]
    assert tab.iloc[1]["OPD"] == HTML_OPD                        # free text kept as text (st.dataframe)
    styles = t.warnai_tenggat(tab)._compute().ctx
    assert ("background-color", "#f9d3cc") in styles[(0, tab.columns.get_loc("Tenggat"))]
    assert (2, tab.columns.get_loc("Tenggat")) not in styles or \
        ("background-color", "#f9d3cc") not in styles[(2, tab.columns.get_loc("Tenggat"))]


def test_open_cases_export_holds_raw_values(tambah_store):
    ex = t.ekspor_terbuka(q(tambah_store, "netralitas_terbuka"))
    n4 = ex.iloc[0]
    assert n4["Nomor kasus"] == "N4" and n4["Kode status"] == "klarifikasi" and n4["Tindak lanjut oleh"] == "Bawaslu"
    assert n4["Tanggal kejadian"] == dt.date(2024, 11, 1) and n4["Batas waktu"] == dt.date(2024, 11, 22)
    assert n4["Di tahap ini sejak"] == dt.datetime(2024, 11, 17, 10, 0)
    assert (n4["Umur (hari)"], n4["Hari lewat batas waktu"], n4["Hari kejadian sampai laporan"]) == (10, 3, 14)
    assert n4["Dilaporkan lebih dari 7 hari"] == "ya" and n4["Lewat batas waktu"] == "ya"
    assert ex["Sanksi"].tolist() == ["", "", ""]
    from siaga.laporan import unduhan
    text = unduhan.csv_bytes(ex).decode("utf-8-sig")
    assert "'=HYPERLINK" in text                                  # formula neutralised in the file
    assert "N4;klarifikasi;Klarifikasi Bawaslu;Bawaslu;2024-11-17 10:00;2024-11-01;2024-11-15;14;ya;10;2024-11-22;3;" \
        in text
