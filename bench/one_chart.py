"""The Overview with one of its charts drawn and the others left out: what each chart costs.

`bench/browser.py` opens this page as `?chart=<key>` (`ov.month`, `ov.map`, ...; `none` draws
no chart, `all` every one; `more=1` opens the expander the lower charts are in, where the
Overview has one). It runs the Overview page of the checkout named by
MONITOR_BENCH_CHECKOUT (this one by default, or an older one to compare with) exactly as the
app does, except that `plotly_chart` and `vega_lite_chart` draw only the chart asked for (by its
key, whichever library draws it), and that links to other pages (which need the app's
navigation) are left out. So the figures, their config and the
rest of the page are the app's own, and the page's load, less that of `none`, is what the one
chart adds to the wait.
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path
from typing import Any

CHECKOUT = Path(os.environ.get("MONITOR_BENCH_CHECKOUT") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(CHECKOUT))

import streamlit as st  # noqa: E402
from streamlit.delta_generator import DeltaGenerator  # noqa: E402

st.set_page_config(page_title="Demands Monitor", layout="wide")
only = st.query_params.get("chart", "all")
if st.query_params.get("more") == "1":  # the Overview's expander of lower charts, opened
    st.session_state["ov.more"] = True
# the first run's originals, kept on the class: every run of this script patches them again
KINDS = ("plotly_chart", "vega_lite_chart")
for kind in KINDS:
    if f"bench_{kind}" not in DeltaGenerator.__dict__:
        setattr(DeltaGenerator, f"bench_{kind}", getattr(DeltaGenerator, kind))


def only_asked(kind: str) -> Any:
    """`kind` (plotly_chart, vega_lite_chart) drawing only the chart whose key was asked for."""
    draw = DeltaGenerator.__dict__[f"bench_{kind}"]

    def chart(self: DeltaGenerator, *args: Any, **kwargs: Any) -> Any:
        if only == "all" or kwargs.get("key") == only:
            return draw(self, *args, **kwargs)
        return None

    return chart


def page_link(self: DeltaGenerator, *args: Any, **kwargs: Any) -> None:
    """Left out: a link needs the app's navigation, which this page does not build."""


for kind in KINDS:
    setattr(DeltaGenerator, kind, only_asked(kind))
    setattr(st, kind, getattr(st._main, kind))  # st.* are bound to the main container on import
DeltaGenerator.page_link = page_link  # type: ignore[method-assign,assignment]
st.page_link = st._main.page_link

from monitor.ui import state  # noqa: E402

state.actor()
runpy.run_path(str(CHECKOUT / "monitor" / "ui" / "pages" / "overview_page.py"))
