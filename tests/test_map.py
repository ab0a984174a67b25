"""The map and the comparison charts, in real output: HTML in Chromium, PDF, the SVG export.

One build of the example in the four languages serves the module. The map
is drawn from the bundled base map only: neither the page in the browser
nor the export browser may fetch anything (plotly's geo charts fetch their
topojson from a CDN unless every trace avoids it).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import json
import math
import re
import subprocess
import threading
from html import escape, unescape
from typing import ClassVar

import plotly.graph_objects as go
import pytest
from babel import Locale
from chromium import CHROMIUM, FLAGS
from conftest import EXAMPLE
from pypdf import PdfReader

from reportgen.analysis.edition import prepare_edition
from reportgen.analysis.period import analyse_period
from reportgen.analysis.results import BorderPair, CountChange
from reportgen.data.fields import country_codes
from reportgen.data.load import load_project
from reportgen.data.release import Audience, restrict
from reportgen.i18n.formatting import Formatter
from reportgen.report.figures import charts
from reportgen.report.figures.base import Figure
from reportgen.report.figures.map import map_figure
from reportgen.report.figures.mapgeo import WORLD_MAP, Place, _Data, view, world
from reportgen.report.figures.maplabels import place_names
from reportgen.report.figures.placement import Mark
from reportgen.report.model import MAP_FLOWS, chart_choices, map_flows, report_model

LANGUAGES = ("en", "fr", "es", "ar")


@pytest.fixture(scope="module")
def analysed():
    """The example's analysis as a default build makes it, and the charts' choices."""
    project, _removed = restrict(load_project(EXAMPLE), Audience())
    analysis = analyse_period(project, project.meta.period)
    return analysis, chart_choices(analysis)


@pytest.fixture(scope="module")
def example(example_reports, analysed):
    """The example built in every language (HTML and PDF), and its analysis as the build made it."""
    return example_reports.folder, *analysed


def _map(analysis, choices, lang: str) -> Figure:
    return map_figure(Formatter(lang), choices.map_countries, choices.map_flows, choices.border_pairs,
                      choices.map_corridors, choices.corridor_pairs)


# -- the base map ---------------------------------------------------------------------


def test_base_map_places_every_country_code_and_is_small():
    places = world()
    assert country_codes() <= set(places), sorted(country_codes() - set(places))
    assert WORLD_MAP.stat().st_size < 1_000_000
    assert WORLD_MAP.parent.name == "figures" and WORLD_MAP.parent.parent.name == "report"  # inside the package
    for place in places.values():
        west, south, east, north = place.bounds
        lon, lat = place.point
        assert west <= lon <= east and south <= lat <= north, place.code
    # Countries that crescent around a neighbour keep their anchor inside: Croatia's is not in Bosnia.
    assert places["HR"].point[1] > places["BA"].point[1] + 1


def test_map_flows_take_the_strongest_pairs_and_never_split_a_tie():
    pairs = [BorderPair(["A", str(i)], links, 1.0) for i, links in enumerate([9, 5, 5, 3, 3, 3, 1, 1])]
    assert [p.links for p in map_flows(pairs, 4)] == [9, 5, 5]
    assert [p.links for p in map_flows(pairs, 6)] == [9, 5, 5, 3, 3, 3]
    assert map_flows(pairs, 20) == pairs
    assert len(map_flows([BorderPair(["A", str(i)], 1, 1.0) for i in range(50)], MAP_FLOWS)) == MAP_FLOWS


@functools.cache
def _edition():
    return prepare_edition(load_project(EXAMPLE), Audience())


def test_cross_border_table_lists_the_pairs_the_map_draws():
    edition = _edition()
    choices = chart_choices(edition.analysis, edition.assessment)
    model = report_model("analysis", edition.project, edition.analysis, edition.assessment, [], choices)
    drawn = _map(edition.analysis, choices, "en").figure.to_plotly_json()["data"]
    pairs = {t["uid"].split("-flow-")[1] for t in drawn if "-flow-" in t.get("uid", "") and "hover" not in t["uid"]}
    assert len(model.border_pairs) == len(choices.map_flows) == len(pairs) > 20
    assert model.border_pairs == choices.map_flows


def test_disruption_caption_counts_the_scenarios_the_table_lists():
    """Review 5: « Drawn: 7 of the 27 scenarios tested … the table lists them all » above a table of 17 rows
    (a strategy whose two modes agree is one row): the caption counts the table's rows."""
    edition = _edition()
    analysis = edition.analysis
    choices = chart_choices(analysis, edition.assessment)
    model = report_model("analysis", edition.project, analysis, edition.assessment, [], choices)
    figure = charts.disruption_figure(Formatter("en"), analysis, choices.disruption_curves,
                                      len(choices.disruption_rows))
    drawn, listed = len(figure.figure.data), len(model.disruption.ranking)
    assert drawn < listed < len(analysis.disruption_ranking)  # the example has twins: the counts differ
    assert f"Drawn: {drawn} of the {listed} scenarios tested" in figure.caption


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_disruption_legend_names_every_curve_drawn_in_a_style_of_its_own(lang):
    analysis = _edition().analysis
    choices = chart_choices(analysis)
    figure = charts.disruption_figure(Formatter(lang), analysis, choices.disruption_curves,
                                      len(choices.disruption_rows)).figure
    traces = figure.to_plotly_json()["data"]
    assert len(traces) == len(choices.disruption_curves) >= 7
    assert all(t.get("showlegend") is not False and t["name"] for t in traces)
    assert len({t["name"] for t in traces}) == len(traces)
    assert len({(t["line"]["color"], t["line"]["dash"]) for t in traces}) == len(traces)
    # On a phone the legend goes under the plot, which keeps its height.
    narrow = figure.layout.meta["narrow"]
    assert narrow["legend"]["y"] < 0 and narrow["legend"]["yanchor"] == "top"
    assert narrow["height"] - narrow["margin"]["b"] == figure.layout.height - figure.layout.margin.b


def test_crowded_names_stand_off_on_leader_lines_and_never_overlap():
    """Thirty countries a few pixels apart (a Balkans at world scale): every name placed is clear of every
    other name and of every other circle; names that found no room beside their circle have a leader line."""
    places = {f"C{i}": Place(f"C{i}", (18 + (i % 6) * 0.6, 42 + (i // 6) * 0.5), (), (0, 0, 0, 0)) for i in range(30)}
    codes = list(places)
    data = _Data(codes, {c: CountChange(c, 1 + i, 0.0) for i, c in enumerate(codes)}, {}, [], 30, 0)
    panel = view([(10.0, 35.0), (30.0, 50.0)], (0, 0, 500, 320))
    for rtl in (False, True):
        names = {c: f"Country {c} {'x' * (int(c[1:]) % 7)}" for c in codes}
        labels = place_names(data, names, places, panel, codes, codes, rtl)
        assert 10 < len(labels) <= len(codes)
        assert any(label.leader for label in labels)
        for i, a in enumerate(labels):
            assert all(not a.box.intersects(b.box) for b in labels[i + 1:]), a
            for code in codes:
                x, y = panel.pixel(*places[code].point)
                disc = Mark(code, x, panel.frame[3] - y, data.diameter(code) / 2)
                assert not disc.hits(a.box), (a.text, code)


# -- the figures ------------------------------------------------------------------------


def test_map_draws_the_cross_border_pairs_and_countries_of_the_analysis(analysed):
    analysis, choices = analysed
    figure = _map(analysis, choices, "en")
    places = world()
    drawn = {}
    for trace in figure.figure.data:
        match = re.fullmatch(r"geo-flow-([A-Z]{2})-([A-Z]{2})", trace.uid or "")
        if match:
            a, b = match.groups()
            assert (trace.lon[0], trace.lat[0]) == places[a].point and (trace.lon[1], trace.lat[1]) == places[b].point
            drawn[(a, b)] = trace.line.width
    expected = {tuple(p.countries): p.links for p in map_flows(analysis.cross_border)}
    assert set(drawn) == set(expected)
    assert len(expected) < len(analysis.cross_border)  # the example has more pairs than are drawn: caption says so
    assert f"of {len(analysis.cross_border)}" in figure.caption
    # Width grows with the number of links.
    by_links = sorted(drawn, key=lambda pair: expected[pair])
    assert all(drawn[a] <= drawn[b] for a, b in itertools.pairwise(by_links))
    # Every country with activities has a circle, in one panel or the other, larger for more activities.
    sizes = {}
    for trace in figure.figure.data:
        if trace.uid in ("geo-countries", "geo2-countries"):
            sizes.update(zip(zip(trace.lon, trace.lat, strict=True), trace.marker.size, strict=True))
    rows = [r for r in analysis.activities.by_country if r.count]
    assert all(places[r.key].point in sizes for r in rows)
    diameters = [sizes[places[r.key].point] for r in sorted(rows, key=lambda r: r.count)]
    assert diameters == sorted(diameters)
    # The data table has every pair drawn and every country with activities.
    countries_table, pairs_table, _corridors_table = figure.tables
    assert len(pairs_table.rows) == len(expected)
    assert [r[0] for r in countries_table.rows] == [Formatter("en").country(r.key)
                                                    for r in analysis.activities.by_country if r.count]


def test_map_and_comparison_charts_have_an_alt_text_with_the_key_facts(analysed):
    analysis, choices = analysed
    for lang in LANGUAGES:
        fmt = Formatter(lang)
        figure = _map(analysis, choices, lang)
        top = analysis.activities.by_country[0]
        assert fmt.country(top.key) in figure.alt and fmt.integer(top.count) in figure.alt
        changes = charts.changes_figure(fmt, analysis.changes)
        communities = analysis.changes.communities
        assert fmt.integer(communities.before) in changes.alt and fmt.integer(communities.now) in changes.alt


def test_comparison_charts_show_both_periods(analysed):
    analysis, choices = analysed
    fmt = Formatter("en")
    acts = analysis.activities
    for figure, rows in ((charts.activity_type_figure(fmt, analysis), acts.by_type),
                         (charts.activity_country_figure(fmt, choices.countries), choices.countries)):
        before, now = figure.figure.data
        assert (before.name, now.name) == ("Previous period", "This period")
        assert list(before.x) == [r.previous_count for r in rows] and list(now.x) == [r.count for r in rows]
    months = charts.activity_month_figure(fmt, analysis)
    before, now = months.figure.data
    assert list(before.y) == [r.count for r in acts.previous.by_month]
    assert list(now.y) == [r.count for r in acts.by_month]
    assert not set(before.x) & set(now.x)  # the previous period's own months, not this period's again
    # The change chart: every count with both values, each on its own axis from zero, so that a drop shows.
    changes = charts.changes_figure(fmt, analysis.changes)
    bars = [t for t in changes.figure.data if isinstance(t, go.Bar)]
    assert len(bars) == 10
    communities = analysis.changes.communities
    pair = [t for t in bars if t.y[0] == "Communities"]
    assert [t.x[0] for t in pair] == [communities.before, communities.now]
    axis = changes.figure.layout[pair[0].xaxis.replace("x", "xaxis")]
    assert axis.range[0] == 0 and axis.range[1] < 2 * max(communities.before, communities.now)
    assert changes.tables[0].rows[-1][1:3] == (fmt.integer(communities.before), fmt.integer(communities.now))
    # Links are counted as the analysis counts them (one relationship per linked pair), and say so.
    relationships = [t.x[0] for t in bars if t.y[0] == "Distinct relationships"]
    assert relationships == [analysis.changes.links.before, analysis.changes.links.now]
    assert "count as one" in changes.caption


# -- the built reports ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_in_both_reports_with_cldr_country_names(example, lang):
    folder, _analysis, choices = example
    names = Locale.parse(lang).territories
    for report in ("analysis", "strategy"):
        html = (folder / lang / f"{report}.html").read_text(encoding="utf-8")
        assert 'id="fig-map"' in html and 'id="data-map"' in html, (lang, report)
        data = html[html.index('id="data-map"'):]
        data = data[:data.index("</details>")]
        for row in choices.map_countries:
            assert f"<td>{escape(names[row.key])}</td>" in data, (lang, report, row.key)
        # Labels and hover text in the page's figure are CLDR's names too.
        traces = _plotly_data(html, "fig-map")
        labels = {text for t in traces if (t.get("uid") or "").endswith("-labels") for text in t["text"]}
        hover = " ".join(text for t in traces if (t.get("uid") or "").endswith("-countries") for text in t["hovertext"])
        assert names["RS"] in labels and names["RS"] in hover, (lang, report)
    if lang == "ar":
        assert "صربيا" in labels


def _plotly_data(html: str, div_id: str) -> list[dict]:
    """The traces of one figure of a page, from its ``Plotly.newPlot`` call."""
    start = re.search(rf'Plotly\.newPlot\(\s*"{div_id}",\s*', html).end()
    data, _end = json.JSONDecoder().raw_decode(html, start)
    return data


def test_pdf_charts_are_vector_and_the_map_is_there(example):
    folder, analysis, _choices = example
    for lang in ("en", "ar"):
        for report in ("analysis", "strategy"):
            path = folder / lang / f"{report}.pdf"
            images = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True,
                                    text=True).stdout.splitlines()
            assert len(images) == 2, images  # the header lines only: no raster image anywhere
        text = "".join(page.extract_text() for page in PdfReader(folder / lang / "strategy.pdf").pages)
        text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
        fmt = Formatter(lang)
        caption_start = fmt.gettext("Circles: activities recorded in each country in the period (area proportional "
                                    "to the number). Lines: cross-border links between entities tied to the two "
                                    "countries (width proportional to the number).").split()[:3]
        assert " ".join(caption_start) in re.sub(r"\s+", " ", text)
        # The map's data after it: the pairs drawn, with their links.
        pair = map_flows(analysis.cross_border)[0]
        # An Arabic pair is extracted in visual order (pypdf), its two names swapped round the dash.
        names = fmt.country_pair(pair.countries).split("–")
        flat = re.sub(r"\s+", " ", text)
        assert "–".join(names) in flat or (lang == "ar" and "–".join(reversed(names)) in flat), names


def test_strategy_pdf_map_data_tables_carry_their_label(example):
    """The map's data tables in the strategy PDF come under their label, never as bare tables after it."""
    folder, _analysis, _choices = example
    for lang in ("en", "ar"):
        text = subprocess.run(["pdftotext", str(folder / lang / "strategy.pdf"), "-"], check=True,
                              capture_output=True, text=True).stdout
        flat = re.sub(r"\s+", " ", re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text))
        fmt = Formatter(lang)
        # The header rows of the first two tables side by side (activities per country, links per pair); the
        # label right above them.
        header = " ".join(fmt.gettext(h) for h in ("Country", "Activities", "Previous period", "Countries"))
        starts = [m.start() for m in re.finditer(re.escape(header), flat)]
        assert starts, lang
        label = fmt.gettext("Data of the chart") + " "
        for start in starts:
            assert flat[:start].endswith(label), (lang, flat[max(0, start - 200):start + 40])


def test_cross_border_table_ranks_by_links_then_by_name_and_defines_its_weight(example):
    """Most links first; a tie in the alphabetical order of the pairs' names as shown, in every language."""
    folder, _analysis, _choices = example
    for lang in ("en", "fr", "ar"):
        html = (folder / lang / "analysis.html").read_text(encoding="utf-8")
        table = re.search(r'<table class="data border-pairs">(.*?)</table>', html, re.S).group(1)
        fmt = Formatter(lang)
        caption = re.search(r"<caption>(.*?)</caption>", table, re.S).group(1)
        assert unescape(caption) == fmt.gettext(
            "Combined weight: the sum of the weights of the recorded links between the two countries' entities "
            "(a link's weight is given in the project's data; 1 when none is given).")
        rows = [(unescape(name), int(re.sub(r"\D", "", links))) for name, links in
                re.findall(r'<tr><td>(.*?)</td><td class="num">(.*?)</td>', table)]
        assert len(rows) >= 5, lang
        assert [n for _name, n in rows] == sorted((n for _name, n in rows), reverse=True), lang
        ties = [(a, b) for (a, m), (b, n) in itertools.pairwise(rows) if m == n]
        assert ties, lang
        for a, b in ties:
            assert fmt.collated([a, b]) == [a, b], (lang, a, b)


def test_link_chart_has_a_landscape_page_of_its_own(example):
    """The network diagram's page is A4 landscape, in English and in Arabic, and holds nothing else."""
    folder, _analysis, _choices = example
    for lang in ("en", "ar"):
        path = folder / lang / "analysis.pdf"
        pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                               text=True).stdout.split("\f")
        title = Formatter(lang).gettext("Network diagram")
        found = [i for i, text in enumerate(pages) if title in text and "...." not in text]  # not the contents
        assert found, lang
        box = PdfReader(path).pages[found[0]].mediabox
        assert float(box.width) > float(box.height), (lang, found[0])


# -- no request leaves the machine -----------------------------------------------------


class _Counter(http.server.BaseHTTPRequestHandler):
    """A proxy that refuses everything and remembers what was asked."""

    requests: ClassVar[list[str]] = []

    def do_CONNECT(self):
        _Counter.requests.append("CONNECT " + self.path)
        self.send_response(502)
        self.end_headers()

    def do_GET(self):
        _Counter.requests.append("GET " + self.path)
        self.send_response(502)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.slow  # a browser
def test_svg_export_of_the_map_fetches_nothing(analysed, tmp_path, monkeypatch):
    """The export browser goes through a proxy that records: the map asks for nothing; a choropleth would.

    (In a build the proxy is a closed port, so that nothing at all leaves the machine.)
    """
    from reportgen.report import svg

    analysis, choices = analysed
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    monkeypatch.setattr(svg, "NO_PROXY", f"http://127.0.0.1:{proxy.server_address[1]}")
    _Counter.requests = []
    try:
        with svg.SvgExporter() as exporter:
            paths = exporter.export([_map(analysis, choices, "ar")], tmp_path / "map")
            # Chromium's own background requests (update checks, sign-in) come through too, whatever the
            # figure; none may be the figure's.
            assert not [r for r in _Counter.requests if re.search(r"plot\.ly|topojson|jsdelivr|unpkg|\.json", r)]
            # The check can see a leak: plotly's own choropleth asks its CDN for a topojson.
            leak = Figure("leak", go.Figure(go.Choropleth(locations=["FRA"], z=[1])), "", "", (300, 200))
            with contextlib.suppress(Exception):  # a failed export is fine: the request is what counts
                exporter.export([leak], tmp_path / "leak")
    finally:
        proxy.shutdown()
    assert any("cdn.plot.ly" in r for r in _Counter.requests), _Counter.requests
    text = paths["map"].read_text(encoding="utf-8")
    circles = len(re.findall(r"fill:rgb\(0%,44\.70\d*%,69\.80\d*%\)", text))  # #0072B2, as cairo writes it
    flows = len(re.findall(r"stroke:rgb\(83\.52\d*%,36\.86\d*%,0%\)", text))  # #D55E00
    assert circles >= len(choices.map_countries) and flows >= len(choices.map_flows), (circles, flows)
    assert "<text" not in text  # labels outlined for WeasyPrint


@pytest.fixture(scope="module")
def browser(example):
    playwright = pytest.importorskip("playwright.sync_api")
    folder, _analysis, _choices = example
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield chromium, f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            chromium.close()
            server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _open(chromium, url: str, width: int = 1366):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(url, wait_until="load")
    page.wait_for_selector("#fig-map .geo", timeout=20000)
    page.wait_for_timeout(300)
    return page, requests, problems


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pages_with_the_map_make_no_request_outside_the_local_server(browser, lang):
    chromium, base = browser
    for report in ("analysis", "strategy"):
        page, requests, problems = _open(chromium, f"{base}/{lang}/{report}.html")
        page.locator("#fig-map").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        outside = [u for u in requests if not u.startswith((base, "data:"))]
        assert outside == [], (lang, report, outside)
        assert not problems, problems
        page.close()


def test_map_hover_labels_and_positions_in_the_browser(browser, example):
    """Arabic page: hover names the country in Arabic with its counts; circles land where the figure code
    computed them (so label placement computed in Python holds in the browser)."""
    chromium, base = browser
    _folder, analysis, choices = example
    page, _requests, _problems = _open(chromium, f"{base}/ar/strategy.html")
    page.locator("#fig-map").scroll_into_view_if_needed()
    # Serbia's circle, found through the data plotly binds to each trace's node.
    serbia = world()["RS"].point
    figure = _map(analysis, choices, "ar")
    geo = figure.figure.layout.geo
    circles = next(t for t in figure.figure.data if t.uid == "geo-countries")
    index = list(zip(circles.lon, circles.lat, strict=True)).index(serbia)
    box = page.evaluate("""index => {
        const node = [...document.querySelectorAll('#fig-map .trace.scattergeo')]
            .find(n => n.__data__ && n.__data__[0].trace.uid === 'geo-countries');
        const r = node.querySelectorAll('path.point')[index].getBoundingClientRect();
        return {x: r.x, y: r.y, width: r.width, height: r.height}; }""", index)
    svg = page.locator("#fig-map .main-svg").first.bounding_box()
    # Where the figure code put it, at the figure's own size (the page shows it at full width or less).
    from reportgen.report.figures.map import _frame
    from reportgen.report.figures.mapgeo import View
    domain = (tuple(geo.domain.x), tuple(geo.domain.y))
    view = View(geo.lonaxis.range[0], geo.lonaxis.range[1], geo.lataxis.range[0], geo.lataxis.range[1],
                _frame(domain, (round(svg["width"]), round(svg["height"]))))
    x, y = view.pixel(*serbia)
    assert abs(box["x"] + box["width"] / 2 - svg["x"] - x) < 2 and abs(box["y"] + box["height"] / 2 - svg["y"] - y) < 2
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#fig-map .hoverlayer .hovertext", timeout=5000)
    text = page.locator("#fig-map .hoverlayer .hovertext").first.text_content()
    row = next(r for r in analysis.activities.by_country if r.key == "RS")
    assert "صربيا" in text and str(row.count) in text and str(row.previous_count) in text
    page.close()



@pytest.mark.parametrize("lang", ["en", "ar"])
def test_map_names_clear_of_each_other_and_of_the_circles_in_the_browser(browser, lang):
    """The text boxes Chromium draws: no country name overlaps another or any circle (the Balkans included)."""
    chromium, base = browser
    for report in ("analysis", "strategy"):
        page, _requests, _problems = _open(chromium, f"{base}/{lang}/{report}.html")
        page.locator("#fig-map").scroll_into_view_if_needed()
        drawn = page.evaluate("""() => {
            const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
            const texts = [...document.querySelectorAll('#fig-map .trace.scattergeo text')]
                .filter(t => t.textContent).map(t => [t.textContent, ...box(t)]);
            const circles = [...document.querySelectorAll('#fig-map .trace.scattergeo')]
                .filter(n => n.__data__ && /-countries$/.test(n.__data__[0].trace.uid))
                .flatMap(n => [...n.querySelectorAll('path.point')].map(box));
            return {texts, circles}; }""")
        texts, circles = drawn["texts"], drawn["circles"]
        assert len(texts) >= 15 and len(circles) >= 15, (lang, report)
        for i, (name, *a) in enumerate(texts):
            for other, *b in texts[i + 1:]:
                assert min(a[2], b[2]) - max(a[0], b[0]) <= 1 or min(a[3], b[3]) - max(a[1], b[1]) <= 1, \
                    (lang, report, name, other)
            for c in circles:
                cx, cy, r = (c[0] + c[2]) / 2, (c[1] + c[3]) / 2, (c[2] - c[0]) / 2
                nx, ny = min(max(cx, a[0]), a[2]), min(max(cy, a[1]), a[3])
                assert math.hypot(nx - cx, ny - cy) >= r - 1, (lang, report, name, c)
        page.close()
