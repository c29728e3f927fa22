"""Data page: upload checks, the import report as tables, the history, the files in use.

The page (``pages/data.py``) is layout only; the import itself is :mod:`siaga.masuk.impor`. Every
table here holds only what may be shown: personal values are masked by the import before
they reach a report, and file names typed by users are escaped before Markdown renders them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from siaga.inti import fmt
from siaga.inti.config import Paths
from siaga.inti.kontrak import INPUTS
from siaga.inti.masalah import MasalahError
from siaga.masuk import impor, riwayat
from siaga.masuk.hasil import HasilImpor, sha256

TIPE_TABEL = ["csv", "txt", "tsv", "xlsx"]
TIPE_BATAS = ["geojson", "json", "zip"]
LABEL_TINGKAT_BATAS = {"": "Dikenali otomatis", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan/desa"}
MB = 1024 * 1024
LOG = [n for n, i in INPUTS.items() if i.log]
MODE = {impor.MODE_TAMBAH: "Tambahkan baris baru ke log", impor.MODE_GANTI: "Ganti seluruh berkas"}
aman = fmt.md   # text typed by users (file names) made inert for Markdown
TANPA_IMPOR = ("Impor, pemulihan dan riwayat impor hanya untuk admin. Pada demo publik (belum ada pengguna) "
               "semuanya dinonaktifkan: tambahkan pengguna dengan `python -m siaga pengguna tambah NAMA --peran "
               "admin`, atau impor dari baris perintah dengan `python -m siaga impor BERKAS --jenis JENIS`.")


def label(jenis: str) -> str:
    return impor.jenis_label(jenis)


def tipe(jenis: str) -> list[str]:
    return TIPE_BATAS if jenis == impor.JENIS_BATAS else TIPE_TABEL


def batas_mb() -> int:
    """The upload limit: ``server.maxUploadSize`` of ``.streamlit/config.toml`` (25 MB)."""
    return int(st.get_option("server.maxUploadSize"))


def terlalu_besar(ukuran: int, batas: int | None = None) -> str | None:
    """The message for a file above the limit, else None."""
    batas = batas or batas_mb()
    if ukuran <= batas * MB:
        return None
    return (f"Berkas ini {fmt.angka(ukuran / MB, 1)} MB, lebih besar dari batas unggah {fmt.angka(batas)} MB, "
            "sehingga tidak diperiksa. Pecah berkas (misalnya per kecamatan atau per minggu), simpan sebagai CSV "
            "(lebih kecil dari XLSX), atau minta petugas TI mengimpornya dengan perintah "
            "`python -m siaga impor BERKAS --jenis JENIS`.")


def periksa(paths: Paths, jenis: str, data: bytes, nama: str, opsi: dict) -> HasilImpor:
    """The dry-run report, computed once per file, type and options in this session."""
    key = ("data_laporan", jenis, sha256(data), nama, tuple(sorted(opsi.items())))
    simpan = st.session_state.get("_data_laporan")
    if simpan is None or simpan[0] != key:
        simpan = (key, impor.periksa(paths, jenis, data, nama, **opsi))
        st.session_state["_data_laporan"] = simpan
    return simpan[1]


def simpan(paths: Paths, jenis: str, data: bytes, nama: str, oleh: str, opsi: dict) -> HasilImpor:
    """Commit the upload (validated again under the import lock)."""
    try:
        return impor.impor(paths, jenis, data, nama, oleh=oleh, **opsi)
    except MasalahError as exc:
        return HasilImpor(jenis, nama, masalah=exc.masalah)


def pulihkan(paths: Paths, nomor: int, oleh: str) -> HasilImpor:
    try:
        return impor.pulihkan(paths, nomor, oleh=oleh)
    except MasalahError as exc:
        return HasilImpor("", f"versi {nomor}", masalah=exc.masalah)


def pesan_diterima(lap: HasilImpor, dimuat: bool) -> str:
    teks = aman(lap.ringkasan())
    if dimuat:
        return teks + " Dasbor memakai data baru."
    return teks + " Namun data keseluruhan belum dapat dimuat; dasbor tetap memakai data terakhir yang sah."


def lupakan() -> None:
    """Clear the upload and its report (after accepting or cancelling)."""
    st.session_state.pop("_data_laporan", None)
    st.session_state["data_unggah_n"] = st.session_state.get("data_unggah_n", 0) + 1


# Button callbacks: they run before the page, so a rerun of the page cannot lose the click.

def _catat(aksi: str, objek: str, hasil: HasilImpor) -> None:
    from siaga.akses import audit, gerbang
    from siaga.inti.galat import pesan_os

    try:
        gerbang.catat(aksi, objek + (f", versi {hasil.versi}" if hasil.versi else ""),
                      audit.BERHASIL if hasil.ok else audit.GAGAL)
    except OSError as exc:
        st.session_state["data_audit_galat"] = ("Tercatat di riwayat impor, tetapi log audit tidak dapat ditulis. "
                                                + pesan_os(exc, "menulis log audit"))


def terima(paths: Paths, jenis: str, data: bytes, nama: str, oleh: str, opsi: dict) -> None:
    from siaga import akses
    from siaga.akses import audit, gerbang
    from siaga.tampilan import ui

    gerbang.akses().wajib(akses.IMPOR)
    hasil = simpan(paths, jenis, data, nama, oleh, opsi)
    _catat(audit.IMPOR, f"{jenis}: {nama}", hasil)
    if hasil.ok:
        st.session_state["data_pesan"] = (pesan_diterima(hasil, ui.store().muat()) if hasil.berubah
                                          else aman(hasil.ringkasan()))
        lupakan()
    else:
        st.session_state["data_gagal"] = hasil


def batal() -> None:
    lupakan()
    st.session_state["data_pesan"] = "Impor dibatalkan; tidak ada yang diubah."


def pulihkan_versi(paths: Paths, nomor: int, oleh: str) -> None:
    from siaga import akses
    from siaga.akses import audit, gerbang
    from siaga.tampilan import ui

    gerbang.akses().wajib(akses.PULIHKAN)
    hasil = pulihkan(paths, nomor, oleh)
    _catat(audit.PULIHKAN, f"versi {nomor}", hasil)
    if hasil.ok:
        ui.store().muat()
        st.session_state["data_pesan"] = (f"Versi {nomor} dipulihkan; dicatat sebagai versi {hasil.versi}."
                                          if hasil.berubah else f"Versi {nomor} sudah dipakai sekarang.")
        st.session_state["data_yakin"] = False
    else:
        st.session_state["data_gagal"] = hasil


def tabel_catatan(lap: HasilImpor) -> pd.DataFrame:
    return pd.DataFrame({"Catatan pembacaan": lap.catatan})


def tabel_padanan(lap: HasilImpor) -> pd.DataFrame:
    p = lap.padanan
    if p is None or p.empty:
        return pd.DataFrame()
    satuan = "fitur" if lap.jenis == impor.JENIS_BATAS else "baris"
    return pd.DataFrame({"Kolom": p["kolom"], "Tertulis di berkas": p["nilai"], "Kode Kemendagri": p["kode"],
                         "Nama resmi": p["nama"], "Dicocokkan lewat": p["cara"],
                         f"Jumlah {satuan}": p["jumlah"].map(fmt.angka)})


def _waktu(v: riwayat.Versi) -> str:
    return fmt.waktu_tanpa_zona(v.waktu_dt)


LABEL_AKSI_RIWAYAT = {riwayat.AKSI_IMPOR: "Impor", riwayat.AKSI_PULIHKAN: "Pemulihan",
                      riwayat.AKSI_AWAL: "Keadaan awal"}


def tabel_riwayat(paths: Paths) -> pd.DataFrame:
    """Every version, newest first; ``Dipakai`` marks the files in use now."""
    semua = riwayat.daftar(paths)
    rows = [{"Versi": v.nomor, "Waktu": _waktu(v), "Oleh": v.oleh, "Aksi": LABEL_AKSI_RIWAYAT.get(v.aksi, v.aksi),
             "Berkas": ", ".join(b["nama"] for b in v.berkas), "Sumber": v.sumber,
             "Baris/fitur": fmt.angka(v.baris), "Status": v.status,
             "Dipakai": "ya" if riwayat.dipakai(paths, v) else "", "Keterangan": v.keterangan} for v in reversed(semua)]
    return pd.DataFrame(rows, columns=["Versi", "Waktu", "Oleh", "Aksi", "Berkas", "Sumber", "Baris/fitur", "Status",
                                       "Dipakai", "Keterangan"])


def versi_pulih(paths: Paths) -> list[int]:
    return [v.nomor for v in reversed(riwayat.daftar(paths)) if v.status == riwayat.SELESAI]


def label_versi(paths: Paths):
    semua = {v.nomor: v for v in riwayat.daftar(paths)}

    def fmt_versi(n: int) -> str:
        v = semua[n]
        return f"Versi {n} · {_waktu(v)} · {', '.join(b['nama'] for b in v.berkas)} · {v.oleh}"
    return fmt_versi


def status_berkas(paths: Paths) -> pd.DataFrame:
    """Each input file: present, size, last change, and the version it is (if imported)."""
    semua = riwayat.daftar(paths)
    rows = []
    files = [("data", i.berkas, i.ket_id) for i in INPUTS.values()]
    files += [("geo", "kecamatan.geojson", "Batas kecamatan"), ("geo", "kelurahan.geojson", "Batas kelurahan")]
    for folder, nama, ket in files:
        p = riwayat.target(paths, folder, nama)
        versi = ""
        if p.is_file():
            sha = sha256(p.read_bytes())
            hit = [v.nomor for v in semua if v.status == riwayat.SELESAI
                   and any(b["folder"] == folder and b["nama"] == nama and b["sha256"] == sha for b in v.berkas)]
            versi = str(hit[-1]) if hit else "di luar riwayat"
            st_ = p.stat()
            ubah = dt.datetime.fromtimestamp(st_.st_mtime)
            rows.append({"Berkas": nama, "Isi": ket, "Ukuran": f"{fmt.angka(st_.st_size / 1024, 1)} KB",
                         "Diubah": f"{fmt.tanggal(ubah, pendek=True)} {ubah:%H.%M}", "Versi": versi})
        else:
            rows.append({"Berkas": nama, "Isi": ket, "Ukuran": "", "Diubah": "belum ada", "Versi": ""})
    return pd.DataFrame(rows)
