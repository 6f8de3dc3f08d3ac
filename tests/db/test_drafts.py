"""Drafts on both engines: entering, coverage rules, gap counts, version comparison, suggestions."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from monitor.core.db import session_scope
from monitor.core.models import Role
from monitor.core.permissions import Actor
from monitor.domain import gaps, suggestions
from monitor.domain.points import split_points
from monitor.errors import InvalidInput
from monitor.queries.lookups import coverage_matrix
from monitor.services import coverage, drafts
from tests.factories import make_actor
from tests.views import draft_points

TODAY = date(2026, 11, 23)
DEMANDS = [f"D{i:02d}" for i in range(1, 11)]
TEXT = """1. All civilian detainees and hostages are released.
2. An international monitoring mission observes human rights in the occupied territories.
3. Demining of settlements."""


def _new(session: Session, actor, code: str = "NEW-1", supersedes: str = "") -> None:  # type: ignore[no-untyped-def]
    drafts.create_draft(
        session=session,
        actor=actor,
        data={
            "code": code,
            "title": "New draft",
            "proponent": "Mediators",
            "published_on": "2026-11-20",
            "status": "proposed",
            "supersedes": supersedes,
        },
        points=split_points(TEXT),
        today=TODAY,
    )


def _code(session: Session, author: Actor, **cell: str) -> None:
    """A code proposed by `author` and approved by a second editor (four-eyes review)."""
    proposal = coverage.propose(session=session, actor=author, **cell)
    second = make_actor(session, "second-editor", Role.EDITOR)
    coverage.approve(session=session, actor=second, proposal_id=int(proposal.id or 0))


def test_new_draft_is_uncoded_and_counts_ten_gaps(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        _new(session, actor, supersedes="UA20-2025-12")
    assert [label for label, _ in draft_points(engine, "NEW-1")] == ["1", "2", "3"]
    matrix = coverage_matrix(engine)
    counts = gaps.gap_counts(matrix, ["NEW-1", "US28-2025-11", "UA20-2025-12"], DEMANDS)
    assert counts["NEW-1"].gaps == 10
    assert counts["NEW-1"].by_kind["not_coded"] == 10
    assert counts["US28-2025-11"].gaps == 9  # only D01 explicit (24b) in the reference coding
    assert counts["US28-2025-11"].by_kind == {
        "contradicts": 2,
        "absent": 4,
        "partial": 3,
        "not_coded": 0,
    }
    assert counts["UA20-2025-12"].gaps == 9
    with session_scope(engine) as session:
        _code(session, actor, draft_code="NEW-1", demand_code="D01", level="explicit", points="1")
    assert gaps.gap_counts(coverage_matrix(engine), ["NEW-1"], DEMANDS)["NEW-1"].gaps == 9


def test_not_reported_is_not_a_gap_and_is_counted_apart(engine: sa.Engine) -> None:
    counts = gaps.gap_counts(coverage_matrix(engine), ["GENEVA19-2025-11"], DEMANDS)
    geneva = counts["GENEVA19-2025-11"]
    assert (geneva.gaps, geneva.not_reported) == (0, 10)


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
        coverage.propose(
            session=session, actor=actor, draft_code="NEW-1", demand_code="D02", **kwargs
        )
    assert info.value.problems[field][0] == key


def test_recoding_replaces_the_one_row_and_sub_points_cite_their_point(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        _code(
            session,
            actor,
            draft_code="US28-2025-11",
            demand_code="D05",
            level="explicit",
            points="24a; 24b",
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
            session=session,
            actor=make_actor(session, "ed", Role.EDITOR),
            data={**base, **data},
            points=split_points(TEXT),
            today=TODAY,
        )
    assert field in info.value.fields


def test_compare_geneva_with_the_us_plan(engine: sa.Engine) -> None:
    matrix = coverage_matrix(engine)
    old_points = draft_points(engine, "US28-2025-11")
    new_points = draft_points(engine, "UA20-2025-12")
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
    assert result["D03"].change == "unchanged"  # partial in both
    # explicit in both, and partial -> absent, but the 20-point side rests on point 17, known
    # from press summaries only: no comparison may say better, worse or the same on that
    assert result["D01"].change == "unknown"
    assert result["D05"].change == "unknown"
    assert result["D09"].change == "improved"  # contradicts -> partial
    d01 = result["D01"].points
    assert [(p.kind, p.before_label, p.after_label) for p in d01] == [("changed", "24", "17")]
    assert ("+", "political") in [(op, w.split()[0]) for op, w in d01[0].diff if op == "+"] or any(
        "political" in w for op, w in d01[0].diff if op == "+"
    )
    removed = [p for p in result["D02"].points if p.kind == "removed"]
    assert {p.before_label for p in removed} == {"26", "21"}


# words in the shipped drafts that begin like a lexicon term but mean something else
FALSE_FRIENDS = {"minerals", "mining", "homeland", "minorities", "minority"}


def test_suggestions_rank_cited_points_in_the_top_three(engine: sa.Engine) -> None:
    """Measured, not tuned: the share of coded (draft, demand) pairs whose cited point is top 3;
    and no word that only begins like a term is ever highlighted."""
    matrix = coverage_matrix(engine)
    lexicon = suggestions.load_lexicon()
    hits = total = 0
    per_demand: dict[str, list[int]] = {}
    for draft in matrix["draft"].unique():
        points = draft_points(engine, draft)
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
    for draft in matrix["draft"].unique():
        points = draft_points(engine, draft)
        for terms in lexicon.values():
            for s in suggestions.suggest(points, terms, top=len(points)):
                marked = {piece.casefold() for piece, hit in s.segments() if hit}
                assert not marked & FALSE_FRIENDS, (draft, s.label, marked)
    demands_mostly_hit = sum(sum(v) * 2 >= len(v) for v in per_demand.values())
    assert demands_mostly_hit * 2 > len(per_demand), per_demand
