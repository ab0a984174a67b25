"""Activities, gradings, composition and the project's facts.

Counts and values of activities by crime type, country and month against
the previous period, and by pair of countries (activity corridors); reliability × credibility counts; the markings of
what the project holds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ..data import vocab
from ..data.load import Project
from ..data.meta import NARRATIVE_SECTIONS
from ..data.model import Activity, Entity, Link
from ..data.periods import previous_period
from .graph import in_period, most_common
from .results import (
    ActivityPair,
    ActivitySummary,
    Composition,
    Count,
    CountChange,
    GradingMatrix,
    Gradings,
    PeriodFacts,
    PreviousActivities,
    ProjectFacts,
)


def summarise_activities(project: Project) -> ActivitySummary:
    """Counts and estimated values of activities by type, country and month.

    Counts cover the reporting period; ``previous`` gives the same counts for
    the previous period of the same length, and each ``by_type`` and
    ``by_country`` row carries its previous count and value (keys seen only
    before are listed with a count of 0). An activity in several countries
    counts once in each of them.
    """
    period = project.meta.period
    before = previous_period(period.start, period.end)
    current = [a for a in project.activities if period.start <= a.date <= period.end]
    previous = [a for a in project.activities if before[0] <= a.date <= before[1]]
    now = _tables(current, months(period.start, period.end))
    then = _tables(previous, months(*before))
    return ActivitySummary(
        count=len(current),
        value_eur=sum(a.value_eur or 0.0 for a in current),
        valued=sum(1 for a in current if a.value_eur is not None),
        first=min((a.date for a in current), default=None),
        last=max((a.date for a in current), default=None),
        countries=len(now["by_country"]),
        by_type=_with_previous(now["by_type"], then["by_type"]),
        by_country=_with_previous(now["by_country"], then["by_country"]),
        by_month=now["by_month"],
        previous=PreviousActivities(
            start=before[0], end=before[1], count=len(previous), value_eur=sum(a.value_eur or 0.0 for a in previous),
            countries=len(then["by_country"]), by_month=then["by_month"],
        ),
        outside_periods=len(project.activities) - len(current) - len(previous),
        by_pair=[ActivityPair(list(key), len(rows), sum(a.value_eur or 0.0 for a in rows))
                 for key, rows in sorted(activity_pairs(current).items(), key=lambda kv: (-len(kv[1]), kv[0]))],
    )


def activity_pairs(activities: Sequence[Activity]) -> dict[tuple[str, str], list[Activity]]:
    """Activity corridors: the activities recorded in both countries of each pair, by pair (codes sorted).

    An activity recorded in several countries counts once for every pair of
    them. The one definition, for the analysis' table, the map and the
    assessment's ``corridor`` findings.
    """
    pairs: dict[tuple[str, str], list[Activity]] = defaultdict(list)
    for activity in activities:
        codes = sorted(set(activity.countries))
        for i, a in enumerate(codes):
            for b in codes[i + 1:]:
                pairs[(a, b)].append(activity)
    return dict(pairs)


def months(start: date, end: date) -> list[str]:
    """Every ``YYYY-MM`` from ``start`` to ``end``."""
    keys, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def _tables(activities: Sequence[Activity], month_keys: list[str]) -> dict[str, list[Count]]:
    """Counts and values by type, country and month (every month listed, empty ones at 0)."""
    by_type: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    by_country: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    by_month: dict[str, list[float]] = {key: [0, 0.0] for key in month_keys}
    for a in activities:
        value = a.value_eur or 0.0
        month = by_month.setdefault(a.date.strftime("%Y-%m"), [0, 0.0])
        for bucket in (by_type[a.type], month, *(by_country[c] for c in a.countries)):
            bucket[0] += 1
            bucket[1] += value

    def table(data: dict[str, list[float]], order: Callable[[tuple[str, list[float]]], Any]) -> list[Count]:
        return [Count(key, int(count), value) for key, (count, value) in sorted(data.items(), key=order)]

    def by_size(kv: tuple[str, list[float]]) -> tuple[float, float, str]:
        return (-kv[1][0], -kv[1][1], kv[0])

    return {
        "by_type": table(by_type, by_size),
        "by_country": table(by_country, by_size),
        "by_month": table(by_month, lambda kv: kv[0]),
    }


def _with_previous(now: list[Count], then: list[Count]) -> list[CountChange]:
    """``now``'s rows with the previous period's figures; keys seen only before follow at 0."""
    earlier = {row.key: row for row in then}
    rows = []
    for row in now:
        old = earlier.get(row.key)
        rows.append(CountChange(row.key, row.count, row.value_eur,
                                old.count if old else 0, old.value_eur if old else 0.0))
    present = {row.key for row in now}
    rows += [CountChange(key, 0, 0.0, old.count, old.value_eur) for key, old in earlier.items() if key not in present]
    return rows


def gradings(project: Project) -> Gradings:
    """Reliability × credibility counts of the links and of the period's activities, and evidence types.

    The same records the intelligence gaps count (the period's links and
    activities): the previous period's activities, which the project holds
    for the trends, are not the period's intelligence.
    """
    system = project.grading_system

    def matrix(items: Sequence[Link] | Sequence[Activity]) -> GradingMatrix:
        counts = Counter((g.reliability, g.credibility) for g in (i.grading for i in items) if g)
        return GradingMatrix(
            matrix=[[counts[(r, c)] for c in system.credibility] for r in system.reliability],
            graded=sum(counts.values()),
            ungraded=sum(1 for i in items if i.grading is None),
        )

    return Gradings(
        system=system.id,
        reliability=list(system.reliability),
        credibility=list(system.credibility),
        links=matrix(project.links),
        activities=matrix(in_period(project)),
        evidence=most_common(Counter(e for link in project.links for e in link.evidence)),
    )


def composition(project: Project) -> Composition:
    """Counts of entity types, roles, statuses, link types and countries."""
    return Composition(
        entity_types=most_common(Counter(e.type for e in project.entities)),
        roles=most_common(Counter(r for e in project.entities for r in e.roles)),
        statuses=most_common(Counter(e.status for e in project.entities)),
        link_types=most_common(Counter(link.type for link in project.links)),
        countries=most_common(Counter(c for e in project.entities for c in e.home_countries)),
    )


def highest_classification(project: Project) -> str:
    """The highest classification of the project's records (items without one: the project's).

    A project with nothing left in it (everything withheld) is ``public``.
    Narrative paragraphs are counted per section by :func:`narrative_classifications`,
    since each report shows only some sections.
    """
    meta = project.meta
    levels = [vocab.CLASSIFICATIONS[0]]
    records: tuple[Entity | Link | Activity, ...] = (*project.entities, *project.links, *project.activities)
    levels += [item.classification or meta.classification for item in records]
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
        for section in NARRATIVE_SECTIONS
    }


def project_facts(project: Project) -> ProjectFacts:
    """Code name, period, markings, grading system and sizes of the analysed project."""
    meta = project.meta
    return ProjectFacts(
        code_name=meta.code_name,
        highest_classification=highest_classification(project),
        narrative_classification=narrative_classifications(project),
        period=PeriodFacts(meta.period.start, meta.period.end),
        classification=meta.classification,
        grading=meta.grading,
        entities=len(project.entities),
        links=len(project.links),
        activities=len(project.activities),
    )
