"""Document text is data: a briefing whose title and quotes hold <script>, quotes,
backslashes, newlines, a bell and an RTL mark goes through kg build, and every export
stays well-formed and gives the text back."""
import csv
import json
import xml.dom.minidom

import pyoxigraph as ox
import pytest
import rdflib

from kg.export import FORMATS, export, load_graph
from kg.export.cytoscape import read_cytoscape
from kg.export.events import read_events
from kg.export.gexf import read_gexf
from kg.export.graphml import read_graphml
from kg.export.neo4j import read_neo4j
from kg.export.store import graph_from_triples
from kg.pipeline import build

HOSTILE = (
    "---\n"
    "tags: press-briefings\n"
    "date: '2022-01-10'\n"
    "source_url: https://www.whitehouse.gov/briefing-room/press-briefings/2022/01/10/hostile/\n"
    'title: "President Biden <script>alert(1)</script> \\"to meet\\" President Putin \\\\ \\x07 \\u200F"\n'
    "---\n\n"
    "SENIOR ADMINISTRATION OFFICIAL:  President Biden will meet President Putin "
    '<script>alert(1)</script> "next week" in Geneva, back\\slash \u200f and a bell \x07 here.\n\n'
    "If Russia invades Ukraine, the United States will impose severe costs on Russia "
    '\u200f "<b>" & \\ ; \u2028 done.\n')


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, onto):
    src = tmp_path_factory.mktemp("hostile-src")
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    report = build([src], out, onto)
    assert report.documents == 1 and sum(report.relations.values()) >= 2
    g = load_graph(out / "kg.ttl")
    exports = tmp_path_factory.mktemp("hostile-exports")
    for name, fmt in FORMATS.items():
        export(g, name, exports / fmt.default)
    return g, exports


def quotes_of(g):
    return {t.object.value for t in g.triples if t.predicate.value.endswith("#quote")}


def test_rdf_exports_parse_with_both_libraries(hostile):
    g, out = hostile
    assert any("<script>alert(1)</script>" in q for q in quotes_of(g))
    for name, rfmt, ofmt in (("kg.ttl", "turtle", ox.RdfFormat.TURTLE), ("kg.nt", "nt", ox.RdfFormat.N_TRIPLES),
                             ("kg.jsonld", "json-ld", ox.RdfFormat.JSON_LD)):
        assert len(rdflib.Graph().parse(str(out / name), format=rfmt)) == len(g)
        assert {q.triple for q in ox.parse(path=str(out / name), format=ofmt)} == set(g.triples)
    assert len(rdflib.Dataset().parse(str(out / "kg.trig"), format="trig")) >= 0
    assert len({q.triple for q in ox.parse(path=str(out / "kg.trig"), format=ox.RdfFormat.TRIG)}) == len(g)


def test_graph_formats_are_well_formed_and_keep_the_text(hostile):
    g, out = hostile
    for name in ("kg.graphml", "kg.gexf"):
        xml.dom.minidom.parse(str(out / name))            # well-formed XML
    json.loads((out / "kg.cyjs").read_text(encoding="utf-8"))
    quotes = quotes_of(g)
    for back in (read_graphml(out / "kg.graphml"), read_gexf(out / "kg.gexf"),
                 read_cytoscape(out / "kg.cyjs"), read_neo4j(out / "neo4j")):
        assert {d["quote"] for _, _, d in back.edges(data=True)} == quotes
    assert {r["quote"] for r in read_events(out / "events.csv")} == quotes
    with open(out / "neo4j" / "relationships.csv", encoding="utf-8", newline="") as fh:
        assert {r["quote"] for r in csv.DictReader(fh) if r["quote"]} == quotes


def test_control_characters_that_reach_a_graph_stay_escaped_or_replaced(tmp_path):
    label = "a\x07b\x1b[31mc\ufffe\"<x>\n"
    g = graph_from_triples([ox.Triple(ox.NamedNode("https://w3id.org/diplomacy-kg/id/X"),
                                      ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                      ox.NamedNode("https://w3id.org/diplomacy-kg/vocab#Place")),
                            ox.Triple(ox.NamedNode("https://w3id.org/diplomacy-kg/id/X"),
                                      ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                                      ox.Literal(label))])
    for name in ("turtle", "ntriples", "jsonld", "graphml", "gexf"):
        [path] = export(g, name, tmp_path / FORMATS[name].default)
        if name in ("graphml", "gexf"):
            xml.dom.minidom.parse(str(path))
            back = (read_graphml if name == "graphml" else read_gexf)(path)
            assert back.nodes["X"]["label"] == "a\ufffdb\ufffd[31mc\ufffd\"<x>\n"
        else:
            assert label in {t.object.value for t in load_graph(path).triples}
