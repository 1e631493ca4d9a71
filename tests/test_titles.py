"""kg.titles: what a document's title says about its sentences."""
from kg.coref import PeopleRegistry, find_named
from kg.load import parse_document
from kg.segment import segment
from kg.titles import session_forum, title_author_body, venue_forum


def _title_mentions(onto, title: str):
    doc = parse_document("x.md", f"---\ntitle: \"{title}\"\ndate: '2022-02-25'\n---\nText.\n".encode())
    turns, sentences = segment(doc, onto.text, "The White House")
    named = find_named(onto, doc, turns, sentences, "United_States", PeopleRegistry())
    return title, named.title


def test_the_session_a_statement_is_about(onto):
    title, ms = _title_mentions(onto, "Statement of the President on the NATO Summit and Call with President Zelenskyy")
    assert session_forum(onto.rules, title, ms, onto.entities) == "NATO"


def test_no_session_when_the_title_names_two(onto):
    title, ms = _title_mentions(onto, "Background Press Call on the G7 Summit and the NATO Summit")
    assert session_forum(onto.rules, title, ms, onto.entities) is None


def test_the_forum_remarks_were_given_at(onto):
    title, ms = _title_mentions(onto, "Remarks by Vice President Harris at the Munich Security Conference")
    assert venue_forum(title, ms, onto.entities) == "Munich_Security_Conference"


def test_a_body_that_speaks_in_the_title(onto):
    title, ms = _title_mentions(onto, "Joint Statement by the G7 Announcing Further Economic Costs on Russia")
    parts = onto.entity_maps()[1]
    assert title_author_body(onto, title, ms, onto.entities, parts) == "G7"
