"""The network charts of the analysis report, in one language: link charts, the cell view, contact charts.

Layouts come from :func:`.layout.layouts`, computed once per build; here
each chart gets its words: legend, hover text, caption, a text alternative
with the chart's key facts, and its data as a table.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import plotly.graph_objects as go

from ...analysis.results import Analysis, Community, EntityMetrics
from ...i18n import labels
from ...i18n.formatting import Formatter
from ..wording import counted, ngettext_about, role, status
from .base import ROLE_COLOURS, STATUS_SYMBOLS, Figure, FigureTable, bidi, html_text
from .layout import SMALL_COMMUNITY, CellView, ChartLayout
from .legend import Section
from .linkchart import framed, label_annotations, leader_traces, link_chart_figure, main_link_type, primary_role

#: Key players named in a chart's text alternative.
ALT_NAMES = 5
#: Line width of the cell view's links: thinnest, and added for the strongest.
CELL_LINE = (0.8, 7.0)
#: Discs of the cell view at least this wide (radius, pixels) carry their number.
CELL_NUMBER_RADIUS = 10.0


def _names(fmt: Formatter, entities: dict[str, EntityMetrics], ids: list[str]) -> str:
    return fmt.join(bidi(fmt, entities[v].name) for v in ids)


def _statuses(fmt: Formatter, entities: dict[str, EntityMetrics], nodes: list[str]) -> str:
    """``Wanted: 3, Arrested: 2`` for the flagged statuses among ``nodes``."""
    counts = Counter(entities[v].status for v in nodes)
    parts = [fmt.labelled(fmt.gettext(labels.STATUSES[s]), fmt.integer(counts[s])) for s in STATUS_SYMBOLS if counts[s]]
    return fmt.join(parts) or "—"


def _role(fmt: Formatter, entity: EntityMetrics) -> str:
    """The main role's name (the one a node is coloured by)."""
    main = primary_role(entity)
    return role(fmt, main, entity.sex) if main else fmt.gettext(labels.NO_ROLE)


def _entity_table(fmt: Formatter, entities: dict[str, EntityMetrics], nodes: list[str], note: str) -> FigureTable:
    """One row per entity drawn: name, main role, type, status, community, degree."""
    _ = fmt.gettext
    rows = [
        (entities[v].name, _role(fmt, entities[v]),
         _(labels.ENTITY_TYPES[entities[v].type]), status(fmt, entities[v].status, entities[v].type, entities[v].sex),
         fmt.integer(entities[v].community), fmt.integer(entities[v].degree))
        for v in sorted(nodes, key=lambda v: (entities[v].community, -entities[v].key_player_score, v))
    ]
    header = (_("Name"), _("Main role"), _("Type"), _("Status"), _("Community"), _("Degree"))
    return FigureTable(header, tuple(rows), (False, False, False, False, True, True),
                       (True, False, False, False, False, False), in_pdf=False, pdf_note=note)


def network_figure(fmt: Formatter, analysis: Analysis, layout: ChartLayout) -> Figure:
    """The link chart of the whole network, grouped by community."""
    _ = fmt.gettext
    entities = analysis.entity_index
    figure, size = link_chart_figure(fmt, analysis.graph, entities, layout)
    caption = fmt.ngettext(
        "The %(num)s entity and its links, grouped by community (grey discs, numbered as in the "
        "community table). Colour: main role; shape: entity type; size: betweenness; badge: status; line "
        "style: link type. Key players, brokers, targets and community leaders are named in bold.",
        "All %(num)s entities and their links, grouped by community (grey discs, numbered as in the "
        "community table). Colour: main role; shape: entity type; size: betweenness; badge: status; line "
        "style: link type. Key players, brokers, targets and community leaders are named in bold.", layout.total)
    caption += _leaders(fmt, layout)
    table = _entity_table(fmt, entities, layout.nodes, _("The entities and links of this chart are listed in "
                                                         "Annexes A and B."))
    if not analysis.communities:  # an edition whose audience may see nothing
        return Figure("network", figure, caption, _("Link chart of an empty network."), size, tables=(table,),
                      fixed_width=True)
    largest = max(analysis.communities, key=lambda c: (c.size, -c.id))
    alt = _(
        "Link chart of %(entities)s and %(links)s in %(communities)s; the largest is community %(largest)s "
        "(%(members)s). Key players: %(names)s. Status: %(statuses)s.",
        entities=counted(fmt, "entity", len(layout.nodes)),
        links=counted(fmt, "link", analysis.graph.subgraph(layout.nodes).number_of_edges()),
        communities=counted(fmt, "community",
                            len({entities[v].community for v in layout.nodes if analysis.graph.degree(v)})),
        largest=fmt.integer(largest.id),
        members=counted(fmt, "member", largest.size),
        names=_names(fmt, entities, analysis.key_players.overall[:ALT_NAMES]),
        statuses=_statuses(fmt, entities, layout.nodes))
    return Figure("network", figure, caption, alt, size, tables=(table,), fixed_width=True)


def _leaders(fmt: Formatter, layout: ChartLayout) -> str:
    """The caption's word on leader lines, for a chart that has some."""
    if not any(label.leader for label in layout.labels):
        return ""
    return " " + fmt.gettext("A name set apart from its node is joined to it by a thin line from a dot on the "
                             "node's edge.")


def cell_chart_figure(fmt: Formatter, analysis: Analysis, community: Community, layout: ChartLayout) -> Figure:
    """The link chart of one leading community (large networks)."""
    _ = fmt.gettext
    entities = analysis.entity_index
    figure, size = link_chart_figure(fmt, analysis.graph, entities, layout)
    number = fmt.integer(community.id)
    if len(layout.nodes) < layout.total:
        caption = fmt.ngettext("Community %(number)s: its %(num)s most central member out of %(total)s, and the "
                               "links among them.", "Community %(number)s: its %(num)s most central members out "
                               "of %(total)s, and the links among them.", len(layout.nodes), number=number,
                               total=fmt.integer(layout.total))
    else:
        caption = fmt.ngettext("Community %(number)s: its %(num)s member and the links among them.",
                               "Community %(number)s: its %(num)s members and the links among them.",
                               layout.total, number=number)
    caption += " " + _("Colour: main role; shape: entity type; size: betweenness; badge: status; line style: "
                       "link type.")
    caption += _leaders(fmt, layout)
    alt = _("Link chart of community %(number)s: %(entities)s, %(links)s; leading entity %(leader)s. "
            "Status: %(statuses)s.", number=number, entities=counted(fmt, "entity", len(layout.nodes)),
            links=counted(fmt, "link", analysis.graph.subgraph(layout.nodes).number_of_edges()),
            leader=bidi(fmt, entities[community.leader].name), statuses=_statuses(fmt, entities, layout.nodes))
    table = _entity_table(fmt, entities, layout.nodes, _("The entities and links of this chart are listed in "
                                                         "Annexes A and B."))
    return Figure(f"cell-{community.id}", figure, caption, alt, size, tables=(table,), fixed_width=True)


def ego_figure(fmt: Formatter, analysis: Analysis, layout: ChartLayout, index: int) -> Figure:
    """A key player's direct contacts, every one named."""
    _ = fmt.gettext
    entities = analysis.entity_index
    centre = layout.centre or layout.nodes[0]
    figure, size = link_chart_figure(fmt, analysis.graph, entities, layout)
    name = bidi(fmt, entities[centre].name)
    shown = len(layout.nodes) - 1
    if shown < layout.total:
        caption = ngettext_about(fmt, entities[centre], "%(name)s and the %(shown)s most central of the %(num)s "
                                 "entity directly linked to them.", "%(name)s and the %(shown)s most central of the "
                                 "%(num)s entities directly linked to them.", layout.total, name=name,
                                 shown=fmt.integer(shown))
    else:
        caption = ngettext_about(fmt, entities[centre], "%(name)s and the %(num)s entity directly linked to them.",
                                 "%(name)s and the %(num)s entities directly linked to them.", layout.total,
                                 name=name)
    contacts = layout.nodes[1:]
    kinds = Counter(main_link_type(analysis.graph.edges[centre, v]["types"]) for v in contacts)
    alt = _("Contact chart of %(name)s: %(contacts)s, in %(communities)s. Main kinds of link: %(kinds)s. Status "
            "of the contacts: %(statuses)s.", name=name, contacts=counted(fmt, "direct contact", layout.total),
            communities=counted(fmt, "community", len({entities[v].community for v in contacts})),
            kinds=fmt.join(fmt.labelled(_(labels.LINK_TYPES[k]), fmt.integer(n)) for k, n in kinds.most_common(3)),
            statuses=_statuses(fmt, entities, contacts))
    rows = [(entities[v].name, _role(fmt, entities[v]),
             status(fmt, entities[v].status, entities[v].type, entities[v].sex),
             fmt.terms((_(labels.LINK_TYPES[t]) for t in analysis.graph.edges[centre, v]["types"]), in_sentence=False),
             fmt.integer(entities[v].community)) for v in contacts]
    header = (_("Name"), _("Main role"), _("Status"), _("Links"), _("Community"))
    table = FigureTable(header, tuple(rows), (False, False, False, False, True), (True, False, False, False, False),
                        in_pdf=True)
    return Figure(f"ego-{index}", figure, caption, alt, size, tables=(table,), fixed_width=True)


def _undrawn(fmt: Formatter, analysis: Analysis) -> str:
    """What the cell view leaves out: entities without links, and those of communities too small for a disc."""
    alone = sum(1 for v in analysis.graph if not analysis.graph.degree(v))
    small = sum(1 for c in analysis.communities if c.size < SMALL_COMMUNITY for v in c.members
                if analysis.graph.degree(v))
    text = ""
    if alone:
        text += " " + fmt.ngettext("%(num)s entity has no known link and belongs to no community.",
                                   "%(num)s entities have no known link and belong to no community.", alone)
    if small:
        text += " " + fmt.ngettext("Not drawn: %(num)s entity of communities of fewer than %(least)s members.",
                                   "Not drawn: %(num)s entities of communities of fewer than %(least)s members.",
                                   small, least=fmt.integer(SMALL_COMMUNITY))
    return text


def community_figure(fmt: Formatter, analysis: Analysis, view: CellView, figure_id: str) -> Figure:
    """The cell view: one disc per community, sized by members, coloured by its most frequent role."""
    _ = fmt.gettext
    communities = {c.id: c for c in analysis.communities}
    entities = analysis.entity_index
    # Leader lines under the discs: a name set apart from its disc (no room beside it) points to it.
    traces = _cell_links(view) + leader_traces(view.labels) + _cell_discs(fmt, analysis, view)
    roles = [next(iter(communities[c.community].roles), "") for c in view.cells]
    traces += [go.Scatter(x=[None], y=[None], mode="markers", legend="legend", hoverinfo="skip",
                          name=_(labels.ROLES[r]) if r else _(labels.NO_ROLE), uid=f"legend-role-{r or 'none'}",
                          marker={"color": ROLE_COLOURS[r], "size": 10})
               for r in [*labels.ROLES, ""] if r in roles]
    traces.append(go.Scatter(x=[None], y=[None], mode="lines", legend="legend3", hoverinfo="skip",
                             name=_("Links between communities"), line={"color": "#7b8694", "width": 3},
                             uid="legend-links"))
    sections = [Section("legend", _("Most frequent role"), tuple(t.name for t in traces if t.legend == "legend")),
                Section("legend3", _("Links"), (_("Links between communities"),))]
    figure, size = framed(fmt, traces, sections, view.width, view.height, [], _cell_labels(fmt, view))
    caption = _("One disc per community, numbered as in the community table; size: members; colour: most frequent "
                "role; line width and figures: links between two communities; names: each community's leading "
                "entity.")
    caption += _undrawn(fmt, analysis)
    largest = sorted((communities[c.community] for c in view.cells), key=lambda c: (-c.size, c.id))[:3]
    strongest = view.links[0] if view.links else None
    described = [_("community %(number)s (%(members)s, led by %(leader)s)", number=fmt.integer(c.id),
                   members=counted(fmt, "member", c.size), leader=bidi(fmt, entities[c.leader].name))
                 for c in largest]
    alt = fmt.ngettext("Cell view of %(num)s community. The largest: %(largest)s.",
                       "Cell view of %(num)s communities. The largest: %(largest)s.", len(view.cells),
                       largest=fmt.join(described))
    if strongest:
        alt += " " + _("The strongest tie joins communities %(a)s and %(b)s (%(links)s).",
                       a=fmt.integer(strongest.source), b=fmt.integer(strongest.target),
                       links=counted(fmt, "link", strongest.links))
    header = (_("Community"), _("Members"), _("Leading entity"), _("Main roles"), _("Links outside"))
    rows = [(fmt.integer(c.id), fmt.integer(c.size), entities[c.leader].name,
             fmt.terms((_(labels.ROLES[r]) for r in list(c.roles)[:3]), in_sentence=False) or _(labels.NO_ROLE),
             fmt.integer(c.external_links))
            for c in analysis.communities]
    table = FigureTable(header, tuple(rows), (True, True, False, False, True), (False, False, True, False, False),
                        in_pdf=False, pdf_note=_("The communities are listed in the community table."))
    return Figure(figure_id, figure, caption, alt, size, tables=(table,), fixed_width=True)


def _cell_links(view: CellView) -> list[go.Scatter]:
    """The links between communities, wider for more links."""
    centre = {c.community: (c.x, c.y) for c in view.cells}
    peak = max((k.links for k in view.links), default=1)
    low, extra = CELL_LINE
    return [go.Scatter(x=[centre[k.source][0], centre[k.target][0]], y=[centre[k.source][1], centre[k.target][1]],
                       mode="lines", hoverinfo="skip", showlegend=False, uid=f"community-link-{k.source}-{k.target}",
                       line={"color": "#7b8694", "width": round(low + extra * math.sqrt(k.links / peak), 2)})
            for k in view.links]


def _cell_discs(fmt: Formatter, analysis: Analysis, view: CellView) -> list[go.Scatter]:
    _ = fmt.gettext
    communities = {c.id: c for c in analysis.communities}
    entities = analysis.entity_index
    hover = []
    for cell in view.cells:
        c = communities[cell.community]
        main_roles = fmt.terms((_(labels.ROLES[r]) for r in list(c.roles)[:3]), in_sentence=False) or _(labels.NO_ROLE)
        hover.append("<br>".join([
            f"<b>{html_text(_('Community %(number)s', number=fmt.integer(c.id)))}</b>",
            html_text(_("Members: %(count)s", count=fmt.integer(c.size))),
            html_text(_("Main roles: %(roles)s", roles=main_roles)),
            html_text(_("Countries: %(countries)s",
                        countries=fmt.countries(list(c.countries)[:4], ranked=True) or "—")),
            html_text(_("Leading entity: %(name)s", name=bidi(fmt, entities[c.leader].name))),
        ]))
    return [go.Scatter(
        x=[c.x for c in view.cells], y=[c.y for c in view.cells], mode="markers+text",
        # The number inside discs wide enough for it; the others have it in their hover text.
        text=[fmt.integer(c.community) if c.r >= CELL_NUMBER_RADIUS else "" for c in view.cells],
        textposition="middle center",
        textfont={"color": "white", "size": 10, "weight": "bold"}, hovertext=hover, hoverinfo="text",
        showlegend=False, uid="community-nodes",
        marker={"size": [2 * c.r for c in view.cells], "line": {"color": "white", "width": 1.5}, "opacity": 1,
                "color": [ROLE_COLOURS[next(iter(communities[c.community].roles), "")] for c in view.cells]},
    )]


def _cell_labels(fmt: Formatter, view: CellView) -> list[dict[str, Any]]:
    """Leaders' names beside the discs and link counts beside the lines, as annotations."""
    # Count labels are keyed by the two communities ("3-7"), name labels by one ("3").
    texts = {label.key: fmt.integer(int(label.text)) for label in view.labels if "-" in label.key}
    annotations = label_annotations(fmt, view.labels)
    for label, annotation in zip(view.labels, annotations, strict=True):
        if label.key in texts:
            annotation["text"] = texts[label.key]
            annotation["font"]["color"] = "#5b6675"
    return annotations
