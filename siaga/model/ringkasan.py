"""Ringkasan: where the region stands. Countdown, readiness score, running stages, the three
indicators, the items most in need of attention, and every kecamatan on a map and in a ranking.

:func:`susun` builds the whole screen (:class:`HalamanRingkasan`); the page, the big-screen
slides "Ringkasan" and "Kecamatan perlu perhatian" and the report render that one model.
Readiness comes from ``kesiapan_unit`` (the query every readiness figure uses). Numbers are
formatted here (server side); free text stays plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from siaga.inti import fmt
from siaga.inti.kontrak import LABEL_KEPARAHAN, PENANGGUNG_JAWAB_NETRALITAS
from siaga.model import grafik, level
from siaga.model import kesiapan as m_kesiapan
from siaga.model.komponen import Angka, Q, Tabel
from siaga.model.konteks import Konteks
from siaga.model.netralitas import LABEL_STATUS_KASUS

SEMUA_BARIS = 10_000        # "every item" for a query that takes a row limit
PERHATIAN_HALAMAN = 5       # items the page lists (the slide lists more, the model holds all)
KOLOM_PERHATIAN = ("Apa", "Di mana", "Sejak", "Tindak lanjut oleh")
KOSONG_PERHATIAN = ("Tidak ada tindak lanjut yang terlambat, logistik yang tertinggal, atau kasus yang berlarut "
                    "pada tanggal ini.")


def indikator(ind) -> tuple[Angka, Angka, Angka]:
    """The three indicators of a successful Pilkada from one ``indikator_utama`` row: turnout
    readiness, no conflict, public services undisturbed."""
    return (
        Angka("Partisipasi pemilih tinggi", fmt.persen(ind["persen_c_pemberitahuan"]),
              f"{fmt.angka(ind['c_pemberitahuan'])} dari {fmt.angka(ind['dpt'])} pemilih DPT di "
              f"{fmt.angka(ind['jumlah_tps'])} TPS sudah menerima C-Pemberitahuan.",
              "C-Pemberitahuan yang sudah sampai ke pemilih, dari jumlah DPT"),
        Angka("Tanpa konflik", f"{fmt.angka(ind['insiden_serius_terbuka'])} insiden serius",
              f"{fmt.angka(ind['insiden_konflik_terbuka'])} insiden konflik/keamanan terbuka · "
              f"{fmt.angka(ind['insiden_terbuka'])} insiden terbuka seluruhnya · "
              f"{fmt.angka(ind['insiden_terlambat'])} melewati batas waktu.",
              "Insiden berkeparahan tinggi yang belum selesai ditangani"),
        Angka("Pelayanan publik tanpa gangguan", f"{fmt.angka(ind['pelayanan_terbuka'])} gangguan",
              f"{fmt.angka(ind['netralitas_terbuka'])} kasus netralitas ASN masih berjalan · "
              f"{fmt.angka(ind['insiden_hari_ini'])} insiden baru dilaporkan hari ini.",
              "Insiden kelompok pelayanan publik yang belum selesai"),
    )


def keadaan_tahapan(r) -> str:
    """A running stage's state: ``hari ke-2, sampai 26 November 2024`` (``…, berakhir hari ini``)."""
    akhir = "berakhir hari ini" if r["sisa_hari"] == 0 else f"sampai {fmt.tanggal(r['selesai'])}"
    return f"hari ke-{fmt.angka(r['hari_ke'])}, {akhir}"


def tahapan_berjalan(tahap: pd.DataFrame) -> list[tuple[str, str]]:
    """(stage, state) of the stages running on the date (``tahapan`` query)."""
    return [(r["tahapan"], keadaan_tahapan(r)) for r in tahap[tahap["keadaan"] == "berjalan"].to_dict("records")]


def peringkat(kec: pd.DataFrame, pilih: str | None = None) -> pd.DataFrame:
    """Kecamatan ranking (least ready first) with the components behind each score; the score as a
    whole number rounded like every other score (:func:`siaga.inti.fmt.bulat`)."""
    rows = kec.to_dict("records")
    return pd.DataFrame({
        "#": [i if fmt.hilang(r["peringkat"]) else int(r["peringkat"]) for i, r in enumerate(rows, 1)],
        "Kecamatan": [("▶ " if r["kode"] == pilih else "") + r["nama"] for r in rows],
        "Skor": [fmt.bulat(r["skor"]) for r in rows],
        "Level": [level.label(r["level"]) for r in rows],
        "Logistik": [fmt.persen(r["skor_logistik"], 0) for r in rows],
        "TPS": [fmt.persen(r["skor_checklist"], 0) for r in rows],
        "Insiden": [fmt.angka(r["insiden_terbuka"]) for r in rows],
        "Netralitas": [fmt.angka(r["netralitas_terbuka"]) for r in rows],
        "Penyebab utama": [level.penyebab(r) for r in rows],
    })


def perhatian(df: pd.DataFrame, zona: str) -> pd.DataFrame:
    """The items most in need of attention as sentences: what, where, since when, who follows up."""
    rows = []
    for r in df.to_dict("records"):
        kec = r["nama_kecamatan"]
        jenis = r["jenis"]
        if jenis == "insiden":
            apa = (f"{r['kategori']} ({LABEL_KEPARAHAN.get(r['keparahan'], r['keparahan']).lower()}): tindak lanjut "
                   f"lewat batas waktu {fmt.angka(r['angka'])} hari")
            mana = f"Kel. {r['nama_kelurahan']}, Kec. {kec}" if isinstance(r["nama_kelurahan"], str) else f"Kec. {kec}"
            oleh = r["pic"] if isinstance(r["pic"], str) else "–"
            sejak = f"dilaporkan {fmt.waktu_pendek(r['sejak'], zona)}"
        elif jenis == "logistik":
            apa = f"Logistik belum lengkap di {fmt.angka(r['angka'])} dari {fmt.angka(r['dari'])} TPS"
            mana, oleh = f"Kec. {kec}", f"PPK dan PPS Kecamatan {kec}"
            sejak = f"penerimaan terakhir {fmt.waktu_pendek(r['sejak'], zona)}"
        elif jenis == "tps":
            apa = f"{fmt.angka(r['angka'])} TPS dilaporkan bermasalah (dari {fmt.angka(r['dari'])} TPS)"
            mana, oleh = f"Kec. {kec}", f"Camat {kec} dan lurah setempat"
            sejak = f"laporan pertama {fmt.waktu_pendek(r['sejak'], zona)}"
        else:
            tahap = LABEL_STATUS_KASUS.get(r["kategori"], r["kategori"])
            lama = (f"lewat batas waktu {fmt.angka(r['angka'])} hari" if r["terlambat"]
                    else f"berjalan {fmt.angka(r['angka'])} hari")
            apa = f"Kasus netralitas ASN {r['kode']} di tahap {tahap.lower()}, {lama}"
            mana = f"Kec. {kec}"
            oleh = PENANGGUNG_JAWAB_NETRALITAS.get(r["kategori"], "–")
            sejak = f"dilaporkan {fmt.tanggal(r['sejak'], pendek=True)}"
        rows.append({"Apa": apa, "Di mana": mana, "Sejak": sejak, "Tindak lanjut oleh": oleh})
    return pd.DataFrame(rows, columns=["Apa", "Di mana", "Sejak", "Tindak lanjut oleh"])



def angka_perhatian(df: pd.DataFrame) -> tuple[Angka, ...]:
    """How many items of each kind need attention (``perhatian_utama``, every item)."""
    per = {j: df[df["jenis"] == j] for j in ("insiden", "logistik", "tps", "netralitas")}
    return (
        Angka("Insiden lewat batas waktu", f"{fmt.angka(len(per['insiden']))} insiden",
              "tindak lanjutnya melewati batas waktu"),
        Angka("Logistik tertinggal", f"{fmt.angka(len(per['logistik']))} kecamatan",
              f"{fmt.angka(per['logistik']['angka'].sum())} TPS belum lengkap"),
        Angka("TPS bermasalah", f"{fmt.angka(per['tps']['angka'].sum())} TPS",
              f"di {fmt.angka(len(per['tps']))} kecamatan, menurut laporan terakhir"),
        Angka("Kasus netralitas berlarut", f"{fmt.angka(len(per['netralitas']))} kasus",
              "lewat batas waktu atau berjalan lama"),
    )


def legenda(ambang_siap: float, ambang_perhatian: float) -> str:
    """``Siap: skor ≥ 85 · Perlu perhatian: skor ≥ 70 · Rawan: di bawahnya``."""
    return " · ".join(f"{level.label(lv)}: skor ≥ {fmt.angka(v)}" for lv, v in
                      (("siap", ambang_siap), ("perlu_perhatian", ambang_perhatian))) + " · Rawan: di bawahnya"


@dataclass(frozen=True)
class HalamanRingkasan:
    """Everything the Ringkasan screen shows for one view, built once."""
    hitung_mundur: Angka
    skor: Angka                                 # the scope's readiness score and level
    tahapan: tuple[tuple[str, str], ...]        # running stages: (stage, state)
    tahapan_berikut: tuple[tuple[str, str], ...]    # the next stage: (stage, "mulai …")
    indikator: tuple[Angka, Angka, Angka]
    perhatian: Tabel                            # every item needing attention, most urgent first
    perhatian_angka: tuple[Angka, ...]          # how many of each kind
    kecamatan: pd.DataFrame                     # kesiapan_unit rows of the kecamatan, least ready first
    peringkat: pd.DataFrame                     # display table of :attr:`kecamatan`
    peta: pdk.Deck | None                       # the kecamatan coloured by level (None: no boundaries)
    legenda: str
    harian: go.Figure | None                    # the scope's score day by day against the path to H-1
    catatan_skor: str                           # one sentence on the score (slide)

    @property
    def perhatian_kosong(self) -> str:
        """The empty-state sentence, only when there is nothing to list."""
        return KOSONG_PERHATIAN if not self.perhatian.baris else ""


def susun(q: Q, k: Konteks) -> HalamanRingkasan:
    """Run the screen's queries through ``q`` and build every figure, table and sentence."""
    hari_h = k.wilayah.hari_pemungutan
    ind = q("indikator_utama", tanggal=k.tanggal, kecamatan=k.kecamatan).iloc[0]
    unit = q("kesiapan_unit", tanggal=k.tanggal, kecamatan=None)
    kec = unit[unit["tingkat"] == "kecamatan"]
    kec = kec[~kec["lingkup"].astype(bool)] if (~kec["lingkup"].astype(bool)).any() else kec
    sendiri = kec[kec["kode"] == k.kecamatan] if k.kecamatan else unit[unit["lingkup"].astype(bool)]
    r = sendiri.iloc[0].to_dict() if len(sendiri) else {}
    skor = r.get("skor")
    lv = r.get("level")
    ambang = k.wilayah.kesiapan
    tahap = q("tahapan", tanggal=k.tanggal)
    berikut = tahap[tahap["keadaan"] == "akan_datang"].sort_values("mulai").head(1)
    semua = q("perhatian_utama", tanggal=k.tanggal, kecamatan=k.kecamatan, jumlah=SEMUA_BARIS)
    harian = q("kesiapan_harian", tanggal=k.tanggal, kecamatan=k.kecamatan, kelurahan=None)
    batas = k.batas.get("kecamatan")
    return HalamanRingkasan(
        hitung_mundur=Angka("Hitung mundur", k.hitung_mundur, f"menuju pemungutan suara {fmt.hari_tanggal(hari_h)}",
                            f"Pemungutan suara {fmt.hari_tanggal(hari_h)}"),
        skor=Angka("Skor kesiapan", fmt.skor(skor), level.label(lv) if lv else "",
                   "Rata-rata skor kesiapan kecamatan (0–100), ditimbang jumlah pemilih DPT"),
        tahapan=tuple(tahapan_berjalan(tahap)),
        tahapan_berikut=tuple((b["tahapan"], f"mulai {fmt.tanggal(pd.Timestamp(b['mulai']).date())}")
                              for b in berikut.to_dict("records")),
        indikator=indikator(ind),
        perhatian=Tabel.dari(perhatian(semua, k.wilayah.zona_waktu), KOLOM_PERHATIAN, maks=None, satuan="hal"),
        perhatian_angka=angka_perhatian(semua),
        kecamatan=kec,
        peringkat=peringkat(kec, k.kecamatan),
        peta=grafik.peta_kesiapan(batas, kec, k.kecamatan) if batas is not None else None,
        legenda=legenda(ambang.ambang_siap, ambang.ambang_perhatian),
        harian=m_kesiapan.grafik_harian(harian, k.tanggal, k.wilayah.batas_logistik, ambang) if len(harian) else None,
        catatan_skor=(f"Skor kesiapan {k.nama_lingkup}: {fmt.skor(skor)} dari 100 ({level.label(lv).lower()}). "
                      "Garis putus-putus: jalur menuju skor 100 pada batas logistik H-1 "
                      f"({fmt.tanggal(k.wilayah.batas_logistik)})." if lv else ""),
    )
