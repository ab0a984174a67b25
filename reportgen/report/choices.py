"""What the charts of both reports show, chosen once per build before any language.

The report model's other half (:mod:`.model`): which curves the disruption
chart draws, which country pairs and corridors the map draws, whether the
network diagram is one link chart or the cell view, and whom the link charts
must name. Both report models and every language's figures share one
:class:`ChartChoices`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ..analysis.assess import Assessment
from ..analysis.results import ActivityPair, Analysis, BorderPair, CountChange, ScenarioRank

#: Countries in the country chart and table (the same rows in both).
COUNTRY_ROWS = 15


@dataclass
class ScenarioRow:
    """A row of the disruption table; ``show_mode`` is false when both modes gave the same curve (one row)."""

    rank: ScenarioRank
    show_mode: bool


@dataclass
class ChartChoices:
    """What the charts of both reports show, chosen once per build for every language."""

    #: The countries of the country chart: the same rows as the strategy report's table.
    countries: list[CountChange]
    #: The (strategy, mode) curves of the disruption chart.
    disruption_curves: list[tuple[str, str]]
    #: The rows of the disruption table, which the chart's caption counts (:func:`scenario_rows`).
    disruption_rows: list[ScenarioRow] = field(default_factory=list)
    #: The map's circles: every country with activities in the period.
    map_countries: list[CountChange] = field(default_factory=list)
    #: The map's lines: the country pairs with the most cross-border links (see :data:`MAP_FLOWS`).
    map_flows: list[BorderPair] = field(default_factory=list)
    #: Country pairs with cross-border links, drawn or not.
    border_pairs: int = 0
    #: The map's dashed lines: the activity corridors with the most activities (see :data:`MAP_CORRIDORS`).
    map_corridors: list[ActivityPair] = field(default_factory=list)
    #: Activity corridors, drawn or not.
    corridor_pairs: int = 0
    #: Whether the network diagram is the link chart of every entity (else the cell view).
    link_chart: bool = True
    #: Communities that get a link chart of their own after the cell view, leading first.
    cell_charts: list[int] = field(default_factory=list)
    #: Entities every link chart must name (where drawn): key players, brokers and targets still in play.
    named: tuple[str, ...] = ()


#: Disruption curves always drawn; the best role-based scenarios are added.
BASE_CURVES = (("degree", "static"), ("degree", "adaptive"), ("betweenness", "static"),
               ("betweenness", "adaptive"), ("random", "static"))
#: Role-based removal scenarios drawn beside them (the most fragmenting first).
ROLE_CURVES = 2
#: Country pairs drawn on the map at most. Pairs are drawn most links first,
#: down to the last count that still fits: pairs with as many links as one
#: drawn are never left out arbitrarily.
MAP_FLOWS = 30


#: Activity corridors drawn on the map at most, chosen like the pairs of :data:`MAP_FLOWS`.
MAP_CORRIDORS = 10

Pair = TypeVar("Pair")


def map_flows(pairs: list[BorderPair], limit: int = MAP_FLOWS) -> list[BorderPair]:
    """The cross-border pairs with the most links (``pairs`` sorted most first), as :func:`strongest` picks them."""
    return strongest(pairs, lambda p: p.links, limit)


def strongest(pairs: list[Pair], strength: Callable[[Pair], int], limit: int) -> list[Pair]:
    """The strongest ``pairs`` (sorted strongest first), at most ``limit``, never splitting a tie."""
    if len(pairs) <= limit:
        return list(pairs)
    floor = strength(pairs[limit])
    # When more than ``limit`` pairs tie for the most, the first ``limit`` (by country code) stand for them.
    return [p for p in pairs if strength(p) > floor] or list(pairs[:limit])


#: Up to this many entities the network diagram is one link chart of them all (about what an A4
#: landscape page holds legibly); above, it is the cell view, one disc per community, followed by
#: link charts of the leading communities, each of at most this many of their most central members.
LINK_CHART_LIMIT = 200
#: Leading communities (those whose leaders score highest) given a link chart of their own.
CELL_CHARTS = 4


def chart_choices(analysis: Analysis, assessment: Assessment | None = None) -> ChartChoices:
    """The rows and curves the charts show, and the entities the link charts must name.

    Without ``assessment``, only the analysis' key players and brokers are named.
    """
    roles = [r for r in analysis.disruption_ranking if r.strategy.startswith("role:") and r.mode == "adaptive"]
    curves = [c for c in BASE_CURVES if c[0] in analysis.disruption]
    link_chart = analysis.network.nodes <= LINK_CHART_LIMIT
    entity = analysis.entity_index
    leading = sorted(analysis.communities, key=lambda c: (-entity[c.leader].key_player_score, -c.size, c.id))
    return ChartChoices(
        countries=analysis.activities.by_country[:COUNTRY_ROWS],
        disruption_curves=curves + [(r.strategy, "adaptive") for r in roles[:ROLE_CURVES]],
        disruption_rows=scenario_rows(analysis.disruption_ranking),
        map_countries=[row for row in analysis.activities.by_country if row.count],
        map_flows=map_flows(analysis.cross_border),
        border_pairs=len(analysis.cross_border),
        map_corridors=strongest(analysis.activities.by_pair, lambda p: p.activities, MAP_CORRIDORS),
        corridor_pairs=len(analysis.activities.by_pair),
        link_chart=link_chart,
        cell_charts=[] if link_chart else [c.id for c in leading[:CELL_CHARTS]],
        named=named_entities(analysis, assessment),
    )


def scenario_rows(ranking: list[ScenarioRank]) -> list[ScenarioRow]:
    """The scenarios, one row for a strategy whose two modes gave the same result."""
    def outcome(r: ScenarioRank) -> tuple[object, ...]:
        return (r.strategy, r.removed, r.final_lcc_fraction, r.final_components, r.k_to_halve, r.area)

    rows: list[ScenarioRow] = []
    seen: dict[tuple[object, ...], ScenarioRow] = {}
    for r in ranking:
        twin = seen.get(outcome(r))
        if twin is not None:
            twin.show_mode = False
            continue
        row = ScenarioRow(r, show_mode=r.strategy != "random")
        seen[outcome(r)] = row
        rows.append(row)
    return rows


def named_entities(analysis: Analysis, assessment: Assessment | None) -> tuple[str, ...]:
    """Who the link charts name whatever the room: key players, brokers, and the targets still in play."""
    named = [*analysis.key_players.overall, *analysis.brokers]
    if assessment is not None:
        named += [b.id for b in assessment.brokers if b.in_play]
        named += [t.id for t in assessment.targets]
    return tuple(dict.fromkeys(named))


def ego_figure_ids(layout: dict[str, object]) -> list[str]:
    """Ids of the contact charts :func:`~reportgen.report.figures.build_figures` draws for ``layout``."""
    egos = layout.get("egos") or {}
    assert isinstance(egos, dict)
    return [f"ego-{index}" for index in range(1, len(egos) + 1)]
