"""Exports of the built graph, one module per format (write_X / read_X, as in
networkx.readwrite): rdf (turtle, ntriples, trig), jsonld, graphml, gexf, cytoscape,
neo4j, events. Every exporter reads the graph ``kg build`` wrote (kg.export.store)
through SPARQL (kg.export.views), writes deterministic bytes, and writes atomically.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .store import DEFAULT_GRAPH, GraphError, KgGraph, load_graph

__all__ = ["FORMATS", "Format", "GraphError", "KgGraph", "export", "load_graph", "DEFAULT_GRAPH"]


@dataclass(frozen=True)
class Format:
    name: str
    default: str          # output path inside the exports folder
    description: str
    module: str
    vocab: bool = False   # the writer takes the vocabulary (CAMEO/PLOVER codes)

    def writer(self) -> Callable:
        from importlib import import_module
        mod = import_module(f"{__name__}.{self.module}")
        return getattr(mod, f"write_{self.name}")


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", "kg.ttl", "RDF Turtle, triples sorted", "rdf"),
    Format("ntriples", "kg.nt", "RDF N-Triples, lines sorted", "rdf"),
    Format("trig", "kg.trig", "RDF TriG, one named graph per document", "rdf"),
    Format("jsonld", "kg.jsonld", "JSON-LD, compact with the kg prefixes", "jsonld"),
    Format("graphml", "kg.graphml", "GraphML for yEd, Gephi, Cytoscape, igraph", "graphml", True),
    Format("gexf", "kg.gexf", "GEXF 1.2 for Gephi", "gexf", True),
    Format("cytoscape", "kg.cyjs", "Cytoscape JSON (desktop import, Cytoscape.js)", "cytoscape", True),
    Format("neo4j", "neo4j", "folder of neo4j-admin CSVs + LOAD CSV and Kuzu scripts", "neo4j", True),
    Format("events", "events.csv", "event data CSV: one row per assertion, CAMEO/PLOVER", "events", True),
)}


def export(g: KgGraph, fmt: str, out: str | Path | None = None, vocab=None) -> list[Path]:
    """Write ``g`` in format ``fmt`` to ``out`` (default: next to the graph); return the paths."""
    if fmt not in FORMATS:
        raise GraphError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    f = FORMATS[fmt]
    path = Path(out) if out is not None else default_output(g, f)
    if f.vocab:
        from .vocab import load_vocabulary
        return f.writer()(g, path, vocab or load_vocabulary())
    return f.writer()(g, path)


def default_output(g: KgGraph, f: Format) -> Path:
    folder = g.path.parent if g.path.is_file() else DEFAULT_GRAPH.parent
    return folder / f.default
