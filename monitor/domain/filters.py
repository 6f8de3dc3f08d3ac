"""Which evidence a view selects, as a plain value: the filters, and their form in a shared URL.

The SQL form of these filters is `monitor.queries.evidence.evidence_conditions`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date


@dataclass(frozen=True)
class EvidenceFilters:
    """What a register (or a briefing) is narrowed to; empty means everything."""

    demands: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    verification: tuple[str, ...] = ()
    source_types: tuple[str, ...] = ()
    sensitivities: tuple[str, ...] = ()
    organisations: tuple[int, ...] = ()  # recorded by these organisations (their ids)
    text: str = ""
    include_withdrawn: bool = False
    incident: int | None = None  # the entries of this incident only


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(",") if v)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _ids(value: str | None) -> tuple[int, ...]:
    return tuple(sorted({int(v) for v in _split(value) if v.isdigit() and len(v) < 10}))


def from_query(params: dict[str, str]) -> EvidenceFilters:
    """Filters from a URL query string (a shared link); anything malformed is ignored."""
    include = set(_split(params.get("include") or "corroborated,unverified"))
    verification: tuple[str, ...] = ()
    if include != {"corroborated", "unverified"}:
        verification = ("verified", *sorted(include & {"corroborated", "unverified"}))
    return EvidenceFilters(
        demands=_split(params.get("demand")),
        regions=_split(params.get("region")),
        date_from=_date(params.get("from")),
        date_to=_date(params.get("to")),
        verification=verification,
        organisations=_ids(params.get("org")),
    )


def to_query(filters: EvidenceFilters) -> dict[str, str]:
    """The URL query string for these filters (only what differs from the default)."""
    query: dict[str, str] = {}
    if filters.demands:
        query["demand"] = ",".join(filters.demands)
    if filters.regions:
        query["region"] = ",".join(filters.regions)
    if filters.date_from:
        query["from"] = filters.date_from.isoformat()
    if filters.date_to:
        query["to"] = filters.date_to.isoformat()
    if filters.organisations:
        query["org"] = ",".join(str(o) for o in filters.organisations)
    if filters.verification:
        query["include"] = ",".join(v for v in filters.verification if v != "verified") or "none"
    return query


def as_record(filters: EvidenceFilters) -> dict[str, object]:
    """The filters as the audit log keeps them: only what narrows, by field name, in JSON's
    own types (a list, an ISO date), so a reader of the log sees `{"demands": ["D05"]}`
    rather than Python's spelling of the whole object."""
    record: dict[str, object] = {}
    for field in fields(filters):
        value = getattr(filters, field.name)
        if value == field.default:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        record[field.name] = value
    return record


# the fields behind each filter a briefing may read (`briefing_kinds.READS`)
_GROUPS = {
    "demands": ("demands",),
    "regions": ("regions",),
    "dates": ("date_from", "date_to"),
    "verification": ("verification",),
    "organisations": ("organisations",),
    "sensitivity": ("sensitivities",),  # set from the file's options by the export's check
}


def narrowed(filters: EvidenceFilters, reads: frozenset[str]) -> EvidenceFilters:
    """Only the filters a file reads; the rest back to their defaults, so that what the file
    is said to be narrowed by (its provenance, the audit log) is what narrowed it."""
    kept = {name for group in reads for name in _GROUPS.get(group, ())}
    return EvidenceFilters(
        **{f.name: getattr(filters, f.name) for f in fields(filters) if f.name in kept}
    )
