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
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

#: Folders searched for the fonts the charts are drawn in (Debian's fonts-noto-core).
FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/noto"))
#: Font files measured, regular and bold; the Arabic font covers what Noto Sans lacks.
FONT_FILES = {False: ("NotoSans-Regular.ttf", "NotoNaskhArabic-Regular.ttf"),
              True: ("NotoSans-Bold.ttf", "NotoNaskhArabic-Bold.ttf")}
#: Width of a character no font covers, in ems (generous: such text is rare).
FALLBACK_ADVANCE = 0.62
#: Height of a line of Noto Sans (ascender + descender), in ems.
LINE_HEIGHT = 1.362
#: Room between a label and its node, and around every label, in pixels.
LABEL_GAP, LABEL_PAD = 2.0, 1.0
#: How far beyond the node's edge a label may move (pixels); beyond the
#: first step a leader line joins it to its node.
OFFSETS = (0.0, 5.0, 12.0, 22.0, 34.0, 48.0)
#: Offsets up to this distance need no leader line.
LEADER_FROM = 6.0
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


@cache
def _metrics(bold: bool) -> tuple[tuple[dict[int, int], float], ...]:
    """``(advance by code point, units per em)`` of each font measured, in fallback order."""
    try:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - fontTools comes with WeasyPrint
        return ()
    fonts = []
    for name in FONT_FILES[bold]:
        path = next((d / name for d in FONT_DIRS if (d / name).exists()), None)
        if path is None:
            continue
        font = TTFont(path, lazy=True)
        advances = font["hmtx"].metrics
        widths = {code: advances[glyph][0] for code, glyph in font.getBestCmap().items()}
        fonts.append((widths, float(font["head"].unitsPerEm)))
    return tuple(fonts)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` in the charts' font, in pixels (no kerning: a little generous)."""
    fonts = _metrics(bold)
    total = 0.0
    for char in text:
        code = ord(char)
        if code in (0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F):  # invisible direction marks
            continue
        for widths, units in fonts:
            if code in widths:
                total += widths[code] / units
                break
        else:
            total += FALLBACK_ADVANCE
    return total * size * 1.02 + 1.0


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


def _candidates(mark: Mark, request: LabelRequest, w: float, h: float) -> Iterator[tuple[float, float, float]]:
    """Label centres around ``mark``, best first, with the offset of each from the mark's edge."""
    directions: Sequence[float] = request.directions or DIRECTIONS
    if request.toward is not None:
        toward = request.toward
        more = [toward + k * math.pi / 8 for k in (1, -1, 2, -2, 3, -3, 4, -4, 6, -6)]
        directions = [toward, *more]
    for offset in OFFSETS:
        for angle in directions:
            dx, dy = math.cos(angle), math.sin(angle)
            # Push the box out until its nearest side clears the mark by gap + offset.
            reach = mark.r + LABEL_GAP + offset
            cx = mark.x + dx * reach + (w / 2) * (1 if dx > 1e-9 else -1 if dx < -1e-9 else 0)
            cy = mark.y + dy * reach + (h / 2) * (1 if dy > 1e-9 else -1 if dy < -1e-9 else 0)
            yield cx, cy, offset


@dataclass
class Placement:
    """The labels placed, and the required ones that found no free position."""

    labels: list[Label] = field(default_factory=list)
    crowded: list[str] = field(default_factory=list)


def place_labels(requests: Sequence[LabelRequest], marks: Sequence[Mark], width: float, height: float,
                 segments: Sequence[Segment] = (), reserved: Sequence[Box] = (),
                 leave_out_crowded: bool = False) -> Placement:
    """Place ``requests`` (in priority order) beside their marks without overlaps.

    ``marks`` are every drawn node (a request's ``key`` names its own
    mark); the plot area is ``[0, width] × [0, height]``. ``segments`` are
    the chart's lines: labels may cross them, but a position crossing fewer
    is preferred, and an optional label crossing more than its
    ``crossings`` is left out. ``reserved`` are areas no label may cover.
    With ``leave_out_crowded``, a required label that finds no free
    position is left out (and listed in ``crowded``) instead of overlapping.
    """
    by_key = {m.key: m for m in marks}
    index = _Index(marks, segments)
    for box in reserved:
        index.add(box)
    result = Placement()
    for request in requests:
        mark = by_key[request.key]
        found = _best(index, mark, request, width, height)
        if found is None:
            continue
        crowding, box, cx, cy, offset = found
        if crowding:
            result.crowded.append(request.key)
            if leave_out_crowded:
                continue
            log.warning("no free room for the label %r", request.text)
        index.add(box)
        result.labels.append(_label(request, mark, box, cx, cy, offset))
    return result


#: What a required label's position costs for entering another community's cell (in offset steps).
FOREIGN_COST = 6
#: Lines an optional label may cross; required labels take the position crossing fewest.
OPTIONAL_CROSSINGS = 2


def _best(index: _Index, mark: Mark, request: LabelRequest, width: float,
          height: float) -> tuple[int, Box, float, float, float] | None:
    """The cheapest free position of one label: fewest lines crossed, then nearest, then preferred direction.

    Returns ``(overlaps, box, x, y, offset)``; ``overlaps`` is 0 unless a
    required label found no free position at all (then it is the least
    crowded one). ``None``: an optional label with no acceptable position.
    """
    w, h = label_size(request.text, request.size, request.bold)
    best: tuple[float, Box, float, float, float] | None = None
    fallback: tuple[int, Box, float, float, float] | None = None
    for order, (cx, cy, offset) in enumerate(_candidates(mark, request, w, h)):
        if offset > LEADER_FROM and not request.required:
            break  # only required labels stand off their node on a leader line
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
        cost = ((0.5 if request.required else 1.5) * crossings + OFFSETS.index(offset) + 4 * ambiguous
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
