"""Property-based tests (hypothesis): random documents through the whole pipeline
(parse_document -> extract_document -> graph triples -> Turtle).

Documents mix real briefing sentences from the seeds with random Unicode, speaker
labels, bullets, brackets, struck text, end marks and front matter of every YAML type;
others are seed files with random bytes cut, inserted or overwritten. Whatever comes
in: no exception but a DocumentError for a refused file; the Turtle parses strictly
(Oxigraph) and with rdflib; every quote is the text at its offsets; the same input
gives the same bytes; the build's path (slim results, through the store's cache as
JSON) gives the same graph as the direct one.

Default runs keep the example counts modest; ``python -m pytest -m slow
tests/test_properties.py`` runs many more.
"""
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.coref import PeopleRegistry
from kg.errors import DocumentError
from kg.graph import PREFIXES, triples
from kg.load import parse_document
from kg.ontology import load_ontology
from kg.pipeline import Corpus, extract_document, extract_source, merge_people
from kg.store import decode_result, encode_result

ROOT = Path(__file__).resolve().parent.parent
SEED_BYTES = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
SENTENCES = sorted({s.strip() for data in SEED_BYTES
                    for s in re.split(r"(?<=[.?!])\s+", parse_document("s.md", data).text) if len(s) > 20})
QUOTES = sorted({a.quote for data in SEED_BYTES for a in extract_document(
    load_ontology(), parse_document("s.md", data)).assertions if not a.in_title})   # sentences with relations
LABELS = ["SENIOR ADMINISTRATION OFFICIAL:", "Q", "Q:", "MS. PSAKI:", "THE PRESIDENT:", "MODERATOR:",
          "OPERATOR:", "SECRETARY BLINKEN:", "MR. SULLIVAN:", "AUDIENCE MEMBER:", "PRESIDENT ZELENSKYY:"]
MARKUP = ["- ", "* ", "• ", "[", "]", "\\[", "\\]", "<s>", "</s>", "<s>struck</s>", "\\###", "###", "<br>",
          "<br/>", "**", "<span class=x>", "</span>", "\\", "\\\\", "  \n", "\n\n", "\n", "\t", "\r\n", "\u00a0",
          "'s", "’s", "—", ":", "(", ")", "“", "”", '"', "<", ">", "&", "#", "---", "\ufeff", "\u202e", "\x0c"]
RAW_LINES = ["date: 2022-02-30", "date: 2022-13-01 10:00:00", "date: 2021-12-06", "title: &a [*a]",
             "title: [unclosed", "title: {a: [b, {c: d}]}", "date: !!timestamp 2022-02-30", "? [a, b]\n: c",
             "title: !!binary aGVsbG8=", "title: !!python/object:os.system x", "tags: [*undefined]",
             "<<: {title: merged}", "title: " + "[" * 3000 + "]" * 3000, "title: |\n  two\n  lines",
             "source_url: https://www.whitehouse.gov/briefing-room/x/", "title: 'It''s'"]
KEYS = ["title", "date", "source_url", "permalink", "url", "tags", "category", "categories", "published_time"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                    st.dates(), st.datetimes(), st.sampled_from(["2022-02-30", "2022-13-01", "99999-01-01",
                                                                  "https://www.whitehouse.gov/x", "javascript:x"]))
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=5), scalars, max_size=2))
meta = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), values, max_size=6)
piece = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(QUOTES),
                  st.sampled_from(LABELS).map(lambda s: f"\n\n{s}  "), st.sampled_from(MARKUP), st.text(max_size=30))
body = st.lists(st.tuples(piece, st.sampled_from([" ", "\n", "\n\n", "", "  \n"])), max_size=25).map(
    lambda parts: "".join(p + sep for p, sep in parts))


@st.composite
def documents(draw) -> bytes:
    kind = draw(st.sampled_from(["yaml", "yaml", "yaml", "raw", "none", "unclosed"]))
    if kind == "yaml":
        head = "---\n" + yaml.safe_dump(draw(meta), allow_unicode=draw(st.booleans())) + "---\n"
    elif kind == "raw":
        lines = draw(st.lists(st.one_of(st.sampled_from(RAW_LINES), st.text(max_size=40)), max_size=4))
        head = "---\n" + "\n".join(lines) + "\n---\n"
    elif kind == "unclosed":
        head = "---\ntitle: x\n"
    else:
        head = ""
    data = (head + draw(body)).encode("utf-8")
    if draw(st.integers(0, 9)) == 0:       # sometimes bytes that are not UTF-8
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


@st.composite
def damaged_seeds(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEED_BYTES)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["cut", "cut", "cut", "text", "text", "text", "truncate", "insert", "overwrite"]))
        if op == "cut":
            del data[at:at + draw(st.integers(1, 400))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[at:at + len(chunk)] = chunk
        elif op == "text":
            data[at:at] = draw(st.one_of(st.text(max_size=20), st.sampled_from(MARKUP + LABELS))).encode("utf-8")
        else:
            del data[at:]
    return bytes(data)


def turtle(onto, results) -> bytes:
    corpus = Corpus(results=results, people=merge_people(results))
    # strict: every IRI and literal kg.graph writes must be valid as it is
    return ox.serialize(triples(corpus, corpus.entities(onto), lenient=False), format=ox.RdfFormat.TURTLE,
                        prefixes=PREFIXES)


def pipeline(onto, data: bytes, name: str = "random doc.md") -> bytes | None:
    """The Turtle of one document, checked on the way; None when the file is refused."""
    try:
        doc = parse_document(name, data)
    except DocumentError as exc:
        assert exc.path == name and exc.reason
        return None
    result = extract_document(onto, doc, PeopleRegistry())
    for a in result.assertions:
        assert (doc.title if a.in_title else doc.text)[a.start:a.end] == a.quote
        assert 0 <= a.orig_start <= a.orig_end <= len(data)
    ttl = turtle(onto, [result])
    assert len(list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))) == \
        len(rdflib.Graph().parse(data=ttl.decode("utf-8"), format="turtle"))
    # the build's way: slim results, through the store's JSON cache
    slim = extract_source(onto, name, data)
    assert not isinstance(slim, str), slim
    assert turtle(onto, [decode_result(encode_result(slim))]) == ttl
    return ttl


def check(onto, data: bytes) -> str:
    first = pipeline(onto, data)
    assert pipeline(onto, data) == first         # the same input gives the same bytes
    if first is None:
        return "refused"
    return "with relations" if b"kg:Assertion" in first else "without relations"


COMMON = dict(deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def run(onto, strategy, examples: int, derandomize: bool) -> Counter:
    """Run the properties on ``examples`` inputs; count the outcomes."""
    outcomes: Counter = Counter()

    @settings(max_examples=examples, derandomize=derandomize, **COMMON)
    @given(data=strategy)
    def prop(data):
        outcomes[check(onto, data)] += 1

    prop()
    print(f"{strategy}: {sum(outcomes.values())} examples, {dict(outcomes)}")
    return outcomes


def test_random_documents_go_through_the_pipeline(onto):
    outcomes = run(onto, documents(), 150, derandomize=True)
    # not vacuous: some are refused, some built, some give relations
    assert outcomes["refused"] and outcomes["without relations"] and outcomes["with relations"]


def test_damaged_briefings_go_through_the_pipeline(onto):
    outcomes = run(onto, damaged_seeds(), 60, derandomize=True)
    assert outcomes["refused"] and outcomes["with relations"]


@pytest.mark.slow
def test_many_random_documents(onto):
    run(onto, documents(), 2000, derandomize=False)


@pytest.mark.slow
def test_many_damaged_briefings(onto):
    run(onto, damaged_seeds(), 1000, derandomize=False)
