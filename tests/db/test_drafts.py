"""Drafts on both engines: entering, coverage rules, gap counts, version comparison, suggestions."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from monitor.db import session_scope
from monitor.errors import InvalidInput
from monitor.models import Role
from monitor.queries.charts_data import coverage_matrix
from monitor.services import drafts, gaps, suggestions
from monitor.services.splitter import split_points
from tests.factories import make_actor

TODAY = date(2026, 11, 23)
DEMANDS = [f"D{i:02d}" for i in range(1, 11)]
TEXT = """1. All civilian detainees and hostages are released.
2. An international monitoring mission observes human rights in the occupied territories.
3. Demining of settlements."""


def _new(session: Session, actor, code: str = "NEW-1", supersedes: str = "") -> None:  # type: ignore[no-untyped-def]
    drafts.create_draft(
        session,
        actor,
        {
            "code": code,
            "title": "New draft",
            "proponent": "Mediators",
            "published_on": "2026-11-20",
            "status": "proposed",
            "supersedes": supersedes,
        },
        split_points(TEXT),
        today=TODAY,
    )


def test_new_draft_is_uncoded_and_counts_ten_gaps(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        _new(session, actor, supersedes="UA20-2025-12")
        assert [label for label, _ in drafts.points_of(session, "NEW-1")] == ["1", "2", "3"]
    matrix = coverage_matrix(engine)
    counts = gaps.gap_counts(matrix, ["NEW-1", "US28-2025-11", "UA20-2025-12"], DEMANDS)
    assert counts["NEW-1"] == 10
    assert counts["US28-2025-11"] == 9  # only D01 explicit (24b) in the reference coding
    assert counts["UA20-2025-12"] == 9
    with session_scope(engine) as session:
        drafts.code_coverage(session, actor, "NEW-1", "D01", level="explicit", points="1")
    assert gaps.gap_counts(coverage_matrix(engine), ["NEW-1"], DEMANDS)["NEW-1"] == 9


@pytest.mark.parametrize(
    ("kwargs", "field", "key"),
    [
        ({"level": "contradicts", "points": ""}, "points", "coverage.points_needed"),
        ({"level": "partial", "points": "99"}, "points", "invalid.unknown_code"),
        ({"level": "sometimes", "points": "1"}, "level", "invalid.choice"),
    ],
)
def test_coverage_rules(engine: sa.Engine, kwargs: dict, field: str, key: str) -> None:  # type: ignore[type-arg]
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        _new(session, actor)
    with pytest.raises(InvalidInput) as info, session_scope(engine) as session:
        drafts.code_coverage(session, actor, "NEW-1", "D02", **kwargs)
    assert info.value.problems[field][0] == key


def test_recoding_replaces_the_one_row_and_sub_points_cite_their_point(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        drafts.code_coverage(
            session, actor, "US28-2025-11", "D05", level="explicit", points="24a; 24b"
        )
    matrix = coverage_matrix(engine)
    rows = matrix[(matrix["draft"] == "US28-2025-11") & (matrix["demand"] == "D05")]
    assert (
        len(rows) == 1
        and rows["level"].iloc[0] == "explicit"
        and rows["points"].iloc[0] == "24a; 24b"
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"code": "US28-2025-11"}, "code"),
        ({"supersedes": "NOPE"}, "supersedes"),
        ({"published_on": "2027-01-01"}, "published_on"),
        ({"title": " "}, "title"),
        ({"status": "rumour"}, "status"),
    ],
)
def test_bad_drafts_are_refused(engine: sa.Engine, data: dict, field: str) -> None:  # type: ignore[type-arg]
    base = {
        "code": "X-1",
        "title": "t",
        "proponent": "p",
        "published_on": "2026-01-01",
        "status": "leaked",
    }
    with pytest.raises(InvalidInput) as info, session_scope(engine) as session:
        drafts.create_draft(
            session,
            make_actor(session, "ed", Role.EDITOR),
            {**base, **data},
            split_points(TEXT),
            today=TODAY,
        )
    assert field in info.value.fields


def test_compare_geneva_with_the_us_plan(engine: sa.Engine) -> None:
    matrix = coverage_matrix(engine)
    with Session(engine) as session:
        old_points = drafts.points_of(session, "US28-2025-11")
        new_points = drafts.points_of(session, "UA20-2025-12")
    result = {
        c.demand: c
        for c in gaps.compare_versions(
            matrix[matrix["draft"] == "US28-2025-11"],
            matrix[matrix["draft"] == "UA20-2025-12"],
            old_points,
            new_points,
            DEMANDS,
        )
    }
    assert result["D02"].change == "improved"  # contradicts -> absent: the amnesty clause went
    assert result["D01"].change == "unchanged"  # explicit in both
    assert result["D05"].change == "worsened"  # partial -> absent
    assert result["D09"].change == "improved"  # contradicts -> partial
    d01 = result["D01"].points
    assert [(p.kind, p.before_label, p.after_label) for p in d01] == [("changed", "24", "17")]
    assert ("+", "political") in [(op, w.split()[0]) for op, w in d01[0].diff if op == "+"] or any(
        "political" in w for op, w in d01[0].diff if op == "+"
    )
    removed = [p for p in result["D02"].points if p.kind == "removed"]
    assert {p.before_label for p in removed} == {"26", "21"}


def test_suggestions_rank_cited_points_in_the_top_three(engine: sa.Engine) -> None:
    """Measured, not tuned: the share of coded (draft, demand) pairs whose cited point is top 3."""
    matrix = coverage_matrix(engine)
    lexicon = suggestions.load_lexicon()
    hits = total = 0
    per_demand: dict[str, list[int]] = {}
    with Session(engine) as session:
        for draft in matrix["draft"].unique():
            points = drafts.points_of(session, draft)
            for row in matrix[matrix["draft"] == draft].itertuples():
                cited = {p.strip().rstrip("abcd") for p in str(row.points).split(";") if p.strip()}
                if row.level == "absent" or not cited:
                    continue
                top = {s.label for s in suggestions.suggest(points, lexicon[row.demand])}
                total += 1
                hit = bool(cited & top)
                hits += hit
                per_demand.setdefault(row.demand, []).append(hit)
    print(
        f"suggestion hit rate: {hits}/{total}; per demand: "
        + ", ".join(f"{d} {sum(v)}/{len(v)}" for d, v in sorted(per_demand.items()))
    )
    demands_mostly_hit = sum(sum(v) * 2 >= len(v) for v in per_demand.values())
    assert demands_mostly_hit * 2 > len(per_demand), per_demand
