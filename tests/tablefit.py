"""Tables that do not fit the text block, found from a laid-out WeasyPrint document's boxes.

:func:`overflows` lists tables wider than their page's content box and cell
text wider than its cell; :func:`cut_header_words` lists header cells whose
text is broken inside a word. Both read the layout the PDF is drawn from.
"""

from __future__ import annotations

from weasyprint.formatting_structure import boxes

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


def misfits(document) -> list[str]:
    """Everything :func:`overflows` and :func:`cut_header_words` find in ``document``."""
    return overflows(document) + cut_header_words(document)
