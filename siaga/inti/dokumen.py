"""Generate ``docs/data-contract.md`` from :mod:`siaga.inti.kontrak` (``python -m siaga kontrak``)."""

from __future__ import annotations

from pathlib import Path

from siaga.inti.config import ROOT
from siaga.inti.fileio import tulis_atomik
from siaga.inti.kontrak import INPUTS, KEWAJARAN, MESIN_STATUS, POLA, TINGKAT_TAHAP, TUGAS_TPS

LABEL_JENIS_KOLOM = {
    "kode": "kode (teks)", "teks": "teks", "bulat": "bilangan bulat", "desimal": "angka desimal",
    "lintang": "lintang", "bujur": "bujur", "tanggal": "tanggal", "waktu": "tanggal dan jam",
    "ya_tidak": "ya/tidak", "pilihan": "pilihan", "nama": "nama",
}

HEADER = """\
# Kontrak data · Data contract

*Dibuat otomatis dari `siaga/inti/kontrak.py` dengan `python -m siaga kontrak`; jangan disunting
langsung. · Generated from `siaga/inti/kontrak.py`; do not edit by hand.*

Semua masukan berada di folder data (`SIAGA_DATA`, bawaan `data/`) dan folder batas wilayah
(`SIAGA_GEO`, bawaan `geo/`). All inputs live in the data folder (`SIAGA_DATA`, default `data/`)
and the boundaries folder (`SIAGA_GEO`, default `geo/`).

## Aturan umum · General rules

- **Kode wilayah Kemendagri** bertitik: kab/kota `32.75`, kecamatan `32.75.01`, kelurahan/desa
  `32.75.01.1001`, TPS `32.75.01.1001.001`. Penggabungan data selalu memakai kode, tidak pernah
  nama. Kode BPS adalah penomoran lain: saat impor, kode BPS dan nama dicocokkan ke kode Kemendagri
  lewat kolom `kode_bps` dan `nama_lain` di `wilayah.csv`, dan yang tidak cocok dilaporkan. ·
  Joins always use Kemendagri codes, never names; on import, BPS codes (a different numbering) and
  names are matched through the `kode_bps` crosswalk and the `nama_lain` alias table.
- **Log peristiwa**: logistik, checklist, insiden dan netralitas adalah log bercap waktu; keadaan
  pada tanggal mana pun dihitung ulang dari baris yang waktunya sampai akhir hari itu. ·
  Operational inputs are time-stamped event logs; the state at any date is replayed from the rows
  up to the end of that day.
- **Waktu** adalah waktu setempat sesuai `zona_waktu` di `wilayah.toml` (WIB, WITA atau WIT). ·
  Times are local to the region's time zone.
- **Format**: CSV (UTF-8 dengan atau tanpa BOM, UTF-16, Windows-1252; pemisah koma, titik koma
  atau tab; akhir baris apa pun) atau buku kerja XLSX, XLS dan ODS (python-calamine). Setiap lembar
  berdata dibaca: lembar-lembar yang berisi tabel digabung (pesan menyebut lembar dan barisnya);
  lembar tampak berisi tabel lain membuat berkas ditolak dengan menyebut lembar itu. Rumus tanpa
  nilai tersimpan disebut sebagai rumus. Jenis berkas dikenali dari isinya (PDF, gambar, dokumen
  Word, arsip disebut namanya). Angka boleh bergaya Indonesia (`1.234.567`, `12,5`; `12.345` berarti dua
  belas ribu; `-` berarti nol; `2,5%`). Tanggal hari dulu (`27/11/2024`, `27 November 2024`,
  `27 Nop 2024`), ISO (`2024-11-27`) atau nomor seri Excel. Ya/tidak: `ya`, `tidak`, `sudah`,
  `belum`, `1`, `0`. Baris judul di atas tabel, judul kolom dua baris, baris kosong, baris
  `JUMLAH`/`TOTAL` dan catatan/tanda tangan di bawah tabel dilewati. Kode (NIP, NIK, kode wilayah)
  selalu teks. Berkas yang diimpor (`python -m siaga impor`, halaman Data) disimpan dalam bentuk
  baku: UTF-8, pemisah koma, tanggal ISO.
- **Masalah** dilaporkan per berkas, baris (seperti nomor baris di Excel; judul = baris 1), kolom,
  nilai dan alasan; nilai kolom pribadi disamarkan. Bila ada galat, data terakhir yang sah tetap
  dipakai. · Problems name file, row, column, value and reason; personal values are masked; on any
  error the last good data stays served.

## `wilayah.toml`: konfigurasi daerah · region config

| kunci · key | contoh · example | keterangan · description |
|---|---|---|
| `wilayah.kode` | `"32.75"` | kode Kemendagri kab/kota · Kemendagri code |
| `wilayah.nama` | `"Kota Bekasi"` | nama daerah · region name |
| `wilayah.provinsi` | `"Jawa Barat"` | provinsi · province |
| `wilayah.zona_waktu` | `"WIB"` | WIB, WITA atau WIT · time zone |
| `wilayah.hari_pemungutan` | `2024-11-27` | hari pemungutan suara (hari H) · voting day |
| `wilayah.batas_logistik` | `2024-11-26` | batas logistik lengkap di TPS (bawaan H-1) \
· logistics deadline (default H-1) |
| `wilayah.simulasi` | `true` | tampilkan peringatan data simulasi · show the simulated-data notice |
| `wilayah.sumber_data` | `"…"` | sumber data untuk catatan kaki · data source for footers |
| `peta.batas_perkiraan` | `true` | batas wilayah perkiraan, bukan resmi · boundaries are approximate |
| `peta.sumber_batas` | `"cahyadsn/wilayah_boundaries …"` | sumber dan lisensi batas wilayah, tertulis di bawah \
setiap peta · credit of the boundaries, shown under every map |
| `kesiapan.bobot.{logistik,checklist,insiden,netralitas}` | `35, 35, 15, 15` | bobot relatif, dinormalkan \
· relative weights, normalised |
| `kesiapan.level.{siap,perhatian}` | `85, 70` | ambang level (skor ≥ siap: siap; ≥ perhatian: perlu perhatian; \
lainnya rawan) · level thresholds |
| `kesiapan.penalti.insiden_{rendah,sedang,tinggi}` | `1, 5, 15` | poin dikurangi per insiden terbuka \
· points off per open incident |
| `kesiapan.penalti.netralitas` | `15` | poin dikurangi per kasus netralitas terbuka · points off per open case |
| `kewajaran.awal`, `kewajaran.akhir` | `2023-11-28`, `2025-05-29` | jendela pemilihan (bawaan: 365 hari sebelum \
sampai 183 hari sesudah hari pemungutan) · election window (default around voting day) |
| `kewajaran.toleransi_jam` | `2` | waktu peristiwa boleh sejauh ini sesudah saat pemeriksaan · clock tolerance |
| `kewajaran.faktor_kebutuhan` | `2` | jumlah diterima lebih dari faktor × kebutuhan ditolak · quantity factor |
| `kewajaran.per_pemilih_maks`, `kewajaran.per_tps_maks` | `2`, `100` | batas faktor kebutuhan logistik \
· limits of the need formula |
| `privasi.sel_minimum` | `3` | demo publik: kelompok dengan kasus lebih sedikit digabung "Lainnya" \
(kasus netralitas per OPD) · public views: groups with fewer cases merged into "Lainnya" |

Rumus indeks kesiapan: `docs/readiness.md`. · Readiness formula: `docs/readiness.md`.

## `geo/kecamatan.geojson`, `geo/kelurahan.geojson`: batas wilayah · boundaries

GeoJSON FeatureCollection (WGS84; CRS lain diubah otomatis). Setiap fitur punya properti `kode`
(kode Kemendagri kecamatan atau kelurahan) dan sebaiknya `nama`. Fitur yang kodenya tidak ada
di `wilayah.csv`, dan wilayah tanpa fitur, dilaporkan sebagai peringatan. · Each feature carries
the Kemendagri `kode`; unmatched features and regions without a feature are reported as warnings.

Tahap logistik dan tingkat kode tempat · logistics stage and place-code level: """


def teks_kewajaran() -> list[str]:
    """The plausibility section: the rules, the status orders and the TPS tasks."""
    lines = ["## Kewajaran · Plausibility", "",
             "Nilai yang berbentuk benar tetapi tidak masuk akal. Galat menolak berkas; peringatan menerimanya dan "
             "menyebut yang janggal. Batas yang berbeda per daerah ada di `[kewajaran]` `wilayah.toml`. · Values that "
             "are well-formed but implausible. Errors refuse the file; warnings accept it and say what looks odd.", "",
             "| aturan · rule | keterangan | description |", "|---|---|---|"]
    lines += [f"| {nama} | {ket_id} | {ket_en} |" for nama, ket_id, ket_en in KEWAJARAN]
    lines += ["", "Urutan status · status orders:", ""]
    for m in MESIN_STATUS:
        urutan = " → ".join(f"`{x}`" for x in m.urutan)
        tutup = f"; ditutup · closed: {', '.join(f'`{x}`' for x in m.tutup)}" if m.tutup else ""
        lompat = f"; melompati tahap · skipping: {m.lompat}" if m.lompat else ""
        lines.append(f"- {m.ket_id} · {m.ket_en} (`{INPUTS[m.input].berkas}`, per `{m.kunci}`): {urutan}{tutup}; "
                     f"mundur · going back: {m.mundur}{lompat}.")
    lines += [f"- tugas persiapan TPS · TPS preparation tasks (`checklist.csv`): "
              f"{' → '.join(f'`{t}`' for t in TUGAS_TPS)}.", ""]
    return lines


def teks_kontrak() -> str:
    lines = [HEADER + ", ".join(f"`{k}` → {v}" for k, v in TINGKAT_TAHAP.items()) + ".", "", *teks_kewajaran()]
    for inp in INPUTS.values():
        lines += [f"## `{inp.berkas}`", "", f"{inp.ket_id} · {inp.ket_en}", ""]
        traits = [f"kunci · key: `{', '.join(inp.kunci)}`"]
        if inp.log:
            traits.append("log peristiwa · event log")
        if not inp.wajib:
            traits.append("**boleh tidak ada** (dimuat sebagai tabel kosong) · optional (loaded empty when absent)")
        if inp.terbatas:
            traits.append("**DATA PRIBADI: berkas terbatas, tidak pernah dimuat ke basis data bersama** · "
                          "personal data: restricted file, never loaded in the shared store")
        for r in inp.rujukan:
            traits.append(f"`{r.kolom}` → `{INPUTS[r.input].berkas}:{r.kolom_tujuan}`")
        lines += ["; ".join(traits), "",
                  "| kolom | jenis | wajib | keterangan | description | nilai · values |",
                  "|---|---|---|---|---|---|"]
        for k in inp.kolom:
            if k.pilihan:
                allowed = ", ".join(f"`{c}`" for c, _ in k.pilihan)
            elif k.jenis == "nama":
                allowed = "huruf, angka, spasi, `. , ' ( ) - / &`" + (", dipisah `|`" if k.pola == "daftar" else "")
            elif k.pola:
                allowed = " atau ".join(f"`{POLA[p]}`" for p in k.pola.split("|"))
            elif k.minimum is not None or k.maksimum is not None:
                lo = "" if k.minimum is None else f"{k.minimum:g}"
                hi = "" if k.maksimum is None else f"{k.maksimum:g}"
                allowed = f"{lo}–{hi}"
            else:
                allowed = ""
            pribadi = " (pribadi)" if k.pribadi else ""
            lines.append(f"| `{k.nama}` | {LABEL_JENIS_KOLOM[k.jenis]}{pribadi} | {'ya' if k.wajib else 'tidak'} | "
                         f"{k.ket_id} | {k.ket_en} | {allowed} |")
        lines.append("")
    return "\n".join(lines)


def tulis_kontrak(path: Path = ROOT / "docs" / "data-contract.md") -> Path:
    tulis_atomik(path, teks_kontrak())
    return path
