"""The built graph, loaded for querying and exporting.

Exports are derived from what ``kg build`` wrote (``exports/kg.ttl`` by default),
never by running extraction again. ``load_graph`` reads an RDF file (Turtle,
N-Triples, TriG, N-Quads, JSON-LD, RDF/XML) or opens an Oxigraph store folder and
gives a :class:`KgGraph`: a pyoxigraph ``Store`` to query, plus the triples exactly
as read. (An Oxigraph store keeps numbers by value: ``"7"^^xsd:nonNegativeInteger``
comes back as ``7`` typed ``xsd:integer``, so the RDF exports serialize the triples
as read, not the store's copy.) Named graphs are merged: the knowledge graph is one
graph, and TriG's per-document graphs are a view of it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import KgError

DEFAULT_GRAPH = Path("exports") / "kg.ttl"
_STORE_MARKERS = ("CURRENT", "IDENTITY")      # files of an Oxigraph (RocksDB) store folder


class GraphError(KgError):
    """The built graph is missing or cannot be read; names the path and the reason."""


@dataclass
class KgGraph:
    path: Path
    store: ox.Store
    triples: list[ox.Triple]      # as read (datatypes kept), in file order

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run SPARQL over the graph (all named graphs are part of the default graph)."""
        return self.store.query(sparql, use_default_graph_as_union=True,
                                substitutions=substitutions)

    def __len__(self) -> int:
        return len(self.triples)


def rdf_format(path: Path) -> ox.RdfFormat:
    ext = path.suffix.lstrip(".").lower()
    fmt = ox.RdfFormat.from_extension(ext) if ext else None
    if fmt is None:
        raise GraphError(f"{path}: cannot tell the RDF format from the extension {path.suffix!r} "
                         f"(use .ttl, .nt, .trig, .nq, .jsonld or .rdf)")
    return fmt


def locate_graph(path: str | os.PathLike | None = None) -> tuple[Path, bool]:
    """(path, is_store): the RDF file or Oxigraph store folder ``path`` names.

    ``path`` may be an RDF file, an exports folder holding ``kg.ttl``, or an Oxigraph
    store folder (default ``exports/kg.ttl``). Raises :class:`GraphError` when there is
    none, or the file's extension is not an RDF format.
    """
    p = Path(path) if path is not None else DEFAULT_GRAPH
    if p.is_dir():
        if (p / "kg.ttl").is_file():
            return p / "kg.ttl", False
        if any((p / m).exists() for m in _STORE_MARKERS):
            return p, True
        raise GraphError(f"{p}: no kg.ttl and no Oxigraph store in this folder; run kg build first")
    if not p.exists():
        raise GraphError(f"{p}: no graph there; run kg build first (or pass --graph PATH)")
    rdf_format(p)
    return p, False


def load_graph(path: str | os.PathLike | None = None) -> KgGraph:
    """Load the built graph (see :func:`locate_graph` for what ``path`` may be)."""
    p, is_store = locate_graph(path)
    if is_store:
        return _open_store(p)
    fmt = rdf_format(p)
    try:
        triples = list(dict.fromkeys(q.triple for q in ox.parse(path=str(p), format=fmt)))
    except SyntaxError as exc:
        raise GraphError(f"{p}: not valid {fmt.name}: {exc}") from None
    except (OSError, ValueError) as exc:
        raise GraphError(f"{p}: cannot read: {exc}") from None
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return KgGraph(p, store, triples)


def _open_store(folder: Path) -> KgGraph:
    try:
        store = ox.Store.read_only(str(folder))
    except OSError as exc:
        raise GraphError(f"{folder}: cannot open the Oxigraph store: {exc}") from None
    triples = list(dict.fromkeys(q.triple for q in store))
    return KgGraph(folder, store, triples)


def graph_from_triples(triples, path: str = "<memory>") -> KgGraph:
    """A KgGraph of triples already in memory (tests, and kg.graph.triples output)."""
    triples = list(dict.fromkeys(triples))
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return KgGraph(Path(path), store, triples)
