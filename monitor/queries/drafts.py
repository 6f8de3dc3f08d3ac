"""Drafts and their points, for the drafts page and the gap matrix."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import col

from monitor.models import Draft, DraftPoint


def drafts_table(engine: Engine) -> pd.DataFrame:
    """Every draft by date, with the code of the version it supersedes."""
    previous = aliased(Draft)
    query = (
        sa.select(
            Draft.code,
            Draft.title,
            Draft.proponent,
            Draft.published_on,
            Draft.status,
            Draft.source_url,
            Draft.confidence,
            Draft.notes,
            previous.code.label("supersedes"),
        )
        .outerjoin(previous, previous.id == col(Draft.supersedes_id))
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
        sa.select(DraftPoint.label, DraftPoint.text)
        .join(Draft, col(Draft.id) == col(DraftPoint.draft_id))
        .where(col(Draft.code) == code)
        .order_by(col(DraftPoint.position))
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["label", "text"])
