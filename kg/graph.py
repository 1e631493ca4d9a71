"""Stage 5, graph: extraction results -> RDF triples (and a networkx view).

Every relation is there twice: as a direct triple (``ex:United_States
kg:threatensCost ex:Russia``) and as an assertion node with a stable IRI that
carries modality, speaker, quote, offsets (Web Annotation selectors), document
and date.  Triples are emitted in a fixed order, so the same input gives
byte-identical Turtle.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox

from .records import Assertion, Entity

BASE = "https://w3id.org/diplomacy-kg/"
KG = BASE + "vocab#"
EX = BASE + "id/"
DOC = BASE + "doc/"
ASSERTION = BASE + "assertion/"
PREFIXES = {
    "kg": KG, "ex": EX, "doc": DOC, "as": ASSERTION,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "wd": "http://www.wikidata.org/entity/",
}
P = {k: v for k, v in PREFIXES.items()}
SCHEMA_TYPE = {"Person": "Person", "State": "Country", "Organization": "Organization",
               "Forum": "EventSeries", "Place": "Place", "Agreement": "Legislation"}
MODALITY_IRI = {"asserted": KG + "Asserted", "planned": KG + "Planned", "conditional": KG + "Conditional"}
_IRI_OK = re.compile(r"^https?://[^\s<>\"{}|\\^`\x00-\x20]+$")


def _n(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(P[prefix] + local)


RDF_TYPE = _n("rdf", "type")
LABEL = _n("rdfs", "label")


def entity_iri(eid: str) -> ox.NamedNode:
    return ox.NamedNode(EX + quote(eid, safe="-._~"))


def document_iri(doc_id: str) -> ox.NamedNode:
    return ox.NamedNode(DOC + quote(doc_id, safe="-._~"))


def assertion_id(a: Assertion) -> str:
    """Stable across runs: hashed from document, span, predicate and arguments."""
    key = f"{a.document}|{a.start}|{a.end}|{int(a.in_title)}|{a.subject}|{a.predicate}|{a.object}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def safe_iri(url: str | None) -> ox.NamedNode | None:
    if url and _IRI_OK.match(url):
        try:
            return ox.NamedNode(url)
        except ValueError:
            return None
    return None


def _lit(value, datatype: str | None = None) -> ox.Literal:
    text = _clean(str(value))
    if datatype:
        return ox.Literal(text, datatype=ox.NamedNode(P["xsd"] + datatype))
    return ox.Literal(text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean(text: str) -> str:
    """Control characters and lone surrogates cannot travel in every RDF format."""
    return _CONTROL.sub("\ufffd", text)


def entity_triples(ent: Entity) -> list[ox.Triple]:
    s = entity_iri(ent.id)
    out = [ox.Triple(s, RDF_TYPE, _n("kg", ent.type)),
           ox.Triple(s, RDF_TYPE, _n("schema", SCHEMA_TYPE[ent.type])),
           ox.Triple(s, LABEL, _lit(ent.label))]
    for alias in sorted(set(ent.aliases) - {ent.label}):
        out.append(ox.Triple(s, _n("skos", "altLabel"), _lit(alias)))
    if ent.wikidata:
        out.append(ox.Triple(s, _n("owl", "sameAs"), _n("wd", ent.wikidata)))
    if ent.country:
        out.append(ox.Triple(s, _n("kg", "actsFor"), entity_iri(ent.country)))
    if ent.discovered:
        out.append(ox.Triple(s, _n("kg", "discovered"), _lit("true", "boolean")))
    return out


def document_triples(result) -> list[ox.Triple]:
    doc = result.document
    s = document_iri(doc.id)
    out = [ox.Triple(s, RDF_TYPE, _n("kg", "Document")),
           ox.Triple(s, _n("dcterms", "identifier"), _lit(doc.id)),
           ox.Triple(s, _n("dcterms", "title"), _lit(doc.title))]
    if doc.date:
        out.append(ox.Triple(s, _n("dcterms", "date"), _lit(doc.date, "date")))
    url = safe_iri(doc.url)
    if url is not None:
        out.append(ox.Triple(s, _n("dcterms", "source"), url))
    elif doc.url:
        out.append(ox.Triple(s, _n("kg", "sourceText"), _lit(doc.url)))
    if doc.category:
        out.append(ox.Triple(s, _n("kg", "category"), _lit(doc.category)))
    out.append(ox.Triple(s, _n("kg", "path"), _lit(doc.path)))
    return out


def assertion_triples(a: Assertion, doc) -> list[ox.Triple]:
    aid = assertion_id(a)
    s = ox.NamedNode(ASSERTION + aid)
    src = ox.NamedNode(ASSERTION + aid + "-target")
    quote_sel = ox.NamedNode(ASSERTION + aid + "-quote")
    pos_sel = ox.NamedNode(ASSERTION + aid + "-position")
    d = document_iri(a.document)
    out = [
        ox.Triple(s, RDF_TYPE, _n("kg", "Assertion")),
        ox.Triple(s, _n("kg", "subject"), entity_iri(a.subject)),
        ox.Triple(s, _n("kg", "predicate"), _n("kg", a.predicate)),
        ox.Triple(s, _n("kg", "object"), entity_iri(a.object)),
        ox.Triple(s, _n("kg", "modality"), ox.NamedNode(MODALITY_IRI[a.modality])),
        ox.Triple(s, _n("kg", "quote"), _lit(a.quote)),
        ox.Triple(s, _n("kg", "speaker"), _lit(a.speaker or "")),
        ox.Triple(s, _n("kg", "speakerRole"), _lit(a.role)),
        ox.Triple(s, _n("kg", "reported"), _lit("true" if a.reported else "false", "boolean")),
        ox.Triple(s, _n("kg", "inTitle"), _lit("true" if a.in_title else "false", "boolean")),
        ox.Triple(s, _n("kg", "rule"), _lit(a.rule)),
        ox.Triple(s, _n("kg", "document"), d),
        ox.Triple(s, _n("kg", "start"), _lit(a.start, "integer")),
        ox.Triple(s, _n("kg", "end"), _lit(a.end, "integer")),
        ox.Triple(s, _n("kg", "sourceStart"), _lit(a.orig_start, "integer")),
        ox.Triple(s, _n("kg", "sourceEnd"), _lit(a.orig_end, "integer")),
    ]
    if doc.date:
        out.append(ox.Triple(s, _n("dcterms", "date"), _lit(doc.date, "date")))
    if a.place:
        out.append(ox.Triple(s, _n("kg", "place"), entity_iri(a.place)))
    out += [
        ox.Triple(s, _n("prov", "wasDerivedFrom"), src),
        ox.Triple(src, RDF_TYPE, _n("oa", "SpecificResource")),
        ox.Triple(src, _n("oa", "hasSource"), d),
        ox.Triple(src, _n("oa", "hasSelector"), quote_sel),
        ox.Triple(src, _n("oa", "hasSelector"), pos_sel),
        ox.Triple(quote_sel, RDF_TYPE, _n("oa", "TextQuoteSelector")),
        ox.Triple(quote_sel, _n("oa", "exact"), _lit(a.quote)),
        ox.Triple(pos_sel, RDF_TYPE, _n("oa", "TextPositionSelector")),
        ox.Triple(pos_sel, _n("oa", "start"), _lit(a.start, "nonNegativeInteger")),
        ox.Triple(pos_sel, _n("oa", "end"), _lit(a.end, "nonNegativeInteger")),
    ]
    return out


def sorted_assertions(corpus) -> list[tuple[Assertion, object]]:
    rows = [(a, r.document) for r in corpus.results for a in r.assertions]
    rows.sort(key=lambda x: (x[0].document, not x[0].in_title, x[0].start, x[0].predicate,
                             x[0].subject, x[0].object, x[0].rule))
    return rows


def triples(corpus, entities: dict[str, Entity]):
    """Every triple of the graph, in a deterministic order."""
    for eid in sorted(entities):
        yield from entity_triples(entities[eid])
    direct = sorted({(a.subject, a.predicate, a.object) for r in corpus.results for a in r.assertions})
    for s, p, o in direct:
        yield ox.Triple(entity_iri(s), _n("kg", p), entity_iri(o))
    for r in corpus.results:
        yield from document_triples(r)
    for a, doc in sorted_assertions(corpus):
        yield from assertion_triples(a, doc)


def to_turtle(corpus, entities: dict[str, Entity]) -> bytes:
    return ox.serialize(triples(corpus, entities), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_turtle(corpus, entities: dict[str, Entity], output) -> int:
    """Stream the Turtle of :func:`to_turtle` to a binary file or path; return the triple count."""
    count = 0

    def counted():
        nonlocal count
        for t in triples(corpus, entities):
            count += 1
            yield t

    ox.serialize(counted(), output, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return count


def to_networkx(corpus, entities: dict[str, Entity]) -> nx.MultiDiGraph:
    """Entities as nodes, assertions as edges keyed by their stable id."""
    g = nx.MultiDiGraph()
    for eid in sorted(entities):
        ent = entities[eid]
        g.add_node(eid, label=ent.label, type=ent.type, wikidata=ent.wikidata or "",
                   discovered=ent.discovered)
    for a, doc in sorted_assertions(corpus):
        g.add_edge(a.subject, a.object, key=assertion_id(a), predicate=a.predicate, modality=a.modality,
                   quote=a.quote, document=a.document, title=doc.title, date=doc.date or "",
                   url=doc.url or "", speaker=a.speaker, role=a.role, rule=a.rule,
                   reported=a.reported, start=a.start, end=a.end, place=a.place or "")
    return g
