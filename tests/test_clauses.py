"""kg.clauses: what a sentence's form says about the matches in it."""
from kg.clauses import negated, objects_after, questioned
from kg.units import Unit


def words(*items):
    """Units from words; None stands for a personal pronoun ("you")."""
    return [Unit(i, i + 1, w) if w is not None else Unit(i, i + 1, None, (("United_States", False),), False, True)
            for i, w in enumerate(items)]


def test_a_yes_or_no_question_names_the_one_it_asks_about(onto):
    rules = onto.rules
    assert questioned(rules, words("so", ",", "do", None, "have", "any", "plans", "?"))[0] == frozenset({"3"})
    assert questioned(rules, words("are", None, "urging", "china", "?"))[0] == frozenset({"1"})


def test_a_question_that_reports_a_statement_or_a_statement_asks_nothing(onto):
    rules = onto.rules
    assert questioned(rules, words("are", None, "saying", "that", "?"))[0] == frozenset()
    assert questioned(rules, words("are", None, "urging", "china", "."))[0] == frozenset()
    assert questioned(rules, words("what", "did", None, "say", "?"))[0] == frozenset()


def test_a_negation_cue_shortly_before_a_match_negates_it(onto):
    shape = " we will never agree to that . "
    offsets = [1, 4, 9, 15, 21, 24, 29]
    assert negated(onto.rules, shape, offsets, shape.index("agree"), shape.index(" that"))
    assert not negated(onto.rules, " we agree to that . ", [1, 4, 10, 13, 18], 4, 13)


def test_a_plain_negation_stops_at_a_dash_before_the_match(onto):
    shape = " just in case you did n't — the president spoke with modi . "
    words = shape.split()
    offsets, at = [], 0
    for w in words:
        at = shape.index(" " + w + " ", at) + 1
        offsets.append(at)
    start = shape.index("spoke")
    assert not negated(onto.rules, shape, offsets, start, shape.index(" modi") + 5)
    # a cue that is no plain negation reaches across: "whether — ... spoke"
    shape2 = shape.replace("did n't", "whether")
    offsets2, at = [], 0
    for w in shape2.split():
        at = shape2.index(" " + w + " ", at) + 1
        offsets2.append(at)
    assert negated(onto.rules, shape2, offsets2, shape2.index("spoke"), shape2.index(" modi") + 5)


def test_objects_after_a_trigger_stop_at_the_window(onto):
    import re
    pattern = re.compile(r"with (?P<OBJ>\d+) ")
    shape = " spoke with 1 and with 2 " + "x " * 20 + "with 3 "
    offsets = [i for i, c in enumerate(shape) if c != " " and shape[i - 1] == " "]
    refs, first_end = objects_after(pattern, shape, offsets, shape.index("with"), window=4)
    assert refs == ["1", "2"] and shape[first_end - 2] == "1"


def test_a_yes_or_no_clause_after_a_comma_asks_of_a_named_subject(onto):
    rules = onto.rules
    named = lambda *items: [Unit(i, i + 1, w) if w is not None else Unit(i, i + 1, None, (("Joe_Biden", False),))
                            for i, w in enumerate(items)]
    assert questioned(rules, named("but", ":", "is", None, "meeting", "with", None, "?")) == (frozenset({"3"}), 2)
    assert questioned(rules, named("is", None, "or", None, "supporting", None, "?"))[0] == frozenset({"1", "3"})
    assert questioned(rules, named("when", "are", None, "sending", "?")) == (frozenset(), -1)
    assert questioned(rules, named("is", None, "meeting", None, ".")) == (frozenset(), -1)
