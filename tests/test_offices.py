"""kg.offices: a state's office named with the state's possessive."""
from kg.offices import state_office


def _hit(onto, text, name):
    return next(h for h in onto._cache["gazetteer"].find(text) if text[h.start:h.end] == name)


def test_a_possessive_and_a_title_is_the_states_office(onto):
    # corpus 2021-12-17 Middle East year-end call: "between Tony Blinken and Egypt’s foreign minister"
    text = "We had a strategic dialogue here between Tony Blinken and Egypt’s foreign minister about a month ago."
    role, end = state_office(onto, text, _hit(onto, text, "Egypt"))
    assert role == "foreign_minister" and text[:end].endswith("Egypt’s foreign minister")


def test_a_name_after_the_title_is_not_the_office(onto):
    # corpus 2022-03-26 readout: "met with Ukraine’s Foreign Minister Dmytro Kuleba"
    text = "Secretary of Defense Lloyd Austin met with Ukraine’s Foreign Minister Dmytro Kuleba and Minister of Defense Oleksii Reznikov."
    hits = [h for h in onto._cache["gazetteer"].find(text) if text[h.start:h.end] == "Ukraine"]
    assert all(state_office(onto, text, h) is None for h in hits)


def test_a_possessive_without_a_title_is_no_office(onto):
    # seeds/003: "two aspects of the U.S. approach that will really depend on Russia’s actions in the period ahead"
    text = "two aspects of the U.S. approach that will really depend on Russia’s actions in the period ahead."
    assert state_office(onto, text, _hit(onto, text, "Russia")) is None


def test_a_bare_title_after_and_and_a_person_is_an_open_role(onto):
    # corpus 2022-06-09 readout of the meeting with Prime Minister Trudeau
    from kg.offices import coordinated_titles
    from kg.records import Mention
    text = "The President and Prime Minister underscored their commitment."
    president = Mention("Joe_Biden", 0, 13, 1, "The President", "role")
    (role, mention, title), = coordinated_titles(onto, text, [president], lambda pos: 1)
    assert role == "head_of_government" and text[mention.start:mention.end] == "Prime Minister"


def test_a_title_before_a_name_or_after_no_person_is_no_open_role(onto):
    from kg.offices import coordinated_titles
    from kg.records import Mention
    text = "The President and Prime Minister Kishida met. Trade and Prime Minister questions came up."
    president = Mention("Joe_Biden", 0, 13, 1, "The President", "role")
    assert coordinated_titles(onto, text, [president], lambda pos: 1) == []


def test_titles_before_a_name_leave_out_another_persons_title_before_and():
    from kg.ontology import default_ontology
    from kg.offices import _titles_in
    onto = default_ontology()
    text = "He met with the President and Prime Minister Kishida."
    start = text.index("Prime Minister Kishida")
    assert _titles_in(onto, text, start) == {"prime minister"}
