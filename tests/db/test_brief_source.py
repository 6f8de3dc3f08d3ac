"""A brief's Overview figures from a caller's cache (`queries.brief.OverviewSource`): asked with
the data version read first and the FILE's visibility and filters, never the reader's, so a
cache keyed by them cannot hand a public brief the figures counted with confidential entries;
and the figures given are the ones the brief says (the same data SHA-256 as read afresh)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from monitor.core import audit
from monitor.core.db import session_scope
from monitor.core.models import Role, Sensitivity
from monitor.core.permissions import Visibility, visibility
from monitor.domain.brief_contents import BriefSubject
from monitor.domain.briefings import BriefingOptions
from monitor.domain.filters import EvidenceFilters
from monitor.queries import overview
from monitor.services import brief_pdf
from tests.factories import make_actor, make_evidence

Key = tuple[int, Visibility, EvidenceFilters, str, date, int]


class KeyedCache:
    """What the UI's st.cache_data does with `state.brief_overview`: one answer per key."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.kept: dict[Key, overview.OverviewData] = {}
        self.asked: list[Key] = []

    def __call__(
        self,
        version: int,
        visible: Visibility,
        filters: EvidenceFilters,
        lang: str,
        today: date,
        stale_days: int,
        /,
    ) -> overview.OverviewData:
        key = (version, visible, filters, lang, today, stale_days)
        self.asked.append(key)
        if key not in self.kept:
            self.kept[key] = overview.overview_data(
                self.engine,
                filters,
                visible=visible,
                lang=lang,
                today=today,
                stale_days=stale_days,
            )
        return self.kept[key]


def _seed(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "olena", Role.EDITOR)
        for _ in range(2):
            make_evidence(session, editor, demands=("D02",))
        make_evidence(session, editor, demands=("D02",), sensitivity=Sensitivity.CONFIDENTIAL)
        audit.record(session, editor, "create", "evidence", 1)


def test_the_source_is_asked_with_the_files_visibility(engine: sa.Engine) -> None:
    _seed(engine)
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
    cache = KeyedCache(engine)
    # the admin's page left its own (wider) figures in the cache, for the same data version
    with engine.connect() as conn:
        version = audit.data_version(conn)
    today = datetime.now(UTC).date()
    wide = cache(version, visibility(admin), EvidenceFilters(), "en", today, 60)
    assert int(wide.evidence_total) == 3
    now = datetime.now(UTC)
    cached = brief_pdf.build(
        engine=engine,
        actor=admin,
        subject=BriefSubject("all"),
        options=BriefingOptions(lang="en"),
        now=now,
        source=cache,
    )
    asked_version, visible, filters, *_ = cache.asked[-1]
    assert asked_version == version
    assert visible.sensitivities == (Sensitivity.PUBLIC,)
    assert filters.sensitivities == (Sensitivity.PUBLIC,)
    assert cache.kept[cache.asked[-1]].evidence_total == 2
    fresh = brief_pdf.build(
        engine=engine,
        actor=admin,
        subject=BriefSubject("all"),
        options=BriefingOptions(lang="en"),
        now=now,
    )
    assert cached.data_sha256 == fresh.data_sha256  # the same figures, so the same brief
    # the admin's confidential brief is another key, with its own figures
    brief_pdf.build(
        engine=engine,
        actor=admin,
        subject=BriefSubject("demand", "D02"),
        options=BriefingOptions(lang="uk", include_confidential=True),
        now=now,
        source=cache,
    )
    _, visible, filters, lang, *_ = cache.asked[-1]
    assert Sensitivity.CONFIDENTIAL in visible.sensitivities
    assert filters.demands == ("D02",) and lang == "uk"
    assert cache.kept[cache.asked[-1]].evidence_total == 3
