"""Where extraction runs: in this process, on all cores, or on a Dask cluster.

Extraction of one document depends on nothing but the document and the
ontology (see kg.pipeline.extract_source), so documents can go to any worker
in any order; the parent merges the results in a fixed order afterwards and
the graph is the same byte for byte whatever ran the extraction.

Documents travel in batches (up to ``BATCH_DOCS`` documents or ``BATCH_BYTES``
bytes) and only a few batches per worker are in flight at a time, so memory
stays flat however large the input is. Results come back encoded as the
extraction cache keeps them (kg.store.encode_result: compact JSON): decoding
them costs the parent less than unpickling the records, and the cache stores
the bytes as they came.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import select
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from functools import lru_cache
from itertools import chain, islice
from typing import Iterable, Iterator

from .errors import KgError

BATCH_DOCS = 48
BATCH_BYTES = 1 << 20
IN_FLIGHT = 3            # batches per worker waiting or running
CONNECT_TIMEOUT = 20     # seconds to reach a Dask scheduler

# A task: (key, name, bytes). An outcome: a DocResult or the reason the document failed;
# run() yields (key, outcome, the outcome encoded, or None when it was extracted here).
Task = tuple[str, str, bytes]


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:          # not on Linux
        return max(1, os.cpu_count() or 1)


def batches(tasks: Iterable[Task], max_docs: int | None = None, max_bytes: int | None = None
            ) -> Iterator[list[Task]]:
    max_docs, max_bytes = max_docs or BATCH_DOCS, max_bytes or BATCH_BYTES
    batch: list[Task] = []
    size = 0
    for task in tasks:
        batch.append(task)
        size += len(task[2])
        if len(batch) >= max_docs or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def extract_batch(onto, batch: list[Task]) -> list[tuple[str, bytes]]:
    """Run on a worker: extract every document of a batch; the outcomes encoded."""
    from .pipeline import extract_source
    from .store import encode_result
    onto = _ontology(onto)
    return [(key, encode_result(extract_source(onto, name, data))) for key, name, data in batch]


def _decoded(encoded: list[tuple[str, bytes]]) -> Iterator[tuple[str, object, bytes]]:
    from .store import decode_result
    for key, blob in encoded:
        yield key, decode_result(blob), blob


def portable(onto):
    """The ontology as it travels to workers: the object itself, or, when something
    cached on it cannot be pickled, the folder it was loaded from (workers load it)."""
    try:
        pickle.dumps(onto)
        return onto
    except Exception:
        return str(onto.root)


@lru_cache(maxsize=4)
def _load(root: str):
    from .ontology import load_ontology
    return load_ontology(root)


def _ontology(onto):
    return _load(onto) if isinstance(onto, str) else onto


def run(tasks: Iterable[Task], onto, jobs: int = 1, cluster: str | None = None
        ) -> Iterator[tuple[str, object, bytes | None]]:
    """Extract every task; yield (key, outcome, encoded outcome or None) as results come
    in (any order)."""
    if cluster:
        yield from _run_cluster(batches(tasks), onto, cluster)
    elif jobs <= 1:
        yield from _inline(tasks, onto)
    else:
        yield from _run_local(batches(tasks), onto, jobs)


def _inline(tasks: Iterable[Task], onto) -> Iterator[tuple[str, object, None]]:
    from .pipeline import extract_source
    for key, name, data in tasks:
        yield key, extract_source(onto, name, data), None


# ---------------------------------------------------------------- all cores

_WORKER_ONTO = None


def _init_worker(onto, parent: int | None = None) -> None:
    global _WORKER_ONTO
    _WORKER_ONTO = onto
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), name="kg-parent-watch", daemon=True).start()


def _exit_with(parent: int) -> None:
    """Stop this worker when the build that started it is gone: a build killed with
    SIGKILL has no time to stop its workers, which would otherwise wait forever."""
    try:
        fd = os.pidfd_open(parent)          # Linux >= 5.3: readable once the process ends
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):       # elsewhere: look every second
        while True:
            time.sleep(1)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except OSError:
                pass
    select.select([fd], [], [])
    os._exit(1)


def _worker_batch(batch: list[Task]) -> list[tuple[str, bytes]]:
    return extract_batch(_WORKER_ONTO, batch)


def _context():
    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def _run_local(work: Iterator[list[Task]], onto, jobs: int) -> Iterator[tuple[str, object, bytes | None]]:
    first = list(islice(work, 2))
    if len(first) < 2:              # one batch: a pool would only cost its start-up
        for batch in first:
            yield from _inline(batch, onto)
        return
    pending = chain(first, work)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_init_worker,
                               initargs=(portable(onto), os.getpid()))
    try:
        running = {pool.submit(_worker_batch, batch) for batch in islice(pending, jobs * IN_FLIGHT)}
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                yield from _decoded(fut.result())
            running |= {pool.submit(_worker_batch, batch) for batch in islice(pending, len(done))}
    except BaseException:           # Ctrl-C, an error, or the caller stopped: stop the workers now
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


# ---------------------------------------------------------------- a Dask cluster

def _run_cluster(work: Iterator[list[Task]], onto, address: str) -> Iterator[tuple[str, object, bytes]]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise KgError("--cluster needs Dask distributed: pip install 'kg[cluster]'") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise KgError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    with client:
        workers = client.nthreads()
        if not workers:
            raise KgError(f"the Dask scheduler at {address} has no workers")
        window = IN_FLIGHT * sum(workers.values())
        onto_ref = client.scatter(portable(onto), broadcast=True, hash=False)
        running = as_completed(loop=client.loop)
        for batch in islice(work, window):
            running.add(client.submit(extract_batch, onto_ref, batch, pure=False))
        for fut in running:
            try:
                outcomes = fut.result()
            except Exception as exc:    # a worker died, or the cluster cannot import kg
                first = str(exc).splitlines()[0] if str(exc) else ""
                raise KgError(f"the Dask cluster at {address} failed: {type(exc).__name__}: {first} "
                              "(the scheduler and the workers need this version of kg installed)") from None
            fut.release()
            yield from _decoded(outcomes)
            for batch in islice(work, 1):
                running.add(client.submit(extract_batch, onto_ref, batch, pure=False))
