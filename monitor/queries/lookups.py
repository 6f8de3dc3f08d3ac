"""Small lookups every page needs: demands, regions, the status history, drafts and coverage.

Each reads a handful of rows (tens, not thousands) and returns a DataFrame or a dict.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from monitor.core.models import (
    Assessment,
    AssessmentState,
    Coverage,
    Demand,
    Draft,
    DraftPoint,
    InboxItem,
    InboxState,
    Region,
    User,
    table_of,
)


def demand_titles(engine: Engine, lang: str) -> pd.DataFrame:
    """Demand codes and titles in display order (no counts: cheap)."""
    title = sa.label("title", col(Demand.title_uk) if lang == "uk" else col(Demand.title_en))
    query = sa.select(col(Demand.code), title).order_by(col(Demand.position), col(Demand.code))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["code", "title"])


def demand_row(engine: Engine, code: str) -> dict[str, Any] | None:
    """All fields of one demand."""
    with engine.connect() as conn:
        query = sa.select(table_of(Demand)).where(col(Demand.code) == code)
        row = conn.execute(query).mappings().first()
    return dict(row) if row else None


def regions(engine: Engine, lang: str = "en") -> pd.DataFrame:
    """The TOT regions in display order, with their names in `lang`."""
    name = sa.label("name", col(Region.name_uk) if lang == "uk" else col(Region.name_en))
    query = sa.select(col(Region.code), col(Region.katottg), name).order_by(col(Region.position))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["code", "katottg", "name"])


def status_history(engine: Engine) -> pd.DataFrame:
    """Every published assessment: demand, date, score, oldest first (small: a few per month)."""
    query = (
        sa.select(
            sa.label("demand", col(Demand.code)),
            col(Assessment.assessed_on),
            col(Assessment.score),
            col(Assessment.id),
        )
        .join(Demand, col(Demand.id) == col(Assessment.demand_id))
        .where(col(Assessment.state) == AssessmentState.PUBLISHED)
        .order_by(col(Assessment.assessed_on), col(Assessment.id))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["demand", "assessed_on", "score", "id"])


def coverage_matrix(engine: Engine) -> pd.DataFrame:
    """Every draft x demand coverage code, drafts by date: the gap matrix's data."""
    query = (
        sa.select(
            sa.label("draft", col(Draft.code)),
            col(Draft.title),
            col(Draft.published_on),
            sa.label("demand", col(Demand.code)),
            col(Coverage.level),
            col(Coverage.point_labels),
            col(Coverage.note),
            col(Coverage.uncertain),
        )
        .join(Draft, col(Draft.id) == col(Coverage.draft_id))
        .join(Demand, col(Demand.id) == col(Coverage.demand_id))
        .order_by(col(Draft.published_on), col(Draft.id), col(Demand.position))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(
        rows,
        columns=[
            "draft",
            "title",
            "published_on",
            "demand",
            "level",
            "points",
            "note",
            "uncertain",
        ],
    )


def drafts_table(engine: Engine) -> pd.DataFrame:
    """Every draft by date, with the code of the version it supersedes."""
    previous = aliased(Draft)
    query = (
        sa.select(
            col(Draft.code),
            col(Draft.title),
            col(Draft.proponent),
            col(Draft.published_on),
            col(Draft.status),
            col(Draft.source_url),
            col(Draft.confidence),
            col(Draft.notes),
            sa.label("supersedes", col(previous.code)),
        )
        .outerjoin(previous, col(previous.id) == col(Draft.supersedes_id))
        .order_by(col(Draft.published_on), col(Draft.id))
    )
    columns = [
        "code",
        "title",
        "proponent",
        "published_on",
        "status",
        "source_url",
        "confidence",
        "notes",
        "supersedes",
    ]
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=columns)


def points_table(engine: Engine, code: str) -> pd.DataFrame:
    """A draft's points in order: label and text."""
    query = (
        sa.select(col(DraftPoint.label), col(DraftPoint.text))
        .join(Draft, col(Draft.id) == col(DraftPoint.draft_id))
        .where(col(Draft.code) == code)
        .order_by(col(DraftPoint.position))
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["label", "text"])


def demand_and_region_codes(engine: Engine) -> tuple[set[str], set[str]]:
    """Every demand code and every region code: what a filter may name."""
    with engine.connect() as conn:
        demands = set(conn.execute(sa.select(col(Demand.code))).scalars())
        regions = set(conn.execute(sa.select(col(Region.code))).scalars())
    return demands, regions


def users(engine: Engine) -> pd.DataFrame:
    """Every account by name: username, role, whether active (never a password hash)."""
    query = sa.select(col(User.username), col(User.role), col(User.is_active)).order_by(
        col(User.username)
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["username", "role", "is_active"])


def sign_in_accounts_exist(conn: sa.Connection | Session) -> bool:
    """Whether any account can sign in (active, with a password): until one can, the app
    shows the first-run screen instead of the sign-in form. The one rule for "first run"."""
    query = sa.select(col(User.id)).where(
        col(User.is_active).is_(True), col(User.password_hash).is_not(None)
    )
    return conn.execute(query.limit(1)).first() is not None


def inbox_waiting(engine: Engine) -> pd.DataFrame:
    """New inbox items, newest first."""
    columns = ["id", "source", "url", "title", "summary", "published_at"]
    query = (
        sa.select(*(table_of(InboxItem).c[name] for name in columns))
        .where(col(InboxItem.state) == InboxState.NEW)
        .order_by(col(InboxItem.published_at).desc(), col(InboxItem.id).desc())
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=columns)
