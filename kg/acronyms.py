"""Stage 3, match (helper of kg.match): acronyms a document defines. "the Strategic
Partnership Commission (SPC) ... at the SPC's meeting in Washington": an acronym written in
brackets right after the full name of a forum, body or agreement names that entity in the rest
of the same text. A per-document alias, not a gazetteer one: the same letters stand for other
bodies elsewhere ("SPC", the Pacific Community)."""
from __future__ import annotations

import re
from typing import Callable, Mapping

_DEFINED_ACRONYM = re.compile(r" \(([A-Z][A-Z0-9&+]+)\)")   # " (SPC)" (two capitals or more: checked below)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ ,]*\Z")
_NAME_JOINERS = frozenset({"of", "for", "and", "on", "to"})   # the hit ends a longer name ("Schedule of the United States")
_ACRONYM_TYPES = frozenset({"Forum", "Organization", "Agreement"})


def defined_acronyms(entities: Mapping, surfaces, text: str, taken: list, occupied: bytearray,
                     make_hit: Callable) -> list:
    """``taken`` (the gazetteer's entity hits of ``text``, by start) with a hit for every later
    use of an acronym the text defines after an entity's whole name (not an acronym the
    gazetteer knows as a surface; not after a longer name: "the Tariff Schedule of the United
    States (HTS)"); ``occupied`` marks the characters hits already cover and is updated."""
    found = []
    for h in taken:
        if not text.startswith(" (", h.end):
            continue      # most hits are followed by no bracket: one cheap look each
        m = _DEFINED_ACRONYM.match(text, h.end)
        if m is None or h.kind != "entity" or getattr(entities.get(h.target), "type", "") not in _ACRONYM_TYPES \
                or m.group(1) in surfaces or sum(c.isupper() for c in m.group(1)) < 2:
            continue
        before = _WORD_BEFORE.search(text, max(0, h.start - 40), h.start)
        if before and (before.group(1)[0].isupper() or before.group(1) in _NAME_JOINERS):
            continue
        for u in re.compile(r"(?<![\w.-])" + re.escape(m.group(1)) + r"(?![\w-])").finditer(text, m.end()):
            if occupied.find(1, u.start(), u.end()) < 0:
                occupied[u.start():u.end()] = b"\x01" * (u.end() - u.start())
                found.append(make_hit(u.start(), u.end(), h.target))
    return sorted(taken + found) if found else taken
