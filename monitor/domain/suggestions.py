"""Which points of a draft most likely touch each demand, from a bilingual keyword lexicon.

Only a proposal for the person coding coverage: ranked points with the words that matched.
Ukrainian terms are stems (затриман matches затриманих); English terms match whole words or
their plural/inflected forms; phrases count double.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from monitor.config import PROJECT_ROOT

LEXICON_FILE = PROJECT_ROOT / "data" / "reference" / "lexicon.csv"


@dataclass(frozen=True)
class Suggestion:
    label: str
    score: float
    matched: tuple[str, ...]
    text: str

    def highlighted(self) -> str:
        """The point's text with the matched words in bold (Markdown)."""
        return highlight(self.text, self.matched)

    def segments(self) -> tuple[tuple[str, bool], ...]:
        """The point's text cut into pieces, each marked matched or not, that join back to
        exactly the text: the UI draws highlights from these without rendering Markdown."""
        return segments(self.text, self.matched)


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_FILE) -> dict[str, tuple[str, ...]]:
    """demand code -> its terms, in both languages."""
    terms: dict[str, list[str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            terms.setdefault(row["demand"], []).append(row["term"].strip().casefold())
    return {code: tuple(dict.fromkeys(found)) for code, found in terms.items()}


@lru_cache(maxsize=2048)
def _pattern(term: str) -> re.Pattern[str]:
    escaped = r"\s+".join(re.escape(part) for part in term.split())
    return re.compile(rf"(?<!\w){escaped}\w*", re.IGNORECASE)


def matches(text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms found in `text` (each once)."""
    return tuple(term for term in terms if _pattern(term).search(text))


def score(found: tuple[str, ...]) -> float:
    return float(sum(2 if " " in term else 1 for term in found))


def suggest(
    points: list[tuple[str, str]], terms: tuple[str, ...], *, top: int = 3
) -> list[Suggestion]:
    """The `top` points (label, text) that match the most terms; none that match nothing."""
    ranked = []
    for position, (label, text) in enumerate(points):
        found = matches(text, terms)
        if found:
            ranked.append((-score(found), position, Suggestion(label, score(found), found, text)))
    return [s for _, _, s in sorted(ranked)[:top]]


def _spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the terms match in `text`, as sorted, non-overlapping (start, end) offsets."""
    found = sorted(m.span() for t in terms for m in _pattern(t).finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def segments(text: str, terms: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    """`text` as (piece, matched) pairs in order; the pieces join back to `text` exactly."""
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in _spans(text, terms):
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return tuple(pieces)


def highlight(text: str, terms: tuple[str, ...]) -> str:
    """Bold every match of the terms (Markdown), leaving other text as it is."""
    if not terms:
        return text
    combined = re.compile("|".join(f"(?:{_pattern(t).pattern})" for t in terms), re.IGNORECASE)
    return combined.sub(lambda m: f"**{m.group(0)}**", text)
