"""A cell naming several demands: a spreadsheet's "D01; D08", a field form's "D01 D08"."""

from __future__ import annotations

import pytest

from monitor.core.inputs import EvidenceInput
from monitor.core.validation import parse
from monitor.errors import InvalidInput

ENTRY = {
    "title": "Detained at a checkpoint",
    "event_start": "2025-06-01",
    "region_code": "kherson",
    "source_type": "ngo_report",
    "reliability": "B",
    "credibility": "2",
    "direction": "regression",
}


@pytest.mark.parametrize(
    "cell", ["D01; D08", "D01,D08", "D01 D08", " D01  D08 ", "D01;\tD08", "D01, D08;"]
)
def test_every_separator_a_person_or_a_form_writes(cell: str) -> None:
    entry = parse(EvidenceInput, {**ENTRY, "demands": cell})
    assert entry.demands == ["D01", "D08"]


def test_an_empty_cell_is_still_refused_as_no_demand() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse(EvidenceInput, {**ENTRY, "demands": " ;, "})
    assert "demands" in refused.value.problems
