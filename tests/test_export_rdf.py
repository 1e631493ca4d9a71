"""Turtle, N-Triples and TriG exports: read back by rdflib and by pyoxigraph, isomorphic
to the built graph; deterministic; TriG has one named graph per document."""
import random

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.export import export, load_graph
from kg.export.rdf import read_trig, to_ntriples, to_trig, to_turtle
from kg.export.store import graph_from_triples
from kg.graph import DOC, KG


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built[0] / "kg.ttl")


@pytest.fixture(scope="module")
def reference(built):
    return rdflib.Graph().parse(str(built[0] / "kg.ttl"), format="turtle")


def _ox_set(path, fmt):
    return {q.triple for q in ox.parse(path=str(path), format=fmt)}


@pytest.mark.parametrize("fmt,ext,rdflib_fmt,ox_fmt", [
    ("turtle", "ttl", "turtle", ox.RdfFormat.TURTLE),
    ("ntriples", "nt", "nt", ox.RdfFormat.N_TRIPLES),
])
def test_graph_formats_read_back_isomorphic_by_rdflib_and_pyoxigraph(graph, reference, tmp_path,
                                                                   fmt, ext, rdflib_fmt, ox_fmt):
    [path] = export(graph, fmt, tmp_path / f"kg.{ext}")
    back = rdflib.Graph().parse(str(path), format=rdflib_fmt)
    assert len(back) == len(reference) == len(graph) > 2000
    assert isomorphic(back, reference)
    assert _ox_set(path, ox_fmt) == set(graph.triples)


def test_trig_has_one_named_graph_per_document_and_its_union_is_the_graph(graph, reference, tmp_path):
    [path] = export(graph, "trig", tmp_path / "kg.trig")
    ds = rdflib.Dataset()
    ds.parse(str(path), format="trig")
    union = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, reference)
    merged, quads = read_trig(path)
    assert set(merged.triples) == set(graph.triples)
    names = {q.graph_name.value for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    docs = {t.subject.value for t in graph.triples
            if t.predicate.value.endswith("#type") and t.object.value == KG + "Document"}
    assert names == docs and len(docs) == 5
    rdflib_names = {str(c.identifier) for c in ds.graphs() if str(c.identifier).startswith(DOC)}
    assert rdflib_names == docs
    # each assertion sits in the graph of its own document, with its selectors
    for q in quads:
        if q.predicate.value == KG + "document":
            assert q.graph_name == q.object
        if q.predicate.value.endswith("#exact"):
            assert not isinstance(q.graph_name, ox.DefaultGraph)


def test_rdf_exports_are_byte_identical_whatever_the_input_order(graph):
    shuffled = list(graph.triples)
    random.Random(7).shuffle(shuffled)
    other = graph_from_triples(shuffled)
    for writer in (to_turtle, to_ntriples, to_trig):
        assert writer(graph) == writer(other)


def test_missing_graph_says_run_kg_build_first(tmp_path):
    from kg.errors import KgError
    with pytest.raises(KgError, match="run kg build first"):
        load_graph(tmp_path / "exports" / "kg.ttl")
    with pytest.raises(KgError, match="run kg build first"):
        load_graph(tmp_path)


def test_a_broken_graph_file_is_refused_with_its_name(tmp_path):
    from kg.errors import KgError
    bad = tmp_path / "kg.ttl"
    bad.write_text("ex:a ex:b .\n")
    with pytest.raises(KgError, match="kg.ttl: not valid"):
        load_graph(bad)
