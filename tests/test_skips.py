"""kg.skips: what the rules skip in spoken text (fillers, stutters, asides between commas)."""
from kg.skips import drop_fillers, drop_stutters, join_co_actors, set_off_asides
from kg.units import Unit

OPENERS = (("in", "close", "coordination", "with"), ("together", "with"), ("along", "with"))
CLAUSE = frozenset({"and", "but", "that", "if"})
COORD = frozenset({"and", "but"})


def units_of(*items):
    """Units from words and ("name", entity id) pairs, at made-up offsets."""
    out, pos = [], 0
    for it in items:
        if isinstance(it, tuple):
            out.append(Unit(pos, pos + len(it[0]), None, ((it[1], False),)))
            pos += len(it[0]) + 1
        else:
            for w in it.split():
                out.append(Unit(pos, pos + len(w), w))
                pos += len(w) + 1
    return out


def shape(units):
    return " ".join(u.word if u.word is not None else "+".join(e for e, _ in u.members) for u in units)


def test_an_aside_of_words_after_a_name_is_skipped():
    # "the United States, together with our Allies and partners in Europe, will support the Ukrainian people"
    units = units_of(("the United States", "United_States"),
                     ", together with our allies and partners in europe , will support the", ("Ukrainian", "Ukraine"),
                     "people .")
    assert shape(set_off_asides(units, OPENERS, CLAUSE, COORD)) == "United_States will support the Ukraine people ."


def test_an_aside_naming_one_actor_makes_a_co_actor_of_the_clause_subject():
    # "If Russia invades, the United States, in close coordination with the European Union, will impose ..."
    units = units_of("if", ("Russia", "Russia"), "invades ,", ("the United States", "United_States"),
                     ", in close coordination with", ("the European Union", "European_Union"),
                     ", will impose sanctions")
    out = set_off_asides(units, OPENERS, CLAUSE, COORD)
    assert shape(out) == "if Russia invades , United_States+European_Union will impose sanctions"
    merged = out[4]
    assert (merged.start, merged.end) == (units[4].start, units[10].end)


def test_an_actor_after_a_preposition_does_not_take_the_aside_as_co_actor():
    # "sanctions on Russia, together with Belarus, will hurt": Belarus is no co-actor of the object
    units = units_of("sanctions on", ("Russia", "Russia"), ", together with", ("Belarus", "Belarus"), ", will hurt")
    assert shape(set_off_asides(units, OPENERS, CLAUSE, COORD)) == shape(units)


def test_an_aside_before_and_is_no_aside():
    # "imposed sanctions on Russia, together with our partners, and we will do more"
    units = units_of("we imposed sanctions on", ("Russia", "Russia"), ", together with our partners , and we will")
    assert shape(set_off_asides(units, OPENERS, CLAUSE, COORD)) == shape(units)


def test_a_comma_without_an_opener_is_kept():
    units = units_of(("Ukraine", "Ukraine"), ", Moldova and Georgia , will join")
    assert shape(set_off_asides(units, OPENERS, CLAUSE, COORD)) == shape(units)


def test_a_filler_between_commas_goes_with_its_pause():
    # "Secretary Blinken, Ambassador Thomas-Greenfield, as I mentioned, Tori Nuland have all visited"
    units = units_of(("Blinken", "Antony_Blinken"), ",", ("Thomas-Greenfield", "Linda_Thomas_Greenfield"),
                     ", as i mentioned ,", ("Nuland", "Victoria_Nuland"), "have all visited")
    out = drop_fillers(units, (("as", "i", "mentioned"),))
    assert shape(out) == "Antony_Blinken , Linda_Thomas_Greenfield , Victoria_Nuland have all visited"


def test_a_word_said_again_after_a_dash_is_said_once():
    units = units_of("travel by — by more than 50 oligarchs")
    assert shape(drop_stutters(units)) == "travel by more than 50 oligarchs"


def test_an_aside_between_dashes_opened_by_a_filler_is_skipped():
    # "were in Saudi Arabia — I think about three weeks ago — and met with the entire GCC"
    fillers = (("i", "think"),)
    units = units_of("were in", ("Saudi Arabia", "Saudi_Arabia"), "— i think about three weeks ago — and met with",
                     ("the GCC", "Gulf_Cooperation_Council"))
    assert shape(drop_fillers(units, fillers)) == "were in Saudi_Arabia and met with Gulf_Cooperation_Council"
    # one that names someone stays: "— I think Germany too — "
    units = units_of("met", ("France", "France"), "— i think", ("Germany", "Germany"), "too — and")
    assert "Germany" in shape(drop_fillers(units, fillers))


def test_a_word_cut_off_before_a_dash_is_not_said():
    # "he met with Presi- — Prime Minister Modi": the cut-off word, its hyphen and the dash go
    units = [Unit(0, 2, "he"), Unit(3, 6, "met"), Unit(7, 11, "with"), Unit(12, 17, "presi"), Unit(17, 18, "-"),
             Unit(19, 20, "—"), Unit(21, 26, "prime")]
    assert shape(drop_stutters(units)) == "he met with prime"


def test_a_hyphen_set_apart_from_its_word_is_no_cut_off():
    # "a bli - — bilateral": the hyphen does not touch the word before it, nothing is dropped
    units = [Unit(0, 1, "a"), Unit(2, 5, "bli"), Unit(6, 7, "-"), Unit(8, 9, "—"), Unit(10, 19, "bilateral")]
    assert shape(drop_stutters(units)) == "a bli - — bilateral"


JOIN = frozenset({"join", "joins", "joined", "joining"})
LEADS = frozenset({"pleased", "proud", "pleasure"})


def test_the_one_joined_in_an_act_takes_the_joiner_as_co_actor():
    # "President Biden joined President Zelenskyy in urging Russia to cease its military activities"
    units = units_of(("President Biden", "Joe_Biden"), "joined", ("President Zelenskyy", "Volodymyr_Zelenskyy"),
                     "in urging", ("Russia", "Russia"), "to cease")
    joined = join_co_actors(units, JOIN, LEADS)[2]
    assert [e for e, _ in joined.members] == ["Volodymyr_Zelenskyy", "Joe_Biden"]


def test_a_request_to_join_makes_no_co_actor():
    # "we call on China to join the United States in urging Russia": asked of China, not done
    units = units_of(("China", "China"), "to join", ("the United States", "United_States"),
                     "in urging", ("Russia", "Russia"))
    assert join_co_actors(units, JOIN, LEADS) == units
    pleased = units_of(("I", "Kamala_Harris"), "am pleased to join", ("President Biden", "Joe_Biden"),
                       "in welcoming you")
    assert [e for e, _ in join_co_actors(pleased, JOIN, LEADS)[5].members] == ["Joe_Biden", "Kamala_Harris"]
