"""kg.lists: a header ending in a colon opens a list; its bulleted lines name the items."""
from test_relate import CASES, make_document

from kg.load import parse_document
from kg.pipeline import extract_document

CHAIR = next(c for c in CASES if c["id"] == "participate_participant_list_bullets_of_the_documents_forum")


def keys(onto, case):
    doc = parse_document("list.md", make_document(case))
    return {(a.subject, a.predicate, a.object) for a in extract_document(onto, doc).assertions}


def test_list_items_take_part_in_the_documents_forum_and_meet_its_host(onto):
    got = keys(onto, CHAIR)
    assert ("Justin_Trudeau", "participatesIn", "Major_Economies_Forum") in got
    assert ("Joe_Biden", "meetsWith", "Justin_Trudeau") in got


def test_list_closes_at_a_line_that_is_not_a_bullet(onto):
    lines = CHAIR["body"].split("\n")
    first_bullet = next(i for i, line in enumerate(lines) if line.lstrip().startswith("-"))
    body = "\n".join(lines[:first_bullet] + ["The leaders discussed the energy transition.", ""]
                     + lines[first_bullet:])
    got = keys(onto, dict(CHAIR, body=body))
    assert ("Justin_Trudeau", "participatesIn", "Major_Economies_Forum") not in got
