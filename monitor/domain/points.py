"""Points of a draft: splitting a pasted text into numbered points, and what a cited label names.

Pure; the split is shown to a person before saving.

Recognised point starts: `1.`, `12)`, `Point 7:`, `Пункт 3.`, `п. 4`, `Article 5`, `Стаття 6`.
Lines that start with `a)` / `б)` stay inside their point as sub-points; other lines that do
not start a point are wrapped text and are joined to the point before them.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from monitor.core.models import UNCITED_LEVELS, CoverageLevel
from monitor.errors import Problem

# the letters a sub-point may carry, Latin or Cyrillic (one rule for splitting and citing)
SUB_LETTERS = "a-zа-яіїєґ"
_POINT = re.compile(
    rf"""^\s*(?:
        (?:point|item|article|пункт|стаття|п\.)\s*№?\s*(?P<word>\d{{1,3}}[{SUB_LETTERS}]?)\s*[:.)\-–—]?
      | (?P<num>\d{{1,3}})\s*[.)]
    )\s*(?P<rest>.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_SUB = re.compile(rf"^\s*\(?[{SUB_LETTERS}]\)\s+", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-•*]\s+")
# a sub-point label is a number and one letter: 7a, 7а, 12б
SUB_POINT = re.compile(rf"(?<=\d)[{SUB_LETTERS}]$", re.IGNORECASE)


@dataclass(frozen=True)
class SplitPoint:
    label: str
    text: str


def split_points(text: str) -> list[SplitPoint]:
    """Numbered points in order; text before the first point (a preamble) is not a point."""
    points: list[tuple[str, list[str]]] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        match = _POINT.match(line)
        if match:
            label = (match.group("word") or match.group("num")).lower()
            points.append((label, [match.group("rest").strip()]))
        elif not points:
            continue
        elif _SUB.match(line) or _BULLET.match(line):
            points[-1][1].append("\n" + line)
        else:
            points[-1][1].append(" " + line)
    return [
        SplitPoint(label, "".join(parts).strip())
        for label, parts in points
        if "".join(parts).strip()
    ]


def duplicate_labels(points: list[SplitPoint]) -> list[str]:
    """Labels that occur more than once (a list that restarts its numbering)."""
    seen: set[str] = set()
    dupes: list[str] = []
    for point in points:
        if point.label in seen and point.label not in dupes:
            dupes.append(point.label)
        seen.add(point.label)
    return dupes


def normalise_labels(raw: str | Sequence[str]) -> list[str]:
    """'24b; 21a, 28' or a list -> ['24b', '21a', '28']."""
    parts = raw.replace(",", ";").split(";") if isinstance(raw, str) else list(raw)
    return [p.strip() for p in parts if p and p.strip()]


def cited_point(label: str, known: Container[str]) -> str | None:
    """The point a cited label names: the label itself, or for a sub-point ("7a") its point
    ("7") when only that was split out; None when the draft has no such point."""
    if label in known:
        return label
    base = SUB_POINT.sub("", label)
    return base if base and base in known else None


def coverage_problems(
    level: CoverageLevel, labels: Sequence[str], known: Container[str]
) -> dict[str, Problem]:
    """What is wrong with one coverage cell, by field: the one rule for the coding form and a
    coverage file. Anything but absent or not reported cites a point; not reported cites none
    (the text is unknown); every point cited exists in the draft."""
    if level not in UNCITED_LEVELS and not labels:
        return {"points": ("coverage.points_needed", {})}
    if level == CoverageLevel.NOT_REPORTED and labels:
        return {"points": ("coverage.not_reported_cites_nothing", {})}
    unknown = [label for label in labels if cited_point(label, known) is None]
    if unknown:
        return {"points": ("invalid.unknown_code", {"value": ", ".join(unknown)})}
    return {}
