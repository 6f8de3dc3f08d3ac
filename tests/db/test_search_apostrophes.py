"""The register's search on both engines: the three Ukrainian apostrophes are one character."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from monitor.core.db import session_scope
from monitor.core.models import Role
from monitor.core.permissions import EVERY_ENTRY
from monitor.domain.filters import EvidenceFilters
from monitor.queries.evidence import evidence_page
from monitor.services import evidence
from tests.db.test_evidence import valid
from tests.factories import make_actor

TITLES = {
    "ascii": "Черга на в'їзд до Мелітополя",
    "typographic": "Пункт в’їзду закрито",  # U+2019
    "modifier": "Вʼїзд заборонено чоловікам",  # U+02BC, the recommended apostrophe
}


@pytest.fixture
def entries(engine: sa.Engine) -> dict[str, str]:
    """One entry per apostrophe, plus one without the word; title -> uid."""
    uids = {}
    with session_scope(engine) as session:
        actor = make_actor(session, "editor", Role.EDITOR)
        for title in [*TITLES.values(), "Виїзд дозволено"]:
            entry = evidence.create(
                session=session, actor=actor, data=valid(title=title), today=date(2026, 11, 23)
            )
            uids[title] = entry.uid
    return uids


@pytest.mark.parametrize("typed", ["в'їзд", "В’ЇЗД", "вʼїзд"])
def test_search_finds_the_word_whatever_apostrophe_either_side_has(
    engine: sa.Engine, entries: dict[str, str], typed: str
) -> None:
    page, total = evidence_page(engine, EvidenceFilters(text=typed), visible=EVERY_ENTRY)
    assert set(page["title"]) == set(TITLES.values())
    assert total == len(TITLES)
    assert set(page["uid"]) == {entries[title] for title in TITLES.values()}
