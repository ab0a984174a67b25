"""What the analysis finds, as typed records: identifiers and numbers, never words.

Every result of :func:`reportgen.analysis.analyse.analyse` is one of these
dataclasses. They cross into the report model as they are (no nested
dictionaries looked up by string) and into ``analyze --json`` through
:func:`plain`, which keeps the field order, so the JSON keys are the field
names in the order written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

if TYPE_CHECKING:  # the changes are typed where they are computed
    from .arrays import GraphArrays
    from .changes import Changes


@dataclass(frozen=True)
class Settings:
    """Parameters of one analysis run; part of what makes it reproducible."""

    #: Seed of every randomised step (Leiden, sampling, random removals).
    seed: int = 42
    #: Up to this many nodes, betweenness and closeness are exact; above, sampled.
    exact_betweenness_limit: int = 5_000
    #: Sampled source nodes for approximate betweenness and closeness.
    betweenness_samples: int = 500
    #: Up to this many nodes, betweenness recomputed after each removal
    #: (adaptive scenarios) is exact; above, sampled.
    exact_adaptive_limit: int = 2_000
    #: Sampled source nodes of the recomputed betweenness above that limit.
    adaptive_betweenness_samples: int = 64
    #: Up to this many nodes in the largest component, its diameter is exact.
    exact_diameter_limit: int = 20_000
    #: Entities removed at most in each disruption scenario.
    max_removals: int = 20
    #: Random removal orders averaged in the ``random`` scenario.
    random_runs: int = 20
    #: Length of the key-player and broker lists.
    top: int = 10
    #: Length of the key-player list of each role.
    top_per_role: int = 5


# -- the network ----------------------------------------------------------------


@dataclass
class EntityMetrics:
    """Measures of one entity (node) of the network."""

    id: str
    name: str
    type: str
    roles: tuple[str, ...]
    countries: tuple[str, ...]
    status: str
    degree: int
    weighted_degree: float
    degree_centrality: float
    betweenness: float
    closeness: float
    eigenvector: float
    clustering: float
    community: int
    articulation_point: bool
    #: Communities other than its own that the entity has links into.
    bridged_communities: int
    #: Share of the entity's links that leave its community.
    cross_community_share: float
    #: Composite key-player score: mean of degree, betweenness and
    #: eigenvector centrality, each divided by its maximum in the network.
    key_player_score: float
    country_count: int
    activity_count: int
    #: ``female``/``male`` for a person whose sex is recorded: status words agree with it.
    #: Not in ``analyze --json`` (a wording matter, not a measure).
    sex: str | None = field(default=None, metadata={"json": False})

    @property
    def listed_community(self) -> int | None:
        """The community the reports and data files list it in (:func:`listed_community`)."""
        return listed_community(self.degree, self.community)


def listed_community(degree: int, community: int) -> int | None:
    """The community an entity is listed in: ``None`` for an entity without any link.

    Leiden puts an entity without any link in a community of its own; no
    report counts or lists that as a community, so neither the annexes nor
    the data files give it a number. The one rule for both.
    """
    return community if degree else None


@dataclass
class Community:
    """One Leiden community: who is in it, what it does, how it is tied to the rest."""

    id: int
    size: int
    members: list[str]
    #: Role counts, most frequent first.
    roles: dict[str, int]
    countries: dict[str, int]
    activities: dict[str, int]
    internal_links: int
    external_links: int
    density: float
    #: Member with the highest key-player score.
    leader: str


@dataclass
class NetworkSummary:
    """Whole-network figures."""

    nodes: int
    edges: int
    #: Link rows before parallel links between two entities were merged.
    links: int
    density: float
    components: int
    largest_component: int
    largest_component_share: float
    average_clustering: float
    diameter: int | None
    communities: int
    modularity: float
    articulation_points: int
    #: Distinct relationships (edges) between entities with no country in common.
    cross_border_links: int
    #: ``cross_border_links`` over :attr:`located_edges`.
    cross_border_share: float
    #: Which figures are approximate and how they were approximated.
    approximations: dict[str, Any]
    #: Recorded links behind the cross-border relationships (parallel links counted).
    cross_border_records: int = 0
    #: Distinct relationships between entities both tied to a country: the cross-border share's denominator.
    located_edges: int = 0


@dataclass
class KeyPlayers:
    """Entity ids by key-player score, best first: overall and per role."""

    overall: list[str]
    by_role: dict[str, list[str]]


@dataclass
class CommunityLink:
    """Links between two communities, aggregated (the community-level network)."""

    source: int
    target: int
    links: int
    weight: float


@dataclass
class BorderPair:
    """A pair of countries joined by cross-border links.

    ``links`` counts distinct relationships (pairs of entities, parallel
    links merged, as the network's edges); ``records`` the recorded links
    behind them; ``weight`` their summed weight.
    """

    countries: list[str]
    links: int
    weight: float
    records: int = 0


@dataclass
class ActivityPair:
    """A pair of countries where the same activities were recorded (an activity corridor)."""

    countries: list[str]
    #: The period's activities recorded in both countries (among others, maybe).
    activities: int
    value_eur: float


@dataclass
class Composition:
    """Counts of entity types, roles, statuses, link types and countries, most frequent first."""

    entity_types: dict[str, int]
    roles: dict[str, int]
    statuses: dict[str, int]
    link_types: dict[str, int]
    countries: dict[str, int]


# -- activities and gradings ----------------------------------------------------------


@dataclass
class Count:
    """Activities of one key (crime type, country or month): how many, and their value."""

    key: str
    count: int
    value_eur: float


@dataclass
class CountChange:
    """A :class:`Count` with the same key's figures in the previous period."""

    key: str
    count: int
    value_eur: float
    previous_count: int = 0
    previous_value_eur: float = 0.0


@dataclass
class PreviousActivities:
    """The previous period's activity totals, for the comparison."""

    start: date
    end: date
    count: int
    value_eur: float
    countries: int
    by_month: list[Count]


@dataclass
class ActivitySummary:
    """Activities of the reporting period by type, country and month, with the previous period."""

    count: int
    value_eur: float
    #: Activities with a known value.
    valued: int
    first: date | None
    last: date | None
    countries: int
    by_type: list[CountChange]
    by_country: list[CountChange]
    by_month: list[Count]
    previous: PreviousActivities
    #: Activity corridors: country pairs by the period's activities recorded in both, most first
    #: (:func:`~reportgen.analysis.activities.activity_pairs`).
    by_pair: list[ActivityPair] = field(default_factory=list)
    #: Activities of the project outside both periods.
    outside_periods: int = 0


@dataclass
class GradingMatrix:
    """Reliability × credibility counts of one kind of record."""

    #: ``matrix[r][c]``: records graded reliability ``r``, credibility ``c`` (in the system's order).
    matrix: list[list[int]]
    graded: int
    ungraded: int


@dataclass
class Gradings:
    """Gradings of the links and of the period's activities in the project's grading system; evidence types of links."""

    system: str
    reliability: list[str]
    credibility: list[str]
    links: GradingMatrix
    activities: GradingMatrix
    evidence: dict[str, int]


# -- disruption -----------------------------------------------------------------------


@dataclass
class CurvePoint:
    """The network after ``k`` removals: who was removed, what is left."""

    k: int
    removed: list[str]
    #: Largest connected group left, as a share of the initial one.
    lcc_fraction: float
    components: float


#: ``{strategy: {mode: curve}}``: strategies ``degree``, ``betweenness``,
#: ``random``, ``role:<role>``; modes ``static`` and ``adaptive``.
Disruption = dict[str, dict[str, list[CurvePoint]]]


@dataclass
class ScenarioRank:
    """How much one disruption scenario fragments the network."""

    strategy: str
    mode: str
    removed: int
    final_lcc_fraction: float
    final_components: float
    #: Removals it took to halve the largest group (``None``: never).
    k_to_halve: int | None
    #: Mean share left over the curve (lower: faster fragmentation).
    area: float


# -- periods ----------------------------------------------------------------------------


@dataclass
class PeriodFacts:
    start: date
    end: date


# -- the whole ------------------------------------------------------------------------


@dataclass
class ProjectFacts:
    """The project as analysed: code name, period, markings, grading system, sizes."""

    code_name: str
    highest_classification: str
    #: Highest classification of each narrative section's paragraphs.
    narrative_classification: dict[str, str]
    period: PeriodFacts
    classification: str
    grading: str
    entities: int
    links: int
    activities: int


@dataclass
class Analysis:
    """Everything the reports show, computed once."""

    project: ProjectFacts
    settings: Settings
    network: NetworkSummary
    entities: list[EntityMetrics]
    key_players: KeyPlayers
    brokers: list[str]
    articulation_points: list[str]
    communities: list[Community]
    community_links: list[CommunityLink]
    cross_border: list[BorderPair]
    composition: Composition
    activities: ActivitySummary
    gradings: Gradings
    disruption: Disruption
    disruption_ranking: list[ScenarioRank]
    #: The analysed network (:mod:`.arrays`); ``graph`` is its networkx form, built on first use.
    arrays: GraphArrays = field(repr=False, compare=False, metadata={"json": False})
    #: Changes since the previous period (:mod:`reportgen.analysis.changes`), when compared.
    changes: Changes | None = None

    @property
    def graph(self) -> nx.Graph:
        """The analysed network in networkx (built on first use: the link charts draw parts of it)."""
        return self.arrays.graph

    def entity(self, entity_id: str) -> EntityMetrics:
        """The measures of one entity, by id."""
        return self.entity_index[entity_id]

    @property
    def entity_index(self) -> dict[str, EntityMetrics]:
        """Entity measures by id (built on first use)."""
        index: dict[str, EntityMetrics] | None = self.__dict__.get("_entity_index")
        if index is None or len(index) != len(self.entities):
            index = {e.id: e for e in self.entities}
            self.__dict__["_entity_index"] = index
        return index

    def to_dict(self) -> dict[str, Any]:
        """The analysis as plain, JSON-ready data (the graph left out)."""
        data = plain(self)
        assert isinstance(data, dict)
        return data


# -- plain data ---------------------------------------------------------------------


#: Decimal places kept in JSON output: enough for any report, stable across platforms.
FLOAT_DIGITS = 6


def plain(value: Any) -> Any:
    """Results as JSON-ready data with stable float rounding.

    Dataclasses become objects keyed by field name (or the field's
    ``metadata["key"]``), in field order; the graph of an :class:`Analysis`
    is left out, and so are fields marked ``metadata={"json": False}``.
    """
    if hasattr(value, "__dataclass_fields__"):
        return {
            f.metadata.get("key", f.name): plain(getattr(value, f.name))
            for f in fields(value)
            if f.name != "graph" and f.metadata.get("json", True)
        }
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return [plain(v) for v in sorted(value)]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        rounded = round(value, FLOAT_DIGITS)
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot convert {type(value).__name__} to plain data")
