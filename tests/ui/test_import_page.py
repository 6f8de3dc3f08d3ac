"""The import page as a person uses it: map a form's columns, give the values it lacks, save
the mapping, choose the verification policy, import; a bad file refused in Ukrainian."""

from __future__ import annotations

from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine
from monitor.core.models import Evidence, Verification
from monitor.queries.import_mappings import saved_mappings

APP = "../../app.py"
PAGE = "monitor/ui/pages/import_page.py"
# a field form's export: its own column names, no reliability, credibility or direction
FORM = (
    "_id,_uuid,Що сталося (коротко),Дата,Область,Вимоги,Тип джерела,verification\n"
    "1,5b7f7c1e-0000-4000-8000-000000000001,Затримання,2025-06-01,kherson,D01,media,verified\n"
    "2,5b7f7c1e-0000-4000-8000-000000000002,Обшук,2025-06-02,crimea,D02,media,verified\n"
)


def _open(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    at.get("file_uploader")[0].set_value(("form.csv", FORM.encode(), "text/csv")).run()  # type: ignore[attr-defined]
    assert not at.exception
    return at


def _select(at: AppTest, prefix: str, suffix: str, value: object) -> None:
    (box,) = [b for b in at.selectbox if b.key.startswith(prefix) and b.key.endswith(suffix)]
    box.set_value(value).run()


def _map_the_form(at: AppTest) -> None:
    """Columns 2-4 to title, date, region; the values the form never asks for as defaults."""
    for index, field in ((2, "title"), (3, "event_start"), (4, "region_code")):
        _select(at, "import.map.", f".{index}", field)
    for name, value in (("reliability", "B"), ("credibility", "2"), ("direction", "regression")):
        _select(at, "import.default.", f".{name}", value)
    _select(at, "import.id_column.", "", "_uuid")
    at.text_input(
        key=next(t.key for t in at.text_input if t.key.startswith("import.id_system."))
    ).set_value("kobo").run()


def _entries(url: str) -> list[Evidence]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = list(session.exec(select(Evidence)).all())
    engine.dispose()
    return rows


def test_a_form_is_mapped_given_defaults_saved_and_imported(app_env: str) -> None:
    at = _open("en")
    # what the file lacks is named once for the file, not once per row
    errors = " ".join(e.value for e in at.error)
    # title, reliability, credibility, direction ("Дата" and "Область" are recognised)
    assert errors.count("required, but no column") == 4
    _map_the_form(at)
    assert not at.exception and not at.error
    assert any("2 rows: 2 new" in m.value for m in at.markdown)
    assert any("unverified, whatever the file says" in c.value for c in at.caption)
    at.text_input(key="import.save.name").set_value("field form").run()
    at.button(key="import.save").click().run()
    assert any("field form" in s.value for s in at.success)
    saved = saved_mappings(make_engine(app_env))["field form"]
    assert saved["map"]["Що сталося (коротко)"] == "title"
    assert saved["defaults"]["reliability"] == "B"
    at.radio(key="import.policy").set_value("trusted").run()
    assert any("keep the verification the file gives" in c.value for c in at.caption)
    at.button(key="import.run").click().run()
    assert not at.exception
    assert any("created 2" in s.value for s in at.success)
    entries = _entries(app_env)
    assert sorted(e.title for e in entries) == ["Затримання", "Обшук"]
    assert {e.verification for e in entries} == {Verification.VERIFIED}
    assert {e.reliability.value for e in entries} == {"B"}
    assert sorted(e.uid for e in entries) == [
        "kobo:5b7f7c1e-0000-4000-8000-000000000001",
        "kobo:5b7f7c1e-0000-4000-8000-000000000002",
    ]


def test_a_saved_mapping_is_offered_for_the_next_file(app_env: str) -> None:
    at = _open("en")
    _map_the_form(at)
    at.text_input(key="import.save.name").set_value("щомісячна").run()
    at.button(key="import.save").click().run()
    again = _open("uk")
    start = next(b for b in again.selectbox if b.key and b.key.startswith("import.start."))
    assert "saved:щомісячна" in start.options or "щомісячна" in start.options
    start.set_value("saved:щомісячна").run()
    assert not again.exception and not again.error
    assert any("2 рядки: нових 2" in m.value for m in again.markdown)


def test_a_binary_file_is_refused_in_ukrainian(app_env: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "uk"
    at.run()
    at.switch_page(PAGE).run()
    at.get("file_uploader")[0].set_value(("rows.csv", b"%PDF-1.7\n\x00\x01", "text/csv")).run()  # type: ignore[attr-defined]
    assert not at.exception
    assert any("двійковий файл" in e.value for e in at.error)
    assert not _entries(app_env)
