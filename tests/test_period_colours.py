"""Comparison charts: this period and the previous one keep one colour each across every chart.

Read from the figures' JSON as a build draws them (the example's edition, in English and Arabic):
a reader who learnt "this period is blue" on the crime-type chart reads the country, month and
changes charts the same way.
"""

from __future__ import annotations

import pytest
from test_linkchart_reading import _edition, _layout

from reportgen.i18n.formatting import Formatter
from reportgen.report.figures import build_figures
from reportgen.report.model import chart_choices

#: The comparison charts: every trace named for a period ends its ``uid`` in ``-before`` or ``-now``.
COMPARISONS = ("activity-types", "activity-countries", "activity-months", "changes")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_period_has_one_colour_in_every_comparison_chart(lang):
    edition = _edition()
    figures = build_figures(Formatter(lang), edition.analysis, _layout(),
                            chart_choices(edition.analysis, edition.assessment))
    colours: dict[str, set[str]] = {"before": set(), "now": set()}
    seen = {when: set() for when in colours}
    for fid in COMPARISONS:
        for trace in figures[fid].figure.to_plotly_json()["data"]:
            when = trace.get("uid", "").rsplit("-", 1)[-1]
            if when in colours:
                colours[when].add(trace["marker"]["color"])
                seen[when].add(fid)
    assert seen == {"before": set(COMPARISONS), "now": set(COMPARISONS)}
    assert len(colours["before"]) == 1 and len(colours["now"]) == 1, colours
    assert colours["before"] != colours["now"]
