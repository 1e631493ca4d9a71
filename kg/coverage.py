"""How much of a corpus the gazetteer covers.

``kg entities coverage CORPUS`` reports the size of the gazetteer (entities by
type, aliases written in the data, surfaces compiled into the automaton, people
with dated roles) and, over the corpus, the titled-person mentions
("Prime Minister Kishida", "Secretary Blinken": a ``person_titles`` title and one
to four capitalised words) and the share of them that resolve to a gazetteer
person, by name or through a role held on the document's date.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .errors import DocumentError
from .ontology import Ontology
from .suggest import TitledNameFinder, iter_documents


@dataclass
class GazetteerStats:
    entities: int
    by_type: dict[str, int]
    aliases: int               # labels, aliases and demonyms as written in the data
    surfaces: int              # strings in the automaton (with generated role phrases)
    people_with_roles: int
    roles: int
    wikidata: int


@dataclass
class Coverage:
    gazetteer: GazetteerStats
    documents: int = 0
    titled: int = 0
    resolved: int = 0
    unresolved_names: Counter = field(default_factory=Counter)
    errors: list[DocumentError] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.resolved / self.titled if self.titled else 0.0


def gazetteer_stats(onto: Ontology) -> GazetteerStats:
    ents = onto.entities
    by_type = Counter(e.type for e in ents.values())
    aliases = sum(1 + len(e.aliases) + len(onto.extra[eid].demonyms) for eid, e in ents.items())
    gaz = onto._cache["gazetteer"]
    return GazetteerStats(
        entities=len(ents), by_type=dict(sorted(by_type.items())), aliases=aliases,
        surfaces=sum(1 for p in gaz.surfaces.values() if p[0] != "stop"),
        people_with_roles=sum(1 for e in ents.values() if e.type == "Person" and e.roles),
        roles=sum(len(e.roles) for e in ents.values()),
        wikidata=sum(1 for e in ents.values() if e.wikidata))


def coverage(paths: Iterable[str | os.PathLike], onto: Ontology,
             progress: Callable[[int, str], None] | None = None) -> Coverage:
    """Count titled-person mentions in ``paths`` and how many the gazetteer resolves."""
    finder = TitledNameFinder(onto)
    cov = Coverage(gazetteer_stats(onto))
    for doc in iter_documents(paths, cov.errors, progress):
        cov.documents += 1
        for t in finder.find(doc):
            cov.titled += 1
            if t.person is not None:
                cov.resolved += 1
            else:
                cov.unresolved_names[t.name] += 1
    return cov


def format_coverage(cov: Coverage, top: int = 20) -> str:
    g = cov.gazetteer
    lines = [
        f"entities: {g.entities} ({', '.join(f'{t} {n}' for t, n in g.by_type.items())})",
        f"aliases written: {g.aliases}; surfaces compiled: {g.surfaces}",
        f"people with dated roles: {g.people_with_roles} ({g.roles} roles); wikidata ids: {g.wikidata}",
        f"documents read: {cov.documents}",
        f"titled-person mentions: {cov.titled}; resolved: {cov.resolved} ({cov.share:.1%})",
    ]
    if top and cov.unresolved_names:
        lines.append(f"most frequent unresolved names (top {top}):")
        for name, n in cov.unresolved_names.most_common(top):
            lines.append(f"  {n:6d}  {name}")
    if cov.errors:
        lines.append(f"could not read {len(cov.errors)} file(s)")
    return "\n".join(lines)
