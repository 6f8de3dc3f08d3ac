"""The evidence filters the Register, the Overview and Briefings share, drawn one way.

Each view keeps its widgets under its own key prefix (`reg`, `ov`, `brief`), so one view's
choice never leaks into another. The Overview's filters also live in the URL, so a view can be
shared as a link; the Register adds the filters only it offers.

One rule keeps every filter across pages: each filter widget is drawn with `persist_state=KEPT`
(the whole session). Streamlit otherwise drops the value of a widget the page being drawn does
not draw, so a visit to another page emptied the filters; the Overview's, read from the URL
only on a session's first arrival, then came back as the widgets' defaults (its two include
boxes unticked, written to the URL as `include=none`: no entries at all).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final, Literal

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from monitor.core.models import SourceType, Verification
from monitor.domain.filters import EvidenceFilters, from_query, narrowed, to_query
from monitor.i18n import enum_label, t
from monitor.queries.evidence import SORTS
from monitor.queries.organisations import name_in
from monitor.ui import state

OVERVIEW_INCLUDES = ("corroborated", "unverified")
KEPT: Final[Literal["session"]] = "session"  # how long a filter keeps its value unseen


def _choose(prefix: str, *, lang: str, demands: pd.DataFrame, regions: pd.DataFrame | None) -> None:
    """Demands and regions side by side, their names in `lang` (no regions: demands only)."""
    titles = dict(zip(demands["code"], demands["title"], strict=True))
    a, b = st.columns(2)
    a.multiselect(
        t("field.demands", lang),
        list(titles),
        format_func=lambda c: f"{c} · {titles[c]}",
        placeholder=t("form.choose", lang),
        key=f"{prefix}.demands",
        persist_state=KEPT,
    )
    if regions is None:
        return
    names = dict(zip(regions["code"], regions["name"], strict=True))
    b.multiselect(
        t("field.region", lang),
        list(names),
        format_func=lambda c: names[c],
        placeholder=t("form.choose", lang),
        key=f"{prefix}.regions",
        persist_state=KEPT,
    )


def _dates(prefix: str, lang: str, *columns: DeltaGenerator) -> None:
    """From and to, in the two `columns`."""
    for column, end in zip(columns, ("from", "to"), strict=True):
        column.date_input(
            t(f"register.date_{end}", lang),
            value=None,
            key=f"{prefix}.{end}",
            format="YYYY-MM-DD",
            persist_state=KEPT,
        )


def _chosen(prefix: str) -> EvidenceFilters:
    """What the shared widgets under `prefix` hold, as a value."""
    s = st.session_state
    return EvidenceFilters(
        demands=tuple(s.get(f"{prefix}.demands") or ()),
        regions=tuple(s.get(f"{prefix}.regions") or ()),
        date_from=s.get(f"{prefix}.from"),
        date_to=s.get(f"{prefix}.to"),
        verification=tuple(s.get(f"{prefix}.verification") or ()),
        organisations=tuple(s.get(f"{prefix}.orgs") or ()),
    )


def _organisations(prefix: str, lang: str, at: DeltaGenerator) -> None:
    """Which organisations recorded the entries, by name in `lang` (only when there are two
    or more: with one, the choice says nothing)."""
    names = {int(r["id"]): name_in(r, lang) for r in state.organisations().to_dict("records")}
    if len(names) > 1:
        at.multiselect(
            t("field.organisation", lang),
            list(names),
            format_func=lambda i: names.get(i, str(i)),
            placeholder=t("form.choose", lang),
            key=f"{prefix}.orgs",
            persist_state=KEPT,
        )


def _multi(key: str, kind: str, values: list[str], lang: str, at: DeltaGenerator) -> None:
    """A multiselect of enumeration values (a field named `kind`) with their words in `lang`."""
    at.multiselect(
        t(f"field.{kind}", lang),
        values,
        format_func=lambda v: enum_label(kind, v, lang),
        placeholder=t("form.choose", lang),
        key=key,
        persist_state=KEPT,
    )


def for_briefing(
    *, lang: str, demands: pd.DataFrame, regions: pd.DataFrame, reads: frozenset[str]
) -> EvidenceFilters:
    """The filters the chosen file `reads` (`briefing_kinds.READS`), and only those: a filter
    it does not read is not drawn (it keeps its value for the file that does) and not
    returned. The caller draws the file's own options."""
    _choose("brief", lang=lang, demands=demands, regions=regions if "regions" in reads else None)
    a, b, c = st.columns(3)
    if "dates" in reads:
        _dates("brief", lang, a, b)
    if "verification" in reads:
        _multi("brief.verification", "verification", [v.value for v in Verification], lang, c)
    if "organisations" in reads:
        _organisations("brief", lang, st.container())
    return narrowed(_chosen("brief"), reads)


def for_register(
    *, lang: str, demands: pd.DataFrame, regions: pd.DataFrame
) -> tuple[EvidenceFilters, str]:
    """Everything the register can narrow by, and the sort order chosen."""
    with st.expander(t("register.filters", lang), expanded=True):
        _choose("reg", lang=lang, demands=demands, regions=regions)
        a, b, c, d = st.columns(4)
        _dates("reg", lang, a, b)
        _multi("reg.verification", "verification", [v.value for v in Verification], lang, c)
        _multi("reg.sources", "source_type", [s.value for s in SourceType], lang, d)
        a, b, c, d = st.columns(4)
        a.text_input(t("register.text", lang), key="reg.text", persist_state=KEPT)
        visible = [s.value for s in state.visible().sensitivities]
        _multi("reg.sensitivity", "sensitivity", visible, lang, b)
        sort = c.selectbox(
            t("register.sort", lang),
            list(SORTS),
            key="reg.sort",
            persist_state=KEPT,
            format_func=lambda s: t(f"register.sort.{s}", lang),
        )
        d.checkbox(t("register.include_withdrawn", lang), key="reg.withdrawn", persist_state=KEPT)
        _organisations("reg", lang, st.container())
    s = st.session_state
    filters = replace(
        _chosen("reg"),
        source_types=tuple(s.get("reg.sources") or ()),
        sensitivities=tuple(s.get("reg.sensitivity") or ()),
        text=s.get("reg.text") or "",
        include_withdrawn=bool(s.get("reg.withdrawn")),
    )
    return filters, sort or next(iter(SORTS))


def for_overview(*, lang: str, demands: pd.DataFrame, regions: pd.DataFrame) -> EvidenceFilters:
    """The Overview's filters: read from the URL when they hold nothing yet (a session's first
    arrival, on a shared link or not), every change written back. After that the widgets, kept
    across pages, are what the Overview shows, and the URL follows them: a page switch empties
    the address, and reading it again on the way back would forget the filters."""
    if "ov.corroborated" not in st.session_state:  # set by the URL or by the box, never unset
        _load_overview(from_query({k: v for k, v in st.query_params.items() if k != "lang"}))
    with st.expander(t("overview.filters", lang)):
        _choose("ov", lang=lang, demands=demands, regions=regions)
        a, b, c, d = st.columns(4)
        _dates("ov", lang, a, b)
        for column, include in zip((c, d), OVERVIEW_INCLUDES, strict=True):
            column.checkbox(
                t(f"overview.include_{include}", lang), key=f"ov.{include}", persist_state=KEPT
            )
        _organisations("ov", lang, st.container())
        st.caption(t("overview.share_link", lang))
    s = st.session_state
    included = tuple(i for i in OVERVIEW_INCLUDES if s[f"ov.{i}"])
    verification = () if len(included) == len(OVERVIEW_INCLUDES) else ("verified", *included)
    filters = replace(_chosen("ov"), verification=verification)
    wanted = to_query(filters)
    lang_param = st.query_params.get("lang")
    if {k: v for k, v in st.query_params.items() if k != "lang"} != wanted:
        st.query_params.from_dict({**wanted, **({"lang": lang_param} if lang_param else {})})
    return filters


def _load_overview(initial: EvidenceFilters) -> None:
    """Put a shared link's filters into the widgets (a keyed widget ignores value=)."""
    st.session_state.update(
        {
            "ov.demands": list(initial.demands),
            "ov.regions": list(initial.regions),
            "ov.from": initial.date_from,
            "ov.to": initial.date_to,
            "ov.orgs": list(initial.organisations),
            **{
                f"ov.{i}": not initial.verification or i in initial.verification
                for i in OVERVIEW_INCLUDES
            },
        }
    )
