"""JSON-LD: one compact document, ``{"@context": prefixes, "@graph": [node, ...]}``.

Nodes are sorted by IRI, properties and values sorted within a node, so the same
graph gives the same bytes. IRIs are written as compact IRIs (``ex:Russia``) through
the context's prefixes; integers and booleans in their canonical form become JSON
numbers and booleans (JSON-LD reads them back as xsd:integer and xsd:boolean);
every other typed literal keeps its ``@type``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox

from ..graph import PREFIXES
from ..pipeline import write_atomic
from .rdf import RDF_TYPE, sorted_triples
from .store import GraphError, KgGraph, graph_from_triples

XSD = PREFIXES["xsd"]
_CANONICAL_INT = re.compile(r"^(0|-?[1-9][0-9]{0,14})$")     # exact as a JSON number
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def compact(iri: str) -> str:
    for prefix, base in _BY_LENGTH:
        if iri.startswith(base) and len(iri) > len(base) and not iri[len(base):].startswith("//"):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def _node_ref(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else compact(term.value)


def _value(term):
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return {"@id": _node_ref(term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    dt = term.datatype.value if term.datatype else XSD + "string"
    if dt == XSD + "string":
        return term.value
    if dt == XSD + "integer" and _CANONICAL_INT.match(term.value):
        return int(term.value)
    if dt == XSD + "boolean" and term.value in ("true", "false"):
        return term.value == "true"
    return {"@value": term.value, "@type": compact(dt)}


def _sort_key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def to_jsonld(g: KgGraph) -> bytes:
    nodes: dict[str, dict] = {}
    for t in sorted_triples(g):
        node = nodes.setdefault(_node_ref(t.subject), {"@id": _node_ref(t.subject)})
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(t.object.value))
        else:
            node.setdefault(compact(t.predicate.value), []).append(_value(t.object))
    graph = []
    for ref in sorted(nodes):
        node = nodes[ref]
        out = {"@id": node.pop("@id")}
        if "@type" in node:
            out["@type"] = sorted(set(node.pop("@type")))
        for key in sorted(node):
            values = sorted({_sort_key(v): v for v in node[key]}.items())
            out[key] = [v for _, v in values]
        graph.append(out)
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": graph}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_jsonld(g: KgGraph, path: str | Path) -> list[Path]:
    write_atomic(Path(path), to_jsonld(g))
    return [Path(path)]


def read_jsonld(path: str | Path) -> KgGraph:
    try:
        qs = list(ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD))
    except SyntaxError as exc:
        raise GraphError(f"{path}: not valid JSON-LD: {exc}") from None
    return graph_from_triples((q.triple for q in qs), str(path))
