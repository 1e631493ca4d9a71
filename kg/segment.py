"""Stage 2, segment: Document -> speaker turns and sentences with character offsets."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from .names import word_alternation
from .ontology import TextConfig
from .records import Document, Sentence, Turn

# A speaker label: upper-case words at the start of a line, then a colon. Looked for
# after each newline (and at the start of the text): a pattern that opens with a literal
# lets the regex engine skip to the newlines, where "^" in multi-line mode made it try
# every position (five times slower).
# (upper-case letters with accents too: "PRESIDENT NIINISTÖ:", "PRESIDENT LÓPEZ OBRADOR:")
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_LABEL_BODY = rf"(?P<label>[{_UPPER}][{_UPPER}0-9 .,'’\-&]*?[{_UPPER}.0-9])[ \t]*:[ \t]*"
_LABEL = re.compile(_LABEL_BODY)
_LINE_LABEL = re.compile("\n" + _LABEL_BODY)
_QUESTION = r"(?P<label>{q})(?::[ \t]*|[ \t]+(?=\S))"


@lru_cache(maxsize=8)
def _question_re(labels: tuple[str, ...]) -> re.Pattern:
    """A question label at the start of a line ("Q:"). The "start of a line" test sits
    after each label's first letter (see kg.names.word_alternation): the engine then
    jumps from one "Q" to the next instead of trying every position."""
    if not all(labels):
        return re.compile("^" + _QUESTION.format(q="|".join(map(re.escape, labels))), re.M)
    return re.compile(_QUESTION.format(q=word_alternation(list(labels), r"[^\n]")))


def segment_turns(doc: Document, cfg: TextConfig, office: str = "") -> list[Turn]:
    """Split the body into speaker turns. Text before the first label, and a
    document with no labels at all (a readout, a statement), is spoken by the
    issuing office."""
    text = doc.text
    starts: list[tuple[int, int, str]] = []   # (label start, text start, label)
    opening = _LABEL.match(text)
    for m in chain([opening] if opening else (), _LINE_LABEL.finditer(text)):
        label = " ".join(m.group("label").replace("’", "'").split())
        if _is_speaker(label, cfg):
            starts.append((m.start("label"), m.end(), label))
    if cfg.question_labels:
        for m in _question_re(tuple(cfg.question_labels)).finditer(text):
            if _at_paragraph_start(text, m.start()):
                starts.append((m.start(), m.end(), m.group("label")))
    starts.sort()
    turns: list[Turn] = []
    first = starts[0][0] if starts else len(text)
    if text[:first].strip():
        turns.append(Turn(0, office, "official", 0, _rstrip_end(text, 0, first)))
    for i, (label_start, start, label) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        turns.append(Turn(len(turns), label, role_of(label, cfg), start, _rstrip_end(text, start, end),
                          label_start))
    return turns


def _at_paragraph_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _is_speaker(label: str, cfg: TextConfig) -> bool:
    words = label.split()
    if not words or len(words) > cfg.max_label_words:
        return False
    if label in cfg.not_speakers or label.rstrip(".") in cfg.not_speakers:
        return False
    if label in cfg.roles:
        return True
    # at least one word of three letters: "A." or "U.S." alone is not a speaker
    return any(len(w.strip(".'’-")) >= 3 for w in words)


def role_of(label: str, cfg: TextConfig) -> str:
    """The role of a speaker label: the longest listed label that starts it."""
    words = label.split()
    for n in range(len(words), 0, -1):
        role = cfg.roles.get(" ".join(words[:n]))
        if role:
            return role
    return cfg.default_role


# ---------------------------------------------------------------- sentences

# A candidate sentence end: terminal punctuation, optional closing quotes or
# brackets, then whitespace.  Newlines always end a sentence, and punctuation takes the
# newlines right after it (one candidate for the common ".\n", not two).  (The same
# ends as "[.!?…]+[\"'”’)\]]*(?=\s)|\n+"; opening with one character class lets the
# regex engine skip to the places it occurs, twice as fast.)
#
# The second branch, "sure", is the common end that needs no word test: a period after
# two lower-case letters, before spaces and a capital ("... the talks. The"), when no
# abbreviation ends in those two letters (the {tails}, filled in from the configured
# abbreviations; a lower-case tail rules out initials and list numbers). Every other
# candidate goes through _is_end, which gives the same answer more slowly.
_END_PATTERN = (r"[.!?…\n](?:(?<=\n)\n*"
                r"|(?<=[a-z][a-z]\.){tails}(?P<sure>)[\"'”’)\]]*(?= +[A-Z])"
                r"|[.!?…]*[\"'”’)\]]*(?:\n+|(?=\s)))")


@lru_cache(maxsize=8)
def _end_re(abbreviations: frozenset[str]) -> re.Pattern:
    tails = sorted({a[-3:-1] for a in abbreviations
                    if len(a) >= 3 and a[-1] == "." and "a" <= a[-3] <= "z" and "a" <= a[-2] <= "z"})
    not_tails = f"(?<!(?:{'|'.join(tails)})\\.)" if tails else ""
    return re.compile(_END_PATTERN.format(tails=not_tails))


def split_sentences(text: str, start: int, end: int, abbreviations: frozenset[str],
                    name_abbreviations: frozenset[str] = frozenset(),
                    openers: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (offsets into ``text``). One of the
    ``name_abbreviations`` after a capitalised word ends the sentence when the next
    word is one of the ``openers`` ("... Prime Minister Hun Sen. Then he ...")."""
    spans: list[tuple[int, int]] = []
    sent_start = start
    for m in _end_re(abbreviations).finditer(text, start, end):
        punct, stop = m.span()
        if m.lastindex:               # sure: letters before the period, no space after it
            while text[sent_start].isspace():
                sent_start += 1
            spans.append((sent_start, stop))
        elif text[stop - 1] == "\n" or _is_end(text, punct, stop, sent_start, end, abbreviations,
                                               name_abbreviations, openers):
            _add_span(spans, text, sent_start, stop)
        else:
            continue
        sent_start = stop
    _add_span(spans, text, sent_start, end)
    return spans


_NEXT = re.compile(r"\S")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_NUMBERED = re.compile(r"\d+\.")
_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[^\W\d_]+")
_OPENERS = "(\"'“‘["
_CLOSERS = "\"'”’)]"


def _is_end(text: str, punct: int, stop: int, sent_start: int, end: int, abbreviations: frozenset[str],
            name_abbreviations: frozenset[str] = frozenset(), openers: frozenset[str] = frozenset()) -> bool:
    """Whether the terminal punctuation ``text[punct:stop]`` (closing quotes included) ends
    a sentence; ``text[stop]`` is the space after it (a newline would have been part of
    the match, which always ends a sentence).

    The next character that is not a space decides most cases: none (the end of the
    turn) ends the sentence, a lower-case letter does not, nor does ",", ";" or ":"
    after a period. Only a period before something else needs the word it ends."""
    at = stop + 1
    nxt = text[at] if at < end else ""
    if not nxt or nxt.isspace():
        following = _NEXT.search(text, stop, end)
        if following is None:
            return True
        nxt, at = following.group(), following.start()
    if nxt.islower():
        return False
    last = stop - 1
    while text[last] in _CLOSERS:
        last -= 1
    if text[last] != ".":                 # "?", "!", "…"
        return True
    if nxt in ",;:":
        return False
    # the word the period ends: back to the last whitespace (no regex scan from the
    # sentence start, which made long sentences quadratic)
    space = text.rfind(" ", sent_start, stop)
    word = text[max(space + 1, sent_start):stop]
    if "\n" in word or "\t" in word:
        word = word[max(word.rfind("\n"), word.rfind("\t")) + 1:]
    bare = word.lstrip(_OPENERS).rstrip(_CLOSERS)
    if bare in abbreviations or bare.lower() in abbreviations:
        # "... with the U.S. The talks" stays one sentence: a known abbreviation
        # ends a sentence only at the end of a paragraph, or where it ends a name
        return bare in name_abbreviations and _ends_name(text, space, sent_start, at, end, openers)
    # initials ("Joseph R. Biden"), then list numbers ("No. 5."); the regexes run only where
    # the word could be one (a capital or a digit before the period)
    if len(bare) >= 2 and "A" <= bare[-2] <= "Z" and _INITIALS.fullmatch(bare):
        return False
    if len(bare) <= 3 and bare[0].isdecimal() and _NUMBERED.fullmatch(bare):
        return nxt.isupper()
    return True


def _ends_name(text: str, space: int, sent_start: int, at: int, end: int, openers: frozenset[str]) -> bool:
    """Whether a name abbreviation (its word starts after ``text[space]``) is the end of a
    name that ends the sentence: the word before it is capitalised ("Hun Sen.", "Biden,
    Jr."), and the word at ``at`` (after opening quotes) is a sentence opener ("Then")."""
    if space <= sent_start or not openers:
        return False
    before = text[max(text.rfind(" ", sent_start, space) + 1, sent_start):space].rstrip(",")
    if not before or not before[0].isupper() or not before[-1].isalpha():
        return False
    while at < end and text[at] in _OPENERS:
        at += 1
    following = _WORD.match(text, at, end)
    return following is not None and following.group() in openers and \
        (following.end() == end or not (text[following.end()].isalpha() or text[following.end()] == "."))


def _add_span(spans: list[tuple[int, int]], text: str, start: int, stop: int) -> None:
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    # a span with a letter or a digit ([^\W_] is str.isalnum): most open with one
    if stop > start and (text[start].isalnum() or _ALNUM.search(text, start, stop)):
        spans.append((start, stop))


def segment(doc: Document, cfg: TextConfig, office: str = "") -> tuple[list[Turn], list[Sentence]]:
    """Turns and sentences of a document. Sentence 0 is the title (turn -1)."""
    turns = segment_turns(doc, cfg, office)
    sentences = [Sentence(0, -1, 0, len(doc.title), doc.title)] if doc.title else []
    text, abbreviations, make = doc.text, cfg.abbreviations, Sentence._make
    names, openers = cfg.name_abbreviations, cfg.sentence_openers
    for turn in turns:
        base, ti = len(sentences), turn.index
        # _make (tuple.__new__ on a ready tuple) skips the named tuple's argument parsing
        sentences.extend([make((base + k, ti, s, e, text[s:e]))
                          for k, (s, e) in enumerate(split_sentences(text, turn.start, turn.end, abbreviations,
                                                                          names, openers))])
    return turns, sentences
