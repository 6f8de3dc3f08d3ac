"""`monitor ... --user NAME`: any name finds its user, or is refused in one line, on both
engines (a NUL in the name used to reach PostgreSQL, which refuses it with a traceback)."""

from __future__ import annotations

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.core.db import session_scope
from monitor.core.models import Role
from monitor.errors import InvalidInput, NotFound
from monitor.services import startup
from tests.factories import make_actor

names = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from(["\x00", "\n", "\ud800", " "])),
    max_size=20,
) | st.sampled_from(["olena", " olena ", "olena\x00", "ol\nena"])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names)
def test_a_command_line_user_is_found_or_refused_in_one_line(engine: sa.Engine, name: str) -> None:
    with session_scope(engine) as session:
        make_actor(session, "olena", Role.EDITOR)
    try:
        actor = startup.command_actor(engine=engine, username=name)
    except InvalidInput as err:
        assert set(err.problems) == {"username"} and "\n" not in str(err)
        return
    except NotFound as err:
        assert "\n" not in str(err)
        return
    assert actor.username == name.strip() == "olena"
