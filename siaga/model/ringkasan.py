"""Ringkasan: where the region stands. Countdown, readiness score, running stages, the three
indicators, the items most in need of attention, and every kecamatan on a map and in a ranking.

:func:`susun` builds the whole screen (:class:`HalamanRingkasan`); the page, the big-screen
slides "Ringkasan" and "Kecamatan perlu perhatian" and the report render that one model.
Readiness comes from ``kesiapan_unit`` (the query every readiness figure uses). Numbers are
formatted here (server side); free text stays plain text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from siaga.akses import RINCIAN
from siaga.inti import fmt
from siaga.inti.kontrak import LABEL_KEPARAHAN, PENANGGUNG_JAWAB_NETRALITAS
from siaga.model import fase as m_fase
from siaga.model import grafik, jadwal, level, perubahan, tugas
from siaga.model import kesiapan as m_kesiapan
from siaga.model import pemungutan as m_pemungutan
from siaga.model import rapat as m_rapat
from siaga.model.komponen import Angka, Q, Tabel
from siaga.model.konteks import Konteks
from siaga.model.netralitas import BATAS_LAPOR_HARI, LABEL_STATUS_KASUS

SEMUA_BARIS = 10_000        # "every item" for a query that takes a row limit
PERHATIAN_HALAMAN = 5       # items the page lists (the slide lists more, the model holds all)
KOLOM_PERHATIAN = ("Apa", "Di mana", "Sejak", "Tindak lanjut oleh")
KOSONG_PERHATIAN = ("Tidak ada tindak lanjut yang terlambat, logistik yang tertinggal, atau kasus yang berlarut "
                    "pada tanggal ini.")


BANTUAN_C = ("Bukan angka partisipasi: bagian pemilih DPT yang sudah menerima C-Pemberitahuan (pemberitahuan "
             "memilih) menurut laporan TPS. Partisipasi dihitung dari laporan kehadiran pemilih pada hari H.")
BANTUAN_PARTISIPASI = ("Pemilih yang datang memberikan suara (DPT, DPTb dan DPK) dibanding jumlah pemilih DPT, menurut "
                       "laporan kehadiran dari TPS.")
BANTUAN_KONFLIK = ("Insiden kelompok konflik, keamanan dan SARA (menurut kelompok di kategori_insiden.csv) yang belum "
                   "selesai ditangani. Insiden serius jenis lain (politik uang, banjir, logistik…) ada di halaman "
                   "Insiden.")
BANTUAN_LAYANAN = ("Unit pelayanan publik (kantor kelurahan/kecamatan, Dukcapil, puskesmas/RSUD, listrik, air bersih, "
                   "lalu lintas) yang berjalan normal, dari unit yang melapor dalam 24 jam terakhir (layanan.csv), "
                   "ditambah insiden kelompok pelayanan publik yang belum selesai.")
JAM_LAPOR_LAYANAN = 24


def _acuan(k: Konteks) -> str:
    """``target 80% · Pilkada sebelumnya 70%`` from the config (empty when not set)."""
    p = k.wilayah.partisipasi
    bagian = []
    if p.target is not None:
        bagian.append(f"target partisipasi {fmt.persen(p.target)}")
    if p.acuan is not None:
        bagian.append(f"{p.label_acuan or 'pemilihan sebelumnya'} {fmt.persen(p.acuan)}")
    return " · ".join(bagian)


def partisipasi(ind, k: Konteks, hadir: tuple[int, int] | None = None) -> Angka:
    """Before voting day: the share of voters who received their C-Pemberitahuan, labelled as what it
    is. From voting day on: turnout from the TPS attendance reports ``hadir`` (attending, DPT of the
    TPS; none yet: said so)."""
    acuan = _acuan(k)
    if k.tanggal >= k.wilayah.hari_pemungutan and hadir is not None and hadir[0] > 0:
        return Angka("Partisipasi pemilih", fmt.persen(100.0 * hadir[0] / hadir[1] if hadir[1] else 0.0),
                     f"{fmt.angka(hadir[0])} pemilih hadir dari {fmt.angka(hadir[1])} DPT menurut laporan kehadiran "
                     "TPS" + (f" · {acuan}" if acuan else "") + ".", BANTUAN_PARTISIPASI)
    if k.tanggal < k.wilayah.hari_pemungutan:
        ket = (f"C-Pemberitahuan tersampaikan ke {fmt.angka(ind['c_pemberitahuan'])} dari {fmt.angka(ind['dpt'])} "
               f"pemilih DPT di {fmt.angka(ind['jumlah_tps'])} TPS")
        return Angka("Kesiapan partisipasi", fmt.persen(ind["persen_c_pemberitahuan"]),
                     ket + (f" · {acuan}" if acuan else "") + ".", BANTUAN_C)
    return Angka("Partisipasi pemilih", fmt.KOSONG,
                 "Belum ada laporan kehadiran pemilih dari TPS."
                 + (f" {acuan[0].upper()}{acuan[1:]}." if acuan else ""),
                 BANTUAN_PARTISIPASI)


def tanpa_konflik(ind) -> Angka:
    """Open incidents of the conflict group (conflict, security, SARA) only."""
    n = int(ind["insiden_konflik_terbuka"])
    if "konflik_serius_terbuka" not in ind:          # the province/national summary has the count only
        return Angka("Tanpa konflik", "Tidak ada insiden terbuka" if n == 0 else f"{fmt.angka(n)} insiden terbuka",
                     "konflik, keamanan, SARA.", BANTUAN_KONFLIK)
    ket = (f"{fmt.angka(ind['konflik_serius_terbuka'])} serius · {fmt.angka(ind['konflik_hari_ini'])} baru "
           f"dilaporkan hari ini (konflik, keamanan, SARA)")
    if int(ind["serius_lain_terbuka"]):
        ket += f". Insiden serius jenis lain: {fmt.angka(ind['serius_lain_terbuka'])}, di halaman Insiden"
    return Angka("Tanpa konflik", "Tidak ada insiden terbuka" if n == 0 else f"{fmt.angka(n)} insiden terbuka",
                 ket + ".", BANTUAN_KONFLIK)


def pelayanan(ind, lay) -> Angka:
    """Public-service units working normally out of those that reported, and open service incidents."""
    insiden = f"{fmt.angka(ind['pelayanan_terbuka'])} insiden gangguan pelayanan terbuka"
    if lay is None or not int(lay["unit"]):
        return Angka("Pelayanan publik tanpa gangguan", f"{fmt.angka(ind['pelayanan_terbuka'])} gangguan",
                     f"{insiden}; belum ada laporan status unit pelayanan (layanan.csv).", BANTUAN_LAYANAN)
    bagian = [f"{fmt.angka(lay['terganggu'])} terganggu", f"{fmt.angka(lay['berhenti'])} berhenti"]
    if int(lay["tidak_melapor"]):
        bagian.append(f"{fmt.angka(lay['tidak_melapor'])} belum melapor {JAM_LAPOR_LAYANAN} jam terakhir")
    return Angka("Pelayanan publik tanpa gangguan",
                 f"{fmt.angka(lay['normal'])} dari {fmt.angka(lay['melapor'])} unit normal",
                 " · ".join(bagian) + f" · {insiden}.", BANTUAN_LAYANAN)


def indikator(ind, lay, k: Konteks, hadir: tuple[int, int] | None = None) -> tuple[Angka, Angka, Angka]:
    """The three indicators the Pj Wali Kota named, each measuring what its name says: turnout (or,
    before voting day, its readiness), no conflict, public services undisturbed. ``lay``: None where no
    unit log is summarised; ``hadir``: voting-day attendance and DPT (None before voting day)."""
    return partisipasi(ind, k, hadir), tanpa_konflik(ind), pelayanan(ind, lay)


def kehadiran(q: Q, k: Konteks) -> tuple[int, int] | None:
    """Voters attending and the DPT of the region's voting day as of the view (None before voting day)."""
    if k.tanggal < k.wilayah.hari_pemungutan:
        return None
    kec = q("pemungutan_kecamatan", sampai=k.saat, hari=k.wilayah.hari_pemungutan, ulang=None,
            kecamatan=k.kecamatan)
    return int(kec["hadir"].sum()), int(kec["dpt"].sum())


def situasi_fase(k: Konteks, f: m_pemungutan.HalamanFase) -> tuple[str, ...] | None:
    """On voting day and after, the three sentences say where the voting or the rekapitulasi stands."""
    if f.hari is not None:
        h = f.hari
        buka, hadir, hitung, _ = h.angka
        judul = h.judul[:1].lower() + h.judul[1:]               # "hari pemungutan suara Rabu, 27 November 2024"
        satu = (f"{k.nama_lingkup}, {judul}: TPS dibuka {buka.nilai} ({buka.keterangan}); "
                f"penghitungan {hitung.nilai}.")
        dua = f"Partisipasi sejauh ini {hadir.nilai}: {hadir.keterangan}"
        tiga = h.kalimat_perlu(3)
        return satu, dua, tiga
    if f.rekap is not None:
        r = f.rekap
        dua = "; ".join(f"{tahap}: {keadaan}" for tahap, keadaan in r.status) + "."
        tiga = (f"{f.ulang.hitung_mundur.label}: {f.ulang.hitung_mundur.nilai.lower()}, "
                f"{f.ulang.hitung_mundur.keterangan}." if f.ulang is not None
                else "Insiden dan kasus netralitas ASN tetap dipantau seperti sebelumnya.")
        return r.kalimat, dua, tiga
    return None


def layanan(q: Q, k: Konteks):
    """The ``layanan_ringkas`` row of the view: units reporting in the last 24 hours up to the as-of moment."""
    return q("layanan_ringkas", sampai=k.saat, mulai=k.saat - dt.timedelta(hours=JAM_LAPOR_LAYANAN),
             kecamatan=k.kecamatan).iloc[0]


def keadaan_tahapan(r) -> str:
    """A running stage's state: ``hari ke-2, sampai 26 November 2024`` (``…, berakhir hari ini``)."""
    akhir = "berakhir hari ini" if r["sisa_hari"] == 0 else f"sampai {fmt.tanggal(r['selesai'])}"
    return f"hari ke-{fmt.angka(r['hari_ke'])}, {akhir}"


def tahapan_berjalan(tahap: pd.DataFrame) -> list[tuple[str, str]]:
    """(stage, state) of the stages running on the date (``tahapan`` query)."""
    return [(r["tahapan"], keadaan_tahapan(r)) for r in tahap[tahap["keadaan"] == "berjalan"].to_dict("records")]


def perhatian(df: pd.DataFrame, zona: str, unit: Callable[[str], str] = str) -> pd.DataFrame:
    """The items most in need of attention as sentences: what, where, since when, who follows up
    (``unit`` names a task's owner unit)."""
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
            apa = (f"Logistik di belakang rencana KPU: belum lengkap di {fmt.angka(r['angka'])} dari "
                   f"{fmt.angka(r['dari'])} TPS")
            mana, oleh = f"Kec. {kec}", f"PPK dan PPS Kecamatan {kec}"
            sejak = f"penerimaan terakhir {fmt.waktu_pendek(r['sejak'], zona)}"
        elif jenis == "tps":
            apa = f"{fmt.angka(r['angka'])} TPS dilaporkan bermasalah (dari {fmt.angka(r['dari'])} TPS)"
            mana, oleh = f"Kec. {kec}", f"Camat {kec} dan lurah setempat"
            sejak = f"laporan pertama {fmt.waktu_pendek(r['sejak'], zona)}"
        elif jenis == "tugas":
            apa = f"Tugas {r['kode']}: {r['kategori']}, lewat batas waktu"
            apa += f" {fmt.angka(r['angka'])} hari" if r["angka"] else ""
            if isinstance(r["nama_kelurahan"], str):
                mana = f"Kel. {r['nama_kelurahan']}, Kec. {kec}"
            else:
                mana = f"Kec. {kec}" if isinstance(kec, str) else "Seluruh daerah"
            oleh = unit(r["pic"]) if isinstance(r["pic"], str) else "–"
            sejak = f"batas waktu {fmt.waktu_pendek(r['sejak'], zona)}"
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
    # one pass over the items: how many of each kind, and the sum of their figures
    n = {j: 0 for j in ("insiden", "logistik", "tps", "netralitas", "tugas")}
    jumlah = dict.fromkeys(n, 0)
    for j, a in zip(df["jenis"].tolist(), df["angka"].tolist(), strict=True):
        if j in n:
            n[j] += 1
            jumlah[j] += 0 if fmt.hilang(a) else a
    return (
        Angka("Insiden lewat batas waktu", f"{fmt.angka(n['insiden'])} insiden",
              "tindak lanjutnya melewati batas waktu"),
        Angka("Logistik di belakang rencana", f"{fmt.angka(n['logistik'])} kecamatan",
              f"{fmt.angka(jumlah['logistik'])} TPS belum lengkap"),
        Angka("TPS bermasalah", f"{fmt.angka(jumlah['tps'])} TPS",
              f"di {fmt.angka(n['tps'])} kecamatan, menurut laporan terakhir"),
        Angka("Kasus netralitas berlarut", f"{fmt.angka(n['netralitas'])} kasus",
              "lewat batas waktu atau berjalan lama"),
        Angka("Tugas lewat batas waktu", f"{fmt.angka(n['tugas'])} tugas",
              "tindak lanjut yang ditugaskan desk dan belum selesai"),
    )


@dataclass(frozen=True)
class HalamanRingkasan:
    """Everything the Ringkasan screen shows for one view, built once."""
    hitung_mundur: Angka
    skor: Angka                                 # the scope's readiness score, level and place on the KPU plan
    netralitas: Angka                           # ASN neutrality: an indicator of its own
    tahapan: tuple[tuple[str, str], ...]        # running stages: (stage, state)
    tahapan_berikut: tuple[tuple[str, str], ...]    # the next stage: (stage, "mulai …")
    indikator: tuple[Angka, Angka, Angka]
    situasi: tuple[str, ...]                    # three sentences: where the region stands, who lags and why, today
    perhatian: Tabel                            # every item needing attention, most urgent first
    perhatian_angka: tuple[Angka, ...]          # how many of each kind
    kecamatan: pd.DataFrame                     # kesiapan_unit rows of the kecamatan, least ready first
    peringkat: pd.DataFrame                     # display table of :attr:`kecamatan`
    peta: pdk.Deck | None                       # the kecamatan coloured by level (None: no boundaries)
    legenda: str
    harian: go.Figure | None                    # the scope's score day by day against the KPU plan
    catatan_skor: str                           # one sentence on the score (slide)
    perubahan: perubahan.Perubahan              # what changed since yesterday or the last meeting
    fase: m_pemungutan.HalamanFase | None = None    # voting day, rekapitulasi, re-vote (None: before voting day)
    rapat: m_rapat.TindakLanjutRapat | None = None  # the decisions of the meetings and their follow-up

    @property
    def perhatian_kosong(self) -> str:
        """The empty-state sentence, only when there is nothing to list."""
        return KOSONG_PERHATIAN if not self.perhatian.baris else ""


def peringkat(kec: pd.DataFrame, pilih: str | None, tanggal: dt.date, rencana: jadwal.Rencana,
              ambang_siap: float) -> pd.DataFrame:
    """Kecamatan ranking (least ready first): score rounded like every other score
    (:func:`siaga.inti.fmt.bulat`), level, place on the KPU plan, components and the causes."""
    rows = kec.to_dict("records")
    posisi = [jadwal.posisi(r["skor"], tanggal, rencana, ambang_siap) for r in rows]
    return pd.DataFrame({
        "#": [i if fmt.hilang(r["peringkat"]) else int(r["peringkat"]) for i, r in enumerate(rows, 1)],
        "Kecamatan": [("▶ " if r["kode"] == pilih else "") + r["nama"] for r in rows],
        "Skor": [fmt.bulat(r["skor"]) for r in rows],
        "Level": [level.label(r["level"]) for r in rows],
        "Jadwal": [fmt.KOSONG if p is None else p.teks for p in posisi],
        "Logistik": [fmt.persen(r["skor_logistik"], 0) for r in rows],
        "TPS": [fmt.persen(r["skor_checklist"], 0) for r in rows],
        "Insiden": [fmt.angka(r["insiden_terbuka"]) for r in rows],
        "Netralitas": [fmt.angka(r["netralitas_terbuka"]) for r in rows],
        "Penyebab utama": [level.penyebab(r) for r in rows],
    }, columns=["#", "Kecamatan", "Skor", "Level", "Jadwal", "Logistik", "TPS", "Insiden", "Netralitas",
                "Penyebab utama"])


def situasi(k: Konteks, r: dict, kec: pd.DataFrame, rencana: jadwal.Rencana, semua: pd.DataFrame) -> tuple[str, ...]:
    """Three sentences for the room: where the region stands, which kecamatan lag and why, what must be
    done today."""
    a = k.wilayah.kesiapan
    hari_ini = rencana.pada(k.tanggal)
    pos = jadwal.posisi(r.get("skor"), k.tanggal, rencana, a.ambang_siap)
    if pos is None:
        satu = f"{k.nama_lingkup}, {k.hitung_mundur}: belum ada data kesiapan."
    else:
        satu = (f"{k.nama_lingkup}, {k.hitung_mundur}: skor kesiapan {fmt.skor(r['skor'])} "
                f"({level.label(r['level']).lower()}; rencana KPU hari ini {fmt.skor(hari_ini)}), {pos.teks}.")
    lambat = []
    for x in kec.to_dict("records"):
        p = jadwal.posisi(x["skor"], k.tanggal, rencana, a.ambang_siap)
        if p is not None and p.arah == jadwal.TERTINGGAL:
            lambat.append(f"{x['nama']} ({p.teks}: {level.penyebab(x, 1)})")
    if not lambat:
        dua = "Semua kecamatan sesuai jadwal KPU."
    else:
        dua = (f"{fmt.angka(len(lambat))} kecamatan tertinggal dari jadwal: " + "; ".join(lambat[:3])
               + (f"; dan {fmt.angka(len(lambat) - 3)} lainnya" if len(lambat) > 3 else "") + ".")
    angka = {a_.label: a_ for a_ in angka_perhatian(semua)}
    bagian = []
    for label, kata in (("Insiden lewat batas waktu", "tindak lanjut insiden lewat batas waktu"),
                        ("Logistik di belakang rencana", "kecamatan dengan logistik di belakang rencana KPU"),
                        ("TPS bermasalah", "TPS bermasalah"),
                        ("Kasus netralitas berlarut", "kasus netralitas berlarut"),
                        ("Tugas lewat batas waktu", "tugas lewat batas waktu")):
        n = int(str(angka[label].nilai).split(" ")[0].replace(".", ""))
        if n:
            bagian.append(f"{fmt.angka(n)} {kata}")
    tiga = ("Hari ini perlu ditindaklanjuti: " + ", ".join(bagian) + "." if bagian
            else "Tidak ada tindak lanjut yang terlambat hari ini.")
    return satu, dua, tiga


def susun(q: Q, k: Konteks) -> HalamanRingkasan:
    """Run the screen's queries through ``q`` and build every figure, table and sentence."""
    hari_h = k.wilayah.hari_pemungutan
    ind = q("indikator_utama", tanggal=k.tanggal, kecamatan=k.kecamatan).iloc[0]
    net = q("netralitas_ringkas", tanggal=k.tanggal, kecamatan=k.kecamatan, batas_lapor=BATAS_LAPOR_HARI).iloc[0]
    unit = q("kesiapan_unit", tanggal=k.tanggal, kecamatan=None)
    rencana = jadwal.untuk(q, k)
    kec = unit[unit["tingkat"] == "kecamatan"]
    kec = kec[~kec["lingkup"].astype(bool)] if (~kec["lingkup"].astype(bool)).any() else kec
    sendiri = kec[kec["kode"] == k.kecamatan] if k.kecamatan else unit[unit["lingkup"].astype(bool)]
    r = sendiri.iloc[0].to_dict() if len(sendiri) else {}
    skor, lv = r.get("skor"), r.get("level")
    ambang = k.wilayah.kesiapan
    pos = jadwal.posisi(skor, k.tanggal, rencana, ambang.ambang_siap)
    hari_ini = rencana.pada(k.tanggal)
    tahap = q("tahapan", tanggal=k.tanggal)
    berikut = tahap[tahap["keadaan"] == "akan_datang"].sort_values("mulai").head(1)
    saat_tugas, sekarang = tugas.batas(k)
    semua = q("perhatian_utama", tanggal=k.tanggal, saat=saat_tugas, sekarang=sekarang, kecamatan=k.kecamatan,
              jumlah=SEMUA_BARIS)
    harian = m_kesiapan.seri_harian(q, k, k.kecamatan, None)
    batas = k.batas.get("kecamatan")
    f = m_pemungutan.susun(q, k)
    return HalamanRingkasan(
        hitung_mundur=Angka("Hitung mundur", k.hitung_mundur,
                            f"{'menuju ' if k.tanggal < hari_h else ''}pemungutan suara {fmt.hari_tanggal(hari_h)}",
                            f"Pemungutan suara {fmt.hari_tanggal(hari_h)}"),
        skor=Angka("Skor kesiapan", fmt.skor(skor),
                   " · ".join(x for x in (level.label(lv) if lv else "", pos.teks if pos else "") if x),
                   "Rata-rata skor kesiapan kecamatan (0–100), ditimbang jumlah pemilih DPT; level dan posisi "
                   "dinilai terhadap skor yang direncanakan KPU untuk tanggal ini"
                   + (f" ({fmt.skor(hari_ini)})" if hari_ini is not None else "")),
        netralitas=Angka("Netralitas ASN", f"{fmt.angka(net['terbuka'])} kasus berjalan",
                         f"{fmt.angka(net['terlambat'])} lewat batas waktu · dipantau terpisah dari skor kesiapan",
                         "Kasus dugaan pelanggaran netralitas ASN yang belum selesai (tanpa identitas)"),
        tahapan=tuple(tahapan_berjalan(tahap)),
        tahapan_berikut=tuple((b["tahapan"], f"mulai {fmt.tanggal(pd.Timestamp(b['mulai']).date())}")
                              for b in berikut.to_dict("records")),
        indikator=indikator(ind, layanan(q, k), k, kehadiran(q, k)),
        situasi=situasi_fase(k, f) or situasi(k, r, kec, rencana, semua),
        # free text (who follows up) only for roles with row-level access: pimpinan and the public
        # demo get the sentence without it (issue 15)
        perhatian=Tabel.dari(perhatian(semua if k.akses.boleh(RINCIAN) else semua.assign(pic=None),
                                       k.wilayah.zona_waktu, tugas.nama_unit(k)), KOLOM_PERHATIAN, maks=None,
                             satuan="hal"),
        perhatian_angka=angka_perhatian(semua),
        kecamatan=kec,
        peringkat=peringkat(kec, k.kecamatan, k.tanggal, rencana, ambang.ambang_siap),
        peta=grafik.peta_kesiapan(batas, kec, k.kecamatan) if batas is not None else None,
        legenda=m_kesiapan.ambang(ambang, hari_ini),
        harian=m_kesiapan.grafik_harian(harian, k.tanggal, k.wilayah.batas_logistik, ambang) if len(harian) else None,
        catatan_skor=(f"Skor kesiapan {k.nama_lingkup}: {fmt.skor(skor)} dari 100 ({level.label(lv).lower()}, "
                      f"{pos.teks}). Garis putus-putus: skor yang direncanakan KPU untuk setiap hari."
                      if lv and pos else ""),
        perubahan=perubahan.susun(q, k),
        fase=f if f.fase != m_fase.PERSIAPAN else None,
        rapat=m_rapat.susun_tindak_lanjut(q, k),
    )
