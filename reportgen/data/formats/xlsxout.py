"""An Excel workbook in the layout ``reportgen import xlsx`` and ``project.xlsx`` read.

Sheets ``entities``, ``links`` and ``activities`` with the data contract's
columns (entities followed by the measures ``degree``, ``betweenness``,
``community``, ``key_player_rank``, ``key_player_score``), and a two-column
``project`` sheet. Text is stored as text: a cell that a spreadsheet would
run as a formula (starting with ``=``, ``+``, ``-`` or ``@``) is written as a
string with Excel's quote prefix, never as a formula, and reads back as
written. Numbers (weights, values, measures) are numbers. The document's
dates are the period's end and the archive's entries carry a fixed time, so
that the same release gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Activity, Entity, Link
from .cells import FORMULA_PREFIXES
from .export import Release, cells

#: Measure columns after an entity's own.
MEASURES = ("degree", "betweenness", "community", "key_player_rank", "key_player_score")
#: Columns written as numbers.
NUMBERS = frozenset({"weight", "value_eur", *MEASURES})


def write_xlsx(release: Release) -> bytes:
    """The release as an .xlsx workbook."""
    book = Workbook()
    project = release.project
    sheet = book.active
    assert sheet is not None
    sheet.title = "entities"
    _table(sheet, [*Entity.columns(), *MEASURES],
           [{**cells(e), **release.measure_cells(e.id)} for e in project.entities])
    _table(book.create_sheet("links"), list(Link.columns()), [cells(k) for k in project.links])
    _table(book.create_sheet("activities"), list(Activity.columns()), [cells(a) for a in project.activities])
    meta = project.meta
    _table(book.create_sheet("project"), ["key", "value"], [
        {"key": "title", "value": meta.title.en}, {"key": "period.start", "value": meta.period.start.isoformat()},
        {"key": "period.end", "value": meta.period.end.isoformat()},
        {"key": "classification", "value": meta.classification}, {"key": "grading", "value": meta.grading},
    ])
    book.properties.created = datetime.combine(meta.period.end, time(0))
    out = io.BytesIO()
    book.save(out)
    return _fixed_times(out.getvalue())


#: The modification time openpyxl writes (the time of saving).
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*")
_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]*)")


def _fixed_times(data: bytes) -> bytes:
    """The archive ``data`` with every entry dated 1980-01-01 and the document modified when created."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            created = _CREATED.search(content) if info.filename == "docProps/core.xml" else None
            if created:
                content = _MODIFIED.sub(rb"\g<1>" + created.group(1), content)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


def _table(sheet: Worksheet, columns: list[str], rows: list[dict[str, Any]]) -> None:
    sheet.append(columns)
    for number, row in enumerate(rows, start=2):
        for position, column in enumerate(columns, start=1):
            value = row.get(column)
            if value in (None, ""):
                continue
            cell = sheet.cell(row=number, column=position)
            if column in NUMBERS:
                cell.value = float(value) if isinstance(value, str) else value
                continue
            cell.value = str(value)
            # Text, whatever it starts with: a string cell, quote-prefixed so no spreadsheet evaluates it.
            cell.data_type = "s"
            if str(value).startswith(FORMULA_PREFIXES):
                cell.quotePrefix = True
