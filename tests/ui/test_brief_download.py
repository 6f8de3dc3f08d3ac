"""The PDF brief's button on the Demand and Drafts pages: prepare, then download with the
file's SHA-256 beside it; a change of data asks to prepare it again (AppTest)."""

from __future__ import annotations

import hashlib
import io

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from monitor.core import audit
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role
from monitor.i18n import t
from tests.factories import make_actor, make_evidence

APP = "../../app.py"
READY = {"en": "Brief ready", "uk": "Довідку підготовлено"}
TITLE = {"en": "End of persecution", "uk": "Припинення переслідувань"}


def _open(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["demand"] = "D02"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_demand_page_prepares_the_brief_and_shows_its_sha256(app_env: str, lang: str) -> None:
    at = _open("monitor/ui/pages/demand_page.py", lang)
    assert not at.get("download_button") or all(
        d.proto.id and "pdf." not in d.proto.id for d in at.get("download_button")
    )
    at.button(key="pdf.demand.D02.prepare").click().run()
    assert not at.exception
    wanted, brief = at.session_state["pdf.demand.D02.made"]
    pages = len(PdfReader(io.BytesIO(brief.data)).pages)
    ready = t("pdf.ui.ready", lang, count=pages)  # the file's own page count, in its plural
    assert ready.startswith(READY[lang]) and any(s.value == ready for s in at.success)
    assert hashlib.sha256(brief.data).hexdigest() == brief.sha256
    assert any(brief.sha256 in c.value for c in at.caption)  # beside the button
    assert TITLE[lang] in _pdf_text(brief.data)
    engine = make_engine(app_env)
    with engine.connect() as conn:
        events = conn.exec_driver_sql(
            "SELECT entity, after FROM audit_event WHERE action = 'export'"
        ).all()
    assert any(e[0] == "brief" and brief.sha256 in str(e[1]) for e in events)
    # a write anywhere changes the data version: the old brief is not offered any more
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        entry = make_evidence(session, editor, demands=("D02",))
        audit.record(session, editor, "create", "evidence", entry.id)  # what a service does
    with engine.connect() as conn:
        assert audit.data_version(conn) != wanted[0]
    engine.dispose()
    at.run()
    assert not at.exception
    assert at.button(key="pdf.demand.D02.prepare")


def test_drafts_page_brief_of_the_chosen_draft(app_env: str) -> None:
    at = _open("monitor/ui/pages/drafts_page.py", "en")
    at.selectbox(key="pdf.draft.code").set_value("US28-2025-11").run()
    at.button(key="pdf.draft.US28-2025-11.prepare").click().run()
    assert not at.exception
    _, brief = at.session_state["pdf.draft.US28-2025-11.made"]
    text = _pdf_text(brief.data)
    assert "US28-2025-11 leaves" in text and "without explicit coverage" in text
    assert any(brief.sha256 in c.value for c in at.caption)
