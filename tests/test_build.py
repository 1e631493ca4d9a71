"""End to end: kg build on the seeds, queried with SPARQL."""
from pathlib import Path

import pyoxigraph as ox

from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent

QUERY = """
PREFIX kg: <https://w3id.org/diplomacy-kg/vocab#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?quote ?modality WHERE {
  ?s rdfs:label ?sl . ?o rdfs:label ?ol .
  ?s kg:%s ?o .
  ?a a kg:Assertion ; kg:subject ?s ; kg:predicate kg:%s ; kg:object ?o ;
     kg:quote ?quote ; kg:modality ?modality .
  FILTER(?sl = "%s" && ?ol = "%s")
}"""


def _store(out: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def _ask(store, s, p, o):
    return [(r["quote"].value, r["modality"].value.rsplit("#", 1)[1]) for r in store.query(QUERY % (p, p, s, o))]


def test_seed_graph_answers_the_must_show_questions(built):
    out, _ = built
    store = _store(out)
    meets = _ask(store, "Joe Biden", "meetsWith", "Vladimir Putin")
    assert any("video call" in q for q, _ in meets)
    threats = _ask(store, "United States", "threatensCost", "Russia")
    assert any(m == "Conditional" and "severe costs" in q for q, m in threats)
    held = _ask(store, "Strategic Stability Dialogue", "heldIn", "Geneva")
    assert any("in Geneva" in q for q, _ in held)
    blinken = _ask(store, "Antony Blinken", "meetsWith", "Volodymyr Zelenskyy")
    assert any("Secretary Blinken" in q for q, _ in blinken)


def test_two_builds_are_byte_identical(tmp_path, onto):
    a, b = tmp_path / "a", tmp_path / "b"
    build([ROOT / "seeds"], a, onto)
    build([ROOT / "seeds"], b, onto)
    for name in ("kg.ttl", "kg.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_malformed_files_are_reported_and_the_rest_is_built(tmp_path, onto):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        (corpus / p.name).write_bytes(p.read_bytes())
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "nofm.md").write_bytes(b"just text\n")
    (corpus / "badyaml.md").write_bytes(b"---\ntitle: [x\n---\nbody\n")
    (corpus / "latin1.md").write_bytes("---\ntitle: caf\xe9\n---\nbody\n".encode("latin-1"))
    report = build([corpus], tmp_path / "out", onto)
    assert report.documents == 2
    reasons = {Path(e.path).name: e.reason for e in report.errors}
    assert set(reasons) == {"empty.md", "nofm.md", "badyaml.md", "latin1.md"}
    assert "not UTF-8" in reasons["latin1.md"]
    assert (tmp_path / "out" / "kg.ttl").exists()


def test_cli_build_prints_summary_and_fails_on_bad_files(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    corpus = tmp_path / "c"
    corpus.mkdir()
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "documents read: 1" in result.output
    assert "threatensCost:" in result.output
    assert "empty.txt: empty file" in result.output
