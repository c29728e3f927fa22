"""What a kab/kota publish costs the loader now that it carries the readiness rows of the last
days (``kesiapan_terbit``), and what a field report costs after it.

    python bench/terbit_kota.py [--runs 3] [--tanpa-kesiapan]

Each run copies the demo's ``data/`` to a private folder and, in a fresh child process:
publishes it into an empty folder (every date of the window computed), then appends one incident
report on the last day of the logs and publishes again (the dates before it are copied from the
previous snapshot, the last day and the days after it are computed). Reports wall and CPU time of
both publishes, how many dates each computed and the load average. ``--tanpa-kesiapan`` measures
the same without the readiness rows (``KESIAPAN_TERBIT`` = -1: no dates), for comparison. Not part
of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def anak(folder: Path, tanpa: bool) -> dict:
    from siaga.data import terbit
    from siaga.inti.config import Paths

    if tanpa:
        terbit.KESIAPAN_TERBIT = -1
    paths = Paths(folder / "data", ROOT / "geo", folder / "terbit")
    out = {}
    for langkah in ("awal", "laporan"):
        if langkah == "laporan":
            p = folder / "data" / "insiden.csv"
            baris = p.read_text(encoding="utf-8").splitlines()
            # a new incident: the latest report with a new id (valid by construction)
            contoh = max(baris[1:], key=lambda b: b.split(",")[1])
            p.write_text("\n".join([*baris, "BENCH-1," + contoh.split(",", 1)[1]]) + "\n", encoding="utf-8")
        w, c = time.perf_counter(), time.process_time()
        hasil = terbit.terbitkan(paths)
        m = terbit.baca_manifest(folder / "terbit" / terbit.terkini(folder / "terbit")["folder"])
        if hasil != terbit.BARU:
            raise SystemExit(f"{langkah}: {hasil}")
        out[langkah] = {"hasil": hasil, "wall": time.perf_counter() - w, "cpu": time.process_time() - c,
                        "tanggal": len(m.kesiapan), "dihitung": m.kesiapan_dihitung}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tanpa-kesiapan", action="store_true")
    ap.add_argument("--anak", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.anak:
        print(json.dumps(anak(args.anak, args.tanpa_kesiapan)))
        return 0
    print("| run | first publish: wall / CPU (s) | dates computed | after one report: wall / CPU (s) | dates "
          "computed | load before → after |\n|---|---|---|---|---|---|")
    for i in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="siaga-terbit-kota-") as d:
            shutil.copytree(ROOT / "data", Path(d) / "data")
            b0 = " ".join(f"{x:.2f}" for x in os.getloadavg())
            r = subprocess.run([sys.executable, __file__, "--anak", d, *(["--tanpa-kesiapan"] if args.tanpa_kesiapan
                                                                          else [])],
                               check=True, capture_output=True, text=True, env=dict(os.environ, SIAGA_TERBIT=""))
            h = json.loads(r.stdout.strip().splitlines()[-1])
            b1 = " ".join(f"{x:.2f}" for x in os.getloadavg())
            a, lap = h["awal"], h["laporan"]
            print(f"| {i + 1} | {a['wall']:.2f} / {a['cpu']:.2f} | {a['dihitung']} of {a['tanggal']} | "
                  f"{lap['wall']:.2f} / {lap['cpu']:.2f} | {lap['dihitung']} of {lap['tanggal']} | {b0} → {b1} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
