"""Network and activity analysis of a validated project.

Language-independent: the results (:mod:`.results`) hold identifiers and
numbers only, never display text, and are computed once per build for every
language and report. The graph is built once, as arrays
(:mod:`.arrays`), and every measure runs on them in compiled code: igraph
(Leiden, betweenness, clustering, cut points, diameter) and scipy's graph
routines (closeness, eigenvector, the disruption scenarios' components),
following networkx's definitions exactly — the tests compare both.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..data import vocab
from ..data.load import Project
from . import centrality
from .activities import composition, gradings, project_facts, summarise_activities
from .arrays import GraphArrays
from .disruption import disruption_scenarios, rank_disruption
from .graph import (
    articulation_points,
    build_graph,
    clustering,
    communities,
    community_links,
    component_sizes,
    cross_border,
    describe_communities,
    diameter,
    diameter_lower_bound,
    in_period,
    key_player_scores,
    largest_component,
    membership,
    modularity,
    ranked,
)
from .results import Analysis, EntityMetrics, KeyPlayers, NetworkSummary, Settings

log = logging.getLogger(__name__)

__all__ = ["Settings", "analyse", "build_graph"]


@dataclass
class _Measures:
    """Per-node measures of the graph, by node id."""

    degree: dict[str, int]
    weighted: dict[str, float]
    degree_centrality: dict[str, float]
    betweenness: dict[str, float]
    closeness: dict[str, float]
    eigenvector: dict[str, float]
    clustering: dict[str, float]
    articulation: set[str]
    score: dict[str, float]


def analyse(project: Project, settings: Settings | None = None, *, comparison: bool = False) -> Analysis:
    """Analyse ``project``: network measures, communities, activities, disruption.

    ``comparison``: the analysis only serves to compare another period with
    (:mod:`.changes`), which reads no closeness and no diameter: both are
    left out (closeness 0, diameter ``None``), the costliest searches on a
    large network.
    """
    settings = settings or Settings()
    graph = build_graph(project)
    log.info("analysing %d nodes, %d edges", graph.n, graph.m)
    approximations: dict[str, Any] = {}
    measures = _measure(graph, settings, approximations, closeness=not comparison)
    found = communities(graph, settings.seed)
    member_of = membership(graph.n, found)
    metrics = _entity_metrics(project, graph, measures, member_of)
    by_id = {m.id: m for m in metrics}
    border, counts = cross_border(graph, project.entity_index)
    summary = _summary(graph, len(found), modularity(graph, member_of), measures, settings, approximations,
                       diameter_wanted=not comparison)
    summary.links = len(project.links)
    summary.cross_border_links, summary.cross_border_records = counts.edges, counts.records
    summary.located_edges = counts.located
    summary.cross_border_share = counts.edges / counts.located if counts.located else 0.0
    disruption, adaptive_sampled = disruption_scenarios(graph, project, measures.betweenness, settings)
    if adaptive_sampled:
        approximations["adaptive_betweenness"] = {"sampled_sources": adaptive_sampled, "seed": settings.seed}
    return Analysis(
        project=project_facts(project),
        settings=settings,
        network=summary,
        entities=metrics,
        key_players=_key_players(project, measures, settings),
        brokers=_brokers(measures, by_id, settings),
        articulation_points=sorted(measures.articulation),
        communities=describe_communities(graph, found, project, by_id),
        community_links=community_links(graph, member_of),
        cross_border=border,
        composition=composition(project),
        activities=summarise_activities(project),
        gradings=gradings(project),
        disruption=disruption,
        disruption_ranking=rank_disruption(disruption),
        arrays=graph,
    )


def _measure(graph: GraphArrays, settings: Settings, approximations: dict[str, Any], *, closeness: bool) -> _Measures:
    """Centralities, clustering and cut points; sampled above ``settings.exact_betweenness_limit`` nodes."""
    nodes, n, matrix = graph.nodes, graph.n, graph.matrix
    sampled = settings.betweenness_samples if n > settings.exact_betweenness_limit else None
    scores = centrality.betweenness(matrix, samples=sampled, seed=settings.seed).tolist()
    betweenness = dict(zip(nodes, scores, strict=True))
    pivots = None
    if sampled:
        pivots = np.array(sorted(random.Random(settings.seed).sample(range(n), sampled)))
        approximations["betweenness"] = {"sampled_sources": sampled, "seed": settings.seed}
        if closeness:
            approximations["closeness"] = {"sampled_sources": sampled, "seed": settings.seed}
    degree = graph.degree.tolist()
    degree_c = dict(zip(nodes, [d / (n - 1) for d in degree], strict=True)) if n > 1 else dict.fromkeys(nodes, 0.0)
    eigenvector = dict(zip(nodes, centrality.eigenvector(matrix).tolist(), strict=True))
    return _Measures(
        degree=dict(zip(nodes, degree, strict=True)),
        # networkx sums no weight for a node without links: the integer 0 (as the JSON has always shown).
        weighted={v: w if d else 0 for v, w, d in zip(nodes, graph.weighted_degree.tolist(), degree, strict=True)},
        degree_centrality=degree_c,
        betweenness=betweenness,
        closeness=(dict(zip(nodes, centrality.closeness(matrix, pivots).tolist(), strict=True)) if closeness
                   else dict.fromkeys(nodes, 0.0)),
        eigenvector=eigenvector,
        clustering=dict(zip(nodes, clustering(graph).tolist(), strict=True)),
        articulation={nodes[i] for i in articulation_points(graph)},
        score=key_player_scores(nodes, degree_c, betweenness, eigenvector),
    )


def _bridging(graph: GraphArrays, member_of: np.ndarray) -> tuple[list[int], list[int]]:
    """Per node: how many other communities it has links into, and how many of its links leave its own."""
    a, b = member_of[graph.rows], member_of[graph.cols]
    leaving = a != b
    ends = np.concatenate((graph.rows[leaving], graph.cols[leaving]))
    other = np.concatenate((b[leaving], a[leaving]))
    count = int(member_of.max()) + 1 if len(member_of) else 1
    distinct = np.unique(ends * count + other) // count
    return (np.bincount(distinct, minlength=graph.n).tolist(), np.bincount(ends, minlength=graph.n).tolist())


def _entity_metrics(project: Project, graph: GraphArrays, m: _Measures, member_of: np.ndarray) -> list[EntityMetrics]:
    """One :class:`EntityMetrics` per node, in node (id) order."""
    activity_count = Counter(e for a in in_period(project) for e in a.entities)
    entity_index = project.entity_index
    bridged, leaving = _bridging(graph, member_of)
    metrics = []
    for i, v in enumerate(graph.nodes):
        entity = entity_index[v]
        metrics.append(EntityMetrics(
            id=v, name=entity.name, type=entity.type, roles=entity.roles, countries=entity.home_countries,
            status=entity.status, degree=m.degree[v], weighted_degree=m.weighted[v],
            degree_centrality=m.degree_centrality[v], betweenness=m.betweenness[v], closeness=m.closeness[v],
            eigenvector=m.eigenvector[v], clustering=m.clustering[v], community=int(member_of[i]) + 1,
            articulation_point=v in m.articulation, bridged_communities=bridged[i],
            cross_community_share=leaving[i] / m.degree[v] if m.degree[v] else 0.0,
            key_player_score=m.score[v], country_count=len(entity.home_countries),
            activity_count=activity_count[v], sex=entity.sex,
        ))
    return metrics


def _summary(graph: GraphArrays, found: int, modularity_: float, m: _Measures, settings: Settings,
             approximations: dict[str, Any], *, diameter_wanted: bool) -> NetworkSummary:
    """Whole-network figures (the link and cross-border counts are filled in by the caller)."""
    n = graph.n
    components = component_sizes(graph)
    largest = components[0] if components else 0
    longest = None
    if largest > 1 and diameter_wanted:
        lcc, _count = largest_component(graph)
        if largest <= settings.exact_diameter_limit:
            longest = diameter(graph, lcc)
        else:
            longest = diameter_lower_bound(graph, lcc)
            approximations["diameter"] = {"method": "double_sweep_lower_bound"}
    return NetworkSummary(
        nodes=n, edges=graph.m, links=0, density=2 * graph.m / (n * (n - 1)) if n > 1 else 0.0,
        components=len(components), largest_component=largest, largest_component_share=largest / n if n else 0.0,
        average_clustering=sum(m.clustering.values()) / n if n else 0.0, diameter=longest,
        communities=found, modularity=modularity_, articulation_points=len(m.articulation),
        cross_border_links=0, cross_border_share=0.0, approximations=approximations,
    )


def _key_players(project: Project, m: _Measures, settings: Settings) -> KeyPlayers:
    """The best key-player scores overall and per role present."""
    order = ranked(m.score, m.score)
    entity_index = project.entity_index
    holders: dict[str, list[str]] = {role: [] for role in vocab.ROLES}
    for v in order:
        for role in entity_index[v].roles:
            if role in holders and len(holders[role]) < settings.top_per_role:
                holders[role].append(v)
    present = {role for e in project.entities for role in e.roles}
    return KeyPlayers(
        overall=order[: settings.top],
        by_role={role: holders[role] for role in vocab.ROLES if role in present},
    )


def _brokers(m: _Measures, by_id: dict[str, EntityMetrics], settings: Settings) -> list[str]:
    """Entities linked into other communities, by betweenness."""
    pool = [v for v in by_id if by_id[v].bridged_communities > 0 and m.betweenness[v] > 0]
    return ranked(m.betweenness, pool)[: settings.top]
