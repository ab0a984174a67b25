"""Network and activity analysis of a validated project.

Language-independent: the results (:mod:`.results`) hold identifiers and
numbers only, never display text, and are computed once per build for every
language and report. Graph algorithms come from networkx; where networkx
would be too slow on a large network the same quantity is computed with
scipy's compiled graph routines (closeness, betweenness, eigenvector, the
connected components of the disruption scenarios), following networkx's
definitions exactly — the tests compare both.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from ..data import vocab
from ..data.load import Project
from . import centrality
from .activities import composition, gradings, project_facts, summarise_activities
from .disruption import disruption_scenarios, rank_disruption
from .graph import (
    adjacency,
    build_graph,
    clustering,
    communities,
    community_links,
    cross_border,
    describe_communities,
    diameter,
    diameter_lower_bound,
    in_period,
    key_player_scores,
    modularity,
    ranked,
)
from .results import Analysis, EntityMetrics, KeyPlayers, NetworkSummary, Settings

log = logging.getLogger(__name__)


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


def analyse(project: Project, settings: Settings | None = None) -> Analysis:
    """Analyse ``project``: network measures, communities, activities, disruption."""
    settings = settings or Settings()
    graph = build_graph(project)
    log.info("analysing %d nodes, %d edges", graph.number_of_nodes(), graph.number_of_edges())
    matrix = adjacency(graph)
    approximations: dict[str, Any] = {}
    measures = _measure(graph, matrix, settings, approximations)
    found = communities(graph, settings.seed)
    community_of = {v: index for index, members in enumerate(found, start=1) for v in members}
    metrics = _entity_metrics(project, graph, measures, community_of)
    by_id = {m.id: m for m in metrics}
    border, cross_edges, located_edges = cross_border(graph, project.entity_index)
    summary = _summary(graph, found, measures, settings, approximations)
    summary.links = len(project.links)
    summary.cross_border_links = cross_edges
    summary.cross_border_share = cross_edges / located_edges if located_edges else 0.0
    disruption, adaptive_sampled = disruption_scenarios(graph, matrix, project, measures.betweenness, settings)
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
        community_links=community_links(graph, community_of),
        cross_border=border,
        composition=composition(project),
        activities=summarise_activities(project),
        gradings=gradings(project),
        disruption=disruption,
        disruption_ranking=rank_disruption(disruption),
        graph=graph,
    )


def _measure(graph: nx.Graph, matrix: Any, settings: Settings, approximations: dict[str, Any]) -> _Measures:
    """Centralities, clustering and cut points; sampled above ``settings.exact_betweenness_limit`` nodes."""
    nodes = list(graph)
    n = len(nodes)
    sampled = settings.betweenness_samples if n > settings.exact_betweenness_limit else None
    scores = centrality.betweenness(matrix, samples=sampled, seed=settings.seed).tolist()
    betweenness = dict(zip(nodes, scores, strict=True))
    pivots = None
    if sampled:
        pivots = np.array(sorted(random.Random(settings.seed).sample(range(n), sampled)))
        approximations["betweenness"] = {"sampled_sources": sampled, "seed": settings.seed}
        approximations["closeness"] = {"sampled_sources": sampled, "seed": settings.seed}
    degree_c = nx.degree_centrality(graph) if n > 1 else dict.fromkeys(nodes, 0.0)
    eigenvector = dict(zip(nodes, centrality.eigenvector(matrix).tolist(), strict=True))
    return _Measures(
        degree=dict(graph.degree()),
        weighted=dict(graph.degree(weight="weight")),
        degree_centrality=degree_c,
        betweenness=betweenness,
        closeness=dict(zip(nodes, centrality.closeness(matrix, pivots).tolist(), strict=True)),
        eigenvector=eigenvector,
        clustering=clustering(graph),
        articulation=set(nx.articulation_points(graph)),
        score=key_player_scores(nodes, degree_c, betweenness, eigenvector),
    )


def _entity_metrics(
    project: Project, graph: nx.Graph, m: _Measures, community_of: dict[str, int]
) -> list[EntityMetrics]:
    """One :class:`EntityMetrics` per node, in node (id) order."""
    activity_count = Counter(e for a in in_period(project) for e in a.entities)
    entity_index = project.entity_index
    metrics = []
    for v in graph:
        entity = entity_index[v]
        own = community_of[v]
        other = [community_of[u] for u in graph[v] if community_of[u] != own]
        metrics.append(EntityMetrics(
            id=v, name=entity.name, type=entity.type, roles=entity.roles, countries=entity.home_countries,
            status=entity.status, degree=m.degree[v], weighted_degree=m.weighted[v],
            degree_centrality=m.degree_centrality[v], betweenness=m.betweenness[v], closeness=m.closeness[v],
            eigenvector=m.eigenvector[v], clustering=m.clustering[v], community=own,
            articulation_point=v in m.articulation, bridged_communities=len(set(other)),
            cross_community_share=len(other) / m.degree[v] if m.degree[v] else 0.0,
            key_player_score=m.score[v], country_count=len(entity.home_countries),
            activity_count=activity_count[v], sex=entity.sex,
        ))
    return metrics


def _summary(
    graph: nx.Graph, found: list[set[str]], m: _Measures, settings: Settings, approximations: dict[str, Any]
) -> NetworkSummary:
    """Whole-network figures (the link and cross-border counts are filled in by the caller)."""
    n = graph.number_of_nodes()
    components = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    largest = components[0] if components else 0
    longest = None
    if largest > 1:
        lcc = graph.subgraph(max(nx.connected_components(graph), key=lambda c: (len(c), min(c))))
        if largest <= settings.exact_diameter_limit:
            longest = diameter(lcc)
        else:
            longest = diameter_lower_bound(lcc)
            approximations["diameter"] = {"method": "double_sweep_lower_bound"}
    return NetworkSummary(
        nodes=n, edges=graph.number_of_edges(), links=0, density=nx.density(graph) if n > 1 else 0.0,
        components=len(components), largest_component=largest, largest_component_share=largest / n if n else 0.0,
        average_clustering=sum(m.clustering.values()) / n if n else 0.0, diameter=longest,
        communities=len(found), modularity=modularity(graph, found), articulation_points=len(m.articulation),
        cross_border_links=0, cross_border_share=0.0, approximations=approximations,
    )


def _key_players(project: Project, m: _Measures, settings: Settings) -> KeyPlayers:
    """The best key-player scores overall and per role present."""
    order = ranked(m.score, m.score)
    entity_index = project.entity_index
    return KeyPlayers(
        overall=order[: settings.top],
        by_role={
            role: [v for v in order if role in entity_index[v].roles][: settings.top_per_role]
            for role in vocab.ROLES
            if any(role in e.roles for e in project.entities)
        },
    )


def _brokers(m: _Measures, by_id: dict[str, EntityMetrics], settings: Settings) -> list[str]:
    """Entities linked into other communities, by betweenness."""
    pool = [v for v in by_id if by_id[v].bridged_communities > 0 and m.betweenness[v] > 0]
    return ranked(m.betweenness, pool)[: settings.top]
