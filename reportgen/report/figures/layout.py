"""Layouts of the network charts, computed once per build for every language.

A layout fixes, in plot pixels (see :mod:`.placement`), where every node,
community cell and label goes; the figure functions only dress it in a
language's words. Which chart a network gets is chosen in
:func:`reportgen.report.model.chart_choices`:

- up to :data:`~reportgen.report.model.LINK_CHART_LIMIT` entities, the
  **link chart** of the whole network: communities first packed as discs
  (area in proportion to members, linked communities side by side), then
  each community's members laid out inside its disc, pulled towards the
  cells they have links into;
- above, the **cell view** (one disc per community, aggregated links) and a
  link chart of each leading community.

The **contact charts** put a key player in the middle and their direct
contacts on a ring, each labelled outwards.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ...analysis.results import Analysis, CommunityLink, EntityMetrics
from ..model import LINK_CHART_LIMIT, ChartChoices, chart_choices
from . import geometry
from .base import EGO_COUNT, LAYOUT_SEED, STATUS_SYMBOLS, TYPE_SYMBOLS
from .placement import DIRECTIONS_FINE, LABEL_GAP, LEADER_FROM, Label, LabelRequest, Mark, label_size, place_labels
from .room import make_room

#: Plot area of the link charts and the cell view, in CSS pixels (the legend is added beside it).
LINK_PLOT = (580.0, 470.0)
#: Plot area of a contact chart (with its legend, the width of a portrait A4 page).
EGO_PLOT = (450.0, 440.0)
#: Plot area of the cell view when it is not the network diagram but the communities section's
#: figure, on a portrait page.
CELL_PORTRAIT_PLOT = (430.0, 400.0)
#: Font size of node labels, and of the labels of key players and brokers (bold), in pixels.
LABEL_SIZE, KEY_LABEL_SIZE = 10.0, 10.5
#: How far a link chart's name may stand from its node's edge (pixels): beside it up to
#: :data:`~.placement.LEADER_FROM`, beyond on a leader line; any room within :data:`NEAR_OFFSET` is
#: taken before the last, farther offsets, for a name that must be shown among crowded neighbours.
LINK_OFFSETS, NEAR_OFFSET = (0.0, 3.0, 6.0, 10.0, 15.0, 22.0, 34.0), 22.0
#: The farthest a link chart's name is from its node's edge without a leader line, and with one, in
#: plot pixels (a plot pixel prints as about 0.8 pt in the PDF: 6.4 and 29 pt).
MAX_LABEL_DISTANCE, MAX_LEADER = LABEL_GAP + LEADER_FROM, LABEL_GAP + LINK_OFFSETS[-1]
#: The least gap between two community discs of a link chart on the PDF's page, in points (the discs are
#: :data:`.geometry.CELL_GAP` pixels apart, and the network diagram's page prints a pixel as 0.74–0.85 pt,
#: by the width of its legends in the language).
MIN_CELL_GAP_PT = 18.0
#: Marker diameter of the least and the most central node, in pixels.
NODE_SIZES = (7.0, 19.0)
#: Marker diameter of the key player in the middle of a contact chart.
EGO_CENTRE_SIZE = 22.0
#: Status badge: diameter of its white disc and of the sign on it, and the room between it and the other
#: nodes (pixels).
BADGE_DISC, BADGE_SIGN, BADGE_GAP = 10.0, 7.0, 1.0
#: How far a badge reaches into its own node's marker (pixels): pinned on the node's rim, it reads as the
#: node's, not as a small node beside it; its centre stays outside the marker, so most of the role colour shows.
BADGE_OVERLAP = 3.0
#: Where a badge goes around its node, first choice first: the upper right shoulder, then round the
#: node, the first place clear of the neighbours (the same in every language, like the names).
BADGE_ANGLES = tuple(math.radians(a) for a in (45, 135, -45, -135, 90, 0, 180, -90, 22.5, 157.5, -22.5, -157.5))
#: Passes of a link chart's label placement that start with the names the last one could not place.
LABEL_RETRIES = 3
#: Diameter of a cell's number badge, and the room it keeps from the other cells and the plot's edge.
CELL_BADGE_SIZE, CELL_BADGE_CLEAR = 17.0, 12.0
#: Communities with fewer members than this share one pooled cell.
SMALL_COMMUNITY = 3
#: Contacts drawn at most in one contact chart (the most central ones).
EGO_LIMIT = 36
#: Cell view: share of the plot the discs cover, room between discs (pixels: clear of each other, with room
#: for a line and its count between them), links drawn at most.
CELL_VIEW_FILL, CELL_VIEW_GAP, CELL_LINKS = 0.2, 22.0, 80
#: Cell view: the largest communities whose leader is named, and the strongest links whose count is written.
CELL_NAMES, CELL_LINK_LABELS = 20, 30
#: Cell view: lines a leader's name may cross.
CELL_NAME_CROSSINGS = 6
#: How far each marker symbol reaches from its centre, in marker diameters.
SYMBOL_REACH = {"circle": 0.5, "square": 0.71, "diamond": 0.66, "diamond-wide": 0.7, "pentagon": 0.55,
                "hexagon": 0.55, "triangle-up": 0.66, "triangle-down": 0.66}
#: Pooled small communities are drawn in this cell.
POOLED = -1


@dataclass
class Cell:
    """A community's disc: its centre and radius, and where its number badge sits."""

    community: int
    x: float
    y: float
    r: float
    members: int
    badge: tuple[float, float] | None


@dataclass
class ChartLayout:
    """One link or contact chart: nodes, their sizes and places, cells and labels, in plot pixels."""

    width: float
    height: float
    nodes: list[str]
    positions: dict[str, tuple[float, float]]
    sizes: dict[str, float]
    labels: list[Label]
    cells: list[Cell] = field(default_factory=list)
    #: Entities the chart stands for (more than ``nodes`` when only the most central are drawn).
    total: int = 0
    #: The key player in the middle of a contact chart.
    centre: str | None = None
    #: Required labels that found no free room (the tests expect none).
    crowded: list[str] = field(default_factory=list)
    #: Where each flagged node's status badge sits (see :func:`status_badges`).
    badges: dict[str, tuple[float, float]] = field(default_factory=dict)


@dataclass
class CellView:
    """The network as communities: one disc per community, links aggregated between them."""

    width: float
    height: float
    cells: list[Cell]
    links: list[CommunityLink]
    #: Leader names beside the discs, and link counts on the lines.
    labels: list[Label]


def layouts(analysis: Analysis, choices: ChartChoices | None = None) -> dict[str, Any]:
    """Every network chart's layout: ``network`` (or ``None`` above the limit), ``communities``, ``cells``, ``egos``.

    ``choices`` is the build's :func:`~reportgen.report.model.chart_choices` (computed here if not given).
    """
    choices = choices or chart_choices(analysis)
    entities = analysis.entity_index
    plot = CELL_PORTRAIT_PLOT if choices.link_chart else LINK_PLOT
    result: dict[str, Any] = {"network": None, "communities": cell_view(analysis, plot), "cells": {}, "egos": {}}
    if choices.link_chart:
        result["network"] = link_chart(analysis, sorted(entities), choices.named)
    for community in choices.cell_charts:
        members = next(c.members for c in analysis.communities if c.id == community)
        result["cells"][community] = link_chart(analysis, members, choices.named)
    for v in analysis.key_players.overall[:EGO_COUNT]:
        result["egos"][v] = ego_chart(analysis, v)
    return result


def node_sizes(entities: dict[str, EntityMetrics], nodes: list[str]) -> dict[str, float]:
    """Marker diameters by betweenness, relative to the most central node drawn."""
    peak = max((entities[v].betweenness for v in nodes), default=0.0) or 1.0
    low, high = NODE_SIZES
    return {v: round(low + (high - low) * math.sqrt(max(entities[v].betweenness, 0.0) / peak), 2) for v in nodes}


def node_reach(entity: EntityMetrics, size: float) -> float:
    """How far a node's marker reaches from its centre, its white outline included (pixels)."""
    return size * SYMBOL_REACH.get(TYPE_SYMBOLS.get(entity.type, "circle"), 0.71) + 0.4


def status_badges(entities: dict[str, EntityMetrics], layout: ChartLayout) -> dict[str, tuple[float, float]]:
    """Where the badge of each node with a flagged status goes: on its rim, clear of its neighbours and names."""
    discs = {v: (*layout.positions[v], node_reach(entities[v], layout.sizes[v])) for v in layout.nodes}
    flagged = [v for v in layout.nodes if entities[v].status in STATUS_BADGES]
    names = [(lb.box.x0, lb.box.y0, lb.box.x1, lb.box.y1) for lb in layout.labels]
    return geometry.satellites(discs, flagged, BADGE_DISC / 2, BADGE_GAP, BADGE_ANGLES,
                               (layout.width, layout.height), BADGE_OVERLAP, names)


def chart_marks(entities: dict[str, EntityMetrics], layout: ChartLayout) -> list[Mark]:
    """Every marker of a chart as a disc labels must keep clear of: nodes, status badges, cell badges."""
    marks = []
    for v in layout.nodes:
        x, y = layout.positions[v]
        marks.append(Mark(v, x, y, node_reach(entities[v], layout.sizes[v]) + 0.6))
        if v in layout.badges:
            marks.append(Mark(f"{v}\x00badge", *layout.badges[v], BADGE_DISC / 2 + 0.5))
    for cell in layout.cells:
        if cell.badge:
            marks.append(Mark(f"\x00cell{cell.community}", *cell.badge, CELL_BADGE_SIZE / 2 + 1.0))
    return marks


#: Statuses shown by a badge on the node (the others need no warning sign).
STATUS_BADGES = tuple(STATUS_SYMBOLS)


def _label_requests(analysis: Analysis, nodes: list[str], required: set[str],
                    cells: list[Cell]) -> list[LabelRequest]:
    """Labels in priority order: required ones (key players, brokers, leaders) first, then by key-player score.

    Each keeps out of the other communities' ``cells``, where it would read as one of their members.
    """
    entities = analysis.entity_index
    ranked = sorted(nodes, key=lambda v: (v not in required, -entities[v].key_player_score, v))
    drawn = {c.community for c in cells}

    def foreign(v: str) -> tuple[tuple[float, float, float], ...]:
        own = entities[v].community if entities[v].community in drawn else POOLED
        return tuple((c.x, c.y, c.r) for c in cells if c.community != own)

    return [
        LabelRequest(v, entities[v].name, KEY_LABEL_SIZE if v in required else LABEL_SIZE, required=v in required,
                     bold=v in required, foreign=foreign(v), directions=DIRECTIONS_FINE if v in required else None)
        for v in ranked
    ]


def _required(analysis: Analysis, nodes: list[str], named: tuple[str, ...] = ()) -> set[str]:
    """Who must be named on a link chart: key players, brokers, ``named`` and each community's leader."""
    shown = set(nodes)
    leaders = (c.leader for c in analysis.communities if c.size >= SMALL_COMMUNITY)
    wanted = {*analysis.key_players.overall, *analysis.brokers, *named, *leaders}
    return wanted & shown


def link_chart(analysis: Analysis, members: list[str], named: tuple[str, ...] = ()) -> ChartLayout:
    """The link chart of ``members`` (all entities, or one community), grouped by community.

    ``named`` (the report model's choice) are labelled whatever the room, with the key players,
    brokers and community leaders; the others only where room remains.
    """
    entities = analysis.entity_index
    nodes = sorted(members, key=lambda v: (-entities[v].key_player_score, v))[:LINK_CHART_LIMIT]
    nodes.sort()
    width, height = LINK_PLOT
    sizes = node_sizes(entities, nodes)
    required = _required(analysis, nodes, named)
    room = _room(entities, sizes)
    groups = _groups(entities, nodes)
    cell_regions: dict[int, geometry.Region] = {}
    if len(groups) == 1:
        region = ("rect", 0.0, 0.0, width, height)
        positions = geometry.members_in_region(analysis.graph, nodes, {}, region, room, LAYOUT_SEED)
        cells: list[Cell] = []
    else:
        positions, cells = _grouped(analysis.graph, groups, room, width, height)
        cell_regions = {c.community: ("disc", c.x, c.y, c.r - geometry.CELL_PAD) for c in cells}
    layout = ChartLayout(width, height, nodes, positions, sizes, [], cells, total=len(members))
    regions = {v: (cell_regions.get(community, ("rect", 0.0, 0.0, width, height)), sizes[v] / 2)
               for community, group in groups.items() for v in group}
    _name_nodes(analysis, layout, _label_requests(analysis, nodes, required, cells), regions)
    return layout


def _name_nodes(analysis: Analysis, layout: ChartLayout, requests: list[LabelRequest],
                regions: dict[str, tuple[geometry.Region, float]]) -> None:
    """Names and status badges on a link chart: room made beside the named nodes first, then the other names.

    ``regions`` are where each node may be moved to make room (its cell, at its half size from the rim).
    """
    entities, size = analysis.entity_index, (layout.width, layout.height)
    marker = {v: node_reach(entities[v], layout.sizes[v]) + 0.6 for v in layout.nodes}
    reach = {v: (r, r + (BADGE_DISC - BADGE_OVERLAP) * (entities[v].status in STATUS_BADGES))
             for v, r in marker.items()}
    cell_marks = [m for m in chart_marks(entities, layout) if m.key.startswith("\x00cell")]
    made = make_room(requests, cell_marks, layout.positions, reach, regions, size)
    layout.positions, layout.labels = made.positions, made.labels
    layout.badges = status_badges(entities, layout)
    placed = {label.key for label in made.labels}
    placement = place_labels([r for r in requests if r.key not in placed], chart_marks(entities, layout), *size,
                             _segments(analysis.graph, layout), reserved=[lb.box for lb in made.labels],
                             offsets=LINK_OFFSETS, near=NEAR_OFFSET, retries=LABEL_RETRIES)
    layout.labels, layout.crowded = made.labels + placement.labels, placement.crowded


def _room(entities: dict[str, EntityMetrics], sizes: dict[str, float]) -> dict[str, float]:
    """The diameter kept free around each node: its marker, and the width of its status badge beside it."""
    return {v: size + (BADGE_DISC + BADGE_GAP if entities[v].status in STATUS_BADGES else 0.0)
            for v, size in sizes.items()}


def _groups(entities: dict[str, EntityMetrics], nodes: list[str]) -> dict[int, list[str]]:
    """Nodes by community; communities under :data:`SMALL_COMMUNITY` members pooled in one group."""
    groups: dict[int, list[str]] = defaultdict(list)
    for v in nodes:
        groups[entities[v].community].append(v)
    pooled = [v for members in groups.values() if len(members) < SMALL_COMMUNITY for v in members]
    result = {c: members for c, members in groups.items() if len(members) >= SMALL_COMMUNITY}
    if pooled:
        result[POOLED] = sorted(pooled)
    return result


def _grouped(graph: nx.Graph, groups: dict[int, list[str]], sizes: dict[str, float], width: float,
             height: float) -> tuple[dict[str, tuple[float, float]], list[Cell]]:
    """Cells packed first, then each cell's members laid out inside its disc."""
    community_of = {v: c for c, members in groups.items() for v in members}
    between: Counter[tuple[int, int]] = Counter()
    for u, v in graph.subgraph(community_of).edges():
        a, b = community_of[u], community_of[v]
        if a != b:
            between[(min(a, b), max(a, b))] += 1
    discs = geometry.pack_cells({c: len(m) for c, m in groups.items()},
                                [(a, b, float(n)) for (a, b), n in sorted(between.items())], width, height,
                                LAYOUT_SEED)
    positions: dict[str, tuple[float, float]] = {}
    cells = []
    for community in sorted(groups):
        x, y, r = discs[community]
        pulls = _pulls(graph, groups[community], community_of, discs, community)
        region = ("disc", x, y, r - geometry.CELL_PAD)
        positions.update(geometry.members_in_region(graph, groups[community], pulls, region, sizes, LAYOUT_SEED))
        badge = None if community == POOLED else _cell_badge(community, discs, width, height)
        cells.append(Cell(community, x, y, r, len(groups[community]), badge))
    return positions, cells


def _cell_badge(community: int, discs: dict[int, tuple[float, float, float]], width: float,
                height: float) -> tuple[float, float]:
    """Where a cell's number sits on its rim: upper left if free, else the side turned away from the other cells.

    Not in the gap between two cells, which it would seem to close.
    """
    x, y, r = discs[community]
    half = CELL_BADGE_SIZE / 2

    def clearance(angle: float) -> float:
        bx, by = x + r * math.cos(angle), y + r * math.sin(angle)
        edge = min(bx - half, by - half, width - bx - half, height - by - half)
        others = [math.dist((bx, by), (ox, oy)) - orr - half for c, (ox, oy, orr) in discs.items() if c != community]
        return min([edge, *others])

    angles = [math.radians(a) for a in (120, 60, 150, 30, 90, 180, 0, 210, 330, 240, 300, 270)]
    angle = next((a for a in angles if clearance(a) >= CELL_BADGE_CLEAR), max(angles, key=clearance))
    return round(x + r * math.cos(angle), 2), round(y + r * math.sin(angle), 2)


def _pulls(graph: nx.Graph, members: list[str], community_of: dict[str, int],
           discs: dict[int, tuple[float, float, float]], community: int) -> dict[str, dict[tuple[float, float], float]]:
    """For each member, the directions of the other cells it links to, with its number of links there."""
    x, y, _r = discs[community]
    pulls: dict[str, dict[tuple[float, float], float]] = {}
    for v in members:
        for u in graph.neighbors(v):
            other = community_of.get(u)
            if other is None or other == community:
                continue
            ox, oy, _ = discs[other]
            length = math.hypot(ox - x, oy - y) or 1.0
            direction = (round((ox - x) / length, 3), round((oy - y) / length, 3))
            pulls.setdefault(v, {}).setdefault(direction, 0.0)
            pulls[v][direction] += 1.0
    return pulls


def ego_chart(analysis: Analysis, centre: str) -> ChartLayout:
    """A key player in the middle and their most central contacts on a ring, every one labelled outwards."""
    entities = analysis.entity_index
    graph = analysis.graph
    contacts = sorted(graph.neighbors(centre), key=lambda v: (-entities[v].key_player_score, v))
    shown = contacts[:EGO_LIMIT]
    # Around the ring by community, then role, so that each cell's members sit together.
    shown.sort(key=lambda v: (entities[v].community, entities[v].roles[:1], entities[v].name, v))
    width, height = EGO_PLOT
    sizes = node_sizes(entities, shown)
    sizes[centre] = EGO_CENTRE_SIZE
    # Room for a typical name beside the ring; longer names find room above or below their node.
    widths = sorted(label_size(entities[v].name, LABEL_SIZE)[0] for v in shown) or [0.0]
    typical = widths[len(widths) // 2]
    ring = geometry.ring(len(shown), width, height, typical + NODE_SIZES[1] / 2 + 8, 2 * LABEL_SIZE + NODE_SIZES[1])
    positions = {centre: (width / 2, height / 2)}
    positions.update({v: point for v, (point, _angle) in zip(shown, ring, strict=True)})
    nodes = [centre, *shown]
    layout = ChartLayout(width, height, nodes, positions, sizes, [], total=len(contacts), centre=centre)
    layout.badges = status_badges(entities, layout)
    requests = [LabelRequest(centre, entities[centre].name, KEY_LABEL_SIZE, required=True, bold=True,
                             toward=math.pi / 2)]
    requests += [LabelRequest(v, entities[v].name, LABEL_SIZE, required=True, toward=angle)
                 for v, (_point, angle) in zip(shown, ring, strict=True)]
    placement = place_labels(requests, chart_marks(entities, layout), width, height, _segments(graph, layout))
    layout.labels, layout.crowded = placement.labels, placement.crowded
    return layout


def _segments(graph: nx.Graph, layout: ChartLayout) -> list[tuple[float, float, float, float]]:
    """The chart's lines, which labels should cross as little as possible."""
    p = layout.positions
    return [(*p[u], *p[v]) for u, v in sorted(graph.subgraph(layout.nodes).edges())]


def cell_view(analysis: Analysis, plot: tuple[float, float] = LINK_PLOT) -> CellView:
    """Communities as discs sized by members, the strongest links between them, leaders and counts labelled.

    Communities of fewer than :data:`SMALL_COMMUNITY` members (mostly
    entities linked to no one else) are left out; the figure's caption
    says how many entities they hold. ``plot`` is the plot area's size.
    """
    width, height = plot
    communities = {c.id: c for c in analysis.communities if c.size >= SMALL_COMMUNITY}
    links = sorted((k for k in analysis.community_links if k.source in communities and k.target in communities),
                   key=lambda link: (-link.links, link.source, link.target))[:CELL_LINKS]
    discs = geometry.pack_cells({c: communities[c].size for c in communities},
                                [(k.source, k.target, float(k.links)) for k in links], width, height, LAYOUT_SEED,
                                fill=CELL_VIEW_FILL, pad=2.0, gap=CELL_VIEW_GAP)
    cells = [Cell(cid, *discs[cid], communities[cid].size, None) for cid in sorted(communities)]
    marks = [Mark(str(c.community), c.x, c.y, c.r + 1.0) for c in cells]
    entities = analysis.entity_index
    ranked = sorted(communities.values(), key=lambda c: (-c.size, c.id))[:CELL_NAMES]
    # Names go next to their disc, on their white ground, or where the discs are packed too close
    # for that, out on a leader line; one with no room at all is left out (the table names it).
    # "7 · Name": the number ties a name to its disc (digits are Latin in every language).
    requests = [LabelRequest(str(c.id), f"{c.id} · {entities[c.leader].name}", LABEL_SIZE, required=True,
                             crossings=CELL_NAME_CROSSINGS) for c in ranked]
    for link in links[:CELL_LINK_LABELS]:
        key = f"{link.source}-{link.target}"
        (x0, y0, _), (x1, y1, _) = discs[link.source], discs[link.target]
        # A point mark of no size in the middle of the line: the count sits beside it.
        marks.append(Mark(key, (x0 + x1) / 2, (y0 + y1) / 2, 0.0))
        requests.append(LabelRequest(key, str(link.links), LABEL_SIZE))
    segments = [(*discs[k.source][:2], *discs[k.target][:2]) for k in links]
    placement = place_labels(requests, marks, width, height, segments, leave_out_crowded=True)
    return CellView(width, height, cells, links, placement.labels)
