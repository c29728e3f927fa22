"""Rebuild of a snapshot with a warm cache: what a changed recipe (new code) or a new publish
folder costs the loader when the inputs were checked before (issue 16 item 6).

    python bench/muat_ulang.py [--data DIR] [--kode DIR] [--runs 3] [--besar-mb 0] [--sentuh BERKAS] [--tulis]

``--data`` is a folder with ``data/`` and ``geo/`` (default: the repository's city demo; the
national data come from ``python -m siaga demo --skala nasional --out /tmp/nasional``). ``--kode``
runs another checkout of the code (e.g. ``git archive main | tar -x -C /tmp/siaga-main``) with
this script, so before and after are measured the same way. ``--besar-mb`` is ``SIAGA_BESAR_MB``
(0: the large-file loader even for the city demo). ``--sentuh insiden.csv`` sets that input's
modification time to now before each warm build: one changed file (an import, a field report),
so that file is parsed again and the checks across files run again.

A first child process builds with an empty Parquet cache (it fills it); each of ``--runs`` further
children builds into a new publish folder from that warm cache. Every child reports wall and CPU
time of the build, its peak memory, the load average, and a digest of what it published (rows and
an order-independent hash of every table, floating-point columns rounded to 6 decimals; the
warnings): the digests must be equal, within a run and between code versions. ``--cache DIR``
reuses a cache this code filled before (no empty-cache build). With ``--tulis`` the section
between the ``bench:muat-ulang`` markers of docs/performance.md is rewritten (the ``--banding``
result of another code version goes in as the "before" rows). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
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


def anak(data: Path, folder: Path) -> dict:
    """One build into ``folder`` (a new publish folder) from the cache in ``SIAGA_CACHE``."""
    import duckdb

    from siaga.data import terbit
    from siaga.inti.config import Paths

    paths = Paths(data / "data", data / "geo", folder)
    beban = os.getloadavg()
    r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    hasil = terbit.terbitkan(paths)
    dinding = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    assert hasil == terbit.BARU, (hasil, terbit.ditolak(folder))
    vfolder = folder / terbit.terkini(folder)["folder"]
    manifest = terbit.baca_manifest(vfolder)
    con = duckdb.connect(str(vfolder / terbit.BERKAS_DB), read_only=True)
    isi = {}
    for (tabel,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall():
        # floating-point sums of a parallel aggregate differ in their last bits from run to run
        kolom = [f'round("{c}", 6)' if t in ("DOUBLE", "FLOAT") else f'"{c}"' for c, t in con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index",
            {"t": tabel}).fetchall()]
        n, h = con.execute(f'SELECT count(*), coalesce(bit_xor(hash({", ".join(kolom)})), 0) FROM "{tabel}"').fetchone()
        isi[tabel] = [n, str(h)]
    con.close()
    isi["peringatan"] = hashlib.sha1(json.dumps(manifest.peringatan, sort_keys=True).encode()).hexdigest()
    return {"dinding_s": dinding, "cpu_s": (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime),
            "rss_mb": r1.ru_maxrss / 1024, "db_mb": (vfolder / terbit.BERKAS_DB).stat().st_size / 2**20,
            "beban": [*beban, *os.getloadavg()],
            "sidik": hashlib.sha1(json.dumps(isi, sort_keys=True).encode()).hexdigest()[:16],
            "isi": isi}


def jalankan(data: Path, kode: Path, folder: Path, env: dict) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--anak", str(folder), "--data", str(data)]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=kode, env={**env, "PYTHONPATH": str(kode)},
                         check=False)
    if res.returncode:
        sys.exit(res.stderr[-3000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def ukur(data: Path, kode: Path, runs: int, besar_mb: str, sentuh: str | None = None,
         cache: Path | None = None) -> dict:
    kerja = Path(tempfile.mkdtemp(prefix="siaga-muat-ulang-"))
    env = {**os.environ, "SIAGA_CACHE": str(cache or kerja / "cache"), "SIAGA_BESAR_MB": besar_mb}
    dingin = None
    if cache is None:           # else: a cache this code filled before
        dingin = jalankan(data, kode, kerja / "t0", env)
        print("empty cache", json.dumps(dingin), flush=True)
    hangat = []
    for i in range(runs):
        if sentuh:
            os.utime(data / "data" / sentuh)
        hangat.append(jalankan(data, kode, kerja / f"t{i + 1}", env))
        print("warm cache", json.dumps(hangat[-1]), flush=True)
    sidik = {r["sidik"] for r in [dingin, *hangat] if r}
    assert len(sidik) == 1, f"different results: {sidik}"
    return {"kode": str(kode), "data": str(data), "sentuh": sentuh, "dingin": dingin, "hangat": hangat,
            "sidik": sidik.pop(), "waktu": dt.datetime.now().isoformat(timespec="minutes")}


def _sel(rs: list[dict], k: str) -> str:
    xs = [r[k] for r in rs]
    return f"{min(xs):.1f} / {statistics.median(xs):.1f}"


def _beban(rs: list[dict]) -> str:
    b = [r["beban"] for r in rs]
    return f"{min(x[0] for x in b):.1f}–{max(max(x[0], x[3]) for x in b):.1f}"


def tabel(sesudah: dict, sebelum: dict | None) -> str:
    if sebelum is not None:
        assert sebelum["sidik"] == sesudah["sidik"], "before and after published different results"
    sisi = [("before", sebelum), ("after", sesudah)] if sebelum else [("this code", sesudah)]
    data = "" if Path(sesudah["data"]) == ROOT else f" --data {sesudah['data']}"
    sentuh = f" --sentuh {sesudah['sentuh']}" if sesudah.get("sentuh") else ""
    hangat = f"warm cache, {sesudah['sentuh']} changed" if sentuh else "warm cache, nothing changed"
    baris = [f"Measured {sesudah['waktu']} on {platform.machine()} ({os.cpu_count()} cores), Python "
             f"{platform.python_version()}; `python bench/muat_ulang.py{data} --runs {len(sesudah['hangat'])}{sentuh}"
             + "`. Same digest of every published table and the warnings on both sides "
             f"(`{sesudah['sidik']}`). Times are min / median.", "",
             "| code | build | runs | wall (s) | CPU (s) | peak RSS (MB) | snapshot file (MB) | load average (1 min) |",
             "|---|---|---|---|---|---|---|---|"]
    for label, r in sisi:
        if r["dingin"] is None:
            baris.append(f"| {label} | {hangat} | {len(r['hangat'])} | {_sel(r['hangat'], 'dinding_s')} | "
                         f"{_sel(r['hangat'], 'cpu_s')} | {max(x['rss_mb'] for x in r['hangat']):.0f} | "
                         f"{max(x.get('db_mb', 0) for x in r['hangat']):.0f} | {_beban(r['hangat'])} |")
            continue
        baris.append(f"| {label} | empty cache | 1 | {r['dingin']['dinding_s']:.1f} | {r['dingin']['cpu_s']:.1f} | "
                     f"{r['dingin']['rss_mb']:.0f} | {r['dingin'].get('db_mb', 0):.0f} | {_beban([r['dingin']])} |")
        baris.append(f"| {label} | {hangat} | {len(r['hangat'])} | {_sel(r['hangat'], 'dinding_s')} | "
                     f"{_sel(r['hangat'], 'cpu_s')} | {max(x['rss_mb'] for x in r['hangat']):.0f} | "
                     f"{max(x.get('db_mb', 0) for x in r['hangat']):.0f} | {_beban(r['hangat'])} |")
    return "\n".join(baris)


def tulis(teks: str, penanda: str) -> None:
    doc = ROOT / "docs" / "performance.md"
    isi = doc.read_text(encoding="utf-8")
    awal, akhir = f"<!-- bench:{penanda} -->", f"<!-- /bench:{penanda} -->"
    i, j = isi.index(awal) + len(awal), isi.index(akhir)
    doc.write_text(isi[:i] + "\n" + teks + "\n" + isi[j:], encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT)
    ap.add_argument("--kode", type=Path, default=ROOT)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--besar-mb", default="0")
    ap.add_argument("--sentuh", help="input file touched before each warm build (one changed file)")
    ap.add_argument("--cache", type=Path, help="a Parquet cache this code filled before (no empty-cache build)")
    ap.add_argument("--keluaran", type=Path, help="write the result as JSON here")
    ap.add_argument("--banding", type=Path, help="JSON result of the code before the change")
    ap.add_argument("--penanda", default="muat-ulang", help="marker name in docs/performance.md")
    ap.add_argument("--tulis", action="store_true")
    ap.add_argument("--anak", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.anak:
        sys.path.insert(0, os.getcwd())
        print(json.dumps(anak(a.data.resolve(), a.anak)))
        return
    hasil = ukur(a.data.resolve(), a.kode.resolve(), a.runs, a.besar_mb, a.sentuh, a.cache)
    if a.keluaran:
        a.keluaran.write_text(json.dumps(hasil, indent=1))
    teks = tabel(hasil, json.loads(a.banding.read_text()) if a.banding else None)
    print(teks)
    if a.tulis:
        tulis(teks, a.penanda)


if __name__ == "__main__":
    main()
