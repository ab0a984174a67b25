"""Plain-text tables for the terminal: ``reportgen analyze`` without ``--json``, ``i18n stats``.

English only, like every terminal message; the reports are what is
translated. Input is the analysis as plain data (``Analysis.to_dict()``),
so the text shows exactly what ``--json`` would.
"""

from __future__ import annotations

import json
from typing import Any

#: An analysis as ``Analysis.to_dict()`` gives it: JSON-like nested data.
AnalysisData = dict[str, Any]


def table(headers: list[str], rows: list[list[object]]) -> str:
    """Align ``rows`` under ``headers`` in columns two spaces apart, with a dashed rule.

    Numbers are right-aligned and floats shown with three decimals; lists
    are joined with commas, ``None`` is blank. Trailing spaces are trimmed.
    """
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if _numeric(v) else v.ljust(w) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)])


def _cell(value: object) -> str:
    """The text of one table cell."""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _numeric(text: str) -> bool:
    """Whether a cell reads as a number (and is therefore right-aligned)."""
    return text.replace(".", "", 1).replace("-", "", 1).isdigit()


def summary_text(data: AnalysisData) -> str:
    """The analysis as titled tables: network, key players, brokers, communities, disruption, activities.

    Ends with the approximations made (sampling on large networks) if any.
    """
    project = data["project"]
    by_id = {e["id"]: e for e in data["entities"]}
    sections = [
        f"{project['code_name']} — {project['period']['start']} to {project['period']['end']}",
        _network(data["network"]),
        "Key players\n" + _key_players(data, by_id),
        "Brokers\n" + _brokers(data, by_id),
        "Communities\n" + _communities(data, by_id),
        "Disruption (most fragmenting first)\n" + _disruption(data),
        "Activities by type\n" + _activities(data),
    ]
    if data["network"]["approximations"]:
        sections.append("Approximate: " + json.dumps(data["network"]["approximations"], sort_keys=True))
    return "\n\n".join(sections)


def _network(net: dict[str, Any]) -> str:
    """The network-wide measures, one per row."""
    return table(
        ["network", "value"],
        [
            ["entities (nodes)", net["nodes"]],
            ["links (merged edges)", net["edges"]],
            ["density", net["density"]],
            ["components", net["components"]],
            ["largest component share", net["largest_component_share"]],
            ["average clustering", net["average_clustering"]],
            ["diameter (largest component)", net["diameter"]],
            ["communities (Leiden)", net["communities"]],
            ["cross-border link share", net["cross_border_share"]],
            ["articulation points", net["articulation_points"]],
        ],
    )


def _key_players(data: AnalysisData, by_id: dict[str, Any]) -> str:
    """The overall key players with their centralities."""
    return table(
        ["id", "name", "roles", "degree", "betweenness", "eigenvector", "community"],
        [
            [e["id"], e["name"], e["roles"], e["degree"], e["betweenness"], e["eigenvector"], e["community"]]
            for e in (by_id[v] for v in data["key_players"]["overall"])
        ],
    )


def _brokers(data: AnalysisData, by_id: dict[str, Any]) -> str:
    """The brokers with the number of communities each bridges."""
    return table(
        ["id", "name", "betweenness", "communities bridged"],
        [[v, by_id[v]["name"], by_id[v]["betweenness"], by_id[v]["bridged_communities"]] for v in data["brokers"]],
    )


def _communities(data: AnalysisData, by_id: dict[str, Any]) -> str:
    """Each community's size and leader, its three main roles and four main countries."""
    return table(
        ["community", "size", "leader", "main roles", "countries"],
        [
            [c["id"], c["size"], by_id[c["leader"]]["name"], list(c["roles"])[:3], list(c["countries"])[:4]]
            for c in data["communities"]
        ],
    )


def _disruption(data: AnalysisData) -> str:
    """The disruption scenarios, most fragmenting first."""
    return table(
        ["strategy", "mode", "removed", "largest component left", "removals to halve"],
        [
            [r["strategy"], r["mode"], r["removed"], r["final_lcc_fraction"], r["k_to_halve"] or "-"]
            for r in data["disruption_ranking"]
        ],
    )


def _activities(data: AnalysisData) -> str:
    """Activity counts and values by crime type."""
    return table(
        ["type", "count", "value (EUR)"],
        [[r["key"], r["count"], f"{r['value_eur']:.0f}"] for r in data["activities"]["by_type"]],
    )
