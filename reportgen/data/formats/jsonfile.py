"""JSON and JSON-lines sources read within bounds, every failure located.

Shared by the STIX and FollowTheMoney importers: a file larger than
:data:`MAX_JSON_BYTES` or text that is not UTF-8 (read as a project's CSV
files are, :mod:`reportgen.data.textfile`), JSON that does not parse,
nests deeper than Python's parser can follow, or holds a number too long
to convert, each becomes a :class:`~reportgen.errors.DataError` naming the
file (and line and column, or line of a JSON-lines file), never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...errors import DataError, Problem
from ..textfile import read_text

#: Largest JSON source read, in bytes: a parsed bundle takes several times its size in memory.
MAX_JSON_BYTES = 200 * 1024 * 1024

#: Most problems reported from one JSON-lines file before giving up on it.
MAX_PROBLEMS = 100


def read_json(path: Path) -> Any:
    """The parsed JSON document in ``path``."""
    text = read_text(path, MAX_JSON_BYTES)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError([Problem(str(path), error.lineno, error.colno, f"invalid JSON: {error.msg}")]) from None
    except (RecursionError, ValueError) as error:
        raise DataError([Problem(str(path), None, None, _refusal(error))]) from None


def json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """Each non-blank line of ``path`` parsed, with its 1-based line number.

    Every line that does not parse is collected; they are raised together at
    the end (at most :data:`MAX_PROBLEMS`), so that one pass shows them all.
    """
    problems: list[Problem] = []
    for number, line in enumerate(read_text(path, MAX_JSON_BYTES).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(str(path), number, error.colno, f"invalid JSON: {error.msg}"))
        except (RecursionError, ValueError) as error:
            problems.append(Problem(str(path), number, None, _refusal(error)))
        else:
            yield number, value
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise DataError(problems)


def _refusal(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {error}"
