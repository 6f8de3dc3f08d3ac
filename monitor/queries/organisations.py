"""The organisations sharing the instance, as the Admin page, filters and briefings show them."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.core.models import Evidence, Organisation, User
from monitor.core.permissions import SYSTEM_USERNAME, Visibility
from monitor.domain.filters import EvidenceFilters
from monitor.domain.organisations import named
from monitor.queries.evidence import evidence_conditions

COLUMNS = ["id", "code", "name_en", "name_uk", "members"]


def listing(engine: Engine) -> pd.DataFrame:
    """Every organisation, first made first, with how many people's accounts belong to it
    (the system account, in the default organisation, is no one's)."""
    members = (
        sa.select(sa.func.count())
        .where(
            col(User.organisation_id) == col(Organisation.id),
            col(User.username) != SYSTEM_USERNAME,
        )
        .scalar_subquery()
    )
    query = sa.select(
        col(Organisation.id),
        col(Organisation.code),
        col(Organisation.name_en),
        col(Organisation.name_uk),
        members.label("members"),
    ).order_by(col(Organisation.id))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=COLUMNS)


def name_in(row: Mapping[str, object], lang: str) -> str:
    """An organisation's name in `lang`: the Ukrainian one if asked for and given, else the
    one name it has."""
    uk = str(row.get("name_uk") or "")
    return uk if lang == "uk" and uk else str(row.get("name_en") or "")


def names(engine: Engine, lang: str) -> dict[int, str]:
    """Each organisation's name in `lang`, by id (filters and credits show names, not ids)."""
    frame = listing(engine)
    return {int(r["id"]): name_in(r, lang) for r in frame.to_dict("records")}


def memberships(engine: Engine) -> dict[str, str]:
    """Each account's organisation code by user name ("" for an account in none)."""
    query = sa.select(col(User.username), col(Organisation.code)).outerjoin(
        Organisation, col(Organisation.id) == col(User.organisation_id)
    )
    with engine.connect() as conn:
        return {name: code or "" for name, code in conn.execute(query).all()}


def credits(
    engine: Engine, filters: EvidenceFilters, *, visible: Visibility, lang: str
) -> list[tuple[str, int]]:
    """How many of the entries these filters select (as `visible` allows) each organisation
    recorded: (its name in `lang`, or "" for none; entries), for a file's "Recorded by"."""
    query = (
        sa.select(col(Evidence.organisation_id), sa.func.count())
        .where(*evidence_conditions(filters, visible))
        .group_by(col(Evidence.organisation_id))
    )
    with engine.connect() as conn:
        counted = [(org, int(n)) for org, n in conn.execute(query).all()]
    return named(counted, names(engine, lang) if counted else {})
