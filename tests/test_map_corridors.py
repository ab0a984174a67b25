"""The map's activity corridors and its off-map names: drawn apart from the link flows, keyed, captioned, tabled.

Activity corridors (pairs of countries with activities recorded in both)
come from the analysis (``activities.by_pair``), the same definition as
the assessment's ``corridor`` findings; the map draws the strongest of
them as dashed lines, says how many of how many, and the analysis report
lists them beside the map.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import subprocess

import pytest
from conftest import EXAMPLE

from reportgen.analysis.edition import prepare_edition
from reportgen.data.load import load_project
from reportgen.data.release import Audience
from reportgen.i18n.formatting import Formatter
from reportgen.report.figures.map import _frame, map_figure
from reportgen.report.figures.mapgeo import (
    CORRIDOR_DASH,
    EXIT_COLOUR,
    FLOW_COLOUR,
    LABEL_SIZE,
    MARGIN,
    View,
    _great_circle,
    world,
)
from reportgen.report.figures.maplabels import EXIT_SLIDE, crosses
from reportgen.report.figures.textsize import text_width
from reportgen.report.model import MAP_CORRIDORS, chart_choices, strongest

LANGUAGES = ("en", "fr", "es", "ar")


@functools.cache
def _edition():
    return prepare_edition(load_project(EXAMPLE), Audience())


@functools.cache
def _figure(lang: str):
    edition = _edition()
    choices = chart_choices(edition.analysis, edition.assessment)
    return map_figure(Formatter(lang), choices.map_countries, choices.map_flows, choices.border_pairs,
                      choices.map_corridors, choices.corridor_pairs), choices


def test_corridors_are_the_assessments_corridors():
    """One definition: each ``corridor`` finding's activities are the analysis' count for its pair."""
    edition = _edition()
    by_pair = {tuple(p.countries): p.activities for p in edition.analysis.activities.by_pair}
    findings = [f for f in edition.assessment.findings if f.kind == "corridor"]
    assert findings and any(f.values["activities"] for f in findings)
    for finding in findings:
        assert finding.values["activities"] == by_pair.get(tuple(finding.values["countries"]), 0)
    # The strongest corridor of the bottom line is the map's strongest dashed line.
    assert tuple(edition.analysis.activities.by_pair[0].countries) == ("BR", "NL")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_map_draws_the_strongest_corridors_dashed_apart_from_the_link_flows(lang):
    figure, choices = _figure(lang)
    fmt = Formatter(lang)
    pairs = _edition().analysis.activities.by_pair
    expected = strongest(pairs, lambda p: p.activities, MAP_CORRIDORS)
    assert choices.map_corridors == expected and len(pairs) > len(expected) >= 5  # the example leaves some out
    places = world()
    drawn = {}
    for trace in figure.figure.data:
        match = re.fullmatch(r"geo2?-corridor-([A-Z]{2})-([A-Z]{2})", trace.uid or "")
        if match:
            a, b = match.groups()
            assert (trace.lon[0], trace.lat[0]) == places[a].point and (trace.lon[1], trace.lat[1]) == places[b].point
            assert trace.line.dash == CORRIDOR_DASH and trace.line.color != FLOW_COLOUR
            drawn[(a, b)] = trace.line.width
        elif "-flow-" in (trace.uid or "") and "hover" not in trace.uid:
            assert trace.line.dash is None and trace.line.color == FLOW_COLOUR
    assert set(drawn) == {tuple(p.countries) for p in expected}
    widths = [drawn[tuple(p.countries)] for p in sorted(expected, key=lambda p: p.activities)]
    assert widths == sorted(widths) and widths[0] < widths[-1]
    # The caption explains both kinds of line and says how many corridors of how many are drawn.
    assert fmt.gettext("Dashed blue lines: activity corridors, activities recorded in both countries (width "
                       "proportional to the number).") in figure.caption
    assert fmt.ngettext("The %(num)s activity corridor with the most activities is drawn, of %(total)s.",
                        "The %(num)s activity corridors with the most activities are drawn, of %(total)s.",
                        len(expected), total=fmt.integer(len(pairs))) in figure.caption
    # Its own key group, with dashed samples; its own data table.
    notes = [a.text for a in figure.figure.layout.annotations]
    assert f"<b>{fmt.gettext('Activity corridors')}</b>" in notes
    assert any(s.type == "line" and s.line.dash == CORRIDOR_DASH for s in figure.figure.layout.shapes)
    table = figure.tables[-1]
    assert table.headers[0] == fmt.gettext("Activity corridor")
    assert [row[1] for row in table.rows] == [fmt.integer(p.activities) for p in expected]
    assert fmt.country_pair(["BR", "NL"]) in figure.alt


@pytest.mark.parametrize("lang", LANGUAGES)
def test_off_map_names_have_a_key_entry_and_a_caption(lang):
    """The orange names at the main panel's edge: a key entry in that style, a sentence of the caption.

    Italic too, but not in Arabic, whose typography has no italics.
    """
    figure, _choices = _figure(lang)
    fmt = Formatter(lang)
    exits = next(t for t in figure.figure.data if t.uid == "geo-exits")
    italic = lang != "ar"
    assert exits.text and exits.textfont.color == EXIT_COLOUR
    assert all(t.startswith("<i>") == italic for t in exits.text)
    notes = figure.figure.layout.annotations
    sample_text = f"<i>{fmt.gettext('Name')}</i>" if italic else fmt.gettext("Name")
    sample = [a for a in notes if a.text == sample_text]
    assert len(sample) == 1 and sample[0].font.color == EXIT_COLOUR
    label = next(a for a in notes if a.yshift == sample[0].yshift and a is not sample[0])
    assert label.text.replace("<br>", " ") == fmt.gettext("Country outside the larger map")
    assert fmt.gettext("A name in orange italics at the edge of the larger map is a country outside it, where the "
                       "line to it leaves the map.") in figure.caption
    # The whole key lies inside the figure: no entry is cut at its foot or its side.
    width, height = figure.size
    inner = (width - MARGIN["l"] - MARGIN["r"], height - MARGIN["t"] - MARGIN["b"])
    for note in notes:
        middle = MARGIN["b"] + note.y * inner[1] + (note.yshift or 0)
        lines = note.text.split("<br>")
        assert middle - 7 * len(lines) >= 0, (lang, note.text)
        start = MARGIN["l"] + note.x * inner[0] + (note.xshift or 0)
        widest = max(text_width(re.sub(r"<[^>]+>", "", line), 11) for line in lines)
        if note.xanchor == "left":
            assert start + widest <= width, (lang, note.text)
        elif note.xanchor == "right":
            assert start - widest >= 0, (lang, note.text)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_analysis_report_lists_the_corridors_beside_the_map(example_reports, lang):
    """The cross-border section's table of corridors, in the HTML and in the PDF."""
    choices = _figure(lang)[1]
    fmt = Formatter(lang)
    html = (example_reports.folder / lang / "analysis.html").read_text(encoding="utf-8")
    section = html[html.index('id="cross-border"'):]
    section = section[:section.index("</section>")]
    assert f"<h3>{fmt.gettext('Activity corridors')}</h3>" in section
    table = section[section.index(f"<h3>{fmt.gettext('Activity corridors')}</h3>"):]
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"num\">(.*?)</td>", table)
    assert [r[1] for r in rows] == [fmt.integer(p.activities) for p in choices.map_corridors]
    text = subprocess.run(["pdftotext", str(example_reports.folder / lang / "analysis.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert fmt.gettext("Activity corridors") in text
    if lang == "en":
        assert re.search(r"Brazil–Netherlands\s+25", text)


def test_an_activity_counts_once_for_every_pair_of_its_countries():
    from types import SimpleNamespace

    from reportgen.analysis.activities import activity_pairs

    one, two = SimpleNamespace(countries=["NL", "BR", "ES"]), SimpleNamespace(countries=["BR", "NL", "NL"])
    pairs = activity_pairs([one, two, SimpleNamespace(countries=["FR"])])  # type: ignore[list-item]
    assert pairs == {("BR", "ES"): [one], ("BR", "NL"): [one, two], ("ES", "NL"): [one]}


def _panel(figure, geo: str) -> View:
    """The view of one map panel as the figure gives it to plotly (its ranges and its frame)."""
    panel = figure.figure.layout[geo]
    frame = _frame((tuple(panel.domain.x), tuple(panel.domain.y)), figure.size)
    return View(*panel.lonaxis.range, *panel.lataxis.range, frame)


def _names(figure, geo: str, panel: View) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every name a panel draws (beside its circle or off-panel) and the box its text covers, in pixels."""
    names = []
    for trace in figure.figure.data:
        if trace.uid not in (f"{geo}-labels", f"{geo}-exits"):
            continue
        positions = [trace.textposition] * len(trace.text) if isinstance(trace.textposition, str) \
            else trace.textposition
        for lon, lat, text, position in zip(trace.lon, trace.lat, trace.text, positions, strict=True):
            x, y = panel.pixel(lon, lat)
            text = re.sub(r"<[^>]+>", "", text)
            w, h = text_width(text, LABEL_SIZE), LABEL_SIZE * 1.3
            vertical, horizontal = position.split()
            x0 = x if horizontal == "right" else x - w if horizontal == "left" else x - w / 2
            y0 = {"top": y - h, "middle": y - h / 2, "bottom": y}[vertical]
            names.append((text, (x0, y0, x0 + w, y0 + h)))
    return names


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_name_overlaps_a_circle(lang):
    """In both panels, no country name's box (beside its circle or off-panel) overlaps any circle's box."""
    figure, _choices = _figure(lang)
    for geo in ("geo", "geo2"):
        panel = _panel(figure, geo)
        circles = []
        for trace in (t for t in figure.figure.data if t.uid == f"{geo}-countries"):
            for lon, lat, size in zip(trace.lon, trace.lat, trace.marker.size, strict=True):
                x, y = panel.pixel(lon, lat)
                circles.append((x - size / 2, y - size / 2, x + size / 2, y + size / 2))
        names = _names(figure, geo, panel)
        assert len(circles) >= 3 and len(names) >= 3, geo
        for text, box in names:
            covered = [c for c in circles if box[0] < c[2] and c[0] < box[2] and box[1] < c[3] and c[1] < box[3]]
            assert not covered, (lang, geo, text, covered)


def _leaving_lines(figure, panel: View):
    """The larger map's lines (link flows, corridors): (its two countries, its pixels, where it leaves or None, far)."""
    left, top, width, height = panel.frame
    places = world()
    lines = []
    for trace in figure.figure.data:
        match = re.fullmatch(r"geo-(?:flow|corridor)-([A-Z]{2})-([A-Z]{2})", trace.uid or "")
        if not match:
            continue
        path = [panel.pixel(*q) for q in _great_circle(places[match[1]].point, places[match[2]].point)]
        if panel.shows(*places[match[1]].point) == panel.shows(*places[match[2]].point):
            lines.append((set(match.groups()), path, None, None))
            continue
        near, far = match.groups() if panel.shows(*places[match[1]].point) else reversed(match.groups())
        line = (panel.pixel(*q) for q in _great_circle(places[near].point, places[far].point))
        inside = list(itertools.takewhile(lambda p: left <= p[0] <= left + width and top <= p[1] <= top + height,
                                          line))
        lines.append((set(match.groups()), path, inside[-1], far))  # where the line leaves the map
    return lines


def _exit_names(figure, panel: View) -> list[tuple[str, tuple[float, float, float, float]]]:
    texts = {re.sub(r"<[^>]+>", "", t) for t in next(t for t in figure.figure.data if t.uid == "geo-exits").text}
    return [(text, box) for text, box in _names(figure, "geo", panel) if text in texts]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_line_leaving_the_larger_map_says_where_it_goes(lang):
    """Each country outside the larger map that a flow or corridor leads to: its name once, in the exit style,
    near where one of its lines leaves the map (the line drawn as plotly draws it, along the great circle)."""
    figure, _choices = _figure(lang)
    fmt = Formatter(lang)
    panel = _panel(figure, "geo")
    exits = _exit_names(figure, panel)
    leaving = [(point, far) for _ends, _path, point, far in _leaving_lines(figure, panel) if far]
    assert len(leaving) >= 5
    for far in {far for _point, far in leaving}:
        named = [box for text, box in exits if text == fmt.country(far)]
        assert len(named) == 1, (lang, far, named)  # « Brazil » twice at the edge reads as two places
        box = named[0]
        distance = min(math.dist(point, (min(max(point[0], box[0]), box[2]), min(max(point[1], box[1]), box[3])))
                       for point, code in leaving if code == far)
        assert distance <= EXIT_SLIDE + 30, (lang, far, distance)
    assert len(exits) == len({far for _point, far in leaving})


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_line_runs_through_an_off_map_name_but_its_own(lang):
    """A line leading elsewhere never strikes through an exit name (« Nigeria » under the Italy–Brazil line)."""
    figure, _choices = _figure(lang)
    fmt = Formatter(lang)
    panel = _panel(figure, "geo")
    code = {fmt.country(c): c for _ends, _path, _point, far in _leaving_lines(figure, panel) if far for c in [far]}
    for text, box in _exit_names(figure, panel):
        struck = [sorted(ends) for ends, path, _point, _far in _leaving_lines(figure, panel)
                  if code[text] not in ends and crosses(box, path)]
        assert not struck, (lang, text, struck)
