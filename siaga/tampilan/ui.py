"""Streamlit glue shared by every page: the cached store and queries, the filters (kept in the URL
so a link reproduces the view, and kept across pages), the screen models built once per view, the
download buttons and the page furniture.

Every query, model and boundary set is scoped by the session's access
(:func:`siaga.akses.gerbang.lingkup`): the scope goes to the query layer as a parameter and into
every cache key, and a camat's kecamatan filter is forced and locked. Downloads check the role,
refuse personal data and are written to the audit log."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from siaga.akses import UNDUH, Akses, Lingkup, audit, gerbang, identitas
from siaga.data.store import Store
from siaga.inti import fmt
from siaga.inti.config import Paths
from siaga.inti.masalah import GALAT, Masalah
from siaga.laporan import unduhan
from siaga.masuk.geo import Batas
from siaga.model import ikhtisar, level
from siaga.model import layar as waktu_data
from siaga.model.komponen import Angka, Q
from siaga.model.konteks import JENDELA, Konteks, Rentang, jendela_bawaan
from siaga.tampilan import jaringan
from siaga.tampilan.navigasi import BDG, JDL, KEC, KEL, TGL

SELURUH = ""                              # the "whole region / all kelurahan" choice of a filter
PARAM = {KEC: "kec", KEL: "kel", TGL: "tgl", JDL: "jendela", BDG: "banding"}     # URL parameter of each filter
STATIC = Path(__file__).resolve().parent.parent / "static"
M = TypeVar("M")


# ------------------------------------------------------------------ data

@st.cache_resource(show_spinner="Memuat data…")
def _store(paths: Paths) -> Store:
    s = Store(paths, pemuat=os.environ.get("SIAGA_PEMUAT", "proses"))
    s.muat(baru=False)            # a published snapshot serves at once; a newer one swaps in when ready
    return s


_paths = functools.lru_cache(maxsize=8)(Paths.dari)     # resolved once per value, not on every call
_VERSI = "_versi"                                       # the snapshot this run started on


def store() -> Store:
    """The process-wide store of the folders named by SIAGA_DATA / SIAGA_GEO / SIAGA_TERBIT."""
    return _store(_paths(os.environ.get("SIAGA_DATA"), os.environ.get("SIAGA_GEO"), os.environ.get("SIAGA_TERBIT")))


def segarkan() -> Store:
    """Swap in a newly published snapshot (cheap: the loader does the work) and pin this run to
    the current one. Run at the start of every full run (:func:`mulai`) and of every rotation of
    the big screen."""
    s = store()
    s.segarkan()
    if s.siap:
        st.session_state[_VERSI] = s.versi
    else:
        st.session_state.pop(_VERSI, None)
    return s


def versi() -> str:
    """The data version of this run: the snapshot current when the run began (:func:`mulai`), so
    a new snapshot published mid-run never mixes two versions on one page."""
    v = st.session_state.get(_VERSI)
    return v if v is not None else store().versi


@st.cache_data(max_entries=2048, show_spinner=False)
def _cached(name: str, params: tuple, versi: str, lingkup: Lingkup) -> pd.DataFrame:
    return store().query(name, lingkup=lingkup, versi=versi, **dict(params))


def q(name: str, **params) -> pd.DataFrame:
    """Run a named query in the session's scope, cached per data version, parameters and scope."""
    return _cached(name, tuple(sorted(params.items())), versi(), gerbang.lingkup())


@st.cache_resource(max_entries=64, show_spinner=False)
def _batas(versi: str, lingkup: Lingkup) -> dict[str, Batas]:
    semua = store().snapshot_versi(versi).batas
    if lingkup.kecamatan is None:
        return dict(semua)
    kode = set(store().query("daftar_wilayah", lingkup=lingkup, versi=versi, kecamatan=None)["kode"])
    out = {}
    for tingkat, b in semua.items():
        pilih = b.gdf[b.gdf["kode"].isin(kode)]
        if len(pilih):
            out[tingkat] = Batas(tingkat, pilih.reset_index(drop=True), tuple(float(x) for x in pilih.total_bounds))
    return out


def batas() -> dict[str, Batas]:
    """The boundaries in the session's scope (a camat: their kecamatan and its kelurahan)."""
    return _batas(versi(), gerbang.lingkup())


def multi() -> bool:
    """True for a province or national desk (several kab/kota in the data)."""
    s = store()
    return s.siap and s.wilayah.multi


@st.cache_resource(max_entries=128, show_spinner=False)
def _model(nama: str, kunci: tuple, _susun: Callable[[Q, Konteks], M], _k: Konteks) -> M:
    return _susun(q, _k)


def model(susun: Callable[[Q, Konteks], M], k: Konteks) -> M:
    """A screen model (:mod:`siaga.model`), built once per data version, scope and filters and shared
    by the sessions of that scope: a warm rerun only hands the ready objects to Streamlit. Never
    modify the result."""
    return _model(f"{susun.__module__}.{susun.__qualname__}", k.kunci_tampilan, susun, k)


def lupakan_model() -> None:
    """Forget the screen models kept by :func:`model` and :func:`model_ikhtisar` (the store stays):
    a benchmark timing a view's queries builds its models again."""
    _model.clear()
    _ikhtisar.clear()


@st.cache_resource(max_entries=64, show_spinner=False)
def _ikhtisar(kunci: tuple, induk: str | None, _k: Konteks, _nama: dict[str, str]) -> ikhtisar.HalamanIkhtisar:
    return ikhtisar.susun(q, _k, induk, _nama)


def model_ikhtisar(k: Konteks, induk: str | None, nama: dict[str, str]) -> ikhtisar.HalamanIkhtisar:
    """The Ikhtisar screen of the unit ``induk`` (from the URL), built once per view like :func:`model`."""
    return _ikhtisar(k.kunci_tampilan, induk, k, nama)


def tabel_masalah(masalah: list[Masalah]) -> pd.DataFrame:
    return pd.DataFrame([m.as_row() for m in masalah],
                        columns=["tingkat", "berkas", "baris", "kolom", "nilai", "alasan"])


# ------------------------------------------------------------------ filters

def _parse_tgl(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


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
    s = segarkan()
    if not s.siap:
        st.error("Data tidak dapat dimuat. Perbaiki berkas berikut, impor versi yang benar atau pulihkan versi "
                 "sebelumnya di halaman **Data**, lalu muat ulang halaman.")
        st.dataframe(tabel_masalah(s.ditolak), hide_index=True, width="stretch")
        if not perlu_data:
            return None
        st.stop()
    if s.ditolak:
        galat = sum(m.tingkat == GALAT for m in s.ditolak)
        lain = len(s.ditolak) - galat
        jumlah = f"{fmt.angka(galat)} galat" + (f", {fmt.angka(lain)} peringatan" if lain else "")
        st.warning(f"Pembaruan data ditolak ({jumlah}); yang tampil adalah data terakhir yang sah. "
                   "Rinciannya ada di bawah.")
        with st.expander("Rincian masalah data"):
            st.dataframe(tabel_masalah(s.ditolak), hide_index=True, width="stretch")

    ak = gerbang.akses()
    wil = s.wilayah
    rentang = Rentang.dari_query(q)
    awal, akhir = rentang.awal, rentang.akhir
    tahap = q("tahapan", tanggal=akhir)
    paling_awal = min([awal, *[pd.Timestamp(t).date() for t in tahap["mulai"]]])
    batas_atas = max(rentang.batas_atas, wil.hari_pemungutan)
    nama_kec, nama_kel, induk, _ = _nama(versi(), gerbang.lingkup())

    # A camat's kecamatan is forced (the scoped daftar_wilayah holds only theirs; "whole region" is not valid).
    kec_ok = (lambda c: c in nama_kec) if ak.kecamatan else (lambda c: c == SELURUH or c in nama_kec)
    v_kec = _nilai(KEC, lambda x: x, kec_ok, ak.kecamatan or SELURUH)
    # A lurah's kelurahan is forced the same way.
    kel_ok = ((lambda c: c == ak.kelurahan) if ak.kelurahan
              else (lambda c: c == SELURUH or induk.get(c) == st.session_state.get("s_kec")))
    v_kel = _nilai(KEL, lambda x: x, kel_ok, ak.kelurahan or SELURUH)
    v_tgl = _nilai(TGL, _parse_tgl, lambda t: isinstance(t, dt.date) and paling_awal <= t <= batas_atas, akhir)
    jdl_bawaan = jendela_bawaan(v_tgl, wil.hari_pemungutan)      # the last 6 hours on voting day
    v_jdl = _nilai(JDL, lambda x: x, lambda j: j in JENDELA, jdl_bawaan)
    # The day changes are counted from (the last coordination meeting); None: the day before the as-of date.
    v_bdg = _nilai(BDG, _parse_tgl, lambda t: t is None or (isinstance(t, dt.date) and paling_awal <= t < v_tgl), None)

    widgets = frozenset() if layar else filters     # on the big screen the URL values above still apply
    with st.sidebar if not layar else contextlib.nullcontext():
        if KEC in widgets:
            _widget(st.selectbox, "Kecamatan", KEC, options=[*([] if ak.kecamatan else [SELURUH]), *nama_kec],
                    format_func=lambda c: f"Seluruh {wil.nama}" if c == SELURUH else nama_kec[c],
                    disabled=bool(ak.kecamatan),
                    help="Terkunci ke kecamatan Anda." if ak.kecamatan else None)
        if KEL in widgets and v_kec:
            pilihan = [k for k, i in induk.items() if i == v_kec]
            _widget(st.selectbox, "Kelurahan", KEL, options=[*([] if ak.kelurahan else [SELURUH]), *pilihan],
                    format_func=lambda c: "Semua kelurahan" if c == SELURUH else nama_kel[c],
                    disabled=bool(ak.kelurahan), help="Terkunci ke kelurahan Anda." if ak.kelurahan else None)
        if TGL in widgets:
            _widget(st.date_input, "Data per tanggal", TGL, min_value=paling_awal, max_value=batas_atas,
                    format="DD/MM/YYYY",
                    help=f"Data tersedia {fmt.tanggal(awal)} – {fmt.tanggal(akhir)}. "
                         "Pilih tanggal lampau untuk melihat keadaan saat itu.")
        if BDG in widgets:
            _widget(st.date_input, "Perubahan sejak", BDG, min_value=paling_awal,
                    max_value=max(paling_awal, v_tgl - dt.timedelta(days=1)), format="DD/MM/YYYY",
                    help="Tanggal rapat koordinasi terakhir: perubahan dihitung sejak akhir hari itu. "
                         "Kosongkan untuk membandingkan dengan kemarin.")
        if JDL in widgets:
            _widget(st.radio, "Jendela waktu", JDL, options=list(JENDELA), format_func=JENDELA.get,
                    help="Insiden yang dilaporkan dalam jendela waktu ini, sampai tanggal data.")
        if wil.simulasi and not layar:
            st.caption("⚠️ Data operasional pada demo ini **simulasi**; kode wilayah, DPT dan TPS per kecamatan nyata.")
    if not layar:
        pesan_waktu(waktu_data.pesan_waktu(rentang, v_tgl, dt.datetime.now().astimezone(),
                                           batas_jam=waktu_data.BASI_BAWAAN, tz=wil.tz, zona=wil.zona_waktu,
                                           simulasi=wil.simulasi))

    ktx = Konteks(wilayah=wil, versi=versi(), tanggal=v_tgl, kecamatan=v_kec or None,
                  kelurahan=ak.kelurahan or ((v_kel or None) if KEL in filters else None),
                  jendela=v_jdl if JDL in filters else jdl_bawaan, nama_kecamatan=nama_kec,
                  nama_kelurahan=nama_kel, rentang=rentang, akses=ak, batas=batas(),
                  banding=v_bdg if BDG in filters else None)
    _sync_url(ktx, filters)
    st.session_state[_KONTEKS] = ktx
    return ktx


@st.cache_resource(max_entries=16, show_spinner=False)
def _nama(versi: str, lingkup: Lingkup) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """Names of kecamatan and kelurahan, each kelurahan's kecamatan, and names of provinces and
    kab/kota: built once per data version and scope (a national list has 84.000 kelurahan)."""
    daftar = q("daftar_wilayah")
    per = {t: daftar[daftar["tingkat"] == t] for t in ("provinsi", "kabkota", "kecamatan", "kelurahan")}
    atas = pd.concat([per["provinsi"], per["kabkota"]])
    return (dict(zip(per["kecamatan"]["kode"], per["kecamatan"]["nama"], strict=True)),
            dict(zip(per["kelurahan"]["kode"], per["kelurahan"]["nama"], strict=True)),
            dict(zip(per["kelurahan"]["kode"], per["kelurahan"]["kode_induk"], strict=True)),
            dict(zip(atas["kode"], atas["nama"], strict=True)))


def nama_wilayah() -> dict[str, str]:
    """Names of the provinces and kab/kota in the data (a province or national desk)."""
    return _nama(versi(), gerbang.lingkup())[3]


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
        JDL: None if k.jendela == jendela_bawaan(k.tanggal, k.wilayah.hari_pemungutan) else k.jendela,
        BDG: k.banding.isoformat() if k.banding else None,
    }
    for name, value in want.items():
        key = PARAM[name]
        if value is None or name not in filters:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


# ------------------------------------------------------------------ the entry point runs first

_KONTEKS = "_konteks"
_PINTU = "_lewat_pintu"


def jalankan(halaman: st.Page) -> None:
    """Run the page chosen by the entry point's navigation, marked as coming through the entry point."""
    st.session_state[_PINTU] = True
    halaman.run()


def lewat_pintu() -> None:
    """Make sure this page runs under the entry point (gate, filters, navigation).

    A Streamlit process that sees a ``pages/`` folder next to its entry point starts in its legacy
    multipage mode, in which a deep link (``/kesiapan?kec=…``) as a session's first request runs
    the page file alone. Each page therefore asks here first: the mark set by :func:`jalankan` for
    this run is taken, and without it the page declares the app's navigation (``st.navigation``,
    which ends the legacy mode for the process) and reruns, so the entry point runs first. The
    mark lives in this session's state, so concurrent sessions cannot confuse each other."""
    if not st.session_state.pop(_PINTU, False):
        from siaga.tampilan import navigasi

        st.navigation(navigasi.pintu(), position="hidden")
        st.rerun()


def konteks() -> Konteks:
    """The filters of this run, set by :func:`mulai` in the entry point before the page runs."""
    lewat_pintu()
    return st.session_state[_KONTEKS]


# ------------------------------------------------------------------ page furniture

def tautan_layar(k: Konteks) -> str:
    """Link to the big-screen briefing of this view (codes and ISO dates only: URL-safe)."""
    qs = {"mode": "layar", PARAM[KEC]: k.kecamatan, PARAM[TGL]: None if k.tanggal == k.tanggal_akhir else k.tanggal,
          PARAM[BDG]: k.banding}
    return "./?" + "&".join(f"{n}={v}" for n, v in qs.items() if v)


def judul(teks: str, k: Konteks) -> None:
    """Page title, scope and the "data per" stamp."""
    st.title(f"{teks} · {fmt.md(k.nama_lingkup)}")
    st.caption(f"Data per {k.data_per} · {k.hitung_mundur}{k.menuju} pemungutan suara "
               f"{fmt.hari_tanggal(k.wilayah.hari_pemungutan)} · [Tampilkan di layar besar]({tautan_layar(k)})")
    if k.sebelum_data:
        st.info(f"Belum ada data pada {fmt.tanggal(k.tanggal)}: data pertama tercatat {fmt.tanggal(k.tanggal_awal)}.")


def pesan_waktu(pesan: list[waktu_data.Pesan], samping: bool = True) -> None:
    """Time-honesty sentences (:func:`siaga.model.layar.pesan_waktu`): a warning box on the page for
    stale or impossible data; a quiet line for a replay or a past date, under the date filter in
    the sidebar (``samping``) or on the page (the big screen has no sidebar)."""
    for p in pesan:
        if p.tingkat == "peringatan":
            st.warning(p.teks, icon=":material/schedule:")
        else:
            (st.sidebar if samping else st).caption(f":material/history: {fmt.md(p.teks)}")


def kosong(pesan: str) -> None:
    """An empty state: one clear sentence instead of an empty chart or table."""
    st.info(pesan, icon=":material/info:")


def kartu(angka: Sequence[Angka], kotak: bool = True, definisi: bool = True) -> None:
    """Key figures side by side: value, the line under it and (``definisi``) its definition on hover."""
    for col, a in zip(st.columns(max(len(angka), 1)), angka, strict=False):
        with col.container(border=kotak) if kotak else col:
            st.metric(a.label, a.nilai, help=(a.bantuan or None) if definisi else None)
            if a.keterangan:
                st.caption(a.keterangan)


def warnai_level(df: pd.DataFrame, kolom: str = "Level"):
    """A Styler colouring the level column with the level colours (the text stays the level's name)."""
    teks_di_atas = {"siap": "#ffffff", "perlu_perhatian": "#1a1a1a", "rawan": "#ffffff"}
    by_label = {level.label(lv): (level.warna(lv), teks_di_atas[lv]) for lv in level.LEVEL}

    def css(value: str) -> str:
        bg, fg = by_label.get(value, (level.NO_DATA[1], "#1a1a1a"))
        return f"background-color: {bg}; color: {fg}"

    return df.style.map(css, subset=[kolom])


def boleh_unduh(df: pd.DataFrame, ak: Akses) -> bool:
    """The download gate: the role may download, and the table holds no personal data."""
    return ak.boleh(UNDUH) and not identitas.pribadi(df)


def _tercatat(buat: Callable[[], bytes], berkas: str, ak: Akses) -> Callable[[], bytes]:
    """The file, built when the button is pressed (outside the script run), after its audit line
    and the download permit of this browser (siaga/tampilan/jaringan.py: only the browser whose
    session pressed the button fetches the file, within two minutes)."""
    siapa = jaringan.pemegang(gerbang.cookie_sambungan())

    def isi() -> bytes:
        gerbang.catat(audit.UNDUH, berkas, ak=ak)
        jaringan.IZIN_UNDUH.beri(siapa, berkas)
        return buat()
    return isi


def tombol_unduh(df: pd.DataFrame | None, nama: str, k: Konteks, key: str) -> None:
    """CSV and XLSX downloads of ``df`` (already filtered like the screen, in the session's scope),
    formula-safe, written to the audit log; nothing for a role without downloads or for a table
    with personal data."""
    ak = gerbang.akses()
    if df is None or not boleh_unduh(df, ak):
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


def tinggi_tabel(n: int, maks: int = 600) -> int:
    """Pixel height showing ``n`` rows and the header without an inner scrollbar (up to ``maks``)."""
    return min(maks, 35 * (max(n, 1) + 1) + 3)


# ------------------------------------------------------------------ the outcome of a save

def kabar(kunci: str, galat: Callable[[object], None]) -> None:
    """The outcome of this session's last save, once: ``(jenis, isi)`` under ``kunci`` in the
    session state; "ok" shows ``isi`` as success, anything else is drawn by ``galat(isi)``."""
    got = st.session_state.pop(kunci, None)
    if got is None:
        return
    jenis, isi = got
    if jenis == "ok":
        st.success(isi, icon=":material/check_circle:")
    else:
        galat(isi)


# ------------------------------------------------------------------ the desk's style sheet

CSS_DESK = "<style>" + (STATIC / "desk.css").read_text(encoding="utf-8") + "</style>"


def gaya_desk() -> None:
    """The desk pages' static style sheet (``siaga/static/desk.css``): key figures wrap, never cut."""
    st.html(CSS_DESK)  # static style sheet from siaga/static, never a data value


# ------------------------------------------------------------------ a browser module that failed to load

PENJAGA_MODUL = (STATIC / "muat_ulang.js").read_text(encoding="utf-8")


def penjaga_modul() -> None:
    """A static script (``siaga/static/muat_ulang.js``, never a data value) that watches for a
    browser module that could not be loaded, e.g. while the server was restarting, and then asks
    the user in Indonesian to reload the page instead of leaving broken tables on screen."""
    skrip = f'<script id="siaga-penjaga-modul">{PENJAGA_MODUL}</script>'
    st.html(skrip, unsafe_allow_javascript=True)  # static script from siaga/static, never a data value
