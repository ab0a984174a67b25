"""The map's key, text alternative and data tables."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ...analysis.results import ActivityPair, BorderPair, CountChange
from ...i18n.formatting import Formatter
from .base import SIZES, FigureTable, html_text
from .mapgeo import (
    CIRCLE_COLOUR,
    CIRCLE_LINE,
    CIRCLE_MAX,
    CORRIDOR_COLOUR,
    CORRIDOR_DASH,
    CORRIDOR_WIDTHS,
    EXIT_COLOUR,
    FLOW_COLOUR,
    LINK_ONLY_COLOUR,
    LINK_ONLY_DOT,
    MARGIN,
    _circle,
    _Data,
    _flow_width,
    exit_name,
)
from .textsize import text_width

#: Font size of the key, in pixels.
KEY_FONT = 11
#: Where the key's second column starts, as a share of its width (the first holds circles and short counts).
SECOND_COLUMN = 0.42
#: Width of the map's paper (the figure less its side margins), in pixels.
KEY_PAPER = SIZES["map"][0] - MARGIN["l"] - MARGIN["r"]


def _key_values(peak: int) -> list[int]:
    """Two or three round values up to ``peak`` for a key (largest first)."""
    values = [peak]
    for share in (1 / 3, 1 / 10):
        raw = peak * share
        if raw < 1:
            break
        magnitude = 10 ** math.floor(math.log10(raw))
        nice = max(v * magnitude for v in (1, 2, 5, 10) if v * magnitude <= raw)
        if nice < values[-1]:
            values.append(int(nice))
    return values


def _key(fmt: Formatter, data: _Data, box: tuple[float, float, float], rtl: bool, columns: bool,
         exits: bool = False) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The key: circle sizes, corridor and line widths, the dot of countries with links only, the names at the
    edge (with ``exits``); as shapes and annotations.

    Placed in ``box`` (paper x0, x1 and top), with sizes and offsets in
    pixels, so that it keeps its size when the HTML figure is resized;
    in two columns when ``columns`` (activities and corridors, then links), else one above the other.
    """
    _ = fmt.gettext
    x0, x1, top = box
    key = _Key(top, "right" if rtl else "left", -1 if rtl else 1)
    start = x1 if rtl else x0
    y = 0.0
    circles = _circle_rows(fmt, data)
    if circles:
        y = key.group(_("Activities"), start, y, circles)
    corridors = [({"type": "line", "x0": -CIRCLE_MAX / 2, "x1": CIRCLE_MAX / 2, "y0": 0, "y1": 0,
                   "line": {"color": CORRIDOR_COLOUR, "dash": CORRIDOR_DASH,
                            "width": round(_flow_width(value, data.peak_corridor, CORRIDOR_WIDTHS), 2)}},
                   fmt.integer(value), 14.0)
                 for value in _widths(data.peak_corridor)]
    if corridors:
        y = key.group(_("Activity corridors"), start, y, corridors)
    lines = [({"type": "line", "x0": -CIRCLE_MAX / 2, "x1": CIRCLE_MAX / 2, "y0": 0, "y1": 0,
               "line": {"color": FLOW_COLOUR, "width": round(_flow_width(value, data.peak_links), 2)}},
              fmt.integer(value), 14.0) for value in _widths(data.peak_links)]
    if set(data.codes) - set(data.counts):
        r = LINK_ONLY_DOT / 2
        lines.append(({"type": "circle", "x0": -r, "x1": r, "y0": -r, "y1": r, "fillcolor": LINK_ONLY_COLOUR,
                       "line": {"color": "white", "width": 1}}, html_text(_("Links, no activity")), 14.0))
    second = start + key.sign * (x1 - x0) * SECOND_COLUMN if columns and (circles or corridors) else start
    if exits:
        # The label's room: from its start to the key's far edge (the figure's paper is MAP_WIDTH wide).
        room = (x1 - x0) * (1 - (SECOND_COLUMN if second != start else 0.0)) * KEY_PAPER - CIRCLE_MAX - 10
        label = _wrapped(_("Country outside the larger map"), room)
        lines.append(({"type": "text", "text": exit_name(_("Name"), rtl)}, label,
                      14.0 * (label.count("<br>") + 1)))
    if lines:
        key.group(_("Cross-border links"), second, 0.0 if columns and (circles or corridors) else y, lines)
    for note in key.notes:
        note.update({"xref": "paper", "yref": "paper", "showarrow": False,
                     "font": {"size": KEY_FONT, **note.get("font", {})}})
    return key.shapes, key.notes


def _wrapped(text: str, width: float) -> str:
    """``text`` escaped, in lines no wider than ``width`` pixels at the key's font (broken at spaces)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", KEY_FONT) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "<br>".join(html_text(line) for line in lines)


def _widths(peak: int) -> list[int]:
    """The line widths a key shows: the widest, half of it and the thinnest (as counts)."""
    return sorted({peak, max(1, round(peak / 2)), 1}, reverse=True) if peak else []


def _circle_rows(fmt: Formatter, data: _Data) -> list[tuple[dict[str, Any], str, float]]:
    """The key's circles: two or three round counts, each at its size."""
    rows: list[tuple[dict[str, Any], str, float]] = []
    for value in _key_values(data.peak) if data.peak else []:
        d = _circle(value, data.peak)
        rows.append(({"type": "circle", "x0": -d / 2, "x1": d / 2, "y0": -d / 2, "y1": d / 2,
                      "fillcolor": CIRCLE_COLOUR, "line": {"color": CIRCLE_LINE, "width": 1}},
                     fmt.integer(value), max(d, 14)))
    return rows


class _Key:
    """The shapes and annotations of the map's key, built group by group from the top of its box."""

    def __init__(self, top: float, align: str, sign: int) -> None:
        self.top, self.align, self.sign = top, align, sign
        self.shapes: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []

    def group(self, heading: str, x: float, y: float, rows: list[tuple[dict[str, Any], str, float]]) -> float:
        """A heading, then rows of (shape, label, row height) from ``y`` pixels below the top; returns the new y.

        A shape of type ``text`` is drawn as that text, in the style of the names it stands for.
        """
        top, align, sign = self.top, self.align, self.sign
        self.notes.append({"text": f"<b>{html_text(heading)}</b>", "x": x, "y": top, "yshift": -y, "xanchor": align,
                           "yanchor": "top"})
        y += 24
        centre = sign * (CIRCLE_MAX / 2 + 2)
        for shape, label, height in rows:
            middle = -y - height / 2
            if shape["type"] == "text":
                self.notes.append({"text": shape["text"], "x": x, "xshift": centre, "y": top, "yshift": middle,
                                   "xanchor": "center", "yanchor": "middle", "font": {"color": EXIT_COLOUR}})
            else:
                shape.update({"xref": "paper", "yref": "paper", "xsizemode": "pixel", "ysizemode": "pixel",
                              "xanchor": x, "yanchor": top})
                for k in ("x0", "x1"):
                    shape[k] += centre
                for k in ("y0", "y1"):
                    shape[k] += middle
                self.shapes.append(shape)
            self.notes.append({"text": label, "x": x, "xshift": sign * (CIRCLE_MAX + 10), "y": top, "yshift": middle,
                               "xanchor": align, "yanchor": "middle", "align": align})
            y += height + 4
        return y + 10


def _map_alt(fmt: Formatter, shown: Sequence[CountChange], flows: Sequence[BorderPair],
             corridors: Sequence[ActivityPair] = ()) -> str:
    """Text alternative: how many countries, the most affected, the strongest corridors and flows."""
    _ = fmt.gettext
    top = fmt.join(f"{fmt.country(r.key)} ({fmt.integer(r.count)})" for r in shown[:3])
    text = fmt.ngettext("Map of %(num)s country with activities in the period; most in %(top)s.",
                        "Map of %(num)s countries with activities in the period; most in %(top)s.",
                        len(shown), top=top or "—")
    if corridors:
        strongest = fmt.join(f"{fmt.country_pair(p.countries[:2])} ({fmt.integer(p.activities)})"
                             for p in corridors[:3])
        text += " " + fmt.ngettext(
            "%(num)s activity corridor is drawn; the most activities in both countries: %(top)s.",
            "%(num)s activity corridors are drawn; the most activities in both countries: %(top)s.",
            len(corridors), top=strongest)
    if flows:
        strongest = fmt.join(f"{fmt.country_pair(p.countries[:2])} ({fmt.integer(p.links)})" for p in flows[:3])
        text += " " + fmt.ngettext(
            "%(num)s country pair joined by cross-border links is drawn; the most links: %(top)s.",
            "%(num)s country pairs joined by cross-border links are drawn; the most links: %(top)s.",
            len(flows), top=strongest)
    return text


def _map_tables(fmt: Formatter, countries: Sequence[CountChange], flows: Sequence[BorderPair],
                corridors: Sequence[ActivityPair] = ()) -> tuple[FigureTable, ...]:
    """The map's data: activities per country (both periods), links per country pair, activities per corridor."""
    _ = fmt.gettext
    rows = tuple((fmt.country(r.key), fmt.integer(r.count), fmt.integer(r.previous_count))
                 for r in countries if r.count)
    tables = [FigureTable((_("Country"), _("Activities"), _("Previous period")), rows, (False, True, True))]
    if flows:
        tables.append(FigureTable((_("Countries"), _("Links")),
                                  tuple((fmt.country_pair(p.countries[:2]), fmt.integer(p.links))
                                        for p in fmt.ranked_pairs(flows, lambda p: p.links)),
                                  (False, True)))
    if corridors:
        tables.append(FigureTable((_("Activity corridor"), _("Activities in both countries")),
                                  tuple((fmt.country_pair(p.countries[:2]), fmt.integer(p.activities))
                                        for p in corridors), (False, True)))
    return tuple(tables)
