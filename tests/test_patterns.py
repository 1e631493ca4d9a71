"""kg.patterns: the pattern language compiles to regular expressions over unit strings."""
import pytest

from kg.errors import OntologyError
from kg.patterns import compile_pattern

TYPES = {"actor": frozenset({"Person", "State", "Organization"})}
LEXICONS = {"topic_noun": ("concerns", "issues")}


def _matches(pattern: str, shape: str) -> bool:
    regex, _ = compile_pattern(pattern, TYPES, LEXICONS, "rules.yaml", "test")
    return regex.search(" " + shape) is not None     # a unit string starts with a space


def test_gap_skips_up_to_n_words():
    assert _matches("with ~2 including", "with our allies including ")
    assert not _matches("with ~1 including", "with our allies including ")


def test_gap_with_exclusions_skips_no_excluded_word():
    assert _matches("with ~~4!@topic_noun including", "with allies on security including ")
    assert not _matches("with ~~4!@topic_noun including", "with allies on security concerns including ")
    assert not _matches("with ~~4!on|about including", "with allies on security including ")


def test_gap_with_unknown_lexicon_names_it():
    with pytest.raises(OntologyError, match="unknown lexicon '@nope'"):
        compile_pattern("with ~~4!@nope including", TYPES, LEXICONS, "rules.yaml", "test")


def test_adjonly_slot_takes_an_adjective_and_refuses_a_bare_name():
    assert _matches("SUBJ:actor+adjonly proposal", "\x011:sj proposal ")      # "the Russian proposal"
    assert not _matches("SUBJ:actor+adjonly proposal", "\x011:s proposal ")   # "the Ukraine proposal"
    assert _matches("SUBJ:actor+adj proposal", "\x011:s proposal ")


def test_guard_of_words_then_an_entity_refuses_only_that_sequence():
    # commit.aid_to: "support for Ukraine" but not "support for President Biden's IPEF"
    types = {**TYPES, "forum": frozenset({"Forum"})}
    regex, _ = compile_pattern("support for OBJ !'s_ENT:forum", types, LEXICONS, "rules.yaml", "test")
    assert regex.search(" support for \x011:p 's \x012:f initiative ") is None
    assert regex.search(" support for \x011:p 's \x012:s security ") is not None
    assert regex.search(" support for \x011:s and \x012:f ") is not None
