"""The parts that rerun alone (Streamlit fragments), in a real browser: the register's list and
page turn beside an open entry, the draft form's save, which must still redraw its page, and the
printable brief's Prepare inside the Overview's fragment."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import skip_or_fail
from tests.e2e.test_browser import CHROMIUM, browser, settle, streamlit_app

__all__ = ["browser"]  # the fixture, shared with the other browser tests

TEXT = "Draft of 1 December\n1. Detainees released.\n2. Monitors admitted.\n3) Demining."


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on 500 demo entries (ten pages of the register, the withdrawn left out)."""
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    data = tmp_path_factory.mktemp("e2e-fragments")
    env = {**os.environ, "MONITOR_DATABASE_URL": f"sqlite:///{data / 'monitor.db'}"}
    subprocess.run(
        [sys.executable, "-m", "monitor.cli", "demo-data", "--evidence", "500"],
        env=env,
        check=True,
        capture_output=True,
    )
    with streamlit_app(data) as base:
        yield base


def test_a_page_turn_keeps_the_open_entry_and_opening_another_draws_it(
    demo_app: str,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    page.goto(f"{demo_app}/register?lang=en")
    page.get_by_text("Evidence register").first.wait_for(timeout=60_000)
    settle(page)
    page.get_by_text("entries match; page 1 of 10.").wait_for(timeout=30_000)
    page.get_by_label("Open entry by id").fill("7")
    page.get_by_label("Open entry by id").press("Enter")
    settle(page)
    heading = page.get_by_test_id("stHeading").filter(has_text="Entry 7:")
    heading.first.wait_for(timeout=30_000)
    page.get_by_label("Page", exact=True).fill("3")
    page.get_by_label("Page", exact=True).press("Enter")
    settle(page)
    page.get_by_text("entries match; page 3 of 10.").wait_for(timeout=30_000)
    assert heading.count() >= 1  # the entry below the list is still drawn
    page.get_by_label("Search text").fill("passport")
    page.get_by_label("Search text").press("Enter")
    settle(page)
    page.get_by_text("of 10.").wait_for(state="detached", timeout=30_000)  # fewer pages
    page.get_by_label("Open entry by id").fill("8")
    page.get_by_label("Open entry by id").press("Enter")
    settle(page)
    page.get_by_test_id("stHeading").filter(has_text="Entry 8:").first.wait_for(timeout=30_000)
    assert page.get_by_test_id("stException").count() == 0
    page.close()


def test_saving_a_draft_from_its_form_redraws_the_page(
    demo_app: str,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 2400})
    page.goto(f"{demo_app}/drafts?lang=en")
    page.get_by_text("Draft agreements").first.wait_for(timeout=60_000)
    settle(page)
    page.get_by_text("Add a draft", exact=True).click()
    settle(page)
    page.get_by_label("Short code (letters, digits, - _ .)").fill("DEC1")
    page.get_by_label("Title", exact=True).fill("December draft")
    page.get_by_label("Proponent").fill("Mediators")
    page.get_by_label("Proponent").press("Tab")
    settle(page)
    page.get_by_label("Paste the text", exact=False).fill(TEXT)
    page.get_by_label("Paste the text", exact=False).press("Control+Enter")
    settle(page)
    page.get_by_text("Points found: 3").wait_for(timeout=30_000)
    page.get_by_role("button", name="Save draft").click()
    settle(page)
    page.get_by_text("Saved draft DEC1 with 3 points").wait_for(timeout=30_000)
    assert page.get_by_test_id("stException").count() == 0
    page.close()


def test_the_brief_prepared_in_its_fragment_downloads_what_it_says_and_follows_the_filters(
    demo_app: str,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    """On the Ukrainian Overview the brief's Prepare reruns its own fragment, inside the
    Overview's: the charts around it are not sent again, the download is the file whose
    SHA-256 is shown, in Ukrainian, and a filter changed afterwards (the outer fragment) asks
    for a new brief."""
    page = browser.new_page(viewport={"width": 1400, "height": 2400}, accept_downloads=True)
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(len(f))))
    page.goto(f"{demo_app}/?lang=uk")
    page.get_by_text("Стан десяти вимог").first.wait_for(timeout=60_000)
    settle(page)
    prepare = page.get_by_role("button", name="Підготувати PDF-довідку")
    prepare.scroll_into_view_if_needed(timeout=30_000)
    on_arrival = sum(received)
    received.clear()
    prepare.click()
    download = page.get_by_role("button", name="Завантажити PDF-довідку")
    download.wait_for(timeout=60_000)
    settle(page)
    # the Overview's charts are most of what arrival sent; the click's rerun sends none of them
    assert sum(received) < on_arrival / 10, (sum(received), on_arrival)
    page.get_by_text("Довідку підготовлено").wait_for(timeout=30_000)
    shown = page.get_by_text("SHA-256 цього файлу").inner_text().split(":")[-1].strip()
    with page.expect_download() as arrival:
        download.click()
    data = Path(arrival.value.path()).read_bytes()
    assert hashlib.sha256(data).hexdigest() == shown
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Десять вимог: де вони зараз" in text and "Коротко" in text, text[:300]
    assert page.get_by_test_id("stException").count() == 0

    page.get_by_text("Фільтри", exact=True).first.click()  # an expander: no rerun
    page.get_by_text("Включити неперевірені докази", exact=True).click()
    settle(page)
    prepare.wait_for(timeout=30_000)  # other filters: the brief made before is not offered
    assert download.count() == 0
    assert page.get_by_test_id("stException").count() == 0
    page.close()
