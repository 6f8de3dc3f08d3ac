"""Each demand across every draft, and the evidence beside its coverage: pure, no SQL.

The drafts go in date order (by publication date; a draft that supersedes another comes after
it even when dated the same day or earlier). Each step's change is `gaps.change` from the
previous draft, so "not reported" or an uncertain code on either side is "unknown". A draft
with no approved code at all has not been read yet: it has no change, the next draft is
compared with the last one that was coded, and it is never "the latest draft" (a draft just
added would otherwise make every demand absent from it, and most "worsened").
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from monitor.domain import gaps
from monitor.domain.points import cited_point, normalise_labels
from monitor.errors import InvalidInput
from monitor.i18n import percent, t

STRIP_COLUMNS = [
    "demand",
    "draft",
    "title",
    "published_on",
    "confidence",
    "level",
    "uncertain",
    "points",
    "cited",
    "change",
    "coded",  # whether the draft has any approved code (for any demand): whether it was read
]
WINDOWS = (30, 90)
DIRECTIONS = ("regression", "progress")
# the kinds of a demand's gaps across drafts, worst first, and "not reported" apart
BESIDE_KINDS = ("contradicts", "absent", "partial", "not_reported")


def resolve_draft(wanted: str, known: list[str]) -> str:
    """A draft's full code from what a person typed: the code itself, or (any case) the part
    before its date (`US28` for `US28-2025-11`) when that names one draft only."""
    text = wanted.strip()
    by_case = {code.lower(): code for code in known}
    if text.lower() in by_case:
        return by_case[text.lower()]
    matches = [code for code in known if code.lower().startswith(f"{text.lower()}-")]
    if len(matches) == 1:
        return matches[0]
    raise InvalidInput({"draft": ("invalid.unknown_draft", {"value": text or "—"})})


def draft_order(drafts: pd.DataFrame) -> list[str]:
    """Draft codes by publication date (ties in the given order); a draft that supersedes
    another is moved after it. `drafts` has code, published_on and supersedes."""
    ordered = list(drafts.sort_values("published_on", kind="stable")["code"])
    parent = {
        str(r.code): str(r.supersedes)
        for r in drafts.itertuples()
        if isinstance(r.supersedes, str) and r.supersedes in set(ordered)
    }
    for _ in range(len(ordered)):  # at most one pass per draft: a cycle cannot loop forever
        moved = False
        for code, before in parent.items():
            if ordered.index(code) < ordered.index(before):
                ordered.remove(code)
                ordered.insert(ordered.index(before) + 1, code)
                moved = True
        if not moved:
            break
    return ordered


def compared_with(later: str, drafts: pd.DataFrame, coverage: pd.DataFrame) -> str | None:
    """The draft a later one is compared with unless a person chooses another: the nearest up
    its `supersedes` chain whose text is known (a draft coded all "not reported" would make
    every change "unknown"), else the nearest known draft before it, else the one just before.

    `drafts` has code, published_on and supersedes; `coverage` has draft and level.
    """
    order = draft_order(drafts)
    if later not in order:
        return None
    read = set(coverage.loc[coverage["level"] != "not_reported", "draft"])
    parent = dict(zip(drafts["code"], drafts["supersedes"], strict=True))
    seen, step = {later}, parent.get(later)
    while isinstance(step, str) and step in parent and step not in seen:
        if step in read:
            return step
        seen.add(step)
        step = parent.get(step)
    earlier = order[: order.index(later)]
    known = [code for code in earlier if code in read]
    candidates = known or earlier
    return candidates[-1] if candidates else None


def _cited_text(labels: str, texts: dict[str, str]) -> str:
    """The cited points as 'label: text' lines; a label the draft lacks stays as written."""
    lines = []
    for label in normalise_labels(labels or ""):
        point = cited_point(label, texts)
        lines.append(f"{point}: {texts[point]}" if point is not None else label)
    return "\n".join(lines)


def strip(
    drafts: pd.DataFrame,
    coverage: pd.DataFrame,
    demands: list[str],
    points: dict[str, list[tuple[str, str]]] | None = None,
) -> pd.DataFrame:
    """One row per demand x draft (drafts in date order): the draft's title, date and
    confidence, the approved level (None: not coded), whether it is uncertain, the cited point
    labels and (with `points`, draft -> (label, text)) their texts, and the change from the
    previous coded draft (None for the first, and for a draft with no code yet), and whether
    the draft has any code."""
    order = draft_order(drafts)
    info = drafts.set_index("code")
    cells = {(r.draft, r.demand): r for r in coverage.itertuples()}
    coded = {draft for draft, _ in cells}
    texts = {code: dict(pairs) for code, pairs in (points or {}).items()}
    rows = []
    for demand in demands:
        previous: tuple[str | None, bool] | None = None
        for code in order:
            cell = cells.get((code, demand))
            level = None if cell is None else str(cell.level)
            uncertain = bool(cell is not None and cell.uncertain)
            labels = "" if cell is None or not isinstance(cell.points, str) else cell.points
            step = (
                None
                if previous is None or code not in coded
                else gaps.change(
                    previous[0],
                    level,
                    before_uncertain=previous[1],
                    after_uncertain=uncertain,
                )
            )
            row = info.loc[code]
            rows.append(
                [
                    demand,
                    code,
                    row["title"],
                    row["published_on"],
                    row["confidence"],
                    level,
                    uncertain,
                    labels,
                    _cited_text(labels, texts.get(code, {})),
                    step,
                    code in coded,
                ]
            )
            if code in coded:
                previous = (level, uncertain)
    return pd.DataFrame(rows, columns=STRIP_COLUMNS)


def window_starts(today: date) -> dict[str, date]:
    """Where each window begins: the last N days, and the N days before them."""
    starts = {}
    for days in WINDOWS:
        starts[f"last_{days}"] = today - timedelta(days=days)
        starts[f"before_{days}"] = today - timedelta(days=2 * days)
    return starts


def trend_columns() -> list[str]:
    """The evidence cube's window columns: direction-free counts per window, in order."""
    return [f"{w}_{days}" for days in WINDOWS for w in ("last", "before")]


def evidence_trend(cube: pd.DataFrame, demands: list[str]) -> pd.DataFrame:
    """Per demand: regression and progress entries in the last 30 and 90 days and in the
    30/90 days before, and the verified share of all its entries (None: no entries).

    `cube` is the Overview's evidence cube (demand, direction, n, verified and one column per
    window, `trend_columns()`): the trend reads it, never the evidence again."""
    out = pd.DataFrame({"demand": demands})
    for direction in DIRECTIONS:
        part = cube[cube["direction"] == direction].groupby("demand")[trend_columns()].sum()
        for column in trend_columns():
            values = part[column] if column in part else pd.Series(dtype="int64")
            out[f"{direction}_{column}"] = [int(values.get(d, 0)) for d in demands]
    totals = cube.groupby("demand")[["n", "verified"]].sum()
    out["verified_share"] = [
        float(totals.loc[d, "verified"]) / float(totals.loc[d, "n"])
        if d in totals.index and totals.loc[d, "n"]
        else None
        for d in demands
    ]
    return out


def beside(strip_rows: pd.DataFrame, trend: pd.DataFrame) -> pd.DataFrame:
    """The trend per demand beside its coverage in the latest draft (level, uncertain, change
    from the one before) and its gaps across all drafts split by kind (contradicts, absent,
    partial) with the drafts not reported on it apart. `strip_rows` is `strip`'s frame."""
    out = trend.copy()
    read = strip_rows[strip_rows["coded"]]
    latest = read.groupby("demand", sort=False).tail(1).set_index("demand")
    for column in ("draft", "level", "uncertain", "change"):
        out[f"latest_{column}"] = [
            latest[column].get(d) if d in latest.index else None for d in out["demand"]
        ]
    for kind in BESIDE_KINDS:
        hits = strip_rows[strip_rows["level"] == kind].groupby("demand").size()
        out[f"drafts_{kind}"] = [int(hits.get(d, 0)) for d in out["demand"]]
    return out


def share_text(value: object, lang: str) -> str:
    """A share as a reader sees it (40%, in the reader's number format), or a dash where there
    is none (no entries, NaN)."""
    if value is None or value != value:
        return "—"
    return percent(float(value), lang)  # type: ignore[arg-type]


def change_words(change: object, lang: str) -> str:
    """A step's change (better, worse, same, unknown) in words, or a dash where there is none."""
    return t(f"drafts.change.{change}", lang) if isinstance(change, str) else "—"
