"""Cytoscape JSON (``.cyjs``): what Cytoscape desktop imports and Cytoscape.js loads.

``{"data": ..., "directed": true, "multigraph": true, "elements": {"nodes": [...],
"edges": [...]}}``. A node's data has ``id``, ``name`` (its label, which Cytoscape
shows) and ``value`` (networkx's key); an edge's has ``id`` (the assertion id),
``source``, ``target``, ``interaction`` (the predicate, Cytoscape's edge type) and
``key``, plus the flat attributes GraphML gets.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from ..pipeline import write_atomic
from .store import GraphError, KgGraph
from .views import flat_graph

_NODE_EXTRA = ("id", "value", "name")
_EDGE_EXTRA = ("id", "source", "target", "key", "interaction")


def to_cytoscape(g: KgGraph, vocab=None) -> bytes:
    from .vocab import load_vocabulary
    graph = flat_graph(g, vocab or load_vocabulary())
    nodes = [{"data": {"id": n, "value": n, "name": d.get("label") or n, **d}}
             for n, d in graph.nodes(data=True)]
    edges = [{"data": {"id": k, "source": u, "target": v, "key": k, "interaction": d["predicate"], **d}}
             for u, v, k, d in graph.edges(keys=True, data=True)]
    doc = {"format_version": "1.0", "generated_by": "kg", "target_cytoscapejs_version": "~2.1",
           "data": {"name": "kg"}, "directed": True, "multigraph": True,
           "elements": {"nodes": nodes, "edges": edges}}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_cytoscape(g: KgGraph, path: str | Path, vocab=None) -> list[Path]:
    write_atomic(Path(path), to_cytoscape(g, vocab))
    return [Path(path)]


def read_cytoscape(path: str | Path) -> nx.MultiDiGraph:
    """Back to the flat networkx graph (the Cytoscape-only keys removed)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        raw = nx.cytoscape_graph(data)
    except (OSError, ValueError, KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphError(f"{path}: not valid Cytoscape JSON: {exc}") from None
    out = nx.MultiDiGraph()
    for n, d in raw.nodes(data=True):
        out.add_node(n, **{k: v for k, v in d.items() if k not in _NODE_EXTRA})
    for u, v, k, d in raw.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{a: b for a, b in d.items() if a not in _EDGE_EXTRA})
    return out
