"""What each briefing file reads of the filters: a drafts' coverage file carries, and is said
to be narrowed by, only the demands chosen; the evidence files everything."""

from __future__ import annotations

from datetime import date

from monitor.domain import briefing_kinds
from monitor.domain.filters import EvidenceFilters, as_record, narrowed

CHOSEN = EvidenceFilters(
    demands=("D02",),
    regions=("kherson",),
    date_from=date(2025, 1, 1),
    date_to=date(2025, 12, 31),
    verification=("verified",),
    organisations=(3,),
)


def test_every_file_says_what_it_reads() -> None:
    assert set(briefing_kinds.READS) == set(briefing_kinds.FILE_KINDS)
    for kind, reads in briefing_kinds.READS.items():
        assert "demands" in reads, kind  # every file is about some demands
        assert reads <= briefing_kinds.EVERY_FILTER | {briefing_kinds.SENSITIVITY}, kind


def test_a_coverage_file_keeps_only_the_demands() -> None:
    for kind in ("gaps", "strip", briefing_kinds.COMPARISON):
        kept = narrowed(CHOSEN, briefing_kinds.READS[kind])
        assert as_record(kept) == {"demands": ["D02"]}, kind  # what the audit log records


def test_a_status_history_keeps_its_demands_and_dates() -> None:
    kept = narrowed(CHOSEN, briefing_kinds.READS["history"])
    assert kept == EvidenceFilters(
        demands=("D02",), date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)
    )


def test_the_evidence_and_the_pack_keep_every_filter() -> None:
    for kind in ("evidence", "status", briefing_kinds.PACK):
        assert narrowed(CHOSEN, briefing_kinds.READS[kind]) == CHOSEN, kind
