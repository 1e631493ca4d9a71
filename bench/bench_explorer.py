"""How big a graph one explorer page can hold: load, first render, redraw and filter
times in headless Chromium, for synthetic hub-and-spoke graphs of growing size.

Each graph is rendered as ONE page (the single-page limits lifted) so that the
cost of vis-network itself shows; times are reported as ratios to the seeds page
timed in the same run.  A built exports folder (e.g. the full corpus) can be added:

    python bench/bench_explorer.py                      # synthetic sizes + seeds
    python bench/bench_explorer.py --page /tmp/kg-full/kg.html

Needs playwright and Debian's chromium (see tests/browser_support.py).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_support import CHROMIUM_ARGS, chromium_path  # noqa: E402

from kg.records import Assertion, Document, Entity, OffsetMap  # noqa: E402
from kg.render import Limits, render_pages  # noqa: E402
from kg.rules import MODALITIES, PREDICATES  # noqa: E402

OUT = ROOT / "bench" / "out"
SIZES = [(150, 600), (300, 1000), (600, 2000), (1200, 4000)]


@dataclass
class _Result:
    document: Document
    assertions: list = field(default_factory=list)


@dataclass
class _Corpus:
    results: list


def synthetic(n_nodes: int, n_edges: int, seed: int = 1):
    """A hub-and-spoke graph: preferential attachment, several assertions per edge."""
    rnd = random.Random(seed)
    types = ["Person", "State", "Organization", "Forum", "Place"]
    entities = {f"E{i:05d}": Entity(f"E{i:05d}", rnd.choice(types), f"Entity {i} {rnd.choice(['North', 'South', 'Grand', 'New'])}")
                for i in range(n_nodes)}
    ids = sorted(entities)
    docs = [Document(f"d{j:05d}", f"d{j}.txt", f"Briefing number {j}", f"2022-{1 + j % 12:02d}-{1 + j % 28:02d}",
                     f"https://example.org/{j}", None, "", OffsetMap((), ())) for j in range(max(10, n_edges // 5))]
    results = {d.id: _Result(d) for d in docs}
    weights = [1.0 / (i + 1) ** 0.9 for i in range(n_nodes)]   # a few hubs, many small entities
    keys = set()
    while len(keys) < n_edges:
        s, o = rnd.choices(ids, weights)[0], rnd.choice(ids)
        if s != o:
            keys.add((s, rnd.choice(PREDICATES), o))
    for s, p, o in sorted(keys):
        for k in range(1 + int(rnd.expovariate(0.4))):
            d = rnd.choice(docs)
            results[d.id].assertions.append(Assertion(
                s, p, o, rnd.choice(MODALITIES), d.id, k, k * 100, k * 100 + 90,
                f"Quote {k} about {entities[s].label} and {entities[o].label}, as said in a briefing.",
                "SENIOR ADMINISTRATION OFFICIAL", "official", "bench.rule"))
    return _Corpus(list(results.values())), entities


def measure(browser, path: Path) -> dict:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    t = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("document.body.dataset.ready === '1'", timeout=120_000)
    load = time.perf_counter() - t
    out = {"load_s": load, "first_draw_ms": page.evaluate("kgExplorer.firstDrawMs")}
    # one full redraw (what every pan or zoom frame costs), averaged
    out["redraw_ms"] = page.evaluate("""() => { const r = kgExplorer.network.renderer, t = performance.now();
        for (let i = 0; i < 5; i++) r._redraw(); return (performance.now() - t) / 5; }""")
    # a filter: uncheck the first predicate, until the stats are updated
    out["filter_ms"] = page.evaluate("""() => { const b = document.querySelector("input[data-filter^='predicate:']");
        const t = performance.now(); b.click(); kgExplorer.network.renderer._redraw(); return performance.now() - t; }""")
    c = page.evaluate("kgExplorer.counts()")
    out["nodes"], out["edges"] = c["nodes"], c["edges"]
    page.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--page", action="append", default=[], type=Path, help="an extra built kg.html to time")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from kg.ontology import default_ontology
    from kg.pipeline import extract_corpus
    OUT.mkdir(parents=True, exist_ok=True)
    pages = []
    onto = default_ontology()
    seeds = extract_corpus([ROOT / "seeds"], onto)
    (OUT / "seeds.html").write_text(render_pages(seeds, seeds.entities(onto))["kg.html"], "utf-8")
    pages.append(("seeds", OUT / "seeds.html"))
    one_page = Limits(single_nodes=10**6, single_elements=10**7)
    for n, e in SIZES:
        corpus, entities = synthetic(n, e)
        t = time.perf_counter()
        html = render_pages(corpus, entities, one_page)["kg.html"]
        print(f"rendered {n} nodes / {e} edges in {time.perf_counter() - t:.1f} s ({len(html) / 1e6:.1f} MB)", flush=True)
        path = OUT / f"synthetic-{n}-{e}.html"
        path.write_text(html, "utf-8")
        pages.append((f"synthetic {n}/{e}", path))
    pages += [(str(p), p) for p in args.page]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        base = None
        print(f"{'page':<28}{'nodes':>7}{'edges':>7}{'MB':>7}{'load s':>8}{'first ms':>9}{'redraw ms':>10}{'filter ms':>10}  ratios to seeds (first, redraw)")
        for name, path in pages:
            m = measure(browser, path)
            base = base or m
            print(f"{name:<28}{m['nodes']:>7}{m['edges']:>7}{path.stat().st_size / 1e6:>7.1f}{m['load_s']:>8.2f}"
                  f"{m['first_draw_ms']:>9.0f}{m['redraw_ms']:>10.1f}{m['filter_ms']:>10.1f}"
                  f"  {m['first_draw_ms'] / base['first_draw_ms']:.1f}x {m['redraw_ms'] / max(0.1, base['redraw_ms']):.1f}x", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
