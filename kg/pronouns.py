"""Stage 3, match (coreference): pronouns and group words ("we", "they", "the two
leaders") resolved to the entities they stand for, in one pass over a document's
mentions in text order (see kg.coref.find_mentions)."""
from __future__ import annotations

import re
from bisect import bisect_right

from .antecedents import antecedents, disjoint_object, disjoint_subject, next_word, of_body
from .pronoun_cues import asked_state, distributive_cue, joint_we
from .records import Mention
from .speakers import author_of
from .leaders import group_title, title_leaders
from .salience import prep_object, subject_over_object, whole_words
from .subjects import coordinated_subject, object_pronoun, opening_person, opens_after_intro, readout_pair, signatories, \
    subject_pair, readout_parties

ADDRESSEE = "addressee"      # "you" of a leader speaking to the others of joint remarks
ASKED = "asked"             # "them" early in an answer: the state the question before it named

PAIR_TURNS = 3   # "the two leaders" in a briefing: leaders named in this turn or the three before it


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def resolve_pronouns(onto, doc, turns, sentences, mentions, spk, pronoun_re, group_re,
                      head_roles, ents, active: set[int] | None = None) -> list[Mention]:
    ctx = onto.context
    pairs, groups = frozenset(ctx.pair_phrases), frozenset(ctx.group_phrases) | frozenset(ctx.title_group_phrases)
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    heads: list[str] = []                      # distinct heads, most recent last
    head_seen: dict[str, tuple[int, int]] = {}   # head -> (sentence, position) last named
    head_turn: dict[str, int] = {}               # head -> the speaker turn it was last named in
    head_count: dict[str, int] = {}              # head -> how often it was named so far
    cur_turn = -1                                # the turn of the sentence being read
    out: list[Mention] = []
    last_person: tuple[str, int, int] | None = None   # "he": (entity, sentence, turn)
    last_subject, object_named = None, False    # the last man named as a subject; last_person a preposition's object
    last_female: tuple[str, int, int] | None = None   # "she"
    named: dict[str, list[str]] = {"person": [], "person_female": []}   # people of each gender so far
    last_actor: tuple[str, int, int] | None = None     # (entity, sentence, position)
    last_plural: tuple[list[str], int] | None = None   # what "they" was last, and where
    opening: tuple[list[str], int] | None = None       # the pair a sentence's opening "They" is
    first_actor: tuple[str, int, int] | None = None    # the first state or body named in a sentence

    head_cache: dict[str, bool] = {}
    female = lambda eid: getattr(onto.extra.get(eid), "gender", None) == "female"     # noqa: E731

    def is_head(eid: str) -> bool:
        found = head_cache.get(eid)
        if found is None:
            ent = ents.get(eid)
            found = head_cache[eid] = ent is not None and any(r.title in head_roles for r in ent.roles)
        return found

    # "The leaders expressed ..." before the readout lists who took part: every leader
    # the document names
    all_heads = list(dict.fromkeys(m.entity for m in sorted(mentions, key=lambda m: (m.sentence, m.start))
                                   if is_head(m.entity)))
    # "Readout of President Biden's Call with President Macron": the leaders of the document
    # (not its briefers: "Press Briefing by Press Secretary Jen Psaki and National Security
    # Advisor Jake Sullivan" names who speaks, not who met)
    briefers = {x.person for t, x in zip(turns, spk) if t.label_start >= 0 and x is not None and x.person}
    # "Statement by Press Secretary Jen Psaki on President Biden's Meeting with ...": who wrote
    # it, unless a leader ("Statement by President Biden on His Call with ..."), is no party
    author = author_of(onto, doc.title, [m for m in mentions if m.sentence == 0])
    if author is not None and not is_head(author):
        briefers.add(author)
    title_people = list(dict.fromkeys(m.entity for m in mentions if m.sentence == 0 and m.entity not in briefers
                                      and getattr(ents.get(m.entity), "type", "") == "Person"))
    # "Readout of President Biden's Call with Transatlantic Leaders": the leaders it lists
    title_people = list(dict.fromkeys(title_people + title_leaders(onto, doc, mentions, ents)))
    last_group: tuple[list[str], int, int] | None = None   # the leaders last referred to: turn, sentence
    briefing = any(t.label_start >= 0 for t in turns)
    we_group: dict[int, list[str]] = {}   # turn -> who "we" are in a joint statement

    def group_for(word: str) -> list[str]:
        if word in pairs:
            if len(title_people) == 2:
                return title_people
            if briefing:
                # "the two leaders" in a briefing: the last two leaders named in this turn or the
                # PAIR_TURNS before it (answer, question, moderator), not the last two the whole
                # briefing named (a turn about the Suga summit after one about Zelenskyy is not
                # about Zelenskyy)
                near = [h for h in heads if head_turn.get(h, -PAIR_TURNS - 1) >= cur_turn - PAIR_TURNS]
                gov = getattr(speaker, "government", None)
                own = [h for h in near if gov and getattr(ents.get(h), "country", None) == gov]
                rest = [h for h in near if h not in own]
                if not own and len(rest) == 1:
                    # one foreign leader in the answer: with the briefer's own, named earlier
                    own = [h for h in heads if gov and getattr(ents.get(h), "country", None) == gov]
                if own and rest:
                    # a briefer's "the two presidents": their own president and the other one
                    # last named ("... also applies to President Xi. ... for the two presidents
                    # to engage" after a turn about Putin is Biden and Xi, not Putin and Xi)
                    # (of several, the one the document names most: Biden, not "the Obama administration")
                    return [max(own, key=lambda h: head_count.get(h, 0)), rest[-1]]
                if near or len(heads) != 2:
                    return near[-2:] if len(near) >= 2 else []
                return heads       # none named of late, and the briefing names only two
            return heads[-2:] if len(heads) >= 2 else []
        if word in ctx.title_group_phrases:
            # "proposed an annual meeting of this group": only in a readout of a meeting with a
            # group of leaders that lists them, those leaders
            return title_people if grouped and len(title_people) > 2 else []
        if len(title_people) >= 2:
            return title_people
        # "The leaders expressed ..." before a readout lists who took part (a briefing with
        # speaker turns names leaders of many events: there the phrase stays open)
        return all_heads if not briefing and len(heads) < 2 and len(all_heads) >= 2 else []

    host = next((m.entity for m in sorted(mentions, key=lambda m: (m.sentence, m.start))
                 if getattr(ents.get(m.entity), "type", "") == "Person"), None)
    grouped = group_title(ctx, doc.title)
    distributive = distributive_cue(ctx) if grouped else None
    # pronouns and group words, found in one pass over the title and one over the body
    scanned: dict[int, list] = {}
    body = [x for x in sentences if x.turn >= 0]
    starts = [x.start for x in body]
    for is_title, text in ((True, doc.title), (False, doc.text)):
        if is_title and not (sentences and sentences[0].turn == -1):
            continue
        for regex, kind in ((pronoun_re, "pronoun"), (group_re, "group")):
            if regex is None:
                continue
            found = regex.finditer(text) if kind == "pronoun" else whole_words(text, regex, ctx.generic_groups)
            for m in found:
                if kind == "pronoun" and m.group(0) in pairs and ctx.pair_not_before and \
                        next_word(text, m.end()) in ctx.pair_not_before:
                    continue        # "The two countries intend to hold ...": not the two leaders
                if is_title:
                    index = 0
                else:
                    i = bisect_right(starts, m.start()) - 1
                    if i < 0 or m.start() >= body[i].end:
                        continue
                    index = body[i].index
                if kind == "pronoun" and active is not None and index not in active:
                    word = m.group()
                    cls = ctx.pronouns.get(word)
                    if cls != "plural" and word not in pairs and word not in groups \
                            and not (cls == "speaker_government" and text.startswith(",", m.end())):
                        continue      # no rule can use it (see the loop below)
                scanned.setdefault(index, []).append((m.start(), 1, kind, m))
    prev_people: list[str] = []      # the people named in the previous sentence of the turn
    people_here: list[str] = []
    prev_turn = None
    subject_here = prev_subject = None    # the person who opens the sentence as its subject
    other = None      # "X spoke with Y. He thanked him": Y, whom "him" is after "He" is X
    asked: dict[int, list[str]] = {}     # turn of a reporter -> the states the question names
    last_adjective: tuple[str, int, int] | None = None   # "Ukrainian": (entity, sentence, end)
    group_named: tuple[int, str | None] | None = None   # a group word's sentence, and the state of its adjective
    asked_plural = -1                    # the sentence where "they" became the state asked about
    turn_start: dict[int, int] = {}      # turn -> its first sentence
    for sent in sentences:
        turn_start.setdefault(sent.turn, sent.index)
        prev_people = people_here if sent.turn == prev_turn else []
        prev_subject = subject_here if sent.turn == prev_turn else None
        people_here, prev_turn, subject_here, other = [], sent.turn, None, None
        cur_turn = sent.turn
        text = doc.title if sent.turn == -1 else doc.text
        speaker = spk[sent.turn] if sent.turn >= 0 else None
        events: list[tuple[int, int, str, object]] = [(m.start, 0, "mention", m)
                                                      for m in by_sentence.get(sent.index, ())]
        events += scanned.get(sent.index, ())
        if not events:
            continue
        events.sort(key=lambda e: (e[0], e[1]))
        covered = [(m.start, m.end) for m in by_sentence.get(sent.index, ())]
        prev_word = ""
        for pos, _, kind, item in events:
            if kind == "mention":
                m = item
                out.append(m)
                ent = ents.get(m.entity)
                if ent is None:
                    continue
                if ent.type == "Person" and _IN_TITLE.search(text, max(0, m.start - 40), m.start):
                    continue      # "Ibrahim Kalin, Chief Advisor to the President of Turkey": a title's
                if ent.type == "Person":
                    gender = getattr(onto.extra.get(m.entity), "gender", None)
                    if gender != "female":
                        last_person = (m.entity, sent.index, sent.turn)
                        object_named = prep_object(text, m.start, m.end, sent.start)
                        last_subject = last_subject if object_named else last_person
                    if gender == "female":    # "she" only for whom the gazetteer says so
                        last_female = (m.entity, sent.index, sent.turn)
                    seen = named["person_female" if gender == "female" else "person"]
                    if m.entity not in seen:
                        seen.append(m.entity)
                    if m.entity not in people_here:
                        if not people_here and opening_person(text, sent.start, m, ctx.fillers):
                            subject_here = m.entity
                        people_here.append(m.entity)
                    other = None
                    if is_head(m.entity):
                        if m.entity in heads:
                            heads.remove(m.entity)
                        heads.append(m.entity)
                        head_seen[m.entity] = (sent.index, m.start)
                        head_turn[m.entity] = sent.turn
                        head_count[m.entity] = head_count.get(m.entity, 0) + 1
                elif ent.type in ("State", "Organization") and m.adjective:
                    last_adjective = (m.entity, sent.index, m.end)
                elif ent.type in ("State", "Organization") and not m.adjective:
                    last_actor = (m.entity, sent.index, m.start)
                    last_adjective = (m.entity, sent.index, m.end)
                    if ent.type == "State" and speaker is not None and speaker.role == "reporter":
                        asked.setdefault(sent.turn, []).append(m.entity)
                    if first_actor is None or first_actor[1] != sent.index:
                        first_actor = last_actor
                continue
            span = item
            if _overlaps(covered, span.start(), span.end()):
                continue
            if kind == "group":
                last_actor = None
                last_plural = None
                # "the Ukrainian officials": a group of that state's; "our Allies": of no state named
                of_state = last_adjective[0] if last_adjective and last_adjective[1] == sent.index \
                    and _LIST_GAP.fullmatch(text, last_adjective[2], span.start()) else None
                group_named = (sent.index, of_state)
                if of_state:      # "the Ukrainian officials, leaders": a list goes on with that state's
                    last_adjective = (of_state, sent.index, span.end())
                if distributive and len(title_people) > 2 and distributive.search(
                        text, max(sent.start, span.start() - 30), span.start()):
                    # "commended each Ally's assistance", "each of her counterparts": in a readout
                    # of calls with a group of leaders, every one of them but the host
                    for t in title_people:
                        if t != host:
                            out.append(Mention(t, span.start(), span.end(), sent.index, span.group(), "pair"))
                    covered.append(span.span())
                    continue
                if span.group() in ctx.leader_groups and len(title_people) > 2 and grouped:
                    # "spoke today with Transatlantic leaders. Together they ...": those leaders
                    last_plural = (title_people, sent.index)
                continue
            word = span.group()
            cls = ctx.pronouns.get(word)
            if active is not None and sent.index not in active and cls != "plural" \
                    and word not in pairs and word not in groups \
                    and not (cls == "speaker_government" and _WE_INTRO.match(text, span.end())):
                continue          # no rule can use it: only who "they" are carries over
            if cls == "thing":       # "should it decide": the word before matters
                before = text[max(sent.start, span.start() - 20):span.start()].split()
                prev_word = before[-1] if before else ""
            if cls == "speaker_government" and speaker is not None and _WE_INTRO.match(text, span.end()):
                signers = signatories(ctx, text, span.end(), by_sentence.get(sent.index, ()), ents)
                if signers:
                    we_group[sent.turn] = signers
                    speaker.group = tuple(signers)
            pinned = False        # "He thanked him": resolved by who opened the sentences
            from_question = False   # the state a reporter's question named (see kg.pronoun_cues.asked_state)
            if (word in pairs or word in groups) and of_body(text, span.end(), by_sentence.get(sent.index, ()), ents,
                                                              word in pairs):
                continue          # "meeting with the Leaders of the G7": that body's leaders, not these
            if word in pairs or word in groups:
                targets = group_for(word)
            elif cls == "speaker_government" and sent.turn in we_group:
                targets = list(we_group[sent.turn])
            elif cls == "speaker_government" and speaker is not None and speaker.addressees \
                    and speaker.government and joint_we(ctx, text, span, sent.start):
                # "we both urge North Korea to ...", said by a leader to the other: both sides
                targets = [speaker.government] + [a for a in speaker.addressees if a != speaker.government]
            elif cls == "plural" and opening and opening[1] == sent.index:
                # "They discussed efforts with Allies ..., including their readiness to ...":
                # "their" is the sentence's subject, "They", not the last group named
                targets = list(opening[0])
            elif cls == "plural" and word in ctx.possessive and (coordinated := coordinated_subject(
                    text, sent.start, span.start(), by_sentence.get(sent.index, ()), ents)):
                targets = coordinated     # "The United States and Italy affirm their support"
            elif cls in ("person", "person_female") and speaker is not None and word not in ctx.possessive \
                    and (span.start() == sent.start and word[0].isupper()
                         or not people_here and opens_after_intro(text, sent.start, span.start())) and prev_subject \
                    and prev_subject != speaker.person and (cls == "person_female") == female(prev_subject):
                # "President Biden spoke with Prime Minister Kishida today. He thanked him ...":
                # "He" is the previous sentence's subject, "him" the other one it named
                targets, pinned = [prev_subject], True
                if subject_here is None and not people_here:
                    # "Blinken is in Europe. He's meeting with Macron today. He met with ...":
                    # the pronoun opens this sentence too, so the next "He" is still Blinken
                    subject_here = prev_subject
                others = [p for p in prev_people if p != prev_subject and female(p) == female(prev_subject)]
                other = others[0] if len(others) == 1 else None
            elif cls in ("person", "person_female") and subject_here and speaker is not None \
                    and word not in ctx.possessive and subject_here != speaker.person \
                    and (cls == "person_female") == female(subject_here) \
                    and text[sent.start:span.start()].rstrip().endswith(";"):
                # "President Biden has spoken with King Salman; he's spoken with the Crown
                # Prince ...": a clause after a semicolon goes on about the sentence's subject
                targets, pinned = [subject_here], True
            elif other and cls == ("person_female" if female(other) else "person") \
                    and object_pronoun(word, text, span.end(), ctx.possessive):
                targets, pinned = [other], True
            elif (word in ("They", "Their") and span.start() == sent.start
                  or word == "they" and opens_after_intro(text, sent.start, span.start())) and \
                    ((last_group and last_group[1] == sent.turn and sent.index - last_group[2] <= 4) or
                     (len(prev_people) == 2 and host in prev_people) or
                     readout_pair(briefing, title_people, prev_people, last_actor, sent.index, ents) or
                     subject_pair(briefing, title_people, prev_subject, ents)):
                # "X spoke with Y. They discussed ...": the pair, or the leaders of the readout
                # ("The President welcomed Indonesia's G20 Presidency. They reflected on ...")
                targets = list(last_group[0]) if last_group and last_group[1] == sent.turn \
                    and sent.index - last_group[2] <= 4 else list(prev_people) \
                    if len(prev_people) == 2 and host in prev_people else list(title_people)
                opening = (targets, sent.index)
            else:
                # "To the extent Belarus continues to aid Russia's aggression in Ukraine, they
                # will face ...": "they" is the sentence's first-named actor, not its last
                actor = first_actor if cls == "plural" and first_actor and first_actor[1] == sent.index \
                    else last_actor
                targets = antecedents(ctx, word, prev_word, speaker, sent,
                                      last_female if cls == "person_female" else last_person,
                                      actor, last_plural, named.get(cls))
                found = asked_state(ctx, cls, speaker, spk, sent, turn_start, asked, actor,
                                     last_plural if last_plural is None or last_plural[1] != asked_plural else None,
                                     group_named)
                if found is not None and (found[1] or word in ctx.question_subjects):
                    # "Q: ... how actively is Iran supporting the Houthis? A: They're still
                    # supporting the Houthis": early in an answer that names no other state, a
                    # subject "they" is the one state the question named; so is any such pronoun
                    # the answer's own words resolve to it as well ("the Ukrainian officials ...
                    # we do engage very closely with them"), then as if named
                    asked_targets = antecedents(ctx, word, prev_word, speaker, sent, None,
                                                (found[0], sent.index, span.start()), None)
                    if asked_targets:
                        targets, from_question = asked_targets, found[1]
                if word in ("They", "Their") and span.start() == sent.start and actor and targets == [actor[0]] \
                        and not grouped and readout_parties(briefing, title_people, ents):
                    # "... threats from Iran. They also discussed ...": in the readout of a meeting or
                    # call, a sentence's opening "They" is its parties, not the last state named
                    targets = list(title_people)
                    opening = (targets, sent.index)
                if not targets and cls == "person" and briefing and speaker is not None \
                        and speaker.role == "official" and speaker.voice is None and speaker.government:
                    # a briefer's "he" that names no one in the turn is their own head of
                    # state, the one the briefing is about ("he's going to meet with President Duda")
                    own = [h for h in heads if getattr(ents.get(h), "country", None) == speaker.government]
                    targets = own[-1:]
                if cls == "person" and last_person and targets == [last_person[0]] and word not in ctx.possessive and not \
                        object_pronoun(word, text, span.end(), ctx.possessive) and (subject := subject_over_object(
                            last_person, object_named, last_subject, sent, ctx, speaker, text, span.start(),
                            next((h for h in reversed(heads) if getattr(speaker, "government", None) is not None
                                  and getattr(ents.get(h), "country", None) == speaker.government), None))):
                    targets = [subject]     # "the President ... with Speaker McCarthy. But he is ..."
                if len(targets) == 1 and cls in ("person", "person_female") and word not in ctx.possessive \
                        and not object_pronoun(word, text, span.end(), ctx.possessive):
                    gov = getattr(speaker, "government", None)
                    own = [h for h in heads if gov and getattr(ents.get(h), "country", None) == gov]
                    subject = disjoint_subject(ctx, word, targets[0], text, span.end(), sent.end,
                                               by_sentence.get(sent.index, ()), prev_people + people_here,
                                               own[-1] if own else None, female)
                    targets = [subject] if subject else targets
                elif len(targets) == 1 and cls in ("person", "person_female") and word not in ctx.possessive:
                    other = disjoint_object(ctx, word, targets[0], text, span.start(), sent.start,
                                            by_sentence.get(sent.index, ()), prev_people + people_here, female)
                    targets = [other] if other else targets
            if targets and len(targets) == 1 and subject_here is None and not people_here \
                    and cls in ("person", "person_female") and word not in ctx.possessive \
                    and (span.start() == sent.start or opens_after_intro(text, sent.start, span.start())):
                # "He'll first head to Rome. In Rome, he'll start with ...": a pronoun that opens
                # its sentence is that sentence's subject, whom a "He" after it goes on about
                subject_here = targets[0]
            if cls == "person" and len(targets) == 1 and word not in ctx.possessive \
                    and not object_pronoun(word, text, span.end(), ctx.possessive):
                last_subject = (targets[0], sent.index, sent.turn)    # a subject "he": the man it is
            if pinned:            # "his" after it follows the same person
                if cls == "person":
                    last_person = (targets[0], sent.index, sent.turn)
                else:
                    last_female = (targets[0], sent.index, sent.turn)
            if targets and (cls == "plural" or word in pairs or word in groups):
                last_plural = (targets, sent.index)
                asked_plural = sent.index if from_question else -1
                if len(targets) >= 2:
                    last_group = (targets, sent.turn, sent.index)
            how = ("possessive_pair" if word in ctx.possessive else "pair") if len(targets) >= 2 else \
                "possessive" if word in ctx.possessive else "pronoun"
            if speaker is not None and speaker.addressees and cls == "addressee_government" \
                    and word not in ctx.possessive:
                how = ADDRESSEE     # "We stand with you": the leaders spoken to, as if named
            elif from_question and word not in ctx.possessive:
                how = ASKED         # "in contact with them": the state the question named, as if named
            for t in targets:
                out.append(Mention(t, span.start(), span.end(), sent.index, word, how))
            covered.append(span.span())   # "The leaders" is not also the generic "leaders"
    return out


# the end of a title phrase before a role's holder: "Chief Advisor to [the President of Turkey]"
_IN_TITLE = re.compile(r"[A-Z][\w.-]*\s+(?:to|for)\s+$")
_LIST_GAP = re.compile(r"[\s,]*(?:(?:and|or)\s+)?")   # between the items of a list
_WE_INTRO = re.compile(r",|\s+the\s", re.I)       # "We, the ...", "We the Leaders of ..."
