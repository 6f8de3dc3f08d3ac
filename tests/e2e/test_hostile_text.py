"""Hostile text through every text path, in the running app in headless Chromium.

Entries, a withdrawal reason, a draft whose points hold Markdown images and links, a coverage
note and an inbox item are written through the services; their text points at a local HTTP
server of this test. Every page where they show is opened (the register with each entry open,
the demand, the drafts' gap-matrix cell and coverage suggestions, the inbox, the Overview), and
on each: no image and no link inside any element that draws text, no Streamlit exception, and
at the end the local server has received no request at all.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from monitor.config import Settings
from monitor.core.db import session_scope
from monitor.core.permissions import Actor
from monitor.domain.points import SplitPoint
from monitor.i18n import t
from monitor.services import app_settings, drafts, evidence, inbox
from monitor.services.startup import local_actor, open_database, seed_if_empty
from tests.e2e import test_browser as shared
from tests.e2e.test_browser import settle, streamlit_app
from tests.local_server import serve

pytestmark = pytest.mark.browser
browser = shared.browser  # the same headless Chromium launch, as this module's fixture

DRAFT = "HOSTILE1"
# every element Streamlit draws text in, and the charts' text (Vega-Lite's SVG) and tooltips
TEXT = (
    "[data-testid=stMarkdownContainer], [data-testid=stTable], [data-testid=stAlert], "
    "[data-testid=stExpander] summary, [data-testid=stCaptionContainer], "
    "[data-testid=stText], [data-testid=stHeading], [data-testid=stVegaLiteChart] svg, "
    "#vg-tooltip-element"
)
# a heading's own "#" anchor is Streamlit's, and a heat map paints its cells as an inline
# data: image; anything else that can fetch or navigate is someone's text come alive
FOUND = """(sel) => [...document.querySelectorAll(sel)].flatMap(box =>
    [...box.querySelectorAll('img, a[href], image')]
        .filter(e => !/^(#|data:)/.test(e.getAttribute('href') || e.getAttribute('src')
                                        || e.getAttribute('xlink:href') || ''))
        .map(e => e.outerHTML.slice(0, 160)))"""


class Tracker(ThreadingHTTPServer):
    """A server that only counts: any request means a browser fetched something it was told to."""

    requests: list[str]


class _Count(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def tracker() -> Iterator[tuple[Tracker, str]]:
    server = Tracker(("127.0.0.1", 0), _Count)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def hostile(base: str) -> list[str]:
    """One-line hostile strings (titles, reasons, notes), each aimed at the tracker."""
    return [
        f"![pixel]({base}/md-image.png) image",
        f"[click me]({base}/md-link) and <{base}/autolink>",
        f"bare {base}/bare and www.evil.example and spy@evil.example",
        f"<img src={base}/html-img.png onerror=alert(1)> raw",
        "[js](javascript:alert(document.cookie)) **bold** :red[red] $x^2$",
        "Київ — «затримання» \u200fمرحبا\u200f \u202eRTL",
        "Довжелезнеслово" * 30,
    ]


def _entry(title: str, source_title: str, description: str) -> dict[str, Any]:
    return {
        "demands": ["D01"],
        "title": title,
        "description": description,
        "event_start": "2025-10-02",
        "event_end": "",
        "region_code": "kherson",
        "source_type": "ngo_report",
        "source_url": "https://example.org/report?a=1&b=<2>",
        "source_title": source_title,
        "reliability": "B",
        "credibility": "2",
        "direction": "regression",
        "language": "uk",
        "sensitivity": "public",
    }


def _write(settings: Settings, base: str) -> dict[str, int]:
    """Everything through the services, as the local admin; returns the two entry ids."""
    engine = open_database(settings)
    seed_if_empty(engine=engine, settings=settings)
    actor: Actor = local_actor(engine=engine, settings=settings)
    words = hostile(base)
    many_lines = "\n".join(words) + f"\n\n# heading\n- item\n![pixel]({base}/description.png)"
    with session_scope(engine) as session:
        app_settings.set_value(
            session=session, actor=actor, key=app_settings.FOUR_EYES, value="off"
        )
        shown = evidence.create(
            session=session,
            actor=actor,
            data=_entry(words[0], words[1], many_lines),
            today=date.today(),
        )
        gone = evidence.create(
            session=session,
            actor=actor,
            data=_entry(words[3], words[2], words[4]),
            today=date.today(),
        )
        session.flush()
        ids = {"shown": int(shown.id or 0), "withdrawn": int(gone.id or 0)}
    with session_scope(engine) as session:
        evidence.withdraw(
            session=session,
            actor=actor,
            evidence_id=ids["withdrawn"],
            expected_version=1,
            reason=words[2],
        )
        drafts.create_draft(
            session=session,
            actor=actor,
            data={
                "code": DRAFT,
                "title": words[0],
                "proponent": words[1],
                "published_on": date.today(),
                "status": "proposed",
            },
            points=[
                SplitPoint("1", f"Demining of {words[0]} towns {words[1]}"),
                SplitPoint("2", f"Demining and mine clearance {words[2]}\n{words[3]}"),
            ],
            today=date.today(),
        )
        _code(session, actor, note=words[4] + " " + words[0])
    rss = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item>"
        f"<title>{_xml(words[3])}</title><link>https://example.org/item</link>"
        f"<guid>hostile-1</guid><description>{_xml(words[0] + ' ' + words[2])}</description>"
        "</item></channel></rss>"
    )
    with serve({"/hostile.rss": ("application/rss+xml", rss.encode())}) as feeds:
        report = inbox.pull_feeds(
            engine=engine,
            actor=actor,
            feeds=[inbox.Feed("rss", f"{feeds}/hostile.rss")],
            allowed_hosts=["127.0.0.1"],
        )
    assert report.new == 1, report
    engine.dispose()
    return ids


def _code(session: Any, actor: Actor, *, note: str) -> None:
    """Code D07 for the draft, its note hostile (the coverage service is in `coverage` or in
    `drafts`, depending on the version of the tree)."""
    try:
        from monitor.services import coverage

        coverage.propose(
            session=session,
            actor=actor,
            draft_code=DRAFT,
            demand_code="D07",
            level="explicit",
            points=["1"],
            note=note,
        )
    except ImportError:
        drafts.code_coverage(  # type: ignore[attr-defined]
            session=session,
            actor=actor,
            draft_code=DRAFT,
            demand_code="D07",
            level="explicit",
            points=["1"],
            note=note,
        )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture(scope="module")
def hostile_app(
    tmp_path_factory: pytest.TempPathFactory, tracker: tuple[Tracker, str]
) -> Iterator[tuple[str, dict[str, int]]]:
    data = tmp_path_factory.mktemp("e2e-hostile")
    settings = Settings(database_url=f"sqlite:///{data / 'monitor.db'}", data_dir=data)
    ids = _write(settings, tracker[1])
    with streamlit_app(data, MONITOR_AUTH="off", MONITOR_DATA_DIR=str(data)) as base:
        yield base, ids


def _inert(page: Any, where: str) -> None:  # type: ignore[no-untyped-def]
    """No image or link inside any text on the page, and no exception box."""
    settle(page)
    found = page.evaluate(FOUND, TEXT)
    assert found == [], f"{where}: {found}"
    assert page.get_by_test_id("stException").count() == 0, where
    errors = " ".join(page.get_by_test_id("stAlertContentError").all_inner_texts())
    assert "Traceback" not in errors and "incident" not in errors, f"{where}: {errors}"


def _read(page: Any) -> str:  # type: ignore[no-untyped-def]
    """The page's text as a person reads it (the invisible word joiners that stop autolinks
    left out)."""
    return str(page.evaluate("() => document.body.innerText")).replace("\u2060", "")


def _choose(page: Any, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label(label, exact=True).first.click()
    page.get_by_role("option", name=option).first.click()
    settle(page)


def test_hostile_text_is_shown_inert_everywhere(  # type: ignore[no-untyped-def]
    hostile_app: tuple[str, dict[str, int]], browser, tracker: tuple[Tracker, str]
) -> None:
    base, ids = hostile_app
    server, tracked = tracker
    words = hostile(tracked)
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    try:
        for which in ("shown", "withdrawn"):
            page.goto(f"{base}/register?lang=en")
            page.get_by_text(t("register.title", "en")).first.wait_for(timeout=60_000)
            box = page.get_by_label(t("register.open", "en"))
            box.fill(str(ids[which]))
            box.press("Enter")
            page.get_by_text(f"Entry {ids[which]}:").first.wait_for(timeout=30_000)
            _inert(page, f"register, entry {which}")
        assert f"Withdrawn: {words[2]}" in _read(page)  # the reason, as text

        page.goto(f"{base}/demand?lang=en&demand=D01")
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=60_000)
        _inert(page, "demand")

        page.goto(f"{base}/drafts?lang=en")
        page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=60_000)  # the gap matrix
        _choose(page, t("drafts.draft", "en"), words[0])
        _choose(page, t("col.title", "en"), "D07")
        page.get_by_text("Coverage:").first.wait_for(timeout=30_000)
        _inert(page, "drafts, gap-matrix cell")
        assert f"{words[4]} {words[0]}" in _read(page)  # the note, as text

        page.get_by_text(t("drafts.tab.code", "en"), exact=True).click()
        settle(page)
        _choose(page, t("col.title", "en"), "D07")
        page.locator("strong", has_text="Demining").first.wait_for(timeout=30_000)
        _inert(page, "drafts, coverage suggestions")

        page.goto(f"{base}/inbox?lang=en")
        page.get_by_text("raw", exact=False).first.wait_for(timeout=60_000)
        _inert(page, "inbox")

        page.goto(f"{base}/?lang=en")
        page.get_by_test_id("stVegaLiteChart").last.wait_for(timeout=60_000)
        _inert(page, "overview")
        page.get_by_text(t("overview.more_charts", "en")).click()  # the gap matrix
        settle(page)
        row = page.locator("[data-testid=stVegaLiteChart] svg text", has_text=words[0])
        row.first.wait_for(timeout=60_000)  # the draft's title as text, as typed
        tip = shared.chart_tooltip(page, row.first, "D07")
        assert f"{words[0]} × D07" in tip and "Explicit" in tip, tip
        _inert(page, "overview, gap matrix and its tooltip")
        page.wait_for_timeout(1000)  # any image a page asked for has been fetched by now
    finally:
        page.close()
    assert server.requests == [], server.requests
