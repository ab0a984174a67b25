"""Labelled adjacency matrices, as the UCINET covert-network collection publishes them in CSV.

The first row holds the column labels (its first cell is ignored), each
other row a row label and one cell per column; an empty cell or ``0`` is no
tie, a positive number a tie of that weight. The matrix is **one-mode** when
its row and column labels are the same set (people × people): each tie
becomes one link (undirected: a pair tied both ways gives one link, of the
larger value). Otherwise it is **two-mode** (people × events, in the rows
and the columns), and by default it becomes **co-membership links**: two
people who share events are linked (type ``co_offending`` unless the
mapping says ``matrix: {link_type: …}``), weighted by the number of events
shared, which the link's description lists. With ``matrix: {two_mode_as:
activities}`` each column becomes an activity instead, involving the rows
tied to it; it then needs ``defaults: {activity_type: …, date: …}``.

A cell's value is mapped through ``link_types`` (``"4": family``) before the
default link type applies (``defaults: {link_type: …}``, else ``associate``).
Labels become entities (``defaults: entity_type:``, else person) keeping
the label as ``external_id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from ...errors import DataError, Problem
from . import delimited
from .base import Draft, Imported, Note
from .clean import finish
from .mapping import map_word

#: Link type of two-mode co-membership links unless the mapping says otherwise.
CO_MEMBERSHIP_TYPE = "co_offending"


def read_matrix(sources: Sequence[Path], mapping: Mapping[str, Any]) -> Imported:
    """Entities and links (or activities) from one or more labelled matrices."""
    draft = Draft()
    for path in sources:
        _read(path, mapping, draft)
    return finish(draft, mapping)


def _read(path: Path, mapping: Mapping[str, Any], draft: Draft) -> None:
    section = mapping.get("matrix") or {}
    records = list(delimited.rows(path, section.get("sep")))
    if len(records) < 2:
        raise DataError([Problem(str(path), None, None, "a matrix needs a header row of labels and at least one row")])
    header_line, header = records[0]
    columns = header[1:]
    ties: dict[tuple[str, str], tuple[float, str, str]] = {}
    row_labels = []
    for line, cells in records[1:]:
        label = cells[0]
        if not label:
            raise DataError([Problem(str(path), line, 1, "row without a label")])
        if len(cells) - 1 > len(columns):
            raise DataError([Problem(str(path), line, None,
                                     f"row has {len(cells) - 1} values but there are {len(columns)} column labels")])
        row_labels.append((line, label))
        for position, value in enumerate(cells[1:], start=2):
            weight = _weight(path, line, position, value)
            if weight:
                ties[(label, columns[position - 2])] = (weight, value, delimited.where(path, line, position))
    one_mode = {label for _, label in row_labels} == set(columns) and section.get("mode") != "two"
    if section.get("mode") == "one" and not one_mode:
        raise DataError([Problem(str(path), header_line, None, "mode: one, but the row and column labels differ")])
    for line, label in row_labels:
        draft.entities.append((delimited.where(path, line, 1), {"external_id": label, "name": label}))
    if one_mode:
        _one_mode(ties, mapping, draft)
    elif section.get("two_mode_as", "links") == "activities":
        _two_mode_activities(path, header_line, columns, ties, draft)
    else:
        _two_mode_links(ties, mapping, draft)


def _weight(path: Path, line: int, column: int, value: str) -> float:
    if not value:
        return 0.0
    try:
        weight = float(value)
    except ValueError:
        raise DataError([Problem(str(path), line, column, f"not a number: {value!r}")]) from None
    if weight < 0 or weight != weight:
        raise DataError([Problem(str(path), line, column, f"ties must be 0 or positive, got {value!r}")])
    return weight


def _link_type(mapping: Mapping[str, Any], value: str) -> str:
    mapped = map_word(mapping, "link_types", value)
    return mapped or str((mapping.get("defaults") or {}).get("link_type") or "associate")


def _one_mode(ties: dict[tuple[str, str], tuple[float, str, str]], mapping: Mapping[str, Any],
              draft: Draft) -> None:
    done: set[frozenset[str]] = set()
    for (first, second), (weight, value, at) in ties.items():
        pair = frozenset((first, second))
        if first == second or pair in done:
            if first == second:
                draft.notes.append(Note("dropped", "tie", at, "a tie of a node with itself (diagonal)"))
            continue
        done.add(pair)
        back = ties.get((second, first))
        if back is not None and back[0] > weight:
            weight, value = back[0], back[1]
        if back is not None and back[0] != ties[(first, second)][0]:
            draft.notes.append(Note("dropped", "asymmetric tie", at, "kept the larger of the two directions"))
        draft.links.append((at, {"source": first, "target": second, "type": _link_type(mapping, value),
                                 "weight": _number(weight)}))


def _two_mode_links(ties: dict[tuple[str, str], tuple[float, str, str]], mapping: Mapping[str, Any],
                    draft: Draft) -> None:
    events: dict[str, list[str]] = {}
    for (person, event) in ties:
        events.setdefault(event, []).append(person)
    shared: dict[tuple[str, str], list[str]] = {}
    for event, people in events.items():
        for pair in combinations(sorted(people), 2):
            shared.setdefault(pair, []).append(event)
    kind = str((mapping.get("matrix") or {}).get("link_type") or CO_MEMBERSHIP_TYPE)
    for (first, second), names in sorted(shared.items()):
        at = ties[(first, names[0])][2]
        draft.links.append((at, {"source": first, "target": second, "type": kind, "weight": str(len(names)),
                                 "description": "Shared: " + "; ".join(names)}))
    draft.notes.append(Note("mapped", "two-mode matrix", "", f"{len(events)} events became co-membership links"))


def _two_mode_activities(path: Path, header_line: int, columns: list[str],
                         ties: dict[tuple[str, str], tuple[float, str, str]], draft: Draft) -> None:
    for position, event in enumerate(columns, start=2):
        people = [person for (person, column) in ties if column == event]
        draft.activities.append((delimited.where(path, header_line, position),
                                 {"external_id": event, "description": event, "entities": ";".join(people)}))


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
