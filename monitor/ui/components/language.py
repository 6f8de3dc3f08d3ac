"""The language switch, and the account's own language at sign-in.

The language lives in the URL (`?lang=`), so that a shared link opens in it. A person's last
choice is also kept on their account: a sign-in through an organisation's provider comes back
to the app's bare address, and the account then says which language to open in.
"""

from __future__ import annotations

import streamlit as st

from monitor.core.permissions import Actor
from monitor.i18n import LANGUAGES, t
from monitor.services import accounts
from monitor.ui import actions, state

SLOT = "language"


@actions.callback(SLOT)
def _chosen() -> None:
    """Put the chosen language in the URL and, once signed in, on the account (a failure to
    remember it is one line under the switch, never a lost choice: the URL holds it already).
    Before sign-in there is no account: the URL holds it, and the sign-in that follows keeps
    it (`follow_account` yields to the address)."""
    chosen = st.session_state["lang"]
    st.query_params.update(lang=chosen)
    if state.someone_acts():
        actions.run(SLOT, accounts.set_language, refresh=False, language=chosen)


def switch(lang: str) -> None:
    """The sidebar's language box; on the sign-in and first-run screens too, so a person who
    does not read the default language can read the form they sign in with."""
    st.selectbox(
        t("sidebar.language", lang),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key="lang",
        index=list(LANGUAGES).index(lang),
        on_change=_chosen,
    )
    actions.show(SLOT)


def follow_account(actor: Actor) -> None:
    """Right after a sign-in: open in the account's language unless the address names one."""
    if "lang" not in st.query_params and actor.language in LANGUAGES:
        st.session_state["lang"] = actor.language
        st.query_params["lang"] = str(actor.language)
