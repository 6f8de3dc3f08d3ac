"""Each demand across every draft, the evidence beside coverage, and both as CSV (real DBs)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from monitor.cli import main
from monitor.core.db import session_scope
from monitor.core.models import Direction, Role, Sensitivity, Verification
from monitor.core.permissions import Visibility
from monitor.domain import across_drafts
from monitor.domain.filters import EvidenceFilters
from monitor.domain.points import cited_point
from monitor.errors import InvalidInput
from monitor.i18n import describe
from monitor.queries import lookups, overview
from monitor.services import briefings
from tests.factories import make_actor, make_evidence

ORDER = ["US28-2025-11", "E3-2025-11", "EU24-2025-11", "GENEVA19-2025-11", "UA20-2025-12"]


def _reference_csv(name: str) -> list[dict[str, str]]:
    path = Path(__file__).resolve().parents[2] / "data" / "reference" / name
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _strip(engine: sa.Engine) -> pd.DataFrame:
    demands = list(lookups.demand_titles(engine, "en")["code"])
    return across_drafts.strip(
        lookups.drafts_table(engine, "en"),
        lookups.coverage_matrix(engine, "en"),
        demands,
        lookups.all_points(engine, "en"),
    )


def test_strip_follows_dates_and_supersedes(engine: sa.Engine) -> None:
    frame = _strip(engine)
    # from the reference CSV: by date, and GENEVA19 after US28 which it supersedes
    drafts = _reference_csv("drafts.csv")
    expected = [d["code"] for d in sorted(drafts, key=lambda d: d["published_on"])]
    assert list(dict.fromkeys(frame["draft"])) == expected == ORDER
    assert len(frame) == 10 * len(ORDER)
    cell = frame.set_index(["demand", "draft"])
    assert cell.loc[("D02", "E3-2025-11"), "change"] == "improved"  # contradicts -> absent
    assert pd.isna(cell.loc[("D02", "US28-2025-11"), "change"])  # the first draft
    for demand in [f"D{n:02d}" for n in range(1, 11)]:  # Geneva is never reported
        assert cell.loc[(demand, "GENEVA19-2025-11"), "change"] == "unknown"
        assert cell.loc[(demand, "UA20-2025-12"), "change"] == "unknown"
    uncertain = {
        (r["draft"], r["demand"])
        for r in _reference_csv("coverage.csv")
        if r["uncertain"] == "true"
    }
    assert ("UA20-2025-12", "D05") in uncertain
    for draft, demand in uncertain:
        assert bool(cell.loc[(demand, draft), "uncertain"])
    # the cited points with their texts
    us28 = dict(lookups.all_points(engine, "en")["US28-2025-11"])
    point = cited_point("24b", us28)
    assert point is not None
    assert f"{point}: {us28[point]}" in cell.loc[("D01", "US28-2025-11"), "cited"]


def test_superseding_draft_dated_earlier_comes_after() -> None:
    drafts = pd.DataFrame(
        {
            "code": ["B", "A", "C"],
            "published_on": [date(2025, 1, 1), date(2025, 1, 2), date(2025, 1, 3)],
            "supersedes": [None, "C", None],
        }
    )
    assert across_drafts.draft_order(drafts) == ["B", "C", "A"]


def _drafts_coded(known: set[str], supersedes: dict[str, str]) -> tuple[pd.DataFrame, ...]:
    codes = ["A", "B", "C", "D"]  # by date
    drafts = pd.DataFrame(
        {
            "code": codes,
            "published_on": [date(2025, 11, day) for day in (20, 21, 22, 23)],
            "supersedes": [supersedes.get(c) for c in codes],
        }
    )
    coverage = pd.DataFrame(
        [(c, "D01", "partial" if c in known else "not_reported") for c in codes],
        columns=["draft", "demand", "level"],
    )
    return drafts, coverage


@pytest.mark.parametrize(
    ("known", "supersedes", "expected"),
    [
        ({"A", "B", "C", "D"}, {"D": "B"}, "B"),  # the draft it supersedes
        ({"A", "B", "D"}, {"D": "C", "C": "A"}, "A"),  # past one whose text is not known
        ({"A", "B", "D"}, {"D": "C"}, "B"),  # no known draft up the chain: the nearest known
        ({"D"}, {}, "C"),  # none known: the one just before
        ({"A", "D"}, {"D": "C", "C": "B", "B": "C"}, "A"),  # a cycle of unknowns ends
    ],
)
def test_a_draft_is_compared_with_the_nearest_known_one_it_supersedes(
    known: set[str], supersedes: dict[str, str], expected: str
) -> None:
    """The shipped UA20 supersedes GENEVA19, whose text is not known: compared with it, every
    demand's change was "unknown"; it is compared with US28, which GENEVA19 superseded."""
    drafts, coverage = _drafts_coded(known, supersedes)
    assert across_drafts.compared_with("D", drafts, coverage) == expected
    assert across_drafts.compared_with("A", drafts, coverage) is None  # nothing before it
    assert across_drafts.compared_with("X", drafts, coverage) is None  # not a draft


def test_trend_beside_coverage_reads_the_cube(engine: sa.Engine) -> None:
    today = date(2026, 11, 30)
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        for days, direction, verified in [
            (5, Direction.REGRESSION, True),  # last 30, last 90
            (10, Direction.REGRESSION, False),  # last 30, last 90
            (45, Direction.REGRESSION, False),  # before 30, last 90
            (100, Direction.PROGRESS, True),  # before 90
            (200, Direction.PROGRESS, False),  # outside every window
        ]:
            make_evidence(
                session,
                actor,
                demands=("D07",),
                direction=direction,
                event_start=today - timedelta(days=days),
                verification=Verification.VERIFIED if verified else Verification.UNVERIFIED,
                created_at=datetime(2026, 11, 1, tzinfo=UTC),
            )
        make_evidence(session, actor, demands=("D07",), sensitivity="confidential")
    data = overview.overview_data(
        engine,
        EvidenceFilters(),
        visible=Visibility((Sensitivity.PUBLIC,)),
        lang="en",
        today=today,
        stale_days=90,
    )
    row = data.beside.set_index("demand").loc["D07"]
    assert row["regression_last_30"] == 2
    assert row["regression_before_30"] == 1
    assert row["regression_last_90"] == 3
    assert row["regression_before_90"] == 0
    assert row["progress_last_90"] == 0
    assert row["progress_before_90"] == 1
    assert row["verified_share"] == pytest.approx(2 / 5)  # the confidential one is not seen
    assert row["latest_draft"] == "UA20-2025-12"
    coded = {
        r["level"] for r in _reference_csv("coverage.csv") if r["demand"] == "D07"
    }  # D07 across the drafts, counted by kind
    counts = [r["level"] for r in _reference_csv("coverage.csv") if r["demand"] == "D07"]
    for kind in across_drafts.BESIDE_KINDS:
        assert row[f"drafts_{kind}"] == counts.count(kind), (kind, coded)
    # the Overview's filters narrow it as they narrow the rest
    only = overview.overview_data(
        engine,
        EvidenceFilters(demands=("D01",)),
        visible=Visibility((Sensitivity.PUBLIC,)),
        lang="en",
        today=today,
        stale_days=90,
    )
    assert list(only.beside["demand"]) == ["D01"]
    assert set(only.strip["demand"]) == {"D01"}


def _read(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_strip_and_comparison_as_csv(engine: sa.Engine, tmp_path: Path, lang: str) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
    out = tmp_path / "strip.csv"
    briefings.export_to(
        engine=engine,
        actor=actor,
        kind="strip",
        options=briefings.BriefingOptions(lang=lang),
        path=out,
    )
    frame = _read(out.read_bytes())
    assert len(frame) == 50 and len(frame.columns) == 8
    first = frame[frame.iloc[:, 1] == "E3-2025-11"].set_index(frame.columns[0])
    assert first.loc["D02"].iloc[6] == ("improved" if lang == "en" else "покращилося")
    out = tmp_path / "cmp.csv"
    options = briefings.BriefingOptions(
        lang=lang, compare_from="US28-2025-11", compare_to="E3-2025-11"
    )
    briefings.export_to(engine=engine, actor=actor, kind="comparison", options=options, path=out)
    cmp = _read(out.read_bytes()).set_index(frame.columns[0])
    assert len(cmp) == 10
    assert cmp.loc["D02"].iloc[3] == ("improved" if lang == "en" else "покращилося")
    assert "26" in cmp.loc["D02"].iloc[5]  # US28 cited 21a and 26; E3 cites none
    packed = tmp_path / "pack.zip"
    briefings.export_to(
        engine=engine,
        actor=actor,
        kind="pack",
        options=briefings.BriefingOptions(lang=lang),
        path=packed,
    )
    with zipfile.ZipFile(packed) as archive:
        assert len(_read(archive.read("strip.csv"))) == 50
        assert "strip.csv (50" in archive.read("README.txt").decode("utf-8-sig")


@pytest.mark.parametrize(
    ("before", "after", "key"),
    [
        ("NOPE", "E3-2025-11", "invalid.unknown_draft"),
        ("E3-2025-11", "E3-2025-11", "invalid.same_draft"),
    ],
)
def test_refused_comparison_in_both_languages(
    engine: sa.Engine, tmp_path: Path, before: str, after: str, key: str
) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
    options = briefings.BriefingOptions(compare_from=before, compare_to=after)
    out = tmp_path / "cmp.csv"
    with pytest.raises(InvalidInput) as caught:
        briefings.export_to(
            engine=engine, actor=actor, kind="comparison", options=options, path=out
        )
    assert not out.exists()
    english, ukrainian = describe(caught.value, "en"), describe(caught.value, "uk")
    assert ("no draft has the code NOPE" if before == "NOPE" else "two different drafts") in english
    assert ("немає проєкту з кодом NOPE" if before == "NOPE" else "два різні проєкти") in ukrainian


def test_cli_comparison(engine: sa.Engine, database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "cmp.csv"
    env = {"MONITOR_DATABASE_URL": database_url, "MONITOR_DATA_DIR": str(tmp_path / "data")}
    runner = CliRunner()
    args = [
        "export",
        "comparison",
        "--out",
        str(out),
        "--from",
        "US28-2025-11",
        "--to",
        "E3-2025-11",
    ]
    result = runner.invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    assert len(_read(out.read_bytes())) == 10
    whole = out.read_bytes()
    # a draft named as for its brief: the part before its date, in any case
    result = runner.invoke(main, [*args[:4], "--from", "us28", "--to", "E3"], env=env)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == whole
    result = runner.invoke(main, [*args[:4], "--from", "US28-2025-11", "--to", "X"], env=env)
    assert result.exit_code != 0 and "no draft has the code X" in result.output
    result = runner.invoke(main, ["export", "status", "--out", str(out), "--from", "nope"], env=env)
    assert result.exit_code != 0 and "not a date" in result.output


def test_a_draft_with_no_code_yet_is_not_read_as_a_step() -> None:
    """A draft just added (no code approved) made every demand "absent" in "the latest draft",
    and those partly covered before "worsened"; it is skipped until someone codes it."""
    drafts = pd.DataFrame(
        {
            "code": ["A", "NEW", "B"],
            "title": ["A", "New", "B"],
            "published_on": [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)],
            "confidence": ["high", "low", "high"],
            "supersedes": [None, None, None],
        }
    )
    coverage = pd.DataFrame(
        {
            "draft": ["A", "A", "B"],
            "demand": ["D01", "D02", "D01"],
            "level": ["partial", "explicit", "explicit"],
            "uncertain": [False, False, False],
            "points": ["1", "2", "3"],
        }
    )
    rows = across_drafts.strip(drafts, coverage, ["D01", "D02"])
    cell = rows.set_index(["demand", "draft"])
    assert pd.isna(cell.loc[("D01", "NEW"), "change"])  # not read: no change
    assert not cell.loc[("D01", "NEW"), "coded"]
    assert cell.loc[("D01", "B"), "change"] == "improved"  # partial in A -> explicit in B
    assert cell.loc[("D02", "B"), "change"] == "worsened"  # B is coded: D02 absent from it
    empty = pd.DataFrame({"demand": ["D01", "D02"]})
    latest = across_drafts.beside(rows[rows["draft"] != "B"], empty).set_index("demand")
    assert list(latest["latest_draft"]) == ["A", "A"]  # NEW is never the latest draft read
    assert list(latest["latest_level"]) == ["partial", "explicit"]
