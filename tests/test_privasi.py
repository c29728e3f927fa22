"""Hardening checked on the source and on the data path: no HTML from data, values bound in SQL,
the Streamlit settings, personal values masked in import reports, error messages and logs, and
formula injection neutralised in every download format."""

from __future__ import annotations

import csv
import io
import logging
import re
import tomllib

import openpyxl
import pandas as pd
import pytest

from siaga.inti.masalah import MASKED
from siaga.laporan import unduhan
from siaga.masuk import impor
from tests.conftest import FIXTURE, ROOT
from tests.test_code_rules import SQL_DARI_KONTRAK
from tests.test_identitas import sentinels

CODE = [p for p in [*ROOT.glob("siaga/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]]


# The two st.html calls allowed: the big screen's style sheet and the script that asks for a reload
# when a browser module failed to load; both are files in siaga/static, never a data value.
STATIK = ("# static style sheet from siaga/static, never a data value",
          "# static script from siaga/static, never a data value")


def test_no_raw_html_or_javascript_anywhere():
    pola = re.compile(r"unsafe_allow_html|unsafe_allow_javascript|st\.html\(|components\.v1\.html|components\.html")
    hits = [f"{p.relative_to(ROOT)}:{i}" for p in CODE for i, ln in enumerate(p.read_text().splitlines(), 1)
            if pola.search(ln) and not ln.rstrip().endswith(STATIK)]
    assert not hits, hits


def test_the_reload_script_is_static_and_fetches_nothing():
    js = (ROOT / "siaga" / "static" / "muat_ulang.js").read_text()
    assert "innerHTML" not in js and "eval(" not in js                  # text only, nothing interpreted
    assert not re.search(r"https?://|fetch\(|XMLHttpRequest|import\(", js)  # nothing loaded from anywhere


def test_the_viewport_script_is_static_and_sends_only_the_size():
    """The big screen's custom component (st.components.v2) is a file in siaga/static: it reads the
    window's size and sends it, nothing else; the only component in the code."""
    js = (ROOT / "siaga" / "static" / "layar_ukuran.js").read_text()
    assert "innerHTML" not in js and "eval(" not in js
    assert not re.search(r"https?://|fetch\(|XMLHttpRequest|import\(|document\.cookie|localStorage", js)
    assert re.findall(r"setStateValue\(([^)]*)\)", js) == ['"ukuran", { lebar: lebar, tinggi: tinggi }']
    hits = [f"{p.relative_to(ROOT)}:{i}" for p in CODE for i, ln in enumerate(p.read_text().splitlines(), 1)
            if "components.v2" in ln]
    assert [h.rsplit(":", 1)[0] for h in hits] == ["siaga/tampilan/layar.py"], hits


def test_sql_is_only_run_from_constant_text():
    """Every execute() in the code runs a query file's text or a constant; values go as binds."""
    dibangun = re.compile(r"""\.execute\(\s*(f["']|["'][^"']*["']\s*(%|\+|\.format))|\.execute\(\s*[a-z_]+\s*(%|\+)""")
    hits = [f"{p.relative_to(ROOT)}:{i}" for p in CODE if p.name not in SQL_DARI_KONTRAK
            for i, ln in enumerate(p.read_text().splitlines(), 1) if dibangun.search(ln)]
    assert not hits, hits
    for p in sorted((ROOT / "queries").rglob("*.sql")):
        text = re.sub(r"--[^\n]*", "", p.read_text())
        assert not re.search(r"\{[a-z_]*\}|%s|%\(", text), p.name          # no Python placeholders in SQL


def test_streamlit_hardening_settings():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["browser"]["serverAddress"] == "localhost"       # no public-IP lookup on the internet at start
    assert cfg["client"]["showErrorDetails"] == "none" and cfg["client"]["toolbarMode"] == "viewer"
    assert cfg["client"]["showErrorLinks"] is False and cfg["client"]["disableDataExport"] is True
    s = cfg["server"]
    assert s["enableXsrfProtection"] is True and s["enableCORS"] is True and s["maxUploadSize"] == 25
    assert s["enableStaticServing"] is False and s["enableAgentApi"] is False
    assert s["allowedHosts"] == ["localhost", "127.0.0.1"]
    assert "trustedUserHeaders" not in s
    assert cfg["runner"]["magicEnabled"] is False


def _pribadi_rusak() -> bytes:
    """The fixture's identities with errors in every personal column."""
    text = (FIXTURE / "data" / "netralitas_pribadi.csv").read_text()
    text = text.replace("198001012010011001", "SENTINEL-NIP-RUSAK")                 # not 18 digits
    text += "N2,SENTINEL-NAMA-GANDA,198502022012022002,Staf,SENTINEL-PELAPOR-GANDA,0812-SENTINEL-GANDA\n"  # duplicate
    text += "N9,SENTINEL-NAMA-TANPA-KASUS,199003032015033003,,,\n"                 # unknown case
    return text.encode()


def test_refused_personal_file_reveals_nothing(contoh_paths, caplog):
    caplog.set_level(logging.DEBUG)
    lap = impor.impor(contoh_paths, "netralitas_pribadi", _pribadi_rusak(), "identitas.csv", oleh="uji")
    assert not lap.ok and lap.galat
    shown = lap.teks() + "\n" + "\n".join(m.pesan() for m in lap.masalah)
    if lap.pratinjau is not None:
        shown += lap.pratinjau.to_csv()
    assert "SENTINEL" not in shown, shown
    assert any(m.nilai == MASKED for m in lap.masalah)
    for v in sentinels():
        assert v not in shown and v not in caplog.text, v
    assert "SENTINEL" not in caplog.text


def test_command_line_import_of_personal_data_prints_nothing_personal(contoh_dir, monkeypatch, capsys):
    from siaga.__main__ import main

    monkeypatch.setenv("SIAGA_DATA", str(contoh_dir / "data"))
    monkeypatch.setenv("SIAGA_GEO", str(contoh_dir / "geo"))
    monkeypatch.setenv("SIAGA_AKSES", str(contoh_dir / "akses"))
    src = contoh_dir / "identitas.csv"
    src.write_bytes(_pribadi_rusak())
    assert main(["impor", str(src), "--jenis", "netralitas_pribadi"]) == 1
    out = capsys.readouterr()
    assert "SENTINEL" not in out.out + out.err
    assert "SENTINEL" not in (contoh_dir / "akses" / "audit.jsonl").read_text()


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://contoh.invalid\",\"klik\")", "+1+1", "-2+3", "@SUM(A1)",
                                     "\t=1", "\r=1"])
def test_formula_injection_in_downloads(payload):
    df = pd.DataFrame({"Ringkasan": [payload, "aman"], "Jumlah": [1, -2]})
    rows = list(csv.reader(io.StringIO(unduhan.csv_bytes(df).decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][0].startswith("'") and rows[-1] == ["aman", "-2"]          # numbers stay numbers
    wb = openpyxl.load_workbook(io.BytesIO(unduhan.xlsx_bytes(df, "uji")))
    ws = wb.active
    assert ws["A2"].value.startswith("'") and ws["A2"].data_type == "s"       # text, never a formula
    assert ws["B3"].value == -2
