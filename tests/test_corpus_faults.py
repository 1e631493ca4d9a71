"""Slow: every file of the shared corpus through the pipeline, then the same real
briefings damaged in ten ways. Zero crashes: a file is built or refused with a reason,
never lost to an exception. Figures go to tests/artifacts/corpus-faults.json.

    python -m pytest -q -m slow tests/test_corpus_faults.py -s
"""
import json
import re
import tarfile
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import CORPUS_ARCHIVE
from kg.errors import DocumentError
from kg.load import SUFFIXES, parse_document
from kg.pipeline import build, extract_document

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CRASH = "extraction failed"          # how kg.pipeline.extract_source reports an exception

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def archive():
    if not CORPUS_ARCHIVE.exists():
        pytest.skip(f"shared corpus not available: {CORPUS_ARCHIVE}")
    return CORPUS_ARCHIVE


def _figures(name: str, data: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "corpus-faults.json"
    figures = json.loads(path.read_text()) if path.exists() else {}
    figures[name] = data
    path.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    print(name, data)


def test_every_corpus_file_goes_through_the_build(archive, tmp_path, onto):
    with tarfile.open(archive) as tar:
        members = sum(1 for m in tar if m.isfile() and m.name.lower().endswith(SUFFIXES))
    started = time.monotonic()
    report = build([archive], tmp_path / "out", onto, jobs=2, store=False)
    seconds = time.monotonic() - started
    crashes = [str(e) for e in report.errors if CRASH in str(e)]
    _figures("corpus build", {"files": members, "built": report.documents, "refused": len(report.errors),
                              "warnings": len(report.warnings), "skipped": len(report.skipped),
                              "renamed": len(report.renamed),
                              "crashes": len(crashes), "relations": sum(report.relations.values()),
                              "triples": report.triples, "seconds": round(seconds, 1)})
    assert crashes == [] and report.errors == []        # every file of the corpus is a briefing
    assert report.documents + len(report.errors) + len(report.skipped) == members
    assert len(list(ox.parse(path=str(tmp_path / "out" / "kg.ttl"), format=ox.RdfFormat.TURTLE))) == report.triples


DAMAGE = {
    "truncated in the front matter": lambda d: d[:d.index(b"\n", 5) + 1],
    "truncated mid-body": lambda d: d[: len(d) // 2],
    "front matter removed": lambda d: d[d.index(b"\n---", 3) + 4:],
    "re-encoded as Latin-1": lambda d: d.decode("utf-8").encode("latin-1", "replace").replace(
        b"title: ", b"title: Caf\xe9 ", 1),
    "UTF-16": lambda d: d.decode("utf-8").encode("utf-16"),
    "NUL byte inside": lambda d: d[: len(d) // 3] + b"\x00" + d[len(d) // 3:],
    "CRLF and a BOM": lambda d: b"\xef\xbb\xbf" + d.replace(b"\n", b"\r\n"),
    "wrapped in HTML": lambda d: b"<!DOCTYPE html><html><body><pre>" + d + b"</pre></body></html>",
    "date made impossible": lambda d: re.sub(rb"(?m)^(date|published_time):.*$", b"date: 2022-02-30", d),
    "control characters and bidi marks": lambda d: d.replace(b". ", b". \x07\x1b[31m\xe2\x80\xae ", 40),
}


def test_real_briefings_damaged_ten_ways(archive, onto):
    sample = []
    with tarfile.open(archive) as tar:
        for i, m in enumerate(tar):
            if m.isfile() and m.name.lower().endswith(SUFFIXES) and i % 41 == 0:
                sample.append((m.name, tar.extractfile(m).read()))
    outcomes: Counter = Counter()
    crashes = []
    for name, data in sample:
        for kind, damage in DAMAGE.items():
            try:
                doc = parse_document(f"{name} ({kind})", damage(data))
            except DocumentError:
                outcomes[(kind, "refused")] += 1
                continue
            try:
                extract_document(onto, doc)
                outcomes[(kind, "built")] += 1
            except Exception as exc:        # noqa: BLE001 - a crash is what this test counts
                crashes.append(f"{name} ({kind}): {type(exc).__name__}: {exc}")
    by_kind = {kind: {o: n for (k, o), n in sorted(outcomes.items()) if k == kind} for kind in DAMAGE}
    _figures("damaged briefings", {"documents": len(sample), "faults tried": len(sample) * len(DAMAGE),
                                   "crashes": len(crashes), "by kind": by_kind})
    assert crashes == []
    assert all(by_kind[k] == {"refused": len(sample)} for k in (
        "truncated in the front matter", "front matter removed", "re-encoded as Latin-1", "UTF-16",
        "NUL byte inside", "wrapped in HTML"))
    assert all(by_kind[k] == {"built": len(sample)} for k in ("CRLF and a BOM", "date made impossible"))
    # cut inside the front matter or a character; a bell in a YAML title: refused, with the reason
    for kind in ("truncated mid-body", "control characters and bidi marks"):
        assert by_kind[kind]["built"] > 0.85 * len(sample)
