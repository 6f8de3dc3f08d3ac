"""Pure status logic against hand-computed values."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from monitor.domain import status
from monitor.domain.filters import EvidenceFilters, from_query, to_query


def history(*rows: tuple[str, date, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [(d, on, s, i) for i, (d, on, s) in enumerate(rows)],
        columns=["demand", "assessed_on", "score", "id"],
    )


def test_monthly_status_carries_earlier_assessments_and_fills_forward() -> None:
    h = history(
        ("D01", date(2024, 11, 3), 1), ("D01", date(2025, 2, 10), 2), ("D01", date(2025, 2, 20), 3)
    )
    grid = status.monthly_status(h, ["D01", "D02"], ["2025-01", "2025-02", "2025-03"])
    assert list(grid.loc["D01"]) == [
        1.0,
        3.0,
        3.0,
    ]  # Nov 2024 in force in January; last of February wins
    assert grid.loc["D02"].isna().all()


def test_implementation_index_is_the_pam_rate() -> None:
    grid = pd.DataFrame(
        {"2025-01": [3.0, 0.0, None], "2025-02": [3.0, 3.0, 3.0]}, index=["D01", "D02", "D03"]
    )
    index = status.implementation_index(grid)
    assert index["2025-01"] == pytest.approx(3 / 9 * 100)
    assert index["2025-02"] == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("now", "before", "arrow"), [(2, 1, "↑"), (0, 2, "↓"), (1, 1, "→"), (1, None, "")]
)
def test_change_arrow(now: int, before: int | None, arrow: str) -> None:
    assert status.change_arrow(now, before) == arrow


def test_scorecard_flags_stale_demands() -> None:
    demands = pd.DataFrame({"code": ["D01", "D02", "D03"], "title": ["a", "b", "c"]})
    h = history(("D01", date(2026, 1, 1), 1), ("D01", date(2026, 10, 1), 2))
    stats = pd.DataFrame(
        {
            "demand": ["D02", "D03"],
            "evidence": [4, 10],
            "verified": [1, 10],
            "last_30_days": [0, 3],
            "last_logged": [datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC)],
        }
    )
    card = status.scorecard(demands, h, stats, today=date(2026, 11, 23), stale_days=60).set_index(
        "code"
    )
    assert (
        card.loc["D01", "score"] == 2
        and card.loc["D01", "previous"] == 1
        and card.loc["D01", "change"] == "↑"
    )
    assert not card.loc["D01", "stale"]  # assessed 53 days ago
    assert card.loc["D02", "stale"]  # last evidence 326 days ago, never assessed
    assert not card.loc["D03", "stale"]
    assert card.loc["D02", "share_verified"] == 0.25
    assert pd.isna(card.loc["D01", "share_verified"])


def test_filters_round_trip_through_the_url() -> None:
    filters = EvidenceFilters(
        demands=("D01", "D08"),
        regions=("crimea",),
        date_from=date(2025, 1, 1),
        verification=("verified", "corroborated"),
    )
    assert from_query(to_query(filters)) == filters
    assert to_query(EvidenceFilters()) == {}
    assert from_query({"from": "2025-02-30", "include": "none"}) == EvidenceFilters(
        verification=("verified",)
    )
