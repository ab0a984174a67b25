"""Load a project directory into a validated :class:`Project`.

Reading is strict and exhaustive: every problem in every file is collected
and raised together as one :class:`~reportgen.errors.DataError`, each located
by file, row (line number; the CSV header is row 1) and column.
"""

from __future__ import annotations

import csv
import gc
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import ValidationError

from ..errors import DataError, Problem, ReportgenError
from . import textfile, vocab, workbook
from .columns import SourceTable, Table, message, validate_table
from .meta import ProjectMeta
from .model import Activity, Entity, Link
from .references import check_evidence, check_references, record_refs

#: A record model of one CSV file.
RecordT = TypeVar("RecordT", Entity, Link, Activity)

log = logging.getLogger(__name__)

#: The files of a project directory, all required.
PROJECT_FILE = "project.yaml"
CSV_FILES: dict[str, type[Entity] | type[Link] | type[Activity]] = {
    "entities.csv": Entity, "links.csv": Link, "activities.csv": Activity,
}

#: Largest input file read, in bytes (a guard against runaway exports).
MAX_FILE_BYTES = 512 * 1024 * 1024

@dataclass(frozen=True)
class Project:
    """A validated project: its metadata and its three record tables."""

    root: Path
    meta: ProjectMeta
    entities: tuple[Entity, ...]
    links: tuple[Link, ...]
    activities: tuple[Activity, ...]

    @cached_property
    def entity_index(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}

    @property
    def grading_system(self) -> vocab.GradingSystem:
        return vocab.GRADING_SYSTEMS[self.meta.grading]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many objects.

    Loading or analysing 50,000 entities makes millions of small objects
    and almost no reference cycles; each full collection would walk all of
    them again (a third of the loading time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_project(root: str | Path) -> Project:
    """Read and validate the project in directory ``root``.

    Raises :class:`DataError` listing every problem found, or
    :class:`ReportgenError` when ``root`` is not a project directory.
    """
    with gc_paused():
        return _load_project(Path(root))


def _load_project(root: Path) -> Project:
    """:func:`load_project` without the garbage collector."""
    if not root.exists():
        raise ReportgenError(f"{root}: no such project directory")
    if not root.is_dir():
        raise ReportgenError(f"{root}: not a directory (a project is a directory holding {PROJECT_FILE})")

    problems: list[Problem] = []
    meta, marks = _load_meta(root, problems)
    context = {"grading": meta.grading if meta else vocab.DEFAULT_GRADING_SYSTEM}
    tables: dict[str, Table | None] = {}
    for name, model in CSV_FILES.items():
        source = read_csv(root, name, problems)
        tables[name] = validate_table(source, model, context, problems) if source is not None else None
    if tables["entities.csv"] is not None:
        check_references(tables, problems)
    if meta is not None and all(table is not None for table in tables.values()):
        for loc, message in check_evidence(meta, record_refs(tables)):
            row, column = _nearest_mark(marks, loc)
            problems.append(Problem(str(root / PROJECT_FILE), row, column, message, key=_dotted(loc)))
    if problems:
        raise DataError(workbook.relocate(root, problems))
    assert meta is not None
    project = Project(
        root=root,
        meta=meta,
        entities=tuple(_records(tables["entities.csv"], Entity)),
        links=tuple(_records(tables["links.csv"], Link)),
        activities=tuple(_records(tables["activities.csv"], Activity)),
    )
    log.info(
        "loaded %s: %d entities, %d links, %d activities",
        root, len(project.entities), len(project.links), len(project.activities),
    )
    return project


# -- files ---------------------------------------------------------------------


def _read_text(root: Path, name: str, problems: list[Problem]) -> str | None:
    """The text of ``root/name``, or ``None`` after recording why not."""
    path = root / name
    shown = str(path)
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(shown, None, None, "file is missing"))
        return None
    try:
        resolved = path.resolve(strict=True)
    except OSError:
        problems.append(Problem(shown, None, None, "file is a broken link"))
        return None
    if not resolved.is_relative_to(root.resolve()):
        problems.append(Problem(shown, None, None, "file links outside the project directory"))
        return None
    if not resolved.is_file():
        problems.append(Problem(shown, None, None, "not a regular file"))
        return None
    try:
        return textfile.read_text(resolved, MAX_FILE_BYTES, shown)
    except DataError as error:
        problems.extend(error.problems)
        return None


def _records(table: Table | None, model: type[RecordT]) -> Iterator[RecordT]:
    """The validated records of a table that loaded without problems."""
    for record in table.records if table else ():
        assert isinstance(record, model)
        yield record


# -- project.yaml ----------------------------------------------------------------


class _NoDuplicatesLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys instead of keeping the last."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(None, None, "keys must be text", key_node.start_mark)
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_NoDuplicatesLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


def _load_meta(root: Path, problems: list[Problem]) -> tuple[ProjectMeta | None, dict[tuple, tuple[int, int]]]:
    """The validated ``project.yaml`` (``None`` after recording its problems) and its key marks."""
    shown = str(root / PROJECT_FILE)
    text = _read_text(root, PROJECT_FILE, problems)
    if text is None:
        return None, {}
    try:
        loader = _NoDuplicatesLoader(text)
    except yaml.reader.ReaderError as error:
        row, column = textfile.position(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        problems.append(Problem(shown, row, column, f"invalid YAML: character U+{code:04X} is not allowed"))
        return None, {}
    try:
        node = loader.get_single_node()
        if node is not None and _has_alias(node):
            problems.append(Problem(shown, None, None, "YAML anchors and aliases are not allowed"))
            return None, {}
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at: tuple[int | None, int | None] = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problems.append(Problem(shown, *at, f"invalid YAML: {error.problem or error.context}"))
        return None, {}
    except yaml.YAMLError as error:
        problems.append(Problem(shown, None, None, f"invalid YAML: {error}"))
        return None, {}
    except RecursionError:  # PyYAML composes and constructs recursively: located where reading stopped
        problems.append(Problem(shown, loader.line + 1, loader.column + 1, "invalid YAML: nested too deeply"))
        return None, {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, 1, "expected a mapping of keys (code_name, title, period, …)"))
        return None, {}
    marks = _key_marks(node)
    try:
        return ProjectMeta.model_validate(data), marks
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(item["loc"])
            line, col = _nearest_mark(marks, loc, on_key=item["type"] == "extra_forbidden")
            problems.append(Problem(shown, line, col, message(item), key=_dotted(loc)))
        return None, marks


def _has_alias(root: yaml.Node) -> bool:
    """Whether a composed document reuses a node (an ``*alias``)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def _key_marks(node: yaml.Node | None, path: tuple = ()) -> dict[tuple, tuple[int, int]]:
    """Map each path of a composed YAML document to a line and column.

    ``path`` maps to where its value starts, ``path + ("<key>",)`` to where
    its key starts (problems with a key itself, like an unknown key, point
    there, and so do problems with a whole mapping or list).
    """
    marks: dict[tuple, tuple[int, int]] = {}
    if node is None:
        return marks
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, key_node.value)
            marks.update(_key_marks(value_node, key_path))
            key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            marks[(*key_path, _KEY)] = key_mark
            if not isinstance(value_node, yaml.ScalarNode):
                marks[key_path] = key_mark
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            marks.update(_key_marks(item, (*path, index)))
    return marks


#: Marker of a key's own position in :func:`_key_marks`.
_KEY = "<key>"


def _nearest_mark(
    marks: dict[tuple, tuple[int, int]], loc: tuple, on_key: bool = False
) -> tuple[int | None, int | None]:
    """Line and column of ``loc`` (its key with ``on_key``), else of its nearest parent."""
    if on_key and (*loc, _KEY) in marks:
        return marks[(*loc, _KEY)]
    for end in range(len(loc), -1, -1):
        if loc[:end] in marks:
            return marks[loc[:end]]
    return None, None


def _dotted(loc: tuple) -> str | None:
    """A key path as written in messages: ``narratives.key_judgements.0.evidence``."""
    return ".".join(str(part) for part in loc) or None


# -- CSV tables ------------------------------------------------------------------


def read_csv(root: Path, name: str, problems: list[Problem]) -> SourceTable | None:
    """The rows of text cells of CSV file ``root/name``; ``None`` (problems recorded) if unreadable.

    A row whose cell count differs from the header's is reported here and
    left out; so is everything after a malformed line.
    """
    shown = str(root / name)
    reader = _table_rows(root, name, problems)
    if reader is None:
        return None
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.append(Problem(shown, 1, None, f"unreadable CSV header: {error}"))
        return None
    if not header or not any(cell.strip() for cell in header):
        required = CSV_FILES[name].REQUIRED
        problems.append(Problem(shown, 1, None, f"empty file; the header must name at least {', '.join(required)}"))
        return None
    rows: list[tuple[int, list[str]]] = []
    try:
        for start, cells in textfile.records(reader, shown):
            if len(cells) != len(header) and any(cell.strip() for cell in cells):
                problems.append(Problem(shown, start, None,
                                        f"row has {len(cells)} cells but the header has {len(header)}"))
                continue
            rows.append((start, cells))
    except DataError as error:
        problems.extend(error.problems)
    return SourceTable(shown, header, rows)


def _table_rows(root: Path, name: str, problems: list[Problem]) -> textfile.Rows | None:
    """The rows of one table, from its CSV file or its sheet of ``project.xlsx``; ``None`` if unreadable."""
    if workbook.in_use(root):
        return workbook.sheet_rows(root, name, problems)
    text = _read_text(root, name, problems)
    return None if text is None else csv.reader(io.StringIO(text, newline=""), strict=True)
