"""One delivery run: evaluate the rules at the as-of moment, keep per recipient the events not yet
sent to it, batch them into one message per recipient, send, record what was delivered, audit.

A recipient whose channel fails is reported (Indonesian, without its address) and not recorded,
so the next run sends it the same events; the other recipients are sent to all the same.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import partial

from siaga.akses import audit, pengguna
from siaga.data.store import Store
from siaga.inti import fmt
from siaga.kirim import aturan, saluran
from siaga.kirim.catatan import Catatan
from siaga.kirim.setelan import LABEL_ATURAN, Penerima, Setelan, muat
from siaga.model import tugas
from siaga.model.konteks import Konteks, untuk
from siaga.model.paparan import Kabar, diam

CATATAN_KAKI = ("Pesan otomatis Siaga Pilkada: hanya nama wilayah, kode, jumlah, kategori dan waktu, tanpa data "
                "pribadi. Rincian dan tindak lanjut ada di dasbor.")


@dataclass
class Hasil:
    """What a run did: events fired, messages sent (recipient label, events), failures (Indonesian
    lines), and in a trial run (``coba``) the messages it would have sent."""
    saat: dt.datetime
    peristiwa: int = 0
    terkirim: list[tuple[str, int]] = field(default_factory=list)
    gagal: list[str] = field(default_factory=list)
    coba: list[str] = field(default_factory=list)


def _id(p: Penerima) -> str:
    """The recipient's key in the record: a hash, so the file holds no address or token."""
    return hashlib.sha256(p.kunci.encode("utf-8")).hexdigest()[:24]


def konteks(store: Store, tanggal: dt.date | None) -> Konteks:
    """The whole region's view (no role scope: alerts are for the desk's own lists)."""
    q = partial(store.query, lingkup=None)
    k = untuk(q, store.wilayah, store.versi, tanggal or dt.date.min, None, batas={})
    return k.dengan(tanggal=tanggal or k.rentang.batas_atas)


def saat_dari(k: Konteks, tanggal: dt.date | None, jam: dt.time | None) -> dt.datetime:
    """The as-of moment: ``--tanggal`` and ``--jam``; a date alone: its as-of moment (the latest event
    on the latest day of data, else the end of the day); neither: the desk's clock (``SIAGA_JAM``, the
    wall clock, or for a replayed election the latest event, as the Tugas page measures lateness)."""
    if tanggal is not None and jam is not None:
        return dt.datetime.combine(tanggal, jam)
    if tanggal is not None:
        return k.saat
    kini = tugas.jam(k)
    return dt.datetime.combine(kini.date(), jam) if jam is not None else kini


def _audit(store: Store, oleh: str, aksi: str, objek: str, hasil: str) -> None:
    audit.catat(pengguna.folder(store.paths), pengguna=oleh, peran="cli", aksi=aksi, objek=objek, hasil=hasil)


def susun_pesan(k: Konteks, saat: dt.datetime, daftar: list[aturan.Peristiwa]) -> tuple[str, str]:
    """(subject, body) of one batched alert message."""
    w = k.wilayah
    judul = (f"[Siaga Pilkada] {w.nama}: {fmt.angka(len(daftar))} peringatan, "
             f"{fmt.waktu_pendek(saat, w.zona_waktu)}")
    baris = [f"Siaga Pilkada · {w.nama}" + (" (data simulasi)" if w.simulasi else ""),
             f"Peringatan per {fmt.waktu(saat, w.zona_waktu)} · {fmt.hitung_mundur(saat.date(), w.hari_pemungutan)}",
             ""]
    for a, label in LABEL_ATURAN.items():
        isi = [p for p in daftar if p.aturan == a]
        if isi:
            baris.append(f"{label} ({fmt.angka(len(isi))})")
            baris += [f"• {p.teks}" for p in isi]
            baris.append("")
    baris.append(CATATAN_KAKI)
    return judul, "\n".join(baris)


def _kirim(s: Setelan, p: Penerima, judul: str, teks: str, isi_json: dict,
           lampiran: tuple[str, str, bytes] | None = None) -> None:
    if p.saluran == "email":
        saluran.email(s, p, judul, teks, lampiran)
    else:
        saluran.webhook(s, p, {**isi_json, "judul": judul, "teks": teks})


def peringatan(store: Store, tanggal: dt.date | None = None, jam: dt.time | None = None, coba: bool = False,
               oleh: str = "cli") -> Hasil:
    """Evaluate the alert rules at the as-of moment and send what is new to every list's recipients."""
    s = muat(store.wilayah)
    k = konteks(store, tanggal)
    saat = saat_dari(k, tanggal, jam)
    k = k.dengan(tanggal=saat.date())
    semua = aturan.evaluasi(partial(store.query, lingkup=None), k, saat, s)
    hasil = Hasil(saat, peristiwa=len(semua))
    with Catatan(store.paths.data) as c:
        for p, boleh in s.penerima():
            baru = [e for e in semua if e.aturan in boleh and not c.sudah(_id(p), e.kunci)]
            if not baru:
                continue
            judul, teks = susun_pesan(k, saat, baru)
            if coba:
                hasil.coba.append(f"Ke {p.label}: {judul}\n{teks}")
                continue
            isi_json = {"jenis": "peringatan", "wilayah": k.wilayah.nama, "kode_wilayah": k.wilayah.kode,
                        "saat": saat.isoformat(timespec="minutes"), "zona_waktu": k.wilayah.zona_waktu,
                        "peristiwa": [{"kunci": e.kunci, "aturan": e.aturan, "label_aturan": LABEL_ATURAN[e.aturan],
                                       "kode_kecamatan": e.kode_kecamatan, "teks": e.teks} for e in baru]}
            objek = f"{len(baru)} peristiwa per {saat.isoformat(timespec='minutes')} ke {p.label}"
            try:
                _kirim(s, p, judul, teks, isi_json)
            except saluran.SaluranGagal as exc:
                hasil.gagal.append(f"Gagal mengirim peringatan ke {p.label}: {exc}. Akan dicoba lagi pada "
                                   "jalan berikutnya.")
                _audit(store, oleh, audit.KIRIM_PERINGATAN, objek, audit.GAGAL)
                continue
            c.tandai(_id(p), [e.kunci for e in baru], saat)
            hasil.terkirim.append((p.label, len(baru)))
            _audit(store, oleh, audit.KIRIM_PERINGATAN, objek, audit.BERHASIL)
    return hasil


def berkas_laporan(store: Store, tanggal: dt.date, format: str, kabar: Kabar = diam) -> tuple[str, str, bytes]:
    """(file name, MIME type, bytes) of the daily report: the PDF, or the key slide as a PNG (the
    portrait poster the WhatsApp pictures end with)."""
    from siaga import laporan

    if format == "pdf":
        return (laporan.nama_berkas(store.wilayah.kode, tanggal, "pdf"), "application/pdf",
                laporan.buat(store, tanggal, None, "pdf", kabar))
    gambar = laporan.buat_gambar(store, tanggal, None, kabar)
    poster = gambar[-1]
    return laporan.nama_gambar(store.wilayah.kode, tanggal, poster.nama), "image/png", poster.png


def laporan_harian(store: Store, ke: str, tanggal: dt.date | None = None, format: str = "pdf",
                   oleh: str = "cli", kabar: Kabar = diam) -> Hasil:
    """Deliver the daily report of ``tanggal`` (default: the latest day of data) to the list ``ke``:
    by e-mail as an attachment, by webhook as base64 in the JSON (or a note when larger than
    ``lampiran_maks_kb``). Once per recipient, date and format; failed recipients are retried next run."""
    s = muat(store.wilayah)
    if ke not in s.daftar:
        raise ValueError(f"daftar penerima {ke!r} tidak ada")
    k = konteks(store, tanggal)
    if tanggal is None:                 # as python -m siaga laporan: the latest day of data
        k = k.dengan(tanggal=k.rentang.akhir)
    saat = k.saat
    kunci = f"laporan:{k.tanggal.isoformat()}:{format}"
    hasil = Hasil(saat)
    with Catatan(store.paths.data) as c:
        tujuan = [p for p, _ in s.penerima(ke) if not c.sudah(_id(p), kunci)]
        if not tujuan:
            return hasil
        nama, mime, isi = berkas_laporan(store, k.tanggal, format, kabar)
        w = k.wilayah
        judul = f"[Siaga Pilkada] Laporan harian {w.nama} {fmt.tanggal(k.tanggal)}"
        teks = (f"Laporan harian Desk Pilkada {w.nama}" + (" (data simulasi)" if w.simulasi else "")
                + f", data per {k.data_per}, {k.hitung_mundur}{k.menuju} pemungutan suara "
                f"{fmt.hari_tanggal(w.hari_pemungutan)}.\nBerkas: {nama} ({fmt.angka(len(isi) / 1024)} KB).\n\n"
                + CATATAN_KAKI)
        berkas = {"nama": nama, "mime": mime, "ukuran": len(isi)}
        if len(isi) <= s.lampiran_maks_kb * 1024:
            berkas["base64"] = base64.b64encode(isi).decode("ascii")
        else:
            berkas["catatan"] = (f"Berkas lebih besar dari {fmt.angka(s.lampiran_maks_kb)} KB, tidak dilampirkan; "
                                 "dikirim lewat e-mail dan dapat diunduh dari dasbor.")
        isi_json = {"jenis": "laporan", "wilayah": w.nama, "kode_wilayah": w.kode, "tanggal": k.tanggal.isoformat(),
                    "format": format, "berkas": berkas}
        for p in tujuan:
            objek = f"laporan {nama} ke {p.label}"
            try:
                _kirim(s, p, judul, teks, isi_json, (nama, mime, isi))
            except saluran.SaluranGagal as exc:
                hasil.gagal.append(f"Gagal mengirim laporan ke {p.label}: {exc}. Akan dicoba lagi pada jalan "
                                   "berikutnya.")
                _audit(store, oleh, audit.KIRIM_LAPORAN, objek, audit.GAGAL)
                continue
            c.tandai(_id(p), [kunci], saat)
            hasil.terkirim.append((p.label, 1))
            _audit(store, oleh, audit.KIRIM_LAPORAN, objek, audit.BERHASIL)
    return hasil
