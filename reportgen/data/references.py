"""Checks across records and files: unique ids, known entities, cited evidence.

Run by the loader after every file was read, over the raw cells of each row
(so that one invalid row does not make every reference to it an error too).
Problems are located by file, row and column; those in ``project.yaml`` by
their key path, which the loader turns into a line and a column.
"""

from __future__ import annotations

from collections import Counter

from ..errors import Problem
from .columns import Table, split_cell
from .fields import LINK_REF_SEPARATOR
from .meta import ProjectMeta

#: The kinds of record evidence may cite, as named in messages.
KINDS = {"entity": "an entity", "link": "a link", "activity": "an activity"}


def check_references(tables: dict[str, Table | None], problems: list[Problem]) -> None:
    """Unique ids per file, known entities in links and activities, no self-links."""
    entity_ids = _unique_ids(tables["entities.csv"], problems)
    _unique_ids(tables["activities.csv"], problems)
    _unique_ids(tables["links.csv"], problems)

    links = tables["links.csv"]
    if links is not None:
        place = links.columns
        for number, source, target in zip(links.numbers, links.column("source"), links.column("target"), strict=True):
            for column, value in (("source", source), ("target", target)):
                if value and value not in entity_ids:
                    problems.append(Problem(links.shown, number, place[column],
                                            f"{column}: unknown entity {value!r} (not in entities.csv)"))
            if source and source == target:
                problems.append(
                    Problem(links.shown, number, place["target"], f"target: link from {source!r} to itself")
                )
    activities = tables["activities.csv"]
    if activities is not None:
        for number, cell in zip(activities.numbers, activities.column("entities"), strict=True):
            members = split_cell(cell)
            at = activities.columns.get("entities")
            for value in members:
                if value not in entity_ids:
                    problems.append(Problem(activities.shown, number, at,
                                            f"entities: unknown entity {value!r} (not in entities.csv)"))
            for value, count in Counter(members).items():
                if count > 1:
                    problems.append(Problem(activities.shown, number, at, f"entities: {value!r} listed twice"))


def _unique_ids(table: Table | None, problems: list[Problem]) -> set[str]:
    """The raw ``id`` cells of one table, after reporting every repeated one."""
    first_row: dict[str, int] = {}
    if table is None:
        return set()
    for number, value in zip(table.numbers, table.column("id"), strict=True):
        if not value:
            continue
        if value in first_row:
            problems.append(Problem(table.shown, number, table.columns["id"],
                                    f"id: duplicate id {value!r} (first used on row {first_row[value]})"))
        else:
            first_row[value] = number
    return set(first_row)


def record_refs(tables: dict[str, Table | None]) -> dict[str, set[str]]:
    """The ids that evidence may cite, per kind of record, from the raw cells.

    Links are cited by their ``id``, or as ``SOURCE>TARGET`` when they have none.
    """
    links = set()
    table = tables["links.csv"]
    if table is not None:
        for ref, source, target in zip(table.column("id"), table.column("source"), table.column("target"),
                                       strict=True):
            links.add(ref or f"{source}{LINK_REF_SEPARATOR}{target}")
    return {
        "entity": {v for v in _cells(tables["entities.csv"], "id") if v},
        "link": links,
        "activity": {v for v in _cells(tables["activities.csv"], "id") if v},
    }


def _cells(table: Table | None, column: str) -> list[str]:
    return table.column(column) if table is not None else []


def check_evidence(meta: ProjectMeta, refs: dict[str, set[str]]) -> list[tuple[tuple, str]]:
    """Unknown or ambiguous evidence ids of the key judgements, unknown entity ids of the analysts' gaps.

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
    for index, gap in enumerate(meta.narratives.intelligence_gaps):
        for position, ref in enumerate(gap.entities):
            if ref not in refs["entity"]:
                loc = ("narratives", "intelligence_gaps", index, "entities", position)
                found.append((loc, f"unknown entity id {ref!r}"))
    return found
