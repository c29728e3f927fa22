"""Command line: ``python -m siaga <perintah>``.

- ``demo``     regenerate the Kota Bekasi demo files (same seed, same files); ``--skala nasional
               --out DIR [--faktor F]`` writes the synthetic national dataset instead
- ``periksa``  validate the input folders and print the problems in Indonesian
- ``muat``     validate the inputs once and publish a snapshot for the app processes; ``--awasi``
               keeps watching and publishes once per change (:mod:`siaga.data.terbit`)
- ``layani``   serve the app: the loader, N Streamlit processes and nginx in front (``--proses N``)
- ``kontrak``  write docs/data-contract.md from the contract
- ``impor``    import one file (``python -m siaga impor FILE --jenis JENIS [--dry-run]``)
- ``riwayat``  list the import versions
- ``pulihkan`` restore a version (``python -m siaga pulihkan VERSI``)
- ``laporan``  write the daily report (``python -m siaga laporan --format pdf|png|pptx``)
- ``pengguna`` users of the dashboard (``tambah``, ``hapus``, ``reset``, ``daftar``)
- ``hapus-pribadi`` delete identities of cases closed before a date (``--sebelum TANGGAL``) and the
  photos of incidents closed before it

The import logic lives in :mod:`siaga.masuk.impor`, :mod:`siaga.masuk.impor_batas` and :mod:`siaga.masuk.riwayat`;
users in :mod:`siaga.akses.pengguna`, retention in :mod:`siaga.akses.retensi`. Every change is written to the
audit log as user ``cli:<system user>``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import tomllib
from pathlib import Path

from siaga.inti.config import CONFIG_FILE, ROOT, Paths


def _faktor(teks: str) -> float:
    try:
        f = float(teks.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"faktor {teks!r} bukan angka; tulis mis. 0.002") from None
    if not 0 < f <= 1:
        raise argparse.ArgumentTypeError(f"faktor {teks} di luar rentang: harus lebih dari 0 dan paling besar 1")
    return f


def _jumlah(teks: str) -> int:
    try:
        n = int(teks)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{teks!r} bukan bilangan bulat") from None
    if not 1 <= n <= 32:
        raise argparse.ArgumentTypeError(f"{n} di luar rentang 1–32")
    return n


def _jumlah_nol(teks: str) -> int:
    return 0 if teks.strip() == "0" else _jumlah(teks)


def _demo(args) -> int:
    nasional = args.skala == "nasional"
    if nasional:
        from siaga.demo.kota import SEED
        from siaga.demo.nasional import buat, ukuran

        if not args.out and not (args.data and args.geo):
            print("Skala nasional memerlukan --out FOLDER (atau --data dan --geo).", file=sys.stderr)
            return 2
        data = Path(args.data) if args.data else Path(args.out) / "data"
        geo = Path(args.geo) if args.geo else Path(args.out) / "geo"
    else:
        from siaga.demo.kota import SEED, buat

        if args.out or args.faktor is not None:
            print("--out dan --faktor hanya berlaku untuk --skala nasional.", file=sys.stderr)
            return 2
        data = Path(args.data) if args.data else ROOT / "data"
        geo = Path(args.geo) if args.geo else ROOT / "geo"
    cfg = data / CONFIG_FILE
    if cfg.is_file() and not args.paksa:
        try:
            simulasi = tomllib.loads(cfg.read_text(encoding="utf-8")).get("wilayah", {}).get("simulasi", False)
        except tomllib.TOMLDecodeError:
            simulasi = False
        if not simulasi:
            print(f"Folder {data} berisi data yang bukan simulasi; demo tidak ditulis (pakai --paksa bila yakin).",
                  file=sys.stderr)
            return 2
    started = time.perf_counter()
    seed = args.seed if args.seed is not None else SEED
    if nasional:
        counts = buat(data, geo, seed=seed, faktor=args.faktor if args.faktor is not None else 1.0,
                          kabar=_kabar)
    else:
        from siaga.inti.masalah import MasalahError

        try:
            counts = buat(data, geo, seed=seed)
        except MasalahError as exc:            # the reference boundaries did not pass the boundary import
            for m in exc.masalah:
                print(f"[{m.tingkat}] {m.pesan()}", file=sys.stderr)
            return 1
    for name, n in counts.items():
        print(f"{name:28s} {n:>9,d} baris".replace(",", "."))
    if nasional:
        mb = f"{ukuran(data, geo) / 1e6:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
        print(f"Ditulis ke {data} dan {geo}: {mb} MB.")
    print(f"Selesai dalam {time.perf_counter() - started:.1f} detik.")
    return 0


def _periksa(args) -> int:
    from siaga.data.store import Store

    store = Store(Paths.dari_env())
    ok = store.muat()
    problems = store.ditolak if not ok else store.snapshot.peringatan
    for m in problems:
        print(f"[{m.tingkat}] {m.pesan()}")
    if ok:
        print(f"Data diterima (versi {store.versi}); {len(problems)} peringatan.")
        return 0
    print(f"Data ditolak: {sum(m.tingkat == 'galat' for m in problems)} galat.", file=sys.stderr)
    return 1


def _muat(args) -> int:
    import logging

    from siaga.data import terbit

    paths = Paths.dari_env()
    if args.awasi:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        try:
            return terbit.awasi(paths, induk=args.induk)
        except KeyboardInterrupt:
            return 0
    tujuan = terbit.folder(paths)
    try:
        hasil = terbit.terbitkan(paths, paksa=args.paksa)
    except OSError as exc:
        print(f"Pemuatan gagal: {terbit.sebab_gagal(exc, tujuan)}.", file=sys.stderr)
        return 1
    if hasil == terbit.GAGAL:
        print(f"Pemuatan gagal: {terbit.ditolak(tujuan)[1][0].alasan}.", file=sys.stderr)
        return 1
    if hasil == terbit.TOLAK:
        _, masalah = terbit.ditolak(tujuan)
        for m in masalah:
            print(f"[{m.tingkat}] {m.pesan()}", file=sys.stderr)
        print(f"Data ditolak: {sum(m.tingkat == 'galat' for m in masalah)} galat; snapshot sebelumnya tetap dipakai.",
              file=sys.stderr)
        return 1
    versi = (terbit.terkini(tujuan) or {}).get("versi")
    if hasil == terbit.SAMA:
        print(f"Data tidak berubah; snapshot {versi} sudah terbit di {tujuan}.")
    else:
        detik = next((j.get("detik") for j in reversed(terbit.jurnal(tujuan)) if j.get("versi") == versi), None)
        print(f"Snapshot {versi} terbit di {tujuan}" + (f" ({str(detik).replace('.', ',')} detik)." if detik else "."))
    return 0


def _layani(args) -> int:
    from siaga.layan import nginx, proses

    if args.cetak_nginx:
        port = [args.port_app + i for i in range(args.proses)]
        layar = [args.port_app + args.proses + i for i in range(args.proses_layar)]
        print(nginx.susun(port, layar, f"{args.alamat}:{args.port}", mandiri=False), end="")
        return 0
    return proses.layani(Paths.dari_env(), args.proses, args.port, args.alamat, args.port_app, args.proses_layar,
                         Path(args.folder_jalan) if args.folder_jalan else None)


def _kontrak(args) -> int:
    from siaga.inti.dokumen import tulis_kontrak

    path = tulis_kontrak()
    print(f"Ditulis: {path.relative_to(ROOT)}")
    return 0


def _pengguna() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "(pengguna tidak dikenal)"


def _audit(aksi: str, objek: str, hasil: str = "berhasil") -> bool:
    """An audit line for a command (user ``cli:<system user>``); ``aksi`` is one of siaga.akses.audit's.
    False (and one line on stderr) when the audit log cannot be written."""
    from siaga.akses import audit, pengguna
    from siaga.inti.galat import pesan_os

    try:
        audit.catat(pengguna.folder(Paths.dari_env()), pengguna=f"cli:{_pengguna()}", peran="cli", aksi=aksi,
                    objek=objek, hasil=hasil)
    except OSError as exc:
        print(f"Tercatat di riwayat, tetapi log audit tidak dapat ditulis. {pesan_os(exc, 'menulis log audit')}",
              file=sys.stderr)
        return False
    return True


def _kabar(teks: str) -> None:
    print(f"… {teks}", file=sys.stderr, flush=True)


def _impor(args) -> int:
    from siaga.inti.masalah import MasalahError
    from siaga.masuk import impor

    src = Path(args.berkas)
    if not src.exists():
        print(f"Berkas tidak ditemukan: {src}", file=sys.stderr)
        return 2
    opsi = {"mode": args.mode} if args.mode else {}
    if args.jenis == impor.JENIS_BATAS:
        if args.mode:
            print("--mode hanya untuk data tabel; batas wilayah selalu diganti.", file=sys.stderr)
            return 2
        opsi = {"path": src, "tingkat": args.tingkat, "turunkan": args.turunkan_kecamatan}
        data = src.read_bytes() if src.is_file() else None
    elif src.is_dir():
        print(f"{src} adalah folder; jenis {args.jenis} memerlukan satu berkas CSV atau XLSX.", file=sys.stderr)
        return 2
    else:
        data = src.read_bytes()
    started = time.perf_counter()
    try:
        lap = impor.impor(Paths.dari_env(), args.jenis, data, src.name, oleh=args.oleh or _pengguna(),
                          uji=args.dry_run, kabar=_kabar, **opsi)
    except MasalahError as exc:
        for m in exc.masalah:
            print(f"[{m.tingkat}] {m.pesan()}", file=sys.stderr)
        return 1
    objek = f"{args.jenis}: {src.name}" + (f", versi {lap.versi}" if lap.versi else "")
    tercatat = args.dry_run or _audit("impor", objek, "berhasil" if lap.ok else "gagal")
    print(lap.teks(uji=args.dry_run))
    print(f"Waktu: {time.perf_counter() - started:.1f} detik.".replace(".", ",", 1))
    if not lap.ok:                      # the report is on stdout; the reason, in one line, on stderr
        print(f"Impor ditolak: {lap.galat[0].alasan}" if lap.galat[0].berkas == "riwayat" else
              f"Impor ditolak: {len(lap.galat)} galat; yang pertama: {lap.galat[0].pesan()}", file=sys.stderr)
    return 0 if lap.ok and tercatat else 1


def _riwayat(args) -> int:
    from siaga.inti.fmt import angka, tanggal
    from siaga.masuk import riwayat

    paths = Paths.dari_env()
    semua = riwayat.daftar(paths)              # read only: no lock, nothing written
    if not semua:
        print("Belum ada riwayat impor di folder data ini.")
        return 0
    print(f"{'versi':>5}  {'waktu':<19}  {'oleh':<16}  {'aksi':<8}  {'jenis':<18}  {'baris':>9}  "
          f"{'status':<8}  sumber")
    for v in semua:
        w = v.waktu_dt
        aktif = " *" if riwayat.dipakai(paths, v) else ""
        jenis = v.jenis or ", ".join(b["nama"] for b in v.berkas)
        print(f"{v.nomor:>5}  {tanggal(w, pendek=True):<13}{w:%H.%M}  {v.oleh[:16]:<16}  {v.aksi:<8}  "
              f"{jenis[:18]:<18}  {angka(v.baris):>9}  {v.status:<8}  {v.sumber}{aktif}"
              + (f" — {v.keterangan}" if v.keterangan else ""))
    print("* = berkas versi ini yang dipakai sekarang. Pulihkan dengan: python -m siaga pulihkan VERSI")
    if any(v.status == riwayat.MENUNGGU for v in semua):
        print("Versi berstatus menunggu: impor sedang berjalan, atau terputus dan dirampungkan oleh impor berikutnya.",
              file=sys.stderr)
    return 0


def _pulihkan(args) -> int:
    from siaga.inti.masalah import MasalahError
    from siaga.masuk import impor

    try:
        lap = impor.pulihkan(Paths.dari_env(), args.versi, oleh=args.oleh or _pengguna())
    except MasalahError as exc:
        for m in exc.masalah:
            print(f"[{m.tingkat}] {m.pesan()}", file=sys.stderr)
        return 1
    _audit("pulihkan", f"versi {args.versi}" + (f" -> versi {lap.versi}" if lap.versi else ""),
           "berhasil" if lap.ok else "gagal")
    for m in lap.masalah:
        print(f"[{m.tingkat}] {m.pesan()}")
    if lap.ok and not lap.berubah:
        print(f"Versi {args.versi} sudah dipakai sekarang; tidak ada yang diubah.")
        return 0
    if lap.ok:
        print(f"Versi {args.versi} dipulihkan: {', '.join(b.nama for b in lap.berkas)}; dicatat sebagai versi "
              f"{lap.versi}.")
        return 0
    print(f"Versi {args.versi} tidak dipulihkan: {len(lap.galat)} galat; data sekarang tetap dipakai.", file=sys.stderr)
    return 1


def _tanggal(teks: str) -> dt.date:
    try:
        return dt.date.fromisoformat(teks)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal {teks!r} tidak sah; tulis TTTT-BB-HH, mis. 2024-11-20") from None


def _kemajuan(bagian: float, teks: str) -> None:
    print(f"… {round(100 * bagian):3d}% {teks}", file=sys.stderr, flush=True)


def _store_kabkota():
    """The loaded store of one kab/kota for a command that works on one (the report, deliveries):
    ``(store, 0)``, or ``(None, exit code)`` after one Indonesian line."""
    from siaga.data.store import Store
    from siaga.model.konteks import HANYA_KABKOTA

    store = Store(Paths.dari_env())
    if not store.muat():
        print("Data tidak dapat dimuat; lihat masalahnya dengan: python -m siaga periksa", file=sys.stderr)
        return None, 1
    if store.wilayah.multi:
        print(HANYA_KABKOTA, file=sys.stderr)
        return None, 2
    return store, 0


def _laporan(args) -> int:
    from siaga import laporan
    from siaga.inti import fileio, fmt
    from siaga.model.konteks import Rentang

    store, gagal = _store_kabkota()
    if store is None:
        return gagal
    tanggal = args.tanggal or Rentang.dari_query(store.query).akhir
    out = Path(args.out or laporan.nama_berkas(args.kecamatan or store.wilayah.kode, tanggal, args.format))
    started = time.perf_counter()
    try:
        data = laporan.buat(store, tanggal, args.kecamatan, args.format, kabar=_kemajuan)
    except laporan.KecamatanTidakDikenal as exc:
        print(exc, file=sys.stderr)
        return 2
    except laporan.LaporanError as exc:
        print(exc, file=sys.stderr)
        return 1
    fileio.tulis_atomik(out, data, mode=0o644)     # a report to share, not a private file
    print(f"Laporan ditulis: {out} ({fmt.angka(len(data) / 1024)} KB, {fmt.angka(time.perf_counter() - started, 1)} "
          "detik).")
def _jam(teks: str):
    import datetime as dt

    try:
        return dt.time.fromisoformat(teks.strip().replace(".", ":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"jam {teks!r} tidak sah; tulis JJ.MM, mis. 07.45") from None


def _kirim_cmd(args) -> int:
    from siaga.kirim import antar

    store, gagal = _store_kabkota()
    if store is None:
        return gagal
    oleh = f"cli:{_pengguna()}"
    if args.aksi == "peringatan":
        hasil = antar.peringatan(store, args.tanggal, args.jam, coba=args.coba, oleh=oleh)
        for teks in hasil.coba:
            print(teks + "\n")
        baru = sum(n for _, n in hasil.terkirim)
        from siaga.inti import fmt

        waktu = fmt.waktu(hasil.saat, store.wilayah.zona_waktu)
        if args.coba:
            print(f"Uji coba per {waktu}: {fmt.angka(hasil.peristiwa)} peristiwa berlaku, "
                  f"{fmt.angka(len(hasil.coba))} pesan akan dikirim; tidak ada yang dikirim.")
        else:
            print(f"Peringatan per {waktu}: {fmt.angka(hasil.peristiwa)} peristiwa berlaku, "
                  f"{fmt.angka(len(hasil.terkirim))} pesan terkirim ({fmt.angka(baru)} peristiwa baru), "
                  f"{fmt.angka(len(hasil.gagal))} gagal.")
    else:
        from siaga import laporan
        from siaga.kirim.setelan import muat

        daftar = muat(store.wilayah).daftar
        if args.ke not in daftar:
            print(f"Daftar penerima {args.ke!r} tidak ada di wilayah.toml [kirim.daftar]; yang ada: "
                  f"{', '.join(daftar)}.", file=sys.stderr)
            return 2
        try:
            hasil = antar.laporan_harian(store, args.ke, args.tanggal, args.format, oleh=oleh, kabar=_kemajuan)
        except laporan.LaporanError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"Laporan terkirim ke {len(hasil.terkirim)} penerima daftar {args.ke}"
              + (f", {len(hasil.gagal)} gagal." if hasil.gagal else ".") if hasil.terkirim or hasil.gagal else
              f"Laporan tanggal itu sudah terkirim ke semua penerima daftar {args.ke}; tidak ada yang dikirim ulang.")
    for g in hasil.gagal:
        print(g, file=sys.stderr)
    return 1 if hasil.gagal else 0


def _sandi(args, nama: str) -> str | None:
    """The password from one line of standard input (--sandi-stdin) or typed twice at a prompt."""
    import getpass

    if args.sandi_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    pertama = getpass.getpass(f"Kata sandi untuk {nama}: ")
    if getpass.getpass("Ulangi kata sandi: ") != pertama:
        print("Kedua kata sandi tidak sama; tidak ada yang diubah.", file=sys.stderr)
        return None
    return pertama


def _kecamatan_ada(paths: Paths) -> set[str] | None:
    from siaga.masuk.periksa import muat_sekarang

    tabel, _ = muat_sekarang(paths, {"wilayah"})
    if "wilayah" not in tabel:
        return None
    w = tabel["wilayah"]
    return set(w.loc[w["tingkat"].isin(("kecamatan", "kelurahan")), "kode"])


def _kata_daerah(paths: Paths) -> tuple[str, ...]:
    """The desk's names a password must not be built from (region, province)."""
    from siaga.inti.config import muat_wilayah
    from siaga.inti.masalah import MasalahError

    try:
        w = muat_wilayah(paths.data)
    except MasalahError:
        return ()
    return tuple(x for x in (w.nama, w.provinsi, *w.nama.split(), *w.provinsi.split()) if x)


def _pengguna_cmd(args) -> int:
    from siaga import akses
    from siaga.akses import pengguna

    paths = Paths.dari_env()
    d = pengguna.folder(paths)
    try:
        if args.aksi == "daftar":
            semua = pengguna.daftar(d)
            if not semua:
                print("Belum ada pengguna: dasbor berjalan sebagai demo publik (hanya angka agregat, tanpa data "
                      "pribadi, tanpa impor).")
                return 0
            print(f"{'nama':<20}  {'peran':<12}  {'kecamatan':<10}  {'masuk dengan':<14}  dibuat")
            for p in semua:
                cara = " + ".join(x for x in ("sandi" if p.hash else "", "akun organisasi" if p.email else "") if x)
                print(f"{p.nama:<20}  {p.peran:<12}  {p.kelurahan or p.kecamatan or '-':<10}  {cara:<14}  {p.dibuat}")
            return 0
        nama = args.nama.strip().lower()
        if args.aksi == "hapus":
            pengguna.hapus(d, nama)
            _audit("pengguna_hapus", nama)
            print(f"Pengguna {nama} dihapus.")
            return 0
        sandi = None
        if args.aksi == "reset" or not args.tanpa_sandi:
            sandi = _sandi(args, nama)
            if sandi is None:
                return 2
        kata = _kata_daerah(paths)
        if args.aksi == "reset":
            pengguna.reset(d, nama, sandi, kata)
            _audit("pengguna_reset", nama)
            print(f"Kata sandi {nama} diganti; kunci akibat gagal masuk dilepas.")
            return 0
        p = pengguna.tambah(d, nama, args.peran, sandi, kecamatan=args.kecamatan, email=args.email,
                            kecamatan_ada=_kecamatan_ada(paths), kata_lain=kata, kelurahan=args.kelurahan)
        tempat = p.kelurahan or p.kecamatan
        _audit("pengguna_tambah", f"{p.nama} ({p.peran}{', ' + tempat if tempat else ''})")
        print(f"Pengguna {p.nama} ditambahkan sebagai {akses.LABEL_PERAN[p.peran]}"
              + (f" Kelurahan {p.kelurahan}" if p.kelurahan else f" Kecamatan {p.kecamatan}" if p.kecamatan else "")
              + ".")
        return 0
    except pengguna.PenggunaError as exc:
        print(f"Ditolak: {exc}.", file=sys.stderr)
        return 1


def _hapus_pribadi(args) -> int:
    import datetime as dt

    from siaga.akses import retensi

    try:
        sebelum = dt.date.fromisoformat(args.sebelum)
    except ValueError:
        print("--sebelum harus berupa tanggal TTTT-BB-HH, mis. 2025-03-01.", file=sys.stderr)
        return 2
    hasil = retensi.hapus_pribadi(Paths.dari_env(), sebelum, oleh=args.oleh or _pengguna(), uji=args.dry_run)
    for m in hasil.masalah:
        print(f"[{m.tingkat}] {m.pesan()}", file=sys.stderr)
    if hasil.masalah:
        _audit("hapus_pribadi", f"sebelum {sebelum}", "gagal")
        return 1
    if hasil.foto:
        print(("Akan dihapus (--dry-run, tidak ada yang diubah): " if args.dry_run else "Dihapus: ")
              + f"{hasil.foto} foto lampiran dari {len(hasil.insiden)} insiden yang selesai sebelum "
              f"{sebelum.isoformat()} ({', '.join(hasil.insiden)}).")
        if not args.dry_run:
            _audit("hapus_pribadi", f"sebelum {sebelum}: foto insiden {', '.join(hasil.insiden)}")
    if not hasil.kasus:
        print(f"Tidak ada identitas kasus yang ditutup sebelum {sebelum.isoformat()}.")
        return 0
    daftar = ", ".join(hasil.kasus)
    if args.dry_run:
        print(f"Akan dihapus (--dry-run, tidak ada yang diubah): identitas {len(hasil.kasus)} kasus: {daftar}.")
        return 0
    _audit("hapus_pribadi", f"sebelum {sebelum}: kasus {daftar}")
    print(f"Identitas {len(hasil.kasus)} kasus dihapus ({daftar}); berkas dicatat sebagai versi {hasil.versi}, "
          f"salinan di {len(hasil.versi_disaring)} versi riwayat ikut dibersihkan.")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m siaga", description="Siaga Pilkada — perintah baris")
    sub = p.add_subparsers(dest="perintah", required=True)
    d = sub.add_parser("demo", help="buat ulang data demo Kota Bekasi (simulasi) atau data sintetis skala nasional")
    d.add_argument("--skala", choices=("kota", "nasional"), default="kota",
                   help="kota: demo Kota Bekasi (bawaan); nasional: data sintetis 37 provinsi, 508 kab/kota")
    d.add_argument("--out", metavar="FOLDER", help="nasional: folder tujuan, ditulis FOLDER/data dan FOLDER/geo")
    d.add_argument("--faktor", type=_faktor, metavar="F",
                   help="nasional: pengali jumlah baris, lebih dari 0 sampai 1 (bawaan: 1, skala penuh)")
    d.add_argument("--data", help="folder data tujuan (bawaan: data/ di repo; nasional: FOLDER/data)")
    d.add_argument("--geo", help="folder batas wilayah tujuan (bawaan: geo/ di repo; nasional: FOLDER/geo)")
    d.add_argument("--seed", type=int, help="benih acak (bawaan: 20241127)")
    d.add_argument("--paksa", action="store_true", help="tulis walau folder berisi data bukan simulasi")
    d.set_defaults(fn=_demo)
    c = sub.add_parser("periksa", help="periksa berkas masukan di SIAGA_DATA/SIAGA_GEO")
    c.set_defaults(fn=_periksa)
    m = sub.add_parser("muat", help="periksa masukan sekali dan terbitkan snapshot untuk proses aplikasi")
    m.add_argument("--awasi", action="store_true",
                   help="terus mengawasi berkas masukan dan menerbitkan sekali setiap kali berubah")
    m.add_argument("--induk", type=int, metavar="PID", help="--awasi: berhenti bila proses ini berhenti")
    m.add_argument("--paksa", action="store_true", help="bangun ulang walau masukan tidak berubah")
    m.set_defaults(fn=_muat)
    ly = sub.add_parser("layani", help="layani dasbor: pemuat data, N proses aplikasi dan nginx di depannya")
    ly.add_argument("--proses", type=_jumlah, default=2, metavar="N", help="jumlah proses aplikasi (bawaan: 2)")
    ly.add_argument("--proses-layar", type=_jumlah_nol, default=0, metavar="M",
                    help="proses tambahan khusus layar besar (?mode=layar), agar beban desk tidak membekukannya")
    ly.add_argument("--port", type=int, default=8501, help="port nginx (bawaan: 8501)")
    ly.add_argument("--alamat", default="127.0.0.1",
                    help="alamat nginx (bawaan: 127.0.0.1; 0.0.0.0 untuk jaringan kantor)")
    ly.add_argument("--port-app", type=int, default=8601, help="port proses aplikasi pertama (bawaan: 8601)")
    ly.add_argument("--folder-jalan", metavar="FOLDER", help="folder nginx.conf dan log (bawaan: folder sementara)")
    ly.add_argument("--cetak-nginx", action="store_true",
                    help="cetak konfigurasi nginx untuk server (sites-available) lalu keluar")
    ly.set_defaults(fn=_layani)
    k = sub.add_parser("kontrak", help="tulis docs/data-contract.md dari kontrak data")
    k.set_defaults(fn=_kontrak)
    from siaga.masuk.impor import JENIS

    i = sub.add_parser("impor", help="impor satu berkas (CSV, XLSX, GeoJSON, shapefile) setelah diperiksa")
    i.add_argument("berkas", metavar="FILE", help="berkas yang diimpor (shapefile: .zip, .shp atau folder)")
    i.add_argument("--jenis", required=True, choices=JENIS, metavar="JENIS",
                   help="jenis data: " + ", ".join(JENIS))
    i.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan apa pun")
    i.add_argument("--mode", choices=("tambah", "ganti"),
                   help="tambah: baris laporan ditambahkan ke log (bawaan untuk logistik, checklist, insiden, "
                        "netralitas); ganti: seluruh berkas diganti (bawaan untuk daftar)")
    i.add_argument("--oleh", help="nama petugas yang mengimpor (bawaan: pengguna sistem)")
    i.add_argument("--tingkat", choices=("kecamatan", "kelurahan"), help="batas: tingkat wilayah (bawaan: dikenali)")
    i.add_argument("--turunkan-kecamatan", action="store_true",
                   help="batas kelurahan: tulis juga batas kecamatan hasil penggabungan kelurahan")
    i.set_defaults(fn=_impor)
    r = sub.add_parser("riwayat", help="daftar versi hasil impor")
    r.set_defaults(fn=_riwayat)
    pl = sub.add_parser("pulihkan", help="pulihkan satu versi dari riwayat")
    pl.add_argument("versi", metavar="VERSI", type=int, help="nomor versi (lihat: python -m siaga riwayat)")
    pl.add_argument("--oleh", help="nama petugas (bawaan: pengguna sistem)")
    pl.set_defaults(fn=_pulihkan)
    lp = sub.add_parser("laporan", help="tulis laporan harian (PDF, gambar PNG dan poster dalam zip, atau PPTX)")
    lp.add_argument("--tanggal", type=_tanggal, help="data per tanggal TTTT-BB-HH (bawaan: hari data terakhir)")
    lp.add_argument("--format", choices=("pdf", "png", "pptx"), default="pdf",
                    help="pdf: A4 mendatar; png: berkas .zip berisi satu gambar 1600×900 per slide; pptx: 16:9")
    lp.add_argument("--kecamatan", metavar="KODE", help="kode Kemendagri kecamatan (bawaan: seluruh wilayah)")
    lp.add_argument("--out", metavar="BERKAS",
                    help="berkas tujuan (bawaan: laporan-<kode>-<tanggal>.pdf|zip|pptx di folder kerja)")
    lp.set_defaults(fn=_laporan)
    ki = sub.add_parser("kirim", help="kirim peringatan atau laporan harian lewat e-mail/webhook "
                                      "([kirim] di wilayah.toml)")
    kaksi = ki.add_subparsers(dest="aksi", required=True)
    kp = kaksi.add_parser("peringatan", help="periksa aturan peringatan pada saat itu dan kirim yang baru")
    kp.add_argument("--tanggal", type=_tanggal, help="tanggal TTTT-BB-HH (bawaan: hari ini menurut jam desk)")
    kp.add_argument("--jam", type=_jam, help="pukul JJ.MM waktu setempat (bawaan: sekarang, atau akhir data)")
    kp.add_argument("--coba", action="store_true", help="tampilkan pesan yang akan dikirim, jangan kirim apa pun")
    kl = kaksi.add_parser("laporan", help="kirim laporan harian (PDF atau gambar slide utama) ke satu daftar")
    kl.add_argument("--ke", required=True, metavar="DAFTAR", help="nama daftar penerima, mis. pimpinan")
    kl.add_argument("--tanggal", type=_tanggal, help="data per tanggal TTTT-BB-HH (bawaan: hari data terakhir)")
    kl.add_argument("--format", choices=("pdf", "png"), default="pdf",
                    help="pdf: laporan A4; png: gambar tegak slide utama (untuk WhatsApp)")
    ki.set_defaults(fn=_kirim_cmd)
    from siaga.akses import PERAN

    pg = sub.add_parser("pengguna", help="kelola pengguna dasbor (tanpa pengguna: demo publik hanya-baca)")
    aksi = pg.add_subparsers(dest="aksi", required=True)
    t = aksi.add_parser("tambah", help="tambah pengguna")
    t.add_argument("nama", metavar="NAMA", help="nama pengguna (huruf kecil, angka, . _ -)")
    t.add_argument("--peran", required=True, choices=PERAN, help="peran: " + ", ".join(PERAN))
    t.add_argument("--kecamatan", help="kode Kemendagri kecamatan (wajib untuk camat), mis. 32.75.01")
    t.add_argument("--kelurahan", help="kode Kemendagri kelurahan/desa (wajib untuk lurah), mis. 32.75.01.1001")
    t.add_argument("--email", help="e-mail untuk masuk lewat akun organisasi (bila [auth] disetel)")
    t.add_argument("--tanpa-sandi", action="store_true", help="hanya masuk lewat akun organisasi (perlu --email)")
    t.add_argument("--sandi-stdin", action="store_true", help="baca kata sandi dari satu baris masukan standar")
    h = aksi.add_parser("hapus", help="hapus pengguna")
    h.add_argument("nama", metavar="NAMA")
    rs = aksi.add_parser("reset", help="ganti kata sandi (juga melepas kunci gagal masuk)")
    rs.add_argument("nama", metavar="NAMA")
    rs.add_argument("--sandi-stdin", action="store_true", help="baca kata sandi dari satu baris masukan standar")
    aksi.add_parser("daftar", help="daftar pengguna (tanpa kata sandi)")
    pg.set_defaults(fn=_pengguna_cmd)
    hp = sub.add_parser("hapus-pribadi",
                        help="hapus identitas kasus netralitas dan foto insiden yang ditutup sebelum tanggal")
    hp.add_argument("--sebelum", required=True, metavar="TANGGAL", help="tanggal TTTT-BB-HH")
    hp.add_argument("--dry-run", action="store_true", help="tampilkan kasusnya saja, jangan hapus")
    hp.add_argument("--oleh", help="nama petugas (bawaan: pengguna sistem)")
    hp.set_defaults(fn=_hapus_pribadi)
    args = p.parse_args(argv)
    return jalankan(args)


def _diam_stdout() -> None:
    """After a broken pipe, send what is left of the output nowhere (no second error at exit)."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def jalankan(args) -> int:
    """Run one command; every failure ends in one Indonesian line on stderr and exit code 1, never
    a traceback (``SIAGA_DEBUG=1`` shows it, for a developer)."""
    from siaga.inti.galat import pesan_os
    from siaga.inti.masalah import MasalahError

    try:
        rc = args.fn(args)
        sys.stdout.flush()               # a closed pipe shows here, not after the exit
        return rc
    except BrokenPipeError as exc:
        _diam_stdout()
        print(pesan_os(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        if os.environ.get("SIAGA_DEBUG"):
            raise
        print(pesan_os(exc, f"menjalankan perintah {args.perintah}"), file=sys.stderr)
        return 1
    except MasalahError as exc:
        for m in exc.masalah[:20]:
            print(f"[{m.tingkat}] {m.pesan()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Dihentikan (Ctrl+C); perubahan yang belum selesai tidak disimpan.", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("SIAGA_DEBUG"):
            raise
        print(f"Galat tak terduga ({type(exc).__name__}) pada perintah {args.perintah}; tidak ada yang diubah bila "
              "perintah itu menulis. Jalankan ulang dengan SIAGA_DEBUG=1 untuk rinciannya dan laporkan ke pengembang.",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
