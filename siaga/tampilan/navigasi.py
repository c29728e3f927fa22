"""The app's pages: file, title, icon, the filters each uses and who may open it.

``dashboard.py`` builds the navigation from here; :func:`siaga.tampilan.ui.lewat_pintu` uses it when
a page file was started without the entry point.

Every page has its own address (``/ringkasan``, ``/kesiapan?kec=…``), so any view can be shared as a
link. Streamlit gives its default page the root address only, so the default page here is a hidden
*beranda* that opens the first page of the desk (Ringkasan, or Ikhtisar on a province or national
desk) with the link's filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from siaga import akses
from siaga.akses import Akses
from siaga.inti.config import ROOT

PAGES = ROOT / "pages"

# Filters a page may use (also URL parameter names and session-state key suffixes).
KEC, KEL, TGL, JDL, BDG = "kec", "kel", "tgl", "jendela", "banding"


@dataclass(frozen=True)
class Halaman:
    berkas: str                              # file in pages/
    judul: str
    ikon: str
    filter: frozenset[str]                   # filters shown; a page without any also runs without data
    boleh: Callable[[Akses], bool] = lambda ak: True
    kabkota: bool = True                     # a kab/kota page (not offered on a province or national desk)
    lurah: bool = False                      # offered to a lurah (whose queries are scoped to one kelurahan)
    multi: bool = False                      # a province or national page


HALAMAN = (
    Halaman("ringkasan.py", "Ringkasan", ":material/dashboard:", frozenset({KEC, TGL, BDG})),
    Halaman("kesiapan.py", "Kesiapan", ":material/fact_check:", frozenset({KEC, KEL, TGL})),
    Halaman("logistik.py", "Logistik", ":material/local_shipping:", frozenset({KEC, TGL})),
    Halaman("insiden.py", "Insiden & Permasalahan", ":material/report:", frozenset({KEC, KEL, TGL, JDL})),
    Halaman("netralitas.py", "Netralitas ASN", ":material/balance:", frozenset({KEC, TGL})),
    Halaman("lapor.py", "Lapor", ":material/add_a_photo:", frozenset({KEC}),
            boleh=lambda ak: ak.boleh(akses.LAPOR_LAPANGAN), lurah=True),
    Halaman("tugas.py", "Tugas", ":material/task_alt:", frozenset({KEC, TGL}),
            boleh=lambda ak: ak.boleh(akses.RINCIAN), lurah=True),
    # the desk enters meetings; pimpinan reads the decisions and their follow-up (no task notes)
    Halaman("rapat.py", "Rapat", ":material/groups:", frozenset({KEC, TGL}),
            boleh=lambda ak: ak.boleh(akses.SELURUH_WILAYAH) and not ak.publik),
    Halaman("ikhtisar.py", "Ikhtisar", ":material/travel_explore:", frozenset({TGL}), kabkota=False, multi=True),
    Halaman("data.py", "Data", ":material/upload_file:", frozenset(),
            boleh=lambda ak: ak.boleh(akses.IMPOR) or ak.publik, multi=True),
    Halaman("audit.py", "Audit", ":material/policy:", frozenset(), boleh=lambda ak: ak.boleh(akses.LIHAT_AUDIT),
            multi=True),
)
LAYAR = Halaman("layar.py", "Layar", ":material/tv:", frozenset({KEC, TGL, BDG}))
BERANDA = Halaman("", "Siaga Pilkada", ":material/home:", frozenset())


def _page(h: Halaman, ikon: bool = True) -> st.Page:
    return st.Page(PAGES / h.berkas, title=h.judul, icon=h.ikon if ikon else None)


def _beranda(awal: Halaman | None) -> st.Page:
    """The hidden default page: opens ``awal`` with the link's filters (nothing when None)."""
    def beranda() -> None:
        if awal is not None:
            st.switch_page(PAGES / awal.berkas, query_params=st.query_params.to_dict())
    return st.Page(beranda, title=BERANDA.judul, default=True, visibility="hidden")


def daftar(ak: Akses, multi: bool) -> dict[st.Page, Halaman]:
    """The pages of a kab/kota desk (``multi`` False) or a province/national desk that ``ak`` may
    open, behind the hidden beranda that opens the first of them."""
    pilih = [h for h in HALAMAN if (h.multi if multi else h.kabkota) and h.boleh(ak) and (h.lurah or not ak.kelurahan)]
    return {_beranda(pilih[0] if pilih else None): BERANDA, **{_page(h): h for h in pilih}}


def semua() -> list[st.Page]:
    """Every page (the hidden navigation of the log-in form, so a link keeps its page)."""
    return [_beranda(None), *(_page(h) for h in HALAMAN)]


def pintu() -> list[st.Page]:
    """The navigation a page declares when it was started without the entry point (see
    :func:`siaga.tampilan.ui.lewat_pintu`): every page file, no icons (an icon would become the
    favicon, fetched from the net)."""
    return [_beranda(None), *(_page(h, ikon=False) for h in (*HALAMAN, LAYAR))]


def layar() -> dict[st.Page, Halaman]:
    """The big screen: one page."""
    return {st.Page(PAGES / LAYAR.berkas, title=LAYAR.judul, icon=LAYAR.ikon, default=True): LAYAR}
