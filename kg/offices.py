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
    Prime Minister") to be filled by the last holder named (kg.coref._fill_open_roles). Only the
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
