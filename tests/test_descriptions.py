"""kg.descriptions: "the summit", "this conference" as the forum session named before."""
from test_match import mentions_of

def _definite(ms):
    return [(m.text, m.entity) for m in ms if m.how == "definite"]


def test_a_forum_description_is_the_session_named_before(onto):
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  The President will travel to Madrid for the "
                              "NATO Summit. At the summit, he will meet Allies. Leaders attending this summit "
                              "will discuss Ukraine.")
    assert _definite(ms) == [("the summit", "NATO"), ("this summit", "NATO")]
    # its span is the determiner alone: the head stays a session word for the rules
    m = next(m for m in ms if m.how == "definite")
    assert m.end - m.start == len("the")


def test_a_forum_description_falls_back_to_the_title_session(onto):
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  Prime Minister Kishida will join the summit "
                              "virtually.", title="Background Press Call Previewing the NATO Summit")
    assert _definite(ms) == [("the summit", "NATO")]
    # the title names a summit the gazetteer does not know: not the forum named in the text
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  We built on the UN Food Systems Summit. "
                              "During the Summit, we announced funds.", title="Fact Sheet on the Global Nutrition Summit")
    assert _definite(ms) == []


def test_a_forum_description_needs_a_fitting_unambiguous_session(onto):
    # two forums whose sessions are summits in the window: unresolved
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  After the G7 Summit, the President goes to "
                              "the NATO Summit. At the summit, he will meet Allies.")
    assert _definite(ms) == []
    # a forum whose name does not fit the head ("the Quad" named as a group, no summit of it)
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  We work with the Quad. At the conference, "
                              "he will speak.")
    assert _definite(ms) == []
    # "the summit between", "the summit with", "the conference call": not the forum's session
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  He attended the NATO Summit. The summit between "
                              "the two presidents, the summit with Putin and the summit of leaders came later.")
    assert _definite(ms) == []
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  He is at the Munich Security Conference. "
                              "Thanks for joining the conference call.")
    assert _definite(ms) == []
    # a body named alone is an actor, not a session; named with its session word, it is one
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  We stand with NATO. At the summit, he spoke.")
    assert _definite(ms) == []
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  We stand with NATO. He will attend the NATO "
                              "ministerial. At the ministerial, he spoke.")
    assert _definite(ms) == [("the ministerial", "NATO")]


def test_a_reporter_s_forum_description_stays_open(onto):
    ms, _ = mentions_of(onto, "Q    He will attend the NATO Summit. Is Myanmar at the summit?")
    assert _definite(ms) == []


def test_a_forum_description_looks_back_a_window_of_sentences(onto):
    filler = " ".join(f"Point {i} is made." for i in range(onto.context.forum_descriptions.window + 1))
    ms, _ = mentions_of(onto, f"SENIOR ADMINISTRATION OFFICIAL:  He attended the G20 Leaders’ Summit. {filler} "
                              "At the summit, he spoke.")
    assert _definite(ms) == []
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  He attended the G20 Leaders’ Summit. "
                              "At the summit, he spoke.")
    assert _definite(ms) == [("the summit", "G20")]


def test_a_body_before_a_preposition_names_no_session_of_it(onto):
    # "NATO at the summit": the summit is the title's G7 summit, not a NATO one
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  The President will talk about Russia and NATO "
                              "at the summit.", title="Background Press Call Previewing the G7 Summit")
    assert _definite(ms) == [("the summit", "G7")]


def test_that_before_a_head_is_no_determiner(onto):
    ms, _ = mentions_of(onto, "SENIOR ADMINISTRATION OFFICIAL:  He attended the NATO Summit. He said that "
                              "summit meetings matter.")
    assert _definite(ms) == []
