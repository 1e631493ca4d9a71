"""Deterministic layout: positions computed once, at build time, in Python.

The page draws nodes where this module puts them and never runs physics, so the
same graph always looks the same and a big graph never keeps moving.

Diplomatic graphs are hub-and-spoke: a few states and leaders linked to many
entities that appear in one relation only.  Laid out together, those leaves bury
the hubs in a hairball.  So each connected component is split into its *core*
(entities with two or more neighbours) and its *leaves* (one neighbour):

1. the core is laid out with Kamada-Kawai (a seeded spring layout for very big
   cores), a pair joined by several relations getting a longer ideal distance so
   that its curved parallel edges have room;
2. the core is scaled and spread until no two entities' boxes (shape plus label)
   overlap, a core entity's box including room for its leaves;
3. each core entity's leaves go on rings around it, in the directions free of
   core edges, grouped by the relation that links them;
4. one last pass pushes apart whatever still overlaps, and components are packed
   in rows, biggest first.

Coordinates are rounded to whole pixels, so floating-point noise cannot change
the bytes of a page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np

SEED = 7                 # the spring layout's seed: fixed, so that runs agree
KK_MAX = 300             # Kamada-Kawai is O(n^2) per step: bigger cores use spring
GAP = 120.0              # space between packed components
MIN_EDGE = 230.0          # median length of core edges, at least
LEAF_GAP = 120.0         # from a hub's edge to its first ring of leaves


@dataclass(frozen=True)
class Box:
    """What one node needs on the page: its shape, and its label drawn under it."""
    radius: float
    label_w: float
    label_h: float

    @property
    def w(self) -> float:
        return max(2 * self.radius, self.label_w) + 14.0

    @property
    def up(self) -> float:          # from the node's centre to the top of its box
        return self.radius + 6.0

    @property
    def down(self) -> float:        # from the node's centre to the bottom of its label
        return self.radius + self.label_h + 8.0

    @property
    def h(self) -> float:
        return self.up + self.down


def layout(nodes: list[str], pairs: dict[tuple[str, str], tuple[int, int]], boxes: dict[str, Box],
           group: dict[str, str] | None = None) -> dict[str, tuple[int, int]]:
    """Positions (x, y) in pixels for ``nodes``.

    ``pairs`` maps an unordered pair (u, v), u < v, to the number of relations
    and of assertions between them; ``boxes`` gives each node's size on the page;
    ``group`` (optional) the relation a leaf is attached by, to keep alike leaves
    together.
    """
    group = group or {}
    g = nx.Graph()
    g.add_nodes_from(sorted(nodes))
    for (u, v), (n_rel, n_ass) in sorted(pairs.items()):
        if u != v:
            # capped below 2, so that a third entity linked to both does not end up
            # on the straight line between them
            g.add_edge(u, v, length=1.0 + 0.1 * min(n_rel - 1, 6), weight=n_ass)
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    placed = [(comp, _component(g.subgraph(comp), comp, boxes, group)) for comp in comps]
    return _pack(placed, boxes)


def _component(sub: nx.Graph, order: list[str], boxes: dict[str, Box], group: dict[str, str]) -> np.ndarray:
    n = len(order)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        a, b = boxes[order[0]], boxes[order[1]]
        d = max((a.w + b.w) / 2 + 40.0, 200.0)
        return np.array([[-d / 2, 0.0], [d / 2, 0.0]])
    deg = dict(sub.degree())
    leaves = [v for v in order if deg[v] == 1 and deg[next(iter(sub[v]))] > 1]
    leaf_set = set(leaves)
    core = [v for v in order if v not in leaf_set]
    hang: dict[str, list[str]] = {c: [] for c in core}
    for v in leaves:
        hang[next(iter(sub[v]))].append(v)
    # room each core node needs for its leaves (rings over about 60% of a circle)
    reserve = {c: _fan_radius(boxes[c], [boxes[v] for v in hang[c]]) for c in core}
    pos = dict(zip(core, _core_positions(sub.subgraph(core), core)))
    core_edges = [(u, v) for u, v in sub.subgraph(core).edges()]
    pos = _spread(pos, core, {c: _grown(boxes[c], reserve[c]) for c in core}, scale_first=True,
                  edges=core_edges)
    for c in core:
        if hang[c]:
            pos.update(_fan(c, pos, hang[c], [u for u in sub[c] if u not in leaf_set], sub, boxes, group))
    pos = _spread(pos, order, boxes, scale_first=False, rounds=40)
    arr = np.array([pos[v] for v in order])
    return arr - arr.mean(axis=0)


def _core_positions(core: nx.Graph, order: list[str]) -> np.ndarray:
    n = len(order)
    if n == 1:
        return np.zeros((1, 2))
    # rebuilt with sorted insertion order: networkx's starting positions follow it
    h = nx.Graph()
    h.add_nodes_from(order)
    for u, v in sorted(tuple(sorted(e)) for e in core.edges()):
        h.add_edge(u, v, length=core.edges[u, v]["length"])
    if n <= KK_MAX:
        pos = nx.kamada_kawai_layout(h, pos=nx.circular_layout(h), weight="length")
    else:
        pos = nx.spring_layout(h, seed=SEED, iterations=150, k=1.8 / math.sqrt(n), weight=None)
    arr = np.array([pos[v] for v in order], dtype=float)
    return arr - arr.mean(axis=0)


def _fan_radius(hub: Box, leaves: list[Box]) -> float:
    if not leaves:
        return 0.0
    slot = sum(b.w for b in leaves) / len(leaves)
    row = max(b.h for b in leaves)
    r, left = hub.radius + LEAF_GAP, len(leaves)
    while left > 0:
        left -= max(3, int(0.6 * 2 * math.pi * r / slot))
        r += row
    return r


def _grown(box: Box, reserve: float) -> Box:
    if reserve <= 0:
        return box
    side = 2 * reserve * 0.8   # leaves use part of the circle; neighbours may sit in the rest
    return Box(side / 2, side, 0.0)


def _spread(pos: dict[str, np.ndarray], order: list[str], boxes: dict[str, Box],
            scale_first: bool, rounds: int = 80, edges: list[tuple[str, str]] = ()) -> dict[str, np.ndarray]:
    """Optionally scale to a comfortable density (and edges to a readable length),
    then push apart overlapping boxes."""
    arr = np.array([pos[v] for v in order], dtype=float)
    n = len(order)
    if n < 2:
        return {v: arr[i] for i, v in enumerate(order)}
    w = np.array([boxes[v].w for v in order])
    h = np.array([boxes[v].h for v in order])
    up = np.array([boxes[v].up for v in order])
    down = np.array([boxes[v].down for v in order])
    if scale_first:
        # the drawing about 2.5 times the area of its boxes
        span = arr.max(axis=0) - arr.min(axis=0)
        area = max(span[0], 1e-9) * max(span[1], 1e-9)
        arr = arr * math.sqrt(2.5 * float((w * h).sum()) / area)
        if edges:   # a small graph: room for edge labels and curved parallel edges
            at = {v: i for i, v in enumerate(order)}
            lengths = [float(np.linalg.norm(arr[at[u]] - arr[at[v]])) for u, v in edges]
            median = float(np.median(lengths))
            if 0 < median < MIN_EDGE:
                arr = arr * (MIN_EDGE / median)
    need_x = (w[:, None] + w[None, :]) / 2
    below = up[:, None] + down[None, :]     # i under j: i's top against j's label
    above = down[:, None] + up[None, :]
    idx = np.arange(n)
    for _ in range(rounds):
        dx = arr[:, None, 0] - arr[None, :, 0]
        dy = arr[:, None, 1] - arr[None, :, 1]
        need_y = np.where(dy >= 0, below, above)
        ox = need_x - np.abs(dx)
        oy = need_y - np.abs(dy)
        overlap = (ox > 0) & (oy > 0)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        along_x = ox * (h.mean() / w.mean()) < oy   # the cheaper direction to separate
        sx = np.where(dx > 0, 1.0, np.where(dx < 0, -1.0, np.where(idx[:, None] > idx[None, :], 1.0, -1.0)))
        sy = np.where(dy > 0, 1.0, np.where(dy < 0, -1.0, np.where(idx[:, None] > idx[None, :], 1.0, -1.0)))
        push_x = np.where(overlap & along_x, ox * sx, 0.0).sum(axis=1) / 2
        push_y = np.where(overlap & ~along_x, oy * sy, 0.0).sum(axis=1) / 2
        crowd = np.sqrt(np.maximum(1.0, overlap.sum(axis=1)))
        arr = arr + np.stack([push_x / crowd, push_y / crowd], axis=1) * 1.02
    return {v: arr[i] for i, v in enumerate(order)}


def _fan(hub: str, pos: dict[str, np.ndarray], leaves: list[str], core_nbrs: list[str], g: nx.Graph,
         boxes: dict[str, Box], group: dict[str, str]) -> dict[str, np.ndarray]:
    """The leaves of ``hub`` on rings in the widest free directions around it."""
    centre = pos[hub]
    angles = sorted(math.atan2(*(pos[u] - centre)[::-1]) for u in core_nbrs)
    middle = np.mean(np.array(list(pos.values())), axis=0)
    away = math.atan2(*(centre - middle)[::-1]) if np.linalg.norm(centre - middle) > 1 else -math.pi / 2
    arcs = _free_arcs(angles, away)
    total = sum(b - a for a, b in arcs)
    # strongest leaves on the inner ring; on a ring, alike relations side by side
    leaves = sorted(leaves, key=lambda v: (-g.edges[hub, v]["weight"], v))
    slot = sum(boxes[v].w for v in leaves) / len(leaves)
    row = max(boxes[v].h for v in leaves)
    out: dict[str, np.ndarray] = {}
    r, start, ring = boxes[hub].radius + LEAF_GAP, 0, 0
    while start < len(leaves):
        cap = max(3, int(total * r / slot))
        members = sorted(leaves[start:start + cap], key=lambda v: (group.get(v, ""), -g.edges[hub, v]["weight"], v))
        step = total / len(members)
        shift = step / 2 if ring % 2 else 0.0
        for i, v in enumerate(members):
            t = (i + 0.5) * step + shift if len(members) < cap else i * step + shift
            a = _along(arcs, t % total)
            out[v] = centre + r * np.array([math.cos(a), math.sin(a)])
        start += cap
        r += row
        ring += 1
    return out


def _free_arcs(angles: list[float], away: float) -> list[tuple[float, float]]:
    """Where a hub's leaves go: the gaps between its core edges, each shrunk by a
    margin, preferring wide gaps that face away from the middle of the drawing."""
    full = 2 * math.pi
    if not angles:
        return [(away - math.pi, away + math.pi)]
    margin = 0.35
    gaps = []
    for i, a in enumerate(angles):
        b = angles[(i + 1) % len(angles)] + (full if i == len(angles) - 1 else 0.0)
        if b - a > 2 * margin + 0.3:
            gaps.append((a + margin, b - margin))
    if not gaps:  # crowded all round: use every gap, narrow as they are
        gaps = [(a, angles[(i + 1) % len(angles)] + (full if i == len(angles) - 1 else 0.0))
                for i, a in enumerate(angles)]
    gaps = [g for g in gaps if g[1] > g[0]] or [(away - math.pi, away + math.pi)]

    def score(g: tuple[float, float]) -> float:
        facing = math.cos((g[0] + g[1]) / 2 - away)   # 1 when the gap faces outwards
        return -(g[1] - g[0]) * (1.6 + facing)

    gaps.sort(key=lambda g: (score(g), g[0]))
    free = sum(b - a for a, b in gaps)
    kept, acc = [], 0.0
    for a, b in gaps:
        kept.append((a, b))
        acc += b - a
        if acc >= 0.4 * free and acc >= 1.2:
            break
    return sorted(kept)


def _along(arcs: list[tuple[float, float]], t: float) -> float:
    for a, b in arcs:
        if t <= b - a:
            return a + t
        t -= b - a
    return arcs[-1][1]


def _pack(placed, boxes: dict[str, Box]) -> dict[str, tuple[int, int]]:
    """Components side by side in rows, biggest first, rows about as wide as the whole is tall."""
    laid = []
    for comp, arr in placed:
        lo = (arr - np.array([[boxes[v].w / 2, boxes[v].up] for v in comp])).min(axis=0)
        hi = (arr + np.array([[boxes[v].w / 2, boxes[v].down] for v in comp])).max(axis=0)
        laid.append((comp, arr - lo, hi - lo))
    area = sum(float(s[0] + GAP) * float(s[1] + GAP) for _, _, s in laid)
    width = max(math.sqrt(area) * 1.5, max(float(s[0]) for _, _, s in laid))
    out: dict[str, tuple[int, int]] = {}
    x = y = row_h = 0.0
    for comp, arr, size in laid:
        if x > 0 and x + size[0] > width:
            x, y, row_h = 0.0, y + row_h + GAP, 0.0
        for v, (px, py) in zip(comp, arr):
            out[v] = (int(round(px + x)), int(round(py + y)))
        x += float(size[0]) + GAP
        row_h = max(row_h, float(size[1]))
    xs = [p[0] for p in out.values()]
    ys = [p[1] for p in out.values()]
    cx, cy = (min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2
    return {v: (px - cx, py - cy) for v, (px, py) in sorted(out.items())}


def radial_layout(focus: str, nodes: list[str], strength: dict[str, int], group: dict[str, str],
                  boxes: dict[str, Box]) -> dict[str, tuple[int, int]]:
    """An entity's neighbourhood: the entity in the centre, its neighbours on rings.

    The strongest neighbours (most shared assertions) sit on the inner ring; a ring
    takes as many as its circumference holds side by side; on each ring neighbours
    are grouped by the relation that links them to the centre, so that a sector of
    the circle reads as "the entities X commits to".
    """
    others = sorted((n for n in nodes if n != focus), key=lambda n: (-strength.get(n, 0), n))
    out = {focus: (0, 0)}
    r = max(260.0, boxes[focus].w / 2 + 160.0)
    ring, start = 0, 0
    while start < len(others):
        room, end = 2 * math.pi * r, start
        while end < len(others) and (end == start or room >= boxes[others[end]].w + 16.0):
            room -= boxes[others[end]].w + 16.0
            end += 1
        members = sorted(others[start:end], key=lambda n: (group.get(n, "~"), -strength.get(n, 0), n))
        step = 2 * math.pi / len(members)
        offset = step / 2 if ring % 2 else 0.0   # stagger rings so labels do not line up
        for i, n in enumerate(members):
            a = -math.pi / 2 + offset + i * step
            out[n] = (int(round(r * math.cos(a))), int(round(r * math.sin(a))))
        r += max(boxes[n].h for n in members) + 50.0
        start = end
        ring += 1
    return dict(sorted(out.items()))
