"""kg.formats: a bilateral format of the issuing government holds both its sides."""
from kg.load import parse_document
from kg.pipeline import extract_document

from test_relate import make_document


def _keys(onto, case):
    result = extract_document(onto, parse_document("t.md", make_document(case)))
    return {(a.subject, a.predicate, a.object, a.modality, a.rule) for a in result.assertions}


def test_the_other_side_of_a_bilateral_summit_takes_part_with_the_same_rule(onto):
    # corpus 2021-10-26 remarks: the title names the President at the U.S.-ASEAN Summit only
    keys = _keys(onto, {"date": "2021-10-26", "title": "Remarks by President Biden at the Annual U.S.-ASEAN Summit",
                        "speaker": "THE PRESIDENT", "text": "Well, thank you for bringing us together today."})
    assert ("Joe_Biden", "participatesIn", "US_ASEAN_Summit", "asserted", "participate.person_at_forum") in keys
    assert ("ASEAN", "participatesIn", "US_ASEAN_Summit", "asserted", "participate.person_at_forum") in keys


def test_a_format_of_other_governments_brings_no_one_along(onto):
    # as seeds/003 ("The leaders agreed to ... a NATO-Russia Council conversation on the 12th"):
    # Russia takes part; NATO (a party in the gazetteer) is not added, as the gold names the
    # member states that sit for it
    keys = _keys(onto, {"date": "2021-12-30", "speaker": "SENIOR ADMINISTRATION OFFICIAL",
                        "text": "Russia agreed to a NATO-Russia Council meeting on the 12th."})
    assert any(k[:3] == ("Russia", "participatesIn", "NATO_Russia_Council") for k in keys)
    assert not any(k[:3] == ("NATO", "participatesIn", "NATO_Russia_Council") for k in keys)


def test_a_group_of_more_than_two_brings_no_one_along(onto):
    # corpus 2022-03-31 press call: "the call he had with the Quint" (five parties)
    keys = _keys(onto, {"date": "2022-03-31", "speaker": "SENIOR ADMINISTRATION OFFICIAL",
                        "text": "And earlier this week, we gave a readout of the call the President had with the Quint."})
    assert not any(k[1:3] == ("participatesIn", "Quint") and k[0] in ("France", "Germany", "Italy") for k in keys)
