"""What the explorer shows: entities in relations, and one aggregated edge per
(subject, predicate, object) carrying every assertion behind it.

``ExplorerGraph`` is built once from the extraction results; the page builders
(``kg.render.pages``) cut it into one or several pages and turn each into the
JSON the page script reads (``payload``).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..graph import assertion_id, sorted_assertions
from ..records import Assertion, Document, Entity
from ..rules import MODALITIES, PREDICATES
from .style import styles

Key = tuple[str, str, str]


@dataclass
class Edge:
    """All assertions of one (subject, predicate, object), oldest first."""
    subject: str
    predicate: str
    object: str
    rows: list[tuple[Assertion, Document]] = field(default_factory=list)

    @property
    def key(self) -> Key:
        return (self.subject, self.predicate, self.object)

    @property
    def count(self) -> int:
        return len(self.rows)

    def modality_counts(self) -> list[int]:
        """Relations of each modality (counted once: an edge is drawn on many pages)."""
        counted = self.__dict__.get("_modalities")
        if counted is None or counted[0] != len(self.rows):
            c = Counter(a.modality for a, _ in self.rows)
            counted = self.__dict__["_modalities"] = (len(self.rows), [c.get(m, 0) for m in MODALITIES])
        return list(counted[1])


@dataclass
class ExplorerGraph:
    entities: dict[str, Entity]          # entities that take part in a relation, by id
    edges: dict[Key, Edge]               # sorted by key
    mentioned: int                       # entities mentioned in the corpus, related or not
    documents: int                       # documents read

    @classmethod
    def from_corpus(cls, corpus, entities: dict[str, Entity]) -> "ExplorerGraph":
        edges: dict[Key, Edge] = {}
        for a, doc in sorted_assertions(corpus):
            if a.subject not in entities or a.object not in entities:
                continue
            edge = edges.get(a.key)
            if edge is None:
                edge = edges[a.key] = Edge(a.subject, a.predicate, a.object)
            edge.rows.append((a, doc))
        for edge in edges.values():
            # chronological, undated last; ties in document and text order
            edge.rows.sort(key=lambda r: (r[1].date is None, r[1].date or "", r[0].document,
                                          r[0].in_title is False, r[0].start, r[0].rule))
        used = {e for k in edges for e in (k[0], k[2])}
        return cls({eid: entities[eid] for eid in sorted(used)}, dict(sorted(edges.items())),
                   len(entities), len(corpus.results))

    # ------------------------------------------------------------ measures (computed once)
    @cached_property
    def degree(self) -> Counter:
        """Number of aggregated edges at each entity (a self-loop counts once)."""
        deg: Counter = Counter()
        for s, _, o in self.edges:
            deg[s] += 1
            if o != s:
                deg[o] += 1
        return deg

    @cached_property
    def weight(self) -> Counter:
        """Number of assertions at each entity."""
        w: Counter = Counter()
        for (s, _, o), e in self.edges.items():
            w[s] += e.count
            if o != s:
                w[o] += e.count
        return w

    @cached_property
    def ranking(self) -> list[str]:
        """Entities, most connected first (degree, then assertions, then id)."""
        return sorted(self.entities, key=lambda e: (-self.degree[e], -self.weight[e], e))

    @cached_property
    def incident(self) -> dict[str, list[Key]]:
        """For each entity: the keys of its edges, in key order."""
        out: dict[str, list[Key]] = {e: [] for e in self.entities}
        for k in self.edges:
            out[k[0]].append(k)
            if k[2] != k[0]:
                out[k[2]].append(k)
        return out

    def neighbours(self) -> dict[str, Counter]:
        """For each entity: its neighbours and the assertions shared with each."""
        out: dict[str, Counter] = {e: Counter() for e in self.entities}
        for (s, _, o), e in self.edges.items():
            if s != o:
                out[s][o] += e.count
                out[o][s] += e.count
        return out

    @cached_property
    def assertions(self) -> int:
        return sum(e.count for e in self.edges.values())

    @cached_property
    def styles(self) -> dict:
        """Colours and shapes of the graph's predicates and types (once, not once per page)."""
        return styles(sorted({k[1] for k in self.edges}, key=_pred_order),
                      sorted({e.type for e in self.entities.values()}))


# ------------------------------------------------------------------ page JSON

def curvature(keys: list[Key], pos: dict[str, tuple[int, int]]) -> dict[Key, float]:
    """Signed roundness for parallel edges between one pair, so that they do not overlap.

    Positive bends clockwise relative to the edge's own direction.  Edges of one
    unordered pair get offsets 0, +1, -1, +2, ... (odd count) or +1, -1, ... (even),
    measured against the pair's sorted direction.  vis-network's roundness is
    relative to the edge's length, so it is scaled down for long edges: parallel
    edges stay a tight bundle about 12 pixels apart instead of wide loops.
    """
    groups: dict[tuple[str, str], list[Key]] = {}
    for k in keys:
        groups.setdefault(tuple(sorted((k[0], k[2]))), []).append(k)
    out: dict[Key, float] = {}
    for (u, v), ks in groups.items():
        n = len(ks)
        offsets = ([0] if n % 2 else []) + [s * i for i in range(1, n // 2 + 1) for s in (1, -1)]
        length = max(1.0, ((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5)
        unit = min(0.12, 24.0 / length)
        for k, off in zip(sorted(ks), offsets):
            sign = 1 if k[0] == u else -1
            out[k] = round(max(-0.6, min(0.6, unit * off * sign)), 3)
    return out


def node_size(degree: int, max_degree: int) -> int:
    """Drawn radius: area grows with degree, relative to the graph's biggest hub."""
    return int(round(9 + 27 * (degree / max(1, max_degree)) ** 0.5))


def font_size(degree: int, max_degree: int) -> int:
    """Label size: hubs stay legible when zoomed out, small entities show on zooming in."""
    return int(round(12 + 16 * (degree / max(1, max_degree)) ** 0.5))


def label_width(label: str, font: int) -> float:
    """About how wide a label is drawn, in pixels (for the layout's spacing)."""
    return len(label) * 0.56 * font


@dataclass
class PageSpec:
    """One page: which entities and edges it draws, and how it links out."""
    path: str                             # relative to the exports folder, e.g. "kg.html"
    kind: str                             # graph | overview | entity
    title: str
    nodes: list[str]
    edges: list[Key]                      # drawn with their quotes
    context: list[Key] = field(default_factory=list)   # drawn without quotes (entity pages)
    focus: str | None = None
    home: str | None = None               # link to the overview, relative to this page
    links: dict[str, str] = field(default_factory=dict)    # entity id -> page, relative
    more: list[Key] = field(default_factory=list)  # focus relations not drawn here
    index: bool = False                   # embed the index of every entity (search across pages)


def payload(graph: ExplorerGraph, spec: PageSpec, pos: dict[str, tuple[int, int]],
            sizes: dict[str, tuple[int, int]], quote_cap: int | None = None) -> dict:
    """The JSON a page script reads.  Documents are listed once and referred to by index."""
    deg, w = graph.degree, graph.weight
    doc_index: dict[str, int] = {}
    docs: list[list[str]] = []

    def doc_ref(d: Document) -> int:
        if d.id not in doc_index:
            doc_index[d.id] = len(docs)
            docs.append([d.id, d.title, d.date or "", d.url or ""])
        return doc_index[d.id]

    mod_index = {m: i for i, m in enumerate(MODALITIES)}
    curve = curvature(spec.edges + spec.context, pos)
    context = set(spec.context)
    edges = []
    for k in spec.edges + spec.context:
        e = graph.edges[k]
        item = {"s": e.subject, "p": e.predicate, "o": e.object, "n": e.count,
                "m": e.modality_counts(), "c": curve[k]}
        if k in context:
            item["q"] = None
        else:
            rows = e.rows if quote_cap is None else e.rows[-quote_cap:]   # the latest
            item["q"] = [[a.quote, mod_index[a.modality], a.speaker or "", a.role, doc_ref(d), a.rule,
                          int(a.reported), assertion_id(a)] for a, d in rows]
        edges.append(item)
    nodes = []
    for eid in spec.nodes:
        ent = graph.entities[eid]
        x, y = pos[eid]
        nodes.append({"id": eid, "label": ent.label, "type": ent.type, "wd": ent.wikidata or "",
                      "deg": deg[eid], "n": w[eid], "x": x, "y": y, "r": sizes[eid][0], "f": sizes[eid][1],
                      "page": spec.links.get(eid, ""),
                      "aka": sorted(set(ent.aliases) - {ent.label})[:8]})
    more = [[graph.edges[k].subject, graph.edges[k].predicate, graph.edges[k].object, graph.edges[k].count]
            for k in spec.more]
    labels = {k[i]: graph.entities[k[i]].label for k in spec.more for i in (0, 2)}
    data = {
        "page": {"kind": spec.kind, "title": spec.title, "focus": spec.focus or "",
                 "home": spec.home or "", "quoteCap": quote_cap or 0},
        "totals": {"entities": len(graph.entities), "relations": len(graph.edges),
                   "assertions": graph.assertions, "documents": graph.documents,
                   "mentioned": graph.mentioned},
        "styles": graph.styles,
        "modalities": list(MODALITIES),
        "docs": docs, "nodes": nodes, "edges": edges,
        "more": more, "moreLabels": dict(sorted(labels.items())),
        "moreLinks": {e: spec.links[e] for e in sorted(labels) if e in spec.links},
    }
    return data


def index_rows(graph: ExplorerGraph, links: dict[str, str]) -> list[list]:
    """Every entity in a relation, for search across pages: id, label, type, degree, page."""
    deg = graph.degree
    return [[eid, ent.label, ent.type, deg[eid], links.get(eid, ""),
             sorted(set(ent.aliases) - {ent.label})[:8]] for eid, ent in graph.entities.items()]


def _pred_order(p: str) -> tuple[int, str]:
    return (PREDICATES.index(p) if p in PREDICATES else len(PREDICATES), p)
