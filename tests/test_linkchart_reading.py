"""The network diagram as a reader briefs from it: names by their nodes, badges beside them, cells apart.

Read from the figures a build draws (the example's edition, its chart
choices, in English and Arabic) and from the built PDF, where the gap
between two community discs is measured in points on the page.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import subprocess

import pytest
from conftest import EXAMPLE
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reportgen.analysis.edition import prepare_edition
from reportgen.data.load import load_project
from reportgen.data.release import Audience
from reportgen.i18n.formatting import Formatter
from reportgen.report.figures import build_figures, layouts
from reportgen.report.figures.geometry import CELL_GAP
from reportgen.report.figures.layout import (
    BADGE_DISC,
    BADGE_OVERLAP,
    MAX_LABEL_DISTANCE,
    MAX_LEADER,
    MIN_CELL_GAP_PT,
    STATUS_BADGES,
    SYMBOL_REACH,
)
from reportgen.report.figures.linkchart import CELL_FILL
from reportgen.report.figures.placement import label_size
from reportgen.report.model import chart_choices


@functools.cache
def _built_figure(lang: str):
    """The example's link chart as a build draws it in ``lang`` (a :class:`~reportgen.report.figures.Figure`)."""
    edition = _edition()
    choices = chart_choices(edition.analysis, edition.assessment)
    return build_figures(Formatter(lang), edition.analysis, _layout(), choices)["network"]


@functools.cache
def _built(lang: str):
    """The example's link chart as a build draws it: its layout and its figure's data in ``lang``."""
    return _layout()["network"], _built_figure(lang).figure.to_plotly_json()


@functools.cache
def _edition():
    return prepare_edition(load_project(EXAMPLE), Audience())


@functools.cache
def _layout():
    edition = _edition()
    return layouts(edition.analysis, chart_choices(edition.analysis, edition.assessment))


def _nodes(data: dict) -> dict[tuple[float, float], float]:
    """Every node the figure draws: its centre → how far its marker's fill reaches (pixels)."""
    reach = {}
    for trace in data["data"]:
        if trace.get("uid", "").startswith("nodes-"):
            marker = trace["marker"]
            for x, y, size, symbol in zip(trace["x"], trace["y"], marker["size"], marker["symbol"], strict=True):
                reach[(x, y)] = size * SYMBOL_REACH.get(symbol, 0.71)
    return reach


def _box_distance(point: tuple[float, float], box: tuple[float, float, float, float]) -> float:
    x, y = point
    return math.dist(point, (min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_name_stands_by_its_node_or_on_a_leader_line(lang):
    """A name's box is at most MAX_LABEL_DISTANCE px from its node's edge; farther, a leader line joins them."""
    chart, data = _built(lang)
    nodes = _nodes(data)
    annotations = data["layout"]["annotations"]
    assert len(annotations) == len(chart.labels) >= 30
    leaders = [t for t in data["data"] if t.get("uid") == "leaders"]
    segments = []
    if leaders:
        xs, ys = leaders[0]["x"], leaders[0]["y"]
        segments = [(xs[i], ys[i], xs[i + 1], ys[i + 1]) for i in range(0, len(xs), 3)]
    dots = {(x, y) for t in data["data"] if t.get("uid") == "leader-dots" for x, y in zip(t["x"], t["y"], strict=True)}
    assert {(s[0], s[1]) for s in segments} == dots  # each leader line starts at a dot
    stood_off = 0
    for label, note in zip(chart.labels, annotations, strict=True):
        text = re.sub(r"<[^>]+>|[\u2066-\u2069]", "", note["text"])
        assert text == label.text
        w, h = label_size(text, note["font"]["size"], note["font"].get("weight") == "bold")
        box = (note["x"] - w / 2, note["y"] - h / 2, note["x"] + w / 2, note["y"] + h / 2)
        centre = chart.positions[label.key]
        edge = _box_distance(centre, box) - nodes[centre]
        if edge <= MAX_LABEL_DISTANCE + 1.5:
            continue
        stood_off += 1
        assert edge <= MAX_LEADER + 1.5, (lang, text, edge)
        leader = next((s for s in segments if _box_distance(s[2:], box) < 0.5), None)
        assert leader, (lang, text, edge)  # a line from the node's edge to the name
        assert math.dist(leader[:2], centre) - nodes[centre] < 2.5, (lang, text)
    assert stood_off <= len(chart.labels) // 3


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_name_is_nearer_its_own_node_than_any_other(lang):
    """A reader takes a name for the node it is nearest: for every name drawn, that is its own node.

    Measured on the figure: each name's box (its annotation) against the edge of every node's marker.
    """
    chart, data = _built(lang)
    nodes = _nodes(data)
    misread = []
    for label, note in zip(chart.labels, data["layout"]["annotations"], strict=True):
        w, h = label_size(label.text, note["font"]["size"], note["font"].get("weight") == "bold")
        box = (note["x"] - w / 2, note["y"] - h / 2, note["x"] + w / 2, note["y"] + h / 2)
        own = chart.positions[label.key]
        mine = _box_distance(own, box) - nodes[own]
        other = min(_box_distance(c, box) - reach for c, reach in nodes.items() if c != own)
        if other <= mine:
            misread.append((label.text, round(mine, 1), round(other, 1)))
    assert len(chart.labels) >= 40 and not misread, misread


def test_no_node_covers_another_after_room_is_made_for_the_names():
    """Neighbours pushed aside for a name keep clear of every other node (the figure's markers)."""
    _chart, data = _built("en")
    nodes = list(_nodes(data).items())
    for (a, ra), (b, rb) in itertools.combinations(nodes, 2):
        assert math.dist(a, b) >= ra + rb + 1.0, (a, b)


def test_names_and_badges_are_placed_once_for_every_language():
    """Node positions, names and badges do not mirror in Arabic (the plot area is the same)."""
    (_chart, en), (_chart2, ar) = _built("en"), _built("ar")
    for uid in ("leaders", "badge-discs-wanted", "badge-discs-arrested"):
        one = next((t for t in en["data"] if t.get("uid") == uid), {})
        two = next((t for t in ar["data"] if t.get("uid") == uid), {})
        assert (one.get("x"), one.get("y")) == (two.get("x"), two.get("y")), uid
        assert one or uid == "leaders", uid  # every name may stand by its node, needing no leader line
    assert [(a["x"], a["y"]) for a in en["layout"]["annotations"]] == \
        [(a["x"], a["y"]) for a in ar["layout"]["annotations"]]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_status_badges_are_pinned_on_their_nodes_rim_and_cover_no_other_node(lang):
    """Every flagged node has its badge on its rim, overlapping it (read as the node's, not as a small node of its
    own) with its centre outside the marker (most of the role colour shows); the badge touches no other node."""
    chart, data = _built(lang)
    nodes = _nodes(data)
    entities = _edition().analysis.entity_index
    flagged = {v for v in chart.nodes if entities[v].status in STATUS_BADGES}
    traces = [t for t in data["data"] if t.get("uid", "").startswith("badge-discs-")]
    assert {t["marker"]["size"] for t in traces} == {BADGE_DISC}
    discs = [(x, y, BADGE_DISC / 2) for t in traces for x, y in zip(t["x"], t["y"], strict=True)]
    assert len(discs) == len(flagged) >= 20
    owners = {chart.badges[v]: v for v in flagged}
    for x, y, r in discs:
        own = chart.positions[owners[(x, y)]]
        assert nodes[own] + 1.0 <= math.dist((x, y), own) <= nodes[own] + r - BADGE_OVERLAP + 1.0, owners[(x, y)]
        for centre, reach in nodes.items():
            if centre != own:
                assert math.dist((x, y), centre) >= reach + r, (lang, owners[(x, y)], centre)


def test_community_discs_keep_their_gap_in_the_layout():
    chart = _layout()["network"]
    gaps = [math.dist((a.x, a.y), (b.x, b.y)) - a.r - b.r for a, b in itertools.combinations(chart.cells, 2)]
    assert len(chart.cells) >= 9 and min(gaps) >= CELL_GAP - 0.5


def _fill_boxes(page, reader, colour: tuple[float, float, float]) -> list[tuple[float, float, float, float]]:
    """Bounding boxes (points, on the page) of the shapes filled with ``colour`` on a PDF page."""
    operations = ContentStream(page.get_contents(), reader).operations
    ctm, stack, fill, path = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], (0.0, 0.0, 0.0), []
    boxes = []

    def apply(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = ctm
        return a * x + c * y + e, b * x + d * y + f

    for operands, op in operations:
        if op == b"q":
            stack.append((ctm, fill))
        elif op == b"Q":
            ctm, fill = stack.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            A, B, C, D, E, F = ctm
            ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
        elif op == b"rg":
            fill = tuple(float(v) for v in operands)
        elif op in (b"m", b"l", b"c"):
            values = [float(v) for v in operands]
            points = [apply(*values[i:i + 2]) for i in range(0, len(values), 2)]
            if op == b"m":
                path.append(points)  # a new subpath (a lone move draws nothing)
            else:
                path[-1] += points
        elif op in (b"f", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"n"):
            drawn = [point for subpath in path if len(subpath) > 1 for point in subpath]
            if op not in (b"S", b"n") and drawn and all(abs(u - v) < 0.004 for u, v in zip(fill, colour, strict=True)):
                xs, ys = [p[0] for p in drawn], [p[1] for p in drawn]
                boxes.append((min(xs), min(ys), max(xs), max(ys)))
            path = []
    return boxes


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_community_discs_keep_a_visible_gap_on_the_pdf_page(example_reports, lang):
    """The network diagram's page: every two community discs at least MIN_CELL_GAP_PT apart, in points."""
    path = example_reports.folder / lang / "analysis.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    title = Formatter(lang).gettext("Network diagram")
    number = next(i for i, text in enumerate(pages) if title in text and "...." not in text)
    reader = PdfReader(path)
    colour = tuple(int(CELL_FILL[i:i + 2], 16) / 255 for i in (1, 3, 5))
    boxes = _fill_boxes(reader.pages[number], reader, colour)
    discs = [((x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2) for x0, y0, x1, y1 in boxes]
    assert len(discs) == len(_layout()["network"].cells), lang
    assert all(abs((x1 - x0) - (y1 - y0)) < 0.5 for x0, y0, x1, y1 in boxes)  # round: the discs themselves
    gaps = [math.dist(a[:2], b[:2]) - a[2] - b[2] for a, b in itertools.combinations(discs, 2)]
    assert min(gaps) >= MIN_CELL_GAP_PT, (lang, round(min(gaps), 1))

