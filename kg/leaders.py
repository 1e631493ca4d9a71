"""Stage 3, match (helper of kg.pronouns): the group of leaders a document's title names
("Readout of ... Call with Transatlantic Leaders") and the leaders its text lists."""
from __future__ import annotations

import re

from .records import NAMED

_LIST_CUES: dict[tuple, re.Pattern] = {}


def _cache_cues(cues: tuple, build) -> re.Pattern:
    _LIST_CUES[cues] = build()
    return _LIST_CUES[cues]


def group_title(ctx, title: str) -> bool:
    """The title names a call or meeting with a group of leaders ("Calls with European Leaders")."""
    return any(w in ctx.leader_groups for w in _WORD.findall(title))


def title_leaders(onto, doc, mentions, ents) -> list[str]:
    """In a document whose title names a group of leaders ("Calls with European Leaders"), the
    leaders: who held the calls (the first person named) and the longest list of three people
    or more ("spoke individually with: Prime Minister Kaja Kallas of Estonia; Prime Minister
    Krisjanis Karins of Latvia; ..."). A leader named in passing ("his call with President
    Zelenskyy and on President Putin's threats") is not one of them, nor is anyone when the
    text lists no group ("Congressional Leaders")."""
    if not group_title(onto.context, doc.title):
        return []
    named = [m for m in sorted(mentions, key=lambda m: (m.sentence, m.start))
             if m.how in NAMED and getattr(ents.get(m.entity), "type", "") == "Person"]
    people = [m for m in named if m.sentence > 0]
    best: list[str] = []
    run: list = []
    for prev, m in zip([None] + people, people):
        # a list in one sentence, or in bullets ("- President Klaus Iohannis of Romania")
        linked = prev is not None and (prev.sentence == m.sentence or m.sentence == prev.sentence + 1) \
            and _LIST_GAP.fullmatch(doc.text, prev.end, m.start) is not None \
            and (prev.sentence == m.sentence or _BULLET.search(doc.text, prev.end, m.start) is not None)
        run = run + [m] if linked else [m]
        if len({x.entity for x in run}) > len(best) and _introduced(onto.context, doc.text, run[0].start):
            best = list(dict.fromkeys(x.entity for x in run))
    # who held the calls: the person the title names, else the first one the text names
    return list(dict.fromkeys([named[0].entity] + best)) if len(best) >= 3 else []


def _introduced(ctx, text: str, start: int) -> bool:
    """A list of the people met: after "with", "included", "Participants:" (context.yaml
    `list_cues`), not "condemned the actions of President Putin, ..."""
    cues = _LIST_CUES.get(ctx.list_cues) or _cache_cues(ctx.list_cues, lambda: re.compile("|".join(
        rf"\b{re.escape(c)}\b" if c[:1].isalnum() else re.escape(c) for c in ctx.list_cues)))
    return bool(ctx.list_cues) and cues.search(text[max(0, start - 80):start].lower()) is not None


# between two people of a list: their country, a separator, the next one's title
# ("of Estonia; Prime Minister", ", European Commission President", "; and President",
# "of Antigua and Barbuda - Prime Minister", "of Saint Vincent and the Grenadines")
_LIST_GAP = re.compile(r"(?:\s+of\s+(?:the\s+)?[A-Z][\w.\-’']*(?:\s+(?:(?:and|of)\s+)?(?:the\s+)?[A-Z][\w.\-’']*){0,4})?\s*[,;]?\s*"
                       r"(?:[-*•–]\s+)?(?:and\s+)?(?:[A-Z][\w.\-’']*\s+){0,6}")
_BULLET = re.compile(r"\n\s*[-*•–]\s")


_WORD = re.compile(r"[A-Za-z]+")
