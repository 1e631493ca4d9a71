"""Stage 3, match (document level): gazetteer and role mentions, discovered people,
speakers, and the coreference the genre needs ("we" in an official's turn, "he"
for the last person named, "the two presidents")."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import ChainMap
from dataclasses import dataclass, field

from .descriptions import resolve_descriptions
from .firstnames import first_name_mentions, name_starts
from .match import ADJ, ENTITY, OPEN_TITLE, ROLE, Gazetteer, holder, sentence_index
from .names import PersonFinder, slug, word_alternation
from .offices import coordinated_titles, fill_open_roles, state_office
from .ontology import home_of, title_for_matching
from .pronouns import resolve_pronouns
from .records import Document, Entity, Mention, Role, Sentence, Turn
from .speakers import Speaker, author_of, joint_addressees, joint_authors, speakers
from .units import title_words

ACTOR_TYPES = ("Person", "State", "Organization")
QUALIFIER = "qualifier"     # a state named in its holder's role phrase: an entity named, no argument


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
        words = sorted(set(ctx.pronouns) | set(ctx.pair_phrases) | set(ctx.group_phrases)
                       | set(ctx.title_group_phrases), key=len, reverse=True)
        cache["pronoun_re"] = re.compile(word_alternation(words, r"[\w’']") + r"(?![\w])")
        groups = sorted(ctx.generic_groups, key=len, reverse=True)
        # "\b" before a word that opens with a letter: no letter before it
        cache["group_re"] = None if not groups else \
            re.compile(word_alternation(groups, r"\w") + r"\b") if all(g[0].isalnum() for g in groups) else \
            re.compile(r"\b(?:" + "|".join(map(re.escape, groups)) + r")\b")
        cache["head_roles"] = {rid for rid, r in ctx.roles.items() if r.head}
    return cache["person_finder"], cache["pronoun_re"], cache["group_re"], cache["head_roles"]


def _hits_to_mentions(onto, gaz: Gazetteer, text: str, date, issuer, sentence_of,
                      open_roles: list | None = None, qualifiers: list | None = None) -> list[Mention]:
    """Gazetteer hits as mentions. A bare role phrase the issuer fills for no one ("the Prime
    Minister" in a White House text) goes to ``open_roles`` as (role, mention) for
    kg.offices.fill_open_roles. The state a role phrase names along with its holder ("the Emir of
    Kuwait") goes to ``qualifiers``: a mention of the entity, for no rule."""
    out: list[Mention] = []
    hits = list(gaz.find(text))
    skip = -1
    for k, h in enumerate(hits):
        sent = sentence_of(h.start)
        if sent < 0 or k == skip:
            continue
        role = None
        if h.kind == ROLE:
            if h.of == OPEN_TITLE:
                if open_roles is not None:
                    open_roles.append((h.target, Mention("", h.start, h.end, sent, text[h.start:h.end], "role"),
                                       text[h.start:h.end].split(None, 1)[-1].lower()))
                continue
            role, qualified, end = h.target, h.of, h.end
            nxt = hits[k + 1] if k + 1 < len(hits) else None
            if h.of is None and nxt is not None and nxt.kind == ENTITY and text[h.end:nxt.start] == " of " \
                    and getattr(onto.entities.get(nxt.target), "type", "") == "State":
                # "the Foreign Minister of Tuvalu", no holder of it known: Tuvalu's, not the issuer's
                qualified, end, skip = nxt.target, nxt.end, k + 1
        elif h.kind == ENTITY and (office := state_office(onto, text, h)) is not None:
            (role, end), qualified = office, h.target      # "Egypt's foreign minister"
        if role is not None:
            person = holder(onto, role, qualified or issuer, date)
            if person:
                out.append(Mention(person, h.start, end, sent, text[h.start:end], "role"))
                if qualified and qualifiers is not None:
                    qualifiers.append(Mention(qualified, h.start, end, sent, text[h.start:end], QUALIFIER))
            elif qualified:   # "the Russian Foreign Minister", holder unknown: at least the state
                out.append(Mention(qualified, h.start, end, sent, text[h.start:end], "role", False))
            elif open_roles is not None:      # (the title it bears: "the Taoiseach" is no Prime Minister)
                open_roles.append((role, Mention("", h.start, h.end, sent, text[h.start:h.end], "role"),
                                   text[h.start:h.end].split(None, 1)[-1].lower()))
            continue
        out.append(Mention(h.target, h.start, h.end, sent, text[h.start:h.end], "gazetteer", h.kind == ADJ))
    return _merge_adjacent(onto, text, out)


def _merge_adjacent(onto, text: str, mentions: list[Mention]) -> list[Mention]:
    """"Russian President Vladimir Putin": a role phrase followed by a name is the name."""
    out: list[Mention] = []
    suffixes = onto.context.title_suffixes
    for m in mentions:
        if out:
            prev = out[-1]
            gap = text[prev.end:m.start]
            if prev.how == "role" and gap.strip() in suffixes:
                gap = ""           # "President-elect Xiomara Castro": the suffix is the title's
            if not gap.strip() and prev.how == "role" and onto.entities.get(m.entity, None) is not None \
                    and onto.entities[m.entity].type == "Person":
                out[-1] = Mention(m.entity, prev.start, m.end, m.sentence, text[prev.start:m.end], m.how)
                continue
            if not gap.strip() and prev.entity == m.entity and not m.adjective:
                out[-1] = Mention(m.entity, prev.start, m.end, m.sentence, text[prev.start:m.end], prev.how)
                continue
        out.append(m)
    return out


def find_mentions(onto, doc: Document, turns: list[Turn], sentences: list[Sentence],
                  issuer: str, registry: PeopleRegistry, candidates: dict[int, list] | None = None
                  ) -> tuple[list[Mention], list[Speaker], list[Entity]]:
    """Mentions of a document. ``candidates`` (the rules each sentence's words allow) lets
    pronouns of sentences where no rule could fire go unresolved: they are only read for
    who "they" are."""
    named = find_named(onto, doc, turns, sentences, issuer, registry)
    return resolve_mentions(onto, doc, turns, sentences, named, candidates), named.speakers, list(named.new.values())


@dataclass
class Named:
    """What a document names (before pronouns are resolved): the title's mentions, the
    body's, who speaks in each turn, and the people the gazetteer did not know."""
    title: list[Mention]
    body: list[Mention]
    speakers: list[Speaker]
    new: dict[str, Entity]
    qualifiers: list[Mention] = field(default_factory=list)   # see _hits_to_mentions

    @property
    def mentions(self) -> list[Mention]:
        return self.title + self.body


def one_side(onto, named: Named, issuer: str) -> bool:
    """Everyone the document names or speaks for is of one government (a person of that
    state, a body part of it, the state itself): no relation can link two of them (see
    kg.arguments.same_side), so pronouns and rules need not be looked at."""
    ents, parts = ChainMap(named.new, onto.entities), onto.entity_maps()[1]   # no copy per document
    ids = {m.entity for m in named.title} | {m.entity for m in named.body} | {issuer}
    for sp in named.speakers:
        ids.update(x for x in (sp.person, sp.government, sp.addressee, sp.voice, sp.addressee_voice, *sp.group,
                           *sp.addressees) if x)
    # a person the text introduces without a state ("Chair Gary Gensler", "Dr. Melina Abdullah")
    # is no second side on their own: a readout of a meeting with regulators or civil-rights
    # leaders, where every government named is the issuer's, relates no one (a governor or a
    # senator is of the issuer's own state: context.yaml domestic_titles)
    # (a body its own side may address, gazetteer ``own_requests``, is no second side either:
    # "calls on Congress to pass the PRO Act" in a domestic text is no diplomacy)
    return len({home_of(eid, ents, parts) for eid in ids if not _stateless_new(ents.get(eid))}) <= 1


def _stateless_new(ent) -> bool:
    return ent is not None and ent.type == "Person" and ent.discovered and not ent.country


def find_named(onto, doc: Document, turns: list[Turn], sentences: list[Sentence],
               issuer: str, registry: PeopleRegistry) -> Named:
    """The document's names: gazetteer hits, titled people it introduces, their later
    mentions, role titles filled, and its speakers."""
    gaz: Gazetteer = onto._cache["gazetteer"]
    finder = _matcher(onto)[0]
    ents = onto.entities
    body = [s for s in sentences if s.turn >= 0]
    starts = [s.start for s in body]

    def body_sentence(pos: int) -> int:
        return sentence_index(sentences, starts, pos)

    qualifiers: list[Mention] = []
    title_text = title_for_matching(doc.title, onto.text.title_small_words) if doc.title else ""
    title_mentions = _hits_to_mentions(onto, gaz, title_text,
                                       doc.date, issuer, lambda pos: 0, None, qualifiers) \
        if doc.title and sentences and sentences[0].turn == -1 else []
    open_roles: list = []
    mentions = _hits_to_mentions(onto, gaz, doc.text, doc.date, issuer, body_sentence, open_roles, qualifiers)

    # people introduced with a title and a name that the gazetteer does not know
    new: dict[str, Entity] = {}
    found = _discover(onto, finder, doc.text, mentions, body_sentence, registry, new, False, issuer)
    title_found = _discover(onto, finder, doc.title, title_mentions, lambda pos: 0, registry, new, True) \
        if title_mentions is not None and doc.title else []
    # later mentions of those people, and of gazetteer people the document named in full
    # ("Anne Neuberger traveled to Japan ... Neuberger met with ...")
    known = _named_in_full(ents, title_mentions + mentions, new)
    if new or known:
        found += _link_names(onto, doc.text, new, mentions + found, body_sentence, known)
        mentions = sorted(mentions + found, key=lambda m: m.start)
        if new and sentences and sentences[0].turn == -1:
            title_found += _link_names(onto, doc.title, new, title_mentions + title_found, lambda pos: 0)
            title_mentions = sorted(title_mentions + title_found, key=lambda m: m.start)

    # later mentions by first name alone ("Jake's visit last summer")
    mentions = sorted(mentions + first_name_mentions(gaz, ChainMap(new, ents), doc.text, mentions, title_mentions,
                                                     body_sentence, *_first_name_data(onto)), key=lambda m: m.start)
    open_roles += coordinated_titles(onto, doc.text, mentions, body_sentence)
    if open_roles:
        mentions = sorted(mentions + fill_open_roles(onto, open_roles, title_mentions, mentions, {**ents, **new},
                                                     doc.date, (title_text, doc.text)), key=lambda m: m.start)
    spk = speakers(onto, gaz, turns, doc.date, issuer, author_of(onto, doc.title, title_mentions),
                   tuple(dict.fromkeys(m.entity for m in title_mentions + mentions)))
    signers = joint_authors(onto, doc.title, title_mentions, issuer) if doc.title else []
    if doc.title and any(t.label_start >= 0 for t in turns):
        joint_addressees(ChainMap(new, onto.entities), spk, turns, doc.title, title_mentions, onto.context.author_cues)
    if signers:
        # "Joint Statement by President Biden and Prime Minister Trudeau": "we" in its
        # text is every author's government
        for sp, t in zip(spk, turns):
            if t.label_start < 0 and not sp.group:
                sp.group = tuple(signers)
    return Named(title_mentions, mentions, spk, new, qualifiers)


def resolve_mentions(onto, doc: Document, turns: list[Turn], sentences: list[Sentence], named: Named,
                     candidates: dict[int, list] | None = None) -> list[Mention]:
    """The named mentions with the pronouns and group words resolved, in text order."""
    _, pronoun_re, group_re, head_roles = _matcher(onto)
    active = None if candidates is None else {i for i, c in candidates.items() if c}
    ents = {**onto.entities, **named.new}
    out = resolve_pronouns(onto, doc, turns, sentences, named.mentions, named.speakers,
                           pronoun_re, group_re, head_roles, ents, active)
    # "At the summit, ...": the forum whose session the text named (kg.descriptions)
    found = resolve_descriptions(onto, doc, turns, sentences, named.mentions, ents)
    return sorted(out + found, key=lambda m: (m.sentence, m.start)) if found else out


def _discover(onto, finder, text, mentions, sentence_of, registry, new, require_country,
              home: str | None = None) -> list[Mention]:
    """Titled names the gazetteer does not know become Person entities. In a title
    (Title Case everywhere) a name counts only with its country ("... of Finland"). A name
    under a domestic office title with no state named ("Senator Van Hollen", "Michigan State
    Senator Erika Geiss") is of the issuer's own state (`home`)."""
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
        if not country and home and title in onto.context.domestic_titles \
                and getattr(onto.entities.get(home), "type", None) == "State":
            country = home
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


def _link_names(onto, text: str, new: dict[str, Entity], taken: list[Mention], sentence_of,
                known: dict[str, str] | None = None) -> list[Mention]:
    """Later mentions of a discovered person: the family name alone ("Scholz"), or
    any of their names after a title ("Prime Minister Kishida" for Kishida Fumio); and
    the family name alone of the gazetteer people in ``known`` (family name -> id)."""
    last: dict[str, str] = dict(known or {})
    any_word: dict[str, str] = {}
    for e in new.values():
        words = [w for w in e.label.split() if len(w) > 2 and w[0].isupper()]
        if words:
            last.setdefault(words[-1], e.id)
        for w in words:
            any_word.setdefault(w, e.id)
    if not last:
        return []
    # the names (a small regex per document); a title is looked for just before each one
    # with one regex compiled per ontology
    names = sorted({**last, **any_word}, key=len, reverse=True)
    regex = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")
    title_before = _title_before(onto)
    spans = sorted((m.start, m.end) for m in taken)
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    out = []
    for m in regex.finditer(text):
        name = m.group()
        eid, other = last.get(name), any_word.get(name)
        if other is not None and other != eid and \
                title_before.search(text, max(0, m.start() - _TITLE_WINDOW), m.start()):
            eid = other        # only a title says which of two people the name is
        # a mention already there (those that overlap start less than the longest before it)
        i = bisect_left(starts, m.start() - longest)
        if eid is None or _overlaps(spans[i:bisect_left(starts, m.end())], m.start(), m.end()):
            continue
        sent = sentence_of(m.start())
        if sent >= 0:
            out.append(Mention(eid, m.start(), m.end(), sent, name, "discovered"))
    return out


_TITLE_WINDOW = 80


def _first_name_data(onto) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """For kg.firstnames, once per ontology: the words of titles (kg.units.title_words) and
    the entities each word starts a name of."""
    if "first_names" not in onto._cache:
        onto._cache["first_names"] = (frozenset(w for t in title_words(onto) for w in t), name_starts(onto.entities))
    return onto._cache["first_names"]


def _title_before(onto) -> re.Pattern:
    """A person title that ends one space before the end of the searched span."""
    cached = onto._cache.get("title_before")
    if cached is None:
        titles = sorted(onto.context.person_titles, key=len, reverse=True)
        cached = onto._cache["title_before"] = re.compile(
            r"(?<![\w.])(?:" + "|".join(map(re.escape, titles)) + r") $")
    return cached


def _named_in_full(ents, mentions: list[Mention], new: dict[str, Entity]) -> dict[str, str]:
    """Family name -> gazetteer person, for the people a mention names in full ("Anne
    Neuberger"); a family name two of them share, or a discovered person's, is left out."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    for m in mentions:
        ent = ents.get(m.entity)
        if ent is None or ent.type != "Person":
            continue
        words = ent.label.split()
        family = words[-1] if len(words) > 1 else ""
        if len(family) < 3 or not family[0].isupper() or not m.text.endswith(family) \
                or " " not in m.text:
            continue
        if out.setdefault(family, m.entity) != m.entity:
            shared.add(family)
    for e in new.values():
        shared.update(e.label.split())
    return {w: eid for w, eid in out.items() if w not in shared}


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


_OFFICE_BEFORE_TITLE = re.compile(r"(?:['’]s)?(?: (?:[A-Z][\w-]*|for|of|the|and)){0,6} ?")


def _country_near(onto, text: str, mentions: list[Mention], title_start: int, name_end: int,
                  of_span: tuple[int, int] = (-1, -1)) -> str | None:
    """The state of "... of Japan" after a name or its title ("President of Finland Sauli
    Niinistö"), or of "German" / "Japan's" right before its title, or before the office
    the title heads ("Poland's National Security Bureau Chief")."""
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
        if m.end <= title_start and _OFFICE_BEFORE_TITLE.fullmatch(text, m.end, title_start):
            return m.entity
    return None
