"""Cached engine and cached frames; the current user and language."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from monitor import audit, queries
from monitor.auth import Actor
from monitor.config import Settings, get_settings
from monitor.i18n import DEFAULT_LANGUAGE, LANGUAGES
from monitor.startup import local_actor, open_database, seed_if_empty


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """One engine per process, on a migrated and seeded database."""
    settings = get_settings()
    eng = open_database(settings)
    seed_if_empty(eng, settings)
    return eng


def settings() -> Settings:
    return get_settings()


def actor() -> Actor:
    """The acting user of this browser session (the local user until sign-in exists)."""
    if "actor" not in st.session_state:
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


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _demand_overview(version: int, lang_code: str) -> pd.DataFrame:
    return queries.demand_overview(engine(), lang_code)


def demand_overview(lang_code: str) -> pd.DataFrame:
    """The ten demands with status and evidence counts, fresh after any write."""
    return _demand_overview(data_version(), lang_code)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _count_evidence(version: int) -> int:
    return queries.count_evidence(engine())


def count_evidence() -> int:
    """Entries that are not withdrawn, fresh after any write."""
    return _count_evidence(data_version())
