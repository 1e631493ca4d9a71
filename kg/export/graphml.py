"""GraphML (yEd, Gephi, Cytoscape, igraph): entities as nodes, assertions as edges.

GraphML takes one scalar type per attribute: the graph written is
:func:`kg.export.views.flat_graph` (aliases joined with "; ", codes as strings,
offsets as integers, flags as booleans). XML 1.0 cannot carry control characters;
any left in the text become U+FFFD.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx

from ..pipeline import write_atomic
from .store import GraphError, KgGraph
from .views import flat_graph

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def xml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose ids and string attributes XML 1.0 can hold."""
    out = nx.MultiDiGraph()
    out.graph.update({k: xml_text(v) for k, v in g.graph.items()})
    for n, data in g.nodes(data=True):
        out.add_node(xml_text(n), **{k: xml_text(v) for k, v in data.items()})
    for u, v, key, data in g.edges(keys=True, data=True):
        out.add_edge(xml_text(u), xml_text(v), key=xml_text(key),
                     **{k: xml_text(val) for k, val in data.items()})
    return out


def export_graph(g: KgGraph, vocab=None) -> nx.MultiDiGraph:
    from .vocab import load_vocabulary
    return xml_safe(flat_graph(g, vocab or load_vocabulary()))


def to_graphml(g: KgGraph, vocab=None) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(export_graph(g, vocab), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def write_graphml(g: KgGraph, path: str | Path, vocab=None) -> list[Path]:
    write_atomic(Path(path), to_graphml(g, vocab))
    return [Path(path)]


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    try:
        return nx.read_graphml(str(path), force_multigraph=True)
    except Exception as exc:    # networkx raises several types for a bad file
        raise GraphError(f"{path}: not valid GraphML: {exc}") from None
