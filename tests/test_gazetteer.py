"""The gazetteer data: loading, coverage of the UN membership, date-bounded roles, guards."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.load import parse_document
from kg.match import holder
from kg.ontology import load_ontology
from kg.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "ontology" / "gazetteer"


def _doc(onto, text: str, date: str, url: str = "https://www.whitehouse.gov/briefing-room/x/"):
    raw = f"---\ntitle: Readout\ndate: {date}\nsource_url: {url}\n---\n\n{text}\n"
    return extract_document(onto, parse_document(f"t-{date}.md", raw.encode()))


def _found(onto, text, date):
    r = _doc(onto, text, date)
    return [(r.document.text[m.start:m.end], m.entity) for m in r.mentions if m.how in ("gazetteer", "role")]


# ---------------------------------------------------------------- loading and size

def test_every_gazetteer_file_loads_with_unique_ids_and_aliases(onto):
    files = {Path(e.source).name for e in onto.entities.values()}
    assert {"states.yaml", "capitals.yaml", "organizations.yaml", "forums.yaml", "people.yaml",
            "us_government.yaml", "places.yaml", "entities.yaml"} <= files


def test_all_193_un_members_and_the_observers_are_states_with_wikidata(onto):
    states = {e.label: e for e in onto.entities.values() if e.type == "State"}
    assert len(states) >= 197                    # 193 members, 2 observers, Taiwan, Kosovo
    for label in ("Holy See", "Palestine", "Tuvalu", "Eswatini", "Burma", "Türkiye", "Côte d’Ivoire"):
        assert label in states, label
    missing = [l for l, e in states.items() if not e.wikidata]
    assert not missing
    wd = [e.wikidata for e in states.values()]
    assert len(wd) == len(set(wd))               # no id given twice


def test_capitals_are_places_of_their_state_and_stand_for_it(onto):
    extra = onto.extra
    assert extra["Beijing"].part_of == "China" and extra["Beijing"].seat_of == "China"
    assert extra["Tokyo"].seat_of == "Japan"
    assert extra["Amsterdam"].seat_of is None    # not the seat of government
    for eid, x in extra.items():
        if x.seat_of:
            assert onto.entities[eid].type == "Place" and onto.entities[x.seat_of].type == "State"


def test_a_duplicate_alias_across_files_is_refused_with_file_and_entity(tmp_path):
    root = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", root)
    (root / "gazetteer" / "zz_bad.yaml").write_text(
        "version: 1\nentities:\n  - {id: Not_Japan, type: State, label: Nippon, aliases: [Japan]}\n",
        encoding="utf-8")
    with pytest.raises(OntologyError) as err:
        load_ontology(root)
    assert "zz_bad.yaml" in str(err.value) and "Japan" in str(err.value)


def test_a_role_that_ends_before_it_starts_is_refused(tmp_path):
    root = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", root)
    (root / "gazetteer" / "zz_bad.yaml").write_text(
        "version: 1\nentities:\n  - {id: Someone, type: Person, label: Some One, country: Japan,\n"
        "     roles: [{title: head_of_government, of: Japan, from: 2022-01-01, to: 2021-01-01}]}\n",
        encoding="utf-8")
    with pytest.raises(OntologyError, match="ends"):
        load_ontology(root)


def test_a_bad_guards_file_is_refused_with_its_name(tmp_path):
    root = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", root)
    (root / "guards.yaml").write_text("version: 1\nname_like: [Jim Jordan]\n", encoding="utf-8")
    with pytest.raises(OntologyError) as err:
        load_ontology(root)
    assert "guards.yaml" in str(err.value) and "Jim Jordan" in str(err.value)


# ---------------------------------------------------------------- date-bounded roles

@pytest.mark.parametrize("role, of, date, who", [
    ("head_of_government", "United_Kingdom", "2021-06-01", "Boris_Johnson"),
    ("head_of_government", "United_Kingdom", "2022-10-01", "Liz_Truss"),
    ("head_of_government", "United_Kingdom", "2023-06-01", "Rishi_Sunak"),
    ("head_of_government", "United_Kingdom", "2024-09-01", "Keir_Starmer"),
    ("head_of_government", "Germany", "2021-06-01", "Angela_Merkel"),
    ("head_of_government", "Germany", "2022-06-01", "Olaf_Scholz"),
    ("secretary_general", "NATO", "2023-07-11", "Jens_Stoltenberg"),
    ("secretary_general", "NATO", "2024-12-01", "Mark_Rutte"),
    ("foreign_minister", "China", "2023-03-01", "Qin_Gang"),
    ("foreign_minister", "China", "2023-09-01", "Wang_Yi"),
    ("head_of_state", "United_States", "2020-06-01", "Donald_Trump"),
    ("head_of_state", "United_States", "2022-06-01", "Joe_Biden"),
    ("head_of_state", "United_Arab_Emirates", "2021-06-01", "Khalifa_bin_Zayed"),
    ("head_of_state", "United_Arab_Emirates", "2022-06-01", "Mohamed_bin_Zayed"),
    ("head_of_state", "Israel", "2021-06-01", "Reuven_Rivlin"),
    ("head_of_state", "Israel", "2021-08-01", "Isaac_Herzog"),
    ("head_of_government", "Iraq", "2021-07-26", "Mustafa_al_Kadhimi"),
    ("head_of_government", "Greece", "2023-06-01", None),        # the caretaker weeks
    ("head_of_government", "Norway", "2021-06-01", "Erna_Solberg"),
])
def test_holder_is_the_person_in_office_on_the_date(onto, role, of, date, who):
    assert holder(onto, role, of, date) == who


def test_a_hand_over_day_names_nobody_rather_than_a_guess(onto):
    # Johnson left and Truss arrived on 6 September 2022
    assert holder(onto, "head_of_government", "United_Kingdom", "2022-09-06") is None


def test_the_same_phrase_names_different_people_on_different_dates(onto):
    text = "The British Prime Minister spoke with the German Chancellor about Ukraine."
    in_2021 = dict(_found(onto, text, "2021-06-10"))
    in_2023 = dict(_found(onto, text, "2023-06-10"))
    assert in_2021["The British Prime Minister"] == "Boris_Johnson"
    assert in_2023["The British Prime Minister"] == "Rishi_Sunak"
    assert in_2021["the German Chancellor"] == "Angela_Merkel"
    assert in_2023["the German Chancellor"] == "Olaf_Scholz"


def test_role_phrases_of_states_and_organisations_resolve(onto):
    text = ("The President met the Prime Minister of the United Kingdom and NATO Secretary General "
            "Jens Stoltenberg; Japan’s Prime Minister and the Secretary of State joined.")
    found = dict(_found(onto, text, "2022-06-28"))
    assert found["The President"] == "Joe_Biden"                 # the issuer's president
    assert found["the Prime Minister of the United Kingdom"] == "Boris_Johnson"
    assert found["NATO Secretary General Jens Stoltenberg"] == "Jens_Stoltenberg"
    assert found["Japan’s Prime Minister"] == "Fumio_Kishida"
    assert found["the Secretary of State"] == "Antony_Blinken"


def test_a_crown_prince_is_not_the_king(onto):
    found = dict(_found(onto, "The Saudi Crown Prince met the Saudi King.", "2023-06-01"))
    assert found["The Saudi Crown Prince"] == "Mohammed_bin_Salman"
    assert found["the Saudi King"] == "Salman_of_Saudi_Arabia"


def test_title_and_surname_resolve_through_the_role(onto):
    found = dict(_found(onto, "Chancellor Scholz and Prime Minister Kishida met Secretary Yellen.", "2022-06-27"))
    assert found == {"Chancellor Scholz": "Olaf_Scholz", "Prime Minister Kishida": "Fumio_Kishida",
                     "Secretary Yellen": "Janet_Yellen"}


# ---------------------------------------------------------------- false-positive guards

def test_european_quad_is_not_the_quad(onto):
    found = _found(onto, "Blinken spoke with his European Quad counterparts before the Quad met.", "2021-12-07")
    assert ("the Quad", "Quad") in found
    assert not any(text.startswith("European") for text, _ in found)


def test_bare_georgia_is_the_us_state_and_the_country_needs_its_adjective(onto):
    found = dict(_found(onto, "Voters in Georgia went to the polls. The Georgian government protested.",
                        "2022-11-08"))
    assert found["Georgia"] == "Georgia_US_state"
    assert found["The Georgian government"] == "Georgia"


def test_chad_and_jordan_as_personal_names_are_not_states(onto):
    text = ("Deputy Director Chad Maisel briefed Representative Jim Jordan and Jordan Fabian. "
            "The President spoke with the leaders of Chad and Jordan.")
    found = _found(onto, text, "2023-03-01")
    states = [t for t, e in found if e in ("Chad", "Jordan")]
    assert states == ["Chad", "Jordan"]               # the two at the end only


def test_indian_country_is_not_india(onto):
    found = _found(onto, "Investments in Indian Country and the Indian Ocean; the Indian government agreed.",
                   "2023-03-01")
    assert found == [("the Indian government", "India")]


# ---------------------------------------------------------------- beyond Europe (sentences from the 2021-2022 briefings)

def test_the_three_pillars_of_taiwan_policy_are_agreements_and_the_strait_a_place(onto):
    text = ("We maintain our commitments, as outlined in the Three Communiqués, the Taiwan Relations Act, "
            "and the Six Assurances, and we oppose unilateral changes to the status quo across the Taiwan Strait.")
    found = dict(_found(onto, text, "2022-08-02"))
    assert found["the Three Communiqués"] == "Three_Communiques"
    assert found["the Taiwan Relations Act"] == "Taiwan_Relations_Act"
    assert found["the Six Assurances"] == "Six_Assurances"
    assert found["the Taiwan Strait"] == "Taiwan_Strait"
    assert {onto.entities[e].type for e in found.values()} == {"Agreement", "Place"}


def test_the_parties_in_ethiopia_resolve(onto):
    text = ("Senator Coons will meet with Prime Minister Abiy at President Biden’s request about the Tigray "
            "region. The Ethiopian government, the Tigray People’s Liberation Front (TPLF), and Amhara regional "
            "forces must agree to a ceasefire; AU High Representative Obasanjo is leading the talks.")
    found = dict(_found(onto, text, "2021-11-05"))
    assert found["Prime Minister Abiy"] == "Abiy_Ahmed"
    assert found["the Tigray region"] == "Tigray" and onto.entities["Tigray"].type == "Place"
    assert found["the Tigray People’s Liberation Front"] == "TPLF"
    assert found["TPLF"] == "TPLF"
    assert found["Obasanjo"] == "Olusegun_Obasanjo"


def test_gaza_is_a_place_and_hamas_the_actor(onto):
    found = dict(_found(onto, "Hamas fired rockets from Gaza into Israel and the West Bank.", "2021-05-15"))
    assert found["Hamas"] == "Hamas" and onto.entities["Hamas"].type == "Organization"
    assert found["Gaza"] == "Gaza_Strip" and onto.entities["Gaza_Strip"].type == "Place"
    assert found["the West Bank"] == "West_Bank"


def test_titles_and_surnames_of_leaders_beyond_europe_resolve(onto):
    text = ("President Biden welcomed Prime Minister Kadhimi of Iraq. Prime Minister Lee and "
            "Deputy Secretary Sherman discussed the Indo-Pacific Economic Framework.")
    found = dict(_found(onto, text, "2021-07-26"))
    assert found["Prime Minister Kadhimi"] == "Mustafa_al_Kadhimi"
    assert found["Prime Minister Lee"] == "Lee_Hsien_Loong"
    assert found["Deputy Secretary Sherman"] == "Wendy_Sherman"


def test_surnames_and_acronyms_with_other_readings_stay_unmatched(onto):
    text = ("Martin O’Malley spoke with Coach Lasso about body-worn cameras (BWC) and First Lady Martine Moïse.")
    found = dict(_found(onto, text, "2023-03-20"))
    assert not {"Robert_Malley", "Guillermo_Lasso", "Biological_Weapons_Convention",
                "Jovenel_Moise"} & set(found.values())


def test_a_committee_of_congress_is_at_home_in_the_united_states(onto):
    from kg.ontology import home_of
    _, parts, _ = onto.entity_maps()
    assert home_of("Senate_Foreign_Relations_Committee", onto.entities, parts) == "United_States"


def test_a_readout_with_governors_only_relates_no_one(onto):
    # "Governor Kate Brown" is no foreign side: a domestic meeting is no diplomatic relation
    r = _doc(onto, "Secretary Mayorkas met with Governor Kate Brown and Governor Spencer Cox today to discuss "
                   "wildfire preparedness.", "2022-07-14")
    assert [a for a in r.assertions if a.predicate == "meetsWith"] == []


def test_people_of_no_stated_state_make_no_second_side(onto):
    # "Chair Gary Gensler" is introduced with a title and no state: no foreign side to relate to
    r = _doc(onto, "President Biden met today with Chair Gary Gensler and Chair Lina Khan to discuss competition.",
             "2021-09-10")
    assert r.assertions == []
