"""The Overview's filters, kept in the URL query string so a view can be shared as a link."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.i18n import t
from monitor.queries.filters import EvidenceFilters, from_query, to_query


def show(*, lang: str, demands: pd.DataFrame, regions: pd.DataFrame) -> EvidenceFilters:
    """Widgets initialised from the URL on first load; every change is written back to it."""
    initial = from_query({k: v for k, v in st.query_params.items() if k != "lang"})
    if "ov.loaded" not in st.session_state:
        st.session_state.update(
            {
                "ov.demands": list(initial.demands),
                "ov.regions": list(initial.regions),
                "ov.from": initial.date_from,
                "ov.to": initial.date_to,
                "ov.corroborated": not initial.verification
                or "corroborated" in initial.verification,
                "ov.unverified": not initial.verification or "unverified" in initial.verification,
                "ov.loaded": True,
            }
        )
    titles = dict(zip(demands["code"], demands["title"], strict=True))
    names = dict(zip(regions["code"], regions["name"], strict=True))
    with st.expander(t("overview.filters", lang)):
        a, b = st.columns(2)
        a.multiselect(
            t("field.demands", lang),
            list(titles),
            format_func=lambda c: f"{c} · {titles[c]}",
            placeholder=t("form.choose", lang),
            key="ov.demands",
        )
        b.multiselect(
            t("field.region", lang),
            list(names),
            format_func=names.__getitem__,
            placeholder=t("form.choose", lang),
            key="ov.regions",
        )
        a, b, c, d = st.columns(4)
        a.date_input(t("register.date_from", lang), key="ov.from", format="YYYY-MM-DD")
        b.date_input(t("register.date_to", lang), key="ov.to", format="YYYY-MM-DD")
        c.checkbox(t("overview.include_corroborated", lang), key="ov.corroborated")
        d.checkbox(t("overview.include_unverified", lang), key="ov.unverified")
        st.caption(t("overview.share_link", lang))
    state = st.session_state
    verification: tuple[str, ...] = ()
    if not (state["ov.corroborated"] and state["ov.unverified"]):
        verification = (
            ("verified",)
            + ("corroborated",) * state["ov.corroborated"]
            + ("unverified",) * state["ov.unverified"]
        )
    filters = EvidenceFilters(
        demands=tuple(state["ov.demands"]),
        regions=tuple(state["ov.regions"]),
        date_from=state["ov.from"],
        date_to=state["ov.to"],
        verification=verification,
    )
    wanted = to_query(filters)
    lang_param = st.query_params.get("lang")
    if {k: v for k, v in st.query_params.items() if k != "lang"} != wanted:
        st.query_params.from_dict({**wanted, **({"lang": lang_param} if lang_param else {})})
    return filters
