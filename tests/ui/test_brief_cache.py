"""The Overview's Prepare reads the brief's figures from the process-wide cache, keyed by the
data version and the FILE's visibility: a second brief on unchanged data scans nothing, a
write makes the next one read afresh, and a public brief never gets the wider figures an
admin's page or an admin's confidential brief left in the cache (AppTest, real database)."""

from __future__ import annotations

import io
import threading

from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from monitor.core import audit
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role, Sensitivity
from tests.factories import make_actor, make_evidence

APP = "../../app.py"
SLOT = "pdf.all.all"


def _entries_said(at: AppTest) -> str:
    """Prepare the brief of all ten; the sentence that counts its entries."""
    at.button(key=f"{SLOT}.prepare").click().run()
    assert not at.exception
    _, brief = at.session_state[f"{SLOT}.made"]
    pages = PdfReader(io.BytesIO(brief.data)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    start = text.index("match these filters.")
    return text[text.rindex(".", 0, start) + 1 : start].strip()


def _prepare_again(at: AppTest) -> None:
    """Forget the made brief, as a new session on the same process would have none."""
    del at.session_state[f"{SLOT}.made"]
    at.run()
    assert not at.exception


def test_page_brief_is_cached_by_the_files_visibility_and_the_data_version(
    app_env: str,
) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        for _ in range(2):
            make_evidence(session, editor, demands=("D02",))
        make_evidence(session, editor, demands=("D02",), sensitivity=Sensitivity.CONFIDENTIAL)
        audit.record(session, editor, "create", "evidence", 1)  # a new data version
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()  # the Overview, as the local admin: its cache holds the confidential entry
    assert not at.exception
    at.checkbox(key=f"{SLOT}.confidential").check().run()
    assert _entries_said(at) == "3 entries"  # an admin asked for confidential ones
    at.checkbox(key=f"{SLOT}.confidential").uncheck().run()
    assert _entries_said(at) == "2 entries"  # public only, whatever the cache holds
    # an entry stored without a new data version is not seen: the figures came from the cache
    with session_scope(engine) as session:
        make_evidence(session, editor, demands=("D02",))
    _prepare_again(at)
    assert _entries_said(at) == "2 entries"
    # any write changes the data version: the next brief reads afresh
    with session_scope(engine) as session:
        audit.record(session, editor, "update", "evidence", 1)
    _prepare_again(at)
    assert _entries_said(at) == "3 entries"
    engine.dispose()


def _read_ahead_finished() -> None:
    for thread in threading.enumerate():
        if thread.name == "read-ahead":
            thread.join(timeout=60)


def test_the_figures_are_read_ahead_before_prepare_is_clicked(app_env: str) -> None:
    """Drawing the Prepare button reads the brief's figures into the cache in the background,
    so the first click only assembles and draws: an entry stored after that (without a new
    data version) is not in the brief, as it would be had the click read the figures."""
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        for _ in range(2):
            make_evidence(session, editor, demands=("D02",))
        audit.record(session, editor, "create", "evidence", 1)  # a new data version
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()  # the Overview draws the Prepare button: the read ahead starts
    assert not at.exception
    _read_ahead_finished()
    with session_scope(engine) as session:
        make_evidence(session, editor, demands=("D02",))
    assert _entries_said(at) == "2 entries"  # the first click's figures were read ahead
    engine.dispose()
