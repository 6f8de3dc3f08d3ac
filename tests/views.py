"""Helpers only the tests need, composed of the pieces production code itself uses.

They live here, not in monitor/, so production modules carry no test-only code; the
current-status rule they check is still the one users see (`status.current_and_previous`),
the CSV bytes are the writer's, the points are the lookup the pages read.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import pandas as pd
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel, col

from monitor.core import search_text
from monitor.core.models import Evidence
from monitor.core.permissions import EVERY_ENTRY
from monitor.domain import csv_files, status
from monitor.domain.filters import EvidenceFilters
from monitor.queries.lookups import demand_titles, points_table, status_history
from monitor.queries.overview import demand_stats, evidence_cube


def demand_overview(engine: sa.Engine, lang: str = "en") -> pd.DataFrame:
    """One row per demand: code, title in `lang`, current score (or none), its date, evidence."""
    frame = demand_titles(engine, lang)
    current = status.current_and_previous(status_history(engine)).set_index("demand")
    cube = evidence_cube(engine, EvidenceFilters(), visible=EVERY_ENTRY, today=date.today())
    evidence = demand_stats(cube).set_index("demand")["evidence"]
    return frame.assign(
        score=frame["code"].map(current["score"]).astype("Int64"),
        assessed_on=frame["code"].map(current["assessed_on"]),
        evidence=frame["code"].map(evidence).fillna(0).astype("int64"),
    )


def count_evidence(engine: sa.Engine) -> int:
    """Evidence entries that are not withdrawn (each once, whatever its demands)."""
    query = (
        sa.select(sa.func.count()).select_from(Evidence).where(col(Evidence.withdrawn_at).is_(None))
    )
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def _not_the_search_index(name: str | None, type_: str, parent_names: object) -> bool:
    """The register's search index is the migration's alone (an FTS5 table and its shadow
    tables on SQLite, a pg_trgm index on PostgreSQL): no model describes it."""
    del type_, parent_names
    return not name or not (
        name.startswith(search_text.SQLITE_INDEX) or name == search_text.POSTGRES_INDEX
    )


def schema_differences(engine: sa.Engine) -> list[object]:
    """What Alembic's autogenerate would still change: empty when models and migrations agree."""
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": _not_the_search_index}
        ctx = MigrationContext.configure(conn, opts=opts)
        return list(compare_metadata(ctx, SQLModel.metadata))


def csv_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    fmt: csv_files.CsvFormat = csv_files.STANDARD,
    *,
    escaped: bool = False,
) -> bytes:
    """A whole CSV file in memory, written by the one writer (`csv_files.write_csv`)."""
    buffer = io.BytesIO()
    csv_files.write_csv(buffer, header, rows, fmt, escaped=escaped)
    return buffer.getvalue()


def draft_points(engine: sa.Engine, code: str) -> list[tuple[str, str]]:
    """(label, text) of a draft's points in order, as the pages read them."""
    table = points_table(engine, code)
    return list(zip(table["label"], table["text"], strict=True))
