"""Stage 3, match (helper of kg.pronouns): what a pronoun refers to by its class (the
speaker's government, the speaker, the addressee, the last person or actor named), and group
words that name a body's leaders rather than the document's ("the Leaders of the G7")."""
from __future__ import annotations

import re

from .subjects import AND, object_pronoun, opening_person


_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
_IN_NAME = re.compile(r"['’]|\s+[A-Z]")


def of_body(text: str, end: int, mentions, ents, pair: bool = False) -> bool:
    """A group word followed by "of (the)" and a forum or organization ("the Leaders of the G7"),
    or (not a pair word) by a capitalized word or an apostrophe: a name ("the Leaders Summit")."""
    if not pair and _IN_NAME.match(text, end):
        return True       # "the Leaders Summit", "the Leaders’ Statement": part of a name
    of = _OF_THE.match(text, end)
    return of is not None and any(m.start == of.end() and getattr(ents.get(m.entity), "type", "")
                                  in ("Forum", "Organization") for m in mentions)


def antecedents(ctx, word, prev_word, speaker, sent, last_person, last_actor, last_plural, named=None) -> list[str]:
    cls = ctx.pronouns.get(word)
    if speaker is None:
        return []
    if cls == "speaker_government":
        if speaker.group:         # a joint statement's "we": every author
            return list(speaker.group)
        return [speaker.government] if speaker.government else []
    if cls == "speaker_person":
        who = speaker.voice or speaker.meeting_voice     # (the latter read in meetings only: kg.relate.extract)
        return [who] if who else []
    if cls == "addressee_government":
        if speaker.addressees:      # a leader speaking to the others of joint remarks
            return list(speaker.addressees)
        you = speaker.addressee_voice or speaker.addressee
        return [you] if you else []
    if cls in ("person", "person_female"):
        if last_person and last_person[2] == sent.turn and sent.index - last_person[1] <= ctx.person_window \
                and last_person[0] != speaker.person:
            return [last_person[0]]
        others = [p for p in named or () if p != speaker.person]
        if cls in ctx.sole_antecedent and len(others) == 1:
            return others     # the only person of that gender the document has named (the speaker aside)
        return []
    if cls == "thing":
        if word.lower() == "it" and prev_word not in ctx.thing_after:
            return []
        if last_actor and sent.index - last_actor[1] <= 1:
            return [last_actor[0]]
        return []
    if cls == "plural":
        # "they" keeps referring to what it referred to in the previous sentence
        if last_plural and sent.index - last_plural[1] <= 1:
            return list(last_plural[0])
        if last_actor and sent.index - last_actor[1] <= 1:
            return [last_actor[0]]
        return []
    return []


_CLAUSE_END = re.compile(r"[.;:?!—–,]")


def disjoint_subject(ctx, word: str, target: str, text: str, end: int, sent_end: int, mentions,
                     recent: list[str], own_head: str | None, female) -> str | None:
    """"when he meets with him": a subject pronoun and an object pronoun of the same gender in
    one short clause are two people. When both would be the last person named (``target``),
    the subject is the person named before that one (``recent``, most recent last), or else
    the briefer's own head of state; None when there is no such person or no such clause."""
    cls = ctx.pronouns.get(word)
    if cls not in ("person", "person_female"):
        return None
    window = text[end:min(sent_end, end + 40)]
    cut = _CLAUSE_END.search(window)
    window = window[:cut.start()] if cut else window
    regex = _object_pronouns(ctx, cls)
    hit = regex.search(window) if regex is not None else None
    if hit is None or any(end <= m.start < end + hit.start() for m in mentions):
        return None       # no object pronoun in the clause, or a name between the two
    others = [p for p in reversed(recent) if p != target and female(p) == female(target)]
    if others:
        return others[0]
    return own_head if own_head and own_head != target else None


def disjoint_object(ctx, word: str, target: str, text: str, start: int, sent_start: int, mentions,
                    recent: list[str], female) -> str | None:
    """"As far as President Macron is concerned, the President had the opportunity to speak with
    him": an object pronoun is not the subject its own clause opens with. When the last person
    named (``target``) opens the pronoun's clause, the pronoun is the person named before that
    one (``recent``, most recent last); None when there is no such person or no such subject."""
    cls = ctx.pronouns.get(word)
    if cls not in ("person", "person_female") or not object_pronoun(word, "", 0, ctx.possessive):
        return None
    opening = max(sent_start, start - 120)
    cuts = list(_CLAUSE_END.finditer(text, opening, start))
    clause = cuts[-1].end() if cuts else sent_start if opening == sent_start else None
    if clause is None:
        return None
    first = min((m for m in mentions if clause <= m.start < start), key=lambda m: m.start, default=None)
    if first is None or first.entity != target:
        return None
    # where the clause's words begin: after the cut's space, or its "and" (", and Chancellor Scholz will")
    joint = AND.match(text, cuts[-1].start()) if cuts else None
    opens = min(joint.end(), first.start) if joint else len(text[:first.start]) - len(text[clause:first.start].lstrip())
    if not opening_person(text, opens, first, ctx.fillers) \
            or any(w.lower() in ctx.blocker_subjects for w in _WORD.findall(text, first.end, start)):
        # the clause does not open with the last person named as its subject alone (kg.subjects:
        # not "President Bolsonaro's climate record"), or another clause's subject comes between
        # them ("President Biden had said that he had hoped to speak with him")
        return None
    others = [p for p in reversed(recent) if p != target and female(p) == female(target)]
    return others[0] if others else None


_WORD = re.compile(r"\w+")


_OBJECTS: dict[tuple, re.Pattern | None] = {}   # a class's pronouns -> its object pronouns ("him"), compiled


def _object_pronouns(ctx, cls: str) -> re.Pattern | None:
    key = tuple(w for w, c in ctx.pronouns.items() if c == cls and w not in ctx.possessive)
    if key not in _OBJECTS:
        words = [w for w in key if object_pronoun(w, "", 0, ctx.possessive)]
        _OBJECTS[key] = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, words))) if words else None
    return _OBJECTS[key]


def next_word(text: str, pos: int) -> str:
    m = re.match(r"\s+(\w+)", text[pos:pos + 40])
    return m.group(1).lower() if m else ""
