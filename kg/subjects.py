"""Who a pronoun's clause names as its subject: the signatories after a joint statement's
"We, the leaders of ...", the actors coordinated before a possessive "their" ("The United
States and Italy affirm their support"), and the person who opens a sentence ("President
Biden spoke with ... He thanked him")."""
from __future__ import annotations

import re

_COMMA = re.compile(r",\s+")


def signatories(ctx, text: str, pos: int, mentions, ents) -> list[str]:
    """"We, the leaders of the European Commission, France, ... and the United States",
    "We the Leaders of the Group of Seven (G7)", "We, the President of France, Chancellor of
    Germany, ...": who "we" are in a joint statement (the states and bodies named right
    after "We", or the states of the office holders named there)."""
    m = ctx.signatory_intro.match(text, pos) if ctx.signatory_intro is not None else None
    people = m is None
    if people:
        m = _COMMA.match(text, pos)
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
        if people:
            who = ent.country if ent is not None and ent.type == "Person" else None
            if who is None:
                break
        else:
            who = mention.entity if ent is not None and ent.type in ("State", "Organization") else None
        if who and who not in found:
            found.append(who)
        end = mention.end
    one_body = not people and len(found) == 1 and ents[found[0]].type == "Organization"
    return found if len(found) >= 2 or one_body else []


_ACTORS = ("Person", "State", "Organization")
# before the first of the subject: an article, a title ("National Security Advisor Jake Sullivan")
_OPEN = re.compile(r"(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|of|for|the)\s+){0,8}")
AND = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", re.I)
_OF = re.compile(r"\s+of\s+(?:the\s+)?")                       # "Prime Minister Kishida of Japan"
_POSS = re.compile(r"['’]s\s+")                                # "Japan’s Prime Minister Kishida"
_VERB_GAP = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,4}")          # "affirm", "have long shared"
# ... or a whole clause of lower-case words before "their mutual", "their shared" (a pair's word)
_LONG_GAP = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,16}")
_PAIR_POSSESSIVE = re.compile(r"\w+\s+(?:mutual|shared|joint|respective|common|bilateral)\b")


def coordinated_subject(text: str, start: int, pos: int, mentions, ents) -> list[str]:
    """"The United States and Italy affirm their support", "President Biden and Prime Minister
    Kishida reiterated their ...": when a sentence opens with two actors or more joined by
    "and" or commas, and a few lower-case words lead from them to a possessive at ``pos`` (up to
    16 before "their mutual", "their shared": "The President and Prime Minister Morrison committed
    to take steps to ... and their mutual commitment"), the actors it refers to (else [])."""
    ms = sorted((m for m in mentions if m.start < pos), key=lambda m: m.start)
    if not ms or not _OPEN.fullmatch(text, start, ms[0].start):
        return []
    found: list[str] = []
    end = start
    for m in ms:
        ent = ents.get(m.entity)
        if ent is None or ent.type not in _ACTORS or m.adjective:
            return []
        if not found:
            found.append(m.entity)
        elif ent.type == "State" and _OF.fullmatch(text, end, m.start):
            pass                        # the country of the person before
        elif ent.type == "Person" and _POSS.fullmatch(text, end, m.start) \
                and getattr(ents.get(found[-1]), "type", "") == "State":
            found[-1] = m.entity        # "Japan’s Prime Minister Kishida": the person
        elif AND.fullmatch(text, end, m.start):
            found.append(m.entity)
        else:
            return []
        end = max(end, m.end)
    found = list(dict.fromkeys(found))
    gap = _LONG_GAP if _PAIR_POSSESSIVE.match(text, pos) else _VERB_GAP
    return found if len(found) >= 2 and gap.fullmatch(text, end, pos) else []


_AFTER_SUBJECT = re.compile(r"\s+(?:and\b|&)|\s*['’]s?\b|\s*[,(]")   # not the subject alone


def opening_person(text: str, start: int, m, fillers: tuple[tuple[str, ...], ...] = ()) -> bool:
    """``m``, a person's mention, opens the sentence at ``start`` as its subject alone
    ("President Biden spoke with ..."; not "President Biden’s call", "President Biden and ...");
    a filler set off by commas may follow ("President Biden, of course, has spoken ...")."""
    if _OPEN.fullmatch(text, start, m.start) is None:
        # "While in Egypt, President Biden will also meet ...": a short opening phrase may come first
        intro = _INTRO.match(text, start, m.start)
        if intro is None or len(intro.group().split()) > 6 or _OPEN.fullmatch(text, intro.end(), m.start) is None:
            return False
    if _AFTER_SUBJECT.match(text, m.end) is None:
        return True
    aside = _FILLER_ASIDE.match(text, m.end)
    return aside is not None and tuple(aside.group(1).lower().replace("’", "'").split()) in fillers


# a short opening phrase set off by a comma before a sentence's subject: "In Rome, he'll start
# with ...", "Tomorrow, he will participate in ...", "While in Egypt, President Biden will ..."
_INTRO = re.compile(r"[^\W\d][^,;:—–\"“”()?!]{0,40},\s*")


def opens_after_intro(text: str, start: int, at: int) -> bool:
    """Whether what stands at ``at`` is its sentence's subject after a short opening phrase."""
    head = text[start:at]
    return bool(head) and len(head.split()) <= 6 and _INTRO.fullmatch(head) is not None


_FILLER_ASIDE = re.compile(r",\s*([A-Za-z][A-Za-z'’ ]{0,20}?)\s*,\s+[a-z]")


_OBJECT_HER = re.compile(r"\s*[.,;:!?]|\s+(?:for|on|to|about|that|and|in|at|as|with)\b")


def object_pronoun(word: str, text: str, end: int, possessive) -> bool:
    """"him", or "her" used as an object ("thanked her for", "congratulated her."): not "his", "her role"."""
    return word not in possessive and word[0].islower() and not word.endswith("self") \
        and word not in ("he", "she") or (word == "her" and _OBJECT_HER.match(text, end) is not None)


def readout_pair(briefing: bool, title_people: list[str], prev_people: list[str], last_actor,
                 index: int, ents) -> bool:
    """In a readout (no speaker turns) whose title names two leaders, a sentence that opens
    with "They" right after one that names only those leaders ("The President welcomed
    Indonesia's forthcoming G20 Presidency ... They reflected on ..."): the two of them (people
    the gazetteer knows with a role), unless the sentence before names another state or body
    ("... the Houthis. They ...")."""
    if briefing or len(title_people) != 2 or not prev_people or not set(prev_people) <= set(title_people) \
            or not all(getattr(ents.get(p), "roles", None) for p in title_people):
        return False
    homes = {getattr(ents.get(p), "country", None) for p in title_people}
    return not (last_actor and last_actor[1] == index - 1 and last_actor[0] not in homes)


def subject_pair(briefing: bool, title_people: list[str], prev_subject: str | None, ents) -> bool:
    """In a readout (no speaker turns) whose title names two leaders, a sentence that opens
    with "They" right after one whose subject is one of them ("Mr. Sullivan emphasized that
    the United States is attuned to Israel's concerns about threats from Iran. They agreed to
    ...", "He also raised ... They discussed ..."): the two of them, whatever else the sentence
    before names (its subject is the one who spoke, not the states it spoke of)."""
    return len(title_people) == 2 and prev_subject in title_people and readout_parties(briefing, title_people, ents)


def readout_parties(briefing: bool, title_people: list[str], ents) -> bool:
    """A readout (no speaker turns) whose title names two or more people the gazetteer knows
    with a role or a country: the parties of the meeting or call it reads out."""
    return not briefing and len(title_people) >= 2 \
        and all(getattr(ents.get(p), "roles", None) or getattr(ents.get(p), "country", None) for p in title_people)
