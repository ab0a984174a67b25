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
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from . import vocab
from .load import Project

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """Parameters of one analysis run; part of what makes it reproducible."""

    #: Seed of every randomised step (Louvain, sampling, random removals).
    seed: int = 42
    #: Up to this many nodes, betweenness is exact; above, it is sampled.
    exact_betweenness_limit: int = 2_000
    #: Sampled source nodes for approximate betweenness.
    betweenness_samples: int = 500
    #: Sampled source nodes when betweenness is recomputed after each removal
    #: in a network larger than ``exact_betweenness_limit``.
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
    degree = dict(graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    degree_c = nx.degree_centrality(graph) if n > 1 else {v: 0.0 for v in nodes}
    betweenness, sampled = betweenness_centrality(graph, settings)
    if sampled:
        approximations["betweenness"] = {"sampled_sources": sampled, "seed": settings.seed}
    closeness = closeness_centrality(graph)
    eigenvector = eigenvector_centrality(graph)
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
    activity_count = Counter(e for a in project.activities for e in a.entities)
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

    ranked = sorted(nodes, key=lambda v: (-score[v], v))
    key_players = {
        "overall": ranked[: settings.top],
        "by_role": {
            role: [v for v in ranked if role in entity_index[v].roles][: settings.top_per_role]
            for role in vocab.ROLES
            if any(role in e.roles for e in project.entities)
        },
    }
    brokers = sorted(
        (v for v in nodes if by_id[v].bridged_communities > 0 and betweenness[v] > 0),
        key=lambda v: (-betweenness[v], -by_id[v].bridged_communities, v),
    )[: settings.top]

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

    disruption, adaptive_sampled = disruption_scenarios(graph, project, betweenness, settings)
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


def _adjacency(graph: nx.Graph) -> sparse.csr_array:
    """Unweighted adjacency matrix in ``list(graph)`` order."""
    return nx.to_scipy_sparse_array(graph, weight=None, format="csr", dtype=np.float64)


# -- centralities ---------------------------------------------------------------


def betweenness_centrality(graph: nx.Graph, settings: Settings, samples: int | None = None) -> tuple[dict[str, float], int]:
    """Normalised shortest-path betweenness, and the sample size (0 = exact).

    Exact up to ``settings.exact_betweenness_limit`` nodes; above it,
    networkx's source sampling with ``samples`` sources and the analysis seed.
    """
    n = graph.number_of_nodes()
    if n <= settings.exact_betweenness_limit:
        return nx.betweenness_centrality(graph, normalized=True), 0
    k = min(n, samples or settings.betweenness_samples)
    return nx.betweenness_centrality(graph, k=k, normalized=True, seed=settings.seed), k


def closeness_centrality(graph: nx.Graph) -> dict[str, float]:
    """Closeness as networkx defines it (Wasserman–Faust for disconnected graphs).

    ``c(u) = (r - 1) / sum(d(u, v)) * (r - 1) / (n - 1)`` where ``r`` is the
    number of nodes reachable from ``u`` (itself included). Breadth-first
    searches run in scipy's compiled code, in blocks of sources to bound memory.
    """
    nodes = list(graph)
    n = len(nodes)
    result = np.zeros(n)
    if n > 1 and graph.number_of_edges():
        matrix = _adjacency(graph)
        block = max(1, min(n, 20_000_000 // n))
        for start in range(0, n, block):
            rows = np.arange(start, min(n, start + block))
            dist = csgraph.shortest_path(matrix, method="D", unweighted=True, directed=False, indices=rows)
            finite = np.isfinite(dist)
            reach = finite.sum(axis=1) - 1
            total = np.where(finite, dist, 0).sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                value = np.where(total > 0, (reach / total) * (reach / (n - 1)), 0.0)
            result[rows] = value
    return dict(zip(nodes, result.tolist()))


def eigenvector_centrality(graph: nx.Graph, max_iter: int = 1000, tol: float = 1.0e-6) -> dict[str, float]:
    """Eigenvector centrality by networkx's own power iteration on ``A + I``.

    Same start vector, normalisation and L1 convergence test as
    ``nx.eigenvector_centrality``, with the matrix product done by scipy.
    Unweighted. A graph without edges gives every node ``1/sqrt(n)``.
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    matrix = _adjacency(graph)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + matrix @ last
        norm = math.sqrt(float(x @ x)) or 1.0
        x = x / norm
        if float(np.abs(x - last).sum()) < n * tol:
            return dict(zip(nodes, x.tolist()))
    raise nx.PowerIterationFailedConvergence(max_iter)


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
    for activity in project.activities:
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
                leader=max(ordered, key=lambda v: (by_id[v].key_player_score, _reverse(v))),
            )
        )
    return result


def _reverse(text: str) -> tuple[int, ...]:
    """Sort key that orders strings in reverse (ties in ``max`` go to the smallest)."""
    return tuple(-ord(ch) for ch in text)


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

    An activity in several countries counts once in each of them.
    """
    by_type: dict[str, list] = defaultdict(lambda: [0, 0.0])
    by_country: dict[str, list] = defaultdict(lambda: [0, 0.0])
    by_month: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for a in project.activities:
        value = a.value_eur or 0.0
        for bucket in (by_type[a.type], by_month[a.date.strftime("%Y-%m")], *(by_country[c] for c in a.countries)):
            bucket[0] += 1
            bucket[1] += value
    dates = [a.date for a in project.activities]

    def table(data: dict[str, list], order) -> list[dict[str, Any]]:
        return [{"key": key, "count": int(count), "value_eur": value} for key, (count, value) in sorted(data.items(), key=order)]

    by_size = lambda kv: (-kv[1][0], -kv[1][1], kv[0])  # noqa: E731
    return {
        "count": len(project.activities),
        "value_eur": sum(a.value_eur or 0.0 for a in project.activities),
        "valued": sum(1 for a in project.activities if a.value_eur is not None),
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


def _project_facts(project: Project) -> dict[str, Any]:
    meta = project.meta
    return {
        "code_name": meta.code_name,
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

    Works on the scipy adjacency matrix so that each step is a compiled
    connected-components call, cheap even on 50,000-node networks.
    """

    def __init__(self, graph: nx.Graph):
        self.nodes = list(graph)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        self.matrix = _adjacency(graph)
        self.initial = self.measure(())[0] or 1

    def measure(self, removed) -> tuple[int, int]:
        keep = np.ones(len(self.nodes), dtype=bool)
        keep[[self.index[v] for v in removed]] = False
        if not keep.any():
            return 0, 0
        sub = self.matrix[keep][:, keep]
        count, labels = csgraph.connected_components(sub, directed=False)
        return int(np.bincount(labels).max()), int(count)

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


def disruption_scenarios(graph: nx.Graph, project: Project, betweenness: dict[str, float], settings: Settings):
    """Removal curves per strategy and mode, and the adaptive sample size (0 = exact).

    Strategies: ``degree``, ``betweenness``, ``random`` and ``role:<role>``
    for every role present. Mode ``static`` ranks once and removes in that
    order; ``adaptive`` recomputes the measure on the remaining network
    before each removal. Ties go to the smaller id. ``random`` averages
    ``settings.random_runs`` seeded orders (static and adaptive coincide;
    ``removed`` is left empty because each run removes different entities).
    """
    remover = _Remover(graph)
    nodes = remover.nodes
    k_max = min(settings.max_removals, len(nodes))
    degree = dict(graph.degree())
    result: dict[str, dict[str, list[dict[str, Any]]]] = {}
    adaptive_sampled = 0

    def ranked(score: dict[str, float], pool) -> list[str]:
        return sorted(pool, key=lambda v: (-score[v], v))

    def adaptive_degree(pool: list[str], limit: int) -> list[str]:
        order: list[str] = []
        candidates = set(pool)
        for _ in range(limit):
            current = remover.degrees(order)
            best = min(candidates, key=lambda v: (-current[remover.index[v]], v))
            order.append(best)
            candidates.remove(best)
        return order

    result["degree"] = {
        "static": remover.curve(ranked(degree, nodes)[:k_max]),
        "adaptive": remover.curve(adaptive_degree(nodes, k_max)),
    }

    adaptive_order: list[str] = []
    remaining = graph.copy()
    for _ in range(k_max):
        scores, sampled = betweenness_centrality(remaining, settings, settings.adaptive_betweenness_samples)
        adaptive_sampled = max(adaptive_sampled, sampled)
        best = ranked(scores, remaining)[0]
        adaptive_order.append(best)
        remaining.remove_node(best)
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
