"""Voting day and after: the live view of a voting day (the region's, or a re-vote's at its own TPS),
the rekapitulasi by kecamatan with the official deadlines and the status strip to pelantikan.

:func:`susun` builds the phase's model for a view (:class:`HalamanFase`); Ringkasan, the big-screen
slides and the daily report render that one model. Counts and times only: no result of any candidate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from siaga.akses import RINCIAN
from siaga.inti import fmt
from siaga.inti.kontrak import LABEL_KEPARAHAN
from siaga.masuk.geo import Batas, geojson
from siaga.model import fase as m_fase
from siaga.model import grafik, insiden
from siaga.model.komponen import Angka, Q, Tabel
from siaga.model.konteks import JAM_JENDELA, Konteks

JAM_ACUAN = tuple(range(7, 14))           # the hours of the comparison curve (07.00 … 13.00)
KOLOM_HARI = ("Kecamatan", "TPS", "Dibuka ≤ 07.00", "Terlambat", "Belum dibuka", "Partisipasi", "Ditutup",
              "Penghitungan selesai", "Perlu ditelepon")
KOLOM_REKAP = ("Kecamatan", "Kotak di PPS", "Kotak di PPK", "Pleno PPK", "Keberatan PPK", "Kotak di KPU",
               "Pleno KPU kota")
# Stages of the status strip after the rekapitulasi: a word in the stage name (tahapan.csv) -> label.
TAHAP_AKHIR = (("rekapitulasi tingkat kabupaten/kota", "Rekapitulasi KPU kab/kota"),
               ("penetapan pasangan calon terpilih", "Penetapan calon terpilih"),
               ("perselisihan", "Sengketa hasil di MK"), ("pelantikan", "Pelantikan"))
LABEL_STATUS_TPS = {"siap": "Siap", "belum": "Belum siap", "bermasalah": "Bermasalah"}
KEADAAN = {"akan_datang": "belum dimulai", "berjalan": "berjalan", "selesai": "selesai"}
# The voting-day map: a kecamatan with a TPS not yet open stands out; otherwise its colour is the share
# of its TPS opened by 07.00 (at least AMBANG_TEPAT[0] %, at least AMBANG_TEPAT[1] %, less). Paul Tol's
# PRGn scheme (colour-blind safe): never the readiness-level colours nor the severity colours of the
# incident points drawn on top; always with its label in the legend.
AMBANG_TEPAT = (90, 70)
KELAS_BUKA = (("belum_0730", "Ada TPS belum dibuka lewat pukul 07.30", "#762A83"),
              ("belum", "Ada TPS belum dilaporkan dibuka", "#BBBBBB"),
              ("kurang", f"Dibuka ≤ 07.00 di bawah {AMBANG_TEPAT[1]}% TPS", "#C2A5CF"),
              ("sedang", f"Dibuka ≤ 07.00 di {AMBANG_TEPAT[1]}–{AMBANG_TEPAT[0] - 1}% TPS", "#ACD39E"),
              ("tepat", f"Dibuka ≤ 07.00 di {AMBANG_TEPAT[0]}% TPS atau lebih", "#1B7837"))
WARNA_BUKA = {k: w for k, _, w in KELAS_BUKA}
JENDELA_PETA = ("1jam", "6jam")            # the rolling incident layer of the voting-day map
# The same classes in the still picture's legend, short enough to stand beside the map ("tepat": by 07.00,
# as the labels on the map say).
LEGENDA_STATIS = {"belum_0730": "Ada TPS belum dibuka > 07.30", "belum": "Ada TPS belum dilaporkan",
                  "kurang": f"Tepat 07.00: < {AMBANG_TEPAT[1]}% TPS",
                  "sedang": f"Tepat 07.00: {AMBANG_TEPAT[1]}–{AMBANG_TEPAT[0] - 1}% TPS",
                  "tepat": f"Tepat 07.00: ≥ {AMBANG_TEPAT[0]}% TPS"}
JUDUL_PETA_STATIS = "Hari H: TPS dibuka per kecamatan dan insiden 6 jam terakhir"   # its still picture's title


def _persen(a, b) -> float:
    return 0.0 if not b else 100.0 * float(a) / float(b)


def _label_tepat(tepat: float) -> str:
    """A kecamatan's value on the voting-day map (live and still): the share of TPS opened by 07.00."""
    return f"{fmt.angka(fmt.bulat(tepat))}% tepat"


@dataclass(frozen=True)
class PetaHari:
    """The voting-day map: the kecamatan coloured by how their TPS opened (:data:`KELAS_BUKA`), with
    the incidents reported in the last hour or the last 6 hours as points (one deck per window)."""
    peta: dict[str, pdk.Deck]              # window (:data:`JENDELA_PETA`) -> deck
    legenda: go.Figure
    kelas: pd.DataFrame                    # kode, nama, kelas, tepat (share opened by 07.00, %)
    insiden: dict[str, int]                # window -> incidents reported in it
    catatan: dict[str, str]                # window -> the sentence under the map
    statis: grafik.PetaStatis | None = None   # the same map as a still picture (the voting day's window,
                                              # :data:`siaga.model.fase.JENDELA_HARI_H`): big screen, report


@dataclass(frozen=True)
class HariH:
    """A voting day as of the view's moment: the whole region's, or one re-vote's TPS."""
    judul: str
    angka: tuple[Angka, ...]               # TPS opened, turnout, closed and counting, to call now
    tabel: Tabel                           # one row per kecamatan
    jam: go.Figure | None                  # turnout by hour against DPT and the reference curve
    perlu: tuple[str, ...]                 # kecamatan needing a call now, one sentence each
    hadir: int
    dpt: int
    laporan: bool                          # any voting-day report in the scope
    kecamatan: pd.DataFrame                # pemungutan_kecamatan rows
    peta: PetaHari | None = None           # the region's voting day, with boundaries

    @property
    def partisipasi(self) -> float:
        return _persen(self.hadir, self.dpt)

    def kalimat_perlu(self, maks: int) -> str:
        """Who needs a call now, said in one go: the first ``maks`` kecamatan's sentences and how many
        more there are, so the sentence never names fewer than the key figure counts."""
        if not self.perlu:
            return "Tidak ada kecamatan yang perlu ditelepon sekarang."
        sisa = len(self.perlu) - maks
        return ("Perlu ditelepon sekarang: " + " ".join(self.perlu[:maks])
                + (f" Dan {fmt.angka(sisa)} kecamatan lainnya." if sisa > 0 else ""))


@dataclass(frozen=True)
class Rekap:
    """The rekapitulasi by kecamatan, its deadlines and the stages after it."""
    angka: tuple[Angka, ...]
    tabel: Tabel
    status: tuple[tuple[str, str], ...]    # (stage, "berjalan, sampai 6 Desember 2024")
    kalimat: str


@dataclass(frozen=True)
class HalamanUlang:
    """A re-vote: its countdown, its TPS and their readiness, and on its day its own voting-day view."""
    ulang: m_fase.Ulang
    hitung_mundur: Angka
    tabel: Tabel                           # its TPS: readiness from the existing logs
    hari: HariH | None                     # on (or the day after) its date


@dataclass(frozen=True)
class HalamanFase:
    fase: str
    hari: HariH | None                     # voting day (hari H)
    rekap: Rekap | None                    # after voting day
    ulang: HalamanUlang | None             # a re-vote near the date

    @property
    def label(self) -> str:
        return m_fase.LABEL_FASE[self.fase]


def grafik_jam(jam: pd.DataFrame, kurva: tuple[float, ...], label_acuan: str) -> go.Figure | None:
    """Cumulative turnout by hour (% of DPT) and, dashed, the reference election's curve."""
    if jam.empty and not kurva:
        return None
    label_jam = [f"{j:02d}.00" for j in JAM_ACUAN]
    data = []
    if kurva:
        data.append({"type": "scatter", "x": label_jam, "y": list(kurva), "name": label_acuan or "pemilihan sebelumnya",
                     "mode": "lines", "line": {"dash": "dash", "color": "#777777"},
                     "hovertemplate": "%{x}: %{y:.1f}%<extra>" + (label_acuan or "acuan") + "</extra>"})
    if not jam.empty:
        data.append({"type": "scatter", "x": [f"{int(j):02d}.00" for j in jam["jam"]],
                     "y": [float(p) for p in jam["persen"]], "name": "Partisipasi hari ini", "mode": "lines+markers",
                     "line": {"color": "#0077BB", "width": 3}, "text": [fmt.angka(h) for h in jam["hadir"]],
                     "hovertemplate": "%{x}: %{y:.1f}% (%{text} pemilih)<extra></extra>"})
    # "07.00" is a label, not the number 7 (plotly would otherwise read the hours as numbers)
    return grafik.figur(data, {
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": label_jam, "title": "Pukul"},
        "yaxis": {"range": [0, 100], "ticksuffix": "%", "title": "Hadir dari DPT"}}, tinggi=320)


def kelas_buka(r) -> str:
    """A kecamatan's class on the voting-day map (a ``pemungutan_kecamatan`` row): a TPS not open past
    07.30 first, then any TPS not yet open, else the share of its TPS opened by 07.00 in whole percent."""
    if int(r["belum_dibuka_0730"]):
        return "belum_0730"
    if int(r["belum_dibuka"]):
        return "belum"
    tepat = fmt.bulat(_persen(r["dibuka_tepat"], r["jumlah_tps"]))      # judged as shown on the map: 69,8 is 70%
    return "tepat" if tepat >= AMBANG_TEPAT[0] else "sedang" if tepat >= AMBANG_TEPAT[1] else "kurang"


def _rgb(warna: str, alfa: int = 255) -> list[int]:
    h = warna.lstrip("#")
    return [int(h[i:i + 2], 16) for i in (0, 2, 4)] + [alfa]


def legenda_peta() -> go.Figure:
    """A fixed two-row legend (no hover, no clicks): the classes of the kecamatan and the severity of
    the incident points."""
    baris = [("Kecamatan:", "square", [(label, w) for _, label, w in KELAS_BUKA]),
             ("Insiden (titik):", "circle", [(LABEL_KEPARAHAN[k], grafik.WARNA_KEPARAHAN[k])
                                             for k in reversed(insiden.URUTAN_KEPARAHAN)])]
    data, notes = [], []
    langkah = 87 / max(len(isi) for _, _, isi in baris)
    for i, (judul, simbol, isi) in enumerate(baris):
        y = 1 - i
        notes.append({"x": 0, "y": y, "xref": "x", "yref": "y", "text": judul, "showarrow": False,
                      "xanchor": "left", "font": {"size": 13, "color": "#31333f"}})
        x = [13 + j * langkah for j in range(len(isi))]
        data.append({"type": "scatter", "mode": "markers+text", "hoverinfo": "skip", "x": x, "y": [y] * len(isi),
                     "text": [nama for nama, _ in isi], "textposition": "middle right",
                     "textfont": {"size": 12, "color": "#31333f"},
                     "marker": {"symbol": simbol, "size": 13 if simbol == "square" else 11,
                                "color": [w for _, w in isi],
                                "line": {"color": "#787878" if simbol == "square" else "#ffffff", "width": 1}}})
    fig = go.Figure({"data": data, "layout": {
        "height": insiden.TINGGI_LEGENDA, "showlegend": False, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "hovermode": False, "dragmode": False, "annotations": notes, "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff", "xaxis": {"visible": False, "range": [0, 100], "fixedrange": True},
        "yaxis": {"visible": False, "range": [-0.6, 1.6], "fixedrange": True}}})
    return fig


def kalimat_insiden(d: pd.DataFrame, frasa: str, mulai: dt.datetime, saat: dt.datetime, zona: str) -> str:
    """Under the voting-day map: how many incidents the window holds and how many of them are points."""
    if not len(d):
        return f"Tidak ada insiden dilaporkan {frasa}."
    dari = fmt.waktu_pendek(mulai, zona).removesuffix(" " + zona)
    teks = f"{fmt.angka(len(d))} insiden dilaporkan {frasa} ({dari} – {fmt.waktu_pendek(saat, zona)})"
    ada = int((d["lat"].notna() & d["lon"].notna()).sum())
    if ada == len(d):
        return teks + ", semuanya tampil sebagai titik."
    return teks + f"; {fmt.angka(ada)} tampil sebagai titik, {fmt.angka(len(d) - ada)} tanpa koordinat."


def peta_hari(batas: Batas, kec: pd.DataFrame, daftar: pd.DataFrame, saat: dt.datetime, zona: str,
              perkiraan: bool = False, sumber: str = "") -> PetaHari:
    """The voting-day map of the kecamatan in ``kec`` (``pemungutan_kecamatan`` rows) with the incidents of
    ``daftar`` (``insiden_daftar`` rows reported in the last 6 hours up to ``saat``) as points, one deck for
    each window of :data:`JENDELA_PETA`, and the still picture of the voting day's window (``perkiraan``
    and ``sumber``: the note on the boundaries under it)."""
    rows = kec.to_dict("records")
    kelas = [kelas_buka(r) for r in rows]
    label = {k: lb for k, lb, _ in KELAS_BUKA}
    tepat = [_persen(r["dibuka_tepat"], r["jumlah_tps"]) for r in rows]
    props = pd.DataFrame({
        "kode": kec["kode"],
        "nama": kec["nama"],
        "keterangan": [f"Kec. {r['nama']}: {label[c][:1].lower()}{label[c][1:]}\n"
                       f"{fmt.angka(r['dibuka_tepat'])} dari {fmt.angka(r['jumlah_tps'])} TPS dibuka ≤ 07.00 · "
                       f"{fmt.angka(r['dibuka_terlambat'])} terlambat · {fmt.angka(r['belum_dibuka'])} belum dibuka\n"
                       f"Partisipasi {fmt.persen(_persen(r['hadir'], r['dpt']))}"
                       for r, c in zip(rows, kelas, strict=True)],
        "warna": [_rgb(WARNA_BUKA[c], 215) for c in kelas],
    })
    data = geojson(batas, props)
    sub = batas.gdf[batas.gdf["kode"].isin(set(props["kode"]))]
    bounds = tuple(float(x) for x in sub.total_bounds) if len(sub) else batas.bounds
    dilabel = Batas(batas.tingkat, sub, batas.bounds)
    pusat = dilabel.titik_label().merge(pd.DataFrame({"kode": kec["kode"], "nama": kec["nama"], "tepat": tepat}),
                                        on="kode")
    labels = [{"posisi": [lon, lat], "teks": f"{n}\n{_label_tepat(t)}"}
              for lon, lat, n, t in zip(pusat["lon"], pusat["lat"], pusat["nama"], pusat["tepat"], strict=True)]
    wilayah = pdk.Layer("GeoJsonLayer", data, id="hari-kecamatan", pickable=True, stroked=True, filled=True,
                        get_fill_color="properties.warna", get_line_color=[255, 255, 255, 255], get_line_width=1,
                        line_width_units="'pixels'")
    nama = grafik.lapisan_label(labels, "label-hari", character_set="'auto'")
    lapor = pd.to_datetime(daftar["waktu_lapor"])
    decks, jumlah, catatan = {}, {}, {}
    for jendela in JENDELA_PETA:
        mulai = saat - dt.timedelta(hours=JAM_JENDELA[jendela])
        d = daftar[(lapor >= mulai) & (lapor <= saat)]
        layers = [wilayah]
        for keparahan, pts in insiden.titik(d, zona).items():     # serious ones drawn last, on top
            if pts:
                layers.append(pdk.Layer(
                    "ScatterplotLayer", pts, id=f"hari-insiden-{keparahan}", pickable=True, stroked=True,
                    filled=True, get_position=["lon", "lat"],
                    get_fill_color=_rgb(grafik.WARNA_KEPARAHAN.get(keparahan, "#777777")),
                    get_radius=insiden.JARI_JARI.get(keparahan, 5), radius_units="'pixels'",
                    get_line_color=[255, 255, 255, 255], line_width_min_pixels=1))
        layers.append(nama)
        decks[jendela] = grafik.deck(layers, bounds, tooltip={"text": "{keterangan}"})
        jumlah[jendela] = len(d)
        frasa = insiden.FRASA_JENDELA[jendela]
        catatan[jendela] = kalimat_insiden(d, frasa, mulai, saat, zona)
    tabel = pd.DataFrame({"kode": kec["kode"], "nama": kec["nama"], "kelas": kelas, "tepat": tepat})
    mulai = saat - dt.timedelta(hours=JAM_JENDELA[m_fase.JENDELA_HARI_H])
    statis = peta_statis(sub, pusat, tabel, daftar[(lapor >= mulai) & (lapor <= saat)], batas.tingkat, perkiraan,
                         sumber)
    return PetaHari(decks, legenda_peta(), tabel, jumlah, catatan, statis)


def peta_statis(wilayah: pd.DataFrame, pusat: pd.DataFrame, kelas: pd.DataFrame, d: pd.DataFrame, tingkat: str,
                perkiraan: bool, sumber: str) -> grafik.PetaStatis:
    """The voting-day map as a still picture: the kecamatan (``wilayah``: kode, geometry; ``pusat``: their
    label points) in the colour of their class (``kelas``: kode, nama, kelas, tepat), labelled with the share
    of TPS opened by 07.00, and the incidents of ``d`` that have a position as points (serious ones on top)."""
    gdf = wilayah[["kode", "geometry"]].merge(pusat[["kode", "lon", "lat"]], on="kode").merge(kelas, on="kode")
    gdf["nilai"] = [_label_tepat(t) for t in gdf["tepat"]]
    gdf["warna"] = [WARNA_BUKA[c] for c in gdf["kelas"]]
    gdf = gpd.GeoDataFrame(gdf[["kode", "nama", "nilai", "kelas", "warna", "lon", "lat", "geometry"]],
                           geometry="geometry", crs=wilayah.crs)
    ada = d[d["lat"].notna() & d["lon"].notna()]
    urutan = {k: i for i, k in enumerate(insiden.URUTAN_KEPARAHAN)}
    ada = ada.assign(_urut=[urutan.get(k, -1) for k in ada["keparahan"]]).sort_values("_urut", kind="stable")
    titik = pd.DataFrame({"lon": ada["lon"].astype(float), "lat": ada["lat"].astype(float),
                          "warna": [grafik.WARNA_KEPARAHAN.get(k, "#777777") for k in ada["keparahan"]],
                          "jari": [insiden.JARI_JARI.get(k, 5) for k in ada["keparahan"]]})
    return grafik.PetaStatis(
        gdf, tingkat, tuple((LEGENDA_STATIS[k], w) for k, _, w in KELAS_BUKA), perkiraan, sumber, JUDUL_PETA_STATIS,
        titik,
        tuple((f"Insiden {LABEL_KEPARAHAN[k].lower()}", grafik.WARNA_KEPARAHAN[k])
              for k in reversed(insiden.URUTAN_KEPARAHAN)))


def _perlu(r: dict) -> list[str]:
    bagian = []
    if int(r["belum_dibuka_0730"]):
        bagian.append(f"{fmt.angka(r['belum_dibuka_0730'])} TPS belum dibuka lewat pukul 07.30")
    if int(r["tanpa_laporan_2jam"]):
        bagian.append(f"{fmt.angka(r['tanpa_laporan_2jam'])} TPS tanpa laporan kehadiran 2 jam terakhir")
    if int(r.get("insiden_serius", 0)):
        bagian.append(f"{fmt.angka(r['insiden_serius'])} insiden serius terbuka")
    return bagian


def susun_hari(q: Q, k: Konteks, hari: dt.date, ulang: m_fase.Ulang | None = None) -> HariH:
    """The voting day ``hari`` (or the re-vote ``ulang``) as of the view's moment."""
    saat = k.saat
    uid = ulang.id_ulang if ulang else None
    kec = q("pemungutan_kecamatan", sampai=saat, hari=hari, ulang=uid, kecamatan=k.kecamatan)
    jam = q("pemungutan_jam", sampai=saat, hari=hari, ulang=uid, kecamatan=k.kecamatan)
    serius = q("pemungutan_serius", tanggal=k.tanggal, kecamatan=k.kecamatan).set_index("kode")["serius"]
    kec = kec.assign(insiden_serius=[int(serius.get(c, 0)) for c in kec["kode"]])
    tot = kec.sum(numeric_only=True)
    n = int(tot.get("jumlah_tps", 0))
    dpt, hadir = int(tot.get("dpt", 0)), int(tot.get("hadir", 0))
    laporan = bool(int(tot.get("dibuka", 0)))
    # Worst first, so a short table ("5 teratas") shows the kecamatan that lag: those needing a call,
    # then the lowest share of TPS opened on time, then the lowest turnout.
    kec = kec.assign(_telepon=[len(_perlu(r)) for r in kec.to_dict("records")],
                     _tepat=kec["dibuka_tepat"] / kec["jumlah_tps"].where(kec["jumlah_tps"] > 0),
                     _hadir=kec["hadir"] / kec["dpt"].where(kec["dpt"] > 0))
    kec = kec.sort_values(["_telepon", "_tepat", "_hadir"], ascending=[False, True, True], kind="stable",
                          na_position="first").drop(columns=["_telepon", "_tepat", "_hadir"]).reset_index(drop=True)
    perlu = []
    for r in kec.to_dict("records"):
        b = _perlu(r)
        if b:
            perlu.append(f"Kec. {r['nama']}: " + "; ".join(b) + ".")
    rows = pd.DataFrame({
        "Kecamatan": kec["nama"],
        "TPS": [fmt.angka(x) for x in kec["jumlah_tps"]],
        "Dibuka ≤ 07.00": [fmt.angka(x) for x in kec["dibuka_tepat"]],
        "Terlambat": [fmt.angka(x) for x in kec["dibuka_terlambat"]],
        "Belum dibuka": [fmt.angka(x) for x in kec["belum_dibuka"]],
        "Partisipasi": [fmt.persen(_persen(h, d)) for h, d in zip(kec["hadir"], kec["dpt"], strict=True)],
        "Ditutup": [fmt.angka(x) for x in kec["ditutup"]],
        "Penghitungan selesai": [f"{fmt.angka(s)} dari {fmt.angka(j)}"
                                 for s, j in zip(kec["hitung_selesai"], kec["jumlah_tps"], strict=True)],
        "Perlu ditelepon": ["; ".join(_perlu(r)) or "–" for r in kec.to_dict("records")],
    }, columns=list(KOLOM_HARI))
    p = k.wilayah.partisipasi
    acuan = ""
    if p.kurva_acuan and not jam.empty:
        j = int(jam["jam"].iloc[-1])
        acuan = (f"; {p.label_acuan or 'pemilihan sebelumnya'} pukul {j:02d}.00: "
                 f"{fmt.persen(p.kurva_acuan[j - JAM_ACUAN[0]])}")
    zona = k.wilayah.zona_waktu
    judul = (f"{m_fase.LABEL_FASE[m_fase.HARI_H]} {fmt.hari_tanggal(hari)}" if ulang is None
             else f"{ulang.jenis.upper()} {fmt.hari_tanggal(hari)} di {fmt.angka(ulang.jumlah_tps)} TPS")
    angka = (
        Angka("TPS dibuka", f"{fmt.angka(tot.get('dibuka', 0))} dari {fmt.angka(n)}",
              f"{fmt.angka(tot.get('dibuka_tepat', 0))} tepat pukul 07.00 · {fmt.angka(tot.get('dibuka_terlambat', 0))}"
              f" terlambat · {fmt.angka(tot.get('belum_dibuka', 0))} belum dilaporkan dibuka",
              "TPS yang dilaporkan dibuka (pemungutan.csv); tepat waktu bila dibuka paling lambat pukul 07.00 "
              f"{zona}."),
        Angka("Partisipasi pemilih", fmt.persen(_persen(hadir, dpt)),
              f"{fmt.angka(hadir)} pemilih hadir (DPT, DPTb, DPK) dari {fmt.angka(dpt)} DPT" + acuan + ".",
              "Laporan kehadiran terakhir setiap TPS: pemilih DPT, DPTb dan DPK yang sudah memberikan suara, "
              "dibanding DPT. Jumlah saja, tanpa perolehan suara."),
        Angka("Penghitungan selesai", f"{fmt.angka(tot.get('hitung_selesai', 0))} dari {fmt.angka(n)} TPS",
              f"{fmt.angka(tot.get('ditutup', 0))} TPS ditutup · {fmt.angka(tot.get('hitung_mulai', 0))} mulai "
              f"menghitung · {fmt.angka(tot.get('kotak_ke_pps', 0))} kotak sudah di PPS",
              "Pemungutan ditutup pukul 13.00; penghitungan di TPS sesudahnya. Tanpa angka perolehan suara."),
        Angka("Kecamatan perlu ditelepon", f"{fmt.angka(len(perlu))} kecamatan",
              "TPS belum dibuka lewat pukul 07.30, tanpa laporan kehadiran 2 jam, atau insiden serius terbuka",
              "Kecamatan yang camatnya perlu dihubungi sekarang."),
    )
    batas = k.batas.get("kecamatan")
    peta = None
    if ulang is None and batas is not None and len(kec):
        daftar = q("insiden_daftar", tanggal=k.tanggal, kecamatan=k.kecamatan, kelurahan=None,
                   mulai=saat - dt.timedelta(hours=max(JAM_JENDELA[j] for j in JENDELA_PETA)))
        if not k.akses.boleh(RINCIAN):
            daftar = insiden.tanpa_teks_bebas(daftar)
        peta = peta_hari(batas, kec, daftar, saat, zona, k.wilayah.batas_perkiraan, k.wilayah.sumber_batas)
    return HariH(judul, angka, Tabel.dari(rows, KOLOM_HARI, ringkas=("Kecamatan", "Dibuka ≤ 07.00", "Partisipasi",
                                                                    "Penghitungan selesai"),
                                          maks=None, satuan="kecamatan"),
                 grafik_jam(jam, p.kurva_acuan, p.label_acuan), tuple(perlu), hadir, dpt, laporan, kec, peta)


def _waktu(t, zona: str) -> str:
    return fmt.KOSONG if fmt.hilang(t) else fmt.waktu_pendek(pd.Timestamp(t).to_pydatetime(), zona)


def _pleno(mulai, selesai, zona: str) -> str:
    if not fmt.hilang(selesai):
        return f"selesai {_waktu(selesai, zona)}"
    if not fmt.hilang(mulai):
        return f"berjalan sejak {_waktu(mulai, zona)}"
    return "belum dimulai"


def status_akhir(tahap: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """The stages after the count (tahapan.csv rows whose name holds a :data:`TAHAP_AKHIR` word), as
    dates and states; a stage missing from tahapan.csv is said to be missing."""
    out = []
    nama = tahap["tahapan"].str.lower()
    for kata, label in TAHAP_AKHIR:
        r = tahap[nama.str.contains(kata, regex=False)]
        if r.empty:
            out.append((label, "belum ada di tahapan.csv"))
            continue
        r = r.iloc[0]
        mulai, selesai = pd.Timestamp(r["mulai"]).date(), pd.Timestamp(r["selesai"]).date()
        rentang = fmt.tanggal(mulai) if mulai == selesai else f"{fmt.tanggal(mulai)} – {fmt.tanggal(selesai)}"
        out.append((label, f"{KEADAAN[r['keadaan']]} ({rentang})"))
    return tuple(out)


def susun_rekap(q: Q, k: Konteks) -> Rekap:
    """Rekapitulasi progress by kecamatan as of the view's moment, with the deadlines from tahapan.csv."""
    zona = k.wilayah.zona_waktu
    df = q("rekapitulasi_kecamatan", sampai=k.saat, hari=k.wilayah.hari_pemungutan, kecamatan=k.kecamatan)
    tahap = q("tahapan", tanggal=k.tanggal)
    ppk = tahap[tahap["tahapan"].str.lower().str.contains("kecamatan (ppk)", regex=False)]
    batas_ppk = pd.Timestamp(ppk["selesai"].iloc[0]).date() if len(ppk) else None
    n = len(df)
    ppk_selesai = int(df["ppk_selesai"].notna().sum())
    kpu_selesai = int(df["kpu_selesai"].notna().sum())
    lewat = (df["ppk_selesai"].isna() & (k.tanggal > batas_ppk)).sum() if batas_ppk else 0
    rows = pd.DataFrame({
        "Kecamatan": df["nama"],
        "Kotak di PPS": [f"{fmt.angka(a)} dari {fmt.angka(b)}" for a, b in zip(df["kotak_ke_pps"], df["jumlah_tps"],
                                                                              strict=True)],
        "Kotak di PPK": [f"{fmt.angka(a)} dari {fmt.angka(b)}" for a, b in zip(df["kotak_ke_ppk"], df["jumlah_tps"],
                                                                              strict=True)],
        "Pleno PPK": [_pleno(a, b, zona) for a, b in zip(df["ppk_mulai"], df["ppk_selesai"], strict=True)],
        "Keberatan PPK": [f"{fmt.angka(a)} diajukan, {fmt.angka(b)} selesai"
                          for a, b in zip(df["ppk_keberatan"], df["ppk_keberatan_selesai"], strict=True)],
        "Kotak di KPU": [f"{fmt.angka(a)} dari {fmt.angka(b)}" for a, b in zip(df["kotak_ke_kpu"], df["jumlah_tps"],
                                                                              strict=True)],
        "Pleno KPU kota": [_pleno(a, b, zona) for a, b in zip(df["kpu_mulai"], df["kpu_selesai"], strict=True)],
    }, columns=list(KOLOM_REKAP))
    tenggat = f"batas PPK {fmt.tanggal(batas_ppk)}" if batas_ppk else "batas PPK tidak ada di tahapan.csv"
    angka = (
        Angka("Rekapitulasi PPK", f"{fmt.angka(ppk_selesai)} dari {fmt.angka(n)} kecamatan selesai",
              tenggat + (f" · {fmt.angka(lewat)} kecamatan lewat batas" if lewat else ""),
              "Rapat pleno rekapitulasi tingkat kecamatan (rekapitulasi.csv) dibanding jadwal di tahapan.csv."),
        Angka("Rekapitulasi KPU kab/kota", f"{fmt.angka(kpu_selesai)} dari {fmt.angka(n)} kecamatan selesai",
              f"kotak suara {fmt.angka(df['kotak_ke_kpu'].sum())} dari {fmt.angka(df['jumlah_tps'].sum())} TPS "
              "sudah di KPU", "Rekapitulasi setiap kecamatan di rapat pleno KPU kab/kota."),
        Angka("Keberatan", f"{fmt.angka(df['ppk_keberatan'].sum() + df['kpu_keberatan'].sum())} diajukan",
              f"{fmt.angka(df['ppk_keberatan_selesai'].sum() + df['kpu_keberatan_selesai'].sum())} sudah "
              "diselesaikan (PPK dan KPU kab/kota)", "Keberatan saksi atau Panwas yang dicatat di rapat pleno."),
    )
    kalimat = (f"{k.nama_lingkup}: rekapitulasi PPK selesai di {fmt.angka(ppk_selesai)} dari {fmt.angka(n)} kecamatan "
               f"({tenggat}), rekapitulasi KPU kab/kota di {fmt.angka(kpu_selesai)} kecamatan.")
    return Rekap(angka, Tabel.dari(rows, KOLOM_REKAP, ringkas=("Kecamatan", "Pleno PPK", "Pleno KPU kota"),
                                   maks=None, satuan="kecamatan"), status_akhir(tahap), kalimat)


def susun_ulang(q: Q, k: Konteks, u: m_fase.Ulang) -> HalamanUlang:
    """A re-vote: countdown, its TPS with their readiness for the re-vote (logistics and checklist from
    the re-vote's own rows, dated after voting day; open incidents and neutrality cases as of the
    date, weighted as in the readiness score), and its voting day once it has come."""
    tps = q("kesiapan_tps", tanggal=k.tanggal, kecamatan=k.kecamatan, kelurahan=None)
    siap = q("pemungutan_ulang_kesiapan", ulang=u.id_ulang, tanggal=k.tanggal, kecamatan=k.kecamatan)
    tps = tps[["kode_tps", "nama", "nama_kelurahan", "dpt", "skor_insiden", "skor_netralitas", "w_logistik",
               "w_checklist", "w_insiden", "w_netralitas"]].merge(siap, on="kode_tps").sort_values("kode_tps")
    skor = (tps["w_logistik"] * tps["skor_logistik"] + tps["w_checklist"] * tps["skor_checklist"]
            + tps["w_insiden"] * tps["skor_insiden"] + tps["w_netralitas"] * tps["skor_netralitas"])
    rows = pd.DataFrame({
        "TPS": [f"{r['nama']}, Kel. {r['nama_kelurahan']}" for r in tps.to_dict("records")],
        "DPT": [fmt.angka(x) for x in tps["dpt"]],
        "Skor kesiapan": [fmt.skor(x) for x in skor],
        "Logistik lengkap": [f"{fmt.angka(a)} dari {fmt.angka(b)} jenis" for a, b in
                             zip(tps["item_lengkap"], tps["jumlah_item"], strict=True)],
        "Kurang": [fmt.KOSONG if fmt.hilang(x) else x for x in tps["item_kurang"]],
        "Laporan TPS terakhir": [
            "Belum ada laporan" if fmt.hilang(x)
            else f"{LABEL_STATUS_TPS.get(x, x)} ({fmt.waktu(w, k.wilayah.zona_waktu)})"
            for x, w in zip(tps["status_laporan"], tps["waktu_laporan"], strict=True)],
    }, columns=["TPS", "DPT", "Skor kesiapan", "Logistik lengkap", "Kurang", "Laporan TPS terakhir"])
    hari = (susun_hari(q, k, u.tanggal, u) if 0 <= (k.tanggal - u.tanggal).days <= 1 else None)
    sisa = (u.tanggal - k.tanggal).days
    nilai = "Hari ini" if sisa == 0 else f"{fmt.angka(sisa)} hari lagi" if sisa > 0 else f"{fmt.angka(-sisa)} hari lalu"
    return HalamanUlang(
        u, Angka(f"{u.jenis.upper()} {fmt.hari_tanggal(u.tanggal)}", nilai,
                 f"{fmt.angka(u.jumlah_tps)} TPS ({fmt.angka(u.dpt)} DPT) di Kec. {u.kecamatan} · dasar: {u.dasar}",
                 "Pemungutan ulang/lanjutan/susulan menurut pemungutan_ulang.csv; kesiapan dihitung untuk "
                 "TPS-nya saja, dari logistik dan checklist yang dilaporkan untuk pemungutan ulang ini "
                 "(setelah hari pemungutan)."),
        Tabel.dari(rows, tuple(rows.columns), ringkas=("TPS", "DPT", "Skor kesiapan", "Logistik lengkap",
                                                        "Laporan TPS terakhir"), maks=None, satuan="TPS"), hari)


def hitung_selesai_pada(q: Q, k: Konteks) -> dt.datetime | None:
    """When the last TPS of the region finished counting on voting day (None while some still count)."""
    kec = q("pemungutan_kecamatan", sampai=k.saat, hari=k.wilayah.hari_pemungutan, ulang=None, kecamatan=None)
    if kec.empty or kec["hitung_selesai_pada"].isna().any():
        return None
    return pd.Timestamp(kec["hitung_selesai_pada"].max()).to_pydatetime()


def fase_konteks(q: Q, k: Konteks) -> str:
    """The phase of the view's moment (see :func:`siaga.model.fase.fase`)."""
    hari = k.wilayah.hari_pemungutan
    if k.saat < dt.datetime.combine(hari, dt.time(0)):
        return m_fase.PERSIAPAN
    return m_fase.fase(k.saat, hari, hitung_selesai_pada(q, k))


def susun(q: Q, k: Konteks) -> HalamanFase:
    """The phase of the view and what it shows: nothing more before voting day; the voting-day view on
    hari H; the rekapitulasi after it; a re-vote's countdown and readiness when one is near."""
    f = fase_konteks(q, k)
    ulang = m_fase.ulang_aktif(m_fase.Ulang.dari_query(q("pemungutan_ulang_daftar", kecamatan=k.kecamatan)),
                               k.tanggal) if f != m_fase.PERSIAPAN else None
    return HalamanFase(
        f, susun_hari(q, k, k.wilayah.hari_pemungutan) if f == m_fase.HARI_H else None,
        susun_rekap(q, k) if f == m_fase.PASCA else None,
        susun_ulang(q, k, ulang) if ulang is not None else None)
