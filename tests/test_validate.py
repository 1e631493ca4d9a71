"""kg validate: the seed build conforms to ontology/shapes.ttl and the vocabulary; broken
graphs are reported; the vocabulary declares every term the exports use."""
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import load_graph
from kg.export.store import graph_from_triples
from kg.export.vocab import load_vocabulary
from kg.validate import validate

KG = "https://w3id.org/diplomacy-kg/vocab#"
EX = "https://w3id.org/diplomacy-kg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built[0] / "kg.ttl")


def test_the_seed_build_conforms(built):
    res = CliRunner().invoke(main, ["validate", str(built[0] / "kg.ttl")])
    assert res.exit_code == 0, res.output
    assert res.output.strip().endswith("triples, conforms")


def test_the_vocabulary_declares_every_term_the_graph_uses(graph):
    vocab = load_vocabulary()
    used = {t.predicate.value for t in graph.triples}
    used |= {t.object.value for t in graph.triples if t.predicate.value == RDF_TYPE}
    used |= {t.object.value for t in graph.triples if t.predicate.value in (KG + "predicate", KG + "modality")}
    assert used - vocab.terms == {RDF_TYPE}


def test_the_vocabulary_says_what_each_kg_term_is():
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS
    g = rdflib.Graph().parse(str(load_vocabulary().path))
    kg_terms = {s for s in g.subjects(RDF.type, None) if str(s).startswith(KG)}
    assert len(kg_terms) > 40
    for term in kg_terms:
        assert g.value(term, RDFS.label) is not None, term
        assert g.value(term, RDFS.comment) is not None or (term, RDF.type, rdflib.URIRef(
            "http://www.w3.org/2004/02/skos/core#ConceptScheme")) in g, term
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        if str(prop).startswith(KG):
            assert g.value(prop, RDFS.domain) is not None and g.value(prop, RDFS.range) is not None, prop
    assert (rdflib.URIRef(KG + "meetsWith"), RDF.type, OWL.SymmetricProperty) in g


def _first_assertion(graph):
    return next(t.subject for t in graph.triples if t.predicate.value == KG + "quote")


def _replace(graph, subject, pred, value):
    return [t for t in graph.triples if not (t.subject == subject and t.predicate.value == pred)] + \
        [ox.Triple(subject, ox.NamedNode(pred), value)]


def _messages(triples):
    report = validate(graph_from_triples(triples))
    assert not report.conforms
    return [v.line() for v in report.violations]


def test_offsets_out_of_order_are_reported(graph):
    a = _first_assertion(graph)
    lines = _messages(_replace(graph, a, KG + "start", ox.Literal("99999", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))))
    assert any("start offset" in m and "< its end" in m for m in lines)
    assert any("offsets span" in m for m in lines)


def test_a_second_quote_and_a_missing_label_are_reported(graph):
    a = _first_assertion(graph)
    triples = list(graph.triples) + [ox.Triple(a, ox.NamedNode(KG + "quote"), ox.Literal("another"))]
    triples = [t for t in triples if not (t.subject.value == EX + "Russia" and t.predicate.value.endswith("#label"))]
    lines = _messages(triples)
    assert any("exactly one non-empty quote" in m for m in lines)
    assert any(m.startswith("ex:Russia rdfs:label") for m in lines)


def test_a_relation_without_an_assertion_and_an_untyped_entity_are_reported(graph):
    triples = list(graph.triples) + [
        ox.Triple(ox.NamedNode(EX + "Russia"), ox.NamedNode(KG + "meetsWith"), ox.NamedNode(EX + "Atlantis"))]
    lines = _messages(triples)
    assert any("ex:Russia kg:meetsWith" in m and "no assertion node" in m for m in lines)
    assert any(m.startswith("ex:Atlantis") and "not an actor" in m for m in lines) or \
        any("ex:Atlantis" in m for m in lines)


def test_an_undeclared_term_and_a_bad_modality_are_reported(graph):
    a = _first_assertion(graph)
    triples = _replace(graph, a, KG + "modality", ox.NamedNode(KG + "Maybe"))
    triples.append(ox.Triple(ox.NamedNode(EX + "Russia"), ox.NamedNode(KG + "meetWith"), ox.NamedNode(EX + "China")))
    lines = _messages(triples)
    assert any("kg:meetWith is not declared" in m for m in lines)
    assert any("kg:Maybe is not declared" in m for m in lines)
    assert any("exactly one modality" in m for m in lines)


def test_cli_exits_1_and_lists_violations(graph, tmp_path):
    a = _first_assertion(graph)
    broken = tmp_path / "broken.nt"
    broken.write_bytes(ox.serialize(_replace(graph, a, KG + "quote", ox.Literal("")),
                                    format=ox.RdfFormat.N_TRIPLES))
    res = CliRunner().invoke(main, ["validate", str(broken)])
    assert res.exit_code == 1
    assert "non-empty quote" in res.output and res.output.strip().endswith("violations")


def test_selectors_that_disagree_with_the_assertion_are_reported(graph):
    oa = "http://www.w3.org/ns/oa#"
    start = next(t for t in graph.triples if t.predicate.value == oa + "start")
    exact = next(t for t in graph.triples if t.predicate.value == oa + "exact")
    triples = [t for t in graph.triples if t not in (start, exact)] + [
        ox.Triple(start.subject, start.predicate, ox.Literal("3", datatype=start.object.datatype)),
        ox.Triple(exact.subject, exact.predicate, ox.Literal("not the quote"))]
    lines = _messages(triples)
    assert any("oa:exact is not the kg:quote" in m for m in lines)
    assert any("oa:start/oa:end are not kg:start/kg:end" in m for m in lines)
