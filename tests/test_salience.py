"""kg.salience: whose is a subject "he" when the last man named was a preposition's object."""
import re

from kg.salience import prep_object, whole_words


def _span(text: str, name: str) -> tuple[int, int]:
    i = text.index(name)
    return i, i + len(name)


def test_object_of_with_is_a_prepositions_object():
    text = "The President is looking forward to meeting with Speaker McCarthy."
    assert prep_object(text, *_span(text, "Speaker McCarthy"), 0)


def test_object_in_a_list_after_from_is_a_prepositions_object():
    text = "He received a briefing from Secretary Austin, Chairman Milley, and his National Security Advisor."
    assert prep_object(text, *_span(text, "Chairman Milley"), 0)


def test_subject_is_not_a_prepositions_object():
    text = "President Biden spoke with the Prime Minister today."
    assert not prep_object(text, *_span(text, "President Biden"), 0)


def test_possessor_is_not_a_prepositions_object():
    text = "We spoke with Speaker McCarthy's office this morning."
    assert not prep_object(text, *_span(text, "Speaker McCarthy"), 0)


def test_name_after_a_titles_preposition_is_not_an_object():
    text = "The NSC Coordinator for the Middle East, Brett McGurk, traveled to Cairo."
    assert not prep_object(text, *_span(text, "Brett McGurk"), 0)


def test_whole_words_finds_what_the_regex_finds():
    text = "He said he would call him; the hero left. He"
    regex = re.compile(r"\b(?:he|He|him)\b")
    assert [m.span() for m in whole_words(text, regex, ["he", "He", "him"])] == \
        [m.span() for m in regex.finditer(text)]


def test_object_after_a_day_and_a_preposition_is_a_prepositions_object():
    text = "The President met on Monday with Prime Minister Kishida."
    assert prep_object(text, *_span(text, "Prime Minister Kishida"), 0)


def test_subject_after_an_opening_phrase_with_a_comma_is_not_an_object():
    text = "It was a good call, and according to Ottawa, Prime Minister Trudeau is also joining the effort."
    assert not prep_object(text, *_span(text, "Prime Minister Trudeau"), 0)


def test_name_in_apposition_to_a_titled_object_is_a_prepositions_object():
    text = "He spoke repeatedly with his National Security Advisor, Jake Sullivan."
    assert prep_object(text, *_span(text, "Jake Sullivan"), 0)
