"""Tugas: follow-up tasks with an owner (``tugas.csv``). "Tugas saya" for each user, the desk's view
of every open task by owner and lateness, and the pieces other screens use: the task of a shortage
row, an incident or a case (links both ways), and the owner names of the action list.

A task's times are the desk's clock (:func:`jam`): the wall clock in the region's time zone while
the data are live; when the data end more than :data:`HARI_REPLAY` days before now (the demo, a
replay of a past election) the clock stands at the latest event, so a task written in the demo
lands in the period the screens show. ``SIAGA_JAM`` (ISO time) sets the clock (tests, drills).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pandas as pd

from siaga.akses import Akses
from siaga.inti import fmt
from siaga.inti.kontrak import ASAL_TUGAS, STATUS_TUGAS
from siaga.inti.unit import label_unit, unit_desk
from siaga.model.komponen import Angka, Q, Tabel
from siaga.model.konteks import Konteks

HARI_REPLAY = 2
SAMPAI_SEMUA = dt.datetime(9999, 12, 31, 23, 59, 59)      # "every row": the as-of moment of the latest day
LABEL_ASAL = dict(ASAL_TUGAS)
LABEL_STATUS_TUGAS = dict(STATUS_TUGAS)
BATAS_BAWAAN_JAM = 24
KOLOM_TUGAS = ("Nomor", "Tugas", "Asal", "Di mana", "Pemilik", "Batas waktu", "Keterlambatan", "Status",
               "Catatan terakhir")
KOLOM_PEMILIK = ("Pemilik", "Terbuka", "Lewat batas waktu", "Terlambat paling lama", "Batas waktu terdekat")
HALAMAN_TUGAS = "tugas"          # the page's address


def jam(k: Konteks) -> dt.datetime:
    """The desk's clock (naive local time of the region), see the module docstring."""
    env = os.environ.get("SIAGA_JAM")
    if env:
        return pd.Timestamp(env).to_pydatetime().replace(tzinfo=None)
    kini = dt.datetime.now(ZoneInfo(k.wilayah.tz)).replace(tzinfo=None, microsecond=0)
    akhir = k.rentang.waktu_terakhir
    return akhir if kini - akhir > dt.timedelta(days=HARI_REPLAY) else max(kini, akhir)


def batas(k: Konteks) -> tuple[dt.datetime, dt.datetime]:
    """(rows up to, lateness at) for the view: on the latest day of data every task row counts and
    lateness is measured now; on a past day the state at its end."""
    if k.tanggal >= k.rentang.akhir:
        return SAMPAI_SEMUA, jam(k)
    return k.saat, k.saat


def nama_unit(k: Konteks) -> Callable[[str], str]:
    """A task owner's name: ``Kecamatan …``, ``Kelurahan …`` or the desk unit's name."""
    return lambda kode: label_unit(kode, k.wilayah, k.nama_kecamatan, k.nama_kelurahan)


def pilihan_unit(k: Konteks) -> dict[str, str]:
    """Units a task can be given to in the view's scope: desk units (not to a camat), the
    kecamatan, their kelurahan."""
    out = {} if k.akses.kecamatan else dict(unit_desk(k.wilayah))
    for kode, nama in sorted(k.nama_kecamatan.items()):
        out[kode] = f"Kecamatan {nama}"
    for kode, nama in sorted(k.nama_kelurahan.items()):
        out[kode] = f"Kelurahan {nama} ({k.nama_kecamatan.get(kode[:8], kode[:8])})"
    return out


def id_baru(saat: dt.datetime) -> str:
    """``TGS-2411261430-3fa2b7``: time and a random part, so two desks creating at once never collide."""
    return f"TGS-{saat:%y%m%d%H%M}-{secrets.token_hex(3)}"


def baris_baru(k: Konteks, oleh: str, judul: str, unit: str, batas_waktu: dt.datetime, asal: str = "lainnya",
               kode_asal: str | None = None, kecamatan: str | None = None, kelurahan: str | None = None,
               pengguna: str | None = None, catatan: str | None = None) -> dict:
    """The first row of a new task (status terbuka)."""
    saat = jam(k)
    if kelurahan and not kecamatan:
        kecamatan = kelurahan[:8]
    if not kecamatan and unit[:1].isdigit():
        kecamatan = unit[:8]
    return {"id_tugas": id_baru(saat), "waktu": saat, "judul": judul.strip(), "asal": asal, "kode_asal": kode_asal,
            "kode_kecamatan": kecamatan, "kode_kelurahan": kelurahan, "unit": unit, "pengguna": pengguna or None,
            "batas_waktu": batas_waktu, "status": "terbuka", "catatan": (catatan or "").strip() or None, "oleh": oleh}


def baris_ubah(k: Konteks, r: dict, oleh: str, status: str | None = None, catatan: str | None = None,
               unit: str | None = None, pengguna: str | None = None, batas_waktu: dt.datetime | None = None) -> dict:
    """The next row of task ``r`` (a ``tugas_daftar`` row): its state with the changes, stamped at
    the clock but always after the task's latest row."""
    saat = max(jam(k), pd.Timestamp(r["waktu"]).to_pydatetime() + dt.timedelta(seconds=1))
    kolom = ("id_tugas", "judul", "asal", "kode_asal", "kode_kecamatan", "kode_kelurahan", "unit", "pengguna",
             "batas_waktu", "status")
    out = {c: (None if fmt.hilang(r[c]) else r[c]) for c in kolom}
    out["batas_waktu"] = pd.Timestamp(out["batas_waktu"]).to_pydatetime()
    out.update(waktu=saat, oleh=oleh, catatan=(catatan or "").strip() or None)
    for c, v in (("status", status), ("unit", unit), ("batas_waktu", batas_waktu)):
        if v is not None:
            out[c] = v
    if pengguna is not None:
        out["pengguna"] = pengguna or None
    return out


def tautan_buat(asal: str, kode_asal: str, judul: str, kecamatan: str | None = None,
                kelurahan: str | None = None) -> str:
    """The address of the Tugas page with the "Buat tugas" form filled in for a row."""
    p = {"asal": asal, "kode_asal": kode_asal, "judul": judul}
    if kecamatan:
        p["kec"] = kecamatan
    if kelurahan:
        p["tempat"] = kelurahan
    return f"/{HALAMAN_TUGAS}?{urlencode(p)}"


def tautan_tugas(id_tugas: str) -> str:
    return f"/{HALAMAN_TUGAS}?{urlencode({'id': id_tugas})}"


def keterlambatan(r: dict, sekarang: dt.datetime) -> str:
    """``lewat 2 hari 3 jam`` / ``sisa 5 jam`` / ``selesai``."""
    if not r["terbuka"]:
        return LABEL_STATUS_TUGAS.get(r["status"], r["status"]).lower()
    d = sekarang - pd.Timestamp(r["batas_waktu"]).to_pydatetime()
    jam_ = int(abs(d).total_seconds() // 3600)
    teks = f"{fmt.angka(jam_ // 24)} hari {fmt.angka(jam_ % 24)} jam" if jam_ >= 24 else f"{fmt.angka(jam_)} jam"
    return f"lewat {teks}" if d.total_seconds() > 0 else f"sisa {teks}"


def tabel(df: pd.DataFrame, k: Konteks, sekarang: dt.datetime) -> pd.DataFrame:
    """Display rows of ``tugas_daftar`` rows (strings formatted on the server)."""
    zona, unit = k.wilayah.zona_waktu, nama_unit(k)
    rows = df.to_dict("records")

    def mana(r) -> str:
        if isinstance(r["nama_kelurahan"], str):
            return f"Kel. {r['nama_kelurahan']}, Kec. {r['nama_kecamatan']}"
        return f"Kec. {r['nama_kecamatan']}" if isinstance(r["nama_kecamatan"], str) else "Seluruh daerah"

    return pd.DataFrame({
        "Nomor": [r["id_tugas"] for r in rows],
        "Tugas": [r["judul"] for r in rows],
        "Asal": [LABEL_ASAL.get(r["asal"], r["asal"]) + (f" {r['kode_asal']}" if isinstance(r["kode_asal"], str)
                                                         else "") for r in rows],
        "Di mana": [mana(r) for r in rows],
        "Pemilik": [unit(r["unit"]) + (f" ({r['pengguna']})" if isinstance(r["pengguna"], str) else "") for r in rows],
        "Batas waktu": [fmt.waktu_pendek(pd.Timestamp(r["batas_waktu"]).to_pydatetime(), zona) for r in rows],
        "Keterlambatan": [keterlambatan(r, sekarang) for r in rows],
        "Status": [LABEL_STATUS_TUGAS.get(r["status"], r["status"]) for r in rows],
        "Catatan terakhir": [r["catatan"] if isinstance(r["catatan"], str) else "" for r in rows],
    }, columns=list(KOLOM_TUGAS))


def per_pemilik(df: pd.DataFrame, k: Konteks, sekarang: dt.datetime) -> pd.DataFrame:
    """The desk view: open tasks per owner unit, the owners with the most overdue work first."""
    buka = df[df["terbuka"].astype(bool)]
    unit = nama_unit(k)
    rows = []
    for kode, g in buka.groupby("unit", sort=False):
        telat = g[g["terlambat"].astype(bool)]
        paling = (sekarang - pd.Timestamp(telat["batas_waktu"].min()).to_pydatetime()) if len(telat) else None
        rows.append({
            "Pemilik": unit(kode), "Terbuka": len(g), "Lewat batas waktu": len(telat),
            "_urut": paling.total_seconds() if paling is not None else -1.0,
            "Terlambat paling lama": (keterlambatan(telat.sort_values("batas_waktu").iloc[0].to_dict(), sekarang)
                                      if len(telat) else "–"),
            "Batas waktu terdekat": fmt.waktu_pendek(pd.Timestamp(g["batas_waktu"].min()).to_pydatetime(),
                                                     k.wilayah.zona_waktu),
        })
    out = pd.DataFrame(rows, columns=[*KOLOM_PEMILIK, "_urut"])
    out = out.sort_values(["Lewat batas waktu", "_urut", "Terbuka"], ascending=False, kind="stable")
    return out[list(KOLOM_PEMILIK)].reset_index(drop=True)


def milik(df: pd.DataFrame, ak: Akses) -> pd.DataFrame:
    """Tasks of one user: given to them by name, or to their unit (a camat's kecamatan, a lurah's
    kelurahan)."""
    sel = df["pengguna"].eq(ak.pengguna)
    for kode in (ak.kecamatan, getattr(ak, "kelurahan", None)):
        if kode:
            sel |= df["unit"].eq(kode)
    return df[sel.fillna(False)]


@dataclass(frozen=True)
class HalamanTugas:
    """Everything the Tugas screen shows for one view."""
    daftar: pd.DataFrame            # tugas_daftar rows (open first, most overdue first)
    sekarang: dt.datetime           # lateness measured at
    angka: tuple[Angka, ...]
    semua: Tabel                    # every open task
    pemilik: pd.DataFrame           # open tasks per owner
    selesai: Tabel                  # closed tasks (selesai, dibatalkan)

    @property
    def kosong(self) -> bool:
        return self.daftar.empty

    def saya(self, ak: Akses, k: Konteks) -> pd.DataFrame:
        """"Tugas saya": the open tasks given to ``ak`` or to their unit, as display rows."""
        return tabel(milik(self.daftar[self.daftar["terbuka"].astype(bool)], ak), k, self.sekarang)

    def baris(self, id_tugas: str) -> dict | None:
        r = self.daftar[self.daftar["id_tugas"] == id_tugas]
        return r.iloc[0].to_dict() if len(r) else None


def susun(q: Q, k: Konteks) -> HalamanTugas:
    saat, sekarang = batas(k)
    df = q("tugas_daftar", saat=saat, sekarang=sekarang, kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    buka = df[df["terbuka"].astype(bool)]
    telat = buka[buka["terlambat"].astype(bool)]
    tutup = df[~df["terbuka"].astype(bool)]
    hari_ini = df[pd.to_datetime(df["waktu"]).dt.date.eq(sekarang.date()) & ~df["terbuka"].astype(bool)
                  & df["status"].eq("selesai")]
    return HalamanTugas(
        daftar=df, sekarang=sekarang,
        angka=(
            Angka("Tugas terbuka", f"{fmt.angka(len(buka))} tugas",
                  f"{fmt.angka((buka['status'] == 'dikerjakan').sum())} sedang dikerjakan"),
            Angka("Lewat batas waktu", f"{fmt.angka(len(telat))} tugas",
                  f"pada {fmt.waktu_pendek(sekarang, k.wilayah.zona_waktu)}"),
            Angka("Selesai hari ini", f"{fmt.angka(len(hari_ini))} tugas",
                  f"dari {fmt.angka(len(tutup))} yang ditutup"),
        ),
        semua=Tabel.dari(tabel(buka, k, sekarang), KOLOM_TUGAS, maks=None, satuan="tugas"),
        pemilik=per_pemilik(df, k, sekarang),
        selesai=Tabel.dari(tabel(tutup, k, sekarang), KOLOM_TUGAS, maks=None, satuan="tugas"),
    )


def tugas_asal(q: Q, k: Konteks, asal: str) -> dict[str, str]:
    """Origin reference -> ``TGS-… (Terbuka)`` of the tasks made from rows of one kind (a shortage
    row, an incident): the other direction of the link."""
    saat, sekarang = batas(k)
    df = q("tugas_daftar", saat=saat, sekarang=sekarang, kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    df = df[df["asal"].eq(asal) & df["kode_asal"].notna()]
    out: dict[str, list[str]] = {}
    for r in df.to_dict("records"):
        out.setdefault(r["kode_asal"], []).append(f"{r['id_tugas']} ({LABEL_STATUS_TUGAS[r['status']].lower()})")
    return {kode: ", ".join(v) for kode, v in out.items()}


def riwayat(q: Q, k: Konteks, id_tugas: str) -> pd.DataFrame:
    """The notes of one task, with time and author."""
    saat, _ = batas(k)
    df = q("tugas_riwayat", id_tugas=id_tugas, saat=saat, kecamatan=k.kecamatan, kelurahan=k.kelurahan)
    unit = nama_unit(k)
    return pd.DataFrame({
        "Waktu": [fmt.waktu_pendek(pd.Timestamp(t).to_pydatetime(), k.wilayah.zona_waktu) for t in df["waktu"]],
        "Oleh": df["oleh"].tolist(),
        "Status": [LABEL_STATUS_TUGAS.get(s, s) for s in df["status"]],
        "Pemilik": [unit(u) for u in df["unit"]],
        "Catatan": [c if isinstance(c, str) else "" for c in df["catatan"]],
    }, columns=["Waktu", "Oleh", "Status", "Pemilik", "Catatan"])


# ------------------------------------------------------------------ links between rows, incidents and tasks

def kunci_kekurangan(tahap: str, kode_lokasi: str, kode_item: str) -> str:
    """A shortage row's reference in a task: ``tps/32.75.01.1001.001/SS_GUB``."""
    return f"{tahap}/{kode_lokasi}/{kode_item}"


def _tempat_insiden(r: dict) -> str | None:
    for c in ("kode_tps", "kode_kelurahan", "kode_kecamatan"):
        if isinstance(r.get(c), str):
            return r[c]
    return None


def insiden_logistik(insiden: pd.DataFrame) -> list[tuple[str, str]]:
    """(place, incident id) of the open incidents of the logistics group (``insiden_daftar`` rows)."""
    buka = insiden[insiden["terbuka"].astype(bool) & insiden["kelompok"].eq("logistik")]
    return [(t, r["id_insiden"]) for r in buka.to_dict("records") if (t := _tempat_insiden(r))]


def _sama_tempat(a: str, b: str) -> bool:
    """The same place, or one inside the other (a TPS of a kelurahan)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def tautkan_kekurangan(tabel_: pd.DataFrame, kurang: pd.DataFrame, tg: dict[str, str],
                       insiden: pd.DataFrame) -> pd.DataFrame:
    """The shortage table (rows in :func:`siaga.model.logistik.tabel_kekurangan` order) with its task,
    the open logistics incidents at the same place, and the link that opens "Buat tugas" filled in."""
    urut = kurang.assign(_urut=(kurang["kurang"] == 0).astype(int)).sort_values("_urut", kind="stable")
    ins = insiden_logistik(insiden)
    kunci, terkait, buat = [], [], []
    for r in urut.to_dict("records"):
        kode = kunci_kekurangan(r["tahap"], r["kode_lokasi"], r["kode_item"])
        kunci.append(tg.get(kode, ""))
        terkait.append(", ".join(i for t, i in ins if r["kode_lokasi"] != "" and _sama_tempat(t, r["kode_lokasi"])))
        kel = r["kode_kelurahan"] if isinstance(r["kode_kelurahan"], str) else None
        kec = r["kode_kecamatan"] if isinstance(r["kode_kecamatan"], str) else None
        judul = f"Penuhi kekurangan {r['nama_item']} ({fmt.angka(r['kurang'])} {r['satuan']})" if r["kurang"] else \
            f"Ganti {r['nama_item']} rusak ({fmt.angka(r['rusak'])} {r['satuan']})"
        buat.append(tautan_buat("logistik", kode, judul, kec, kel))
    return tabel_.assign(**{"Tugas": kunci, "Insiden terkait": terkait, "Buat tugas": buat})


def tautkan_insiden(tabel_: pd.DataFrame, insiden: pd.DataFrame, tg: dict[str, str],
                    kurang: pd.DataFrame | None) -> pd.DataFrame:
    """The incident table (rows in ``insiden_daftar`` order) with its task, the shortages at the
    same place (logistics incidents) and the "Buat tugas" link."""
    rows = insiden.to_dict("records")
    tempat_kurang = [] if kurang is None else [
        (r["kode_lokasi"], f"{r['nama_item']} ({fmt.angka(r['kurang'])} {r['satuan']} kurang)")
        for r in kurang[kurang["kurang"] > 0].to_dict("records")]
    terkait = []
    for r in rows:
        t = _tempat_insiden(r)
        cocok = [x for p, x in tempat_kurang if t and r["kelompok"] == "logistik" and _sama_tempat(t, p)]
        terkait.append("; ".join(cocok[:3]) + (f"; dan {fmt.angka(len(cocok) - 3)} lainnya" if len(cocok) > 3 else ""))
    buat = [tautan_buat("insiden", r["id_insiden"], f"Tindak lanjuti insiden {r['id_insiden']}: {r['nama_kategori']}",
                        r["kode_kecamatan"], r["kode_kelurahan"] if isinstance(r["kode_kelurahan"], str) else None)
            for r in rows]
    return tabel_.assign(**{"Tugas": [tg.get(r["id_insiden"], "") for r in rows],
                            "Kekurangan logistik terkait": terkait, "Buat tugas": buat})
