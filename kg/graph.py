"""Stage 5, graph: extraction results -> RDF triples (and a networkx view).

Every relation is there twice: as a direct triple (``ex:United_States
kg:threatensCost ex:Russia``) and as an assertion node with a stable IRI that
carries modality, speaker, quote, offsets (Web Annotation selectors), document
and date.  Triples are emitted in a fixed order, so the same input gives
byte-identical Turtle.
"""
from __future__ import annotations

import hashlib
import io
import re
from functools import lru_cache
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


@lru_cache(maxsize=4096)
def _n(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(P[prefix] + local)


RDF_TYPE = _n("rdf", "type")
LABEL = _n("rdfs", "label")


@lru_cache(maxsize=1 << 16)
def entity_iri(eid: str) -> ox.NamedNode:
    return ox.NamedNode(EX + quote(eid, safe="-._~"))


@lru_cache(maxsize=1 << 16)
def document_iri(doc_id: str) -> ox.NamedNode:
    return ox.NamedNode(DOC + quote(doc_id, safe="-._~"))


def assertion_id(a: Assertion) -> str:
    """Stable across runs: hashed from document, span, predicate, arguments and modality
    (a sentence may state one relation two ways: "we will continue to support Ukraine")."""
    key = f"{a.document}|{a.start}|{a.end}|{int(a.in_title)}|{a.subject}|{a.predicate}|{a.object}|{a.modality}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def safe_iri(url: str | None) -> ox.NamedNode | None:
    if url and _IRI_OK.match(url):
        try:
            return ox.NamedNode(url)
        except ValueError:
            return None
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean(text: str) -> str:
    """Control characters and lone surrogates cannot travel in every RDF format."""
    return _CONTROL.sub("\ufffd", text)


# ---------------------------------------------------------------- triples as N-Triples lines
# The graph is written as N-Triples text and parsed once by Oxigraph: building
# pyoxigraph Literal and Triple objects one by one from Python costs ten times
# more.  Every IRI below is valid by construction (fixed bases, percent-encoded
# ids, Wikidata ids validated by the ontology loader, source URLs checked by
# safe_iri), every literal is escaped by _str; tests parse the text strictly.

def _ref(iri: str) -> str:
    return f"<{iri}>"


def _t(prefix: str, local: str) -> str:
    return f"<{P[prefix]}{local}>"


@lru_cache(maxsize=1 << 16)
def _entity(eid: str) -> str:
    return f"<{EX}{quote(eid, safe='-._~')}>"


@lru_cache(maxsize=1 << 16)
def _document(doc_id: str) -> str:
    return f"<{DOC}{quote(doc_id, safe='-._~')}>"


def _escape(value) -> str:
    text = str(value)
    if text.isprintable():          # no control character, line break or lone surrogate
        if '"' in text or "\\" in text:
            return text.replace("\\", "\\\\").replace('"', '\\"')
        return text
    text = _clean(text)
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _str(value) -> str:
    """An N-Triples string literal (xsd:string)."""
    return f'"{_escape(value)}"'


def _typed(value, datatype: str) -> str:
    """An N-Triples literal of an XML Schema datatype."""
    lexical = str(value) if isinstance(value, int) else _escape(value)
    return f'"{lexical}"^^<{P["xsd"]}{datatype}>'


TYPE, LABEL_T, ALT = _t("rdf", "type"), _t("rdfs", "label"), _t("skos", "altLabel")
TRUE, FALSE = _typed("true", "boolean"), _typed("false", "boolean")
K = {name: _t("kg", name) for name in (
    "actsFor", "discovered", "Document", "category", "path", "sourceText", "Assertion", "subject",
    "predicate", "object", "modality", "quote", "speaker", "speakerRole", "reported", "inTitle",
    "rule", "document", "start", "end", "sourceStart", "sourceEnd", "place")}
DC = {name: _t("dcterms", name) for name in ("identifier", "title", "date", "source")}
OA = {name: _t("oa", name) for name in ("SpecificResource", "hasSource", "hasSelector", "TextQuoteSelector",
                                        "exact", "TextPositionSelector", "start", "end")}
DERIVED = _t("prov", "wasDerivedFrom")
SAME_AS = _t("owl", "sameAs")
MODALITY_REF = {m: _ref(iri) for m, iri in MODALITY_IRI.items()}


def entity_nt(ent: Entity) -> str:
    """The N-Triples of an entity: one line per triple."""
    s = _entity(ent.id)
    out = [f"{s} {TYPE} {_t('kg', ent.type)} .\n"
           f"{s} {TYPE} {_t('schema', SCHEMA_TYPE[ent.type])} .\n"
           f"{s} {LABEL_T} {_str(ent.label)} .\n"]
    for alias in sorted(set(ent.aliases) - {ent.label}):
        out.append(f"{s} {ALT} {_str(alias)} .\n")
    if ent.wikidata:
        out.append(f"{s} {SAME_AS} {_t('wd', ent.wikidata)} .\n")
    if ent.country:
        out.append(f"{s} {K['actsFor']} {_entity(ent.country)} .\n")
    if ent.discovered:
        out.append(f"{s} {K['discovered']} {TRUE} .\n")
    return "".join(out)


def document_nt(result) -> str:
    doc = result.document
    s = _document(doc.id)
    out = f"{s} {TYPE} {K['Document']} .\n{s} {DC['identifier']} {_str(doc.id)} .\n" \
          f"{s} {DC['title']} {_str(doc.title)} .\n"
    if doc.date:
        out += f"{s} {DC['date']} {_typed(doc.date, 'date')} .\n"
    url = safe_iri(doc.url)
    if url is not None:
        out += f"{s} {DC['source']} <{url.value}> .\n"
    elif doc.url:
        out += f"{s} {K['sourceText']} {_str(doc.url)} .\n"
    if doc.category:
        out += f"{s} {K['category']} {_str(doc.category)} .\n"
    return out + f"{s} {K['path']} {_str(doc.path)} .\n"


def assertion_nt(a: Assertion, doc) -> str:
    aid = assertion_id(a)
    s = f"<{ASSERTION}{aid}>"
    src = f"<{ASSERTION}{aid}-target>"
    quote_sel = f"<{ASSERTION}{aid}-quote>"
    pos_sel = f"<{ASSERTION}{aid}-position>"
    d = _document(a.document)
    quoted = _str(a.quote)
    start, end = int(a.start), int(a.end)
    date = f"{s} {DC['date']} {_typed(doc.date, 'date')} .\n" if doc.date else ""
    place = f"{s} {K['place']} {_entity(a.place)} .\n" if a.place else ""
    return (
        f"{s} {TYPE} {K['Assertion']} .\n"
        f"{s} {K['subject']} {_entity(a.subject)} .\n"
        f"{s} {K['predicate']} {_t('kg', a.predicate)} .\n"
        f"{s} {K['object']} {_entity(a.object)} .\n"
        f"{s} {K['modality']} {MODALITY_REF[a.modality]} .\n"
        f"{s} {K['quote']} {quoted} .\n"
        f"{s} {K['speaker']} {_str(a.speaker or '')} .\n"
        f"{s} {K['speakerRole']} {_str(a.role)} .\n"
        f"{s} {K['reported']} {TRUE if a.reported else FALSE} .\n"
        f"{s} {K['inTitle']} {TRUE if a.in_title else FALSE} .\n"
        f"{s} {K['rule']} {_str(a.rule)} .\n"
        f"{s} {K['document']} {d} .\n"
        f"{s} {K['start']} {_typed(start, 'integer')} .\n"
        f"{s} {K['end']} {_typed(end, 'integer')} .\n"
        f"{s} {K['sourceStart']} {_typed(int(a.orig_start), 'integer')} .\n"
        f"{s} {K['sourceEnd']} {_typed(int(a.orig_end), 'integer')} .\n"
        f"{date}{place}"
        f"{s} {DERIVED} {src} .\n"
        f"{src} {TYPE} {OA['SpecificResource']} .\n"
        f"{src} {OA['hasSource']} {d} .\n"
        f"{src} {OA['hasSelector']} {quote_sel} .\n"
        f"{src} {OA['hasSelector']} {pos_sel} .\n"
        f"{quote_sel} {TYPE} {OA['TextQuoteSelector']} .\n"
        f"{quote_sel} {OA['exact']} {quoted} .\n"
        f"{pos_sel} {TYPE} {OA['TextPositionSelector']} .\n"
        f"{pos_sel} {OA['start']} {_typed(start, 'nonNegativeInteger')} .\n"
        f"{pos_sel} {OA['end']} {_typed(end, 'nonNegativeInteger')} .\n")


def sorted_assertions(corpus) -> list[tuple[Assertion, object]]:
    rows = [(a, r.document) for r in corpus.results for a in r.assertions]
    rows.sort(key=lambda x: (x[0].document, not x[0].in_title, x[0].start, x[0].predicate,
                             x[0].subject, x[0].object, x[0].rule))
    return rows


def nt_chunks(corpus, entities: dict[str, Entity]):
    """The graph as N-Triples text in a deterministic order, a record at a time
    (an entity, the direct relations, a document, an assertion); one line per triple."""
    for eid in sorted(entities):
        yield entity_nt(entities[eid])
    direct = sorted({(a.subject, a.predicate, a.object) for r in corpus.results for a in r.assertions})
    yield "".join(f"{_entity(s)} {_t('kg', p)} {_entity(o)} .\n" for s, p, o in direct)
    for r in corpus.results:
        yield document_nt(r)
    for a, doc in sorted_assertions(corpus):
        yield assertion_nt(a, doc)


class _Stream(io.RawIOBase):
    """A readable file over chunks of text (encoded as they are read) or bytes."""

    def __init__(self, chunks):
        self._chunks = iter(chunks)
        self._buf = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buf:
            piece = next(self._chunks, None)
            if piece is None:
                return 0
            self._buf = memoryview(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        n = min(len(target), len(self._buf))
        target[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def _batched(chunks, size: int = 1 << 20):
    """Join text chunks into pieces of about ``size`` characters."""
    parts: list[str] = []
    length = 0
    for chunk in chunks:
        parts.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(parts)
            parts, length = [], 0
    if parts:
        yield "".join(parts)


def _parse(text, lenient: bool = True):
    chunks = [text] if isinstance(text, str) else _batched(text)
    return ox.parse(_Stream(chunks), format=ox.RdfFormat.N_TRIPLES, lenient=lenient)


def entity_triples(ent: Entity) -> list[ox.Triple]:
    return list(_parse(entity_nt(ent)))


def document_triples(result) -> list[ox.Triple]:
    return list(_parse(document_nt(result)))


def assertion_triples(a: Assertion, doc) -> list[ox.Triple]:
    return list(_parse(assertion_nt(a, doc)))


def triples(corpus, entities: dict[str, Entity], lenient: bool = True):
    """Every triple of the graph, in a deterministic order."""
    return _parse(nt_chunks(corpus, entities), lenient)


def to_turtle(corpus, entities: dict[str, Entity]) -> bytes:
    return ox.serialize(triples(corpus, entities), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_turtle(corpus, entities: dict[str, Entity], output, copy_to=None) -> int:
    """Stream the Turtle of :func:`to_turtle` to a binary file or path; return the triple count.
    ``copy_to``: a function given the same triples as N-Triples (UTF-8 bytes, in pieces
    of whole lines), as they are made (see kg.store.StoreFeed)."""
    count = 0

    def counted():
        nonlocal count
        for piece in _batched(nt_chunks(corpus, entities)):
            count += piece.count("\n")       # one line per triple: literals escape their newlines
            data = piece.encode("utf-8")
            if copy_to is not None:
                copy_to(data)
            yield data

    triples = ox.parse(_Stream(counted()), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    ox.serialize(triples, output, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
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
