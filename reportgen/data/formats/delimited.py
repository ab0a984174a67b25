"""Reading delimited text sources (i2 exports, matrices, edge lists) with located errors."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ...errors import DataError, Problem

#: Largest delimited source read, in bytes.
MAX_SOURCE_BYTES = 256 * 1024 * 1024
#: Delimiters recognised when a source does not say (``sep`` in the mapping's section does).
DELIMITERS = ",;\t|"


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path``; a located :class:`DataError` when it is not readable text."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise DataError([Problem(shown, None, None, f"file larger than {MAX_SOURCE_BYTES // 2**20} MiB")])
        data = path.read_bytes()
    except OSError as error:
        raise DataError([Problem(shown, None, None, f"unreadable file: {error.strerror or error}")]) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem(shown, 1, 1, "file is UTF-16 encoded; save it as UTF-8")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError([Problem(shown, line, None, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); "
                                 "save the file as UTF-8")]) from None
    if "\x00" in text:
        raise DataError([Problem(shown, text.count("\n", 0, text.index("\x00")) + 1, None,
                                 "NUL character in file: not a text file")])
    return text


def rows(path: Path, delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` of each non-blank record of a delimited file, header included.

    The delimiter is guessed from the first line unless given. A malformed
    record raises a :class:`DataError` located at its line.
    """
    text = read_text(path)
    first = text.split("\n", 1)[0]
    sep = delimiter or max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    line = 0
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DataError([Problem(str(path), start, None, f"malformed delimited text: {error}")]) from None
        line = reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, [cell.strip() for cell in cells]


def where(path: Path, line: int, column: int | None = None) -> str:
    """A location in the source's terms: ``file:line`` or ``file:line:column``."""
    return f"{path}:{line}" + (f":{column}" if column else "")
