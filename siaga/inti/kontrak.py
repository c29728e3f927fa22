"""The data contract: every input file, its columns, types, allowed values and keys.

This module is the single source of truth; ``docs/data-contract.md`` is generated from it
(``python -m siaga kontrak``) and a test keeps the two in step.

All operational inputs are time-stamped event logs (a row is a receipt, a report or a
status change), so the state at any past date can be replayed by the queries.
"""

from __future__ import annotations

from dataclasses import dataclass

# Column types: name -> DuckDB type.
DUCK = {
    "kode": "VARCHAR", "teks": "VARCHAR", "bulat": "BIGINT", "desimal": "DOUBLE",
    "lintang": "DOUBLE", "bujur": "DOUBLE", "tanggal": "DATE", "waktu": "TIMESTAMP",
    "ya_tidak": "BOOLEAN", "pilihan": "VARCHAR", "nama": "VARCHAR",
}

# Code patterns (Kemendagri numbering, dotted).
POLA = {
    "nasional": r"00",
    "provinsi": r"\d{2}",
    "kabkota": r"\d{2}\.\d{2}",
    "kecamatan": r"\d{2}\.\d{2}\.\d{2}",
    "kelurahan": r"\d{2}\.\d{2}\.\d{2}\.\d{4}",
    "tps": r"\d{2}\.\d{2}\.\d{2}\.\d{4}\.\d{3}",
    "kode_item": r"[A-Z0-9_]{2,20}",
    "kode_kategori": r"[a-z0-9_]{2,40}",
    "id": r"[A-Za-z0-9._/-]{1,40}",
    "bps": r"\d{7}",           # BPS kecamatan code
    "bps_desa": r"\d{10}",     # BPS kelurahan/desa code
    "nip": r"\d{18}",
    "unit_desk": r"[a-z][a-z0-9_]{1,30}",   # a desk unit named in wilayah.toml [unit] (or UNIT_DESK)
}


@dataclass(frozen=True)
class Kolom:
    nama: str
    jenis: str                      # key of DUCK
    wajib: bool
    ket_id: str                     # description, Indonesian
    ket_en: str                     # description, English
    pilihan: tuple[tuple[str, str], ...] = ()   # (code, label) for jenis "pilihan"
    pola: str | None = None         # key of POLA, for jenis "kode"
    minimum: float | None = None
    maksimum: float | None = None
    pribadi: bool = False           # personal data (UU PDP): masked in messages, restricted
    waktu: str | None = None        # PERISTIWA or JADWAL: a time checked against the election window

    @property
    def duck(self) -> str:
        return DUCK[self.jenis]

    def label(self, code: str) -> str:
        return dict(self.pilihan).get(code, code)


@dataclass(frozen=True)
class Rujukan:
    """Foreign key: ``kolom`` must exist in ``input.kolom_tujuan`` (blank allowed if optional)."""
    kolom: str
    input: str
    kolom_tujuan: str


@dataclass(frozen=True)
class Input:
    nama: str
    berkas: str
    ket_id: str
    ket_en: str
    kolom: tuple[Kolom, ...]
    kunci: tuple[str, ...]
    rujukan: tuple[Rujukan, ...] = ()
    log: bool = False               # time-stamped event log
    terbatas: bool = False          # restricted file holding personal data; never loaded in the shared store
    folder: str = "data"
    wajib: bool = True              # a missing file refuses the data (optional files load as empty)

    def col(self, nama: str) -> Kolom:
        for k in self.kolom:
            if k.nama == nama:
                return k
        raise KeyError(nama)

    @property
    def pribadi(self) -> set[str]:
        return {k.nama for k in self.kolom if k.pribadi}


# What a date or time column holds (plausibility, see KEWAJARAN): when something happened (inside
# the election window, and not later than the moment of checking), or a planned date (inside the
# window, may lie ahead).
PERISTIWA, JADWAL = "peristiwa", "jadwal"


def K(nama, jenis, wajib, ket_id, ket_en, **kw) -> Kolom:
    if "pilihan" in kw:
        kw["pilihan"] = tuple(kw["pilihan"])
    return Kolom(nama, jenis, wajib, ket_id, ket_en, **kw)


TAHAP_LOGISTIK = (
    ("gudang", "Gudang KPU"), ("ppk", "PPK (kecamatan)"),
    ("pps", "PPS (kelurahan)"), ("tps", "KPPS/TPS"),
)
# Which level a hand-over place code has at each stage.
TINGKAT_TAHAP = {"gudang": "kabkota", "ppk": "kecamatan", "pps": "kelurahan", "tps": "tps"}

KEPARAHAN = (("rendah", "Rendah"), ("sedang", "Sedang"), ("tinggi", "Tinggi"))
LABEL_KEPARAHAN = dict(KEPARAHAN)
STATUS_INSIDEN = (
    ("dilaporkan", "Dilaporkan"), ("diverifikasi", "Diverifikasi"),
    ("ditangani", "Ditangani"), ("selesai", "Selesai"),
)
KELOMPOK_KATEGORI = (
    ("konflik", "Konflik dan keamanan"), ("pelayanan_publik", "Pelayanan publik"),
    ("pemilih", "Hak pilih dan partisipasi"), ("logistik", "Logistik"),
    ("pelanggaran", "Pelanggaran pemilihan"), ("lainnya", "Lainnya"),
)
JENIS_LAYANAN = (
    ("kantor_kelurahan", "Kantor kelurahan/desa"), ("kantor_kecamatan", "Kantor kecamatan"),
    ("dukcapil", "Dukcapil"), ("puskesmas", "Puskesmas"), ("rumah_sakit", "RSUD/rumah sakit"),
    ("listrik", "Pasokan listrik (PLN)"), ("air", "Air bersih (PDAM)"), ("lalu_lintas", "Lalu lintas"),
    ("lainnya", "Lainnya"),
)
STATUS_LAYANAN = (("normal", "Berjalan normal"), ("terganggu", "Terganggu"), ("berhenti", "Berhenti/tutup"))
STATUS_NETRALITAS = (
    ("laporan", "Laporan/temuan"), ("klarifikasi", "Klarifikasi Bawaslu"),
    ("rekomendasi_bawaslu", "Rekomendasi Bawaslu"), ("proses_bkn", "Proses BKN"),
    ("keputusan_ppk", "Keputusan PPK"), ("selesai", "Selesai"), ("tidak_terbukti", "Tidak terbukti"),
)
STATUS_TUTUP = ("selesai", "tidak_terbukti")        # the two ends of a case's flow: closed
# Who acts on a neutrality case at each open stage (Pilkada 2024 flow; KASN was dissolved in 2024).
PENANGGUNG_JAWAB_NETRALITAS = {
    "laporan": "Bawaslu", "klarifikasi": "Bawaslu", "rekomendasi_bawaslu": "Bawaslu",
    "proses_bkn": "BKN", "keputusan_ppk": "PPK (kepala daerah)",
}
JENIS_PELANGGARAN = (
    ("foto_bersama_paslon", "Foto/pose bersama pasangan calon atau APK"),
    ("hadir_kampanye", "Menghadiri kampanye"),
    ("media_sosial", "Unggah/komentar/bagikan/suka konten kampanye"),
    ("memasang_apk", "Memasang spanduk/APK"),
    ("deklarasi_dukungan", "Deklarasi atau ajakan dukungan"),
    ("fasilitas_negara", "Menggunakan fasilitas negara"),
    ("lainnya", "Lainnya"),
)
KELAS_PELANGGARAN = (("etik", "Etik"), ("disiplin", "Disiplin"))
SUMBER_NETRALITAS = (
    ("temuan_bawaslu", "Temuan Bawaslu"), ("laporan_masyarakat", "Laporan masyarakat"),
    ("aplikasi_bkn", "Aplikasi pelaporan BKN"), ("laporan_internal", "Laporan internal"),
)
# Follow-up tasks (tugas.csv): where a task comes from, and its flow.
ASAL_TUGAS = (
    ("insiden", "Insiden"), ("netralitas", "Kasus netralitas ASN"), ("logistik", "Kekurangan logistik"),
    ("checklist", "Masalah kesiapan TPS"), ("rapat", "Keputusan rapat"), ("lainnya", "Lainnya"),
)
STATUS_TUGAS = (
    ("terbuka", "Terbuka"), ("dikerjakan", "Dikerjakan"), ("selesai", "Selesai"), ("dibatalkan", "Dibatalkan"),
)
STATUS_TUGAS_TERBUKA = ("terbuka", "dikerjakan")    # a task still to be done
JENIS_BUTIR_RAPAT = (("agenda", "Agenda"), ("keputusan", "Keputusan"))
# Desk units a task or a meeting decision can be given to, besides a kecamatan (its camat) or a
# kelurahan (its lurah) by Kemendagri code. A region lists its own in wilayah.toml [unit].
UNIT_DESK = (
    ("desk", "Sekretariat Desk Pilkada"), ("kesbangpol", "Badan Kesbangpol"),
    ("tapem", "Bagian Tata Pemerintahan"), ("satpol_pp", "Satpol PP"), ("dukcapil", "Disdukcapil"),
    ("dinkes", "Dinas Kesehatan"), ("dishub", "Dinas Perhubungan"), ("bpbd", "BPBD"),
    ("diskominfo", "Diskominfo"), ("bkpsdm", "BKPSDM"), ("kpu", "KPU (koordinasi)"),
    ("bawaslu", "Bawaslu (koordinasi)"), ("polres", "Polres"), ("kodim", "Kodim"),
)
SUMBER_INSIDEN = (
    ("laporan_masyarakat", "Laporan masyarakat"), ("camat_lurah", "Camat/lurah"),
    ("linmas", "Linmas"), ("polri_tni", "Polri/TNI"), ("bawaslu", "Bawaslu/Panwascam"),
    ("kpu", "KPU/PPK/PPS"), ("media_sosial", "Media sosial"), ("media_massa", "Media massa"),
    ("opd", "OPD"),
)

# Voting day at a TPS: the events a TPS reports, in the order they happen (pemungutan.csv).
KEJADIAN_PEMUNGUTAN = (
    ("dibuka", "TPS dibuka"), ("berjalan", "Pemungutan berjalan"), ("kehadiran", "Laporan kehadiran pemilih"),
    ("ditutup", "Pemungutan ditutup"), ("penghitungan_dimulai", "Penghitungan dimulai"),
    ("penghitungan_selesai", "Penghitungan selesai"), ("hasil_diumumkan", "Salinan hasil diumumkan"),
    ("kotak_diserahkan", "Kotak suara diserahkan ke PPS"),
)
SUMBER_PEMUNGUTAN = (("pps", "PPS"), ("lurah", "Lurah/kepala desa"), ("linmas", "Linmas"), ("panwas", "Panwas/PTPS"))
# Rekapitulasi: the PPK of each kecamatan, then the KPU kab/kota for that kecamatan.
TINGKAT_REKAP = (("ppk", "PPK (kecamatan)"), ("kabkota", "KPU kab/kota"))
KEJADIAN_REKAP = (
    ("kotak_diterima", "Kotak suara diterima"), ("dimulai", "Rapat pleno rekapitulasi dimulai"),
    ("keberatan", "Keberatan saksi/Panwas dicatat atau diselesaikan"), ("selesai", "Rekapitulasi selesai"),
)
JENIS_ULANG = (
    ("psu", "Pemungutan suara ulang (PSU)"), ("psl", "Pemungutan suara lanjutan (PSL)"),
    ("pss", "Pemungutan suara susulan (PSS)"),
)
# A column whose name says it holds a candidate's result: no input may carry one (the product is neutral).
POLA_HASIL_CALON = (r"(paslon|calon|kandidat|perolehan|suara|votes?|nomor_urut|no_urut|"
                    r"pemenang|menang|kalah|hasil_(akhir|pemilihan))")
ALASAN_HASIL_CALON = ("kolom ini tampak berisi hasil perolehan suara per calon; Siaga Pilkada netral dan tidak "
                      "menerima data suara atau pilihan per calon. Hapus kolom ini lalu impor ulang (angka kehadiran "
                      "pemilih tetap boleh)")


INPUTS: dict[str, Input] = {i.nama: i for i in (
    Input(
        "wilayah", "wilayah.csv",
        "Daftar kecamatan dan kelurahan/desa dengan kode Kemendagri. Data beberapa daerah sekaligus "
        "(desk provinsi atau nasional) juga memuat baris provinsi dan kab/kota.",
        "Kecamatan and kelurahan/desa list with Kemendagri codes. Data for several regions at once "
        "(a province or national desk) also has provinsi and kab/kota rows.",
        (
            K("tingkat", "pilihan", True, "Tingkat wilayah", "Level",
              pilihan=[("provinsi", "Provinsi"), ("kabkota", "Kab/kota"), ("kecamatan", "Kecamatan"),
                       ("kelurahan", "Kelurahan/desa")]),
            K("kode", "kode", True, "Kode Kemendagri (32, 32.75, 32.75.01 atau 32.75.01.1001)",
              "Kemendagri code", pola="provinsi|kabkota|kecamatan|kelurahan"),
            K("nama", "nama", True, "Nama resmi", "Official name"),
            K("kode_induk", "kode", True, "Kode wilayah induk (00 untuk provinsi, provinsi untuk kab/kota, kab/kota "
              "untuk kecamatan, kecamatan untuk kelurahan)", "Parent code (00 for a province)",
              pola="nasional|provinsi|kabkota|kecamatan"),
            K("nama_lain", "nama", False, "Ejaan lain, dipisah '|' (mis. Pondok Gede): tabel alias untuk impor",
              "Other spellings separated by '|': the alias table used by imports", pola="daftar"),
            K("kode_bps", "kode", False, "Kode BPS (penomoran berbeda dari Kemendagri; 7 digit kecamatan, "
              "10 digit kelurahan): tabel padanan untuk impor", "BPS code (a different numbering): the crosswalk "
              "used by imports", pola="bps|bps_desa"),
        ),
        kunci=("kode",),
    ),
    Input(
        "tps", "tps.csv",
        "Daftar TPS dengan jumlah pemilih (DPT).",
        "Polling stations (TPS) with registered voters (DPT).",
        (
            K("kode_tps", "kode", True, "Kode TPS: kode kelurahan + nomor 3 digit (32.75.01.1001.001)",
              "TPS code: kelurahan code + 3-digit number", pola="tps"),
            K("kode_kelurahan", "kode", True, "Kode kelurahan/desa", "Kelurahan code", pola="kelurahan"),
            K("nomor_tps", "bulat", True, "Nomor TPS di kelurahan", "TPS number", minimum=1, maksimum=999),
            K("dpt", "bulat", True, "Jumlah pemilih dalam DPT (paling banyak 600)", "Registered voters (max 600)",
              minimum=0, maksimum=600),
            K("jenis", "pilihan", True, "Jenis TPS", "TPS type",
              pilihan=[("reguler", "Reguler"), ("khusus", "Khusus (lapas, rumah sakit)")]),
            K("keterangan", "teks", False, "Keterangan lokasi", "Location note"),
            K("lat", "lintang", False, "Lintang (derajat desimal, WGS84)", "Latitude (WGS84)"),
            K("lon", "bujur", False, "Bujur (derajat desimal, WGS84)", "Longitude (WGS84)"),
            K("rawan_banjir", "ya_tidak", True, "Lokasi rawan banjir", "Flood-prone site"),
        ),
        kunci=("kode_tps",),
        rujukan=(Rujukan("kode_kelurahan", "wilayah", "kode"),),
    ),
    Input(
        "logistik_item", "logistik_item.csv",
        "Daftar jenis logistik dan rumus kebutuhan per TPS.",
        "Logistics items and the per-TPS need formula.",
        (
            K("kode_item", "kode", True, "Kode item", "Item code", pola="kode_item"),
            K("nama_item", "nama", True, "Nama item", "Item name"),
            K("satuan", "nama", True, "Satuan", "Unit"),
            K("per_tps", "desimal", True, "Kebutuhan tetap per TPS", "Fixed need per TPS", minimum=0),
            K("per_pemilih", "desimal", True, "Kebutuhan per pemilih DPT", "Need per registered voter", minimum=0),
            K("cadangan_persen", "desimal", True, "Cadangan (%) atas kebutuhan per pemilih",
              "Spare (%) on the per-voter need", minimum=0, maksimum=100),
            K("urutan", "bulat", True, "Urutan tampil", "Display order"),
        ),
        kunci=("kode_item",),
    ),
    Input(
        "logistik", "logistik.csv",
        "Log serah terima logistik: satu baris per tanda terima.",
        "Logistics hand-over log: one row per signed receipt.",
        (
            K("waktu", "waktu", True, "Waktu serah terima (waktu setempat)", "Hand-over time (local)",
              waktu=PERISTIWA),
            K("tahap", "pilihan", True, "Tahap rantai distribusi", "Distribution stage", pilihan=TAHAP_LOGISTIK),
            K("kode_lokasi", "kode", True,
              "Kode tempat penerima: kab/kota (gudang), kecamatan (PPK), kelurahan (PPS), TPS (KPPS)",
              "Receiving place code at the stage's level", pola="kabkota|kecamatan|kelurahan|tps"),
            K("kode_item", "kode", True, "Kode item logistik", "Item code", pola="kode_item"),
            K("jumlah_kebutuhan", "bulat", False, "Kebutuhan menurut dokumen serah terima",
              "Need stated on the receipt", minimum=0),
            K("jumlah_diterima", "bulat", True, "Jumlah diterima pada serah terima ini", "Quantity received",
              minimum=0),
            K("jumlah_rusak", "bulat", True, "Jumlah rusak (saat diterima atau ditemukan kemudian)",
              "Damaged units (on receipt or found later)", minimum=0),
            K("catatan", "teks", False, "Catatan", "Note"),
        ),
        kunci=("waktu", "tahap", "kode_lokasi", "kode_item"),
        rujukan=(Rujukan("kode_item", "logistik_item", "kode_item"),),
        log=True,
    ),
    Input(
        "checklist", "checklist.csv",
        "Log laporan kesiapan TPS: satu baris per laporan (keadaan terakhir berlaku).",
        "TPS readiness checklist log: one row per report (latest wins).",
        (
            K("waktu", "waktu", True, "Waktu laporan (waktu setempat)", "Report time (local)", waktu=PERISTIWA),
            K("kode_tps", "kode", True, "Kode TPS", "TPS code", pola="tps"),
            K("kpps_dibentuk", "ya_tidak", True, "KPPS sudah dibentuk", "KPPS formed"),
            K("kpps_dilantik", "ya_tidak", True, "KPPS sudah dilantik", "KPPS sworn in"),
            K("kpps_bimtek", "ya_tidak", True, "KPPS sudah bimtek", "KPPS trained"),
            K("lokasi_siap", "ya_tidak", True, "Lokasi TPS siap", "Site set up"),
            K("akses_disabilitas", "ya_tidak", True, "Akses untuk pemilih disabilitas", "Accessible"),
            K("penerangan", "ya_tidak", True, "Penerangan cukup", "Lighting"),
            K("c_pemberitahuan", "bulat", True, "Jumlah C-Pemberitahuan tersampaikan", "Voter notices delivered",
              minimum=0),
            K("linmas", "bulat", True, "Jumlah linmas ditugaskan (kebutuhan 2)", "Linmas assigned (need 2)",
              minimum=0, maksimum=20),
            K("pengamanan", "ya_tidak", True, "Pengamanan Polri/TNI ditugaskan", "Police/army security assigned"),
            K("status", "pilihan", True, "Penilaian pelapor", "Reporter's assessment",
              pilihan=[("siap", "Siap"), ("belum", "Belum siap"), ("bermasalah", "Bermasalah")]),
            K("catatan", "teks", False, "Catatan", "Note"),
            K("koreksi", "ya_tidak", False, "Baris koreksi: tugas dan status boleh mundur (lihat Kewajaran)",
              "Correction row: tasks and status may go back (see Plausibility)"),
        ),
        kunci=("kode_tps", "waktu"),
        rujukan=(Rujukan("kode_tps", "tps", "kode_tps"),),
        log=True,
    ),
    Input(
        "kategori_insiden", "kategori_insiden.csv",
        "Daftar kategori insiden dan kelompoknya.",
        "Incident categories and their group.",
        (
            K("kode_kategori", "kode", True, "Kode kategori", "Category code", pola="kode_kategori"),
            K("nama", "nama", True, "Nama kategori", "Category name"),
            K("kelompok", "pilihan", True, "Kelompok (indikator yang terdampak)", "Group (indicator affected)",
              pilihan=KELOMPOK_KATEGORI),
        ),
        kunci=("kode_kategori",),
    ),
    Input(
        "insiden", "insiden.csv",
        "Log insiden dan permasalahan: satu baris per laporan atau perubahan status.",
        "Incidents and problems log: one row per report or status change.",
        (
            K("id_insiden", "kode", True, "Nomor insiden", "Incident id", pola="id"),
            K("waktu", "waktu", True, "Waktu pembaruan (waktu setempat)", "Update time (local)", waktu=PERISTIWA),
            K("waktu_kejadian", "waktu", True, "Waktu kejadian", "Time of the event", waktu=PERISTIWA),
            K("kode_kecamatan", "kode", True, "Kode kecamatan", "Kecamatan code", pola="kecamatan"),
            K("kode_kelurahan", "kode", False, "Kode kelurahan", "Kelurahan code", pola="kelurahan"),
            K("kode_tps", "kode", False, "Kode TPS", "TPS code", pola="tps"),
            K("lat", "lintang", False, "Lintang", "Latitude"),
            K("lon", "bujur", False, "Bujur", "Longitude"),
            K("kategori", "kode", True, "Kode kategori (kategori_insiden.csv)", "Category code", pola="kode_kategori"),
            K("keparahan", "pilihan", True, "Tingkat keparahan", "Severity", pilihan=KEPARAHAN),
            K("status", "pilihan", True, "Status penanganan", "Status", pilihan=STATUS_INSIDEN),
            K("sumber", "pilihan", True, "Sumber informasi", "Source", pilihan=SUMBER_INSIDEN),
            K("ringkasan", "teks", True, "Ringkasan kejadian", "Summary"),
            K("tindak_lanjut", "teks", False, "Tindak lanjut", "Follow-up action"),
            K("pic", "teks", False, "Penanggung jawab (unit/jabatan, bukan nama orang)", "Responsible unit"),
            K("batas_waktu", "tanggal", False, "Batas waktu tindak lanjut", "Follow-up due date", waktu=JADWAL),
            K("koreksi", "ya_tidak", False, "Baris koreksi: status boleh mundur atau dibuka lagi (lihat Kewajaran)",
              "Correction row: the status may go back or reopen (see Plausibility)"),
        ),
        kunci=("id_insiden", "waktu"),
        rujukan=(
            Rujukan("kode_kecamatan", "wilayah", "kode"), Rujukan("kode_kelurahan", "wilayah", "kode"),
            Rujukan("kode_tps", "tps", "kode_tps"), Rujukan("kategori", "kategori_insiden", "kode_kategori"),
        ),
        log=True,
    ),
    Input(
        "netralitas", "netralitas.csv",
        "Log kasus netralitas ASN tanpa identitas: satu baris per perubahan status.",
        "ASN neutrality case log without identities: one row per status change.",
        (
            K("id_kasus", "kode", True, "Nomor kasus", "Case id", pola="id"),
            K("waktu", "waktu", True, "Waktu pembaruan (waktu setempat)", "Update time (local)", waktu=PERISTIWA),
            K("tanggal_kejadian", "tanggal", True, "Tanggal peristiwa", "Event date", waktu=PERISTIWA),
            K("tanggal_laporan", "tanggal", True, "Tanggal laporan/temuan", "Report date", waktu=PERISTIWA),
            K("kode_kecamatan", "kode", True, "Kode kecamatan", "Kecamatan code", pola="kecamatan"),
            K("opd", "teks", True, "Perangkat daerah (OPD) tempat ASN bertugas", "Agency (OPD)"),
            K("jenis_pelanggaran", "pilihan", True, "Jenis dugaan pelanggaran", "Violation type",
              pilihan=JENIS_PELANGGARAN),
            K("kelas", "pilihan", True, "Kelas pelanggaran (SKB 2/2022)", "Class (SKB 2/2022)",
              pilihan=KELAS_PELANGGARAN),
            K("sumber", "pilihan", True, "Sumber kasus", "Source", pilihan=SUMBER_NETRALITAS),
            K("status", "pilihan", True, "Status kasus", "Case status", pilihan=STATUS_NETRALITAS),
            K("sanksi", "teks", False, "Sanksi yang dijatuhkan", "Sanction"),
            K("batas_waktu", "tanggal", False, "Batas waktu tahap berikutnya", "Due date of the next step",
              waktu=JADWAL),
            K("koreksi", "ya_tidak", False, "Baris koreksi: status boleh mundur atau dibuka lagi (lihat Kewajaran)",
              "Correction row: the status may go back or reopen (see Plausibility)"),
        ),
        kunci=("id_kasus", "waktu"),
        rujukan=(Rujukan("kode_kecamatan", "wilayah", "kode"),),
        log=True,
    ),
    Input(
        "netralitas_pribadi", "netralitas_pribadi.csv",
        "Identitas terlapor dan pelapor kasus netralitas (DATA PRIBADI, akses terbatas).",
        "Identities of reported civil servants and reporters (PERSONAL DATA, restricted).",
        (
            K("id_kasus", "kode", True, "Nomor kasus", "Case id", pola="id"),
            K("nama_terlapor", "teks", True, "Nama ASN terlapor", "Reported civil servant's name", pribadi=True),
            K("nip_terlapor", "kode", False, "NIP ASN terlapor (18 digit)", "NIP (18 digits)",
              pola="nip", pribadi=True),
            K("jabatan_terlapor", "teks", False, "Jabatan ASN terlapor", "Position", pribadi=True),
            K("nama_pelapor", "teks", False, "Nama pelapor (kosong bila anonim)", "Reporter's name", pribadi=True),
            K("kontak_pelapor", "teks", False, "Kontak pelapor", "Reporter's contact", pribadi=True),
        ),
        kunci=("id_kasus",),
        terbatas=True,
    ),
    Input(
        "layanan", "layanan.csv",
        "Log status unit pelayanan publik (kantor kelurahan/kecamatan, Dukcapil, puskesmas/RSUD, pasokan "
        "listrik, air bersih, lalu lintas): satu baris per laporan. Berkas ini boleh tidak ada; tanpa berkas ini "
        "indikator pelayanan publik hanya memakai insiden kelompok pelayanan publik.",
        "Status log of public-service units (offices, civil registry, health, power, water, traffic): one row "
        "per report. Optional: without it the public-service indicator uses incidents only.",
        (
            K("id_unit", "kode", True, "Kode unit pelayanan (tetap untuk unit yang sama)", "Unit id", pola="id"),
            K("waktu", "waktu", True, "Waktu laporan (waktu setempat)", "Report time (local)"),
            K("nama_unit", "teks", True, "Nama unit pelayanan", "Unit name"),
            K("jenis", "pilihan", True, "Jenis layanan", "Service type", pilihan=JENIS_LAYANAN),
            K("kode_kecamatan", "kode", True, "Kode kecamatan", "Kecamatan code", pola="kecamatan"),
            K("kode_kelurahan", "kode", False, "Kode kelurahan/desa (bila unit di tingkat kelurahan)",
              "Kelurahan code (a kelurahan-level unit)", pola="kelurahan"),
            K("status", "pilihan", True, "Keadaan layanan saat laporan", "Service state", pilihan=STATUS_LAYANAN),
            K("keterangan", "teks", False, "Keterangan (mis. penyebab gangguan)", "Note (e.g. cause)"),
            K("sumber", "teks", False, "Pelapor (unit, OPD, PLN, Dishub)", "Reported by (unit, agency)"),
        ),
        kunci=("id_unit", "waktu"),
        rujukan=(Rujukan("kode_kecamatan", "wilayah", "kode"), Rujukan("kode_kelurahan", "wilayah", "kode")),
        log=True,
        wajib=False,
    ),
    Input(
        "pemungutan", "pemungutan.csv",
        "Log hari pemungutan per TPS: dibuka, kehadiran pemilih (jumlah saja), ditutup, penghitungan, "
        "pengumuman salinan hasil dan penyerahan kotak ke PPS; satu baris per laporan. Tidak memuat perolehan "
        "suara calon. Berkas ini boleh tidak ada (sebelum hari H).",
        "Voting-day log per TPS: opened, voter attendance (counts only), closed, counting, result copy posted, "
        "boxes handed to the PPS; one row per report. No candidate results. Optional (before voting day).",
        (
            K("waktu", "waktu", True, "Waktu kejadian (waktu setempat)", "Event time (local)"),
            K("kode_tps", "kode", True, "Kode TPS", "TPS code", pola="tps"),
            K("kejadian", "pilihan", True, "Kejadian", "Event", pilihan=KEJADIAN_PEMUNGUTAN),
            K("hadir_dpt", "bulat", False, "Pemilih DPT yang sudah hadir (kumulatif, pada laporan kehadiran)",
              "DPT voters attended so far (cumulative)", minimum=0),
            K("hadir_dptb", "bulat", False, "Pemilih DPTb (pindahan) yang sudah hadir (kumulatif)",
              "DPTb (transferred) voters attended so far", minimum=0),
            K("hadir_dpk", "bulat", False, "Pemilih DPK (KTP-el setempat) yang sudah hadir (kumulatif)",
              "DPK (ID-card only) voters attended so far", minimum=0),
            K("sumber", "pilihan", True, "Sumber laporan", "Reported by", pilihan=SUMBER_PEMUNGUTAN),
            K("catatan", "teks", False, "Catatan", "Note"),
        ),
        kunci=("kode_tps", "waktu", "kejadian"),
        rujukan=(Rujukan("kode_tps", "tps", "kode_tps"),),
        log=True,
        wajib=False,
    ),
    Input(
        "rekapitulasi", "rekapitulasi.csv",
        "Log rekapitulasi per kecamatan di PPK lalu di KPU kab/kota: kotak suara diterima, rapat pleno dimulai, "
        "keberatan (jumlah), selesai. Tanpa angka perolehan suara. Berkas ini boleh tidak ada.",
        "Tally log per kecamatan at the PPK then the KPU kab/kota: boxes received, plenary started, objections "
        "(counts), finished. No vote counts. Optional.",
        (
            K("waktu", "waktu", True, "Waktu kejadian (waktu setempat)", "Event time (local)"),
            K("tingkat", "pilihan", True, "Tingkat rekapitulasi", "Tally level", pilihan=TINGKAT_REKAP),
            K("kode_kecamatan", "kode", True, "Kode kecamatan yang direkapitulasi", "Kecamatan tallied",
              pola="kecamatan"),
            K("kejadian", "pilihan", True, "Kejadian", "Event", pilihan=KEJADIAN_REKAP),
            K("jumlah_tps", "bulat", False, "Jumlah TPS yang kotaknya diterima pada serah terima ini "
              "(PPS ke PPK, atau PPK ke KPU)", "TPS whose boxes were received in this hand-over", minimum=0),
            K("keberatan_diajukan", "bulat", False, "Jumlah keberatan baru yang diajukan", "Objections raised",
              minimum=0),
            K("keberatan_selesai", "bulat", False, "Jumlah keberatan yang diselesaikan", "Objections resolved",
              minimum=0),
            K("catatan", "teks", False, "Catatan", "Note"),
        ),
        kunci=("tingkat", "kode_kecamatan", "waktu", "kejadian"),
        rujukan=(Rujukan("kode_kecamatan", "wilayah", "kode"),),
        log=True,
        wajib=False,
    ),
    Input(
        "pemungutan_ulang", "pemungutan_ulang.csv",
        "Pemungutan suara ulang, lanjutan atau susulan (PSU/PSL/PSS): satu baris per TPS yang ikut. Berkas ini "
        "boleh tidak ada. Persiapannya ditulis di log yang ada: baris `logistik.csv` (tahap `tps`) dan "
        "`checklist.csv` di TPS-nya yang bertanggal sesudah hari pemungutan sampai tanggal pemungutan ulang "
        "adalah logistik dan checklist pemungutan ulang itu, tidak dihitung untuk hari pemungutan.",
        "Re-votes (PSU/PSL/PSS): one row per TPS taking part. Optional. Their preparation goes in the existing "
        "logs: rows of `logistik.csv` (stage `tps`) and `checklist.csv` at their TPS dated after voting day up "
        "to the re-vote's date are that re-vote's logistics and checklist, not counted for voting day.",
        (
            K("id_ulang", "kode", True, "Nomor kejadian pemungutan ulang (sama untuk semua TPS-nya)",
              "Re-vote id (the same for all its TPS)", pola="id"),
            K("jenis", "pilihan", True, "Jenis", "Type", pilihan=JENIS_ULANG),
            K("tanggal", "tanggal", True, "Tanggal pemungutan ulang", "Re-vote date"),
            K("kode_tps", "kode", True, "Kode TPS", "TPS code", pola="tps"),
            K("dasar", "teks", True, "Dasar keputusan (nomor keputusan KPU/rekomendasi Panwas)",
              "Decision reference"),
            K("catatan", "teks", False, "Catatan", "Note"),
        ),
        kunci=("id_ulang", "kode_tps"),
        rujukan=(Rujukan("kode_tps", "tps", "kode_tps"),),
        wajib=False,
    ),
    Input(
        "tugas", "tugas.csv",
        "Log tugas tindak lanjut: satu baris per perubahan (dibuat, status, pemilik, batas waktu, catatan); "
        "keadaan terakhir berlaku. Ditulis oleh dasbor (tombol Buat tugas, halaman Tugas dan Rapat); berkas ini "
        "boleh tidak ada.",
        "Follow-up task log: one row per change (created, status, owner, due time, note); the latest row wins. "
        "Written by the app (Buat tugas, the Tugas and Rapat pages). Optional.",
        (
            K("id_tugas", "kode", True, "Nomor tugas", "Task id", pola="id"),
            K("waktu", "waktu", True, "Waktu perubahan (waktu setempat)", "Time of the change (local)"),
            K("judul", "teks", True, "Apa yang harus dikerjakan (tanpa nama orang)", "What must be done (no names)"),
            K("asal", "pilihan", True, "Asal tugas", "Where the task comes from", pilihan=ASAL_TUGAS),
            K("kode_asal", "kode", False,
              "Rujukan asal: nomor insiden, nomor kasus, tahap/kode tempat/kode item kekurangan logistik, kode TPS, "
              "atau nomor rapat/nomor keputusan", "Origin: incident id, case id, stage/place/item of a shortage, "
              "TPS code, or meeting id/decision number", pola="id"),
            K("kode_kecamatan", "kode", False, "Kode kecamatan tempat tugas (kosong: seluruh daerah)",
              "Kecamatan code (blank: the whole region)", pola="kecamatan"),
            K("kode_kelurahan", "kode", False, "Kode kelurahan/desa tempat tugas", "Kelurahan code", pola="kelurahan"),
            K("unit", "kode", True, "Unit pemilik tugas: kode kecamatan (camat), kode kelurahan (lurah) atau unit "
              "desk di wilayah.toml [unit]", "Owner unit: kecamatan or kelurahan code, or a desk unit",
              pola="kecamatan|kelurahan|unit_desk"),
            K("pengguna", "kode", False, "Nama pengguna penanggung jawab (boleh kosong)", "Responsible user (optional)",
              pola="id"),
            K("batas_waktu", "waktu", True, "Batas waktu (waktu setempat)", "Due time (local)"),
            K("status", "pilihan", True, "Status tugas", "Task status", pilihan=STATUS_TUGAS),
            K("catatan", "teks", False, "Catatan pada perubahan ini", "Note of this change"),
            K("oleh", "kode", True, "Nama pengguna yang membuat perubahan", "User who made the change", pola="id"),
        ),
        kunci=("id_tugas", "waktu"),
        rujukan=(Rujukan("kode_kecamatan", "wilayah", "kode"), Rujukan("kode_kelurahan", "wilayah", "kode")),
        log=True,
        wajib=False,
    ),
    Input(
        "rapat", "rapat.csv",
        "Rapat koordinasi: satu baris per butir agenda atau keputusan; setiap keputusan menjadi satu tugas "
        "(tugas.csv). Ditulis oleh halaman Rapat; berkas ini boleh tidak ada.",
        "Coordination meetings: one row per agenda item or decision; each decision becomes a task. Written by "
        "the Rapat page. Optional.",
        (
            K("id_rapat", "kode", True, "Nomor rapat", "Meeting id", pola="id"),
            K("waktu", "waktu", True, "Waktu rapat (waktu setempat)", "Meeting time (local)"),
            K("judul", "teks", True, "Nama rapat", "Meeting title"),
            K("peserta", "teks", True, "Unit peserta, dipisah '|' (kode kecamatan/kelurahan atau unit desk)",
              "Participating units separated by '|'"),
            K("nomor", "bulat", True, "Nomor butir dalam rapat", "Item number", minimum=1, maksimum=999),
            K("jenis", "pilihan", True, "Agenda atau keputusan", "Agenda item or decision", pilihan=JENIS_BUTIR_RAPAT),
            K("isi", "teks", True, "Isi butir (tanpa nama orang)", "Text of the item (no names)"),
            K("unit", "kode", False, "Unit pelaksana keputusan", "Unit that carries out the decision",
              pola="kecamatan|kelurahan|unit_desk"),
            K("batas_waktu", "waktu", False, "Batas waktu keputusan", "Due time of the decision"),
            K("id_tugas", "kode", False, "Nomor tugas tindak lanjut keputusan (tugas.csv)", "Follow-up task id",
              pola="id"),
        ),
        kunci=("id_rapat", "nomor"),
        log=True,
        wajib=False,
    ),
    Input(
        "tahapan", "tahapan.csv",
        "Jadwal tahapan resmi Pilkada (PKPU).",
        "Official stage schedule (PKPU).",
        (
            K("tahapan", "teks", True, "Nama tahapan", "Stage"),
            K("mulai", "tanggal", True, "Tanggal mulai", "Start date", waktu=JADWAL),
            K("selesai", "tanggal", True, "Tanggal selesai", "End date", waktu=JADWAL),
            K("catatan", "teks", False, "Catatan", "Note"),
        ),
        kunci=("tahapan",),
    ),
)}

# Inputs loaded into the shared store (restricted files never are).
DIMUAT = tuple(n for n, i in INPUTS.items() if not i.terbatas)


# ------------------------------------------------------------------ plausibility (kewajaran)
#
# Rules a well-formed value can still break. Errors refuse the file; warnings accept it and say
# what looks odd. Limits that differ per region are in wilayah.toml [kewajaran] (siaga.inti.config
# .Kewajaran). Checked in pandas (siaga.masuk.kewajaran) and, for large files, in SQL
# (siaga.data.besar), with the same messages.

KOREKSI = "koreksi"      # the column that marks a correction row of a log


@dataclass(frozen=True)
class MesinStatus:
    """The order a status moves through, per item of a log (an incident, a case, a TPS).

    ``urutan``: the stages in order; ``tutup``: closing states (leaving one is going back);
    ``mundur``: the level of going back (a correction row, ``koreksi = ya``, may always);
    ``lompat``: the level of skipping a stage forward (None: allowed). ``ket_id`` names the status
    in messages."""
    input: str
    kunci: str
    kolom: str
    urutan: tuple[str, ...]
    tutup: tuple[str, ...]
    mundur: str                  # "galat" or "peringatan"
    lompat: str | None
    ket_id: str
    ket_en: str


MESIN_STATUS = (
    MesinStatus("insiden", "id_insiden", "status", ("dilaporkan", "diverifikasi", "ditangani", "selesai"),
                ("selesai",), "galat", None, "status insiden", "incident status"),
    MesinStatus("netralitas", "id_kasus", "status",
                ("laporan", "klarifikasi", "rekomendasi_bawaslu", "proses_bkn", "keputusan_ppk", "selesai"),
                ("selesai", "tidak_terbukti"), "galat", "peringatan", "status kasus netralitas",
                "neutrality case status"),
    # a TPS that was ready can fall back (a flood, a site lost): possible, so a warning
    MesinStatus("checklist", "kode_tps", "status", ("belum", "siap"), (), "peringatan", None,
                "status kesiapan TPS (bermasalah setara belum)", "TPS readiness status (bermasalah ranks as belum)"),
)
# The TPS preparation tasks, in the order they happen (the KPPS is formed, sworn in, trained): a
# later task done before an earlier one is impossible; a task once reported done cannot become
# undone (unless the row is a correction).
TUGAS_TPS = ("kpps_dibentuk", "kpps_dilantik", "kpps_bimtek")
# Free-text columns of shared files must not hold personal data; these patterns are refused.
# (Python re and DuckDB's RE2 read them the same: no look-around.)
POLA_PRIBADI = (
    ("NIP", r"(?:^|[^0-9])[0-9](?: ?[0-9]){17}(?:[^0-9]|$)"),
    ("NIK", r"(?:^|[^0-9])[0-9](?: ?[0-9]){15}(?:[^0-9]|$)"),
    # no dots inside a phone number here: 32.75.01.1001.001 is a TPS code
    ("nomor telepon", r"(?:^|[^0-9.])(?:\+ ?62|0)[ -]?[1-9](?:[ -]?[0-9]){7,11}(?:[^0-9]|$)"),
    ("e-mail", r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
)
BERKAS_PRIBADI = "netralitas_pribadi.csv"
# The rules as the data contract documents them (docs/data-contract.md, section Kewajaran).
KEWAJARAN = (
    ("Jendela pemilihan", "Waktu peristiwa (serah terima, laporan, kejadian) dan tanggal jadwal (batas waktu, "
     "tahapan) harus berada di jendela pemilihan `[kewajaran] awal`–`akhir` (bawaan: 365 hari sebelum sampai 183 "
     "hari sesudah hari pemungutan). Di luar jendela: galat (mis. tahun 2204, tahun 2025 untuk laporan November "
     "2024, atau templat 2019).",
     "Event times and scheduled dates must lie inside the election window (default: 365 days before to 183 days "
     "after voting day); outside: error."),
    ("Bukan di masa depan", "Waktu peristiwa tidak boleh lebih dari `toleransi_jam` (bawaan 2 jam) sesudah saat "
     "pemeriksaan (waktu setempat). Tanggal jadwal boleh di depan.",
     "An event time may not be later than the moment of checking by more than `toleransi_jam` (default 2 h)."),
    ("Jumlah logistik", "Jumlah layak pakai (diterima − rusak) kumulatif di satu tempat, tahap dan item lebih dari "
     "`faktor_kebutuhan` × kebutuhan menurut rumus (bawaan 2×): galat (salah ketik, mis. 5.220 untuk 522); lebih "
     "dari kebutuhan: peringatan. Kebutuhan tertulis yang berbeda lebih dari `faktor_kebutuhan` kali dari rumus: "
     "peringatan.",
     "Cumulative usable quantity (received − damaged) above `faktor_kebutuhan` × the need: error; above the need: "
     "warning."),
    ("Faktor per pemilih", "`per_pemilih` paling besar `per_pemilih_maks` (bawaan 2; 1.025 dibaca seribu dua puluh "
     "lima, tulis 1,025), `per_tps` paling besar `per_tps_maks` (bawaan 100).",
     "`per_pemilih` at most `per_pemilih_maks` (default 2), `per_tps` at most `per_tps_maks` (default 100)."),
    ("Alur status", "Status insiden, kasus netralitas dan kesiapan TPS mengikuti urutannya (di bawah). Mundur atau "
     "membuka lagi yang sudah ditutup: galat untuk insiden dan kasus, peringatan untuk kesiapan TPS; kasus yang "
     "melompati tahap: peringatan (insiden boleh langsung ditangani atau selesai). Baris dengan `koreksi = ya` boleh "
     "mundur (jalur koreksi).",
     "Statuses follow their order; going back or reopening: error (warning for TPS readiness); a case skipping a "
     "stage: warning; a row with `koreksi = ya` may go back."),
    ("Tugas persiapan TPS", "KPPS dibentuk → dilantik → bimtek: tugas yang lebih akhir tidak dapat selesai "
     "sebelum yang lebih awal (galat), dan tugas yang sudah dilaporkan selesai tidak dapat kembali belum (galat, "
     "kecuali baris koreksi).",
     "KPPS formed → sworn in → trained: a later task before an earlier one, or a done task undone: error."),
    ("Data pribadi di teks bebas", "Kolom teks berkas bersama (mis. `opd`, `pic`, `ringkasan`, `catatan`) tidak boleh "
     "memuat NIP (18 digit), NIK (16 digit), nomor telepon atau alamat e-mail: galat, nilai disamarkan. Identitas "
     "dicatat di `netralitas_pribadi.csv` (akses terbatas).",
     "Free-text columns of shared files may not hold a NIP, NIK, phone number or e-mail address: error."),
)
