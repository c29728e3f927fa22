"""Project rules checked on the source: SQL lives in queries/, values are bound, pages are thin."""

import re

from tests.conftest import ROOT

# siaga/data/besar.py is the one module that writes SQL in code: it turns the data contract
# (column names, patterns, choices, ranges in siaga/contract.py) into checks for large files. Nothing
# read from a file reaches its SQL text: values stay inside DuckDB (read_csv, path bound) and a header
# name is used only after it matched a contract column (tests/test_muat_besar.py checks both).
SQL_DARI_KONTRAK = {"besar.py"}
CODE = [p for p in ROOT.rglob("*.py") if not any(part in p.parts for part in ("tests", ".venv", "bench"))
        and p.name not in SQL_DARI_KONTRAK]
FORMATTED_SQL = re.compile(r"""(execute|sql|query)\(\s*f["']|(SELECT|WHERE|FROM)\b[^"']*["'][^)]*(%\s|\.format\()""")
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE)\s+(\*|[a-z_]+\s*,|OR|TABLE|INTO|FROM)", re.IGNORECASE)


def test_no_sql_is_built_from_values():
    hits = [f"{p.relative_to(ROOT)}:{i}" for p in CODE for i, line in enumerate(p.read_text().splitlines(), 1)
            if FORMATTED_SQL.search(line)]
    assert not hits, hits


def test_no_sql_outside_queries():
    hits = [f"{p.relative_to(ROOT)}:{i}" for p in CODE for i, line in enumerate(p.read_text().splitlines(), 1)
            if SQL_WORDS.search(line) and not line.lstrip().startswith("#")]
    assert not hits, hits


def test_every_query_file_has_one_statement():
    for p in sorted((ROOT / "queries").rglob("*.sql")):
        body = re.sub(r"--[^\n]*", "", p.read_text())
        body = re.sub(r"'(?:[^']|'')*'", "''", body).strip().rstrip(";")
        assert ";" not in body, f"{p.name} holds more than one statement"


def test_pages_are_thin():
    for p in sorted((ROOT / "pages").glob("*.py")):
        text = p.read_text()
        assert len(text.splitlines()) <= 150, p.name
        assert "duckdb" not in text and "import pandas" not in text, p.name
        assert "unsafe_allow_html" not in text, p.name
