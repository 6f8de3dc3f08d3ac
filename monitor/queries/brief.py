"""What a printable brief is built from: the Overview's aggregates and a few small lookups.

Everything evidence-wise comes from `overview.overview_data` (one pass over the entries, the
filters and sensitivities applied in SQL), so the brief of all ten at a million entries costs
what the Overview costs; the rest are the small reads the pages make.

The scans are most of a brief's reading (a second at a million entries), so a caller that
keeps them (the UI, in a cache shared by every session) passes an `OverviewSource`. It is
called here, with the data version read first and the FILE's visibility and filters (what the
options allow, never the reader's wider view), so whatever it caches is keyed by what the file
may hold: a cached figure counted with confidential entries can never reach a public brief.
The command line passes none and reads afresh.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.core.models import Demand
from monitor.core.permissions import Visibility
from monitor.domain import across_drafts
from monitor.domain.brief_contents import LATEST_ENTRIES, BriefInputs, BriefSubject
from monitor.domain.briefings import BriefingOptions
from monitor.domain.filters import EvidenceFilters
from monitor.domain.organisations import named
from monitor.queries import assessments, lookups, organisations, overview, settings
from monitor.queries.briefings import data_state
from monitor.queries.evidence import evidence_rows


class OverviewSource(Protocol):
    """`overview.overview_data` for these arguments, perhaps from a cache keyed by all of them
    (the data version changes with any write, so a cached answer is never older than asked)."""

    def __call__(
        self,
        version: int,
        visible: Visibility,
        filters: EvidenceFilters,
        lang: str,
        today: date,
        stale_days: int,
        /,
    ) -> overview.OverviewData: ...


def demand_texts(engine: Engine, lang: str) -> pd.DataFrame:
    """Every demand in display order: code, title and text in `lang`, whether that text is
    our translation, and its source."""
    uk = lang == "uk"
    query = sa.select(
        col(Demand.code),
        sa.label("title", col(Demand.title_uk) if uk else col(Demand.title_en)),
        sa.label("text", col(Demand.text_uk) if uk else col(Demand.text_en)),
        sa.label("translated", col(Demand.text_uk_is_translation) if uk else sa.false()),
        col(Demand.source),
    ).order_by(col(Demand.position), col(Demand.code))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["code", "title", "text", "translated", "source"])


def figures(
    engine: Engine,
    options: BriefingOptions,
    *,
    version: int,
    today: date,
    stale_days: int,
    source: OverviewSource | None = None,
) -> overview.OverviewData:
    """The Overview's figures a brief with these checked options says, from `source` when
    given (asked with the FILE's visibility and filters, at data version `version`), else
    read here: the one rule for what a brief asks, whether it is made or read ahead."""
    visible = options.visibility()
    if source is None:
        return overview.overview_data(
            engine,
            options.filters,
            visible=visible,
            lang=options.lang,
            today=today,
            stale_days=stale_days,
        )
    return source(version, visible, options.filters, options.lang, today, stale_days)


def brief_inputs(
    engine: Engine,
    subject: BriefSubject,
    options: BriefingOptions,
    *,
    today: date,
    stale_days: int,
    source: OverviewSource | None = None,
) -> BriefInputs:
    """Everything `brief_contents.assemble` needs, read with the options' sensitivities.

    `options` must be checked (`services.briefings.check_options`): its filters then carry
    the sensitivities the file may hold, and a demand brief's filters name that one demand.
    `source` gives the Overview's aggregates (see the module docstring); without it they are
    read here.
    """
    lang = options.lang
    visible = options.visibility()
    filters = options.filters
    version, last_change = data_state(engine)  # first: the brief is at least this recent
    data = figures(
        engine, options, version=version, today=today, stale_days=stale_days, source=source
    )
    texts = demand_texts(engine, lang)
    if filters.demands:
        texts = texts[texts["code"].isin(filters.demands)].reset_index(drop=True)
    drafts = lookups.drafts_table(engine, lang)
    coverage = lookups.coverage_matrix(engine, lang)
    cited = subject.kind != "all"  # the point texts only where one demand or draft is shown
    strip = across_drafts.strip(
        drafts, coverage, list(texts["code"]), lookups.all_points(engine, lang) if cited else None
    )
    one = subject.code if subject.kind == "demand" and subject.code else None
    latest = (  # the count is the figures' own (the same filters): not counted again
        evidence_rows(
            engine,
            filters,
            visible=visible,
            total=data.evidence_total,
            page_size=LATEST_ENTRIES,
            lang=lang,
        )
        if one
        else pd.DataFrame()
    )
    with engine.connect() as conn:
        release = settings.reference_release(conn)
    regions = lookups.regions(engine, lang)
    return BriefInputs(
        subject=subject,
        options=options,
        demands=texts,
        scorecard=data.scorecard,
        status_grid=data.status_grid,
        history=lookups.status_history(engine),
        assessments=(
            assessments.for_demand(engine, one, visible=visible) if one else pd.DataFrame()
        ),
        by_month=data.by_month,
        beside=data.beside,
        strip=strip,
        drafts=drafts,
        coverage=coverage,
        latest=latest,
        evidence_total=data.evidence_total,
        region_names=dict(zip(regions["code"], regions["name"], strict=True)),
        data_version=version,
        last_change=last_change,
        reference_release=release,
        today=today,
        credits=tuple(named(data.organisation_counts, organisations.names(engine, lang))),
    )
