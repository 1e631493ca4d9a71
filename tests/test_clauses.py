"""kg.clauses: what a sentence's form says about the matches in it."""
from kg.clauses import asked, negated, objects_after
from kg.units import Unit


def words(*items):
    """Units from words; None stands for a personal pronoun ("you")."""
    return [Unit(i, i + 1, w) if w is not None else Unit(i, i + 1, None, (("United_States", False),), False, True)
            for i, w in enumerate(items)]


def test_a_yes_or_no_question_names_the_one_it_asks_about(onto):
    rules = onto.rules
    assert asked(rules, words("so", ",", "do", None, "have", "any", "plans", "?")) == "3"
    assert asked(rules, words("are", None, "urging", "china", "?")) == "1"


def test_a_question_that_reports_a_statement_or_a_statement_asks_nothing(onto):
    rules = onto.rules
    assert asked(rules, words("are", None, "saying", "that", "?")) is None
    assert asked(rules, words("are", None, "urging", "china", ".")) is None
    assert asked(rules, words("what", "did", None, "say", "?")) is None


def test_a_negation_cue_shortly_before_a_match_negates_it(onto):
    shape = " we will never agree to that . "
    offsets = [1, 4, 9, 15, 21, 24, 29]
    assert negated(onto.rules, shape, offsets, shape.index("agree"), shape.index(" that"))
    assert not negated(onto.rules, " we agree to that . ", [1, 4, 10, 13, 18], 4, 13)


def test_objects_after_a_trigger_stop_at_the_window(onto):
    import re
    pattern = re.compile(r"with (?P<OBJ>\d+) ")
    shape = " spoke with 1 and with 2 " + "x " * 20 + "with 3 "
    offsets = [i for i, c in enumerate(shape) if c != " " and shape[i - 1] == " "]
    refs, first_end = objects_after(pattern, shape, offsets, shape.index("with"), window=4)
    assert refs == ["1", "2"] and shape[first_end - 2] == "1"
