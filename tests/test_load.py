"""The loader: happy path and every class of located data error."""

from __future__ import annotations

from datetime import date

import pytest

from reportgen.data.load import load_project
from reportgen.errors import DataError, ReportgenError

ENTITY_HEADER = (
    "id,type,name,aliases,roles,countries,nationality,status,description,first_seen,last_seen,classification,"
    "release_to\n"
)
LINK_HEADER = "source,target,type,weight,grading,evidence,first_seen,last_seen,classification,release_to,description\n"
ACTIVITY_HEADER = "id,date,type,countries,entities,value_eur,grading,classification,release_to,description\n"


def problems(path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_project(path)
    return [str(p) for p in caught.value.problems]


def test_tiny_project_loads_with_defaults(tiny):
    project = load_project(tiny)
    assert [e.id for e in project.entities] == list("ABCDEFGH")
    b = project.entity_index["B"]
    assert b.roles == ("financer", "recruiter")
    assert b.aliases == ("Le Grand",)
    assert b.first_seen == date(2025, 2, 1)
    assert project.entity_index["C"].nationality == ()
    assert project.entity_index["H"].countries == ()
    link = project.links[2]
    assert (link.source, link.target, link.weight) == ("B", "C", 1.0)  # empty weight = 1
    assert link.evidence == ("known_association", "image")
    assert project.links[7].grading is None
    assert str(project.links[0].grading) == "B2"
    assert project.activities[1].value_eur == 80000.5
    assert project.activities[2].value_eur is None
    assert project.meta.title.get("fr") == "Petit réseau de test"
    assert project.meta.organisation.get("fr") is None
    assert project.meta.narratives.summary[0].en.startswith("Two cells")
    assert project.meta.narratives.key_judgements[0].es is None


def test_header_only_activities_is_a_project_without_activities(project_copy):
    project = load_project(project_copy(activities__csv=ACTIVITY_HEADER))
    assert project.activities == ()


def test_only_required_columns(project_copy):
    path = project_copy(
        entities__csv="id,type,name\nA,person,Ann\nB,organisation,Acme\n",
        links__csv="source,target,type\nA,B,employment\n",
        activities__csv="id,date,type\n",
    )
    project = load_project(path)
    assert project.entities[0].status == "unknown"
    assert project.links[0].weight == 1.0


def test_every_problem_is_reported_with_file_row_and_column(project_copy):
    path = project_copy(
        entities__csv=ENTITY_HEADER
        + "A,person,Ann,,boss,FR,,,,,,,\n"
        + "A,person,Ann again,,,QQ,,,,,,,\n"
        + "B,spaceship,Bob,,,,,,,2026-02-30,,,\n"
        + "C,person,,,,,,,,,,,\n",
        links__csv=LINK_HEADER + "A,Z,family,1,B9,,,,,,\nA,A,associate,-2,,dna,,,,,\n",
        activities__csv=ACTIVITY_HEADER + "X1,2026/01/01,piracy,,A;A,1 000,,,,\n",
    )
    root = str(path)
    allowed_roles = (
        "organiser, financer, recruiter, distributor, corrupt_official, facilitator, enforcer, "
        "transporter, money_launderer, forger, supplier"
    )
    assert problems(path) == [
        f"{root}/activities.csv:2:2: date: invalid date '2026/01/01' (expected YYYY-MM-DD)",
        f"{root}/activities.csv:2:3: type: unknown activity type 'piracy' (allowed: trafficking_persons, "
        "migrant_smuggling, trafficking_drugs, trafficking_goods, trafficking_weapons, armed_robbery, "
        "counterfeiting, money_laundering, fraud, corruption, extortion)",
        f"{root}/activities.csv:2:5: entities: 'A' listed twice",
        f"{root}/activities.csv:2:6: value_eur: invalid number '1 000' (digits with a '.' decimal point, e.g. 1500.50)",
        f"{root}/entities.csv:2:5: roles: unknown role 'boss' (allowed: {allowed_roles})",
        f"{root}/entities.csv:3:1: id: duplicate id 'A' (first used on row 2)",
        f"{root}/entities.csv:3:6: countries: unknown country code 'QQ' (expected an ISO 3166-1 alpha-2 code, e.g. FR)",
        f"{root}/entities.csv:4:2: type: unknown entity type 'spaceship' (allowed: person, organisation, business, "
        "location, vehicle, vessel, phone, email, account, document)",
        f"{root}/entities.csv:4:10: first_seen: invalid date '2026-02-30' (no such day)",
        f"{root}/entities.csv:5:3: name: required but empty",
        f"{root}/links.csv:2:2: target: unknown entity 'Z' (not in entities.csv)",
        f"{root}/links.csv:2:5: grading: invalid grading 'B9' for the admiralty system (source reliability "
        "A/B/C/D/E/F then information credibility 1/2/3/4/5/6, e.g. B2)",
        f"{root}/links.csv:3:2: target: link from 'A' to itself",
        f"{root}/links.csv:3:4: weight: weight must be greater than 0, got -2",
        f"{root}/links.csv:3:6: evidence: unknown evidence type 'dna' (allowed: biometric, image, known_association, "
        "financial_record, communication_record, travel_record, surveillance, seizure, witness_statement, document, "
        "open_source, human_source)",
    ]


def test_cross_row_checks_after_rows_are_valid(project_copy):
    path = project_copy(
        links__csv=LINK_HEADER + "A,A,associate,,,,,,,,\nA,B,family,,,,2026-03-01,2026-01-01,,,\n",
        activities__csv=ACTIVITY_HEADER + "X1,2026-01-01,fraud,,A;A;Q,,,,,\nX1,2026-01-02,fraud,,,,,,,\n",
    )
    root = str(path)
    assert problems(path) == [
        f"{root}/activities.csv:2:5: entities: 'A' listed twice",
        f"{root}/activities.csv:2:5: entities: unknown entity 'Q' (not in entities.csv)",
        f"{root}/activities.csv:3:1: id: duplicate id 'X1' (first used on row 2)",
        f"{root}/links.csv:2:2: target: link from 'A' to itself",
        f"{root}/links.csv:3:8: last_seen: last_seen 2026-01-01 is before first_seen 2026-03-01",
    ]


def test_references_to_an_invalid_entity_row_are_not_reported_twice(project_copy):
    path = project_copy(
        entities__csv=ENTITY_HEADER + "A,person,Ann,,,,,,,,,,\nB,person,Bob,,boss,,,,,,,,\n",
        links__csv=LINK_HEADER + "A,B,family,,,,,,,,\n",
        activities__csv=ACTIVITY_HEADER,
    )
    assert problems(path) == [
        f"{path}/entities.csv:3:5: roles: unknown role 'boss' (allowed: organiser, financer, "
        "recruiter, distributor, corrupt_official, facilitator, enforcer, transporter, "
        "money_launderer, forger, supplier)"
    ]


def test_header_problems(project_copy):
    path = project_copy(entities__csv="id,type,nmae,type\nA,person,Ann,person\n")
    root = str(path)
    assert problems(path) == [
        f"{root}/entities.csv:1: missing required column 'name'",
        f"{root}/entities.csv:1:3: unknown column 'nmae' (allowed: id, type, name, aliases, roles, countries, "
        "nationality, sex, status, description, first_seen, last_seen, classification, release_to, external_id)",
        f"{root}/entities.csv:1:4: duplicate column 'type'",
    ]


def test_ragged_rows_and_multiline_cells_keep_line_numbers(project_copy):
    path = project_copy(
        entities__csv='id,type,name,description\nA,person,Ann,"two\nlines"\nB,person\nC,person,Cy,x,extra\n'
        'D,person,Di,\nE,person,Ed,"",\n',
        links__csv="source,target,type\n",
        activities__csv="id,date,type\n",
    )
    root = str(path)
    assert problems(path) == [
        f"{root}/entities.csv:4: row has 2 cells but the header has 4",
        f"{root}/entities.csv:5: row has 5 cells but the header has 4",
        f"{root}/entities.csv:7: row has 5 cells but the header has 4",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "1: empty file; the header must name at least id, type, name"),
        (b"id,type,name\nA,person,Caf\xe9\n", "2:13: not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
        ("id,type,name\n".encode("utf-16"), "1:1: file is UTF-16 encoded; save it as UTF-8"),
        (b"id,type,name\nA,person,A\x00n\n", "2:11: NUL character in file"),
    ],
)
def test_encoding_problems(project_copy, content, message):
    path = project_copy(entities__csv=content)
    assert problems(path) == [f"{path}/entities.csv:{message}"]


def test_bom_and_crlf_are_accepted(project_copy):
    path = project_copy(
        entities__csv=b"\xef\xbb\xbfid,type,name\r\nA,person,Ann\r\nB,person,Bob\r\n",
        links__csv="source,target,type\r\nA,B,family\r\n",
        activities__csv="id,date,type\n",
    )
    project = load_project(path)
    assert [e.name for e in project.entities] == ["Ann", "Bob"]


def test_missing_file_and_directory_instead_of_file(project_copy):
    path = project_copy()
    (path / "links.csv").unlink()
    (path / "activities.csv").unlink()
    (path / "activities.csv").mkdir()
    assert problems(path) == [f"{path}/activities.csv: not a regular file", f"{path}/links.csv: file is missing"]


def test_symlink_outside_the_project_is_refused(project_copy, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("id,date,type\n")
    path = project_copy()
    (path / "activities.csv").unlink()
    (path / "activities.csv").symlink_to(outside)
    assert problems(path) == [f"{path}/activities.csv: file links outside the project directory"]


def test_not_a_project_directory(tmp_path):
    with pytest.raises(ReportgenError, match="no such project directory"):
        load_project(tmp_path / "nothing")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReportgenError, match="not a directory"):
        load_project(tmp_path / "file")


def test_project_yaml_errors_carry_line_column_and_key(project_copy):
    path = project_copy(
        project__yaml="""code_name: X
title:
  fr: Sans anglais
period:
  start: 2026-09-30
  end: 2026-07-01
classification: secret
grading: nato
colour: blue
narratives:
  summary:
    - en: ok
      de: nein
"""
    )
    root = str(path)
    assert problems(path) == [
        f"{root}/project.yaml:2:1: title.en: required but missing",
        f"{root}/project.yaml:4:1: period: period start 2026-09-30 is after its end 2026-07-01",
        f"{root}/project.yaml:7:17: classification: unknown classification 'secret' "
        "(allowed: public, official_use, restricted, confidential)",
        f"{root}/project.yaml:8:10: grading: unknown grading system 'nato' (allowed: admiralty, uk_3x5x2, europol_4x4)",
        f"{root}/project.yaml:9:1: colour: unknown key",
        f"{root}/project.yaml:13:7: narratives.summary.0.de: unknown key",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code_name: [unclosed\n", "2:1: invalid YAML: expected ',' or ']', but got '<stream end>'"),
        ("a: &x [1]\nb: *x\n", " YAML anchors and aliases are not allowed"),
        ("code_name: A\ncode_name: B\n", "2:1: invalid YAML: duplicate key 'code_name'"),
        ("- just\n- a list\n", "1:1: expected a mapping of keys (code_name, title, period, …)"),
        (
            "x: !!python/object:os.system ls\n",
            "1:4: invalid YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'",
        ),
    ],
)
def test_broken_yaml(project_copy, text, message):
    path = project_copy(project__yaml=text)
    assert problems(path) == [f"{path}/project.yaml:{message}"]


@pytest.mark.parametrize("depth", [600, 100_000])
def test_deeply_nested_yaml_is_a_located_error(project_copy, depth):
    path = project_copy(project__yaml="code_name: X\nx: " + "[" * depth + "]" * depth + "\n")
    [found] = problems(path)
    assert found.startswith(f"{path}/project.yaml:2:") and found.endswith(": invalid YAML: nested too deeply")


def test_deeply_nested_yaml_gives_no_traceback(project_copy):
    import subprocess
    import sys

    path = project_copy(project__yaml="x: " + "[" * 100_000 + "\n")
    run = subprocess.run([sys.executable, "-m", "reportgen", "validate", str(path)], capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr and "RecursionError" not in run.stderr
    assert run.stderr.splitlines()[0].endswith("invalid YAML: nested too deeply"), run.stderr


def test_other_grading_systems(project_copy):
    text = (project_copy() / "project.yaml").read_text().replace("grading: admiralty", "grading: uk_3x5x2")
    links = LINK_HEADER + "A,B,family,,1AP,,,,,,\nB,C,family,,3-E,,,,,,\nC,D,family,,B2,,,,,,\n"
    path = project_copy(project__yaml=text, links__csv=links, activities__csv=ACTIVITY_HEADER)
    assert problems(path) == [
        f"{path}/links.csv:4:5: grading: invalid grading 'B2' for the uk_3x5x2 system (source reliability 1/2/3 "
        "then information credibility A/B/C/D/E, optionally a handling code P/C, e.g. 2B)"
    ]
    path = project_copy(
        project__yaml=text,
        links__csv=LINK_HEADER + "A,B,family,,1AP,,,,,,\nB,C,family,,3-E,,,,,,\n",
        activities__csv=ACTIVITY_HEADER,
    )
    grades = [link.grading for link in load_project(path).links]
    assert [(g.reliability, g.credibility, g.handling) for g in grades] == [("1", "A", "P"), ("3", "E", "")]

    text = text.replace("grading: uk_3x5x2", "grading: europol_4x4")
    path = project_copy(
        project__yaml=text,
        links__csv=LINK_HEADER + "A,B,family,,X4,,,,,,\nB,C,family,,E1,,,,,,\n",
        activities__csv=ACTIVITY_HEADER,
    )
    assert problems(path)[0].endswith(
        "invalid grading 'E1' for the europol_4x4 system (source reliability A/B/C/X "
        "then information credibility 1/2/3/4, e.g. B2)"
    )


def test_input_files_are_not_modified(tiny):
    before = {p.name: p.read_bytes() for p in tiny.iterdir()}
    load_project(tiny)
    assert {p.name: p.read_bytes() for p in tiny.iterdir()} == before
