"""Stage 7, render: the graph as an HTML explorer (vis-network, inlined from the pyvis wheel).

``render_pages`` returns every file of the explorer, by path relative to the
exports folder.  A graph that fits one page is ``kg.html`` alone; a bigger one is
an overview ``kg.html`` plus ``entities/<name>.html`` neighbourhood pages and the
scripts they share (see ``kg.render.pages``).  Positions are computed here, once
(``kg.render.layout``); the page never runs physics.  Text from documents travels
as escaped JSON and is shown with ``textContent`` only.
"""
from __future__ import annotations

from pathlib import Path

from .html import GENERATOR_TAG, SHARED_NAMES, json_for_html, page_html, shared_files
from .model import ExplorerGraph, index_rows, payload
from .pages import ENTITY_DIR, Limits, page_names, plan, positions, quote_cap

__all__ = ["render_pages", "render_html", "remove_stale_pages", "json_for_html", "Limits", "ExplorerGraph",
           "ENTITY_DIR"]


def render_pages(corpus, entities, limits: Limits | None = None) -> dict[str, str]:
    """Every file of the explorer: {path relative to the exports folder: text}.

    The overview or single page ``kg.html`` comes last, so a writer that follows
    the order never publishes a page whose links lead nowhere.
    """
    limits = limits or Limits()
    graph = ExplorerGraph.from_corpus(corpus, entities)
    specs = plan(graph, limits)
    out: dict[str, str] = {}
    if len(specs) > 1:
        names = page_names(graph.entities)   # file names, relative to the entities folder
        for name, text in shared_files(index_rows(graph, names)).items():
            out[f"{ENTITY_DIR}/{name}"] = text
    main = None
    for spec in specs:
        pos, sizes = positions(graph, spec)
        data = payload(graph, spec, pos, sizes, quote_cap(graph, spec, limits))
        if spec.index:
            data["index"] = index_rows(graph, spec.links)
        text = page_html(spec.title, data, inline=spec.path == "kg.html")
        if spec.path == "kg.html":
            main = text
        else:
            out[spec.path] = text
    out["kg.html"] = main
    return out


def remove_stale_pages(out_dir, pages: dict[str, str]) -> list[Path]:
    """Delete explorer files a previous build left in ``out_dir/entities`` that this
    build did not write.  Only regular files kg wrote are touched: pages that carry
    the explorer's generator tag and the shared scripts by name.  Returns what went."""
    folder = Path(out_dir) / ENTITY_DIR
    if not folder.is_dir() or folder.is_symlink():
        return []
    gone = []
    for path in sorted(folder.iterdir()):
        rel = f"{ENTITY_DIR}/{path.name}"
        if rel in pages or path.is_symlink() or not path.is_file():
            continue
        if path.name in SHARED_NAMES or (path.suffix == ".html" and _is_ours(path)):
            path.unlink()
            gone.append(path)
    if not any(folder.iterdir()):
        folder.rmdir()
    return gone


def _is_ours(path: Path) -> bool:
    with open(path, "rb") as fh:
        return GENERATOR_TAG.encode("utf-8") in fh.read(2048)


def render_html(corpus, entities) -> str:
    """The first page, ``kg.html`` (the whole graph, or the overview of a big one)."""
    return render_pages(corpus, entities)["kg.html"]
