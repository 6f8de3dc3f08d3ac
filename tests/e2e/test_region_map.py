"""The map of the regions in the running app, in headless Chromium: drawn by Vega-Lite from the
outlines in its spec (27 shapes, each filled with the colour its count gives, the counts
printed), a tooltip naming the region under the pointer in the UI's language, a hostile name
shown as the text it is, and the Overview asks no host but the app's own for anything (every
request and web socket of the page recorded)."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image

from monitor.domain import region_map
from monitor.i18n import t
from tests.conftest import skip_or_fail
from tests.e2e import test_browser as shared
from tests.e2e.test_browser import ARTIFACTS, CHROMIUM, settle, streamlit_app

pytestmark = pytest.mark.browser
browser = shared.browser  # the same headless Chromium launch, as this module's fixture

TITLES = {"en": "Evidence by region: map", "uk": "Докази за регіонами: мапа"}
# Crimea's name in English is made hostile in the database: the tooltip shows it as text
HOSTILE = '<img src=x onerror="document.title=1"><b>Crimea</b> &amp; {{datum.x}}'
CRIMEA = {"en": (HOSTILE, "entries"), "uk": ("Автономна Республіка Крим", "запис")}
CONTEXT = {"en": "not tracked", "uk": "не відстежує"}

# a point inside one shape of the map, in the page's pixels: a grid over the shape's box, kept
# where the shape is the topmost element (not a count over it), the one nearest its middle
INSIDE = """(chart, fill) => {
  const shape = [...chart.querySelectorAll('g.mark-shape path')]
    .find(p => p.getAttribute('fill') === fill);
  if (!shape) return null;
  const box = shape.getBoundingClientRect();
  const found = [];
  for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) {
    const x = box.left + box.width * i / 40, y = box.top + box.height * j / 40;
    if (document.elementFromPoint(x, y) === shape) found.push([x, y]);
  }
  const mx = box.left + box.width / 2, my = box.top + box.height / 2;
  found.sort((a, b) => Math.hypot(a[0] - mx, a[1] - my) - Math.hypot(b[0] - mx, b[1] - my));
  return found.length ? found[0] : null;
}"""


def _counts(db: Path) -> dict[str, int]:
    """Entries per region as the Overview counts them for an admin: each once, none withdrawn."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT region_code, count(*) FROM evidence WHERE withdrawn_at IS NULL GROUP BY 1"
        ).fetchall()
    return {code: n for code, n in rows}


@pytest.fixture(scope="module")
def app_with_evidence(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on a database with demo entries in every region we track, Crimea's English name
    made hostile."""
    if not os.path.exists(CHROMIUM):
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    data = tmp_path_factory.mktemp("e2e-map")
    db = data / "monitor.db"
    env = {**os.environ, "MONITOR_DATABASE_URL": f"sqlite:///{db}"}
    subprocess.run(
        [sys.executable, "-m", "monitor.cli", "demo-data", "--evidence", "300"],
        env=env,
        check=True,
        capture_output=True,
    )
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE region SET name_en = ? WHERE code = 'crimea'", (HOSTILE,))
    with streamlit_app(data) as base:
        yield base, db


def _hover(page: Any, chart: Any, fill: str) -> str:
    """The tooltip's text with the pointer inside the shape filled `fill`."""
    point = chart.evaluate(INSIDE, fill)
    assert point is not None, f"no shape filled {fill} under the pointer"
    page.mouse.move(0, 0)
    page.mouse.move(*point)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(200)
    return str(tooltip.inner_text())


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_map_is_drawn_offline(app_with_evidence: tuple[str, Path], browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    base, db = app_with_evidence
    counts = _counts(db)
    top = max(counts.values())
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    asked: list[str] = []
    context.on("request", lambda request: asked.append(request.url))
    page = context.new_page()
    page.on("websocket", lambda socket: asked.append(socket.url))
    page.goto(f"{base}/?lang={lang}")
    titled = page.locator("svg text", has_text=TITLES[lang])
    chart = page.get_by_test_id("stVegaLiteChart").filter(has=titled)
    chart.wait_for(timeout=90_000)
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)

    # one shape per oblast, each filled as its count says; the counts printed on the map
    shapes = chart.locator("g.mark-shape path")
    assert shapes.count() == 27
    fills = [shapes.nth(i).get_attribute("fill") for i in range(27)]
    assert fills.count(region_map.CONTEXT) == 27 - len(counts)  # not tracked
    assert sorted(f for f in fills if f != region_map.CONTEXT) == sorted(
        region_map.colour(n, top) for n in counts.values()
    )
    printed = chart.locator("g.mark-text.role-mark text").all_text_contents()
    assert sorted(printed) == sorted(f"{n:,}" for n in counts.values())

    # the colour drawn where the pointer goes, read from the screen: the shape is really there
    crimea = region_map.colour(counts["crimea"], top)
    assert fills.count(crimea) == 1, "Crimea's colour is shared: this test cannot find it"
    point = chart.evaluate(INSIDE, crimea)
    assert point is not None
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    ratio = shot.width / 1400
    pixel = shot.getpixel((round(point[0] * ratio), round(point[1] * ratio)))
    assert pixel == region_map._rgb(crimea)

    name, entries = CRIMEA[lang]
    said = _hover(page, chart, crimea)
    assert name in said and entries in said and str(counts["crimea"]) in said
    tooltip = page.locator("#vg-tooltip-element")
    assert tooltip.locator("h2").inner_text() == name  # the heading: the name, as it is
    assert tooltip.locator("img, b, a, script").count() == 0  # text, no markup made of it
    assert page.title() != "1"
    said = _hover(page, chart, region_map.CONTEXT)  # the first grey one drawn: Vinnytsia
    assert t("region_map.oblast.vinnytsia", lang) in said and CONTEXT[lang] in said
    legend = chart.locator("g.role-legend text").all_text_contents()
    assert ("Entries" if lang == "en" else "Записи") in legend
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(ARTIFACTS / f"region-map-{lang}.png"))
    context.close()

    own = urlsplit(base).netloc
    elsewhere = [
        url
        for url in asked
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
    ]
    assert asked and elsewhere == []
    assert any(urlsplit(url).scheme == "ws" for url in asked)  # the recording saw the socket
