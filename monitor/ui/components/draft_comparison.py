"""Compare two versions of a draft: how the coverage of each demand changed, and the points
behind each change with the words added and removed."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from monitor.domain import across_drafts, gaps
from monitor.domain import briefings as briefing_rows
from monitor.i18n import confidence_label, enum_label, t
from monitor.services import briefings
from monitor.ui import actions, inert, state


def show(
    table: pd.DataFrame,
    coverage: pd.DataFrame,
    titles: dict[str, str],
    drafts: dict[str, str],
    *,
    lang: str,
) -> None:
    """A later draft, and an earlier one (by default the one `across_drafts.compared_with`
    names: up its supersedes chain, passing over a draft whose text is not known)."""
    ordered = list(drafts)
    # read left to right, earlier then later; the later is chosen first (it sets the default)
    left, right = st.columns(2)
    later = right.selectbox(
        t("drafts.compare_to", lang),
        list(reversed(ordered)),
        format_func=drafts.__getitem__,
        key="cmp.to",
    )
    if later is None:
        return
    default_from = across_drafts.compared_with(later, table, coverage)
    earlier_options = [c for c in ordered if c != later]
    earlier = left.selectbox(
        t("drafts.compare_from", lang),
        earlier_options,
        format_func=drafts.__getitem__,
        key=f"cmp.from.{later}",
        index=earlier_options.index(default_from) if default_from in earlier_options else 0,
    )
    if earlier is None:
        return
    result = gaps.compare_versions(
        coverage[coverage["draft"] == earlier],
        coverage[coverage["draft"] == later],
        _pairs(earlier),
        _pairs(later),
        list(titles),
    )
    confidence = table.set_index("code")["confidence"]
    st.caption(
        inert.said(
            "drafts.compare.confidence",
            lang,
            before=confidence_label(confidence.get(earlier), lang),
            after=confidence_label(confidence.get(later), lang),
        )
    )
    _summary(result, titles, lang)
    _download(earlier, later, lang)
    _points(result, titles, lang)


def _download(earlier: str, later: str, lang: str) -> None:
    """The comparison as CSV (the same file as `monitor export comparison --from --to`)."""
    now = datetime.now(UTC)
    options = briefings.BriefingOptions(lang=lang, compare_from=earlier, compare_to=later)
    st.download_button(
        t("drafts.compare.download", lang),
        data=actions.download(
            briefings.download_bytes, kind=briefings.COMPARISON, options=options, excel=False
        ),
        file_name=briefing_rows.file_name(briefings.COMPARISON, excel=False, now=now),
        mime="text/csv",
        on_click="ignore",
        key="cmp.download",
    )


def _pairs(draft: str) -> list[tuple[str, str]]:
    """A draft's points as (label, text), in the UI's language."""
    points = state.draft_points(draft)
    return list(zip(points["label"], points["text"], strict=True))


def _level(value: str | None, lang: str) -> str:
    """A coverage level in words, or 'not coded'."""
    return enum_label("coverage", value, lang) if value else t("drafts.not_coded", lang)


def _summary(result: list[gaps.DemandComparison], titles: dict[str, str], lang: str) -> None:
    """One row per demand: before, after, and what kind of change."""
    summary = pd.DataFrame(
        {
            t("col.code", lang): [r.demand for r in result],
            t("col.title", lang): [titles[r.demand] for r in result],
            t("drafts.compare.before", lang): [_level(r.before, lang) for r in result],
            t("drafts.compare.after", lang): [_level(r.after, lang) for r in result],
            t("drafts.compare.change", lang): [
                t(f"drafts.change.{r.change}", lang) for r in result
            ],
        }
    )
    inert.table(summary.set_index(t("col.code", lang)))


def _points(result: list[gaps.DemandComparison], titles: dict[str, str], lang: str) -> None:
    """For each demand that changed, its points with removed words struck and added in bold."""
    st.markdown(f"**{t('drafts.compare.points', lang)}**")
    for r in result:
        if not r.points:
            continue
        label = inert.line(f"{r.demand} · {titles[r.demand]}")
        with st.expander(f"{label} · {t(f'drafts.change.{r.change}', lang)}"):
            for p in r.points:
                words = " ".join(
                    f"~~{inert.line(w)}~~"
                    if op == "-"
                    else f"**{inert.line(w)}**"
                    if op == "+"
                    else inert.line(w)
                    for op, w in p.diff
                )
                kind = t(f"drafts.kind.{p.kind}", lang)
                labels = inert.line(f"({p.before_label or '—'} → {p.after_label or '—'})")
                st.markdown(f"*{kind}* {labels}: {words}")
