"""Streamlit glue shared by every page: the cached store, cached queries, the filters
(kept in the URL so a link reproduces the view, and kept across pages), downloads,
empty states and the page header.

Every query, figure and boundary set is scoped by the session's access
(:func:`siaga.akses.gerbang.lingkup`): the scope goes to the query layer as a parameter and into
every cache key, and a camat's kecamatan filter is forced and locked. Downloads check the role,
refuse personal data and are written to the audit log."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from siaga import akses as akses_mod
from siaga import laporan
from siaga.akses import TAMU, UNDUH, Akses, Lingkup, audit, gerbang, identitas
from siaga.data.geo import Batas
from siaga.data.store import Store
from siaga.inti import fmt
from siaga.inti.config import Paths, Wilayah
from siaga.inti.masalah import Masalah
from siaga.laporan import unduhan, visual
from siaga.model import lingkup, paparan

SEMUA = ""                                # "whole region / all kelurahan" choice
JENDELA = {"24jam": "24 jam terakhir", "7hari": "7 hari terakhir", "semua": "Sejak awal"}
JENDELA_BAWAAN = "semua"
# URL parameter of each filter (also the suffix of its session-state keys).
PARAM = {"kec": "kec", "kel": "kel", "tgl": "tgl", "jendela": "jendela"}
KEC, KEL, TGL, JDL = "kec", "kel", "tgl", "jendela"


@dataclass(frozen=True)
class Konteks:
    wilayah: Wilayah
    versi: str
    tanggal: dt.date
    kecamatan: str | None
    kelurahan: str | None
    jendela: str
    nama_kecamatan: dict[str, str]
    nama_kelurahan: dict[str, str]
    tanggal_awal: dt.date
    tanggal_akhir: dt.date
    waktu_terakhir: dt.datetime
    akses: Akses = TAMU

    @property
    def kunci(self) -> str:
        """Cache key of this view's data: the data version and the access scope."""
        return f"{self.versi}|{self.akses.peran}|{self.akses.kecamatan or ''}"

    @property
    def nama_lingkup(self) -> str:
        """``Kota Bekasi``, ``Kecamatan Bekasi Timur`` or ``Kelurahan Margahayu, Bekasi Timur``."""
        return lingkup.nama_lingkup(self.wilayah.nama, self.nama_kecamatan.get(self.kecamatan or ""),
                                    self.nama_kelurahan.get(self.kelurahan or ""))

    @property
    def saat(self) -> dt.datetime:
        """The as-of moment: the latest event on the latest day, else the end of the chosen day."""
        return lingkup.saat(self.tanggal, self.tanggal_akhir, self.waktu_terakhir)

    @property
    def data_per(self) -> str:
        """``27 November 2024 pukul 13.59 WIB``."""
        return fmt.waktu(self.saat, self.wilayah.zona_waktu)

    @property
    def mulai_jendela(self) -> dt.datetime | None:
        """Start of the time window ending at :attr:`saat` (None = since the beginning)."""
        if self.jendela == "24jam":
            return self.saat - dt.timedelta(hours=24)
        if self.jendela == "7hari":
            return self.saat - dt.timedelta(days=7)
        return None

    @property
    def sebelum_data(self) -> bool:
        return self.tanggal < self.tanggal_awal

    def slug(self) -> list[str]:
        """Parts for download file names: region or scope, date."""
        scope = self.nama_kelurahan.get(self.kelurahan or "") or self.nama_kecamatan.get(self.kecamatan or "") \
            or self.wilayah.nama
        return [scope, self.tanggal.isoformat()]


@st.cache_resource(show_spinner="Memuat data…")
def _store(paths: Paths) -> Store:
    s = Store(paths)
    if s.load():
        s.siapkan_terakhir()
    return s


_paths = functools.lru_cache(maxsize=8)(Paths.dari)     # resolved once per value, not on every call


def store() -> Store:
    """The process-wide store of the folders named by SIAGA_DATA / SIAGA_GEO."""
    return _store(_paths(os.environ.get("SIAGA_DATA"), os.environ.get("SIAGA_GEO")))


@st.cache_data(max_entries=2048, show_spinner=False)
def _cached(name: str, params: tuple, versi: str, lingkup: Lingkup) -> pd.DataFrame:
    return store().query(name, lingkup=lingkup, **dict(params))


def q(name: str, **params) -> pd.DataFrame:
    """Run a named query in the session's scope, cached per data version, parameters and scope."""
    return _cached(name, tuple(sorted(params.items())), store().versi, gerbang.lingkup())


@st.cache_resource(max_entries=64, show_spinner=False)
def _batas(versi: str, lingkup: Lingkup) -> dict[str, Batas]:
    semua = store().snapshot.batas
    if lingkup.kecamatan is None:
        return dict(semua)
    kode = set(store().query("daftar_wilayah", lingkup=lingkup, kecamatan=None)["kode"])
    out = {}
    for tingkat, b in semua.items():
        pilih = b.gdf[b.gdf["kode"].isin(kode)]
        if len(pilih):
            out[tingkat] = Batas(tingkat, pilih.reset_index(drop=True), tuple(float(x) for x in pilih.total_bounds))
    return out


def batas() -> dict[str, Batas]:
    """The boundaries in the session's scope (a camat: their kecamatan and its kelurahan)."""
    return _batas(store().versi, gerbang.lingkup())


def multi() -> bool:
    """True for a province or national desk (several kab/kota in the data)."""
    s = store()
    return s.siap and s.wilayah.multi


def tabel_masalah(masalah: list[Masalah]) -> pd.DataFrame:
    return pd.DataFrame([m.as_row() for m in masalah],
                        columns=["tingkat", "berkas", "baris", "kolom", "nilai", "alasan"])


def _parse_tgl(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


# ------------------------------------------------------------------ filters

def _nilai(name: str, parse: Callable, valid: Callable, default):
    """A filter's value: this session's copy, else the URL (a shared link), else the default.

    The copy lives under ``s_<name>`` (not a widget key), so it survives pages that do not show
    the widget; the widget ``f_<name>`` writes it back through its on_change callback."""
    skey = "s_" + name
    if skey not in st.session_state or not valid(st.session_state[skey]):
        v = parse(st.query_params.get(PARAM[name]))
        st.session_state[skey] = v if v is not None and valid(v) else default
        st.session_state.pop("f_" + name, None)      # the widget follows the corrected value
    if "f_" + name not in st.session_state:
        st.session_state["f_" + name] = st.session_state[skey]
    return st.session_state[skey]


def _simpan(name: str) -> None:
    st.session_state["s_" + name] = st.session_state["f_" + name]


def _widget(kind: Callable, label: str, name: str, **kw):
    return kind(label, key="f_" + name, on_change=_simpan, args=(name,), **kw)


def mulai(filters: frozenset[str] = frozenset({KEC, TGL}), perlu_data: bool = True,
          layar: bool = False) -> Konteks | None:
    """Run once per rerun from ``dashboard.py`` before the page: data status, filters, URL sync.

    A page that works without loaded data (``perlu_data=False``: the Data page, where a refused
    file is fixed by importing or restoring) still runs when nothing could be loaded; ``None``
    is returned then. On the big screen (``layar``) the filters come from the URL only: no
    sidebar, no widgets."""
    s = store()
    s.refresh()
    if not s.siap:
        st.error("Data tidak dapat dimuat. Perbaiki berkas berikut, impor versi yang benar atau pulihkan versi "
                 "sebelumnya di halaman **Data**, lalu muat ulang halaman.")
        st.dataframe(tabel_masalah(s.ditolak), hide_index=True, width="stretch")
        if not perlu_data:
            return None
        st.stop()
    if s.ditolak:
        st.warning(f"Pembaruan data ditolak ({len(s.ditolak)} masalah); yang tampil adalah data terakhir yang sah. "
                   "Rinciannya ada di bawah.")
        with st.expander("Rincian masalah data"):
            st.dataframe(tabel_masalah(s.ditolak), hide_index=True, width="stretch")

    ak = gerbang.akses()
    wil = s.wilayah
    rentang = lingkup.Rentang.dari_baris(q("rentang_data").iloc[0])
    awal, akhir = rentang.awal, rentang.akhir
    tahap = q("tahapan", tanggal=akhir)
    paling_awal = min([awal, *[pd.Timestamp(t).date() for t in tahap["mulai"]]])
    batas_atas = max(akhir, wil.hari_pemungutan)
    nama_kec, nama_kel, induk, _ = _nama(s.versi, gerbang.lingkup())

    # A camat's kecamatan is forced (the scoped daftar_wilayah holds only theirs; "whole region" is not valid).
    kec_ok = (lambda c: c in nama_kec) if ak.kecamatan else (lambda c: c == SEMUA or c in nama_kec)
    v_kec = _nilai(KEC, lambda x: x, kec_ok, ak.kecamatan or SEMUA)
    v_kel = _nilai(KEL, lambda x: x, lambda c: c == SEMUA or induk.get(c) == st.session_state.get("s_kec"), SEMUA)
    v_tgl = _nilai(TGL, _parse_tgl, lambda t: isinstance(t, dt.date) and paling_awal <= t <= batas_atas, akhir)
    v_jdl = _nilai(JDL, lambda x: x, lambda j: j in JENDELA, JENDELA_BAWAAN)

    widgets = frozenset() if layar else filters     # on the big screen the URL values above still apply
    with st.sidebar if not layar else contextlib.nullcontext():
        if KEC in widgets:
            _widget(st.selectbox, "Kecamatan", KEC, options=[*([] if ak.kecamatan else [SEMUA]), *nama_kec],
                    format_func=lambda c: f"Seluruh {wil.nama}" if c == SEMUA else nama_kec[c],
                    disabled=bool(ak.kecamatan),
                    help="Terkunci ke kecamatan Anda." if ak.kecamatan else None)
        if KEL in widgets and v_kec:
            pilihan = [k for k, i in induk.items() if i == v_kec]
            _widget(st.selectbox, "Kelurahan", KEL, options=[SEMUA, *pilihan],
                    format_func=lambda c: "Semua kelurahan" if c == SEMUA else nama_kel[c])
        if TGL in widgets:
            _widget(st.date_input, "Data per tanggal", TGL, min_value=paling_awal, max_value=batas_atas,
                    format="DD/MM/YYYY",
                    help=f"Data tersedia {fmt.tanggal(awal)} – {fmt.tanggal(akhir)}. "
                         "Pilih tanggal lampau untuk melihat keadaan saat itu.")
        if JDL in widgets:
            _widget(st.radio, "Jendela waktu", JDL, options=list(JENDELA), format_func=JENDELA.get,
                    help="Insiden yang dilaporkan dalam jendela waktu ini, sampai tanggal data.")
        if wil.simulasi and not layar:
            st.caption("⚠️ Data operasional pada demo ini **simulasi**; kode wilayah, DPT dan TPS per kecamatan nyata.")

    ktx = Konteks(wilayah=wil, versi=s.versi, tanggal=v_tgl, kecamatan=v_kec or None,
                  kelurahan=(v_kel or None) if KEL in filters else None,
                  jendela=v_jdl if JDL in filters else JENDELA_BAWAAN, nama_kecamatan=nama_kec,
                  nama_kelurahan=nama_kel, tanggal_awal=awal, tanggal_akhir=akhir,
                  waktu_terakhir=rentang.waktu_terakhir, akses=ak)
    _sync_url(ktx, filters)
    st.session_state["_konteks"] = ktx
    if not layar and not wil.multi:        # the report is made per kab/kota
        tombol_laporan(ktx)
    return ktx


@st.cache_resource(max_entries=16, show_spinner=False)
def _nama(versi: str, lingkup: Lingkup) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """Names of kecamatan and kelurahan, each kelurahan's kecamatan, and names of provinces and
    kab/kota: built once per data version and scope (a national list has 84.000 kelurahan)."""
    daftar = q("daftar_wilayah")
    per = {t: daftar[daftar["tingkat"] == t] for t in ("provinsi", "kabkota", "kecamatan", "kelurahan")}
    atas = pd.concat([per["provinsi"], per["kabkota"]])
    return (dict(zip(per["kecamatan"]["kode"], per["kecamatan"]["nama"])),
            dict(zip(per["kelurahan"]["kode"], per["kelurahan"]["nama"])),
            dict(zip(per["kelurahan"]["kode"], per["kelurahan"]["kode_induk"])),
            dict(zip(atas["kode"], atas["nama"])))


def nama_wilayah() -> dict[str, str]:
    """Names of the provinces and kab/kota in the data (a province or national desk)."""
    return _nama(store().versi, gerbang.lingkup())[3]


def buka_wilayah(kode: str | None) -> None:
    """Open a unit on the Ikhtisar page (None: the desk's whole region), kept in the URL. Meant
    as a widget callback: the page then runs once, already on the new unit."""
    if kode:
        st.query_params["wil"] = kode
    elif "wil" in st.query_params:
        del st.query_params["wil"]


def _dipilih(key: str) -> None:
    kode = st.session_state.get(key)
    st.session_state[key] = None          # the choice is spent: back up the tree it must not reopen
    if kode:
        buka_wilayah(kode)


def pilih_wilayah(label: str, pilihan: list[str], nama: dict[str, str], key: str) -> None:
    """A "open this unit" select box (Ikhtisar drill-down)."""
    st.selectbox(label, [None, *pilihan], key=key, on_change=_dipilih, args=(key,),
                 format_func=lambda c: "—" if c is None else f"{nama.get(c, c)} ({c})")


def _sync_url(k: Konteks, filters: frozenset[str]) -> None:
    """Keep this page's filters in the URL so the address bar can be shared as is."""
    want = {
        KEC: k.kecamatan,
        KEL: k.kelurahan,
        TGL: None if k.tanggal == k.tanggal_akhir else k.tanggal.isoformat(),
        JDL: None if k.jendela == JENDELA_BAWAAN else k.jendela,
    }
    for name, value in want.items():
        key = PARAM[name]
        if value is None or name not in filters:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def konteks() -> Konteks:
    """The filters of this run, set by ``mulai()`` in the entry point before the page runs."""
    lewat_navigasi()
    return st.session_state["_konteks"]


def lewat_navigasi() -> None:
    """Make sure this page runs under the entry point's navigation (see below)."""
    if PagesManager.uses_pages_directory:
        # A Streamlit process that sees a pages/ folder starts in the old multipage mode until
        # st.navigation has run once; a deep link (/ringkasan?kec=…) as the very first request
        # would then run this page without the entry point. Switch the mode off and rerun, so
        # the entry point (filters, navigation) runs first.
        PagesManager.uses_pages_directory = False
        st.rerun()


# ------------------------------------------------------------------ page furniture

def judul(teks: str, k: Konteks) -> None:
    """Page title, scope and the "data per" stamp."""
    st.title(f"{teks} · {fmt.md(k.nama_lingkup)}")
    st.caption(f"Data per {k.data_per} · {fmt.hitung_mundur(k.tanggal, k.wilayah.hari_pemungutan)} menuju "
               f"pemungutan suara {fmt.hari_tanggal(k.wilayah.hari_pemungutan)} · "
               f"[Tampilkan di layar besar]({tautan_layar(k)})")
    if k.sebelum_data:
        st.info(f"Belum ada data pada {fmt.tanggal(k.tanggal)}: data pertama tercatat {fmt.tanggal(k.tanggal_awal)}.")


def kosong(pesan: str) -> None:
    """An empty state: one clear sentence instead of an empty chart or table."""
    st.info(pesan, icon=":material/info:")


def boleh_unduh(df: pd.DataFrame, ak: Akses) -> bool:
    """The download gate: the role may download, and the table holds no personal data."""
    return ak.boleh(UNDUH) and not identitas.pribadi(df)


def _tercatat(buat: Callable[[], bytes], berkas: str, ak: Akses) -> Callable[[], bytes]:
    """The file, built when the button is pressed (outside the script run), after its audit line."""
    def isi() -> bytes:
        gerbang.catat(audit.UNDUH, berkas, ak=ak)
        return buat()
    return isi


def tombol_unduh(df: pd.DataFrame, nama: str, k: Konteks, key: str) -> None:
    """CSV and XLSX downloads of ``df`` (already filtered like the screen, in the session's scope),
    formula-safe, written to the audit log; nothing for a role without downloads or for a table
    with personal data."""
    ak = gerbang.akses()
    if not boleh_unduh(df, ak):
        return
    a, b, _ = st.columns([1, 1, 4])
    base = [nama, *k.slug()]
    csv, xlsx = unduhan.nama_berkas(*base, ext="csv"), unduhan.nama_berkas(*base, ext="xlsx")
    a.download_button("Unduh CSV", data=_tercatat(lambda: unduhan.csv_bytes(df), csv, ak), file_name=csv,
                      mime="text/csv", key=f"csv_{key}", icon=":material/download:", on_click="ignore")
    b.download_button("Unduh XLSX", data=_tercatat(lambda: unduhan.xlsx_bytes(df, nama), xlsx, ak),
                      file_name=xlsx, key=f"xlsx_{key}", icon=":material/download:",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")


def hanya_rincian(teks: str) -> None:
    """What a role without row-level tables sees in their place."""
    st.caption(f"🔒 {teks} Rincian per baris hanya untuk staf desk, camat, verifikator dan admin "
               f"(peran Anda: {gerbang.akses().label}).")


# ------------------------------------------------------------------ cached charts

@st.cache_resource(max_entries=512, show_spinner=False)
def _grafik(kunci: str, _builder: Callable, name: str, params: tuple, versi: str, lingkup: Lingkup,
            tingkat_batas: str | None = None):
    df = q(name, **dict(params))
    if tingkat_batas is None:
        return _builder(df)
    b = batas().get(tingkat_batas)
    return None if b is None or df.empty else _builder(b, df)


def grafik(builder: Callable[[pd.DataFrame], object], name: str, **params):
    """``builder(q(name, **params))`` (e.g. a plotly figure), built once per data version,
    parameters and access scope, and shared by the sessions of that scope: plotly validates each
    update, so rebuilding a figure on every rerun costs tens of milliseconds. Never mutate the
    returned object."""
    kunci = f"{builder.__module__}.{builder.__qualname__}"
    return _grafik(kunci, builder, name, tuple(sorted(params.items())), store().versi, gerbang.lingkup())


@st.cache_resource(max_entries=256, show_spinner=False)
def _sekali(kunci: str, _builder: Callable, args: tuple, kwargs: tuple, versi: str, lingkup: Lingkup,
            _bebas: dict):
    return _builder(*args, **dict(kwargs), **_bebas)


def sekali(builder: Callable, *args, kunci: tuple = (), **kwargs):
    """``builder(*args, **kwargs)`` (a figure or map from query results), built once per data
    version, scope and arguments and shared by the sessions of that scope. DataFrames are hashed
    by content. Keyword arguments named with a leading ``_`` are passed without it and not hashed
    (boundaries): ``kunci`` must then say what tells them apart. Never mutate the result."""
    bebas = {k[1:]: v for k, v in kwargs.items() if k.startswith("_")}
    hashed = tuple(sorted((k, v) for k, v in kwargs.items() if not k.startswith("_")))
    nama = f"{builder.__module__}.{builder.__qualname__}|{kunci!r}"
    return _sekali(nama, builder, args, hashed, store().versi, gerbang.lingkup(), bebas)


def peta(builder: Callable[[Batas, pd.DataFrame], object], tingkat_batas: str, name: str, **params):
    """``builder(boundaries of tingkat_batas, q(name, **params))``, a map built once per data
    version, parameters and scope (like :func:`grafik`); None when that level has no boundaries."""
    kunci = f"{builder.__module__}.{builder.__qualname__}"
    return _grafik(kunci, builder, name, tuple(sorted(params.items())), store().versi, gerbang.lingkup(), tingkat_batas)


# ------------------------------------------------------------------ daily report ("Unduh laporan")

class KunciLaporan(NamedTuple):
    versi: str
    tanggal: dt.date
    kecamatan: str | None
    format: str
    lingkup: Lingkup


def kunci_laporan(k: Konteks, format: str) -> KunciLaporan:
    """Everything a generated report depends on, and so its cache key: the data version, the
    as-of date, the kecamatan filter (a kelurahan filter does not narrow the report) and the
    format, and the access scope the report's queries run in. Anything that changes what a report
    may contain joins the key here."""
    return KunciLaporan(k.versi, k.tanggal, k.kecamatan, format, gerbang.lingkup())


@st.cache_data(max_entries=24, show_spinner=False)
def _berkas_laporan(kunci: KunciLaporan, _kabar: laporan.Kabar) -> bytes:
    return laporan.buat(store(), kunci.tanggal, kunci.kecamatan, kunci.format, _kabar, kunci.lingkup)


def buat_laporan(kunci: KunciLaporan, bar) -> bytes:
    """The report's bytes (cached per key), with the generator's progress on ``bar``.

    The cached function runs in a worker thread and reports through a queue, so no Streamlit
    element is touched inside it (cache_data would replay such calls on a hit)."""
    kabar: queue.SimpleQueue = queue.SimpleQueue()
    hasil: dict = {}

    def kerja() -> None:
        try:
            hasil["data"] = _berkas_laporan(kunci, lambda f, teks: kabar.put((f, teks)))
        except BaseException as exc:   # handed to the script thread below
            hasil["galat"] = exc

    t = threading.Thread(target=kerja, name="siaga-laporan", daemon=True)
    add_script_run_ctx(t, get_script_run_ctx())
    t.start()
    while t.is_alive() or not kabar.empty():
        try:
            f, teks = kabar.get(timeout=0.1)
        except queue.Empty:
            continue
        bar.progress(min(max(f, 0.0), 1.0), text=teks)
    if "galat" in hasil:
        raise hasil["galat"]
    return hasil["data"]


def tombol_laporan(k: Konteks) -> None:
    """The "Unduh laporan" control in the sidebar of every page: choose a format, make the daily
    report of the current kecamatan filter and as-of date (only on click), then download it."""
    if not gerbang.boleh(akses_mod.UNDUH_LAPORAN):
        return
    with st.sidebar.expander("Unduh laporan", icon=":material/summarize:"):
        format = st.radio("Format", list(laporan.FORMAT), format_func=lambda f: laporan.FORMAT[f].label,
                          key="laporan_format")
        nama = lingkup.nama_lingkup(k.wilayah.nama, k.nama_kecamatan.get(k.kecamatan or ""))
        st.caption(f"{fmt.md(nama)} · data per {fmt.tanggal(k.tanggal)}. PDF A4; gambar PNG 1600×900 untuk "
                   "WhatsApp, satu per slide, dalam satu berkas zip; PPTX 16:9.")
        kunci = kunci_laporan(k, format)
        if st.button("Buat laporan", key="laporan_buat", icon=":material/description:"):
            bar = st.progress(0.0, text="Menyiapkan laporan…")
            try:
                st.session_state["_laporan"] = (kunci, buat_laporan(kunci, bar))
            except laporan.LaporanError as exc:
                st.error(str(exc))
            finally:
                bar.empty()
        siap = st.session_state.get("_laporan")
        if siap is not None and siap[0] == kunci:
            f = laporan.FORMAT[format]
            st.download_button(f"Unduh {f.label}", data=siap[1], mime=f.mime, key="laporan_unduh",
                               file_name=laporan.nama_berkas(k.kecamatan or k.wilayah.kode, k.tanggal, format),
                               icon=":material/download:", on_click="ignore", type="primary")


# ------------------------------------------------------------------ big screen (?mode=layar)

CSS_LAYAR = "<style>" + (Path(__file__).parent.parent / "static" / "layar.css").read_text(encoding="utf-8") + "</style>"


def gaya_layar() -> None:
    """The big screen's style sheet: hides Streamlit's chrome, enlarges the type."""
    st.html(CSS_LAYAR)  # static style sheet from siaga/static, never a data value


def tautan_layar(k: Konteks) -> str:
    """Link to the big-screen briefing of this view (codes and ISO dates only: URL-safe)."""
    q = {"mode": "layar", PARAM[KEC]: k.kecamatan, PARAM[TGL]: None if k.tanggal == k.tanggal_akhir else k.tanggal}
    return "./?" + "&".join(f"{n}={v}" for n, v in q.items() if v)


def mode_layar() -> bool:
    """The big-screen briefing was asked for in the URL."""
    return st.query_params.get("mode") == "layar"


def tanggal_layar(k: Konteks) -> dt.date:
    """The date the big screen shows: the one in the URL, else the latest day of data (which
    moves on by itself when new reports arrive)."""
    if PARAM[TGL] in st.query_params:
        return k.tanggal
    return lingkup.Rentang.dari_baris(q("rentang_data").iloc[0]).akhir


@st.cache_resource(max_entries=8, show_spinner="Menyiapkan layar…")
def _laporan_layar(versi: str, tanggal: dt.date, kecamatan: str | None, lk: Lingkup) -> paparan.Laporan:
    return paparan.susun(store(), tanggal, kecamatan, lk=lk)


def laporan_layar(tanggal: dt.date, kecamatan: str | None) -> paparan.Laporan:
    """The slides of the big screen: the report model, built once per data version and view
    (aggregates only: the report model never holds personal data)."""
    return _laporan_layar(store().versi, tanggal, kecamatan, gerbang.lingkup())


def jumlah_slide_layar() -> int:
    return len(paparan.SLIDES)


@st.cache_data(max_entries=32, show_spinner=False)
def _peta_layar(versi: str, tanggal: dt.date, kecamatan: str | None, lk: Lingkup) -> bytes:
    peta = next(s.peta for s in _laporan_layar(versi, tanggal, kecamatan, lk).slides if s.peta is not None)
    return visual.peta_png(peta, visual.Ukuran(1100, 560, 1.5), huruf=17)


def peta_layar(tanggal: dt.date, kecamatan: str | None) -> bytes:
    """The readiness map as a static picture (no tiles, nothing to load), cached per view."""
    return _peta_layar(store().versi, tanggal, kecamatan, gerbang.lingkup())


BARIS_LAYAR = 7


def tabel_layar(t: paparan.Tabel) -> pd.DataFrame:
    """A slide's table in its short form (what fits a screen), as text cells."""
    s = t.untuk_slide(BARIS_LAYAR)
    return pd.DataFrame(list(s.baris), columns=list(s.kolom))
