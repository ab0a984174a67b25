"""From what a source says to valid rows: vocabularies mapped, ids made safe, every loss noted.

Importers collect :class:`Draft` records: cells named after the contract's
columns but holding the source's own words and identifiers (entities carry
their source id in ``external_id``; links and activities name entities by
that source id). :func:`finish` maps the words through the user's mapping
and the built-in synonyms, gives every record a safe id, resolves the
references, and validates each row with the project's own models, dropping
(with a located note) a value that cannot be used, and a record that cannot
be kept at all. What it returns always loads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from .. import vocab
from ..columns import LIST_SEPARATOR, split_cell
from ..model import Activity, Entity, Link
from . import mapping as maps
from .base import Draft, Imported, Note, Row, safe_id

#: Record models by table, for validation.
MODELS: dict[str, type[Entity] | type[Link] | type[Activity]] = {
    "entities": Entity, "links": Link, "activities": Activity,
}

#: A record of each table, as named in notes.
SINGULAR = {"entities": "entity", "links": "link", "activities": "activity"}
#: Which vocabulary each single-valued column is mapped through.
WORD_COLUMNS = {"status": "statuses", "classification": "classifications"}
#: Which vocabulary each multi-valued column is mapped through.
LIST_WORD_COLUMNS = {"roles": "roles", "evidence": "evidence"}
#: Columns of countries.
COUNTRY_COLUMNS = ("countries", "nationality", "release_to")
#: Columns of dates.
DATE_COLUMNS = ("first_seen", "last_seen", "date")
#: The vocabulary of each table's ``type`` column, and its default in ``defaults``.
TYPE_SECTIONS = {"entities": ("entity_types", "entity_type"), "links": ("link_types", "link_type"),
                 "activities": ("activity_types", "activity_type")}


def finish(draft: Draft, mapping: Mapping[str, Any]) -> Imported:
    """Valid tables from ``draft``; every value or record left out is noted with its reason."""
    result = Imported(project=dict(draft.project), notes=list(draft.notes))
    cleaner = _Cleaner(mapping, result.notes)
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for where, cells in draft.entities:
        external = cells.get("external_id", "").strip() or cells.get("name", "").strip()
        if not external:
            cleaner.drop("entity", where, "no identifier and no name")
            continue
        if external in ids:
            cleaner.drop("entity", where, f"identifier {external!r} repeated (the first one is kept)")
            continue
        cells = {**cells, "external_id": external, "id": safe_id(external, taken, "E")}
        cells.setdefault("name", external)
        if not cells["name"].strip():
            cells["name"] = external
        row = cleaner.row("entities", where, cells)
        if row is None:
            taken.discard(cells["id"])
            continue
        ids[external] = row["id"]
        result.entities.append(row)
    link_ids: set[str] = set()
    for where, cells in draft.links:
        row = cleaner.link(where, cells, ids, link_ids)
        if row is not None:
            result.links.append(row)
    activity_ids: set[str] = set()
    for where, cells in draft.activities:
        row = cleaner.activity(where, cells, ids, activity_ids)
        if row is not None:
            result.activities.append(row)
    for table in ("entities", "links", "activities"):
        records = getattr(result, table)
        if records:
            kinds = Counter(row["type"] for row in records)
            by_type = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
            result.notes.append(Note("mapped", table, "", f"{len(records)} {table} ({by_type})"))
    return result


class _Cleaner:
    """Maps and validates rows, noting each loss."""

    def __init__(self, mapping: Mapping[str, Any], notes: list[Note]):
        self.mapping = mapping
        self.notes = notes
        grading = str(mapping.get("grading") or vocab.DEFAULT_GRADING_SYSTEM)
        self.context = {"grading": grading if grading in vocab.GRADING_SYSTEMS else vocab.DEFAULT_GRADING_SYSTEM}

    def drop(self, what: str, where: str, why: str) -> None:
        self.notes.append(Note("dropped", what, where, why))

    def link(self, where: str, cells: dict[str, str], ids: dict[str, str], taken: set[str]) -> Row | None:
        """A link row with its ends resolved to entity ids."""
        ends = []
        for end in ("source", "target"):
            external = cells.get(end, "").strip()
            if external not in ids:
                self.drop("link", where, f"{end} {external!r} is not an imported entity")
                return None
            ends.append(ids[external])
        if ends[0] == ends[1]:
            self.drop("link", where, "link from an entity to itself")
            return None
        cells = {**cells, "source": ends[0], "target": ends[1]}
        external = cells.get("external_id", "").strip()
        if external:
            cells["id"] = safe_id(external, taken, "L")
        return self.row("links", where, cells)

    def activity(self, where: str, cells: dict[str, str], ids: dict[str, str], taken: set[str]) -> Row | None:
        """An activity row with its entities resolved to entity ids."""
        external = cells.get("external_id", "").strip()
        if not external:
            self.drop("activity", where, "no identifier")
            return None
        members = []
        for member in split_cell(cells.get("entities", "")):
            if member in ids:
                if ids[member] not in members:
                    members.append(ids[member])
            else:
                self.drop("activity entity", where, f"{member!r} is not an imported entity")
        cells = {**cells, "id": safe_id(external, taken, "A"), "entities": LIST_SEPARATOR.join(members)}
        return self.row("activities", where, cells)

    def row(self, table: str, where: str, cells: dict[str, str]) -> Row | None:
        """``cells`` mapped and validated, or ``None`` (noted) when the record cannot be kept."""
        model = MODELS[table]
        what = SINGULAR[table]
        data = self._mapped(table, what, where, cells)
        if data is None:
            return None
        for _attempt in range(len(model.columns())):
            try:
                model.model_validate(data, context=self.context)
            except ValidationError as error:
                if not self._without_bad_values(what, where, data, error, model.REQUIRED):
                    return None
                continue
            return {column: _text(value) for column, value in data.items()}
        return None

    def _mapped(self, table: str, what: str, where: str, cells: dict[str, str]) -> dict[str, Any] | None:
        """Cells in the contract's words (lists as lists); ``None`` if the record has no usable type."""
        model = MODELS[table]
        known = model.columns()
        data: dict[str, Any] = {}
        for column, value in cells.items():
            value = str(value).strip()
            if column not in known or column == "type" or not value:
                continue
            if column in WORD_COLUMNS:
                mapped = maps.map_word(self.mapping, WORD_COLUMNS[column], value)
                self._keep(data, column, mapped, value, what, where)
            elif column in LIST_WORD_COLUMNS:
                data[column] = self._list(what, where, column, value,
                                          lambda v, c=column: maps.map_word(self.mapping, LIST_WORD_COLUMNS[c], v))
            elif column in COUNTRY_COLUMNS:
                data[column] = self._list(what, where, column, value, lambda v: maps.map_country(self.mapping, v))
            elif column in DATE_COLUMNS:
                self._keep(data, column, maps.map_date(self.mapping, value), value, what, where)
            elif column in model.LIST_COLUMNS:
                data[column] = split_cell(value)
            else:
                data[column] = value
        section, default_key = TYPE_SECTIONS[table]
        source_type = cells.get("type", "").strip()
        kind = maps.map_word(self.mapping, section, source_type) if source_type else None
        if kind is None:
            kind = maps.default(self.mapping, default_key, "person" if table == "entities" else
                                "associate" if table == "links" else None)
            if source_type:
                instead = f" (became {kind!r})" if kind else ""
                self.drop(f"{what} type", where, f"{source_type!r} has no mapping{instead}; map it under {section}:")
        if kind is None:
            self.drop(what, where, f"no type; give defaults: {default_key}:")
            return None
        data["type"] = kind
        if table == "activities" and "date" not in data:
            fallback = maps.default(self.mapping, "date")
            if fallback is None:
                self.drop(what, where, "no date; give defaults: date:")
                return None
            data["date"] = fallback
        return data

    def _keep(self, data: dict[str, Any], column: str, mapped: str | None, value: str, what: str,
              where: str) -> None:
        if mapped is None:
            self.drop(f"{what} {column}", where, f"{value!r} has no mapping")
        else:
            data[column] = mapped

    def _list(self, what: str, where: str, column: str, value: str, convert: Any) -> list[str]:
        kept: list[str] = []
        for part in split_cell(value):
            mapped = convert(part)
            if mapped is None:
                self.drop(f"{what} {column}", where, f"{part!r} has no mapping")
            elif mapped not in kept:
                kept.append(mapped)
        return kept

    def _without_bad_values(self, what: str, where: str, data: dict[str, Any], error: ValidationError,
                            required: tuple[str, ...]) -> bool:
        """Remove the values ``error`` names; ``False`` (noted) when a required one is among them."""
        for item in error.errors():
            loc = item["loc"]
            column = str(loc[0]) if loc else ""
            message = item["msg"].removeprefix("Value error, ")
            if column in required or column not in data:
                self.drop(what, where, f"{column}: {message}" if column else message)
                return False
            if len(loc) > 1 and isinstance(loc[1], int) and isinstance(data[column], list):
                value = data[column][loc[1]]
                data[column] = [v for v in data[column] if v != value]
                self.drop(f"{what} {column}", where, f"{value!r}: {message}")
            else:
                self.drop(f"{what} {column}", where, f"{data.pop(column)!r}: {message}")
        return True


def _text(value: Any) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)
