"""An unexpected error (not a refusal) in a page or in a button's callback: the person reads a
short line in their language with an incident number, never a traceback; the server log has
the traceback under the same number.

The faults are real: a table the page reads is dropped from the SQLite file, and a trigger
makes SQLite refuse the write a button makes.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.core.models import InboxItem
from monitor.i18n import t

APP = "../../app.py"
INCIDENT = re.compile(r"\b[0-9a-f]{8}\b")
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _sql(url: str, *statements: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    engine.dispose()


def _incident(at: AppTest, lang: str, caplog: pytest.LogCaptureFixture) -> str:
    """The incident number the page shows, checked against the message and the log."""
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error]
    prefix = t("error.unexpected", lang, incident="").split(".")[0]
    said = [s for s in shown if s.startswith(prefix)]
    assert len(said) == 1, shown
    number = INCIDENT.search(said[0])
    assert number is not None, said
    assert "Traceback" not in said[0] and "File " not in said[0] and "/" not in said[0]
    logged = [r for r in caplog.records if number.group(0) in r.getMessage()]
    assert len(logged) == 1 and logged[0].levelno == logging.ERROR
    assert logged[0].exc_info is not None  # the traceback goes to the server log
    return number.group(0)


@SQLITE_ONLY
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_page_that_fails_shows_an_incident_number(
    app_env: str, lang: str, caplog: pytest.LogCaptureFixture
) -> None:
    _sql(app_env, "PRAGMA foreign_keys=OFF", "DROP TABLE coverage")
    caplog.set_level(logging.ERROR, logger="monitor.ui")
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("monitor/ui/pages/drafts_page.py").run()
    _incident(at, lang, caplog)
    assert t("drafts.title", lang) not in [h.value for h in at.title]  # the page stopped there


@SQLITE_ONLY
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_callback_that_fails_shows_an_incident_number(
    app_env: str, lang: str, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        session.add(
            InboxItem(
                source="rss:test",
                external_id="x1",
                url="https://example.org/r",
                title="Report",
                summary="",
                published_at=datetime(2026, 11, 10, tzinfo=UTC),
            )
        )
    engine.dispose()
    _sql(
        app_env,
        "CREATE TRIGGER no_change BEFORE UPDATE ON inbox_item "
        "BEGIN SELECT RAISE(ABORT, 'the disk said no'); END",
    )
    caplog.set_level(logging.ERROR, logger="monitor.ui")
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("monitor/ui/pages/inbox_page.py").run()
    assert not at.exception
    next(b for b in at.button if (b.key or "").startswith("inbox.dismiss.")).click().run()
    number = _incident(at, lang, caplog)
    record = next(r for r in caplog.records if number in r.getMessage())
    assert "the disk said no" in str(record.exc_info[1])  # type: ignore[index]
    assert t("inbox.title", lang) in [h.value for h in at.title]  # the page itself still draws


def test_streamlit_control_flow_passes_through(app_env: str) -> None:
    """st.stop in a page (the import page stops until a file is chosen) is no incident."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("monitor/ui/pages/import_page.py").run()
    assert not at.exception and not at.error
    assert at.get("file_uploader")
