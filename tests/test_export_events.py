"""Events export: one row per assertion, CAMEO/PLOVER codes from the vocabulary's SKOS
mappings, PLOVER modes from modality, sorted by date."""
import pytest

from kg.errors import OntologyError
from kg.export import export, load_graph
from kg.export.events import COLUMNS, read_events
from kg.export.vocab import VOCABULARY, load_vocabulary

REQUIRED = ("date", "source_actor", "source_actor_id", "target_actor", "target_actor_id", "predicate",
            "cameo", "plover", "modality", "reported", "speaker_role", "quote", "document", "url",
            "assertion_id")


@pytest.fixture(scope="module")
def rows(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("events") / "events.csv"
    export(load_graph(built[0] / "kg.ttl"), "events", out)
    return read_events(out)


def test_one_row_per_assertion_with_the_event_data_columns(rows, built):
    assert set(REQUIRED) <= set(COLUMNS)
    n = sum(built[1].relations.values())
    assert len(rows) == n > 50
    assert len({r["assertion_id"] for r in rows}) == n
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)


def test_codes_come_from_the_vocabulary(rows):
    vocab = load_vocabulary()
    for r in rows:
        codes = vocab.codes_for(r["predicate"])
        assert (r["cameo"], r["plover"]) == (codes.cameo, codes.plover)
    threat = next(r for r in rows if r["predicate"] == "threatensCost" and r["modality"] == "conditional"
                  and r["source_actor"] == "United States" and "severe costs" in r["quote"])
    assert (threat["cameo"], threat["plover"], threat["plover_mode"]) == ("13", "THREATEN", "hypothetical")
    assert threat["target_actor_id"] == "Russia" and threat["url"].startswith("https://")
    meet = next(r for r in rows if r["predicate"] == "meetsWith" and r["modality"] == "planned")
    assert (meet["cameo"], meet["plover"], meet["plover_mode"]) == ("04", "CONSULT", "future")
    putin = next(r for r in rows if r["source_actor_id"] == "Vladimir_Putin")
    assert putin["source_actor_type"] == "Person" and putin["source_country"] == "Russia"


def test_the_mapping_is_the_one_the_issue_asks_for():
    vocab = load_vocabulary()
    want = {"meetsWith": ("04", "CONSULT"), "proposes": ("03", "AGREE"), "rejects": ("12", "REJECT"),
            "threatensCost": ("13", "THREATEN"), "commitsTo": ("03", "AGREE"),
            "participatesIn": ("04", "CONSULT")}
    assert {p: (vocab.codes[p].cameo, vocab.codes[p].plover) for p in want} == want
    assert vocab.codes["proposes"].cameo_related == ("02",)
    assert vocab.codes["proposes"].plover_related == ("REQUEST",)
    assert "1312" in vocab.codes["threatensCost"].cameo_narrower
    assert "033" in vocab.codes["commitsTo"].cameo_narrower
    assert vocab.codes_for("heldIn").cameo == ""


def test_an_ambiguous_mapping_is_refused_naming_file_and_relation(tmp_path):
    text = VOCABULARY.read_text(encoding="utf-8").replace(
        "skos:closeMatch cameo:12 , plover:REJECT", "skos:closeMatch cameo:12 , cameo:13 , plover:REJECT")
    bad = tmp_path / "kg.ttl"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(OntologyError, match=r"kg.ttl, record rejects: more than one cameo closeMatch"):
        load_vocabulary(bad)
