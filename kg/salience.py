"""Stage 3, match (helper of kg.pronouns): finding pronouns fast, and who a subject "he" is
when the last man named is only the object of a preposition ("the President is looking
forward to meeting with Speaker McCarthy. ... But he is looking forward to ..."): the last
man named as a subject (or a subject "he" resolved), not the one met with."""
from __future__ import annotations

import re


def whole_words(text: str, regex: re.Pattern, words) -> list[re.Match]:
    """``regex.finditer(text)`` for a regex that matches any of ``words`` as a whole word
    (``\\b`` on both sides; words of letters only): the places are found with
    ``str.find``, which is several times faster than the regex over the whole text for
    a few rare words, and the regex is run there only. Whole words cannot overlap, so
    these are the regex's matches."""
    if not all(w.isalnum() for w in words):
        return list(regex.finditer(text))
    places = set()
    for w in words:
        i = text.find(w)
        while i >= 0:
            j = i + len(w)
            if (i == 0 or not _word_char(text[i - 1])) and (j == len(text) or not _word_char(text[j])):
                places.add(i)
            i = text.find(w, i + 1)
    return [m for m in (regex.match(text, i) for i in sorted(places)) if m is not None]


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


# a preposition, then only the names, titles and determiners of its object (a list of them too:
# "a briefing from Secretary Austin, Chairman Milley, and his National Security Advisor")
_PREP_OBJECT = re.compile(r"\b(?:with|to|for|from|by|about|against|toward|towards|between|among)\s+"
                          r"((?:(?:the|his|her|our|their|and|of|[A-Z][\w.’'-]*),?\s+){0,14})$")


_TITLE_WORD = re.compile(r"[A-Z][\w.’'-]*\s+$")
_AND = re.compile(r"\band\b")
_LIST_GOES_ON = re.compile(r",|\s+and\b")
_DETERMINER = re.compile(r"(?:the|his|her|our|their)\s")      # an apposition: "with his National Security Advisor, Jake Sullivan"


def prep_object(text: str, start: int, end: int, sent_start: int) -> bool:
    """A person's mention that is the object of a preposition ("on Monday with Prime Minister
    Kishida"). A comma between them counts only in a list ("from Secretary Austin, Chairman
    Milley, and ...") or after a title with its determiner ("with his National Security Advisor,
    Jake Sullivan"): not a clause's subject after an opening phrase ("according to Ottawa,
    Prime Minister Trudeau is ..."), nor a name after a title's preposition ("the NSC
    Coordinator for the Middle East, Brett McGurk"); nor is one followed by "'s"."""
    if text[end:end + 2] in ("'s", "’s"):
        return False
    m = _PREP_OBJECT.search(text, max(sent_start, start - 160), start)
    if m is None:
        return False
    chain = m.group(1)
    if "," not in chain:
        return True
    return bool(_AND.search(chain) or _LIST_GOES_ON.match(text, end) or _DETERMINER.match(chain)) \
        and not _TITLE_WORD.search(text, max(0, m.start() - 40), m.start())


_OPENING = re.compile(r"(?:(?:And|But|So|Now|Then|Again)\s+)?(?:[^\W\d][^,;:—–\"“”()?!]{0,40},\s*)?")


def subject_over_object(last_person, object_named: bool, last_subject, sent, ctx, speaker, text: str,
                        at: int, own_head: str | None) -> str | None:
    """The man a subject "he" that opens its sentence ("He", "And he", "But then, he") is instead
    of the last man named, when that one was named as the object of a preposition in an earlier
    sentence (not "no signs from Vladimir Putin that he is prepared to ...") and another was the
    subject of late (same turn, within the person window); None otherwise. Not when the man named
    last is the briefer's own head of state (``own_head``): "You hear that from the President. He
    just spoke to the Prime Minister" is the President."""
    if not object_named or last_person[1] == sent.index or not last_subject or last_subject[0] == last_person[0] \
            or not _OPENING.fullmatch(text, sent.start, at) \
            or last_subject[2] != sent.turn or sent.index - last_subject[1] > ctx.person_window \
            or last_subject[0] == getattr(speaker, "person", None) or last_person[0] == own_head:
        return None
    return last_subject[0]
