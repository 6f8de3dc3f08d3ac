"""The publication's pure parts: HXL tags, status rows, the citation, the manifest."""

from __future__ import annotations

from datetime import UTC, date, datetime

import hxl
import pytest

from monitor.domain import publication as pub

CODES = [f"D{n:02d}" for n in range(1, 11)]


def test_every_column_has_a_valid_hxl_hashtag_and_a_description() -> None:
    for table in pub.tables(CODES):
        for column in table.columns:
            parsed = hxl.model.Column.parse(column.hxl)
            assert parsed is not None and parsed.display_tag == column.hxl, column.name
            assert column.description and column.type in (
                "string",
                "integer",
                "boolean",
                "date",
                "datetime",
            )
        assert set(table.primary_key) <= set(table.names)
    assert pub.hxl_attribute("D01") == "d01" and pub.hxl_attribute("1-A") == "c_1_a"
    with pytest.raises(ValueError, match="not an HXL hashtag part"):
        pub.hxl_tag("indicator", "Code")


def test_status_rows_say_the_previous_score_and_which_is_current() -> None:
    labels = {"en": {s: f"en{s}" for s in range(4)}, "uk": {s: f"uk{s}" for s in range(4)}}
    at = datetime(2025, 2, 1, 9, 30, tzinfo=UTC)
    history = [
        {"id": 7, "demand": "D02", "assessed_on": date(2025, 3, 1), "score": 2, "decided_at": at},
        {"id": 3, "demand": "D02", "assessed_on": date(2025, 1, 1), "score": 0, "decided_at": None},
        {"id": 5, "demand": "D01", "assessed_on": date(2025, 2, 1), "score": 3, "decided_at": at},
    ]
    assert pub.status_rows(history, labels) == [
        [3, "D02", "2025-01-01", 0, "en0", "uk0", None, False, None],
        [5, "D01", "2025-02-01", 3, "en3", "uk3", None, True, "2025-02-01T09:30:00Z"],
        [7, "D02", "2025-03-01", 2, "en2", "uk2", 0, True, "2025-02-01T09:30:00Z"],
    ]


def test_citation_and_manifest() -> None:
    moment = datetime(2026, 12, 1, 10, 5, tzinfo=UTC)
    line = pub.citation(pub.Provenance("2026.12", 42, moment, "https://data.example.org/dm"))
    assert line == (
        "Demands Monitor open data, data version 42 (2026-12-01; reference data release "
        "2026.12). Licensed CC-BY-4.0. https://data.example.org/dm"
    )
    assert pub.manifest({"b.csv": "2" * 64, "a.csv": "1" * 64}) == (
        f"{'1' * 64}  a.csv\n{'2' * 64}  b.csv\n"
    )


def test_cells_are_guarded_booleans_and_missing_values_spelled_out() -> None:
    columns = (
        pub.Column("t", "string", "#meta", "x"),
        pub.Column("b", "boolean", "#meta", "y"),
        pub.Column("u", "string", "#meta+id", "z", unique=True),
    )
    rows = [("=1+2", 1, "@id"), (None, 0, None), ("=1+2", None, "ok")]
    assert [list(r) for r in pub.guard_rows(columns, rows)] == [
        ["'=1+2", "true", "'@id"],
        ["", "false", ""],
        ["'=1+2", "", "ok"],
    ]
