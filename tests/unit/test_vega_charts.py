"""The Demand page's Vega-Lite charts hold what its plotly figures held, in both languages, and
people's text as it is (Vega draws it as text: no entities, nothing read as markup)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from monitor.domain import across_drafts, vega_charts
from monitor.i18n import t

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
    cells = {v["draft"]: v for v in spec["data"]["values"]}
    assert set(cells) == {EVIL, "Later plan"}  # as typed, no entities
    assert cells[EVIL]["mark"] == "A"
    assert cells["Later plan"]["mark"] == "P ↑"  # better than the draft before
    assert cells["Later plan"]["level"] == "partial" and not cells["Later plan"]["dark"]
    assert cells[EVIL]["what"] == f"D01 {EVIL}"
    assert cells["Later plan"]["change"] == t("drafts.change.improved", lang)
    assert spec["title"] == t("chart.strip.title", lang)
    assert spec["encoding"]["x"]["sort"] == [EVIL, "Later plan"]  # drafts in date order


def test_strip_cell_nobody_coded_is_white_and_blank() -> None:
    strip = _strip()
    spec = vega_charts.draft_strip(strip[strip["demand"] == "D02"], {}, "en")
    assert {v["level"] for v in spec["data"]["values"]} == {vega_charts.NOT_CODED}
    assert {v["mark"].strip() for v in spec["data"]["values"]} <= {"", "="}  # no letter


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
    cells = {(v["draft_code"], v["demand"]): v for v in spec["data"]["values"]}
    assert len(cells) == 4  # every draft x demand, coded or not
    assert cells[("A", "D01")]["mark"] == "P?§"
    assert cells[("B", "D02")]["level"] == vega_charts.NOT_CODED
    params = spec["layer"][0]["params"]
    assert params == [
        {"name": vega_charts.CELL, "select": {"type": "point", "fields": ["draft_code", "demand"]}}
    ]
