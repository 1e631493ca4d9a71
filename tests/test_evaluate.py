"""kg eval: scoring by the rules of ../shared/gold/README.md."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import GoldError
from kg.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
DOC = """---
title: "Background Press Call"
date: '2021-12-06'
source_url: https://www.whitehouse.gov/briefing-room/press-briefings/x/
---
SENIOR ADMINISTRATION OFFICIAL:  President Biden and President Putin will hold a secure video call
tomorrow. Secretary Blinken will also be speaking with President Zelenskyy. We have committed
$450 million in security assistance to Ukraine.
"""


def write_gold(tmp_path: Path, relations: list, optional: list = (), entities=("Joe Biden",)) -> Path:
    gold = {"version": 1, "documents": {"call": {
        "date": "2021-12-06", "entities": list(entities), "optional_entities": [],
        "relations": list(relations), "optional_relations": list(optional)}}}
    path = tmp_path / "gold.yaml"
    path.write_text(json.dumps(gold))         # JSON is YAML
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "call.md").write_text(DOC)
    return path


def test_true_positives_false_positives_and_misses_are_counted(tmp_path, onto):
    gold = write_gold(tmp_path, [
        # symmetric: written the other way round than extracted
        {"subject": "Vladimir Putin", "predicate": "meetsWith", "object": "Joe Biden", "modality": ["planned"]},
        {"subject": "United States", "predicate": "commitsTo", "object": "Ukraine", "modality": ["asserted", "conditional"]},
        {"subject": "United States", "predicate": "rejects", "object": "Russia", "modality": ["asserted"]},
    ])
    ev = evaluate(onto, gold, tmp_path / "docs").as_dict()
    r = ev["relations"]
    # Blinken meets Zelenskyy is neither gold nor optional: a false positive
    assert (r["tp"], r["fn"], r["fp"]) == (2, 1, 1)
    assert ev["per_predicate"]["rejects"]["fn"] == 1
    # modality: planned (1 of 1) + asserted (1 of 2) = 2 of 3 gold modalities
    assert ev["modality"]["agreement"] == round(2 / 3, 4)


def test_optional_relations_are_neither_rewarded_nor_penalised(tmp_path, onto):
    gold = write_gold(tmp_path, [], optional=[
        {"subject": "Antony Blinken", "predicate": "meetsWith", "object": "Volodymyr Zelenskyy"},
        {"subject": "Joe Biden", "predicate": "meetsWith", "object": "Vladimir Putin"},
        {"subject": "United States", "predicate": "commitsTo", "object": "Ukraine"}])
    r = evaluate(onto, gold, tmp_path / "docs").as_dict()["relations"]
    assert (r["tp"], r["fp"], r["fn"]) == (0, 0, 0)


def test_a_gold_name_that_resolves_to_nothing_is_reported_and_missed(tmp_path, onto):
    gold = write_gold(tmp_path, [{"subject": "Nobody Atall", "predicate": "meetsWith", "object": "Joe Biden",
                                  "modality": ["asserted"]}], entities=["Joe Biden", "Atlantis"])
    ev = evaluate(onto, gold, tmp_path / "docs")
    assert any("Nobody Atall" in u for u in ev.unresolved) and any("Atlantis" in u for u in ev.unresolved)
    assert ev.relations.fn == 1 and ev.as_dict()["entities"]["recall"] == 0.5


def test_a_gold_document_missing_from_the_corpus_is_an_error_that_names_it(tmp_path, onto):
    gold = write_gold(tmp_path, [])
    (tmp_path / "docs" / "call.md").unlink()
    with pytest.raises(GoldError, match="'call' not found"):
        evaluate(onto, gold, tmp_path / "docs")


def test_gold_documents_are_read_from_an_archive_as_from_a_folder(tmp_path, onto):
    import tarfile
    gold = write_gold(tmp_path, [
        {"subject": "Joe Biden", "predicate": "meetsWith", "object": "Vladimir Putin", "modality": ["planned"]}])
    archive = tmp_path / "corpus.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        tar.add(tmp_path / "docs" / "call.md", arcname="briefings/2021-12/call.md")
    assert evaluate(onto, gold, archive).as_dict() == evaluate(onto, gold, tmp_path / "docs").as_dict()
    data = json.loads(gold.read_text())
    data["documents"]["absent"] = data["documents"].pop("call")
    gold.write_text(json.dumps(data))
    with pytest.raises(GoldError, match="'absent' not found"):
        evaluate(onto, gold, archive)


def test_cli_json_is_the_scorer_object_and_text_lists_false_positives_with_their_rule(tmp_path):
    gold = write_gold(tmp_path, [{"subject": "Joe Biden", "predicate": "meetsWith", "object": "Vladimir Putin",
                                  "modality": ["planned"]}])
    out = CliRunner().invoke(main, ["eval", str(gold), "--corpus", str(tmp_path / "docs"), "--json"])
    data = json.loads(out.output)
    assert set(data) == {"relations", "per_predicate", "modality", "entities", "documents"}
    assert data["documents"] == 1 and data["relations"]["tp"] == 1
    text = CliRunner().invoke(main, ["eval", str(gold), "--corpus", str(tmp_path / "docs")]).output
    assert "Antony Blinken meetsWith Volodymyr Zelenskyy" in text and "rule meet.subject_verb_with" in text


def test_seed_gold_meets_the_targets(onto):
    gold = ROOT.parent / "shared" / "gold" / "seeds.yaml"
    if not gold.exists():
        pytest.skip("shared gold not available")
    ev = evaluate(onto, gold, ROOT / "seeds").as_dict()
    assert ev["relations"]["precision"] >= 0.90 and ev["relations"]["recall"] >= 0.85
    assert ev["modality"]["agreement"] >= 0.90
    assert ev["entities"]["recall"] >= 0.97 and ev["entities"]["precision"] >= 0.95
