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
def build(paths: tuple[Path, ...], out_dir: Path, ontology_dir: Path | None, jobs: int | None,
          cluster: str | None, store_dir: Path | None, no_store: bool) -> None:
    """Build the graph of PATHS (folders, files, .tar/.tar.gz/.tar.xz archives; default
    seeds/) into --out: kg.ttl, kg.html and the store that kg query/serve/export reuse.
    A rebuild extracts only the documents that changed. On a terminal a progress bar
    shows on stderr.

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
                           False if no_store else store_dir)
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
    if report.errors:
        click.echo(f"could not read {len(report.errors)} file(s):", err=True)
        for err in report.errors:
            click.echo(f"  {err}", err=True)
        sys.exit(1)


@main.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--corpus", default="seeds", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding the gold's documents (looked up by file name without extension).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the scorer format).")
@click.option("--ontology", "ontology_dir", default=None, type=click.Path(path_type=Path),
              help="Folder with entities.yaml, rules.yaml, ... (default: the project's ontology/).")
def eval_cmd(gold: Path, corpus: Path, as_json: bool, ontology_dir: Path | None) -> None:
    """Score extraction against GOLD annotations (precision, recall, modality, entities).

    Example: kg eval ../shared/gold/seeds.yaml --corpus seeds/
    """
    import json

    from .evaluate import evaluate, report
    from .ontology import load_ontology
    ev = evaluate(load_ontology(ontology_dir), gold, corpus)
    if as_json:
        click.echo(json.dumps(ev.as_dict(), sort_keys=False))
    else:
        click.echo(report(ev))


if __name__ == "__main__":
    main()
