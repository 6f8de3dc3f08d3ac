"""Each demand across every draft (Demand page, Overview) and the evidence beside coverage."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from monitor.domain import across_drafts as across
from monitor.domain import briefings as briefing_rows
from monitor.domain import charts, vega_charts
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import enum_label, status_label, t
from monitor.queries.overview import OverviewData
from monitor.services import briefings
from monitor.ui import actions, inert


def for_demand(strip: pd.DataFrame, code: str, titles: dict[str, str], *, lang: str) -> None:
    """One row of cells, one per draft in date order, for one demand (Vega-Lite, not plotly:
    see `vega_charts`; its toolbar downloads it as PNG)."""
    st.subheader(t("across.demand_title", lang))
    mine = strip[strip["demand"] == code]
    spec = vega_charts.draft_strip(mine, titles, lang)
    st.vega_lite_chart(spec, width="stretch", key="demand.strip")
    inert.caption(charts.strip_legend(lang))
    _download("demand.strip_csv", lang, demands=(code,), help_key="across.download_help_demand")


def for_overview(data: OverviewData, *, lang: str, demands: tuple[str, ...] = ()) -> None:
    """All demands across every draft (or the `demands` chosen in the Overview's filters, as
    drawn), then the evidence trend beside each one's coverage."""
    if data.strip.empty:
        return
    st.subheader(t("across.overview_title", lang))
    st.caption(t("across.caption", lang))
    spec = vega_charts.draft_strip(data.strip, data.titles, lang)  # the Demand page's chart
    st.vega_lite_chart(spec, width="stretch", key="ov.strip")
    inert.caption(charts.strip_legend(lang))
    st.subheader(t("across.beside_title", lang))
    st.caption(t("across.beside_caption", lang))
    inert.table(beside_table(data, lang))
    _download("ov.strip_csv", lang, demands=demands, help_key="across.download_help")


def _pair(row: object, direction: str, days: int) -> str:
    last = getattr(row, f"{direction}_last_{days}")
    before = getattr(row, f"{direction}_before_{days}")
    return f"{last} ({before})"


def beside_table(data: OverviewData, lang: str) -> pd.DataFrame:
    """The evidence-beside-coverage table with its labels in `lang`."""
    scores = dict(zip(data.scorecard["code"], data.scorecard["score"], strict=False))
    rows = []
    for r in data.beside.itertuples():
        level = r.latest_level if isinstance(r.latest_level, str) else None
        latest = enum_label("coverage", level, lang) if level else t("drafts.not_coded", lang)
        if r.latest_uncertain:
            latest += f" ({t('chart.gaps.uncertain', lang)})"
        rows.append(
            {
                "demand": f"{r.demand} · {data.titles.get(r.demand, '')}",
                "status": status_label(scores.get(r.demand), lang),
                "regression_30": _pair(r, "regression", 30),
                "progress_30": _pair(r, "progress", 30),
                "regression_90": _pair(r, "regression", 90),
                "progress_90": _pair(r, "progress", 90),
                "verified_share": across.share_text(r.verified_share, lang),
                "latest": latest,
                "latest_change": across.change_words(r.latest_change, lang),
                **{f"drafts_{k}": getattr(r, f"drafts_{k}") for k in _KINDS},
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame = frame.rename(columns={c: t(f"across.col.{c}", lang) for c in frame.columns})
    return frame.set_index(t("across.col.demand", lang))


_KINDS = ("contradicts", "absent", "partial", "not_reported")


def strip_options(lang: str, demands: tuple[str, ...] = ()) -> briefings.BriefingOptions:
    """What the strip download asks for: the chosen demands (none: all ten) in `lang`. The
    other filters are about evidence; coverage belongs to the drafts, so they do not apply."""
    return briefings.BriefingOptions(filters=EvidenceFilters(demands=demands), lang=lang)


def _download(
    key: str, lang: str, *, demands: tuple[str, ...] = (), help_key: str | None = None
) -> None:
    """The strip as CSV in the UI's language (the same file as `monitor export strip`)."""
    now = datetime.now(UTC)
    options = strip_options(lang, demands)
    st.download_button(
        t("across.download", lang),
        data=actions.download(briefings.download_bytes, kind="strip", options=options, excel=False),
        file_name=briefing_rows.file_name("strip", excel=False, now=now),
        mime="text/csv",
        on_click="ignore",
        help=t(help_key, lang) if help_key else None,
        key=key,
    )
