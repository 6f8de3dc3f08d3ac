"""An import in the running app in headless Chromium, in Ukrainian and in English: once written,
its new entries with likely duplicates are listed by number with what they resemble, a
hostile title shown as the text it is (no element made of it), and one opens in the entry
panel."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from monitor.config import Settings
from monitor.core.db import session_scope
from monitor.i18n import t
from monitor.services import evidence
from monitor.services.startup import local_actor, open_database, seed_if_empty
from tests.e2e import test_browser as shared
from tests.e2e.test_browser import ARTIFACTS, settle, streamlit_app

pytestmark = pytest.mark.browser
browser = shared.browser  # the same headless Chromium launch, as this module's fixture
HEADER = [
    "demands",
    "title",
    "event start",
    "region",
    "source type",
    "source URL",
    "source reliability (A-F)",
    "information credibility (1-6)",
    "direction",
]
HOSTILE = "<b>loud</b> **bold** <img src=x onerror=alert(1)>"


def _stored(settings: Settings, url: str) -> int:
    engine = open_database(settings)
    seed_if_empty(engine=engine, settings=settings)
    actor = local_actor(engine=engine, settings=settings)
    with session_scope(engine) as session:
        entry = evidence.create(
            session=session,
            actor=actor,
            data={
                "demands": ["D01"],
                "title": "Stored report",
                "event_start": "2025-03-01",
                "region_code": "kherson",
                "source_type": "media",
                "source_url": url,
                "reliability": "C",
                "credibility": "3",
                "direction": "regression",
            },
            today=date.today(),
        )
        session.flush()
        entry_id = int(entry.id or 0)
    engine.dispose()
    return entry_id


@pytest.fixture(scope="module")
def import_app(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Path, dict[str, int]]]:
    data = tmp_path_factory.mktemp("e2e-import-result")
    settings = Settings(database_url=f"sqlite:///{data / 'monitor.db'}", data_dir=data)
    stored = {
        lang: _stored(settings, f"https://stored.example.net/{lang}") for lang in ("uk", "en")
    }
    with streamlit_app(data, MONITOR_AUTH="off", MONITOR_DATA_DIR=str(data)) as base:
        yield base, data, stored


def _file(folder: Path, lang: str) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for title, url in (
        (f"Copy of the stored report ({lang})", f"https://stored.example.net/{lang}/"),
        (f"{HOSTILE} {lang}", ""),
        (f"{HOSTILE} {lang}".upper(), ""),  # the same title, folded
    ):
        writer.writerow(
            ["D01", title, "2025-03-02", "kherson", "media", url, "C", "3", "regression"]
        )
    path = folder / f"rows-{lang}.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_import_result_lists_the_new_likely_duplicates(  # type: ignore[no-untyped-def]
    import_app: tuple[str, Path, dict[str, int]], browser, lang: str
) -> None:
    base, folder, stored = import_app
    page = browser.new_page(viewport={"width": 1400, "height": 2400})
    page.goto(f"{base}/import?lang={lang}")
    page.get_by_text(t("import.title", lang), exact=True).first.wait_for(timeout=60_000)
    settle(page)
    page.locator("input[type=file]").first.set_input_files(str(_file(folder, lang)))
    button = page.get_by_role("button", name=t("import.button", lang))
    button.wait_for(timeout=60_000)
    settle(page)
    button.click()
    settle(page)
    page.get_by_text(t("import.result.heading", lang)).wait_for(timeout=60_000)
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    table = page.get_by_test_id("stTable").first
    text = table.inner_text()
    assert f"#{stored[lang]}" in text  # the stored entry the copy resembles, by number
    assert t("duplicates.reason.url", lang) in text
    assert f"{HOSTILE} {lang}".upper() in text  # row 3, like row 2: as typed
    assert table.locator("b, img, strong").count() == 0  # nothing made of it
    page.get_by_label(t("import.result.open", lang)).click()
    page.get_by_role("option").nth(1).click()
    settle(page)
    heading = t("entry.heading", lang, id="", title="").split(":")[0].strip()
    page.get_by_role("heading").filter(has_text=heading).first.wait_for(timeout=30_000)
    assert page.get_by_test_id("stException").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"import-result-{lang}.png"), full_page=True)
    page.close()
