"""Demo follow-up tasks (``tugas.csv``) and coordination meetings (``rapat.csv``) for Kota Bekasi:
a few tasks made from the demo's own incidents and damaged deliveries in the last week before
voting day, given to the kecamatan and desk units, with their status changes and notes, some done,
some still open and one overdue on voting day, so the Tugas page, the links and the action list are
not empty. Two meetings
(H-2 and H-1) whose decisions became tasks. Deterministic (derived from the generated rows, no
randomness)."""

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


KOLOM_DEMO_RAPAT = ["id_rapat", "waktu", "judul", "peserta", "nomor", "jenis", "isi", "unit", "batas_waktu",
                    "id_tugas"]
# The two coordination meetings of the demo (H-2 and H-1): (id, time, title, participants, items).
# An item is ("agenda", text) or ("keputusan", text, unit, due, id of an existing task or None,
# [(hours after the meeting, status, note)]). The first decision of H-2 is the demo task that
# already names it (buat_tugas: "RPT-2024-11-25/1").
PESERTA_RAPAT = "desk|kesbangpol|tapem|satpol_pp|kpu|bawaslu|polres|kodim|32.75.07|32.75.11|32.75.03"
RAPAT_DEMO = (
    ("RPT-2024-11-25", dt.datetime(2024, 11, 25, 9, 0), "Rapat koordinasi Desk Pilkada H-2", PESERTA_RAPAT, (
        ("keputusan", "Siapkan posko pemantauan terpadu di kantor wali kota", "kesbangpol",
         dt.datetime(2024, 11, 26, 17, 0), "RPT-2024-11-25/1", []),
        ("agenda", "Laporan kesiapan logistik per kecamatan"),
        ("agenda", "Kerawanan masa tenang dan penertiban APK"),
        ("keputusan", "Tertibkan APK yang masih terpasang pada masa tenang", "satpol_pp",
         dt.datetime(2024, 11, 25, 22, 0), None,
         [(4, "dikerjakan", "Tim gabungan turun ke lapangan"), (11, "selesai", "APK di jalan protokol diturunkan")]),
        ("keputusan", "Pastikan logistik seluruh TPS Kecamatan Bantargebang lengkap pada H-1", "32.75.07",
         dt.datetime(2024, 11, 26, 18, 0), None,
         [(6, "dikerjakan", "Koordinasi dengan PPK, sebagian kotak masih di gudang")]),
    )),
    ("RPT-2024-11-26", dt.datetime(2024, 11, 26, 9, 0), "Rapat koordinasi Desk Pilkada H-1", PESERTA_RAPAT, (
        ("agenda", "Tindak lanjut keputusan rapat 25 November"),
        ("agenda", "Kesiapan TPS dan pengamanan hari pemungutan"),
        ("keputusan", "Siapkan armada cadangan pengangkut logistik", "dishub", dt.datetime(2024, 11, 26, 20, 0), None,
         [(3, "dikerjakan", "Dua truk disiagakan"), (8, "selesai", "Armada cadangan siaga di gudang KPU")]),
        ("keputusan", "Siagakan tim kesehatan di posko selama pemungutan suara", "dinkes",
         dt.datetime(2024, 11, 27, 6, 0), None, [(20, "selesai", "Tim kesehatan siaga di posko")]),
        ("keputusan", "Laporkan TPS yang belum siap pukul 06.00 ke desk", "32.75.11",
         dt.datetime(2024, 11, 27, 6, 0), None, []),
    )),
)


def buat_rapat(tugas: list[dict], akhir: dt.datetime) -> tuple[list[dict], list[dict]]:
    """Rows of ``rapat.csv`` and the rows of the tasks its decisions became (appended to the demo's
    tasks, numbered after them): two meetings, some decisions done since, one still open and overdue
    on voting day. Deterministic (no random stream), so every other demo output stays identical."""
    ada = {r["kode_asal"]: r["id_tugas"] for r in tugas if r["asal"] == "rapat"}
    n = max(int(r["id_tugas"].split("-")[1]) for r in tugas) if tugas else 0
    rapat, baru = [], []
    for id_rapat, waktu, judul, peserta, butir in RAPAT_DEMO:
        umum = {"id_rapat": id_rapat, "waktu": waktu.strftime("%Y-%m-%d %H:%M"), "judul": judul, "peserta": peserta}
        for nomor, b in enumerate(butir, start=1):
            if b[0] == "agenda":
                rapat.append({**umum, "nomor": nomor, "jenis": "agenda", "isi": b[1]})
                continue
            _, isi, unit, batas, kode, alur = b
            id_tugas = ada.get(kode) if kode else None
            if id_tugas is None:
                n += 1
                id_tugas = f"TGS-{n:04d}"
                kec = unit if unit[:1].isdigit() else None
                base = {"id_tugas": id_tugas, "judul": isi, "asal": "rapat", "kode_asal": f"{id_rapat}/{nomor}",
                        "kode_kecamatan": kec, "kode_kelurahan": None, "unit": unit, "pengguna": None,
                        "batas_waktu": batas.strftime("%Y-%m-%d %H:%M")}
                dibuat = waktu + dt.timedelta(minutes=30)
                baru.append({**base, "waktu": dibuat.strftime("%Y-%m-%d %H:%M"), "status": "terbuka",
                             "catatan": f"Dari {judul}", "oleh": "desk"})
                for jam, status, catatan in alur:
                    t = waktu + dt.timedelta(hours=jam)
                    if t <= akhir:
                        baru.append({**base, "waktu": t.strftime("%Y-%m-%d %H:%M"), "status": status,
                                     "catatan": catatan, "oleh": "desk" if status == "selesai" else "camat"})
            rapat.append({**umum, "nomor": nomor, "jenis": "keputusan", "isi": isi, "unit": unit,
                          "batas_waktu": batas.strftime("%Y-%m-%d %H:%M"), "id_tugas": id_tugas})
    return rapat, baru
