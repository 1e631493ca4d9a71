"""The build: load -> segment -> match -> relate for each document, then graph and outputs.

A build streams: documents are read one at a time (from folders or archives),
extracted in this process, on all cores (``jobs``) or on a Dask cluster
(``cluster``), and only what the graph needs is kept (:func:`slim`).  Each
document is extracted on its own, with nothing carried over from the documents
before it, so the order and the place of extraction cannot change the result;
people discovered in several documents are merged afterwards
(:func:`merge_people`) in document-id order.
"""
from __future__ import annotations

import gc
import hashlib
import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from .coref import PeopleRegistry, find_named, one_side, resolve_mentions
from .errors import DocumentError, KgError
from .load import document_id, iter_sources, parse_document, read_bytes
from .ontology import Ontology, default_ontology
from .outputs import Staging, remove_stale_temps, write_atomic  # noqa: F401 (write_atomic: kg.pipeline API)
from .records import DocResult, Document, Entity, OffsetMap
from .relate import extract
from .segment import segment
from .units import sentence_words


def extract_document(onto: Ontology, doc: Document, registry: PeopleRegistry | None = None) -> DocResult:
    """Run segment, match and relate on one loaded document."""
    registry = registry if registry is not None else PeopleRegistry()
    issuer, office = onto.issuer_for(doc.url)
    turns, sentences = segment(doc, onto.text, office)
    named = find_named(onto, doc, turns, sentences, issuer, registry)
    new = list(named.new.values())
    in_order = lambda ms: sorted(ms, key=lambda m: (m.sentence, m.start))    # noqa: E731
    if one_side(onto, named, issuer):     # a domestic text: nothing to relate
        return DocResult(doc, turns, sentences, in_order(named.mentions + named.qualifiers), [], new)
    words = sentence_words(doc, sentences)
    candidates = {i: onto.rules.candidates(w) for i, w in words.items()}
    mentions = resolve_mentions(onto, doc, turns, sentences, named, candidates)
    entities = onto.entities if not new else {**onto.entities, **named.new}
    assertions = extract(onto, doc, turns, sentences, mentions, named.speakers, issuer, entities, words, candidates,
                         named.qualifiers)
    # "the Emir of Kuwait" names Kuwait too (for no rule: added after them)
    return DocResult(doc, turns, sentences, in_order(mentions + named.qualifiers), assertions, new)


def slim(result: DocResult) -> DocResult:
    """What a build keeps of a document: its metadata (not its text), its assertions,
    the people it discovered, and the first mention of each entity it names."""
    first: dict[str, object] = {}
    for m in result.mentions:
        first.setdefault(m.entity, m)
    doc = replace(result.document, text="", offsets=OffsetMap((), ()))
    return DocResult(doc, [], [], list(first.values()), result.assertions, result.new_entities)


def extract_source(onto: Ontology, name: str, data: bytes) -> DocResult | str:
    """Parse and extract one file on its own (fresh registry of people): the slim
    result, or the reason the file cannot be used."""
    try:
        doc = parse_document(name, data)
    except DocumentError as exc:
        return exc.reason
    try:
        return slim(extract_document(onto, doc, PeopleRegistry()))
    except Exception as exc:    # a bug met on one document must not cost the other 12,000
        return f"extraction failed ({type(exc).__name__}: {exc})"


@dataclass
class Corpus:
    """The extraction results of a build, in a stable order.

    ``results`` are slim (see :func:`slim`): document metadata without the text,
    assertions, discovered people, one mention per entity named."""
    results: list[DocResult] = field(default_factory=list)
    errors: list[KgError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # duplicates, with the reason
    warnings: list[DocumentError] = field(default_factory=list)   # built, with something replaced
    renamed: list[str] = field(default_factory=list)     # a file name another document has: new id
    people: dict[str, Entity] = field(default_factory=dict)
    extracted: int = 0        # documents extracted by this build
    reused: int = 0           # documents whose results came from the store's cache

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


def merge_people(results: list[DocResult]) -> dict[str, Entity]:
    """One entity per discovered person id over all documents (in the order given):
    the label written most often and the country given most often; ties go to
    the earliest document."""
    found: dict[str, list[Entity]] = {}
    for r in results:
        for e in r.new_entities:
            found.setdefault(e.id, []).append(e)
    people = {}
    for eid in sorted(found):
        seen = found[eid]
        label = _most_common([e.label for e in seen])
        country = _most_common([e.country for e in seen if e.country])
        people[eid] = Entity(eid, "Person", label, (), None, country, (), (), True, "discovered")
    return people


def _most_common(values: list[str]) -> str | None:
    if not values:
        return None
    counts = Counter(values)
    first = {}
    for i, v in enumerate(values):
        first.setdefault(v, i)
    return min(counts, key=lambda v: (-counts[v], first[v]))


def extract_corpus(paths: list[str | os.PathLike], onto: Ontology | None = None,
                   progress=None, jobs: int = 1, cluster: str | None = None, cache=None) -> Corpus:
    """Read and extract every document under ``paths``; bad files are reported, not fatal.

    ``jobs`` > 1 extracts on that many processes, ``cluster`` (a Dask scheduler
    address) on a cluster; ``cache`` (kg.store.ExtractionCache) gives back the
    results of documents seen by an earlier build. ``progress`` (kg.progress.Progress)
    is told the documents done. The result is the same whatever runs the extraction."""
    from .parallel import run
    onto = onto or default_ontology()
    corpus = Corpus()
    entries: list = []                          # per source, in input order
    outcomes: dict[str, DocResult | str] = {}   # by key: sha1 of the bytes + name's id
    meter = _Meter(progress)

    def tasks() -> Iterator[tuple[str, str, bytes]]:
        errors: list[DocumentError] = []
        wanted: set[str] = set()
        for source in iter_sources(paths, errors):
            entries.extend(errors)
            errors.clear()
            try:
                data = read_bytes(source)
            except DocumentError as exc:
                entries.append(exc)
                meter.add(source.disk, 0)
                continue
            sha1 = hashlib.sha1(data).hexdigest()
            key = f"{sha1}:{document_id(source.name)}"
            entries.append((source.name, key, sha1))
            if key in wanted or key in outcomes:
                meter.add(source.disk, len(data))
                continue
            hit = cache.get(key) if cache is not None else None
            if hit is not None:
                outcomes[key] = hit
                corpus.reused += 1
                meter.add(source.disk, len(data))
                continue
            wanted.add(key)
            meter.expect(key, source.disk, len(data))
            yield key, source.name, data
        entries.extend(errors)

    for key, outcome, encoded in run(tasks(), onto, jobs, cluster):
        outcomes[key] = outcome
        corpus.extracted += 1
        if cache is not None:
            cache.put(key, outcome, encoded)
        meter.done(key)
    _assemble(corpus, entries, outcomes)
    return corpus


class _Meter:
    """Running totals for the progress bar."""

    def __init__(self, progress):
        self.progress = progress
        self.docs = self.text = self.disk = 0
        self.pending: dict[str, tuple[int, int]] = {}

    def expect(self, key: str, disk: int, size: int) -> None:
        self.pending[key] = (disk, size)

    def done(self, key: str) -> None:
        self.add(*self.pending.pop(key, (0, 0)))

    def add(self, disk: int, size: int) -> None:
        self.docs += 1
        self.text += size
        self.disk += disk
        if self.progress is not None:
            self.progress.update(self.docs, self.text, self.disk)


def _assemble(corpus: Corpus, entries: list, outcomes: dict) -> None:
    """Errors, duplicates and renames in input order, exactly as a one-by-one run."""
    seen_hash: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, DocumentError):
            corpus.errors.append(entry)
            continue
        name, key, sha1 = entry
        out = outcomes[key]
        if isinstance(out, str):
            corpus.errors.append(DocumentError(name, out))
            continue
        if sha1 in seen_hash:
            corpus.skipped.append(f"{name}: same content as {seen_hash[sha1]}")
            continue
        seen_hash[sha1] = name
        doc_id = document_id(name)
        corpus.warnings.extend(DocumentError(name, w) for w in out.document.warnings)
        if doc_id in seen_id:
            corpus.renamed.append(f"{name}: the id {doc_id!r} is taken by {seen_id[doc_id]}; "
                                  f"this document is {doc_id}_{sha1[:8]}")
            doc_id = f"{doc_id}_{sha1[:8]}"
        seen_id[doc_id] = name
        corpus.results.append(relabel(out, doc_id, name))
    corpus.results.sort(key=lambda r: r.document.id)
    corpus.people = merge_people(corpus.results)


def relabel(result: DocResult, doc_id: str, path: str) -> DocResult:
    """The same result under another document id and path (ids are labels only)."""
    doc = result.document
    if doc.id == doc_id and doc.path == path:
        return result
    assertions = result.assertions if doc.id == doc_id else \
        [replace(a, document=doc_id) for a in result.assertions]
    return DocResult(replace(doc, id=doc_id, path=path), result.turns, result.sentences,
                     result.mentions, assertions, result.new_entities)


# ---------------------------------------------------------------- the build

class StrictError(KgError):
    """``build(strict=True)`` met corpus faults; nothing was written. Lists them all."""

    def __init__(self, faults: list[str]):
        super().__init__(f"--strict: {len(faults)} corpus fault(s), nothing written:\n"
                         + "\n".join(f"  {f}" for f in faults))
        self.faults = faults


def corpus_faults(corpus: Corpus) -> list[str]:
    """Every file refused, built with a warning, or skipped, as "file: reason" lines."""
    return [str(e) for e in corpus.errors] + [str(w) for w in corpus.warnings] + list(corpus.skipped)


@dataclass
class BuildReport:
    documents: int
    entities: int
    relations: Counter
    files: list[Path]
    errors: list[KgError]
    skipped: list[str]
    warnings: list[KgError] = field(default_factory=list)   # built, with something replaced
    renamed: list[str] = field(default_factory=list)         # documents given a new id
    extracted: int = 0            # documents extracted by this build
    reused: int = 0               # documents taken unchanged from the store's cache
    triples: int = 0              # triples in kg.ttl
    store: Path | None = None     # the Oxigraph store (None with store=False)


@contextmanager
def _no_cyclic_gc():
    """The cyclic garbage collector off while a build runs (it wraps :func:`build`): the
    records a build makes by the hundred thousand hold no cycles (reference counting
    frees them), and every collection walked them all again (1 s of the parent's CPU
    for the corpus, a tenth of a rebuild). Left as it was found."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_no_cyclic_gc()
def build(paths: Iterable[str | os.PathLike], out_dir: str | os.PathLike = "exports",
          onto: Ontology | None = None, progress=None, jobs: int = 1, cluster: str | None = None,
          store: str | os.PathLike | bool | None = None, strict: bool = False) -> BuildReport:
    """Build the graph of ``paths`` into ``out_dir``: kg.ttl, kg.html (with, for a big
    graph, neighbourhood pages in entities/) and store/.

    ``store``: where the Oxigraph store and the extraction cache go (default
    ``out_dir/store``); False for neither (every document is extracted again).
    ``strict``: any corpus fault (a file refused, built with a warning or skipped as
    a duplicate) raises :class:`StrictError` and nothing is written.
    ``jobs``, ``cluster``, ``progress``: see :func:`extract_corpus`.

    Every output is written to a temporary file first and all are renamed into place
    at the end, kg.html last: a build that fails or is killed leaves the previous
    outputs as they were."""
    from .graph import write_turtle
    from .render import ENTITY_DIR, remove_stale_pages, render_pages
    from .store import ExtractionCache, StoreFeed, discard_store, fingerprint, publish_store, store_dir
    onto = onto or default_ontology()
    out = Path(out_dir)
    where = None if store is False else store_dir(out, None if store in (None, True) else store)
    made = _missing_dirs(where) if where else []
    cache = ExtractionCache(where / "cache.sqlite", fingerprint(onto)) if where else None
    staging, staged_store, feed = Staging(), None, None
    try:
        corpus = extract_corpus(list(paths), onto, progress, jobs, cluster, cache)
        if strict and corpus_faults(corpus):
            if cache is not None:       # closed uncommitted: the cache stays as it was
                cache.close()
                cache = None
                _remove_made(made, where / "cache.sqlite")
            raise StrictError(corpus_faults(corpus))
        entities = corpus.entities(onto)
        ttl, html = out / "kg.ttl", out / "kg.html"
        remove_stale_temps(out, lambda name: name in ("kg.ttl", "kg.html"))
        remove_stale_temps(out / ENTITY_DIR, lambda name: True)
        # the store fills from the triples as the Turtle is written (on the second core,
        # outside the GIL), and goes on while the pages render
        feed = StoreFeed(where) if where else None
        _phase(progress, f"writing {ttl} and the store {where}" if feed else f"writing {ttl}")
        triples = staging.write(ttl, lambda fh: write_turtle(corpus, entities, fh,
                                                             copy_to=feed.write if feed else None))
        _phase(progress, f"writing {html}")
        pages = render_pages(corpus, entities)           # kg.html comes last
        for rel, text in pages.items():
            staging.write(out / rel, text)
        if feed is not None:
            staged_store, feed = feed.finish(), None
        # everything is written: publish it (renames), the store with its manifest, kg.html last
        staging.publish(exclude=(html,))
        graph_store = None
        if where:
            docs = {r.document.id: r.document.sha1 for r in corpus.results}
            graph_store, staged_store = publish_store(where, staged_store, ttl, docs, triples), None
        staging.publish()
        remove_stale_pages(out, pages)
        if where:
            cache.commit()
    finally:
        if feed is not None:
            feed.abort()
        staging.discard()
        discard_store(staged_store)
        if cache is not None:
            cache.close()
    files = [ttl, html] if len(pages) == 1 else [ttl, out / ENTITY_DIR, html]
    return BuildReport(len(corpus.results), len(entities), corpus.predicate_counts(), files,
                       corpus.errors, corpus.skipped, corpus.warnings, corpus.renamed, corpus.extracted,
                       corpus.reused, triples, graph_store)


def _missing_dirs(path: Path) -> list[Path]:
    """The folders of ``path`` (itself included) that do not exist yet, deepest first."""
    missing = []
    for p in (path, *path.parents):
        if p.exists():
            break
        missing.append(p)
    return missing


def _remove_made(made: list[Path], cache_file: Path) -> None:
    """Undo what opening the cache created, when the build writes nothing."""
    if made:
        for p in (cache_file, cache_file.with_name(cache_file.name + "-journal")):
            try:
                p.unlink()
            except OSError:
                pass
        for folder in made:
            try:
                folder.rmdir()
            except OSError:
                break


def _phase(progress, label: str) -> None:
    if progress is not None:
        progress.phase(label)
