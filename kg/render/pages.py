"""Which pages the explorer writes.

A graph that one page can draw comfortably becomes one page, ``kg.html``.  A
bigger one becomes an overview (``kg.html``: the most connected entities and the
edges among them) plus one neighbourhood page per entity
(``entities/<name>.html``: the entity, its strongest neighbours, its relations
with every quote, and the relations among the neighbours for context), all
linked to each other.  The limits come from bench/bench_explorer.py (headless
Chromium, 2 shared cores): a page of 600 entities and 2,000 relations draws
first in about 1.2 s and redraws (each pan or zoom frame) in about 35 ms; at
1,200 and 4,000 a redraw takes about 75 ms and the page starts to feel slow.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .layout import Box, layout, radial_layout
from .model import ExplorerGraph, Key, PageSpec, font_size, label_width, node_size


@dataclass(frozen=True)
class Limits:
    single_nodes: int = 600          # one page holds the whole graph up to these
    single_elements: int = 2600      # nodes + edges
    overview_nodes: int = 150        # the overview of a big graph
    overview_edges: int = 700
    entity_neighbours: int = 120     # a neighbourhood page
    entity_edges: int = 600
    quote_chars: int = 25_000_000    # quote text on one page; beyond it the oldest are left out


ENTITY_DIR = "entities"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def page_names(ids) -> dict[str, str]:
    """Safe, unique, case-insensitively distinct file names for entity pages."""
    base = {eid: (_UNSAFE.sub("_", eid).strip("_") or "entity")[:80] for eid in ids}
    folded: dict[str, int] = {}
    for name in base.values():
        folded[name.lower()] = folded.get(name.lower(), 0) + 1
    out = {}
    for eid, name in base.items():
        if name != eid or folded[name.lower()] > 1:
            name = f"{name}-{hashlib.sha1(eid.encode('utf-8')).hexdigest()[:8]}"
        out[eid] = name + ".html"
    return out


def fits_one_page(graph: ExplorerGraph, limits: Limits) -> bool:
    n, e = len(graph.entities), len(graph.edges)
    return n <= limits.single_nodes and n + e <= limits.single_elements


def plan(graph: ExplorerGraph, limits: Limits) -> list[PageSpec]:
    """The pages to write, in a fixed order."""
    if fits_one_page(graph, limits):
        return [PageSpec("kg.html", "graph", "Knowledge graph", list(graph.entities), list(graph.edges))]
    names = page_names(graph.entities)
    pages = [_overview(graph, limits, names)]
    nbrs = graph.neighbours()
    rank = {e: i for i, e in enumerate(graph.ranking)}
    for eid in graph.entities:
        pages.append(_neighbourhood(graph, limits, names, eid, nbrs[eid], rank))
    return pages


def _overview(graph: ExplorerGraph, limits: Limits, names: dict[str, str]) -> PageSpec:
    """The most connected entities, in rank order while the budget lasts, and the edges among them."""
    members: set[str] = set()
    edges: list[Key] = []
    for eid in graph.ranking:
        new = [k for k in graph.incident[eid] if {k[0], k[2]} <= members | {eid}]
        if len(members) >= limits.overview_nodes or len(edges) + len(new) > limits.overview_edges:
            break
        members.add(eid)
        edges.extend(new)
    # an entity whose relations all lead outside the overview would float alone: leave it out
    drawn = sorted({e for k in edges for e in (k[0], k[2])})
    links = {e: f"{ENTITY_DIR}/{names[e]}" for e in graph.entities}
    return PageSpec("kg.html", "overview", "Overview", drawn, sorted(edges), links=links, index=True)


def _neighbourhood(graph: ExplorerGraph, limits: Limits, names: dict[str, str], eid: str,
                   nbr: dict[str, int], rank: dict[str, int]) -> PageSpec:
    """An entity, its strongest neighbours, all its relations with them (with quotes),
    the relations among those neighbours for context, and a list of the rest."""
    ordered = sorted(nbr, key=lambda n: (-nbr[n], rank[n], n))
    shown = set(ordered[:limits.entity_neighbours]) | {eid}
    mine = graph.incident[eid]
    focus_edges = sorted(k for k in mine if k[0] in shown and k[2] in shown)
    more = sorted((k for k in mine if not (k[0] in shown and k[2] in shown)),
                  key=lambda k: (-graph.edges[k].count, k))
    room = max(0, limits.entity_edges - len(focus_edges))
    ctx = set()
    for n in sorted(shown - {eid}):
        for k in graph.incident[n]:
            if k[0] != eid and k[2] != eid and k[0] in shown and k[2] in shown:
                ctx.add(k)
    context = sorted(ctx, key=lambda k: (-graph.edges[k].count, k))[:room]
    links = {e: names[e] for e in graph.entities}
    label = graph.entities[eid].label
    return PageSpec(f"{ENTITY_DIR}/{names[eid]}", "entity", label, sorted(shown), focus_edges,
                    sorted(context), focus=eid, home="../kg.html", links=links, more=more)


def positions(graph: ExplorerGraph, spec: PageSpec) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """Laid-out positions, and each node's radius and label size, for one page."""
    deg = graph.degree
    top = max(deg.values(), default=1)   # sizes compare across pages: the graph's biggest hub
    sizes = {n: (node_size(deg[n], top), font_size(deg[n], top)) for n in spec.nodes}
    if spec.focus:
        sizes[spec.focus] = (sizes[spec.focus][0], max(20, sizes[spec.focus][1]))
    boxes = {n: Box(r, label_width(graph.entities[n].label, f), f * 1.25) for n, (r, f) in sizes.items()}
    pairs: dict[tuple[str, str], tuple[int, int]] = {}
    for k in spec.edges + spec.context:
        u, v = sorted((k[0], k[2]))
        n, w = pairs.get((u, v), (0, 0))
        pairs[(u, v)] = (n + 1, w + graph.edges[k].count)
    # the relation that attaches an entity to the rest: its strongest edge on the page
    # (on a neighbourhood page, its strongest edge with the focus)
    strongest: dict[str, tuple[int, str]] = {}
    for k in spec.edges + ([] if spec.kind == "entity" else spec.context):
        for end in (k[0], k[2]):
            cand = (-graph.edges[k].count, k[1])
            if end not in strongest or cand < strongest[end]:
                strongest[end] = cand
    group = {n: p for n, (_, p) in strongest.items()}
    if spec.kind == "entity":
        strength = {n: pairs.get(tuple(sorted((n, spec.focus))), (0, 0))[1] for n in spec.nodes}
        return radial_layout(spec.focus, spec.nodes, strength, group, boxes), sizes
    return layout(spec.nodes, pairs, boxes, group), sizes


def quote_cap(graph: ExplorerGraph, spec: PageSpec, limits: Limits) -> int | None:
    """None when every quote fits on the page; else how many (the newest) each edge keeps."""
    counts = [graph.edges[k].count for k in spec.edges]
    chars = sum(len(a.quote) + 120 for k in spec.edges for a, _ in graph.edges[k].rows)
    if chars <= limits.quote_chars:
        return None
    per_quote = chars / max(1, sum(counts))
    lo, hi = 1, max(counts)
    while lo < hi:  # the biggest cap whose pages stay within the budget
        mid = (lo + hi + 1) // 2
        if sum(min(c, mid) for c in counts) * per_quote <= limits.quote_chars:
            lo = mid
        else:
            hi = mid - 1
    return lo
