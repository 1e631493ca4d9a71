"""Where extraction spends its time: CPU seconds per stage of ``extract_document``.

    python bench/stages.py                   # the first 10 MB of the corpus, as bench/run.py
    python bench/stages.py --sample-mb 4

Each stage function is wrapped with a ``time.process_time`` counter (nested stages
count in their parent too), and the documents are extracted twice: the first pass
warms the caches, the second is reported. Front-matter parsing is left out, as in
bench/run.py. The wrappers add about 2% (cProfile, by contrast, doubles the run time
and inflates functions with many small calls).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STAGES = {   # module -> functions, as the pipeline calls them
    "kg.pipeline": ["segment", "find_named", "one_side", "sentence_words", "resolve_mentions", "extract"],
    "kg.segment": ["segment_turns", "split_sentences"],
    "kg.coref": ["_hits_to_mentions", "_discover", "_link_names", "speakers", "resolve_pronouns"],
    "kg.relate": ["build_units", "coordinate", "render", "is_conditional", "apply_rules", "list_header"],
}


def main() -> None:
    from run import DEFAULT_CORPUS, sample
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sample-mb", type=float, default=10.0)
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    import importlib

    from kg.coref import PeopleRegistry
    from kg.load import parse_document
    from kg.ontology import load_ontology
    onto = load_ontology()
    spent: dict[str, float] = defaultdict(float)
    for mod_name, names in STAGES.items():
        mod = importlib.import_module(mod_name)
        for name in names:
            setattr(mod, name, _timed(getattr(mod, name), f"{mod_name[3:]}.{name}", spent))
    import kg.pipeline as pipeline
    docs = [parse_document(n, d) for n, d in sample(args.corpus, args.sample_mb)]
    mb = sum(len(d.text) + len(d.title) for d in docs) / 1e6
    for _ in range(2):
        spent.clear()
        start = time.process_time()
        for d in docs:
            pipeline.extract_document(onto, d, PeopleRegistry())
        total = time.process_time() - start
    print(f"extract_document on {len(docs)} documents ({mb:.1f} MB): {total:.2f} s CPU, {mb / total:.2f} MB/s")
    top = sum(spent[f"pipeline.{n}"] for n in STAGES["kg.pipeline"])
    print(f"{total - top:6.2f}  (rest: candidate rules per sentence, merging entities)")
    for label, seconds in sorted(spent.items(), key=lambda x: -x[1]):
        print(f"{seconds:6.2f}  {label}")


def _timed(fn, label: str, spent: dict):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start
    return wrapper


if __name__ == "__main__":
    main()
