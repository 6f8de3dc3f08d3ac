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
    CoverageProposal,
    Demand,
    Draft,
    DraftPoint,
    InboxItem,
    InboxState,
    Region,
    User,
    table_of,
)
from monitor.core.permissions import SYSTEM_USERNAME


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


def _in(lang: str, english: Any, ukrainian: Any) -> Any:
    """A draft's text in the UI's language, or in the other one where it has none."""
    first, second = (ukrainian, english) if lang == "uk" else (english, ukrainian)
    return sa.func.coalesce(sa.func.nullif(first, ""), second)


def _translated(lang: str, original: Any, english: Any, ukrainian: Any) -> Any:
    """Whether the text `_in` shows is our translation, not the language it was taken in."""
    wanted, other = ("uk", "en") if lang == "uk" else ("en", "uk")
    has_wanted = (ukrainian if lang == "uk" else english) != ""
    return sa.case((has_wanted, wanted), else_=other) != original


COVERAGE_COLUMNS = [
    "draft",
    "title",
    "published_on",
    "confidence",
    "demand",
    "level",
    "points",
    "note",
    "uncertain",
    "legal_review",
    "legal_note",
]


def coverage_matrix(engine: Engine, lang: str = "en") -> pd.DataFrame:
    """Every approved draft x demand code, drafts by date, with each draft's confidence: the
    gap matrix's data (pending proposals are in `coverage_proposals`)."""
    query = (
        sa.select(
            sa.label("draft", col(Draft.code)),
            sa.label("title", _in(lang, col(Draft.title), col(Draft.title_uk))),
            col(Draft.published_on),
            col(Draft.confidence),
            sa.label("demand", col(Demand.code)),
            col(Coverage.level),
            col(Coverage.point_labels),
            col(Coverage.note),
            col(Coverage.uncertain),
            col(Coverage.legal_review),
            col(Coverage.legal_note),
        )
        .join(Draft, col(Draft.id) == col(Coverage.draft_id))
        .join(Demand, col(Demand.id) == col(Coverage.demand_id))
        .order_by(col(Draft.published_on), col(Draft.id), col(Demand.position))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


DRAFT_COLUMNS = [
    "code",
    "title",
    "title_translated",
    "original_language",
    "proponent",
    "published_on",
    "status",
    "source_url",
    "other_sources",
    "confidence",
    "notes",
    "supersedes",
]


def drafts_table(engine: Engine, lang: str = "en") -> pd.DataFrame:
    """Every draft by date: title in `lang` (and whether that is our translation), sources,
    the confidence of its text, and the code of the version it supersedes."""
    previous = aliased(Draft)
    query = (
        sa.select(
            col(Draft.code),
            sa.label("title", _in(lang, col(Draft.title), col(Draft.title_uk))),
            sa.label(
                "title_translated",
                _translated(
                    lang, col(Draft.original_language), col(Draft.title), col(Draft.title_uk)
                ),
            ),
            col(Draft.original_language),
            col(Draft.proponent),
            col(Draft.published_on),
            col(Draft.status),
            col(Draft.source_url),
            col(Draft.other_sources),
            col(Draft.confidence),
            col(Draft.notes),
            sa.label("supersedes", col(previous.code)),
        )
        .outerjoin(previous, col(previous.id) == col(Draft.supersedes_id))
        .order_by(col(Draft.published_on), col(Draft.id))
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=DRAFT_COLUMNS)


def points_table(engine: Engine, code: str, lang: str = "en") -> pd.DataFrame:
    """A draft's points in order: label, text in `lang`, and whether that is our translation."""
    query = (
        sa.select(
            col(DraftPoint.label),
            sa.label("text", _in(lang, col(DraftPoint.text), col(DraftPoint.text_uk))),
            sa.label(
                "translated",
                _translated(
                    lang,
                    col(Draft.original_language),
                    col(DraftPoint.text),
                    col(DraftPoint.text_uk),
                ),
            ),
        )
        .join(Draft, col(Draft.id) == col(DraftPoint.draft_id))
        .where(col(Draft.code) == code)
        .order_by(col(DraftPoint.position))
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["label", "text", "translated"])


def _proposals() -> sa.Select[*tuple[Any, ...]]:
    """Every proposed coverage code with its cell, who proposed it and who decided."""
    author, approver = aliased(User), aliased(User)
    return (
        sa.select(
            col(CoverageProposal.id),
            sa.label("draft", col(Draft.code)),
            sa.label("demand", col(Demand.code)),
            col(CoverageProposal.proposed_at),
            sa.label("author", col(author.username)),
            col(CoverageProposal.author_id),
            col(CoverageProposal.level),
            sa.label("points", col(CoverageProposal.point_labels)),
            col(CoverageProposal.note),
            col(CoverageProposal.uncertain),
            col(CoverageProposal.legal_review),
            col(CoverageProposal.legal_note),
            col(CoverageProposal.state),
            sa.label("approver", col(approver.username)),
            col(CoverageProposal.decided_at),
            col(CoverageProposal.self_approved),
            col(CoverageProposal.reason),
        )
        .join(Draft, col(Draft.id) == col(CoverageProposal.draft_id))
        .join(Demand, col(Demand.id) == col(CoverageProposal.demand_id))
        .join(author, col(author.id) == col(CoverageProposal.author_id))
        .outerjoin(approver, col(approver.id) == col(CoverageProposal.approver_id))
    )


def _frame(engine: Engine, query: sa.Select[*tuple[Any, ...]]) -> pd.DataFrame:
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=list(query.selected_columns.keys()))


def coverage_history(engine: Engine, draft: str, demand: str) -> pd.DataFrame:
    """Every code proposed for one cell, newest first: who, when, what, and what became of it."""
    query = (
        _proposals()
        .where(col(Draft.code) == draft, col(Demand.code) == demand)
        .order_by(col(CoverageProposal.proposed_at).desc(), col(CoverageProposal.id).desc())
    )
    return _frame(engine, query)


def coverage_proposals(engine: Engine) -> pd.DataFrame:
    """Codes waiting for a second editor, oldest first (what the review list shows)."""
    query = (
        _proposals()
        .where(col(CoverageProposal.state) == AssessmentState.PROPOSED)
        .order_by(col(CoverageProposal.proposed_at), col(CoverageProposal.id))
    )
    return _frame(engine, query)


def demand_and_region_codes(engine: Engine) -> tuple[set[str], set[str]]:
    """Every demand code and every region code: what a filter may name."""
    with engine.connect() as conn:
        demands = set(conn.execute(sa.select(col(Demand.code))).scalars())
        regions = set(conn.execute(sa.select(col(Region.code))).scalars())
    return demands, regions


def users(engine: Engine) -> pd.DataFrame:
    """Every person's account by name: username, role, whether active (never a password
    hash); the system account is no one's."""
    query = (
        sa.select(col(User.username), col(User.role), col(User.is_active))
        .where(col(User.username) != SYSTEM_USERNAME)
        .order_by(col(User.username))
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


def all_points(engine: Engine, lang: str = "en") -> dict[str, list[tuple[str, str]]]:
    """Every draft's points in order, in one query: draft code -> [(label, text in `lang`)]."""
    query = (
        sa.select(
            col(Draft.code),
            col(DraftPoint.label),
            _in(lang, col(DraftPoint.text), col(DraftPoint.text_uk)),
        )
        .join(Draft, col(Draft.id) == col(DraftPoint.draft_id))
        .order_by(col(Draft.id), col(DraftPoint.position))
    )
    found: dict[str, list[tuple[str, str]]] = {}
    with engine.connect() as conn:
        for code, label, text in conn.execute(query):
            found.setdefault(code, []).append((label, text))
    return found
