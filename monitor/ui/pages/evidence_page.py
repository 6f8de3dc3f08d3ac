"""Log evidence: one entry through the shared form; attachments after the entry is saved."""

from __future__ import annotations

from collections.abc import Iterator

import streamlit as st

from monitor.i18n import t
from monitor.services import evidence, incidents
from monitor.ui import actions, inert, state
from monitor.ui.actions import Note, note
from monitor.ui.components import duplicate_choice, evidence_form

PREFIX = "log"
lang = state.lang()


def said(
    logged: evidence.LoggedEntry, duplicate: incidents.Decision | None = None
) -> Iterator[Note]:
    """The entry saved, then what became of each file, of the choice about its likely
    duplicates, and of the source capture."""
    yield note("success", "form.saved", id=logged.evidence_id, uid=logged.uid)
    for name, err in logged.attachment_errors:
        yield note("warning", "form.attachment_failed", name=name, reason=err)
    if logged.duplicate_error is not None:
        yield note("warning", "duplicates.choice_failed", reason=logged.duplicate_error)
    elif duplicate is not None and duplicate.other_id is not None:
        yield note("success", f"duplicates.done_{duplicate.choice}", id=duplicate.other_id)
    capture = logged.capture
    if capture is not None and capture.ok:
        yield note("success", "entry.captured", sha=capture.sha256, changed="")
    elif capture is not None:
        yield note("warning", "entry.capture_failed", message=capture.error)


@actions.callback(PREFIX)
def save() -> None:
    """Validate and save in the callback; clear the form only when the save succeeded (a file
    the entry could not keep, a refused field, likely duplicates: everything stays)."""
    evidence_form.attempt(PREFIX)
    uploads = evidence_form.uploads(PREFIX)
    if refused := evidence_form.refused(uploads):
        actions.leave(PREFIX, note("error", "form.files_refused", names=", ".join(refused)))
        return
    data = evidence_form.values(PREFIX)
    if duplicate_choice.pending(PREFIX, data, evidence_form.hashes(uploads)):
        return  # likely duplicates: the person chooses, then saves again
    duplicate = duplicate_choice.decision(PREFIX)
    logged = actions.run(
        PREFIX,
        evidence.log_entry,
        done=lambda entry: said(entry, duplicate),
        form=PREFIX,
        duplicate=duplicate,
        data=data,
        today=state.today(),
        settings=state.settings(),
        uploads=uploads,
        inbox_item=st.session_state.get(f"{PREFIX}.inbox_item"),
    )
    if logged is not None:
        evidence_form.clear(PREFIX)


st.title(t("log.title", lang))
st.caption(t("log.caption", lang))
actions.show(PREFIX)
if st.session_state.get(f"{PREFIX}.inbox_item"):
    title = st.session_state.get(f"{PREFIX}.title") or ""
    inert.message("info", inert.said("inbox.prefilled", lang, title=title))
evidence_form.show(
    PREFIX,
    lang=lang,
    demands=state.demand_titles(lang),
    regions=state.regions(lang),
    today=state.today(),
)
chosen = evidence_form.uploader(PREFIX, lang=lang)
duplicate_choice.show(PREFIX, evidence_form.values(PREFIX), evidence_form.hashes(chosen), lang=lang)
st.button(t("form.save", lang), type="primary", on_click=save, key=f"{PREFIX}.save")
