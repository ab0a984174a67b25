"""Charts of counts and curves: disruption, activities, gradings, roles, the change between periods."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ...analysis.changes import Changes
from ...analysis.results import Analysis, Count, CountChange
from ...i18n import labels
from ...i18n.formatting import Formatter
from ..wording import change_text
from .base import (
    ROLE_COLOURS,
    SIZES,
    Figure,
    FigureTable,
    base_layout,
    bidi,
    html_text,
    legend_below,
    narrow,
    y_axis,
)

#: Ticks of a share axis (0 to 100 %), labelled in the language's percent style.
PERCENT_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def strategy_label(fmt: Formatter, strategy: str) -> str:
    if strategy.startswith("role:"):
        role = strategy.split(":", 1)[1]
        return fmt.gettext(labels.ROLE_STRATEGY, role=fmt.gettext(labels.ROLES[role]).lower())
    return fmt.gettext(labels.STRATEGIES[strategy])


def disruption_figure(fmt: Formatter, analysis: Analysis, shown: Sequence[tuple[str, str]], listed: int) -> Figure:
    """The removal curves of the ``shown`` (strategy, mode) scenarios, of the ``listed`` rows of the table."""
    _ = fmt.gettext
    disruption = analysis.disruption
    colours = ["#0072B2", "#0072B2", "#D55E00", "#D55E00", "#7F7F7F", "#009E73", "#CC79A7"]
    traces = []
    # One colour (and dash) per curve drawn, so that the legend identifies every one: the model draws
    # no more curves than there are colours (BASE_CURVES and ROLE_CURVES).
    for (strategy, mode), colour in zip(shown, colours[:len(shown)], strict=True):
        curve = disruption[strategy][mode]
        label = strategy_label(fmt, strategy)
        if strategy != "random":
            label += f" ({_(labels.MODES[mode])})"
        traces.append(go.Scatter(
            x=[row.k for row in curve], y=[row.lcc_fraction for row in curve], mode="lines+markers",
            name=label, line={"color": colour, "dash": "dot" if mode == "static" and strategy != "random" else "solid"},
            # Numbers and percentages in the language's own style (« 17 % »), not d3's ("17%").
            customdata=[[fmt.integer(row.k), fmt.percent(row.lcc_fraction)] for row in curve],
            hovertemplate=f"{html_text(label)}<br>%{{customdata[0]}} → %{{customdata[1]}}<extra></extra>",
            uid=f"disruption-{strategy.replace(':', '-')}-{mode}",
        ))
    rtl = fmt.direction == "rtl"
    layout = base_layout(
        fmt, _("Disruption scenarios"), SIZES["wide"],
        xaxis={"title": {"text": _("Entities removed")}, "autorange": "reversed" if rtl else True,
               "gridcolor": "#e5e7eb", "dtick": 2},
        yaxis=y_axis(fmt, _("Largest connected group left"), tickvals=PERCENT_TICKS,
                     ticktext=[fmt.percent(t) for t in PERCENT_TICKS], range=[0, 1.05], gridcolor="#e5e7eb"),
        legend={"orientation": "v", "x": 0.01 if not rtl else 0.99, "xanchor": "left" if not rtl else "right",
                "y": 0.02, "yanchor": "bottom", "bgcolor": "rgba(255,255,255,0.8)"},
    )
    narrow(layout, legend_below(layout, len(traces)))
    figure = go.Figure(traces, layout)
    caption = _("Share of the largest connected group of the network that remains as entities are removed, "
                "per strategy. Lower curves fragment the network faster.")
    tested = listed  # the rows of the table below it (a strategy whose two modes agree is one row)
    if len(traces) < tested:
        caption += " " + fmt.ngettext(
            "Drawn: %(shown)s of the %(num)s scenario tested (by degree, by betweenness, at random and the most "
            "fragmenting by role); the table lists them all.",
            "Drawn: %(shown)s of the %(num)s scenarios tested (by degree, by betweenness, at random and the most "
            "fragmenting by role); the table lists them all.", tested, shown=fmt.integer(len(traces)))
    last = [disruption[strategy][mode][-1] for strategy, mode in shown if disruption[strategy][mode]]
    alt = fmt.ngettext("Line chart of %(num)s disruption scenario.", "Line chart of %(num)s disruption scenarios.",
                       len(traces))
    if last:
        alt += " " + fmt.ngettext(
            "After %(num)s removal the largest connected group left ranges from %(low)s to %(high)s.",
            "After %(num)s removals the largest connected group left ranges from %(low)s to %(high)s.",
            max(row.k for row in last),
                       low=fmt.percent(min(row.lcc_fraction for row in last)),
                       high=fmt.percent(max(row.lcc_fraction for row in last)))
    return Figure("disruption", figure, caption, alt, SIZES["wide"])


def _bar(fmt: Formatter, figure_id: str, title: str, names: list[str], counts: list[int], hover: list[str],
         caption: str, alt: str, horizontal: bool = True, colour: str = "#0072B2",
         axis_title: str = "") -> Figure:
    rtl = fmt.direction == "rtl"
    if horizontal:
        trace = go.Bar(y=names, x=counts, orientation="h", marker={"color": colour}, hovertext=hover,
                       hoverinfo="text", uid=figure_id)
        # Room for the category labels, measured rather than left to plotly's
        # automargin, which measures before the web font has loaded.
        room = 30 + 7 * max((len(n) for n in names), default=0)
        extra = {
            "margin": {"l": 40 if rtl else room, "r": room if rtl else 40, "t": 80, "b": 50},
            "yaxis": {"autorange": "reversed", "side": "right" if rtl else "left", "automargin": True},
            "xaxis": {"autorange": "reversed" if rtl else True, "gridcolor": "#e5e7eb",
                      "title": {"text": axis_title}},
        }
        height = max(260, 60 + 28 * len(names))
    else:
        trace = go.Bar(x=names, y=counts, marker={"color": colour}, hovertext=hover, hoverinfo="text", uid=figure_id)
        extra = {
            "xaxis": {"autorange": "reversed" if rtl else True, "type": "category"},
            "yaxis": y_axis(fmt, axis_title, gridcolor="#e5e7eb"),
        }
        height = SIZES["wide"][1]
    size = (SIZES["wide"][0], height)
    figure = go.Figure([trace], base_layout(fmt, title, size, showlegend=False, bargap=0.25, **extra))
    return Figure(figure_id, figure, caption, alt, size)


#: Colour of the previous period (muted) in every comparison chart.
PREVIOUS_COLOUR = "#9aa5b1"
#: Colour of this period in every comparison chart: a reader who learnt it on one chart reads the next.
CURRENT_COLOUR = "#0072B2"


def period_legend(fmt: Formatter) -> dict[str, Any]:
    """The legend of a comparison chart: on the title's line, at its other end.

    The previous period comes first in reading order (on the right in right-to-left languages, where
    the page and the PDF draw legends mirrored: see ``base_layout``).
    """
    rtl = fmt.direction == "rtl"
    return {"orientation": "h", "x": 0 if rtl else 1, "xanchor": "left" if rtl else "right", "y": 1,
            "yanchor": "bottom"}


def compare_layout(fmt: Formatter, title: str, size: tuple[int, int], **extra: Any) -> dict[str, Any]:
    """The layout of a chart comparing the two periods: the periods' legend on the title's line.

    On a phone the chart follows its box, and the title leaves the legend no room on its line (the
    legend would wrap up over it): there the legend goes under the plot.
    """
    layout = base_layout(fmt, title, size, legend=period_legend(fmt), **extra)
    narrow(layout, legend_below(layout, 2))
    return layout


def _compare_bars(fmt: Formatter, figure_id: str, title: str, names: list[str], rows: Sequence[CountChange],
                  hover_now: list[str], caption: str, alt: str) -> Figure:
    """Horizontal bars of this period and the previous one, side by side for each of ``rows``.

    The previous period's bar sits above this period's, in a muted colour,
    on the same scale; the legend names both.
    """
    _ = fmt.gettext
    rtl = fmt.direction == "rtl"
    previous, current = _("Previous period"), _("This period")
    hover_before = [html_text(fmt.ngettext("%(name)s: %(num)s activity in the previous period",
                                           "%(name)s: %(num)s activities in the previous period",
                                           r.previous_count, name=n)) for n, r in zip(names, rows, strict=True)]
    traces = [
        go.Bar(y=names, x=[r.previous_count for r in rows], orientation="h", name=previous,
               marker={"color": PREVIOUS_COLOUR}, hovertext=hover_before, hoverinfo="text", uid=f"{figure_id}-before"),
        go.Bar(y=names, x=[r.count for r in rows], orientation="h", name=current, marker={"color": CURRENT_COLOUR},
               hovertext=hover_now, hoverinfo="text", uid=f"{figure_id}-now"),
    ]
    # Room for the category labels, measured rather than left to plotly's
    # automargin, which measures before the web font has loaded.
    room = 30 + 7 * max((len(n) for n in names), default=0)
    size = (SIZES["wide"][0], max(300, 110 + 34 * len(names)))
    figure = go.Figure(traces, compare_layout(
        fmt, title, size, barmode="group", bargap=0.3, bargroupgap=0.05,
        margin={"l": 40 if rtl else room, "r": room if rtl else 40, "t": 80, "b": 50},
        # Previous period above this period within each group: plotly stacks a
        # group's bars from the bottom, and the reversed axis turns that over.
        yaxis={"autorange": "reversed", "side": "right" if rtl else "left", "automargin": True,
               "ticklabelstandoff": 6},
        xaxis={"autorange": "reversed" if rtl else True, "gridcolor": "#e5e7eb",
               "title": {"text": _("Activities")}},
    ))
    return Figure(figure_id, figure, caption, alt, size)


def _most(fmt: Formatter, names: Sequence[str], counts: Sequence[int]) -> str:
    """The three largest counts with their names ("Organiser (4), Financer (2) and Recruiter (1)")."""
    ranked = sorted(zip(names, counts, strict=True), key=lambda pair: -pair[1])[:3]
    return fmt.join(f"{name} ({fmt.integer(count)})" for name, count in ranked if count) or "—"


def _top_rows(fmt: Formatter, names: list[str], rows: Sequence[CountChange]) -> str:
    """The three largest rows with both counts, for a text alternative."""
    _ = fmt.gettext
    return fmt.join(_("%(name)s (%(count)s, previously %(previous)s)", name=n, count=fmt.integer(r.count),
                      previous=fmt.integer(r.previous_count))
                    for n, r in zip(names[:3], rows[:3], strict=True)) or "—"


def _hover(fmt: Formatter, label: str, row: Count | CountChange) -> str:
    """The hover text of one bar: its label, its activities of the period and their value."""
    return html_text(fmt.ngettext("%(label)s: %(num)s activity, %(value)s", "%(label)s: %(num)s activities, %(value)s",
                                  row.count, label=label, value=fmt.money(row.value_eur)))


def activity_type_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    """Activities by crime type, this period against the previous one (the section's table has the figures)."""
    _ = fmt.gettext
    rows = analysis.activities.by_type
    names = [_(labels.ACTIVITY_TYPES[r.key]) for r in rows]
    hover = [_hover(fmt, n, r) for n, r in zip(names, rows, strict=True)]
    return _compare_bars(
        fmt, "activity-types", _("Activities by crime type"), names, rows, hover,
        _("Number of recorded activities of each crime type in the period and in the previous period of the "
          "same length."),
        _("Bar chart of activities by crime type in this period and the previous one; the most: %(top)s. "
          "The table below gives every figure.", top=_top_rows(fmt, names, rows)))


def activity_country_figure(fmt: Formatter, rows: Sequence[CountChange]) -> Figure:
    """The countries ``rows`` (the same rows as the table beside the chart), this period against the previous one."""
    _ = fmt.gettext
    names = [fmt.country(r.key) for r in rows]
    hover = [_hover(fmt, n, r) for n, r in zip(names, rows, strict=True)]
    return _compare_bars(
        fmt, "activity-countries", _("Activities by country"), names, rows, hover,
        _("Number of recorded activities in each country (the %(count)s most affected) in the period and in the "
          "previous period; an activity spanning several countries counts in each.", count=fmt.integer(len(rows))),
        _("Bar chart of activities by country in this period and the previous one; the most: %(top)s. "
          "The table below gives every figure.", top=_top_rows(fmt, names, rows)))


def activity_month_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    """Activities per month over both periods: the previous period's months muted, a rule between the periods."""
    _ = fmt.gettext
    rtl = fmt.direction == "rtl"
    acts = analysis.activities
    traces = []
    for rows, label, colour, when in ((acts.previous.by_month, _("Previous period"), PREVIOUS_COLOUR, "before"),
                                      (acts.by_month, _("This period"), CURRENT_COLOUR, "now")):
        hover = [_hover(fmt, fmt.month(r.key), r) for r in rows]
        traces.append(go.Bar(x=[fmt.month(r.key, "MMM y") for r in rows], y=[r.count for r in rows], name=label,
                             marker={"color": colour}, hovertext=hover, hoverinfo="text",
                             uid=f"activity-months-{when}"))
    shapes = []
    if acts.previous.by_month and acts.by_month:
        # Between the last previous month and the first current one (category positions count from 0).
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": len(acts.previous.by_month) - 0.5,
                       "x1": len(acts.previous.by_month) - 0.5, "y0": 0, "y1": 1,
                       "line": {"color": "#5b6675", "width": 1, "dash": "dash"}})
    size = SIZES["wide"]
    figure = go.Figure(traces, compare_layout(
        fmt, _("Activities by month"), size, barmode="overlay", bargap=0.25, shapes=shapes,
        margin={"l": 60, "r": 60, "t": 80, "b": 50},
        xaxis={"autorange": "reversed" if rtl else True, "type": "category"},
        yaxis=y_axis(fmt, _("Activities"), gridcolor="#e5e7eb"),
    ))
    busiest = max(acts.by_month, key=lambda r: r.count, default=None)
    alt = _("Bar chart of activities per month over the previous period and this one: %(before)s, then %(now)s; "
            "the busiest month of the period is %(month)s (%(count)s). The table below gives every month.",
            before=fmt.integer(acts.previous.count), now=fmt.integer(acts.count),
            month=fmt.month(busiest.key) if busiest else "—", count=fmt.integer(busiest.count) if busiest else "—")
    caption = _("Number of recorded activities per month, in the previous period (grey) and in this period.")
    return Figure("activity-months", figure, caption, alt, size)


def _blue(share: float) -> str:
    """A colour from pale to dark blue for a share in [0, 1]."""
    low, high = (239, 246, 255), (8, 48, 107)
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high, strict=False))


def grading_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    """Reliability × credibility heat map, drawn as rectangles so that it stays vector in the PDF."""
    _ = fmt.gettext
    grades = analysis.gradings
    matrix = [
        [a + b for a, b in zip(row_links, row_acts, strict=False)]
        for row_links, row_acts in zip(grades.links.matrix, grades.activities.matrix, strict=False)
    ]
    rel, cred = grades.reliability, grades.credibility
    peak = max((v for row in matrix for v in row), default=0) or 1
    rtl = fmt.direction == "rtl"
    shapes, annotations, xs, ys, hover = [], [], [], [], []
    for i, r in enumerate(rel):
        for j, c in enumerate(cred):
            value = matrix[i][j]
            x = len(cred) - 1 - j if rtl else j
            shapes.append({"type": "rect", "x0": x - 0.48, "x1": x + 0.48, "y0": i - 0.48, "y1": i + 0.48,
                           "fillcolor": _blue(value / peak), "line": {"width": 0}, "layer": "below"})
            annotations.append({"x": x, "y": i, "text": fmt.integer(value), "showarrow": False,
                                "font": {"color": "white" if value / peak > 0.5 else "#1f2a37"}})
            xs.append(x)
            ys.append(i)
            hover.append(html_text(_("Reliability %(r)s, credibility %(c)s: %(n)s", r=r, c=c, n=fmt.integer(value))))
    positions = list(range(len(cred)))
    trace = go.Scatter(x=xs, y=ys, mode="markers", marker={"size": 30, "opacity": 0}, hovertext=hover,
                       hoverinfo="text", showlegend=False, uid="grading")
    figure = go.Figure([trace], base_layout(
        fmt, _("Grading of the intelligence"), SIZES["square"], shapes=shapes, annotations=annotations,
        xaxis={"title": {"text": _("Information credibility")}, "side": "top", "tickvals": positions,
               "ticktext": list(reversed(cred)) if rtl else cred, "range": [-0.6, len(cred) - 0.4],
               "showgrid": False, "zeroline": False},
        yaxis={"title": {"text": _("Source reliability")}, "tickvals": list(range(len(rel))), "ticktext": rel,
               "range": [len(rel) - 0.4, -0.6], "showgrid": False, "zeroline": False,
               "side": "right" if rtl else "left"},
    ))
    # The credibility axis is on top: the title goes to the top of the figure, above that axis' title.
    figure.update_layout(title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 14, "b": 0}},
                         margin={"t": 112})
    caption = _("Links and activities by source reliability and information credibility "
                "(%(graded)s graded, %(ungraded)s ungraded).",
                graded=fmt.integer(grades.links.graded + grades.activities.graded),
                ungraded=fmt.integer(grades.links.ungraded + grades.activities.ungraded))
    cells = [(f"{r}{c}", matrix[i][j]) for i, r in enumerate(rel) for j, c in enumerate(cred)]
    alt = _("Heat map of gradings; the most frequent: %(top)s.",
            top=_most(fmt, [code for code, _n in cells], [n for _code, n in cells]))
    return Figure("grading", figure, caption, alt, SIZES["square"])


def evidence_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    _ = fmt.gettext
    rows = list(analysis.gradings.evidence.items())
    names = [_(labels.EVIDENCE_TYPES[k]) for k, _n in rows]
    hover = [html_text(fmt.labelled(n, fmt.integer(c))) for n, (_k, c) in zip(names, rows, strict=False)]
    return _bar(fmt, "evidence", _("Evidence behind the links"), names, [c for _k, c in rows], hover,
                _("Number of links supported by each type of evidence (a link may have several)."),
                _("Bar chart of evidence types; the most frequent: %(top)s.",
                  top=_most(fmt, names, [c for _k, c in rows])),
                colour="#56B4E9", axis_title=_("Links"))


def role_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    _ = fmt.gettext
    rows = list(analysis.composition.roles.items())
    names = [_(labels.ROLES[k]) for k, _n in rows]
    hover = [html_text(fmt.labelled(n, fmt.integer(c))) for n, (_k, c) in zip(names, rows, strict=False)]
    figure = _bar(fmt, "roles", _("Roles in the network"), names, [c for _k, c in rows], hover,
                  _("Number of entities holding each role (an entity may hold several)."),
                  _("Bar chart of roles; the most held: %(top)s.", top=_most(fmt, names, [c for _k, c in rows])),
                  colour="#CC79A7", axis_title=_("Entities"))
    figure.figure.update_traces(marker={"color": [ROLE_COLOURS[k] for k, _n in rows]})
    return figure


def changes_figure(fmt: Formatter, changes: Changes) -> Figure:
    """This period against the previous one: one small chart per count, each on its own scale.

    Counts of very different sizes (hundreds of links, a dozen communities)
    on one axis would flatten the small ones, hiding a drop from 17 to 11
    communities; each row gets its own axis from zero, both values and the
    change written beside the bars.
    """
    _ = fmt.gettext
    rtl = fmt.direction == "rtl"
    measures = [(_("Entities"), changes.entities.before, changes.entities.now),
                (_("Distinct relationships"), changes.links.before, changes.links.now),
                (_("Activities"), changes.activities.before, changes.activities.now),
                (_("Countries"), changes.countries.before, changes.countries.now),
                (_("Communities"), changes.communities.before, changes.communities.now)]
    previous, current = _("Previous period"), _("This period")
    figure = make_subplots(rows=len(measures), cols=1, vertical_spacing=0.06)
    for row, (name, before, now) in enumerate(measures, start=1):
        for label, value, colour, when in ((previous, before, PREVIOUS_COLOUR, "before"),
                                           (current, now, CURRENT_COLOUR, "now")):
            # The count next to the end of the bar, the change beyond it (bars grow leftwards in RTL).
            text = fmt.integer(value)
            if when == "now":
                change = f"({change_text(fmt, now, before)})"
                text = f"{change} {text}" if rtl else f"{text} {change}"
            figure.add_trace(go.Bar(
                y=[name], x=[value], orientation="h", name=label, legendgroup=when, showlegend=row == 1,
                marker={"color": colour}, text=[bidi(fmt, text)], textposition="outside", cliponaxis=False,
                hovertext=[html_text(fmt.labelled(f"{name} — {label}", fmt.integer(value)))], hoverinfo="text",
                uid=f"changes-{row}-{when}",
            ), row=row, col=1)
        peak = max(before, now, 1)
        figure.update_xaxes(range=[peak * 1.45, 0] if rtl else [0, peak * 1.45], showgrid=False, zeroline=True,
                            zerolinecolor="#9aa5b1", showticklabels=False, row=row, col=1)
        figure.update_yaxes(side="right" if rtl else "left", autorange="reversed", ticklabelstandoff=6, row=row, col=1)
    size = (SIZES["wide"][0], 110 + 62 * len(measures))
    room = 30 + 7 * max(len(name) for name, _b, _n in measures)
    figure.update_layout(compare_layout(
        fmt, _("This period and the previous one"), size, barmode="group", bargap=0.2, bargroupgap=0.05,
        margin={"l": 30 if rtl else room, "r": room if rtl else 30, "t": 80, "b": 20},
    ))
    caption = _("Entities, distinct relationships (several links between the same two entities count as one), "
                "activities, countries and communities in the reporting period and in the previous period of the "
                "same length; each count has its own scale, starting at zero.")
    pairs = [_("%(measure)s from %(before)s to %(now)s", measure=name, before=fmt.integer(before), now=fmt.integer(now))
             if before != now else _("%(measure)s: %(now)s (no change)", measure=name, now=fmt.integer(now))
             for name, before, now in measures]
    alt = _("Bar charts comparing this period with the previous one: %(list)s.", list=fmt.join(pairs))
    table = FigureTable(
        (_("Measure"), previous, current, _("Change")),
        tuple((name, fmt.integer(before), fmt.integer(now), change_text(fmt, now, before))
              for name, before, now in measures),
        (False, True, True, True))
    return Figure("changes", figure, caption, alt, size, tables=(table,))
