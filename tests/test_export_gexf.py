"""GEXF export (Gephi): networkx reads back every node, edge and attribute; static graph;
the same bytes on any day."""
import pytest

from kg.export import export, load_graph
from kg.export.gexf import read_gexf, to_gexf
from kg.export.graphml import export_graph


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built[0] / "kg.ttl")


def as_dicts(g):
    return (dict(g.nodes(data=True)), {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)})


def test_gexf_keeps_every_node_edge_and_attribute(graph, built, tmp_path):
    [path] = export(graph, "gexf", tmp_path / "kg.gexf")
    back = read_gexf(path)
    assert back.number_of_edges() == sum(built[1].relations.values())
    assert as_dicts(back) == as_dicts(export_graph(graph))


def test_gexf_is_a_static_graph_with_assertion_ids_and_a_data_date(graph, monkeypatch):
    data = to_gexf(graph).decode("utf-8")
    assert 'mode="static"' in data and 'mode="dynamic"' not in data     # no time spells
    assert 'lastmodifieddate="2022-02-12"' in data                      # latest document
    assert 'label="Vladimir Putin"' in data
    import time
    monkeypatch.setattr(time, "strftime", lambda *a: "2099-01-01")
    assert to_gexf(graph).decode("utf-8") == data
