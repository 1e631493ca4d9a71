"""Curation: what a corpus names that the gazetteer does not know.

``kg entities suggest CORPUS`` streams the documents and counts two kinds of
candidates the gazetteer misses:

- titled names: a title from ``context.yaml`` ``person_titles`` followed by one to
  four capitalised words ("Prime Minister Kishida", "President Yoon Suk Yeol")
  that no gazetteer person or role phrase covers;
- organisation-like phrases: runs of capitalised words (with "of", "for", ...
  inside) that hold one of the head words of ``ontology/suggest.yaml``
  ("Council", "Summit", "Initiative", ...) and that no single gazetteer entry
  covers whole ("Quad Leaders' Summit", "Ukraine Defense Contact Group").

Each candidate comes with its count, the number of documents, and one example
sentence (document id and text), so that a user can decide what to add to
``ontology/gazetteer/*.yaml``.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import DocumentError, OntologyError
from .load import iter_sources, read_document
from .match import ENTITY, ROLE, holder
from .names import _NAME_WORD, _PARTICLE
from .ontology import Ontology, check_keys, read_yaml, str_list
from .records import Document

SUGGEST_FILE = "suggest.yaml"
_POSSESSIVE = re.compile(r"['\u2019]s\Z")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)]*\s+(?=[A-Z\"\u201c(])|\n\s*\n")


@dataclass(frozen=True)
class SuggestConfig:
    org_heads: frozenset[str]
    connectors: frozenset[str]
    not_first: frozenset[str]
    max_words: int
    not_person_names: frozenset[str] = frozenset()


def load_suggest_config(root: str | os.PathLike) -> SuggestConfig:
    """Read and validate ``ontology/suggest.yaml``."""
    path = Path(root) / SUGGEST_FILE
    f = str(path)
    if not path.exists():
        raise OntologyError(f, None, "file missing")
    data = check_keys(f, None, read_yaml(path), {"version": int, "org_heads": list, "connectors": list,
                                                  "not_first": list, "max_words": int,
                                                  "not_person_names": list}, ("org_heads",))
    heads = str_list(f, "org_heads", "org_heads", data.get("org_heads"))
    connectors = str_list(f, "connectors", "connectors", data.get("connectors"))
    for word in heads:
        if not word[:1].isupper() or " " in word:
            raise OntologyError(f, "org_heads", f"{word!r} is not one capitalised word")
    for word in connectors:
        if not word.islower() or " " in word:
            raise OntologyError(f, "connectors", f"{word!r} is not one lower-case word")
    max_words = data.get("max_words") or 8
    if max_words < 2:
        raise OntologyError(f, "max_words", f"must be at least 2, got {max_words}")
    return SuggestConfig(frozenset(heads), frozenset(connectors),
                         frozenset(str_list(f, "not_first", "not_first", data.get("not_first"))), max_words,
                         frozenset(str_list(f, "not_person_names", "not_person_names", data.get("not_person_names"))))


# ---------------------------------------------------------------- finders

@dataclass(frozen=True, slots=True)
class TitledName:
    start: int          # the title's start
    end: int            # the name's end
    title: str
    name: str
    person: str | None  # the gazetteer person it resolves to, None if unknown


class TitledNameFinder:
    """ "<Title> <Name>" with a one- to four-word name, and whom the gazetteer makes of it."""

    def __init__(self, onto: Ontology, config: SuggestConfig | None = None):
        ctx = onto.context
        titles = sorted(ctx.person_titles, key=len, reverse=True)
        config = config or load_suggest_config(onto.root)
        self.not_names = ctx.not_names | config.not_person_names
        self.onto = onto
        self.gaz = onto._cache["gazetteer"]
        self.regex = re.compile(
            r"(?<![\w.])(?P<title>" + "|".join(re.escape(t) for t in titles) + r")"
            r" (?P<name>" + _NAME_WORD + r"(?: (?:" + _NAME_WORD + "|" + _PARTICLE + r")){0,3})(?![\w])")

    def person_spans(self, doc: Document, hits: list | None = None) -> list[tuple[int, int, str]]:
        """Spans of the body where the gazetteer finds a person (by name or by role on the date)."""
        out = []
        ents = self.onto.entities
        for h in (self.gaz.find(doc.text) if hits is None else hits):
            if h.kind == ENTITY and ents[h.target].type == "Person":
                out.append((h.start, h.end, h.target))
            elif h.kind == ROLE and h.of:
                person = holder(self.onto, h.target, h.of, doc.date)
                if person:
                    out.append((h.start, h.end, person))
        return out

    def find(self, doc: Document, spans: list[tuple[int, int, str]] | None = None) -> Iterator[TitledName]:
        spans = self.person_spans(doc) if spans is None else spans
        starts = [s for s, _, _ in spans]
        for m in self.regex.finditer(doc.text):
            words = m.group("name").split()
            if words and _POSSESSIVE.search(words[-1]):
                words[-1] = _POSSESSIVE.sub("", words[-1])
            while words and (words[-1] in self.not_names or words[-1].endswith(".")):
                words.pop()
            if not words or words[0] in self.not_names or any(w in self.not_names for w in words):
                continue
            name = " ".join(words)
            n_start = m.start("name")
            n_end = n_start + len(name)
            person = None
            i = bisect_right(starts, n_end) - 1
            while i >= 0 and spans[i][1] > m.start():
                s, e, pid = spans[i]
                if s < n_end and n_start < e:
                    person = pid
                    break
                i -= 1
            yield TitledName(m.start(), n_end, m.group("title"), name, person)


class OrgPhraseFinder:
    """Runs of capitalised words that hold an organisation head word."""

    def __init__(self, onto: Ontology, config: SuggestConfig):
        self.config = config
        self.gaz = onto._cache["gazetteer"]
        self.skip = (onto.context.not_names | config.not_first) - config.org_heads
        word = r"(?:[A-Z][A-Za-z]*(?:[-'\u2019.][A-Za-z]+)*|[0-9]+)"
        conn = "|".join(sorted(config.connectors, key=len, reverse=True)) or "(?!)"
        self.regex = re.compile(r"(?<![\w\-])" + word + r"(?: (?:(?:" + conn + r") )*" + word + r")*")
        self.token = re.compile(r"\S+")

    def find(self, text: str, hit_spans: list[tuple[int, int]] | None = None) -> Iterator[tuple[int, int, str]]:
        spans = sorted(hit_spans if hit_spans is not None else ((h.start, h.end) for h in self.gaz.find(text)))
        starts = [s for s, _ in spans]
        for m in self.regex.finditer(text):
            for part in self._parts(text, m.start(), m.end()):
                yield from self._phrase(text, part, spans, starts)

    def _parts(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """A run split at " and the ": "the G7 and the Global Fund" names two bodies."""
        out, pos = [], start
        for sep in re.finditer(r" and the ", text[start:end]):
            out.append((pos, start + sep.start()))
            pos = start + sep.end()
        out.append((pos, end))
        return out

    def _phrase(self, text: str, part: tuple[int, int], spans: list[tuple[int, int]],
                starts: list[int]) -> Iterator[tuple[int, int, str]]:
        cfg = self.config
        toks = [(t.start(), t.end(), t.group()) for t in self.token.finditer(text, *part)]
        while toks and (toks[0][2] in self.skip or toks[0][2] in cfg.connectors or toks[0][2].isdigit()):
            toks.pop(0)
        if toks and _POSSESSIVE.search(toks[-1][2]):
            s, e, w = toks[-1]
            w = _POSSESSIVE.sub("", w)
            toks[-1] = (s, s + len(w), w)
        while toks and (toks[-1][2] in cfg.connectors or toks[-1][2] in self.skip):
            toks.pop()
        if not 2 <= len(toks) <= cfg.max_words:
            return
        words = [w for _, _, w in toks]
        if words[-1] not in cfg.org_heads and not (words[0] in cfg.org_heads and len(words) >= 3):
            return
        start, end = toks[0][0], toks[-1][1]
        i = bisect_right(starts, start) - 1
        if i >= 0 and spans[i][1] >= end:      # one gazetteer entry covers it all
            return
        yield start, end, text[start:end]


# ---------------------------------------------------------------- suggestions

@dataclass
class Candidate:
    kind: str                  # person | organization
    phrase: str
    count: int = 0
    documents: int = 0
    titles: Counter = field(default_factory=Counter)
    example: str = ""
    example_doc: str = ""


@dataclass
class Suggestions:
    documents: int
    people: list[Candidate]
    organizations: list[Candidate]
    errors: list[DocumentError]


def sentence_at(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence around ``text[start:end]``, on one line, at most ``limit`` characters."""
    lo = max(0, start - limit)
    begin = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        begin = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    stop = m.start() + 1 if m else min(len(text), end + limit)
    return " ".join(text[begin:stop].split())


def iter_documents(paths: Iterable[str | os.PathLike], errors: list[DocumentError],
                   progress: Callable[[int, str], None] | None = None) -> Iterator[Document]:
    seen: set[str] = set()
    for n, source in enumerate(iter_sources(list(paths), errors)):
        if progress:
            progress(n, source.name)
        try:
            doc = read_document(source)
        except DocumentError as exc:
            errors.append(exc)
            continue
        if doc.sha1 in seen:
            continue
        seen.add(doc.sha1)
        yield doc


def suggest(paths: Iterable[str | os.PathLike], onto: Ontology, min_count: int = 2, limit: int = 50,
            progress: Callable[[int, str], None] | None = None) -> Suggestions:
    """Titled names and organisation-like phrases of ``paths`` the gazetteer does not know."""
    config = load_suggest_config(onto.root)
    names = TitledNameFinder(onto, config)
    orgs = OrgPhraseFinder(onto, config)
    found: dict[tuple[str, str], Candidate] = {}
    errors: list[DocumentError] = []
    n_docs = 0

    def note(kind: str, phrase: str, doc: Document, start: int, end: int, seen: set) -> Candidate:
        c = found.get((kind, phrase))
        if c is None:
            c = found[(kind, phrase)] = Candidate(kind, phrase, example=sentence_at(doc.text, start, end),
                                                  example_doc=doc.id)
        c.count += 1
        if (kind, phrase) not in seen:
            seen.add((kind, phrase))
            c.documents += 1
        return c

    for doc in iter_documents(paths, errors, progress):
        n_docs += 1
        seen: set = set()
        hits = names.gaz.find(doc.text)
        spans = names.person_spans(doc, hits)
        for t in names.find(doc, spans):
            if t.person is None:
                note("person", t.name, doc, t.start, t.end, seen).titles[t.title] += 1
        for start, end, phrase in orgs.find(doc.text, [(h.start, h.end) for h in hits]):
            note("organization", phrase, doc, start, end, seen)

    def ranked(kind: str) -> list[Candidate]:
        cs = [c for (k, _), c in found.items() if k == kind and c.count >= min_count]
        cs.sort(key=lambda c: (-c.count, -c.documents, c.phrase))
        return cs[:limit] if limit else cs

    return Suggestions(n_docs, ranked("person"), ranked("organization"), errors)


def format_suggestions(s: Suggestions) -> str:
    lines = [f"documents read: {s.documents}"]
    for title, cands in (("titled names not in the gazetteer", s.people),
                         ("organisation-like phrases not in the gazetteer", s.organizations)):
        lines.append("")
        lines.append(f"{title} ({len(cands)}):")
        for c in cands:
            head = f"{c.count:6d}  {c.phrase}"
            if c.titles:
                head += "  [" + ", ".join(t for t, _ in c.titles.most_common(3)) + "]"
            lines.append(f"{head}  ({c.documents} docs)")
            lines.append(f"        {c.example_doc}: \u201c{c.example}\u201d")
    if s.errors:
        lines.append("")
        lines.append(f"could not read {len(s.errors)} file(s)")
    return "\n".join(lines)
