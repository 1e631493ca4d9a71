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
