"""Likely duplicates, drawn: the choice a person makes for a new entry that has some (a separate
entry, a link as corroboration, a merge), and, on an opened entry, its incident, the sources it
kept, its likely duplicates and the link, merge and unlink actions.

What was found is kept under `<prefix>.dups` with a fingerprint of the values it was found for:
when the person changes what they typed, the old list is not offered again (the next save looks
again). Everything a person or a feed wrote (titles, addresses) is drawn through `inert`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from monitor.core.permissions import Action, may
from monitor.domain.duplicates import Choice, RowMatch
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import enum_label, number, t
from monitor.services import importer, incidents
from monitor.ui import actions, inert, state
from monitor.ui.actions import phrase, success

SLOT = "entry"


def _fingerprint(data: Mapping[str, Any], hashes: Sequence[str]) -> str:
    body = json.dumps([sorted(data.items()), sorted(hashes)], default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def _key(prefix: str, name: str) -> str:
    return f"{prefix}.dups.{name}"


def reasons(row: Mapping[str, Any], lang: str) -> str:
    """Why an entry matched, in words (each reason; the text's score in per cent)."""
    said = [
        t(f"duplicates.reason.{r}", lang, score=int(row["score"])) for r in row["reasons"] or []
    ]
    return "; ".join(said)


def shown(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The matches as a table a person reads: number, title, date, region, why, incident."""
    names = state.regions(lang).set_index("code")["name"]
    return pd.DataFrame(
        {
            t("field.id", lang): [f"#{i}" for i in frame["id"]],
            t("field.title", lang): list(frame["title"]),
            t("field.event_start", lang): [str(d) for d in frame["event_start"]],
            t("field.region_code", lang): [str(names.get(r, r)) for r in frame["region_code"]],
            t("duplicates.col.why", lang): [reasons(r, lang) for r in frame.to_dict("records")],
            t("duplicates.col.incident", lang): [
                f"#{int(i)}" if pd.notna(i) else "—" for i in frame["incident_id"]
            ],
        }
    )


def pending(
    prefix: str,
    data: Mapping[str, Any],
    hashes: Sequence[str],
    *,
    slot: str | None = None,
    evidence_id: int | None = None,
) -> bool:
    """Look for likely duplicates of what the form holds, unless the person was already shown
    those of exactly these values; True when there are some to choose about first. An entry
    being edited (`evidence_id`) is not its own duplicate; what is said goes under `slot`
    (the form's prefix by default)."""
    fingerprint = _fingerprint(data, hashes)
    if st.session_state.get(_key(prefix, "fingerprint")) == fingerprint:
        return False
    frame = actions.run(
        slot or prefix,
        incidents.likely_duplicates,
        refresh=False,
        data=dict(data),
        hashes=list(hashes),
        evidence_id=evidence_id,
    )
    st.session_state[_key(prefix, "fingerprint")] = fingerprint
    records = [] if frame is None else frame.to_dict("records")
    st.session_state[_key(prefix, "found")] = records
    if records and evidence_id is None:
        actions.leave(prefix, actions.note("warning", "duplicates.found", count=len(records)))
    elif records:
        actions.leave(
            slot or prefix, actions.note("warning", "duplicates.edit_found", count=len(records))
        )
    return bool(records)


def forget(prefix: str) -> None:
    """Nothing found is kept for the form any more (after its save)."""
    for name in ("fingerprint", "found", "choice", "other"):
        st.session_state.pop(_key(prefix, name), None)


def decision(prefix: str) -> incidents.Decision | None:
    """What the person chose for the duplicates shown (None when none were shown)."""
    if not st.session_state.get(_key(prefix, "found")):
        return None
    choice = st.session_state.get(_key(prefix, "choice")) or Choice.SEPARATE.value
    return incidents.Decision.parse(choice, st.session_state.get(_key(prefix, "other")))


def show(prefix: str, data: Mapping[str, Any], hashes: Sequence[str], *, lang: str) -> None:
    """The likely duplicates found at the last save, and the choice (if the values are still
    those they were found for)."""
    records = st.session_state.get(_key(prefix, "found")) or []
    if not records:
        return
    if st.session_state.get(_key(prefix, "fingerprint")) != _fingerprint(data, hashes):
        st.caption(t("duplicates.changed", lang))
        return
    st.subheader(t("duplicates.heading", lang))
    frame = pd.DataFrame(records)
    inert.table(shown(frame, lang).set_index(t("field.id", lang)))
    st.radio(
        t("duplicates.choice", lang),
        [c.value for c in Choice],
        key=_key(prefix, "choice"),
        format_func=lambda c: t(f"duplicates.choice.{c}", lang),
    )
    if st.session_state.get(_key(prefix, "choice"), Choice.SEPARATE.value) != Choice.SEPARATE:
        titles = {int(r["id"]): inert.clean(r["title"]) for r in records}
        st.selectbox(
            t("duplicates.other", lang),
            list(titles),
            key=_key(prefix, "other"),
            format_func=lambda i: f"#{i} · {titles[i]}",
        )
    st.caption(t("duplicates.independent_help", lang))


# -- an opened entry ---------------------------------------------------------------------------


def incident(evidence_id: int, detail: Mapping[str, Any], *, lang: str) -> None:
    """The entry's incident (its entries the reader may see, how many independent sources),
    the sources it kept from merged entries, and the entry it was merged into."""
    view = actions.read(incidents.incident_view, evidence_id=evidence_id)
    if view is None:
        return
    if detail.get("merged_into"):
        inert.message(
            "info", inert.said("duplicates.merged_notice", lang, id=detail["merged_into"])
        )
    if view.incident_id is None:
        st.caption(t("duplicates.no_incident", lang))
    else:
        heading = inert.said(
            "duplicates.incident",
            lang,
            id=view.incident_id,
            entries=len(view.members),
            sources=view.sources,
        )
        st.markdown(f"**{heading}**")
        members = view.members.assign(
            source_type=[enum_label("source_type", v, lang) for v in view.members["source_type"]],
            withdrawn=["✓" if w else "" for w in view.members["withdrawn"]],
        )
        inert.table(
            inert.blanked(members)
            .rename(columns={c: t(f"field.{c}", lang) for c in members.columns})
            .set_index(t("field.id", lang))
        )
        st.caption(t("duplicates.independent_help", lang))
    if not view.kept.empty:
        st.markdown(f"**{t('duplicates.kept_sources', lang)}**")
        kept = view.kept.assign(
            source_type=[enum_label("source_type", v, lang) for v in view.kept["source_type"]]
        )
        inert.table(
            inert.blanked(kept).rename(columns={c: t(f"field.{c}", lang) for c in kept.columns})
        )


def _done(action: str) -> actions.Note:
    return success("entry.done", action=phrase(f"action.{action}"))


@actions.callback(SLOT)
def _link(evidence_id: int) -> None:
    actions.run(
        SLOT,
        incidents.link,
        done=_done("link"),
        evidence_id=evidence_id,
        other_id=_other(evidence_id),
    )


@actions.callback(SLOT)
def _merge(evidence_id: int, keep_this: bool) -> None:
    other = _other(evidence_id)
    survivor, merged = (evidence_id, other) if keep_this else (other, evidence_id)
    actions.run(SLOT, incidents.merge, done=_done("merge"), survivor_id=survivor, merged_id=merged)


def _unmerged(done: incidents.Unmerged) -> list[actions.Note]:
    demands: object = ", ".join(done.demand_codes) or phrase("duplicates.no_demands")
    return [
        success(
            "duplicates.undone",
            merged=done.merged_id,
            survivor=done.survivor_id,
            sources=done.sources,
            attachments=done.attachments,
            demands=demands,
        )
    ]


@actions.callback(SLOT)
def _unmerge(evidence_id: int) -> None:
    actions.run(SLOT, incidents.unmerge, done=_unmerged, merged_id=evidence_id)


@actions.callback(SLOT)
def _unlink(evidence_id: int) -> None:
    actions.run(SLOT, incidents.unlink, done=_done("unlink"), evidence_id=evidence_id)


def _other(evidence_id: int) -> int:
    """The entry chosen to link or merge with: a number typed, or one of the likely ones."""
    typed = st.session_state.get(f"dups.{evidence_id}.typed")
    chosen = typed if typed else st.session_state.get(f"dups.{evidence_id}.other")
    return int(chosen or 0)


def act(evidence_id: int, detail: Mapping[str, Any], *, lang: str) -> None:
    """For editors: the entry's likely duplicates, and link, merge and unlink."""
    if not may(state.actor().role, Action.EDIT):
        return
    if detail.get("merged_into") is not None:
        st.caption(inert.said("duplicates.undo_help", lang, id=detail["merged_into"]))
        st.button(
            t("duplicates.undo_button", lang),
            key=f"dups.{evidence_id}.unmerge",
            on_click=_unmerge,
            args=(evidence_id,),
        )
        return
    if detail.get("withdrawn_at") is not None:
        st.info(t("duplicates.withdrawn_hint", lang))
        return
    hashes = [a["sha256"] for a in detail.get("attachments") or []]
    frame = actions.read(
        incidents.likely_duplicates, data=dict(detail), hashes=hashes, evidence_id=evidence_id
    )
    if frame is None:
        return
    if frame.empty:
        st.caption(t("duplicates.none", lang))
    else:
        inert.table(shown(frame, lang).set_index(t("field.id", lang)))
        titles = {int(r["id"]): inert.clean(r["title"]) for r in frame.to_dict("records")}
        st.selectbox(
            t("duplicates.other", lang),
            list(titles),
            key=f"dups.{evidence_id}.other",
            format_func=lambda i: f"#{i} · {titles[i]}",
        )
    st.number_input(
        t("duplicates.other_id", lang),
        min_value=1,
        step=1,
        value=None,
        key=f"dups.{evidence_id}.typed",
    )
    cols = st.columns(4)
    cols[0].button(
        t("duplicates.link_button", lang),
        key=f"dups.{evidence_id}.link",
        on_click=_link,
        args=(evidence_id,),
    )
    cols[1].button(
        t("duplicates.merge_here", lang),
        key=f"dups.{evidence_id}.merge_here",
        on_click=_merge,
        args=(evidence_id, True),
    )
    cols[2].button(
        t("duplicates.merge_there", lang),
        key=f"dups.{evidence_id}.merge_there",
        on_click=_merge,
        args=(evidence_id, False),
    )
    if detail.get("incident_id") is not None:
        cols[3].button(
            t("duplicates.unlink_button", lang),
            key=f"dups.{evidence_id}.unlink",
            on_click=_unlink,
            args=(evidence_id,),
        )
    st.caption(t("duplicates.merge_help", lang))


# -- an import's preview -----------------------------------------------------------------------

IMPORT_SHOWN = 200  # rows of likely duplicates drawn in the preview


def import_preview(report: importer.ImportReport, lang: str) -> None:
    """The rows of a file that look like an earlier row or a stored entry, before anything is
    written (only reported: they are imported as entries of their own)."""
    if not report.likely_rows:
        return
    inert.message("warning", inert.said("import.likely_duplicates", lang, count=report.likely_rows))
    listed = list(report.likely.items())[:IMPORT_SHOWN]
    st.dataframe(
        pd.DataFrame(
            {
                t("import.col.row", lang): [row for row, _ in listed],
                t("import.col.duplicate_of", lang): [
                    "; ".join(_like(m, lang) for m in matches) for _, matches in listed
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _like(match: RowMatch, lang: str) -> str:
    other = (
        t("import.duplicate_of_row", lang, row=match.row_of)
        if match.row_of
        else t("import.duplicate_of_entry", lang, id=match.entry_of)
    )
    return f"{other}: {t(f'duplicates.reason.{match.reason}', lang, score=int(match.score))}"


# -- the register ------------------------------------------------------------------------------


def incident_filter(filters: EvidenceFilters, lang: str) -> EvidenceFilters:
    """The register narrowed to one incident's entries when a number is given."""
    chosen = st.number_input(
        t("field.incident", lang), min_value=1, step=1, value=None, key="reg.incident"
    )
    return dataclasses.replace(filters, incident=int(chosen) if chosen else None)


def register_incidents(filters: EvidenceFilters, total: int, lang: str) -> None:
    """How many incidents the listed entries report (linked entries once)."""
    if not total:
        return
    count = actions.read(incidents.incident_total, filters=filters, entries=total)
    if count is not None and count != total:
        st.caption(
            inert.said("register.incidents", lang, count=count, incidents=number(count, lang))
        )


def with_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """The page with each linked entry's incident's independent sources beside it (an incident
    in which the reader sees no other entry is not shown as one)."""
    ids = [int(i) for i in frame["incident_id"].dropna()] if not frame.empty else []
    counts = actions.read(incidents.sources_of, incident_ids=ids) if ids else {}
    counts = counts or {}
    shown = [int(i) if pd.notna(i) and int(i) in counts else None for i in frame["incident_id"]]
    sources = [counts.get(i) if i is not None else None for i in shown]
    return frame.assign(
        incident_id=pd.array(shown, dtype="Int64"),
        sources=pd.array(sources, dtype="Int64"),
    )
