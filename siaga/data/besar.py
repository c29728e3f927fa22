"""Load large operational files straight into DuckDB, validated in SQL.

The pandas reader (:mod:`siaga.masuk.baca`) holds every cell as a Python string while it checks a
file: right for a city (tens of thousands of rows, tolerant of what Excel does to a file), about
2 GB for the 5 million logistics receipts of a national desk. When any operational file is
larger than ``SIAGA_BESAR_MB`` (16 MB by default) the five operational inputs are read by
DuckDB's CSV reader instead: typed while parsing (rejected cells are reported with their line),
then checked in SQL against the same contract (required, pattern, choices, range, key, and the
checks across files), then kept as typed tables in the snapshot's connection.

A large file must be in the canonical form the import command writes (UTF-8, comma separator,
the contract's column names in the header, ISO dates); the message says so when it is not.
Row numbers are the record number plus one (the header is row 1), as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from siaga.inti import fileio
from siaga.inti.config import CONFIG_FILE, Paths, Wilayah
from siaga.inti.kontrak import (
    DIMUAT,
    INPUTS,
    JADWAL,
    KOREKSI,
    MESIN_STATUS,
    PERISTIWA,
    POLA,
    POLA_PRIBADI,
    TINGKAT_TAHAP,
    TUGAS_TPS,
    Input,
    Kolom,
)
from siaga.inti.masalah import GALAT, MASKED, PERINGATAN, Masalah
from siaga.masuk import kewajaran, urai
from siaga.masuk.baca import lokasi_berkas, norm_judul
from siaga.masuk.periksa import ALASAN, MAX_PER_KOLOM, RENTANG_KOORDINAT, contoh_nilai, teks_rentang

OPERASIONAL = ("tps", "logistik", "checklist", "insiden", "netralitas")
# tables ordered by place once checked, before they are cached (a look-up by code prefix then reads a
# few row groups, and a load from the cache needs no sort)
URUTAN = {"logistik": "kode_lokasi", "checklist": "kode_tps", "insiden": "kode_kecamatan",
          "netralitas": "kode_kecamatan"}
# jenis that DuckDB's reader types while parsing (as the contract's DuckDB type); the others are
# read as text and checked, then converted, in SQL
_BERTIPE = {"bulat", "desimal", "lintang", "bujur", "tanggal", "waktu"}
# A checked table keeps its record number in the file (0 for the first record) in this column until
# the checks across files are done: their row numbers and the order of equal times follow the file,
# not the place order the table is stored in. Dropped before publishing (Pemuat.rapikan).
_BARIS = "_baris"
_CACHE_VERSI = 2          # layout of a cache entry; raise it when that changes
# A fixed "now" for the fingerprint of the checks across files: the SQL of every check except the
# moment-dependent ones (guarded by their counts, see Pemuat.silang) is part of the cache key.
_ACUAN = dt.datetime(2000, 1, 1)


def batas_besar() -> int:
    """Size in bytes above which an operational file is loaded by DuckDB."""
    try:
        return int(float(os.environ.get("SIAGA_BESAR_MB", "16")) * 2**20)
    except ValueError:
        return 16 * 2**20


def mode_besar(paths: Paths) -> bool:
    """True when any operational input file is large enough to skip the pandas reader."""
    batas = batas_besar()
    for n in OPERASIONAL:
        p = lokasi_berkas(INPUTS[n], paths)
        if p.is_file() and p.stat().st_size > batas:
            return True
    return False


@dataclass
class _Cek:
    kolom: str | None
    alasan: str
    kondisi: str          # SQL boolean over the raw table; true = problem
    nilai: str | None     # SQL expression of the value to show
    tingkat: str = GALAT
    kini: bool = False    # depends on the moment of checking ("in the future"); reads one column only


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _judul(path: Path, inp: Input) -> tuple[list[str] | None, str | None]:
    """Header names (normalised) or the reason the file is not in canonical form."""
    with path.open("rb") as f:
        head = f.read(65536)
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):    # UTF-16 BOM, XLSX, XLS
        return None, "bukan CSV UTF-8"
    line = re.split(rb"\r\n|\r|\n", head, maxsplit=1)[0].decode("utf-8-sig", errors="replace")   # any line ending
    names = [norm_judul(c) for c in next(csv.reader(io.StringIO(line)), [])]
    known = {k.nama for k in inp.kolom}
    tidak = [n for n in names if n not in known]
    if tidak:
        return None, f"kolom {', '.join(tidak[:5])} bukan nama kolom kontrak (pemisah harus koma)"
    kurang = [k.nama for k in inp.kolom if k.wajib and k.nama not in names]
    if kurang:
        return None, f"kolom wajib {', '.join(kurang)} tidak ada di baris judul"
    return names, None


def _cek_kolom(col: Kolom, inp: Input) -> list[_Cek]:
    """Checks of one present column of the raw table (typed while read for numbers and dates)."""
    c, j = _q(col.nama), col.jenis
    teks = j not in _BERTIPE
    kosong = f"({c} IS NULL OR trim({c}) = '')" if teks else f"{c} IS NULL"
    out: list[_Cek] = []
    if col.wajib:
        out.append(_Cek(col.nama, "wajib diisi tetapi kosong", kosong, None))
    isi = f"NOT {kosong}"
    if j in RENTANG_KOORDINAT:
        lo, hi = RENTANG_KOORDINAT[j]
        out.append(_Cek(col.nama, ALASAN[j], f"{c} NOT BETWEEN {lo} AND {hi}", c))
    elif j == "kode":
        pola = "|".join(f"(?:{POLA[p]})" for p in col.pola.split("|"))
        out.append(_Cek(col.nama, "format kode tidak sesuai" + contoh_nilai(col),
                        f"{isi} AND NOT regexp_full_match(trim({c}), {_lit(pola)})", c))
    elif j == "pilihan":
        kode = ", ".join(_lit(urai.norm_pilihan(v)) for pair in col.pilihan for v in pair)
        out.append(_Cek(col.nama, "harus salah satu dari: " + ", ".join(k for k, _ in col.pilihan),
                        f"{isi} AND {_norm_sql(c)} NOT IN ({kode})", c))
    elif j == "ya_tidak":
        semua = ", ".join(_lit(v) for v in sorted(urai.YA | urai.TIDAK))
        out.append(_Cek(col.nama, ALASAN[j], f"{isi} AND lower(trim({c})) NOT IN ({semua})", c))
    elif j == "nama":
        satu = r"(?:[\pL\pN]|[ .,'’()/&-])+"
        pola = f"^{satu}$" if col.pola != "daftar" else f"^{satu}(?:\\|{satu})*$"
        out.append(_Cek(col.nama, ALASAN[j], f"{isi} AND NOT regexp_matches(trim({c}), {_lit(pola)})", c))
    if col.minimum is not None or col.maksimum is not None:
        cond = " OR ".join(x for x in (f"{c} < {col.minimum}" if col.minimum is not None else "",
                                        f"{c} > {col.maksimum}" if col.maksimum is not None else "") if x)
        out.append(_Cek(col.nama, teks_rentang(col), f"({cond})", c))
    if j in ("teks", "nama") and not inp.terbatas:        # personal data in free text (one message per cell)
        dulu: list[str] = []
        for jenis, pola in POLA_PRIBADI:
            cocok = f"regexp_matches(trim({c}), {_lit(pola)})"
            out.append(_Cek(col.nama, kewajaran.PRIBADI.format(jenis=jenis),
                            " AND ".join([f"{c} IS NOT NULL", cocok, *(f"NOT {d}" for d in dulu)]), _lit(MASKED)))
            dulu.append(cocok)
    return out


def _norm_sql(c: str) -> str:
    """SQL twin of :func:`siaga.masuk.urai.norm_pilihan`."""
    return f"trim(regexp_replace(lower(trim({c})), '[\\s/-]+', '_', 'g'), '_')"


def _ya_tidak(c: str) -> str:
    ya = ", ".join(_lit(v) for v in sorted(urai.YA))
    return f"CASE WHEN trim({c}) = '' OR {c} IS NULL THEN NULL ELSE lower(trim({c})) IN ({ya}) END"


def _pilihan(col: Kolom, c: str) -> str:
    peta = " ".join(f"WHEN {_lit(urai.norm_pilihan(v))} THEN {_lit(k)}" for k, lab in col.pilihan
                    for v in dict.fromkeys((k, lab)))
    return f"CASE {_norm_sql(c)} {peta} END"


def folder_cache(paths: Paths) -> Path:
    """Where checked tables are kept as Parquet: ``SIAGA_CACHE``, else ``SIAGA_DATA/.cache``."""
    return Path(os.environ.get("SIAGA_CACHE") or paths.data / ".cache")


def _kunci_cache(inp: Input, path: Path) -> str:
    """The file as read (path, size, modification time) and the contract it was checked against."""
    st = path.stat()
    teks = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{inp!r}|{_CACHE_VERSI}|{URUTAN.get(inp.nama)}"
    return hashlib.sha1(teks.encode()).hexdigest()[:16]


class Pemuat:
    """Reads and checks the operational files into ``con``. Problems are collected the way
    :class:`siaga.masuk.baca._Validator` does: examples per (file, column, reason), then a summary
    line with the number of further rows.

    A checked table is stored ordered by place (:data:`URUTAN`) with its file record number
    (``_baris``). With a ``cache`` folder it is kept there as Parquet in that order, keyed on the
    file's size, time and the contract: the next load (a new snapshot after another file changed,
    or a new publish folder) reads the Parquet instead of parsing, checking and sorting the CSV
    again. The messages of the checks across files are cached too (:meth:`silang`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, cache: Path | None = None):
        self.con = con
        self.cache = cache
        self.masalah: list[Masalah] = []
        self.diurutkan: list[str] = []      # tables sorted by this loader (none when all came from the cache)
        self.silang_diperiksa = False       # the checks across files ran (not taken from the cache)

    def _dari_cache(self, name: str, kunci: str) -> bool:
        if self.cache is None:
            return False
        pq, pesan = self.cache / f"{name}-{kunci}.parquet", self.cache / f"{name}-{kunci}.json"
        if not (pq.is_file() and pesan.is_file()):
            return False
        try:
            self.con.read_parquet(str(pq)).create(name)
            self.masalah.extend(Masalah(**m) for m in json.loads(pesan.read_text(encoding="utf-8")))
        except (duckdb.Error, ValueError, TypeError, OSError):
            self._x(f"DROP TABLE IF EXISTS {name}")
            return False
        return True

    def _simpan_cache(self, name: str, kunci: str, peringatan: list[Masalah]) -> None:
        """Write the checked table as Parquet and its warnings as JSON, each atomically
        (:mod:`siaga.inti.fileio`); the entries of older versions of the file go."""
        if self.cache is None:
            return
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            for tua in self.cache.glob(f"{name}-*"):
                tua.unlink(missing_ok=True)
            pq = self.cache / f"{name}-{kunci}.parquet"
            sementara = pq.with_name(f".{pq.name}.tmp")
            self.con.table(name).write_parquet(str(sementara))
            with sementara.open("rb") as f:
                os.fsync(f.fileno())
            fileio.ganti(sementara, pq)
            fileio.tulis_atomik(self.cache / f"{name}-{kunci}.json", json.dumps([asdict(m) for m in peringatan]))
        except OSError:
            pass            # a cache that cannot be written only costs time on the next load

    def _x(self, sql: str, params=None) -> list:
        return self.con.execute(sql, params).fetchall()

    def _laporkan(self, inp: Input, tabel: str, cek: list[_Cek], baris: str = "rowid + 2") -> None:
        if not cek:
            return
        hitung = ", ".join(f"count(*) FILTER (WHERE {k.kondisi})" for k in cek)
        counts = self._x(f"SELECT {hitung} FROM {tabel}")[0]
        for k, n in zip(cek, counts):
            if not n:
                continue
            nilai = k.nilai or "NULL"
            rows = self._x(f"SELECT {baris}, CAST({nilai} AS VARCHAR) FROM {tabel} WHERE {k.kondisi} "
                           f"ORDER BY 1 LIMIT {MAX_PER_KOLOM}")
            for b, v in rows:
                if v is not None and k.kolom in inp.pribadi:
                    v = MASKED
                self.masalah.append(Masalah(inp.berkas, int(b), k.kolom, v, k.alasan, k.tingkat))
            if n > MAX_PER_KOLOM:
                self.masalah.append(Masalah(inp.berkas, None, k.kolom, None,
                                            f"{k.alasan} — dan {n - MAX_PER_KOLOM} baris lain dengan masalah yang sama",
                                            k.tingkat))

    def muat(self, name: str, path: Path) -> bool:
        """Read and check one file into table ``name``; False when it was refused."""
        inp = INPUTS[name]
        if not path.is_file():
            self.masalah.append(Masalah(inp.berkas, None, None, None, f"berkas tidak ditemukan di {path.parent}"))
            return False
        kunci_cache = _kunci_cache(inp, path)
        if self._dari_cache(name, kunci_cache):
            return True
        names, sebab = _judul(path, inp)
        if names is None:
            self.masalah.append(Masalah(
                inp.berkas, None, None, None,
                f"berkas besar ({path.stat().st_size / 2**20:.0f} MB) harus berbentuk kanonik: UTF-8, pemisah koma, "
                f"baris judul berisi nama kolom kontrak, tanggal ISO (2024-11-27 14:30); {sebab}. "
                "Ubah dengan: python -m siaga impor BERKAS --jenis " + name))
            return False
        jenis = {k.nama: k for k in inp.kolom}
        kolom = {n: jenis[n].duck if jenis[n].jenis in _BERTIPE else "VARCHAR" for n in names}
        raw = f"_mentah_{name}"
        self._x("DROP TABLE IF EXISTS reject_errors")
        self._x("DROP TABLE IF EXISTS reject_scans")
        self._x(
            f"CREATE OR REPLACE TABLE {raw} AS SELECT * FROM read_csv($p, header=true, auto_detect=false, "
            "delim=',', quote='\"', escape='\"', columns=$k, store_rejects=true, rejects_limit=0, "
            "dateformat='%Y-%m-%d')", {"p": str(path), "k": kolom})
        n_tolak = self._x("SELECT count(*) FROM reject_errors")[0][0]
        if n_tolak:
            self._tolakan(inp, jenis, n_tolak)
            self._x(f"DROP TABLE {raw}")
            return False
        sebelum = len(self.masalah)
        self._laporkan(inp, raw, [c for col in inp.kolom if col.nama in names for c in _cek_kolom(col, inp)])
        self._ganda(inp, raw)
        if any(m.tingkat == GALAT for m in self.masalah[sebelum:]):
            self._x(f"DROP TABLE {raw}")
            return False
        self._ketik(inp, raw, names)
        self._urutkan(name, raw)
        self._x("CHECKPOINT")          # compress this table before the next one is read
        self._simpan_cache(name, kunci_cache, self.masalah[sebelum:])
        return True

    def _ketik(self, inp: Input, raw: str, names: list[str]) -> None:
        """Give the checked raw table the contract's types and column order, in place (a 5-million
        row table is not copied): trim text, canonical choice codes, ya/tidak to BOOLEAN, missing
        optional columns added as NULL. In a canonical file the updates touch no row."""
        for col in inp.kolom:
            c = _q(col.nama)
            if col.nama not in names:
                self._x(f"ALTER TABLE {raw} ADD COLUMN {c} {col.duck}")
            elif col.jenis == "ya_tidak":
                self._x(f"ALTER TABLE {raw} ALTER {c} SET DATA TYPE BOOLEAN USING ({_ya_tidak(c)})")
            elif col.jenis == "pilihan":
                kode = ", ".join(_lit(k) for k, _ in col.pilihan)
                self._x(f"UPDATE {raw} SET {c} = {_pilihan(col, c)} "
                        f"WHERE {c} IS NOT NULL AND {c} NOT IN ({kode})")
            elif col.jenis not in _BERTIPE:
                self._x(f"UPDATE {raw} SET {c} = nullif(trim({c}), '') WHERE {c} <> trim({c}) OR {c} = ''")
        urut = [k.nama for k in inp.kolom]
        if list(self._x(f"SELECT column_name FROM information_schema.columns WHERE table_name = '{raw}' "
                        "ORDER BY ordinal_position")) != [(n,) for n in urut]:
            self._x(f"CREATE OR REPLACE TABLE {raw} AS SELECT {', '.join(_q(n) for n in urut)} FROM {raw}")

    def _urutkan(self, name: str, raw: str) -> None:
        """The checked raw table (file order) as table ``name``, ordered by place (:data:`URUTAN`;
        equal places in file order), with the record number in :data:`_BARIS`: one sort, before
        the table is cached, so a load from the cache needs none."""
        urut = URUTAN.get(name)
        self._x(f"DROP TABLE IF EXISTS {name}")
        self._x(f"CREATE TABLE {name} AS SELECT *, rowid AS {_BARIS} FROM {raw} "
                f"ORDER BY {_q(urut) + ', ' if urut else ''}{_BARIS}")
        self._x(f"DROP TABLE {raw}")
        self.diurutkan.append(name)

    def _ganda(self, inp: Input, raw: str) -> None:
        """Rows repeating the key of an earlier row, each named with that first row (as the pandas reader does)."""
        kunci = ", ".join(_q(k) for k in inp.kunci)
        rows = self._x(
            f"SELECT rowid + 2, pertama + 2 FROM (SELECT rowid, min(rowid) OVER (PARTITION BY {kunci}) AS pertama "
            f"FROM {raw} WHERE {' AND '.join(f'{_q(k)} IS NOT NULL' for k in inp.kunci)}) "
            f"WHERE rowid > pertama ORDER BY rowid LIMIT {MAX_PER_KOLOM + 1}")
        for baris, pertama in rows[:MAX_PER_KOLOM]:
            self.masalah.append(Masalah(inp.berkas, int(baris), "+".join(inp.kunci), None,
                                        f"baris ganda: kunci ({', '.join(inp.kunci)}) sama dengan baris {pertama}"))
        if len(rows) > MAX_PER_KOLOM:
            self.masalah.append(Masalah(inp.berkas, None, "+".join(inp.kunci), None,
                                        "baris ganda — dan baris lain dengan kunci yang sama"))

    def _tolakan(self, inp: Input, jenis: dict[str, Kolom], n: int) -> None:
        """Cells DuckDB's reader could not convert (numbers, dates) or rows of the wrong width."""
        rows = self._x("SELECT line, column_name, column_idx, error_type, csv_line FROM reject_errors "
                       f"ORDER BY line LIMIT {MAX_PER_KOLOM}")
        for line, col, idx, err, csv_line in rows:
            col = norm_judul(col) if col else None
            j = jenis[col].jenis if col in jenis else None
            alasan = ALASAN.get(j, "nilai tidak sesuai jenis kolom") if err == "CAST" else \
                "jumlah kolom di baris ini tidak sama dengan baris judul"
            nilai = None
            if err == "CAST" and csv_line and idx:
                try:        # the record as written (any line ending, line breaks inside quotes)
                    sel = next(csv.reader(io.StringIO(csv_line.strip("\r\n"), newline="")), [])
                except csv.Error:
                    sel = []
                nilai = MASKED if col in inp.pribadi else (sel[idx - 1] if idx <= len(sel) else None)
            self.masalah.append(Masalah(inp.berkas, int(line), col, nilai, alasan))
        if n > len(rows):
            self.masalah.append(Masalah(inp.berkas, None, None, None,
                                        f"dan {n - len(rows)} nilai lain yang tidak dapat dibaca "
                                        "sesuai jenis kolomnya"))

    # ------------------------------------------------------------ across files
    def silang(self, wil: Wilayah, sekarang: dt.datetime | None = None, masukan: Paths | None = None) -> None:
        """The checks of :func:`siaga.masuk.periksa.cek_silang` for the operational tables, in SQL,
        with the plausibility rules of :mod:`siaga.masuk.kewajaran` (same messages).

        With a ``cache`` folder and the ``masukan`` paths, the messages are kept in the cache keyed
        on the fingerprints of every input the checks read (:meth:`sidik_silang`): the next load of
        the same inputs takes them from there instead of checking again. The checks that depend on
        the moment ("in the future") are counted on every load; a different count checks again."""
        sekarang = sekarang or kewajaran.sekarang_wilayah(wil)
        kunci = self.sidik_silang(wil, masukan) if self.cache is not None and masukan is not None else None
        hitung = self._hitung_kini(wil, sekarang) if kunci else {}
        if kunci and self._silang_dari_cache(kunci, hitung):
            return
        sebelum = len(self.masalah)
        for name in OPERASIONAL:
            tabel = f"(SELECT {name}.{_BARIS} AS rid, *{_tambahan(name, self._segmen(name, wil))}) AS {name}"
            self._laporkan(INPUTS[name], tabel, _cek_silang(name, wil, sekarang), baris="rid + 2")
        self.silang_diperiksa = True
        if kunci:
            self._simpan_silang(kunci, hitung, self.masalah[sebelum:])

    def sidik_silang(self, wil: Wilayah, masukan: Paths) -> str:
        """Cache key of the checks across files: every input they read (path, size, modification
        time: the config and the tables of the snapshot), the contract, and the SQL of the checks as
        this code and config write them (at a fixed moment, see :data:`_ACUAN`)."""
        h = hashlib.sha1(f"{_CACHE_VERSI}|{MAX_PER_KOLOM}|{INPUTS!r}".encode())
        for p in [masukan.data / CONFIG_FILE, *(lokasi_berkas(INPUTS[n], masukan) for n in DIMUAT)]:
            try:
                st = p.stat()
                h.update(f"|{p.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
            except OSError:
                h.update(f"|{p}|-".encode())
        for name in OPERASIONAL:
            h.update(f"|{_tambahan(name, self._segmen(name, wil))}|{_cek_silang(name, wil, _ACUAN)!r}".encode())
        return h.hexdigest()[:16]

    def _hitung_kini(self, wil: Wilayah, sekarang: dt.datetime) -> dict[str, list[int]]:
        """Rows each moment-dependent check flags now, per table. Such a check flags the rows beyond
        a limit that moves with the clock, so between two moments one set holds the other: equal
        counts mean the same rows, and so the same messages."""
        out = {}
        for name in OPERASIONAL:
            cek = [k for k in _cek_silang(name, wil, sekarang) if k.kini]
            if cek:
                out[name] = list(self._x(f"SELECT {', '.join(f'count(*) FILTER (WHERE {k.kondisi})' for k in cek)} "
                                         f"FROM {name}")[0])
        return out

    def _silang_dari_cache(self, kunci: str, hitung: dict[str, list[int]]) -> bool:
        entri = self.cache / f"silang-{kunci}.json"
        try:
            d = json.loads(entri.read_text(encoding="utf-8"))
            if d["hitung"] != hitung:
                return False
            masalah = [Masalah(**m) for m in d["masalah"]]
        except (OSError, ValueError, TypeError, KeyError):
            return False
        self.masalah.extend(masalah)
        return True

    def _simpan_silang(self, kunci: str, hitung: dict[str, list[int]], masalah: list[Masalah]) -> None:
        """Write the messages of the checks across files (atomically); older entries go."""
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            for tua in self.cache.glob("silang-*.json"):
                tua.unlink(missing_ok=True)
            fileio.tulis_atomik(self.cache / f"silang-{kunci}.json",
                                json.dumps({"hitung": hitung, "masalah": [asdict(m) for m in masalah]}), mode=0o600)
        except OSError:
            pass            # a cache that cannot be written only costs time on the next load

    def _segmen(self, name: str, wil: Wilayah) -> str:
        """The partition suffix that starts a re-vote's own rows afresh (sums and states), as
        :func:`siaga.masuk.kewajaran.segmen_ulang` does: a row at a re-vote's TPS dated after voting
        day and on or before the re-vote's date belongs to the earliest such re-vote. "" without
        re-votes (also when the re-vote file holds no row: national data carry an empty one, and the
        correlated look-up per row of 5 million logistics rows ran out of the 400 MB limit there)."""
        if name not in ("logistik", "checklist") or not self._x(
                "SELECT 1 FROM duckdb_tables() WHERE table_name = 'pemungutan_ulang'") or not self._x(
                "SELECT 1 FROM pemungutan_ulang LIMIT 1"):
            return ""
        mulai = _lit((wil.hari_pemungutan + dt.timedelta(days=1)).isoformat())
        tps, tahap = (("kode_lokasi", f"{name}.tahap = 'tps' AND ") if name == "logistik" else ("kode_tps", ""))
        return (f", (SELECT min(u.tanggal) FROM pemungutan_ulang AS u WHERE u.kode_tps = {name}.{tps} AND {tahap}"
                f"{name}.waktu >= CAST({mulai} AS TIMESTAMP) "
                f"AND {name}.waktu < CAST(u.tanggal AS TIMESTAMP) + INTERVAL 1 DAY)")

    def rapikan(self) -> None:
        """Drop the record numbers once everything is checked: the published tables have the
        contract's columns, already ordered by place (a kecamatan's TPS list reads a few row
        groups instead of scanning millions of rows: DuckDB skips row groups by their min/max)."""
        for name in OPERASIONAL:
            self._x(f"ALTER TABLE {name} DROP COLUMN {_BARIS}")
        self._x("CHECKPOINT")

    def ok(self) -> bool:
        return not any(m.tingkat == GALAT for m in self.masalah)


def _cek_silang(name: str, wil: Wilayah, sekarang: dt.datetime) -> list[_Cek]:
    """Every check across files of operational table ``name`` (references, meaning, plausibility)."""
    inp = INPUTS[name]
    cek = [_Cek(r.kolom, f"kode tidak ditemukan di {INPUTS[r.input].berkas}",
                f"{_q(r.kolom)} IS NOT NULL AND {_q(r.kolom)} NOT IN (SELECT {_q(r.kolom_tujuan)} FROM {r.input})",
                _q(r.kolom)) for r in inp.rujukan]
    return cek + _semantik(name, wil) + _kewajaran(inp, wil, sekarang)


def _semantik(name: str, wil: Wilayah) -> list[_Cek]:
    induk = r"regexp_replace({c}, '\.[^.]*$', '')"
    if name == "tps":
        return [
            _Cek("kode_tps", "kode TPS tidak diawali kode kelurahannya",
                 f"{induk.format(c='kode_tps')} <> kode_kelurahan", "kode_tps"),
            _Cek("nomor_tps", "nomor TPS tidak sama dengan tiga digit terakhir kode TPS",
                 "TRY_CAST(regexp_extract(kode_tps, '\\.([^.]*)$', 1) AS BIGINT) <> nomor_tps", "nomor_tps"),
        ]
    if name == "logistik":
        gudang = ("SELECT kode FROM wilayah WHERE tingkat = 'kabkota'" if wil.multi else f"SELECT {_lit(wil.kode)}")
        sumber = {"kabkota": gudang, "kecamatan": "SELECT kode FROM wilayah WHERE tingkat = 'kecamatan'",
                  "kelurahan": "SELECT kode FROM wilayah WHERE tingkat = 'kelurahan'",
                  "tps": "SELECT kode_tps FROM tps"}
        out = [_Cek("kode_lokasi", f"tahap {tahap} memerlukan kode {tingkat} yang terdaftar",
                    f"tahap = {_lit(tahap)} AND kode_lokasi NOT IN ({sumber[tingkat]})", "kode_lokasi")
               for tahap, tingkat in TINGKAT_TAHAP.items()]
        out.append(_Cek("jumlah_rusak", "jumlah rusak melebihi jumlah yang sudah diterima di tempat ini",
                        "_rusak > _terima", "jumlah_rusak"))
        out.append(_Cek("jumlah_diterima", "baris tanpa jumlah diterima maupun rusak",
                        "jumlah_diterima = 0 AND jumlah_rusak = 0", "jumlah_diterima", PERINGATAN))
        return out
    if name == "checklist":
        return [_Cek("c_pemberitahuan", "C-Pemberitahuan tersampaikan lebih banyak dari DPT TPS",
                     "c_pemberitahuan > (SELECT dpt FROM tps WHERE tps.kode_tps = checklist.kode_tps)",
                     "c_pemberitahuan")]
    if name == "insiden":
        return [
            _Cek("kode_kelurahan", "kelurahan tidak berada di kecamatan yang disebut",
                 "kode_kelurahan IS NOT NULL AND kode_kelurahan IN (SELECT kode FROM wilayah) "
                 f"AND {induk.format(c='kode_kelurahan')} <> kode_kecamatan", "kode_kelurahan"),
            _Cek("kode_tps", "TPS tidak berada di kelurahan yang disebut",
                 "kode_tps IS NOT NULL AND kode_kelurahan IS NOT NULL "
                 f"AND {induk.format(c='kode_tps')} <> kode_kelurahan", "kode_tps"),
            _Cek("waktu_kejadian", "waktu kejadian sesudah waktu pembaruan", "waktu_kejadian > waktu",
                 "waktu_kejadian", PERINGATAN),
        ]
    if name == "netralitas":
        return [_Cek("tanggal_kejadian", "tanggal kejadian sesudah tanggal laporan",
                     "tanggal_kejadian > tanggal_laporan", "tanggal_kejadian")]
    return []


_KEBUTUHAN = """(WITH per_tps AS (
    SELECT t.kode_tps, t.kode_kelurahan, i.kode_item,
        CAST(ceil(i.per_tps + i.per_pemilih * t.dpt * (1 + i.cadangan_persen / 100.0)) AS BIGINT) AS kebutuhan
    FROM tps AS t CROSS JOIN logistik_item AS i
    WHERE t.dpt IS NOT NULL AND i.per_tps IS NOT NULL AND i.per_pemilih IS NOT NULL AND i.cadangan_persen IS NOT NULL)
SELECT 'tps' AS tahap, kode_tps AS kode_lokasi, kode_item, sum(kebutuhan) AS kebutuhan FROM per_tps GROUP BY ALL
UNION ALL SELECT 'pps', kode_kelurahan, kode_item, sum(kebutuhan) FROM per_tps GROUP BY ALL
UNION ALL SELECT 'ppk', left(kode_kelurahan, 8), kode_item, sum(kebutuhan) FROM per_tps GROUP BY ALL
UNION ALL SELECT 'gudang', left(kode_kelurahan, 5), kode_item, sum(kebutuhan) FROM per_tps GROUP BY ALL)"""


def _tambahan(name: str, seg: str = "") -> str:
    """Extra columns of an operational table for its checks (running totals, the previous status
    of the same item), and the FROM clause they need."""
    if name == "logistik":    # running totals per place and item, in time order; the need from the item formula
        return (", sum(jumlah_rusak) OVER w AS _rusak, sum(jumlah_diterima) OVER w AS _terima, "
                "sum(jumlah_diterima - coalesce(jumlah_rusak, 0)) OVER w AS _kumulatif, k.kebutuhan AS _keb "
                f"FROM logistik LEFT JOIN {_KEBUTUHAN} AS k USING (tahap, kode_lokasi, kode_item) "
                f"WINDOW w AS (PARTITION BY tahap, kode_lokasi, kode_item{seg} ORDER BY waktu, logistik.{_BARIS} "
                "ROWS UNBOUNDED PRECEDING)")
    kol = []
    for m in MESIN_STATUS:
        if m.input == name:
            kol.append(f"lag({_q(m.kolom)}) OVER (PARTITION BY {_q(m.kunci)}{seg} ORDER BY waktu, {_BARIS}) "
                       "AS _sebelum")
    if name == "checklist":
        kol += [f"lag({t}) OVER (PARTITION BY kode_tps{seg} ORDER BY waktu, {_BARIS}) AS _dulu_{t}" for t in TUGAS_TPS]
    return (", " + ", ".join(kol) if kol else "") + f" FROM {name}"


def _kewajaran(inp: Input, wil: Wilayah, sekarang: dt.datetime) -> list[_Cek]:
    """The plausibility rules of :mod:`siaga.masuk.kewajaran` as SQL checks (same reasons)."""
    w = wil.wajar
    out: list[_Cek] = []
    awal, akhir = _lit(w.awal.isoformat()), _lit((w.akhir + dt.timedelta(days=1)).isoformat())
    batas = sekarang + dt.timedelta(hours=w.toleransi_jam)
    for k in inp.kolom:
        if k.waktu not in (PERISTIWA, JADWAL):
            continue
        c = _q(k.nama)
        teks = f"strftime({c}, {_lit(kewajaran.FORMAT_WAKTU[k.jenis])})"
        luar = f"({c} < CAST({awal} AS TIMESTAMP) OR {c} >= CAST({akhir} AS TIMESTAMP))"
        out.append(_Cek(k.nama, kewajaran.DI_LUAR_JENDELA.format(awal=w.awal.isoformat(), akhir=w.akhir.isoformat()),
                        f"{c} IS NOT NULL AND {luar}", teks))
        if k.waktu == PERISTIWA:
            ujung = (_lit(batas.date().isoformat()) if k.jenis == "tanggal"
                     else _lit(batas.isoformat(sep=" ", timespec="seconds")))
            out.append(_Cek(k.nama, kewajaran.MASA_DEPAN.format(jam=kewajaran.angka_batas(w.toleransi_jam)),
                            f"{c} IS NOT NULL AND NOT {luar} AND {c} > CAST({ujung} AS TIMESTAMP)", teks, kini=True))
    if inp.nama == "logistik":
        f = w.faktor_kebutuhan
        nilai = "CAST(_kumulatif AS VARCHAR) || ' (kebutuhan ' || CAST(_keb AS VARCHAR) || ')'"
        ada = "_keb IS NOT NULL AND _keb > 0 AND _kumulatif IS NOT NULL"
        out.append(_Cek("jumlah_diterima", kewajaran.MELEBIHI_FAKTOR.format(faktor=kewajaran.angka_batas(f)),
                        f"{ada} AND _kumulatif > {f!r} * _keb", nilai))
        out.append(_Cek("jumlah_diterima", kewajaran.MELEBIHI_KEBUTUHAN,
                        f"{ada} AND NOT _kumulatif > {f!r} * _keb AND _kumulatif > _keb", nilai, PERINGATAN))
        out.append(_Cek("jumlah_kebutuhan", kewajaran.KEBUTUHAN_BEDA.format(faktor=kewajaran.angka_batas(f)),
                        f"_keb IS NOT NULL AND _keb > 0 AND jumlah_kebutuhan IS NOT NULL AND jumlah_kebutuhan > 0 AND "
                        f"(jumlah_kebutuhan > {f!r} * _keb OR jumlah_kebutuhan * {f!r} < _keb)",
                        "CAST(jumlah_kebutuhan AS VARCHAR) || ' (kebutuhan ' || CAST(_keb AS VARCHAR) || ')'",
                        PERINGATAN))
    for m in MESIN_STATUS:
        if m.input != inp.nama:
            continue
        peringkat = {st: kewajaran.peringkat(m, st) for st in {*m.urutan, *m.tutup, "bermasalah"}}
        rank = "CASE {c} " + " ".join(f"WHEN {_lit(st)} THEN {r}" for st, r in sorted(peringkat.items())
                                      if r is not None) + " END"
        r0, r1 = rank.format(c="_sebelum"), rank.format(c=_q(m.kolom))
        ada = f"_sebelum IS NOT NULL AND {_q(m.kolom)} IS NOT NULL AND _sebelum <> {_q(m.kolom)}"
        tutup = f"_sebelum IN ({', '.join(_lit(t) for t in m.tutup)})" if m.tutup else "false"
        nilai = f"_sebelum || ' → ' || {_q(m.kolom)}"
        out.append(_Cek(m.kolom, kewajaran.alasan_mundur(m),
                        f"{ada} AND NOT coalesce({KOREKSI}, false) AND ({tutup} OR ({r0} IS NOT NULL AND {r1} IS NOT "
                        f"NULL AND {r1} < {r0}))", nilai, m.mundur))
        if m.lompat is not None:
            out.append(_Cek(m.kolom, kewajaran.alasan_lompat(m),
                            f"{ada} AND NOT {tutup} AND {r1} - {r0} > 1", nilai, m.lompat))
    if inp.nama == "checklist":
        for dulu, t in itertools.pairwise(TUGAS_TPS):
            out.append(_Cek(t, kewajaran.TUGAS_URUTAN.format(tugas=t, sebelum=dulu), f"{t} AND NOT {dulu}", "'ya'"))
        for t in TUGAS_TPS:
            out.append(_Cek(t, kewajaran.TUGAS_MUNDUR.format(tugas=t),
                            f"_dulu_{t} AND NOT {t} AND NOT coalesce({KOREKSI}, false)", "'ya → tidak'"))
    return out
