"""Property test: any text in any field of an entry is stored exactly (as the one text rule
says) or refused with a field message; every other service's texts:
`tests/db/test_every_text_path.py`."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.core.db import session_scope
from monitor.core.inputs import EvidenceInput
from monitor.core.models import Evidence, Role
from monitor.errors import InvalidInput
from monitor.services import evidence
from tests.db.test_evidence import valid
from tests.factories import make_actor

TODAY = date(2026, 11, 23)
TEXT_FIELDS = ("title", "description", "source_title", "settlement_name", "source_url")
hostile = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=250, max_size=25000),
    st.sampled_from(
        ["=1+2", "+SUM(A1)", "-2", "@cmd", "\t=x", "\r=y", "<b>x</b>", "\x00", "'; --"]
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(TEXT_FIELDS), value=hostile)
def test_text_fields_store_exactly_or_refuse_by_field(
    engine: sa.Engine, field: str, value: str
) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "fuzzer", Role.EDITOR)
    try:
        with session_scope(engine) as session:
            entry = evidence.create(
                session=session, actor=actor, data=valid(**{field: value}), today=TODAY
            )
    except InvalidInput as err:
        assert set(err.fields) == {field}, err.fields
        assert err.problems[field][0].startswith("invalid.")
        return
    with session_scope(engine) as session:
        stored = session.get(Evidence, entry.id)
        assert stored is not None
        expected = (
            None if field != "title" and field != "description" and not value.strip() else value
        )
        if field == "description":  # the one rewrite: line ends of a multi-line text
            expected = value.replace("\r\n", "\n").replace("\r", "\n")
        if field == "settlement_name" and expected is None:
            expected = "Мелітополь"  # filled from the chosen settlement code
        assert getattr(stored, field) == expected


ALL_FIELDS = tuple(EvidenceInput.model_fields)
anything = st.one_of(
    st.none(),
    st.text(max_size=300),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=4),
    st.dates().map(str),
    st.sampled_from(["=1+2", "-1", "\x00", "2025-02-30"]),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(ALL_FIELDS), value=anything)
def test_every_field_is_stored_or_refused_by_name(
    engine: sa.Engine, field: str, value: object
) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "fuzzer", Role.EDITOR)
    try:
        with session_scope(engine) as session:
            entry = evidence.create(
                session=session, actor=actor, data=valid(**{field: value}), today=TODAY
            )
    except InvalidInput as err:
        related = {
            field,
            "event_end",
            "settlement_code",
        }  # a bad date or region also fails its pair
        assert set(err.fields) <= related and err.fields, (field, value, err.fields)
        return
    with session_scope(engine) as session:
        assert session.get(Evidence, entry.id) is not None


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(st.text(max_size=40), min_size=9, max_size=9))
def test_the_import_path_imports_or_refuses_by_row(engine: sa.Engine, cells: list[str]) -> None:
    import csv
    import io

    from monitor.services import importer

    header = [
        "id",
        "demands",
        "title",
        "event start",
        "region",
        "source type",
        "source reliability (A-F)",
        "information credibility (1-6)",
        "direction",
    ]
    out = io.StringIO()
    csv.writer(out).writerows([header, cells])
    try:
        table = importer.read_table("fuzz.csv", out.getvalue().encode())
        with session_scope(engine) as session:
            actor = make_actor(session, "fuzzer", Role.EDITOR)
            importer.import_rows(
                session=session,
                actor=actor,
                table=table,
                mapping=importer.suggest_mapping(table.columns),
                today=TODAY,
            )
    except importer.ImportRefused as err:
        assert err.rows and all(isinstance(n, int) for n in err.rows)
    except InvalidInput as err:
        assert "file" in err.problems or err.fields
