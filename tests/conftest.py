"""Shared fixtures: the project's ontology, the seed corpus, and the shared corpus."""
from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS_ARCHIVE = SHARED / "corpus" / "wh-briefings-biden.tar.xz"
GOLD = SHARED / "gold" / "seeds.yaml"


@pytest.fixture(scope="session")
def onto():
    from kg.ontology import load_ontology
    return load_ontology()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_corpus(onto):
    from kg.pipeline import extract_corpus
    return extract_corpus([SEEDS], onto)


@pytest.fixture(scope="session")
def built(tmp_path_factory, onto):
    """The seeds built into a temporary exports folder."""
    from kg.pipeline import build
    out = tmp_path_factory.mktemp("exports")
    report = build([SEEDS], out, onto)
    return out, report


def corpus_members(pattern: str, limit: int = 50) -> list[tuple[str, bytes]]:
    """Files of the shared corpus whose name contains ``pattern`` (skips if absent)."""
    if not CORPUS_ARCHIVE.exists():
        pytest.skip("shared corpus not available")
    out = []
    with tarfile.open(CORPUS_ARCHIVE, "r:xz") as tar:
        for m in tar:
            if m.isfile() and pattern in m.name:
                out.append((m.name, tar.extractfile(m).read()))
                if len(out) >= limit:
                    break
    return out
