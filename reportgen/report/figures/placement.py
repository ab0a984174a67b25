"""Label placement for the network charts: text sizes from font metrics, then a collision-avoidance pass.

Everything here works in *plot pixels*: the charts' axes run from 0 to the
plot area's width and height in CSS pixels (y upwards), so a label's box in
layout space is its box on the page. Labels are entity names, which do not
change with the language, so placement is done once per build, like the
node positions.

:func:`place_labels` takes the labels in priority order and gives each the
first candidate position (right of its node, left, above, below, the
diagonals, then further out with a leader line) whose box stays inside the
plot and overlaps no node and no label already placed. A label that finds
no free position is left out, unless it is *required*; a required label
without room goes to its least crowded candidate and is reported in the
log (the tests assert this does not happen on the example and the
synthetic projects).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .textsize import LINE_HEIGHT, text_width

log = logging.getLogger(__name__)

#: Room between a label and its node, and around every label, in pixels.
LABEL_GAP, LABEL_PAD = 2.0, 1.0
#: How far beyond the node's edge a label may move (pixels); beyond the
#: first step a leader line joins it to its node.
OFFSETS = (0.0, 5.0, 12.0, 22.0, 34.0, 48.0)
#: Offsets up to this distance need no leader line.
LEADER_FROM = 6.0
#: Step of the grid of positions a required label tries when no direction has room, in pixels.
GRID_STEP = 3.0
#: Side of the cells of the spatial index, in pixels.
GRID = 40.0
#: A label is ambiguous when another node comes within this many pixels of its own node's distance.
AMBIGUITY_MARGIN = 2.0


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in plot pixels (y upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def intersects(self, other: Box) -> bool:
        """Whether the two rectangles share any area."""
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, width: float, height: float) -> bool:
        """Whether the rectangle lies within ``[0, width] × [0, height]``."""
        return self.x0 >= 0 and self.y0 >= 0 and self.x1 <= width and self.y1 <= height


@dataclass(frozen=True)
class Mark:
    """Something drawn that labels must not cover: a node (a disc) in plot pixels."""

    key: str
    x: float
    y: float
    r: float

    def distance(self, box: Box) -> float:
        """Distance from the disc's edge to the rectangle (negative: they overlap)."""
        nx = min(max(self.x, box.x0), box.x1)
        ny = min(max(self.y, box.y0), box.y1)
        return math.hypot(nx - self.x, ny - self.y) - self.r

    def hits(self, box: Box) -> bool:
        """Whether the disc overlaps the rectangle."""
        nx = min(max(self.x, box.x0), box.x1)
        ny = min(max(self.y, box.y0), box.y1)
        return (nx - self.x) ** 2 + (ny - self.y) ** 2 < self.r ** 2


@dataclass(frozen=True)
class LabelRequest:
    """A label to place beside one mark."""

    key: str
    text: str
    size: float
    required: bool = False
    bold: bool = False
    #: Preferred direction away from the mark (radians, 0 = right), e.g. outwards in a ring.
    toward: float | None = None
    #: Lines an optional label may cross (it is left out rather than cross more).
    crossings: int = 2
    #: Directions tried when there is no preferred one (default :data:`DIRECTIONS`).
    directions: tuple[float, ...] | None = None
    #: Discs (x, y, r) the label should stay out of: the other communities' cells of a link chart,
    #: where a name would read as one of their members. An optional label never enters one.
    foreign: tuple[tuple[float, float, float], ...] = ()


@dataclass(frozen=True)
class Label:
    """A placed label: its text's centre, its box, and whether a leader line joins it to its mark."""

    key: str
    text: str
    size: float
    bold: bool
    x: float
    y: float
    box: Box
    #: A line from the mark's edge to the box (x0, y0, x1, y1) when the label stands off its mark.
    leader: tuple[float, float, float, float] | None = None


def label_size(text: str, size: float, bold: bool = False) -> tuple[float, float]:
    """Width and height of a label's box, padding included, in pixels."""
    return text_width(text, size, bold) + 2 * LABEL_PAD, LINE_HEIGHT * size + 2 * LABEL_PAD


Segment = tuple[float, float, float, float]


def crosses(segment: Segment, box: Box) -> bool:
    """Whether a line segment passes through the rectangle (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


class _Index:
    """Marks, placed boxes and line segments bucketed on a grid, for quick overlap queries."""

    def __init__(self, marks: Iterable[Mark], segments: Iterable[Segment]) -> None:
        self._marks: dict[tuple[int, int], list[Mark]] = {}
        self._boxes: dict[tuple[int, int], list[Box]] = {}
        self._segments: dict[tuple[int, int], list[Segment]] = {}
        for mark in marks:
            for cell in self._cells(Box(mark.x - mark.r, mark.y - mark.r, mark.x + mark.r, mark.y + mark.r)):
                self._marks.setdefault(cell, []).append(mark)
        for segment in segments:
            x0, y0, x1, y1 = segment
            for cell in self._cells(Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))):
                if crosses(segment, Box(cell[0] * GRID, cell[1] * GRID, (cell[0] + 1) * GRID, (cell[1] + 1) * GRID)):
                    self._segments.setdefault(cell, []).append(segment)

    @staticmethod
    def _cells(box: Box) -> Iterator[tuple[int, int]]:
        for i in range(int(box.x0 // GRID), int(box.x1 // GRID) + 1):
            for j in range(int(box.y0 // GRID), int(box.y1 // GRID) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        """Reserve a placed label's box."""
        for cell in self._cells(box):
            self._boxes.setdefault(cell, []).append(box)

    def overlaps(self, box: Box) -> int:
        """How many marks and boxes the rectangle overlaps (0: free)."""
        marks: set[Mark] = set()
        boxes: set[Box] = set()
        for cell in self._cells(box):
            marks.update(m for m in self._marks.get(cell, ()) if m.hits(box))
            boxes.update(b for b in self._boxes.get(cell, ()) if b.intersects(box))
        return len(marks) + len(boxes)

    def closer_mark(self, box: Box, own: Mark) -> bool:
        """Whether another node's mark is about as near the rectangle as ``own``: the label would be misread."""
        reach = own.distance(box) + AMBIGUITY_MARGIN
        around = Box(box.x0 - reach - GRID, box.y0 - reach - GRID, box.x1 + reach + GRID, box.y1 + reach + GRID)
        for cell in self._cells(around):
            for mark in self._marks.get(cell, ()):
                owner = mark.key.split("\x00")[0]
                if owner and owner != own.key and mark.distance(box) < reach:
                    return True
        return False

    def crossings(self, box: Box) -> int:
        """How many line segments pass through the rectangle."""
        found: set[Segment] = set()
        for cell in self._cells(box):
            found.update(s for s in self._segments.get(cell, ()) if crosses(s, box))
        return len(found)


#: Directions tried, in order, when a label has no preferred direction (right, left, up, down, diagonals).
DIRECTIONS = (0.0, math.pi, math.pi / 2, -math.pi / 2, math.pi / 4, 3 * math.pi / 4, -math.pi / 4,
              -3 * math.pi / 4)
#: The same for right-to-left text, which starts at its right end: left first, then right.
DIRECTIONS_RTL = (math.pi, 0.0, math.pi / 2, -math.pi / 2, 3 * math.pi / 4, math.pi / 4, -3 * math.pi / 4,
                  -math.pi / 4)


#: :data:`DIRECTIONS`, then the slants between them: more room near a node among close neighbours.
DIRECTIONS_FINE = (*DIRECTIONS, *(k * math.pi / 8 for k in (1, 7, -1, -7, 3, 5, -3, -5)))


def _candidates(mark: Mark, request: LabelRequest, w: float, h: float, offsets: Sequence[float],
                near: float | None) -> Iterator[tuple[float, float, float, float]]:
    """Label centres around ``mark``, best first: ``(x, y, offset from the mark's edge, rank)``.

    Each of ``offsets`` in every direction. With ``near``, a required label
    tries the offsets up to ``near``, then every position on a grid of
    :data:`GRID_STEP` pixels whose box is no farther (the room between close
    neighbours is rarely where a direction points), nearest first, and only
    then the farther offsets.
    """
    directions: Sequence[float] = request.directions or DIRECTIONS
    if request.toward is not None:
        toward = request.toward
        more = [toward + k * math.pi / 8 for k in (1, -1, 2, -2, 3, -3, 4, -4, 6, -6)]
        directions = [toward, *more]
    if near is None or not request.required:
        yield from ring_centres(mark, directions, w, h, offsets, 0)
        return
    close = [o for o in offsets if o <= near]
    yield from ring_centres(mark, directions, w, h, close, 0)
    yield from _grid(mark, (w, h), (0.0, near), len(close))
    yield from ring_centres(mark, directions, w, h, [o for o in offsets if o > near], len(close) + 1)
    yield from _grid(mark, (w, h), (near, offsets[-1]), len(offsets) + 1)


def ring_centres(mark: Mark, directions: Sequence[float], w: float, h: float, offsets: Sequence[float],
          rank: int) -> Iterator[tuple[float, float, float, float]]:
    """Centres of a ``w`` × ``h`` box at each of ``offsets`` from ``mark``'s edge, in each direction."""
    for step, offset in enumerate(offsets):
        for angle in directions:
            dx, dy = math.cos(angle), math.sin(angle)
            # Push the box out until its nearest side clears the mark by gap + offset.
            reach = mark.r + LABEL_GAP + offset
            cx = mark.x + dx * reach + (w / 2) * (1 if dx > 1e-9 else -1 if dx < -1e-9 else 0)
            cy = mark.y + dy * reach + (h / 2) * (1 if dy > 1e-9 else -1 if dy < -1e-9 else 0)
            yield cx, cy, offset, rank + step


def _grid(mark: Mark, size: tuple[float, float], within: tuple[float, float],
          rank: int) -> Iterator[tuple[float, float, float, float]]:
    """Centres of a box of ``size`` on a grid around ``mark``, its offset ``within`` (from, to], nearest first."""
    w, h = size
    low, high = within
    limit = mark.r + LABEL_GAP + high
    found = []
    steps_x, steps_y = int((w / 2 + limit) // GRID_STEP), int((h / 2 + limit) // GRID_STEP)
    for i in range(-steps_x, steps_x + 1):
        for j in range(-steps_y, steps_y + 1):
            cx, cy = mark.x + i * GRID_STEP, mark.y + j * GRID_STEP
            gap = mark.distance(Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)) - LABEL_GAP
            if (low < gap or low == gap == 0) and -1e-9 <= gap <= high + 1e-9:
                found.append((round(gap, 2), i * i + j * j, cx, cy))
    for gap, _order, cx, cy in sorted(found):
        yield cx, cy, max(gap, 0.0), rank + gap / max(high, 1.0)


@dataclass
class Placement:
    """The labels placed, and the required ones that found no free position."""

    labels: list[Label] = field(default_factory=list)
    crowded: list[str] = field(default_factory=list)


def place_labels(requests: Sequence[LabelRequest], marks: Sequence[Mark], width: float, height: float,
                 segments: Sequence[Segment] = (), reserved: Sequence[Box] = (),
                 leave_out_crowded: bool = False, offsets: Sequence[float] = OFFSETS, near: float | None = None,
                 retries: int = 0) -> Placement:
    """Place ``requests`` (in priority order) beside their marks without overlaps.

    ``marks`` are every drawn node (a request's ``key`` names its own
    mark); the plot area is ``[0, width] × [0, height]``. ``segments`` are
    the chart's lines: labels may cross them, but a position crossing fewer
    is preferred, and an optional label crossing more than its
    ``crossings`` is left out. ``reserved`` are areas no label may cover.
    With ``leave_out_crowded``, a required label that finds no free
    position is left out (and listed in ``crowded``) instead of overlapping.
    ``offsets`` are the distances from its mark's edge a label may stand
    at (beyond :data:`LEADER_FROM`, on a leader line): the last one is the
    farthest a name ever is from what it names. With ``near``, a required
    label looks for room anywhere within ``near`` of its mark before it
    tries the offsets beyond. With ``retries``, a pass
    that left required labels crowded is run again (up to that many times)
    with those labels first, before the ones that took their room.
    """
    result = _place(requests, marks, (width, height), segments, reserved, leave_out_crowded, (offsets, near))
    for _retry in range(retries):
        if not result.crowded:
            break
        first = set(result.crowded)
        again = _place([r for r in requests if r.key in first] + [r for r in requests if r.key not in first],
                       marks, (width, height), segments, reserved, leave_out_crowded, (offsets, near))
        if len(again.crowded) < len(result.crowded):
            result = again
    if not leave_out_crowded:  # left out, a name is in the hover text and the data table
        for label in result.labels:
            if label.key in result.crowded:
                log.warning("no free room for the label %r", label.text)
    return result


def _place(requests: Sequence[LabelRequest], marks: Sequence[Mark], plot: tuple[float, float],
           segments: Sequence[Segment], reserved: Sequence[Box], leave_out_crowded: bool,
           reach: tuple[Sequence[float], float | None]) -> Placement:
    """One pass of :func:`place_labels`, in the order of ``requests``; ``reach`` is its ``(offsets, near)``."""
    width, height = plot
    offsets, near = reach
    by_key = {m.key: m for m in marks}
    index = _Index(marks, segments)
    for box in reserved:
        index.add(box)
    result = Placement()
    for request in requests:
        mark = by_key[request.key]
        found = _best(index, mark, request, (width, height), offsets, near)
        if found is None:
            continue
        crowding, box, cx, cy, offset = found
        if crowding:
            result.crowded.append(request.key)
            if leave_out_crowded:
                continue
        index.add(box)
        result.labels.append(_label(request, mark, box, cx, cy, offset))
    return result


#: What a required label's position costs for entering another community's cell (in offset steps: more than
#: any offset, so that a name stands off on a leader line rather than among another cell's members).
FOREIGN_COST = 12
#: What a required label's position costs for being as near another node as its own (in offset steps: as much
#: as entering another cell, since either way the name is read as another's).
AMBIGUITY_COST = FOREIGN_COST
#: Lines an optional label may cross; required labels take the position crossing fewest.
OPTIONAL_CROSSINGS = 2


def _best(index: _Index, mark: Mark, request: LabelRequest, plot: tuple[float, float], offsets: Sequence[float],
          near: float | None) -> tuple[int, Box, float, float, float] | None:
    """The cheapest free position of one label: fewest lines crossed, then nearest, then preferred direction.

    Returns ``(overlaps, box, x, y, offset)``; ``overlaps`` is 0 unless a
    required label found no free position at all (then it is the least
    crowded one). ``None``: an optional label with no acceptable position.
    """
    width, height = plot
    w, h = label_size(request.text, request.size, request.bold)
    near_rank = sum(1 for o in offsets if near is None or o <= near)
    best: tuple[float, Box, float, float, float] | None = None
    fallback: tuple[int, Box, float, float, float] | None = None
    for order, (cx, cy, offset, rank) in enumerate(_candidates(mark, request, w, h, offsets, near)):
        if offset > LEADER_FROM and not request.required:
            break  # only required labels stand off their node on a leader line
        if best is not None and rank >= near_rank and best[0] < FOREIGN_COST:
            break  # the grid and the far offsets only for a name that found no good room near its mark
        box = Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        if not box.inside(width, height):
            continue
        crowding = index.overlaps(box)
        if crowding:
            if request.required and (fallback is None or crowding < fallback[0]):
                fallback = (crowding, box, cx, cy, offset)
            continue
        crossings = index.crossings(box)
        ambiguous = index.closer_mark(box, mark)
        foreign = any(Mark("", x, y, r).hits(box) for x, y, r in request.foreign)
        if not request.required and (crossings > request.crossings or ambiguous or foreign):
            continue
        # Names sit on a white ground, so a line under one only fades: nearness matters more for
        # the names that must be there, fewer crossings for the others. A name nearer another
        # node than its own is misread: the last resort, with a leader line.
        cost = ((0.5 if request.required else 1.5) * crossings + rank + AMBIGUITY_COST * ambiguous
                + FOREIGN_COST * foreign + order * 0.001)
        if best is None or cost < best[0]:
            best = (cost, box, cx, cy, offset if not ambiguous else max(offset, LEADER_FROM + 1))
        if cost < 1:
            break
    if best is not None:
        return 0, best[1], best[2], best[3], best[4]
    return fallback


def _label(request: LabelRequest, mark: Mark, box: Box, cx: float, cy: float, offset: float) -> Label:
    """The placed label, with a leader line from the mark's edge to the box when it stands off."""
    leader = None
    if offset > LEADER_FROM:
        nx, ny = min(max(mark.x, box.x0), box.x1), min(max(mark.y, box.y0), box.y1)
        distance = math.hypot(nx - mark.x, ny - mark.y) or 1.0
        start = (mark.x + (nx - mark.x) * mark.r / distance, mark.y + (ny - mark.y) * mark.r / distance)
        leader = (round(start[0], 2), round(start[1], 2), round(nx, 2), round(ny, 2))
    return Label(request.key, request.text, request.size, request.bold, round(cx, 2), round(cy, 2), box, leader)
