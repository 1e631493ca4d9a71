"""How the explorer draws things: colours and shapes by entity type, colours by
predicate, line styles by modality.  Presentation only; types and predicates the
table does not know get a colour from a fixed fallback palette, in sorted order.
"""
from __future__ import annotations

from ..rules import MODALITIES

TYPES = {  # colour, vis-network shape
    "Person": ("#d9534f", "dot"),
    "State": ("#3a6ea5", "square"),
    "Organization": ("#3d9a50", "diamond"),
    "Forum": ("#e08a1e", "triangle"),
    "Place": ("#8e5ea2", "triangleDown"),
    "Agreement": ("#8c6d46", "hexagon"),
}
PREDICATES = {  # colour, directed, legend text
    "meetsWith": ("#1f78b4", False, "met or talked with"),
    "proposes": ("#33a02c", True, "proposed to / put forward"),
    "rejects": ("#e31a1c", True, "rejected"),
    "threatensCost": ("#b1005d", True, "threatened costs on"),
    "commitsTo": ("#ff8c00", True, "committed support to"),
    "participatesIn": ("#6a51a3", True, "takes part in"),
    "heldIn": ("#8c8c8c", True, "took place in"),
}
MODALITY_STYLE = {  # vis-network dashes, legend text
    "asserted": (False, "asserted (happened, is the case)"),
    "planned": ([2, 5], "planned (will, intends to)"),
    "conditional": ([10, 7], "conditional (if ..., would)"),
}
FALLBACK = ["#17becf", "#bcbd22", "#7f7f7f", "#9467bd", "#8c564b", "#e377c2"]
SHAPES = ["star", "box", "ellipse"]


def styles(predicates: list[str], types: list[str]) -> dict:
    """Legend and drawing styles for the predicates and types present, in order."""
    extra_p = [p for p in predicates if p not in PREDICATES]
    extra_t = [t for t in types if t not in TYPES]
    preds = []
    for p in predicates:
        if p in PREDICATES:
            color, directed, text = PREDICATES[p]
        else:
            color, directed, text = FALLBACK[extra_p.index(p) % len(FALLBACK)], True, p
        preds.append({"name": p, "color": color, "directed": directed, "text": text})
    kinds = [t for t in TYPES if t in types] + extra_t
    out_t = []
    for t in kinds:
        if t in TYPES:
            color, shape = TYPES[t]
        else:
            i = extra_t.index(t)
            color, shape = FALLBACK[i % len(FALLBACK)], SHAPES[i % len(SHAPES)]
        out_t.append({"name": t, "color": color, "shape": shape})
    mods = [{"name": m, "dashes": MODALITY_STYLE[m][0], "text": MODALITY_STYLE[m][1]} for m in MODALITIES]
    return {"predicates": preds, "types": out_t, "modalities": mods}
