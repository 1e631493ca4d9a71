"""Stage 3, match (document level): gazetteer and role mentions, discovered people,
speakers, and the coreference the genre needs ("we" in an official's turn, "he"
for the last person named, "the two presidents")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .match import ADJ, ROLE, Gazetteer, PersonFinder, holder, sentence_index, slug
from .records import Document, Entity, Mention, Sentence, Turn

ACTOR_TYPES = ("Person", "State", "Organization")


@dataclass
class Speaker:
    """Who speaks in a turn, and for which government."""
    label: str
    role: str
    person: str | None         # entity id when the label names a known person
    government: str | None     # "we" in this turn; None in a reporter's turn
    addressee: str | None      # "you" in this turn (a reporter addressing the government)


@dataclass
class PeopleRegistry:
    """People discovered in the text, shared across the documents of one build."""
    people: dict[str, Entity] = field(default_factory=dict)

    def get(self, name: str, country: str | None, known: dict[str, Entity]) -> Entity:
        eid = slug(name)
        if eid in known and not known[eid].discovered:
            eid = eid + "_person"
        ent = self.people.get(eid)
        if ent is None:
            ent = Entity(eid, "Person", name, (), None, country, (), (), True, "discovered")
            self.people[eid] = ent
        elif ent.country is None and country:
            ent.country = country
        return ent


def _matcher(onto):
    cache = onto._cache
    if "person_finder" not in cache:
        ctx = onto.context
        cache["person_finder"] = PersonFinder(onto)
        words = sorted(set(ctx.pronouns) | set(ctx.pair_phrases), key=len, reverse=True)
        cache["pronoun_re"] = re.compile(r"(?<![\w’'])(?:" + "|".join(map(re.escape, words)) + r")(?![\w])")
        groups = sorted(ctx.generic_groups, key=len, reverse=True)
        cache["group_re"] = re.compile(r"\b(?:" + "|".join(map(re.escape, groups)) + r")\b") if groups else None
        cache["head_roles"] = {rid for rid, r in ctx.roles.items() if r.head}
    return cache["person_finder"], cache["pronoun_re"], cache["group_re"], cache["head_roles"]


def _hits_to_mentions(onto, gaz: Gazetteer, text: str, date, issuer, sentence_of) -> list[Mention]:
    out: list[Mention] = []
    for h in gaz.find(text):
        sent = sentence_of(h.start)
        if sent < 0:
            continue
        if h.kind == ROLE:
            of = h.of or issuer
            person = holder(onto, h.target, of, date)
            if person:
                out.append(Mention(person, h.start, h.end, sent, text[h.start:h.end], "role"))
            elif h.of:   # "the Russian Foreign Minister", holder unknown: at least the state
                out.append(Mention(h.of, h.start, h.end, sent, text[h.start:h.end], "role", True))
            continue
        out.append(Mention(h.target, h.start, h.end, sent, text[h.start:h.end], "gazetteer", h.kind == ADJ))
    return _merge_adjacent(onto, text, out)


def _merge_adjacent(onto, text: str, mentions: list[Mention]) -> list[Mention]:
    """"Russian President Vladimir Putin": a role phrase followed by a name is the name."""
    out: list[Mention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            gap = text[prev.end:m.start]
            if not gap.strip() and prev.how == "role" and onto.entities.get(m.entity, None) is not None \
                    and onto.entities[m.entity].type == "Person":
                out[-1] = Mention(m.entity, prev.start, m.end, m.sentence, text[prev.start:m.end], m.how)
                continue
            if not gap.strip() and prev.entity == m.entity and not m.adjective:
                out[-1] = Mention(m.entity, prev.start, m.end, m.sentence, text[prev.start:m.end], prev.how)
                continue
        out.append(m)
    return out


def speakers(onto, gaz: Gazetteer, turns: list[Turn], date, issuer: str) -> list[Speaker]:
    out = []
    for t in turns:
        person = None
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
        gov = None
        if t.role in ("official", "host"):
            gov = (onto.entities[person].country if person else None) or issuer
        addressee = issuer if t.role == "reporter" else None
        out.append(Speaker(t.speaker, t.role, person, gov, addressee))
    return out


def find_mentions(onto, doc: Document, turns: list[Turn], sentences: list[Sentence],
                  issuer: str, registry: PeopleRegistry) -> tuple[list[Mention], list[Speaker], list[Entity]]:
    gaz: Gazetteer = onto._cache["gazetteer"]
    finder, pronoun_re, group_re, head_roles = _matcher(onto)
    ents = onto.entities
    body = [s for s in sentences if s.turn >= 0]
    starts = [s.start for s in body]

    def body_sentence(pos: int) -> int:
        return sentence_index(sentences, starts, pos)

    title_mentions = _hits_to_mentions(onto, gaz, doc.title, doc.date, issuer,
                                       lambda pos: 0) if doc.title and sentences and sentences[0].turn == -1 else []
    mentions = _hits_to_mentions(onto, gaz, doc.text, doc.date, issuer, body_sentence)

    # people introduced with a title and a name that the gazetteer does not know
    new: dict[str, Entity] = {}
    occupied = sorted((m.start, m.end) for m in mentions)
    found_people: list[Mention] = []
    for title_start, n_start, n_end, title, name in finder.find(doc.text, 0, len(doc.text)):
        if _overlaps(occupied, n_start, n_end):
            continue
        sent = body_sentence(n_start)
        if sent < 0:
            continue
        country = _country_near(onto, doc.text, mentions, title_start, n_end)
        ent = registry.get(name, country, ents)
        new[ent.id] = ent
        found_people.append(Mention(ent.id, n_start, n_end, sent, name, "discovered"))
    if new:
        surname_re = re.compile(r"(?<![\w])(?:" + "|".join(
            re.escape(e.label.split()[-1]) for e in new.values()) + r")(?![\w])")
        by_surname = {e.label.split()[-1]: e.id for e in new.values()}
        taken = sorted([(m.start, m.end) for m in mentions + found_people])
        for m in surname_re.finditer(doc.text):
            if _overlaps(taken, m.start(), m.end()):
                continue
            sent = body_sentence(m.start())
            if sent >= 0:
                found_people.append(Mention(by_surname[m.group()], m.start(), m.end(), sent, m.group(), "discovered"))
        mentions = sorted(mentions + found_people, key=lambda m: m.start)

    spk = speakers(onto, gaz, turns, doc.date, issuer)
    resolved = _resolve_pronouns(onto, doc, turns, sentences, title_mentions + mentions, spk,
                                 pronoun_re, group_re, head_roles, {**ents, **new})
    return resolved, spk, list(new.values())


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _country_near(onto, text: str, mentions: list[Mention], title_start: int, name_end: int) -> str | None:
    """The state of "... of Japan" right after a name, or of "German" / "Japan's" right before its title."""
    for m in mentions:
        ent = onto.entities.get(m.entity)
        if ent is None or ent.type != "State":
            continue
        if m.start >= name_end and re.fullmatch(r",? of (?:the )?", text[name_end:m.start]):
            return m.entity
        if m.end <= title_start and re.fullmatch(r"(?:['’]s)? ?", text[m.end:title_start]):
            return m.entity
    return None


def _resolve_pronouns(onto, doc, turns, sentences, mentions, spk, pronoun_re, group_re,
                      head_roles, ents) -> list[Mention]:
    ctx = onto.context
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    heads: list[str] = []                      # distinct heads, most recent last
    head_seen: dict[str, tuple[int, int]] = {}   # head -> (sentence, position) last named
    out: list[Mention] = []
    last_person: tuple[str, int, int] | None = None   # (entity, sentence, turn)
    last_actor: tuple[str, int, int] | None = None     # (entity, sentence, position)
    last_plural: tuple[list[str], int] | None = None   # what "they" was last, and where

    def is_head(eid: str) -> bool:
        ent = ents.get(eid)
        return ent is not None and any(r.title in head_roles for r in ent.roles)

    for sent in sentences:
        text = doc.title if sent.turn == -1 else doc.text
        speaker = spk[sent.turn] if sent.turn >= 0 else None
        events: list[tuple[int, int, str, object]] = []
        for m in by_sentence.get(sent.index, ()):
            events.append((m.start, 0, "mention", m))
        for m in pronoun_re.finditer(text, sent.start, sent.end):
            events.append((m.start(), 1, "pronoun", m))
        if group_re is not None:
            for m in group_re.finditer(text, sent.start, sent.end):
                events.append((m.start(), 1, "group", m))
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
                if ent.type == "Person":
                    last_person = (m.entity, sent.index, sent.turn)
                    if is_head(m.entity):
                        if m.entity in heads:
                            heads.remove(m.entity)
                        heads.append(m.entity)
                        head_seen[m.entity] = (sent.index, m.start)
                elif ent.type in ("State", "Organization") and not m.adjective:
                    last_actor = (m.entity, sent.index, m.start)
                continue
            span = item
            if _overlaps(covered, span.start(), span.end()):
                continue
            if kind == "group":
                last_actor = None
                last_plural = None
                continue
            word = span.group()
            before = text[max(sent.start, span.start() - 20):span.start()].split()
            prev_word = before[-1] if before else ""
            targets = _antecedents(ctx, word, prev_word, speaker, sent, last_person, last_actor, heads,
                                   head_seen, last_plural)
            if targets and ctx.pronouns.get(word) == "plural":
                last_plural = (targets, sent.index)
            how = "pair" if len(targets) == 2 else "possessive" if word in ctx.possessive else "pronoun"
            for t in targets:
                out.append(Mention(t, span.start(), span.end(), sent.index, word, how))
    return out


def _antecedents(ctx, word, prev_word, speaker, sent, last_person, last_actor, heads, head_seen,
                 last_plural) -> list[str]:
    if word in ctx.pair_phrases:
        return heads[-2:] if len(heads) >= 2 else []
    cls = ctx.pronouns.get(word)
    if speaker is None:
        return []
    if cls == "speaker_government":
        return [speaker.government] if speaker.government else []
    if cls == "speaker_person":
        return [speaker.person] if speaker.person else []
    if cls == "addressee_government":
        return [speaker.addressee] if speaker.addressee else []
    if cls == "person":
        if last_person and last_person[2] == sent.turn and sent.index - last_person[1] <= ctx.person_window \
                and last_person[0] != speaker.person:
            return [last_person[0]]
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
        # the two leaders named last, if named more recently than any state
        if len(heads) >= 2:
            a, b = head_seen[heads[-2]], head_seen[heads[-1]]
            if sent.index - a[0] <= 2 and (last_actor is None or (a[0], a[1]) > (last_actor[1], last_actor[2])):
                return heads[-2:]
        if last_actor and sent.index - last_actor[1] <= 1:
            return [last_actor[0]]
        return []
    return []
