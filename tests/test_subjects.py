"""kg.subjects: who a pronoun's clause names as its subject."""
from kg.records import Mention
from kg.subjects import coordinated_subject, opening_person, opens_after_intro


def mentions_in(text, *names):
    out = []
    for surface, eid in names:
        at = text.index(surface)
        out.append(Mention(eid, at, at + len(surface), 0, surface, "gazetteer"))
    return out


def test_their_after_two_coordinated_states_is_both(onto):
    text = "The United States and Italy affirm their support for Ukraine."
    ms = mentions_in(text, ("United States", "United_States"), ("Italy", "Italy"), ("Ukraine", "Ukraine"))
    assert coordinated_subject(text, 0, text.index("their"), ms, onto.entities) == ["United_States", "Italy"]


def test_a_person_and_their_country_count_once(onto):
    text = "President Biden and Prime Minister Kishida of Japan reiterated their support for Ukraine."
    ms = mentions_in(text, ("President Biden", "Joe_Biden"), ("Prime Minister Kishida", "Fumio_Kishida"),
                     ("Japan", "Japan"))
    assert coordinated_subject(text, 0, text.index("their"), ms, onto.entities) == ["Joe_Biden", "Fumio_Kishida"]


def test_their_after_a_name_that_is_an_object_is_not_the_subject(onto):
    text = "The President thanked Italy for their support."
    ms = mentions_in(text, ("Italy", "Italy"))
    assert coordinated_subject(text, 0, text.index("their"), ms, onto.entities) == []


def test_a_person_who_opens_a_sentence_alone_is_its_subject():
    text = "President Biden spoke with Prime Minister Kishida today."
    biden, kishida = mentions_in(text, ("President Biden", "Joe_Biden"), ("Prime Minister Kishida", "Fumio_Kishida"))
    assert opening_person(text, 0, biden) and not opening_person(text, 0, kishida)
    text2 = "President Biden’s call with Prime Minister Kishida was warm."
    assert not opening_person(text2, 0, mentions_in(text2, ("President Biden", "Joe_Biden"))[0])


def test_a_short_opening_phrase_keeps_the_opening_subject():
    text = "While in Egypt, President Biden will also meet with President Al Sisi."
    biden = mentions_in(text, ("President Biden", "Joe_Biden"))[0]
    assert opening_person(text, 0, biden)
    long_intro = "After a long day of talks in the capital with many ministers, President Biden left."
    assert not opening_person(long_intro, 0, mentions_in(long_intro, ("President Biden", "Joe_Biden"))[0])
    assert opens_after_intro("Tomorrow, he will participate.", 0, len("Tomorrow, "))
    assert not opens_after_intro("he will participate.", 0, 0)


def test_a_filler_set_off_by_commas_keeps_the_opening_subject(onto):
    text = "President Biden, of course, has spoken with King Salman."
    biden = mentions_in(text, ("President Biden", "Joe_Biden"))[0]
    assert opening_person(text, 0, biden, onto.context.fillers)
    listed = "President Biden, Prime Minister Kishida and others spoke."
    assert not opening_person(listed, 0, mentions_in(listed, ("President Biden", "Joe_Biden"))[0],
                              onto.context.fillers)


def test_a_title_before_the_name_keeps_the_opening_subject():
    # corpus 2021-11-24 statement on Jake Sullivan's call with Pawel Soloch
    text = "National Security Advisor Jake Sullivan spoke by phone today with Poland’s National Security Bureau Chief Pawel Soloch."
    sullivan, soloch = mentions_in(text, ("Jake Sullivan", "Jake_Sullivan"), ("Pawel Soloch", "Pawel_Soloch"))
    assert opening_person(text, 0, sullivan) and not opening_person(text, 0, soloch)


def test_their_mutual_after_a_long_clause_is_the_pair(onto):
    # corpus (2021-09-21 readout)
    text = ("The President and Prime Minister Morrison committed to take steps to strengthen the resilience "
            "of our respective economies and their mutual commitment to work through the Quad.")
    ms = mentions_in(text, ("The President", "Joe_Biden"), ("Prime Minister Morrison", "Scott_Morrison"))
    assert coordinated_subject(text, 0, text.index("their"), ms, onto.entities) == ["Joe_Biden", "Scott_Morrison"]
    plain = text.replace("their mutual", "their")    # without a pair's word: only a few words
    assert coordinated_subject(plain, 0, plain.index("their"), ms, onto.entities) == []
