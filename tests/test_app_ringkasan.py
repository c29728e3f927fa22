"""AppTest of the Ringkasan page on the Kota Contoh fixture (figures from its README)."""

from __future__ import annotations

import os

import pytest

from tests import apptest
from tests.apptest import deck_spec, metrics
from tests.conftest import FIXTURE


@pytest.fixture
def contoh_app(app_env):
    app_env(FIXTURE / "data", FIXTURE / "geo")
    return lambda **query: apptest.buka(None, **query)


def test_default_view_is_the_latest_day(contoh_app):
    at = contoh_app()
    assert not at.exception and not at.error
    assert at.title[0].value == "Ringkasan · Kota Contoh"
    assert at.caption[0].value.startswith("Data per 26 November 2024 pukul 10.00 WITA · H-1 menuju")
    assert metrics(at)["Hitung mundur"] == "H-1"
    assert at.date_input(key="f_tgl").value.isoformat() == "2024-11-26"


def test_deep_link_reproduces_the_figures(contoh_app):
    at = contoh_app(tgl="2024-11-25")
    m = metrics(at)
    # README: region 69,31; the plan of 25 Nov asks for 76,67, siap from 61 -> on schedule
    assert m == {"Hitung mundur": "H-2", "Skor kesiapan": "69", "Netralitas ASN": "1 kasus berjalan",
                 "Kesiapan partisipasi": "65,0%", "Tanpa konflik": "1 insiden terbuka",
                 "Pelayanan publik tanpa gangguan": "0 gangguan",
                 # since the end of 24 Nov: 45 -> 69; Beta from perlu perhatian to siap; I3 reported, I2 closed
                 "Perubahan skor kesiapan": "+24", "Kecamatan berganti level": "1 kecamatan",
                 "Insiden baru dan selesai": "1 baru · 1 selesai", "Kasus netralitas ASN berubah": "0 baru · 0 ditutup"}
    captions = [c.value for c in at.caption]
    assert "Siap · sesuai jadwal" in captions
    assert "C-Pemberitahuan tersampaikan ke 650 dari 1.000 pemilih DPT di 4 TPS." in captions
    assert "1 serius · 0 baru dilaporkan hari ini (konflik, keamanan, SARA)." in captions
    assert "45 → 69" in captions and "1 membaik · 0 memburuk" in captions
    assert [t.value for t in at.text] == ["Masa tenang — hari ke-2, sampai 26 November 2024"]
    situasi = [x.value for x in at.markdown][:3]
    assert situasi[0].startswith("Kota Contoh, H-2: skor kesiapan 69")
    assert situasi[1] == "Semua kecamatan sesuai jadwal KPU."
    assert situasi[2] == ("Hari ini perlu ditindaklanjuti: 1 tindak lanjut insiden lewat batas waktu, 1 kecamatan "
                          "dengan logistik di belakang rencana KPU, 1 TPS bermasalah.")
    berganti = at.dataframe[1].value
    assert berganti.values.tolist() == [["Beta", "Perlu perhatian", "Siap", "38 → 73"]]


def test_kecamatan_filter_from_the_url(contoh_app):
    at = contoh_app(kec="99.01.02", tgl="2024-11-25")
    assert at.title[0].value == "Ringkasan · Kecamatan Beta"
    m = metrics(at)
    assert m["Kesiapan partisipasi"] == "100,0%" and m["Skor kesiapan"] == "73"
    assert m["Tanpa konflik"] == "Tidak ada insiden terbuka"
    table = at.dataframe[-1].value
    assert table["Kecamatan"].tolist() == ["Alpha", "▶ Beta"]        # the whole ranking stays, selection marked


def test_widgets_write_the_url(contoh_app):
    at = contoh_app()
    at.selectbox(key="f_kec").set_value("99.01.01").run()
    assert at.query_params["kec"] == "99.01.01"
    assert at.title[0].value == "Ringkasan · Kecamatan Alpha"
    import datetime as dt
    at.date_input(key="f_tgl").set_value(dt.date(2024, 11, 21)).run()
    assert at.query_params["tgl"] == "2024-11-21"
    assert metrics(at)["Hitung mundur"] == "H-6"


@pytest.mark.parametrize("query", [{"kec": "99.01.01' OR 1=1 --", "tgl": "2099-01-01"}, {"tgl": "kemarin"},
                                   {"kec": "<script>alert(1)</script>"}])
def test_bad_url_parameters_fall_back_to_defaults(contoh_app, query):
    at = contoh_app(**query)
    assert not at.exception
    assert at.title[0].value == "Ringkasan · Kota Contoh"
    assert metrics(at)["Hitung mundur"] == "H-1"


def test_ranking_and_map_spec(contoh_app):
    at = contoh_app(tgl="2024-11-25")
    table = at.dataframe[-1].value
    assert table["Kecamatan"].tolist() == ["Alpha", "Beta"]
    assert table["Skor"].tolist() == [67, 73]
    assert table["Level"].tolist() == ["Siap", "Siap"]                  # both on the plan of 25 Nov
    assert table["Jadwal"].tolist() == ["sesuai jadwal", "sesuai jadwal"]
    assert table["Logistik"].tolist() == ["78%", "50%"]
    assert table["Penyebab utama"].iloc[0].startswith("kesiapan TPS 44% (−22 poin); logistik 78% (−9 poin)")
    spec = deck_spec(at)
    assert "mapProvider" not in spec and spec["mapStyle"].startswith("data:application/json,")
    layer = spec["layers"][0]
    assert layer["id"] == "kesiapan-kecamatan"
    feats = layer["data"]["features"]
    assert {f["properties"]["nama"] for f in feats} == {"Alpha", "Beta"}
    assert {tuple(f["properties"]["warna"][:3]) for f in feats} == {(0x45, 0x75, 0xB4)}   # siap
    assert spec["layers"][1]["id"] == "label-kecamatan"


def test_refused_first_load_shows_the_problems(app_env, contoh_dir):
    (contoh_dir / "data" / "tps.csv").write_text("kode_tps,kode_kelurahan\n1,2\n")
    app_env(contoh_dir / "data", contoh_dir / "geo")
    at = apptest.buka(None)
    assert not at.exception
    assert at.error[0].value.startswith("Data tidak dapat dimuat")
    problems = at.dataframe[0].value
    assert "tps.csv" in problems["berkas"].tolist()
    assert any("kolom wajib tidak ada" in a for a in problems["alasan"])


def test_refused_reload_keeps_serving(app_env, contoh_dir):
    app_env(contoh_dir / "data", contoh_dir / "geo")
    at = apptest.buka(None, tgl="2024-11-25")
    from siaga.tampilan import ui
    ui.store().check_interval = 0
    p = contoh_dir / "data" / "tps.csv"
    p.write_text(p.read_text().replace(",400,reguler", ",empat ratus,reguler"))
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    at.run()
    assert not at.exception
    # one error refuses the update; the fixture's two plausibility warnings are listed with it
    assert at.warning[0].value.startswith("Pembaruan data ditolak (1 galat, 2 peringatan)")
    assert metrics(at)["Kesiapan partisipasi"] == "65,0%"          # the last good data


def test_items_needing_attention(contoh_app):
    # As of 25 Nov: I1 (tinggi, due 24 Nov) is 1 day overdue; the KPU plan has the logistics at the
    # PPS (75) on H-2: Beta (50, only at the PPK) is behind it, Alpha (78) is not, though 2 of its
    # 3 TPS are still incomplete; Alpha has one TPS reported bermasalah (TPS 002 of Satu, 25 Nov 09:00).
    at = contoh_app(tgl="2024-11-25")
    table = at.dataframe[0].value
    assert table["Apa"].tolist() == [
        "Konflik atau gangguan keamanan (tinggi): tindak lanjut lewat batas waktu 1 hari",
        "Logistik di belakang rencana KPU: belum lengkap di 1 dari 1 TPS",
        "1 TPS dilaporkan bermasalah (dari 3 TPS)",
    ]
    assert table["Di mana"].tolist() == ["Kel. Satu, Kec. Alpha", "Kec. Beta", "Kec. Alpha"]
    assert table["Sejak"].tolist()[0] == "dilaporkan 23 Nov 2024 10.00 WITA"
    assert table["Tindak lanjut oleh"].tolist() == ["Polres Contoh", "PPK dan PPS Kecamatan Beta",
                                                    "Camat Alpha dan lurah setempat"]


def test_nothing_needing_attention_is_an_empty_state(contoh_app):
    at = contoh_app(tgl="2024-11-12")       # only N1 exists (in klarifikasi, not yet due)
    assert any("Tidak ada tindak lanjut yang terlambat" in i.value for i in at.info)


def test_changes_since_the_last_meeting_from_the_url_and_the_widget(contoh_app):
    import datetime as dt

    at = contoh_app(tgl="2024-11-25", banding="2024-11-20")
    assert not at.exception
    assert "Perubahan sejak rapat (20 November 2024)" in [s.value for s in at.subheader]
    m = metrics(at)
    # since the end of 20 Nov: I1, I2 and I3 reported, I2 closed
    assert m["Insiden baru dan selesai"] == "3 baru · 1 selesai"
    assert at.date_input(key="f_banding").value == dt.date(2024, 11, 20)
    at.date_input(key="f_banding").set_value(None).run()            # cleared: back to the day before
    assert "banding" not in at.query_params
    assert "Perubahan sejak kemarin (24 November 2024)" in [s.value for s in at.subheader]
    at.date_input(key="f_banding").set_value(dt.date(2024, 11, 22)).run()
    assert at.query_params["banding"] == "2024-11-22"
    assert "mode=layar&tgl=2024-11-25&banding=2024-11-22" in at.caption[0].value     # the big screen follows


@pytest.mark.parametrize("banding", ["2024-11-25", "2024-11-30", "kemarin"])
def test_a_comparison_day_not_before_the_date_falls_back_to_the_day_before(contoh_app, banding):
    at = contoh_app(tgl="2024-11-25", banding=banding)
    assert not at.exception
    assert "Perubahan sejak kemarin (24 November 2024)" in [s.value for s in at.subheader]
