"""Stage 3, match (turn level): who speaks in each turn and for which government ("we" of
an official, "I" of a president), and who wrote a document without turns (the author a
title names, or every author of a joint statement)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .match import ROLE, Gazetteer, holder
from .ontology import home_of
from .records import Mention, Turn


@dataclass
class Speaker:
    """Who speaks in a turn, and for which government."""
    label: str
    role: str
    person: str | None         # entity id when the label names a known person
    government: str | None     # "we" in this turn; None in a reporter's turn
    addressee: str | None      # "you" in this turn (a reporter addressing the government)
    voice: str | None = None   # "I": the person, when they speak in their own name (a president, a minister)
    group: tuple[str, ...] = ()  # "we" in a joint statement: every signatory
    addressee_voice: str | None = None   # "you" in a question put to a president or minister
    addressees: tuple[str, ...] = ()     # "you" of a leader speaking to the others of joint remarks
    addressee_people: tuple[str, ...] = ()   # ... and those leaders in person
    meeting_voice: str | None = None   # "I" in meetings only: a National Security Advisor's own talks


def speakers(onto, gaz: Gazetteer, turns: list[Turn], date, issuer: str,
             author: str | None = None, named: tuple[str, ...] = ()) -> list[Speaker]:
    """Who speaks in each turn; ``author`` is who wrote a document without turns; ``named``
    the people the document names ("MR. SULLIVAN" of a briefing whose title names National
    Security Advisor Jake Sullivan is him)."""
    by_surname: dict[str, list[str]] = {}
    for eid in named:
        ent = onto.entities.get(eid)
        if ent is not None and ent.type == "Person":
            by_surname.setdefault(ent.label.split()[-1].lower(), []).append(eid)
    out = []
    for t in turns:
        person = author if t.label_start < 0 else None
        if t.label_start >= 0 and t.role not in ("reporter", "operator", "audience"):
            name = " ".join(w.capitalize() if len(w) > 2 or w.endswith(".") else w for w in t.speaker.split())
            name = re.sub(r"^The ", "the ", name)
            for h in gaz.find(name):
                if h.kind == ROLE:
                    person = holder(onto, h.target, h.of or issuer, date)
                elif onto.entities[h.target].type == "Person":
                    person = h.target
                if person:
                    break
            if person is None:
                same = by_surname.get(t.speaker.split()[-1].lower(), [])
                person = same[0] if len(same) == 1 else None
        gov = None
        if t.role in ("official", "host"):
            gov = (onto.entities[person].country if person else None) or issuer
        addressee = issuer if t.role == "reporter" else None
        voice = person if person and any(r.title in onto.context.speaker_person_roles
                                         for r in onto.entities[person].roles) else None
        meets = person if person and not voice and t.role == "official" and any(
            r.title in onto.context.speaker_meeting_roles and r.holds_on(date) for r in onto.entities[person].roles) \
            else None
        out.append(Speaker(t.speaker, t.role, person, gov, addressee, voice, meeting_voice=meets))
    # "During your meeting with President Zelenskyy ...": a question put to a president or
    # minister who answers in person is about them
    for i, sp in enumerate(out):
        if sp.role == "reporter":
            answer = next((x for x in out[i + 1:] if x.role != "reporter"), None)
            if answer is not None and answer.voice:
                sp.addressee_voice = answer.voice
    return out


def joint_addressees(ents, spk: list[Speaker], turns: list[Turn], title: str, title_mentions: list[Mention],
                     cues: tuple[str, ...]) -> None:
    """"Remarks by President Biden and Prime Minister Martin of Ireland Before Bilateral
    Meeting": in the turn of a leader the title names (not one answering a reporter), "you"
    is the government of the leader spoken to ("You're now a member of the Security
    Council"): the first one named (the host) speaks to all the others, they to the host."""
    people = list(dict.fromkeys(m.entity for m in sorted(title_mentions, key=lambda m: m.start)
                                if getattr(ents.get(m.entity), "type", "") == "Person"))
    homes = [ents[p].country for p in people]
    if None in homes or len(set(homes)) < len(homes) or not (
            len({sp.person for sp in spk} & set(people)) >= 2 or _named_together(title, title_mentions, ents, cues)):
        return          # not joint remarks: two of the leaders the title names speak, or it names them as authors
    prev = None
    for sp, t in zip(spk, turns):
        if t.label_start >= 0 and sp.person in people and sp.addressee is None and not sp.addressees \
                and (prev is None or prev.role != "reporter"):
            at = people.index(sp.person)
            sp.addressees = tuple(h for h in homes if h != homes[at]) if at == 0 else (homes[0],)
            sp.addressee_people = tuple(p for p in people if p != sp.person) if at == 0 else (people[0],)
        if t.label_start >= 0:
            prev = sp


def _named_in_a_row(title: str, title_mentions: list[Mention], cues: tuple[str, ...]) -> list[Mention]:
    """The names right after the first cue the title opens with, one after the other
    ("Remarks by President Biden and King Felipe VI of Spain ...": Biden, Felipe VI, Spain)."""
    for cue in cues:
        if title.startswith(cue):
            end, out = len(cue), []
            for m in sorted(title_mentions, key=lambda m: m.start):
                if m.start < end:
                    continue
                if _JOINT_LINK.fullmatch(title[end:m.start]) is None:
                    break
                out.append(m)
                end = m.end
            return out
    return []


def _named_together(title: str, title_mentions: list[Mention], ents, cues: tuple[str, ...]) -> bool:
    """Two people named in a row after an author cue: the authors of joint remarks."""
    return sum(getattr(ents.get(m.entity), "type", "") == "Person"
               for m in _named_in_a_row(title, title_mentions, cues)) >= 2


# what may stand between two authors: "President Joseph R. Biden, Jr. and Prime Minister Justin
# Trudeau", "... Biden Jr. of the United States and President Iván Duque Márquez of ..."
_JOINT_LINK = re.compile(r"\s*(?:,?\s*Jr\.?)?\s*(?:,|and|,\s*and|of)?\s*(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}")


def joint_authors(onto, title: str, title_mentions: list[Mention], issuer: str) -> list[str]:
    """"Joint Statement by President Biden and President von der Leyen": the governments
    of the people (or the states and bodies) named one after another right after a joint
    cue, the issuer first; none unless there are two or more."""
    found: list[str] = []
    for m in _named_in_a_row(title, title_mentions, onto.context.joint_cues):
        ent = onto.entities.get(m.entity)
        who = None if ent is None else ent.country if ent.type == "Person" else \
            m.entity if ent.type in ("State", "Organization") else None
        if not who:
            break
        for x in (who, home_of(who, onto.entities, onto.entity_maps()[1])):
            if x not in found:
                found.append(x)
    found.sort(key=lambda x: x != issuer)
    return found if len(found) >= 2 else []


def author_of(onto, title: str, title_mentions: list[Mention]) -> str | None:
    """"Statement by President Biden on ...": the person named right after an author cue."""
    for cue in onto.context.author_cues:
        if title.startswith(cue):
            rest = len(cue)
            for m in sorted(title_mentions, key=lambda m: m.start):
                ent = onto.entities.get(m.entity)
                if m.start >= rest and re.fullmatch(r"\s*(?:the\s+)?(?:[A-Z][\w.]*\s+){0,4}", title[rest:m.start]) is not None \
                        and ent is not None and ent.type == "Person":
                    return m.entity
            return None
    return None

