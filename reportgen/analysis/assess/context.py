"""What every part of the assessment shares: the edition, the period's scope, the analysis.

Built once by :func:`reportgen.analysis.assess.assess`. ``edition`` is the
project as the audience may see it (every period: judgements cite any of
it); ``scope`` is its part the reporting period covers, as selected for the
analysis (:func:`reportgen.data.periods.select`: entities and links seen in
the period, the period's activities and the previous period's).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ...data import vocab
from ...data.load import Project
from ...data.meta import Period
from ...data.model import Activity, Link
from ...data.periods import previous_period, select
from ..arrays import GraphArrays
from ..graph import RANK_DIGITS
from ..results import Analysis, EntityMetrics, Settings
from .evidence import EvidenceIndex

#: Statuses of entities no longer in play: never proposed as targets, and
#: taken out of the network before the disruption of what is left is simulated.
OUT_OF_PLAY = ("arrested", "convicted", "deceased", "dissolved")


def pair(u: str, v: str) -> tuple[str, str]:
    """Two ids in sorted order: the key of an undirected pair."""
    return (u, v) if u <= v else (v, u)


@dataclass
class Context:
    """The inputs of an assessment, indexed for its parts."""

    edition: Project
    analysis: Analysis
    period: Period
    settings: Settings
    scope: Project = field(init=False)
    index: EvidenceIndex = field(init=False)

    def __post_init__(self) -> None:
        self.scope = select(self.edition, self.period)
        self.index = EvidenceIndex.of(self.edition)

    @property
    def system(self) -> vocab.GradingSystem:
        """The project's grading system."""
        return self.edition.grading_system

    @property
    def graph(self) -> GraphArrays:
        """The period's network, as analysed."""
        return self.analysis.arrays

    @cached_property
    def metrics(self) -> dict[str, EntityMetrics]:
        """The analysis' measures of each entity, by id."""
        return {m.id: m for m in self.analysis.entities}

    @cached_property
    def ranking(self) -> list[str]:
        """Every entity of the period's network by key-player score, highest first."""
        return [m.id for m in sorted(self.analysis.entities,
                                     key=lambda m: (-round(m.key_player_score, RANK_DIGITS), m.id))]

    @cached_property
    def out_of_play(self) -> set[str]:
        """Ids of the network's entities whose status puts them out of play."""
        return {m.id for m in self.analysis.entities if m.status in OUT_OF_PLAY}

    @cached_property
    def pair_links(self) -> dict[tuple[str, str], list[Link]]:
        """The period's links by the sorted pair of entities they join."""
        pairs: dict[tuple[str, str], list[Link]] = defaultdict(list)
        for link in self.scope.links:
            pairs[pair(link.source, link.target)].append(link)
        return dict(pairs)

    @cached_property
    def _entity_links(self) -> dict[str, list[Link]]:
        """The period's links by each entity they touch."""
        touching: dict[str, list[Link]] = defaultdict(list)
        for link in self.scope.links:
            touching[link.source].append(link)
            touching[link.target].append(link)
        return dict(touching)

    def links_of(self, entity: str) -> list[Link]:
        """The period's links touching ``entity``, in file order."""
        return self._entity_links.get(entity, [])

    def links_between(self, u: str, v: str) -> list[Link]:
        """The period's links joining ``u`` and ``v``."""
        return self.pair_links.get(pair(u, v), [])

    @cached_property
    def previous(self) -> tuple[date, date]:
        """First and last day of the previous period of the same length."""
        return previous_period(self.period.start, self.period.end)

    @cached_property
    def activities(self) -> list[Activity]:
        """The activities of the reporting period."""
        return [a for a in self.scope.activities if self.period.start <= a.date <= self.period.end]

    @cached_property
    def previous_activities(self) -> list[Activity]:
        """The activities of the previous period."""
        start, end = self.previous
        return [a for a in self.scope.activities if start <= a.date <= end]
