"""Stage 4a: a sentence as units (words, punctuation, entity mentions) and the unit
string that rule patterns run over (see kg.rules).

An article or a title before a name belongs to the name's unit ("at the G7",
"with President Emmanuel Macron"); coordinated names form one unit ("Biden and
Putin", "by NATO, by the EU"); a possessive before a name is its determiner.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, replace

from .records import Entity, Mention
from .patterns import ADJ_CODE, PERSONAL_CODE, PRONOUN_CODE, TYPE_CODES
from .skips import drop_fillers, drop_stutters, filler_re

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
    their: bool = False                                # "their" of a pair: personal for the rules,
                                                       # a possessive that opens a phrase for coordination
    addressee: bool = False                            # "you" of a leader to the others of joint remarks
    session: bool = False                              # "the summit": a forum's session, never an actor
    office: bool = False                               # "Egypt's foreign minister": a state's office,
                                                       # its holder unknown (fills a person's slot too)


_QUICK = re.compile(r"n't|'(?:s|re|ve|ll|d|m)\b|[\w$%]+(?:[-.]\w+)*|[^\w\s]")


def quick_words(text: str, start: int, end: int) -> list[str]:
    """The lower-cased words of a span, as units would hold them, without building units
    (and without the tokenizer's look-ahead for "n't": the contraction is split first)."""
    span = text[start:end].lower().replace("’", "'").replace("n't", " n't")
    return _QUICK.findall(span)


def sentence_words(doc, sentences) -> dict[int, frozenset[str]]:
    """The quick words of every sentence, by sentence index (the title included)."""
    return {s.index: frozenset(quick_words(doc.title if s.turn == -1 else doc.text, s.start, s.end))
            for s in sentences}


def build_units(text: str, start: int, end: int, mentions: list[Mention],
                entities: dict[str, Entity] | None = None, titles: frozenset = frozenset(),
                generic: frozenset = frozenset(), parts: dict[str, str] | None = None,
                fillers: tuple[tuple[str, ...], ...] = ()) -> list[Unit]:
    """The units of one sentence: words, punctuation and entity mentions.

    An article before a name ("at the G7") and a title before a person's name
    ("with President Emmanuel Macron") belong to the name's unit."""
    spans: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        spans.setdefault((m.start, m.end), []).append(m)
    units: list[Unit] = []
    pos = start
    lengths, heads = _title_info(titles)
    for (s, e), ms in sorted(spans.items()):
        if s < pos:
            continue                      # overlaps a previous mention
        units.extend(_words(text, pos, s))
        if entities and titles and all(getattr(entities.get(m.entity), "type", "") == "Person" for m in ms):
            # "Ambassador to the United States Yousef Al Otaiba", "Special Envoy to Yemen Tim
            # Lenderking": the state of the post belongs to its holder's unit, not to the sentence
            if len(units) >= 3 and units[-1].word is None and units[-2].word == "to" \
                    and units[-3].word in heads and text[units[-3].start].isupper():
                s = units[-3].start
                del units[-3:]
            absorbed = True
            while absorbed:               # "His Highness Sheikh ...": titles may follow titles
                absorbed = False
                for n in lengths.get(units[-1].word, ()) if units else ():
                    if len(units) >= n and all(u.word for u in units[-n:]) \
                            and tuple(u.word for u in units[-n:]) in titles:
                        s = units[-n].start
                        del units[-n:]
                        absorbed = True
                        break
            k = _title_phrase(text, units, heads, _title_vocabulary(titles))
            if k is not None:             # "Secretary for Strategic Affairs", "Director of the Office of ..."
                s = units[k].start
                del units[k:]
        if units and units[-1].word == "the":      # "at the G7": the article belongs to the name
            s = units.pop().start
        members = tuple(dict.fromkeys((m.entity, m.adjective) for m in ms))
        units.append(Unit(s, e, None, members, all(m.how == "possessive" for m in ms),
                          all(m.how in ("pronoun", "pair", "possessive_pair") for m in ms),
                          all(m.how == "possessive_pair" for m in ms), all(m.how == "addressee" for m in ms),
                          all(m.how == "definite" for m in ms),
                          entities is not None and all(m.how == "role" and getattr(entities.get(m.entity), "type", "") == "State"
                                                       for m in ms)))
        pos = e
    units.extend(_words(text, pos, end))
    if fillers and filler_re(fillers).search(text, start, end):
        units = drop_fillers(units, fillers, text)
    if "—" in text[start:end] or "–" in text[start:end]:
        units = drop_stutters(units)
    # "our NATO partners": a possessive before a name is its determiner, not an actor;
    # "our Ally in Romania": before a word for others, it is not the actor either
    units = [u for i, u in enumerate(units)
             if not ((u.pronoun or u.their) and i + 1 < len(units) and units[i + 1].word is None)]
    units = [Unit(u.start, u.end, text[u.start:u.end].lower()) if u.pronoun and i + 1 < len(units)
             and units[i + 1].word in generic else u for i, u in enumerate(units)]
    # "our NATO Ally Türkiye", "our NATO Allies Poland and Romania": a name that modifies a word
    # for others before another name is in apposition to it; the name after is the one meant
    if entities:
        units = _apposition(units, generic, entities)
    # "top U.S. allies", "our NATO partners": a name before a word for others modifies it
    units = [replace(u, members=tuple((e, True) for e, _ in u.members))
             if u.word is None and not u.pronoun and i + 1 < len(units) and units[i + 1].word in generic
             else u for i, u in enumerate(units)]
    return _absorb_of_country(text, units, entities, parts or {}, titles) if entities else units


_APPOSED = frozenset({"State", "Organization", "Forum"})


def _apposition(units: list[Unit], generic: frozenset, entities: dict[str, Entity]) -> list[Unit]:
    """"our NATO Ally Türkiye": a name (not an adjective) before a word for others and
    another name: the last name is the one meant, and the unit is its."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        u = units[i]
        if u.word is None and not u.pronoun and u.members \
                and all(not adj and getattr(entities.get(e), "type", "") in _APPOSED for e, adj in u.members) \
                and i + 2 < len(units) and units[i + 1].word in generic and units[i + 2].word is None \
                and not units[i + 2].pronoun and not units[i + 2].personal:
            out.append(replace(units[i + 2], start=u.start))
            i += 3
            continue
        out.append(u)
        i += 1
    return out


def _absorb_of_country(text: str, units: list[Unit], entities: dict[str, Entity],
                       parts: dict[str, str], titles: frozenset = frozenset()) -> list[Unit]:
    """"President Emmanuel Macron of France", "NATO Secretary General Stoltenberg",
    "Poland's National Security Bureau Chief Pawel Soloch": the country or body a person
    holds office for belongs to the person's unit; "Munich, Germany": a place's country
    belongs to the place's unit."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        u = units[i]
        if u.word is None and i + 2 < len(units) and units[i + 1].word == "," and units[i + 2].word is None \
                and all(parts.get(e) in {x for x, _ in units[i + 2].members} for e, _ in u.members):
            out.append(replace(u, end=units[i + 2].end))
            i += 3
            continue
        k = _title_between(text, units, i + 1) if u.word is None else i + 1
        if u.word is None and k < len(units) and units[k].word is None:
            people = [entities.get(e) for e, _ in units[k].members]
            bodies = {e for e, _ in u.members}
            if people and all(p is not None and p.type == "Person" for p in people) \
                    and all(p.country in bodies or any(r.of in bodies for r in p.roles) for p in people):
                nxt = units[k]
                start = _title_of_before(out, titles, u.start)   # "President of the Iraqi Kurdistan Region"
                out.append(replace(nxt, start=start))
                i = k + 1
                continue
        if u.word is None and i + 2 < len(units) and units[i + 1].word == "of" and units[i + 2].word is None:
            people = [entities.get(e) for e, _ in u.members]
            states = {e for e, _ in units[i + 2].members if getattr(entities.get(e), "type", "") == "State"}
            if people and all(p is not None and p.type == "Person" for p in people) and states \
                    and all(p.country in states or p.country is None for p in people):
                out.append(replace(u, end=units[i + 2].end))
                i += 3
                continue
        out.append(u)
        i += 1
    return out


_CONNECTORS = frozenset({"of", "for", "the", "and", "on"})


def _title_phrase(text: str, units: list[Unit], heads: frozenset, words: frozenset = frozenset(),
                  most: int = 14) -> int | None:
    """Where a title phrase before a name starts: capitalised words (and "of", "for", "the",
    "and" between them) of which one is the head of a title ("Secretary for Strategic
    Affairs", "Politburo Member and Director of the Office of the Foreign Affairs Commission")."""
    j = i = len(units)
    while i > 0 and j - i < most:
        w = units[i - 1].word
        if w is None or not (w in _CONNECTORS or (w[0].isalpha() and text[units[i - 1].start].isupper())):
            break
        # a verb's participle in a title-case heading ends the title: "Senior Administration
        # Officials Previewing the President's Trip" (not "Acting Secretary")
        if w.endswith("ing") and w not in words:
            break
        i -= 1
    while i < j and units[i].word in _CONNECTORS:
        i += 1
    # "the Chief of the Military Staff of the President": the name is not the title's holder
    if i == j or units[j - 1].word in _CONNECTORS or not any(units[x].word in heads for x in range(i, j)):
        return None
    return i


def _title_of_before(out: list[Unit], titles: frozenset, start: int) -> int:
    """Pops "<title> of (the)" from the end of ``out`` and gives where the title starts;
    leaves ``out`` alone and gives ``start`` if it does not end so."""
    j = len(out)
    if j and out[j - 1].word == "the":
        j -= 1
    if not (j and out[j - 1].word == "of"):
        return start
    j -= 1
    for n in _title_info(titles)[0].get(out[j - 1].word, ()) if j else ():
        if n > j:
            continue
        if all(x.word for x in out[j - n:j]) and tuple(x.word for x in out[j - n:j]) in titles:
            start = out[j - n].start
            del out[j - n:]
            return start
    return start


def _title_between(text: str, units: list[Unit], j: int, most: int = 5) -> int:
    """The unit after "'s" and up to ``most`` capitalised words from ``j`` (an office's name
    between a country and its holder: "Poland's National Security Bureau Chief")."""
    if j < len(units) and units[j].word in ("'s", "’s"):
        j += 1
    k = j
    while k < len(units) and k - j < most and units[k].word is not None and units[k].word.isalpha() \
            and text[units[k].start].isupper():
        k += 1
    return k


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
    seps = _by_first(tuple(sorted(separators, key=len, reverse=True)))
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
        joined, bare = 0, True      # names joined; only by bare commas so far
        office = u.office           # every name joined is a state's office
        # "In Ghana, Singh and the U.S. delegation met ...": a sentence that opens with a
        # preposition, a name and a comma sets the scene; the name is not in the list after it
        scene = len(out) == 1 and out[0].word in preps
        while j < n:
            # "the People's Republic of China (PRC), India": the acronym repeats the name, the list goes on
            if j + 2 < n and units[j].word == "(" and units[j + 2].word == ")" and units[j + 1].word is None \
                    and units[j + 1].members and set(units[j + 1].members) <= set(members):
                end = units[j + 2].end
                j += 3
                continue
            k = _match_sep(units, j, seps)
            if k is None:
                break
            sep_bare = k == j + 1 and units[j].word == ","
            if scene and sep_bare and not joined:
                break
            if prep and k < n and units[k].word == prep:
                k += 1
                sep_bare = False
            if k + 1 < n and units[k].word == "all" and units[k + 1].word == "of":
                k += 2            # "Poland and all of our NATO Allies"
            if k < n and units[k].word == "the":
                k += 1
            # "support for Ukraine and our determination to ...", "costs on Russia, and their
            # efforts": a pronoun before a word opens a phrase of its own, unless it only refers
            # back ("Iran and its proxies")
            # "leaders in Israel, and they have agreed to ...", "in the United Nations, we've laid
            # out ...": a personal pronoun after a comma, before a verb, is the subject of a
            # clause of its own
            # so is one after a list of objects of a preposition ("sent forces to Poland, to
            # Romania and he's supported ...")
            clause = (units[j].word == "," or prep is not None) and units[k - 1].word != "the" and k < n \
                and (units[k].personal or units[k].addressee) and k + 1 < n and (units[k + 1].word or " ")[:1] in _CLAUSE_START
            # "weapons to Russia and China's support to ...": a possessive after a preposition opens a phrase
            owner = prep not in (None, "between") and k + 1 < n and units[k].word is None and units[k + 1].word == "'s"
            if k < n and units[k].word is None and not clause and not owner and not (
                    (units[k].pronoun or units[k].their) and k + 1 < n and units[k + 1].word is not None
                    and not set(units[k].members) <= set(members)):
                members.extend(m for m in units[k].members if m not in members)
                end = units[k].end
                office = office and units[k].office
                j = k + 1
                joined += 1
                bare = bare and sep_bare
            else:
                break
        if joined == 1 and bare and j < n and units[j].word is not None and (
                units[j].word.isalpha() and _match_sep(units, j, seps) is None
                or units[j].word == "," and _match_sep(units, j, seps) == j + 1):
            # "In the Security Council, the United States presented ...", "If Russia invades
            # Ukraine, the United States, together with ...": two names and a comma before a
            # verb or an aside are a phrase and its clause's subject, not a list
            out.append(u)
            i += 1
            continue
        same = end == u.end or not joined       # one name (with its acronym in brackets): its own flags
        out.append(Unit(u.start, end, None, tuple(members), u.pronoun and same, u.personal and same,
                        u.their and same, u.addressee and same, u.session and same, office))
        i = j
    return out


_CLAUSE_START = frozenset("abcdefghijklmnopqrstuvwxyz'’")


def _match_sep(units: list[Unit], j: int, seps: dict[str, list[tuple[str, ...]]]) -> int | None:
    """Where the separator at ``j`` ends (``seps``: the separators by first word)."""
    for sep in seps.get(units[j].word, ()):
        k = j + len(sep)
        if k <= len(units) and all(units[j + x].word == w for x, w in enumerate(sep)):
            return k
    return None


@lru_cache(maxsize=8)
def _by_first(seps: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """The separators by their first word, longest first as given."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for sep in seps:
        out.setdefault(sep[0], []).append(sep)
    return out


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
            if u.session:       # "the summit" of NATO fills a forum's slot, not an actor's
                codes = {TYPE_CODES["Forum"]}
            if u.office:
                codes.add(TYPE_CODES["Person"])
            if u.pronoun:
                codes.add(PRONOUN_CODE)
            if u.personal:
                codes.add(PERSONAL_CODE)
            token = f"\x01{i}:" + "".join(sorted(set("".join(codes))))
        offsets.append(pos)
        parts.append(token + " ")
        pos += len(token) + 1
    return "".join(parts), offsets


@lru_cache(maxsize=8)
def _title_vocabulary(titles: frozenset) -> frozenset:
    """Every word of a title ("acting", "secretary")."""
    return frozenset(w for t in titles for w in t)


@lru_cache(maxsize=8)
def _title_info(titles: frozenset) -> tuple[dict[str, tuple[int, ...]], frozenset]:
    """For each word a title ends with, the lengths of those titles (longest first); and
    the last words of all titles ("secretary", "member")."""
    lengths: dict[str, set[int]] = {}
    for t in titles:
        lengths.setdefault(t[-1], set()).add(len(t))
    return {w: tuple(sorted(ns, reverse=True)) for w, ns in lengths.items()}, frozenset(lengths)


def title_words(onto) -> frozenset:
    """Person titles as tuples of lower-case words: ("prime", "minister")."""
    cached = onto._cache.get("title_words")
    if cached is None:
        ctx = onto.context
        # a modifier ("former Speaker") is absorbed like a title that precedes a title
        names = set(ctx.person_titles) | {t for r in ctx.roles.values() for t in r.titles + r.short_titles} \
            | set(ctx.title_modifiers)
        # split as units are ("Dr." is the word "dr" and a period), so abbreviated titles absorb too
        cached = frozenset(tuple(_TOKEN.findall(t.lower())) for t in names)
        onto._cache["title_words"] = cached
    return cached
