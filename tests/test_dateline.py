"""A document's dateline (the title after "|" or an en-route phrase, the body's lines before the
time stamp) is where the session the document is about meets: FORUM heldIn PLACE (rule
held.dateline). Texts from real briefings, shortened."""
import pytest

from kg.load import parse_document
from kg.pipeline import extract_document
from kg.datelines import dateline_lines
from test_relate import make_document


def _held(onto, title, body, date="2022-06-29"):
    doc = parse_document("dateline.md", make_document({"date": date, "title": title, "body": body}))
    return {(a.subject, a.object, a.modality) for a in extract_document(onto, doc).assertions
            if a.rule == "held.dateline"}


DATELINES = [
    # 2021-06-15 Remarks ... at the U.S.-EU Summit Expanded Plenary Session
    pytest.param("Remarks by President Biden at the U.S.-EU Summit Expanded Plenary Session",
                 "European Council  \nBrussels, Belgium\n\n12:05 P.M. CEST\n\n"
                 "THE PRESIDENT:  Well, thank you very much.  It’s good to be here.\n", "2021-06-15",
                 {("US_EU_Summit", "Brussels", "asserted")},
                 id="body_dateline_before_time_stamp_places_the_title_session"),
    # 2021-10-28 Press Gaggle ... En Route Rome, Italy: "front and center at this G20"
    pytest.param("Press Gaggle by Principal Deputy Press Secretary Karine Jean-Pierre and National "
                 "Security Advisor Jake Sullivan En Route Rome, Italy",
                 "2:36 P.M. EDT\n\nMR. SULLIVAN:  And I think you’ll see the U.S. and Europe front and center "
                 "at this G20 as we deal with the fact that neither the leaders of Russia nor China will be "
                 "present in the room.\n", "2021-10-28", {("G20", "Rome", "planned")},
                 id="title_en_route_is_planned_and_this_forum_is_the_session"),
    # 2024-11-18 Remarks ... During the First Session of the G20 Summit | Rio de Janeiro, Brazil
    pytest.param("Remarks by President Biden During the First Session of the G20 Summit | Rio de Janeiro, Brazil",
                 "Museu de Arte Moderna  \nRio de Janeiro, Brazil\n\n11:05 A.M. BRT\n\n"
                 "THE PRESIDENT:  Thank you, Mr. President.\n", "2024-11-18", {("G20", "Rio_de_Janeiro", "asserted")},
                 id="first_place_of_a_line_and_title_bar"),
]


@pytest.mark.parametrize("title, body, date, expected", DATELINES)
def test_dateline_places_the_session(onto, title, body, date, expected):
    assert _held(onto, title, body, date) == expected


def test_no_place_aboard_a_plane_or_at_an_air_base(onto):
    lines = dateline_lines(onto.rules, "Press Gaggle by Press Secretary Karine Jean-Pierre En Route "
                           "Ramstein Air Base, Germany", "Aboard Air Force One  \nEn Route Ramstein Air Base, "
                           "Germany\n\n10:41 A.M. EDT\n\nMS. JEAN-PIERRE:  Hi.\n")
    assert lines == []


def test_no_session_no_relation(onto):
    # 2024-12-03 Background Press Gaggle on the Lobito Corridor: an initiative, not a session
    assert _held(onto, "Background Press Gaggle on the Lobito Corridor",
                 "Luanda, Angola\n\n10:02 A.M. WAT\n\nSENIOR ADMINISTRATION OFFICIAL:  Thanks.\n",
                 "2024-12-03") == set()
    # a body of the speaker's own country: the session is elsewhere
    assert _held(onto, "Remarks by President Biden Before the G20 Summit",
                 "Los Angeles, California\n\n9:02 A.M. PDT\n\nTHE PRESIDENT:  Hi.\n", "2023-09-07") == set()
    assert _held(onto, "Remarks by President Biden Before the G20 Summit",
                 "New Delhi, India\n\n9:02 A.M. IST\n\nTHE PRESIDENT:  Hi.\n", "2023-09-09") == \
        {("G20", "New_Delhi", "asserted")}


def test_body_named_in_the_dateline_is_the_session(onto):
    # 2022-03-24 Remarks by President Biden in Press Conference: "NATO Headquarters / Brussels, Belgium"
    got = _held(onto, "Remarks by President Biden in Press Conference",
                "NATO Headquarters  \nBrussels, Belgium\n\n6:32 P.M. CET\n\n"
                "THE PRESIDENT:  Good evening, everyone.  And we held a NATO summit the very next day.\n",
                "2022-03-24")
    assert got == {("NATO", "Brussels", "asserted")}
