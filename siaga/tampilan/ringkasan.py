"""Ringkasan page: the kecamatan ranking and the items most in need of attention.

Numbers are formatted here (server side), so the browser's locale never decides how a
figure reads. Free text stays plain text: st.dataframe never interprets HTML or Markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from siaga import fmt, kesiapan
from siaga.contract import KEPARAHAN as _KEPARAHAN
from siaga.contract import PENANGGUNG_JAWAB_NETRALITAS, STATUS_NETRALITAS

KEPARAHAN = dict(_KEPARAHAN)
STATUS_NET = dict(STATUS_NETRALITAS)

def peringkat(kec: pd.DataFrame, pilih: str | None = None) -> pd.DataFrame:
    """Kecamatan ranking (least ready first) with the components behind each score."""
    rows = kec.to_dict("records")
    return pd.DataFrame({
        "#": kec["peringkat"].astype(int),
        "Kecamatan": [("▶ " if r["kode"] == pilih else "") + r["nama"] for r in rows],
        "Skor": kec["skor"].round().astype(int),
        "Level": [kesiapan.label(r["level"]) for r in rows],
        "Logistik": [fmt.persen(r["skor_logistik"], 0) for r in rows],
        "TPS": [fmt.persen(r["skor_checklist"], 0) for r in rows],
        "Insiden": [fmt.angka(r["insiden_terbuka"]) for r in rows],
        "Netralitas": [fmt.angka(r["netralitas_terbuka"]) for r in rows],
        "Penyebab utama": [kesiapan.penyebab(r) for r in rows],
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
