"""plotly figures of the reports, localised per language.

Layouts (node positions) and the choice of what each chart shows do not
depend on the language: :func:`~.network.layouts` and
:class:`~reportgen.report.model.ChartChoices` are computed once per build,
and :func:`build_figures` dresses them in each language's words and number
formats. Every figure has a caption and alternative text; the HTML shows it
interactive, the PDF as a vector image (see :mod:`reportgen.report.svg`).

Large networks: the network diagram is the link chart of every entity up to
:data:`~reportgen.report.model.LINK_CHART_LIMIT` entities; above, it is the
cell view (one disc per community, :func:`~.network.community_figure`),
followed by a link chart of each leading community (``cell-<id>``), and the
communities section shows no second copy of the cell view.
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
from .layout import layouts
from .map import map_figure
from .network import cell_chart_figure, community_figure, ego_figure, network_figure

__all__ = ["Figure", "build_figures", "layouts", "plotly_locale", "strategy_label"]


def build_figures(fmt: Formatter, analysis: Analysis, layout: dict[str, Any],
                  choices: ChartChoices) -> dict[str, Figure]:
    """Every figure of both reports in one language, by id."""
    figures = _network_figures(fmt, analysis, layout)
    figures += [
        disruption_figure(fmt, analysis, choices.disruption_curves, len(choices.disruption_rows)),
        activity_type_figure(fmt, analysis),
        activity_country_figure(fmt, choices.countries),
        activity_month_figure(fmt, analysis),
        grading_figure(fmt, analysis),
        evidence_figure(fmt, analysis),
        role_figure(fmt, analysis),
        map_figure(fmt, choices.map_countries, choices.map_flows, choices.border_pairs, choices.map_corridors,
                   choices.corridor_pairs),
    ]
    if analysis.changes:
        figures.append(changes_figure(fmt, analysis.changes))
    for index, ego in enumerate(layout["egos"].values(), start=1):
        figures.append(ego_figure(fmt, analysis, ego, index))
    return {f.id: f for f in figures}


def _network_figures(fmt: Formatter, analysis: Analysis, layout: dict[str, Any]) -> list[Figure]:
    """The link chart and the cell view, or (large networks) the cell view and the leading communities' charts."""
    if layout["network"] is not None:
        return [network_figure(fmt, analysis, layout["network"]),
                community_figure(fmt, analysis, layout["communities"], "communities")]
    communities = {c.id: c for c in analysis.communities}
    return [community_figure(fmt, analysis, layout["communities"], "network")] + [
        cell_chart_figure(fmt, analysis, communities[community], chart)
        for community, chart in layout["cells"].items()
    ]
