"""The map's names: country names beside their circles, on leader lines where the circles crowd.

Names are placed by the network charts' placement (:func:`.placement.place_labels`,
font metrics, discs kept clear, leader lines), in plot pixels with y up from
the panel's lower left corner; :class:`~.mapgeo.View` turns them into
longitudes and latitudes. Names of countries off the main panel go where
their lines leave it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import plotly.graph_objects as go

from .base import FONT_FAMILY
from .mapgeo import (
    CIRCLE_CLEARANCE,
    EXIT_COLOUR,
    EXIT_MARGIN,
    LABEL_SIZE,
    LEADER_COLOUR,
    TEXT_COLOUR,
    TEXT_POSITIONS,
    Box,
    Place,
    View,
    _Data,
    _great_circle,
    _label,
    _overlaps,
    exit_name,
)
from .placement import DIRECTIONS, DIRECTIONS_RTL, Label, LabelRequest, Mark, Segment, place_labels
from .placement import Box as PlotBox
from .textsize import text_width


def place_names(data: _Data, names: dict[str, str], places: dict[str, Place], panel: View, codes: Sequence[str],
            labelled: Sequence[str], rtl: bool, reserved: Sequence[Box] = (), leaders: bool = True) -> list[Label]:
    """Names of ``labelled`` placed in ``panel`` clear of each other and of every circle of ``codes``.

    Placement (:func:`.placement.place_labels`) works in plot pixels, y up,
    from the panel's lower left corner; ``reserved`` are areas in panel
    pixels (y down) no name may cover. With ``leaders``, a name that finds
    no room beside its circle may stand off it on a leader line, crossing
    the flows as little as possible; a name with no room at all is left out
    (the country is in the hover text and the data table).
    """
    left, top, width, height = panel.frame

    def plot(code: str) -> tuple[float, float]:
        x, y = panel.pixel(*places[code].point)
        return x - left, top + height - y

    marks = [Mark(code, *plot(code), data.diameter(code) / 2 + CIRCLE_CLEARANCE) for code in codes]
    requests = [LabelRequest(code, names[code], LABEL_SIZE, required=leaders,
                             directions=DIRECTIONS_RTL if rtl else DIRECTIONS) for code in labelled]
    boxes = [PlotBox(x0 - left, top + height - y1, x1 - left, top + height - y0) for x0, y0, x1, y1 in reserved]
    # A name also keeps out of the square around each circle: a name on a diagonal stands off its own
    # circle's corner, where a neighbouring circle drawn over it would cut it.
    boxes += [PlotBox(m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r) for m in marks]
    segments = _flow_segments(data, places, panel) if leaders else []
    placement = place_labels(requests, marks, width, height, segments, boxes, leave_out_crowded=True)
    return placement.labels


def _flow_segments(data: _Data, places: dict[str, Place], panel: View) -> list[Segment]:
    """The flow lines in plot pixels (y up), as short straight pieces."""
    left, top, _width, height = panel.frame
    segments = []
    for pair in data.flows:
        a, b = (places[c].point for c in pair.countries[:2])
        points = [panel.pixel(lon, lat) for lon, lat in _great_circle(a, b, steps=24)]
        plotted = [(x - left, top + height - y) for x, y in points]
        segments += [(x0, y0, x1, y1) for (x0, y0), (x1, y1) in itertools.pairwise(plotted)]
    return segments


def pixel_box(panel: View, box: PlotBox) -> Box:
    """A box in plot pixels (y up) as a box in panel pixels (y down)."""
    left, top, _width, height = panel.frame
    return box.x0 + left, top + height - box.y1, box.x1 + left, top + height - box.y0


def exit_trace(data: _Data, names: dict[str, str], places: dict[str, Place], panel: View, inside: set[str],
               taken: list[Box], geo: str, rtl: bool = False) -> go.Scattergeo:
    """Names of the countries off the main panel, once each, where a line to them leaves it.

    The overview shows where they are; here the reader sees where the lines
    go without looking across. Each country outside the panel that a line
    (link flow or activity corridor, strongest first) leads to is named once,
    at the exit nearest the middle of its lines' exits (two names of one
    country at the edge read as two places). A name that would cover another
    name, a circle or a line that does not lead to its country slides along
    the edge, at most :data:`EXIT_SLIDE` pixels, or tries its next exit.
    """
    lines = [p.countries[:2] for p in sorted(data.flows, key=lambda p: (-p.links, p.countries))]
    lines += [p.countries[:2] for p in sorted(data.corridors, key=lambda p: (-p.activities, p.countries))]
    paths = [(set(pair), _panel_path(panel, places[pair[0]].point, places[pair[1]].point)) for pair in lines]
    exits: dict[str, list[tuple[float, float]]] = {}
    for a, b in lines:
        if (a in inside) != (b in inside):
            near, far = (a, b) if a in inside else (b, a)
            if (point := _exit_point(panel, places[near].point, places[far].point)) is not None:
                exits.setdefault(far, []).append(point)
    placed: list[tuple[str, tuple[float, float], str]] = []
    for far, points in exits.items():
        mean = (sum(x for x, _y in points) / len(points), sum(y for _x, y in points) / len(points))
        crossing = [path for ends, path in paths if far not in ends]
        for point in sorted(points, key=lambda q: math.dist(q, mean)):
            if (found := _exit_label(panel, point, names[far], taken, crossing)) is not None:
                placed.append((far, *found))
                break
    anchors = [panel.lonlat(*anchor) for _code, anchor, _position in placed]
    return go.Scattergeo(
        lon=[lon for lon, _lat in anchors], lat=[lat for _lon, lat in anchors], mode="text", geo=geo,
        text=[exit_name(names[code], rtl) for code, *_rest in placed], textposition=[p[2] for p in placed],
        textfont={"size": LABEL_SIZE, "color": EXIT_COLOUR, "family": FONT_FAMILY, "shadow": "auto"},
        hoverinfo="skip", uid=f"{geo}-exits",
    )


def _panel_path(panel: View, start: tuple[float, float], end: tuple[float, float]) -> list[tuple[float, float]]:
    """The great circle from ``start`` to ``end`` in panel pixels (as plotly draws the line)."""
    return [panel.pixel(lon, lat) for lon, lat in _great_circle(start, end)]


def crosses(box: Box, path: Sequence[tuple[float, float]]) -> bool:
    """Whether the polyline ``path`` runs through ``box`` (Liang–Barsky clipping of each piece)."""
    x0, y0, x1, y1 = box
    for (ax, ay), (bx, by) in itertools.pairwise(path):
        low, high = 0.0, 1.0
        dx, dy = bx - ax, by - ay
        for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
            if p == 0:
                if q < 0:
                    break
            elif p < 0:
                low = max(low, q / p)
            else:
                high = min(high, q / p)
        else:
            if low <= high:
                return True
    return False


#: How far along the panel's edge an off-panel name may slide from where its line leaves (pixels), and the step.
EXIT_SLIDE, EXIT_STEP = 60.0, 3.0


def _exit_point(panel: View, start: tuple[float, float], end: tuple[float, float]) -> tuple[float, float] | None:
    """The last point of the great circle from ``start`` to ``end`` inside the panel (pixels), if any."""
    left, top, width, height = panel.frame
    last = None
    for lon, lat in _great_circle(start, end):
        x, y = panel.pixel(lon, lat)
        if not (left + 2 <= x <= left + width - 2 and top + 2 <= y <= top + height - 2):
            break
        last = (x, y)
    return last


def _exit_label(panel: View, point: tuple[float, float], name: str, taken: list[Box],
                lines: Sequence[Sequence[tuple[float, float]]] = ()) -> tuple[tuple[float, float], str] | None:
    """The anchor and text position of an off-panel name at ``point`` on the edge, clear of ``taken`` (then added).

    The name goes inwards from the edge the line leaves by, whole inside the
    panel, and slides along that edge (nearest first) until it covers nothing
    and no line of ``lines`` (panel pixels) runs through it.
    """
    left, top, width, height = panel.frame
    x, y = point
    edges = {"left": x - left, "right": left + width - x, "top": y - top, "bottom": top + height - y}
    edge = min(edges, key=lambda e: edges[e])
    position = {"left": "right", "right": "left", "top": "bottom", "bottom": "top"}[edge]
    anchor, box = _label(position, x, y, 2, text_width(name, LABEL_SIZE))
    # Keep the whole name inside the panel.
    shift_x = max(0.0, left + EXIT_MARGIN - box[0]) - max(0.0, box[2] - (left + width - EXIT_MARGIN))
    shift_y = max(0.0, top + EXIT_MARGIN - box[1]) - max(0.0, box[3] - (top + height - EXIT_MARGIN))
    steps = sorted((k * EXIT_STEP for k in range(-int(EXIT_SLIDE / EXIT_STEP), int(EXIT_SLIDE / EXIT_STEP) + 1)),
                   key=abs)
    for step in steps:
        dx, dy = (shift_x, shift_y + step) if edge in ("left", "right") else (shift_x + step, shift_y)
        moved = (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
        if moved[1] < top + EXIT_MARGIN / 2 or moved[3] > top + height - EXIT_MARGIN / 2 \
                or moved[0] < left + EXIT_MARGIN / 2 or moved[2] > left + width - EXIT_MARGIN / 2:
            continue
        if not any(_overlaps(moved, other) for other in taken) and not any(crosses(moved, p) for p in lines):
            taken.append(moved)
            return (anchor[0] + dx, anchor[1] + dy), TEXT_POSITIONS[position]
    return None


def name_trace(labels: Sequence[Label], panel: View, geo: str) -> go.Scattergeo:
    """The country names placed by :func:`place_names`, as text centred on their boxes."""
    left, top, _width, height = panel.frame
    anchors = [panel.lonlat(label.x + left, top + height - label.y) for label in labels]
    return go.Scattergeo(
        lon=[lon for lon, _lat in anchors], lat=[lat for _lon, lat in anchors], mode="text", geo=geo,
        text=[label.text for label in labels], textposition="middle center",
        textfont={"size": LABEL_SIZE, "color": TEXT_COLOUR, "family": FONT_FAMILY, "shadow": "auto"},
        hoverinfo="skip", uid=f"{geo}-labels",
    )


def leader_trace(labels: Sequence[Label], panel: View, geo: str) -> go.Scattergeo:
    """Thin lines from a circle to its name, for the names that stand off their circle."""
    left, top, _width, height = panel.frame
    lons: list[float | None] = []
    lats: list[float | None] = []
    for label in labels:
        if label.leader is None:
            continue
        x0, y0, x1, y1 = label.leader
        for x, y in ((x0, y0), (x1, y1)):
            lon, lat = panel.lonlat(x + left, top + height - y)
            lons.append(round(lon, 4))
            lats.append(round(lat, 4))
        lons.append(None)
        lats.append(None)
    return go.Scattergeo(lon=lons, lat=lats, mode="lines", geo=geo, line={"color": LEADER_COLOUR, "width": 0.8},
                         hoverinfo="skip", uid=f"{geo}-leaders")
