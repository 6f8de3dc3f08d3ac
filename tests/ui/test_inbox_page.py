"""Inbox to evidence: accept a report, complete and save it; the item is done, its source kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.core.models import Capture, Evidence, InboxItem, InboxState
from tests.local_server import serve

APP = "../../app.py"


def test_accept_log_and_capture(app_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_CAPTURE_ALLOWED_HOSTS", "127.0.0.1")
    with serve() as base:
        engine = make_engine(app_env)
        with session_scope(engine) as session:
            session.add(
                InboxItem(
                    source="rss:test",
                    external_id="x1",
                    url=f"{base}/page",
                    title="Detentions report",
                    summary="Two teachers.",
                    published_at=datetime(2026, 11, 10, tzinfo=UTC),
                )
            )
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params["lang"] = "en"
        at.run()
        at.switch_page("monitor/ui/pages/inbox_page.py").run()
        assert not at.exception
        next(b for b in at.button if b.key and b.key.startswith("inbox.accept.")).click().run()
        assert not at.exception
        assert at.get("page_link")  # the way to the pre-filled form
        at.switch_page("monitor/ui/pages/evidence_page.py").run()
        assert at.text_input(key="log.title").value == "Detentions report"
        assert any("Detentions report" in i.value for i in at.info)  # the pre-filled notice
        at.multiselect(key="log.demands").set_value(["D01"])
        at.selectbox(key="log.region_code").set_value("kherson")
        at.selectbox(key="log.source_type").set_value("ngo_report")
        at.selectbox(key="log.reliability").set_value("C")
        at.selectbox(key="log.credibility").set_value("3")
        at.radio(key="log.direction").set_value("regression")
        at.button(key="log.save").click().run()
        assert not at.exception
        assert len(at.success) == 2, [e.value for e in at.error] + [i.value for i in at.info]
        assert not at.main.warning  # (the sidebar says sign-in is off, as on every page)
    with Session(engine) as session:
        item = session.exec(select(InboxItem)).one()
        entry = session.exec(select(Evidence)).one()
        capture = session.exec(select(Capture)).one()
    assert item.state == InboxState.ACCEPTED and item.evidence_id == entry.id
    assert entry.event_start.isoformat() == "2026-11-10"
    assert capture.evidence_id == entry.id and capture.ok
    engine.dispose()
