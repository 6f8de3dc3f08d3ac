"""Evidence register: filter, sort and page through entries; open one to act on it."""

from __future__ import annotations

import math

import streamlit as st

from monitor import queries
from monitor.i18n import enum_label, t
from monitor.models import SourceType, Verification
from monitor.ui import entry_panel, state

lang = state.lang()
actor = state.actor()
st.title(t("register.title", lang))

demands = state.demand_titles(lang)
regions = state.regions(lang)
titles = dict(zip(demands["code"], demands["title"], strict=True))
region_names = dict(zip(regions["code"], regions["name"], strict=True))

with st.expander(t("register.filters", lang), expanded=True):
    a, b, c = st.columns(3)
    chosen_demands = a.multiselect(
        t("field.demands", lang),
        list(titles),
        placeholder=t("form.choose", lang),
        key="reg.demands",
    )
    chosen_regions = b.multiselect(
        t("field.region", lang),
        list(region_names),
        placeholder=t("form.choose", lang),
        key="reg.regions",
        format_func=region_names.get,
    )
    text = c.text_input(t("register.text", lang), key="reg.text")
    a, b, c, d = st.columns(4)
    date_from = a.date_input(t("register.date_from", lang), value=None, key="reg.from")
    date_to = b.date_input(t("register.date_to", lang), value=None, key="reg.to")
    verification = c.multiselect(
        t("field.verification", lang),
        [v.value for v in Verification],
        placeholder=t("form.choose", lang),
        key="reg.verification",
        format_func=lambda v: enum_label("verification", v, lang),
    )
    source_types = d.multiselect(
        t("field.source_type", lang),
        [s.value for s in SourceType],
        placeholder=t("form.choose", lang),
        key="reg.sources",
        format_func=lambda v: enum_label("source_type", v, lang),
    )
    a, b, c = st.columns(3)
    sensitivities = a.multiselect(
        t("field.sensitivity", lang),
        [s.value for s in queries.visible_sensitivities(actor)],
        placeholder=t("form.choose", lang),
        key="reg.sensitivity",
        format_func=lambda v: enum_label("sensitivity", v, lang),
    )
    sort = b.selectbox(
        t("register.sort", lang),
        list(queries.registers.SORTS),
        placeholder=t("form.choose", lang),
        key="reg.sort",
        format_func=lambda s: t(f"register.sort.{s}", lang),
    )
    include_withdrawn = c.checkbox(t("register.include_withdrawn", lang), key="reg.withdrawn")

filters = queries.EvidenceFilters(
    demands=tuple(chosen_demands),
    regions=tuple(chosen_regions),
    date_from=date_from,
    date_to=date_to,
    verification=tuple(verification),
    source_types=tuple(source_types),
    sensitivities=tuple(sensitivities),
    text=text,
    include_withdrawn=include_withdrawn,
)
page_size = 50
page_number = int(st.session_state.get("reg.page") or 1)
frame, total = state.evidence_page(filters, page_number, page_size, sort, lang)
pages = max(1, math.ceil(total / page_size))
if page_number > pages:
    page_number = pages
    frame, total = state.evidence_page(filters, page_number, page_size, sort, lang)

st.caption(t("register.count", lang, total=f"{total:,}", page=page_number, pages=pages))
if frame.empty:
    st.info(t("register.empty", lang))
else:
    shown = frame.assign(
        source_type=[enum_label("source_type", v, lang) for v in frame["source_type"]],
        verification=[enum_label("verification", v, lang) for v in frame["verification"]],
        sensitivity=[enum_label("sensitivity", v, lang) for v in frame["sensitivity"]],
        direction=[enum_label("direction", v, lang) for v in frame["direction"]],
    )
    columns = [
        "id",
        "title",
        "demands",
        "event_start",
        "region",
        "settlement_name",
        "source_type",
        "reliability",
        "credibility",
        "direction",
        "verification",
        "sensitivity",
    ]
    selection = st.dataframe(
        shown[columns],
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="reg.table",
        column_config={c: t(f"field.{c}", lang) for c in columns},
    )
    st.caption(t("register.select_hint", lang))
    rows = selection.selection.rows if selection else []
    if rows:
        st.session_state["reg.open"] = int(frame.iloc[rows[0]]["id"])
a, b = st.columns(2)
a.number_input(t("register.page", lang), min_value=1, max_value=pages, step=1, key="reg.page")
b.number_input(t("register.open", lang), min_value=1, step=1, value=None, key="reg.open")

if st.session_state.get("reg.open"):
    entry_panel.show(int(st.session_state["reg.open"]), lang=lang)
