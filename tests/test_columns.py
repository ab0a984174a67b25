"""Column-wise validation makes the records the pydantic models make, and fails the rows they refuse."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE, TINY

from reportgen.data import vocab
from reportgen.data.columns import SourceTable, validate_row, validate_table
from reportgen.data.load import CSV_FILES, load_project, read_csv
from reportgen.data.synth import generate


def _row_by_row(root, name, context):
    """The records of one file, each validated by its model alone (the slow, reference path)."""
    problems: list = []
    source = read_csv(root, name, problems)
    assert source is not None and not problems
    model = CSV_FILES[name]
    table = validate_table(source, model, context, problems)
    assert table is not None
    rows = [{n: table.cells[n][i] for n in table.columns} for i in range(len(table.numbers))]
    return [
        validate_row(table.shown, number, row, table.columns, model, context, problems)
        for number, row in zip(table.numbers, rows, strict=True)
    ], table.records


@pytest.mark.parametrize("which", ["tiny", "example", "synthetic"])
def test_columns_make_the_records_the_models_make(tmp_path, which):
    root = {"tiny": TINY, "example": EXAMPLE}.get(which)
    if root is None:
        root = tmp_path / "synth"
        generate(root, entities=300, links=1200, activities=400, seed=5)
    grading = load_project(root).meta.grading
    for name in CSV_FILES:
        expected, made = _row_by_row(root, name, {"grading": grading})
        assert made == expected
        assert [r.model_fields_set for r in made] == [r.model_fields_set for r in expected]
        assert [r.model_dump() for r in made] == [r.model_dump() for r in expected]


def test_a_row_failing_one_column_check_gets_the_models_messages():
    source = SourceTable("entities.csv", ["id", "name", "type", "countries", "first_seen", "last_seen"], [
        (2, ["A", "Ann", "person", "FR", "2026-01-01", "2026-02-01"]),
        (3, ["B b", "Bob", "person", "FR", "", ""]),  # bad identifier
        (4, ["C", "Cy", "person", "XX;FR", "", ""]),  # bad country
        (5, ["D", "Di\x01", "person", "", "", ""]),  # control character
        (6, ["E", "Ed", "person", "", "2026-03-01", "2026-02-01"]),  # last seen before first seen
        (7, ["", "", "", "", "", ""]),  # blank: skipped
        (8, ["F", "Fay", "alien", "FR;FR", "", ""]),  # unknown type, country twice
    ])
    problems: list = []
    table = validate_table(source, CSV_FILES["entities.csv"], {}, problems)
    assert table is not None and table.numbers == [2, 3, 4, 5, 6, 8]
    assert [r is not None for r in table.records] == [True, False, False, False, False, False]
    assert sorted(str(p) for p in problems) == [
        "entities.csv:3:1: id: invalid identifier 'B b' (letters, digits and _ . : - only, at most 64 characters)",
        "entities.csv:4:4: countries: unknown country code 'XX' (expected an ISO 3166-1 alpha-2 code, e.g. FR)",
        "entities.csv:5:2: name: control character U+0001 in text",
        "entities.csv:6:6: last_seen: last_seen 2026-02-01 is before first_seen 2026-03-01",
        f"entities.csv:8:3: type: unknown entity type 'alien' (allowed: {', '.join(vocab.ENTITY_TYPES)})",
        "entities.csv:8:4: countries: country 'FR' listed twice",
    ]
