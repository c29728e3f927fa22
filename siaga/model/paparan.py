"""The briefing deck (*paparan*): what each slide says, whoever draws it.

The big screen (``?mode=layar``) and the daily report (PDF, PNG, PPTX) show the same slides: seven,
the meetings' decisions once a meeting is recorded, and the voting-day phase's before them (on voting
day: its map with the kecamatan table, then turnout by hour; after it the rekapitulasi; a re-vote).
:func:`susun` builds them from the screen models of :mod:`siaga.model` (the ones the pages
render), so a slide and its page agree by construction:

========== ===========================================================
slide      screen model
========== ===========================================================
situasi    :class:`siaga.model.ringkasan.HalamanRingkasan` (three sentences, the three indicators)
perhatian  :class:`siaga.model.ringkasan.HalamanRingkasan` (the attention list)
kesiapan   :class:`siaga.model.kesiapan.HalamanKesiapan`
perubahan  :class:`siaga.model.perubahan.Perubahan` (part of the Ringkasan model)
logistik   :class:`siaga.model.logistik.HalamanLogistik`
insiden    :class:`siaga.model.insiden.HalamanInsiden` (the last 24 hours)
netralitas :class:`siaga.model.netralitas.HalamanNetralitas`
rapat      :class:`siaga.model.rapat.TindakLanjutRapat` (part of the Ringkasan model; only once a
           meeting has been recorded in the view's scope)
hari_h     :class:`siaga.model.pemungutan.HariH` (part of the Ringkasan model on voting day): the
           map of how the TPS opened with the incidents of the last 6 hours, the kecamatan table;
           then ``partisipasi``: the same voting day's turnout by hour
========== ===========================================================

Each :class:`Slide` has a short title, 2–4 key figures, one visual (a plotly figure or a static map,
:class:`siaga.model.grafik.PetaStatis`: the readiness levels, or on voting day how the TPS opened) and/or a
small table, every value already formatted in Indonesian.
No Streamlit call is made here, and no personal data can appear: the store never loads
``netralitas_pribadi.csv``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from siaga.akses import Lingkup
from siaga.data.store import Store
from siaga.inti import fmt
from siaga.masuk.geo import Batas
from siaga.model import fase as m_fase
from siaga.model import (
    grafik,
    insiden,
    kesiapan,
    level,
    logistik,
    netralitas,
    pemungutan,
    perubahan,
    rapat,
    ringkasan,
)
from siaga.model.komponen import MAKS_BARIS, Angka, Q, Tabel
from siaga.model.konteks import Konteks, untuk

Kabar = Callable[[float, str], None]
"""Progress: (fraction done 0..1, what is being done, in Indonesian)."""


class LaporanError(Exception):
    """A report cannot be made; the message is Indonesian and safe to show."""


class KecamatanTidakDikenal(LaporanError):
    pass


def diam(_bagian: float, _teks: str) -> None:
    """A progress callback that reports nowhere."""


def sebagian(kabar: Kabar, dari: float, sampai: float) -> Kabar:
    """``kabar`` for a sub-task that covers ``dari``..``sampai`` of the whole."""
    return lambda f, teks: kabar(dari + (sampai - dari) * min(max(f, 0.0), 1.0), teks)


# ------------------------------------------------------------------ the model

@dataclass(frozen=True)
class Slide:
    kode: str
    judul: str
    angka: tuple[Angka, ...]
    grafik: go.Figure | None = None
    peta: grafik.PetaStatis | None = None
    tabel: Tabel | None = None
    judul_tabel: str = ""
    catatan: str = ""                  # one or two sentences under the visual
    kosong: str = ""                   # said instead of a visual when there is nothing to draw
    kalimat: tuple[str, ...] = ()      # sentences that are the slide's body (the situation summary)

    @property
    def pesan_kosong(self) -> str:
        """The empty-state sentence to show, only when the slide really has nothing else to show
        (no chart, map, table or sentences): never beside a table that lists items."""
        kosong = self.grafik is None and self.peta is None and self.tabel is None and not self.kalimat
        return self.kosong if kosong else ""


@dataclass(frozen=True)
class Paparan:
    wilayah: str                       # region name (wilayah.toml)
    lingkup: str                       # the region, or "Kecamatan X"
    kode: str                          # Kemendagri code of the scope
    tanggal: dt.date
    saat: dt.datetime                  # the as-of moment
    data_per: str                      # "Data per 20 November 2024 pukul 23.59 WIB"
    hitung_mundur: str                 # "H-7"
    hari_pemungutan: str               # "Rabu, 27 November 2024"
    sumber: str                        # "Siaga Pilkada · data simulasi"
    slides: tuple[Slide, ...]

    def slide(self, kode: str) -> Slide:
        return next(s for s in self.slides if s.kode == kode)


def _kartu(angka) -> tuple[Angka, ...]:
    """Key figures for a slide: the definition stands under the value where there is no caption."""
    return tuple(a if a.keterangan else replace(a, keterangan=a.bantuan) for a in angka)


# ------------------------------------------------------------------ slides from the screen models

def _slide_situasi(h: ringkasan.HalamanRingkasan, k: Konteks) -> Slide:
    definisi = " ".join(f"{a.label}: {a.bantuan}" for a in h.indikator)
    return Slide(
        "situasi", "Situasi hari ini", _kartu((h.hitung_mundur, *h.indikator)), kalimat=h.situasi,
        catatan=definisi, kosong=f"Belum ada data sampai {fmt.tanggal(k.tanggal)}.")


def _slide_perubahan(p: perubahan.Perubahan, k: Konteks) -> Slide:
    return Slide(
        "perubahan", p.judul, p.angka, tabel=p.level, judul_tabel="Kecamatan yang berganti level",
        catatan=p.kalimat, kosong=p.kosong)


def _legenda(k: Konteks, tanpa_data: bool, rencana: float | None) -> tuple[tuple[str, str], ...]:
    """Legend of the level map: the thresholds in points on the day's plan (as :func:`level.dari_skor`)."""
    a = k.wilayah.kesiapan
    siap, perhatian = level.ambang_poin(a.ambang_siap, a.ambang_perhatian, 100.0 if rencana is None else rencana)
    teks = {"siap": f"skor ≥ {fmt.angka(siap)}", "perlu_perhatian": f"skor ≥ {fmt.angka(perhatian)}",
            "rawan": f"skor < {fmt.angka(perhatian)}"}
    out = tuple((f"{level.label(lv)} ({teks[lv]})", level.warna(lv)) for lv in reversed(level.URUTAN_LEVEL))
    return out + ((level.NO_DATA,) if tanpa_data else ())


def peta_level(k: Konteks, anak: pd.DataFrame, rencana: float | None = None) -> grafik.PetaStatis | None:
    """The units of the scope on their boundaries (the kelurahan of a kecamatan), by level; the legend
    gives the thresholds on the day's plan ``rencana``."""
    batas = k.batas.get(k.unit)
    if batas is None:
        return None
    gdf = batas.gdf.merge(anak[["kode", "nama", "skor", "level"]], on="kode", how="inner")
    if gdf.empty:
        return None
    pusat = Batas(batas.tingkat, gdf[["kode", "geometry"]], batas.bounds).titik_label()
    gdf = gdf.merge(pusat, on="kode")
    gdf["nilai"] = [fmt.skor(s) for s in gdf["skor"]]
    gdf["warna"] = [level.warna(lv) for lv in gdf["level"]]
    gdf = gpd.GeoDataFrame(gdf[["kode", "nama", "nilai", "level", "warna", "lon", "lat", "geometry"]],
                           geometry="geometry", crs=batas.gdf.crs)
    return grafik.PetaStatis(gdf, k.unit, _legenda(k, bool(gdf["level"].isna().any()), rencana),
                             k.wilayah.batas_perkiraan, k.wilayah.sumber_batas, f"Peta kesiapan per {k.unit}")


def _slide_kesiapan(h: kesiapan.HalamanKesiapan, k: Konteks) -> Slide:
    r = h.lingkup or {}
    anak = h.anak
    a = k.wilayah.kesiapan
    siap, perhatian = level.ambang_poin(a.ambang_siap, a.ambang_perhatian, h.rencana_hari_ini or 100.0)
    ket = {"siap": f"skor ≥ {fmt.angka(siap)}", "perlu_perhatian": f"skor {fmt.angka(perhatian)}–{fmt.angka(siap - 1)}",
           "rawan": f"skor di bawah {fmt.angka(perhatian)}"}
    angka = [Angka("Skor kesiapan", fmt.skor(r.get("skor")),
                   " · ".join(x for x in (level.label(r.get("level")), h.angka[1].nilai.lower() if h.angka else "")
                              if x))]
    angka += [Angka(level.label(lv), f"{fmt.angka((anak['level'] == lv).sum())} {k.unit}", ket[lv])
              for lv in level.URUTAN_LEVEL]
    tabel = h.unit.copy()
    nama = tabel.columns[1]
    tabel["Skor"] = [fmt.skor(s) for s in anak["skor"]]
    kolom = ["#", nama, "Skor", "Level", "Jadwal", "Penyebab utama", "Logistik", "Checklist", "Insiden"]
    return Slide(
        "kesiapan", f"Kesiapan per {k.unit}", tuple(angka), peta=peta_level(k, anak, h.rencana_hari_ini),
        tabel=Tabel.dari(tabel, kolom, ringkas=("#", nama, "Skor", "Level", "Jadwal", "Penyebab utama"), maks=None,
                         satuan=k.unit, warna={"Level": [level.warna(lv) for lv in anak["level"]]}),
        judul_tabel=f"Peringkat kesiapan per {k.unit} (1 = paling belum siap) dan penyebabnya",
        catatan=kesiapan.ambang(a, h.rencana_hari_ini),
        kosong="Batas wilayah belum tersedia, peta tidak dapat ditampilkan.")


def _slide_logistik(h: logistik.HalamanLogistik, k: Konteks) -> Slide:
    if h.belum_ada:
        return Slide("logistik", "Logistik", (), kosong=h.belum_ada)
    risiko = h.berisiko
    nama = k.unit.capitalize()
    if h.tanpa_proyeksi:        # voting has begun: what the distribution achieved, no projection
        return Slide("logistik", "Logistik", _kartu(h.angka), grafik=h.grafik_tahap, catatan=h.kalimat)
    return Slide(
        "logistik", "Logistik", _kartu(h.angka), grafik=h.grafik_tahap,
        tabel=Tabel.dari(risiko, [nama, "Perkiraan lengkap", "Keterangan", "Kemajuan"], satuan=k.unit,
                         ringkas=(nama, "Perkiraan lengkap", "Kemajuan")) if len(risiko) else None,
        judul_tabel=f"{nama} berisiko tidak lengkap pada H-1", catatan=h.kalimat)


def _slide_insiden(h: insiden.HalamanInsiden, k: Konteks) -> Slide:
    return Slide(
        "insiden", "Insiden 24 jam terakhir", _kartu(h.angka[:4]), grafik=h.grafik_kategori, tabel=h.terlambat,
        judul_tabel="Tindak lanjut lewat batas waktu (kapan pun dilaporkan)",
        catatan=f"{h.kalimat_jendela} {h.kalimat_keadaan}",
        kosong=insiden.kosong_jendela(k.nama_lingkup, k.jendela, k.tanggal))


def _slide_netralitas(h: netralitas.HalamanNetralitas, k: Konteks) -> Slide:
    if not h.ada_kasus:
        return Slide("netralitas", "Netralitas ASN", _kartu(h.angka_slide), kosong=h.kosong)
    return Slide(
        "netralitas", "Netralitas ASN", _kartu(h.angka_slide), grafik=h.grafik_alur, tabel=h.tabel_terbuka,
        judul_tabel="Kasus berjalan, yang paling lama lewat batas waktu di atas",
        catatan=h.keterangan + " Identitas ASN terlapor dan pelapor tidak dimuat dalam laporan ini.", kosong=h.kosong)


def _slide_perhatian(h: ringkasan.HalamanRingkasan, k: Konteks) -> Slide:
    t = h.perhatian
    t = replace(t, baris=t.baris[:MAKS_BARIS], warna=t.warna[:MAKS_BARIS], jumlah=t.seluruhnya)
    return Slide(
        "perhatian", "Perlu tindakan hari ini", h.perhatian_angka, tabel=t if t.baris else None,
        judul_tabel="Apa, di mana, sejak kapan, siapa menindaklanjuti",
        kosong=h.perhatian_kosong)


def slide_rapat(t: rapat.TindakLanjutRapat | None) -> tuple[Slide, ...]:
    """"Keputusan rapat terakhir dan tindak lanjutnya" (none before the first meeting of the scope)."""
    if t is None or not t.ada_rapat:
        return ()
    tabel = t.tabel.untuk_slide() if t.tabel.baris else None
    return (Slide("rapat", t.judul, _kartu(t.angka), tabel=tabel,
                  judul_tabel="Keputusan terbuka, lalu yang selesai sejak rapat terakhir", catatan=t.kalimat,
                  kosong=t.kosong),)


def slide_fase(f: pemungutan.HalamanFase | None) -> tuple[Slide, ...]:
    """The phase's slides (none before voting day): the voting day (its map of how TPS opened, with the
    incidents of the last 6 hours, beside the kecamatan; then turnout by hour), the rekapitulasi, a re-vote."""
    if f is None:
        return ()
    out = []
    if f.hari is not None:
        h = f.hari
        jendela = h.peta.catatan[m_fase.JENDELA_HARI_H] if h.peta is not None else ""
        perlu = h.kalimat_perlu(2)
        out.append(Slide("hari_h", h.judul, _kartu(h.angka), peta=h.peta.statis if h.peta is not None else None,
                         tabel=h.tabel, judul_tabel="TPS dibuka, partisipasi dan penghitungan per kecamatan",
                         catatan=f"{perlu} {jendela}".strip(), kosong="Belum ada laporan dari TPS."))
        out.append(Slide("partisipasi", JUDUL_PARTISIPASI, _kartu(h.angka[1:3]), grafik=h.jam,
                         catatan=h.angka[1].bantuan, kosong="Belum ada laporan kehadiran dari TPS."))
    if f.rekap is not None:
        r = f.rekap
        out.append(Slide("rekapitulasi", "Rekapitulasi suara per kecamatan", _kartu(r.angka), tabel=r.tabel,
                         judul_tabel="PPK dan KPU kab/kota", catatan="; ".join(f"{t}: {s}" for t, s in r.status) + ".",
                         kalimat=(r.kalimat,)))
    if f.ulang is not None:
        u = f.ulang
        angka = (u.hitung_mundur, *(u.hari.angka[:3] if u.hari is not None else ()))
        out.append(Slide("ulang", u.hitung_mundur.label, _kartu(angka), grafik=u.hari.jam if u.hari else None,
                         tabel=u.tabel, judul_tabel="TPS dan kesiapannya", catatan=u.hitung_mundur.keterangan))
    return tuple(out)


JUDUL_PARTISIPASI = "Partisipasi pemilih per jam"
SLIDES = ("situasi", "perhatian", "kesiapan", "perubahan", "logistik", "insiden", "netralitas")


def susun(q: Q, k: Konteks, kabar: Kabar = diam) -> Paparan:
    """The deck of the view ``k`` (the region or one kecamatan, as of its date): each screen model
    built once through ``q``, then laid out as slides."""
    k = k.dengan(kelurahan=None, jendela="semua")
    langkah = [
        ("ringkasan", lambda: ringkasan.susun(q, k)),
        ("kesiapan", lambda: kesiapan.susun(q, k)),
        ("logistik", lambda: logistik.susun(q, k)),
        ("insiden", lambda: insiden.susun(q, k.dengan(jendela="24jam"))),
        ("netralitas", lambda: netralitas.susun(q, k)),
    ]
    model = {}
    for i, (kode, buat) in enumerate(langkah):
        kabar(i / len(langkah), f"Menghitung isi laporan ({i + 1} dari {len(langkah)})")
        model[kode] = buat()
    kabar(1.0, "Isi laporan selesai dihitung")
    slides = (*slide_fase(model["ringkasan"].fase), _slide_situasi(model["ringkasan"], k),
              _slide_perhatian(model["ringkasan"], k),
              _slide_kesiapan(model["kesiapan"], k), _slide_perubahan(model["ringkasan"].perubahan, k),
              _slide_logistik(model["logistik"], k),
              _slide_insiden(model["insiden"], k.dengan(jendela="24jam")),
              _slide_netralitas(model["netralitas"], k),
              *slide_rapat(model["ringkasan"].rapat))
    wil = k.wilayah
    return Paparan(
        wilayah=wil.nama, lingkup=k.nama_lingkup, kode=k.kecamatan or wil.kode, tanggal=k.tanggal, saat=k.saat,
        data_per=f"Data per {k.data_per}", hitung_mundur=k.hitung_mundur,
        hari_pemungutan=fmt.hari_tanggal(wil.hari_pemungutan),
        sumber="Siaga Pilkada · data simulasi" if wil.simulasi else "Siaga Pilkada", slides=slides)


def dari_store(store: Store, tanggal: dt.date, kecamatan: str | None = None,
               lk: Lingkup | None = None) -> tuple[Q, Konteks]:
    """The query function and the view of a report made straight from the store (the CLI, the app's
    report button): every query runs in the scope ``lk``, so a camat's report is of their
    kecamatan whatever asked; an unknown kecamatan code is refused in Indonesian."""
    q = partial(store.query, lingkup=lk)
    if lk is not None and lk.kecamatan:
        kecamatan = lk.kecamatan
    k = untuk(q, store.wilayah, store.versi, tanggal, None, batas=store.snapshot.batas)
    if kecamatan is not None and kecamatan not in k.nama_kecamatan:
        raise KecamatanTidakDikenal(f"Kecamatan dengan kode {kecamatan!r} tidak ada di daftar wilayah "
                                    f"{store.wilayah.nama}. Kode yang ada: {', '.join(k.nama_kecamatan)}.")
    return q, k.dengan(kecamatan=kecamatan)


__all__ = ["Kabar", "KecamatanTidakDikenal", "LaporanError", "Paparan", "Slide", "dari_store", "diam",
           "sebagian", "slide_fase", "slide_rapat", "susun"]
