"""Column settings of the tables the pages show (``st.column_config``): widths, help texts,
progress bars. The tables themselves (display strings, most important row first) come from the
screen models in :mod:`siaga.model`; only how Streamlit draws them is said here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from siaga.model import insiden, level, netralitas

# Links between a row and its follow-up task (siaga.model.tugas)
_TAUTAN_TUGAS = {
    "Tugas": st.column_config.TextColumn(width=190,
                                         help="Tugas tindak lanjut yang dibuat dari baris ini (halaman Tugas)"),
    "Buat tugas": st.column_config.LinkColumn(width=100, display_text="Buat tugas",
                                              help="Buka formulir Buat tugas yang sudah terisi untuk baris ini"),
}


# Ringkasan
PERINGKAT_RINGKASAN = {
    "#": st.column_config.NumberColumn(width=36, help="1 = paling belum siap"),
    "Kecamatan": st.column_config.TextColumn(width=120),
    "Level": st.column_config.TextColumn(width=110, help="Siap, perlu perhatian, atau rawan (ambang di bawah peta)"),
    "Jadwal": st.column_config.TextColumn(width=130, help="Posisi skor terhadap rencana kesiapan KPU pada tanggal ini"),
    "Logistik": st.column_config.TextColumn(width=62, help="Seberapa jauh logistik sudah bergerak ke TPS (0–100%)"),
    "TPS": st.column_config.TextColumn(width=50, help="Kelengkapan checklist kesiapan TPS (0–100%)"),
    "Insiden": st.column_config.TextColumn(width=58, help="Insiden yang belum selesai ditangani"),
    "Netralitas": st.column_config.TextColumn(width=74, help="Kasus netralitas ASN yang masih berjalan"),
    "Skor": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d", width=80,
                                            help="Skor kesiapan 0–100"),
    "Penyebab utama": st.column_config.TextColumn(width="large",
                                                  help="Komponen yang paling mengurangi skor, dengan poin yang hilang"),
}

PERHATIAN = {
    "Apa": st.column_config.TextColumn(width="large"),
    "Di mana": st.column_config.TextColumn(width="medium"),
    "Sejak": st.column_config.TextColumn(width="medium"),
    "Tindak lanjut oleh": st.column_config.TextColumn(width="medium"),
}


# Ikhtisar
PERINGKAT_IKHTISAR = {
    "#": st.column_config.NumberColumn(width=44, help="1 = paling belum siap"),
    "Skor": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d", width=90,
                                            help="Skor kesiapan 0–100, rata-rata kecamatan ditimbang DPT"),
    "Kec. rawan": st.column_config.TextColumn(help="Kecamatan dengan level rawan"),
    "Logistik di TPS": st.column_config.TextColumn(help="Kelengkapan logistik yang sudah sampai di TPS"),
    "Netralitas": st.column_config.TextColumn(help="Kasus netralitas ASN yang masih berjalan"),
}


# Netralitas
KECAMATAN_NETRALITAS = {
    "Kecamatan": st.column_config.TextColumn(width=150),
    "Kasus": st.column_config.NumberColumn(format="%d", width=70, help="Kasus yang tercatat sampai tanggal data"),
    "Berjalan": st.column_config.NumberColumn(format="%d", width=80, help="Kasus yang belum ditutup"),
    "Lewat batas waktu": st.column_config.NumberColumn(
        format="%d", width=130, help="Kasus berjalan yang tahap berikutnya sudah melewati batas waktu"),
    "Terlambat dilaporkan": st.column_config.NumberColumn(
        format="%d", width=150, help=f"Dilaporkan lebih dari {netralitas.BATAS_LAPOR_HARI} hari setelah peristiwa"),
    "Selesai": st.column_config.NumberColumn(format="%d", width=70),
    "Tidak terbukti": st.column_config.NumberColumn(format="%d", width=110),
}


# Netralitas
TERBUKA_NETRALITAS = {
    "Nomor kasus": st.column_config.TextColumn(width=95, pinned=True),
    "Tahap": st.column_config.TextColumn(width=150, help="Status kasus saat ini dalam alur penanganan"),
    "Umur (hari)": st.column_config.NumberColumn(format="%d", width=85, help="Hari sejak laporan/temuan"),
    "Batas waktu": st.column_config.TextColumn(width=95, help="Batas waktu tahap berikutnya"),
    "Tenggat": st.column_config.TextColumn(width=100, help="Hari lewat, atau sisa hari sampai batas waktu"),
    "Kecamatan": st.column_config.TextColumn(width=110),
    "OPD": st.column_config.TextColumn(width=180, help="Perangkat daerah tempat ASN bertugas"),
    "Jenis pelanggaran": st.column_config.TextColumn(width=200),
    "Kelas": st.column_config.TextColumn(width=65, help="Etik atau disiplin (SKB 2/2022)"),
    "Kejadian": st.column_config.TextColumn(width=95, help="Tanggal peristiwa"),
    "Dilaporkan": st.column_config.TextColumn(width=95, help="Tanggal laporan/temuan"),
    "Jarak lapor": st.column_config.TextColumn(width=85, help=f"Hari dari peristiwa sampai laporan; ⚠ = lebih dari "
                                                              f"{netralitas.BATAS_LAPOR_HARI} hari"),
    "Sumber": st.column_config.TextColumn(width=150),
    "Sanksi": st.column_config.TextColumn(width=200, help="Sanksi yang sudah dijatuhkan (tahap keputusan PPK)"),
}


# Insiden
TINDAK_LANJUT_INSIDEN = {
    "Batas waktu": st.column_config.TextColumn(
        width=235,
        help="Batas waktu tindak lanjut dan keterlambatannya (atau sisa hari, bila jatuh tempo dalam "
             f"{insiden.HARI_TEMPO} hari)"),
    "No.": st.column_config.TextColumn(width=80, help="Nomor insiden"),
    "Kategori": st.column_config.TextColumn(width=190),
    "Keparahan": st.column_config.TextColumn(width=80),
    "Tempat": st.column_config.TextColumn(width=240),
    "PIC": st.column_config.TextColumn(width=200, help="Penanggung jawab tindak lanjut"),
    "Status": st.column_config.TextColumn(width=85),
    "Dilaporkan": st.column_config.TextColumn(width=210, help="Sudah berapa lama, dan waktu laporan pertama"),
    "Tindak lanjut terakhir": st.column_config.TextColumn(width=400),
}


# Insiden
INSIDEN = {
    "Dilaporkan": st.column_config.TextColumn(width=150, help="Waktu laporan pertama"),
    "No.": st.column_config.TextColumn(width=80, help="Nomor insiden"),
    "Kecamatan": st.column_config.TextColumn(width=110),
    "Kelurahan": st.column_config.TextColumn(width=120),
    "TPS": st.column_config.TextColumn(width=60),
    "Kategori": st.column_config.TextColumn(width=190),
    "Keparahan": st.column_config.TextColumn(width=80),
    "Status": st.column_config.TextColumn(width=90, help="Dilaporkan → diverifikasi → ditangani → selesai"),
    "Sumber": st.column_config.TextColumn(width=120),
    "Ringkasan": st.column_config.TextColumn(width=420),
    "Tindak lanjut": st.column_config.TextColumn(width=330),
    "PIC": st.column_config.TextColumn(width=210, help="Penanggung jawab tindak lanjut"),
    "Batas waktu": st.column_config.TextColumn(width=170, help="Batas waktu tindak lanjut"),
}


# Logistik
def wilayah_logistik(unit: str) -> dict:
    return {
        unit: st.column_config.TextColumn(width="medium", pinned=True),
        "PPK": st.column_config.Column(help="Kelengkapan di PPK kecamatan: rata-rata semua item"),
        "PPS": st.column_config.Column(help="Kelengkapan di PPS (kelurahan): rata-rata semua item"),
        "TPS": st.column_config.Column(help="Kelengkapan di TPS: rata-rata semua item"),
        "TPS lengkap": st.column_config.Column(help="TPS yang sudah menerima semua item dalam keadaan baik"),
        "Kurang di TPS": st.column_config.Column(
            help="Unit semua item yang belum ada di TPS (belum diterima atau rusak)"),
        "Rusak": st.column_config.Column(help="Unit yang diterima rusak di PPK, PPS dan TPS"),
    }


# Logistik
KEKURANGAN_LOGISTIK = {
    "Tahap": st.column_config.TextColumn(width=60, pinned=True),
    "Kecamatan": st.column_config.TextColumn(width=120),
    "Kelurahan": st.column_config.TextColumn(width=130),
    "TPS": st.column_config.TextColumn(width=75),
    "Item": st.column_config.TextColumn(width=250),
    "Keadaan": st.column_config.TextColumn(width=165),
    "Kebutuhan": st.column_config.NumberColumn(format="%d", width=90),
    "Diterima": st.column_config.NumberColumn(format="%d", width=80),
    "Rusak": st.column_config.NumberColumn(format="%d", width=70),
    "Kurang": st.column_config.NumberColumn(format="%d", width=75, help="Kebutuhan dikurangi unit layak pakai"),
    "Satuan": st.column_config.TextColumn(width=70),
    "Penerimaan terakhir": st.column_config.TextColumn(width=180, help="Sejak kapan: tanda terima terakhir item ini"),
    "Catatan": st.column_config.TextColumn(width=330, help="Catatan pada tanda terima terakhir yang bercatatan"),
    "Kode tempat": st.column_config.TextColumn(width=150),
}


# Logistik
PROYEKSI_LOGISTIK = {
    "Status": st.column_config.TextColumn(width="small", help="Berisiko: perkiraan sesudah batasnya (H-1 di TPS, "
                                          "H-2 sampai PPS), atau tanpa kemajuan padahal belum lengkap"),
    "Perkiraan lengkap": st.column_config.TextColumn(width="medium"),
    "Keterangan": st.column_config.TextColumn(width="medium"),
    "Kemajuan": st.column_config.TextColumn(width="small", help="Kelengkapan di TPS, atau rata-rata kelengkapan "
                                            "gudang, PPK dan PPS bila belum ada TPS yang menerima"),
    "Laju": st.column_config.TextColumn(width="small", help="Pertambahan kemajuan per hari dalam jendela waktu"),
}


# Kesiapan
def unit_kesiapan(tabel: pd.DataFrame) -> dict:
    """Column settings of :func:`siaga.model.kesiapan.tabel_unit` (its second column is named after the unit)."""
    cfg = dict(UNIT_KESIAPAN)
    cfg[tabel.columns[1]] = cfg.pop("Wilayah")
    return cfg


# Kesiapan
UNIT_KESIAPAN = {
    "#": st.column_config.NumberColumn(width=36, format="%d", help="1 = paling belum siap"),
    "Wilayah": st.column_config.TextColumn(width=130),
    "Skor": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d", width=80,
                                            help="Skor kesiapan 0–100"),
    "Level": st.column_config.TextColumn(width=110,
                                         help="Dinilai terhadap skor yang direncanakan KPU untuk tanggal ini"),
    "Jadwal": st.column_config.TextColumn(width=150, help="Posisi terhadap rencana KPU: sesuai jadwal, tertinggal "
                                                          "atau di depan jadwal, dalam hari"),
    "Logistik": st.column_config.TextColumn(width=62, help="Komponen logistik 0–100"),
    "Checklist": st.column_config.TextColumn(width=72, help="Komponen checklist kesiapan TPS 0–100"),
    "Insiden": st.column_config.TextColumn(width=62, help="Komponen insiden 0–100 (100 = tidak ada insiden terbuka)"),
    "Netralitas": st.column_config.TextColumn(width=75, help="Kasus netralitas ASN berjalan di kecamatan (atau "
                                                               "komponen 0–100 bila dihitung dalam skor)"),
    "Lengkap di TPS": st.column_config.TextColumn(width=105, help="TPS yang sudah menerima semua item logistik / "
                                                                "jumlah TPS"),
    "TPS bermasalah": st.column_config.TextColumn(width=100, help="TPS yang laporan terakhirnya bermasalah"),
    "Insiden terbuka": st.column_config.TextColumn(width=105, help="Insiden yang belum selesai ditangani"),
    "Penyebab utama": st.column_config.TextColumn(width=290,
                                                  help="Komponen yang paling mengurangi skor, dengan poin yang hilang"),
    "Tindak lanjut oleh": st.column_config.TextColumn(width=170, help="Yang memantau wilayah ini dan penyelenggara "
                                                                      "ad hoc di tingkatnya"),
    "Rincian": st.column_config.LinkColumn(width=62, display_text="Rinci ›",
                                           help="Buka rincian wilayah ini di tab baru"),
}


# Kesiapan
TPS_KESIAPAN = {
    "TPS": st.column_config.TextColumn(width=62),
    "Kelurahan": st.column_config.TextColumn(width=105),
    "DPT": st.column_config.TextColumn(width=48, help="Jumlah pemilih dalam DPT"),
    "Skor": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d", width=72,
                                            help="Skor kesiapan TPS 0–100"),
    # the level as a label in its colour: a Styler (siaga.tampilan.gaya.warnai_level) re-renders every cell
    # of a 100+ row table on each rerun, which doubled this page's rerun time
    "Level": st.column_config.MultiselectColumn(width=120, options=[level.label(lv) for lv in level.URUTAN_LEVEL],
                                               color=[level.warna(lv) for lv in level.URUTAN_LEVEL],
                                               help="Level kesiapan TPS"),
    "Logistik": st.column_config.TextColumn(width=112, help="Skor logistik TPS 0–100 · lengkap di TPS, atau item "
                                                            "yang sudah lengkap di TPS dari seluruh item"),
    "Kurang di TPS": st.column_config.TextColumn(width=130, help="Item yang belum lengkap di TPS"),
    "Checklist": st.column_config.TextColumn(width=66, help="Skor checklist kesiapan TPS 0–100"),
    "Belum terpenuhi": st.column_config.TextColumn(width=205, help="Butir checklist yang belum terpenuhi menurut "
                                                                   "laporan terakhir"),
    "Laporan terakhir": st.column_config.TextColumn(width=200, help="Penilaian pelapor dan waktu laporan terakhir"),
    "Status sejak": st.column_config.TextColumn(width=112, help="Sejak kapan TPS berstatus seperti laporan terakhir"),
    "Rawan banjir": st.column_config.TextColumn(width=66, help="Lokasi TPS rawan banjir"),
    "Insiden": st.column_config.TextColumn(width=60, help="Insiden terbuka di TPS ini"),
    "Catatan laporan": st.column_config.TextColumn(width=150, help="Catatan pada laporan terakhir"),
}

PERUBAHAN_LEVEL = {
    "Kecamatan": st.column_config.TextColumn(width=160),
    "Sebelumnya": st.column_config.TextColumn(width=120, help="Level pada akhir tanggal pembanding"),
    "Sekarang": st.column_config.TextColumn(width=120, help="Level pada tanggal data"),
    "Skor": st.column_config.TextColumn(width=100, help="Skor pada tanggal pembanding → skor sekarang"),
}


# The incident and shortage tables with their links to tasks and to each other (siaga.model.tugas)
INSIDEN_BERTAUT = {
    **INSIDEN, **_TAUTAN_TUGAS,
    "Kekurangan logistik terkait": st.column_config.TextColumn(
        width=200, help="Kekurangan logistik di tempat insiden logistik ini (halaman Logistik)"),
}
KEKURANGAN_BERTAUT = {
    **KEKURANGAN_LOGISTIK, **_TAUTAN_TUGAS,
    "Insiden terkait": st.column_config.TextColumn(width=120, help="Insiden logistik terbuka di tempat yang sama"),
}
