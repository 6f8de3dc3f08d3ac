"""The two drafts of the comparison briefing (Briefings page): an earlier and a later one.

The pickers only choose; whether the pair can be compared (two known, different drafts) is
the service's rule (`services.briefings`), so the page, the CLI and any later caller refuse
the same pairs with the same words.
"""

from __future__ import annotations

import streamlit as st

from monitor.domain import across_drafts
from monitor.i18n import t
from monitor.ui import state


def choose(*, lang: str) -> tuple[str | None, str | None]:
    """From and to, side by side, drafts by date with their titles in `lang`; by default the
    latest and the draft it is compared with (`across_drafts.compared_with`)."""
    drafts, coverage = state.drafts_and_coverage()
    titles = dict(zip(drafts["code"], drafts["title"], strict=True))
    codes = list(titles)
    earlier = across_drafts.compared_with(codes[-1], drafts, coverage) if codes else None
    start = codes.index(earlier) if earlier in titles else max(len(codes) - 2, 0)
    left, right = st.columns(2)
    before = left.selectbox(
        t("drafts.compare_from", lang),
        codes,
        index=start if codes else None,
        format_func=lambda code: titles.get(code, code),
        key="brief.compare_from",
    )
    after = right.selectbox(
        t("drafts.compare_to", lang),
        codes,
        index=len(codes) - 1 if codes else None,
        format_func=lambda code: titles.get(code, code),
        key="brief.compare_to",
    )
    return before, after
