"""The read side: filtered aggregates and pages of rows as DataFrames, computed in SQL."""

from monitor.queries.overview import count_evidence, demand_overview, regions
from monitor.queries.registers import (
    RegisterFilters,
    evidence_detail,
    evidence_history,
    evidence_page,
    visible_sensitivities,
)

__all__ = [
    "RegisterFilters",
    "count_evidence",
    "demand_overview",
    "evidence_detail",
    "evidence_history",
    "evidence_page",
    "regions",
    "visible_sensitivities",
]
