"""The annex tables and the lists that grow with the network, cut to what a page holds.

The entity and link annexes list every row, or the most central ones of a
large network; the community merges and splits of "what changed" are
listed largest first, a handful at most. The writer publishes the complete
lists as CSV files beside the reports (:meth:`reportgen.publish.writer.Writer.write_annexes`),
and the reports point to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..analysis.changes import CommunityChanges, Merge, Split
from ..analysis.results import Analysis, EntityMetrics
from ..data.load import Project

#: Rows of each annex table at most; larger projects list their most
#: central entities (and the links around them) and point to the CSV files.
#: 500 rows are some 15 pages a table: a 50,000-entity analysis report stays
#: a readable briefing, and WeasyPrint lays it out within 2 GB.
ANNEX_LIMIT = 500
#: Community merges and splits listed in a report at most (the largest); the rest are in ``changes.csv``.
COMMUNITY_CHANGES = 5
#: The annex file with every community merge and split (written by the writer, under ``data/``).
CHANGES_FILE = "changes.csv"


@dataclass
class LinkRow:
    """One link of the annex: its reference (as evidence cites it), grading (``B2``), evidence types and dates."""

    ref: str
    source: EntityMetrics
    target: EntityMetrics
    type: str
    weight: float
    grading: str
    evidence: tuple[str, ...]
    first_seen: date | None
    last_seen: date | None


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
    links touching the highest-scored entities. Links are listed by
    reference, as evidence cites them (then source, target and type).
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
    links.sort(key=lambda k: (k.ref, k.source, k.target, k.type))
    return Annexes(
        entities=rows,
        links=[LinkRow(k.ref, entity[k.source], entity[k.target], k.type, k.weight,
                       str(k.grading) if k.grading else "", k.evidence, k.first_seen, k.last_seen) for k in links],
        truncated=truncated,
    )


@dataclass
class CommunityChangeList:
    """The community merges and splits a report lists, and how many more ``changes.csv`` holds."""

    merged: list[Merge]
    split: list[Split]
    #: Merges and splits left out of the report (listed in :data:`CHANGES_FILE` only).
    more: int
    file: str = CHANGES_FILE


def community_changes(changes: CommunityChanges, limit: int = COMMUNITY_CHANGES) -> CommunityChangeList:
    """The ``limit`` largest merges and splits (most members moved), merges first, each kind largest first."""
    ranked = sorted([(m.members, 0, m.community) for m in changes.merged]
                    + [(s.members, 1, s.previous_community) for s in changes.split],
                    key=lambda t: (-t[0], t[1], t[2]))
    kept = {(kind, number) for _members, kind, number in ranked[:limit]}
    return CommunityChangeList(
        merged=[m for m in changes.merged if (0, m.community) in kept],
        split=[s for s in changes.split if (1, s.previous_community) in kept],
        more=max(0, len(ranked) - limit),
    )
