"""kg.acronyms: an acronym a document defines after a body's full name names that body."""


def _found(onto, text):
    return [(text[h.start:h.end], h.target) for h in onto._cache["gazetteer"].find(text)]


def test_an_acronym_defined_in_brackets_names_the_body_later(onto):
    # corpus 2021-09-01 joint statement on the U.S.-Ukraine strategic partnership
    text = ("We intend to hold the Strategic Partnership Commission (SPC) this year. "
            "At the SPC’s meeting in Washington, the two sides will review progress.")
    found = _found(onto, text)
    target = next(t for s, t in found if s.endswith("Strategic Partnership Commission"))
    assert ("SPC", target) in found


def test_an_acronym_after_a_longer_name_is_not_defined(onto):
    # corpus: "the Harmonized Tariff Schedule of the United States (HTS)": the acronym is the schedule's
    text = "goods listed in the Harmonized Tariff Schedule of the United States (HTS). The HTS lists them."
    assert not any(s == "HTS" for s, _ in _found(onto, text))


def test_an_acronym_without_its_definition_names_nothing(onto):
    assert not any(s == "SPC" for s, _ in _found(onto, "At the SPC’s meeting in Washington, the sides met."))
