"""The one exception tree of reportgen.

Library code raises these; only the CLI turns them into terminal output
(``category: message``), with a traceback only under ``--debug``.
"""

from __future__ import annotations

from dataclasses import dataclass


class ReportgenError(Exception):
    """Base of every error reportgen raises on purpose."""

    #: Printed before the message by the CLI.
    category = "error"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in the input data.

    ``row`` and ``column`` are 1-based; ``row`` is the line number in the file
    (the header of a CSV file is row 1), ``column`` the field's position.
    Either may be ``None`` when the problem concerns a whole file or row.
    ``key`` is a dotted YAML key path for ``project.yaml``; ``sheet`` the
    sheet of a workbook, which is then located as ``book.xlsx:links!C12``.
    """

    path: str
    row: int | None
    column: int | None
    message: str
    key: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.sheet is not None:
            where += f":{self.sheet}"
            if self.row is not None:
                where += f"!{column_letter(self.column) if self.column else ''}{self.row}"
        elif self.row is not None:
            where += f":{self.row}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{self.key}: {self.message}" if self.key else self.message
        return f"{where}: {text}"


def column_letter(column: int) -> str:
    """A spreadsheet's name of a 1-based column: 1 → ``A``, 28 → ``AB``."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class DataError(ReportgenError):
    """The project's data is invalid; carries every problem found.

    Validation does not stop at the first problem: all of them are collected
    so that an analyst can fix a file in one pass.
    """

    category = "data error"

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the project data")


def _problem_order(problem: Problem) -> tuple:
    return (problem.path, problem.row or 0, problem.column or 0, problem.message)


class UsageError(ReportgenError):
    """The command was given options that cannot work together."""

    category = "usage error"
