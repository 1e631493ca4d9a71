"""A state's office. Stage 3, match (helper of kg.coref): a state's office named with the
state's possessive and no name after it ("Egypt’s foreign minister"), whose holder may be
unknown. Stage 4, relate (helper of kg.relate): an office that stands for its state, as a
meeting with "the Emir of Kuwait" or "the Prime Minister of Israel", a holder the document
never names by name, is a meeting with that state too (the holder is kept as well)."""
from __future__ import annotations

import re

from .records import NAMED, Entity, Mention


def state_office(onto, text: str, h) -> tuple[str, int] | None:
    """(role, end) of a state's office named with its possessive and no name after it
    ("Egypt’s foreign minister", "Japan's Prime Minister"; not "... Prime Minister Kishida")."""
    if text[h.end:h.end + 1] not in ("'", "’") or getattr(onto.entities.get(h.target), "type", "") != "State":
        return None
    cache = onto._cache
    if "office_re" not in cache:
        titles = {t.lower(): rid for rid, r in onto.context.roles.items() if "State" in r.applies_to
                  for t in r.titles}
        alternation = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        cache["office_re"] = (re.compile(r"['’]s\s+(" + alternation + r")\b(?!\s+(?-i:[A-Z]))", re.I), titles)
    regex, titles = cache["office_re"]
    m = regex.match(text, h.end)
    return (titles[m.group(1).lower()], m.end()) if m else None


BY_NAME = ("gazetteer", "discovered")    # a mention that names its entity by a name (not by a title)


def office_holders(mentions: list[Mention], qualifiers: list[Mention], entities: dict[str, Entity],
                   titles: frozenset = frozenset()) -> tuple[dict, set[str], frozenset[str]]:
    """Once per document: the states that qualify an office, by (sentence, start) of the
    office's mention (a state's, not a body's: not "European Council President Michel"), the
    people the document names by name somewhere, and the words of person titles (lower case)."""
    by_name = {m.entity for m in mentions if m.how in BY_NAME}
    qualified = {(q.sentence, q.start): q.entity for q in qualifiers
                 if getattr(entities.get(q.entity), "type", "") == "State"}
    return qualified, by_name, frozenset(w for t in titles for w in t)


def office_states(found: list, ms: list[Mention], holders: tuple, entities: dict, text: str) -> list:
    """A meeting with a person the sentence names only by a state's office ("spoken with the
    Emir of Kuwait", "the Prime Minister of Israel"), and the document nowhere by name: a
    meeting with that state as well (the office stands for its government)."""
    qualified, by_name, title_set = holders
    if not qualified or not any(f[0].predicate == "meetsWith" for f in found):
        return found          # the common case, on every sentence: nothing to add
    offices: dict[str, set[str]] = {}
    named: set[str] = set()
    for m in ms:
        state = qualified.get((m.sentence, m.start))
        ent = entities.get(m.entity)
        # (not "Israeli Prime Minister Bennett": a name the gazetteer does not hold follows)
        said = set(m.text.split() + [w.strip(".,;:’'") for w in text[m.end:m.end + 40].split()[:1]])
        # (the words of its names, not of a title an alias holds: "Prime Minister Lee", "King Charles")
        names = {w for w in ent.label.split() + [w for a in ent.aliases for w in a.split()]
                 if len(w) > 2 and w[:1].isupper() and w.lower().strip(".") not in title_set} if ent is not None else set()
        # (nor "the Prime Minister of Iraq's Kurdistan Region": a region's office)
        region = text[m.end:m.end + 2] in ("'s", "’s")
        if m.how == "role" and state and getattr(ent, "type", "") == "Person" and not said & names and not region:
            offices.setdefault(m.entity, set()).add(state)
        elif m.how in NAMED:
            named.add(m.entity)
    offices = {p: st for p, st in offices.items() if p not in named and p not in by_name}
    if not offices:
        return found
    out = list(found)
    for rule, s, o, modality, places in found:
        if rule.predicate != "meetsWith" or (s not in offices and o not in offices):
            continue
        for s2 in sorted(offices.get(s, {s})):
            for o2 in sorted(offices.get(o, {o})):
                if s2 != o2 and (s2, o2) != (s, o):
                    out.append((rule, s2, o2, modality, places))
    return out


def coordinated_titles(onto, text: str, mentions: list[Mention], sentence_of) -> list[tuple]:
    """"The President and Prime Minister underscored ...": a head-of-government title with no
    "the" and no name, right after "and" and a person's mention, is a bare role phrase (as "the
    Prime Minister") to be filled by the last holder named (kg.offices.fill_open_roles). Only the
    titles a bare phrase leaves open (no holder of the issuer's): (role, mention, title) each."""
    cache = onto._cache
    if "and_title_re" not in cache:
        titles = {t: rid for rid, r in onto.context.roles.items() if r.head and "State" in r.applies_to
                  for t in r.titles if r.bare_titles is None or t not in r.bare_titles}
        alternation = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        cache["and_title_re"] = (re.compile(r"\band ((?-i:" + alternation + r"))\b(?!\s+(?-i:[A-Z])|['’])"), titles)
    regex, titles = cache["and_title_re"]
    ends = {m.end for m in mentions if getattr(onto.entities.get(m.entity), "type", "") == "Person"}
    out = []
    for m in regex.finditer(text):
        if m.start() - 1 not in ends:
            continue        # "and Prime Minister" after a person named just before it only
        sent = sentence_of(m.start(1))
        if sent >= 0:
            out.append((titles[m.group(1)], Mention("", m.start(1), m.end(1), sent, m.group(1), "role"),
                        m.group(1).lower()))
    return out


def fill_open_roles(onto, open_roles: list, title_mentions: list[Mention], mentions: list[Mention], ents, date,
                    texts: tuple[str, str]) -> list[Mention]:
    """"Prime Minister Lee of Singapore will visit ... the Prime Minister will meet ...": a
    bare role phrase no one of the issuer holds is the last person named before it who holds
    that role (the title sentence counts as before the body) and bears that title: the title
    is among those the document named them with, in or right before a mention ("Taoiseach Leo
    Varadkar" for "the Taoiseach", not "Prime Minister Kishida"); one the document named with no
    title at all bears only the role's first title ("the Prime Minister" after "Kishida").
    ``texts``: the title's text (as matched) and the body's."""
    order = sorted([(m, texts[0]) for m in title_mentions] + [(m, texts[1]) for m in mentions],
                   key=lambda x: (x[0].sentence, x[0].start))
    mentions = title_mentions + mentions
    roles = onto.context.roles
    people = [(prev, _titles_in(onto, text[max(0, prev.start - 80):prev.end], prev.start - max(0, prev.start - 80)))
              for prev, text in order if getattr(ents.get(prev.entity), "type", None) == "Person"]
    out = []
    for role, m, title in open_roles:
        found = None
        named: dict[str, set[str]] = {}      # person -> the titles the text named them with so far
        for prev, titles in people:
            if (prev.sentence, prev.start) >= (m.sentence, m.start):
                break
            ent = ents[prev.entity]
            said = named.setdefault(prev.entity, set())
            said.update(titles)
            if prev.how in ("gazetteer", "role", "discovered") \
                    and any(r.title == role and r.holds_on(date) for r in ent.roles) \
                    and (title is None or (title in said if said else title == roles[role].titles[0].lower())):
                found = prev.entity
        if found and not any(x.sentence == m.sentence and x.start < m.end and m.start < x.end for x in mentions):
            out.append(Mention(found, m.start, m.end, m.sentence, m.text, "role"))
    return out


def _titles_in(onto, text: str, start: int) -> set[str]:
    """The person titles (lower case) in a mention's text (from ``start``) or right before it
    ("Prime Minister Kishida", "Taoiseach Leo Varadkar")."""
    cache = onto._cache
    if "role_title_re" not in cache:
        titles = {t.lower() for r in onto.context.roles.values() for t in r.titles + r.short_titles}
        alternation = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        cache["role_title_re"] = (re.compile(r"\b(?:" + alternation + r")\b", re.I),
                                  re.compile(r"\b((?:%s)(?:(?:\s+and\s+|\s*/\s*|-)(?:%s))*)(,?\s+|\s+and\s+|\s*/\s*)$"
                                             % (alternation, alternation), re.I))
    inside, before = cache["role_title_re"]
    found = {t.lower() for t in inside.findall(text, start)}
    # (a chain of them: "Crown Prince and Prime Minister of Bahrain"; not "the King and the President")
    m = before.search(text, 0, start)
    if m and m.group(2).strip() and text[start:start + 4].lower() == "the ":
        m = None
    # ... nor another's title before "and": "met with the President and Prime Minister Kishida"
    if m and m.group(2).strip() == "and" and text[:m.start()].rstrip().lower().endswith("the"):
        m = None
    return found | {t.lower() for t in inside.findall(m.group(1))} if m else found
