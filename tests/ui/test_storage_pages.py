"""A file store that cannot be reached, as a person sees it: the app starts and draws the entry,
and opening its file says the store is unreachable, in the reader's language, with no
traceback and no tampering claimed."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.config import get_settings
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role
from monitor.core.permissions import Actor
from monitor.i18n import t
from monitor.services import attachments
from tests import attachment_samples as samples
from tests import s3_server
from tests.factories import make_actor, make_evidence

APP = "../../app.py"


@pytest.fixture
def entry_on_a_store_that_is_down(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Actor, int]:
    """An entry with a photo, stored while the store worked; then the store goes away."""
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        entry = make_evidence(session, editor, title="Stored before the outage")
        assert entry.id is not None
        attachments.attach(
            session=session,
            actor=editor,
            evidence_id=entry.id,
            filename="witness.jpg",
            data=samples.jpeg(),
            folder=get_settings().attachments_dir,
        )
        entry_id = int(entry.id)
    engine.dispose()
    for name, value in s3_server.CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("MONITOR_STORAGE", "s3")
    monkeypatch.setenv("MONITOR_S3_BUCKET", "evidence")
    monkeypatch.setenv("MONITOR_S3_ENDPOINT_URL", f"http://127.0.0.1:{s3_server.free_port()}")
    return editor, entry_id


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_an_unreachable_store_is_said_in_the_readers_language(
    entry_on_a_store_that_is_down: tuple[Actor, int], lang: str
) -> None:
    editor, entry_id = entry_on_a_store_that_is_down
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.session_state["actor"] = editor
    at.run()
    at.switch_page("monitor/ui/pages/register_page.py").run()
    at.number_input(key="reg.open").set_value(entry_id).run()
    assert not at.exception
    [opener] = [b for b in at.button if str(b.key).endswith(".open")]
    opener.click().run()
    assert not at.exception
    errors = "\n".join(str(e.value) for e in at.error)
    said = t("storage.unreachable", lang, where="s3://evidence/attachments", reason="")
    assert said.split(")", 1)[1] in errors, errors  # the address is drawn inert
    assert not any(w in errors for w in ("Tampering", "missing", "Підробка", "відсутній"))
    assert s3_server.CREDENTIALS["AWS_SECRET_ACCESS_KEY"] not in errors


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_file_the_store_cannot_take_is_refused_and_nothing_is_half_saved(
    entry_on_a_store_that_is_down: tuple[Actor, int], app_env: str, lang: str
) -> None:
    editor, entry_id = entry_on_a_store_that_is_down
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.session_state["actor"] = editor
    at.run()
    at.switch_page("monitor/ui/pages/register_page.py").run()
    at.number_input(key="reg.open").set_value(entry_id).run()
    uploader = at.get("file_uploader")
    [chosen] = [u for u in uploader if str(u.proto.id).count(f"attach.{entry_id}.file")]
    chosen.set_value(("report.pdf", samples.pdf(), "application/pdf")).run()
    at.button(key=f"attach.{entry_id}").click().run()
    assert not at.exception
    errors = "\n".join(str(e.value) for e in at.error)
    said = t("storage.unreachable", lang, where="", reason="")
    assert said.split(")", 1)[1] in errors, errors
    engine = make_engine(app_env)
    with engine.connect() as conn:  # the one attachment stored before the outage, no other
        assert conn.exec_driver_sql("SELECT count(*) FROM attachment").scalar() == 1
    engine.dispose()
