"""One evidence entry: its fields, attachments (opened in place), custody, history, actions.

Every action goes through `monitor.ui.actions.run` with the version the person saw, so a
colleague's newer save is never overwritten; its outcome is drawn under the entry's heading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from monitor.core import limits, storage
from monitor.core.inputs import NEXT_STEP
from monitor.core.models import Capture, Verification
from monitor.core.permissions import Action, may
from monitor.domain.duplicates import Choice
from monitor.errors import MonitorError
from monitor.i18n import enum_label, moment, t
from monitor.queries.organisations import name_in
from monitor.services import attachments, captures, evidence, incidents
from monitor.ui import actions, inert, state
from monitor.ui.actions import Note, note, phrase, success
from monitor.ui.components import attachment_viewer, duplicate_choice, evidence_form

SLOT = "entry"
SHOWN = (
    "uid",
    "demands",
    "event_start",
    "event_end",
    "region_code",
    "settlement_name",
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
    "organisation_id",  # who recorded it: the organisation an "organisation only" entry is for
    "verification",
    "version",
    "created_at",
    "updated_at",
)
ENUM_FIELDS = {
    "source_type",
    "direction",
    "verification",
    "sensitivity",
    "language",
    "reliability",
    "credibility",
}


def _done(action: str) -> Note:
    """The one success message of the entry's actions, the action named in words."""
    return success("entry.done", action=phrase(f"action.{action}"))


def _captured(rows: Sequence[Capture]) -> Iterator[Note]:
    """What a capture recorded: its SHA-256 (and whether the source changed), or why not."""
    for row in rows:
        if row.ok:
            changed: object = phrase("entry.capture_changed") if row.changed else ""
            yield note("success", "entry.captured", sha=row.sha256, changed=changed)
        else:
            yield note("error", "entry.capture_failed", message=row.error)


@actions.callback(SLOT)
def _capture(evidence_id: int, url: str) -> None:
    """Fetch the entry's source now; the network is waited on outside any transaction."""
    settings = state.settings()
    actions.run(
        SLOT,
        captures.capture_sources,
        done=_captured,
        targets=[captures.Target(url, evidence_id)],
        folder=storage.captures(settings),
        allowed_hosts=settings.capture_allowed_hosts,
    )


@actions.callback(SLOT)
def _with_reason(service: Callable[..., Any], evidence_id: int, version: int, action: str) -> None:
    """Withdraw, restore or reopen, reading the reason when the button is clicked."""
    actions.run(
        SLOT,
        service,
        done=_done(action),
        evidence_id=evidence_id,
        expected_version=version,
        reason=st.session_state.get(f"{action}.{evidence_id}.reason") or "",
    )


def _value(field: str, value: Any, lang: str) -> str:
    """A field's value as a person reads it (enumerations in words, a dash for nothing)."""
    if value is None or value == "":
        return "—"
    if field in ENUM_FIELDS:
        return enum_label(field, value, lang)
    if isinstance(value, datetime):  # logged, changed: to the minute, not Python's spelling
        return moment(value)
    if field == "organisation_id":  # the organisation's name in `lang`, not its number
        for row in state.organisations().to_dict("records"):
            if row["id"] == value:
                return name_in(row, lang)
        return str(value)
    if field == "region_code":  # the region's name in `lang`, not its code
        names = state.regions(lang).set_index("code")["name"]
        return str(names.get(value, value))
    return str(value)


def show(evidence_id: int, *, lang: str) -> None:
    """The whole entry, and (for those who may edit) the tabs that act on it."""
    detail = state.evidence_detail(evidence_id)
    if detail is None:
        inert.message("warning", inert.said("entry.not_found", lang, id=evidence_id))
        return
    inert.heading("entry.heading", lang, id=evidence_id, title=detail["title"])
    actions.show(SLOT)
    if detail["withdrawn_at"] is not None:
        notice = inert.said("entry.withdrawn_notice", lang, reason=detail["withdrawn_reason"])
        inert.message("warning", notice)
    inert.text(detail["description"] or "")
    field, value = t("entry.col.field", lang), t("entry.col.value", lang)
    fields = pd.DataFrame(
        {
            field: [t(f"field.{f}", lang) for f in SHOWN],
            value: [_value(f, detail[f], lang) for f in SHOWN],
        }
    )
    inert.table(fields.set_index(field))
    if detail["source_url"]:
        inert.link(detail["source_url"])
    _files(evidence_id, detail, lang)
    with st.expander(t("duplicates.tab", lang), expanded=detail.get("incident_id") is not None):
        duplicate_choice.incident(evidence_id, detail, lang=lang)
    with st.expander(t("entry.history", lang)):
        st.dataframe(state.evidence_history(evidence_id), hide_index=True, width="stretch")
    if may(state.actor().role, Action.EDIT):
        _act(evidence_id, detail, lang)


def _files(evidence_id: int, detail: dict[str, Any], lang: str) -> None:
    """Attachments (opened in place, hashed on every read), the captures of the source, and
    the chain of custody of both."""
    attachment_viewer.show(detail["attachments"], lang=lang)
    st.markdown(f"**{t('entry.captures', lang)}**")
    captured = state.evidence_captures(evidence_id)
    if captured.empty:
        st.caption(t("entry.no_captures", lang))
    else:
        st.dataframe(captured, hide_index=True, width="stretch")
    if detail["source_url"] and may(state.actor().role, Action.EDIT):
        st.button(
            t("entry.capture_button", lang),
            key=f"capture.{evidence_id}",
            on_click=_capture,
            args=(evidence_id, detail["source_url"]),
        )
    attachment_viewer.captures_and_custody(evidence_id, lang=lang)


def _act(evidence_id: int, detail: dict[str, Any], lang: str) -> None:
    """Edit, verify, withdraw (or restore) and attach, each against the version shown."""
    version = int(detail["version"])
    tabs = ("entry.edit", "entry.verify", "entry.withdraw", "entry.attach", "duplicates.tab")
    edit_tab, verify_tab, withdraw_tab, attach_tab, dups_tab = st.tabs([t(k, lang) for k in tabs])
    with edit_tab:
        _edit(evidence_id, version, detail, lang)
    with verify_tab:
        _verify(evidence_id, version, detail, lang)
    with withdraw_tab:
        _withdraw(evidence_id, version, detail, lang)
    with attach_tab:
        _attach(evidence_id, lang)
    with dups_tab:
        duplicate_choice.act(evidence_id, detail, lang=lang)


def _edit(evidence_id: int, version: int, detail: dict[str, Any], lang: str) -> None:
    """The shared evidence form, loaded with this version's values."""
    if detail["withdrawn_at"] is not None:
        st.info(t("entry.withdrawn_hint", lang))
        return
    if detail["verification"] == Verification.VERIFIED:
        st.info(t("entry.verified_hint", lang))
        return
    prefix = f"edit.{evidence_id}.{version}"
    if not evidence_form.loaded(prefix):
        evidence_form.load(prefix, detail)
    evidence_form.show(
        prefix,
        lang=lang,
        demands=state.demand_titles(lang),
        regions=state.regions(lang),
        today=state.today(),
    )

    hashes = [a["sha256"] for a in detail.get("attachments") or []]

    @actions.callback(SLOT)
    def save() -> None:
        """Read the widgets when the button is clicked, not when it was drawn. A change of
        what duplicates are found by is looked up first, as a new entry's save does: with
        likely duplicates, the person chooses, then saves again."""
        evidence_form.attempt(prefix)
        data = evidence_form.values(prefix)
        looked = _looked_up(data, detail)
        if looked and duplicate_choice.pending(
            prefix, data, hashes, slot=SLOT, evidence_id=evidence_id
        ):
            return
        decision = duplicate_choice.decision(prefix) if looked else None
        edited = actions.run(
            SLOT,
            evidence.edit,
            done=_done("edit"),
            form=prefix,
            evidence_id=evidence_id,
            expected_version=version,
            data=data,
            today=state.today(),
        )
        if edited is not None and decision is not None and decision.other_id is not None:
            actions.run(
                SLOT,
                incidents.decide_logged,
                done=lambda err: _decided(err, decision),
                evidence_id=evidence_id,
                decision=decision,
            )

    if _looked_up(evidence_form.values(prefix), detail):
        duplicate_choice.show(prefix, evidence_form.values(prefix), hashes, lang=lang)
    st.button(t("form.save_changes", lang), key=f"{prefix}.save", type="primary", on_click=save)


LOOKED_UP = ("title", "description", "event_start", "event_end", "region_code", "source_url")


def _looked_up(data: dict[str, Any], detail: dict[str, Any]) -> bool:
    """Whether the form changes what likely duplicates are found by."""
    return any(
        str(data.get(f) or "").strip() != str(detail.get(f) or "").strip() for f in LOOKED_UP
    )


def _decided(err: MonitorError | None, decision: incidents.Decision) -> list[Note]:
    """The edit saved, then what became of the choice about its likely duplicates."""
    if err is not None:
        return [_done("edit"), note("warning", "duplicates.choice_failed", reason=err)]
    if decision.choice is Choice.LINK:
        return [_done("edit"), success("duplicates.done_link", id=decision.other_id)]
    return [_done("edit"), success("duplicates.done_merge", id=decision.other_id)]


def _verify(evidence_id: int, version: int, detail: dict[str, Any], lang: str) -> None:
    """One step up the verification ladder, or back from verified with a reason."""
    current = Verification(detail["verification"])
    st.write(f"{t('field.verification', lang)}: **{enum_label('verification', current, lang)}**")
    step = NEXT_STEP.get(current)
    if step is not None:

        @actions.callback(SLOT)
        def advance() -> None:
            """One step, against the version shown."""
            actions.run(
                SLOT,
                evidence.advance_verification,
                done=success("entry.done", action=phrase(f"enum.verification.{step.value}")),
                evidence_id=evidence_id,
                expected_version=version,
            )

        st.button(
            t("entry.advance", lang, step=enum_label("verification", step, lang)),
            key=f"verify.{evidence_id}.{version}",
            on_click=advance,
        )
        return
    # no max_chars: the browser would refuse a longer paste unsaid; the save names the limit
    st.text_area(t("field.reason", lang), key=f"reopen.{evidence_id}.reason")
    st.button(
        t("entry.reopen", lang),
        key=f"reopen.{evidence_id}.{version}",
        on_click=_with_reason,
        args=(evidence.reopen, evidence_id, version, "reopen"),
    )


def _withdraw(evidence_id: int, version: int, detail: dict[str, Any], lang: str) -> None:
    """Withdraw with a reason; an admin may restore a withdrawn entry, with a reason too."""
    withdrawn = detail["withdrawn_at"] is not None
    if withdrawn and not may(state.actor().role, Action.RESTORE_WITHDRAWN):
        return
    action, service = (
        ("restore", evidence.restore) if withdrawn else ("withdraw", evidence.withdraw)
    )
    st.text_area(t("field.reason", lang), key=f"{action}.{evidence_id}.reason")  # as above
    st.button(
        t(f"entry.{action}_button", lang),
        key=f"{action}.{evidence_id}",
        on_click=_with_reason,
        args=(service, evidence_id, version, action),
    )


def _attach(evidence_id: int, lang: str) -> None:
    """One file at a time, with the size limit the service enforces."""
    upload = st.file_uploader(
        t("field.file", lang),
        key=f"attach.{evidence_id}.file",
        max_upload_size=limits.ATTACHMENT_MB,
    )
    if upload is None:
        return

    @actions.callback(SLOT)
    def attach() -> None:
        """The file chosen, kept once per entry however often it is attached."""
        actions.run(
            SLOT,
            attachments.attach,
            done=_done("attach"),
            evidence_id=evidence_id,
            filename=upload.name,
            data=upload.getvalue(),
            folder=storage.attachments(state.settings()),
        )

    st.button(t("entry.attach_button", lang), key=f"attach.{evidence_id}", on_click=attach)
