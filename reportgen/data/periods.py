"""Reporting periods: parse ``--period`` and select what falls in a period.

A period is written ``2026-Q3`` (a quarter), ``2026-09`` (a month), ``2026``
(a year) or ``2026-07-01:2026-09-30`` (any range, both days included).

What a report for a period covers:

- activities dated in the period — and, for the comparison, those of the
  previous period of the same length (:func:`previous_period`);
- entities and links *seen* in the period: their ``first_seen``–``last_seen``
  interval overlaps it (a missing date leaves that end open, so undated
  items are always in), plus every entity involved in an activity of the
  period;
- links only between entities that are in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from ..errors import UsageError
from .load import Project
from .meta import Period
from .model import Entity, Link


def parse_period(text: str) -> Period:
    """``2026-Q3``, ``2026-09``, ``2026`` or ``START:END`` as a :class:`Period`."""
    value = text.strip()
    try:
        if match := re.fullmatch(r"(\d{4})-[Qq]([1-4])", value):
            year, quarter = int(match[1]), int(match[2])
            start = date(year, 3 * quarter - 2, 1)
            return Period(start=start, end=_month_end(year, 3 * quarter))
        if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(match[1]), int(match[2])
            return Period(start=date(year, month, 1), end=_month_end(year, month))
        if re.fullmatch(r"\d{4}", value):
            return Period(start=date(int(value), 1, 1), end=date(int(value), 12, 31))
        if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})", value):
            return Period(start=match[1], end=match[2])
    except ValueError as error:
        raise UsageError(f"invalid period {text!r}: {_reason(error)}") from None
    raise UsageError(f"invalid period {text!r} (expected 2026-Q3, 2026-09, 2026 or 2026-07-01:2026-09-30)")


def _reason(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        return "; ".join(e["msg"].removeprefix("Value error, ") for e in errors())
    return str(error)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def whole_months(start: date, end: date) -> int | None:
    """How many calendar months the period spans, if it is made of whole months."""
    if start.day != 1 or (end + timedelta(days=1)).day != 1:
        return None
    return (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length that ends the day before ``start``.

    A period of whole calendar months (a month, a quarter, a year) is
    compared with the same number of whole months before it (Q3 with Q2);
    any other period with the same number of days before it.
    """
    last = start - timedelta(days=1)
    months = whole_months(start, end)
    if months:
        index = start.year * 12 + start.month - 1 - months
        return date(index // 12, index % 12 + 1, 1), last
    return last - (end - start), last


def period_slug(start: date, end: date) -> str:
    """``2026-Q3``, ``2026-09``, ``2026`` for calendar periods, else ``START_END``."""
    months = whole_months(start, end)
    if months == 1:
        return f"{start.year}-{start.month:02d}"
    if months == 3 and start.month in (1, 4, 7, 10):
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if months == 12 and start.month == 1:
        return f"{start.year}"
    return f"{start.isoformat()}_{end.isoformat()}"


def select(project: Project, period: Period) -> Project:
    """The part of ``project`` a report for ``period`` covers (see the module's rules)."""
    before, _ = previous_period(period.start, period.end)

    def overlaps(item: Entity | Link) -> bool:
        first, last = item.first_seen, item.last_seen
        return (first is None or first <= period.end) and (last is None or last >= period.start)

    activities = tuple(a for a in project.activities if before <= a.date <= period.end)
    active = {e for a in activities if a.date >= period.start for e in a.entities}
    entities = tuple(e for e in project.entities if overlaps(e) or e.id in active)
    kept = {e.id for e in entities}
    links = tuple(k for k in project.links if overlaps(k) and k.source in kept and k.target in kept)
    # Activities of the previous period only count; their entities need not be in the network.
    activities = tuple(a for a in activities if a.date < period.start or all(e in kept for e in a.entities))
    return replace(
        project,
        meta=project.meta.model_copy(update={"period": period}),
        entities=entities,
        links=links,
        activities=activities,
    )
