"""Vega-Lite specs for the Demand and Drafts pages: the same data, colours and words as their
plotly figures in `charts`, drawn by a far lighter chart library.

Why: a page with a plotly chart makes every new browser tab parse and run plotly's 4.7 MB
script before it is drawn, the largest part of those pages' first load; Vega-Lite's is a
sixth of that. The Overview keeps its plotly figures (`charts`).

Vega draws every label, title and tooltip as text (tooltips are escaped), so values are put in
as they are, never through `charts.plain` (whose entities Vega would show); the one expression
here is built from our own catalogue text, each piece quoted as a JSON string.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from monitor.domain.charts import (
    CHANGE_MARKS,
    COVERAGE_COLOURS,
    COVERAGE_LETTERS,
    COVERAGE_ORDER,
    LEGAL_MARK,
    UNCERTAIN_MARK,
    draft_row,
)
from monitor.i18n import confidence_label, enum_label, t

Spec = dict[str, Any]
NOT_CODED = "not_coded"  # a cell nobody has coded: left white, as plotly leaves it
DARK = {"contradicts", "explicit"}  # white letters on these
FONT = "Source Sans Pro, Arial, sans-serif"


def _config() -> Spec:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 13, "titleFontSize": 13},
        "title": {"fontSize": 15, "anchor": "start"},
    }


def _month_labels(lang: str) -> str:
    """A label expression naming a date's month in `lang` ('Nov 2025', «лист. 2025»)."""
    names = json.dumps([t(f"month.{i}", lang) for i in range(1, 13)], ensure_ascii=False)
    return f"{names}[month(datum.value)] + ' ' + year(datum.value)"


def status_steps(history: pd.DataFrame, code: str, lang: str, *, today: object) -> Spec:
    """One demand's published status as a step line, held until today (`charts.status_steps`)."""
    part = history[history["demand"] == code]
    days = [*part["assessed_on"], today] if not part.empty else []
    scores = [*part["score"], part["score"].iloc[-1]] if not part.empty else []
    labels = [t(f"status.{i}", lang) for i in range(4)]
    values = [
        {"day": pd.Timestamp(d).strftime("%Y-%m-%d"), "score": int(s), "status": labels[int(s)]}
        for d, s in zip(days, scores, strict=True)
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": t("demand.history_chart", lang, code=code),
        "height": 220,
        "data": {"values": values},
        "mark": {
            "type": "line",
            "interpolate": "step-after",
            "color": "#b05a00",
            "strokeWidth": 3,
            "point": {"color": "#b05a00", "size": 50},
        },
        "encoding": {
            "x": {
                "field": "day",
                "type": "temporal",
                "title": None,
                "axis": {"labelExpr": _month_labels(lang), "tickCount": 12, "grid": False},
            },
            "y": {
                "field": "score",
                "type": "quantitative",
                "title": None,
                "scale": {"domain": [-0.2, 3.2], "nice": False},
                "axis": {"values": [0, 1, 2, 3], "labelExpr": _status_labels(labels)},
            },
            "tooltip": [
                {"field": "day", "type": "temporal", "title": t("demand.assessed_on", lang)},
                {"field": "status", "title": t("demand.score", lang)},
            ],
        },
        "config": _config(),
    }


def _status_labels(labels: list[str]) -> str:
    return f"{json.dumps(labels, ensure_ascii=False)}[datum.value]"


def _cell_colour() -> Spec:
    domain = [*COVERAGE_ORDER, NOT_CODED]
    return {
        "field": "level",
        "type": "nominal",
        "legend": None,
        "scale": {
            "domain": domain,
            "range": [*(COVERAGE_COLOURS[k] for k in COVERAGE_ORDER), "#ffffff"],
        },
    }


def _heat(values: list[Spec], x: Spec, y: Spec, tooltip: list[Spec], title: str) -> Spec:
    """Cells coloured by level with the letter (and marks) printed in each, as `charts` draws."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "data": {"values": values},
        "encoding": {"x": x, "y": y},
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                "encoding": {"color": _cell_colour(), "tooltip": tooltip},
            },
            {
                "mark": {"type": "text", "fontSize": 13},
                "encoding": {
                    "text": {"field": "mark"},
                    "color": {
                        "condition": {"test": "datum.dark", "value": "white"},
                        "value": "black",
                    },
                    "tooltip": tooltip,
                },
            },
        ],
        "config": _config(),
    }


def draft_strip(strip: pd.DataFrame, titles: dict[str, str], lang: str) -> Spec:
    """Each demand across every draft (`charts.draft_strip`): demands as rows, drafts in date
    order as columns, the level's letter and the change from the draft before in each cell; the
    tooltip names the draft, the confidence of its text, the level, the points and the change."""
    drafts = list(dict.fromkeys(strip["draft"]))
    demands = list(dict.fromkeys(strip["demand"]))
    draft_titles = dict(zip(strip["draft"], strip["title"], strict=False))
    values = []
    for r in strip.itertuples():
        level = r.level if isinstance(r.level, str) else None
        mark = COVERAGE_LETTERS.get(level or "", "") + (UNCERTAIN_MARK if r.uncertain else "")
        step = r.change if isinstance(r.change, str) else None
        cited = r.cited if isinstance(r.cited, str) and r.cited else r.points
        words = enum_label("coverage", level, lang) if level else t("drafts.not_coded", lang)
        if r.uncertain:
            words += f" ({t('chart.gaps.uncertain', lang)})"
        values.append(
            {
                "draft": str(draft_titles[r.draft]),
                "demand": str(r.demand),
                "level": level or NOT_CODED,
                "dark": level in DARK,
                "mark": f"{mark} {CHANGE_MARKS[step]}" if step else mark,
                "when": f"{r.title} ({r.published_on})",
                "what": f"{r.demand} {titles.get(r.demand, '')}",
                "confidence": confidence_label(r.confidence, lang),
                "words": words,
                "points": cited if isinstance(cited, str) and cited else "—",
                "change": t(f"drafts.change.{step}", lang) if step else "—",
            }
        )
    tooltip = [
        {"field": "when", "title": t("drafts.draft", lang)},
        {"field": "what", "title": t("col.title", lang)},
        {"field": "confidence", "title": t("chart.gaps.confidence", lang)},
        {"field": "words", "title": t("drafts.level", lang)},
        {"field": "points", "title": t("chart.gaps.points", lang)},
        {"field": "change", "title": t("chart.strip.change", lang)},
    ]
    x = {
        "field": "draft",
        "type": "nominal",
        "sort": [str(draft_titles[d]) for d in drafts],
        "title": None,
        # angled: five drafts' titles side by side would run into each other level
        "axis": {
            "labelAngle": -25,
            "labelAlign": "right",
            "labelLimit": 220,
            "labelOverlap": False,
        },
    }
    y = {"field": "demand", "type": "nominal", "sort": demands, "title": None}
    spec = _heat(values, x, y, tooltip, t("chart.strip.title", lang))
    spec["height"] = {"step": 40}
    return spec


CELL = "cell"  # the gap matrix's selection: a clicked cell's draft and demand codes


def gap_matrix(
    matrix: pd.DataFrame, titles: dict[str, str], lang: str, *, drafts: dict[str, str]
) -> Spec:
    """Drafts (rows, by date) x demands, coloured by coverage with the level's letter and its
    doubt and legal marks (`charts.gap_heatmap`); a click selects the cell (`CELL`: its draft
    and demand codes). The drafts nobody has coded yet are empty rows."""
    draft_titles = dict(zip(matrix["draft"], matrix["title"], strict=False))
    draft_titles.update(drafts)
    confidence = dict(zip(matrix["draft"], matrix["confidence"], strict=False))
    cells = {(r.draft, r.demand): r for r in matrix.itertuples()}
    demands = list(titles) if titles else list(dict.fromkeys(matrix["demand"]))
    values = []
    for d in drafts:
        row = draft_row(str(draft_titles[d]), confidence.get(d), lang)
        for c in demands:
            cell = cells.get((d, c))
            level = cell.level if cell is not None and isinstance(cell.level, str) else None
            mark = COVERAGE_LETTERS.get(level or "", "")
            mark += UNCERTAIN_MARK if cell is not None and cell.uncertain is True else ""
            legal = cell is not None and getattr(cell, "legal_review", False) is True
            mark += LEGAL_MARK if legal else ""
            points = cell.points if cell is not None and isinstance(cell.points, str) else ""
            values.append(
                {
                    "draft_code": d,
                    "demand": c,
                    "row": row,
                    "level": level or NOT_CODED,
                    "dark": level in DARK,
                    "mark": mark,
                    "what": f"{draft_titles[d]} × {c} {titles.get(c, '')}",
                    "words": enum_label("coverage", level, lang)
                    if level
                    else t("drafts.not_coded", lang),
                    "points": points or "—",
                }
            )
    tooltip = [
        {"field": "what", "title": t("drafts.draft", lang)},
        {"field": "words", "title": t("drafts.level", lang)},
        {"field": "points", "title": t("chart.gaps.points", lang)},
    ]
    rows = list(dict.fromkeys(v["row"] for v in values))
    # every demand's code over its column (Vega-Lite would drop every other one when tight)
    axis_top: Spec = {"labelAngle": 0, "orient": "top", "labelOverlap": False}
    x: Spec = {
        "field": "demand",
        "type": "nominal",
        "sort": demands,
        "title": None,
        "axis": axis_top,
    }
    y: Spec = {"field": "row", "type": "nominal", "sort": rows, "title": None}
    y["axis"] = {"labelLimit": 420}  # the rest of a long draft title is in the tooltip
    spec = _heat(values, x, y, tooltip, t("chart.gaps.title", lang))
    spec["layer"][0]["params"] = [
        {"name": CELL, "select": {"type": "point", "fields": ["draft_code", "demand"]}}
    ]
    spec["height"] = {"step": 48}
    return spec
