"""Reading text tables from disk: one decoder and one record reader, both with located problems.

The project loader (:mod:`.load`) and the importers (delimited text, JSON,
graph files) read through these, so that a file too large or unreadable, a
byte-order mark, a UTF-16 file, bytes that are not UTF-8, a NUL or a
malformed record is accepted or refused, and located, the same way
everywhere. Each problem is raised as a :class:`DataError` of one
:class:`Problem`; the loader collects them, an importer stops at the first.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from ..errors import DataError, Problem


class Rows(Protocol):
    """What a table is read through: :func:`csv.reader`, or a workbook's :class:`~.workbook.SheetRows`."""

    @property
    def line_num(self) -> int: ...

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


def position(data: bytes | str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``data``."""
    if isinstance(data, bytes):
        line, start = data.count(b"\n", 0, offset) + 1, data.rfind(b"\n", 0, offset) + 1
    else:
        line, start = data.count("\n", 0, offset) + 1, data.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def decode(data: bytes, shown: str) -> str:
    """The text of file ``shown`` (UTF-8, with or without a byte-order mark); a located error if not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem(shown, 1, 1, "file is UTF-16 encoded; save it as UTF-8")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = position(data, error.start)
        raise DataError([Problem(shown, line, column, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); "
                                 "save the file as UTF-8")]) from None
    if "\x00" in text:
        line, column = position(text, text.index("\x00"))
        raise DataError([Problem(shown, line, column, "NUL character in file")])
    return text


def read_bytes(path: Path, max_bytes: int, shown: str | None = None) -> bytes:
    """The bytes of ``path`` (named ``shown`` in messages); a :class:`DataError` if unreadable or too large."""
    shown = str(path) if shown is None else shown
    try:
        if path.stat().st_size > max_bytes:
            raise DataError([Problem(shown, None, None, f"file larger than {max_bytes // 2**20} MiB")])
        return path.read_bytes()
    except OSError as error:
        raise DataError([Problem(shown, None, None, f"unreadable file: {error.strerror or error}")]) from None


def read_text(path: Path, max_bytes: int, shown: str | None = None) -> str:
    """The text of ``path`` (:func:`read_bytes`, then :func:`decode`)."""
    shown = str(path) if shown is None else shown
    return decode(read_bytes(path, max_bytes, shown), shown)


def records(reader: Rows, shown: str, kind: str = "CSV") -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` of each record ``reader`` has left, ``line`` being where the record starts.

    A record may span lines (a quoted line break). A malformed record raises a
    :class:`DataError` at its line, naming the text as ``kind`` ("malformed CSV").
    """
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DataError([Problem(shown, start, None, f"malformed {kind}: {error}")]) from None
        line = reader.line_num
        yield start, cells
