"""GraphML export: networkx reads back every node, edge and attribute, one type each."""
import networkx as nx
import pytest

from kg.export import export, load_graph
from kg.export.graphml import export_graph, read_graphml, to_graphml


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built[0] / "kg.ttl")


def as_dicts(g):
    return (dict(g.nodes(data=True)), {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)})


def test_graphml_keeps_every_node_edge_and_attribute(graph, built, tmp_path):
    [path] = export(graph, "graphml", tmp_path / "kg.graphml")
    expected = export_graph(graph)
    back = read_graphml(path)
    assert expected.number_of_nodes() == built[1].entities
    assert expected.number_of_edges() == sum(built[1].relations.values())
    assert as_dicts(back) == as_dicts(expected)
    edge = back.edges["United_States", "Russia", next(
        k for u, v, k, d in back.edges(keys=True, data=True)
        if (u, v) == ("United_States", "Russia") and d["predicate"] == "threatensCost")]
    assert edge["cameo"] == "13" and edge["plover"] == "THREATEN"
    assert isinstance(edge["reported"], bool) and isinstance(edge["text_start"], int)
    assert back.nodes["Antony_Blinken"]["aliases"] == "Antony J. Blinken; Blinken; Tony Blinken"


def test_graphml_attributes_are_scalars_of_one_type_each(graph):
    g = export_graph(graph)
    types = {}
    for _, d in g.nodes(data=True):
        for k, v in d.items():
            types.setdefault(("node", k), set()).add(type(v))
    for _, _, d in g.edges(data=True):
        for k, v in d.items():
            types.setdefault(("edge", k), set()).add(type(v))
    assert all(len(t) == 1 and t <= {str, int, bool} for t in types.values()), types


def test_graphml_is_deterministic_and_valid_for_networkx(graph, built):
    data = to_graphml(graph)
    assert data == to_graphml(graph)
    assert b'attr.name="quote"' in data
    import io
    assert nx.read_graphml(io.BytesIO(data)).number_of_edges() == sum(built[1].relations.values())
