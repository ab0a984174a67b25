"""One edition, computed once: what an audience may see, analysed and assessed for a period.

The analysis and assessment stages end here; everything a build renders in
every language, and everything ``analyze --json`` prints, comes from one
:class:`Edition`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.load import Project, gc_paused
from ..data.meta import Period
from ..data.periods import select
from ..data.release import Audience, Removed, restrict
from .assess import Assessment, assess, reference_ids
from .period import analyse_period
from .results import Analysis, Settings


@dataclass
class Edition:
    """A project as one audience sees it for one period, with its analysis and assessment."""

    #: The records the reports cover: restricted to the audience, selected for the period.
    project: Project
    analysis: Analysis
    assessment: Assessment
    #: What the audience may not see (counts only, for the log).
    withheld: Removed
    #: Whom the edition is for: the audience's country (``None``: the organisation itself) and its
    #: clearance (the project's classification when none was given), for the reports' releasability note.
    audience: Audience = field(default_factory=Audience)


def prepare_edition(full: Project, audience: Audience, period: Period | None = None,
                    settings: Settings | None = None) -> Edition:
    """Restrict ``full`` to ``audience``, analyse it for ``period`` (default: the project's) and assess it."""
    with gc_paused():
        project, withheld = restrict(full, audience)
        chosen = period or project.meta.period
        analysis = analyse_period(project, chosen, settings)
        assessment = assess(project, analysis, withheld=bool(withheld.total), all_ids=reference_ids(full),
                            period=chosen)
        cleared = Audience(audience.country, audience.clearance or full.meta.classification)
        return Edition(select(project, chosen), analysis, assessment, withheld, cleared)
