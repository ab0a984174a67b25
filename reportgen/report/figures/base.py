"""Shared ground of the figures: the Figure record, palettes, sizes, plotly's layout and locale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from ...analysis.results import EntityMetrics
from ...i18n import labels
from ...i18n.formatting import Formatter
from ..wording import role, status

#: Key players whose ego networks are drawn.
EGO_COUNT = 3
#: Seed of every layout.
LAYOUT_SEED = 42

#: Colour of each role (colour-blind-safe palette, Okabe–Ito and Tol).
ROLE_COLOURS = {
    "organiser": "#D55E00",
    "financer": "#009E73",
    "recruiter": "#CC79A7",
    "distributor": "#0072B2",
    "corrupt_official": "#E69F00",
    "facilitator": "#56B4E9",
    "enforcer": "#882255",
    "transporter": "#44AA99",
    "money_launderer": "#117733",
    "forger": "#AA4499",
    "supplier": "#999933",
    "": "#9E9E9E",
}

#: Marker symbol of each entity type.
TYPE_SYMBOLS = {
    "person": "circle",
    "organisation": "square",
    "business": "square",
    "location": "pentagon",
    "vehicle": "triangle-down",
    "vessel": "triangle-left",
    "phone": "diamond",
    "email": "diamond-wide",
    "account": "triangle-up",
    "document": "hexagon",
}

#: Line style of each link type: grey tone, dash and width. Colour stays for roles alone, so
#: no colour means two things; the strongest kinds of tie are dark and solid. When two entities
#: have several kinds of link, the line is drawn in the style of the one listed first here.
LINK_STYLES = {
    "family": ("#1f2a37", "solid", 2.4),
    "co_offending": ("#1f2a37", "6px,2px", 1.5),
    "financial": ("#1f2a37", "dash", 1.5),
    "ownership": ("#1f2a37", "dashdot", 1.3),
    "employment": ("#6b7684", "dashdot", 1.2),
    "communication": ("#6b7684", "dot", 1.5),
    "travel": ("#6b7684", "longdash", 1.2),
    "associate": ("#9aa4b1", "solid", 1.0),
    "ethnic": ("#9aa4b1", "2px,4px", 1.3),
    "geographic": ("#9aa4b1", "10px,4px", 1.0),
}

#: Status badge of a node: a plotly marker symbol drawn in dark ink on a white disc
#: (asterisk: suspected; star: wanted; bow tie, like handcuffs: arrested; bars: convicted;
#: an open Y, arms free: released; cross: deceased). Active and unknown entities
#: carry none. No badge repeats an entity type's shape (a diamond is a telephone, a triangle an account).
STATUS_SYMBOLS = {
    "suspected": "asterisk-open",
    "wanted": "star",
    "arrested": "bowtie",
    "convicted": "hash-open",
    "released": "y-up-open",
    "deceased": "cross-thin-open",
}

#: Ink of the charts' neutral marks (badges, outlines of the shape legend).
INK = "#1f2a37"

FONT_FAMILY = "Noto Sans, Noto Naskh Arabic, sans-serif"

#: Export size of each kind of figure, in CSS pixels (width, height).
#: Export size of the charts that do not size themselves (the network charts do, see :mod:`.layout`).
SIZES = {"wide": (900, 480), "square": (640, 520), "map": (900, 560)}


@dataclass(frozen=True)
class FigureTable:
    """A figure's data as a table, already localised: header cells and rows of text.

    The HTML shows a figure's tables behind a toggle under it. The PDF shows
    those with ``in_pdf`` after it; for the others the caption gives
    ``pdf_note`` (where the same data are in the document, e.g. an annex).
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Which columns hold numbers (aligned to the end).
    numeric: tuple[bool, ...] = ()
    #: Which columns hold names from the data (isolated for bidirectional text, like names elsewhere).
    names: tuple[bool, ...] = ()
    in_pdf: bool = True
    pdf_note: str = ""


@dataclass
class Figure:
    """One localised figure, ready for both renderers.

    ``alt`` is the text alternative (what the chart shows and its key
    facts); ``tables`` hold its data, unless the section shows the same rows
    in a table of its own next to it.
    """

    id: str
    figure: go.Figure
    caption: str
    alt: str
    size: tuple[int, int]
    #: The figure's data as tables, for readers who cannot see the chart.
    tables: tuple[FigureTable, ...] = ()
    #: Labels are placed for the design width (link charts, the map): on a narrow screen the chart keeps
    #: its size and scrolls in its own box instead of shrinking until names collide.
    fixed_width: bool = False

    @property
    def description(self) -> str:
        """The caption, then the key facts: what a screen reader says for the chart.

        The chart's text is outlined in the PDF and drawn in an SVG on the
        page, so this is the only way its content reaches a reader who
        cannot see it (the PDF's ``/Figure /Alt``, the page's description).
        """
        caption = self.caption.strip()
        if caption and caption[-1] not in ".!?…؟":
            caption += "."
        return " ".join(part for part in (caption, self.alt.strip()) if part)


def plotly_locale(fmt: Formatter) -> dict[str, Any]:
    """plotly.js locale of one language: CLDR names and separators, catalog wording.

    Registered in each HTML page (``Plotly.register``) and selected with the
    figure's ``config.locale``: month and day names, decimal and group marks
    from Babel, the mode bar's tooltips from our catalogs.
    """
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = fmt.locale
    days = locale.days["format"]
    months = locale.months["format"]
    order = [6, 0, 1, 2, 3, 4, 5]  # plotly weeks start on Sunday, CLDR's on Monday
    return {
        "moduleType": "locale",
        "name": fmt.lang,
        "dictionary": {message: fmt.gettext(message) for message in labels.PLOTLY_INTERFACE},
        "format": {
            "days": [days["wide"][i] for i in order],
            "shortDays": [days["abbreviated"][i] for i in order],
            "months": [months["wide"][i] for i in range(1, 13)],
            "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
            "decimal": get_decimal_symbol(locale),
            "thousands": get_group_symbol(locale),
            "grouping": [3],
            "currency": ["", "\u00a0€"],
            "periods": [locale.day_periods["format"]["abbreviated"].get("am", "AM"),
                        locale.day_periods["format"]["abbreviated"].get("pm", "PM")],
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "dateTime": "%a %e %b %Y %X",
        },
    }


#: Distance (px) from a right-hand y axis to its title in right-to-left charts. plotly places that title
#: from the tick labels it measures, and in a right-to-left page it measures them short: the title sat on
#: « 75 % » and « 50 % ». Past the widest label, with the margin pushed to fit (automargin).
RTL_Y_TITLE_STANDOFF = 44


def y_axis(fmt: Formatter, title: str, **extra: Any) -> dict[str, Any]:
    """A titled vertical axis on the reading side's start: left, or right in right-to-left languages."""
    rtl = fmt.direction == "rtl"
    axis: dict[str, Any] = {"side": "right" if rtl else "left", "title": {"text": title}, **extra}
    if rtl:
        axis["title"]["standoff"] = RTL_Y_TITLE_STANDOFF
        axis["automargin"] = True
    return axis


def base_layout(fmt: Formatter, title: str, size: tuple[int, int], **extra: Any) -> dict[str, Any]:
    """plotly layout shared by every figure: fonts, CLDR separators, title and legend on the reading side."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    rtl = fmt.direction == "rtl"
    # plotly's separators: decimal mark then group mark, from CLDR.
    separators = get_decimal_symbol(fmt.locale) + get_group_symbol(fmt.locale)
    layout = {
        "title": {"text": title, "x": 0.98 if rtl else 0.02, "xanchor": "right" if rtl else "left",
                  "y": 1, "yref": "paper", "yanchor": "bottom", "pad": {"b": 18}, "font": {"size": 16}},
        "font": {"family": FONT_FAMILY, "size": 12, "color": "#1f2a37"},
        "separators": separators,
        "width": size[0],
        "height": size[1],
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 60, "r": 60, "t": 80, "b": 50},
        # Beside the plot, never over it: on the left in right-to-left documents.
        "legend": {"x": 0 if rtl else 1.0, "xanchor": "right" if rtl else "left"},
        "hoverlabel": {"font": {"family": FONT_FAMILY}, "align": "right" if rtl else "left"},
        # Read by the page's charts.js and by the PDF's export (svg.mirror_legends): plotly draws every
        # legend entry swatch first; in a right-to-left document the swatch goes on the label's right.
        "meta": {"dir": fmt.direction},
    }
    layout.update(extra)
    return layout


#: Widest band of legends below a chart on a phone (the page's text is 358 px wide at 390 px), in pixels.
PHONE_BAND = 330.0


def narrow(layout: dict[str, Any], patch: dict[str, Any]) -> None:
    """Give a figure's layout the entries that replace its own on a narrow screen (a phone).

    The page's charts.js applies ``patch`` (top-level layout entries:
    legends, margin, width, height) while the chart's box is narrower than
    the chart's design needs, and puts the original entries back when it
    widens; the PDF never uses it.
    """
    layout["meta"] = {**layout.get("meta", {}), "narrow": patch}


#: Height of a legend entry at the charts' font size, in pixels (plotly's own spacing).
LEGEND_ENTRY = 19.0


def legend_below(layout: dict[str, Any], entries: int) -> dict[str, Any]:
    """The narrow-screen patch of a chart with one vertical legend: the legend under the plot, in one column.

    The chart grows by the legend's height, so the plot keeps its own; the legend starts
    under the axis title, on the reading side.
    """
    rtl = layout["meta"]["dir"] == "rtl"
    margin = layout["margin"]
    plot_height = layout["height"] - margin["t"] - margin["b"]
    room = round(LEGEND_ENTRY * entries + 12)
    legend = {**layout["legend"], "orientation": "v", "x": 1 if rtl else 0, "xanchor": "right" if rtl else "left",
              "y": -(margin["b"] + 6) / plot_height, "yanchor": "top", "bgcolor": "rgba(0,0,0,0)"}
    return {"legend": legend, "margin": {**margin, "b": margin["b"] + room + 10},
            "height": layout["height"] + room + 10}


def bidi(fmt: Formatter, text: str) -> str:
    """Isolate Latin names inside right-to-left hover text (Unicode FSI…PDI)."""
    return f"\u2068{text}\u2069" if fmt.direction == "rtl" else text


def hover_entity(fmt: Formatter, e: EntityMetrics) -> str:
    _ = fmt.gettext
    roles = fmt.terms((role(fmt, r, e.sex) for r in e.roles), in_sentence=False) or _(labels.NO_ROLE)
    lines = [
        f"<b>{html_text(bidi(fmt, e.name))}</b>",
        html_text(_(labels.ENTITY_TYPES[e.type]) + " — " + roles),
        html_text(_("Status: %(status)s", status=status(fmt, e.status, e.type, e.sex))),
        html_text(_("Countries: %(countries)s", countries=fmt.countries(e.countries) or "—")),
        html_text(_("Degree: %(value)s", value=fmt.integer(e.degree))),
        html_text(_("Betweenness: %(value)s", value=fmt.measure(e.betweenness))),
        html_text(_("Eigenvector: %(value)s", value=fmt.measure(e.eigenvector))),
        html_text(_("Community %(number)s", number=fmt.integer(e.community))),
    ]
    return "<br>".join(lines)


def html_text(text: str) -> str:
    """Escape data for plotly's hover and label strings (a subset of HTML)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

