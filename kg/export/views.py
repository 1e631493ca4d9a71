"""Read the built graph back with SPARQL: rows of entities, documents and assertions,
and the project's networkx view (entities as nodes, assertions as edges).

Every exporter works from these rows, so exports depend on the RDF that ``kg build``
wrote and on nothing in the extraction code.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

import networkx as nx

from ..graph import ASSERTION, DOC, EX, KG, PREFIXES
from ..ontology import ENTITY_TYPES
from .store import KgGraph

WD = PREFIXES["wd"]
_PREFIX_DECL = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: str
    iri: str
    type: str                 # Person | State | Organization | Forum | Place | Agreement
    label: str
    aliases: tuple[str, ...]
    wikidata: str             # "Q159" or ""
    acts_for: str             # entity id or ""
    discovered: bool


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    iri: str
    title: str
    date: str                 # ISO date or ""
    url: str
    category: str
    path: str


@dataclass(frozen=True, slots=True)
class AssertionRow:
    id: str
    iri: str
    subject: str              # entity ids
    predicate: str            # local name: meetsWith, ...
    object: str
    modality: str             # asserted | planned | conditional
    quote: str
    speaker: str
    role: str
    reported: bool
    in_title: bool
    rule: str
    document: str             # document id
    date: str
    start: int
    end: int
    source_start: int
    source_end: int
    place: str                # entity id or ""


def local_id(iri: str, base: str) -> str:
    """``ex:Vladimir_Putin`` -> ``Vladimir_Putin``; an IRI outside ``base`` stays whole."""
    return unquote(iri[len(base):]) if iri.startswith(base) else iri


def _v(row, name: str, default: str = "") -> str:
    term = row[name]
    return term.value if term is not None else default


def _int(row, name: str) -> int:
    term = row[name]
    try:
        return int(term.value) if term is not None else 0
    except ValueError:
        return 0


def _bool(row, name: str) -> bool:
    term = row[name]
    return term is not None and term.value in ("true", "1")


ENTITIES = _PREFIX_DECL + """
SELECT ?e ?type ?label ?sameAs ?actsFor ?discovered WHERE {
  ?e a ?type . VALUES ?type { %s }
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e owl:sameAs ?sameAs FILTER(STRSTARTS(STR(?sameAs), STR(wd:))) }
  OPTIONAL { ?e kg:actsFor ?actsFor }
  OPTIONAL { ?e kg:discovered ?discovered }
}""" % " ".join(f"kg:{t}" for t in ENTITY_TYPES)

ALIASES = _PREFIX_DECL + "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"

DOCUMENTS = _PREFIX_DECL + """
SELECT ?d ?id ?title ?date ?source ?sourceText ?category ?path WHERE {
  ?d a kg:Document .
  OPTIONAL { ?d dcterms:identifier ?id }
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d dcterms:source ?source }
  OPTIONAL { ?d kg:sourceText ?sourceText }
  OPTIONAL { ?d kg:category ?category }
  OPTIONAL { ?d kg:path ?path }
}"""

ASSERTIONS = _PREFIX_DECL + """
SELECT * WHERE {
  ?a a kg:Assertion ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o .
  OPTIONAL { ?a kg:modality ?modality }
  OPTIONAL { ?a kg:quote ?quote }
  OPTIONAL { ?a kg:speaker ?speaker }
  OPTIONAL { ?a kg:speakerRole ?role }
  OPTIONAL { ?a kg:reported ?reported }
  OPTIONAL { ?a kg:inTitle ?inTitle }
  OPTIONAL { ?a kg:rule ?rule }
  OPTIONAL { ?a kg:document ?doc }
  OPTIONAL { ?a dcterms:date ?date }
  OPTIONAL { ?a kg:start ?start }
  OPTIONAL { ?a kg:end ?end }
  OPTIONAL { ?a kg:sourceStart ?sourceStart }
  OPTIONAL { ?a kg:sourceEnd ?sourceEnd }
  OPTIONAL { ?a kg:place ?place }
}"""


def entities(g: KgGraph) -> list[EntityRow]:
    """Every typed entity, sorted by id (one row per entity: first type, label... wins)."""
    aliases: dict[str, set[str]] = {}
    for r in g.query(ALIASES):
        aliases.setdefault(r["e"].value, set()).add(r["alias"].value)
    out: dict[str, EntityRow] = {}
    for r in g.query(ENTITIES):
        iri = r["e"].value
        eid = local_id(iri, EX)
        row = EntityRow(eid, iri, local_id(r["type"].value, KG), _v(r, "label"),
                        tuple(sorted(aliases.get(iri, ()))), local_id(_v(r, "sameAs"), WD),
                        local_id(_v(r, "actsFor"), EX), _bool(r, "discovered"))
        if eid not in out or _entity_rank(row) < _entity_rank(out[eid]):
            out[eid] = row
    return [out[k] for k in sorted(out)]


def _entity_rank(row: EntityRow) -> tuple:
    return (ENTITY_TYPES.index(row.type), row.label, row.wikidata, row.acts_for)


def documents(g: KgGraph) -> list[DocumentRow]:
    out: dict[str, DocumentRow] = {}
    for r in g.query(DOCUMENTS):
        iri = r["d"].value
        did = _v(r, "id") or local_id(iri, DOC)
        row = DocumentRow(did, iri, _v(r, "title"), _v(r, "date"),
                          _v(r, "source") or _v(r, "sourceText"), _v(r, "category"), _v(r, "path"))
        if did not in out or (row.title, row.date, row.url) < (out[did].title, out[did].date, out[did].url):
            out[did] = row
    return [out[k] for k in sorted(out)]


def assertions(g: KgGraph) -> list[AssertionRow]:
    """Every assertion, in the order kg build writes them (document, title first, offset...)."""
    docs = {d.iri: d for d in documents(g)}
    out: dict[str, AssertionRow] = {}
    for r in g.query(ASSERTIONS):
        iri = r["a"].value
        doc_iri = _v(r, "doc")
        doc = docs.get(doc_iri)
        row = AssertionRow(
            id=local_id(iri, ASSERTION), iri=iri,
            subject=local_id(r["s"].value, EX), predicate=local_id(r["p"].value, KG),
            object=local_id(r["o"].value, EX),
            modality=local_id(_v(r, "modality"), KG).lower(), quote=_v(r, "quote"),
            speaker=_v(r, "speaker"), role=_v(r, "role"), reported=_bool(r, "reported"),
            in_title=_bool(r, "inTitle"), rule=_v(r, "rule"),
            document=doc.id if doc else local_id(doc_iri, DOC),
            date=_v(r, "date") or (doc.date if doc else ""),
            start=_int(r, "start"), end=_int(r, "end"),
            source_start=_int(r, "sourceStart"), source_end=_int(r, "sourceEnd"),
            place=local_id(_v(r, "place"), EX))
        if iri not in out or _assertion_key(row) < _assertion_key(out[iri]):
            out[iri] = row
    return sorted(out.values(), key=_assertion_key)


def _assertion_key(a: AssertionRow) -> tuple:
    return (a.document, not a.in_title, a.start, a.predicate, a.subject, a.object, a.rule, a.id,
            a.modality, a.quote, a.end)


def to_networkx(g: KgGraph) -> nx.MultiDiGraph:
    """The project's networkx view (as kg.graph.to_networkx builds it), read from RDF."""
    docs = {d.id: d for d in documents(g)}
    out = nx.MultiDiGraph()
    for e in entities(g):
        out.add_node(e.id, label=e.label, type=e.type, wikidata=e.wikidata, discovered=e.discovered)
    for a in assertions(g):
        doc = docs.get(a.document)
        out.add_edge(a.subject, a.object, key=a.id, predicate=a.predicate, modality=a.modality,
                     quote=a.quote, document=a.document, title=doc.title if doc else "",
                     date=doc.date if doc else a.date, url=doc.url if doc else "",
                     speaker=a.speaker, role=a.role, rule=a.rule, reported=a.reported,
                     start=a.start, end=a.end, place=a.place)
    return out


def flat_graph(g: KgGraph, vocab) -> nx.MultiDiGraph:
    """The networkx view with only scalar attributes of one type each (str, bool, int), plus
    aliases, actsFor and the CAMEO/PLOVER codes: what GraphML, GEXF and Cytoscape take."""
    out = to_networkx(g)
    for e in entities(g):
        out.nodes[e.id].update(aliases="; ".join(e.aliases), acts_for=e.acts_for, iri=e.iri)
    by_id = {a.id: a for a in assertions(g)}
    for _, _, key, data in out.edges(keys=True, data=True):
        a = by_id[key]
        codes = vocab.codes_for(a.predicate)
        # GEXF reserves start/end for time spells: name the offsets apart
        data["text_start"], data["text_end"] = data.pop("start"), data.pop("end")
        data.update(in_title=a.in_title, source_start=a.source_start, source_end=a.source_end,
                    cameo=codes.cameo, plover=codes.plover, plover_mode=vocab.mode_for(a.modality),
                    iri=a.iri)
    for node, data in out.nodes(data=True):
        # an edge may name an entity the graph does not type: keep every attribute present
        for key, empty in (("label", node), ("type", ""), ("wikidata", ""), ("discovered", False),
                           ("aliases", ""), ("acts_for", ""), ("iri", "")):
            data.setdefault(key, empty)
    return out
