"""The daily report as a slide model: what each slide says, whatever draws it.

:func:`susun` runs the named queries through the store and the view builders of
:mod:`siaga.tampilan` (the same ones the pages use) and returns a :class:`Laporan`: the scope,
the "data per" stamp, the countdown and six :class:`Slide` — a short title, 2–4 key figures,
one visual (a plotly figure or a readiness :class:`Peta`) and/or a small :class:`Tabel`, every
value already formatted in Indonesian. The renderers (PDF, PNG, PPTX, and the live big screen)
only lay it out.

No Streamlit call is made here (the view modules are used for their pure builders only). No
personal data: the store never loads ``netralitas_pribadi.csv``, and the neutrality slide lists
case facts only.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from siaga.akses import Lingkup
from siaga.data.geo import Batas
from siaga.data.store import Store
from siaga.inti import fmt
from siaga.inti.config import Wilayah
from siaga.model import insiden as t_insiden
from siaga.model import kesiapan as t_kesiapan
from siaga.model import level, lingkup
from siaga.model import logistik as t_logistik
from siaga.model import netralitas as t_netralitas
from siaga.model import ringkasan as t_ringkasan

Kabar = Callable[[float, str], None]
"""Progress: (fraction done 0..1, what is being done, in Indonesian)."""

MAKS_BARIS = 10             # rows a slide table lists (the rest is counted in its note)
SEMUA = 10_000              # "every item" for queries that take a row limit
JAM_INSIDEN = 24            # the incident slide covers the last 24 hours


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
class Angka:
    label: str
    nilai: str
    keterangan: str = ""


@dataclass(frozen=True)
class Tabel:
    """Display strings, most important row first; ``warna`` holds a background colour per cell
    (or None), rows like ``baris``. ``jumlah`` counts the rows of the source when only the first
    ones are kept (so a renderer can say "10 teratas dari 23 kasus")."""
    kolom: tuple[str, ...]
    baris: tuple[tuple[str, ...], ...]
    warna: tuple[tuple[str | None, ...], ...] = ()
    ringkas: tuple[str, ...] = ()        # the columns to show where room is short (slides); () = all
    jumlah: int = 0
    satuan: str = "baris"                # what a row is: kecamatan, insiden, kasus…

    @property
    def seluruhnya(self) -> int:
        return max(self.jumlah, len(self.baris))

    def catatan(self, tampil: int | None = None) -> str:
        """What is left out when ``tampil`` rows (all kept rows by default) are shown."""
        n = len(self.baris) if tampil is None else tampil
        return f"{fmt.angka(n)} teratas dari {fmt.angka(self.seluruhnya)} {self.satuan}." if n < self.seluruhnya else ""

    def pilih(self, kolom: Sequence[str]) -> Tabel:
        idx = [self.kolom.index(c) for c in kolom]
        warna = tuple(tuple(w[i] for i in idx) for w in self.warna)
        return replace(self, kolom=tuple(kolom), baris=tuple(tuple(b[i] for i in idx) for b in self.baris),
                       warna=warna)

    def untuk_slide(self, maks: int | None = MAKS_BARIS) -> Tabel:
        """The short form: the ``ringkas`` columns and at most ``maks`` rows (None: every row)."""
        t = self.pilih(self.ringkas) if self.ringkas else self
        if maks is None or len(t.baris) <= maks:
            return t
        return replace(t, baris=t.baris[:maks], warna=t.warna[:maks], jumlah=t.seluruhnya)


@dataclass(frozen=True)
class Peta:
    """The readiness choropleth: one row per unit with its level colour and label point."""
    wilayah: gpd.GeoDataFrame          # kode, nama, skor (formatted), level, warna, lon, lat, geometry (WGS84)
    tingkat: str                       # kecamatan | kelurahan
    legenda: tuple[tuple[str, str], ...]   # (label, colour), most ready first
    perkiraan: bool                    # boundaries are approximate (say so under the map)

    def geojson(self) -> dict:
        return self.wilayah.to_geo_dict(drop_id=True, show_bbox=False)


@dataclass(frozen=True)
class Slide:
    kode: str
    judul: str
    angka: tuple[Angka, ...]
    grafik: go.Figure | None = None
    peta: Peta | None = None
    tabel: Tabel | None = None
    judul_tabel: str = ""
    catatan: str = ""                  # one or two sentences under the visual
    kosong: str = ""                   # said instead of a visual when there is nothing to draw


@dataclass(frozen=True)
class Laporan:
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


# ------------------------------------------------------------------ building it

@dataclass(frozen=True)
class _Konteks:
    q: Callable[..., pd.DataFrame]
    wilayah: Wilayah
    batas: dict[str, Batas]
    tanggal: dt.date
    kecamatan: str | None
    nama_kecamatan: str | None
    nama_lingkup: str
    rentang: lingkup.Rentang

    @property
    def saat(self) -> dt.datetime:
        return self.rentang.saat(self.tanggal)

    @property
    def unit(self) -> str:
        """The units one level down: kecamatan of the region, or kelurahan of the kecamatan."""
        return "kelurahan" if self.kecamatan else "kecamatan"

    @property
    def cakupan(self) -> dict:
        return {"tanggal": self.tanggal, "kecamatan": self.kecamatan}


def _tabel(df: pd.DataFrame, kolom: Sequence[str], ringkas: Sequence[str] = (), warna: dict[str, list] | None = None,
           maks: int | None = MAKS_BARIS, satuan: str = "baris", jumlah: int = 0) -> Tabel:
    """Display strings of ``df[kolom]``, the first ``maks`` rows (``warna``: column -> background
    colour per row; ``jumlah``: the source's rows when ``df`` is already cut)."""
    n = max(len(df), jumlah)
    if maks is not None:
        df = df.head(maks)
    baris = tuple(tuple(fmt.KOSONG if fmt._missing(v) else str(v) for v in r) for r in df[list(kolom)].itertuples(
        index=False, name=None))
    warna = warna or {}
    sel = tuple(tuple(warna[c][i] if c in warna else None for c in kolom) for i in range(len(baris)))
    return Tabel(tuple(kolom), baris, sel, tuple(ringkas), n, satuan)


def _slide_ringkasan(k: _Konteks) -> Slide:
    ind = k.q("indikator_utama", **k.cakupan).iloc[0]
    hari_h = k.wilayah.hari_pemungutan
    angka = [Angka("Hitung mundur", fmt.hitung_mundur(k.tanggal, hari_h), f"menuju pemungutan suara "
                   f"{fmt.hari_tanggal(hari_h)}")]
    angka += [Angka(i.label, i.nilai, i.keterangan) for i in t_ringkasan.indikator(ind)]
    tahap = k.q("tahapan", tanggal=k.tanggal)
    baris = t_ringkasan.tahapan_berjalan(tahap)
    berikut = tahap[tahap["keadaan"] == "akan_datang"].sort_values("mulai").head(1)
    baris += [(r["tahapan"], f"mulai {fmt.tanggal(pd.Timestamp(r['mulai']).date())}") for r in berikut.to_dict("records")]
    tabel = _tabel(pd.DataFrame(baris, columns=["Tahapan", "Keadaan"]), ["Tahapan", "Keadaan"]) if baris else None
    harian = k.q("kesiapan_harian", **k.cakupan, kelurahan=None)
    skor = ind["skor_kesiapan"]
    lv = t_kesiapan.level_dari_skor(skor, k.wilayah.kesiapan)
    return Slide(
        "ringkasan", "Ringkasan", tuple(angka),
        grafik=t_kesiapan.grafik_harian(harian, k.tanggal, k.wilayah.batas_logistik, k.wilayah.kesiapan)
        if len(harian) else None,
        tabel=tabel, judul_tabel="Tahapan berjalan dan berikutnya",
        catatan=(f"Skor kesiapan {k.nama_lingkup}: {fmt.skor(skor)} dari 100 ({level.label(lv).lower()}). "
                 "Garis putus-putus: jalur menuju skor 100 pada batas logistik H-1 "
                 f"({fmt.tanggal(k.wilayah.batas_logistik)})." if lv else ""),
        kosong=f"Belum ada data kesiapan sampai {fmt.tanggal(k.tanggal)}.")


def _legenda(k: _Konteks, tanpa_data: bool) -> tuple[tuple[str, str], ...]:
    a = k.wilayah.kesiapan
    teks = {"siap": f"skor ≥ {fmt.angka(a.ambang_siap)}", "perlu_perhatian": f"skor ≥ {fmt.angka(a.ambang_perhatian)}",
            "rawan": f"skor < {fmt.angka(a.ambang_perhatian)}"}
    out = tuple((f"{level.label(lv)} ({teks[lv]})", level.warna(lv)) for lv in reversed(level.URUTAN_LEVEL))
    return out + ((level.NO_DATA,) if tanpa_data else ())


def peta_kesiapan(k: _Konteks, anak: pd.DataFrame) -> Peta | None:
    """The units of the scope on their boundaries (the kelurahan of a kecamatan), by level."""
    batas = k.batas.get(k.unit)
    if batas is None:
        return None
    gdf = batas.gdf.merge(anak[["kode", "nama", "skor", "level"]], on="kode", how="inner")
    if gdf.empty:
        return None
    pusat = Batas(batas.tingkat, gdf[["kode", "geometry"]], batas.bounds).pusat()
    gdf = gdf.merge(pusat, on="kode")
    gdf["skor"] = [fmt.skor(s) for s in gdf["skor"]]
    gdf["warna"] = [level.warna(lv) for lv in gdf["level"]]
    gdf = gpd.GeoDataFrame(gdf[["kode", "nama", "skor", "level", "warna", "lon", "lat", "geometry"]],
                           geometry="geometry", crs=batas.gdf.crs)
    return Peta(gdf, k.unit, _legenda(k, bool(gdf["level"].isna().any())), k.wilayah.batas_perkiraan)


def _slide_kesiapan(k: _Konteks) -> Slide:
    unit = k.q("kesiapan_unit", **k.cakupan)
    r = t_kesiapan.baris_lingkup(unit, None) or {}
    anak = unit[~unit["lingkup"].astype(bool)]
    a = k.wilayah.kesiapan
    ket = {"siap": f"skor ≥ {fmt.angka(a.ambang_siap)}",
           "perlu_perhatian": f"skor {fmt.angka(a.ambang_perhatian)} sampai di bawah {fmt.angka(a.ambang_siap)}",
           "rawan": f"skor di bawah {fmt.angka(a.ambang_perhatian)}"}
    angka = [Angka("Skor kesiapan", fmt.skor(r.get("skor")), level.label(r.get("level")))]
    angka += [Angka(level.label(lv), f"{fmt.angka((anak['level'] == lv).sum())} {k.unit}", ket[lv])
              for lv in level.URUTAN_LEVEL]
    tabel = t_kesiapan.tabel_unit(unit)
    nama = tabel.columns[1]
    tabel["Skor"] = [fmt.skor(s) for s in anak["skor"]]
    kolom = ["#", nama, "Skor", "Level", "Logistik", "Checklist", "Insiden", "Netralitas", "Penyebab utama"]
    peta = peta_kesiapan(k, anak)
    return Slide(
        "kesiapan", f"Kesiapan per {k.unit}", tuple(angka), peta=peta,
        tabel=_tabel(tabel, kolom, ringkas=("#", nama, "Skor", "Level"), maks=None, satuan=k.unit,
                     warna={"Level": [level.warna(lv) for lv in anak["level"]]}),
        judul_tabel=f"Peringkat kesiapan per {k.unit} (1 = paling belum siap)",
        catatan=t_kesiapan.ambang(a),
        kosong="Batas wilayah belum tersedia, peta tidak dapat ditampilkan.")


def _slide_logistik(k: _Konteks) -> Slide:
    judul = "Logistik"
    ringkas = k.q("logistik_ringkas", **k.cakupan).iloc[0]
    if ringkas["tanda_terima"] == 0:
        return Slide("logistik", judul, (), kosong=t_logistik.kalimat_belum_ada(k.tanggal, ringkas["pertama"]))
    batas = k.wilayah.batas_logistik
    angka = [Angka(*a) for a in t_logistik.angka_kunci(ringkas, k.nama_lingkup, k.kecamatan is not None)]
    angka.append(Angka("Menuju batas logistik (H-1)", *t_logistik.sisa_hari(k.tanggal, batas)))
    laju = t_logistik.proyeksikan(k.q("logistik_laju", **k.cakupan, batas=batas), k.tanggal, batas)
    proyeksi = t_logistik.tabel_proyeksi(laju, batas)
    risiko = proyeksi[proyeksi["Status"] == t_logistik.STATUS["berisiko"][0]] if len(proyeksi) else proyeksi
    nama = k.unit.capitalize()
    return Slide(
        "logistik", judul, tuple(angka),
        grafik=t_logistik.grafik_tahap(k.q("logistik_tahap", **k.cakupan), k.nama_kecamatan),
        tabel=_tabel(risiko, [nama, "Perkiraan lengkap", "Keterangan", "Kemajuan"], satuan=k.unit,
                     ringkas=(nama, "Perkiraan lengkap", "Kemajuan")) if len(risiko) else None,
        judul_tabel=f"{nama} berisiko tidak lengkap pada H-1",
        catatan=t_logistik.kalimat_proyeksi(laju, k.nama_lingkup, batas))


def _slide_insiden(k: _Konteks) -> Slide:
    zona = k.wilayah.zona_waktu
    mulai = k.saat - dt.timedelta(hours=JAM_INSIDEN)
    jendela = {**k.cakupan, "kelurahan": None, "mulai": mulai}
    r = k.q("insiden_ringkas", **jendela, hari_tempo=t_insiden.HARI_TEMPO).iloc[0]
    angka = [Angka(label, nilai, bantuan) for label, nilai, bantuan in t_insiden.metrik(r, "24jam")[:4]]
    harian = k.q("insiden_harian", **jendela)
    tindak = k.q("insiden_tindak_lanjut", **k.cakupan, kelurahan=None, hari_tempo=t_insiden.HARI_TEMPO)
    tindak = tindak[tindak["terlambat"].astype(bool)]
    tabel = t_insiden.tabel_tindak_lanjut(tindak, k.saat, zona)
    return Slide(
        "insiden", "Insiden 24 jam terakhir", tuple(angka),
        grafik=t_insiden.grafik_kategori(harian) if len(harian) else None,
        tabel=_tabel(tabel, ["Batas waktu", "No.", "Kategori", "Tempat", "PIC"], satuan="insiden",
                     ringkas=("Batas waktu", "Kategori", "Tempat")) if len(tabel) else None,
        judul_tabel="Tindak lanjut lewat batas waktu (kapan pun dilaporkan)",
        catatan=t_insiden.kalimat_jendela("24jam", mulai, k.saat, k.rentang.awal, zona) + " "
        + t_insiden.kalimat_keadaan(r, fmt.waktu(k.saat, zona)),
        kosong=t_insiden.kosong_jendela(k.nama_lingkup, "24jam", k.tanggal))


def _slide_netralitas(k: _Konteks) -> Slide:
    batas_lapor = {"batas_lapor": t_netralitas.BATAS_LAPOR_HARI}
    r = k.q("netralitas_ringkas", **k.cakupan, **batas_lapor).iloc[0]
    semua = t_netralitas.angka_kunci(r)
    angka = tuple(Angka(a.label, a.nilai, a.bantuan) for a in (semua[0], semua[1], semua[2], semua[4]))
    kosong = f"Belum ada kasus netralitas ASN yang tercatat {t_netralitas.lingkup_kalimat(k.nama_lingkup, k.tanggal)}."
    if r["jumlah_kasus"] == 0:
        return Slide("netralitas", "Netralitas ASN", angka, kosong=kosong)
    terbuka = t_netralitas.tabel_terbuka(k.q("netralitas_terbuka", **k.cakupan, **batas_lapor))
    return Slide(
        "netralitas", "Netralitas ASN", angka, grafik=t_netralitas.grafik_alur(k.q("netralitas_alur", **k.cakupan)),
        tabel=_tabel(terbuka, ["Nomor kasus", "Tahap", "Tenggat", "Kecamatan", "Jenis pelanggaran"], satuan="kasus",
                     ringkas=("Nomor kasus", "Tahap", "Tenggat")) if len(terbuka) else None,
        judul_tabel="Kasus berjalan, yang paling lama lewat batas waktu di atas",
        catatan=t_netralitas.keterangan_angka(r) + " Identitas ASN terlapor dan pelapor tidak dimuat dalam laporan ini.",
        kosong=kosong)


def _slide_perhatian(k: _Konteks) -> Slide:
    df = k.q("perhatian_utama", **k.cakupan, jumlah=SEMUA)
    per = {j: df[df["jenis"] == j] for j in ("insiden", "logistik", "tps", "netralitas")}
    angka = (
        Angka("Insiden lewat batas waktu", f"{fmt.angka(len(per['insiden']))} insiden",
              "tindak lanjutnya melewati batas waktu"),
        Angka("Logistik tertinggal", f"{fmt.angka(len(per['logistik']))} kecamatan",
              f"{fmt.angka(per['logistik']['angka'].sum())} TPS belum lengkap"),
        Angka("TPS bermasalah", f"{fmt.angka(per['tps']['angka'].sum())} TPS",
              f"di {fmt.angka(len(per['tps']))} kecamatan, menurut laporan terakhir"),
        Angka("Kasus netralitas berlarut", f"{fmt.angka(len(per['netralitas']))} kasus",
              "lewat batas waktu atau berjalan lama"),
    )
    tabel = t_ringkasan.perhatian(df.head(MAKS_BARIS), k.wilayah.zona_waktu)
    t = _tabel(tabel, ["Apa", "Di mana", "Sejak", "Tindak lanjut oleh"], satuan="hal", jumlah=len(df))
    return Slide(
        "perhatian", "Kecamatan perlu perhatian", angka, tabel=t if len(tabel) else None,
        judul_tabel="Yang paling perlu perhatian: apa, di mana, sejak kapan, siapa menindaklanjuti",
        kosong="Tidak ada tindak lanjut yang terlambat, logistik yang tertinggal, atau kasus yang berlarut pada "
               "tanggal ini.")


SLIDES: tuple[tuple[str, Callable[[_Konteks], Slide]], ...] = (
    ("ringkasan", _slide_ringkasan), ("kesiapan", _slide_kesiapan), ("logistik", _slide_logistik),
    ("insiden", _slide_insiden), ("netralitas", _slide_netralitas), ("perhatian", _slide_perhatian),
)


def nama_kecamatan(store: Store, lk: Lingkup | None = None) -> dict[str, str]:
    """Kecamatan code -> name, in code order."""
    d = store.query("daftar_wilayah", lingkup=lk)
    d = d[d["tingkat"] == "kecamatan"]
    return dict(zip(d["kode"], d["nama"]))


def rentang(store: Store) -> lingkup.Rentang:
    return lingkup.Rentang.dari_baris(store.query("rentang_data").iloc[0])


def susun(store: Store, tanggal: dt.date, kecamatan: str | None = None, kabar: Kabar = diam,
          lk: Lingkup | None = None) -> Laporan:
    """The report of the region (or of one kecamatan, by Kemendagri code) as of ``tanggal``. With
    a scope ``lk`` every query runs in it: a camat's report is of their kecamatan, whatever asked."""
    wil = store.wilayah
    if lk is not None and lk.kecamatan:
        kecamatan = lk.kecamatan
    nama_kec = nama_kecamatan(store, lk)
    if kecamatan is not None and kecamatan not in nama_kec:
        raise KecamatanTidakDikenal(f"Kecamatan dengan kode {kecamatan!r} tidak ada di daftar wilayah {wil.nama}. "
                                    f"Kode yang ada: {', '.join(nama_kec)}.")
    nama = nama_kec.get(kecamatan or "")
    k = _Konteks(q=functools.partial(store.query, lingkup=lk), wilayah=wil, batas=store.snapshot.batas, tanggal=tanggal, kecamatan=kecamatan,
                 nama_kecamatan=nama, nama_lingkup=lingkup.nama_lingkup(wil.nama, nama), rentang=rentang(store))
    slides = []
    for i, (kode, buat) in enumerate(SLIDES):
        kabar(i / len(SLIDES), f"Menghitung isi laporan ({i + 1} dari {len(SLIDES)})")
        slides.append(buat(k))
    kabar(1.0, "Isi laporan selesai dihitung")
    return Laporan(
        wilayah=wil.nama, lingkup=k.nama_lingkup, kode=kecamatan or wil.kode, tanggal=tanggal, saat=k.saat,
        data_per=f"Data per {fmt.waktu(k.saat, wil.zona_waktu)}", hitung_mundur=fmt.hitung_mundur(tanggal, wil.hari_pemungutan),
        hari_pemungutan=fmt.hari_tanggal(wil.hari_pemungutan),
        sumber="Siaga Pilkada · data simulasi" if wil.simulasi else "Siaga Pilkada", slides=tuple(slides))
