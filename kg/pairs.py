"""Stage 4, relate (helper of kg.relate): who the subjects and objects of one rule match are:
its slots' entities, or the rule's defaults; a person speaking for a government with it
(context.yaml voice_shares, group_shares); a leader named as the one acting in the clause
before a default subject ("the President will make a financial commitment to ...")."""
from __future__ import annotations

from bisect import bisect_right

from .arguments import (Context, attributed_sources, condition_actor, default_arguments, leader_governments,
                        own_government, slot_entities, state_of, voice_role)
from .ontology import home_of
from .rules import Rule, RuleSet
from .units import Unit


def type_of(ctx: Context, eid: str) -> str:
    return getattr(ctx.entities.get(eid), "type", "")


def pairs_of(rules: RuleSet, rule: Rule, groups: dict, units: list[Unit], shape: str, offsets: list[int],
           span: tuple[int, int], ctx: Context):
    start = span[0]
    as_state = rule.subject_as == "state"
    if groups.get("PAIR"):
        members = slot_entities(units[int(groups["PAIR"])], *rule.slot_types["PAIR"], ctx, as_state)
        if len(members) > 2 and not rule.all_pairs:
            # "The leaders discussed ...": the host met each of them; who else met whom is
            # not said (and a list of officials who "met with" someone did not meet each other)
            return [(ctx.host, m) for m in members if m != ctx.host] if ctx.host in members else []
        if rule.all_pairs is not True and rule.all_pairs and len(members) > rule.all_pairs:
            return []         # "the 68 members of the Initiative met": no pair is worth an edge of its own
        own = own_government(ctx)
        if rule.predicate != "meetsWith" and len(members) == 2 and members[1] in own:
            # "her commitment to the alliance between Denmark and the United States", said
            # by the United States: the speaker's side commits (a directed relation)
            members = members[::-1]
        # joint remarks of leaders of several governments: each met every other one
        return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]
                if not rule.all_pairs or state_of(ctx, a) != state_of(ctx, b)]
    if groups.get("SUBJ"):
        unit = units[int(groups["SUBJ"])]
        subjects = slot_entities(unit, *rule.slot_types["SUBJ"], ctx, as_state)
        if _staff(rules, units, int(groups["SUBJ"]), bisect_right(offsets, span[1])):
            # "They agreed their teams will continue consulting with Ukraine": their governments
            subjects = list(dict.fromkeys(state_of(ctx, e) for e in subjects))
        elif unit.personal and len(subjects) > 1 and rule.predicate != "meetsWith":
            subjects = _group_governments(subjects, ctx, rule.predicate)
        if rule.object_default[:1] == ("condition",) and not groups.get("OBJ"):
            # "deter Russia and impose costs should it ...": the actor of the condition is
            # the one threatened, so a subject equal to it was misread; the speaker threatens.
            cond = condition_actor(rules, shape, units, ctx)
            if cond and cond[0] in subjects:
                subjects = own_government(ctx)
    else:
        # the default subject is chosen knowing the named objects: "the Russian side ... we ...
        # have these conversations with the Russian side" is our conversation, not theirs
        named = [e for ref in ([groups["OBJ"]] if isinstance(groups.get("OBJ"), str) else groups.get("OBJ") or [])
                 for e in slot_entities(units[int(ref)], *rule.slot_types["OBJ"], ctx, False)]
        subjects = _leaders_opening(rules, units, offsets, start, ctx) if rule.predicate in ctx.group_shares else []
        subjects = subjects or default_arguments(rule.subject_default, rules, shape, units, offsets, start, ctx, [],
                                                 named)
        if len(subjects) > 1 and rule.predicate != "meetsWith" and any(
                u.personal and u.word is None and {e for e, _ in u.members} == set(subjects) for u in units):
            subjects = _group_governments(subjects, ctx, rule.predicate)      # the group word of the sentence
        if as_state:
            subjects = list(dict.fromkeys(state_of(ctx, e) for e in subjects))
        else:
            subjects = _voice_in_clause(rules, rule, units, offsets, start, ctx, subjects)
    if rule.add_attributed:
        subjects += [e for e in attributed_sources(rules, shape, units, ctx) if e not in subjects]
    subjects = shared_by_voice(ctx, rule, subjects, units)
    if groups.get("SUBJ") and _spoken_to(ctx, units[int(groups["SUBJ"])]):
        subjects = _addressee_in_person(ctx, rule, subjects)
    refs = groups.get("OBJ")
    if refs:
        objects = []
        for ref in ([refs] if isinstance(refs, str) else refs):
            objects += [e for e in slot_entities(units[int(ref)], *rule.slot_types["OBJ"], ctx, False)
                        if e not in objects]
        if rule.predicate in rules.addressed and len(objects) > 1:
            # "they emphasized the need for the U.S. and Fiji to work together": a need the
            # subject's own side shares with the others is not a demand put to them (the
            # side named as such: "proposes a summit with Biden, Putin and Zelenskyy" stays)
            subjects = [s for s in subjects if state_of(ctx, s) not in objects]
        objects = leader_governments(ctx, rule.predicate, subjects, objects)
    elif rule.object_default[:1] == ("counterpart",) and len({state_of(ctx, e) for e in subjects}) > 1:
        # "They agreed their teams will stay in close touch": a group of two sides keeps in
        # touch with each other (rules with a PAIR slot say so), not with a third one
        objects = []
    else:
        objects = default_arguments(rule.object_default, rules, shape, units, offsets, start, ctx, subjects)
    if rule.items_subject:
        return [(o, s) for s in subjects for o in objects]      # each item named takes part in the default
    return [(s, o) for s in subjects for o in objects]


def _spoken_to(ctx: Context, unit: Unit) -> bool:
    """The unit is the leader spoken to in joint remarks: "you", or a possessive that resolved to
    them ("Your leadership of the G20"; kg.pronouns marks only the former as addressed)."""
    sp = ctx.speaker
    return unit.addressee or bool(unit.pronoun and sp and sp.addressees
                                  and {e for e, _ in unit.members} == set(sp.addressees))


def _addressee_in_person(ctx: Context, rule: Rule, subjects: list[str]) -> list[str]:
    """"I look forward to welcoming you down to the Quad Leaders' Meeting", "Your leadership of the
    G20": the "you" (or "your") of a leader speaking to the other leader of joint remarks takes part
    in person, as a head's own "we" does (context.yaml voice_shares_we), when that leader is a head
    of state or government (the one leader spoken to only, not "you" said to several), and the
    rule's subject may be a person (not "as you are a member of the Security Council": a state's seat)."""
    sp = ctx.speaker
    if not (sp and rule.predicate in ctx.voice_shares_we and rule.objects is None
            and "Person" in rule.slot_types["SUBJ"][0] and rule.subject_as != "state"
            and len(sp.addressee_people) == len(sp.addressees) == 1):
        return subjects
    person, home = sp.addressee_people[0], sp.addressees[0]
    if home in subjects and person not in subjects and voice_role(ctx, person):
        return subjects + [person]
    return subjects


def _voice_in_clause(rules: RuleSet, rule: Rule, units: list[Unit], offsets: list[int], start: int,
                     ctx: Context, subjects: list[str]) -> list[str]:
    """"Last week, I signed an $800 million package of security assistance to Ukraine" (said by
    the President in person), "at the summit, the President will make a financial commitment to
    IDB Invest" (said by his official): what the speaker's government commits, threatens or
    demands by default (context.yaml group_shares) is its leader's in person as well when the
    leader is the actor named last before it, with no clause opened in between ("I commend
    all the nations that stepped up to stand with Ukraine", "he's confident that there's
    support for Ukraine": someone else's) and no verb that talks of it, praises it or hears of
    it (lexicons topic_verb, thanking_verb, others_act_verb: "President Biden welcomed the
    courageous support to Ukraine offered by ...", "President Abbas briefed President Biden on
    his efforts to bring humanitarian assistance")."""
    sp = ctx.speaker
    if not (sp and sp.government in subjects and rule.predicate in ctx.group_shares):
        return subjects
    others = _others_verbs(rules)
    for k in range(bisect_right(offsets, start) - 1, -1, -1):
        u = units[k]
        if u.word is not None:
            if (u.word in rules.clause_openers and u.word not in rules.verb_coordinators) or u.word in others:
                return subjects
            continue
        people = [e for e, _ in u.members]
        if len(people) != 1 or people[0] in subjects:
            return subjects
        p, ent = people[0], ctx.entities.get(people[0])
        if p == sp.voice or (ent is not None and ent.type == "Person" and ent.country == sp.government
                             and voice_role(ctx, p)):
            return [p] + subjects
        return subjects
    return subjects


_OTHERS_LEXICONS = ("topic_verb", "thanking_verb", "others_act_verb")
_OTHERS: dict[tuple, frozenset[str]] = {}     # those lexicons' phrases -> their words, joined once


def _others_verbs(rules: RuleSet) -> frozenset[str]:
    """The words of topic_verb, thanking_verb and others_act_verb (verbs of someone else's act)."""
    key = tuple(tuple(rules.lexicons.get(lex, ())) for lex in _OTHERS_LEXICONS)
    if key not in _OTHERS:
        _OTHERS[key] = frozenset(w for phrases in key for w in phrases)
    return _OTHERS[key]


def _staff(rules: RuleSet, units: list[Unit], at: int, end: int) -> bool:
    """The subject acts through its staff: "their teams", "our officials" right after it."""
    members = set(units[at].members)
    for k in range(at, min(end, len(units) - 1)):
        u = units[k]
        if k > at and units[k - 1].word in rules.verb_coordinators:
            return False      # "President Biden and his team met with ...": he met too
        if (u.pronoun or u.their) and u.word is None and set(u.members) <= members and any(
                tuple(w.word for w in units[k + 1:k + 1 + len(noun)]) == noun for noun in rules.staff_nouns):
            return True
        if u.word is None and k > at:
            return False
    return False


def _leaders_opening(rules: RuleSet, units: list[Unit], offsets: list[int], start: int, ctx: Context) -> list[str]:
    """"They pledged to continue pursuing diplomacy ... while ensuring readiness to impose
    costs on Russia": a sentence whose subject is the leaders the title names ("They", "Together
    they") has them as the subject of what it commits or threatens, however far the verb; not
    when they only talk about it ("They also discussed efforts to strengthen NATO's deterrence":
    lexicon `topic_verb`)."""
    for k, u in enumerate(units[:bisect_right(offsets, start)]):
        if u.word is None:
            people = [e for e, _ in u.members]
            if not (u.personal and len(people) >= 2 and set(people) <= ctx.title_people):
                return []
            topics = rules.lexicons.get("topic_verb", ())
            own = rules.lexicons.get("own_pledge_noun", ())
            for j in range(k + 1, min(k + 5, len(units))):
                if units[j].word in topics:
                    # "They discussed their shared commitment to supporting Ukraine": talk of
                    # their own commitment (a possessive, then a noun of `own_pledge_noun`) is theirs
                    nxt = units[j + 1:j + 5]
                    if nxt and (nxt[0].pronoun or nxt[0].their) and any(w.word in own for w in nxt[1:4]):
                        return people
                    return []
            return people
    return []


def _group_governments(people: list[str], ctx: Context, predicate: str = "") -> list[str]:
    """"The leaders discussed their efforts to impose costs": what a group of leaders
    threatens or commits, their governments do (the readout's host in person too). When
    the group is the leaders the title names ("Readout of President Biden's Call with
    President Macron"), what they commit or threaten is theirs in person as well, and so is
    what they do in person ("their upcoming participation in the Summit of the Americas")."""
    personal = predicate in ctx.group_shares | ctx.group_in_person and set(people) <= ctx.title_people
    return list(dict.fromkeys(x for e in people
                              for x in ([e] if personal or e == ctx.host else []) + [_government(ctx, e)]))


def _government(ctx: Context, person: str) -> str:
    """A person's government: their country, or the union their institution is part of (the
    President of the European Commission speaks for the European Union)."""
    home = state_of(ctx, person)
    # a state or body named itself ("We, the leaders of the European Commission"): itself
    return home if home == person else home_of(home, ctx.entities, ctx.parts)


def shared_by_voice(ctx: Context, rule, subjects: list[str], units) -> list[str]:
    """What the speaker in person and their government share: a president's warning is his
    government's too (context.yaml voice_shares), and the other way round
    (government_shares); a head's own "we" takes part in person (voice_shares_we)."""
    sp = ctx.speaker
    to_voice = bool(sp and sp.voice and sp.government in subjects and sp.voice not in subjects)
    if to_voice and rule.predicate in ctx.voice_shares:
        # "If Russia invades, the United States will impose costs", said by the President
        # in person: his warning as well as his government's
        return subjects + [sp.voice]
    if to_voice and rule.predicate in ctx.voice_shares_we and rule.objects is None and voice_role(ctx, sp.voice) \
            and next((u.personal for u in units if not u.pronoun
                      and sp.government in {e for e, _ in u.members}), False):
        # "We just finished a very productive morning together at the Quad Leaders' Summit", said
        # by the President in person: a head of state's or government's "we" takes part himself
        # (not a vice president's "we", the administration's; "we" must be the sentence's first
        # mention of the government, not "the United States presented ..."; and no list of
        # channels: "we engaged Russia through NATO, the OSCE")
        # In joint remarks, a "we" of both sides ("in the G7, we're going to be meeting a little
        # bit later", kg.pronoun_cues.joint_we) takes the leader spoken to there in person as well
        both = [p for p, h in zip(sp.addressee_people, sp.addressees) if h in subjects and p not in subjects] \
            if len(sp.addressee_people) == len(sp.addressees) else []
        return subjects + [sp.voice] + both
    if sp and sp.voice and sp.voice in subjects and sp.government and sp.government not in subjects \
            and rule.predicate in ctx.government_shares:
        # "I ordered thousands of additional forces to Poland", said by the President in
        # person: his government commits them as well as he does
        return subjects + [sp.government]
    return subjects
