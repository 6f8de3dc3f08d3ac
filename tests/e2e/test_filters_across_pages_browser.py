"""Filters kept across pages, in a real browser and both languages: sign in, the Overview, the
Evidence register through the navigation, and back. The Overview came back with no entries
(its include boxes unticked, `include=none` in the address), the register with its search
emptied; a shared link's filters were lost the same way."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.i18n import t
from tests.conftest import skip_or_fail
from tests.e2e.test_browser import CHROMIUM, browser, go, settle, streamlit_app

__all__ = ["browser"]  # the fixture, shared with the other browser tests


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Sign-in on, an editor, the reference data and 40 demo entries."""
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    data = tmp_path_factory.mktemp("e2e-filters")
    env = {**os.environ, "MONITOR_DATABASE_URL": f"sqlite:///{data / 'monitor.db'}"}
    cli = [sys.executable, "-m", "monitor.cli"]
    subprocess.run(
        [*cli, "demo-data", "--evidence", "40"], env=env, check=True, capture_output=True
    )
    subprocess.run(
        [*cli, "user", "add", "ed", "--role", "editor", "--password-stdin"],
        input="ed-password-1\n",
        text=True,
        env=env,
        check=True,
        capture_output=True,
    )
    with streamlit_app(data, MONITOR_AUTH="on") as base:
        yield base


def _sign_in(page, base: str, lang: str, query: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/?lang={lang}{query}")
    page.get_by_label(t("auth.username", lang)).fill("ed")
    page.get_by_role("textbox", name=t("auth.password", lang)).fill("ed-password-1")
    page.get_by_role("button", name=t("auth.sign_in", lang)).click()
    page.get_by_text(t("overview.title", lang)).first.wait_for(timeout=60_000)
    settle(page)


def _figures(page, lang: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The scorecard's evidence and incidents, as the page shows them."""
    page.get_by_test_id("stMetric").first.wait_for(timeout=30_000)
    figures = {}
    for key in ("overview.metric.evidence", "overview.metric.incidents"):
        metric = page.get_by_test_id("stMetric").filter(has_text=t(key, lang)).first
        figures[key] = metric.get_by_test_id("stMetricValue").inner_text()
    return figures


def _to_register_and_back(page, lang: str) -> None:  # type: ignore[no-untyped-def]
    go(page, t("nav.register", lang))
    page.get_by_test_id("stHeading").filter(has_text=t("nav.register", lang)).first.wait_for(
        timeout=30_000
    )
    # the language stays in the address, so a link copied from this page opens in it
    page.wait_for_url(re.compile(rf"/register\?(.*&)?lang={lang}"), timeout=30_000)
    go(page, t("nav.overview", lang))
    page.get_by_text(t("overview.title", lang)).first.wait_for(timeout=30_000)
    settle(page)


def _boxes(page, lang: str) -> list[bool]:  # type: ignore[no-untyped-def]
    return [
        page.get_by_label(t(f"overview.include_{i}", lang)).is_checked()
        for i in ("corroborated", "unverified")
    ]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_overview_shows_the_same_after_the_register(
    seeded_app: str,
    browser,  # type: ignore[no-untyped-def]
    lang: str,
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    _sign_in(page, seeded_app, lang)
    before = _figures(page, lang)
    assert before["overview.metric.evidence"] != "0"
    _to_register_and_back(page, lang)
    assert _figures(page, lang) == before
    assert "include=" not in page.url and f"lang={lang}" in page.url
    assert page.get_by_text(t("register.empty", lang)).count() == 0
    page.get_by_text(t("overview.filters", lang), exact=True).click()
    settle(page)
    assert _boxes(page, lang) == [True, True]
    assert page.get_by_test_id("stException").count() == 0
    page.close()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_shared_link_keeps_its_filters_after_the_register(
    seeded_app: str,
    browser,  # type: ignore[no-untyped-def]
    lang: str,
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    _sign_in(page, seeded_app, lang, "&demand=D01&include=corroborated")
    assert re.search(r"demand=D01", page.url) and "include=corroborated" in page.url
    shared = _figures(page, lang)
    _to_register_and_back(page, lang)
    assert _figures(page, lang) == shared
    assert "demand=D01" in page.url and "include=corroborated" in page.url
    page.get_by_text(t("overview.filters", lang), exact=True).click()
    settle(page)
    assert _boxes(page, lang) == [True, False]
    assert page.get_by_test_id("stException").count() == 0
    page.close()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_register_keeps_its_search_after_the_overview(
    seeded_app: str,
    browser,  # type: ignore[no-untyped-def]
    lang: str,
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    _sign_in(page, seeded_app, lang)
    go(page, t("nav.register", lang))
    search = page.get_by_label(t("register.text", lang))
    search.fill("zzz-nothing-like-it")
    search.press("Enter")
    settle(page)
    page.get_by_text(t("register.empty", lang)).first.wait_for(timeout=30_000)
    go(page, t("nav.overview", lang))
    page.get_by_text(t("overview.title", lang)).first.wait_for(timeout=30_000)
    go(page, t("nav.register", lang))
    page.get_by_label(t("register.text", lang)).wait_for(timeout=30_000)
    assert page.get_by_label(t("register.text", lang)).input_value() == "zzz-nothing-like-it"
    page.get_by_text(t("register.empty", lang)).first.wait_for(timeout=30_000)
    assert page.get_by_test_id("stException").count() == 0
    page.close()
