"""Duplicates through AppTest: the Log evidence form stops at likely duplicates and saves as
chosen (separate, linked, merged); the entry panel shows the incident, links, merges and
unlinks; a viewer learns nothing of an entry hidden from them; the import preview warns."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.core.models import Evidence, Role
from monitor.core.permissions import Actor
from monitor.services import evidence, incidents
from tests.factories import make_actor

APP = "../../app.py"
TODAY = date(2026, 11, 23)
HEADER = [
    "demands",
    "title",
    "event start",
    "region",
    "source type",
    "source URL",
    "source reliability (A-F)",
    "information credibility (1-6)",
    "direction",
]


def _data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "demands": ["D01"],
        "title": "Teacher detained in Melitopol",
        "description": "Detained after a school inspection.",
        "event_start": "2025-09-01",
        "region_code": "zaporizhzhia",
        "source_type": "witness",
        "source_url": "https://example.org/a",
        "reliability": "B",
        "credibility": "2",
        "direction": "regression",
        "language": "uk",
        "sensitivity": "public",
    }
    data.update(overrides)
    return data


def _store(url: str, actor: Actor, **overrides: object) -> int:
    engine = make_engine(url)
    with session_scope(engine) as session:
        entry = evidence.create(session=session, actor=actor, data=_data(**overrides), today=TODAY)
        assert entry.id is not None
        entry_id = entry.id
    engine.dispose()
    return entry_id


def _rows(url: str) -> list[Evidence]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = list(session.exec(select(Evidence).order_by(Evidence.id)).all())
    engine.dispose()
    return rows


@pytest.fixture
def people(app_env: str) -> dict[str, Actor]:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        made = {
            "editor": make_actor(session, "ed", Role.EDITOR),
            "viewer": make_actor(session, "vi", Role.VIEWER),
        }
    engine.dispose()
    return made


def _as(actor: Actor, page: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.session_state["actor"] = actor
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def _fill(at: AppTest, title: str = "Teacher detained in Melitopol") -> None:
    at.multiselect(key="log.demands").set_value(["D01"])
    at.text_input(key="log.title").input(title)
    at.text_area(key="log.description").input("Detained after a school inspection.")
    at.date_input(key="log.event_start").set_value(date(2025, 9, 2))
    at.selectbox(key="log.region_code").set_value("zaporizhzhia")
    at.selectbox(key="log.source_type").set_value("media")
    at.text_input(key="log.source_url").input("https://www.example.org/a/?utm_source=tg")
    at.selectbox(key="log.reliability").set_value("B")
    at.selectbox(key="log.credibility").set_value("2")
    at.radio(key="log.direction").set_value("regression")


def _texts(at: AppTest) -> str:
    return "\n".join(
        str(e.value)
        for e in (*at.markdown, *at.warning, *at.error, *at.info, *at.caption, *at.success)
    )


@pytest.mark.parametrize("choice", ["separate", "link", "merge"])
def test_the_form_stops_at_likely_duplicates_and_saves_as_chosen(
    app_env: str, people: dict[str, Actor], choice: str
) -> None:
    first = _store(app_env, people["editor"])
    at = _as(people["editor"], "monitor/ui/pages/evidence_page.py")
    _fill(at)
    at.button(key="log.save").click().run()
    assert not at.exception
    assert len(_rows(app_env)) == 1  # nothing saved before the person chose
    assert "Likely duplicates of this entry: 1" in _texts(at)
    table = at.table[0].value
    assert "same source address" in " ".join(map(str, table.to_numpy().ravel()))
    at.radio(key="log.dups.choice").set_value(choice).run()
    if choice != "separate":
        at.selectbox(key="log.dups.other").set_value(first).run()
    at.button(key="log.save").click().run()
    assert not at.exception
    rows = _rows(app_env)
    assert len(rows) == 2
    assert any("Saved as entry" in s.value for s in at.success)
    new = rows[1]
    if choice == "separate":
        assert new.incident_id is None and new.withdrawn_at is None
    elif choice == "link":
        assert new.incident_id == rows[0].incident_id is not None
        assert "Linked as corroboration" in _texts(at)
    else:
        assert new.merged_into == first and new.withdrawn_at is not None
        assert "Merged into entry" in _texts(at)
    assert at.text_input(key="log.title").value == ""  # cleared after the save


def test_changed_values_are_looked_up_again(app_env: str, people: dict[str, Actor]) -> None:
    _store(app_env, people["editor"])
    at = _as(people["editor"], "monitor/ui/pages/evidence_page.py", "uk")
    _fill(at)
    at.button(key="log.save").click().run()
    assert "Імовірні дублікати цього запису: 1" in _texts(at)
    at.text_input(key="log.source_url").input("https://unrelated.example.net/z").run()
    assert "пошук повториться" in _texts(at)
    at.text_input(key="log.title").input("A quite different story altogether").run()
    at.button(key="log.save").click().run()
    assert not at.exception
    assert len(_rows(app_env)) == 2  # nothing like it any more: saved at once


def test_the_entry_panel_links_merges_and_unlinks(app_env: str, people: dict[str, Actor]) -> None:
    editor = people["editor"]
    first = _store(app_env, editor)
    second = _store(app_env, editor, title="Teacher held", source_url="https://other.org/b")
    third = _store(app_env, editor, title="Unrelated", source_url="https://third.org/c")
    at = _as(editor, "monitor/ui/pages/register_page.py")
    at.number_input(key="reg.open").set_value(first).run()
    assert "This entry is not linked to an incident." in _texts(at)
    at.number_input(key=f"dups.{first}.typed").set_value(second).run()
    at.button(key=f"dups.{first}.link").click().run()
    assert not at.exception
    assert "linked as corroboration" in _texts(at)
    assert "entries you may see — 2, independent sources — 2" in _texts(at)
    at.number_input(key=f"dups.{first}.typed").set_value(third).run()
    at.button(key=f"dups.{first}.merge_here").click().run()
    assert not at.exception
    rows = {r.id: r for r in _rows(app_env)}
    assert rows[third].merged_into == first
    assert "Sources kept from merged entries" in _texts(at)
    at.button(key=f"dups.{first}.unlink").click().run()
    assert not at.exception
    assert _rows(app_env)[0].incident_id is None
    # itself, and a number that is no entry, are refused in words
    at.number_input(key=f"dups.{first}.typed").set_value(first).run()
    at.button(key=f"dups.{first}.link").click().run()
    assert "cannot be linked to or merged with itself" in _texts(at)


def test_a_viewer_learns_nothing_of_a_hidden_entry(app_env: str, people: dict[str, Actor]) -> None:
    editor = people["editor"]
    shown = _store(app_env, editor, source_url="https://a.org/1")
    hidden = _store(app_env, editor, sensitivity="confidential", title="Secret <b>witness</b> name")
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        incidents.link(session=session, actor=editor, evidence_id=shown, other_id=hidden)
    engine.dispose()
    at = _as(people["viewer"], "monitor/ui/pages/register_page.py")
    at.number_input(key="reg.open").set_value(shown).run()
    assert not at.exception
    texts = _texts(at)
    # its only partner is hidden: not even that it is linked to something is told
    assert "This entry is not linked to an incident." in texts
    assert "Incident #" not in texts
    assert "Secret" not in texts and "Secret" not in str([t.value for t in at.table])
    assert not [b for b in at.button if str(b.key).startswith("dups.")]  # viewers do not act


def test_the_register_counts_and_filters_incidents(app_env: str, people: dict[str, Actor]) -> None:
    editor = people["editor"]
    a = _store(app_env, editor)
    b = _store(app_env, editor, source_url="https://b.org/")
    _store(app_env, editor, source_url="https://c.org/", title="Other")
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        incident = incidents.link(session=session, actor=editor, evidence_id=a, other_id=b)
    engine.dispose()
    at = _as(editor, "monitor/ui/pages/register_page.py")
    assert "They report 2 incidents" in _texts(at)
    at.number_input(key="reg.incident").set_value(incident).run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert sorted(frame["id"]) == sorted([a, b])


def test_the_import_preview_warns_of_likely_duplicates(
    app_env: str, people: dict[str, Actor]
) -> None:
    _store(app_env, people["editor"], source_url="https://stored.example.net/r")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for title, url in (("One", "https://stored.example.net/r/"), ("Two", ""), ("two", "")):
        writer.writerow(
            ["D01", title, "2025-03-01", "kherson", "media", url, "C", "3", "regression"]
        )
    at = _as(people["editor"], "monitor/ui/pages/import_page.py")
    upload = at.get("file_uploader")[0]
    upload.set_value(("f.csv", out.getvalue().encode(), "text/csv")).run()  # type: ignore[attr-defined]
    assert not at.exception
    assert "Likely duplicates: 2 rows" in _texts(at)
