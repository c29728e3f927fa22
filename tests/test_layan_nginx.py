"""The route map of the nginx configuration (siaga.layan.nginx): a big screen's cookie keeps it on
the processes reserved for big screens for every later request, its websocket included."""

from __future__ import annotations

import re

from siaga.layan import nginx


def _peta() -> list[tuple[re.Pattern, str]]:
    """The regex lines of ``map "$arg_mode|$cookie_siaga_rute" $siaga_rute`` as Python patterns."""
    teks = nginx.susun([8601, 8602], [8603], mandiri=False)
    blok = teks.split('$siaga_rute {', 1)[1].split("}", 1)[0]
    aturan = []
    for baris in blok.strip().splitlines():
        m = re.match(r'\s*"~(.*)"\s+(\S+);', baris)
        if m:
            aturan.append((re.compile(m.group(1).replace("(?<", "(?P<")), m.group(2)))
    return aturan


def _rute(mode: str, cookie: str) -> str:
    kunci = f"{mode}|{cookie}"
    for pola, nilai in _peta():
        if m := pola.search(kunci):
            return m.group("rute") if nilai == "$rute" else nilai.strip("\"")
    return "$request_id"


def test_a_big_screen_keeps_its_route_on_the_websocket():
    assert _rute("layar", "") == "layar-$request_id"                  # first request of the big screen
    assert _rute("", "layar-0f3a9c") == "layar-0f3a9c"                # its websocket: no ?mode, the cookie
    assert _rute("layar", "layar-0f3a9c") == "layar-0f3a9c"


def test_a_desk_browser_keeps_its_route_and_moves_to_the_big_screen_when_asked():
    assert _rute("", "0f3a9c") == "0f3a9c"
    assert _rute("", "") == "$request_id"
    assert _rute("layar", "0f3a9c") == "layar-$request_id"           # the meeting-room PC opening ?mode=layar
    assert 'map $siaga_rute $siaga_kolam' in nginx.susun([8601], [8602], mandiri=False)
