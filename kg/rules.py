"""Relation rules: loading ``ontology/rules.yaml`` (rules, lexicons, modality and negation
cues, coordination) and compiling its patterns with :mod:`kg.patterns`, once, at load time; a
pattern that does not compile is refused with its rule id."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .anchors import AnchorIndex
from .errors import OntologyError
from .ontology import check_keys, read_yaml, str_list
from .patterns import (TYPE_CODES, alternatives, anchor_words, compile_pattern, opens_with_clause_subject,
                       required_slot, slot_type_needs, words_of)

PREDICATES = ("meetsWith", "proposes", "rejects", "threatensCost", "commitsTo", "participatesIn", "heldIn")
MODALITIES = ("asserted", "planned", "conditional")
# what ends a clause, before the reporting verbs (not ", and other": the last item of a list,
# "weapons, ammunition, and other assistance")
CLAUSE_ENDS = r" (?:;|:|—|–|, and(?! other )|, but|, while|, whereas) "
SUBJECT_DEFAULTS = ("speaker", "voice", "first", "attributed", "host", "counterpart", "parties", "venue_forum",
                    "doc_forum", "president")
OBJECT_DEFAULTS = ("counterpart", "condition", "speaker", "adversary", "parties", "venue", "doc_forum",
                   "venue_forum", "recent_alliance", "title_people")


@dataclass(frozen=True)
class Rule:
    id: str
    predicate: str
    pattern: str
    regex: re.Pattern
    slot_types: dict[str, tuple[frozenset[str], bool]]   # slot -> (entity types, adjectives ok)
    subject_default: tuple[str, ...] = ()
    object_default: tuple[str, ...] = ()
    modality: str | None = None
    negatable: bool = True
    subject_as: str | None = None     # "state": a person stands for their country
    note: str = ""
    objects: re.Pattern | None = None  # every match after the trigger gives one more object
    add_attributed: bool = False       # sources the sentence cites are subjects too
    list_items: bool = False           # the objects may follow as bullets ("Participants included:")
    needs_entity: bool = True          # the pattern has a required slot: skip sentences without names
    anchors: tuple[frozenset[str], ...] = ()  # the sentence holds a word of each of these sets
    needs_types: tuple[frozenset[str], ...] = ()  # ... and a mention of one type of each of these
    subject_first: bool = False        # the pattern opens with its SUBJ slot
    all_pairs: bool | int = False      # every member of a PAIR met every other of another government
                                       # (a number: only in a list of at most that many members)
    known_sides: bool = False          # both ends are of a known government (not a person of no known state)
    items_subject: bool = False        # the listed items are the subjects, the default fills the object
                                       # ("Participants included: ..." in a forum's document: each takes part)
    co_actor: bool = False             # the SUBJ slot names who acts with another ("together with the G7"):
                                       # it adds a subject and does not outrank a default one

    @property
    def needs_two(self) -> bool:
        """Both ends come from the sentence's names (no default fills one in): a sentence
        naming fewer than two entities cannot match."""
        return not (self.subject_default or self.object_default)


@dataclass
class RuleSet:
    types: dict[str, frozenset[str]]
    lexicons: dict[str, tuple[str, ...]]
    rules: list[Rule]
    conditional: list[re.Pattern] = field(default_factory=list)
    planned: list[re.Pattern] = field(default_factory=list)
    planned_exceptions: list[re.Pattern] = field(default_factory=list)
    past: list[re.Pattern] = field(default_factory=list)   # a look back after a future cue (see kg.modality)
    ongoing: list[re.Pattern] = field(default_factory=list)   # "will continue to": now and ahead
    ongoing_after: list[re.Pattern] = field(default_factory=list)   # "... on a regular basis": now and ahead
    inherit_conditional: list[re.Pattern] = field(default_factory=list)
    said_now: frozenset[str] = frozenset()      # predicates whose "will" is an act of saying: asserted
    supposed: frozenset[str] = frozenset()      # predicates a condition clause only supposes ("if China provides")
    purpose: list[re.Pattern] = field(default_factory=list)   # a purpose clause after a match (kg.modality)
    event_ahead: list[re.Pattern] = field(default_factory=list)   # right after a match: it is ahead (kg.modality)
    event_past: list[re.Pattern] = field(default_factory=list)    # right after a match: it is done (kg.modality)
    prepared_for: list[re.Pattern] = field(default_factory=list)  # right before a match: it is ahead (kg.modality)
    standing: list[re.Pattern] = field(default_factory=list)      # in a match: a standing membership, asserted (kg.modality)
    standing_subject: list[re.Pattern] = field(default_factory=list)  # ... at the match's start (kg.modality)
    standing_for: frozenset[str] = frozenset()  # the predicates a standing membership holds for
    offered: frozenset[str] = frozenset()       # predicates whose stated readiness is an offer made now
    offers: list[re.Pattern] = field(default_factory=list)    # "we're prepared to negotiate": asserted
    clause_end: re.Pattern | None = None        # where a clause ends (kg.modality), with " and underscored ": a reporting verb
    condition_words: frozenset[str] = frozenset()   # "if", "unless", "should": open a condition clause
    conditional_exceptions: list[re.Pattern] = field(default_factory=list)
    months: re.Pattern | None = None           # "february 24th" in a sentence's unit string
    month_index: dict[str, int] = field(default_factory=dict)
    negation: re.Pattern | None = None
    attribution: list[re.Pattern] = field(default_factory=list)
    frames: list[re.Pattern] = field(default_factory=list)       # "made clear that": who frames the claim
    adversary: list[re.Pattern] = field(default_factory=list)    # "Russia's aggressive actions"
    negation_window: int = 4
    clause_negations: frozenset[str] = frozenset()  # "not": stops at a dash or semicolon before the match
    asking: frozenset[str] = frozenset()        # "Are you ...?": a yes-or-no question states nothing
    asking_except: frozenset[str] = frozenset()  # "Are you saying that ...?" reports a statement
    asking_request: frozenset[str] = frozenset()  # "Can you tell us ...?" asks for what it takes as given
    asking_openers: frozenset[str] = frozenset()  # "And will ...?": what may open a yes-or-no clause
    asking_topic: frozenset[str] = frozenset()   # "Did X speak with Y about ...?" takes the talk as given
    separators: list[tuple[str, ...]] = field(default_factory=list)
    separator_preps: frozenset[str] = frozenset()
    asides: tuple[tuple[str, ...], ...] = ()     # "the U.S., together with our Allies, will": openers of an aside
    join_verbs: frozenset[str] = frozenset()     # "Biden joined Zelenskyy in urging": the joiner is a co-actor
    join_leads: frozenset[str] = frozenset()     # "pleased to join X in": a "to" before the join verb that keeps the joiner
    source: str = ""
    phrase_cache: dict = field(default_factory=dict, compare=False)   # lexicon -> its phrases as word lists
    cue_words: frozenset[str] | None = None      # a conditional cue needs one of these words
    cue_anchors: list = field(default_factory=list)   # per conditional cue: its anchor_words
    prepositions: frozenset[str] = frozenset()   # a subject right after one of these is not one
    single_doer: frozenset[str] = frozenset()    # predicates whose act a named doer keeps from a default subject
    clause_openers: frozenset[str] = frozenset()   # a pronoun right after one of these opens a clause
    verb_coordinators: frozenset[str] = frozenset()   # "support Ukraine and impose": Ukraine is an object
    verb_openers: frozenset[str] = frozenset()        # words that open a verb phrase ("impose", "will")
    bare_verbs: frozenset[str] = frozenset()          # verb_openers that are verbs of a *_verb lexicon (no auxiliary)
    staff_nouns: tuple[tuple[str, ...], ...] = ()     # "their teams": their governments
    addressed: frozenset[str] = frozenset()   # predicates whose objects are others than the subject's side
    adjective_heads: dict = field(default_factory=dict)   # predicate -> lexicon of nouns a state's adjective object must head
    _rule_index: AnchorIndex = field(init=False, repr=False)
    _cue_index: AnchorIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._rule_index = AnchorIndex([r.anchors for r in self.rules])
        self._cue_index = AnchorIndex(self.cue_anchors)

    def candidates(self, words) -> list["Rule"]:
        """The rules that could match a sentence holding ``words``, in rule order."""
        rules = self.rules
        return [rules[i] for i in self._rule_index.allowed(words)]

    def conditional_cues(self, tokens) -> list[re.Pattern]:
        """The conditional cues whose anchor words are all among ``tokens``."""
        if not self.cue_anchors:
            return self.conditional
        cues = self.conditional
        return [cues[i] for i in self._cue_index.allowed(frozenset(tokens))]

    def could_match(self, rule: "Rule", words: set[str]) -> bool:
        return all(not a.isdisjoint(words) for a in rule.anchors)


RULE_KEYS = {"id": str, "predicate": str, "pattern": str, "subject_default": (str, list),
             "object_default": (str, list), "modality": str, "negatable": bool, "subject_as": str, "note": str,
             "objects": str, "add_attributed": bool, "list_items": bool, "subject_anywhere": bool, "items_subject": bool,
             "all_pairs": (bool, int), "known_sides": bool, "co_actor": bool}


def predicate_set(f: str, record: str | None, key: str, value) -> frozenset[str]:
    """A list of predicate names from a data file (``record.key``), each checked."""
    names = frozenset(str_list(f, record or key, key, value))
    for p in sorted(names - set(PREDICATES)):
        raise OntologyError(f, f"{record}.{key}" if record else key, f"unknown predicate {p!r}")
    return names


def load_rules(path: Path) -> RuleSet:
    f = str(path)
    data = check_keys(f, None, read_yaml(path), {
        "version": int, "types": dict, "lexicons": dict, "modality": dict, "negation": dict,
        "coordination": dict, "attribution": list, "frames": list, "adversary": list, "prepositions": list,
        "verb_coordination": dict, "staff_nouns": list, "addressed": list,
        "clause_openers": list, "adjective_heads": dict, "single_doer": list,
        "rules": list},
        ("types", "lexicons", "rules"))
    types = {}
    for name, tlist in data["types"].items():
        tl = str_list(f, f"types.{name}", name, tlist)
        for t in tl:
            if t not in TYPE_CODES:
                raise OntologyError(f, f"types.{name}", f"unknown entity type {t!r}")
        types[name] = frozenset(tl)
    lexicons = {}
    for name, words in data["lexicons"].items():
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", str(name)):
            raise OntologyError(f, f"lexicons.{name}", "lexicon names are lower-case words")
        lexicons[name] = str_list(f, f"lexicons.{name}", name, words)
    mod = check_keys(f, "modality", data.get("modality") or {},
                     {"conditional": list, "planned": list, "planned_exceptions": list, "past": list, "ongoing": list, "ongoing_after": list,
                      "inherit_conditional": list, "conditional_exceptions": list, "months": list, "said_now": list,
                      "supposed": list, "reporting_verbs": list, "purpose": list, "conjuncts": list,
                      "offered": list, "offers": list, "event_ahead": list, "event_past": list, "prepared_for": list, "standing": list,
                      "standing_subject": list, "standing_for": list})
    said_now = predicate_set(f, "modality", "said_now", mod.get("said_now"))
    reporting = [w.lower() for w in str_list(f, "modality", "reporting_verbs", mod.get("reporting_verbs"))]
    # a noun-phrase conjunct of its own also opens a clause: "... and their readiness to ..."
    conjuncts = [w.lower() for w in str_list(f, "modality", "conjuncts", mod.get("conjuncts"))]
    clause_end = re.compile(CLAUSE_ENDS + (r"| (?:and|but|, and|, but) (?=(?:" + "|".join(map(re.escape, reporting))
                                           + r") )" if reporting else "")
                            + (r"| (?:and|, and) (?=(?:[^ ]+ )?(?:" + "|".join(map(re.escape, conjuncts))
                               + r") to )" if conjuncts else ""))
    supposed = predicate_set(f, "modality", "supposed", mod.get("supposed"))
    offered = predicate_set(f, "modality", "offered", mod.get("offered"))

    def cues(key: str) -> list[re.Pattern]:
        return [compile_pattern(p, types, lexicons, f, f"modality.{key}")[0]
                for p in str_list(f, "modality", key, mod.get(key))]
    conditional, planned = cues("conditional"), cues("planned")
    # the one-word cues that open a condition clause ("if", "unless", "should")
    condition_words = frozenset(c.split()[0] for c in str_list(f, "modality", "conditional", mod.get("conditional"))
                                if c.split()[0].isalpha())
    planned_exceptions, inherit = cues("planned_exceptions"), cues("inherit_conditional")
    past, ongoing, conditional_exceptions = cues("past"), cues("ongoing"), cues("conditional_exceptions")
    purpose, offers, event_ahead = cues("purpose"), cues("offers"), cues("event_ahead")
    event_past, prepared_for = cues("event_past"), cues("prepared_for")
    standing, standing_subject = cues("standing"), cues("standing_subject")
    standing_for = predicate_set(f, "modality", "standing_for", mod.get("standing_for"))
    ongoing_after = cues("ongoing_after")
    month_names = [m.lower() for m in str_list(f, "modality", "months", mod.get("months"))]
    if month_names and len(month_names) != 12:
        raise OntologyError(f, "modality.months", f"needs the 12 month names in order, got {len(month_names)}")
    months = re.compile(r"(?<= )(?P<month>" + "|".join(map(re.escape, month_names)) +
                        r") (?:the )?(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?:-[0-9]{1,2}(?:st|nd|rd|th)?)? ") if month_names else None
    attribution = []
    for p in str_list(f, "attribution", "attribution", data.get("attribution")):
        regex, slots = compile_pattern(p, types, lexicons, f, "attribution")
        if "SUBJ" not in slots:
            raise OntologyError(f, "attribution", f"pattern {p!r} needs a SUBJ slot (the source)")
        attribution.append(regex)
    frames = [compile_pattern(p, types, lexicons, f, "frames")[0]
              for p in str_list(f, "frames", "frames", data.get("frames"))]
    adversary = []
    for p in str_list(f, "adversary", "adversary", data.get("adversary")):
        regex, slots = compile_pattern(p, types, lexicons, f, "adversary")
        if "OBJ" not in slots:
            raise OntologyError(f, "adversary", f"pattern {p!r} needs an OBJ slot (the aggressor)")
        adversary.append(regex)
    neg = check_keys(f, "negation", data.get("negation") or {},
                     {"cues": list, "except": list, "window": int, "asking": list, "asking_except": list,
                      "asking_topic": list, "asking_request": list, "asking_openers": list,
                      "clause_bound": list, "reversed": list})
    cues = str_list(f, "negation", "cues", neg.get("cues"))
    # phrases that open with a cue but do not negate (negation.except): never a cue
    not_cues = str_list(f, "negation", "except", neg.get("except"))
    # a plain negation of a verb of giving up or weakening affirms (negation.reversed):
    # "our support will not waver", "we will never abandon them"
    not_cues = tuple(not_cues) + tuple(f"{c} {v}" for c in str_list(f, "negation", "clause_bound", neg.get("clause_bound"))
                 for v in str_list(f, "negation", "reversed", neg.get("reversed")))
    negation = re.compile("(?<= )" + ("(?!" + alternatives(not_cues) + ")" if not_cues else "")
                          + alternatives(cues)) if cues else None
    coord = check_keys(f, "coordination", data.get("coordination") or {},
                       {"separators": list, "repeatable": list, "asides": list,
                        "join_verbs": list, "join_leads": list})
    separators = [tuple(words_of(s.replace("_", " "))) for s in
                  str_list(f, "coordination", "separators", coord.get("separators"))]
    preps = frozenset(str_list(f, "coordination", "repeatable", coord.get("repeatable")))
    asides = tuple(sorted({tuple(words_of(s)) for s in str_list(f, "coordination", "asides", coord.get("asides"))},
                          key=len, reverse=True))
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, rec in enumerate(data["rules"]):
        rid = rec.get("id") if isinstance(rec, dict) else None
        where = rid or f"rules[{i}]"
        rec = check_keys(f, where, rec, RULE_KEYS, ("id", "predicate", "pattern"))
        if rid in seen:
            raise OntologyError(f, where, f"duplicate rule id {rid!r}")
        seen.add(rid)
        if rec["predicate"] not in PREDICATES:
            raise OntologyError(f, where, f"unknown predicate {rec['predicate']!r} (one of {', '.join(PREDICATES)})")
        for key, allowed in (("modality", MODALITIES), ("subject_as", ("state",))):
            if rec.get(key) is not None and rec[key] not in allowed:
                raise OntologyError(f, where, f"{key} must be one of {', '.join(allowed)}, got {rec[key]!r}")
        defaults = {}
        for key, allowed in (("subject_default", SUBJECT_DEFAULTS), ("object_default", OBJECT_DEFAULTS)):
            value = rec.get(key) or []
            chain = (value,) if isinstance(value, str) else tuple(value)
            for v in chain:
                if v not in allowed:
                    raise OntologyError(f, where, f"{key} must be one of {', '.join(allowed)}, got {v!r}")
            defaults[key] = chain
        regex, slots = compile_pattern(rec["pattern"], types, lexicons, f, where)
        objects = None
        if rec.get("objects"):
            if "OBJ" in slots or "PAIR" in slots:
                raise OntologyError(f, where, "a rule with `objects` has no OBJ or PAIR slot in its pattern")
            objects, oslots = compile_pattern(rec["objects"], types, lexicons, f, where)
            if set(oslots) != {"OBJ"}:
                raise OntologyError(f, where, f"`objects` must have exactly one slot, OBJ: {rec['objects']!r}")
            slots["OBJ"] = oslots["OBJ"]
        if rec.get("items_subject") and (objects is None or "SUBJ" in slots):
            raise OntologyError(f, where, "items_subject needs an `objects` pattern and no SUBJ slot")
        if rec.get("list_items") and objects is None:
            raise OntologyError(f, where, "list_items needs an `objects` pattern (what each bullet names)")
        if not isinstance(rec.get("all_pairs", False), bool) and rec["all_pairs"] < 2:
            raise OntologyError(f, where, f"all_pairs must be true or a number of members, 2 or more, got {rec['all_pairs']!r}")
        if rec.get("all_pairs") and "PAIR" not in slots:
            raise OntologyError(f, where, "all_pairs needs a PAIR slot in the pattern")
        if "PAIR" in slots and ("SUBJ" in slots or "OBJ" in slots):
            raise OntologyError(f, where, "a PAIR pattern has no SUBJ or OBJ slot")
        if "PAIR" not in slots and "SUBJ" not in slots and not defaults["subject_default"]:
            raise OntologyError(f, where, "no SUBJ slot and no subject_default: the rule can never fire")
        if "PAIR" not in slots and "OBJ" not in slots and objects is None and not defaults["object_default"]:
            raise OntologyError(f, where, "no OBJ slot and no object_default: the rule can never fire")
        rules.append(Rule(rid, rec["predicate"], rec["pattern"], regex, slots,
                          defaults["subject_default"], defaults["object_default"],
                          rec.get("modality"), rec.get("negatable", True), rec.get("subject_as"),
                          rec.get("note", ""), objects, rec.get("add_attributed", False),
                          rec.get("list_items", False),
                          required_slot(rec["pattern"]) or (objects is not None and "OBJ" not in slots),
                          anchor_words(rec["pattern"], lexicons),
                          # a list header names its objects in the bullets that follow
                          slot_type_needs(rec["pattern"], types,
                                          None if rec.get("list_items") else rec.get("objects")),
                          opens_with_clause_subject(rec["pattern"]) and not rec.get("subject_anywhere", False),
                          rec.get("all_pairs", False), rec.get("known_sides", False),
                          rec.get("items_subject", False), rec.get("co_actor", False)))
    cue_words = frozenset().union(*(anchor_words(p, lexicons)[0] if anchor_words(p, lexicons) else frozenset()
                                    for p in str_list(f, "modality", "conditional", mod.get("conditional"))))
    cue_anchors = [anchor_words(p, lexicons) for p in str_list(f, "modality", "conditional", mod.get("conditional"))]
    def words(where: dict, record: str, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in str_list(f, record, key, where.get(key)))
    vc = check_keys(f, "verb_coordination", data.get("verb_coordination") or {}, {"coordinators": list, "opens": list})
    prepositions, openers = words(data, "prepositions", "prepositions"), words(data, "clause_openers", "clause_openers")
    staff = tuple(sorted({tuple(w.split()) for w in words(data, "staff_nouns", "staff_nouns")}))
    addressed = predicate_set(f, None, "addressed", data.get("addressed"))
    single_doer = predicate_set(f, None, "single_doer", data.get("single_doer"))
    adjective_heads = {}
    for p, lex in (data.get("adjective_heads") or {}).items():
        if p not in PREDICATES:
            raise OntologyError(f, "adjective_heads", f"unknown predicate {p!r}")
        if lex not in lexicons:
            raise OntologyError(f, "adjective_heads", f"unknown lexicon {lex!r}")
        adjective_heads[p] = lex
    coordinators = words(vc, "verb_coordination", "coordinators")
    # a second verb phrase opens with a word of `opens` or the first word of a *_verb lexicon's phrase
    verb_openers = words(vc, "verb_coordination", "opens") | frozenset(
        phrase.split()[0] for name, phrases in lexicons.items() if name.endswith("_verb") for phrase in phrases
        if phrase.split()[0] not in prepositions)
    return RuleSet(types, lexicons, rules, cue_words=cue_words, cue_anchors=cue_anchors, prepositions=prepositions,
                   clause_openers=openers, verb_coordinators=coordinators,
                   verb_openers=verb_openers, bare_verbs=verb_openers - words(vc, "verb_coordination", "opens"),
                   staff_nouns=staff, addressed=addressed, adjective_heads=adjective_heads, single_doer=single_doer,
                   conditional=conditional, planned=planned,
                   planned_exceptions=planned_exceptions, past=past, ongoing=ongoing, ongoing_after=ongoing_after, inherit_conditional=inherit,
                   said_now=said_now, supposed=supposed, clause_end=clause_end, purpose=purpose, event_ahead=event_ahead, event_past=event_past, prepared_for=prepared_for, standing=standing, standing_subject=standing_subject, standing_for=standing_for, offered=offered, offers=offers, condition_words=condition_words,
                   conditional_exceptions=conditional_exceptions, months=months,
                   month_index={m: i + 1 for i, m in enumerate(month_names)}, negation=negation,
                   attribution=attribution, frames=frames, adversary=adversary, negation_window=neg.get("window") or 4,
                   asking=frozenset(str_list(f, "negation", "asking", neg.get("asking"))),
                   clause_negations=frozenset(str_list(f, "negation", "clause_bound", neg.get("clause_bound"))),
                   asking_except=frozenset(str_list(f, "negation", "asking_except", neg.get("asking_except"))),
                   asking_request=frozenset(str_list(f, "negation", "asking_request", neg.get("asking_request"))),
                   asking_openers=frozenset(str_list(f, "negation", "asking_openers", neg.get("asking_openers"))),
                   asking_topic=frozenset(str_list(f, "negation", "asking_topic", neg.get("asking_topic"))),
                   separators=separators,
                   separator_preps=preps, asides=asides, source=f,
                   join_verbs=frozenset(str_list(f, "coordination", "join_verbs", coord.get("join_verbs"))),
                   join_leads=frozenset(str_list(f, "coordination", "join_leads", coord.get("join_leads"))))
