"""The briefings page: filters change the row count, provenance is shown, download is there."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from tests.factories import make_actor, make_evidence

APP = "../../app.py"


def test_filters_change_the_row_count(app_env: str) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        actor = make_actor(session)
        for region in ("crimea", "crimea", "kherson"):
            make_evidence(session, actor, region_code=region)
        make_evidence(session, actor, sensitivity="confidential", title="secret")
    engine.dispose()
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("monitor/ui/pages/briefings_page.py").run()
    assert not at.exception
    assert at.metric[0].value == "3"
    assert "secret" not in at.dataframe[0].value.to_string()
    assert any("by **local**" in m.value for m in at.markdown)
    # (the caption is Markdown source: the release's dot is escaped there)
    assert any("Reference data: release 2026\\.12" in c.value for c in at.caption)
    assert at.get("download_button")
    at.multiselect(key="brief.regions").set_value(["kherson"]).run()
    assert at.metric[0].value == "1"
    at.radio(key="brief.kind").set_value("gaps").run()
    assert at.metric[0].value == "5"
    at.checkbox(key="brief.confidential").check().run()  # the local user is an admin
    at.radio(key="brief.kind").set_value("evidence").run()
    at.multiselect(key="brief.regions").set_value([]).run()
    assert at.metric[0].value == "4"
