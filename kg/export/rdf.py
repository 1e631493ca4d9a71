"""RDF text formats: Turtle, N-Triples and TriG (one named graph per document).

Each writer sorts the triples into one canonical order, so the same graph gives the
same bytes whatever order it was read in. TriG puts every document's description,
its assertions and their Web Annotation nodes in a named graph named by the
document's IRI; entities and the direct relation triples, which several documents
may support, stay in the default graph. The union of the graphs is the whole graph.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..graph import KG, PREFIXES
from ..pipeline import write_atomic
from .store import KgGraph, graph_from_triples, load_graph

RDF_TYPE = PREFIXES["rdf"] + "type"
DOCUMENT = KG + "Document"
HAS_DOCUMENT = KG + "document"
DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
HAS_SELECTOR = PREFIXES["oa"] + "hasSelector"


def _term_key(term) -> tuple:
    kind = 0 if isinstance(term, ox.NamedNode) else 1 if isinstance(term, ox.BlankNode) else 2
    if kind == 2:
        return (kind, term.value, term.datatype.value if term.datatype else "", term.language or "")
    return (kind, term.value, "", "")


def triple_key(t: ox.Triple) -> tuple:
    """Subjects in IRI order; within one, rdf:type first, then predicates and objects sorted."""
    return (_term_key(t.subject), t.predicate.value != RDF_TYPE, t.predicate.value, _term_key(t.object))


def sorted_triples(g: KgGraph) -> list[ox.Triple]:
    return sorted(g.triples, key=triple_key)


# ---------------------------------------------------------------- Turtle

def to_turtle(g: KgGraph) -> bytes:
    return ox.serialize(sorted_triples(g), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_turtle(g: KgGraph, path: str | Path) -> list[Path]:
    write_atomic(Path(path), to_turtle(g))
    return [Path(path)]


def read_turtle(path: str | Path) -> KgGraph:
    return load_graph(Path(path))


# ---------------------------------------------------------------- N-Triples

def to_ntriples(g: KgGraph) -> bytes:
    """Canonical N-Triples, one triple per line, lines sorted (diff-friendly)."""
    data = ox.serialize(g.triples, format=ox.RdfFormat.N_TRIPLES)
    lines = sorted(set(data.splitlines()))
    return b"".join(line + b"\n" for line in lines if line)


def write_ntriples(g: KgGraph, path: str | Path) -> list[Path]:
    write_atomic(Path(path), to_ntriples(g))
    return [Path(path)]


def read_ntriples(path: str | Path) -> KgGraph:
    return load_graph(Path(path))


# ---------------------------------------------------------------- TriG

def document_of(triples: list[ox.Triple]) -> dict:
    """Node -> the document it belongs to: the document itself, its assertions, and the
    annotation resources and selectors those assertions derive from."""
    owner: dict = {}
    for t in triples:
        if t.predicate.value == RDF_TYPE and t.object.value == DOCUMENT:
            owner[t.subject] = t.subject
    for t in triples:
        if t.predicate.value == HAS_DOCUMENT and isinstance(t.object, ox.NamedNode):
            owner[t.subject] = t.object
    for pred in (DERIVED_FROM, HAS_SELECTOR):
        for t in triples:
            if t.predicate.value == pred and t.subject in owner and not isinstance(t.object, ox.Literal):
                owner.setdefault(t.object, owner[t.subject])
    return owner


def quads(g: KgGraph) -> list[ox.Quad]:
    triples = sorted_triples(g)
    owner = document_of(triples)
    out = [ox.Quad(t.subject, t.predicate, t.object, owner.get(t.subject, ox.DefaultGraph()))
           for t in triples]
    out.sort(key=lambda q: (not isinstance(q.graph_name, ox.DefaultGraph),
                            "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value))
    return out                                   # stable sort: triple order kept within a graph


def to_trig(g: KgGraph) -> bytes:
    return ox.serialize(quads(g), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def write_trig(g: KgGraph, path: str | Path) -> list[Path]:
    write_atomic(Path(path), to_trig(g))
    return [Path(path)]


def read_trig(path: str | Path) -> tuple[KgGraph, list[ox.Quad]]:
    """The merged graph, and the quads as read (to check the named graphs)."""
    try:
        qs = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except SyntaxError as exc:
        from .store import GraphError
        raise GraphError(f"{path}: not valid TriG: {exc}") from None
    return graph_from_triples((q.triple for q in qs), str(path)), qs
