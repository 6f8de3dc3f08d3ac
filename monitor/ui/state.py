"""Cached engine and cached frames; the current user and language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from monitor import audit, overview, queries
from monitor.auth import Actor
from monitor.config import Settings, get_settings
from monitor.errors import Forbidden
from monitor.i18n import DEFAULT_LANGUAGE, LANGUAGES
from monitor.models import Role
from monitor.queries import assessments as assessment_queries
from monitor.queries import charts_data
from monitor.queries import drafts as draft_queries
from monitor.startup import local_actor, open_database, recover, seed_if_empty


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """One engine per process, on a migrated and seeded database."""
    settings = get_settings()
    eng = open_database(settings)
    seed_if_empty(eng, settings)
    recover(eng, settings)
    return eng


def settings() -> Settings:
    return get_settings()


def auth_enabled() -> bool:
    """Sign-in is required unless MONITOR_AUTH=off, or unset while the app listens on localhost."""
    mode = settings().auth
    if mode in ("on", "off"):
        return mode == "on"
    return str(st.get_option("server.address") or "") not in ("localhost", "127.0.0.1", "::1")


def signed_in() -> Actor | None:
    """The signed-in user of this browser session, or None (never signed in, or idle too long)."""
    current = st.session_state.get("actor")
    seen = st.session_state.get("last_seen")
    now = datetime.now(UTC)
    if (
        current is not None
        and seen is not None
        and now - seen > timedelta(minutes=settings().session_minutes)
    ):
        sign_out(expired=True)
        return None
    if current is not None:
        st.session_state["last_seen"] = now
    return current  # type: ignore[no-any-return]


def sign_out(*, expired: bool = False) -> None:
    for key in ("actor", "last_seen"):
        st.session_state.pop(key, None)
    st.session_state["signed_out_expired"] = expired


def actor() -> Actor:
    """The acting user of this browser session: the signed-in one, or the local user."""
    if "actor" not in st.session_state:
        if auth_enabled():
            raise Forbidden("sign in first", key="error.sign_in")
        st.session_state["actor"] = local_actor(engine(), settings())
    return st.session_state["actor"]  # type: ignore[no-any-return]


def lang() -> str:
    """The chosen UI language, kept in the URL so a shared link opens in the same language."""
    chosen = st.session_state.get("lang") or st.query_params.get("lang") or DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def data_version() -> int:
    """One cheap query that changes whenever anyone, in any process, writes."""
    with engine().connect() as conn:
        return audit.data_version(conn)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _count_evidence(version: int) -> int:
    return queries.count_evidence(engine())


def count_evidence() -> int:
    """Entries that are not withdrawn, fresh after any write."""
    return _count_evidence(data_version())


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _regions(version: int, lang_code: str) -> pd.DataFrame:
    return queries.regions(engine(), lang_code)


def regions(lang_code: str) -> pd.DataFrame:
    """The TOT regions with names in the chosen language."""
    return _regions(data_version(), lang_code)


def clear_caches() -> None:
    """After a write in this process, so the very next rerun reads fresh data."""
    st.cache_data.clear()


def today() -> date:
    """The date at the edge of the UI; services take it as an argument."""
    return date.today()


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _evidence_page(
    version: int,
    role: str,
    filters: queries.EvidenceFilters,
    page: int,
    size: int,
    sort: str,
    lang_code: str,
) -> tuple[pd.DataFrame, int]:
    viewer = Actor(0, "cache", Role(role))
    return queries.evidence_page(
        engine(), viewer, filters, page=page, page_size=size, sort=sort, lang=lang_code
    )


def evidence_page(
    filters: queries.EvidenceFilters, page: int, size: int, sort: str, lang_code: str
) -> tuple[pd.DataFrame, int]:
    """One register page as the current user may see it."""
    return _evidence_page(data_version(), actor().role.value, filters, page, size, sort, lang_code)


def evidence_detail(evidence_id: int) -> dict[str, Any] | None:
    """All of one entry, read fresh (it is what an editor is about to change)."""
    return queries.evidence_detail(engine(), actor(), evidence_id)


def evidence_history(evidence_id: int) -> pd.DataFrame:
    return queries.evidence_history(engine(), evidence_id)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _overview(
    version: int, role: str, filters: queries.EvidenceFilters, lang_code: str, day: date
) -> Any:
    viewer = Actor(0, "cache", Role(role))
    return overview.overview_data(
        engine(), viewer, filters, lang=lang_code, today=day, stale_days=settings().stale_days
    )


def overview_data(filters: queries.EvidenceFilters, lang_code: str) -> overview.OverviewData:
    """All Overview aggregates, recomputed only when the data changed."""
    return _overview(data_version(), actor().role.value, filters, lang_code, today())  # type: ignore[no-any-return]


def assessments_for(code: str) -> pd.DataFrame:
    """A demand's assessments, read fresh (reviewers act on them)."""
    return assessment_queries.for_demand(engine(), code)


def demand_row(code: str) -> dict[str, Any] | None:
    return assessment_queries.demand_row(engine(), code)


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _status_history(version: int) -> pd.DataFrame:
    return charts_data.status_history(engine())


def status_history() -> pd.DataFrame:
    return _status_history(data_version())


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _drafts(version: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    return draft_queries.drafts_table(engine()), charts_data.coverage_matrix(engine())


def drafts_and_coverage() -> tuple[pd.DataFrame, pd.DataFrame]:
    """All drafts and every coverage code, fresh after any write."""
    return _drafts(data_version())


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _points(version: int, code: str) -> pd.DataFrame:
    return draft_queries.points_table(engine(), code)


def draft_points(code: str) -> pd.DataFrame:
    return _points(data_version(), code)


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _demand_titles(version: int, lang_code: str) -> pd.DataFrame:
    return charts_data.demand_titles(engine(), lang_code)


def demand_titles(lang_code: str) -> pd.DataFrame:
    """Demand codes and titles only (no evidence counts: cheap at any size)."""
    return _demand_titles(data_version(), lang_code)
