"""Geometry and data of the map: the bundled base map, plotly's Mercator fitting, label boxes.

Figure-free: :mod:`.map` draws with what this computes (see its docstring).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ...analysis.results import ActivityPair, BorderPair, CountChange
from .base import html_text

#: Margin around the points of interest, as a share of their extent (at least ``PAD_MIN`` radians).
PAD_SHARE, PAD_MIN = 0.1, 0.08
LAND, LAND_INVOLVED, OCEAN, BORDER = "#e5e7eb", "#d3dbe5", "#f4f7fa", "#ffffff"

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


#: Room kept between a circle and any name but its own, in pixels.
CIRCLE_CLEARANCE = 1.5


#: Leader lines from a circle to a name that stands off it.
LEADER_COLOUR = "#6b7280"


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
SINGLE = Plan(((0.0, 0.8), (0.0, 1.0)), None, (0.83, 1.0, 1.0), 420)


#: The crowded region in the main panel; the whole extent in an overview above the key.
INSET = Plan(((0.0, 0.66), (0.0, 1.0)), ((0.68, 1.0), (0.52, 1.0)), (0.69, 1.0, 0.46), 500)


CIRCLE_COLOUR = "rgba(0, 114, 178, 0.55)"


CIRCLE_LINE = "#0b4f80"


LINK_ONLY_COLOUR = "#6b7280"


FLOW_COLOUR = "rgba(213, 94, 0, 0.7)"


#: Activity corridors: dashed, in the circles' blue (activities), so that no reader takes one for a link flow.
CORRIDOR_COLOUR, CORRIDOR_DASH = "rgba(11, 79, 128, 0.85)", "5px,3px"
#: Width of the thinnest and the thickest corridor, in pixels (thinner than the flows: dashes would cover names).
CORRIDOR_WIDTHS = (1.0, 3.5)


#: Names of countries off the main panel, where their line leaves it: italic, in the flows' orange.
EXIT_COLOUR = "#9c3d00"
#: Pixels between such a name and the panel's edge (estimated widths run short for some scripts).
EXIT_MARGIN = 6.0


def exit_name(name: str, rtl: bool) -> str:
    """An off-panel country's name as drawn: italic, but never in Arabic script (its typography has no italics)."""
    return html_text(name) if rtl else f"<i>{html_text(name)}</i>"


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


#: plotly's text position for a label anchored at the circle's edge on each side.
TEXT_POSITIONS = {"right": "middle right", "left": "middle left", "top": "top center", "bottom": "bottom center",
                  "top right": "top right", "bottom right": "bottom right", "top left": "top left",
                  "bottom left": "bottom left"}


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


@dataclass
class _Data:
    """The countries and flows one map draws, with what their symbols and hover texts need."""

    codes: list[str]
    counts: dict[str, CountChange]
    partners: dict[str, list[tuple[int, str]]]
    flows: list[BorderPair]
    peak: int
    peak_links: int
    #: Activity corridors drawn (pairs of countries with activities recorded in both).
    corridors: list[ActivityPair] = field(default_factory=list)
    peak_corridor: int = 0

    def diameter(self, code: str) -> float:
        row = self.counts.get(code)
        return _circle(row.count, self.peak) if row else LINK_ONLY_DOT


def _circle(count: int, peak: int) -> float:
    """Diameter of a circle whose area is proportional to ``count``."""
    return max(CIRCLE_MIN, CIRCLE_MAX * math.sqrt(count / peak)) if peak and count else LINK_ONLY_DOT


def _flow_width(links: int, peak: int, widths: tuple[float, float] = FLOW_WIDTHS) -> float:
    """A line's width for ``links`` (or activities) out of the ``peak``, between the two ``widths``."""
    low, high = widths
    return low if peak <= 1 else low + (high - low) * (links - 1) / (peak - 1)


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


def _great_circle_midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The middle of the great circle from ``a`` to ``b``, where plotly draws the line's middle."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    bx, by = math.cos(lat2) * math.cos(lon2 - lon1), math.cos(lat2) * math.sin(lon2 - lon1)
    lat = math.atan2(math.sin(lat1) + math.sin(lat2), math.sqrt((math.cos(lat1) + bx) ** 2 + by ** 2))
    lon = lon1 + math.atan2(by, math.cos(lat1) + bx)
    return round(math.degrees(lon), 3), round(math.degrees(lat), 3)
