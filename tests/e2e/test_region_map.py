"""The map of the regions in the running app, in headless Chromium: drawn from the packaged
outlines (27 shapes, a hover naming the region in the UI's language), and the Overview asks
no host but the app's own for anything (every request and web socket of the page recorded)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.conftest import skip_or_fail
from tests.e2e import test_browser as shared
from tests.e2e.test_browser import ARTIFACTS, CHROMIUM, settle, streamlit_app

pytestmark = pytest.mark.browser
browser = shared.browser  # the same headless Chromium launch, as this module's fixture

TITLES = {"en": "Evidence by region: map", "uk": "Докази за регіонами: мапа"}
CRIMEA = {
    "en": ("Autonomous Republic of Crimea", "entries"),
    "uk": ("Автономна Республіка Крим", "запис"),
}


@pytest.fixture(scope="module")
def app_with_evidence(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a database with demo entries in every region we track."""
    if not os.path.exists(CHROMIUM):
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    data = tmp_path_factory.mktemp("e2e-map")
    env = {**os.environ, "MONITOR_DATABASE_URL": f"sqlite:///{data / 'monitor.db'}"}
    subprocess.run(
        [sys.executable, "-m", "monitor.cli", "demo-data", "--evidence", "300"],
        env=env,
        check=True,
        capture_output=True,
    )
    with streamlit_app(data) as base:
        yield base


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_map_is_drawn_offline(app_with_evidence: str, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    asked: list[str] = []
    context.on("request", lambda request: asked.append(request.url))
    page = context.new_page()
    page.on("websocket", lambda socket: asked.append(socket.url))
    page.goto(f"{app_with_evidence}/?lang={lang}")
    titled = page.locator("text.gtitle", has_text=TITLES[lang])
    chart = page.get_by_test_id("stPlotlyChart").filter(has=titled)
    chart.wait_for(timeout=90_000)
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    # one shape per oblast, under the (invisible) markers
    assert chart.locator(".shapelayer path").count() == 27
    points = chart.locator(".scatterlayer .trace .points path.point")
    assert points.count() == 27
    points.first.hover(force=True)  # the first outline of the file is Crimea
    hover = chart.locator(".hoverlayer .hovertext")
    hover.wait_for(timeout=10_000)
    name, entries = CRIMEA[lang]
    said = hover.text_content() or ""  # an SVG element: its text, not an inner_text
    assert name in said and entries in said
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(ARTIFACTS / f"region-map-{lang}.png"))
    context.close()

    own = urlsplit(app_with_evidence).netloc
    elsewhere = [
        url
        for url in asked
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
    ]
    assert asked and elsewhere == []
    assert any(urlsplit(url).scheme == "ws" for url in asked)  # the recording saw the socket
