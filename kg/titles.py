"""Stage 4, relate (document level): what a document's title says about its sentences: the
forum a text was given at ("Remarks by ... at the Munich Security Conference"), the one
session the document is about ("Statement ... on the NATO Summit"), and the body that speaks
("Joint Statement by the G7 ...")."""
from __future__ import annotations

import re

from .rules import RuleSet

_AT = re.compile(r"\bat\s+(?:the\s+)?$")   # "... at the Munich Security Conference", "Meetings at NATO"


def _after_at(title: str, start: int) -> bool:
    return _AT.search(title[max(0, start - 8):start]) is not None


def venue_forum(title: str, mentions, entities) -> str | None:
    """"Remarks by Vice President Harris at the Munich Security Conference": the forum the
    text was given at ("here in Munich" is where it meets)."""
    for m in mentions:
        if getattr(entities.get(m.entity), "type", "") == "Forum" and _after_at(title, m.start):
            return m.entity
    return None


def session_forum(rules: RuleSet, title: str, mentions, entities) -> str | None:
    """"Statement of the President on the NATO Summit", "Background Press Call on President
    Biden's Meetings at NATO", "... on Day One of the Summit for Democracy": the one forum
    whose session the document is about (a forum, or a body named with a session word of
    lexicon `session_noun` after it or "at" before it); None when the title names several."""
    sessions = [p.split() for p in rules.lexicons.get("session_noun", ())]
    found = []
    for m in mentions:
        ent = entities.get(m.entity)
        if ent is None or ent.type not in ("Forum", "Organization"):
            continue
        after = title[m.end:].lower().replace("’", "'").split()
        # "... Before the 77th Session of the United Nations General Assembly": a session word and "of" before it
        before = [w for w in title[:m.start].lower().replace("’", "'").split() if w != "the"]
        if ent.type == "Forum" or _after_at(title, m.start) or any(after[:len(p)] == p for p in sessions) \
                or (before[-1:] == ["of"] and any(before[-1 - len(p):-1] == p for p in sessions)):
            found.append(m.entity)
    return found[0] if len(set(found)) == 1 else None


def title_author_body(onto, title: str, mentions, entities, parts) -> str | None:
    """"Joint Statement by the G7 Announcing Further Economic Costs on Russia": an
    international body named right after an author cue speaks in the title."""
    for cue in onto.context.author_cues + onto.context.joint_cues:
        if not title.startswith(cue):
            continue
        rest = len(cue)
        for m in sorted(mentions, key=lambda m: m.start):
            if m.start < rest:
                continue
            ent = entities.get(m.entity)
            if title[rest:m.start].strip() in ("", "the") and ent is not None \
                    and ent.type == "Organization" and m.entity not in parts:
                return m.entity
            return None
    return None
