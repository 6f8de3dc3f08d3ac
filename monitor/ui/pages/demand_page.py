"""One demand: its text in both languages, its status history, assessments and evidence."""

from __future__ import annotations

import streamlit as st

from monitor import charts, queries
from monitor.db import session_scope
from monitor.i18n import enum_label, status_label, t
from monitor.models import AssessmentState, Role
from monitor.services import app_settings, assessments
from monitor.ui import state
from monitor.ui.feedback import run_service, show_flash

lang = state.lang()
actor = state.actor()
demands = state.demand_titles(lang)
codes = list(demands["code"])
titles = dict(zip(demands["code"], demands["title"], strict=True))
if st.query_params.get("demand") in codes and "demand.code" not in st.session_state:
    st.session_state["demand.code"] = st.query_params["demand"]
code = st.selectbox(
    t("demand.choose", lang), codes, format_func=lambda c: f"{c} · {titles[c]}", key="demand.code"
)
st.query_params["demand"] = code
demand = state.demand_row(code) or {}
st.title(f"{code} · {titles[code]}")
left, right = st.columns(2)
left.markdown(f"**{t('demand.text_uk', lang)}**\n\n{demand.get('text_uk', '')}")
right.markdown(f"**{t('demand.text_en', lang)}**\n\n{demand.get('text_en', '')}")
if demand.get("text_uk_is_translation"):
    st.caption(t("demand.translation_note", lang))
st.caption(f"{t('demand.source', lang)}: {demand.get('source', '')}")
st.caption(
    t(
        "demand.crosswalk",
        lang,
        pax=demand.get("pax_codes") or "—",
        pam=demand.get("pam_provision") or "—",
    )
)

show_flash("demand.flash")

st.subheader(t("demand.history", lang))
st.plotly_chart(
    charts.status_steps(state.status_history(), code, lang, today=state.today()), key="demand.steps"
)


def _act(fn, *args, done: str) -> None:  # type: ignore[no-untyped-def]
    run_service(
        lambda session, actor: fn(session, actor, *args), done=done, lang=lang, flash="demand.flash"
    )


table = state.assessments_for(code)
st.subheader(t("demand.assessments", lang))
if not table.empty:
    shown = table.assign(
        score=[status_label(s, lang) for s in table["score"]],
        state=[
            enum_label("assessment_state", s, lang)
            + (f" ({t('demand.self_approved', lang)})" if self_ok else "")
            for s, self_ok in zip(table["state"], table["self_approved"], strict=True)
        ],
    )[["assessed_on", "score", "state", "rationale", "author", "approver", "evidence"]]
    headers = {
        "assessed_on": t("demand.assessed_on", lang),
        "score": t("demand.score", lang),
        "state": t("col.state", lang),
        "rationale": t("col.rationale", lang),
        "author": t("col.author", lang),
        "approver": t("col.approver", lang),
        "evidence": t("demand.evidence", lang),
    }
    st.dataframe(shown.rename(columns=headers), hide_index=True, width="stretch")

if actor.role != Role.VIEWER:
    st.markdown(f"**{t('demand.pending', lang)}**")
    pending = table[table["state"] == AssessmentState.PROPOSED]
    if pending.empty:
        st.caption(t("demand.no_pending", lang))
    for row in pending.itertuples():
        with st.container(border=True):
            st.write(
                f"{row.assessed_on} · {status_label(row.score, lang)} · "
                f"{row.author}: {row.rationale}"
            )
            a, b = st.columns(2)
            a.button(
                t("demand.approve", lang),
                key=f"approve.{row.id}",
                on_click=_act,
                args=(assessments.approve, row.id),
                kwargs={"done": t("entry.done", lang, action="approve")},
            )
            reason = b.text_input(t("demand.reject_reason", lang), key=f"reject.{row.id}.reason")
            b.button(
                t("demand.reject", lang),
                key=f"reject.{row.id}",
                on_click=lambda i=row.id: _act(
                    assessments.reject,
                    i,
                    st.session_state.get(f"reject.{i}.reason") or "",
                    done=t("entry.done", lang, action="reject"),
                ),
            )

    with st.expander(t("demand.propose", lang)):
        score = st.radio(
            t("demand.score", lang),
            [0, 1, 2, 3],
            format_func=lambda s: status_label(s, lang),
            horizontal=True,
            key="assess.score",
        )
        on = st.date_input(
            t("demand.assessed_on", lang),
            value=state.today(),
            max_value=state.today(),
            key="assess.on",
        )
        st.text_area(t("demand.rationale", lang), key="assess.rationale", max_chars=10000)
        st.text_input(
            t("demand.evidence_ids", lang), key="assess.evidence", placeholder="12, 15, 40"
        )

        def propose() -> None:
            raw = st.session_state.get("assess.evidence") or ""
            ids = assessments.parse_ids(raw)
            with session_scope(state.engine()) as session:
                four_eyes = app_settings.four_eyes(session)
            _act(
                lambda s, a: assessments.propose(
                    s,
                    a,
                    demand=code,
                    score=st.session_state["assess.score"],
                    assessed_on=st.session_state["assess.on"],
                    rationale=st.session_state.get("assess.rationale") or "",
                    evidence_ids=ids,
                    today=state.today(),
                ),
                done=t("demand.proposed" if four_eyes else "demand.proposed_self", lang),
            )

        st.button(t("demand.submit", lang), type="primary", on_click=propose, key="assess.submit")

st.subheader(t("demand.evidence", lang))
frame, total = state.evidence_page(
    queries.EvidenceFilters(demands=(code,)), 1, 20, "event_start", lang
)
st.caption(t("register.count", lang, total=f"{total:,}", page=1, pages=max(1, -(-total // 20))))
st.dataframe(
    frame[["id", "title", "event_start", "region", "verification"]],
    hide_index=True,
    width="stretch",
)
