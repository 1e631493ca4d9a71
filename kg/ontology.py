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
from typing import Any

import yaml

from .errors import OntologyError
from .records import Entity, Role
from .yamlsafe import DataLoader

ENTITY_TYPES = ("Person", "State", "Organization", "Forum", "Place", "Agreement")
ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "ontology"


# ---------------------------------------------------------------- validation helpers

def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OntologyError(str(path), None, f"cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise OntologyError(str(path), None, "not UTF-8") from None
    try:
        return yaml.load(text, Loader=DataLoader)    # refuses a key given twice
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise OntologyError(str(path), None, f"bad YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except (ValueError, OverflowError, RecursionError) as exc:     # e.g. "!!float abc"
        raise OntologyError(str(path), None, f"bad YAML: {type(exc).__name__}: {exc}") from None


def check_keys(file: str, record: str | None, data: Any, allowed: dict[str, type | tuple],
               required: tuple[str, ...] = ()) -> dict:
    """Check a mapping's keys and value types; return it."""
    if not isinstance(data, dict):
        raise OntologyError(file, record, f"expected a mapping, got {type(data).__name__}: {data!r}")
    for key in data:
        if key not in allowed:
            raise OntologyError(file, record, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
    for key in required:
        if data.get(key) in (None, "", []):
            raise OntologyError(file, record, f"missing required key {key!r}")
    for key, value in data.items():
        expected = allowed[key]
        if value is not None and not isinstance(value, expected):
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise OntologyError(file, record, f"key {key!r} must be {names}, got {type(value).__name__}: {value!r}")
    return data


def str_list(file: str, record: str | None, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise OntologyError(file, record, f"key {key!r} must be a list, got {type(value).__name__}: {value!r}")
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise OntologyError(file, record, f"key {key!r} has an item that is not a non-empty string: {item!r}")
        out.append(item.strip())
    return tuple(out)


def iso_date(file: str, record: str | None, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise OntologyError(file, record, f"key {key!r} must be a date YYYY-MM-DD, got {value!r}")


# ---------------------------------------------------------------- text layout

@dataclass(frozen=True)
class TextConfig:
    default_role: str
    question_labels: tuple[str, ...]
    roles: dict[str, str]                 # label prefix -> role
    not_speakers: frozenset[str]
    max_label_words: int
    abbreviations: frozenset[str]


def load_text(path: Path) -> TextConfig:
    f = str(path)
    data = check_keys(f, None, read_yaml(path), {"version": int, "speakers": dict, "sentences": dict},
                      ("speakers", "sentences"))
    sp = check_keys(f, "speakers", data["speakers"],
                    {"default_role": str, "question_labels": list, "roles": dict,
                     "not_speakers": list, "max_label_words": int}, ("default_role",))
    roles: dict[str, str] = {}
    for role, labels in (sp.get("roles") or {}).items():
        for label in str_list(f, f"speakers.roles.{role}", "labels", labels):
            if label in roles:
                raise OntologyError(f, f"speakers.roles.{role}", f"label {label!r} already has role {roles[label]!r}")
            roles[label] = role
    se = check_keys(f, "sentences", data["sentences"], {"abbreviations": list})
    return TextConfig(
        default_role=sp["default_role"],
        question_labels=str_list(f, "speakers", "question_labels", sp.get("question_labels")),
        roles=roles,
        not_speakers=frozenset(str_list(f, "speakers", "not_speakers", sp.get("not_speakers"))),
        max_label_words=sp.get("max_label_words") or 7,
        abbreviations=frozenset(str_list(f, "sentences", "abbreviations", se.get("abbreviations"))),
    )


# ---------------------------------------------------------------- context rules

@dataclass(frozen=True)
class RoleDef:
    id: str
    titles: tuple[str, ...]
    head: bool = False
    short_titles: tuple[str, ...] = ()
    applies_to: tuple[str, ...] = ("State",)
    bare_titles: tuple[str, ...] | None = None   # None: every title


@dataclass(frozen=True)
class ContextConfig:
    issuers: tuple[tuple[str, str, str], ...]      # (url substring, entity id, office)
    default_issuer: tuple[str, str]                # (entity id, office)
    pronouns: dict[str, str]                       # surface -> class
    person_window: int
    possessive: frozenset[str]
    thing_after: frozenset[str]
    pair_phrases: tuple[str, ...]
    group_phrases: tuple[str, ...]
    generic_groups: frozenset[str]
    others: frozenset[str]
    government_nouns: tuple[str, ...]
    roles: dict[str, RoleDef]
    person_titles: tuple[str, ...]
    not_names: frozenset[str]
    alias_fragments: frozenset[str] = frozenset()
    speaker_person_roles: frozenset[str] = frozenset()
    signatory_intro: re.Pattern | None = None
    unresolved_blocks_default: frozenset[str] = frozenset()
    author_cues: tuple[str, ...] = ()   # "Statement by": the person named next wrote a document without turns
    sole_antecedent: frozenset[str] = frozenset()   # pronoun classes that reach the document's only candidate
    fillers: tuple[tuple[str, ...], ...] = ()       # "you know" between commas: not part of the sentence
    title_modifiers: tuple[str, ...] = ()             # "former" before a title belongs to it
    voice_shares: frozenset[str] = frozenset()      # predicates a speaker in person shares with their government


PRONOUN_CLASSES = ("speaker_government", "speaker_person", "addressee_government", "person",
                   "person_female", "thing", "plural")
GENDERS = ("female", "male")


def _signatory_intro(nouns: tuple[str, ...]) -> re.Pattern | None:
    """", the leaders of" after "We" in a joint statement."""
    if not nouns:
        return None
    alts = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(r",?\s+the\s+(?:" + alts + r")\s+of\s+")


def _predicates(f: str, key: str, value) -> tuple[str, ...]:
    from .rules import PREDICATES
    names = str_list(f, key, key, value)
    for p in names:
        if p not in PREDICATES:
            raise OntologyError(f, key, f"unknown predicate {p!r}")
    return names


def _pronoun_classes(f: str, key: str, value) -> tuple[str, ...]:
    classes = str_list(f, key, key, value)
    for c in classes:
        if c not in ("person", "person_female"):
            raise OntologyError(f, key, f"{c!r} is not a person pronoun class (person, person_female)")
    return classes


def load_context(path: Path) -> ContextConfig:
    f = str(path)
    data = check_keys(f, None, read_yaml(path), {
        "version": int, "issuers": list, "default_issuer": dict, "pronouns": dict,
        "person_window": int, "possessive": list, "thing_after": list, "pair_phrases": list, "group_phrases": list, "generic_groups": list, "others": list,
        "government_nouns": list, "roles": dict, "short_titles": dict, "person_titles": list,
        "not_names": list, "alias_fragments": list, "speaker_person_roles": list,
        "unresolved_blocks_default": list, "signatories": list, "author_cues": list,
        "sole_antecedent": list, "fillers": list, "title_modifiers": list, "voice_shares": list},
        ("default_issuer", "pronouns", "roles"))
    issuers = []
    for i, item in enumerate(data.get("issuers") or []):
        rec = check_keys(f, f"issuers[{i}]", item, {"url_contains": str, "entity": str, "office": str},
                         ("url_contains", "entity", "office"))
        issuers.append((rec["url_contains"], rec["entity"], rec["office"]))
    di = check_keys(f, "default_issuer", data["default_issuer"], {"entity": str, "office": str},
                    ("entity", "office"))
    pronouns: dict[str, str] = {}
    pr = check_keys(f, "pronouns", data["pronouns"], {c: list for c in PRONOUN_CLASSES})
    for cls, words in pr.items():
        for word in str_list(f, f"pronouns.{cls}", cls, words):
            if word in pronouns:
                raise OntologyError(f, f"pronouns.{cls}", f"{word!r} is already in class {pronouns[word]!r}")
            pronouns[word] = cls
    short = data.get("short_titles") or {}
    roles: dict[str, RoleDef] = {}
    for rid, spec in data["roles"].items():
        if not ID_RE.match(str(rid)):
            raise OntologyError(f, f"roles.{rid}", f"invalid role id {rid!r}")
        spec = check_keys(f, f"roles.{rid}", spec, {"titles": list, "head": bool, "applies_to": list,
                                                    "bare_titles": list}, ("titles",))
        applies = str_list(f, f"roles.{rid}", "applies_to", spec.get("applies_to")) or ("State",)
        for t in applies:
            if t not in ENTITY_TYPES:
                raise OntologyError(f, f"roles.{rid}", f"applies_to names unknown type {t!r}")
        roles[rid] = RoleDef(rid, str_list(f, f"roles.{rid}", "titles", spec["titles"]),
                             bool(spec.get("head")),
                             str_list(f, f"short_titles.{rid}", rid, short.get(rid)), applies,
                             str_list(f, f"roles.{rid}", "bare_titles", spec["bare_titles"])
                             if spec.get("bare_titles") is not None else None)
    for rid in short:
        if rid not in roles:
            raise OntologyError(f, f"short_titles.{rid}", f"unknown role {rid!r}")
    ctx = ContextConfig(
        issuers=tuple(issuers),
        default_issuer=(di["entity"], di["office"]),
        pronouns=pronouns,
        person_window=data.get("person_window") or 3,
        possessive=frozenset(str_list(f, "possessive", "possessive", data.get("possessive"))),
        thing_after=frozenset(str_list(f, "thing_after", "thing_after", data.get("thing_after"))),
        pair_phrases=str_list(f, "pair_phrases", "pair_phrases", data.get("pair_phrases")),
        group_phrases=str_list(f, "group_phrases", "group_phrases", data.get("group_phrases")),
        generic_groups=frozenset(str_list(f, "generic_groups", "generic_groups", data.get("generic_groups"))),
        others=frozenset(str_list(f, "others", "others", data.get("others"))),
        government_nouns=str_list(f, "government_nouns", "government_nouns", data.get("government_nouns")),
        roles=roles,
        person_titles=str_list(f, "person_titles", "person_titles", data.get("person_titles")),
        not_names=frozenset(str_list(f, "not_names", "not_names", data.get("not_names"))),
        alias_fragments=frozenset(str_list(f, "alias_fragments", "alias_fragments", data.get("alias_fragments"))),
        speaker_person_roles=frozenset(str_list(f, "speaker_person_roles", "speaker_person_roles",
                                                data.get("speaker_person_roles"))),
        unresolved_blocks_default=frozenset(str_list(f, "unresolved_blocks_default", "unresolved_blocks_default",
                                                     data.get("unresolved_blocks_default"))),
        signatory_intro=_signatory_intro(str_list(f, "signatories", "signatories", data.get("signatories"))),
        author_cues=tuple(str_list(f, "author_cues", "author_cues", data.get("author_cues"))),
        sole_antecedent=frozenset(_pronoun_classes(f, "sole_antecedent", data.get("sole_antecedent"))),
        fillers=tuple(tuple(x.lower().split()) for x in str_list(f, "fillers", "fillers", data.get("fillers"))),
        title_modifiers=str_list(f, "title_modifiers", "title_modifiers", data.get("title_modifiers")),
        voice_shares=frozenset(_predicates(f, "voice_shares", data.get("voice_shares"))),
    )
    for rid in ctx.speaker_person_roles:
        if rid not in roles:
            raise OntologyError(f, "speaker_person_roles", f"unknown role {rid!r}")
    return ctx


# ---------------------------------------------------------------- entities

ENTITY_KEYS = {"id": str, "type": str, "label": str, "aliases": list, "adjectives": list,
               "demonyms": list, "wikidata": str, "country": str, "roles": list, "part_of": str,
               "seat_of": str, "gender": str, "note": str, "parties": list}
ROLE_KEYS = {"title": str, "of": str, "from": (str, _dt.date), "to": (str, _dt.date)}


@dataclass
class EntityExtra:
    """Entity facts used by matching only (not on the Entity record)."""
    demonyms: tuple[str, ...] = ()
    part_of: str | None = None
    seat_of: str | None = None
    gender: str | None = None
    parties: tuple[str, ...] = ()   # a bilateral or closed format: the states and bodies that sit in it


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
                                     tuple(str_list(f, where, "parties", rec.get("parties"))))
    # references between entities
    for eid, ent in entities.items():
        refs = [("country", ent.country)] + [("roles.of", r.of) for r in ent.roles] + \
               [("part_of", extra[eid].part_of), ("seat_of", extra[eid].seat_of)] + \
               [("parties", p) for p in extra[eid].parties]
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
