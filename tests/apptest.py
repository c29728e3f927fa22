"""Shared helpers for the AppTest suites (tests/test_app_*.py): open the dashboard on a page with a
query string, and read back what a run rendered (metrics, chart specs, Markdown text).

The data folder is chosen by the ``app_env`` fixture (tests/conftest.py) before :func:`buka`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.conftest import FIXTURE, ROOT

APP = str(ROOT / "dashboard.py")
"""The entry point every AppTest starts from (navigation and shared filters)."""


def buka(page: str | None, *, timeout: float = 60, **query: str) -> AppTest:
    """Open the app as a link would: set the ``query`` parameters, switch to ``page`` (a path
    relative to the entry point such as ``"pages/insiden.py"``; ``None`` for the default page,
    Ringkasan) and run once. ``timeout`` is each run's default limit in seconds."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(page)
    return at.run()


def pembuka(app_env: Callable[[Path, Path], None], page: str | None) -> Callable[..., AppTest]:
    """The body of a per-page fixture: ``make(data=..., geo=..., **query)`` points ``app_env`` at a
    data folder (the Kota Contoh fixture unless given) and opens ``page`` with :func:`buka`."""
    def make(data: Path = FIXTURE / "data", geo: Path = FIXTURE / "geo", **query: str) -> AppTest:
        app_env(data, geo)
        return buka(page, **query)
    return make


def metrics(at: AppTest) -> dict[str, str]:
    """The ``st.metric`` values keyed by label, in page order."""
    return {m.label: m.value for m in at.metric}


def plotly_specs(at: AppTest) -> list[dict[str, Any]]:
    """The figure of every plotly chart (``data`` and ``layout``), in page order."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def deck_spec(at: AppTest) -> dict[str, Any]:
    """The pydeck spec of the page's map; the page must show exactly one."""
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1, f"expected one deck.gl map, found {len(charts)}"
    return json.loads(charts[0].proto.json)


def teks_markdown(at: AppTest) -> str:
    """Everything rendered through Markdown (titles, subheaders, captions, markdown, alerts), one
    element a line."""
    els = [*at.title, *at.subheader, *at.caption, *at.markdown, *at.info, *at.warning, *at.success, *at.error]
    return "\n".join(e.value for e in els)
