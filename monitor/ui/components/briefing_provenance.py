"""The provenance box of a briefing preview: when, by whom, from which data, with which filters
(what the pack's README says, in short, before anything is downloaded)."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from monitor.domain.briefings import BriefingOptions
from monitor.i18n import moment, number, t
from monitor.ui import inert, state


def show(options: BriefingOptions, *, rows: int, user: str, now: datetime, lang: str) -> None:
    """One bordered box above the download button."""
    f = options.filters
    names = dict(state.regions(lang)[["code", "name"]].itertuples(index=False, name=None))
    with st.container(border=True):
        st.markdown(
            inert.said(
                "brief.provenance",
                lang,
                when=moment(now),
                user=user,
                version=state.data_version(),
                rows=number(rows, lang),
                count=rows,
            )
        )
        st.caption(
            inert.said(
                "brief.filters_used",
                lang,
                demands=", ".join(f.demands) or t("brief.any", lang),
                regions=", ".join(names.get(r, r) for r in f.regions) or t("brief.any", lang),
                start=f.date_from or "…",
                end=f.date_to or "…",
                sensitivity=options.sensitivities(),  # put into words in `lang`
            )
        )
        st.caption(
            inert.said("brief.readme.reference", lang, release=state.reference_release() or "—")
        )
