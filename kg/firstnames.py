"""Stage 3, match: a person called by first name after being named in full.

Briefings name an official in full and then by first name alone ("National Security
Advisor Jake Sullivan ... Jake's visit last summer, where he met with his counterparts").
A capitalised word that is the first word of the label of exactly one person the document
has named in full (title first, then the text before it), that names no entity of the
gazetteer and that the document does not also use as a common word (lower case), is a
mention of that person from then on. A first name set off as a vocative ("Go ahead,
Jake.", "Thanks, Jake", "Jake?") addresses a reporter, not the official: it is left out.
"""
from __future__ import annotations

import re

from .records import Mention

_WORD = re.compile(r"[A-Z][a-z]{2,}")
# a vocative: at the start of a sentence or after a comma, and before a stop or a comma
# (a reporter's "Q" label included: "Q    Jake, two questions.")
_BEFORE_VOCATIVE = re.compile(r"(?:^|[.?!:;,\n\u2014\"\u201c(]|--|\bQ)\s*$")
_AFTER_VOCATIVE = re.compile(r"\s*(?:[.?!,;:\u2014)\"\u201d]|--|$)")


def first_name_mentions(gaz, ents, text: str, named: list[Mention], title_named: list[Mention],
                        sentence_of, title_words: frozenset[str], starts: dict[str, frozenset[str]]) -> list[Mention]:
    """Mentions of people by first name in ``text`` (the body). ``named`` are the body's
    mentions so far (people named in full among them), ``title_named`` the title's (named
    before the body); ``title_words``, the lower-case words of titles ("prime" of a
    discovered "Prime Minister Salman"), are no first names; ``starts``, from name_starts."""
    firsts: dict[str, list[tuple[int, str]]] = {}     # first name -> [(from offset, person)]
    for m in title_named + named:
        first = _first_name(ents.get(m.entity), m)
        if first:
            firsts.setdefault(first, []).append((-1 if m in title_named else m.end, m.entity))
    if not firsts:
        return []
    firsts = {w: v for w, v in firsts.items()
              if w not in gaz.surfaces and w not in gaz.not_names and w not in gaz.name_like
              and w.lower() not in title_words and not _other_entity_starts(starts, w, v)
              and re.search(r"(?<![\w])" + w.lower() + r"(?![\w])", text) is None
              and not _other_bearer(ents, text, w, v)}
    if not firsts:
        return []
    spans = [(m.start, m.end) for m in named]
    regex = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(firsts, key=len, reverse=True)))
                       + r")(?![\w])(?!\.\s?[A-Z]\w)")
    out = []
    for hit in regex.finditer(text):
        start, end = hit.span()
        # the people of that first name named in full before it: exactly one
        people = {eid for pos, eid in firsts[hit.group()] if pos <= start}
        if len(people) != 1 or _vocative(text, start, end) or _next_is_capital(text, end) \
                or any(s < end and start < e for s, e in spans):
            continue
        sent = sentence_of(start)
        if sent >= 0:
            out.append(Mention(people.pop(), start, end, sent, hit.group(), "discovered"))
    return out


def _first_name(ent, m: Mention) -> str:
    """The first word of a person's label, when ``m`` names them in full ("Jake Sullivan")."""
    if ent is None or ent.type != "Person":
        return ""
    words = ent.label.split()
    if len(words) < 2 or not _WORD.fullmatch(words[0]) or not m.text.endswith(" ".join(words[-1:])) \
            or f"{words[0]} " not in m.text:
        return ""
    return words[0]


def _vocative(text: str, start: int, end: int) -> bool:
    return _BEFORE_VOCATIVE.search(text, max(0, start - 8), start) is not None \
        and _AFTER_VOCATIVE.match(text, end) is not None


def _next_is_capital(text: str, end: int) -> bool:
    """"Jake Tapper": another name's first word, not the person's."""
    return re.match(r" [A-Z]", text[end:end + 2]) is not None


def name_starts(entities) -> dict[str, frozenset[str]]:
    """The entities whose label or an alias starts with each word ("Korean": Korean Peninsula):
    built once per ontology (kg.coref caches it)."""
    words: dict[str, set[str]] = {}
    for eid, e in entities.items():
        for name in (e.label, *e.aliases):
            if name.split():
                words.setdefault(name.split()[0], set()).add(eid)
    return {w: frozenset(ids) for w, ids in words.items()}


def _other_entity_starts(starts: dict[str, frozenset[str]], word: str, people: list[tuple[int, str]]) -> bool:
    """A name of another gazetteer entity starts with the word ("Korean" of "Korean
    Peninsula", "Kim" of Kim Jong Un for another Kim)."""
    return bool(starts.get(word, frozenset()) - {eid for _, eid in people})


def _other_bearer(ents, text: str, word: str, people: list[tuple[int, str]]) -> bool:
    """The document names someone else of that first name in full ("Paul, Evan, Alsu, and
    Vladimir" of a briefing that also names Vladimir Kara-Murza and Vladimir Putin): the
    first name alone says neither (a capitalised word of two letters or more after it: not a
    middle initial, not a reporter's "Q" after a line break)."""
    own = {w for _, eid in people for name in (ents[eid].label, *ents[eid].aliases) for w in name.split()}
    return any(m.group(1) not in own for m in re.finditer(
        r"(?<![\w])" + re.escape(word) + r"\s+([A-Z][a-z][\w-]*)(?!\w)", text))
