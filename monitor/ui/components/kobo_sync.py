"""KoboToolbox on the Import page: the project (an admin sets it), the token's state (never the
token), a pull of new and edited submissions, what needs attention, and the field form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.core.permissions import Action, may
from monitor.i18n import describe, t
from monitor.services import kobo
from monitor.ui import actions, inert, state
from monitor.ui.actions import Note, note, phrase, success

SLOT = "kobo"
ITEMS = "kobo.items"  # what the last pull of this session had to say, for the table
MASK = "●" * 12


def pulled(report: kobo.PullReport) -> list[Note]:
    """The counts, and a warning when something needs a person; the items go to the table."""
    st.session_state[ITEMS] = list(report.items)
    counts = report.counts()
    said = [success("kobo.pulled", **counts)]
    if report.items:
        said.append(note("warning", "kobo.attention", **counts))
    return said


@actions.callback(SLOT)
def _pull() -> None:
    """Pull now: the network is waited on outside any transaction (the service owns them)."""
    actions.run(SLOT, kobo.pull, done=pulled, settings=state.settings(), today=state.today())


@actions.callback(SLOT)
def _save() -> None:
    """The server and project as the widgets hold them when clicked."""
    actions.run(
        SLOT,
        kobo.configure,
        done=success("entry.done", action=phrase("kobo.saved")),
        form="kobo",
        server_url=st.session_state.get("kobo.server_url") or "",
        asset_uid=st.session_state.get("kobo.asset_uid") or "",
    )


def _items(lang: str) -> None:
    """The last pull's refusals, conflicts, deletions and retries, one row each (a dataframe
    draws its cells as plain text)."""
    items: list[kobo.PullItem] = st.session_state.get(ITEMS) or []
    if not items:
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("kobo.col.submission", lang): [f"kobo:{i.root}" for i in items],
                t("kobo.col.entry", lang): [i.evidence_id or "" for i in items],
                t("kobo.col.what", lang): [t(f"kobo.what.{i.what}", lang) for i in items],
                t("kobo.col.why", lang): [
                    " ".join(filter(None, [i.name, describe(i.reason, lang) if i.reason else ""]))
                    for i in items
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def show(*, lang: str) -> None:
    """Draw the section, folded (editors pull; admins also set the project)."""
    with st.expander(t("kobo.title", lang), expanded=bool(st.session_state.get(ITEMS))):
        _section(lang)


def _section(lang: str) -> None:
    role = state.actor().role
    st.caption(t("kobo.caption", lang))
    actions.show(SLOT)
    found = actions.read(kobo.configured)
    if found is None:
        return
    server, asset, reached = found
    admin = may(role, Action.ADMINISTER)
    for name, value in (("server_url", server), ("asset_uid", asset)):
        st.session_state.setdefault(f"kobo.{name}", value)
    left, middle, right = st.columns(3)
    left.text_input(t("kobo.server", lang), key="kobo.server_url", disabled=not admin)
    middle.text_input(t("kobo.asset", lang), key="kobo.asset_uid", disabled=not admin)
    token_set = bool(state.settings().kobo_token)
    right.text_input(
        t("kobo.token", lang),
        value=MASK if token_set else "",
        type="password",
        disabled=True,
        key="kobo.token_mask",
    )
    which = "kobo.token_set" if token_set else "kobo.token_missing"
    right.caption(inert.said(which, lang, name=kobo.TOKEN_VARIABLE))
    if admin:
        st.button(t("kobo.save", lang), on_click=_save, key="kobo.save")
    st.caption(inert.said("kobo.reached", lang, time=reached) if reached else t("kobo.never", lang))
    if may(role, Action.EDIT):
        ready = bool(server and asset and token_set)
        st.button(
            t("kobo.pull", lang),
            on_click=_pull,
            key="kobo.pull",
            type="primary",
            disabled=not ready,
        )
    _items(lang)
    st.download_button(
        t("kobo.form_download", lang),
        data=kobo.FORM_FILE.read_bytes,
        file_name=kobo.FORM_FILE.name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="kobo.form",
        help=t("kobo.form_help", lang),
    )
