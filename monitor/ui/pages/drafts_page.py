"""Draft agreements: list with gap counts, gap matrix, adding and coding drafts, comparing."""

from __future__ import annotations

import streamlit as st

from monitor.domain import gaps
from monitor.i18n import confidence_label, enum_label, t
from monitor.ui import actions, inert, state
from monitor.ui.components import (
    brief_download,
    coverage_coder,
    draft_comparison,
    draft_editor,
    gap_matrix,
)

SLOT = "drafts"
SECTIONS = ("matrix", "add", "code", "compare")
LISTED = [
    "title",
    "published_on",
    "status",
    "confidence",
    "gaps",
    "by_kind",
    "not_reported",
    "supersedes",
    "proponent",
    "translated",
    "source_url",
]
lang = state.lang()
demands = state.demand_titles(lang)
titles = dict(zip(demands["code"], demands["title"], strict=True))
table, coverage = state.drafts_and_coverage()
drafts = dict(zip(table["code"], table["title"], strict=True))

st.title(t("drafts.title", lang))
st.caption(inert.said("drafts.caption", lang, release=state.reference_release() or "—"))
actions.show(SLOT)
by_draft = gaps.gap_counts(coverage, list(drafts), list(titles))
counts = [by_draft[c] for c in table["code"]]
listing = table.assign(
    status=[enum_label("draft_status", s, lang) for s in table["status"]],
    confidence=[confidence_label(c, lang) for c in table["confidence"]],
    gaps=[c.gaps for c in counts],
    by_kind=[t("drafts.by_kind", lang, **c.by_kind) for c in counts],
    not_reported=[c.not_reported for c in counts],
    translated=[bool(v) for v in table["title_translated"]],
    source_url=[inert.http_only(u) for u in table["source_url"]],  # a link opens only http(s)
)[LISTED]
st.subheader(t("drafts.list", lang))
st.dataframe(
    listing.rename(columns={c: t(f"drafts.col.{c}", lang) for c in LISTED}),
    hide_index=True,
    width="stretch",
    column_config={  # the title stays in view while the wide table scrolls to its right
        t("drafts.col.title", lang): st.column_config.TextColumn(pinned=True),
        t("drafts.col.source_url", lang): st.column_config.LinkColumn(),
    },
)
brief_download.for_draft(drafts, lang=lang)

# a segmented control keeps its choice across reruns (tabs would jump back to the first one
# after every widget change inside them)
section = (
    st.segmented_control(
        t("drafts.section", lang),
        SECTIONS,
        format_func=lambda k: t(f"drafts.tab.{k}", lang),
        default="matrix",
        key="drafts.section",
        label_visibility="collapsed",
    )
    or "matrix"
)
if section == "matrix":
    gap_matrix.show(coverage, titles, drafts, lang=lang)
elif section == "add":
    draft_editor.show(drafts, lang=lang)
elif section == "code":
    coverage_coder.show(coverage, titles, drafts, lang=lang)
else:
    draft_comparison.show(table, coverage, titles, drafts, lang=lang)
