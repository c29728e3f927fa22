"""Ringkasan page: the kecamatan ranking and the items most in need of attention.

Numbers are formatted here (server side), so the browser's locale never decides how a
figure reads. Free text stays plain text: st.dataframe never interprets HTML or Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from siaga.inti import fmt
from siaga.inti.kontrak import KEPARAHAN as _KEPARAHAN
from siaga.inti.kontrak import PENANGGUNG_JAWAB_NETRALITAS, STATUS_NETRALITAS
from siaga.model import level

KEPARAHAN = dict(_KEPARAHAN)
STATUS_NET = dict(STATUS_NETRALITAS)


@dataclass(frozen=True)
class Indikator:
    label: str
    nilai: str
    keterangan: str      # the sentence under the figure
    bantuan: str         # what the figure counts (tooltip)


def indikator(ind) -> list[Indikator]:
    """The three indicators of a successful Pilkada from one ``indikator_utama`` row: turnout
    readiness, no conflict, public services undisturbed."""
    return [
        Indikator("Partisipasi pemilih tinggi", fmt.persen(ind["persen_c_pemberitahuan"]),
                  f"{fmt.angka(ind['c_pemberitahuan'])} dari {fmt.angka(ind['dpt'])} pemilih DPT di "
                  f"{fmt.angka(ind['jumlah_tps'])} TPS sudah menerima C-Pemberitahuan.",
                  "C-Pemberitahuan yang sudah sampai ke pemilih, dari jumlah DPT"),
        Indikator("Tanpa konflik", f"{fmt.angka(ind['insiden_serius_terbuka'])} insiden serius",
                  f"{fmt.angka(ind['insiden_konflik_terbuka'])} insiden konflik/keamanan terbuka · "
                  f"{fmt.angka(ind['insiden_terbuka'])} insiden terbuka seluruhnya · "
                  f"{fmt.angka(ind['insiden_terlambat'])} melewati batas waktu.",
                  "Insiden berkeparahan tinggi yang belum selesai ditangani"),
        Indikator("Pelayanan publik tanpa gangguan", f"{fmt.angka(ind['pelayanan_terbuka'])} gangguan",
                  f"{fmt.angka(ind['netralitas_terbuka'])} kasus netralitas ASN masih berjalan · "
                  f"{fmt.angka(ind['insiden_hari_ini'])} insiden baru dilaporkan hari ini.",
                  "Insiden kelompok pelayanan publik yang belum selesai"),
    ]


def keadaan_tahapan(r) -> str:
    """A running stage's state: ``hari ke-2, sampai 26 November 2024`` (``…, berakhir hari ini``)."""
    akhir = "berakhir hari ini" if r["sisa_hari"] == 0 else f"sampai {fmt.tanggal(r['selesai'])}"
    return f"hari ke-{fmt.angka(r['hari_ke'])}, {akhir}"


def tahapan_berjalan(tahap: pd.DataFrame) -> list[tuple[str, str]]:
    """(stage, state) of the stages running on the date (``tahapan`` query)."""
    return [(r["tahapan"], keadaan_tahapan(r)) for r in tahap[tahap["keadaan"] == "berjalan"].to_dict("records")]


def peringkat(kec: pd.DataFrame, pilih: str | None = None) -> pd.DataFrame:
    """Kecamatan ranking (least ready first) with the components behind each score."""
    rows = kec.to_dict("records")
    return pd.DataFrame({
        "#": kec["peringkat"].astype(int),
        "Kecamatan": [("▶ " if r["kode"] == pilih else "") + r["nama"] for r in rows],
        "Skor": kec["skor"].round().astype(int),
        "Level": [level.label(r["level"]) for r in rows],
        "Logistik": [fmt.persen(r["skor_logistik"], 0) for r in rows],
        "TPS": [fmt.persen(r["skor_checklist"], 0) for r in rows],
        "Insiden": [fmt.angka(r["insiden_terbuka"]) for r in rows],
        "Netralitas": [fmt.angka(r["netralitas_terbuka"]) for r in rows],
        "Penyebab utama": [level.penyebab(r) for r in rows],
    })


KOLOM_PERINGKAT = {
    "#": st.column_config.NumberColumn(width=36, help="1 = paling belum siap"),
    "Kecamatan": st.column_config.TextColumn(width=120),
    "Level": st.column_config.TextColumn(width=110, help="Siap, perlu perhatian, atau rawan (ambang di bawah peta)"),
    "Logistik": st.column_config.TextColumn(width=62, help="Seberapa jauh logistik sudah bergerak ke TPS (0–100%)"),
    "TPS": st.column_config.TextColumn(width=50, help="Kelengkapan checklist kesiapan TPS (0–100%)"),
    "Insiden": st.column_config.TextColumn(width=58, help="Insiden yang belum selesai ditangani"),
    "Netralitas": st.column_config.TextColumn(width=74, help="Kasus netralitas ASN yang masih berjalan"),
    "Skor": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d", width=80,
                                            help="Skor kesiapan 0–100"),
    "Penyebab utama": st.column_config.TextColumn(width="large",
                                                  help="Komponen yang paling mengurangi skor, dengan poin yang hilang"),
}



def perhatian(df: pd.DataFrame, zona: str) -> pd.DataFrame:
    """The items most in need of attention as sentences: what, where, since when, who follows up."""
    rows = []
    for r in df.to_dict("records"):
        kec = r["nama_kecamatan"]
        jenis = r["jenis"]
        if jenis == "insiden":
            apa = (f"{r['kategori']} ({KEPARAHAN.get(r['keparahan'], r['keparahan']).lower()}): tindak lanjut "
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
            tahap = STATUS_NET.get(r["kategori"], r["kategori"])
            lama = (f"lewat batas waktu {fmt.angka(r['angka'])} hari" if r["terlambat"]
                    else f"berjalan {fmt.angka(r['angka'])} hari")
            apa = f"Kasus netralitas ASN {r['kode']} di tahap {tahap.lower()}, {lama}"
            mana = f"Kec. {kec}"
            oleh = PENANGGUNG_JAWAB_NETRALITAS.get(r["kategori"], "–")
            sejak = f"dilaporkan {fmt.tanggal(r['sejak'], pendek=True)}"
        rows.append({"Apa": apa, "Di mana": mana, "Sejak": sejak, "Tindak lanjut oleh": oleh})
    return pd.DataFrame(rows, columns=["Apa", "Di mana", "Sejak", "Tindak lanjut oleh"])


KOLOM_PERHATIAN = {
    "Apa": st.column_config.TextColumn(width="large"),
    "Di mana": st.column_config.TextColumn(width="medium"),
    "Sejak": st.column_config.TextColumn(width="medium"),
    "Tindak lanjut oleh": st.column_config.TextColumn(width="medium"),
}
