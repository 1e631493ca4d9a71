"""The vocabulary (ontology/kg.ttl): declared terms and the CAMEO / PLOVER mappings.

The mappings are data: each relation type of the scheme ``kg:RelationTypes`` names
its CAMEO and PLOVER codes with ``skos:closeMatch`` (the code the events export
writes; at most one per scheme), ``skos:relatedMatch`` and ``skos:narrowMatch``; each
modality names its PLOVER mode with ``skos:closeMatch``. A mapping that is ambiguous
or points to a concept without a ``skos:notation`` is refused with the file, the
relation and the value.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..errors import OntologyError
from ..graph import BASE, KG
from ..ontology import DEFAULT_ROOT

VOCABULARY = DEFAULT_ROOT / "kg.ttl"
CAMEO = BASE + "cameo/"
PLOVER = BASE + "plover/"
PLOVER_MODE = BASE + "plover-mode/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
IS_DEFINED_BY = "http://www.w3.org/2000/01/rdf-schema#isDefinedBy"

MAPPINGS = f"""
PREFIX skos: <{SKOS}>
SELECT ?concept ?match ?target ?notation ?scheme WHERE {{
  ?concept skos:inScheme ?own . VALUES ?own {{ <{KG}RelationTypes> <{KG}Modalities> }}
  ?concept ?match ?target .
  VALUES ?match {{ skos:closeMatch skos:exactMatch skos:relatedMatch skos:narrowMatch skos:broadMatch }}
  OPTIONAL {{ ?target skos:notation ?notation }}
  OPTIONAL {{ ?target skos:inScheme ?scheme }}
}}"""


@dataclass(frozen=True, slots=True)
class EventCodes:
    cameo: str = ""                       # the code written in the events export
    plover: str = ""
    cameo_related: tuple[str, ...] = ()
    plover_related: tuple[str, ...] = ()
    cameo_narrower: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    path: Path
    terms: set[str] = field(default_factory=set)          # IRIs declared (typed or rdfs:isDefinedBy)
    relations: tuple[str, ...] = ()                       # local names, in file order
    codes: dict[str, EventCodes] = field(default_factory=dict)
    modes: dict[str, str] = field(default_factory=dict)   # modality (lower case) -> PLOVER mode

    def codes_for(self, predicate: str) -> EventCodes:
        return self.codes.get(predicate, EventCodes())

    def mode_for(self, modality: str) -> str:
        return self.modes.get(modality.lower(), "")


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """Read and check ontology/kg.ttl (or ``path``)."""
    p = Path(path) if path is not None else VOCABULARY
    return _load(str(p))


@lru_cache(maxsize=4)
def _load(path: str) -> Vocabulary:
    p = Path(path)
    try:
        triples = [q.triple for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE)]
    except FileNotFoundError:
        raise OntologyError(path, None, "vocabulary file not found") from None
    except SyntaxError as exc:
        raise OntologyError(path, None, f"not valid Turtle: {exc}") from None
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    vocab = Vocabulary(p)
    vocab.terms = {t.subject.value for t in triples
                   if t.predicate.value in (RDF_TYPE, IS_DEFINED_BY) and isinstance(t.subject, ox.NamedNode)}
    vocab.relations = tuple(dict.fromkeys(
        t.subject.value[len(KG):] for t in triples
        if t.predicate.value == SKOS + "inScheme" and t.object.value == KG + "RelationTypes"))
    found: dict[str, dict[str, list[str]]] = {}
    for r in store.query(MAPPINGS):
        concept = r["concept"].value
        if not concept.startswith(KG):
            continue
        name = concept[len(KG):]
        target = r["target"].value
        scheme = _scheme(target)
        if scheme is None:
            continue                      # a mapping to another vocabulary: not an event code
        if r["notation"] is None:
            raise OntologyError(path, name, f"{target} has no skos:notation")
        kind = r["match"].value[len(SKOS):]
        found.setdefault(name, {}).setdefault(f"{scheme}.{kind}", []).append(r["notation"].value)
    for name, by_kind in sorted(found.items()):
        for key, values in by_kind.items():
            if key.endswith(".closeMatch") and len(set(values)) > 1:
                raise OntologyError(path, name, f"more than one {key.replace('.', ' ')}: "
                                    f"{', '.join(sorted(set(values)))}")
        if name in vocab.relations:
            vocab.codes[name] = EventCodes(
                cameo=_one(by_kind.get("cameo.closeMatch")), plover=_one(by_kind.get("plover.closeMatch")),
                cameo_related=tuple(sorted(set(by_kind.get("cameo.relatedMatch", ())))),
                plover_related=tuple(sorted(set(by_kind.get("plover.relatedMatch", ())))),
                cameo_narrower=tuple(sorted(set(by_kind.get("cameo.narrowMatch", ())))))
        else:
            mode = _one(by_kind.get("mode.closeMatch"))
            if mode:
                vocab.modes[name.lower()] = mode
    return vocab


def _scheme(iri: str) -> str | None:
    for name, base in (("cameo", CAMEO), ("plover", PLOVER), ("mode", PLOVER_MODE)):
        if iri.startswith(base) and len(iri) > len(base):
            return name
    return None


def _one(values: list[str] | None) -> str:
    return values[0] if values else ""
