"""The register's search through the stored, indexed search text (monitor.core.search_text):
every writer keeps the text in step, and a search finds exactly what folding each of the
entry's texts at search time found (case, Cyrillic, the three apostrophes, wildcards literal)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from monitor.core import migrate, search_text
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Evidence, Role
from monitor.core.permissions import EVERY_ENTRY
from monitor.core.text import fold
from monitor.domain.filters import EvidenceFilters
from monitor.queries import evidence as queries
from monitor.services import demo_data, evidence
from monitor.services.accounts import system_actor
from tests.db.test_evidence import valid
from tests.db.test_import import csv_bytes, rows, run_import
from tests.factories import make_actor

TODAY = date(2026, 11, 23)
TEXTS = [
    ("Черга на в'їзд до Мелітополя", "ASCII apostrophe"),
    ("Пункт в’їзду закрито", "typographic apostrophe"),
    ("Вʼїзд заборонено", "the recommended apostrophe"),
    ("STRASSE closed", "Die Straße ist gesperrt"),
    ("100% of pensions", "paid_out in full"),
    ("A * star and a ? mark", "brackets [x] and a back\\slash"),
    ("Виїзд дозволено", "ОБМЕЖЕННЯ В ЗАПОРІЖЖІ"),
]
SEARCHES = [
    "в'їзд",
    "В’ЇЗД",
    "вʼїзд",
    "їзд",
    "straße",
    "STRASSE",
    "100%",
    "%",
    "_",
    "paid_",
    "*",
    "?",
    "[x]",
    "[",
    "k\\s",
    "запоріжжі",
    "в",
    "no such words",
]


def stored(engine: sa.Engine) -> list[tuple[str, str]]:
    """(search_text as stored, as `build` makes it now) of every entry."""
    names = ", ".join(search_text.SEARCHED)
    with engine.connect() as conn:
        found = conn.execute(sa.text(f"SELECT search_text, {names} FROM evidence")).mappings()
        return [(row["search_text"], search_text.build(row)) for row in found]


def expected(engine: sa.Engine, typed: str) -> set[int]:
    """The entries folding each text at search time finds: the rule before the index."""
    term = fold(typed.strip())
    names = ", ".join(search_text.SEARCHED)
    with engine.connect() as conn:
        found = conn.execute(sa.text(f"SELECT id, {names} FROM evidence")).mappings().all()
    return {
        row["id"]
        for row in found
        if any(term in fold(row[name] or "") for name in search_text.SEARCHED)
    }


def found(engine: sa.Engine, typed: str, *, total: int | None = None) -> set[int]:
    filters = EvidenceFilters(text=typed)
    count = queries.evidence_count(engine, filters, visible=EVERY_ENTRY)
    frame = queries.evidence_rows(
        engine, filters, visible=EVERY_ENTRY, total=count if total is None else total, page_size=500
    )
    assert len(frame) == count
    return set(frame["id"])


@pytest.fixture
def texts(engine: sa.Engine) -> list[int]:
    ids = []
    with session_scope(engine) as session:
        actor = make_actor(session, "editor", Role.EDITOR)
        for title, description in TEXTS:
            entry = evidence.create(
                session=session,
                actor=actor,
                data=valid(title=title, description=description),
                today=TODAY,
            )
            ids.append(entry.id)
    return ids


@pytest.mark.parametrize("typed", SEARCHES)
def test_a_search_finds_what_folding_each_text_found(
    engine: sa.Engine, texts: list[int], typed: str
) -> None:
    want = expected(engine, typed)
    assert found(engine, typed) == want
    assert found(engine, typed, total=10**9) == want  # read row by row: the same entries
    assert found(engine, typed, total=0) == want  # through the index: the same entries


def test_the_expected_entries_are_the_ones_a_person_means(
    engine: sa.Engine, texts: list[int]
) -> None:
    assert found(engine, "вʼїзд") == set(texts[:3])
    assert found(engine, "100%") == {texts[4]}
    assert found(engine, "*") == {texts[5]}
    assert found(engine, "no such words") == set()


def test_the_stable_id_is_searched(engine: sa.Engine, texts: list[int]) -> None:
    with engine.connect() as conn:
        uid = conn.execute(sa.select(Evidence.uid).where(Evidence.id == texts[2])).scalar_one()
    assert found(engine, uid.upper()[4:20]) == {texts[2]}


def test_a_search_holding_a_line_break_tests_each_text_alone(
    engine: sa.Engine, texts: list[int]
) -> None:
    # the stored text joins the texts with a line break: the search must not span two of them
    title, description = TEXTS[0]
    across = fold(title)[-4:] + search_text.SEPARATOR + fold(description)[:4]
    assert found(engine, across) == set()


def test_an_edit_a_withdrawal_and_a_restored_text_keep_the_search_text(
    engine: sa.Engine, texts: list[int]
) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "editor2", Role.EDITOR)
        entry = evidence.load(session=session, evidence_id=texts[0])
        evidence.edit(
            session=session,
            actor=actor,
            evidence_id=texts[0],
            expected_version=entry.version,
            data=valid(title="Блокпост на Чонгарі", description="Черга"),
            today=TODAY,
        )
    assert found(engine, "в'їзд") == set(texts[1:3])
    assert found(engine, "ЧОНГАР") == {texts[0]}
    assert all(now == built for now, built in stored(engine))


def test_an_import_and_the_demo_data_write_the_search_text(engine: sa.Engine) -> None:
    report = run_import(engine, "partner.csv", csv_bytes(rows(30)))
    assert report.created == 30
    with session_scope(engine) as session:
        demo_data.load_demo_data(
            session=session, actor=system_actor(session=session), evidence=40, seed=3, today=TODAY
        )
    pairs = stored(engine)
    assert len(pairs) == 70
    assert all(now == built for now, built in pairs)
    assert found(engine, "«ЛАПКИ»") == expected(engine, "«лапки»")
    assert len(found(engine, "«лапки»")) == 30
    assert found(engine, "passport") == expected(engine, "passport")


def test_the_migration_fills_the_search_text_of_entries_already_there(database_url: str) -> None:
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        actor = make_actor(session, "editor", Role.EDITOR)
        evidence.create(
            session=session, actor=actor, data=valid(title="В’ЇЗД закрито"), today=TODAY
        )
    engine.dispose()
    migrate.downgrade(database_url, "0016")  # the entry as it was before the search text
    migrate.upgrade(database_url)
    engine = make_engine(database_url)
    assert [now for now, _ in stored(engine)] == [built for _, built in stored(engine)]
    assert "в'їзд закрито" in stored(engine)[0][0]
    assert len(found(engine, "вʼїзд")) == 1
    engine.dispose()


@pytest.mark.parametrize("sort", ["event_start", "title", "id", "updated_at"])
def test_a_page_is_in_the_same_order_by_the_index_and_row_by_row(
    engine: sa.Engine, texts: list[int], sort: str
) -> None:
    filters = EvidenceFilters(text="в")
    pages = [
        list(
            queries.evidence_rows(
                engine, filters, visible=EVERY_ENTRY, total=total, page_size=3, page=2, sort=sort
            )["id"]
        )
        for total in (0, 10**9)  # through the index / read in page order
    ]
    full = queries.evidence_rows(engine, filters, visible=EVERY_ENTRY, total=0, page_size=99)
    assert pages[0] == pages[1]
    assert len(pages[0]) == min(3, len(full) - 3)


def test_a_searched_count_reads_the_matches_not_every_entry_not_withdrawn(
    engine: sa.Engine, texts: list[int]
) -> None:
    """The count of a search goes from the text's matches to their rows. Through the index
    of `withdrawn_at IS NULL` (which nearly every entry passes) SQLite walked all the entries
    and probed each against the matches: 2.7-3.2 s for a common word at 1,000,000 entries
    instead of about 1 s, a rare one 0.67 s instead of 0.06 s."""
    counted: list[tuple[str, object]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        counted.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", keep)
    try:
        total = queries.evidence_count(engine, EvidenceFilters(text="в"), visible=EVERY_ENTRY)
    finally:
        sa.event.remove(engine, "before_cursor_execute", keep)
    assert total == len(expected(engine, "в")) > 0
    if engine.dialect.name != "sqlite":  # PostgreSQL plans by its statistics, not this rule
        return
    statement, parameters = next((s, p) for s, p in counted if "count(" in s.lower())
    with engine.connect() as conn:
        plan = " | ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        )
    assert "withdrawn_at" not in plan, plan
    assert "rowid=?" in plan or "INTEGER PRIMARY KEY" in plan, plan
