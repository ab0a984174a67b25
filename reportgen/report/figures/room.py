"""Room beside a link chart's named nodes: neighbours pushed out of the spot where the name goes.

In a dense community every spot beside a key player's node may hold other
nodes; the name then stands off on a leader line, nearer other nodes than
its own, and a reader takes it for theirs. Before the names are placed,
:func:`make_room` takes each name that must be shown, in priority order,
picks the spot right beside its node that the fewest neighbours occupy,
and pushes the members of its community near that spot out of it and
apart from each other (a few rounds of relaxation, inside their
community's disc). Named nodes stay where they are, unless no spot can be
had otherwise: then they move too, their names with them. A name whose
spot cannot be cleared is left to the ordinary placement
(:func:`~.placement.place_labels`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .geometry import Region
from .placement import DIRECTIONS_FINE, Box, Label, LabelRequest, Mark, label_size, ring_centres

#: Room kept between a name's box and every other node (pixels): more than the name's own gap to its node
#: (:data:`~.placement.LABEL_GAP`) and the ambiguity margin, so that its own node is clearly the nearest.
CLEAR = 5.0
#: Least room between two nodes' reaches while they are pushed apart (pixels).
MOVE_GAP = 1.0
#: Nodes this near a name's spot (pixels from the edge of their marker) may be pushed, by at most
#: :data:`MAX_MOVE`; the others stay put.
REACH, MAX_MOVE = 40.0, 30.0
#: Rounds of pushing per name, and the spots (best first) tried for one name.
ROUNDS, TRIES = 120, 6
#: What a named node in a spot costs, beyond its depth (pixels): moving it moves its name too.
FIXED_COST = 1000.0
#: Passes that start with the names the last one could not place.
RETRIES = 4

Point = tuple[float, float]


@dataclass
class Room:
    """What :func:`make_room` did: the names it placed beside their nodes, and every node's position after."""

    labels: list[Label]
    positions: dict[str, Point]


def make_room(requests: Sequence[LabelRequest], marks: Sequence[Mark], positions: Mapping[str, Point],
              reach: Mapping[str, tuple[float, float]], regions: Mapping[str, tuple[Region, float]],
              plot: tuple[float, float]) -> Room:
    """Place each required name of ``requests`` right beside its node, pushing the neighbours out of its way.

    ``marks`` are the chart's fixed marks other than nodes (cell numbers);
    ``reach`` is how far each node's marker reaches from its centre, and
    its whole drawing (its status badge included); ``regions`` gives each
    node the region its centre stays in and how far from its edge. Returns
    the names placed and every node's position after the pushes.
    """
    required = [r for r in requests if r.required]
    best = last = _pass(required, marks, positions, reach, regions, plot)
    first: list[str] = []
    for _retry in range(RETRIES):
        if len(best.labels) == len(required):
            break
        # Again, the names left without room (in this pass or an earlier one) first.
        placed = {label.key for label in last.labels}
        first += [r.key for r in required if r.key not in placed and r.key not in first]
        ahead = sorted((r for r in required if r.key in first), key=lambda r: first.index(r.key))
        last = _pass(ahead + [r for r in required if r.key not in first], marks, positions, reach, regions, plot)
        if len(last.labels) > len(best.labels):
            best = last
    return best


def _pass(requests: Sequence[LabelRequest], marks: Sequence[Mark], positions: Mapping[str, Point],
          reach: Mapping[str, tuple[float, float]], regions: Mapping[str, tuple[Region, float]],
          plot: tuple[float, float]) -> Room:
    """One pass of :func:`make_room`, in the order of ``requests``."""
    state = _State(dict(positions), reach, regions, marks, plot)
    for request in requests:
        state.clear_spot(request)
    labels = [Label(r.key, r.text, r.size, r.bold, round((b.x0 + b.x1) / 2, 2), round((b.y0 + b.y1) / 2, 2), b)
              for r, b in zip(state.placed, state.boxes, strict=True)]
    return Room(labels, state.positions)


class _State:
    """Node positions as they are pushed, the names already placed, and the nodes that stay put."""

    def __init__(self, positions: dict[str, Point], reach: Mapping[str, tuple[float, float]],
                 regions: Mapping[str, tuple[Region, float]], marks: Sequence[Mark], plot: tuple[float, float]) -> None:
        self.positions, self.reach, self.regions, self.marks, self.plot = positions, reach, regions, marks, plot
        #: The names placed, and their boxes.
        self.placed: list[LabelRequest] = []
        self.boxes: list[Box] = []

    @property
    def fixed(self) -> set[str]:
        """The nodes already named, which stay where they are (unless their name moves with them)."""
        return {r.key for r in self.placed}

    def _mark(self, v: str) -> Mark:
        """A node's marker (its badge goes round it, clear of the names, once every name is placed)."""
        return Mark(v, *self.positions[v], self.reach[v][0])

    def clear_spot(self, request: LabelRequest) -> Box | None:
        """Clear the best spot beside the request's node and reserve it; ``None`` when none can be cleared."""
        own = Mark(request.key, *self.positions[request.key], self.reach[request.key][0])
        w, h = label_size(request.text, request.size, request.bold)
        spots = []
        centres = ring_centres(own, request.directions or DIRECTIONS_FINE, w, h, [0.0], 0)
        for order, (cx, cy, _offset, _rank) in enumerate(centres):
            box = Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            cost = self._cost(box, request)
            if cost < math.inf:
                spots.append((cost, order, box))
        region = self.regions[request.key][0]
        # First the spots with no named node in the way; failing those, the others, the named nodes in the
        # way pushed too, their names with them.
        for loose in (False, True):
            for _cost, _order, box in sorted(s for s in spots if (s[0] >= FIXED_COST) == loose)[:TRIES]:
                # Only the nodes near the spot take part: those farther off stay put, and need no reckoning.
                group = [v for v in self.positions
                         if self.regions[v][0] == region and self._mark(v).distance(box) < REACH + MAX_MOVE]
                pushed = self._push(group, box, request, loose)
                if pushed is not None:
                    self.positions.update(pushed[0])
                    self.placed.append(request)
                    self.boxes = [*pushed[1], box]
                    return box
        return None

    def _cost(self, box: Box, request: LabelRequest) -> float:
        """How deep the nodes in the way stand in the spot (a named one costs more); infinite if it cannot be had."""
        if not self._valid(box, request, self.boxes):
            return math.inf
        cost = 0.0
        for v in self.positions:
            if v == request.key:
                continue
            depth = CLEAR - self._mark(v).distance(box)
            if depth > 0:
                cost += depth + FIXED_COST * (v in self.fixed)
        return cost

    def _valid(self, box: Box, request: LabelRequest, others: Sequence[Box]) -> bool:
        """Inside the plot, clear of the other names, the other communities' discs and the cells' numbers."""
        return (box.inside(*self.plot) and not any(b.intersects(box) for b in others)
                and not any(Mark("", x, y, r).hits(box) for x, y, r in request.foreign)
                and not any(m.distance(box) < CLEAR for m in self.marks))

    def _push(self, group: list[str], box: Box, request: LabelRequest,
              loose: bool) -> tuple[dict[str, Point], list[Box]] | None:
        """The group pushed out of ``box`` and the names placed, and apart: the nodes moved and the names' boxes.

        Named nodes stay put, unless ``loose``: then they move too, their names with them. ``None``: the
        spot cannot be cleared.
        """
        xy = np.array([self.positions[v] for v in group], dtype=float)
        reach = np.array([self.reach[v][1] for v in group])
        core = np.array([self.reach[v][0] for v in group])
        owner = request.key
        still = np.array([v == owner or (v in self.fixed and not loose) or self._mark(v).distance(box) > REACH
                          for v in group])
        index = {v: i for i, v in enumerate(group)}
        need = reach[:, None] + reach[None, :] + MOVE_GAP
        np.fill_diagonal(need, 0.0)
        start = xy.copy()
        boxes = list(self.boxes)
        for _round in range(ROUNDS):
            boxes = [_moved(b, xy, start, index.get(r.key)) for r, b in zip(self.placed, self.boxes, strict=True)]
            push = _out_of(xy, core + CLEAR, box)
            for r, b in zip(self.placed, boxes, strict=True):
                away = _out_of(xy, core + CLEAR, b)
                if r.key in index:
                    away[index[r.key]] = 0.0  # a node keeps its own name beside it
                push += away
            delta = xy[:, None, :] - xy[None, :, :]
            distance = np.sqrt((delta ** 2).sum(axis=2))
            overlap = np.clip(need - distance, 0.0, None)
            np.fill_diagonal(overlap, 0.0)
            direction = delta / np.where(distance == 0, 1.0, distance)[:, :, None]
            push += (direction * (overlap / 2)[:, :, None]).sum(axis=1)
            push[still] = 0.0
            if np.abs(push).max() < 0.05:
                break
            xy = self._clamp(group, xy + push * 1.05)
        boxes = [_moved(b, xy, start, index.get(r.key)) for r, b in zip(self.placed, self.boxes, strict=True)]
        result = {v: (round(float(x), 2), round(float(y), 2)) for v, (x, y) in zip(group, xy, strict=True)}
        if np.hypot(*(xy - start).T).max() > MAX_MOVE or not self._holds(group, result, [*boxes, box],
                                                                                    [*self.placed, request]):
            return None
        return {v: p for v, p in result.items() if p != self.positions[v]}, boxes

    def _clamp(self, group: list[str], xy: np.ndarray) -> np.ndarray:
        out = xy.copy()
        for i, v in enumerate(group):
            region, inset = self.regions[v]
            out[i] = _inside(region, inset, (float(xy[i, 0]), float(xy[i, 1])))
        return out

    def _holds(self, group: list[str], result: dict[str, Point], boxes: list[Box],
               requests: list[LabelRequest]) -> bool:
        """Every name still valid and clear of every node but its own; no node nearer another than allowed.

        Two nodes may stand as near each other as they did before, or as :data:`MOVE_GAP` allows.
        """
        if not all(self._valid(b, r, boxes[:i] + boxes[i + 1:]) for i, (b, r) in enumerate(zip(boxes, requests,
                                                                                                 strict=True))):
            return False
        marks = [Mark(v, *result[v], self.reach[v][1]) for v in group]
        for m in marks:
            core = Mark(m.key, m.x, m.y, self.reach[m.key][0])
            if any(m.key != r.key and core.distance(b) < CLEAR - 0.3 for b, r in zip(boxes, requests, strict=True)):
                return False
        return all(math.dist((a.x, a.y), (b.x, b.y))
                   >= min(a.r + b.r + MOVE_GAP, math.dist(self.positions[a.key], self.positions[b.key])) - 0.5
                   for i, a in enumerate(marks) for b in marks[i + 1:])


def _out_of(xy: np.ndarray, reach: np.ndarray, box: Box) -> np.ndarray:
    """For each disc (centre ``xy``, radius ``reach``) overlapping ``box``, the shift that takes it out."""
    nearest = np.column_stack([np.clip(xy[:, 0], box.x0, box.x1), np.clip(xy[:, 1], box.y0, box.y1)])
    away = xy - nearest
    distance = np.sqrt((away ** 2).sum(axis=1))
    push = np.zeros_like(xy)
    outside = (distance > 1e-9) & (distance < reach)
    push[outside] = away[outside] / distance[outside, None] * (reach[outside] - distance[outside])[:, None]
    inside = distance <= 1e-9
    for i in np.flatnonzero(inside):  # a centre inside the box leaves by its nearest side
        x, y = xy[i]
        exits = [(box.x0 - reach[i] - x, 0.0), (box.x1 + reach[i] - x, 0.0), (0.0, box.y0 - reach[i] - y),
                 (0.0, box.y1 + reach[i] - y)]
        push[i] = min(exits, key=lambda e: abs(e[0]) + abs(e[1]))
    return push


def _inside(region: Region, inset: float, point: Point) -> tuple[float, float]:
    """``point`` moved back inside ``region``, at least ``inset`` from its edge."""
    x, y = point
    if region[0] == "rect":
        _kind, x0, y0, x1, y1 = region  # type: ignore[misc]
        return min(max(x, x0 + inset), x1 - inset), min(max(y, y0 + inset), y1 - inset)
    _kind, cx, cy, r = region  # type: ignore[misc]
    limit = max(r - inset, 0.0)
    distance = math.hypot(x - cx, y - cy)
    if distance <= limit:
        return x, y
    return cx + (x - cx) * limit / distance, cy + (y - cy) * limit / distance


def _moved(box: Box, xy: np.ndarray, start: np.ndarray, owner: int | None) -> Box:
    """A name's box moved as far as its node (at index ``owner`` of the group; ``None``: not in it) has."""
    if owner is None:
        return box
    dx, dy = xy[owner] - start[owner]
    return Box(box.x0 + dx, box.y0 + dy, box.x1 + dx, box.y1 + dy)
