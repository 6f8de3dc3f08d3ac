"""Log evidence and the register through AppTest: bad fields keep what was typed."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import FileUploader

from monitor.core.db import make_engine
from monitor.core.models import Attachment, Evidence
from monitor.i18n import t
from monitor.services import attachments
from monitor.ui import inert
from monitor.ui.components import evidence_form
from tests import attachment_samples as samples

APP = "../../app.py"


@pytest.fixture
def app(app_env: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.sidebar.selectbox[0].set_value("en").run()
    at.switch_page("monitor/ui/pages/evidence_page.py").run()
    assert not at.exception
    return at


def _fill(at: AppTest, **overrides: object) -> None:
    at.multiselect(key="log.demands").set_value(["D01"])
    at.text_input(key="log.title").input(
        str(overrides.get("title", "Teacher detained in Melitopol"))
    )
    at.text_area(key="log.description").input("Detained after a school inspection.\nStill held.")
    at.date_input(key="log.event_start").set_value(overrides.get("event_start", date(2025, 9, 1)))
    at.selectbox(key="log.region_code").set_value("zaporizhzhia")
    at.selectbox(key="log.source_type").set_value("witness")
    at.text_input(key="log.source_url").input(
        str(overrides.get("source_url", "https://example.org/a"))
    )
    at.selectbox(key="log.reliability").set_value("B")
    at.selectbox(key="log.credibility").set_value("2")
    at.radio(key="log.direction").set_value("regression")
    at.number_input(key="log.people_count").set_value(1)


def _rows(url: str) -> list[Evidence]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = list(session.exec(select(Evidence)).all())
    engine.dispose()
    return rows


def test_a_bad_field_is_named_and_everything_typed_is_kept(app: AppTest, app_env: str) -> None:
    _fill(app, source_url="not a url")
    app.button(key="log.save").click().run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert any("Nothing was saved" in e for e in errors)
    assert any("http:// or https://" in e for e in errors)
    assert app.text_input(key="log.title").value == "Teacher detained in Melitopol"
    assert app.text_area(key="log.description").value.startswith("Detained after")
    assert _rows(app_env) == []

    app.text_input(key="log.source_url").input("https://example.org/a")
    app.button(key="log.save").click().run()
    assert not app.exception
    assert any("Saved as entry" in s.value for s in app.success)
    rows = _rows(app_env)
    assert len(rows) == 1
    assert rows[0].title == "Teacher detained in Melitopol"
    assert rows[0].source_type == "witness"
    assert app.text_input(key="log.title").value == ""  # cleared only after success


def test_settlement_search_stores_the_codifier_code(app: AppTest, app_env: str) -> None:
    _fill(app)
    app.text_input(key="log.settlement_query").input("Мелітополь").run()
    options = app.selectbox(key="log.settlement_code").options
    assert any("UA23080070010092407" in o for o in options)
    app.selectbox(key="log.settlement_code").set_value("UA23080070010092407")
    app.button(key="log.save").click().run()
    assert not app.exception
    (row,) = _rows(app_env)
    assert row.settlement_code == "UA23080070010092407"
    assert row.settlement_name == "Мелітополь"


def test_register_filters_and_opens_an_entry(app: AppTest, app_env: str) -> None:
    for n, title in enumerate(("Alpha event", "Бета подія")):  # two sources: no duplicates
        _fill(app, title=title, source_url=f"https://example.org/{n}")
        app.button(key="log.save").click().run()
    app.switch_page("monitor/ui/pages/register_page.py").run()
    assert not app.exception
    assert "2 entries match" in app.caption[0].value
    app.text_input(key="reg.text").input("бета").run()
    assert "1 entry matches" in app.caption[0].value
    frame = app.dataframe[0].value
    assert list(frame["title"]) == ["Бета подія"]
    app.number_input(key="reg.open").set_value(int(frame["id"].iloc[0])).run()
    assert not app.exception
    assert any("Бета подія" in h.value for h in app.subheader)

    engine = make_engine(app_env)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(Evidence)).scalar() == 2
    engine.dispose()


def test_import_page_checks_rows_then_imports(app_env: str) -> None:
    header = "id,demands,title,event start,region,source type,source reliability (A-F),"
    header += "information credibility (1-6),direction\n"
    good = (
        "a1b2c3d4-0000-4000-8000-000000000001,D01,Ok row,2025-01-02,kherson,media,B,2,regression\n"
    )
    bad = (
        "a1b2c3d4-0000-4000-8000-000000000002,D01,Bad row,2025-13-40,kherson,media,B,2,regression\n"
    )
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.sidebar.selectbox[0].set_value("en").run()
    at.switch_page("monitor/ui/pages/import_page.py").run()
    uploader = at.get("file_uploader")[0]
    uploader.set_value(("partner.csv", (header + good + bad).encode(), "text/csv")).run()  # type: ignore[attr-defined]
    assert not at.exception
    assert any("1 with problems" in m.value for m in at.markdown)
    assert not [b for b in at.button if b.key == "import.run"]
    uploader = at.get("file_uploader")[0]
    uploader.set_value(("partner2.csv", (header + good).encode(), "text/csv")).run()  # type: ignore[attr-defined]
    at.button(key="import.run").click().run()
    assert not at.exception
    assert any("created 1" in s.value for s in at.success)
    assert [r.title for r in _rows(app_env)] == ["Ok row"]


# -- after a save the form is empty; a refused save keeps everything ---------------------------

PROGRAM = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."


def _attachments(url: str) -> list[tuple[int, str]]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = [(a.evidence_id, a.filename) for a in session.exec(select(Attachment)).all()]
    engine.dispose()
    return rows


def _uploader(at: AppTest) -> FileUploader:
    [uploader] = at.get("file_uploader")
    assert isinstance(uploader, FileUploader)
    return uploader


def test_a_saved_entry_empties_every_field_and_the_uploader(app: AppTest, app_env: str) -> None:
    _fill(app)
    app.checkbox(key="log.is_range").check().run()
    app.date_input(key="log.event_end").set_value(date(2025, 9, 3))
    app.text_input(key="log.settlement_query").input("Melitopol")
    app.radio(key="log.sensitivity").set_value("restricted")
    app.selectbox(key="log.language").set_value("en")
    _uploader(app).set_value([("photo.png", samples.png(), "image/png")]).run()
    before = _uploader(app).proto.id
    app.button(key="log.save").click().run()
    assert not app.exception
    assert any("Saved as entry" in s.value for s in app.success)  # the message stays
    assert _attachments(app_env) == [(_rows(app_env)[0].id, "photo.png")]
    state = app.session_state
    for field, default in evidence_form.DEFAULTS.items():  # set, so the browser shows it too
        assert state[f"log.{field}"] == default, field
    assert app.text_input(key="log.title").value == ""
    assert app.multiselect(key="log.demands").value == []
    assert app.selectbox(key="log.region_code").value is None
    assert app.radio(key="log.sensitivity").value == "public"
    assert app.get("date_input")[0].value is None
    after = _uploader(app)
    assert after.proto.id != before and not after.value  # a new uploader, no file in it

    app.button(key="log.save").click().run()  # pressed again: nothing to save twice
    assert not app.exception
    assert len(_rows(app_env)) == 1
    assert not any("likely duplicates" in w.value.lower() for w in app.warning)


def test_a_held_duplicate_keeps_fields_and_files_until_the_final_save(
    app: AppTest, app_env: str
) -> None:
    _fill(app)
    app.button(key="log.save").click().run()
    _fill(app)  # the same story again, now with a file
    _uploader(app).set_value([("photo.png", samples.png(), "image/png")]).run()
    app.button(key="log.save").click().run()
    assert not app.exception
    assert any("likely" in w.value.lower() for w in app.warning)
    assert len(_rows(app_env)) == 1  # held: nothing saved, nothing lost
    assert app.text_input(key="log.title").value == "Teacher detained in Melitopol"
    assert [f.name for f in _uploader(app).value] == ["photo.png"]
    app.button(key="log.save").click().run()  # a separate entry, as chosen
    assert not app.exception
    rows = _rows(app_env)
    assert len(rows) == 2
    assert (max(r.id or 0 for r in rows), "photo.png") in _attachments(app_env)
    assert app.text_input(key="log.title").value == ""
    assert not _uploader(app).value


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize(
    ("name", "data", "mime", "reason"),
    [
        ("photo.jpg", PROGRAM, "image/jpeg", "attachment.program"),  # a renamed program
        ("scan.png", samples.bomb_png(), "image/png", "attachment.bomb"),  # > 89 megapixels
        ("report.pdf", samples.png(), "application/pdf", "attachment.name_mismatch"),
    ],
)
def test_a_file_the_entry_cannot_keep_is_refused_before_the_save(
    app: AppTest, app_env: str, lang: str, name: str, data: bytes, mime: str, reason: str
) -> None:
    app.sidebar.selectbox[0].set_value(lang).run()
    _fill(app)
    uploader = _uploader(app).set_value(
        [("good.png", samples.png(), "image/png"), (name, data, mime)]
    )
    uploader.run()
    assert not app.exception
    refusal = attachments.refusal(name, data)
    assert refusal is not None and refusal[0] == reason  # the attach service's own rule
    why = t(reason, lang, **refusal[1])
    said = str(inert.said("form.file_refused", lang, name=name, reason=why))
    assert said in [e.value for e in app.error]  # shown when chosen, beside the uploader, why
    app.button(key="log.save").click().run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert t("form.files_refused", lang, names=name) in errors
    assert _rows(app_env) == [] and _attachments(app_env) == []
    assert app.text_input(key="log.title").value == "Teacher detained in Melitopol"
    assert [f.name for f in _uploader(app).value] == ["good.png", name]

    _uploader(app).set_value([("good.png", samples.png(), "image/png")]).run()  # removed
    assert said not in [e.value for e in app.error]
    app.button(key="log.save").click().run()
    assert not app.exception
    [row] = _rows(app_env)
    assert _attachments(app_env) == [(row.id, "good.png")]
    failed = t("form.attachment_failed", lang, name="\0", reason="").split("\0")[0]
    assert not [w.value for w in app.warning if failed in w.value]  # none refused afterwards


def test_a_refused_file_name_is_shown_inert(app: AppTest, app_env: str) -> None:
    name = "**bold** <img src=x onerror=alert(1)> [x](javascript:alert(1)).png"
    _fill(app)
    _uploader(app).set_value([(name, PROGRAM, "image/png")]).run()
    assert not app.exception
    [shown] = [e.value for e in app.error]
    assert str(inert.escape(name)) in shown and "**bold**" not in shown
