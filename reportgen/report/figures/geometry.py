"""Geometry of the network charts in plot pixels: packed community cells, members inside them, contact rings.

Pure functions over graphs and sizes; every random step is seeded, so the
same network gives the same positions. Coordinates are plot pixels with y
upwards (see :mod:`.placement`).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence

import networkx as nx
import numpy as np

#: Share of the plot area the cells' discs cover (the rest is room between them and for labels).
CELL_FILL = 0.5
#: Empty room between two cells, in pixels: a gap that shows on the page (the PDF prints a link chart's
#: pixel as about 0.8 pt: see :data:`~.layout.MIN_CELL_GAP_PT`). Each cell's number badge sits on its rim,
#: turned away from the others.
CELL_GAP = 27.0
#: Room between a cell's rim and its members' markers, in pixels.
CELL_PAD = 10.0
#: Least room between the edges of two markers, in pixels.
NODE_GAP = 7.0
#: Rounds of the overlap-removal passes.
RELAX_ROUNDS = 300

Point = tuple[float, float]
#: A region nodes are kept inside: ("disc", cx, cy, r) or ("rect", x0, y0, x1, y1).
Region = tuple[str, float, float, float, float] | tuple[str, float, float, float]


def spring(graph: nx.Graph, seed: int, weight: str | None = "weight", pos: Mapping | None = None,
           fixed: Sequence | None = None) -> dict[Hashable, np.ndarray]:
    """A seeded spring layout, independent of the order nodes and edges were added in."""
    ordered: nx.Graph = nx.Graph()
    ordered.add_nodes_from(sorted(graph, key=str))
    ordered.add_edges_from(sorted(((u, v, d) for u, v, d in graph.edges(data=True)),
                                  key=lambda e: (str(min(e[0], e[1], key=str)), str(max(e[0], e[1], key=str)))))
    if ordered.number_of_nodes() == 1:
        return {next(iter(ordered)): np.zeros(2)}
    k = 1.0 / math.sqrt(ordered.number_of_nodes())
    return nx.spring_layout(ordered, seed=seed, k=k, iterations=150, weight=weight, pos=pos, fixed=fixed)


def pack_cells(sizes: Mapping[int, int], links: Sequence[tuple[int, int, float]], width: float, height: float,
               seed: int, fill: float = CELL_FILL, pad: float = CELL_PAD,
               gap: float = CELL_GAP) -> dict[int, tuple[float, float, float]]:
    """Discs for communities: area in proportion to members, linked ones near each other, none overlapping.

    The discs cover about ``fill`` of the area, each ``pad`` pixels wider
    than its share and ``gap`` pixels from the next. Returns
    ``{community: (x, y, radius)}`` inside ``[0, width] × [0, height]``.
    """
    keys = sorted(sizes)
    if not keys:  # nothing the audience may see, or no community large enough to draw
        return {}
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(keys)
    graph.add_weighted_edges_from(links)
    start = spring(graph, seed)
    total = sum(sizes.values())
    scale = math.sqrt(fill * width * height / (math.pi * total))
    for _attempt in range(20):
        radii = np.array([scale * math.sqrt(sizes[k]) + pad for k in keys])
        centre = np.array([start[k] for k in keys], dtype=float).reshape(len(keys), 2)
        span = np.abs(centre).max(axis=0)
        span[span == 0] = 1.0
        xy = np.column_stack([
            width / 2 + centre[:, 0] / span[0] * (width / 2 - radii.max()),
            height / 2 + centre[:, 1] / span[1] * (height / 2 - radii.max()),
        ])
        xy, overlap = _separate(xy, radii + gap / 2, ("rect", 0.0, 0.0, width, height), radii)
        if overlap < 0.5:
            break
        scale *= 0.93
    return {k: (round(float(x), 2), round(float(y), 2), round(float(r), 2))
            for k, (x, y), r in zip(keys, xy, radii, strict=True)}


def _separate(xy: np.ndarray, reach: np.ndarray, region: Region, inset: np.ndarray) -> tuple[np.ndarray, float]:
    """Push discs apart until none overlaps another, keeping each inside ``region``.

    ``reach`` is each disc's radius for the overlap test, ``inset`` how far
    its centre stays from the region's edge. Returns the positions and the
    largest overlap left, in pixels.
    """
    xy = xy.copy()
    n = len(xy)
    if n < 2:
        return _clamp(xy, region, inset), 0.0
    need = reach[:, None] + reach[None, :]
    np.fill_diagonal(need, 0.0)
    # A fixed, tiny nudge separates discs that start at the same point.
    nudge = np.column_stack([np.cos(np.arange(n) * 2.399), np.sin(np.arange(n) * 2.399)]) * 1e-3
    worst = 0.0
    for _round in range(RELAX_ROUNDS):
        delta = xy[:, None, :] - xy[None, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=2))
        overlap = np.clip(need - distance, 0.0, None)
        np.fill_diagonal(overlap, 0.0)
        worst = float(overlap.max())
        if worst < 0.25:
            break
        direction = delta / np.where(distance == 0, 1.0, distance)[:, :, None]
        direction[distance == 0] = 0.0
        push = (direction * (overlap / 2 + 0.05 * (overlap > 0))[:, :, None]).sum(axis=1)
        xy = _clamp(xy + push + nudge * (overlap.sum(axis=1) > 0)[:, None], region, inset)
    return xy, worst


def _clamp(xy: np.ndarray, region: Region, inset: np.ndarray) -> np.ndarray:
    """Positions moved back inside the region, each at least its ``inset`` from the edge."""
    if region[0] == "rect":
        _kind, x0, y0, x1, y1 = region  # type: ignore[misc]
        return np.column_stack([np.clip(xy[:, 0], x0 + inset, x1 - inset), np.clip(xy[:, 1], y0 + inset, y1 - inset)])
    _kind, cx, cy, r = region  # type: ignore[misc]
    offset = xy - np.array([cx, cy])
    distance = np.sqrt((offset ** 2).sum(axis=1))
    limit = np.clip(r - inset, 0.0, None)
    factor = np.where(distance > limit, limit / np.where(distance == 0, 1.0, distance), 1.0)
    return np.array([cx, cy]) + offset * factor[:, None]


def members_in_region(graph: nx.Graph, members: Sequence[str], pulls: Mapping[str, Mapping[Point, float]],
                      region: Region, sizes: Mapping[str, float], seed: int) -> dict[str, Point]:
    """Members of one cell laid out inside ``region``, drawn towards the cells they link to.

    ``pulls[v]`` maps a direction (a unit vector towards another cell) to the
    number of links ``v`` has there: fixed anchors outside the cell pull
    brokers to the side of the cells they reach, as an analyst would draw them.
    """
    sub: nx.Graph = nx.Graph(graph.subgraph(members))
    anchors: dict[str, np.ndarray] = {}
    for v in members:
        for direction, count in pulls.get(v, {}).items():
            anchor = f"\x00{direction[0]:.3f},{direction[1]:.3f}"
            anchors.setdefault(anchor, 2.5 * np.array(direction))
            sub.add_edge(v, anchor, weight=0.4 * count)
    layout = spring(sub, seed, pos=dict(anchors), fixed=sorted(anchors)) if anchors else spring(sub, seed)
    xy = np.array([layout[v] for v in members], dtype=float).reshape(len(members), 2)
    return _fit(xy, members, region, sizes)


def _fit(xy: np.ndarray, members: Sequence[str], region: Region, sizes: Mapping[str, float]) -> dict[str, Point]:
    """Spread a layout evenly over ``region``, then push markers apart until none touches another.

    Each node keeps its direction from the layout's centre; its distance
    becomes ``sqrt(rank / n)`` of the region's half-size, so nodes cover
    the region evenly instead of bunching in the middle around a few
    outliers (spring layouts do that), and the layout's neighbourhoods stay.
    """
    half = np.array([sizes[v] / 2 for v in members])
    xy = xy - xy.mean(axis=0)
    n = len(members)
    distance = np.sqrt((xy ** 2).sum(axis=1))
    order = np.argsort(distance, kind="stable")
    spread = np.empty(n)
    spread[order] = np.sqrt((np.arange(n) + 0.5) / n) if n > 1 else 0.0
    unit = xy / np.where(distance == 0, 1.0, distance)[:, None]
    unit[distance == 0] = 0.0
    if region[0] == "rect":
        _kind, x0, y0, x1, y1 = region  # type: ignore[misc]
        room = np.array([(x1 - x0) / 2 - half.max(), (y1 - y0) / 2 - half.max()])
        # Corners too: a disc's spread stretched to the rectangle's diagonal, then clamped.
        xy = np.array([(x0 + x1) / 2, (y0 + y1) / 2]) + unit * spread[:, None] * room * 1.15
    else:
        _kind, cx, cy, r = region  # type: ignore[misc]
        xy = np.array([cx, cy]) + unit * spread[:, None] * max(r - half.max(), 0.0)
    xy, _worst = _separate(xy, half + NODE_GAP / 2, region, half)
    return {v: (round(float(x), 2), round(float(y), 2)) for v, (x, y) in zip(members, xy, strict=True)}


def ring(count: int, width: float, height: float, margin_x: float, margin_y: float) -> list[tuple[Point, float]]:
    """``count`` points evenly spaced along an ellipse around the plot's centre, from the top clockwise.

    Spaced by arc length rather than by angle, so that the flatter sides of
    the ellipse are not crowded. Each point comes with its angle from the
    centre (where its label should go).
    """
    cx, cy = width / 2, height / 2
    a, b = max(width / 2 - margin_x, width / 6), max(height / 2 - margin_y, height / 6)
    t = np.linspace(math.pi / 2, math.pi / 2 - 2 * math.pi, 2049)
    xs, ys = a * np.cos(t), b * np.sin(t)
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(xs), np.diff(ys)))])
    points = []
    for i in range(count):
        k = int(np.searchsorted(arc, arc[-1] * i / max(count, 1)))
        x, y = float(xs[k]), float(ys[k])
        points.append(((round(cx + x, 2), round(cy + y, 2)), math.atan2(y, x)))
    return points


def satellites(discs: Mapping[str, tuple[float, float, float]], wanted: Sequence[str], radius: float, gap: float,
               angles: Sequence[float], area: tuple[float, float], overlap: float = 0.0,
               boxes: Sequence[tuple[float, float, float, float]] = ()) -> dict[str, Point]:
    """A small disc of ``radius`` on the rim of each disc of ``wanted``, covering no other: a status badge.

    ``discs`` are every disc drawn (x, y, r); each satellite reaches
    ``overlap`` pixels into its own disc (at ``overlap`` 0 it stands
    ``gap`` off it) and sits at the first of ``angles`` (radians, 0 =
    right) where it keeps ``gap`` from every other disc and satellite and
    stays inside ``area`` (width, height); where no angle does, at the one
    that covers the least. ``boxes`` (x0, y0, x1, y1: the names) it keeps
    ``gap`` from too.
    """
    placed: dict[str, Point] = {}
    others = list(discs.items())
    for key in wanted:
        x, y, r = discs[key]
        best: tuple[float, Point] | None = None
        for angle in angles:
            reach = r + radius - overlap if overlap else r + gap + radius
            point = (round(x + reach * math.cos(angle), 2), round(y + reach * math.sin(angle), 2))
            cost = sum(max(0.0, radius + gap + orr - math.dist(point, (ox, oy)))
                       for other, (ox, oy, orr) in others if other != key)
            cost += sum(max(0.0, 2 * radius + gap - math.dist(point, p)) for p in placed.values())
            cost += sum(max(0.0, radius + gap - math.dist(point, (min(max(point[0], x0), x1),
                                                                  min(max(point[1], y0), y1))))
                        for x0, y0, x1, y1 in boxes)
            px, py = point
            cost += max(0.0, radius - px) + max(0.0, radius - py) + max(0.0, px + radius - area[0]) \
                + max(0.0, py + radius - area[1])
            if best is None or cost < best[0] - 1e-9:
                best = (cost, point)
            if cost == 0:
                break
        assert best is not None
        placed[key] = best[1]
    return placed
