"""Pure gap logic: gaps per draft, and what changed between two versions of a draft.

A gap is a demand that a draft does not explicitly cover: partial, absent, contradicts, or not
coded yet. A demand whose text is not reported is not a gap: it is counted apart, because
nobody knows what the draft says on it. A comparison says "unknown" whenever either side is not
reported or uncertain: it never says better or worse on unknown ground.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pandas as pd

from monitor.core.models import CoverageLevel
from monitor.domain.points import cited_point, normalise_labels

# the one coverage order: CoverageLevel is declared best first, so worst first is its reverse;
# "not reported" is outside it (the text is unknown)
RANKED = tuple(level for level in CoverageLevel if level is not CoverageLevel.NOT_REPORTED)
WORST_FIRST = tuple(reversed(RANKED))
RANK = {level.value: rank for rank, level in enumerate(WORST_FIRST)}
GAP_KINDS = ("contradicts", "absent", "partial", "not_coded")
SIMILAR = 0.4
_WORD = re.compile(r"\w{3,}")


@dataclass(frozen=True)
class GapCount:
    """One draft's gaps split by kind, and the demands whose text is not reported (apart)."""

    by_kind: dict[str, int]
    not_reported: int
    uncertain: int  # coded cells flagged uncertain, gaps or not

    @property
    def gaps(self) -> int:
        return sum(self.by_kind.values())


def gap_counts(
    coverage: pd.DataFrame, drafts: list[str], demands: list[str]
) -> dict[str, GapCount]:
    """Draft code -> its gaps by kind (contradicts, absent, partial, not coded), the demands
    not reported, and how many of its codes are uncertain."""
    cells = {(r.draft, r.demand): r for r in coverage.itertuples()}
    counts = {}
    for draft in drafts:
        by_kind = dict.fromkeys(GAP_KINDS, 0)
        not_reported = uncertain = 0
        for demand in demands:
            cell = cells.get((draft, demand))
            level = "not_coded" if cell is None else str(cell.level)
            uncertain += bool(cell is not None and cell.uncertain)
            if level == CoverageLevel.NOT_REPORTED:
                not_reported += 1
            elif level in by_kind:
                by_kind[level] += 1
        counts[draft] = GapCount(by_kind, not_reported, uncertain)
    return counts


def change(
    before: str | None,
    after: str | None,
    *,
    before_uncertain: bool = False,
    after_uncertain: bool = False,
) -> str:
    """improved / worsened / unchanged by contradicts < absent < partial < explicit (an uncoded
    demand counts as absent); unknown when either side is not reported or uncertain."""
    unknown = CoverageLevel.NOT_REPORTED.value
    if before == unknown or after == unknown or before_uncertain or after_uncertain:
        return "unknown"
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
        doubt = {
            "before_uncertain": old is not None and bool(old.get("uncertain", False)),
            "after_uncertain": new is not None and bool(new.get("uncertain", False)),
        }
        cited_old = _cited("" if old is None else str(old["points"]), old_texts)
        cited_new = _cited("" if new is None else str(new["points"]), new_texts)
        result.append(
            DemandComparison(
                demand,
                old_level,
                new_level,
                change(old_level, new_level, **doubt),
                _pair(cited_old, cited_new),
            )
        )
    return result
