"""The Log evidence form in headless Chromium: a file the entry cannot keep is refused when
chosen, with nothing typed lost; after the save the browser shows an empty form and an empty
uploader (what a test without a browser cannot see: deleting the widgets' keys left the
browser showing, and sending back, every value)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import attachment_samples as samples
from tests.e2e import test_browser as shared
from tests.e2e.test_browser import pick_demand, settle

pytestmark = pytest.mark.browser
browser = shared.browser
running_app = shared.running_app
PROGRAM = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."
TITLE = "Pensioner refused without a Russian passport"


def _fill(page) -> None:  # type: ignore[no-untyped-def]
    def choose(label: str, option: str) -> None:
        page.get_by_label(label).click()
        page.get_by_role("option", name=option).first.click()
        settle(page)

    pick_demand(page, "Demands it concerns", "D08 · No forced Russian passports")
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Title", exact=True).press("Tab")
    page.get_by_label("What happened").fill("Refused her pension at the local office.")
    page.get_by_role("spinbutton", name="year, Date of the events (or start)").click()
    page.keyboard.type("20251001")
    page.keyboard.press("Tab")
    settle(page)
    choose("Region of the TOT", "Kherson oblast")
    choose("Source type", "Witness account")
    choose("Source reliability (Admiralty A-F)", "B: usually reliable")
    choose("Information credibility (1-6)", "2: probably true")
    page.get_by_text("Regression", exact=True).click()
    settle(page)


def test_a_refused_file_keeps_the_form_and_a_save_empties_it(  # type: ignore[no-untyped-def]
    running_app: str, browser, tmp_path: Path
) -> None:
    program = tmp_path / "photo.jpg"
    program.write_bytes(PROGRAM)
    photo = tmp_path / "site.png"
    photo.write_bytes(samples.png())
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    page.goto(f"{running_app}/log?lang=en")
    page.get_by_text("Log evidence", exact=True).first.wait_for(timeout=60_000)
    settle(page)
    _fill(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(photo), str(program)])
    settle(page)
    page.get_by_text("photo.jpg cannot be attached").wait_for(timeout=30_000)
    page.get_by_role("button", name="Save entry").click()
    settle(page)
    page.get_by_text("Nothing was saved: remove the file").wait_for(timeout=30_000)
    assert page.get_by_label("Title", exact=True).input_value() == TITLE

    page.get_by_test_id("stFileChip").filter(has_text="photo.jpg").get_by_test_id(
        "stFileChipDeleteBtn"
    ).click()
    settle(page)
    assert page.get_by_text("photo.jpg cannot be attached").count() == 0
    page.get_by_role("button", name="Save entry").click()
    settle(page)
    page.get_by_text("Saved as entry").wait_for(timeout=30_000)
    assert page.get_by_text("was not attached").count() == 0
    assert page.get_by_label("Title", exact=True).input_value() == ""
    assert page.get_by_label("What happened").input_value() == ""
    assert page.get_by_test_id("stFileChip").count() == 0  # the uploader is empty

    page.get_by_role("button", name="Save entry").click()  # pressed again: nothing saved twice
    settle(page)
    assert page.get_by_text("likely duplicates").count() == 0
    page.get_by_text("Nothing was saved").first.wait_for(timeout=30_000)
    assert page.get_by_test_id("stException").count() == 0
    page.close()
