"""Benchmark at city and national scale: ingest, page reruns, the queries behind each page,
bytes of maps and charts, peak memory. (Its former pandas ratios compared DuckDB reading a
precomputed summary with pandas recomputing from raw events; they were removed, see
docs/performance.md.)

    python -m siaga demo --skala nasional --out /tmp/nasional      # ≈ 680 MB of CSV, ≈ 15 s
    python bench/skala.py --nasional /tmp/nasional [--runs 9] [--tulis]

City scale is the repository's demo (Kota Bekasi). For each scale, two child processes keep the
app's peak memory its own: one only loads the data (ingest time and peak), the other loads it
through the app's cached store and opens every page with AppTest. It times the queries each
page runs (Streamlit caches emptied first), the median warm rerun and the bytes of its maps and
plotly specs. With --tulis the section between the
``bench:skala`` markers of docs/performance.md is rewritten. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# the as-of date of every view: H-2 unless --tgl (e.g. 2024-11-27, voting day); children inherit it
TGL = dt.date.fromisoformat(os.environ.get("SIAGA_BENCH_TGL", "2024-11-25"))
# page label -> (page file or None for the default page, URL query)
HALAMAN = {
    "kota": {
        "Ringkasan": (None, {}), "Kesiapan": ("pages/kesiapan.py", {}), "Logistik": ("pages/logistik.py", {}),
        "Insiden": ("pages/insiden.py", {}), "Netralitas": ("pages/netralitas.py", {}),
    },
    "nasional": {
        "Ikhtisar · nasional": (None, {}), "Ikhtisar · provinsi 32": (None, {"wil": "32"}),
        "Ikhtisar · kab/kota 32.01": (None, {"wil": "32.01"}),
        "Ikhtisar · kecamatan 32.01.01 (TPS)": (None, {"wil": "32.01.01"}),
    },
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


# ------------------------------------------------------------------ child processes

def anak_ingest(data: Path) -> dict:
    from siaga.data.store import Store
    from siaga.inti.config import Paths

    t = time.perf_counter()
    s = Store(Paths(data / "data", data / "geo", Path(os.environ["SIAGA_TERBIT"])), pemuat="sendiri")
    assert s.muat(), s.ditolak
    return {"s": time.perf_counter() - t, "rss_mb": _rss_mb()}


def anak_app(data: Path, skala: str, runs: int) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from siaga.data import store as store_mod
    from siaga.inti.config import Paths
    from siaga.tampilan import ui

    os.environ["SIAGA_DATA"], os.environ["SIAGA_GEO"] = str(data / "data"), str(data / "geo")
    os.environ["SIAGA_PEMUAT"] = "luar"         # the ingest child published the snapshot: no loader here
    t = time.perf_counter()
    store = ui._store(Paths.dari_env())           # the app's cached store, reused by every AppTest below
    out: dict = {"muat_s": time.perf_counter() - t, "halaman": {}}
    assert store.siap, store.ditolak
    # the first use of the as-of date in this process: its per-kecamatan summary (published by the
    # loader for every date of multi-region data, else computed here) and the nation's overview
    # figures read from it, as the Ikhtisar's first query does
    t, c = time.perf_counter(), time.process_time()
    store.snapshot.siapkan(TGL)
    store.query("ikhtisar_indikator", tanggal=TGL, induk="00")
    out["ringkas_dingin_ms"] = (time.perf_counter() - t) * 1000
    out["ringkas_dingin_cpu_ms"] = (time.process_time() - c) * 1000

    catatan: list[float] = []
    catatan_cpu: list[float] = []
    asli = store_mod.Store.query

    def tercatat(self, name, /, lingkup=None, **params):
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return asli(self, name, lingkup=lingkup, **params)
        finally:
            catatan.append(time.perf_counter() - t0)
            catatan_cpu.append(time.process_time() - c0)

    store_mod.Store.query = tercatat
    for label, (page, query) in HALAMAN[skala].items():
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.query_params["tgl"] = TGL.isoformat()
        for k, v in query.items():
            at.query_params[k] = v
        t = time.perf_counter()
        at.run()
        if "pertama_s" not in out:      # the first page after the restart: usable from then on
            out["pertama_s"] = time.perf_counter() - t
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        st.cache_data.clear()                     # the queries of one view, from the store itself:
        ui.lupakan_model()                        # the screen models built from them are cached too
        catatan.clear()
        catatan_cpu.clear()
        at.run()
        query_ms, n_query, query_cpu_ms = sum(catatan) * 1000, len(catatan), sum(catatan_cpu) * 1000
        rerun = _median_ms(at.run, runs)
        out["halaman"][label] = {
            "rerun_ms": rerun, "query_ms": query_ms, "n_query": n_query, "query_cpu_ms": query_cpu_ms,
            "peta_b": [len(c.proto.json.encode()) for c in at.get("deck_gl_json_chart")],
            "grafik_b": sum(len(c.proto.spec.encode()) for c in at.get("plotly_chart")),
        }
    store_mod.Store.query = asli
    out["rss_puncak_mb"] = _rss_mb()
    return out


def anak(mode: str, data: Path, skala: str, runs: int) -> dict:
    cmd = [sys.executable, __file__, "--anak", mode, "--skala", skala, "--data", str(data), "--runs", str(runs)]
    res = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if res.returncode:
        sys.exit(res.stderr[-3000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def ukuran(data: Path) -> str:
    files = sorted((data / "data").glob("*.csv"))
    baris = {p.name: sum(1 for _ in p.open("rb")) - 1
             for p in files if p.name in ("tps.csv", "logistik.csv", "insiden.csv")}
    return (", ".join(f"{n} {v:,}".replace(",", ".") for n, v in baris.items())
            + f"; {sum(p.stat().st_size for p in files) / 2**20:,.0f} MB CSV".replace(",", "."))


def _beban() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def ukur(data: Path, skala: str, runs: int) -> dict:
    # a fresh Parquet cache and publish folder: the ingest child parses every file and publishes the
    # snapshot (first load), the app child then opens that snapshot (a restart)
    os.environ["SIAGA_CACHE"] = tempfile.mkdtemp(prefix=f"siaga-bench-{skala}-")
    os.environ["SIAGA_TERBIT"] = tempfile.mkdtemp(prefix=f"siaga-bench-terbit-{skala}-")
    r = {"ukuran": ukuran(data), "beban": [_beban()]}
    r["ingest"] = anak("ingest", data, skala, runs)
    r["beban"].append(_beban())
    print(skala, "ingest", r["ingest"], flush=True)
    r["app"] = anak("app", data, skala, runs)
    r["beban"].append(_beban())
    print(skala, "app", json.dumps(r["app"], indent=1), flush=True)
    return r


# ------------------------------------------------------------------ report

def _baris(skala: str, r: dict) -> list[str]:
    app = r["app"]
    beban = r.get("beban", [])
    out = [f"**{skala.capitalize()}** — {r['ukuran']}. Load average (1, 5, 15 min) before the ingest, "
           f"before the app process, at the end: {'; '.join(beban)}.", "",
           "| page | median rerun (ms) | its queries: wall ms (count) | their CPU (ms) | map payloads (bytes) "
           "| plotly specs (bytes) |",
           "|---|---|---|---|---|---|"]
    for label, h in app["halaman"].items():
        peta = ", ".join(f"{b:,}".replace(",", ".") for b in h["peta_b"]) or "–"
        cpu = f"{h['query_cpu_ms']:.0f}" if "query_cpu_ms" in h else "–"
        out.append(f"| {label} | {h['rerun_ms']:.0f} | {h['query_ms']:.0f} ({h['n_query']}) | {cpu} | {peta} | "
                   f"{h['grafik_b']:,} |".replace(",", "."))
    out += ["", "| measure | value |", "|---|---|",
            f"| ingest (validated, into DuckDB, snapshot published), separate process | {r['ingest']['s']:.1f} s |",
            f"| peak memory of that process | {r['ingest']['rss_mb']:.0f} MB |",
            f"| restart: the app process opens the published snapshot | {app['muat_s']:.1f} s |",
            f"| restart to a usable first page: opening the snapshot + the first page's first run "
            f"| {app['muat_s'] + app.get('pertama_s', 0):.1f} s |",
            f"| peak memory of the app process (load, every page, reruns) | {app['rss_puncak_mb']:.0f} MB |",
            f"| first use of a new as-of date (per-kecamatan summary and the nation's overview figures) | "
            f"{app['ringkas_dingin_ms']:.0f} ms ({app.get('ringkas_dingin_cpu_ms', 0):.0f} ms CPU) |",
            ""]
    return out


def tulis(hasil: dict, runs: int) -> None:
    lines = [f"Measured {dt.date.today().isoformat()} on {platform.machine()} ({os.cpu_count()} cores), Python "
             f"{platform.python_version()}; as-of date {TGL:%d-%m-%Y}, medians of {runs} warm reruns. "
             "`python bench/skala.py --nasional /tmp/nasional --tulis`.", ""]
    for skala, r in hasil.items():
        lines += _baris(skala, r)
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8")
    start, end = "<!-- bench:skala -->", "<!-- /bench:skala -->"
    head, rest = text.split(start)
    _, tail = rest.split(end)
    doc.write_text(head + start + "\n" + "\n".join(lines) + end + tail, encoding="utf-8")
    (ROOT / "bench" / "hasil").mkdir(exist_ok=True)
    (ROOT / "bench" / "hasil" / "skala.json").write_text(json.dumps(hasil, indent=2))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nasional", type=Path, help="folder from `python -m siaga demo --skala nasional --out`")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--tulis", action="store_true", help="update docs/performance.md")
    ap.add_argument("--tgl", help="as-of date of the views (YYYY-MM-DD; default 2024-11-25), e.g. voting day")
    ap.add_argument("--anak", choices=("app", "ingest"), help=argparse.SUPPRESS)
    ap.add_argument("--skala", choices=("kota", "nasional"), help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.tgl:
        global TGL
        TGL = dt.date.fromisoformat(args.tgl)
        os.environ["SIAGA_BENCH_TGL"] = args.tgl          # for the child processes
    if args.anak:
        hasil = anak_ingest(args.data) if args.anak == "ingest" else anak_app(args.data, args.skala, args.runs)
        print(json.dumps(hasil))
        return
    hasil = {"kota": ukur(ROOT, "kota", args.runs)}
    if args.nasional:
        hasil["nasional"] = ukur(args.nasional, "nasional", args.runs)
    if args.tulis:
        tulis(hasil, args.runs)
        print("ditulis: docs/performance.md")


if __name__ == "__main__":
    main()
