"""Pure status logic: current and previous status, the monthly series, the implementation index.

Inputs are small frames (published assessments, per-demand evidence stats); time is an argument.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd

MAX_SCORE = 3


def month_range(start: date, end: date) -> list[str]:
    """'YYYY-MM' for every month from start to end, inclusive."""
    months = pd.period_range(pd.Period(start, "M"), pd.Period(end, "M"), freq="M")
    return [str(p) for p in months]


def monthly_status(history: pd.DataFrame, demands: list[str], months: list[str]) -> pd.DataFrame:
    """demand x month: the status in force at the end of each month (NaN before any assessment).

    Assessments before the first month shown still count: they are in force when it begins.
    """
    if history.empty or not months:
        return pd.DataFrame(index=demands, columns=months, dtype="float64")
    frame = history.assign(month=[d.strftime("%Y-%m") for d in history["assessed_on"]])
    first = min(frame["month"].min(), months[0])
    full = month_range(date.fromisoformat(first + "-01"), date.fromisoformat(months[-1] + "-01"))
    grid = pd.DataFrame(index=demands, columns=full, dtype="float64")
    last = frame.sort_values(["assessed_on", "id"]).groupby(["demand", "month"])["score"].last()
    for (demand, month), score in last.items():
        if demand in grid.index and month in grid.columns:
            grid.loc[demand, month] = float(score)
    return grid.ffill(axis=1)[months]


def implementation_index(grid: pd.DataFrame) -> pd.Series:
    """Peace Accords Matrix rate per month: sum of scores / (3 x demands), as a percentage.

    A demand not yet assessed counts as 0 (not initiated), as PAM counts unimplemented provisions.
    """
    if grid.empty:
        return pd.Series(dtype="float64")
    return grid.fillna(0).sum(axis=0) / (MAX_SCORE * len(grid.index)) * 100


def current_and_previous(history: pd.DataFrame) -> pd.DataFrame:
    """Per demand: the latest published score, its date, and the score before it."""
    rows = []
    for demand, group in history.sort_values(["assessed_on", "id"]).groupby("demand"):
        scores = list(group["score"])
        rows.append(
            {
                "demand": demand,
                "score": scores[-1],
                "previous": scores[-2] if len(scores) > 1 else None,
                "assessed_on": group["assessed_on"].iloc[-1],
            }
        )
    return pd.DataFrame(rows, columns=["demand", "score", "previous", "assessed_on"])


def lookup(frame: pd.DataFrame, code: str, column: str, default: Any = None) -> Any:
    """One demand's value in a frame indexed by demand code; `default` for a demand it lacks.

    The one way the scorecard and the briefings read `current_and_previous` and evidence stats.
    """
    return frame[column].get(code, default) if code in frame.index else default


def change_arrow(score: Any, previous: Any) -> str:
    """↑ better, ↓ worse, → unchanged, '' when there is nothing to compare."""
    if score is None or previous is None or pd.isna(score) or pd.isna(previous):
        return ""
    return "↑" if score > previous else "↓" if score < previous else "→"


def scorecard(
    demands: pd.DataFrame,
    history: pd.DataFrame,
    stats: pd.DataFrame,
    *,
    today: date,
    stale_days: int,
) -> pd.DataFrame:
    """One row per demand: status, change, evidence in 30 days, share verified, stale flag.

    A demand is stale when neither evidence nor an assessment was logged for `stale_days`.
    """
    status = current_and_previous(history).set_index("demand")
    stats = stats.set_index("demand")
    cutoff = datetime.combine(today - timedelta(days=stale_days), datetime.min.time(), UTC)
    rows = []
    for code, title in zip(demands["code"], demands["title"], strict=True):
        score = lookup(status, code, "score")
        previous = lookup(status, code, "previous")
        assessed_on = lookup(status, code, "assessed_on")
        total = int(lookup(stats, code, "evidence", 0))
        verified = int(lookup(stats, code, "verified", 0))
        last_logged = lookup(stats, code, "last_logged")
        newest = max(
            [
                d
                for d in (last_logged, _as_datetime(assessed_on))
                if d is not None and not pd.isna(d)
            ],
            default=None,
        )
        rows.append(
            {
                "code": code,
                "title": title,
                "score": score,
                "previous": previous,
                "change": change_arrow(score, previous),
                "assessed_on": assessed_on,
                "evidence": total,
                "last_30_days": int(lookup(stats, code, "last_30_days", 0)),
                "share_verified": verified / total if total else None,
                "stale": _older_than(newest, cutoff),
            }
        )
    return pd.DataFrame(rows)


def _older_than(moment: object, cutoff: datetime) -> bool:
    """Whether a moment (a datetime or a date; None for never) lies before `cutoff`."""
    when = _as_datetime(moment)
    return when is None or when < cutoff


def _as_datetime(value: object) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time(), UTC)
    return None
