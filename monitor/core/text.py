"""How two pieces of text are compared: case folded, and the three apostrophes as one.

Ukrainian is typed with three apostrophes: the ASCII ' of most keyboards, the typographic ’
(U+2019) of word processors, and ʼ (U+02BC), the one the orthography recommends. «в'їзд»,
«в’їзд» and «вʼїзд» are one word, so every comparison (the register's search, the keyword
suggestions) folds them to the ASCII one, the form the Ukrainian dictionaries use.
"""

from __future__ import annotations

ASCII_APOSTROPHE = "'"
OTHER_APOSTROPHES = "\u2019\u02bc"  # ’ and ʼ


def unify_apostrophes(text: str) -> str:
    """`text` with every apostrophe the ASCII one; the length and offsets stay the same.

    Two `str.replace` calls, not `str.translate`: a replace that finds nothing returns the
    text as it is, at a fraction of translate's cost a character (an import folds every
    row's texts)."""
    for other in OTHER_APOSTROPHES:
        text = text.replace(other, ASCII_APOSTROPHE)
    return text


def fold(text: str) -> str:
    """The form text is compared in: case folded (Cyrillic too), apostrophes unified."""
    return unify_apostrophes(text.casefold())
