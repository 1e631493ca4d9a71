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

import hashlib
import os
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from .coref import PeopleRegistry, find_mentions
from .errors import DocumentError, KgError
from .load import document_id, iter_sources, parse_document, read_bytes
from .ontology import Ontology, default_ontology
from .records import DocResult, Document, Entity, OffsetMap
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

    for key, outcome in run(tasks(), onto, jobs, cluster):
        outcomes[key] = outcome
        corpus.extracted += 1
        if cache is not None:
            cache.put(key, outcome)
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
            corpus.skipped.append(f"{name}: same content as {seen_hash[sha1]}, skipped")
            continue
        seen_hash[sha1] = name
        doc_id = document_id(name)
        if doc_id in seen_id:
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


# ---------------------------------------------------------------- atomic outputs

def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()      # read once, at import: os.umask cannot be read without setting it


def write_atomic(path: Path, data: bytes | str | Callable[[BinaryIO], object]):
    """Write a file so that a reader sees the old content or the new, never half of it.

    ``data`` is the content, or a function that writes it to the binary file it is
    given (for outputs too big to hold in memory); its return value is returned."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)        # mkstemp makes 0600; outputs are for sharing
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                value = data(fh)
            else:
                value = fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return value
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
    extracted: int = 0            # documents extracted by this build
    reused: int = 0               # documents taken unchanged from the store's cache
    triples: int = 0              # triples in kg.ttl
    store: Path | None = None     # the Oxigraph store (None with store=False)


def build(paths: Iterable[str | os.PathLike], out_dir: str | os.PathLike = "exports",
          onto: Ontology | None = None, progress=None, jobs: int = 1, cluster: str | None = None,
          store: str | os.PathLike | bool | None = None) -> BuildReport:
    """Build the graph of ``paths`` into ``out_dir``: kg.ttl, kg.html (with, for a big
    graph, neighbourhood pages in entities/) and store/.

    ``store``: where the Oxigraph store and the extraction cache go (default
    ``out_dir/store``); False for neither (every document is extracted again).
    ``jobs``, ``cluster``, ``progress``: see :func:`extract_corpus`."""
    from .graph import write_turtle
    from .render import ENTITY_DIR, remove_stale_pages, render_pages
    from .store import ExtractionCache, fingerprint, store_dir, write_store
    onto = onto or default_ontology()
    out = Path(out_dir)
    where = None if store is False else store_dir(out, None if store in (None, True) else store)
    cache = ExtractionCache(where / "cache.sqlite", fingerprint(onto)) if where else None
    try:
        corpus = extract_corpus(list(paths), onto, progress, jobs, cluster, cache)
        entities = corpus.entities(onto)
        ttl, html = out / "kg.ttl", out / "kg.html"
        _phase(progress, f"writing {ttl}")
        triples = write_atomic(ttl, lambda fh: write_turtle(corpus, entities, fh))
        graph_store = None
        with ThreadPoolExecutor(max_workers=1) as background:
            if where:   # Oxigraph loads outside the GIL: the store fills while the pages render
                _phase(progress, f"writing {html} and the store {where}")
                docs = {r.document.id: r.document.sha1 for r in corpus.results}
                loading = background.submit(write_store, where, ttl, docs, triples)
            else:
                _phase(progress, f"writing {html}")
            pages = render_pages(corpus, entities)           # kg.html comes last
            for rel, text in pages.items():
                write_atomic(out / rel, text)
            remove_stale_pages(out, pages)
            if where:
                graph_store = loading.result()
                cache.commit()
    finally:
        if cache is not None:
            cache.close()
    files = [ttl, html] if len(pages) == 1 else [ttl, out / ENTITY_DIR, html]
    return BuildReport(len(corpus.results), len(entities), corpus.predicate_counts(), files,
                       corpus.errors, corpus.skipped, corpus.extracted, corpus.reused, triples, graph_store)


def _phase(progress, label: str) -> None:
    if progress is not None:
        progress.phase(label)
