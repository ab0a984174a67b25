"""The contract every importer and exporter follows.

An importer is a function ``(sources, mapping) -> Imported``. It never writes
files; it reports every problem located in the source's own terms
(``file:line``, ``book.xlsx:links!C12``, ``bundle.json#/objects/12``) by
raising :class:`~reportgen.errors.DataError`, and everything it mapped or
dropped as :class:`Note` records, so that nothing is lost silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

#: One row of ``entities.csv``, ``links.csv`` or ``activities.csv``: column → cell text
#: (multi-valued cells already joined with ``;``). Columns are those of the record
#: models in :mod:`reportgen.data.model`, including ``external_id``.
Row = dict[str, str]


@dataclass(frozen=True)
class Note:
    """One thing an import did with the source: mapped, or dropped and why."""

    kind: Literal["mapped", "dropped"]
    #: What it was, in the source's terms: "relationship", "Ownership", "sheet links".
    what: str
    #: Where, in the source's terms: "bundle.json#/objects/12", "book.xlsx:links!C12".
    where: str
    #: Why it was dropped, or what it became ("3 entities", "link type financial").
    detail: str


#: One source record before mapping: where it is (in the source's terms) and its cells.
Raw = tuple[str, dict[str, str]]

RecordT = TypeVar("RecordT", Row, Raw)


@dataclass
class Tables(Generic[RecordT]):
    """What an import holds: records of the three tables, ``project.yaml`` fields, and its notes."""

    entities: list[RecordT] = field(default_factory=list)
    links: list[RecordT] = field(default_factory=list)
    activities: list[RecordT] = field(default_factory=list)
    #: ``project.yaml`` fields the source tells (title, period, grading, …);
    #: :func:`write_project` fills in placeholders for the rest.
    project: dict[str, Any] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


class Imported(Tables[Row]):
    """Tables in the data contract's columns, ready to be written as a project."""


class Draft(Tables[Raw]):
    """What an importer read, before mapping: records in the source's words and ids.

    Cells are named after the contract's columns; entities carry their source id
    in ``external_id``, links and activities name entities by that source id.
    :func:`~.clean.finish` turns a draft into :class:`Imported` tables.
    """


#: An importer: the source files and the user's mapping (parsed ``--mapping`` YAML, or {}).
Importer = Callable[[Sequence[Path], Mapping[str, Any]], Imported]

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def safe_id(external: str, taken: set[str], prefix: str = "E") -> str:
    """A valid, unique identifier derived from a source identifier.

    Keeps what is already safe (``LgSide``), folds accents and replaces other
    characters (``"Lg Side"`` → ``Lg_Side``), falls back to ``prefix`` + a
    counter for text with nothing usable, and adds ``-2``, ``-3``… on
    collisions. The chosen id is added to ``taken``; keep the source's own id
    in the ``external_id`` column.
    """
    folded = unicodedata.normalize("NFKD", external).encode("ascii", "ignore").decode()
    base = _UNSAFE.sub("_", folded).strip("_.-")[:60] or f"{prefix}{len(taken) + 1}"
    if not base[0].isalnum():
        base = f"{prefix}{base}"
    candidate, counter = base, 1
    while candidate in taken:
        counter += 1
        candidate = f"{base}-{counter}"
    taken.add(candidate)
    return candidate
