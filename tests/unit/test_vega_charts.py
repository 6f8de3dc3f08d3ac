"""The Vega-Lite charts (Overview, Demand and Drafts pages) hold what their plotly figures held,
in both languages, and people's text as it is (Vega draws it as text: no entities, nothing
read as markup)."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from monitor.domain import across_drafts, charts, vega_charts
from monitor.domain.charts import month_label
from monitor.i18n import confidence_label, enum_label, t
from tests.vega_cells import looked_up, order

EVIL = "<img src=x onerror=alert(1)> & <b>bold</b>"


def _history() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "demand": ["D01", "D01", "D02"],
            "assessed_on": [date(2025, 1, 10), date(2025, 6, 1), date(2025, 3, 1)],
            "score": [0, 2, 3],
            "id": [1, 2, 3],
        }
    )


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_status_steps_holds_the_demands_scores_until_today(lang: str) -> None:
    spec = vega_charts.status_steps(_history(), "D01", lang, today=date(2025, 12, 1))
    values = spec["data"]["values"]
    assert [(v["day"], v["score"]) for v in values] == [
        ("2025-01-10", 0),
        ("2025-06-01", 2),
        ("2025-12-01", 2),  # held until today
    ]
    assert spec["title"] == t("demand.history_chart", lang, code="D01")
    assert values[1]["status"] == t("status.2", lang)
    axis = spec["encoding"]["x"]["axis"]["labelExpr"]
    assert t("month.11", lang) in axis  # months named in the reader's language
    assert spec["mark"]["interpolate"] == "step-after"


def test_status_steps_of_a_demand_never_assessed_is_empty() -> None:
    spec = vega_charts.status_steps(_history(), "D09", "en", today=date(2025, 12, 1))
    assert spec["data"]["values"] == []


def _strip() -> pd.DataFrame:
    drafts = pd.DataFrame(
        {
            "code": ["A", "B"],
            "title": [EVIL, "Later plan"],
            "published_on": [date(2025, 11, 1), date(2025, 12, 1)],
            "confidence": ["high", "low"],
            "supersedes": [None, None],
        }
    )
    coverage = pd.DataFrame(
        {
            "draft": ["A", "B"],
            "demand": ["D01", "D01"],
            "level": ["absent", "partial"],
            "points": ["3", "4"],
            "uncertain": [False, False],
        }
    )
    return across_drafts.strip(drafts, coverage, ["D01", "D02"], None)


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_strip_cells_hold_the_level_change_and_people_text_as_it_is(lang: str) -> None:
    strip = _strip()
    spec = vega_charts.draft_strip(strip[strip["demand"] == "D01"], {"D01": EVIL}, lang)
    cells = {v["draft"]: v for v in looked_up(spec)}
    assert set(cells) == {EVIL, "Later plan"}  # as typed, no entities
    absent, partial = {"en": ("A", "P"), "uk": ("В", "Ч")}[lang]  # initials in the language
    assert cells[EVIL]["mark"] == absent
    assert cells["Later plan"]["mark"] == f"{partial} ↑"  # better than the draft before
    assert cells["Later plan"]["level"] == "partial" and not cells["Later plan"]["dark"]
    assert cells[EVIL]["what"] == f"D01 {EVIL}"
    assert cells["Later plan"]["change"] == t("drafts.change.improved", lang)
    assert spec["title"] == t("chart.strip.title", lang)
    assert spec["encoding"]["x"]["sort"] == [EVIL, "Later plan"]  # drafts in date order
    # an uncertain level says so after its words: our own text, quoted, beside data fields
    doubt = json.dumps(f" ({t('chart.gaps.uncertain', lang)})", ensure_ascii=False)
    words = {"calculate": f"datum.level_words + (datum.uncertain ? {doubt} : '')", "as": "words"}
    assert words in spec["transform"]
    assert cells["Later plan"]["level_words"] == enum_label("coverage", "partial", lang)
    assert cells[EVIL]["confidence"] == confidence_label("high", lang)


def test_strip_cell_nobody_coded_is_white_and_blank() -> None:
    strip = _strip()
    spec = vega_charts.draft_strip(strip[strip["demand"] == "D02"], {}, "en")
    cells = looked_up(spec)
    assert {v["level"] for v in cells} == {vega_charts.NOT_CODED}
    assert {v["mark"].strip() for v in cells} <= {"", "="}  # no letter
    assert {v["level_words"] for v in cells} == {t("drafts.not_coded", "en")}


def test_gap_matrix_rows_marks_and_the_cell_a_click_selects() -> None:
    matrix = pd.DataFrame(
        {
            "draft": ["A"],
            "title": [EVIL],
            "published_on": [date(2025, 11, 1)],
            "confidence": ["low"],
            "demand": ["D01"],
            "level": ["partial"],
            "points": ["3"],
            "note": [""],
            "uncertain": [True],
            "legal_review": [True],
            "legal_note": [""],
        }
    )
    drafts = {"A": EVIL, "B": "Nobody coded it"}
    spec = vega_charts.gap_matrix(matrix, {"D01": "One", "D02": "Two"}, "en", drafts=drafts)
    rows = spec["encoding"]["y"]["sort"]
    assert rows == [f"{EVIL} (confidence: low)", "Nobody coded it"]  # by date, text as it is
    cells = {(v["draft_code"], v["demand"]): v for v in looked_up(spec)}
    assert len(cells) == 4  # every draft x demand, coded or not
    assert cells[("A", "D01")]["mark"] == "P?§"
    assert cells[("A", "D01")]["words"] == enum_label("coverage", "partial", "en")
    assert cells[("A", "D01")]["title"] == EVIL and cells[("A", "D01")]["name"] == "D01 One"
    assert cells[("B", "D02")]["level"] == vega_charts.NOT_CODED
    assert cells[("B", "D02")]["words"] == t("drafts.not_coded", "en")
    assert cells[("B", "D02")]["points"] == "—"
    # the tooltip's draft x demand line is put together from the two looked-up titles
    assert {"calculate": "datum.title + ' × ' + datum.name", "as": "what"} in spec["transform"]
    sent = spec["data"]["values"]
    assert list(sent.columns) == ["draft_no", "demand_no", "level_no", "mark", "points"]
    params = spec["layer"][0]["params"]
    assert params == [
        {"name": vega_charts.CELL, "select": {"type": "point", "fields": ["draft_code", "demand"]}}
    ]


# -- the Overview ---------------------------------------------------------------------------------

HOSTILE = ["<b>x</b>", "**x**", EVIL]


def _grid(titles: dict[str, str] | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    grid = pd.DataFrame(
        {"2025-10": [None, 1.0], "2025-11": [0.0, 3.0]}, index=["D02", "D01"], dtype="float64"
    )
    return grid, titles or {"D01": "One", "D02": "Two"}


@pytest.mark.parametrize(
    ("lang", "months"), [("en", ["Oct 2025", "Nov 2025"]), ("uk", ["жовт. 2025", "лист. 2025"])]
)
def test_status_heatmap_cells_hold_each_demands_status_by_month(
    lang: str, months: list[str]
) -> None:
    grid, titles = _grid()
    spec = vega_charts.status_heatmap(grid, titles, lang)
    cells = {(c["demand"], c["month"]): c for c in looked_up(spec)}
    assert len(cells) == 4  # every demand x month, assessed or not
    assert cells[("D01", months[1])]["score"] == 3
    assert cells[("D01", months[1])]["status"] == t("status.3", lang)
    assert cells[("D02", months[0])]["score"] is None  # before any assessment
    assert cells[("D02", months[0])]["status"] == t("status.none", lang)
    assert cells[("D02", months[0])]["name"] == "D02 Two"
    assert order(spec, "x") == months  # in order, named in the reader's language
    assert order(spec, "y") == ["D02 Two", "D01 One"]  # the grid's order
    # a cell sends numbers only: the names and words are looked up, each sent once
    assert spec["data"]["values"].dtypes.astype(str).tolist() == ["UInt8", "UInt8", "UInt8"]
    colour = spec["layer"][0]["encoding"]["color"]["scale"]
    assert colour["range"] == [*charts.STATUS_COLOURS, charts.NOT_ASSESSED]
    assert colour["domain"] == [*(t(f"status.{i}", lang) for i in range(4)), t("status.none", lang)]
    assert spec["title"] == t("chart.status.title", lang)
    # the score printed in each cell, white on the two darker colours
    calculated = {s["as"]: s["calculate"] for s in spec["transform"] if "calculate" in s}
    assert calculated == {
        "mark": "isValid(datum.score) ? toString(datum.score) : ''",
        "dark": "datum.score >= 2",
    }
    assert spec["layer"][1]["encoding"]["text"] == {"field": "mark"}


@pytest.mark.parametrize("evil", HOSTILE)
def test_status_heatmap_shows_a_title_as_typed(evil: str) -> None:
    grid, _ = _grid()
    spec = vega_charts.status_heatmap(grid, {"D01": evil, "D02": "Two"}, "en")
    assert f"D01 {evil}" in order(spec, "y")
    assert {c["name"] for c in looked_up(spec)} == {f"D01 {evil}", "D02 Two"}


def test_month_axis_names_january_of_each_year_when_the_grid_spans_years() -> None:
    months = [f"{y}-{m:02d}" for y in (2023, 2024, 2025, 2026) for m in range(1, 13)][2:]
    grid = pd.DataFrame([[1.0] * len(months)], index=["D01"], columns=months)
    axis = vega_charts.status_heatmap(grid, {}, "en")["encoding"]["x"]["axis"]
    named = [f"{m} {y}" for y in (2024, 2025, 2026) for m in ("Jan", "Jul")]
    assert axis["values"] == ["Jul 2023", *named]  # January and July, from March 2023 on
    few = vega_charts.status_heatmap(grid.iloc[:, :3], {}, "uk")["encoding"]["x"]["axis"]
    assert few["values"] == ["бер. 2023", "квіт. 2023", "трав. 2023"]  # three months: all named


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_index_line_steps_through_the_months_from_0_to_100(lang: str) -> None:
    index = pd.Series([0.0, 33.333, 100.0], index=["2025-10", "2025-11", "2025-12"])
    spec = vega_charts.index_line(index, lang)
    values = spec["data"]["values"]
    assert [v["month"] for v in values] == [month_label(m, lang) for m in index.index]
    assert [v["share"] for v in values] == [0.0, 33.3, 100.0]
    assert values[1]["text"] == {"en": "33.3%", "uk": "33,3%"}[lang]  # as the reader writes it
    separators = spec["config"]["locale"]["number"]  # what Vega formats itself, the same way
    assert (separators["decimal"], separators["thousands"]) == {
        "en": (".", ","),
        "uk": (",", "\u00a0"),
    }[lang]
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 100]
    assert spec["encoding"]["y"]["title"] == t("chart.index.axis", lang)
    assert spec["mark"]["interpolate"] == "step-after"
    assert spec["title"] == t("chart.index.title", lang)


def _by_month(demand: str = "D01") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "demand": [demand, demand, demand, "D02"],
            "month": ["2025-11", "2025-11", "2025-10", "2025-11"],
            "direction": ["progress", "regression", "progress", "neutral"],
            "n": [2, 1, 4, 5],
        }
    )


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_evidence_by_month_cells_hold_counts_by_direction(lang: str) -> None:
    spec = vega_charts.evidence_by_month(_by_month(), lang, {"D01": "One", "D02": "Two"})
    nov, oct_ = month_label("2025-11", lang), month_label("2025-10", lang)
    cells = {(c["demand"], c["month"]): c for c in looked_up(spec)}
    assert len(cells) == 4  # every demand x month shown: D02 has none in October
    assert {k: v for k, v in cells[("D01", nov)].items() if not k.endswith("_no")} == {
        "demand": "D01",
        "month": nov,
        "regression": 1,
        "neutral": 0,
        "progress": 2,
        "name": "D01 One",
    }
    assert cells[("D02", oct_)]["progress"] == 0 and cells[("D02", oct_)]["neutral"] == 0
    total = next(s for s in spec["transform"] if s.get("as") == "n")
    assert total["calculate"] == "datum.regression + datum.neutral + datum.progress"
    assert order(spec, "x") == [oct_, nov]  # months in order
    assert order(spec, "y") == ["D01 One", "D02 Two"]
    tips = [(x["field"], x["title"]) for x in spec["encoding"]["tooltip"]]
    assert tips[2:] == [
        ("n", t("chart.entries", lang)),
        ("regression", enum_label("direction", "regression", lang)),
        ("neutral", enum_label("direction", "neutral", lang)),
        ("progress", enum_label("direction", "progress", lang)),
    ]
    assert spec["encoding"]["color"]["scale"]["range"] == charts.EVIDENCE_RAMP
    assert spec["title"] == t("chart.evidence_month.heat_title", lang)


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_evidence_by_month_keeps_a_column_for_every_month_between(lang: str) -> None:
    """Months with no entry keep their column: an axis of only the months that have entries
    put December 2022 beside August 2024, hiding the twenty months between."""
    frame = pd.DataFrame(
        {
            "demand": ["D03", "D03"],
            "month": ["2022-12", date(2024, 8, 1)],  # as text or as a day of the month
            "direction": ["regression", "progress"],
            "n": [1, 3],
        }
    )
    spec = vega_charts.evidence_by_month(frame, lang, {"D03": "Three"})
    months = order(spec, "x")
    assert len(months) == 21  # December 2022 to August 2024
    assert months[0] == month_label("2022-12", lang) and months[-1] == month_label("2024-08", lang)
    assert months[1] == month_label("2023-01", lang)
    cells = {c["month"]: c for c in looked_up(spec)}
    assert cells[month_label("2023-06", lang)]["regression"] == 0
    assert cells[month_label("2024-08", lang)]["progress"] == 3
    assert vega_charts.every_month([]) == ()


def test_status_steps_tooltip_gives_the_day_as_text_not_a_date_vega_names() -> None:
    """Vega names a temporal tooltip in English ('Jan 15, 2023') on the Ukrainian page too."""
    spec = vega_charts.status_steps(_history(), "D01", "uk", today=date(2025, 12, 1))
    day = next(x for x in spec["encoding"]["tooltip"] if x["field"] == "day")
    assert "type" not in day or day["type"] == "nominal"
    assert day["title"] == t("demand.assessed_on", "uk")


@pytest.mark.parametrize("evil", HOSTILE)
def test_evidence_by_month_shows_a_title_as_typed(evil: str) -> None:
    spec = vega_charts.evidence_by_month(_by_month(), "en", {"D01": evil})
    assert order(spec, "y") == [f"D01 {evil}", "D02"]


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_evidence_by_region_keeps_the_regions_order(lang: str) -> None:
    frame = pd.DataFrame({"region": ["Crimea", "<b>x</b>", "**x**"], "n": [3, 10, 1]})
    spec = vega_charts.evidence_by_region(frame, lang)
    assert spec["data"]["values"] == [
        {"region": "Crimea", "n": 3},
        {"region": "<b>x</b>", "n": 10},
        {"region": "**x**", "n": 1},
    ]
    assert spec["encoding"]["y"]["sort"] == ["Crimea", "<b>x</b>", "**x**"]  # not by count
    assert spec["encoding"]["x"]["title"] == t("chart.entries", lang)
    assert spec["layer"][0]["mark"]["color"] == charts.ACCENT
    assert spec["layer"][1]["encoding"]["text"] == {"field": "n"}  # each count printed
    assert spec["title"] == t("chart.region.title", lang)


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_evidence_by_source_stacks_only_the_grades_some_entry_has(lang: str) -> None:
    frame = pd.DataFrame(
        {
            "source_type": ["media", "media", "ngo_report", "court"],
            "reliability": ["C", "A", "A", None],  # no grade: not drawn, as before
            "n": [1, 2, 5, 7],
        }
    )
    spec = vega_charts.evidence_by_source(frame, lang)
    values = spec["data"]["values"]
    ngo, media = (enum_label("source_type", s, lang) for s in ("ngo_report", "media"))
    grade = {g: enum_label("reliability", g, lang) for g in "AC"}
    assert sorted((v["source"], v["grade"], v["n"]) for v in values) == sorted(
        [(media, grade["C"], 1), (media, grade["A"], 2), (ngo, grade["A"], 5)]
    )
    assert spec["encoding"]["y"]["sort"] == [ngo, media]  # most entries first
    colour = spec["encoding"]["color"]["scale"]
    assert colour["domain"] == [grade["A"], grade["C"]]  # the legend: A and C only
    assert colour["range"] == [charts.RELIABILITY_COLOURS["A"], charts.RELIABILITY_COLOURS["C"]]
    assert {v["order"] for v in values if v["grade"] == grade["A"]} == {0}  # A stacked first
    assert spec["encoding"]["color"]["legend"]["title"] == t("field.reliability", lang)
    assert spec["title"] == t("chart.source.title", lang)


def test_gap_matrix_on_the_overview_has_no_click() -> None:
    matrix = pd.DataFrame(
        {
            "draft": ["A"],
            "title": ["**x**"],
            "confidence": [""],
            "demand": ["D01"],
            "level": ["explicit"],
            "points": ["<b>x</b>"],
            "uncertain": [False],
        }
    )
    spec = vega_charts.gap_matrix(matrix, {"D01": "One"}, "uk", drafts={"A": "**x**"}, select=False)
    assert "params" not in spec["layer"][0]
    assert spec["encoding"]["y"]["sort"] == ["**x**"]
    assert looked_up(spec)[0]["points"] == "<b>x</b>"
    assert spec["title"] == t("chart.gaps.title", "uk")


def test_heat_map_cells_are_sent_as_the_narrowest_numbers_that_hold_them() -> None:
    """A count past 255 (or 65,535) widens its column, never wraps; the names are not sent
    with the cells but once, looked up."""
    frame = _by_month().assign(n=[2, 300, 4, 70_000])
    spec = vega_charts.evidence_by_month(frame, "en", {"D01": "One", "D02": "Two"})
    sent = spec["data"]["values"]
    kinds = dict(zip(sent.columns, sent.dtypes.astype(str), strict=True))
    assert kinds == {
        "demand_no": "UInt8",
        "month_no": "UInt8",
        "regression": "UInt16",
        "neutral": "UInt32",
        "progress": "UInt8",
    }
    cells = {(c["demand"], c["month"]): c for c in looked_up(spec)}
    assert cells[("D01", "Nov 2025")]["regression"] == 300
    assert cells[("D02", "Nov 2025")]["neutral"] == 70_000


@pytest.mark.parametrize(
    ("lang", "letters"),
    [("en", {"E", "P", "A", "C"}), ("uk", {"Я", "Ч", "В", "С"})],
)
def test_coverage_letters_are_the_initials_of_the_level_names_the_reader_reads(
    lang: str, letters: set[str]
) -> None:
    """A Ukrainian reader decodes a cell by the names beside it: «Ч» for «Частково», not
    the English initials; the legend under the matrix uses the same letters as the cells."""
    ranked = [k for k in charts.COVERAGE_ORDER if k != "not_reported"]
    assert {charts.coverage_letter(k, lang) for k in ranked} == letters  # four, all distinct
    assert charts.coverage_letter("not_reported", lang) == charts.NOT_REPORTED_MARK
    assert charts.coverage_letter(None, lang) == ""
    legend = charts.gap_legend(lang)
    for level in charts.COVERAGE_ORDER:
        words = enum_label("coverage", level, lang)
        assert f"{charts.coverage_letter(level, lang)} {words}" in legend


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_an_uncertain_code_whose_change_is_unknown_shows_one_question_mark(lang: str) -> None:
    """The strip read "E? ?": the code's doubt and the unknown change both as "?". The change
    is left unmarked (the tooltip says unknown) and the legend says what no mark means."""
    strip = _strip()
    strip.loc[strip["draft"] == "B", ["uncertain", "change"]] = [True, "unknown"]
    spec = vega_charts.draft_strip(strip[strip["demand"] == "D01"], {"D01": EVIL}, lang)
    cells = {v["draft"]: v for v in looked_up(spec)}
    partial = {"en": "P", "uk": "Ч"}[lang]
    assert cells["Later plan"]["mark"] == f"{partial}{charts.UNCERTAIN_MARK}"
    assert cells["Later plan"]["change"] == t("drafts.change.unknown", lang)
    legend = charts.strip_legend(lang)
    assert legend.count(charts.UNCERTAIN_MARK + " ") == 1  # the code's doubt only
    assert t("chart.strip.no_mark", lang) in legend and "↑ " in legend
