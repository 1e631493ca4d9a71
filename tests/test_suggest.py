"""kg entities suggest / coverage: what the corpus names that the gazetteer does not know."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.coverage import coverage, format_coverage
from kg.errors import OntologyError
from kg.ontology import load_ontology
from kg.suggest import OrgPhraseFinder, load_suggest_config, sentence_at, suggest

from conftest import corpus_members

ROOT = Path(__file__).resolve().parent.parent

# Sentence shapes from the corpus (readouts of 2023), with people and bodies that
# the gazetteer does not hold (Prime Minister Orpo of Finland, the Minerals
# Security Partnership) next to ones it does.
READOUT_1 = """---
title: Readout of President Biden's Meeting with Prime Minister Petteri Orpo of Finland
date: 2023-07-13
source_url: https://www.whitehouse.gov/briefing-room/statements-releases/2023/07/13/readout/
---

President Joseph R. Biden, Jr. met today with Prime Minister Petteri Orpo of Finland in Helsinki.
The leaders welcomed the work of the Sustainable Critical Minerals Alliance. Prime Minister Orpo
thanked the President. Prime Minister Kishida of Japan joined the Sustainable Critical Minerals Alliance
ministerial, and NATO Secretary General Jens Stoltenberg briefed the North Atlantic Council.
"""

READOUT_2 = """---
title: Readout of a Call
date: 2023-09-02
source_url: https://www.whitehouse.gov/briefing-room/statements-releases/2023/09/02/readout-2/
---

Secretary Blinken spoke with Prime Minister Petteri Orpo about the Sustainable Critical Minerals Alliance.
"""


@pytest.fixture()
def corpus_dir(tmp_path):
    (tmp_path / "2023-07-13-readout.md").write_text(READOUT_1, encoding="utf-8")
    (tmp_path / "2023-09-02-readout.md").write_text(READOUT_2, encoding="utf-8")
    return tmp_path


def test_suggest_lists_unknown_titled_names_and_bodies_with_counts_and_examples(onto, corpus_dir):
    s = suggest([corpus_dir], onto, min_count=2)
    assert s.documents == 2
    people = {c.phrase: c for c in s.people}
    orgs = {c.phrase: c for c in s.organizations}
    assert people["Petteri Orpo"].count == 2 and people["Petteri Orpo"].documents == 2
    assert "Prime Minister" in people["Petteri Orpo"].titles
    assert "Kishida" not in people and "Jens Stoltenberg" not in people   # known
    msp = orgs["Sustainable Critical Minerals Alliance"]
    assert msp.count == 3 and msp.documents == 2
    assert "Sustainable Critical Minerals Alliance" in msp.example and msp.example_doc.startswith("2023-")
    assert "North Atlantic Council" not in orgs                          # known


def test_min_count_and_limit_filter_the_list(onto, corpus_dir):
    s = suggest([corpus_dir], onto, min_count=3)
    assert [c.phrase for c in s.people] == []
    assert [c.phrase for c in s.organizations] == ["Sustainable Critical Minerals Alliance"]
    assert len(suggest([corpus_dir], onto, min_count=1, limit=1).organizations) == 1


def test_org_phrases_keep_connectors_inside_and_drop_sentence_words(onto):
    finder = OrgPhraseFinder(onto, load_suggest_config(onto.root))
    text = ("But the Council of the Baltic Sea States met. We joined the Alliance of "
            "Small Island States and the International Solar Alliance.")
    phrases = [p for _, _, p in finder.find(text)]
    assert phrases == ["Council of the Baltic Sea States", "Alliance of Small Island States", "International Solar Alliance"]


def test_sentence_at_returns_the_whole_sentence():
    text = "First sentence here. The Sustainable Critical Minerals Alliance met in Paris. Last one."
    start = text.index("Minerals")
    assert sentence_at(text, start, start + 8) == "The Sustainable Critical Minerals Alliance met in Paris."


def test_coverage_counts_titled_mentions_and_the_resolved_share(onto, corpus_dir):
    cov = coverage([corpus_dir], onto)
    # Prime Minister Petteri Orpo (x2), Prime Minister Orpo, Prime Minister Kishida,
    # NATO Secretary General Jens Stoltenberg, Secretary Blinken, President Joseph R. Biden
    assert cov.titled == 7
    assert cov.resolved == 4
    assert cov.unresolved_names["Petteri Orpo"] == 2
    text = format_coverage(cov)
    assert "titled-person mentions: 7; resolved: 4 (57.1%)" in text
    assert cov.gazetteer.by_type["State"] >= 197


def test_a_bad_suggest_file_is_refused_with_its_name(tmp_path):
    root = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", root)
    (root / "suggest.yaml").write_text("version: 1\norg_heads: [council]\n", encoding="utf-8")
    onto = load_ontology(root)
    with pytest.raises(OntologyError) as err:
        load_suggest_config(onto.root)
    assert "suggest.yaml" in str(err.value) and "council" in str(err.value)


def test_cli_suggest_and_coverage(corpus_dir):
    runner = CliRunner()
    r = runner.invoke(main, ["entities", "suggest", str(corpus_dir), "--min-count", "2"])
    assert r.exit_code == 0, r.output
    assert "Petteri Orpo" in r.output and "Sustainable Critical Minerals Alliance" in r.output
    r = runner.invoke(main, ["entities", "coverage", str(corpus_dir)])
    assert r.exit_code == 0 and "titled-person mentions: 7" in r.output
    r = runner.invoke(main, ["entities", "suggest", str(corpus_dir / "missing")])
    assert "could not read 1 file" in r.output


def test_suggest_on_real_briefings_proposes_only_unknown_names(onto, tmp_path):
    members = corpus_members("statements-releases/2021-08/", limit=40)
    for name, data in members:
        (tmp_path / Path(name).name).write_bytes(data)
    s = suggest([tmp_path], onto, min_count=1, limit=0)
    assert s.documents == len(members)
    gaz = onto._cache["gazetteer"]
    for c in s.people + s.organizations:
        assert c.example                      # every candidate comes with its sentence
        hits = gaz.find(c.phrase)
        assert not (len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(c.phrase)), c.phrase
