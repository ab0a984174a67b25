"""plotly figures of the reports, localised per language.

Layouts (node positions) do not depend on the language: :func:`layouts`
computes them once per build, seeded, and :func:`build_figures` dresses them
in each language's words and number formats. Every figure has a caption and
alternative text; the HTML shows it interactive, the PDF as a vector image
(see :mod:`reportgen.report.svg`).

Large networks: the network diagram shows every entity up to
:data:`NETWORK_DIAGRAM_LIMIT` entities; above, only the *core* — the
:data:`CORE_SIZE` entities with the highest key-player score and the links
among them — and says so in its caption. The community diagram always shows
the whole network, one node per community.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import networkx as nx
import plotly.graph_objects as go

from ..i18n import labels
from ..i18n.formatting import Formatter

#: Up to this many entities the network diagram shows them all.
NETWORK_DIAGRAM_LIMIT = 400
#: Entities shown in the core view of a larger network.
CORE_SIZE = 250
#: Key players whose ego networks are drawn.
EGO_COUNT = 3
#: Seed of every layout.
LAYOUT_SEED = 42

#: Colour of each role (colour-blind-safe palette, Okabe–Ito and Tol).
ROLE_COLOURS = {
    "organiser": "#D55E00",
    "financer": "#009E73",
    "recruiter": "#CC79A7",
    "distributor": "#0072B2",
    "corrupt_official": "#E69F00",
    "facilitator": "#56B4E9",
    "enforcer": "#882255",
    "transporter": "#44AA99",
    "money_launderer": "#117733",
    "forger": "#AA4499",
    "supplier": "#999933",
    "": "#9E9E9E",
}

#: Marker symbol of each entity type.
TYPE_SYMBOLS = {
    "person": "circle",
    "organisation": "square",
    "business": "square",
    "location": "pentagon",
    "vehicle": "triangle-down",
    "vessel": "triangle-down",
    "phone": "diamond",
    "email": "diamond-wide",
    "account": "triangle-up",
    "document": "hexagon",
}

#: Line colour and dash of each link type.
LINK_STYLES = {
    "family": ("#D55E00", "solid"),
    "ethnic": ("#CC79A7", "dot"),
    "geographic": ("#999933", "dot"),
    "associate": ("#7F7F7F", "solid"),
    "financial": ("#009E73", "solid"),
    "communication": ("#56B4E9", "dash"),
    "co_offending": ("#882255", "solid"),
    "ownership": ("#444444", "dashdot"),
    "employment": ("#AA4499", "dashdot"),
    "travel": ("#44AA99", "longdash"),
}

FONT_FAMILY = "Noto Sans, Noto Naskh Arabic, sans-serif"

#: Export size of each kind of figure, in CSS pixels (width, height).
SIZES = {"network": (900, 720), "wide": (900, 480), "ego": (440, 400), "square": (640, 520)}


@dataclass
class Figure:
    """One localised figure, ready for both renderers."""

    id: str
    figure: go.Figure
    caption: str
    alt: str
    size: tuple[int, int]


def _primary_role(entity: dict) -> str:
    return entity["roles"][0] if entity["roles"] else ""


def plotly_locale(fmt: Formatter) -> dict[str, Any]:
    """plotly.js locale of one language: CLDR names and separators, catalog wording.

    Registered in each HTML page (``Plotly.register``) and selected with the
    figure's ``config.locale``: month and day names, decimal and group marks
    from Babel, the mode bar's tooltips from our catalogs.
    """
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = fmt.locale
    days = locale.days["format"]
    months = locale.months["format"]
    order = [6, 0, 1, 2, 3, 4, 5]  # plotly weeks start on Sunday, CLDR's on Monday
    return {
        "moduleType": "locale",
        "name": fmt.lang,
        "dictionary": {message: fmt.gettext(message) for message in labels.PLOTLY_INTERFACE},
        "format": {
            "days": [days["wide"][i] for i in order],
            "shortDays": [days["abbreviated"][i] for i in order],
            "months": [months["wide"][i] for i in range(1, 13)],
            "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
            "decimal": get_decimal_symbol(locale),
            "thousands": get_group_symbol(locale),
            "grouping": [3],
            "currency": ["", "\u00a0€"],
            "periods": [locale.day_periods["format"]["abbreviated"].get("am", "AM"),
                        locale.day_periods["format"]["abbreviated"].get("pm", "PM")],
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "dateTime": "%a %e %b %Y %X",
        },
    }


# -- layouts (language-independent, once per build) ------------------------------


def layouts(analysis: dict[str, Any], graph: nx.Graph) -> dict[str, Any]:
    """Seeded node positions of every diagram, and which nodes each shows."""
    entities = {e["id"]: e for e in analysis["entities"]}
    ranked = sorted(entities, key=lambda v: (-entities[v]["key_player_score"], v))
    if len(entities) <= NETWORK_DIAGRAM_LIMIT:
        shown = sorted(entities)
    else:
        shown = sorted(ranked[:CORE_SIZE])
    core = graph.subgraph(shown)
    result: dict[str, Any] = {
        "network": {"nodes": shown, "positions": _positions(core), "core": len(shown) < len(entities)},
    }
    community_graph = nx.Graph()
    community_graph.add_nodes_from(c["id"] for c in analysis["communities"])
    for link in analysis["community_links"]:
        community_graph.add_edge(link["source"], link["target"], weight=link["links"])
    result["communities"] = {"positions": _positions(community_graph, weight="weight")}
    egos = {}
    for v in analysis["key_players"]["overall"][:EGO_COUNT]:
        ego = nx.ego_graph(graph, v, radius=1)
        positions = _positions(ego)
        egos[v] = {"nodes": sorted(ego), "positions": positions}
    result["egos"] = egos
    return result


def _positions(graph: nx.Graph, weight: str | None = None) -> dict[Any, tuple[float, float]]:
    """Seeded positions: the largest connected group fills the frame, the rest ring it.

    A spring layout of a disconnected graph pushes small groups and isolated
    entities far out and shrinks the main network to a dot; laying out each
    group on its own and placing the small ones on a circle around the main
    one keeps the network readable.
    """
    if graph.number_of_nodes() == 0:
        return {}
    groups = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    main, rest = groups[0], groups[1:]
    positions = _spring(graph.subgraph(main), weight, scale=1.0, centre=(0.0, 0.0))
    for index, group in enumerate(rest):
        angle = 2 * math.pi * index / len(rest) - math.pi / 2
        centre = (1.25 * math.cos(angle), 1.25 * math.sin(angle))
        positions.update(_spring(graph.subgraph(group), weight, scale=0.04 * math.sqrt(len(group)), centre=centre))
    return {v: (round(float(x), 5), round(float(y), 5)) for v, (x, y) in positions.items()}


def _spring(graph: nx.Graph, weight: str | None, scale: float, centre: tuple[float, float]) -> dict:
    if graph.number_of_nodes() == 1:
        return {next(iter(graph)): centre}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph))
    ordered.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True)))
    k = 1.6 / math.sqrt(ordered.number_of_nodes())
    return nx.spring_layout(ordered, seed=LAYOUT_SEED, k=k, iterations=200, weight=weight, scale=scale,
                            center=centre)


# -- shared styling ----------------------------------------------------------------


def _base_layout(fmt: Formatter, title: str, size: tuple[int, int], **extra) -> dict[str, Any]:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    rtl = fmt.direction == "rtl"
    # plotly's separators: decimal mark then group mark, from CLDR.
    separators = get_decimal_symbol(fmt.locale) + get_group_symbol(fmt.locale)
    layout = {
        "title": {"text": title, "x": 0.98 if rtl else 0.02, "xanchor": "right" if rtl else "left",
                  "y": 1, "yref": "paper", "yanchor": "bottom", "pad": {"b": 18}, "font": {"size": 16}},
        "font": {"family": FONT_FAMILY, "size": 12, "color": "#1f2a37"},
        "separators": separators,
        "width": size[0],
        "height": size[1],
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 60, "r": 60, "t": 80, "b": 50},
        "legend": {"x": 0 if rtl else 1.0, "xanchor": "left" if rtl else "left"},
        "hoverlabel": {"font": {"family": FONT_FAMILY}, "align": "right" if rtl else "left"},
    }
    layout.update(extra)
    return layout


def _bidi(fmt: Formatter, text: str) -> str:
    """Isolate Latin names inside right-to-left hover text (Unicode FSI…PDI)."""
    return f"\u2068{text}\u2069" if fmt.direction == "rtl" else text


def _hover_entity(fmt: Formatter, e: dict) -> str:
    _ = fmt.gettext
    roles = fmt.join(_(labels.ROLES[r]) for r in e["roles"]) or _(labels.NO_ROLE)
    lines = [
        f"<b>{_html(_bidi(fmt, e['name']))}</b>",
        _html(_(labels.ENTITY_TYPES[e.get("type")]) + " — " + roles),
        _html(_("Countries: %(countries)s", countries=fmt.countries(e["countries"]) or "—")),
        _html(_("Degree: %(value)s", value=fmt.integer(e["degree"]))),
        _html(_("Betweenness: %(value)s", value=fmt.measure(e["betweenness"]))),
        _html(_("Eigenvector: %(value)s", value=fmt.measure(e["eigenvector"]))),
        _html(_("Community %(number)s", number=fmt.integer(e["community"]))),
    ]
    return "<br>".join(lines)


def _html(text: str) -> str:
    """Escape data for plotly's hover and label strings (a subset of HTML)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _edge_traces(fmt: Formatter, graph: nx.Graph, positions: dict, nodes: set) -> list[go.Scatter]:
    by_type: dict[str, tuple[list, list]] = {}
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        if u not in nodes or v not in nodes:
            continue
        kind = data["types"][0]
        xs, ys = by_type.setdefault(kind, ([], []))
        (x0, y0), (x1, y1) = positions[u], positions[v]
        xs.extend((x0, x1, None))
        ys.extend((y0, y1, None))
    traces = []
    for kind in labels.LINK_TYPES:
        if kind not in by_type:
            continue
        colour, dash = LINK_STYLES[kind]
        xs, ys = by_type[kind]
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", name=fmt.gettext(labels.LINK_TYPES[kind]),
            line={"color": colour, "dash": dash, "width": 1}, opacity=0.55,
            legendgroup="links", legendgrouptitle={"text": fmt.gettext("Links")}, uid=f"edges-{kind}",
        ))
    return traces


def _node_traces(fmt: Formatter, entities: dict, positions: dict, nodes: list, label_ids: set, scale: float,
                 prefix: str) -> list[go.Scatter]:
    by_role: dict[str, list[str]] = {}
    for v in nodes:
        by_role.setdefault(_primary_role(entities[v]), []).append(v)
    peak = max((entities[v]["betweenness"] for v in nodes), default=0) or 1
    traces = []
    for role in [*labels.ROLES, ""]:
        members = by_role.get(role)
        if not members:
            continue
        name = fmt.gettext(labels.ROLES[role]) if role else fmt.gettext(labels.NO_ROLE)
        traces.append(go.Scatter(
            x=[positions[v][0] for v in members],
            y=[positions[v][1] for v in members],
            mode="markers+text",
            text=[_html(_bidi(fmt, entities[v]["name"])) if v in label_ids else "" for v in members],
            textposition="top center",
            textfont={"size": 10},
            hovertext=[_hover_entity(fmt, entities[v]) for v in members],
            hoverinfo="text",
            name=name,
            marker={
                "color": ROLE_COLOURS[role],
                "symbol": [TYPE_SYMBOLS[entities[v]["type"]] for v in members],
                "size": [scale * (6 + 22 * math.sqrt(entities[v]["betweenness"] / peak)) for v in members],
                "line": {"color": "white", "width": 0.8},
            },
            legendgroup="roles", legendgrouptitle={"text": fmt.gettext("Main role")},
            uid=f"{prefix}-nodes-{role or 'none'}",
        ))
    return traces


_AXIS_OFF = {"visible": False, "showgrid": False, "zeroline": False}


# -- analysis report figures ---------------------------------------------------------


def network_figure(fmt: Formatter, analysis: dict, layout: dict, graph: nx.Graph) -> Figure:
    _ = fmt.gettext
    entities = {e["id"]: e for e in analysis["entities"]}
    nodes = layout["network"]["nodes"]
    positions = layout["network"]["positions"]
    keys = set(analysis["key_players"]["overall"])
    traces = _edge_traces(fmt, graph, positions, set(nodes)) + _node_traces(
        fmt, entities, positions, nodes, keys, 1.0, "network"
    )
    title = _("The network")
    figure = go.Figure(traces, _base_layout(fmt, title, SIZES["network"], xaxis=_AXIS_OFF, yaxis=_AXIS_OFF,
                                            hovermode="closest"))
    total = analysis["network"]["nodes"]
    if layout["network"]["core"]:
        caption = _(
            "The core of the network: the %(shown)s entities with the highest key-player score out of %(total)s, "
            "and the links among them. Colour: main role; size: betweenness; shape: entity type; labels: key players.",
            shown=fmt.integer(len(nodes)), total=fmt.integer(total))
    else:
        caption = _(
            "All %(total)s entities and their links. Colour: main role; size: betweenness; shape: entity type; "
            "labels: key players.", total=fmt.integer(total))
    alt = _("Network diagram of %(nodes)s entities and %(edges)s links.",
            nodes=fmt.integer(len(nodes)), edges=fmt.integer(graph.subgraph(nodes).number_of_edges()))
    return Figure("network", figure, caption, alt, SIZES["network"])


def community_figure(fmt: Formatter, analysis: dict, layout: dict) -> Figure:
    _ = fmt.gettext
    positions = layout["communities"]["positions"]
    communities = analysis["communities"]
    peak = max((c["size"] for c in communities), default=1)
    xs, ys = [], []
    widths = []
    traces = []
    for link in analysis["community_links"]:
        (x0, y0), (x1, y1) = positions[link["source"]], positions[link["target"]]
        traces.append(go.Scatter(
            x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
            line={"color": "#9aa5b1", "width": min(8, 0.8 + link["links"] * 0.6)},
            uid=f"community-link-{link['source']}-{link['target']}",
        ))
    entities = {e["id"]: e for e in analysis["entities"]}
    hover = []
    for c in communities:
        xs.append(positions[c["id"]][0])
        ys.append(positions[c["id"]][1])
        widths.append(10 + 40 * math.sqrt(c["size"] / peak))
        main_roles = fmt.join(_(labels.ROLES[r]) for r in list(c["roles"])[:3]) or _(labels.NO_ROLE)
        hover.append("<br>".join([
            f"<b>{_html(_('Community %(number)s', number=fmt.integer(c['id'])))}</b>",
            _html(_("Members: %(count)s", count=fmt.integer(c["size"]))),
            _html(_("Main roles: %(roles)s", roles=main_roles)),
            _html(_("Countries: %(countries)s", countries=fmt.countries(list(c["countries"])[:4]) or "—")),
            _html(_("Leader: %(name)s", name=_bidi(fmt, entities[c["leader"]]["name"]))),
        ]))
    colours = [ROLE_COLOURS[next(iter(c["roles"]), "")] for c in communities]
    traces.append(go.Scatter(
        x=xs, y=ys, mode="markers+text", text=[fmt.integer(c["id"]) for c in communities],
        textfont={"color": "white", "size": 12}, hovertext=hover, hoverinfo="text", showlegend=False,
        marker={"size": widths, "color": colours, "line": {"color": "white", "width": 1.5}},
        uid="community-nodes",
    ))
    figure = go.Figure(traces, _base_layout(fmt, _("Communities and the links between them"), SIZES["square"],
                                            xaxis=_AXIS_OFF, yaxis=_AXIS_OFF, hovermode="closest"))
    caption = _("One circle per community, numbered as in the table; size: members; colour: most frequent role; "
                "line width: number of links between two communities.")
    alt = _("Diagram of %(count)s communities and the links between them.", count=fmt.integer(len(communities)))
    return Figure("communities", figure, caption, alt, SIZES["square"])


def ego_figure(fmt: Formatter, analysis: dict, layout: dict, graph: nx.Graph, entity_id: str, index: int) -> Figure:
    _ = fmt.gettext
    entities = {e["id"]: e for e in analysis["entities"]}
    ego = layout["egos"][entity_id]
    nodes, positions = ego["nodes"], ego["positions"]
    traces = _edge_traces(fmt, graph, positions, set(nodes)) + _node_traces(
        fmt, entities, positions, nodes, {entity_id}, 0.8, f"ego{index}"
    )
    name = entities[entity_id]["name"]
    figure = go.Figure(traces, _base_layout(fmt, _bidi(fmt, _html(name)), SIZES["ego"], xaxis=_AXIS_OFF,
                                            yaxis=_AXIS_OFF, showlegend=False, hovermode="closest",
                                            margin={"l": 20, "r": 20, "t": 50, "b": 20}))
    caption = _("%(name)s and the %(count)s entities directly linked to them.",
                name=_bidi(fmt, name), count=fmt.integer(len(nodes) - 1))
    alt = _("Ego network of %(name)s.", name=_bidi(fmt, name))
    return Figure(f"ego-{index}", figure, caption, alt, SIZES["ego"])


def strategy_label(fmt: Formatter, strategy: str) -> str:
    if strategy.startswith("role:"):
        role = strategy.split(":", 1)[1]
        return fmt.gettext(labels.ROLE_STRATEGY, role=fmt.gettext(labels.ROLES[role]).lower())
    return fmt.gettext(labels.STRATEGIES[strategy])


def disruption_figure(fmt: Formatter, analysis: dict) -> Figure:
    _ = fmt.gettext
    disruption = analysis["disruption"]
    shown = [("degree", "static"), ("degree", "adaptive"), ("betweenness", "static"), ("betweenness", "adaptive"),
             ("random", "static")]
    roles = [r for r in analysis["disruption_ranking"] if r["strategy"].startswith("role:") and r["mode"] == "adaptive"]
    shown += [(r["strategy"], "adaptive") for r in roles[:2]]
    colours = ["#0072B2", "#0072B2", "#D55E00", "#D55E00", "#7F7F7F", "#009E73", "#CC79A7"]
    traces = []
    for (strategy, mode), colour in zip(shown, colours):
        curve = disruption[strategy][mode]
        label = strategy_label(fmt, strategy)
        if strategy != "random":
            label += f" ({_(labels.MODES[mode])})"
        traces.append(go.Scatter(
            x=[row["k"] for row in curve], y=[row["lcc_fraction"] for row in curve], mode="lines+markers",
            name=label, line={"color": colour, "dash": "dot" if mode == "static" and strategy != "random" else "solid"},
            hovertemplate=f"{_html(label)}<br>%{{x}} → %{{y:.0%}}<extra></extra>",
            uid=f"disruption-{strategy.replace(':', '-')}-{mode}",
        ))
    rtl = fmt.direction == "rtl"
    figure = go.Figure(traces, _base_layout(
        fmt, _("Disruption scenarios"), SIZES["wide"],
        xaxis={"title": {"text": _("Entities removed")}, "autorange": "reversed" if rtl else True,
               "gridcolor": "#e5e7eb", "dtick": 2},
        yaxis={"title": {"text": _("Largest connected group left")}, "tickformat": ".0%", "range": [0, 1.05],
               "gridcolor": "#e5e7eb", "side": "right" if rtl else "left"},
        legend={"orientation": "v", "x": 0.01 if not rtl else 0.99, "xanchor": "left" if not rtl else "right",
                "y": 0.02, "yanchor": "bottom", "bgcolor": "rgba(255,255,255,0.8)"},
    ))
    caption = _("Share of the largest connected group of the network that remains as entities are removed, "
                "per strategy. Lower curves fragment the network faster.")
    alt = _("Line chart of %(count)s disruption scenarios.", count=fmt.integer(len(traces)))
    return Figure("disruption", figure, caption, alt, SIZES["wide"])


# -- strategy report figures -----------------------------------------------------------


def _bar(fmt: Formatter, figure_id: str, title: str, names: list[str], counts: list[int], hover: list[str],
         caption: str, alt: str, horizontal: bool = True, colour: str = "#0072B2",
         axis_title: str = "") -> Figure:
    rtl = fmt.direction == "rtl"
    if horizontal:
        trace = go.Bar(y=names, x=counts, orientation="h", marker={"color": colour}, hovertext=hover,
                       hoverinfo="text", uid=figure_id)
        # Room for the category labels, measured rather than left to plotly's
        # automargin, which measures before the web font has loaded.
        room = 30 + 7 * max((len(n) for n in names), default=0)
        extra = {
            "margin": {"l": 40 if rtl else room, "r": room if rtl else 40, "t": 80, "b": 50},
            "yaxis": {"autorange": "reversed", "side": "right" if rtl else "left", "automargin": True},
            "xaxis": {"autorange": "reversed" if rtl else True, "gridcolor": "#e5e7eb",
                      "title": {"text": axis_title}},
        }
        height = max(260, 60 + 28 * len(names))
    else:
        trace = go.Bar(x=names, y=counts, marker={"color": colour}, hovertext=hover, hoverinfo="text", uid=figure_id)
        extra = {
            "xaxis": {"autorange": "reversed" if rtl else True, "type": "category"},
            "yaxis": {"gridcolor": "#e5e7eb", "side": "right" if rtl else "left", "title": {"text": axis_title}},
        }
        height = SIZES["wide"][1]
    size = (SIZES["wide"][0], height)
    figure = go.Figure([trace], _base_layout(fmt, title, size, showlegend=False, bargap=0.25, **extra))
    return Figure(figure_id, figure, caption, alt, size)


def activity_type_figure(fmt: Formatter, analysis: dict) -> Figure:
    _ = fmt.gettext
    rows = analysis["activities"]["by_type"]
    names = [_(labels.ACTIVITY_TYPES[key]) for key in (r.get("key") for r in rows)]
    hover = [_html(_("%(type)s: %(count)s activities, %(value)s", type=n, count=fmt.integer(r["count"]),
                     value=fmt.money(r["value_eur"]))) for n, r in zip(names, rows)]
    return _bar(fmt, "activity-types", _("Activities by crime type"), names, [r["count"] for r in rows], hover,
                _("Number of recorded activities of each crime type in the period."),
                _("Bar chart of activities by crime type."), axis_title=_("Activities"))


def activity_country_figure(fmt: Formatter, analysis: dict, top: int = 15) -> Figure:
    _ = fmt.gettext
    rows = analysis["activities"]["by_country"][:top]
    names = [fmt.country(r["key"]) for r in rows]
    hover = [_html(_("%(country)s: %(count)s activities, %(value)s", country=n, count=fmt.integer(r["count"]),
                     value=fmt.money(r["value_eur"]))) for n, r in zip(names, rows)]
    return _bar(fmt, "activity-countries", _("Activities by country"), names, [r["count"] for r in rows], hover,
                _("Number of recorded activities in each country (the %(count)s most affected); an activity "
                  "spanning several countries counts in each.", count=fmt.integer(len(rows))),
                _("Bar chart of activities by country."), colour="#009E73", axis_title=_("Activities"))


def activity_month_figure(fmt: Formatter, analysis: dict) -> Figure:
    _ = fmt.gettext
    rows = analysis["activities"]["by_month"]
    names = [fmt.month(r["key"], "MMM y") for r in rows]
    hover = [_html(_("%(month)s: %(count)s activities, %(value)s", month=fmt.month(r["key"]),
                     count=fmt.integer(r["count"]), value=fmt.money(r["value_eur"]))) for r in rows]
    return _bar(fmt, "activity-months", _("Activities by month"), names, [r["count"] for r in rows], hover,
                _("Number of recorded activities per month."), _("Bar chart of activities by month."),
                horizontal=False, colour="#D55E00", axis_title=_("Activities"))


def _blue(share: float) -> str:
    """A colour from pale to dark blue for a share in [0, 1]."""
    low, high = (239, 246, 255), (8, 48, 107)
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high))


def grading_figure(fmt: Formatter, analysis: dict) -> Figure:
    """Reliability × credibility heat map, drawn as rectangles so that it stays vector in the PDF."""
    _ = fmt.gettext
    grades = analysis["gradings"]
    matrix = [
        [a + b for a, b in zip(row_links, row_acts)]
        for row_links, row_acts in zip(grades["links"]["matrix"], grades["activities"]["matrix"])
    ]
    rel, cred = grades["reliability"], grades["credibility"]
    peak = max((v for row in matrix for v in row), default=0) or 1
    rtl = fmt.direction == "rtl"
    shapes, annotations, xs, ys, hover = [], [], [], [], []
    for i, r in enumerate(rel):
        for j, c in enumerate(cred):
            value = matrix[i][j]
            x = len(cred) - 1 - j if rtl else j
            shapes.append({"type": "rect", "x0": x - 0.48, "x1": x + 0.48, "y0": i - 0.48, "y1": i + 0.48,
                           "fillcolor": _blue(value / peak), "line": {"width": 0}, "layer": "below"})
            annotations.append({"x": x, "y": i, "text": fmt.integer(value), "showarrow": False,
                                "font": {"color": "white" if value / peak > 0.5 else "#1f2a37"}})
            xs.append(x)
            ys.append(i)
            hover.append(_html(_("Reliability %(r)s, credibility %(c)s: %(n)s", r=r, c=c, n=fmt.integer(value))))
    positions = list(range(len(cred)))
    trace = go.Scatter(x=xs, y=ys, mode="markers", marker={"size": 30, "opacity": 0}, hovertext=hover,
                       hoverinfo="text", showlegend=False, uid="grading")
    figure = go.Figure([trace], _base_layout(
        fmt, _("Grading of the intelligence"), SIZES["square"], shapes=shapes, annotations=annotations,
        xaxis={"title": {"text": _("Information credibility")}, "side": "top", "tickvals": positions,
               "ticktext": list(reversed(cred)) if rtl else cred, "range": [-0.6, len(cred) - 0.4],
               "showgrid": False, "zeroline": False},
        yaxis={"title": {"text": _("Source reliability")}, "tickvals": list(range(len(rel))), "ticktext": rel,
               "range": [len(rel) - 0.4, -0.6], "showgrid": False, "zeroline": False,
               "side": "right" if rtl else "left"},
    ))
    caption = _("Links and activities by source reliability and information credibility "
                "(%(graded)s graded, %(ungraded)s ungraded).",
                graded=fmt.integer(grades["links"]["graded"] + grades["activities"]["graded"]),
                ungraded=fmt.integer(grades["links"]["ungraded"] + grades["activities"]["ungraded"]))
    return Figure("grading", figure, caption, _("Heat map of gradings."), SIZES["square"])


def evidence_figure(fmt: Formatter, analysis: dict) -> Figure:
    _ = fmt.gettext
    rows = list(analysis["gradings"]["evidence"].items())
    names = [_(labels.EVIDENCE_TYPES[k]) for k, _n in rows]
    hover = [_html(f"{n}: {fmt.integer(c)}") for n, (_k, c) in zip(names, rows)]
    return _bar(fmt, "evidence", _("Evidence behind the links"), names, [c for _k, c in rows], hover,
                _("Number of links supported by each type of evidence (a link may have several)."),
                _("Bar chart of evidence types."), colour="#56B4E9", axis_title=_("Links"))


def role_figure(fmt: Formatter, analysis: dict) -> Figure:
    _ = fmt.gettext
    rows = list(analysis["composition"]["roles"].items())
    names = [_(labels.ROLES[k]) for k, _n in rows]
    hover = [_html(f"{n}: {fmt.integer(c)}") for n, (_k, c) in zip(names, rows)]
    figure = _bar(fmt, "roles", _("Roles in the network"), names, [c for _k, c in rows], hover,
                  _("Number of entities holding each role (an entity may hold several)."),
                  _("Bar chart of roles."), colour="#CC79A7", axis_title=_("Entities"))
    figure.figure.update_traces(marker={"color": [ROLE_COLOURS[k] for k, _n in rows]})
    return figure


def changes_figure(fmt: Formatter, analysis: dict) -> Figure:
    """This period against the previous one: grouped bars of the main counts."""
    _ = fmt.gettext
    changes = analysis["changes"]
    keys = [("entities", _("Entities")), ("links", _("Links")), ("activities", _("Activities")),
            ("countries", _("Countries")), ("communities", _("Communities"))]
    names = [label for _key, label in keys]
    rtl = fmt.direction == "rtl"
    traces = []
    for when, label, colour in (("before", _("Previous period"), "#9aa5b1"), ("now", _("This period"), "#0072B2")):
        values = [changes[key][when] for key, _label in keys]
        traces.append(go.Bar(
            x=names, y=values, name=label, marker={"color": colour},
            hovertext=[_html(f"{n} — {label}: {fmt.integer(v)}") for n, v in zip(names, values)], hoverinfo="text",
            uid=f"changes-{when}",
        ))
    figure = go.Figure(traces, _base_layout(
        fmt, _("This period and the previous one"), SIZES["wide"], barmode="group",
        xaxis={"autorange": "reversed" if rtl else True, "type": "category"},
        yaxis={"gridcolor": "#e5e7eb", "side": "right" if rtl else "left"},
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.15},
    ))
    caption = _("Entities, links, activities, countries and communities in the reporting period and in the previous "
                "period of the same length.")
    return Figure("changes", figure, caption, _("Bar chart comparing this period with the previous one."),
                  SIZES["wide"])


def build_figures(fmt: Formatter, analysis: dict, layout: dict, graph: nx.Graph) -> dict[str, Figure]:
    """Every figure of both reports in one language, by id."""
    figures = [
        network_figure(fmt, analysis, layout, graph),
        community_figure(fmt, analysis, layout),
        disruption_figure(fmt, analysis),
        activity_type_figure(fmt, analysis),
        activity_country_figure(fmt, analysis),
        activity_month_figure(fmt, analysis),
        grading_figure(fmt, analysis),
        evidence_figure(fmt, analysis),
        role_figure(fmt, analysis),
    ]
    if analysis.get("changes"):
        figures.append(changes_figure(fmt, analysis))
    for index, entity_id in enumerate(layout["egos"], start=1):
        figures.append(ego_figure(fmt, analysis, layout, graph, entity_id, index))
    return {f.id: f for f in figures}
