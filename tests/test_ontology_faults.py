"""Data faults: a copy of the real ontology/ with one thing broken at a time is refused
at load time, and the error names the file, the record and the value at fault."""
import shutil
from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.ontology import DEFAULT_ROOT, load_ontology

BIDEN = "  - id: Joe_Biden\n    type: Person\n    label: Joe Biden\n"
PUTIN_ALIASES = "aliases: [Putin, Vladimir Vladimirovich Putin]"
BIDEN_ROLE = "{title: head_of_state, of: United_States, from: 2021-01-20, to: 2025-01-20}"
MEET_RULE = ('  - id: meet.subject_verb_with\n    predicate: meetsWith\n    pattern: "SUBJ ~6 @meet_verb ~4!@rivalry_noun|@topic_link'
             ' with|to both? the? @name_modifier? @others_like? OBJ !@words_of"')
ANOTHER_BIDEN = "\n  - id: Joe_Biden\n    type: Person\n    label: Joseph Biden the Second\n"

# (name, file, text to replace, replacement, record named, what the message must hold)
FAULTS = [
    ("unknown_key", "entities.yaml", BIDEN, BIDEN + "    nickname: Joe\n",
     "Joe_Biden", "unknown key 'nickname'"),
    ("wrong_type_list", "entities.yaml", PUTIN_ALIASES, "aliases: Putin",
     "Vladimir_Putin", "key 'aliases' must be list, got str: 'Putin'"),
    ("wrong_type_scalar", "entities.yaml", BIDEN, BIDEN.replace("label: Joe Biden", "label: 46"),
     "Joe_Biden", "key 'label' must be str, got int: 46"),
    ("wrong_type_item", "entities.yaml", PUTIN_ALIASES, "aliases: [Putin, 1952]",
     "Vladimir_Putin", "key 'aliases' has an item that is not a non-empty string: 1952"),
    ("record_not_a_mapping", "entities.yaml", "entities:\n", "entities:\n  - Joe_Biden\n",
     "entities[0]", "expected a mapping, got str: 'Joe_Biden'"),
    ("duplicate_id", "gazetteer/people.yaml", "entities:\n", "entities:" + ANOTHER_BIDEN,
     "Joe_Biden", "duplicate id 'Joe_Biden' (first defined in "),
    ("duplicate_key", "entities.yaml", BIDEN, BIDEN + "    type: State\n",
     None, "bad YAML at line 18: duplicate key 'type' in one mapping"),
    ("alias_claimed_by_two_entities", "entities.yaml", "aliases: [Biden, ", "aliases: [Biden, Putin, ",
     "Vladimir_Putin", "alias 'Putin' is already claimed by entity 'Joe_Biden'"),
    ("alias_fragment", "entities.yaml", "aliases: [Biden, ", "aliases: [Biden, Jr., ",
     "Joe_Biden", "alias 'Jr.' is a fragment"),
    ("invalid_id", "entities.yaml", "- id: Geneva\n", "- id: Ge neva\n",
     "Ge neva", "invalid id 'Ge neva'"),
    ("unknown_type", "entities.yaml", "- id: Geneva\n    type: Place", "- id: Geneva\n    type: Planet",
     "Geneva", "unknown type 'Planet'"),
    ("invalid_wikidata", "entities.yaml", "wikidata: Q71\n", "wikidata: '71'\n",
     "Geneva", "invalid wikidata id '71'"),
    ("unknown_reference", "entities.yaml", BIDEN, BIDEN.replace("label: Joe Biden", "label: Joe Biden\n    part_of: Atlantis"),
     "Joe_Biden", "part_of refers to unknown entity 'Atlantis'"),
    ("country_not_a_state", "gazetteer/people.yaml", "    country: United_States\n", "    country: Geneva\n",
     "Kamala_Harris", "country must name a State or an Organization: 'Geneva' is a Place"),
    ("unknown_role", "entities.yaml", BIDEN_ROLE, BIDEN_ROLE.replace("head_of_state", "emperor_of_everything"),
     "Joe_Biden.roles[0]", "unknown role title 'emperor_of_everything'"),
    ("role_of_wrong_type", "entities.yaml", BIDEN_ROLE, BIDEN_ROLE.replace("United_States", "Geneva"),
     "Joe_Biden.roles[0]", "role 'head_of_state' is of a State: 'Geneva' is a Place"),
    ("parties_of_wrong_type", "entities.yaml", "    parties: [NATO, Russia]", "    parties: [NATO, Geneva]",
     "NATO_Russia_Council", "parties must name States or Organizations: 'Geneva' is a Place"),
    ("parties_unknown", "entities.yaml", "    parties: [NATO, Russia]", "    parties: [NATO, Atlantis]",
     "NATO_Russia_Council", "parties refers to unknown entity 'Atlantis'"),
    ("venue_unknown", "gazetteer/forums.yaml", "    venue: Munich", "    venue: Germany_Chancellor",
     "Munich_Security_Conference", "refers to unknown entity 'Germany_Chancellor'"),
    ("venue_not_a_place", "gazetteer/forums.yaml", "    venue: Munich", "    venue: NATO",
     "Munich_Security_Conference", "only a Forum has a venue, a Place or a State: "
     "'Munich_Security_Conference' is a Forum, 'NATO' is an Organization"),
    ("role_ends_before_it_starts", "entities.yaml", BIDEN_ROLE, BIDEN_ROLE.replace("2025-01-20", "2020-01-20"),
     "Joe_Biden.roles[0]", "role ends (2020-01-20) before it starts (2021-01-20)"),
    ("role_date_invalid", "entities.yaml", BIDEN_ROLE, BIDEN_ROLE.replace("2025-01-20", "2025-13-40"),
     "Joe_Biden.roles[0]", "key 'to' must be a date YYYY-MM-DD, got '2025-13-40'"),
    ("bad_yaml", "entities.yaml", PUTIN_ALIASES, "aliases: [Putin, Vladimir Vladimirovich Putin",
     None, "bad YAML at line "),
    ("alliance_not_an_organization", "entities.yaml", BIDEN, BIDEN + "    alliance: true\n",
     "Joe_Biden", "only an Organization is marked alliance: true, not a Person"),
    ("all_pairs_of_one", "rules.yaml", "    all_pairs: 6", "    all_pairs: 1",
     "meet.states_met", "all_pairs must be true or a number of members, 2 or more, got 1"),
    ("pattern_unknown_lexicon", "rules.yaml", MEET_RULE, MEET_RULE.replace("@meet_verb", "@meet_verbs"),
     "meet.subject_verb_with", "unknown lexicon '@meet_verbs' in pattern"),
    ("pattern_guard_unknown_lexicon", "rules.yaml", MEET_RULE, MEET_RULE.replace("OBJ !", "OBJ !@meet_verbz !"),
     "meet.subject_verb_with", "unknown lexicon '@meet_verbz' in pattern"),
    ("pattern_guard_unknown_entity_type", "rules.yaml", MEET_RULE, MEET_RULE.replace("OBJ !", "OBJ !ENT:planet !"),
     "meet.subject_verb_with", "unknown slot type 'planet' in '!ENT:planet'"),
    ("pattern_unknown_slot_type", "rules.yaml", MEET_RULE, MEET_RULE.replace("OBJ !", "OBJ:planet !"),
     "meet.subject_verb_with", "unknown slot type 'planet' in 'OBJ:planet'"),
    ("pattern_unknown_slot_modifier", "rules.yaml", MEET_RULE, MEET_RULE.replace("? OBJ !", "? OBJ:actor+adjective !"),
     "meet.subject_verb_with", "unknown slot modifier '+adjective' in 'OBJ:actor+adjective'"),
    ("pattern_misspelt_slot", "rules.yaml", MEET_RULE, MEET_RULE.replace("OBJ !", "OJB !"),
     "meet.subject_verb_with", "'OJB' in 'OJB' is neither a slot"),
    ("pattern_bad_gap", "rules.yaml", MEET_RULE, MEET_RULE.replace("~6", "~six"),
     "meet.subject_verb_with", "bad gap '~six'"),
    ("pattern_empty_alternative", "rules.yaml", MEET_RULE, MEET_RULE.replace("with|to", "with||to"),
     "meet.subject_verb_with", "empty alternative in 'with||to'"),
    ("pattern_slot_twice", "rules.yaml", MEET_RULE, MEET_RULE.replace("? OBJ !", "? OBJ and OBJ !"),
     "meet.subject_verb_with", "slot OBJ appears twice in the pattern"),
    ("rule_duplicate_id", "rules.yaml", "  - id: meet.with_the_leaders_of", "  - id: meet.subject_verb_with",
     "meet.subject_verb_with", "duplicate rule id 'meet.subject_verb_with'"),
    ("rule_unknown_predicate", "rules.yaml", MEET_RULE, MEET_RULE.replace("predicate: meetsWith", "predicate: likes"),
     "meet.subject_verb_with", "unknown predicate 'likes'"),
    ("modality_supposed_unknown_predicate", "rules.yaml", "  supposed: [commitsTo]", "  supposed: [promises]",
     "modality.supposed", "unknown predicate 'promises'"),
    ("modality_said_now_unknown_predicate", "rules.yaml", "  said_now: [commitsTo", "  said_now: [promises",
     "modality.said_now", "unknown predicate 'promises'"),
    ("addressed_unknown_predicate", "rules.yaml", "addressed: [proposes]", "addressed: [demands]",
     "addressed", "unknown predicate 'demands'"),
    ("adjective_heads_unknown_lexicon", "rules.yaml", "  commitsTo: adjective_beneficiary\n",
     "  commitsTo: adjective_beneficiaries\n", "adjective_heads", "unknown lexicon 'adjective_beneficiaries'"),
    ("pattern_gap_exclusion_unknown_lexicon", "rules.yaml", MEET_RULE, MEET_RULE.replace("~6", "~6!@meet_verbz"),
     "meet.subject_verb_with", "unknown lexicon '@meet_verbz' in pattern"),
    ("asides_not_text", "rules.yaml", "  asides: [together with,", "  asides: [[together], with,",
     "coordination", "['together']"),
    ("negation_asking_not_text", "rules.yaml", "  asking: [do, does,", "  asking: [[do], does,",
     "negation", "['do']"),
    ("verb_coordination_unknown_key", "rules.yaml", "  coordinators: [and, but]", "  coordinator: [and, but]",
     "verb_coordination", "unknown key 'coordinator'"),
    ("staff_nouns_not_text", "rules.yaml", "staff_nouns: [team, teams,", "staff_nouns: [[team], teams,",
     "staff_nouns", "['team']"),
    ("rule_unknown_key", "rules.yaml", MEET_RULE, MEET_RULE.replace("    predicate:", "    weight: 3\n    predicate:"),
     "meet.subject_verb_with", "unknown key 'weight'"),
    ("lexicon_twice", "rules.yaml", "  meet_verb_transitive: [", "  meet_verb: [",
     None, "duplicate key 'meet_verb' in one mapping"),
    ("name_abbreviation_not_an_abbreviation", "text.yaml", "name_abbreviations: [Sen., Gen.,",
     "name_abbreviations: [Sen., Genl.,", "sentences.name_abbreviations", "not in abbreviations: ['Genl.']"),
    ("label_with_two_roles", "text.yaml", "reporter: [Q, REPORTER,", "reporter: [Q, OPERATOR,",
     "speakers.roles.reporter", "label 'OPERATOR' already has role 'operator'"),
    ("pronoun_in_two_classes", "context.yaml", "speaker_government: [we,", "speaker_government: [he,",
     "pronouns.person", "'he' is already in class 'speaker_government'"),
    ("issuer_unknown_entity", "context.yaml", "entity: United_States, office: The White House}\n  - {url_contains: bidenwhitehouse",
     "entity: Atlantis, office: The White House}\n  - {url_contains: bidenwhitehouse", "issuers", "unknown entity 'Atlantis'"),
    ("forum_description_head_fits_nothing", "context.yaml", "    ministerial: [ministerial, ministerials]",
     "    ministerial: []", "forum_descriptions.heads.ministerial", "head 'ministerial' lists no session words"),
    ("forum_description_unknown_key", "context.yaml", "  window: 20\n", "  windows: 20\n",
     "forum_descriptions", "unknown key 'windows'"),
    ("stop_phrase_is_an_alias", "guards.yaml", "  - European Quad ", "  - Genève ",
     "stop_phrases", "'Genève' is an alias of entity 'Geneva'"),
    ("we_voice_roles_unknown_role", "context.yaml", "we_voice_roles: [head_of_state,", "we_voice_roles: [head_of_states,",
     "we_voice_roles", "unknown role 'head_of_states'"),
    ("single_doer_unknown_predicate", "rules.yaml", "single_doer: [commitsTo,", "single_doer: [commits,",
     "single_doer", "unknown predicate 'commits'"),
    ("deputy_roles_unknown_role", "context.yaml", "deputy_roles: [vice_president]", "deputy_roles: [vice_presidnet]",
     "deputy_roles", "unknown role 'vice_presidnet'"),
    ("domestic_title_not_a_person_title", "context.yaml", "domestic_titles: [Senator,", "domestic_titles: [Senatorr,",
     "domestic_titles", "'Senatorr' is not in person_titles (it would mark no one)"),
    ("leader_object_shares_unknown_value", "context.yaml", "proposes: governments}", "proposes: everyone}",
     "leader_object_shares.proposes", "unknown value 'everyone'"),
    ("leader_object_shares_unknown_predicate", "context.yaml", "{threatensCost: bodies,", "{threatens: bodies,",
     "leader_object_shares", "unknown predicate 'threatens'"),
    ("group_in_person_unknown_predicate", "context.yaml", "group_in_person: [participatesIn]",
     "group_in_person: [attends]", "group_in_person", "unknown predicate 'attends'"),
    ("forum_description_window_not_a_number", "context.yaml", "  window: 20\n", "  window: true\n",
     "forum_descriptions.window", "window must be a number, 0 or more, got True"),
    ("forum_description_session_word_not_one_word", "context.yaml", "    conference: [conference]",
     "    conference: [conference call]", "forum_descriptions.heads.conference", "'conference call' is not one word"),
    ("forum_description_unknown_speaker_role", "context.yaml", "  unresolved_in: [reporter]",
     "  unresolved_in: [reportr]", "forum_descriptions.unresolved_in", "unknown speaker role 'reportr'"),
    ("blocker_subject_blocks_nothing", "context.yaml", "blocker_subjects: [it, It,", "blocker_subjects: [we, it, It,",
     "blocker_subjects", "'we' is not in unresolved_blocks_default"),
    ("items_subject_without_objects", "rules.yaml", "    objects: \"OBJ:actor\"\n    subject_default: doc_forum\n",
     "    subject_default: doc_forum\n", "participate.participant_list_doc_session", "items_subject needs an `objects` pattern"),
    ("negation_except_not_text", "rules.yaml", "  except: [not only,", "  except: [[not only],",
     "negation", "['not only']"),
    ("name_like_not_one_word", "guards.yaml", "name_like: [Chad,", "name_like: [Chad Maisel,",
     "name_like", "'Chad Maisel' is not one word"),
]


def broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    root = tmp_path / "ontology"
    shutil.copytree(DEFAULT_ROOT, root)
    path = root / file
    text = path.read_text("utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {file}: update the test"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return root


def test_the_real_ontology_loads(tmp_path):
    root = tmp_path / "ontology"
    shutil.copytree(DEFAULT_ROOT, root)
    assert len(load_ontology(root).entities) > 700


@pytest.mark.parametrize("name,file,old,new,record,message", FAULTS, ids=[f[0] for f in FAULTS])
def test_a_broken_file_is_refused_with_file_record_and_value(tmp_path, name, file, old, new, record, message):
    root = broken_copy(tmp_path, file, old, new)
    with pytest.raises(OntologyError) as info:
        load_ontology(root)
    err = info.value
    assert Path(err.file) == root / file, str(err)
    assert err.record == record, str(err)
    assert message in str(err), str(err)
    assert str(err).startswith(f"{root / file}" + (f", record {record}: " if record else ": "))


def test_not_utf8(tmp_path):
    root = broken_copy(tmp_path, "text.yaml", "", "")
    (root / "text.yaml").write_bytes((root / "text.yaml").read_bytes() + "# caf\xe9\n".encode("latin-1"))
    with pytest.raises(OntologyError, match=r"text.yaml: not UTF-8"):
        load_ontology(root)


def test_missing_file(tmp_path):
    root = broken_copy(tmp_path, "rules.yaml", "", "")
    (root / "rules.yaml").unlink()
    with pytest.raises(OntologyError, match=r"rules.yaml: file missing"):
        load_ontology(root)


def test_empty_file(tmp_path):
    root = broken_copy(tmp_path, "gazetteer/forums.yaml", "", "")
    (root / "gazetteer" / "forums.yaml").write_text("")
    with pytest.raises(OntologyError, match=r"forums.yaml: expected a mapping, got NoneType: None"):
        load_ontology(root)


def test_a_value_yaml_cannot_build(tmp_path):
    root = broken_copy(tmp_path, "text.yaml", "max_label_words: 7", "max_label_words: !!float seven")
    with pytest.raises(OntologyError, match=r"text.yaml: bad YAML: ValueError: could not convert string to float"):
        load_ontology(root)


def test_the_cli_prints_the_fault_in_one_line(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    root = broken_copy(tmp_path, *FAULTS[0][1:4])
    result = CliRunner().invoke(main, ["build", "--ontology", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == f"kg: error: {root / 'entities.yaml'}, record Joe_Biden: unknown key 'nickname' " \
                            "(allowed: adjectives, aliases, alliance, country, demonyms, gender, id, label, note, own_requests, part_of, parties, " \
                            "roles, seat_of, sessions, type, venue, wikidata)\n"
    assert not (tmp_path / "out").exists()
