"""``python -m siaga layani --proses N``: the loader, N Streamlit processes on local ports and nginx
in front, supervised together.

- The loader (``python -m siaga muat --awasi``) validates the inputs once and publishes snapshots;
  the app processes only open them (``SIAGA_PEMUAT=luar``), so adding a process adds no load.
- App processes listen on 127.0.0.1 only (``--port-app``, then the next ports); nginx listens on
  ``--alamat``:``--port`` (:mod:`siaga.layan.nginx`). ``--proses-layar M`` reserves M more
  processes for big screens.
- Every process shares one cookie secret (``server.cookieSecret``, kept 0600 in the run folder),
  so a cookie signed by one process is valid on every other.
- A process that exits is started again (at most once every 5 seconds); an app process that stops
  answering its health check three times in a row is killed and started again. nginx sends the
  browsers of a dead process to another one meanwhile.
- SIGTERM or Ctrl+C stops them all; so does the death of this process (``PR_SET_PDEATHSIG``).

Run folder (``--folder-jalan``, default ``<tmp>/siaga-layani-<uid>-<port>``): nginx.conf, the logs
of every process, nginx's temporary files.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from siaga.data import terbit
from siaga.inti import fileio
from siaga.inti.config import ROOT, Paths
from siaga.layan import nginx

NGINX = ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
PASANG_NGINX = "nginx tidak ditemukan: pasang dengan `sudo apt-get install nginx` (Debian/Ubuntu), lalu ulangi."
_PR_SET_PDEATHSIG = 1


def _mati_bersama() -> None:
    """In the child, before exec: receive SIGTERM when the supervisor dies, however it dies."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def cari_nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in NGINX if Path(p).is_file()), None)


@dataclass
class Anak:
    """One supervised process."""
    nama: str
    perintah: list[str]
    log: Path
    env: dict[str, str]
    port: int | None = None
    proc: subprocess.Popen | None = None
    dimulai: float = 0.0
    gagal_sehat: int = 0
    mulai_ulang: int = 0
    berhenti: int = field(default=signal.SIGTERM)

    def jalankan(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(self.perintah, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=subprocess.STDOUT, start_new_session=True,
                                         preexec_fn=_mati_bersama)
        self.dimulai = time.monotonic()
        self.gagal_sehat = 0

    @property
    def hidup(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def sehat(self, batas: float = 3.0) -> bool:
        """The app process answers ``/_stcore/health``."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=batas) as r:
                return r.status == 200
        except OSError:
            return False

    def hentikan(self) -> None:
        if self.hidup:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(self.berhenti)


def folder_jalan(port: int) -> Path:
    return Path(tempfile.gettempdir()) / f"siaga-layani-{os.getuid()}-{port}"


def rahasia_cookie(folder: Path) -> str:
    """The cookie secret shared by every app process (kept across restarts, 0600)."""
    p = folder / "rahasia-cookie"
    try:
        teks = p.read_text(encoding="utf-8").strip()
        if len(teks) >= 32:
            return teks
    except OSError:
        pass
    teks = secrets.token_hex(32)
    fileio.tulis_atomik(p, teks, mode=0o600)
    return teks


class Layanan:
    """The supervised set: loader, app processes, nginx."""

    def __init__(self, paths: Paths, proses: int = 1, port: int = 8501, alamat: str = "127.0.0.1",
                 port_app: int = 8601, proses_layar: int = 0, folder: Path | None = None, pemuat: bool = True):
        self.paths = paths
        self.dengar = f"{alamat}:{port}"
        self.url = f"http://{'127.0.0.1' if alamat in ('0.0.0.0', '127.0.0.1') else alamat}:{port}"
        self.folder = folder or folder_jalan(port)
        self.port_desk = [port_app + i for i in range(proses)]
        self.port_layar = [port_app + proses + i for i in range(proses_layar)]
        self.pemuat = pemuat
        self.anak: list[Anak] = []
        self._stop = False

    def siapkan(self) -> str | None:
        """Write the run folder and nginx.conf; the reason in Indonesian when this cannot run."""
        exe = cari_nginx()
        if exe is None:
            return PASANG_NGINX
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self.folder / "tmp"
        tmp.mkdir(exist_ok=True)
        pengguna = None
        if os.geteuid() == 0:      # nginx workers drop root; they only need their temporary folder
            import pwd

            try:
                nobody = pwd.getpwnam("nobody")
                pengguna = "nobody " + ("nogroup" if _grup_ada("nogroup") else "nobody")
                for p in (self.folder, tmp):
                    os.chmod(p, 0o711)
                os.chown(tmp, nobody.pw_uid, nobody.pw_gid)
            except KeyError:
                pengguna = "root"
        conf = self.folder / "nginx.conf"
        fileio.tulis_atomik(conf, nginx.susun(self.port_desk, self.port_layar, self.dengar, self.folder,
                                              pengguna=pengguna), mode=0o644)
        env = dict(os.environ, SIAGA_DATA=str(self.paths.data), SIAGA_GEO=str(self.paths.geo),
                   SIAGA_TERBIT=str(terbit.folder(self.paths)), SIAGA_PEMUAT="luar",
                   STREAMLIT_SERVER_COOKIE_SECRET=rahasia_cookie(self.folder))
        py = sys.executable
        if self.pemuat:
            self.anak.append(Anak("pemuat", [py, "-m", "siaga", "muat", "--awasi"], self.folder / "pemuat.log", env))
        for p in [*self.port_desk, *self.port_layar]:
            perintah = [py, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(p),
                        "--server.address", "127.0.0.1", "--server.headless", "true"]
            self.anak.append(Anak(f"aplikasi {p}", perintah, self.folder / f"aplikasi-{p}.log", env, port=p))
        self.anak.append(Anak("nginx", [exe, "-p", str(self.folder), "-c", str(conf), "-e",
                                        str(self.folder / "nginx-error.log")],
                              self.folder / "nginx.log", env, berhenti=signal.SIGQUIT))
        return None

    @property
    def aplikasi(self) -> list[Anak]:
        return [a for a in self.anak if a.port is not None]

    def mulai(self, batas_detik: float = 120.0) -> str | None:
        """Start every process; None once nginx and every app process answer, else the reason."""
        for a in self.anak:
            a.jalankan()
        batas = time.monotonic() + batas_detik
        while time.monotonic() < batas:
            mati = [a for a in self.anak if not a.hidup]
            if mati:
                a = mati[0]
                return (f"{a.nama} berhenti saat mulai (kode {a.proc.returncode}); lihat {a.log}"
                        + (f" dan {self.folder / 'nginx-error.log'} (port {self.dengar} sudah dipakai?)"
                           if a.nama == "nginx" else ""))
            if all(a.sehat(1.0) for a in self.aplikasi) and self._nginx_sehat():
                return None
            time.sleep(0.2)
        return f"proses aplikasi tidak menjawab dalam {batas_detik:.0f} detik; lihat log di {self.folder}"

    def _nginx_sehat(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def awasi(self, selang: float = 2.0) -> None:
        """Restart what died or hangs, until :meth:`hentikan`."""
        while not self._stop:
            for a in self.anak:
                if self._stop:
                    break
                if not a.hidup:
                    if time.monotonic() - a.dimulai >= 5:
                        a.mulai_ulang += 1
                        print(f"{a.nama} berhenti (kode {a.proc.returncode}); dijalankan lagi.", flush=True)
                        a.jalankan()
                elif a.port is not None and time.monotonic() - a.dimulai > 30:
                    a.gagal_sehat = 0 if a.sehat() else a.gagal_sehat + 1
                    if a.gagal_sehat >= 3:
                        print(f"{a.nama} tidak menjawab pemeriksaan kesehatan; dihentikan dan dijalankan lagi.",
                              flush=True)
                        a.proc.kill()
            time.sleep(selang)

    def hentikan(self, *_args) -> None:
        self._stop = True

    def tutup(self, batas: float = 15.0) -> None:
        self._stop = True
        for a in self.anak:
            a.hentikan()
        akhir = time.monotonic() + batas
        for a in self.anak:
            if a.proc is None:
                continue
            try:
                a.proc.wait(max(0.1, akhir - time.monotonic()))
            except subprocess.TimeoutExpired:
                a.proc.kill()
                a.proc.wait()


def _grup_ada(nama: str) -> bool:
    import grp

    try:
        grp.getgrnam(nama)
    except KeyError:
        return False
    return True


def layani(paths: Paths, proses: int, port: int, alamat: str, port_app: int, proses_layar: int,
           folder: Path | None = None) -> int:
    """Run until SIGTERM or Ctrl+C; 0 on a clean stop, 1 when it could not start."""
    pemuat = os.environ.get("SIAGA_PEMUAT", "proses") != "luar"      # luar: another machine publishes
    lay = Layanan(paths, proses, port, alamat, port_app, proses_layar, folder, pemuat)
    sebab = lay.siapkan()
    if sebab:
        print(sebab, file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lay.hentikan)
    signal.signal(signal.SIGINT, lay.hentikan)
    try:
        sebab = lay.mulai()
        if sebab:
            print(f"Gagal memulai: {sebab}", file=sys.stderr)
            return 1
        layar = f" + {proses_layar} untuk layar besar" if proses_layar else ""
        print(f"Siaga Pilkada dilayani di {lay.url} — {proses} proses aplikasi{layar} di belakang nginx"
              f"{', pemuat data mengawasi ' + str(paths.data) if pemuat else ''}. Log: {lay.folder}. "
              "Hentikan dengan Ctrl+C.", flush=True)
        lay.awasi()
    finally:
        lay.tutup()
    print("Semua proses dihentikan.", flush=True)
    return 0
