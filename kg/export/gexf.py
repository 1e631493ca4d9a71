"""GEXF 1.2 (Gephi): entities as nodes, assertions as edges with their id.

The graph written is the flat one GraphML gets (one scalar type per attribute: GEXF
would read a list as a time series). Node labels are entity labels, edge labels the
predicate. networkx stamps ``lastmodifieddate`` with today's date; kg writes the
latest document date instead, so the same graph gives the same bytes on any day.
"""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from ..pipeline import write_atomic
from .graphml import export_graph
from .store import GraphError, KgGraph

GEXF_VERSION = "1.2draft"


def to_gexf(g: KgGraph, vocab=None) -> bytes:
    graph = export_graph(g, vocab)
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["id"] = key                       # the assertion id, not a counter
        data["label"] = data["predicate"]
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=GEXF_VERSION)
    writer.add_graph(graph)
    meta = writer.xml.find("meta")
    dates = [d["date"] for _, _, d in graph.edges(data=True) if d.get("date")]
    if max(dates, default=""):
        meta.set("lastmodifieddate", max(dates))
    else:
        meta.attrib.pop("lastmodifieddate", None)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def write_gexf(g: KgGraph, path: str | Path, vocab=None) -> list[Path]:
    write_atomic(Path(path), to_gexf(g, vocab))
    return [Path(path)]


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    """The graph as networkx reads it; edge keys are the assertion ids."""
    try:
        raw = nx.read_gexf(str(path), version=GEXF_VERSION)
    except Exception as exc:    # networkx raises several types for a bad file
        raise GraphError(f"{path}: not valid GEXF: {exc}") from None
    out = nx.MultiDiGraph()
    out.add_nodes_from(raw.nodes(data=True))
    edges = raw.edges(keys=True, data=True) if raw.is_multigraph() else \
        ((u, v, None, d) for u, v, d in raw.edges(data=True))     # no parallel edges: a DiGraph
    for u, v, key, data in edges:
        data = dict(data)
        eid = data.pop("id", key)
        data.pop("label", None)
        out.add_edge(u, v, key=eid, **data)
    return out
