"""The provenance box of a briefing preview: when, by whom, from which data, with which filters
(what the pack's README says, in short, before anything is downloaded)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import streamlit as st

from monitor.domain.briefing_kinds import SENSITIVITY
from monitor.domain.briefings import BriefingOptions
from monitor.i18n import enum_label, moment, number, t
from monitor.queries.organisations import name_in
from monitor.ui import inert, state


def show(
    options: BriefingOptions,
    *,
    reads: frozenset[str],
    rows: int,
    user: str,
    now: datetime,
    lang: str,
) -> None:
    """One bordered box above the download button; it names only the filters the file reads."""
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
        said = inert.Markdown("; ".join(_filters(options, reads, lang)))
        st.caption(inert.said("brief.filters_used", lang, filters=said))
        st.caption(
            inert.said("brief.readme.reference", lang, release=state.reference_release() or "—")
        )


def _filters(
    options: BriefingOptions, reads: frozenset[str], lang: str
) -> Iterator[inert.Markdown]:
    """Each filter the file reads, in words, in the order the page draws them (names and
    dates escaped, the catalogue's words as they are)."""
    f, every = options.filters, t("brief.any", lang)
    names = dict(state.regions(lang)[["code", "name"]].itertuples(index=False, name=None))
    if "demands" in reads:
        yield inert.said("brief.filter.demands", lang, value=", ".join(f.demands) or every)
    if "regions" in reads:
        regions = ", ".join(names.get(r, r) for r in f.regions)
        yield inert.said("brief.filter.regions", lang, value=regions or every)
    if "dates" in reads:
        yield inert.said("brief.filter.dates", lang, start=f.date_from or "…", end=f.date_to or "…")
    if "verification" in reads:
        checked = ", ".join(enum_label("verification", v, lang) for v in f.verification)
        yield inert.said("brief.filter.verification", lang, value=checked or every)
    if "organisations" in reads and f.organisations:
        rows = state.organisations().to_dict("records")
        chosen = [name_in(r, lang) for r in rows if int(r["id"]) in f.organisations]
        yield inert.said("brief.filter.organisations", lang, value=", ".join(chosen))
    if SENSITIVITY in reads:  # put into words in `lang`
        yield inert.said("brief.filter.sensitivity", lang, value=options.sensitivities())
