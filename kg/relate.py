"""Stage 4, relate: sentences with mentions -> assertions, by the rules of rules.yaml.

Each sentence becomes a string of units (see kg.rules); every rule's compiled
pattern runs over it; slots name the subject and object; modality comes from
the sentence's cues (if / should ... -> conditional; will / plan to -> planned).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from .coref import Speaker
from .records import Assertion, Document, Entity, Mention, Sentence, Turn
from .rules import ADJ_CODE, PERSONAL_CODE, PRONOUN_CODE, TYPE_CODES, Rule, RuleSet

_TOKEN = re.compile(r"[A-Za-z0-9]+(?=n['’]t\b)|n['’]t\b|['’](?:s|re|ve|ll|d|m)\b"
                    r"|[\w$%]+(?:[-.][\w]+)*|[^\w\s]")
_QUOTES = frozenset("\"“”‘’'«»")


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    word: str | None = None                            # a word or punctuation
    members: tuple[tuple[str, bool], ...] = ()         # (entity id, adjective) for an entity unit
    pronoun: bool = False                              # a possessive: "our", "its"
    personal: bool = False                             # a personal pronoun: "we", "they", "him"


def build_units(text: str, start: int, end: int, mentions: list[Mention],
                entities: dict[str, Entity] | None = None, titles: frozenset = frozenset(),
                generic: frozenset = frozenset()) -> list[Unit]:
    """The units of one sentence: words, punctuation and entity mentions.

    An article before a name ("at the G7") and a title before a person's name
    ("with President Emmanuel Macron") belong to the name's unit."""
    spans: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        spans.setdefault((m.start, m.end), []).append(m)
    units: list[Unit] = []
    pos = start
    for (s, e), ms in sorted(spans.items()):
        if s < pos:
            continue                      # overlaps a previous mention
        units.extend(_words(text, pos, s))
        if entities and titles and all(getattr(entities.get(m.entity), "type", "") == "Person" for m in ms):
            for n in (3, 2, 1):
                if len(units) >= n and all(u.word for u in units[-n:]) \
                        and tuple(u.word for u in units[-n:]) in titles:
                    s = units[-n].start
                    del units[-n:]
                    break
        if units and units[-1].word == "the":      # "at the G7": the article belongs to the name
            s = units.pop().start
        members = tuple(dict.fromkeys((m.entity, m.adjective) for m in ms))
        units.append(Unit(s, e, None, members, all(m.how == "possessive" for m in ms),
                          all(m.how == "pronoun" for m in ms)))
        pos = e
    units.extend(_words(text, pos, end))
    # "our NATO partners": a possessive before a name is its determiner, not an actor;
    # "our Ally in Romania": before a word for others, it is not the actor either
    units = [u for i, u in enumerate(units) if not (u.pronoun and i + 1 < len(units) and units[i + 1].word is None)]
    units = [Unit(u.start, u.end, text[u.start:u.end].lower()) if u.pronoun and i + 1 < len(units)
             and units[i + 1].word in generic else u for i, u in enumerate(units)]
    return _absorb_of_country(units, entities) if entities else units


def _absorb_of_country(units: list[Unit], entities: dict[str, Entity]) -> list[Unit]:
    """"President Emmanuel Macron of France": the country belongs to the person's unit."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        u = units[i]
        if u.word is None and i + 2 < len(units) and units[i + 1].word == "of" and units[i + 2].word is None:
            people = [entities.get(e) for e, _ in u.members]
            states = {e for e, _ in units[i + 2].members if getattr(entities.get(e), "type", "") == "State"}
            if people and all(p is not None and p.type == "Person" for p in people) and states \
                    and all(p.country in states or p.country is None for p in people):
                out.append(Unit(u.start, units[i + 2].end, None, u.members, u.pronoun, u.personal))
                i += 3
                continue
        out.append(u)
        i += 1
    return out


def _words(text: str, start: int, end: int) -> list[Unit]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        w = m.group()
        if w in _QUOTES:
            continue
        out.append(Unit(m.start(), m.end(), w.lower().replace("’", "'")))
    return out


def coordinate(units: list[Unit], separators: list[tuple[str, ...]], preps: frozenset[str]) -> list[Unit]:
    """Merge "A, B and C" (and "by A, by B") into one entity unit."""
    out: list[Unit] = []
    i, n = 0, len(units)
    seps = sorted(separators, key=len, reverse=True)
    while i < n:
        u = units[i]
        if u.word is not None:
            out.append(u)
            i += 1
            continue
        prep = out[-1].word if out and out[-1].word in preps else None
        members = list(u.members)
        end = u.end
        j = i + 1
        while j < n:
            k = _match_sep(units, j, seps)
            if k is None:
                break
            if prep and k < n and units[k].word == prep:
                k += 1
            if k < n and units[k].word == "the":
                k += 1
            if k < n and units[k].word is None:
                members.extend(m for m in units[k].members if m not in members)
                end = units[k].end
                j = k + 1
            else:
                break
        out.append(Unit(u.start, end, None, tuple(members), u.pronoun and end == u.end,
                        u.personal and end == u.end))
        i = j
    return out


def _match_sep(units: list[Unit], j: int, seps: list[tuple[str, ...]]) -> int | None:
    for sep in seps:
        k = j + len(sep)
        if k <= len(units) and all(units[j + x].word == w for x, w in enumerate(sep)):
            return k
    return None


def render(units: list[Unit], entities: dict[str, Entity]) -> tuple[str, list[int]]:
    """The unit string rules run over, and the offset of each unit in it."""
    parts, offsets, pos = [" "], [], 1
    for i, u in enumerate(units):
        if u.word is not None:
            token = u.word
        else:
            # an adjective marks the unit only when no member is named outright
            nominal = any(not adj for e, adj in u.members if e in entities)
            codes = {TYPE_CODES[entities[e].type] if not adj else ADJ_CODE + TYPE_CODES[entities[e].type]
                     for e, adj in u.members if e in entities and not (adj and nominal)}
            if u.pronoun:
                codes.add(PRONOUN_CODE)
            if u.personal:
                codes.add(PERSONAL_CODE)
            token = f"\x01{i}:" + "".join(sorted(set("".join(codes))))
        offsets.append(pos)
        parts.append(token + " ")
        pos += len(token) + 1
    return "".join(parts), offsets


# ---------------------------------------------------------------- applying rules

ACTORS = frozenset({"Person", "State", "Organization"})
NAMED = ("gazetteer", "role", "discovered")
BULLETS = frozenset("-*•–")
OBJECTS_WINDOW = 16   # units between the trigger (or the previous object) and the next object


@dataclass
class Context:
    """What a rule needs to know beyond its sentence."""
    doc: Document
    entities: dict[str, Entity]
    seats: dict[str, str]            # capital -> the state it stands for
    parts: dict[str, str]            # body -> what it is part of (State Department -> United States)
    counterpart: Counter
    speaker: Speaker | None
    prev_conditional: bool = False   # the previous sentence of the turn was conditional
    host: str | None = None          # who holds the call or meeting the document reports
    blockers: frozenset = frozenset()  # pronouns (lower case) that, unresolved, block default subjects


def slot_entities(unit: Unit, types: frozenset[str], adj_ok: bool, ctx: Context, as_state: bool) -> list[str]:
    out: list[str] = []
    actor_slot = bool(types & ACTORS)
    for eid, adj in unit.members:
        ent = ctx.entities.get(eid)
        if ent is None or (adj and not adj_ok):
            continue
        seat = ctx.seats.get(eid)
        if ent.type == "Place" and actor_slot and "Place" not in types and seat:
            eid, ent = seat, ctx.entities[seat]
        if ent.type not in types:
            continue
        if as_state and ent.type == "Person" and ent.country:
            eid = ent.country
        if eid not in out:
            out.append(eid)
    return out


def _cue(cues: list, exceptions: list, shape: str) -> re.Match | None:
    """The first cue match that is not inside an exception ("will have seen", "wonder if")."""
    blocked = [m.span() for p in exceptions for m in p.finditer(shape)]
    for p in cues:
        for m in p.finditer(shape):
            if not any(b0 <= m.start() < b1 for b0, b1 in blocked):
                return m
    return None


def is_conditional(rules: RuleSet, shape: str, prev_conditional: bool) -> bool:
    if _cue(rules.conditional, rules.conditional_exceptions, shape):
        return True
    return prev_conditional and any(p.search(shape) for p in rules.inherit_conditional)


def is_planned(rules: RuleSet, shape: str, start: int = 0, end: int | None = None) -> bool:
    """A future cue in ``shape[start:end]`` (the clause of the match), outside the exceptions."""
    blocked = [m.span() for p in rules.planned_exceptions for m in p.finditer(shape)]
    end = len(shape) if end is None else end
    for p in rules.planned:
        for m in p.finditer(shape, start, end):
            if not any(b0 <= m.start() < b1 for b0, b1 in blocked):
                return True
    return False


_CLAUSE_END = re.compile(r" (?:;|:|—|–|, and|, but|, while|, whereas) ")


def clause_span(shape: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``shape[start:end]``: from after the last ";", ":", dash or ", and"
    before it to the next one after it."""
    lo, hi = 0, len(shape)
    for m in _CLAUSE_END.finditer(shape):
        if m.end() <= start + 1:
            lo = m.end() - 1
        elif m.start() >= end - 1:
            hi = m.start() + 1
            break
    return lo, hi


def modality_of(rules: RuleSet, rule: Rule, shape: str, ctx: Context, span: tuple[int, int] | None = None) -> str:
    """Conditional if the sentence sets a condition; planned if the match's clause looks ahead."""
    if rule.modality:
        return rule.modality
    if is_conditional(rules, shape, ctx.prev_conditional):
        return "conditional"
    start, end = clause_span(shape, *span) if span else (0, None)
    if is_planned(rules, shape, start, end) or _later_date(rules, shape, start, end, ctx.doc.date):
        return "planned"
    return "asserted"


def _later_date(rules: RuleSet, shape: str, start: int, end: int | None, doc_date: str | None) -> bool:
    """"on February 24th" in a document of February 18th: a scheduled event."""
    if not doc_date or rules.months is None:
        return False
    year, month, day = (int(x) for x in doc_date.split("-"))
    for m in rules.months.finditer(shape, start, len(shape) if end is None else end):
        mon = rules.month_index[m.group("month")]
        d = int(m.group("day"))
        if (mon, d) > (month, day) and mon - month < 6:
            return True
    return False


def _negated(rules: RuleSet, shape: str, offsets: list[int], start: int, end: int) -> bool:
    """A negation cue shortly before the match, or inside it ("China not to provide assistance")."""
    if rules.negation is None:
        return False
    first = bisect_right(offsets, start) - 1
    lo = offsets[max(0, first - rules.negation_window)] if offsets else 0
    return rules.negation.search(shape, lo, end) is not None


def condition_actor(rules: RuleSet, shape: str, units: list[Unit], ctx: Context) -> list[str]:
    """The actor of a condition clause: "if Russia ...", "should it ...", "a Russian invasion"."""
    for p in rules.conditional:
        m = _cue([p], rules.conditional_exceptions, shape)
        if not m:
            continue
        for ref in re.finditer(r"\x01(\d+):", shape[m.start():]):
            found = slot_entities(units[int(ref.group(1))], frozenset({"State", "Organization", "Person"}),
                                  True, ctx, True)
            if found:
                return found[:1]
    return []


def apply_rules(rules: RuleSet, units: list[Unit], ctx: Context, rendered=None) -> list[tuple[Rule, str, str, str, list[str]]]:
    """(rule, subject, object, modality, place) for every rule match in a sentence.

    A subject named in the sentence beats a default one: a match whose subject
    comes from a default is dropped when another match of the same predicate
    names its subject explicitly for the same object."""
    shape, offsets = rendered or render(units, ctx.entities)
    named = any(u.word is None for u in units)
    found = []
    for rule in rules.rules:
        if rule.needs_entity and not named:
            continue
        for m in rule.regex.finditer(shape):
            if rule.negatable and _negated(rules, shape, offsets, m.start(), m.end()):
                continue
            groups = m.groupdict()
            if rule.objects is not None:
                groups = dict(groups, OBJ=_objects_after(rule.objects, shape, offsets, m.end()))
            modality = modality_of(rules, rule, shape, ctx, m.span())
            places = []
            if groups.get("PLACE"):
                places = slot_entities(units[int(groups["PLACE"])], *rule.slot_types["PLACE"], ctx, False)
            explicit = bool(groups.get("SUBJ") or groups.get("PAIR"))
            explicit_obj = bool(groups.get("OBJ") or groups.get("PAIR"))
            if not explicit and _unresolved_before(units, offsets, m.start(), ctx):
                continue
            for s, o in _pairs(rules, rule, groups, units, shape, offsets, m.start(), ctx):
                if s != o and not _same_side(ctx, s, o):
                    found.append((rule, s, o, modality, places, explicit, explicit_obj))
    # a relation whose argument comes from a default yields to one that names it
    explicit_objects = {(r.predicate, o) for r, s, o, _, _, es, eo in found if es}
    explicit_objects |= {(r.predicate, s) for r, s, o, _, _, es, eo in found if es and r.predicate == "meetsWith"}
    explicit_subjects = {(r.predicate, s) for r, s, o, _, _, es, eo in found if eo}
    out, seen = [], set()
    for rule, s, o, modality, places, explicit, explicit_obj in found:
        key = (s, rule.predicate, o)
        if key in seen or (not explicit and (rule.predicate, o) in explicit_objects) \
                or (not explicit_obj and (rule.predicate, s) in explicit_subjects):
            continue
        seen.add(key)
        out.append((rule, s, o, modality, places))
    return out


def _list_header(rules: RuleSet, units: list[Unit], rendered, ctx: Context, sent: Sentence):
    """A sentence like "Participants included:" opens a list whose bullets are objects."""
    if not sent.text.rstrip().endswith(":"):
        return None
    shape, offsets = rendered
    for rule in rules.rules:
        if rule.list_items and rule.objects is not None:
            m = rule.regex.search(shape)
            if m:
                subjects = _default(rule.subject_default, rules, shape, units, offsets, m.start(), ctx, []) \
                    if not m.groupdict().get("SUBJ") else \
                    slot_entities(units[int(m.group("SUBJ"))], *rule.slot_types["SUBJ"], ctx, False)
                if subjects:
                    return rule, subjects, modality_of(rules, rule, shape, ctx), sent.turn
    return None


def _unresolved_before(units: list[Unit], offsets: list[int], start: int, ctx: Context) -> bool:
    """"we welcome their support for Ukraine": an unresolved pronoun owns the match, so
    the relation cannot be given to a default subject."""
    i = bisect_right(offsets, start) - 1
    for j in (i - 1, i):
        if 0 <= j < len(units) and units[j].word is not None and units[j].word in ctx.blockers:
            return True
    return False


def _objects_after(pattern, shape: str, offsets: list[int], pos: int, window: int = OBJECTS_WINDOW) -> list[str]:
    """Objects that follow a trigger, each within ``window`` units of the last."""
    refs = []
    for o in pattern.finditer(shape, pos):
        if bisect_right(offsets, o.start()) - bisect_right(offsets, pos) > window:
            break
        refs.append(o.group("OBJ"))
        pos = o.end()
    return refs


def _pairs(rules: RuleSet, rule: Rule, groups: dict, units: list[Unit], shape: str, offsets: list[int],
           start: int, ctx: Context):
    as_state = rule.subject_as == "state"
    if groups.get("PAIR"):
        members = slot_entities(units[int(groups["PAIR"])], *rule.slot_types["PAIR"], ctx, as_state)
        return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
    if groups.get("SUBJ"):
        subjects = slot_entities(units[int(groups["SUBJ"])], *rule.slot_types["SUBJ"], ctx, as_state)
        if rule.object_default[:1] == ("condition",) and not groups.get("OBJ"):
            # "deter Russia and impose costs should it ...": the actor of the condition is
            # the one threatened, so a subject equal to it was misread; the speaker threatens.
            cond = condition_actor(rules, shape, units, ctx)
            if cond and cond[0] in subjects:
                subjects = _own(ctx)
    else:
        # the default subject is chosen knowing the named objects: "the Russian side ... we ...
        # have these conversations with the Russian side" is our conversation, not theirs
        named = [e for ref in ([groups["OBJ"]] if isinstance(groups.get("OBJ"), str) else groups.get("OBJ") or [])
                 for e in slot_entities(units[int(ref)], *rule.slot_types["OBJ"], ctx, False)]
        subjects = _default(rule.subject_default, rules, shape, units, offsets, start, ctx, [], named)
        if as_state:
            subjects = list(dict.fromkeys(_state_of(ctx, e) for e in subjects))
    if rule.add_attributed:
        subjects += [e for e in attributed_sources(rules, shape, units, ctx) if e not in subjects]
    refs = groups.get("OBJ")
    if refs:
        objects = []
        for ref in ([refs] if isinstance(refs, str) else refs):
            objects += [e for e in slot_entities(units[int(ref)], *rule.slot_types["OBJ"], ctx, False)
                        if e not in objects]
    else:
        objects = _default(rule.object_default, rules, shape, units, offsets, start, ctx, subjects)
    return [(s, o) for s in subjects for o in objects]


def _state_of(ctx: Context, eid: str) -> str:
    ent = ctx.entities.get(eid)
    return ent.country if ent is not None and ent.type == "Person" and ent.country else eid


def _own(ctx: Context) -> list[str]:
    """The government on the speaker's side: "we" (every signatory of a joint statement),
    or for a reporter the government asked."""
    sp = ctx.speaker
    if sp and sp.group:
        return list(sp.group)
    own = sp and (sp.government or sp.addressee)
    return [own] if own else []


def _own_side(ctx: Context, eid: str) -> bool:
    own = _own(ctx)
    if not own:
        return False
    ent = ctx.entities.get(eid)
    return eid == own[0] or (ent is not None and ent.country == own[0])


def _default(chain: tuple[str, ...], rules: RuleSet, shape: str, units: list[Unit], offsets: list[int],
             start: int, ctx: Context, exclude: list[str], avoid: list[str] = ()) -> list[str]:
    for kind in chain:
        found = _default_one(kind, rules, shape, units, offsets, start, ctx, exclude, avoid)
        found = [e for e in found if e not in exclude]
        if found:
            return found
    return []


def _default_one(kind, rules, shape, units, offsets, start, ctx, subjects, avoid=()) -> list[str]:
    speaker = ctx.speaker
    own = _own(ctx)
    if kind == "speaker":
        return own
    if kind == "adversary":
        return adversaries(rules, shape, units, ctx)
    if kind == "condition":
        return condition_actor(rules, shape, units, ctx)
    if kind == "counterpart":
        # the other side: the document's main foreign state, or, when the subject is
        # that foreign side, the speaker's own government
        if subjects and not all(_own_side(ctx, s) for s in subjects):
            return own
        return [eid for eid, _ in ctx.counterpart.most_common(1)]
    if kind == "first":
        last = bisect_right(offsets, start)
        for u in units[:last]:
            if u.word is None:
                found = [e for e in slot_entities(u, ACTORS, False, ctx, False)
                         if not any(e == a or _same_side(ctx, e, a) for a in avoid)]
                if found:
                    return found
        return [speaker.government] if speaker and speaker.government else []
    if kind == "host":
        return [ctx.host] if ctx.host else []
    if kind == "attributed":
        sources = attributed_sources(rules, shape, units, ctx)
        return sources + [e for e in own if e not in sources]
    return []


def attributed_sources(rules: RuleSet, shape: str, units: list[Unit], ctx: Context) -> list[str]:
    """Who the sentence cites: "statements by NATO, by the EU, by the G7"; and who frames it:
    the first person named before "made clear that" / "warned that"."""
    sources: list[str] = []
    for p in rules.attribution:
        for m in p.finditer(shape):
            for e in slot_entities(units[int(m.group("SUBJ"))], ACTORS, False, ctx, False):
                if e not in sources:
                    sources.append(e)
    for p in rules.frames:
        m = p.search(shape)
        if m:
            for u in units:
                if u.word is None and u.start < _unit_at(units, shape, m.start()).start:
                    people = slot_entities(u, frozenset({"Person"}), False, ctx, False)
                    if people:
                        sources += [e for e in people if e not in sources]
                        break
    return sources


def _unit_at(units: list[Unit], shape: str, pos: int) -> Unit:
    return units[min(len(units) - 1, shape.count(" ", 0, pos))]


def adversaries(rules: RuleSet, shape: str, units: list[Unit], ctx: Context) -> list[str]:
    """Who the sentence calls the aggressor: "Russia's aggressive actions", "Russian aggression"."""
    for p in rules.adversary:
        for m in p.finditer(shape):
            found = slot_entities(units[int(m.group("OBJ"))], ACTORS, True, ctx, True)
            if found:
                return found[:1]
    return []


def _same_side(ctx: Context, a: str, b: str) -> bool:
    """A person and their own state, or a state and its own ministry, relate to no one."""
    def home(eid: str) -> str:
        ent = ctx.entities.get(eid)
        if ent is not None and ent.type == "Person" and ent.country:
            return ent.country
        return ctx.parts.get(eid, eid)
    return home(a) == b or home(b) == a or (a in ctx.parts and ctx.parts[a] == home(b)) \
        or (b in ctx.parts and ctx.parts[b] == home(a))


def title_words(onto) -> frozenset:
    """Person titles as tuples of lower-case words: ("prime", "minister")."""
    cached = onto._cache.get("title_words")
    if cached is None:
        ctx = onto.context
        names = set(ctx.person_titles) | {t for r in ctx.roles.values() for t in r.titles + r.short_titles}
        cached = frozenset(tuple(t.lower().split()) for t in names)
        onto._cache["title_words"] = cached
    return cached


def counterparts(mentions: list[Mention], entities: dict[str, Entity], issuer: str) -> Counter:
    """The document's foreign states, most mentioned first: the default addressee."""
    c: Counter = Counter()
    for m in mentions:
        ent = entities.get(m.entity)
        if ent is not None and ent.type == "State" and m.entity != issuer and m.how in NAMED:
            c[m.entity] += 1
    return c


def extract(onto, doc: Document, turns: list[Turn], sentences: list[Sentence], mentions: list[Mention],
            speakers: list[Speaker], issuer: str, entities: dict[str, Entity]) -> list[Assertion]:
    rules: RuleSet = onto.rules
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    cp = counterparts(mentions, entities, issuer)
    seats = {eid: x.seat_of for eid, x in onto.extra.items() if x.seat_of}
    parts = {eid: x.part_of for eid, x in onto.extra.items() if x.part_of}
    titles = title_words(onto)
    blockers = frozenset(w.lower() for w in onto.context.unresolved_blocks_default)
    generic = frozenset(w.lower() for w in onto.context.others)
    title_speaker = Speaker("", "official", None, issuer, None)
    host = next((m.entity for m in sorted(mentions, key=lambda m: (m.sentence, m.start))
                 if m.how in NAMED and getattr(entities.get(m.entity), "type", "") == "Person"), None)
    out: list[Assertion] = []
    prev_conditional, prev_turn = False, None
    open_list: tuple[Rule, list[str], str, int] | None = None   # a "Participants included:" list
    for sent in sentences:
        ms = by_sentence.get(sent.index, [])
        in_title = sent.turn == -1
        text = doc.title if in_title else doc.text
        speaker = title_speaker if in_title else speakers[sent.turn]
        units = coordinate(build_units(text, sent.start, sent.end, ms, entities, titles, generic),
                           rules.separators, rules.separator_preps)
        inherited = prev_conditional and prev_turn == sent.turn
        ctx = Context(doc, entities, seats, parts, cp, speaker, inherited, host, blockers)
        rendered = render(units, entities)
        prev_conditional, prev_turn = is_conditional(rules, rendered[0], inherited), sent.turn
        found = apply_rules(rules, units, ctx, rendered)
        if open_list and open_list[3] == sent.turn and sent.text.lstrip()[:1] in BULLETS:
            rule, subjects, modality, _ = open_list
            objects = _objects_after(rule.objects, rendered[0], rendered[1], 0, window=len(units))
            for o in [e for ref in objects for e in slot_entities(units[int(ref)], *rule.slot_types["OBJ"], ctx, False)]:
                found += [(rule, s_, o, modality, []) for s_ in subjects if s_ != o]
        else:
            open_list = _list_header(rules, units, rendered, ctx, sent)
        for rule, s, o, modality, places in found:
            if in_title:
                ostart, oend = doc.title_offset, doc.title_offset + len(doc.title)
            else:
                ostart, oend = doc.offsets.to_original(sent.start), doc.offsets.to_original(sent.end - 1) + 1
            out.append(Assertion(
                subject=s, predicate=rule.predicate, object=o, modality=modality, document=doc.id,
                sentence=sent.index, start=sent.start, end=sent.end, quote=sent.text,
                speaker=speaker.label or "", role=speaker.role if not in_title else "title", rule=rule.id,
                reported=speaker.role == "reporter", in_title=in_title,
                orig_start=ostart, orig_end=oend, place=places[0] if places else None))
    return out
