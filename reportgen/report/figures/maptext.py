"""The map's key, text alternative and data tables."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ...analysis.results import BorderPair, CountChange
from ...i18n.formatting import Formatter
from .base import FigureTable, html_text
from .mapgeo import (
    CIRCLE_COLOUR,
    CIRCLE_LINE,
    CIRCLE_MAX,
    FLOW_COLOUR,
    LINK_ONLY_COLOUR,
    LINK_ONLY_DOT,
    _circle,
    _Data,
    _flow_width,
)


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


def _key(fmt: Formatter, data: _Data, box: tuple[float, float, float], rtl: bool,
         columns: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The key: circle sizes, line widths, the dot of countries with links only; as shapes and annotations.

    Placed in ``box`` (paper x0, x1 and top), with sizes and offsets in
    pixels, so that it keeps its size when the HTML figure is resized;
    the two groups side by side when ``columns``, else one above the other.
    """
    _ = fmt.gettext
    x0, x1, top = box
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    align = "right" if rtl else "left"
    start = x1 if rtl else x0
    sign = -1 if rtl else 1

    def group(heading: str, x: float, y: float, rows: list[tuple[dict[str, Any], str, float]]) -> float:
        """A heading, then rows of (shape, label, row height) from ``y`` pixels below ``top``; returns the new y."""
        notes.append({"text": f"<b>{html_text(heading)}</b>", "x": x, "y": top, "yshift": -y, "xanchor": align,
                      "yanchor": "top"})
        y += 24
        centre = sign * (CIRCLE_MAX / 2 + 2)
        for shape, label, height in rows:
            middle = -y - height / 2
            shape.update({"xref": "paper", "yref": "paper", "xsizemode": "pixel", "ysizemode": "pixel",
                          "xanchor": x, "yanchor": top})
            for k in ("x0", "x1"):
                shape[k] += centre
            for k in ("y0", "y1"):
                shape[k] += middle
            shapes.append(shape)
            notes.append({"text": label, "x": x, "xshift": sign * (CIRCLE_MAX + 10), "y": top, "yshift": middle,
                          "xanchor": align, "yanchor": "middle"})
            y += height + 4
        return y + 10

    circles: list[tuple[dict[str, Any], str, float]] = []
    for value in _key_values(data.peak) if data.peak else []:
        d = _circle(value, data.peak)
        circles.append(({"type": "circle", "x0": -d / 2, "x1": d / 2, "y0": -d / 2, "y1": d / 2,
                         "fillcolor": CIRCLE_COLOUR, "line": {"color": CIRCLE_LINE, "width": 1}},
                        fmt.integer(value), max(d, 14)))
    lines: list[tuple[dict[str, Any], str, float]] = []
    widths = sorted({data.peak_links, max(1, round(data.peak_links / 2)), 1}, reverse=True) if data.peak_links else []
    for value in widths:
        lines.append(({"type": "line", "x0": -CIRCLE_MAX / 2, "x1": CIRCLE_MAX / 2, "y0": 0, "y1": 0,
                       "line": {"color": FLOW_COLOUR, "width": round(_flow_width(value, data.peak_links), 2)}},
                      fmt.integer(value), 14))
    if set(data.codes) - set(data.counts):
        r = LINK_ONLY_DOT / 2
        lines.append(({"type": "circle", "x0": -r, "x1": r, "y0": -r, "y1": r, "fillcolor": LINK_ONLY_COLOUR,
                       "line": {"color": "white", "width": 1}}, html_text(_("Links, no activity")), 14))
    y = 0.0
    if circles:
        y = group(_("Activities"), start, y, circles)
    if lines:
        second = start + sign * (x1 - x0) / 2 if columns and circles else start
        group(_("Cross-border links"), second, 0.0 if columns and circles else y, lines)
    for note in notes:
        note.update({"xref": "paper", "yref": "paper", "showarrow": False, "font": {"size": 11}})
    return shapes, notes


def _map_alt(fmt: Formatter, shown: Sequence[CountChange], flows: Sequence[BorderPair]) -> str:
    """Text alternative: how many countries, the most affected, the strongest flows."""
    _ = fmt.gettext
    top = fmt.join(f"{fmt.country(r.key)} ({fmt.integer(r.count)})" for r in shown[:3])
    text = fmt.ngettext("Map of %(num)s country with activities in the period; most in %(top)s.",
                        "Map of %(num)s countries with activities in the period; most in %(top)s.",
                        len(shown), top=top or "—")
    if flows:
        strongest = fmt.join(f"{fmt.country_pair(p.countries[:2])} ({fmt.integer(p.links)})" for p in flows[:3])
        text += " " + fmt.ngettext(
            "%(num)s country pair joined by cross-border links is drawn; the most links: %(top)s.",
            "%(num)s country pairs joined by cross-border links are drawn; the most links: %(top)s.",
            len(flows), top=strongest)
    return text


def _map_tables(fmt: Formatter, countries: Sequence[CountChange],
                flows: Sequence[BorderPair]) -> tuple[FigureTable, ...]:
    """The map's data: activities per country (both periods), links per country pair."""
    _ = fmt.gettext
    rows = tuple((fmt.country(r.key), fmt.integer(r.count), fmt.integer(r.previous_count))
                 for r in countries if r.count)
    tables = [FigureTable((_("Country"), _("Activities"), _("Previous period")), rows, (False, True, True))]
    if flows:
        tables.append(FigureTable((_("Countries"), _("Links")),
                                  tuple((fmt.country_pair(p.countries[:2]), fmt.integer(p.links)) for p in flows),
                                  (False, True)))
    return tuple(tables)
