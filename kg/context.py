"""``ontology/context.yaml``: who "we", "he" and "the President" are, role titles, person
titles, and the other context rules of coreference (validated when loaded)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .datafiles import ENTITY_TYPES, ID_RE, check_keys, read_yaml, str_list
from .errors import OntologyError


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
    pair_not_before: frozenset[str]
    group_phrases: tuple[str, ...]
    generic_groups: frozenset[str]
    others: frozenset[str]
    government_nouns: tuple[str, ...]
    roles: dict[str, RoleDef]
    person_titles: tuple[str, ...]
    not_names: frozenset[str]
    alias_fragments: frozenset[str] = frozenset()
    speaker_person_roles: frozenset[str] = frozenset()
    speaker_meeting_roles: frozenset[str] = frozenset()   # ... whose "I" is the person in meetings only
    deputy_roles: frozenset[str] = frozenset()   # a title naming their holder is not about the head's meetings
    signatory_intro: re.Pattern | None = None
    unresolved_blocks_default: frozenset[str] = frozenset()
    blocker_subjects: frozenset[str] = frozenset()   # subject pronouns that block across auxiliaries
    blocker_skips: frozenset[str] = frozenset()   # auxiliaries between such a pronoun and the match
    author_cues: tuple[str, ...] = ()   # "Statement by": the person named next wrote a document without turns
    sole_antecedent: frozenset[str] = frozenset()   # pronoun classes that reach the document's only candidate
    fillers: tuple[tuple[str, ...], ...] = ()       # "you know" between commas: not part of the sentence
    title_modifiers: tuple[str, ...] = ()             # "former" before a title belongs to it
    title_suffixes: tuple[str, ...] = ()              # "-elect" after a title belongs to it
    voice_shares: frozenset[str] = frozenset()      # predicates a speaker in person shares with their government
    voice_shares_we: frozenset[str] = frozenset()   # ... only where "we" of the speaker says it
    we_voice_roles: frozenset[str] = frozenset()    # ... and the speaker holds one of these roles
    group_shares: frozenset[str] = frozenset()      # predicates the leaders a title names share with their governments
    group_in_person: frozenset[str] = frozenset()   # predicates the leaders a title names do in person
    leader_object_shares: dict = field(default_factory=dict)  # predicate -> who aims at a leader's government too
    government_shares: frozenset[str] = frozenset()  # predicates a speaker in person commits their government to
    joint_cues: tuple[str, ...] = ()                 # "Joint Statement by": a title of several authors
    leader_groups: frozenset[str] = frozenset()      # "Call with Transatlantic Leaders": every leader the text names
    distributives: tuple[str, ...] = ()              # "each of her counterparts": every leader but the host
    title_group_phrases: tuple[str, ...] = ()        # "a meeting of this group": in such a document, its leaders
    list_cues: tuple[str, ...] = ()                  # "spoke with:", "included": a list of the people met follows
    domestic_titles: frozenset[str] = frozenset()    # "Senator Van Hollen": with no state named, of the issuer's state
    joint_we: tuple[str, ...] = ()                   # "we both", "together, we": both sides of joint remarks
    joint_we_verbs: tuple[str, ...] = ()             # "we met", "we've spent a lot of time at": both sides too
    joint_we_aux: tuple[str, ...] = ()               # what may stand between "we" and such a verb
    joint_we_not_before: tuple[str, ...] = ()        # "we met with ...": after the verb, someone else is met
    question_carry: int = 0                          # answer sentences where "them" may be the state asked about
    question_subjects: tuple[str, ...] = ()          # ... where these need nothing in the answer to be it
    forum_descriptions: ForumDescriptions | None = None   # "the summit": the forum session named before


@dataclass(frozen=True)
class ForumDescriptions:
    """`forum_descriptions` of context.yaml: "the summit", "this conference" as a mention of
    the forum whose session the text has just named (kg.descriptions)."""
    determiners: tuple[str, ...]
    heads: dict[str, tuple[str, ...]]      # head noun -> words that name a session it fits
    not_before: frozenset[str]             # "the summit between", "the conference call": not the forum
    window: int = 5                        # sentences back to look for the forum named
    unresolved_in: frozenset[str] = frozenset()   # speaker roles whose descriptions stay open ("reporter")


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


def _leader_object_shares(f: str, value) -> dict[str, str]:
    """``leader_object_shares``: predicate -> ``any`` (whoever the subject), ``governments``
    (only when no subject is a person) or ``bodies`` (as ``any``, and a state's body stands for the state)."""
    out: dict[str, str] = {}
    for p, who in (value or {}).items():
        _predicates(f, "leader_object_shares", [p])
        if who not in ("any", "governments", "bodies"):
            raise OntologyError(f, f"leader_object_shares.{p}",
                                f"unknown value {who!r} (known: any, governments, bodies)")
        out[p] = who
    return out


def _pronoun_classes(f: str, key: str, value) -> tuple[str, ...]:
    classes = str_list(f, key, key, value)
    for c in classes:
        if c not in ("person", "person_female"):
            raise OntologyError(f, key, f"{c!r} is not a person pronoun class (person, person_female)")
    return classes


def _forum_descriptions(f: str, value) -> ForumDescriptions | None:
    if value is None:
        return None
    key = "forum_descriptions"
    spec = check_keys(f, key, value, {"determiners": list, "heads": dict, "not_before": list, "window": int,
                                      "unresolved_in": list}, ("determiners", "heads"))
    heads: dict[str, tuple[str, ...]] = {}
    for head, fits in spec["heads"].items():
        if not isinstance(head, str) or not head.strip() or not re.fullmatch(r"[\w'’ -]+", head):
            raise OntologyError(f, f"{key}.heads", f"invalid head noun {head!r}")
        words = str_list(f, f"{key}.heads.{head}", head, fits)
        if not words:
            raise OntologyError(f, f"{key}.heads.{head}", f"head {head!r} lists no session words it fits")
        for w in words:
            if len(w.split()) != 1:
                raise OntologyError(f, f"{key}.heads.{head}", f"session word {w!r} is not one word")
        if head.strip().lower() in heads:
            raise OntologyError(f, f"{key}.heads", f"head {head!r} given twice")
        heads[head.strip().lower()] = tuple(w.lower().replace("’", "'") for w in words)
    window = spec.get("window", 5)
    if isinstance(window, bool) or window < 0:
        raise OntologyError(f, f"{key}.window", f"window must be a number, 0 or more, got {window!r}")
    return ForumDescriptions(str_list(f, key, "determiners", spec["determiners"]), heads,
                             frozenset(w.lower().replace("’", "'")
                                       for w in str_list(f, key, "not_before", spec.get("not_before"))),
                             window, frozenset(str_list(f, key, "unresolved_in", spec.get("unresolved_in"))))


def load_context(path: Path) -> ContextConfig:
    f = str(path)
    data = check_keys(f, None, read_yaml(path), {
        "version": int, "issuers": list, "default_issuer": dict, "pronouns": dict,
        "person_window": int, "possessive": list, "thing_after": list, "pair_phrases": list, "pair_not_before": list, "group_phrases": list, "generic_groups": list, "others": list,
        "government_nouns": list, "roles": dict, "short_titles": dict, "person_titles": list,
        "not_names": list, "alias_fragments": list, "speaker_person_roles": list, "speaker_meeting_roles": list,
        "deputy_roles": list, "unresolved_blocks_default": list, "blocker_subjects": list, "blocker_skips": list, "signatories": list, "author_cues": list,
        "sole_antecedent": list, "fillers": list, "title_modifiers": list, "title_suffixes": list, "voice_shares": list,
        "voice_shares_we": list, "we_voice_roles": list,
        "group_shares": list, "group_in_person": list, "leader_object_shares": dict, "government_shares": list,
        "joint_cues": list, "leader_groups": list,
        "distributives": list, "title_group_phrases": list, "list_cues": list, "domestic_titles": list, "joint_we": list, "joint_we_verbs": list, "joint_we_aux": list, "joint_we_not_before": list, "question_carry": int, "question_subjects": list,
        "forum_descriptions": dict},
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
        pair_not_before=frozenset(str_list(f, "pair_not_before", "pair_not_before", data.get("pair_not_before"))),
        group_phrases=str_list(f, "group_phrases", "group_phrases", data.get("group_phrases")),
        generic_groups=frozenset(str_list(f, "generic_groups", "generic_groups", data.get("generic_groups"))),
        others=frozenset(str_list(f, "others", "others", data.get("others"))),
        government_nouns=str_list(f, "government_nouns", "government_nouns", data.get("government_nouns")),
        roles=roles,
        person_titles=str_list(f, "person_titles", "person_titles", data.get("person_titles")),
        domestic_titles=frozenset(str_list(f, "domestic_titles", "domestic_titles", data.get("domestic_titles"))),
        not_names=frozenset(str_list(f, "not_names", "not_names", data.get("not_names"))),
        alias_fragments=frozenset(str_list(f, "alias_fragments", "alias_fragments", data.get("alias_fragments"))),
        speaker_person_roles=frozenset(str_list(f, "speaker_person_roles", "speaker_person_roles",
                                                data.get("speaker_person_roles"))),
        speaker_meeting_roles=frozenset(str_list(f, "speaker_meeting_roles", "speaker_meeting_roles",
                                                 data.get("speaker_meeting_roles"))),
        deputy_roles=frozenset(str_list(f, "deputy_roles", "deputy_roles", data.get("deputy_roles"))),
        unresolved_blocks_default=frozenset(str_list(f, "unresolved_blocks_default", "unresolved_blocks_default",
                                                     data.get("unresolved_blocks_default"))),
        blocker_subjects=frozenset(w.lower() for w in str_list(f, "blocker_subjects", "blocker_subjects",
                                                               data.get("blocker_subjects"))),
        blocker_skips=frozenset(w.lower() for w in str_list(f, "blocker_skips", "blocker_skips",
                                                            data.get("blocker_skips"))),
        signatory_intro=_signatory_intro(str_list(f, "signatories", "signatories", data.get("signatories"))),
        author_cues=tuple(str_list(f, "author_cues", "author_cues", data.get("author_cues"))),
        sole_antecedent=frozenset(_pronoun_classes(f, "sole_antecedent", data.get("sole_antecedent"))),
        fillers=tuple(tuple(x.lower().split()) for x in str_list(f, "fillers", "fillers", data.get("fillers"))),
        title_modifiers=str_list(f, "title_modifiers", "title_modifiers", data.get("title_modifiers")),
        title_suffixes=str_list(f, "title_suffixes", "title_suffixes", data.get("title_suffixes")),
        voice_shares=frozenset(_predicates(f, "voice_shares", data.get("voice_shares"))),
        voice_shares_we=frozenset(_predicates(f, "voice_shares_we", data.get("voice_shares_we"))),
        we_voice_roles=frozenset(str_list(f, "we_voice_roles", "we_voice_roles", data.get("we_voice_roles"))),
        group_shares=frozenset(_predicates(f, "group_shares", data.get("group_shares"))),
        group_in_person=frozenset(_predicates(f, "group_in_person", data.get("group_in_person"))),
        leader_object_shares=_leader_object_shares(f, data.get("leader_object_shares")),
        government_shares=frozenset(_predicates(f, "government_shares", data.get("government_shares"))),
        joint_cues=str_list(f, "joint_cues", "joint_cues", data.get("joint_cues")),
        leader_groups=frozenset(str_list(f, "leader_groups", "leader_groups", data.get("leader_groups"))),
        distributives=str_list(f, "distributives", "distributives", data.get("distributives")),
        title_group_phrases=str_list(f, "title_group_phrases", "title_group_phrases",
                                     data.get("title_group_phrases")),
        list_cues=str_list(f, "list_cues", "list_cues", data.get("list_cues")),
        joint_we=str_list(f, "joint_we", "joint_we", data.get("joint_we")),
        joint_we_verbs=str_list(f, "joint_we_verbs", "joint_we_verbs", data.get("joint_we_verbs")),
        joint_we_aux=str_list(f, "joint_we_aux", "joint_we_aux", data.get("joint_we_aux")),
        joint_we_not_before=str_list(f, "joint_we_not_before", "joint_we_not_before",
                                     data.get("joint_we_not_before")),
        question_carry=data.get("question_carry") or 0,
        question_subjects=str_list(f, "question_subjects", "question_subjects", data.get("question_subjects")),
        forum_descriptions=_forum_descriptions(f, data.get("forum_descriptions")),
    )
    for key, rids in (("speaker_person_roles", ctx.speaker_person_roles), ("we_voice_roles", ctx.we_voice_roles),
                      ("speaker_meeting_roles", ctx.speaker_meeting_roles), ("deputy_roles", ctx.deputy_roles)):
        for rid in sorted(rids):
            if rid not in roles:
                raise OntologyError(f, key, f"unknown role {rid!r}")
    for t in sorted(ctx.domestic_titles - set(ctx.person_titles)):
        raise OntologyError(f, "domestic_titles", f"{t!r} is not in person_titles (it would mark no one)")
    blocking = {w.lower() for w in ctx.unresolved_blocks_default}
    for w in sorted(ctx.blocker_subjects - blocking):
        raise OntologyError(f, "blocker_subjects", f"{w!r} is not in unresolved_blocks_default (it would block nothing)")
    return ctx
