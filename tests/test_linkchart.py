"""The network charts: link chart, cell view and contact charts, from their layout to Chromium.

Layout-level tests read the positions and label boxes :func:`layouts`
computed; the browser tests render the built English and Arabic HTML in
Debian's Chromium and read what it drew.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
from pathlib import Path

import pytest
from chromium import chromium, open_page
from conftest import EXAMPLE

from reportgen.analysis import analyse_period
from reportgen.analysis.edition import prepare_edition
from reportgen.data.load import load_project
from reportgen.data.release import Audience, restrict
from reportgen.data.synth import generate
from reportgen.i18n import labels
from reportgen.i18n.formatting import Formatter
from reportgen.publish.build import BuildOptions, build
from reportgen.report.annex import COMMUNITY_CHANGES
from reportgen.report.figures import build_figures, layouts
from reportgen.report.figures.base import STATUS_SYMBOLS, TYPE_SYMBOLS
from reportgen.report.figures.layout import CELL_VIEW_GAP, SMALL_COMMUNITY, STATUS_BADGES, chart_marks
from reportgen.report.figures.placement import label_size
from reportgen.report.model import LINK_CHART_LIMIT, chart_choices

#: Where the browser tests leave their screenshots, for a person to look at.
SHOTS = Path("/tmp/reportgen-linkchart-shots")
#: The most nodes any chart may draw.
MAX_NODES = 300
#: Least room between two discs of the cell view, in pixels: a line and its count fit between them.
MIN_DISC_GAP = 16


@pytest.fixture(scope="module")
def example():
    project, _removed = restrict(load_project(EXAMPLE), Audience())
    analysis = analyse_period(project, project.meta.period)
    return analysis, layouts(analysis)


def overlapping(boxes):
    return [(a, b) for a, b in itertools.combinations(boxes, 2)
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


def test_link_chart_labels_clear_of_each_other_and_of_every_node(example):
    analysis, layout = example
    chart = layout["network"]
    assert analysis.network.nodes <= LINK_CHART_LIMIT and chart is not None
    assert len(chart.nodes) == analysis.network.nodes
    assert not chart.crowded
    boxes = [(lb.box.x0, lb.box.y0, lb.box.x1, lb.box.y1) for lb in chart.labels]
    assert not overlapping(boxes)
    marks = chart_marks(analysis.entity_index, chart)
    for label in chart.labels:
        assert label.box.inside(chart.width, chart.height)
        assert not [m.key for m in marks if m.hits(label.box)], label.text
    named = {lb.key for lb in chart.labels}
    assert set(analysis.key_players.overall) <= named
    assert set(analysis.brokers) <= named


def test_contact_charts_name_every_contact(example):
    _analysis, layout = example
    assert len(layout["egos"]) == 3
    for centre, chart in layout["egos"].items():
        assert chart.centre == centre
        assert {lb.key for lb in chart.labels} == set(chart.nodes)
        assert not chart.crowded
        assert not overlapping([(lb.box.x0, lb.box.y0, lb.box.x1, lb.box.y1) for lb in chart.labels])


def test_cells_do_not_overlap_and_hold_their_members(example):
    analysis, layout = example
    chart = layout["network"]
    for a, b in itertools.combinations(chart.cells, 2):
        assert ((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5 >= a.r + b.r
    cell = {c.community: c for c in chart.cells}
    for v in chart.nodes:
        c = cell.get(analysis.entity_index[v].community) or cell[-1]
        x, y = chart.positions[v]
        assert ((x - c.x) ** 2 + (y - c.y) ** 2) ** 0.5 <= c.r
    # A name never enters another community's cell, where it would read as one of its members.
    for label in chart.labels:
        own = cell.get(analysis.entity_index[label.key].community) or cell[-1]
        for c in chart.cells:
            nearest = (min(max(c.x, label.box.x0), label.box.x1), min(max(c.y, label.box.y0), label.box.y1))
            assert c is own or math.dist(nearest, (c.x, c.y)) >= c.r, (label.text, c.community)


def test_no_colour_means_two_things(example):
    """Roles by colour; link types by grey tone, dash and width, each type a style of its own."""
    analysis, layout = example
    traces = build_figures(Formatter("en"), analysis, layout, chart_choices(analysis))["network"].figure.data
    roles = {t.marker.color for t in traces if (t.uid or "").startswith("nodes-")}
    lines = [t.line for t in traces if (t.uid or "").startswith("edges-")]
    assert len(roles) >= 8 and len(lines) >= 6
    assert not roles & {line.color for line in lines}
    assert len({(line.color, line.dash, line.width) for line in lines}) == len(lines)
    assert {line.color for line in lines} <= {"#1f2a37", "#6b7684", "#9aa4b1"}  # greys only


def _discs_and_labels(figure):
    """From a figure's data: its discs (x, y, r) in plot pixels and its names' boxes (x0, y0, x1, y1).

    Discs are the cell view's markers (diameter in pixels) or the link chart's community shapes;
    label boxes are measured in the charts' font around each annotation's centre.
    """
    data = figure.to_plotly_json()
    layout = data["layout"]
    margin = layout["margin"]
    # One axis unit is one pixel: the plot area is exactly as wide and tall as the axes' ranges.
    assert layout["width"] - margin["l"] - margin["r"] == pytest.approx(layout["xaxis"]["range"][1], abs=1)
    assert layout["height"] - margin["t"] - margin["b"] == pytest.approx(layout["yaxis"]["range"][1], abs=1)
    discs = [(x, y, size / 2) for t in data["data"] if t.get("uid") == "community-nodes"
             for x, y, size in zip(t["x"], t["y"], t["marker"]["size"], strict=True)]
    discs += [((s["x0"] + s["x1"]) / 2, (s["y0"] + s["y1"]) / 2, (s["x1"] - s["x0"]) / 2)
              for s in layout.get("shapes", []) if s["type"] == "circle"]
    boxes = []
    for a in layout["annotations"]:
        text = re.sub(r"<[^>]+>", "", a["text"])
        w, h = label_size(text, a["font"]["size"], a["font"].get("weight") == "bold")
        boxes.append((text, a["x"] - w / 2, a["y"] - h / 2, a["x"] + w / 2, a["y"] + h / 2))
    return discs, boxes


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_cell_view_discs_clear_of_each_other_and_of_every_label(example, lang):
    """The cell view's discs keep a gap for a line and its count; no name or count lies on a disc."""
    analysis, layout = example
    figures = build_figures(Formatter(lang), analysis, layout, chart_choices(analysis))
    discs, boxes = _discs_and_labels(figures["communities"].figure)
    assert len(discs) == len([c for c in analysis.communities if c.size >= SMALL_COMMUNITY]) >= 9
    for (ax, ay, ar_), (bx, by, br) in itertools.combinations(discs, 2):
        assert math.dist((ax, ay), (bx, by)) - ar_ - br >= max(CELL_VIEW_GAP, MIN_DISC_GAP) - 0.5
    for text, x0, y0, x1, y1 in boxes:
        for cx, cy, r in discs:
            nearest = (min(max(cx, x0), x1), min(max(cy, y0), y1))
            assert math.dist(nearest, (cx, cy)) >= r, (text, (cx, cy, r))
    # Every community drawn is named by its leader ("7 · Céline Roux").
    named = {text.split(" · ")[0].strip("\u2068\u2069") for text, *_box in boxes if " · " in text}
    assert named == {str(c.community) for c in layout["communities"].cells}
    # The link chart's community discs do not overlap either.
    discs, _boxes = _discs_and_labels(figures["network"].figure)
    assert len(discs) >= 9
    for (ax, ay, ar_), (bx, by, br) in itertools.combinations(discs, 2):
        assert math.dist((ax, ay), (bx, by)) >= ar_ + br


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_legends_outside_the_plot_and_status_legend(example, lang):
    analysis, layout = example
    figures = build_figures(Formatter(lang), analysis, layout, chart_choices(analysis))
    for fid in ("network", "communities", "ego-1"):
        figure = figures[fid].figure.to_plotly_json()
        legends = {k: v for k, v in figure["layout"].items() if re.fullmatch(r"legend\d*", k)}
        assert legends, fid
        for name, legend in legends.items():
            below = legend["y"] <= 0
            if lang == "ar":
                assert below or (legend["x"] < 0 and legend["xanchor"] == "right"), (fid, name, legend)
            else:
                assert below or (legend["x"] > 1 and legend["xanchor"] == "left"), (fid, name, legend)
        assert figure["layout"]["margin"]["autoexpand"] is False
    names = {t["name"] for t in figures["network"].figure.to_plotly_json()["data"] if t.get("legend") == "legend4"}
    statuses = {analysis.entity_index[v].status for v in layout["network"].nodes} & set(STATUS_BADGES)
    fmt = Formatter(lang)
    # Active entities carry no badge: the key says so.
    assert names == {fmt.gettext(labels.STATUSES[s]) for s in statuses} | {fmt.gettext("No badge: active")}


def test_same_figures_for_the_same_network(example):
    analysis, layout = example
    again = layouts(analysis)
    assert repr(again) == repr(layout)
    choices = chart_choices(analysis)
    one = build_figures(Formatter("ar"), analysis, layout, choices)
    two = build_figures(Formatter("ar"), analysis, again, choices)
    for fid in ("network", "communities", "ego-1", "ego-2", "ego-3"):
        assert one[fid].figure.to_json() == two[fid].figure.to_json()


def test_text_alternatives_and_data_tables(example):
    analysis, layout = example
    figures = build_figures(Formatter("en"), analysis, layout, chart_choices(analysis))
    top = analysis.entity_index[analysis.key_players.overall[0]].name
    network = figures["network"]
    assert top in network.alt and "communities" in network.alt and "Wanted" in network.alt
    assert network.tables and len(network.tables[0].rows) == analysis.network.nodes
    ego = figures["ego-1"]
    assert ego.tables and len(ego.tables[0].rows) == len(layout["egos"][analysis.key_players.overall[0]].nodes) - 1
    assert "direct contacts" in ego.alt


# -- large networks ---------------------------------------------------------------------------------


def _plotly_figures(html: str) -> dict[str, list]:
    """The data traces of every plotly figure of a page, by div id."""
    found = {}
    for match in re.finditer(r'Plotly\.newPlot\(\s*"([^"]+)",\s*(\[.*?\]),\s*\{', html, flags=re.S):
        found[match.group(1)] = json.loads(match.group(2))
    return found


@pytest.mark.slow
def test_synthetic_3000_entities_charts_draw_a_few_hundred_nodes_at_most(tmp_path):
    generate(tmp_path / "s3k", entities=3000, seed=1)
    result = build(tmp_path / "s3k", BuildOptions(languages=("en",), formats=("html",), out=tmp_path / "out"))
    html = (result.folder / "en" / "analysis.html").read_text()
    figures = _plotly_figures(html)
    cells = [f for f in figures if f.startswith("fig-cell-")]
    assert 1 <= len(cells) <= 6
    assert "fig-communities" not in figures  # the cell view is the network diagram
    for fid, traces in figures.items():
        nodes = sum(len(t["x"]) for t in traces if t.get("uid", "").startswith(("nodes-", "community-nodes")))
        assert nodes <= MAX_NODES, (fid, nodes)
        if fid.startswith(("fig-cell-", "fig-ego-")):
            assert nodes >= 10, fid
    assert 'id="fig-network"' in html and html.count('class="figure-data"') >= len(cells) + 4
    _changes_listed_in_short_and_in_full(result.folder, html)


def _changes_listed_in_short_and_in_full(folder: Path, html: str) -> None:
    """"What changed" lists the largest community merges and splits; ``data/changes.csv`` has them all."""
    section = html[html.index('id="changes"'):html.index('id="glance"')]
    communities = section[section.index("<h3>Communities</h3>"):]
    communities = communities[:communities.index("<h3>", 4)]
    listed = re.findall(r"<li>(.*?)</li>", communities, flags=re.S)
    rows = list(csv.DictReader((folder / "data" / "changes.csv").open(encoding="utf-8")))
    assert len(rows) > COMMUNITY_CHANGES  # the synthetic network has many: the page lists a handful
    assert len(listed) == COMMUNITY_CHANGES
    more = re.search(r"The largest are listed; ([\d,]+) more merges and splits are in the file changes\.csv",
                     communities)
    assert more and int(more.group(1).replace(",", "")) == len(rows) - COMMUNITY_CHANGES
    assert 'href="../data/changes.csv"' in communities
    # The file is complete, each kind largest first; the largest change of all is on the page.
    members = [int(r["members"]) for r in rows]
    for kind in ("merged", "split"):
        sizes = [m for r, m in zip(rows, members, strict=True) if r["change"] == kind]
        assert sizes == sorted(sizes, reverse=True), kind
    assert all(r["change"] in ("merged", "split") and r["communities"] and r["previous_communities"] for r in rows)
    largest = [r["communities"] if r["change"] == "merged" else r["previous_communities"]
               for r, m in zip(rows, members, strict=True) if m == max(members)]
    assert any(f"ommunity {number} " in item for number in largest for item in listed), (largest, listed)


# -- in Chromium ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_pages(example_reports):
    with chromium() as browser:
        yield example_reports.folder, browser


#: Bounding boxes of the chart's names, its node markers and its plot area, as Chromium drew them.
GEOMETRY = """fid => {
  const fig = document.getElementById(fid);
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {
    labels: [...fig.querySelectorAll('g.annotation text')].map(e => [e.textContent, ...box(e)]),
    points: [...fig.querySelectorAll('.scatterlayer .trace .points path.point')].map(box),
    plot: box(fig.querySelector('.nsewdrag')),
    legends: [...fig.querySelectorAll('g.legend, g[class^=legend]')].filter(g => /^legend\\d*$/.test(
      g.getAttribute('class'))).map(box),
  };
}"""


@pytest.mark.parametrize("fid", ["fig-network", "fig-ego-1", "fig-ego-2", "fig-ego-3"])
def test_chromium_draws_the_names_without_overlap(browser_pages, fid):
    folder, browser = browser_pages
    page, _problems = open_page(browser, folder / "en" / "analysis.html")
    page.locator(f"#{fid}").scroll_into_view_if_needed()
    geometry = page.evaluate(GEOMETRY, fid)
    labels = geometry["labels"]
    assert len(labels) >= 10
    assert not [(a[0], b[0]) for a, b in itertools.combinations(labels, 2)
                if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    for name, x0, y0, x1, y1 in labels:
        for px0, py0, px1, py1 in geometry["points"]:
            # Markers as discs: centre and radius from their drawn box.
            cx, cy, r = (px0 + px1) / 2, (py0 + py1) / 2, min(px1 - px0, py1 - py0) / 2 - 0.5
            nx, ny = min(max(cx, x0), x1), min(max(cy, y0), y1)
            assert (nx - cx) ** 2 + (ny - cy) ** 2 >= r ** 2, (fid, name)
    page.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_chromium_legends_beside_the_plot(browser_pages, lang):
    folder, browser = browser_pages
    page, _problems = open_page(browser, folder / lang / "analysis.html")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for fid in ("fig-network", "fig-communities", "fig-ego-1"):
        page.locator(f"#{fid}").scroll_into_view_if_needed()
        geometry = page.evaluate(GEOMETRY, fid)
        x0, _y0, x1, y1 = geometry["plot"]
        assert geometry["legends"], fid
        for lx0, ly0, lx1, _ly1 in geometry["legends"]:
            assert lx0 >= x1 - 1 or lx1 <= x0 + 1 or ly0 >= y1 - 1, (lang, fid)
            if lang == "ar" and ly0 < y1 - 1:
                assert lx1 <= x0 + 1, fid  # beside the plot: on its left in Arabic
        page.locator(f"#{fid}").screenshot(path=str(SHOTS / f"{lang}-{fid}.png"))
    page.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_chromium_phone_width_scrolls_the_chart_not_the_page(browser_pages, lang):
    folder, browser = browser_pages
    page, _problems = open_page(browser, folder / lang / "analysis.html", {"width": 390, "height": 900})
    for fid in ("network", "communities", "ego-1"):
        left, right, inner, outer = page.evaluate(
            "id => { const e = document.querySelector(`#figure-${id} .plot`); const r = e.getBoundingClientRect();"
            " return [r.left, r.right, e.scrollWidth, e.clientWidth]; }", fid)
        assert left >= -1 and right <= 390 + 1, (lang, fid, left, right)
        assert inner > outer, (lang, fid)  # wider than the phone: it scrolls inside its own box
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#figure-network").screenshot(path=str(SHOTS / f"{lang}-390-network.png"))
    page.close()


@pytest.fixture(scope="module")
def built_en(example_reports):
    """The example's English HTML reports."""
    return {name: (example_reports.folder / "en" / f"{name}.html").read_text() for name in ("analysis", "strategy")}


def test_built_link_chart_names_every_broker_and_target_and_every_badged_status(built_en):
    """The built HTML's network chart names the assessment's brokers and targets; the status legend is complete."""
    html = built_en["analysis"]
    call = re.search(r'Plotly\.newPlot\(\s*"fig-network",\s*', html)
    assert call
    decoder = json.JSONDecoder()
    traces, end = decoder.raw_decode(html, call.end())
    layout, _end = decoder.raw_decode(html, html.index("{", end))
    edition = prepare_edition(load_project(EXAMPLE), Audience())
    shown = {re.sub(r"<[^>]+>|[\u2066-\u2069]", "", a["text"]) for a in layout["annotations"]}
    names = edition.analysis.entity_index
    must = [b.id for b in edition.assessment.brokers if b.in_play] + [t.id for t in edition.assessment.targets]
    assert must and {names[v].name for v in must} <= shown
    legend = {t["name"] for t in traces if t.get("legend") == "legend4"}
    assert {"Released", "Suspected", "Wanted", "Arrested"} <= legend


def test_isolated_entities_are_counted_apart_from_groups_and_communities(built_en):
    """The example has one entity without links: no report calls the whole network one connected group."""
    edition = prepare_edition(load_project(EXAMPLE), Audience())
    assert len(edition.assessment.isolated) == 1
    linked = sum(1 for c in edition.analysis.communities if c.size > 1)
    for html in built_en.values():
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
        assert "All entities form a single connected group" not in text
        assert "1 entity has no known link and belongs to no community." in text
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", built_en["analysis"]))
    assert "All the other entities form a single connected group." in text
    assert f"Cell view of {linked} communities." in text and f" links in {linked} communities;" in text
    assert f"The network is organised in {linked} communities;" in re.sub(r"\s+", " ", built_en["strategy"])


def test_no_status_badge_repeats_an_entity_types_shape():
    """A badge must not read as a type: an open diamond beside telephones, an arrow beside accounts."""
    def family(symbol: str) -> str:
        shape = symbol.split("-")[0]
        return "triangle" if shape == "arrow" else shape

    assert not {family(s) for s in STATUS_SYMBOLS.values()} & {family(s) for s in TYPE_SYMBOLS.values()}
