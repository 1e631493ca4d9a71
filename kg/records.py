"""Small typed records that flow one way through the pipeline.

load -> Document; segment -> Turn, Sentence; match -> Mention;
relate -> Assertion; graph -> the RDF and networkx views of them.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in a cleaned text back to offsets in the original file.

    Stored as runs: clean text ``[clean[i], clean[i+1])`` was copied from the
    original starting at ``orig[i]``.  Characters inserted by the cleaner (a space
    joining two wrapped lines) map to the original character they replace.
    """

    clean: tuple[int, ...]
    orig: tuple[int, ...]

    def to_original(self, offset: int) -> int:
        i = bisect_right(self.clean, offset) - 1
        if i < 0:
            return offset
        return self.orig[i] + (offset - self.clean[i])


@dataclass(frozen=True, slots=True)
class Document:
    id: str                  # file name without extension
    path: str                # path as given (or archive member)
    title: str
    date: str | None         # ISO yyyy-mm-dd, None when absent or unparseable
    url: str | None
    category: str | None
    text: str                # cleaned body: paragraphs separated by "\n\n"
    offsets: OffsetMap       # cleaned body offset -> original file offset
    title_offset: int = 0    # where the title value starts in the original file
    sha1: str = ""           # digest of the original bytes
    warnings: tuple[str, ...] = ()  # what was missing or unreadable and how it was replaced


@dataclass(frozen=True, slots=True)
class Turn:
    index: int
    speaker: str             # the label as written ("SENIOR ADMINISTRATION OFFICIAL")
    role: str                # host | official | reporter | operator | audience | title
    start: int               # offsets of the turn's text (label excluded) in Document.text
    end: int
    label_start: int = -1    # where the label itself starts, -1 for implicit turns


class Sentence(NamedTuple):
    """A named tuple, not a dataclass: a document has hundreds, made twice as fast."""
    index: int               # position in the document
    turn: int                # Turn.index; -1 for the title
    start: int               # offsets in Document.text (or in the title when turn == -1)
    end: int
    text: str


NAMED = ("gazetteer", "role", "discovered")    # how a mention names its entity (not by a pronoun)


@dataclass(frozen=True, slots=True)
class Mention:
    entity: str              # entity id
    start: int               # offsets in Document.text (title: in the title)
    end: int
    sentence: int
    text: str
    how: str                 # gazetteer | role | discovered | pronoun | possessive | pair | possessive_pair | group
    #                          | definite ("the summit": its span is "the", its text the description)
    adjective: bool = False  # "Russian" rather than "Russia"


@dataclass(frozen=True, slots=True)
class Assertion:
    subject: str
    predicate: str
    object: str
    modality: str            # asserted | planned | conditional
    document: str
    sentence: int
    start: int               # offsets of the sentence in Document.text (title: in title)
    end: int
    quote: str
    speaker: str
    role: str
    rule: str
    reported: bool = False   # found in a reporter's question
    in_title: bool = False
    orig_start: int = 0      # offsets of the sentence in the original file
    orig_end: int = 0
    place: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)


@dataclass(slots=True)
class Entity:
    id: str
    type: str                # Person | State | Organization | Forum | Place | Agreement
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None         # for people: the state they act for
    adjectives: tuple[str, ...] = ()   # "Russian": mentions that stand for the entity
    roles: tuple["Role", ...] = ()
    discovered: bool = False           # minted from the text, not from the gazetteer
    source: str = ""                   # ontology file it came from


@dataclass(frozen=True, slots=True)
class Role:
    title: str               # e.g. head_of_state, secretary_of_state
    of: str                  # entity id of the state or organisation
    start: str | None = None # ISO dates, inclusive; None = open
    end: str | None = None

    def holds_on(self, date: str | None) -> bool:
        if date is None:
            return self.end is None
        if self.start and date < self.start:
            return False
        if self.end and date > self.end:
            return False
        return True


@dataclass(slots=True)
class DocResult:
    """Everything extracted from one document: what graph building needs."""

    document: Document
    turns: list[Turn]
    sentences: list[Sentence]
    mentions: list[Mention]
    assertions: list[Assertion]
    new_entities: list[Entity] = field(default_factory=list)
