"""Pure chart builders: DataFrame in, plotly Figure out, one palette for the whole tool.

Colours come from the Okabe-Ito set and a light-to-dark ramp, so charts stay readable for
colour-blind readers and in greyscale; heat maps also print their values in the cells.

Plotly renders a little HTML in every label, title and hover text (`<a href>`, `<b>`, `<br>`,
`<span style>`), so every value that came from a person or a reference file (draft and demand
titles, codes, region names, cited points) passes through `plain` before it reaches a figure;
hover templates are our own constant text and only ever name fields (`%{y}`, `%{customdata}`).
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from monitor.domain import gaps
from monitor.i18n import confidence_label, enum_label, t

# status 0..3: one hue, light to dark (distinct in greyscale too)
STATUS_COLOURS = ["#f7e1a0", "#e69f00", "#b05a00", "#4a2a00"]
NOT_ASSESSED = "#e8e8e8"
# the ranked levels worst first, then "not reported" in a colour of its own (unknown ground)
COVERAGE_ORDER = [level.value for level in gaps.WORST_FIRST] + ["not_reported"]
COVERAGE_COLOURS = {
    "contradicts": "#7a0019",
    "absent": "#eeeeee",
    "partial": "#56b4e9",
    "explicit": "#0b4f8a",
    "not_reported": "#fff4cc",
}
COVERAGE_LETTERS = {
    "explicit": "E",
    "partial": "P",
    "absent": "A",
    "contradicts": "C",
    "not_reported": "–",
}
UNCERTAIN_MARK, LEGAL_MARK = "?", "§"
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 13}


def plain(text: object) -> str:
    """`text` as plotly shows it literally: its HTML special characters as entities."""
    return html.escape(str(text), quote=False)


def _layout(fig: go.Figure, title: str, *, height: int = 420) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font=FONT,
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def month_label(month: object, lang: str) -> str:
    """A month ('2025-11', a date) as the UI names it: 'Nov 2025', «лист. 2025».

    Plotly names months in English on a date axis, so month axes are categories labelled here
    (and the day-precise axis of `status_steps` gets its ticks from here too).
    """
    text = month.isoformat() if isinstance(month, date) else str(month)
    year, number = text.split("-")[:2]
    return f"{t(f'month.{int(number)}', lang)} {year}"


def _month_axis(fig: go.Figure, months: list[str], lang: str) -> None:
    """Every x axis of `fig` as the months in order, named in `lang` (ticks thinned to ~12)."""
    labels = [month_label(m, lang) for m in months]
    step = max(1, -(-len(labels) // 12))
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=labels,
        tickvals=labels[::step],
        ticktext=labels[::step],
    )


def _stepped_scale(colours: list[str]) -> list[list[object]]:
    """A discrete colour scale for values 0..n-1 (each value one flat colour)."""
    n = len(colours)
    scale: list[list[object]] = []
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def status_heatmap(grid: pd.DataFrame, titles: dict[str, str], lang: str) -> go.Figure:
    """Demand x month, coloured by status, the score printed in each cell."""
    labels = [plain(f"{code} {titles.get(code, '')}") for code in grid.index]
    text = grid.map(lambda v: "" if pd.isna(v) else str(int(v)))
    hover = t("chart.status.hover", lang)
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype=float),
            x=[month_label(m, lang) for m in grid.columns],
            y=labels,
            zmin=-0.5,
            zmax=3.5,
            colorscale=_stepped_scale(STATUS_COLOURS),
            text=text.to_numpy(),
            texttemplate="%{text}",
            hovertemplate=hover,
            colorbar={"title": t("chart.status.scale", lang), "tickvals": [0, 1, 2, 3]},
            xgap=1,
            ygap=1,
        )
    )
    fig.update_yaxes(autorange="reversed")
    _month_axis(fig, list(grid.columns), lang)
    fig.update_xaxes(title=t("chart.month", lang))
    fig.update_layout(plot_bgcolor=NOT_ASSESSED)
    return _layout(fig, t("chart.status.title", lang), height=460)


def index_line(index: pd.Series, lang: str) -> go.Figure:
    """The overall implementation index over time, 0-100 %."""
    fig = go.Figure(
        go.Scatter(
            x=[month_label(m, lang) for m in index.index],
            y=list(index.round(1)),
            mode="lines+markers",
            line={"color": "#0072b2", "width": 3, "shape": "hv"},
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.update_yaxes(range=[0, 100], title=t("chart.index.axis", lang), ticksuffix="%")
    _month_axis(fig, [str(m) for m in index.index], lang)
    fig.update_xaxes(title=t("chart.month", lang))
    return _layout(fig, t("chart.index.title", lang), height=320)


EVIDENCE_RAMP = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]  # few to many
DIRECTIONS = ("regression", "neutral", "progress")


def evidence_by_month(
    frame: pd.DataFrame, lang: str, titles: dict[str, str] | None = None
) -> go.Figure:
    """Entries per demand (rows) and month of the events (columns) as one heat map, the
    directions of each cell's entries in its hover.

    One figure, not a panel per demand: the browser draws one plot instead of ten (it was
    the Overview's heaviest chart), and the months line up across demands, so a reader sees
    at a glance where evidence piles up. `frame` has demand, month, direction and n."""
    titles = titles or {}
    demands = sorted(frame["demand"].unique()) if not frame.empty else []
    months = sorted(frame["month"].unique()) if not frame.empty else []
    counts = (
        frame.pivot_table(index="demand", columns=["direction", "month"], values="n", aggfunc="sum")
        if not frame.empty
        else pd.DataFrame()
    )

    def grid(direction: str) -> pd.DataFrame:
        part = counts[direction] if direction in counts.columns.get_level_values(0) else None
        empty = pd.DataFrame(0, index=demands, columns=months)
        return empty if part is None else part.reindex(index=demands, columns=months).fillna(0)

    by_direction = [grid(d).astype(int).to_numpy() for d in DIRECTIONS]
    total = sum(by_direction) if demands else []
    hover = t("chart.evidence_month.hover", lang)  # customdata: the counts in DIRECTIONS' order
    fig = go.Figure(
        go.Heatmap(
            z=[list(map(int, row)) for row in total],
            x=[month_label(m, lang) for m in months],
            y=[plain(f"{code} {titles.get(code, '')}".strip()) for code in demands],
            customdata=[
                [list(map(int, cell)) for cell in zip(*rows, strict=True)]
                for rows in zip(*by_direction, strict=True)
            ],
            colorscale=[[i / (len(EVIDENCE_RAMP) - 1), c] for i, c in enumerate(EVIDENCE_RAMP)],
            zmin=0,
            hovertemplate=hover,
            colorbar={"title": t("chart.entries", lang), "thickness": 12},
            xgap=1,
            ygap=1,
        )
    )
    fig.update_yaxes(autorange="reversed")
    _month_axis(fig, [str(m) for m in months], lang)
    fig.update_xaxes(title=t("chart.month", lang))
    return _layout(fig, t("chart.evidence_month.heat_title", lang), height=140 + 32 * len(demands))


def evidence_by_region(frame: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=frame["n"],
            y=[plain(r) for r in frame["region"]],
            orientation="h",
            marker_color="#0072b2",
            text=frame["n"],
            textposition="auto",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("chart.entries", lang))
    return _layout(fig, t("chart.region.title", lang), height=340)


def evidence_by_source(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Entries per source type, stacked by source reliability A (darkest) to F (lightest)."""
    fig = go.Figure()
    ramp = ["#08306b", "#08519c", "#4292c6", "#9ecae1", "#c6dbef", "#eeeeee"]
    for grade, colour in zip("ABCDEF", ramp, strict=True):
        part = frame[frame["reliability"] == grade]
        if part.empty:  # no trace for a grade no entry has: the legend lists what is drawn
            continue
        fig.add_trace(
            go.Bar(
                y=[enum_label("source_type", s, lang) for s in part["source_type"]],
                x=part["n"],
                orientation="h",
                name=enum_label("reliability", grade, lang),
                marker_color=colour,
                marker_line={"color": "#555555", "width": 0.5},
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("chart.entries", lang))
    fig = _layout(fig, t("chart.source.title", lang), height=420)
    return fig.update_layout(legend={"orientation": "v", "x": 1.02, "y": 1})


def gap_heatmap(
    matrix: pd.DataFrame, titles: dict[str, str], lang: str, *, drafts: dict[str, str] | None = None
) -> go.Figure:
    """Drafts (rows, by date) x demands, coloured by coverage, the level's letter in each cell.

    `drafts` (code -> title, in date order) adds the drafts nobody has coded yet, as empty rows.
    """
    if matrix.empty and not drafts:
        return _layout(go.Figure(), t("chart.gaps.title", lang))
    draft_titles = dict(zip(matrix["draft"], matrix["title"], strict=False))
    draft_titles.update(drafts or {})
    rows = list(drafts) if drafts else list(dict.fromkeys(matrix["draft"]))
    demands = list(titles) if titles else list(dict.fromkeys(matrix["demand"]))

    def grid(values: str) -> pd.DataFrame:
        pivot = matrix.pivot(index="draft", columns="demand", values=values)
        return pivot.reindex(index=rows, columns=demands)

    level, points, uncertain = grid("level"), grid("points"), grid("uncertain")
    legal = grid("legal_review") if "legal_review" in matrix else uncertain.map(lambda _: False)
    not_coded = t("drafts.not_coded", lang)
    z = level.map(lambda v: COVERAGE_ORDER.index(v) if isinstance(v, str) else None)
    letters = level.map(lambda v: COVERAGE_LETTERS.get(v, "") if isinstance(v, str) else "")
    letters = letters + uncertain.map(lambda u: UNCERTAIN_MARK if u is True else "")
    letters = letters + legal.map(lambda u: LEGAL_MARK if u is True else "")
    confidence = dict(zip(matrix["draft"], matrix.get("confidence", matrix["draft"]), strict=False))
    hover_texts = [
        [
            f"{plain(draft_titles[d])} × {plain(c)} {plain(titles.get(c, ''))}<br>"
            f"{_level_text(level.loc[d, c], lang, not_coded)}<br>"
            f"{t('chart.gaps.points', lang)}: {plain(_text_or_dash(points.loc[d, c]))}"
            for c in demands
        ]
        for d in rows
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(dtype=float),
            x=[plain(c) for c in demands],
            y=[row_label(draft_titles[d], confidence.get(d), lang) for d in rows],
            zmin=-0.5,
            zmax=len(COVERAGE_ORDER) - 0.5,
            colorscale=_stepped_scale([COVERAGE_COLOURS[k] for k in COVERAGE_ORDER]),
            text=letters.to_numpy(),
            texttemplate="%{text}",
            customdata=hover_texts,
            hovertemplate="%{customdata}<extra></extra>",
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, t("chart.gaps.title", lang), height=110 + 55 * len(rows))


def draft_row(title: str, confidence: object, lang: str) -> str:
    """A draft's row in a gap matrix, as text: its title and how well its text is known (a
    leak, a readout, a summary). Both matrices name their rows so (plotly's through `plain`)."""
    if not isinstance(confidence, str) or not confidence:
        return title
    return f"{title} ({t('chart.gaps.confidence', lang)}: {confidence_label(confidence, lang)})"


def row_label(title: str, confidence: object, lang: str) -> str:
    """`draft_row` made safe for plotly, which reads a label as HTML."""
    return plain(draft_row(title, confidence, lang))


def gap_legend(lang: str) -> str:
    """What every mark of the gap matrix means, in one line (drafts page and Overview)."""
    marks = [f"{COVERAGE_LETTERS[k]} {enum_label('coverage', k, lang)}" for k in COVERAGE_ORDER]
    marks += [
        f"{UNCERTAIN_MARK} {t('chart.gaps.uncertain', lang)}",
        f"{LEGAL_MARK} {t('chart.gaps.legal_review', lang)}",
    ]
    return " · ".join(marks) + ". " + t("chart.gaps.legend_tail", lang)


def _level_text(value: object, lang: str, not_coded: str) -> str:
    return enum_label("coverage", value, lang) if isinstance(value, str) else not_coded


def _text_or_dash(value: object) -> str:
    return value if isinstance(value, str) and value else "—"


CHANGE_MARKS = {"improved": "↑", "worsened": "↓", "unchanged": "=", "unknown": "?"}


def strip_legend(lang: str) -> str:
    """What the change marks of the strip mean, after the gap matrix's marks."""
    changes = [f"{m} {t(f'drafts.change.{k}', lang)}" for k, m in CHANGE_MARKS.items()]
    return gap_legend(lang) + " " + " · ".join(changes)
