"""`reportgen import`: public samples, mappings, workbooks read directly, and hostile sources."""

from __future__ import annotations

import csv
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT, TINY

from reportgen.cli import cli
from reportgen.data import workbook
from reportgen.data.formats import delimited
from reportgen.data.load import load_project, read_csv
from reportgen.errors import DataError

SAMPLES = ROOT / "tests" / "samples"

#: Each public sample, its format, and the entities and links it must give.
SAMPLE_CASES = [
    ("london_gang_matrix.csv", "matrix", 54, 315),
    ("london_gang_edges.csv", "edgelist", 54, 315),
    ("events_two_mode.csv", "matrix", 10, 26),
    ("london_gang_i2.csv", "i2", 30, 40),
    ("star-undirected.graphml", "graphml", 9, 8),
    ("web-network.gexf", "gexf", 4, 4),
]


def run(*args: str):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def imported(tmp_path: Path, fmt: str, *sources: Path, mapping: str | None = None):
    """Run an import into ``tmp_path/project``; the CLI result and the project directory."""
    out = tmp_path / "project"
    args = ["import", fmt, *sources, "--out", out]
    if mapping is not None:
        (tmp_path / "mapping.yaml").write_text(mapping)
        args += ["--mapping", tmp_path / "mapping.yaml"]
    return run(*args), out


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize(("name", "fmt", "entities", "links"), SAMPLE_CASES, ids=[c[0] for c in SAMPLE_CASES])
def test_public_samples_import_into_valid_projects(tmp_path, name, fmt, entities, links):
    result, out = imported(tmp_path, fmt, SAMPLES / name)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    project = load_project(out)
    assert (len(project.entities), len(project.links)) == (entities, links)
    assert all(entity.external_id for entity in project.entities)
    assert f"mapped: {entities} entities" in result.output
    assert "TO FILL IN" in (out / "project.yaml").read_text()


def test_labels_with_spaces_get_safe_ids_and_keep_their_source_id(tmp_path):
    source = tmp_path / "gangs.csv"
    source.write_text(",Lg Side,Bo Gars,Crips 12\nLg Side,0,2,1\nBo Gars,2,0,0\nCrips 12,1,0,0\n")
    result, out = imported(tmp_path, "matrix", source, mapping='link_types: {"2": co_offending}\n')
    assert result.exit_code == 0, result.output
    entities = rows(out / "entities.csv")
    assert [(e["id"], e["external_id"], e["name"]) for e in entities] == [
        ("Lg_Side", "Lg Side", "Lg Side"), ("Bo_Gars", "Bo Gars", "Bo Gars"), ("Crips_12", "Crips 12", "Crips 12")]
    links = {(link["source"], link["target"]): (link["type"], link["weight"]) for link in rows(out / "links.csv")}
    assert links == {("Lg_Side", "Bo_Gars"): ("co_offending", "2"), ("Lg_Side", "Crips_12"): ("associate", "1")}


def test_two_mode_matrix_as_activities_with_the_mapping(tmp_path):
    mapping = "matrix: {two_mode_as: activities}\ndefaults: {activity_type: armed_robbery, date: 2024-05-01}\n"
    result, out = imported(tmp_path, "matrix", SAMPLES / "events_two_mode.csv", mapping=mapping)
    assert result.exit_code == 0, result.output
    activities = {row["id"]: row for row in rows(out / "activities.csv")}
    assert sorted(activities) == ["A", "B", "C", "D", "E"]
    assert activities["D"]["entities"] == "2;4;7"
    assert activities["D"]["type"] == "armed_robbery" and activities["D"]["date"] == "2024-05-01"
    assert rows(out / "links.csv") == []


def test_two_mode_activities_without_a_date_are_dropped_with_the_reason(tmp_path):
    result, _ = imported(tmp_path, "matrix", SAMPLES / "events_two_mode.csv",
                         mapping="matrix: {two_mode_as: activities}\ndefaults: {activity_type: fraud}\n")
    assert result.exit_code == 0, result.output
    assert "dropped: 5 × activity: no date; give defaults: date:" in result.output
    assert "events_two_mode.csv:1:2" in result.output


def test_edgelist_columns_words_and_countries_are_mapped_and_losses_reported(tmp_path):
    source = tmp_path / "calls.csv"
    source.write_text("caller;callee;relation;when;colour\nAna Ruiz;Bo Li;Phone Call;12/03/2024;red\n"
                      "Bo Li;Cy Dor;Kin;2024-03-14;blue\nCy Dor;Ana Ruiz;Handshake;2024-03-20;green\n"
                      "Cy Dor;Cy Dor;Kin;;\n")
    mapping = ("edgelist: {source: caller, target: callee}\ncolumns: {relation: type, when: first_seen}\n"
               "link_types: {Handshake: associate}\ndate_format: '%d/%m/%Y'\n")
    result, out = imported(tmp_path, "edgelist", source, mapping=mapping)
    assert result.exit_code == 0, result.output
    links = [(r["source"], r["target"], r["type"], r["first_seen"]) for r in rows(out / "links.csv")]
    assert links == [("Ana_Ruiz", "Bo_Li", "communication", "2024-03-12"), ("Bo_Li", "Cy_Dor", "family", "2024-03-14"),
                     ("Cy_Dor", "Ana_Ruiz", "associate", "2024-03-20")]
    assert "dropped: 1 × column 'colour': not a link column; map it under columns: at " in result.output
    assert "calls.csv:1:5" in result.output
    assert "dropped: 1 × link: link from an entity to itself at " in result.output
    assert f"{source}:5" in result.output
    assert "period:\n  start: 2024-03-12\n  end: 2024-03-20" in (out / "project.yaml").read_text()


def test_unmapped_words_fall_back_and_are_reported(tmp_path):
    source = tmp_path / "i2.csv"
    source.write_text("Entity1 Identity,Entity1 Type,Entity1 Label,Link Type,Entity2 Identity,Entity2 Type,"
                      "Entity2 Label,Grade 1,Grade 2,Notes\n"
                      "P1,Person,Ana,Payment,C1,Company,Acme Ltd,B,2,x\nP2,Spaceship,Bo,Alliance,P1,Person,Ana,Z,9,y\n")
    result, out = imported(tmp_path, "i2", source)
    assert result.exit_code == 0, result.output
    entities = {(row["id"], row["type"]) for row in rows(out / "entities.csv")}
    assert entities == {("P1", "person"), ("C1", "business"), ("P2", "person")}
    links = rows(out / "links.csv")
    assert [(r["type"], r["grading"]) for r in links] == [("financial", "B2"), ("associate", "")]
    assert "dropped: 1 × entity type: … has no mapping (became 'person'); map it under entity_types:" in result.output
    assert "dropped: 1 × link grading:" in result.output
    assert "dropped: 1 × column 'Notes'" in result.output


def test_an_existing_project_is_not_overwritten_without_force(tmp_path):
    result, out = imported(tmp_path, "edgelist", SAMPLES / "london_gang_edges.csv")
    assert result.exit_code == 0
    (out / "mine.txt").write_text("keep")
    again = run("import", "matrix", SAMPLES / "london_gang_matrix.csv", "--out", out)
    assert again.exit_code == 1
    assert "directory is not empty (use --force to replace it)" in again.stderr
    assert (out / "mine.txt").exists()
    forced = run("import", "matrix", SAMPLES / "london_gang_matrix.csv", "--out", out, "--force",
                 "--code-name", "GANG")
    assert forced.exit_code == 0, forced.output
    assert not (out / "mine.txt").exists()
    assert load_project(out).meta.code_name == "GANG"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project"]  # no staging folder left


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    from reportgen.data.formats import project as writing

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(writing, "project_yaml", fail)
    result, out = imported(tmp_path, "edgelist", SAMPLES / "london_gang_edges.csv")
    assert result.exit_code == 1
    assert f"{out}: cannot write the project: disk full" in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


# -- workbooks ----------------------------------------------------------------


def workbook_from_csvs(project: Path, target: Path, extra: dict[str, list[list[object]]] | None = None) -> Path:
    """The three CSV tables of ``project`` as the sheets of a workbook."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table in ("entities", "links", "activities"):
        sheet = book.create_sheet(table)
        with (project / f"{table}.csv").open(newline="") as stream:
            for record in csv.reader(stream):
                sheet.append(record)
    for name, records in (extra or {}).items():
        sheet = book.create_sheet(name)
        for record in records:
            sheet.append(record)
    book.save(target)
    return target


def set_cached_formula(path: Path, formula: str, value: str) -> None:
    """Give a formula cell the cached value Excel would have saved (openpyxl saves none)."""
    empty, cached = f"<f>{formula}</f><v></v>".encode(), f"<f>{formula}</f><v>{value}</v>".encode()
    rewrite_parts(path, lambda name, data: data.replace(empty, cached))


def rewrite_parts(path: Path, change) -> None:
    """Apply ``change(name, data) -> data`` to every part of a workbook."""
    with zipfile.ZipFile(path) as archive:
        contents = {name: change(name, archive.read(name)) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


@pytest.fixture
def xlsx_project(tmp_path: Path) -> Path:
    """The tiny project with its tables in ``project.xlsx`` instead of CSV files."""
    project = tmp_path / "book"
    shutil.copytree(TINY, project)
    workbook_from_csvs(project, project / workbook.WORKBOOK)
    for table in ("entities", "links", "activities"):
        (project / f"{table}.csv").unlink()
    return project


def test_a_project_workbook_is_read_like_its_csv_files(xlsx_project):
    from_book, from_csv = load_project(xlsx_project), load_project(TINY)
    assert from_book.entities == from_csv.entities
    assert from_book.links == from_csv.links
    assert from_book.activities == from_csv.activities
    result = run("validate", xlsx_project)
    assert result.exit_code == 0 and "valid — 8 entities" in result.output


def test_workbook_errors_are_located_by_sheet_and_cell(xlsx_project):
    book = openpyxl.load_workbook(xlsx_project / workbook.WORKBOOK)
    book["entities"]["B3"] = "spaceship"
    book["links"]["B4"] = "nobody"
    book.save(xlsx_project / workbook.WORKBOOK)
    result = run("validate", xlsx_project)
    assert result.exit_code == 1
    book_path = xlsx_project / workbook.WORKBOOK
    assert f"{book_path}:entities!B3: type: unknown entity type 'spaceship'" in result.stderr
    assert f"{book_path}:links!B4: target: unknown entity 'nobody'" in result.stderr


def test_workbook_and_csv_files_together_are_refused(xlsx_project):
    shutil.copy(TINY / "links.csv", xlsx_project / "links.csv")
    result = run("validate", xlsx_project)
    assert result.exit_code == 1
    assert "both project.xlsx and links.csv exist: keep one of them" in result.stderr


def test_xlsx_import_reads_formulas_as_values_and_unsafe_ids(tmp_path):
    source = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    entities = book.active
    entities.title = "Entities"
    for record in (["ID", "Type", "Name", "Countries", "Colour"], ["Lg Side", "Gang", "Lg Side", "France", "red"],
                   ["Bo 1", "person", "@HYPERLINK(\"x\")", "ES;Atlantis", "blue"]):
        entities.append(record)
    links = book.create_sheet("links")
    links.append(["source", "target", "type", "weight"])
    links.append(["Lg Side", "Bo 1", "family", "=2*3"])
    project = book.create_sheet("project")
    for record in (["title", "Gangs of the estate"], ["period.start", "2024-01-01"], ["owner", "me"]):
        project.append(record)
    book.save(source)
    set_cached_formula(source, "2*3", "6")
    result, out = imported(tmp_path, "xlsx", source)
    assert result.exit_code == 0, result.output
    entity_rows = rows(out / "entities.csv")
    assert [(r["id"], r["type"], r["countries"]) for r in entity_rows] == [("Lg_Side", "organisation", "FR"),
                                                                          ("Bo_1", "person", "ES")]
    assert entity_rows[1]["name"] == "'@HYPERLINK(\"x\")"  # formula-like text neutralised
    assert rows(out / "links.csv")[0]["weight"] == "6"
    assert "dropped: 1 × entity countries: … has no mapping at " in result.output
    assert f"{source}:entities!3" in result.output
    assert f"dropped: 1 × column 'Colour': not a column of the contract at {source}:entities!E1" in result.output
    assert "dropped: 1 × project key 'owner'" in result.output
    text = (out / "project.yaml").read_text()
    assert 'en: "Gangs of the estate"' in text and "start: 2024-01-01" in text


# -- hostile sources ----------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
<node id="&lol4;"/></graph></graphml>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE gexf [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph><nodes><node id="0" label="&secret;"/>
</nodes></graph></gexf>
"""


@pytest.mark.parametrize(("fmt", "text"), [("graphml", BILLION_LAUGHS), ("gexf", EXTERNAL_ENTITY)],
                         ids=["billion-laughs", "external-entity"])
def test_xml_entity_attacks_are_refused(tmp_path, fmt, text):
    source = tmp_path / f"hostile.{fmt}"
    source.write_text(text)
    result, out = imported(tmp_path, fmt, source)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{source}: refused: the file declares a DTD" in result.stderr
    assert not out.exists()


def test_malformed_xml_is_located(tmp_path):
    source = tmp_path / "broken.graphml"
    source.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph>\n<node id="a">\n</graphml>\n')
    result, _ = imported(tmp_path, "graphml", source)
    assert result.exit_code == 1
    assert f"{source}:4:3: not well-formed XML: mismatched tag" in result.stderr


def garbage(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 64)
    return path


def test_binary_garbage_renamed_xlsx_is_refused(tmp_path):
    source = garbage(tmp_path / "book.xlsx")
    result, _ = imported(tmp_path, "xlsx", source)
    assert result.exit_code == 1
    assert f"{source}: not an Excel workbook (.xlsx files are ZIP archives; this one is not)" in result.stderr
    project = tmp_path / "direct"
    shutil.copytree(TINY, project)
    for table in ("entities", "links", "activities"):
        (project / f"{table}.csv").unlink()
    garbage(project / workbook.WORKBOOK)
    result = run("validate", project)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{project / workbook.WORKBOOK}: not an Excel workbook" in result.stderr


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path):
    source = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 2**20))
    result, _ = imported(tmp_path, "xlsx", source)
    assert result.exit_code == 1
    assert "xl/worksheets/sheet1.xml is compressed" in result.stderr and "possible ZIP bomb" in result.stderr


def test_entity_expansion_inside_a_workbook_is_refused(tmp_path, xlsx_project):
    declarations = b"".join(b'<!ENTITY lol%d "%s">' % (k, b"&lol%d;" % (k - 1) * 10) for k in range(2, 10))
    doctype = b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol1 "lol">' + declarations + b"]>"

    def inflate(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return doctype + re.sub(rb"<t>A</t>", b"<t>&lol9;</t>", data.split(b"?>", 1)[-1])

    rewrite_parts(xlsx_project / workbook.WORKBOOK, inflate)
    result = run("validate", xlsx_project)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "unreadable sheet 'entities': XmlError: " in result.stderr
    assert "unrecognized entity `&lol9;`" in result.stderr


def test_a_sheet_declaring_too_many_rows_is_refused_before_reading(tmp_path):
    source = tmp_path / "huge.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "entities"
    book.active.append(["id", "type", "name"])
    book.save(source)
    rewrite_parts(source, lambda name, data: data.replace(b'<dimension ref="A1:C1"/>',
                                                          b'<dimension ref="A1:C5000000"/>'))
    result, _ = imported(tmp_path, "xlsx", source)
    assert result.exit_code == 1
    assert "sheet 'entities' declares 5,000,000 rows (at most 200,000 are read)" in result.stderr


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_a_sheet_with_more_rows_than_the_limit_is_refused(monkeypatch, xlsx_project, declared):
    monkeypatch.setattr(workbook, "MAX_ROWS", 5)
    if not declared:  # no <dimension>: the rows are counted once the sheet is read
        rewrite_parts(xlsx_project / workbook.WORKBOOK, lambda name, data: re.sub(rb"<dimension [^>]*/>", b"", data))
    result = run("validate", xlsx_project)
    assert result.exit_code == 1 and "Traceback" not in result.output
    expected = "sheet 'entities' declares 9 rows (at most 5 are read)" if declared else \
        "sheet 'entities' has 9 rows (at most 5 are read)"
    assert expected in result.stderr


@pytest.mark.parametrize(("content", "message"), [
    (b"source,target\na,b\n\xff\xfe,c\n", ":3:1: not valid UTF-8 (byte 0xff)"),
    (b"source,target\na,\"b\nc,d\n", ":2: malformed delimited text: unexpected end of data"),
    (b"source,target\na,b\x00\n", ":2:4: NUL character in file"),
], ids=["bad-utf8", "open-quote", "nul"])
def test_an_unreadable_csv_is_located(tmp_path, content, message):
    source = tmp_path / "edges.csv"
    source.write_bytes(content)
    result, _ = imported(tmp_path, "edgelist", source)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{source}{message}" in result.stderr


@pytest.mark.parametrize("content", [
    b"\xef\xbb\xbfsource,target\r\na,b\r\n",
    b"source,target\na,b\n\xff\xfe,c\n",
    "source,target\na,b\n".encode("utf-16"),
    b"source,target\na,b\x00\n",
    b"source,target\na,\"b\nc,d\n",
], ids=["bom-crlf", "bad-utf8", "utf-16", "nul", "open-quote"])
def test_a_delimited_source_is_read_as_a_project_csv_file_is(tmp_path, content):
    """One reader: the same bytes are accepted, or refused at the same place, by an import and by the loader."""
    (tmp_path / "links.csv").write_bytes(content)
    problems: list = []
    table = read_csv(tmp_path, "links.csv", problems)
    try:
        records = list(delimited.rows(tmp_path / "links.csv", ","))
    except DataError as error:
        assert problems and [str(p) for p in error.problems] == [
            str(p).replace("malformed CSV", "malformed delimited text") for p in problems]
    else:
        assert problems == [] and table is not None and records == [(1, table.header), *table.rows]


def test_an_unknown_mapping_section_is_refused(tmp_path):
    result, _ = imported(tmp_path, "edgelist", SAMPLES / "london_gang_edges.csv", mapping="colums: {a: b}\n")
    assert result.exit_code == 1
    assert "unknown section 'colums'" in result.stderr


# -- builds -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("name", "fmt", "entities", "links"), SAMPLE_CASES, ids=[c[0] for c in SAMPLE_CASES])
def test_imported_samples_build_in_english_and_arabic(tmp_path, name, fmt, entities, links):
    result, project = imported(tmp_path, fmt, SAMPLES / name)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    built = run("build", project, "--lang", "en,ar", "--format", "html", "--out", out)
    assert built.exit_code == 0, built.output
    pages = {f"{path.parent.name}/{path.name}": path for path in out.rglob("*.html")}
    for page in ("en/analysis.html", "en/strategy.html", "ar/analysis.html", "ar/strategy.html"):
        assert page in pages, sorted(pages)
    assert 'dir="rtl"' in pages["ar/analysis.html"].read_text()
    analysis = pages["en/analysis.html"].read_text()
    project_data = load_project(project)
    assert str(len(project_data.entities)) in analysis
    assert any(entity.name in analysis for entity in project_data.entities)


@pytest.mark.slow
def test_the_london_gang_matrix_builds_in_all_four_languages(tmp_path):
    result, project = imported(tmp_path, "matrix", SAMPLES / "london_gang_matrix.csv")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    built = run("build", project, "--lang", "en,fr,es,ar", "--format", "html,pdf", "--out", out)
    assert built.exit_code == 0, built.output
    assert len(list(out.rglob("*.pdf"))) == 8
    assert len([p for p in out.rglob("*.html") if "index" not in p.name]) >= 8
