"""The assessment stage: one function from a project edition and its analysis to an :class:`Assessment`."""

from __future__ import annotations

import logging
from collections.abc import Collection

from ...data import vocab
from ...data.load import Project
from ...data.meta import Period
from ..results import Analysis
from . import activity, grading
from .context import OUT_OF_PLAY, Context
from .evidence import check_judgements, reference_ids
from .findings import finish
from .gaps import find_gaps
from .network import broker_findings, find_brokers, grading_sensitivity, leadership_core
from .results import Assessment, Method
from .targets import (
    TARGET_MAX,
    TARGET_MIN,
    TARGET_TYPES,
    InPlay,
    halved_at,
    out_of_play,
    removal_steps,
    targets,
    weak_points,
    weak_set,
)

log = logging.getLogger(__name__)


def assess(project: Project, analysis: Analysis, *, withheld: bool = False,
           all_ids: Collection[str] | None = None, period: Period | None = None) -> Assessment:
    """Findings, checked judgements, targets and gaps of ``project`` as analysed in ``analysis``.

    ``project`` is the edition: the project as this audience may see it
    (after :func:`reportgen.data.release.restrict`), every period included;
    ``analysis`` its analysis for the reporting ``period`` (by default the
    analysis' own). ``withheld`` says the edition leaves material out.
    ``all_ids`` (:func:`reference_ids` of the unrestricted project) tells
    ids withheld from the edition from unknown ones; without it, a missing
    evidence id counts as withheld when ``withheld`` is set. Only whether
    something was withheld reaches the result, never what or how much.
    """
    ctx = Context(project, analysis, period or _period(analysis), analysis.settings)
    brokers = find_brokers(ctx)
    network = InPlay(ctx)
    sequence = network.sequence(max(TARGET_MAX, ctx.settings.max_removals))
    removed, removed_drafts = out_of_play(ctx, network)
    sensitivity, weakly_sourced = grading_sensitivity(ctx)
    volume = activity.reporting_volume(ctx)
    drafts = [
        *broker_findings(ctx, brokers), *leadership_core(ctx), *weak_points(ctx, network),
        *weak_set(ctx, network, sequence), *removed_drafts, *activity.activity_findings(ctx, volume),
        *activity.corridors(ctx), *activity.player_findings(ctx), *weakly_sourced,
    ]
    findings, bottom_line = finish(drafts, ctx.system)
    judgements, warnings = check_judgements(project, ctx.index, withheld=withheld, all_ids=all_ids)
    hidden = withheld or any(j.withheld for j in judgements)
    if all_ids is not None and not hidden:
        hidden = bool(set(all_ids) - reference_ids(project))
    log.info("assessment: %d findings, %d judgements, %d warnings", len(findings), len(judgements), len(warnings))
    packages = targets(ctx, network, sequence, brokers)
    steps = removal_steps(ctx, network, sequence)
    return Assessment(
        withheld=hidden, bottom_line=bottom_line, findings=findings, judgements=tuple(judgements),
        brokers=tuple(brokers), targets=tuple(packages),
        sequence=steps, halved_at=halved_at(steps), out_of_play=removed,
        gaps=tuple(find_gaps(ctx, packages)), grading_sensitivity=sensitivity, reporting=volume,
        isolated=tuple(ctx.graph.isolated()),
        warnings=tuple(warnings), method=_method(project),
    )


def _period(analysis: Analysis) -> Period:
    """The reporting period the analysis covers."""
    period = analysis.project.period
    return Period(start=period.start, end=period.end)


def _method(project: Project) -> Method:
    """The parameters of the rules, for the methodology section."""
    return Method(
        yardstick=vocab.PROBABILITY_YARDSTICK, grading_system=project.meta.grading,
        trend_min_base=activity.TREND_MIN_BASE, collection_factor=activity.COLLECTION_FACTOR,
        well_graded=grading.WELL_GRADED, high_min_good_sources=grading.HIGH_MIN_GOOD_SOURCES,
        doubtful_cap_share=float(grading.DOUBTFUL_CAP_SHARE), target_types=TARGET_TYPES,
        target_min=TARGET_MIN, target_max=TARGET_MAX, out_of_play_statuses=OUT_OF_PLAY,
    )
