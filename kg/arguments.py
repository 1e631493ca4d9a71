"""Stage 4c: arguments. Who fills a slot (a unit's entities, of the slot's types; a
capital for its state), and who the subject or object is when the sentence does
not name it: the speaker's government, the first actor named, the actor of the
condition, the aggressor, the cited authors, the document's counterpart."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .speakers import Speaker
from .modality import find_cue
from .ontology import home_of
from .records import NAMED, Document, Entity, Mention  # noqa: F401 (NAMED: kg.arguments API)
from .rules import RuleSet
from .units import Unit

ACTORS = frozenset({"Person", "State", "Organization"})


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
    recent: frozenset = frozenset()    # states named in this sentence or the few before it
    parties: dict = field(default_factory=dict)   # format -> the states and bodies that sit in it
    voice_shares: frozenset = frozenset()          # predicates a speaker in person shares with their government
    venue_forum: str | None = None   # "Remarks by ... at the Munich Security Conference": where the text was given
    in_title: bool = False           # the sentence is the document's title
    title_people: frozenset = frozenset()   # the people the title names ("Readout of ... Call with President Macron")
    group_shares: frozenset = frozenset()   # predicates those people share with their governments
    government_shares: frozenset = frozenset()   # predicates a speaker's government shares with them in person
    venues: dict = field(default_factory=dict)   # forum -> where it meets, when its name says so
    doc_forum: str | None = None     # "Statement ... on the NATO Summit": the one session the document is about
    group_in_person: frozenset = frozenset()   # predicates the leaders a title names do in person
    leader_object_shares: dict = field(default_factory=dict)   # predicate -> any | governments
    blocker_skips: frozenset = frozenset()   # auxiliaries a blocker may stand before ("it will stand with")
    blocker_subjects: frozenset = frozenset()   # the subject pronouns that block across them
    sessionless: frozenset = frozenset()   # bodies that hold no sessions: no forum slot takes them
    recent_alliances: tuple = ()     # alliances named in this sentence or the few before it, the latest first
    voice_shares_we: frozenset = frozenset()       # ... only where the speaker's "we" says it
    we_voice_roles: frozenset = frozenset()        # ... and the speaker holds one of these roles then
    own_requests: dict = field(default_factory=dict)   # body -> predicates its own side may direct at it
    president: str | None = None     # the issuing government's head of state on the date (none in a text the title
                                     # gives to the Vice President): whose "the meeting with President Xi" a briefing means


def slot_entities(unit: Unit, types: frozenset[str], adj_ok: bool, ctx: Context, as_state: bool,
                  seats: bool = True) -> list[str]:
    if unit.session and "Forum" not in types:
        return []         # "the summit" is a forum's session: never an actor of a default or a slot
    out: list[str] = []
    actor_slot = seats and bool(types & ACTORS)
    for eid, adj in unit.members:
        ent = ctx.entities.get(eid)
        if ent is None or (adj and not adj_ok):
            continue
        seat = ctx.seats.get(eid)
        if ent.type == "Place" and actor_slot and "Place" not in types and seat:
            eid, ent = seat, ctx.entities[seat]
        if ent.type not in types and not (unit.office and ent.type == "State" and "Person" in types):
            continue
        if "Forum" in types and eid in ctx.sessionless:
            continue      # a forum slot: "leaders of the Taliban" is no session one takes part in
        if as_state and ent.type == "Person" and ent.country:
            eid = ent.country
        if eid not in out:
            out.append(eid)
    return out


def condition_actor(rules: RuleSet, shape: str, units: list[Unit], ctx: Context) -> list[str] | None:
    """The actor of a condition clause: "if Russia ...", "should it ...", "a Russian invasion";
    None when the clause opens with a pronoun left unresolved and the first name after it is a
    third party ("if they invade Ukraine": Ukraine is the victim, the actor is unknown); [] when
    no actor is named (then the default chain goes on)."""
    for p in rules.conditional:
        m = find_cue([p], rules.conditional_exceptions, shape)
        if not m:
            continue
        near = shape[m.start():m.end()].split()[-1:] + shape[m.end():].split()[:1]
        # "if they invade Ukraine": the clause's subject is a pronoun left unresolved, so a
        # name after it is its object (the victim): no actor, and no guess in its place
        opaque = any(w in ctx.blockers and w in ctx.blocker_subjects for w in near)
        for ref in re.finditer(r"\x01(\d+):", shape[m.start():]):
            at = int(ref.group(1))
            if at > 0 and units[at - 1].word in rules.prepositions:
                continue          # "in the event of an invasion of Ukraine": the victim, not the actor
            found = slot_entities(units[at], frozenset({"State", "Organization", "Person"}),
                                  True, ctx, True)
            if found:
                if opaque:     # ("if it's going to lead us ...": our side is no victim; fall back)
                    return [] if found[0] in own_government(ctx) else None
                return found[:1]
    return []


def object_of_a_verb(rules: RuleSet, units: list[Unit], at: int, triggers: tuple[frozenset[str], ...] = ()) -> bool:
    """"support Ukraine and impose costs on Russia": a name between a word and a coordinator
    that opens a second verb phrase is the object of the verb before it (not: "made clear
    that the U.S. and our Allies would respond"). The second verb phrase may open with the
    rule's own trigger word, and follow a semicolon ("met with President Macron and spoke with
    ...", "has spoken with King Salman; spoken with the Emir of Kuwait"). A bare comma joins two
    verb phrases only when both words around the name are verbs of a *_verb lexicon (no auxiliary)
    and a coordinator closes the list: "to support Ukraine, hold Russia accountable, and manage"."""
    before = units[at - 1].word
    if before == "," and at >= 2 and at + 2 < len(units) and units[at + 1].word == "," \
            and (units[at - 2].word or "")[:1].islower() and units[at - 2].word not in rules.clause_openers:
        before = units[at - 2].word     # an apposition set off by commas: "met with the host, President X, and also held"
    if not before or not before[0].isalpha() or before in rules.clause_openers or at + 2 >= len(units):
        return False
    nxt = units[at + 2].word
    if units[at + 1].word in rules.verb_coordinators and nxt in rules.verb_openers:
        return True
    if units[at + 1].word == "," and before in rules.bare_verbs and nxt in rules.bare_verbs and list_closed(rules, units, at + 3):
        return True     # "to support Ukraine, hold Russia accountable, and manage ...": a list of verb phrases
    if units[at + 1].word == "," and units[at + 2].word in rules.verb_coordinators and at + 3 < len(units):
        nxt = units[at + 3].word        # "send squadrons to the UK, and station capabilities in Germany"
        if nxt in rules.verb_openers and not any(nxt in a for a in triggers) and at + 4 < len(units):
            nxt = units[at + 4].word    # "..., and also held meetings with": an adverb, then a verb
            return nxt is not None and nxt[:1].islower() and (nxt in rules.verb_openers or any(nxt in a for a in triggers))
    elif units[at + 1].word not in rules.verb_coordinators | _SEMICOLON:
        return False
    return nxt is not None and nxt[:1].islower() and any(nxt in a for a in triggers)


_SEMICOLON = frozenset({";"})


def list_closed(rules: RuleSet, units: list[Unit], at: int) -> bool:
    """A coordinator after ``at`` closes a list of verb phrases: ", and manage" or "and will"."""
    for k in range(at, len(units) - 1):
        word = units[k].word
        if word in (".", ";", ":", "?", "!"):
            return False
        if word in rules.verb_coordinators and (units[k - 1].word == "," or units[k + 1].word in rules.verb_openers):
            return True
    return False


def subject_before(rules: RuleSet, units: list[Unit], verb: int, reach: int = 8) -> int | None:
    """The name that opens the clause of the verb at ``verb``: the nearest name before it
    that does not follow a verb or a preposition, over at most ``reach`` units and no
    punctuation ("we strongly urged Russia"; "we joined Germany in condemning Russia": we)."""
    for k in range(verb - 1, max(-1, verb - 1 - reach), -1):
        word = units[k].word
        if word is None:
            before = units[k - 1].word if k > 0 else ""
            if before is not None and before not in rules.prepositions and before not in rules.verb_openers:
                if units[k].pronoun and k >= 2 and before in rules.verb_coordinators and units[k - 2].word is None:
                    return k - 2      # "Rob Malley and our negotiating team were in ... and met": Malley
                return k
        elif not word[:1].isalnum() or word in rules.clause_openers:
            return None
    return None


def state_of(ctx: Context, eid: str) -> str:
    ent = ctx.entities.get(eid)
    return ent.country if ent is not None and ent.type == "Person" and ent.country else eid


def leader_governments(ctx: Context, predicate: str, subjects: list[str], objects: list[str]) -> list[str]:
    """The objects with, after each foreign person among them, that person's government, for
    the predicates of context.yaml ``leader_object_shares``: "impose costs on Putin" threatens
    Russia; for ``bodies``, sanctioning the Russian Central Bank (a body ``part_of`` a state) threatens
    Russia instead; "We call upon President Raisi to ..." (said by governments) asks Iran."""
    who = ctx.leader_object_shares.get(predicate)
    if who is None or (who == "governments" and any(
            getattr(ctx.entities.get(s), "type", "") == "Person" for s in subjects)):
        return objects
    sides = {state_of(ctx, s) for s in subjects}
    out: list[str] = []
    for o in objects:
        home = state_of(ctx, o)
        if who == "bodies" and home == o and getattr(ctx.entities.get(o), "type", "") == "Organization" \
                and getattr(ctx.entities.get(ctx.parts.get(o)), "type", "") == "State":
            # a body of a state ("sanctioning the Russian Central Bank") stands for the state
            home = ctx.parts[o]
            if home not in sides and home not in objects and home not in out:
                out.append(home)
            continue
        out.append(o)
        if home != o and home not in sides and home not in objects and home not in out:
            out.append(home)
    return out


def own_government(ctx: Context) -> list[str]:
    """The government on the speaker's side: "we" (every signatory of a joint statement),
    or for a reporter the government asked."""
    sp = ctx.speaker
    if sp and sp.group:
        return list(sp.group)
    own = sp and (sp.government or sp.addressee)
    return [own] if own else []


def own_side(ctx: Context, eid: str) -> bool:
    own = own_government(ctx)
    if not own:
        return False
    ent = ctx.entities.get(eid)
    return eid == own[0] or (ent is not None and ent.country == own[0])


# "first": how far back (in units) a personal pronoun that opens the clause is its subject;
# past the first three units the look-back stops at a punctuation mark ("..., we announced X at the Y summit")
PRONOUN_SUBJECT_WINDOW = 10


def default_arguments(chain: tuple[str, ...], rules: RuleSet, shape: str, units: list[Unit], offsets: list[int],
             start: int, ctx: Context, exclude: list[str], avoid: list[str] = ()) -> list[str]:
    for kind in chain:
        found = _default_one(kind, rules, shape, units, offsets, start, ctx, exclude, avoid)
        if found is None:
            return []      # the condition's actor is a pronoun the text leaves open: no guess
        if kind != "parties":      # a format's parties meet each other: subjects are objects too
            found = [e for e in found if e not in exclude]
        if found:
            return found
    return []


def _default_one(kind, rules, shape, units, offsets, start, ctx, subjects, avoid=()) -> list[str] | None:
    speaker = ctx.speaker
    own = own_government(ctx)
    if kind == "speaker":
        return own
    if kind == "voice":       # the speaker in person where they speak in their own name
        return [speaker.voice] if speaker and speaker.voice else own
    if kind == "adversary":
        return adversaries(rules, shape, units, ctx)
    if kind == "condition":
        return condition_actor(rules, shape, units, ctx)
    if kind == "counterpart":
        # the other side: the document's main foreign state (if named in this sentence or
        # the few before it), or, when the subject is that state (or acts for it), the
        # speaker's own government
        main = [eid for eid, _ in ctx.counterpart.most_common() if eid in ctx.recent][:1]
        if main and subjects and all(state_of(ctx, s) == main[0] for s in subjects):
            return own
        return main
    if kind == "first":
        last = bisect_right(offsets, start)
        # "..., where he will engage with ...": a personal pronoun just before the match is
        # the subject of its clause, whoever the sentence named first
        for k in range(last - 1, max(-1, last - 1 - PRONOUN_SUBJECT_WINDOW), -1):
            u = units[k]
            if u.word is not None and k < last - 3 and not u.word[:1].isalnum():
                break     # past the first three units, the clause's own pronoun subject only
            if u.word is None:
                before = units[k - 1].word if k > 0 else ""     # None: a name
                opens = before is not None and (before in rules.clause_openers or not before[:1].isalnum())
                if u.personal and opens:
                    return slot_entities(u, ACTORS, False, ctx, False, seats=False)
                if before and before[:1].isalpha() and before not in rules.clause_openers:
                    continue      # a name after a word ("we announced X at ..."): an object, look on
                break
        for k, u in enumerate(units[:last]):
            if u.word is None and k and u.personal and units[k - 1].word in rules.prepositions:
                continue      # "for either of you, President Biden has asked ...": a pronoun after a preposition is no subject
            if u.word is None and not (k and object_of_a_verb(rules, units, k)):
                found = [e for e in slot_entities(u, ACTORS, False, ctx, False, seats=False)
                         if not any(e == a or same_side(ctx, e, a) for a in avoid)]
                if found:
                    return found
        return [speaker.government] if speaker and speaker.government else []
    if kind == "venue":       # "at the Munich Security Conference": in Munich
        return [ctx.venues[s] for s in subjects if s in ctx.venues]
    if kind == "venue_forum":
        return [ctx.venue_forum] if ctx.venue_forum else []
    if kind == "doc_forum":
        return [ctx.doc_forum] if ctx.doc_forum else []
    if kind == "recent_alliance":  # "Germany has committed to spending 2 percent", just after "joining NATO"
        return list(ctx.recent_alliances[:1])
    if kind == "president":
        # "the meeting with President Xi" in a White House briefing: the President's, when what is met
        # is a head of state or government (not "the meetings with Defense Minister Gallant": staff
        # talks) and no other person is named before it ("Mr. Sullivan is looking forward to this
        # discussion with ...": theirs)
        if not ctx.president or ctx.host and ctx.host != ctx.president:
            return []     # someone else holds the meetings the text reports ("Readout of Vice President Harris's ...")
        last = bisect_right(offsets, start)
        if any(e != ctx.president and getattr(ctx.entities.get(e), "type", "") == "Person"
               for u in units[:last] if u.word is None for e, _ in u.members):
            return []
        people = [e for e in avoid if getattr(ctx.entities.get(e), "type", "") == "Person"]
        if not people or not all(voice_role(ctx, e) for e in people):
            return []
        return [ctx.president]
    if kind == "host":
        return [ctx.host] if ctx.host else []
    if kind == "title_people":
        # who joins the call or meeting the title names meets its people of the other side(s)
        # ("Readout of President Biden's Call with Prime Minister Netanyahu": "Vice President Harris
        # also joined the call" meets Netanyahu, not Biden)
        return sorted(e for e in ctx.title_people if not any(e == s or same_side(ctx, e, s) for s in subjects))
    if kind == "parties":
        # the parties of the format named as the object ("a meeting of the U.S.-India 2+2"),
        # else of the first format named from the match on ("the U.S.-EU Energy Council met")
        named = [p for o in avoid for p in ctx.parties.get(o, ())]
        if not named:
            first = bisect_right(offsets, start) - 1
            for u in units[max(first, 0):]:
                named = [p for e, _ in u.members for p in ctx.parties.get(e, ())]
                if named:
                    break
        return list(dict.fromkeys(named))
    if kind == "attributed":
        # an impersonal warning by a president or minister ("There will be enormous
        # consequences if ...") is theirs and their government's
        sources = attributed_sources(rules, shape, units, ctx)
        if not sources and not (speaker and speaker.voice):
            first = _default_one("first", rules, shape, units, offsets, start, ctx, subjects, avoid)
            sources = [e for e in first if ctx.entities.get(e) is not None and ctx.entities[e].type == "Person"]
        voice = [speaker.voice] if speaker and speaker.voice and not sources else []
        return sources + [e for e in voice + own if e not in sources]
    return []


def attributed_sources(rules: RuleSet, shape: str, units: list[Unit], ctx: Context) -> list[str]:
    """Who the sentence cites: "statements by NATO, by the EU, by the G7"; and who frames it:
    the first person named before "made clear that" / "warned that"."""
    sources: list[str] = []
    for p in rules.attribution:
        for m in p.finditer(shape):
            # an adjective fills the slot only where the pattern says "+adj" ("our G7 partners"):
            # the compiled pattern already refuses adjective units elsewhere
            for e in slot_entities(units[int(m.group("SUBJ"))], ACTORS, True, ctx, False):
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


def same_side(ctx: Context, a: str, b: str, predicate: str | None = None) -> bool:
    """A person and their own state, a state and its own ministry, or two people of one
    government relate to no one (they are one side of any diplomatic relation); but a body
    marked ``own_requests`` may be addressed by its own side with those predicates in a passage
    about a foreign state (the President's request to Congress for aid to Ukraine is a proposal
    put to it)."""
    if predicate is not None and predicate in ctx.own_requests.get(b, ()) and ctx.parts.get(a) != b and ctx.recent:
        return False      # ... where the passage is about a foreign state ("the Ukraine assistance package"), not
        # a domestic bill: the foreign states named in this sentence or the few before it (``recent``)
    ha, hb = home_of(a, ctx.entities, ctx.parts), home_of(b, ctx.entities, ctx.parts)
    return ha == b or hb == a or ha == hb \
        or (a in ctx.parts and ctx.parts[a] == hb) or (b in ctx.parts and ctx.parts[b] == ha)


def counterparts(mentions: list[Mention], entities: dict[str, Entity], issuer: str) -> Counter:
    """The document's foreign states, most mentioned first: the default addressee."""
    c: Counter = Counter()
    for m in mentions:
        ent = entities.get(m.entity)
        if ent is not None and ent.type == "State" and m.entity != issuer and m.how in NAMED:
            c[m.entity] += 1
    return c


def known_side(ctx: Context, eid: str) -> bool:
    """The entity is a government or body, or a person whose state is known."""
    ent = ctx.entities.get(eid)
    return ent is not None and (ent.type != "Person" or bool(ent.country))


def voice_role(ctx: Context, eid: str) -> bool:
    """The person holds, on the document's date, a role whose "we" is theirs in person
    (context.yaml we_voice_roles: a head of state or government)."""
    return any(r.title in ctx.we_voice_roles and r.holds_on(ctx.doc.date)
               for r in getattr(ctx.entities.get(eid), "roles", ()))
