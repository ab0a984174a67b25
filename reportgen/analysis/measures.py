"""The measures an export carries for each entity, from an analysis."""

from __future__ import annotations

from ..data.formats.export import NodeMeasures
from .graph import ranked
from .results import Analysis


def node_measures(analysis: Analysis) -> dict[str, NodeMeasures]:
    """Degree, betweenness, community and key-player rank and score of every entity analysed."""
    scores = {e.id: e.key_player_score for e in analysis.entities}
    rank = {entity_id: position for position, entity_id in enumerate(ranked(scores, scores), start=1)}
    return {
        e.id: NodeMeasures(degree=e.degree, betweenness=e.betweenness, community=e.community,
                           key_player_rank=rank[e.id], key_player_score=e.key_player_score)
        for e in analysis.entities
    }
