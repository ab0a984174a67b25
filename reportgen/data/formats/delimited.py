"""Reading delimited text sources (i2 exports, matrices, edge lists) with located errors.

Decoding and records are the project loader's own (:mod:`reportgen.data.textfile`):
a byte-order mark, another encoding, a NUL or a malformed record is met as in a
project's CSV files. What is particular here is the delimiter, guessed when the
mapping does not give it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ..textfile import read_text, records

#: Largest delimited source read, in bytes.
MAX_SOURCE_BYTES = 256 * 1024 * 1024
#: Delimiters recognised when a source does not say (``sep`` in the mapping's section does).
DELIMITERS = ",;\t|"


def rows(path: Path, delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` of each non-blank record of a delimited file, header included, cells stripped.

    The delimiter is guessed from the first line unless given. A file that is
    not UTF-8 text, or a malformed record, raises a :class:`DataError` located
    at its line.
    """
    text = read_text(path, MAX_SOURCE_BYTES)
    first = text.split("\n", 1)[0]
    sep = delimiter or max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    for line, cells in records(reader, str(path), "delimited text"):
        if any(cell.strip() for cell in cells):
            yield line, [cell.strip() for cell in cells]


def where(path: Path, line: int, column: int | None = None) -> str:
    """A location in the source's terms: ``file:line`` or ``file:line:column``."""
    return f"{path}:{line}" + (f":{column}" if column else "")
