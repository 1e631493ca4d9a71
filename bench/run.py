"""Benchmark: the full corpus end to end, and extraction against a spaCy baseline.

    python bench/run.py                      # full corpus, --jobs 2, 10 MB spaCy sample
    python bench/run.py --sample-mb 5 --jobs 2 --corpus ../shared/corpus/wh-briefings-biden.tar.xz

Reports, in one run:
  1. ``kg build CORPUS --jobs N`` from a clean output folder, as a user runs it
     (a subprocess): wall time, documents/s, MB/s of text, peak RSS of the whole
     process tree (sampled every 50 ms and summed over the build and its workers),
     triples written; then the same build again with nothing changed (the store
     gives every document back).
  2. Turtle writing alone: the corpus's graph serialized from the store's cache,
     in triples/s.
  3. Extraction on the first --sample-mb MB of the corpus in one process: kg's
     full extraction (segment, match, coreference, relations), kg's sentence
     splitting + gazetteer matching alone, and a spaCy baseline doing the same
     gazetteer matching (blank English pipeline + sentencizer + EntityRuler over
     every surface form of kg's gazetteer), each as MB/s and as a ratio to spaCy.
     The three are timed in --rounds interleaved rounds (default 3) and each keeps its
     best round: one half-second measurement on a shared machine can be off by 50%.

The results are printed as Markdown (paste into bench/README.md) and saved to
bench/out/results.json. The machine is shared: the load average is recorded.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wh-briefings-biden.tar.xz"


# ---------------------------------------------------------------- end to end

class TreeMemory(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        import psutil
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.peak_processes = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        import psutil
        while not self.stopped.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            total = 0
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            if total > self.peak:
                self.peak, self.peak_processes = total, len(procs)
            self.stopped.wait(self.interval)


def run_build(corpus: Path, out: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid)
    mem.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    mem.stopped.set()
    mem.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"build failed ({proc.returncode}):\n{stderr}")
    docs = int(re.search(r"documents read: (\d+)", stdout).group(1))
    relations = int(re.search(r"relations: (\d+)", stdout).group(1))
    triples = json.loads((out / "store" / "manifest.json").read_text())["triples"]
    return {"command": " ".join(["python -m kg build", str(corpus), "--out", str(out), "--jobs", str(jobs)]),
            "wall_s": wall, "documents": docs, "relations": relations, "triples": triples,
            "peak_rss_tree_mb": mem.peak / 1e6, "processes_at_peak": mem.peak_processes,
            "errors": stderr.count("\n  "), "stdout": stdout}


def text_bytes(corpus: Path) -> int:
    """Bytes of the briefing files inside the corpus (not timed)."""
    from kg.load import SUFFIXES, input_size
    if corpus.is_dir():
        return input_size([corpus])
    with tarfile.open(corpus, "r:*") as tar:
        return sum(m.size for m in tar if m.isfile() and m.name.lower().endswith(SUFFIXES))


# ---------------------------------------------------------------- Turtle writing

def turtle_throughput(corpus: Path, out: Path) -> dict:
    from kg.graph import write_turtle
    from kg.ontology import load_ontology
    from kg.pipeline import extract_corpus
    from kg.store import ExtractionCache, fingerprint
    onto = load_ontology()
    cache = ExtractionCache(out / "store" / "cache.sqlite", fingerprint(onto))
    t = time.perf_counter()
    result = extract_corpus([corpus], onto, cache=cache)
    from_cache = time.perf_counter() - t
    cache.close()
    entities = result.entities(onto)
    target = out / "bench-kg.ttl"
    t = time.perf_counter()
    with open(target, "wb") as fh:
        triples = write_turtle(result, entities, fh)
    seconds = time.perf_counter() - t
    size = target.stat().st_size
    same = target.read_bytes() == (out / "kg.ttl").read_bytes()
    target.unlink()
    return {"triples": triples, "seconds": seconds, "triples_per_s": triples / seconds,
            "mb": size / 1e6, "identical_to_build": same, "reused_documents": result.reused,
            "read_back_from_cache_s": from_cache}


# ---------------------------------------------------------------- extraction vs spaCy

def sample(corpus: Path, megabytes: float) -> list[tuple[str, bytes]]:
    """The first ``megabytes`` MB of briefings, in archive order."""
    from kg.load import iter_sources, read_bytes
    out, size = [], 0
    for source in iter_sources([corpus]):
        data = read_bytes(source)
        out.append((source.name, data))
        size += len(data)
        if size >= megabytes * 1e6:
            break
    return out


def spacy_pipeline(onto):
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"validate": False})
    gaz = onto._cache["gazetteer"]
    ruler.add_patterns([{"label": payload[0].upper(), "pattern": surface}
                        for surface, payload in sorted(gaz.surfaces.items())])
    return nlp


def extraction_vs_spacy(corpus: Path, megabytes: float, rounds: int = 3) -> dict:
    from kg.coref import PeopleRegistry
    from kg.load import parse_document
    from kg.ontology import load_ontology
    from kg.pipeline import extract_document
    from kg.segment import segment
    onto = load_ontology()
    files = sample(corpus, megabytes)
    t = time.process_time()
    docs = [parse_document(n, d) for n, d in files]
    parse_s = time.process_time() - t
    mb = sum(len(d.text) + len(d.title) for d in docs) / 1e6

    gaz = onto._cache["gazetteer"]
    t = time.process_time()
    nlp = spacy_pipeline(onto)
    setup_s = time.process_time() - t
    ours_s = match_s = spacy_s = float("inf")
    for _ in range(max(1, rounds)):        # interleaved, so that a slow spell hits all three
        t = time.process_time()
        assertions = sum(len(extract_document(onto, d, PeopleRegistry()).assertions) for d in docs)
        ours_s = min(ours_s, time.process_time() - t)

        t = time.process_time()
        hits = 0
        for d in docs:
            _, office = onto.issuer_for(d.url)
            segment(d, onto.text, office)
            hits += len(gaz.find(d.text))
        match_s = min(match_s, time.process_time() - t)

        t = time.process_time()
        spacy_hits = spacy_sents = 0
        for doc in nlp.pipe((d.text for d in docs), batch_size=32):
            spacy_hits += len(doc.ents)
            spacy_sents += sum(1 for _ in doc.sents)
        spacy_s = min(spacy_s, time.process_time() - t)
    import spacy
    return {"documents": len(docs), "mb": mb, "parse_s": parse_s, "rounds": max(1, rounds),
            "kg_extract_s": ours_s, "kg_extract_mb_s": mb / ours_s, "assertions": assertions,
            "kg_match_s": match_s, "kg_match_mb_s": mb / match_s, "kg_gazetteer_hits": hits,
            "spacy_version": spacy.__version__, "spacy_setup_s": setup_s, "spacy_s": spacy_s,
            "spacy_mb_s": mb / spacy_s, "spacy_entities": spacy_hits, "spacy_sentences": spacy_sents,
            "ratio_extract": spacy_s / ours_s, "ratio_match": spacy_s / match_s}


# ---------------------------------------------------------------- report

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample-mb", type=float, default=10.0)
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds of the extraction comparison (best kept)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--skip-build", action="store_true", help="only the extraction comparison")
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    args.out.mkdir(parents=True, exist_ok=True)
    res: dict = {"load_before": os.getloadavg(), "cpus": os.cpu_count(), "corpus": str(args.corpus),
                 "python": sys.version.split()[0]}
    if not args.skip_build:
        build_out = args.out / "build"
        shutil.rmtree(build_out, ignore_errors=True)
        res["text_mb"] = text_bytes(args.corpus) / 1e6
        res["build"] = run_build(args.corpus, build_out, args.jobs)
        res["rebuild"] = run_build(args.corpus, build_out, args.jobs)
        res["turtle"] = turtle_throughput(args.corpus, build_out)
    res["extraction"] = extraction_vs_spacy(args.corpus, args.sample_mb, args.rounds)
    res["load_after"] = os.getloadavg()
    for key in ("build", "rebuild"):
        res.get(key, {}).pop("stdout", None)
    (args.out / "results.json").write_text(json.dumps(res, indent=1))
    print(report(res, args))


def report(r: dict, args) -> str:
    lines = [f"Run {time.strftime('%Y-%m-%d %H:%M')}, {r['cpus']} cores, Python {r['python']}, "
             f"load average {r['load_before'][0]:.2f} before, {r['load_after'][0]:.2f} after.", ""]
    if "build" in r:
        b, rb, tt = r["build"], r["rebuild"], r["turtle"]
        lines += [
            f"`{b['command']}` (clean output folder):", "",
            "| measure | value |", "|---|---|",
            f"| documents | {b['documents']:,} ({r['text_mb']:.1f} MB of text) |",
            f"| wall time, end to end | {b['wall_s']:.1f} s |",
            f"| documents/s | {b['documents'] / b['wall_s']:,.0f} |",
            f"| MB/s (text) | {r['text_mb'] / b['wall_s']:.2f} |",
            f"| peak RSS, whole process tree | {b['peak_rss_tree_mb']:,.0f} MB ({b['processes_at_peak']} processes) |",
            f"| relations / triples written | {b['relations']:,} / {b['triples']:,} |",
            f"| Turtle writing alone | {tt['triples']:,} triples in {tt['seconds']:.2f} s = "
            f"{tt['triples_per_s']:,.0f} triples/s ({tt['mb']:.1f} MB; same bytes as the build: "
            f"{tt['identical_to_build']}) |",
            f"| rebuild, nothing changed | {rb['wall_s']:.1f} s (peak RSS {rb['peak_rss_tree_mb']:,.0f} MB) |",
            ""]
    e = r["extraction"]
    lines += [
        f"Extraction on the first {e['mb']:.1f} MB of text ({e['documents']} documents), one process, CPU time "
        f"(best of {e['rounds']} interleaved rounds):",
        "", "| pipeline | seconds | MB/s | vs spaCy |", "|---|---|---|---|",
        f"| spaCy {e['spacy_version']} blank('en') + sentencizer + EntityRuler "
        f"({e['spacy_entities']:,} entities) | {e['spacy_s']:.2f} | {e['spacy_mb_s']:.2f} | 1.0x |",
        f"| kg sentence splitting + gazetteer matching ({e['kg_gazetteer_hits']:,} hits) | "
        f"{e['kg_match_s']:.2f} | {e['kg_match_mb_s']:.2f} | {e['ratio_match']:.1f}x |",
        f"| kg full extraction (segment, match, coreference, relations: {e['assertions']} assertions) | "
        f"{e['kg_extract_s']:.2f} | {e['kg_extract_mb_s']:.2f} | {e['ratio_extract']:.2f}x |",
        "", f"(kg's front-matter parsing and body cleaning, not in the figures above: {e['parse_s']:.2f} s; "
        f"building the EntityRuler: {e['spacy_setup_s']:.1f} s.)"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
