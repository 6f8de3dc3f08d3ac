"""Code how a draft covers a demand: keyword suggestions, then the level, the points cited, a
note and a doubt flag; a point missing from the split can be added by hand."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.core import limits
from monitor.core.models import AssessmentState, CoverageLevel, CoverageProposal
from monitor.core.permissions import Action, may
from monitor.domain import suggestions
from monitor.domain.points import normalise_labels
from monitor.i18n import enum_label, t
from monitor.services import coverage as coverage_service
from monitor.services import drafts as drafts_service
from monitor.ui import actions, inert, state
from monitor.ui.actions import Note, note, phrase, success
from monitor.ui.components import coverage_review

SLOT = "drafts"
LEVELS = [c.value for c in CoverageLevel]
DEFAULT_LEVEL = CoverageLevel.ABSENT.value


def show(
    coverage: pd.DataFrame, titles: dict[str, str], drafts: dict[str, str], *, lang: str
) -> None:
    """Pick a draft and a demand; everyone sees the suggestions, editors code the pair."""
    draft = st.selectbox(
        t("drafts.draft", lang),
        list(reversed(list(drafts))),
        format_func=drafts.__getitem__,
        key="code.draft",
    )
    demand = st.selectbox(
        t("col.title", lang),
        list(titles),
        format_func=lambda c: f"{c} · {titles[c]}",
        key="code.demand",
    )
    if draft is None or demand is None:
        return
    points = state.draft_points(draft)
    _suggestions(points, demand, lang)
    if may(state.actor().role, Action.EDIT):
        current = coverage[(coverage["draft"] == draft) & (coverage["demand"] == demand)]
        coverage_review.show(draft, demand, drafts[draft], lang=lang)
        _coding(draft, demand, current, points, drafts, lang)
        _add_point(draft, lang)
    with st.expander(t("drafts.point_list", lang)):
        st.dataframe(points, hide_index=True, width="stretch")


def _suggestions(points: pd.DataFrame, demand: str, lang: str) -> None:
    """The points whose words match the demand's lexicon, the matches highlighted."""
    st.markdown(f"**{t('drafts.suggestions', lang)}**")
    pairs = list(zip(points["label"], points["text"], strict=True))
    proposals = suggestions.suggest(pairs, suggestions.load_lexicon().get(demand, ()))
    for s in proposals:
        st.markdown(f"- **{inert.line(s.label)}** · {inert.highlighted(s.segments())}")
    if not proposals:
        st.caption(t("drafts.no_suggestions", lang))


@actions.callback(SLOT)
def _save(draft: str, demand: str, key: str, draft_title: str) -> None:
    """Read the widgets when the button is clicked, not when they were drawn."""
    s = st.session_state

    def said(proposal: CoverageProposal) -> list[Note]:
        published = proposal.state == AssessmentState.PUBLISHED
        return [
            success("drafts.coded", demand=demand, draft=draft_title)
            if published
            else note("info", "drafts.proposed", demand=demand, draft=draft_title)
        ]

    actions.run(
        SLOT,
        coverage_service.propose,
        done=said,
        form=key,
        draft_code=draft,
        demand_code=demand,
        level=s[f"{key}.level"],
        points=s[f"{key}.points"],
        note=s.get(f"{key}.note") or "",
        uncertain=bool(s.get(f"{key}.uncertain")),
        legal_review=bool(s.get(f"{key}.legal_review")),
        legal_note=s.get(f"{key}.legal_note") or "",
    )


def _coding(
    draft: str,
    demand: str,
    current: pd.DataFrame,
    points: pd.DataFrame,
    drafts: dict[str, str],
    lang: str,
) -> None:
    """The pair's coding, starting from what is saved for it."""
    key = f"code.{draft}.{demand}"
    saved = current.iloc[0] if not current.empty else None
    st.radio(
        t("drafts.level", lang),
        LEVELS,
        horizontal=True,
        index=LEVELS.index(saved["level"] if saved is not None else DEFAULT_LEVEL),
        format_func=lambda v: enum_label("coverage", v, lang),
        key=f"{key}.level",
    )
    cited = normalise_labels(saved["points"]) if saved is not None else []
    st.multiselect(
        t("drafts.points", lang),
        list(dict.fromkeys([*points["label"], *cited])),
        default=cited,
        key=f"{key}.points",
        placeholder=t("form.choose", lang),
    )
    st.text_area(
        t("drafts.note", lang),
        value=saved["note"] if saved is not None else "",
        key=f"{key}.note",  # no max_chars: a long paste would vanish; the save names the limit
    )
    a, b = st.columns(2)
    a.checkbox(
        t("drafts.uncertain", lang),
        value=bool(saved["uncertain"]) if saved is not None else False,
        key=f"{key}.uncertain",
    )
    b.checkbox(
        t("drafts.legal_review", lang),
        value=bool(saved["legal_review"]) if saved is not None else False,
        key=f"{key}.legal_review",
    )
    if st.session_state.get(f"{key}.legal_review"):
        st.text_area(
            t("drafts.legal_note", lang),
            value=saved["legal_note"] if saved is not None else "",
            key=f"{key}.legal_note",
        )
    st.button(
        t("drafts.code_save", lang),
        type="primary",
        key=f"{key}.save",
        on_click=_save,
        args=(draft, demand, key, drafts[draft]),
    )


@actions.callback(SLOT)
def _add(draft: str) -> None:
    """One point at the end of the draft, as typed when clicked."""
    actions.run(
        SLOT,
        drafts_service.add_point,
        done=success("entry.done", action=phrase("action.add_point")),
        draft_code=draft,
        label=st.session_state.get("point.label") or "",
        text=st.session_state.get("point.text") or "",
    )


def _add_point(draft: str, lang: str) -> None:
    """A point the splitter missed, added by hand."""
    with st.expander(t("drafts.add_point", lang)):
        st.text_input(
            t("drafts.point_label", lang), key="point.label", max_chars=limits.POINT_LABEL
        )
        st.text_area(t("drafts.point_text", lang), key="point.text")  # the save names the limit
        st.button(t("drafts.point_add", lang), key="point.add", on_click=_add, args=(draft,))
