"""Drawing a link chart laid out by :mod:`.layout`, in one language.

The chart reads like a hand-made analyst's chart: grey discs for the
communities (numbered as in the community table), role by the node's
colour, entity type by its shape, status by a badge pinned on its rim, link
type by the line's grey tone, dash and width, names beside the nodes.
Everything is positioned in plot pixels: the axes run from 0 to the plot
area's width and height and the margins are fixed, so what the layout
computed is what the page shows.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import plotly.graph_objects as go

from ...analysis.results import EntityMetrics
from ...i18n import labels
from ...i18n.formatting import Formatter
from .base import (
    FONT_FAMILY,
    INK,
    LINK_STYLES,
    PHONE_BAND,
    ROLE_COLOURS,
    STATUS_SYMBOLS,
    TYPE_SYMBOLS,
    base_layout,
    bidi,
    hover_entity,
    html_text,
    narrow,
)
from .layout import BADGE_DISC, BADGE_SIGN, CELL_BADGE_SIZE, POOLED, ChartLayout
from .legend import Section, arrange, arrange_below
from .placement import Label

#: Margin around the plot area and its legends, in pixels.
FRAME = 10
#: Fill and rim of a community's disc (the rim dark enough to show the gap between two discs).
CELL_FILL, CELL_LINE = "#f2f4f7", "#8d98a5"
#: Leader lines from a label to its node: colour, width, and the dot on the node's edge (pixels).
LEADER_COLOUR, LEADER_WIDTH, LEADER_DOT = INK, 0.9, 3.6
#: Ground of the names: lines passing under a name fade out rather than strike through it.
LABEL_GROUND = "rgba(255,255,255,0.85)"


def main_link_type(types: tuple[str, ...]) -> str:
    """The link type a line is drawn as: the strongest kind of tie among the pair's links."""
    order = list(LINK_STYLES)
    return min(types, key=lambda t: order.index(t) if t in order else len(order))


def primary_role(entity: EntityMetrics) -> str:
    """The role a node is coloured by: its first role, or none."""
    return entity.roles[0] if entity.roles else ""


def link_chart_figure(fmt: Formatter, graph: nx.Graph, entities: dict[str, EntityMetrics],
                      layout: ChartLayout) -> tuple[go.Figure, tuple[int, int]]:
    """The plotly figure of a link or contact chart, and its size in pixels (legend included)."""
    traces: list[go.Scatter] = []
    traces += _edges(fmt, graph, layout)
    traces += leader_traces(layout.labels)
    traces += _cell_badges(fmt, layout)
    traces += _nodes(fmt, entities, layout)
    traces += _badges(fmt, entities, layout)
    traces += _type_legend(fmt, entities, layout)
    sections = legend_sections(fmt, traces)
    columns = 1 if layout.centre else 2
    return framed(fmt, traces, sections, layout.width, layout.height, _cell_shapes(layout),
                  label_annotations(fmt, layout.labels), columns)


def legend_sections(fmt: Formatter, traces: list[go.Scatter]) -> list[Section]:
    """The legends of a chart, from the traces shown in each: roles, shapes, links, status."""
    _ = fmt.gettext
    titles = {"legend": _("Main role"), "legend2": _("Entity type"), "legend3": _("Links"), "legend4": _("Status")}
    entries: dict[str, list[str]] = {name: [] for name in titles}
    for trace in traces:
        if trace.showlegend is not False and trace.legend in entries:
            entries[trace.legend].append(trace.name)
    return [Section(name, title, tuple(entries[name])) for name, title in titles.items()]


def framed(fmt: Formatter, traces: list[go.Scatter], sections: list[Section], width: float, height: float,
           shapes: list[dict[str, Any]], annotations: list[dict[str, Any]],
           columns: int = 2) -> tuple[go.Figure, tuple[int, int]]:
    """A figure whose plot area is exactly ``width`` × ``height`` pixels, legends beside (and below) it."""
    rtl = fmt.direction == "rtl"
    legends, side, band = arrange(sections, (width, height), rtl, columns)
    side, band = math.ceil(side), math.ceil(band)
    size = (round(width + side + 2 * FRAME), round(height + band + 2 * FRAME))
    margin = {"l": FRAME + (side if rtl else 0), "r": FRAME + (0 if rtl else side), "t": FRAME, "b": FRAME + band,
              "pad": 0, "autoexpand": False}
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    layout = base_layout(fmt, "", size, margin=margin, hovermode="closest", shapes=shapes, showlegend=True,
                         annotations=annotations,
                         xaxis={**axis, "range": [0, width]}, yaxis={**axis, "range": [0, height]}, **legends)
    layout.pop("title")
    # On a phone: the legends in rows under the plot, where the chart's scrolling box starts.
    below, band = arrange_below(sections, (width, height), rtl, PHONE_BAND)
    band = math.ceil(band)
    narrow(layout, {**below, "width": round(width + 2 * FRAME),
                    "height": round(height + band + 2 * FRAME),
                    "margin": {**margin, "l": FRAME, "r": FRAME, "b": FRAME + band}})
    return go.Figure(traces, layout), size


def _cell_shapes(layout: ChartLayout) -> list[dict[str, Any]]:
    """Each community's disc, behind everything."""
    return [
        {"type": "circle", "xref": "x", "yref": "y", "x0": c.x - c.r, "y0": c.y - c.r, "x1": c.x + c.r,
         "y1": c.y + c.r, "fillcolor": CELL_FILL, "layer": "below",
         "line": {"color": CELL_LINE, "width": 1, "dash": "dot" if c.community == POOLED else "solid"}}
        for c in layout.cells
    ]


def _edges(fmt: Formatter, graph: nx.Graph, layout: ChartLayout) -> list[go.Scatter]:
    """One line trace per link type (the legend's *Links*)."""
    shown = set(layout.nodes)
    by_type: dict[str, tuple[list, list]] = {}
    edges = sorted((min(u, v), max(u, v)) for u, v in graph.subgraph(shown).edges())
    for u, v in edges:
        xs, ys = by_type.setdefault(main_link_type(graph.edges[u, v]["types"]), ([], []))
        (x0, y0), (x1, y1) = layout.positions[u], layout.positions[v]
        xs.extend((x0, x1, None))
        ys.extend((y0, y1, None))
    traces = []
    for kind, (colour, dash, width) in LINK_STYLES.items():
        if kind in by_type:
            xs, ys = by_type[kind]
            traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", legend="legend3",
                                     name=fmt.gettext(labels.LINK_TYPES[kind]),
                                     line={"color": colour, "dash": dash, "width": width}, uid=f"edges-{kind}"))
    return traces


def leader_traces(labels_: list[Label]) -> list[go.Scatter]:
    """Leader lines from names that stand off their node (or disc): a thin dark line from a dot at the node's edge.

    The dot tells a leader line from a link, which never ends in one; the line
    ends at the name's white ground.
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for label in labels_:
        if label.leader:
            x0, y0, x1, y1 = label.leader
            xs += [x0, x1, None]
            ys += [y0, y1, None]
    if not xs:
        return []
    return [go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                       line={"color": LEADER_COLOUR, "width": LEADER_WIDTH}, uid="leaders"),
            go.Scatter(x=xs[0::3], y=ys[0::3], mode="markers", hoverinfo="skip", showlegend=False,
                       marker={"color": LEADER_COLOUR, "size": LEADER_DOT, "line": {"width": 0}}, uid="leader-dots")]


def _nodes(fmt: Formatter, entities: dict[str, EntityMetrics], layout: ChartLayout) -> list[go.Scatter]:
    """One marker trace per main role (hidden from the legend) and the role legend's entries."""
    by_role: dict[str, list[str]] = {}
    for v in layout.nodes:
        by_role.setdefault(primary_role(entities[v]), []).append(v)
    traces = []
    for role in [*labels.ROLES, ""]:
        members = by_role.get(role)
        if not members:
            continue
        name = fmt.gettext(labels.ROLES[role]) if role else fmt.gettext(labels.NO_ROLE)
        group = f"role-{role or 'none'}"
        traces.append(go.Scatter(
            x=[layout.positions[v][0] for v in members], y=[layout.positions[v][1] for v in members],
            mode="markers", hovertext=[hover_entity(fmt, entities[v]) for v in members], hoverinfo="text",
            name=name, showlegend=False, legendgroup=group,
            marker={"color": ROLE_COLOURS[role], "size": [layout.sizes[v] for v in members], "opacity": 1,
                    "symbol": [TYPE_SYMBOLS.get(entities[v].type, "circle") for v in members],
                    "line": {"color": "white", "width": 0.8}},
            uid=f"nodes-{role or 'none'}",
        ))
        traces.append(go.Scatter(x=[None], y=[None], mode="markers", name=name, legend="legend", legendgroup=group,
                                 marker={"color": ROLE_COLOURS[role], "size": 10, "symbol": "circle"},
                                 hoverinfo="skip", uid=f"legend-role-{role or 'none'}"))
    return traces


def _badges(fmt: Formatter, entities: dict[str, EntityMetrics], layout: ChartLayout) -> list[go.Scatter]:
    """Status badges: a white disc with a dark sign pinned on the node's rim, one trace per status."""
    traces = []
    for status, symbol in STATUS_SYMBOLS.items():
        members = [v for v in layout.nodes if entities[v].status == status and v in layout.badges]
        if not members:
            continue
        points = [layout.badges[v] for v in members]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        hover = [hover_entity(fmt, entities[v]) for v in members]
        traces.append(go.Scatter(x=xs, y=ys, mode="markers", hoverinfo="skip", showlegend=False,
                                 legendgroup=f"status-{status}", uid=f"badge-discs-{status}",
                                 marker={"color": "white", "size": BADGE_DISC,
                                         "line": {"color": INK, "width": 0.8}}))
        traces.append(go.Scatter(x=xs, y=ys, mode="markers", hovertext=hover, hoverinfo="text", legend="legend4",
                                 legendgroup=f"status-{status}", name=fmt.gettext(labels.STATUSES[status]),
                                 marker={"color": INK, "size": BADGE_SIGN, "symbol": symbol,
                                         "line": {"color": INK, "width": 1.2}},
                                 uid=f"badges-{status}"))
    if traces:
        # Active (and unknown) entities carry no badge: the key says so, or « Active » would be nowhere.
        traces.append(go.Scatter(x=[None], y=[None], mode="markers", hoverinfo="skip", legend="legend4",
                                 name=fmt.gettext("No badge: active"), uid="badges-none",
                                 marker={"color": "rgba(0,0,0,0)", "size": BADGE_SIGN}))
    return traces


def _cell_badges(fmt: Formatter, layout: ChartLayout) -> list[go.Scatter]:
    """Each community's number on its disc's rim."""
    cells = [c for c in layout.cells if c.badge]
    if not cells:
        return []
    _ = fmt.gettext
    hover = [html_text(_("Community %(number)s", number=fmt.integer(c.community))) + "<br>"
             + html_text(_("Members: %(count)s", count=fmt.integer(c.members))) for c in cells]
    return [go.Scatter(
        x=[c.badge[0] for c in cells if c.badge], y=[c.badge[1] for c in cells if c.badge], mode="markers+text",
        text=[fmt.integer(c.community) for c in cells], textposition="middle center",
        textfont={"size": 9.5, "color": INK, "family": FONT_FAMILY, "weight": "bold"},
        marker={"color": "white", "size": CELL_BADGE_SIZE, "line": {"color": "#5b6675", "width": 1}},
        hovertext=hover, hoverinfo="text", showlegend=False, uid="cell-badges",
    )]


def label_annotations(fmt: Formatter, labels_: list[Label]) -> list[dict[str, Any]]:
    """The names as annotations on a half-opaque white ground, which keeps them legible over lines.

    Each sits centred on the box the layout reserved for it.
    """
    return [
        {"x": label.x, "y": label.y, "xref": "x", "yref": "y", "showarrow": False, "xanchor": "center",
         "yanchor": "middle", "text": html_text(bidi(fmt, label.text)), "borderpad": 0, "bgcolor": LABEL_GROUND,
         "font": {"size": label.size, "color": INK, "family": FONT_FAMILY,
                  "weight": "bold" if label.bold else "normal"}}
        for label in labels_
    ]


def _type_legend(fmt: Formatter, entities: dict[str, EntityMetrics], layout: ChartLayout) -> list[go.Scatter]:
    """Legend entries of the entity types drawn, each with the shape its nodes have."""
    present = {entities[v].type for v in layout.nodes}
    return [
        go.Scatter(x=[None], y=[None], mode="markers", name=fmt.gettext(labels.ENTITY_TYPES[kind]), legend="legend2",
                   marker={"symbol": f"{symbol}-open", "color": INK, "size": 10, "line": {"width": 1.2}},
                   hoverinfo="skip", uid=f"legend-type-{kind}")
        for kind, symbol in TYPE_SYMBOLS.items() if kind in present
    ]
