"""An entry's edit form left for another page and opened again shows the entry's values.

Streamlit drops the widgets' values when another page is drawn; the panel asked a mark set
beside them whether the form was loaded, the mark outlived them, and the form came back with
an empty title and source: a save would have written those over the entry."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from tests.factories import make_actor, make_evidence

APP = "../../app.py"
OVERVIEW = "monitor/ui/pages/overview_page.py"
REGISTER = "monitor/ui/pages/register_page.py"


def _title_fields(at: AppTest, entry_id: int) -> list[str]:
    return [
        w.value
        for w in at.text_input
        if str(w.key).startswith(f"edit.{entry_id}.") and str(w.key).endswith(".title")
    ]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_edit_form_is_filled_again_after_a_round_trip(app_env: str, lang: str) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        entry_id = make_evidence(
            session, make_actor(session), title="Teacher detained", source_url="https://a.org/1"
        ).id
    engine.dispose()
    assert entry_id is not None
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    if lang == "en":
        at.sidebar.selectbox[0].set_value("en").run()
    for _ in range(2):  # opened, then left for the Overview and opened again
        at.switch_page(REGISTER).run()
        at.session_state["reg.open"] = entry_id
        at.run()
        assert not at.exception
        assert _title_fields(at, entry_id) == ["Teacher detained"]
        at.switch_page(OVERVIEW).run()
        assert not at.exception
