"""What a person waits for: the running app in headless Chromium, timed from action to idle.

Starts the real app (`streamlit run app.py`, sign-in off) on a SQLite file of N demo entries and,
in the same run, an empty Streamlit page (the floor Streamlit itself sets: its start-up, its
websocket, its first script run). Every timing runs from the user's action to the page being
rendered and idle: the server's `script_finished` message has arrived, the app root says it is
not running, no running indicator, no skeleton, every chart drawn (plotly or Vega-Lite);
`script_median_s` is the part until the server's message, the rest is the browser's. Prints one
JSON object:

- first_load: each page opened in a fresh tab of one browser (HTTP cache shared, as a person's
  is), median and p95 of --repeat, plus `cold_s`, its first load in a browser that has never
  seen the app (the whole JavaScript bundle fetched), and the bytes the page cost: HTTP transfer
  and websocket messages (chart JSON included);
- in-app actions: navigation between pages, an Overview filter change, opening and closing the
  Overview's expander of lower charts, a register search and a
  page turn, a search for a text few entries hold and for a Ukrainian one, opening an entry,
  switching language, the printable brief prepared (on the Overview and on a Demand page: from
  the 'Prepare' click until the download button is shown), saving an entry (from the 'Save'
  click, the form filled beforehand untimed, each field waited on until it holds its value);
  median, p95 and websocket bytes;
- sign-in (`sign_in`), what every person meets first when sign-in is on (the default): a second
  app, sign-in on, on a copy of the database to which the checkout's own `monitor user add` has
  added one admin account before the app starts. Each repetition is a fresh browser context (no
  cookie, no session, nothing cached: the whole JavaScript bundle is fetched every time):
  `first_load.sign_in_screen` from the address opened until the user-name box is shown and the
  page idle, and `actions.sign_in` from the 'Sign in' click (the name and password typed
  beforehand, untimed) until the Overview is drawn and idle, all its charts included. `first_s`
  is the first of each after the app started (the server importing the app's modules, its
  caches empty), left out of the median and p95: the other `repeat` are summarised;
- floor: the empty page's first load and a rerun by a button click; `ratio_to_floor` divides each
  median by the matching floor median (a first load by the floor's first load, an action by the
  floor's rerun, except the sign-in click: it draws a whole page, the Overview, so it too is
  divided by the floor's first load). With `sign_in` the floor also has `cold_first_load`, the
  empty page in a fresh context each time as the sign-in screen is, and the sign-in figures
  `ratio_to_cold_floor`, their median divided by that one's;
- charts: the Overview drawn with one chart at a time (bench/one_chart.py: the app's own page,
  its other charts left out), each opened in `repeat` fresh tabs: `cost_s` is its median load
  less that of the same page with no chart at all (what the one chart adds to the wait: the
  server sending it, the browser drawing it, plotly's own start in a tab), `bytes` the
  websocket bytes it adds, `after_script_s` the part after the server's end of the script (a
  chart is drawn as it arrives, so some of its drawing can fall before that end);
- machine: cores, versions, and the load average before and after the run (on a shared machine
  the seconds move with it; the ratios to the floor of the same run much less).

    python bench/browser.py --evidence 100000
    python bench/browser.py --database path/to/monitor.db   # reuse a database made before
    python bench/browser.py --database db --checkout ../old --only charts  # another checkout
    python bench/browser.py --database db --against ../old  # the Overview before/after, in turns
    python bench/browser.py --database db --only save_entry prepare_brief  # the floor and these
    python bench/browser.py --database db --only sign_in  # the floor and the sign-in, sign-in on

Needs /usr/bin/chromium (Debian's `chromium`). Only loopback addresses are contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import loaded_database, median, percentile  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGES = {  # URL path -> a text that is on the page once it is drawn (English UI)
    "": "Where the ten demands stand",
    "log": "Log evidence",
    "demand": "Demand",
    "drafts": "Draft agreements",
    "register": "Evidence register",
    "import": "Import evidence",
    "inbox": "Inbox",
    "briefings": "Briefings",
    "admin": "Admin",
}
SAVED = [  # what the save measurement logs: one title and description each, unlike the others
    ("Pension refused without a passport", "Refused at the local office."),
    ("School told to teach the occupiers' curriculum", "Teachers were summoned by the police."),
    ("Checkpoint closed to people leaving", "Queue of cars turned back at dawn."),
    ("Aid convoy stopped before the bridge", "Drivers held for six hours, cargo searched."),
    ("Monitors denied entry to the hospital", "The director cited orders from the city."),
    ("Family deported to a camp in Russia", "Neighbours saw buses leave at night."),
    ("Mine found near the playground", "Children evacuated, sappers called in."),
    ("Journalist detained at home", "Laptop and phones taken, no charge given."),
]
NAV = ["Overview", "Evidence register", "Draft agreements", "Demand", "Briefings"]
EMPTY_PAGE = """
import streamlit as st

st.title("ready")
st.button("again")
"""

# Idle once the run has finished (see Tab): nothing is running or loading, every chart is drawn.
IDLE = """
() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid=stStatusWidget]')) return false;
  if (document.querySelector('[data-testid=stSkeleton]')) return false;
  for (const chart of document.querySelectorAll('[data-testid=stPlotlyChart]')) {
    if (!chart.querySelector('.main-svg')) return false;
  }
  // Vega-Lite: the chart library is fetched and the view drawn after the element arrives
  for (const chart of document.querySelectorAll('[data-testid=stVegaLiteChart]')) {
    if (!chart.querySelector('.marks')) return false;
  }
  return true;
}
"""
TRANSFERRED = """
() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
  .reduce((sum, e) => sum + (e.transferSize || 0), 0)
"""


PORTS: list[int] = []  # --port: the ports to serve on, in turn (none: any free one)


def free_port() -> int:
    """The next of --port's ports (servers taking turns on a few), or any free one."""
    if PORTS:
        PORTS.append(PORTS.pop(0))
        return PORTS[-1]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_environment(database: Path, checkout: Path) -> dict[str, str]:
    """The environment the app and its `monitor` command run in: this database, the data folder
    beside it, the checkout's code first on the path."""
    return {
        **os.environ,
        "MONITOR_DATABASE_URL": f"sqlite:///{database}",
        "MONITOR_DATA_DIR": str(database.parent),
        "PYTHONPATH": str(checkout),
    }


@contextmanager
def streamlit(
    script: Path, database: Path, log: Path, checkout: Path = ROOT, *, auth: bool = False
) -> Iterator[str]:
    """`streamlit run script` on a free loopback port, polled until healthy; stopped afterwards.

    `checkout` is the copy of the app whose code runs (its `monitor` package first on the path);
    sign-in is off unless `auth`.
    """
    port = free_port()
    env = {
        **app_environment(database, checkout),
        "MONITOR_AUTH": "on" if auth else "off",
        "MONITOR_BENCH_CHECKOUT": str(checkout),
    }
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=checkout, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/_stcore/health", timeout=2).text == "ok":
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None:
                    raise SystemExit(f"streamlit exited:\n{log.read_text()}")
                time.sleep(0.3)
            else:
                raise SystemExit("streamlit did not answer within 120 s")
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@dataclass(frozen=True)
class Run:
    """One timed action: to idle, to the server's end of the script, and what it sent."""

    seconds: float
    script_seconds: float
    ws_bytes: int
    http_bytes: int = 0


class Tab:
    """One browser tab that reads what the server sends it and times actions to idle.

    A run is over when the server's `script_finished` message has arrived (a DOM flag alone
    can miss a run that starts and ends between two frames); then the page must be drawn.
    The time that message arrived is `script_seconds`: what is left after it is the browser's.
    """

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.ws_bytes = 0
        self.finished = 0
        self.finished_at = 0.0
        self.page.on("websocket", self._watch)

    def _watch(self, ws: Any) -> None:
        ws.on("framereceived", self._count)

    def _count(self, payload: str | bytes) -> None:
        self.ws_bytes += len(payload)
        message = ForwardMsg.FromString(payload) if isinstance(payload, bytes) else None
        if message is not None and message.WhichOneof("type") == "script_finished":
            self.finished += 1
            self.finished_at = time.perf_counter()

    def _idle_after(self, finished_before: int) -> None:
        deadline = time.monotonic() + 180
        while self.finished <= finished_before:  # events are delivered while Playwright waits
            if time.monotonic() > deadline:
                raise TimeoutError("no script run finished within 180 s")
            self.page.wait_for_timeout(5)
        self.page.wait_for_function(IDLE, polling="raf", timeout=180_000)

    def act(self, action: Callable[[], object], *, until: Any = None) -> Run:
        """`action` timed to idle (and, with `until`, to that locator shown), with the websocket
        bytes it brought."""
        finished, before = self.finished, self.ws_bytes
        start = time.perf_counter()
        action()
        self._idle_after(finished)
        if until is not None:
            until.wait_for(state="visible", timeout=180_000)
        end = time.perf_counter()
        return Run(end - start, self.finished_at - start, self.ws_bytes - before)

    def settle(self, quiet: float = 0.3) -> None:
        """Idle, and no script run finished for `quiet` seconds: the runs a change brought are
        over (a value sent while one ran starts another)."""
        while True:
            self.page.wait_for_function(IDLE, polling="raf", timeout=180_000)
            finished = self.finished
            self.page.wait_for_timeout(quiet * 1000)
            if self.finished == finished and self.page.evaluate(IDLE):
                return

    def change(self, action: Callable[[], object], done: Callable[[], bool], what: str) -> None:
        """One form field set by `action`, untimed: the run it brings awaited (up to 30 s),
        then `done` (the field shows the value) checked; tried again, up to three times, when
        the value did not hold (typed into a field while a run redrew it, an option list that
        had not opened)."""
        for _ in range(3):
            self.settle()
            finished = self.finished
            try:
                action()
            except Exception:  # an option list that never opened: tried again
                self.page.keyboard.press("Escape")
                continue
            deadline = time.monotonic() + 30
            while self.finished == finished and time.monotonic() < deadline:
                self.page.wait_for_timeout(20)
            self.settle()
            if done():
                return
        raise RuntimeError(f"the form's {what} did not take its value")

    def load(self, url: str, *, until: Any = None) -> Run:
        """Navigation to `url` timed to idle (and, with `until`, to that locator shown), with the
        HTTP and websocket bytes of the load."""
        run = self.act(lambda: self.page.goto(url), until=until)
        return replace(run, http_bytes=int(self.page.evaluate(TRANSFERRED)))

    def close(self) -> None:
        self.page.close()


def summary(runs: list[Run]) -> dict[str, float | int]:
    seconds = [r.seconds for r in runs]
    figures: dict[str, float | int] = {
        "median_s": round(median(seconds), 3),
        "p95_s": round(percentile(seconds, 0.95), 3),
        "script_median_s": round(median([r.script_seconds for r in runs]), 3),
        "ws_bytes": int(median([r.ws_bytes for r in runs])),
        "runs": len(runs),
    }
    if any(r.http_bytes for r in runs):
        figures["http_bytes"] = int(median([r.http_bytes for r in runs]))
    return figures


def fresh_context(browser: Any) -> Any:
    return browser.new_context(viewport={"width": 1400, "height": 1000})


def first_loads(
    browser: Any, base: str, repeat: int, *, overview_only: bool = False
) -> dict[str, dict[str, Any]]:
    """Each page opened in a new tab of one browser (its HTTP cache shared, as a person's is).

    `cold_s` is the page's first load in a browser that has never seen the app (nothing cached,
    the whole JavaScript bundle fetched), the others are `repeat` fresh tabs after it.
    """
    result: dict[str, dict[str, Any]] = {}
    for path, marker in PAGES.items():
        if overview_only and path:
            continue
        url = f"{base}/{path}?lang=en"
        context = fresh_context(browser)
        loads = []
        for _ in range(repeat + 1):
            tab = Tab(context)
            loads.append(tab.load(url))
            assert tab.page.get_by_text(marker).count() >= 1, f"{path!r} did not draw {marker!r}"
            assert tab.page.get_by_test_id("stException").count() == 0, path
            tab.close()
        context.close()
        result[path or "overview"] = {
            "cold_s": round(loads[0].seconds, 3),
            "cold_http_bytes": loads[0].http_bytes,
            **summary(loads[1:]),
        }
    return result


def navigation(tab: Tab, repeat: int) -> dict[str, Any]:
    """Clicking through the sidebar: every link of NAV in turn, `repeat` rounds; all the
    clicks, and apart those that arrive on the Overview (its goal is its own)."""
    runs: dict[str, list[Run]] = {name: [] for name in NAV}
    for _ in range(repeat):
        for name in NAV:
            link = tab.page.get_by_test_id("stSidebarNavLink").filter(has_text=name).first
            runs[name].append(tab.act(link.click))
    return {
        "navigate": summary([run for page in runs.values() for run in page]),
        "navigate_to_overview": summary(runs["Overview"]),
    }


def overview_filter(tab: Tab, base: str, repeat: int) -> dict[str, Any]:
    """Ticking and unticking 'Include unverified evidence' in the Overview's filters."""
    tab.load(f"{base}/?lang=en")
    tab.page.get_by_text("Filters", exact=True).first.click()  # an expander: no rerun
    box = tab.page.get_by_text("Include unverified evidence", exact=True)
    box.wait_for(timeout=30_000)
    return summary([tab.act(box.click) for _ in range(repeat * 2)])


MORE = "Evidence by source, the gap matrix and each demand across the drafts"


def overview_more(tab: Tab, base: str, repeat: int) -> dict[str, Any]:
    """Opening the Overview's expander of its lower charts (their content runs only then), and
    closing it; an app without that expander has neither action."""
    tab.load(f"{base}/?lang=en")
    label = tab.page.get_by_text(MORE, exact=True)
    if label.count() == 0:
        return {}
    opened, closed = [], []
    for _ in range(repeat):
        opened.append(tab.act(label.click))
        closed.append(tab.act(label.click))
    return {"overview_open_more": summary(opened), "overview_close_more": summary(closed)}


def register(tab: Tab, base: str, repeat: int) -> dict[str, dict[str, Any]]:
    """A search typed in the register, a page turn, and an entry opened by its id."""
    tab.load(f"{base}/register?lang=en")
    search = tab.page.get_by_label("Search text")
    searches = []
    for i in range(repeat):
        search.fill("passport" if i % 2 == 0 else "")
        searches.append(tab.act(lambda: search.press("Enter")))
    pages, opened = [], []
    page_box = tab.page.get_by_label("Page", exact=True)
    open_box = tab.page.get_by_label("Open entry by id")
    for i in range(repeat):
        page_box.fill(str(2 + i % 5))
        pages.append(tab.act(lambda: page_box.press("Enter")))
        open_box.fill(str(101 + 37 * i))
        opened.append(tab.act(lambda: open_box.press("Enter")))
    # a text few entries hold (found through the index, not by reading rows in page order) and
    # a Ukrainian one many hold, typed in another case than the stored one
    rare, ukrainian = [], []
    for i in range(repeat):
        search.fill(f"report 1-{4321 + 97 * i}")
        rare.append(tab.act(lambda: search.press("Enter")))
        search.fill("маріуполь" if i % 2 == 0 else "МЕЛІТОПОЛЬ")
        ukrainian.append(tab.act(lambda: search.press("Enter")))
    search.fill("")
    tab.act(lambda: search.press("Enter"))
    return {
        "register_search": summary(searches),
        "register_page_turn": summary(pages),
        "open_entry": summary(opened),
        "register_search_rare": summary(rare),
        "register_search_ukrainian": summary(ukrainian),
    }


def choose(tab: Tab, label: str, option: str) -> None:
    """A selectbox's option picked; done once the box shows it."""
    page = tab.page
    box = page.get_by_label(label, exact=True)
    tab.change(
        lambda: (box.click(), page.get_by_role("option", name=option).first.click()),
        lambda: option in box.input_value(),
        label,
    )


def write(tab: Tab, label: str, text: str) -> None:
    """A text field filled; it sends its value when it loses focus (the Tab)."""
    field = tab.page.get_by_label(label, exact=True)
    tab.change(
        lambda: (field.fill(text), field.press("Tab")), lambda: field.input_value() == text, label
    )


def set_date(tab: Tab, label: str, day: date) -> None:
    """A date typed digit by digit into its segments. The field holds it once all three are
    typed (its hidden input's value), and sends it only when focus leaves the whole field: its
    calendar button is part of it, so one Tab does not leave it (the run the bench waited for
    never came), and a script's blur() sends nothing. A field that lost digits to a run drawn
    meanwhile is emptied and typed again."""
    page = tab.page
    group = page.get_by_role("group", name=label, exact=True)
    field = page.get_by_test_id("stDateInput").filter(has=group)
    held = field.locator("input[type=date]")

    def enter() -> None:
        if held.input_value():
            group.get_by_role("spinbutton").last.click()
            for _ in range(12):  # day, month, year: Backspace empties and steps back
                page.keyboard.press("Backspace")
        group.get_by_role("spinbutton", name=f"year, {label}").click()
        page.keyboard.type(day.strftime("%Y%m%d"))
        page.wait_for_function(
            "([e, v]) => e.value === v", arg=[held.element_handle(), day.isoformat()], timeout=5_000
        )
        for _ in range(3):  # Tab until out of the field
            page.keyboard.press("Tab")
            if not field.evaluate("e => e.contains(document.activeElement)"):
                break

    tab.change(enter, lambda: held.input_value() == day.isoformat(), label)


def log_form(tab: Tab, title: str, what: str, day: date) -> None:
    """The log form filled as a person would, each field waited on until it holds its value
    and the run it brought is over (`Tab.change`)."""
    page = tab.page
    demands = page.get_by_test_id("stMultiSelect").filter(has_text="Demands it concerns")
    demand = "D08 · No forced Russian passports"
    tab.change(
        lambda: (
            page.get_by_label("Demands it concerns").click(),
            page.get_by_role("option", name=demand).click(),
            page.keyboard.press("Escape"),
        ),
        lambda: demand in demands.inner_text(),
        "demands",
    )
    write(tab, "Title", title)
    write(tab, "What happened", what)
    set_date(tab, "Date of the events (or start)", day)
    choose(tab, "Region of the TOT", "Kherson oblast")
    choose(tab, "Source type", "Witness account")
    choose(tab, "Source reliability (Admiralty A-F)", "B: usually reliable")
    choose(tab, "Information credibility (1-6)", "2: probably true")
    regression = page.get_by_role("radio", name="Regression", exact=True)
    tab.change(page.get_by_text("Regression", exact=True).click, regression.is_checked, "direction")


def save_entry(tab: Tab, base: str, repeat: int) -> dict[str, Any]:
    """The log form filled (`log_form`, not timed), then 'Save entry' timed from its click
    until 'Saved as entry' shows and the page is idle."""
    runs, page = [], tab.page
    # days of their own for this run: a database reused by an earlier run holds its entries,
    # and like texts within a few days of each other (duplicates.DATE_WINDOW) would be held back
    # as likely duplicates of those; a week apart, the texts repeating past len(SAVED) are too
    first = date(2014, 3, 1) + timedelta(days=random.randrange(max(1, 3_800 - 7 * repeat)))
    for i in range(repeat):
        tab.load(f"{base}/log?lang=en")
        # texts unlike each other, so that no save is held back as a possible duplicate
        title, what = SAVED[i % len(SAVED)]
        log_form(tab, f"{title} ({i})", what, first + timedelta(days=7 * i))
        saved = page.get_by_text("Saved as entry")
        run = tab.act(page.get_by_role("button", name="Save entry").click)
        if not saved.is_visible():
            problems = page.get_by_test_id("stAlert").all_inner_texts()
            raise RuntimeError(f"the save was refused: {problems}"[:500])
        runs.append(run)
    return summary(runs)


PREPARE, DOWNLOAD = "Prepare the PDF brief", "Download the PDF brief"


def prepare_brief(tab: Tab, base: str, repeat: int) -> dict[str, Any]:
    """The printable brief's 'Prepare' clicked, timed until its download button is shown and
    the page idle: on the Overview (all ten demands) and on a Demand page, each page opened
    afresh every time (a new session: no brief made before). `first_s` is the first of them
    (whatever the server keeps between sessions is not yet kept)."""
    result: dict[str, Any] = {}
    pages = {"overview": "?lang=en", "demand": "demand?lang=en&demand=D08"}
    for name, path in pages.items():
        runs = []
        for _ in range(repeat):
            tab.load(f"{base}/{path}")
            button = tab.page.get_by_role("button", name=PREPARE)
            button.scroll_into_view_if_needed(timeout=60_000)
            download = tab.page.get_by_role("button", name=DOWNLOAD)
            runs.append(tab.act(button.click, until=download))
        result[f"prepare_brief_{name}"] = {"first_s": round(runs[0].seconds, 3), **summary(runs)}
    return result


def switch_language(tab: Tab, base: str, repeat: int) -> dict[str, Any]:
    """The sidebar's language box, Ukrainian and back, on the Overview."""
    tab.load(f"{base}/?lang=en")
    runs = []
    for i in range(repeat * 2):
        name = "Українська" if i % 2 == 0 else "English"
        tab.page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
        runs.append(tab.act(tab.page.get_by_role("option", name=name).click))
    return summary(runs)


# the sign-in form's words in English (auth.username, auth.password, auth.sign_in), and its account
USER_NAME, PASSWORD, SIGN_IN = "User name", "Password", "Sign in"
BENCH_USER = "bench-admin"


@contextmanager
def signed_in_app(database: Path, work: Path, checkout: Path) -> Iterator[tuple[str, str]]:
    """The app with sign-in on, on a copy of `database` (in a folder of its own, its data folder)
    holding one admin account more, added by the checkout's own `monitor user add` before the
    app starts; yields its address and the account's password. The copy is removed afterwards.
    """
    folder = work / "sign_in"
    folder.mkdir(exist_ok=True)
    copy = folder / database.name
    try:
        # SQLite's online backup: a consistent copy whatever the source's write-ahead log holds
        with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(copy)) as to:
            source.backup(to)
        password = secrets.token_urlsafe(18)
        add = ["user", "add", BENCH_USER, "--role", "admin", "--password-stdin"]
        added = subprocess.run(
            [sys.executable, "-m", "monitor.cli", *add],
            input=password + "\n",
            text=True,
            capture_output=True,
            cwd=checkout,
            env=app_environment(copy, checkout),
        )
        if added.returncode != 0:
            raise RuntimeError(f"monitor user add failed: {added.stdout}{added.stderr}")
        log = work / "sign_in.log"
        with streamlit(checkout / "app.py", copy, log, checkout, auth=True) as base:
            yield base, password
    finally:
        for path in folder.glob(f"{copy.name}*"):  # the file, its -wal and -shm
            path.unlink()


TYPING_S = 3.0  # how long a person takes to type a user name and a password, about


def sign_in(browser: Any, base: str, password: str, repeat: int) -> dict[str, dict[str, Any]]:
    """The sign-in screen opened and the account signed in, each time in a fresh browser
    context (no cookie, no session, an empty HTTP cache): the screen timed until the user-name
    box is shown and the page idle, the 'Sign in' click (name and password typed beforehand,
    taking `TYPING_S` as a person would, not timed: the screen loads the first page's modules
    meanwhile) until the Overview is drawn and idle. The first of `repeat` + 1 is the app's
    first after its start (`first_s`), the others are summarised."""
    screens, clicks = [], []
    for _ in range(repeat + 1):
        context = fresh_context(browser)
        tab = Tab(context)
        page = tab.page
        name = page.get_by_label(USER_NAME, exact=True)
        screens.append(tab.load(f"{base}/?lang=en", until=name))
        assert page.get_by_test_id("stException").count() == 0, "the sign-in screen failed"
        name.fill(BENCH_USER)
        page.get_by_label(PASSWORD, exact=True).fill(password)
        page.wait_for_timeout(TYPING_S * 1000)  # filled at once; a person takes a moment
        overview = page.get_by_text(PAGES[""])
        clicks.append(tab.act(page.get_by_role("button", name=SIGN_IN).click, until=overview))
        if page.get_by_role("button", name="Sign out").count() != 1:
            problems = page.get_by_test_id("stAlert").all_inner_texts()
            raise RuntimeError(f"the sign-in was refused: {problems}"[:500])
        assert page.get_by_test_id("stException").count() == 0, "the Overview failed"
        context.close()
    return {
        "sign_in_screen": {"first_s": round(screens[0].seconds, 3), **summary(screens[1:])},
        "sign_in": {"first_s": round(clicks[0].seconds, 3), **summary(clicks[1:])},
    }


ACTIONS = (  # the actions measure runs, in its order (--only may name one)
    "navigate",
    "overview_filter",
    "overview_more",
    "register",
    "switch_language",
    "prepare_brief",
    "save_entry",
    "sign_in",  # on an app of its own, sign-in on
)
WHOLE_PAGE = ("sign_in",)  # actions that draw a whole page: compared with the floor's first load
CHARTS = [  # the Overview's charts by their keys, top to bottom
    "ov.status",
    "ov.index",
    "ov.month",
    "ov.map",
    "ov.region",
    "ov.source",
    "ov.gaps",
    "ov.strip",
]
LOWER = ("ov.source", "ov.gaps", "ov.strip")  # in an expander opened by a click, where there is one


def chart_costs(browser: Any, base: str, repeat: int) -> dict[str, Any]:
    """What each Overview chart costs the browser: the page with that chart alone, less the
    page with none (see bench/one_chart.py), `repeat` fresh tabs each, in turns so that a
    busy moment of the machine falls on every kind alike."""
    kinds = ["none", *CHARTS, "all"]
    runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
    context = fresh_context(browser)
    warm = Tab(context)  # the first tab fetches the JavaScript bundle: not counted
    warm.load(f"{base}/?lang=en&chart=all")
    warm.close()
    for _ in range(repeat):
        for kind in kinds:
            tab = Tab(context)
            more = "&more=1" if kind in LOWER else ""
            runs[kind].append(tab.load(f"{base}/?lang=en&chart={kind}{more}"))
            assert tab.page.get_by_test_id("stException").count() == 0, kind
            drawn = tab.page.locator("[data-testid=stPlotlyChart]").count()
            assert kind in ("none", "all") or drawn <= 1, (kind, drawn)
            tab.close()
    context.close()

    def browser_part(kind: str) -> list[float]:
        return [r.seconds - r.script_seconds for r in runs[kind]]

    none_s = median([r.seconds for r in runs["none"]])
    none_bytes = median([r.ws_bytes for r in runs["none"]])
    result: dict[str, Any] = {}
    for kind in kinds:
        seconds = [r.seconds for r in runs[kind]]
        result[kind] = {
            "median_s": round(median(seconds), 3),
            "p95_s": round(percentile(seconds, 0.95), 3),
            "script_median_s": round(median([r.script_seconds for r in runs[kind]]), 3),
            "after_script_s": round(median(browser_part(kind)), 3),
            "cost_s": round(median(seconds) - none_s, 3),
            "bytes": int(median([r.ws_bytes for r in runs[kind]]) - none_bytes),
        }
    return result


def floor(browser: Any, base: str, repeat: int, *, cold: bool = False) -> dict[str, Any]:
    """The empty page: first load in a fresh tab of one context, and a rerun by its button;
    with `cold`, also its first load in a fresh context each time (nothing cached)."""
    loads, reruns = [], []
    context = fresh_context(browser)
    for _ in range(repeat + 1):
        tab = Tab(context)
        loads.append(tab.load(base))
        reruns.append(tab.act(tab.page.get_by_role("button", name="again").click))
        tab.close()
    context.close()
    figures = {"first_load": summary(loads[1:]), "rerun": summary(reruns[1:])}
    if cold:
        colds = []
        for _ in range(repeat):
            context = fresh_context(browser)
            colds.append(Tab(context).load(base))
            context.close()
        figures["cold_first_load"] = summary(colds)
    return figures


def compare(browser: Any, bases: dict[str, str], repeat: int) -> dict[str, Any]:
    """The Overview of two copies of the app served side by side, measured in turns (a busy
    moment of a shared machine falls on both alike): its first load in a fresh tab, arriving
    on it from the register, a filter ticked and unticked, the language switched and back."""
    contexts = {name: fresh_context(browser) for name in bases}
    for name, base in bases.items():  # the JavaScript bundle fetched once in each: not counted
        warm = Tab(contexts[name])
        warm.load(f"{base}/?lang=en")
        warm.close()
    kinds = ("first_load", "arrive_on_overview", "overview_filter", "switch_language")
    runs: dict[str, dict[str, list[Run]]] = {n: {k: [] for k in kinds} for n in bases}
    for _ in range(repeat):
        for name, base in bases.items():
            tab, mine = Tab(contexts[name]), runs[name]
            page = tab.page
            mine["first_load"].append(tab.load(f"{base}/?lang=en"))
            links = page.get_by_test_id("stSidebarNavLink")
            tab.act(links.filter(has_text="Evidence register").first.click)
            mine["arrive_on_overview"].append(
                tab.act(links.filter(has_text="Overview").first.click)
            )
            page.get_by_text("Filters", exact=True).first.click()  # an expander: no rerun
            box = page.get_by_text("Include unverified evidence", exact=True)
            box.wait_for(timeout=30_000)
            mine["overview_filter"] += [tab.act(box.click), tab.act(box.click)]
            for language in ("Українська", "English"):
                page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
                option = page.get_by_role("option", name=language)
                mine["switch_language"].append(tab.act(option.click))
            tab.close()
    for context in contexts.values():
        context.close()
    result: dict[str, Any] = {n: {k: summary(v) for k, v in r.items()} for n, r in runs.items()}
    first, second = list(bases)
    result["ratio"] = {
        k: round(result[second][k]["median_s"] / result[first][k]["median_s"], 2) for k in kinds
    }
    return result


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages: the machine may be shared, say how busy it was."""
    return [round(x, 2) for x in os.getloadavg()]


@contextmanager
def chromium_and_floor(
    work: Path, repeat: int, *, cold: bool = False
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Headless Chromium, and the floor measured first with it: an empty page's first load
    and rerun (with `cold`, its load in fresh contexts too), in the same run as what is
    compared with it."""
    from playwright.sync_api import sync_playwright

    empty = work / "empty_page.py"
    empty.write_text(EMPTY_PAGE)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            with streamlit(empty, work / "floor.db", work / "floor.log") as base:
                floor_figures = floor(browser, base, repeat, cold=cold)
            yield browser, floor_figures
        finally:
            browser.close()


def measure(
    database: Path, work: Path, repeat: int, *, checkout: Path = ROOT, only: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Everything (`only` empty or "all"), only the floor and the per-chart costs and the
    quick actions (`"charts"`), or the floor and the actions `only` names (`ACTIONS`)."""
    only = tuple(n for n in only if n != "all")
    whole = not only or "charts" in only
    quick = ("navigate", "overview_filter", "overview_more", "switch_language")
    chosen = list(quick) if "charts" in only else list(only or ACTIONS)
    load_before = load_average()
    per_chart: dict[str, Any] = {}
    loads: dict[str, dict[str, Any]] = {}
    actions: dict[str, Any] = {}
    with chromium_and_floor(work, repeat, cold="sign_in" in chosen) as (browser, floor_figures):
        if whole:
            with streamlit(
                ROOT / "bench" / "one_chart.py", database, work / "one_chart.log", checkout
            ) as base:
                per_chart = chart_costs(browser, base, repeat)
        if whole or set(chosen) - {"sign_in"}:
            with streamlit(checkout / "app.py", database, work / "app.log", checkout) as base:
                if whole:
                    loads = first_loads(browser, base, repeat, overview_only=bool(only))
                actions = signed_out_actions(browser, base, repeat, chosen)
        if "sign_in" in chosen:  # after the other app has stopped: one app serves at a time
            try:
                with signed_in_app(database, work, checkout) as (base, password):
                    figures = sign_in(browser, base, password, repeat)
                loads["sign_in_screen"] = figures["sign_in_screen"]
                actions["sign_in"] = figures["sign_in"]
            except Exception as err:  # the figures of the others are kept
                actions["sign_in"] = {"error": repr(err)[:500]}
        version = browser.version
    ratios_to_floor(floor_figures, loads, actions)
    return {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "chromium": version,
            "load_average_before": load_before,
            "load_average_after": load_average(),
        },
        "checkout": str(checkout),
        "floor": floor_figures,
        "charts": per_chart,
        "first_load": loads,
        "actions": actions,
    }


def ratios_to_floor(
    floor_figures: dict[str, Any], loads: dict[str, dict[str, Any]], actions: dict[str, Any]
) -> None:
    """Each median divided by the matching floor's: a first load, or an action that draws a
    whole page (WHOLE_PAGE), by the floor's first load, another action by its rerun; the
    sign-in's also by the floor's first load in a fresh context, when it was measured."""
    load_floor = floor_figures["first_load"]["median_s"]
    rerun_floor = floor_figures["rerun"]["median_s"]
    for figures in loads.values():
        figures["ratio_to_floor"] = round(figures["median_s"] / load_floor, 2)
    for name, figures in actions.items():
        if "median_s" in figures:
            matching = load_floor if name in WHOLE_PAGE else rerun_floor
            figures["ratio_to_floor"] = round(figures["median_s"] / matching, 2)
    if "cold_first_load" in floor_figures:
        cold_floor = floor_figures["cold_first_load"]["median_s"]
        for figures in (loads.get("sign_in_screen", {}), actions.get("sign_in", {})):
            if "median_s" in figures:
                figures["ratio_to_cold_floor"] = round(figures["median_s"] / cold_floor, 2)


def signed_out_actions(browser: Any, base: str, repeat: int, chosen: list[str]) -> dict[str, Any]:
    """The `chosen` actions of the app with sign-in off, in one tab, in ACTIONS' order; one
    failing is reported in place of its figures."""
    actions: dict[str, Any] = {}
    context = fresh_context(browser)
    tab = Tab(context)
    tab.load(f"{base}/?lang=en")
    steps: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("navigate", lambda: navigation(tab, repeat)),
        ("overview_filter", lambda: {"overview_filter": overview_filter(tab, base, repeat)}),
        ("overview_more", lambda: overview_more(tab, base, repeat)),
        ("register", lambda: register(tab, base, repeat)),
        ("switch_language", lambda: {"switch_language": switch_language(tab, base, repeat)}),
        ("prepare_brief", lambda: prepare_brief(tab, base, repeat)),
        ("save_entry", lambda: {"save_entry": save_entry(tab, base, repeat)}),
    ]
    for name, run in [s for s in steps if s[0] in chosen]:
        try:
            actions.update(run())
        except Exception as err:  # one action failing keeps the figures of the others
            actions[name] = {"error": repr(err)[:500]}
    context.close()
    return actions


def measure_against(database: Path, work: Path, repeat: int, against: Path) -> dict[str, Any]:
    """`compare` between the copy of the app at `against` (before) and this one (after)."""
    load_before = load_average()
    with (
        chromium_and_floor(work, repeat) as (browser, floor_figures),
        streamlit(against / "app.py", database, work / "before.log", against) as before,
        streamlit(ROOT / "app.py", database, work / "after.log") as after,
    ):
        figures = compare(browser, {"before": before, "after": after}, repeat)
    return {
        "machine": {
            "cores": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": load_average(),
        },
        "against": str(against),
        "floor": floor_figures,
        **figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=100_000)
    parser.add_argument("--database", type=Path, help="an existing SQLite file to use instead")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--checkout", type=Path, default=ROOT, help="another copy of the app to measure"
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="another copy of the app (before a change): its Overview and this one's in turns",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["all", "charts", *ACTIONS],
        default=["all"],
        help="charts: the floor, the per-chart costs, the Overview's first load, navigation, "
        "the Overview filter and the language switch only; actions' names: the floor and "
        "those actions (sign_in: the sign-in screen and the sign-in, on an app of its own "
        "with sign-in on)",
    )
    parser.add_argument(
        "--port",
        type=int,
        help="serve on this port and the next few (one per server at a time), not any free one",
    )
    args = parser.parse_args()
    if args.port:
        PORTS.extend(range(args.port, args.port + 4))
    work = Path(tempfile.mkdtemp(prefix="monitor-browser-"))
    if args.database:
        database, evidence = args.database.resolve(), None
    else:
        url, _ = loaded_database(args.evidence, work)
        database, evidence = Path(url.removeprefix("sqlite:///")), args.evidence
    if args.against:
        figures = measure_against(database, work, args.repeat, args.against.resolve())
    else:
        figures = measure(
            database, work, args.repeat, checkout=args.checkout.resolve(), only=tuple(args.only)
        )
    print(json.dumps({"evidence": evidence, "database": database.name, **figures}, indent=1))


if __name__ == "__main__":
    main()
