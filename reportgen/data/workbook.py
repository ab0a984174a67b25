"""Reading workbook sheets as rows of text, safely and within bounds.

A project directory may hold ``project.xlsx`` (sheets ``entities``,
``links``, ``activities``) instead of the three CSV files. :func:`sheet_rows`
gives a sheet's rows the way :func:`csv.reader` gives a file's: lists of
text cells, with ``line_num`` the sheet row of the last row returned, so
the loader validates both the same way; :func:`relocate` then rewrites the
problems found as ``project.xlsx:entities!C12``.

Formulas are read as the values Excel cached for them. The workbook is
checked before its sheets are parsed (a ZIP archive, of bounded unpacked
size and compression ratio, each sheet's declared ``<dimension>`` within
bounds), then read by calamine (Rust; it expands no XML entities and
fetches nothing), and each sheet's real size is checked again.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

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



class SheetRows:
    """A sheet's rows as lists of text cells; ``line_num`` is the sheet row of the last one returned."""

    def __init__(self, rows: Iterator[list[str]]):
        self._rows = rows
        self.line_num = 0

    def __iter__(self) -> SheetRows:
        return self

    def __next__(self) -> list[str]:
        row = next(self._rows)
        self.line_num += 1
        return row


def sheet_rows(root: Path, name: str, problems: list[Problem]) -> SheetRows | None:
    """The rows of the sheet of ``project.xlsx`` holding table ``name`` (``entities.csv`` → ``entities``)."""
    book = root / WORKBOOK
    if (root / name).exists():
        problems.append(Problem(str(book), None, None, f"both {WORKBOOK} and {name} exist: keep one of them"))
        return None
    try:
        return SheetRows(read_sheet(book, name.removesuffix(".csv"), required=True))
    except SheetError as error:
        problems.append(Problem(str(book), None, None, str(error)))
        return None


def check_archive(path: Path) -> dict[str, tuple[int, int]]:
    """Refuse what is not a workbook, or would unpack beyond the bounds, before parsing any sheet.

    Returns the size each sheet declares (``<dimension>``), by sheet name in
    lower case, for the sheets that declare one.
    """
    if not zipfile.is_zipfile(path):
        raise SheetError("not an Excel workbook (.xlsx files are ZIP archives; this one is not)")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {part.filename: part for part in archive.infolist()}
            if "xl/workbook.xml" not in parts:
                raise SheetError("not an Excel workbook (no xl/workbook.xml in the archive)")
            total = sum(part.file_size for part in parts.values())
            if total > MAX_UNPACKED_BYTES:
                raise SheetError(f"workbook too large: {total // 2**20} MiB unpacked "
                                 f"(at most {MAX_UNPACKED_BYTES // 2**20})")
            for part in parts.values():
                if part.compress_size and part.file_size > 2**20 and part.file_size / part.compress_size > MAX_RATIO:
                    raise SheetError(f"workbook part {part.filename} is compressed "
                                     f"{part.file_size // part.compress_size} times: refused as a possible ZIP bomb")
            return _declared_sizes(archive, parts)
    except (zipfile.BadZipFile, OSError) as error:
        raise SheetError(f"unreadable workbook: {error}") from None


#: ``<dimension ref="A1:M200">`` at the start of a sheet part.
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')
#: Namespaces of the workbook part and its relationships.
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _declared_sizes(archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo]) -> dict[str, tuple[int, int]]:
    """Rows and columns each sheet declares, read from the first bytes of its part."""
    import defusedxml.ElementTree as safe_tree

    rels_name = "xl/_rels/workbook.xml.rels"
    if rels_name not in parts or parts[rels_name].file_size > 2**20 or parts["xl/workbook.xml"].file_size > 2**20:
        return {}
    try:
        book = safe_tree.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
        rels = safe_tree.fromstring(archive.read(rels_name), forbid_dtd=True)
    except Exception as error:  # defusedxml refusals and parse errors alike
        raise SheetError(f"unreadable workbook part xl/workbook.xml: {error}") from None
    targets = {rel.get("Id"): str(rel.get("Target", "")) for rel in rels.iter(f"{_PKG}Relationship")}
    sizes = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if name not in parts:
            continue
        with archive.open(name) as stream:
            match = _DIMENSION.search(stream.read(4096))
        if match:
            sizes[str(sheet.get("name", "")).lower()] = (int(match.group(2)), column_number(match.group(1).decode()))
    return sizes


def column_number(letters: str) -> int:
    """The 1-based number of a spreadsheet column: ``A`` → 1, ``AB`` → 28."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def sheet_names(path: Path) -> list[str]:
    """The names of a workbook's sheets."""
    check_archive(path)
    return list(_open(path).sheet_names)


def read_sheet(path: Path, sheet: str, required: bool = False) -> Iterator[list[str]]:
    """Rows of ``sheet`` (matched case-insensitively) as text cells, from the sheet's row 1.

    Nothing if the sheet is absent and not ``required``. The header's
    trailing empty cells are cut, and so are each row's trailing empty cells
    beyond the header. The workbook is checked (:func:`check_archive`) and
    the sheet's declared size is checked before the sheet is read.
    """
    declared = check_archive(path)
    book = _open(path)
    names = {str(title).strip().lower(): title for title in book.sheet_names}
    if sheet.lower() not in names:
        if required:
            raise SheetError(f"no sheet {sheet!r} (sheets: {', '.join(book.sheet_names)})")
        return iter(())
    _check_size(sheet, *declared.get(names[sheet.lower()].lower(), (0, 0)), declared=True)
    try:
        worksheet = book.get_sheet_by_name(names[sheet.lower()])
    except Exception as error:  # calamine's errors: XmlError, ZipError, CalamineError
        raise SheetError(f"unreadable sheet {sheet!r}: {type(error).__name__}: {error}") from None
    first_row, first_column = worksheet.start or (0, 0)
    _check_size(sheet, first_row + worksheet.height, first_column + worksheet.width, declared=False)
    return _rows(worksheet.iter_rows(), first_row, first_column)


def _check_size(sheet: str, rows: int, columns: int, declared: bool) -> None:
    verb = "declares" if declared else "has"
    if rows > MAX_ROWS:
        raise SheetError(f"sheet {sheet!r} {verb} {rows:,} rows (at most {MAX_ROWS:,} are read)")
    if columns > MAX_COLUMNS:
        raise SheetError(f"sheet {sheet!r} {verb} {columns:,} columns (at most {MAX_COLUMNS} are read)")


def _rows(values: Iterator[list[Any]], first_row: int, first_column: int) -> Iterator[list[str]]:
    """Text rows numbered from the sheet's row 1 (leading empty rows and columns restored)."""
    for _ in range(first_row):
        yield []
    width = 0
    for number, row in enumerate(values):
        cells = [""] * first_column + [cell_text(value) for value in row]
        if number == 0:
            width = _width(cells)
        yield cells[:width] if not any(cells[width:]) else cells[:_width(cells)]


def _open(path: Path) -> Any:
    """The workbook, read by calamine (formulas as cached values, no XML entity expansion)."""
    from python_calamine import CalamineWorkbook  # imported late: only workbook users pay for it

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine's errors: XmlError, ZipError, CalamineError, PasswordError
        raise SheetError(f"unreadable workbook: {type(error).__name__}: {error}") from None


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
    if isinstance(value, timedelta):
        return str(value)
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
