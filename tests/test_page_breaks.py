"""PDF page breaks: no heading alone at the foot of a page, no table stub, tiles in even rows.

:func:`pagebreaks.defects` reads the very layout each PDF of the example is
drawn from, while the session's one build of the example (``example_reports``
in conftest) lays them out. Small documents first show that the detector sees
each defect it claims to.
"""

from __future__ import annotations

import pytest
import weasyprint
from pagebreaks import defects

#: A 10 × 10 cm page with 8 cm of text height, 6 mm lines, no margins to reason about.
PAGE = """<style>
@page { size: 100mm 100mm; margin: 10mm; }
@page wide { size: 100mm 60mm; }
body { margin: 0; font: 10pt/6mm sans-serif; }
h2, h3, p, table, figure { margin: 0; }
h2 { font-size: 10pt; }
td { padding: 0; line-height: 5mm; }
.filler { height: %s; }
.tiles { font-size: 0; } .tile { display: inline-block; width: 30%%; font-size: 10pt; }
.wide { page: wide; }
</style>"""


def layout(html: str, filler: str = "0mm"):
    return weasyprint.HTML(string=(PAGE % filler) + html).render()


def rows(count: int) -> str:
    return "".join(f"<tr><td>row {n}</td></tr>" for n in range(1, count + 1))


def test_detector_sees_a_heading_alone_at_the_foot():
    html = "<div class=filler></div><h2>Brokers</h2><p>One line.</p><p>" + "More text. " * 60 + "</p>"
    found = defects(layout(html.replace("<p>More", "<figure style='height: 30mm'></figure><p>More"), "62mm"))
    assert found == ["p.1: heading “Brokers” stranded at the foot of the page (1 line(s) under it)"]
    assert defects(layout("<h2>Brokers</h2><p>One line.</p>" + "<p>Text.</p>" * 30)) == []  # top of a page
    assert defects(layout("<div class=filler></div><h2>Last</h2><p>One line.</p><h2>Next</h2><p>x</p>", "62mm")) == []


def test_detector_sees_a_table_stub_and_a_continuation_without_header():
    table = f"<table><thead><tr><th>Head</th></tr></thead><tbody>{rows(10)}</tbody></table>"
    found = defects(layout("<div class=filler></div>" + table, "64mm"))
    assert found == ["p.1: table split into a stub of 1 row(s) (rows per page: {1: 1, 2: 9})"]
    assert defects(layout("<div class=filler></div>" + table, "40mm")) == []


def test_detector_sees_tiles_three_and_one_and_a_section_on_the_wrong_page():
    tiles = "<div class=tiles>" + "<div class=tile>1</div>" * 4 + "</div>"
    assert defects(layout(tiles)) == ["p.1: tiles wrap in rows of 3 + 1"]
    sections = ("<section id=annex-links class=wide><table><tbody>" + rows(12) + "</tbody></table></section>"
                "<section id=methodology><h2>Sources</h2><p>x</p></section>")
    assert "p.2: section “methodology” begins on a landscape page" in defects(layout(sections))


def test_detector_sees_a_page_left_mostly_empty():
    html = "<p>Short.</p><figure style='height: 76mm'><figcaption>Chart</figcaption></figure>"
    found = defects(layout(html))
    assert len(found) == 1 and found[0].startswith("p.1: page 9") and found[0].endswith("empty before “Chart”")
    assert defects(layout("<p>Short.</p><figure style='height: 70mm'><figcaption>Chart</figcaption></figure>")) == []


@pytest.mark.slow
@pytest.mark.parametrize("report", ["analysis", "strategy"])
@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_example_pdf_breaks_cleanly(example_reports, lang, report):
    assert example_reports.layout[lang, report]["breaks"] == []
