"""One period's analysis together with what changed since the previous period."""

from __future__ import annotations

from dataclasses import replace as copy

from ..data.load import Project
from ..data.meta import Period
from ..data.periods import previous_period, select
from .analyse import analyse
from .changes import compare
from .results import Analysis, Settings


def analyse_period(project: Project, period: Period, settings: Settings | None = None) -> Analysis:
    """Analyse ``project`` for ``period`` and compare it with the previous period.

    The previous period's analysis only serves the comparison, so its
    disruption scenarios, closeness and diameter are skipped.
    """
    settings = settings or Settings()
    current = analyse(select(project, period), settings)
    start, end = previous_period(period.start, period.end)
    earlier = analyse(select(project, Period(start=start, end=end)), copy(settings, max_removals=0, random_runs=0),
                      comparison=True)
    current.changes = compare(current, earlier)
    return current
