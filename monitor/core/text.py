"""How two pieces of text are compared: case folded, and the three apostrophes as one.

Ukrainian is typed with three apostrophes: the ASCII ' of most keyboards, the typographic ’
(U+2019) of word processors, and ʼ (U+02BC), the one the orthography recommends. «в'їзд»,
«в’їзд» and «вʼїзд» are one word, so every comparison (the register's search, the keyword
suggestions) folds them to the ASCII one, the form the Ukrainian dictionaries use.
"""

from __future__ import annotations

ASCII_APOSTROPHE = "'"
OTHER_APOSTROPHES = "\u2019\u02bc"  # ’ and ʼ
_TO_ASCII = str.maketrans(dict.fromkeys(OTHER_APOSTROPHES, ASCII_APOSTROPHE))


def unify_apostrophes(text: str) -> str:
    """`text` with every apostrophe the ASCII one; the length and offsets stay the same."""
    return text.translate(_TO_ASCII)


def fold(text: str) -> str:
    """The form text is compared in: case folded (Cyrillic too), apostrophes unified."""
    return unify_apostrophes(text.casefold())
