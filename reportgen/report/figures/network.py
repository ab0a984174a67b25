"""The network diagrams: the whole network (or its core), communities, and the key players' contacts.

Layouts (node positions) do not depend on the language: :func:`layouts`
computes them once per build, seeded; the figure functions dress them in
each language's words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import networkx as nx
import plotly.graph_objects as go

from ...analysis.results import Analysis, EntityMetrics
from ...i18n import labels
from ...i18n.formatting import Formatter
from .base import (
    AXIS_OFF,
    CORE_SIZE,
    EGO_COUNT,
    LAYOUT_SEED,
    LINK_STYLES,
    NETWORK_DIAGRAM_LIMIT,
    ROLE_COLOURS,
    SIZES,
    TYPE_SYMBOLS,
    Figure,
    base_layout,
    bidi,
    hover_entity,
    html_text,
)


def layouts(analysis: Analysis) -> dict[str, Any]:
    """Seeded node positions of every diagram, and which nodes each shows."""
    graph = analysis.graph
    entities = analysis.entity_index
    ranked = sorted(entities, key=lambda v: (-entities[v].key_player_score, v))
    if len(entities) <= NETWORK_DIAGRAM_LIMIT:
        shown = sorted(entities)
    else:
        shown = sorted(ranked[:CORE_SIZE])
    core = graph.subgraph(shown)
    result: dict[str, Any] = {
        "network": {"nodes": shown, "positions": _positions(core), "core": len(shown) < len(entities)},
    }
    community_graph = nx.Graph()
    community_graph.add_nodes_from(c.id for c in analysis.communities)
    for link in analysis.community_links:
        community_graph.add_edge(link.source, link.target, weight=link.links)
    result["communities"] = {"positions": _positions(community_graph, weight="weight")}
    egos = {}
    for v in analysis.key_players.overall[:EGO_COUNT]:
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


def _primary_role(entity: EntityMetrics) -> str:
    return entity.roles[0] if entity.roles else ""


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


def _node_traces(fmt: Formatter, entities: Mapping[str, EntityMetrics], positions: dict, nodes: list, label_ids: set, scale: float,
                 prefix: str) -> list[go.Scatter]:
    by_role: dict[str, list[str]] = {}
    for v in nodes:
        by_role.setdefault(_primary_role(entities[v]), []).append(v)
    peak = max((entities[v].betweenness for v in nodes), default=0) or 1
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
            text=[html_text(bidi(fmt, entities[v].name)) if v in label_ids else "" for v in members],
            textposition="top center",
            textfont={"size": 10},
            hovertext=[hover_entity(fmt, entities[v]) for v in members],
            hoverinfo="text",
            name=name,
            marker={
                "color": ROLE_COLOURS[role],
                "symbol": [TYPE_SYMBOLS[entities[v].type] for v in members],
                "size": [scale * (6 + 22 * math.sqrt(entities[v].betweenness / peak)) for v in members],
                "line": {"color": "white", "width": 0.8},
            },
            legendgroup="roles", legendgrouptitle={"text": fmt.gettext("Main role")},
            uid=f"{prefix}-nodes-{role or 'none'}",
        ))
    return traces



def network_figure(fmt: Formatter, analysis: Analysis, layout: dict[str, Any]) -> Figure:
    _ = fmt.gettext
    graph = analysis.graph
    entities = analysis.entity_index
    nodes = layout["network"]["nodes"]
    positions = layout["network"]["positions"]
    keys = set(analysis.key_players.overall)
    traces = _edge_traces(fmt, graph, positions, set(nodes)) + _node_traces(
        fmt, entities, positions, nodes, keys, 1.0, "network"
    )
    title = _("The network")
    figure = go.Figure(traces, base_layout(fmt, title, SIZES["network"], xaxis=AXIS_OFF, yaxis=AXIS_OFF,
                                            hovermode="closest"))
    total = analysis.network.nodes
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


def community_figure(fmt: Formatter, analysis: Analysis, layout: dict[str, Any]) -> Figure:
    _ = fmt.gettext
    positions = layout["communities"]["positions"]
    communities = analysis.communities
    peak = max((c.size for c in communities), default=1)
    xs, ys = [], []
    widths = []
    traces = []
    for link in analysis.community_links:
        (x0, y0), (x1, y1) = positions[link.source], positions[link.target]
        traces.append(go.Scatter(
            x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
            line={"color": "#9aa5b1", "width": min(8, 0.8 + link.links * 0.6)},
            uid=f"community-link-{link.source}-{link.target}",
        ))
    entities = analysis.entity_index
    hover = []
    for c in communities:
        xs.append(positions[c.id][0])
        ys.append(positions[c.id][1])
        widths.append(10 + 40 * math.sqrt(c.size / peak))
        main_roles = fmt.join(_(labels.ROLES[r]) for r in list(c.roles)[:3]) or _(labels.NO_ROLE)
        hover.append("<br>".join([
            f"<b>{html_text(_('Community %(number)s', number=fmt.integer(c.id)))}</b>",
            html_text(_("Members: %(count)s", count=fmt.integer(c.size))),
            html_text(_("Main roles: %(roles)s", roles=main_roles)),
            html_text(_("Countries: %(countries)s", countries=fmt.countries(list(c.countries)[:4]) or "—")),
            html_text(_("Leader: %(name)s", name=bidi(fmt, entities[c.leader].name))),
        ]))
    colours = [ROLE_COLOURS[next(iter(c.roles), "")] for c in communities]
    traces.append(go.Scatter(
        x=xs, y=ys, mode="markers+text", text=[fmt.integer(c.id) for c in communities],
        textfont={"color": "white", "size": 12}, hovertext=hover, hoverinfo="text", showlegend=False,
        marker={"size": widths, "color": colours, "line": {"color": "white", "width": 1.5}},
        uid="community-nodes",
    ))
    figure = go.Figure(traces, base_layout(fmt, _("Communities and the links between them"), SIZES["square"],
                                            xaxis=AXIS_OFF, yaxis=AXIS_OFF, hovermode="closest"))
    caption = _("One circle per community, numbered as in the table; size: members; colour: most frequent role; "
                "line width: number of links between two communities.")
    alt = _("Diagram of %(count)s communities and the links between them.", count=fmt.integer(len(communities)))
    return Figure("communities", figure, caption, alt, SIZES["square"])


def ego_figure(fmt: Formatter, analysis: Analysis, layout: dict[str, Any], entity_id: str, index: int) -> Figure:
    _ = fmt.gettext
    graph = analysis.graph
    entities = analysis.entity_index
    ego = layout["egos"][entity_id]
    nodes, positions = ego["nodes"], ego["positions"]
    traces = _edge_traces(fmt, graph, positions, set(nodes)) + _node_traces(
        fmt, entities, positions, nodes, {entity_id}, 0.8, f"ego{index}"
    )
    name = entities[entity_id].name
    figure = go.Figure(traces, base_layout(fmt, bidi(fmt, html_text(name)), SIZES["ego"], xaxis=AXIS_OFF,
                                            yaxis=AXIS_OFF, showlegend=False, hovermode="closest",
                                            margin={"l": 20, "r": 20, "t": 50, "b": 20}))
    caption = _("%(name)s and the %(count)s entities directly linked to them.",
                name=bidi(fmt, name), count=fmt.integer(len(nodes) - 1))
    alt = _("Ego network of %(name)s.", name=bidi(fmt, name))
    return Figure(f"ego-{index}", figure, caption, alt, SIZES["ego"])


