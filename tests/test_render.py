"""kg.render: the explorer's pages, their data, layout, safety and file set (no browser)."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.graph import to_networkx
from kg.pipeline import build, extract_corpus
from kg.render import Limits, json_for_html, remove_stale_pages, render_pages
from kg.render.pages import page_names

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ("<script>window.__pwned=1</script>", '"><img src=x onerror=window.__pwned=1>', "</div>")


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def related_graph(corpus, entities):
    """The graph the page must show: entities in a relation, one edge per (s, p, o)."""
    g = to_networkx(corpus, entities)
    nodes = {n for n in g if g.degree(n) > 0}
    keys = Counter((u, d["predicate"], v) for u, v, d in g.edges(data=True))
    return nodes, keys


@pytest.fixture(scope="module")
def seed_pages(seed_corpus, onto):
    entities = seed_corpus.entities(onto)
    return render_pages(seed_corpus, entities), entities


def test_json_for_html_cannot_end_the_script_element():
    data = {"q": "</script><script>alert(1)</script> & <!-- \u2028\u2029"}
    text = json_for_html(data)
    assert not set("<>&") & set(text)
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == data


def test_small_graph_is_one_self_contained_page(seed_pages):
    pages, _ = seed_pages
    assert list(pages) == ["kg.html"]
    html = pages["kg.html"]
    assert "<script src" not in html and "<link" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    script_src = re.search(r"script-src ([^;]+);", csp).group(1)
    assert "unsafe-inline" not in script_src
    # every inline script that runs is allowed by its hash, and only those
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}
    assert len(scripts) == 4 and hashes == set(script_src.split())


def test_page_data_is_the_graph(seed_pages, seed_corpus):
    pages, entities = seed_pages
    data = page_data(pages["kg.html"])
    nodes, keys = related_graph(seed_corpus, entities)
    assert {n["id"] for n in data["nodes"]} == nodes
    assert Counter({(e["s"], e["p"], e["o"]): e["n"] for e in data["edges"]}) == keys
    assert sum(len(e["q"]) for e in data["edges"]) == sum(keys.values())
    assert data["totals"]["mentioned"] == len(entities) > len(nodes)
    by_id = {r.document.id: r.document for r in seed_corpus.results}
    for e in data["edges"]:
        assert sum(e["m"]) == e["n"]
        for quote, mod, speaker, role, doc, rule, reported, aid in e["q"]:
            d = data["docs"][doc]
            assert d[1] == by_id[d[0]].title and d[2] == by_id[d[0]].date and d[3] == by_id[d[0]].url
            assert quote and role and rule and len(aid) == 20
    biden = next(n for n in data["nodes"] if n["id"] == "Joe_Biden")
    assert biden["wd"] == "Q6279" and biden["type"] == "Person"


def test_node_size_follows_degree(seed_pages):
    nodes = page_data(seed_pages[0]["kg.html"])["nodes"]
    by_deg = sorted(nodes, key=lambda n: n["deg"])
    assert by_deg[0]["r"] < by_deg[-1]["r"] and by_deg[0]["f"] < by_deg[-1]["f"]
    assert all(a["r"] <= b["r"] for a, b in zip(by_deg, by_deg[1:]))


def test_layout_is_fixed_and_keeps_nodes_apart(seed_pages, seed_corpus, onto):
    again = render_pages(seed_corpus, seed_corpus.entities(onto))
    assert again == seed_pages[0]
    nodes = page_data(again["kg.html"])["nodes"]
    for i, a in enumerate(nodes):
        assert isinstance(a["x"], int) and isinstance(a["y"], int)
        for b in nodes[i + 1:]:
            # shapes never overlap, and labels (drawn under the shapes) keep a gap
            dist = ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5
            assert dist > a["r"] + b["r"] + 20, (a["label"], b["label"])


def test_parallel_edges_bend_apart(seed_pages):
    edges = page_data(seed_pages[0]["kg.html"])["edges"]
    pairs: dict[tuple, list] = {}
    for e in edges:
        pairs.setdefault(tuple(sorted((e["s"], e["o"]))), []).append(e)
    crowded = max(pairs.values(), key=len)
    assert len(crowded) >= 3
    # seen along one direction, no two edges of the pair follow the same curve
    bends = [e["c"] * (1 if e["s"] < e["o"] else -1) for e in crowded]
    assert len(set(bends)) == len(bends)


def test_page_names_are_safe_unique_and_stable():
    ids = ["Joe_Biden", "a/../../etc", "Zoë", "US", "us", "x" * 300, "..", "<script>"]
    names = page_names(ids)
    assert names == page_names(list(reversed(ids)))
    assert names["Joe_Biden"] == "Joe_Biden.html"
    assert len({n.lower() for n in names.values()}) == len(ids)
    for name in names.values():
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,100}\.html", name), name


SMALL = Limits(single_nodes=5, single_elements=10, overview_nodes=6, overview_edges=12,
               entity_neighbours=4, entity_edges=8)


def test_big_graph_becomes_overview_and_neighbourhood_pages(seed_corpus, onto):
    entities = seed_corpus.entities(onto)
    pages = render_pages(seed_corpus, entities, SMALL)
    nodes, keys = related_graph(seed_corpus, entities)
    names = page_names(sorted(nodes))
    assert list(pages)[-1] == "kg.html"
    assert {f"entities/{n}" for n in names.values()} <= set(pages)
    assert {"entities/vis-network.min.js", "entities/explorer.js", "entities/index.js"} <= set(pages)
    overview = page_data(pages["kg.html"])
    assert overview["page"]["kind"] == "overview"
    assert 0 < len(overview["nodes"]) <= 6 and len(overview["edges"]) <= 12
    deg = Counter()
    for s, _, o in keys:
        deg[s] += 1
        deg[o] += 1
    assert {n["id"] for n in overview["nodes"]} >= {deg.most_common(1)[0][0]}
    # the overview can reach every entity's page, and each page its neighbours'
    assert {r[4] for r in overview["index"]} == {f"entities/{n}" for n in names.values()}
    covered = Counter()
    for eid, name in names.items():
        html = pages[f"entities/{name}"]
        assert '<script src="vis-network.min.js">' in html and "../kg.html" in html
        data = page_data(html)
        assert data["page"]["focus"] == eid and len(data["nodes"]) <= 5
        drawn = {(e["s"], e["p"], e["o"]) for e in data["edges"] if e["q"] is not None}
        listed = {(m[0], m[1], m[2]) for m in data["more"]}
        mine = {k for k in keys if eid in (k[0], k[2])}
        assert drawn | listed == mine and not drawn & listed
        for e in data["edges"]:
            if e["q"] is not None:
                covered[(e["s"], e["p"], e["o"])] = len(e["q"])
            else:
                assert eid not in (e["s"], e["o"])
        assert all(n["page"] == names[n["id"]] for n in data["nodes"])
    # every quote is on the page of at least one of its entities
    assert covered == keys


def test_quotes_beyond_the_page_budget_keep_the_newest(seed_corpus, onto):
    entities = seed_corpus.entities(onto)
    full = page_data(render_pages(seed_corpus, entities)["kg.html"])
    capped = page_data(render_pages(seed_corpus, entities, Limits(quote_chars=6000))["kg.html"])
    cap = capped["page"]["quoteCap"]
    assert 0 < cap < max(e["n"] for e in full["edges"])
    for a, b in zip(full["edges"], capped["edges"]):
        assert b["n"] == a["n"]
        assert [q[7] for q in b["q"]] == [q[7] for q in a["q"]][-cap:]


def test_hostile_text_stays_data(tmp_path, onto):
    doc = tmp_path / "corpus" / "evil.md"
    doc.parent.mkdir()
    doc.write_text('---\ntitle: "Readout ' + HOSTILE[0] + ' \\"><img src=x onerror=window.__pwned=1></div>"\n'
                   "date: '2022-01-10'\nsource_url: \"javascript:window.__pwned=1\"\n---\n\n"
                   "SENIOR ADMINISTRATION OFFICIAL:  President Biden and President Putin will hold a secure "
                   "video call tomorrow " + " ".join(HOSTILE) + " on Ukraine.\n", "utf-8")
    corpus = extract_corpus([doc.parent], onto)
    html = render_pages(corpus, corpus.entities(onto))["kg.html"]
    body = html.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert not set("<>") & set(body)      # no markup can start inside the data block
    data = page_data(html)
    quote = data["edges"][0]["q"][0]
    assert all(h in quote[0] for h in HOSTILE)
    assert data["docs"][quote[4]][3] == "javascript:window.__pwned=1"   # kept as data, never linked (JS)
    assert "__pwned" not in html.split('<script type="application/json"', 1)[0]   # markup holds no text


def test_build_writes_pages_and_removes_stale_ones(tmp_path, onto):
    out = tmp_path / "out"
    stale = out / "entities" / "Old_Entity.html"
    stale.parent.mkdir(parents=True)
    stale.write_text('<!DOCTYPE html><meta name="generator" content="kg explorer">old', "utf-8")
    (out / "entities" / "explorer.js").write_text("old", "utf-8")
    mine = out / "entities" / "notes.html"
    mine.write_text("<p>an analyst's own notes</p>", "utf-8")
    report = build([ROOT / "seeds"], out, onto)
    assert (out / "kg.html").exists() and not stale.exists() and mine.exists()
    assert not (out / "entities" / "explorer.js").exists()
    assert [p.name for p in report.files] == ["kg.ttl", "kg.html"]
    mine.unlink()
    assert remove_stale_pages(out, {"kg.html": ""}) == [] and not (out / "entities").exists()
