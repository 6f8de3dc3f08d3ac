"""Property test: any text in any field is stored exactly or refused with a field message."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.db import session_scope
from monitor.errors import InvalidInput
from monitor.models import Evidence, Role
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
            entry = evidence.create(session, actor, valid(**{field: value}), today=TODAY)
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
        if field == "settlement_name" and expected is None:
            expected = "Мелітополь"  # filled from the chosen settlement code
        assert getattr(stored, field) == expected
