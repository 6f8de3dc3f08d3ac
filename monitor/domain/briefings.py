"""What a briefing is, without the database: its options, its rows from plain values, its README.

A briefing is a header and a one-pass stream of rows. The evidence rows come straight from SQL
(`monitor.queries.briefings`), final as they leave the database; the status, history and gaps
rows are built here from small frames; `monitor.services.briefings` checks who asks and writes
the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd

from monitor.core.models import Direction, Sensitivity
from monitor.core.permissions import Actor, Visibility, export_sensitivities, export_visibility
from monitor.domain import across_drafts, gaps, status
from monitor.domain.briefing_kinds import COMPARISON, KINDS
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import confidence_label, enum_label, status_label, t

STATUS_COLUMNS = (
    "code",
    "title",
    "status",
    "score",
    "previous",
    "assessed_on",
    "evidence",
    "progress",
    "regression",
    "neutral",
    "last_30_days",
    "last_90_days",
)
HISTORY_COLUMNS = ("code", "title", "assessed_on", "score", "status", "rationale", "self_approved")
GAPS_COLUMNS = (
    "code",
    "title",
    "proponent",
    "published_on",
    "status",
    "confidence",
    "gaps",
    *(f"gaps_{kind}" for kind in gaps.GAP_KINDS),
    "not_reported",
    "uncertain",
    "sources",
    "notes",
)


@dataclass(frozen=True)
class BriefingOptions:
    """What a person asked for: filters, the file's language, and how sensitive it may be."""

    filters: EvidenceFilters = field(default_factory=EvidenceFilters)
    lang: str = "en"
    include_restricted: bool = False
    include_confidential: bool = False
    compare_from: str | None = None  # the comparison's two drafts, by code
    compare_to: str | None = None
    custody: bool = False  # the pack also carries custody.csv for the items it holds
    include_organisation: bool = False  # the reader's organisation-only entries too
    reader: Actor | None = None  # who asks: set by `services.briefings.check_options`

    def sensitivities(self) -> tuple[Sensitivity, ...]:
        """What the file may carry, as the permission policy decides from the flags."""
        return self.visibility().sensitivities

    def visibility(self) -> Visibility:
        """Which entries the file may carry: without a reader, never an organisation-only one."""
        if self.reader is None:
            return Visibility(
                export_sensitivities(
                    include_restricted=self.include_restricted,
                    include_confidential=self.include_confidential,
                )
            )
        return export_visibility(
            self.reader,
            include_restricted=self.include_restricted,
            include_confidential=self.include_confidential,
            include_organisation=self.include_organisation,
        )


@dataclass
class Briefing:
    """A header and a one-pass stream of rows; `count()` asks the database without reading them."""

    kind: str
    header: list[str]
    rows: Iterator[Sequence[Any]]
    counter: Callable[[], int]
    escaped: bool = False  # the rows already passed the formula guard

    @property
    def row_count(self) -> int:
        return self.counter()


def listed(rows: list[list[Any]], kind: str, header: list[str]) -> Briefing:
    """A briefing of rows already in memory (a few dozen: demands, drafts, assessments)."""
    return Briefing(kind, header, iter(rows), lambda: len(rows))


def _direction_counts(values: Sequence[int] | None) -> tuple[int, int, int, int, int]:
    if not values:
        return 0, 0, 0, 0, 0
    by = dict(zip([d.value for d in Direction], values[:3], strict=True))
    return by["progress"], by["regression"], by["neutral"], values[3], values[4]


def status_rows(
    titles: pd.DataFrame, latest: pd.DataFrame, counts: Mapping[str, Sequence[int]], lang: str
) -> Briefing:
    """Per demand: current and previous status, its date, evidence by direction, last 30/90 days.

    `latest` is `status.current_and_previous` indexed by demand; `counts` holds per demand the
    entries by direction (in `Direction` order) and those logged in the last 30 and 90 days.
    """
    header = [t(f"brief.status.{c}", lang) for c in STATUS_COLUMNS]
    rows = []
    for code, title in zip(titles["code"], titles["title"], strict=True):
        score = status.lookup(latest, code, "score")
        previous = status.lookup(latest, code, "previous")
        assessed = status.lookup(latest, code, "assessed_on")
        progress, regression, neutral, last30, last90 = _direction_counts(counts.get(code))
        rows.append(
            [
                code,
                title,
                status_label(score, lang),
                "" if score is None else int(score),
                "" if previous is None or previous != previous else status_label(previous, lang),
                assessed.isoformat() if assessed else "",
                progress + regression + neutral,
                progress,
                regression,
                neutral,
                last30,
                last90,
            ]
        )
    return listed(rows, "status", header)


def history_rows(
    titles: pd.DataFrame,
    assessments: dict[str, pd.DataFrame],
    filters: EvidenceFilters,
    lang: str,
) -> Briefing:
    """Every published assessment: demand, date, status, rationale, whether self-approved."""
    header = [t(f"brief.history.{c}", lang) for c in HISTORY_COLUMNS]
    rows = []
    for code, title in zip(titles["code"], titles["title"], strict=True):
        table = assessments[code]
        published = table[table["state"] == "published"].sort_values(["assessed_on", "id"])
        for r in published.itertuples():
            if filters.date_from and r.assessed_on < filters.date_from:
                continue
            if filters.date_to and r.assessed_on > filters.date_to:
                continue
            rows.append(
                [
                    code,
                    title,
                    r.assessed_on.isoformat(),
                    int(r.score),
                    status_label(r.score, lang),
                    r.rationale,
                    t("yes" if r.self_approved else "no", lang),
                ]
            )
    return listed(rows, "history", header)


def gaps_rows(
    drafts: pd.DataFrame, coverage: pd.DataFrame, demands: list[str], lang: str
) -> Briefing:
    """One row per draft (by date): the confidence of its text, its gaps by kind, the demands
    not reported, its sources and notes; then per demand the level, the points cited and
    whether the code is uncertain or waits for a lawyer. A diplomat holding only this file
    can tell a leaked full text from a press summary."""
    counts = gaps.gap_counts(coverage, list(drafts["code"]), demands)
    cells = {(r.draft, r.demand): r for r in coverage.itertuples()}
    header = [t(f"brief.gaps.{c}", lang) for c in GAPS_COLUMNS] + demands
    rows = []
    for d in drafts.itertuples():
        count = counts[d.code]
        sources = [d.source_url, *str(d.other_sources or "").splitlines()]
        row = [
            d.code,
            d.title,
            d.proponent,
            d.published_on.isoformat(),
            enum_label("draft_status", d.status, lang),
            confidence_label(d.confidence, lang),
            count.gaps,
            *(count.by_kind[kind] for kind in gaps.GAP_KINDS),
            count.not_reported,
            count.uncertain,
            "\n".join(u for u in sources if u and u.strip()),
            d.notes,
        ]
        row += [_cell_text(cells.get((d.code, demand)), lang) for demand in demands]
        rows.append(row)
    return listed(rows, "gaps", header)


def _cell_text(cell: Any, lang: str) -> str:
    """One gap-matrix cell in words: level, points, and its doubts (uncertain, legal review)."""
    if cell is None:
        return t("drafts.not_coded", lang)
    text = enum_label("coverage", cell.level, lang)
    if cell.points:
        text += f": {cell.points}"
    doubts = [
        t(f"brief.gaps.cell_{flag}", lang)
        for flag in ("uncertain", "legal_review")
        if bool(getattr(cell, flag))
    ]
    return f"{text} ({'; '.join(doubts)})" if doubts else text


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def provenance(
    options: BriefingOptions,
    counts: dict[str, int],
    *,
    user: str,
    data_version: int,
    last_change: datetime | None,
    reference_release: str,
    now: datetime,
    credits: str = "",
) -> str:
    """README.txt of a pack: what each file holds, the filters, when, by whom, from which data;
    `credits`: which organisations recorded its evidence (`domain.organisations.recorded_by`)."""
    lang = options.lang
    f = options.filters
    lines = [
        t("brief.readme.title", lang),
        "",
        t("brief.readme.made", lang, when=_utc(now), user=user),
        t(
            "brief.readme.data",
            lang,
            version=data_version,
            last=_utc(last_change) if last_change else "—",
        ),
        t("brief.readme.reference", lang, release=reference_release or "—"),
        "",
        t("brief.readme.filters", lang),
        f"  demands: {', '.join(f.demands) or '*'}",
        f"  regions: {', '.join(f.regions) or '*'}",
        f"  from: {f.date_from or '*'}  to: {f.date_to or '*'}",
        f"  sensitivity: {', '.join(options.sensitivities())}",
        "",
        *([credits, ""] if credits else []),
        t("brief.readme.files", lang),
    ]
    for kind in KINDS:
        lines.append(f"  {kind}.csv ({counts.get(kind, 0)} rows): {t(f'brief.{kind}.about', lang)}")
    if options.custody:
        lines.append(f"  custody.csv: {t('brief.custody.about', lang)}")
    lines += ["", t("brief.readme.manifest", lang), ""]
    lines.append("")
    return "\n".join(lines)


def file_name(kind: str, *, excel: bool, now: datetime) -> str:
    """The download's name: what it is and when it was made."""
    stamp = now.strftime("%Y%m%d-%H%M")
    if kind == "pack":
        return f"demands-monitor-briefing-{stamp}.zip"
    return f"demands-monitor-{kind}-{stamp}{'-excel' if excel else ''}.csv"


def days_before(today: date, days: int) -> datetime:
    """The start (UTC) of the day `days` before today: where "the last N days" begin."""
    return datetime.combine(today - timedelta(days=days), datetime.min.time(), UTC)


STRIP_COLUMNS = (
    "demand",
    "draft",
    "published_on",
    "confidence",
    "level",
    "uncertain",
    "points",
    "change",
)
COMPARISON_COLUMNS = (
    "demand",
    "title",
    "before",
    "after",
    "change",
    "points_added",
    "points_removed",
    "points_changed",
)


def _level_words(level: object, lang: str) -> str:
    return (
        enum_label("coverage", level, lang)
        if isinstance(level, str)
        else t("drafts.not_coded", lang)
    )


def strip_rows(
    drafts: pd.DataFrame, coverage: pd.DataFrame, demands: list[str], lang: str
) -> Briefing:
    """One row per demand x draft, drafts in date order: the date and confidence of the text,
    the level, whether the code is uncertain, the points cited, and the change from the draft
    before (empty for the first; unknown where either side is not reported or uncertain)."""
    header = [t(f"brief.strip.{c}", lang) for c in STRIP_COLUMNS]
    frame = across_drafts.strip(drafts, coverage, demands)
    rows = [
        [
            r.demand,
            r.draft,
            r.published_on.isoformat(),
            confidence_label(r.confidence, lang),
            _level_words(r.level, lang),
            t("yes" if r.uncertain else "no", lang),
            r.points,
            t(f"drafts.change.{r.change}", lang) if isinstance(r.change, str) else "",
        ]
        for r in frame.itertuples()
    ]
    return listed(rows, "strip", header)


def comparison_rows(
    result: list[gaps.DemandComparison], titles: dict[str, str], lang: str
) -> Briefing:
    """One row per demand for two drafts: the level before and after, the change, and the
    cited points added, removed and changed (labels, `before -> after` for a changed one)."""
    header = [t(f"brief.comparison.{c}", lang) for c in COMPARISON_COLUMNS]
    rows = []
    for r in result:
        added = [p.after_label or "" for p in r.points if p.kind == "added"]
        removed = [p.before_label or "" for p in r.points if p.kind == "removed"]
        changed = [f"{p.before_label} -> {p.after_label}" for p in r.points if p.kind == "changed"]
        rows.append(
            [
                r.demand,
                titles.get(r.demand, ""),
                _level_words(r.before, lang),
                _level_words(r.after, lang),
                t(f"drafts.change.{r.change}", lang),
                "; ".join(added),
                "; ".join(removed),
                "; ".join(changed),
            ]
        )
    return listed(rows, COMPARISON, header)
