"""The map: activities by country as proportional circles, cross-border links as flows.

Drawn from the base map bundled beside this module (``world.geojson``:
Natural Earth through the npm package world-atlas, see ``world.geojson.md``
and ``scripts/world_map.py``) with plain ``scattergeo`` traces: filled
country outlines, lines, circles and labels. No trace has ``locations``:
plotly.js fetches its own topojson from a CDN for a geo subplot that shows
any base layer or whose first trace has a ``locationmode`` (a choropleth
does, even with a GeoJSON of its own), so the map shows no base layer
(``geo.visible`` off) and nothing is fetched, in the browser or during the
SVG export.

Circles have an area proportional to the period's activities in the
country (an activity spanning several countries counts in each); lines join
the countries' anchor points (a point inside the country, farthest from its
edges) with a width proportional to the number of cross-border links.

When the countries crowd one region (labels that cannot be placed at the
scale that shows every country), the main panel shows that region and a
smaller overview beside it shows the whole extent, with the region framed.
The projection is Mercator, and :class:`View` reproduces plotly's fitting
of it, so that labels are placed here, clear of each other and of the
circles. Geography is never mirrored; in right-to-left languages the panels
and the key swap sides and labels go to the left of their circles first.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from ...analysis.results import BorderPair, CountChange
from ...i18n.formatting import Formatter
from .base import FONT_FAMILY, SIZES, Figure, FigureTable, base_layout, bidi, html_text

#: The bundled base map: ISO alpha-2 keyed GeoJSON with an anchor point per country.
WORLD_MAP = Path(__file__).with_name("world.geojson")

#: Diameter of the largest circle, in pixels.
CIRCLE_MAX = 36
#: Smallest circle drawn (a country with few activities stays visible).
CIRCLE_MIN = 6
#: Dot of a country with cross-border links but no activity in the period.
LINK_ONLY_DOT = 6
#: Width of the thinnest and the thickest flow line, in pixels.
FLOW_WIDTHS = (1.0, 7.0)
#: Label font size, in pixels.
LABEL_SIZE = 11
#: Average width of a character in ems, Latin and Arabic script (Noto Sans,
#: Noto Naskh Arabic; measured on CLDR's country names, rounded up).
CHARACTER_WIDTH = {"latin": 0.56, "arabic": 0.45}
#: Margin around the points of interest, as a share of their extent (at least ``PAD_MIN`` radians).
PAD_SHARE, PAD_MIN = 0.1, 0.08
#: Latitudes beyond which Mercator is not drawn.
LATITUDE_LIMITS = (-72.0, 82.0)
#: Two countries closer than this many pixels (at the scale showing all) belong to one crowded region.
CROWD_DISTANCE = 50
#: A crowded region gets its own panel only if it holds at least this many countries.
CROWD_MIN = 4
#: Partners named in a country's hover text.
HOVER_PARTNERS = 4

Domain = tuple[tuple[float, float], tuple[float, float]]  # paper x (from, to), y (from, to)


@dataclass(frozen=True)
class Plan:
    """Where the panels and the key go, as paper fractions for left-to-right languages (mirrored for right-to-left)."""

    main: Domain
    overview: Domain | None
    #: The key's box: x from, x to, top.
    key: tuple[float, float, float]
    #: The figure's least height in pixels (the overview and the key need their room).
    min_height: int


#: One panel, the key beside it.
SINGLE = Plan(((0.0, 0.8), (0.0, 1.0)), None, (0.83, 1.0, 1.0), 380)
#: The crowded region in the main panel; the whole extent in an overview above the key.
INSET = Plan(((0.0, 0.66), (0.0, 1.0)), ((0.68, 1.0), (0.5, 1.0)), (0.69, 1.0, 0.44), 460)

CIRCLE_COLOUR = "rgba(0, 114, 178, 0.55)"
CIRCLE_LINE = "#0b4f80"
LINK_ONLY_COLOUR = "#6b7280"
FLOW_COLOUR = "rgba(213, 94, 0, 0.7)"
LAND, LAND_INVOLVED, OCEAN, BORDER = "#e5e7eb", "#d3dbe5", "#f4f7fa", "#ffffff"
FRAME_COLOUR = "#1f2a37"
TEXT_COLOUR = "#1f2a37"
MARGIN = {"l": 10, "r": 10, "t": 60, "b": 10}

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels
Frame = tuple[float, float, float, float]  # left, top, width, height in pixels


@dataclass(frozen=True)
class Place:
    """One country of the base map: its outer rings and its anchor point, in degrees."""

    code: str
    point: tuple[float, float]
    rings: tuple[tuple[tuple[float, float], ...], ...]
    bounds: tuple[float, float, float, float]  # west, south, east, north


@cache
def world() -> dict[str, Place]:
    """The bundled base map by country code (read once per process)."""
    data = json.loads(WORLD_MAP.read_text(encoding="utf-8"))
    places = {}
    for feature in data["features"]:
        lon, lat = feature["properties"]["point"]
        geometry = feature["geometry"]
        # Holes are left out: the enclaves they hold are countries drawn on top.
        rings = tuple(tuple((x, y) for x, y in polygon[0]) for polygon in geometry["coordinates"]) if geometry else ()
        xs = [x for ring in rings for x, _y in ring] or [lon]
        ys = [y for ring in rings for _x, y in ring] or [lat]
        places[feature["id"]] = Place(feature["id"], (lon, lat), rings, (min(xs), min(ys), max(xs), max(ys)))
    return places


# -- projection ------------------------------------------------------------------------


def _mercator(lat: float) -> float:
    lat = max(LATITUDE_LIMITS[0], min(LATITUDE_LIMITS[1], lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _bowed(lat: float, dlon: float) -> float:
    """The latitude farthest from the equator on a great circle between two points at ``lat``, ``dlon`` apart."""
    vertex = math.atan(math.tan(math.radians(abs(lat))) / math.cos(math.radians(dlon / 2)))
    return math.copysign(math.degrees(vertex), lat)


@dataclass(frozen=True)
class View:
    """The part of the world a panel shows (the ranges given to plotly) and its frame in pixels.

    plotly fits the "range box" into the panel: a polygon whose north and
    south edges are four great-circle segments each, which bow away from the
    equator in Mercator; the box's projected bounds are scaled to fit and
    ``geo.center`` is put in the middle. :meth:`pixel` does the same
    arithmetic, so that label positions computed here land where plotly
    draws.
    """

    west: float
    east: float
    south: float
    north: float
    frame: Frame

    def _box(self) -> tuple[float, float]:
        """Bottom and top of the range box in Mercator units, edges bowed."""
        quarter = (self.east - self.west) / 4
        top = _mercator(_bowed(self.north, quarter) if self.north > 0 else self.north)
        bottom = _mercator(_bowed(self.south, quarter) if self.south < 0 else self.south)
        return bottom, top

    @property
    def scale(self) -> float:
        bottom, top = self._box()
        _left, _top, width, height = self.frame
        return min(width / math.radians(self.east - self.west), height / (top - bottom))

    @property
    def center(self) -> tuple[float, float]:
        """The point plotly puts in the middle of the panel (``geo.center``)."""
        bottom, top = self._box()
        return round((self.west + self.east) / 2, 4), round(_latitude((bottom + top) / 2), 4)

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        left, top, width, height = self.frame
        clon, clat = self.center
        s = self.scale
        return (left + width / 2 + s * math.radians(lon - clon),
                top + height / 2 - s * (_mercator(lat) - _mercator(clat)))

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The inverse of :meth:`pixel`."""
        left, top, width, height = self.frame
        clon, clat = self.center
        s = self.scale
        lon = clon + math.degrees((x - left - width / 2) / s)
        return round(lon, 4), round(_latitude(_mercator(clat) - (y - top - height / 2) / s), 4)

    def shows(self, lon: float, lat: float) -> bool:
        x, y = self.pixel(lon, lat)
        left, top, width, height = self.frame
        return left <= x <= left + width and top <= y <= top + height

    def layout(self, domain: Domain) -> dict[str, Any]:
        """plotly's ``geo`` settings of a panel showing this view over ``domain`` (paper x, y)."""
        lon, lat = self.center
        return {"domain": {"x": list(domain[0]), "y": list(domain[1])}, "visible": False, "bgcolor": OCEAN,
                "projection": {"type": "mercator"}, "center": {"lon": lon, "lat": lat},
                "lonaxis": {"range": [self.west, self.east]}, "lataxis": {"range": [self.south, self.north]}}


def _extent(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    """The Mercator box (x0, x1, y0, y1) around ``points``, with a margin."""
    if not points:
        points = [(-170.0, -55.0), (170.0, 75.0)]
    xs = [math.radians(lon) for lon, _lat in points]
    ys = [_mercator(lat) for _lon, lat in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    pad = max(PAD_MIN, PAD_SHARE * max(x1 - x0, y1 - y0))
    return x0 - pad, x1 + pad, y0 - pad, y1 + pad


def view(points: Sequence[tuple[float, float]], frame: Frame) -> View:
    """The smallest view around ``points``, with a margin, shaped like ``frame`` so that it fills it."""
    x0, x1, y0, y1 = _extent(points)
    aspect = frame[2] / frame[3]
    low, high = _mercator(LATITUDE_LIMITS[0]), _mercator(LATITUDE_LIMITS[1])
    # Widen the short side until the (bowed) range box has the frame's shape;
    # a few rounds settle it, since the bow grows with the width.
    for _round in range(6):
        candidate = View(math.degrees(x0), math.degrees(x1), _latitude(y0), _latitude(y1), frame)
        bottom, top = candidate._box()
        width, height = x1 - x0, top - bottom
        if width / height < aspect - 1e-3 and x1 - x0 < 2 * math.pi:
            grow = min(height * aspect - width, 2 * math.pi - width)
            x0, x1 = x0 - grow / 2, x1 + grow / 2
        elif width / height > aspect + 1e-3 and y1 - y0 < high - low:
            grow = width / aspect - height
            y0, y1 = max(low, y0 - grow / 2), min(high, y1 + grow / 2)
        else:
            break
    return View(round(math.degrees(x0), 3), round(math.degrees(x1), 3),
                round(_latitude(y0), 3), round(_latitude(y1), 3), frame)


# -- labels ----------------------------------------------------------------------------

#: Label positions tried around a circle, in order, for left-to-right
#: languages; right-to-left languages try left before right.
POSITIONS = ("right", "left", "top", "bottom", "top right", "bottom right", "top left", "bottom left")
#: plotly's text position for a label anchored at the circle's edge on each side.
TEXT_POSITIONS = {"right": "middle right", "left": "middle left", "top": "top center", "bottom": "bottom center",
                  "top right": "top right", "bottom right": "bottom right", "top left": "top left",
                  "bottom left": "bottom left"}


def text_width(text: str) -> float:
    """Estimated width of a label in pixels."""
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
    return LABEL_SIZE * (arabic * CHARACTER_WIDTH["arabic"] + (len(text) - arabic) * CHARACTER_WIDTH["latin"])


def _label(position: str, x: float, y: float, radius: float, width: float) -> tuple[tuple[float, float], Box]:
    """The anchor of a label on ``position`` around a circle, and the box the text covers.

    plotly draws text-only points with no horizontal offset and the
    baseline 2.75 px above (top), 2.75 px below (middle) or 8.25 px below
    (bottom) the anchor, for an 11 px font.
    """
    height = LABEL_SIZE * 1.3
    gap = radius + 3
    diagonal = radius * 0.72 + 2
    dx = {"right": gap, "left": -gap, "top": 0, "bottom": 0}.get(position.split()[-1], 0.0)
    dy = {"top": -gap, "bottom": gap}.get(position.split()[0], 0.0)
    if " " in position:
        dx, dy = math.copysign(diagonal, dx), math.copysign(diagonal, dy)
    ax, ay = x + dx, y + dy
    horizontal = position.split()[-1]
    x0 = ax if horizontal == "right" else ax - width if horizontal == "left" else ax - width / 2
    vertical = position.split()[0] if position.split()[0] in ("top", "bottom") else "middle"
    y0 = {"top": ay - height, "middle": ay - height / 2, "bottom": ay}[vertical]
    return (ax, ay), (x0, y0, x0 + width, y0 + height)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(items: Sequence[tuple[str, float, float, float]], frame: Frame, rtl: bool,
                 obstacles: Sequence[Box] = ()) -> dict[int, tuple[str, tuple[float, float], Box]]:
    """Labels that fit, by item index: ``items`` are (text, x, y, radius), most important first.

    A label goes on the first side of its circle where it stays inside the
    frame and covers no other label, no other circle's centre and none of
    ``obstacles``; a label that fits nowhere is left out (the country is
    still in the hover text and the data table). Returns the position, the
    anchor and the box of each label placed.
    """
    order = ("left", "right", *POSITIONS[2:]) if rtl else POSITIONS
    left, top, width, height = frame
    centres = [(x - 4, y - 4, x + 4, y + 4) for _text, x, y, _r in items]
    taken: list[Box] = list(obstacles)
    result: dict[int, tuple[str, tuple[float, float], Box]] = {}
    for index, (text, x, y, radius) in enumerate(items):
        for position in order:
            anchor, box = _label(position, x, y, radius, text_width(text))
            inside = box[0] >= left and box[2] <= left + width and box[1] >= top and box[3] <= top + height
            if inside and not any(_overlaps(box, other) for other in taken) and not any(
                    _overlaps(box, centre) for i, centre in enumerate(centres) if i != index):
                taken.append(box)
                result[index] = (position, anchor, box)
                break
    return result


# -- the figure ------------------------------------------------------------------------


@dataclass
class _Data:
    """The countries and flows one map draws, with what their symbols and hover texts need."""

    codes: list[str]
    counts: dict[str, CountChange]
    partners: dict[str, list[tuple[int, str]]]
    flows: list[BorderPair]
    peak: int
    peak_links: int

    def diameter(self, code: str) -> float:
        row = self.counts.get(code)
        return _circle(row.count, self.peak) if row else LINK_ONLY_DOT


def _circle(count: int, peak: int) -> float:
    """Diameter of a circle whose area is proportional to ``count``."""
    return max(CIRCLE_MIN, CIRCLE_MAX * math.sqrt(count / peak)) if peak and count else LINK_ONLY_DOT


def _flow_width(links: int, peak: int) -> float:
    low, high = FLOW_WIDTHS
    return low if peak <= 1 else low + (high - low) * (links - 1) / (peak - 1)


def _frame(domain: Domain, size: tuple[int, int]) -> Frame:
    """The pixels of a panel whose paper domain is ``domain`` in a figure of ``size``."""
    width, height = size
    inner_w = width - MARGIN["l"] - MARGIN["r"]
    inner_h = height - MARGIN["t"] - MARGIN["b"]
    (x0, x1), (y0, y1) = domain
    return MARGIN["l"] + x0 * inner_w, MARGIN["t"] + (1 - y1) * inner_h, (x1 - x0) * inner_w, (y1 - y0) * inner_h


def _size(points: Sequence[tuple[float, float]], plan: Plan) -> tuple[int, int]:
    """The figure's size: full width, and the height that gives the main panel the shape of what it shows.

    Never more than ``SIZES["map"]``, never less than the plan's minimum
    (the overview and the key need their room).
    """
    width, tallest = SIZES["map"]
    x0, x1, y0, y1 = _extent(points)
    panel_width = (plan.main[0][1] - plan.main[0][0]) * (width - MARGIN["l"] - MARGIN["r"])
    height = round(panel_width * (y1 - y0) / (x1 - x0)) + MARGIN["t"] + MARGIN["b"]
    return width, max(plan.min_height, min(tallest, height))


def _mirror(domain: Domain, rtl: bool) -> Domain:
    (x0, x1), y = domain
    return ((round(1 - x1, 4), round(1 - x0, 4)), y) if rtl else domain


def _crowded(data: _Data, places: dict[str, Place], whole: View) -> list[str]:
    """The largest group of countries drawn within :data:`CROWD_DISTANCE` of each other at the scale of ``whole``."""
    pixels = {c: whole.pixel(*places[c].point) for c in data.codes}
    groups: list[set[str]] = []
    for code in data.codes:
        near = [g for g in groups if any(math.dist(pixels[code], pixels[other]) < CROWD_DISTANCE for other in g)]
        merged: set[str] = {code}.union(*near)
        groups = [g for g in groups if g not in near] + [merged]
    best = max(groups, key=len, default=set())
    # Neighbours of the group come along (one step, twice as far): the main
    # panel should not cut a country off at its edge.
    return [c for c in data.codes if any(math.dist(pixels[c], pixels[o]) < 2 * CROWD_DISTANCE for o in best)]


def map_figure(fmt: Formatter, countries: Sequence[CountChange], flows: Sequence[BorderPair],
               total_pairs: int) -> Figure:
    """Activities by country (``countries``) and cross-border links (``flows``) on a map.

    ``total_pairs`` is the number of country pairs with cross-border links,
    drawn or not (the caption says how many are left out).
    """
    _ = fmt.gettext
    rtl = fmt.direction == "rtl"
    places = world()
    data = _prepare(countries, flows, places)
    names = {c: fmt.country(c) for c in data.codes}
    points = [places[c].point for c in data.codes]

    # One panel if every label fits at the scale that shows every country;
    # otherwise the crowded region in the main panel and an overview beside it.
    plan = SINGLE
    size = _size(points, plan)
    main_domain = _mirror(SINGLE.main, rtl)
    main = view(points, _frame(main_domain, size))
    labels = _labels(data, names, places, main, data.codes, rtl)
    crowd = _crowded(data, places, main) if len(labels) < len(data.codes) else []
    if len(crowd) >= CROWD_MIN and len(crowd) < len(data.codes):
        plan = INSET
        crowd_points = [places[c].point for c in crowd]
        size = _size(crowd_points, plan)
        main_domain = _mirror(INSET.main, rtl)
        main = view(crowd_points, _frame(main_domain, size))

    traces = _panel_traces(fmt, data, names, places, main, "geo", rtl)
    layout_geo: dict[str, Any] = {"geo": main.layout(main_domain)}
    shapes: list[dict[str, Any]] = []
    if plan.overview:
        overview_domain = _mirror(plan.overview, rtl)
        overview = view(points, _frame(overview_domain, size))
        traces += _panel_traces(fmt, data, names, places, overview, "geo2", rtl, inset=main)
        layout_geo["geo2"] = overview.layout(overview_domain)
        # A thin frame around the overview, so that it reads as a second map.
        x0, x1 = overview_domain[0]
        y0, y1 = overview_domain[1]
        shapes.append({"type": "rect", "xref": "paper", "yref": "paper", "x0": x0, "x1": x1, "y0": y0, "y1": y1,
                       "line": {"color": "#9aa5b1", "width": 0.8}, "layer": "above"})

    layout = base_layout(fmt, _("Activities by country and cross-border links"), size, showlegend=False,
                         margin=MARGIN, **layout_geo)
    figure = go.Figure(traces, layout)
    key_x0, key_x1, key_top = plan.key
    if rtl:
        key_x0, key_x1 = 1 - key_x1, 1 - key_x0
    key_shapes, notes = _key(fmt, data, (key_x0, key_x1, key_top), rtl, columns=plan is INSET)
    figure.update_layout(shapes=shapes + key_shapes, annotations=notes)

    caption = _("Circles: activities recorded in each country in the period (area proportional to the number). "
                "Lines: cross-border links between entities tied to the two countries (width proportional to "
                "the number).")
    if plan is INSET:
        caption += " " + _("The smaller map shows the whole extent; its frame marks the area of the larger one.")
    if len(data.flows) < total_pairs:
        caption += " " + _("The %(shown)s country pairs with the most links are drawn, of %(total)s.",
                           shown=fmt.integer(len(data.flows)), total=fmt.integer(total_pairs))
    missing = [row.key for row in countries if row.count and row.key not in places]
    if missing:
        caption += " " + _("Not on the map: %(countries)s.", countries=fmt.countries(missing))
    shown = [data.counts[c] for c in data.codes if c in data.counts]
    return Figure("map", figure, caption, _map_alt(fmt, shown, data.flows), size,
                  tables=_map_tables(fmt, countries, data.flows), fixed_width=True)


def _prepare(countries: Sequence[CountChange], flows: Sequence[BorderPair], places: dict[str, Place]) -> _Data:
    """The countries with a place on the base map: with activities first (most first), then with links only."""
    shown = [row for row in countries if row.count and row.key in places]
    drawn = [pair for pair in flows if all(code in places for code in pair.countries[:2])]
    partners: dict[str, list[tuple[int, str]]] = {}
    for pair in drawn:
        a, b = pair.countries[:2]
        partners.setdefault(a, []).append((pair.links, b))
        partners.setdefault(b, []).append((pair.links, a))
    counts = {row.key: row for row in shown}
    link_only = sorted(set(partners) - set(counts), key=lambda c: (-sum(n for n, _c in partners[c]), c))
    return _Data([row.key for row in shown] + link_only, counts, partners, drawn,
                 max((row.count for row in shown), default=0), max((p.links for p in drawn), default=0))


def _labels(data: _Data, names: dict[str, str], places: dict[str, Place], panel: View, codes: Sequence[str],
            rtl: bool, obstacles: Sequence[Box] = ()) -> dict[str, tuple[str, tuple[float, float], Box]]:
    """Placed labels of ``codes`` in ``panel``, by country code."""
    items = []
    for code in codes:
        x, y = panel.pixel(*places[code].point)
        items.append((names[code], x, y, data.diameter(code) / 2))
    placed = place_labels(items, panel.frame, rtl, obstacles)
    return {codes[i]: label for i, label in placed.items()}


def _panel_traces(fmt: Formatter, data: _Data, names: dict[str, str], places: dict[str, Place], panel: View,
                  geo: str, rtl: bool, inset: View | None = None) -> list[go.Scattergeo]:
    """Every trace of one panel: land, flows, circles, labels; the overview also frames ``inset``'s area."""
    involved = set(data.codes)
    traces = [_outline_trace(places, panel, lambda code: code not in involved, LAND, f"{geo}-land", geo),
              _outline_trace(places, panel, lambda code: code in involved, LAND_INVOLVED, f"{geo}-involved", geo)]
    traces += _flow_traces(fmt, places, data, geo)
    obstacles: list[Box] = []
    codes = [c for c in data.codes if panel.shows(*places[c].point)]
    if inset is not None:
        # The overview labels only what the main panel leaves out, and frames the main panel's area.
        corners = [panel.pixel(inset.west, inset.north), panel.pixel(inset.east, inset.south)]
        obstacles.append((corners[0][0], corners[0][1], corners[1][0], corners[1][1]))
        traces.append(_area_frame(inset, geo))
        labelled = [c for c in codes if not inset.shows(*places[c].point)]
    else:
        labelled = codes
    labels = _labels(data, names, places, panel, labelled, rtl, obstacles)
    traces.append(_country_trace(fmt, data, names, places, labelled, geo))
    traces.append(_label_trace(names, labels, panel, geo))
    if inset is None and len(codes) < len(data.codes):
        taken = [box for _position, _anchor, box in labels.values()]
        traces.append(_exit_trace(data, names, places, panel, set(codes), taken, geo))
    return traces


def _great_circle(a: tuple[float, float], b: tuple[float, float], steps: int = 96) -> list[tuple[float, float]]:
    """Points along the great circle from ``a`` to ``b`` (as plotly draws a line between them)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    p = [math.cos(lat1) * math.cos(lon1), math.cos(lat1) * math.sin(lon1), math.sin(lat1)]
    q = [math.cos(lat2) * math.cos(lon2), math.cos(lat2) * math.sin(lon2), math.sin(lat2)]
    omega = math.acos(max(-1.0, min(1.0, sum(u * v for u, v in zip(p, q, strict=True)))))
    if omega < 1e-9:
        return [a, b]
    points = []
    for i in range(steps + 1):
        t = i / steps
        k1, k2 = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
        x, y, z = (k1 * u + k2 * v for u, v in zip(p, q, strict=True))
        points.append((math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y)))))
    return points


def _exit_trace(data: _Data, names: dict[str, str], places: dict[str, Place], panel: View, inside: set[str],
                taken: list[Box], geo: str) -> go.Scattergeo:
    """Names of the countries off the main panel, where their strongest line leaves it.

    The overview shows where they are; here the reader sees where each line
    goes without looking across.
    """
    left, top, width, height = panel.frame
    exits: dict[str, tuple[float, float]] = {}
    for pair in sorted(data.flows, key=lambda p: (-p.links, p.countries)):
        a, b = pair.countries[:2]
        if (a in inside) == (b in inside):
            continue
        near, far = (a, b) if a in inside else (b, a)
        if far in exits:
            continue
        last = None
        for lon, lat in _great_circle(places[near].point, places[far].point):
            x, y = panel.pixel(lon, lat)
            if not (left + 2 <= x <= left + width - 2 and top + 2 <= y <= top + height - 2):
                break
            last = (x, y)
        if last is not None:
            exits[far] = last
    codes, anchors, positions = [], [], []
    for code, (x, y) in exits.items():
        # The name goes inwards from the edge the line leaves by.
        edges = {"left": x - left, "right": left + width - x, "top": y - top, "bottom": top + height - y}
        edge = min(edges, key=lambda e: edges[e])
        position = {"left": "right", "right": "left", "top": "bottom", "bottom": "top"}[edge]
        anchor, box = _label(position, x, y, 2, text_width(names[code]))
        # Keep the whole name inside the panel.
        shift_x = max(0.0, left + 2 - box[0]) - max(0.0, box[2] - (left + width - 2))
        shift_y = max(0.0, top + 2 - box[1]) - max(0.0, box[3] - (top + height - 2))
        anchor = (anchor[0] + shift_x, anchor[1] + shift_y)
        box = (box[0] + shift_x, box[1] + shift_y, box[2] + shift_x, box[3] + shift_y)
        if any(_overlaps(box, other) for other in taken):
            continue
        taken.append(box)
        codes.append(code)
        anchors.append(panel.lonlat(*anchor))
        positions.append(TEXT_POSITIONS[position])
    return go.Scattergeo(
        lon=[lon for lon, _lat in anchors], lat=[lat for _lon, lat in anchors], mode="text", geo=geo,
        text=[f"<i>{html_text(names[c])}</i>" for c in codes], textposition=positions,
        textfont={"size": LABEL_SIZE, "color": "#9c3d00", "family": FONT_FAMILY, "shadow": "auto"},
        hoverinfo="skip", uid=f"{geo}-exits",
    )


def simplify(ring: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """``ring`` without the points that move it less than ``tolerance`` degrees (Douglas–Peucker)."""
    if len(ring) < 4:
        return list(ring)
    keep = {0, len(ring) - 1}
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = ring[first], ring[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, distance = 0, 0.0
        for i in range(first + 1, last):
            px, py = ring[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / length if length else math.hypot(px - ax, py - ay)
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [ring[i] for i in sorted(keep)]


def _outline_trace(places: dict[str, Place], panel: View, keep: Callable[[str], bool], colour: str, uid: str,
                   geo: str) -> go.Scattergeo:
    """The outlines of the countries in view that ``keep`` accepts, filled with ``colour``, in one trace.

    Simplified to what the panel's scale can show (half a pixel): the
    overview of a wide area needs a fraction of the points.
    """
    lons: list[float | None] = []
    lats: list[float | None] = []
    margin = 10.0
    tolerance = math.degrees(0.5 / panel.scale)
    for code, place in sorted(places.items()):
        west, south, east, north = place.bounds
        if not keep(code) or not place.rings or east < panel.west - margin or west > panel.east + margin \
                or north < panel.south - margin or south > panel.north + margin:
            continue
        for ring in place.rings:
            if max(x for x, _y in ring) - min(x for x, _y in ring) < 2 * tolerance:
                continue  # an island smaller than a pixel or two
            points = simplify(ring, tolerance)
            lons.extend([x for x, _y in points] + [None])
            lats.extend([y for _x, y in points] + [None])
    return go.Scattergeo(lon=lons, lat=lats, mode="lines", fill="toself", fillcolor=colour, geo=geo,
                         line={"color": BORDER, "width": 0.6}, hoverinfo="skip", uid=uid)


def _area_frame(area: View, geo: str) -> go.Scattergeo:
    """The outline of ``area`` (a rectangle in Mercator), as a line with enough points to stay straight."""
    steps = 24
    lons = [area.west + (area.east - area.west) * i / steps for i in range(steps + 1)]
    top = [(lon, area.north) for lon in lons]
    bottom = [(lon, area.south) for lon in reversed(lons)]
    ring = [*top, *bottom, top[0]]
    return go.Scattergeo(lon=[round(x, 3) for x, _y in ring], lat=[round(y, 3) for _x, y in ring], mode="lines",
                         line={"color": FRAME_COLOUR, "width": 1}, hoverinfo="skip", geo=geo, uid=f"{geo}-area")


def _great_circle_midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The middle of the great circle from ``a`` to ``b``, where plotly draws the line's middle."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    bx, by = math.cos(lat2) * math.cos(lon2 - lon1), math.cos(lat2) * math.sin(lon2 - lon1)
    lat = math.atan2(math.sin(lat1) + math.sin(lat2), math.sqrt((math.cos(lat1) + bx) ** 2 + by ** 2))
    lon = lon1 + math.atan2(by, math.cos(lat1) + bx)
    return round(math.degrees(lon), 3), round(math.degrees(lat), 3)


def _flow_traces(fmt: Formatter, places: dict[str, Place], data: _Data, geo: str) -> list[go.Scattergeo]:
    """One line per country pair (thickest first, so thin lines stay visible on top), and their hover points."""
    _ = fmt.gettext
    traces = []
    mids_lon, mids_lat, hover = [], [], []
    for pair in sorted(data.flows, key=lambda p: (-p.links, p.countries)):
        a, b = (places[c].point for c in pair.countries[:2])
        traces.append(go.Scattergeo(
            lon=[a[0], b[0]], lat=[a[1], b[1]], mode="lines", hoverinfo="skip", geo=geo,
            line={"color": FLOW_COLOUR, "width": round(_flow_width(pair.links, data.peak_links), 2)},
            uid=f"{geo}-flow-{'-'.join(pair.countries[:2])}",
        ))
        lon, lat = _great_circle_midpoint(a, b)
        mids_lon.append(lon)
        mids_lat.append(lat)
        names = " – ".join(bidi(fmt, fmt.country(c)) for c in pair.countries[:2])
        hover.append(f"<b>{html_text(names)}</b><br>"
                     + html_text(_("Cross-border links: %(count)s", count=fmt.integer(pair.links))))
    if data.flows:
        traces.append(go.Scattergeo(lon=mids_lon, lat=mids_lat, mode="markers", hovertext=hover, hoverinfo="text",
                                    marker={"size": 12, "color": FLOW_COLOUR, "opacity": 0}, geo=geo,
                                    hoverlabel={"bgcolor": "white", "bordercolor": "#9c3d00"},
                                    uid=f"{geo}-flow-hover"))
    return traces


def _country_trace(fmt: Formatter, data: _Data, names: dict[str, str], places: dict[str, Place],
                   codes: Sequence[str], geo: str) -> go.Scattergeo:
    """Circles (dots for countries with links only) and their hover text."""
    _ = fmt.gettext
    hover = []
    for code in codes:
        lines = [f"<b>{html_text(names[code])}</b>"]
        row = data.counts.get(code)
        if row:
            lines.append(html_text(_("Activities in the period: %(count)s", count=fmt.integer(row.count))))
            lines.append(html_text(_("Previous period: %(count)s", count=fmt.integer(row.previous_count))))
        ties = sorted(data.partners.get(code, []), key=lambda t: (-t[0], t[1]))
        if ties:
            listed = fmt.join(f"{names[c]} ({fmt.integer(n)})" for n, c in ties[:HOVER_PARTNERS])
            if len(ties) > HOVER_PARTNERS:
                listed += _(", ") + "…"
            lines.append(html_text(_("Cross-border links with: %(countries)s", countries=listed)))
        hover.append("<br>".join(lines))
    return go.Scattergeo(
        lon=[places[c].point[0] for c in codes], lat=[places[c].point[1] for c in codes], mode="markers", geo=geo,
        marker={"size": [round(data.diameter(c), 2) for c in codes], "sizemode": "diameter",
                "color": [CIRCLE_COLOUR if c in data.counts else LINK_ONLY_COLOUR for c in codes],
                "line": {"color": [CIRCLE_LINE if c in data.counts else "white" for c in codes], "width": 1}},
        hovertext=hover, hoverinfo="text", hoverlabel={"bgcolor": "white", "bordercolor": CIRCLE_LINE},
        uid=f"{geo}-countries",
    )


def _label_trace(names: dict[str, str], labels: dict[str, tuple[str, tuple[float, float], Box]], panel: View,
                 geo: str) -> go.Scattergeo:
    """The country names placed by :func:`place_labels`, as text anchored beside their circles."""
    codes = list(labels)
    anchors = [panel.lonlat(*labels[c][1]) for c in codes]
    return go.Scattergeo(
        lon=[lon for lon, _lat in anchors], lat=[lat for _lon, lat in anchors], mode="text", geo=geo,
        text=[names[c] for c in codes], textposition=[TEXT_POSITIONS[labels[c][0]] for c in codes],
        textfont={"size": LABEL_SIZE, "color": TEXT_COLOUR, "family": FONT_FAMILY, "shadow": "auto"},
        hoverinfo="skip", uid=f"{geo}-labels",
    )


def _key_values(peak: int) -> list[int]:
    """Two or three round values up to ``peak`` for a key (largest first)."""
    values = [peak]
    for share in (1 / 3, 1 / 10):
        raw = peak * share
        if raw < 1:
            break
        magnitude = 10 ** math.floor(math.log10(raw))
        nice = max(v * magnitude for v in (1, 2, 5, 10) if v * magnitude <= raw)
        if nice < values[-1]:
            values.append(int(nice))
    return values


def _key(fmt: Formatter, data: _Data, box: tuple[float, float, float], rtl: bool,
         columns: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The key: circle sizes, line widths, the dot of countries with links only; as shapes and annotations.

    Placed in ``box`` (paper x0, x1 and top), with sizes and offsets in
    pixels, so that it keeps its size when the HTML figure is resized;
    the two groups side by side when ``columns``, else one above the other.
    """
    _ = fmt.gettext
    x0, x1, top = box
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    align = "right" if rtl else "left"
    start = x1 if rtl else x0
    sign = -1 if rtl else 1

    def group(heading: str, x: float, y: float, rows: list[tuple[dict[str, Any], str, float]]) -> float:
        """A heading, then rows of (shape, label, row height) from ``y`` pixels below ``top``; returns the new y."""
        notes.append({"text": f"<b>{html_text(heading)}</b>", "x": x, "y": top, "yshift": -y, "xanchor": align,
                      "yanchor": "top"})
        y += 24
        centre = sign * (CIRCLE_MAX / 2 + 2)
        for shape, label, height in rows:
            middle = -y - height / 2
            shape.update({"xref": "paper", "yref": "paper", "xsizemode": "pixel", "ysizemode": "pixel",
                          "xanchor": x, "yanchor": top})
            for k in ("x0", "x1"):
                shape[k] += centre
            for k in ("y0", "y1"):
                shape[k] += middle
            shapes.append(shape)
            notes.append({"text": label, "x": x, "xshift": sign * (CIRCLE_MAX + 10), "y": top, "yshift": middle,
                          "xanchor": align, "yanchor": "middle"})
            y += height + 4
        return y + 10

    circles: list[tuple[dict[str, Any], str, float]] = []
    for value in _key_values(data.peak) if data.peak else []:
        d = _circle(value, data.peak)
        circles.append(({"type": "circle", "x0": -d / 2, "x1": d / 2, "y0": -d / 2, "y1": d / 2,
                         "fillcolor": CIRCLE_COLOUR, "line": {"color": CIRCLE_LINE, "width": 1}},
                        fmt.integer(value), max(d, 14)))
    lines: list[tuple[dict[str, Any], str, float]] = []
    widths = sorted({data.peak_links, max(1, round(data.peak_links / 2)), 1}, reverse=True) if data.peak_links else []
    for value in widths:
        lines.append(({"type": "line", "x0": -CIRCLE_MAX / 2, "x1": CIRCLE_MAX / 2, "y0": 0, "y1": 0,
                       "line": {"color": FLOW_COLOUR, "width": round(_flow_width(value, data.peak_links), 2)}},
                      fmt.integer(value), 14))
    if set(data.codes) - set(data.counts):
        r = LINK_ONLY_DOT / 2
        lines.append(({"type": "circle", "x0": -r, "x1": r, "y0": -r, "y1": r, "fillcolor": LINK_ONLY_COLOUR,
                       "line": {"color": "white", "width": 1}}, html_text(_("Links, no activity")), 14))
    y = 0.0
    if circles:
        y = group(_("Activities"), start, y, circles)
    if lines:
        second = start + sign * (x1 - x0) / 2 if columns and circles else start
        group(_("Cross-border links"), second, 0.0 if columns and circles else y, lines)
    for note in notes:
        note.update({"xref": "paper", "yref": "paper", "showarrow": False, "font": {"size": 11}})
    return shapes, notes


def _map_alt(fmt: Formatter, shown: Sequence[CountChange], flows: Sequence[BorderPair]) -> str:
    """Text alternative: how many countries, the most affected, the strongest flows."""
    _ = fmt.gettext
    top = fmt.join(f"{fmt.country(r.key)} ({fmt.integer(r.count)})" for r in shown[:3])
    text = _("Map of %(count)s countries with activities in the period; most in %(top)s.",
             count=fmt.integer(len(shown)), top=top or "—")
    if flows:
        strongest = fmt.join(f"{fmt.countries(p.countries[:2])} ({fmt.integer(p.links)})" for p in flows[:3])
        text += " " + _("%(count)s country pairs joined by cross-border links are drawn; the most links: %(top)s.",
                        count=fmt.integer(len(flows)), top=strongest)
    return text


def _map_tables(fmt: Formatter, countries: Sequence[CountChange],
                flows: Sequence[BorderPair]) -> tuple[FigureTable, ...]:
    """The map's data: activities per country (both periods), links per country pair."""
    _ = fmt.gettext
    rows = tuple((fmt.country(r.key), fmt.integer(r.count), fmt.integer(r.previous_count))
                 for r in countries if r.count)
    tables = [FigureTable((_("Country"), _("Activities"), _("Previous period")), rows, (False, True, True))]
    if flows:
        tables.append(FigureTable((_("Countries"), _("Links")),
                                  tuple((fmt.countries(p.countries[:2]), fmt.integer(p.links)) for p in flows),
                                  (False, True)))
    return tuple(tables)
