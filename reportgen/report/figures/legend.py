"""Legends of the network charts: several plotly legends in columns beside the plot, never over it.

A chart has up to four legends (roles, entity types, link types, status),
each a separate plotly legend (``legend``, ``legend2``…). plotly does not
stack separate legends by itself, so :func:`arrange` sets their places:
sections fill a column top-down until the next would overflow the plot's
height, then a new column starts. Columns sit on the right of the plot in
left-to-right documents and on its left in right-to-left ones, measured in
the document's language (the plot area itself does not change with the
language, so the node layout does not either).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .base import FONT_FAMILY
from .textsize import text_width

#: Font size of legend entries and titles, in pixels.
LEGEND_FONT = 10.0
#: Height of a legend entry and of a legend title (plotly's own spacing at this font size), in pixels.
ENTRY_HEIGHT, TITLE_HEIGHT = 19.0, 21.0
#: Room plotly leaves for an entry's symbol before its text, and after the text, in pixels.
SYMBOL_ROOM, TEXT_ROOM = 40.0, 12.0
#: Room between sections of a column, between columns, and between the plot and the first column.
SECTION_GAP, COLUMN_GAP, PLOT_GAP = 10.0, 6.0, 10.0


@dataclass(frozen=True)
class Section:
    """One legend: its plotly name (``legend``, ``legend2``…), its title and its entries' text."""

    name: str
    title: str
    entries: tuple[str, ...]

    @property
    def height(self) -> float:
        """Height of the legend as plotly draws it, in pixels."""
        return TITLE_HEIGHT + ENTRY_HEIGHT * len(self.entries) + 4

    @property
    def width(self) -> float:
        """Width of the widest line of the legend, in pixels."""
        widest = max((text_width(e, LEGEND_FONT) for e in self.entries), default=0.0)
        return max(SYMBOL_ROOM + widest, text_width(self.title, LEGEND_FONT, bold=True)) + TEXT_ROOM


def arrange(sections: list[Section], plot: tuple[float, float], rtl: bool,
            max_columns: int = 2) -> tuple[dict[str, Any], float, float]:
    """plotly layout entries placing each legend, and the room they take beside and below the plot.

    Sections fill up to ``max_columns`` columns beside the plot; any left
    over go side by side in a band below it. ``plot`` is the plot area's
    size in pixels; positions are in plotly's paper coordinates, which
    are fractions of that area. Returns ``(entries, side width, band height)``.
    """
    width, height = plot
    columns, below = _columns([s for s in sections if s.entries], height, max_columns)
    entries: dict[str, Any] = {}
    offset = PLOT_GAP
    for column in columns:
        top = 0.0
        for section in column:
            x = -offset / width if rtl else 1 + offset / width
            entries[section.name] = _entry(section, x, 1 - top / height, rtl)
            top += section.height + SECTION_GAP
        offset += max(s.width for s in column) + COLUMN_GAP
    side = offset - COLUMN_GAP if columns else 0.0
    start = 0.0
    for section in below:
        x = 1 - start / width if rtl else start / width
        entries[section.name] = _entry(section, x, -PLOT_GAP / height, rtl)
        start += section.width + COLUMN_GAP
    band = PLOT_GAP + max((s.height for s in below), default=-PLOT_GAP)
    return entries, side, band


def arrange_below(sections: list[Section], plot: tuple[float, float], rtl: bool,
                  band_width: float) -> tuple[dict[str, Any], float]:
    """plotly layout entries placing every legend below the plot, in rows no wider than ``band_width``.

    The narrow (phone) layout of a chart: rows start on the reading side
    (the right in right-to-left documents), so that they are in view where a
    scrolling box starts. Returns ``(entries, band height)``.
    """
    width, height = plot
    entries: dict[str, Any] = {}
    start = top = row_height = 0.0
    for section in (s for s in sections if s.entries):
        if start and start + section.width > band_width:
            start, top, row_height = 0.0, top + row_height + SECTION_GAP, 0.0
        x = 1 - start / width if rtl else start / width
        entries[section.name] = _entry(section, x, -(PLOT_GAP + top) / height, rtl)
        start += section.width + COLUMN_GAP
        row_height = max(row_height, section.height)
    return entries, (PLOT_GAP + top + row_height) if entries else 0.0


def _columns(sections: list[Section], height: float,
             max_columns: int) -> tuple[list[list[Section]], list[Section]]:
    """Sections in columns no taller than the plot, and those that do not fit beside it."""
    columns: list[list[Section]] = []
    below: list[Section] = []
    used = 0.0
    for section in sections:
        if below or (columns and used + section.height > height and len(columns) == max_columns):
            below.append(section)
            continue
        if not columns or used + section.height > height:
            columns.append([])
            used = 0.0
        columns[-1].append(section)
        used += section.height + SECTION_GAP
    return columns, below


def _entry(section: Section, x: float, y: float, rtl: bool) -> dict[str, Any]:
    """One plotly legend's settings: anchored at its top, on its right edge in right-to-left documents."""
    return {
        "x": round(x, 5), "xanchor": "right" if rtl else "left", "y": round(y, 5), "yanchor": "top",
        "title": {"text": f"<b>{section.title}</b>", "font": {"size": LEGEND_FONT}},
        "font": {"size": LEGEND_FONT, "family": FONT_FAMILY}, "bgcolor": "rgba(0,0,0,0)",
        "tracegroupgap": 0, "itemclick": "toggle", "itemdoubleclick": "toggleothers",
    }
