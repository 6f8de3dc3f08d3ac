"""The running app in headless Chromium: the first thing a new user sees."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def streamlit_app(data: Path, **extra_env: str) -> Iterator[str]:
    """`streamlit run app.py` on a free port, polled until healthy; stopped afterwards."""
    port = free_port()
    env = {**os.environ, "MONITOR_DATABASE_URL": f"sqlite:///{data / 'monitor.db'}", **extra_env}
    data.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    log = (data / "streamlit.log").open("w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/_stcore/health", timeout=2).text == "ok":
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited: {(data / 'streamlit.log').read_text()}")
            time.sleep(0.3)
        else:
            pytest.fail("streamlit did not answer within 60 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def running_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    with streamlit_app(tmp_path_factory.mktemp("e2e")) as base:
        yield base


@pytest.fixture(scope="module")
def signed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with sign-in on and a viewer and an editor account made by `monitor user add`."""
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    data = tmp_path_factory.mktemp("e2e-auth")
    env = {**os.environ, "MONITOR_DATABASE_URL": f"sqlite:///{data / 'monitor.db'}"}
    for name, role in (("vika", "viewer"), ("ed", "editor")):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "monitor.cli",
                "user",
                "add",
                name,
                "--role",
                role,
                "--password-stdin",
            ],
            input=f"{name}-password-1\n",
            text=True,
            env=env,
            check=True,
            capture_output=True,
        )
    with streamlit_app(data, MONITOR_AUTH="on") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield instance
        instance.close()


def settle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished running the script (its own flag on the app root)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
        " === 'notRunning'",
        timeout=60_000,
    )
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=30_000)


def test_first_start_shows_ten_demands_and_switches_language(running_app: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(running_app)
    page.get_by_text("Стан десяти вимог").wait_for(timeout=60_000)
    # the last element of the page: once it is drawn, the whole script has run
    page.get_by_text("Звільнення незаконно утримуваних цивільних").first.wait_for(timeout=60_000)
    page.get_by_test_id("stPlotlyChart").last.wait_for(timeout=60_000)
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    metric_values = page.get_by_test_id("stMetricValue").all_inner_texts()
    assert metric_values[0] == "10", metric_values
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview-uk.png"), full_page=True)

    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="English").click()
    page.get_by_text("Where the ten demands stand").wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_text("Release of detained civilians").count() >= 1
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=str(ARTIFACTS / "overview-en.png"), full_page=True)
    shutil.copy(ARTIFACTS / "overview-en.png", ARTIFACTS / "latest.png")
    page.close()


def test_log_an_entry_in_the_browser_and_find_it_in_the_register(running_app: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    page.goto(f"{running_app}/log?lang=en")
    page.get_by_text("Log evidence", exact=True).first.wait_for(timeout=60_000)
    settle(page)

    def choose(label: str, option: str) -> None:
        page.get_by_label(label).click()
        page.get_by_role("option", name=option).first.click()
        settle(page)

    page.get_by_label("Demands it concerns").click()
    page.get_by_role("option", name="D08 · No forced Russian passports").click()
    page.keyboard.press("Escape")
    settle(page)
    page.get_by_label("Title", exact=True).fill("Pensioner refused without a Russian passport")
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
    page.get_by_role("button", name="Save entry").click()
    settle(page)
    page.get_by_text("Saved as entry").wait_for(timeout=30_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "log-evidence.png"), full_page=True)

    page.get_by_test_id("stSidebarNavLink").filter(has_text="Evidence register").click()
    settle(page)
    page.get_by_label("Search text").fill("pensioner")
    page.get_by_label("Search text").press("Enter")
    settle(page)
    page.get_by_text("1 entries match").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "register.png"), full_page=True)
    assert page.get_by_test_id("stException").count() == 0
    page.close()


@pytest.mark.parametrize(("name", "sees_log"), [("vika", False), ("ed", True)])
def test_sign_in_shows_the_pages_of_the_role(
    signed_app: str, browser, name: str, sees_log: bool
) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{signed_app}/?lang=en")
    page.get_by_label("User name").fill(name)
    page.get_by_role("textbox", name="Password").fill(f"{name}-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Where the ten demands stand").wait_for(timeout=60_000)
    settle(page)
    links = page.get_by_test_id("stSidebarNavLink").all_inner_texts()
    assert ("Log evidence" in links) is sees_log, links
    assert "Admin" not in links
    assert f"Signed in as “{name}”" in page.get_by_test_id("stSidebar").inner_text()
    page.screenshot(path=str(ARTIFACTS / f"signed-in-{name}.png"), full_page=True)
    page.close()
