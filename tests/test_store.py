"""The persistent store: incremental rebuilds, the Oxigraph store, the cache format."""
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.pipeline import build, extract_corpus
from kg.store import StoreFeed, decode_result, encode_result, open_store, read_manifest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
ADDED = "\n\nOn day {n} of the visit, President Biden met with President Zelenskyy.\n"


def _thirty(folder: Path) -> list[Path]:
    """30 real briefings: each seed six times, each copy ending with its own sentence."""
    folder.mkdir()
    files = []
    for i in range(6):
        for seed in sorted(SEEDS.glob("*.txt")):
            path = folder / f"{seed.stem}-{i}.txt"
            path.write_bytes(seed.read_bytes() + f"\n\nPress release {i} of {seed.stem}.\n".encode())
            files.append(path)
    return files


def _outputs(out: Path) -> tuple[bytes, bytes]:
    return (out / "kg.ttl").read_bytes(), (out / "kg.html").read_bytes()


def test_rebuild_after_ten_changes_extracts_ten_and_equals_a_clean_build(tmp_path, onto):
    files = _thirty(tmp_path / "c")
    out = tmp_path / "out"
    first = build([tmp_path / "c"], out, onto)
    assert (first.documents, first.extracted, first.reused) == (30, 30, 0)
    for n, path in enumerate(files[::3]):          # change 10 of the 30
        path.write_bytes(path.read_bytes() + ADDED.format(n=n).encode())
    again = build([tmp_path / "c"], out, onto)
    assert (again.documents, again.extracted, again.reused) == (30, 10, 20)
    clean = build([tmp_path / "c"], tmp_path / "clean", onto, store=False)
    assert clean.extracted == 30
    assert _outputs(out) == _outputs(tmp_path / "clean")
    assert again.relations["meetsWith"] == first.relations["meetsWith"] + 10


def test_removed_and_added_files_are_dropped_and_extracted(tmp_path, onto):
    files = _thirty(tmp_path / "c")
    out = tmp_path / "out"
    build([tmp_path / "c"], out, onto)
    files[0].unlink()
    shutil.copy(SEEDS / files[0].name.rsplit("-", 1)[0].__add__(".txt"), tmp_path / "c" / "new.txt")
    again = build([tmp_path / "c"], out, onto)
    assert (again.documents, again.extracted, again.reused) == (30, 1, 29)
    build([tmp_path / "c"], tmp_path / "clean", onto, store=False)
    assert _outputs(out) == _outputs(tmp_path / "clean")
    assert files[0].stem not in read_manifest(out)["documents"]
    assert "new" in read_manifest(out)["documents"]


def test_changed_ontology_extracts_everything_again(tmp_path):
    from kg.ontology import load_ontology
    root = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, root)
    out = tmp_path / "out"
    build([SEEDS], out, load_ontology(root))
    assert build([SEEDS], out, load_ontology(root)).extracted == 0
    rules = root / "rules.yaml"
    rules.write_text(rules.read_text("utf-8") + "\n# a comment changes the fingerprint\n", "utf-8")
    assert build([SEEDS], out, load_ontology(root)).extracted == 5


def test_store_holds_the_graph_of_kg_ttl(tmp_path, onto):
    out = tmp_path / "out"
    report = build([SEEDS], out, onto)
    store = open_store(out)
    parsed = ox.Store()
    parsed.load(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(parsed) == report.triples
    assert set(store) == set(parsed)
    ask = "ASK { ?s <https://w3id.org/diplomacy-kg/vocab#threatensCost> ?o }"
    assert store.query(ask)
    assert read_manifest(out)["triples"] == report.triples


def test_store_fed_in_many_pieces_holds_the_graph_of_kg_ttl(tmp_path, onto, monkeypatch):
    monkeypatch.setattr(StoreFeed, "PIECE", 4096)     # the seeds' graph in about a hundred pieces
    out = tmp_path / "out"
    build([SEEDS], out, onto)
    parsed = ox.Store()
    parsed.load(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    assert set(open_store(out)) == set(parsed)
    assert not list((out / "store").glob("oxigraph.new-*"))


def test_store_feed_raises_the_loader_error_and_leaves_nothing(tmp_path):
    feed = StoreFeed(tmp_path)
    feed.write(b'<https://example.org/a> <https://example.org/b> "ok" .\n')
    feed.write(b"this is not N-Triples\n")
    with pytest.raises(SyntaxError):
        feed.finish()
    feed.abort()
    assert not list(tmp_path.glob("oxigraph.new-*"))


def test_store_feed_aborted_midway_leaves_nothing(tmp_path):
    feed = StoreFeed(tmp_path)
    feed.write(b'<https://example.org/a> <https://example.org/b> "ok" .\n' * 1000)
    feed.abort()
    assert not list(tmp_path.glob("oxigraph.new-*"))


def test_open_store_refuses_a_missing_or_stale_store(tmp_path, onto):
    with pytest.raises(KgError, match="no store here"):
        open_store(tmp_path / "nothing")
    out = tmp_path / "out"
    build([SEEDS], out, onto)
    (out / "kg.ttl").write_bytes((out / "kg.ttl").read_bytes() + b"\n")
    with pytest.raises(KgError, match="changed after the store was written"):
        open_store(out)


def test_no_store_writes_no_store(tmp_path, onto):
    report = build([SEEDS], tmp_path / "out", onto, store=False)
    assert report.store is None and not (tmp_path / "out" / "store").exists()


def test_cached_results_read_back_equal(seed_corpus, onto):
    for r in extract_corpus([SEEDS], onto).results:
        assert decode_result(encode_result(r)) == r
    assert decode_result(encode_result("empty file")) == "empty file"


def test_incremental_rebuild_on_thirty_files_of_the_shared_corpus(tmp_path, onto):
    from conftest import corpus_members
    folder = tmp_path / "c"
    folder.mkdir()
    files = []
    for name, data in corpus_members("/2022-02/", limit=30):
        path = folder / Path(name).name
        path.write_bytes(data)
        files.append(path)
    assert len(files) == 30
    out = tmp_path / "out"
    assert build([folder], out, onto).extracted == 30
    for n, path in enumerate(files[:10]):
        path.write_bytes(path.read_bytes() + ADDED.format(n=n).encode())
    again = build([folder], out, onto)
    assert (again.documents, again.extracted, again.reused) == (30, 10, 20)
    build([folder], tmp_path / "clean", onto, store=False)
    assert _outputs(out) == _outputs(tmp_path / "clean")


def test_store_opens_after_the_exports_folder_moved(tmp_path, onto):
    build([SEEDS], tmp_path / "out", onto)
    shutil.move(tmp_path / "out", tmp_path / "moved")
    assert len(open_store(tmp_path / "moved")) == read_manifest(tmp_path / "moved")["triples"]
