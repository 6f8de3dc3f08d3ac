"""Words of a text and their dictionary forms, so that matching understands inflection.

A word is a run of letters, with apostrophes inside it («в'їзд», "Ukraine's"); digits,
hyphens and punctuation separate words. Each word has a set of keys: for Ukrainian (and any
Cyrillic) the lemmas a morphological analyser gives («лінії» -> лінія, «прав» -> право, правити,
прати: every reading, since one cannot choose without parsing the sentence); for English the
Snowball stem ("detainees" -> "detaine", "mines" -> "mine", "minerals" -> "miner"). Two words
are the same word when their keys meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pymorphy3
from snowballstemmer.english_stemmer import EnglishStemmer

from monitor.core.text import ASCII_APOSTROPHE, fold, unify_apostrophes

_LETTERS = r"[^\W\d_]+"
_WORD = re.compile(rf"{_LETTERS}(?:{ASCII_APOSTROPHE}{_LETTERS})*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Where Snowball joins words of different meaning that the lexicon must keep apart:
# "mining" (of minerals) would otherwise be the stem of "mine" (the explosive).
_ENGLISH_KEEP_AS_IS = frozenset({"mining"})


@dataclass(frozen=True)
class Word:
    """One word of a text: where it is (offsets into the text) and its dictionary keys."""

    start: int
    end: int
    keys: frozenset[str]


@cache
def ukrainian_analyser() -> pymorphy3.MorphAnalyzer:
    """The Ukrainian analyser, built on first use and kept for the life of the process.

    Building it loads the dictionaries (measured: about 0.1 s and 28 MB on a shared 2-core
    machine, against some 0.1 ms to look up one word): building one per call would make every
    suggestion slow, and building it at import would slow every start of the app, also where
    no suggestion is ever asked for.
    """
    return pymorphy3.MorphAnalyzer(lang="uk")


@cache
def _english_stemmer() -> EnglishStemmer:
    """Snowball's English (Porter2) stemmer, the pure-Python one (the same stems everywhere)."""
    return EnglishStemmer()


@lru_cache(maxsize=65536)
def keys(word: str) -> frozenset[str]:
    """The dictionary keys of one word (any case, any apostrophe)."""
    folded = fold(word)
    if _CYRILLIC.search(folded):
        return frozenset(ukrainian_analyser().normal_forms(folded)) or frozenset({folded})
    if folded.isascii():
        if folded in _ENGLISH_KEEP_AS_IS:
            return frozenset({folded})
        return frozenset({_english_stemmer().stemWord(folded)})
    return frozenset({folded})


def words(text: str) -> tuple[Word, ...]:
    """The words of `text` in order, with offsets into `text` as given."""
    # unify_apostrophes keeps every offset, so spans found in it are spans of `text`
    return tuple(
        Word(m.start(), m.end(), keys(m.group(0))) for m in _WORD.finditer(unify_apostrophes(text))
    )
