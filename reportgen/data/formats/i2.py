"""i2 Analyst's Notebook delimited text: entity rows and link rows, mapped like an import specification.

An i2 import specification says which column holds which part of each row:
the first end (identity, type, label, attributes), the link (type, label,
date, grades) and the second end. A row with a first end only is an entity
row; a row with both ends is a link row (its ends are entities too). The
mapping file's ``i2`` section holds the specification; :data:`DEFAULT_SPEC`
is used for every part it does not give::

    i2:
      sep: ","                      # guessed from the header when absent
      end1: {id: Entity1 Identity, type: Entity1 Type, name: Entity1 Label}
      end2: {id: Entity2 Identity, type: Entity2 Type, name: Entity2 Label}
      link: {id: Link Identity, type: Link Type, description: Link Label,
             first_seen: Link Date, grade1: Grade 1, grade2: Grade 2}

Each part maps contract columns (``id``, ``type``, ``name``, ``countries``,
``roles``, ``description``, ``first_seen``, … for ends; ``id``, ``type``,
``weight``, ``description``, ``first_seen``, ``last_seen``, ``grade1``,
``grade2`` for links) to i2 column names, matched case-insensitively.
i2's Grade 1 (source reliability) and Grade 2 (information credibility)
make the link's grading (``B`` + ``2`` → ``B2``); Grade 3 (handling code)
is not used. i2 entity types (Person, Organisation, Vehicle, Telephone,
Account, Address, …) map to the contract's through ``entity_types``.
Columns the specification does not name are dropped, each noted once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ...errors import DataError, Problem
from . import delimited
from .base import Draft, Imported, Note
from .clean import finish

#: The default import specification: contract column → i2 column, per part of a row.
DEFAULT_SPEC: dict[str, dict[str, str]] = {
    "end1": {"id": "Entity1 Identity", "type": "Entity1 Type", "name": "Entity1 Label"},
    "end2": {"id": "Entity2 Identity", "type": "Entity2 Type", "name": "Entity2 Label"},
    "link": {"id": "Link Identity", "type": "Link Type", "description": "Link Label",
             "first_seen": "Link Date", "grade1": "Grade 1", "grade2": "Grade 2"},
}


def read_i2(sources: Sequence[Path], mapping: Mapping[str, Any]) -> Imported:
    """Entities and links from i2 delimited text files."""
    draft = Draft()
    entities: dict[str, dict[str, str]] = {}
    for path in sources:
        _read(path, mapping.get("i2") or {}, draft, entities)
    return finish(draft, mapping)


def _spec(section: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    spec = {part: dict(columns) for part, columns in DEFAULT_SPEC.items()}
    for part in spec:
        given = section.get(part) or {}
        spec[part].update({str(key): str(value) for key, value in given.items()})
    return spec


def _read(path: Path, section: Mapping[str, Any], draft: Draft, entities: dict[str, dict[str, str]]) -> None:
    records = delimited.rows(path, section.get("sep"))
    header_line, header = next(records, (1, []))
    positions = {name.strip().lower(): index for index, name in enumerate(header)}
    spec = _spec(section)
    parts: dict[str, dict[str, int]] = {}
    for part, columns in spec.items():
        parts[part] = {column: positions[name.lower()] for column, name in columns.items()
                       if name.lower() in positions}
    if "id" not in parts["end1"] and "name" not in parts["end1"]:
        raise DataError([Problem(str(path), header_line, None,
                                 f"no column {spec['end1']['id']!r} or {spec['end1']['name']!r} for the first end; "
                                 "give the i2 import specification in the mapping file (i2: end1: …)")])
    used = {index for columns in parts.values() for index in columns.values()}
    for index, name in enumerate(header):
        if index not in used:
            draft.notes.append(Note("dropped", f"column {name!r}", delimited.where(path, header_line, index + 1),
                                    "not in the i2 import specification; add it under i2: end1/end2/link"))
    for line, cells in records:
        at = delimited.where(path, line)
        ends = [_end(cells, parts[part], at, draft, entities) for part in ("end1", "end2")]
        if ends[0] is None:
            draft.notes.append(Note("dropped", "row", at, "no first end (identity or label)"))
            continue
        if ends[1] is not None:
            draft.links.append((at, _link(cells, parts["link"], ends[0], ends[1])))


def _cell(cells: list[str], position: int | None) -> str:
    return cells[position].strip() if position is not None and position < len(cells) else ""


def _end(cells: list[str], columns: dict[str, int], at: str, draft: Draft,
         entities: dict[str, dict[str, str]]) -> str | None:
    """The identity of one end, recorded as an entity (its first row kept, later rows filling gaps)."""
    values = {column: _cell(cells, position) for column, position in columns.items()}
    identity = values.pop("id", "") or values.get("name", "")
    if not identity:
        return None
    if identity not in entities:
        entities[identity] = {"external_id": identity}
        draft.entities.append((at, entities[identity]))
    record = entities[identity]
    for column, value in values.items():
        if value and not record.get(column):
            record[column] = value
    return identity


def _link(cells: list[str], columns: dict[str, int], source: str, target: str) -> dict[str, str]:
    values = {column: _cell(cells, position) for column, position in columns.items()}
    grade = values.pop("grade1", "") + values.pop("grade2", "")
    identity = values.pop("id", "")
    link = {**{key: value for key, value in values.items() if value}, "source": source, "target": target}
    if grade:
        link["grading"] = grade
    if identity:
        link["external_id"] = identity
    return link
