"""What a printable brief says, without the database and without the PDF: pure assembly.

A brief is about one demand, one draft (its gaps against the demands) or all ten (the Overview
in print). `assemble` turns the frames the read side gives (`monitor.queries.brief`) into
sections of paragraphs, tables and chart data, every word in the brief's language; the renderer
(`monitor.services.brief_pdf`) only lays them out. Keeping the words here means the method
note, the citation line and the filters in words are tested without opening a PDF.

The file's own SHA-256 cannot be inside the file (writing it would change the file), so a
brief carries `data_sha256` instead: the SHA-256 of everything it says except when and by whom
it was made (its sections and the data version, as canonical JSON). Two briefs with the same
digest say the same thing; the file's SHA-256 is computed after writing and kept beside it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from monitor.domain import gaps, status
from monitor.domain.across_drafts import change_words, share_text
from monitor.domain.briefings import BriefingOptions
from monitor.domain.charts import CHANGE_MARKS, COVERAGE_ORDER, month_label
from monitor.domain.organisations import recorded_by
from monitor.errors import InvalidInput
from monitor.i18n import confidence_label, enum_label, moment, status_label, t

KINDS = ("demand", "draft", "all")
LATEST_ENTRIES = 10  # a demand's newest entries listed by title in its brief
POINT_CHARS = 400  # a cited point's text is cut here in a table cell (the draft has it whole)
# what a table cell is coloured by: a coverage level (the gap matrix's colours) or nothing
Fill = str | None


@dataclass(frozen=True)
class BriefSubject:
    """What the brief is about: one demand (`code` D02), one draft (its code), or all ten."""

    kind: str = "all"
    code: str | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    small: bool = False


@dataclass(frozen=True)
class Table:
    """Rows of text under a header; `widths` are relative; `fills` colours cells by level."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    fills: tuple[tuple[Fill, ...], ...] = ()


@dataclass(frozen=True)
class StepChart:
    """One demand's published status as a step line held until the brief's day."""

    title: str
    days: tuple[str, ...]  # ISO dates
    scores: tuple[int, ...]
    ticks: tuple[tuple[str, str], ...]  # (ISO date, month label)
    levels: tuple[str, ...]  # the y labels, 0..3


@dataclass(frozen=True)
class GridChart:
    """Demands x months, each cell the status in force at the month's end (None: not yet)."""

    title: str
    rows: tuple[str, ...]
    months: tuple[str, ...]  # month labels
    values: tuple[tuple[int | None, ...], ...]
    levels: tuple[str, ...]
    not_assessed: str


Block = Paragraph | Table | StepChart | GridChart


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]
    together: bool = False  # printed on one page (the provenance: no digest alone on a page)


@dataclass(frozen=True)
class BriefContents:
    """Everything a brief says, in order; `data_sha256` is over all but `made`."""

    kind: str
    lang: str
    title: str
    subtitle: str
    banner: str | None  # said on every page when the brief counts non-public entries
    sections: tuple[Section, ...]
    citation: str
    made: str  # when and by whom: outside the digest
    data_sha256: str
    file_name: str
    pdf_keywords: str = ""


@dataclass(frozen=True)
class BriefInputs:
    """What the read side gives `assemble`: small frames, every one already filtered."""

    subject: BriefSubject
    options: BriefingOptions
    demands: pd.DataFrame  # code, title, text, translated, source (in the brief's language)
    scorecard: pd.DataFrame  # `status.scorecard`
    status_grid: pd.DataFrame  # demand x 'YYYY-MM'
    history: pd.DataFrame  # published assessments: demand, assessed_on, score, id
    assessments: pd.DataFrame  # the one demand's: assessed_on, score, state, rationale, ...
    by_month: pd.DataFrame  # demand, month, direction, n
    beside: pd.DataFrame  # `across_drafts.beside`
    strip: pd.DataFrame  # `across_drafts.strip`, with the cited points' texts
    drafts: pd.DataFrame  # `lookups.drafts_table`
    coverage: pd.DataFrame  # `lookups.coverage_matrix`
    latest: pd.DataFrame  # the one demand's newest entries (title, event_start, region, ...)
    evidence_total: int
    region_names: dict[str, str]
    data_version: int
    last_change: datetime | None
    reference_release: str
    today: date
    credits: tuple[tuple[str, int], ...] = ()  # (organisation, entries) counted: "Recorded by"


def subject_of(demands: tuple[str, ...], draft: str | None) -> BriefSubject:
    """The brief a command line asked for: `--demand` (one), `--draft`, or neither (all ten)."""
    if draft and demands:
        raise InvalidInput({"draft": ("pdf.error.both", {})})
    if len(demands) > 1:
        raise InvalidInput({"demand": ("pdf.error.one_demand", {"value": ", ".join(demands)})})
    if draft:
        return BriefSubject("draft", draft)
    if demands:
        return BriefSubject("demand", demands[0])
    return BriefSubject("all")


# -- words ------------------------------------------------------------------------------------


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else ""


def _level(level: object, uncertain: object, lang: str) -> str:
    """A coverage level in words, with the uncertain mark; 'not coded yet' for none."""
    if not isinstance(level, str):
        return t("drafts.not_coded", lang)
    text = enum_label("coverage", level, lang)
    return f"{text}, {t('brief.gaps.cell_uncertain', lang)}" if bool(uncertain) else text


def _change(change: object, lang: str) -> str:
    if not isinstance(change, str):
        return "—"
    return f"{CHANGE_MARKS[change]} {t(f'drafts.change.{change}', lang)}"


def filters_in_words(
    options: BriefingOptions, region_names: dict[str, str], *, demand_scope: str
) -> str:
    """Which evidence the counts cover, as a sentence: sensitivities, demands, regions, dates
    and verification; withdrawn entries are never counted."""
    lang = options.lang
    f = options.filters
    if f.date_from and f.date_to:
        period = t("pdf.period.between", lang, start=_iso(f.date_from), end=_iso(f.date_to))
    elif f.date_from:
        period = t("pdf.period.from", lang, start=_iso(f.date_from))
    elif f.date_to:
        period = t("pdf.period.to", lang, end=_iso(f.date_to))
    else:
        period = t("pdf.period.any", lang)
    regions = ", ".join(region_names.get(r, r) for r in f.regions) or t("pdf.all_regions", lang)
    verification = (
        ", ".join(enum_label("verification", v, lang) for v in f.verification)
        if f.verification
        else t("pdf.any_verification", lang)
    )
    return t(
        "pdf.filters",
        lang,
        sensitivity=options.sensitivities(),
        demands=demand_scope,
        regions=regions,
        period=period,
        verification=verification,
    )


def method_note(lang: str) -> tuple[Block, ...]:
    """The scales, what each coverage code means, and what uncertain and not reported mean."""
    levels = [*COVERAGE_ORDER, "not_coded"]
    rows = tuple(
        (
            t("drafts.not_coded", lang)
            if level == "not_coded"
            else enum_label("coverage", level, lang),
            t(f"pdf.method.level.{level}", lang),
        )
        for level in levels
    )
    scale = tuple(
        (status_label(score, lang), t(f"pdf.method.score.{score}", lang)) for score in range(4)
    )
    return (
        Paragraph(t("pdf.method.status", lang)),
        Table((t("col.status", lang), t("pdf.method.meaning", lang)), scale, (1, 4)),
        Paragraph(t("pdf.method.index", lang)),
        Paragraph(t("pdf.method.coverage", lang)),
        Table(
            (t("brief.strip.level", lang), t("pdf.method.meaning", lang)),
            rows,
            (1, 4),
            tuple((lv, None) for lv in levels),
        ),
        Paragraph(t("pdf.method.not_reported", lang)),
        Paragraph(t("pdf.method.uncertain", lang)),
        Paragraph(t("pdf.method.change", lang)),
        Paragraph(t("pdf.method.confidence", lang)),
        Paragraph(t("pdf.method.evidence", lang)),
    )


# -- sections ---------------------------------------------------------------------------------


def _titles(inputs: BriefInputs) -> dict[str, str]:
    return dict(zip(inputs.demands["code"], inputs.demands["title"], strict=True))


def _codes(inputs: BriefInputs) -> list[str]:
    return list(inputs.demands["code"])


def _status_rows(inputs: BriefInputs, lang: str) -> Table:
    card = inputs.scorecard
    rows = tuple(
        (
            str(r.code),
            str(r.title),
            status_label(r.score, lang),
            ""
            if r.previous is None or r.previous != r.previous
            else status_label(r.previous, lang),
            _iso(r.assessed_on),
        )
        for r in card.itertuples()
    )
    header = ("col.code", "col.title", "col.status", "col.previous", "col.assessed_on")
    return Table(tuple(t(h, lang) for h in header), rows, (0.6, 3.4, 1.3, 1.3, 1.1))


def _grid_chart(inputs: BriefInputs, lang: str) -> GridChart | Paragraph:
    grid = inputs.status_grid
    if grid.empty or not bool(grid.notna().to_numpy().any()):
        return Paragraph(t("overview.no_status", lang))
    months = [str(m) for m in grid.columns]
    values = tuple(tuple(None if v != v else int(v) for v in grid.loc[code]) for code in grid.index)
    return GridChart(
        title=t("pdf.chart.grid", lang),
        rows=tuple(str(c) for c in grid.index),
        months=tuple(month_label(m, lang) for m in months),
        values=values,
        levels=tuple(status_label(s, lang) for s in range(4)),
        not_assessed=t("status.none", lang),
    )


def _step_chart(inputs: BriefInputs, code: str, lang: str) -> StepChart | Paragraph:
    part = inputs.history[inputs.history["demand"] == code]
    if part.empty:
        return Paragraph(t("pdf.no_assessment", lang))
    days = [*(d.isoformat() for d in part["assessed_on"]), inputs.today.isoformat()]
    scores = [*(int(s) for s in part["score"]), int(part["score"].iloc[-1])]
    first = pd.Timestamp(days[0]).to_period("M").start_time
    months = pd.date_range(first, pd.Timestamp(days[-1]), freq="MS")
    step = max(1, -(-len(months) // 8))
    ticks = tuple((m.date().isoformat(), month_label(m.date(), lang)) for m in months[::step])
    return StepChart(
        title=t("demand.history_chart", lang, code=code),
        days=tuple(days),
        scores=tuple(scores),
        ticks=ticks,
        levels=tuple(status_label(s, lang) for s in range(4)),
    )


def _direction_totals(inputs: BriefInputs) -> dict[str, dict[str, int]]:
    sums = inputs.by_month.groupby(["demand", "direction"])["n"].sum()
    totals: dict[str, dict[str, int]] = {}
    for (demand, direction), n in sums.items():
        totals.setdefault(str(demand), {})[str(direction)] = int(n)
    return totals


def number(n: object, lang: str) -> str:
    """A count as a reader writes it: 6,992 in English, 6 992 in Ukrainian (a no-break space)."""
    text = f"{int(n):,}"  # type: ignore[call-overload]
    return text.replace(",", "\u00a0") if lang == "uk" else text


def _pair(row: Any, direction: str, days: int, lang: str) -> str:
    last = getattr(row, f"{direction}_last_{days}")
    before = getattr(row, f"{direction}_before_{days}")
    return f"{number(last, lang)} ({number(before, lang)})"


def _evidence_table(inputs: BriefInputs, lang: str) -> Table:
    totals = _direction_totals(inputs)
    rows = []
    for r in inputs.beside.itertuples():
        by = totals.get(str(r.demand), {})
        rows.append(
            (
                str(r.demand),
                number(sum(by.values()), lang),
                number(by.get("progress", 0), lang),
                number(by.get("regression", 0), lang),
                number(by.get("neutral", 0), lang),
                _pair(r, "regression", 30, lang),
                _pair(r, "regression", 90, lang),
                _pair(r, "progress", 90, lang),
                share_text(r.verified_share, lang),
            )
        )
    header = (
        t("col.code", lang),
        t("col.evidence", lang),
        enum_label("direction", "progress", lang),
        enum_label("direction", "regression", lang),
        enum_label("direction", "neutral", lang),
        t("across.col.regression_30", lang),
        t("across.col.regression_90", lang),
        t("across.col.progress_90", lang),
        t("across.col.verified_share", lang),
    )
    return Table(header, tuple(rows), (0.7, 0.9, 0.9, 0.9, 0.9, 1.3, 1.3, 1.3, 0.9))


def _evidence_section(inputs: BriefInputs, lang: str, scope: str) -> Section:
    blocks: list[Block] = [
        Paragraph(filters_in_words(inputs.options, inputs.region_names, demand_scope=scope)),
        Paragraph(
            t(
                "pdf.evidence.total",
                lang,
                count=inputs.evidence_total,
                n=number(inputs.evidence_total, lang),
            )
        ),
        _evidence_table(inputs, lang),
        Paragraph(t("pdf.evidence.windows", lang), small=True),
    ]
    return Section(t("pdf.s.evidence", lang), tuple(blocks))


def _draft_header(drafts: pd.DataFrame, code: str, lang: str) -> str:
    """A draft's column head; `drafts` is `lookups.drafts_table` indexed by code."""
    row = drafts.loc[code]
    return f"{code}\n{_iso(row['published_on'])}\n{confidence_label(row['confidence'], lang)}"


def _strip_all(inputs: BriefInputs, lang: str) -> Table:
    """Demands as rows, drafts (in date order) as columns: level, uncertain mark, change."""
    order = list(dict.fromkeys(inputs.strip["draft"]))
    cells = {(r.demand, r.draft): r for r in inputs.strip.itertuples()}
    rows, fills = [], []
    for code in _codes(inputs):
        row: list[str] = [code]
        fill: list[Fill] = [None]
        for draft in order:
            cell = cells[(code, draft)]
            step = _change(cell.change, lang) if isinstance(cell.change, str) else ""
            level = _level(cell.level, cell.uncertain, lang)
            row.append(f"{level}\n{step}" if step else level)
            fill.append(cell.level if isinstance(cell.level, str) else None)
        rows.append(tuple(row))
        fills.append(tuple(fill))
    drafts = inputs.drafts.set_index("code")
    header = (t("col.code", lang), *(_draft_header(drafts, d, lang) for d in order))
    return Table(header, tuple(rows), (0.7, *([1.5] * len(order))), tuple(fills))


def _cited(text: object) -> str:
    """The cited points' texts, each once (two sub-points of one point cite it twice), cut."""
    value = "\n".join(dict.fromkeys(line for line in str(text or "").splitlines() if line))
    return value if len(value) <= POINT_CHARS else value[: POINT_CHARS - 1] + "…"


def _strip_demand(inputs: BriefInputs, code: str, lang: str) -> Table:
    """One demand's row of the strip as a table: one line per draft in date order."""
    mine = inputs.strip[inputs.strip["demand"] == code]
    rows = tuple(
        (
            f"{r.draft}\n{r.title}",
            _iso(r.published_on),
            confidence_label(r.confidence, lang),
            _level(r.level, r.uncertain, lang),
            _change(r.change, lang),
            _cited(r.cited) or "—",
        )
        for r in mine.itertuples()
    )
    fills = tuple(
        (None, None, None, r.level if isinstance(r.level, str) else None, None, None)
        for r in mine.itertuples()
    )
    header = tuple(
        t(k, lang)
        for k in (
            "brief.strip.draft",
            "brief.strip.published_on",
            "brief.strip.confidence",
            "brief.strip.level",
            "brief.strip.change",
            "brief.strip.points",
        )
    )
    return Table(header, rows, (2.0, 1.0, 1.1, 1.2, 1.2, 3.5), fills)


def _sources_section(inputs: BriefInputs, lang: str) -> Section:
    rows = []
    for d in inputs.drafts.itertuples():
        sources = [d.source_url, *str(d.other_sources or "").splitlines()]
        rows.append(
            (
                f"{d.code}\n{d.title}",
                f"{d.proponent}\n{_iso(d.published_on)}",
                confidence_label(d.confidence, lang),
                "\n".join(u.strip() for u in sources if isinstance(u, str) and u.strip()) or "—",
                str(d.notes or "") or "—",
            )
        )
    header = (
        t("brief.strip.draft", lang),
        t("pdf.proponent_date", lang),
        t("brief.gaps.confidence", lang),
        t("brief.gaps.sources", lang),
        t("brief.gaps.notes", lang),
    )
    table = Table(header, tuple(rows), (1.8, 1.2, 1.0, 3.0, 2.5))
    return Section(t("pdf.s.sources", lang), (table,))


def _texts_section(inputs: BriefInputs, lang: str, codes: list[str]) -> Section:
    blocks: list[Block] = []
    rows = inputs.demands.set_index("code")
    for code in codes:
        row = rows.loc[code]
        if len(codes) > 1:  # a demand's own brief has its title on top already
            blocks.append(Paragraph(f"{code} · {row['title']}", bold=True))
        blocks.append(Paragraph(str(row["text"])))
        if bool(row["translated"]):
            blocks.append(Paragraph(t("demand.translation_note", lang), small=True))
        if row["source"]:
            blocks.append(Paragraph(f"{t('demand.source', lang)}: {row['source']}", small=True))
    blocks.append(Paragraph(t("pdf.not_exhaustive", lang), small=True))
    heading = "pdf.s.text" if len(codes) == 1 else "pdf.s.texts"
    return Section(t(heading, lang), tuple(blocks))


def _demand_sentences(inputs: BriefInputs, codes: list[str], lang: str) -> list[str]:
    """Per demand, one line a person can say in a meeting: status, the latest draft, the
    recent trend (the frames indexed once for all of them)."""
    card = inputs.scorecard.set_index("code")
    beside = inputs.beside.set_index("demand")
    return [
        _demand_sentence(card, beside.loc[c] if c in beside.index else None, c, lang) for c in codes
    ]


def _demand_sentence(card: pd.DataFrame, row: Any, code: str, lang: str) -> str:
    score = status.lookup(card, code, "score")
    assessed = status.lookup(card, code, "assessed_on")
    if row is None:
        return f"{code}: {status_label(score, lang)}"
    return t(
        "pdf.key.demand",
        lang,
        code=code,
        status=status_label(score, lang),
        since=_iso(assessed) or "—",
        draft=row["latest_draft"] or "—",
        level=_level(row["latest_level"], row["latest_uncertain"], lang),
        change=change_words(row["latest_change"], lang),
        regression=number(row["regression_last_90"], lang),
        regression_before=number(row["regression_before_90"], lang),
        progress=number(row["progress_last_90"], lang),
        progress_before=number(row["progress_before_90"], lang),
    )


def _assessments_table(inputs: BriefInputs, lang: str) -> Table | Paragraph:
    table = inputs.assessments
    published = table[table["state"] == "published"].sort_values(["assessed_on", "id"])
    if published.empty:
        return Paragraph(t("pdf.no_assessment", lang))
    rows = tuple(
        (
            _iso(r.assessed_on),
            status_label(r.score, lang),
            str(r.rationale or "") or "—",
            t("yes" if r.self_approved else "no", lang),
        )
        for r in published.itertuples()
    )
    header = tuple(
        t(f"brief.history.{c}", lang)
        for c in ("assessed_on", "status", "rationale", "self_approved")
    )
    return Table(header, rows, (1.1, 1.2, 5.0, 1.0))


def _latest_table(inputs: BriefInputs, lang: str) -> Table | Paragraph:
    frame = inputs.latest
    if frame.empty:
        return Paragraph(t("register.empty", lang))
    rows = tuple(
        (
            _iso(r.event_start),
            f"{r.title}\n{r.uid}",
            str(r.region),
            enum_label("direction", r.direction, lang),
            enum_label("verification", r.verification, lang),
            enum_label("sensitivity", r.sensitivity, lang),
        )
        for r in frame.itertuples()
    )
    header = tuple(
        t(f"field.{c}", lang)
        for c in (
            "event_start",
            "title",
            "region",
            "direction",
            "verification",
            "sensitivity",
        )
    )
    return Table(header, rows, (1.1, 4.4, 1.6, 1.0, 1.1, 1.0))


def _all_sections(inputs: BriefInputs, lang: str) -> list[Section]:
    codes = _codes(inputs)
    key = tuple(Paragraph(words) for words in _demand_sentences(inputs, codes, lang))
    return [
        Section(t("pdf.s.key", lang), key),
        Section(t("pdf.s.status", lang), (_status_rows(inputs, lang), _grid_chart(inputs, lang))),
        Section(
            t("pdf.s.coverage", lang),
            (_strip_all(inputs, lang), Paragraph(legend(lang), small=True)),
        ),
        _evidence_section(inputs, lang, t("pdf.all_demands", lang)),
        _sources_section(inputs, lang),
        _texts_section(inputs, lang, codes),
    ]


def _demand_sections(inputs: BriefInputs, code: str, lang: str) -> list[Section]:
    return [
        _texts_section(inputs, lang, [code]),
        Section(t("pdf.s.key", lang), (Paragraph(_demand_sentences(inputs, [code], lang)[0]),)),
        Section(
            t("pdf.s.status", lang),
            (_step_chart(inputs, code, lang), _assessments_table(inputs, lang)),
        ),
        Section(
            t("pdf.s.coverage", lang),
            (_strip_demand(inputs, code, lang), Paragraph(legend(lang), small=True)),
        ),
        _evidence_section(inputs, lang, code),
        Section(
            t("pdf.s.latest", lang, n=LATEST_ENTRIES),
            (
                Paragraph(
                    filters_in_words(inputs.options, inputs.region_names, demand_scope=code),
                    small=True,
                ),
                _latest_table(inputs, lang),
            ),
        ),
        _sources_section(inputs, lang),
    ]


def _draft_gaps(inputs: BriefInputs, code: str, lang: str) -> Table:
    """Each demand in this draft: level, cited points, doubts, change from the draft before,
    beside the demand's status and its regression entries in the last 90 days."""
    mine = inputs.strip[inputs.strip["draft"] == code].set_index("demand")
    cells = {r.demand: r for r in inputs.coverage[inputs.coverage["draft"] == code].itertuples()}
    card = inputs.scorecard.set_index("code")
    beside = inputs.beside.set_index("demand")
    rows, fills = [], []
    for demand, title in _titles(inputs).items():
        strip_row = mine.loc[demand]
        cell = cells.get(demand)
        doubts = (
            [t("brief.gaps.cell_legal_review", lang)]
            if cell is not None and cell.legal_review
            else []
        )
        rows.append(
            (
                f"{demand}\n{title}",
                "\n".join([_level(strip_row["level"], strip_row["uncertain"], lang), *doubts]),
                _cited(strip_row["cited"]) or "—",
                _change(strip_row["change"], lang),
                status_label(status.lookup(card, demand, "score"), lang),
                _pair(next(beside.loc[[demand]].itertuples()), "regression", 90, lang)
                if demand in beside.index
                else "—",
            )
        )
        level = strip_row["level"]
        fills.append((None, level if isinstance(level, str) else None, None, None, None, None))
    header = (
        t("col.title", lang),
        t("brief.strip.level", lang),
        t("brief.strip.points", lang),
        t("pdf.change_from_before", lang),
        t("col.status", lang),
        t("across.col.regression_90", lang),
    )
    return Table(header, tuple(rows), (2.4, 1.3, 3.6, 1.2, 1.1, 1.2), tuple(fills))


def _draft_sentence(inputs: BriefInputs, code: str, lang: str) -> str:
    count = gaps.gap_counts(inputs.coverage, [code], _codes(inputs))[code]
    return t(
        "pdf.key.draft",
        lang,
        code=code,
        count=count.gaps,
        gaps=count.gaps,
        total=len(_codes(inputs)),
        not_reported=count.not_reported,
        uncertain=count.uncertain,
        **count.by_kind,
    )


def _draft_meta(inputs: BriefInputs, code: str, lang: str) -> Paragraph:
    row = inputs.drafts.set_index("code").loc[code]
    supersedes = row["supersedes"]
    return Paragraph(
        t(
            "pdf.draft.meta",
            lang,
            proponent=row["proponent"] or "—",
            date=_iso(row["published_on"]),
            status=enum_label("draft_status", row["status"], lang),
            confidence=confidence_label(row["confidence"], lang),
            supersedes=supersedes if isinstance(supersedes, str) and supersedes else "—",
        )
    )


def _draft_sections(inputs: BriefInputs, code: str, lang: str) -> list[Section]:
    return [
        Section(
            t("pdf.s.key", lang),
            (
                _draft_meta(inputs, code, lang),
                Paragraph(_draft_sentence(inputs, code, lang), bold=True),
            ),
        ),
        Section(
            t("pdf.s.gaps", lang),
            (_draft_gaps(inputs, code, lang), Paragraph(legend(lang), small=True)),
        ),
        Section(t("pdf.s.status", lang), (_status_rows(inputs, lang), _grid_chart(inputs, lang))),
        _evidence_section(inputs, lang, t("pdf.all_demands", lang)),
        _sources_section(inputs, lang),
        _texts_section(inputs, lang, _codes(inputs)),
    ]


def legend(lang: str) -> str:
    """What the marks in the coverage tables mean, in one line."""
    changes = " · ".join(f"{m} {t(f'drafts.change.{k}', lang)}" for k, m in CHANGE_MARKS.items())
    return t("pdf.legend", lang, uncertain=t("brief.gaps.cell_uncertain", lang), changes=changes)


def _title(inputs: BriefInputs, lang: str) -> str:
    subject = inputs.subject
    if subject.kind == "demand" and subject.code:
        return f"{subject.code} · {_titles(inputs)[subject.code]}"
    if subject.kind == "draft" and subject.code:
        title = inputs.drafts.set_index("code").loc[subject.code, "title"]
        return t("pdf.title.draft", lang, code=subject.code, title=title)
    return t("pdf.title.all", lang)


def _banner(options: BriefingOptions) -> str | None:
    if options.include_organisation:
        return t("pdf.banner.organisation", options.lang)
    if options.include_confidential:
        return t("pdf.banner.confidential", options.lang)
    if options.include_restricted:
        return t("pdf.banner.restricted", options.lang)
    return None


def digest(payload: object) -> str:
    """SHA-256 of a value as canonical JSON (sorted keys, UTF-8, no spaces)."""
    text = json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_name(subject: BriefSubject, lang: str, now: datetime) -> str:
    """The brief's file name: what it is about, its language and when it was made."""
    about = subject.code if subject.kind != "all" and subject.code else "all-demands"
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in about)
    return f"demands-monitor-brief-{safe}-{lang}-{now.astimezone(UTC).strftime('%Y%m%d-%H%M')}.pdf"


def assemble(inputs: BriefInputs, *, user: str, now: datetime) -> BriefContents:
    """The whole brief in its language: sections, method note, provenance, citation line."""
    lang = inputs.options.lang
    subject = inputs.subject
    if subject.kind == "demand" and subject.code:
        sections = _demand_sections(inputs, subject.code, lang)
    elif subject.kind == "draft" and subject.code:
        sections = _draft_sections(inputs, subject.code, lang)
    else:
        sections = _all_sections(inputs, lang)
    sections.append(Section(t("pdf.s.method", lang), method_note(lang)))
    title = _title(inputs, lang)
    release = inputs.reference_release or "—"
    last = moment(inputs.last_change) if inputs.last_change else "—"
    data = {
        "title": title,
        "subject": asdict(subject),
        "lang": lang,
        "sections": [asdict(s) for s in sections],
        "data_version": inputs.data_version,
        "last_change": last,
        "reference_release": release,
        "filters": repr(inputs.options.filters),
        "sensitivities": list(inputs.options.sensitivities()),
        "today": inputs.today.isoformat(),
        **({"credits": [list(c) for c in inputs.credits]} if inputs.credits else {}),
    }
    data_sha = digest(data)
    made = t("pdf.prov.made", lang, when=moment(now), user=user)
    citation = t(
        "pdf.cite",
        lang,
        title=title,
        day=now.astimezone(UTC).date().isoformat(),
        version=inputs.data_version,
        release=release,
        sha=data_sha[:16],
    )
    provenance = Section(
        t("pdf.s.provenance", lang),
        (
            Paragraph(citation, bold=True),
            Paragraph(made),
            Paragraph(t("brief.readme.data", lang, version=inputs.data_version, last=last)),
            Paragraph(t("brief.readme.reference", lang, release=release)),
            Paragraph(
                filters_in_words(
                    inputs.options, inputs.region_names, demand_scope=_scope(inputs, lang)
                )
            ),
            *([Paragraph(recorded_by(inputs.credits, lang))] if inputs.credits else []),
            Paragraph(t("pdf.prov.data_sha", lang, sha=data_sha)),
            Paragraph(t("pdf.prov.file_sha", lang), small=True),
        ),
        together=True,
    )
    return BriefContents(
        kind=subject.kind,
        lang=lang,
        title=title,
        subtitle=t("app.tagline", lang),
        banner=_banner(inputs.options),
        sections=(*sections, provenance),
        citation=citation,
        made=made,
        data_sha256=data_sha,
        file_name=file_name(subject, lang, now),
        pdf_keywords=f"data-sha256:{data_sha} data-version:{inputs.data_version} release:{release}",
    )


def _scope(inputs: BriefInputs, lang: str) -> str:
    return (
        inputs.subject.code
        if inputs.subject.kind == "demand" and inputs.subject.code
        else t("pdf.all_demands", lang)
    )
