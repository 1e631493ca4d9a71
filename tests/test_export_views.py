"""The exporters' view of the built graph: SPARQL reads back what kg build put in; every
export is deterministic and written whole or not at all."""
import pytest

from kg.export import FORMATS, export, load_graph
from kg.export.views import assertions, documents, entities, to_networkx
from kg.graph import to_networkx as build_networkx


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built[0] / "kg.ttl")


def test_networkx_view_read_by_sparql_equals_the_builds(graph, seed_corpus, onto):
    expected = build_networkx(seed_corpus, seed_corpus.entities(onto))
    got = to_networkx(graph)
    assert dict(got.nodes(data=True)) == dict(expected.nodes(data=True))
    assert ({(u, v, k): d for u, v, k, d in got.edges(keys=True, data=True)}
            == {(u, v, k): d for u, v, k, d in expected.edges(keys=True, data=True)})


def test_rows_carry_provenance(graph, built):
    rows = assertions(graph)
    assert len(rows) == sum(built[1].relations.values())
    assert len(documents(graph)) == 5 and len(entities(graph)) == built[1].entities
    for a in rows:
        assert a.quote and a.document and a.rule and a.start < a.end and a.date
    putin = next(e for e in entities(graph) if e.id == "Vladimir_Putin")
    assert putin.acts_for == "Russia" and putin.type == "Person"


def test_every_export_is_byte_identical_for_the_same_graph(built, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        g = load_graph(built[0] / "kg.ttl")
        for name, fmt in FORMATS.items():
            export(g, name, out / fmt.default)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert len(files) == 13
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_a_failed_export_leaves_the_previous_file_and_no_temporary(graph, tmp_path, monkeypatch):
    target = tmp_path / "kg.graphml"
    export(graph, "graphml", target)
    before = target.read_bytes()
    import kg.export.graphml as mod

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(mod.nx, "write_graphml", broken)
    with pytest.raises(RuntimeError):
        export(graph, "graphml", target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kg.graphml"]


def test_unknown_format_is_a_clear_error(graph, tmp_path):
    from kg.errors import KgError
    with pytest.raises(KgError, match="unknown export format 'xls'"):
        export(graph, "xls", tmp_path / "x")


def test_cli_export_writes_and_reports(built, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    graph = str(built[0] / "kg.ttl")
    res = CliRunner().invoke(main, ["export", "--format", "events", "--graph", graph,
                                    "--out", str(tmp_path / "ev.csv")])
    assert res.exit_code == 0, res.output
    assert res.output.startswith(f"wrote {tmp_path / 'ev.csv'} (") and (tmp_path / "ev.csv").is_file()
    res = CliRunner().invoke(main, ["export", "--format", "neo4j", "--graph", graph, "--out", str(tmp_path / "n")])
    assert res.exit_code == 0 and (tmp_path / "n" / "load.cypher").is_file()
    res = CliRunner().invoke(main, ["export", "--format", "turtle", "--graph", str(tmp_path / "none.ttl")])
    assert res.exit_code == 2 and "run kg build first" in res.output


def test_an_oxigraph_store_folder_is_a_graph_too(built, tmp_path):
    import pyoxigraph as ox
    folder = tmp_path / "store"
    store = ox.Store(str(folder))
    store.bulk_load(path=str(built[0] / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    from_store, from_file = load_graph(folder), load_graph(built[0] / "kg.ttl")
    assert len(from_store) == len(from_file)
    assert assertions(from_store) == assertions(from_file)
    assert entities(from_store) == entities(from_file)
