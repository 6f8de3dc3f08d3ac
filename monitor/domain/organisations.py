"""Credit to the organisations that recorded the evidence a file counts, in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from monitor.i18n import number, t


def named(
    counts: Iterable[tuple[int | None, int]], names: Mapping[int, str]
) -> list[tuple[str, int]]:
    """(organisation id, entries) pairs as (its name, entries): "" for entries recorded under
    no organisation, and for an organisation the names do not know."""
    return [(names.get(org, "") if org is not None else "", int(n)) for org, n in counts]


def recorded_by(credits: Sequence[tuple[str, int]], lang: str) -> str:
    """The "Recorded by: Alpha 12, Beta 3." line for (name, entries) pairs, most first; an
    empty name is an entry recorded under no organisation. Empty when nothing is credited."""
    if not credits:
        return ""
    ordered = sorted(credits, key=lambda pair: (-pair[1], pair[0]))
    parts = [
        f"{name or t('brief.recorded_by_none', lang)} {number(count, lang)}"
        for name, count in ordered
    ]
    return t("brief.recorded_by", lang, credits=", ".join(parts))
