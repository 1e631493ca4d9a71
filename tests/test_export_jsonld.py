"""JSON-LD export: compact with the kg prefixes, parses (rdflib, pyoxigraph) to the same
graph, and expands (pyld) to full IRIs."""
import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.export import export, load_graph
from kg.export.jsonld import read_jsonld, to_jsonld


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built[0] / "kg.ttl")


def test_jsonld_parses_to_the_same_graph(graph, built, tmp_path):
    [path] = export(graph, "jsonld", tmp_path / "kg.jsonld")
    reference = rdflib.Graph().parse(str(built[0] / "kg.ttl"), format="turtle")
    back = rdflib.Graph().parse(str(path), format="json-ld")
    assert isomorphic(back, reference)
    assert set(read_jsonld(path).triples) == set(graph.triples)


def test_jsonld_is_compact_and_expands(graph):
    pyld = pytest.importorskip("pyld")
    doc = json.loads(to_jsonld(graph))
    assert doc["@context"]["kg"] == "https://w3id.org/diplomacy-kg/vocab#"
    putin = next(n for n in doc["@graph"] if n["@id"] == "ex:Vladimir_Putin")
    assert putin["rdfs:label"] == ["Vladimir Putin"] and "kg:Person" in putin["@type"]
    expanded = pyld.jsonld.expand(doc)
    ids = {n["@id"] for n in expanded}
    assert "https://w3id.org/diplomacy-kg/id/Vladimir_Putin" in ids
    node = next(n for n in expanded if n["@id"] == "https://w3id.org/diplomacy-kg/id/Vladimir_Putin")
    assert node["http://www.w3.org/2000/01/rdf-schema#label"] == [{"@value": "Vladimir Putin"}]
    assertion = next(n for n in expanded if "https://w3id.org/diplomacy-kg/vocab#start" in n)
    start = assertion["https://w3id.org/diplomacy-kg/vocab#start"][0]["@value"]
    assert isinstance(start, int)
    nquads = pyld.jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert len(set(nquads.splitlines())) == len(graph)


def test_typed_literals_keep_their_datatype(graph):
    triples = {(t.predicate.value, t.object.datatype.value) for t in
               ox.parse(to_jsonld(graph), format=ox.RdfFormat.JSON_LD)
               if isinstance(t.object, ox.Literal)}
    assert ("http://www.w3.org/ns/oa#start", "http://www.w3.org/2001/XMLSchema#nonNegativeInteger") in triples
    assert ("http://purl.org/dc/terms/date", "http://www.w3.org/2001/XMLSchema#date") in triples
    assert ("https://w3id.org/diplomacy-kg/vocab#reported", "http://www.w3.org/2001/XMLSchema#boolean") in triples
