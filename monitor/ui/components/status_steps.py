"""A demand's published status over time (Demand page), drawn with Vega-Lite, not plotly: the
page then needs no plotly script at all (see `monitor.domain.vega_charts`)."""

from __future__ import annotations

import streamlit as st

from monitor.domain import vega_charts
from monitor.i18n import t
from monitor.ui import state


def show(code: str, *, lang: str) -> None:
    """The step line of `code`'s published assessments, held until today; before the first,
    one line says so (an empty chart drew bare grid lines and no axis)."""
    spec = vega_charts.status_steps(state.status_history(), code, lang, today=state.today())
    if not spec["data"]["values"]:
        st.info(t("demand.no_history", lang))
        return
    st.vega_lite_chart(spec, width="stretch", key="demand.steps")
