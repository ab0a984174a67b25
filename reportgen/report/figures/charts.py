"""Charts of counts and curves: disruption, activities, gradings, roles, the change between periods."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from ...analysis.results import Analysis, Changes, CountChange
from ...i18n import labels
from ...i18n.formatting import Formatter
from .base import ROLE_COLOURS, SIZES, Figure, base_layout, html_text


def strategy_label(fmt: Formatter, strategy: str) -> str:
    if strategy.startswith("role:"):
        role = strategy.split(":", 1)[1]
        return fmt.gettext(labels.ROLE_STRATEGY, role=fmt.gettext(labels.ROLES[role]).lower())
    return fmt.gettext(labels.STRATEGIES[strategy])


def disruption_figure(fmt: Formatter, analysis: Analysis, shown: Sequence[tuple[str, str]]) -> Figure:
    """The removal curves of the ``shown`` (strategy, mode) scenarios."""
    _ = fmt.gettext
    disruption = analysis.disruption
    colours = ["#0072B2", "#0072B2", "#D55E00", "#D55E00", "#7F7F7F", "#009E73", "#CC79A7"]
    traces = []
    for (strategy, mode), colour in zip(shown, colours):
        curve = disruption[strategy][mode]
        label = strategy_label(fmt, strategy)
        if strategy != "random":
            label += f" ({_(labels.MODES[mode])})"
        traces.append(go.Scatter(
            x=[row.k for row in curve], y=[row.lcc_fraction for row in curve], mode="lines+markers",
            name=label, line={"color": colour, "dash": "dot" if mode == "static" and strategy != "random" else "solid"},
            hovertemplate=f"{html_text(label)}<br>%{{x}} → %{{y:.0%}}<extra></extra>",
            uid=f"disruption-{strategy.replace(':', '-')}-{mode}",
        ))
    rtl = fmt.direction == "rtl"
    figure = go.Figure(traces, base_layout(
        fmt, _("Disruption scenarios"), SIZES["wide"],
        xaxis={"title": {"text": _("Entities removed")}, "autorange": "reversed" if rtl else True,
               "gridcolor": "#e5e7eb", "dtick": 2},
        yaxis={"title": {"text": _("Largest connected group left")}, "tickformat": ".0%", "range": [0, 1.05],
               "gridcolor": "#e5e7eb", "side": "right" if rtl else "left"},
        legend={"orientation": "v", "x": 0.01 if not rtl else 0.99, "xanchor": "left" if not rtl else "right",
                "y": 0.02, "yanchor": "bottom", "bgcolor": "rgba(255,255,255,0.8)"},
    ))
    caption = _("Share of the largest connected group of the network that remains as entities are removed, "
                "per strategy. Lower curves fragment the network faster.")
    alt = _("Line chart of %(count)s disruption scenarios.", count=fmt.integer(len(traces)))
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
            "yaxis": {"gridcolor": "#e5e7eb", "side": "right" if rtl else "left", "title": {"text": axis_title}},
        }
        height = SIZES["wide"][1]
    size = (SIZES["wide"][0], height)
    figure = go.Figure([trace], base_layout(fmt, title, size, showlegend=False, bargap=0.25, **extra))
    return Figure(figure_id, figure, caption, alt, size)


def activity_type_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    _ = fmt.gettext
    rows = analysis.activities.by_type
    names = [_(labels.ACTIVITY_TYPES[r.key]) for r in rows]
    hover = [html_text(_("%(type)s: %(count)s activities, %(value)s", type=n, count=fmt.integer(r.count),
                     value=fmt.money(r.value_eur))) for n, r in zip(names, rows)]
    return _bar(fmt, "activity-types", _("Activities by crime type"), names, [r.count for r in rows], hover,
                _("Number of recorded activities of each crime type in the period."),
                _("Bar chart of activities by crime type."), axis_title=_("Activities"))


def activity_country_figure(fmt: Formatter, rows: Sequence[CountChange]) -> Figure:
    """The countries ``rows`` (the same rows as the table beside the chart)."""
    _ = fmt.gettext
    names = [fmt.country(r.key) for r in rows]
    hover = [html_text(_("%(country)s: %(count)s activities, %(value)s", country=n, count=fmt.integer(r.count),
                     value=fmt.money(r.value_eur))) for n, r in zip(names, rows)]
    return _bar(fmt, "activity-countries", _("Activities by country"), names, [r.count for r in rows], hover,
                _("Number of recorded activities in each country (the %(count)s most affected); an activity "
                  "spanning several countries counts in each.", count=fmt.integer(len(rows))),
                _("Bar chart of activities by country."), colour="#009E73", axis_title=_("Activities"))


def activity_month_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    _ = fmt.gettext
    rows = analysis.activities.by_month
    names = [fmt.month(r.key, "MMM y") for r in rows]
    hover = [html_text(_("%(month)s: %(count)s activities, %(value)s", month=fmt.month(r.key),
                     count=fmt.integer(r.count), value=fmt.money(r.value_eur))) for r in rows]
    return _bar(fmt, "activity-months", _("Activities by month"), names, [r.count for r in rows], hover,
                _("Number of recorded activities per month."), _("Bar chart of activities by month."),
                horizontal=False, colour="#D55E00", axis_title=_("Activities"))


def _blue(share: float) -> str:
    """A colour from pale to dark blue for a share in [0, 1]."""
    low, high = (239, 246, 255), (8, 48, 107)
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high))


def grading_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    """Reliability × credibility heat map, drawn as rectangles so that it stays vector in the PDF."""
    _ = fmt.gettext
    grades = analysis.gradings
    matrix = [
        [a + b for a, b in zip(row_links, row_acts)]
        for row_links, row_acts in zip(grades.links.matrix, grades.activities.matrix)
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
    caption = _("Links and activities by source reliability and information credibility "
                "(%(graded)s graded, %(ungraded)s ungraded).",
                graded=fmt.integer(grades.links.graded + grades.activities.graded),
                ungraded=fmt.integer(grades.links.ungraded + grades.activities.ungraded))
    return Figure("grading", figure, caption, _("Heat map of gradings."), SIZES["square"])


def evidence_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    _ = fmt.gettext
    rows = list(analysis.gradings.evidence.items())
    names = [_(labels.EVIDENCE_TYPES[k]) for k, _n in rows]
    hover = [html_text(f"{n}: {fmt.integer(c)}") for n, (_k, c) in zip(names, rows)]
    return _bar(fmt, "evidence", _("Evidence behind the links"), names, [c for _k, c in rows], hover,
                _("Number of links supported by each type of evidence (a link may have several)."),
                _("Bar chart of evidence types."), colour="#56B4E9", axis_title=_("Links"))


def role_figure(fmt: Formatter, analysis: Analysis) -> Figure:
    _ = fmt.gettext
    rows = list(analysis.composition.roles.items())
    names = [_(labels.ROLES[k]) for k, _n in rows]
    hover = [html_text(f"{n}: {fmt.integer(c)}") for n, (_k, c) in zip(names, rows)]
    figure = _bar(fmt, "roles", _("Roles in the network"), names, [c for _k, c in rows], hover,
                  _("Number of entities holding each role (an entity may hold several)."),
                  _("Bar chart of roles."), colour="#CC79A7", axis_title=_("Entities"))
    figure.figure.update_traces(marker={"color": [ROLE_COLOURS[k] for k, _n in rows]})
    return figure


def changes_figure(fmt: Formatter, changes: Changes) -> Figure:
    """This period against the previous one: grouped bars of the main counts."""
    _ = fmt.gettext
    keys = [("entities", _("Entities")), ("links", _("Links")), ("activities", _("Activities")),
            ("countries", _("Countries")), ("communities", _("Communities"))]
    names = [label for _key, label in keys]
    rtl = fmt.direction == "rtl"
    traces = []
    for when, label, colour in (("before", _("Previous period"), "#9aa5b1"), ("now", _("This period"), "#0072B2")):
        values = [getattr(getattr(changes, key), when) for key, _label in keys]
        traces.append(go.Bar(
            x=names, y=values, name=label, marker={"color": colour},
            hovertext=[html_text(f"{n} — {label}: {fmt.integer(v)}") for n, v in zip(names, values)], hoverinfo="text",
            uid=f"changes-{when}",
        ))
    figure = go.Figure(traces, base_layout(
        fmt, _("This period and the previous one"), SIZES["wide"], barmode="group",
        xaxis={"autorange": "reversed" if rtl else True, "type": "category"},
        yaxis={"gridcolor": "#e5e7eb", "side": "right" if rtl else "left"},
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.15},
    ))
    caption = _("Entities, links, activities, countries and communities in the reporting period and in the previous "
                "period of the same length.")
    return Figure("changes", figure, caption, _("Bar chart comparing this period with the previous one."),
                  SIZES["wide"])


