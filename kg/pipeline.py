"""The build: load -> segment -> match -> relate for each document, then graph and outputs."""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .coref import PeopleRegistry, find_mentions
from .errors import DocumentError, KgError
from .load import Source, iter_sources, read_document
from .ontology import Ontology, default_ontology
from .records import DocResult, Document, Entity
from .relate import extract
from .segment import segment


def extract_document(onto: Ontology, doc: Document, registry: PeopleRegistry | None = None) -> DocResult:
    """Run segment, match and relate on one loaded document."""
    registry = registry if registry is not None else PeopleRegistry()
    issuer, office = onto.issuer_for(doc.url)
    turns, sentences = segment(doc, onto.text, office)
    mentions, speakers, new = find_mentions(onto, doc, turns, sentences, issuer, registry)
    entities = onto.entities if not new else {**onto.entities, **{e.id: e for e in new}}
    assertions = extract(onto, doc, turns, sentences, mentions, speakers, issuer, entities)
    return DocResult(doc, turns, sentences, mentions, assertions, new)


@dataclass
class Corpus:
    """The extraction results of a build, in a stable order."""
    results: list[DocResult] = field(default_factory=list)
    errors: list[KgError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # duplicates, with the reason
    people: dict[str, Entity] = field(default_factory=dict)

    def entities(self, onto: Ontology) -> dict[str, Entity]:
        """Entities mentioned in the corpus (gazetteer and discovered), by id."""
        used: set[str] = set()
        for r in self.results:
            used.update(m.entity for m in r.mentions)
            for a in r.assertions:
                used.update((a.subject, a.object))
                if a.place:
                    used.add(a.place)
        every = {**onto.entities, **self.people}
        # a person used brings the state they act for
        for eid in list(used):
            ent = every.get(eid)
            if ent is not None and ent.country:
                used.add(ent.country)
        return {eid: every[eid] for eid in sorted(used) if eid in every}

    def predicate_counts(self) -> Counter:
        return Counter(a.predicate for r in self.results for a in r.assertions)


def extract_corpus(paths: list[str | os.PathLike], onto: Ontology | None = None,
                   progress: Callable[[int, Source], None] | None = None) -> Corpus:
    """Read and extract every document under ``paths``; bad files are reported, not fatal."""
    onto = onto or default_ontology()
    corpus = Corpus()
    registry = PeopleRegistry()
    seen_hash: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    errors: list[DocumentError] = []
    for n, source in enumerate(iter_sources(paths, errors)):
        if progress:
            progress(n, source)
        try:
            doc = read_document(source)
        except DocumentError as exc:
            errors.append(exc)
            continue
        if doc.sha1 in seen_hash:
            corpus.skipped.append(f"{doc.path}: same content as {seen_hash[doc.sha1]}, skipped")
            continue
        seen_hash[doc.sha1] = doc.path
        if doc.id in seen_id:
            doc = _rename(doc, seen_id)
        seen_id[doc.id] = doc.path
        corpus.results.append(extract_document(onto, doc, registry))
    corpus.errors = list(errors)
    corpus.results.sort(key=lambda r: r.document.id)
    corpus.people = dict(sorted(registry.people.items()))
    return corpus


def _rename(doc: Document, seen: dict[str, str]) -> Document:
    from dataclasses import replace
    new_id = f"{doc.id}_{doc.sha1[:8]}"
    return replace(doc, id=new_id)


# ---------------------------------------------------------------- atomic outputs

def write_atomic(path: Path, data: bytes | str) -> None:
    """Write a file so that a reader sees the old content or the new, never half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@dataclass
class BuildReport:
    documents: int
    entities: int
    relations: Counter
    files: list[Path]
    errors: list[KgError]
    skipped: list[str]


def build(paths: Iterable[str | os.PathLike], out_dir: str | os.PathLike = "exports",
          onto: Ontology | None = None, progress=None) -> BuildReport:
    """Build the graph of ``paths`` into ``out_dir`` (kg.ttl, kg.html, and for a big
    graph the neighbourhood pages in entities/)."""
    from .graph import to_turtle
    from .render import ENTITY_DIR, remove_stale_pages, render_pages
    onto = onto or default_ontology()
    corpus = extract_corpus(list(paths), onto, progress)
    entities = corpus.entities(onto)
    out = Path(out_dir)
    pages = render_pages(corpus, entities)           # kg.html comes last
    outputs = {out / "kg.ttl": to_turtle(corpus, entities)}
    outputs.update((out / rel, text) for rel, text in pages.items())
    for path, data in outputs.items():
        write_atomic(path, data)
    remove_stale_pages(out, pages)
    files = [out / "kg.ttl", out / "kg.html"]
    if len(pages) > 1:
        files.insert(1, out / ENTITY_DIR)
    return BuildReport(len(corpus.results), len(entities), corpus.predicate_counts(),
                       files, corpus.errors, corpus.skipped)
