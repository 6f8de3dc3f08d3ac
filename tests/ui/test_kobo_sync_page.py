"""The KoboToolbox section of the Import page (AppTest) against the local KoboToolbox server:
an admin sets the project, a pull brings the submissions in, a refused one is listed, a refused
token is said in Ukrainian and changes nothing, and the token is never on the page."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine
from monitor.core.models import Evidence
from monitor.ui.components.kobo_sync import MASK
from tests.db.test_kobo import PNG, answers
from tests.kobo_server import ASSET, TOKEN, serve_kobo

APP = "../../app.py"
PAGE = "monitor/ui/pages/import_page.py"


def _entries(url: str) -> list[str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        titles = conn.execute(sa.select(Evidence.title).order_by(Evidence.id)).scalars().all()
    engine.dispose()
    return list(titles)


def _page(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _everything_said(at: AppTest) -> str:
    texts = [
        str(e.value)
        for kind in ("markdown", "caption", "success", "warning", "error", "info")
        for e in getattr(at, kind)
    ]
    texts += [str(w.value) for w in at.text_input]
    return "\n".join(texts)


def test_set_the_project_and_pull(app_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_KOBO_TOKEN", TOKEN)
    monkeypatch.setenv("MONITOR_CAPTURE_ALLOWED_HOSTS", "127.0.0.1")
    with serve_kobo() as server:
        server.add(answers(1), submitted="2026-11-20T08:00:00", files={"photo.png": PNG})
        server.add(answers(2, title=""), submitted="2026-11-21T08:00:00")
        at = _page("en")
        assert at.button(key="kobo.pull").disabled  # no project yet
        assert at.text_input(key="kobo.token_mask").value == MASK
        at.text_input(key="kobo.server_url").set_value("ftp://nowhere")
        at.text_input(key="kobo.asset_uid").set_value(ASSET)
        at.button(key="kobo.save").click().run()
        assert any("http://" in e.value for e in at.error)  # the address refused, by field
        at.text_input(key="kobo.server_url").set_value(server.base)
        at.button(key="kobo.save").click().run()
        assert not at.exception and at.success
        at.button(key="kobo.pull").click().run()
        assert not at.exception
        assert any("Pulled: new 1" in s.value for s in at.success), [e.value for e in at.error]
        assert any("refused 1" in w.value for w in at.warning)
        table = at.dataframe[0].value
        assert list(table["what"]) == ["refused"] and "Title: required" in table["why"][0]
        assert TOKEN not in _everything_said(at)
    assert _entries(app_env) == ["Затримання вчителя 1"]


def test_a_refused_token_is_said_in_ukrainian_and_changes_nothing(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_KOBO_TOKEN", "not-the-token")
    monkeypatch.setenv("MONITOR_CAPTURE_ALLOWED_HOSTS", "127.0.0.1")
    with serve_kobo() as server:
        server.add(answers(1), submitted="2026-11-20T08:00:00")
        at = _page("uk")
        at.text_input(key="kobo.server_url").set_value(server.base)
        at.text_input(key="kobo.asset_uid").set_value(ASSET)
        at.button(key="kobo.save").click().run()
        at.button(key="kobo.pull").click().run()
        assert not at.exception
        errors = [e.value for e in at.error]
        assert any("не прийняв токен (HTTP 401)" in e and "Нічого не змінено" in e for e in errors)
        assert "not-the-token" not in _everything_said(at)
    assert _entries(app_env) == []
