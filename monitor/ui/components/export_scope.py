"""How sensitive a file handed on may be: the two boxes the Briefings page and every PDF brief
offer, each shown only as far as the reader's role allows (the service checks it again)."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from monitor.core.permissions import Action, may
from monitor.i18n import t
from monitor.ui import state


def choose(
    prefix: str, *, lang: str, left: DeltaGenerator, right: DeltaGenerator
) -> tuple[bool, bool]:
    """Include restricted entries (editors), include confidential ones (admins only, and only
    shown to them), under `prefix.restricted` and `prefix.confidential`."""
    role = state.actor().role
    restricted = left.checkbox(
        t("brief.include_restricted", lang),
        key=f"{prefix}.restricted",
        disabled=not may(role, Action.EXPORT_RESTRICTED),
        wrap=True,  # in a column a label is cut with an ellipsis by default
    )
    confidential = may(role, Action.EXPORT_CONFIDENTIAL) and right.checkbox(
        t("brief.include_confidential", lang), key=f"{prefix}.confidential", wrap=True
    )
    return restricted, confidential


def organisation(prefix: str, *, lang: str) -> bool:
    """Include organisation-only entries (the reader's organisation's; an admin's, all): shown
    to those who may hand them on, under `prefix.organisation`."""
    return may(state.actor().role, Action.EXPORT_ORGANISATION) and st.checkbox(
        t("brief.include_organisation", lang), key=f"{prefix}.organisation", wrap=True
    )
