"""Stage 2, segment: Document -> speaker turns and sentences with character offsets."""
from __future__ import annotations

import re
from functools import lru_cache

from .match import word_alternation
from .ontology import TextConfig
from .records import Document, Sentence, Turn

# A speaker label: upper-case words at the start of a line, then a colon.
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z0-9 .,'’\-&]*?[A-Z.0-9])[ \t]*:[ \t]*", re.M)
_QUESTION = r"(?P<label>{q})(?::[ \t]*|[ \t]+(?=\S))"


@lru_cache(maxsize=8)
def _question_re(labels: tuple[str, ...]) -> re.Pattern:
    """A question label at the start of a line ("Q:"). The "start of a line" test sits
    after each label's first letter (see kg.match.word_alternation): the engine then
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
    for m in _LABEL.finditer(text):
        label = " ".join(m.group("label").replace("’", "'").split())
        if _is_speaker(label, cfg) and _at_paragraph_start(text, m.start()):
            starts.append((m.start(), m.end(), label))
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
# brackets, then whitespace.  Newlines always end a sentence.  (The same matches as
# "[.!?…]+[\"'”’)\]]*(?=\s)|\n+"; opening with one character class lets the regex
# engine skip to the places it occurs, twice as fast.)
_END = re.compile(r"[.!?…\n](?:(?<=\n)\n*|[.!?…]*[\"'”’)\]]*(?=\s))")


def split_sentences(text: str, start: int, end: int, abbreviations: frozenset[str]
                    ) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (offsets into ``text``)."""
    spans: list[tuple[int, int]] = []
    sent_start = start
    rfind = text.rfind
    for m in _END.finditer(text, start, end):
        stop = m.end()
        if text[m.start()] != "\n":
            # the word the punctuation ends: back to the last whitespace (no regex scan
            # from the sentence start, which made long sentences quadratic)
            ws = max(rfind(" ", sent_start, stop), rfind("\n", sent_start, stop), rfind("\t", sent_start, stop))
            # the next character that is not a space (text[stop] is the space the match saw)
            nxt = text[stop + 1] if stop + 1 < end else ""
            if not nxt or nxt.isspace():
                following = _NEXT.search(text, stop, end)
                nxt = following.group() if following else ""
            if not _ends_sentence(text[max(ws + 1, sent_start):stop], nxt, abbreviations):
                continue
        _add_span(spans, text, sent_start, stop)
        sent_start = stop
    _add_span(spans, text, sent_start, end)
    return spans


_NEXT = re.compile(r"\S")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_NUMBERED = re.compile(r"\d+\.")
_ALNUM = re.compile(r"[^\W_]")


def _ends_sentence(word: str, nxt: str, abbreviations: frozenset[str]) -> bool:
    """Whether ``word`` (ending in terminal punctuation) ends a sentence; ``nxt``: the next
    character that is not a space ("" at the end of the turn)."""
    bare = word.lstrip("(\"'“‘[").rstrip("\"'”’)]")
    if bare.endswith(("?", "!", "…")) and (not nxt or not nxt.islower()):
        return True
    if bare in abbreviations or bare.lower() in abbreviations:
        # "... with the U.S. The talks" stays one sentence: a known abbreviation
        # ends a sentence only at the end of a paragraph.
        return not nxt
    if _INITIALS.fullmatch(bare):                  # initials: "Joseph R. Biden"
        return not nxt
    if _NUMBERED.fullmatch(bare) and len(bare) <= 3:   # "No. 5." / list numbers
        return not nxt or nxt.isupper()
    if nxt and (nxt.islower() or nxt in ",;:"):
        return False
    return True


def _add_span(spans: list[tuple[int, int]], text: str, start: int, stop: int) -> None:
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start and _ALNUM.search(text, start, stop):
        spans.append((start, stop))


def segment(doc: Document, cfg: TextConfig, office: str = "") -> tuple[list[Turn], list[Sentence]]:
    """Turns and sentences of a document. Sentence 0 is the title (turn -1)."""
    turns = segment_turns(doc, cfg, office)
    sentences = [Sentence(0, -1, 0, len(doc.title), doc.title)] if doc.title else []
    text, append, abbreviations = doc.text, sentences.append, cfg.abbreviations
    for turn in turns:
        for s, e in split_sentences(text, turn.start, turn.end, abbreviations):
            append(Sentence(len(sentences), turn.index, s, e, text[s:e]))
    return turns, sentences
