"""kg.units: coordination of entity units."""
from kg.units import Unit, coordinate


def _units(*items):
    """Words, or (entity, personal) tuples for entity units."""
    out = []
    for i, x in enumerate(items):
        if isinstance(x, tuple):
            out.append(Unit(i, i + 1, None, ((x[0], False),), False, x[1]))
        else:
            out.append(Unit(i, i + 1, x))
    return out


def test_a_list_of_names_is_one_unit(onto):
    units = coordinate(_units(("France", False), ",", ("Germany", False), ",", "and", ("Italy", False), "met"),
                       onto.rules.separators, onto.rules.separator_preps)
    assert [e for e, _ in units[0].members] == ["France", "Germany", "Italy"]


def test_a_pronoun_after_a_comma_before_a_verb_opens_its_own_clause(onto):
    for words in ((",", "and"), (",",)):
        units = coordinate(_units("in", ("Israel", False), *words, ("Israel", True), "have", "agreed"),
                           onto.rules.separators, onto.rules.separator_preps)
        assert [u.word for u in units].count(None) == 2, words


def test_a_pronoun_before_a_name_is_not_a_clause_subject(onto):
    units = coordinate(_units(("France", False), ",", "and", ("United_States", True), ("Germany", False)),
                       onto.rules.separators, onto.rules.separator_preps)
    assert [e for e, _ in units[0].members][:2] == ["France", "United_States"]


def test_a_pronoun_after_objects_of_a_preposition_opens_a_clause(onto):
    # "sent forces to Poland, to Romania and he's supported ...": "he" is no object of "to"
    units = coordinate(_units("sent", "forces", "to", ("Poland", False), ",", "to", ("Romania", False), "and",
                              ("Joe_Biden", True), "'s", "supported"),
                       onto.rules.separators, onto.rules.separator_preps)
    assert [e for e, _ in units[3].members] == ["Poland", "Romania"]
    assert [u.word for u in units].count(None) == 2


def test_offices_of_states_joined_stay_offices(onto):
    # "the Prime Minister of Finland and the Prime Minister of Sweden": two offices, one unit
    units = _units("hosted", ("Finland", False), "and", ("Sweden", False))
    units[1].office = units[3].office = True
    joined = coordinate(units, onto.rules.separators, onto.rules.separator_preps)
    assert joined[1].office and [e for e, _ in joined[1].members] == ["Finland", "Sweden"]
    units = _units("hosted", ("Finland", False), "and", ("Sweden", False))
    units[1].office = True
    assert not coordinate(units, onto.rules.separators, onto.rules.separator_preps)[1].office
