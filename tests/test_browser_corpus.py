"""The explorer on the whole shared corpus (slow): the first page opens offline, shows
the graph that kg.ttl holds, and responds to a filter and a search.  Times are
reported (printed and saved to tests/artifacts/corpus-figures.json), not asserted."""
from __future__ import annotations

import json
import time

import pyoxigraph as ox
import pytest
from browser_support import ARTIFACTS, browser, counts, open_page, page_data, shot  # noqa: F401
from conftest import CORPUS_ARCHIVE

from kg.pipeline import build

pytestmark = pytest.mark.slow

COUNTS = """PREFIX kg: <https://w3id.org/diplomacy-kg/vocab#>
SELECT (COUNT(DISTINCT ?a) AS ?assertions) (COUNT(DISTINCT ?e) AS ?entities) WHERE {
  ?a a kg:Assertion ; kg:subject ?s ; kg:object ?o . VALUES ?side { 0 1 } BIND(IF(?side = 0, ?s, ?o) AS ?e) }"""
RELATIONS = """PREFIX kg: <https://w3id.org/diplomacy-kg/vocab#>
SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {
  ?a a kg:Assertion ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o } }"""


@pytest.fixture(scope="module")
def corpus_exports(tmp_path_factory, onto):
    if not CORPUS_ARCHIVE.exists():
        pytest.skip("shared corpus not available")
    out = tmp_path_factory.mktemp("corpus-exports")
    t = time.perf_counter()
    report = build([CORPUS_ARCHIVE], out, onto)
    return out, report, time.perf_counter() - t


def test_corpus_explorer_opens_offline_and_responds(browser, corpus_exports):
    out, report, build_s = corpus_exports
    store = ox.Store()
    store.load(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    row = next(iter(store.query(COUNTS)))
    relations = int(next(iter(store.query(RELATIONS)))["n"].value)
    data = page_data(out / "kg.html")
    assert (data["totals"]["entities"], data["totals"]["relations"], data["totals"]["assertions"]) == \
        (int(row["entities"].value), relations, int(row["assertions"].value))

    t = time.perf_counter()
    page, log = open_page(browser, out / "kg.html")
    opened_s = time.perf_counter() - t
    c = counts(page)
    if data["page"]["kind"] == "graph":
        assert (c["nodes"], c["edges"]) == (data["totals"]["entities"], data["totals"]["relations"])
    else:
        assert (c["nodes"], c["edges"]) == (len(data["nodes"]), len(data["edges"]))
        assert all((out / r[4]).is_file() for r in data["index"])
    shot(page, "corpus-first-page")

    # a filter: hide the most common predicate, time until the drawing is updated
    top = max(data["styles"]["predicates"], key=lambda p: sum(e["p"] == p["name"] for e in data["edges"]))["name"]
    filter_ms = page.evaluate("""(p) => { const b = document.querySelector(`input[data-filter='predicate:${p}']`);
        const t = performance.now(); b.click(); kgExplorer.network.renderer._redraw(); return performance.now() - t; }""", top)
    assert counts(page)["visibleEdges"] == sum(1 for e in data["edges"] if e["p"] != top)
    page.click("#reset")
    redraw_ms = page.evaluate("""() => { const r = kgExplorer.network.renderer, t = performance.now();
        for (let i = 0; i < 5; i++) r._redraw(); return (performance.now() - t) / 5; }""")

    # the search focuses the most connected entity
    hub = max(data["nodes"], key=lambda n: (n["deg"], n["n"]))
    page.click("#search")
    page.keyboard.type(hub["label"])
    page.keyboard.press("Enter")
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == [hub["id"]]
    page.wait_for_timeout(600)
    shot(page, "corpus-search-focus")
    assert log.errors == [] and log.blocked == []

    figures = {
        "documents": report.documents, "build_s": round(build_s, 1),
        "page_kind": data["page"]["kind"], "kg_html_bytes": (out / "kg.html").stat().st_size,
        "entity_pages": len(list((out / "entities").glob("*.html"))) if (out / "entities").is_dir() else 0,
        "nodes": c["nodes"], "edges": c["edges"], "assertions": c["assertions"],
        "open_s": round(opened_s, 2), "first_draw_ms": round(page.evaluate("kgExplorer.firstDrawMs")),
        "script_to_first_draw_ms": round(page.evaluate("kgExplorer.renderMs")),
        "filter_ms": round(filter_ms), "redraw_ms": round(redraw_ms, 1),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "corpus-figures.json").write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    print("\nexplorer on the corpus:", json.dumps(figures))
    page.close()
