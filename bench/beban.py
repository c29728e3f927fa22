"""Load benchmark over Streamlit's websocket protocol (no browser): N desk sessions and one big
screen against ``python -m siaga layani``, with 1 app process and with N processes, in one run.

    python bench/beban.py [--desk 30] [--proses 2] [--detik 150] [--jeda 10] [--interval 5] [--tulis]

Each configuration starts its own ``layani`` (nginx in front, loopback only, the same published
snapshot), warms every desk session with its first page (not measured), then runs for
``--detik`` seconds or ``--maks`` interactions, whichever comes first:

- each desk session thinks ``--jeda`` seconds (uniform ±50 %), then switches page, kecamatan or
  date (one third each; the same seeded sequence in both configurations);
- one big screen (``/?mode=layar&interval=5``) ticks its rotation like the browser's timer.

It reports p50/p95/max latency of desk interactions (request sent to end of the run it caused),
errors (exceptions shown, timeouts, dropped connections), throughput (interactions completed per
second), the big screen's slide intervals, and the server's CPU per interaction (every app
process and nginx, from /proc, divided by the interactions of the window, big-screen ticks
included); the machine's load average before and after. With ``--tulis`` the section between the
``bench:beban`` markers of docs/performance.md is rewritten. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.protokol import Hasil, Sesi  # noqa: E402

HALAMAN = ["/ringkasan", "/kesiapan", "/logistik", "/insiden", "/netralitas"]
TIK = os.sysconf("SC_CLK_TCK")


def cpu_detik(pids: list[int]) -> float:
    """User + system CPU seconds of the processes (exited threads included)."""
    total = 0
    for pid in pids:
        try:
            bagian = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(bagian[11]) + int(bagian[12])
    return total / TIK


def rss_mb(pid: int) -> float:
    try:
        for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
            if baris.startswith("VmHWM:"):
                return int(baris.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def beban_mesin() -> str:
    return " ".join(f"{x:.2f}".replace(".", ",") for x in os.getloadavg())


def pid_server(port_app: list[int]) -> list[int]:
    """The Streamlit processes on those ports and the nginx processes (by their command line)."""
    out = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            cmd = (p / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if any(f"--server.port {port} " in cmd for port in port_app) or cmd.startswith("nginx: "):
            out.append(int(p.name))
    return out


class Gerbang:
    """Sessions wait here after their first page until every session has opened."""

    def __init__(self):
        self.menunggu = 0
        self.buka = asyncio.Event()

    async def wait(self) -> None:
        self.menunggu += 1
        await self.buka.wait()


class Layani:
    """``python -m siaga layani`` in a child process, until :meth:`hentikan`."""

    def __init__(self, proses: int, port: int, port_app: int, env: dict[str, str], folder: Path,
                 proses_layar: int = 0):
        self.proses, self.port, self.port_app = proses, port, port_app
        self.port_semua = [port_app + i for i in range(proses + proses_layar)]
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "siaga", "layani", "--proses", str(proses), "--proses-layar", str(proses_layar),
             "--port", str(port), "--port-app", str(port_app), "--folder-jalan", str(folder)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for baris in self.proc.stdout:
            if "dilayani di" in baris:
                break
            if self.proc.poll() is not None:
                break
        else:
            raise RuntimeError("layani berhenti sebelum siap")
        if self.proc.poll() is not None:
            raise RuntimeError("layani gagal: " + baris)

    def pids(self) -> list[int]:
        return pid_server(self.port_semua)

    def hentikan(self) -> None:
        self.proc.terminate()
        self.proc.wait(60)


async def desk(url: str, rng: random.Random, jeda: float, akhir: list[float], maks: list[int],
               hasil: list[Hasil], galat: list[str], siap: Gerbang) -> None:
    """One desk session: first page (warm-up, not counted), then think-act until the end."""
    s = Sesi(url)
    try:
        awal = await s.buka(rng.choice(HALAMAN))
        await siap.wait()
        if awal.galat:
            hasil.append(awal)
            return
        akhir = akhir[0]
        await asyncio.sleep(rng.uniform(0, jeda))             # sessions start spread over one think time
        while time.monotonic() < akhir and maks[0] > 0:
            await asyncio.sleep(jeda * rng.uniform(0.5, 1.5))
            if time.monotonic() >= akhir or maks[0] <= 0:
                break
            maks[0] -= 1
            aksi = rng.randrange(3)
            if aksi == 0:
                h = await s.halaman(rng.choice(HALAMAN))
            elif aksi == 1 and "Kecamatan" in s.widget:
                h = await s.pilih("Kecamatan", rng.choice(s.widget["Kecamatan"].pilihan))
            elif "Data per tanggal" in s.widget:
                hi = dt.date.fromisoformat(s.widget["Data per tanggal"].pilihan[1])
                h = await s.pilih("Data per tanggal", hi - dt.timedelta(days=rng.randrange(30)))   # the last month
            else:
                h = await s.rerun()
            hasil.append(h)
    finally:
        galat.extend(s.galat)
        await s.tutup()


async def layar(url: str, interval: float, akhir: list[float], ganti: list[float], hasil: list[Hasil],
                galat: list[str], siap: Gerbang) -> None:
    """The big screen: open it, then tick the rotation every ``interval`` seconds like the browser."""
    s = Sesi(url)
    try:
        h = await s.buka("/", f"mode=layar&interval={interval:g}")
        await siap.wait()
        if h.galat:
            hasil.append(h)
            return
        akhir = akhir[0]
        s.judul_berubah.clear()
        t0 = time.monotonic()
        k = 1
        while time.monotonic() < akhir:
            await asyncio.sleep(max(0.0, t0 + k * interval - time.monotonic()))
            k += 1
            hasil.append(await s.fragmen())
        ganti.extend(t for t, _ in s.judul_berubah)
    finally:
        galat.extend(s.galat)
        await s.tutup()


async def skenario(url: str, n_desk: int, jeda: float, detik: float, maks: int, interval: float,
                   benih: int, pids) -> dict:
    rng = random.Random(benih)
    hasil_desk: list[Hasil] = []
    hasil_layar: list[Hasil] = []
    galat: list[str] = []
    ganti: list[float] = []
    sisa = [maks]
    akhir = [0.0]
    ukur: dict[str, float] = {}

    def mulai_ukur() -> None:            # every session has shown its first page: the measured window begins
        ukur["mulai"] = time.monotonic()
        akhir[0] = ukur["mulai"] + detik
        ukur["cpu"] = cpu_detik(pids())

    siap = Gerbang()
    tugas = [asyncio.create_task(layar(url, interval, akhir, ganti, hasil_layar, galat, siap))]
    tugas += [asyncio.create_task(desk(url, random.Random(rng.random()), jeda, akhir, sisa, hasil_desk, galat, siap))
              for _ in range(n_desk)]
    while siap.menunggu < n_desk + 1 and not all(t.done() for t in tugas):
        await asyncio.sleep(0.05)
    mulai_ukur()
    siap.buka.set()
    await asyncio.gather(*tugas)
    mulai, cpu0 = ukur["mulai"], ukur["cpu"]
    lama = time.monotonic() - mulai
    cpu = cpu_detik(pids()) - cpu0
    ok = [h.detik for h in hasil_desk if h.galat is None and h.detik is not None]
    jarak = [b - a for a, b in itertools.pairwise(ganti)]
    n_interaksi = len(hasil_desk) + len(hasil_layar)
    return {
        "desk": n_desk, "detik": round(lama, 1), "interaksi": len(hasil_desk),
        "throughput": round(len(ok) / lama, 3),
        "p50": _pct(ok, 50), "p95": _pct(ok, 95), "maks": round(max(ok), 3) if ok else None,
        "galat": len([h for h in hasil_desk + hasil_layar if h.galat]) + len(galat),
        "contoh_galat": sorted({h.galat for h in hasil_desk + hasil_layar if h.galat} | set(galat))[:5],
        "slide": len(ganti), "slide_median": round(statistics.median(jarak), 2) if jarak else None,
        "slide_min": round(min(jarak), 2) if jarak else None, "slide_maks": round(max(jarak), 2) if jarak else None,
        "slide_tepat": round(sum(abs(j - interval) <= 1 for j in jarak) / len(jarak), 3) if jarak else None,
        "cpu_detik": round(cpu, 1), "cpu_per_interaksi_ms": round(1000 * cpu / n_interaksi) if n_interaksi else None,
    }


def _pct(xs: list[float], p: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))], 3)


def jalankan(args) -> dict:
    terbit_dir = Path(tempfile.mkdtemp(prefix="siaga-beban-terbit-"))
    env = dict(os.environ, SIAGA_TERBIT=str(terbit_dir))
    if args.data:
        env.update(SIAGA_DATA=str(Path(args.data) / "data"), SIAGA_GEO=str(Path(args.data) / "geo"))
    subprocess.run([sys.executable, "-m", "siaga", "muat"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    out = {"waktu": dt.datetime.now().isoformat(timespec="minutes"), "mesin": f"{platform.machine()}, "
           f"{os.cpu_count()} inti, Python {platform.python_version()}", "konfigurasi": []}
    for i, proses in enumerate(sorted({1, args.proses})):
        port, port_app = args.port + 10 * i, args.port_app + 20 * i
        folder = Path(tempfile.mkdtemp(prefix=f"siaga-beban-{proses}-"))
        beban0 = beban_mesin()
        srv = Layani(proses, port, port_app, env, folder)
        try:
            r = asyncio.run(skenario(srv.url, args.desk, args.jeda, args.detik, args.maks, args.interval,
                                     args.benih, srv.pids))
            r["rss_mb"] = round(max(rss_mb(p) for p in srv.pids()))
        finally:
            srv.hentikan()
        r.update(proses=proses, beban_sebelum=beban0, beban_sesudah=beban_mesin())
        out["konfigurasi"].append(r)
        print(json.dumps(r, ensure_ascii=False), flush=True)
    a, b = out["konfigurasi"][0], out["konfigurasi"][-1]
    out["rasio_throughput"] = round(b["throughput"] / a["throughput"], 2) if a["throughput"] else None
    return out


def tabel(hasil: dict, args) -> str:
    baris = [
        f"Measured {hasil['waktu']} on {hasil['mesin']}; `python bench/beban.py --desk {args.desk} --proses "
        f"{args.proses} --detik {args.detik:g} --jeda {args.jeda:g}`: {args.desk} desk sessions (think time "
        f"{args.jeda:g} s ± 50 %, then a page, kecamatan or date change) and one big screen at interval="
        f"{args.interval:g}, through nginx, the same published snapshot; the load average (1, 5, 15 min) is the "
        "machine's, other jobs included.", "",
        "| app processes | interactions | throughput (/s) | p50 (s) | p95 (s) | max (s) | errors | slide interval "
        "median (min–max) s | slides within ±1 s | server CPU per interaction (ms) | peak RSS per process (MB) "
        "| load before → after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in hasil["konfigurasi"]:
        baris.append(
            f"| {r['proses']} | {r['interaksi']} | {r['throughput']} | {r['p50']} | {r['p95']} | {r['maks']} | "
            f"{r['galat']} | {r['slide_median']} ({r['slide_min']}–{r['slide_maks']}) | "
            f"{round(100 * r['slide_tepat']) if r['slide_tepat'] is not None else '–'} % | "
            f"{r['cpu_per_interaksi_ms']} | {r['rss_mb']} | {r['beban_sebelum']} → {r['beban_sesudah']} |")
    baris += ["", f"Throughput of {hasil['konfigurasi'][-1]['proses']} processes / 1 process: "
              f"**{hasil['rasio_throughput']}×**."]
    return "\n".join(baris)


def tulis_doc(teks: str, penanda: str = "beban") -> None:
    doc = ROOT / "docs" / "performance.md"
    isi = doc.read_text(encoding="utf-8")
    awal, akhir = f"<!-- bench:{penanda} -->", f"<!-- /bench:{penanda} -->"
    if awal not in isi:
        raise SystemExit(f"penanda {awal} tidak ada di docs/performance.md")
    kepala, sisa = isi.split(awal, 1)
    _, ekor = sisa.split(akhir, 1)
    doc.write_text(f"{kepala}{awal}\n{teks}\n{akhir}{ekor}", encoding="utf-8")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--desk", type=int, default=30)
    p.add_argument("--proses", type=int, default=2)
    p.add_argument("--detik", type=float, default=150.0, help="measured seconds per configuration")
    p.add_argument("--maks", type=int, default=5000, help="at most this many desk interactions per configuration")
    p.add_argument("--jeda", type=float, default=10.0, help="think time of a desk session (seconds)")
    p.add_argument("--interval", type=float, default=5.0, help="seconds per slide of the big screen")
    p.add_argument("--benih", type=int, default=20241127)
    p.add_argument("--port", type=int, default=18501)
    p.add_argument("--port-app", type=int, default=18601)
    p.add_argument("--data", help="a folder with data/ and geo/ (default: the repository's demo)")
    p.add_argument("--json", help="also write the raw results here")
    p.add_argument("--tulis", action="store_true", help="rewrite the bench:beban section of docs/performance.md")
    args = p.parse_args()
    hasil = jalankan(args)
    teks = tabel(hasil, args)
    print(teks)
    if args.json:
        Path(args.json).write_text(json.dumps(hasil, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.tulis:
        tulis_doc(teks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
