"""Neo4j export: neo4j-admin CSV headers, a LOAD CSV script that reads only columns that
exist, and a real load into Kuzu (embedded Cypher) whose meetsWith pairs equal SPARQL's."""
import csv
import re

import pytest

from kg.export import export, load_graph
from kg.export.graphml import export_graph
from kg.export.neo4j import read_neo4j

MEETS = """PREFIX kg: <https://w3id.org/diplomacy-kg/vocab#>
SELECT DISTINCT ?a ?b WHERE { ?a kg:meetsWith ?b }"""


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built[0] / "kg.ttl")


@pytest.fixture(scope="module")
def folder(graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("neo4j")
    export(graph, "neo4j", out)
    return out


def header(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def test_csvs_have_neo4j_admin_headers(folder, built):
    nodes, docs, rels = (header(folder / n) for n in ("nodes.csv", "documents.csv", "relationships.csv"))
    assert nodes[:3] == ["id:ID(Entity)", ":LABEL", "label"]
    assert docs[:2] == ["id:ID(Document)", ":LABEL"]
    assert rels[:3] == [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"]
    with open(folder / "relationships.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sum(r[":TYPE"] != "actsFor" for r in rows) == sum(built[1].relations.values())
    assert {r[":TYPE"] for r in rows} >= {"meetsWith", "threatensCost", "actsFor"}
    with open(folder / "nodes.csv", encoding="utf-8", newline="") as fh:
        putin = next(r for r in csv.DictReader(fh) if r["id:ID(Entity)"] == "Vladimir_Putin")
    assert putin[":LABEL"] == "Entity;Person"


def test_load_cypher_reads_only_columns_the_csvs_have(folder):
    script = (folder / "load.cypher").read_text(encoding="utf-8")
    columns = set(header(folder / "nodes.csv")) | set(header(folder / "documents.csv")) \
        | set(header(folder / "relationships.csv"))
    used = set(re.findall(r"row\.`([^`]+)`", script))
    assert used and used <= columns
    for name in ("nodes.csv", "documents.csv", "relationships.csv"):
        assert f"'file:///{name}'" in script
    assert "CREATE (a)-[r:`meetsWith`]->(b)" in script


def test_neo4j_csvs_load_into_kuzu_and_cypher_agrees_with_sparql(graph, folder, tmp_path):
    pytest.importorskip("kuzu")
    from kg.export.neo4j import load_kuzu
    conn = load_kuzu(folder, tmp_path / "db")
    res = conn.execute("MATCH (a:Entity)-[:meetsWith]->(b:Entity) RETURN DISTINCT a.id, b.id")
    cypher = set()
    while res.has_next():
        cypher.add(tuple(res.get_next()))
    prefix = "https://w3id.org/diplomacy-kg/id/"
    sparql = {(r["a"].value[len(prefix):], r["b"].value[len(prefix):]) for r in graph.query(MEETS)}
    assert cypher == sparql and ("Joe_Biden", "Vladimir_Putin") in cypher
    res = conn.execute("MATCH (a:Entity {id: 'United_States'})-[r:threatensCost]->(b:Entity {id: 'Russia'}) "
                       "WHERE r.modality = 'conditional' RETURN r.quote, r.cameo, r.text_start")
    rows = []
    while res.has_next():
        rows.append(res.get_next())
    assert rows and all(cameo == "13" and isinstance(start, int) for _, cameo, start in rows)
    assert any("severe costs" in q for q, _, _ in rows)
    res = conn.execute("MATCH (p:Entity)-[:actsFor]->(s:Entity) WHERE p.id = 'Vladimir_Putin' RETURN s.id")
    assert res.get_next() == ["Russia"]


def test_neo4j_csvs_read_back_to_the_flat_graph(graph, folder):
    back = read_neo4j(folder)
    expected = export_graph(graph)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert ({(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)}
            == {(u, v, k): d for u, v, k, d in expected.edges(keys=True, data=True)})
