"""Log evidence: one entry through the shared form; attachments after the entry is saved."""

from __future__ import annotations

import streamlit as st

from monitor.db import session_scope
from monitor.errors import InvalidInput, MonitorError
from monitor.i18n import t
from monitor.services import attachments, captures, evidence, inbox
from monitor.ui import state
from monitor.ui.components import evidence_form

PREFIX = "log"
lang = state.lang()


def save() -> None:
    """Validate and save in the callback; clear the form only when the save succeeded."""
    st.session_state.pop(f"{PREFIX}.problems", None)
    files = st.session_state.get(f"{PREFIX}.files") or []
    inbox_item = st.session_state.get(f"{PREFIX}.inbox_item")
    try:
        with session_scope(state.engine()) as session:
            entry = evidence.create(
                session, state.actor(), evidence_form.values(PREFIX), today=state.today()
            )
            saved = {"id": entry.id, "uid": entry.uid}
            if inbox_item:  # logged from the inbox: mark the item taken, in the same transaction
                inbox.accept(session, state.actor(), inbox_item, entry.id)
    except InvalidInput as err:
        st.session_state[f"{PREFIX}.problems"] = err.problems or {
            name: ("invalid.value", {"message": why}) for name, why in err.fields.items()
        }
        st.session_state["log.flash"] = ("error", t("form.fix_fields", lang))
        return
    except MonitorError as err:
        st.session_state["log.flash"] = ("error", t(err.key, lang, message=str(err)))
        return
    notes = [("success", t("form.saved", lang, **saved))]
    for upload in files:
        try:
            with session_scope(state.engine()) as session:
                attachments.attach(
                    session,
                    state.actor(),
                    saved["id"],
                    upload.name,
                    upload.getvalue(),
                    folder=state.settings().attachments_dir,
                )
        except MonitorError as err:
            notes.append(
                ("warning", t("form.attachment_failed", lang, name=upload.name, reason=str(err)))
            )
    if inbox_item and entry.source_url:
        settings = state.settings()
        (capture,) = captures.capture(
            state.engine(),
            state.actor(),
            [captures.Target(entry.source_url, saved["id"])],
            folder=settings.captures_dir,
            allowed_hosts=settings.capture_allowed_hosts,
        )
        if capture.ok:
            notes.append(("success", t("entry.captured", lang, sha=capture.sha256, changed="")))
        else:
            notes.append(("warning", t("entry.capture_failed", lang, message=capture.error)))
    evidence_form.clear(PREFIX)
    st.session_state["log.flash"] = notes
    state.clear_caches()


st.title(t("log.title", lang))
st.caption(t("log.caption", lang))
flash = st.session_state.pop("log.flash", None)
for kind, message in [flash] if isinstance(flash, tuple) else flash or []:
    getattr(st, kind)(message)

if st.session_state.get(f"{PREFIX}.inbox_item"):
    st.info(t("inbox.prefilled", lang, title=st.session_state.get(f"{PREFIX}.title") or ""))
evidence_form.show(
    PREFIX,
    lang=lang,
    demands=state.demand_titles(lang),
    regions=state.regions(lang),
    today=state.today(),
)
st.file_uploader(
    t("field.attachments", lang),
    accept_multiple_files=True,
    key=f"{PREFIX}.files",
    max_upload_size=attachments.MAX_MB,
)
st.button(t("form.save", lang), type="primary", on_click=save, key=f"{PREFIX}.save")
