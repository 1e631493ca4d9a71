"""The command line: a thin layer over the library (kg.pipeline, kg.evaluate, ...)."""
from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import click

from .errors import KgError


class KgGroup(click.Group):
    """Turns every KgError into one clear line on stderr and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
def main() -> None:
    """kg: knowledge graphs of who met, proposed, rejected, threatened and committed
    what to whom in diplomatic briefings, with a source quote behind every edge."""


def _exit_on_sigterm():
    """Turn SIGTERM into SystemExit, so that a terminated build stops its workers and
    leaves the old outputs whole; returns the handler it replaced (None off the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
              help="Folder the exports are written to.")
@click.option("--ontology", "ontology_dir", default=None, type=click.Path(path_type=Path),
              help="Folder with entities.yaml, rules.yaml, ... (default: the project's ontology/).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes extracting documents (default: all cores). Output does not depend on it.")
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Extract on a Dask cluster, e.g. tcp://scheduler:8786 (needs kg[cluster]).")
@click.option("--store", "store_dir", default=None, type=click.Path(path_type=Path),
              help="Folder of the Oxigraph store and the extraction cache (default: OUT/store).")
@click.option("--no-store", is_flag=True,
              help="Write no store and keep no cache: every document is extracted again.")
@click.option("--strict", is_flag=True,
              help="Any corpus fault (a file refused, built with a warning, or a duplicate) is fatal: "
                   "list them all, write nothing, exit 2.")
def build(paths: tuple[Path, ...], out_dir: Path, ontology_dir: Path | None, jobs: int | None,
          cluster: str | None, store_dir: Path | None, no_store: bool, strict: bool) -> None:
    """Build the graph of PATHS (folders, files, .tar/.tar.gz/.tar.xz archives; default
    seeds/) into --out: kg.ttl, kg.html and the store that kg query/serve/export reuse.
    A rebuild extracts only the documents that changed. On a terminal a progress bar
    shows on stderr. Files that cannot be used are listed with the reason and the rest
    is built (exit 1); --strict makes any fault fatal.

    Example: kg build ../shared/corpus/wh-briefings-biden.tar.xz --out exports/ --jobs 2
    """
    from .load import input_size
    from .ontology import load_ontology
    from .parallel import default_jobs
    from .pipeline import build as run_build
    from .progress import Progress
    if no_store and store_dir is not None:
        raise click.UsageError("--store and --no-store exclude each other")
    onto = load_ontology(ontology_dir)
    inputs = list(paths) or ["seeds"]
    progress = Progress()
    if progress.enabled:
        progress.total = input_size(inputs)
    previous = _exit_on_sigterm()
    try:
        report = run_build(inputs, out_dir, onto, progress, jobs or default_jobs(), cluster,
                           False if no_store else store_dir, strict)
    finally:
        progress.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    click.echo(f"documents read: {report.documents}")
    if report.reused:
        click.echo(f"  extracted: {report.extracted}, unchanged (from the store): {report.reused}")
    click.echo(f"entities: {report.entities}")
    total = sum(report.relations.values())
    click.echo(f"relations: {total}")
    for pred, n in sorted(report.relations.items()):
        click.echo(f"  {pred}: {n}")
    for path in report.files:
        click.echo(f"wrote {path}")
    if report.store:
        click.echo(f"wrote {report.store} ({report.triples:,} triples)")
    for line in report.skipped:
        click.echo(f"skipped {line}")
    for line in report.renamed:
        click.echo(f"renamed {line}")
    if report.warnings:
        click.echo(f"built {len({w.path for w in report.warnings})} file(s) with warnings:", err=True)
        for w in report.warnings:
            click.echo(f"  {w}", err=True)
    if report.errors:
        click.echo(f"could not read {len(report.errors)} file(s):", err=True)
        for err in report.errors:
            click.echo(f"  {err}", err=True)
        sys.exit(1)


@main.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--corpus", default="seeds", show_default=True, type=click.Path(path_type=Path),
              help="Folder or archive (.tar, .tar.gz, .tar.xz) holding the gold's documents "
                   "(looked up by file name without extension).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the scorer format).")
@click.option("--ontology", "ontology_dir", default=None, type=click.Path(path_type=Path),
              help="Folder with entities.yaml, rules.yaml, ... (default: the project's ontology/).")
def eval_cmd(gold: Path, corpus: Path, as_json: bool, ontology_dir: Path | None) -> None:
    """Score extraction against GOLD annotations (precision, recall, modality, entities).

    Example: kg eval ../shared/gold/seeds.yaml --corpus seeds/

    Example: kg eval bench/gold/heldout-world.yaml --corpus ../shared/corpus/wh-briefings-biden.tar.xz
    """
    import json

    from .evaluate import evaluate, report
    from .ontology import load_ontology
    ev = evaluate(load_ontology(ontology_dir), gold, corpus)
    if as_json:
        click.echo(json.dumps(ev.as_dict(), sort_keys=False))
    else:
        click.echo(report(ev))


GRAPH_HELP = "The built graph: kg.ttl (or .nt, .trig, .jsonld), an exports folder, or an Oxigraph store."


@main.command()
@click.argument("query", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="table for people; SPARQL 1.1 CSV or JSON results for programs.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of a stored query (repeatable), e.g. entity=Russia.")
@click.option("--graph", "graph", default=None, type=click.Path(path_type=Path), help=GRAPH_HELP)
@click.option("--max-width", default=60, show_default=True, help="Cut table cells to this width (0: never).")
def query(query: str | None, fmt: str, params: tuple[str, ...], graph: Path | None, max_width: int) -> None:
    """Run SPARQL 1.1 QUERY over the built graph: a stored query's name, a .rq file or
    SPARQL text. Without QUERY, list the stored queries (ontology/queries/).

    Example: kg query about --param entity=Russia --format csv
    """
    from .export.store import load_graph
    from .query import FORMATTERS, QueryError, format_table, resolve, run, stored_queries
    if query is None:
        for name, q in stored_queries().items():
            extra = "".join(f" --param {p}=..." for p in q.params)
            click.echo(f"{name}{extra}\n    {q.description}")
        return
    values = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--param {item!r}: expected NAME=VALUE")
        values[name] = value
    q = resolve(query)
    result = run(load_graph(graph), q, values)
    out = format_table(result, max_width) if fmt == "table" else FORMATTERS[fmt](result)
    click.echo(out, nl=not out.endswith("\n"))


@main.command("export")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["turtle", "ntriples", "trig", "jsonld", "graphml", "gexf", "cytoscape",
                                 "neo4j", "events", "all"]),
              help="Output format; all writes every format into the exports folder.")
@click.option("--out", default=None, type=click.Path(path_type=Path),
              help="Output file (a folder for neo4j and all); default: exports/kg.<ext>, exports/neo4j/, "
                   "exports/events.csv.")
@click.option("--graph", "graph", default=None, type=click.Path(path_type=Path), help=GRAPH_HELP)
def export_cmd(fmt: str, out: Path | None, graph: Path | None) -> None:
    """Export the built graph for other tools (triple stores, Gephi, yEd, Cytoscape, Neo4j,
    event-data analysis). Files are written whole or not at all.

    Example: kg export --format graphml --out kg.graphml
    """
    from .export import FORMATS, export, load_graph
    g = load_graph(graph)
    names = list(FORMATS) if fmt == "all" else [fmt]
    for name in names:
        target = out / FORMATS[name].default if (fmt == "all" and out is not None) else out
        for path in export(g, name, target):
            click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--graph", "graph", default=None, type=click.Path(path_type=Path), help=GRAPH_HELP)
@click.option("--shapes", default=None, type=click.Path(path_type=Path),
              help="SHACL shapes (default: the project's ontology/shapes.ttl).")
def validate(file: Path | None, graph: Path | None, shapes: Path | None) -> None:
    """Check the built graph (FILE, or --graph) against the SHACL shapes and the vocabulary.
    Exits 1 when there are violations.

    Example: kg validate exports/kg.ttl
    """
    from .export.store import load_graph
    from .validate import validate as run_validate
    report = run_validate(load_graph(file or graph), shapes)
    for v in report.violations:
        click.echo(v.line())
    n = len(report.violations)
    click.echo(f"{report.graph}: {report.triples} triples, "
               + ("conforms" if report.conforms else f"{n} violation{'s' if n != 1 else ''}"))
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.option("--graph", "graph", default=None, type=click.Path(path_type=Path), help=GRAPH_HELP)
@click.option("--port", default=7878, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
@click.option("--allow-updates", is_flag=True, help="Accept SPARQL updates (still only from 127.0.0.1).")
@click.option("--store", default=None, type=click.Path(path_type=Path),
              help="Keep the Oxigraph store in this folder (default: a temporary one).")
def serve(graph: Path | None, port: int, allow_updates: bool, store: Path | None) -> None:
    """Serve the built graph as a SPARQL 1.1 endpoint (Oxigraph) on 127.0.0.1, read-only
    unless --allow-updates. Stops on Ctrl-C.

    Example: kg serve --port 7878   then   curl 'http://127.0.0.1:7878/query?query=ASK{}'
    """
    import signal

    from .serve import Server
    server = Server(graph, port, allow_updates, store)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        mode = "read-write" if allow_updates else "read-only"
        click.echo(f"SPARQL endpoint ({mode}): {server.query_url}")
        if allow_updates:
            click.echo(f"SPARQL update: {server.update_url}")
        click.echo("Ctrl-C to stop")
        code = server.wait()
        if code:
            click.echo(f"kg: error: the Oxigraph server stopped (exit {code})", err=True)
            sys.exit(2)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@main.group()
def entities() -> None:
    """Grow and check the gazetteer (ontology/entities.yaml, ontology/gazetteer/*.yaml)."""


def _progress(every: int = 1000):
    def report(n: int, name: str) -> None:
        if n and n % every == 0:
            click.echo(f"  ... {n} files", err=True)
    return report


@entities.command("suggest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--limit", default=50, show_default=True, help="How many candidates of each kind to list (0: all).")
@click.option("--min-count", default=2, show_default=True, help="Leave out candidates seen fewer times.")
@click.option("--ontology", "ontology_dir", default=None, type=click.Path(path_type=Path),
              help="Folder with entities.yaml, gazetteer/, ... (default: the project's ontology/).")
def entities_suggest(paths: tuple[Path, ...], limit: int, min_count: int, ontology_dir: Path | None) -> None:
    """List titled names and organisation-like phrases of PATHS that the gazetteer does not know,
    most frequent first, with counts and an example sentence.

    Example: kg entities suggest ../shared/corpus/wh-briefings-biden.tar.xz --limit 30
    """
    from .ontology import load_ontology
    from .suggest import format_suggestions, suggest
    result = suggest(list(paths), load_ontology(ontology_dir), min_count=min_count, limit=limit,
                     progress=_progress())
    click.echo(format_suggestions(result))


@entities.command("coverage")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--top", default=20, show_default=True, help="How many unresolved names to list.")
@click.option("--ontology", "ontology_dir", default=None, type=click.Path(path_type=Path),
              help="Folder with entities.yaml, gazetteer/, ... (default: the project's ontology/).")
def entities_coverage(paths: tuple[Path, ...], top: int, ontology_dir: Path | None) -> None:
    """Report the gazetteer's size and the share of titled-person mentions in PATHS it resolves.

    Example: kg entities coverage ../shared/corpus/wh-briefings-biden.tar.xz
    """
    from .coverage import coverage, format_coverage
    from .ontology import load_ontology
    click.echo(format_coverage(coverage(list(paths), load_ontology(ontology_dir), progress=_progress()), top))


if __name__ == "__main__":
    main()
