"""Stage 3, match (document level): gazetteer and role mentions, discovered people,
speakers, and the coreference the genre needs ("we" in an official's turn, "he"
for the last person named, "the two presidents")."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .match import ADJ, ROLE, Gazetteer, PersonFinder, holder, sentence_index, slug
from .records import Document, Entity, Mention, Role, Sentence, Turn

ACTOR_TYPES = ("Person", "State", "Organization")


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


@dataclass
class PeopleRegistry:
    """People discovered in the text, shared across the documents of one build."""
    people: dict[str, Entity] = field(default_factory=dict)

    def get(self, name: str, country: str | None, known: dict[str, Entity], role: Role | None = None) -> Entity:
        eid = slug(name)
        if eid in known and not known[eid].discovered:
            eid = eid + "_person"
        ent = self.people.get(eid)
        if ent is None:
            ent = Entity(eid, "Person", name, (), None, country, (), (role,) if role else (), True, "discovered")
            self.people[eid] = ent
        else:
            if ent.country is None and country:
                ent.country = country
            if role and not ent.roles:
                ent.roles = (role,)
        return ent


def _matcher(onto):
    cache = onto._cache
    if "person_finder" not in cache:
        ctx = onto.context
        cache["person_finder"] = PersonFinder(onto)
        words = sorted(set(ctx.pronouns) | set(ctx.pair_phrases) | set(ctx.group_phrases), key=len, reverse=True)
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
        voice = person if person and any(r.title in onto.context.speaker_person_roles
                                         for r in onto.entities[person].roles) else None
        out.append(Speaker(t.speaker, t.role, person, gov, addressee, voice))
    return out


def find_mentions(onto, doc: Document, turns: list[Turn], sentences: list[Sentence],
                  issuer: str, registry: PeopleRegistry, candidates: dict[int, list] | None = None
                  ) -> tuple[list[Mention], list[Speaker], list[Entity]]:
    """Mentions of a document. ``candidates`` (the rules each sentence's words allow) lets
    pronouns of sentences where no rule could fire go unresolved: they are only read for
    who "they" are."""
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
    found = _discover(onto, finder, doc.text, mentions, body_sentence, registry, new, False)
    title_found = _discover(onto, finder, doc.title, title_mentions, lambda pos: 0, registry, new, True) \
        if title_mentions is not None and doc.title else []
    if new:
        found += _link_names(onto, doc.text, new, mentions + found, body_sentence)
        mentions = sorted(mentions + found, key=lambda m: m.start)
        if sentences and sentences[0].turn == -1:
            title_found += _link_names(onto, doc.title, new, title_mentions + title_found, lambda pos: 0)
            title_mentions = sorted(title_mentions + title_found, key=lambda m: m.start)

    spk = speakers(onto, gaz, turns, doc.date, issuer)
    active = None if candidates is None else {i for i, c in candidates.items() if c}
    resolved = _resolve_pronouns(onto, doc, turns, sentences, title_mentions + mentions, spk,
                                 pronoun_re, group_re, head_roles, {**ents, **new}, active)
    return resolved, spk, list(new.values())


def _discover(onto, finder, text, mentions, sentence_of, registry, new, require_country) -> list[Mention]:
    """Titled names the gazetteer does not know become Person entities. In a title
    (Title Case everywhere) a name counts only with its country ("... of Finland")."""
    occupied = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    for title_start, n_start, n_end, title, name, of_span in finder.find(text, 0, len(text)):
        if _overlaps(occupied, n_start, n_end):
            continue
        sent = sentence_of(n_start)
        if sent < 0:
            continue
        country = _country_near(onto, text, mentions, title_start, n_end, of_span)
        if require_country and not country:
            continue
        ent = registry.get(name, country, onto.entities, _head_role(onto, title, country))
        new[ent.id] = ent
        found.append(Mention(ent.id, n_start, n_end, sent, name, "discovered"))
        occupied.append((title_start, n_end))
    return found


def _head_role(onto, title: str, country: str | None) -> Role | None:
    for rid, rdef in onto.context.roles.items():
        if rdef.head and title in rdef.titles and "State" in rdef.applies_to:
            return Role(rid, country or "")
    return None


def _link_names(onto, text: str, new: dict[str, Entity], taken: list[Mention], sentence_of) -> list[Mention]:
    """Later mentions of a discovered person: the family name alone ("Scholz"), or
    any of their names after a title ("Prime Minister Kishida" for Kishida Fumio)."""
    last: dict[str, str] = {}
    any_word: dict[str, str] = {}
    for e in new.values():
        words = [w for w in e.label.split() if len(w) > 2 and w[0].isupper()]
        if words:
            last.setdefault(words[-1], e.id)
        for w in words:
            any_word.setdefault(w, e.id)
    if not any_word:
        return []
    titles = sorted(onto.context.person_titles, key=len, reverse=True)
    regex = re.compile(r"(?:(?P<title>" + "|".join(map(re.escape, titles)) + r") )?(?<![\w])(?P<name>"
                       + "|".join(map(re.escape, sorted(any_word, key=len, reverse=True))) + r")(?![\w])")
    spans = [(m.start, m.end) for m in taken]
    out = []
    for m in regex.finditer(text):
        name = m.group("name")
        eid = any_word[name] if m.group("title") else last.get(name)
        if eid is None or _overlaps(spans, m.start("name"), m.end("name")):
            continue
        sent = sentence_of(m.start("name"))
        if sent >= 0:
            out.append(Mention(eid, m.start("name"), m.end("name"), sent, name, "discovered"))
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _country_near(onto, text: str, mentions: list[Mention], title_start: int, name_end: int,
                  of_span: tuple[int, int] = (-1, -1)) -> str | None:
    """The state of "... of Japan" after a name or its title ("President of Finland Sauli
    Niinistö"), or of "German" / "Japan's" right before its title."""
    for m in mentions:
        ent = onto.entities.get(m.entity)
        if ent is None or ent.type != "State":
            continue
        if of_span[0] <= m.start < m.end <= of_span[1]:
            return m.entity
        if m.start <= title_start < m.end:      # "German Chancellor" (a role no one holds here)
            return m.entity
        if m.start >= name_end and re.fullmatch(r",? of (?:the )?", text[name_end:m.start]):
            return m.entity
        if m.end <= title_start and re.fullmatch(r"(?:['’]s)? ?", text[m.end:title_start]):
            return m.entity
    return None


def _resolve_pronouns(onto, doc, turns, sentences, mentions, spk, pronoun_re, group_re,
                      head_roles, ents, active: set[int] | None = None) -> list[Mention]:
    ctx = onto.context
    pairs, groups = frozenset(ctx.pair_phrases), frozenset(ctx.group_phrases)
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    heads: list[str] = []                      # distinct heads, most recent last
    head_seen: dict[str, tuple[int, int]] = {}   # head -> (sentence, position) last named
    out: list[Mention] = []
    last_person: tuple[str, int, int] | None = None   # "he": (entity, sentence, turn)
    last_female: tuple[str, int, int] | None = None   # "she"
    last_actor: tuple[str, int, int] | None = None     # (entity, sentence, position)
    last_plural: tuple[list[str], int] | None = None   # what "they" was last, and where

    head_cache: dict[str, bool] = {}

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
    title_people = list(dict.fromkeys(m.entity for m in mentions if m.sentence == 0
                                      and getattr(ents.get(m.entity), "type", "") == "Person"))
    last_group: tuple[list[str], int, int] | None = None   # the leaders last referred to: turn, sentence
    briefing = any(t.label_start >= 0 for t in turns)
    we_group: dict[int, list[str]] = {}   # turn -> who "we" are in a joint statement

    def group_for(word: str) -> list[str]:
        if word in pairs:
            return title_people if len(title_people) == 2 else heads[-2:] if len(heads) >= 2 else []
        if len(title_people) >= 2:
            return title_people
        # "The leaders expressed ..." before a readout lists who took part (a briefing with
        # speaker turns names leaders of many events: there the phrase stays open)
        return all_heads if not briefing and len(heads) < 2 and len(all_heads) >= 2 else []

    host = next((m.entity for m in sorted(mentions, key=lambda m: (m.sentence, m.start))
                 if getattr(ents.get(m.entity), "type", "") == "Person"), None)
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
            for m in regex.finditer(text):
                if is_title:
                    index = 0
                else:
                    i = bisect_right(starts, m.start()) - 1
                    if i < 0 or m.start() >= body[i].end:
                        continue
                    index = body[i].index
                scanned.setdefault(index, []).append((m.start(), 1, kind, m))
    prev_people: list[str] = []      # the people named in the previous sentence of the turn
    people_here: list[str] = []
    prev_turn = None
    for sent in sentences:
        prev_people = people_here if sent.turn == prev_turn else []
        people_here, prev_turn = [], sent.turn
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
                if ent.type == "Person":
                    gender = getattr(onto.extra.get(m.entity), "gender", None)
                    if gender != "female":
                        last_person = (m.entity, sent.index, sent.turn)
                    if gender == "female":    # "she" only for whom the gazetteer says so
                        last_female = (m.entity, sent.index, sent.turn)
                    if m.entity not in people_here:
                        people_here.append(m.entity)
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
            cls = ctx.pronouns.get(word)
            if active is not None and sent.index not in active and cls != "plural" \
                    and word not in pairs and word not in groups \
                    and not (cls == "speaker_government" and text.startswith(",", span.end())):
                continue          # no rule can use it: only who "they" are carries over
            if cls == "thing":       # "should it decide": the word before matters
                before = text[max(sent.start, span.start() - 20):span.start()].split()
                prev_word = before[-1] if before else ""
            if cls == "speaker_government" and speaker is not None and text.startswith(",", span.end()):
                signers = _signatories(ctx, text, span.end(), by_sentence.get(sent.index, ()), ents)
                if signers:
                    we_group[sent.turn] = signers
                    speaker.group = tuple(signers)
            if word in pairs or word in groups:
                targets = group_for(word)
            elif cls == "speaker_government" and sent.turn in we_group:
                targets = list(we_group[sent.turn])
            elif word in ("They", "Their") and span.start() == sent.start and \
                    ((last_group and last_group[1] == sent.turn and sent.index - last_group[2] <= 4) or
                     (len(prev_people) == 2 and host in prev_people)):
                # "X spoke with Y. They discussed ...": the pair, or the leaders of the readout
                targets = list(last_group[0]) if last_group and last_group[1] == sent.turn \
                    and sent.index - last_group[2] <= 4 else list(prev_people)
            else:
                targets = _antecedents(ctx, word, prev_word, speaker, sent,
                                       last_female if cls == "person_female" else last_person,
                                       last_actor, heads, head_seen, last_plural)
            if targets and (cls == "plural" or word in pairs or word in groups):
                last_plural = (targets, sent.index)
                if len(targets) >= 2:
                    last_group = (targets, sent.turn, sent.index)
            how = "pair" if len(targets) >= 2 else "possessive" if word in ctx.possessive else "pronoun"
            for t in targets:
                out.append(Mention(t, span.start(), span.end(), sent.index, word, how))
            covered.append(span.span())   # "The leaders" is not also the generic "leaders"
    return out


def _signatories(ctx, text: str, pos: int, mentions, ents) -> list[str]:
    """"We, the leaders of the European Commission, France, ... and the United States":
    who "we" are in a joint statement (the states and bodies named right after "We,")."""
    m = ctx.signatory_intro.match(text, pos) if ctx.signatory_intro is not None else None
    if not m:
        return []
    found: list[str] = []
    end = m.end()
    for mention in sorted(mentions, key=lambda x: x.start):
        if mention.start < m.end() or mention.how not in ("gazetteer", "role"):
            continue
        if not re.fullmatch(r"(?:,\s*|\s+and\s+|,\s+and\s+)?(?:the\s+)?", text[end:mention.start]):
            break
        ent = ents.get(mention.entity)
        if ent is not None and ent.type in ("State", "Organization") and mention.entity not in found:
            found.append(mention.entity)
        end = mention.end
    return found if len(found) >= 2 else []


def _antecedents(ctx, word, prev_word, speaker, sent, last_person, last_actor, heads, head_seen,
                 last_plural) -> list[str]:
    cls = ctx.pronouns.get(word)
    if speaker is None:
        return []
    if cls == "speaker_government":
        return [speaker.government] if speaker.government else []
    if cls == "speaker_person":
        return [speaker.voice] if speaker.voice else []
    if cls == "addressee_government":
        return [speaker.addressee] if speaker.addressee else []
    if cls in ("person", "person_female"):
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
        if last_actor and sent.index - last_actor[1] <= 1:
            return [last_actor[0]]
        return []
    return []
