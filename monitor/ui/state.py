"""The UI's reads: a cached engine, cached frames, the current user and language.

Caches key on the data version (one cheap query that changes whenever anyone, in any process,
writes) and on the sensitivities the current user may see, never on a made-up user.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine  # noqa: TID251 -- only the type of the cached engine

from monitor.config import Settings, get_settings
from monitor.core import audit
from monitor.core.permissions import Actor, Visibility, visibility
from monitor.domain import across_drafts
from monitor.domain.filters import EvidenceFilters
from monitor.domain.organisations import named
from monitor.errors import Forbidden
from monitor.i18n import DEFAULT_LANGUAGE, LANGUAGES
from monitor.queries import assessments, audit_log, lookups, overview
from monitor.queries import custody as custody_queries
from monitor.queries import evidence as evidence_queries
from monitor.queries import import_mappings as mapping_queries
from monitor.queries import organisations as organisation_queries
from monitor.queries import settings as settings_queries
from monitor.queries.organisations import name_in
from monitor.services.startup import local_actor, open_database, recover, seed_if_empty


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """One engine per process, on a migrated and seeded database."""
    settings = get_settings()
    eng = open_database(settings)
    seed_if_empty(engine=eng, settings=settings)
    recover(engine=eng, settings=settings)
    return eng


def settings() -> Settings:
    """The MONITOR_* settings (read once per process by monitor.config)."""
    return get_settings()


def auth_enabled() -> bool:
    """Sign-in is required unless MONITOR_AUTH=off was set explicitly (never by address)."""
    return settings().auth


def first_run() -> bool:
    """No account can sign in yet: the first admin is still to be created with a setup code.

    Read uncached: only a browser that is not signed in asks, and the answer must change the
    moment the first admin exists, in every process.
    """
    with engine().connect() as conn:
        return not lookups.sign_in_accounts_exist(conn)


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
    if current is None:
        return None
    st.session_state["last_seen"] = now
    return cast(Actor, current)


def someone_acts() -> bool:
    """Whether this browser session has someone to act as: a signed-in user, or the local one
    when sign-in is off (the rule app.py gates every page on, and the language switch its
    remembering of the choice on the account)."""
    return not auth_enabled() or signed_in() is not None


def sign_out(*, expired: bool = False) -> None:
    """Forget the signed-in user of this browser session (a button, or an idle timeout)."""
    for key in ("actor", "last_seen"):
        st.session_state.pop(key, None)
    st.session_state["signed_out_expired"] = expired


def actor() -> Actor:
    """The acting user of this browser session: the signed-in one, or the local user."""
    if "actor" not in st.session_state:
        if auth_enabled():
            raise Forbidden("sign in first", key="error.sign_in")
        st.session_state["actor"] = local_actor(engine=engine(), settings=settings())
    return st.session_state["actor"]  # type: ignore[no-any-return]


def lang() -> str:
    """The chosen UI language, kept in the URL so a shared link opens in the same language."""
    chosen = st.session_state.get("lang") or st.query_params.get("lang") or DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def data_version() -> int:
    """One cheap query that changes whenever anyone, in any process, writes."""
    with engine().connect() as conn:
        return audit.data_version(conn)


def visible() -> Visibility:
    """What the current user may see: sensitivities and organisation (the policy decides)."""
    return visibility(actor())


def clear_caches() -> None:
    """After a write in this process, so the very next rerun reads fresh data."""
    st.cache_data.clear()


def today() -> date:
    """The date at the edge of the UI; services take it as an argument."""
    return date.today()


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _regions(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
    lang_code: str,
) -> pd.DataFrame:
    """The cached read behind `regions`."""
    return lookups.regions(engine(), lang_code)


def regions(lang_code: str) -> pd.DataFrame:
    """The TOT regions with names in the chosen language."""
    return _regions(data_version(), lang_code)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _evidence_count(
    version: int,  # the cache key: any write changes it
    visible_to: Visibility,
    filters: EvidenceFilters,
) -> int:
    """The cached count behind `evidence_page`: once per search, not once per page turn. With
    one demand chosen it is read from every demand's count under the same other filters, so
    choosing another demand (the Demand page, the register) reads nothing."""
    if len(filters.demands) == 1 and not filters.text and filters.incident is None:
        per_demand = _evidence_counts_by_demand(version, visible_to, replace(filters, demands=()))
        if filters.demands[0] in per_demand:
            return per_demand[filters.demands[0]]
    return evidence_queries.evidence_count(engine(), filters, visible=visible_to)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _evidence_counts_by_demand(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
    visible_to: Visibility,
    filters: EvidenceFilters,
) -> dict[str, int]:
    return evidence_queries.evidence_counts_by_demand(engine(), filters, visible=visible_to)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _evidence_rows(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
    visible_to: Visibility,
    filters: EvidenceFilters,
    total: int,
    page: int,
    size: int,
    sort: str,
    lang_code: str,
) -> pd.DataFrame:
    """The cached page behind `evidence_page`."""
    return evidence_queries.evidence_rows(
        engine(),
        filters,
        visible=visible_to,
        total=total,
        page=page,
        page_size=size,
        sort=sort,
        lang=lang_code,
    )


def evidence_page(
    filters: EvidenceFilters, page: int, size: int, sort: str, lang_code: str
) -> tuple[pd.DataFrame, int]:
    """One register page as the current user may see it, and how many entries there are."""
    version, visible_to = data_version(), visible()
    total = _evidence_count(version, visible_to, filters)
    rows = _evidence_rows(version, visible_to, filters, total, page, size, sort, lang_code)
    return rows, total


def evidence_detail(evidence_id: int) -> dict[str, Any] | None:
    """All of one entry, read fresh (it is what an editor is about to change)."""
    return evidence_queries.evidence_detail(engine(), evidence_id, visible=visible())


def evidence_history(evidence_id: int) -> pd.DataFrame:
    """The audit trail of one entry."""
    return evidence_queries.evidence_history(engine(), evidence_id, visible=visible())


def evidence_captures(evidence_id: int) -> pd.DataFrame:
    """The captures of one entry's source, newest first."""
    return evidence_queries.evidence_captures(engine(), evidence_id, visible=visible())


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _evidence_aggregates(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
    visible_to: Visibility,
    filters: EvidenceFilters,
    day: date,
) -> overview.EvidenceAggregates:
    """The Overview's evidence scans, in no language: a switch of language reuses them."""
    return overview.evidence_aggregates(engine(), filters, visible=visible_to, today=day)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _overview(
    version: int,
    visible_to: Visibility,
    filters: EvidenceFilters,
    lang_code: str,
    day: date,
    stale_days: int,
) -> overview.OverviewData:
    """The cached read behind `overview_data` and `brief_overview`, for every session: its
    evidence scans are the language-free `_evidence_aggregates` (same key)."""
    return overview.overview_data(
        engine(),
        filters,
        visible=visible_to,
        lang=lang_code,
        today=day,
        stale_days=stale_days,
        aggregates=_evidence_aggregates(version, visible_to, filters, day),
    )


def overview_data(filters: EvidenceFilters, lang_code: str) -> overview.OverviewData:
    """All Overview aggregates, recomputed only when the data changed."""
    return _overview(data_version(), visible(), filters, lang_code, today(), settings().stale_days)


def brief_overview(
    version: int,
    visible_to: Visibility,
    filters: EvidenceFilters,
    lang_code: str,
    day: date,
    stale_days: int,
) -> overview.OverviewData:
    """A brief's Overview figures (`queries.brief.OverviewSource`), from the Overview's cache.

    The brief's service asks with the FILE's visibility and filters (public entries by
    default, whoever prepares it), never the reader's: the key holds them, so one admin's
    figures with confidential entries are never handed to a public brief. The Prepare button
    reads them ahead (`actions.read_ahead`)."""
    return _overview(version, visible_to, filters, lang_code, day, stale_days)


def assessments_for(code: str) -> pd.DataFrame:
    """A demand's assessments, read fresh (reviewers act on them)."""
    return assessments.for_demand(engine(), code, visible=visible())


def demand_row(code: str) -> dict[str, Any] | None:
    """All fields of one demand."""
    return lookups.demand_row(engine(), code)


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _status_history(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
) -> pd.DataFrame:
    """The cached read behind `status_history`."""
    return lookups.status_history(engine())


def status_history() -> pd.DataFrame:
    """Every published assessment."""
    return _status_history(data_version())


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _drafts(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
    lang_code: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cached read behind `drafts_and_coverage`."""
    return lookups.drafts_table(engine(), lang_code), lookups.coverage_matrix(engine(), lang_code)


def drafts_and_coverage() -> tuple[pd.DataFrame, pd.DataFrame]:
    """All drafts (titles in the UI's language) and every approved code, fresh after any write."""
    return _drafts(data_version(), lang())


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _strip(
    version: int,  # the cache key (any write changes it), and the drafts' own cache key
    lang_code: str,
) -> pd.DataFrame:
    """The cached read behind `strip`."""
    drafts, coverage = _drafts(version, lang_code)
    demands = list(lookups.demand_titles(engine(), lang_code)["code"])
    return across_drafts.strip(drafts, coverage, demands, lookups.all_points(engine(), lang_code))


def strip(lang_code: str) -> pd.DataFrame:
    """Every demand across every draft, with the cited points' texts in `lang_code`."""
    return _strip(data_version(), lang_code)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _points(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
    code: str,
    lang_code: str,
) -> pd.DataFrame:
    """The cached read behind `draft_points`."""
    return lookups.points_table(engine(), code, lang_code)


def draft_points(code: str) -> pd.DataFrame:
    """A draft's points in order: label, text in the UI's language, whether it is translated."""
    return _points(data_version(), code, lang())


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _coverage_history(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
    draft: str,
    demand: str,
) -> pd.DataFrame:
    """The cached read behind `coverage_history`."""
    return lookups.coverage_history(engine(), draft, demand)


def coverage_history(draft: str, demand: str) -> pd.DataFrame:
    """Every code proposed for one cell, newest first."""
    return _coverage_history(data_version(), draft, demand)


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _coverage_proposals(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
) -> pd.DataFrame:
    """The cached read behind `coverage_proposals`."""
    return lookups.coverage_proposals(engine())


def coverage_proposals() -> pd.DataFrame:
    """Codes waiting for a second editor, oldest first."""
    return _coverage_proposals(data_version())


def reference_release() -> str:
    """The release of the shipped reference data this database holds (one cheap read)."""
    with engine().connect() as conn:
        return settings_queries.reference_release(conn)


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _demand_titles(
    version: int,  # noqa: ARG001 -- the cache key: any write changes it
    lang_code: str,
) -> pd.DataFrame:
    """The cached read behind `demand_titles`."""
    return lookups.demand_titles(engine(), lang_code)


def demand_titles(lang_code: str) -> pd.DataFrame:
    """Demand codes and titles only (no evidence counts: cheap at any size)."""
    return _demand_titles(data_version(), lang_code)


def four_eyes() -> bool:
    """Whether assessments need a second editor (read fresh: an admin may just have changed it)."""
    return settings_queries.four_eyes_on(engine())


def users() -> pd.DataFrame:
    """Every account: username, role, active."""
    return lookups.users(engine())


@st.cache_data(ttl=600, max_entries=4, show_spinner=False)
def _organisations(version: int) -> pd.DataFrame:  # noqa: ARG001 -- the cache key
    """The cached read behind `organisations`."""
    return organisation_queries.listing(engine())


def organisations() -> pd.DataFrame:
    """Every organisation with its accounts counted (the filters' choices and the Admin page;
    any write, an organisation's or an account's, changes the data version)."""
    return _organisations(data_version())


def credits(data: overview.OverviewData, lang_code: str) -> list[tuple[str, int]]:
    """The Overview's "Recorded by": the entries it counts per organisation that recorded
    them (counted in its own pass over the entries), each organisation named in `lang_code`."""
    names = {int(r["id"]): name_in(r, lang_code) for r in organisations().to_dict("records")}
    return named(data.organisation_counts, names)


def memberships() -> dict[str, str]:
    """Each account's organisation code, by user name (read fresh, for the Admin page)."""
    return organisation_queries.memberships(engine())


def inbox_waiting() -> pd.DataFrame:
    """New inbox items, newest first (read fresh: editors act on them)."""
    return lookups.inbox_waiting(engine())


def audit_events(
    *, username: str | None, entity: str | None, action: str | None, since: date | None
) -> pd.DataFrame:
    """The audit log as an admin filters it, newest first (read fresh: it is the record)."""
    return audit_log.audit_log(
        engine(),
        username=username,
        entity=entity,
        action=action,
        since=datetime.combine(since, datetime.min.time(), UTC) if since else None,
    )


def entry_captures_stored(evidence_id: int) -> list[dict[str, Any]]:
    """The captures of one entry that stored bytes, newest first."""
    return custody_queries.stored_captures(engine(), evidence_id, visible=visible())


def custody_log(evidence_id: int) -> pd.DataFrame:
    """The chain of custody of one entry's items, oldest first (read fresh: it is the record)."""
    return custody_queries.for_evidence(engine(), evidence_id, visible=visible())


def saved_import_mappings() -> dict[str, dict[str, Any]]:
    """The import mappings people saved (a few small rows: read fresh on every draw)."""
    return mapping_queries.saved_mappings(engine())
