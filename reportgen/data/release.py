"""Classification and releasability: what an audience may see, decided before analysis.

A report is built for an *audience* (a member country, optional) holding a
*clearance* (a classification level). Whatever they may not see is removed
from the project before anything is computed, so that no measure, count,
community, chart or narrative can reveal it:

- an entity, link, activity or narrative paragraph goes when its
  classification (its own, else the project's) is above the clearance, or
  when it has a ``release_to`` list and the audience is not on it;
- a link goes when either of its entities went; an activity goes when any
  of its entities went (keeping it without them would still reveal them);
- without an audience, ``release_to`` lists are not applied (the report is
  for the organisation itself); without a clearance, the clearance is the
  project's own classification.

Only counts of what was removed are logged, never names or identifiers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from ..errors import UsageError
from . import vocab
from .fields import country_codes
from .load import Project
from .meta import NARRATIVE_SECTIONS
from .model import Activity, Entity, Link

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Audience:
    """Who a report is for: a country (or nobody in particular) and a clearance."""

    country: str | None = None
    clearance: str | None = None

    def __post_init__(self) -> None:
        if self.country is not None and self.country not in country_codes():
            raise UsageError(f"unknown audience country {self.country!r} (expected an ISO 3166-1 alpha-2 code)")
        if self.clearance is not None and self.clearance not in vocab.CLASSIFICATIONS:
            raise UsageError(
                f"unknown clearance {self.clearance!r} (choose from {', '.join(vocab.CLASSIFICATIONS)})"
            )

    @property
    def restricted(self) -> bool:
        """Whether the audience was named on the command line."""
        return self.country is not None or self.clearance is not None

    def slug(self) -> str:
        """A folder-name suffix for reports built for this audience."""
        parts = [self.country.lower()] if self.country else []
        if self.clearance:
            parts.append(self.clearance.replace("_", "-"))
        return "-".join(parts)


@dataclass(frozen=True)
class Removed:
    entities: int = 0
    links: int = 0
    activities: int = 0
    paragraphs: int = 0

    @property
    def total(self) -> int:
        return self.entities + self.links + self.activities + self.paragraphs


def restrict(project: Project, audience: Audience) -> tuple[Project, Removed]:
    """The part of ``project`` that ``audience`` may see, and how much was removed."""
    meta = project.meta
    clearance = vocab.classification_rank(audience.clearance or meta.classification)

    def visible(item: Entity | Link | Activity) -> bool:
        level = vocab.classification_rank(item.classification or meta.classification)
        if level > clearance:
            return False
        return not (audience.country and item.release_to and audience.country not in item.release_to)

    entities = tuple(e for e in project.entities if visible(e))
    kept = {e.id for e in entities}
    links = tuple(k for k in project.links if visible(k) and k.source in kept and k.target in kept)
    activities = tuple(a for a in project.activities if visible(a) and all(e in kept for e in a.entities))
    sections = {}
    dropped_paragraphs = 0
    for name in NARRATIVE_SECTIONS:
        paragraphs = getattr(meta.narratives, name)
        shown = tuple(p for p in paragraphs if visible(p))
        dropped_paragraphs += len(paragraphs) - len(shown)
        sections[name] = shown
    narratives = meta.narratives.model_copy(update=sections)
    removed = Removed(
        entities=len(project.entities) - len(entities),
        links=len(project.links) - len(links),
        activities=len(project.activities) - len(activities),
        paragraphs=dropped_paragraphs,
    )
    if removed.total:
        log.info(
            "withheld from this audience: %d entities, %d links, %d activities, %d narrative paragraphs",
            removed.entities, removed.links, removed.activities, removed.paragraphs,
        )
    restricted = replace(
        project,
        meta=meta.model_copy(update={"narratives": narratives}),
        entities=entities,
        links=links,
        activities=activities,
    )
    return restricted, removed
