"""The map: activities by country as proportional circles, activity corridors and cross-border links as lines.

Drawn from the base map bundled beside this module (``world.geojson``:
Natural Earth through the npm package world-atlas, see ``world.geojson.md``
and ``scripts/world_map.py``) with plain ``scattergeo`` traces: filled
country outlines, lines, circles and labels. No trace has ``locations``:
plotly.js fetches its own topojson from a CDN for a geo subplot that shows
any base layer or whose first trace has a ``locationmode`` (a choropleth
does, even with a GeoJSON of its own), so the map shows no base layer
(``geo.visible`` off) and nothing is fetched, in the browser or during the
SVG export.

Circles have an area proportional to the period's activities in the
country (an activity spanning several countries counts in each); lines join
the countries' anchor points (a point inside the country, farthest from its
edges) with a width proportional to the number of cross-border links.
Activity corridors (pairs of countries where the same activities were
recorded, :func:`reportgen.analysis.activities.activity_pairs`) are dashed
blue lines between the same points, their width proportional to those
activities.

When the countries crowd one region (labels that cannot be placed at the
scale that shows every country), the main panel shows that region and a
smaller overview beside it shows the whole extent, with the region framed.
The projection is Mercator, and :class:`View` reproduces plotly's fitting
of it, so that labels are placed here, clear of each other and of the
circles. Geography is never mirrored; in right-to-left languages the panels
and the key swap sides and labels go to the left of their circles first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import plotly.graph_objects as go

from ...analysis.results import ActivityPair, BorderPair, CountChange
from ...i18n.formatting import Formatter
from .base import SIZES, Figure, base_layout, bidi, html_text
from .mapgeo import (
    BORDER,
    CIRCLE_CLEARANCE,
    CIRCLE_COLOUR,
    CIRCLE_LINE,
    CORRIDOR_COLOUR,
    CORRIDOR_DASH,
    CORRIDOR_WIDTHS,
    CROWD_DISTANCE,
    CROWD_MIN,
    EXIT_COLOUR,
    FLOW_COLOUR,
    FRAME_COLOUR,
    HOVER_PARTNERS,
    INSET,
    LAND,
    LAND_INVOLVED,
    LINK_ONLY_COLOUR,
    MARGIN,
    SINGLE,
    Box,
    Domain,
    Frame,
    Place,
    Plan,
    View,
    _Data,
    _extent,
    _flow_width,
    _great_circle_midpoint,
    simplify,
    view,
    world,
)
from .maplabels import exit_trace, leader_trace, name_trace, pixel_box, place_names
from .maptext import (
    _key,
    _map_alt,
    _map_tables,
)

# -- the figure ------------------------------------------------------------------------


def _frame(domain: Domain, size: tuple[int, int]) -> Frame:
    """The pixels of a panel whose paper domain is ``domain`` in a figure of ``size``."""
    width, height = size
    inner_w = width - MARGIN["l"] - MARGIN["r"]
    inner_h = height - MARGIN["t"] - MARGIN["b"]
    (x0, x1), (y0, y1) = domain
    return MARGIN["l"] + x0 * inner_w, MARGIN["t"] + (1 - y1) * inner_h, (x1 - x0) * inner_w, (y1 - y0) * inner_h


def _size(points: Sequence[tuple[float, float]], plan: Plan) -> tuple[int, int]:
    """The figure's size: full width, and the height that gives the main panel the shape of what it shows.

    Never more than ``SIZES["map"]``, never less than the plan's minimum
    (the overview and the key need their room).
    """
    width, tallest = SIZES["map"]
    x0, x1, y0, y1 = _extent(points)
    panel_width = (plan.main[0][1] - plan.main[0][0]) * (width - MARGIN["l"] - MARGIN["r"])
    height = round(panel_width * (y1 - y0) / (x1 - x0)) + MARGIN["t"] + MARGIN["b"]
    return width, max(plan.min_height, min(tallest, height))


def _mirror(domain: Domain, rtl: bool) -> Domain:
    (x0, x1), y = domain
    return ((round(1 - x1, 4), round(1 - x0, 4)), y) if rtl else domain


def _crowded(data: _Data, places: dict[str, Place], whole: View) -> list[str]:
    """The largest group of countries drawn within :data:`CROWD_DISTANCE` of each other at the scale of ``whole``."""
    pixels = {c: whole.pixel(*places[c].point) for c in data.codes}
    groups: list[set[str]] = []
    for code in data.codes:
        near = [g for g in groups if any(math.dist(pixels[code], pixels[other]) < CROWD_DISTANCE for other in g)]
        merged: set[str] = {code}.union(*near)
        groups = [g for g in groups if g not in near] + [merged]
    best = max(groups, key=len, default=set())
    # Neighbours of the group come along (one step, twice as far): the main
    # panel should not cut a country off at its edge.
    return [c for c in data.codes if any(math.dist(pixels[c], pixels[o]) < 2 * CROWD_DISTANCE for o in best)]


def map_figure(fmt: Formatter, countries: Sequence[CountChange], flows: Sequence[BorderPair], total_pairs: int,
               corridors: Sequence[ActivityPair] = (), total_corridors: int = 0) -> Figure:
    """Activities by country (``countries``), activity ``corridors`` and cross-border links (``flows``) on a map.

    ``total_pairs`` and ``total_corridors`` are the numbers of country pairs
    with cross-border links and with activities in both, drawn or not (the
    caption says how many are left out).
    """
    _ = fmt.gettext
    rtl = fmt.direction == "rtl"
    places = world()
    data = _prepare(countries, flows, places)
    data.corridors = [p for p in corridors if all(code in places for code in p.countries[:2])]
    data.peak_corridor = max((p.activities for p in data.corridors), default=0)
    names = {c: fmt.country(c) for c in data.codes}
    points = [places[c].point for c in data.codes]

    # One panel if every label fits at the scale that shows every country;
    # otherwise the crowded region in the main panel and an overview beside it.
    plan = SINGLE
    size = _size(points, plan)
    main_domain = _mirror(SINGLE.main, rtl)
    main = view(points, _frame(main_domain, size))
    # Every name beside its circle (no leader line), or the crowded region gets a panel of its own.
    labels = place_names(data, names, places, main, data.codes, data.codes, rtl, leaders=False)
    crowd = _crowded(data, places, main) if len(labels) < len(data.codes) else []
    if len(crowd) >= CROWD_MIN and len(crowd) < len(data.codes):
        plan = INSET
        crowd_points = [places[c].point for c in crowd]
        size = _size(crowd_points, plan)
        main_domain = _mirror(INSET.main, rtl)
        main = view(crowd_points, _frame(main_domain, size))

    traces = _panel_traces(fmt, data, names, places, main, "geo", rtl)
    layout_geo: dict[str, Any] = {"geo": main.layout(main_domain)}
    shapes: list[dict[str, Any]] = []
    if plan.overview:
        overview_domain = _mirror(plan.overview, rtl)
        overview = view(points, _frame(overview_domain, size))
        traces += _panel_traces(fmt, data, names, places, overview, "geo2", rtl, inset=main)
        layout_geo["geo2"] = overview.layout(overview_domain)
        # A thin frame around the overview, so that it reads as a second map.
        x0, x1 = overview_domain[0]
        y0, y1 = overview_domain[1]
        shapes.append({"type": "rect", "xref": "paper", "yref": "paper", "x0": x0, "x1": x1, "y0": y0, "y1": y1,
                       "line": {"color": "#9aa5b1", "width": 0.8}, "layer": "above"})

    layout = base_layout(fmt, _("Activities by country, activity corridors and cross-border links"), size,
                         showlegend=False, margin=MARGIN, **layout_geo)
    figure = go.Figure(traces, layout)
    key_x0, key_x1, key_top = plan.key
    if rtl:
        key_x0, key_x1 = 1 - key_x1, 1 - key_x0
    exits = any(t.uid == "geo-exits" and t.text for t in traces)
    key_shapes, notes = _key(fmt, data, (key_x0, key_x1, key_top), rtl, columns=plan is INSET, exits=exits)
    figure.update_layout(shapes=shapes + key_shapes, annotations=notes)
    missing = [row.key for row in countries if row.count and row.key not in places]
    caption = _caption(fmt, data, (total_pairs, total_corridors), inset=plan is INSET, exits=exits, missing=missing)
    shown = [data.counts[c] for c in data.codes if c in data.counts]
    return Figure("map", figure, caption, _map_alt(fmt, shown, data.flows, data.corridors), size,
                  tables=_map_tables(fmt, countries, data.flows, data.corridors), fixed_width=True)


def _caption(fmt: Formatter, data: _Data, totals: tuple[int, int], *, inset: bool, exits: bool,
             missing: list[str]) -> str:
    """What the circles and both kinds of line stand for, and what the map leaves out."""
    _ = fmt.gettext
    total_pairs, total_corridors = totals
    caption = _("Circles: activities recorded in each country in the period (area proportional to the number). "
                "Lines: cross-border links between entities tied to the two countries (width proportional to "
                "the number).")
    if data.corridors:
        caption += " " + _("Dashed blue lines: activity corridors, activities recorded in both countries (width "
                           "proportional to the number).")
    if inset:
        caption += " " + _("The smaller map shows the whole extent; its frame marks the area of the larger one.")
    if exits:
        caption += " " + _("A name in orange italics at the edge of the larger map is a country outside it, "
                           "where the line to it leaves the map.")
    if len(data.flows) < total_pairs:
        caption += " " + fmt.ngettext("The %(num)s country pair with the most links is drawn, of %(total)s.",
                                      "The %(num)s country pairs with the most links are drawn, of %(total)s.",
                                      len(data.flows), total=fmt.integer(total_pairs))
    if len(data.corridors) < total_corridors:
        caption += " " + fmt.ngettext(
            "The %(num)s activity corridor with the most activities is drawn, of %(total)s.",
            "The %(num)s activity corridors with the most activities are drawn, of %(total)s.",
            len(data.corridors), total=fmt.integer(total_corridors))
    if missing:
        caption += " " + _("Not on the map: %(countries)s.", countries=fmt.countries(missing))
    return caption


def _prepare(countries: Sequence[CountChange], flows: Sequence[BorderPair], places: dict[str, Place]) -> _Data:
    """The countries with a place on the base map: with activities first (most first), then with links only."""
    shown = [row for row in countries if row.count and row.key in places]
    drawn = [pair for pair in flows if all(code in places for code in pair.countries[:2])]
    partners: dict[str, list[tuple[int, str]]] = {}
    for pair in drawn:
        a, b = pair.countries[:2]
        partners.setdefault(a, []).append((pair.links, b))
        partners.setdefault(b, []).append((pair.links, a))
    counts = {row.key: row for row in shown}
    link_only = sorted(set(partners) - set(counts), key=lambda c: (-sum(n for n, _c in partners[c]), c))
    return _Data([row.key for row in shown] + link_only, counts, partners, drawn,
                 max((row.count for row in shown), default=0), max((p.links for p in drawn), default=0))


def _panel_traces(fmt: Formatter, data: _Data, names: dict[str, str], places: dict[str, Place], panel: View,
                  geo: str, rtl: bool, inset: View | None = None) -> list[go.Scattergeo]:
    """Every trace of one panel: land, flows, circles, labels; the overview also frames ``inset``'s area."""
    involved = set(data.codes)
    traces = [_outline_trace(places, panel, lambda code: code not in involved, LAND, f"{geo}-land", geo),
              _outline_trace(places, panel, lambda code: code in involved, LAND_INVOLVED, f"{geo}-involved", geo)]
    traces += _flow_traces(fmt, places, data, geo)
    traces += _corridor_traces(fmt, places, data, geo)
    reserved: list[Box] = []
    codes = [c for c in data.codes if panel.shows(*places[c].point)]
    if inset is not None:
        # The overview labels only what the main panel leaves out, and frames the main panel's area.
        corners = [panel.pixel(inset.west, inset.north), panel.pixel(inset.east, inset.south)]
        reserved.append((corners[0][0], corners[0][1], corners[1][0], corners[1][1]))
        traces.append(_area_frame(inset, geo))
        labelled = [c for c in codes if not inset.shows(*places[c].point)]
    else:
        labelled = codes
    labels = place_names(data, names, places, panel, codes, labelled, rtl, reserved)
    traces.append(_country_trace(fmt, data, names, places, labelled, geo))
    traces.append(leader_trace(labels, panel, geo))
    traces.append(name_trace(labels, panel, geo))
    if inset is None and len(codes) < len(data.codes):
        taken = [pixel_box(panel, label.box) for label in labels]
        for code in codes:  # and the circles: an exit name beside a circle would read as its name
            x, y = panel.pixel(*places[code].point)
            r = data.diameter(code) / 2 + CIRCLE_CLEARANCE
            taken.append((x - r, y - r, x + r, y + r))
        traces.append(exit_trace(data, names, places, panel, set(codes), taken, geo, rtl))
    return traces


def _outline_trace(places: dict[str, Place], panel: View, keep: Callable[[str], bool], colour: str, uid: str,
                   geo: str) -> go.Scattergeo:
    """The outlines of the countries in view that ``keep`` accepts, filled with ``colour``, in one trace.

    Simplified to what the panel's scale can show (half a pixel): the
    overview of a wide area needs a fraction of the points.
    """
    lons: list[float | None] = []
    lats: list[float | None] = []
    margin = 10.0
    tolerance = math.degrees(0.5 / panel.scale)
    for code, place in sorted(places.items()):
        west, south, east, north = place.bounds
        if not keep(code) or not place.rings or east < panel.west - margin or west > panel.east + margin \
                or north < panel.south - margin or south > panel.north + margin:
            continue
        for ring in place.rings:
            if max(x for x, _y in ring) - min(x for x, _y in ring) < 2 * tolerance:
                continue  # an island smaller than a pixel or two
            points = simplify(ring, tolerance)
            lons.extend([x for x, _y in points] + [None])
            lats.extend([y for _x, y in points] + [None])
    return go.Scattergeo(lon=lons, lat=lats, mode="lines", fill="toself", fillcolor=colour, geo=geo,
                         line={"color": BORDER, "width": 0.6}, hoverinfo="skip", uid=uid)


def _area_frame(area: View, geo: str) -> go.Scattergeo:
    """The outline of ``area`` (a rectangle in Mercator), as a line with enough points to stay straight."""
    steps = 24
    lons = [area.west + (area.east - area.west) * i / steps for i in range(steps + 1)]
    top = [(lon, area.north) for lon in lons]
    bottom = [(lon, area.south) for lon in reversed(lons)]
    ring = [*top, *bottom, top[0]]
    return go.Scattergeo(lon=[round(x, 3) for x, _y in ring], lat=[round(y, 3) for _x, y in ring], mode="lines",
                         line={"color": FRAME_COLOUR, "width": 1}, hoverinfo="skip", geo=geo, uid=f"{geo}-area")


def _flow_traces(fmt: Formatter, places: dict[str, Place], data: _Data, geo: str) -> list[go.Scattergeo]:
    """One line per country pair (thickest first, so thin lines stay visible on top), and their hover points."""
    pairs = sorted(data.flows, key=lambda p: (-p.links, p.countries))
    return _pair_traces(fmt, places, geo, "flow", [(p.countries, p.links) for p in pairs],
                        lambda count: {"color": FLOW_COLOUR, "width": round(_flow_width(count, data.peak_links), 2)},
                        fmt.gettext("Cross-border links: %(count)s"), (FLOW_COLOUR, EXIT_COLOUR))


def _corridor_traces(fmt: Formatter, places: dict[str, Place], data: _Data, geo: str) -> list[go.Scattergeo]:
    """One dashed line per activity corridor, over the flows (widest first), and their hover points."""
    pairs = sorted(data.corridors, key=lambda p: (-p.activities, p.countries))
    return _pair_traces(fmt, places, geo, "corridor", [(p.countries, p.activities) for p in pairs],
                        lambda count: {"color": CORRIDOR_COLOUR, "dash": CORRIDOR_DASH,
                                       "width": round(_flow_width(count, data.peak_corridor, CORRIDOR_WIDTHS), 2)},
                        fmt.gettext("Activities in both countries: %(count)s"), (CIRCLE_LINE, CIRCLE_LINE))


def _pair_traces(fmt: Formatter, places: dict[str, Place], geo: str, kind: str,
                 pairs: list[tuple[Sequence[str], int]], line: Callable[[int], dict[str, Any]],
                 label: str, colours: tuple[str, str]) -> list[go.Scattergeo]:
    """A line per country pair, styled by ``line(count)``, then one trace of invisible hover points at their middles.

    ``label`` is the hover's catalogued "…: %(count)s"; ``colours`` the hover points' and their label's border.
    """
    traces = []
    mids_lon, mids_lat, hover = [], [], []
    for countries, count in pairs:
        a, b = (places[c].point for c in countries[:2])
        traces.append(go.Scattergeo(lon=[a[0], b[0]], lat=[a[1], b[1]], mode="lines", hoverinfo="skip", geo=geo,
                                    line=line(count), uid=f"{geo}-{kind}-{'-'.join(countries[:2])}"))
        lon, lat = _great_circle_midpoint(a, b)
        mids_lon.append(lon)
        mids_lat.append(lat)
        names = " – ".join(bidi(fmt, fmt.country(c)) for c in countries[:2])
        hover.append(f"<b>{html_text(names)}</b><br>" + html_text(label % {"count": fmt.integer(count)}))
    if pairs:
        traces.append(go.Scattergeo(lon=mids_lon, lat=mids_lat, mode="markers", hovertext=hover, hoverinfo="text",
                                    marker={"size": 12, "color": colours[0], "opacity": 0}, geo=geo,
                                    hoverlabel={"bgcolor": "white", "bordercolor": colours[1]},
                                    uid=f"{geo}-{kind}-hover"))
    return traces


def _country_trace(fmt: Formatter, data: _Data, names: dict[str, str], places: dict[str, Place],
                   codes: Sequence[str], geo: str) -> go.Scattergeo:
    """Circles (dots for countries with links only) and their hover text."""
    _ = fmt.gettext
    hover = []
    for code in codes:
        lines = [f"<b>{html_text(names[code])}</b>"]
        row = data.counts.get(code)
        if row:
            lines.append(html_text(_("Activities in the period: %(count)s", count=fmt.integer(row.count))))
            lines.append(html_text(_("Previous period: %(count)s", count=fmt.integer(row.previous_count))))
        ties = sorted(data.partners.get(code, []), key=lambda t: (-t[0], t[1]))
        if ties:
            listed = fmt.join(f"{names[c]} ({fmt.integer(n)})" for n, c in ties[:HOVER_PARTNERS])
            if len(ties) > HOVER_PARTNERS:
                listed += _(", ") + "…"
            lines.append(html_text(_("Cross-border links with: %(countries)s", countries=listed)))
        hover.append("<br>".join(lines))
    return go.Scattergeo(
        lon=[places[c].point[0] for c in codes], lat=[places[c].point[1] for c in codes], mode="markers", geo=geo,
        marker={"size": [round(data.diameter(c), 2) for c in codes], "sizemode": "diameter",
                "color": [CIRCLE_COLOUR if c in data.counts else LINK_ONLY_COLOUR for c in codes],
                "line": {"color": [CIRCLE_LINE if c in data.counts else "white" for c in codes], "width": 1}},
        hovertext=hover, hoverinfo="text", hoverlabel={"bgcolor": "white", "bordercolor": CIRCLE_LINE},
        uid=f"{geo}-countries",
    )
