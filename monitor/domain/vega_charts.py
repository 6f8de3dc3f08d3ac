"""Vega-Lite specs for the charts of the Overview, the Demand and the Drafts pages (the region
map has its own module, `region_map`): the colours and words of `charts`, drawn by a far
lighter chart library than plotly, which no page loads any more.

Why: a page with a plotly chart made every new browser tab parse and run plotly's 4.7 MB
script before it was drawn, the largest part of a first load (about a second per page);
Vega-Lite's is a sixth of that, and Streamlit's own. Streamlit's toolbar downloads a chart as
PNG.

Vega draws every label, title and tooltip as text (tooltips are escaped), so values are put in
as they are, never HTML-escaped (Vega would show the entities); the expressions here are built
from our own catalogue text, each piece quoted as a JSON string, and never hold a value. The
Overview's months are named here (`charts.month_label`) and put in as labels in their order,
not as dates, so a reader's time zone never moves a cell to the month before (the Demand page's
step line keeps a day-precise date axis, its ticks named by `_month_labels`).

The heat maps send a cell as numbers only: its row's and column's positions, its counts or
codes, in the narrowest integer type that holds them (Streamlit sends a chart's `data` as Arrow,
a column of one type, and a number there costs one or two bytes where a repeated name cost
tens). Every word a cell shows (its demand's name, its month, its status or level) is looked
up from a small table sent once in the spec (`lookup`, data, never an expression), and what is
put together from those is a `calculate` of data fields and our own marks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pandas as pd

from monitor.domain.charts import (
    ACCENT,
    CHANGE_MARKS,
    COVERAGE_COLOURS,
    COVERAGE_ORDER,
    DIRECTIONS,
    EVIDENCE_RAMP,
    LEGAL_MARK,
    NOT_ASSESSED,
    RELIABILITY_COLOURS,
    STATUS_COLOURS,
    UNCERTAIN_MARK,
    coverage_letter,
    draft_row,
    month_key,
    month_label,
    strip_mark,
    vega_locale,
)
from monitor.i18n import confidence_label, enum_label, percent, t

Spec = dict[str, Any]
NOT_CODED = "not_coded"  # a cell nobody has coded: left white
DARK = {"contradicts", "explicit"}  # white letters on these
FONT = "Source Sans Pro, Arial, sans-serif"


def _config(lang: str) -> Spec:
    """Fonts and sizes, and the reader's way of writing numbers (`charts.vega_locale`)."""
    return {
        "locale": vega_locale(lang),
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 13, "titleFontSize": 13},
        "title": {"fontSize": 15, "anchor": "start"},
    }


def _numbers(values: Iterable[int | None]) -> pd.Series:
    """`values` in the narrowest unsigned integer type that holds them (None: a gap, Arrow's
    null), so that a cell's number costs its one, two or four bytes in the chart's Arrow."""
    values = list(values)
    top = max((v for v in values if v is not None), default=0)
    kind = next(
        k for k, bound in (("UInt8", 2**8), ("UInt16", 2**16), ("UInt32", 2**32)) if top < bound
    )
    return pd.Series(pd.array(values, dtype=kind))


def _table(field: str, rows: list[Spec], fields: list[str], *, default: str | None = None) -> Spec:
    """A `lookup` of `fields` for a cell's number in `field` from `rows`, row `i` for number
    `i`, sent once in the spec (not with every cell): the words of a cell's number. `default`
    where a cell has no number (or one with no row)."""
    keyed = [{"i": i, **row} for i, row in enumerate(rows)]
    step: Spec = {
        "lookup": field,
        "from": {"data": {"values": keyed}, "key": "i", "fields": fields},
    }
    if default is not None:
        step["default"] = default
    return step


def _in_order(field: str) -> Spec:
    """An axis's names in the order of the cells' numbers in `field` (`DEMAND_NO`, `MONTH_NO`),
    not listed again in the spec."""
    return {"field": field, "op": "min"}


def _month_labels(lang: str) -> str:
    """A label expression naming a date's month in `lang` ('Nov 2025', «лист. 2025»)."""
    names = json.dumps([t(f"month.{i}", lang) for i in range(1, 13)], ensure_ascii=False)
    return f"{names}[month(datum.value)] + ' ' + year(datum.value)"


def status_steps(history: pd.DataFrame, code: str, lang: str, *, today: object) -> Spec:
    """One demand's published status as a step line, held until today."""
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
                # the day as text, as the tables write it (Vega would name it in English)
                {"field": "day", "title": t("demand.assessed_on", lang)},
                {"field": "status", "title": t("demand.score", lang)},
            ],
        },
        "config": _config(lang),
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


def _heat(
    values: list[Spec] | pd.DataFrame,
    x: Spec,
    y: Spec,
    tooltip: list[Spec],
    title: str,
    *,
    lang: str,
    colour: Spec | None = None,
) -> Spec:
    """Cells coloured by `colour` (by default the coverage level) with each value's `mark`
    printed in it, white on the dark colours (`dark`)."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "data": {"values": values},
        "encoding": {"x": x, "y": y},
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                "encoding": {"color": colour or _cell_colour(), "tooltip": tooltip},
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
        "config": _config(lang),
    }


DRAFT_NO, LEVEL_NO = "draft_no", "level_no"  # a draft cell's draft and level, as numbers
LEVELS = [*COVERAGE_ORDER, NOT_CODED]
CHANGES = [None, *CHANGE_MARKS]  # a strip cell's change from the draft before, by number


def _levels(lang: str, words: str = "words") -> Spec:
    """A lookup giving a draft cell's level (its number in `LEVELS`) its key (the colour's
    domain), whether its letters are white, and its words (as `words`)."""
    rows = [
        {
            "level": level,
            "dark": level in DARK,
            words: enum_label("coverage", level, lang)
            if level != NOT_CODED
            else t("drafts.not_coded", lang),
        }
        for level in LEVELS
    ]
    return _table(LEVEL_NO, rows, ["level", "dark", words])


def draft_strip(strip: pd.DataFrame, titles: dict[str, str], lang: str) -> Spec:
    """Each demand across every draft: demands as rows, drafts in date
    order as columns, the level's letter and the change from the draft before in each cell; the
    tooltip names the draft, the confidence of its text, the level, the points and the change.

    A cell carries its draft's, demand's, level's and change's numbers, its doubt, its marks
    and its points (the only text of its own); the rest is looked up from tables sent once
    (as `gap_matrix`)."""
    drafts = list(dict.fromkeys(strip["draft"]))
    demands = list(dict.fromkeys(strip["demand"]))
    first = strip.drop_duplicates("draft").set_index("draft")
    numbers: dict[str, list[int]] = {DRAFT_NO: [], DEMAND_NO: [], LEVEL_NO: [], "change_no": []}
    doubts, marks, points = [], [], []
    for r in strip.itertuples():
        level = r.level if isinstance(r.level, str) else None
        mark = coverage_letter(level, lang) + (UNCERTAIN_MARK if r.uncertain else "")
        step = r.change if isinstance(r.change, str) else None
        cited = r.cited if isinstance(r.cited, str) and r.cited else r.points
        numbers[DRAFT_NO].append(drafts.index(r.draft))
        numbers[DEMAND_NO].append(demands.index(r.demand))
        numbers[LEVEL_NO].append(LEVELS.index(level or NOT_CODED))
        numbers["change_no"].append(CHANGES.index(step))
        doubts.append(bool(r.uncertain))
        marks.append(strip_mark(mark, step))
        points.append(cited if isinstance(cited, str) and cited else "—")
    values = pd.DataFrame(
        {
            **{k: _numbers(v) for k, v in numbers.items()},
            "uncertain": doubts,
            "mark": marks,
            "points": points,
        }
    )
    draft_names = _table(
        DRAFT_NO,
        [
            {
                "draft": str(first.loc[d, "title"]),
                "when": f"{first.loc[d, 'title']} ({first.loc[d, 'published_on']})",
                "confidence": confidence_label(first.loc[d, "confidence"], lang),
            }
            for d in drafts
        ],
        ["draft", "when", "confidence"],
    )
    demand_names = _table(
        DEMAND_NO,
        [{"demand": str(c), "what": f"{c} {titles.get(c, '')}"} for c in demands],
        ["demand", "what"],
    )
    changes = _table(
        "change_no",
        [{"change": t(f"drafts.change.{k}", lang) if k else "—"} for k in CHANGES],
        ["change"],
    )
    doubt = json.dumps(f" ({t('chart.gaps.uncertain', lang)})", ensure_ascii=False)
    words = {"calculate": f"datum.level_words + (datum.uncertain ? {doubt} : '')", "as": "words"}
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
        "sort": [str(first.loc[d, "title"]) for d in drafts],
        "title": None,
        # angled: five drafts' titles side by side would run into each other level
        "axis": {
            "labelAngle": -25,
            "labelAlign": "right",
            "labelLimit": 340,  # «Контрпропозиція Е3 (Велика Британія, Франція, …)»
            "labelOverlap": False,
        },
    }
    y = {"field": "demand", "type": "nominal", "sort": demands, "title": None}
    spec = _heat(values, x, y, tooltip, t("chart.strip.title", lang), lang=lang)
    spec["transform"] = [draft_names, demand_names, _levels(lang, "level_words"), changes, words]
    spec["height"] = {"step": 40}
    return spec


CELL = "cell"  # the gap matrix's selection: a clicked cell's draft and demand codes


def gap_matrix(
    matrix: pd.DataFrame,
    titles: dict[str, str],
    lang: str,
    *,
    drafts: dict[str, str],
    select: bool = True,
) -> Spec:
    """Drafts (rows, by date) x demands, coloured by coverage with the level's letter and its
    doubt and legal marks; with `select`, a click selects the cell (`CELL`: its draft and
    demand codes; the Drafts page shows it below, the Overview has nowhere to). The drafts
    nobody has coded yet are empty rows.

    A cell carries its draft's, demand's and level's numbers, its marks and its points (the
    only text of its own); the row's name, the draft's and demand's titles and codes and the
    level's words are looked up, sent once each, and the tooltip's draft x demand line is put
    together from them in the browser."""
    draft_titles = dict(zip(matrix["draft"], matrix["title"], strict=False))
    draft_titles.update(drafts)
    confidence = dict(zip(matrix["draft"], matrix["confidence"], strict=False))
    cells = {(r.draft, r.demand): r for r in matrix.itertuples()}
    demands = list(titles) if titles else list(dict.fromkeys(matrix["demand"]))
    rows = [draft_row(str(draft_titles[d]), confidence.get(d), lang) for d in drafts]
    numbers: dict[str, list[int]] = {DRAFT_NO: [], DEMAND_NO: [], LEVEL_NO: []}
    marks, points = [], []
    for i, d in enumerate(drafts):
        for j, c in enumerate(demands):
            cell = cells.get((d, c))
            level = cell.level if cell is not None and isinstance(cell.level, str) else None
            mark = coverage_letter(level, lang)
            mark += UNCERTAIN_MARK if cell is not None and cell.uncertain is True else ""
            legal = cell is not None and getattr(cell, "legal_review", False) is True
            mark += LEGAL_MARK if legal else ""
            said = cell.points if cell is not None and isinstance(cell.points, str) else ""
            numbers[DRAFT_NO].append(i)
            numbers[DEMAND_NO].append(j)
            numbers[LEVEL_NO].append(LEVELS.index(level or NOT_CODED))
            marks.append(mark)
            points.append(said or "—")
    values = pd.DataFrame(
        {**{k: _numbers(v) for k, v in numbers.items()}, "mark": marks, "points": points}
    )
    draft_names = _table(
        DRAFT_NO,
        [
            {"draft_code": d, "row": row, "title": str(draft_titles[d])}
            for d, row in zip(drafts, rows, strict=True)
        ],
        ["draft_code", "row", "title"],
    )
    what = {"calculate": "datum.title + ' × ' + datum.name", "as": "what"}
    tooltip = [
        {"field": "what", "title": t("drafts.draft", lang)},
        {"field": "words", "title": t("drafts.level", lang)},
        {"field": "points", "title": t("chart.gaps.points", lang)},
    ]
    # every demand's code over its column (Vega-Lite would drop every other one when tight)
    axis_top: Spec = {"labelAngle": 0, "orient": "top", "labelOverlap": False}
    x: Spec = {
        "field": "demand",
        "type": "nominal",
        "sort": demands,
        "title": None,
        "axis": axis_top,
    }
    y: Spec = {"field": "row", "type": "nominal", "sort": list(dict.fromkeys(rows)), "title": None}
    y["axis"] = {"labelLimit": 600}  # the confidence at the end of a long title kept
    spec = _heat(values, x, y, tooltip, t("chart.gaps.title", lang), lang=lang)
    spec["transform"] = [draft_names, _names(demands, titles), _levels(lang), what]
    if select:
        spec["layer"][0]["params"] = [
            {"name": CELL, "select": {"type": "point", "fields": ["draft_code", "demand"]}}
        ]
    spec["height"] = {"step": 48}
    return spec


# -- the Overview ---------------------------------------------------------------------------------


DEMAND_NO, MONTH_NO = "demand_no", "month_no"  # a cell's row and column, as numbers


def _names(codes: list[str], titles: dict[str, str]) -> Spec:
    """A lookup giving each cell's demand (its position in `codes`, `DEMAND_NO`) its code and
    row name ("D01 Release of ..."), so a long title is sent once, not once per month (a status
    grid of four years has 48 cells a row)."""
    rows = [{"demand": code, "name": f"{code} {titles.get(code, '')}".strip()} for code in codes]
    return _table(DEMAND_NO, rows, ["demand", "name"])


def _month_names(labels: list[str]) -> Spec:
    """A lookup giving each cell's month (its position on the axis, `MONTH_NO`) its name."""
    return _table(MONTH_NO, [{"month": label} for label in labels], ["month"])


def every_month(months: Iterable[object]) -> tuple[str, ...]:
    """Every month from the first to the last of `months` ('2025-11' or days), in order."""
    keys = sorted({month_key(m) for m in months})
    if not keys:
        return ()
    return tuple(str(p) for p in pd.period_range(keys[0], keys[-1], freq="M"))


def _month_axis(months: list[object], lang: str, *, numbered: bool = False) -> Spec:
    """A band axis of `months` in order, named in `lang`: January named each year (or every
    half, quarter or month when fewer months are shown), at most about eight names, so they
    never run into each other and fall on the same months of every year. `numbered`: in the
    order of the cells' `MONTH_NO` (a heat map's), not of a list of every name."""
    labels = [month_label(m, lang) for m in months]
    numbers = [int(month_key(m)[5:]) for m in months]  # '2025-11' or a date: its month, 11
    every = next((k for k in (1, 2, 3, 6) if len(months) <= 8 * k), 12)
    named = [label for label, n in zip(labels, numbers, strict=True) if (n - 1) % every == 0]
    return {
        "field": "month",
        "type": "nominal",
        "sort": _in_order(MONTH_NO) if numbered else labels,
        "title": t("chart.month", lang),
        "axis": {
            "values": named or labels[:1],
            "labelAngle": 0,
            "labelOverlap": True,
            "labelFlush": False,  # each name centred under its month, the first too
        },
    }


def _rows() -> Spec:
    """Demands as rows in the order of their `DEMAND_NO` (`_names`), titles up to 360 px (the
    tooltip has all of it)."""
    return {
        "field": "name",
        "type": "nominal",
        "sort": _in_order(DEMAND_NO),
        "title": None,
        "axis": {"labelLimit": 360},
    }


def status_heatmap(grid: pd.DataFrame, titles: dict[str, str], lang: str) -> Spec:
    """Demand x month, each cell the status in force at the month's end: one hue light to dark
    for 0..3 (grey before any assessment) with the score printed in it; the tooltip names the
    demand, the month and the status in words. `grid` is `status.monthly_status`.

    A cell carries its demand's and month's positions and its score (none before any
    assessment), a byte each; the demand's name, the month's and the status's words are
    looked up (`_names`, `_month_names`, the `words` table), sent once each."""
    months = [month_label(m, lang) for m in grid.columns]
    scores = grid.to_numpy()
    values = pd.DataFrame(
        {
            DEMAND_NO: _numbers(i for i in range(len(grid.index)) for _ in months),
            MONTH_NO: _numbers(j for _ in grid.index for j in range(len(months))),
            "score": _numbers(None if pd.isna(v) else int(v) for v in scores.ravel()),
        }
    )
    words = [t(f"status.{i}", lang) for i in range(len(STATUS_COLOURS))]
    none = t("status.none", lang)
    names = _names([str(code) for code in grid.index], titles)
    table = [{"score": i, "status": w} for i, w in enumerate(words)]
    lookup_words = _table("score", table, ["status"], default=none)  # no score: not assessed
    printed = {"calculate": "isValid(datum.score) ? toString(datum.score) : ''", "as": "mark"}
    dark = {"calculate": "datum.score >= 2", "as": "dark"}  # white on the two darker browns
    colour: Spec = {
        "field": "status",
        "type": "nominal",
        "scale": {"domain": [*words, none], "range": [*STATUS_COLOURS, NOT_ASSESSED]},
        "legend": {"title": t("chart.status.scale", lang), "orient": "bottom"},
    }
    tooltip = [
        {"field": "name", "title": t("col.title", lang)},
        {"field": "month", "title": t("chart.month", lang)},
        {"field": "status", "title": t("chart.status.scale", lang)},
    ]
    spec = _heat(
        values,
        _month_axis(list(grid.columns), lang, numbered=True),
        _rows(),
        tooltip,
        t("chart.status.title", lang),
        lang=lang,
        colour=colour,
    )
    spec["transform"] = [names, _month_names(months), lookup_words, printed, dark]
    spec["layer"][0]["mark"]["strokeWidth"] = 1
    spec["height"] = {"step": 30}
    return spec


def index_line(index: pd.Series, lang: str) -> Spec:
    """The overall implementation index by month as a step line, 0-100 % (`index` is
    `status.implementation_index`)."""
    months = [month_label(m, lang) for m in index.index]
    values = [
        {"month": month, "share": round(float(v), 1), "text": percent(v / 100, lang, decimals=1)}
        for month, v in zip(months, index, strict=True)
    ]
    x = _month_axis(list(index.index), lang)
    x["type"] = "ordinal"  # a point on each month, the line stepping between them
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": t("chart.index.title", lang),
        # the plot 200 px high whatever its titles take (fitted, a long axis title squeezed it)
        "height": 200,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values},
        "mark": {
            "type": "line",
            "interpolate": "step-after",
            "color": ACCENT,
            "strokeWidth": 3,
            "point": {"color": ACCENT, "size": 50},
        },
        "encoding": {
            "x": x,
            "y": {
                "field": "share",
                "type": "quantitative",
                "title": t("chart.index.axis", lang),
                "scale": {"domain": [0, 100]},
                "axis": {"labelExpr": "datum.value + '%'"},
            },
            "tooltip": [
                {"field": "month", "title": t("chart.month", lang)},
                {"field": "text", "title": t("chart.index.axis", lang)},
            ],
        },
        "config": _config(lang),
    }


def evidence_by_month(frame: pd.DataFrame, lang: str, titles: dict[str, str] | None = None) -> Spec:
    """Entries per demand (rows) and month of the events (columns) as one heat map, few to many
    light to dark; the tooltip gives each cell's entries by direction (regression, neutral,
    progress). One chart, not a panel per demand: the months line up across demands, so a
    reader sees at a glance where evidence piles up. `frame` has demand, month, direction, n;
    every demand in it and every month from its first to its last gets a cell, 0 where nothing
    was logged (a month with none still takes its column: the axis reads as time). A cell
    carries its demand's and month's positions and the three counts, as numbers; the total is
    added up in the browser and the names looked up (`_names`, `_month_names`), so none of
    them is sent for every cell."""
    titles = titles or {}
    keyed = frame.assign(month=[month_key(m) for m in frame["month"]])
    counts = keyed.groupby(["demand", "month", "direction"])["n"].sum().to_dict()
    demands = [str(code) for code in sorted(frame["demand"].unique())]
    months: list[object] = list(every_month(keyed["month"]))
    labels = [month_label(m, lang) for m in months]
    cells = [
        (i, j, code, month) for i, code in enumerate(demands) for j, month in enumerate(months)
    ]
    values = pd.DataFrame(
        {
            DEMAND_NO: _numbers(i for i, _, _, _ in cells),
            MONTH_NO: _numbers(j for _, j, _, _ in cells),
            **{
                d: _numbers(int(counts.get((code, month, d), 0)) for _, _, code, month in cells)
                for d in DIRECTIONS
            },
        }
    )
    names = _names(demands, titles)
    total = {"calculate": " + ".join(f"datum.{d}" for d in DIRECTIONS), "as": "n"}
    colour: Spec = {
        "field": "n",
        "type": "quantitative",
        "scale": {"range": EVIDENCE_RAMP, "domainMin": 0},
        "legend": {"title": t("chart.entries", lang)},
    }
    tooltip = [
        {"field": "name", "title": t("col.title", lang)},
        {"field": "month", "title": t("chart.month", lang)},
        {"field": "n", "title": t("chart.entries", lang)},
        *({"field": d, "title": enum_label("direction", d, lang)} for d in DIRECTIONS),
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": t("chart.evidence_month.heat_title", lang),
        "height": {"step": 30},
        "data": {"values": values},
        "transform": [names, _month_names(labels), total],
        "mark": {"type": "rect", "stroke": "white", "strokeWidth": 1},
        "encoding": {
            "x": _month_axis(months, lang, numbered=True),
            "y": _rows(),
            "color": colour,
            "tooltip": tooltip,
        },
        "config": _config(lang),
    }


def evidence_by_region(frame: pd.DataFrame, lang: str) -> Spec:
    """Entries per region as bars, in the regions' own order (`frame`: region, n), each bar's
    count printed beside it."""
    values = [
        {"region": str(r), "n": int(n)} for r, n in zip(frame["region"], frame["n"], strict=True)
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": t("chart.region.title", lang),
        "height": {"step": 24},
        "data": {"values": values},
        "encoding": {
            "y": {
                "field": "region",
                "type": "nominal",
                "sort": [v["region"] for v in values],
                "title": None,
                # «Запорізька область (окуповані частини)» whole
                "axis": {"labelLimit": 320},
            },
            "x": {"field": "n", "type": "quantitative", "title": t("chart.entries", lang)},
            "tooltip": [
                {"field": "region", "title": t("field.region", lang)},
                {"field": "n", "title": t("chart.entries", lang)},
            ],
        },
        "layer": [
            {"mark": {"type": "bar", "color": ACCENT}},
            {
                "mark": {"type": "text", "align": "left", "dx": 3},
                "encoding": {"text": {"field": "n"}},
            },
        ],
        "config": _config(lang),
    }


def evidence_by_source(frame: pd.DataFrame, lang: str) -> Spec:
    """Entries per source type (most first), stacked by source reliability A (darkest) to F
    (lightest); the legend lists only the grades some entry has. `frame`: source_type,
    reliability, n."""
    shown = frame[frame["reliability"].isin(list(RELIABILITY_COLOURS))]
    grades = [g for g in RELIABILITY_COLOURS if g in set(shown["reliability"])]
    values = []
    totals: dict[str, int] = {}
    for s, g, n in zip(shown["source_type"], shown["reliability"], shown["n"], strict=True):
        source = enum_label("source_type", s, lang)
        values.append(
            {
                "source": source,
                "grade": enum_label("reliability", g, lang),
                "order": grades.index(g),
                "n": int(n),
            }
        )
        totals[source] = totals.get(source, 0) + int(n)
    sources = sorted(totals, key=lambda s: (-totals[s], s))
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": t("chart.source.title", lang),
        "height": {"step": 32},
        "data": {"values": values},
        "mark": {"type": "bar", "stroke": "#555555", "strokeWidth": 0.5},
        "encoding": {
            "y": {
                "field": "source",
                "type": "nominal",
                "sort": sources,
                "title": None,
                "axis": {"labelLimit": 240},
            },
            "x": {
                "field": "n",
                "type": "quantitative",
                "stack": "zero",
                "title": t("chart.entries", lang),
            },
            "color": {
                "field": "grade",
                "type": "nominal",
                "scale": {
                    "domain": [enum_label("reliability", g, lang) for g in grades],
                    "range": [RELIABILITY_COLOURS[g] for g in grades],
                },
                "legend": {
                    "title": t("field.reliability", lang),
                    "labelLimit": 320,
                    "titleLimit": 420,
                },
            },
            "order": {"field": "order", "type": "quantitative"},
            "tooltip": [
                {"field": "source", "title": t("field.source_type", lang)},
                {"field": "grade", "title": t("field.reliability", lang)},
                {"field": "n", "title": t("chart.entries", lang)},
            ],
        },
        "config": _config(lang),
    }
