"""Stage 4, relate (document level): a document's dateline, where it was given ("Remarks by ... |
Madrid, Spain"; "NATO Headquarters / Brussels, Belgium" before the time stamp; "En Route Rome,
Italy"), as the place of the session the document is about: "FORUM heldIn PLACE", rule
``held.dateline``. The words that open, end or void a dateline are lexicons of ontology/rules.yaml
(``dateline_*``)."""
from __future__ import annotations

import re

from .ontology import home_of
from .records import Assertion, Document, Mention, Sentence
from .rules import RuleSet

DATELINE_REACH = 300   # the body's dateline is in its first lines, before the time stamp
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\s*(\S+)")


def _phrases(rules: RuleSet, name: str) -> list[str]:
    """A lexicon's phrases in lower case, longest first (computed once per rule set)."""
    key = ("longest_first", name)
    cached = rules.phrase_cache.get(key)
    if cached is None:
        cached = rules.phrase_cache[key] = sorted((p.lower() for p in rules.lexicons.get(name, ())),
                                                  key=len, reverse=True)
    return cached


def _opens(line: str, phrases: list[str]) -> int:
    """The length of the phrase of `phrases` the line opens with, else -1."""
    low = line.lower()
    for p in phrases:
        if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()):
            return len(p)
    return -1


def dateline_lines(rules: RuleSet, title: str, text: str) -> list[tuple[bool, int, int, str]]:
    """The lines of a document's dateline: (in title, start, end, modality). The title's part
    after "|" or after an en-route phrase ("... En Route Madrid, Spain"), and the body's lines
    before its time stamp ("Institución Ferial de Madrid / Madrid, Spain / 10:17 A.M. CEST");
    no line that names no place ("Aboard Air Force One")."""
    no_place, en_route = _phrases(rules, "dateline_no_place"), _phrases(rules, "dateline_en_route")
    times, transit = set(_phrases(rules, "dateline_time")), _phrases(rules, "dateline_transit")

    def stop(line: str) -> bool:
        words = " " + " ".join(line.lower().split()) + " "
        return any(" " + p + " " in words or " " + p + "," in words for p in transit)

    out = []
    bar = title.rfind("|")
    if bar >= 0 and not stop(title[bar + 1:]):
        out.append((True, bar + 1, len(title), "asserted"))
    low = title.lower()
    for p in en_route:
        at = low.rfind(" " + p + " ")
        if at >= 0 and at > bar:
            if not stop(title[at:]):
                out.append((True, at + len(p) + 2, len(title), "planned"))
            break
    clock = _CLOCK.search(text, 0, DATELINE_REACH)
    if clock is None or clock.group(1).lower().rstrip(",") not in times:
        return out
    pos = 0
    for line in text[:clock.start()].split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if not body or _opens(body, no_place) >= 0 or stop(body):
            continue
        n = _opens(body, en_route)
        if n >= 0:
            out.append((False, start + lead + n, end, "planned"))
        else:
            out.append((False, start + lead, end, "asserted"))
    return out


def title_names_session(rules: RuleSet, title: str) -> bool:
    """Whether a title names a session ("... Ahead of the G20 Summit", "... Launch Event"), not
    only a forum ("Background Press Gaggle on the Lobito Corridor")."""
    words = " " + " ".join(re.findall(r"[\w'’-]+", title.lower().replace("’", "'"))) + " "
    return any(" " + p + " " in words for p in _phrases(rules, "session_noun") + _phrases(rules, "dateline_event"))


def _top(eid: str, parts) -> str:
    hops = 0
    while eid in parts and hops < 6:
        eid, hops = parts[eid], hops + 1
    return eid


def this_session_forum(rules: RuleSet, text: str, mentions, entities, parts, home: str | None) -> str | None:
    """The one forum or international body (rules type `forum`, not a body of the issuer's own
    government: "here at the White House") the text calls the session it is given at: "at this
    G20", "here at COP26"."""
    cues = _phrases(rules, "dateline_this")
    session_cues, sessions = _phrases(rules, "dateline_this_session"), _phrases(rules, "session_noun")
    kinds = set(rules.types.get("forum", ()))
    found = set()
    for m in mentions:
        if getattr(entities.get(m.entity), "type", "") not in kinds or m.how != "gazetteer" \
                or (home is not None and _top(m.entity, parts) == home):
            continue
        before = " ".join(text[max(0, m.start - 16):m.start].lower().split())
        if any(before.endswith(" " + c) or before == c for c in cues):
            found.add(m.entity)
        elif any(before.endswith(" " + c) or before == c for c in session_cues):
            # "this NATO Summit that we're attending": "this" before the forum, a session word after it
            after = " " + " ".join(text[m.end:m.end + 40].lower().replace("’", "'").split()[:3]) + " "
            if any(" " + p + " " in after for p in sessions):
                found.add(m.entity)
    return found.pop() if len(found) == 1 else None


def this_definite_forum(rules: RuleSet, text: str, mentions, entities, parts, home: str | None) -> str | None:
    """The one forum the text's "this summit" stands for (a definite description that coreference
    resolved to a session of a forum the text names: "at this summit", "this historic summit
    meeting"), not a body of the issuer's own government."""
    kinds = set(rules.types.get("forum", ()))
    here = {w.lower() for w in rules.lexicons.get("dateline_description", ())}
    found = {m.entity for m in mentions if m.how == "definite" and text[m.start:m.end].lower() in here
             and getattr(entities.get(m.entity), "type", "") in kinds
             and (home is None or _top(m.entity, parts) != home)}
    return found.pop() if len(found) == 1 else None


def only_forum(onto, text: str, mentions, entities, parts, home: str | None,
               title_sentence: int | None) -> str | None:
    """The one forum or international body a text names, when it calls the session it is given
    at "this summit" (`dateline_description` before a head of context.yaml `forum_descriptions`)
    and its title names that body or one of its officials: "Remarks by President Biden and NATO
    Secretary General ... | Madrid, Spain": "at this summit, the full Alliance is going to welcome
    Finland and Sweden" (not: a bilateral visit's "this summit" in a text that names the G7 once)."""
    cfg = onto.context.forum_descriptions
    if cfg is None or not cfg.heads:
        return None
    dets = sorted(d.lower() for d in onto.rules.lexicons.get("dateline_description", ()))
    heads = sorted({w.lower() for words in cfg.heads.values() for w in words})
    if not dets or not heads or not re.search(r"(?:^|(?<=\s))(?:" + "|".join(map(re.escape, dets)) + r")\s+(?:"
                                              + "|".join(map(re.escape, heads)) + r")(?=[\s,.]|$)", text.lower()):
        return None
    kinds = set(onto.rules.types.get("forum", ()))
    found = {m.entity for m in mentions if getattr(entities.get(m.entity), "type", "") in kinds
             and m.how == "gazetteer" and (home is None or _top(m.entity, parts) != home)}
    if len(found) != 1:
        return None
    titled = {m.entity for m in mentions if title_sentence is not None and m.sentence == title_sentence}
    titled |= {getattr(entities.get(e), "country", None) for e in titled}
    forum = found.pop()
    return forum if forum in titled else None


def dateline_places(lines: list[tuple[bool, int, int, str]], mentions, entities,
                    title_sentence: int | None) -> list[tuple[str, str, object]]:
    """(place, modality, mention) for each gazetteer place the dateline ``lines`` name."""
    out, seen = [], set()
    for t, start, end, modality in lines:
        # a line's first place is where it was given ("Glasgow, Scotland": Glasgow); a name may run
        # over the line break when two lines repeat it ("Institución Ferial de Madrid / Madrid, Spain")
        first = min((m for m in mentions if (m.sentence == title_sentence) == t and m.start < end
                     and start < m.end and getattr(entities.get(m.entity), "type", "") == "Place"),
                    key=lambda m: m.start, default=None)
        if first is None or first.entity in seen:
            continue
        seen.add(first.entity)
        out.append((first.entity, modality, first))
    return out


def dateline_forum(rules: RuleSet, lines: list[tuple[bool, int, int, str]], mentions, entities, parts,
                   home: str | None, title_sentence: int | None) -> str | None:
    """The one forum or international body a body's dateline ``lines`` name ("NATO Headquarters /
    Brussels, Belgium"), not one of the issuer's own government."""
    kinds = set(rules.types.get("forum", ()))
    found = {m.entity for t, start, end, _ in lines if not t
             for m in mentions if m.sentence != title_sentence and start <= m.start and m.end <= end
             and getattr(entities.get(m.entity), "type", "") in kinds and m.how == "gazetteer"
             and (home is None or _top(m.entity, parts) != home)}
    return found.pop() if len(found) == 1 else None


def dateline_held(onto, doc: Document, sentences: list[Sentence], mentions: list[Mention], entities,
                  parts, issuer: str, venue: str | None, doc_forum: str | None) -> list[Assertion]:
    """"FORUM heldIn PLACE" from a document's dateline ("Remarks by ... | Madrid, Spain"; "NATO
    Headquarters / Brussels, Belgium" before the time stamp): the session the document is about
    (its title's forum, else the one the text calls "this summit") is where the text was given;
    planned when the dateline says the speaker is en route there."""
    lines = dateline_lines(onto.rules, doc.title, doc.text)
    if not lines:
        return []       # most documents: no dateline, nothing to look up
    title_sentence = 0 if sentences and sentences[0].turn == -1 else None
    home = home_of(issuer, entities, parts) if issuer else None
    places = dateline_places(lines, mentions, entities, title_sentence)
    if not places:
        return []
    # the body whose seat the dateline names ("NATO Headquarters / Brussels, Belgium")
    seat = dateline_forum(onto.rules, lines, mentions, entities, parts, home, title_sentence)
    forum = venue or (doc_forum if title_names_session(onto.rules, doc.title) else None)
    if forum is None:
        forum = this_session_forum(onto.rules, doc.text, [m for m in mentions if m.sentence != title_sentence],
                                   entities, parts, home)
    if forum is None:   # the text is given at that body's seat
        forum = seat
    if forum is None:   # the text calls its session "this summit", a session of one forum it names
        forum = this_definite_forum(onto.rules, doc.text, mentions, entities, parts, home)
    if forum is None:   # "at this summit" in a text that names one international body only
        forum = only_forum(onto, doc.text, mentions, entities, parts, home, title_sentence)
    if forum is None:
        return []
    # a place of the issuer's own country is not where a session elsewhere was given, unless the
    # dateline names the body the title's session is part of, at its seat at home ("United Nations
    # Headquarters / New York, New York" for the UN General Assembly; not the body alone: remarks at
    # a body's seat are no session of it)
    if home is not None and (seat is None or seat == forum or _top(forum, parts) != seat):
        places = [p for p in places if _top(p[0], parts) != home]
    out = []
    for place, modality, m in places:
        sent = sentences[m.sentence]
        in_title = sent.turn == -1
        if in_title:
            ostart, oend = doc.title_offset, doc.title_offset + len(doc.title)
        else:
            ostart, oend = doc.offsets.to_original(sent.start), doc.offsets.to_original(sent.end - 1) + 1
        out.append(Assertion(subject=forum, predicate="heldIn", object=place, modality=modality, document=doc.id,
                             sentence=sent.index, start=sent.start, end=sent.end, quote=sent.text, speaker="",
                             role="title" if in_title else "official", rule="held.dateline", in_title=in_title,
                             orig_start=ostart, orig_end=oend))
    return out
