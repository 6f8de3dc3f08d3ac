"""Turning service calls and their errors into messages a person reads, in their language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from monitor.auth import Actor
from monitor.db import session_scope
from monitor.errors import InvalidInput, MonitorError
from monitor.i18n import t
from monitor.ui import state


def show_error(err: MonitorError, lang: str) -> None:
    """One translated error box; never a traceback."""
    st.error(t(err.key, lang, message=str(err)))


def run_service(action: Callable[[Any, Actor], Any], *, done: str, lang: str, flash: str) -> bool:
    """Call a service in one transaction as the current user; leave a translated outcome under
    `flash` for the next rerun (field problems named), and refresh the caches on success."""
    try:
        with session_scope(state.engine()) as session:
            action(session, state.actor())
    except InvalidInput as err:
        reasons = "; ".join(f"{f}: {t(k, lang, **p)}" for f, (k, p) in err.problems.items())
        st.session_state[flash] = ("error", reasons or str(err))
        return False
    except MonitorError as err:
        st.session_state[flash] = ("error", t(err.key, lang, message=str(err)))
        return False
    st.session_state[flash] = ("success", done)
    state.clear_caches()
    return True


def show_flash(flash: str) -> None:
    """Show (once) what the last action left under `flash`."""
    message = st.session_state.pop(flash, None)
    if message:
        getattr(st, message[0])(message[1])
