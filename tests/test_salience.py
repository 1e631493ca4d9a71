"""kg.salience: whose is a subject "he" when the last man named was a preposition's object."""
import re

import pytest

from kg.salience import prep_object, whole_words

# (sentence, the person's mention in it, is it a preposition's object?)
CASES = [
    ("The President is looking forward to meeting with Speaker McCarthy.", "Speaker McCarthy", True),
    ("He received a briefing from Secretary Austin, Chairman Milley, and his National Security Advisor.",
     "Chairman Milley", True),                                        # a list after "from"
    ("The President met on Monday with Prime Minister Kishida.", "Prime Minister Kishida", True),
    ("He spoke repeatedly with his National Security Advisor, Jake Sullivan.", "Jake Sullivan", True),  # apposition
    ("President Biden spoke with the Prime Minister today.", "President Biden", False),   # the subject
    ("We spoke with Speaker McCarthy's office this morning.", "Speaker McCarthy", False),  # a possessor
    ("The NSC Coordinator for the Middle East, Brett McGurk, traveled to Cairo.", "Brett McGurk", False),  # a title's "for"
    ("It was a good call, and according to Ottawa, Prime Minister Trudeau is also joining the effort.",
     "Prime Minister Trudeau", False),                                # a clause's subject after a comma
]


@pytest.mark.parametrize("text, name, expected", CASES, ids=[c[1] + ("" if c[2] else " (not)") for c in CASES])
def test_prep_object(text, name, expected):
    start = text.index(name)
    assert prep_object(text, start, start + len(name), 0) is expected


def test_whole_words_finds_what_the_regex_finds():
    text = "He said he would call him; the hero left. He"
    regex = re.compile(r"\b(?:he|He|him)\b")
    assert [m.span() for m in whole_words(text, regex, ["he", "He", "him"])] == \
        [m.span() for m in regex.finditer(text)]
