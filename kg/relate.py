"""Stage 4, relate: sentences with mentions -> assertions, by the rules of rules.yaml.

Each sentence becomes a string of units (kg.units); every rule's compiled
pattern runs over it; slots or the rule's defaults name the subject and object
(kg.pairs, kg.arguments); the modality comes from the sentence's cues (kg.modality).
"""
from __future__ import annotations

from bisect import bisect_right
from collections import deque

from .arguments import (ACTORS, NAMED, Context, counterparts, known_side, object_of_a_verb, same_side,
                        slot_entities, subject_before)
from .clauses import (OBJECTS_WINDOW, adjective_off_head, asked_span, negated, objects_after, possessor_of_noun_to,
                      unresolved_before, urged)
from .speakers import Speaker
from .titles import session_forum, title_author_body, venue_forum
from .datelines import dateline_held
from .modality import is_conditional, modalities_of
from .lists import BULLETS, Header, bullet_items, list_header
from .formats import with_parties
from .pairs import pairs_of, type_of
from .match import holder
from .offices import office_holders, office_states
from .leaders import title_leaders
from .records import Assertion, Document, Entity, Mention, Sentence, Turn
from .rules import Rule, RuleSet
from .skips import join_co_actors, set_off_asides
from .units import Unit, build_units, coordinate, quick_words, render, title_words

SESSION_DEFAULTS = {"venue_forum", "doc_forum"}   # subject defaults that name the session a title is about
HYPOTHETICAL = "hypothetical"   # a match inside a condition clause: outranks defaults, then dropped
LIST_START = 1       # a colon or dash opening a list is right before its first item ("spoke with: Prime Minister")


def apply_rules(rules: RuleSet, units: list[Unit], ctx: Context, rendered=None,
                candidates: list[Rule] | None = None) -> list[tuple[Rule, str, str, str, list[str]]]:
    """(rule, subject, object, modality, place) for every rule match in a sentence.

    A subject named in the sentence beats a default one: a match whose subject
    comes from a default is dropped when another match of the same predicate
    names its subject explicitly for the same object."""
    shape, offsets = rendered or render(units, ctx.entities)
    questioned, asked_at, asked_end, topical = asked_span(rules, units, shape, offsets,
                                                         getattr(ctx.speaker, "role", "") == "reporter")
    named = any(u.word is None for u in units)
    words = {u.word for u in units}
    found = []
    # (predicate, subject, object) of acts the sentence names with their own doer but does not assert
    # (denied, asked, urged, or a gerund's doer after a preposition): they still say whose act it is,
    # so a default subject other than that doer does not get it ("We have not seen evidence thus far
    # of China supplying military equipment to Russia" is no aid of ours to Russia)
    shadows: set[tuple[str, str, str]] = set()

    def shadow(rule, groups, span):
        at = int(groups["SUBJ"]) if isinstance(groups.get("SUBJ"), str) else -1
        if rule.predicate in rules.single_doer and at >= 0 and isinstance(groups.get("OBJ"), str) \
                and not units[at].pronoun and not units[at].personal \
                and (at == 0 or units[at - 1].word not in rules.prepositions or gerund_after(units, at)):
            shadows.update((rule.predicate, s, o) for s, o in
                           pairs_of(rules, rule, groups, units, shape, offsets, span, ctx) if s != o)

    for rule in (rules.candidates(words) if candidates is None else candidates):
        if rule.needs_entity and not named:
            continue
        pos = 0
        while pos <= len(shape):
            m = rule.regex.search(shape, pos)
            if m is None:
                break
            pos = max(m.end(), m.start() + 1)
            groups = m.groupdict()
            if rule.subject_first and isinstance(groups.get("OBJ"), str) and \
                    object_of_a_verb(rules, units, int(groups["OBJ"]), rule.anchors):
                pos = offsets[int(groups["OBJ"])]   # "met with X and spoke with Y": X opens the next match
            if rule.negatable and negated(rules, shape, offsets, m.start(), m.end()):
                shadow(rule, groups, m.span())
                continue
            span = m.span()
            if rule.objects is not None:
                opens = rule.list_items and units[bisect_right(offsets, m.end() - 1) - 1].word in (":", "—", "–")
                objects, first_end = objects_after(rule.objects, shape, offsets, m.end(),
                                                    first=LIST_START if opens else OBJECTS_WINDOW)
                groups = dict(groups, OBJ=objects)
                span = (span[0], max(span[1], first_end))     # the clause reaches the first object
            modalities = modalities_of(rules, rule, shape, span, ctx.prev_conditional, ctx.doc.date)
            places = []
            if groups.get("PLACE"):
                places = slot_entities(units[int(groups["PLACE"])], *rule.slot_types["PLACE"], ctx, False)
            explicit = bool(groups.get("SUBJ") or groups.get("PAIR"))
            explicit_obj = bool(groups.get("OBJ") or groups.get("PAIR"))
            if not explicit and not (rule.subject_default and set(rule.subject_default) <= SESSION_DEFAULTS) \
                    and unresolved_before(units, offsets, m.start(), ctx):
                continue      # (a person's pronoun never owns the session a title names: "I am here in Glasgow")
            if rule.subject_first and groups.get("SUBJ") and rule.slot_types["SUBJ"][0] & ACTORS:
                at = int(groups["SUBJ"])
                if at > 0 and not units[at].pronoun and object_of_a_verb(rules, units, at, rule.anchors):
                    # "we urged Russia and will propose talks to China": Russia is the object
                    # of the first verb, whose subject is the subject of the second
                    first = subject_before(rules, units, at - 1)
                    if first is None:
                        pos = offsets[at + 1]
                        continue
                    groups = dict(groups, SUBJ=str(first))
                elif at > 0 and not units[at].pronoun and not units[at].session \
                        and "Forum" not in rule.slot_types["SUBJ"][0] and units[at - 1].word in rules.prepositions \
                        and not possessor_of_noun_to(units, at) \
                        and not (ctx.in_title and units[at - 1].word == "on" and all(
                            getattr(ctx.entities.get(e), "type", "") == "Person" for e, _ in units[at].members)):
                    # "... against Russia, of course, and imposing sanctions": the preposition's
                    # object is not the subject of what follows (a title's "Statement on <person>
                    # meeting with Y" is about their meeting); the match may start again after
                    # that name ("support for Ukraine and our determination to make Putin pay");
                    # the possessor of a noun and its infinitive is that infinitive's subject
                    # ("support for ASEAN's efforts to hold ..."); a forum's session is most
                    # often named after one ("at the G20 Summit in Italy"): a slot that takes
                    # forums keeps it
                    if gerund_after(units, at):
                        shadow(rule, groups, m.span())   # "evidence of China supplying weapons to Russia"
                    pos = offsets[at + 1] if at + 1 < len(offsets) else len(shape) + 1
                    continue
            if adjective_off_head(rules, rule.predicate, units, groups.get("OBJ")):
                continue          # "support for the Libyan ceasefire agreement": a thing of Libya's, not Libya
            if rule.predicate == "meetsWith" and any(units[int(groups[k])].addressee for k in ("SUBJ", "OBJ", "PAIR")
                                                     if isinstance(groups.get(k), str)):
                continue          # "great to meet with you": the leaders of joint remarks (the title says so)
            if (groups.get("SUBJ") in questioned or (not explicit and offsets[asked_at] < m.start() <= asked_end)) \
                    and not (topical and rule.predicate == "meetsWith"):
                shadow(rule, groups, m.span())
                continue          # "Will you speak to Putin again?" asks; it does not say
            if groups.get("SUBJ") and rule.predicate != "proposes" and urged(rules, units, int(groups["SUBJ"])):
                shadow(rule, groups, m.span())
                continue          # "urging China to help isolate Russia": asked of China, not done
            # "the consequences if China provides material support to Russia": the act a warning
            # is about commits no one (kept only to outrank a default subject, then dropped)
            hypothetical = rule.predicate in rules.supposed and groups.get("SUBJ") \
                and units[int(groups["SUBJ"]) - 1].word in rules.condition_words
            for s, o in pairs_of(rules, rule, groups, units, shape, offsets, m.span(), ctx):
                if rule.known_sides and not (known_side(ctx, s) and known_side(ctx, o)):
                    continue      # "Senator Murray and the President discussed": no government known
                if s != o and not same_side(ctx, s, o, rule.predicate):
                    found += [(rule, s, o, HYPOTHETICAL if hypothetical else modality, places, explicit, explicit_obj)
                              for modality in modalities]
    # a relation whose argument comes from a default yields to one that names it
    # (a co-actor named with "together with" adds to the default subject: "the actions the United States
    # is taking in coordination with the G7 and the EU to further raise the costs on Russia")
    explicit_objects = {(r.predicate, o) for r, s, o, _, _, es, eo in found if es and not r.co_actor}
    explicit_objects |= {(r.predicate, s) for r, s, o, _, _, es, eo in found if es and r.predicate == "meetsWith"}
    explicit_subjects = {(r.predicate, s) for r, s, o, _, _, es, eo in found if eo}
    # one match names the subject, another the object of the same relation: they confirm it
    # ("We ... have imposed sanctions that are reducing Russia's revenue"), neither drops the other
    confirmed = {(r.predicate, s, o) for r, s, o, _, _, es, eo in found if es} & \
        {(r.predicate, s, o) for r, s, o, _, _, es, eo in found if eo}
    out, seen = [], set()
    for rule, s, o, modality, places, explicit, explicit_obj in found:
        key = (s, rule.predicate, o, modality)
        doers = {ss for p, ss, so in shadows if p == rule.predicate and so == o}
        if not explicit and doers and s not in doers:
            continue      # an act the sentence gives another doer
        if modality == HYPOTHETICAL or key in seen or ((rule.predicate, s, o) not in confirmed and (
                (not explicit and (rule.predicate, o) in explicit_objects)
                or (not explicit_obj and (rule.predicate, s) in explicit_subjects))):
            continue
        seen.add(key)
        out.append((rule, s, o, modality, places))
    # "in Los Angeles when the United States hosts the Summit": the city, not the host's country
    placed = {s for r, s, o, _, _ in out if r.predicate == "heldIn" and type_of(ctx, o) == "Place"}
    return [f for f in out if not (f[0].predicate == "heldIn" and f[1] in placed and type_of(ctx, f[2]) == "State")]


def gerund_after(units: list[Unit], at: int) -> bool:
    """The name at ``at`` is followed by a gerund, perhaps after one adverb ("of China (potentially)
    supplying"): the name is the gerund's doer."""
    for k in (at + 1, at + 2):
        w = units[k].word if k < len(units) else None
        if w is None or not w[:1].isalpha():
            return False
        if w.endswith("ing") and len(w) > 5:
            return True
        if not w.endswith("ly"):
            return False
    return False


def extract(onto, doc: Document, turns: list[Turn], sentences: list[Sentence], mentions: list[Mention],
            speakers: list[Speaker], issuer: str, entities: dict[str, Entity],
            words_of: dict[int, frozenset[str]] | None = None,
            candidates_of: dict[int, list] | None = None,
            qualifiers: list[Mention] | None = None) -> list[Assertion]:
    rules: RuleSet = onto.rules
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    cp = counterparts(mentions, entities, issuer)
    seats, parts, parties = onto.entity_maps()
    titles = title_words(onto)
    holders = office_holders(mentions, qualifiers or [], entities, titles)
    blockers = frozenset(w.lower() for w in onto.context.unresolved_blocks_default)
    generic = frozenset(w.lower() for w in onto.context.others)
    fillers = onto.context.fillers

    def sentence_units(text: str, sent: Sentence, ms: list[Mention]) -> list[Unit]:
        """A sentence's units: names coordinated, asides set off."""
        return join_co_actors(set_off_asides(coordinate(build_units(text, sent.start, sent.end, ms, entities, titles,
                                                                    generic, parts, fillers),
                                                        rules.separators, rules.separator_preps),
                                             rules.asides, rules.clause_openers, rules.verb_coordinators),
                              rules.join_verbs, rules.join_leads)

    title_ms = by_sentence.get(0, ()) if sentences and sentences[0].turn == -1 else ()
    title_speaker = Speaker("", "official", None,
                            title_author_body(onto, doc.title, title_ms, entities, parts) or issuer, None)
    # who holds the call a readout or statement reports: its first person (a briefing with
    # speaker turns reports many events, so its lists have no known host)
    host = None if any(t.label_start >= 0 for t in turns) else \
        next((m.entity for m in sorted(mentions, key=lambda m: (m.sentence, m.start))
              if m.how in NAMED and getattr(entities.get(m.entity), "type", "") == "Person"), None)
    venue, venues = venue_forum(doc.title, title_ms, entities), onto.venues()
    doc_forum = session_forum(rules, doc.title, title_ms, entities)
    title_people = frozenset({m.entity for m in title_ms if getattr(entities.get(m.entity), "type", "") == "Person"}
                             | set(title_leaders(onto, doc, mentions, entities)))
    # the issuing government's leader, whom the bare title names ("the President"), on the date:
    # whose meetings a briefing names without a subject ("the meeting with President Xi")
    # (none in a text whose title names the holder of a context.yaml deputy_roles role:
    # "Previewing the Vice President's Travel")
    president = next((p for rid, r in onto.context.roles.items() if r.head and r.bare_titles
                      for p in [holder(onto, rid, issuer, doc.date)] if p), None)
    if president and any(holder(onto, rid, issuer, doc.date) in title_people
                         for rid in sorted(onto.context.deputy_roles)):
        president = None
    out: list[Assertion] = []
    # the previous sentence set a condition: True, False, or (sentence, mentions) when it was
    # skipped and may have, to be worked out only if the next sentence inherits
    prev_conditional: bool | tuple = False
    prev_turn = None
    recent_states: deque = deque(maxlen=8)   # states named in the last sentences (a question included)
    recent_bodies: deque = deque(maxlen=8)   # alliances named in the last sentences, in the order named
    alliances = onto.alliances()
    open_list: list[Header] | None = None   # the headers of a "Participants included:" list
    for sent in sentences:
        ms = by_sentence.get(sent.index, [])
        in_title = sent.turn == -1
        text = doc.title if in_title else doc.text
        speaker = title_speaker if in_title else speakers[sent.turn]
        # most sentences hold no rule's trigger words: look closer only if a rule could match,
        # a list is open, or the sentence may set a condition the next one inherits
        words = words_of[sent.index] if words_of is not None else frozenset(quick_words(text, sent.start, sent.end))
        types = {entities[m.entity].type for m in ms if m.entity in entities}
        recent_states.append({m.entity for m in ms if m.entity in cp and m.how in NAMED})
        recent_bodies.append([m.entity for m in sorted(ms, key=lambda m: m.start)
                              if m.how in NAMED and m.entity in alliances])
        named = len({m.entity for m in ms})
        cands = [r for r in (rules.candidates(words) if candidates_of is None else candidates_of[sent.index])
                 if (ms or not r.needs_entity) and (named >= 2 or not r.needs_two)
                 and all(not t.isdisjoint(types) for t in r.needs_types)]
        if not cands and not (open_list and open_list[0][3] == sent.turn):
            # whether it sets a condition is worked out only if the next sentence asks
            maybe = rules.cue_words is None or not rules.cue_words.isdisjoint(words)
            # (a skipped sentence may also carry on the condition of the one before it: kept too)
            prior = prev_conditional if prev_turn == sent.turn else False
            prev_conditional = (sent, ms, prior) if maybe or prior is not False else False
            prev_turn, open_list = sent.turn, None
            continue
        units = sentence_units(text, sent, ms)
        rendered = render(units, entities)
        if isinstance(prev_conditional, tuple) and prev_turn == sent.turn and \
                any(p.search(rendered[0]) for p in rules.inherit_conditional):
            prev_conditional = _skipped_conditional(rules, doc, prev_conditional, entities, sentence_units)
        inherited = prev_conditional is True and prev_turn == sent.turn
        ctx = Context(doc, entities, seats, parts, cp, speaker, inherited, host, blockers,
                      frozenset().union(*recent_states), parties, onto.context.voice_shares, venue, in_title,
                      title_people, onto.context.group_shares, onto.context.government_shares, venues,
                      doc_forum, group_in_person=onto.context.group_in_person,
                      leader_object_shares=onto.context.leader_object_shares,
                      blocker_skips=onto.context.blocker_skips, blocker_subjects=onto.context.blocker_subjects,
                      sessionless=onto.sessionless(), voice_shares_we=onto.context.voice_shares_we,
                      we_voice_roles=onto.context.we_voice_roles, own_requests=onto.own_requests(),
                      president=president,
                      recent_alliances=tuple(dict.fromkeys(e for ids in reversed(recent_bodies) for e in reversed(ids))))
        prev_conditional, prev_turn = is_conditional(rules, rendered[0], inherited), sent.turn
        mine = [m for m in ms if speaker.meeting_voice and m.entity == speaker.meeting_voice and m.how not in NAMED]
        if mine:
            # a National Security Advisor's "I" is theirs in person in their own talks only
            # (context.yaml speaker_meeting_roles): every other rule reads the sentence as if
            # "I" named no one, as a press secretary's "I"
            found = apply_rules(rules, units, ctx, rendered, [r for r in cands if r.predicate == "meetsWith"])
            units = sentence_units(text, sent, [m for m in ms if m not in mine])
            rendered = render(units, entities)
            found += apply_rules(rules, units, ctx, rendered, [r for r in cands if r.predicate != "meetsWith"])
        else:
            found = apply_rules(rules, units, ctx, rendered, cands)
        if open_list and open_list[0][3] == sent.turn and sent.text.lstrip()[:1] in BULLETS:
            found += bullet_items(open_list, units, rendered, ctx)
        else:
            open_list = list_header(rules, units, rendered, ctx, sent)
        found = with_parties(office_states(found, ms, holders, entities, text), parties, entities, parts,
                             issuer)
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
    out += dateline_held(onto, doc, sentences, mentions, entities, parts, issuer, venue, doc_forum)
    # one assertion per relation, modality and sentence (a bullet list and a rule may say it
    # twice; a meeting of A with B is the meeting of B with A; "Remarks ... Before Bilateral
    # Meeting" is a meeting now and one to come)
    seen: set[tuple] = set()
    unique = []
    for a in out:
        pair = tuple(sorted((a.subject, a.object))) if a.predicate == "meetsWith" else (a.subject, a.object)
        key = (a.sentence, a.in_title, a.predicate, pair, a.modality)
        if key not in seen:
            seen.add(key)
            unique.append(a)
    return unique


def _skipped_conditional(rules, doc, pending: tuple, entities, sentence_units) -> bool:
    """Whether a skipped sentence set a condition: by a cue of its own, or by pointing back
    ("It would also include ...") to a sentence before it that did (skipped or not)."""
    before, bms, prior = pending
    btext = doc.title if before.turn == -1 else doc.text
    shape = render(sentence_units(btext, before, bms), entities)[0]
    if is_conditional(rules, shape, False):
        return True
    if prior is False or not any(p.search(shape) for p in rules.inherit_conditional):
        return False
    return prior is True or _skipped_conditional(rules, doc, prior, entities, sentence_units)
