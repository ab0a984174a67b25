"""Page-break defects in a laid-out WeasyPrint document, found from its layout boxes.

``orphans`` and ``widows`` only count lines, so a stylesheet can still leave
a heading alone at the foot of a page or one table row on a page of its own.
:func:`defects` reads what WeasyPrint actually did (its page boxes, the same
layout the PDF is drawn from) and lists what a reader of the briefing would
see as a bad break:

- a heading (h2, h3) with at most two lines of its section under it on the
  page, the section going on overleaf;
- a table split so that one page holds one or two of its body rows, or a
  continuation without its header row;
- tiles wrapping into rows of unequal length (three and one);
- a section that begins on a landscape page although only the annexes are
  landscape;
- a page left mostly empty (over 60%) although the next page starts with no
  forced break.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from weasyprint.formatting_structure import boxes

#: ``break-before``/``break-after`` values that start a new page.
FORCED = {"page", "left", "right", "recto", "verso"}
#: A heading with this many lines of text or fewer under it, and nothing else, is stranded.
STRANDED_LINES = 2
#: A table fragment with this many body rows or fewer is a stub.
STUB_ROWS = 2
#: A page filled to less than this share of its height, with no forced break after it, is too empty.
#: A section whose heading, first sentence and chart (at most 11 cm) must stay together can
#: leave a little over half a page blank before it; the defect is a page mostly blank.
MIN_FILL = 0.4
#: Sections that belong on landscape pages (the link chart and the annexes).
LANDSCAPE_SECTIONS = ("network", "annex-entities", "annex-links", "annex-evidence", "annex-data")


@dataclass
class Unit:
    """One piece of content on a page, in reading order."""

    kind: str  # "heading", "line", "row", "figure", "tiles"
    box: boxes.Box
    table: object = None  # the table element a row belongs to
    level: int = 0  # heading level

    @property
    def bottom(self) -> float:
        return self.box.position_y + self.box.margin_height()

    def text(self) -> str:
        return " ".join(
            b.text for b in self.box.descendants() if isinstance(b, boxes.TextBox)
        ).strip()[:60]


def _classes(box: boxes.Box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or "::" in (box.element_tag or ""):
        return set()
    return set((element.get("class") or "").split())


def _units(box: boxes.Box, table=None):
    """The content units under ``box``, in document order."""
    tag = box.element_tag or ""
    if isinstance(box, boxes.MarginBox):
        return
    if isinstance(box, boxes.BlockBox) and tag in ("h2", "h3") and "toc-title" not in _classes(box):
        yield Unit("heading", box, level=int(tag[1]))
        return
    if tag == "figure":
        yield Unit("figure", box)
        return
    if "tiles" in _classes(box):
        yield Unit("tiles", box)
        return
    if isinstance(box, boxes.TableBox):
        table = box.element
    if isinstance(box, boxes.TableRowGroupBox) and (box.is_header or box.is_footer):
        return
    if isinstance(box, boxes.TableRowBox):
        yield Unit("row", box, table=table)
        return
    if isinstance(box, boxes.LineBox):
        figures = [b for b in box.descendants() if b.element_tag == "figure"]  # charts set side by side
        if figures:
            yield from (Unit("figure", b) for b in figures)
        elif any(isinstance(b, boxes.TextBox) and b.text.strip() for b in box.descendants()):
            yield Unit("line", box)
        return
    for child in getattr(box, "children", ()):
        yield from _units(child, table)


def _elements(page_box: boxes.PageBox) -> dict[int, boxes.Box]:
    """Every element with a box on the page, by identity."""
    found = {}
    for box in page_box.descendants():
        if getattr(box, "element", None) is not None and "::" not in (box.element_tag or ""):
            found.setdefault(id(box.element), box)
    return found


def defects(document) -> list[str]:
    """Bad page breaks in ``document`` (a ``weasyprint.Document``), as readable lines."""
    pages = [page._page_box for page in document.pages]
    units = [list(_units(page)) for page in pages]
    elements = [_elements(page) for page in pages]
    found: list[str] = []

    for number, page_units in enumerate(units, start=1):
        following = units[number] if number < len(units) else []
        for index, unit in enumerate(page_units):
            if unit.kind != "heading":
                continue
            after = page_units[index + 1:]
            if any(u.kind != "line" for u in after) or len(after) > STRANDED_LINES or not following:
                continue
            first = following[0]
            if first.kind == "heading" and first.level <= unit.level:
                continue  # the section ended on this page
            found.append(f"p.{number}: heading “{unit.text()}” stranded at the foot of the page "
                         f"({len(after)} line(s) under it)")

    rows: dict[int, Counter] = defaultdict(Counter)  # rows of each table on each page
    for number, page_units in enumerate(units, start=1):
        for unit in page_units:
            if unit.kind == "row":
                rows[id(unit.table)][number] += 1
    for per_page in rows.values():
        if len(per_page) < 2:
            continue
        for number, count in sorted(per_page.items()):
            if count <= STUB_ROWS:
                found.append(f"p.{number}: table split into a stub of {count} row(s) "
                             f"(rows per page: {dict(sorted(per_page.items()))})")
    for number, page in enumerate(pages, start=1):
        for box in page.descendants():
            if isinstance(box, boxes.TableBox) and box.element.find("thead") is not None:
                has_rows = any(isinstance(b, boxes.TableRowGroupBox) and not b.is_header and b.children
                               for b in box.children)
                has_header = any(isinstance(b, boxes.TableRowGroupBox) and b.is_header for b in box.children)
                if has_rows and not has_header:
                    found.append(f"p.{number}: table rows without their header row")

    for number, page_units in enumerate(units, start=1):
        for unit in page_units:
            if unit.kind != "tiles":
                continue
            tops: dict[int, float] = {}  # each tile's outer box comes first
            for b in unit.box.descendants():
                if "tile" in _classes(b):
                    tops.setdefault(id(b.element), b.position_y)
            per_row = Counter(round(y) for y in tops.values())
            lengths = [per_row[y] for y in sorted(per_row)]
            if len(set(lengths)) > 1:
                found.append(f"p.{number}: tiles wrap in rows of {' + '.join(map(str, lengths))}")

    for number, (page, page_elements) in enumerate(zip(pages, elements, strict=True), start=1):
        landscape = page.margin_width() > page.margin_height()
        for box in page_elements.values():
            if box.element_tag != "section" or box.element.get("id") in LANDSCAPE_SECTIONS:
                continue
            starts_here = all(id(box.element) not in elements[n] for n in range(number - 1))
            if landscape and starts_here:
                found.append(f"p.{number}: section “{box.element.get('id')}” begins on a landscape page")

    for number in range(1, len(pages)):  # every page but the last
        page, page_units = pages[number - 1], units[number - 1]
        if not page_units:
            continue
        here, there = elements[number - 1], elements[number]
        ending = [box for key, box in here.items() if key not in there]
        starting = [box for key, box in there.items() if key not in here]
        forced = any(box.style["break_after"] in FORCED for box in ending) or any(
            box.style["break_before"] in FORCED for box in starting)
        if forced or pages[number].margin_width() != page.margin_width():
            continue
        top = page.content_box_y()
        fill = (max(u.bottom for u in page_units) - top) / page.height
        if fill < MIN_FILL:
            found.append(f"p.{number}: page {round(100 * (1 - fill))}% empty before "
                         f"“{units[number][0].text() if units[number] else ''}”")
    return found
