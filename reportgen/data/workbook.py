"""Reading workbook sheets as rows of text, safely and within bounds.

A project directory may hold ``project.xlsx`` (sheets ``entities``,
``links``, ``activities``) instead of the three CSV files. :func:`sheet_rows`
gives a sheet's rows the way :func:`csv.reader` gives a file's: lists of
text cells, with ``line_num`` the sheet row of the last row returned, so
the loader validates both the same way; :func:`relocate` then rewrites the
problems found as ``project.xlsx:entities!C12``.

Formulas are read as the values Excel cached for them. The workbook is
checked before it is parsed (a ZIP archive, of bounded unpacked size, with
its sheets' declared dimensions within bounds), read in openpyxl's streaming
mode (with defusedxml, so entity expansion and external entities are
refused), and the row count is checked again while reading.
"""

from __future__ import annotations

import itertools
import logging
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Protocol

from ..errors import Problem

log = logging.getLogger(__name__)

#: The workbook a project directory may hold instead of its CSV files.
WORKBOOK = "project.xlsx"

#: Largest number of rows read from one sheet.
MAX_ROWS = 200_000
#: Largest number of columns read from one sheet.
MAX_COLUMNS = 200
#: Largest total unpacked size of a workbook's parts, in bytes.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
#: Largest compression ratio of one part (a "zip bomb" packs gigabytes in kilobytes).
MAX_RATIO = 200


class SheetError(Exception):
    """A workbook or sheet that cannot be read; the message is for the analyst."""


def in_use(root: Path) -> bool:
    """Whether the project in ``root`` keeps its tables in ``project.xlsx``."""
    return (root / WORKBOOK).exists()


class Rows(Protocol):
    """What the loader reads a table through: :func:`csv.reader`, or :class:`SheetRows`."""

    @property
    def line_num(self) -> int: ...

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


class SheetRows:
    """A sheet's rows as lists of text cells; ``line_num`` is the sheet row of the last one returned.

    A sheet that turns out unreadable part-way (a row limit, a broken part)
    ends there, with the reason added to ``problems``.
    """

    def __init__(self, rows: Iterator[list[str]], book: str, problems: list[Problem]):
        self._rows = rows
        self._book = book
        self._problems = problems
        self.line_num = 0

    def __iter__(self) -> SheetRows:
        return self

    def __next__(self) -> list[str]:
        try:
            row = next(self._rows)
        except SheetError as error:
            self._problems.append(Problem(self._book, None, None, str(error)))
            raise StopIteration from None
        self.line_num += 1
        return row


def sheet_rows(root: Path, name: str, problems: list[Problem]) -> SheetRows | None:
    """The rows of the sheet of ``project.xlsx`` holding table ``name`` (``entities.csv`` → ``entities``)."""
    book = root / WORKBOOK
    sheet = name.removesuffix(".csv")
    if (root / name).exists():
        problems.append(Problem(str(book), None, None, f"both {WORKBOOK} and {name} exist: keep one of them"))
        return None
    try:
        rows = read_sheet(book, sheet, required=True)
        first = next(rows, None)
    except SheetError as error:
        problems.append(Problem(str(book), None, None, str(error)))
        return None
    return SheetRows(itertools.chain([] if first is None else [first], rows), str(book), problems)


def check_archive(path: Path) -> None:
    """Refuse what is not a workbook, or would unpack beyond the bounds, before parsing anything."""
    if not zipfile.is_zipfile(path):
        raise SheetError("not an Excel workbook (.xlsx files are ZIP archives; this one is not)")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise SheetError(f"unreadable workbook: {error}") from None
    if "xl/workbook.xml" not in {part.filename for part in parts}:
        raise SheetError("not an Excel workbook (no xl/workbook.xml in the archive)")
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED_BYTES:
        raise SheetError(f"workbook too large: {total // 2**20} MiB unpacked (at most {MAX_UNPACKED_BYTES // 2**20})")
    for part in parts:
        if part.compress_size and part.file_size / part.compress_size > MAX_RATIO and part.file_size > 2**20:
            raise SheetError(f"workbook part {part.filename} is compressed {part.file_size // part.compress_size}"
                             f" times: refused as a possible ZIP bomb")


def sheet_names(path: Path) -> list[str]:
    """The names of a workbook's sheets."""
    book = _open(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_sheet(path: Path, sheet: str, required: bool = False) -> Iterator[list[str]]:
    """Rows of ``sheet`` (matched case-insensitively) as text cells; nothing if absent and not ``required``.

    The header's trailing empty cells are cut, and so are each row's trailing
    empty cells beyond the header.
    """
    book = _open(path)
    try:
        names = {str(title).strip().lower(): title for title in book.sheetnames}
        if sheet.lower() not in names:
            if required:
                raise SheetError(f"no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
            return
        worksheet = book[names[sheet.lower()]]
        _check_dimensions(worksheet, sheet)
        width = 0
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise SheetError(f"sheet {sheet!r} has more than {MAX_ROWS:,} rows")
            cells = [cell_text(value) for value in values[:MAX_COLUMNS + 1]]
            if number == 1:
                width = _width(cells)
                if width > MAX_COLUMNS:
                    raise SheetError(f"sheet {sheet!r} has more than {MAX_COLUMNS} columns")
            yield cells[:width] if not any(cells[width:]) else cells[:_width(cells)]
    except SheetError:
        raise
    except Exception as error:  # openpyxl and its XML parsers raise many kinds
        raise SheetError(f"unreadable workbook: {type(error).__name__}: {error}") from None
    finally:
        book.close()


def _open(path: Path) -> Any:
    """The workbook in streaming, values-only mode, after :func:`check_archive`."""
    check_archive(path)
    import openpyxl  # imported late: only workbook users pay for it

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl and its XML parsers raise many kinds
        raise SheetError(f"unreadable workbook: {type(error).__name__}: {error}") from None


def _check_dimensions(worksheet: Any, sheet: str) -> None:
    """Refuse a sheet whose declared size is beyond the bounds, before reading its rows."""
    try:
        rows, columns = worksheet.max_row, worksheet.max_column
    except Exception:  # an absent or malformed <dimension>: the row count is checked while reading
        return
    if isinstance(rows, int) and rows > MAX_ROWS:
        raise SheetError(f"sheet {sheet!r} declares {rows:,} rows (at most {MAX_ROWS:,} are read)")
    if isinstance(columns, int) and columns > MAX_COLUMNS:
        raise SheetError(f"sheet {sheet!r} declares {columns:,} columns (at most {MAX_COLUMNS})")


def _width(cells: list[str]) -> int:
    """The position after the last non-empty cell."""
    for position in range(len(cells), 0, -1):
        if cells[position - 1].strip():
            return position
    return 0


def cell_text(value: Any) -> str:
    """A cell's value as the text a CSV file would hold (dates ISO, whole numbers without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def relocate(root: Path, problems: list[Problem]) -> list[Problem]:
    """Problems found in the tables of ``project.xlsx`` located in its sheets instead of CSV files."""
    if not in_use(root):
        return problems
    book = str(root / WORKBOOK)
    sheets = {str(root / f"{table}.csv"): table for table in ("entities", "links", "activities")}
    return [
        Problem(book, problem.row, problem.column, problem.message, problem.key, sheet=sheets[problem.path])
        if problem.path in sheets else problem
        for problem in problems
    ]
