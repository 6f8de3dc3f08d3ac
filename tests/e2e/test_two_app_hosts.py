"""Two app processes, one PostgreSQL and one object store: a team deployment, in the browser.

Two `streamlit run app.py` servers on different ports, each with its own empty data folder (as
two machines would have), share a fresh PostgreSQL database and a bucket on a local
S3-compatible server (moto's). A file attached in one opens, previewed and downloaded, in the
other at once, and the other way round; neither data folder ever holds a stored file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from monitor.config import Settings
from monitor.core import migrate
from monitor.core.db import session_scope
from monitor.i18n import t
from monitor.services import evidence
from monitor.services.startup import local_actor, open_database, seed_if_empty
from tests import attachment_samples as samples
from tests import s3_server
from tests.conftest import _create_pg_database, _drop_pg_database, postgres_base_url
from tests.e2e import test_browser as shared
from tests.e2e.test_browser import ARTIFACTS, settle, streamlit_app

pytestmark = pytest.mark.browser
browser = shared.browser  # the same headless Chromium launch, as this module's fixture
PREFIX = "coalition"


@dataclass(frozen=True)
class Team:
    first: str  # the two app addresses
    second: str
    folders: tuple[Path, Path]  # their own data folders
    endpoint: str
    bucket: str
    entry_ids: tuple[int, int]  # one for each direction


def _entry(url: str, folder: Path) -> int:
    """One entry, made on the shared database before the apps start (as any host would)."""
    settings = Settings(database_url=url, data_dir=folder)
    engine = open_database(settings)
    seed_if_empty(engine=engine, settings=settings)
    actor = local_actor(engine=engine, settings=settings)
    with session_scope(engine) as session:
        entry = evidence.create(
            session=session,
            actor=actor,
            data={
                "demands": ["D02"],
                "title": "Photographed by a partner organisation",
                "description": "Seen from two app hosts.",
                "event_start": "2025-10-02",
                "region_code": "kherson",
                "source_type": "ngo_report",
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
        entry_id = int(entry.id)
    engine.dispose()
    return entry_id


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    base = postgres_base_url()
    url = _create_pg_database(base)
    migrate.upgrade(url)  # once, before either host starts (as the team deployment says)
    first, second = tmp_path_factory.mktemp("host-a"), tmp_path_factory.mktemp("host-b")
    setup = tmp_path_factory.mktemp("setup")
    entry_ids = (_entry(url, setup), _entry(url, setup))
    try:
        with s3_server.s3_server() as endpoint:
            bucket = s3_server.new_bucket(endpoint)
            env = {
                **s3_server.CREDENTIALS,
                "MONITOR_AUTH": "off",
                "MONITOR_DATABASE_URL": url,
                "MONITOR_STORAGE": "s3",
                "MONITOR_S3_BUCKET": bucket,
                "MONITOR_S3_PREFIX": PREFIX,
                "MONITOR_S3_ENDPOINT_URL": endpoint,
            }
            with (
                streamlit_app(first / "app", MONITOR_DATA_DIR=str(first / "data"), **env) as a,
                streamlit_app(second / "app", MONITOR_DATA_DIR=str(second / "data"), **env) as b,
            ):
                yield Team(a, b, (first / "data", second / "data"), endpoint, bucket, entry_ids)
    finally:
        _drop_pg_database(base, url)


def _open_entry(page: Any, base: str, entry_id: int) -> None:
    page.goto(f"{base}/register?lang=en")
    page.get_by_text(t("register.title", "en")).first.wait_for(timeout=60_000)
    box = page.get_by_label(t("register.open", "en"))
    box.fill(str(entry_id))
    box.press("Enter")
    page.get_by_text(f"Entry {entry_id}:").first.wait_for(timeout=30_000)
    settle(page)


def _attach(page: Any, base: str, entry_id: int, path: Path) -> None:
    _open_entry(page, base, entry_id)
    page.get_by_role("tab", name=t("entry.attach", "en"), exact=True).click()
    page.locator("input[type=file]").first.set_input_files(str(path))
    page.get_by_text(path.name).first.wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("button", name=t("entry.attach_button", "en"), exact=True).click()
    done = t("entry.done", "en", action=t("action.attach", "en"))
    page.get_by_text(done).first.wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_test_id("stException").count() == 0


def _open_and_download(page: Any, base: str, entry_id: int, name: str, saved: Path) -> bytes:
    """Open the entry's one attachment, `name`, and download its working copy."""
    _open_entry(page, base, entry_id)
    assert page.get_by_text(name).count() >= 1
    page.get_by_test_id("stButton").get_by_role(
        "button", name=t("attachment.open", "en"), exact=True
    ).click()
    page.get_by_test_id("stImage").locator("img").first.wait_for(timeout=30_000)
    settle(page)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=t("attachment.download", "en")).click()
    info.value.save_as(saved)
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    return saved.read_bytes()


def test_a_file_attached_on_one_host_opens_on_the_other_at_once(  # type: ignore[no-untyped-def]
    team: Team, browser, tmp_path: Path
) -> None:
    photo, chart = tmp_path / "site.jpg", tmp_path / "chart.png"
    photo.write_bytes(samples.jpeg(800, 600))
    chart.write_bytes(samples.png(120, 90))
    first: Any = browser.new_page(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    second: Any = browser.new_page(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    try:
        one, other = team.entry_ids
        _attach(first, team.first, one, photo)  # written by host A...
        got = _open_and_download(second, team.second, one, "site.jpg", tmp_path / "b")
        assert Image.open(io.BytesIO(got)).size == (800, 600)  # ...read by host B
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        second.screenshot(path=str(ARTIFACTS / "second-host-opened.png"), full_page=True)

        _attach(second, team.second, other, chart)  # and the other way round
        back = _open_and_download(first, team.first, other, "chart.png", tmp_path / "a")
        assert Image.open(io.BytesIO(back)).size == (120, 90)
    finally:
        first.close()
        second.close()
    listed = s3_server.client(team.endpoint).list_objects_v2(Bucket=team.bucket)["Contents"]
    keys = sorted(str(item["Key"]) for item in listed)
    assert len(keys) == 2 and all(k.startswith(f"{PREFIX}/attachments/") for k in keys), keys
    for folder in team.folders:  # nothing stored on either machine
        assert not (folder / "attachments").exists() and not (folder / "captures").exists()
