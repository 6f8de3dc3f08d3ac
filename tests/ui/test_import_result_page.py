"""Through AppTest: after an import, its new entries with likely duplicates are listed (titles
inert), one opens in the entry panel, "link all" links them once confirmed; a merged entry's
panel undoes the merge; an edit that changes the title is looked up for duplicates again."""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.core.models import Evidence
from monitor.core.permissions import Actor
from monitor.services import incidents
from tests.ui.test_duplicate_pages import HEADER, _as, _rows, _store, _texts, people

__all__ = ["people"]  # the fixture, shared with the duplicate pages' tests

HOSTILE = "**Bold** <b>loud</b> [link](javascript:alert(1))"


def _file(rows: list[tuple[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for title, url in rows:
        writer.writerow(
            ["D01", title, "2025-03-01", "kherson", "media", url, "C", "3", "regression"]
        )
    return out.getvalue().encode()


def _imported(at: AppTest, data: bytes) -> None:
    upload = at.get("file_uploader")[0]
    upload.set_value(("f.csv", data, "text/csv")).run()  # type: ignore[attr-defined]
    assert not at.exception
    at.button(key="import.run").click().run()
    assert not at.exception


def _table_text(at: AppTest) -> str:
    return " ".join(str(v) for t in at.table for v in [*t.value.to_numpy().ravel(), *t.value.index])


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_import_lists_its_new_likely_duplicates_and_links_them_all(
    app_env: str, people: dict[str, Actor], lang: str
) -> None:
    editor = people["editor"]
    stored = _store(
        app_env, editor, source_url="https://stored.example.net/r", region_code="kherson"
    )
    at = _as(editor, "monitor/ui/pages/import_page.py", lang)
    body = [("One", "https://stored.example.net/r/"), (HOSTILE, ""), ("Unrelated", "")]
    body.append((HOSTILE.upper(), ""))  # row 4: the same title as row 2, folded
    _imported(at, _file(body))
    rows = {r.title: r.id for r in _rows(app_env)}
    heading = {"en": "Imported: new entries with likely duplicates", "uk": "Імпортовано"}
    assert any(heading[lang] in str(s.value) for s in at.subheader)
    shown = _table_text(at)
    assert f"#{rows['One']}" in shown and f"#{stored}" in shown
    assert f"#{rows[HOSTILE.upper()]}" in shown and f"#{rows[HOSTILE]}" in shown
    assert "<b>" not in shown and "**Bold**" not in shown.replace("\\*", "")  # inert
    assert "Bold" in shown or "BOLD" in shown
    # one opens in the entry panel, to link or merge it there
    at.selectbox(key="import.result.open").set_value(rows["One"]).run()
    assert not at.exception
    entry = {"en": f"Entry {rows['One']}: One", "uk": f"Запис {rows['One']}: One"}
    assert any(entry[lang] in str(h.value) for h in at.subheader)
    assert at.button(key=f"dups.{rows['One']}.link")
    # link all: refused until confirmed, then each pair linked
    assert at.button(key="import.result.link_all").disabled
    at.checkbox(key="import.result.confirm").check().run()
    at.button(key="import.result.link_all").click().run()
    assert not at.exception
    linked = {"en": "2 pairs linked as corroboration", "uk": "пар записів: 2"}
    assert linked[lang] in _texts(at)
    after = {r.id: r for r in _rows(app_env)}
    assert after[rows["One"]].incident_id == after[stored].incident_id is not None
    assert after[rows[HOSTILE]].incident_id == after[rows[HOSTILE.upper()]].incident_id
    assert after[rows["Unrelated"]].incident_id is None
    at.button(key="import.result.close").click().run()
    assert not at.exception and at.get("file_uploader")  # the next file, as before


def test_a_hidden_entry_is_never_listed(app_env: str, people: dict[str, Actor]) -> None:
    editor = people["editor"]
    hidden = _store(app_env, editor, source_url="https://hidden.example.net/r")
    engine = make_engine(app_env)
    with session_scope(engine) as session:  # an organisation's own; the editor is in none
        entry = session.get(Evidence, hidden)
        assert entry is not None
        entry.sensitivity = "organisation"  # type: ignore[assignment]
        session.add(entry)
    engine.dispose()
    at = _as(editor, "monitor/ui/pages/import_page.py")
    _imported(at, _file([("Copy", "https://hidden.example.net/r")]))
    assert f"#{hidden}" not in _table_text(at) + _texts(at)
    assert not [s for s in at.subheader if "Imported:" in str(s.value)]


def test_the_merged_entrys_panel_undoes_the_merge(app_env: str, people: dict[str, Actor]) -> None:
    editor = people["editor"]
    survivor = _store(app_env, editor)
    merged = _store(
        app_env, editor, title="Twin", source_url="https://other.org/t", demands=["D08"]
    )
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        incidents.merge(session=session, actor=editor, survivor_id=survivor, merged_id=merged)
    engine.dispose()
    at = _as(editor, "monitor/ui/pages/register_page.py", "uk")
    at.number_input(key="reg.open").set_value(merged).run()
    at.button(key=f"dups.{merged}.unmerge").click().run()
    assert not at.exception
    assert f"Об'єднання скасовано: запис №{merged}" in _texts(at)
    assert "вимоги — D08" in _texts(at)
    rows = {r.id: r for r in _rows(app_env)}
    assert rows[merged].withdrawn_at is None and rows[merged].merged_into is None
    assert not [b for b in at.button if b.key == f"dups.{merged}.unmerge"]  # open again


def test_an_edit_that_changes_the_title_is_looked_up_again(
    app_env: str, people: dict[str, Actor]
) -> None:
    editor = people["editor"]
    first = _store(app_env, editor, title="Teacher detained in Melitopol school")
    other = _store(app_env, editor, title="Bakery closed", source_url="https://bakery.org/1")
    at = _as(editor, "monitor/ui/pages/register_page.py")
    at.number_input(key="reg.open").set_value(other).run()
    prefix = f"edit.{other}.1"
    at.text_input(key=f"{prefix}.title").input("Teacher detained in Melitopol school").run()
    at.button(key=f"{prefix}.save").click().run()
    assert not at.exception
    assert "The changed entry looks like other entries: 1" in _texts(at)
    assert {r.id: r.title for r in _rows(app_env)}[other] == "Bakery closed"  # held
    at.radio(key=f"{prefix}.dups.choice").set_value("link").run()
    at.selectbox(key=f"{prefix}.dups.other").set_value(first).run()
    at.button(key=f"{prefix}.save").click().run()
    assert not at.exception
    assert f"Linked as corroboration of the incident of entry #{first}" in _texts(at)
    rows = {r.id: r for r in _rows(app_env)}
    assert rows[other].title == "Teacher detained in Melitopol school"
    assert rows[other].incident_id == rows[first].incident_id is not None
    # an edit that leaves those fields alone is saved at once, with nothing looked up
    at.number_input(key=f"edit.{other}.2.people_count").set_value(3).run()
    at.button(key=f"edit.{other}.2.save").click().run()
    assert not at.exception
    assert {r.id: r.people_count for r in _rows(app_env)}[other] == 3
