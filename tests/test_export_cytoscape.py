"""Cytoscape JSON export: what Cytoscape imports (ids, names, interactions), read back
by networkx with every node, edge and attribute."""
import json

import pytest

from kg.export import export, load_graph
from kg.export.cytoscape import read_cytoscape, to_cytoscape
from kg.export.graphml import export_graph


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built[0] / "kg.ttl")


def test_cytoscape_json_round_trips(graph, tmp_path):
    [path] = export(graph, "cytoscape", tmp_path / "kg.cyjs")
    back = read_cytoscape(path)
    expected = export_graph(graph)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert ({(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)}
            == {(u, v, k): d for u, v, k, d in expected.edges(keys=True, data=True)})


def test_cytoscape_elements_have_what_cytoscape_reads(graph, built):
    doc = json.loads(to_cytoscape(graph))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    report = built[1]
    assert len(nodes) == report.entities and len(edges) == sum(report.relations.values())
    ids = [e["data"]["id"] for e in nodes + edges]
    assert len(set(ids)) == len(ids)                          # unique element ids
    putin = next(n["data"] for n in nodes if n["data"]["id"] == "Vladimir_Putin")
    assert putin["name"] == "Vladimir Putin" and putin["type"] == "Person"
    node_ids = {n["data"]["id"] for n in nodes}
    for e in edges:
        d = e["data"]
        assert d["source"] in node_ids and d["target"] in node_ids
        assert d["interaction"] == d["predicate"]
    assert to_cytoscape(graph) == to_cytoscape(graph)
