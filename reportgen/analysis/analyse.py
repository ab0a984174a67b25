"""Network and activity analysis of a validated project.

Language-independent: the results hold identifiers and numbers only, never
display text, and are computed once per build for every language and report.
Graph algorithms come from networkx; where networkx would be too slow on a
large network the same quantity is computed with scipy's compiled graph
routines (closeness, eigenvector power iteration, connected components in
the disruption scenarios), following networkx's definitions exactly — the
tests compare both.
"""

from __future__ import annotations

import logging
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from . import centrality

from ..data import vocab
from ..data.load import Project
from ..data.periods import previous_period

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """Parameters of one analysis run; part of what makes it reproducible."""

    #: Seed of every randomised step (Louvain, sampling, random removals).
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


# -- results ------------------------------------------------------------------


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


@dataclass
class Community:
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
    cross_border_links: int
    cross_border_share: float
    #: Which figures are approximate and how they were approximated.
    approximations: dict[str, Any]


@dataclass
class Analysis:
    """Everything the reports show, computed once."""

    project: dict[str, Any]
    settings: dict[str, Any]
    network: NetworkSummary
    entities: list[EntityMetrics]
    key_players: dict[str, Any]
    brokers: list[str]
    articulation_points: list[str]
    communities: list[Community]
    community_links: list[dict[str, Any]]
    cross_border: list[dict[str, Any]]
    composition: dict[str, dict[str, int]]
    activities: dict[str, Any]
    gradings: dict[str, Any]
    disruption: dict[str, dict[str, list[dict[str, Any]]]]
    disruption_ranking: list[dict[str, Any]]
    graph: nx.Graph = field(repr=False, compare=False)
    #: Changes since the previous period (:mod:`reportgen.analysis.changes`), when compared.
    changes: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The analysis as plain, JSON-ready data (the graph left out)."""
        return _plain({name: getattr(self, name) for name in self.__dataclass_fields__ if name != "graph"})


# -- entry point --------------------------------------------------------------


def analyse(project: Project, settings: Settings | None = None) -> Analysis:
    """Analyse ``project``: network measures, communities, activities, disruption."""
    settings = settings or Settings()
    graph = build_graph(project)
    nodes = list(graph)
    n = len(nodes)
    approximations: dict[str, Any] = {}

    log.info("analysing %d nodes, %d edges", n, graph.number_of_edges())
    matrix = adjacency(graph)
    degree = dict(graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    degree_c = nx.degree_centrality(graph) if n > 1 else {v: 0.0 for v in nodes}
    sampled = settings.betweenness_samples if n > settings.exact_betweenness_limit else None
    betweenness = dict(zip(nodes, centrality.betweenness(matrix, samples=sampled, seed=settings.seed).tolist()))
    pivots = None
    if sampled:
        pivots = np.array(sorted(random.Random(settings.seed).sample(range(n), sampled)))
        approximations["betweenness"] = {"sampled_sources": sampled, "seed": settings.seed}
        approximations["closeness"] = {"sampled_sources": sampled, "seed": settings.seed}
    closeness = dict(zip(nodes, centrality.closeness(matrix, pivots).tolist()))
    eigenvector = dict(zip(nodes, centrality.eigenvector(matrix).tolist()))
    clustering = nx.clustering(graph)
    articulation = set(nx.articulation_points(graph))

    communities_sets = _communities(graph, settings.seed)
    community_of = {v: index for index, members in enumerate(communities_sets, start=1) for v in members}
    modularity = nx.community.modularity(graph, communities_sets, weight="weight") if graph.number_of_edges() else 0.0

    components = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    largest = components[0] if components else 0
    diameter = None
    if largest > 1:
        lcc = graph.subgraph(max(nx.connected_components(graph), key=lambda c: (len(c), min(c))))
        if largest <= settings.exact_diameter_limit:
            diameter = nx.diameter(lcc, usebounds=True)
        else:
            diameter = _diameter_lower_bound(lcc)
            approximations["diameter"] = {"method": "double_sweep_lower_bound"}

    score = _key_player_scores(nodes, degree_c, betweenness, eigenvector)
    activity_count = Counter(e for a in _in_period(project) for e in a.entities)
    entity_index = project.entity_index
    metrics = []
    for v in nodes:
        entity = entity_index[v]
        own = community_of[v]
        other = [community_of[u] for u in graph[v] if community_of[u] != own]
        metrics.append(
            EntityMetrics(
                id=v,
                name=entity.name,
                type=entity.type,
                roles=entity.roles,
                countries=entity.home_countries,
                status=entity.status,
                degree=degree[v],
                weighted_degree=weighted[v],
                degree_centrality=degree_c[v],
                betweenness=betweenness[v],
                closeness=closeness[v],
                eigenvector=eigenvector[v],
                clustering=clustering[v],
                community=own,
                articulation_point=v in articulation,
                bridged_communities=len(set(other)),
                cross_community_share=len(other) / degree[v] if degree[v] else 0.0,
                key_player_score=score[v],
                country_count=len(entity.home_countries),
                activity_count=activity_count[v],
            )
        )
    by_id = {m.id: m for m in metrics}

    ranked = _ranked(score, nodes)
    key_players = {
        "overall": ranked[: settings.top],
        "by_role": {
            role: [v for v in ranked if role in entity_index[v].roles][: settings.top_per_role]
            for role in vocab.ROLES
            if any(role in e.roles for e in project.entities)
        },
    }
    brokers = _ranked(betweenness, [v for v in nodes if by_id[v].bridged_communities > 0 and betweenness[v] > 0])
    brokers = brokers[: settings.top]

    cross_border, cross_edges, located_edges = _cross_border(graph, entity_index)
    communities = _describe_communities(graph, communities_sets, project, by_id)
    summary = NetworkSummary(
        nodes=n,
        edges=graph.number_of_edges(),
        links=len(project.links),
        density=nx.density(graph) if n > 1 else 0.0,
        components=len(components),
        largest_component=largest,
        largest_component_share=largest / n if n else 0.0,
        average_clustering=sum(clustering.values()) / n if n else 0.0,
        diameter=diameter,
        communities=len(communities_sets),
        modularity=modularity,
        articulation_points=len(articulation),
        cross_border_links=cross_edges,
        cross_border_share=cross_edges / located_edges if located_edges else 0.0,
        approximations=approximations,
    )

    disruption, adaptive_sampled = disruption_scenarios(graph, matrix, project, betweenness, settings)
    if adaptive_sampled:
        approximations["adaptive_betweenness"] = {"sampled_sources": adaptive_sampled, "seed": settings.seed}

    return Analysis(
        project=_project_facts(project),
        settings=settings.__dict__.copy(),
        network=summary,
        entities=metrics,
        key_players=key_players,
        brokers=brokers,
        articulation_points=sorted(articulation),
        communities=communities,
        community_links=_community_links(graph, community_of),
        cross_border=cross_border,
        composition=_composition(project),
        activities=_activities(project),
        gradings=_gradings(project),
        disruption=disruption,
        disruption_ranking=rank_disruption(disruption),
        graph=graph,
    )


# -- the graph ----------------------------------------------------------------


def build_graph(project: Project) -> nx.Graph:
    """The undirected entity graph, parallel links merged.

    Nodes are every entity, in id order. Links between the same two entities
    (in either direction) become one edge whose ``weight`` is the sum of
    their weights, ``types`` the sorted link types and ``links`` their count.
    """
    graph = nx.Graph()
    graph.add_nodes_from(sorted(e.id for e in project.entities))
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for link in project.links:
        key = tuple(sorted((link.source, link.target)))
        edge = merged.setdefault(key, {"weight": 0.0, "types": set(), "links": 0})
        edge["weight"] += link.weight
        edge["types"].add(link.type)
        edge["links"] += 1
    for (u, v) in sorted(merged):
        edge = merged[(u, v)]
        graph.add_edge(u, v, weight=edge["weight"], types=tuple(sorted(edge["types"])), links=edge["links"])
    return graph


def adjacency(graph: nx.Graph) -> sparse.csr_array:
    """Unweighted adjacency matrix in ``list(graph)`` order."""
    if graph.number_of_nodes() == 0:
        return sparse.csr_array((0, 0), dtype=np.float64)
    return nx.to_scipy_sparse_array(graph, weight=None, format="csr", dtype=np.float64)


# -- communities and rankings ------------------------------------------------------


def _communities(graph: nx.Graph, seed: int) -> list[set[str]]:
    """Louvain communities (seeded), largest first, ties by smallest id."""
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def _diameter_lower_bound(graph: nx.Graph) -> int:
    """Double-sweep lower bound of a connected graph's diameter."""
    start = min(graph)
    far = max(nx.single_source_shortest_path_length(graph, start).items(), key=lambda kv: (kv[1], kv[0]))[0]
    return max(nx.single_source_shortest_path_length(graph, far).values())


def _key_player_scores(nodes, degree_c, betweenness, eigenvector) -> dict[str, float]:
    measures = [degree_c, betweenness, eigenvector]
    peaks = [max(m.values(), default=0.0) or 1.0 for m in measures]
    return {v: sum(m[v] / peak for m, peak in zip(measures, peaks)) / len(measures) for v in nodes}


# -- groups, borders, activities --------------------------------------------------


def _describe_communities(graph, communities_sets, project, by_id) -> list[Community]:
    entity_index = project.entity_index
    activities_of = defaultdict(list)
    for activity in _in_period(project):
        for e in activity.entities:
            activities_of[e].append(activity)
    result = []
    for index, members in enumerate(communities_sets, start=1):
        ordered = sorted(members)
        internal = graph.subgraph(members).number_of_edges()
        external = sum(1 for v in members for u in graph[v] if u not in members)
        roles = Counter(r for v in ordered for r in entity_index[v].roles)
        countries = Counter(c for v in ordered for c in entity_index[v].home_countries)
        seen_activities = {a.id: a for v in ordered for a in activities_of[v]}
        kinds = Counter(a.type for a in seen_activities.values())
        size = len(members)
        result.append(
            Community(
                id=index,
                size=size,
                members=ordered,
                roles=_most_common(roles),
                countries=_most_common(countries),
                activities=_most_common(kinds),
                internal_links=internal,
                external_links=external,
                density=internal / (size * (size - 1) / 2) if size > 1 else 0.0,
                leader=min(ordered, key=lambda v: (-round(by_id[v].key_player_score, RANK_DIGITS), v)),
            )
        )
    return result


def _in_period(project: Project) -> list:
    """The activities dated in the reporting period (the project may hold earlier ones)."""
    period = project.meta.period
    return [a for a in project.activities if period.start <= a.date <= period.end]


def _community_links(graph: nx.Graph, community_of: dict[str, int]) -> list[dict[str, Any]]:
    """Edges between communities, aggregated: the community-level network."""
    pairs: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0, 0.0])
    for u, v, data in graph.edges(data=True):
        a, b = sorted((community_of[u], community_of[v]))
        if a != b:
            pairs[(a, b)][0] += 1
            pairs[(a, b)][1] += data["weight"]
    return [
        {"source": a, "target": b, "links": int(count), "weight": weight}
        for (a, b), (count, weight) in sorted(pairs.items())
    ]


def _cross_border(graph, entity_index) -> tuple[list[dict[str, Any]], int, int]:
    """Country pairs of cross-border links, and the counts behind the share.

    A link is cross-border when both entities are tied to countries (their
    ``countries``, else their ``nationality``) and they share none. It counts
    once for every pair of distinct countries it joins.
    """
    pairs: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    cross = located = 0
    for u, v, data in graph.edges(data=True):
        cu, cv = set(entity_index[u].home_countries), set(entity_index[v].home_countries)
        if not cu or not cv:
            continue
        located += 1
        if cu & cv:
            continue
        cross += 1
        for pair in {tuple(sorted((a, b))) for a in cu for b in cv}:
            pairs[pair][0] += 1
            pairs[pair][1] += data["weight"]
    rows = [
        {"countries": list(pair), "links": int(count), "weight": weight}
        for pair, (count, weight) in pairs.items()
    ]
    rows.sort(key=lambda r: (-r["links"], r["countries"]))
    return rows, cross, located


def _composition(project: Project) -> dict[str, dict[str, int]]:
    return {
        "entity_types": _most_common(Counter(e.type for e in project.entities)),
        "roles": _most_common(Counter(r for e in project.entities for r in e.roles)),
        "statuses": _most_common(Counter(e.status for e in project.entities)),
        "link_types": _most_common(Counter(link.type for link in project.links)),
        "countries": _most_common(Counter(c for e in project.entities for c in e.home_countries)),
    }


def _activities(project: Project) -> dict[str, Any]:
    """Counts and estimated values of activities by type, country and month.

    Counts cover the reporting period; ``previous`` gives the same counts for
    the previous period of the same length, and each ``by_type`` and
    ``by_country`` row carries its previous count and value. An activity in
    several countries counts once in each of them.
    """
    period = project.meta.period
    before = previous_period(period.start, period.end)
    current = [a for a in project.activities if period.start <= a.date <= period.end]
    previous = [a for a in project.activities if before[0] <= a.date <= before[1]]
    now = _activity_tables(current, _months(period.start, period.end))
    then = _activity_tables(previous, _months(*before))
    for table in ("by_type", "by_country"):
        earlier = {row["key"]: row for row in then[table]}
        for row in now[table]:
            old = earlier.get(row["key"], {"count": 0, "value_eur": 0.0})
            row["previous_count"], row["previous_value_eur"] = old["count"], old["value_eur"]
        for key, old in earlier.items():
            if key not in {row["key"] for row in now[table]}:
                now[table].append({"key": key, "count": 0, "value_eur": 0.0,
                                   "previous_count": old["count"], "previous_value_eur": old["value_eur"]})
    now["previous"] = {
        "start": before[0], "end": before[1], "count": then["count"], "value_eur": then["value_eur"],
        "countries": then["countries"], "by_month": then["by_month"],
    }
    now["outside_periods"] = len(project.activities) - len(current) - len(previous)
    return now


def _months(start: date, end: date) -> list[str]:
    """Every ``YYYY-MM`` from ``start`` to ``end``."""
    keys, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def _activity_tables(activities, months: list[str]) -> dict[str, Any]:
    """Counts and values by type, country and month (every month listed, empty ones at 0)."""
    by_type: dict[str, list] = defaultdict(lambda: [0, 0.0])
    by_country: dict[str, list] = defaultdict(lambda: [0, 0.0])
    by_month: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for key in months:
        by_month[key]  # noqa: B018 (creates the empty month)
    for a in activities:
        value = a.value_eur or 0.0
        for bucket in (by_type[a.type], by_month[a.date.strftime("%Y-%m")], *(by_country[c] for c in a.countries)):
            bucket[0] += 1
            bucket[1] += value
    dates = [a.date for a in activities]

    def table(data: dict[str, list], order) -> list[dict[str, Any]]:
        return [{"key": key, "count": int(count), "value_eur": value} for key, (count, value) in sorted(data.items(), key=order)]

    by_size = lambda kv: (-kv[1][0], -kv[1][1], kv[0])  # noqa: E731
    return {
        "count": len(activities),
        "value_eur": sum(a.value_eur or 0.0 for a in activities),
        "valued": sum(1 for a in activities if a.value_eur is not None),
        "first": min(dates) if dates else None,
        "last": max(dates) if dates else None,
        "countries": len(by_country),
        "by_type": table(by_type, by_size),
        "by_country": table(by_country, by_size),
        "by_month": table(by_month, lambda kv: kv[0]),
    }


def _gradings(project: Project) -> dict[str, Any]:
    """Reliability × credibility counts of links and activities, and evidence types."""
    system = project.grading_system

    def matrix(items) -> dict[str, Any]:
        counts = Counter((g.reliability, g.credibility) for g in (i.grading for i in items) if g)
        return {
            "matrix": [[counts[(r, c)] for c in system.credibility] for r in system.reliability],
            "graded": sum(counts.values()),
            "ungraded": sum(1 for i in items if i.grading is None),
        }

    return {
        "system": system.id,
        "reliability": list(system.reliability),
        "credibility": list(system.credibility),
        "links": matrix(project.links),
        "activities": matrix(project.activities),
        "evidence": _most_common(Counter(e for link in project.links for e in link.evidence)),
    }


def highest_classification(project: Project) -> str:
    """The highest classification of the project's records (items without one: the project's).

    A project with nothing left in it (everything withheld) is ``public``.
    Narrative paragraphs are counted per section by :func:`narrative_classifications`,
    since each report shows only some sections.
    """
    meta = project.meta
    levels = [vocab.CLASSIFICATIONS[0]]
    for item in (*project.entities, *project.links, *project.activities):
        levels.append(item.classification or meta.classification)
    return max(levels, key=vocab.classification_rank)


def narrative_classifications(project: Project) -> dict[str, str]:
    """The highest classification of each narrative section's paragraphs (``public`` if empty)."""
    meta = project.meta
    return {
        section: max(
            [vocab.CLASSIFICATIONS[0], *(p.classification or meta.classification
                                         for p in getattr(meta.narratives, section))],
            key=vocab.classification_rank,
        )
        for section in ("summary", "key_judgements", "recommendations", "intelligence_gaps")
    }


def _project_facts(project: Project) -> dict[str, Any]:
    meta = project.meta
    return {
        "code_name": meta.code_name,
        "highest_classification": highest_classification(project),
        "narrative_classification": narrative_classifications(project),
        "period": {"start": meta.period.start, "end": meta.period.end},
        "classification": meta.classification,
        "grading": meta.grading,
        "entities": len(project.entities),
        "links": len(project.links),
        "activities": len(project.activities),
    }


def _most_common(counter: Counter) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


# -- disruption scenarios -----------------------------------------------------------


class _Remover:
    """Largest-component size and component count after removing nodes.

    Keeps the edge list as index arrays, so that each step is a vectorised
    filter and one compiled connected-components call: a few milliseconds
    even on 50,000-node networks.
    """

    def __init__(self, graph: nx.Graph, matrix: sparse.csr_array):
        self.nodes = list(graph)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        self.matrix = matrix
        coo = sparse.triu(matrix, format="coo")
        self.rows, self.cols = coo.row, coo.col
        self.initial = self.measure(())[0] or 1

    def measure(self, removed) -> tuple[int, int]:
        n = len(self.nodes)
        keep = np.ones(n, dtype=bool)
        keep[[self.index[v] for v in removed]] = False
        if not keep.any():
            return 0, 0
        edges = keep[self.rows] & keep[self.cols]
        sub = sparse.coo_array(
            (np.ones(int(edges.sum())), (self.rows[edges], self.cols[edges])), shape=(n, n)
        )
        count, labels = csgraph.connected_components(sub, directed=False)
        sizes = np.bincount(labels[keep])
        # Removed nodes are left as singleton components of their own: not counted.
        return int(sizes.max()), int(np.count_nonzero(sizes))

    def degrees(self, removed) -> np.ndarray:
        keep = np.ones(len(self.nodes), dtype=np.float64)
        keep[[self.index[v] for v in removed]] = 0
        return (self.matrix @ keep) * keep

    def curve(self, order: list[str]) -> list[dict[str, Any]]:
        rows = []
        for k in range(len(order) + 1):
            largest, count = self.measure(order[:k])
            rows.append({"k": k, "removed": order[:k], "lcc_fraction": largest / self.initial, "components": count})
        return rows


def disruption_scenarios(
    graph: nx.Graph, matrix: sparse.csr_array, project: Project, betweenness: dict[str, float], settings: Settings
):
    """Removal curves per strategy and mode, and the adaptive sample size (0 = exact).

    Strategies: ``degree``, ``betweenness``, ``random`` and ``role:<role>``
    for every role present. Mode ``static`` ranks once and removes in that
    order; ``adaptive`` recomputes the measure on the remaining network
    before each removal. Ties go to the smaller id. ``random`` averages
    ``settings.random_runs`` seeded orders (static and adaptive coincide;
    ``removed`` is left empty because each run removes different entities).
    """
    remover = _Remover(graph, matrix)
    nodes = remover.nodes
    k_max = min(settings.max_removals, len(nodes))
    degree = dict(graph.degree())
    result: dict[str, dict[str, list[dict[str, Any]]]] = {}
    adaptive_sampled = 0

    ranked = _ranked

    def adaptive_degree(pool: list[str], limit: int) -> list[str]:
        # Node order is id order, so the first maximum is the smallest id.
        candidates = np.array(sorted(remover.index[v] for v in pool))
        order: list[str] = []
        for _ in range(limit):
            current = remover.degrees(order)[candidates]
            pick = int(np.argmax(current))
            order.append(nodes[candidates[pick]])
            candidates = np.delete(candidates, pick)
        return order

    result["degree"] = {
        "static": remover.curve(ranked(degree, nodes)[:k_max]),
        "adaptive": remover.curve(adaptive_degree(nodes, k_max)),
    }

    adaptive_order: list[str] = []
    present = np.ones(len(nodes), dtype=bool)
    for _ in range(k_max):
        remaining = int(present.sum())
        samples = None
        if remaining > settings.exact_adaptive_limit:
            samples = settings.adaptive_betweenness_samples
            adaptive_sampled = samples
        scores = centrality.betweenness(matrix, present, samples=samples, seed=settings.seed)
        best = _ranked(dict(enumerate(scores.tolist())), np.flatnonzero(present).tolist())[0]
        adaptive_order.append(nodes[best])
        present[best] = False
    result["betweenness"] = {
        "static": remover.curve(ranked(betweenness, nodes)[:k_max]),
        "adaptive": remover.curve(adaptive_order),
    }

    runs = []
    for run in range(settings.random_runs):
        order = random.Random(settings.seed + run).sample(nodes, k_max)
        runs.append(remover.curve(order))
    average = [
        {
            "k": k,
            "removed": [],
            "lcc_fraction": sum(r[k]["lcc_fraction"] for r in runs) / len(runs),
            "components": sum(r[k]["components"] for r in runs) / len(runs),
        }
        for k in range(k_max + 1)
    ] if runs else remover.curve([])
    result["random"] = {"static": average, "adaptive": [dict(row) for row in average]}

    for role in vocab.ROLES:
        holders = [e.id for e in project.entities if role in e.roles]
        if not holders:
            continue
        limit = min(k_max, len(holders))
        result[f"role:{role}"] = {
            "static": remover.curve(ranked(degree, holders)[:limit]),
            "adaptive": remover.curve(adaptive_degree(holders, limit)),
        }
    return result, adaptive_sampled


#: Scores are compared at this many decimals when ranking, so that values
#: equal in exact arithmetic but summed in another order tie (and the smaller id wins).
RANK_DIGITS = 12


def _ranked(score: dict, pool) -> list:
    """``pool`` by descending score, ties by ascending key."""
    return sorted(pool, key=lambda v: (-round(score[v], RANK_DIGITS), v))


def rank_disruption(disruption: dict[str, dict[str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """Scenarios ordered by how much they fragment the network.

    For each strategy and mode: the share of the largest component left after
    the last removal, how many removals it took to halve it (``None`` if it
    never did) and the area under the curve (mean ``lcc_fraction``; lower
    means faster fragmentation). Ordered by final share, then area.
    """
    rows = []
    for strategy, modes in disruption.items():
        for mode, curve in modes.items():
            if strategy == "random" and mode == "adaptive":
                continue  # identical to random/static
            final = curve[-1]
            halved = next((row["k"] for row in curve if row["lcc_fraction"] <= 0.5), None)
            rows.append(
                {
                    "strategy": strategy,
                    "mode": mode,
                    "removed": final["k"],
                    "final_lcc_fraction": final["lcc_fraction"],
                    "final_components": final["components"],
                    "k_to_halve": halved,
                    "area": sum(row["lcc_fraction"] for row in curve) / len(curve),
                }
            )
    rows.sort(key=lambda r: (r["final_lcc_fraction"], r["area"], r["strategy"], r["mode"]))
    return rows


# -- plain data ---------------------------------------------------------------------


#: Decimal places kept in JSON output: enough for any report, stable across platforms.
FLOAT_DIGITS = 6


def _plain(value: Any) -> Any:
    """Convert results to JSON-ready data with stable float rounding."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return [_plain(v) for v in sorted(value)]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        rounded = round(value, FLOAT_DIGITS)
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot convert {type(value).__name__} to plain data")
