"""Turning service errors into messages a person reads, in their language."""

from __future__ import annotations

import streamlit as st

from monitor.errors import MonitorError
from monitor.i18n import t


def show_error(err: MonitorError, lang: str) -> None:
    """One translated error box; never a traceback."""
    st.error(t(err.key, lang, message=str(err)))
