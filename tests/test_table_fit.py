"""Tables fit the text block: no table crosses a page margin, no cell text spills out of its cell,
no header word is cut across lines.

The example's French, Spanish and Arabic PDFs are checked by :func:`tablefit.misfits` on the
layout boxes each PDF is drawn from, while the session's one build of the example
(``example_reports`` in conftest) lays them out. Small documents first show that the
detector sees what it claims to.
"""

from __future__ import annotations

import pytest
import weasyprint
from tablefit import cut_header_words, overflows

PAGE = "<style>@page { size: 100mm 100mm; margin: 10mm; } body { margin: 0; font: 10pt sans-serif; }</style>"


def layout(html: str):
    return weasyprint.HTML(string=PAGE + html).render()


def test_detector_sees_a_table_over_the_margin_and_text_out_of_its_cell():
    wide = "<table style='width: 120mm'><tr><td>wide</td></tr></table>"
    assert overflows(layout(wide)) == ["p.1: table “wide” spans 38–491 px, the text block 38–340 px"]
    clipped = ("<table style='table-layout: fixed; width: 40mm'><tr>"
               "<th style='width: 10mm; overflow: hidden'>Articulation</th><td>x</td></tr></table>")
    assert overflows(layout(clipped)) == ["p.1: “Articulation” spills out of its cell"]
    fitting = "<table style='width: 100%'><tr><th>Point d'articulation</th><td>x</td></tr></table>"
    assert overflows(layout(fitting)) == []


def test_detector_sees_a_header_word_cut_across_lines():
    cut = ("<table lang='fr' style='width: 30mm'><tr><th style='hyphens: auto'>Communauté Communauté</th>"
           "<td>xxxxxxxxxxxxxxxxxxxx</td></tr></table>")
    assert cut_header_words(layout(cut)) and cut_header_words(layout(cut))[0].startswith("p.1: header “Com")
    whole = "<table style='width: 80mm'><tr><th>Point d'articulation</th><td>x</td></tr></table>"
    assert cut_header_words(layout(whole)) == []


@pytest.mark.slow
@pytest.mark.parametrize("report", ["analysis", "strategy"])
@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_example_tables_fit_the_text_block(example_reports, lang, report):
    assert example_reports.layout[lang, report]["fit"] == []
