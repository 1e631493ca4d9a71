"""Hostile text through the whole build: titles, quotes, categories, URLs, speaker
labels, entity labels (a gazetteer entry and a discovered person) and file names that
hold markup, quotes, backslashes, newlines, control characters, noncharacters,
right-to-left marks and every character that breaks an IRI. The Turtle parses with
rdflib and (strictly) with Oxigraph, the JSON-LD expands with pyld, GraphML and GEXF
are well-formed XML that networkx reads, and the HTML is inert: no markup but the
template's, no event handler, no script but the hashed ones, the text only inside
the JSON data block."""
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
import yaml

from kg.export import FORMATS, export, load_graph
from kg.ontology import DEFAULT_ROOT, load_ontology
from kg.pipeline import build

CONTROL = "".join(map(chr, [*range(1, 9), 11, 12, *range(14, 32), 127]))    # all but NUL, \t, \n, \r
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200d\ufeff"   # bidi, ZWJ, BOM
NONCHARS = "\ufffe\uffff\ufdd0"
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SCRIPT = "<script>alert('x')</script>"
TITLE = f'Biden {SCRIPT} "meets" \\ Putin {CONTROL} {MARKS} {NONCHARS} \u2028\u2029 `end`'
LABEL = f'Acme "<b>Evil</b>" \\ Corp {SCRIPT} {MARKS} \x07\x1b[31m'
FILE_NAMES = ['brief ing #1 %41 <x> "q" {y} |z| \\w ^v `u`.txt', "rtl\u202efdp.md", "line\nbreak.md",
              "bell\x07.md", ".md", "..md", "x%2Fy%00.md"]
BODY = (
    f"SENIOR ADMINISTRATION OFFICIAL {SCRIPT}:  President Biden will meet President Putin {SCRIPT} "
    f'"next week" in Geneva {MARKS} {CONTROL}.\n\n'
    f"If Russia invades Ukraine, the United States will impose severe costs on Russia {NONCHARS} \\ ` ^ | {{}}"
    f" \\x00 &amp; &lt;!-- --> ]]> \u2028.\n\n"
    "MS. O’BRIEN-\"X\" <B>:  Foreign Minister Zoë Núñez-Ørsted met Secretary Blinken "
    f"in Geneva {MARKS}.\n\n"
    f"Acme Corp will impose severe costs on Russia. <img src=x onerror=alert(1)> {SCRIPT}\n")


def briefing(n: int) -> bytes:
    meta = {"title": f"{TITLE} #{n}", "date": f"2022-01-1{n}",
            "source_url": ["javascript:alert(1)", 'https://example.org/a b"<c>', "https://example.org/ok?a=1&b=<2>",
                           f"https://example.org/{MARKS}", "data:text/html,<script>x</script>", "https://ok.example/",
                           "https://example.org/\u202e"][n],
            "category": f"<img src=x onerror=alert({n})> {CONTROL}"}
    return ("---\n" + yaml.safe_dump(meta, allow_unicode=False) + "---\n\n" + BODY + f"\nCopy {n}.\n").encode()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("onto") / "ontology"
    shutil.copytree(DEFAULT_ROOT, root)
    (root / "gazetteer" / "hostile.yaml").write_text(yaml.safe_dump(
        {"version": 1, "entities": [{"id": "Acme", "type": "Organization", "label": LABEL,
                                     "aliases": ["Acme Corp"]}]}), "utf-8")
    onto = load_ontology(root)
    src = tmp_path_factory.mktemp("hostile-src")
    for n, name in enumerate(FILE_NAMES):
        (src / name).write_bytes(briefing(n))
    out = tmp_path_factory.mktemp("hostile-out")
    report = build([src], out, onto, store=False)
    assert not report.errors and report.documents == len(FILE_NAMES)
    g = load_graph(out / "kg.ttl")
    for name, fmt in FORMATS.items():
        export(g, name, out / fmt.default)
    return out, g, report


def literals(g, local: str) -> set[str]:
    return {t.object.value for t in g.triples if t.predicate.value.endswith(local)}


def test_the_hostile_text_is_in_the_graph(hostile):
    out, g, report = hostile
    assert sum(report.relations.values()) >= 4 * len(FILE_NAMES)
    # text is data, kept; only characters RDF cannot carry become U+FFFD
    # (and invisible format characters that split names, "COVID-\u206019", leave the title: kg.load.INVISIBLE)
    title = CONTROL_RE.sub("\ufffd", " ".join(TITLE.split()).translate({0x2060: None, 0x200B: None, 0x00AD: None, 0xFEFF: None}))
    assert {t.rsplit(" #", 1)[0] for t in literals(g, "/title")} == {title}
    labels = literals(g, "#label")
    assert any(label.startswith('Acme "<b>Evil</b>" \\ Corp <script>') for label in labels)
    assert "Zoë Núñez-Ørsted" in labels                                        # a discovered person
    ids = {n if n in (".md", "..md") else Path(n).stem for n in FILE_NAMES}
    assert {CONTROL_RE.sub("\ufffd", i) for i in ids} == literals(g, "/identifier")
    assert any("severe costs" in q and NONCHARS in q for q in literals(g, "#quote"))


def test_turtle_parses_with_rdflib_and_strict_oxigraph(hostile):
    out, g, _ = hostile
    strict = list(ox.parse(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE))     # not lenient
    assert len(set(strict)) == len(g) == len(rdflib.Graph().parse(str(out / "kg.ttl"), format="turtle"))
    for name, fmt in (("kg.nt", ox.RdfFormat.N_TRIPLES), ("kg.trig", ox.RdfFormat.TRIG)):
        assert {q.triple for q in ox.parse(path=str(out / name), format=fmt)} == set(g.triples)
    # every IRI is one an IRI parser accepts: document ids are percent-encoded
    docs = {t.subject.value for t in g.triples if t.subject.value.startswith("https://w3id.org/diplomacy-kg/doc/")}
    assert len(docs) == len(FILE_NAMES)
    assert all(re.fullmatch(r"[A-Za-z0-9%._~:/-]+", d) for d in docs)


def test_jsonld_is_valid_and_expands(hostile):
    from pyld import jsonld
    out, g, _ = hostile
    doc = json.loads((out / "kg.jsonld").read_text("utf-8"))
    expanded = jsonld.expand(doc)               # the context is inline: no network
    titles = {v["@value"] for node in expanded for v in node.get("http://purl.org/dc/terms/title", [])}
    assert titles == literals(g, "/title")
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert len({q.triple for q in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)}) == len(g)


@pytest.mark.parametrize("name,reader", [("kg.graphml", nx.read_graphml), ("kg.gexf", nx.read_gexf)])
def test_graphml_and_gexf_are_well_formed_and_read_by_networkx(hostile, name, reader):
    out, g, _ = hostile
    ET.parse(out / name)                        # well-formed XML 1.0 (no control characters, no U+FFFE)
    back = reader(out / name)
    edges = back.number_of_edges()
    assert edges == len({t.subject for t in g.triples if t.object.value.endswith("#Assertion")})
    text = json.dumps(nx.node_link_data(back, edges="links"), ensure_ascii=False)
    assert "Zoë Núñez-Ørsted" in text and "Acme \\\"<b>Evil</b>\\\" \\\\ Corp <script>" in text


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.scripts, self.data_blocks = [], [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag == "script":
            self._in = dict(attrs)

    def handle_data(self, data):
        if self._in is not None:
            (self.data_blocks if self._in.get("type") == "application/json" else self.scripts).append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


def test_html_is_inert(hostile):
    out, g, _ = hostile
    page = (out / "kg.html").read_text("utf-8")
    template = _Markup()
    template.feed((Path(__file__).resolve().parent.parent / "kg" / "render" / "page.html").read_text("utf-8"))
    seen = _Markup()
    seen.feed(page)
    assert set(seen.tags) <= set(template.tags) | {"style"}       # no element the template does not have
    assert not [a for a in seen.attrs if a[1].startswith("on")]   # no event handler
    assert not [a for a in seen.attrs if a[1] in ("href", "src") and "javascript:" in (a[2] or "")]
    assert len(seen.data_blocks) == 1 and len(seen.scripts) == 4  # the data, vis-network and kg's 3 scripts
    for text in (SCRIPT, "<img", "<b>Evil"):                      # not even as escaped markup
        assert text not in page
    data = json.loads(seen.data_blocks[0])
    flat = "\n".join(strings(data))
    for text in (SCRIPT, '"next week"', "Zoë Núñez-Ørsted", "\u202e", NONCHARS, "brief ing #1 %41 <x>"):
        assert text in flat                                       # the text is there, as data
    from kg.render.html import EXPLORER_SCRIPTS, _script_text, assets
    ours = {_script_text(assets()[name]) for name in ("vis", *EXPLORER_SCRIPTS)}
    assert all(script in ours for script in seen.scripts)        # the scripts are kg's, byte for byte
