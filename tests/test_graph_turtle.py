"""Turtle writing: the N-Triples lines kg.graph builds mean exactly the intended terms."""
import io

import pyoxigraph as ox

from kg import graph
from kg.records import Assertion, DocResult, Document, Entity, OffsetMap

NASTY = 'say "no" \\ back\\slash\nnew line\r\ttab \x01bell \ud800 lone, ’quote’ \u2028 é'


def _doc(**kw) -> Document:
    fields = dict(id="2022-01-01-x", path='corpus.tar.xz:a "b"\n.md', title=NASTY, date="2022-01-01",
                  url="not a url <script>", category="press\\briefings", text="", offsets=OffsetMap((), ()))
    fields.update(kw)
    return Document(**fields)


def _assertion() -> Assertion:
    return Assertion("Joe_Biden", "meetsWith", "Vladimir_Putin", "planned", "2022-01-01-x", 3, 10, 200,
                     NASTY, 'MR. "X"', "official", "meet.pair_verb", False, False, 12, 220, "Geneva")


class _Corpus:
    def __init__(self, results):
        self.results = results


def test_literals_hold_the_text_with_control_characters_replaced():
    ent = Entity("Odd_Name", "Person", NASTY, ("Alias \"one\"", "back\\slash"), None, "Russia",
                 discovered=True)
    got = graph.entity_triples(ent)
    label = next(t.object for t in got if t.predicate == graph.LABEL)
    assert label.value == graph._clean(NASTY)
    assert "\ufffd" in label.value and "\n" in label.value and "\x01" not in label.value
    alt = sorted(t.object.value for t in got if t.predicate.value.endswith("altLabel"))
    assert alt == ['Alias "one"', "back\\slash"]


def test_turtle_reads_back_to_the_same_terms_strictly():
    result = DocResult(_doc(), [], [], [], [_assertion()])
    ents = {"Joe_Biden": Entity("Joe_Biden", "Person", "Joe Biden", country="United_States"),
            "United_States": Entity("United_States", "State", "United States", wikidata="Q30")}
    corpus = _Corpus([result])
    lines = "".join(graph.nt_chunks(corpus, ents))
    strict = list(ox.parse(lines.encode(), format=ox.RdfFormat.N_TRIPLES))   # validates every term
    ttl = graph.to_turtle(corpus, ents)
    back = list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    assert set(back) == set(strict) and len(set(strict)) == len(strict)
    values = {(t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], t.object.value) for t in back}
    assert ("quote", graph._clean(NASTY)) in values
    assert ("speaker", 'MR. "X"') in values
    assert ("sourceText", "not a url <script>") in values      # an invalid URL stays text
    assert ("path", 'corpus.tar.xz:a "b"\n.md') in values
    assert ("start", "10") in values and ("sourceEnd", "220") in values
    out = io.BytesIO()
    assert graph.write_turtle(corpus, ents, out) == len(strict)
    assert out.getvalue() == ttl


def test_valid_source_url_becomes_an_iri():
    url = "https://www.whitehouse.gov/briefing-room/2022/01/01/x/?a=1&b=%20"
    got = graph.document_triples(DocResult(_doc(url=url), [], [], [], []))
    assert any(t.object == ox.NamedNode(url) for t in got)
