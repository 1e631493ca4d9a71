"""A build killed midway (SIGKILL: no clean-up runs) leaves the previous outputs byte for
byte, no worker behind, and a store the next build and kg query can use.

A real ``python -m kg build`` runs on 60 documents into a folder that holds an earlier
build of the seeds, and is killed at three moments the test waits for on disk: while
extracting (the cache's journal exists), while writing (kg.ttl's temporary file
exists) and while loading the store (the new store folder exists)."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store import open_store, read_manifest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
COPIES = 12


@pytest.fixture(scope="module")
def bigger_input(tmp_path_factory) -> Path:
    """The seeds under 12 names each, each copy one sentence apart (no duplicates)."""
    folder = tmp_path_factory.mktemp("kill-input")
    for i in range(COPIES):
        for seed in SEEDS:
            (folder / f"{seed.stem}-{i:02d}.txt").write_bytes(seed.read_bytes() + f"\n\nCopy {i}.\n".encode())
    return folder


def outputs(out: Path) -> dict:
    """kg.ttl, kg.html and the store's manifest, as bytes."""
    return {name: (out / name).read_bytes() for name in ("kg.ttl", "kg.html", "store/manifest.json")}


def triple_count(out: Path) -> int:
    store = open_store(out)
    try:
        return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    finally:
        del store


def group_alive(pgid: int) -> list[int]:
    """Processes (not zombies) of a process group."""
    alive = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(int(entry))
    return alive


def kill_when(out: Path, source: Path, ready, jobs: int = 1, timeout: float = 120) -> None:
    """Start a build and SIGKILL its main process as soon as ``ready(out)`` holds."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(source), "--out", str(out),
                             "--jobs", str(jobs)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + timeout
    try:
        while not ready(out):
            assert proc.poll() is None, f"the build ended before the moment to kill it: {proc.stderr.read()}"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        # the workers stop on their own when the build is gone
        deadline = time.monotonic() + 10
        while group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_alive(proc.pid) == []
    finally:
        for pid in group_alive(proc.pid):      # only if the test failed: leave nothing running
            os.kill(pid, signal.SIGKILL)
        proc.stderr.close()


def extracting(out: Path) -> bool:
    return (out / "store" / "cache.sqlite-journal").exists()


def writing(out: Path) -> bool:
    return any(p.name.startswith(".kg.ttl.") for p in out.iterdir())


def loading_store(out: Path) -> bool:
    return any(p.name.startswith("oxigraph.new-") for p in (out / "store").iterdir())


def test_a_killed_build_leaves_the_previous_outputs_and_the_next_build_works(tmp_path, bigger_input, onto):
    out = tmp_path / "exports"
    build([ROOT / "seeds"], out, onto)
    before, triples = outputs(out), triple_count(out)

    for moment, jobs in ((extracting, 2), (writing, 1), (loading_store, 1)):
        kill_when(out, bigger_input, moment, jobs)
        assert outputs(out) == before, f"killed while {moment.__name__}"
        assert triple_count(out) == triples
    # what SIGKILL left: temporary files, which the next build removes
    assert any(p.name.startswith(".kg.ttl.") for p in out.iterdir())

    done = subprocess.run([sys.executable, "-m", "kg", "build", str(bigger_input), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"documents read: {COPIES * len(SEEDS)}" in done.stdout
    clean = tmp_path / "clean"
    build([bigger_input], clean, onto, store=False)
    assert (out / "kg.ttl").read_bytes() == (clean / "kg.ttl").read_bytes()
    assert (out / "kg.html").read_bytes() == (clean / "kg.html").read_bytes()
    leftovers = [p.name for p in [*out.iterdir(), *(out / "store").iterdir()] if p.name.startswith(".")
                 or ".new-" in p.name or ".old-" in p.name or p.name.endswith("-journal")]
    assert leftovers == []
    assert triple_count(out) == read_manifest(out)["triples"] > triples

    query = subprocess.run([sys.executable, "-m", "kg", "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                            "--graph", str(out), "--format", "csv"], cwd=ROOT, capture_output=True, text=True)
    assert query.returncode == 0 and query.stdout.split() == ["n", str(read_manifest(out)["triples"])]
    again = build([bigger_input], out, onto)       # the cache the killed builds touched is sound
    assert again.reused == COPIES * len(SEEDS) and again.extracted == 0
