"""Edge lists: one link per line, between two node labels, with a header row.

The two ends are the columns the mapping's ``edgelist`` section names
(``source:``, ``target:``), else the columns called source/target, from/to
or similar, else the first two. Every other column filling a link column of
the contract (``weight``, ``type``, ``first_seen``, …, or one renamed under
``columns:``) is kept; the others are dropped with a note. Each label becomes
an entity (``defaults: entity_type:``, person unless mapped) named by its
label and keeping it as ``external_id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ...errors import DataError, Problem
from ..model import Link
from . import delimited
from .base import Imported, Note
from .clean import Draft, finish
from .mapping import column_for, normalise

#: Column names taken for the two ends, in order of preference.
END_NAMES = (("source", "target"), ("from", "to"), ("node1", "node2"), ("actor1", "actor2"),
             ("ego", "alter"), ("persona", "personb"))


def read_edgelist(sources: Sequence[Path], mapping: Mapping[str, Any]) -> Imported:
    """Links and their entities from one or more edge-list files."""
    draft = Draft()
    seen: set[str] = set()
    for path in sources:
        _read(path, mapping, draft, seen)
    return finish(draft, mapping)


def _read(path: Path, mapping: Mapping[str, Any], draft: Draft, seen: set[str]) -> None:
    section = mapping.get("edgelist") or {}
    records = delimited.rows(path, section.get("sep"))
    header_line, header = next(records, (1, []))
    if len(header) < 2:
        raise DataError([Problem(str(path), header_line, None, "an edge list needs a header naming at least "
                                 "two columns (source, target)")])
    source, target = _ends(path, header, section)
    columns: dict[int, str] = {}
    for position, name in enumerate(header):
        if position in (source, target):
            continue
        column = column_for(mapping, name, Link.columns())
        if column is None or column in ("source", "target"):
            draft.notes.append(Note("dropped", f"column {name!r}", delimited.where(path, header_line, position + 1),
                                    "not a link column; map it under columns:"))
        else:
            columns[position] = column
    for line, cells in records:
        if len(cells) < len(header):
            cells = cells + [""] * (len(header) - len(cells))
        ends = cells[source], cells[target]
        at = delimited.where(path, line)
        if not all(ends):
            draft.notes.append(Note("dropped", "link", at, "an end is empty"))
            continue
        for label in ends:
            if label not in seen:
                seen.add(label)
                draft.entities.append((at, {"external_id": label, "name": label}))
        row = {column: cells[position] for position, column in columns.items() if position < len(cells)}
        draft.links.append((at, {**row, "source": ends[0], "target": ends[1]}))


def _ends(path: Path, header: list[str], section: Mapping[str, Any]) -> tuple[int, int]:
    """Positions of the source and target columns."""
    folded = [normalise(name) for name in header]
    if section.get("source") or section.get("target"):
        positions = []
        for key in ("source", "target"):
            name = normalise(str(section.get(key, "")))
            if name not in folded:
                raise DataError([Problem(str(path), 1, None, f"no column {section.get(key)!r} "
                                         f"(the mapping's edgelist: {key}:)")])
            positions.append(folded.index(name))
        return positions[0], positions[1]
    for first, second in END_NAMES:
        if first in folded and second in folded:
            return folded.index(first), folded.index(second)
    return 0, 1
