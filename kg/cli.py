"""The command line: a thin layer over the library (kg.pipeline, kg.evaluate, ...)."""
from __future__ import annotations

import sys
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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
              help="Folder the exports are written to.")
@click.option("--ontology", "ontology_dir", default=None, type=click.Path(path_type=Path),
              help="Folder with entities.yaml, rules.yaml, ... (default: the project's ontology/).")
def build(paths: tuple[Path, ...], out_dir: Path, ontology_dir: Path | None) -> None:
    """Build the graph of PATHS (folders, files, archives; default seeds/) into --out.

    Example: kg build seeds/ --out exports/
    """
    from .ontology import load_ontology
    from .pipeline import build as run_build
    onto = load_ontology(ontology_dir)
    report = run_build(list(paths) or ["seeds"], out_dir, onto)
    click.echo(f"documents read: {report.documents}")
    click.echo(f"entities: {report.entities}")
    total = sum(report.relations.values())
    click.echo(f"relations: {total}")
    for pred, n in sorted(report.relations.items()):
        click.echo(f"  {pred}: {n}")
    for path in report.files:
        click.echo(f"wrote {path}")
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
