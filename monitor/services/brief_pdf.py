"""Printable briefs as PDF: check who asks for what, read, assemble, render, write, audit.

The words come from `monitor.domain.brief_contents`; this module only lays them out (fpdf2)
and draws the status charts as static images (matplotlib's Agg backend, through `Figure`
rather than pyplot, so no global figure state is shared between threads). Cyrillic is drawn
with DejaVu Sans, the TTF font matplotlib ships in its `mpl-data/fonts/ttf` under the Bitstream
Vera licence (LICENSE_DEJAVU beside it), which allows embedding; fpdf2 embeds the glyphs used.
Both libraries are imported once, when this module is.

Permissions and filters are the CSV briefings' (`services.briefings.check_options`): public
entries by default, restricted ones with a flag (an editor), confidential ones only when an
admin asks. A brief never lists an entry a CSV briefing with the same options would not hold.

The file's own SHA-256 cannot be inside the file; it is computed after the bytes are made,
returned (the page shows it beside the button, the command line prints it) and written to
the audit log. Inside, the provenance carries the SHA-256 of the data the brief says
(`BriefContents.data_sha256`).
"""

from __future__ import annotations

import copy
import functools
import io
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace, TTFFont
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from sqlalchemy.engine import Engine

from monitor.config import get_settings
from monitor.core import audit
from monitor.core.db import session_scope
from monitor.core.files import sha256, write_atomically
from monitor.core.permissions import Actor
from monitor.domain import across_drafts
from monitor.domain import brief_contents as contents
from monitor.domain import filters as evidence_filters
from monitor.domain.brief_contents import (
    BriefContents,
    BriefSubject,
    GridChart,
    Paragraph,
    Section,
    StepChart,
    Table,
)
from monitor.domain.briefings import BriefingOptions
from monitor.domain.charts import COVERAGE_COLOURS, NOT_ASSESSED, STATUS_COLOURS
from monitor.errors import InvalidInput
from monitor.i18n import t
from monitor.queries import brief as brief_queries
from monitor.queries import lookups
from monitor.queries.brief import OverviewSource
from monitor.queries.briefings import data_state
from monitor.services.briefings import check_options

matplotlib.use("Agg")  # no display: charts are images in a file
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
# regular and bold only: each style is one more font file parsed for every brief
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
DARK_FILLS = {"contradicts", "explicit"}  # white text on these level colours
HEADING_FILL = "#e9eef4"
MARGIN = 15  # mm
CHART_DPI = 150  # sharp in print at the width drawn (18 cm), quick to make
TABLE_SIZE = 7.5  # pt
CELL_PADDING = 1  # mm
CHARTS_KEPT = 32  # charts drawn once per process for the same data (see `step_chart_png`)


@dataclass(frozen=True)
class Brief:
    """A made brief: its bytes, their SHA-256, the data's SHA-256, its name, its pages, and
    what it is about (a draft's full code once resolved)."""

    data: bytes
    sha256: str
    data_sha256: str
    file_name: str
    pages: int
    subject: BriefSubject


# -- charts -----------------------------------------------------------------------------------


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=CHART_DPI)
    return buffer.getvalue()


def _day_number(day: str) -> float:
    """An ISO date as a number of days, so the x axis is plain numbers labelled by us."""
    return float(date.fromisoformat(day).toordinal())


@functools.lru_cache(maxsize=CHARTS_KEPT)
def step_chart_png(chart: StepChart) -> bytes:
    """One demand's status as a step line, the levels named on the y axis.

    Kept per process for the same chart (a frozen value: title, days, scores and labels), as
    is the grid: drawing is a sixth of a brief's time, and a chart changes only when a status
    is published or a day passes, not with every entry logged."""
    fig = Figure(figsize=(7.2, 2.4), layout="constrained")
    ax = fig.add_subplot()
    days = [_day_number(d) for d in chart.days]
    ax.step(days, chart.scores, where="post", color=STATUS_COLOURS[2], linewidth=2.2)
    ax.plot(days[:-1], chart.scores[:-1], "o", color=STATUS_COLOURS[3], markersize=4)
    ax.set_ylim(-0.3, 3.3)
    ax.set_yticks(range(4), chart.levels, fontsize=8)
    ax.set_xticks([_day_number(d) for d, _ in chart.ticks], [lb for _, lb in chart.ticks])
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(chart.title, fontsize=10, loc="left")
    return _png(fig)


@functools.lru_cache(maxsize=CHARTS_KEPT)
def grid_chart_png(chart: GridChart) -> bytes:
    """Demands x months coloured by status (grey: not yet assessed), a legend below.

    The cell borders are two line collections and the layout is fixed: minor-tick grids and
    the constrained layout took most of a brief's drawing time."""
    months, demands = len(chart.months), len(chart.rows)
    height = 0.9 + 0.26 * demands
    fig = Figure(figsize=(7.2, height))
    fig.subplots_adjust(left=0.07, right=0.995, top=1 - 0.3 / height, bottom=0.55 / height)
    ax = fig.add_subplot()
    values = [[-1 if v is None else v for v in row] for row in chart.values]
    cmap = ListedColormap([NOT_ASSESSED, *STATUS_COLOURS])
    ax.imshow(
        values,
        aspect="auto",
        cmap=cmap,
        norm=BoundaryNorm([-1.5, -0.5, 0.5, 1.5, 2.5, 3.5], cmap.N),
        interpolation="nearest",
    )
    ax.set_yticks(range(demands), chart.rows, fontsize=8)
    step = max(1, -(-months // 12))
    ax.set_xticks(range(0, months, step), chart.months[::step], fontsize=7)
    ax.vlines([x - 0.5 for x in range(1, months)], -0.5, demands - 0.5, colors="white", lw=0.8)
    ax.hlines([y - 0.5 for y in range(1, demands)], -0.5, months - 0.5, colors="white", lw=0.8)
    ax.set_title(chart.title, fontsize=10, loc="left")
    handles = [
        Patch(facecolor=c, edgecolor="#999999", label=lb)
        for c, lb in zip(
            [NOT_ASSESSED, *STATUS_COLOURS], [chart.not_assessed, *chart.levels], strict=True
        )
    ]
    fig.legend(
        handles=handles, loc="lower center", ncols=5, fontsize=7, frameon=False, borderaxespad=0.2
    )
    return _png(fig)


# -- layout -----------------------------------------------------------------------------------


class _Widths(TTFFont):
    """A TTF font that sums its characters' widths in C (`map`) rather than in a generator.

    fpdf2 breaks lines one character at a time and measures the whole line so far at each
    one, so a brief asks for a width some 50,000 times; the sum is the same integers in the
    same order (the same float, so the same file), only quicker. Shaped or symbol text keeps
    fpdf2's own measure."""

    __slots__ = ()

    def get_text_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        if text_shaping_params or self.is_symbol:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        units = sum(map(self.cw.__getitem__, map(ord, text)))
        return len(text), units * font_size_pt * 0.001


@functools.cache
def _parsed_font(style: str) -> TTFFont:
    """One style of the font as fpdf2 parses it (its glyph widths and map), once per process.

    Never drawn with: `_font` hands each document its own copy."""
    scratch = FPDF()
    scratch.add_font(FONT, style, str(FONT_DIR / FONT_FILES[style]))
    return scratch.fonts[f"{FONT.lower()}{style}"]  # type: ignore[return-value]


def _font(style: str, index: int) -> _Widths:
    """A document's own font, without parsing the file again (a tenth of a brief's time).

    fpdf2's own copy (its `__deepcopy__`, made for its recorder) shares what no document
    changes and copies what one does (the glyphs used, the widths asked); the font file's
    tables are opened afresh, because the embedding subsets them in place."""
    font = copy.deepcopy(_parsed_font(style))
    font.i = index
    # fontTools' TTFont (fpdf2's dependency), opened as fpdf2 opens it
    font.ttfont = type(font.ttfont)(font.ttffile, recalcTimestamp=False, lazy=True)
    font.__class__ = _Widths
    return font  # type: ignore[return-value]


class _Document(FPDF):
    """A4 pages with the brief's kicker and banner on top and page numbers below."""

    def __init__(self, brief: BriefContents) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.brief = brief
        for style in FONT_FILES:  # as `add_font(FONT, style, file)` would, parsed once
            self.fonts[f"{FONT.lower()}{style}"] = _font(style, len(self.fonts) + 1)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.set_title(brief.title)
        self.set_author(t("app.title", brief.lang))
        self.set_subject(brief.citation)
        self.set_keywords(brief.pdf_keywords)
        self.set_creator(t("app.title", brief.lang))
        self.set_lang(brief.lang)

    def header(self) -> None:
        self.set_font(FONT, "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(
            0,
            4,
            f"{t('pdf.kicker', self.brief.lang)} · {self.brief.title}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        if self.brief.banner:
            self.set_font(FONT, "B", 8)
            self.set_text_color(255, 255, 255)
            self.set_fill_color(122, 0, 25)
            self.multi_cell(
                0, 4.5, self.brief.banner, fill=True, align="L", new_x="LMARGIN", new_y="NEXT"
            )
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(90, 90, 90)
        words = t("pdf.page", self.brief.lang, page=self.page_no(), pages="{nb}")
        self.cell(0, 4, words, align="R")


def _paragraph(pdf: _Document, block: Paragraph) -> None:
    pdf.set_font(FONT, "B" if block.bold else "", 7.5 if block.small else 9.5)
    if block.small:
        pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(
        0, 3.6 if block.small else 4.6, block.text, align="L", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1.2)


def _height(pdf: _Document, section: Section) -> float:
    """How tall a section of paragraphs prints (its heading included), measured without
    printing; a section with a table or a chart counts as a page."""
    total = 10.0
    for block in section.blocks:
        if not isinstance(block, Paragraph):
            return pdf.eph
        pdf.set_font(FONT, "B" if block.bold else "", 7.5 if block.small else 9.5)
        line = 3.6 if block.small else 4.6
        height = pdf.multi_cell(0, line, block.text, dry_run=True, output="HEIGHT")
        total += float(height) + 1.2  # type: ignore[arg-type]
    return total


def _fill_style(level: str | None) -> FontFace | None:
    if level is None or level not in COVERAGE_COLOURS:
        return None
    colour = "#ffffff" if level in DARK_FILLS else "#000000"
    return FontFace(color=colour, fill_color=COVERAGE_COLOURS[level])


def _longest_word(pdf: _Document, texts: list[str], style: str) -> float:
    pdf.set_font(FONT, style, TABLE_SIZE)
    words = [w for text in texts for w in text.split()]
    return max((pdf.get_string_width(w) for w in words), default=0.0)


def _column_widths(pdf: _Document, block: Table, width: float) -> tuple[float, ...]:
    """The relative widths in mm, widened so that no word is broken in the middle (a column
    never takes more than a third of the page for that: a long address may still wrap)."""
    total = sum(block.widths)
    wanted = [w / total * width for w in block.widths]
    least = [
        min(
            width / 3,
            2 * CELL_PADDING
            + 1
            + max(
                _longest_word(pdf, [block.header[c]], "B"),
                _longest_word(pdf, [row[c] for row in block.rows], ""),
            ),
        )
        for c in range(len(wanted))
    ]
    short = sum(max(0.0, m - w) for m, w in zip(least, wanted, strict=True))
    if not short:
        return tuple(wanted)
    spare = [max(0.0, w - m) for m, w in zip(least, wanted, strict=True)]
    ratio = min(1.0, short / sum(spare)) if sum(spare) else 0.0
    pdf.set_font(FONT, "", TABLE_SIZE)
    return tuple(max(m, w - s * ratio) for m, w, s in zip(least, wanted, spare, strict=True))


def _table(pdf: _Document, block: Table) -> None:
    pdf.set_font(FONT, "", TABLE_SIZE)
    width = pdf.epw
    widths = _column_widths(pdf, block, width)
    with pdf.table(
        col_widths=widths,
        width=width,
        text_align="LEFT",
        line_height=3.5,
        padding=CELL_PADDING,
        repeat_headings=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        heading = table.row()
        for text in block.header:
            heading.cell(text)
        for index, values in enumerate(block.rows):
            fills = block.fills[index] if index < len(block.fills) else ()
            row = table.row()
            for column, text in enumerate(values):
                level = fills[column] if column < len(fills) else None
                row.cell(text, style=_fill_style(level))
    pdf.ln(2)


def _image(pdf: _Document, png: bytes, height_ratio: float) -> None:
    width = pdf.epw
    if pdf.get_y() + width * height_ratio > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width)
    pdf.ln(2)


def _block(pdf: _Document, block: Any) -> None:
    if isinstance(block, Paragraph):
        _paragraph(pdf, block)
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, StepChart):
        _image(pdf, step_chart_png(block), 2.4 / 7.2)
    elif isinstance(block, GridChart):
        _image(pdf, grid_chart_png(block), (0.9 + 0.26 * len(block.rows)) / 7.2)


def render(brief: BriefContents, *, now: datetime) -> tuple[bytes, int]:
    """The brief as PDF bytes, and its page count."""
    pdf = _Document(brief)
    pdf.set_creation_date(now)
    pdf.add_page()
    pdf.set_font(FONT, "B", 17)
    pdf.multi_cell(0, 7.5, brief.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(
        0, 4.4, f"{brief.subtitle}\n{brief.made}", align="L", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)
    for section in brief.sections:
        room = pdf.page_break_trigger - pdf.get_y()
        if room < 30 or (section.together and room < _height(pdf, section)):
            pdf.add_page()  # a heading never ends a page; a section kept together moves whole
        pdf.set_font(FONT, "B", 12.5)
        pdf.set_text_color(11, 79, 138)
        pdf.multi_cell(0, 6, section.heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1)
        for block in section.blocks:
            _block(pdf, block)
        pdf.ln(2)
    return bytes(pdf.output()), pdf.page_no()


# -- the use case -----------------------------------------------------------------------------


def check_request(
    *, engine: Engine, actor: Actor, subject: BriefSubject, options: BriefingOptions
) -> tuple[BriefSubject, BriefingOptions]:
    """Refuse what the actor may not export, an unknown demand or draft and bad filters,
    before anything is read or written; a draft may be named by the part before its date."""
    if subject.kind not in contents.KINDS:
        raise InvalidInput({"kind": ("pdf.error.kind", {"choices": ", ".join(contents.KINDS)})})
    filters = options.filters
    if subject.kind == "demand":
        code = (subject.code or "").strip().upper()
        subject = BriefSubject("demand", code)
        filters = replace(filters, demands=(code,))
    elif subject.kind == "draft":
        known = list(lookups.drafts_table(engine, options.lang)["code"])
        subject = BriefSubject("draft", across_drafts.resolve_draft(subject.code or "", known))
        filters = replace(filters, demands=())
    else:
        filters = replace(filters, demands=())
    checked = check_options(engine=engine, actor=actor, options=replace(options, filters=filters))
    return subject, checked


def read_ahead(
    *,
    engine: Engine,
    actor: Actor,
    subject: BriefSubject,
    options: BriefingOptions,
    source: OverviewSource,
    today: date,
) -> None:
    """Fill `source`'s cache with the figures a Prepare of this brief would read first, and
    longest (the Overview's scans, with the file's visibility: at 1,000,000 entries most of a
    brief's time), so that the click only assembles and draws. Checked as the click would be:
    what the actor may not export is not read."""
    subject, checked = check_request(engine=engine, actor=actor, subject=subject, options=options)
    version, _ = data_state(engine)
    brief_queries.figures(
        engine,
        checked,
        version=version,
        today=today,
        stale_days=get_settings().stale_days,
        source=source,
    )


def build(
    *,
    engine: Engine,
    actor: Actor,
    subject: BriefSubject,
    options: BriefingOptions,
    now: datetime,
    source: OverviewSource | None = None,
) -> Brief:
    """Check, read, assemble and render one brief (not audited: the callers record it).

    `source` gives the Overview's aggregates (`queries.brief.OverviewSource`: the page passes
    its cache, asked with the checked options' visibility); without it they are read afresh."""
    subject, checked = check_request(engine=engine, actor=actor, subject=subject, options=options)
    inputs = brief_queries.brief_inputs(
        engine,
        subject,
        checked,
        today=now.date(),
        stale_days=get_settings().stale_days,
        source=source,
    )
    brief = contents.assemble(inputs, user=actor.username, now=now)
    data, pages = render(brief, now=now)
    return Brief(data, sha256(data), brief.data_sha256, brief.file_name, pages, subject)


def _audit(
    engine: Engine, actor: Actor, options: BriefingOptions, brief: Brief, **details: Any
) -> None:
    """A brief is recorded with its file's SHA-256 (and the data's); it changes no data."""
    with session_scope(engine) as session:
        audit.record(
            session,
            actor,
            "export",
            "brief",
            f"{brief.subject.kind}:{brief.subject.code or 'all'}",
            changes_data=False,
            after={
                "sha256": brief.sha256,
                "data_sha256": brief.data_sha256,
                "pages": brief.pages,
                "lang": options.lang,
                "filters": evidence_filters.as_record(options.filters),
                "sensitivities": options.sensitivities(),
                **details,
            },
        )


def export_to(
    *, engine: Engine, actor: Actor, subject: BriefSubject, options: BriefingOptions, path: Path
) -> Brief:
    """Write one brief to `path` atomically (nothing is left behind when it is refused or
    fails), then audit it with the file's SHA-256. It owns the audit's transaction."""
    now = datetime.now(UTC)
    brief = build(engine=engine, actor=actor, subject=subject, options=options, now=now)
    write_atomically(path, lambda handle: handle.write(brief.data), private=False)
    _audit(engine, actor, options, brief, file=str(path))
    return brief


def for_download(
    *,
    engine: Engine,
    actor: Actor,
    subject: BriefSubject,
    options: BriefingOptions,
    source: OverviewSource | None = None,
) -> Brief:
    """One brief for a page's download button, audited as an export made from the page (which
    passes its cached aggregates as `source`)."""
    now = datetime.now(UTC)
    brief = build(
        engine=engine, actor=actor, subject=subject, options=options, now=now, source=source
    )
    _audit(engine, actor, options, brief, via="page")
    return brief
