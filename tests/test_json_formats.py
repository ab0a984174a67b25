"""STIX and FollowTheMoney: real samples, what each maps and drops, hostile files, and `reportgen export`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, ROOT, TINY

from reportgen.cli import cli
from reportgen.data.formats import jsonfile
from reportgen.data.formats.ftm import read_ftm
from reportgen.data.formats.stix import read_stix
from reportgen.data.load import load_project
from reportgen.data.release import Audience, restrict
from reportgen.errors import DataError

SAMPLES = ROOT / "tests" / "samples"
CAMPAIGNS = SAMPLES / "oasis-campaigns-threat-actors-intrusion-sets.json"
PROFILE = SAMPLES / "oasis-threat-actor-profile.json"
ATTACK = sorted((SAMPLES / "stix2-data").glob("*.json"))
EXPERTS = SAMPLES / "ftm-experts.ijson"

STAMP = {"created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "spec_version": "2.1"}


def run(*args: object):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def bundle(tmp_path: Path, *objects: dict, name: str = "bundle.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "bundle", "id": "bundle--0a2c0ef2-5a5c-4d3e-9d7f-2a1c7f4b9e10",
                                "objects": list(objects)}))
    return path


def sdo(kind: str, number: int, **properties: object) -> dict:
    return {"type": kind, "id": f"{kind}--00000000-0000-4000-8000-{number:012d}", **STAMP, **properties}


def relationship(number: int, kind: str, source: dict | str, target: dict | str) -> dict:
    refs = [end if isinstance(end, str) else end["id"] for end in (source, target)]
    return sdo("relationship", number, relationship_type=kind, source_ref=refs[0], target_ref=refs[1])


def problems(error: pytest.ExceptionInfo[DataError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


# -- STIX ---------------------------------------------------------------------------------------------


def test_the_oasis_campaigns_bundle_maps_actors_and_notes_each_dropped_relationship():
    imported = read_stix([CAMPAIGNS], {})
    names = {row["name"]: row for row in imported.entities}
    assert len(names) == 6 and len(imported.links) == 11
    assert names["Fake BPP (Branistan Peoples Party)"]["roles"] == "organiser"  # threat-actor role "director"
    assert names["Operation Bran Flakes"]["first_seen"] == "2016-01-08"
    assert names["APT BPP"]["aliases"] == "Bran-teaser"
    dropped = [(n.where.rpartition("#")[2], n.detail) for n in imported.notes if n.kind == "dropped"]
    assert ("/objects/14", "target 'attack-pattern--19da6e1c-71ab-4c2f-886d-d620d09d3b5a' is an object of type "
            "attack-pattern, which is not imported") in dropped
    assert sum("attack-pattern, which is not imported" in detail for _, detail in dropped) == 4
    assert ("/objects/23", f"same id as {CAMPAIGNS}#/objects/21 (the first is kept)") in dropped
    assert any(n.what == "attack-pattern" and n.detail.startswith("2 objects") for n in imported.notes)


def test_references_that_do_not_resolve_are_dropped_and_the_rest_imported():
    imported = read_stix(ATTACK, {})
    assert sorted(row["name"] for row in imported.entities) == ["DragonOK", "RTM"]
    assert [(row["type"]) for row in imported.links] == ["associate"]
    [dropped] = [n for n in imported.notes if n.kind == "dropped"]
    assert dropped.where.endswith("relationship--0d4a7788-7f3b-4df8-a498-31a38003c883.json#/objects/0")
    assert dropped.detail == "source 'attack-pattern--b3d682b6-98f2-4fb0-aa3b-b4df007ca70a' is not in the bundle"


def test_located_at_gives_countries_and_the_mapping_file_wins(tmp_path):
    actor = sdo("threat-actor", 1, name="Kovac", resource_level="individual", roles=["sponsor"])
    place = sdo("location", 2, name="Lyon", country="fr")
    gang = sdo("intrusion-set", 3, name="Night Owls")
    path = bundle(tmp_path, actor, place, gang, relationship(4, "located-at", actor, place),
                  relationship(5, "uses", actor, gang))
    imported = read_stix([path], {"link_types": {"uses": "co_offending"}})
    kovac = next(row for row in imported.entities if row["name"] == "Kovac")
    assert (kovac["type"], kovac["countries"], kovac["roles"]) == ("person", "FR", "financer")
    assert sorted(row["type"] for row in imported.links) == ["co_offending", "geographic"]


def test_observables_without_a_version_and_custom_objects_are_counted_not_imported(tmp_path):
    actor = sdo("threat-actor", 1, name="Kovac")
    address = {"type": "ipv4-addr", "id": "ipv4-addr--00000000-0000-4000-8000-000000000002", "value": "10.0.0.1"}
    tactic = sdo("x-mitre-tactic", 3, name="Initial access")
    path = bundle(tmp_path, actor, address, tactic, relationship(4, "uses", actor, address["id"]))
    imported = read_stix([path], {})
    assert [row["name"] for row in imported.entities] == ["Kovac"]
    notes = {(n.what, n.detail) for n in imported.notes}
    assert ("ipv4-addr", "1 objects: not an actor, place or incident") in notes
    assert ("x-mitre-tactic", "1 objects: not an actor, place or incident") in notes


def test_the_producer_of_the_data_is_not_an_actor(tmp_path):
    producer = sdo("identity", 1, name="CERT-XX", identity_class="organization")
    actor = sdo("threat-actor", 2, name="Kovac", created_by_ref=producer["id"])
    victim = sdo("identity", 3, name="Port authority", identity_class="organization", created_by_ref=producer["id"])
    path = bundle(tmp_path, producer, actor, victim, relationship(4, "targets", actor, victim))
    imported = read_stix([path], {})
    assert sorted(row["name"] for row in imported.entities) == ["Kovac", "Port authority"]
    assert any(n.where == f"{path}#/objects/0" and "created_by_ref" in n.detail for n in imported.notes)


def test_incidents_become_activities_with_their_entities(tmp_path):
    actor = sdo("threat-actor", 1, name="Kovac")
    incident = sdo("incident", 2, name="Port seizure", first_seen="2026-03-04T10:00:00Z")
    path = bundle(tmp_path, actor, incident, relationship(3, "attributed-to", incident, actor))
    imported = read_stix([path], {"defaults": {"activity_type": "trafficking_drugs"}})
    [activity] = imported.activities
    assert (activity["date"], activity["type"], activity["entities"]) == ("2026-03-04", "trafficking_drugs",
                                                                          imported.entities[0]["id"])
    assert imported.links == []


def test_an_invalid_object_is_located_by_json_pointer(tmp_path):
    path = bundle(tmp_path, sdo("threat-actor", 1, name="A"), relationship(2, "uses", "not-an-id", "x"))
    with pytest.raises(DataError) as error:
        read_stix([path], {})
    [problem] = problems(error)
    assert problem.startswith(f"{path}#/objects/1/source_ref: Invalid value for Relationship 'source_ref'")


@pytest.mark.parametrize(("text", "expected"), [
    ('{"type": "bundle", "objects": [', "bundle.json:1:32: invalid JSON: Expecting value"),
    ("[1, 2]", "bundle.json#: not a STIX bundle (expected a JSON object)"),
    ('{"type": "bundle", "objects": {"a": 1}}', "bundle.json#/objects: expected a list of STIX objects"),
    ('{"type": "bundle", "objects": [42]}', "bundle.json#/objects/0: not a STIX object"),
    ('{"type": "bundle", "objects": [{"type": "x-thing", "id": "x-thing--1", "spec_version": "3.0"}]}',
     "bundle.json#/objects/0/spec_version: unsupported STIX version '3.0'"),
    ("[" * 100_000 + "]" * 100_000, "bundle.json: invalid JSON: nested too deeply"),
    ('{"n": ' + "9" * 5000 + "}", "bundle.json: invalid JSON: Exceeds the limit"),
])
def test_hostile_stix_is_refused_with_a_located_error(tmp_path, text, expected):
    path = tmp_path / "bundle.json"
    path.write_text(text)
    with pytest.raises(DataError) as error:
        read_stix([path], {})
    assert problems(error)[0].removeprefix(f"{tmp_path}/").startswith(expected)


def test_binary_garbage_and_huge_files_are_refused_before_parsing(tmp_path):
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(bytes(range(256)) * 4)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:  # sparse: no disk space used
        stream.truncate(jsonfile.MAX_JSON_BYTES + 1)
    for path, message in ((garbage, ":2:118: not valid UTF-8 (byte 0x80)"), (huge, ": file larger than 200 MiB")):
        with pytest.raises(DataError) as error:
            read_stix([path], {})
        assert message in problems(error)[0]


def test_cli_import_of_the_oasis_bundle_lists_what_was_dropped(tmp_path):
    result = run("import", "stix", CAMPAIGNS, "--out", tmp_path / "project")
    assert result.exit_code == 0, result.output
    assert "dropped: 4 × relationship: target … is an object of type attack-pattern, which is not imported at " \
        in result.output
    assert "dropped: 2 × relationship: same id as" in result.output
    assert len(load_project(tmp_path / "project").entities) == 6


# -- FollowTheMoney ------------------------------------------------------------------------------------


def test_the_experts_sample_merges_fragments_into_people_bodies_and_memberships():
    imported = read_ftm([EXPERTS], {})
    kinds = sorted(row["type"] for row in imported.entities)
    assert kinds.count("person") == 14 and kinds.count("organisation") == 4
    assert len(imported.links) == 14 and {row["type"] for row in imported.links} == {"associate"}
    trutzel = next(row for row in imported.entities if row["name"] == "Klaus Trutzel")
    assert trutzel["nationality"] == "DE" and trutzel["external_id"].startswith("aa215a8b")
    assert any(n.detail == "'eu' has no mapping" and n.where == f"{EXPERTS}:2" for n in imported.notes)


def ftm_lines(tmp_path: Path, *entities: dict | str) -> Path:
    path = tmp_path / "entities.ijson"
    path.write_text("".join((e if isinstance(e, str) else json.dumps(e)) + "\n" for e in entities))
    return path


def test_ftm_links_payments_sanctions_and_addresses(tmp_path):
    path = ftm_lines(
        tmp_path,
        {"id": "p1", "schema": "Person", "properties": {"name": ["Ana Petrova"], "addressEntity": ["a1"]}},
        {"id": "c1", "schema": "Company", "properties": {"name": ["Blue Harbour Ltd"], "jurisdiction": ["cy"]}},
        {"id": "a1", "schema": "Address", "properties": {"full": ["1 Quay St, Limassol"], "country": ["cy"]}},
        {"id": "o1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["c1"],
                                                           "startDate": ["2024-02-01"]}},
        {"id": "pay1", "schema": "Payment", "properties": {"payer": ["c1"], "beneficiary": ["p1"],
                                                           "amount": ["25000"], "currency": ["EUR"],
                                                           "date": ["2025-06-30"]}},
        {"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"], "authority": ["OFAC"],
                                                          "startDate": ["2025-01-10"]}},
        {"id": "d1", "schema": "Directorship", "properties": {"director": ["p9"], "organization": ["c1"]}},
    )
    imported = read_ftm([path], {"defaults": {"payment_activity_type": "money_laundering"}})
    ana = next(row for row in imported.entities if row["name"] == "Ana Petrova")
    assert ana["countries"] == "CY"
    assert "Address: 1 Quay St, Limassol." in ana["description"]
    assert "Sanctioned: OFAC (since 2025-01-10)." in ana["description"]
    assert sorted((row["type"], row.get("first_seen", "")) for row in imported.links) == [
        ("financial", "2025-06-30"), ("ownership", "2024-02-01")]
    [activity] = imported.activities
    assert (activity["type"], activity["value_eur"], activity["date"]) == ("money_laundering", "25000", "2025-06-30")
    assert any(n.where == f"{path}:7" and n.detail == "director p9 is not in the files" for n in imported.notes)


def test_ftm_gender_is_a_persons_sex(tmp_path):
    path = ftm_lines(
        tmp_path,
        {"id": "p1", "schema": "Person", "properties": {"name": ["Ana"], "gender": ["female"]}},
        {"id": "p2", "schema": "Person", "properties": {"name": ["Bo"], "gender": ["other"]}},
        {"id": "p3", "schema": "Person", "properties": {"name": ["Cy"]}},
        {"id": "c1", "schema": "Company", "properties": {"name": ["Blue Harbour Ltd"]}},
    )
    imported = read_ftm([path], {})
    assert {row["name"]: row.get("sex", "") for row in imported.entities} == {
        "Ana": "female", "Bo": "", "Cy": "", "Blue Harbour Ltd": ""}
    assert [(n.what, n.where) for n in imported.notes if n.kind == "dropped"] == [("entity sex", f"{path}:2")]


@pytest.mark.parametrize(("line", "expected"), [
    ("{not json", ":2:2: invalid JSON: Expecting property name"),
    ('{"id": "x", "schema": "Nope", "properties": {}}', ":2: invalid FollowTheMoney entity: No schema"),
    ('["a list"]', ":2: not a FollowTheMoney entity"),
    ('{"id": "x", "schema": "Person", "properties": ["name"]}', ":2: properties: expected an object"),
    ("[" * 100_000, ":2: invalid JSON: nested too deeply"),
])
def test_hostile_ftm_lines_are_located(tmp_path, line, expected):
    path = ftm_lines(tmp_path, {"id": "p1", "schema": "Person", "properties": {"name": ["A"]}}, line)
    with pytest.raises(DataError) as error:
        read_ftm([path], {})
    assert problems(error) == [f"{path}{expected}"] or problems(error)[0].startswith(f"{path}{expected}")


# -- export ---------------------------------------------------------------------------------------------


def test_export_writes_the_file_with_the_release_filter(tmp_path):
    out = tmp_path / "example.graphml"
    result = run("export", EXAMPLE, "--format", "graphml", "--out", out, "--audience", "FR", "--clearance",
                 "restricted")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}: 155 entities, 349 links")
    released, withheld = restrict(load_project(EXAMPLE), Audience("FR", "restricted"))
    assert withheld.entities
    graph = nx.read_graphml(out)
    assert set(graph.nodes) == {e.id for e in released.entities}
    assert all(isinstance(graph.nodes[node]["key_player_rank"], int) for node in graph.nodes)


def test_export_refuses_a_missing_folder_without_a_traceback(tmp_path):
    result = run("export", TINY, "--format", "stix", "--out", tmp_path / "no" / "such.json")
    assert result.exit_code == 1
    assert result.output == f"usage error: {tmp_path / 'no'}: no such directory for --out\n"


def test_xlsx_export_keeps_formula_like_text_as_text(tmp_path, project_copy):
    import openpyxl

    entities = (TINY / "entities.csv").read_text().splitlines()
    header, first = entities[0], entities[1].split(",")
    name = header.split(",").index("name")
    first[name] = "=HYPERLINK(\"http://x\")"
    project = project_copy(**{"entities.csv": "\n".join([header, ",".join(first), *entities[2:]]) + "\n"})
    out = tmp_path / "out.xlsx"
    assert run("export", project, "--format", "xlsx", "--out", out).exit_code == 0
    cell = openpyxl.load_workbook(out)["entities"].cell(row=2, column=name + 1)
    assert cell.data_type == "s" and cell.value == first[name] and cell.quotePrefix


# -- builds ---------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "sources"), [("stix", [CAMPAIGNS]), ("ftm", [EXPERTS])], ids=["stix", "ftm"])
def test_imported_stix_and_ftm_samples_build_in_all_four_languages(tmp_path, fmt, sources):
    project = tmp_path / "project"
    result = run("import", fmt, *sources, "--out", project)
    assert result.exit_code == 0, result.output
    assert run("validate", project).exit_code == 0
    out = tmp_path / "out"
    built = run("build", project, "--lang", "en,fr,es,ar", "--format", "html", "--out", out)
    assert built.exit_code == 0, built.output
    pages = {f"{path.parent.name}/{path.name}": path for path in out.rglob("*.html")}
    assert {f"{lang}/{report}.html" for lang in ("en", "fr", "es", "ar") for report in ("analysis", "strategy")} \
        <= set(pages)
    assert 'dir="rtl"' in pages["ar/analysis.html"].read_text()
    names = {entity.name for entity in load_project(project).entities}
    assert any(name in pages["en/analysis.html"].read_text() for name in names)


def test_the_data_stage_does_not_import_the_analysis_stage():
    """Exporters take measures as plain numbers: nothing under reportgen/data reaches into the analysis."""
    statement = re.compile(r"^\s*(from|import)\s+(reportgen\.analysis|\.{2,}analysis)\b", re.MULTILINE)
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "reportgen" / "data").rglob("*.py")
                 if statement.search(path.read_text())]
    assert offenders == []
