"""The analysis, checked by hand on the tiny project and against networkx."""

from __future__ import annotations

import json
import random
from dataclasses import asdict

import networkx as nx
import pytest

from reportgen.analysis.analyse import Settings, analyse, build_graph
from reportgen.analysis.results import plain
from reportgen.data.load import load_project


def write_graph_project(path, graph: nx.Graph, roles: dict | None = None):
    """Write ``graph`` as a project: node n becomes entity N<n>."""
    path.mkdir()
    (path / "project.yaml").write_text(
        "code_name: G\ntitle: {en: G}\nperiod: {start: 2026-01-01, end: 2026-03-31}\nclassification: public\n"
    )
    roles = roles or {}
    rows = ["id,type,name,roles"] + [f"N{v},person,Person {v},{roles.get(v, '')}" for v in graph]
    (path / "entities.csv").write_text("\n".join(rows) + "\n")
    rows = ["source,target,type"] + [f"N{u},N{v},associate" for u, v in graph.edges]
    (path / "links.csv").write_text("\n".join(rows) + "\n")
    (path / "activities.csv").write_text("id,date,type\n")
    return load_project(path)


def by_id(analysis):
    return {m.id: m for m in analysis.entities}


@pytest.fixture(scope="module")
def tiny_analysis():
    from conftest import TINY

    return analyse(load_project(TINY))


def test_parallel_links_are_merged(tiny):
    graph = build_graph(load_project(tiny)).graph
    assert graph.number_of_edges() == 8
    assert graph["A"]["B"] == {"weight": 3.0, "types": ("family", "financial"), "links": 2}


def test_tiny_network_by_hand(tiny_analysis):
    net = tiny_analysis.network
    assert (net.nodes, net.edges, net.links) == (8, 8, 9)
    assert (net.components, net.largest_component, net.largest_component_share) == (2, 7, 7 / 8)
    assert net.diameter == 4  # A-C-G-D-E
    assert net.density == pytest.approx(8 / 28)
    m = by_id(tiny_analysis)
    # G lies on every shortest path between {A,B,C} and {D,E,F}: 9 of the 21 pairs not involving G.
    assert m["G"].betweenness == pytest.approx(9 / 21)
    assert m["C"].betweenness == pytest.approx(8 / 21)  # {A,B} x {G,D,E,F}
    assert m["A"].betweenness == 0
    assert tiny_analysis.articulation_points == ["C", "D", "G"]
    assert [m[v].articulation_point for v in "ABCDEFGH"] == [False, False, True, True, False, False, True, False]
    assert m["C"].degree == 3 and m["C"].degree_centrality == pytest.approx(3 / 7)
    assert m["A"].weighted_degree == 4.0  # A-B merged weight 3, A-C 1
    assert m["H"].closeness == 0 and m["H"].degree == 0
    # closeness of G: distances 2,2,1,1,2,2 to the six others of its component; (6/10) * (6/7)
    assert m["G"].closeness == pytest.approx(6 / 10 * 6 / 7)
    assert m["B"].roles == ("financer", "recruiter")
    assert m["A"].activity_count == 1 and m["H"].activity_count == 0


def test_communities_cover_every_node_once(tiny_analysis):
    communities = tiny_analysis.communities
    members = [v for c in communities for v in c.members]
    assert sorted(members) == list("ABCDEFGH")
    assert [c.id for c in communities] == list(range(1, len(communities) + 1))
    assert [c.size for c in communities] == sorted((c.size for c in communities), reverse=True)
    groups = {frozenset(c.members) for c in communities}
    assert frozenset("ABC") in groups or frozenset("ABCG") in groups
    assert frozenset("H") in groups


def test_brokers_and_key_players(tiny_analysis):
    assert tiny_analysis.brokers[0] == "G"
    assert set(tiny_analysis.brokers) <= {"C", "D", "G"}
    overall = tiny_analysis.key_players.overall
    assert overall[:2] == ["C", "D"]  # highest degree and eigenvector, close second betweenness
    assert tiny_analysis.key_players.by_role["organiser"] == ["D", "A"]
    assert "enforcer" not in tiny_analysis.key_players.by_role


def test_cross_border_pairs(tiny_analysis):
    assert plain(tiny_analysis.cross_border) == [
        {"countries": ["ES", "IT"], "links": 1, "weight": 3.0, "records": 1},
        {"countries": ["FR", "IT"], "links": 1, "weight": 1.0, "records": 1},
    ]
    assert tiny_analysis.network.cross_border_links == 2
    assert (tiny_analysis.network.cross_border_records, tiny_analysis.network.located_edges) == (2, 8)
    assert tiny_analysis.network.cross_border_share == 2 / 8


def test_activities_and_gradings(tiny_analysis):
    acts = plain(tiny_analysis.activities)
    assert acts["count"] == 3 and acts["value_eur"] == 230000.5 and acts["valued"] == 2
    assert acts["by_country"][0] == {"key": "ES", "count": 2, "value_eur": 230000.5,
                                     "previous_count": 0, "previous_value_eur": 0.0}
    assert acts["previous"]["start"] == "2026-04-01" and acts["previous"]["end"] == "2026-06-30"
    assert [r["key"] for r in acts["by_month"]] == ["2026-07", "2026-08", "2026-09"]
    grades = plain(tiny_analysis.gradings)
    assert grades["links"]["graded"] == 8 and grades["links"]["ungraded"] == 1
    assert grades["links"]["matrix"][1][1] == 2  # two B2 links
    assert grades["activities"]["matrix"][2][2] == 1  # one C3 activity
    assert grades["evidence"]["document"] == 3


def test_disruption_by_hand(tiny_analysis):
    disruption = {s: {m: [asdict(p) for p in curve] for m, curve in modes.items()}
                  for s, modes in tiny_analysis.disruption.items()}
    static = disruption["degree"]["static"]
    assert static[:3] == [
        {"k": 0, "removed": [], "lcc_fraction": 1.0, "components": 2},
        {"k": 1, "removed": ["C"], "lcc_fraction": 4 / 7, "components": 3},
        {"k": 2, "removed": ["C", "D"], "lcc_fraction": 2 / 7, "components": 4},
    ]
    assert disruption["betweenness"]["static"][1]["removed"] == ["G"]
    organisers = disruption["role:organiser"]["static"]
    assert [row["removed"] for row in organisers] == [[], ["D"], ["D", "A"]]
    assert set(disruption) == {
        "degree", "betweenness", "random", "role:organiser", "role:financer", "role:recruiter",
        "role:distributor", "role:facilitator", "role:corrupt_official",
    }


def test_disruption_curves_are_monotone_and_start_whole(tmp_path):
    graph = nx.connected_caveman_graph(6, 5)
    graph.add_edges_from([(0, 12), (7, 25)])
    roles = {0: "financer", 7: "financer", 12: "financer"}
    project = write_graph_project(tmp_path / "p", graph, roles=roles)
    analysis = analyse(project, Settings(max_removals=8, random_runs=5))
    disruption = plain(analysis.disruption)
    for strategy, modes in disruption.items():
        assert set(modes) == {"static", "adaptive"}
        for mode, curve in modes.items():
            assert curve[0] == {"k": 0, "removed": [], "lcc_fraction": 1.0, "components": 1}
            fractions = [row["lcc_fraction"] for row in curve]
            assert fractions == sorted(fractions, reverse=True), (strategy, mode)
            assert [row["k"] for row in curve] == list(range(len(curve)))
    assert len(disruption["role:financer"]["static"]) == 4  # only three financers
    # adaptive betweenness is the greedy recomputation
    remaining, expected = graph.copy(), []
    mapping = {v: f"N{v}" for v in graph}
    remaining = nx.relabel_nodes(remaining, mapping)
    for _ in range(8):
        scores = nx.betweenness_centrality(remaining)
        best = sorted(remaining, key=lambda v: (-round(scores[v], 12), v))[0]
        expected.append(best)
        remaining.remove_node(best)
    assert disruption["betweenness"]["adaptive"][-1]["removed"] == expected
    ranking = plain(analysis.disruption_ranking)
    assert [r["final_lcc_fraction"] for r in ranking] == sorted(r["final_lcc_fraction"] for r in ranking)


@pytest.mark.parametrize("name", ["karate", "disconnected"])
def test_centralities_match_networkx(tmp_path, name):
    graph = nx.karate_club_graph()
    graph = nx.Graph(graph.edges())
    if name == "disconnected":
        graph = nx.disjoint_union(graph, nx.path_graph(5))
        graph.add_node(99)
    project = write_graph_project(tmp_path / name, graph)
    analysis = analyse(project, Settings(max_removals=2, random_runs=2))
    g = nx.relabel_nodes(graph, {v: f"N{v}" for v in graph})
    m = by_id(analysis)
    expected = {
        "degree_centrality": nx.degree_centrality(g),
        "betweenness": nx.betweenness_centrality(g),
        "closeness": nx.closeness_centrality(g),
        "eigenvector": nx.eigenvector_centrality(g, max_iter=1000),
        "clustering": nx.clustering(g),
    }
    for measure, values in expected.items():
        for v, value in values.items():
            assert getattr(m[v], measure) == pytest.approx(value, abs=1e-9), (measure, v)
    assert analysis.network.average_clustering == pytest.approx(nx.average_clustering(g))
    assert analysis.network.components == nx.number_connected_components(g)
    assert set(analysis.articulation_points) == set(nx.articulation_points(g))


def test_sampled_betweenness_is_networkx_sampling_and_is_flagged(tmp_path):
    graph = nx.Graph(nx.karate_club_graph().edges())
    project = write_graph_project(tmp_path / "k", graph)
    settings = Settings(
        exact_betweenness_limit=10,
        betweenness_samples=12,
        exact_adaptive_limit=10,
        adaptive_betweenness_samples=8,
        max_removals=3,
        random_runs=2,
    )
    analysis = analyse(project, settings)
    # Sampling draws from the node order, which is id order in reportgen.
    g = nx.Graph()
    g.add_nodes_from(sorted(f"N{v}" for v in graph))
    g.add_edges_from(sorted(tuple(sorted((f"N{u}", f"N{v}"))) for u, v in graph.edges))
    expected = nx.betweenness_centrality(g, k=12, seed=42)
    assert {v: m.betweenness for v, m in by_id(analysis).items()} == pytest.approx(expected)
    assert analysis.network.approximations["betweenness"] == {"sampled_sources": 12, "seed": 42}
    assert analysis.network.approximations["closeness"] == {"sampled_sources": 12, "seed": 42}
    assert analysis.network.approximations["adaptive_betweenness"] == {"sampled_sources": 8, "seed": 42}
    exact = analyse(project, Settings(max_removals=3, random_runs=2))
    assert exact.network.approximations == {}


def test_same_input_same_json_whatever_the_row_order(project_copy):
    first = project_copy()
    second = project_copy()
    for name in ("entities.csv", "links.csv", "activities.csv"):
        header, *rows = (second / name).read_text().splitlines()
        random.Random(3).shuffle(rows)
        (second / name).write_text("\n".join([header, *rows]) + "\n")
    one = json.dumps(analyse(load_project(first)).to_dict())
    again = json.dumps(analyse(load_project(first)).to_dict())
    shuffled = json.dumps(analyse(load_project(second)).to_dict())
    assert one == again
    # Entities, links and edges are taken in id order, so row order does not matter...
    data_one, data_shuffled = json.loads(one), json.loads(shuffled)
    assert data_one["entities"] == data_shuffled["entities"]
    assert data_one["disruption"] == data_shuffled["disruption"]


def test_activities_compare_with_the_previous_period(project_copy):
    header = "id,date,type,countries,entities,value_eur\n"
    rows = [
        "P1,2026-04-01,fraud,FR,A,10",  # first day of the previous period
        "P2,2026-06-30,fraud,ES,A,20",  # its last day
        "P3,2026-05-15,extortion,FR,B,",
        "C1,2026-07-01,fraud,FR,A,5",
        "C2,2026-09-30,armed_robbery,FR;IT,G,7",
        "O1,2026-03-31,fraud,FR,A,99",  # before both periods
    ]
    project = load_project(project_copy(activities__csv=header + "\n".join(rows) + "\n"))
    acts = plain(analyse(project, Settings(max_removals=1, random_runs=1)).activities)
    assert (acts["count"], acts["previous"]["count"], acts["outside_periods"]) == (2, 3, 1)
    by_type = {r["key"]: r for r in acts["by_type"]}
    assert by_type["fraud"] == {
        "key": "fraud",
        "count": 1,
        "value_eur": 5.0,
        "previous_count": 2,
        "previous_value_eur": 30.0,
    }
    assert by_type["extortion"]["count"] == 0 and by_type["extortion"]["previous_count"] == 1
    assert [(r["key"], r["count"]) for r in acts["by_month"]] == [("2026-07", 1), ("2026-08", 0), ("2026-09", 1)]
    assert [r["key"] for r in acts["previous"]["by_month"]] == ["2026-04", "2026-05", "2026-06"]


def test_empty_network(project_copy):
    project = load_project(
        project_copy(
            entities__csv="id,type,name\nA,person,Ann\n",
            links__csv="source,target,type\n",
            activities__csv="id,date,type\n",
        )
    )
    analysis = analyse(project)
    assert analysis.network.nodes == 1 and analysis.network.edges == 0 and analysis.network.diameter is None
    assert plain(analysis.disruption["degree"]["static"][-1]) == {
        "k": 1,
        "removed": ["A"],
        "lcc_fraction": 0.0,
        "components": 0,
    }


def test_eigenvector_where_the_power_iteration_is_too_slow(tmp_path):
    """A long chain: networkx's power iteration gives up; the direct limit matches the exact eigenvector."""
    graph = nx.path_graph(200)
    project = write_graph_project(tmp_path / "chain", graph)
    analysis = analyse(project, Settings(max_removals=1, random_runs=1))
    g = nx.relabel_nodes(graph, {v: f"N{v}" for v in graph})
    # ARPACK starts from a random vector: its default 50 iterations sometimes fail on this chain.
    expected = nx.eigenvector_centrality_numpy(g, max_iter=5000)
    for m in analysis.entities:
        assert m.eigenvector == pytest.approx(expected[m.id], abs=1e-6)


def test_ties_go_to_the_smaller_id(tmp_path):
    graph = nx.Graph([(1, 10)])
    project = write_graph_project(tmp_path / "tie", graph)
    analysis = analyse(project, Settings(max_removals=1, random_runs=1))
    assert analysis.communities[0].leader == "N1"
    assert analysis.key_players.overall == ["N1", "N10"]


def test_leiden_finds_the_published_optimum_of_the_karate_club(tmp_path):
    """Zachary's karate club: maximum modularity 0.4198 with four groups (Brandes et al. 2008)."""
    graph = nx.Graph(nx.karate_club_graph().edges())
    analysis = analyse(write_graph_project(tmp_path / "karate", graph), Settings(max_removals=1, random_runs=1))
    assert analysis.network.modularity == pytest.approx(0.4197896, abs=1e-6)
    assert [c.size for c in analysis.communities] == [12, 11, 6, 5]
    g = nx.relabel_nodes(graph, {v: f"N{v}" for v in graph})
    found = [set(c.members) for c in analysis.communities]
    assert analysis.network.modularity == pytest.approx(nx.community.modularity(g, found), abs=1e-9)
    assert all(nx.is_connected(g.subgraph(members)) for members in found)  # Leiden's guarantee
    again = analyse(write_graph_project(tmp_path / "again", graph), Settings(max_removals=1, random_runs=1))
    assert [c.members for c in again.communities] == [c.members for c in analysis.communities]


def test_diameter_exact_and_double_sweep_bound(tmp_path):
    graph = nx.disjoint_union(nx.Graph(nx.karate_club_graph().edges()), nx.path_graph(3))
    project = write_graph_project(tmp_path / "d", graph)
    exact = analyse(project, Settings(max_removals=1, random_runs=1))
    assert exact.network.diameter == nx.diameter(nx.karate_club_graph()) == 5
    assert "diameter" not in exact.network.approximations
    bound = analyse(project, Settings(max_removals=1, random_runs=1, exact_diameter_limit=10))
    assert bound.network.diameter == 5  # the double sweep reaches it here
    assert bound.network.approximations["diameter"] == {"method": "double_sweep_lower_bound"}


def test_removal_prefixes_equal_networkx_components():
    """The union–find curve gives, for every prefix, the largest group and group count networkx finds."""
    from reportgen.analysis.arrays import graph_arrays
    from reportgen.analysis.disruption import Remover
    from reportgen.data.model import Link

    for seed in range(30):
        rng = random.Random(seed)
        graph = nx.gnm_random_graph(rng.randint(3, 60), rng.randint(0, 90), seed=seed)
        graph = nx.relabel_nodes(graph, {v: f"N{v:02d}" for v in graph})
        links = [Link(source=u, target=v, type="associate") for u, v in graph.edges]
        remover = Remover(graph_arrays(graph.nodes, links))
        order = rng.sample(sorted(graph), rng.randint(0, len(graph)))
        expected = []
        for k in range(len(order) + 1):
            rest = graph.subgraph(set(graph) - set(order[:k]))
            sizes = [len(c) for c in nx.connected_components(rest)]
            expected.append((max(sizes, default=0), len(sizes)))
        assert remover.prefixes(order) == expected, seed
        assert [remover.measure(order[:k]) for k in range(len(order) + 1)] == expected, seed


def test_graph_arrays_are_the_networkx_graph(tiny):
    """Edges, merged weights, types and neighbours of the arrays equal the networkx graph built from them."""
    from reportgen.analysis.graph import build_graph

    arrays = build_graph(load_project(tiny))
    graph = arrays.graph
    assert list(graph) == arrays.nodes == sorted(arrays.nodes)
    assert arrays.edge_set() == {tuple(sorted(e)) for e in graph.edges}
    assert list(arrays.degree) == [graph.degree(v) for v in graph]
    for v in graph:
        assert arrays.neighbours(v) == sorted(graph[v])
        assert arrays.weights_of(v) == {u: graph[v][u]["weight"] for u in graph[v]}
    assert arrays.has_edge("A", "B") and not arrays.has_edge("A", "H")
    assert arrays.isolated() == ["H"]
