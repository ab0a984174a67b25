"""Tables fit the text block: no table crosses a page margin, no cell text spills out of its cell,
no header word is cut across lines.

The example's French, Spanish and Arabic PDFs are laid out in this process
with WeasyPrint's ``render`` wrapped, so that :func:`overflows` reads the
layout boxes each PDF is drawn from (the same way as test_page_breaks).
Small documents first show that the detector sees what it claims to.
"""

from __future__ import annotations

import pytest
import weasyprint
from conftest import EXAMPLE
from weasyprint.formatting_structure import boxes

from reportgen.publish.build import BuildOptions, build

#: Layout rounding tolerated, in CSS pixels.
TOLERANCE = 0.5


def _text(box: boxes.Box) -> str:
    return " ".join(b.text for b in box.descendants() if isinstance(b, boxes.TextBox)).strip()


def _spills(inner_left: float, inner_right: float, left: float, right: float) -> bool:
    return inner_left < left - TOLERANCE or inner_right > right + TOLERANCE


def overflows(document) -> list[str]:
    """Tables wider than their page's content box, and cell text wider than its cell, page by page."""
    found = []
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for box in page_box.descendants():
            if isinstance(box, boxes.TableBox):
                x, end = box.border_box_x(), box.border_box_x() + box.border_width()
                if _spills(x, end, left, right):
                    found.append(f"p.{number}: table “{_text(box)[:40]}” spans {x:.0f}–{end:.0f} px, "
                                 f"the text block {left:.0f}–{right:.0f} px")
            elif isinstance(box, boxes.TableCellBox):
                cell_left = box.border_box_x()
                cell_right = cell_left + box.border_width()
                for text in box.descendants():
                    if isinstance(text, boxes.TextBox) and _spills(
                            text.position_x, text.position_x + text.width, cell_left, cell_right):
                        found.append(f"p.{number}: “{text.text}” spills out of its cell")
    return found


def cut_header_words(document) -> list[str]:
    """Header cells (``th``) whose text is broken inside a word, hyphenated (« Sta-tut ») or not."""
    found = []
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TableCellBox) and box.element_tag == "th":
                words = set("".join(box.element.itertext()).split())
                pieces = [t.text for t in box.descendants() if isinstance(t, boxes.TextBox)]
                if any(piece not in words for text in pieces for piece in text.split()):
                    found.append(f"p.{number}: header “{' | '.join(pieces)}” cuts a word")
    return found


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


@pytest.fixture(scope="module")
def example_overflows(tmp_path_factory):
    """Overflows and cut header words in each fr, es and ar PDF of the example, by (language, report)."""
    found: dict[tuple[str, str], list[str]] = {}
    render = weasyprint.HTML.render

    def checked_render(self, *args, **kwargs):
        document = render(self, *args, **kwargs)
        root = self.etree_element
        report = next(c for c in root.find("body").get("class").split() if c.startswith("report-"))
        found[root.get("lang"), report.removeprefix("report-")] = overflows(document) + cut_header_words(document)
        return document

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasyprint.HTML, "render", checked_render)
        build(EXAMPLE, BuildOptions(languages=("fr", "es", "ar"), formats=("pdf",), workers=1,
                                    out=tmp_path_factory.mktemp("fit")))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("report", ["analysis", "strategy"])
@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_example_tables_fit_the_text_block(example_overflows, lang, report):
    assert example_overflows[lang, report] == []
