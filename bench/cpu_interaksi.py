"""Server CPU per warm desk interaction, over Streamlit's websocket protocol (no browser).

    python bench/cpu_interaksi.py [--n 200] [--runs 3] [--tulis]

One Streamlit process (``streamlit run dashboard.py``, the city demo, a published snapshot) and
one session at a time, so the process's CPU time (user + system, /proc, threads that ended
included) during an interaction is that interaction's. After a warm-up (every page once, not
measured), the session makes ``--n`` interactions of the load benchmark's mix (``bench/beban.py``:
a page, kecamatan or date change, the same seeded sequence every run) and records, per
interaction, the CPU the server used from the request to the end of the run it caused (plus the
100 ms after, so messages still being sent are counted). Reports the median and p90 per kind and
over the mix, for ``--runs`` runs (a fresh process each), with the load average. With ``--tulis``
the section between the ``bench:cpu`` markers of docs/performance.md is rewritten.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.beban import HALAMAN, beban_mesin, cpu_detik, tulis_doc  # noqa: E402
from bench.protokol import Sesi  # noqa: E402


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = _port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("streamlit did not start")


async def sesi(url: str, pid: int, n: int, benih: int) -> list[tuple[str, float, float]]:
    """(kind, CPU seconds, wall seconds) per measured interaction."""
    rng = random.Random(benih)
    s = Sesi(url)
    await s.buka("/ringkasan")
    for h in HALAMAN:                       # warm-up: every page once
        await s.halaman(h)
    out = []
    for _ in range(n):
        aksi = rng.randrange(3)
        await asyncio.sleep(0.1)
        c0 = cpu_detik([pid])
        if aksi == 0:
            jenis, h = "halaman", await s.halaman(rng.choice(HALAMAN))
        elif aksi == 1:
            jenis, h = "kecamatan", await s.pilih("Kecamatan", rng.choice(s.widget["Kecamatan"].pilihan))
        else:
            hi = dt.date.fromisoformat(s.widget["Data per tanggal"].pilihan[1])
            jenis, h = "tanggal", await s.pilih("Data per tanggal", hi - dt.timedelta(days=rng.randrange(30)))
        await asyncio.sleep(0.1)
        if h.galat or s.galat:
            raise RuntimeError(f"{jenis}: {h.galat or s.galat}")
        out.append((jenis, cpu_detik([pid]) - c0, h.detik))
    await s.tutup()
    return out


def _ms(xs: list[float], p: float) -> int:
    xs = sorted(xs)
    return round(1000 * xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--benih", type=int, default=20241127)
    p.add_argument("--tulis", action="store_true")
    args = p.parse_args()
    env = dict(os.environ, SIAGA_TERBIT=tempfile.mkdtemp(prefix="siaga-cpu-terbit-"), SIAGA_PEMUAT="sendiri")
    subprocess.run([sys.executable, "-m", "siaga", "muat"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    runs = []
    for i in range(args.runs):
        beban0 = beban_mesin()
        proc, url = server(env)
        try:
            runs.append((asyncio.run(sesi(url, proc.pid, args.n, args.benih)), beban0, beban_mesin()))
        finally:
            proc.terminate()
            proc.wait(30)
        semua = [c for _, c, _ in runs[-1][0]]
        print(f"run {i + 1}: median {_ms(semua, 50)} ms CPU, p90 {_ms(semua, 90)} ms", flush=True)
    baris = [f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {platform.machine()} ({os.cpu_count()} cores), Python "
             f"{platform.python_version()}; `python bench/cpu_interaksi.py --n {args.n} --runs {args.runs}`: one "
             "session at a time on one process, city demo, warm process; server CPU (user + system) per "
             "interaction of the load benchmark's mix.", "",
             "| run | interactions | mix: median CPU (ms) | p90 (ms) | page change | kecamatan | date | median wall "
             "(ms) | load before → after |", "|---|---|---|---|---|---|---|---|---|"]
    for i, (r, b0, b1) in enumerate(runs, 1):
        per = {j: [c for k, c, _ in r if k == j] for j in ("halaman", "kecamatan", "tanggal")}
        baris.append(f"| {i} | {len(r)} | {_ms([c for _, c, _ in r], 50)} | {_ms([c for _, c, _ in r], 90)} | "
                     + " | ".join(f"{_ms(v, 50)}" for v in per.values())
                     + f" | {_ms([w for _, _, w in r], 50)} | {b0} → {b1} |")
    med = statistics.median(_ms([c for _, c, _ in r], 50) for r, _, _ in runs)
    baris += ["", f"Median over the runs: **{med:.0f} ms** of server CPU per warm desk interaction (target ≤ 150 ms)."]
    teks = "\n".join(baris)
    print(teks)
    if args.tulis:
        tulis_doc(teks, "cpu")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
