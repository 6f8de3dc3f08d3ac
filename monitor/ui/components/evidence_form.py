"""The evidence form, shared by logging and editing: widgets only, values under one key prefix.

No st.form: the settlement search must react as a person types, and keyed widgets keep every
value across reruns anyway. Saving happens in the caller's button callback; a refused save
leaves every widget as it was and puts the field problems under `<prefix>.problems`.

After a save the form is emptied by setting each widget's value (deleting its key leaves the
browser showing, and sending back, what was typed), and the file uploader by a new key: its
files live in the browser, which no value set here reaches.

Nothing typed is ever dropped:

- No text widget has `max_chars`: the browser refuses a paste longer than that (the box stays
  as it was, with no word said), so a long text pasted into an empty box was lost and the empty
  box saved. The limits are the input model's (`monitor.core.inputs`): the save refuses a text
  too long, naming the field and its limit, with the text kept in the box to shorten.
- No date widget has `max_value=today`: a later date typed was turned into no date ("a real
  date is needed"), where the input model's rule says why (`validation.check_not_future`).
- Every field is kept for the session (`persist_state=KEPT`): Streamlit drops the value of a
  widget a run does not draw, so a visit to another page emptied a half-typed entry.
- A save attempt forgets the problems of the one before (`attempt`): a field corrected and
  then refused for something else (a file) kept its old message beside it.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final, Literal

import pandas as pd
import streamlit as st

from monitor.core import files, limits
from monitor.core.inputs import EVIDENCE_LANGUAGES
from monitor.core.models import Direction, Reliability, Sensitivity, SourceType
from monitor.domain import settlements
from monitor.errors import Problem
from monitor.i18n import enum_label, t
from monitor.services import attachments, evidence
from monitor.ui import inert

FIELDS = (
    "demands",
    "title",
    "description",
    "event_start",
    "is_range",
    "event_end",
    "region_code",
    "settlement_code",
    "source_type",
    "source_url",
    "source_title",
    "reliability",
    "credibility",
    "direction",
    "language",
    "people_count",
    "sensitivity",
)
EARLIEST = date(2014, 2, 20)
KEPT: Final[Literal["session"]] = "session"  # how long a field keeps its value unseen
# what each widget shows when the form is new (a selectbox or radio without index= shows its
# first option; the others start empty)
DEFAULTS: dict[str, Any] = {
    "demands": [],
    "title": "",
    "description": "",
    "event_start": None,
    "is_range": False,
    "event_end": None,
    "region_code": None,
    "settlement_query": "",
    "settlement_code": None,
    "source_type": None,
    "source_url": "",
    "source_title": "",
    "reliability": None,
    "credibility": None,
    "direction": None,
    "language": EVIDENCE_LANGUAGES[0],
    "people_count": None,
    "sensitivity": next(iter(Sensitivity)).value,
}


def key(prefix: str, field: str) -> str:
    """The session-state key of one field's widget (every field lives under the prefix)."""
    return f"{prefix}.{field}"


def load(prefix: str, values: dict[str, Any]) -> None:
    """Put a record's values into the widgets' state (a keyed widget ignores value=)."""
    for field in FIELDS:
        if field == "is_range":
            st.session_state[key(prefix, field)] = values.get("event_end") is not None
        elif field == "demands":
            raw = values.get("demands") or []
            st.session_state[key(prefix, field)] = (
                raw.split("; ") if isinstance(raw, str) else list(raw)
            )
        elif field == "credibility":
            st.session_state[key(prefix, field)] = str(values.get("credibility") or 2)
        else:
            value = values.get(field)
            st.session_state[key(prefix, field)] = getattr(value, "value", value)


def loaded(prefix: str) -> bool:
    """Whether the widgets hold a record's values now. Asked of a field's own key, not of a
    mark beside them: Streamlit drops the widgets' values when another page is drawn, and a
    mark that outlived them showed an edit form of empty fields, which a save would store."""
    return key(prefix, "title") in st.session_state


def _round(prefix: str) -> str:
    """Where the count of saves lives that names the uploader (outside the prefix, so that
    emptying the form does not reset it to a key the browser still holds files under)."""
    return f"uploads.{prefix}"


def _uploader(prefix: str) -> str:
    return key(prefix, f"files.{st.session_state.get(_round(prefix), 0)}")


def clear(prefix: str) -> None:
    """Empty the form after a save: each field back to its default, the uploader a new one,
    every other mark under the prefix (problems, likely duplicates, an inbox item) gone."""
    for name in [k for k in st.session_state if str(k).startswith(prefix + ".")]:
        del st.session_state[name]
    for field, default in DEFAULTS.items():
        st.session_state[key(prefix, field)] = (
            list(default) if isinstance(default, list) else default
        )
    st.session_state[_round(prefix)] = st.session_state.get(_round(prefix), 0) + 1


def attempt(prefix: str) -> None:
    """A save begins: the problems beside the fields are the previous attempt's, so they go
    (a refusal of this attempt puts its own back). Called first by every save of the form,
    before anything that may refuse without the service (a file, likely duplicates)."""
    st.session_state.pop(key(prefix, "problems"), None)


def uploads(prefix: str) -> list[evidence.Upload]:
    """The files chosen in the uploader, as the evidence service takes them."""
    chosen = st.session_state.get(_uploader(prefix)) or []
    return [evidence.Upload(f.name, f.getvalue()) for f in chosen]


def refused(chosen: list[evidence.Upload]) -> dict[str, Problem]:
    """The files the attach service would refuse, by name, with why (its own rule,
    `attachments.refusal`), so that they are refused before the entry is saved, not after."""
    found = ((u.name, attachments.refusal(u.name, u.data)) for u in chosen)
    return {name: problem for name, problem in found if problem is not None}


def hashes(chosen: list[evidence.Upload]) -> list[str]:
    """The files' SHA-256, which the likely-duplicate search compares."""
    return [files.sha256(u.data) for u in chosen]


def uploader(prefix: str, *, lang: str) -> list[evidence.Upload]:
    """The uploader, and under it, at once, each chosen file the entry could not keep (a
    program, a content unlike its name, an image too large to open): the person removes it
    before saving, having lost nothing typed. Returns the files chosen."""
    st.file_uploader(
        t("field.attachments", lang),
        accept_multiple_files=True,
        key=_uploader(prefix),
        max_upload_size=limits.ATTACHMENT_MB,
    )
    chosen = uploads(prefix)
    for name, (reason, params) in refused(chosen).items():
        why = t(reason, lang, **params)
        st.error(inert.said("form.file_refused", lang, name=name, reason=why), icon="⚠️")
    return chosen


def values(prefix: str) -> dict[str, Any]:
    """What the widgets hold, in the shape the evidence service validates."""
    state = st.session_state
    data = {f: state.get(key(prefix, f)) for f in FIELDS if f != "is_range"}
    if not state.get(key(prefix, "is_range")):
        data["event_end"] = None
    for name in ("title", "description", "source_url", "source_title"):
        data[name] = data[name] or ""
    return data


def _problem(prefix: str, field: str, lang: str) -> None:
    """The reason a save refused this field, beside its widget, in the reader's language."""
    problems = st.session_state.get(key(prefix, "problems")) or {}
    if field in problems:
        problem_key, params = problems[field]
        st.error(inert.said(problem_key, lang, **params), icon="⚠️")


def _choice(
    widget: Any, prefix: str, field: str, options: list[str], lang: str, **kwargs: Any
) -> None:
    """One enum field: its translated options and its problem. A selectbox starts empty unless
    told otherwise, so nobody saves a default they never looked at."""
    if widget is st.selectbox:
        kwargs = {"index": None, "placeholder": t("form.choose", lang), **kwargs}
    widget(
        t(f"field.{field}", lang),
        options,
        key=key(prefix, field),
        format_func=lambda v: enum_label(field, v, lang),
        persist_state=KEPT,
        **kwargs,
    )
    _problem(prefix, field, lang)


def show(
    prefix: str, *, lang: str, demands: pd.DataFrame, regions: pd.DataFrame, today: date
) -> None:
    """Draw the fields; the caller adds the save button."""
    titles = dict(zip(demands["code"], demands["title"], strict=True))
    st.multiselect(
        t("field.demands", lang),
        list(titles),
        placeholder=t("form.choose", lang),
        key=key(prefix, "demands"),
        format_func=lambda c: f"{c} · {titles[c]}",
        persist_state=KEPT,
    )
    _problem(prefix, "demands", lang)
    st.text_input(t("field.title", lang), key=key(prefix, "title"), persist_state=KEPT)
    _problem(prefix, "title", lang)
    st.text_area(
        t("field.description", lang),
        key=key(prefix, "description"),
        height=160,
        persist_state=KEPT,
    )
    _problem(prefix, "description", lang)

    left, right = st.columns(2)
    with left:
        st.date_input(
            t("field.event_start", lang),
            key=key(prefix, "event_start"),
            value=None,
            min_value=EARLIEST,
            max_value=_latest(today),
            format="YYYY-MM-DD",
            persist_state=KEPT,
        )
        _problem(prefix, "event_start", lang)
        st.checkbox(t("field.is_range", lang), key=key(prefix, "is_range"), persist_state=KEPT)
        if st.session_state.get(key(prefix, "is_range")):
            st.date_input(
                t("field.event_end", lang),
                key=key(prefix, "event_end"),
                value=None,
                min_value=EARLIEST,
                max_value=_latest(today),
                format="YYYY-MM-DD",
                persist_state=KEPT,
            )
            _problem(prefix, "event_end", lang)
    with right:
        names = dict(zip(regions["code"], regions["name"], strict=True))
        st.selectbox(
            t("field.region_code", lang),
            list(names),
            placeholder=t("form.choose", lang),
            key=key(prefix, "region_code"),
            index=None,
            format_func=names.__getitem__,
            persist_state=KEPT,
        )
        _problem(prefix, "region_code", lang)
        _settlement_picker(prefix, lang, regions)

    left, right = st.columns(2)
    with left:
        _choice(st.selectbox, prefix, "source_type", [s.value for s in SourceType], lang)
        st.text_input(
            t("field.source_url", lang), key=key(prefix, "source_url"), persist_state=KEPT
        )
        _problem(prefix, "source_url", lang)
        st.text_input(
            t("field.source_title", lang),
            key=key(prefix, "source_title"),
            persist_state=KEPT,
        )
        _problem(prefix, "source_title", lang)
    with right:
        _choice(st.selectbox, prefix, "reliability", [r.value for r in Reliability], lang)
        _choice(
            st.selectbox,
            prefix,
            "credibility",
            [str(n) for n in range(limits.CREDIBILITY_MIN, limits.CREDIBILITY_MAX + 1)],
            lang,
        )

    cols = st.columns(4)
    with cols[0]:
        _choice(st.radio, prefix, "direction", [d.value for d in Direction], lang, index=None)
    with cols[1]:
        _choice(st.radio, prefix, "sensitivity", [s.value for s in Sensitivity], lang)
    with cols[2]:
        _choice(st.selectbox, prefix, "language", list(EVIDENCE_LANGUAGES), lang, index=0)
    with cols[3]:
        st.number_input(
            t("field.people_count", lang),
            key=key(prefix, "people_count"),
            value=None,
            min_value=0,
            max_value=limits.PEOPLE_MAX,
            step=1,
            persist_state=KEPT,
        )
        _problem(prefix, "people_count", lang)


def _latest(today: date) -> date:
    """The latest date the date widgets let a person type: years past today, so that a date
    later than today reaches the input model, whose rule refuses it and says why (the widget,
    bounded by today, turned it into no date at all)."""
    return date(today.year + 10, 12, 31)


def _settlement_picker(prefix: str, lang: str, regions: pd.DataFrame) -> None:
    """Search the codifier within the chosen region; the code is what gets stored."""
    region = st.session_state.get(key(prefix, "region_code"))
    oblast = dict(zip(regions["code"], regions["katottg"], strict=True)).get(region)
    query = st.text_input(
        t("field.settlement_search", lang),
        key=key(prefix, "settlement_query"),
        persist_state=KEPT,
    )
    current = st.session_state.get(key(prefix, "settlement_code"))
    found = settlements.search(query, oblast) if query and oblast else []
    options: dict[str | None, str] = {None: t("field.settlement_none", lang)}
    if current and current not in {s.code for s in found}:
        place = settlements.lookup(current)
        options[current] = place.label() if place else current
    options.update({s.code: s.label() for s in found})
    if query and oblast and not found:
        st.caption(t("form.no_settlement_found", lang))
    if current not in options:
        st.session_state[key(prefix, "settlement_code")] = None
    st.selectbox(
        t("field.settlement_code", lang),
        list(options),
        placeholder=t("form.choose", lang),
        key=key(prefix, "settlement_code"),
        format_func=options.__getitem__,
        persist_state=KEPT,
    )
    _problem(prefix, "settlement_code", lang)
