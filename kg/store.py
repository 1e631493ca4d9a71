"""The persistent store of a build: an Oxigraph database and an extraction cache.

``kg build --out exports`` keeps, next to ``kg.ttl`` and ``kg.html``::

    exports/store/oxigraph/       the graph in an on-disk Oxigraph store (RocksDB)
    exports/store/cache.sqlite    each document's extraction results, by content
    exports/store/manifest.json   document id -> sha1, triple count, the kg.ttl it holds

Later commands open the graph with :func:`open_store` instead of parsing
``kg.ttl`` again.  The next build of the same folder re-extracts only the
documents whose bytes changed (or that are new); results of unchanged ones come
from the cache, which is keyed by the sha1 of the file's bytes and its name and
is emptied whenever the ontology or kg's extraction code changes.  The cache
holds JSON, not pickles: a store handed over by someone else cannot run code.
"""
from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import shutil
import sqlite3
import threading
from dataclasses import fields
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .records import Assertion, DocResult, Document, Entity, Mention, OffsetMap, Role

STORE_DIR = "store"
OXIGRAPH_DIR = "oxigraph"
CACHE_FILE = "cache.sqlite"
MANIFEST = "manifest.json"
# the modules whose code decides what a document yields
EXTRACTION_MODULES = ("load", "segment", "match", "coref", "pronouns", "units", "arguments", "modality",
                      "relate", "rules", "anchors", "records", "ontology", "context", "datafiles",
                      "pipeline", "yamlsafe")


def kg_version() -> str:
    try:
        from importlib.metadata import version
        return version("kg")
    except Exception:           # not installed: running from a checkout
        return "unknown"


def store_dir(out_dir: str | os.PathLike, store: str | os.PathLike | None = None) -> Path:
    return Path(store) if store else Path(out_dir) / STORE_DIR


def fingerprint(onto) -> str:
    """Digest of kg's version, its extraction code and every file of the ontology."""
    h = hashlib.sha1(f"kg {kg_version()}\n".encode())
    here = Path(__file__).resolve().parent
    for name in EXTRACTION_MODULES:
        h.update(name.encode() + b"\0" + (here / f"{name}.py").read_bytes())
    root = Path(onto.root)
    for path in sorted(p for p in root.rglob("*.yaml") if p.is_file()):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- extraction cache

_DOC = [f.name for f in fields(Document) if f.name not in ("text", "offsets")]
_MENTION = [f.name for f in fields(Mention)]
_ASSERTION = [f.name for f in fields(Assertion)]
_ENTITY = [f.name for f in fields(Entity) if f.name != "roles"]


def encode_result(r: DocResult | str) -> bytes:
    """A slim DocResult (see kg.pipeline.slim), or a failure's reason, as compact JSON."""
    if isinstance(r, str):
        return json.dumps({"e": r}, ensure_ascii=False).encode("utf-8")
    data = {
        "d": [getattr(r.document, k) for k in _DOC],
        "m": [[getattr(m, k) for k in _MENTION] for m in r.mentions],
        "a": [[getattr(a, k) for k in _ASSERTION] for a in r.assertions],
        "n": [[getattr(e, k) for k in _ENTITY] + [[[x.title, x.of, x.start, x.end] for x in e.roles]]
              for e in r.new_entities],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_result(blob: bytes) -> DocResult | str:
    data = json.loads(blob)
    if "e" in data:
        return data["e"]
    meta = dict(zip(_DOC, data["d"]))
    meta["warnings"] = tuple(meta.get("warnings") or ())
    doc = Document(**meta, text="", offsets=OffsetMap((), ()))
    mentions = [Mention(*row) for row in data["m"]]
    assertions = [Assertion(*row) for row in data["a"]]
    people = []
    for row in data["n"]:
        ent = dict(zip(_ENTITY, row[:-1]))
        ent["aliases"], ent["adjectives"] = tuple(ent["aliases"]), tuple(ent["adjectives"])
        people.append(Entity(**ent, roles=tuple(Role(*x) for x in row[-1])))
    return DocResult(doc, [], [], mentions, assertions, people)


class ExtractionCache:
    """Extraction results by document content, in one SQLite file."""

    def __init__(self, path: str | os.PathLike, fingerprint: str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
            self.db.execute("CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, data BLOB)")
            row = self.db.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise KgError(f"{self.path}: not a kg extraction cache ({exc}); delete it to start afresh") from None
        if row is None or row[0] != fingerprint:
            self.db.execute("DELETE FROM docs")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
        self.keys = {k for (k,) in self.db.execute("SELECT key FROM docs")}
        self.used: set[str] = set()
        self._rows: dict[str, bytes] | None = None

    def get(self, key: str) -> DocResult | str | None:
        if key not in self.keys:
            return None
        if self._rows is None:      # one query for all: a query per document costs 10x more
            self._rows = dict(self.db.execute("SELECT key, data FROM docs"))
        blob = self._rows.pop(key, None)
        if blob is None:
            row = self.db.execute("SELECT data FROM docs WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            blob = row[0]
        self.used.add(key)
        return decode_result(blob)

    def put(self, key: str, result: DocResult | str, blob: bytes | None = None) -> None:
        """Keep a result, or the reason the document could not be used; ``blob``: the
        result already encoded (:func:`encode_result`), as workers send it."""
        self.db.execute("INSERT OR REPLACE INTO docs VALUES (?, ?)",
                        (key, blob if blob is not None else encode_result(result)))
        self.keys.add(key)
        self.used.add(key)

    def commit(self) -> None:
        """Keep what this build used, drop the rest (documents removed or changed)."""
        stale = self.keys - self.used
        self.db.executemany("DELETE FROM docs WHERE key = ?", ((k,) for k in stale))
        self.keys -= stale
        self._rows = None
        self.db.commit()

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------- the Oxigraph store

def write_store(directory: str | os.PathLike, ttl: Path, documents: dict[str, str], triples: int) -> Path:
    """Load ``ttl`` into a fresh Oxigraph store in ``directory``, replacing the old one
    only once the new one is complete, then write the manifest."""
    return publish_store(directory, stage_store(directory, ttl), ttl, documents, triples)


def stage_store(directory: str | os.PathLike, ttl: Path) -> Path:
    """Load ``ttl`` into a new Oxigraph store next to the current one (``oxigraph.new-PID``),
    which stays in use until :func:`publish_store`. Removes what killed builds left."""
    feed = StoreFeed(directory)
    try:
        feed.load_file(ttl, ox.RdfFormat.TURTLE)
        return feed.finish()
    except BaseException:
        feed.abort()
        raise


class StoreFeed:
    """A new store next to the current one (``oxigraph.new-PID``, in use only after
    :func:`publish_store`), filled with N-Triples while they are made instead of from
    kg.ttl once it is written. Pieces of about 8 MB go to Oxigraph's bulk loader on a
    thread of its own, which runs outside the GIL: the store fills on the second core
    while the build writes Turtle from the same triples and renders its pages. (Loaded
    in pieces, the corpus graph also loads faster than in one go: 2.3 s against 3.4 s.)"""

    PIECE = 8 << 20

    def __init__(self, directory: str | os.PathLike):
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(directory)
        self.staged = directory / f"{OXIGRAPH_DIR}.new-{os.getpid()}"
        shutil.rmtree(self.staged, ignore_errors=True)
        self._store: ox.Store | None = ox.Store(str(self.staged))
        self._parts: list[bytes] = []
        self._size = 0
        self._queue: queue.Queue = queue.Queue(maxsize=8)     # at most 64 MB waiting
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None          # started by the first piece

    def _load(self) -> None:
        while True:
            piece = self._queue.get()
            if piece is None:
                return
            if self._error is None:          # after an error, pieces are taken and dropped
                try:
                    # lenient: kg.graph mints only valid IRIs and literals (its tests parse them strictly)
                    self._store.bulk_load(input=piece, format=ox.RdfFormat.N_TRIPLES, lenient=True)
                except BaseException as exc:     # raised again by finish(), in the caller's thread
                    self._error = exc

    def write(self, data: bytes) -> None:
        """More N-Triples, in whole lines."""
        self._parts.append(data)
        self._size += len(data)
        if self._size >= self.PIECE:
            self._send()

    def load_file(self, path: Path, rdf_format: ox.RdfFormat) -> None:
        """A whole file, loaded now, in this thread."""
        self._store.bulk_load(path=str(path), format=rdf_format, lenient=True)

    def _send(self) -> None:
        if self._parts:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, daemon=True)
                self._thread.start()
            self._queue.put(b"".join(self._parts))
            self._parts, self._size = [], 0

    def finish(self) -> Path:
        """The end of the triples: wait for the store and return where it is."""
        self._send()
        self._stop()
        if self._error is not None:
            raise self._error
        self._store.flush()
        self._store = None               # closed: RocksDB lets go of the folder
        return self.staged

    def abort(self) -> None:
        """Stop, and remove what was loaded."""
        self._parts = []
        self._stop()
        self._store = None
        discard_store(self.staged)

    def _stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


def publish_store(directory: str | os.PathLike, staged: Path, ttl: Path, documents: dict[str, str],
                  triples: int) -> Path:
    """Put the store :func:`stage_store` made in place of the old one and write the
    manifest that ties it to ``ttl`` (which must be in place already)."""
    directory = Path(directory)
    final = directory / OXIGRAPH_DIR
    old = directory / f"{OXIGRAPH_DIR}.old-{os.getpid()}"
    if final.exists():
        os.replace(final, old)
    os.replace(staged, final)
    st = ttl.stat()
    # relative to the store: the exports folder may move as a whole
    manifest = {"kg_version": kg_version(), "ttl": os.path.relpath(ttl.resolve(), directory.resolve()),
                "ttl_size": st.st_size,
                "ttl_mtime_ns": st.st_mtime_ns, "triples": triples,
                "documents": dict(sorted(documents.items()))}
    from .outputs import write_atomic
    write_atomic(directory / MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    shutil.rmtree(old, ignore_errors=True)
    return final


def discard_store(staged: Path | None) -> None:
    if staged is not None:
        shutil.rmtree(staged, ignore_errors=True)


_LEFTOVER = re.compile(rf"^{OXIGRAPH_DIR}\.(?:new|old)-(\d+)$")


def _remove_leftovers(directory: Path) -> None:
    """Stores that builds killed midway left behind (their process is gone), and their
    temporary manifests."""
    from .outputs import remove_stale_temps
    for path in directory.iterdir():
        m = _LEFTOVER.match(path.name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            shutil.rmtree(path, ignore_errors=True)
    remove_stale_temps(directory, lambda name: name == MANIFEST)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:             # exists, but is someone else's
        return True
    return True


def read_manifest(out_dir: str | os.PathLike = "exports", store: str | os.PathLike | None = None) -> dict:
    path = store_dir(out_dir, store) / MANIFEST
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise KgError(f"{path}: no store here; run kg build --out {out_dir} first") from None
    except (OSError, ValueError) as exc:
        raise KgError(f"{path}: unreadable store manifest ({exc})") from None


def open_store(out_dir: str | os.PathLike = "exports", store: str | os.PathLike | None = None,
               read_only: bool = True) -> ox.Store:
    """The graph of the last build of ``out_dir`` as an Oxigraph store, without parsing
    kg.ttl again. Raises KgError when there is no store or kg.ttl changed since."""
    directory = store_dir(out_dir, store)
    manifest = read_manifest(out_dir, store)
    ttl = directory / manifest["ttl"]
    try:
        st = ttl.stat()
    except OSError:
        raise KgError(f"{directory}: the store belongs to {ttl}, which is gone; rebuild") from None
    if (st.st_size, st.st_mtime_ns) != (manifest["ttl_size"], manifest["ttl_mtime_ns"]):
        raise KgError(f"{directory}: {ttl} changed after the store was written; rebuild")
    path = directory / OXIGRAPH_DIR
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        raise KgError(f"{path}: cannot open the Oxigraph store ({exc})") from None
