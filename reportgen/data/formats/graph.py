"""GraphML and GEXF graphs (Gephi, yEd, igraph, networkx), read safely.

The file is first parsed by defusedxml with document type declarations
forbidden, so that entity expansion ("billion laughs") and external
entities are refused before networkx's own reader sees the file.

Nodes become entities: the node id is the ``external_id``; the ``label`` or
``name`` attribute the name (else the id); ``type`` the entity type (mapped
through ``entity_types``, else ``defaults: entity_type:``, else person); any
attribute named like an entity column (``roles``, ``countries``, ``status``,
``description``, …, or renamed under ``columns:``) fills it. Edges become
links: ``weight``, ``type`` (or ``label``) and link columns likewise, the
edge id as ``external_id``. Other attributes (coordinates, colours, sizes,
measures) are dropped, each named once with its count. Links are
undirected: of a pair of opposite edges, the second is dropped (noted).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from ...errors import DataError, Problem
from ..model import Entity, Link
from ..textfile import read_bytes
from .base import Draft, Imported, Note
from .clean import finish
from .mapping import column_for

#: Largest graph file read, in bytes.
MAX_GRAPH_BYTES = 256 * 1024 * 1024

#: Attributes naming a node, in order of preference.
NAME_ATTRIBUTES = ("label", "name", "Label", "Name")
#: Attributes read for an edge's type, in order of preference.
EDGE_TYPE_ATTRIBUTES = ("type", "relationship", "label", "Label")


def read_graphml(sources: Sequence[Path], mapping: Mapping[str, Any]) -> Imported:
    """Entities and links from GraphML files."""
    return _read(sources, mapping, lambda data: nx.read_graphml(io.BytesIO(data)))


def read_gexf(sources: Sequence[Path], mapping: Mapping[str, Any]) -> Imported:
    """Entities and links from GEXF files."""
    return _read(sources, mapping, lambda data: nx.read_gexf(io.BytesIO(data)))


def _read(sources: Sequence[Path], mapping: Mapping[str, Any], parse: Callable[[bytes], Any]) -> Imported:
    draft = Draft()
    for path in sources:
        graph = _parse(path, parse)
        _nodes(path, graph, mapping, draft)
        _edges(path, graph, mapping, draft)
    return finish(draft, mapping)


def _parse(path: Path, parse: Callable[[bytes], Any]) -> Any:
    """The graph in ``path``, after a safe parse; located :class:`DataError` otherwise."""
    import defusedxml.ElementTree as safe_tree
    from defusedxml import DefusedXmlException

    shown = str(path)
    data = read_bytes(path, MAX_GRAPH_BYTES)
    try:
        safe_tree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise DataError([Problem(shown, None, None, f"refused: {_refusal(error)}")]) from None
    except safe_tree.ParseError as error:
        line, column = getattr(error, "position", (None, None))
        raise DataError([Problem(shown, line, column + 1 if column is not None else None,
                                 f"not well-formed XML: {error}")]) from None
    try:
        return parse(data)
    except (nx.NetworkXError, KeyError, ValueError, TypeError, AttributeError, IndexError) as error:
        raise DataError([Problem(shown, None, None, f"not a readable graph: {type(error).__name__}: {error}")]) \
            from None


def _refusal(error: Exception) -> str:
    name = type(error).__name__
    if name == "DTDForbidden":
        return "the file declares a DTD (entity declarations and external entities are not accepted)"
    if name == "EntitiesForbidden":
        return "the file declares XML entities (possible entity-expansion attack)"
    return f"unsafe XML ({name})"


def _nodes(path: Path, graph: Any, mapping: Mapping[str, Any], draft: Draft) -> None:
    unused: Counter[str] = Counter()
    for node, attributes in graph.nodes(data=True):
        cells = {"external_id": str(node)}
        for name in NAME_ATTRIBUTES:
            if attributes.get(name) not in (None, ""):
                cells["name"] = str(attributes[name])
                break
        for key, value in attributes.items():
            column = column_for(mapping, str(key), Entity.columns())
            if column in (None, "id", "external_id"):
                if key not in NAME_ATTRIBUTES:
                    unused[str(key)] += 1
                continue
            assert column is not None
            cells[column] = _text(value)
        draft.entities.append((f"{path}#node[{node}]", cells))
    _note_unused(path, "node", unused, draft)


def _edges(path: Path, graph: Any, mapping: Mapping[str, Any], draft: Draft) -> None:
    unused: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for source, target, attributes in graph.edges(data=True):
        at = f"{path}#edge[{source}->{target}]"
        if (str(target), str(source)) in seen:
            draft.notes.append(Note("dropped", "edge", at, "reverse of an earlier edge (links are undirected)"))
            continue
        seen.add((str(source), str(target)))
        cells = {"source": str(source), "target": str(target)}
        for name in EDGE_TYPE_ATTRIBUTES:
            if attributes.get(name) not in (None, ""):
                cells["type"] = str(attributes[name])
                break
        for key, value in attributes.items():
            column = "external_id" if key == "id" else column_for(mapping, str(key), Link.columns())
            if column in (None, "source", "target"):
                if key not in EDGE_TYPE_ATTRIBUTES:
                    unused[str(key)] += 1
                continue
            assert column is not None
            cells[column] = _text(value)
        draft.links.append((at, cells))
    _note_unused(path, "edge", unused, draft)


def _note_unused(path: Path, kind: str, unused: Counter[str], draft: Draft) -> None:
    for key, count in sorted(unused.items()):
        draft.notes.append(Note("dropped", f"{kind} attribute {key!r}", str(path),
                                f"on {count} {kind}s: not a reportgen column; map it under columns:"))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
