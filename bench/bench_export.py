"""Export speed and size: every format of `kg export` on a built graph.

Usage: python bench/bench_export.py [GRAPH] [--repeat N]
GRAPH defaults to exports/kg.ttl (the seeds). Times are the best of N runs; the
baseline is loading the graph (parse + Oxigraph store) in the same run, and each
format is reported as a ratio to it, so figures compare across machines.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.export import FORMATS, export, load_graph  # noqa: E402
from kg.export.vocab import load_vocabulary  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", nargs="?", default="exports/kg.ttl")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    load_s = best(lambda: load_graph(args.graph), args.repeat)
    g = load_graph(args.graph)
    vocab = load_vocabulary()
    n_assertions = len(list(g.query(
        "SELECT ?a WHERE { ?a a <https://w3id.org/diplomacy-kg/vocab#Assertion> }")))
    print(f"graph {args.graph}: {len(g):,} triples, {n_assertions:,} assertions")
    print(f"{'load (baseline)':<16} {load_s * 1000:9.0f} ms   1.00x")
    with tempfile.TemporaryDirectory() as tmp:
        for name, fmt in FORMATS.items():
            out = Path(tmp) / fmt.default
            secs = best(lambda: export(g, name, out, vocab), args.repeat)
            files = [out] if out.is_file() else [p for p in out.rglob("*") if p.is_file()]
            size = sum(p.stat().st_size for p in files)
            print(f"{name:<16} {secs * 1000:9.0f} ms {secs / load_s:6.2f}x {size:>13,} bytes")


if __name__ == "__main__":
    main()
