"""Reload once, off the request path, on a real server: an import while ten sessions rerun over
Streamlit's websocket protocol causes exactly one build, by the watching loader; no session waits
for it or fails, and every session shows the new data once it is published."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import time

from bench.protokol import Sesi
from siaga.data import terbit
from tests.browser.conftest import Server
from tests.conftest import FIXTURE, ROOT, jalankan_async

BARIS_BARU = "waktu,tahap,kode_lokasi,kode_item,jumlah_kebutuhan,jumlah_diterima,jumlah_rusak,catatan\n" \
             "2024-11-26 11:00,tps,99.01.02.1001.001,SS,400,10,0,susulan\n"


def _data_per(s: Sesi) -> str | None:
    return next((t for t in s.teks if t.startswith("Data per ")), None)


async def _skenario(url: str, impor) -> dict:
    sesi = [Sesi(url) for _ in range(10)]
    for s in sesi:
        awal = await s.buka("/ringkasan")
        assert awal.galat is None and not s.galat, (awal, s.galat)
    lama = {_data_per(s) for s in sesi}
    assert len(lama) == 1 and "pukul 10.00" in next(iter(lama)), lama
    hasil, berhenti = [], asyncio.Event()

    async def rerun(s: Sesi) -> None:
        while not berhenti.is_set():
            hasil.append(await s.rerun())

    tugas = [asyncio.create_task(rerun(s)) for s in sesi]
    mulai = time.monotonic()
    rc = await asyncio.to_thread(impor)
    while any("pukul 11.00" not in (_data_per(s) or "") for s in sesi):   # every session on the new data
        assert time.monotonic() - mulai < 180, [_data_per(s) for s in sesi]
        await asyncio.wait(tugas, timeout=0.5)
    berhenti.set()
    await asyncio.gather(*tugas)
    for s in sesi:
        await s.tutup()
    return {"rc": rc, "hasil": hasil, "galat": [g for s in sesi for g in s.galat]}


def test_an_import_while_ten_sessions_rerun_causes_exactly_one_build(tmp_path):
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "geo", tmp_path / "geo")
    berkas = tmp_path / "susulan.csv"
    berkas.write_text(BARIS_BARU, encoding="utf-8")
    srv = Server(tmp_path / "data", tmp_path / "geo", pengguna=None)
    srv.mulai()
    try:
        def impor() -> int:
            sebelum.extend(terbit.jurnal(srv.terbit))
            return subprocess.run([sys.executable, "-m", "siaga", "impor", str(berkas), "--jenis", "logistik"],
                                  cwd=ROOT, env=srv.env, capture_output=True, check=False).returncode

        sebelum: list[dict] = []
        r = jalankan_async(_skenario(srv.url, impor))
        sesudah = terbit.jurnal(srv.terbit)
    finally:
        srv.berhenti()
    assert r["rc"] == 0
    assert not r["galat"] and all(h.galat is None for h in r["hasil"]), r["galat"]
    baru = sesudah[len(sebelum):]
    assert [j["hasil"] for j in baru] == ["diterima"], baru          # one build, and it was accepted
    assert baru[0]["pid"] not in {j["pid"] for j in sebelum}          # a build process of its own
    assert len(r["hasil"]) >= 10                                       # the sessions kept rerunning meanwhile
