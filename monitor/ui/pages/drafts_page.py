"""Draft agreements: list with gap counts, gap matrix, adding and coding drafts, comparing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor import charts
from monitor.errors import InvalidInput
from monitor.i18n import enum_label, t
from monitor.models import CoverageLevel, DraftStatus, Role
from monitor.services import documents, drafts, gaps, suggestions
from monitor.services.splitter import SplitPoint, split_points
from monitor.ui import state
from monitor.ui.feedback import run_service, show_flash

lang = state.lang()
actor = state.actor()
demands = state.demand_titles(lang)
titles = dict(zip(demands["code"], demands["title"], strict=True))
codes = list(titles)
table, coverage = state.drafts_and_coverage()
draft_titles = dict(zip(table["code"], table["title"], strict=True))

st.title(t("drafts.title", lang))
st.caption(t("drafts.caption", lang))
show_flash("drafts.flash")


def run(action, done: str) -> None:  # type: ignore[no-untyped-def]
    run_service(action, done=done, lang=lang, flash="drafts.flash")


counts = gaps.gap_counts(coverage, list(table["code"]), codes)
listing = table.assign(
    status=[enum_label("draft_status", s, lang) for s in table["status"]],
    gaps=[counts[c] for c in table["code"]],
)[["title", "published_on", "status", "gaps", "supersedes", "proponent", "source_url"]]
st.subheader(t("drafts.list", lang))
st.dataframe(
    listing.rename(columns={c: t(f"drafts.col.{c}", lang) for c in listing.columns}),
    hide_index=True,
    width="stretch",
    column_config={t("drafts.col.source_url", lang): st.column_config.LinkColumn()},
)

# a segmented control keeps its choice across reruns (tabs would jump back to the first one
# after every widget change inside them)
sections = ("matrix", "add", "code", "compare")
section = (
    st.segmented_control(
        t("drafts.section", lang),
        sections,
        format_func=lambda k: t(f"drafts.tab.{k}", lang),
        default="matrix",
        key="drafts.section",
        label_visibility="collapsed",
    )
    or "matrix"
)

if section == "matrix":
    picked = st.plotly_chart(
        charts.gap_heatmap(coverage, titles, lang, drafts=draft_titles),
        on_select="rerun",
        selection_mode="points",
        key="drafts.matrix",
    )
    st.caption(t("drafts.cell_hint", lang))
    chosen = (picked.selection.points if picked else None) or []
    if chosen:
        by_title = {v: k for k, v in draft_titles.items()}
        st.session_state["drafts.cell_draft"] = by_title.get(
            chosen[0].get("y"), st.session_state.get("drafts.cell_draft")
        )
        st.session_state["drafts.cell_demand"] = chosen[0].get("x")
    a, b = st.columns(2)
    cell_draft = a.selectbox(
        t("drafts.draft", lang),
        list(table["code"]),
        format_func=draft_titles.get,
        key="drafts.cell_draft",
    )
    cell_demand = b.selectbox(
        t("col.title", lang),
        codes,
        format_func=lambda c: f"{c} · {titles[c]}",
        key="drafts.cell_demand",
    )
    cell = coverage[(coverage["draft"] == cell_draft) & (coverage["demand"] == cell_demand)]
    with st.container(border=True):
        if cell.empty:
            st.write(f"**{t('drafts.level', lang)}:** {t('drafts.not_coded', lang)}")
        else:
            row = cell.iloc[0]
            st.write(
                f"**{t('drafts.level', lang)}:** {enum_label('coverage', row['level'], lang)}"
                + (f" ({t('drafts.uncertain', lang)})" if row["uncertain"] else "")
            )
            st.write(f"**{t('drafts.note', lang)}:** {row['note'] or '—'}")
            points = state.draft_points(cell_draft).set_index("label")["text"]
            for label in drafts.normalise_labels(row["points"]):
                point = drafts.cited_point(label, set(points.index))
                st.markdown(f"**{label}.** {points[point] if point else '—'}")

if section == "add":
    if actor.role == Role.VIEWER:
        st.info(t("error.forbidden", lang, message=actor.role.value))
    else:
        a, b, c = st.columns(3)
        a.text_input(t("drafts.field.code", lang), key="new.code", max_chars=32)
        b.text_input(t("drafts.field.title", lang), key="new.title", max_chars=300)
        c.text_input(t("drafts.field.proponent", lang), key="new.proponent", max_chars=300)
        a, b, c, d = st.columns(4)
        a.date_input(
            t("drafts.field.published_on", lang), key="new.published_on", max_value=state.today()
        )
        b.selectbox(
            t("drafts.field.status", lang),
            [s.value for s in DraftStatus],
            key="new.status",
            format_func=lambda s: enum_label("draft_status", s, lang),
        )
        c.selectbox(
            t("drafts.field.supersedes", lang),
            ["", *table["code"]],
            key="new.supersedes",
            format_func=lambda s: draft_titles.get(s, t("drafts.none", lang)),
        )
        d.text_input(t("drafts.field.confidence", lang), key="new.confidence", max_chars=200)
        st.text_input(t("drafts.field.source_url", lang), key="new.source_url", max_chars=2000)
        st.text_area(t("drafts.field.notes", lang), key="new.notes", max_chars=4000)
        upload = st.file_uploader(
            t("drafts.field.file", lang), type=["txt", "md", "docx"], key="new.file"
        )
        if upload is not None and st.session_state.get("new.file_id") != upload.file_id:
            try:
                st.session_state["new.text"] = documents.read_text(upload.name, upload.getvalue())
                st.session_state["new.file_id"] = upload.file_id
            except InvalidInput as err:
                key, params = err.problems["file"]
                st.error(t(key, lang, **params))
        text = st.text_area(t("drafts.field.text", lang), key="new.text", height=240)
        found = split_points(text or "")
        st.caption(t("drafts.split_preview", lang, n=len(found)))
        edited = st.data_editor(
            pd.DataFrame(
                [{"label": p.label, "text": p.text} for p in found], columns=["label", "text"]
            ),
            num_rows="dynamic",
            width="stretch",
            key=f"new.points.{hash(text)}",
        )

        def save_draft() -> None:
            s = st.session_state
            points = [
                SplitPoint(str(r["label"] or "").strip(), str(r["text"] or ""))
                for r in edited.to_dict("records")
            ]
            data = {k: s.get(f"new.{k}") for k in drafts.DraftInput.model_fields}
            data = {k: ("" if v is None else v) for k, v in data.items()}
            run(
                lambda session, a: drafts.create_draft(
                    session, a, data, points, today=state.today()
                ),
                t("drafts.saved", lang, code=data["code"], n=len(points)),
            )

        st.button(t("drafts.save", lang), type="primary", on_click=save_draft, key="new.save")

if section == "code":
    draft = st.selectbox(
        t("drafts.draft", lang),
        list(reversed(list(table["code"]))),
        format_func=draft_titles.get,
        key="code.draft",
    )
    demand = st.selectbox(
        t("col.title", lang), codes, format_func=lambda c: f"{c} · {titles[c]}", key="code.demand"
    )
    points_frame = state.draft_points(draft)
    point_list = list(zip(points_frame["label"], points_frame["text"], strict=True))
    st.markdown(f"**{t('drafts.suggestions', lang)}**")
    proposals = suggestions.suggest(point_list, suggestions.load_lexicon().get(demand, ()))
    for s in proposals:
        st.markdown(f"- **{s.label}** · {s.highlighted()}")
    if not proposals:
        st.caption(t("drafts.no_suggestions", lang))
    current = coverage[(coverage["draft"] == draft) & (coverage["demand"] == demand)]
    form_key = f"code.{draft}.{demand}"
    if actor.role != Role.VIEWER:
        level = st.radio(
            t("drafts.level", lang),
            [c.value for c in CoverageLevel],
            horizontal=True,
            index=[c.value for c in CoverageLevel].index(current["level"].iloc[0])
            if not current.empty
            else 2,
            format_func=lambda v: enum_label("coverage", v, lang),
            key=f"{form_key}.level",
        )
        default_points = (
            drafts.normalise_labels(current["points"].iloc[0]) if not current.empty else []
        )
        options = list(dict.fromkeys([*points_frame["label"], *default_points]))
        cited = st.multiselect(
            t("drafts.points", lang),
            options,
            default=default_points,
            key=f"{form_key}.points",
            placeholder=t("form.choose", lang),
        )
        note = st.text_area(
            t("drafts.note", lang),
            value=current["note"].iloc[0] if not current.empty else "",
            key=f"{form_key}.note",
            max_chars=4000,
        )
        uncertain = st.checkbox(
            t("drafts.uncertain", lang),
            value=bool(current["uncertain"].iloc[0]) if not current.empty else False,
            key=f"{form_key}.uncertain",
        )

        def save_coding(draft: str = draft, demand: str = demand, key: str = form_key) -> None:
            """Read the widgets when the button is clicked, not when it was drawn."""
            s = st.session_state
            run(
                lambda session, a: drafts.code_coverage(
                    session,
                    a,
                    draft,
                    demand,
                    level=s[f"{key}.level"],
                    points=s[f"{key}.points"],
                    note=s.get(f"{key}.note") or "",
                    uncertain=bool(s.get(f"{key}.uncertain")),
                ),
                t("drafts.coded", lang, demand=demand, draft=draft_titles[draft]),
            )

        st.button(
            t("drafts.code_save", lang),
            type="primary",
            key=f"{form_key}.save",
            on_click=save_coding,
        )
        with st.expander(t("drafts.add_point", lang)):
            st.text_input(t("drafts.point_label", lang), key="point.label", max_chars=16)
            st.text_area(t("drafts.point_text", lang), key="point.text", max_chars=10000)
            st.button(
                t("drafts.point_add", lang),
                key="point.add",
                on_click=lambda: run(
                    lambda s, a: drafts.add_point(
                        s,
                        a,
                        draft,
                        st.session_state.get("point.label") or "",
                        st.session_state.get("point.text") or "",
                    ),
                    t("entry.done", lang, action="+1"),
                ),
            )
    with st.expander(t("drafts.point_list", lang)):
        st.dataframe(points_frame, hide_index=True, width="stretch")

if section == "compare":
    ordered = list(table["code"])
    later = st.selectbox(
        t("drafts.compare_to", lang),
        list(reversed(ordered)),
        format_func=draft_titles.get,
        key="cmp.to",
    )
    default_from = table.set_index("code")["supersedes"].get(later)
    earlier_options = [c for c in ordered if c != later]
    earlier = st.selectbox(
        t("drafts.compare_from", lang),
        earlier_options,
        format_func=draft_titles.get,
        key=f"cmp.from.{later}",
        index=earlier_options.index(default_from) if default_from in earlier_options else 0,
    )
    result = gaps.compare_versions(
        coverage[coverage["draft"] == earlier],
        coverage[coverage["draft"] == later],
        list(state.draft_points(earlier).itertuples(index=False, name=None)),
        list(state.draft_points(later).itertuples(index=False, name=None)),
        codes,
    )
    label = lambda v: enum_label("coverage", v, lang) if v else t("drafts.not_coded", lang)  # noqa: E731
    summary = pd.DataFrame(
        {
            t("col.code", lang): [r.demand for r in result],
            t("col.title", lang): [titles[r.demand] for r in result],
            t("drafts.compare.before", lang): [label(r.before) for r in result],
            t("drafts.compare.after", lang): [label(r.after) for r in result],
            t("drafts.compare.change", lang): [
                t(f"drafts.change.{r.change}", lang) for r in result
            ],
        }
    )
    st.table(summary.set_index(t("col.code", lang)))
    st.markdown(f"**{t('drafts.compare.points', lang)}**")
    for r in result:
        if not r.points:
            continue
        with st.expander(
            f"{r.demand} · {titles[r.demand]} · {t(f'drafts.change.{r.change}', lang)}"
        ):
            for p in r.points:
                words = " ".join(
                    f"~~{w}~~" if op == "-" else f"**{w}**" if op == "+" else w for op, w in p.diff
                )
                kind = t(f"drafts.kind.{p.kind}", lang)
                st.markdown(f"*{kind}* ({p.before_label or '—'} → {p.after_label or '—'}): {words}")
