"""Meeting-room access over the office network (issue 12, item 6), in a real browser: the app
opened through a non-loopback address of this machine that the config allows works (log-in,
Ringkasan, the big screen); a host name that is not allowed gets a readable Indonesian page that
says so, not a blank page."""

from __future__ import annotations

import ipaddress
import subprocess
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import Tab, streamlit_server


def alamat_lan() -> str:
    """A non-loopback IPv4 address of this machine (what the meeting-room PC would type)."""
    keluar = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=True).stdout.split()
    for a in keluar:
        ip = ipaddress.ip_address(a)
        if ip.version == 4 and not ip.is_loopback and not ip.is_link_local:
            return a
    pytest.fail(f"mesin ini tidak punya alamat IPv4 selain loopback (hostname -I: {keluar})")


@pytest.fixture(scope="module")
def lan(artefak):
    """A server listening on every interface, configured (server.allowedHosts, as a desk sets it in
    its service environment) for this machine's LAN address besides the loopback one."""
    ip = alamat_lan()
    server = streamlit_server(alamat="0.0.0.0", STREAMLIT_SERVER_ALLOWED_HOSTS=f"127.0.0.1 {ip}",
                              STREAMLIT_BROWSER_SERVER_ADDRESS=ip)
    with server as url:
        yield ip, url.rsplit(":", 1)[1], server


def test_the_app_opens_through_the_lan_address(lan, browser, artefak):
    ip, port, server = lan
    assert not ipaddress.ip_address(ip).is_loopback
    t = Tab(browser)
    try:
        t.open(f"http://{ip}:{port}/")
        page = t.page
        assert page.locator("h1").first.inner_text() == "Ringkasan · Kota Bekasi"
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1
        t.screenshot(artefak, "lan-ringkasan")
        assert t.errors == []
        assert [u for u in t.external if not u.startswith(f"http://{ip}:{port}/")] == []   # nothing else fetched
        t.open(f"http://{ip}:{port}/?mode=layar&slide=3&jeda=1&tgl=2024-11-26")   # the meeting room big screen, H-1
        assert page.locator("h1").first.inner_text() == "Kesiapan per kecamatan"
        t.screenshot(artefak, "lan-layar", penuh=False)
        assert t.errors == []
    finally:
        t.close()
    assert f"URL: http://{ip}:{port}" in server.log.read_text(encoding="utf-8")   # what the desk is told at start
    with pytest.raises(urllib.error.HTTPError) as tutup:                       # the server's metrics are not public
        urllib.request.urlopen(f"http://{ip}:{port}/_stcore/metrics", timeout=30)
    assert tutup.value.code == 404


def test_a_host_not_allowed_gets_a_readable_page(lan, browser, artefak):
    _, port, _ = lan
    t = Tab(browser)
    try:
        jawab = t.page.goto(f"http://localhost:{port}/ringkasan?kec=32.75.07")   # localhost is not in the list
        assert jawab.status == 403
        page = t.page
        assert page.locator("h1").inner_text() == "Alamat ini tidak diizinkan untuk Siaga Pilkada"
        teks = page.locator("main").inner_text()
        assert "localhost" in teks and "allowedHosts" in teks and ".streamlit/config.toml" in teks
        assert page.locator("script, link, img").count() == 0                   # self-contained, nothing to load
        assert page.locator('[data-testid="stApp"]').count() == 0               # not the blank app shell
        t.screenshot(artefak, "lan-ditolak")
        assert t.external == [f"http://localhost:{port}/ringkasan?kec=32.75.07"]
    finally:
        t.close()
    with pytest.raises(urllib.error.HTTPError) as e:                            # every path, not only the page
        urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=10)
    assert e.value.code == 403 and e.value.headers["Cache-Control"] == "no-store"
