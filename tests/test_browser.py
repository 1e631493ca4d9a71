"""The explorer in a real browser: headless Chromium opens the built pages from file://."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from browser_support import browser, click_canvas, counts, open_page, page_data, shot  # noqa: F401

from kg.graph import to_networkx
from kg.pipeline import build
from kg.render import Limits, render_pages

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ("<script>window.__pwned=1</script>", '"><img src=x onerror=window.__pwned=1>', "</div>")


@pytest.fixture(scope="module")
def seed_page(built):
    out, _ = built
    return out / "kg.html"


@pytest.fixture()
def seed(browser, seed_page):
    page, log = open_page(browser, seed_page)
    yield page, log, page_data(seed_page)
    page.close()


def test_seed_page_opens_offline_and_draws_the_whole_graph(seed, seed_corpus, onto):
    page, log, _ = seed
    g = to_networkx(seed_corpus, seed_corpus.entities(onto))
    related = [n for n in g if g.degree(n) > 0]
    relations = {(u, d["predicate"], v) for u, v, d in g.edges(data=True)}
    c = counts(page)
    assert (c["nodes"], c["edges"], c["assertions"]) == (len(related), len(relations), g.number_of_edges())
    assert (c["drawnNodes"], c["drawnEdges"]) == (len(related), len(relations))
    assert page.locator("#stats").inner_text().startswith(f"{len(related)} of {len(related)} entities")
    assert log.errors == [] and log.blocked == []
    assert page.evaluate("kgExplorer.network.physics.options.enabled") is False
    shot(page, "seed-overview")


def _hidden(page, kind: str) -> set:
    return set(page.evaluate(f"kgExplorer.{kind}.get({{filter: x => x.hidden}}).map(x => x.id)"))


def test_predicate_filter_hides_its_edges_and_orphaned_entities(seed):
    page, log, data = seed
    page.click("input[data-filter='predicate:threatensCost']")
    gone = {i for i, e in enumerate(data["edges"]) if e["p"] == "threatensCost"}
    assert gone and _hidden(page, "edges") == gone
    kept_ends = {x for e in data["edges"] if e["p"] != "threatensCost" for x in (e["s"], e["o"])}
    assert _hidden(page, "nodes") == {n["id"] for n in data["nodes"]} - kept_ends
    c = counts(page)
    assert c["visibleEdges"] == len(data["edges"]) - len(gone)
    assert c["visibleAssertions"] == sum(e["n"] for e in data["edges"] if e["p"] != "threatensCost")
    shot(page, "seed-filter-no-threats")
    page.click("input[data-filter='predicate:threatensCost']")
    assert _hidden(page, "edges") == set() and log.errors == []


def test_type_modality_date_document_and_count_filters(seed):
    page, log, data = seed
    docs = data["docs"]
    quotes = [(i, q) for i, e in enumerate(data["edges"]) for q in e["q"]]

    def expect(keep):   # edges with at least one quote passing ``keep``, and how many quotes pass
        n = Counter(i for i, q in quotes if keep(q))
        return len(n), sum(n.values())

    page.click("input[data-filter='type:Person']")
    persons = {n["id"] for n in data["nodes"] if n["type"] == "Person"}
    assert not {n for n in persons} - _hidden(page, "nodes")
    assert all(data["edges"][i]["s"] in persons or data["edges"][i]["o"] in persons for i in _hidden(page, "edges"))
    page.click("#reset")

    page.click("input[data-filter='modality:asserted']")
    page.click("input[data-filter='modality:planned']")
    c = counts(page)
    assert (c["visibleEdges"], c["visibleAssertions"]) == expect(lambda q: q[1] == 2)
    page.click("#reset")

    page.fill("#date-from", "2021-12-24")
    page.dispatch_event("#date-from", "change")
    c = counts(page)
    assert (c["visibleEdges"], c["visibleAssertions"]) == expect(lambda q: docs[q[4]][2] >= "2021-12-24")
    assert 0 < c["visibleAssertions"] < c["assertions"]
    page.click("#reset")

    target = max(range(len(docs)), key=lambda i: sum(1 for _, q in quotes if q[4] == i))
    page.click("#doc-filter")
    page.keyboard.type(docs[target][0])
    page.keyboard.press("Enter")
    c = counts(page)
    assert (c["visibleEdges"], c["visibleAssertions"]) == expect(lambda q: q[4] == target)
    shot(page, "seed-filter-one-document")
    page.click("#reset")

    page.eval_on_selector("#min-count", "r => { r.value = 3; r.dispatchEvent(new Event('input')); }")
    c = counts(page)
    assert c["visibleEdges"] == sum(1 for e in data["edges"] if e["n"] >= 5)   # steps 1, 2, 3, 5, ...
    page.click("#reset")
    assert counts(page)["visibleEdges"] == len(data["edges"]) and log.errors == []


def test_search_finds_and_focuses_an_entity(seed):
    page, log, data = seed
    page.click("#search")
    page.keyboard.type("zelen")
    assert "Volodymyr Zelenskyy" in page.locator(".suggest li").first.inner_text()
    page.keyboard.press("Enter")
    assert page.evaluate("kgExplorer.focused") == "Volodymyr_Zelenskyy"
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == ["Volodymyr_Zelenskyy"]
    node = next(n for n in data["nodes"] if n["id"] == "Volodymyr_Zelenskyy")
    # the camera glides to the entity and stops with it in the middle
    page.wait_for_function("([x, y]) => { const c = kgExplorer.network.getViewPosition();"
                           " return Math.abs(c.x - x) < 5 && Math.abs(c.y - y) < 5; }", arg=[node["x"], node["y"]],
                           timeout=10_000)
    assert page.locator("#detail h2").inner_text() == "Volodymyr Zelenskyy"
    shot(page, "seed-search-focus")
    # aliases find their entity too
    aliased = next(n for n in data["nodes"] if n["aka"] and not n["aka"][0].lower().startswith(n["label"][:3].lower()))
    page.fill("#search", "")
    page.click("#search")
    page.keyboard.type(aliased["aka"][0])
    assert aliased["label"] in page.locator(".suggest li").first.inner_text()
    assert log.errors == []


def test_clicking_a_node_and_an_edge_opens_their_sources(seed):
    page, log, data = seed
    biden = next(n for n in data["nodes"] if n["id"] == "Joe_Biden")
    click_canvas(page, biden["x"], biden["y"])
    assert page.locator("#detail h2").inner_text() == "Joe Biden"
    assert page.locator("#detail a.wd").get_attribute("href") == "https://www.wikidata.org/wiki/Q6279"
    shot(page, "seed-node-panel")

    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    straight = [i for i, e in enumerate(data["edges"]) if e["c"] == 0 and e["s"] != e["o"]]
    i = max(straight, key=lambda i: data["edges"][i]["n"])
    e = data["edges"][i]
    (x1, y1), (x2, y2) = pos[e["s"]], pos[e["o"]]
    click_canvas(page, (x1 + x2) / 2, (y1 + y2) / 2)
    assert page.evaluate("kgExplorer.network.getSelectedEdges()") == [i]
    items = page.locator("#detail li.quote")
    assert items.count() == min(30, e["n"])
    for k, q in enumerate(e["q"][:items.count()]):
        item = items.nth(k)
        doc = data["docs"][q[4]]
        assert item.locator("blockquote").inner_text().strip("\u201c\u201d") == q[0]
        assert item.locator(".role").inner_text().lower() == q[3]
        assert item.locator("a.doc").get_attribute("href") == doc[3]
        assert item.locator("a.doc").inner_text() == doc[1]
        assert item.locator(".date").inner_text() == doc[2]
    shot(page, "seed-edge-panel")
    assert log.errors == []


def test_hostile_document_shows_as_text_and_runs_nothing(browser, tmp_path, onto):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    title = "Readout " + " ".join(HOSTILE)
    (corpus / "evil.md").write_text(
        "---\ntitle: '" + title.replace("'", "''") + "'\ndate: '2022-01-10'\n"
        "source_url: 'javascript:window.__pwned=1'\n---\n\n"
        "SENIOR ADMINISTRATION OFFICIAL:  President Biden and President Putin will hold a secure video call "
        "tomorrow " + " ".join(HOSTILE) + " on Ukraine.\n", "utf-8")
    seed = sorted((ROOT / "seeds").glob("*.txt"))[1]
    (corpus / seed.name).write_bytes(seed.read_bytes())
    build([corpus], tmp_path / "out", onto)
    path = tmp_path / "out" / "kg.html"
    data = page_data(path)
    page, log = open_page(browser, path)
    i = next(i for i, e in enumerate(data["edges"]) if any("__pwned" in q[0] for q in e["q"]))
    page.evaluate(f"kgExplorer.selectEdge({i})")
    page.click("#doc-filter")
    page.keyboard.type("Readout")
    page.wait_for_timeout(100)
    evil = page.locator("#detail li.quote", has_text="__pwned")
    assert evil.count() == 1
    assert all(h in evil.locator("blockquote").inner_text() for h in HOSTILE)
    evil.scroll_into_view_if_needed()
    shown_title = [t for t in page.locator("#detail .doc").all_inner_texts() if t.startswith("Readout")]
    assert shown_title == [title]
    assert title in page.locator(".suggest li").first.inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#detail img, #filters img, .suggest img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert log.errors == [] and log.blocked == []
    shot(page, "hostile-document")
    page.close()


def test_big_graph_overview_links_to_neighbourhood_pages(browser, tmp_path, seed_corpus, onto):
    limits = Limits(single_nodes=5, single_elements=10, overview_nodes=6, overview_edges=12,
                    entity_neighbours=6, entity_edges=20)
    pages = render_pages(seed_corpus, seed_corpus.entities(onto), limits)
    for rel, text in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    overview = page_data(tmp_path / "kg.html")
    page, log = open_page(browser, tmp_path / "kg.html")
    c = counts(page)
    assert (c["nodes"], c["edges"]) == (len(overview["nodes"]), len(overview["edges"]))
    assert "Overview" in page.locator("#detail h2").inner_text()
    shot(page, "big-overview")
    # an entity that is not in the overview: the search leads to its own page
    on_page = {n["id"] for n in overview["nodes"]}
    away = next(r for r in overview["index"] if r[0] not in on_page)
    page.click("#search")
    page.keyboard.type(away[1])
    assert "on its own page" in page.locator(".suggest li").first.inner_text()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.ready === '1'")
    assert page.url.endswith("/" + away[4])
    assert page.evaluate("kgExplorer.page.focus") == away[0]
    assert page.locator("#detail h2").inner_text() == away[1]
    shot(page, "big-neighbourhood")
    # from a neighbourhood page, double-clicking a neighbour opens the neighbour's page
    data = page_data(tmp_path / away[4])
    other = next(n for n in data["nodes"] if n["id"] != away[0])
    dom = page.evaluate("([x, y]) => kgExplorer.network.canvasToDOM({x: x, y: y})", [other["x"], other["y"]])
    box = page.locator("#net").bounding_box()
    with page.expect_navigation():
        page.mouse.dblclick(box["x"] + dom["x"], box["y"] + dom["y"])
    page.wait_for_function("document.body.dataset.ready === '1'")
    assert page.url.endswith("/entities/" + other["page"])
    assert log.errors == [] and log.blocked == []
    page.close()
