"""The annex tables: every entity and every link, or the most central ones of a large network."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.results import Analysis, EntityMetrics
from ..data.load import Project

#: Rows of each annex table at most; larger projects list their most
#: central entities (and the links around them) and point to the CSV files.
ANNEX_LIMIT = 1_000


@dataclass
class LinkRow:
    """One link of the annex, with its grading as written (``B2``) and its evidence types."""

    source: EntityMetrics
    target: EntityMetrics
    type: str
    weight: float
    grading: str
    evidence: tuple[str, ...]


@dataclass
class Annexes:
    entities: list[EntityMetrics]
    links: list[LinkRow]
    #: Whether either table was cut to :data:`ANNEX_LIMIT` rows.
    truncated: bool
    limit: int = ANNEX_LIMIT


def annexes(project: Project, analysis: Analysis) -> Annexes:
    """The rows of the two annex tables, at most :data:`ANNEX_LIMIT` each.

    Above the limit, the entities with the highest key-player score, and the
    links touching the highest-scored entities; links are listed by source,
    target and type.
    """
    rows = analysis.entities
    links = list(project.links)
    truncated = len(rows) > ANNEX_LIMIT or len(links) > ANNEX_LIMIT
    if len(rows) > ANNEX_LIMIT:
        rows = sorted(rows, key=lambda e: (-e.key_player_score, e.id))[:ANNEX_LIMIT]
    entity = analysis.entity_index
    if len(links) > ANNEX_LIMIT:
        score = {v: e.key_player_score for v, e in entity.items()}
        links.sort(key=lambda k: (-max(score[k.source], score[k.target]), k.source, k.target, k.type))
        links = links[:ANNEX_LIMIT]
    links.sort(key=lambda k: (k.source, k.target, k.type))
    return Annexes(
        entities=rows,
        links=[LinkRow(entity[k.source], entity[k.target], k.type, k.weight, str(k.grading) if k.grading else "",
                       k.evidence) for k in links],
        truncated=truncated,
    )
