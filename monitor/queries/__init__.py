"""The read side: filtered aggregates and pages of rows as DataFrames, computed in SQL."""

from monitor.queries.overview import count_evidence, demand_overview, regions
from monitor.queries.registers import (
    EvidenceFilters,
    evidence_detail,
    evidence_history,
    evidence_page,
    visible_sensitivities,
)

__all__ = [
    "EvidenceFilters",
    "count_evidence",
    "demand_overview",
    "evidence_detail",
    "evidence_history",
    "evidence_page",
    "regions",
    "visible_sensitivities",
]
