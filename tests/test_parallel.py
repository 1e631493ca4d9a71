"""--jobs and --cluster give the graph a one-process build gives, byte for byte."""
from pathlib import Path

import pytest

import kg.parallel
from kg.pipeline import build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

READOUT = """---
title: "Readout of President Biden's Call with President {name} of Poland"
date: '2022-0{month}-1{day}'
source_url: https://www.whitehouse.gov/briefing-room/statements-releases/2022/0{month}/1{day}/readout-{day}/
---

President Joseph R. Biden, Jr. spoke today with President {name} of Poland. The two leaders
discussed Russia's military build-up on Ukraine's borders. President Biden reaffirmed that the
United States will impose severe costs on Russia if it further invades Ukraine.
"""

MENTION = """---
title: "Statement by Press Secretary Jen Psaki"
date: '2022-03-0{day}'
source_url: https://www.whitehouse.gov/briefing-room/statements-releases/2022/03/0{day}/statement-{day}/
---

President {name} proposed a new security agreement to NATO.
"""


def _corpus(folder: Path) -> Path:
    """The seeds plus readouts that name a person the gazetteer does not know."""
    folder.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        (folder / p.name).write_bytes(p.read_bytes())
    for day in range(1, 4):
        (folder / f"a-readout-{day}.md").write_text(READOUT.format(name="Bronislaw Komorowski", month=2, day=day))
        (folder / f"z-mention-{day}.md").write_text(MENTION.format(name="Bronislaw Komorowski", day=day))
    return folder


@pytest.fixture()
def small_batches(monkeypatch):
    """One document per batch, so that even a small corpus goes through the worker pool."""
    monkeypatch.setattr(kg.parallel, "BATCH_DOCS", 1)
    pools = []
    real = kg.parallel.ProcessPoolExecutor

    class Spy(real):
        def __init__(self, *a, **kw):
            pools.append(kw.get("max_workers"))
            super().__init__(*a, **kw)

    monkeypatch.setattr(kg.parallel, "ProcessPoolExecutor", Spy)
    return pools


def _same_outputs(a: Path, b: Path) -> None:
    for name in ("kg.ttl", "kg.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_jobs_2_gives_the_bytes_of_jobs_1(tmp_path, onto, small_batches):
    corpus = _corpus(tmp_path / "c")
    one = build([corpus], tmp_path / "one", onto, jobs=1, store=False)
    two = build([corpus], tmp_path / "two", onto, jobs=2, store=False)
    assert small_batches == [2]                      # the pool ran
    assert one.documents == two.documents == 11
    assert one.extracted == two.extracted == 11
    _same_outputs(tmp_path / "one", tmp_path / "two")
    ttl = (tmp_path / "two" / "kg.ttl").read_text("utf-8")
    # discovered in several documents, merged into one person who acts for Poland
    assert "ex:Bronislaw_Komorowski a kg:Person" in ttl and "kg:actsFor ex:Poland" in ttl


def test_a_document_is_extracted_the_same_whatever_comes_before_it(tmp_path, onto):
    """A document that names a person without a country yields the same assertions built
    alone or after readouts that give the country; the graph gets the country either way
    it can: from the documents that state it."""
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "z-mention-1.md").write_text(MENTION.format(name="Bronislaw Komorowski", day=1))
    with_readouts = _corpus(tmp_path / "c")
    a = build([alone], tmp_path / "a", onto, store=False)
    b = build([with_readouts], tmp_path / "b", onto, store=False)
    from kg.pipeline import extract_corpus
    ra = [r for r in extract_corpus([alone], onto).results if r.document.id == "z-mention-1"]
    rb = [r for r in extract_corpus([with_readouts], onto).results if r.document.id == "z-mention-1"]
    assert ra[0].assertions == rb[0].assertions and ra[0].assertions
    assert a.documents == 1 and b.documents == 11
    alone_ttl = (tmp_path / "a" / "kg.ttl").read_text("utf-8")
    assert "ex:Bronislaw_Komorowski a kg:Person" in alone_ttl and "kg:actsFor" not in alone_ttl.split("ex:Bronislaw_Komorowski a")[1].split(" .\n")[0]
    assert "kg:actsFor ex:Poland" in (tmp_path / "b" / "kg.ttl").read_text("utf-8").split("ex:Bronislaw_Komorowski a")[1].split(" .\n")[0]


def test_duplicates_and_renames_do_not_depend_on_jobs(tmp_path, onto, small_batches):
    corpus = tmp_path / "c"
    (corpus / "x").mkdir(parents=True)
    (corpus / "y").mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    (corpus / "x" / seeds[0].name).write_bytes(seeds[0].read_bytes())
    (corpus / "y" / seeds[0].name).write_bytes(seeds[0].read_bytes())            # same bytes
    (corpus / "y" / seeds[1].name).write_bytes(seeds[1].read_bytes())
    (corpus / "x" / seeds[1].name).write_bytes(seeds[1].read_bytes() + b"\nMore.\n")  # same id
    (corpus / "x" / "empty.md").write_bytes(b"")
    (corpus / "y" / "empty.md").write_bytes(b"")
    reports = [build([corpus], tmp_path / f"o{j}", onto, jobs=j, store=False) for j in (1, 2)]
    for r in reports:
        assert r.documents == 3
        assert r.skipped == [f"{corpus}/y/{seeds[0].name}: same content as {corpus}/x/{seeds[0].name}"]
        assert [Path(e.path).parent.name for e in r.errors] == ["x", "y"]
    _same_outputs(tmp_path / "o1", tmp_path / "o2")
    ttl = (tmp_path / "o2" / "kg.ttl").read_text("utf-8")
    assert f'"{seeds[1].stem}_' in ttl          # the second file with the id got a suffix


def test_cluster_of_two_worker_processes_gives_the_local_graph(tmp_path, onto):
    distributed = pytest.importorskip("distributed")
    corpus = _corpus(tmp_path / "c")
    local = build([corpus], tmp_path / "local", onto, jobs=1, store=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            remote = build([corpus], tmp_path / "cluster", onto, cluster=cluster.scheduler_address,
                           store=False)
            workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2
    assert remote.documents == local.documents == 11
    _same_outputs(tmp_path / "local", tmp_path / "cluster")


def test_unreachable_cluster_is_a_clear_error(tmp_path, onto, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(kg.parallel, "CONNECT_TIMEOUT", 1)
    from kg.errors import KgError
    with pytest.raises(KgError, match="cannot reach the Dask scheduler"):
        build([SEEDS], tmp_path / "o", onto, cluster="tcp://127.0.0.1:9", store=False)


def test_an_ontology_that_cannot_be_pickled_is_loaded_by_the_workers(tmp_path, small_batches):
    from kg.ontology import load_ontology
    onto = load_ontology()
    onto._cache["helper"] = lambda x: x          # a closure cached by an extractor
    assert kg.parallel.portable(onto) == str(onto.root)
    build([SEEDS], tmp_path / "two", onto, jobs=2, store=False)
    build([SEEDS], tmp_path / "one", onto, jobs=1, store=False)
    assert small_batches == [2]
    _same_outputs(tmp_path / "one", tmp_path / "two")
