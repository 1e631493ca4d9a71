"""kg query: the stored queries answer the seed questions; parameters are bound, never
pasted; the three output formats are well-formed; the CLI reports errors clearly."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KgError
from kg.export import load_graph
from kg.query import format_csv, format_json, format_table, resolve, run, stored_queries


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built[0] / "kg.ttl")


def rows(graph, name, **params):
    r = run(graph, resolve(name), params)
    return [{v: (t.value if t is not None else "") for v, t in zip(r.variables, row)} for row in r.rows]


def test_every_stored_query_has_a_header_and_an_example():
    queries = stored_queries()
    assert set(queries) >= {"threats", "meetings", "proposals", "commitments", "about"}
    for name, q in queries.items():
        assert q.description and "Example: kg query " + name in q.text
    assert list(queries["about"].params) == ["entity"]


def test_threats_are_conditional_with_quote_and_url(graph):
    out = rows(graph, "threats")
    assert len(out) >= 10
    assert any(r["who"] == "United States" and r["whom"] == "Russia" and "severe costs" in r["quote"]
               for r in out)
    assert all(r["url"].startswith("https://") and r["date"] for r in out)
    dates = [r["date"] for r in out]
    assert dates == sorted(dates)
    every = [a for a in graph.query(
        "PREFIX kg: <https://w3id.org/diplomacy-kg/vocab#> SELECT ?a WHERE { ?a kg:predicate kg:threatensCost ;"
        " kg:modality kg:Conditional ; kg:reported false }")]
    assert len(out) == len(every)


def test_meetings_timeline_and_commitments(graph, built):
    meetings = rows(graph, "meetings")
    assert len(meetings) == built[1].relations["meetsWith"]
    assert any(r["who"] == "Joe Biden" and r["with"] == "Vladimir Putin" and r["modality"] == "planned"
               for r in meetings)
    assert [r["date"] for r in meetings] == sorted(r["date"] for r in meetings)
    commitments = rows(graph, "commitments")
    assert len(commitments) == built[1].relations["commitsTo"]
    assert [r["actor"] for r in commitments] == sorted(r["actor"] for r in commitments)


def test_proposals_show_who_rejects_them(graph, built):
    from kg.export.views import assertions, entities
    out = rows(graph, "proposals")
    assert len(out) == built[1].relations["proposes"]
    label = {e.id: e.label for e in entities(graph)}
    rejections = {}
    for a in assertions(graph):
        if a.predicate == "rejects":
            rejections.setdefault((a.document, a.subject, a.object), set()).add(a.quote)
    expected = sorted((a.date, label[a.subject], label[a.object], a.quote,
                       tuple(sorted(rejections.get((a.document, a.object, a.subject), ()))))
                      for a in assertions(graph) if a.predicate == "proposes")
    got = sorted((r["date"], r["proposer"], r["to"], r["quote"],
                  tuple(sorted(r["rejection"].split(" | "))) if r["rejection"] else ()) for r in out)
    assert got == expected
    assert any(r["rejected_by"] == r["to"] and r["rejection"] for r in out)


@pytest.mark.parametrize("value", ["Russia", "russia", "the Russian Federation", "Russia"])
def test_about_resolves_a_label_an_alias_or_an_id(graph, value):
    out = rows(graph, "about", entity=value)
    assert len(out) > 20
    assert all("Russia" in (r["subject"], r["object"]) for r in out)
    assert "entity" not in out[0]                      # parameters are inputs, not columns


def test_about_by_id_and_by_alias_agree(graph):
    assert rows(graph, "about", entity="Vladimir_Putin") == rows(graph, "about", entity="putin")


def test_a_parameter_cannot_change_the_query(graph):
    assert rows(graph, "about", entity='Russia") } UNION { ?a ?b ?c } #') == []


def test_missing_and_unknown_parameters_are_refused(graph):
    with pytest.raises(KgError, match="missing parameter entity"):
        run(graph, resolve("about"), {})
    with pytest.raises(KgError, match="unknown parameter who"):
        run(graph, resolve("threats"), {"who": "x"})


def test_output_formats(graph):
    r = run(graph, resolve("threats"))
    table = format_table(r, 40)
    assert table.splitlines()[0].split() == ["date", "who", "whom", "quote", "url"]
    assert f"({len(r.rows)} rows)" in table
    parsed = list(csv.reader(io.StringIO(format_csv(r))))
    assert parsed[0] == r.variables and len(parsed) == len(r.rows) + 1
    doc = json.loads(format_json(r))
    assert doc["head"]["vars"] == r.variables and len(doc["results"]["bindings"]) == len(r.rows)
    assert doc["results"]["bindings"][0]["url"]["type"] == "literal"


def test_text_queries_files_ask_and_construct(graph, tmp_path):
    ask = run(graph, resolve("PREFIX kg: <https://w3id.org/diplomacy-kg/vocab#> ASK { ?a kg:meetsWith ?b }"))
    assert ask.kind == "ask" and ask.boolean and format_table(ask) == "true"
    f = tmp_path / "count.rq"
    f.write_text("# count: every triple\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n")
    r = run(graph, resolve(str(f)))
    assert int(r.rows[0][0].value) == len(graph)
    c = run(graph, resolve("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"))
    assert c.kind == "graph" and len(c.triples) == 3


def test_bad_queries_are_clear_errors(graph):
    with pytest.raises(KgError, match="no stored query named 'threat'"):
        resolve("threat")
    with pytest.raises(KgError, match="not a valid SPARQL"):
        run(graph, resolve("SELECT ?x WHERE { ?x"))
    with pytest.raises(KgError, match="no such query file"):
        resolve("missing.rq")
    with pytest.raises(KgError, match="not a valid SPARQL"):
        run(graph, resolve("INSERT DATA { <http://a> <http://b> <http://c> }"))


def test_cli_query(built):
    graph = str(built[0] / "kg.ttl")
    runner = CliRunner()
    res = runner.invoke(main, ["query", "about", "--param", "entity=Russia", "--format", "csv", "--graph", graph])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0] == "date,subject,predicate,object,modality,speaker,quote"
    res = runner.invoke(main, ["query", "--graph", graph])
    assert res.exit_code == 0 and "threats" in res.output and "--param entity=" in res.output
    res = runner.invoke(main, ["query", "threats", "--graph", str(built[0] / "nothing.ttl")])
    assert res.exit_code == 2 and "run kg build first" in res.output
    res = runner.invoke(main, ["query", "about", "--param", "entity", "--graph", graph])
    assert res.exit_code == 2 and "expected NAME=VALUE" in res.output
