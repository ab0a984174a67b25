"""Checks across records and files: unique ids, known entities, cited evidence.

Run by the loader after every file was read, over the raw cells of each row
(so that one invalid row does not make every reference to it an error too).
Problems are located by file, row and column; those in ``project.yaml`` by
their key path, which the loader turns into a line and a column.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem
from .model import LINK_REF_SEPARATOR, ProjectMeta

if TYPE_CHECKING:
    from .load import _Row

#: Separator of multi-valued cells (as in the loader).
LIST_SEPARATOR = ";"

#: The kinds of record evidence may cite, as named in messages.
KINDS = {"entity": "an entity", "link": "a link", "activity": "an activity"}


def check_references(root: Path, tables: dict[str, list[_Row] | None], problems: list[Problem]) -> None:
    """Unique ids per file, known entities in links and activities, no self-links."""
    entity_ids = _unique_ids(root, "entities.csv", tables, problems)
    _unique_ids(root, "activities.csv", tables, problems)
    _unique_ids(root, "links.csv", tables, problems)

    def check(path: str, row: _Row, column: str, value: str) -> None:
        """Record a problem if ``value`` is not an entity id."""
        if value not in entity_ids:
            problems.append(
                Problem(path, row.number, row.columns[column],
                        f"{column}: unknown entity {value!r} (not in entities.csv)")
            )

    links = str(root / "links.csv")
    for row in tables["links.csv"] or ():
        source, target = row.cells.get("source", ""), row.cells.get("target", "")
        for column, value in (("source", source), ("target", target)):
            if value:
                check(links, row, column, value)
        if source and source == target:
            problems.append(
                Problem(links, row.number, row.columns["target"], f"target: link from {source!r} to itself")
            )
    activities = str(root / "activities.csv")
    for row in tables["activities.csv"] or ():
        members = [part.strip() for part in row.cells.get("entities", "").split(LIST_SEPARATOR) if part.strip()]
        for value in members:
            check(activities, row, "entities", value)
        for value, count in Counter(members).items():
            if count > 1:
                problems.append(
                    Problem(activities, row.number, row.columns["entities"], f"entities: {value!r} listed twice")
                )


def _unique_ids(root: Path, name: str, tables: dict[str, list[_Row] | None], problems: list[Problem]) -> set[str]:
    """The raw ``id`` cells of one file, after reporting every repeated one."""
    first_row: dict[str, int] = {}
    for row in tables[name] or ():
        value = row.cells.get("id", "")
        if not value:
            continue
        if value in first_row:
            problems.append(
                Problem(str(root / name), row.number, row.columns["id"],
                        f"id: duplicate id {value!r} (first used on row {first_row[value]})")
            )
        else:
            first_row[value] = row.number
    return set(first_row)


def record_refs(tables: dict[str, list[_Row] | None]) -> dict[str, set[str]]:
    """The ids that evidence may cite, per kind of record, from the raw cells.

    Links are cited by their ``id``, or as ``SOURCE>TARGET`` when they have none.
    """
    links = set()
    for row in tables["links.csv"] or ():
        source, target = row.cells.get("source", ""), row.cells.get("target", "")
        links.add(row.cells.get("id") or f"{source}{LINK_REF_SEPARATOR}{target}")
    return {
        "entity": {row.cells["id"] for row in tables["entities.csv"] or () if row.cells.get("id")},
        "link": links,
        "activity": {row.cells["id"] for row in tables["activities.csv"] or () if row.cells.get("id")},
    }


def check_evidence(meta: ProjectMeta, refs: dict[str, set[str]]) -> list[tuple[tuple, str]]:
    """Unknown or ambiguous evidence ids of the key judgements.

    Returns ``(key path, message)`` pairs; the loader locates each key path
    in ``project.yaml``.
    """
    found = []
    for index, judgement in enumerate(meta.narratives.key_judgements):
        for position, ref in enumerate(judgement.evidence):
            loc = ("narratives", "key_judgements", index, "evidence", position)
            kinds = [kind for kind in KINDS if ref in refs[kind]]
            if not kinds:
                found.append((loc, f"unknown evidence id {ref!r} (no entity, link or activity has this id)"))
            elif len(kinds) > 1:
                found.append((loc, f"ambiguous evidence id {ref!r} (both {KINDS[kinds[0]]} and {KINDS[kinds[1]]} id)"))
    return found
