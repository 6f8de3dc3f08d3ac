"""Pure gap logic: gaps per draft, and what changed between two versions of a draft.

A gap is a demand that a draft does not explicitly cover: partial, absent, contradicts, or not
coded yet.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pandas as pd

from monitor.core.models import CoverageLevel
from monitor.domain.points import cited_point, normalise_labels

# the one coverage order: CoverageLevel is declared best first, so worst first is its reverse
WORST_FIRST = tuple(reversed(CoverageLevel))
RANK = {level.value: rank for rank, level in enumerate(WORST_FIRST)}
SIMILAR = 0.4
_WORD = re.compile(r"\w{3,}")


def gap_counts(coverage: pd.DataFrame, drafts: list[str], demands: list[str]) -> dict[str, int]:
    """Draft code -> number of demands it does not explicitly cover (uncoded ones included)."""
    explicit = coverage[coverage["level"] == CoverageLevel.EXPLICIT]
    explicit = explicit.groupby("draft")["demand"].apply(set)
    return {d: len([c for c in demands if c not in explicit.get(d, set())]) for d in drafts}


def change(before: str | None, after: str | None) -> str:
    """improved / worsened / unchanged, by contradicts < absent < partial < explicit (an
    uncoded demand counts as absent)."""
    if before == after:
        return "unchanged"
    absent = RANK[CoverageLevel.ABSENT]
    old, new = RANK.get(before or "", absent), RANK.get(after or "", absent)
    return "improved" if new > old else "worsened" if new < old else "unchanged"


@dataclass
class PointChange:
    kind: str  # added | removed | changed | same
    before_label: str | None
    after_label: str | None
    diff: list[tuple[str, str]] = field(default_factory=list)  # (op, words): op in = + -


@dataclass
class DemandComparison:
    demand: str
    before: str | None
    after: str | None
    change: str
    points: list[PointChange]


def _cited(labels: str, texts: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for label in normalise_labels(labels or ""):
        point = cited_point(label, texts)
        if point is not None:
            found[point] = texts[point]
    return found


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff: ('=', kept), ('-', removed), ('+', added)."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(b[j1:j2])))
    return out


def similarity(a: str, b: str) -> float:
    """Shared words over the shorter point's words: robust to reordering and renumbering."""
    words_a, words_b = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def _pair(old: dict[str, str], new: dict[str, str]) -> list[PointChange]:
    """Match cited points across versions by text similarity (numbering changes between drafts)."""
    changes: list[PointChange] = []
    unmatched_old = dict(old)
    for new_label, new_text in new.items():
        best, best_ratio = None, SIMILAR
        for old_label, old_text in unmatched_old.items():
            ratio = similarity(old_text, new_text)
            if ratio >= best_ratio:
                best, best_ratio = old_label, ratio
        if best is None:
            changes.append(PointChange("added", None, new_label, [("+", new_text)]))
            continue
        old_text = unmatched_old.pop(best)
        kind = "same" if old_text == new_text else "changed"
        changes.append(PointChange(kind, best, new_label, word_diff(old_text, new_text)))
    changes += [
        PointChange("removed", label, None, [("-", text)]) for label, text in unmatched_old.items()
    ]
    return changes


def compare_versions(
    before: pd.DataFrame,
    after: pd.DataFrame,
    before_points: list[tuple[str, str]],
    after_points: list[tuple[str, str]],
    demands: list[str],
) -> list[DemandComparison]:
    """Per demand: coverage before and after, and the cited points added, removed or changed.

    `before`/`after` are one draft's rows of the coverage matrix (demand, level, points).
    """
    old_texts, new_texts = dict(before_points), dict(after_points)
    old_rows = before.set_index("demand") if not before.empty else pd.DataFrame()
    new_rows = after.set_index("demand") if not after.empty else pd.DataFrame()
    result = []
    for demand in demands:
        old = old_rows.loc[demand] if demand in old_rows.index else None
        new = new_rows.loc[demand] if demand in new_rows.index else None
        old_level = None if old is None else str(old["level"])
        new_level = None if new is None else str(new["level"])
        cited_old = _cited("" if old is None else str(old["points"]), old_texts)
        cited_new = _cited("" if new is None else str(new["points"]), new_texts)
        result.append(
            DemandComparison(
                demand,
                old_level,
                new_level,
                change(old_level, new_level),
                _pair(cited_old, cited_new),
            )
        )
    return result
