"""plotly figures of the reports, localised per language.

Layouts (node positions) and the choice of what each chart shows do not
depend on the language: :func:`~.network.layouts` and
:class:`~reportgen.report.model.ChartChoices` are computed once per build,
and :func:`build_figures` dresses them in each language's words and number
formats. Every figure has a caption and alternative text; the HTML shows it
interactive, the PDF as a vector image (see :mod:`reportgen.report.svg`).

Large networks: the network diagram shows every entity up to
:data:`~.base.NETWORK_DIAGRAM_LIMIT` entities; above, only the *core* — the
:data:`~.base.CORE_SIZE` entities with the highest key-player score and the
links among them — and says so in its caption. The community diagram always
shows the whole network, one node per community.
"""

from __future__ import annotations

from typing import Any

from ...analysis.results import Analysis
from ...i18n.formatting import Formatter
from ..model import ChartChoices
from .base import Figure, plotly_locale
from .charts import (
    activity_country_figure,
    activity_month_figure,
    activity_type_figure,
    changes_figure,
    disruption_figure,
    evidence_figure,
    grading_figure,
    role_figure,
    strategy_label,
)
from .map import map_figure
from .network import community_figure, ego_figure, layouts, network_figure

__all__ = ["Figure", "build_figures", "layouts", "plotly_locale", "strategy_label"]


def build_figures(fmt: Formatter, analysis: Analysis, layout: dict[str, Any], choices: ChartChoices) -> dict[str, Figure]:
    """Every figure of both reports in one language, by id."""
    figures = [
        network_figure(fmt, analysis, layout),
        community_figure(fmt, analysis, layout),
        disruption_figure(fmt, analysis, choices.disruption_curves),
        activity_type_figure(fmt, analysis),
        activity_country_figure(fmt, choices.countries),
        activity_month_figure(fmt, analysis),
        grading_figure(fmt, analysis),
        evidence_figure(fmt, analysis),
        role_figure(fmt, analysis),
        map_figure(fmt, choices.map_countries, choices.map_flows, choices.border_pairs),
    ]
    if analysis.changes:
        figures.append(changes_figure(fmt, analysis.changes))
    for index, entity_id in enumerate(layout["egos"], start=1):
        figures.append(ego_figure(fmt, analysis, layout, entity_id, index))
    return {f.id: f for f in figures}
