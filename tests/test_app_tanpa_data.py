"""When nothing can be loaded, the dashboard pages stop with the problem list, and the Data page
still works so the desk can fix the refused file from the browser."""

from __future__ import annotations

from tests import apptest


def test_data_page_fixes_a_refused_first_load(app_env, contoh_dir):
    tps = contoh_dir / "data" / "tps.csv"
    good = tps.read_bytes()
    tps.write_text("kode_tps,kode_kelurahan\n1,2\n")
    app_env(contoh_dir / "data", contoh_dir / "geo")

    ringkasan = apptest.buka(None, timeout=90)
    assert not ringkasan.exception
    assert ringkasan.error[0].value.startswith("Data tidak dapat dimuat")
    assert "halaman **Data**" in ringkasan.error[0].value
    assert not ringkasan.title                                    # the page itself did not run

    at = apptest.buka("pages/data.py", timeout=90)
    assert not at.exception
    assert at.error[0].value.startswith("Data tidak dapat dimuat")
    assert at.title[0].value == "Data"
    at.selectbox(key="data_jenis").set_value("tps")
    at.text_input(key="data_oleh").set_value("Budi")
    at.run()
    at.file_uploader[0].upload("tps.csv", good, "text/csv")
    at.run()
    assert "Siap disimpan" in at.success[0].value, [e.value for e in at.error]
    at.button(key="data_terima").click().run()
    assert not at.exception
    assert "DITERIMA" in at.success[0].value

    at.switch_page("pages/ringkasan.py")
    at.run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Ringkasan · Kota Contoh"
