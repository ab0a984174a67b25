"""Excel workbooks with sheets ``entities``, ``links``, ``activities`` and an optional ``project``.

The three table sheets have the data contract's columns (a header row,
names matched case-insensitively, or renamed under ``columns:``); the
``project`` sheet has two columns, a key (``title``, ``period.start``,
``period.end``, ``classification``, ``grading``) and its value. Formulas
are read as their cached values. Identifiers may be anything (``Lg Side``):
each becomes a safe id, the original kept as ``external_id``, and links and
activities naming it follow. Unknown columns and project keys are dropped,
each noted once. Reading is bounded as for ``project.xlsx``
(:mod:`reportgen.data.workbook`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ...errors import DataError, Problem, column_letter
from ..model import Activity, Entity, Link
from ..workbook import SheetError, read_sheet, sheet_names
from .base import Draft, Imported, Note, Raw
from .clean import finish
from .mapping import column_for

#: The table sheets, with the model of their columns.
SHEETS: dict[str, type[Entity] | type[Link] | type[Activity]] = {
    "entities": Entity, "links": Link, "activities": Activity,
}
#: Keys of the ``project`` sheet.
PROJECT_KEYS = ("title", "period.start", "period.end", "classification", "grading")


def read_xlsx(sources: Sequence[Path], mapping: Mapping[str, Any]) -> Imported:
    """Entities, links, activities and project fields from workbooks."""
    draft = Draft()
    for path in sources:
        try:
            names = {name.strip().lower() for name in sheet_names(path)}
            if "entities" not in names:
                raise SheetError(f"no sheet 'entities' (sheets: {', '.join(sorted(names))})")
            for sheet, model in SHEETS.items():
                getattr(draft, sheet).extend(_table(path, sheet, model, mapping, draft))
            _project(path, draft)
        except SheetError as error:
            raise DataError([Problem(str(path), None, None, str(error))]) from None
    return finish(draft, mapping)


def _table(path: Path, sheet: str, model: type[Entity] | type[Link] | type[Activity],
           mapping: Mapping[str, Any], draft: Draft) -> list[Raw]:
    rows = read_sheet(path, sheet)
    header = next(rows, None)
    if header is None:
        return []
    columns: dict[int, str] = {}
    for position, name in enumerate(header):
        column = column_for(mapping, name, model.columns())
        if column is None:
            draft.notes.append(Note("dropped", f"column {name!r}",
                                    f"{path}:{sheet}!{column_letter(position + 1)}1", "not a column of the contract"))
        else:
            columns[position] = column
    # A type may come from the defaults, a name from the id, a date from the defaults.
    missing = [column for column in model.REQUIRED if column not in columns.values()
               and column not in ("type", "name", "date")]
    if missing:
        raise DataError([Problem(str(path), 1, None, f"missing column {', '.join(missing)}", sheet=sheet)])
    records: list[Raw] = []
    for number, cells in enumerate(rows, start=2):
        if not any(cells):
            continue
        values = {column: cells[position] for position, column in columns.items() if position < len(cells)}
        identity = values.pop("id", "")
        if sheet != "links" or identity:
            values["external_id"] = identity or values.get("external_id", "")
        records.append((f"{path}:{sheet}!{number}", values))
    return records


def _project(path: Path, draft: Draft) -> None:
    for number, cells in enumerate(read_sheet(path, "project"), start=1):
        if len(cells) < 2 or not cells[0]:
            continue
        key, value = cells[0].strip().lower(), cells[1].strip()
        if key in ("key", "field") and number == 1:
            continue  # a header row
        if key not in PROJECT_KEYS:
            draft.notes.append(Note("dropped", f"project key {cells[0]!r}", f"{path}:project!A{number}",
                                    f"not imported (imported: {', '.join(PROJECT_KEYS)})"))
        elif key.startswith("period."):
            draft.project.setdefault("period", {})[key.split(".")[1]] = value
        elif value:
            draft.project[key] = value
