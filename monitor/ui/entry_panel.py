"""One evidence entry: its fields, attachments with hashes, history, and the actions on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from monitor.db import session_scope
from monitor.errors import InvalidInput, MonitorError, StaleVersion
from monitor.i18n import enum_label, t
from monitor.models import Role, Verification
from monitor.queries import registers
from monitor.services import attachments, captures, evidence
from monitor.services.evidence import NEXT_STEP
from monitor.ui import state
from monitor.ui.components import evidence_form

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
    "verification",
    "version",
    "created_at",
    "updated_at",
)
ENUM_FIELDS = {"source_type", "direction", "verification", "sensitivity", "language", "reliability"}


def _run(lang: str, action: str, fn: Callable[..., Any], *args: Any) -> None:
    """Run one service call in a transaction and leave the outcome for the next rerun."""
    try:
        with session_scope(state.engine()) as session:
            fn(session, state.actor(), *args)
    except StaleVersion as err:
        st.session_state["entry.flash"] = ("stale", err.params.get("current", {}))
        return
    except InvalidInput as err:
        st.session_state["entry.flash"] = ("problems", err.problems or {})
        st.session_state["edit.problems"] = err.problems
        return
    except MonitorError as err:
        st.session_state["entry.flash"] = ("error", t(err.key, lang, message=str(err)))
        return
    st.session_state["entry.flash"] = ("success", t("entry.done", lang, action=action))
    state.clear_caches()


def _capture(evidence_id: int, url: str, lang: str) -> None:
    """Fetch the entry's source now and say what was recorded."""
    settings = state.settings()
    try:
        (row,) = captures.capture(
            state.engine(),
            state.actor(),
            [captures.Target(url, evidence_id)],
            folder=settings.captures_dir,
            allowed_hosts=settings.capture_allowed_hosts,
        )
    except MonitorError as err:
        st.session_state["entry.flash"] = ("error", t(err.key, lang, message=str(err)))
        return
    if row.ok:
        changed = t("entry.capture_changed", lang) if row.changed else ""
        st.session_state["entry.flash"] = (
            "success",
            t("entry.captured", lang, sha=row.sha256, changed=changed),
        )
    else:
        st.session_state["entry.flash"] = (
            "error",
            t("entry.capture_failed", lang, message=row.error),
        )
    state.clear_caches()


def _with_reason(
    lang: str, action: str, fn: Callable[..., Any], evidence_id: int, version: int, reason_key: str
) -> None:
    """Read the reason when the button is clicked, not when it was drawn."""
    _run(lang, action, fn, evidence_id, version, st.session_state.get(reason_key) or "")


def _value(field: str, value: Any, lang: str) -> str:
    if value is None or value == "":
        return "—"
    if field in ENUM_FIELDS:
        return enum_label(field, value, lang)
    return str(value)


def _flash(lang: str) -> None:
    flash = st.session_state.pop("entry.flash", None)
    if not flash:
        return
    kind, payload = flash
    if kind == "stale":
        st.error(t("form.stale_intro", lang, version=payload.get("version")))
        st.table(
            pd.DataFrame({"field": list(payload), "value": [str(v) for v in payload.values()]})
        )
    elif kind == "problems":
        st.error(t("form.fix_fields", lang))
        for field, (key, params) in payload.items():
            st.error(f"{t('field.' + field, lang)}: {t(key, lang, **params)}")
    else:
        getattr(st, kind)(payload)


def show(evidence_id: int, *, lang: str) -> None:
    actor = state.actor()
    detail = state.evidence_detail(evidence_id)
    if detail is None:
        st.warning(t("entry.not_found", lang, id=evidence_id))
        return
    st.subheader(t("entry.heading", lang, id=evidence_id, title=detail["title"]))
    _flash(lang)
    if detail["withdrawn_at"] is not None:
        st.warning(t("entry.withdrawn_notice", lang, reason=detail["withdrawn_reason"]))
    st.text(detail["description"] or "")
    fields = pd.DataFrame(
        {
            "field": [t(f"field.{f}", lang) for f in SHOWN],
            "value": [_value(f, detail[f], lang) for f in SHOWN],
        }
    )
    st.table(fields.set_index("field"))

    st.markdown(f"**{t('entry.attachments', lang)}**")
    if detail["attachments"]:
        st.table(pd.DataFrame(detail["attachments"]))
    else:
        st.caption(t("entry.no_attachments", lang))
    st.markdown(f"**{t('entry.captures', lang)}**")
    captured = registers.evidence_captures(state.engine(), evidence_id)
    if captured.empty:
        st.caption(t("entry.no_captures", lang))
    else:
        st.dataframe(captured, hide_index=True, width="stretch")
    if detail["source_url"] and actor.role != Role.VIEWER:
        st.button(
            t("entry.capture_button", lang),
            key=f"capture.{evidence_id}",
            on_click=_capture,
            args=(evidence_id, detail["source_url"], lang),
        )
    with st.expander(t("entry.history", lang)):
        st.dataframe(state.evidence_history(evidence_id), hide_index=True, width="stretch")

    if actor.role == Role.VIEWER:
        return
    version = int(detail["version"])
    edit_tab, verify_tab, withdraw_tab, attach_tab = st.tabs(
        [
            t("entry.edit", lang),
            t("entry.verify", lang),
            t("entry.withdraw", lang),
            t("entry.attach", lang),
        ]
    )
    with edit_tab:
        _edit(evidence_id, version, detail, lang)
    with verify_tab:
        _verify(evidence_id, version, detail, lang)
    with withdraw_tab:
        reason_key = f"withdraw.{evidence_id}.reason"
        st.text_area(t("field.reason", lang), key=reason_key, max_chars=2000)
        if detail["withdrawn_at"] is None:
            st.button(
                t("entry.withdraw_button", lang),
                key=f"withdraw.{evidence_id}",
                on_click=_with_reason,
                args=(lang, "withdraw", evidence.withdraw, evidence_id, version, reason_key),
            )
        elif actor.role == Role.ADMIN:
            st.button(
                t("entry.restore_button", lang),
                key=f"restore.{evidence_id}",
                on_click=_with_reason,
                args=(lang, "restore", evidence.restore, evidence_id, version, reason_key),
            )
    with attach_tab:
        upload = st.file_uploader(
            t("field.file", lang),
            key=f"attach.{evidence_id}.file",
            max_upload_size=attachments.MAX_MB,
        )
        if upload is not None:
            st.button(
                t("entry.attach_button", lang),
                key=f"attach.{evidence_id}",
                on_click=lambda: _run(
                    lang,
                    "attach",
                    lambda s, a: attachments.attach(
                        s,
                        a,
                        evidence_id,
                        upload.name,
                        upload.getvalue(),
                        folder=state.settings().attachments_dir,
                    ),
                ),
            )


def _edit(evidence_id: int, version: int, detail: dict[str, Any], lang: str) -> None:
    if detail["verification"] == Verification.VERIFIED or detail["withdrawn_at"] is not None:
        st.info(t("entry.verified_hint", lang))
        return
    prefix = f"edit.{evidence_id}.{version}"
    if not st.session_state.get(f"{prefix}.loaded"):
        evidence_form.load(prefix, detail)
    st.session_state[f"{prefix}.problems"] = st.session_state.pop("edit.problems", None)
    evidence_form.show(
        prefix,
        lang=lang,
        demands=state.demand_titles(lang),
        regions=state.regions(lang),
        today=state.today(),
    )

    def save() -> None:
        _run(
            lang,
            "edit",
            lambda s, a: evidence.edit(
                s, a, evidence_id, version, evidence_form.values(prefix), today=state.today()
            ),
        )

    st.button(t("form.save_changes", lang), key=f"{prefix}.save", type="primary", on_click=save)


def _verify(evidence_id: int, version: int, detail: dict[str, Any], lang: str) -> None:
    current = Verification(detail["verification"])
    st.write(f"{t('field.verification', lang)}: **{enum_label('verification', current, lang)}**")
    step = NEXT_STEP.get(current)
    if step is not None:
        st.button(
            t("entry.advance", lang, step=enum_label("verification", step, lang)),
            key=f"verify.{evidence_id}.{version}",
            on_click=_run,
            args=(lang, step.value, evidence.advance_verification, evidence_id, version),
        )
    else:
        reason_key = f"reopen.{evidence_id}.reason"
        st.text_area(t("field.reason", lang), key=reason_key, max_chars=2000)
        st.button(
            t("entry.reopen", lang),
            key=f"reopen.{evidence_id}.{version}",
            on_click=_with_reason,
            args=(lang, "reopen", evidence.reopen, evidence_id, version, reason_key),
        )
