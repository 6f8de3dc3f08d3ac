"""Time keyword suggestions: building the Ukrainian analyser, then a 100-point draft against
all ten demands, with the caches of words and points empty (a new draft) and again (the
page's next rerun).

Prints one JSON line per language: {"lang": ..., "points": 100, "analyser_build_s": ...,
"cold_ms": ..., "warm_ms": ...} (median of --repeat runs). The English draft is the shipped
drafts' points; the Ukrainian one is the sentences of the demands' Ukrainian texts.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import median
from monitor.config import PROJECT_ROOT
from monitor.domain import suggestions, words

REFERENCE = PROJECT_ROOT / "data" / "reference"


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def english_draft(size: int) -> list[tuple[str, str]]:
    texts = [row["text"] for row in _rows("draft_points.csv")]
    return [(str(i + 1), texts[i % len(texts)]) for i in range(size)]


def ukrainian_draft(size: int) -> list[tuple[str, str]]:
    sentences = [
        s for row in _rows("demands.csv") for s in re.split(r"(?<=[.;])\s+", row["text_uk"]) if s
    ]
    # a number in front keeps repeated sentences distinct points (numbers are not words)
    return [(str(i + 1), f"{i + 1}. {sentences[i % len(sentences)]}") for i in range(size)]


def _forget_drafts() -> None:
    """Empty the caches of words and points; the lexicon's terms stay analysed, as they are
    in the app after the first suggestion."""
    for terms in suggestions.load_lexicon().values():
        for term in terms:
            suggestions.term_keys(term)
    words.keys.cache_clear()
    suggestions._analysed.cache_clear()


def _all_demands_ms(points: list[tuple[str, str]]) -> float:
    lexicon = suggestions.load_lexicon()
    start = time.perf_counter()
    for terms in lexicon.values():
        suggestions.suggest(points, terms)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    words.ukrainian_analyser()
    build = time.perf_counter() - start
    for lang, draft in (("en", english_draft), ("uk", ukrainian_draft)):
        points = draft(args.points)
        cold, warm = [], []
        for _ in range(args.repeat):
            _forget_drafts()
            cold.append(_all_demands_ms(points))
            warm.append(_all_demands_ms(points))
        print(
            json.dumps(
                {
                    "lang": lang,
                    "points": len(points),
                    "analyser_build_s": round(build, 3),
                    "cold_ms": round(median(cold), 1),
                    "warm_ms": round(median(warm), 1),
                }
            )
        )


if __name__ == "__main__":
    main()
