"""Export then import gives the same analysis, for every format that can carry the network.

The example project is released to an audience (so the release filter is
part of the trip), exported, imported into a new project directory with the
importer of the same format, loaded and analysed again for the same period:
the entities, links, communities, betweenness and key players must match.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from reportgen.analysis import Settings
from reportgen.analysis.edition import Edition, prepare_edition
from reportgen.analysis.measures import node_measures
from reportgen.data.formats import importer
from reportgen.data.formats.export import Release, export
from reportgen.data.formats.ftmout import ftm_id
from reportgen.data.formats.i2out import IMPORT_SPEC
from reportgen.data.formats.project import write_project
from reportgen.data.load import load_project
from reportgen.data.release import Audience

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "example"

#: Settings of both analyses: measures only (disruption scenarios play no part in an export).
SETTINGS = Settings(max_removals=0, random_runs=0)

#: File suffix and mapping of each format's import.
FORMATS = {
    "graphml": (".graphml", {}), "gexf": (".gexf", {}), "stix": (".json", {}), "ftm": (".ijson", {}),
    "xlsx": (".xlsx", {}), "i2": (".csv", {"i2": IMPORT_SPEC}),
}
#: Formats that carry activities (a graph or a link chart has no place for them).
WITH_ACTIVITIES = ("stix", "ftm", "xlsx")

TINY = Path(__file__).resolve().parent / "projects" / "tiny"


@pytest.fixture(scope="module")
def original() -> Edition:
    return prepare_edition(load_project(EXAMPLE), Audience("FR", "restricted"), None, SETTINGS)


@pytest.mark.parametrize("name", list(FORMATS))
def test_the_tiny_project_survives_a_round_trip(name, tmp_path):
    """A quick trip (not marked slow): same entities, links and measures."""
    tiny = prepare_edition(load_project(TINY), Audience(None, None), None, SETTINGS)
    again, _ = _trip(tiny, name, tmp_path)
    assert sorted(e.id for e in again.project.entities) == sorted(e.id for e in tiny.project.entities)
    assert len(again.project.links) == len(tiny.project.links)
    assert node_measures(again.analysis) == node_measures(tiny.analysis)


def _trip(original: Edition, name: str, folder: Path) -> tuple[Edition, bytes]:
    suffix, mapping = FORMATS[name]
    data = export(Release(original.project, node_measures(original.analysis)), name)
    source = folder / f"export{suffix}"
    source.write_bytes(data)
    imported = importer(name)([source], mapping)
    project = load_project(write_project(imported, folder / "project", "TRIP"))
    return prepare_edition(project, Audience(None, None), original.project.meta.period, SETTINGS), data


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FORMATS))
def test_export_then_import_gives_the_same_analysis(original, name, tmp_path):
    again, _ = _trip(original, name, tmp_path)
    before, after = original.analysis, again.analysis
    assert sorted(e.id for e in again.project.entities) == sorted(e.id for e in original.project.entities)
    assert len(again.project.links) == len(original.project.links)
    assert after.network.nodes == before.network.nodes and after.network.edges == before.network.edges
    measures_before, measures_after = node_measures(before), node_measures(after)
    assert measures_after.keys() == measures_before.keys()
    for entity_id, measure in measures_before.items():
        assert measures_after[entity_id].community == measure.community, entity_id
        assert measures_after[entity_id].betweenness == pytest.approx(measure.betweenness, abs=1e-9), entity_id
    assert after.key_players.overall == before.key_players.overall
    def described(edition: Edition) -> dict[str, tuple]:
        return {e.id: (e.type, e.name, e.roles, e.status, e.countries, e.classification, e.first_seen)
                for e in edition.project.entities}

    assert described(again) == described(original)
    if name in WITH_ACTIVITIES:
        assert sorted(a.id for a in again.project.activities) == sorted(a.id for a in original.project.activities)
        assert after.activities.value_eur == pytest.approx(before.activities.value_eur)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FORMATS))
def test_exports_are_reproducible(original, name):
    release = Release(original.project, node_measures(original.analysis))
    first = export(release, name)
    assert export(release, name) == first


@pytest.mark.slow
@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_graph_exports_open_in_networkx_with_the_measures(original, name, tmp_path):
    path = tmp_path / f"out.{name}"
    path.write_bytes(export(Release(original.project, node_measures(original.analysis)), name))
    graph = nx.read_graphml(path) if name == "graphml" else nx.read_gexf(path)
    top = original.analysis.key_players.overall[0]
    node = graph.nodes[top]
    metrics = original.analysis.entity(top)
    assert node["key_player_rank"] == 1
    assert node["degree"] == metrics.degree and node["community"] == metrics.community
    assert float(node["betweenness"]) == pytest.approx(metrics.betweenness)
    assert graph.number_of_edges() == len(original.project.links)


def test_ftm_carries_sex_as_a_persons_gender_both_ways(original, tmp_path):
    """FtM has ``gender`` on ``Person``: the export writes the contract's ``sex`` there, the import reads it back."""
    again, data = _trip(original, "ftm", tmp_path)
    lines = [json.loads(line) for line in data.decode().splitlines()]
    people = {line["id"]: line["properties"] for line in lines if line["schema"] == "Person"}
    sexes = {e.id: e.sex for e in original.project.entities if e.type == "person"}
    assert {"female", "male"} <= set(sexes.values())
    by_line = {ftm_id(original.project.meta.code_name, entity_id): sex for entity_id, sex in sexes.items()}
    assert {key: (props.get("gender") or [None])[0] for key, props in people.items()} == by_line
    assert not any("reportgen:sex=" in tag for props in people.values() for tag in props.get("keywords", []))
    assert {e.id: e.sex for e in again.project.entities if e.type == "person"} == sexes
