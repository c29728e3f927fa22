"""Benchmark: server-side rerun time of each page (AppTest, warm) and map payload sizes.

    python bench/rerun_halaman.py [--runs 15] [--tulis]

Prints a table; with --tulis it rewrites the city-scale section of docs/performance.md.
Not part of the test suite: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# page title -> page file passed to switch_page (None = default page)
PAGES = {"Ringkasan": None, "Kesiapan": "pages/kesiapan.py", "Logistik": "pages/logistik.py",
         "Insiden & Permasalahan": "pages/insiden.py", "Netralitas ASN": "pages/netralitas.py", "Data": "pages/data.py"}
# each page with the default filters (whole region, latest day) and drilled into one kecamatan
FILTERS = {"seluruh kota": {}, "satu kecamatan": {"kec": "32.75.07"}}


def measure(page: str | None, query: dict[str, str], runs: int) -> dict:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    started = time.perf_counter()
    at.run()
    if page:
        at.switch_page(page).run()
    cold = time.perf_counter() - started
    assert not at.exception, at.exception
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    maps = [len(c.proto.json.encode()) for c in at.get("deck_gl_json_chart")]
    charts = sum(len(c.proto.spec.encode()) for c in at.get("plotly_chart"))
    return {"cold_s": cold, "median_ms": statistics.median(times) * 1000,
            "p90_ms": sorted(times)[int(0.9 * runs) - 1] * 1000, "maps": maps, "charts": charts}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--tulis", action="store_true", help="update docs/performance.md")
    args = ap.parse_args()
    rows = {f"{name} · {label}": measure(page, query, args.runs)
            for name, page in PAGES.items() for label, query in FILTERS.items()}
    print(f"{'halaman':40s} {'median ms':>10s} {'p90 ms':>8s} {'dingin s':>9s} {'grafik B':>9s}  peta (byte)")
    for name, r in rows.items():
        print(f"{name:40s} {r['median_ms']:10.1f} {r['p90_ms']:8.1f} {r['cold_s']:9.2f} {r['charts']:9d}  {r['maps']}")
    if args.tulis:
        out = ROOT / "bench" / "hasil"
        out.mkdir(exist_ok=True)
        (out / "rerun_halaman.json").write_text(json.dumps(rows, indent=2))
        lines = [f"Measured {dt.date.today().isoformat()} on {platform.machine()}, Python {platform.python_version()}, "
                 f"{args.runs} warm reruns per page (AppTest, demo data; whole city on the latest day, "
                 "and kecamatan 32.75.07).", "",
                 "| page · filter | median rerun (ms) | p90 (ms) | first run (s) | plotly specs (bytes) "
                 "| map payloads (bytes) |",
                 "|---|---|---|---|---|---|"]
        for name, r in rows.items():
            maps = ", ".join(f"{m:,}" for m in r["maps"]) or "–"
            lines.append(f"| {name} | {r['median_ms']:.0f} | {r['p90_ms']:.0f} | {r['cold_s']:.1f} | {r['charts']:,} "
                         f"| {maps} |")
        doc = ROOT / "docs" / "performance.md"
        text = doc.read_text(encoding="utf-8")
        start, end = "<!-- bench:rerun_halaman -->", "<!-- /bench:rerun_halaman -->"
        head, rest = text.split(start)
        _, tail = rest.split(end)
        doc.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail, encoding="utf-8")
        print(f"ditulis: {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
