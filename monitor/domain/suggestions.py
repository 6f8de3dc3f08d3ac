"""Which points of a draft most likely touch each demand, from a bilingual keyword lexicon.

Only a proposal for the person coding coverage: ranked points with the words that matched.
Terms match whole words by their dictionary form (words.py): Ukrainian by lemma («лінія
розмежування» finds «лінії розмежування», «мін» finds «міни» but not «Мінські»), English by
Snowball stem ("mine" finds "mines" but not "minerals"); the three apostrophes are one. A
phrase matches where its words stand one after another in the text; phrases count double.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from monitor.config import PROJECT_ROOT
from monitor.domain.words import Word, words

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


@lru_cache(maxsize=4096)
def term_keys(term: str) -> tuple[frozenset[str], ...]:
    """The dictionary keys of each word of a lexicon term, in order."""
    return tuple(word.keys for word in words(term))


@dataclass(frozen=True)
class _Analysed:
    """A point's words, and where each key stands, so a term is looked up, not scanned for."""

    words: tuple[Word, ...]
    positions: dict[str, tuple[int, ...]]


@lru_cache(maxsize=4096)
def _analysed(text: str) -> _Analysed:
    # cached by text: the coder asks for the same draft's points once per demand
    found = words(text)
    positions: defaultdict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(found):
        for key in word.keys:
            positions[key].append(index)
    return _Analysed(found, {key: tuple(at) for key, at in positions.items()})


def _term_spans(analysed: _Analysed, wanted: tuple[frozenset[str], ...]) -> list[tuple[int, int]]:
    """Where a term (its words' keys) stands: met by consecutive words of the analysed text."""
    if not wanted:
        return []
    starts = [i for key in wanted[0] for i in analysed.positions.get(key, ())]
    if not starts:  # most terms are not in most points: answer those without more work
        return []
    spans = []
    for start in sorted(set(starts)):
        run = analysed.words[start : start + len(wanted)]
        if len(run) == len(wanted) and all(w.keys & k for w, k in zip(run, wanted, strict=True)):
            spans.append((run[0].start, run[-1].end))
    return spans


def matches(text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms found in `text` (each once)."""
    analysed = _analysed(text)
    return tuple(term for term in terms if _term_spans(analysed, term_keys(term)))


def score(found: tuple[str, ...]) -> float:
    return float(sum(2 if len(term_keys(term)) > 1 else 1 for term in found))


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
    analysed = _analysed(text)
    found = sorted(span for term in terms for span in _term_spans(analysed, term_keys(term)))
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
    return "".join(f"**{piece}**" if hit else piece for piece, hit in segments(text, terms))
