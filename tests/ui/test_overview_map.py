"""The map on the Overview through AppTest: its colours follow counts this test makes itself
from the rows it wrote, with the page's filters and what the reader may see; the Vega-Lite
spec carries its outlines and words in it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import audit
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role
from monitor.core.permissions import Actor
from monitor.domain import region_map
from tests.factories import make_actor, make_evidence

APP = "../../app.py"
# our region codes and the oblast of the map each one is
OUTLINE = {
    "crimea": "crimea",
    "sevastopol": "sevastopolcity",
    "donetsk": "donetsk",
    "luhansk": "luhansk",
    "zaporizhzhia": "zaporizhzhia",
    "kherson": "kherson",
    "kharkiv": "kharkiv",
    "mykolaiv": "mykolaiv",
}


@dataclass(frozen=True)
class Row:
    region: str
    demands: tuple[str, ...]
    on: date
    sensitivity: str = "public"
    verification: str = "unverified"
    withdrawn: bool = False


ROWS = [
    *[Row("crimea", ("D01",), date(2025, 6, 1))] * 5,
    *[Row("crimea", ("D01", "D02"), date(2025, 9, 1), verification="verified")] * 2,
    *[Row("kherson", ("D02",), date(2025, 7, 10), verification="verified")] * 3,
    *[Row("donetsk", ("D03",), date(2025, 6, 15), sensitivity="confidential")] * 4,
    Row("luhansk", ("D03",), date(2025, 8, 1), sensitivity="restricted"),
    Row("mykolaiv", ("D01",), date(2025, 8, 1), withdrawn=True),
]


def _write(url: str) -> None:
    engine = make_engine(url)
    with session_scope(engine) as session:
        actor = make_actor(session)
        for row in ROWS:
            withdrawn: dict[str, Any] = (
                {"withdrawn_at": datetime.now(UTC), "withdrawn_reason": "duplicate"}
                if row.withdrawn
                else {}
            )
            make_evidence(
                session,
                actor,
                demands=row.demands,
                region_code=row.region,
                event_start=row.on,
                sensitivity=row.sensitivity,
                verification=row.verification,
                **withdrawn,
            )
        audit.record(session, actor, "create", "evidence")
    engine.dispose()


def _expected(keep: Callable[[Row], bool], *, confidential: bool = True) -> dict[str, int]:
    """Entries per region counted here, from the rows written: each entry once, none
    withdrawn, confidential ones only for those who may see them."""
    counts = dict.fromkeys(OUTLINE, 0)
    for row in ROWS:
        if row.withdrawn or (row.sensitivity == "confidential" and not confidential):
            continue
        if keep(row):
            counts[row.region] += 1
    return counts


def _map(at: AppTest) -> dict[str, Any]:
    """The map's spec as the browser gets it (its outlines in it: nothing sent apart)."""
    titles = ("Докази за регіонами: мапа", "Evidence by region: map")
    charts = [c for c in at.get("vega_lite_chart") if json.loads(c.proto.spec)["title"] in titles]
    assert len(charts) == 1
    assert not charts[0].proto.data.data and not charts[0].proto.datasets
    spec: dict[str, Any] = json.loads(charts[0].proto.spec)
    return spec


def _oblasts(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each oblast's properties in the spec's TopoJSON, by its id in the SVG."""
    topology = json.loads(spec["layer"][0]["data"]["values"])
    geometries = topology["objects"]["oblasts"]["geometries"]
    return {g["properties"]["id"]: g["properties"] for g in geometries}


def _fills(spec: dict[str, Any]) -> dict[str, str]:
    return {k: o["fill"] for k, o in _oblasts(spec).items()}


def _said(spec: dict[str, Any]) -> set[tuple[str, str]]:
    """What each oblast's tooltip says: its name and its words."""
    return {(o["tip"]["title"], o["tip"][""]) for o in _oblasts(spec).values()}


def _assert_colours(
    spec: dict[str, Any], counts: dict[str, int], *, chosen: tuple[str, ...] = ()
) -> None:
    fills = _fills(spec)
    assert len(fills) == 27
    top = max(counts[c] for c in counts if not chosen or c in chosen)
    for code, svg_id in OUTLINE.items():
        if chosen and code not in chosen:
            assert fills[svg_id] == region_map.CONTEXT, code
        else:
            assert fills[svg_id] == region_map.colour(counts[code], top), code
    assert fills["lviv"] == region_map.CONTEXT


@pytest.fixture
def app_env_with_rows(app_env: str) -> str:
    _write(app_env)
    return app_env


def _open(lang: str = "en", actor: Actor | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    if actor is not None:
        at.session_state["actor"] = actor
    at.run()
    assert not at.exception
    return at


def test_the_map_counts_what_the_rows_hold(app_env_with_rows: str) -> None:
    at = _open()
    counts = _expected(lambda _: True)
    assert counts == {**dict.fromkeys(OUTLINE, 0), "crimea": 7, "kherson": 3, "donetsk": 4,
                      "luhansk": 1}  # fmt: skip
    spec = _map(at)
    _assert_colours(spec, counts)
    said = _said(spec)
    assert ("Autonomous Republic of Crimea", "7 entries") in said
    assert ("Mykolaiv oblast (occupied parts)", "0 entries") in said  # withdrawn: none
    assert _oblasts(spec)["crimea"]["label"] == "7"


def test_a_viewer_never_sees_confidential_entries_on_the_map(app_env_with_rows: str) -> None:
    engine = make_engine(app_env_with_rows)
    with session_scope(engine) as session:
        viewer = make_actor(session, "vika", Role.VIEWER)
    engine.dispose()
    at = _open(actor=viewer)
    counts = _expected(lambda _: True, confidential=False)
    assert counts["donetsk"] == 0
    _assert_colours(_map(at), counts)


@pytest.mark.parametrize(
    ("query", "keep", "chosen"),
    [
        ({"region": "kherson,luhansk"}, lambda r: r.region in ("kherson", "luhansk"),
         ("kherson", "luhansk")),
        ({"demand": "D02"}, lambda r: "D02" in r.demands, ()),
        ({"from": "2025-07-01", "to": "2025-08-31"},
         lambda r: date(2025, 7, 1) <= r.on <= date(2025, 8, 31), ()),
        ({"include": "none"}, lambda r: r.verification == "verified", ()),
    ],
)  # fmt: skip
def test_the_overview_filters_change_the_map(
    app_env_with_rows: str,
    query: dict[str, str],
    keep: Callable[[Row], bool],
    chosen: tuple[str, ...],
) -> None:
    at = _open(**query)
    before = _fills(_map(_open()))
    spec = _map(at)
    _assert_colours(spec, _expected(keep), chosen=chosen)
    assert _fills(spec) != before


def test_a_filter_changed_on_the_page_redraws_the_map(app_env_with_rows: str) -> None:
    at = _open("uk")
    at.session_state["ov.regions"] = ["crimea"]
    at.run()
    spec = _map(at)
    _assert_colours(spec, _expected(lambda r: r.region == "crimea"), chosen=("crimea",))
    said = _said(spec)
    assert ("Херсонська область (окуповані частини)", "не входить до обраних регіонів") in said
    assert ("Автономна Республіка Крим", "7 записів") in said


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("uk", "Колір рахує записи, а не показує окупацію"),
        ("en", "The colour counts entries, it does not draw the occupation"),
    ],
)
def test_the_caption_says_how_to_read_the_map(app_env_with_rows: str, lang: str, said: str) -> None:
    at = _open(lang)
    assert any(said in c.value for c in at.caption)
