"""Evidence: resolving cited ids to records, and the analysts' key judgements checked against it.

An evidence id names an entity, an activity or a link (by its ``id``, or
``SOURCE>TARGET`` for a link without one; such a reference cites every
id-less link between those two entities in that order). The records behind
a citation are its links and activities; **an entity cited without any
cited link or activity involving it stands for the links touching it** (in
the edition: what is known about it).

A judgement is **withheld** when any of its evidence ids is not in the
edition (it exists in the full project, which ``load_project`` guarantees,
but this audience may not see it): showing it would state what the
edition cannot support, or hint at what was removed. A withheld judgement
keeps only its index, likelihood and stated confidence.

**Open gaps.** A judgement and an analysts' intelligence gap of the edition
**share a subject** when the judgement's subjects (the entities it cites,
the two ends of the links it cites, the countries of the activities it
cites and the ``countries`` it names) meet the gap's (its ``countries`` and
``entities``). The judgement then carries the gap's index and the shared
subjects, the reports cross-reference the two, and the build log warns
(``open_gap``): what the judgement states is not known in full.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from ...data import vocab
from ...data.load import Project
from ...data.meta import Judgement
from ...data.model import Activity, Entity, Link
from . import grading
from .results import AssessedJudgement, AssessmentWarning


def reference_ids(project: Project) -> frozenset[str]:
    """Every id evidence may cite in ``project``: entities, link references, activities.

    Pass the unrestricted project's set as ``all_ids`` to
    :func:`reportgen.analysis.assess.assess`, so that ids missing from an
    edition are known to be withheld rather than unknown.
    """
    return frozenset(
        [e.id for e in project.entities] + [k.ref for k in project.links] + [a.id for a in project.activities]
    )


@dataclass
class EvidenceIndex:
    """The records of one edition by the ids evidence cites."""

    entities: dict[str, Entity]
    links: dict[str, list[Link]]
    activities: dict[str, Activity]
    links_of: dict[str, list[Link]] = field(default_factory=dict)

    @classmethod
    def of(cls, project: Project) -> EvidenceIndex:
        """Index the entities, links and activities of ``project``."""
        links: dict[str, list[Link]] = defaultdict(list)
        links_of: dict[str, list[Link]] = defaultdict(list)
        for link in project.links:
            links[link.ref].append(link)
            links_of[link.source].append(link)
            links_of[link.target].append(link)
        return cls(
            entities=project.entity_index,
            links=dict(links),
            activities={a.id: a for a in project.activities},
            links_of=dict(links_of),
        )

    def __contains__(self, ref: str) -> bool:
        return ref in self.entities or ref in self.links or ref in self.activities

    def records(self, refs: Iterable[str]) -> list[Link | Activity]:
        """The links and activities behind ``refs`` (entities expanded as the module says)."""
        refs = list(refs)
        cited_links = [link for ref in refs for link in self.links.get(ref, ())]
        cited_activities = [self.activities[ref] for ref in refs if ref in self.activities]
        covered = {e for link in cited_links for e in (link.source, link.target)}
        covered.update(e for activity in cited_activities for e in activity.entities)
        expanded = [
            link for ref in refs if ref in self.entities and ref not in covered for link in self.links_of.get(ref, ())
        ]
        return [*cited_links, *expanded, *cited_activities]


def check_judgements(
    project: Project, index: EvidenceIndex, *, withheld: bool, all_ids: Collection[str] | None,
) -> tuple[list[AssessedJudgement], list[AssessmentWarning]]:
    """Each key judgement of the edition with its evidence profile and warnings."""
    judgements, warnings = [], []
    for position, judgement in enumerate(project.meta.narratives.key_judgements):
        missing = [ref for ref in judgement.evidence if ref not in index]
        hidden = [ref for ref in missing if (ref in all_ids if all_ids is not None else withheld)]
        unknown = len(missing) - len(hidden)
        if hidden:
            judgements.append(AssessedJudgement(
                index=position, outlook=judgement.outlook, likelihood=judgement.likelihood,
                confidence=judgement.confidence or vocab.CONFIDENCE_LEVELS[0],
                stated_confidence=judgement.confidence, supported_confidence=None,
                evidence=(), profile=None, withheld=True, warnings=(),
            ))
            continue
        cited = [ref for ref in judgement.evidence if ref in index]
        profile = grading.profile(index.records(cited), project.grading_system)
        gaps, countries, entities = open_gaps(project, index, judgement, cited)
        found = _judgement_warnings(position, judgement.likelihood, judgement.confidence, cited, unknown,
                                    profile.supported)
        if gaps:
            found.append(AssessmentWarning("open_gap", position, {"gaps": list(gaps), "countries": list(countries),
                                                                  "entities": list(entities)}))
        warnings.extend(found)
        judgements.append(AssessedJudgement(
            index=position, outlook=judgement.outlook, likelihood=judgement.likelihood,
            confidence=judgement.confidence or profile.supported,
            stated_confidence=judgement.confidence, supported_confidence=profile.supported,
            evidence=tuple(cited), profile=profile, withheld=False,
            warnings=tuple(w.code for w in found), gaps=gaps, gap_countries=countries, gap_entities=entities,
        ))
    return judgements, warnings


def open_gaps(project: Project, index: EvidenceIndex, judgement: Judgement, cited: list[str]
              ) -> tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...]]:
    """The analysts' gaps sharing a subject with ``judgement`` (module docstring), and the shared subjects.

    Returns the gaps' indices in the edition's ``intelligence_gaps``, then
    the shared country codes and the shared entity ids, each sorted.
    """
    countries = set(judgement.countries)
    countries.update(c for ref in cited if ref in index.activities for c in index.activities[ref].countries)
    entities = {ref for ref in cited if ref in index.entities}
    entities.update(end for ref in cited for link in index.links.get(ref, ()) for end in (link.source, link.target))
    gaps, shared_countries, shared_entities = [], set(), set()
    for number, gap in enumerate(project.meta.narratives.intelligence_gaps):
        common_countries = countries & set(gap.countries)
        common_entities = entities & {e for e in gap.entities if e in index.entities}
        if common_countries or common_entities:
            gaps.append(number)
            shared_countries |= common_countries
            shared_entities |= common_entities
    return tuple(gaps), tuple(sorted(shared_countries)), tuple(sorted(shared_entities))


def _judgement_warnings(position: int, likelihood: str | None, stated: str | None, cited: list[str],
                        unknown: int, supported: str) -> list[AssessmentWarning]:
    """The warnings of one releasable judgement (see :class:`.results.AssessmentWarning`)."""
    found = []
    if likelihood is None:
        found.append(AssessmentWarning("missing_likelihood", position, {}))
    if stated is None:
        found.append(AssessmentWarning("missing_confidence", position, {}))
    elif vocab.confidence_rank(stated) > vocab.confidence_rank(supported):
        found.append(AssessmentWarning("confidence_above_support", position,
                                       {"stated": stated, "supported": supported}))
    if not cited:
        found.append(AssessmentWarning("no_evidence", position, {}))
    if unknown:
        found.append(AssessmentWarning("unknown_evidence", position, {"count": unknown}))
    return found
