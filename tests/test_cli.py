"""The command line, through click's runner: output, exit codes, exact errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_validate_ok(tiny):
    result = run("validate", tiny)
    assert result.exit_code == 0
    assert result.output == f"{tiny}: valid — 8 entities, 9 links, 3 activities\n"


def test_validate_reports_located_errors_and_exits_1(project_copy):
    path = project_copy(links__csv="source,target,type\nA,Q,family\nA,B,love\n")
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}/links.csv:2:2: target: unknown entity 'Q' (not in entities.csv)\n"
        f"{path}/links.csv:3:3: type: unknown link type 'love' (allowed: family, ethnic, geographic, associate, "
        "financial, communication, co_offending, ownership, employment, travel)\n"
        "data error: 2 problems in the project data\n"
    )
    assert "Traceback" not in result.output


def test_missing_project_is_a_short_error(tmp_path):
    result = run("analyze", tmp_path / "nope")
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'nope'}: no such project directory\n"


def test_debug_shows_the_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["--debug", "validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no such project directory" in str(result.exception)


def test_analyze_json_contract(tiny):
    result = run("analyze", tiny, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"network", "entities", "communities", "disruption", "activities"} <= set(data)
    entity = next(e for e in data["entities"] if e["id"] == "G")
    for key in ("id", "name", "roles", "degree", "degree_centrality", "betweenness", "closeness",
                "eigenvector", "community", "articulation_point"):
        assert key in entity
    assert entity["betweenness"] == round(9 / 21, 6)
    assert entity["articulation_point"] is True
    assert set(data["disruption"]["degree"]) == {"static", "adaptive"}
    first = data["disruption"]["random"]["static"][0]
    assert first == {"k": 0, "removed": [], "lcc_fraction": 1.0, "components": 2}
    assert run("analyze", tiny, "--json").stdout == result.stdout  # byte-identical


def test_analyze_options(tiny):
    data = json.loads(run("analyze", tiny, "--json", "--max-removals", "2").stdout)
    assert len(data["disruption"]["degree"]["static"]) == 3
    assert data["settings"]["max_removals"] == 2


def test_analyze_tables(tiny):
    result = run("analyze", tiny)
    assert result.exit_code == 0
    assert "TINY TEST — 2026-07-01 to 2026-09-30" in result.output
    assert re.search(r"G\s+Gianni Galli\s+0\.429\s+1", result.output)  # broker row
    assert "role:organiser" in result.output


def test_synth_writes_a_valid_project(tmp_path):
    out = tmp_path / "synth"
    result = run("synth", "--entities", "60", "--seed", "5", out)
    assert result.exit_code == 0, result.output
    assert run("validate", out).output.startswith(f"{out}: valid — 60 entities, 180 links, 120 activities")


def test_synth_refuses_a_non_project_directory(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    result = run("synth", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path}: directory is not empty and is not a project; choose another\n"
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def _commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in _commands(cli)], ids=" ".join)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    readme = (ROOT / "README.md").read_text()
    assert f"reportgen {' '.join(path)}" in readme
