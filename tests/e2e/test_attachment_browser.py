"""An entry with a witness's photo, opened in the running app in headless Chromium: the browser
asks nothing of anyone but the app, and the copy it downloads carries no GPS position."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image

from monitor.config import Settings
from monitor.core.db import session_scope
from monitor.domain import attachment_types
from monitor.i18n import t
from monitor.services import attachments, evidence
from monitor.services.startup import local_actor, open_database, seed_if_empty
from tests import attachment_samples as samples
from tests.e2e import test_browser as shared
from tests.e2e.test_browser import ARTIFACTS, settle, streamlit_app

pytestmark = pytest.mark.browser
browser = shared.browser  # the same headless Chromium launch, as this module's fixture
PHOTO = samples.jpeg(1600, 1200)


def _entry_with_photo(settings: Settings) -> int:
    engine = open_database(settings)
    seed_if_empty(engine=engine, settings=settings)
    actor = local_actor(engine=engine, settings=settings)
    with session_scope(engine) as session:
        entry = evidence.create(
            session=session,
            actor=actor,
            data={
                "demands": ["D02"],
                "title": "Photo of the detention site",
                "description": "Taken by a witness.",
                "event_start": "2025-10-02",
                "event_end": "",
                "region_code": "kherson",
                "source_type": "ngo_report",
                "source_url": "",
                "source_title": "",
                "reliability": "B",
                "credibility": "2",
                "direction": "regression",
                "language": "uk",
                "sensitivity": "public",
            },
            today=date.today(),
        )
        session.flush()
        assert entry.id is not None
        attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry.id,
            filename="site.jpg",
            data=PHOTO,
            folder=settings.attachments_dir,
        )
        entry_id = int(entry.id)
    engine.dispose()
    return entry_id


@pytest.fixture(scope="module")
def photo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    data = tmp_path_factory.mktemp("e2e-attachments")
    settings = Settings(database_url=f"sqlite:///{data / 'monitor.db'}", data_dir=data)
    entry_id = _entry_with_photo(settings)
    with streamlit_app(data, MONITOR_AUTH="off", MONITOR_DATA_DIR=str(data)) as base:
        yield base, entry_id


def test_an_opened_photo_asks_only_the_app_and_downloads_without_gps(  # type: ignore[no-untyped-def]
    photo_app: tuple[str, int], browser, tmp_path: Path
) -> None:
    base, entry_id = photo_app
    app = urlsplit(base).netloc
    asked: list[str] = []
    page: Any = browser.new_page(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    page.on("request", lambda request: asked.append(request.url))
    page.on("websocket", lambda socket: asked.append(socket.url))
    try:
        page.goto(f"{base}/register?lang=en")
        page.get_by_text(t("register.title", "en")).first.wait_for(timeout=60_000)
        box = page.get_by_label(t("register.open", "en"))
        box.fill(str(entry_id))
        box.press("Enter")
        page.get_by_text(f"Entry {entry_id}:").first.wait_for(timeout=30_000)
        settle(page)
        assert page.get_by_text("could reveal a witness").count() == 1  # the local admin
        opener = page.get_by_test_id("stButton").get_by_role(
            "button", name=t("attachment.open", "en"), exact=True
        )
        opener.click()
        image = page.get_by_test_id("stImage").locator("img")
        image.wait_for(timeout=30_000)
        settle(page)
        shown = urlsplit(str(image.get_attribute("src")))
        assert shown.netloc in ("", app) and shown.path.startswith("/media/")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "attachment-opened.png"), full_page=True)
        with page.expect_download(timeout=30_000) as info:
            page.get_by_role("button", name=t("attachment.download", "en")).click()
        saved = tmp_path / "copy.jpg"
        info.value.save_as(saved)
        settle(page)
        assert page.get_by_test_id("stException").count() == 0
    finally:
        page.close()
    outside = [u for u in asked if urlsplit(u).scheme not in ("data", "blob")]
    outside = [u for u in outside if urlsplit(u).netloc != app]
    assert asked and outside == [], outside
    copy = saved.read_bytes()
    assert copy != PHOTO
    with Image.open(io.BytesIO(copy)) as downloaded:
        assert downloaded.size == (1600, 1200)
        assert not downloaded.getexif().get_ifd(0x8825)  # no GPS position
        assert 0x010F not in downloaded.getexif() and 0x0110 not in downloaded.getexif()
    assert attachment_types.image_metadata(copy) == {}
    assert attachment_types.image_metadata(PHOTO)["gps"]  # the original still has it
