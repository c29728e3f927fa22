"""The SQL registry: one statement per file in ``queries/``.

Each file starts with a header comment::

    -- Readiness per kecamatan as of a date.
    -- params:
    --   tanggal: DATE, as-of date (inclusive, local time)
    -- columns:
    --   kode_kecamatan: VARCHAR, Kemendagri code

A query that reads rows the store keeps per as-of date (``ringkas_simpan``, ``kesiapan_simpan``,
``logistik_simpan``) says so in its header, so the store fills them before it runs::

    -- reads: kesiapan_simpan

Parameters are DuckDB ``$named`` binds; values are never formatted into SQL. A parameter
declared ``TYPE = NULL`` (``--   kecamatan: VARCHAR = NULL, ...``) is optional and NULL when
omitted: the scope parameter of queries that show the whole region unless a camat runs them.
``queries/model/*.sql`` hold the shared building blocks (views and table macros),
created in file-name order when the store loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent.parent.parent / "queries"
MODEL_DIR = QUERY_DIR / "model"
PERINTAH_DIR = QUERY_DIR / "perintah"      # statements the store runs itself (caches, boundaries), not page queries

_BIND = re.compile(r"(?<![\w$])\$([a-z_][a-z0-9_]*)")
_BACA = re.compile(r"^--\s+reads:\s*(.+)$")
_HEADER_ITEM = re.compile(r"^--\s+([a-z_][a-z0-9_]*)\s*:\s*([A-Z][A-Z0-9_\[\]]*)\s*,?\s*(.*)$")


@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    doc: str
    params: dict[str, str]      # name -> DuckDB type
    columns: dict[str, str]     # name -> DuckDB type
    opsional: frozenset[str] = frozenset()   # params that are NULL when omitted
    baca: frozenset[str] = frozenset()       # kept per-date tables it reads (header ``-- reads:``)

    def binds(self) -> set[str]:
        return set(_BIND.findall(_strip_comments(self.sql)))


def _strip_comments(sql: str) -> str:
    sql = re.sub(r"--[^\n]*", "", sql)
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


def urai(name: str, text: str) -> Query:
    doc: list[str] = []
    params: dict[str, str] = {}
    columns: dict[str, str] = {}
    opsional: set[str] = set()
    baca: set[str] = set()
    section = None
    for line in text.splitlines():
        if not line.startswith("--"):
            if line.strip():
                break
            continue
        body = line[2:].strip()
        if r := _BACA.match(line):
            baca.update(t.strip() for t in r.group(1).split(","))
            continue
        if body in ("params:", "columns:"):
            section = body[:-1]
            continue
        m = _HEADER_ITEM.match(line)
        if section and m:
            (params if section == "params" else columns)[m.group(1)] = m.group(2)
            if section == "params" and m.group(3).startswith("= NULL"):
                opsional.add(m.group(1))
        elif section is None and body:
            doc.append(body)
    return Query(name=name, sql=text, doc=" ".join(doc), params=params, columns=columns, opsional=frozenset(opsional),
                 baca=frozenset(baca))


@cache
def daftar(query_dir: Path = QUERY_DIR) -> dict[str, Query]:
    return {p.stem: urai(p.stem, p.read_text(encoding="utf-8")) for p in sorted(query_dir.glob("*.sql"))}


@cache
def model_sql(model_dir: Path = MODEL_DIR) -> tuple[Query, ...]:
    return tuple(urai(p.stem, p.read_text(encoding="utf-8")) for p in sorted(model_dir.glob("*.sql")))


@cache
def perintah(name: str, perintah_dir: Path = PERINTAH_DIR) -> Query:
    return urai(name, (perintah_dir / f"{name}.sql").read_text(encoding="utf-8"))
