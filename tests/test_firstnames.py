"""kg.firstnames: a person called by first name after being named in full."""
from kg.load import parse_document
from kg.pipeline import extract_document


def _mentions(onto, body: str, title: str = "Press Briefing by Press Secretary Jen Psaki"):
    doc = parse_document("x.md", f"---\ntitle: \"{title}\"\ndate: '2022-03-22'\n---\n{body}\n".encode())
    result = extract_document(onto, doc)
    return [(doc.text[m.start:m.end], m.entity) for m in result.mentions if m.how == "discovered"]


def test_a_first_name_after_the_full_name_is_that_person(onto):
    body = ("MS. PSAKI:  National Security Advisor Jake Sullivan is here today. "
            "Jake mentioned his conversation with his Chinese counterpart.")
    assert ("Jake", "Jake_Sullivan") in _mentions(onto, body)


def test_a_first_name_used_to_address_a_reporter_is_no_mention(onto):
    body = ("MS. PSAKI:  National Security Advisor Jake Sullivan is here today.\n\n"
            "Q    Thanks, Jake. Two questions on China.")
    assert ("Jake", "Jake_Sullivan") not in _mentions(onto, body)


def test_a_first_name_before_another_name_is_someone_else(onto):
    body = ("MS. PSAKI:  National Security Advisor Jake Sullivan is here today. "
            "As Jake Tapper reported this morning, the talks went on.")
    assert ("Jake", "Jake_Sullivan") not in _mentions(onto, body)


def test_a_first_name_two_people_named_in_full_share_is_neither(onto):
    # a 2024 briefing on a prisoner exchange names Vladimir Putin and Vladimir Kara-Murza
    body = ("MR. SULLIVAN:  There was no engagement directly with Vladimir Putin. Vladimir Kara-Murza "
            "is going to be traveling to Germany. As Vladimir and the President discussed today, "
            "we expect him back here soon.")
    assert ("Vladimir", "Vladimir_Putin") not in _mentions(onto, body)
    # one bearer only: the first name is that person
    assert ("Vladimir", "Vladimir_Putin") in _mentions(onto, body.replace("Vladimir Kara-Murza", "Mr. Kara-Murza"))
