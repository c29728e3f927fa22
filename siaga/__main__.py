"""Command line: ``python -m siaga <perintah>``.

- ``demo``     regenerate the Kota Bekasi demo files (same seed, same files)
- ``periksa``  validate the input folders and print the problems in Indonesian
- ``kontrak``  write docs/data-contract.md from the contract
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from pathlib import Path

from siaga.config import CONFIG_FILE, ROOT, Paths


def _demo(args) -> int:
    from siaga.demo import SEED, generate

    data = Path(args.data) if args.data else ROOT / "data"
    geo = Path(args.geo) if args.geo else ROOT / "geo"
    cfg = data / CONFIG_FILE
    if cfg.is_file() and not args.paksa:
        try:
            simulasi = tomllib.loads(cfg.read_text(encoding="utf-8")).get("wilayah", {}).get("simulasi", False)
        except tomllib.TOMLDecodeError:
            simulasi = False
        if not simulasi:
            print(f"Folder {data} berisi data yang bukan simulasi; demo tidak ditulis (pakai --paksa bila yakin).",
                  file=sys.stderr)
            return 2
    started = time.perf_counter()
    counts = generate(data, geo, seed=args.seed if args.seed is not None else SEED)
    for name, n in counts.items():
        print(f"{name:28s} {n:>9,d} baris".replace(",", "."))
    print(f"Selesai dalam {time.perf_counter() - started:.1f} detik.")
    return 0


def _periksa(args) -> int:
    from siaga.store import Store

    store = Store(Paths.from_env())
    ok = store.load()
    problems = store.ditolak if not ok else store.snapshot.peringatan
    for m in problems:
        print(f"[{m.tingkat}] {m.pesan()}")
    if ok:
        print(f"Data diterima (versi {store.versi}); {len(problems)} peringatan.")
        return 0
    print(f"Data ditolak: {sum(m.tingkat == 'galat' for m in problems)} galat.", file=sys.stderr)
    return 1


def _kontrak(args) -> int:
    from siaga.docs import write_contract

    path = write_contract()
    print(f"Ditulis: {path.relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m siaga", description="Siaga Pilkada — perintah baris")
    sub = p.add_subparsers(dest="perintah", required=True)
    d = sub.add_parser("demo", help="buat ulang data demo Kota Bekasi (simulasi)")
    d.add_argument("--data", help="folder data tujuan (bawaan: data/ di repo)")
    d.add_argument("--geo", help="folder batas wilayah tujuan (bawaan: geo/ di repo)")
    d.add_argument("--seed", type=int, help="benih acak (bawaan: 20241127)")
    d.add_argument("--paksa", action="store_true", help="tulis walau folder berisi data bukan simulasi")
    d.set_defaults(fn=_demo)
    c = sub.add_parser("periksa", help="periksa berkas masukan di SIAGA_DATA/SIAGA_GEO")
    c.set_defaults(fn=_periksa)
    k = sub.add_parser("kontrak", help="tulis docs/data-contract.md dari kontrak data")
    k.set_defaults(fn=_kontrak)
    args = p.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    raise SystemExit(main())
