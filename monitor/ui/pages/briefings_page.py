"""Briefings: choose a CSV for partners, filter it, preview it, see its provenance, download it."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from monitor.domain import briefings as briefing_rows
from monitor.domain.briefing_kinds import FILE_KINDS, READS, SENSITIVITY
from monitor.i18n import LANGUAGES, number, t
from monitor.services import briefings
from monitor.ui import actions, inert, state
from monitor.ui.components import briefing_provenance, draft_pair, evidence_filters, export_scope

lang = state.lang()
actor = state.actor()
st.title(t("brief.title", lang))
st.caption(t("brief.caption", lang))
kind = st.radio(
    t("brief.kind", lang),
    list(FILE_KINDS),
    format_func=lambda k: t(f"brief.kind.{k}", lang),
    horizontal=True,
    key="brief.kind",
)
compare = draft_pair.choose(lang=lang) if kind == briefings.COMPARISON else (None, None)
reads = READS[kind]  # the filters this file reads: only these are drawn, carried and named
filters = evidence_filters.for_briefing(
    lang=lang, demands=state.demand_titles(lang), regions=state.regions(lang), reads=reads
)
a, b, c, d = st.columns(4)
file_lang = a.selectbox(
    t("brief.file_lang", lang),
    list(LANGUAGES),
    index=list(LANGUAGES).index(lang),
    format_func=LANGUAGES.__getitem__,
    key="brief.lang",
)
excel = b.toggle(t("brief.excel", lang), key="brief.excel", help=t("brief.excel_help", lang))
scoped = SENSITIVITY in reads  # a drafts' coverage file holds no evidence to include
restricted, confidential = (
    export_scope.choose("brief", lang=lang, left=c, right=d) if scoped else (False, False)
)
custody = kind == "pack" and st.checkbox(t("brief.custody.include", lang), key="brief.custody")
options = briefings.BriefingOptions(
    filters=filters,
    lang=file_lang or lang,
    include_restricted=restricted,
    include_confidential=confidential,
    include_organisation=scoped and export_scope.organisation("brief", lang=lang),
    compare_from=compare[0],
    compare_to=compare[1],
    custody=custody,
)
now = datetime.now(UTC)
# the preview reads the whole briefing: again only when the data, the reader or a choice changed
asked = (state.data_version(), actor, kind, options, state.today())
kept = st.session_state.get("brief.preview")
preview = kept[1] if kept and kept[0] == asked else None
if preview is None:
    preview = actions.read(briefings.preview, kind=kind, options=options, today=state.today())
    if preview is None:  # refused: the reason is drawn in its place
        st.stop()
    st.session_state["brief.preview"] = (asked, preview)
header, first, total = preview

st.metric(t("brief.rows", lang), number(total, lang))
shown = inert.blanked(pd.DataFrame(first, columns=header, dtype=object))
st.dataframe(shown, hide_index=True, width="stretch")
briefing_provenance.show(options, reads=reads, rows=total, user=actor.username, now=now, lang=lang)
st.download_button(
    t("brief.download", lang),
    data=actions.download(briefings.download_bytes, kind=kind, options=options, excel=excel),
    file_name=briefing_rows.file_name(kind, excel=excel, now=now),
    mime="application/zip" if kind == "pack" else "text/csv",
    on_click="ignore",
    type="primary",
    key="brief.download",
)
