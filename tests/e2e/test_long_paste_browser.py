"""A real paste (the clipboard and Ctrl+V in headless Chromium) into Log evidence's "What
happened": what no test without a browser can show. With the limit given to the box as
`max_chars`, the browser refused a paste longer than it: the box stayed empty, no word was
said, and the empty box was saved. Now the box takes the text, the save refuses it naming the
field and its limit, and the text outlives a visit to another page."""

from __future__ import annotations

import pytest

from monitor.core import limits
from tests.e2e import test_browser as shared
from tests.e2e.test_browser import settle

pytestmark = pytest.mark.browser
browser = shared.browser
running_app = shared.running_app
BOX = "What happened"


def test_a_paste_longer_than_the_limit_is_kept_and_refused_by_name(  # type: ignore[no-untyped-def]
    running_app: str, browser
) -> None:
    pasted = "Witness statement, line after line. " * (limits.EVIDENCE_DESCRIPTION // 36 + 20)
    assert len(pasted) > limits.EVIDENCE_DESCRIPTION
    context = browser.new_context(viewport={"width": 1400, "height": 2000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=running_app)
    page = context.new_page()
    page.goto(f"{running_app}/log?lang=en")
    page.get_by_text("Log evidence", exact=True).first.wait_for(timeout=60_000)
    settle(page)
    page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
    box = page.get_by_label(BOX)
    box.click()
    page.keyboard.press("Control+V")
    box.press("Tab")  # the box sends its value when it loses the focus
    settle(page)
    assert box.input_value() == pasted  # taken whole, not refused without a word

    page.get_by_role("button", name="Save entry").click()
    settle(page)
    said = f"at most {limits.EVIDENCE_DESCRIPTION:,} characters"  # 20,000 as English writes it
    page.get_by_text(f"{BOX}: {said}").first.wait_for(timeout=30_000)  # named, with its limit
    assert page.get_by_text(said, exact=True).count() == 1  # and beside the box
    assert page.get_by_label(BOX).input_value() == pasted  # kept, to shorten

    page.get_by_role("link", name="Overview").first.click()
    settle(page)
    page.get_by_role("link", name="Log evidence").first.click()
    settle(page)
    page.get_by_label(BOX).wait_for(timeout=30_000)
    assert page.get_by_label(BOX).input_value() == pasted  # the visit lost nothing
    context.close()
