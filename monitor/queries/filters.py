"""Which evidence a view selects: the filters, and what the acting user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from monitor import demand_mask
from monitor.auth import Actor
from monitor.models import Evidence, Role, Sensitivity
from monitor.sqlfuncs import casefold


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
    text: str = ""
    include_withdrawn: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def visible_sensitivities(actor: Actor) -> tuple[Sensitivity, ...]:
    """Viewers never receive confidential entries; editors and admins see all."""
    if actor.role == Role.VIEWER:
        return (Sensitivity.PUBLIC, Sensitivity.RESTRICTED)
    return tuple(Sensitivity)


def evidence_conditions(filters: EvidenceFilters, actor: Actor) -> list[sa.ColumnElement[bool]]:
    """WHERE clauses on `evidence` for these filters, as this actor may see it."""
    clauses: list[sa.ColumnElement[bool]] = []
    if set(visible_sensitivities(actor)) != set(Sensitivity):
        clauses.append(col(Evidence.sensitivity).in_(visible_sensitivities(actor)))
    if not filters.include_withdrawn:
        clauses.append(col(Evidence.withdrawn_at).is_(None))
    if filters.demands:
        clauses.append(
            demand_mask.overlaps(col(Evidence.demand_mask), demand_mask.of_codes(filters.demands))
        )
    if filters.regions:
        clauses.append(col(Evidence.region_code).in_(filters.regions))
    if filters.date_from:
        clauses.append(
            sa.func.coalesce(Evidence.event_end, Evidence.event_start) >= filters.date_from
        )
    if filters.date_to:
        clauses.append(col(Evidence.event_start) <= filters.date_to)
    if filters.verification:
        clauses.append(col(Evidence.verification).in_(filters.verification))
    if filters.source_types:
        clauses.append(col(Evidence.source_type).in_(filters.source_types))
    if filters.sensitivities:
        clauses.append(col(Evidence.sensitivity).in_(filters.sensitivities))
    text = filters.text.strip().casefold()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        clauses.append(
            sa.or_(
                *(
                    casefold(c).like(pattern, escape="\\")
                    for c in (
                        Evidence.title,
                        Evidence.description,
                        Evidence.settlement_name,
                        Evidence.source_title,
                        Evidence.uid,
                    )
                )
            )
        )
    return clauses


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(",") if v)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


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
    if filters.verification:
        query["include"] = ",".join(v for v in filters.verification if v != "verified") or "none"
    return query
