"""Tables of located text cells, validated one column at a time.

A table source (a CSV file; a workbook sheet) is first read into a
:class:`SourceTable`: its header and its rows of text cells, each row with
its row number, each cell's column its 1-based position. :func:`validate_table`
then checks it column by column: identifiers and free text in one pass over
the column, every other column once per distinct value (vocabularies,
countries, dates and gradings repeat across thousands of rows). A row that
passes every check becomes its record directly; a row that fails one is
validated again by its pydantic model alone, which gives the messages,
located by file, row and column. Either way a record is what its model
would have made of the row: the tests compare both paths.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from ..errors import Problem
from . import vocab
from .fields import CONTROL, ID_PATTERN, MAX_TEXT_LENGTH, _identifier, _text
from .model import Activity, Entity, Link

#: The model class of one table.
RecordModel = type[Entity] | type[Link] | type[Activity]

#: Separator of multi-valued cells.
LIST_SEPARATOR = ";"

#: A column's checked values (``None`` where a cell is empty) and whether each cell passed.
Checked = tuple[list[Any], list[bool]]


@dataclass(frozen=True)
class SourceTable:
    """One table as its source holds it: text cells, each located.

    ``rows`` are ``(row number, cells)`` pairs, cells in header order; a
    cell's column is its 1-based position in the row. Blank rows may be left
    in: validation skips them.
    """

    #: The file (or file and sheet) as messages name it.
    shown: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


@dataclass(frozen=True)
class Table:
    """A validated table: raw cells by column, the rows' locations, the records of valid rows."""

    shown: str
    #: Column name to its 1-based position.
    columns: dict[str, int]
    #: Row number of each row kept (blank rows dropped).
    numbers: list[int]
    #: Stripped text cells of each column present, one per kept row.
    cells: dict[str, list[str]]
    #: The record of each kept row, ``None`` where the row has problems.
    records: list[BaseModel | None]

    def column(self, name: str) -> list[str]:
        """The cells of column ``name``; empty cells when the table has no such column."""
        return self.cells.get(name) or [""] * len(self.numbers)


def validate_table(source: SourceTable, model: RecordModel, context: dict[str, Any],
                   problems: list[Problem]) -> Table | None:
    """Every non-blank row of ``source`` checked against ``model``; ``None`` when the header is unusable."""
    columns = check_header(source.shown, source.header, model, problems)
    if columns is None:
        return None
    kept = [(number, cells) for number, cells in source.rows if any(cell.strip() for cell in cells)]
    numbers = [number for number, _ in kept]
    cells = {name: [row[position - 1].strip() for _, row in kept] for name, position in columns.items()}
    checked = {name: _check_column(model, name, values, context) for name, values in cells.items()}
    ok = [all(row) for row in zip(*(passed for _, passed in checked.values()), strict=True)] if checked else []
    _check_seen_in_order(checked, ok)
    for name in model.REQUIRED:
        ok = [good and bool(cell) for good, cell in zip(ok, cells[name], strict=True)]
    build = _builder(model)
    names = list(checked)
    records: list[BaseModel | None] = []
    for index, number in enumerate(numbers):
        if ok[index]:
            records.append(build({name: checked[name][0][index] for name in names}))
        else:
            raw = {name: cells[name][index] for name in names}
            records.append(validate_row(source.shown, number, raw, columns, model, context, problems))
    return Table(source.shown, columns, numbers, cells, records)


def check_header(shown: str, header: list[str], model: RecordModel, problems: list[Problem]) -> dict[str, int] | None:
    """Map column name to 1-based position; ``None`` when the header is unusable."""
    known = model.columns()
    columns: dict[str, int] = {}
    ok = True
    for position, raw in enumerate(header, start=1):
        name = raw.strip().lower()
        if name in columns:
            problems.append(Problem(shown, 1, position, f"duplicate column {name!r}"))
            ok = False
        elif name not in known:
            problems.append(
                Problem(shown, 1, position, f"unknown column {raw.strip()!r} (allowed: {', '.join(known)})")
            )
            ok = False
        columns[name] = position
    for required in model.REQUIRED:
        if required not in columns:
            problems.append(Problem(shown, 1, None, f"missing required column {required!r}"))
            ok = False
    return columns if ok else None


def validate_row(shown: str, row: int, cells: dict[str, str], columns: dict[str, int], model: RecordModel,
                 context: dict[str, Any], problems: list[Problem]) -> BaseModel | None:
    """One row validated by its model alone, every problem located; the record, or ``None``."""
    data: dict[str, Any] = {}
    for name, value in cells.items():
        if not value:
            continue
        data[name] = split_cell(value) if name in model.LIST_COLUMNS else value
    for required in model.REQUIRED:
        if required not in data:
            problems.append(Problem(shown, row, columns[required], f"{required}: required but empty"))
    if any(required not in data for required in model.REQUIRED):
        return None
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else None
            column = columns.get(field) if field else None
            label = f"{field}: " if field else ""
            problems.append(Problem(shown, row, column, label + message(item)))
        return None


def message(item: Any) -> str:
    """An analyst-facing message from one pydantic error."""
    kind, text = item["type"], item["msg"]
    if kind == "value_error":
        return text.removeprefix("Value error, ")
    if kind == "missing":
        return "required but missing"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "string_too_short":
        return "must not be empty"
    return text[0].lower() + text[1:]


def split_cell(value: str) -> list[str]:
    """The values of a multi-valued cell (``"FR; BE;"`` → ``["FR", "BE"]``)."""
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


# -- column checks -----------------------------------------------------------------


def _check_column(model: RecordModel, name: str, values: list[str], context: dict[str, Any]) -> Checked:
    """The values of one column as the model would make them, and which cells passed."""
    field = model.model_fields[name]
    validators = {m.func for m in field.metadata if isinstance(m, AfterValidator)}
    if name == "grading":
        system = vocab.GRADING_SYSTEMS[context.get("grading", vocab.DEFAULT_GRADING_SYSTEM)]
        return _each_distinct(values, system.parse)
    if _identifier in validators:
        return _as_text(values, [bool(ID_PATTERN.fullmatch(v)) for v in values])
    if _text in validators and name not in model.LIST_COLUMNS:
        return _as_text(values, _plain_text(values))
    adapter = _adapter(model, name)
    if name in model.LIST_COLUMNS:
        return _each_distinct(values, lambda value: adapter.validate_python(split_cell(value)))
    return _each_distinct(values, adapter.validate_python)


def _as_text(values: list[str], passed: list[bool]) -> Checked:
    return [v or None for v in values], passed


def _plain_text(values: list[str]) -> list[bool]:
    """Which cells are acceptable free text: short enough, no control character."""
    if max(map(len, values), default=0) <= MAX_TEXT_LENGTH and not CONTROL.search("\n".join(values)):
        return [True] * len(values)
    return [len(v) <= MAX_TEXT_LENGTH and not CONTROL.search(v) for v in values]


def _each_distinct(values: list[str], convert: Callable[[str], Any]) -> Checked:
    """``convert`` applied once per distinct non-empty value; a value it refuses fails its cells."""
    results: dict[str, tuple[Any, bool]] = {"": (None, True)}
    for value in set(values):
        if value not in results:
            try:
                results[value] = (convert(value), True)
            except (ValueError, ValidationError):
                results[value] = (None, False)
    pairs = [results[v] for v in values]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _check_seen_in_order(checked: dict[str, Checked], ok: list[bool]) -> None:
    """Fail the rows whose ``last_seen`` is before their ``first_seen`` (the model's own check)."""
    if "first_seen" not in checked or "last_seen" not in checked:
        return
    for index, (first, last) in enumerate(zip(checked["first_seen"][0], checked["last_seen"][0], strict=True)):
        if first and last and first > last:
            ok[index] = False


@cache
def _adapter(model: RecordModel, name: str) -> TypeAdapter[Any]:
    """A validator of one field of ``model``, with the model's own string settings."""
    field: FieldInfo = model.model_fields[name]
    annotation: Any = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
    return TypeAdapter(annotation, config=ConfigDict(str_strip_whitespace=True))


@cache
def _builder(model: RecordModel) -> Callable[[dict[str, Any]], BaseModel]:
    """Make a record of ``model`` from checked values (``None`` = empty cell, the default).

    The same instance ``model.model_validate`` makes (values, defaults and the
    set of fields given), without validating again what the columns checked.
    """
    defaults = {name: field.get_default(call_default_factory=True) for name, field in model.model_fields.items()}
    new, set_attribute = object.__new__, object.__setattr__

    def build(values: dict[str, Any]) -> BaseModel:
        given = {name: value for name, value in values.items() if value is not None}
        record = new(model)
        set_attribute(record, "__dict__", {**defaults, **given})
        set_attribute(record, "__pydantic_fields_set__", set(given))
        set_attribute(record, "__pydantic_extra__", None)
        set_attribute(record, "__pydantic_private__", None)
        return record

    return build
