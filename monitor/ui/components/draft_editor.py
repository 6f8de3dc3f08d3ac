"""Add a draft: its details, its text pasted or read from a file, split into points a person
corrects before saving.

The form is a fragment: typing in it reruns only the form, not the rest of the Drafts page, and
the text is split once per text (`_points`), not again on every rerun. A save reruns the whole
page, so that the new draft is listed and the outcome drawn where the page draws it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.core import limits
from monitor.core.inputs import DRAFT_LANGUAGES, DraftInput
from monitor.core.models import DraftStatus
from monitor.core.permissions import Action, may
from monitor.domain import documents
from monitor.domain.points import SplitPoint, split_points
from monitor.i18n import enum_label, field_label, t
from monitor.services import drafts as drafts_service
from monitor.ui import actions, inert, state
from monitor.ui.actions import success

SLOT = "drafts"


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _points(text: str) -> pd.DataFrame:
    """The points found in a draft's text, as the table a person corrects."""
    found = split_points(text)
    return pd.DataFrame(
        [{"label": p.label, "text": p.text} for p in found], columns=["label", "text"]
    )


def show(drafts: dict[str, str], *, lang: str) -> None:
    """The form for editors; a viewer is told their role does not allow it."""
    st.session_state.pop("new.saved", None)  # this whole run draws the outcome and the list
    _form(drafts, lang)


@st.fragment
def _form(drafts: dict[str, str], lang: str) -> None:
    if st.session_state.pop("new.saved", False):  # saved in a run of the form alone
        st.rerun(scope="app")  # the page lists the new draft and draws the outcome
    role = state.actor().role
    if not may(role, Action.EDIT):
        inert.message("info", inert.said("error.forbidden", lang, message=role.value))
        return
    _details(drafts, lang)
    upload = st.file_uploader(
        t("drafts.field.file", lang),
        type=["txt", "md", "docx"],
        key="new.file",
        max_upload_size=limits.DRAFT_FILE_MB,
    )
    if upload is not None and st.session_state.get("new.file_id") != upload.file_id:
        text = actions.read(documents.read_text, filename=upload.name, data=upload.getvalue())
        if text is not None:  # a file read once fills the text box; later edits are kept
            st.session_state["new.text"] = text
            st.session_state["new.file_id"] = upload.file_id
    text = st.text_area(t("drafts.field.text", lang), key="new.text", height=240)
    found = _points(text or "")
    if len(found):
        st.caption(t("drafts.split_preview", lang, n=len(found)))
    elif text:  # "0 points found: correct them below" asked to correct nothing
        st.caption(t("drafts.split_none", lang))
    edited = st.data_editor(
        found,
        num_rows="dynamic",
        width="stretch",
        key=f"new.points.{hash(text)}",
        column_config={c: t(f"drafts.point_{c}", lang) for c in ("label", "text")},
    )

    @actions.callback(SLOT)
    def save() -> None:
        """The details and the corrected points as they stand when clicked."""
        points = [
            SplitPoint(str(r["label"] or "").strip(), str(r["text"] or ""))
            for r in edited.to_dict("records")
        ]
        data = {k: st.session_state.get(f"new.{k}") for k in DraftInput.model_fields}
        data = {k: "" if v is None else v for k, v in data.items()}
        st.session_state["new.saved"] = True
        actions.run(
            SLOT,
            drafts_service.create_draft,
            done=success("drafts.saved", code=data["code"], n=len(points), count=len(points)),
            data=data,
            points=points,
            today=state.today(),
        )

    st.button(t("drafts.save", lang), type="primary", on_click=save, key="new.save")


def _details(drafts: dict[str, str], lang: str) -> None:
    """Code, title, proponent, date, status, the draft it supersedes, and where it came from.

    Each field is labelled by `field_label`, the words a refusal names it by ("Proponent:
    required" under a box labelled "Proponent", not under one labelled otherwise). No text box
    has `max_chars`: the browser refuses a longer paste without a word, and the text is lost;
    the input model's limit refuses it at the save, naming the field, with the text kept."""
    a, b, c = st.columns(3)
    a.text_input(t("drafts.field.code", lang), key="new.code")
    b.text_input(field_label("title", lang), key="new.title")
    c.text_input(field_label("proponent", lang), key="new.proponent")
    a, b, c, d = st.columns(4)
    a.date_input(  # the model says "future"
        field_label("published_on", lang), key="new.published_on", format="YYYY-MM-DD"
    )
    b.selectbox(
        field_label("status", lang),
        [s.value for s in DraftStatus],
        key="new.status",
        format_func=lambda s: enum_label("draft_status", s, lang),
    )
    c.selectbox(
        field_label("supersedes", lang),
        ["", *drafts],
        key="new.supersedes",
        format_func=lambda s: drafts.get(s, t("drafts.none", lang)),
    )
    d.text_input(field_label("confidence", lang), key="new.confidence")
    a, b = st.columns([1, 3])
    a.selectbox(
        field_label("original_language", lang),
        list(DRAFT_LANGUAGES),
        key="new.original_language",
        format_func=lambda code: t(f"language.{code}", lang),
    )
    b.text_input(field_label("title_translation", lang), key="new.title_translation")
    st.text_input(field_label("source_url", lang), key="new.source_url")
    st.text_area(field_label("other_sources", lang), key="new.other_sources")
    st.text_area(field_label("notes", lang), key="new.notes")
