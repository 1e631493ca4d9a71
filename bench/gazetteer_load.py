"""Load time of the ontology (gazetteer compiled into the automaton), now and with
only the core entities.yaml, timed in the same run; and matching speed on the seeds.

    python bench/gazetteer_load.py
"""
from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ontology import load_ontology  # noqa: E402


def best_of(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        core = Path(tmp) / "ontology"
        shutil.copytree(ROOT / "ontology", core, ignore=shutil.ignore_patterns("gazetteer"))
        t_core = best_of(lambda: load_ontology(core))
        t_full = best_of(lambda: load_ontology(ROOT / "ontology"))
        core_onto, full_onto = load_ontology(core), load_ontology(ROOT / "ontology")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))) * 20
    rates = {}
    for name, onto in (("core", core_onto), ("full", full_onto)):
        gaz = onto._cache["gazetteer"]
        rates[name] = len(text) / 1e6 / best_of(lambda: gaz.find(text), 3)
    print(f"entities: core {len(core_onto.entities)}, full {len(full_onto.entities)}")
    print(f"surfaces: core {len(core_onto._cache['gazetteer'].surfaces)}, "
          f"full {len(full_onto._cache['gazetteer'].surfaces)}")
    print(f"load_ontology: core {t_core:.3f} s, full {t_full:.3f} s (ratio {t_full / t_core:.2f})")
    print(f"gazetteer.find on the seeds x20: core {rates['core']:.1f} MB/s, full {rates['full']:.1f} MB/s "
          f"(ratio {rates['full'] / rates['core']:.2f})")


if __name__ == "__main__":
    main()
