"""Demo follow-up tasks (``tugas.csv``) for Kota Bekasi: a few tasks made from the demo's own
incidents and damaged deliveries in the last week before voting day, given to the kecamatan and
desk units, with their status changes and notes, some done, some still open and one overdue on
voting day, so the Tugas page, the links and the action list are not empty. Deterministic
(derived from the generated rows, no randomness)."""

from __future__ import annotations

import datetime as dt

KOLOM_DEMO_TUGAS = ["id_tugas", "waktu", "judul", "asal", "kode_asal", "kode_kecamatan", "kode_kelurahan", "unit",
               "pengguna", "batas_waktu", "status", "catatan", "oleh"]
MULAI_TUGAS = dt.datetime(2024, 11, 20)


def _t(s: str | dt.datetime) -> dt.datetime:
    return s if isinstance(s, dt.datetime) else dt.datetime.strptime(s, "%Y-%m-%d %H:%M")


def buat_tugas(insiden: list[dict], logistik: list[dict], akhir: dt.datetime) -> list[dict]:
    """Rows of ``tugas.csv`` (times as ``YYYY-MM-DD HH:MM`` strings, like the other demo logs)."""
    rows: list[dict] = []
    pertama: dict[str, dict] = {}
    for r in insiden:
        pertama.setdefault(r["id_insiden"], r)
    serius = [r for r in pertama.values() if r["keparahan"] == "tinggi" and _t(r["waktu"]) >= MULAI_TUGAS]
    rusak = [r for r in logistik if r["tahap"] == "tps" and int(r["jumlah_rusak"] or 0) > 0
             and _t(r["waktu"]) >= MULAI_TUGAS]
    n = 0

    def tugas(waktu: dt.datetime, judul: str, asal: str, kode_asal: str, kec: str, kel: str | None, unit: str,
              batas: dt.datetime, alur: list[tuple[float, str, str]]) -> None:
        nonlocal n
        n += 1
        base = {"id_tugas": f"TGS-{n:04d}", "judul": judul, "asal": asal, "kode_asal": kode_asal,
                "kode_kecamatan": kec, "kode_kelurahan": kel, "unit": unit, "pengguna": None,
                "batas_waktu": batas.strftime("%Y-%m-%d %H:%M")}
        rows.append({**base, "waktu": waktu.strftime("%Y-%m-%d %H:%M"), "status": "terbuka",
                     "catatan": "Dibuat dari rapat harian desk", "oleh": "desk"})
        for jam, status, catatan in alur:
            t = waktu + dt.timedelta(hours=jam)
            if t <= akhir:
                rows.append({**base, "waktu": t.strftime("%Y-%m-%d %H:%M"), "status": status, "catatan": catatan,
                             "oleh": "desk" if status == "selesai" else "camat"})

    for i, r in enumerate(serius[:5]):
        w = _t(r["waktu"]) + dt.timedelta(hours=1)
        alur = [(3, "dikerjakan", "Camat dan Linmas turun ke lokasi"), (20, "selesai", "Ditangani, situasi kondusif")]
        if i == 1:
            alur = [(3, "dikerjakan", "Koordinasi dengan Polsek setempat")]          # still open
        tugas(w, f"Tindak lanjuti insiden {r['id_insiden']} dan laporkan ke desk", "insiden", r["id_insiden"],
              r["kode_kecamatan"], r["kode_kelurahan"] or None, r["kode_kecamatan"], w + dt.timedelta(hours=24), alur)
    for i, r in enumerate(rusak[:3]):
        w = _t(r["waktu"]) + dt.timedelta(hours=2)
        kode = f"tps/{r['kode_lokasi']}/{r['kode_item']}"[:40]
        alur = [(2, "dikerjakan", "Penggantian diminta ke PPK")] + ([(30, "selesai", "Sudah diganti")] if i else [])
        tugas(w, f"Pastikan {r['kode_item']} rusak ({r['jumlah_rusak']}) di TPS diganti sebelum pemungutan",
              "logistik", kode, r["kode_lokasi"][:8], r["kode_lokasi"][:13], r["kode_lokasi"][:13],
              w + dt.timedelta(hours=12), alur)
    tugas(dt.datetime(2024, 11, 25, 10, 0), "Siapkan posko pemantauan terpadu di kantor wali kota", "rapat",
          "RPT-2024-11-25/1", None, None, "kesbangpol", dt.datetime(2024, 11, 26, 17, 0),
          [(5, "dikerjakan", "Ruang dan jaringan disiapkan"), (26, "selesai", "Posko beroperasi")])
    return sorted(rows, key=lambda x: (x["waktu"], x["id_tugas"]))
