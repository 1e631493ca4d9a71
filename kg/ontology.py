"""The data behind extraction: gazetteer, context rules, text layout, relation rules.

Everything lives as YAML in ``ontology/``; this module loads it and validates it,
refusing a bad file with the file, the record and the value at fault.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

# context.yaml and the data-file checks live in modules of their own; their names stay
# importable from here (kg.rules, kg.match and kg.suggest use the checks)
from .context import GENDERS, ContextConfig, RoleDef, load_context  # noqa: F401
from .datafiles import ENTITY_TYPES, ID_RE, check_keys, iso_date, read_yaml, str_list  # noqa: F401
from .errors import OntologyError
from .records import Entity, Role

WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "ontology"


# ---------------------------------------------------------------- text layout

@dataclass(frozen=True)
class TextConfig:
    default_role: str
    question_labels: tuple[str, ...]
    roles: dict[str, str]                 # label prefix -> role
    not_speakers: frozenset[str]
    max_label_words: int
    abbreviations: frozenset[str]
    title_small_words: frozenset[str] = frozenset()   # "At", "For", "Of" of a Title-Case title
    name_abbreviations: frozenset[str] = frozenset()  # "Sen.", "Jr.": may end a name ("Hun Sen.")
    sentence_openers: frozenset[str] = frozenset()    # "Then", "He": open a sentence, never a name


def load_text(path: Path) -> TextConfig:
    f = str(path)
    data = check_keys(f, None, read_yaml(path), {"version": int, "speakers": dict, "sentences": dict,
                                                 "title_small_words": list}, ("speakers", "sentences"))
    sp = check_keys(f, "speakers", data["speakers"],
                    {"default_role": str, "question_labels": list, "roles": dict,
                     "not_speakers": list, "max_label_words": int}, ("default_role",))
    roles: dict[str, str] = {}
    for role, labels in (sp.get("roles") or {}).items():
        for label in str_list(f, f"speakers.roles.{role}", "labels", labels):
            if label in roles:
                raise OntologyError(f, f"speakers.roles.{role}", f"label {label!r} already has role {roles[label]!r}")
            roles[label] = role
    se = check_keys(f, "sentences", data["sentences"],
                    {"abbreviations": list, "name_abbreviations": list, "sentence_openers": list})
    abbreviations = frozenset(str_list(f, "sentences", "abbreviations", se.get("abbreviations")))
    name_abbreviations = frozenset(str_list(f, "sentences", "name_abbreviations", se.get("name_abbreviations")))
    if name_abbreviations - abbreviations:
        raise OntologyError(f, "sentences.name_abbreviations",
                            f"not in abbreviations: {sorted(name_abbreviations - abbreviations)}")
    return TextConfig(
        default_role=sp["default_role"],
        question_labels=str_list(f, "speakers", "question_labels", sp.get("question_labels")),
        roles=roles,
        not_speakers=frozenset(str_list(f, "speakers", "not_speakers", sp.get("not_speakers"))),
        max_label_words=sp.get("max_label_words") or 7,
        abbreviations=abbreviations,
        title_small_words=frozenset(str_list(f, None, "title_small_words", data.get("title_small_words"))),
        name_abbreviations=name_abbreviations,
        sentence_openers=frozenset(str_list(f, "sentences", "sentence_openers", se.get("sentence_openers"))),
    )


def title_for_matching(title: str, small: frozenset[str]) -> str:
    """A Title-Case title ("Remarks By President Biden At The Summit For Democracy") with its
    small words in lower case after the first word, as names are written in running text
    ("Summit for Democracy", "Draghi of Italy"); the same length, so offsets hold."""
    words = _TITLE_WORD.findall(title)
    if sum(w in small for w in words[1:]) < 2:
        return title          # a title in sentence case: as written
    return _TITLE_WORD.sub(lambda m: m.group().lower() if m.start() and m.group() in small else m.group(), title)


_TITLE_WORD = re.compile(r"[A-Za-z]+")


# ---------------------------------------------------------------- entities

ENTITY_KEYS = {"id": str, "type": str, "label": str, "aliases": list, "adjectives": list,
               "demonyms": list, "wikidata": str, "country": str, "roles": list, "part_of": str,
               "seat_of": str, "gender": str, "note": str, "parties": list, "venue": str,
               "sessions": bool, "alliance": bool, "own_requests": list}
ROLE_KEYS = {"title": str, "of": str, "from": (str, _dt.date), "to": (str, _dt.date)}


@dataclass
class EntityExtra:
    """Entity facts used by matching only (not on the Entity record)."""
    demonyms: tuple[str, ...] = ()
    part_of: str | None = None
    seat_of: str | None = None
    gender: str | None = None
    parties: tuple[str, ...] = ()   # a bilateral or closed format: the states and bodies that sit in it
    venue: str | None = None        # a forum named after where it meets: the Munich Security Conference
    sessions: bool = True           # False: a body that holds no sessions (an armed group, a newspaper)
    alliance: bool = False          # a defense alliance whose members pledge it a share of their GDP
    own_requests: tuple[str, ...] = ()   # predicates its own side may direct at it (a legislature asked by its executive)


def entity_files(root: Path) -> list[Path]:
    files = [root / "entities.yaml"] if (root / "entities.yaml").exists() else []
    gaz = root / "gazetteer"
    if gaz.is_dir():
        files += sorted(gaz.glob("*.yaml"))
    return files


def load_entities(files: list[Path], roles: dict[str, RoleDef], fragments: frozenset[str] = frozenset()
                  ) -> tuple[dict[str, Entity], dict[str, EntityExtra]]:
    entities: dict[str, Entity] = {}
    extra: dict[str, EntityExtra] = {}
    for path in files:
        f = str(path)
        data = read_yaml(path)
        data = check_keys(f, None, data, {"version": int, "entities": list}, ("entities",))
        for i, rec in enumerate(data["entities"]):
            name = rec.get("id") if isinstance(rec, dict) else None
            where = f"{name}" if name else f"entities[{i}]"
            rec = check_keys(f, where, rec, ENTITY_KEYS, ("id", "type", "label"))
            eid = rec["id"]
            if not ID_RE.match(eid):
                raise OntologyError(f, where, f"invalid id {eid!r} (letters, digits and _ only)")
            if eid in entities:
                raise OntologyError(f, where, f"duplicate id {eid!r} (first defined in {entities[eid].source})")
            if rec["type"] not in ENTITY_TYPES:
                raise OntologyError(f, where, f"unknown type {rec['type']!r} (one of {', '.join(ENTITY_TYPES)})")
            if rec.get("gender") is not None and rec["gender"] not in GENDERS:
                raise OntologyError(f, where, f"gender must be one of {', '.join(GENDERS)}, got {rec['gender']!r}")
            wd = rec.get("wikidata")
            if wd is not None and not WIKIDATA_RE.match(wd):
                raise OntologyError(f, where, f"invalid wikidata id {wd!r} (expected Q followed by digits)")
            parsed_roles = []
            for j, r in enumerate(rec.get("roles") or []):
                r = check_keys(f, f"{where}.roles[{j}]", r, ROLE_KEYS, ("title", "of"))
                if r["title"] not in roles:
                    raise OntologyError(f, f"{where}.roles[{j}]", f"unknown role title {r['title']!r}")
                start = iso_date(f, f"{where}.roles[{j}]", "from", r.get("from"))
                end = iso_date(f, f"{where}.roles[{j}]", "to", r.get("to"))
                if start and end and end < start:
                    raise OntologyError(f, f"{where}.roles[{j}]", f"role ends ({end}) before it starts ({start})")
                parsed_roles.append(Role(r["title"], r["of"], start, end))
            aliases = str_list(f, where, "aliases", rec.get("aliases"))
            for alias in aliases:
                if alias in fragments:
                    raise OntologyError(f, where, f"alias {alias!r} is a fragment: quote an alias that "
                                        f"contains a comma (\"Joseph R. Biden, Jr.\")")
            entities[eid] = Entity(
                id=eid, type=rec["type"], label=rec["label"].strip(),
                aliases=aliases,
                wikidata=wd, country=rec.get("country"),
                adjectives=str_list(f, where, "adjectives", rec.get("adjectives")),
                roles=tuple(parsed_roles), source=f)
            extra[eid] = EntityExtra(str_list(f, where, "demonyms", rec.get("demonyms")),
                                     rec.get("part_of"), rec.get("seat_of"), rec.get("gender"),
                                     tuple(str_list(f, where, "parties", rec.get("parties"))), rec.get("venue"),
                                     rec.get("sessions", True), rec.get("alliance", False),
                                     tuple(str_list(f, where, "own_requests", rec.get("own_requests"))))
    # references between entities
    for eid, ent in entities.items():
        refs = [("country", ent.country)] + [("roles.of", r.of) for r in ent.roles] + \
               [("part_of", extra[eid].part_of), ("seat_of", extra[eid].seat_of)] + \
               [("parties", p) for p in extra[eid].parties] + [("venue", extra[eid].venue)]
        for key, ref in refs:
            if ref is not None and ref not in entities:
                raise OntologyError(ent.source, eid, f"{key} refers to unknown entity {ref!r}")
        _check_reference_types(ent, extra[eid], entities, roles)
    return entities, extra


def _check_reference_types(ent: Entity, extra: EntityExtra, entities: dict[str, Entity],
                           roles: dict[str, RoleDef]) -> None:
    """A person acts for a state or an organisation; a role is held by a person, of what
    the role applies to; a capital is the seat of a state."""
    def kind(eid: str) -> str:
        t = entities[eid].type
        return f"{eid!r} is {'an' if t[0] in 'AEIOU' else 'a'} {t}"
    if ent.country and entities[ent.country].type not in ("State", "Organization"):
        raise OntologyError(ent.source, ent.id, f"country must name a State or an Organization: {kind(ent.country)}")
    if extra.seat_of and entities[extra.seat_of].type != "State":
        raise OntologyError(ent.source, ent.id, f"seat_of must name a State: {kind(extra.seat_of)}")
    if extra.parties and ent.type != "Forum":
        raise OntologyError(ent.source, ent.id, f"only a Forum has parties, not a {ent.type}")
    if extra.alliance and ent.type != "Organization":
        raise OntologyError(ent.source, ent.id, f"only an Organization is marked alliance: true, not a {ent.type}")
    if extra.own_requests:
        from .rules import PREDICATES
        if ent.type != "Organization" or not extra.part_of:
            raise OntologyError(ent.source, ent.id, "only an Organization that is part_of another has own_requests")
        for p in extra.own_requests:
            if p not in PREDICATES:
                raise OntologyError(ent.source, ent.id, f"own_requests: unknown predicate {p!r}")
    if not extra.sessions and ent.type != "Organization":
        raise OntologyError(ent.source, ent.id, f"only an Organization is marked sessions: false, not a {ent.type}")
    if extra.venue and (ent.type != "Forum" or entities[extra.venue].type not in ("Place", "State")):
        raise OntologyError(ent.source, ent.id, f"only a Forum has a venue, a Place or a State: "
                            f"{ent.id!r} is a {ent.type}, {kind(extra.venue)}")
    for p in extra.parties:
        if entities[p].type not in ("State", "Organization"):
            raise OntologyError(ent.source, ent.id, f"parties must name States or Organizations: {kind(p)}")
    for j, r in enumerate(ent.roles):
        if ent.type != "Person":
            raise OntologyError(ent.source, f"{ent.id}.roles[{j}]", f"only a Person holds roles, not a {ent.type}")
        allowed = roles[r.title].applies_to
        if entities[r.of].type not in allowed:
            raise OntologyError(ent.source, f"{ent.id}.roles[{j}]", f"role {r.title!r} is of a "
                                f"{' or '.join(allowed)}: {kind(r.of)}")


# ---------------------------------------------------------------- the whole ontology

@dataclass
class Ontology:
    root: Path
    entities: dict[str, Entity]
    extra: dict[str, EntityExtra]
    text: TextConfig
    context: ContextConfig
    rules: Any                      # kg.rules.RuleSet, compiled at load time
    _cache: dict = field(default_factory=dict, repr=False)

    def issuer_for(self, url: str | None) -> tuple[str, str]:
        for needle, entity, office in self.context.issuers:
            if url and needle in url:
                return entity, office
        return self.context.default_issuer

    def entity_maps(self) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, ...]]]:
        """The seat of government and the parent of every entity that has one, and the
        parties of every format that lists them (computed once)."""
        cached = self._cache.get("entity_maps")
        if cached is None:
            extra = self.extra
            cached = self._cache["entity_maps"] = (
                {eid: x.seat_of for eid, x in extra.items() if x.seat_of},
                {eid: x.part_of for eid, x in extra.items() if x.part_of},
                {eid: x.parties for eid, x in extra.items() if x.parties})
        return cached

    def sessionless(self) -> frozenset[str]:
        """The bodies that hold no sessions (gazetteer ``sessions: false``): never a forum slot."""
        cached = self._cache.get("sessionless")
        if cached is None:
            cached = self._cache["sessionless"] = frozenset(eid for eid, x in self.extra.items() if not x.sessions)
        return cached

    def own_requests(self) -> dict[str, frozenset[str]]:
        """Bodies that their own side may address (gazetteer ``own_requests``): body -> predicates."""
        cached = self._cache.get("own_requests")
        if cached is None:
            cached = self._cache["own_requests"] = {eid: frozenset(x.own_requests)
                                                    for eid, x in self.extra.items() if x.own_requests}
        return cached

    def alliances(self) -> frozenset[str]:
        """The defense alliances (gazetteer ``alliance: true``): what an ally's defense spending pledge is made to."""
        cached = self._cache.get("alliances")
        if cached is None:
            cached = self._cache["alliances"] = frozenset(eid for eid, x in self.extra.items() if x.alliance)
        return cached

    def venues(self) -> dict[str, str]:
        """Where each forum named after its venue meets (gazetteer ``venue``)."""
        cached = self._cache.get("venues")
        if cached is None:
            cached = self._cache["venues"] = {eid: x.venue for eid, x in self.extra.items() if x.venue}
        return cached


def home_of(eid: str, entities: Mapping[str, Entity], parts: Mapping[str, str]) -> str:
    """The government an entity acts for: a person's state, a body's parent, else itself."""
    ent = entities.get(eid)
    if ent is not None and ent.type == "Person" and ent.country:
        return ent.country
    home = parts.get(eid, eid)
    for _ in range(4):          # a committee of Congress, a command of the Pentagon: up to the state
        if home not in parts:
            break
        home = parts[home]
    return home


def load_ontology(root: str | Path | None = None) -> Ontology:
    """Load and validate every data file; raise OntologyError on the first fault."""
    root = Path(root) if root else DEFAULT_ROOT
    if not root.is_dir():
        raise OntologyError(str(root), None, "ontology folder not found")
    for name in ("text.yaml", "context.yaml", "rules.yaml"):
        if not (root / name).exists():
            raise OntologyError(str(root / name), None, "file missing")
    text = load_text(root / "text.yaml")
    context = load_context(root / "context.yaml")
    entities, extra = load_entities(entity_files(root), context.roles, context.alias_fragments)
    for _, eid, _ in context.issuers:
        if eid not in entities:
            raise OntologyError(str(root / "context.yaml"), "issuers", f"unknown entity {eid!r}")
    known_roles = set(text.roles.values()) | {text.default_role}
    for role in sorted((context.forum_descriptions.unresolved_in if context.forum_descriptions else set())
                       - known_roles):
        raise OntologyError(str(root / "context.yaml"), "forum_descriptions.unresolved_in",
                            f"unknown speaker role {role!r} (known: {', '.join(sorted(known_roles))})")
    if context.default_issuer[0] not in entities:
        raise OntologyError(str(root / "context.yaml"), "default_issuer",
                            f"unknown entity {context.default_issuer[0]!r}")
    from .rules import load_rules
    rules = load_rules(root / "rules.yaml")
    onto = Ontology(root, entities, extra, text, context, rules)
    from .match import Gazetteer  # validates aliases (an alias may name one entity only)
    onto._cache["gazetteer"] = Gazetteer(onto)
    return onto


@lru_cache(maxsize=4)
def default_ontology(root: str | None = None) -> Ontology:
    return load_ontology(root)
