"""Writing imported tables as a project directory, all at once or not at all."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from ...errors import ReportgenError, UsageError
from ..model import Activity, Entity, Link
from .base import Imported, Row
from .cells import neutralise

#: What the analyst must replace in the generated ``project.yaml``.
TO_FILL_IN = "TO FILL IN"

#: The tables of a project, with the columns each may hold.
TABLES: dict[str, tuple[str, type[Entity] | type[Link] | type[Activity]]] = {
    "entities": ("entities.csv", Entity), "links": ("links.csv", Link), "activities": ("activities.csv", Activity),
}


def write_project(imported: Imported, out_dir: str | Path, code_name: str, force: bool = False) -> Path:
    """Write ``imported`` as the project directory ``out_dir`` and return it.

    Everything is written into a temporary sibling directory first and moved
    into place at the end, so that ``out_dir`` is never half-written. An
    existing ``out_dir`` that is not empty is refused unless ``force`` (it is
    then replaced as a whole).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a directory")
    if out.exists() and any(out.iterdir()) and not force:
        raise UsageError(f"{out}: directory is not empty (use --force to replace it)")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    except OSError as error:
        raise ReportgenError(f"{out}: cannot write the project: {error}") from None
    try:
        for table, (name, model) in TABLES.items():
            (staging / name).write_bytes(_csv(model, getattr(imported, table)))
        (staging / "project.yaml").write_text(project_yaml(imported, code_name), encoding="utf-8")
        os.chmod(staging, 0o755)
        _swap(staging, out)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ReportgenError(f"{out}: cannot write the project: {error}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out


def _swap(staging: Path, out: Path) -> None:
    """Move ``staging`` to ``out``, replacing an existing ``out`` only after the move succeeded."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    try:
        os.replace(staging, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(old)


def _csv(model: type[Entity] | type[Link] | type[Activity], rows: list[Row]) -> bytes:
    """``rows`` as CSV: the model's required columns and those any row fills, cells neutralised."""
    used = {column for row in rows for column, value in row.items() if value}
    columns = [column for column in model.columns() if column in model.REQUIRED or column in used]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row.get(column, "")) for column in columns])
    return buffer.getvalue().encode("utf-8")


def project_yaml(imported: Imported, code_name: str) -> str:
    """A ``project.yaml`` with what the source told and placeholders marked TO FILL IN for the rest."""
    told = imported.project
    start, end = _period(imported)
    title = told.get("title") or f"{TO_FILL_IN}: the project's title"
    period = {"start": start.isoformat(), "end": end.isoformat(), **_told_period(told.get("period"))}
    lines = [
        "# Written by `reportgen import`. Replace every TO FILL IN before publishing.",
        f"code_name: {json.dumps(code_name, ensure_ascii=False)}",
        "title:",
        f"  en: {json.dumps(str(title), ensure_ascii=False)}",
        f"# {TO_FILL_IN}: the reporting period (here: the span of the source's dates, else this quarter)",
        "period:",
        f"  start: {period['start']}",
        f"  end: {period['end']}",
        f"# {TO_FILL_IN}: the classification of items that carry none",
        f"classification: {told.get('classification', 'restricted')}",
        f"grading: {told.get('grading', 'admiralty')}",
        "narratives:",
        "  summary:",
        f"    en: {json.dumps(f'{TO_FILL_IN}: two to four sentences on the network.')}",
        "  key_judgements: []",
        "  recommendations: []",
        "  intelligence_gaps: []",
        "",
    ]
    return "\n".join(lines)


def _told_period(told: object) -> dict[str, str]:
    """The period days the source told, those that are ISO dates."""
    days = {}
    for key in ("start", "end"):
        value = told.get(key) if isinstance(told, dict) else None
        try:
            days[key] = date.fromisoformat(str(value)[:10]).isoformat()
        except ValueError:
            continue
    return days


def _period(imported: Imported) -> tuple[date, date]:
    """The span of the imported dates, else the current quarter."""
    days = []
    for rows, columns in ((imported.entities, ("first_seen", "last_seen")),
                          (imported.links, ("first_seen", "last_seen")), (imported.activities, ("date",))):
        for row in rows:
            for column in columns:
                if row.get(column):
                    days.append(date.fromisoformat(row[column]))
    if days:
        return min(days), max(days)
    today = date.today()
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    end = date(today.year + (first_month == 10), 1 if first_month == 10 else first_month + 3, 1)
    return start, date.fromordinal(end.toordinal() - 1)
